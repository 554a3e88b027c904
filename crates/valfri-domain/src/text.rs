use crate::Valideringsfel;

/// A named form field: the key under which its label lives in the locales (`falt-<key>`), and
/// the longest text it accepts. The limits are the same for every record, so no provider can
/// buy more room for its presentation than another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Falt {
    pub nyckel: &'static str,
    pub max: usize,
    pub flerradig: bool,
    pub kravs: bool,
}

impl Falt {
    pub const FORNAMN: Falt = Falt::rad("fornamn", 80, true);
    pub const EFTERNAMN: Falt = Falt::rad("efternamn", 80, true);
    pub const CO: Falt = Falt::rad("co", 80, false);
    pub const ADRESS: Falt = Falt::rad("adress", 120, false);
    pub const POSTORT: Falt = Falt::rad("postort", 60, false);
    pub const NAMN: Falt = Falt::rad("namn", 120, true);
    pub const TELEFON: Falt = Falt::rad("telefon", 40, false);
    pub const EPOST: Falt = Falt::rad("epost", 120, false);
    pub const WEBB: Falt = Falt::rad("webb", 200, false);
    pub const KOD: Falt = Falt::rad("kod", 32, true);
    pub const LAGRUM: Falt = Falt::rad("lagrum", 200, true);
    pub const DIARIENUMMER: Falt = Falt::rad("diarienummer", 40, false);
    pub const TITEL: Falt = Falt::rad("titel", 80, false);
    pub const LISTA: Falt = Falt::rad("lista", 400, false);
    /// What a change of the register is, in the person's words (its version's description).
    pub const BESKRIVNING: Falt = Falt::rad("beskrivning", 400, true);
    /// Why a handläggare opens the record of a brukare with skyddade personuppgifter.
    pub const SKAL: Falt = Falt::rad("skal", 200, true);
    pub const MOTIVERING: Falt =
        Falt { nyckel: "motivering", max: 4000, flerradig: true, kravs: false };
    /// With delvis bifall: what was applied for and not granted.
    pub const EJ_BEVILJAT: Falt =
        Falt { nyckel: "ej_beviljat", max: 1000, flerradig: true, kravs: false };
    /// A point of the delegationsordning, e.g. "3.2".
    pub const DELEGATION: Falt = Falt::rad("delegation", 40, false);
    /// How an insats's name is written inside a sentence; empty for the rule.
    pub const NAMN_I_MENING: Falt = Falt::rad("namn_i_mening", 120, false);
    /// What a follow-up found.
    pub const RESULTAT: Falt = Falt { nyckel: "resultat", max: 4000, flerradig: true, kravs: true };
    pub const PRESENTATION: Falt =
        Falt { nyckel: "presentation", max: 600, flerradig: true, kravs: false };

    const fn rad(nyckel: &'static str, max: usize, kravs: bool) -> Falt {
        Falt { nyckel, max, flerradig: false, kravs }
    }
}

/// Checks a typed text against its field and returns it trimmed.
///
/// Control characters and Unicode direction overrides are refused rather than stripped: a
/// provider name containing U+202E could read differently on a printed sheet than in the
/// register, and silently changing what a person typed would hide that.
pub fn kontrollera_text(falt: Falt, varde: &str) -> Result<String, Valideringsfel> {
    let varde = varde.trim();
    if varde.is_empty() {
        return if falt.kravs {
            Err(Valideringsfel::Saknas { falt: falt.nyckel })
        } else {
            Ok(String::new())
        };
    }
    // Count characters only up to the limit so that a 10 MB paste costs nothing extra.
    if varde.len() > falt.max * 4 || varde.chars().count() > falt.max {
        return Err(Valideringsfel::ForLang { falt: falt.nyckel, max: falt.max });
    }
    let otillaten = |c: char| {
        let radbrytning = falt.flerradig && (c == '\n' || c == '\t');
        (c.is_control() && !radbrytning && c != '\r')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
            || (!falt.flerradig && c == '\r')
    };
    if varde.chars().any(otillaten) {
        return Err(Valideringsfel::OtillatnaTecken { falt: falt.nyckel });
    }
    Ok(varde.replace("\r\n", "\n"))
}

/// Postnummer: five digits, written `NNN NN`; the first digit is never 0.
pub fn kontrollera_postnummer(varde: &str) -> Result<String, Valideringsfel> {
    let siffror: String = varde.chars().filter(|c| !c.is_whitespace()).collect();
    if siffror.len() != 5
        || !siffror.bytes().all(|b| b.is_ascii_digit())
        || siffror.starts_with('0')
    {
        return Err(Valideringsfel::Postnummer);
    }
    Ok(format!("{} {}", &siffror[..3], &siffror[3..]))
}

