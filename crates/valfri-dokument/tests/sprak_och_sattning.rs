//! The reader's language and the typesetting, read back from the PDF: register text in the
//! letter's language or marked as Swedish with an interpreter offered, hyphenated compound
//! words, numbers that never lose their unit at a line end, a reply slip that is one sheet,
//! and a decision letter that does not spill a few lines onto a page of their own.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use valfri_dokument::{Typsnitt, beslutsmeddelande, jamforelseblad, valfrihetsbrev};
use valfri_domain::Utfall;
use valfri_domain::val::Valbarhet;
use valfri_l10n::Localizer;

fn verktyg() -> (Typsnitt, Localizer) {
    (Typsnitt::inbyggda().unwrap(), Localizer::new().unwrap())
}

/// Each table cell or paragraph as one text (see `Pdf::celler`), with a word hyphenated at a
/// line end joined again: "Muisti- sairaudet" reads "Muistisairaudet".
fn celltexter(p: &Pdf) -> Vec<String> {
    p.celler().into_iter().map(|c| ihop(&c.text)).collect()
}

/// A cell's text with its words hyphenated at line ends joined again.
fn ihop(text: &str) -> String {
    let tecken: Vec<char> = text.chars().collect();
    let mut ut = String::new();
    let mut i = 0;
    while i < tecken.len() {
        let avstavat = tecken[i] == '-'
            && tecken.get(i + 1) == Some(&' ')
            && i > 0
            && tecken[i - 1].is_lowercase()
            && tecken.get(i + 2).is_some_and(|c| c.is_lowercase());
        if avstavat {
            i += 2;
            continue;
        }
        ut.push(tecken[i]);
        i += 1;
    }
    ut
}

fn hopfogad(p: &Pdf) -> String {
    celltexter(p).join("\n")
}

#[test]
fn a_finnish_sheet_prints_finnish_register_text_and_marks_the_swedish_with_an_interpreter() {
    let (t, l) = verktyg();
    let u = jamforelseunderlag(8);
    for storstil in [false, true] {
        let pdf = jamforelseblad(&t, &l, &u, &form("fi", storstil)).unwrap();
        skriv_om_onskat(&format!("blad-fi-oversatt-{storstil}"), &pdf);
        let text = hopfogad(&Pdf::las(&pdf));
        let markering = l.t("fi", "dokument-pa-svenska");
        // Providers 0 and 4 have Finnish inriktningar; 2 and 6 only Swedish ones.
        assert_eq!(text.matches("Muistisairaudet, Palliatiivinen hoito").count(), 2, "{text}");
        assert_eq!(
            text.matches(&format!("Demens, Palliativ vård {markering}")).count(),
            2,
            "{text}"
        );
        assert!(!text.contains(&format!("Muistisairaudet, Palliatiivinen hoito {markering}")));
        // The quality name with a translation is Finnish, the one without is marked.
        assert!(text.contains("Kokonaistyytyväisyys"), "{text}");
        assert!(!text.contains("Helhetsnöjdhet"), "{text}");
        // A unit the register gives in Swedish is marked with the name, once.
        assert!(
            text.contains(&format!("Personalkontinuitet, personer på 14 dagar {markering}")),
            "{text}"
        );
        // Storstädning has no Finnish: marked too. And the note says what the mark means.
        assert!(text.contains(&format!("Storstädning {markering}")), "{text}");
        assert!(text.contains(&l.t("fi", "dokument-pa-svenska-not")), "{text}");
    }
    // The Swedish sheet has no marks and no note.
    let sv = hopfogad(&Pdf::las(&jamforelseblad(&t, &l, &u, &form("sv", false)).unwrap()));
    assert!(sv.contains("Demens, Palliativ vård") && sv.contains("Helhetsnöjdhet"));
    assert!(!sv.contains(&l.t("sv", "dokument-pa-svenska")));
}

