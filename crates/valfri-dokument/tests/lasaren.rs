//! The letters read as the person who gets them reads them (issue 14): what page 1 says, who
//! the letter speaks to, which providers are counted and why some cannot be chosen, what a
//! decision grants and refuses, and that large print is large everywhere.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::many_single_char_names)]

mod common;

use common::*;
use valfri_dokument::{Typsnitt, beslutsmeddelande, valfrihetsbrev};
use valfri_domain::dokument::Nuvarande;
use valfri_domain::val::Valbarhet;
use valfri_domain::{OmbudTyp, Utfall};
use valfri_l10n::Localizer;

const MM: f32 = 72.0 / 25.4;

fn verktyg() -> (Typsnitt, Localizer) {
    (Typsnitt::inbyggda().unwrap(), Localizer::new().unwrap())
}

/// The piece of text that starts with `borjan`, or a failure that shows the whole text.
fn bit<'a>(p: &'a Pdf, borjan: &str) -> &'a Textbit {
    p.bitar
        .iter()
        .find(|b| b.text.starts_with(borjan))
        .unwrap_or_else(|| panic!("{borjan:?} not in:\n{}", p.text()))
}

/// The text of the cell in the same row as `namn` whose column starts at `x`.
fn i_raden(celler: &[Textbit], namn: &Textbit, x: f32) -> Option<String> {
    celler
        .iter()
        .find(|b| b.sida == namn.sida && (b.y - namn.y).abs() < 0.5 && (b.x - x).abs() < 0.5)
        .map(|b| b.text.clone())
}

#[test]
fn page_one_starts_with_a_summary_box_with_the_answer_date_in_every_print_size_and_language() {
    let (t, l) = verktyg();
    let u = valfrihetsunderlag(16);
    let valbara = u.utforare.iter().filter(|x| x.status.ar_valbar()).count();
    for (sprak, rubrik, antal, svar, ring) in [
        (
            "sv",
            "Det viktigaste i brevet",
            format!("Just nu kan du välja mellan {valbara} utförare."),
            "Svara senast 2026-05-18.",
            "Har du frågor? Ring Lena Handläggare på telefon 0123-100 42.",
        ),
        (
            "en",
            "The most important things in this letter",
            format!("Right now you can choose between {valbara} providers."),
            "Answer by 2026-05-18 at the latest.",
            "Do you have questions? Call Lena Handläggare on 0123-100 42.",
        ),
        (
            "fi",
            "Tärkeintä tässä kirjeessä",
            format!("Juuri nyt voit valita {valbara} palveluntuottajan joukosta."),
            "Vastaa viimeistään 2026-05-18.",
            "Onko sinulla kysyttävää? Soita: Lena Handläggare, puhelin 0123-100 42.",
        ),
    ] {
        for storstil in [false, true] {
            let pdf = valfrihetsbrev(&t, &l, &u, &form(sprak, storstil)).unwrap();
            skriv_om_onskat(&format!("sammanfattning-{sprak}-{storstil}"), &pdf);
            let p = Pdf::las(&pdf);
            let celler = p.celler();
            let forsta: Vec<&Textbit> = celler.iter().filter(|b| b.sida == 1).collect();
            let ruta = forsta.iter().find(|b| b.text == rubrik).unwrap_or_else(|| {
                panic!("{sprak} {storstil}: {rubrik:?} not on page 1:\n{}", p.lopande())
            });
            // The box's lines, read as one piece of text under its heading, in this order.
            let rader = forsta
                .iter()
                .find(|b| b.text.starts_with(&antal))
                .unwrap_or_else(|| panic!("{sprak} {storstil}: {antal:?}:\n{}", p.lopande()));
            assert_eq!(rader.text, format!("{antal} {svar} {ring}"), "{sprak} {storstil}");
            // The box comes before the letter's heading.
            let h1 = forsta.iter().max_by(|a, b| a.storlek.total_cmp(&b.storlek)).unwrap();
            assert!(ruta.y > rader.y && rader.y > h1.y, "{sprak} {storstil}");
        }
    }
}

