//! The fictional demo municipality, Exempelby kommun, and a generator of large fictional
//! municipalities for benchmarks. Every person, provider and number here is invented; the
//! personnummer and organisationsnummer are generated with valid check digits.

use std::collections::HashSet;

use chrono::{Days, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use valfri_domain::val::NyttVal;
use valfri_domain::{
    Enhet, Godkannande, Handlaggare, IckevalModell, IckevalOrsak, Informationssatt, Kommun,
    Kvalitetsindikator, NyttBeslut, OmbudTyp, Ordningsregel, Organisationsnummer, Personnummer,
    Regi, Roll, Utfall, Utforare, Utforaroversattning, VemValde,
};

use crate::brukare::infoga_brukare;
use crate::{Aktor, NyBrukare, NyInsats, NyttOmbud, Resultat, Store, logg};

/// The brukare the end-to-end tests and the README refer to.
pub const MARTA_PNR: &str = "19340415-9828";

const FORNAMN: &[&str] = &[
    "Agnes",
    "Alva",
    "Anders",
    "Arne",
    "Astrid",
    "Bengt",
    "Berit",
    "Birgitta",
    "Bo",
    "Britt",
    "Dagny",
    "Einar",
    "Elsa",
    "Erik",
    "Ester",
    "Gunnar",
    "Gösta",
    "Hanna",
    "Harald",
    "Ingrid",
    "Ivar",
    "Karin",
    "Kerstin",
    "Lars",
    "Leila",
    "Maj",
    "Margareta",
    "Mohammed",
    "Nils",
    "Olof",
    "Rut",
    "Sigrid",
    "Stig",
    "Sven",
    "Ulla",
    "Vera",
    "Yusuf",
    "Åke",
    "Åsa",
    "Örjan",
    "Aino",
    "Eino",
    "Helmi",
    "Tuula",
    "Pekka",
];
const EFTERNAMN: &[&str] = &[
    "Andersson",
    "Berg",
    "Björk",
    "Dahl",
    "Ek",
    "Engström",
    "Falk",
    "Forsberg",
    "Grön",
    "Hedlund",
    "Holm",
    "Håkansson",
    "Isaksson",
    "Jansson",
    "Karlsson",
    "Lind",
    "Lindqvist",
    "Lund",
    "Mattsson",
    "Nyström",
    "Näslund",
    "Olsson",
    "Persson",
    "Sandberg",
    "Sjöberg",
    "Strand",
    "Söderlund",
    "Wikström",
    "Åberg",
    "Öberg",
    "Östlund",
    "Haddad",
    "Virtanen",
    "Korhonen",
    "Niemi",
    "Mäkinen",
];
const GATOR: &[&str] = &[
    "Storgatan",
    "Kyrkvägen",
    "Skolgatan",
    "Björkvägen",
    "Strandvägen",
    "Ängsgatan",
    "Hamngatan",
    "Norra vägen",
];

/// The omrade codes of the demo, with the postort and postnummer base each uses.
const OMRADEN: &[(&str, &str, bool, &str, u32)] = &[
    ("C", "Centrum", false, "Exempelby", 59930),
    ("N", "Norra Exempelby", false, "Exempelby", 59940),
    ("S", "Södra kusten", false, "Sandvik", 59950),
    ("L", "Lillbäcken", true, "Lillbäcken", 59970),
];

fn system() -> Aktor {
    Aktor { id: "system:demo".into(), namn: "Valfri demo".into(), roll: Roll::Systemforvaltare }
}

/// The demo database's passphrase. It is public on purpose (the README and the lock screen in
/// demo mode show it): the demo holds only fictional people. A demo made with
/// [`demoskydd`] has a login per handläggare ([`DEMO_INLOGGNINGAR`]), each with this passphrase.
pub const DEMO_LOSENFRAS: &str = "exempelby-demo";

/// The demo's logins, each with its handläggare's name: (login, name). The first is the
/// systemförvaltare. The lock screen shows them in demo mode; all use [`DEMO_LOSENFRAS`].
pub const DEMO_INLOGGNINGAR: &[(&str, &str)] = &[
    ("karin.holm", "Karin Holm"),
    ("jonas.berg", "Jonas Berg"),
    ("leila.haddad", "Leila Haddad"),
    ("sanna.virtanen", "Sanna Virtanen"),
];

/// How the demo is protected: a key slot for every demo handläggare
/// ([`DEMO_INLOGGNINGAR`]) with the public [`DEMO_LOSENFRAS`]. Give it to
/// [`crate::skapa_databas`] with [`skapa_demo`] as the filling.
pub fn demoskydd() -> Resultat<crate::Skydd> {
    let losen = crate::Losenfras::ny(DEMO_LOSENFRAS)?;
    Ok(crate::Skydd::Inloggningar(
        DEMO_INLOGGNINGAR
            .iter()
            .map(|(anvandare, namn)| ((*anvandare).to_owned(), (*namn).to_owned(), losen.clone()))
            .collect(),
    ))
}

/// Creates Exempelby kommun in an empty database, with dates relative to `idag`.
pub fn skapa_demo(store: &Store, idag: NaiveDate) -> Resultat<()> {
    let sys = system();
    let mut rng = StdRng::seed_from_u64(2026);
    store.spara_kommun(
        &sys,
        &Kommun {
            namn: "Exempelby kommun".into(),
            namnd: "Vård- och omsorgsnämnden".into(),
            adress: "Stortorget 1".into(),
            postnummer: "599 30".into(),
            postort: "Exempelby".into(),
            telefon: "0999-100 00".into(),
            ordning: Ordningsregel::Alfabetisk,
            ordning_seed: None,
            sprak: vec!["sv".into(), "fi".into(), "en".into()],
            byte_dagar: 7,
            svarstid_dagar: 14,
            tak_max_alder_dagar: 90,
            beslutskrav: valfri_domain::beslutsregler::Beslutskrav::default(),
        },
    )?;
    for (kod, namn, landsbygd, _, _) in OMRADEN {
        store.nytt_omrade(&sys, kod, namn, *landsbygd)?;
    }
    for ny in insatser() {
        store.ny_insats(&sys, &ny)?;
        store.andra_delegation(&sys, &ny.kod, delegationspunkt(&ny.kod))?;
    }
    let mut handlaggare = Vec::new();
    for (namn, titel, roll, tel) in [
        ("Karin Holm", "Systemförvaltare", Roll::Systemforvaltare, "0999-100 10"),
        ("Jonas Berg", "Biståndshandläggare", Roll::Handlaggare, "0999-100 11"),
        ("Leila Haddad", "Biståndshandläggare", Roll::Handlaggare, "0999-100 12"),
        ("Sanna Virtanen", "Biståndshandläggare", Roll::Handlaggare, "0999-100 13"),
    ] {
        let epost = format!("{}@exempelby.example", namn.to_lowercase().replace(' ', "."));
        let id = store.ny_handlaggare(
            &sys,
            &Handlaggare {
                id: String::new(),
                namn: namn.into(),
                titel: titel.into(),
                telefon: tel.into(),
                epost,
                roll,
            },
        )?;
        handlaggare.push(store.aktor(&id)?);
    }
    store.spara_utforare_alla(
        &handlaggare[0],
        &demo_utforare(idag),
        "Exempelby kommuns register vid start",
    )?;

    // Märta Ekström first: the README and the end-to-end tests name her.
    let mut personer = vec![NyBrukare {
        personnummer: MARTA_PNR.into(),
        fornamn: "Märta".into(),
        efternamn: "Ekström".into(),
        adress: "Storgatan 12 B".into(),
        postnummer: "599 31".into(),
        postort: "Exempelby".into(),
        omrade: Some("C".into()),
        sprak: "sv".into(),
        storstil: true,
        ombud: vec![NyttOmbud {
            typ: OmbudTyp::GodMan,
            namn: "Per Ekström".into(),
            adress: "Ängsgatan 3".into(),
            postnummer: "599 41".into(),
            postort: "Exempelby".into(),
        }],
        ..NyBrukare::default()
    }];
    let mut anvanda: HashSet<String> = HashSet::from(["193404159828".to_owned()]);
    for i in 0..63 {
        let (kod, _, _, postort, postbas) = OMRADEN[if i % 9 == 0 { 3 } else { i % 3 }];
        let finsk = i % 10 == 4;
        let fornamn = if finsk {
            ["Aino", "Eino", "Helmi", "Tuula", "Pekka"][i % 5]
        } else {
            FORNAMN[rng.random_range(0..39)]
        };
        let efternamn = if finsk {
            ["Virtanen", "Korhonen", "Niemi", "Mäkinen"][i % 4]
        } else {
            EFTERNAMN[rng.random_range(0..31)]
        };
        let pnr = unikt_pnr(&mut rng, &mut anvanda, 1928, 1975, idag);
        // The brukare with skyddade personuppgifter (i == 21) has a god man too, so the demo
        // shows that a copy to an ombud never carries the protected address.
        let ombud = (i % 8 == 3 || i == 21)
            .then(|| NyttOmbud {
                typ: [OmbudTyp::GodMan, OmbudTyp::Forvaltare, OmbudTyp::Anhorig][i % 3],
                namn: format!(
                    "{} {}",
                    FORNAMN[(i * 7) % FORNAMN.len()],
                    EFTERNAMN[(i * 5) % EFTERNAMN.len()]
                ),
                adress: format!("{} {}", GATOR[(i + 2) % GATOR.len()], 1 + i % 40),
                postnummer: format!("{} {:02}", 599, 10 + i % 80),
                postort: "Exempelby".into(),
            })
            .into_iter()
            .collect();
        personer.push(NyBrukare {
            personnummer: pnr,
            fornamn: fornamn.into(),
            efternamn: efternamn.into(),
            co: if i == 17 { "c/o Lindqvist".into() } else { String::new() },
            adress: format!("{} {}", GATOR[i % GATOR.len()], 1 + (i * 3) % 60),
            postnummer: format!("{} {:02}", postbas / 100, postbas % 100 + (i % 9) as u32),
            postort: postort.into(),
            omrade: Some(kod.into()),
            sprak: if finsk { "fi".into() } else { "sv".into() },
            storstil: i % 7 == 2,
            skyddad: i == 21,
            ombud,
        });
    }
    let mut ider = Vec::new();
    for p in &personer {
        ider.push(store.ny_brukare(&handlaggare[0], p)?);
    }

    // Beslut in every state. Märta has a hemtjänst beslut that was replaced after an omprövning
    // (both kept), and a ledsagarservice beslut still in draft.
    let marta = &ider[0];
    let hl = &handlaggare[1];
    let gammalt = store
        .skapa_utkast(hl, &beslut(marta, "hemtjanst", Utfall::Bifall, Some(20.0), idag, 400))?;
    store.fatta_beslut(hl, &gammalt, idag - Days::new(390))?;
    let hemma_trygg =
        store.utforare_id(&utforare_orgnr(&store.utforare_lista()?, "Hemma Trygg"))?;
    store.valj(
        hl,
        &NyttVal {
            beslut_id: gammalt.clone(),
            utforare_id: hemma_trygg,
            vem_valde: VemValde::Ombud,
            informationssatt: Some(Informationssatt::Samtal),
            informationssprak: Some("sv".into()),
            valdatum: idag - Days::new(385),
            startdatum: None,
        },
    )?;
    store.verkstall(hl, &gammalt)?;
    let nytt = store.omprova(
        hl,
        &gammalt,
        &NyttBeslut {
            motivering:
                "Behovet av hjälp med personlig omvårdnad har ökat efter fallolyckan i augusti."
                    .into(),
            ..beslut(marta, "hemtjanst", Utfall::Bifall, Some(32.0), idag, 60)
        },
    )?;
    store.fatta_beslut(hl, &nytt, idag - Days::new(50))?;
    store.verkstall(hl, &nytt)?;
    store
        .skapa_utkast(hl, &beslut(marta, "ledsagarservice", Utfall::Bifall, Some(8.0), idag, 5))?;

    let koder = [
        "hemtjanst",
        "hemtjanst",
        "hemtjanst",
        "daglig-verksamhet",
        "sarskilt-boende",
        "ledsagarservice",
    ];
    let mut aktiva = Vec::new();
    for (i, id) in ider.iter().enumerate().skip(1) {
        let hl = &handlaggare[1 + i % 3];
        // Vary insats against område (both cycle with i) so every combination occurs.
        let kod = koder[(i + i / 6) % koder.len()];
        let omfattning = |u: Utfall| match (u, kod) {
            (Utfall::Avslag, _) | (_, "sarskilt-boende") => None,
            (_, "daglig-verksamhet") => Some(f64::from(3 + (i % 3) as u32)),
            (_, "ledsagarservice") => Some(f64::from(6 + (i % 10) as u32)),
            _ => Some(f64::from(10 + (i * 7 % 60) as u32)),
        };
        let utfall = match i % 17 {
            5 => Utfall::Avslag,
            11 => Utfall::DelvisBifall,
            _ => Utfall::Bifall,
        };
        let dagar_sedan = 10 + (i as u64 * 37) % 500;
        let b = store
            .skapa_utkast(hl, &beslut(id, kod, utfall, omfattning(utfall), idag, dagar_sedan))?;
        match i % 6 {
            0 => {} // still an utkast
            1 | 2 => {
                store.fatta_beslut(hl, &b, idag - Days::new(dagar_sedan.saturating_sub(7)))?;
                if utfall != Utfall::Avslag {
                    aktiva.push((b, hl.clone(), i));
                }
            }
            5 if dagar_sedan > 365 => {
                store.fatta_beslut(hl, &b, idag - Days::new(dagar_sedan - 7))?;
                store.avsluta(hl, &b)?;
            }
            _ => {
                store.fatta_beslut(hl, &b, idag - Days::new(dagar_sedan.saturating_sub(7)))?;
                if utfall != Utfall::Avslag {
                    store.verkstall(hl, &b)?;
                    aktiva.push((b, hl.clone(), i));
                }
            }
        }
    }
    // The brukare with skyddade personuppgifter applied again after the avslag on hemtjänst
    // and was granted it: a running beslut with a choice still open, so the demo has a letter
    // to them (their own address only on their own letter, never on a copy or a sheet).
    let skyddad = &ider[22];
    let hl = &handlaggare[1];
    let b = store.skapa_utkast(
        hl,
        &NyttBeslut {
            motivering: "Behovet av hjälp i hemmet har ökat sedan förra ansökan.".into(),
            ..beslut(skyddad, "hemtjanst", Utfall::Bifall, Some(24.0), idag, 40)
        },
    )?;
    store.fatta_beslut(hl, &b, idag - Days::new(30))?;
    store.verkstall(hl, &b)?;
    // Last, so the choices made for the others stay as they were; `22 % 9 == 4`: the letter
    // went out three days ago and the answer is awaited.
    aktiva.push((b, hl.clone(), 22));
    valj_i_demo(store, &aktiva, idag)
}

fn utforare_orgnr(lista: &[Utforare], borjan: &str) -> String {
    lista
        .iter()
        .find(|u| u.namn.starts_with(borjan))
        .map(|u| u.organisationsnummer.clone())
        .unwrap_or_default()
}

/// Choices for the demo's running beslut: Björkdungens and Fjärilen reach their caps, most
/// brukare chose actively, some let ickeval apply (with stored explanations), some have been
/// sent valfrihetsinformation whose svarsdatum has passed (ickeval due), and some are waiting.
fn valj_i_demo(store: &Store, aktiva: &[(String, Aktor, usize)], idag: NaiveDate) -> Resultat<()> {
    let lista = store.utforare_lista()?;
    let mut fyll = [
        (store.utforare_id(&utforare_orgnr(&lista, "Björkdungens"))?, 2),
        (store.utforare_id(&utforare_orgnr(&lista, "Fjärilen"))?, 1),
    ];
    for (n, (beslut, hl, i)) in aktiva.iter().enumerate() {
        let valbara = store.valbara(hl, beslut, idag)?;
        let skickad = idag - Days::new(30 + (n as u64 % 20));
        match i % 9 {
            // Information sent, svarsdatum passed, no answer: ickeval is due.
            2 => {
                store.registrera_information(hl, beslut, skickad, "sv", false)?;
                continue;
            }
            // Sent a few days ago; the brukare is still thinking.
            4 => {
                store.registrera_information(hl, beslut, idag - Days::new(3), "sv", false)?;
                continue;
            }
            // Did not choose: the ickeval alternative applied.
            7 => {
                store.registrera_information(hl, beslut, skickad, "sv", false)?;
                store.ickeval(hl, beslut, skickad + Days::new(16), IckevalOrsak::Svarsdatum)?;
                continue;
            }
            _ => {}
        }
        store.registrera_information(hl, beslut, skickad, "sv", i % 7 == 2)?;
        // Fill the two capped providers first, then spread the rest over who is valbar.
        let tak = fyll.iter_mut().find(|(id, kvar)| {
            *kvar > 0
                && valbara.utforare.iter().any(|r| r.utforare_id == *id && r.status.ar_valbar())
        });
        let vald = if let Some((id, kvar)) = tak {
            *kvar -= 1;
            id.clone()
        } else {
            let mojliga: Vec<_> =
                valbara.utforare.iter().filter(|r| r.status.ar_valbar()).collect();
            let Some(r) = mojliga.get(n % mojliga.len().max(1)) else { continue };
            r.utforare_id.clone()
        };
        store.valj(
            hl,
            &NyttVal {
                beslut_id: beslut.clone(),
                utforare_id: vald,
                // The ombud chose only for a brukare who has one.
                vem_valde: if store.valuppgifter(beslut)?.0 && n % 3 == 1 {
                    VemValde::Ombud
                } else {
                    [VemValde::Brukare, VemValde::Handlaggare][n % 2]
                },
                informationssatt: Some(
                    [Informationssatt::Brev, Informationssatt::Samtal, Informationssatt::Tolk]
                        [n % 3],
                ),
                informationssprak: Some("sv".into()),
                valdatum: skickad + Days::new(5),
                startdatum: None,
            },
        )?;
    }
    Ok(())
}

fn beslut(
    brukare: &str,
    kod: &str,
    utfall: Utfall,
    omfattning: Option<f64>,
    idag: NaiveDate,
    dagar_sedan: u64,
) -> NyttBeslut {
    let ansokt = idag - Days::new(dagar_sedan);
    let fran = ansokt + Days::new(14);
    NyttBeslut {
        brukare_id: brukare.into(),
        insats_kod: kod.into(),
        diarienummer: format!("VON {}/{:04}", chrono::Datelike::year(&ansokt), 100 + dagar_sedan),
        ansokningsdatum: ansokt,
        utfall,
        omfattning,
        giltig_fran: fran,
        // Two years, so that every running beslut in the demo (the oldest started about 500
        // days ago) is still valid today: an expired one gets no valfrihetsinformation.
        giltig_till: Some(fran + Days::new(730)),
        motivering: match utfall {
            Utfall::Avslag => "Utredningen visar att behovet tillgodoses på annat sätt, genom anhörigas stöd och färdtjänst.".into(),
            Utfall::DelvisBifall => "Behovet av stöd med inköp och städning är styrkt. Behovet av stöd nattetid är inte styrkt.".into(),
            Utfall::Bifall => "Du behöver stöd i vardagen för att uppnå en skälig levnadsnivå.".into(),
        },
        ej_beviljat: if utfall == Utfall::DelvisBifall {
            "Stöd nattetid (tillsyn mellan klockan 22 och 7).".into()
        } else {
            String::new()
        },
        uppfoljning: Some(fran + Days::new(180)),
    }
}

/// The point of the (fictional) nämnd's delegationsordning under which a handläggare decides
/// on each of the demo's insatser.
fn delegationspunkt(kod: &str) -> &'static str {
    match kod {
        "hemtjanst" => "3.2",
        "sarskilt-boende" => "3.4",
        "daglig-verksamhet" => "4.6",
        _ => "4.3",
    }
}

