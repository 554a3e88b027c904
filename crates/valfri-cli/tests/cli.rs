//! The `valfri` program as an administrator or a script uses it (the contract in docs/cli.md).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

mod gemensamt;

use gemensamt::{Kommun, text, valfri};

#[test]
fn demo_creates_the_municipality_once_and_force_replaces_it() {
    let k = Kommun::demo();
    let igen = k.valfri(&["demo", "--plaintext"]);
    assert_eq!(igen.status.code(), Some(1));
    assert!(text(&igen.stderr).contains("finns redan"), "{}", text(&igen.stderr));
    let svar = k.json(&["demo", "--force", "--plaintext"]);
    assert!(svar["brukare"].as_i64().unwrap() >= 60);
    assert!(svar["utforare"].as_i64().unwrap() >= 15);
}

#[test]
fn brukare_search_by_name_and_by_personnummer_in_json() {
    let k = Kommun::demo();
    for fraga in
        [vec!["ekstr"], vec!["märta", "EKSTRÖM"], vec!["340415-9828"], vec!["193404159828"]]
    {
        let mut args = vec!["brukare", "search"];
        args.extend(fraga.iter());
        let svar = k.json(&args);
        let forsta = &svar.as_array().unwrap()[0];
        assert_eq!(forsta["namn"], "Märta Ekström", "{fraga:?}");
        assert_eq!(forsta["personnummer"], "19340415-9828");
        assert!(forsta["id"].is_string());
    }
    assert_eq!(k.json(&["brukare", "search", "zzzxq"]), serde_json::json!([]));
    let manniska = k.valfri(&["brukare", "search", "ekstr"]);
    assert!(text(&manniska.stdout).contains("19340415-9828  Märta Ekström"));
}

#[test]
fn lists_of_insatser_omraden_and_utforare() {
    let k = Kommun::demo();
    let insatser = k.json(&["insatser"]);
    let hemtjanst = insatser.as_array().unwrap().iter().find(|i| i["kod"] == "hemtjanst").unwrap();
    assert_eq!(hemtjanst["namn"], "Hemtjänst");
    assert_eq!(hemtjanst["valfrihet"], true);
    assert!(hemtjanst["lagrum"].as_str().unwrap().contains("2025:400"));
    assert_eq!(k.json(&["--lang", "en", "insatser"])[1]["namn"], "Home care");
    assert!(k.json(&["omraden"]).as_array().unwrap().iter().any(|o| o["landsbygd"] == true));
    let utforare = k.json(&["utforare"]);
    assert!(utforare.as_array().unwrap().len() >= 15);
    assert!(utforare[0]["organisationsnummer"].as_str().unwrap().contains('-'));
    assert!(utforare.as_array().unwrap().iter().any(|u| u["regi"] == "egen_regi"));
}

