use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use crate::{Valideringsfel, luhn_kontrollsiffra};

/// A Swedish personnummer or samordningsnummer (coordination number: day of birth + 60),
/// kept in the canonical twelve-digit form `YYYYMMDDNNNC`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Personnummer(String);

impl Personnummer {
    /// Parses every common written form: `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN`,
    /// `YYMMDDNNNN`, and `YYMMDD+NNNN` for people aged 100 or more.
    ///
    /// A ten-digit form has no century, so it is read as the most recent date that is not after
    /// `idag` (a `+` moves it a further hundred years back), which is how Skatteverket defines it.
    /// A twelve-digit form whose date of birth is after `idag` is refused: nobody is registered
    /// before being born, and such a number is a typing error.
    ///
    /// The text is first put through [`normalisera_personnummer`], so a number pasted from a web page or a
    /// phone (en dash, minus sign, no-break space, full-width or Arabic-Indic digits) is read.
    pub fn tolka(text: &str, idag: NaiveDate) -> Result<Self, Valideringsfel> {
        let normal = normalisera_personnummer(text);
        let text = normal.trim();
        let mut siffror = Vec::with_capacity(12);
        let mut separator = None;
        for (i, c) in text.chars().enumerate() {
            match c {
                '0'..='9' => siffror.push(c as u8 - b'0'),
                '-' | '+' if separator.is_none() && (i == 6 || i == 8) => separator = Some(c),
                ' ' if separator.is_none() && (i == 6 || i == 8) => separator = Some('-'),
                _ => return Err(Valideringsfel::PersonnummerForm),
            }
        }
        // The separator must sit right before the last four digits.
        if separator.is_some() {
            let fore: usize = text.find(['-', '+', ' ']).unwrap_or(0);
            if fore != siffror.len() - 4 {
                return Err(Valideringsfel::PersonnummerForm);
            }
        }
        let (ar, resten) = match siffror.len() {
            12 => {
                if separator == Some('+') {
                    return Err(Valideringsfel::PersonnummerForm);
                }
                let ar = tal(&siffror[0..4]);
                (ar, &siffror[2..])
            }
            10 => {
                let kort = tal(&siffror[0..2]);
                let mut ar = idag.year() - idag.year() % 100 + kort as i32;
                // The latest date not after today: later this year means a century ago.
                let fodd = |ar: i32| {
                    let dag = tal(&siffror[4..6]);
                    NaiveDate::from_ymd_opt(
                        ar,
                        tal(&siffror[2..4]),
                        if dag > 60 { dag - 60 } else { dag },
                    )
                };
                if ar > idag.year() || (ar == idag.year() && fodd(ar).is_some_and(|d| d > idag)) {
                    ar -= 100;
                }
                if separator == Some('+') {
                    ar -= 100;
                }
                (u32::try_from(ar).map_err(|_| Valideringsfel::PersonnummerDatum)?, &siffror[..])
            }
            _ => return Err(Valideringsfel::PersonnummerForm),
        };
        let manad = tal(&resten[2..4]);
        let dag_i_nummer = tal(&resten[4..6]);
        let dag = if dag_i_nummer > 60 { dag_i_nummer - 60 } else { dag_i_nummer };
        let ar_i32 = i32::try_from(ar).map_err(|_| Valideringsfel::PersonnummerDatum)?;
        let fodd =
            NaiveDate::from_ymd_opt(ar_i32, manad, dag).ok_or(Valideringsfel::PersonnummerDatum)?;
        if fodd > idag {
            return Err(Valideringsfel::PersonnummerFramtid);
        }
        if luhn_kontrollsiffra(&resten[..9]) != resten[9] {
            return Err(Valideringsfel::PersonnummerKontrollsiffra);
        }
        let mut kanonisk = format!("{ar:04}");
        kanonisk.extend(resten[2..].iter().map(|d| char::from(b'0' + d)));
        Ok(Self(kanonisk))
    }

    /// The twelve digits, as stored.
    pub fn som_tolv_siffror(&self) -> &str {
        &self.0
    }

    /// Whether this is a samordningsnummer (day of birth + 60).
    pub fn ar_samordningsnummer(&self) -> bool {
        self.0[6..8].parse::<u32>().is_ok_and(|d| d > 60)
    }

