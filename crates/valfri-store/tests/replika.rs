//! A desk in kommunläge: the replica's shared rows change only by a pull from the hub; a write
//! of the desk's own is refused by the store whatever asked for it, and leaves nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::collections::BTreeSet;

use chrono::NaiveDate;
use valfri_domain::kommando::DELADE_TABELLER;
use valfri_domain::val::NyttVal;
use valfri_domain::{Personnummer, Roll, VemValde};
use valfri_store::{Lagringsfel, Replikpost, Store, demo, idag};

/// A second, plain connection to the file, to look at what the store does not show.
fn sql(dir: &tempfile::TempDir) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.path().join("desk.sqlite")).unwrap()
}

fn demo_replika() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let sokvag = dir.path().join("desk.sqlite");
    valfri_store::skapa_databas(&sokvag, &valfri_store::Skydd::Okrypterad, false, |s| {
        demo::skapa_demo(s, idag())?;
        s.bli_replika("postgresql://hubb.exempelby.se/valfri", "anna.lind")
    })
    .unwrap();
    let store = Store::oppna(&sokvag, None).unwrap();
    (dir, store)
}

fn antal(store: &Store) -> (i64, usize) {
    (store.antal_brukare().unwrap(), store.utforare_lista().unwrap().len())
}

#[test]
fn a_desk_cannot_change_the_shared_rows_by_itself_and_a_refusal_leaves_nothing() {
    let (dir, store) = demo_replika();
    let hl = store.handlaggare_lista().unwrap();
    let hl = hl.iter().find(|h| h.roll == Roll::Handlaggare).unwrap();
    let aktor = store.aktor(&hl.id).unwrap();
    let fore = antal(&store);
    let pnr = Personnummer::fran_delar(NaiveDate::from_ymd_opt(1939, 4, 5).unwrap(), 48);
    let ny = valfri_store::NyBrukare {
        personnummer: pnr.to_string(),
        fornamn: "Test".into(),
        efternamn: "Person".into(),
        omrade: Some("C".into()),
        ..Default::default()
    };
    let fel = store.ny_brukare(&aktor, &ny).unwrap_err();
    assert!(matches!(fel, Lagringsfel::Kommunlage), "{fel:?}");
    assert_eq!(antal(&store), fore);
    assert!(store.sok_brukare(&aktor, "Test Person", 10).unwrap().is_empty());

    // A choice for a beslut that waits for one: refused by the same guard, no val row made.
    let beslut: String = sql(&dir)
        .query_row(
            "SELECT b.id FROM beslut b JOIN insats i ON i.id = b.insats_id
             WHERE b.status = 'beslutat' AND i.valfrihet = 1
               AND NOT EXISTS (SELECT 1 FROM val v WHERE v.beslut_id = b.id) LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("the demo has a beslut that waits for a choice");
    let utforare = store
        .valbara(&aktor, &beslut, idag())
        .unwrap()
        .utforare
        .into_iter()
        .find(|u| u.status.ar_valbar())
        .unwrap()
        .utforare_id;
    let fore_val = store.valhistorik(&aktor, &beslut).unwrap().len();
    let val = NyttVal {
        beslut_id: beslut.clone(),
        utforare_id: utforare,
        vem_valde: VemValde::Brukare,
        informationssatt: None,
        informationssprak: None,
        valdatum: idag(),
        startdatum: None,
    };
    let fel = store.valj(&aktor, &val).unwrap_err();
    assert!(matches!(fel, Lagringsfel::Kommunlage), "{fel:?}");
    assert_eq!(store.valhistorik(&aktor, &beslut).unwrap().len(), fore_val);
    // The day's automatic steps are the hub's at a desk: nothing to do here, nothing refused.
    assert_eq!(store.uppdatera_verkstallighet(idag()).unwrap(), (0, 0));
}

#[test]
fn a_pull_writes_the_shared_rows_and_the_desk_is_guarded_again_after_it() {
    let (_dir, store) = demo_replika();
    let fore = store.utforare_lista().unwrap().len();
    // Deleting a provider with rows that refer to it would fail its foreign keys; a new
    // område is a row nobody refers to.
    let mut omrade = serde_json::Map::new();
    omrade.insert("id".into(), "ZZ-1".into());
    omrade.insert("kod".into(), "ZZ".into());
    omrade.insert("namn".into(), "Nya området".into());
    omrade.insert("landsbygd".into(), 0.into());
    omrade.insert("skapad".into(), "2026-12-02T07:00:00Z".into());
    omrade.insert("andrad".into(), "2026-12-02T07:00:00Z".into());
    let n =
        store.tillampa_andringar([Replikpost::Rad { tabell: "omrade", rad: &omrade }], 7).unwrap();
    assert_eq!(n, 1);
    assert!(store.omraden().unwrap().iter().any(|o| o.namn == "Nya området"));
    assert_eq!(store.replika().unwrap().unwrap().markor, 7);
    assert_eq!(store.utforare_lista().unwrap().len(), fore);
    let hl = store.handlaggare_lista().unwrap();
    let sf = hl.iter().find(|h| h.roll == Roll::Systemforvaltare).unwrap();
    let fel =
        store.nytt_omrade(&store.aktor(&sf.id).unwrap(), "YY", "Ett till", false).unwrap_err();
    assert!(matches!(fel, Lagringsfel::Kommunlage), "{fel:?}");
    assert!(!store.omraden().unwrap().iter().any(|o| o.namn == "Ett till"));
}

#[test]
fn every_shared_table_is_guarded_and_no_other() {
    let (dir, _store) = demo_replika();
    let conn = sql(&dir);
    let mut stmt = conn
        .prepare("SELECT tbl_name, count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%\\_kommunlage\\_%' ESCAPE '\\' GROUP BY tbl_name")
        .unwrap();
    let rader: Vec<(String, i64)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    assert!(rader.iter().all(|(_, n)| *n == 3), "insert, update and delete: {rader:?}");
    let vaktade: BTreeSet<String> = rader.into_iter().map(|(t, _)| t).collect();
    let delade: BTreeSet<String> = DELADE_TABELLER.iter().map(|(t, _)| (*t).to_owned()).collect();
    assert_eq!(vaktade, delade);
}

#[test]
fn commands_put_in_the_outbox_back_to_back_are_pushed_in_the_order_they_were_made() {
    let (dir, store) = demo_replika();
    let andra = Store::oppna(&dir.path().join("desk.sqlite"), None).unwrap();
    // Many within each millisecond, from two connections to the file taking turns (the window
    // and the CLI): each new ULID sorts after every earlier one.
    let mut gjorda = Vec::new();
    for i in 0..300 {
        let k = valfri_domain::kommando::Kommando::Information {
            id: format!("I{i}"),
            beslut_id: format!("B{i}"),
            skickad: idag(),
            sprak: "sv".into(),
            storstil: false,
            registerversion: None,
        };
        let s = if i % 2 == 0 { &store } else { &andra };
        gjorda.push(s.lagg_i_utkorg(&k).unwrap());
    }
    let i_utkorgen: Vec<String> = store.utkorg(true).unwrap().into_iter().map(|r| r.ulid).collect();
    assert_eq!(i_utkorgen, gjorda, "the outbox's order is not the order the commands were made in");
    let beslut: Vec<String> =
        store.utkorg(true).unwrap().iter().map(|r| r.kommando.beslut_id().to_owned()).collect();
    assert_eq!(beslut, (0..300).map(|i| format!("B{i}")).collect::<Vec<_>>());
}
