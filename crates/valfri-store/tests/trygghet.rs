//! Trust: who may change what (and that every refusal is logged), skyddade personuppgifter,
//! hostile text, and a full disk. Each test reads as a small story.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use chrono::NaiveDate;
use valfri_domain::{Anvandarmeddelande, Enhet, Handlaggare, IckevalModell, Roll, Valideringsfel};
use valfri_store::{
    Aktor, Lagringsfel, Loggstatus, NyBrukare, NyInsats, Registerpaket, Store, demo, idag,
};

fn demo_store(dir: &tempfile::TempDir) -> (Store, std::path::PathBuf) {
    let sokvag = dir.path().join("valfri.sqlite");
    valfri_store::skapa_databas(&sokvag, &valfri_store::Skydd::Okrypterad, false, |s| {
        demo::skapa_demo(s, idag())
    })
    .unwrap();
    (Store::oppna(&sokvag, None).unwrap(), sokvag)
}

fn aktorer(store: &Store, roll: Roll) -> Vec<Aktor> {
    store
        .handlaggare_lista()
        .unwrap()
        .into_iter()
        .filter(|h| h.roll == roll)
        .map(|h| store.aktor(&h.id).unwrap())
        .collect()
}

fn pnr(ar: i32, manad: u32, dag: u32, nr: u16) -> String {
    valfri_domain::Personnummer::fran_delar(NaiveDate::from_ymd_opt(ar, manad, dag).unwrap(), nr)
        .to_string()
}

fn nekade(store: &Store, typ: &str, id: &str) -> usize {
    store.logg_for(typ, id).unwrap().iter().filter(|p| p.handling == "nekad").count()
}

/// One attempt at a change a handläggare may not make.
type Forsok<'a> = Box<dyn Fn(&Aktor) -> Result<(), Lagringsfel> + 'a>;

#[test]
fn only_a_systemforvaltare_changes_the_register_and_the_settings_and_every_refusal_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let hl = aktorer(&store, Roll::Handlaggare).remove(0);
    let sf = aktorer(&store, Roll::Systemforvaltare).remove(0);
    let fore = (
        store.registerversion().unwrap(),
        store.kommun().unwrap(),
        store.omraden().unwrap(),
        store.insatser("sv").unwrap(),
        store.handlaggare_lista().unwrap(),
        store.antal_brukare().unwrap(),
        store.senaste_registerpaket().unwrap(),
    );
    let mut u = store.utforare_lista().unwrap().remove(0);
    u.namn = "Ändrat namn AB".into();
    let mut kommun = store.kommun().unwrap();
    kommun.svarstid_dagar = 3;
    let insats = NyInsats {
        kod: "trygghetslarm".into(),
        namn: vec![("sv".into(), "Trygghetslarm".into())],
        lagrum: "SoL".into(),
        enhet: Enhet::Ingen,
        valfrihet: true,
        ickeval: IckevalModell::EgenRegi,
    };
    let ny_hl = Handlaggare {
        id: String::new(),
        namn: "Pia Påhittad".into(),
        titel: "Biståndshandläggare".into(),
        telefon: String::new(),
        epost: String::new(),
        roll: Roll::Systemforvaltare,
    };
    let brukare = NyBrukare {
        personnummer: pnr(1944, 4, 4, 12),
        fornamn: "Ada".into(),
        efternamn: "Import".into(),
        ..NyBrukare::default()
    };

    // Each attempt by a handläggare is refused and leaves one "nekad" row under what it tried to change.
    let forsok: Vec<(&str, Forsok)> = vec![
        ("utforare", Box::new(|a| store.spara_utforare(a, &u, "försök").map(drop))),
        (
            "utforare",
            Box::new(|a| {
                store.spara_utforare_alla(a, std::slice::from_ref(&u), "försök").map(drop)
            }),
        ),
        ("kommun", Box::new(|a| store.spara_kommun(a, &kommun))),
        ("omrade", Box::new(|a| store.nytt_omrade(a, "X9", "Nytt område", false).map(drop))),
        ("insats", Box::new(|a| store.ny_insats(a, &insats).map(drop))),
        ("insats", Box::new(|a| store.andra_lagrum(a, "hemtjanst", "Ny lag"))),
        (
            "insats",
            Box::new(|a| {
                store.satt_ickeval(a, "hemtjanst", IckevalModell::Turordning, None, true).map(drop)
            }),
        ),
        ("handlaggare", Box::new(|a| store.ny_handlaggare(a, &ny_hl).map(drop))),
        (
            "brukare",
            Box::new(|a| {
                store
                    .importera_brukare(a, std::slice::from_ref(&brukare), "fil.csv")
                    .map(drop)
                    .map_err(|e| e.fel)
            }),
        ),
        (
            "register",
            Box::new(|a| {
                let paket = Registerpaket { paketversion: 7, nyckel: "nyckel", sha256: "abc" };
                store.tillampa_registerpaket(a, paket, std::slice::from_ref(&u), "paket").map(drop)
            }),
        ),
    ];
    for (typ, f) in &forsok {
        let innan = nekade(&store, typ, "");
        let fel = f(&hl).unwrap_err();
        assert!(matches!(fel, Lagringsfel::KraverSystemforvaltare), "{typ}: {fel:?}");
        assert_eq!(fel.meddelande_id(), "fel-kraver-systemforvaltare");
        assert_eq!(nekade(&store, typ, ""), innan + 1, "{typ}: the refusal is not logged");
        assert!(store.logg_for(typ, "").unwrap().last().unwrap().vem.contains(&hl.namn));
    }
    let efter = (
        store.registerversion().unwrap(),
        store.kommun().unwrap(),
        store.omraden().unwrap(),
        store.insatser("sv").unwrap(),
        store.handlaggare_lista().unwrap(),
        store.antal_brukare().unwrap(),
        store.senaste_registerpaket().unwrap(),
    );
    assert_eq!(fore, efter, "a refused change changed something");
    // The same changes by a systemförvaltare go through.
    for (typ, f) in &forsok {
        f(&sf).unwrap_or_else(|e| panic!("{typ}: {e:?}"));
    }
    assert!(store.registerversion().unwrap() > fore.0);
    assert_eq!(store.kommun().unwrap().svarstid_dagar, 3);
    assert!(matches!(store.verifiera_logg().unwrap(), Loggstatus::Hel { .. }));
}

