//! The documents as a caseworker's program uses them: build the underlag, render, and read the
//! PDF back the way a reader (or a screen reader) would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::many_single_char_names)]

mod common;

use common::*;
use valfri_dokument::{Typsnitt, beslutsmeddelande, jamforelseblad, valfrihetsbrev};
use valfri_domain::Utfall;
use valfri_domain::val::Valbarhet;
use valfri_l10n::Localizer;

const MM: f32 = 72.0 / 25.4;
const A4_HOJD: f32 = 297.0 * MM;

fn verktyg() -> (Typsnitt, Localizer) {
    (Typsnitt::inbyggda().unwrap(), Localizer::new().unwrap())
}

/// Whether a piece of text starts inside the envelope window (20–110 mm from the left,
/// 45–90 mm from the top) on page 1.
fn i_fonstret(b: &Textbit) -> bool {
    let fran_toppen = (A4_HOJD - b.y) / MM;
    b.sida == 1 && (20.0..110.0).contains(&(b.x / MM)) && (45.0..90.0).contains(&fran_toppen)
}

/// The page the reply slip starts on.
fn talongsida(pdf: &Pdf, rubrik: &str) -> u32 {
    pdf.bitar.iter().find(|b| b.text.starts_with(rubrik)).map(|b| b.sida).expect("a reply slip")
}

#[test]
fn swedish_letters_round_trip_as_text_and_every_provider_is_in_the_table_once() {
    let (t, l) = verktyg();
    let mut u = valfrihetsunderlag(16);
    u.utforare[0].utforare.namn = "Ŋoađi Šámi Čuođđa ÅÄÖ åäö".into();
    let pdf = valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap();
    skriv_om_onskat("brev-16", &pdf);
    let p = Pdf::las(&pdf);
    let text = p.lopande();
    assert!(text.contains("Åsa Öberg-Ängström"), "{text}");
    assert!(text.contains("Ŋoađi Šámi Čuođđa ÅÄÖ åäö"));
    assert!(text.contains("27,5 timmar per månad"), "decimal comma in Swedish");
    assert!(text.contains("Utförarna står i bokstavsordning."));
    assert!(text.contains("Hemtjänsten Exempelby (egen regi)"), "the ickeval unit is named");
    assert!(text.contains("Kommunen har godkänt 16 utförare för hemtjänst."), "{text}");
    assert!(text.contains("2026-05-18"), "the svarsdatum");
    assert!(text.contains("lena.h@exempelby.example"));
    assert!(text.contains("Sida 1 av"));

    let talong = talongsida(&p, "Svarstalong");
    let celler = p.celler();
    for x in &u.utforare {
        let namn = &x.utforare.namn;
        let traffar: Vec<&Textbit> =
            celler.iter().filter(|b| b.sida < talong && b.text == *namn).collect();
        assert_eq!(traffar.len(), 1, "{namn} once in the table");
        if let Valbarhet::VidTak { .. } = x.status {
            let rad = traffar[0];
            assert!(
                celler.iter().any(|b| b.sida == rad.sida
                    && (b.y - rad.y).abs() < 0.5
                    && b.text.starts_with("Har ingen ledig plats just nu")),
                "{namn} is marked as at its cap"
            );
        }
    }
}

#[test]
fn nothing_but_the_address_shows_in_the_envelope_window() {
    let (t, l) = verktyg();
    let mut u = valfrihetsunderlag(5);
    u.mottagare.co = "Karl Ombudsson".into();
    let p = Pdf::las(&valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap());
    let fonster: Vec<&str> =
        p.bitar.iter().filter(|b| i_fonstret(b)).map(|b| b.text.as_str()).collect();
    assert_eq!(
        fonster,
        vec!["Åsa Öberg-Ängström", "c/o Karl Ombudsson", "Storgatan 1 B", "599 31 Exempelby"]
    );
    let pnr: Vec<&Textbit> = p.bitar.iter().filter(|b| b.text.contains(PERSONNUMMER)).collect();
    assert!(!pnr.is_empty(), "the personnummer is in the reference column");
    assert!(pnr.iter().all(|b| !i_fonstret(b)));
    // The sender is above the window.
    let kommun = p.bitar.iter().find(|b| b.text == "Exempelby kommun").unwrap();
    assert!((A4_HOJD - kommun.y) / MM < 45.0);

    let b = beslutsunderlag(Utfall::Bifall);
    let p = Pdf::las(&beslutsmeddelande(&t, &l, &b, &form("sv", false)).unwrap());
    let fonster: Vec<&str> =
        p.bitar.iter().filter(|b| i_fonstret(b)).map(|b| b.text.as_str()).collect();
    assert_eq!(fonster, vec!["Åsa Öberg-Ängström", "Storgatan 1 B", "599 31 Exempelby"]);
}

