//! Key slots: each person unlocks the database with their own login and passphrase, and is
//! then who their slot says, never who they pick.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::path::{Path, PathBuf};

use valfri_domain::{Anvandarmeddelande, Roll};
use valfri_store::{
    AvbrutetNyckelbyte, Lagringsfel, Losenfras, Skydd, Store, aterstall_senaste_som, aterstall_som,
    demo, har_personliga_nycklar, idag, nyckelfil, oppna_som, reda_upp_kryptering,
    reda_upp_nyckelbyte, sakerhetskopiemapp,
};

fn losen(text: &str) -> Losenfras {
    Losenfras::ny_nyckel(text).unwrap()
}

fn demolosen() -> Losenfras {
    Losenfras::ny(demo::DEMO_LOSENFRAS).unwrap()
}

/// The demo with a slot per handläggare, all with the public demo passphrase.
fn slotdemo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    valfri_store::skapa_databas(&db, &demo::demoskydd().unwrap(), false, |s| {
        demo::skapa_demo(s, idag())
    })
    .unwrap();
    (dir, db)
}

fn som(db: &Path, anvandare: &str) -> (Store, valfri_store::Person) {
    oppna_som(db, anvandare, &demolosen()).unwrap()
}

fn fel(r: Result<(Store, valfri_store::Person), Lagringsfel>) -> Lagringsfel {
    match r {
        Ok((_, p)) => panic!("opened as {p:?}"),
        Err(e) => e,
    }
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

fn innehaller(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn sidofil(db: &Path, andelse: &str) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(andelse);
    PathBuf::from(p)
}

#[test]
fn two_persons_each_open_the_database_as_themselves() {
    let (_dir, db) = slotdemo();
    assert!(har_personliga_nycklar(&db).unwrap());
    let (store, karin) = som(&db, "karin.holm");
    assert_eq!((karin.namn.as_str(), karin.roll), ("Karin Holm", Roll::Systemforvaltare));
    assert_eq!(store.inloggad(), Some(&karin));
    let h = store.handlaggare(&karin.handlaggare_id).unwrap();
    assert_eq!(h.namn, "Karin Holm");
    drop(store);
    // Logins are case-insensitive.
    let (_, jonas) = som(&db, "Jonas.Berg");
    assert_eq!((jonas.namn.as_str(), jonas.roll), ("Jonas Berg", Roll::Handlaggare));
    assert_eq!(jonas.anvandare, "jonas.berg");
    assert_ne!(jonas.handlaggare_id, karin.handlaggare_id);
    assert_eq!(jonas.aktor().id, jonas.handlaggare_id);
    // Every demo login opens as the handläggare of that name.
    for (anvandare, namn) in demo::DEMO_INLOGGNINGAR {
        assert_eq!(som(&db, anvandare).1.namn, *namn);
    }
    // The shared way in is closed: no passphrase opens it without a login.
    assert!(matches!(Store::oppna(&db, Some(&demolosen())), Err(Lagringsfel::KraverInloggning)));
    assert!(matches!(Store::oppna(&db, None), Err(Lagringsfel::KraverInloggning)));
}

#[test]
fn a_wrong_passphrase_and_an_unknown_login_are_one_error_and_change_nothing() {
    let (_dir, db) = slotdemo();
    let (fore_nycklar, fore_db) = (bytes(&nyckelfil(&db)), bytes(&db));
    let fel_losen = fel(oppna_som(&db, "karin.holm", &losen("inte-den-ratta")));
    let okand = fel(oppna_som(&db, "nils.nilsson", &demolosen()));
    let ogiltig = fel(oppna_som(&db, "'; DROP TABLE --", &demolosen()));
    for e in [&fel_losen, &okand, &ogiltig] {
        assert!(matches!(e, Lagringsfel::FelInloggning), "{e:?}");
        assert_eq!(e.meddelande_id(), "fel-db-fel-inloggning");
    }
    assert_eq!(bytes(&nyckelfil(&db)), fore_nycklar);
    assert_eq!(bytes(&db), fore_db);
    assert!(!sidofil(&db, "-wal").exists() || bytes(&sidofil(&db, "-wal")).is_empty());
}

#[test]
fn a_handlaggare_cannot_manage_slots_and_the_refusal_is_logged() {
    let (_dir, db) = slotdemo();
    let (jonas_store, jonas) = som(&db, "jonas.berg");
    let (karin_store, karin) = som(&db, "karin.holm");
    let fore = bytes(&nyckelfil(&db));
    let e = jonas_store.lagg_till_nyckelplats(
        "ny.person",
        &karin.handlaggare_id,
        &losen("forsta-losen"),
    );
    assert!(matches!(e, Err(Lagringsfel::KraverSystemforvaltare)), "{e:?}");
    assert_eq!(bytes(&nyckelfil(&db)), fore);
    let mut jonas_store = jonas_store;
    let e = jonas_store.ta_bort_nyckelplats("leila.haddad");
    assert!(matches!(e, Err(Lagringsfel::KraverSystemforvaltare)), "{e:?}");
    assert_eq!(bytes(&nyckelfil(&db)), fore);
    drop(jonas_store);
    let nekade = karin_store.logg_for("nyckelplats", "").unwrap();
    assert_eq!(nekade.iter().filter(|r| r.handling == "nekad").count(), 2);
    assert!(nekade.iter().all(|r| r.vem.contains(&jonas.namn)));
    // The list shows every login with its handläggare.
    let lista = karin_store.nyckelplatser().unwrap();
    let namn: Vec<_> = lista.iter().map(|i| i.anvandare.as_str()).collect();
    assert_eq!(namn, ["jonas.berg", "karin.holm", "leila.haddad", "sanna.virtanen"]);
    assert_eq!(lista[1].namn.as_deref(), Some("Karin Holm"));
    assert_eq!(lista[1].roll, Some(Roll::Systemforvaltare));
}

#[test]
fn a_new_slot_opens_as_its_handlaggare_and_logins_and_handlaggare_are_unique() {
    let (_dir, db) = slotdemo();
    let (store, _karin) = som(&db, "karin.holm");
    let jonas_id = som(&db, "jonas.berg").1.handlaggare_id;
    let e = store.lagg_till_nyckelplats("JONAS.berg", &jonas_id, &losen("forsta-losen"));
    assert!(matches!(e, Err(Lagringsfel::InloggningFinns { .. })), "{e:?}");
    let e = store.lagg_till_nyckelplats("jberg", &jonas_id, &losen("forsta-losen"));
    assert!(matches!(e, Err(Lagringsfel::HandlaggareHarInloggning { .. })), "{e:?}");
    let e = store.lagg_till_nyckelplats("jberg", "inget-sadant-id", &losen("forsta-losen"));
    assert!(matches!(e, Err(Lagringsfel::HittasInte { .. })), "{e:?}");
    let e = store.lagg_till_nyckelplats("j berg", &jonas_id, &losen("forsta-losen"));
    assert!(matches!(e, Err(Lagringsfel::OgiltigInloggning)), "{e:?}");
    let kort = Losenfras::ny("kort").unwrap();
    let e = store.lagg_till_nyckelplats("jberg", &jonas_id, &kort);
    assert!(matches!(e, Err(Lagringsfel::SvagLosenfras { .. })), "{e:?}");

    // A new handläggare gets a slot and opens as themselves.
    let ny = store
        .ny_handlaggare(
            &store.inloggad().unwrap().aktor(),
            &valfri_domain::Handlaggare {
                id: String::new(),
                namn: "Anna Lind".into(),
                titel: "Biståndshandläggare".into(),
                telefon: String::new(),
                epost: String::new(),
                roll: Roll::Handlaggare,
            },
        )
        .unwrap();
    store.lagg_till_nyckelplats("Anna.Lind", &ny, &losen("annas forsta")).unwrap();
    let rader = store.logg_for("nyckelplats", "anna.lind").unwrap();
    assert_eq!(rader.len(), 1);
    assert_eq!((rader[0].handling.as_str(), rader[0].detalj.as_str()), ("skapa", ny.as_str()));
    assert!(rader[0].vem.starts_with("Karin Holm"));
    let (_, anna) = oppna_som(&db, "anna.lind", &losen("annas forsta")).unwrap();
    assert_eq!((anna.namn.as_str(), anna.handlaggare_id.as_str()), ("Anna Lind", ny.as_str()));
}

#[test]
fn changing_your_own_passphrase_stops_the_old_one_and_leaves_the_others() {
    let (_dir, db) = slotdemo();
    let (jonas_store, _) = som(&db, "jonas.berg");
    let fore = bytes(&nyckelfil(&db));
    let e = jonas_store.byt_egen_losenfras(&losen("inte-den-gamla"), &losen("jonas nya fras"));
    assert!(matches!(e, Err(Lagringsfel::FelInloggning)), "{e:?}");
    assert_eq!(bytes(&nyckelfil(&db)), fore);
    jonas_store.byt_egen_losenfras(&demolosen(), &losen("jonas nya fras")).unwrap();
    drop(jonas_store);
    assert!(matches!(fel(oppna_som(&db, "jonas.berg", &demolosen())), Lagringsfel::FelInloggning));
    let (store, jonas) = oppna_som(&db, "jonas.berg", &losen("jonas nya fras")).unwrap();
    assert_eq!(jonas.namn, "Jonas Berg");
    let rader = store.logg_for("nyckelplats", "jonas.berg").unwrap();
    let handlingar: Vec<_> = rader.iter().map(|r| r.handling.as_str()).collect();
    assert_eq!(handlingar, ["nekad", "byt-losenfras"]);
    assert_eq!(som(&db, "leila.haddad").1.namn, "Leila Haddad");
}

#[test]
fn a_removed_person_is_refused_even_with_a_copy_of_the_old_key_file() {
    let (dir, db) = slotdemo();
    let gammal_fil = dir.path().join("gamla.nycklar");
    std::fs::copy(nyckelfil(&db), &gammal_fil).unwrap();
    let (mut store, karin) = som(&db, "karin.holm");
    let e = store.ta_bort_nyckelplats("karin.holm");
    assert!(matches!(e, Err(Lagringsfel::SistaSystemforvaltaren)), "{e:?}");
    assert_eq!(bytes(&nyckelfil(&db)), bytes(&gammal_fil));
    let fore = store.antal_brukare().unwrap();
    store.ta_bort_nyckelplats("Jonas.Berg").unwrap();
    // The store goes on working, on the database with its new key.
    assert_eq!(store.antal_brukare().unwrap(), fore);
    assert_eq!(store.inloggad(), Some(&karin));
    let rader = store.logg_for("nyckelplats", "jonas.berg").unwrap();
    assert_eq!(rader.last().map(|r| r.handling.as_str()), Some("ta-bort"));
    assert!(rader.last().unwrap().vem.starts_with("Karin Holm"));
    assert!(store.nyckelplatser().unwrap().iter().all(|i| i.anvandare != "jonas.berg"));
    drop(store);

    assert!(matches!(fel(oppna_som(&db, "jonas.berg", &demolosen())), Lagringsfel::FelInloggning));
    assert_eq!(som(&db, "leila.haddad").1.namn, "Leila Haddad");
    assert_eq!(som(&db, "karin.holm").1.namn, "Karin Holm");
    // Jonas put his copy of the old key file back: it unlocks the old key, which opens
    // nothing any more (the database has a new one).
    let nu = bytes(&nyckelfil(&db));
    std::fs::copy(&gammal_fil, nyckelfil(&db)).unwrap();
    let e = fel(oppna_som(&db, "jonas.berg", &demolosen()));
    assert!(matches!(e, Lagringsfel::NyckelfilPassarInte { .. }), "{e:?}");
    std::fs::write(nyckelfil(&db), nu).unwrap();
    assert!(
        dir.path()
            .read_dir()
            .unwrap()
            .all(|p| { !p.unwrap().file_name().to_string_lossy().contains("nyckelbyte") })
    );
}

#[test]
fn converting_from_a_shared_passphrase_closes_it_and_opens_the_slot() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("valfri.sqlite");
    let delad = losen("hela kontorets fras");
    valfri_store::skapa_databas(&db, &Skydd::Losenfras(delad.clone()), false, |s| {
        demo::skapa_demo(s, idag())
    })
    .unwrap();
    let mut store = Store::oppna(&db, Some(&delad)).unwrap();
    assert!(matches!(
        store.byt_egen_losenfras(&delad, &losen("nagot annat")),
        Err(Lagringsfel::IngaNyckelplatser)
    ));
    let jonas =
        store.handlaggare_lista().unwrap().into_iter().find(|h| h.namn == "Jonas Berg").unwrap();
    let karin =
        store.handlaggare_lista().unwrap().into_iter().find(|h| h.namn == "Karin Holm").unwrap();
    // Only a systemförvaltare can be named.
    let e = store.forsta_nyckelplats(&jonas.id, "jonas", &losen("jonas egen fras"));
    assert!(matches!(e, Err(Lagringsfel::KraverSystemforvaltare)), "{e:?}");
    assert!(!har_personliga_nycklar(&db).unwrap());
    let brukare = store.antal_brukare().unwrap();
    let person = store.forsta_nyckelplats(&karin.id, "Karin", &losen("karins egen fras")).unwrap();
    assert_eq!((person.anvandare.as_str(), person.namn.as_str()), ("karin", "Karin Holm"));
    assert_eq!(store.inloggad(), Some(&person));
    assert_eq!(store.antal_brukare().unwrap(), brukare);
    let e = store.forsta_nyckelplats(&karin.id, "karin2", &losen("karins egen fras"));
    assert!(matches!(e, Err(Lagringsfel::HarNyckelplatser)), "{e:?}");
    store.lagg_till_nyckelplats("jonas", &jonas.id, &losen("jonas forsta fras")).unwrap();
    drop(store);

    assert!(har_personliga_nycklar(&db).unwrap());
    // The shared passphrase no longer decrypts the file, even past Valfri.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "key", "hela kontorets fras").unwrap();
    assert!(
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)).is_err()
    );
    drop(conn);
    assert!(matches!(Store::oppna(&db, Some(&delad)), Err(Lagringsfel::KraverInloggning)));
    let (store, karin_nu) = oppna_som(&db, "karin", &losen("karins egen fras")).unwrap();
    assert_eq!(karin_nu.handlaggare_id, karin.id);
    let rader = store.logg_for("nyckelplats", "karin").unwrap();
    assert_eq!(rader.len(), 1);
    assert!(rader[0].vem.starts_with("Karin Holm"));
    assert_eq!(oppna_som(&db, "jonas", &losen("jonas forsta fras")).unwrap().1.namn, "Jonas Berg");
}

