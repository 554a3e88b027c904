//! The caseworker's day in the store: the rules for making a beslut, a choice recorded only as
//! it happened, verkställighet, and an ended beslut freeing its provider's place.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use chrono::{Days, NaiveDate};
use valfri_domain::beslutsregler::{Avslutsorsak, Beslutsregelfel, haller_plats, haller_plats_sql};
use valfri_domain::formular::Beslutsformular;
use valfri_domain::val::{NyttVal, Valbarhet};
use valfri_domain::{BeslutStatus, Informationssatt, NyttBeslut, Roll, Utfall, VemValde};
use valfri_store::{Aktor, Formularfel, Lagringsfel, Store, demo, idag};

struct Demo {
    _dir: tempfile::TempDir,
    store: Store,
    hl: Aktor,
    sf: Aktor,
}

fn demo() -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let sokvag = dir.path().join("valfri.sqlite");
    valfri_store::skapa_databas(&sokvag, &valfri_store::Skydd::Okrypterad, false, |s| {
        demo::skapa_demo(s, idag())
    })
    .unwrap();
    let store = Store::oppna(&sokvag, None).unwrap();
    let aktor = |roll| {
        let h = store.handlaggare_lista().unwrap().into_iter().find(|h| h.roll == roll).unwrap();
        store.aktor(&h.id).unwrap()
    };
    let (hl, sf) = (aktor(Roll::Handlaggare), aktor(Roll::Systemforvaltare));
    Demo { _dir: dir, store, hl, sf }
}

impl Demo {
    fn utforare(&self, borjan: &str) -> String {
        let lista = self.store.utforare_lista().unwrap();
        lista.into_iter().find(|u| u.namn.starts_with(borjan)).unwrap().id
    }

    fn ny_brukare(&self, nr: u16) -> String {
        let pnr = valfri_domain::Personnummer::fran_delar(
            NaiveDate::from_ymd_opt(1941, 2, 3).unwrap(),
            nr,
        )
        .to_string();
        self.store
            .ny_brukare(
                &self.sf,
                &valfri_store::NyBrukare {
                    personnummer: pnr,
                    fornamn: "Test".into(),
                    efternamn: format!("Person {nr}"),
                    omrade: Some("C".into()),
                    ..Default::default()
                },
            )
            .unwrap()
    }

    fn utkast(brukare: &str, fran: NaiveDate, till: Option<NaiveDate>) -> NyttBeslut {
        NyttBeslut {
            brukare_id: brukare.into(),
            insats_kod: "hemtjanst".into(),
            diarienummer: String::new(),
            ansokningsdatum: fran,
            utfall: Utfall::Bifall,
            omfattning: Some(20.0),
            giltig_fran: fran,
            giltig_till: till,
            motivering: String::new(),
            ej_beviljat: String::new(),
            uppfoljning: None,
        }
    }

    /// A new brukare with a made hemtjänst beslut running from five days ago until `till`.
    fn beslut(&self, nr: u16, till: Option<NaiveDate>) -> String {
        let b = self.ny_brukare(nr);
        let id = self
            .store
            .skapa_utkast(&self.hl, &Self::utkast(&b, idag() - Days::new(5), till))
            .unwrap();
        self.store.fatta_beslut(&self.hl, &id, idag() - Days::new(5)).unwrap();
        id
    }

    fn valj(&self, beslut: &str, utforare: &str) -> Result<String, Lagringsfel> {
        self.store.valj(&self.hl, &ny_val(beslut, utforare, VemValde::Brukare, None))
    }

    fn status(&self, beslut: &str, utforare: &str) -> Valbarhet {
        let v = self.store.valbara(&self.hl, beslut, idag()).unwrap();
        v.utforare.into_iter().find(|r| r.utforare_id == utforare).unwrap().status
    }

    /// Sets the provider's cap for hemtjänst to exactly the places it has taken now.
    fn fyll(&self, utforare: &str, nagot_beslut: &str) {
        let v = self.store.valbara(&self.hl, nagot_beslut, idag()).unwrap();
        let aktiva = v.utforare.iter().find(|r| r.utforare_id == utforare).unwrap().aktiva;
        let mut u = self.store.utforare(utforare).unwrap();
        let g = u.godkannanden.iter_mut().find(|g| g.insats_kod == "hemtjanst").unwrap();
        g.kapacitetstak = Some(aktiva);
        g.kapacitet_fran = None;
        g.kapacitet_till = None;
        self.store.spara_utforare(&self.sf, &u, "fullt").unwrap();
    }
}

