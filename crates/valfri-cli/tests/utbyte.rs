//! `valfri brukare import` and the `providers` commands as an administrator or a script uses
//! them: human text by default, `--json` for scripts, exit codes 0 done, 1 refused, 2 usage,
//! 3 storage.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::path::{Path, PathBuf};
use std::process::Output;

use valfri_domain::{Organisationsnummer, Personnummer};

mod gemensamt;

use gemensamt::{Kommun, text};

fn json(ut: &Output) -> serde_json::Value {
    serde_json::from_slice(&ut.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&ut.stdout)))
}

fn orgnr(n: u32) -> String {
    Organisationsnummer::fran_delar(5, 91_000_000 + n).unwrap().to_string()
}

const RUBRIK: &str = "namn;organisationsnummer;regi;insats;omraden;godkand_fran;kapacitetstak";

#[test]
fn providers_import_reports_bad_rows_with_line_and_column_and_imports_nothing() {
    let k = Kommun::demo();
    let fil = k.fil("fel.csv", format!("{RUBRIK}\nNya AB;{};privat;hemtjanst;C;2025-01-01;5\nFel AB;{};privat;hemtjanst;C;2025-02-30;5\n", orgnr(1), orgnr(2)).as_bytes());
    let ut = k.valfri(&["providers", "import", &fil]);
    assert_eq!(ut.status.code(), Some(1));
    assert!(text(&ut.stdout).contains("Rad 3, kolumn ”godkand_fran”"), "{}", text(&ut.stdout));
    assert!(text(&ut.stderr).contains("Inget har importerats"), "{}", text(&ut.stderr));
    let ut = k.valfri(&["--json", "--lang", "en", "providers", "import", &fil]);
    assert_eq!(ut.status.code(), Some(1));
    let v = json(&ut);
    assert_eq!(v["fel"][0]["rad"], 3);
    assert_eq!(v["fel"][0]["kolumn"], "godkand_fran");
    assert_eq!(v["fel"][0]["kod"], "fel-datum");
    // Nothing was imported: the good row's provider is not in the register.
    assert!(!text(&k.valfri(&["utforare"]).stdout).contains("Nya AB"));
}

