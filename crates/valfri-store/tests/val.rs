//! Choice as a handläggare meets it: who can be chosen, aktivt val and byte, ickeval and its
//! explanation, what a register change does, worklists and statistics.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use chrono::{Days, NaiveDate};
use valfri_domain::val::{NyttVal, Valbarhet};
use valfri_domain::{
    BeslutStatus, IckevalModell, IckevalOrsak, Informationssatt, NyttBeslut, Roll, Utfall, ValTyp,
    Valideringsfel, VemValde,
};
use valfri_store::{Aktor, Lagringsfel, Store, demo, idag};

struct Demo {
    _dir: tempfile::TempDir,
    sokvag: std::path::PathBuf,
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
    Demo { _dir: dir, sokvag, store, hl, sf }
}

impl Demo {
    fn utforare(&self, borjan: &str) -> String {
        self.store
            .utforare_lista()
            .unwrap()
            .into_iter()
            .find(|u| u.namn.starts_with(borjan))
            .unwrap()
            .id
    }

    /// A new brukare in `omrade` with a made beslut on `insats`.
    fn nytt_beslut(&self, omrade: &str, insats: &str, nr: u16) -> String {
        let pnr = valfri_domain::Personnummer::fran_delar(
            NaiveDate::from_ymd_opt(1944, 4, 4).unwrap(),
            nr,
        )
        .to_string();
        let b = self
            .store
            .ny_brukare(
                &self.sf,
                &valfri_store::NyBrukare {
                    personnummer: pnr,
                    fornamn: "Test".into(),
                    efternamn: format!("Person {nr}"),
                    omrade: Some(omrade.into()),
                    ..Default::default()
                },
            )
            .unwrap();
        let id = self
            .store
            .skapa_utkast(
                &self.hl,
                &NyttBeslut {
                    brukare_id: b,
                    insats_kod: insats.into(),
                    diarienummer: String::new(),
                    ansokningsdatum: idag() - Days::new(20),
                    utfall: Utfall::Bifall,
                    omfattning: match insats {
                        "sarskilt-boende" => None,
                        "daglig-verksamhet" => Some(5.0),
                        _ => Some(20.0),
                    },
                    giltig_fran: idag() - Days::new(5),
                    giltig_till: None,
                    motivering: String::new(),
                    ej_beviljat: String::new(),
                    uppfoljning: None,
                },
            )
            .unwrap();
        self.store.fatta_beslut(&self.hl, &id, idag() - Days::new(5)).unwrap();
        id
    }

    fn valj(&self, beslut: &str, utforare: &str) -> Result<String, Lagringsfel> {
        self.store.valj(
            &self.hl,
            &NyttVal {
                beslut_id: beslut.into(),
                utforare_id: utforare.into(),
                vem_valde: VemValde::Brukare,
                informationssatt: Some(Informationssatt::Samtal),
                informationssprak: Some("sv".into()),
                valdatum: idag(),
                startdatum: None,
            },
        )
    }

    fn status(&self, beslut: &str, utforare: &str) -> Valbarhet {
        let v = self.store.valbara(&self.hl, beslut, idag()).unwrap();
        v.utforare.into_iter().find(|r| r.utforare_id == utforare).unwrap().status
    }
}

#[test]
fn every_approved_provider_is_listed_in_swedish_order_with_its_reason() {
    let d = demo();
    let b = d.nytt_beslut("C", "hemtjanst", 1);
    let v = d.store.valbara(&d.hl, &b, idag()).unwrap();
    let namn: Vec<&str> = v.utforare.iter().map(|r| r.namn.as_str()).collect();
    assert_eq!(namn.first(), Some(&"Almgårdens Omsorg AB"));
    // Å, Ä, Ö after Z, and egen regi ("Exempelby kommun …") in its alphabetical place.
    assert_eq!(
        namn[namn.len() - 2..],
        ["Ängsbackens Vård och Omsorg AB", "Östra Strandens Omsorg AB"]
    );
    assert!(namn.iter().position(|n| n.starts_with("Exempelby")).unwrap() > 0);
    let status = |borjan: &str| {
        v.utforare.iter().find(|r| r.namn.starts_with(borjan)).unwrap().status.clone()
    };
    assert!(matches!(status("Björkdungens"), Valbarhet::VidTak { tak: 2, aktiva: 2 }));
    assert!(matches!(status("Sjöbris"), Valbarhet::Pausad { .. }));
    assert!(matches!(status("Ängsbackens"), Valbarhet::EjBorjat { .. }));
    assert_eq!(status("Ekbackens"), Valbarhet::EjOmrade);
    assert_eq!(status("Almgårdens"), Valbarhet::Valbar);
    // A provider not approved for the insats is not on the list at all.
    assert!(!namn.iter().any(|n| n.starts_with("Dalsro")));
    assert_eq!(v.ordning, valfri_domain::Ordningsregel::Alfabetisk);
    assert!(v.registerversion >= 1);
}

