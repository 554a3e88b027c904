//! Kommunläge in the window: two desks on one hub (a `PostgreSQL` cluster of the test's own).
//! The hub, not the page, says who works; a choice made at one desk shows at the other.

use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use valfri_synk::kommundemo::DEMO_HUBBLOSEN;

use crate::dagen::{bekrafta_med_enter, tryck};
use crate::harness::{App, TestResult, run_desks, run_desks_prepared};
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

/// Unlocks a database with key slots as `anvandare`; returns the lock screen's message when it
/// stays locked (empty when it opened).
async fn las_upp_som(
    app: &App,
    anvandare: &str,
    losenfras: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    app.type_text("#lock-anvandare", anvandare).await?;
    app.type_text("#lock-losenfras", losenfras).await?;
    tryck(app, Key::Enter).await?;
    let mut svar = String::new();
    app.wait_for("the unlock to finish", async || {
        if !app.is_visible("#lock").await? {
            return Ok(true);
        }
        let text = app.texts("#lock-fel").await?.concat();
        let klar = !text.is_empty() && !text.contains("Öppnar");
        if klar {
            svar = text;
        }
        Ok(klar)
    })
    .await?;
    Ok(svar)
}

#[test]
fn with_key_slots_each_person_unlocks_as_themselves_and_a_wrong_login_reveals_nothing() {
    crate::harness::run_prepared(
        "with_key_slots_each_person_unlocks_as_themselves_and_a_wrong_login_reveals_nothing",
        "forsta-losenfras",
        &|cli, db| {
            // The demo again, with a key slot per demo handläggare and no shared passphrase.
            let ut = std::process::Command::new(cli)
                .arg("--db")
                .arg(db)
                .args(["demo", "--logins", "--force"])
                .output()?;
            if ut.status.success() {
                Ok(())
            } else {
                Err(String::from_utf8_lossy(&ut.stderr).into_owned().into())
            }
        },
        async |app| {
            app.wait_for_texts("#lock label", "the login field", |l| {
                l.iter().any(|x| x.contains("Användarnamn"))
            })
            .await?;
            let fel_losen = las_upp_som(app, "leila.haddad", "inte-hennes-losenfras").await?;
            let okand =
                las_upp_som(app, "okand.person", valfri_store::demo::DEMO_LOSENFRAS).await?;
            assert!(!fel_losen.is_empty(), "a wrong passphrase opened the database");
            assert_eq!(
                fel_losen, okand,
                "a wrong passphrase and an unknown login must read the same"
            );
            assert_eq!(
                las_upp_som(app, "leila.haddad", valfri_store::demo::DEMO_LOSENFRAS).await?,
                ""
            );
            app.wait_for_texts("#inloggad", "who is logged in", |t| {
                t.iter().any(|x| x.contains("Leila Haddad (leila.haddad)"))
            })
            .await?;
            assert!(!app.is_visible("#handlaggare").await?, "the drop-down is still there");
            app.screenshot("nyckelplats-inloggad").await?;
            // Locked again, the login is remembered and the person types only the passphrase.
            app.client()
                .execute("document.querySelector('#lock-knapp-topp').click();", vec![])
                .await?;
            app.wait_for("the lock screen", async || app.is_visible("#lock-anvandare").await)
                .await?;
            let namn = app.find("#lock-anvandare").await?.prop("value").await?;
            assert_eq!(namn.as_deref(), Some("leila.haddad"));
            assert!(!app.is_visible("#inloggad").await?, "who worked stays on the locked page");
            Ok(())
        },
    );
}

/// A TCP proxy between a desk and the hub that the test can cut, as a network that goes.
struct Forbindelse {
    port: u16,
    uppe: Arc<AtomicBool>,
    strommar: Arc<Mutex<Vec<TcpStream>>>,
}

impl Forbindelse {
    fn till(mal: u16) -> Result<Forbindelse, String> {
        let lyssnare = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
        let port = lyssnare.local_addr().map_err(|e| e.to_string())?.port();
        let uppe = Arc::new(AtomicBool::new(true));
        let strommar = Arc::new(Mutex::new(Vec::<TcpStream>::new()));
        let (u, st) = (Arc::clone(&uppe), Arc::clone(&strommar));
        std::thread::spawn(move || {
            for klient in lyssnare.incoming().flatten() {
                if !u.load(Ordering::SeqCst) {
                    let _ = klient.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(("127.0.0.1", mal)) else { continue };
                let (Ok(k2), Ok(s2), Ok(k3), Ok(s3)) = (
                    klient.try_clone(),
                    server.try_clone(),
                    klient.try_clone(),
                    server.try_clone(),
                ) else {
                    continue;
                };
                st.lock().unwrap_or_else(PoisonError::into_inner).extend([k3, s3]);
                for (mut a, mut b) in [(k2, s2), (server, klient)] {
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut a, &mut b);
                        let _ = a.shutdown(Shutdown::Both);
                        let _ = b.shutdown(Shutdown::Both);
                    });
                }
            }
        });
        Ok(Forbindelse { port, uppe, strommar })
    }

    /// Cuts every open connection and refuses new ones, or lets them through again.
    fn satt(&self, uppe: bool) {
        self.uppe.store(uppe, Ordering::SeqCst);
        if !uppe {
            for s in self.strommar.lock().unwrap_or_else(PoisonError::into_inner).drain(..) {
                let _ = s.shutdown(Shutdown::Both);
            }
        }
    }
}

