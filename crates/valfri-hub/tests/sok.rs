//! A search over the whole municipality through the hub (`Hubb::sok_brukare`), against a real
//! `PostgreSQL`: the right brukare in the right order, nothing skyddad for a handläggare, and
//! every search in the hub's log under the login.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use valfri_domain::{Personnummer, Roll, vika};
use valfri_hub::Hubb;
use valfri_hub::testkluster::Testkluster;

const AGARE: &str = "valfri_agare_test";
const AGARLOSEN: &str = "agarlosen-test";
const DB: &str = "exempelby";

fn pnr(ar: i32, manad: u32, dag: u32, nr: u16) -> Personnummer {
    Personnummer::fran_delar(NaiveDate::from_ymd_opt(ar, manad, dag).unwrap(), nr)
}

/// (id, förnamn, efternamn, personnummer, skyddad)
fn brukare() -> Vec<(&'static str, &'static str, &'static str, Personnummer, bool)> {
    vec![
        ("B1", "Karin", "Lindqvist", pnr(1945, 3, 12, 123), false),
        ("B2", "Erik", "Lindqvist-Ek", pnr(1950, 6, 1, 456), false),
        ("B3", "Sven", "Ek", pnr(1938, 1, 2, 789), false),
        ("B4", "Åsa", "Ekström", pnr(1941, 11, 30, 234), false),
        ("B5", "Ekaterina", "Berg", pnr(1952, 8, 8, 567), false),
        ("B6", "Olle", "Lindqvist", pnr(1947, 4, 4, 890), true),
    ]
}

fn ider(t: &[valfri_domain::BrukareTraff]) -> Vec<&str> {
    t.iter().map(|t| t.id.as_str()).collect()
}

#[test]
fn the_hub_finds_brukare_by_name_start_and_personnummer_hides_skyddade_and_logs_each_search() {
    let k = Testkluster::starta().unwrap();
    k.ny_kommun(DB, AGARE, AGARLOSEN).unwrap();
    let mut agare = Hubb::anslut(&k.url_utan_losen(AGARE, DB), Some(AGARLOSEN)).unwrap();
    agare.initiera().unwrap();
    agare
        .klient()
        .batch_execute("INSERT INTO valfri.omrade (id, kod, namn) VALUES ('O1', 'NORR', 'Norr')")
        .unwrap();
    for (id, fornamn, efternamn, p, skyddad) in brukare() {
        let hela = format!("{fornamn} {efternamn}");
        agare
            .klient()
            .execute(
                "INSERT INTO valfri.brukare (id, personnummer, fornamn, efternamn, omrade_id, skyddad,
                     namn_gemener, namn_vikt, fornamn_vikt, efternamn_vikt)
                 VALUES ($1, $2, $3, $4, 'O1', $5, $6, $7, $8, $9)",
                &[
                    &id,
                    &p.som_tolv_siffror(),
                    &fornamn,
                    &efternamn,
                    &skyddad,
                    &hela.to_lowercase(),
                    &vika(&hela),
                    &vika(fornamn),
                    &vika(efternamn),
                ],
            )
            .unwrap();
    }
    agare.lagg_till_anvandare("anna", "Anna Andersson", Roll::Handlaggare, "anna-losen").unwrap();
    let (mut anna, _) = Hubb::oppna(&k.url_utan_losen("anna", DB), Some("anna-losen")).unwrap();

    // A last name's start; the skyddad Olle Lindqvist is not there for a handläggare.
    let t = anna.sok_brukare("lindq", 50).unwrap();
    assert_eq!(ider(&t), ["B1", "B2"]);
    assert_eq!(t[0].personnummer, pnr(1945, 3, 12, 123).to_string());
    assert_eq!(t[0].omrade.as_deref(), Some("NORR"));
    assert!(t.iter().all(|t| !t.skyddad));
    // The schema owner, whom row-level security does not bind, finds him, flagged.
    let t = agare.sok_brukare("lindq", 50).unwrap();
    assert_eq!(ider(&t), ["B1", "B6", "B2"]);
    assert!(t[1].skyddad);
    // The name as typed first (Sven Ek), then by last name: a first name's start counts too.
    // "ek" inside "Lindqvist-Ek" starts neither the first nor the last name: not found.
    assert_eq!(ider(&anna.sok_brukare("ek", 50).unwrap()), ["B3", "B5", "B4"]);
    // Case and diacritics folded; every word must start a word of the name.
    assert_eq!(ider(&anna.sok_brukare("ÅSA ekstr", 50).unwrap()), ["B4"]);
    assert_eq!(ider(&anna.sok_brukare("lindqvist karin", 50).unwrap()), ["B1"]);
    assert!(anna.sok_brukare("lindqvist sven", 50).unwrap().is_empty());
    // LIKE's wildcards are letters like any other.
    assert!(anna.sok_brukare("l_ndq", 50).unwrap().is_empty());
    assert!(anna.sok_brukare("%", 50).unwrap().is_empty());
    // The most asked for, and never more than 50.
    assert_eq!(anna.sok_brukare("lindq", 1).unwrap().len(), 1);

    // A whole personnummer in either form, and the start of either form.
    let p = pnr(1945, 3, 12, 123);
    let tolv = p.som_tolv_siffror().to_owned();
    for fraga in [p.to_string(), tolv.clone(), format!("{}-{}", &tolv[2..8], &tolv[8..])] {
        assert_eq!(ider(&anna.sok_brukare(&fraga, 50).unwrap()), ["B1"], "{fraga}");
    }
    assert_eq!(ider(&anna.sok_brukare("194503", 50).unwrap()), ["B1"]);
    assert_eq!(ider(&anna.sok_brukare("4503", 50).unwrap()), ["B1"]);
    assert_eq!(ider(&anna.sok_brukare("19", 50).unwrap()), ["B3", "B4", "B1", "B2", "B5"]);
    // The skyddad brukare's own number finds nothing for anna.
    let olle = pnr(1947, 4, 4, 890).to_string();
    assert!(anna.sok_brukare(&olle, 50).unwrap().is_empty());

    // Every search is in the hub's log under anna's login, with what it showed.
    let rader = agare
        .klient()
        .query(
            "SELECT detalj FROM valfri.handelselogg
             WHERE handling = 'sok' AND objekt_typ = 'brukare' AND vem = 'anna' ORDER BY nr",
            &[],
        )
        .unwrap();
    assert_eq!(rader.len(), 15);
    let forsta: serde_json::Value = serde_json::from_str(&rader[0].get::<_, String>(0)).unwrap();
    assert_eq!(forsta, serde_json::json!({ "fraga": "lindq", "visade": ["B1", "B2"] }));
    let sista: serde_json::Value = serde_json::from_str(&rader[14].get::<_, String>(0)).unwrap();
    assert_eq!(sista, serde_json::json!({ "fraga": olle, "visade": [] }));
    assert!(matches!(agare.verifiera_logg().unwrap(), valfri_hub::Loggstatus::Hel { .. }));
}
