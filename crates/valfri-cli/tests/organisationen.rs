//! What the organisation's configuration file (`VALFRI_CONFIG`) decides for the `valfri`
//! program: where documents may be written and which key register packages are checked with.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod gemensamt;

use gemensamt::{Kommun, text};

/// `valfri --db DB ARGS` under the configuration `config`, run in the folder `i`.
fn valfri(db: &Path, config: &Path, i: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_valfri"))
        .current_dir(i)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("VALFRI_CONFIG", config)
        .env_remove("VALFRI_DB")
        .env_remove("VALFRI_HANDLAGGARE")
        .env_remove("VALFRI_USER")
        .output()
        .unwrap()
}

fn filer_under(mapp: &Path) -> Vec<PathBuf> {
    let Ok(poster) = std::fs::read_dir(mapp) else { return Vec::new() };
    poster
        .flatten()
        .flat_map(|p| if p.path().is_dir() { filer_under(&p.path()) } else { vec![p.path()] })
        .collect()
}

#[test]
fn documents_are_written_only_inside_the_folder_the_organisation_fixes() {
    let k = Kommun::demo();
    let dir = k.dir.path();
    let dok = dir.join("dok");
    let config = PathBuf::from(k.fil(
        "valfri.toml",
        format!("[dokument]\nmapp = \"{}\"\nfritt-val = false\n", dok.display()),
    ));
    let beslut: String = rusqlite::Connection::open(&k.db)
        .unwrap()
        .query_row(
            "SELECT b.id FROM beslut b JOIN insats i ON i.id = b.insats_id
             WHERE b.status IN ('beslutat', 'verkstallt') AND b.utfall <> 'avslag' AND i.valfrihet
             ORDER BY b.id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let antal =
        || (k.antal("SELECT count(*) FROM dokument"), k.antal("SELECT count(*) FROM information"));
    let fore = antal();
    let annan = dir.join("annan");
    let utanfor = |args: &[&str]| {
        let ut = valfri(&k.db, &config, dir, args);
        assert_eq!(ut.status.code(), Some(1), "{args:?}: {}", text(&ut.stderr));
        let fel = text(&ut.stderr);
        assert!(
            fel.contains("Dokument sparas bara i mappen")
                && fel.contains(&dok.display().to_string()),
            "{fel}"
        );
    };
    let brev = annan.join("brev.pdf");
    let brev = brev.to_str().unwrap();
    utanfor(&["letter", "--beslut", &beslut, "--out", brev]);
    utanfor(&["decision-letter", "--beslut", &beslut, "--out", brev]);
    utanfor(&["letters", "--out-dir", annan.to_str().unwrap(), "--beslut", &beslut]);
    utanfor(&["sheet", "--insats", "hemtjanst", "--omrade", "C", "--out", brev]);
    // A relative path is where it points from the current folder: outside here.
    utanfor(&["letter", "--beslut", &beslut, "--out", "brev.pdf"]);
    utanfor(&["letter", "--beslut", &beslut, "--out", "dok/../brev.pdf"]);
    // Nothing written, nothing recorded, no information given.
    assert!(!annan.exists() && !dir.join("brev.pdf").exists());
    assert!(filer_under(&dok).is_empty());
    assert_eq!(antal(), fore);

    // Inside the folder (also as a relative path into it) the letters are written and recorded.
    let ut = valfri(&k.db, &config, dir, &["letter", "--beslut", &beslut, "--out", "dok/brev.pdf"]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert!(std::fs::read(dok.join("brev.pdf")).unwrap().starts_with(b"%PDF"));
    let omgang = dok.join("omgang");
    let ut = valfri(
        &k.db,
        &config,
        dir,
        &["letters", "--out-dir", omgang.to_str().unwrap(), "--beslut", &beslut],
    );
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert!(!filer_under(&omgang).is_empty());
    assert!(antal().0 > fore.0);

    // A broken file refuses the document commands with its sentence, before anything.
    let trasig = PathBuf::from(k.fil("trasig.toml", "[dokument]\nmap = \"/tmp\"\n"));
    let ut = valfri(&k.db, &trasig, dir, &["letter", "--beslut", &beslut, "--out", brev]);
    assert_eq!(ut.status.code(), Some(1));
    assert!(text(&ut.stderr).contains("dokument.map"), "{}", text(&ut.stderr));
    assert!(!annan.exists());
}

#[test]
fn a_register_package_is_checked_with_the_organisations_key_and_no_other() {
    let k = Kommun::demo();
    let dir = k.dir.path();
    let kommunens = k.sokvag("kommun.key");
    let annan = k.sokvag("annan.key");
    for nyckel in [&kommunens, &annan] {
        let ut = k.valfri(&["providers", "keygen", "--out", nyckel]);
        assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    }
    let config = PathBuf::from(
        k.fil("valfri.toml", "[registerpaket]\npublik-nyckel = \"kommun.key.pub\"\n"),
    );
    let paket = |nyckel: &str, namn: &str| {
        let fil = k.sokvag(namn);
        let ut = k.valfri(&["providers", "package", "--key", nyckel, "--out", &fil]);
        assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
        fil
    };
    let fran_annan = paket(&annan, "annan.valfri");
    let versioner = || k.antal("SELECT count(*) FROM registerpaket");
    let fore = versioner();

    // Signed with another key: refused against the organisation's, with no --pubkey asked for.
    let ut = valfri(&k.db, &config, dir, &["--json", "providers", "apply-package", &fran_annan]);
    assert_eq!(ut.status.code(), Some(1), "{}", text(&ut.stderr));
    let svar: serde_json::Value = serde_json::from_slice(&ut.stdout).unwrap();
    assert_eq!(svar["code"], "utbyte-fel-annan-nyckel");
    // Naming the other key does not get past the organisation's.
    let annan_pub = format!("{annan}.pub");
    let ut = valfri(
        &k.db,
        &config,
        dir,
        &["providers", "apply-package", &fran_annan, "--pubkey", &annan_pub],
    );
    assert_eq!(ut.status.code(), Some(1));
    assert!(text(&ut.stderr).contains("registerpaket.publik-nyckel"), "{}", text(&ut.stderr));
    assert_eq!(versioner(), fore);

    // Signed with the organisation's key: applied without naming the key.
    let fran_kommunen = paket(&kommunens, "kommun.valfri");
    let ut = valfri(&k.db, &config, dir, &["providers", "apply-package", &fran_kommunen]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert_eq!(versioner(), fore + 1);
}
