//! Importing the provider register as a systemförvaltare does: a file from Excel in, a report
//! per row, a preview, then one register version, all or nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

mod gemensamt;

use gemensamt::*;
use valfri_domain::Anvandarmeddelande;
use valfri_store::idag;
use valfri_utbyte::{Utbytesfel, export, tabell, utforare};

fn las(store: &valfri_store::Store, bytes: &[u8]) -> utforare::Utforarimport {
    utforare::tolka(&tabell::las(bytes).unwrap(), store).unwrap()
}

fn fel(import: &utforare::Utforarimport) -> Vec<(usize, Option<&str>, &str)> {
    import.fel.iter().map(|f| (f.rad, f.kolumn.as_deref(), f.kod)).collect()
}

#[test]
fn rows_of_one_provider_become_one_provider_with_an_approval_per_insats() {
    let store = demo();
    let a = systemforvaltare(&store);
    let nr = orgnr(1);
    let fil = format!(
        "{RUBRIK}\n{}\n{}\n",
        rad("Ekbackens Omsorg AB", &nr, "hemtjanst", "40"),
        rad("Ekbackens Omsorg AB", &nr.replace('-', ""), "ledsagarservice", "")
    );
    let import = las(&store, fil.as_bytes());
    assert!(import.ar_felfri(), "{:?}", import.fel);
    assert_eq!(import.utforare.len(), 1);

    let g = utforare::forhandsgranska(&store, &import.utforare, idag()).unwrap();
    assert_eq!(g.nya.len(), 1);
    assert_eq!(g.nya[0].organisationsnummer, nr);
    assert!(g.andrade.is_empty());
    // The register's own providers are not in this file: left as they are, and said so.
    assert_eq!(g.ej_i_filen.len(), store.utforare_lista().unwrap().len());

    let fore = store.registerversion().unwrap();
    let klart = utforare::tillampa(&store, &a, &import, "test", idag()).unwrap();
    assert_eq!(klart.version, Some(fore + 1));
    let u = store.utforare(&store.utforare_id(&nr).unwrap()).unwrap();
    assert_eq!(
        u.godkannanden.iter().map(|g| g.insats_kod.as_str()).collect::<Vec<_>>(),
        ["hemtjanst", "ledsagarservice"]
    );
    assert_eq!(u.godkannanden[0].kapacitetstak, Some(40));
    assert_eq!(u.postnummer, "599 30");
    assert_eq!(u.sprak, ["sv", "fi"]);

    // The same file again changes nothing and makes no new version.
    let igen =
        utforare::tillampa(&store, &a, &las(&store, fil.as_bytes()), "test", idag()).unwrap();
    assert_eq!(igen.version, None);
    assert_eq!(igen.forhandsgranskning.oforandrade, 1);
}

#[test]
fn utf8_with_bom_comma_separator_quoted_line_breaks_and_decimal_comma() {
    let store = demo();
    let nr = orgnr(2);
    let rubrik = RUBRIK.replace(';', ",")
        + ",\"kvalitet: Helhetsnöjdhet (%, 2025, Socialstyrelsens brukarundersökning (exempel))\"";
    let fil = format!(
        "\u{FEFF}{rubrik}\r\n\"Åsgårdens Vård AB\",{nr},idéburen,hemtjanst,\"C,S\",2025-01-01,,12,,,sv,,,,,,,,,\"Första raden.\r\nAndra raden.\",\"91,5\"\r\n"
    );
    let import = las(&store, fil.as_bytes());
    assert!(import.ar_felfri(), "{:?}", import.fel);
    let u = &import.utforare[0];
    assert_eq!(u.namn, "Åsgårdens Vård AB");
    assert_eq!(u.regi, valfri_domain::Regi::Ideburen);
    assert_eq!(u.omraden, ["C", "S"]);
    assert_eq!(u.presentation, "Första raden.\nAndra raden.");
    assert!((u.kvalitet[0].varde - 91.5).abs() < 1e-9, "{}", u.kvalitet[0].varde);
    assert_eq!(u.kvalitet[0].kalla, "Socialstyrelsens brukarundersökning (exempel)");
    assert_eq!(u.kvalitet[0].insats_kod.as_deref(), Some("hemtjanst"));
}

#[test]
fn windows_1252_and_headers_with_or_without_swedish_letters() {
    let store = demo();
    let nr = orgnr(3);
    // What Excel on a Swedish Windows writes: Windows-1252, `;`, headers as a person types them.
    let rubrik = RUBRIK
        .replace("omraden", "Områden")
        .replace("godkand_fran", "Godkänd från")
        .replace("tillaggstjanster", "TILLÄGGSTJÄNSTER");
    let text = format!("{rubrik}\r\n{}\r\n", rad("Älvängens Omsorg AB", &nr, "hemtjanst", "5"));
    let (bytes, _, olika) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!olika);
    assert!(std::str::from_utf8(&bytes).is_err(), "the test must really be Windows-1252");
    let import = las(&store, &bytes);
    assert!(import.ar_felfri(), "{:?}", import.fel);
    assert_eq!(import.utforare[0].namn, "Älvängens Omsorg AB");
    assert_eq!(import.utforare[0].tillaggstjanster, ["Fönsterputs"]);
}

