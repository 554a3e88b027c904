//! Hostile input and a read-only file, as an administrator meets them on the command line:
//! refused with a sentence and the right exit code, and nothing already saved is lost.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use valfri_domain::Personnummer;

mod gemensamt;

use gemensamt::{Kommun, text};

fn pnr(n: u16) -> String {
    Personnummer::fran_delar(NaiveDate::from_ymd_opt(1947, 7, 7).unwrap(), n).to_string()
}

const RUBRIK: &str =
    "personnummer;fornamn;efternamn;co;adress;postnummer;postort;omrade;sprak;storstil;skyddad";

fn rad(n: u16, efternamn: &str) -> String {
    // Quoted, so a `;` in a name is part of the name.
    format!(
        "{};Testa;\"{}\";;Gatan 1;123 45;Exempelby;;sv;nej;nej",
        pnr(n),
        efternamn.replace('"', "\"\"")
    )
}

#[test]
fn hostile_names_in_an_import_are_refused_row_by_row_and_nothing_is_imported() {
    let k = Kommun::demo();
    let fore = k.antal("SELECT count(*) FROM brukare");
    let fil = k.fil(
        "brukare.csv",
        [
            RUBRIK.to_owned(),
            rad(10, "عبد الله"),
            rad(11, "Omsorg\u{202E}gåkrev"),
            rad(12, "Klocka\u{7}"),
            rad(13, &"x".repeat(1 << 20)),
            rad(14, "Isolat\u{2067}ion"),
        ]
        .join("\n"),
    );
    let ut = k.valfri(&["--json", "brukare", "import", &fil]);
    assert_eq!(ut.status.code(), Some(1), "{}", text(&ut.stderr));
    let rapport: serde_json::Value = serde_json::from_slice(&ut.stdout).unwrap();
    let rader: Vec<i64> =
        rapport["fel"].as_array().unwrap().iter().map(|f| f["rad"].as_i64().unwrap()).collect();
    assert_eq!(rader, [3, 4, 5, 6], "{rapport}");
    for f in rapport["fel"].as_array().unwrap() {
        assert!(!f["meddelande"].as_str().unwrap().is_empty(), "{f}");
    }
    // The people's own words, not a Rust error.
    let manniska = k.valfri(&["brukare", "import", &fil]);
    assert!(text(&manniska.stdout).contains("styrtecken"), "{}", text(&manniska.stdout));
    assert_eq!(k.antal("SELECT count(*) FROM brukare"), fore, "a refused import stored something");
}

#[test]
fn names_in_any_script_are_stored_as_written_and_print_on_one_line() {
    let k = Kommun::demo();
    let namn = ["عبد الله", "כהן", "Öberg 👵🏽 Ålund", "Robert'); DROP TABLE brukare;--", "Nguyễn"];
    let mut innehall = vec![RUBRIK.to_owned()];
    innehall.extend(namn.iter().enumerate().map(|(i, n)| rad(20 + i as u16, n)));
    let fil = k.fil("brukare.csv", innehall.join("\n"));
    let ut = k.valfri(&["brukare", "import", &fil]);
    assert_eq!(ut.status.code(), Some(0), "{}{}", text(&ut.stdout), text(&ut.stderr));
    assert!(k.antal("SELECT count(*) FROM brukare") > 60, "the table survived");
    for (i, n) in namn.iter().enumerate() {
        let personnummer = pnr(20 + i as u16);
        let ut = k.valfri(&["--json", "brukare", "search", &personnummer]);
        let svar: serde_json::Value = serde_json::from_slice(&ut.stdout).unwrap();
        assert_eq!(svar[0]["efternamn"], *n, "{svar}");
        // In the table every brukare is one line: nothing in a name breaks the layout.
        let tabell = text(&k.valfri(&["brukare", "search", &personnummer]).stdout);
        let rader: Vec<&str> = tabell.lines().collect();
        assert_eq!(rader.len(), 2, "{tabell}");
        assert!(rader[1].contains(n), "{tabell}");
    }
    // And a letter to them is made.
    let beslut = k.valfri(&[
        "beslut",
        "add",
        "--brukare",
        &pnr(20),
        "--insats",
        "hemtjanst",
        "--utfall",
        "bifall",
        "--omfattning",
        "10",
        "--from",
        "2026-12-01",
    ]);
    assert_eq!(beslut.status.code(), Some(0), "{}", text(&beslut.stderr));
    let id = text(&beslut.stdout).trim().to_owned();
    let pdf = k.dir.path().join("brev.pdf");
    let ut = k.valfri(&["letter", "--beslut", &id, "--out", &pdf.display().to_string()]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert!(std::fs::metadata(&pdf).unwrap().len() > 1000);
}

#[test]
fn a_provider_name_with_a_direction_override_is_refused_and_the_register_stays() {
    let k = Kommun::demo();
    let export = k.dir.path().join("register.csv");
    assert_eq!(
        k.valfri(&["providers", "export", "--out", &export.display().to_string()]).status.code(),
        Some(0)
    );
    let original = std::fs::read_to_string(&export).unwrap();
    let mut rader: Vec<String> = original.lines().map(str::to_owned).collect();
    let (namn, resten) = rader[1].split_once(';').unwrap();
    rader[1] = format!("{namn}\u{202E}BA;{resten}");
    let fil = k.fil("fientlig.csv", rader.join("\n"));
    let version = k.antal("SELECT max(nummer) FROM registerversion");
    let ut = k.valfri(&["providers", "import", &fil]);
    assert_eq!(ut.status.code(), Some(1), "{}", text(&ut.stderr));
    assert!(text(&ut.stdout).contains("styrtecken"), "{}", text(&ut.stdout));
    assert_eq!(k.antal("SELECT max(nummer) FROM registerversion"), version);
    assert_eq!(k.antal("SELECT count(*) FROM utforare WHERE namn LIKE '%BA'"), 0);
}

/// Makes a file read-only even for root (who ignores the mode) and undoes it when dropped.
struct Skrivskydd {
    fil: PathBuf,
    immutable: bool,
}

impl Skrivskydd {
    /// `None` when this machine offers no way to make the file read-only for this user.
    fn pa(fil: &Path) -> Option<Self> {
        let mut rattigheter = std::fs::metadata(fil).unwrap().permissions();
        rattigheter.set_readonly(true);
        std::fs::set_permissions(fil, rattigheter).unwrap();
        let mut skydd = Skrivskydd { fil: fil.to_path_buf(), immutable: false };
        if std::fs::OpenOptions::new().append(true).open(fil).is_ok() {
            // Root writes regardless of the mode; the immutable attribute stops root too.
            skydd.immutable =
                Command::new("chattr").arg("+i").arg(fil).status().is_ok_and(|s| s.success());
            if !skydd.immutable {
                return None;
            }
        }
        Some(skydd)
    }
}

impl Drop for Skrivskydd {
    fn drop(&mut self) {
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").arg(&self.fil).status();
        }
        if let Ok(m) = std::fs::metadata(&self.fil) {
            let mut r = m.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            r.set_readonly(false);
            let _ = std::fs::set_permissions(&self.fil, r);
        }
    }
}