    pub fn fodelsedatum(&self) -> Option<NaiveDate> {
        let ar = self.0[0..4].parse().ok()?;
        let manad = self.0[4..6].parse().ok()?;
        let dag: u32 = self.0[6..8].parse().ok()?;
        NaiveDate::from_ymd_opt(ar, manad, if dag > 60 { dag - 60 } else { dag })
    }

    /// Builds a valid number from a date and a three-digit birth number, computing the check digit.
    /// Used to make fictional people for the demo and benchmarks.
    pub fn fran_delar(fodd: NaiveDate, fodelsenummer: u16) -> Self {
        let kort = format!(
            "{:02}{:02}{:02}{:03}",
            fodd.year() % 100,
            fodd.month(),
            fodd.day(),
            fodelsenummer % 1000
        );
        let siffror: Vec<u8> = kort.bytes().map(|b| b - b'0').collect();
        let kontroll = luhn_kontrollsiffra(&siffror);
        Self(format!("{:04}{}{}", fodd.year(), &kort[2..], kontroll))
    }
}

/// The form people read: `YYYYMMDD-NNNN`.
impl fmt::Display for Personnummer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.0[..8], &self.0[8..])
    }
}

/// Reads the canonical twelve digits back from storage (no century guessing).
impl FromStr for Personnummer {
    type Err = Valideringsfel;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() != 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Valideringsfel::PersonnummerForm);
        }
        let ar: i32 = s[0..4].parse().map_err(|_| Valideringsfel::PersonnummerForm)?;
        let idag =
            NaiveDate::from_ymd_opt(ar + 99, 12, 31).ok_or(Valideringsfel::PersonnummerDatum)?;
        Self::tolka(s, idag)
    }
}

/// Rewrites the characters a personnummer arrives with from other programs into the ones
/// [`Personnummer::tolka`] reads: any dash or minus sign (en dash from Word, U+2212 from a web
/// form, the non-breaking hyphen) becomes `-`, the full-width plus `+`, any space (no-break,
/// thin, figure, ideographic) a plain space, and decimal digits of other scripts (full-width,
/// Arabic-Indic, Persian, Devanagari) ASCII digits; invisible marks (soft hyphen, zero-width
/// space, BOM) are dropped. Everything else is kept, so a name passes through unchanged apart
/// from those characters. The import and the store's search both call this, so what one reads
/// the other finds.
pub fn normalisera_personnummer(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}'))
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
            '\u{FF0B}' | '\u{FE62}' => '+',
            '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
            _ => annan_siffra(c).unwrap_or(c),
        })
        .collect()
}

/// A decimal digit of another script as its ASCII digit.
fn annan_siffra(c: char) -> Option<char> {
    // Where the digit zero is in full-width, Arabic-Indic, Persian and Devanagari.
    const NOLLOR: [u32; 4] = [0xFF10, 0x0660, 0x06F0, 0x0966];
    let k = u32::from(c);
    NOLLOR
        .iter()
        .find_map(|n| k.checked_sub(*n).filter(|d| *d < 10))
        .and_then(|d| char::from_digit(d, 10))
}