#[test]
fn an_ombuds_copy_says_so_and_whom_it_concerns_outside_the_window() {
    let (t, l) = verktyg();
    let mut u = valfrihetsunderlag(5);
    u.mottagare.namn = "Gustav Godman".into();
    u.mottagare.kopia_for = Some("Åsa Öberg-Ängström".into());
    let p = Pdf::las(&valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap());
    let kopia = p.bitar.iter().find(|b| b.text == "Kopia till ombud").expect("marked as a copy");
    assert!(!i_fonstret(kopia));
    assert!(p.text().contains("Brevet gäller Åsa Öberg-Ängström."));
    assert!(p.bitar.iter().any(|b| i_fonstret(b) && b.text == "Gustav Godman"));
}

/// The embedded font programs, decompressed, with the name their descriptor gives them (regular
/// before bold), and the
/// names the font dictionaries give: the `Type0` font's and its `CIDFont`'s (printpdf writes the
/// latter inline).
fn typsnittsprogram(pdf: &[u8]) -> (Vec<(String, Vec<u8>)>, Vec<String>) {
    let p = Pdf::las(pdf);
    let mut program = Vec::new();
    let mut fontnamn = Vec::new();
    let namn = |o: &lopdf::Object| String::from_utf8_lossy(o.as_name().unwrap()).into_owned();
    for obj in p.doc.objects.values() {
        let Ok(dict) = obj.as_dict() else { continue };
        if let Ok(lopdf::Object::Reference(id)) = dict.get(b"FontFile2") {
            let mut strom = p.doc.get_object(*id).unwrap().as_stream().unwrap().clone();
            let _ = strom.decompress();
            program.push((namn(dict.get(b"FontName").unwrap()), strom.content));
        }
        if let Ok(underfonter) = dict.get(b"DescendantFonts").and_then(lopdf::Object::as_array) {
            fontnamn.push(namn(dict.get(b"BaseFont").unwrap()));
            for u in underfonter {
                let cid = match u {
                    lopdf::Object::Reference(id) => {
                        p.doc.get_object(*id).unwrap().as_dict().unwrap()
                    }
                    annat => annat.as_dict().unwrap(),
                };
                fontnamn.push(namn(cid.get(b"BaseFont").unwrap()));
            }
        }
    }
    // Regular first: printpdf numbers the fonts in no fixed order.
    program.sort_by(|a, b| a.0[7..].cmp(&b.0[7..]));
    (program, fontnamn)
}

#[test]
fn the_font_is_embedded_as_a_subset() {
    let (t, l) = verktyg();
    let pdf = valfrihetsbrev(&t, &l, &valfrihetsunderlag(16), &form("sv", false)).unwrap();
    let (program, fontnamn) = typsnittsprogram(&pdf);
    assert_eq!(program.len(), 2, "regular and bold, both embedded");
    for (namn, bytes) in &program {
        assert!(
            bytes.len() < Typsnitt::storlek_hel_font() / 50,
            "a subset without hinting, not the whole font: {} bytes",
            bytes.len()
        );
        assert!(
            namn.len() > 7
                && namn.as_bytes()[6] == b'+'
                && namn[..6].bytes().all(|c| c.is_ascii_uppercase()),
            "subset tag in {namn}"
        );
        assert_eq!(
            fontnamn.iter().filter(|f| *f == namn).count(),
            2,
            "the Type0 font and its CIDFont are named as the descriptor: {fontnamn:?}"
        );
    }
    assert!(pdf.len() < 50 * 1024, "a two-page letter is {} bytes", pdf.len());
}

