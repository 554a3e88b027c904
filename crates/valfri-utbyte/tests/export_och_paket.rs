//! Exporting the register (CSV round trip, HSDS for the website), reading XLSX, brukare
//! import, and signed register packages for an office without a network.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

mod gemensamt;

use gemensamt::*;
use valfri_domain::Anvandarmeddelande;
use valfri_store::{NyBrukare, idag};
use valfri_utbyte::{Utbytesfel, brukare, export, paket, tabell, utforare};

#[test]
fn csv_round_trip_import_export_import_is_lossless() {
    let store = demo();
    let a = systemforvaltare(&store);
    let nr = orgnr(20);
    let rubrik = format!(
        "{RUBRIK};kapacitet_fran;kapacitet_till;kvalitet: Helhetsnöjdhet (%, 2025, Socialstyrelsen)"
    );
    let fil = format!(
        "{rubrik}\n{};2025-06-01;2025-08-31;\"91,5\"\n{};;;88\n",
        rad("Runda Omsorg AB", &nr, "hemtjanst", "7")
            .replace("Vi finns i centrum.", "\"Rad ett;\nrad två med \"\"citat\"\".\""),
        rad("Runda Omsorg AB", &nr, "ledsagarservice", "")
            .replace("Vi finns i centrum.", "\"Rad ett;\nrad två med \"\"citat\"\".\""),
    );
    let import = utforare::tolka(&tabell::las(fil.as_bytes()).unwrap(), &store).unwrap();
    assert!(import.ar_felfri(), "{:?}", import.fel);
    utforare::tillampa(&store, &a, &import, "test", idag()).unwrap();
    let registret = store.utforare_lista().unwrap();
    let ut1 = export::csv(&registret).unwrap();

    // Into another municipality with the same codes: the same register comes out.
    let annan = demo();
    let import2 = utforare::tolka(&tabell::las(&ut1).unwrap(), &annan).unwrap();
    assert!(import2.ar_felfri(), "{:?}", import2.fel);
    utforare::tillampa(&annan, &systemforvaltare(&annan), &import2, "test", idag()).unwrap();
    let utan_id = |l: Vec<valfri_domain::Utforare>| {
        l.into_iter()
            .map(|u| valfri_domain::Utforare { id: String::new(), ..u })
            .collect::<Vec<_>>()
    };
    assert_eq!(utan_id(annan.utforare_lista().unwrap()), utan_id(registret));
    assert_eq!(export::csv(&annan.utforare_lista().unwrap()).unwrap(), ut1);

    let u = annan.utforare(&annan.utforare_id(&nr).unwrap()).unwrap();
    assert_eq!(u.presentation, "Rad ett;\nrad två med \"citat\".");
    assert_eq!(
        u.godkannanden[0].kapacitet_till.map(|d| d.to_string()).as_deref(),
        Some("2025-08-31")
    );
    assert_eq!(u.kvalitet.iter().map(|k| k.varde).collect::<Vec<_>>(), [91.5, 88.0]);
    // And the file is what Swedish Excel expects: BOM, `;`, decimal comma.
    assert!(ut1.starts_with(b"\xEF\xBB\xBFnamn;organisationsnummer;"));
    // (The demo's translation columns come after the quality columns.)
    assert!(String::from_utf8_lossy(&ut1).contains(";91,5;"));
}

#[test]
fn hsds_has_organizations_and_services_with_areas_languages_capacity_and_assured_date() {
    let store = demo();
    let v = export::hsds(&store, idag()).unwrap();
    let org = v["organizations"].as_array().unwrap();
    let tjanster = v["services"].as_array().unwrap();
    assert_eq!(org.len(), store.utforare_lista().unwrap().len());
    let antal_godkannanden: usize =
        store.utforare_lista().unwrap().iter().map(|u| u.godkannanden.len()).sum();
    assert_eq!(tjanster.len(), antal_godkannanden);
    for o in org {
        for falt in ["id", "name", "description", "email", "website", "tax_id", "phones"] {
            assert!(o.get(falt).is_some(), "organization lacks {falt}");
        }
    }
    let bjork =
        org.iter().find(|o| o["name"].as_str().unwrap().starts_with("Björkdungens")).unwrap();
    let s = tjanster.iter().find(|s| s["organization_id"] == bjork["id"]).unwrap();
    for falt in [
        "id",
        "organization_id",
        "name",
        "status",
        "assured_date",
        "service_areas",
        "languages",
        "capacities",
    ] {
        assert!(s.get(falt).is_some(), "service lacks {falt}");
    }
    assert_eq!(s["capacities"][0]["maximum"], 2);
    assert_eq!(s["capacities"][0]["available"], 0, "the demo fills Björkdungens' two places");
    assert!(s["capacities"][0]["unit"]["name"].is_string());
    assert!(s["service_areas"].as_array().unwrap().iter().any(|a| a["name"] == "Centrum"));
    assert!(s["languages"].as_array().unwrap().iter().any(|l| l["code"] == "ar"));
    assert!(["active", "inactive", "temporarily closed"].contains(&s["status"].as_str().unwrap()));
    // UUID form, and the same id in the next export.
    let id = s["id"].as_str().unwrap();
    assert_eq!(id.len(), 36);
    assert_eq!(export::hsds(&store, idag()).unwrap()["services"], v["services"]);
}

