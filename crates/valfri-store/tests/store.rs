//! The store as the app and the CLI use it: each test reads as a small story.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use chrono::{Days, NaiveDate};
use valfri_domain::{
    Anvandarmeddelande, BeslutStatus, Godkannande, NyttBeslut, Regi, Roll, Utfall, Utforare,
    Valideringsfel,
};
use valfri_store::{Aktor, Lagringsfel, Loggstatus, NyBrukare, Store, demo, idag};

fn demo_store(dir: &tempfile::TempDir) -> (Store, std::path::PathBuf) {
    let sokvag = dir.path().join("valfri.sqlite");
    valfri_store::skapa_databas(&sokvag, &valfri_store::Skydd::Okrypterad, false, |s| {
        demo::skapa_demo(s, idag())
    })
    .unwrap();
    (Store::oppna(&sokvag, None).unwrap(), sokvag)
}

fn handlaggare(store: &Store, roll: Roll) -> Aktor {
    let h = store.handlaggare_lista().unwrap().into_iter().find(|h| h.roll == roll).unwrap();
    store.aktor(&h.id).unwrap()
}

fn marta(store: &Store, a: &Aktor) -> String {
    store.sok_brukare(a, demo::MARTA_PNR, 5).unwrap()[0].id.clone()
}

/// A valid, fictional personnummer.
fn pnr(ar: i32, manad: u32, dag: u32, nr: u16) -> String {
    valfri_domain::Personnummer::fran_delar(NaiveDate::from_ymd_opt(ar, manad, dag).unwrap(), nr)
        .to_string()
}

/// A granted ledsagarservice for the brukare (Märta has only a draft of one, so a new grant does
/// not overlap a beslut in force).
fn nytt(brukare: &str, omfattning: f64) -> NyttBeslut {
    let fran = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    NyttBeslut {
        brukare_id: brukare.into(),
        insats_kod: "ledsagarservice".into(),
        diarienummer: "VON 2026/0999".into(),
        ansokningsdatum: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        utfall: Utfall::Bifall,
        omfattning: Some(omfattning),
        giltig_fran: fran,
        giltig_till: Some(fran + Days::new(365)),
        motivering: "Behov av stöd med personlig omvårdnad.".into(),
        ej_beviljat: String::new(),
        uppfoljning: Some(fran + Days::new(90)),
    }
}

#[test]
fn a_beslut_is_drafted_edited_made_and_then_never_edited() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let hl = handlaggare(&store, Roll::Handlaggare);
    let b = marta(&store, &hl);

    let id = store.skapa_utkast(&hl, &nytt(&b, 20.0)).unwrap();
    store.andra_utkast(&hl, &id, &nytt(&b, 24.0)).unwrap();
    assert_eq!(store.beslut(&hl, &id).unwrap().omfattning, Some(24.0));

    store.fatta_beslut(&hl, &id, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()).unwrap();
    let fattat = store.beslut(&hl, &id).unwrap();
    assert_eq!(fattat.status, BeslutStatus::Beslutat);
    assert!(matches!(
        store.andra_utkast(&hl, &id, &nytt(&b, 30.0)),
        Err(Lagringsfel::BeslutFattat)
    ));
    assert_eq!(store.beslut(&hl, &id).unwrap(), fattat, "a refused edit changes nothing");

    // Nobody gets around the rule with SQL either: the database itself refuses.
    let raw = rusqlite::Connection::open(store.sokvag().unwrap()).unwrap();
    let fel = raw.execute("UPDATE beslut SET omfattning = 99 WHERE id = ?1", [&id]).unwrap_err();
    assert!(matches!(Lagringsfel::from(fel), Lagringsfel::BeslutFattat));
    assert!(raw.execute("DELETE FROM beslut WHERE id = ?1", [&id]).is_err());

    // The life only moves forward.
    assert!(matches!(
        store.fatta_beslut(&hl, &id, idag()),
        Err(Lagringsfel::Statusovergang { .. })
    ));
    store.verkstall(&hl, &id).unwrap();
    store.avsluta(&hl, &id).unwrap();
    assert!(matches!(
        store.verkstall(&hl, &id),
        Err(Lagringsfel::Statusovergang { fran: "avslutat", till: "verkstallt" })
    ));
}

#[test]
fn an_omprovning_replaces_the_old_beslut_and_both_stay_in_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let hl = handlaggare(&store, Roll::Handlaggare);
    let b = marta(&store, &hl);
    let gammalt = store.skapa_utkast(&hl, &nytt(&b, 20.0)).unwrap();
    assert!(
        matches!(
            store.omprova(&hl, &gammalt, &nytt(&b, 30.0)),
            Err(Lagringsfel::Statusovergang { .. })
        ),
        "a draft is edited, not reviewed"
    );
    store.fatta_beslut(&hl, &gammalt, idag()).unwrap();

    let nytt_id = store.omprova(&hl, &gammalt, &nytt(&b, 30.0)).unwrap();
    assert_eq!(
        store.beslut(&hl, &gammalt).unwrap().status,
        BeslutStatus::Beslutat,
        "still in force until the new one is made"
    );
    store.fatta_beslut(&hl, &nytt_id, idag()).unwrap();

    let g = store.beslut(&hl, &gammalt).unwrap();
    assert_eq!(g.status, BeslutStatus::Avslutat);
    assert_eq!(g.ersatt_av.as_deref(), Some(nytt_id.as_str()));
    assert_eq!(g.omfattning, Some(20.0));
    assert_eq!(store.beslut(&hl, &nytt_id).unwrap().ersatter.as_deref(), Some(gammalt.as_str()));
    assert!(matches!(
        store.omprova(&hl, &gammalt, &nytt(&b, 40.0)),
        Err(Lagringsfel::RedanOmprovat)
    ));
    let historik = store.beslut_for_brukare(&hl, &b).unwrap();
    assert!(historik.iter().any(|x| x.id == gammalt) && historik.iter().any(|x| x.id == nytt_id));
}