#[test]
fn beslut_add_makes_a_decision_and_refuses_bad_input_with_the_right_exit_code() {
    let k = Kommun::demo();
    let ny = k.ny_brukare();
    let svar = k.json(&[
        "beslut",
        "add",
        "--brukare",
        &ny,
        "--insats",
        "hemtjanst",
        "--utfall",
        "bifall",
        "--omfattning",
        "28,5",
        "--from",
        "2026-12-01",
        "--to",
        "2027-11-30",
        "--uppfoljning",
        "2027-03-01",
        "--motivering",
        "Behov av stöd.",
    ]);
    assert_eq!(svar["status"], "beslutat");
    assert_eq!(svar["id"].as_str().unwrap().len(), 26);

    // Märta has a granted hemtjänst running: a second grant overlapping it is refused, saying so.
    let fel = k.valfri(&[
        "beslut",
        "add",
        "--brukare",
        "340415-9828",
        "--insats",
        "hemtjanst",
        "--utfall",
        "bifall",
        "--omfattning",
        "5",
        "--from",
        "2026-12-01",
    ]);
    assert_eq!(fel.status.code(), Some(1));
    assert!(text(&fel.stderr).contains("omprövning"), "{}", text(&fel.stderr));

    let fel = k.valfri(&[
        "beslut",
        "add",
        "--brukare",
        "340415-9827",
        "--insats",
        "hemtjanst",
        "--utfall",
        "bifall",
        "--omfattning",
        "5",
        "--from",
        "2026-12-01",
    ]);
    assert_eq!(fel.status.code(), Some(1));
    assert!(text(&fel.stderr).contains("sista siffra"), "{}", text(&fel.stderr));

    let fel = k.valfri(&[
        "--lang",
        "en",
        "beslut",
        "add",
        "--brukare",
        "340415-9828",
        "--insats",
        "hemtjanst",
        "--utfall",
        "bifall",
        "--omfattning",
        "900",
        "--from",
        "2026-12-01",
    ]);
    assert_eq!(fel.status.code(), Some(1));
    assert!(text(&fel.stderr).contains("at most 744"), "{}", text(&fel.stderr));

    let fel = k.valfri(&[
        "beslut",
        "add",
        "--brukare",
        "340415-9828",
        "--insats",
        "hemtjanst",
        "--utfall",
        "kanske",
        "--from",
        "2026-12-01",
    ]);
    assert_eq!(fel.status.code(), Some(1));
    let fel = k.valfri(&[
        "beslut",
        "add",
        "--brukare",
        "340415-9828",
        "--insats",
        "hemtjanst",
        "--utfall",
        "bifall",
        "--from",
        "2026-13-01",
    ]);
    assert_eq!(fel.status.code(), Some(1));
    let fel = k.valfri(&[
        "beslut",
        "add",
        "--brukare",
        "340415-9828",
        "--insats",
        "hemtjanst",
        "--utfall",
        "bifall",
    ]);
    assert_eq!(fel.status.code(), Some(2), "a missing --from is a usage error");
    assert!(text(&fel.stderr).contains("from"));
}

#[test]
fn backup_restore_and_audit_verify() {
    let k = Kommun::demo();
    let kopia = k.db.with_file_name("kopia.sqlite");
    assert_eq!(
        k.json(&["backup", "--out", kopia.to_str().unwrap()])["fil"],
        kopia.to_str().unwrap()
    );
    assert_eq!(
        k.valfri(&["backup", "--out", kopia.to_str().unwrap()]).status.code(),
        Some(1),
        "no overwrite"
    );
    k.json(&[
        "beslut",
        "add",
        "--brukare",
        "340415-9828",
        "--insats",
        "hemtjanst",
        "--utfall",
        "avslag",
        "--from",
        "2026-12-01",
    ]);
    k.json(&["restore", kopia.to_str().unwrap()]);

    let hel = k.json(&["audit", "verify"]);
    assert_eq!(hel["status"], "hel");
    let raw = rusqlite::Connection::open(&k.db).unwrap();
    raw.execute_batch("DROP TRIGGER handelselogg_andras_ej; UPDATE handelselogg SET detalj = 'ändrad' WHERE nr = 3;").unwrap();
    let bruten = k.valfri(&["--json", "audit", "verify"]);
    assert_eq!(bruten.status.code(), Some(1));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&bruten.stdout).unwrap(),
        serde_json::json!({"status": "bruten", "nr": 3})
    );

    // A broken backup is refused and the database is left as it was.
    let skrap = k.db.with_file_name("skrap.sqlite");
    std::fs::write(&skrap, b"inte en databas alls").unwrap();
    let fel = k.valfri(&["restore", skrap.to_str().unwrap()]);
    assert_ne!(fel.status.code(), Some(0));
    assert_eq!(k.valfri(&["brukare", "search", "ekstr"]).status.code(), Some(0));
}

#[test]
fn generate_makes_a_large_fictional_municipality() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("stor.sqlite");
    let ut = valfri(
        &db,
        &[
            "--json",
            "generate",
            "--brukare",
            "500",
            "--utforare",
            "40",
            "--seed",
            "3",
            "--plaintext",
        ],
    );
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    let k = Kommun { dir, db };
    assert_eq!(k.json(&["utforare"]).as_array().unwrap().len(), 40);
    assert!(!k.json(&["brukare", "search", "son"]).as_array().unwrap().is_empty());
}

