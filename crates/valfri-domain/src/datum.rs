//! Dates as the window, the CLI and the store write them: `YYYY-MM-DD`, the one form the whole
//! program reads and prints (a person's locale never changes it).

use chrono::NaiveDate;

use crate::Valideringsfel;

/// Reads a date typed or stored as `YYYY-MM-DD` (space around it ignored). A wrong form or a
/// date that does not exist is [`Valideringsfel::Datum`] for the field `falt`.
pub fn tolka_datum(falt: &'static str, text: &str) -> Result<NaiveDate, Valideringsfel> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| Valideringsfel::Datum { falt })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_iso_form_is_read_and_anything_else_names_the_field() {
        assert_eq!(
            tolka_datum("giltig_fran", " 2026-12-01 \n").unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
        assert_eq!(
            tolka_datum("datum", "2028-02-29").unwrap(),
            NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()
        );
        for fel in ["2026-02-30", "2027-02-29", "1/12/2026", "2026-12", "", "idag", "2026-12-01x"] {
            assert_eq!(
                tolka_datum("giltig_till", fel),
                Err(Valideringsfel::Datum { falt: "giltig_till" }),
                "{fel:?}"
            );
        }
    }
}