#[test]
fn providers_import_dry_run_previews_and_the_real_run_applies() {
    let k = Kommun::demo();
    let fil = k.fil(
        "nya.csv",
        format!("{RUBRIK}\nNya AB;{};privat;hemtjanst;C, N;2025-01-01;5\n", orgnr(3)).as_bytes(),
    );
    let ut = k.valfri(&["providers", "import", &fil, "--dry-run"]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    let s = text(&ut.stdout);
    assert!(
        s.contains("Nya utförare:") && s.contains("Nya AB") && s.contains("Provkörning"),
        "{s}"
    );
    assert!(s.contains("Finns i registret men inte i filen"), "{s}");
    assert!(!text(&k.valfri(&["utforare"]).stdout).contains("Nya AB"));

    let ut = k.valfri(&["--json", "providers", "import", &fil]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    let v = json(&ut);
    assert!(v["version"].as_i64().is_some());
    assert_eq!(v["forhandsgranskning"]["nya"][0]["namn"], "Nya AB");
    assert!(text(&k.valfri(&["utforare"]).stdout).contains("Nya AB"));
}

#[test]
fn providers_export_csv_and_hsds_to_stdout_or_a_file() {
    let k = Kommun::demo();
    let ut = k.valfri(&["providers", "export"]);
    assert_eq!(ut.status.code(), Some(0));
    assert!(ut.stdout.starts_with(b"\xEF\xBB\xBFnamn;organisationsnummer;regi;insats"));
    let ut = k.valfri(&["providers", "export", "--format", "hsds"]);
    assert_eq!(ut.status.code(), Some(0));
    let v = json(&ut);
    assert!(v["organizations"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(v["services"][0]["service_areas"].is_array());

    let ut_fil = k.sokvag("register.csv");
    let ut = k.valfri(&["providers", "export", "--out", &ut_fil]);
    assert_eq!(ut.status.code(), Some(0));
    // The exported file imports back without a change.
    let ut = k.valfri(&["--json", "providers", "import", &ut_fil]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert_eq!(json(&ut)["version"], serde_json::Value::Null);

    assert_eq!(k.valfri(&["providers", "export", "--format", "pdf"]).status.code(), Some(2));
}

#[test]
fn brukare_import_all_or_nothing() {
    let k = Kommun::demo();
    let p = |ar: i32, n: u16| {
        Personnummer::fran_delar(chrono::NaiveDate::from_ymd_opt(ar, 5, 6).unwrap(), n).to_string()
    };
    let rubrik = "personnummer;fornamn;efternamn;adress;postnummer;postort;omrade;storstil";
    let bra = k.fil(
        "b.csv",
        format!("{rubrik}\n{};Åsa;Import;Ekvägen 1;59930;Exempelby;C;ja\n", p(1944, 11)).as_bytes(),
    );
    let ut = k.valfri(&["brukare", "import", &bra, "--dry-run"]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert!(text(&ut.stdout).contains("1 brukare kan importeras"));
    assert!(text(&k.valfri(&["brukare", "search", "Import"]).stdout).contains("Ingen brukare"));
    let ut = k.valfri(&["--json", "brukare", "import", &bra]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert_eq!(json(&ut)["antal"], 1);
    assert!(text(&k.valfri(&["brukare", "search", "Import"]).stdout).contains("Åsa"));

    let fel = k.fil(
        "f.csv",
        format!(
            "{rubrik}\n{};Bo;Import;;;;;nej\n{};Ett;Fel;;123;;;nej\n",
            p(1950, 22),
            p(1951, 33)
        )
        .as_bytes(),
    );
    let ut = k.valfri(&["brukare", "import", &fel]);
    assert_eq!(ut.status.code(), Some(1));
    assert!(text(&ut.stdout).contains("Rad 3, kolumn ”postnummer”"), "{}", text(&ut.stdout));
    assert!(!text(&k.valfri(&["brukare", "search", "Bo Import"]).stdout).contains(&p(1950, 22)));
}

#[test]
fn keygen_package_and_apply_package_with_tampering_and_replay_refused() {
    let central = Kommun::demo();
    let kontor = Kommun::demo();
    let nyckel = central.sokvag("register.key");
    let ut = central.valfri(&["providers", "keygen", "--out", &nyckel]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert!(Path::new(&format!("{nyckel}.pub")).exists());
    assert_eq!(
        central.valfri(&["providers", "keygen", "--out", &nyckel]).status.code(),
        Some(1),
        "never overwrites a key"
    );

    let paketfil = central.sokvag("register.valfri");
    let ut = central.valfri(&["providers", "package", "--key", &nyckel, "--out", &paketfil]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));

    let pubkey = format!("{nyckel}.pub");
    let ut =
        kontor.valfri(&["--json", "providers", "apply-package", &paketfil, "--pubkey", &pubkey]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert!(json(&ut)["paketversion"].as_i64().is_some());

    // Replayed.
    let ut = kontor.valfri(&["providers", "apply-package", &paketfil, "--pubkey", &pubkey]);
    assert_eq!(ut.status.code(), Some(1));
    assert!(text(&ut.stderr).contains("är redan tillämpad"), "{}", text(&ut.stderr));

    // Tampered.
    let mut bytes = std::fs::read(&paketfil).unwrap();
    let i = bytes.windows(5).position(|w| w == b"Almg\xc3").unwrap();
    bytes[i] = b'B';
    let andrat = kontor.fil("andrat.valfri", &bytes);
    let ut = kontor.valfri(&["--json", "providers", "apply-package", &andrat, "--pubkey", &pubkey]);
    assert_eq!(ut.status.code(), Some(1));
    assert_eq!(json(&ut)["code"], "utbyte-fel-signatur");

    // The wrong kind of key file, and a missing option.
    let ut = kontor.valfri(&["providers", "apply-package", &paketfil, "--pubkey", &nyckel]);
    assert_eq!(ut.status.code(), Some(1));
    assert_eq!(kontor.valfri(&["providers", "apply-package", &paketfil]).status.code(), Some(2));
    assert_eq!(kontor.valfri(&["providers", "package", "--out", &paketfil]).status.code(), Some(2));
}

#[test]
fn help_names_the_new_commands_and_unknown_words_are_usage_errors() {
    let k = Kommun::demo();
    let hjalp = text(&k.valfri(&["help"]).stdout);
    for ord in [
        "brukare import",
        "providers import",
        "providers export",
        "providers keygen",
        "providers package",
        "providers apply-package",
    ] {
        assert!(hjalp.contains(ord), "{ord}");
    }
    assert_eq!(k.valfri(&["providers", "frobnicate"]).status.code(), Some(2));
    let saknas = Kommun {
        dir: tempfile::tempdir().unwrap(),
        db: PathBuf::from("/nonexistent/dir/x.sqlite"),
    };
    assert_eq!(saknas.valfri(&["providers", "export"]).status.code(), Some(3));
}