#[test]
fn every_problem_is_reported_with_its_line_and_column() {
    let store = demo();
    let (a, b) = (orgnr(4), orgnr(5));
    let mut rader = vec![RUBRIK.to_owned()];
    rader.push(rad("Bra AB", &a, "hemtjanst", "3")); // line 2: fine
    let fel_siffra = {
        let mut o = orgnr(10).into_bytes();
        o[10] = b'0' + (o[10] - b'0' + 1) % 10;
        String::from_utf8(o).unwrap()
    };
    rader.push(rad("Bra AB", &fel_siffra, "hemtjanst", "3")); // 3: check digit
    rader.push(rad("Bra AB", &b, "inget-sadant", "3")); // 4: unknown insats
    rader.push(rad("Bra AB", &b, "hemtjanst", "tre")); // 5: not a whole number
    rader.push(rad("Bra AB", &b, "hemtjanst", "3").replace("2025-01-01", "2025-13-01")); // 6: date
    rader.push(rad("Bra AB", &b, "hemtjanst", "3").replace(";;3;", ";2024-01-01;3;")); // 7: ends before it starts
    rader.push(rad("Bra AB", &b, "hemtjanst", "3").replace("C, N", "C, X")); // 8: unknown område
    rader.push(rad("Bra AB", &b, "hemtjanst", "3").replace("sv, fi", "svenska")); // 9: language
    rader.push(rad("Bra AB", &b, "hemtjanst", "3").replace("59930", "1234")); // 10: postnummer
    rader.push(rad("", &b, "hemtjanst", "3")); // 11: name missing
    rader.push(rad("Bra AB", &b, "hemtjanst", "3").replace("privat", "kommunal")); // 12: regi
    rader.push(rad("Bra AB\u{202E}", &b, "hemtjanst", "3")); // 13: direction override
    rader.push(rad("Annat namn AB", &a, "ledsagarservice", "3")); // 14: differs from line 2
    rader.push(rad("Bra AB", &a, "hemtjanst", "4")); // 15: insats twice
    rader.push(rad("Bra AB", &b, "hemtjanst", "3") + ";extra"); // 16: more cells than columns
    let import = las(&store, rader.join("\n").as_bytes());
    assert_eq!(
        fel(&import),
        vec![
            (3, Some("organisationsnummer"), "fel-orgnr-kontrollsiffra"),
            (4, Some("insats"), "fel-okand-kod"),
            (5, Some("kapacitetstak"), "utbyte-fel-heltal"),
            (6, Some("godkand_fran"), "fel-datum"),
            (7, Some("godkand_till"), "fel-datum-ordning"),
            (8, Some("omraden"), "fel-okand-kod"),
            (9, Some("sprak"), "fel-okant-varde"),
            (10, Some("postnummer"), "fel-postnummer"),
            (11, Some("namn"), "fel-falt-saknas"),
            (12, Some("regi"), "utbyte-fel-regi"),
            (13, Some("namn"), "fel-falt-otillatna-tecken"),
            (14, Some("namn"), "utbyte-fel-motstridig"),
            (15, Some("insats"), "utbyte-fel-dubbel-insats"),
            (16, None, "utbyte-fel-extra-celler"),
        ]
    );
    // Every message exists in every language, with its words filled in.
    let l = valfri_l10n::Localizer::new().unwrap();
    for f in &import.fel {
        for sprak in l.sprak() {
            let t = l.meddelande(sprak, f);
            assert!(
                !t.contains("utbyte-") && !t.contains("fel-") && !t.contains('{'),
                "{sprak}: {t}"
            );
        }
    }
    assert_eq!(
        l.meddelande("sv", &import.fel[11]),
        "Värdet skiljer sig från rad 2 för samma utförare. Uppgifter om utföraren ska vara lika på alla dess rader."
    );
}

#[test]
fn a_bad_header_is_reported_on_line_one() {
    let store = demo();
    let fil =
        "namn;organisationsnummer;regi;insats;godkand_fran;kapacitetstk;kvalitet: Nöjdhet;namn\n";
    assert_eq!(
        fel(&las(&store, fil.as_bytes())),
        vec![
            (1, Some("kapacitetstk"), "utbyte-fel-okand-kolumn"),
            (1, Some("kvalitet: Nöjdhet"), "utbyte-fel-kvalitet-rubrik"),
            (1, Some("namn"), "utbyte-fel-dubbel-kolumn"),
        ]
    );
    assert_eq!(
        fel(&las(&store, b"namn;regi\n"))
            .iter()
            .filter(|f| f.2 == "utbyte-fel-kolumn-saknas")
            .count(),
        3
    );
    assert!(matches!(tabell::las(b""), Err(Utbytesfel::TomFil)));
    assert!(matches!(tabell::las(b"\n\n"), Err(Utbytesfel::TomFil)));
}