#[test]
fn a_quality_figures_unit_is_in_the_readers_language_where_the_texts_know_it() {
    let (t, l) = verktyg();
    let mut u = jamforelseunderlag(8);
    for x in &mut u.utforare {
        for k in &mut x.utforare.kvalitet {
            if k.namn == "Personalkontinuitet" {
                k.enhet = "personer".into();
            }
        }
    }
    for (sprak, storstil, rubrik) in [
        ("fi", false, "Personalkontinuitet (ruotsiksi), henkilöä (2)"),
        ("fi", true, "Personalkontinuitet (ruotsiksi), henkilöä (2): "),
        ("en", false, "Personalkontinuitet (in Swedish), people (2)"),
        ("sv", false, "Personalkontinuitet, personer (2)"),
    ] {
        let text =
            hopfogad(&Pdf::las(&jamforelseblad(&t, &l, &u, &form(sprak, storstil)).unwrap()));
        assert!(text.contains(rubrik), "{sprak} {storstil}:\n{text}");
        if sprak != "sv" {
            assert!(!text.contains("personer"), "{sprak} {storstil}:\n{text}");
        }
        // "%" is a sign and stays as it is in every language.
        assert!(text.contains(", % (1)"), "{sprak} {storstil}:\n{text}");
    }
}

#[test]
fn the_appeal_is_kept_on_one_page_and_a_delegation_point_or_box_never_loses_its_number() {
    let (t, l) = verktyg();
    // The reasons grow a sentence at a time, so the appeal meets every place on the page.
    for n in 0..60 {
        for storstil in [false, true] {
            let mut u = beslutsunderlag(Utfall::Avslag);
            u.beslut.motivering = format!("{} Slut.", "Skälen skrivs här med fler ord. ".repeat(n));
            let p = Pdf::las(&beslutsmeddelande(&t, &l, &u, &form("sv", storstil)).unwrap());
            let rubrik = p
                .bitar
                .iter()
                .find(|b| b.text == "Om du vill överklaga")
                .unwrap_or_else(|| panic!("{n} {storstil}: no appeal:\n{}", p.text()));
            let sidan: String = p
                .celler()
                .into_iter()
                .filter(|c| c.sida == rubrik.sida)
                .map(|c| ihop(&c.text))
                .collect::<Vec<_>>()
                .join("\n");
            for del in [
                "Om du inte är nöjd med beslutet kan du överklaga det.",
                "inom tre veckor från den dag du fick beslutet",
                "Box 100, 599 30 Exempelby.",
                "förvaltningsrätten. Din handläggare kan hjälpa dig att skriva överklagandet.",
            ] {
                assert!(
                    sidan.contains(del),
                    "{n} {storstil}: {del:?} not with its heading:\n{sidan}"
                );
            }
        }
    }
    // The handläggare's name and the nämnd's grow a word at a time, so "punkt 3.2" and
    // "Box 100" meet every place on the line.
    for n in 0..30 {
        for storstil in [false, true] {
            let fyll = "Ord ".repeat(n);
            let mut u = beslutsunderlag(Utfall::Bifall);
            u.handlaggare.namn = format!("{fyll}Lena");
            u.avsandare.namnd = format!("{fyll}nämnden");
            let p = Pdf::las(&beslutsmeddelande(&t, &l, &u, &form("sv", storstil)).unwrap());
            let text = hopfogad(&p);
            assert!(text.contains("punkt 3.2.") && text.contains("Box 100,"), "{n}:\n{text}");
            for (a, b) in p.bitar.iter().zip(p.bitar.iter().skip(1)) {
                let slut = a.text.trim_end();
                for (fore, efter) in [("punkt", "3.2"), ("Box", "100")] {
                    assert!(
                        !(slut.ends_with(&format!(" {fore}")) || slut == fore)
                            || !b.text.starts_with(efter),
                        "{n} {storstil}: '{}' / '{}'",
                        a.text,
                        b.text
                    );
                }
            }
        }
    }
}