#[test]
fn letters_with_the_same_letters_share_one_subset_and_an_unusual_name_gets_its_own() {
    let (t, l) = verktyg();
    let mut a = valfrihetsunderlag(16);
    a.mottagare.namn = "Karin Berg".into();
    let mut b = valfrihetsunderlag(16);
    b.mottagare.namn = "Olof Nyström".into();
    let mut c = valfrihetsunderlag(16);
    c.mottagare.namn = "Áilu Ŋuolja".into();
    let brev = |u| typsnittsprogram(&valfrihetsbrev(&t, &l, u, &form("sv", false)).unwrap()).0;
    let (pa, pb, pc) = (brev(&a), brev(&b), brev(&c));
    assert_eq!(pa, pb, "the same subsets, with the same tags, for two ordinary names");
    assert_ne!(pa, pc, "Á and Ŋ need glyphs the shared subset does not have");
    for ((tagg_a, prog_a), (tagg_c, prog_c)) in pa.iter().zip(&pc) {
        assert_eq!(
            prog_a == prog_c,
            tagg_a == tagg_c,
            "a different subset has a different tag: {tagg_a} {tagg_c}"
        );
    }
    let pdf = valfrihetsbrev(&t, &l, &c, &form("sv", false)).unwrap();
    assert!(Pdf::las(&pdf).text().contains("Áilu Ŋuolja"));
}

#[test]
fn page_count_grows_with_the_providers_and_no_row_is_lost_across_pages() {
    let (t, l) = verktyg();
    let mut forra = 0;
    for n in [5, 40, 120] {
        let u = valfrihetsunderlag(n);
        let pdf = valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap();
        skriv_om_onskat(&format!("brev-{n}"), &pdf);
        let p = Pdf::las(&pdf);
        assert!(p.sidor() > forra, "{n} providers: {} pages", p.sidor());
        forra = p.sidor();
        let talong = talongsida(&p, "Svarstalong");
        let celler = p.celler();
        for x in &u.utforare {
            let antal =
                celler.iter().filter(|b| b.sida < talong && b.text == x.utforare.namn).count();
            assert_eq!(antal, 1, "{} with {n} providers", x.utforare.namn);
        }
        // The header row is repeated on every page the table runs onto.
        let sidor_med_rader: std::collections::BTreeSet<u32> = celler
            .iter()
            .filter(|b| b.sida < talong && u.utforare.iter().any(|x| x.utforare.namn == b.text))
            .map(|b| b.sida)
            .collect();
        for s in &sidor_med_rader {
            assert!(
                p.pa_sida(*s).iter().any(|b| b.text == "Driftsform"),
                "header on page {s} with {n} providers"
            );
        }
        // Every page of the letter says which page it is of how many; the appendix counts
        // its own pages.
        let brev = p.brevsidor();
        for s in 1..=brev {
            assert!(p.pa_sida(s).iter().any(|b| b.text == format!("Sida {s} av {brev}")));
        }
        let bilaga = p.sidor() - brev;
        for s in 1..=bilaga {
            assert!(
                p.pa_sida(brev + s)
                    .iter()
                    .any(|b| b.text == format!("Bilaga, sida {s} av {bilaga}"))
            );
        }
    }
    assert!(forra >= 5);
}

#[test]
fn the_reply_slip_lists_exactly_the_providers_that_can_be_chosen() {
    let (t, l) = verktyg();
    let u = valfrihetsunderlag(16);
    let p = Pdf::las(&valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap());
    let talong = talongsida(&p, "Svarstalong");
    assert_eq!(talong, p.brevsidor(), "the slip is the last page of the letter");
    let pa_talongen: Vec<String> = p
        .bitar
        .iter()
        .filter(|b| {
            (talong..=p.brevsidor()).contains(&b.sida)
                && u.utforare.iter().any(|x| x.utforare.namn == b.text)
        })
        .map(|b| b.text.clone())
        .collect();
    let valbara: Vec<String> = u
        .utforare
        .iter()
        .filter(|x| x.status.ar_valbar())
        .map(|x| x.utforare.namn.clone())
        .collect();
    assert_eq!(pa_talongen, valbara);
    assert!(valbara.len() < u.utforare.len());
    let text = p.text();
    assert!(text.contains("Jag vill inte välja."));
    assert!(text.contains("Namnteckning"));
    assert!(text.contains("Box 100"), "the return address");
}

