//! The systemförvaltare's screens: statistics of choice month by month (checked against what
//! the CLI counts on the same database) and the register's states of approval.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use fantoccini::Locator;
use serde_json::Value;

use crate::dagen::{bekraftelse, enter_pa, inom_fonstret, sidled};
use crate::harness::{App, TestResult, run, run_prepared_plain};
use crate::utskrift::i_dialogen;

/// The twelve months the window shows, as the CLI takes them.
fn period() -> (String, String) {
    let idag = valfri_domain::dag_i_kommunen(chrono::Utc::now());
    let (fran, till) = valfri_domain::tolv_manader(idag);
    (fran.to_string(), till.to_string())
}

/// `valfri stats --json` over the window's period, on the database the window will open.
fn cli_stats(cli: &Path, db: &Path) -> Result<Value, Box<dyn std::error::Error>> {
    let (fran, till) = period();
    let ut = Command::new(cli)
        .arg("--db")
        .arg(db)
        .args(["--json", "stats", "--from", &fran, "--to", &till])
        .output()?;
    if !ut.status.success() {
        return Err(String::from_utf8_lossy(&ut.stderr).into_owned().into());
    }
    Ok(serde_json::from_slice(&ut.stdout)?)
}

async fn karin_oppnar_statistiken(app: &App) -> TestResult {
    app.click_containing("#handlaggare option", "Karin Holm").await?;
    app.click("#nav-statistik").await?;
    app.wait_for_texts("#statistik-tabell tbody tr", "the statistics table", |r| r.len() == 12)
        .await?;
    Ok(())
}

/// The table's column `kolumn` (1 aktivt val, 2 ickeval) summed over the months.
async fn summa(app: &App, kolumn: usize) -> Result<u64, Box<dyn std::error::Error>> {
    let mut s = 0;
    for tr in app.client().find_all(Locator::Css("#statistik-tabell tbody tr")).await? {
        let td = tr.find_all(Locator::Css("td")).await?;
        s += td[kolumn - 1].text().await?.trim().parse::<u64>()?;
    }
    Ok(s)
}

/// The chart's bars carry the same numbers as the table, month by month.
async fn diagrammet_visar_tabellen(app: &App) -> TestResult {
    let svar = app
        .client()
        .execute(
            "const v = (sel) => [...document.querySelectorAll(sel)].map((e) => Number(e.dataset.varde ?? e.textContent));
             return [v('#statistik-diagram .stapel-aktivt'), v('#statistik-tabell tbody td:nth-of-type(1)'),
                     v('#statistik-diagram .stapel-ickeval'), v('#statistik-tabell tbody td:nth-of-type(2)')];",
            vec![],
        )
        .await?;
    let [a, ta, i, ti] = [0, 1, 2, 3].map(|n| svar[n].clone());
    assert_eq!(a, ta, "aktivt val: chart against table");
    assert_eq!(i, ti, "ickeval: chart against table");
    Ok(())
}

#[test]
fn the_statistics_show_per_month_what_the_cli_counts() {
    let fran_cli = Mutex::new(None);
    run_prepared_plain(
        "the_statistics_show_per_month_what_the_cli_counts",
        &|cli, db| {
            *fran_cli.lock().unwrap() = Some(cli_stats(cli, db)?);
            Ok(())
        },
        async |app| {
            let cli = fran_cli.lock().unwrap().take().expect("the CLI's numbers");
            let hemtjanst = cli["insatser"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["insats_kod"] == "hemtjanst")
                .unwrap()
                .clone();
            karin_oppnar_statistiken(app).await?;
            let (fran, till) = period();
            let period_text = app.texts("#brukare p.hjalp").await?;
            assert!(
                period_text.iter().any(|p| p.contains(&fran) && p.contains(&till)),
                "{period_text:?}"
            );
            app.click_containing("#statistik-insats option", "Hemtjänst").await?;
            app.wait_for_texts("#statistik-vad", "Hemtjänst's numbers", |h| {
                h.iter().any(|x| x == "Hemtjänst")
            })
            .await?;
            let aktiva = hemtjanst["aktiva_val"].as_u64().unwrap();
            let ickeval = hemtjanst["ickeval"].as_u64().unwrap();
            assert!(aktiva > 0 && ickeval > 0, "the demo has both in the last year: {hemtjanst}");
            assert_eq!(summa(app, 1).await?, aktiva, "aktivt val, months against the CLI");
            assert_eq!(summa(app, 2).await?, ickeval, "ickeval, months against the CLI");
            diagrammet_visar_tabellen(app).await?;
            let fel = app.axe().await?;
            assert!(fel.is_empty(), "accessibility violations:\n{}", fel.join("\n"));

            // One provider: the one the CLI gives the most ickeval.
            let utforare = hemtjanst["utforare"]
                .as_array()
                .unwrap()
                .iter()
                .max_by_key(|u| u["ickeval"].as_u64())
                .unwrap()
                .clone();
            let namn = utforare["namn"].as_str().unwrap();
            app.click_containing("#statistik-utforare option", namn).await?;
            app.wait_for_texts("#statistik-vad", "the provider's numbers", |h| {
                h.iter().any(|x| x.contains(namn))
            })
            .await?;
            assert_eq!(summa(app, 2).await?, utforare["ickeval"].as_u64().unwrap(), "{namn}");
            diagrammet_visar_tabellen(app).await?;

            // In English the same numbers with English words.
            app.click("#sprak option[value=en]").await?;
            // The switch keeps the page: the statistics again, in English.
            app.wait_for_texts("#brukare h2", "the English heading", |h| {
                h.iter().any(|x| x == "Statistics of choice")
            })
            .await?;
            let rubriker = app.texts("#statistik-tabell thead th").await?;
            assert_eq!(rubriker, ["Month", "Active choice", "No choice (default provider)"]);
            Ok(())
        },
    );
}

