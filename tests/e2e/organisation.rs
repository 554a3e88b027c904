//! The organisation's configuration (valfri.toml) in the window: a broken file stops it with its
//! sentence before anything opens; what a valid one sets is shown as the organisation's and a
//! change of it is refused by the core, not only by the form. And the About part of the help.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::path::Path;

use serde_json::{Value, json};

use crate::harness::{App, TestResult, run_prepared, run_prepared_plain};

const LOSENFRAS: &str = "e2e lösenfras";

/// Writes `text` as the organisation's file beside the database, where the harness points
/// `VALFRI_CONFIG`.
fn konfiguration(text: &'static str) -> impl Fn(&Path, &Path) -> TestResult {
    move |_cli, db| {
        std::fs::write(db.with_file_name("valfri.toml"), text)?;
        Ok(())
    }
}

async fn anropa(
    app: &App,
    kommando: &str,
    arg: Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    Ok(app
        .client()
        .execute_async(
            "const [namn, arg, klar] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
             window.__TAURI__.core.invoke(namn, arg).then((v) => klar({ ok: v }), (e) => klar({ fel: e }));",
            vec![json!(kommando), arg],
        )
        .await?)
}

#[test]
fn a_broken_organisation_file_stops_the_window_with_its_sentence() {
    run_prepared(
        "a_broken_organisation_file_stops_the_window_with_its_sentence",
        LOSENFRAS,
        &konfiguration("[kommun]\nkod = \"0883\"\nnamn = \"Exempelby kommun\"\nnman = \"x\"\n"),
        async |app| {
            app.wait_for_texts("#lock #lock-rubrik", "the stop screen", |t| {
                t.iter().any(|t| t == "Valfri kan inte starta")
            })
            .await?;
            let mening = app.texts("#lock-fel").await?.join(" ");
            assert!(mening.contains("okänd inställning: kommun.nman"), "{mening}");
            // Nothing to unlock with, nothing behind it.
            assert!(
                app.texts("#lock-losenfras").await?.is_empty(),
                "a passphrase field is offered"
            );
            assert!(!app.is_visible("#sok").await?);
            let violations = app.axe().await?;
            assert!(violations.is_empty(), "stop screen: {violations:?}");
            // The core refuses the unlock too: the rule is not only the screen's.
            let svar =
                anropa(app, "unlock", json!({ "sprak": "sv", "losenfras": LOSENFRAS })).await?;
            assert_eq!(svar["fel"]["code"], "fel-konfig-okand-nyckel", "{svar}");
            Ok(())
        },
    );
}

#[test]
fn what_the_organisation_sets_is_shown_as_such_and_the_core_refuses_to_change_it() {
    run_prepared(
        "what_the_organisation_sets_is_shown_as_such_and_the_core_refuses_to_change_it",
        LOSENFRAS,
        &konfiguration(
            "[kommun]\nkod = \"0883\"\nnamn = \"Exempelby kommun\"\n[sakerhet]\nlas-efter-minuter = 7\n",
        ),
        async |app| {
            app.type_text("#lock-losenfras", LOSENFRAS).await?;
            app.click("#lock-knapp").await?;
            app.wait_for("the lock screen to go", async || {
                Ok(!app.is_visible("#lock").await.unwrap_or(false))
            })
            .await?;

            // The help overlay's About: the version and the schema version.
            app.click("#hjalp-knapp").await?;
            app.wait_for_texts("#om-version", "the version in the help", |t| {
                t.iter().any(|t| {
                    t.starts_with(&format!("Valfri {}, databasschema ", env!("CARGO_PKG_VERSION")))
                })
            })
            .await?;
            let violations = app.axe().await?;
            assert!(violations.is_empty(), "help with About: {violations:?}");
            app.click("#hjalp-stang").await?;

            // A systemförvaltare's settings: the idle lock is the file's, marked and not editable.
            app.click_containing("#handlaggare option", "Karin Holm").await?;
            app.click("#nav-installningar").await?;
            app.wait_for_texts("#org-las_efter_minuter", "the organisation's mark", |t| {
                t.iter().any(|t| t.contains("Satt av organisationen (sakerhet.las-efter-minuter"))
            })
            .await?;
            let falt = app.find("#s-lock").await?;
            assert_eq!(falt.prop("value").await?.as_deref(), Some("7"));
            assert_eq!(falt.prop("disabled").await?.as_deref(), Some("true"));
            let namn = app.find("#k-namn").await?;
            assert_eq!(namn.prop("disabled").await?.as_deref(), Some("true"));
            // Other settings stay the desk's own.
            let namnd = app.find("#k-namnd").await?;
            assert_eq!(namnd.prop("disabled").await?.as_deref(), Some("false"));
            let violations = app.axe().await?;
            assert!(violations.is_empty(), "settings: {violations:?}");

            // Past the form, the core says no, and the saved value is still the file's.
            let handlaggare: String = app
                .client()
                .execute("return document.querySelector('#handlaggare').value", vec![])
                .await?
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let svar = anropa(
                app,
                "spara_sakerhet",
                json!({ "sprak": "sv", "handlaggareId": handlaggare,
                        "sakerhet": { "las_efter_minuter": 30, "sakerhetskopior": 10 } }),
            )
            .await?;
            assert_eq!(svar["fel"]["code"], "fel-konfig-satt-av-organisationen", "{svar}");
            let svar = anropa(app, "sakerhet", json!({ "sprak": "sv" })).await?;
            assert_eq!(svar["ok"]["las_efter_minuter"], 7, "{svar}");
            Ok(())
        },
    );
}

