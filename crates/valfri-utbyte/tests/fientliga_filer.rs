//! Files as an attacker or an unlucky office sends them (issue 13): formulas that Excel would
//! run, a zip bomb, percent cells, pasted personnummer, and files in the wrong encoding or with
//! the table on a later sheet. Each is read, warned about or refused with a short sentence.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod gemensamt;

use std::fmt::Write as _;

use gemensamt::*;
use valfri_domain::Anvandarmeddelande;
use valfri_store::idag;
use valfri_utbyte::tabell::{Bladgrund, Kodning, Lasval};
use valfri_utbyte::{brukare, export, tabell, utforare};

/// Every message in every language, rendered.
fn texter(m: &dyn Anvandarmeddelande) -> Vec<String> {
    let l = valfri_l10n::Localizer::new().unwrap();
    l.sprak().iter().map(|s| l.meddelande(s, m)).collect()
}

// ---------------------------------------------------------------------------------------------
// CSV injection (item 2).

/// A provider named `=HYPERLINK(…)` was imported and exported raw, so Excel ran it when the
/// municipality opened the export. Now every such cell gets a leading `'` in the export, the
/// import report warns about it (the import goes on), and export then import gives back the
/// same text, also for a text that itself begins with an apostrophe.
#[test]
fn formula_cells_are_warned_about_neutralised_on_export_and_round_trip() {
    let store = demo();
    let a = systemforvaltare(&store);
    let (nr1, nr2) = (orgnr(70), orgnr(71));
    let formel = "=HYPERLINK(\"http://angripare.example\";\"Klicka\")";
    let fil = format!(
        "{RUBRIK}\n{}\n{}\n",
        rad(&format!("\"{}\"", formel.replace('"', "\"\"")), &nr1, "hemtjanst", "3")
            .replace("0999-100 99", "+46 999 100 99")
            .replace("Vi finns i centrum.", "@SUMMA(1+1)")
            .replace(";Demens;", ";-demens, minne;"),
        rad("''=Apostrof AB", &nr2, "hemtjanst", "3"),
    );
    let import = utforare::tolka(&tabell::las(fil.as_bytes()).unwrap(), &store).unwrap();
    assert!(import.ar_felfri(), "{:?}", import.fel);
    // The second row's cell is our own export's form of "'=Apostrof AB": one apostrophe off.
    let varningar: Vec<(usize, Option<&str>, &str)> =
        import.varningar.iter().map(|f| (f.rad, f.kolumn.as_deref(), f.kod)).collect();
    assert_eq!(
        varningar,
        [
            (2, Some("namn"), "utbyte-varning-formel"),
            (2, Some("inriktning"), "utbyte-varning-formel"),
            (2, Some("telefon"), "utbyte-varning-formel"),
            (2, Some("presentation"), "utbyte-varning-formel"),
            (3, Some("namn"), "utbyte-varning-formel"),
        ]
    );
    for t in texter(&import.varningar[0]) {
        assert!(t.contains("Excel") && !t.contains("utbyte-"), "{t}");
    }
    utforare::tillampa(&store, &a, &import, "test", idag()).unwrap();
    let u = store.utforare(&store.utforare_id(&nr1).unwrap()).unwrap();
    assert_eq!((u.namn.as_str(), u.telefon.as_str()), (formel, "+46 999 100 99"));
    assert_eq!(u.presentation, "@SUMMA(1+1)");
    assert_eq!(u.inriktningar, ["-demens", "minne"]);
    assert_eq!(store.utforare(&store.utforare_id(&nr2).unwrap()).unwrap().namn, "'=Apostrof AB");

    // Hand-written apostrophes that protect nothing are kept as they are.
    let nr3 = orgnr(72);
    let fil = format!("{RUBRIK}\n{}\n", rad("'Sjöbodens' Omsorg AB", &nr3, "hemtjanst", "3"));
    let import = utforare::tolka(&tabell::las(fil.as_bytes()).unwrap(), &store).unwrap();
    assert!(import.varningar.is_empty(), "{:?}", import.varningar);
    assert_eq!(import.utforare[0].namn, "'Sjöbodens' Omsorg AB");
    utforare::tillampa(&store, &a, &import, "test", idag()).unwrap();

    let registret = store.utforare_lista().unwrap();
    let ut = export::csv(&registret).unwrap();
    let mut lasare =
        csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(&ut[3..]);
    let mut celler = 0;
    for post in lasare.records() {
        for cell in &post.unwrap() {
            celler += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "Excel would run {cell:?}"
            );
        }
    }
    assert!(celler > 100);
    let text = String::from_utf8_lossy(&ut);
    assert!(text.contains("\"'=HYPERLINK(\"\"http://angripare.example\"\";\"\"Klicka\"\")\""));
    assert!(text.contains(";'+46 999 100 99;") && text.contains(";'@SUMMA(1+1)"), "{text}");
    assert!(text.contains("''=Apostrof AB;") && text.contains("'Sjöbodens' Omsorg AB;"));

    // Round trip: another municipality imports the export and has the same texts.
    let annan = demo();
    let import = utforare::tolka(&tabell::las(&ut).unwrap(), &annan).unwrap();
    assert!(import.ar_felfri(), "{:?}", import.fel);
    utforare::tillampa(&annan, &systemforvaltare(&annan), &import, "test", idag()).unwrap();
    let utan_id = |l: Vec<valfri_domain::Utforare>| {
        l.into_iter()
            .map(|u| valfri_domain::Utforare { id: String::new(), ..u })
            .collect::<Vec<_>>()
    };
    assert_eq!(utan_id(annan.utforare_lista().unwrap()), utan_id(registret));
    assert_eq!(export::csv(&annan.utforare_lista().unwrap()).unwrap(), ut);
}

