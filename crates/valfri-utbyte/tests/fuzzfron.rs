//! Writes the fuzzers' seed files (fuzz/seeds/<target>/): small valid and nearly valid inputs
//! made with the crate's own export, the workbook writer the tests use, and the package API.
//! Not part of the normal run; the seeds are committed, and this is how they were made:
//!
//! ```text
//! cargo test -p valfri-utbyte --test fuzzfron -- --ignored
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

mod gemensamt;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use gemensamt::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use valfri_store::Store;
use valfri_utbyte::{brukare, export, paket, tabell, utforare};

/// The same fixed day and test key as fuzz/src/lib.rs: the `paket` target trusts this key.
const DAG: (i32, u32, u32) = (2026, 3, 2);
const TESTNYCKEL: [u8; 32] = *b"valfri-fuzz-testnyckel-ej-hemlig";

fn katalog(mal: &str) -> PathBuf {
    let k = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds").join(mal);
    std::fs::create_dir_all(&k).unwrap();
    k
}

fn skriv(mal: &str, namn: &str, bytes: &[u8]) {
    std::fs::write(katalog(mal).join(namn), bytes).unwrap();
}

/// How many problems the provider and the brukare validation report for a seed.
fn problem(store: &Store, bytes: &[u8]) -> (usize, usize) {
    let t = tabell::las(bytes).unwrap();
    (utforare::tolka(&t, store).unwrap().fel.len(), brukare::tolka(&t, store).unwrap().fel.len())
}

fn store() -> Store {
    let store = Store::open_i_minnet().unwrap();
    valfri_store::demo::skapa_demo(&store, NaiveDate::from_ymd_opt(DAG.0, DAG.1, DAG.2).unwrap())
        .unwrap();
    store
}

const BRUKARRUBRIK: &str = "personnummer;fornamn;efternamn;co;adress;postnummer;postort;omrade;sprak;storstil;skyddad;ombud_namn;ombud_adress;ombud_postnummer;ombud_postort;ombud_typ";

