//! An administrator encrypts the database, works with the passphrase from a variable, changes
//! it, and backs up and restores without ever typing it on the command line.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::path::Path;
use std::process::{Command, Output};

fn valfri(db: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_valfri"));
    c.arg("--db").arg(db).args(args).env_remove("VALFRI_DB").env_remove("VALFRI_HANDLAGGARE");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn encrypt_work_with_the_passphrase_rekey_and_back_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    let ut = valfri(&db, &[], &["demo"]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));

    // Too short a passphrase is refused and the file stays as it was.
    let fore = std::fs::read(&db).unwrap();
    let ut = valfri(&db, &[("NY", "kort")], &["encrypt", "--new-passphrase-env", "NY"]);
    assert_eq!(ut.status.code(), Some(1), "{}", text(&ut.stderr));
    assert!(text(&ut.stderr).contains("minst 8 tecken"), "{}", text(&ut.stderr));
    assert_eq!(std::fs::read(&db).unwrap(), fore);
    // A variable that is not set is a usage error.
    assert_eq!(
        valfri(&db, &[], &["encrypt", "--new-passphrase-env", "FINNS_INTE"]).status.code(),
        Some(2)
    );

    let ut =
        valfri(&db, &[("NY", "första lösenfrasen")], &["encrypt", "--new-passphrase-env", "NY"]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert!(!std::fs::read(&db).unwrap().windows(8).any(|w| w == "Ekström".as_bytes()));

    // Without the passphrase, or with a wrong one: a sentence and exit code 3, nothing else.
    let ut = valfri(&db, &[], &["brukare", "search", "Ekström"]);
    assert_eq!(ut.status.code(), Some(3));
    assert!(text(&ut.stderr).contains("krypterad"), "{}", text(&ut.stderr));
    let ut = valfri(
        &db,
        &[("L", "fel fras här")],
        &["--passphrase-env", "L", "brukare", "search", "Ekström"],
    );
    assert_eq!(ut.status.code(), Some(3));
    assert_eq!(text(&ut.stderr).lines().count(), 1, "{}", text(&ut.stderr));
    assert!(text(&ut.stderr).contains("Lösenfrasen stämmer inte"), "{}", text(&ut.stderr));

    let ratt = [("L", "första lösenfrasen")];
    let ut = valfri(&db, &ratt, &["--passphrase-env", "L", "brukare", "search", "Ekström"]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert!(text(&ut.stdout).contains("Ekström"));

    let kopia = dir.path().join("kopia.sqlite");
    let ut =
        valfri(&db, &ratt, &["--passphrase-env", "L", "backup", "--out", kopia.to_str().unwrap()]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert!(!std::fs::read(&kopia).unwrap().windows(8).any(|w| w == "Ekström".as_bytes()));

    let ut = valfri(
        &db,
        &[("L", "första lösenfrasen"), ("NY", "andra lösenfrasen")],
        &["--passphrase-env", "L", "rekey", "--new-passphrase-env", "NY"],
    );
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert_eq!(
        valfri(&db, &ratt, &["--passphrase-env", "L", "audit", "verify"]).status.code(),
        Some(3)
    );
    let ut =
        valfri(&db, &[("L", "andra lösenfrasen")], &["--passphrase-env", "L", "audit", "verify"]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));

    // The backup was made under the first passphrase and restores with it into a new file.
    let ny = dir.path().join("aterstalld.sqlite");
    let ut = valfri(&ny, &ratt, &["--passphrase-env", "L", "restore", kopia.to_str().unwrap()]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    let ut =
        valfri(&ny, &ratt, &["--passphrase-env", "L", "--json", "brukare", "search", "Ekström"]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
}

#[test]
fn a_demo_made_with_a_passphrase_is_encrypted_from_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    let l = [("L", "exempelby-demo")];
    let ut = valfri(&db, &l, &["--passphrase-env", "L", "demo"]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert!(!std::fs::read(&db).unwrap().starts_with(b"SQLite format 3"));
    assert_eq!(
        valfri(&db, &l, &["--passphrase-env", "L", "audit", "verify"]).status.code(),
        Some(0)
    );
}