#[test]
fn only_the_beslut_s_handlaggare_or_a_systemforvaltare_changes_or_makes_it_and_refusals_are_logged()
{
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let mut hl = aktorer(&store, Roll::Handlaggare).into_iter();
    let (agare, annan) = (hl.next().unwrap(), hl.next().unwrap());
    let sf = aktorer(&store, Roll::Systemforvaltare).remove(0);
    let b = store.sok_brukare(&agare, demo::MARTA_PNR, 1).unwrap().remove(0).id;
    let fran = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let ny = valfri_domain::NyttBeslut {
        brukare_id: b,
        insats_kod: "ledsagarservice".into(),
        diarienummer: "VON 2026/0101".into(),
        ansokningsdatum: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        utfall: valfri_domain::Utfall::Bifall,
        omfattning: Some(12.0),
        giltig_fran: fran,
        giltig_till: None,
        motivering: "Behov av stöd.".into(),
        ej_beviljat: String::new(),
        uppfoljning: None,
    };
    let id = store.skapa_utkast(&agare, &ny).unwrap();
    let andrat = valfri_domain::NyttBeslut { omfattning: Some(99.0), ..ny.clone() };
    assert!(matches!(
        store.andra_utkast(&annan, &id, &andrat),
        Err(Lagringsfel::InteBeslutetsHandlaggare)
    ));
    assert_eq!(store.beslut(&agare, &id).unwrap().omfattning, Some(12.0));
    assert!(matches!(
        store.fatta_beslut(&annan, &id, idag()),
        Err(Lagringsfel::InteBeslutetsHandlaggare)
    ));
    assert_eq!(store.beslut(&agare, &id).unwrap().status, valfri_domain::BeslutStatus::Utkast);
    let logg = store.logg_for("beslut", &id).unwrap();
    let nekad: Vec<&str> =
        logg.iter().filter(|p| p.handling == "nekad").map(|p| p.detalj.as_str()).collect();
    assert_eq!(nekad, ["andra", "fatta"]);
    assert!(logg.iter().filter(|p| p.handling == "nekad").all(|p| p.vem.contains(&annan.namn)));
    // The owner and a systemförvaltare may.
    store.andra_utkast(&agare, &id, &andrat).unwrap();
    store.andra_utkast(&sf, &id, &ny).unwrap();
    store.fatta_beslut(&agare, &id, idag()).unwrap();
}

