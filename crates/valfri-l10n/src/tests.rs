use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::*;

/// Message id → the variables it uses, across all files of a language.
fn innehall(sprak: &str) -> BTreeMap<String, BTreeSet<String>> {
    let (_, filer) = KALLOR.iter().find(|(s, _)| *s == sprak).unwrap();
    let mut ut = BTreeMap::new();
    for (fil, text) in *filer {
        let resurs = fluent_syntax::parser::parse(*text)
            .unwrap_or_else(|(_, fel)| panic!("{sprak}/{fil}: {fel:?}"));
        for e in &resurs.body {
            if let ast::Entry::Message(m) = e {
                let mut variabler = BTreeSet::new();
                if let Some(p) = &m.value {
                    monster(p, &mut variabler);
                }
                for a in &m.attributes {
                    monster(&a.value, &mut variabler);
                }
                assert!(
                    ut.insert(m.id.name.to_owned(), variabler).is_none(),
                    "{sprak}: {} twice",
                    m.id.name
                );
            }
        }
    }
    ut
}

fn monster(p: &ast::Pattern<&str>, ut: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            uttryck(expression, ut);
        }
    }
}

fn uttryck(e: &ast::Expression<&str>, ut: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline(i, ut),
        ast::Expression::Select { selector, variants } => {
            inline(selector, ut);
            for v in variants {
                monster(&v.value, ut);
            }
        }
    }
}

fn inline(i: &ast::InlineExpression<&str>, ut: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            ut.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline(a, ut);
            }
        }
        ast::InlineExpression::Placeable { expression } => uttryck(expression, ut),
        _ => {}
    }
}

#[test]
fn every_locale_has_every_message_with_the_same_variables() {
    let referens = innehall(REFERENS);
    assert!(referens.len() > 20);
    for (sprak, _) in KALLOR.iter().filter(|(s, _)| *s != REFERENS) {
        let annan = innehall(sprak);
        let saknas: Vec<_> = referens.keys().filter(|k| !annan.contains_key(*k)).collect();
        assert!(saknas.is_empty(), "{sprak} lacks {saknas:?}");
        let extra: Vec<_> = annan.keys().filter(|k| !referens.contains_key(*k)).collect();
        assert!(extra.is_empty(), "{sprak} has messages sv lacks: {extra:?}");
        for (id, variabler) in &referens {
            assert_eq!(&annan[id], variabler, "{sprak}: {id} uses other variables than sv");
        }
    }
}

#[test]
fn all_bundles_build_and_format() {
    let l = Localizer::new().unwrap();
    assert_eq!(l.sprak(), vec!["sv", "en", "fi"]);
    let fel = valfri_domain::Valideringsfel::Saknas { falt: "fornamn" };
    assert_eq!(l.meddelande("sv", &fel), "Förnamn måste fyllas i.");
    assert_eq!(l.meddelande("en", &fel), "First name must be filled in.");
    // An unknown language falls back to Swedish rather than failing.
    assert_eq!(l.meddelande("xx", &fel), "Förnamn måste fyllas i.");
    assert_eq!(l.t("sv", "finns-inte"), "finns-inte");
}

#[test]
fn every_domain_code_has_a_word_in_every_language() {
    use valfri_domain::*;
    let l = Localizer::new().unwrap();
    let mut ider: Vec<&str> = Vec::new();
    ider.extend(Utfall::ALLA.iter().map(|v| v.meddelande_id()));
    ider.extend(BeslutStatus::ALLA.iter().map(|v| v.meddelande_id()));
    ider.extend(Regi::ALLA.iter().map(|v| v.meddelande_id()));
    ider.extend(Roll::ALLA.iter().map(|v| v.meddelande_id()));
    ider.extend(OmbudTyp::ALLA.iter().map(|v| v.meddelande_id()));
    ider.extend(Enhet::ALLA.iter().map(|v| v.meddelande_id()));
    ider.extend(IckevalModell::ALLA.iter().map(|v| v.meddelande_id()));
    ider.extend(Ordningsregel::ALLA.iter().map(|v| v.meddelande_id()));
    ider.extend(ValTyp::ALLA.iter().map(|v| v.meddelande_id()));
    ider.extend(VemValde::ALLA.iter().map(|v| v.meddelande_id()));
    ider.extend(Informationssatt::ALLA.iter().map(|v| v.meddelande_id()));
    ider.extend(IckevalOrsak::ALLA.iter().map(|v| v.meddelande_id()));
    let datum = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let skal: Vec<String> = [
        val::Valbarhet::Valbar,
        val::Valbarhet::EjBorjat { fran: datum },
        val::Valbarhet::Upphort { till: datum },
        val::Valbarhet::EjOmrade,
        val::Valbarhet::Pausad { till: datum },
        val::Valbarhet::VidTak { tak: 1, aktiva: 1 },
    ]
    .iter()
    .map(val::Valbarhet::meddelande_id)
    .chain(std::iter::once("valbarhet-ej_godkand".to_owned()))
    .chain(beslutsregler::Avslutsorsak::ALLA.iter().map(|o| o.meddelande_id()))
    .collect();
    ider.extend(skal.iter().map(String::as_str));
    for sprak in l.sprak() {
        for id in &ider {
            assert_ne!(l.t(sprak, id), *id, "{sprak} lacks {id}");
        }
    }
}