fn insatser() -> Vec<NyInsats> {
    let sol = "Socialtjänstlagen (2025:400), bistånd";
    vec![
        NyInsats {
            kod: "hemtjanst".into(),
            namn: vec![
                ("sv".into(), "Hemtjänst".into()),
                ("en".into(), "Home care".into()),
                ("fi".into(), "Kotipalvelu".into()),
            ],
            lagrum: sol.into(),
            enhet: Enhet::TimmarPerManad,
            valfrihet: true,
            ickeval: IckevalModell::Turordning,
        },
        NyInsats {
            kod: "sarskilt-boende".into(),
            namn: vec![
                ("sv".into(), "Särskilt boende".into()),
                ("en".into(), "Residential care".into()),
                ("fi".into(), "Erityisasuminen".into()),
            ],
            lagrum: sol.into(),
            enhet: Enhet::Ingen,
            valfrihet: true,
            ickeval: IckevalModell::EgenRegi,
        },
        NyInsats {
            kod: "daglig-verksamhet".into(),
            namn: vec![
                ("sv".into(), "Daglig verksamhet (LSS)".into()),
                ("en".into(), "Daily activities (LSS)".into()),
                ("fi".into(), "Päivätoiminta (LSS)".into()),
            ],
            lagrum: "9 § 10 LSS".into(),
            enhet: Enhet::DagarPerVecka,
            valfrihet: true,
            ickeval: IckevalModell::EgenRegi,
        },
        NyInsats {
            kod: "ledsagarservice".into(),
            namn: vec![
                ("sv".into(), "Ledsagarservice".into()),
                ("en".into(), "Companion service".into()),
                ("fi".into(), "Saattajapalvelu".into()),
            ],
            lagrum: "9 § 3 LSS".into(),
            enhet: Enhet::TimmarPerManad,
            valfrihet: true,
            ickeval: IckevalModell::EgenRegi,
        },
    ]
}

