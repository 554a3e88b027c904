//! Trust in the window: the reason asked for before a brukare with skyddade personuppgifter is
//! opened, and every registered command called with malformed arguments.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use serde_json::{Value, json};

use crate::HITS;
use crate::harness::{App, TestResult, run};

/// The demo's brukare with skyddade personuppgifter (fictional, like everyone in the demo).
const SKYDDAD: &str = "Stig Lindqvist";

async fn klicka_skyddad(app: &App) -> TestResult {
    app.type_text("#sok", "lindqvist").await?;
    app.wait_for_texts(HITS, "a hit for Stig Lindqvist", |h| h.iter().any(|x| x.contains(SKYDDAD)))
        .await?;
    app.click_containing(HITS, SKYDDAD).await?;
    Ok(())
}

#[test]
fn opening_a_skyddad_brukare_asks_for_a_reason_first() {
    run("opening_a_skyddad_brukare_asks_for_a_reason_first", async |app| {
        klicka_skyddad(app).await?;
        app.find("#skal-dialog[open] #skal-falt").await?;
        let rubrik = app.texts("section#brukare h2").await?;
        assert!(
            !rubrik.iter().any(|h| h.contains(SKYDDAD)),
            "the record showed before a reason: {rubrik:?}"
        );

        // No reason: the dialog stays and says what is missing.
        app.click("#skal-oppna").await?;
        app.wait_for_texts("#skal-fel", "the dialog to ask for a reason", |t| {
            t.iter().any(|x| !x.trim().is_empty())
        })
        .await?;
        assert!(app.is_visible("#skal-dialog").await?);

        // Cancel: nothing opens.
        app.click("#skal-avbryt").await?;
        app.wait_for("the dialog to close", async || Ok(!app.is_visible("#skal-dialog").await?))
            .await?;
        let rubrik = app.texts("section#brukare h2").await?;
        assert!(
            !rubrik.iter().any(|h| h.contains(SKYDDAD)),
            "cancel opened the record: {rubrik:?}"
        );

        // With a reason the record opens, and the address is still not shown.
        klicka_skyddad(app).await?;
        app.type_text("#skal-falt", "Uppföljning av hemtjänst efter samtal med brukaren").await?;
        app.click("#skal-oppna").await?;
        app.wait_for_texts("section#brukare h2", "Stig Lindqvist's record", |h| {
            h.iter().any(|x| x.contains(SKYDDAD))
        })
        .await?;
        let fakta = app.texts("section#brukare dl.fakta dd").await?;
        assert!(fakta.iter().any(|f| f.contains("Visas inte")), "the address is shown: {fakta:?}");
        assert!(!app.is_visible("#skal-dialog").await?);
        Ok(())
    });
}

