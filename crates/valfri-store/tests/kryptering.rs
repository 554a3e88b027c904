//! Encryption at rest: what a file looks like without the passphrase, wrong passphrases,
//! re-keying, converting an old plaintext file, encrypted backups and the automatic ones.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::path::Path;

use valfri_store::{
    AvbrutenKryptering, Filtyp, Lagringsfel, Loggstatus, Losenfras, Sakerhetsinstallningar, Skydd,
    Store, aterstall_senaste, behover_daglig_kopia, demo, filtyp, idag, kryptera,
    reda_upp_kryptering, sakerhetskopiemapp, sakerhetskopior, stada_halvfardiga,
};

fn losen(text: &str) -> Losenfras {
    Losenfras::ny_nyckel(text).unwrap()
}

fn krypterad_demo(sokvag: &Path, l: &Losenfras) {
    valfri_store::skapa_databas(sokvag, &valfri_store::Skydd::Losenfras(l.clone()), false, |s| {
        demo::skapa_demo(s, idag())
    })
    .unwrap();
}

fn sys(store: &Store) -> valfri_store::Aktor {
    let id = store
        .handlaggare_lista()
        .unwrap()
        .into_iter()
        .find(|h| h.roll == valfri_domain::Roll::Systemforvaltare)
        .unwrap()
        .id;
    store.aktor(&id).unwrap()
}

/// Bytes of the file and its WAL, to look for plaintext in.
fn radata(sokvag: &Path) -> Vec<u8> {
    let mut allt = std::fs::read(sokvag).unwrap();
    let mut wal = sokvag.as_os_str().to_owned();
    wal.push("-wal");
    if let Ok(mer) = std::fs::read(wal) {
        allt.extend(mer);
    }
    allt
}

fn innehaller(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn rader(s: &Store) -> usize {
    match s.verifiera_logg().unwrap() {
        Loggstatus::Hel { rader } => usize::try_from(rader).unwrap(),
        annat @ Loggstatus::Bruten { .. } => panic!("{annat:?}"),
    }
}

#[test]
fn without_the_passphrase_the_file_shows_neither_names_nor_personnummer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    let l = losen("rätt lösenfras");
    krypterad_demo(&db, &l);
    assert_eq!(filtyp(&db).unwrap(), Filtyp::Krypterad);
    let bytes = radata(&db);
    for hemligt in ["Ekström", "19340415", "SQLite format 3", "Exempelby", "hemtjanst"] {
        assert!(!innehaller(&bytes, hemligt), "{hemligt} is readable in the encrypted file");
    }
    // The same data unencrypted does show them: the check above can fail.
    let klar = dir.path().join("klar.sqlite");
    valfri_store::skapa_databas(&klar, &valfri_store::Skydd::Okrypterad, false, |s| {
        demo::skapa_demo(s, idag())
    })
    .unwrap();
    assert!(innehaller(&radata(&klar), "Ekström"));

    let store = Store::oppna(&db, Some(&l)).unwrap();
    assert!(store.ar_krypterad());
    assert!(!store.sok_brukare(&sys(&store), "Ekström", 10).unwrap().is_empty());
}

#[test]
fn a_missing_or_wrong_passphrase_is_a_clear_error_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    krypterad_demo(&db, &losen("rätt lösenfras"));
    let fore = std::fs::read(&db).unwrap();
    assert!(matches!(Store::oppna(&db, None), Err(Lagringsfel::KraverLosenfras)));
    assert!(matches!(
        Store::oppna(&db, None),
        Err(Lagringsfel::Korrupt | Lagringsfel::KraverLosenfras)
    ));
    assert!(matches!(
        Store::oppna(&db, Some(&losen("fel lösenfras"))),
        Err(Lagringsfel::FelLosenfras)
    ));
    assert_eq!(std::fs::read(&db).unwrap(), fore);
    Store::oppna(&db, Some(&losen("rätt lösenfras"))).unwrap().integritetskontroll().unwrap();
}