#[test]
fn ui_texts_come_with_placeholders_kept() {
    let l = Localizer::new().unwrap();
    let ui = l.alla_med_prefix("en", "ui-");
    assert_eq!(ui.get("ui-sok-etikett").map(String::as_str), Some("Search for a client"));
    assert!(ui.values().all(|v| !v.is_empty()));
}

/// The fixed texts of the letters (valfrihetsinformation, sheet, decision): what klarspråk asks
/// of them is checked on every wording a selector can give.
const BREVTEXTER: &[&str] = &[
    "dokument-brev-",
    "dokument-ickeval-",
    "dokument-talong-",
    "dokument-sammanfattning-",
    "dokument-ombud-",
    "dokument-beslut-",
    "dokument-overklaga-",
    "dokument-orsak-",
    "dokument-ordning-",
    "dokument-blad-intro",
    "dokument-blad-bilaga",
];

/// Every wording a pattern can take: each selector's variants in turn, a variable as one word.
fn lydelser(p: &ast::Pattern<&str>) -> Vec<String> {
    let mut ut = vec![String::new()];
    for el in &p.elements {
        let delar: Vec<String> = match el {
            ast::PatternElement::TextElement { value } => vec![(*value).to_owned()],
            ast::PatternElement::Placeable {
                expression: ast::Expression::Select { variants, .. },
            } => variants.iter().flat_map(|v| lydelser(&v.value)).collect(),
            ast::PatternElement::Placeable { .. } => vec!["X".to_owned()],
        };
        ut = ut.iter().flat_map(|f| delar.iter().map(move |d| format!("{f}{d}"))).collect();
    }
    ut
}

/// The sentences of a text: split after `.`, `?`, `!` and `:` followed by a space or the end.
fn meningar(text: &str) -> Vec<String> {
    let mut ut = Vec::new();
    let mut mening = String::new();
    let mut tecken = text.chars().peekable();
    while let Some(c) = tecken.next() {
        mening.push(c);
        if matches!(c, '.' | '?' | '!' | ':') && tecken.peek().is_none_or(|n| n.is_whitespace()) {
            ut.push(std::mem::take(&mut mening));
        }
    }
    ut.push(mening);
    ut.into_iter().map(|m| m.trim().to_owned()).filter(|m| !m.is_empty()).collect()
}

#[test]
fn the_letters_fixed_texts_have_no_sentence_over_25_words_in_any_language() {
    assert_eq!(
        meningar("Ett två. Tre: fyra? 2026-05-18. Slut"),
        ["Ett två.", "Tre:", "fyra?", "2026-05-18.", "Slut"]
    );
    let mut for_langa = Vec::new();
    let mut antal = 0;
    for (sprak, filer) in KALLOR {
        let (_, text) = filer.iter().find(|(f, _)| *f == "dokument.ftl").unwrap();
        let resurs = fluent_syntax::parser::parse(*text).unwrap();
        for e in &resurs.body {
            let ast::Entry::Message(m) = e else { continue };
            if !BREVTEXTER.iter().any(|p| m.id.name.starts_with(p)) {
                continue;
            }
            for lydelse in m.value.iter().flat_map(lydelser) {
                for mening in meningar(&lydelse) {
                    antal += 1;
                    let ord = mening.split_whitespace().count();
                    if ord > 25 {
                        for_langa.push(format!("{sprak} {} ({ord} words): {mening}", m.id.name));
                    }
                }
            }
        }
    }
    assert!(antal > 300, "{antal} sentences checked");
    assert!(for_langa.is_empty(), "sentences over 25 words:\n{}", for_langa.join("\n"));
}