// ---------------------------------------------------------------------------------------------
// XLSX expansion (item 3).

const SS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Deflate with the fixed Huffman codes, written by hand so the test needs no compressor:
/// `fore`, then `antal` copies of 258 bytes of `a` (each 13 bits: length 258, distance 1),
/// then `efter`. The inflated size is returned with the stream.
fn deflate_bomb(fore: &str, antal: usize, efter: &str) -> (Vec<u8>, u64) {
    struct Bitar {
        ut: Vec<u8>,
        ack: u64,
        n: u32,
    }
    impl Bitar {
        /// `n` bits, least significant first (as deflate packs them).
        fn lagg(&mut self, varde: u64, n: u32) {
            self.ack |= varde << self.n;
            self.n += n;
            while self.n >= 8 {
                self.ut.push(self.ack as u8);
                self.ack >>= 8;
                self.n -= 8;
            }
        }
        /// A Huffman code, which deflate writes most significant bit first.
        fn kod(&mut self, kod: u64, n: u32) {
            let omvand = (0..n).fold(0, |acc, i| (acc << 1) | ((kod >> i) & 1));
            self.lagg(omvand, n);
        }
        fn bokstav(&mut self, b: u8) {
            if b < 144 {
                self.kod(0x30 + u64::from(b), 8);
            } else {
                self.kod(0x190 + u64::from(b) - 144, 9);
            }
        }
    }
    let mut w = Bitar { ut: Vec::with_capacity(antal * 13 / 8 + 100), ack: 0, n: 0 };
    w.lagg(1, 1); // the final block
    w.lagg(1, 2); // fixed Huffman codes
    for b in fore.bytes().chain(std::iter::once(b'a')) {
        w.bokstav(b);
    }
    // Length 258 is symbol 285 (8 bits, 0xC5); distance 1 is code 0 (5 bits).
    let kopia = (0..8).fold(0u64, |acc, i| (acc << 1) | ((0xC5 >> i) & 1));
    for _ in 0..antal {
        w.lagg(kopia, 13);
    }
    for b in efter.bytes() {
        w.bokstav(b);
    }
    w.kod(0, 7); // end of block
    w.lagg(0, 7);
    let storlek = (fore.len() + 1 + antal * 258 + efter.len()) as u64;
    (w.ut, storlek)
}