/// Folds a text for matching: lower case, and Swedish and other Latin diacritics removed, so that
/// a search for "ostrom" finds "Öström". Searching is where folding belongs; stored names keep
/// every letter ("Åsa" and "Asa" are different names).
pub fn vika(text: &str) -> String {
    let mut ut = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let ersatt = match c {
            'å' | 'ä' | 'æ' | 'à' | 'á' | 'â' | 'ã' | 'ā' | 'ą' => 'a',
            'ö' | 'ø' | 'ò' | 'ó' | 'ô' | 'õ' | 'ō' => 'o',
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ė' | 'ē' => 'e',
            'ü' | 'ú' | 'ù' | 'û' | 'ū' => 'u',
            'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
            'ç' | 'č' | 'ć' => 'c',
            'š' | 'ś' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ñ' | 'ń' | 'ŋ' => 'n',
            'đ' | 'ð' => 'd',
            'ŧ' => 't',
            'ł' => 'l',
            'ý' | 'ÿ' => 'y',
            '-' | '\'' | '’' => ' ',
            other => other,
        };
        ut.push(ersatt);
    }
    ut
}

/// A name as it is written inside a sentence ("beslut om hemtjänst"). A first word that has a
/// capital only because it starts the name ("Hemtjänst", "Särskilt boende", "Home care",
/// "Kotipalvelu") gets a small letter; a word in capitals ("LSS", "LSS-boende") or with a
/// capital inside, and everything after the first word, stay as written. A name that starts
/// with a proper noun is not caught by this: its form inside a sentence is stored with the
/// name (`insats_namn.i_mening`) and used instead.
pub fn namn_i_mening(namn: &str) -> String {
    let namn = namn.trim();
    let ord: String = namn.chars().take_while(|c| c.is_alphabetic()).collect();
    let mut tecken = ord.chars();
    let vanligt_ord = tecken.next().is_some_and(char::is_uppercase)
        && ord.chars().count() >= 2
        && tecken.all(char::is_lowercase);
    if !vanligt_ord {
        return namn.to_owned();
    }
    let mut c = namn.chars();
    c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
}

/// The first letter a capital, for a name that starts a sentence, a heading or a table cell.
pub fn versal_forst(text: &str) -> String {
    let mut c = text.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn refuses_direction_overrides_and_controls_but_keeps_letters() {
        assert!(kontrollera_text(Falt::NAMN, "Omsorg\u{202E}AB").is_err());
        assert!(kontrollera_text(Falt::NAMN, "Omsorg\0AB").is_err());
        assert!(kontrollera_text(Falt::NAMN, "rad\nbrytning").is_err());
        assert_eq!(kontrollera_text(Falt::MOTIVERING, "rad\r\nbrytning").unwrap(), "rad\nbrytning");
        assert_eq!(kontrollera_text(Falt::NAMN, "  Åsa Ŋuolla 😀 ").unwrap(), "Åsa Ŋuolla 😀");
        assert_eq!(
            kontrollera_text(Falt::NAMN, "  "),
            Err(Valideringsfel::Saknas { falt: "namn" })
        );
        assert_eq!(kontrollera_text(Falt::CO, "").unwrap(), "");
    }

    #[test]
    fn refuses_ten_megabytes_quickly() {
        let stor = "a".repeat(10 * 1024 * 1024);
        assert_eq!(
            kontrollera_text(Falt::MOTIVERING, &stor),
            Err(Valideringsfel::ForLang { falt: "motivering", max: 4000 })
        );
    }

    #[test]
    fn postnummer() {
        assert_eq!(kontrollera_postnummer("59330").unwrap(), "593 30");
        assert_eq!(kontrollera_postnummer(" 593 30 ").unwrap(), "593 30");
        for fel in ["", "5933", "593300", "05930", "59a30"] {
            assert!(kontrollera_postnummer(fel).is_err(), "{fel}");
        }
    }

    #[test]
    fn folding() {
        assert_eq!(vika("Märta Öström-Åberg"), "marta ostrom aberg");
        assert_eq!(vika("ÅSA"), vika("asa"));
    }

    proptest! {
        #[test]
        fn accepted_text_is_within_its_limit(s in "\\PC{0,700}") {
            if let Ok(t) = kontrollera_text(Falt::PRESENTATION, &s) {
                prop_assert!(t.chars().count() <= Falt::PRESENTATION.max);
                prop_assert!(!t.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
            }
        }
    }

    #[test]
    fn a_name_inside_a_sentence_loses_only_the_capital_of_an_ordinary_first_word() {
        for (namn, i_mening) in [
            ("Hemtjänst", "hemtjänst"),
            ("Särskilt boende", "särskilt boende"),
            ("Daglig verksamhet (LSS)", "daglig verksamhet (LSS)"),
            ("Home care", "home care"),
            ("Kotipalvelu", "kotipalvelu"),
            ("Ärendehjälp", "ärendehjälp"),
            ("LSS-boende", "LSS-boende"),
            ("LSS", "LSS"),
            ("SoL-insats", "SoL-insats"),
            ("hemtjänst", "hemtjänst"),
            ("A", "A"),
        ] {
            assert_eq!(namn_i_mening(namn), i_mening, "{namn}");
        }
        assert_eq!(versal_forst("ärendehjälp"), "Ärendehjälp");
        assert_eq!(versal_forst("LSS-boende"), "LSS-boende");
        assert_eq!(versal_forst(""), "");
    }
}