#[test]
fn short_passphrases_are_refused_for_new_keys_and_a_plain_file_is_not_opened_as_encrypted() {
    assert!(matches!(Losenfras::ny_nyckel("kort"), Err(Lagringsfel::SvagLosenfras { minst: 8 })));
    assert!(Losenfras::ny("").is_err());
    assert!(format!("{:?}", losen("hemlig fras")).find("hemlig").is_none());
    let dir = tempfile::tempdir().unwrap();
    let klar = dir.path().join("klar.sqlite");
    valfri_store::skapa_databas(&klar, &valfri_store::Skydd::Okrypterad, false, |_| Ok(()))
        .unwrap();
    assert!(matches!(
        Store::oppna(&klar, Some(&losen("vilken som helst"))),
        Err(Lagringsfel::InteKrypterad)
    ));
}

#[test]
fn the_passphrase_can_be_changed_and_only_the_new_one_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    let gammal = losen("gammal lösenfras");
    let ny = losen("ny och längre lösenfras");
    krypterad_demo(&db, &gammal);
    {
        let mut store = Store::oppna(&db, Some(&gammal)).unwrap();
        let a = sys(&store);
        assert!(matches!(
            store.byt_losenfras(&a, &losen("inte den gamla"), &ny),
            Err(Lagringsfel::FelLosenfras)
        ));
        store.byt_losenfras(&a, &gammal, &ny).unwrap();
        // The open store keeps working after the re-key.
        assert!(!store.sok_brukare(&a, "Ekström", 10).unwrap().is_empty());
    }
    assert!(matches!(Store::oppna(&db, Some(&gammal)), Err(Lagringsfel::FelLosenfras)));
    let store = Store::oppna(&db, Some(&ny)).unwrap();
    store.integritetskontroll().unwrap();
    assert!(matches!(store.verifiera_logg().unwrap(), Loggstatus::Hel { .. }));
    assert!(store.logg_for("databas", "").unwrap().iter().any(|p| p.handling == "byt-losenfras"));
    assert!(store.logg_for("losenfras", "").unwrap().iter().any(|p| p.handling == "nekad"));
}

#[test]
fn a_plaintext_database_is_converted_after_a_checked_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    valfri_store::skapa_databas(&db, &valfri_store::Skydd::Okrypterad, false, |s| {
        demo::skapa_demo(s, idag())
    })
    .unwrap();
    let (brukare, logg) = {
        let s = Store::oppna(&db, None).unwrap();
        let a = sys(&s);
        (s.sok_brukare(&a, "Ekström", 10).unwrap().len(), rader(&s))
    };
    let l = losen("konverterad fras");
    kryptera(&db, &l, |s| Ok(sys(s))).unwrap();
    assert_eq!(filtyp(&db).unwrap(), Filtyp::Krypterad);
    assert!(!innehaller(&radata(&db), "Ekström"));
    let s = Store::oppna(&db, Some(&l)).unwrap();
    s.integritetskontroll().unwrap();
    let a = sys(&s);
    // Search still works: the full-text index came along.
    assert_eq!(s.sok_brukare(&a, "Ekström", 10).unwrap().len(), brukare);
    // Every log row came along, and the chain still verifies (the search above added one).
    assert!(rader(&s) > logg);
    drop(s);
    assert!(matches!(kryptera(&db, &l, |s| Ok(sys(s))), Err(Lagringsfel::RedanKrypterad)));
    // No leftovers beside it.
    let filer: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(filer.iter().all(|f| !f.contains("krypterad")), "{filer:?}");
}

