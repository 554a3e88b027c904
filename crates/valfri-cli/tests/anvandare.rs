//! Personal logins in the CLI: `--user` signs in with the person's own passphrase, every
//! command then acts as that person, and nobody else can be named.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use valfri_store::{Losenfras, demo, oppna_som};

const DEMO: (&str, &str) = ("DEMO", demo::DEMO_LOSENFRAS);

fn valfri(db: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_valfri"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("VALFRI_DB")
        .env_remove("VALFRI_HANDLAGGARE")
        .env_remove("VALFRI_USER");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `valfri --user LOGIN --passphrase-env DEMO ARGS`.
fn som(db: &Path, anvandare: &str, args: &[&str]) -> Output {
    let mut alla = vec!["--user", anvandare, "--passphrase-env", "DEMO"];
    alla.extend_from_slice(args);
    valfri(db, &[DEMO], &alla)
}

fn ok(ut: &Output) -> String {
    assert_eq!(ut.status.code(), Some(0), "{}{}", text(&ut.stdout), text(&ut.stderr));
    text(&ut.stdout)
}

fn slotdemo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    ok(&valfri(&db, &[], &["demo", "--logins"]));
    (dir, db)
}

fn demolosen() -> Losenfras {
    Losenfras::ny(demo::DEMO_LOSENFRAS).unwrap()
}

#[test]
fn user_acts_as_that_person_and_nobody_else_can_be_named() {
    let (_dir, db) = slotdemo();
    let beslut = [
        "beslut",
        "add",
        "--brukare",
        demo::MARTA_PNR,
        "--insats",
        "hemtjanst",
        "--utfall",
        "avslag",
        "--from",
        "2026-12-01",
        "--motivering",
        "Prov.",
    ];
    let ut = som(&db, "jonas.berg", &[&["--json"][..], &beslut[..]].concat());
    let id = serde_json::from_str::<serde_json::Value>(&ok(&ut)).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (store, _) = oppna_som(&db, "karin.holm", &demolosen()).unwrap();
    let rader = store.logg_for("beslut", &id).unwrap();
    assert!(!rader.is_empty());
    assert!(rader.iter().all(|r| r.vem.starts_with("Jonas Berg <")), "{rader:?}");
    let karin = store.inloggad().unwrap().handlaggare_id.clone();
    drop(store);

    // Naming another handläggare is refused with a sentence, by flag or by variable.
    let fore = std::fs::read(&db).unwrap();
    let mut med_flagga = beslut.to_vec();
    med_flagga.extend(["--handlaggare", karin.as_str()]);
    let ut = som(&db, "jonas.berg", &med_flagga);
    assert_eq!(ut.status.code(), Some(1), "{}", text(&ut.stderr));
    assert!(text(&ut.stderr).contains("Du är inloggad som Jonas Berg"), "{}", text(&ut.stderr));
    let ut = valfri(
        &db,
        &[DEMO, ("VALFRI_HANDLAGGARE", karin.as_str())],
        &[&["--user", "jonas.berg", "--passphrase-env", "DEMO"][..], &beslut[..]].concat(),
    );
    assert_eq!(ut.status.code(), Some(1), "{}", text(&ut.stderr));
    assert!(text(&ut.stderr).contains("inloggad som Jonas Berg"), "{}", text(&ut.stderr));
    assert_eq!(std::fs::read(&db).unwrap(), fore);

    // VALFRI_USER is the same as --user.
    let ut = valfri(
        &db,
        &[DEMO, ("VALFRI_USER", "leila.haddad")],
        &["--json", "--passphrase-env", "DEMO", "user", "list"],
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&ok(&ut)).unwrap().as_array().unwrap().len(),
        4
    );
}

