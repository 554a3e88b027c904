//! Any input gives a report or an error: never a panic, never a partial import. Random bytes and
//! mutated valid files go to the CSV reader, the XLSX reader and the package reader.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

mod gemensamt;

use gemensamt::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use valfri_domain::Anvandarmeddelande;
use valfri_store::idag;
use valfri_utbyte::{brukare, export, paket, tabell, utforare};

/// Byte-level mutations: replace, insert or delete at a position, as a fuzzer would.
fn mutera(mut b: Vec<u8>, andringar: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(pos, byte, slag) in andringar {
        if b.is_empty() {
            b.push(byte);
            continue;
        }
        let i = pos % b.len();
        match slag % 4 {
            0 => b[i] = byte,
            1 => b.insert(i, byte),
            2 => {
                b.remove(i);
            }
            // Characters that matter to CSV: quotes, separators, line breaks.
            _ => b[i] = [b'"', b';', b',', b'\n', b'\r', 0xC3][usize::from(byte) % 6],
        }
    }
    b
}

fn andringar() -> impl Strategy<Value = Vec<(usize, u8, u8)>> {
    prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8)
}

fn runner(fall: u32) -> TestRunner {
    TestRunner::new(Config { cases: fall, failure_persistence: None, ..Config::default() })
}

#[test]
fn random_bytes_never_panic_the_readers() {
    let store = demo();
    runner(256)
        .run(&prop::collection::vec(any::<u8>(), 0..600), |bytes| {
            if let Ok(t) = tabell::las(&bytes) {
                let _ = utforare::tolka(&t, &store);
                let _ = brukare::tolka(&t, &store);
            }
            let mut zip = b"PK\x03\x04".to_vec();
            zip.extend_from_slice(&bytes);
            prop_assert!(tabell::las(&zip).is_err());
            Ok(())
        })
        .unwrap();
}