#[test]
fn aktivt_val_then_byte_keeps_the_history() {
    let d = demo();
    let b = d.nytt_beslut("C", "hemtjanst", 2);
    let (alm, ost) = (d.utforare("Almgårdens"), d.utforare("Östra"));
    d.valj(&b, &alm).unwrap();
    assert!(matches!(d.valj(&b, &alm), Err(Lagringsfel::SammaUtforare)));
    d.valj(&b, &ost).unwrap();
    let h = d.store.valhistorik(&d.hl, &b).unwrap();
    assert_eq!(h.len(), 2);
    assert_eq!((h[0].typ, h[1].typ), (ValTyp::AktivtVal, ValTyp::Byte));
    assert_eq!(h[1].ersatter.as_deref(), Some(h[0].id.as_str()));
    // The demo's rule: a byte starts seven days after it is registered; the old one ends the day before.
    assert_eq!(h[1].startdatum, idag() + Days::new(7));
    assert_eq!(h[0].slutdatum, Some(idag() + Days::new(6)));
    assert_eq!(h[1].vem_valde, Some(VemValde::Brukare));

    for (borjan, skal) in [
        ("Björkdungens", "vid_tak"),
        ("Sjöbris", "pausad"),
        ("Ekbackens", "ej_omrade"),
        ("Ängsbackens", "ej_borjat"),
        ("Dalsro", "ej_godkand"),
    ] {
        let fel = d.valj(&b, &d.utforare(borjan)).unwrap_err();
        assert!(
            matches!(fel, Lagringsfel::InteValbar { skal: s } if s == skal),
            "{borjan}: {fel:?}"
        );
    }
}

#[test]
fn a_refusal_or_a_draft_gives_no_choice() {
    let d = demo();
    let b = d.nytt_beslut("C", "hemtjanst", 3);
    d.store.avsluta(&d.hl, &b).unwrap();
    assert!(matches!(d.valj(&b, &d.utforare("Almgårdens")), Err(Lagringsfel::BeslutUtanVal)));
}

#[test]
fn two_handlaggare_racing_for_the_last_place_cannot_both_get_it() {
    let d = demo();
    let alm = d.utforare("Almgårdens");
    let b1 = d.nytt_beslut("C", "hemtjanst", 4);
    let b2 = d.nytt_beslut("N", "hemtjanst", 5);
    // Leave exactly one place at Almgården.
    let mut u = d.store.utforare(&alm).unwrap();
    let aktiva = match d.status(&b1, &alm) {
        Valbarhet::Valbar => {
            d.store
                .valbara(&d.hl, &b1, idag())
                .unwrap()
                .utforare
                .iter()
                .find(|r| r.utforare_id == alm)
                .unwrap()
                .aktiva
        }
        annat => panic!("{annat:?}"),
    };
    u.godkannanden[0].kapacitetstak = Some(aktiva + 1);
    d.store.spara_utforare(&d.sf, &u, "en plats kvar").unwrap();

    let tradar: Vec<_> = [b1, b2]
        .into_iter()
        .map(|b| {
            let (sokvag, alm, hl) = (d.sokvag.clone(), alm.clone(), d.hl.clone());
            std::thread::spawn(move || {
                let store = Store::oppna(&sokvag, None).unwrap();
                store.valj(
                    &hl,
                    &NyttVal {
                        beslut_id: b,
                        utforare_id: alm,
                        vem_valde: VemValde::Brukare,
                        informationssatt: None,
                        informationssprak: None,
                        valdatum: idag(),
                        startdatum: None,
                    },
                )
            })
        })
        .collect();
    let svar: Vec<_> = tradar.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(svar.iter().filter(|s| s.is_ok()).count(), 1, "{svar:?}");
    assert!(svar.iter().any(|s| matches!(s, Err(Lagringsfel::InteValbar { skal: "vid_tak" }))));
}