fn demo_utforare(idag: NaiveDate) -> Vec<Utforare> {
    struct U {
        namn: &'static str,
        grupp: u8,
        regi: Regi,
        insatser: &'static [&'static str],
        omraden: &'static [&'static str],
        sprak: &'static [&'static str],
        inriktning: &'static [&'static str],
        tillagg: &'static [&'static str],
        tak: Option<u32>,
    }
    let lista = [
        U {
            namn: "Exempelby kommun, vård och omsorg i egen regi",
            grupp: 2,
            regi: Regi::EgenRegi,
            insatser: &["hemtjanst", "sarskilt-boende", "daglig-verksamhet", "ledsagarservice"],
            omraden: &["C", "N", "S", "L"],
            sprak: &["sv", "fi", "en"],
            inriktning: &["Demens", "Psykisk ohälsa"],
            tillagg: &[],
            tak: None,
        },
        U {
            namn: "Almgårdens Omsorg AB",
            grupp: 5,
            regi: Regi::Privat,
            insatser: &["hemtjanst"],
            omraden: &["C", "N"],
            sprak: &["sv", "en"],
            inriktning: &["Demens"],
            tillagg: &["Fönsterputs", "Följeslagning till läkare"],
            tak: Some(60),
        },
        U {
            namn: "Björkdungens Hemtjänst AB",
            grupp: 5,
            regi: Regi::Privat,
            insatser: &["hemtjanst"],
            omraden: &["C", "S"],
            sprak: &["sv", "ar"],
            inriktning: &[],
            tillagg: &["Storstädning"],
            tak: Some(2),
        },
        U {
            namn: "Cederhjälpen, ideell förening",
            grupp: 8,
            regi: Regi::Ideburen,
            insatser: &["ledsagarservice", "daglig-verksamhet"],
            omraden: &["C", "N", "S"],
            sprak: &["sv", "en", "fa"],
            inriktning: &["Kultur och fritid"],
            tillagg: &[],
            tak: Some(25),
        },
        U {
            namn: "Dalsro Vård AB",
            grupp: 5,
            regi: Regi::Privat,
            insatser: &["sarskilt-boende"],
            omraden: &["N"],
            sprak: &["sv"],
            inriktning: &["Demens", "Palliativ vård"],
            tillagg: &[],
            tak: Some(48),
        },
        U {
            namn: "Ekbackens Omsorg AB",
            grupp: 5,
            regi: Regi::Privat,
            insatser: &["hemtjanst"],
            omraden: &["N", "L"],
            sprak: &["sv"],
            inriktning: &["Landsbygd"],
            tillagg: &["Snöskottning", "Vedbärning"],
            tak: Some(30),
        },
        U {
            namn: "Fjärilen Daglig Verksamhet AB",
            grupp: 5,
            regi: Regi::Privat,
            insatser: &["daglig-verksamhet"],
            omraden: &["C", "N", "S"],
            sprak: &["sv", "en"],
            inriktning: &["Autism", "Skapande"],
            tillagg: &[],
            tak: Some(1),
        },
        U {
            namn: "Granskogens Omsorg, ekonomisk förening",
            grupp: 7,
            regi: Regi::Ideburen,
            insatser: &["hemtjanst"],
            omraden: &["S"],
            sprak: &["sv", "de"],
            inriktning: &[],
            tillagg: &[],
            tak: Some(40),
        },
        U {
            namn: "Hemma Trygg i Exempelby AB",
            grupp: 5,
            regi: Regi::Privat,
            insatser: &["hemtjanst"],
            omraden: &["C", "N", "S"],
            sprak: &["sv", "fi", "ar", "so"],
            inriktning: &["Flerspråkig personal"],
            tillagg: &["Matlagning med hemkörning"],
            tak: Some(120),
        },
        U {
            namn: "Kustvindens Omsorg AB",
            grupp: 5,
            regi: Regi::Privat,
            insatser: &["hemtjanst"],
            omraden: &["S"],
            sprak: &["sv"],
            inriktning: &[],
            tillagg: &[],
            tak: Some(35),
        },
        U {
            namn: "Lindens Seniorboende AB",
            grupp: 5,
            regi: Regi::Privat,
            insatser: &["sarskilt-boende"],
            omraden: &["C"],
            sprak: &["sv", "fi"],
            inriktning: &["Finskspråkig avdelning"],
            tillagg: &[],
            tak: Some(36),
        },
        U {
            namn: "Myrtenhjälpen AB",
            grupp: 5,
            regi: Regi::Privat,
            insatser: &["ledsagarservice"],
            omraden: &["C", "S"],
            sprak: &["sv", "en", "es"],
            inriktning: &[],
            tillagg: &[],
            tak: None,
        },
        U {
            namn: "Nordljus Hemtjänst AB",
            grupp: 5,
            regi: Regi::Privat,
            insatser: &["hemtjanst"],
            omraden: &["N", "L"],
            sprak: &["sv", "fi", "se"],
            inriktning: &["Samiskspråkig personal"],
            tillagg: &[],
            tak: Some(45),
        },
        U {
            namn: "Rönnbärets Verkstad, ideell förening",
            grupp: 8,
            regi: Regi::Ideburen,
            insatser: &["daglig-verksamhet"],
            omraden: &["C", "N", "S", "L"],
            sprak: &["sv"],
            inriktning: &["Hantverk", "Trädgård"],
            tillagg: &[],
            tak: Some(18),
        },
        U {
            namn: "Sjöbris Omsorg HB",
            grupp: 9,
            regi: Regi::Privat,
            insatser: &["hemtjanst"],
            omraden: &["C"],
            sprak: &["sv", "pl"],
            inriktning: &[],
            tillagg: &["Fönsterputs"],
            tak: Some(25),
        },
        U {
            namn: "Åkerns Gröna Arbete AB",
            grupp: 5,
            regi: Regi::Privat,
            insatser: &["daglig-verksamhet"],
            omraden: &["L", "N"],
            sprak: &["sv"],
            inriktning: &["Djur och natur"],
            tillagg: &[],
            tak: Some(10),
        },
        U {
            namn: "Ängsbackens Vård och Omsorg AB",
            grupp: 5,
            regi: Regi::Privat,
            insatser: &["hemtjanst", "sarskilt-boende"],
            omraden: &["C", "S"],
            sprak: &["sv", "bs", "en"],
            inriktning: &[],
            tillagg: &[],
            tak: Some(50),
        },
        U {
            namn: "Östra Strandens Omsorg AB",
            grupp: 5,
            regi: Regi::Privat,
            insatser: &["hemtjanst"],
            omraden: &["C"],
            sprak: &["sv", "ti"],
            inriktning: &["HBTQ-certifierad"],
            tillagg: &[],
            tak: Some(30),
        },
    ];
    let ar = chrono::Datelike::year(&idag) - 1;
    lista
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let lop = 2_200_000 + (i as u32) * 104_729;
            let orgnr = Organisationsnummer::fran_delar(u.grupp, lop)
                .map(|o| o.to_string())
                .unwrap_or_default();
            let slug: String = u
                .namn
                .split([',', ' '])
                .next()
                .unwrap_or("omsorg")
                .to_lowercase()
                .replace(['å', 'ä'], "a")
                .replace('ö', "o");
            Utforare {
                id: String::new(),
                namn: u.namn.into(),
                organisationsnummer: orgnr,
                regi: u.regi,
                telefon: format!("0999-{:03} {:02}", 200 + i * 11, 10 + i),
                epost: format!("info@{slug}.example"),
                webb: format!("https://{slug}.example"),
                adress: format!("{} {}", GATOR[i % GATOR.len()], 2 + i),
                postnummer: format!("599 {:02}", 30 + i),
                postort: "Exempelby".into(),
                presentation: format!(
                    "{} utför {} i {}. Vi arbetar i små arbetslag så att du möter få personer.",
                    u.namn,
                    if u.insatser.len() > 1 { "flera insatser" } else { "insatsen" },
                    if u.omraden.len() > 2 { "stora delar av kommunen" } else { "några områden" }
                ),
                sprak: u.sprak.iter().map(|s| (*s).into()).collect(),
                inriktningar: u.inriktning.iter().map(|s| (*s).into()).collect(),
                tillaggstjanster: u.tillagg.iter().map(|s| (*s).into()).collect(),
                omraden: u.omraden.iter().map(|s| (*s).into()).collect(),
                godkannanden: u
                    .insatser
                    .iter()
                    .map(|kod| Godkannande {
                        insats_kod: (*kod).into(),
                        // One approval has ended, one starts next month, one provider is paused.
                        godkand_fran: if u.namn.starts_with("Ängsbacken") {
                            idag + Days::new(30)
                        } else {
                            idag - Days::new(900 - 40 * i as u64)
                        },
                        godkand_till: u.namn.starts_with("Åkerns").then(|| idag - Days::new(20)),
                        kapacitetstak: u.tak,
                        kapacitet_bekraftad: u.tak.map(|_| {
                            idag - Days::new(if i % 5 == 0 { 140 } else { 10 + i as u64 })
                        }),
                        paus_till: u.namn.starts_with("Sjöbris").then(|| idag + Days::new(21)),
                        kapacitet_fran: None,
                        kapacitet_till: None,
                    })
                    .collect(),
                kvalitet: if u.namn.starts_with("Myrten") {
                    Vec::new() // a provider without figures: the sheet says "uppgift saknas"
                } else {
                    vec![
                        Kvalitetsindikator {
                            insats_kod: Some(u.insatser[0].into()),
                            namn: "Helhetsnöjdhet".into(),
                            varde: f64::from(78 + (i * 7 % 20) as u32),
                            enhet: "%".into(),
                            ar,
                            kalla: "Socialstyrelsens brukarundersökning (exempelvärden)".into(),
                            namn_oversatt: [
                                ("fi".to_owned(), "Kokonaistyytyväisyys".to_owned()),
                                ("en".to_owned(), "Overall satisfaction".to_owned()),
                            ]
                            .into(),
                        },
                        Kvalitetsindikator {
                            insats_kod: Some(u.insatser[0].into()),
                            namn: "Personalkontinuitet, antal personal på 14 dagar".into(),
                            varde: f64::from(8 + (i * 5 % 12) as u32),
                            enhet: "personer".into(),
                            ar,
                            kalla: "Socialstyrelsens öppna jämförelser (exempelvärden)".into(),
                            // No Finnish name: a Finnish sheet shows the Swedish, marked.
                            namn_oversatt: [(
                                "en".to_owned(),
                                "Staff continuity, number of staff in 14 days".to_owned(),
                            )]
                            .into(),
                        },
                    ]
                },
                oversattningar: ["fi", "en"]
                    .into_iter()
                    .map(|sp| {
                        let o = Utforaroversattning {
                            inriktningar: demo_oversattning(u.inriktning, sp),
                            tillaggstjanster: demo_oversattning(u.tillagg, sp),
                            // Every other provider has its presentation in English.
                            presentation: if sp == "en" && i % 2 == 0 {
                                format!(
                                    "{} provides {} in {}. We work in small teams, so you meet few people.",
                                    u.namn,
                                    if u.insatser.len() > 1 { "several services" } else { "the service" },
                                    if u.omraden.len() > 2 { "much of the municipality" } else { "a few areas" }
                                )
                            } else {
                                String::new()
                            },
                        };
                        (sp.to_owned(), o)
                    })
                    .filter(|(_, o)| *o != Utforaroversattning::default())
                    .collect(),
            }
        })
        .collect()
}