#[test]
fn a_slot_database_needs_a_login_and_wrong_ones_are_one_sentence() {
    let (_dir, db) = slotdemo();
    let ut = valfri(&db, &[DEMO], &["--passphrase-env", "DEMO", "insatser"]);
    assert_eq!(ut.status.code(), Some(3));
    let fel = text(&ut.stderr);
    assert!(fel.contains("personliga inloggningar"), "{fel}");
    assert!(fel.contains("--user"), "{fel}");
    let okand = som(&db, "nils.nilsson", &["insatser"]);
    let fel_fras = valfri(
        &db,
        &[("FEL", "inte den ratta")],
        &["--user", "karin.holm", "--passphrase-env", "FEL", "insatser"],
    );
    for ut in [&okand, &fel_fras] {
        assert_eq!(ut.status.code(), Some(3));
        assert_eq!(
            text(&ut.stderr).trim(),
            "Inloggningen eller lösenfrasen stämmer inte. Försök igen."
        );
    }
    assert_eq!(text(&okand.stderr), text(&fel_fras.stderr));
    // In English too, and --json carries the code.
    let ut = valfri(
        &db,
        &[DEMO],
        &["--lang", "en", "--json", "--user", "nobody", "--passphrase-env", "DEMO", "insatser"],
    );
    assert_eq!(ut.status.code(), Some(3));
    let svar: serde_json::Value = serde_json::from_slice(&ut.stdout).unwrap();
    assert_eq!(svar["code"], "fel-db-fel-inloggning");
    assert!(svar["message"].as_str().unwrap().contains("login or the passphrase is wrong"));

    // --user on a database without slots is refused rather than ignored.
    let dir = tempfile::tempdir().unwrap();
    let vanlig = dir.path().join("vanlig.sqlite");
    ok(&valfri(&vanlig, &[], &["demo", "--plaintext"]));
    let ut =
        valfri(&vanlig, &[DEMO], &["--user", "karin.holm", "--passphrase-env", "DEMO", "insatser"]);
    assert_eq!(ut.status.code(), Some(3));
    assert!(text(&ut.stderr).contains("inga personliga inloggningar"), "{}", text(&ut.stderr));
}