#[test]
fn the_letters_do_not_call_their_reader_brukare_or_their_help_an_insats() {
    let (_, filer) = KALLOR.iter().find(|(s, _)| *s == REFERENS).unwrap();
    let (_, text) = filer.iter().find(|(f, _)| *f == "dokument.ftl").unwrap();
    let resurs = fluent_syntax::parser::parse(*text).unwrap();
    for e in &resurs.body {
        let ast::Entry::Message(m) = e else { continue };
        if !BREVTEXTER.iter().any(|p| m.id.name.starts_with(p)) {
            continue;
        }
        for lydelse in m.value.iter().flat_map(lydelser) {
            for ord in lydelse.split(|c: char| !c.is_alphabetic()) {
                let ord = ord.to_lowercase();
                assert!(
                    !ord.starts_with("brukar") && !ord.starts_with("insats"),
                    "{}: {lydelse}",
                    m.id.name
                );
            }
        }
    }
}

#[test]
fn a_confirmation_is_one_sentence_that_says_what_will_happen_in_every_language() {
    use valfri_domain::beslutsregler::{Avslutsorsak, Bekraftelse};
    use valfri_domain::{Enhet, Utfall};
    let l = Localizer::new().unwrap();
    let fatta = Bekraftelse::Fatta {
        insats: "Hemtjänst".into(),
        utfall: Utfall::Bifall,
        omfattning: Some(28.0),
        enhet: Enhet::TimmarPerManad,
        namn: "Märta Ekström".into(),
        ersatter: false,
    };
    assert_eq!(
        l.bekraftelse("sv", &fatta),
        "Beslutet om Hemtjänst, 28 timmar per månad, för Märta Ekström fattas i dag och kan sedan inte ändras, bara omprövas."
    );
    let datum = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let alla = [
        fatta,
        Bekraftelse::Ickeval {
            insats: "Hemtjänst".into(),
            namn: "Märta Ekström".into(),
            utforare: "Almgården".into(),
            start: datum,
        },
        Bekraftelse::Val {
            insats: "Hemtjänst".into(),
            namn: "Märta Ekström".into(),
            utforare: "Almgården".into(),
            start: datum,
            tidigare: Some("Björken".into()),
        },
        Bekraftelse::Avsluta {
            insats: "Hemtjänst".into(),
            namn: "Märta Ekström".into(),
            orsak: Avslutsorsak::Flyttat,
            dag: datum,
            utforare: Some("Almgården".into()),
        },
        Bekraftelse::NyUtforare {
            utforare: "Märta Ekström Omsorg AB".into(),
            insats: "hemtjänst".into(),
            fran: datum,
        },
        Bekraftelse::NyttGodkannande {
            utforare: "Märta Ekström Omsorg AB".into(),
            insats: "hemtjänst".into(),
            fran: datum,
        },
    ];
    for sprak in ["sv", "en", "fi"] {
        for b in &alla {
            let text = l.bekraftelse(sprak, b);
            assert!(text.contains("Märta Ekström") && text.ends_with('.'), "{sprak}: {text}");
            assert_eq!(text.matches(". ").count(), 0, "one sentence: {text}");
            assert!(!text.contains('{') && !text.contains("bekrafta-"), "{text}");
        }
    }
    let avslut = l.bekraftelse("sv", &alla[3]);
    assert!(
        avslut.contains("Brukaren har flyttat")
            && avslut.contains("Almgården")
            && avslut.contains("2026-12-02"),
        "{avslut}"
    );
}

#[test]
fn the_windows_texts_carry_the_form_for_one_where_a_text_counts() {
    let l = Localizer::new().unwrap();
    for (sprak, ett, flera) in [
        ("sv", "1 åtgärd väntar på kommunens register", "åtgärder"),
        ("en", "1 action is waiting", "actions are waiting"),
        ("fi", "1 toimenpide odottaa", "toimenpidettä"),
    ] {
        let ui = l.alla_med_prefix(sprak, "ui-");
        let en = &ui["ui-kommun-vantar#antal=1"];
        assert!(en.starts_with(ett), "{sprak}: {en}");
        // The general pattern stays for the window to fill with any other count.
        let allman = &ui["ui-kommun-vantar"];
        assert!(allman.contains(flera) && allman.contains("$antal"), "{sprak}: {allman}");
        assert!(ui.contains_key("ui-kommun-konflikter#antal=1"));
        // A text that does not count has no such form.
        assert!(!ui.contains_key("ui-kommun-ansluten#antal=1"));
    }
}