#[test]
fn ickeval_waits_for_the_svarsdatum_and_then_explains_itself() {
    let d = demo();
    let b = d.nytt_beslut("N", "hemtjanst", 6);
    assert!(matches!(
        d.store.ickeval(&d.hl, &b, idag(), IckevalOrsak::Svarsdatum),
        Err(Lagringsfel::IngenInformation)
    ));
    // Sent fifteen days ago: the svarsdatum (fourteen days) was yesterday.
    let skickad = idag() - Days::new(15);
    let svarsdatum = d.store.registrera_information(&d.hl, &b, skickad, "sv", false).unwrap();
    assert_eq!(svarsdatum, skickad + Days::new(14));
    assert!(matches!(
        d.store.ickeval(&d.hl, &b, svarsdatum, IckevalOrsak::Svarsdatum),
        Err(Lagringsfel::SvarsdatumEjPasserat { .. })
    ));

    let dag = svarsdatum + Days::new(1);
    assert_eq!(dag, idag());
    let (_, f) = d.store.ickeval(&d.hl, &b, dag, IckevalOrsak::Svarsdatum).unwrap();
    assert_eq!(f.modell, IckevalModell::Turordning);
    assert_eq!(f.omrade.as_deref(), Some("N"));
    // The list is every hemtjänst provider serving Norra whose approval has not ended.
    assert!(f.lista.iter().any(|p| p.utforare_id == f.tilldelad.utforare_id));
    assert!(
        f.lista.iter().all(|p| !p.namn.starts_with("Björkdungens")),
        "Björkdungens does not serve N"
    );
    assert_eq!(d.store.ickevalsforklaringar(&b).unwrap(), vec![f.clone()]);
    assert!(matches!(
        d.store.ickeval(&d.hl, &b, dag, IckevalOrsak::Svarsdatum),
        Err(Lagringsfel::HarRedanUtforare)
    ));

    // The next ickeval on the same list goes to the next provider, and says who was before.
    let b2 = d.nytt_beslut("N", "hemtjanst", 7);
    let (_, f2) = d.store.ickeval(&d.hl, &b2, dag, IckevalOrsak::Avstar).unwrap();
    assert_eq!(
        f2.senast_tilldelad.as_ref().map(|p| &p.utforare_id),
        Some(&f.tilldelad.utforare_id)
    );
    assert_ne!(f2.tilldelad, f.tilldelad);
    let pos = |id: &str| f2.lista.iter().position(|p| p.utforare_id == id).unwrap();
    let forvantad = (pos(&f.tilldelad.utforare_id) + 1 + f2.hoppade.len()) % f2.lista.len();
    assert_eq!(pos(&f2.tilldelad.utforare_id), forvantad);
    assert!(f2.hoppade.iter().all(|h| !h.status.ar_valbar()));
}

