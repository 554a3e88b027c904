//! Bytes as an XLSX workbook: the table reader (calamine behind a panic guard), then the
//! provider and brukare validation.
//!
//! libFuzzer's panic hook aborts on any panic, also one the reader's guard would have turned
//! into an error, so a panic deep in calamine is found here rather than hidden.
#![no_main]

use libfuzzer_sys::fuzz_target;
use valfri_utbyte_fuzz::{Format, las_och_tolka};

fuzz_target!(|data: &[u8]| {
    // Only what the reader takes for a workbook: everything else is the CSV target's.
    if !data.starts_with(b"PK\x03\x04") {
        return;
    }
    las_och_tolka(data, Format::Xlsx);
});
