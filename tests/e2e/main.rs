//! End-to-end tests: the real app, on a fresh demo database, driven through its window.
//! How the harness works is described in `harness.rs`.

// Xvfb and WebKitWebDriver exist only there; elsewhere this test binary is empty.
#![cfg(target_os = "linux")]

mod harness;

use harness::run;

/// A fictional person in the demo data (see `valfri demo`).
const NAME: &str = "Märta Ekström";
const PERSONNUMMER: &str = "19340415-9828";

/// How the Swedish UI names the stages of a beslut (`BeslutStatus` in valfri-domain).
const STATUS_WORDS: [&str; 4] = ["utkast", "beslutat", "verkställt", "avslutat"];

const HITS: &str = "#traffar li button.traff";

fn shows_marta(hits: &[String]) -> bool {
    hits.iter()
        .any(|hit| hit.contains(NAME) && hit.contains(PERSONNUMMER))
}

#[test]
fn search_by_part_of_name() {
    run("search_by_part_of_name", async |app| {
        app.type_text("#sok", "ekstr").await?;
        app.wait_for_texts(HITS, "a hit for Märta Ekström", shows_marta)
            .await?;
        Ok(())
    });
}

#[test]
fn search_by_personnummer_in_other_forms() {
    run("search_by_personnummer_in_other_forms", async |app| {
        // Short form with hyphen, then the full twelve digits without one.
        for query in ["340415-9828", "193404159828"] {
            app.type_text("#sok", query).await?;
            app.wait_for_texts(
                HITS,
                &format!("a hit for Märta Ekström when searching {query:?}"),
                shows_marta,
            )
            .await?;
        }
        Ok(())
    });
}

#[test]
fn opening_a_hit_shows_brukare_and_beslut() {
    run("opening_a_hit_shows_brukare_and_beslut", async |app| {
        app.type_text("#sok", "ekstr").await?;
        app.wait_for_texts(HITS, "a hit for Märta Ekström", shows_marta)
            .await?;
        app.click_containing(HITS, NAME).await?;

        app.wait_for_texts(
            "section#brukare h2",
            "the heading to name Märta Ekström",
            |headings| headings.iter().any(|h| h.contains(NAME)),
        )
        .await?;
        let beslut = app
            .wait_for_texts(
                "#beslut-lista li.beslut",
                "at least two beslut, one Hemtjänst",
                |items| items.len() >= 2 && items.iter().any(|item| item.contains("Hemtjänst")),
            )
            .await?;
        // Every beslut says where it stands, not just what it is.
        for item in &beslut {
            let lower = item.to_lowercase();
            assert!(
                STATUS_WORDS.iter().any(|word| lower.contains(word)),
                "beslut without a status word: {item:?}"
            );
        }
        Ok(())
    });
}

#[test]
fn search_without_match_says_so() {
    run("search_without_match_says_so", async |app| {
        app.type_text("#sok", "zzzxq").await?;
        app.wait_for("#inga-traffar to be visible", async || {
            Ok(app.is_visible("#inga-traffar").await?)
        })
        .await?;
        let hits = app.texts(HITS).await?;
        assert!(
            hits.is_empty(),
            "expected no hits for \"zzzxq\", got {hits:?}"
        );
        Ok(())
    });
}
