//! Upgrades: a database the previous release made is copied whole before it is migrated, and one
//! a newer Valfri made is refused and left byte for byte as it was.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use valfri_domain::Anvandarmeddelande;
use valfri_store::{FORE_UPPGRADERING, Lagringsfel, Losenfras, Store, sakerhetskopiemapp};

/// A database at the previous release's schema (every migration but the last), built here from
/// the migrations themselves rather than kept as a binary fixture, so it stays the previous
/// schema as migrations are added. Fictional data, through the columns that schema has.
fn forra_utgavan(fil: &Path, losen: Option<&str>) {
    let c = rusqlite::Connection::open(fil).unwrap();
    if let Some(l) = losen {
        c.pragma_update(None, "key", l).unwrap();
    }
    let forra = Store::schemaversion() - 1;
    for n in 1..=forra {
        c.execute_batch(Store::migrering(n).unwrap()).unwrap();
    }
    c.pragma_update(None, "user_version", forra as i64).unwrap();
    c.execute_batch(
        "INSERT INTO omrade (id, kod, namn, landsbygd, skapad, andrad) VALUES ('o1', 'C', 'Centrum', 0, 't', 't');
         INSERT INTO insats (id, kod, lagrum, enhet, valfrihet, ickeval, skapad, andrad)
             VALUES ('i1', 'hemtjanst', 'SoL 4 kap. 1 §', 'timmar_per_manad', 1, 'egen_regi', 't', 't');
         INSERT INTO insats_namn (insats_id, sprak, namn) VALUES ('i1', 'sv', 'Hemtjänst');
         INSERT INTO registerversion (nummer, tid, vem, beskrivning) VALUES (1, 't', 'x', 'start');
         INSERT INTO utforare (id, organisationsnummer, namn, regi, telefon, epost, webb, adress,
             postnummer, postort, presentation, sprak, inriktningar, tillaggstjanster, version, skapad, andrad)
             VALUES ('u1', '556677-8899', 'Förra utgåvans omsorg AB', 'privat', '', '', '', '', '', '', '', 'sv', '', '', 1, 't', 't');
         INSERT INTO godkannande (utforare_id, insats_id, godkand_fran, kapacitetstak)
             VALUES ('u1', 'i1', '2020-01-01', 7);
         INSERT INTO brukare (id, personnummer, fornamn, efternamn, namn_gemener, namn_vikt,
             fornamn_vikt, efternamn_vikt, skapad, andrad)
             VALUES ('b1', '194001019802', 'Tolvan', 'Tolvansson', 'tolvan tolvansson',
             'tolvan tolvansson', 'tolvan', 'tolvansson', 't', 't');",
    )
    .unwrap();
}

fn kopior_fore_uppgradering(db: &Path) -> Vec<std::path::PathBuf> {
    let Ok(poster) = std::fs::read_dir(sakerhetskopiemapp(db)) else { return Vec::new() };
    poster
        .flatten()
        .map(|p| p.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(FORE_UPPGRADERING) && n.ends_with(".sqlite"))
        })
        .collect()
}

fn version(fil: &Path, losen: Option<&str>) -> usize {
    let c = rusqlite::Connection::open(fil).unwrap();
    if let Some(l) = losen {
        c.pragma_update(None, "key", l).unwrap();
    }
    c.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap() as usize
}

