//! Bytes as a CSV file: the table reader, then the provider and brukare validation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use valfri_utbyte_fuzz::{Format, las_och_tolka};

fuzz_target!(|data: &[u8]| {
    // A zip archive goes to the XLSX reader; that is the other target's.
    if data.starts_with(b"PK\x03\x04") {
        return;
    }
    las_och_tolka(data, Format::Csv);
});
