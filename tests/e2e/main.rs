//! End-to-end tests: the real app, on a fresh demo database, driven through its window.
//! How the harness works is described in `harness.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// a panic in a test is its failure

// Xvfb and WebKitWebDriver exist only there; elsewhere this test binary is empty.
#![cfg(target_os = "linux")]

mod dagen;
mod forvaltning;
mod organisation;
// The benchmark in tests/benches uses parts of the harness these tests do not.
#[allow(dead_code)]
mod harness;
mod kommun;
mod trygghet;
mod utskrift;

use harness::run;

/// A fictional person in the demo data (see `valfri demo`).
const NAME: &str = "Märta Ekström";
const PERSONNUMMER: &str = "19340415-9828";

/// How the Swedish UI names the stages of a beslut (`BeslutStatus` in valfri-domain).
const STATUS_WORDS: [&str; 4] = ["utkast", "beslutat", "verkställt", "avslutat"];

const HITS: &str = "#traffar li button.traff";

/// Sweden's day now and two minutes later: a check that crosses midnight accepts either.
fn dagar_i_kommunen() -> [String; 2] {
    let nu = chrono::Utc::now();
    [nu, nu + chrono::Duration::minutes(2)].map(|t| valfri_domain::dag_i_kommunen(t).to_string())
}

fn shows_marta(hits: &[String]) -> bool {
    hits.iter().any(|hit| hit.contains(NAME) && hit.contains(PERSONNUMMER))
}

#[test]
fn search_by_part_of_name() {
    run("search_by_part_of_name", async |app| {
        app.type_text("#sok", "ekstr").await?;
        app.wait_for_texts(HITS, "a hit for Märta Ekström", shows_marta).await?;
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
        app.wait_for_texts(HITS, "a hit for Märta Ekström", shows_marta).await?;
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
        app.wait_for("#inga-traffar to be visible", async || app.is_visible("#inga-traffar").await)
            .await?;
        let hits = app.texts(HITS).await?;
        assert!(hits.is_empty(), "expected no hits for \"zzzxq\", got {hits:?}");
        Ok(())
    });
}

/// Opens Märta Ekström's page and the choice panel of her running hemtjänst beslut.
async fn open_choice_panel(app: &harness::App) -> harness::TestResult {
    app.type_text("#sok", "ekstr").await?;
    app.wait_for_texts(HITS, "a hit for Märta Ekström", shows_marta).await?;
    app.click_containing(HITS, NAME).await?;
    app.wait_for_texts(".valfrihet-knapp", "a beslut that gives a choice", |k| !k.is_empty())
        .await?;
    app.click(".valfrihet-knapp").await?;
    app.wait_for_texts("#valbara tbody tr", "the providers to choose between", |rows| {
        rows.len() >= 5
    })
    .await?;
    Ok(())
}

#[test]
fn the_choice_panel_lists_every_provider_with_its_status_and_the_order_rule() {
    run("the_choice_panel_lists_every_provider_with_its_status_and_the_order_rule", async |app| {
        open_choice_panel(app).await?;
        let rule = app.texts("#ordningsregel").await?;
        assert!(rule.iter().any(|r| r.contains("bokstavsordning")), "{rule:?}");
        let rows = app.texts("#valbara tbody tr").await?;
        assert!(
            rows.iter()
                .any(|r| r.contains("Björkdungens")
                    && r.contains("Tar för närvarande inte emot nya")),
            "the provider at its cap is listed with its marker: {rows:?}"
        );
        assert!(rows.iter().any(|r| r.contains("Kan väljas")));
        // Märta chose through her god man; the omprövning carried the provider over.
        let history = app.texts("#valhistorik li").await?;
        assert!(history.iter().any(|h| h.contains("Hemma Trygg")), "{history:?}");
        Ok(())
    });
}

