//! Dates as the window, the CLI and the store write them: `YYYY-MM-DD`, the one form the whole
//! program reads and prints (a person's locale never changes it).

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use chrono_tz::Europe::Stockholm;

use crate::Valideringsfel;

/// Reads a date typed or stored as `YYYY-MM-DD` (space around it ignored). A wrong form or a
/// date that does not exist is [`Valideringsfel::Datum`] for the field `falt`.
pub fn tolka_datum(falt: &'static str, text: &str) -> Result<NaiveDate, Valideringsfel> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| Valideringsfel::Datum { falt })
}

/// The municipality's day at the instant `nu`: the date in Sweden (Europe/Stockholm, summer time
/// included), not the machine's zone nor UTC, so a desk and the hub agree on "today" and a form
/// opened after midnight is dated the new day.
pub fn dag_i_kommunen(nu: DateTime<Utc>) -> NaiveDate {
    nu.with_timezone(&Stockholm).date_naive()
}

/// An instant as a person in the municipality reads it: `YYYY-MM-DD HH:MM` in Swedish time.
pub fn tid_i_kommunen(nu: DateTime<Utc>) -> String {
    nu.with_timezone(&Stockholm).format("%Y-%m-%d %H:%M").to_string()
}

/// The statistics' default period: the twelve calendar months that end with the month of
/// `idag`, from the first day of the oldest through `idag` (so every month is whole but the
/// current one, which is counted so far).
pub fn tolv_manader(idag: NaiveDate) -> (NaiveDate, NaiveDate) {
    let forsta = idag.with_day(1).unwrap_or(idag);
    (forsta.checked_sub_months(Months::new(11)).unwrap_or(forsta), idag)
}

/// The calendar months `YYYY-MM` that `[fran, till]` touches, oldest first; none when `till`
/// is before `fran`.
pub fn manader(fran: NaiveDate, till: NaiveDate) -> Vec<String> {
    let mut ut = Vec::new();
    if till < fran {
        return ut;
    }
    let mut manad = fran.with_day(1).unwrap_or(fran);
    while manad <= till {
        ut.push(manad.format("%Y-%m").to_string());
        match manad.checked_add_months(Months::new(1)) {
            Some(nasta) => manad = nasta,
            None => break,
        }
    }
    ut
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        tolka_datum("datum", s).unwrap()
    }

    #[test]
    fn twelve_months_end_with_todays_and_begin_on_a_first() {
        assert_eq!(tolv_manader(d("2026-12-02")), (d("2026-01-01"), d("2026-12-02")));
        assert_eq!(tolv_manader(d("2026-03-31")), (d("2025-04-01"), d("2026-03-31")));
        let (fran, till) = tolv_manader(d("2026-12-02"));
        let m = manader(fran, till);
        assert_eq!(m.len(), 12);
        assert_eq!((m[0].as_str(), m[11].as_str()), ("2026-01", "2026-12"));
    }

    #[test]
    fn months_of_a_period_cross_the_year_and_an_empty_period_has_none() {
        assert_eq!(manader(d("2025-11-30"), d("2026-01-01")), ["2025-11", "2025-12", "2026-01"]);
        assert_eq!(manader(d("2026-02-10"), d("2026-02-11")), ["2026-02"]);
        assert!(manader(d("2026-02-10"), d("2026-02-09")).is_empty());
    }

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

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_day_is_swedens_not_utcs() {
        let dag = |text| dag_i_kommunen(utc(text)).to_string();
        // Winter (UTC+1): half past eleven in the evening UTC is already the next day in Sweden.
        assert_eq!(dag("2026-12-01T23:30:00Z"), "2026-12-02");
        assert_eq!(dag("2026-12-01T22:59:59Z"), "2026-12-01");
        assert_eq!(dag("2026-12-01T23:00:00Z"), "2026-12-02");
        // Summer (UTC+2): the day turns at ten in the evening UTC.
        assert_eq!(dag("2026-06-30T21:59:59Z"), "2026-06-30");
        assert_eq!(dag("2026-06-30T22:00:00Z"), "2026-07-01");
        // New Year's Eve turns the year too.
        assert_eq!(dag("2026-12-31T23:15:00Z"), "2027-01-01");
    }

    #[test]
    fn a_time_is_shown_in_swedish_time_around_the_summer_time_switches() {
        let tid = |text| tid_i_kommunen(utc(text));
        assert_eq!(tid("2026-12-01T23:30:00.123Z"), "2026-12-02 00:30");
        // Summer time starts on 29 March 2026 at 01:00 UTC and ends on 25 October at 01:00 UTC.
        assert_eq!(tid("2026-03-29T00:59:00Z"), "2026-03-29 01:59");
        assert_eq!(tid("2026-03-29T01:00:00Z"), "2026-03-29 03:00");
        assert_eq!(tid("2026-10-25T00:59:00Z"), "2026-10-25 02:59");
        assert_eq!(tid("2026-10-25T01:00:00Z"), "2026-10-25 02:00");
    }
}
