//! `providers import` and `brukare import` say how they read a file before the report: the
//! sheet of a workbook (chosen by its header or by `--sheet`), an encoding other than UTF-8, and
//! cells that Excel would run as formulas (issue 13).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod gemensamt;

use chrono::NaiveDate;
use gemensamt::{Kommun, text};
use valfri_domain::{Organisationsnummer, Personnummer};

fn orgnr(n: u32) -> String {
    Organisationsnummer::fran_delar(5, 92_000_000 + n).unwrap().to_string()
}

/// A workbook whose first sheet is instructions and whose second is the register.
fn arbetsbok() -> Vec<u8> {
    let mut bok = rust_xlsxwriter::Workbook::new();
    let instr = bok.add_worksheet().set_name("Instruktioner").unwrap();
    instr.write_string(0, 0, "Fyll i en rad per utförare och insats.").unwrap();
    let blad = bok.add_worksheet().set_name("Utförare").unwrap();
    for (i, r) in ["namn", "organisationsnummer", "regi", "insats", "godkand_fran", "omraden"]
        .iter()
        .enumerate()
    {
        blad.write_string(0, i as u16, *r).unwrap();
    }
    let nr = orgnr(1);
    for (i, v) in
        ["Bladets Omsorg AB", &nr, "privat", "hemtjanst", "2025-01-01", "C"].iter().enumerate()
    {
        blad.write_string(1, i as u16, *v).unwrap();
    }
    bok.save_to_buffer().unwrap()
}

#[test]
fn providers_import_reads_the_sheet_with_the_header_or_the_one_named() {
    let k = Kommun::demo();
    let fil = k.fil("register.xlsx", arbetsbok());
    let ut = k.valfri(&["providers", "import", &fil, "--dry-run"]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert!(text(&ut.stderr).contains("Bladet ”Utförare” lästes"), "{}", text(&ut.stderr));
    assert!(text(&ut.stdout).contains("Bladets Omsorg AB"), "{}", text(&ut.stdout));
    let v = k.json(&["providers", "import", &fil, "--dry-run"]);
    assert_eq!(v["lasning"][0]["kod"], "utbyte-blad-rubrik", "{v}");

    let ut = k.valfri(&["--lang", "en", "providers", "import", &fil, "--sheet", "Instruktioner"]);
    assert_eq!(ut.status.code(), Some(1));
    assert!(
        text(&ut.stderr).contains("The sheet “Instruktioner” was read."),
        "{}",
        text(&ut.stderr)
    );
    assert!(text(&ut.stdout).contains("organisationsnummer"), "{}", text(&ut.stdout));

    let ut = k.valfri(&["providers", "import", &fil, "--sheet", "Blad9"]);
    assert_eq!(ut.status.code(), Some(1));
    let fel = text(&ut.stderr);
    assert!(fel.contains("inget blad som heter ”Blad9”") && fel.contains("Utförare"), "{fel}");
    assert!(!text(&k.valfri(&["utforare"]).stdout).contains("Bladets Omsorg AB"));

    let hjalp = text(&k.valfri(&["--help"]).stdout);
    assert!(hjalp.contains("providers import FIL [--dry-run] [--sheet BLAD]"), "{hjalp}");
    assert!(hjalp.contains("brukare import FIL [--dry-run] [--sheet BLAD]"), "{hjalp}");
}

#[test]
fn brukare_import_names_the_encoding_it_read() {
    let k = Kommun::demo();
    let pnr = Personnummer::fran_delar(NaiveDate::from_ymd_opt(1950, 2, 3).unwrap(), 11);
    let text16 = format!("personnummer;fornamn;efternamn\r\n{pnr};Åsa;Öhrström\r\n");
    let mut bytes = vec![0xFF, 0xFE];
    for e in text16.encode_utf16() {
        bytes.extend_from_slice(&e.to_le_bytes());
    }
    let fil = k.fil("brukare.csv", bytes);
    let ut = k.valfri(&["brukare", "import", &fil]);
    assert_eq!(ut.status.code(), Some(0), "{}{}", text(&ut.stdout), text(&ut.stderr));
    assert!(text(&ut.stderr).contains("Filen lästes som UTF-16"), "{}", text(&ut.stderr));
    let sok = k.json(&["brukare", "search", "Öhrström"]);
    assert_eq!(sok.as_array().map(Vec::len), Some(1), "{sok}");

    // A sheet named for a CSV file is refused in a sentence.
    let ut = k.valfri(&["brukare", "import", &fil, "--sheet", "Blad1"]);
    assert_eq!(ut.status.code(), Some(1));
    assert!(text(&ut.stderr).contains("har inga blad"), "{}", text(&ut.stderr));
}

#[test]
fn providers_import_warns_about_formula_cells_and_goes_on() {
    let k = Kommun::demo();
    let rubrik = "namn;organisationsnummer;regi;insats;omraden;godkand_fran;telefon";
    let fil = k.fil(
        "formel.csv",
        format!(
            "{rubrik}\n=1+2 Omsorg AB;{};privat;hemtjanst;C;2025-01-01;+46 999 12 34\n",
            orgnr(2)
        ),
    );
    let ut = k.valfri(&["providers", "import", &fil]);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    let s = text(&ut.stdout);
    assert!(s.contains("Att känna till (importen stoppas inte):"), "{s}");
    assert!(s.contains("Rad 2, kolumn ”namn”: Värdet börjar med ett tecken"), "{s}");
    assert!(s.contains("Rad 2, kolumn ”telefon”"), "{s}");
    let export = text(&k.valfri(&["providers", "export"]).stdout);
    assert!(export.contains("\r\n'=1+2 Omsorg AB;"), "{export}");
    assert!(export.contains(";'+46 999 12 34;"), "{export}");
}