#[test]
fn an_act_dated_after_today_is_refused_and_leaves_nothing() {
    let d = demo();
    let b = d.nytt_beslut("C", "hemtjanst", 9);
    let svarsdatum = d.store.registrera_information(&d.hl, &b, idag(), "sv", false).unwrap();
    let information = || -> i64 {
        rusqlite::Connection::open(&d.sokvag)
            .unwrap()
            .query_row("SELECT count(*) FROM information WHERE beslut_id = ?1", [&b], |r| r.get(0))
            .unwrap()
    };
    let framtid = |fel: Lagringsfel, dag: NaiveDate| {
        assert!(
            matches!(&fel, Lagringsfel::Validering(Valideringsfel::DatumIFramtiden { datum }) if *datum == dag.to_string()),
            "{fel:?}"
        );
    };
    // An ickeval dated past the svarsdatum, which has not come: the fault this rule closes.
    let dag = svarsdatum + Days::new(1);
    framtid(d.store.ickeval(&d.hl, &b, dag, IckevalOrsak::Svarsdatum).unwrap_err(), dag);
    let imorgon = idag() + Days::new(1);
    framtid(d.store.ickeval(&d.hl, &b, imorgon, IckevalOrsak::Avstar).unwrap_err(), imorgon);
    let alm = d.utforare("Almgårdens");
    let ny = NyttVal {
        beslut_id: b.clone(),
        utforare_id: alm.clone(),
        vem_valde: VemValde::Brukare,
        informationssatt: None,
        informationssprak: None,
        valdatum: imorgon,
        startdatum: None,
    };
    framtid(d.store.valj(&d.hl, &ny).unwrap_err(), imorgon);
    framtid(d.store.registrera_information(&d.hl, &b, imorgon, "sv", false).unwrap_err(), imorgon);
    assert!(d.store.valhistorik(&d.hl, &b).unwrap().is_empty());
    assert!(d.store.ickevalsforklaringar(&b).unwrap().is_empty());
    assert_eq!(information(), 1);
    // Today is not ahead: the same choice dated today goes through, and a start date may lie
    // ahead (it plans, it records nothing done).
    let id = d
        .store
        .valj(&d.hl, &NyttVal { valdatum: idag(), startdatum: Some(imorgon), ..ny })
        .unwrap();
    assert_eq!(d.store.valhistorik(&d.hl, &b).unwrap()[0].id, id);
}

#[test]
fn turordning_skips_a_paused_provider_and_records_why() {
    let d = demo();
    // Pause every hemtjänst provider in Centrum but one; the skips are in the explanation.
    let b = d.nytt_beslut("C", "hemtjanst", 8);
    let lista = d.store.valbara(&d.hl, &b, idag()).unwrap();
    let valbara: Vec<_> = lista
        .utforare
        .iter()
        .filter(|r| r.status.ar_valbar())
        .map(|r| r.utforare_id.clone())
        .collect();
    for id in &valbara[1..] {
        let mut u = d.store.utforare(id).unwrap();
        for g in &mut u.godkannanden {
            g.paus_till = Some(idag() + Days::new(10));
        }
        d.store.spara_utforare(&d.sf, &u, "paus").unwrap();
    }
    let (_, f) = d.store.ickeval(&d.hl, &b, idag(), IckevalOrsak::Avstar).unwrap();
    assert_eq!(f.tilldelad.utforare_id, valbara[0]);
    assert!(
        f.hoppade.iter().any(|h| matches!(h.status, Valbarhet::Pausad { .. }))
            || f.hoppade.is_empty()
    );
    for h in &f.hoppade {
        assert!(!h.status.ar_valbar(), "{h:?}");
    }
}

#[test]
fn ickeval_by_egen_regi_and_by_a_designated_provider() {
    let d = demo();
    let b = d.nytt_beslut("C", "daglig-verksamhet", 9);
    let (_, f) = d.store.ickeval(&d.hl, &b, idag(), IckevalOrsak::Avstar).unwrap();
    assert_eq!(f.modell, IckevalModell::EgenRegi);
    assert!(f.tilldelad.namn.starts_with("Exempelby kommun"));

    let ceder = d.utforare("Cederhjälpen");
    assert!(
        !d.store
            .satt_ickeval(&d.sf, "daglig-verksamhet", IckevalModell::Utsedd, Some(&ceder), false)
            .unwrap()
    );
    assert!(matches!(
        d.store.satt_ickeval(
            &d.hl,
            "daglig-verksamhet",
            IckevalModell::Utsedd,
            Some(&ceder),
            false
        ),
        Err(Lagringsfel::KraverSystemforvaltare)
    ));
    assert!(matches!(
        d.store.satt_ickeval(
            &d.sf,
            "daglig-verksamhet",
            IckevalModell::Utsedd,
            Some(&d.utforare("Dalsro")),
            false
        ),
        Err(Lagringsfel::InteValbar { skal: "ej_godkand" })
    ));
    let b2 = d.nytt_beslut("C", "daglig-verksamhet", 10);
    let (_, f2) = d.store.ickeval(&d.hl, &b2, idag(), IckevalOrsak::Avstar).unwrap();
    assert_eq!(f2.modell, IckevalModell::Utsedd);
    assert_eq!(f2.tilldelad.utforare_id, ceder);
    // Turordning returns true so that callers show Konkurrensverket's warning.
    assert!(
        d.store
            .satt_ickeval(&d.sf, "daglig-verksamhet", IckevalModell::Turordning, None, false)
            .unwrap()
    );
}