/// A workbook whose one sheet names shared string 0, the shared strings being `delade`.
fn bok_med_delade(delade: Del<'_>) -> Vec<u8> {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    let typer = format!(
        "{xml}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>"
    );
    let rot = format!(
        "{xml}<Relationships xmlns=\"{PKG}\"><Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
    );
    let bok = format!(
        "{xml}<workbook xmlns=\"{SS}\" xmlns:r=\"{REL}\"><sheets><sheet name=\"Utförare\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
    );
    let bokrel = format!(
        "{xml}<Relationships xmlns=\"{PKG}\"><Relationship Id=\"rId1\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId3\" Type=\"{REL}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
    );
    let blad = format!(
        "{xml}<worksheet xmlns=\"{SS}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>organisationsnummer</t></is></c></row></sheetData></worksheet>"
    );
    let lagrade: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", typer.into_bytes()),
        ("_rels/.rels", rot.into_bytes()),
        ("xl/workbook.xml", bok.into_bytes()),
        ("xl/_rels/workbook.xml.rels", bokrel.into_bytes()),
        ("xl/worksheets/sheet1.xml", blad.into_bytes()),
    ];
    let mut delar: Vec<Del<'_>> = lagrade
        .iter()
        .map(|(namn, data)| Del {
            namn,
            metod: 0,
            data,
            crc: crc32(data),
            storlek: data.len() as u32,
        })
        .collect();
    delar.push(delade);
    zip(&delar)
}

/// A 7 MB workbook whose `sharedStrings.xml` inflates to a gigabyte took 5 GB of memory and
/// 80 s before it was refused, and the refusal quoted the gigabyte. Now the declared size is
/// refused before anything is inflated, a part that declares less than it holds is refused
/// after one byte more than it declares, and the sentence is short.
#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated_with_a_short_sentence() {
    let fore = format!("<sst xmlns=\"{SS}\" count=\"1\" uniqueCount=\"1\"><si><t>");
    let (strom, storlek) = deflate_bomb(&fore, (1 << 30) / 258, "</t></si></sst>");
    assert!(storlek >= 1 << 30 && strom.len() < 8 << 20, "{storlek} from {}", strom.len());
    let arlig = |storlek: u64| Del {
        namn: "xl/sharedStrings.xml",
        metod: 8,
        data: &strom,
        crc: 0,
        storlek: u32::try_from(storlek).unwrap(),
    };
    // Honest about its size: refused by the sum of declared sizes.
    let e = tabell::las(&bok_med_delade(arlig(storlek))).unwrap_err();
    assert_eq!(e.meddelande_id(), "utbyte-fel-uppackad", "{e:?}");
    // Lying about it (declares 1 KB): refused when the 1 025th byte comes out.
    let e = tabell::las(&bok_med_delade(arlig(1024))).unwrap_err();
    assert_eq!(e.meddelande_id(), "utbyte-fel-delens-storlek", "{e:?}");
    for t in texter(&e) {
        assert!(t.len() < 300 && !t.contains("aaaa"), "{t}");
    }

    // A small bomb of the same kind, under the limits, is read: the check refuses sizes, not
    // compression.
    let (strom, storlek) = deflate_bomb(&fore, 100, "</t></si></sst>");
    let mut inflaterat = fore.into_bytes();
    inflaterat.extend(std::iter::repeat_n(b'a', 1 + 100 * 258));
    inflaterat.extend_from_slice(b"</t></si></sst>");
    assert_eq!(inflaterat.len() as u64, storlek);
    let del = Del {
        namn: "xl/sharedStrings.xml",
        metod: 8,
        data: &strom,
        crc: crc32(&inflaterat),
        storlek: u32::try_from(storlek).unwrap(),
    };
    let t = tabell::las(&bok_med_delade(del)).unwrap();
    assert_eq!(t.rubriker[0].len(), 1 + 100 * 258);
    assert_eq!(t.rubriker[1], "organisationsnummer");
    // …and the report quotes that 25 KB header in a few dozen characters.
    let store = demo();
    let import = utforare::tolka(&t, &store).unwrap();
    assert!(!import.fel.is_empty());
    for f in &import.fel {
        assert!(f.kolumn.as_deref().unwrap_or("").chars().count() <= 81, "{:?}", f.kolumn);
        for t in texter(f) {
            assert!(t.chars().count() < 400, "{t}");
        }
    }
}