fn ny_val(beslut: &str, utforare: &str, vem: VemValde, kanal: Option<Informationssatt>) -> NyttVal {
    NyttVal {
        beslut_id: beslut.into(),
        utforare_id: utforare.into(),
        vem_valde: vem,
        informationssatt: kanal,
        informationssprak: None,
        valdatum: idag(),
        startdatum: None,
    }
}

#[test]
fn a_provider_at_its_cap_gets_a_free_place_when_one_of_its_beslut_ends() {
    let d = demo();
    let alm = d.utforare("Almgårdens");
    let forsta = d.beslut(40, None);
    d.valj(&forsta, &alm).unwrap();
    let vantar = d.beslut(41, None);
    d.fyll(&alm, &vantar);
    assert!(matches!(d.status(&vantar, &alm), Valbarhet::VidTak { .. }));
    assert!(matches!(d.valj(&vantar, &alm), Err(Lagringsfel::InteValbar { skal: "vid_tak" })));

    // Ended by hand, with a reason: the place is free at once and the val ended today.
    d.store.avsluta_beslut(&d.hl, &forsta, Avslutsorsak::Flyttat, idag()).unwrap();
    assert_eq!(d.status(&vantar, &alm), Valbarhet::Valbar);
    let lage = d.store.beslutslagen(&d.store.beslut(&d.hl, &forsta).unwrap().brukare_id).unwrap();
    assert_eq!(
        (lage[0].avslutad, lage[0].avslutsorsak),
        (Some(idag()), Some(Avslutsorsak::Flyttat))
    );
    assert_eq!(lage[0].utforare, None, "an ended beslut has no provider now");
    assert_eq!(
        d.store.valhistorik(&d.hl, &forsta).unwrap()[0].slutdatum,
        Some(idag()),
        "its provider stopped the day it ended"
    );
    d.valj(&vantar, &alm).unwrap();
    // Ending twice is refused, and says why.
    assert!(matches!(
        d.store.avsluta_beslut(&d.hl, &forsta, Avslutsorsak::Flyttat, idag()),
        Err(Lagringsfel::Beslutsregel(Beslutsregelfel::InteIKraft))
    ));
}

#[test]
fn a_beslut_that_ran_out_holds_no_place_even_before_it_is_closed() {
    let d = demo();
    let alm = d.utforare("Almgårdens");
    // Runs until tomorrow: it holds its place today, not the day after tomorrow.
    let kort = d.beslut(42, Some(idag() + Days::new(1)));
    d.valj(&kort, &alm).unwrap();
    let annan = d.beslut(43, None);
    d.fyll(&alm, &annan);
    assert!(matches!(d.status(&annan, &alm), Valbarhet::VidTak { .. }));
    let om_tva = idag() + Days::new(2);
    let v = d.store.valbara(&d.hl, &annan, om_tva).unwrap();
    assert_eq!(v.utforare.iter().find(|r| r.utforare_id == alm).unwrap().status, Valbarhet::Valbar);

    // The automatic step closes it the day after its last day, and the val ends that last day.
    assert_eq!(d.store.uppdatera_verkstallighet(om_tva).unwrap().1, 1);
    let b = d.store.beslut(&d.hl, &kort).unwrap();
    assert_eq!(b.status, BeslutStatus::Avslutat);
    let lage = d.store.beslutslagen(&b.brukare_id).unwrap();
    assert_eq!(lage[0].avslutsorsak, Some(Avslutsorsak::Utgatt));
    assert_eq!(d.store.valhistorik(&d.hl, &kort).unwrap()[0].slutdatum, b.giltig_till);
    assert_eq!(d.store.uppdatera_verkstallighet(om_tva).unwrap(), (0, 0), "idempotent");
}

