//! The desktop app as a caseworker meets it, measured: the time from launch to an interactive
//! search box, and the memory (PSS of the app and its `WebKit` processes) after opening 50 cases.
//!
//! `cargo bench -p valfri-tests --bench app`. Under `cargo test` it launches once and opens a
//! few cases, as a smoke test.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure
#![cfg(target_os = "linux")]

#[path = "../e2e/harness.rs"]
#[allow(dead_code, reason = "the bench uses only part of the harness")]
mod harness;

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let Some(tools) = harness::Tools::find("bench") else { return };
    let full = std::env::args().any(|a| a == "--bench");
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");

    let mut g = c.benchmark_group("app");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function("launch to interactive search box", |b| {
        b.iter_custom(|iterationer| {
            let mut summa = Duration::ZERO;
            for _ in 0..iterationer {
                runtime.block_on(async {
                    let app = harness::App::launch(&tools).await.expect("launch");
                    app.wait_until_ready().await.expect("ready");
                    summa += app.session_start.elapsed();
                    app.close().await;
                });
            }
            summa
        });
    });
    g.finish();

    let antal = if full { 50 } else { 3 };
    runtime.block_on(async {
        let app = harness::App::launch(&tools).await.expect("launch");
        app.wait_until_ready().await.expect("ready");
        let fore = app.pss_kib();
        // Open cases one after another the way a caseworker does: search, open the first hit.
        let mut oppnade = 0;
        // No query hits the demo's skyddad brukare: opening them asks for a reason first.
        for fraga in ["son", "berg", "gren", "ek", "ström", "holm", "dahl", "lund", "falk", "strand", "niemi", "mäki"] {
            // Empty the list first, so the hits counted below are this query's, not the last one's.
            app.client()
                .execute("window.scrollTo(0, 0); const s = document.querySelector('#sok'); s.value = ''; s.dispatchEvent(new Event('input'));", vec![])
                .await
                .expect("clear");
            app.wait_for_texts("#traffar li button.traff", "no hits", <[String]>::is_empty).await.expect("cleared");
            app.type_text("#sok", fraga).await.expect("type");
            let traffar = app
                .wait_for_texts("#traffar li button.traff", "hits", |h| !h.is_empty())
                .await
                .map_or(0, |h| h.len());
            for i in 0..traffar.min(antal - oppnade) {
                let knappar = app.client().find_all(fantoccini::Locator::Css("#traffar li button.traff")).await.expect("hits");
                let Some(knapp) = knappar.get(i) else { break };
                knapp.click().await.expect("click");
                app.wait_for_texts("section#brukare h2", "the page", |h| !h.is_empty()).await.expect("page");
                oppnade += 1;
            }
            if oppnade >= antal {
                break;
            }
        }
        let efter = app.pss_kib();
        println!("memory: {:.0} MB PSS after launch, {:.0} MB after opening {oppnade} cases", fore as f64 / 1024.0, efter as f64 / 1024.0);
        app.close().await;
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