#[test]
fn xlsx_from_excel_is_read_with_numbers_and_dates_as_people_see_them() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let store = demo();
    let mut bok = Workbook::new();
    let blad = bok.add_worksheet();
    for (i, r) in RUBRIK.split(';').enumerate() {
        blad.write_string(0, i as u16, r).unwrap();
    }
    let nr = orgnr(30);
    let datum = Format::new().set_num_format("yyyy-mm-dd");
    for (rad, insats) in [(1u32, "hemtjanst"), (2, "ledsagarservice")] {
        blad.write_string(rad, 0, "Excelgårdens Omsorg AB").unwrap();
        blad.write_string(rad, 1, &nr).unwrap();
        blad.write_string(rad, 2, "egen regi").unwrap();
        blad.write_string(rad, 3, insats).unwrap();
        blad.write_string(rad, 4, "C").unwrap();
        blad.write_datetime_with_format(
            rad,
            5,
            ExcelDateTime::from_ymd(2025, 2, 1).unwrap(),
            &datum,
        )
        .unwrap();
        blad.write_number(rad, 7, 15.0).unwrap();
        blad.write_number(rad, 17, 59930.0).unwrap();
    }
    let bytes = bok.save_to_buffer().unwrap();
    let import = utforare::tolka(&tabell::las(&bytes).unwrap(), &store).unwrap();
    assert!(import.ar_felfri(), "{:?}", import.fel);
    let u = &import.utforare[0];
    assert_eq!(u.regi, valfri_domain::Regi::EgenRegi);
    assert_eq!(u.godkannanden.len(), 2);
    assert_eq!(u.godkannanden[0].godkand_fran.to_string(), "2025-02-01");
    assert_eq!(u.godkannanden[0].kapacitetstak, Some(15));
    assert_eq!(u.postnummer, "599 30");

    // A bad cell in a workbook is reported with its sheet row.
    blad_med_fel(&store);
}

fn blad_med_fel(store: &valfri_store::Store) {
    let mut bok = rust_xlsxwriter::Workbook::new();
    let blad = bok.add_worksheet();
    for (i, r) in
        ["namn", "organisationsnummer", "regi", "insats", "godkand_fran"].iter().enumerate()
    {
        blad.write_string(0, i as u16, *r).unwrap();
    }
    for (i, v) in ["X AB", &orgnr(31), "privat", "hemtjanst", "igår"].iter().enumerate() {
        blad.write_string(3, i as u16, *v).unwrap();
    }
    let import =
        utforare::tolka(&tabell::las(&bok.save_to_buffer().unwrap()).unwrap(), store).unwrap();
    assert_eq!(
        import.fel.iter().map(|f| (f.rad, f.kolumn.as_deref(), f.kod)).collect::<Vec<_>>(),
        [(4, Some("godkand_fran"), "fel-datum")]
    );
}

#[test]
fn a_broken_workbook_is_refused_as_a_whole() {
    let mut b = b"PK\x03\x04".to_vec();
    b.extend_from_slice(&[0u8; 100]);
    let e = tabell::las(&b).unwrap_err();
    assert_eq!(e.meddelande_id(), "utbyte-fel-xlsx");
}

const BRUKARRUBRIK: &str = "personnummer;fornamn;efternamn;co;adress;postnummer;postort;omrade;sprak;storstil;skyddad;ombud_namn;ombud_adress;ombud_postnummer;ombud_postort";