#[test]
fn only_the_owner_or_a_systemforvaltare_makes_a_beslut_and_refusals_are_logged() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let alla = store.handlaggare_lista().unwrap();
    let mut hl =
        alla.iter().filter(|h| h.roll == Roll::Handlaggare).map(|h| store.aktor(&h.id).unwrap());
    let (agare, annan) = (hl.next().unwrap(), hl.next().unwrap());
    let sf = handlaggare(&store, Roll::Systemforvaltare);
    let b = marta(&store, &agare);
    let id = store.skapa_utkast(&agare, &nytt(&b, 10.0)).unwrap();
    assert!(matches!(
        store.fatta_beslut(&annan, &id, idag()),
        Err(Lagringsfel::InteBeslutetsHandlaggare)
    ));
    assert!(
        store
            .logg_for("beslut", &id)
            .unwrap()
            .iter()
            .any(|p| p.handling == "nekad" && p.vem.contains(&annan.namn))
    );
    store.fatta_beslut(&sf, &id, idag()).unwrap();

    let u = store.utforare_lista().unwrap().remove(0);
    assert!(matches!(
        store.spara_utforare(&agare, &u, "försök"),
        Err(Lagringsfel::KraverSystemforvaltare)
    ));
}

#[test]
fn bad_input_is_refused_with_its_reason_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let hl = handlaggare(&store, Roll::Handlaggare);
    let fore = store.antal_brukare().unwrap();
    let ny = |pnr: &str, fornamn: &str| NyBrukare {
        personnummer: pnr.into(),
        fornamn: fornamn.into(),
        efternamn: "Testsson".into(),
        ..NyBrukare::default()
    };
    let fel = |r: Result<String, Lagringsfel>| r.unwrap_err().meddelande_id();
    assert_eq!(
        fel(store.ny_brukare(&hl, &ny("19340415-9827", "Anna"))),
        "fel-personnummer-kontrollsiffra"
    );
    assert_eq!(fel(store.ny_brukare(&hl, &ny("19340231-9828", "Anna"))), "fel-personnummer-datum");
    assert_eq!(fel(store.ny_brukare(&hl, &ny(demo::MARTA_PNR, "Anna"))), "fel-brukare-finns");
    let lang = ny(&pnr(1950, 5, 5, 1), &"x".repeat(10 << 20));
    assert!(matches!(
        store.ny_brukare(&hl, &lang),
        Err(Lagringsfel::Validering(Valideringsfel::ForLang { falt: "fornamn", .. }))
    ));
    let bidi = ny(&pnr(1950, 5, 5, 1), "Anna\u{202E}nna");
    assert!(matches!(
        store.ny_brukare(&hl, &bidi),
        Err(Lagringsfel::Validering(Valideringsfel::OtillatnaTecken { .. }))
    ));
    assert_eq!(store.antal_brukare().unwrap(), fore);

    let b = marta(&store, &hl);
    let mut x = nytt(&b, 800.0);
    assert!(matches!(
        store.skapa_utkast(&hl, &x),
        Err(Lagringsfel::Validering(Valideringsfel::Omfattning { max: 744 }))
    ));
    x.omfattning = Some(10.0);
    x.giltig_till = Some(x.giltig_fran - Days::new(1));
    assert!(matches!(
        store.skapa_utkast(&hl, &x),
        Err(Lagringsfel::Validering(Valideringsfel::DatumOrdning))
    ));
    x.giltig_till = None;
    x.insats_kod = "finns-inte".into();
    assert!(matches!(
        store.skapa_utkast(&hl, &x),
        Err(Lagringsfel::OkandKod { typ: "insats", .. })
    ));
    x.insats_kod = "hemtjanst".into();
    x.motivering = "a".repeat(10 << 20);
    assert!(matches!(
        store.skapa_utkast(&hl, &x),
        Err(Lagringsfel::Validering(Valideringsfel::ForLang { .. }))
    ));
}

#[test]
fn search_finds_names_in_any_case_and_without_diacritics_and_numbers_in_any_form() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let hl = handlaggare(&store, Roll::Handlaggare);
    let namn = |q: &str| -> Vec<String> {
        store
            .sok_brukare(&hl, q, 50)
            .unwrap()
            .into_iter()
            .map(|t| format!("{} {}", t.fornamn, t.efternamn))
            .collect()
    };
    for q in [
        "Märta",
        "märta ekström",
        "MARTA",
        "ekstr",
        "kströ",
        "marta ek",
        "Ekström Märta",
        "ek",
        "mä",
    ] {
        assert!(namn(q).contains(&"Märta Ekström".to_owned()), "{q}: {:?}", namn(q));
    }
    for q in ["19340415-9828", "193404159828", "340415-9828", "3404159828", "340415", "19340415"] {
        let t = store.sok_brukare(&hl, q, 50).unwrap();
        assert!(t.iter().any(|t| t.personnummer == demo::MARTA_PNR), "{q}");
    }
    assert!(namn("zzzxq").is_empty());
    assert!(namn("").is_empty());
    assert!(namn("%").is_empty() || namn("%").len() <= 50);

    // Exact matches come first: add an "Asa" and an "Åsa"; searching "Åsa" shows Åsa first,
    // searching "asa" finds both.
    let sf = handlaggare(&store, Roll::Systemforvaltare);
    for (personnummer, fornamn) in [(pnr(1950, 5, 5, 1), "Asa"), (pnr(1951, 6, 6, 2), "Åsa")] {
        store
            .ny_brukare(
                &sf,
                &NyBrukare {
                    personnummer,
                    fornamn: fornamn.into(),
                    efternamn: "Zetterlund".into(),
                    ..NyBrukare::default()
                },
            )
            .unwrap();
    }
    let asa = namn("Åsa Zetterlund");
    assert_eq!(asa.first().map(String::as_str), Some("Åsa Zetterlund"), "{asa:?}");
    assert!(namn("asa zetterlund").len() >= 2);

    // Skyddade personuppgifter: a hit never carries an address (the type has none), and the
    // search itself is logged with what it showed.
    assert!(store.logg_for("brukare", "").unwrap().iter().any(|p| p.handling == "sok"));
}

