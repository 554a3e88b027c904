//! Documents from the window (preview, save, the PDF's text), the batch of letters with
//! cancel and resume, the settings, the language switch, and the window at 1024×700 and at
//! 200 % page zoom (Ctrl and plus).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::path::{Path, PathBuf};

use fantoccini::Locator;

use crate::harness::{self, App, TestResult, run};
use crate::{HITS, NAME, shows_marta};

/// Points the window's documents folder at `mapp` through the settings screen.
async fn valj_dokumentmapp(app: &App, mapp: &Path) -> TestResult {
    app.click("#nav-installningar").await?;
    app.type_text("#inst-mapp-falt", &mapp.display().to_string()).await?;
    app.click("#mapp-spara").await?;
    app.wait_for_texts("p.klart", "the folder confirmed", |m| {
        m.iter().any(|x| x.contains(&mapp.display().to_string()))
    })
    .await?;
    Ok(())
}

pub(crate) async fn oppna_marta(app: &App) -> TestResult {
    app.type_text("#sok", "ekstr").await?;
    app.wait_for_texts(HITS, "a hit for Märta Ekström", shows_marta).await?;
    app.click_containing(HITS, NAME).await?;
    app.wait_for_texts(".dok-knapp", "the document buttons", |k| !k.is_empty()).await?;
    Ok(())
}