#[test]
fn the_register_says_which_providers_are_paused_ended_or_not_yet_approved() {
    run("the_register_says_which_providers_are_paused_ended_or_not_yet_approved", async |app| {
        app.click("#nav-register").await?;
        app.wait_for_texts("#register-tabell tbody tr", "the register", |r| r.len() >= 15).await?;
        let rad = async |borjan: &str| -> Result<String, Box<dyn std::error::Error>> {
            for tr in app.client().find_all(Locator::Css("#register-tabell tbody tr")).await? {
                let text = tr.text().await?;
                if text.starts_with(borjan) {
                    return Ok(tr.find(Locator::Css("td.lage")).await?.text().await?);
                }
            }
            Err(format!("no row for {borjan}").into())
        };
        // The demo: Åkerns ended 20 days ago, Ängsbacken starts later, Sjöbris is paused.
        let idag = valfri_domain::dag_i_kommunen(chrono::Utc::now());
        let slut = (idag - chrono::Days::new(20)).to_string();
        let paus = (idag + chrono::Days::new(21)).to_string();
        let akern = rad("Åkerns").await?;
        assert!(akern.contains("upphörde") && akern.contains(&slut), "{akern}");
        let angs = rad("Ängsbacken").await?;
        assert!(angs.contains("inte godkänd ännu"), "{angs}");
        let sjo = rad("Sjöbris").await?;
        assert!(sjo.contains("pausad") && sjo.contains(&paus), "{sjo}");
        let lage = app.texts("#register-tabell td.lage").await?;
        assert!(lage.iter().filter(|l| l.contains(": godkänd")).count() >= 10, "{lage:?}");
        let fel = app.axe().await?;
        assert!(fel.is_empty(), "accessibility violations:\n{}", fel.join("\n"));
        Ok(())
    });
}

#[test]
fn the_statistics_and_the_register_work_at_1024x700_and_at_200_percent_zoom() {
    run("the_statistics_and_the_register_work_at_1024x700_and_at_200_percent_zoom", async |app| {
        app.resize(1024, 700).await?;
        app.click_containing("#handlaggare option", "Karin Holm").await?;
        for (zoom, namn) in [(1.0, "forvaltning-1024x700"), (2.0, "forvaltning-zoom-200")] {
            app.client()
                .execute("return window.__TAURI__.core.invoke('zooma', {sprak: 'sv', niva: arguments[0]});", vec![serde_json::json!(zoom)])
                .await?;
            enter_pa(app, "#nav-statistik").await?;
            app.wait_for_texts("#statistik-tabell tbody tr", "the statistics", |r| r.len() == 12)
                .await?;
            for css in ["#statistik-insats", "#statistik-utforare", "#statistik-diagram"] {
                assert!(inom_fonstret(app, css).await?, "{css} is not reachable at {zoom}x");
            }
            assert!(!sidled(app).await?, "the statistics scroll sideways at {zoom}x");
            app.screenshot(&format!("{namn}-statistik")).await?;
            enter_pa(app, "#nav-register").await?;
            app.wait_for_texts("#register-tabell td.lage", "the register", |r| r.len() >= 15)
                .await?;
            app.screenshot(&format!("{namn}-register")).await?;
            enter_pa(app, "#ny-utforare").await?;
            app.find("#ny-utforare-form").await?;
            enter_pa(app, "#ny-utforare-form button[type=submit]").await?;
            app.wait_for_texts("#nu-namn-fel", "the field errors", |m| {
                m.iter().any(|x| !x.is_empty())
            })
            .await?;
            for css in ["#nu-namn", "#nu-omraden", "#nu-tak", "#ny-utforare-form .avbryt"] {
                assert!(inom_fonstret(app, css).await?, "{css} is not reachable at {zoom}x");
            }
            assert!(!sidled(app).await?, "the new provider form scrolls sideways at {zoom}x");
            inom_fonstret(app, "#nu-namn").await?;
            app.screenshot(&format!("{namn}-ny-utforare")).await?;
        }
        Ok(())
    });
}

/// The register's rows, each as its text.
async fn registerrader(app: &App) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    app.texts("#register-tabell > tbody > tr").await
}