/// A search returns one page, cut in SQL from the ranked matches: it must be exactly the first
/// page of all matches ranked by the rule (the name as typed, every word whole, every word a
/// word start, anywhere; then last name, first name and personnummer). The rule is computed
/// here over every brukare, in Rust, and compared with the page for many queries, on names of
/// one, two and three parts, with hyphens, diacritics and capitals.
#[test]
fn a_search_page_is_the_first_page_of_every_match_ranked_by_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("sok.sqlite");
    valfri_store::skapa_databas(&fil, &valfri_store::Skydd::Okrypterad, false, |_| Ok(())).unwrap();
    let store = Store::oppna(&fil, None).unwrap();
    let sf = Aktor { id: "system:test".into(), namn: "Test".into(), roll: Roll::Systemforvaltare };
    let fornamn = [
        "Anna",
        "Anna-Lena",
        "Karl Erik Johan",
        "Åsa",
        "Asa",
        "ÅSA",
        "Erik",
        "Ek",
        "Lena",
        "Märta Elisabet",
        "Einar",
        "Ekaterina",
        "Lind",
    ];
    let efternamn = [
        "Ek",
        "Eklund",
        "Lindqvist",
        "Lindquist",
        "von Essen",
        "Öberg",
        "Oberg",
        "Ekström",
        "Lind-Ek",
        "Åberg",
        "Essen",
        "LINDQVIST",
    ];
    let mut lista = Vec::new();
    let mut nr = 0u16;
    for (i, f) in fornamn.iter().enumerate() {
        for (j, e) in efternamn.iter().enumerate() {
            // Several of each name, so a page is cut inside a name too.
            for k in 0..=((i + j) % 4) {
                nr += 1;
                let dag =
                    NaiveDate::from_ymd_opt(1930, 1, 1).unwrap() + Days::new(u64::from(nr) * 7);
                lista.push(NyBrukare {
                    personnummer: valfri_domain::Personnummer::fran_delar(
                        dag,
                        (nr % 900) + k as u16,
                    )
                    .to_string(),
                    fornamn: (*f).into(),
                    efternamn: (*e).into(),
                    ..NyBrukare::default()
                });
            }
        }
    }
    store.importera_brukare(&sf, &lista, "test").unwrap();
    let alla: Vec<(String, String, String)> = lista
        .iter()
        .map(|b| {
            let p = valfri_domain::Personnummer::tolka(&b.personnummer, idag()).unwrap();
            (b.fornamn.clone(), b.efternamn.clone(), p.som_tolv_siffror().to_owned())
        })
        .collect();
    let rang = |q: &str, (f, e, _): &(String, String, String)| -> Option<u8> {
        let ord: Vec<String> = valfri_domain::vika(q)
            .split_whitespace()
            .filter(|o| o.chars().any(char::is_alphanumeric))
            .map(str::to_owned)
            .collect();
        let hela = format!("{f} {e}");
        let (nv, fv, ev) =
            (valfri_domain::vika(&hela), valfri_domain::vika(f), valfri_domain::vika(e));
        let traff = ord.iter().all(|o| {
            if o.chars().count() >= 3 {
                nv.contains(o.as_str())
            } else {
                fv.starts_with(o.as_str()) || ev.starts_with(o.as_str())
            }
        });
        if !traff || ord.is_empty() {
            return None;
        }
        // SQLite's lower() folds ASCII only.
        let exakt = q.trim().to_lowercase();
        Some(
            if hela.to_lowercase() == exakt
                || e.to_ascii_lowercase() == exakt
                || f.to_ascii_lowercase() == exakt
            {
                0
            } else if nv == valfri_domain::vika(q.trim())
                || ord.iter().all(|o| format!(" {nv} ").contains(&format!(" {o} ")))
            {
                1
            } else if ord.iter().all(|o| format!(" {nv}").contains(&format!(" {o}"))) {
                2
            } else {
                3
            },
        )
    };
    let mut fragor = vec![
        "ek",
        "Ek",
        "e",
        "lind",
        "Lindqvist",
        "lindq",
        "LINDQVIST",
        "lena",
        "anna lena",
        "anna-lena",
        "essen",
        "von",
        "von essen",
        "erik",
        "johan",
        "karl johan",
        "åsa",
        "Åsa",
        "asa",
        "ÅSA",
        "öberg",
        "oberg",
        "åsa öberg",
        "berg",
        "str",
        "kström",
        "ek lind",
        "lind ek",
        "märta",
        "elisabet",
        "el",
        "li ek",
        "zzzxq",
        "nna",
        "ist",
        "qvist",
        "lund",
        "a",
        "ek ek",
    ];
    fragor.extend(["Ekström Åsa", "Anna Ek", "ekaterina"]);
    for q in fragor {
        for grans in [1, 7, 50] {
            let mut facit: Vec<(u8, &(String, String, String))> =
                alla.iter().filter_map(|b| rang(q, b).map(|r| (r, b))).collect();
            facit.sort_by(|(ra, a), (rb, b)| {
                (ra, a.1.as_bytes(), a.0.as_bytes(), &a.2).cmp(&(
                    rb,
                    b.1.as_bytes(),
                    b.0.as_bytes(),
                    &b.2,
                ))
            });
            let facit: Vec<String> =
                facit.iter().take(grans).map(|(_, b)| format!("{} {} {}", b.0, b.1, b.2)).collect();
            let sida: Vec<String> = store
                .sok_brukare(&sf, q, grans)
                .unwrap()
                .into_iter()
                .map(|t| {
                    let p = valfri_domain::Personnummer::tolka(&t.personnummer, idag()).unwrap();
                    format!("{} {} {}", t.fornamn, t.efternamn, p.som_tolv_siffror())
                })
                .collect();
            assert_eq!(sida, facit, "{q:?} with {grans} hits");
        }
    }
}