#[test]
fn large_print_is_at_least_16_points_and_providers_become_blocks() {
    let (t, l) = verktyg();
    let u = valfrihetsunderlag(16);
    let pdf = valfrihetsbrev(&t, &l, &u, &form("sv", true)).unwrap();
    skriv_om_onskat("brev-storstil", &pdf);
    let p = Pdf::las(&pdf);
    // Body text: everything but the page-1 head (the envelope has its own constraints) and the
    // page footers.
    // Everything a person reads: the letterhead, the address, the reference column, the
    // summary box, the body, the reply slip, the footers and the appendix.
    assert!(p.bitar.len() > 200);
    for b in &p.bitar {
        assert!(b.storlek >= 16.0, "page {}: {} pt: {}", b.sida, b.storlek, b.text);
    }
    for del in ["Exempelby kommun", "Åsa Öberg-Ängström", "Datum", "2026-05-04", "Sida 1 av"] {
        assert!(p.pa_sida(1).iter().any(|b| b.text.starts_with(del)), "{del} on page 1");
    }
    assert!(!p.bitar.iter().any(|b| b.text == "Driftsform"), "no table header");
    assert!(p.text().contains("Driftsform: Privat"));
    assert!(p.lopande().contains("Varför inte?: Har ingen ledig plats just nu"));
}

#[test]
fn a_refusal_and_a_partial_grant_carry_the_appeal_instructions() {
    let (t, l) = verktyg();
    for utfall in [Utfall::Avslag, Utfall::DelvisBifall, Utfall::Bifall] {
        let pdf = beslutsmeddelande(&t, &l, &beslutsunderlag(utfall), &form("sv", false)).unwrap();
        skriv_om_onskat(&format!("beslut-{}", utfall.kod()), &pdf);
        let text = Pdf::las(&pdf).lopande();
        assert!(text.contains("Om du vill överklaga"), "{utfall:?}");
        assert!(
            text.contains("inom tre veckor från den dag du fick beslutet"),
            "{utfall:?}: {text}"
        );
        assert!(text.contains("förvaltningsrätten"));
        assert!(text.contains("Vård- och omsorgsnämnden"));
        assert!(text.contains("SoL 4 kap. 1 §"));
        assert_eq!(text.contains("28 timmar per månad"), utfall != Utfall::Avslag, "{utfall:?}");
    }
    let text = Pdf::las(
        &beslutsmeddelande(&t, &l, &beslutsunderlag(Utfall::Avslag), &form("sv", false)).unwrap(),
    )
    .text();
    assert!(text.contains("Avslag"));
}

#[test]
fn the_finnish_letter_is_in_finnish() {
    let (t, l) = verktyg();
    let pdf = valfrihetsbrev(&t, &l, &valfrihetsunderlag(16), &form("fi", false)).unwrap();
    skriv_om_onskat("brev-fi", &pdf);
    let p = Pdf::las(&pdf);
    let text = p.lopande();
    assert!(text.contains("Voit valita palveluntuottajan"), "{text}");
    assert!(text.contains("Vastaa viimeistään 2026-05-18."), "the summary box in Finnish");
    assert!(text.contains("27,5 tuntia kuukaudessa"));
    assert!(text.contains("Vastauslomake"));
    assert!(text.contains("Ei vapaita paikkoja juuri nyt (20/20 paikkaa on varattu)"), "{text}");
    assert!(text.contains("Ei toimi alueella, jossa asut"));
    assert!(text.contains("Sivu 1/"));
    assert!(!text.contains("Du kan"), "no Swedish left");
    let en = Pdf::las(&valfrihetsbrev(&t, &l, &valfrihetsunderlag(3), &form("en", false)).unwrap())
        .lopande();
    assert!(en.contains("27.5 hours per month"));
    // A language we have no texts for falls back to Swedish rather than failing.
    let xx = Pdf::las(&valfrihetsbrev(&t, &l, &valfrihetsunderlag(3), &form("xx", false)).unwrap())
        .lopande();
    assert!(xx.contains("Du kan välja vem som ger dig hemtjänst"));
}

