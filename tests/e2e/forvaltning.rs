//! The systemförvaltare's screens: statistics of choice month by month (checked against what
//! the CLI counts on the same database) and the register's states of approval.

use std::path::Path;
use std::process::Command;
use std::sync::Mutex;

use fantoccini::Locator;
use serde_json::Value;

use crate::dagen::{enter_pa, inom_fonstret, sidled};
use crate::harness::{App, TestResult, run, run_prepared_plain};

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
            app.click_containing("#sprak option", "EN").await?;
            // The switch shows the start page again; the statistics are opened after it.
            app.wait_for_texts("#brukare h2", "the English start page", |h| {
                h.iter().any(|x| x == "To do")
            })
            .await?;
            app.click("#nav-statistik").await?;
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
        }
        Ok(())
    });
}