#[test]
fn only_providers_approved_on_the_letters_date_are_counted_and_the_headings_say_who_can_be_chosen()
{
    let (t, l) = verktyg();
    let mut u = valfrihetsunderlag(10);
    for x in &mut u.utforare {
        x.status = Valbarhet::Valbar;
    }
    u.utforare[1].status = Valbarhet::Upphort { till: d(2026, 4, 30) };
    u.utforare[3].status = Valbarhet::EjBorjat { fran: d(2026, 6, 1) };
    u.utforare[4].status = Valbarhet::EjOmrade;
    u.utforare[5].status = Valbarhet::VidTak { tak: 1, aktiva: 1 };
    u.utforare[7].status = Valbarhet::VidTak { tak: 2, aktiva: 2 };
    u.utforare[8].status = Valbarhet::Pausad { till: d(2026, 6, 30) };
    // 10 providers, 2 not approved on 2026-05-04; of the 8, 4 cannot be chosen.
    let p = Pdf::las(&valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap());
    let text = p.lopande();
    assert!(text.contains("Kommunen har godkänt 8 utförare för hemtjänst."), "{text}");
    assert!(text.contains("Just nu kan du välja mellan 4 utförare."));
    let kan = bit(&p, "Utförare som du kan välja (4)");
    let kan_inte = bit(&p, "Utförare som du inte kan välja just nu (4)");
    let celler = p.celler();
    let talong = bit(&p, "Svarstalong").sida;
    let i_brevet = |namn: &str| {
        celler.iter().filter(|b| b.sida < talong && b.text == namn).collect::<Vec<_>>()
    };
    for i in [1, 3] {
        assert!(i_brevet(&u.utforare[i].utforare.namn).is_empty(), "not approved on the date");
    }
    let varfor = bit(&p, "Varför inte?").x;
    for (i, orsak) in [
        (4, "Arbetar inte där du bor"),
        (5, "Har ingen ledig plats just nu (1 av 1 plats är tagen)"),
        (7, "Har ingen ledig plats just nu (2 av 2 platser är tagna)"),
        (8, "Tar inte emot nya just nu (till och med 2026-06-30)"),
    ] {
        let rad = i_brevet(&u.utforare[i].utforare.namn);
        assert_eq!(rad.len(), 1);
        assert!(rad[0].y < kan_inte.y || rad[0].sida > kan_inte.sida, "under its heading");
        assert_eq!(i_raden(&celler, rad[0], varfor).as_deref(), Some(orsak));
    }
    for i in [0, 2, 6, 9] {
        let rad = i_brevet(&u.utforare[i].utforare.namn);
        assert_eq!(rad.len(), 1);
        assert!(
            (rad[0].sida, -rad[0].y) > (kan.sida, -kan.y)
                && (rad[0].sida, -rad[0].y) < (kan_inte.sida, -kan_inte.y),
            "{} under 'kan välja'",
            u.utforare[i].utforare.namn
        );
    }
    // The English plural too.
    let en = Pdf::las(&valfrihetsbrev(&t, &l, &u, &form("en", false)).unwrap()).lopande();
    assert!(en.contains("Has no free place right now (1 of 1 place is taken)"), "{en}");
    assert!(en.contains("(2 of 2 places are taken)"));
    assert!(en.contains("Does not work where you live"));
}