#[test]
fn a_byte_is_registered_through_the_window_and_a_full_provider_cannot_be_picked() {
    run(
        "a_byte_is_registered_through_the_window_and_a_full_provider_cannot_be_picked",
        async |app| {
            open_choice_panel(app).await?;
            let options = app.texts("#val-utforare option").await?;
            assert!(
                !options.iter().any(|o| o.contains("Björkdungens")),
                "only valbar providers can be picked: {options:?}"
            );
            app.click_containing("#val-utforare option", "Östra Strandens").await?;
            // Nothing is preselected: who chose is what the caseworker says.
            app.click_containing("#val-vem option", "Ombudet").await?;
            app.click("#val-registrera").await?;
            dagen::bekrafta_med_enter(app, &["byter utförare", "Östra Strandens"]).await?;
            app.wait_for_texts("#valhistorik li", "the byte in the history", |h| {
                h.iter().any(|x| x.contains("Byte av utförare") && x.contains("Östra Strandens"))
            })
            .await?;
            Ok(())
        },
    );
}

#[test]
fn the_start_page_shows_todays_worklists() {
    run("the_start_page_shows_todays_worklists", async |app| {
        dagen::hela_kontoret(app).await?;
        app.wait_for_texts("#lista-ickeval li", "brukare whose svarsdatum has passed", |l| {
            !l.is_empty()
        })
        .await?;
        let nara = app.texts("#lista-nara-tak li").await?;
        assert!(
            nara.iter().any(|n| n.contains("Björkdungens") && n.contains("2 av 2")),
            "{nara:?}"
        );
        // One click from the list to the case.
        app.click("#lista-ickeval li button").await?;
        app.wait_for_texts("section#brukare h2", "the brukare's page", |h| {
            !h.is_empty() && !h[0].contains("Att göra")
        })
        .await?;
        Ok(())
    });
}

#[test]
fn ickeval_is_applied_from_the_window_and_explained() {
    run("ickeval_is_applied_from_the_window_and_explained", async |app| {
        // A brukare on the worklist: the svarsdatum passed without a choice.
        dagen::hela_kontoret(app).await?;
        app.wait_for_texts("#lista-ickeval li", "brukare whose svarsdatum has passed", |l| {
            !l.is_empty()
        })
        .await?;
        app.click("#lista-ickeval li button").await?;
        app.wait_for_texts(".valfrihet-knapp", "a beslut that gives a choice", |k| !k.is_empty())
            .await?;
        // Open each choice panel until one has no provider yet, then apply ickeval.
        let buttons = app.client().find_all(fantoccini::Locator::Css(".valfrihet-knapp")).await?;
        for (i, _) in buttons.iter().enumerate() {
            let knappar =
                app.client().find_all(fantoccini::Locator::Css(".valfrihet-knapp")).await?;
            knappar[i].click().await?;
            app.wait_for_texts("#valhistorik", "the history", |h| !h.is_empty()).await?;
            if app.texts("p#valhistorik").await?.iter().any(|t| t.contains("Ingen utförare")) {
                app.click("#ickeval-svarsdatum").await?;
                dagen::bekrafta_med_enter(app, &["Ickevalsalternativet"]).await?;
                app.wait_for_texts(".forklaring-lista li", "the explanation", |rows| {
                    rows.iter().any(|r| r.contains("tilldelades enligt ickevalsalternativet"))
                })
                .await?;
                let history = app.texts("#valhistorik li").await?;
                assert!(history.iter().any(|h| h.contains("Ickeval")), "{history:?}");
                return Ok(());
            }
        }
        Err("no beslut without a provider on the worklist's brukare".into())
    });
}

async fn open_marta(app: &harness::App) -> harness::TestResult {
    app.type_text("#sok", "ekstr").await?;
    app.wait_for_texts(HITS, "a hit for Märta Ekström", shows_marta).await?;
    app.click_containing(HITS, NAME).await?;
    app.wait_for_texts("#beslut-lista li.beslut", "her beslut", |b| b.len() >= 2).await?;
    Ok(())
}