#[test]
fn the_sql_predicate_and_the_rule_agree_case_by_case() {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    let dag = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let datum = [None, dag.pred_opt(), Some(dag), dag.succ_opt()];
    let sql = format!(
        "SELECT {} FROM (SELECT ?1 AS slutdatum) v, (SELECT ?2 AS status, ?3 AS giltig_till) b",
        haller_plats_sql("v", "b", "?4")
    );
    for slut in datum {
        for status in BeslutStatus::ALLA {
            for till in datum {
                let i_sql: bool = conn
                    .query_row(
                        &sql,
                        rusqlite::params![
                            slut.map(|d| d.to_string()),
                            status.kod(),
                            till.map(|d| d.to_string()),
                            dag.to_string()
                        ],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert_eq!(
                    i_sql,
                    haller_plats(slut, *status, till, dag),
                    "{slut:?} {status:?} {till:?}"
                );
            }
        }
    }
}

#[test]
fn the_rules_for_making_a_beslut_refuse_with_a_reason_and_leave_nothing() {
    let d = demo();
    let b = d.ny_brukare(44);
    let fore = d.store.beslut_for_brukare(&d.hl, &b).unwrap().len();

    // The whole period in the past.
    let forr = Demo::utkast(&b, idag() - Days::new(60), Some(idag() - Days::new(1)));
    let id = d.store.skapa_utkast(&d.hl, &forr).unwrap();
    assert!(matches!(
        d.store.fatta_beslut(&d.hl, &id, idag()),
        Err(Lagringsfel::Beslutsregel(Beslutsregelfel::PeriodenPasserad { .. }))
    ));
    assert_eq!(d.store.beslut(&d.hl, &id).unwrap().status, BeslutStatus::Utkast);

    // A second grant overlapping the first; an omprövning of it is allowed.
    let forsta = d.store.skapa_utkast(&d.hl, &Demo::utkast(&b, idag(), None)).unwrap();
    d.store.fatta_beslut(&d.hl, &forsta, idag()).unwrap();
    let andra =
        d.store.skapa_utkast(&d.hl, &Demo::utkast(&b, idag() + Days::new(10), None)).unwrap();
    let fel = d.store.fatta_beslut(&d.hl, &andra, idag()).unwrap_err();
    assert!(
        matches!(fel, Lagringsfel::Beslutsregel(Beslutsregelfel::Overlappar { .. })),
        "{fel:?}"
    );
    let om = d.store.omprova(&d.hl, &forsta, &Demo::utkast(&b, idag(), None)).unwrap();
    d.store.fatta_beslut(&d.hl, &om, idag()).unwrap();

    // The municipality requires a diarienummer: the form with "make it" is refused before
    // anything is saved, so no draft is left behind.
    let mut k = d.store.kommun().unwrap();
    k.beslutskrav.diarienummer = true;
    d.store.spara_kommun(&d.sf, &k).unwrap();
    let c = d.ny_brukare(45);
    let form = Beslutsformular {
        insats_kod: "hemtjanst".into(),
        utfall: "bifall".into(),
        omfattning: "12".into(),
        ansokningsdatum: idag().to_string(),
        giltig_fran: idag().to_string(),
        ..Default::default()
    };
    let svar = d.store.spara_beslutsformular(&d.hl, &c, None, None, &form, Some(idag()));
    assert!(
        matches!(
            svar,
            Err(Formularfel::Annat(Lagringsfel::Beslutsregel(Beslutsregelfel::KravSaknas {
                falt: "diarienummer"
            })))
        ),
        "{svar:?}"
    );
    assert!(
        d.store.beslut_for_brukare(&d.hl, &c).unwrap().is_empty(),
        "a refused act left a draft"
    );
    let med = Beslutsformular { diarienummer: "VON 2026/0444".into(), ..form };
    d.store.spara_beslutsformular(&d.hl, &c, None, None, &med, Some(idag())).unwrap();
    assert!(fore <= d.store.beslut_for_brukare(&d.hl, &b).unwrap().len());
}

#[test]
fn a_choice_is_recorded_only_as_it_happened_and_carries_the_beslut_out() {
    let d = demo();
    let alm = d.utforare("Almgårdens");
    let b = d.beslut(46, None);
    let fel = d.store.valj(&d.hl, &ny_val(&b, &alm, VemValde::Ombud, None)).unwrap_err();
    assert!(matches!(fel, Lagringsfel::Beslutsregel(Beslutsregelfel::IngetOmbud)), "{fel:?}");
    let fel = d
        .store
        .valj(&d.hl, &ny_val(&b, &alm, VemValde::Brukare, Some(Informationssatt::Brev)))
        .unwrap_err();
    assert!(matches!(fel, Lagringsfel::Beslutsregel(Beslutsregelfel::IngetBrev)), "{fel:?}");
    assert!(d.store.valhistorik(&d.hl, &b).unwrap().is_empty(), "a refused choice left a val");
    assert_eq!(d.store.beslut(&d.hl, &b).unwrap().status, BeslutStatus::Beslutat);

    // The confirmation says what the act will do, and leaves nothing either.
    let bekr = d.store.bekrafta_val(&ny_val(&b, &alm, VemValde::Brukare, None), "sv").unwrap();
    assert!(
        matches!(bekr, valfri_domain::beslutsregler::Bekraftelse::Val { ref utforare, start, tidigare: None, .. }
        if utforare.starts_with("Almgården") && start == idag()),
        "{bekr:?}"
    );
    assert!(d.store.valhistorik(&d.hl, &b).unwrap().is_empty(), "the confirmation recorded a val");

    // Starting today, the provider carries the beslut out: verkställt from today.
    d.valj(&b, &alm).unwrap();
    let beslut = d.store.beslut(&d.hl, &b).unwrap();
    assert_eq!(beslut.status, BeslutStatus::Verkstallt);
    let lage = d.store.beslutslagen(&beslut.brukare_id).unwrap();
    assert!(lage[0].utforare.as_deref().is_some_and(|u| u.starts_with("Almgården")));
    assert_eq!((lage[0].sedan, lage[0].verkstalld), (Some(idag()), Some(idag())));
}

#[test]
fn a_recorded_follow_up_takes_the_beslut_off_the_worklist_until_the_next_date_nears() {
    let d = demo();
    let lista = d.store.arbetslistor(&d.hl, idag()).unwrap().uppfoljning;
    let post = lista.first().expect("the demo has follow-ups due").clone();
    let pa_listan = |id: &str| {
        d.store.arbetslistor(&d.hl, idag()).unwrap().uppfoljning.iter().any(|p| p.beslut_id == id)
    };
    // Refused: no outcome, a date ahead, a next date not after it. Nothing recorded.
    assert!(d.store.registrera_uppfoljning(&d.hl, &post.beslut_id, idag(), " ", None).is_err());
    assert!(
        d.store
            .registrera_uppfoljning(&d.hl, &post.beslut_id, idag() + Days::new(1), "Bra", None)
            .is_err()
    );
    assert!(
        d.store
            .registrera_uppfoljning(&d.hl, &post.beslut_id, idag(), "Bra", Some(idag()))
            .is_err()
    );
    assert_eq!(d.store.senaste_uppfoljning(&post.beslut_id).unwrap(), None);
    assert!(pa_listan(&post.beslut_id));

    let nasta = idag() + Days::new(90);
    d.store
        .registrera_uppfoljning(
            &d.hl,
            &post.beslut_id,
            idag(),
            "Insatsen fungerar väl.",
            Some(nasta),
        )
        .unwrap();
    assert_eq!(d.store.senaste_uppfoljning(&post.beslut_id).unwrap(), Some((idag(), Some(nasta))));
    assert!(!pa_listan(&post.beslut_id), "it left the worklist");
    // Eighty days on, the next one is due within 30 days: back on the list.
    let senare = d.store.arbetslistor(&d.hl, idag() + Days::new(80)).unwrap().uppfoljning;
    assert!(senare.iter().any(|p| p.beslut_id == post.beslut_id && p.datum == Some(nasta)));
}

#[test]
fn a_brukare_is_registered_and_changed_through_the_same_checks_as_the_import() {
    let d = demo();
    // A bad personnummer: refused by hand exactly as the import's check refuses it.
    let fel = valfri_store::NyBrukare {
        personnummer: "19410203-1235".into(),
        fornamn: "Vera".into(),
        efternamn: "Lind".into(),
        ..Default::default()
    };
    let hand = d.store.ny_brukare(&d.hl, &fel).unwrap_err();
    let import = d.store.kontrollera_ny_brukare(&fel).unwrap_err();
    assert_eq!(
        valfri_domain::Anvandarmeddelande::meddelande_id(&hand),
        valfri_domain::Anvandarmeddelande::meddelande_id(&import)
    );
    let id = d.ny_brukare(47);
    let hl = &d.hl;
    let mut andring = valfri_store::NyBrukare {
        personnummer: String::new(),
        fornamn: "Test".into(),
        efternamn: "Person 47".into(),
        adress: "Sjövägen 4".into(),
        postnummer: "599 50".into(),
        postort: "Sandvik".into(),
        omrade: Some("S".into()),
        sprak: "fi".into(),
        storstil: true,
        ombud: vec![valfri_store::NyttOmbud {
            typ: valfri_domain::OmbudTyp::GodMan,
            namn: "Olle Ombudsson".into(),
            adress: "Torget 1".into(),
            postnummer: "599 30".into(),
            postort: "Exempelby".into(),
        }],
        ..Default::default()
    };
    d.store.andra_brukare(hl, &id, &andring).unwrap();
    let b = d.store.brukare(hl, &id).unwrap();
    assert_eq!(
        (b.adress.as_str(), b.omrade.as_deref(), b.sprak.as_str(), b.storstil, b.ombud.len()),
        ("Sjövägen 4", Some("S"), "fi", true, 1)
    );
    // A bad postnummer changes nothing; the ombud can be ended.
    andring.postnummer = "5995".into();
    assert!(d.store.andra_brukare(hl, &id, &andring).is_err());
    assert_eq!(d.store.brukare(hl, &id).unwrap().postnummer, "599 50");
    andring.postnummer = "599 50".into();
    andring.ombud.clear();
    d.store.andra_brukare(hl, &id, &andring).unwrap();
    assert!(d.store.brukare(hl, &id).unwrap().ombud.is_empty());
}

fn kohinder(e: Result<impl std::fmt::Debug, Lagringsfel>) -> valfri_domain::vantelista::Kohinder {
    match e {
        Err(Lagringsfel::Beslutsregel(Beslutsregelfel::Ko(h))) => h,
        annat => panic!("expected a waiting-list refusal, got {annat:?}"),
    }
}

#[test]
fn a_brukare_waits_for_a_full_provider_and_the_place_goes_oldest_first() {
    use valfri_domain::vantelista::{Koavslut, Kohinder};
    let d = demo();
    let (alm, bjork, hemma) =
        (d.utforare("Almgårdens"), d.utforare("Hemma Trygg"), d.utforare("Exempelby kommun"));
    let forsta = d.beslut(60, None);
    d.valj(&forsta, &alm).unwrap();
    let andra = d.beslut(61, None);
    d.valj(&andra, &bjork).unwrap();
    let tredje = d.beslut(62, None);
    d.fyll(&alm, &andra);
    let ko = |b: &str| d.store.stall_i_ko(&d.hl, b, &alm, VemValde::Brukare, idag());
    let e_andra = ko(&andra).unwrap();
    let e_tredje = ko(&tredje).unwrap();
    let oppna = || d.store.vantelista(&d.hl, None, false, idag()).unwrap();
    assert_eq!(oppna().iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), [&e_andra, &e_tredje]);

    // Refusals say why and leave nothing.
    assert_eq!(kohinder(ko(&andra)), Kohinder::RedanIKo);
    assert_eq!(kohinder(ko(&forsta)), Kohinder::Nuvarande);
    assert_eq!(
        kohinder(d.store.stall_i_ko(&d.hl, &andra, &hemma, VemValde::Brukare, idag())),
        Kohinder::PlatsFinns
    );
    assert!(matches!(
        d.store.stall_i_ko(&d.hl, &tredje, &bjork, VemValde::Ombud, idag()),
        Err(Lagringsfel::Beslutsregel(Beslutsregelfel::IngetOmbud))
    ));
    assert_eq!(d.store.vantelista(&d.hl, None, true, idag()).unwrap().len(), 2);
    // Waiting changes nothing else: the second keeps Hemma Trygg, the third has no provider.
    assert_eq!(d.store.valhistorik(&d.hl, &andra).unwrap().len(), 1);
    assert!(d.store.valhistorik(&d.hl, &tredje).unwrap().is_empty());
    assert!(d.store.arbetslistor(&d.hl, idag()).unwrap().plats_ledig.is_empty());
    assert!(matches!(
        d.store.ge_plats(&d.hl, &e_andra),
        Err(Lagringsfel::InteValbar { skal: "vid_tak" })
    ));

    // A beslut ends: one place, for the one who waited longest.
    d.store.avsluta_beslut(&d.hl, &forsta, Avslutsorsak::Flyttat, idag()).unwrap();
    let ledig = d.store.arbetslistor(&d.hl, idag()).unwrap().plats_ledig;
    assert_eq!(ledig.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), [&e_andra]);
    assert_eq!(kohinder(d.store.ge_plats(&d.hl, &e_tredje)), Kohinder::InteTur { fore: 1 });
    assert!(d.store.valhistorik(&d.hl, &tredje).unwrap().is_empty(), "a refusal leaves nothing");
    match d.store.bekrafta_ge_plats(&e_andra, "sv").unwrap() {
        valfri_domain::beslutsregler::Bekraftelse::Val { utforare, tidigare, .. } => {
            assert!(utforare.starts_with("Almgårdens"));
            assert!(tidigare.unwrap().starts_with("Hemma Trygg"));
        }
        annan => panic!("{annan:?}"),
    }
    d.store.ge_plats(&d.hl, &e_andra).unwrap();
    let historik = d.store.valhistorik(&d.hl, &andra).unwrap();
    assert_eq!(historik.last().unwrap().utforare_id, alm);
    // The place is taken again: the third waits on, and is not offered one.
    let kvar = oppna();
    assert_eq!(
        (kvar.len(), kvar[0].id.as_str(), kvar[0].plats_ledig),
        (1, e_tredje.as_str(), false)
    );

    // The cap is raised: a place for the third.
    let mut u = d.store.utforare(&alm).unwrap();
    let g = u.godkannanden.iter_mut().find(|g| g.insats_kod == "hemtjanst").unwrap();
    g.kapacitetstak = g.kapacitetstak.map(|t| t + 1);
    d.store.spara_utforare(&d.sf, &u, "höjt tak").unwrap();
    assert_eq!(d.store.arbetslistor(&d.hl, idag()).unwrap().plats_ledig.len(), 1);

    // Taken off with a reason (none: refused, and still waiting).
    assert!(matches!(d.store.ta_ur_ko(&d.hl, &e_tredje, " "), Err(Lagringsfel::Validering(_))));
    assert_eq!(oppna().len(), 1);
    d.store.ta_ur_ko(&d.hl, &e_tredje, "Vill inte vänta längre").unwrap();
    assert!(oppna().is_empty());
    assert_eq!(kohinder(d.store.ta_ur_ko(&d.hl, &e_tredje, "igen")), Kohinder::InteIKo);
    let alla = d.store.vantelista(&d.hl, None, true, idag()).unwrap();
    let orsak = |id: &str| alla.iter().find(|p| p.id == id).unwrap().avslutsorsak;
    assert_eq!(orsak(&e_andra), Some(Koavslut::Valt));
    assert_eq!(orsak(&e_tredje), Some(Koavslut::Borttagen));
    assert_eq!(alla.iter().find(|p| p.id == e_tredje).unwrap().skal, "Vill inte vänta längre");
}