fn tal(siffror: &[u8]) -> u32 {
    siffror.iter().fold(0, |acc, &d| acc * 10 + u32::from(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn idag() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn every_common_form_gives_the_same_number() {
        for form in [
            "19340415-9828",
            "193404159828",
            "340415-9828",
            "3404159828",
            " 340415-9828 ",
            "19340415 9828",
        ] {
            let p = Personnummer::tolka(form, idag()).unwrap();
            assert_eq!(p.som_tolv_siffror(), "193404159828", "{form}");
            assert_eq!(p.to_string(), "19340415-9828");
        }
    }

    #[test]
    fn ten_digits_pick_the_latest_century_and_plus_goes_back_one_more() {
        let ung = Personnummer::fran_delar(NaiveDate::from_ymd_opt(2010, 3, 1).unwrap(), 123);
        let kort = &ung.som_tolv_siffror()[2..];
        assert_eq!(Personnummer::tolka(kort, idag()).unwrap(), ung);
        let gammal = Personnummer::fran_delar(NaiveDate::from_ymd_opt(1920, 5, 5).unwrap(), 42);
        let kort = gammal.som_tolv_siffror()[2..].to_string();
        let med_plus = format!("{}+{}", &kort[..6], &kort[6..]);
        assert_eq!(Personnummer::tolka(&med_plus, idag()).unwrap(), gammal);
        // Without the plus the same digits mean 2020.
        assert_eq!(
            Personnummer::tolka(&kort, idag()).unwrap().som_tolv_siffror()[..4].to_string(),
            "2020"
        );
    }

    #[test]
    fn refuses_bad_check_digit_date_and_form() {
        assert_eq!(
            Personnummer::tolka("19340415-9827", idag()),
            Err(Valideringsfel::PersonnummerKontrollsiffra)
        );
        assert_eq!(
            Personnummer::tolka("19340431-9828", idag()),
            Err(Valideringsfel::PersonnummerDatum)
        );
        for fel in [
            "",
            "abc",
            "1934-0415-9828",
            "19340415--9828",
            "934041598",
            "1934041598281",
            "19340415+9828",
        ] {
            assert_eq!(
                Personnummer::tolka(fel, idag()),
                Err(Valideringsfel::PersonnummerForm),
                "{fel}"
            );
        }
    }

    #[test]
    fn leap_days() {
        let skott = Personnummer::fran_delar(NaiveDate::from_ymd_opt(2000, 2, 29).unwrap(), 1);
        assert!(Personnummer::tolka(skott.som_tolv_siffror(), idag()).is_ok());
        // 1900 was not a leap year.
        let s = "190002290010";
        let mut d: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
        d[11] = luhn_kontrollsiffra(&d[2..11]);
        let s: String = d.iter().map(|x| char::from(b'0' + x)).collect();
        assert_eq!(Personnummer::tolka(&s, idag()), Err(Valideringsfel::PersonnummerDatum));
    }

    #[test]
    fn samordningsnummer_adds_sixty_to_the_day() {
        // Born 1990-01-01, samordningsnummer day 61.
        let mut d: Vec<u8> = "9001612380".bytes().map(|b| b - b'0').collect();
        d[9] = luhn_kontrollsiffra(&d[..9]);
        let s: String = d.iter().map(|x| char::from(b'0' + x)).collect();
        let p = Personnummer::tolka(&s, idag()).unwrap();
        assert!(p.ar_samordningsnummer());
        assert_eq!(p.fodelsedatum(), NaiveDate::from_ymd_opt(1990, 1, 1));
    }

    /// Digits in the scripts a pasted number arrives in: ASCII, full-width, Arabic-Indic, Persian.
    fn i_skrift(text: &str, skrift: usize) -> String {
        let noll = [u32::from('0'), 0xFF10, 0x0660, 0x06F0][skrift % 4];
        text.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(noll + d).unwrap(),
                None => c,
            })
            .collect()
    }

    #[test]
    fn a_twelve_digit_number_born_after_today_is_refused() {
        let imorgon = Personnummer::fran_delar(idag().succ_opt().unwrap(), 123);
        assert_eq!(
            Personnummer::tolka(imorgon.som_tolv_siffror(), idag()),
            Err(Valideringsfel::PersonnummerFramtid)
        );
        let idag_fodd = Personnummer::fran_delar(idag(), 123);
        assert!(Personnummer::tolka(idag_fodd.som_tolv_siffror(), idag()).is_ok());
        // Ten digits of a date later this year mean a hundred years ago, as Skatteverket reads them.
        let kort = &imorgon.som_tolv_siffror()[2..];
        assert_eq!(&Personnummer::tolka(kort, idag()).unwrap().som_tolv_siffror()[..4], "1926");
    }

    #[test]
    fn pasted_dashes_spaces_and_digits_are_read() {
        for form in [
            "19340415\u{2013}9828",
            "19340415\u{2212}9828",
            "340415\u{2011}9828",
            "19340415\u{A0}9828",
            "\u{FF11}\u{FF19}\u{FF13}\u{FF14}\u{FF10}\u{FF14}\u{FF11}\u{FF15}\u{FF0D}\u{FF19}\u{FF18}\u{FF12}\u{FF18}",
            "\u{661}\u{669}\u{663}\u{664}\u{660}\u{664}\u{661}\u{665}-\u{669}\u{668}\u{662}\u{668}",
            "\u{FEFF}19340415-9828\u{200B}",
        ] {
            assert_eq!(
                Personnummer::tolka(form, idag()).map(|p| p.to_string()).as_deref(),
                Ok("19340415-9828"),
                "{form:?}"
            );
        }
        assert_eq!(normalisera_personnummer("Åsa Öberg-Nilsson"), "Åsa Öberg-Nilsson");
    }

    proptest! {
        #[test]
        fn every_script_and_dash_gives_the_same_number(
            dagar in 0i64..40_000, nr in 0u16..1000, skrift in 0usize..4,
            streck in prop::sample::select(vec!['-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2212}', '\u{FF0D}', ' ', '\u{A0}', '\u{202F}']),
            tio in any::<bool>(),
        ) {
            let fodd = NaiveDate::from_ymd_opt(1927, 1, 1).unwrap() + chrono::Days::new(dagar as u64);
            prop_assume!(fodd <= idag());
            let p = Personnummer::fran_delar(fodd, nr);
            let tolv = p.som_tolv_siffror();
            let text = if tio { format!("{}{streck}{}", &tolv[2..8], &tolv[8..]) } else { format!("{}{streck}{}", &tolv[..8], &tolv[8..]) };
            prop_assert_eq!(&Personnummer::tolka(&i_skrift(&text, skrift), idag()).unwrap(), &p);
        }

        #[test]
        fn no_date_of_birth_after_today_is_accepted(
            text in "[0-9]{6,8}[-+ ]?[0-9]{4}", dagar in 0u64..60_000,
        ) {
            let dag = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Days::new(dagar);
            if let Ok(p) = Personnummer::tolka(&text, dag) {
                prop_assert!(p.fodelsedatum().is_some_and(|f| f <= dag), "{} read as {}", text, p);
            }
        }

        #[test]
        fn a_born_after_today_number_is_refused_in_every_script(
            dagar in 1u64..20_000, nr in 0u16..1000, skrift in 0usize..4,
        ) {
            let p = Personnummer::fran_delar(idag() + chrono::Days::new(dagar), nr);
            prop_assert_eq!(
                Personnummer::tolka(&i_skrift(&p.to_string(), skrift), idag()),
                Err(Valideringsfel::PersonnummerFramtid)
            );
        }

        #[test]
        fn ascii_without_dashes_or_spaces_is_left_as_it_is(s in "[!-~]{0,30}") {
            prop_assert_eq!(normalisera_personnummer(&s), s);
        }

        #[test]
        fn generated_numbers_round_trip_through_every_form(
            dagar in 0i64..40_000, nr in 0u16..1000,
        ) {
            let fodd = NaiveDate::from_ymd_opt(1920, 1, 1).unwrap() + chrono::Days::new(dagar as u64);
            prop_assume!(fodd <= idag());
            let p = Personnummer::fran_delar(fodd, nr);
            prop_assert_eq!(&Personnummer::tolka(&p.to_string(), idag()).unwrap(), &p);
            prop_assert_eq!(&Personnummer::tolka(p.som_tolv_siffror(), idag()).unwrap(), &p);
            prop_assert_eq!(&p.som_tolv_siffror().parse::<Personnummer>().unwrap(), &p);
            prop_assert_eq!(p.fodelsedatum(), Some(fodd));
        }

        #[test]
        fn changing_one_digit_is_always_caught(
            dagar in 0i64..40_000, nr in 0u16..1000, pos in 2usize..12, delta in 1u8..10,
        ) {
            let fodd = NaiveDate::from_ymd_opt(1920, 1, 1).unwrap() + chrono::Days::new(dagar as u64);
            let p = Personnummer::fran_delar(fodd, nr);
            let mut b = p.som_tolv_siffror().as_bytes().to_vec();
            b[pos] = b'0' + (b[pos] - b'0' + delta) % 10;
            let s = String::from_utf8(b).unwrap();
            prop_assert!(Personnummer::tolka(&s, NaiveDate::from_ymd_opt(2100, 1, 1).unwrap()).is_err());
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,20}") {
            let _ = Personnummer::tolka(&s, idag());
        }
    }
}