#[test]
fn a_finnish_decision_names_the_law_in_finnish_and_marks_the_reasons_as_written() {
    let (t, l) = verktyg();
    let u = beslutsunderlag(Utfall::Bifall);
    let pdf = beslutsmeddelande(&t, &l, &u, &form("fi", false)).unwrap();
    skriv_om_onskat("beslut-fi-lagrum", &pdf);
    let text = hopfogad(&Pdf::las(&pdf));
    assert!(
        text.contains(&format!("SoL 4 kap. 1 § ({})", l.t("fi", "dokument-lag-sol"))),
        "{text}"
    );
    assert!(text.contains(&u.beslut.motivering), "the reasons stay as written");
    assert!(text.contains(&l.t("fi", "dokument-motivering-som-skriven")), "{text}");
}

#[test]
fn a_long_compound_word_is_hyphenated_with_a_hyphen_at_the_line_end() {
    let (t, l) = verktyg();
    let mut u = valfrihetsunderlag(6);
    let namn = "Äldreomsorgsförvaltningens hemtjänstutförarorganisationsenhet AB";
    u.utforare[1].utforare.namn = namn.into();
    let pdf = valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap();
    skriv_om_onskat("avstavning", &pdf);
    let p = Pdf::las(&pdf);
    assert!(celltexter(&p).iter().any(|c| c == namn), "{:?}", celltexter(&p));
    // In the table's name column the name takes several lines, and one ends with a hyphen
    // inside a word.
    let avstavad = p
        .bitar
        .iter()
        .find(|b| b.text.ends_with('-') && namn.contains(b.text.trim_end_matches('-')))
        .expect("a hyphen at a line end");
    let rader: Vec<&str> = p
        .pa_sida(avstavad.sida)
        .iter()
        .filter(|b| (b.x - avstavad.x).abs() < 0.1 && namn.contains(b.text.trim_end_matches('-')))
        .map(|b| b.text.as_str())
        .collect();
    assert!(rader.len() > 1, "{rader:?}");
    // Never a cut without a hyphen: each line ends at the end of a word of the name or with one.
    for r in &rader {
        assert!(r.ends_with('-') || namn.split(' ').any(|w| r.ends_with(w)), "{r} in {rader:?}");
    }
}

#[test]
fn a_postnummer_and_28_timmar_never_split_across_lines() {
    let (t, l) = verktyg();
    // Push the text along one word at a time, so that every place on the line is tried.
    for n in 0..40 {
        let fyll = "ord ".repeat(n);
        let mut b = beslutsunderlag(Utfall::Bifall);
        b.avsandare.namnd = format!("{fyll}nämnden");
        b.beslut.insats_namn = format!("{fyll}hemtjänst");
        let mut v = valfrihetsunderlag(3);
        v.insats_namn = format!("{fyll}hemtjänst");
        v.omfattning = Some(28.0);
        for (pdf, sprak) in [
            (beslutsmeddelande(&t, &l, &b, &form("sv", false)).unwrap(), "sv"),
            (beslutsmeddelande(&t, &l, &b, &form("sv", true)).unwrap(), "sv"),
            (valfrihetsbrev(&t, &l, &v, &form("sv", false)).unwrap(), "sv"),
            (valfrihetsbrev(&t, &l, &v, &form("en", true)).unwrap(), "en"),
        ] {
            let p = Pdf::las(&pdf);
            let enhet = if sprak == "en" { "hours" } else { "timmar" };
            for (a, b) in p.bitar.iter().zip(p.bitar.iter().skip(1)) {
                let slut = a.text.trim_end();
                assert!(
                    !(slut.ends_with(" 28") || slut == "28") || !b.text.starts_with(enhet),
                    "fill {n}: '{}' / '{}'",
                    a.text,
                    b.text
                );
                assert!(
                    !(slut.ends_with(" 599") || slut == "599") || !b.text.starts_with("30"),
                    "fill {n}: '{}' / '{}'",
                    a.text,
                    b.text
                );
            }
            let text = p.text();
            assert!(text.contains(&format!("28 {enhet}")), "{text}");
            assert!(text.contains("599 30"), "{text}");
        }
    }
}