#[test]
fn one_bad_row_imports_nothing() {
    let store = demo();
    let a = systemforvaltare(&store);
    let fore_version = store.registerversion().unwrap();
    let fore = store.utforare_lista().unwrap();
    let fil = format!(
        "{RUBRIK}\n{}\n{}\n{}\n",
        rad("Ett AB", &orgnr(6), "hemtjanst", "1"),
        rad("Två AB", &orgnr(7), "hemtjanst", "x"),
        rad("Tre AB", &orgnr(8), "hemtjanst", "1")
    );
    let import = las(&store, fil.as_bytes());
    assert_eq!(import.fel.len(), 1);
    let e = utforare::tillampa(&store, &a, &import, "test", idag()).unwrap_err();
    assert!(matches!(e, Utbytesfel::Felrader { antal: 1 }));
    assert_eq!(e.meddelande_id(), "utbyte-fel-felrader");
    assert_eq!(store.registerversion().unwrap(), fore_version);
    assert_eq!(store.utforare_lista().unwrap(), fore);
}

#[test]
fn the_preview_names_changed_facts_ended_approvals_caps_and_affected_brukare() {
    let store = demo();
    let a = systemforvaltare(&store);
    let csv = String::from_utf8(export::csv(&store.utforare_lista().unwrap()).unwrap()).unwrap();
    let mut rader: Vec<String> = csv
        .trim_start_matches('\u{FEFF}')
        .split("\r\n")
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect();
    // Björkdungens (cap 2, full in the demo) lowers its cap; Almgårdens' approval ends in the past;
    // the first row of Cederhjälpen disappears (its approval ends); Dalsro gets a new phone.
    let index =
        |rader: &[String], namn: &str| rader.iter().position(|r| r.starts_with(namn)).unwrap();
    let i = index(&rader, "Björkdungens");
    rader[i] = rader[i].replace(";;2;", ";;1;");
    // The demo's dates follow the day it is made, so the end date goes into the godkand_till
    // column itself (the seventh) rather than after a fixed start date.
    let i = index(&rader, "Almgårdens");
    assert!(!rader[i].contains('"'), "a plain row: {}", rader[i]);
    let mut falt: Vec<&str> = rader[i].split(';').collect();
    assert_eq!(falt[6], "", "Almgårdens' approval has no end in the demo");
    falt[6] = "2025-01-01";
    rader[i] = falt.join(";");
    let i = index(&rader, "Cederhjälpen");
    rader.remove(i);
    let i = index(&rader, "Dalsro");
    rader[i] = rader[i].replace("0999-244 14", "0999-244 99");
    let import = las(&store, rader.join("\r\n").as_bytes());
    assert!(import.ar_felfri(), "{:?}", import.fel);
    let g = utforare::forhandsgranska(&store, &import.utforare, idag()).unwrap();
    let andrade: Vec<(&str, Vec<&str>)> =
        g.andrade.iter().map(|a| (&a.namn[..a.namn.find(' ').unwrap()], a.falt.clone())).collect();
    assert!(andrade.contains(&("Dalsro", vec!["telefon"])), "{andrade:?}");
    assert!(andrade.contains(&("Björkdungens", vec!["godkannanden"])), "{andrade:?}");
    assert!(
        g.tak
            .iter()
            .any(|t| t.namn.starts_with("Björkdungens") && t.fore == Some(2) && t.efter == Some(1))
    );
    assert!(g.avslutade.iter().any(|x| x.namn.starts_with("Almgårdens") && x.till.is_some()));
    assert!(g.avslutade.iter().any(|x| x.namn.starts_with("Cederhjälpen") && x.till.is_none()));
    let orsaker: Vec<&str> = g.paverkade.iter().map(|p| p.orsak).collect();
    assert!(orsaker.contains(&"tak") && orsaker.contains(&"upphort"), "{orsaker:?}");
    assert!(g.nya.is_empty() && g.ej_i_filen.is_empty());

    // Applying marks exactly the previewed brukare for a new choice.
    let klart = utforare::tillampa(&store, &a, &import, "test", idag()).unwrap();
    assert!(klart.version.is_some());
    let mut markerade = store.omval_beslut().unwrap();
    let mut forvantade: Vec<String> = g.paverkade.iter().map(|p| p.beslut_id.clone()).collect();
    markerade.sort();
    forvantade.sort();
    assert_eq!(markerade, forvantade);
}

#[test]
fn a_provider_cannot_be_imported_by_a_handlaggare() {
    let store = demo();
    let import = las(
        &store,
        format!("{RUBRIK}\n{}\n", rad("Ett AB", &orgnr(9), "hemtjanst", "1")).as_bytes(),
    );
    let e = utforare::tillampa(&store, &handlaggare(&store), &import, "test", idag()).unwrap_err();
    assert_eq!(e.meddelande_id(), "fel-kraver-systemforvaltare");
}
