//! How long the documents take: one letter, one 40-provider sheet, and a batch of 1 000
//! letters on both cores with one shared `Typsnitt`. `cargo test --benches` runs each once.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use valfri_dokument::{Typsnitt, jamforelseblad, valfrihetsbrev};
use valfri_l10n::Localizer;

fn dokument(c: &mut Criterion) {
    let t = Typsnitt::inbyggda().unwrap();
    let l = Localizer::new().unwrap();
    let form = common::form("sv", false);
    let brev = common::valfrihetsunderlag(16);
    let blad = common::jamforelseunderlag(40);
    eprintln!(
        "sizes: letter with 16 providers {} bytes, sheet with 40 providers {} bytes",
        valfrihetsbrev(&t, &l, &brev, &form).unwrap().len(),
        jamforelseblad(&t, &l, &blad, &form).unwrap().len()
    );

    c.bench_function("letter, 16 providers", |b| {
        b.iter(|| valfrihetsbrev(&t, &l, black_box(&brev), &form).unwrap());
    });
    c.bench_function("sheet, 40 providers", |b| {
        b.iter(|| jamforelseblad(&t, &l, black_box(&blad), &form).unwrap());
    });

    // A batch: different recipients, each thread takes a chunk and shares the font by reference.
    let alla: Vec<_> = (0..1000)
        .map(|i| {
            let mut u = common::valfrihetsunderlag(8 + i % 12);
            u.mottagare.namn = format!("Brukare {i}");
            u
        })
        .collect();
    let mut grupp = c.benchmark_group("batch");
    grupp.sample_size(10);
    grupp.bench_function("1000 letters, 2 threads", |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                for bit in alla.chunks(alla.len().div_ceil(2)) {
                    let (t, l, form) = (&t, &l, &form);
                    s.spawn(move || {
                        bit.iter()
                            .map(|u| valfrihetsbrev(t, l, u, form).unwrap().len())
                            .sum::<usize>()
                    });
                }
            });
        });
    });
    grupp.finish();
}

criterion_group!(benches, dokument);
criterion_main!(benches);