#[test]
fn usage_and_storage_errors_have_their_own_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let saknas = dir.path().join("finns-inte.sqlite");
    assert_eq!(valfri(&saknas, &["brukare", "search", "x"]).status.code(), Some(3));
    assert!(!saknas.exists(), "reading never creates a database");
    let skrap = dir.path().join("skrap.sqlite");
    std::fs::write(&skrap, vec![1u8; 8192]).unwrap();
    let ut = valfri(&skrap, &["insatser"]);
    assert_eq!(ut.status.code(), Some(3));
    assert!(text(&ut.stderr).contains("skadad"), "{}", text(&ut.stderr));
    assert_eq!(valfri(&skrap, &["trollkarl"]).status.code(), Some(2));
    assert_eq!(valfri(&skrap, &["insatser", "extra"]).status.code(), Some(2));
    assert_eq!(valfri(&skrap, &["--db"]).status.code(), Some(2));
    let hjalp = valfri(&skrap, &["--help"]);
    assert_eq!(hjalp.status.code(), Some(0));
    assert!(text(&hjalp.stdout).contains("brukare search"));
}

/// A granted hemtjänst beslut for a new brukare in område C (Märta has one running already).
fn nytt_beslut(k: &Kommun) -> String {
    let ny = k.ny_brukare();
    let svar = k.json(&[
        "beslut",
        "add",
        "--brukare",
        &ny,
        "--insats",
        "hemtjanst",
        "--utfall",
        "bifall",
        "--omfattning",
        "10",
        "--from",
        "2026-12-01",
    ]);
    svar["id"].as_str().unwrap().to_owned()
}