#[test]
fn a_systemforvaltare_adds_a_provider_and_an_approval_and_a_handlaggare_cannot() {
    run(
        "a_systemforvaltare_adds_a_provider_and_an_approval_and_a_handlaggare_cannot",
        async |app| {
            // A handläggare sees the button disabled, with the reason beside it.
            app.click("#nav-register").await?;
            app.wait_for_texts("#register-tabell tbody tr", "the register", |r| r.len() >= 15)
                .await?;
            let knapp = app.find("#ny-utforare").await?;
            assert!(!knapp.is_enabled().await?, "a handläggare can add a provider");
            let hinder = app.texts("#ny-utforare-hinder").await?;
            assert!(hinder[0].contains("systemförvaltare"), "{hinder:?}");
            assert!(app.texts(".nytt-godkannande").await?.is_empty());
            // Called anyway, the file dialog is refused before it opens.
            for kommando in ["valj_registerfil", "valj_paketfil"] {
                let svar = app
                .client()
                .execute_async(
                    "const k = arguments[arguments.length - 1];
                     window.__TAURI__.core.invoke(arguments[0], {sprak: 'sv', slag: 'paket', handlaggareId: document.querySelector('#handlaggare').value})
                       .then(() => k('opened'), (e) => k(e.message));",
                    vec![serde_json::json!(kommando)],
                )
                .await?;
                assert!(
                    svar.as_str().unwrap_or_default().contains("systemförvaltare"),
                    "{kommando}: {svar}"
                );
            }

            app.click_containing("#handlaggare option", "Karin Holm").await?;
            app.click("#nav-register").await?;
            app.wait_for("Karin's register", async || {
                Ok(app.find("#ny-utforare").await?.is_enabled().await?)
            })
            .await?;
            let fore = registerrader(app).await?.len();
            app.click("#ny-utforare").await?;
            app.find("#ny-utforare-form").await?;

            // Nothing filled in: each field says what is missing, next to it; nothing is added.
            app.click("#ny-utforare-form button[type=submit]").await?;
            app.wait_for_texts("#nu-namn-fel", "the name's message", |m| {
                m.iter().any(|x| x.contains("måste fyllas i"))
            })
            .await?;
            for id in [
                "#nu-orgnr-fel",
                "#nu-regi-fel",
                "#nu-omraden-fel",
                "#nu-insats-fel",
                "#nu-fran-fel",
            ] {
                let m = app.texts(id).await?;
                assert!(m.iter().any(|x| !x.trim().is_empty()), "{id} says nothing");
            }
            let fel = app.axe().await?;
            assert!(fel.is_empty(), "accessibility violations:\n{}", fel.join("\n"));

            // An organisationsnummer already in the register is refused at its field.
            app.type_text("#nu-namn", "Lönnens Omsorg AB").await?;
            app.type_text("#nu-orgnr", "502304-7292").await?;
            app.click_containing("#nu-regi option", "Privat").await?;
            app.click("input[name=nu-omrade][value=C]").await?;
            app.click_containing("#nu-insats option", "Hemtjänst").await?;
            let idag = valfri_domain::dag_i_kommunen(chrono::Utc::now()).to_string();
            app.type_text("#nu-fran", &idag).await?;
            app.type_text("#nu-tak", "12").await?;
            app.click("#ny-utforare-form button[type=submit]").await?;
            app.wait_for_texts("#nu-orgnr-fel", "the number in use", |m| {
                m.iter().any(|x| x.contains("finns redan"))
            })
            .await?;
            assert!(app.texts("#nu-namn-fel").await?.iter().all(String::is_empty));

            // A new number: asked first (cancel adds nothing), then added.
            app.client().execute("document.querySelector('#nu-orgnr').value = '';", vec![]).await?;
            app.type_text("#nu-orgnr", "556677-8899").await?;
            app.click("#ny-utforare-form button[type=submit]").await?;
            bekraftelse(app, &["Lönnens Omsorg AB", "hemtjänst", &idag]).await?;
            app.click("#bekrafta-dialog-nej").await?;
            assert_eq!(registerrader(app).await?.len(), fore, "cancel added a provider");
            app.click("#ny-utforare-form button[type=submit]").await?;
            bekraftelse(app, &["Lönnens Omsorg AB"]).await?;
            app.click("#bekrafta-dialog-ja").await?;
            app.wait_for_texts("p.klart", "the provider added", |m| {
                m.iter().any(|x| x.contains("Lönnens Omsorg AB") && x.contains("version"))
            })
            .await?;
            let rader = registerrader(app).await?;
            assert_eq!(rader.len(), fore + 1);
            let lonnen = rader.iter().find(|r| r.starts_with("Lönnens Omsorg AB")).unwrap();
            assert!(
                lonnen.contains("556677-8899, Privat")
                    && lonnen.contains("Hemtjänst: godkänd, kapacitetstak 12"),
                "{lonnen}"
            );
            let historik = app.texts("#register-historik li").await?;
            assert!(historik[0].contains("Ny utförare: Lönnens Omsorg AB"), "{historik:?}");

            // A second approval for Lönnen: the insats it already has is not offered.
            for tr in app.client().find_all(Locator::Css("#register-tabell > tbody > tr")).await? {
                if tr.text().await?.starts_with("Lönnens") {
                    tr.find(Locator::Css(".nytt-godkannande")).await?.click().await?;
                    break;
                }
            }
            app.find("#nytt-godkannande-form").await?;
            let erbjudna = app.texts("#ng-insats option").await?;
            assert!(!erbjudna.iter().any(|x| x == "Hemtjänst"), "{erbjudna:?}");
            app.click_containing("#ng-insats option", "Ledsagarservice").await?;
            app.type_text("#ng-fran", "2026-13-01").await?;
            app.click("#nytt-godkannande-form button[type=submit]").await?;
            app.wait_for_texts("#ng-fran-fel", "the bad date's message", |m| {
                m.iter().any(|x| !x.is_empty())
            })
            .await?;
            app.client().execute("document.querySelector('#ng-fran').value = '';", vec![]).await?;
            app.type_text("#ng-fran", &idag).await?;
            app.click("#nytt-godkannande-form button[type=submit]").await?;
            bekraftelse(app, &["Lönnens Omsorg AB", "ledsagarservice"]).await?;
            app.click("#bekrafta-dialog-ja").await?;
            app.wait_for_texts("#register-tabell > tbody > tr", "the second approval", |r| {
                r.iter().any(|x| x.starts_with("Lönnens") && x.contains("Ledsagarservice: godkänd"))
            })
            .await?;
            Ok(())
        },
    );
}

