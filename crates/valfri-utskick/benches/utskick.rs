//! The documents as a caseworker gets them: each one read from the store, laid out and written
//! as PDF bytes (not to disk). A letter, a jämförelseblad for 40 providers, and a batch of 1 000
//! letters on both cores (each thread with its own connection, as the window's batch has).
//!
//! `cargo bench -p valfri-utskick`. Under `cargo test` each runs once, the batch on 50 letters.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use valfri_dokument::Typsnitt;
use valfri_domain::Roll;
use valfri_l10n::Localizer;
use valfri_store::{Aktor, Store, demo, idag};
use valfri_utskick::{Utskick, Vad};

fn systemforvaltare(s: &Store) -> Aktor {
    let h = s
        .handlaggare_lista()
        .expect("list")
        .into_iter()
        .find(|h| h.roll == Roll::Systemforvaltare)
        .expect("systemförvaltare");
    s.aktor(&h.id).expect("aktor")
}

/// Beslut in the municipality that give a choice, from a spread of searches.
fn beslut_med_val(s: &Store, a: &Aktor, hur_manga: usize) -> Vec<String> {
    let mut ut = Vec::new();
    for q in
        ["a", "e", "i", "o", "u", "y", "n", "r", "s", "l", "m", "k", "t", "d", "b", "g", "h", "p"]
    {
        for t in s.sok_brukare(a, q, 200).expect("search") {
            for b in s.beslut_for_brukare(a, &t.id).expect("beslut") {
                if b.beslutsdatum.is_some()
                    && !ut.contains(&b.id)
                    && s.valbara(a, &b.id, idag()).is_ok()
                {
                    ut.push(b.id);
                }
            }
        }
        if ut.len() >= hur_manga {
            break;
        }
    }
    ut
}

/// The brukare's own letter (not the ombud copies) as PDF bytes.
fn brev(u: &Utskick<'_>, beslut: &str) -> usize {
    let vad = Vad::Valfrihetsbrev { beslut: beslut.to_owned() };
    let form = u.standardform(&vad, "sv").expect("form");
    let utkast = u.bryt_om(&vad, &form).expect("lay out");
    utkast.first().map_or(0, |k| k.dokument.pdf(u.t).expect("pdf").len())
}

fn bench(c: &mut Criterion) {
    let full = std::env::args().any(|a| a == "--bench");
    let (t, l) = (Typsnitt::inbyggda().expect("font"), Localizer::new().expect("texts"));
    let dir = tempfile::tempdir().expect("tempdir");
    // Letters from the demo municipality (its beslut and choices); the sheet from a generated
    // one, at the insats and område with the providers nearest 40 (it has no beslut).
    let fil = dir.path().join("demo.sqlite");
    valfri_store::skapa_databas(&fil, &valfri_store::Skydd::Okrypterad, false, |s| {
        demo::skapa_demo(s, idag())
    })
    .expect("demo");
    let stor = dir.path().join("stor.sqlite");
    valfri_store::skapa_databas(&stor, &valfri_store::Skydd::Okrypterad, false, |s| {
        demo::generera(s, 500, 300, 11, idag())
    })
    .expect("generate");
    let s = Store::oppna(&fil, None).expect("open");
    let a = systemforvaltare(&s);
    let u = Utskick { store: &s, aktor: &a, t: &t, l: &l };
    let alla = beslut_med_val(&s, &a, 200);
    let forsta = alla.first().expect("a beslut with a choice").clone();

    let mut g = c.benchmark_group("from the store");
    g.bench_function("letter", |b| b.iter(|| black_box(brev(&u, &forsta))));
    let s2 = Store::oppna(&stor, None).expect("open");
    let a2 = systemforvaltare(&s2);
    let u2 = Utskick { store: &s2, aktor: &a2, t: &t, l: &l };
    let form = valfri_domain::dokument::Form { sprak: "sv".into(), storstil: false };
    let mut basta: Option<(usize, Vad)> = None;
    for i in s2.insatser("sv").expect("insatser") {
        for o in s2.omraden().expect("omraden") {
            let vad = Vad::Jamforelseblad { insats: i.kod.clone(), omrade: o.kod };
            let n = u2.bryt_om(&vad, &form).expect("sheet").first().map_or(0, |k| k.utforare);
            if basta.as_ref().is_none_or(|(m, _)| n.abs_diff(40) < m.abs_diff(40)) {
                basta = Some((n, vad));
            }
        }
    }
    let (antal, blad) = basta.expect("a sheet");
    eprintln!("the sheet presents {antal} providers");
    g.bench_function(format!("sheet, {antal} providers"), |b| {
        b.iter(|| {
            black_box(
                u2.bryt_om(&blad, &form)
                    .expect("sheet")
                    .first()
                    .map(|k| k.dokument.pdf(&t).expect("pdf").len()),
            )
        });
    });
    g.sample_size(10);
    let hur_manga = if full { 1_000 } else { 50 };
    g.bench_function(format!("batch of {hur_manga} letters, 2 threads"), |b| {
        b.iter(|| {
            std::thread::scope(|sc| {
                for halva in 0..2 {
                    let (fil, alla, t, l) = (&fil, &alla, &t, &l);
                    sc.spawn(move || {
                        let s = Store::oppna(fil, None).expect("open");
                        let a = systemforvaltare(&s);
                        let u = Utskick { store: &s, aktor: &a, t, l };
                        (halva..hur_manga)
                            .step_by(2)
                            .map(|i| brev(&u, &alla[i % alla.len()]))
                            .sum::<usize>()
                    });
                }
            });
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