#[test]
fn backups_are_encrypted_with_the_same_key_and_restore_needs_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    let l = losen("rätt lösenfras");
    krypterad_demo(&db, &l);
    let kopia = dir.path().join("kopia.sqlite");
    Store::oppna(&db, Some(&l)).unwrap().backup(&kopia).unwrap();
    assert_eq!(filtyp(&kopia).unwrap(), Filtyp::Krypterad);
    assert!(!innehaller(&radata(&kopia), "Ekström"));
    let mal = dir.path().join("aterstalld.sqlite");
    assert!(matches!(
        valfri_store::aterstall(&kopia, &mal, None),
        Err(Lagringsfel::KraverLosenfras)
    ));
    assert!(matches!(
        valfri_store::aterstall(&kopia, &mal, Some(&losen("fel lösenfras"))),
        Err(Lagringsfel::FelLosenfras)
    ));
    assert!(!mal.exists());
    valfri_store::aterstall(&kopia, &mal, Some(&l)).unwrap();
    assert_eq!(filtyp(&mal).unwrap(), Filtyp::Krypterad);
    let s = Store::oppna(&mal, Some(&l)).unwrap();
    assert!(!s.sok_brukare(&sys(&s), "Ekström", 10).unwrap().is_empty());
}

#[test]
fn automatic_backups_keep_the_configured_number_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    let l = losen("rätt lösenfras");
    krypterad_demo(&db, &l);
    let mapp = dir.path().join("sakerhetskopior");
    assert!(behover_daglig_kopia(&mapp));
    let s = Store::oppna(&db, Some(&l)).unwrap();
    let a = sys(&s);
    s.spara_sakerhet(&a, &Sakerhetsinstallningar { las_efter_minuter: 5, sakerhetskopior: 3 })
        .unwrap();
    assert_eq!(s.sakerhet().unwrap().las_efter_minuter, 5);
    let mut gjorda = Vec::new();
    for _ in 0..5 {
        gjorda.push(s.automatisk_sakerhetskopia(&mapp).unwrap());
    }
    let kvar = sakerhetskopior(&mapp);
    assert_eq!(kvar.len(), 3);
    assert!(!behover_daglig_kopia(&mapp));
    for k in &kvar {
        assert_eq!(filtyp(&k.sokvag).unwrap(), Filtyp::Krypterad);
        Store::oppna(&k.sokvag, Some(&l)).unwrap().integritetskontroll().unwrap();
    }
    // The newest is kept.
    assert!(kvar.iter().any(|k| &k.sokvag == gjorda.last().unwrap()));
    // A handläggare may not change the security settings.
    let handlaggare = s
        .handlaggare_lista()
        .unwrap()
        .into_iter()
        .find(|h| h.roll == valfri_domain::Roll::Handlaggare)
        .unwrap();
    let h = s.aktor(&handlaggare.id).unwrap();
    assert!(matches!(
        s.spara_sakerhet(&h, &Sakerhetsinstallningar::default()),
        Err(Lagringsfel::KraverSystemforvaltare)
    ));
}

#[test]
fn a_damaged_file_is_found_on_open_or_by_the_quick_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    let l = losen("rätt lösenfras");
    krypterad_demo(&db, &l);
    let mut bytes = std::fs::read(&db).unwrap();
    let mitt = bytes.len() / 2;
    for b in &mut bytes[mitt..mitt + 4096] {
        *b ^= 0x5a;
    }
    std::fs::write(&db, bytes).unwrap();
    let fel = Store::oppna(&db, Some(&l)).and_then(|s| s.snabbkontroll());
    assert!(matches!(fel, Err(Lagringsfel::Korrupt | Lagringsfel::FelLosenfras)), "{fel:?}");
}