/// `valfri providers export` (CSV) on the database the window will open.
fn cli_export(cli: &Path, db: &Path) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let ut = Command::new(cli).arg("--db").arg(db).args(["providers", "export"]).output()?;
    if !ut.status.success() {
        return Err(String::from_utf8_lossy(&ut.stderr).into_owned().into());
    }
    Ok(ut.stdout)
}

#[test]
fn the_register_is_exported_where_the_system_dialog_points_as_the_cli_exports_it() {
    let fran_cli = Mutex::new(None);
    run_prepared_plain(
        "the_register_is_exported_where_the_system_dialog_points_as_the_cli_exports_it",
        &|cli, db| {
            *fran_cli.lock().unwrap() = Some(cli_export(cli, db)?);
            Ok(())
        },
        async |app| {
            let vantat = fran_cli.lock().unwrap().take().expect("the CLI's export");
            let mapp = tempfile::tempdir()?;
            app.click("#nav-register").await?;
            app.wait_for_texts("#register-tabell tbody tr", "the register", |r| r.len() >= 15)
                .await?;
            // Closed without a choice: nothing written, and the window says so.
            app.click("#exportera-register").await?;
            i_dialogen(app, "Spara utförarregistret", None, "Escape").await?;
            app.wait_for_texts("#export-klart", "the note that nothing was saved", |p| {
                p.iter().any(|x| x == "Registret sparades inte.")
            })
            .await?;
            assert_eq!(std::fs::read_dir(mapp.path())?.count(), 0);
            // A name without an ending gets .csv; the file is the CLI's export, byte for byte.
            app.click("#exportera-register").await?;
            let namn = mapp.path().join("Registret");
            i_dialogen(app, "Spara utförarregistret", Some(&namn.display().to_string()), "Return")
                .await?;
            let fil = mapp.path().join("Registret.csv");
            let klart = app
                .wait_for_texts("#export-klart", "the saved path", |p| {
                    p.iter().any(|x| x.contains(".csv"))
                })
                .await?;
            assert!(klart[0].contains(&fil.display().to_string()), "{klart:?}");
            assert_eq!(std::fs::read(&fil)?, vantat, "the window's export differs from the CLI's");
            let fel = app.axe().await?;
            assert!(fel.is_empty(), "accessibility violations:\n{}", fel.join("\n"));
            Ok(())
        },
    );
}

/// Chooses `fil` in the system's open dialog titled `titel`: Ctrl+L opens its location field.
async fn i_oppna_dialogen(app: &App, titel: &str, fil: &Path) -> TestResult {
    let mut forsok = 0;
    loop {
        match app.focus_window(titel).await {
            Ok(_) => {}
            Err(_) if forsok > 0 => return Ok(()),
            Err(e) => return Err(e),
        }
        app.xdotool(&["key", "--clearmodifiers", "ctrl+l"])?;
        app.xdotool(&["key", "--clearmodifiers", "ctrl+a"])?;
        app.xdotool(&["type", "--delay", "5", &fil.display().to_string()])?;
        app.xdotool(&["key", "Return"])?;
        forsok += 1;
        match app.wait_window_gone(titel, std::time::Duration::from_secs(3)).await {
            Err(_) if forsok < 3 => {}
            annat => return annat,
        }
    }
}