#[test]
fn a_beslut_is_created_with_validation_as_you_type_and_made() {
    run("a_beslut_is_created_with_validation_as_you_type_and_made", async |app| {
        open_marta(app).await?;
        let before = app.texts("#beslut-lista li.beslut").await?.len();
        let idag = dagar_i_kommunen();
        app.click("#nytt-beslut").await?;
        // The dates filled in are the core's today in Sweden, not the window clock's UTC date.
        for id in ["#f-ansokningsdatum", "#f-giltig_fran"] {
            let varde = app.find(id).await?.prop("value").await?.unwrap_or_default();
            assert!(idag.contains(&varde), "{id} is {varde:?}");
        }
        app.click_containing("#f-insats_kod option", "Ledsagarservice").await?;
        app.click_containing("#f-utfall option", "Bifall").await?;
        app.type_text("#f-omfattning", "900").await?;
        // The message appears next to the field while typing, in Swedish.
        app.wait_for_texts("#fel-omfattning", "the omfattning message", |m| {
            m.iter().any(|x| x.contains("högst 744"))
        })
        .await?;
        app.type_text("#f-giltig_till", "2020-01-01").await?;
        app.wait_for_texts("#fel-giltig_till", "the date order message", |m| {
            m.iter().any(|x| x.contains("före startdatumet"))
        })
        .await?;
        app.type_text("#f-omfattning", "12,5").await?;
        app.type_text("#f-giltig_till", "").await?;
        app.type_text("#f-motivering", "Behov av ledsagning till aktiviteter.").await?;
        app.wait_for_texts("#fel-omfattning", "the message to go", |m| {
            m.iter().all(String::is_empty)
        })
        .await?;
        app.click("#spara-fatta").await?;
        dagen::bekrafta_med_enter(app, &["Ledsagarservice", "12,5 timmar per månad", NAME]).await?;
        app.wait_for_texts("#beslut-lista li.beslut", "one more beslut, made", |b| {
            b.len() == before + 1
                && b.iter().any(|x| {
                    x.contains("Ledsagarservice")
                        && x.contains("Beslutat")
                        && x.contains("12,5 timmar per månad")
                })
        })
        .await?;
        Ok(())
    });
}

#[test]
fn a_draft_is_made_and_an_omprovning_replaces_a_beslut() {
    run("a_draft_is_made_and_an_omprovning_replaces_a_beslut", async |app| {
        open_marta(app).await?;
        // The demo gives Märta a ledsagarservice draft.
        app.click(".fatta-beslut").await?;
        dagen::bekrafta_med_enter(app, &["Ledsagarservice"]).await?;
        app.wait_for_texts("p.klart", "the confirmation", |m| {
            m.iter().any(|x| x.contains("fattat"))
        })
        .await?;
        assert!(app.texts(".fatta-beslut").await?.is_empty(), "no draft left");
        app.click(".omprova").await?;
        app.wait_for_texts("#beslut-form h4", "the omprövning form", |h| {
            h.iter().any(|x| x.contains("Omprövning"))
        })
        .await?;
        app.type_text("#f-omfattning", "10").await?;
        app.click("#spara-fatta").await?;
        dagen::bekrafta_med_enter(app, &["ersätter det tidigare"]).await?;
        app.wait_for_texts("#beslut-lista li.beslut", "the replaced beslut marked", |b| {
            b.iter().any(|x| x.contains("Ersatt av ett nytt beslut"))
                && b.iter().filter(|x| x.contains("Ersätter ett tidigare beslut")).count() >= 2
        })
        .await?;
        Ok(())
    });
}

#[test]
fn the_help_overlay_lists_the_shortcuts() {
    run("the_help_overlay_lists_the_shortcuts", async |app| {
        app.click("#hjalp-knapp").await?;
        app.wait_for_texts("#hjalp li", "the shortcuts", |l| {
            l.iter().any(|x| x.contains("Ctrl+K"))
                && l.iter().any(|x| x.contains("Alt+N"))
                && l.iter().any(|x| x.contains("Ctrl+0"))
        })
        .await?;
        app.click("#hjalp-stang").await?;
        Ok(())
    });
}