#[test]
fn a_damaged_database_is_replaced_by_the_newest_backup_and_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    let l = losen("rätt lösenfras");
    krypterad_demo(&db, &l);
    let mapp = dir.path().join("sakerhetskopior");
    Store::oppna(&db, Some(&l)).unwrap().automatisk_sakerhetskopia(&mapp).unwrap();
    let mut bytes = std::fs::read(&db).unwrap();
    for b in &mut bytes[..4096] {
        *b ^= 0xff;
    }
    std::fs::write(&db, &bytes).unwrap();
    assert!(Store::oppna(&db, Some(&l)).is_err());
    let nyaste = sakerhetskopior(&mapp).remove(0);
    // A wrong passphrase leaves everything where it was.
    assert!(matches!(
        valfri_store::ersatt_skadad(&nyaste.sokvag, &db, Some(&losen("fel lösenfras"))),
        Err(Lagringsfel::FelLosenfras)
    ));
    assert_eq!(std::fs::read(&db).unwrap(), bytes);
    let undan = valfri_store::ersatt_skadad(&nyaste.sokvag, &db, Some(&l)).unwrap();
    assert_eq!(std::fs::read(&undan).unwrap(), bytes);
    let s = Store::oppna(&db, Some(&l)).unwrap();
    s.integritetskontroll().unwrap();
    assert!(!s.sok_brukare(&sys(&s), "Ekström", 10).unwrap().is_empty());
}

#[test]
fn a_new_passphrase_typed_twice_must_agree() {
    assert!(matches!(
        Losenfras::ny_nyckel_upprepad("en lång fras", "en lång fraz"),
        Err(Lagringsfel::LosenfrasOlika)
    ));
    assert!(matches!(
        Losenfras::ny_nyckel_upprepad("kort", "kort"),
        Err(Lagringsfel::SvagLosenfras { .. })
    ));
    assert!(Losenfras::ny_nyckel_upprepad("en lång fras", "en lång fras").is_ok());
}

fn plaintext_demo(sokvag: &Path) {
    valfri_store::skapa_databas(sokvag, &Skydd::Okrypterad, false, |s| demo::skapa_demo(s, idag()))
        .unwrap();
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
fn opening_a_missing_file_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("finns-inte.sqlite");
    assert!(matches!(Store::oppna(&db, None), Err(Lagringsfel::DatabasSaknas { .. })));
    assert!(matches!(
        Store::oppna(&db, Some(&losen("en lösenfras"))),
        Err(Lagringsfel::DatabasSaknas { .. })
    ));
    assert!(filer(dir.path()).is_empty(), "{:?}", filer(dir.path()));
}

#[test]
fn an_empty_file_or_another_programs_database_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let tom = dir.path().join("tom.sqlite");
    std::fs::write(&tom, b"").unwrap();
    assert_eq!(filtyp(&tom).unwrap(), Filtyp::InteDatabas);
    for l in [None, Some(losen("en lösenfras"))] {
        let fel = Store::oppna(&tom, l.as_ref());
        assert!(matches!(fel, Err(Lagringsfel::InteValfriDatabas { .. })), "{fel:?}");
    }
    assert_eq!(std::fs::read(&tom).unwrap(), b"");
    assert_eq!(filer(dir.path()), ["tom.sqlite"]);

    // A wiped file (zeros where the header was) is no database either.
    let nollad = dir.path().join("nollad.sqlite");
    std::fs::write(&nollad, vec![0u8; 8192]).unwrap();
    assert!(matches!(Store::oppna(&nollad, None), Err(Lagringsfel::InteValfriDatabas { .. })));

    // Another program's SQLite file is not migrated into a Valfri database.
    let annan = dir.path().join("annan.sqlite");
    rusqlite::Connection::open(&annan)
        .unwrap()
        .execute_batch("CREATE TABLE anteckning (text TEXT); INSERT INTO anteckning VALUES ('x');")
        .unwrap();
    let fore = std::fs::read(&annan).unwrap();
    let fel = Store::oppna(&annan, None);
    assert!(matches!(fel, Err(Lagringsfel::InteValfriDatabas { .. })), "{fel:?}");
    assert_eq!(std::fs::read(&annan).unwrap(), fore);
    assert_eq!(filer(dir.path()), ["annan.sqlite", "nollad.sqlite", "tom.sqlite"]);
}

