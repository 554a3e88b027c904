//! The fictional municipality the tests import into, and files to import.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure
#![allow(dead_code)]

use chrono::NaiveDate;
use valfri_domain::{Organisationsnummer, Personnummer, Roll};
use valfri_store::{Aktor, Store, demo, idag};

/// A fresh demo municipality (Exempelby kommun, fictional) in memory.
pub fn demo() -> Store {
    let store = Store::open_i_minnet().unwrap();
    demo::skapa_demo(&store, idag()).unwrap();
    store
}

pub fn systemforvaltare(store: &Store) -> Aktor {
    let h = store
        .handlaggare_lista()
        .unwrap()
        .into_iter()
        .find(|h| h.roll == Roll::Systemforvaltare)
        .unwrap();
    Aktor { id: h.id, namn: h.namn, roll: h.roll }
}

pub fn handlaggare(store: &Store) -> Aktor {
    let h = store
        .handlaggare_lista()
        .unwrap()
        .into_iter()
        .find(|h| h.roll == Roll::Handlaggare)
        .unwrap();
    Aktor { id: h.id, namn: h.namn, roll: h.roll }
}

/// A valid, fictional organisationsnummer (aktiebolag group 5).
pub fn orgnr(n: u32) -> String {
    Organisationsnummer::fran_delar(5, 90_000_000 + n).unwrap().to_string()
}

/// A valid, fictional personnummer.
pub fn pnr(ar: i32, n: u16) -> String {
    Personnummer::fran_delar(NaiveDate::from_ymd_opt(ar, 3, 14).unwrap(), n).to_string()
}

pub const RUBRIK: &str = "namn;organisationsnummer;regi;insats;omraden;godkand_fran;godkand_till;kapacitetstak;kapacitet_bekraftad;paus_till;sprak;inriktning;tillaggstjanster;telefon;epost;webb;adress;postnummer;postort;presentation";

/// One row with the given insats; the rest fixed and valid.
pub fn rad(namn: &str, orgnr: &str, insats: &str, tak: &str) -> String {
    format!(
        "{namn};{orgnr};privat;{insats};C, N;2025-01-01;;{tak};2025-06-01;;sv, fi;Demens;Fönsterputs;0999-100 99;info@exempel.example;https://exempel.example;Storgatan 1;59930;Exempelby;Vi finns i centrum."
    )
}

/// A minimal XLSX written by hand, its parts stored (not deflated), so a test or the fuzzer can
/// change its XML directly. `mer` is added at the end of the sheet's data (more `<row>`s).
pub fn liten_xlsx(orgnr: &str, mer: &str) -> Vec<u8> {
    const SS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
    let typer = format!(
        "{xml}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/><Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>"
    );
    let rot = format!(
        "{xml}<Relationships xmlns=\"{PKG}\"><Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
    );
    let bok = format!(
        "{xml}<workbook xmlns=\"{SS}\" xmlns:r=\"{REL}\"><sheets><sheet name=\"Utförare\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
    );
    let bokrel = format!(
        "{xml}<Relationships xmlns=\"{PKG}\"><Relationship Id=\"rId1\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"{REL}/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId3\" Type=\"{REL}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
    );
    let stil = format!(
        "{xml}<styleSheet xmlns=\"{SS}\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>"
    );
    let delade = format!(
        "{xml}<sst xmlns=\"{SS}\" count=\"2\" uniqueCount=\"2\"><si><t>organisationsnummer</t></si><si><r><t>{orgnr}</t></r></si></sst>"
    );
    let is = |r: &str, t: &str| format!("<c r=\"{r}\" t=\"inlineStr\"><is><t>{t}</t></is></c>");
    let rubriker = ["namn", "", "regi", "insats", "godkand_fran", "kapacitetstak", "sprak"];
    let mut rad1 = String::new();
    for (i, r) in rubriker.iter().enumerate() {
        let kol = char::from(b'A' + i as u8);
        rad1 += &if r.is_empty() {
            format!("<c r=\"{kol}1\" t=\"s\"><v>0</v></c>")
        } else {
            is(&format!("{kol}1"), r)
        };
    }
    let blad = format!(
        "{xml}<worksheet xmlns=\"{SS}\"><dimension ref=\"A1:G3\"/><sheetData><row r=\"1\">{rad1}</row><row r=\"2\">{}<c r=\"B2\" t=\"s\"><v>1</v></c><c r=\"C2\" t=\"str\"><f>LOWER(\"PRIVAT\")</f><v>privat</v></c>{}<c r=\"E2\" s=\"1\"><v>45658</v></c><c r=\"F2\"><v>12</v></c>{}</row><row r=\"3\">{}<c r=\"B3\" t=\"b\"><v>1</v></c><c r=\"F3\" t=\"e\"><v>#DIV/0!</v></c><c r=\"G3\"><v>1.5E+300</v></c></row>{mer}</sheetData></worksheet>",
        is("A2", "Handgjorda Omsorg &amp; Co AB"),
        is("D2", "hemtjanst"),
        is("G2", "sv, fi"),
        is("A3", "Tredje raden")
    );
    lagrad_zip(&[
        ("[Content_Types].xml", typer.as_bytes()),
        ("_rels/.rels", rot.as_bytes()),
        ("xl/workbook.xml", bok.as_bytes()),
        ("xl/_rels/workbook.xml.rels", bokrel.as_bytes()),
        ("xl/styles.xml", stil.as_bytes()),
        ("xl/sharedStrings.xml", delade.as_bytes()),
        ("xl/worksheets/sheet1.xml", blad.as_bytes()),
    ])
}