#[test]
fn lowering_a_cap_in_the_register_shows_who_is_affected_and_the_provider_can_no_longer_be_chosen() {
    run(
        "lowering_a_cap_in_the_register_shows_who_is_affected_and_the_provider_can_no_longer_be_chosen",
        async |app| {
            // Karin Holm is the demo's systemförvaltare.
            app.click_containing("#handlaggare option", "Karin Holm").await?;
            app.click("#nav-register").await?;
            app.wait_for_texts("#register-tabell tbody tr", "the register", |r| r.len() >= 15)
                .await?;
            // Almgården: hemtjänst in Centrum and Norra, cap 60; lower it to 0.
            let buttons = app
                .client()
                .find_all(fantoccini::Locator::Css("#register-tabell tbody tr"))
                .await?;
            let mut clicked = false;
            for tr in buttons {
                if tr.text().await?.contains("Almgårdens") {
                    tr.find(fantoccini::Locator::Css(".andra-utforare")).await?.click().await?;
                    clicked = true;
                    break;
                }
            }
            assert!(clicked, "Almgården has an edit button");
            app.type_text("#g0-tak", "0").await?;
            app.click("#u-forhandsgranska").await?;
            app.wait_for_texts("#paverkan p", "the preview", |p| {
                p.iter().any(|x| x.contains("brukare") || x.contains("påverkar ingen"))
            })
            .await?;
            app.type_text("#u-beskrivning", "Almgården tar inte emot fler").await?;
            let idag = dagar_i_kommunen();
            app.click("#u-spara").await?;
            app.wait_for_texts("p.klart", "saved as a new version", |m| {
                m.iter().any(|x| x.contains("version"))
            })
            .await?;
            let history = app.texts("#register-historik li").await?;
            assert!(history[0].contains("Almgården tar inte emot fler"), "{history:?}");
            // When: today in Swedish time, as the core writes it.
            assert!(idag.iter().any(|d| history[0].contains(&format!("{d} "))), "{history:?}");

            // Now Almgården cannot be chosen for Märta's hemtjänst.
            app.type_text("#sok", "ekstr").await?;
            app.wait_for_texts(HITS, "a hit for Märta Ekström", shows_marta).await?;
            app.click_containing(HITS, NAME).await?;
            app.wait_for_texts(".valfrihet-knapp", "a beslut that gives a choice", |k| {
                !k.is_empty()
            })
            .await?;
            app.click(".valfrihet-knapp").await?;
            app.wait_for_texts("#valbara tbody tr", "the providers", |rows| {
                rows.iter().any(|r| {
                    r.contains("Almgårdens") && r.contains("Tar för närvarande inte emot nya")
                })
            })
            .await?;
            let options = app.texts("#val-utforare option").await?;
            assert!(!options.iter().any(|o| o.contains("Almgårdens")), "{options:?}");
            Ok(())
        },
    );
}

/// WCAG 2.1 AA: axe-core finds no violation on any screen.
#[test]
fn every_screen_passes_the_axe_accessibility_scan() {
    run("every_screen_passes_the_axe_accessibility_scan", async |app| {
        let mut fel = Vec::new();
        let mut skanna = async |skarm: &str| -> harness::TestResult {
            for v in app.axe().await? {
                fel.push(format!("{skarm}: {v}"));
            }
            Ok(())
        };
        dagen::hela_kontoret(app).await?;
        app.wait_for_texts("#lista-ickeval li", "the start page", |l| !l.is_empty()).await?;
        skanna("start").await?;
        app.type_text("#sok", "ekstr").await?;
        app.wait_for_texts(HITS, "a hit", shows_marta).await?;
        skanna("search").await?;
        app.click_containing(HITS, NAME).await?;
        app.wait_for_texts(".valfrihet-knapp", "the brukare page", |k| !k.is_empty()).await?;
        skanna("brukare").await?;
        app.click(".valfrihet-knapp").await?;
        app.wait_for_texts("#valbara tbody tr", "the choice panel", |r| !r.is_empty()).await?;
        skanna("choice panel").await?;
        app.click("#nytt-beslut").await?;
        app.click_containing("#f-insats_kod option", "Ledsagarservice").await?;
        app.type_text("#f-omfattning", "900").await?;
        app.wait_for_texts("#fel-omfattning", "a field error", |m| m.iter().any(|x| !x.is_empty()))
            .await?;
        skanna("beslut form with an error").await?;
        app.click_containing("#handlaggare option", "Karin Holm").await?;
        app.click("#nav-register").await?;
        app.wait_for_texts("#register-tabell tbody tr", "the register", |r| r.len() >= 15).await?;
        skanna("register").await?;
        app.click(".andra-utforare").await?;
        app.wait_for_texts("#utforare-form h4", "the edit form", |h| !h.is_empty()).await?;
        skanna("register edit").await?;
        app.click("#hjalp-knapp").await?;
        app.wait_for_texts("#hjalp li", "the help", |l| !l.is_empty()).await?;
        skanna("help").await?;
        assert!(fel.is_empty(), "accessibility violations:\n{}", fel.join("\n"));
        // The scanner really looks: an image without a text alternative is caught.
        app.click("#hjalp-stang").await?;
        app.client().execute("const i = document.createElement('img'); i.src = 'data:,'; document.querySelector('main').append(i);", vec![]).await?;
        let planterat = app.axe().await?;
        assert!(planterat.iter().any(|v| v.starts_with("image-alt")), "{planterat:?}");
        Ok(())
    });
}