#[test]
fn brukare_are_imported_all_or_nothing_with_one_log_row_each() {
    let store = demo();
    let a = systemforvaltare(&store);
    let fore = store.antal_brukare().unwrap();
    let (p1, p2) = (pnr(1941, 101), pnr(1952, 202));
    let bra = format!(
        "{BRUKARRUBRIK}\n{p1};Åke;Lind;;Ekvägen 2;59930;Exempelby;C;fi;ja;nej;;;;\n{p2};Signe;Berg;c/o Holm;Bygatan 9;59940;Exempelby;N;;nej;ja;Per Berg;Lillgatan 1;59950;Sandvik\n"
    );
    let import = brukare::tolka(&tabell::las(bra.as_bytes()).unwrap(), &store).unwrap();
    assert!(import.fel.is_empty(), "{:?}", import.fel);
    assert_eq!(import.brukare[0].sprak, "fi");
    assert!(import.brukare[0].storstil && import.brukare[1].skyddad);
    assert_eq!(import.brukare[1].ombud.len(), 1);
    let klart = brukare::tillampa(&store, &a, &import, "test.csv").unwrap();
    assert_eq!(klart.antal, 2);
    assert_eq!(store.antal_brukare().unwrap(), fore + 2);
    let logg = store.logg_for("brukare", &klart.ider[0]).unwrap();
    assert!(logg.iter().any(|p| p.handling == "skapa"), "{logg:?}");
    assert!(matches!(store.verifiera_logg().unwrap(), valfri_store::Loggstatus::Hel { .. }));

    // Again: both exist now, so both rows are refused, and a new third person is not added either.
    let p3 = pnr(1960, 303);
    let igen = format!(
        "{bra}{p3};Ny;Person;;;;;;;;;;;;\n{p3};Ny;Igen;;;;;;;;;;;;\n;Utan;Nummer;;;;;;;;;;;;\n{};X;Y;;;;;Z;;kanske;;;Gatan 1;;\n",
        pnr(1970, 404)
    );
    let import = brukare::tolka(&tabell::las(igen.as_bytes()).unwrap(), &store).unwrap();
    let fel: Vec<(usize, Option<&str>, &str)> =
        import.fel.iter().map(|f| (f.rad, f.kolumn.as_deref(), f.kod)).collect();
    assert_eq!(
        fel,
        [
            (2, Some("personnummer"), "fel-brukare-finns"),
            (3, Some("personnummer"), "fel-brukare-finns"),
            (5, Some("personnummer"), "utbyte-fel-dubbel-personnummer"),
            (6, Some("personnummer"), "fel-personnummer-form"),
            (7, Some("storstil"), "utbyte-fel-ja-nej"),
            (7, Some("ombud_namn"), "utbyte-fel-ombud-utan-namn"),
            (7, Some("ombud_namn"), "fel-falt-saknas"),
            (7, Some("ombud_postnummer"), "fel-postnummer"),
        ]
    );
    assert!(matches!(
        brukare::tillampa(&store, &a, &import, "x"),
        Err(Utbytesfel::Felrader { .. })
    ));
    assert_eq!(store.antal_brukare().unwrap(), fore + 2);
}

#[test]
fn the_store_adds_many_brukare_in_one_transaction_or_none() {
    let store = demo();
    let a = systemforvaltare(&store);
    let fore = store.antal_brukare().unwrap();
    let ny = |p: String| NyBrukare {
        personnummer: p,
        fornamn: "Test".into(),
        efternamn: "Person".into(),
        ..Default::default()
    };
    // The second is the same person again: the insert fails and the first is rolled back.
    let e = store.importera_brukare(&a, &[ny(pnr(1930, 11)), ny(pnr(1930, 11))], "x").unwrap_err();
    assert_eq!(e.index, Some(1));
    assert_eq!(store.antal_brukare().unwrap(), fore);
    let e = store.importera_brukare(&handlaggare(&store), &[ny(pnr(1930, 12))], "x").unwrap_err();
    assert_eq!(e.fel.meddelande_id(), "fel-kraver-systemforvaltare");
    assert_eq!(
        store.importera_brukare(&a, &[ny(pnr(1930, 13)), ny(pnr(1931, 14))], "x").unwrap().len(),
        2
    );
}