#[test]
fn a_brukare_with_a_provider_is_told_who_it_is_and_may_keep_it_and_the_ickeval_goes() {
    let (t, l) = verktyg();
    let mut u = valfrihetsunderlag(8);
    let namn = u.utforare[2].utforare.namn.clone(); // at its cap: keeps those it has
    u.nuvarande = Some(Nuvarande { namn: namn.clone(), genom_ickeval: false });
    let pdf = valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap();
    skriv_om_onskat("nuvarande", &pdf);
    let p = Pdf::las(&pdf);
    let text = p.lopande();
    let rad = format!("I dag får du hjälp av {namn}. Du får behålla {namn} om du vill.");
    assert!(p.celler().iter().any(|b| b.sida == 1 && b.text.contains(&rad)), "{text}");
    assert!(text.contains("Vill du byta? Svara då senast 2026-05-18."));
    assert!(!text.contains("Om du inte väljer"), "no ickeval sentence for someone with a provider");
    assert!(text.contains(&format!("Jag vill behålla {namn}.")));
    assert!(!text.contains("Du valde ingen utförare"));

    // Assigned by ickeval: the letter names the provider and says how it came.
    u.nuvarande = Some(Nuvarande { namn: namn.clone(), genom_ickeval: true });
    let text = Pdf::las(&valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap()).lopande();
    assert!(text.contains(&format!("Du valde ingen utförare. Därför fick du {namn}.")), "{text}");

    // A provider whose contract ended cannot be kept: choose anew, and the ickeval applies.
    u.utforare[2].status = Valbarhet::Upphort { till: d(2026, 4, 30) };
    let text = Pdf::las(&valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap()).lopande();
    assert!(
        text.contains(&format!("{namn} kan inte fortsätta att hjälpa dig. Du behöver välja")),
        "{text}"
    );
    assert!(text.contains("Om du inte väljer får du hjälp av kommunens egen verksamhet"));
    assert!(!text.contains("Jag vill behålla"));

    // Nobody: the ickeval sentence, no "I dag får du hjälp av".
    u.nuvarande = None;
    let text = Pdf::las(&valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap()).lopande();
    assert!(text.contains("Om du inte väljer"));
    assert!(!text.contains("I dag får du hjälp av"));
}

#[test]
fn an_ombuds_copy_speaks_to_the_ombud_in_the_letter_and_the_decision() {
    let (t, l) = verktyg();
    let mut u = valfrihetsunderlag(5);
    u.mottagare.namn = "Per Ekström".into();
    u.mottagare.kopia_for = Some("Märta Ekström".into());
    u.mottagare.ombud_typ = Some(OmbudTyp::GodMan);
    let p = Pdf::las(&valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap());
    let mening = "Du får det här brevet som god man för Märta Ekström.";
    let forsta: Vec<Textbit> = p.celler().into_iter().filter(|b| b.sida == 1).collect();
    assert!(forsta.iter().filter(|b| b.text.starts_with(mening)).count() >= 2, "box and body");
    assert!(p.lopande().contains("När det står ”du” i brevet menar vi Märta Ekström."));
    let en = Pdf::las(&valfrihetsbrev(&t, &l, &u, &form("en", false)).unwrap()).lopande();
    assert!(en.contains("You receive this letter as trustee (god man) for Märta Ekström."));

    let mut b = beslutsunderlag(Utfall::Bifall);
    b.mottagare.namn = "Karin Förvaltare".into();
    b.mottagare.kopia_for = Some("Märta Ekström".into());
    b.mottagare.ombud_typ = Some(OmbudTyp::Forvaltare);
    let p = Pdf::las(&beslutsmeddelande(&t, &l, &b, &form("sv", false)).unwrap());
    let text = p.lopande();
    assert!(text.contains("Du får det här beslutet som förvaltare för Märta Ekström."), "{text}");
    // The brukare's own letter has no such sentence.
    let egen =
        Pdf::las(&valfrihetsbrev(&t, &l, &valfrihetsunderlag(5), &form("sv", false)).unwrap());
    assert!(!egen.lopande().contains("Du får det här brevet som"));
}

#[test]
fn a_refusal_states_the_outcome_and_leaves_out_extent_period_and_follow_up() {
    let (t, l) = verktyg();
    let pdf =
        beslutsmeddelande(&t, &l, &beslutsunderlag(Utfall::Avslag), &form("sv", false)).unwrap();
    skriv_om_onskat("beslut-avslag-las", &pdf);
    let p = Pdf::las(&pdf);
    let text = p.lopande();
    assert!(text.contains("Du får inte hemtjänst. Vi har sagt nej till din ansökan."), "{text}");
    for saknas in ["28 timmar", "Hur mycket", "Gäller", "2026-05-01", "Uppföljning", "2026-11-01"]
    {
        assert!(!text.contains(saknas), "{saknas} in a refusal:\n{text}");
    }
    assert!(!text.contains("Du kan välja utförare"), "no right to choose after a refusal");
    assert!(text.contains(
        "Beslutet är fattat av Lena Handläggare, biståndshandläggare. Lena Handläggare har fått rätt att fatta beslutet av Vård- och omsorgsnämnden. Det står i delegationsordningen, punkt 3.2."
    ), "{text}");
    // The outcome is the first thing after the heading.
    let rubrik = bit(&p, "Beslut om hemtjänst");
    let utfall = bit(&p, "Du får inte hemtjänst.");
    assert!(
        p.bitar.iter().filter(|b| b.sida == 1 && b.y < rubrik.y && b.y > utfall.y).count() == 0
    );
}