#[test]
fn user_key_add_list_remove_and_passphrase() {
    let (dir, db) = slotdemo();
    let lista = |vem: &str| -> Vec<String> {
        let v: serde_json::Value =
            serde_json::from_str(&ok(&som(&db, vem, &["--json", "user", "list"]))).unwrap();
        v.as_array().unwrap().iter().map(|i| i["anvandare"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(lista("karin.holm"), ["jonas.berg", "karin.holm", "leila.haddad", "sanna.virtanen"]);
    let text_lista = ok(&som(&db, "karin.holm", &["user", "list"]));
    assert!(
        text_lista.contains("Användarnamn") && text_lista.contains("Systemförvaltare"),
        "{text_lista}"
    );

    let (store, _) = oppna_som(&db, "karin.holm", &demolosen()).unwrap();
    let jonas_id =
        store.handlaggare_lista().unwrap().into_iter().find(|h| h.namn == "Jonas Berg").unwrap().id;
    drop(store);

    // A handläggare may not add or remove logins: exit 1, nothing changed.
    let nycklar = valfri_store::nyckelfil(&db);
    let fore = std::fs::read(&nycklar).unwrap();
    let ut = valfri(
        &db,
        &[DEMO, ("NY", "en ny forsta fras")],
        &[
            "--user",
            "leila.haddad",
            "--passphrase-env",
            "DEMO",
            "user",
            "key",
            "remove",
            "jonas.berg",
        ],
    );
    assert_eq!(ut.status.code(), Some(1), "{}", text(&ut.stderr));
    assert!(text(&ut.stderr).contains("systemförvaltare"), "{}", text(&ut.stderr));
    assert_eq!(std::fs::read(&nycklar).unwrap(), fore);
    // A missing option is a usage error.
    assert_eq!(som(&db, "karin.holm", &["user", "key", "add", "x"]).status.code(), Some(2));
    // The last systemförvaltare's login stays.
    let ut = som(&db, "karin.holm", &["user", "key", "remove", "karin.holm"]);
    assert_eq!(ut.status.code(), Some(1));
    assert!(text(&ut.stderr).contains("sista systemförvaltarens"), "{}", text(&ut.stderr));

    // Karin removes Jonas's login and gives him a new one with a first passphrase.
    ok(&som(&db, "karin.holm", &["user", "key", "remove", "Jonas.Berg"]));
    let ut = som(&db, "jonas.berg", &["insatser"]);
    assert_eq!(ut.status.code(), Some(3));
    let ut = valfri(
        &db,
        &[DEMO, ("NY", "jonas forsta fras")],
        &[
            "--user",
            "karin.holm",
            "--passphrase-env",
            "DEMO",
            "--json",
            "user",
            "key",
            "add",
            "jberg",
            "--handlaggare",
            &jonas_id,
            "--new-passphrase-env",
            "NY",
        ],
    );
    assert_eq!(serde_json::from_str::<serde_json::Value>(&ok(&ut)).unwrap()["anvandare"], "jberg");
    // Jonas signs in and changes his passphrase himself.
    let ut = valfri(
        &db,
        &[("GAMMAL", "jonas forsta fras"), ("NY", "bara jonas vet")],
        &[
            "--user",
            "jberg",
            "--passphrase-env",
            "GAMMAL",
            "user",
            "passphrase",
            "--new-passphrase-env",
            "NY",
        ],
    );
    ok(&ut);
    let gammal = valfri(
        &db,
        &[("L", "jonas forsta fras")],
        &["--user", "jberg", "--passphrase-env", "L", "insatser"],
    );
    assert_eq!(gammal.status.code(), Some(3));
    ok(&valfri(
        &db,
        &[("L", "bara jonas vet")],
        &["--user", "jberg", "--passphrase-env", "L", "insatser"],
    ));
    assert_eq!(lista("leila.haddad"), ["jberg", "karin.holm", "leila.haddad", "sanna.virtanen"]);
    drop(dir);
}

#[test]
fn convert_from_a_shared_passphrase_then_back_up_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    let delad = ("DELAD", "hela kontorets fras");
    ok(&valfri(&db, &[delad], &["--passphrase-env", "DELAD", "demo"]));
    let karin_id = {
        let store =
            valfri_store::Store::oppna(&db, Some(&Losenfras::ny(delad.1).unwrap())).unwrap();
        store.handlaggare_lista().unwrap().into_iter().find(|h| h.namn == "Karin Holm").unwrap().id
    };
    let karin = karin_id.as_str();
    let ut = valfri(
        &db,
        &[delad, ("NY", "karins egen fras")],
        &[
            "--passphrase-env",
            "DELAD",
            "--json",
            "user",
            "convert",
            "--login",
            "karin",
            "--handlaggare",
            karin,
            "--new-passphrase-env",
            "NY",
        ],
    );
    let person: serde_json::Value = serde_json::from_str(&ok(&ut)).unwrap();
    assert_eq!(person["namn"], "Karin Holm");
    // The shared passphrase alone no longer opens it.
    let ut = valfri(&db, &[delad], &["--passphrase-env", "DELAD", "insatser"]);
    assert_eq!(ut.status.code(), Some(3));
    let egen = ("EGEN", "karins egen fras");
    let karin_kor = |args: &[&str]| {
        let mut alla = vec!["--user", "karin", "--passphrase-env", "EGEN"];
        alla.extend_from_slice(args);
        valfri(&db, &[egen], &alla)
    };
    ok(&karin_kor(&["insatser"]));
    // A second conversion is refused.
    let ut = valfri(
        &db,
        &[egen, ("NY", "karins egen fras")],
        &[
            "--user",
            "karin",
            "--passphrase-env",
            "EGEN",
            "user",
            "convert",
            "--login",
            "k2",
            "--handlaggare",
            karin,
            "--new-passphrase-env",
            "NY",
        ],
    );
    assert_eq!(ut.status.code(), Some(1), "{}", text(&ut.stderr));

    // A backup carries the slot file; a restore puts it back with the database.
    let kopia = dir.path().join("kopia.sqlite");
    ok(&karin_kor(&["backup", "--out", kopia.to_str().unwrap()]));
    assert!(valfri_store::nyckelfil(&kopia).exists());
    let ut = valfri(&db, &[], &["restore", kopia.to_str().unwrap()]);
    assert_eq!(ut.status.code(), Some(3), "{}", text(&ut.stderr));
    ok(&karin_kor(&["restore", kopia.to_str().unwrap()]));
    ok(&karin_kor(&["audit", "verify"]));
}