#[test]
fn a_register_package_moves_the_register_to_an_office_and_refuses_tampering_and_replay() {
    let central = demo();
    let kontor = demo();
    let dir = tempfile::tempdir().unwrap();
    let nyckelfil = dir.path().join("register.key");
    let pubfil = paket::skriv_nyckelpar(&nyckelfil).unwrap();
    assert!(
        matches!(paket::skriv_nyckelpar(&nyckelfil), Err(Utbytesfel::Fil { .. })),
        "never overwrites a key"
    );
    let hemlig = paket::las_hemlig_nyckel(&nyckelfil).unwrap();
    let publik = paket::las_publik_nyckel(&pubfil).unwrap();

    // The central register changes: a new provider.
    let a = systemforvaltare(&central);
    let fil = format!("{RUBRIK}\n{}\n", rad("Centralens Nya AB", &orgnr(40), "hemtjanst", "9"));
    let import = utforare::tolka(&tabell::las(fil.as_bytes()).unwrap(), &central).unwrap();
    utforare::tillampa(&central, &a, &import, "ny", idag()).unwrap();
    let p1 = paket::skapa(&central, &hemlig, idag()).unwrap();

    let ka = systemforvaltare(&kontor);
    let kontrollerat = paket::kontrollera(&p1, &publik).unwrap();
    let klart = paket::tillampa(&kontor, &ka, &kontrollerat, idag()).unwrap();
    assert_eq!(klart.paketversion, central.registerversion().unwrap());
    assert_eq!(klart.forhandsgranskning.nya.len(), 1);
    let utan_id = |l: Vec<valfri_domain::Utforare>| {
        l.into_iter()
            .map(|u| valfri_domain::Utforare { id: String::new(), ..u })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        utan_id(kontor.utforare_lista().unwrap()),
        utan_id(central.utforare_lista().unwrap())
    );

    // Replayed: the same package again is refused, and so is an older one.
    let e = paket::tillampa(&kontor, &ka, &paket::kontrollera(&p1, &publik).unwrap(), idag())
        .unwrap_err();
    assert!(matches!(e, Utbytesfel::GammalVersion { .. }), "{e:?}");
    let mut gammalt = kontrollerat.innehall.clone();
    gammalt.paketversion -= 1;
    let p0 = paket::signera(&gammalt, &hemlig).unwrap();
    let e = paket::tillampa(&kontor, &ka, &paket::kontrollera(&p0, &publik).unwrap(), idag())
        .unwrap_err();
    assert_eq!(e.meddelande_id(), "utbyte-fel-gammal-version");

    // Tampered: a cap changed in the content, or a signature from another key.
    let text = String::from_utf8(p1.clone()).unwrap();
    let andrat = text.replacen("\\\"kapacitetstak\\\":9", "\\\"kapacitetstak\\\":99", 1);
    assert_ne!(andrat, text);
    assert!(matches!(paket::kontrollera(andrat.as_bytes(), &publik), Err(Utbytesfel::Signatur)));
    let annan = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    let mut nytt = kontrollerat.innehall.clone();
    nytt.paketversion += 10;
    let falskt = paket::signera(&nytt, &annan).unwrap();
    assert!(matches!(paket::kontrollera(&falskt, &publik), Err(Utbytesfel::AnnanNyckel)));
    let kopierad_nyckel = String::from_utf8(falskt).unwrap().replace(
        &valfri_utbyte_hex(annan.verifying_key().as_bytes()),
        &valfri_utbyte_hex(publik.as_bytes()),
    );
    assert!(matches!(
        paket::kontrollera(kopierad_nyckel.as_bytes(), &publik),
        Err(Utbytesfel::Signatur)
    ));
    assert!(matches!(paket::kontrollera(b"{}", &publik), Err(Utbytesfel::PaketForm)));

    // A newer signed package is applied.
    let mut nyare = kontrollerat.innehall.clone();
    nyare.paketversion += 1;
    let p2 = paket::signera(&nyare, &hemlig).unwrap();
    let klart =
        paket::tillampa(&kontor, &ka, &paket::kontrollera(&p2, &publik).unwrap(), idag()).unwrap();
    assert_eq!(klart.registerversion, None, "same content: no new local version");
    assert_eq!(kontor.senaste_registerpaket().unwrap(), Some(nyare.paketversion));
}

fn valfri_utbyte_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
