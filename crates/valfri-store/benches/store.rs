//! Opening the store and searching brukare: on the demo municipality, and on a generated one
//! with 100 000 brukare (the search target is 2 ms at the 95th percentile of single searches,
//! which a full run prints after criterion's groups).
//!
//! `cargo bench -p valfri-store`. Under `cargo test` each benchmark runs once as a smoke test,
//! on a smaller generated municipality so the test suite stays quick.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use valfri_domain::Roll;
use valfri_store::{Aktor, Losenfras, Store, demo, idag};

fn aktor(store: &Store) -> Aktor {
    let h = store
        .handlaggare_lista()
        .ok()
        .and_then(|l| l.into_iter().find(|h| h.roll == Roll::Systemforvaltare));
    h.map_or_else(
        || Aktor { id: "system:bench".into(), namn: "bench".into(), roll: Roll::Systemforvaltare },
        |h| Aktor { id: h.id, namn: h.namn, roll: h.roll },
    )
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo_fil = dir.path().join("demo.sqlite");
    valfri_store::skapa_databas(&demo_fil, &valfri_store::Skydd::Okrypterad, false, |s| {
        demo::skapa_demo(s, idag())
    })
    .expect("demo");

    c.bench_function("open demo store", |b| {
        b.iter(|| black_box(Store::oppna(&demo_fil, None).expect("open")));
    });
    let store = Store::oppna(&demo_fil, None).expect("open");
    let a = aktor(&store);
    c.bench_function("demo search 'ekstr'", |b| {
        b.iter(|| black_box(store.sok_brukare(&a, "ekstr", 50).expect("sok")));
    });

    // The encrypted demo: opening pays for PBKDF2 once (what the lock screen waits for); a search
    // pays for decrypting the pages it reads.
    let krypterad = dir.path().join("krypterad.sqlite");
    let losen = Losenfras::ny(demo::DEMO_LOSENFRAS).expect("losen");
    valfri_store::skapa_databas(
        &krypterad,
        &valfri_store::Skydd::Losenfras(losen.clone()),
        false,
        |s| demo::skapa_demo(s, idag()),
    )
    .expect("demo");
    let mut g = c.benchmark_group("encrypted demo");
    g.sample_size(20);
    g.bench_function("open", |b| {
        b.iter(|| black_box(Store::oppna(&krypterad, Some(&losen)).expect("open")));
    });
    let store = Store::oppna(&krypterad, Some(&losen)).expect("open");
    let a = aktor(&store);
    g.bench_function("search 'ekstr'", |b| {
        b.iter(|| black_box(store.sok_brukare(&a, "ekstr", 50).expect("sok")));
    });
    g.finish();

    // A full bench run measures the size the issue names; a test run only checks that it works.
    let antal = if std::env::args().any(|a| a == "--bench") { 100_000 } else { 2_000 };
    let stor = dir.path().join("stor.sqlite");
    valfri_store::skapa_databas(&stor, &valfri_store::Skydd::Okrypterad, false, |s| {
        demo::generera(s, antal, 300, 7, idag())
    })
    .expect("generate");
    let store = Store::oppna(&stor, None).expect("open");
    let a = aktor(&store);
    let fragor = ["Lindqvist", "lindq", "marg sjö", "ek", "19450312", "Åsa Öberg", "zzzxq"];
    let mut g = c.benchmark_group(format!("search {antal} brukare"));
    for fraga in fragor {
        g.bench_function(fraga, |b| {
            b.iter(|| black_box(store.sok_brukare(&a, fraga, 50).expect("sok")));
        });
    }
    g.finish();
    // The target is for each search as a person waits for it: the 95th percentile of single
    // searches, which criterion's means do not show.
    if std::env::args().any(|a| a == "--bench") {
        for fraga in fragor {
            let mut tider: Vec<std::time::Duration> = (0..1000)
                .map(|_| {
                    let t = std::time::Instant::now();
                    black_box(store.sok_brukare(&a, fraga, 50).expect("sok"));
                    t.elapsed()
                })
                .collect();
            tider.sort_unstable();
            eprintln!(
                "search {antal} brukare {fraga:?}: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
                tider[499].as_secs_f64() * 1e3,
                tider[949].as_secs_f64() * 1e3,
                tider[999].as_secs_f64() * 1e3,
            );
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(200);
    targets = bench
}
criterion_main!(benches);