#[test]
fn a_partial_grant_says_what_was_granted_and_what_not_and_a_grant_tells_the_right_to_choose() {
    let (t, l) = verktyg();
    let p = Pdf::las(
        &beslutsmeddelande(&t, &l, &beslutsunderlag(Utfall::DelvisBifall), &form("sv", false))
            .unwrap(),
    );
    skriv_om_onskat(
        "beslut-delvis-las",
        &beslutsmeddelande(&t, &l, &beslutsunderlag(Utfall::DelvisBifall), &form("sv", false))
            .unwrap(),
    );
    let text = p.lopande();
    // The outcome says both parts, in one paragraph before anything else.
    assert!(
        text.contains(
            "Du får en del av det du har ansökt om. Du får hemtjänst, 28 timmar per månad. Det här får du inte: Hjälp med städning. Skälen står under ”Skälen för beslutet”."
        ),
        "{text}"
    );
    // And the table of facts has a row for each.
    let celler = p.celler();
    let etikett = celler.iter().find(|b| b.text == "Det får du inte").expect("the row");
    assert!(
        celler.iter().any(|b| b.sida == etikett.sida
            && (b.y - etikett.y).abs() < 0.5
            && b.x > etikett.x
            && b.text == "Hjälp med städning."),
        "{text}"
    );
    let hur_mycket = celler.iter().find(|b| b.text == "Hur mycket").unwrap();
    assert!(
        celler.iter().any(|b| (b.y - hur_mycket.y).abs() < 0.5 && b.text == "28 timmar per månad")
    );
    assert!(!text.contains("Resten av det du har ansökt om"), "the general sentence is gone");
    assert!(text.contains("Beslutet gäller från 2026-05-01 och tills vidare."));
    assert!(text.contains("Vi följer upp beslutet senast 2026-11-01."));
    assert!(text.contains("Du kan själv välja vem som ska ge dig hemtjänst."));
    assert!(text.contains("Beslutet är fattat av Lena Handläggare"));

    // An insats outside a valfrihetssystem gives no right to choose.
    let mut b = beslutsunderlag(Utfall::Bifall);
    b.valfrihet = false;
    let text = Pdf::las(&beslutsmeddelande(&t, &l, &b, &form("sv", false)).unwrap()).lopande();
    assert!(text.contains("Du får hemtjänst, 28 timmar per månad."));
    assert!(!text.contains("Du kan välja utförare"), "{text}");
    let fi = Pdf::las(
        &beslutsmeddelande(&t, &l, &beslutsunderlag(Utfall::DelvisBifall), &form("fi", false))
            .unwrap(),
    )
    .lopande();
    assert!(fi.contains("Saat osan siitä, mitä hait."), "{fi}");
    assert!(fi.contains("Kuka teki päätöksen?"));
    // What was not granted is the handläggare's Swedish, marked as such for a Finnish reader.
    assert!(fi.contains("Tätä et saa: Hjälp med städning. (ruotsiksi)"), "{fi}");
    assert!(fi.contains("Voit saada tulkin maksutta."), "{fi}");
}