/// The text of a PDF as `pdftotext` reads it, with every run of white space made one space.
fn pdf_text(fil: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let ut = std::process::Command::new("pdftotext").arg(fil).arg("-").output()?;
    if !ut.status.success() {
        return Err(format!("pdftotext failed on {}", fil.display()).into());
    }
    Ok(String::from_utf8(ut.stdout)?.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Opens a document's preview from Märta's first beslut that offers it, waits for its pages.
pub(crate) async fn forhandsgranska(
    app: &App,
    typ: &str,
) -> Result<usize, Box<dyn std::error::Error>> {
    app.click(&format!(".dok-knapp[data-typ={typ}]")).await?;
    let sidor = app
        .wait_for_texts("#dok-sidor img.dok-sida", "the preview's pages", |s| !s.is_empty())
        .await?;
    Ok(sidor.len())
}

/// Saves the open document and returns the files written.
pub(crate) async fn spara(app: &App) -> Result<Vec<PathBuf>, Box<dyn std::error::Error>> {
    app.click("#dok-spara").await?;
    let vag = app
        .wait_for_texts("#dok-filer li", "the saved paths", |v| {
            v.iter().any(|x| x.to_ascii_lowercase().ends_with(".pdf"))
        })
        .await?;
    Ok(vag.iter().map(PathBuf::from).collect())
}

/// Types into the GTK save dialog: the whole name field replaced by `text`, then a key; again
/// if the dialog is still there (without a window manager a freshly mapped dialog may not have
/// the keyboard yet when the first keys arrive).
async fn i_spara_dialogen(app: &App, text: Option<&str>, tangent: &str) -> TestResult {
    i_dialogen(app, "Spara dokumentet", text, tangent).await
}

/// As [`i_spara_dialogen`], for the system dialog titled `titel`.
pub async fn i_dialogen(app: &App, titel: &str, text: Option<&str>, tangent: &str) -> TestResult {
    let mut forsok = 0;
    loop {
        match app.focus_window(titel).await {
            Ok(_) => {}
            // It closed after all, between the check and this attempt.
            Err(_) if forsok > 0 => return Ok(()),
            Err(e) => return Err(e),
        }
        // Through the shared keyboard (XTEST) to the window that has the focus, not `--window`:
        // xdotool then sends a key's release by XSendEvent once the dialog has closed on its
        // press, the server never sees the key go up, and it repeats into the window beneath.
        if let Some(text) = text {
            app.xdotool(&["key", "--clearmodifiers", "ctrl+a"])?;
            app.xdotool(&["type", "--delay", "5", text])?;
        }
        app.xdotool(&["key", tangent])?;
        forsok += 1;
        match app.wait_window_gone(titel, std::time::Duration::from_secs(3)).await {
            Err(_) if forsok < 3 => {}
            annat => return annat,
        }
    }
}

#[test]
fn spara_som_asks_in_the_system_dialog_saves_there_with_the_copies_beside_and_a_closed_dialog_saves_nothing()
 {
    run(
        "spara_som_asks_in_the_system_dialog_saves_there_with_the_copies_beside_and_a_closed_dialog_saves_nothing",
        async |app| {
            let mapp = tempfile::tempdir()?;
            oppna_marta(app).await?;
            forhandsgranska(app, "valfrihetsbrev").await?;
            // Closed without a choice: nothing written, and the window says so.
            app.click("#dok-spara-som").await?;
            i_spara_dialogen(app, None, "Escape").await?;
            app.wait_for_texts("#dok-klart p", "the note that nothing was saved", |p| {
                p.iter().any(|x| x == "Dokumentet sparades inte.")
            })
            .await?;
            // A name without an ending gets .pdf; Märta has an ombud, whose copy goes beside it.
            app.click("#dok-spara-som").await?;
            // ASCII: xdotool types other letters through a borrowed key code, and now and then loses them.
            let namn = mapp.path().join("Brev till Marta");
            i_spara_dialogen(app, Some(&namn.display().to_string()), "Return").await?;
            let filer = app
                .wait_for_texts("#dok-filer li", "the saved paths", |v| {
                    v.iter().any(|x| x.to_ascii_lowercase().ends_with(".pdf"))
                })
                .await?;
            let brev = mapp.path().join("Brev till Marta.pdf");
            assert_eq!(filer.first().map(PathBuf::from), Some(brev.clone()), "{filer:?}");
            assert!(
                filer.len() >= 2
                    && filer.iter().skip(1).all(|f| f.contains("Brev till Marta-kopia-")),
                "{filer:?}"
            );
            let text = pdf_text(&brev)?;
            assert!(text.contains("Märta Ekström"), "{text}");
            for f in &filer {
                assert!(Path::new(f).is_file(), "{f}");
            }
            Ok(())
        },
    );
}

#[test]
fn valfrihetsinformation_is_previewed_saved_and_the_pdf_names_the_brukare_and_every_provider() {
    run(
        "valfrihetsinformation_is_previewed_saved_and_the_pdf_names_the_brukare_and_every_provider",
        async |app| {
            let mapp = tempfile::tempdir()?;
            valj_dokumentmapp(app, mapp.path()).await?;
            oppna_marta(app).await?;
            // Every provider the brukare can be told about, from the choice panel.
            app.click(".valfrihet-knapp").await?;
            app.wait_for_texts("#valbara tbody tr", "the providers", |r| r.len() >= 5).await?;
            // Each row's name and whether the provider is approved today: one whose approval
            // starts later or has ended is no provider the municipality "has approved" on the
            // letter's date, so the letter must neither count nor list it.
            let mut utforare = Vec::new();
            for rad in app.client().find_all(Locator::Css("#valbara tbody tr")).await? {
                let namn = rad.find(Locator::Css("td:first-child")).await?.text().await?;
                let text = rad.text().await?;
                let godkand =
                    !text.contains("Inte godkänd ännu") && !text.contains("Avtalet har upphört");
                utforare.push((namn, godkand));
            }
            assert!(utforare.iter().any(|(_, g)| !g), "the demo has a provider not yet approved");
            let sidor = forhandsgranska(app, "valfrihetsbrev").await?;
            let alt = app
                .client()
                .find(Locator::Css("#dok-sidor img.dok-sida"))
                .await?
                .attr("alt")
                .await?
                .unwrap_or_default();
            assert!(alt.contains(&format!("av {sidor}")), "{alt}");
            app.screenshot("skarm-forhandsvisning").await?;
            // Large print (Märta asked for it) and normal print are the same letter on another
            // number of pages.
            app.click("#dok-storstil").await?;
            app.wait_for("the preview in the other print size", async || {
                Ok(app.client().find_all(Locator::Css("#dok-sidor img.dok-sida")).await?.len()
                    != sidor)
            })
            .await?;
            app.click("#dok-storstil").await?;
            app.wait_for("the preview back in large print", async || {
                Ok(app.client().find_all(Locator::Css("#dok-sidor img.dok-sida")).await?.len()
                    == sidor)
            })
            .await?;
            let filer = spara(app).await?;
            assert!(filer[0].starts_with(mapp.path()), "{filer:?}");
            app.screenshot("skarm-dokument-sparat").await?;
            let text = pdf_text(&filer[0])?;
            assert!(text.contains(NAME), "the letter names the brukare: {text}");
            for (namn, godkand) in &utforare {
                if *godkand {
                    assert!(
                        text.contains(namn.as_str()),
                        "{namn} is missing from the letter: {text}"
                    );
                } else {
                    assert!(!text.contains(namn.as_str()), "{namn} is not approved today: {text}");
                }
            }
            // The time to answer started: the choice panel shows a svarsdatum.
            app.click("#dok-stang").await?;
            Ok(())
        },
    );
}

#[test]
fn a_decision_letter_is_saved_from_the_window() {
    run("a_decision_letter_is_saved_from_the_window", async |app| {
        let mapp = tempfile::tempdir()?;
        valj_dokumentmapp(app, mapp.path()).await?;
        oppna_marta(app).await?;
        forhandsgranska(app, "beslutsmeddelande").await?;
        let filer = spara(app).await?;
        let text = pdf_text(&filer[0])?;
        assert!(text.contains(NAME) && text.contains("överklaga"), "{text}");
        assert!(filer.iter().all(|f| f.exists()));
        Ok(())
    });
}

/// Lowers the egen regi unit's first cap to none, so its brukare must choose again.
async fn brukare_till_omval(app: &App) -> TestResult {
    app.click_containing("#handlaggare option", "Karin Holm").await?;
    app.click("#nav-register").await?;
    app.wait_for_texts("#register-tabell tbody tr", "the register", |r| r.len() >= 15).await?;
    for tr in app.client().find_all(Locator::Css("#register-tabell tbody tr")).await? {
        if tr.text().await?.contains("egen regi") {
            tr.find(Locator::Css(".andra-utforare")).await?.click().await?;
            break;
        }
    }
    for tak in app.client().find_all(Locator::Css("#utforare-form input[id$='-tak']")).await? {
        tak.clear().await?;
        tak.send_keys("0").await?;
    }
    app.type_text("#u-beskrivning", "Egen regi tar inte emot fler").await?;
    app.click("#u-spara").await?;
    app.wait_for_texts("p.klart", "saved", |m| m.iter().any(|x| x.contains("version"))).await?;
    Ok(())
}

#[test]
fn batch_letters_run_to_the_end_and_a_cancelled_batch_resumes() {
    run("batch_letters_run_to_the_end_and_a_cancelled_batch_resumes", async |app| {
        let mapp = tempfile::tempdir()?;
        brukare_till_omval(app).await?;
        valj_dokumentmapp(app, mapp.path()).await?;
        app.click("#nav-batch").await?;
        let antal = app
            .wait_for_texts("#batch-antal", "the count", |t| {
                t.iter().any(|x| x.contains("brukare"))
            })
            .await?;
        let antal: usize =
            antal[0].split(' ').next().and_then(|n| n.parse().ok()).ok_or("no count")?;
        assert!(antal >= 3, "{antal}");
        // Start, and cancel while it runs.
        app.click("#batch-starta").await?;
        app.wait_for("the cancel button", async || {
            Ok(app.client().find(Locator::Css("#batch-avbryt")).await?.is_enabled().await?)
        })
        .await?;
        app.click("#batch-avbryt").await?;
        let status = app
            .wait_for_texts("#batch-status", "the cancelled batch", |s| {
                s.iter().any(|x| x.contains("avbrutet") || x.contains("klart"))
            })
            .await?;
        app.screenshot("skarm-batch-avbruten").await?;
        assert!(status[0].contains("avbrutet"), "the cancel came too late: {status:?}");
        let forst: usize = std::fs::read_dir(mapp.path())?
            .flatten()
            .flat_map(|m| std::fs::read_dir(m.path()).into_iter().flatten().flatten())
            .filter(|f| !f.file_name().to_string_lossy().contains("kopia"))
            .count();
        assert!(forst < antal, "{forst} letters before resuming");
        app.wait_for_texts("#batch-starta", "the resume button", |k| {
            k.iter().any(|x| x.contains("Fortsätt"))
        })
        .await?;
        app.click("#batch-starta").await?;
        let slut = app
            .wait_for_texts("#batch-status", "the finished batch", |s| {
                s.iter().any(|x| x.contains("Utskicket är klart"))
            })
            .await?;
        assert!(
            slut[0].starts_with(&format!("{antal} av {antal}"))
                && slut[0].contains(&format!("{forst} fanns redan")),
            "{slut:?}"
        );
        let varde = app
            .client()
            .execute(
                "const p = document.querySelector('#batch-framsteg'); return [p.value, p.max];",
                vec![],
            )
            .await?;
        assert_eq!(varde, serde_json::json!([antal, antal]));
        app.screenshot("skarm-batch-klar").await?;
        Ok(())
    });
}

#[test]
fn the_settings_set_an_ickeval_model_and_turordning_shows_the_konkurrensverket_warning() {
    run(
        "the_settings_set_an_ickeval_model_and_turordning_shows_the_konkurrensverket_warning",
        async |app| {
            // A handläggare sees the settings but cannot change them.
            app.click("#nav-installningar").await?;
            app.find("#kommun-form").await?;
            assert!(
                !app.client().find(Locator::Css("#k-spara")).await?.is_enabled().await?,
                "only a systemförvaltare saves"
            );
            app.click_containing("#handlaggare option", "Karin Holm").await?;
            app.click("#nav-installningar").await?;
            app.wait_for("the editable settings", async || {
                Ok(app.client().find(Locator::Css("#k-spara")).await?.is_enabled().await?)
            })
            .await?;
            // The first insats whose model is not turordning yet.
            let mut nr = None;
            for (i, s) in app
                .client()
                .find_all(Locator::Css("select.ickeval-val"))
                .await?
                .into_iter()
                .enumerate()
            {
                if s.prop("value").await?.as_deref() != Some("turordning") {
                    nr = Some((i, s.attr("id").await?.unwrap_or_default()));
                    break;
                }
            }
            let (_, id) = nr.ok_or("no insats without turordning")?;
            app.client()
                .find(Locator::Css(&format!("#{id} option[value=turordning]")))
                .await?
                .click()
                .await?;
            let knapp = id.replace("-ickeval", "");
            app.click(&format!(".spara-insats[data-nr='{}']", knapp.trim_start_matches('i')))
                .await?;
            app.wait_for_texts("#ickeval-varning", "Konkurrensverket's warning", |v| {
                v.iter().any(|x| x.contains("Konkurrensverket"))
            })
            .await?;
            app.wait_for("the model to stay saved", async || {
                Ok(app
                    .client()
                    .find(Locator::Css(&format!("#{id}")))
                    .await?
                    .prop("value")
                    .await?
                    .as_deref()
                    == Some("turordning"))
            })
            .await?;
            app.screenshot("skarm-installningar").await?;
            // The municipality's nämnd is saved too.
            app.type_text("#k-namnd", "Omsorgsnämnden i Exempelby").await?;
            app.click("#k-spara").await?;
            app.wait_for_texts("p.klart", "saved", |m| m.iter().any(|x| x.contains("sparade")))
                .await?;
            let namnd = app
                .client()
                .find(Locator::Css("#k-namnd"))
                .await?
                .prop("value")
                .await?
                .unwrap_or_default();
            assert_eq!(namnd, "Omsorgsnämnden i Exempelby");
            Ok(())
        },
    );
}

#[test]
fn switching_to_english_shows_english_and_is_remembered() {
    run("switching_to_english_shows_english_and_is_remembered", async |app| {
        app.click("#sprak option[value=en]").await?;
        app.wait_for_texts("label[for=sok]", "the English search label", |l| {
            l.iter().any(|x| x == "Search for a client")
        })
        .await?;
        app.wait_for_texts("#nav-installningar", "English navigation", |l| {
            l.iter().any(|x| x == "Settings")
        })
        .await?;
        app.screenshot("skarm-engelska").await?;
        app.client().refresh().await?;
        app.wait_until_ready().await?;
        app.wait_for_texts("label[for=sok]", "English after a restart of the page", |l| {
            l.iter().any(|x| x == "Search for a client")
        })
        .await?;
        Ok(())
    });
}

/// Whether the page scrolls sideways (something is wider than the window).
async fn flyter_over(app: &App) -> Result<bool, Box<dyn std::error::Error>> {
    let v = app.client().execute("return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;", vec![]).await?;
    Ok(v.as_bool().unwrap_or(true))
}

/// Whether the element is displayed and inside the window (after scrolling to it).
async fn synlig(app: &App, css: &str) -> Result<bool, Box<dyn std::error::Error>> {
    let e = app.find(css).await?;
    let arg = serde_json::to_value(&e)?;
    let inne = app
        .client()
        .execute(
            "const e = arguments[0]; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();
             return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth + 1 && r.top >= 0 && r.bottom <= window.innerHeight + 1;",
            vec![arg],
        )
        .await?;
    Ok(inne.as_bool().unwrap_or(false) && e.is_displayed().await?)
}

/// The page's width in CSS pixels: at 200 % zoom a 1024-pixel window is 512 wide.
async fn sidbredd(app: &App) -> Result<f64, Box<dyn std::error::Error>> {
    Ok(app.client().execute("return window.innerWidth;", vec![]).await?.as_f64().unwrap_or(0.0))
}

/// Presses Ctrl with `tangent` in the search box, as a person zooms.
async fn ctrl(app: &App, tangent: char) -> TestResult {
    let sok = app.client().find(Locator::Css("#sok")).await?;
    sok.send_keys(&format!(
        "{}{tangent}{}",
        char::from(fantoccini::key::Key::Control),
        char::from(fantoccini::key::Key::Null)
    ))
    .await?;
    Ok(())
}

/// Activates a button with Enter, as from the keyboard. (`WebKitWebDriver`'s clicks land beside
/// their element once the page is zoomed.)
async fn tryck(app: &App, css: &str) -> TestResult {
    app.client()
        .find(Locator::Css(css))
        .await?
        .send_keys(&char::from(fantoccini::key::Key::Enter).to_string())
        .await?;
    Ok(())
}

/// Märta's page by keyboard: type in the search box, arrow down to the hit, Enter. (`WebDriver`'s
/// clear is refused on a zoomed page, so the box is emptied by script first.)
async fn oppna_marta_med_tangentbordet(app: &App) -> TestResult {
    use fantoccini::key::Key;
    app.client().execute("document.querySelector('#sok').value = '';", vec![]).await?;
    let sok = app.client().find(Locator::Css("#sok")).await?;
    sok.send_keys("ekstr").await?;
    app.wait_for_texts(HITS, "a hit for Märta Ekström", shows_marta).await?;
    sok.send_keys(&char::from(Key::Down).to_string()).await?;
    app.client().active_element().await?.send_keys(&char::from(Key::Enter).to_string()).await?;
    app.wait_for_texts(".dok-knapp", "the document buttons", |k| !k.is_empty()).await?;
    Ok(())
}

#[test]
fn the_window_works_at_1024x700_and_at_200_percent_zoom() {
    run("the_window_works_at_1024x700_and_at_200_percent_zoom", async |app| {
        app.resize(1024, 700).await?;
        let full = sidbredd(app).await?;
        for (zoom, namn) in [(1.0, "skarm-1024x700"), (2.0, "skarm-zoom-200")] {
            // The page zoom itself, by keyboard: Ctrl and plus (the = key, where + needs Shift),
            // step by step, up to 200 %.
            while sidbredd(app).await? > full / zoom + 1.0 {
                let fore = sidbredd(app).await?;
                ctrl(app, '=').await?;
                app.wait_for("the next zoom step", async || Ok(sidbredd(app).await? < fore))
                    .await?;
            }
            oppna_marta_med_tangentbordet(app).await?;
            for css in [
                "#sok",
                "#nav-start",
                "#nav-installningar",
                "#nytt-beslut",
                ".dok-knapp",
                ".valfrihet-knapp",
            ] {
                assert!(synlig(app, css).await?, "{css} is not reachable at {zoom}x");
            }
            assert!(!flyter_over(app).await?, "the page scrolls sideways at {zoom}x");
            app.client()
                .execute(
                    "window.scrollTo(0, 0); document.querySelector('#brukare').scrollTop = 0;",
                    vec![],
                )
                .await?;
            app.screenshot(namn).await?;
            tryck(app, ".dok-knapp[data-typ=valfrihetsbrev]").await?;
            app.wait_for_texts("#dok-sidor img.dok-sida", "the preview", |s| !s.is_empty()).await?;
            assert!(synlig(app, "#dok-spara").await?, "the save button of the preview at {zoom}x");
            assert!(!flyter_over(app).await?, "the preview scrolls sideways at {zoom}x");
            app.screenshot(&format!("{namn}-dokument")).await?;
            tryck(app, "#dok-stang").await?;
        }
        // Ctrl+0 goes back to normal size.
        ctrl(app, '0').await?;
        app.wait_for("the normal size again", async || {
            Ok((sidbredd(app).await? - full).abs() < 1.0)
        })
        .await?;
        Ok(())
    });
}

/// WCAG 2.1 AA on the screens this file adds: the document preview, the batch and the settings.
#[test]
fn the_document_batch_and_settings_screens_pass_the_axe_accessibility_scan() {
    run("the_document_batch_and_settings_screens_pass_the_axe_accessibility_scan", async |app| {
        let mut fel = Vec::new();
        oppna_marta(app).await?;
        forhandsgranska(app, "valfrihetsbrev").await?;
        for v in app.axe().await? {
            fel.push(format!("document preview: {v}"));
        }
        app.click("#dok-stang").await?;
        app.click_containing("#handlaggare option", "Karin Holm").await?;
        app.click("#nav-batch").await?;
        app.find("#batch-framsteg").await?;
        app.screenshot("skarm-batch").await?;
        for v in app.axe().await? {
            fel.push(format!("batch: {v}"));
        }
        app.click("#nav-installningar").await?;
        app.find("#insats-tabell").await?;
        for v in app.axe().await? {
            fel.push(format!("settings: {v}"));
        }
        assert!(fel.is_empty(), "accessibility violations:\n{}", fel.join("\n"));
        harness::TestResult::Ok(())
    });
}

#[test]
fn the_security_settings_set_the_idle_lock_and_the_backups_kept() {
    run("the_security_settings_set_the_idle_lock_and_the_backups_kept", async |app| {
        app.click("#nav-installningar").await?;
        app.find("#sakerhet-form").await?;
        let lock_falt = app.client().find(Locator::Css("#s-lock")).await?;
        assert_eq!(lock_falt.prop("value").await?.as_deref(), Some("15"), "the default idle lock");
        assert!(!lock_falt.is_enabled().await?, "only a systemförvaltare changes it");
        app.click_containing("#handlaggare option", "Karin Holm").await?;
        app.click("#nav-installningar").await?;
        app.wait_for("the editable security settings", async || {
            Ok(app.client().find(Locator::Css("#s-spara")).await?.is_enabled().await?)
        })
        .await?;
        app.type_text("#s-lock", "").await?;
        app.type_text("#s-lock", "5").await?;
        app.type_text("#s-kopior", "").await?;
        app.type_text("#s-kopior", "3").await?;
        app.click("#s-spara").await?;
        app.wait_for_texts("p.klart", "saved", |m| {
            m.iter().any(|x| x.contains("5 minuter") && x.contains("3 senaste"))
        })
        .await?;
        assert_eq!(
            app.client().find(Locator::Css("#s-lock")).await?.prop("value").await?.as_deref(),
            Some("5")
        );
        Ok(())
    });
}
