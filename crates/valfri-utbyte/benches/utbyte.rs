//! A provider register of 5 000 rows (2 500 providers, two insatser each) as a municipality's
//! Excel export writes it: read and checked (the preview a systemförvaltare sees), and imported
//! whole into the demo municipality (the target is under 2 s).
//!
//! `cargo bench -p valfri-utbyte`. Under `cargo test` each benchmark runs once, on 500 rows.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use valfri_domain::{Organisationsnummer, Roll};
use valfri_store::{Aktor, Store, demo, idag};
use valfri_utbyte::{tabell, utforare};

const RUBRIK: &str = "namn;organisationsnummer;regi;insats;omraden;godkand_fran;godkand_till;kapacitetstak;kapacitet_bekraftad;paus_till;sprak;inriktning;tillaggstjanster;telefon;epost;webb;adress;postnummer;postort;presentation;kvalitet: Helhetsnöjdhet (%, 2025, Exempelvärden)";

/// `rader` rows, two per fictional provider, with a BOM and `;` as Swedish Excel writes them.
fn register(rader: u32) -> Vec<u8> {
    let mut csv = String::from("\u{feff}");
    csv.push_str(RUBRIK);
    csv.push_str("\r\n");
    for n in 0..rader {
        let leverantor = n / 2;
        let orgnr = Organisationsnummer::fran_delar(5, 91_000_000 + leverantor)
            .expect("valid test number")
            .to_string();
        let insats = if n % 2 == 0 { "hemtjanst" } else { "ledsagarservice" };
        let _ = write!(
            csv,
            "Omsorgsbolaget nr {leverantor} AB;{orgnr};privat;{insats};C, N;2025-01-01;;{};2025-10-01;;sv, fi;Demens;Fönsterputs;0999-{:06};kontakt{leverantor}@exempel.example;https://exempel.example;Storgatan {leverantor};59930;Exempelby;Vi finns i centrum och talar svenska och finska.;{},{}\r\n",
            20 + leverantor % 30,
            leverantor,
            80 + leverantor % 20,
            leverantor % 10,
        );
    }
    csv.into_bytes()
}

fn demo_store() -> (Store, Aktor) {
    let store = Store::open_i_minnet().expect("store");
    demo::skapa_demo(&store, idag()).expect("demo");
    let h = store
        .handlaggare_lista()
        .expect("list")
        .into_iter()
        .find(|h| h.roll == Roll::Systemforvaltare)
        .expect("systemförvaltare");
    let aktor = store.aktor(&h.id).expect("aktor");
    (store, aktor)
}

fn bench(c: &mut Criterion) {
    let rader = if std::env::args().any(|a| a == "--bench") { 5_000 } else { 500 };
    let fil = register(rader);
    let mut g = c.benchmark_group(format!("provider import, {rader} rows"));
    g.sample_size(10);

    let (store, _) = demo_store();
    g.bench_function("read and check", |b| {
        b.iter(|| {
            let t = tabell::las(black_box(&fil)).expect("read");
            let import = utforare::tolka(&t, &store).expect("check");
            assert!(import.ar_felfri(), "{:?}", import.fel.first());
            black_box(import)
        });
    });

    g.bench_function("read, check and import", |b| {
        b.iter_batched(
            demo_store,
            |(store, aktor)| {
                let t = tabell::las(&fil).expect("read");
                let import = utforare::tolka(&t, &store).expect("check");
                let klart =
                    utforare::tillampa(&store, &aktor, &import, "bench", idag()).expect("import");
                assert!(klart.version.is_some());
                black_box((klart, store))
            },
            BatchSize::PerIteration,
        );
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
