//! The documents as a caseworker gets them: each one read from the store, laid out and written
//! as PDF bytes (not to disk). A letter, a jämförelseblad for 40 providers, and a batch of 1 000
//! letters through `kor_batch` on every core, the way `valfri letters` and the window run it.
//!
//! `cargo bench -p valfri-utskick`. Under `cargo test` each runs once, the batch on 50 letters.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::hint::black_box;

use std::sync::atomic::AtomicBool;

use chrono::Days;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use valfri_dokument::Typsnitt;
use valfri_domain::{NyttBeslut, Roll, Utfall};
use valfri_l10n::Localizer;
use valfri_store::{Aktor, Store, demo, idag};
use valfri_utskick::{Utskick, Vad, kor_batch, skriv_batchbrev};

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
    // The split of one letter's work between the store (gathering, on the calling thread) and
    // the layout (any thread), which decides how far a batch can spread over cores.
    let tom = tempfile::tempdir().expect("tempdir");
    g.bench_function("letter: gather from the store", |b| {
        b.iter(|| black_box(u.samla_batchbrev(&forsta, tom.path()).expect("gather")));
    });
    g.bench_function("letter: lay out and make the PDF", |b| {
        b.iter(|| black_box(brev(&u, &forsta)));
    });
    g.sample_size(10);
    // The batch as `valfri letters` runs it: `kor_batch` on every core, into a new folder each
    // time, over as many different beslut (in a generated municipality with 16 providers).
    let hur_manga = if full { 1_000 } else { 50 };
    let batchfil = dir.path().join("batch.sqlite");
    let mut batchbeslut: Vec<String> = Vec::new();
    valfri_store::skapa_databas(&batchfil, &valfri_store::Skydd::Okrypterad, false, |s| {
        // The municipality and its providers generated; the brukare made here, so every one
        // is known (a search returns at most 50 hits, too few to find 1 000 again).
        demo::generera(s, 0, 16, 5, idag())?;
        let a = systemforvaltare(s);
        for i in 0..hur_manga {
            let fodd = chrono::NaiveDate::from_ymd_opt(1940, 1, 1).expect("date")
                + Days::new((i / 800) as u64);
            let id = s.ny_brukare(
                &a,
                &valfri_store::NyBrukare {
                    personnummer: valfri_domain::Personnummer::fran_delar(
                        fodd,
                        100 + (i % 800) as u16,
                    )
                    .to_string(),
                    fornamn: ["Anna", "Bertil", "Cecilia", "David", "Eva"][i % 5].into(),
                    efternamn: format!("Bänkdotter {i}"),
                    adress: format!("Storgatan {}", 1 + i % 90),
                    postnummer: "599 10".into(),
                    postort: "Storby".into(),
                    omrade: Some(format!("Z{:02}", 1 + i % 12)),
                    sprak: "sv".into(),
                    ..valfri_store::NyBrukare::default()
                },
            )?;
            let b = s.skapa_utkast(
                &a,
                &NyttBeslut {
                    brukare_id: id,
                    insats_kod: "hemtjanst".into(),
                    diarienummer: String::new(),
                    ansokningsdatum: idag() - Days::new(20),
                    utfall: Utfall::Bifall,
                    omfattning: Some(28.0),
                    giltig_fran: idag() - Days::new(5),
                    giltig_till: None,
                    motivering: "Du behöver hjälp med personlig omvårdnad.".into(),
                    ej_beviljat: String::new(),
                    uppfoljning: None,
                },
            )?;
            s.fatta_beslut(&a, &b, idag() - Days::new(3))?;
            batchbeslut.push(b);
        }
        Ok(())
    })
    .expect("batch municipality");
    let sb = Store::oppna(&batchfil, None).expect("open");
    let ab = systemforvaltare(&sb);
    let ub = Utskick { store: &sb, aktor: &ab, t: &t, l: &l };
    assert_eq!(batchbeslut.len(), hur_manga);
    let tradar = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    g.bench_function(format!("batch of {hur_manga} letters, kor_batch on {tradar} cores"), |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("tempdir"),
            |ut| {
                let r = kor_batch(
                    &batchbeslut,
                    &AtomicBool::new(false),
                    |id| ub.samla_batchbrev(id, ut.path()),
                    |x| skriv_batchbrev(&t, &l, x),
                    |f| ub.registrera(f).map(|_| ()),
                    |_| {},
                )
                .expect("batch");
                assert_eq!(r.skrivna, hur_manga);
                ut
            },
            BatchSize::PerIteration,
        );
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