/// A conversion killed at each step: the files are put together as each moment leaves them
/// (as the encryption tests do), and a start finishes or undoes it.
#[test]
fn an_interrupted_conversion_opens_with_the_old_passphrase_or_the_new_slot() {
    let dir = tempfile::tempdir().unwrap();
    let fore = dir.path().join("fore.sqlite");
    let delad = losen("hela kontorets fras");
    valfri_store::skapa_databas(&fore, &Skydd::Losenfras(delad.clone()), false, |s| {
        demo::skapa_demo(s, idag())
    })
    .unwrap();
    let efter = dir.path().join("efter.sqlite");
    std::fs::copy(&fore, &efter).unwrap();
    let karin = {
        let mut s = Store::oppna(&efter, Some(&delad)).unwrap();
        let id =
            s.handlaggare_lista().unwrap().into_iter().find(|h| h.namn == "Karin Holm").unwrap().id;
        s.forsta_nyckelplats(&id, "karin", &losen("karins egen fras")).unwrap();
        id
    };
    let slot: serde_json::Value = serde_json::from_slice(&bytes(&nyckelfil(&efter))).unwrap();
    let id = slot["nyckel_id"].as_str().unwrap().to_owned();

    let fall = |namn: &str, kopia: &str, med_nycklar: bool| {
        let db = dir.path().join(namn).join("valfri.sqlite");
        std::fs::create_dir_all(db.parent().unwrap()).unwrap();
        std::fs::copy(&fore, &db).unwrap();
        std::fs::copy(&efter, sidofil(&db, kopia)).unwrap();
        if med_nycklar {
            std::fs::copy(nyckelfil(&efter), nyckelfil(&db)).unwrap();
        }
        db
    };
    // Killed while the copy was made: undone.
    let db = fall("a", ".nyckelbyte.tmp", false);
    reda_upp_kryptering(&db).unwrap();
    assert!(!sidofil(&db, ".nyckelbyte.tmp").exists());
    assert!(Store::oppna(&db, Some(&delad)).is_ok());
    // Killed after the copy was whole, before the slot file: undone.
    let db = fall("b", &format!(".nyckelbyte-{id}"), false);
    assert_eq!(reda_upp_nyckelbyte(&db).unwrap(), Some(AvbrutetNyckelbyte::Angrat));
    assert!(!har_personliga_nycklar(&db).unwrap());
    assert!(Store::oppna(&db, Some(&delad)).is_ok());
    // Killed after the slot file, before the copy took the name: finished, by the next start
    // or by the next login itself.
    let db = fall("c", &format!(".nyckelbyte-{id}"), true);
    assert_eq!(reda_upp_nyckelbyte(&db).unwrap(), Some(AvbrutetNyckelbyte::Slutfort));
    assert_eq!(
        oppna_som(&db, "karin", &losen("karins egen fras")).unwrap().1.handlaggare_id,
        karin
    );
    let db = fall("d", &format!(".nyckelbyte-{id}"), true);
    assert_eq!(
        oppna_som(&db, "karin", &losen("karins egen fras")).unwrap().1.handlaggare_id,
        karin
    );
    assert!(!sidofil(&db, &format!(".nyckelbyte-{id}")).exists());
    // A stale copy of another key is never put in place.
    let db = fall("e", ".nyckelbyte-01ARZ3NDEKTSV4RRFFQ69G5FAV", true);
    std::fs::copy(&efter, &db).unwrap();
    assert_eq!(reda_upp_nyckelbyte(&db).unwrap(), Some(AvbrutetNyckelbyte::Angrat));
    assert_eq!(
        oppna_som(&db, "karin", &losen("karins egen fras")).unwrap().1.handlaggare_id,
        karin
    );
}

