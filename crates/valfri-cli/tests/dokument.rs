//! The document commands as an administrator uses them: single letters, a resumable batch, the
//! comparison sheet and the decision letter.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::path::{Path, PathBuf};

mod gemensamt;

use gemensamt::{Kommun, text, valfri};

fn demo() -> (tempfile::TempDir, PathBuf) {
    let k = Kommun::demo();
    (k.dir, k.db)
}

/// Running beslut that give a choice, from the database itself.
fn beslut_med_val(db: &Path, antal: usize) -> Vec<String> {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut stmt = c
        .prepare(
            "SELECT b.id FROM beslut b JOIN insats i ON i.id = b.insats_id
             WHERE b.status IN ('beslutat', 'verkstallt') AND b.utfall <> 'avslag' AND i.valfrihet ORDER BY b.id LIMIT ?1",
        )
        .unwrap();
    stmt.query_map([antal as i64], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

fn antal(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_letter_is_written_recorded_and_starts_the_time_to_answer() {
    let (dir, db) = demo();
    let b = &beslut_med_val(&db, 1)[0];
    let info_fore = antal(&db, "SELECT count(*) FROM information");
    let ut = dir.path().join("brev.pdf");
    let svar = valfri(
        &db,
        &[
            "--json",
            "letter",
            "--beslut",
            b,
            "--out",
            ut.to_str().unwrap(),
            "--lang",
            "en",
            "--large-print",
        ],
    );
    assert_eq!(svar.status.code(), Some(0), "{}", text(&svar.stderr));
    let json: serde_json::Value = serde_json::from_slice(&svar.stdout).unwrap();
    assert_eq!((json["sprak"].as_str(), json["storstil"].as_bool()), (Some("en"), Some(true)));
    let filer = json["filer"].as_array().unwrap();
    for f in filer {
        assert!(std::fs::read(f.as_str().unwrap()).unwrap().starts_with(b"%PDF"));
    }
    assert_eq!(
        antal(&db, "SELECT count(*) FROM dokument WHERE typ = 'valfrihetsbrev'"),
        filer.len() as i64
    );
    assert_eq!(antal(&db, "SELECT count(*) FROM information"), info_fore + 1);
    let fel = valfri(&db, &["letter", "--beslut", "finns-inte", "--out", ut.to_str().unwrap()]);
    assert_eq!(fel.status.code(), Some(1));
}

#[test]
fn a_batch_resumes_where_an_interrupted_one_stopped() {
    let (dir, db) = demo();
    let beslut = beslut_med_val(&db, 4);
    let katalog = dir.path().join("omgang");
    let mut args = vec!["--json", "letters", "--out-dir", katalog.to_str().unwrap(), "--beslut"];
    args.extend(beslut.iter().map(String::as_str));
    let forsta = valfri(&db, &args);
    assert_eq!(forsta.status.code(), Some(0), "{}", text(&forsta.stderr));
    assert!(
        text(&forsta.stderr).contains("Brev 4 av 4"),
        "progress on stderr: {}",
        text(&forsta.stderr)
    );
    // Pretend the run was cut off after two letters: the last two never got written.
    for id in &beslut[2..] {
        std::fs::remove_file(katalog.join(format!("{id}.pdf"))).unwrap();
    }
    let andra: serde_json::Value = serde_json::from_slice(&valfri(&db, &args).stdout).unwrap();
    assert_eq!((andra["skrivna"].as_u64(), andra["redan_klara"].as_u64()), (Some(2), Some(2)));
    assert!(
        !std::fs::read_dir(&katalog).unwrap().any(|f| f
            .unwrap()
            .path()
            .extension()
            .is_some_and(|e| e == "tmp"))
    );

    // One bad beslut is reported at the end; the others are still written.
    let blandat = valfri(
        &db,
        &[
            "letters",
            "--out-dir",
            dir.path().join("blandat").to_str().unwrap(),
            "--beslut",
            &beslut[0],
            "finns-inte",
        ],
    );
    assert_eq!(blandat.status.code(), Some(1));
    assert!(dir.path().join("blandat").join(format!("{}.pdf", beslut[0])).exists());
    assert!(text(&blandat.stdout).contains("finns-inte"));
}

#[test]
fn letters_for_everyone_marked_for_a_new_choice() {
    let (dir, db) = demo();
    // Lower a cap through the CLI-free store route is not available here, so mark directly
    // as a register change would.
    let c = rusqlite::Connection::open(&db).unwrap();
    let b = beslut_med_val(&db, 1).remove(0);
    c.execute(
        "INSERT INTO omval (beslut_id, orsak, utforare_id, registerversion, markerad) SELECT ?1, 'tak', id, 1, 't' FROM utforare LIMIT 1",
        [&b],
    )
    .unwrap();
    let katalog = dir.path().join("omval");
    let ut = valfri(&db, &["letters", "--out-dir", katalog.to_str().unwrap(), "--omval"]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert!(katalog.join(format!("{b}.pdf")).exists());
    assert_eq!(
        valfri(&db, &["letters", "--out-dir", katalog.to_str().unwrap()]).status.code(),
        Some(2),
        "no beslut named"
    );
}

#[test]
fn the_sheet_and_the_decision_letter() {
    let (dir, db) = demo();
    let blad = dir.path().join("blad.pdf");
    let svar = valfri(
        &db,
        &[
            "--json",
            "sheet",
            "--insats",
            "hemtjanst",
            "--omrade",
            "L",
            "--out",
            blad.to_str().unwrap(),
        ],
    );
    assert_eq!(svar.status.code(), Some(0), "{}", text(&svar.stderr));
    assert!(std::fs::read(&blad).unwrap().starts_with(b"%PDF"));
    assert_eq!(
        valfri(
            &db,
            &["sheet", "--insats", "hemtjanst", "--omrade", "X", "--out", blad.to_str().unwrap()]
        )
        .status
        .code(),
        Some(1)
    );

    let b = &beslut_med_val(&db, 1)[0];
    let beslut = dir.path().join("beslut.pdf");
    let svar = valfri(
        &db,
        &["decision-letter", "--beslut", b, "--out", beslut.to_str().unwrap(), "--lang", "fi"],
    );
    assert_eq!(svar.status.code(), Some(0), "{}", text(&svar.stderr));
    assert!(std::fs::read(&beslut).unwrap().starts_with(b"%PDF"));
    assert!(
        antal(
            &db,
            "SELECT count(*) FROM dokument WHERE typ = 'beslutsmeddelande' AND sprak = 'fi'"
        ) >= 1
    );
}