#[test]
fn an_encrypted_database_opens_with_its_passphrase_and_locks_again() {
    harness::run_encrypted(
        "an_encrypted_database_opens_with_its_passphrase_and_locks_again",
        "e2e lösenfras",
        async |app| {
            // Locked: the lock screen has the focus and the search box is out of reach.
            app.find("#lock #lock-losenfras").await?;
            assert!(!app.is_visible("#sok").await?, "the search box shows behind the lock");
            let violations = app.axe().await?;
            assert!(violations.is_empty(), "lock screen: {violations:?}");

            app.type_text("#lock-losenfras", "fel lösenfras").await?;
            app.click("#lock-knapp").await?;
            app.wait_for_texts("#lock-fel", "the wrong-passphrase message", |t| {
                t.iter().any(|t| t.contains("Lösenfrasen stämmer inte"))
            })
            .await?;

            app.type_text("#lock-losenfras", "").await?;
            app.type_text("#lock-losenfras", "e2e lösenfras").await?;
            app.click("#lock-knapp").await?;
            app.wait_for("the lock screen to go", async || {
                Ok(!app.is_visible("#lock").await.unwrap_or(false))
            })
            .await?;
            app.type_text("#sok", "ekstr").await?;
            app.wait_for_texts(HITS, "a hit for Märta Ekström", shows_marta).await?;
            app.click_containing(HITS, NAME).await?;
            app.wait_for_texts("#brukare h2", "the brukare page", |t| {
                t.iter().any(|t| t.contains(NAME))
            })
            .await?;

            // Ctrl+L (here the Lock button): everything about the brukare leaves the page.
            app.click("#lock-knapp-topp").await?;
            app.find("#lock #lock-losenfras").await?;
            let page = app.client().source().await?;
            assert!(!page.contains("Ekström"), "the brukare is still in the page behind the lock");
            let status: serde_json::Value = app
            .client()
            .execute("return window.__TAURI__.core.invoke('sok_brukare', {sprak: 'sv', handlaggareId: '', fraga: 'ekstr'}).then(() => 'svar', e => e.code)", vec![])
            .await?;
            assert_eq!(
                status,
                serde_json::json!("fel-db-kraver-losenfras"),
                "the core still answers while locked"
            );
            Ok(())
        },
    );
}

#[test]
fn a_damaged_database_offers_the_newest_backup_and_opens_again() {
    const PASS: &str = "e2e lösenfras";
    let prepare: harness::Prepare<'_> = &|cli, db| {
        // An automatic backup is an ordinary backup under a time-stamped name in sakerhetskopior/.
        let dir = db.parent().ok_or("no parent")?.join("sakerhetskopior");
        std::fs::create_dir_all(&dir)?;
        let ut = std::process::Command::new(cli)
            .arg("--db")
            .arg(db)
            .args(["--passphrase-env", "E2E_PASS", "backup", "--out"])
            .arg(dir.join("valfri-20261120-170000.sqlite"))
            .env("E2E_PASS", PASS)
            .output()?;
        if !ut.status.success() {
            return Err(String::from_utf8_lossy(&ut.stderr).into_owned().into());
        }
        let mut bytes = std::fs::read(db)?;
        let n = bytes.len();
        for b in &mut bytes[n / 2..n / 2 + 8192] {
            *b ^= 0xa5;
        }
        std::fs::write(db, bytes)?;
        Ok(())
    };
    harness::run_prepared(
        "a_damaged_database_offers_the_newest_backup_and_opens_again",
        PASS,
        prepare,
        async |app| {
            app.find("#lock #lock-losenfras").await?;
            app.type_text("#lock-losenfras", PASS).await?;
            app.click("#lock-knapp").await?;
            // The unlock finds the damage; the offer of the backup is right there.
            app.wait_for_texts("#lock-fel", "the damaged-file message", |t| {
                t.iter().any(|t| t.contains("skadad"))
            })
            .await?;
            let knapp = app.texts("#lock-aterstall").await?;
            assert!(knapp.iter().any(|t| t.contains("2026-11-20 17:00")), "{knapp:?}");
            app.click("#lock-aterstall").await?;
            app.wait_for("the lock screen to go", async || {
                Ok(!app.is_visible("#lock").await.unwrap_or(false))
            })
            .await?;
            app.type_text("#sok", "ekstr").await?;
            app.wait_for_texts(HITS, "a hit for Märta Ekström", shows_marta).await?;
            Ok(())
        },
    );
}