/// A number copied from a web page or typed on a phone (en dash, minus sign, no-break space,
/// full-width or Arabic-Indic digits) found nothing before: the search reads it as the import
/// does, through `normalisera_personnummer`. A person born after today cannot be added.
#[test]
fn search_reads_a_pasted_personnummer_as_the_import_does() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let hl = handlaggare(&store, Roll::Handlaggare);
    for q in [
        "19340415\u{2013}9828",
        "19340415\u{2212}9828",
        "340415\u{A0}9828",
        "\u{FF11}\u{FF19}\u{FF13}\u{FF14}\u{FF10}\u{FF14}\u{FF11}\u{FF15}\u{FF0D}\u{FF19}\u{FF18}\u{FF12}\u{FF18}",
        "\u{661}\u{669}\u{663}\u{664}\u{660}\u{664}\u{661}\u{665}-\u{669}\u{668}\u{662}\u{668}",
        "\u{FF13}\u{FF14}\u{FF10}\u{FF14}\u{FF11}\u{FF15}",
    ] {
        let t = store.sok_brukare(&hl, q, 50).unwrap();
        assert!(t.iter().any(|t| t.personnummer == demo::MARTA_PNR), "{q:?}: {t:?}");
    }
    let sf = handlaggare(&store, Roll::Systemforvaltare);
    let fodd = idag() + Days::new(30);
    let framtid = valfri_domain::Personnummer::fran_delar(fodd, 1).to_string();
    let fore = store.antal_brukare().unwrap();
    let e = store
        .ny_brukare(
            &sf,
            &NyBrukare {
                personnummer: framtid,
                fornamn: "Ofödd".into(),
                efternamn: "Zetterlund".into(),
                ..NyBrukare::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.meddelande_id(), "fel-personnummer-framtid");
    assert_eq!(store.antal_brukare().unwrap(), fore);
}

#[test]
fn every_read_of_a_brukare_is_logged_and_tampering_with_the_log_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let (store, sokvag) = demo_store(&dir);
    let hl = handlaggare(&store, Roll::Handlaggare);
    let b = marta(&store, &hl);
    store.brukare(&hl, &b).unwrap();
    let poster = store.logg_for("brukare", &b).unwrap();
    assert!(poster.iter().any(|p| p.handling == "las" && p.vem.contains(&hl.namn)));
    assert!(matches!(store.verifiera_logg().unwrap(), Loggstatus::Hel { .. }));

    let raw = rusqlite::Connection::open(&sokvag).unwrap();
    assert!(
        raw.execute("UPDATE handelselogg SET vem = 'ingen' WHERE nr = 5", []).is_err(),
        "the triggers stop casual edits"
    );
    assert!(raw.execute("DELETE FROM handelselogg WHERE nr = 5", []).is_err());
    // Someone who drops the triggers can edit, but the chain shows it.
    raw.execute_batch("DROP TRIGGER handelselogg_andras_ej; DROP TRIGGER handelselogg_raderas_ej;")
        .unwrap();
    raw.execute("UPDATE handelselogg SET vem = 'ingen' WHERE nr = 5", []).unwrap();
    assert_eq!(store.verifiera_logg().unwrap(), Loggstatus::Bruten { nr: 5 });
}

#[test]
fn deleting_a_log_row_breaks_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let (store, sokvag) = demo_store(&dir);
    let raw = rusqlite::Connection::open(&sokvag).unwrap();
    raw.execute_batch(
        "DROP TRIGGER handelselogg_raderas_ej; DELETE FROM handelselogg WHERE nr = 7;",
    )
    .unwrap();
    assert_eq!(store.verifiera_logg().unwrap(), Loggstatus::Bruten { nr: 8 });
}

#[test]
fn the_register_keeps_every_version() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let sf = handlaggare(&store, Roll::Systemforvaltare);
    let v1 = store.registerversion().unwrap();
    let mut u = store
        .utforare_lista()
        .unwrap()
        .into_iter()
        .find(|u| u.namn.starts_with("Almgården"))
        .unwrap();
    let tak_fore = u.godkannanden[0].kapacitetstak;
    u.godkannanden[0].kapacitetstak = Some(5);
    u.sprak.push("fi".into());
    let v2 = store.spara_utforare(&sf, &u, "Almgården sänker taket").unwrap().version;
    assert_eq!(v2, v1 + 1);
    assert_eq!(store.utforare(&u.id).unwrap().godkannanden[0].kapacitetstak, Some(5));
    let gammal = store.register_vid(v1).unwrap().into_iter().find(|x| x.id == u.id).unwrap();
    assert_eq!(gammal.godkannanden[0].kapacitetstak, tak_fore);
    assert_eq!(
        store.register_vid(v2).unwrap().into_iter().find(|x| x.id == u.id).unwrap(),
        store.utforare(&u.id).unwrap()
    );
    assert_eq!(store.register_vid(0).unwrap(), Vec::new());

    let ny = Utforare {
        id: String::new(),
        namn: "Zebrans Omsorg AB".into(),
        organisationsnummer: u.organisationsnummer.clone(),
        regi: Regi::Privat,
        godkannanden: vec![Godkannande {
            insats_kod: "hemtjanst".into(),
            godkand_fran: idag(),
            godkand_till: None,
            kapacitetstak: None,
            kapacitet_bekraftad: None,
            paus_till: None,
            kapacitet_fran: None,
            kapacitet_till: None,
        }],
        ..u.clone()
    };
    // A second provider cannot take an organisationsnummer that is in use under another id.
    let krock = Utforare { id: "annat-id".into(), ..ny };
    assert!(matches!(store.spara_utforare(&sf, &krock, "krock"), Err(Lagringsfel::UtforareFinns)));
    assert_eq!(store.registerversion().unwrap(), v2, "a refused save makes no version");
}