#[test]
fn register_changes_mark_the_affected_brukare_for_a_new_choice() {
    let d = demo();
    let alm = d.utforare("Almgårdens");
    let beslut: Vec<String> = (20..24).map(|n| d.nytt_beslut("C", "hemtjanst", n)).collect();
    for b in &beslut {
        d.valj(b, &alm).unwrap();
    }
    let mut u = d.store.utforare(&alm).unwrap();
    let fore = d
        .store
        .valbara(&d.hl, &beslut[0], idag())
        .unwrap()
        .utforare
        .into_iter()
        .find(|r| r.utforare_id == alm)
        .unwrap()
        .aktiva;
    u.godkannanden[0].kapacitetstak = Some(fore - 2);
    let forhand = d.store.forhandsgranska_utforare(&u, idag()).unwrap();
    assert_eq!(forhand.len(), 2);
    assert!(forhand.iter().all(|p| p.orsak == "tak"));
    // The two most recent above the cap must choose again; the earlier keep their place.
    let nyast: Vec<&String> = beslut.iter().rev().take(2).collect();
    assert!(forhand.iter().all(|p| nyast.contains(&&p.beslut_id)), "{forhand:?}");
    assert!(
        d.store.arbetslistor(&d.hl, idag()).unwrap().omval.is_empty(),
        "a preview saves nothing"
    );

    let sparat = d.store.spara_utforare(&d.sf, &u, "Almgården sänker taket").unwrap();
    assert_eq!(sparat.paverkade, forhand);
    let omval = d.store.arbetslistor(&d.hl, idag()).unwrap().omval;
    assert_eq!(omval.len(), 2);

    // Leaving Centrum affects everyone there.
    u.omraden.retain(|o| o != "C");
    let sparat = d.store.spara_utforare(&d.sf, &u, "Almgården lämnar Centrum").unwrap();
    assert!(sparat.paverkade.len() >= 4);
    assert!(sparat.paverkade.iter().all(|p| p.orsak == "ej_omrade"));
    // A new choice clears the mark.
    d.valj(&beslut[0], &d.utforare("Östra")).unwrap();
    assert!(
        !d.store
            .arbetslistor(&d.hl, idag())
            .unwrap()
            .omval
            .iter()
            .any(|p| p.beslut_id == beslut[0])
    );
}

#[test]
fn an_omprovning_keeps_the_provider_and_an_ended_beslut_frees_its_place() {
    let d = demo();
    let alm = d.utforare("Almgårdens");
    let b = d.nytt_beslut("C", "hemtjanst", 30);
    d.valj(&b, &alm).unwrap();
    let gammalt = d.store.beslut(&d.hl, &b).unwrap();
    let nytt = d
        .store
        .omprova(
            &d.hl,
            &b,
            &NyttBeslut {
                brukare_id: gammalt.brukare_id.clone(),
                insats_kod: "hemtjanst".into(),
                diarienummer: String::new(),
                ansokningsdatum: idag(),
                utfall: Utfall::Bifall,
                omfattning: Some(30.0),
                giltig_fran: idag(),
                giltig_till: None,
                motivering: String::new(),
                ej_beviljat: String::new(),
                uppfoljning: None,
            },
        )
        .unwrap();
    let fore = d
        .store
        .valbara(&d.hl, &b, idag())
        .unwrap()
        .utforare
        .into_iter()
        .find(|r| r.utforare_id == alm)
        .unwrap()
        .aktiva;
    d.store.fatta_beslut(&d.hl, &nytt, idag()).unwrap();
    let h = d.store.valhistorik(&d.hl, &nytt).unwrap();
    assert_eq!((h.len(), h[0].typ, h[0].utforare_id.as_str()), (1, ValTyp::Overford, alm.as_str()));
    let efter = d
        .store
        .valbara(&d.hl, &nytt, idag())
        .unwrap()
        .utforare
        .into_iter()
        .find(|r| r.utforare_id == alm)
        .unwrap()
        .aktiva;
    assert_eq!(efter, fore, "moved, not doubled");

    d.store.avsluta(&d.hl, &nytt).unwrap();
    assert_eq!(d.store.beslut(&d.hl, &nytt).unwrap().status, BeslutStatus::Avslutat);
    let b2 = d.nytt_beslut("C", "hemtjanst", 31);
    let fritt = d
        .store
        .valbara(&d.hl, &b2, idag())
        .unwrap()
        .utforare
        .into_iter()
        .find(|r| r.utforare_id == alm)
        .unwrap()
        .aktiva;
    assert_eq!(fritt, fore - 1);
}

