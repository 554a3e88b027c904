//! What a municipality's IT runs: `valfri --version` and `valfri config check`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::path::Path;
use std::process::{Command, Output};

fn valfri(args: &[&str], config: Option<&Path>) -> Output {
    let mut k = Command::new(env!("CARGO_BIN_EXE_valfri"));
    k.args(args).env_remove("VALFRI_DB");
    match config {
        Some(c) => k.env("VALFRI_CONFIG", c),
        None => k.env_remove("VALFRI_CONFIG"),
    };
    k.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn exempel() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/valfri.toml.exempel")
}

#[test]
fn version_names_the_program_and_both_schema_versions() {
    let ut = valfri(&["--version"], None);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    let forvantat = format!(
        "valfri {} (databasschema {}, hubbschema {})\n",
        env!("CARGO_PKG_VERSION"),
        valfri_store::Store::schemaversion(),
        valfri_hub::SCHEMAVERSION
    );
    assert_eq!(text(&ut.stdout), forvantat);
    let en = valfri(&["--version", "--lang", "en"], None);
    assert!(text(&en.stdout).contains("database schema"), "{}", text(&en.stdout));
    let json: serde_json::Value =
        serde_json::from_slice(&valfri(&["version", "--json"], None).stdout).unwrap();
    assert_eq!(json["databasschema"], valfri_store::Store::schemaversion());
    assert_eq!(json["valfri"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn config_check_validates_the_sample_and_prints_what_it_sets() {
    let fil = exempel();
    let ut = valfri(&["config", "check", "--file", fil.to_str().unwrap()], None);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    let stdout = text(&ut.stdout);
    assert!(stdout.contains("är giltig"), "{stdout}");
    assert!(stdout.contains("  kommun.kod = 0883\n"), "{stdout}");
    assert!(stdout.contains("  sakerhet.las-efter-minuter = 10\n"), "{stdout}");
    // VALFRI_CONFIG is where the window and `config check` look without --file.
    let ut = valfri(&["config", "check", "--json"], Some(&fil));
    let json: serde_json::Value = serde_json::from_slice(&ut.stdout).unwrap();
    assert_eq!(json["satter"]["kommun.namn"], "Exempelby kommun");
}

#[test]
fn a_broken_config_is_refused_with_the_key_named_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("valfri.toml");
    std::fs::write(&fil, "[kommun]\nkod = \"0883\"\nnamn = \"Exempelby\"\nnman = \"x\"\n").unwrap();
    let ut = valfri(&["config", "check", "--file", fil.to_str().unwrap()], None);
    assert_eq!(ut.status.code(), Some(1));
    assert!(text(&ut.stderr).contains("okänd inställning: kommun.nman"), "{}", text(&ut.stderr));
    assert!(ut.stdout.is_empty());

    std::fs::write(&fil, "[sakerhet]\nlas-efter-minuter = 0\n").unwrap();
    let ut = valfri(&["config", "check", "--lang", "fi"], Some(&fil));
    assert_eq!(ut.status.code(), Some(1));
    assert!(text(&ut.stderr).contains("1–480"), "{}", text(&ut.stderr));

    // Named by VALFRI_CONFIG but missing: refused, not taken for "no configuration".
    let ut = valfri(&["config", "check"], Some(&dir.path().join("saknas.toml")));
    assert_eq!(ut.status.code(), Some(1));
    assert!(text(&ut.stderr).contains("kunde inte läsas"), "{}", text(&ut.stderr));
}