#[test]
fn mutated_valid_csv_gives_a_report_or_a_whole_import() {
    let kalla = demo();
    let giltig = export::csv(&kalla.utforare_lista().unwrap()).unwrap();
    // One store for every case: a case that imports changes it, which the next case simply
    // takes as its starting point.
    let store = demo();
    let a = systemforvaltare(&store);
    runner(64)
        .run(&andringar(), |m| {
            let fore = store.utforare_lista().unwrap();
            let version = store.registerversion().unwrap();
            let bytes = mutera(giltig.clone(), &m);
            let Ok(t) = tabell::las(&bytes) else { return Ok(()) };
            let import = utforare::tolka(&t, &store).unwrap();
            if utforare::tillampa(&store, &a, &import, "fuzz", idag()).is_ok() {
                prop_assert!(import.fel.is_empty());
            } else {
                // Refused: nothing at all changed.
                prop_assert_eq!(store.registerversion().unwrap(), version);
                prop_assert_eq!(store.utforare_lista().unwrap(), fore);
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn mutated_valid_xlsx_never_panics() {
    let mut bok = rust_xlsxwriter::Workbook::new();
    let blad = bok.add_worksheet();
    for (i, r) in RUBRIK.split(';').enumerate() {
        blad.write_string(0, i as u16, r).unwrap();
        blad.write_string(1, i as u16, "x").unwrap();
    }
    let giltig = bok.save_to_buffer().unwrap();
    let store = demo();
    runner(128)
        .run(&andringar(), |m| {
            if let Ok(t) = tabell::las(&mutera(giltig.clone(), &m)) {
                let _ = utforare::tolka(&t, &store);
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn mutated_packages_are_refused_unless_the_signed_content_is_intact() {
    let store = demo();
    let nyckel = ed25519_dalek::SigningKey::from_bytes(&[42u8; 32]);
    let giltig = paket::skapa(&store, &nyckel, idag()).unwrap();
    let original = paket::kontrollera(&giltig, &nyckel.verifying_key()).unwrap().innehall;
    runner(256)
        .run(&andringar(), |m| {
            if let Ok(p) = paket::kontrollera(&mutera(giltig.clone(), &m), &nyckel.verifying_key())
            {
                // Only a change outside what is signed (JSON whitespace) can pass.
                prop_assert_eq!(&p.innehall, &original);
            }
            Ok(())
        })
        .unwrap();
    runner(256)
        .run(&prop::collection::vec(any::<u8>(), 0..400), |b| {
            prop_assert!(paket::kontrollera(&b, &nyckel.verifying_key()).is_err());
            Ok(())
        })
        .unwrap();
}

/// Two cells far apart (A1 and the sheet's last cell, XFD1048576) made a 4 KB workbook whose
/// dense grid is 17 billion cells: asking for that memory aborted the process, past the
/// reader's panic guard. Now a sheet is read cell by cell: far-apart cells cost only their rows,
/// cells outside any Excel sheet are refused, and so is a sheet whose rows together need more
/// than `MAX_CELLER` cells.
#[test]
fn a_workbook_with_far_apart_cells_is_read_or_refused_not_allocated() {
    let store = demo();
    let las = |mer: &str| tabell::las(&liten_xlsx(&orgnr(50), mer));

    let t = las("<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>").unwrap();
    assert_eq!(t.rader.last().map(|r| (r.nr, r.celler.len())), Some((1_048_576, 16_384)));
    assert!(!utforare::tolka(&t, &store).unwrap().ar_felfri());
    let t = las("<row r=\"9\"><c r=\"XFD9\"><v>1</v></c></row><row r=\"700000\"><c r=\"A700000\"><v>1</v></c></row>").unwrap();
    assert_eq!(t.rader.iter().map(|r| r.nr).collect::<Vec<_>>(), [2, 3, 9, 700_000]);
    // A stray note to the right is kept in its column.
    let t = las("<row r=\"40\"><c r=\"AZ40\" t=\"inlineStr\"><is><t>anteckning</t></is></c></row>")
        .unwrap();
    assert_eq!(t.rader.last().map(|r| (r.nr, r.celler.len())), Some((40, 52)));

    let utanfor = [
        "<row r=\"4\"><c r=\"ZZZZZZ4\"><v>1</v></c></row>",
        "<row r=\"4294967295\"><c r=\"A4294967295\"><v>1</v></c></row>",
    ];
    let manga: String =
        (10..400).map(|r| format!("<row r=\"{r}\"><c r=\"XFD{r}\"><v>1</v></c></row>")).collect();
    for mer in utanfor.iter().copied().chain([manga.as_str()]) {
        match las(mer) {
            Err(e) => assert_eq!(e.meddelande_id(), "utbyte-fel-xlsx", "{e:?}"),
            Ok(t) => panic!("read as {} rows", t.rader.len()),
        }
    }
}

/// Found by the `csv` fuzz target (its seed komma-crlf.csv): with CRLF line ends, which Excel
/// writes, every row was reported one line too early, the first data row as line 1 (the
/// header's). A report must name the line the caseworker sees in the file.
#[test]
fn rows_of_a_crlf_file_are_reported_on_their_own_lines() {
    let store = demo();
    let fuzzfynd = format!(
        "Namn,Organisationsnummer,Regi,Insats,Områden,Godkänd från,Kapacitetstak\r\nKomma Vård AB,{},ideburen,hemtjanst,\"C, N\",2025-01-01,3\r\n",
        orgnr(21)
    );
    let t = tabell::las(fuzzfynd.as_bytes()).unwrap();
    assert_eq!(t.rader.iter().map(|r| r.nr).collect::<Vec<_>>(), [2]);
    assert!(utforare::tolka(&t, &store).unwrap().ar_felfri());

    let fil = format!(
        "{RUBRIK}\r\n{}\r\n{}\r\n\r\n{}\r\n",
        rad("Rätt AB", &orgnr(60), "hemtjanst", "2"),
        rad("Fel Datum AB", &orgnr(61), "hemtjanst", "2").replace("2025-01-01", "2025-02-30"),
        rad("Fel Tak AB", &orgnr(62), "hemtjanst", "två")
            .replace("Vi finns i centrum.", "\"Två\r\nrader\""),
    );
    let fel = utforare::tolka(&tabell::las(fil.as_bytes()).unwrap(), &store).unwrap().fel;
    assert_eq!(
        fel.iter().map(|f| (f.rad, f.kolumn.as_deref().unwrap_or(""))).collect::<Vec<_>>(),
        [(3, "godkand_fran"), (5, "kapacitetstak")]
    );
}