fn skyddad_brukare(store: &Store, a: &Aktor) -> String {
    store
        .ny_brukare(
            a,
            &NyBrukare {
                personnummer: pnr(1961, 6, 16, 31),
                fornamn: "Saga".into(),
                efternamn: "Skyddsdotter".into(),
                adress: "Hemliga gränd 7".into(),
                postnummer: "123 45".into(),
                postort: "Exempelby".into(),
                omrade: Some(store.omraden().unwrap()[0].kod.clone()),
                skyddad: true,
                ..NyBrukare::default()
            },
        )
        .unwrap()
}

#[test]
fn a_skyddad_brukare_s_record_opens_only_with_a_reason_and_the_reason_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let hl = aktorer(&store, Roll::Handlaggare).remove(0);
    let id = skyddad_brukare(&store, &hl);
    for skal in [None, Some(""), Some("   ")] {
        let fel = store.oppna_brukare(&hl, &id, skal).unwrap_err();
        assert!(matches!(fel, Lagringsfel::SkalKravs), "{skal:?}: {fel:?}");
        assert_eq!(fel.meddelande_id(), "fel-skal-kravs");
    }
    assert!(matches!(store.brukare(&hl, &id), Err(Lagringsfel::SkalKravs)));
    assert_eq!(nekade(&store, "brukare", &id), 4);
    // A reason is text like any other: no control or direction characters, not a novel.
    let fel = store.oppna_brukare(&hl, &id, Some("Uppföljning\u{202E}")).unwrap_err();
    assert!(matches!(
        fel,
        Lagringsfel::Validering(Valideringsfel::OtillatnaTecken { falt: "skal" })
    ));
    assert!(matches!(
        store.oppna_brukare(&hl, &id, Some(&"x".repeat(10 << 20))),
        Err(Lagringsfel::Validering(Valideringsfel::ForLang { .. }))
    ));

    let b =
        store.oppna_brukare(&hl, &id, Some("Uppföljning av beslut, samtal med brukaren")).unwrap();
    assert_eq!(b.adress, "Hemliga gränd 7");
    let las: Vec<_> = store
        .logg_for("brukare", &id)
        .unwrap()
        .into_iter()
        .filter(|p| p.handling == "las")
        .collect();
    assert_eq!(las.len(), 1);
    assert!(
        las[0].detalj.contains("Uppföljning av beslut, samtal med brukaren")
            && las[0].vem.contains(&hl.namn),
        "{las:?}"
    );
    // Someone without protection opens as before, without a reason.
    let vanlig = store.sok_brukare(&hl, demo::MARTA_PNR, 1).unwrap().remove(0).id;
    store.oppna_brukare(&hl, &vanlig, None).unwrap();
    store.brukare(&hl, &vanlig).unwrap();
    assert!(matches!(store.verifiera_logg().unwrap(), Loggstatus::Hel { .. }));
}

#[test]
fn a_skyddad_brukare_s_address_is_in_no_list_search_hit_or_worklist() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let hl = aktorer(&store, Roll::Handlaggare).remove(0);
    let id = skyddad_brukare(&store, &hl);
    let syns = |vad: &str, json: String| {
        assert!(!json.contains("Hemliga"), "{vad} shows the protected address: {json}");
    };
    for fraga in ["Skyddsdotter", "saga", "196106", &pnr(1961, 6, 16, 31)] {
        let traffar = store.sok_brukare(&hl, fraga, 50).unwrap();
        assert!(traffar.iter().any(|t| t.id == id && t.skyddad), "{fraga}");
        syns("a search hit", serde_json::to_string(&traffar).unwrap());
    }
    syns(
        "the worklists",
        serde_json::to_string(&store.arbetslistor(&hl, idag()).unwrap()).unwrap(),
    );
    // Nor does the audit log hold it: the log is read by others than the caseworker.
    for p in store.logg_for("brukare", &id).unwrap() {
        syns("the audit log", p.detalj);
    }
}

