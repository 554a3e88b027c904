//! What the CLI's integration tests share: a municipality in a folder of its own, and `valfri`
//! run on it as a script runs it, with nothing from the environment (`VALFRI_DB`,
//! `VALFRI_HANDLAGGARE`) leaking in.

// Each test file uses its own part of this; a fixture that cannot be set up ends the test.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Kommun {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Kommun {
    /// A folder with no database in it yet.
    pub fn tom() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("valfri.sqlite");
        Kommun { dir, db }
    }

    /// The demo municipality, Exempelby, unencrypted so that tests can read it past the program.
    pub fn demo() -> Self {
        let k = Self::tom();
        let ut = k.valfri(&["demo", "--plaintext"]);
        assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
        k
    }

    pub fn valfri(&self, args: &[&str]) -> Output {
        valfri(&self.db, args)
    }

    /// `valfri --json ARGS`, which must succeed, as parsed JSON.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut alla = vec!["--json"];
        alla.extend_from_slice(args);
        let ut = self.valfri(&alla);
        assert_eq!(ut.status.code(), Some(0), "{args:?}: {}", text(&ut.stderr));
        serde_json::from_slice(&ut.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", text(&ut.stdout)))
    }

    /// Writes a file into the folder and returns its path.
    pub fn fil(&self, namn: &str, innehall: impl AsRef<[u8]>) -> String {
        let p = self.dir.path().join(namn);
        std::fs::write(&p, innehall).unwrap();
        p.display().to_string()
    }

    /// A brukare in område C with no beslut yet, imported; returns the personnummer. For tests
    /// that make a granted hemtjänst beslut: Märta already has one running, and a second grant
    /// overlapping it is refused.
    pub fn ny_brukare(&self) -> String {
        let nr = u16::try_from(self.antal("SELECT count(*) FROM brukare")).unwrap() + 900;
        let pnr = valfri_domain::Personnummer::fran_delar(
            chrono::NaiveDate::from_ymd_opt(1947, 7, 7).unwrap(),
            nr,
        )
        .to_string();
        let fil = self.fil(
            "ny-brukare.csv",
            format!("personnummer;fornamn;efternamn;omrade\n{pnr};Tilda;Testsson {nr};C\n"),
        );
        let ut = self.valfri(&["brukare", "import", &fil]);
        assert_eq!(ut.status.code(), Some(0), "{}{}", text(&ut.stdout), text(&ut.stderr));
        pnr
    }

    /// A path in the folder, for a file the program is to write.
    pub fn sokvag(&self, namn: &str) -> String {
        self.dir.path().join(namn).display().to_string()
    }

    /// One number from the database, read past the program (`SELECT count(*) …`).
    pub fn antal(&self, sql: &str) -> i64 {
        rusqlite::Connection::open(&self.db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
    }
}

pub fn valfri(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_valfri"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("VALFRI_DB")
        .env_remove("VALFRI_HANDLAGGARE")
        .env_remove("VALFRI_USER")
        .output()
        .unwrap()
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