#[test]
fn an_ended_or_replaced_beslut_takes_its_wait_along() {
    use valfri_domain::vantelista::Koavslut;
    let d = demo();
    let alm = d.utforare("Almgårdens");
    let forsta = d.beslut(63, None);
    d.valj(&forsta, &alm).unwrap();
    let vantar = d.beslut(64, None);
    let ocksa = d.beslut(65, None);
    d.fyll(&alm, &vantar);
    let e = d.store.stall_i_ko(&d.hl, &vantar, &alm, VemValde::Brukare, idag()).unwrap();
    let e2 = d.store.stall_i_ko(&d.hl, &ocksa, &alm, VemValde::Handlaggare, idag()).unwrap();
    // An omprövning keeps the place in the queue: the entry follows the new beslut.
    let b = d.store.beslut(&d.hl, &vantar).unwrap();
    let mut ny = Demo::utkast(&b.brukare_id, idag(), None);
    ny.omfattning = Some(30.0);
    let nytt = d.store.omprova(&d.hl, &vantar, &ny).unwrap();
    d.store.fatta_beslut(&d.hl, &nytt, idag()).unwrap();
    let lista = d.store.vantelista(&d.hl, None, false, idag()).unwrap();
    assert_eq!(lista[0].id, e);
    assert_eq!(lista[0].beslut_id, nytt);
    // An ended beslut waits for nothing.
    d.store.avsluta_beslut(&d.hl, &ocksa, Avslutsorsak::BehovsEj, idag()).unwrap();
    let alla = d.store.vantelista(&d.hl, None, true, idag()).unwrap();
    let p = alla.iter().find(|p| p.id == e2).unwrap();
    assert_eq!((p.avslutsorsak, p.avslutad), (Some(Koavslut::BeslutAvslutat), Some(idag())));
}