#[test]
fn a_new_database_is_made_only_by_asking_and_never_over_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let tom = dir.path().join("tom.sqlite");
    std::fs::write(&tom, b"").unwrap();
    let l = losen("en lång lösenfras");
    assert!(matches!(
        valfri_store::skapa_databas(&tom, &Skydd::Losenfras(l.clone()), false, |_| Ok(())),
        Err(Lagringsfel::FilFinns { .. })
    ));
    assert_eq!(std::fs::read(&tom).unwrap(), b"");
    let ny = dir.path().join("ny.sqlite");
    valfri_store::skapa_databas(&ny, &Skydd::Losenfras(l.clone()), false, |_| Ok(())).unwrap();
    assert_eq!(filtyp(&ny).unwrap(), Filtyp::Krypterad);
    Store::oppna(&ny, Some(&l)).unwrap().integritetskontroll().unwrap();
}

#[test]
fn encrypting_is_for_a_systemforvaltare_and_a_refusal_leaves_the_file_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    plaintext_demo(&db);
    let handlaggare = {
        let s = Store::oppna(&db, None).unwrap();
        let h = s
            .handlaggare_lista()
            .unwrap()
            .into_iter()
            .find(|h| h.roll == valfri_domain::Roll::Handlaggare)
            .unwrap();
        s.aktor(&h.id).unwrap()
    };
    let fore = rader(&Store::oppna(&db, None).unwrap());
    let fel = kryptera(&db, &losen("en lång lösenfras"), |_| Ok(handlaggare.clone()));
    assert!(matches!(fel, Err(Lagringsfel::KraverSystemforvaltare)), "{fel:?}");
    assert_eq!(filtyp(&db).unwrap(), Filtyp::Okrypterad);
    assert!(!filer(dir.path()).iter().any(|f| f.contains("krypterad")), "{:?}", filer(dir.path()));
    // Only the refusal was written: one log row, naming who tried.
    let s = Store::oppna(&db, None).unwrap();
    assert_eq!(rader(&s), fore + 1);
    let nekad = s.logg_for("kryptering", "").unwrap();
    assert!(nekad.iter().any(|p| p.handling == "nekad" && p.vem.contains(&handlaggare.id)));
}

/// `NAME.suffix` beside `NAME`.
fn bredvid(db: &Path, suffix: &str) -> std::path::PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(suffix);
    p.into()
}

#[test]
fn a_start_undoes_an_encryption_killed_before_the_copy_took_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    plaintext_demo(&db);
    let fore = std::fs::read(&db).unwrap();
    // Killed while the copy was written, and again after the second name was made.
    std::fs::write(bredvid(&db, ".krypterad"), vec![0x42; 4096]).unwrap();
    std::fs::hard_link(&db, bredvid(&db, ".okrypterad")).unwrap();
    assert_eq!(reda_upp_kryptering(&db).unwrap(), Some(AvbrutenKryptering::Angrad));
    assert_eq!(filer(dir.path()), ["valfri.sqlite"]);
    // The second name was the database itself: removed, not wiped.
    assert_eq!(std::fs::read(&db).unwrap(), fore);
    assert_eq!(reda_upp_kryptering(&db).unwrap(), None);
    let s = Store::oppna(&db, None).unwrap();
    s.integritetskontroll().unwrap();
    assert!(matches!(s.verifiera_logg().unwrap(), Loggstatus::Hel { .. }));
}

#[test]
fn a_start_finishes_an_encryption_killed_before_the_old_bytes_were_wiped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    let l = losen("rätt lösenfras");
    krypterad_demo(&db, &l);
    plaintext_demo(&bredvid(&db, ".okrypterad"));
    assert_eq!(reda_upp_kryptering(&db).unwrap(), Some(AvbrutenKryptering::Slutford));
    assert_eq!(filer(dir.path()), ["valfri.sqlite"]);
    assert!(!innehaller(&radata(&db), "Ekström"));
    Store::oppna(&db, Some(&l)).unwrap().integritetskontroll().unwrap();
}