#[test]
fn hostile_text_is_stored_exactly_or_refused_with_its_reason_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let hl = aktorer(&store, Roll::Handlaggare).remove(0);
    let sf = aktorer(&store, Roll::Systemforvaltare).remove(0);
    let ny = |n: u16, efternamn: &str| NyBrukare {
        personnummer: pnr(1950, 3, 3, n),
        fornamn: "Test".into(),
        efternamn: efternamn.into(),
        ..NyBrukare::default()
    };
    // Stored as typed, and read back the same.
    let tillatna = [
        ("Robert'); DROP TABLE brukare;--", "Robert'); DROP TABLE brukare;--"),
        ("\" OR 1=1 --", "\" OR 1=1 --"),
        ("Öberg 👵🏽‍🦳 Ålund", "oberg 👵🏽‍🦳"),
        ("عبد الله", "عبد الله"),
        ("כהן", "כהן"),
        ("Nguyễn Thị", "nguyễn"),
        ("O'Brien-Åkesson", "o'brien-akesson"),
    ];
    for (i, (namn, fraga)) in tillatna.iter().enumerate() {
        let id = store
            .ny_brukare(&hl, &ny(10 + i as u16, namn))
            .unwrap_or_else(|e| panic!("{namn}: {e:?}"));
        assert_eq!(store.brukare(&hl, &id).unwrap().efternamn, *namn);
        let traffar = store.sok_brukare(&hl, fraga, 50).unwrap();
        // `" OR 1=1 --` has no word a search could start from; it must simply not match everything.
        if namn.starts_with('"') {
            assert!(traffar.len() < 5, "{fraga} matched {} brukare", traffar.len());
        } else {
            assert!(traffar.iter().any(|t| t.id == id), "{namn} is not found again by {fraga}");
        }
    }
    let antal = store.antal_brukare().unwrap();
    // Refused, each with a message a person can act on.
    let otillatna: Vec<(String, &str)> = vec![
        ("Nul\0l".into(), "fel-falt-otillatna-tecken"),
        ("Bell\u{7}".into(), "fel-falt-otillatna-tecken"),
        ("Esc\u{1b}[31m".into(), "fel-falt-otillatna-tecken"),
        ("Rad\nbrytning".into(), "fel-falt-otillatna-tecken"),
        ("Anna\u{202E}nna".into(), "fel-falt-otillatna-tecken"),
        ("Anna\u{202D}x".into(), "fel-falt-otillatna-tecken"),
        ("\u{2066}Isolat\u{2069}".into(), "fel-falt-otillatna-tecken"),
        ("Mark\u{200F}".into(), "fel-falt-otillatna-tecken"),
        ("Arab\u{061C}".into(), "fel-falt-otillatna-tecken"),
        ("x".repeat(10 << 20), "fel-falt-for-langt"),
        ("🙂".repeat(81), "fel-falt-for-langt"),
    ];
    for (i, (namn, id)) in otillatna.iter().enumerate() {
        let fel = store.ny_brukare(&hl, &ny(40 + i as u16, namn)).unwrap_err();
        assert_eq!(fel.meddelande_id(), *id, "{:?}", namn.chars().take(20).collect::<String>());
        assert!(!fel.ar_lagringsproblem());
    }
    assert_eq!(store.antal_brukare().unwrap(), antal);
    // The same for a provider's name, which is printed on every sheet.
    let mut u = store.utforare_lista().unwrap().remove(0);
    let fore = store.utforare(&u.id).unwrap();
    let version = store.registerversion().unwrap();
    for (namn, id) in [
        ("Omsorg\u{202E}BA", "fel-falt-otillatna-tecken"),
        ("x".repeat(10 << 20).as_str(), "fel-falt-for-langt"),
        ("A\0B", "fel-falt-otillatna-tecken"),
    ] {
        u.namn = namn.to_owned();
        assert_eq!(store.spara_utforare(&sf, &u, "försök").unwrap_err().meddelande_id(), id);
    }
    assert_eq!(store.utforare(&u.id).unwrap(), fore);
    assert_eq!(store.registerversion().unwrap(), version);
    u.namn = "شركة الرعاية 🌿".into();
    store.spara_utforare(&sf, &u, "arabiskt namn").unwrap();
    assert_eq!(store.utforare(&u.id).unwrap().namn, "شركة الرعاية 🌿");
    // A search with hostile text finds nothing and breaks nothing.
    for fraga in
        ["\0", "\u{202E}", "\"", "' OR '1'='1", "%", "_", "*", "NEAR(", &"å".repeat(1 << 20)]
    {
        store
            .sok_brukare(&hl, fraga, 10)
            .unwrap_or_else(|e| panic!("{:?}: {e:?}", fraga.chars().take(10).collect::<String>()));
    }
    assert!(matches!(store.verifiera_logg().unwrap(), Loggstatus::Hel { .. }));
}