#[test]
fn the_reply_slip_is_one_page_for_5_40_and_120_providers_in_normal_and_large_print() {
    let (t, l) = verktyg();
    for n in [5, 40, 120] {
        for storstil in [false, true] {
            let u = valfrihetsunderlag(n);
            let pdf = valfrihetsbrev(&t, &l, &u, &form("sv", storstil)).unwrap();
            skriv_om_onskat(&format!("talong-{n}-{storstil}"), &pdf);
            let p = Pdf::las(&pdf);
            let sida =
                p.bitar.iter().find(|b| b.text.starts_with("Svarstalong")).expect("a slip").sida;
            // The slip ends the letter; the comparison sheet follows as its appendix.
            assert_eq!(sida, p.brevsidor(), "{n} {storstil}: the slip ends the letter");
            let pa_sidan = p.pa_sida(sida);
            let har = |s: &str| pa_sidan.iter().any(|b| b.text.contains(s));
            for del in ["Jag vill inte välja.", "Namnteckning", "Box 100", "599 30 Exempelby"] {
                assert!(har(del), "{n} {storstil}: '{del}' is not on the slip's page");
            }
            let valbara: Vec<&str> = u
                .utforare
                .iter()
                .filter(|x| x.status.ar_valbar())
                .map(|x| x.utforare.namn.as_str())
                .collect();
            let rutor = valbara.iter().filter(|namn| har(namn)).count();
            // Either a box for every provider that can be chosen, or a line to write one on.
            if rutor == 0 {
                assert!(har("Skriv namnet på den utförare du väljer"), "{n} {storstil}");
            } else {
                assert_eq!(rutor, valbara.len(), "{n} {storstil}");
            }
            if n == 5 {
                assert_eq!(rutor, valbara.len(), "a few providers get their boxes");
            }
        }
    }
}

#[test]
fn a_providers_row_or_block_is_never_split_between_pages() {
    let (t, l) = verktyg();
    for storstil in [false, true] {
        let mut u = valfrihetsunderlag(60);
        // Long names, so that rows are several lines tall.
        for (i, x) in u.utforare.iter_mut().enumerate() {
            x.utforare.namn = format!("{} med ett mycket långt namn nummer {i}", x.utforare.namn);
        }
        let p = Pdf::las(&valfrihetsbrev(&t, &l, &u, &form("sv", storstil)).unwrap());
        assert!(p.sidor() > 3, "the list runs over pages");
        let celler = celltexter(&p);
        for x in &u.utforare {
            // A row cut at a page break would leave the name in two pieces.
            assert!(celler.contains(&x.utforare.namn), "{storstil}: {}", x.utforare.namn);
        }
    }
}

#[test]
fn a_decision_letter_never_spills_a_few_lines_onto_a_second_page() {
    let (t, l) = verktyg();
    for n in 0..60 {
        for storstil in [false, true] {
            let mut u = beslutsunderlag(Utfall::DelvisBifall);
            u.beslut.motivering = format!("{} Slut.", "Skälen skrivs här med fler ord. ".repeat(n));
            let p = Pdf::las(&beslutsmeddelande(&t, &l, &u, &form("sv", storstil)).unwrap());
            if p.sidor() == 1 {
                continue;
            }
            // Lines of the body on the last page (the footer's page number not counted).
            let mut y: Vec<i32> = p
                .pa_sida(p.sidor())
                .iter()
                .filter(|b| !b.text.starts_with("Sida "))
                .map(|b| b.y.round() as i32)
                .collect();
            y.sort_unstable();
            y.dedup();
            assert!(y.len() > 3, "{n} {storstil}: {} lines on page {}", y.len(), p.sidor());
        }
    }
}

#[test]
fn a_provider_at_its_cap_is_on_the_list_but_not_on_the_slip_in_columns_too() {
    let (t, l) = verktyg();
    let u = valfrihetsunderlag(40);
    let p = Pdf::las(&valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap());
    let sida = p.bitar.iter().find(|b| b.text.starts_with("Svarstalong")).unwrap().sida;
    for x in &u.utforare {
        let pa_talongen = p.pa_sida(sida).iter().any(|b| b.text == x.utforare.namn);
        assert_eq!(pa_talongen, x.status.ar_valbar(), "{}", x.utforare.namn);
        assert!(!matches!(x.status, Valbarhet::VidTak { .. }) || !pa_talongen);
    }
}