#[test]
fn backup_and_restore_with_checks() {
    let dir = tempfile::tempdir().unwrap();
    let (store, sokvag) = demo_store(&dir);
    let hl = handlaggare(&store, Roll::Handlaggare);
    let kopia = dir.path().join("kopia.sqlite");
    store.backup(&kopia).unwrap();
    assert!(matches!(store.backup(&kopia), Err(Lagringsfel::FilFinns { .. })));

    let fore = store.antal_brukare().unwrap();
    store
        .ny_brukare(
            &hl,
            &NyBrukare {
                personnummer: pnr(1950, 5, 5, 1),
                fornamn: "Efter".into(),
                efternamn: "Kopian".into(),
                ..NyBrukare::default()
            },
        )
        .unwrap();
    assert_eq!(store.antal_brukare().unwrap(), fore + 1);

    valfri_store::aterstall(&kopia, &sokvag, None).unwrap();
    assert_eq!(store.antal_brukare().unwrap(), fore, "the open store sees the restored state");
    assert!(matches!(store.verifiera_logg().unwrap(), Loggstatus::Hel { .. }));

    // A damaged backup is refused and the database stays as it was.
    let trasig = dir.path().join("trasig.sqlite");
    let mut bytes = std::fs::read(&kopia).unwrap();
    for b in bytes.iter_mut().skip(4096).take(8192) {
        *b = 0x5a;
    }
    std::fs::write(&trasig, bytes).unwrap();
    assert!(valfri_store::aterstall(&trasig, &sokvag, None).is_err());
    std::fs::write(&trasig, b"inte en databas").unwrap();
    assert!(valfri_store::aterstall(&trasig, &sokvag, None).is_err());
    assert_eq!(store.antal_brukare().unwrap(), fore);
    store.integritetskontroll().unwrap();
}

#[test]
fn a_version_1_database_with_data_is_upgraded_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("v1.sqlite");
    {
        let c = rusqlite::Connection::open(&fil).unwrap();
        c.execute_batch(Store::migrering(1).unwrap()).unwrap();
        c.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO omrade VALUES ('o1', 'C', 'Centrum', 0, 't', 't');
             INSERT INTO insats VALUES ('i1', 'hemtjanst', 'SoL', 'timmar_per_manad', 1, 'egen_regi', 't', 't');
             INSERT INTO insats_namn VALUES ('i1', 'sv', 'Hemtjänst');
             INSERT INTO registerversion VALUES (1, 't', 'x', 'start');
             INSERT INTO utforare VALUES ('u1', '556677-8899', 'Gamla AB', 'privat', '', '', '', '', '', '', '', 'sv', '', '', 1, 't', 't');
             INSERT INTO godkannande VALUES ('u1', 'i1', '2020-01-01', NULL, 5, NULL, NULL);",
        )
        .unwrap();
    }
    let s = Store::oppna(&fil, None).unwrap();
    assert!(Store::schemaversion() >= 2);
    let u = s.utforare("u1").unwrap();
    assert_eq!(
        (u.namn.as_str(), u.godkannanden[0].kapacitetstak, u.godkannanden[0].kapacitet_fran),
        ("Gamla AB", Some(5), None)
    );
    assert_eq!(s.kommun().unwrap().svarstid_dagar, 14);
    assert!(s.insatser("sv").unwrap()[0].turordning_egen_regi, "the new column gets its default");
    let v: i64 = rusqlite::Connection::open(&fil)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v as usize, Store::schemaversion());
}

#[test]
fn migrations_upgrade_old_files_and_refuse_newer_ones() {
    let dir = tempfile::tempdir().unwrap();
    let tom = dir.path().join("tom.sqlite");
    rusqlite::Connection::open(&tom).unwrap().execute_batch("PRAGMA user_version = 0;").unwrap();
    // An empty SQLite file is no Valfri database: refused and left as it was, never filled.
    let fore = std::fs::read(&tom).unwrap();
    assert!(matches!(Store::oppna(&tom, None), Err(Lagringsfel::InteValfriDatabas { .. })));
    assert_eq!(std::fs::read(&tom).unwrap(), fore);

    let framtid = dir.path().join("framtid.sqlite");
    rusqlite::Connection::open(&framtid)
        .unwrap()
        .execute_batch("PRAGMA user_version = 999;")
        .unwrap();
    assert!(matches!(
        Store::oppna(&framtid, None),
        Err(Lagringsfel::NyareVersion { databas: 999, .. })
    ));

    let skrap = dir.path().join("skrap.sqlite");
    std::fs::write(&skrap, vec![0x42; 8192]).unwrap();
    let fel = Store::oppna(&skrap, None).unwrap_err();
    assert!(matches!(fel, Lagringsfel::Korrupt | Lagringsfel::KraverLosenfras), "{fel:?}");
    assert!(fel.ar_lagringsproblem());
}

#[test]
fn two_connections_writing_at_once_lose_nothing_and_never_see_locked() {
    let dir = tempfile::tempdir().unwrap();
    let (_, sokvag) = demo_store(&dir);
    let fore = Store::oppna(&sokvag, None).unwrap().antal_brukare().unwrap();
    let tradar: Vec<_> = (0..2u16)
        .map(|t| {
            let sokvag = sokvag.clone();
            std::thread::spawn(move || {
                let store = Store::oppna(&sokvag, None).unwrap();
                let sf = handlaggare(&store, Roll::Systemforvaltare);
                for i in 0..40u16 {
                    let pnr = valfri_domain::Personnummer::fran_delar(
                        NaiveDate::from_ymd_opt(1960, 1, 1).unwrap(),
                        t * 100 + i,
                    );
                    store
                        .ny_brukare(
                            &sf,
                            &NyBrukare {
                                personnummer: pnr.to_string(),
                                fornamn: format!("Tråd{t}"),
                                efternamn: format!("Nr{i}"),
                                ..NyBrukare::default()
                            },
                        )
                        .unwrap();
                    store.sok_brukare(&sf, "Tråd", 10).unwrap();
                }
            })
        })
        .collect();
    for t in tradar {
        t.join().unwrap();
    }
    let store = Store::oppna(&sokvag, None).unwrap();
    assert_eq!(store.antal_brukare().unwrap(), fore + 80);
    assert!(matches!(store.verifiera_logg().unwrap(), Loggstatus::Hel { .. }));
}