/// The fault of issue 13: an older Valfri wiped the original before renaming the copy, so a
/// kill in between left zeros under the name and the only copy beside it.
#[test]
fn a_start_finishes_an_older_encryption_that_left_zeros_under_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    let l = losen("rätt lösenfras");
    krypterad_demo(&bredvid(&db, ".krypterad"), &l);
    std::fs::write(&db, vec![0u8; 64 * 1024]).unwrap();
    assert!(matches!(Store::oppna(&db, Some(&l)), Err(Lagringsfel::InteValfriDatabas { .. })));
    assert_eq!(reda_upp_kryptering(&db).unwrap(), Some(AvbrutenKryptering::Slutford));
    assert_eq!(filer(dir.path()), ["valfri.sqlite"]);
    let s = Store::oppna(&db, Some(&l)).unwrap();
    s.integritetskontroll().unwrap();
    assert!(!s.sok_brukare(&sys(&s), "Ekström", 10).unwrap().is_empty());
}

#[test]
fn the_newest_automatic_backup_replaces_an_emptied_database_which_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    let l = losen("rätt lösenfras");
    krypterad_demo(&db, &l);
    Store::oppna(&db, Some(&l))
        .unwrap()
        .automatisk_sakerhetskopia(&sakerhetskopiemapp(&db))
        .unwrap();
    assert_eq!(sakerhetskopiemapp(&db), dir.path().join("sakerhetskopior"));
    std::fs::write(&db, b"").unwrap();
    assert!(matches!(aterstall_senaste(&db, None), Err(Lagringsfel::KraverLosenfras)));
    assert_eq!(std::fs::read(&db).unwrap(), b"");
    let s = aterstall_senaste(&db, Some(&l)).unwrap();
    assert!(!s.sok_brukare(&sys(&s), "Ekström", 10).unwrap().is_empty());
    assert!(filer(dir.path()).iter().any(|f| f.starts_with("valfri.sqlite.skadad-")));
}

/// A backup killed halfway leaves a full-size copy under its temporary name. The next backup
/// (manual or automatic) removes what no process is writing any more, and leaves a copy that
/// another process is still making.
#[test]
fn the_next_backup_removes_the_half_made_copies_of_a_killed_one_and_leaves_one_in_progress() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kontor.sqlite");
    let l = losen("en lång lösenfras");
    krypterad_demo(&db, &l);
    let store = Store::oppna(&db, Some(&l)).unwrap();
    let kopior = sakerhetskopiemapp(&db);
    std::fs::create_dir_all(&kopior).unwrap();
    let storlek = std::fs::metadata(&db).unwrap().len() as usize;
    let dodad = kopior.join(".manuell.sqlite.ofullstandig");
    let dodad_auto = kopior.join("valfri-20260101-120000.sqlite.ny");
    let pagar = kopior.join(".annan.sqlite.ofullstandig");
    for f in [&dodad, &dodad_auto, &pagar] {
        std::fs::write(f, vec![7u8; storlek]).unwrap();
    }
    let halls = std::fs::OpenOptions::new().write(true).open(&pagar).unwrap();
    halls.lock().unwrap();

    store.automatisk_sakerhetskopia(&kopior).unwrap();
    assert!(!dodad.exists() && !dodad_auto.exists(), "the killed backups' copies are gone");
    assert!(pagar.exists(), "a copy another process is making stays");
    assert_eq!(sakerhetskopior(&kopior).len(), 1, "the new backup is there, whole");
    drop(halls);

    // A manual backup tidies the folder it writes into the same way.
    let manuell = kopior.join("manuell.sqlite");
    store.backup(&manuell).unwrap();
    assert!(!pagar.exists());
    assert!(Store::oppna(&manuell, Some(&l)).unwrap().integritetskontroll().is_ok());
    assert_eq!(stada_halvfardiga(&kopior), 0, "nothing half-made is left");
}