#[test]
fn a_new_database_for_a_first_person_has_no_shared_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ny.sqlite");
    let skydd = Skydd::Person {
        namn: "Eva Ek".into(),
        anvandare: "eva.ek".into(),
        losen: losen("evas egen fras"),
    };
    valfri_store::skapa_databas(&db, &skydd, false, |_| Ok(())).unwrap();
    assert!(har_personliga_nycklar(&db).unwrap());
    let (store, eva) = oppna_som(&db, "eva.ek", &losen("evas egen fras")).unwrap();
    assert_eq!((eva.namn.as_str(), eva.roll), ("Eva Ek", Roll::Systemforvaltare));
    assert_eq!(store.handlaggare_lista().unwrap().len(), 1);
    assert!(matches!(
        Store::oppna(&db, Some(&losen("evas egen fras"))),
        Err(Lagringsfel::KraverInloggning)
    ));
    // Replacing it with a database without slots takes the slot file away with it.
    drop(store);
    valfri_store::skapa_databas(&db, &Skydd::Okrypterad, true, |_| Ok(())).unwrap();
    assert!(!har_personliga_nycklar(&db).unwrap());
    assert!(Store::oppna(&db, None).is_ok());
}

#[test]
fn backup_and_restore_carry_the_slots() {
    let (dir, db) = slotdemo();
    let kopia = dir.path().join("kopia.sqlite");
    let (mut store, _) = som(&db, "karin.holm");
    store.backup(&kopia).unwrap();
    assert!(har_personliga_nycklar(&kopia).unwrap());
    assert_eq!(bytes(&nyckelfil(&kopia)), bytes(&nyckelfil(&db)));
    let auto = store.automatisk_sakerhetskopia(&sakerhetskopiemapp(&db)).unwrap();
    assert!(har_personliga_nycklar(&auto).unwrap());
    store.ta_bort_nyckelplats("jonas.berg").unwrap();
    let efter = store.antal_brukare().unwrap();
    drop(store);
    assert!(matches!(fel(oppna_som(&db, "jonas.berg", &demolosen())), Lagringsfel::FelInloggning));

    // A backup without a login is refused before anything changes.
    let fore = bytes(&nyckelfil(&db));
    let e = valfri_store::aterstall(&kopia, &db, Some(&demolosen()));
    assert!(matches!(e, Err(Lagringsfel::KraverInloggning)), "{e:?}");
    let e = aterstall_som(&kopia, &db, "karin.holm", &losen("inte-den-ratta"));
    assert!(matches!(e, Err(Lagringsfel::FelInloggning)), "{e:?}");
    assert_eq!(bytes(&nyckelfil(&db)), fore);

    let (restored, karin) = aterstall_som(&kopia, &db, "leila.haddad", &demolosen()).unwrap();
    assert_eq!(karin.namn, "Leila Haddad");
    assert_eq!(restored.antal_brukare().unwrap(), efter);
    drop(restored);
    // The backup was made before Jonas was removed: the restored database opens for him too.
    assert_eq!(som(&db, "jonas.berg").1.namn, "Jonas Berg");
    assert_eq!(bytes(&nyckelfil(&db)), bytes(&nyckelfil(&kopia)));

    // The newest automatic backup comes back with its slots.
    let (_, sanna) = aterstall_senaste_som(&db, "sanna.virtanen", &demolosen()).unwrap();
    assert_eq!(sanna.namn, "Sanna Virtanen");
    assert!(matches!(
        valfri_store::aterstall_senaste(&db, Some(&demolosen())),
        Err(Lagringsfel::KraverInloggning)
    ));
}