#[test]
fn a_read_only_database_gives_exit_3_with_its_message_and_loses_nothing() {
    let k = Kommun::demo();
    let ny = k.ny_brukare();
    let fore = k.antal("SELECT count(*) FROM beslut");
    let logg = k.antal("SELECT count(*) FROM handelselogg");
    let Some(skydd) = Skrivskydd::pa(&k.db) else {
        eprintln!("skipped: no way to make a file read-only for this user here");
        return;
    };
    let args = [
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
    ];
    let ut = k.valfri(&args);
    assert_eq!(ut.status.code(), Some(3), "{}", text(&ut.stderr));
    assert!(text(&ut.stderr).contains("skrivskyddad"), "{}", text(&ut.stderr));
    let mut json_args = vec!["--json", "--lang", "en"];
    json_args.extend(args);
    let ut = k.valfri(&json_args);
    assert_eq!(ut.status.code(), Some(3));
    let svar: serde_json::Value = serde_json::from_slice(&ut.stdout).unwrap();
    assert_eq!(svar["code"], "fel-db-skrivskyddad", "{svar}");
    assert!(svar["message"].as_str().unwrap().contains("read-only"), "{svar}");
    drop(skydd);
    assert_eq!(k.antal("SELECT count(*) FROM beslut"), fore);
    assert_eq!(k.antal("SELECT count(*) FROM handelselogg"), logg);
    assert_eq!(k.valfri(&["audit", "verify"]).status.code(), Some(0));
    // Writable again, the same command goes through.
    assert_eq!(k.valfri(&args).status.code(), Some(0));
}

#[test]
fn a_disk_that_refuses_writes_gives_exit_3_with_its_message_and_loses_nothing() {
    let k = Kommun::demo();
    let fore = k.antal("SELECT count(*) FROM brukare");
    let mut rader = vec!["personnummer;fornamn;efternamn;adress".to_owned()];
    rader.extend(
        (100..700).map(|n| format!("{};Fylla;Disksson {n};{}", pnr(n), "Långa vägen ".repeat(8))),
    );
    let fil = k.fil("stor.csv", rader.join("\n"));
    // A file-size limit (ulimit -f, in 1 kB blocks) makes the operating system refuse the
    // import's writes as a full disk would; the signal it sends is ignored, as a shell does.
    let ut = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 64; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_valfri"))
        .args(["--json", "--db"])
        .arg(&k.db)
        .args(["brukare", "import", &fil])
        .env_remove("VALFRI_DB")
        .env_remove("VALFRI_HANDLAGGARE")
        .output()
        .unwrap();
    assert_eq!(ut.status.code(), Some(3), "{}", text(&ut.stderr));
    let svar: serde_json::Value = serde_json::from_slice(&ut.stdout).unwrap();
    assert_eq!(svar["code"], "fel-db-diskfel", "{svar}");
    assert!(text(&ut.stderr).contains("disken kan vara full"), "{}", text(&ut.stderr));
    // All or nothing: the import is not there, everything from before is.
    assert_eq!(k.antal("SELECT count(*) FROM brukare"), fore);
    assert_eq!(k.valfri(&["audit", "verify"]).status.code(), Some(0));
    let c = rusqlite::Connection::open(&k.db).unwrap();
    let svar: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(svar, "ok");
}