#[test]
fn the_demo_municipality_is_complete() {
    let dir = tempfile::tempdir().unwrap();
    let (store, sokvag) = demo_store(&dir);
    assert!(store.omraden().unwrap().len() >= 3);
    assert!(store.omraden().unwrap().iter().any(|o| o.landsbygd));
    let koder: Vec<String> = store.insatser("sv").unwrap().into_iter().map(|i| i.kod).collect();
    for kod in ["hemtjanst", "sarskilt-boende", "daglig-verksamhet", "ledsagarservice"] {
        assert!(koder.contains(&kod.to_owned()));
    }
    let u = store.utforare_lista().unwrap();
    assert!(u.len() >= 15);
    assert_eq!(u.iter().filter(|u| u.regi == Regi::EgenRegi).count(), 1);
    assert!(
        u.iter().all(|u| valfri_domain::Organisationsnummer::tolka(&u.organisationsnummer).is_ok())
    );
    assert!(store.antal_brukare().unwrap() >= 60);
    let sf = handlaggare(&store, Roll::Systemforvaltare);
    let alla = store.sok_brukare(&sf, "19", 50).unwrap();
    assert!(!alla.is_empty());
    let raw = rusqlite::Connection::open(&sokvag).unwrap();
    let antal = |sql: &str| raw.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    for status in ["utkast", "beslutat", "verkstallt", "avslutat"] {
        assert!(
            antal(&format!("SELECT count(*) FROM beslut WHERE status = '{status}'")) > 0,
            "{status}"
        );
    }
    assert_eq!(antal("SELECT count(*) FROM brukare WHERE skyddad = 1"), 1);
    assert!(antal("SELECT count(*) FROM brukare WHERE sprak = 'fi'") >= 3);
    assert!(antal("SELECT count(*) FROM brukare WHERE storstil = 1") >= 3);
    assert!(antal("SELECT count(DISTINCT brukare_id) FROM ombud") >= 3);
    // Creating it twice is refused rather than overwriting.
    assert!(matches!(
        valfri_store::skapa_databas(&sokvag, &valfri_store::Skydd::Okrypterad, false, |_| Ok(())),
        Err(Lagringsfel::FilFinns { .. })
    ));
}

#[test]
fn a_delvis_bifall_must_say_what_was_not_granted_and_a_refusal_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (store, sokvag) = demo_store(&dir);
    let hl = handlaggare(&store, Roll::Handlaggare);
    let b = marta(&store, &hl);
    let raw = rusqlite::Connection::open(&sokvag).unwrap();
    let antal =
        || raw.query_row("SELECT count(*) FROM beslut", [], |r| r.get::<_, i64>(0)).unwrap();
    let fore = antal();
    let delvis = NyttBeslut { utfall: Utfall::DelvisBifall, ..nytt(&b, 20.0) };
    assert!(matches!(
        store.skapa_utkast(&hl, &delvis),
        Err(Lagringsfel::Validering(Valideringsfel::Saknas { falt: "ej_beviljat" }))
    ));
    assert!(matches!(
        store.skapa_utkast(&hl, &NyttBeslut { ej_beviljat: "   ".into(), ..delvis.clone() }),
        Err(Lagringsfel::Validering(Valideringsfel::Saknas { falt: "ej_beviljat" }))
    ));
    // Only a delvis bifall has a part that was not granted.
    assert!(matches!(
        store.skapa_utkast(
            &hl,
            &NyttBeslut { ej_beviljat: "Stöd nattetid.".into(), ..nytt(&b, 20.0) }
        ),
        Err(Lagringsfel::Validering(Valideringsfel::EjBeviljatBaraDelvis))
    ));
    assert_eq!(antal(), fore, "a refused beslut leaves nothing");

    let id = store
        .skapa_utkast(&hl, &NyttBeslut { ej_beviljat: " Stöd nattetid. ".into(), ..delvis })
        .unwrap();
    // A draft edited to delvis without the refused part is refused and keeps what it had.
    let utkast = store.beslut(&hl, &id).unwrap();
    assert!(matches!(
        store.andra_utkast(
            &hl,
            &id,
            &NyttBeslut { utfall: Utfall::DelvisBifall, ..nytt(&b, 20.0) }
        ),
        Err(Lagringsfel::Validering(Valideringsfel::Saknas { falt: "ej_beviljat" }))
    ));
    assert_eq!(store.beslut(&hl, &id).unwrap(), utkast);
    store.fatta_beslut(&hl, &id, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()).unwrap();
    assert_eq!(store.beslut(&hl, &id).unwrap().ej_beviljat, "Stöd nattetid.");
    let fel = raw.execute("UPDATE beslut SET ej_beviljat = '' WHERE id = ?1", [&id]).unwrap_err();
    assert!(matches!(Lagringsfel::from(fel), Lagringsfel::BeslutFattat), "a made beslut keeps it");
}

#[test]
fn a_beslut_takes_the_insats_s_delegation_point_when_it_is_made_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let (store, sokvag) = demo_store(&dir);
    let hl = handlaggare(&store, Roll::Handlaggare);
    let sf = handlaggare(&store, Roll::Systemforvaltare);
    let b = marta(&store, &hl);
    assert_eq!(
        store.insats("ledsagarservice", "sv").unwrap().delegation,
        "4.3",
        "the demo's point"
    );
    // Only a systemförvaltare sets it, and a refusal changes nothing.
    assert!(matches!(
        store.andra_delegation(&hl, "ledsagarservice", "9.9"),
        Err(Lagringsfel::KraverSystemforvaltare)
    ));
    assert_eq!(store.insats("ledsagarservice", "sv").unwrap().delegation, "4.3");

    let id = store.skapa_utkast(&hl, &nytt(&b, 20.0)).unwrap();
    assert_eq!(store.beslut(&hl, &id).unwrap().delegation, "", "a draft is not decided yet");
    store.andra_delegation(&sf, "ledsagarservice", " 3.2.1 ").unwrap();
    store.fatta_beslut(&hl, &id, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()).unwrap();
    assert_eq!(store.beslut(&hl, &id).unwrap().delegation, "3.2.1");
    // A new delegationsordning does not rewrite the decisions made under the old one.
    store.andra_delegation(&sf, "ledsagarservice", "4.1").unwrap();
    assert_eq!(store.beslut(&hl, &id).unwrap().delegation, "3.2.1");
    let raw = rusqlite::Connection::open(&sokvag).unwrap();
    let fel = raw.execute("UPDATE beslut SET delegation = '4.1' WHERE id = ?1", [&id]).unwrap_err();
    assert!(matches!(Lagringsfel::from(fel), Lagringsfel::BeslutFattat));
}