#[test]
fn a_move_out_of_the_providers_area_asks_for_a_new_choice_and_changes_nothing_else() {
    let d = demo();
    let (alm, hemma) = (d.utforare("Almgårdens"), d.utforare("Hemma Trygg"));
    let beslut = d.beslut(66, None);
    d.valj(&beslut, &alm).unwrap();
    let brukare_id = d.store.beslut(&d.hl, &beslut).unwrap().brukare_id;
    let flytta = |omrade: &str| {
        let b = d.store.brukare(&d.hl, &brukare_id).unwrap();
        let ny = valfri_store::NyBrukare {
            fornamn: b.fornamn,
            efternamn: b.efternamn,
            omrade: Some(omrade.into()),
            ..Default::default()
        };
        d.store.andra_brukare(&d.hl, &brukare_id, &ny).unwrap();
    };
    let omval = || {
        d.store
            .arbetslistor(&d.hl, idag())
            .unwrap()
            .omval
            .into_iter()
            .filter(|p| p.beslut_id == beslut)
            .collect::<Vec<_>>()
    };
    // Almgårdens works in C and N, not in S.
    flytta("N");
    assert!(omval().is_empty(), "the provider works in the new område too");
    flytta("S");
    let poster = omval();
    assert_eq!(poster.len(), 1);
    assert_eq!(poster[0].orsak.as_deref(), Some("ej_omrade"));
    assert!(poster[0].utforare.as_deref().unwrap().starts_with("Almgårdens"));
    let lage = d.store.beslutslagen(&brukare_id).unwrap();
    assert_eq!(lage[0].omval.as_ref().map(|o| o.0.as_str()), Some("ej_omrade"));
    // Nothing changed silently: the provider still carries it out.
    let h = d.store.valhistorik(&d.hl, &beslut).unwrap();
    assert_eq!((h.len(), h[0].slutdatum), (1, None));
    assert_eq!(d.status(&beslut, &alm), Valbarhet::EjOmrade);
    // Moving back takes the mark away; moving again and choosing anew answers it.
    flytta("C");
    assert!(omval().is_empty());
    flytta("S");
    assert_eq!(omval().len(), 1);
    d.valj(&beslut, &hemma).unwrap();
    assert!(omval().is_empty());
    assert!(d.store.beslutslagen(&brukare_id).unwrap()[0].omval.is_none());
}

