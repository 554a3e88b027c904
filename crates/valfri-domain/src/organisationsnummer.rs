use std::fmt;

use crate::{Valideringsfel, luhn_kontrollsiffra};

/// A Swedish organisationsnummer (Bolagsverket's company or association number), canonical
/// ten digits `NNNNNNNNNN`, written `NNNNNN-NNNN`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Organisationsnummer(String);

impl Organisationsnummer {
    /// Accepts `NNNNNN-NNNN`, `NNNNNNNNNN` and the twelve-digit `16NNNNNNNNNN` form.
    ///
    /// The group number (first digit) says what kind of legal person it is: 1 dödsbo,
    /// 2 state, region, municipality or parish, 3 foreign company, 5 aktiebolag, 6 enkelt bolag,
    /// 7 ekonomisk förening, 8 ideell förening or stiftelse, 9 handelsbolag. The third and fourth
    /// digits are at least 20, which is what tells it apart from a personnummer.
    pub fn tolka(text: &str) -> Result<Self, Valideringsfel> {
        let text = text.trim();
        let mut siffror = Vec::with_capacity(12);
        for (i, c) in text.chars().enumerate() {
            match c {
                '0'..='9' => siffror.push(c as u8 - b'0'),
                '-' if i + 5 == text.len() => {}
                _ => return Err(Valideringsfel::OrganisationsnummerForm),
            }
        }
        let siffror = match siffror.len() {
            10 => &siffror[..],
            12 if siffror[0] == 1 && siffror[1] == 6 => &siffror[2..],
            _ => return Err(Valideringsfel::OrganisationsnummerForm),
        };
        if !matches!(siffror[0], 1 | 2 | 3 | 5 | 6 | 7 | 8 | 9) || siffror[2] < 2 {
            return Err(Valideringsfel::OrganisationsnummerGrupp);
        }
        if luhn_kontrollsiffra(&siffror[..9]) != siffror[9] {
            return Err(Valideringsfel::OrganisationsnummerKontrollsiffra);
        }
        Ok(Self(siffror.iter().map(|d| char::from(b'0' + d)).collect()))
    }

    pub fn som_tio_siffror(&self) -> &str {
        &self.0
    }

    /// Builds a valid number from group digit and eight digits, computing the check digit.
    /// For fictional providers in the demo and benchmarks.
    pub fn fran_delar(grupp: u8, lopnummer: u32) -> Result<Self, Valideringsfel> {
        let kort = format!("{}{:08}", grupp % 10, lopnummer % 100_000_000);
        let mut siffror: Vec<u8> = kort.bytes().map(|b| b - b'0').collect();
        if siffror[2] < 2 {
            siffror[2] += 2;
        }
        siffror.push(luhn_kontrollsiffra(&siffror));
        let text: String = siffror.iter().map(|d| char::from(b'0' + d)).collect();
        Self::tolka(&text)
    }
}

impl fmt::Display for Organisationsnummer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.0[..6], &self.0[6..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_common_forms() {
        let o = Organisationsnummer::fran_delar(5, 5_667_890).unwrap();
        let tio = o.som_tio_siffror().to_string();
        for form in [tio.clone(), o.to_string(), format!("16{tio}")] {
            assert_eq!(Organisationsnummer::tolka(&form).unwrap(), o, "{form}");
        }
    }

    #[test]
    fn refuses_wrong_group_low_middle_digits_and_check_digit() {
        // A personnummer (third digit 0 or 1) is not an organisationsnummer.
        assert_eq!(
            Organisationsnummer::tolka("340415-9828"),
            Err(Valideringsfel::OrganisationsnummerGrupp)
        );
        assert_eq!(
            Organisationsnummer::tolka("4020000000"),
            Err(Valideringsfel::OrganisationsnummerGrupp)
        );
        let o = Organisationsnummer::fran_delar(8, 2_123_456).unwrap();
        let mut b = o.som_tio_siffror().as_bytes().to_vec();
        b[9] = b'0' + (b[9] - b'0' + 1) % 10;
        assert_eq!(
            Organisationsnummer::tolka(std::str::from_utf8(&b).unwrap()),
            Err(Valideringsfel::OrganisationsnummerKontrollsiffra)
        );
        for fel in ["", "55-66", "556677-88990", "5566-778899", "x556677889"] {
            assert_eq!(
                Organisationsnummer::tolka(fel),
                Err(Valideringsfel::OrganisationsnummerForm),
                "{fel}"
            );
        }
    }

    proptest! {
        #[test]
        fn built_numbers_are_valid(grupp in prop::sample::select(vec![2u8, 5, 7, 8, 9]), lop in 0u32..100_000_000) {
            let o = Organisationsnummer::fran_delar(grupp, lop).unwrap();
            prop_assert_eq!(Organisationsnummer::tolka(&o.to_string()).unwrap(), o);
        }

        #[test]
        fn arbitrary_text_never_panics(s in "\\PC{0,16}") {
            let _ = Organisationsnummer::tolka(&s);
        }
    }
}