/// Shared strings are counted while the sizes are checked: a million and more tiny texts
/// (each a `String` in calamine's memory) are refused before calamine reads them.
#[test]
fn a_workbook_of_millions_of_tiny_texts_is_refused() {
    let antal = valfri_utbyte::arbetsbok::MAX_STRANGAR + 1;
    let mut delade = format!("<sst xmlns=\"{SS}\">").into_bytes();
    for _ in 0..antal {
        delade.extend_from_slice(b"<si><t>a</t></si>");
    }
    delade.extend_from_slice(b"</sst>");
    let del = Del {
        namn: "xl/sharedStrings.xml",
        metod: 0,
        data: &delade,
        crc: crc32(&delade),
        storlek: delade.len() as u32,
    };
    let e = tabell::las(&bok_med_delade(del)).unwrap_err();
    assert_eq!(e.meddelande_id(), "utbyte-fel-strangar", "{e:?}");
}

/// A 100 000-character header or cell in a CSV file is quoted back in a few dozen characters.
#[test]
fn a_huge_bad_value_is_quoted_back_short() {
    let store = demo();
    let lang = "x".repeat(100_000);
    let fil = format!(
        "{RUBRIK};{lang}\n{}\n",
        rad("Lång AB", &orgnr(80), "hemtjanst", &lang).replace("privat", &lang)
    );
    let import = utforare::tolka(&tabell::las(fil.as_bytes()).unwrap(), &store).unwrap();
    assert_eq!(import.fel.len(), 1, "{:?}", import.fel);
    let fil = format!(
        "{RUBRIK}\n{}\n",
        rad("Lång AB", &orgnr(80), "hemtjanst", &lang).replace("privat", &lang)
    );
    let import2 = utforare::tolka(&tabell::las(fil.as_bytes()).unwrap(), &store).unwrap();
    assert_eq!(import2.fel.len(), 2, "{:?}", import2.fel);
    // The store's own check quotes an unknown område code whole; the report does not.
    let brukarfil =
        format!("personnummer;fornamn;efternamn;omrade\n{};Lång;Testsson;{lang}\n", pnr(1950, 9));
    let import3 = brukare::tolka(&tabell::las(brukarfil.as_bytes()).unwrap(), &store).unwrap();
    assert_eq!(import3.fel.len(), 1, "{:?}", import3.fel);
    for f in import.fel.iter().chain(&import2.fel).chain(&import3.fel) {
        assert!(f.kolumn.as_deref().unwrap_or("").chars().count() <= 81);
        for t in texter(f) {
            assert!(t.chars().count() < 300, "{t}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Percent cells (item 7).

/// A quality figure formatted `90,9 %` in Excel is the number 0.909 in the file; it was stored
/// as 0.909 in a column whose unit is `%`. The cell's number format says it is shown times 100.
#[test]
fn a_percent_formatted_cell_is_read_as_the_percentage_shown() {
    use rust_xlsxwriter::{Format, Workbook};
    let store = demo();
    let mut bok = Workbook::new();
    let blad = bok.add_worksheet();
    let rubriker = [
        "namn",
        "organisationsnummer",
        "regi",
        "insats",
        "godkand_fran",
        "kvalitet: Helhetsnöjdhet (%, 2025, Socialstyrelsen)",
        "kvalitet: Bemötande (%, 2025, Socialstyrelsen)",
        "kvalitet: Väntetid (dagar, 2025, Kommunen)",
    ];
    for (i, r) in rubriker.iter().enumerate() {
        blad.write_string(0, i as u16, *r).unwrap();
    }
    let procent = Format::new().set_num_format("0.0 %");
    let heltal_procent = Format::new().set_num_format("0%");
    for (rad, (nr, insats)) in
        [(orgnr(90), "hemtjanst"), (orgnr(91), "hemtjanst")].iter().enumerate()
    {
        let rad = rad as u32 + 1;
        for (i, v) in
            ["Procentgårdens Omsorg AB", nr, "privat", insats, "2025-01-01"].iter().enumerate()
        {
            blad.write_string(rad, i as u16, *v).unwrap();
        }
        blad.write_number_with_format(rad, 5, 0.909, &procent).unwrap();
        blad.write_number_with_format(rad, 6, 0.87, &heltal_procent).unwrap();
        blad.write_number(rad, 7, 12.5).unwrap();
    }
    let t = tabell::las(&bok.save_to_buffer().unwrap()).unwrap();
    assert_eq!(t.rader[0].celler[5..], ["90.9", "87", "12.5"]);
    let import = utforare::tolka(&t, &store).unwrap();
    assert!(import.ar_felfri(), "{:?}", import.fel);
    let varden: Vec<(&str, f64)> =
        import.utforare[0].kvalitet.iter().map(|k| (k.enhet.as_str(), k.varde)).collect();
    assert_eq!(varden, [("%", 90.9), ("%", 87.0), ("dagar", 12.5)]);
}

// ---------------------------------------------------------------------------------------------
// Personnummer (item 10).

const BRUKARRUBRIK: &str = "personnummer;fornamn;efternamn;postnummer;postort";

/// Personnummer pasted with an en dash, a minus sign, a no-break space, full-width or
/// Arabic-Indic digits were refused as "fel form"; a birth date after today was accepted.
#[test]
fn brukare_import_reads_pasted_personnummer_and_refuses_the_unborn() {
    let store = demo();
    let a = systemforvaltare(&store);
    let arabisk = |s: &str| -> String {
        s.chars()
            .map(|c| c.to_digit(10).map_or(c, |d| char::from_u32(0x660 + d).unwrap()))
            .collect()
    };
    let helbredd = |s: &str| -> String {
        s.chars()
            .map(|c| c.to_digit(10).map_or(c, |d| char::from_u32(0xFF10 + d).unwrap()))
            .collect()
    };
    let nummer = [pnr(1940, 1), pnr(1941, 2), pnr(1942, 3), pnr(1943, 4), pnr(1944, 5)];
    let skrivna = [
        nummer[0].replace('-', "\u{2013}"),
        nummer[1].replace('-', "\u{2212}"),
        nummer[2].replace('-', "\u{A0}"),
        helbredd(&nummer[3]).replace('-', "\u{FF0D}"),
        arabisk(&nummer[4]),
    ];
    let mut rader = String::new();
    for (i, p) in skrivna.iter().enumerate() {
        writeln!(rader, "{p};Inklistrad{i};Testsson;59930;Exempelby").unwrap();
    }
    let fil = format!("{BRUKARRUBRIK}\n{rader}");
    let import = brukare::tolka(&tabell::las(fil.as_bytes()).unwrap(), &store).unwrap();
    assert!(import.fel.is_empty(), "{:?}", import.fel);
    let klart = brukare::tillampa(&store, &a, &import, "test").unwrap();
    assert_eq!(klart.antal, 5);
    for p in &nummer {
        let t = store.sok_brukare(&a, p, 5).unwrap();
        assert_eq!(t.len(), 1, "{p}");
        assert_eq!(&t[0].personnummer, p);
    }

    let ofodd = valfri_domain::Personnummer::fran_delar(idag() + chrono::Days::new(1), 7);
    let fore = store.antal_brukare().unwrap();
    let fil = format!(
        "{BRUKARRUBRIK}\n{};Född;Imorgon;59930;Exempelby\n{};Född;Förr;59930;Exempelby\n",
        ofodd,
        pnr(1945, 6)
    );
    let import = brukare::tolka(&tabell::las(fil.as_bytes()).unwrap(), &store).unwrap();
    assert_eq!(
        import.fel.iter().map(|f| (f.rad, f.kolumn.as_deref(), f.kod)).collect::<Vec<_>>(),
        [(2, Some("personnummer"), "fel-personnummer-framtid")]
    );
    assert!(brukare::tillampa(&store, &a, &import, "test").is_err());
    assert_eq!(store.antal_brukare().unwrap(), fore);
    for t in texter(&import.fel[0]) {
        assert!(!t.contains("fel-") && t.len() > 20, "{t}");
    }
}

// ---------------------------------------------------------------------------------------------
// Encodings and sheets (item 11).

fn provider_fil(namn: &str) -> String {
    format!(
        "Namn;Organisationsnummer;Regi;Insats;Godkänd från;Områden\r\n{namn};{};privat;hemtjanst;2025-01-01;C\r\n",
        orgnr(100)
    )
}

/// UTF-16 (with and without its mark, either byte order), a UTF-8 mark before Windows-1252
/// text, and Mac Roman were read as Windows-1252 and gave a page of unknown columns. Now each
/// is read in its encoding, and the report names it in one sentence.
#[test]
fn csv_in_other_encodings_is_read_and_the_encoding_named() {
    let store = demo();
    let text = provider_fil("Åkerö Vård & Omsorg AB");
    let utf16 = |le: bool, bom: bool| -> Vec<u8> {
        let mut b: Vec<u8> = if !bom {
            Vec::new()
        } else if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for e in text.encode_utf16() {
            b.extend_from_slice(&if le { e.to_le_bytes() } else { e.to_be_bytes() });
        }
        b
    };
    let win = encoding_rs::WINDOWS_1252.encode(&text).0.into_owned();
    let mac = encoding_rs::MACINTOSH.encode(&text).0.into_owned();
    let mut bom_win = b"\xEF\xBB\xBF".to_vec();
    bom_win.extend_from_slice(&win);
    assert_ne!(win, mac, "Mac Roman puts å, ä and ö elsewhere");
    let fall: [(&str, Vec<u8>, Kodning, Option<&str>); 7] = [
        ("utf-16le", utf16(true, true), Kodning::Utf16Le, Some("UTF-16")),
        ("utf-16be", utf16(false, true), Kodning::Utf16Be, Some("UTF-16")),
        ("utf-16le utan bom", utf16(true, false), Kodning::Utf16Le, Some("UTF-16")),
        ("bom + windows-1252", bom_win, Kodning::Utf8MarkeringMenWindows1252, Some("UTF-8")),
        ("mac roman", mac, Kodning::MacRoman, Some("Mac Roman")),
        ("windows-1252", win, Kodning::Windows1252, Some("Windows-1252")),
        ("utf-8", text.clone().into_bytes(), Kodning::Utf8, None),
    ];
    for (namn, bytes, kodning, mening) in fall {
        let t = tabell::las(&bytes).unwrap();
        assert_eq!(t.kodning, Some(kodning), "{namn}");
        let import = utforare::tolka(&t, &store).unwrap();
        assert!(import.ar_felfri(), "{namn}: {:?}", import.fel);
        assert_eq!(import.utforare[0].namn, "Åkerö Vård & Omsorg AB", "{namn}");
        let upplysningar = t.upplysningar();
        match mening {
            None => assert!(upplysningar.is_empty(), "{namn}"),
            Some(ord) => {
                assert_eq!(upplysningar.len(), 1, "{namn}");
                for t in texter(&upplysningar[0]) {
                    assert!(t.contains(ord) && !t.contains("utbyte-"), "{namn}: {t}");
                }
            }
        }
    }
}

/// A workbook whose first sheet is instructions gave the instructions' text as unknown columns.
/// The sheet with the expected header is read, the report says which, and a sheet can be named.
#[test]
fn the_sheet_with_the_expected_header_is_read_and_named() {
    use rust_xlsxwriter::Workbook;
    let store = demo();
    let mut bok = Workbook::new();
    let instr = bok.add_worksheet().set_name("Instruktioner").unwrap();
    instr.write_string(0, 0, "Fyll i ett blad per utförare och insats.").unwrap();
    instr.write_string(2, 0, "Datum skrivs ÅÅÅÅ-MM-DD.").unwrap();
    let _diagram = bok.add_worksheet().set_name("Tom").unwrap();
    let blad = bok.add_worksheet().set_name("Utförare 2025").unwrap();
    for (i, r) in
        ["Namn", "Organisationsnummer", "Regi", "Insats", "Godkänd från"].iter().enumerate()
    {
        blad.write_string(0, i as u16, *r).unwrap();
    }
    for (i, v) in ["Bladvalets Omsorg AB", &orgnr(110), "privat", "hemtjanst", "2025-01-01"]
        .iter()
        .enumerate()
    {
        blad.write_string(1, i as u16, *v).unwrap();
    }
    let bytes = bok.save_to_buffer().unwrap();
    let kravda = utforare::kravda_rubriker();
    let val = Lasval { blad: None, rubriker: &kravda };
    let t = tabell::las_med(&bytes, &val).unwrap();
    let blad = t.blad.clone().unwrap();
    assert_eq!((blad.namn.as_str(), blad.hur), ("Utförare 2025", Bladgrund::Rubrik));
    let import = utforare::tolka(&t, &store).unwrap();
    assert!(import.ar_felfri(), "{:?}", import.fel);
    assert_eq!(import.utforare[0].namn, "Bladvalets Omsorg AB");
    let u = t.upplysningar();
    assert_eq!(u.len(), 1);
    for t in texter(&u[0]) {
        assert!(t.contains("”Utförare 2025”") && t.contains("Instruktioner"), "{t}");
    }

    // Named: read as asked, even the instructions (whose report then lists missing columns).
    let t = tabell::las_med(&bytes, &Lasval { blad: Some("instruktioner"), ..val }).unwrap();
    assert_eq!(
        t.blad.as_ref().map(|b| (b.namn.as_str(), b.hur)),
        Some(("Instruktioner", Bladgrund::Namngivet))
    );
    assert!(!utforare::tolka(&t, &store).unwrap().ar_felfri());
    let e = tabell::las_med(&bytes, &Lasval { blad: Some("Blad9"), ..val }).unwrap_err();
    assert_eq!(e.meddelande_id(), "utbyte-fel-blad-saknas");
    for t in texter(&e) {
        assert!(t.contains("Blad9") && t.contains("Utförare 2025"), "{t}");
    }
    // A sheet named for a CSV file is a mistake to say, not to ignore.
    let e = tabell::las_med(provider_fil("X AB").as_bytes(), &Lasval { blad: Some("X"), ..val })
        .unwrap_err();
    assert_eq!(e.meddelande_id(), "utbyte-fel-blad-i-csv");

    // No sheet fits (a brukare file's header): the first readable one, and a sentence saying so.
    let t = tabell::las_med(&bytes, &Lasval { blad: None, rubriker: brukare::KRAVS }).unwrap();
    assert_eq!(
        t.blad.as_ref().map(|b| (b.namn.as_str(), b.hur)),
        Some(("Instruktioner", Bladgrund::Forsta))
    );
    assert_eq!(t.upplysningar()[0].id, "utbyte-blad-forsta");
}