#[test]
fn worklists_and_statistics_of_the_demo() {
    let d = demo();
    let a = d.store.arbetslistor(&d.hl, idag()).unwrap();
    assert!(!a.ickeval.is_empty(), "the demo has svarsdatum passed without a choice");
    assert!(a.ickeval.iter().all(|p| p.datum.is_some_and(|s| s < idag())));
    let nara: Vec<&str> = a.nara_tak.iter().map(|k| k.namn.as_str()).collect();
    assert!(
        nara.iter().any(|n| n.starts_with("Björkdungens"))
            && nara.iter().any(|n| n.starts_with("Fjärilen")),
        "{nara:?}"
    );
    assert!(!a.gamla_tak.is_empty());
    assert!(a.gamla_tak.iter().all(|k| k.bekraftad.is_none_or(|b| b < idag() - Days::new(90))));

    let s = d.store.statistik(idag() - Days::new(3650), idag()).unwrap();
    let hemtjanst = s.iter().find(|x| x.insats_kod == "hemtjanst").unwrap();
    assert!(hemtjanst.aktiva_val > 0 && hemtjanst.ickeval > 0);
    let andel = hemtjanst.andel_aktivt_val.unwrap();
    assert!((0.0..=1.0).contains(&andel));
    let summa: u32 = hemtjanst.utforare.iter().map(|u| u.tilldelningar).sum();
    assert_eq!(summa, hemtjanst.aktiva_val + hemtjanst.ickeval + hemtjanst.byten);
    // No person in the statistics: serialise and look for any brukare's name.
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains("Ekström") && !json.contains("personnummer"));
}

#[test]
fn statistics_per_month_split_the_same_choices_as_the_totals() {
    let d = demo();
    let (fran, till) = valfri_domain::tolv_manader(idag());
    let totalt = d.store.statistik(fran, till).unwrap();
    let per_manad = d.store.statistik_per_manad(fran, till, "sv").unwrap();
    assert_eq!(per_manad.len(), totalt.len());
    let mut nagot = false;
    for (m, t) in per_manad.iter().zip(&totalt) {
        assert_eq!(m.insats_kod, t.insats_kod);
        assert_eq!(m.manader.len(), 12, "every month, even empty ones");
        let aktiva: u32 = m.manader.iter().map(|x| x.aktiva_val).sum();
        let ickeval: u32 = m.manader.iter().map(|x| x.ickeval).sum();
        assert_eq!((aktiva, ickeval), (t.aktiva_val, t.ickeval), "{}", m.insats_kod);
        nagot |= aktiva + ickeval > 0;
        // Each provider's months add up to the insats's, and its ickeval to the total's.
        for (i, manad) in m.manader.iter().enumerate() {
            let a: u32 = m.utforare.iter().map(|u| u.manader[i].aktiva_val).sum();
            let ic: u32 = m.utforare.iter().map(|u| u.manader[i].ickeval).sum();
            assert_eq!((a, ic), (manad.aktiva_val, manad.ickeval));
        }
        for u in &m.utforare {
            let ic: u32 = u.manader.iter().map(|x| x.ickeval).sum();
            let tu = t.utforare.iter().find(|x| x.utforare_id == u.utforare_id).unwrap();
            assert_eq!(ic, tu.ickeval, "{}", u.namn);
        }
    }
    assert!(nagot, "the demo has choices in the last twelve months");
    // A period that ends before it starts has no months and counts nothing.
    let tom = d.store.statistik_per_manad(till, fran, "sv").unwrap();
    assert!(tom.iter().all(|m| m.manader.is_empty()));
}