fn orgnr(k: &Kommun, borjan: &str) -> String {
    let lista = k.json(&["utforare"]);
    lista
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["namn"].as_str().unwrap().starts_with(borjan))
        .unwrap()["organisationsnummer"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn valbara_lists_every_approved_provider_with_its_status_and_the_order_rule() {
    let k = Kommun::demo();
    let b = nytt_beslut(&k);
    let v = k.json(&["valbara", "--beslut", &b]);
    assert_eq!(v["ordning"], "alfabetisk");
    let rader = v["utforare"].as_array().unwrap();
    assert!(rader.iter().any(|r| r["status"]["status"] == "vid_tak"));
    assert!(rader.iter().any(|r| r["status"]["status"] == "valbar"));
    let text = text(&k.valfri(&["valbara", "--beslut", &b]).stdout);
    assert!(text.starts_with("Ordning: I bokstavsordning."), "{text}");
    assert!(text.contains("Tar för närvarande inte emot nya (2 av 2 platser är tagna)"));
}

#[test]
fn choose_registers_a_choice_then_a_byte_and_refuses_a_full_provider() {
    let k = Kommun::demo();
    let b = nytt_beslut(&k);
    let full = k.valfri(&["choose", "--beslut", &b, "--utforare", &orgnr(&k, "Björkdungens")]);
    assert_eq!(full.status.code(), Some(1));
    assert!(text(&full.stderr).contains("inte emot nya"), "{}", text(&full.stderr));
    let val = k.json(&[
        "choose",
        "--beslut",
        &b,
        "--utforare",
        &orgnr(&k, "Almgårdens"),
        "--by",
        "brukare",
        "--info",
        "tolk",
        "--sprak",
        "fi",
    ]);
    assert_eq!(val["typ"], "aktivt_val");
    assert_eq!(val["vem_valde"], "brukare");
    // Nothing is recorded that did not happen: this brukare has no ombud.
    let utan_ombud =
        k.valfri(&["choose", "--beslut", &b, "--utforare", &orgnr(&k, "Östra"), "--by", "ombud"]);
    assert_eq!(utan_ombud.status.code(), Some(1));
    assert!(text(&utan_ombud.stderr).contains("inget ombud"), "{}", text(&utan_ombud.stderr));
    let byte = k.valfri(&["choose", "--beslut", &b, "--utforare", &orgnr(&k, "Östra")]);
    assert_eq!(byte.status.code(), Some(0));
    assert!(
        text(&byte.stdout)
            .starts_with("Registrerat: Byte av utförare, Östra Strandens Omsorg AB från"),
        "{}",
        text(&byte.stdout)
    );
    assert_eq!(
        k.valfri(&["choose", "--beslut", &b, "--utforare", &orgnr(&k, "Östra")]).status.code(),
        Some(1)
    );
    assert_eq!(
        k.valfri(&["choose", "--beslut", &b, "--utforare", &orgnr(&k, "Östra"), "--by", "granne"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn ickeval_explains_itself_and_stats_count_it() {
    let k = Kommun::demo();
    let b = nytt_beslut(&k);
    let utan = k.valfri(&["ickeval", "--beslut", &b]);
    assert_eq!(
        utan.status.code(),
        Some(1),
        "no information sent: the svarsdatum cannot have passed"
    );
    let svar = k.json(&["ickeval", "--beslut", &b, "--avstar"]);
    assert_eq!(svar["forklaring"]["modell"], "turordning");
    assert!(svar["text"][0].as_str().unwrap().contains("tilldelades enligt ickevalsalternativet"));
    let manniska = k.valfri(&["ickeval", "--beslut", &nytt_beslut(&k), "--avstar"]);
    assert!(
        text(&manniska.stdout).contains("Förra tilldelningen på listan gick till"),
        "{}",
        text(&manniska.stdout)
    );

    let s = k.json(&["stats", "--from", "2000-01-01"]);
    let hemtjanst =
        s["insatser"].as_array().unwrap().iter().find(|i| i["insats_kod"] == "hemtjanst").unwrap();
    assert!(hemtjanst["ickeval"].as_u64().unwrap() >= 2);
    assert!(text(&k.valfri(&["stats"]).stdout).contains("Andel aktivt val"));
}

#[test]
fn an_ickeval_or_a_choice_dated_after_today_is_refused_with_a_sentence() {
    let k = Kommun::demo();
    let b = nytt_beslut(&k);
    // The letter gives the information today: the svarsdatum is two weeks ahead.
    let brev = k.valfri(&["letter", "--beslut", &b, "--out", &k.sokvag("brev.pdf")]);
    assert_eq!(brev.status.code(), Some(0), "{}", text(&brev.stderr));
    let idag = valfri_store::idag();
    let forbi = (idag + chrono::Days::new(15)).to_string();
    let ut = k.valfri(&["ickeval", "--beslut", &b, "--date", &forbi]);
    assert_eq!(ut.status.code(), Some(1), "{}", text(&ut.stdout));
    assert_eq!(
        text(&ut.stderr).trim(),
        format!(
            "Datumet {forbi} har inte kommit än. Det som registreras som gjort kan inte dateras framåt."
        )
    );
    let en = k.valfri(&["--lang", "en", "ickeval", "--beslut", &b, "--date", &forbi]);
    assert!(
        text(&en.stderr).contains(&format!("The date {forbi} has not come yet")),
        "{}",
        text(&en.stderr)
    );
    let imorgon = (idag + chrono::Days::new(1)).to_string();
    let fel = k.valfri(&[
        "--json",
        "choose",
        "--beslut",
        &b,
        "--utforare",
        &orgnr(&k, "Almgårdens"),
        "--date",
        &imorgon,
    ]);
    assert_eq!(fel.status.code(), Some(1));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&fel.stdout).unwrap()["code"],
        "fel-datum-framtid"
    );
    assert_eq!(k.antal(&format!("SELECT count(*) FROM val WHERE beslut_id = '{b}'")), 0);
    // Today the svarsdatum has still not passed.
    assert_eq!(k.valfri(&["ickeval", "--beslut", &b]).status.code(), Some(1));
}

#[test]
fn setting_turordning_warns_about_lou() {
    let k = Kommun::demo();
    let ut =
        k.valfri(&["insats", "ickeval", "--insats", "daglig-verksamhet", "--modell", "turordning"]);
    assert_eq!(ut.status.code(), Some(0));
    assert!(text(&ut.stderr).contains("Konkurrensverket"), "{}", text(&ut.stderr));
    let ut =
        k.valfri(&["insats", "ickeval", "--insats", "daglig-verksamhet", "--modell", "egen_regi"]);
    assert!(!text(&ut.stderr).contains("Konkurrensverket"));
}
