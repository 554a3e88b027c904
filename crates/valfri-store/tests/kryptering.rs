//! Encryption at rest: what a file looks like without the passphrase, wrong passphrases,
//! re-keying, converting an old plaintext file, encrypted backups and the automatic ones.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::path::Path;

use valfri_store::{
    Filtyp, Lagringsfel, Loggstatus, Losenfras, Sakerhetsinstallningar, Store,
    behover_daglig_kopia, demo, filtyp, idag, kryptera, sakerhetskopior,
};

fn losen(text: &str) -> Losenfras {
    Losenfras::ny_nyckel(text).unwrap()
}

fn krypterad_demo(sokvag: &Path, l: &Losenfras) {
    demo::skapa_fil_med(sokvag, false, Some(l), |s| demo::skapa_demo(s, idag())).unwrap();
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
    demo::skapa_fil(&klar, false, |s| demo::skapa_demo(s, idag())).unwrap();
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
    assert!(matches!(Store::open(&db), Err(Lagringsfel::Korrupt | Lagringsfel::KraverLosenfras)));
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
    Store::open(&klar).unwrap();
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
    demo::skapa_fil(&db, false, |s| demo::skapa_demo(s, idag())).unwrap();
    let (brukare, logg) = {
        let s = Store::open(&db).unwrap();
        let a = sys(&s);
        (s.sok_brukare(&a, "Ekström", 10).unwrap().len(), rader(&s))
    };
    let l = losen("konverterad fras");
    kryptera(&db, &l).unwrap();
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
    assert!(matches!(kryptera(&db, &l), Err(Lagringsfel::RedanKrypterad)));
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