#[test]
fn the_slot_file_holds_no_passphrase_and_no_brukare() {
    let (_dir, db) = slotdemo();
    let (store, _) = som(&db, "karin.holm");
    let jonas =
        store.handlaggare_lista().unwrap().into_iter().find(|h| h.namn == "Jonas Berg").unwrap();
    drop(store);
    let fil = bytes(&nyckelfil(&db));
    assert!(!innehaller(&fil, demo::DEMO_LOSENFRAS.as_bytes()));
    assert!(!innehaller(&fil, hex::encode(demo::DEMO_LOSENFRAS).as_bytes()));
    for namn in ["Märta", "Ekström", "Karin Holm", demo::MARTA_PNR, "19340415"] {
        assert!(!innehaller(&fil, namn.as_bytes()), "{namn}");
    }
    // What it does hold: logins, handläggare ids, and sealed bytes.
    assert!(innehaller(&fil, b"jonas.berg"));
    assert!(innehaller(&fil, jonas.id.as_bytes()));
}

#[test]
fn a_damaged_slot_file_is_a_clear_error_and_leaves_the_database_untouched() {
    let (_dir, db) = slotdemo();
    let hel = bytes(&nyckelfil(&db));
    let fore_db = bytes(&db);
    let text = String::from_utf8(hel.clone()).unwrap();
    let fientliga: Vec<Vec<u8>> = vec![
        hel[..hel.len() / 2].to_vec(),
        Vec::new(),
        b"{\"format\": \"valfri-nyckelplatser\", \"version\": 1}".to_vec(),
        b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
            .to_vec(),
        text.replace("\"minne_kib\": 65536", "\"minne_kib\": 4194304").into_bytes(),
        text.replace("\"version\": 1", "\"version\": 99").into_bytes(),
        text.replace("\"anvandare\": \"leila.haddad\"", "\"anvandare\": \"karin.holm\"")
            .into_bytes(),
        vec![b' '; 10 * 1024 * 1024],
    ];
    for (i, innehall) in fientliga.iter().enumerate() {
        std::fs::write(nyckelfil(&db), innehall).unwrap();
        let e = fel(oppna_som(&db, "karin.holm", &demolosen()));
        assert!(matches!(e, Lagringsfel::NyckelfilTrasig { .. }), "{i}: {e:?}");
        assert_eq!(e.meddelande_id(), "fel-db-nyckelfil-trasig");
        assert_eq!(bytes(&db), fore_db, "{i}");
        assert_eq!(&bytes(&nyckelfil(&db)), innehall, "{i}");
    }
    // A slot moved to another handläggare (Jonas's slot claiming Karin's id) does not unlock.
    let (store, karin) = {
        std::fs::write(nyckelfil(&db), &hel).unwrap();
        som(&db, "karin.holm")
    };
    drop(store);
    let mut v: serde_json::Value = serde_json::from_slice(&hel).unwrap();
    for p in v["platser"].as_array_mut().unwrap() {
        if p["anvandare"] == "jonas.berg" {
            p["handlaggare_id"] = karin.handlaggare_id.clone().into();
        } else if p["anvandare"] == "karin.holm" {
            p["handlaggare_id"] = "ingen".into();
        }
    }
    std::fs::write(nyckelfil(&db), serde_json::to_vec(&v).unwrap()).unwrap();
    assert!(matches!(fel(oppna_som(&db, "jonas.berg", &demolosen())), Lagringsfel::FelInloggning));
    std::fs::write(nyckelfil(&db), &hel).unwrap();
    assert_eq!(som(&db, "jonas.berg").1.namn, "Jonas Berg");
}