#[test]
fn the_decision_names_the_handlaggare_and_the_delegation_point_in_every_language() {
    let (t, l) = verktyg();
    let b = beslutsunderlag(Utfall::Bifall);
    for (sprak, mening) in [
        (
            "sv",
            "Lena Handläggare har fått rätt att fatta beslutet av Vård- och omsorgsnämnden. Det står i delegationsordningen, punkt 3.2.",
        ),
        (
            "en",
            "Lena Handläggare has the right to make the decision on behalf of Vård- och omsorgsnämnden. This is point 3.2 of its delegation rules.",
        ),
        (
            "fi",
            "Lena Handläggare on saanut oikeuden tehdä päätöksen lautakunnalta Vård- och omsorgsnämnden. Se on delegointijärjestyksen kohta 3.2.",
        ),
    ] {
        let text = Pdf::las(&beslutsmeddelande(&t, &l, &b, &form(sprak, false)).unwrap()).lopande();
        assert!(text.contains(mening), "{sprak}:\n{text}");
    }
    // A beslut made before the point was stored still names the nämnd's delegation.
    let mut gammalt = beslutsunderlag(Utfall::Bifall);
    gammalt.beslut.delegation = String::new();
    let text =
        Pdf::las(&beslutsmeddelande(&t, &l, &gammalt, &form("sv", false)).unwrap()).lopande();
    assert!(text.contains("av Vård- och omsorgsnämnden (delegation)."), "{text}");
    assert!(!text.contains("punkt"), "{text}");
}

#[test]
fn the_insats_is_written_small_inside_a_sentence_and_capitalised_where_it_starts_a_cell() {
    let (t, l) = verktyg();
    // The store gives the name as written inside a sentence; "LSS" stays as it is.
    let mut b = beslutsunderlag(Utfall::Bifall);
    b.beslut.insats_namn = "daglig verksamhet (LSS)".into();
    b.beslut.omfattning = None;
    let p = Pdf::las(&beslutsmeddelande(&t, &l, &b, &form("sv", false)).unwrap());
    let text = p.lopande();
    assert!(text.contains("Beslut om daglig verksamhet (LSS)"), "{text}");
    assert!(
        text.contains("Du kan själv välja vem som ska ge dig daglig verksamhet (LSS)."),
        "{text}"
    );
    let celler = p.celler();
    let etikett = celler.iter().find(|b| b.text == "Du ansökte om").unwrap();
    assert!(
        celler.iter().any(|c| (c.y - etikett.y).abs() < 0.5 && c.text == "Daglig verksamhet (LSS)"),
        "{text}"
    );
    let u = valfrihetsunderlag(4);
    let text = Pdf::las(&valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap()).lopande();
    assert!(text.contains("Du kan välja vem som ger dig hemtjänst"), "{text}");
    for fel in ["dig Hemtjänst", "för Hemtjänst", "om Hemtjänst"] {
        assert!(!text.contains(fel), "{fel}: a capital inside a sentence:\n{text}");
    }
}

#[test]
fn the_comparison_sheet_goes_with_the_letter_in_the_same_pdf_and_the_letter_says_so() {
    let (t, l) = verktyg();
    let u = valfrihetsunderlag(16);
    let pdf = valfrihetsbrev(&t, &l, &u, &form("sv", false)).unwrap();
    assert!(pdf.len() < 50 * 1024, "the letter with its sheet is {} bytes", pdf.len());
    let p = Pdf::las(&pdf);
    assert!(p.lopande().contains("Med brevet finns en bilaga: ”Jämförelse av utförare”."));
    let bilaga = p.bilaga().expect("an appendix");
    assert_eq!(bilaga, p.brevsidor() + 1);
    let (b, h) = p.sidformat(bilaga);
    assert!(b > h, "the sheet is landscape");
    let (b, h) = p.sidformat(1);
    assert!(b < h, "the letter is portrait");
    let titel = bit(&p, "Jämförelse av utförare: hemtjänst, Norra Exempelby");
    assert_eq!(titel.sida, bilaga);
    // Every provider the letter lists is in the sheet, once in its table.
    let celler = p.celler();
    for x in &u.utforare {
        assert!(
            celler.iter().any(|c| c.sida >= bilaga && c.text == x.utforare.namn),
            "{}",
            x.utforare.namn
        );
    }
    // The appendix in normal print: 11 pt and up but for its footer (who compiled it, the
    // page number, in the bottom 30 mm).
    for b in p.bitar.iter().filter(|b| b.sida >= bilaga && b.y > 30.0 * MM) {
        assert!(b.storlek >= 11.0, "{b:?}");
    }
    // Large print: the appendix too, in blocks, 16 pt and up.
    let p = Pdf::las(&valfrihetsbrev(&t, &l, &u, &form("sv", true)).unwrap());
    let bilaga = p.bilaga().unwrap();
    assert!(p.bitar.iter().filter(|b| b.sida >= bilaga).all(|b| b.storlek >= 16.0));
    assert!(
        p.bitar.iter().any(|b| b.sida >= bilaga && b.text.starts_with("Helhetsnöjdhet, % (1): 80"))
    );
    // A provider's status is a line of its own, without a label that said "just nu" twice.
    assert!(
        p.bitar
            .iter()
            .any(|b| b.sida >= bilaga
                && b.text.starts_with("Har ingen ledig plats just nu (20 av 20"))
    );
    assert!(!p.lopande().contains("Just nu:"), "{}", p.lopande());
    // And the letter says so in every language.
    for (sprak, mening, rubrik) in [
        ("en", "An appendix comes with this letter", "Appendix to the letter of 2026-05-04"),
        ("fi", "Kirjeen liitteenä on", "Liite kirjeeseen, päivätty 2026-05-04"),
    ] {
        let p = Pdf::las(&valfrihetsbrev(&t, &l, &u, &form(sprak, false)).unwrap());
        let sagt = bit(&p, mening);
        let bilaga = bit(&p, rubrik);
        assert!(sagt.sida <= p.brevsidor() && bilaga.sida > p.brevsidor(), "{sprak}");
    }
}