#[test]
fn a_full_disk_gives_a_clear_message_and_loses_nothing_already_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (store, sokvag) = demo_store(&dir);
    let hl = aktorer(&store, Roll::Handlaggare).remove(0);
    store.begransa_storlek(8).unwrap();
    let mut sparade = Vec::new();
    let fel = loop {
        let n = u16::try_from(sparade.len()).unwrap();
        let ny = NyBrukare {
            personnummer: pnr(1952, 2, 2, 100 + n),
            fornamn: "Fylla".into(),
            efternamn: format!("Disksson {} {}", n, "ö".repeat(60)),
            adress: "Långa vägen 1".repeat(8),
            ..NyBrukare::default()
        };
        match store.ny_brukare(&hl, &ny) {
            Ok(id) => sparade.push(id),
            Err(e) => break e,
        }
        assert!(sparade.len() < 2000, "the limit never hit");
    };
    assert!(matches!(fel, Lagringsfel::DiskFull), "{fel:?}");
    assert_eq!(fel.meddelande_id(), "fel-db-full");
    assert!(fel.ar_lagringsproblem());
    // A read still works and so does the next write once there is room.
    assert!(store.antal_brukare().unwrap() > 0);
    drop(store);
    let store = Store::oppna(&sokvag, None).unwrap();
    store.integritetskontroll().unwrap();
    for id in &sparade {
        assert_eq!(store.brukare(&hl, id).unwrap().fornamn, "Fylla");
    }
    assert!(matches!(store.verifiera_logg().unwrap(), Loggstatus::Hel { .. }));
}

#[test]
fn a_skyddad_brukare_s_address_goes_only_on_the_letter_addressed_to_them() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = demo_store(&dir);
    let hl = aktorer(&store, Roll::Handlaggare).remove(0);
    let omrade = store.omraden().unwrap()[0].kod.clone();
    let brukare = store
        .ny_brukare(
            &hl,
            &NyBrukare {
                personnummer: pnr(1958, 8, 18, 41),
                fornamn: "Sigrid".into(),
                efternamn: "Skyddsdotter".into(),
                adress: "Hemliga gränd 9".into(),
                postnummer: "123 45".into(),
                postort: "Exempelby".into(),
                omrade: Some(omrade.clone()),
                skyddad: true,
                ombud: vec![valfri_store::NyttOmbud {
                    typ: valfri_domain::OmbudTyp::GodMan,
                    namn: "Gustav Godeman".into(),
                    adress: "Ombudsvägen 2".into(),
                    postnummer: "123 46".into(),
                    postort: "Exempelby".into(),
                }],
                ..NyBrukare::default()
            },
        )
        .unwrap();
    let id = store
        .skapa_utkast(
            &hl,
            &valfri_domain::NyttBeslut {
                brukare_id: brukare,
                insats_kod: "hemtjanst".into(),
                diarienummer: "VON 2026/0202".into(),
                ansokningsdatum: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
                utfall: valfri_domain::Utfall::Bifall,
                omfattning: Some(8.0),
                giltig_fran: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                giltig_till: None,
                motivering: "Behov av stöd.".into(),
                ej_beviljat: String::new(),
                uppfoljning: None,
            },
        )
        .unwrap();
    store.fatta_beslut(&hl, &id, idag()).unwrap();
    let brev = store.valfrihetsunderlag(&hl, &id, idag(), "sv").unwrap();
    assert_eq!(brev.len(), 2);
    assert_eq!(
        (brev[0].0.as_str(), brev[0].1.mottagare.adress.as_str()),
        ("brukare", "Hemliga gränd 9")
    );
    assert!(!format!("{:?}", brev[1].1).contains("Hemliga"), "the ombud's copy shows the address");
    let beslut = store.beslutsunderlag(&hl, &id, idag(), "sv").unwrap();
    assert_eq!(beslut[0].1.mottagare.adress, "Hemliga gränd 9");
    assert!(
        beslut[1..].iter().all(|(_, u)| !format!("{u:?}").contains("Hemliga")),
        "the ombud's copy shows the address"
    );
    let blad = store.jamforelseunderlag(&hl, "hemtjanst", &omrade, idag(), "sv").unwrap();
    assert!(!format!("{blad:?}").contains("Hemliga"));
}