#[test]
fn an_insats_is_named_inside_a_sentence_by_the_rule_or_by_its_stored_form() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let sf = handlaggare(&store, Roll::Systemforvaltare);
    let i_mening = |kod: &str, sprak: &str| store.insats(kod, sprak).unwrap().namn_i_mening;
    assert_eq!(i_mening("hemtjanst", "sv"), "hemtjänst");
    assert_eq!(i_mening("daglig-verksamhet", "sv"), "daglig verksamhet (LSS)");
    assert_eq!(i_mening("hemtjanst", "en"), "home care");
    assert_eq!(i_mening("hemtjanst", "fi"), "kotipalvelu");
    // A language without a name of its own gets the Swedish, in the Swedish form.
    assert_eq!(i_mening("hemtjanst", "de"), "hemtjänst");
    assert_eq!(store.insats("hemtjanst", "sv").unwrap().namn, "Hemtjänst", "standing alone");
    // A form the rule cannot know is stored; an empty one goes back to the rule.
    store.andra_namn_i_mening(&sf, "ledsagarservice", "sv", "Ledsagarservice Exempelby").unwrap();
    assert_eq!(i_mening("ledsagarservice", "sv"), "Ledsagarservice Exempelby");
    store.andra_namn_i_mening(&sf, "ledsagarservice", "sv", "").unwrap();
    assert_eq!(i_mening("ledsagarservice", "sv"), "ledsagarservice");
    assert!(store.andra_namn_i_mening(&sf, "ledsagarservice", "de", "x").is_err());
}

fn lonnen() -> valfri_domain::formular::Utforarformular {
    valfri_domain::formular::Utforarformular {
        namn: "Lönnens Omsorg AB".into(),
        organisationsnummer: "556677-8899".into(),
        regi: "privat".into(),
        omraden: vec!["C".into()],
        godkannande: valfri_domain::formular::Godkannandeformular {
            insats_kod: "hemtjanst".into(),
            godkand_fran: idag().to_string(),
            godkand_till: String::new(),
            kapacitetstak: "12".into(),
        },
    }
}

fn falten(e: valfri_store::Formularfel) -> Vec<&'static str> {
    match e {
        valfri_store::Formularfel::Falt(f) => f.iter().map(|f| f.falt).collect(),
        valfri_store::Formularfel::Annat(e) => panic!("not a field error: {e:?}"),
    }
}

#[test]
fn the_confirmation_of_a_new_provider_or_approval_is_made_by_the_core_and_saves_nothing() {
    use valfri_domain::beslutsregler::Bekraftelse;
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let sf = handlaggare(&store, Roll::Systemforvaltare);
    let hl = handlaggare(&store, Roll::Handlaggare);
    let v0 = store.registerversion().unwrap();

    // The sentence's facts are the form's: its provider, the insats as written in a sentence
    // in the reader's language, and the first day of the approval.
    let b = store.bekrafta_ny_utforare(&sf, &lonnen(), "sv").unwrap();
    assert_eq!(
        b,
        Bekraftelse::NyUtforare {
            utforare: "Lönnens Omsorg AB".into(),
            insats: "hemtjänst".into(),
            fran: idag(),
        }
    );
    let l = valfri_l10n::Localizer::new().unwrap();
    assert_eq!(
        l.bekraftelse("sv", &b),
        format!(
            "Lönnens Omsorg AB läggs till i utförarregistret, godkänd för hemtjänst från {}, och brukare kan sedan välja utföraren.",
            idag()
        )
    );
    // Refused exactly as saving would be, and asking saves nothing.
    assert!(matches!(
        store.bekrafta_ny_utforare(&hl, &lonnen(), "sv"),
        Err(valfri_store::Formularfel::Annat(Lagringsfel::KraverSystemforvaltare))
    ));
    let almgarden = store.utforare_lista().unwrap().remove(0);
    let krock = valfri_domain::formular::Utforarformular {
        organisationsnummer: almgarden.organisationsnummer.clone(),
        ..lonnen()
    };
    assert_eq!(
        falten(store.bekrafta_ny_utforare(&sf, &krock, "sv").unwrap_err()),
        ["organisationsnummer"]
    );
    assert_eq!(store.registerversion().unwrap(), v0, "a confirmation is only a question");
    assert!(!store.utforare_lista().unwrap().iter().any(|u| u.namn == "Lönnens Omsorg AB"));

    // A new approval names the provider from the register, not from the page.
    let ledsagning = valfri_domain::formular::Godkannandeformular {
        insats_kod: "ledsagarservice".into(),
        ..lonnen().godkannande
    };
    let b = store.bekrafta_nytt_godkannande(&sf, &almgarden.id, &ledsagning, "en").unwrap();
    let Bekraftelse::NyttGodkannande { utforare, insats, fran } = &b else {
        panic!("not a new approval: {b:?}")
    };
    assert_eq!((utforare.as_str(), *fran), (almgarden.namn.as_str(), idag()));
    assert_eq!(insats, "companion service", "the insats in the reader's language, in a sentence");
    assert!(
        l.bekraftelse("en", &b).starts_with(&format!("{} becomes approved for", almgarden.namn))
    );
    let har = almgarden.godkannanden[0].insats_kod.clone();
    let igen = valfri_domain::formular::Godkannandeformular { insats_kod: har, ..ledsagning };
    assert_eq!(
        falten(store.bekrafta_nytt_godkannande(&sf, &almgarden.id, &igen, "sv").unwrap_err()),
        ["insats"]
    );
    assert_eq!(store.registerversion().unwrap(), v0);
}