#[test]
fn verkstallighet_by_hand_is_refused_with_a_reason_and_leaves_nothing() {
    use valfri_domain::beslutsregler::Verkstallighetshinder as H;
    let d = demo();
    let alm = d.utforare("Almgårdens");
    let beslut = d.beslut(67, None);
    let hinder = |r: Result<(), Lagringsfel>| match r {
        Err(Lagringsfel::Beslutsregel(Beslutsregelfel::KanInteVerkstallas { skal })) => Some(skal),
        Err(Lagringsfel::Beslutsregel(Beslutsregelfel::EfterIdag)) => None,
        annat => panic!("{annat:?}"),
    };
    let status = || d.store.beslut(&d.hl, &beslut).unwrap().status;
    assert_eq!(hinder(d.store.verkstall_for_hand(&d.hl, &beslut, idag())), Some(H::IngenUtforare));
    assert_eq!(status(), BeslutStatus::Beslutat);
    // A provider chosen to start in ten days: not carried out by itself yet.
    let mut v = ny_val(&beslut, &alm, VemValde::Brukare, None);
    v.startdatum = Some(idag() + Days::new(10));
    d.store.valj(&d.hl, &v).unwrap();
    assert_eq!(status(), BeslutStatus::Beslutat);
    let fran = idag() - Days::new(5);
    assert_eq!(
        hinder(d.store.verkstall_for_hand(&d.hl, &beslut, fran - Days::new(1))),
        Some(H::ForeStart)
    );
    assert_eq!(hinder(d.store.verkstall_for_hand(&d.hl, &beslut, idag() + Days::new(1))), None);
    assert_eq!(status(), BeslutStatus::Beslutat, "refusals leave nothing");
    // Another handläggare's beslut: refused for a plain handläggare.
    let bekr = d.store.bekrafta_verkstall(&d.hl, &beslut, fran + Days::new(2), "sv").unwrap();
    assert!(matches!(bekr, valfri_domain::beslutsregler::Bekraftelse::Verkstall { .. }));
    d.store.verkstall_for_hand(&d.hl, &beslut, fran + Days::new(2)).unwrap();
    let b = d.store.beslut(&d.hl, &beslut).unwrap();
    assert_eq!(b.status, BeslutStatus::Verkstallt);
    let lage = d.store.beslutslagen(&b.brukare_id).unwrap();
    assert_eq!(lage[0].verkstalld, Some(fran + Days::new(2)));
    assert_eq!(hinder(d.store.verkstall_for_hand(&d.hl, &beslut, idag())), Some(H::Redan));
    d.store.avsluta_beslut(&d.hl, &beslut, Avslutsorsak::BehovsEj, idag()).unwrap();
    assert_eq!(hinder(d.store.verkstall_for_hand(&d.hl, &beslut, idag())), Some(H::Avslutat));
}

