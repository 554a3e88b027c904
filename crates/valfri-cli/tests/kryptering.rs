//! An administrator encrypts the database, works with the passphrase from a variable, changes
//! it, and backs up and restores without ever typing it on the command line.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

mod gemensamt;

use std::path::Path;
use std::process::{Command, Output};

use gemensamt::Kommun;

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
    let ut = valfri(&db, &[], &["demo", "--plaintext"]);
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

/// Every table's rows, in a stable order, as text: to show that a refused act left the data as
/// it was.
fn innehall(db: &Path, utom: &str) -> Vec<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    let tabeller: Vec<String> = c
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
               AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut ut = Vec::new();
    for t in tabeller.iter().filter(|t| *t != utom) {
        let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1")).unwrap();
        let n = stmt.column_count();
        let rader = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get_ref(i).map(|v| format!("{v:?}")))
                    .collect::<Result<Vec<_>, _>>()
            })
            .unwrap();
        for rad in rader {
            ut.push(format!("{t}: {}", rad.unwrap().join("|")));
        }
    }
    ut
}

fn filer(mapp: &Path) -> Vec<String> {
    let mut f: Vec<String> = std::fs::read_dir(mapp)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    f.sort();
    f
}

#[test]
fn encrypt_by_a_handlaggare_is_refused_logged_and_leaves_the_file_as_it_was() {
    let k = Kommun::demo();
    let handlaggare: String = rusqlite::Connection::open(&k.db)
        .unwrap()
        .query_row("SELECT id FROM handlaggare WHERE roll = 'handlaggare' ORDER BY id", [], |r| {
            r.get(0)
        })
        .unwrap();
    let fore = innehall(&k.db, "handelselogg");
    let logg_fore = k.antal("SELECT count(*) FROM handelselogg");
    let ut = valfri(
        &k.db,
        &[("VALFRI_HANDLAGGARE", &handlaggare), ("NY", "en lång lösenfras")],
        &["encrypt", "--new-passphrase-env", "NY"],
    );
    assert_eq!(ut.status.code(), Some(1), "{}", text(&ut.stderr));
    assert!(text(&ut.stderr).contains("systemförvaltare"), "{}", text(&ut.stderr));
    assert!(std::fs::read(&k.db).unwrap().starts_with(b"SQLite format 3\0"));
    assert_eq!(innehall(&k.db, "handelselogg"), fore);
    // The refusal, and nothing else, was written: by whom, about what.
    assert_eq!(k.antal("SELECT count(*) FROM handelselogg"), logg_fore + 1);
    let (vem, handling, typ): (String, String, String) = rusqlite::Connection::open(&k.db)
        .unwrap()
        .query_row(
            "SELECT vem, handling, objekt_typ FROM handelselogg ORDER BY nr DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert!(vem.contains(&handlaggare), "{vem}");
    assert_eq!((handling.as_str(), typ.as_str()), ("nekad", "kryptering"));
    assert!(
        !filer(k.dir.path()).iter().any(|f| f.contains("krypterad")),
        "{:?}",
        filer(k.dir.path())
    );
    assert_eq!(k.valfri(&["audit", "verify"]).status.code(), Some(0));
}

/// Issue 13: a 0-byte file became a new, empty, plaintext database under any command.
#[test]
fn an_empty_file_is_refused_by_every_command_and_stays_empty() {
    let k = Kommun::tom();
    std::fs::write(&k.db, b"").unwrap();
    let l = [("L", "en lång lösenfras")];
    let kopia = k.sokvag("kopia.sqlite");
    for args in [
        vec!["insatser"],
        vec!["brukare", "search", "ekstr"],
        vec!["audit", "verify"],
        vec!["stats"],
        vec!["backup", "--out", &kopia],
        vec!["encrypt", "--new-passphrase-env", "L"],
        vec!["--passphrase-env", "L", "utforare"],
    ] {
        let ut = valfri(&k.db, &l, &args);
        assert_eq!(ut.status.code(), Some(3), "{args:?}: {}", text(&ut.stderr));
        assert!(
            text(&ut.stderr).contains("ingen Valfri-databas"),
            "{args:?}: {}",
            text(&ut.stderr)
        );
        assert_eq!(std::fs::read(&k.db).unwrap(), b"", "{args:?}");
        assert_eq!(filer(k.dir.path()), ["valfri.sqlite"], "{args:?}");
    }
    // Not even `demo` takes its place without --force.
    let ut = valfri(&k.db, &[], &["demo", "--plaintext"]);
    assert_eq!(ut.status.code(), Some(1), "{}", text(&ut.stderr));
    assert_eq!(std::fs::read(&k.db).unwrap(), b"");
}

#[test]
fn a_missing_file_is_never_created_and_a_new_one_is_plaintext_only_when_asked() {
    let k = Kommun::tom();
    let l = [("L", "en lång lösenfras")];
    for args in [
        vec!["insatser"],
        vec!["brukare", "search", "ekstr"],
        vec!["audit", "verify"],
        vec!["encrypt", "--new-passphrase-env", "L"],
        vec!["--passphrase-env", "L", "utforare"],
    ] {
        let ut = valfri(&k.db, &l, &args);
        assert_eq!(ut.status.code(), Some(3), "{args:?}: {}", text(&ut.stderr));
        assert!(
            text(&ut.stderr).contains("Det finns ingen databas"),
            "{args:?}: {}",
            text(&ut.stderr)
        );
        assert!(filer(k.dir.path()).is_empty(), "{args:?}: {:?}", filer(k.dir.path()));
    }
    // `demo` and `generate` say how the new file is to be protected, or make nothing.
    for args in [
        vec!["demo"],
        vec!["generate", "--brukare", "5", "--utforare", "2"],
        vec!["--passphrase-env", "L", "--plaintext", "demo"],
    ] {
        let ut = valfri(&k.db, &l, &args);
        assert_eq!(ut.status.code(), Some(2), "{args:?}: {}", text(&ut.stderr));
        assert!(text(&ut.stderr).contains("--plaintext"), "{}", text(&ut.stderr));
        assert!(filer(k.dir.path()).is_empty(), "{args:?}: {:?}", filer(k.dir.path()));
    }
    let ut = valfri(
        &k.db,
        &l,
        &["--passphrase-env", "L", "generate", "--brukare", "5", "--utforare", "2"],
    );
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert!(!std::fs::read(&k.db).unwrap().starts_with(b"SQLite format 3\0"));
    let ut = valfri(&k.db, &[], &["demo", "--plaintext", "--force"]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert!(std::fs::read(&k.db).unwrap().starts_with(b"SQLite format 3\0"));
}