/// A desk's replica (kommunläge) can have slots too: converting copies the shared tables past
/// their kommunläge guards, and the replica opens as the person, still a replica.
#[test]
fn a_replica_converts_to_slots_and_still_opens_as_a_replica() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("skrivbord.sqlite");
    let delad = losen("skrivbordets fras");
    valfri_store::skapa_databas(&db, &Skydd::Losenfras(delad.clone()), false, |s| {
        demo::skapa_demo(s, idag())?;
        s.bli_replika("postgres://hubb.exempelby.example/valfri", "karin.holm")
    })
    .unwrap();
    let mut store = Store::oppna(&db, Some(&delad)).unwrap();
    let karin =
        store.handlaggare_lista().unwrap().into_iter().find(|h| h.namn == "Karin Holm").unwrap();
    let brukare = store.antal_brukare().unwrap();
    store.forsta_nyckelplats(&karin.id, "karin.holm", &losen("karins egen fras")).unwrap();
    drop(store);
    let (store, person) = oppna_som(&db, "karin.holm", &losen("karins egen fras")).unwrap();
    assert_eq!(person.handlaggare_id, karin.id);
    let replika = store.replika().unwrap().expect("still a replica");
    assert_eq!(replika.anvandare, "karin.holm");
    assert_eq!(store.antal_brukare().unwrap(), brukare);
}

/// A key change while someone else has the database open would lose their writes with the old
/// file: it is refused as busy, and nothing changes.
#[test]
fn a_key_change_while_another_has_the_database_open_is_refused_and_changes_nothing() {
    let (dir, db) = slotdemo();
    let (mut karin, _) = som(&db, "karin.holm");
    let (annan, _) = som(&db, "leila.haddad");
    let fore = bytes(&nyckelfil(&db));
    let e = karin.ta_bort_nyckelplats("jonas.berg");
    assert!(matches!(e, Err(Lagringsfel::Upptagen)), "{e:?}");
    assert_eq!(bytes(&nyckelfil(&db)), fore);
    // Both go on working, and Jonas still opens.
    assert_eq!(karin.antal_brukare().unwrap(), annan.antal_brukare().unwrap());
    assert_eq!(som(&db, "jonas.berg").1.namn, "Jonas Berg");
    assert!(
        dir.path()
            .read_dir()
            .unwrap()
            .all(|p| { !p.unwrap().file_name().to_string_lossy().contains("nyckelbyte") })
    );
    drop(annan);
    karin.ta_bort_nyckelplats("jonas.berg").unwrap();
}