/// The demo's translations of its inriktningar and tilläggstjänster. Some are missing on
/// purpose, so that the demo shows both a translated field and the Swedish one with its note;
/// a list is translated only when every item is.
fn demo_oversattning(svenska: &[&str], sprak: &str) -> Vec<String> {
    let ett = |s: &str| -> Option<&'static str> {
        Some(match (s, sprak) {
            ("Demens", "fi") => "Muistisairaudet",
            ("Demens", "en") => "Dementia",
            ("Psykisk ohälsa", "fi") => "Mielenterveys",
            ("Psykisk ohälsa", "en") => "Mental health",
            ("Palliativ vård", "fi") => "Palliatiivinen hoito",
            ("Palliativ vård", "en") => "Palliative care",
            ("Finskspråkig avdelning", "fi") => "Suomenkielinen osasto",
            ("Finskspråkig avdelning", "en") => "Finnish-speaking unit",
            ("Samiskspråkig personal", "fi") => "Saamenkielinen henkilökunta",
            ("Samiskspråkig personal", "en") => "Sami-speaking staff",
            ("Flerspråkig personal", "en") => "Multilingual staff",
            ("Hantverk", "fi") => "Käsityö",
            ("Hantverk", "en") => "Crafts",
            ("Trädgård", "fi") => "Puutarha",
            ("Trädgård", "en") => "Gardening",
            ("Fönsterputs", "en") => "Window cleaning",
            ("Storstädning", "en") => "Thorough cleaning",
            ("Landsbygd", "fi") => "Maaseutu",
            ("Landsbygd", "en") => "Rural areas",
            _ => return None,
        })
    };
    svenska
        .iter()
        .map(|s| ett(s).map(str::to_owned))
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default()
}