#[test]
fn large_print_enlarges_the_letterhead_address_references_and_footer_of_the_decision_too() {
    let (t, l) = verktyg();
    let pdf =
        beslutsmeddelande(&t, &l, &beslutsunderlag(Utfall::Bifall), &form("sv", true)).unwrap();
    skriv_om_onskat("beslut-storstil", &pdf);
    let p = Pdf::las(&pdf);
    for b in &p.bitar {
        assert!(b.storlek >= 16.0, "{b:?}");
    }
    for del in ["Exempelby kommun", "Åsa Öberg-Ängström", "Diarienummer", "SN 2026/123"] {
        assert!(p.pa_sida(1).iter().any(|b| b.text == del), "{del}");
    }
    let sida = p.bitar.iter().find(|b| b.text.starts_with("Sida 1 av")).unwrap();
    assert!(sida.y < 25.0 * MM, "the page number is in the footer");
}

#[test]
fn the_sheet_counts_and_shows_only_the_providers_approved_on_its_date() {
    let (t, l) = verktyg();
    let mut u = jamforelseunderlag(10);
    u.utforare[3].status = Valbarhet::Upphort { till: d(2026, 4, 1) };
    u.utforare[4].status = Valbarhet::EjBorjat { fran: d(2026, 9, 1) };
    u.utforare[5].status = Valbarhet::VidTak { tak: 1, aktiva: 1 };
    let p = Pdf::las(&valfri_dokument::jamforelseblad(&t, &l, &u, &form("sv", false)).unwrap());
    let text = p.lopande();
    assert!(
        text.contains("Här finns alla 8 utförare som kommunen har godkänt för hemtjänst."),
        "{text}"
    );
    for i in [3, 4] {
        assert!(!text.contains(&u.utforare[i].utforare.namn), "{}", u.utforare[i].utforare.namn);
    }
    assert!(text.contains("Har ingen ledig plats just nu (1 av 1 plats är tagen)"), "{text}");
    // One provider is one, not "alla 1", in every language.
    let mut u = jamforelseunderlag(1);
    u.utforare[0].status = Valbarhet::Valbar;
    for (sprak, mening) in [
        ("sv", "Här finns den enda utföraren som kommunen har godkänt för hemtjänst."),
        ("en", "Here is the one provider the municipality has approved for hemtjänst."),
        ("fi", "Tässä on ainoa palveluntuottaja, jonka kunta on hyväksynyt palveluun hemtjänst."),
    ] {
        let p =
            Pdf::las(&valfri_dokument::jamforelseblad(&t, &l, &u, &form(sprak, false)).unwrap());
        assert!(p.lopande().replace('\n', " ").contains(mening), "{sprak}:\n{}", p.lopande());
    }
}