#[test]
fn a_fixed_documents_folder_is_where_the_window_saves_and_another_place_is_refused() {
    let mappen = std::sync::Mutex::new(std::path::PathBuf::new());
    run_prepared_plain(
        "a_fixed_documents_folder_is_where_the_window_saves_and_another_place_is_refused",
        &|_cli, db| {
            let dok = db.with_file_name("dok");
            *mappen.lock().unwrap() = db.parent().unwrap().to_path_buf();
            std::fs::write(
                db.with_file_name("valfri.toml"),
                format!("[dokument]\nmapp = \"{}\"\nfritt-val = false\n", dok.display()),
            )?;
            Ok(())
        },
        async |app| {
            let dir = mappen.lock().unwrap().clone();
            let (dok, annan) = (dir.join("dok"), dir.join("annan"));
            app.wait_for("the window to open", async || {
                Ok(!app.is_visible("#lock").await.unwrap_or(true))
            })
            .await?;
            // A folder chosen on this computer before the organisation fixed one.
            app.client()
                .execute(
                    "localStorage.setItem('valfri.dokumentmapp', arguments[0]); return true;",
                    vec![json!(annan.display().to_string())],
                )
                .await?;

            // "Spara" saves into the organisation's folder, not the one chosen earlier.
            crate::utskrift::oppna_marta(app).await?;
            crate::utskrift::forhandsgranska(app, "beslutsmeddelande").await?;
            let filer = crate::utskrift::spara(app).await?;
            assert!(filer.iter().all(|f| f.starts_with(&dok)), "{filer:?}");
            assert!(std::fs::read(&filer[0])?.starts_with(b"%PDF"));
            assert!(!annan.exists());

            // Past the window, the core refuses another place and writes nothing there.
            let beslut: String = app
                .client()
                .execute("return document.querySelector('#dokument-dialog').dataset.beslut", vec![])
                .await?
                .as_str()
                .unwrap_or_default()
                .to_owned();
            let handlaggare: String = app
                .client()
                .execute("return document.querySelector('#handlaggare').value", vec![])
                .await?
                .as_str()
                .unwrap_or_default()
                .to_owned();
            for (mapp, fil) in [
                (Value::Null, json!(annan.join("brev.pdf").display().to_string())),
                (json!(annan.display().to_string()), Value::Null),
            ] {
                let svar = anropa(
                    app,
                    "spara_dokument",
                    json!({ "sprak": "sv", "handlaggareId": handlaggare, "typ": "beslutsmeddelande",
                            "beslutId": beslut, "mapp": mapp, "fil": fil }),
                )
                .await?;
                assert_eq!(svar["fel"]["code"], "fel-konfig-utanfor-dokumentmappen", "{svar}");
                assert!(
                    svar["fel"]["message"]
                        .as_str()
                        .unwrap_or_default()
                        .contains("Dokument sparas bara i mappen"),
                    "{svar}"
                );
            }
            let svar = anropa(
                app,
                "starta_batch",
                json!({ "sprak": "sv", "handlaggareId": handlaggare, "mapp": annan.display().to_string() }),
            )
            .await?;
            assert_eq!(svar["fel"]["code"], "fel-konfig-utanfor-dokumentmappen", "{svar}");
            assert!(!annan.exists());
            app.client()
                .execute("document.querySelector('#dokument-dialog').close(); return true;", vec![])
                .await?;

            // The settings show the folder as the organisation's, not editable.
            app.click("#nav-installningar").await?;
            app.wait_for_texts("#org-dokumentmapp", "the organisation's mark", |t| {
                t.iter().any(|t| t.contains("Satt av organisationen (dokument.mapp"))
            })
            .await?;
            let falt = app.find("#inst-mapp-falt").await?;
            assert_eq!(falt.prop("disabled").await?.as_deref(), Some("true"));
            Ok(())
        },
    );
}
