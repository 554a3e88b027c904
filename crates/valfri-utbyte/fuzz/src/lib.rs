//! What the three fuzz targets share: the store they read against, the contract they assert,
//! and the test-only signing key of the package seeds.
//!
//! The contract (issue 7): any input gives a report or an error, never a panic or a partial
//! import. Concretely, for every input:
//! - the reader gives a table or one of the reader's own errors;
//! - validating the table against the register gives a report (an `Err` would be the store
//!   failing, which an in-memory store does not);
//! - every row problem and every error names a line or row that exists and has a sentence in
//!   the reference language (so the report a caseworker reads is never a bare id);
//! - a report with any problem makes applying refuse before the store is touched, and a report
//!   without problems can be previewed.
#![forbid(unsafe_code)]

use std::cell::OnceCell;
use std::sync::OnceLock;

use chrono::NaiveDate;
use ed25519_dalek::SigningKey;
use valfri_domain::{Anvandarmeddelande, Roll};
use valfri_l10n::Localizer;
use valfri_store::{Aktor, Store};
use valfri_utbyte::{Radfel, Utbytesfel, brukare, tabell, utforare};

/// A fixed day, so a run is the same however often it is repeated.
pub fn dag() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default()
}

/// The secret half of the key the package seeds were signed with. For fuzzing only: no office
/// trusts it, and it is public here on purpose so the `paket` target can sign content itself.
pub const TESTNYCKEL: [u8; 32] = *b"valfri-fuzz-testnyckel-ej-hemlig";

pub fn testnyckel() -> SigningKey {
    SigningKey::from_bytes(&TESTNYCKEL)
}

thread_local! {
    // Store is not Sync; libFuzzer calls the target from one thread, so one per thread is one.
    static STORE: OnceCell<(Store, Aktor)> = const { OnceCell::new() };
}

/// The demo municipality in memory, made once; targets only read it.
pub fn med_store<R>(f: impl FnOnce(&Store, &Aktor) -> R) -> R {
    STORE.with(|c| {
        let (store, aktor) = c.get_or_init(ny_store);
        f(store, aktor)
    })
}

/// A fresh demo municipality and its systemförvaltare. Setting up is not what is fuzzed: a
/// failure here is the harness's, so it may stop the run.
pub fn ny_store() -> (Store, Aktor) {
    let store = Store::open_i_minnet().expect("in-memory store");
    valfri_store::demo::skapa_demo(&store, dag()).expect("demo municipality");
    let h = store
        .handlaggare_lista()
        .expect("handläggare")
        .into_iter()
        .find(|h| h.roll == Roll::Systemforvaltare)
        .expect("the demo has a systemförvaltare");
    let aktor = Aktor { id: h.id, namn: h.namn, roll: h.roll };
    (store, aktor)
}

fn l10n() -> &'static Localizer {
    static L10N: OnceLock<Localizer> = OnceLock::new();
    L10N.get_or_init(|| Localizer::new().expect("the locale files parse"))
}

/// The message has a sentence in Swedish (a missing message shows its bare id).
pub fn har_text(m: &dyn Anvandarmeddelande) {
    let id = m.meddelande_id();
    assert!(!id.is_empty(), "a message without an id: {:?}", id);
    let text = l10n().meddelande("sv", m);
    assert!(text != id && !text.trim().is_empty(), "no Swedish text for {id}");
}

/// Which table reader a target drives; `las` tells them apart by content, so the XLSX target
/// only gives it zip archives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

/// Bytes through the table reader and both validations, as `valfri import` and the app's
/// import do before anything is written, asserting the contract on the way.
pub fn las_och_tolka(bytes: &[u8], format: Format) {
    let t = match tabell::las(bytes) {
        Ok(t) => t,
        Err(e) => {
            match (&e, format) {
                (Utbytesfel::TomFil | Utbytesfel::ForStor { .. }, _)
                | (Utbytesfel::Csv { .. }, Format::Csv)
                | (
                    Utbytesfel::Xlsx { .. }
                    | Utbytesfel::Uppackad { .. }
                    | Utbytesfel::DelensStorlek
                    | Utbytesfel::Strangar { .. },
                    Format::Xlsx,
                ) => {}
                _ => panic!("the {format:?} reader gave an error of another kind: {e:?}"),
            }
            if let Utbytesfel::Csv { rad, .. } = e {
                assert!(rad >= 1 && rad <= rader_i(bytes), "CSV error on line {rad}, which the file does not have");
            }
            har_text(&e);
            return;
        }
    };
    assert!(t.rubriker.iter().any(|r| !r.trim().is_empty()), "a table without a header was read");
    let mut forra = 1;
    for r in &t.rader {
        assert!(r.nr > forra, "row numbers go {forra} then {}", r.nr);
        assert!(!r.ar_tom(), "a blank row was kept");
        forra = r.nr;
    }
    if format == Format::Csv {
        assert!(forra <= rader_i(bytes), "row on line {forra}, which the file does not have");
    }
    let sista = forra;

    med_store(|store, aktor| {
        let import = utforare::tolka(&t, store).expect("validating providers reads the store only");
        assert_eq!(import.rader, t.rader.len());
        kontrollera_rapport(&import.fel, sista);
        if import.ar_felfri() {
            // The preview the user sees before applying.
            let _ = utforare::forhandsgranska(store, &import.utforare, dag()).expect("previewing a clean import");
        } else {
            assert!(import.fel.len() <= 32 * (t.rader.len() + 1) * (t.rubriker.len() + 1), "more problems than cells");
            match utforare::tillampa(store, aktor, &import, "fuzz", dag()) {
                Err(Utbytesfel::Felrader { antal }) => assert_eq!(antal, import.fel.len()),
                annat => panic!("a provider file with bad rows was not refused: {annat:?}"),
            }
        }

        let import = brukare::tolka(&t, store).expect("validating brukare reads the store only");
        kontrollera_rapport(&import.fel, sista);
        assert_eq!(import.brukare.len(), import.radnummer.len());
        if !import.fel.is_empty() {
            match brukare::tillampa(store, aktor, &import, "fuzz") {
                Err(Utbytesfel::Felrader { antal }) => assert_eq!(antal, import.fel.len()),
                annat => panic!("a brukare file with bad rows was not refused: {annat:?}"),
            }
        }
    });
}

/// Every row problem points at the header (line 1) or a row the table has, and reads as a
/// sentence.
fn kontrollera_rapport(fel: &[Radfel], sista: usize) {
    for f in fel {
        assert!(f.rad >= 1 && f.rad <= sista, "a problem on line {} of a table whose last row is {sista}", f.rad);
        if let Some(k) = &f.kolumn {
            assert!(k.chars().count() <= 100_000, "a column name longer than the file");
        }
        har_text(f);
    }
}

/// The lines a CSV reader can name: one more than the line breaks (a `\r` alone ends a line too).
fn rader_i(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n' || **b == b'\r').count() + 1
}