/// The demo's export with Björkdungen's hemtjänst cap (field 8) set to `tak`, and with a bad
/// organisationsnummer in the second row when `trasig`.
fn andrad_export(csv: &[u8], tak: &str, trasig: bool) -> String {
    let text = String::from_utf8_lossy(csv);
    text.lines()
        .enumerate()
        .map(|(i, rad)| {
            let mut f: Vec<String> = rad.split(';').map(str::to_owned).collect();
            if rad.starts_with("Björkdungens Hemtjänst AB;") {
                tak.clone_into(&mut f[7]);
            }
            if trasig && i == 1 {
                "502304-7293".clone_into(&mut f[1]);
            }
            f.join(";")
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

const IMPORT_TITEL: &str = "Välj en fil med utförarregistret";

#[test]
fn a_register_file_is_previewed_with_who_is_affected_and_imported_only_when_whole() {
    // ASCII paths: xdotool types other letters through borrowed key codes.
    let mapp = tempfile::tempdir().unwrap();
    let (bra, trasig) = (mapp.path().join("register.csv"), mapp.path().join("trasig.csv"));
    let vantat = Mutex::new(None);
    run_prepared_plain(
        "a_register_file_is_previewed_with_who_is_affected_and_imported_only_when_whole",
        &|cli, db| {
            let csv = cli_export(cli, db)?;
            std::fs::write(&bra, andrad_export(&csv, "0", false))?;
            std::fs::write(&trasig, andrad_export(&csv, "0", true))?;
            let ut = Command::new(cli)
                .arg("--db")
                .arg(db)
                .args(["--json", "providers", "import"])
                .arg(&bra)
                .arg("--dry-run")
                .output()?;
            let v: Value = serde_json::from_slice(&ut.stdout)?;
            *vantat.lock().unwrap() = Some(v);
            Ok(())
        },
        async |app| {
            let cli = vantat.lock().unwrap().take().expect("the CLI's preview");
            let paverkade: Vec<String> = cli["forhandsgranskning"]["paverkade"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["namn"].as_str().unwrap().to_owned())
                .collect();
            assert!(!paverkade.is_empty(), "Björkdungen at 0 affects its brukare: {cli}");

            app.click_containing("#handlaggare option", "Karin Holm").await?;
            app.click("#nav-register").await?;
            app.wait_for("Karin's register", async || {
                Ok(app.find("#importera-register").await?.is_enabled().await?)
            })
            .await?;
            let version_fore = app.texts("#register-historik li").await?.len();

            // A file with a bad row: the row is named, and it cannot be imported.
            app.click("#importera-register").await?;
            i_oppna_dialogen(app, IMPORT_TITEL, &trasig).await?;
            let fel = app
                .wait_for_texts("#import-forhandsgranskning-fel li", "the bad row", |r| {
                    !r.is_empty()
                })
                .await?;
            assert!(fel.iter().any(|f| f.contains("Rad 2") || f.contains("rad 2")), "{fel:?}");
            assert!(!app.find("#import-forhandsgranskning-gor").await?.is_enabled().await?);
            let hinder = app.texts("#import-forhandsgranskning-gor-hinder").await?;
            assert!(hinder[0].contains("rättade"), "{hinder:?}");
            app.click("#import-forhandsgranskning-avbryt").await?;

            // The whole file: its preview names who must choose again, as the CLI does.
            app.click("#importera-register").await?;
            i_oppna_dialogen(app, IMPORT_TITEL, &bra).await?;
            let lista = app
                .wait_for_texts("[data-avsnitt=utbyte-rubrik-paverkade] li", "the affected", |r| {
                    !r.is_empty()
                })
                .await?;
            assert_eq!(lista.len(), paverkade.len(), "{lista:?} against {paverkade:?}");
            for namn in &paverkade {
                assert!(lista.iter().any(|l| l.contains(namn.as_str())), "{namn} not in {lista:?}");
            }
            let tak = app.texts("[data-avsnitt=utbyte-rubrik-tak] li").await?;
            assert!(tak.iter().any(|t| t.contains("Björkdungens")), "{tak:?}");
            let fel = app.axe().await?;
            assert!(fel.is_empty(), "accessibility violations:\n{}", fel.join("\n"));
            app.screenshot("forvaltning-import-forhandsgranskning").await?;
            // Nothing saved by the preview.
            assert_eq!(app.texts("#register-historik li").await?.len(), version_fore);

            app.click("#import-forhandsgranskning-gor").await?;
            bekraftelse(app, &[&paverkade.len().to_string()]).await?;
            app.click("#bekrafta-dialog-ja").await?;
            app.wait_for_texts("p.klart", "the import done", |m| {
                m.iter().any(|x| x.contains("importerat som version"))
            })
            .await?;
            assert_eq!(app.texts("#register-historik li").await?.len(), version_fore + 1);
            let rader = app.texts("#register-tabell > tbody > tr").await?;
            let bjork = rader.iter().find(|r| r.starts_with("Björkdungens")).unwrap();
            assert!(bjork.contains("kapacitetstak 0"), "{bjork}");
            Ok(())
        },
    );
}

/// Runs the CLI, failing with its own words.
fn valfri(cli: &Path, args: &[&std::ffi::OsStr]) -> TestResult {
    let ut = Command::new(cli).args(args).env_remove("VALFRI_HANDLAGGARE").output()?;
    if !ut.status.success() {
        return Err(String::from_utf8_lossy(&ut.stderr).into_owned().into());
    }
    Ok(())
}

#[test]
fn a_signed_register_package_is_checked_previewed_and_applied_and_a_wrong_key_is_refused() {
    // ASCII paths: xdotool types other letters through borrowed key codes.
    let mapp = tempfile::tempdir().unwrap();
    let d = mapp.path();
    let (nyckel, annan, paket) = (d.join("nyckel"), d.join("annan"), d.join("paket.valfri"));
    let (central, csv) = (d.join("central.sqlite"), d.join("central.csv"));
    run_prepared_plain(
        "a_signed_register_package_is_checked_previewed_and_applied_and_a_wrong_key_is_refused",
        &|cli, db| {
            let os = |s: &str| std::ffi::OsString::from(s);
            // The central office: the demo with Björkdungen's cap at 0, packaged and signed.
            valfri(cli, &[&os("--db"), central.as_os_str(), &os("--plaintext"), &os("demo")])?;
            std::fs::write(&csv, andrad_export(&cli_export(cli, db)?, "0", false))?;
            valfri(
                cli,
                &[
                    &os("--db"),
                    central.as_os_str(),
                    &os("providers"),
                    &os("import"),
                    csv.as_os_str(),
                ],
            )?;
            for k in [&nyckel, &annan] {
                valfri(cli, &[&os("providers"), &os("keygen"), &os("--out"), k.as_os_str()])?;
            }
            valfri(
                cli,
                &[
                    &os("--db"),
                    central.as_os_str(),
                    &os("providers"),
                    &os("package"),
                    &os("--key"),
                    nyckel.as_os_str(),
                    &os("--out"),
                    paket.as_os_str(),
                ],
            )?;
            Ok(())
        },
        async |app| {
            app.click_containing("#handlaggare option", "Karin Holm").await?;
            app.click("#nav-register").await?;
            app.wait_for("Karin's register", async || {
                Ok(app.find("#registerpaket").await?.is_enabled().await?)
            })
            .await?;
            let historik_fore = app.texts("#register-historik li").await?.len();

            // Signed with another key than the one chosen: refused in words, nothing shown.
            app.click("#registerpaket").await?;
            i_oppna_dialogen(app, "Välj registerpaketet", &paket).await?;
            i_oppna_dialogen(
                app,
                "Välj den publika nyckel paketet ska vara signerat med",
                &annan.with_extension("pub"),
            )
            .await?;
            app.wait_for("the refusal", async || app.is_visible("#fel").await).await?;
            let fel = app.texts("#fel-text").await?;
            assert!(!fel[0].trim().is_empty(), "{fel:?}");
            assert!(app.texts("#paket-forhandsgranskning").await?.is_empty());

            // The right key: the preview says what changes and who must choose again.
            app.click("#registerpaket").await?;
            i_oppna_dialogen(app, "Välj registerpaketet", &paket).await?;
            i_oppna_dialogen(
                app,
                "Välj den publika nyckel paketet ska vara signerat med",
                &PathBuf::from(format!("{}.pub", nyckel.display())),
            )
            .await?;
            let tak = app
                .wait_for_texts(
                    "#paket-forhandsgranskning [data-avsnitt=utbyte-rubrik-tak] li",
                    "the caps",
                    |r| !r.is_empty(),
                )
                .await?;
            assert!(
                tak.iter().any(|t| t.contains("Björkdungens") && t.contains("2 → 0")),
                "{tak:?}"
            );
            let paverkade = app
                .texts("#paket-forhandsgranskning [data-avsnitt=utbyte-rubrik-paverkade] li")
                .await?;
            assert!(!paverkade.is_empty());
            let fel = app.axe().await?;
            assert!(fel.is_empty(), "accessibility violations:\n{}", fel.join("\n"));
            assert_eq!(app.texts("#register-historik li").await?.len(), historik_fore);

            app.click("#paket-forhandsgranskning-gor").await?;
            bekraftelse(app, &[&paverkade.len().to_string()]).await?;
            app.click("#bekrafta-dialog-ja").await?;
            app.wait_for_texts("p.klart", "the package applied", |m| {
                m.iter().any(|x| x.contains("är tillämpat som version"))
            })
            .await?;
            let rader = app.texts("#register-tabell > tbody > tr").await?;
            let bjork = rader.iter().find(|r| r.starts_with("Björkdungens")).unwrap();
            assert!(bjork.contains("kapacitetstak 0"), "{bjork}");
            assert_eq!(app.texts("#register-historik li").await?.len(), historik_fore + 1);
            Ok(())
        },
    );
}

#[test]
fn with_the_organisations_register_key_no_key_is_asked_for_and_another_signature_is_refused() {
    // ASCII paths: xdotool types other letters through borrowed key codes.
    let mapp = tempfile::tempdir().unwrap();
    let d = mapp.path();
    let (nyckel, annan) = (d.join("nyckel"), d.join("annan"));
    let (fran_annan, fran_kommunen) = (d.join("annan.valfri"), d.join("kommun.valfri"));
    let (central, csv) = (d.join("central.sqlite"), d.join("central.csv"));
    run_prepared_plain(
        "with_the_organisations_register_key_no_key_is_asked_for_and_another_signature_is_refused",
        &|cli, db| {
            let os = |s: &str| std::ffi::OsString::from(s);
            valfri(cli, &[&os("--db"), central.as_os_str(), &os("--plaintext"), &os("demo")])?;
            std::fs::write(&csv, andrad_export(&cli_export(cli, db)?, "0", false))?;
            valfri(
                cli,
                &[
                    &os("--db"),
                    central.as_os_str(),
                    &os("providers"),
                    &os("import"),
                    csv.as_os_str(),
                ],
            )?;
            for (k, ut) in [(&nyckel, &fran_kommunen), (&annan, &fran_annan)] {
                valfri(cli, &[&os("providers"), &os("keygen"), &os("--out"), k.as_os_str()])?;
                valfri(
                    cli,
                    &[
                        &os("--db"),
                        central.as_os_str(),
                        &os("providers"),
                        &os("package"),
                        &os("--key"),
                        k.as_os_str(),
                        &os("--out"),
                        ut.as_os_str(),
                    ],
                )?;
            }
            // The organisation's file, where the harness points VALFRI_CONFIG.
            std::fs::write(
                db.with_file_name("valfri.toml"),
                format!("[registerpaket]\npublik-nyckel = \"{}.pub\"\n", nyckel.display()),
            )?;
            Ok(())
        },
        async |app| {
            app.click_containing("#handlaggare option", "Karin Holm").await?;
            app.click("#nav-register").await?;
            app.wait_for("Karin's register", async || {
                Ok(app.find("#registerpaket").await?.is_enabled().await?)
            })
            .await?;
            let historik_fore = app.texts("#register-historik li").await?.len();
            let nyckeldialog = "^Välj den publika nyckel paketet ska vara signerat med$";

            // Signed with another key: only the package is asked for, and it is refused.
            app.click("#registerpaket").await?;
            i_oppna_dialogen(app, "Välj registerpaketet", &fran_annan).await?;
            app.wait_for("the refusal", async || app.is_visible("#fel").await).await?;
            let fel = app.texts("#fel-text").await?.join(" ");
            assert!(!fel.trim().is_empty());
            assert!(app.texts("#paket-forhandsgranskning").await?.is_empty());
            if let Ok(fonster) = app.xdotool(&["search", "--onlyvisible", "--name", nyckeldialog]) {
                assert!(fonster.trim().is_empty(), "a key was asked for");
            }
            // Past the window, the core will not open a dialog for another key.
            let handlaggare = app
                .client()
                .execute("return document.querySelector('#handlaggare').value", vec![])
                .await?;
            let svar = app
                .client()
                .execute_async(
                    "const klar = arguments[arguments.length - 1];
                     window.__TAURI__.core.invoke('valj_paketfil', { sprak: 'sv', handlaggareId: arguments[0], slag: 'nyckel' })
                       .then((v) => klar({ ok: v }), (e) => klar({ fel: e }));",
                    vec![handlaggare],
                )
                .await?;
            assert_eq!(svar["fel"]["code"], "fel-konfig-satt-av-organisationen", "{svar}");

            // Signed with the organisation's key: previewed at once and applied.
            app.click("#registerpaket").await?;
            i_oppna_dialogen(app, "Välj registerpaketet", &fran_kommunen).await?;
            let tak = app
                .wait_for_texts(
                    "#paket-forhandsgranskning [data-avsnitt=utbyte-rubrik-tak] li",
                    "the caps",
                    |r| !r.is_empty(),
                )
                .await?;
            assert!(
                tak.iter().any(|t| t.contains("Björkdungens") && t.contains("2 → 0")),
                "{tak:?}"
            );
            let paverkade = app
                .texts("#paket-forhandsgranskning [data-avsnitt=utbyte-rubrik-paverkade] li")
                .await?;
            app.click("#paket-forhandsgranskning-gor").await?;
            bekraftelse(app, &[&paverkade.len().to_string()]).await?;
            app.click("#bekrafta-dialog-ja").await?;
            app.wait_for_texts("p.klart", "the package applied", |m| {
                m.iter().any(|x| x.contains("är tillämpat som version"))
            })
            .await?;
            assert_eq!(app.texts("#register-historik li").await?.len(), historik_fore + 1);
            Ok(())
        },
    );
}

const BRUKARIMPORT_TITEL: &str = "Välj en fil med brukare";

/// A brukare file of `antal` fictional people (Importsson 1…), each with a valid personnummer,
/// then `extra` rows as they stand.
fn brukarfil(antal: usize, extra: &[&str]) -> String {
    let mut rader =
        vec!["personnummer;fornamn;efternamn;adress;postnummer;postort;omrade".to_owned()];
    let forsta = chrono::NaiveDate::from_ymd_opt(1931, 1, 1).unwrap();
    for i in 0..antal {
        let dag = forsta + chrono::Days::new(i as u64 / 3);
        let nr = u16::try_from(i % 3).unwrap() * 2 + 101;
        let pnr = valfri_domain::Personnummer::fran_delar(dag, nr);
        rader.push(format!("{pnr};Imma{i};Importsson;Storgatan {i};599 30;Exempelby;C"));
    }
    rader.extend(extra.iter().map(|r| (*r).to_owned()));
    rader.join("\n") + "\n"
}

#[test]
fn a_brukare_file_is_previewed_with_its_refused_rows_and_imported_whole_with_its_progress() {
    // Large enough to be written in more than one short transaction, so progress is reported.
    const ANTAL: usize = 2500;
    let mapp = tempfile::tempdir().unwrap();
    let (trasig, stor) = (mapp.path().join("trasig.csv"), mapp.path().join("brukare.csv"));
    std::fs::write(
        &trasig,
        brukarfil(
            2,
            &[
                "19450312-0001;Fel;Kontrollsiffra;;;;C",
                &format!("{};Märta;Ekström;;;;C", valfri_store::demo::MARTA_PNR),
            ],
        ),
    )
    .unwrap();
    std::fs::write(&stor, brukarfil(ANTAL, &[])).unwrap();
    let vantat = Mutex::new(None);
    run_prepared_plain(
        "a_brukare_file_is_previewed_with_its_refused_rows_and_imported_whole_with_its_progress",
        &|cli, db| {
            // What the CLI says of the same file on the same database.
            let ut = Command::new(cli)
                .arg("--db")
                .arg(db)
                .args(["--json", "brukare", "import"])
                .arg(&stor)
                .arg("--dry-run")
                .output()?;
            *vantat.lock().unwrap() = Some(serde_json::from_slice::<Value>(&ut.stdout)?);
            Ok(())
        },
        async |app| {
            let cli = vantat.lock().unwrap().take().expect("the CLI's dry run");
            assert_eq!(cli["antal"], ANTAL, "{cli}");

            // A handläggare: the button is disabled with the reason, and the dialog is refused
            // before it opens.
            app.click("#nav-register").await?;
            app.wait_for_texts("#register-tabell tbody tr", "the register", |r| r.len() >= 15)
                .await?;
            assert!(!app.find("#importera-brukare").await?.is_enabled().await?);
            let hinder = app.texts("#importera-brukare-hinder").await?;
            assert!(hinder[0].contains("systemförvaltare"), "{hinder:?}");
            let svar = app
                .client()
                .execute_async(
                    "const k = arguments[arguments.length - 1];
                     window.__TAURI__.core.invoke('valj_brukarfil', {sprak: 'sv', handlaggareId: document.querySelector('#handlaggare').value})
                       .then(() => k('opened'), (e) => k(e.message));",
                    vec![],
                )
                .await?;
            assert!(svar.as_str().unwrap_or_default().contains("systemförvaltare"), "{svar}");

            app.click_containing("#handlaggare option", "Karin Holm").await?;
            app.click("#nav-register").await?;
            app.wait_for("Karin's register", async || {
                Ok(app.find("#importera-brukare").await?.is_enabled().await?)
            })
            .await?;

            // Two good rows, a bad personnummer (row 4) and one already registered (row 5).
            app.click("#importera-brukare").await?;
            i_oppna_dialogen(app, BRUKARIMPORT_TITEL, &trasig).await?;
            let fel = app
                .wait_for_texts("#brukarimport-fel li", "the refused rows", |r| r.len() >= 2)
                .await?;
            assert!(fel.iter().any(|f| f.starts_with("Rad 4")), "{fel:?}");
            assert!(
                fel.iter().any(|f| f.starts_with("Rad 5") && f.contains("finns redan")),
                "{fel:?}"
            );
            assert!(!fel.iter().any(|f| f.starts_with("Rad 2") || f.starts_with("Rad 3")));
            let summa = app.texts("#brukarimport-summa li").await?;
            assert_eq!(summa[0], "Nya brukare: 2", "{summa:?}");
            assert_eq!(summa[2], "Rader som inte kan importeras: 2", "{summa:?}");
            assert!(!app.find("#brukarimport-gor").await?.is_enabled().await?);
            let hinder = app.texts("#brukarimport-gor-hinder").await?;
            assert!(hinder[0].contains("rättade"), "{hinder:?}");
            let fel = app.axe().await?;
            assert!(fel.is_empty(), "accessibility violations:\n{}", fel.join("\n"));
            for (zoom, namn) in [(1.0, "brukarimport-1024x700"), (2.0, "brukarimport-zoom-200")] {
                app.resize(1024, 700).await?;
                app.client()
                    .execute("return window.__TAURI__.core.invoke('zooma', {sprak: 'sv', niva: arguments[0]});", vec![serde_json::json!(zoom)])
                    .await?;
                for css in ["#brukarimport-fel", "#brukarimport-gor", "#brukarimport-avbryt"] {
                    assert!(inom_fonstret(app, css).await?, "{css} is not reachable at {zoom}x");
                }
                assert!(!sidled(app).await?, "the preview scrolls sideways at {zoom}x");
                inom_fonstret(app, "#brukarimport-rubrik").await?;
                app.screenshot(namn).await?;
            }
            app.client()
                .execute(
                    "return window.__TAURI__.core.invoke('zooma', {sprak: 'sv', niva: 1.0});",
                    vec![],
                )
                .await?;
            app.click("#brukarimport-avbryt").await?;
            assert!(app.texts("#brukarimport").await?.is_empty());

            // The whole file: nothing refused; imported after the confirmation, with progress.
            app.click("#importera-brukare").await?;
            i_oppna_dialogen(app, BRUKARIMPORT_TITEL, &stor).await?;
            let summa = app
                .wait_for_texts("#brukarimport-summa li", "the preview", |r| r.len() == 3)
                .await?;
            assert_eq!(summa[0], format!("Nya brukare: {ANTAL}"), "{summa:?}");
            assert_eq!(summa[2], "Rader som inte kan importeras: 0", "{summa:?}");
            assert!(app.texts("#brukarimport-fel li").await?.is_empty());
            // Nothing is saved by the preview.
            app.find("#sok").await?.send_keys("Importsson").await?;
            app.wait_for_texts("#inga-traffar", "no hits", |s| {
                s.iter().any(|x| x.contains("Importsson"))
            })
            .await?;
            assert!(app.texts("#traffar li").await?.is_empty(), "saved by the preview");
            app.client()
                .execute(
                    "window.framsteg = [];
                     window.__TAURI__.event.listen('brukarimport-framsteg', (e) => window.framsteg.push(e.payload));",
                    vec![],
                )
                .await?;
            app.click("#brukarimport-gor").await?;
            bekraftelse(app, &[&ANTAL.to_string()]).await?;
            app.click("#bekrafta-dialog-ja").await?;
            app.wait_for_texts("p.klart", "the import done", |m| {
                m.iter().any(|x| x.contains(&format!("{ANTAL} brukare är importerade")))
            })
            .await?;
            let framsteg = app.client().execute("return window.framsteg;", vec![]).await?;
            let steg: Vec<(u64, u64)> = framsteg
                .as_array()
                .unwrap()
                .iter()
                .map(|s| (s["klara"].as_u64().unwrap(), s["totalt"].as_u64().unwrap()))
                .collect();
            assert!(steg.len() >= 2, "progress was reported once or never: {steg:?}");
            assert!(steg.windows(2).all(|w| w[0].0 < w[1].0), "{steg:?}");
            assert_eq!(steg.last(), Some(&(ANTAL as u64, ANTAL as u64)), "{steg:?}");
            // The brukare are there: the search finds them.
            let sok = app.find("#sok").await?;
            sok.clear().await?;
            sok.send_keys("Imma17 Importsson").await?;
            app.wait_for_texts("#traffar li", "the imported brukare", |r| {
                r.first().is_some_and(|x| x.contains("Imma17 Importsson"))
            })
            .await?;
            Ok(())
        },
    );
}
