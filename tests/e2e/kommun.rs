//! Kommunläge in the window: two desks on one hub (a `PostgreSQL` cluster of the test's own).
//! The hub, not the page, says who works; a choice made at one desk shows at the other.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use valfri_synk::kommundemo::DEMO_HUBBLOSEN;

use crate::dagen::{bekrafta_med_enter, tryck};
use crate::harness::{App, TestResult, run_desks};
use crate::{HITS, NAME};

/// Logs in to the hub at the lock screen with `losenord`, as a person types it.
async fn logga_in(app: &App, losenord: &str) -> TestResult {
    app.wait_for_texts("#lock h1", "the hub's login", |h| {
        h.iter().any(|x| x.contains("kommunens register"))
    })
    .await?;
    app.client().execute("document.querySelector('#hubb-losenord').value = '';", vec![]).await?;
    app.type_text("#hubb-losenord", losenord).await?;
    tryck(app, Key::Enter).await
}

async fn oppna_marta(app: &App) -> TestResult {
    app.type_text("#sok", "ekstr").await?;
    app.wait_for_texts(HITS, "a hit for Märta Ekström", |h| h.iter().any(|x| x.contains(NAME)))
        .await?;
    app.click_containing(HITS, NAME).await?;
    app.wait_for_texts(".valfrihet-knapp", "Märta's beslut", |k| !k.is_empty()).await?;
    Ok(())
}

#[test]
fn two_desks_on_one_hub_see_each_others_choices_and_the_login_says_who_works() {
    run_desks(
        "two_desks_on_one_hub_see_each_others_choices_and_the_login_says_who_works",
        ["jonas.berg", "leila.haddad"],
        async |a, b| {
            // The login is the desk's, shown and not editable; a wrong password does not get
            // in, and working offline is not offered for it.
            let anvandare = a.find("#hubb-anvandare").await?.prop("value").await?;
            assert_eq!(anvandare.as_deref(), Some("jonas.berg"));
            logga_in(a, "fel-losenord").await?;
            a.wait_for_texts("#lock-fel", "the hub's refusal", |t| {
                t.iter().any(|x| !x.is_empty() && !x.contains("Loggar in"))
            })
            .await?;
            assert!(a.is_visible("#lock").await?, "a wrong password got in");
            assert!(
                !a.is_visible("#hubb-offline").await?,
                "offline offered after a wrong password"
            );
            logga_in(a, DEMO_HUBBLOSEN).await?;
            logga_in(b, DEMO_HUBBLOSEN).await?;
            // Who works is the login's person, and the choice list of handläggare is gone.
            for (app, vem) in [(a, "Jonas Berg (jonas.berg)"), (b, "Leila Haddad (leila.haddad)")] {
                app.wait_for_texts("#inloggad", "who is logged in", |t| {
                    t.iter().any(|x| x.contains(vem))
                })
                .await?;
                assert!(!app.is_visible("#handlaggare").await?, "the drop-down is still there");
                app.wait_for_texts("#kommun-text", "the connection", |t| {
                    t.iter().any(|x| x.contains("Ansluten"))
                })
                .await?;
            }
            a.screenshot("kommun-inloggad").await?;
            oppna_marta(a).await?;
            oppna_marta(b).await?;
            let fore = b.texts("section#brukare dl.fakta dd").await?;
            assert!(!fore.iter().any(|t| t.contains("Östra Strandens")), "{fore:?}");

            // A byte at desk A, confirmed by the hub ...
            a.click(".valfrihet-knapp").await?;
            a.wait_for_texts("#valbara tbody tr", "the providers", |r| r.len() >= 5).await?;
            a.click_containing("#val-utforare option", "Östra Strandens").await?;
            a.click_containing("#val-vem option", "Brukaren").await?;
            a.click("#val-registrera").await?;
            bekrafta_med_enter(a, &["Östra Strandens"]).await?;
            let registrerad = Instant::now();
            a.wait_for_texts("#valhistorik li", "the byte in A's history", |h| {
                h.iter().any(|x| x.contains("Byte av utförare") && x.contains("Östra Strandens"))
            })
            .await?;
            // ... shows on desk B's open page without anyone touching it.
            b.wait_for_texts("section#brukare dl.fakta dd", "the byte at desk B", |t| {
                t.iter().any(|x| x.contains("Östra Strandens"))
            })
            .await?;
            let tid = registrerad.elapsed();
            eprintln!("kommunläge: a byte at desk A showed at desk B after {tid:?}");
            assert!(tid < Duration::from_secs(2), "desk B saw the byte after {tid:?}");
            b.screenshot("kommun-andra-skrivbordet").await?;
            // Nothing waits and nothing was refused.
            let text = a.texts("#kommun-text").await?;
            assert!(!text.iter().any(|t| t.contains("väntar")), "{text:?}");
            assert!(!a.is_visible("#kommun-konflikter").await?);
            Ok(())
        },
    );
}