/// A zip archive of `filer`, each stored as is.
pub fn lagrad_zip(filer: &[(&str, &[u8])]) -> Vec<u8> {
    let delar: Vec<Del<'_>> = filer
        .iter()
        .map(|(namn, data)| Del {
            namn,
            metod: 0,
            data,
            crc: crc32(data),
            storlek: data.len() as u32,
        })
        .collect();
    zip(&delar)
}

pub fn crc32(data: &[u8]) -> u32 {
    let tabell: Vec<u32> = (0..256u32)
        .map(|n| (0..8).fold(n, |c, _| if c & 1 == 1 { (c >> 1) ^ 0xEDB8_8320 } else { c >> 1 }))
        .collect();
    !data.iter().fold(!0u32, |c, &b| tabell[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8))
}

/// A zip part: name, method (0 stored, 8 deflated), the bytes as stored, their CRC and the
/// inflated size the archive declares.
pub struct Del<'a> {
    pub namn: &'a str,
    pub metod: u16,
    pub data: &'a [u8],
    pub crc: u32,
    pub storlek: u32,
}

pub fn zip(delar: &[Del<'_>]) -> Vec<u8> {
    let (mut ut, mut katalog) = (Vec::new(), Vec::new());
    for d in delar {
        let plats = ut.len() as u32;
        let gemensamt = |v: &mut Vec<u8>| {
            for x in [20u16, 0, d.metod, 0, 0x21] {
                v.extend_from_slice(&x.to_le_bytes());
            }
            for x in [d.crc, d.data.len() as u32, d.storlek] {
                v.extend_from_slice(&x.to_le_bytes());
            }
            v.extend_from_slice(&(d.namn.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
        };
        ut.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        gemensamt(&mut ut);
        ut.extend_from_slice(d.namn.as_bytes());
        ut.extend_from_slice(d.data);
        katalog.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        katalog.extend_from_slice(&20u16.to_le_bytes());
        gemensamt(&mut katalog);
        for x in [0u16, 0, 0] {
            katalog.extend_from_slice(&x.to_le_bytes());
        }
        katalog.extend_from_slice(&0u32.to_le_bytes());
        katalog.extend_from_slice(&plats.to_le_bytes());
        katalog.extend_from_slice(d.namn.as_bytes());
    }
    let (kat_plats, kat_storlek) = (ut.len() as u32, katalog.len() as u32);
    ut.extend_from_slice(&katalog);
    ut.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for x in [0u16, 0, delar.len() as u16, delar.len() as u16] {
        ut.extend_from_slice(&x.to_le_bytes());
    }
    ut.extend_from_slice(&kat_storlek.to_le_bytes());
    ut.extend_from_slice(&kat_plats.to_le_bytes());
    ut.extend_from_slice(&0u16.to_le_bytes());
    ut
}