/// Records a byte to Östra Strandens for the open brukare, as a person does.
async fn byt_till_ostra_strandens(app: &App) -> TestResult {
    app.click(".valfrihet-knapp").await?;
    app.wait_for_texts("#valbara tbody tr", "the providers", |r| r.len() >= 5).await?;
    app.click_containing("#val-utforare option", "Östra Strandens").await?;
    app.click_containing("#val-vem option", "Brukaren").await?;
    app.click("#val-registrera").await?;
    bekrafta_med_enter(app, &["Östra Strandens"]).await
}

#[test]
fn offline_a_choice_is_preliminar_on_the_page_and_after_reconnect_a_konflikt_with_its_remedy() {
    let forbindelse: Mutex<Option<Forbindelse>> = Mutex::new(None);
    run_desks_prepared(
        "offline_a_choice_is_preliminar_on_the_page_and_after_reconnect_a_konflikt_with_its_remedy",
        ["jonas.berg", "leila.haddad"],
        |desks| {
            // Desk A reaches the hub through a connection the test can cut.
            let store = valfri_store::Store::oppna(&desks[0], None).map_err(|e| e.to_string())?;
            let r = store.replika().map_err(|e| e.to_string())?.ok_or("not a desk")?;
            let port: u16 = r
                .hubb
                .split("@127.0.0.1:")
                .nth(1)
                .and_then(|x| x.split('/').next())
                .and_then(|x| x.parse().ok())
                .ok_or_else(|| format!("no port in {}", r.hubb))?;
            let f = Forbindelse::till(port)?;
            let url = r.hubb.replace(&format!(":{port}/"), &format!(":{}/", f.port));
            store.bli_replika(&url, &r.anvandare).map_err(|e| e.to_string())?;
            *forbindelse.lock().unwrap_or_else(PoisonError::into_inner) = Some(f);
            Ok(())
        },
        async |a, b| {
            let satt = |uppe: bool| {
                if let Some(f) = forbindelse.lock().unwrap_or_else(PoisonError::into_inner).as_ref()
                {
                    f.satt(uppe);
                }
            };
            logga_in(a, DEMO_HUBBLOSEN).await?;
            logga_in(b, DEMO_HUBBLOSEN).await?;
            for app in [a, b] {
                app.wait_for_texts("#kommun-text", "the connection", |t| {
                    t.iter().any(|x| x.contains("Ansluten"))
                })
                .await?;
            }
            oppna_marta(a).await?;
            oppna_marta(b).await?;

            // The network goes at desk A: the bar says since when.
            satt(false);
            a.wait_for_texts("#kommun-text", "offline", |t| {
                t.iter().any(|x| x.contains("Offline sedan"))
            })
            .await?;
            // A byte recorded offline is kept, and shown on the brukare's page as preliminary.
            byt_till_ostra_strandens(a).await?;
            a.wait_for_texts("#preliminara li", "the preliminary byte on the page", |t| {
                t.iter().any(|x| {
                    x.contains("preliminär – väntar på bekräftelse från kommunens register")
                        && x.contains("Östra Strandens")
                })
            })
            .await?;
            a.wait_for_texts("#kommun-text", "one waiting", |t| {
                t.iter().any(|x| {
                    x.contains("Offline sedan") && x.contains("väntar på kommunens register")
                })
            })
            .await?;
            let mut fel = a.axe().await?;
            a.screenshot("kommun-offline-preliminar").await?;

            // Meanwhile desk B, online, records the same byte; the hub applies it.
            byt_till_ostra_strandens(b).await?;
            b.wait_for_texts("#valhistorik li", "the byte in B's history", |h| {
                h.iter().any(|x| x.contains("Byte av utförare") && x.contains("Östra Strandens"))
            })
            .await?;

            // A is back: its byte is a konflikt with its sentence and what to do, nothing waits,
            // and the page shows the hub's truth instead of the preliminary row.
            satt(true);
            a.wait_for_texts("#kommun-konflikter summary", "the konflikt", |t| {
                t.iter().any(|x| x.contains("1 konflikt") && !x.contains("1 konflikter"))
            })
            .await?;
            a.click("#kommun-konflikter summary").await?;
            a.wait_for_texts("#kommun-konflikter li", "the konflikt's remedy", |t| {
                t.iter().any(|x| {
                    x.contains("Brukaren har redan")
                        && x.contains("Vad du kan göra: inget, brukaren har redan den utföraren.")
                })
            })
            .await?;
            a.wait_for_texts("#kommun-text", "connected, nothing waiting", |t| {
                t.iter().any(|x| x.contains("Ansluten") && !x.contains("väntar"))
            })
            .await?;
            a.wait_for("the preliminary row to go", async || {
                Ok(!a.is_visible("#preliminara").await?)
            })
            .await?;
            a.wait_for_texts("section#brukare dl.fakta dd", "the hub's provider", |t| {
                t.iter().any(|x| x.contains("Östra Strandens"))
            })
            .await?;
            fel.extend(a.axe().await?);
            a.screenshot("kommun-konflikt").await?;
            assert!(fel.is_empty(), "{fel:?}");
            Ok(())
        },
    );
}