fn unikt_pnr(
    rng: &mut StdRng,
    anvanda: &mut HashSet<String>,
    fran_ar: i32,
    till_ar: i32,
    idag: NaiveDate,
) -> String {
    loop {
        let start = NaiveDate::from_ymd_opt(fran_ar, 1, 1).unwrap_or(idag);
        let slut = NaiveDate::from_ymd_opt(till_ar, 12, 31).unwrap_or(idag).min(idag);
        let spann = (slut - start).num_days().max(1) as u64;
        let fodd = start + Days::new(rng.random_range(0..spann));
        let p = Personnummer::fran_delar(fodd, rng.random_range(0..1000));
        if anvanda.insert(p.som_tolv_siffror().to_owned()) {
            return p.to_string();
        }
    }
}

/// Fills an empty database with a large fictional municipality: `antal_brukare` brukare and
/// `antal_utforare` providers, the same every time for the same `seed`. For benchmarks.
pub fn generera(
    store: &Store,
    antal_brukare: usize,
    antal_utforare: usize,
    seed: u64,
    idag: NaiveDate,
) -> Resultat<()> {
    let sys = system();
    let mut rng = StdRng::seed_from_u64(seed);
    store.spara_kommun(
        &sys,
        &Kommun {
            namn: "Storby kommun".into(),
            namnd: "Äldrenämnden".into(),
            adress: "Rådhuset".into(),
            postnummer: "599 00".into(),
            postort: "Storby".into(),
            telefon: "0999-200 00".into(),
            ordning: Ordningsregel::Alfabetisk,
            ordning_seed: None,
            sprak: vec!["sv".into(), "en".into()],
            byte_dagar: 0,
            svarstid_dagar: 14,
            tak_max_alder_dagar: 90,
            beslutskrav: valfri_domain::beslutsregler::Beslutskrav::default(),
        },
    )?;
    let omraden: Vec<String> = (1..=12).map(|n| format!("Z{n:02}")).collect();
    for (n, kod) in omraden.iter().enumerate() {
        store.nytt_omrade(&sys, kod, &format!("Zon {}", n + 1), n >= 9)?;
    }
    for ny in insatser() {
        store.ny_insats(&sys, &ny)?;
        store.andra_delegation(&sys, &ny.kod, delegationspunkt(&ny.kod))?;
    }
    store.ny_handlaggare(
        &sys,
        &Handlaggare {
            id: String::new(),
            namn: "Systemförvaltaren".into(),
            titel: "Systemförvaltare".into(),
            telefon: "0999-200 01".into(),
            epost: "system@storby.example".into(),
            roll: Roll::Systemforvaltare,
        },
    )?;
    let mallar = demo_utforare(idag);
    let utforare: Vec<Utforare> = (0..antal_utforare)
        .map(|i| {
            let mall = &mallar[i % mallar.len()];
            Utforare {
                namn: format!(
                    "{} {}",
                    mall.namn.split([',', ' ']).next().unwrap_or("Omsorg"),
                    i + 1
                ),
                organisationsnummer: Organisationsnummer::fran_delar(
                    5,
                    30_000_000 + i as u32 * 7919,
                )
                .map(|o| o.to_string())
                .unwrap_or_default(),
                regi: if i == 0 { Regi::EgenRegi } else { Regi::Privat },
                omraden: omraden.iter().skip(i % 12).take(1 + i % 4).cloned().collect(),
                ..mall.clone()
            }
        })
        .collect();
    store.spara_utforare_alla(&sys, &utforare, "Genererat register")?;
    let mut anvanda = HashSet::new();
    let personer: Vec<NyBrukare> = (0..antal_brukare)
        .map(|i| NyBrukare {
            personnummer: unikt_pnr(&mut rng, &mut anvanda, 1920, 2005, idag),
            fornamn: FORNAMN[rng.random_range(0..FORNAMN.len())].into(),
            efternamn: EFTERNAMN[rng.random_range(0..EFTERNAMN.len())].into(),
            adress: format!("{} {}", GATOR[i % GATOR.len()], 1 + i % 90),
            postnummer: format!("599 {:02}", i % 100),
            postort: "Storby".into(),
            omrade: Some(omraden[i % omraden.len()].clone()),
            sprak: "sv".into(),
            ..NyBrukare::default()
        })
        .collect();
    let validerade =
        personer.iter().map(|p| store.validera_brukare(p)).collect::<Resultat<Vec<_>>>()?;
    store.i_transaktion(|tx| {
        for v in &validerade {
            infoga_brukare(tx, v)?;
        }
        logg::skriv(tx, &sys, "generera", "brukare", "", &format!("{antal_brukare} brukare"))
    })
}