#[test]
#[ignore = "writes the committed fuzz seeds; run by hand"]
fn write_fuzz_seeds() {
    let store = store();
    let mut register = store.utforare_lista().unwrap();
    register.truncate(3);

    // CSV: what the export writes (BOM, `;`, CRLF, decimal comma).
    skriv("csv", "export-bom-semikolon.csv", &export::csv(&register).unwrap());
    let nr = orgnr(20);
    let kvalitet = format!(
        "{RUBRIK};kapacitet_fran;kapacitet_till;kvalitet: Helhetsnöjdhet (%, 2025, Socialstyrelsen)"
    );
    let flerradig = "\"Rad ett;\nrad två med \"\"citat\"\".\"";
    let fil = format!(
        "{kvalitet}\n{};2025-06-01;2025-08-31;\"91,5\"\n{};;;88\n",
        rad("Runda Omsorg AB", &nr, "hemtjanst", "7").replace("Vi finns i centrum.", flerradig),
        rad("Runda Omsorg AB", &nr, "ledsagarservice", "")
            .replace("Vi finns i centrum.", flerradig),
    );
    skriv("csv", "citat-flerradig.csv", fil.as_bytes());
    // Comma-separated, header in capitals and with å/ä/ö, as another tool writes it.
    let komma = format!(
        "Namn,Organisationsnummer,Regi,Insats,Områden,Godkänd från,Kapacitetstak\r\nKomma Vård AB,{},ideburen,hemtjanst,\"C, N\",2025-01-01,3\r\n",
        orgnr(21)
    );
    skriv("csv", "komma-crlf.csv", komma.as_bytes());
    // Windows-1252, as Excel on a Swedish Windows saves "CSV (semikolonavgränsad)".
    let w1252 =
        format!("{RUBRIK}\n{}\n", rad("Åsa Öbergs Hemtjänst", &orgnr(22), "hemtjanst", "4"));
    let (kodat, _, _) = encoding_rs::WINDOWS_1252.encode(&w1252);
    assert!(std::str::from_utf8(&kodat).is_err());
    skriv("csv", "windows-1252.csv", &kodat);
    // Nearly valid: an unknown column, and rows with a bad orgnr, date, cap and regi.
    let fel = format!(
        "{RUBRIK}\n{}\n{}\n{}\n",
        rad("Fel Nummer AB", "556000-0000", "hemtjanst", "2"),
        rad("Fel Datum AB", &orgnr(23), "hemtjanst", "tre").replace("2025-01-01", "2025-13-40"),
        rad("Fel Regi AB", &orgnr(24), "okand", "1").replace("privat", "kanske"),
    );
    skriv("csv", "radfel.csv", fel.as_bytes());
    skriv("csv", "okand-kolumn.csv", "namn;orgnr;färg\nX;1;röd\n".as_bytes());
    // Brukare, valid and with errors.
    let bra = format!(
        "\u{FEFF}{BRUKARRUBRIK}\n{};Åke;Lind;;Ekvägen 2;59930;Exempelby;C;fi;ja;nej;;;;;\n{};Signe;Berg;c/o Holm;Bygatan 9;59940;Exempelby;N;;nej;ja;Per Berg;Lillgatan 1;59950;Sandvik;god_man\n",
        pnr(1941, 101),
        pnr(1952, 202)
    );
    skriv("csv", "brukare.csv", bra.as_bytes());
    let daliga = format!(
        "{BRUKARRUBRIK}\n{0};A;B;;;;;;;;;;;;;\n{0};A;C;;;;;;;;;;;;;\n19xx;X;Y;;;;;Z;;kanske;;;Gatan 1;;;\n",
        pnr(1960, 303)
    );
    skriv("csv", "brukare-fel.csv", daliga.as_bytes());

    // XLSX: providers with date and number cells, an error cell further down, and brukare.
    let mut bok = Workbook::new();
    let blad = bok.add_worksheet();
    for (i, r) in RUBRIK.split(';').enumerate() {
        blad.write_string(0, i as u16, r).unwrap();
    }
    let datum = Format::new().set_num_format("yyyy-mm-dd");
    for (rad, insats) in [(1u32, "hemtjanst"), (2, "ledsagarservice")] {
        blad.write_string(rad, 0, "Excelgårdens Omsorg AB").unwrap();
        blad.write_string(rad, 1, orgnr(30)).unwrap();
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
        blad.write_datetime_with_format(
            rad,
            8,
            ExcelDateTime::from_ymd(2026, 1, 15).unwrap(),
            &datum,
        )
        .unwrap();
        blad.write_number(rad, 17, 59930.0).unwrap();
    }
    blad.write_string(5, 0, "Glapp AB").unwrap();
    blad.write_string(5, 5, "igår").unwrap();
    blad.write_number(5, 7, 2.5).unwrap();
    skriv("xlsx", "utforare.xlsx", &bok.save_to_buffer().unwrap());

    let mut bok = Workbook::new();
    let blad = bok.add_worksheet();
    for (i, r) in BRUKARRUBRIK.split(';').enumerate() {
        blad.write_string(1, i as u16 + 1, r).unwrap();
    }
    for (i, v) in [pnr(1941, 101).as_str(), "Åke", "Lind", "", "Ekvägen 2"].iter().enumerate() {
        blad.write_string(2, i as u16 + 1, *v).unwrap();
    }
    blad.write_number(2, 6, 59930.0).unwrap();
    // storstil as a boolean cell, read as `ja`.
    blad.write_boolean(2, 10, true).unwrap();
    skriv("xlsx", "brukare-forskjutet.xlsx", &bok.save_to_buffer().unwrap());

    // A hand-made workbook stored without compression, so the fuzzer mutates the XML itself
    // rather than deflate bytes: inline, shared and formula strings, a date-styled number,
    // a boolean and an error cell.
    let okomprimerad = liten_xlsx(&orgnr(32), "");
    let import = utforare::tolka(&tabell::las(&okomprimerad).unwrap(), &store).unwrap();
    assert!(!import.fel.is_empty() && import.fel.iter().all(|f| f.rad == 3), "{:?}", import.fel);
    let u = &import.utforare[0];
    assert_eq!(
        (u.namn.as_str(), u.godkannanden[0].godkand_fran.to_string().as_str()),
        ("Handgjorda Omsorg & Co AB", "2025-01-01")
    );
    skriv("xlsx", "okomprimerad.xlsx", &okomprimerad);

    // Packages: valid (signed with the test key), signed with another key, and the bare
    // content, which the target signs itself.
    let nyckel = ed25519_dalek::SigningKey::from_bytes(&TESTNYCKEL);
    let innehall = paket::Paketinnehall {
        paketversion: store.registerversion().unwrap(),
        skapad: "2026-03-02".into(),
        kommun: store.kommun().unwrap().namn,
        utforare: register.clone(),
    };
    let giltigt = paket::signera(&innehall, &nyckel).unwrap();
    assert!(paket::kontrollera(&giltigt, &nyckel.verifying_key()).is_ok());
    skriv("paket", "giltigt.valfripaket", &giltigt);
    let annan = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]);
    skriv("paket", "annan-nyckel.valfripaket", &paket::signera(&innehall, &annan).unwrap());
    skriv("paket", "innehall.json", serde_json::to_string(&innehall).unwrap().as_bytes());
    let en = paket::Paketinnehall {
        utforare: register[..1].to_vec(),
        paketversion: i64::MAX,
        ..innehall
    };
    // The valid seeds are valid, the others are not: a seed that fails early teaches little.
    let las = |mal: &str, namn: &str| std::fs::read(katalog(mal).join(namn)).unwrap();
    for namn in
        ["export-bom-semikolon.csv", "citat-flerradig.csv", "komma-crlf.csv", "windows-1252.csv"]
    {
        assert_eq!(problem(&store, &las("csv", namn)).0, 0, "{namn}");
    }
    // The workbook's two provider rows are clean; only the gap row (sheet row 6) is reported.
    let t = tabell::las(&las("xlsx", "utforare.xlsx")).unwrap();
    let fel = utforare::tolka(&t, &store).unwrap().fel;
    assert!(!fel.is_empty() && fel.iter().all(|f| f.rad == 6), "{fel:?}");
    assert_eq!(problem(&store, &las("csv", "brukare.csv")).1, 0);
    assert_eq!(problem(&store, &las("xlsx", "brukare-forskjutet.xlsx")).1, 0);
    assert_ne!(problem(&store, &las("csv", "brukare-fel.csv")).1, 0);
    assert_ne!(problem(&store, &las("csv", "radfel.csv")).0, 0);
    skriv("paket", "innehall-en.json", serde_json::to_string_pretty(&en).unwrap().as_bytes());
}