#[test]
fn the_sheet_shows_the_same_facts_for_every_provider_in_the_given_order() {
    let (t, l) = verktyg();
    let u = jamforelseunderlag(40);
    let pdf = jamforelseblad(&t, &l, &u, &form("sv", false)).unwrap();
    skriv_om_onskat("blad-40", &pdf);
    let p = Pdf::las(&pdf);
    // The table: everything before the list of contact details that follows it.
    let kontakter = p.bitar.iter().find(|b| b.text == "Så når du utförarna").unwrap();
    let (ks, ky) = (kontakter.sida, kontakter.y);
    let celler: Vec<Textbit> =
        p.celler().into_iter().filter(|b| b.sida < ks || (b.sida == ks && b.y > ky)).collect();
    let mut forra = (0, f32::MAX);
    for x in &u.utforare {
        let traffar: Vec<&Textbit> = celler.iter().filter(|b| b.text == x.utforare.namn).collect();
        assert_eq!(traffar.len(), 1, "{}", x.utforare.namn);
        let plats = (traffar[0].sida, traffar[0].y);
        assert!(
            plats.0 > forra.0 || (plats.0 == forra.0 && plats.1 < forra.1),
            "in the given order"
        );
        forra = plats;
    }
    let text = p.lopande();
    // Each quality figure has its own column: the heading names it with its unit and a note
    // number; the note under the table gives source and year.
    let kolumn = |rubrik: &str| {
        celler
            .iter()
            // A narrow heading may break inside a word: compare without the spaces.
            .find(|b| b.sida == 1 && b.text.replace(' ', "") == rubrik.replace(' ', ""))
            .unwrap_or_else(|| panic!("{rubrik}: {text}"))
            .x
    };
    let (nojd, kontinuitet) =
        (kolumn("Helhetsnöjdhet, % (1)"), kolumn("Personalkontinuitet, personer på 14 dagar (2)"));
    for x in &u.utforare {
        let namn = celler.iter().find(|b| b.text == x.utforare.namn).unwrap();
        let i_raden = |kol: f32| {
            celler
                .iter()
                .find(|b| {
                    b.sida == namn.sida && (b.y - namn.y).abs() < 0.5 && (b.x - kol).abs() < 0.5
                })
                .map(|b| b.text.clone())
        };
        let (h, k) = match x.utforare.kvalitet.as_slice() {
            [h, k] => (h.varde.to_string(), k.varde.to_string().replace('.', ",")),
            _ => ("uppgift saknas".into(), "uppgift saknas".into()),
        };
        assert_eq!(i_raden(nojd), Some(h), "{}", x.utforare.namn);
        assert_eq!(i_raden(kontinuitet), Some(k), "{}", x.utforare.namn);
    }
    let not =
        |t: &str| celler.iter().find(|b| b.text == t).unwrap_or_else(|| panic!("{t}: {text}"));
    let sista_raden = celler
        .iter()
        .filter(|b| u.utforare.iter().any(|x| x.utforare.namn == b.text))
        .max_by(|a, b| a.sida.cmp(&b.sida).then(b.y.total_cmp(&a.y)))
        .unwrap();
    for n in [
        "(1) Helhetsnöjdhet: Socialstyrelsen, 2025.",
        "(2) Personalkontinuitet: Socialstyrelsen, 2025.",
    ] {
        let n = not(n);
        assert!((n.sida, -n.y) > (sista_raden.sida, -sista_raden.y), "the note is below the table");
    }
    // At least 11 pt in normal print, but for the footer (who compiled it, the page number).
    for b in p.bitar.iter().filter(|b| b.y > 30.0 * MM) {
        assert!(b.storlek >= 11.0, "{b:?}");
    }
    assert!(text.contains("Telefon: 0123-200 003. E-post: uppgift saknas."));
    assert!(
        text.contains("Sammanställt av Lena Handläggare 2026-05-04. Utförarregistrets version 7.")
    );
    assert!(text.contains("Utförarna står i bokstavsordning."));
    let sista = p.sidor();
    assert!(text.contains(&format!("Sida {sista} av {sista}")));
    let storstil = Pdf::las(&jamforelseblad(&t, &l, &u, &form("sv", true)).unwrap());
    // Everything but the footer (the bottom 35 mm: who compiled it, the page number).
    for b in storstil.bitar.iter().filter(|b| b.y > 35.0 * MM) {
        assert!(b.storlek >= 16.0, "{b:?}");
    }
}

