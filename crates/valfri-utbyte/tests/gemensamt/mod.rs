//! The fictional municipality the tests import into, and files to import.
#![allow(dead_code)]

use chrono::NaiveDate;
use valfri_domain::{Organisationsnummer, Personnummer, Roll};
use valfri_store::{Aktor, Store, demo, idag};

/// A fresh demo municipality (Exempelby kommun, fictional) in memory.
pub fn demo() -> Store {
    let store = Store::open_i_minnet().unwrap();
    demo::skapa_demo(&store, idag()).unwrap();
    store
}

pub fn systemforvaltare(store: &Store) -> Aktor {
    let h = store.handlaggare_lista().unwrap().into_iter().find(|h| h.roll == Roll::Systemforvaltare).unwrap();
    Aktor { id: h.id, namn: h.namn, roll: h.roll }
}

pub fn handlaggare(store: &Store) -> Aktor {
    let h = store.handlaggare_lista().unwrap().into_iter().find(|h| h.roll == Roll::Handlaggare).unwrap();
    Aktor { id: h.id, namn: h.namn, roll: h.roll }
}

/// A valid, fictional organisationsnummer (aktiebolag group 5).
pub fn orgnr(n: u32) -> String {
    Organisationsnummer::fran_delar(5, 90_000_000 + n).unwrap().to_string()
}

/// A valid, fictional personnummer.
pub fn pnr(ar: i32, n: u16) -> String {
    Personnummer::fran_delar(NaiveDate::from_ymd_opt(ar, 3, 14).unwrap(), n).to_string()
}

pub const RUBRIK: &str = "namn;organisationsnummer;regi;insats;omraden;godkand_fran;godkand_till;kapacitetstak;kapacitet_bekraftad;paus_till;sprak;inriktning;tillaggstjanster;telefon;epost;webb;adress;postnummer;postort;presentation";

/// One row with the given insats; the rest fixed and valid.
pub fn rad(namn: &str, orgnr: &str, insats: &str, tak: &str) -> String {
    format!(
        "{namn};{orgnr};privat;{insats};C, N;2025-01-01;;{tak};2025-06-01;;sv, fi;Demens;Fönsterputs;0999-100 99;info@exempel.example;https://exempel.example;Storgatan 1;59930;Exempelby;Vi finns i centrum."
    )
}