/// Every command in `generate_handler!`, read from the shell's source so a new command is
/// covered without touching this test.
fn kommandon() -> Vec<String> {
    let kalla = include_str!("../../src-tauri/src/main.rs");
    let start = kalla.find("generate_handler![").map_or(0, |i| i + "generate_handler![".len());
    let slut = kalla[start..].find(']').map_or(start, |i| start + i);
    kalla[start..slut]
        .split(',')
        .filter_map(|s| s.trim().rsplit("::").next().map(str::to_owned))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Argument names the commands use, in the window's camelCase.
const NAMN: &[&str] = &[
    "handlaggareId",
    "id",
    "beslutId",
    "brukareId",
    "utforareId",
    "fraga",
    "skal",
    "formular",
    "utforare",
    "kommun",
    "losenfras",
    "gammal",
    "ny",
    "bekrafta",
    "typ",
    "mapp",
    "sokvag",
    "datum",
    "form",
    "beskrivning",
    "orsak",
    "insats",
    "omrade",
    "kod",
    "lagrum",
    "namn",
    "modell",
    "beslut",
    "lista",
    "vem",
    "stil",
    "storstil",
    "landsbygd",
    "egenRegi",
    "installningar",
    "upprepad",
];

async fn anropa(
    app: &App,
    kommando: &str,
    arg: &Value,
) -> Result<Value, Box<dyn std::error::Error>> {
    Ok(app
        .client()
        .execute_async(
            "const [namn, arg, klar] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
             const stor = 'x'.repeat(1 << 18);
             const a = JSON.parse(JSON.stringify(arg), (k, v) => (v === '<stor>' ? stor : v));
             window.__TAURI_INTERNALS__.invoke(namn, a).then(
               (v) => klar({ ok: true }),
               (e) => klar({ ok: false, fel: e }));",
            vec![json!(kommando), arg.clone()],
        )
        .await?)
}

#[test]
fn every_command_answers_malformed_arguments_with_an_error_and_the_window_keeps_working() {
    run(
        "every_command_answers_malformed_arguments_with_an_error_and_the_window_keeps_working",
        async |app| {
            let kommandon = kommandon();
            assert!(
                kommandon.len() >= 20 && kommandon.iter().any(|k| k == "oppna_brukare"),
                "{kommandon:?}"
            );
            let med = |varde: Value, sprak: Value| {
                let mut m: serde_json::Map<String, Value> =
                    NAMN.iter().map(|n| ((*n).to_owned(), varde.clone())).collect();
                m.insert("sprak".into(), sprak);
                Value::Object(m)
            };
            let fall = [
                ("nothing", json!({})),
                ("wrong types", med(json!([7, { "a": null }]), json!(7))),
                ("numbers", med(json!(-1e308), json!("sv"))),
                ("256 kB strings", med(json!("<stor>"), json!("<stor>"))),
                ("bogus ids", med(json!("01BOGUS\u{0}\u{202E}"), json!("sv"))),
            ];
            let mut rapport = Vec::new();
            let (mut svarade, mut vara, mut tauris) = (0, 0, 0);
            // The lock is tried last: after it every other command is refused as locked anyway.
            let (mut ordning, lock): (Vec<String>, Vec<String>) =
                kommandon.into_iter().partition(|k| k != "lock");
            ordning.extend(lock);
            for kommando in &ordning {
                for (vad, arg) in &fall {
                    let svar = anropa(app, kommando, arg).await?;
                    if svar["ok"] == json!(true) {
                        // A command that needs no more than a language may well answer.
                        svarade += 1;
                        continue;
                    }
                    let fel = &svar["fel"];
                    let begripligt = match fel {
                        // Our own refusals: a Fluent id and a sentence.
                        Value::Object(o) => {
                            o.get("code").and_then(Value::as_str).is_some_and(|c| !c.is_empty())
                                && o.get("message")
                                    .and_then(Value::as_str)
                                    .is_some_and(|m| !m.trim().is_empty())
                        }
                        // Tauri's own refusal of arguments of the wrong shape, before any of our code runs.
                        Value::String(s) => {
                            s.contains("invalid args") || s.contains("missing required key")
                        }
                        _ => false,
                    };
                    if fel.is_object() {
                        vara += 1;
                    } else {
                        tauris += 1;
                    }
                    if !begripligt {
                        rapport.push(format!(
                            "{kommando} with {vad}: {}",
                            fel.to_string().chars().take(300).collect::<String>()
                        ));
                    }
                }
            }
            eprintln!(
                "{} commands × {} cases: {svarade} answered, {vara} refused by Valfri, {tauris} refused by Tauri",
                ordning.len(),
                fall.len()
            );
            assert!(rapport.is_empty(), "unclear answers:\n{}", rapport.join("\n"));
            assert!(vara >= 20, "hardly any call reached Valfri's own checks");
            // The window still answers.
            let svar = anropa(app, "texter", &json!({ "sprak": "sv" })).await?;
            assert_eq!(svar["ok"], json!(true), "{svar}");
            let klar = app.client().execute("return document.body.dataset.ready", vec![]).await?;
            assert_eq!(klar, json!("true"));
            Ok(())
        },
    );
}

/// The shell's configuration keeps the window shut to everything but Valfri's own files and
/// commands: a strict content security policy with no remote origin, a frozen prototype, and a
/// capability file that grants no core or plugin API.
#[test]
fn the_shell_is_configured_strictly() {
    let konf: Value =
        serde_json::from_str(include_str!("../../src-tauri/tauri.conf.json")).unwrap_or_default();
    let sakerhet = &konf["app"]["security"];
    assert_eq!(sakerhet["freezePrototype"], json!(true));
    let csp = sakerhet["csp"].as_str().unwrap_or_default();
    let direktiv: Vec<(&str, Vec<&str>)> = csp
        .split(';')
        .filter_map(|d| {
            let mut delar = d.split_whitespace();
            delar.next().map(|namn| (namn, delar.collect()))
        })
        .collect();
    let kalla = |namn: &str| direktiv.iter().find(|(n, _)| *n == namn).map(|(_, v)| v.clone());
    assert_eq!(kalla("default-src"), Some(vec!["'self'"]), "{csp}");
    assert_eq!(kalla("script-src"), Some(vec!["'self'"]), "{csp}");
    assert_eq!(kalla("object-src"), Some(vec!["'none'"]), "{csp}");
    for (namn, varden) in &direktiv {
        for v in varden {
            let tillaten = v.starts_with('\'') && !v.contains("unsafe")
                || *v == "data:" && *namn == "img-src"
                || (*namn == "connect-src" && (*v == "ipc:" || *v == "http://ipc.localhost"));
            assert!(tillaten, "{namn} allows {v}: {csp}");
        }
    }
    // No remote page and no dev server: the window loads only the compiled-in ui/.
    assert!(konf["build"].get("devUrl").is_none(), "{konf}");
    assert_eq!(konf["build"]["frontendDist"], json!("../ui"));
    for fonster in konf["app"]["windows"].as_array().into_iter().flatten() {
        assert!(
            fonster.get("url").is_none_or(|u| u.as_str().is_some_and(|u| !u.contains("://"))),
            "{fonster}"
        );
    }
    let formaga: Value =
        serde_json::from_str(include_str!("../../src-tauri/capabilities/default.json"))
            .unwrap_or_default();
    assert_eq!(formaga["windows"], json!(["main"]));
    assert_eq!(
        formaga["permissions"],
        json!(["core:event:allow-listen", "core:event:allow-unlisten"]),
        "the window needs no core or plugin permission but hearing the shell's events (a change \
         in the municipality's register, in kommunläge): {formaga}"
    );
    assert!(formaga.get("remote").is_none(), "no remote origin may call commands: {formaga}");
    let katalog =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/capabilities");
    let filer: Vec<_> = std::fs::read_dir(&katalog)
        .map(|d| d.filter_map(Result::ok).map(|f| f.file_name()).collect())
        .unwrap_or_default();
    assert_eq!(
        filer,
        [std::ffi::OsString::from("default.json")],
        "one capability file, checked above"
    );
}