#[test]
fn hostile_text_neither_panics_nor_leaves_the_page() {
    let (t, l) = verktyg();
    let mut u = valfrihetsunderlag(6);
    u.mottagare.namn =
        "Bartholomeus-Maximilian von Långnamnssläktens Förening för Extremt Långa Efternamn".into();
    u.utforare[0].utforare.namn = "Glada 😀 Omsorgen אבגד مرحبا 中文".into();
    u.utforare[1].utforare.namn =
        "https://www.exempel.example/".to_owned() + &"väldigt-lång-sökväg/".repeat(20);
    u.utforare[2].utforare.namn = "X".repeat(400);
    u.handlaggare.epost = format!("{}@exempelby.example", "a".repeat(150));
    u.avsandare.namnd = "Nämnd ".repeat(40);
    for storstil in [false, true] {
        let pdf = valfrihetsbrev(&t, &l, &u, &form("sv", storstil)).unwrap();
        skriv_om_onskat(&format!("brev-fientlig-{storstil}"), &pdf);
        let p = Pdf::las(&pdf);
        for b in &p.bitar {
            // The appendix is landscape in normal print.
            let (bredd, hojd) = p.sidformat(b.sida);
            assert!(b.x >= 0.0 && b.x < bredd && b.y > 0.0 && b.y < hojd, "{b:?}");
            // A rough upper bound on the width (DejaVu's widest glyphs are about 1 em).
            assert!(
                b.x + b.text.chars().count() as f32 * b.storlek * 0.45 < bredd + 2.0 * MM
                    || b.text.chars().all(|c| c == 'X' || c == '-'),
                "{b:?}"
            );
        }
        let text = p.lopande();
        assert!(text.contains('\u{FFFD}'), "a glyph the font lacks is replaced");
        // Broken with a hyphen at each line end (a run of letters is a word), nothing lost.
        assert!(
            text.replace(['-', ' '], "").contains(&"X".repeat(400)),
            "the long word is broken, not cut"
        );
    }
}