#[test]
fn the_previous_release_s_database_is_backed_up_then_migrated_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("valfri.sqlite");
    forra_utgavan(&fil, None);
    assert!(kopior_fore_uppgradering(&fil).is_empty());

    let s = Store::oppna(&fil, None).unwrap();
    let u = s.utforare("u1").unwrap();
    assert_eq!(
        (u.namn.as_str(), u.godkannanden[0].kapacitetstak),
        ("Förra utgåvans omsorg AB", Some(7))
    );
    assert_eq!(s.antal_brukare().unwrap(), 1);
    drop(s);
    assert_eq!(version(&fil, None), Store::schemaversion());

    // The backup is the file as the old release left it: its schema and its rows.
    let kopior = kopior_fore_uppgradering(&fil);
    assert_eq!(kopior.len(), 1, "{kopior:?}");
    let namn = kopior[0].file_name().unwrap().to_string_lossy().into_owned();
    let (forra, nu) = (Store::schemaversion() - 1, Store::schemaversion());
    assert!(namn.starts_with(&format!("{FORE_UPPGRADERING}{forra}-till-{nu}-")), "{namn}");
    assert_eq!(version(&kopior[0], None), forra);
    let kopia = rusqlite::Connection::open(&kopior[0]).unwrap();
    let utforare: String =
        kopia.query_row("SELECT namn FROM utforare WHERE id = 'u1'", [], |r| r.get(0)).unwrap();
    assert_eq!(utforare, "Förra utgåvans omsorg AB");
    drop(kopia);
    // Nothing half-made is left beside it.
    let rester: Vec<_> = std::fs::read_dir(sakerhetskopiemapp(&fil))
        .unwrap()
        .flatten()
        .filter(|p| p.path() != kopior[0])
        .collect();
    assert!(rester.is_empty(), "{rester:?}");

    // A second open finds the current schema: no second backup.
    drop(Store::oppna(&fil, None).unwrap());
    assert_eq!(kopior_fore_uppgradering(&fil).len(), 1);
}

#[test]
fn an_encrypted_database_of_the_previous_release_gets_an_encrypted_backup() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("valfri.sqlite");
    forra_utgavan(&fil, Some("korrekt hast batteri"));
    let losen = Losenfras::ny("korrekt hast batteri").unwrap();
    let s = Store::oppna(&fil, Some(&losen)).unwrap();
    assert_eq!(s.antal_brukare().unwrap(), 1);
    drop(s);
    let kopior = kopior_fore_uppgradering(&fil);
    assert_eq!(kopior.len(), 1);
    // Encrypted with the same key: unreadable without it, the old schema with it.
    assert_eq!(valfri_store::filtyp(&kopior[0]).unwrap(), valfri_store::Filtyp::Krypterad);
    assert_eq!(version(&kopior[0], Some("korrekt hast batteri")), Store::schemaversion() - 1);
}

#[test]
fn a_newer_database_is_refused_untouched_with_both_versions_in_the_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("valfri.sqlite");
    forra_utgavan(&fil, None);
    drop(Store::oppna(&fil, None).unwrap());
    let nyare = Store::schemaversion() + 3;
    rusqlite::Connection::open(&fil)
        .unwrap()
        .pragma_update(None, "user_version", nyare as i64)
        .unwrap();
    let fore = std::fs::read(&fil).unwrap();
    let kopior_fore = kopior_fore_uppgradering(&fil);

    let e = Store::oppna(&fil, None).unwrap_err();
    assert!(
        matches!(e, Lagringsfel::NyareVersion { databas, program }
            if databas == nyare && program == Store::schemaversion()),
        "{e:?}"
    );
    assert_eq!(std::fs::read(&fil).unwrap(), fore, "the refused file is byte for byte as it was");
    assert_eq!(kopior_fore_uppgradering(&fil), kopior_fore, "no backup either");
    for andelse in ["-wal", "-shm", "-journal"] {
        let mut sido = fil.as_os_str().to_owned();
        sido.push(andelse);
        assert!(!Path::new(&sido).exists(), "{andelse} left beside it");
    }

    let l = valfri_l10n::Localizer::new().unwrap();
    let program = Store::schemaversion().to_string();
    let valfri = env!("CARGO_PKG_VERSION");
    for (sprak, ord) in [("sv", "nyare version"), ("en", "newer version"), ("fi", "uudemmalla")] {
        let mening = l.meddelande(sprak, &e);
        assert!(
            mening.contains(ord)
                && mening.contains(&nyare.to_string())
                && mening.contains(&program)
                && mening.contains(valfri),
            "{sprak}: {mening}"
        );
    }
    assert_eq!(e.meddelande_id(), "fel-db-nyare");
}