#[test]
fn a_language_switch_and_an_unlock_keep_the_page_one_was_on() {
    harness::run_encrypted(
        "a_language_switch_and_an_unlock_keep_the_page_one_was_on",
        "e2e lösenfras",
        async |app| {
            let las_upp = async || -> harness::TestResult {
                app.type_text("#lock-losenfras", "e2e lösenfras").await?;
                app.click("#lock-knapp").await?;
                app.wait_for("the lock screen to go", async || {
                    Ok(!app.is_visible("#lock").await.unwrap_or(false))
                })
                .await
            };
            app.find("#lock #lock-losenfras").await?;
            las_upp().await?;
            app.type_text("#sok", "ekstr").await?;
            let traffar = app.wait_for_texts(HITS, "a hit for Märta Ekström", shows_marta).await?;
            // The område by its name, not its code.
            let marta = traffar.iter().find(|t| t.contains(NAME)).unwrap();
            assert!(marta.contains("Centrum") && !marta.ends_with(" C"), "{marta}");
            app.click_containing(HITS, NAME).await?;
            app.wait_for_texts("#brukare h2", "the brukare page", |t| {
                t.iter().any(|t| t.contains(NAME))
            })
            .await?;
            let fakta = app.texts("section#brukare dl.fakta").await?.join(" ");
            assert!(fakta.contains("Centrum") && fakta.contains("Svenska"), "{fakta}");
            app.click("#hjalp-knapp").await?;
            app.wait_for_texts("#hjalp-rubrik", "the help", |t| !t.is_empty()).await?;
            app.click("#hjalp-stang").await?;
            // In English: still Märta's page, in English.
            app.click("#sprak option[value=en]").await?;
            app.wait_for_texts("#nav-installningar", "English", |t| {
                t.iter().any(|x| x == "Settings")
            })
            .await?;
            app.wait_for_texts("#brukare h2", "her page in English", |t| {
                t.iter().any(|t| t.contains(NAME))
            })
            .await?;
            assert!(!app.texts("#beslut-lista li.beslut").await?.is_empty());
            // The help is in English too, though it was opened in Swedish first.
            app.click("#hjalp-knapp").await?;
            app.wait_for_texts("#hjalp-rubrik", "the help in English", |t| {
                t.iter().any(|x| x == "Keyboard shortcuts")
            })
            .await?;
            app.click("#hjalp-stang").await?;
            // Locked and unlocked: her page again, not the start page.
            app.click("#lock-knapp-topp").await?;
            app.find("#lock #lock-losenfras").await?;
            las_upp().await?;
            app.wait_for_texts("#brukare h2", "her page after the unlock", |t| {
                t.iter().any(|t| t.contains(NAME))
            })
            .await?;
            // A menu screen is kept too.
            app.click("#nav-statistik").await?;
            app.find("#statistik-tabell").await?;
            app.click("#sprak option[value=fi]").await?;
            app.wait_for_texts("#nav-installningar", "Finnish", |t| {
                t.iter().any(|x| x != "Settings")
            })
            .await?;
            app.find("#statistik-tabell").await?;
            assert!(app.texts("#lista-ickeval").await?.is_empty(), "back at the start page");
            app.click("#lock-knapp-topp").await?;
            app.find("#lock #lock-losenfras").await?;
            las_upp().await?;
            app.find("#statistik-tabell").await?;
            assert!(app.texts("#lista-ickeval").await?.is_empty(), "back at the start page");
            Ok(())
        },
    );
}