#[test]
fn the_worklists_are_ones_own_by_default_mark_the_late_first_and_list_the_drafts() {
    let d = demo();
    // Forty days on: the demo's follow-ups of the coming weeks are late by then, some are not.
    let dag = idag() + Days::new(40);
    let kontoret = d.store.arbetslistor(&d.hl, dag).unwrap();
    let egna = d.store.arbetslistor_for(&d.hl, dag, true).unwrap();
    let handlaggare = |id: &str| d.store.beslut(&d.sf, id).unwrap().handlaggare_id;
    let listor = |a: &valfri_store::Arbetslistor| {
        [
            a.ickeval.clone(),
            a.uppfoljning.clone(),
            a.upphor.clone(),
            a.omval.clone(),
            a.utkast.clone(),
        ]
    };
    let mut andras = 0;
    for (e, k) in listor(&egna).iter().zip(listor(&kontoret).iter()) {
        // One's own list is exactly the office's items whose beslut is one's own.
        let vantat: Vec<&String> = k
            .iter()
            .filter(|p| handlaggare(&p.beslut_id) == d.hl.id)
            .map(|p| &p.beslut_id)
            .collect();
        let fick: Vec<&String> = e.iter().map(|p| &p.beslut_id).collect();
        assert_eq!(fick, vantat);
        andras += k.len() - e.len();
    }
    assert!(andras > 0, "the demo office has work of another handläggare too");

    // Late: a date before the day, marked so, and first in its list (every list is by date).
    let uppf = &kontoret.uppfoljning;
    assert!(uppf.iter().any(|p| p.forsenad) && uppf.iter().any(|p| !p.forsenad), "{uppf:?}");
    for p in uppf {
        assert_eq!(p.forsenad, p.datum.is_some_and(|x| x < dag), "{p:?}");
    }
    let forsta_i_tid = uppf.iter().position(|p| !p.forsenad).unwrap();
    assert!(uppf[forsta_i_tid..].iter().all(|p| !p.forsenad), "late ones first: {uppf:?}");
    assert!(uppf.windows(2).all(|w| w[0].datum <= w[1].datum));

    // The drafts: the demo's ledsagarservice draft, never late, gone once made.
    let utkast = &kontoret.utkast;
    assert!(!utkast.is_empty() && utkast.iter().all(|p| !p.forsenad), "{utkast:?}");
    for p in utkast {
        assert_eq!(d.store.beslut(&d.sf, &p.beslut_id).unwrap().status, BeslutStatus::Utkast);
    }
    assert!(utkast.iter().any(|p| p.insats_kod == "ledsagarservice"), "{utkast:?}");
}