#[test]
fn a_change_by_hand_says_what_it_is_or_is_refused_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let sf = handlaggare(&store, Roll::Systemforvaltare);
    let u = store.utforare_lista().unwrap().remove(0);
    let v0 = store.registerversion().unwrap();
    assert!(matches!(
        store.spara_utforare(&sf, &u, "  "),
        Err(Lagringsfel::Validering(Valideringsfel::Saknas { falt: "beskrivning" }))
    ));
    assert_eq!(store.registerversion().unwrap(), v0);
    assert_eq!(store.spara_utforare(&sf, &u, "Ny telefontid").unwrap().version, v0 + 1);
}

#[test]
fn a_new_provider_from_the_form_is_added_once_and_only_by_a_systemforvaltare() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let sf = handlaggare(&store, Roll::Systemforvaltare);
    let hl = handlaggare(&store, Roll::Handlaggare);
    let (v0, antal) = (store.registerversion().unwrap(), store.utforare_lista().unwrap().len());

    // A handläggare is refused, and the refusal is logged; nothing else changes.
    assert!(matches!(
        store.ny_utforare(&hl, &lonnen(), "Ny"),
        Err(valfri_store::Formularfel::Annat(Lagringsfel::KraverSystemforvaltare))
    ));
    // Bad fields are all named; an organisationsnummer in use is its field's problem.
    let tom = valfri_domain::formular::Utforarformular::default();
    assert_eq!(falten(store.ny_utforare(&sf, &tom, "Ny").unwrap_err()).len(), 6);
    let okand = valfri_domain::formular::Utforarformular { omraden: vec!["XX".into()], ..lonnen() };
    assert_eq!(falten(store.ny_utforare(&sf, &okand, "Ny").unwrap_err()), ["omraden"]);
    let almgarden = store.utforare_lista().unwrap().remove(0);
    let krock = valfri_domain::formular::Utforarformular {
        organisationsnummer: almgarden.organisationsnummer.clone(),
        ..lonnen()
    };
    assert_eq!(falten(store.ny_utforare(&sf, &krock, "Ny").unwrap_err()), ["organisationsnummer"]);
    assert_eq!(store.utforare(&almgarden.id).unwrap(), almgarden, "the existing one is untouched");
    assert_eq!(store.registerversion().unwrap(), v0, "a refusal makes no version");
    assert_eq!(store.utforare_lista().unwrap().len(), antal);

    let sparat = store.ny_utforare(&sf, &lonnen(), "Lönnen godkänd").unwrap();
    assert_eq!(sparat.version, v0 + 1);
    let ny = store.utforare_lista().unwrap().into_iter().find(|u| u.namn == "Lönnens Omsorg AB");
    let ny = ny.unwrap();
    assert_eq!(ny.godkannanden.len(), 1);
    assert_eq!(ny.godkannanden[0].kapacitetstak, Some(12));
    assert_eq!(ny.omraden, ["C"]);
    // The same form again: refused, not a second provider.
    assert_eq!(
        falten(store.ny_utforare(&sf, &lonnen(), "Igen").unwrap_err()),
        ["organisationsnummer"]
    );
    assert_eq!(store.utforare_lista().unwrap().len(), antal + 1);

    // A second approval, for another insats; the same insats twice is refused.
    let ledsagning = valfri_domain::formular::Godkannandeformular {
        insats_kod: "ledsagarservice".into(),
        ..lonnen().godkannande
    };
    assert!(matches!(
        store.nytt_godkannande(&hl, &ny.id, &ledsagning, "Ledsagning"),
        Err(valfri_store::Formularfel::Annat(Lagringsfel::KraverSystemforvaltare))
    ));
    let igen = store.nytt_godkannande(&sf, &ny.id, &lonnen().godkannande, "Igen").unwrap_err();
    assert_eq!(falten(igen), ["insats"]);
    let v = store.registerversion().unwrap();
    store.nytt_godkannande(&sf, &ny.id, &ledsagning, "Lönnen ledsagning").unwrap();
    assert_eq!(store.registerversion().unwrap(), v + 1);
    let koder: Vec<String> =
        store.utforare(&ny.id).unwrap().godkannanden.into_iter().map(|g| g.insats_kod).collect();
    assert_eq!(koder, ["hemtjanst", "ledsagarservice"]);
}

#[test]
fn handlaggare_and_providers_are_listed_in_swedish_order() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let sf = handlaggare(&store, Roll::Systemforvaltare);
    for namn in ["Örjan Öst", "Åsa Ås", "Ärla Äng", "zeta Zorn", "Ada Ek"] {
        store
            .ny_handlaggare(
                &sf,
                &valfri_domain::Handlaggare {
                    id: String::new(),
                    namn: namn.into(),
                    titel: "Biståndshandläggare".into(),
                    telefon: String::new(),
                    epost: String::new(),
                    roll: Roll::Handlaggare,
                },
            )
            .unwrap();
    }
    let namn: Vec<String> = store
        .handlaggare_lista()
        .unwrap()
        .into_iter()
        .map(|h| h.namn)
        .filter(|n| {
            ["Örjan Öst", "Åsa Ås", "Ärla Äng", "zeta Zorn", "Ada Ek"].contains(&n.as_str())
        })
        .collect();
    // Case does not count; Å, Ä and Ö come after Z, in that order.
    assert_eq!(namn, ["Ada Ek", "zeta Zorn", "Åsa Ås", "Ärla Äng", "Örjan Öst"]);
    let utforare: Vec<String> =
        store.utforare_lista().unwrap().into_iter().map(|u| u.namn).collect();
    let mut svenskt = utforare.clone();
    svenskt.sort_by_key(|n| valfri_domain::val::svensk_sorteringsnyckel(n));
    assert_eq!(utforare, svenskt);
}