#[test]
fn the_pdf_describes_itself_for_archiving() {
    let (t, l) = verktyg();
    let p = Pdf::las(&valfrihetsbrev(&t, &l, &valfrihetsunderlag(5), &form("sv", false)).unwrap());
    let katalog = p.doc.catalog().unwrap();
    assert_eq!(katalog.get(b"Lang").unwrap().as_str().unwrap(), b"sv");
    let xmp = p
        .doc
        .get_object(katalog.get(b"Metadata").unwrap().as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap();
    let xmp = String::from_utf8_lossy(&xmp.content);
    assert!(
        xmp.contains("<pdfaid:part>2</pdfaid:part>")
            && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>")
    );
    assert!(xmp.contains("Valfrihetsinformation: hemtjänst"));
    assert!(katalog.get(b"OutputIntents").is_ok());
    let info = p
        .doc
        .get_object(p.doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap()
        .as_dict()
        .unwrap();
    assert!(info.get(b"Author").is_ok() && info.get(b"CreationDate").is_ok());
}

#[test]
fn one_typsnitt_serves_two_threads() {
    let (t, l) = verktyg();
    let u = valfrihetsunderlag(10);
    let storlekar: Vec<usize> = std::thread::scope(|s| {
        let tradar: Vec<_> = (0..2)
            .map(|_| s.spawn(|| valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap().len()))
            .collect();
        tradar.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(storlekar.iter().all(|n| *n > 1000));
}

#[test]
fn the_preview_pages_are_the_pdf_pages_with_the_same_texts() {
    let (t, l) = verktyg();
    let u = valfrihetsunderlag(16);
    let ombrutet = valfri_dokument::bryt_om_valfrihetsbrev(&t, &l, &u, &form("sv", true));
    let sidor = ombrutet.svg(&t);
    let p = Pdf::las(&ombrutet.pdf(&t).unwrap());
    assert_eq!(sidor.len(), ombrutet.antal_sidor());
    assert_eq!(sidor.len() as u32, p.bitar.iter().map(|b| b.sida).max().unwrap());
    // Every piece of text the PDF shows is in the preview of the same page.
    for b in &p.bitar {
        let esc = b
            .text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;");
        assert!(
            sidor[b.sida as usize - 1].contains(&format!(">{esc}</text>")),
            "page {}: {:?}",
            b.sida,
            b.text
        );
    }
    for uppg in &u.utforare {
        assert!(sidor.iter().any(|s| s.contains(&uppg.utforare.namn)), "{}", uppg.utforare.namn);
    }
}

#[test]
fn hostile_text_in_the_sheet_and_the_decision_stays_on_the_page() {
    let (t, l) = verktyg();
    let mut blad = jamforelseunderlag(6);
    blad.utforare[0].utforare.namn = "Robert'); DROP TABLE utforare;-- Omsorg AB".into();
    blad.utforare[1].utforare.namn = "رعاية كبار السن 🌿 בית אבות".into();
    blad.utforare[2].utforare.namn = "W".repeat(120);
    blad.utforare[3].utforare.presentation = "Ä".repeat(600);
    blad.utforare[4].utforare.presentation = "שלום עולם مرحبا بالعالم ".repeat(24);
    let mut beslut = beslutsunderlag(Utfall::Avslag);
    beslut.brukare_namn = "عبد الله Öberg 👵🏽".into();
    beslut.beslut.motivering = "Behovet är prövat. مرحبا בית 😀 ".repeat(120);
    for storstil in [false, true] {
        let pdfer = [
            ("blad", jamforelseblad(&t, &l, &blad, &form("sv", storstil)).unwrap()),
            ("beslut", beslutsmeddelande(&t, &l, &beslut, &form("sv", storstil)).unwrap()),
        ];
        for (vad, pdf) in &pdfer {
            skriv_om_onskat(&format!("{vad}-fientlig-{storstil}"), pdf);
            let p = Pdf::las(pdf);
            // The sheet is landscape, except in large print.
            let (bredd, hojd) = if *vad == "blad" && !storstil {
                (297.0 * MM, 210.0 * MM)
            } else {
                (210.0 * MM, A4_HOJD)
            };
            for b in &p.bitar {
                assert!(b.x >= 0.0 && b.x < bredd && b.y > 0.0 && b.y < hojd, "{vad}: {b:?}");
                let bred = b.text.chars().all(|c| c == 'W' || c == 'Ä');
                assert!(
                    bred || b.x + b.text.chars().count() as f32 * b.storlek * 0.45
                        < bredd + 2.0 * MM,
                    "{vad}: {b:?}"
                );
            }
            let sista = p.sidor();
            assert!(
                p.lopande().contains(&format!("Sida {sista} av {sista}")),
                "{vad}: the page count is whole"
            );
        }
        // What was typed is printed as typed: the SQL fragment is text like any other. The
        // name's cell is its lines at the same left edge, top down.
        let p = Pdf::las(&pdfer[0].1);
        let forsta = p.bitar.iter().find(|b| b.text.starts_with("Robert')")).unwrap();
        let mut cell: Vec<&Textbit> =
            p.pa_sida(forsta.sida).into_iter().filter(|b| (b.x - forsta.x).abs() < 0.1).collect();
        cell.sort_by(|a, b| b.y.total_cmp(&a.y));
        let cell: Vec<&str> = cell.iter().map(|b| b.text.as_str()).collect();
        assert!(cell.join(" ").contains("Robert'); DROP TABLE utforare;-- Omsorg AB"), "{cell:?}");
    }
}
