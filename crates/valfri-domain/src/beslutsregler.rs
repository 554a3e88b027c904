//! The rules of a beslut's life that both stores apply (the desk's `SQLite` and the hub's
//! `PostgreSQL`): when a beslut may be made, when a choice may be recorded as it is, what the
//! caseworker is asked to confirm, and when a beslut holds a place under a provider's cap.
//! Pure functions over data the store has read; the stores hold the SQL and call these.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::fel::{Anvandarmeddelande, Arg};
use crate::{BeslutStatus, Enhet, Informationssatt, Utfall, VemValde};

/// What the municipality requires of a beslut before it is made (its settings).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Beslutskrav {
    /// A beslut cannot be made without a motivering.
    pub motivering: bool,
    /// A beslut cannot be made without a diarienummer.
    pub diarienummer: bool,
}

/// The parts of a beslut the rules for making it look at.
#[derive(Debug, Clone, PartialEq)]
pub struct Beslutsperiod<'a> {
    /// The beslut's id (absent for a form not yet saved).
    pub id: Option<&'a str>,
    pub insats_kod: &'a str,
    pub utfall: Utfall,
    pub status: BeslutStatus,
    pub diarienummer: &'a str,
    pub giltig_fran: NaiveDate,
    pub giltig_till: Option<NaiveDate>,
}

impl Beslutsperiod<'_> {
    /// Whether this beslut grants the insats (a bifall or a partial one) and is in force: made
    /// and not ended. Drafts and refusals grant nothing.
    fn beviljar(&self) -> bool {
        self.utfall != Utfall::Avslag
            && matches!(self.status, BeslutStatus::Beslutat | BeslutStatus::Verkstallt)
    }

    fn overlappar(&self, annat: &Beslutsperiod<'_>) -> bool {
        let slutar_fore = |a: &Beslutsperiod<'_>, b: &Beslutsperiod<'_>| {
            a.giltig_till.is_some_and(|till| till < b.giltig_fran)
        };
        !slutar_fore(self, annat) && !slutar_fore(annat, self)
    }
}

/// Why a beslut may not be made, a choice not be recorded, or a beslut not be ended.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Beslutsregelfel {
    #[error("the whole period of the beslut ended on {till}, before today")]
    PeriodenPasserad { till: NaiveDate },
    #[error(
        "the brukare already has a granted beslut {diarienummer} on the insats for an overlapping period"
    )]
    Overlappar { diarienummer: String, fran: NaiveDate, till: Option<NaiveDate> },
    #[error("the municipality requires {falt} before a beslut is made")]
    KravSaknas { falt: &'static str },
    #[error("the brukare has no ombud")]
    IngetOmbud,
    #[error("no letter with valfrihetsinformation is recorded for the beslut")]
    IngetBrev,
    #[error("the beslut is not in force and cannot be ended")]
    InteIKraft,
    /// Verkställighet by hand: why it cannot be set.
    #[error("the beslut cannot be set verkställt: {skal}")]
    KanInteVerkstallas { skal: Verkstallighetshinder },
    #[error("a beslut is not set verkställt from a day after today")]
    EfterIdag,
    #[error(transparent)]
    Ko(crate::vantelista::Kohinder),
}

/// Why a beslut cannot be set verkställt by hand on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verkstallighetshinder {
    /// Not yet made (a draft).
    EjFattat,
    /// Already verkställt.
    Redan,
    /// Ended (by hand, replaced or run out).
    Avslutat,
    /// An avslag carries nothing out.
    Avslag,
    /// No provider has been chosen or assigned.
    IngenUtforare,
    /// The date is before the beslut's giltig från.
    ForeStart,
    /// The date is after the beslut's giltig till.
    EfterSlut,
}

impl std::fmt::Display for Verkstallighetshinder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl Verkstallighetshinder {
    fn meddelande_id(self) -> &'static str {
        match self {
            Self::EjFattat => "fel-verkstall-ej-fattat",
            Self::Redan => "fel-verkstall-redan",
            Self::Avslutat => "fel-verkstall-avslutat",
            Self::Avslag => "fel-verkstall-avslag",
            Self::IngenUtforare => "fel-verkstall-ingen-utforare",
            Self::ForeStart => "fel-verkstall-fore-start",
            Self::EfterSlut => "fel-verkstall-efter-slut",
        }
    }
}

/// Whether a beslut may be set verkställt by hand from `dag`: it is made and not yet carried
/// out or ended, it grants something, a provider has been chosen or assigned (`har_utforare`),
/// and `dag` lies within its period and not after `idag` (nobody records a start that has not
/// happened). A beslut whose provider's start already set it verkställt is refused as `Redan`.
pub fn kontrollera_verkstallighet(
    status: BeslutStatus,
    utfall: crate::Utfall,
    har_utforare: bool,
    giltig_fran: NaiveDate,
    giltig_till: Option<NaiveDate>,
    dag: NaiveDate,
    idag: NaiveDate,
) -> Result<(), Beslutsregelfel> {
    let hinder = |skal| Err(Beslutsregelfel::KanInteVerkstallas { skal });
    match status {
        BeslutStatus::Utkast => return hinder(Verkstallighetshinder::EjFattat),
        BeslutStatus::Verkstallt => return hinder(Verkstallighetshinder::Redan),
        BeslutStatus::Avslutat => return hinder(Verkstallighetshinder::Avslutat),
        BeslutStatus::Beslutat => {}
    }
    if utfall == crate::Utfall::Avslag {
        return hinder(Verkstallighetshinder::Avslag);
    }
    if !har_utforare {
        return hinder(Verkstallighetshinder::IngenUtforare);
    }
    if dag < giltig_fran {
        return hinder(Verkstallighetshinder::ForeStart);
    }
    if giltig_till.is_some_and(|t| dag > t) {
        return hinder(Verkstallighetshinder::EfterSlut);
    }
    crate::val::kontrollera_handelsedatum(dag, idag)
        .map(|_| ())
        .map_err(|_| Beslutsregelfel::EfterIdag)
}

impl Anvandarmeddelande for Beslutsregelfel {
    fn meddelande_id(&self) -> &'static str {
        match self {
            Self::PeriodenPasserad { .. } => "fel-beslut-period-passerad",
            Self::Overlappar { till: Some(_), .. } => "fel-beslut-overlappar",
            Self::Overlappar { till: None, .. } => "fel-beslut-overlappar-tillsvidare",
            Self::KravSaknas { .. } => "fel-beslut-krav-saknas",
            Self::IngetOmbud => "fel-val-inget-ombud",
            Self::IngetBrev => "fel-val-inget-brev",
            Self::InteIKraft => "fel-beslut-inte-i-kraft",
            Self::KanInteVerkstallas { skal } => skal.meddelande_id(),
            Self::EfterIdag => "fel-verkstall-efter-idag",
            Self::Ko(h) => h.meddelande_id(),
        }
    }

    fn argument(&self) -> Vec<(&'static str, Arg)> {
        match self {
            Self::PeriodenPasserad { till } => vec![("till", till.to_string().into())],
            Self::Overlappar { diarienummer, fran, till } => {
                let mut v = vec![
                    ("diarienummer", diarienummer.clone().into()),
                    ("fran", fran.to_string().into()),
                ];
                if let Some(till) = till {
                    v.push(("till", till.to_string().into()));
                }
                v
            }
            Self::KravSaknas { falt } => vec![("falt", (*falt).into())],
            Self::Ko(h) => h.argument(),
            _ => Vec::new(),
        }
    }
}

/// Whether `ny` may be made on `idag`, given the brukare's other beslut (`ovriga`, any state),
/// the municipality's requirements, its motivering and, for an omprövning, the beslut it
/// replaces (`ersatter`). The first reason found, in a fixed order, is returned:
///
/// 1. the municipality requires a diarienummer or a motivering and it is empty;
/// 2. the whole period is in the past (`giltig_till` before `idag`): nothing is left to decide;
/// 3. a granting beslut overlaps another granting beslut in force on the same insats — unless
///    the other is the one this omprövning replaces (it ends when this one is made).
pub fn kontrollera_fattande(
    ny: &Beslutsperiod<'_>,
    motivering: &str,
    ersatter: Option<&str>,
    ovriga: &[Beslutsperiod<'_>],
    krav: Beslutskrav,
    idag: NaiveDate,
) -> Result<(), Beslutsregelfel> {
    if krav.diarienummer && ny.diarienummer.trim().is_empty() {
        return Err(Beslutsregelfel::KravSaknas { falt: "diarienummer" });
    }
    if krav.motivering && motivering.trim().is_empty() {
        return Err(Beslutsregelfel::KravSaknas { falt: "motivering" });
    }
    if let Some(till) = ny.giltig_till.filter(|t| *t < idag) {
        return Err(Beslutsregelfel::PeriodenPasserad { till });
    }
    if ny.utfall != Utfall::Avslag {
        let krock = ovriga.iter().find(|a| {
            a.id.is_some()
                && a.id != ny.id
                && a.id != ersatter
                && a.insats_kod == ny.insats_kod
                && a.beviljar()
                && a.overlappar(ny)
        });
        if let Some(a) = krock {
            return Err(Beslutsregelfel::Overlappar {
                diarienummer: a.diarienummer.to_owned(),
                fran: a.giltig_fran,
                till: a.giltig_till,
            });
        }
    }
    Ok(())
}

/// Whether a choice may be recorded as stated: "the ombud chose" only when the brukare has an
/// ombud, and "by letter" only when a letter with valfrihetsinformation was recorded for the
/// beslut. Nothing is recorded that did not happen.
pub fn kontrollera_valuppgifter(
    vem: VemValde,
    kanal: Option<Informationssatt>,
    har_ombud: bool,
    brev_registrerat: bool,
) -> Result<(), Beslutsregelfel> {
    if vem == VemValde::Ombud && !har_ombud {
        return Err(Beslutsregelfel::IngetOmbud);
    }
    if kanal == Some(Informationssatt::Brev) && !brev_registrerat {
        return Err(Beslutsregelfel::IngetBrev);
    }
    Ok(())
}

/// Who may be named as having chosen: the ombud only for a brukare who has one.
pub fn mojliga_valjare(har_ombud: bool) -> Vec<VemValde> {
    VemValde::ALLA.iter().copied().filter(|v| har_ombud || *v != VemValde::Ombud).collect()
}

/// The ways the information may be recorded as given: by letter only when one was recorded.
pub fn mojliga_informationssatt(brev_registrerat: bool) -> Vec<Informationssatt> {
    Informationssatt::ALLA
        .iter()
        .copied()
        .filter(|k| brev_registrerat || *k != Informationssatt::Brev)
        .collect()
}

/// Whether a beslut may be ended by hand: it has been made and has not ended.
pub fn kan_avslutas(status: BeslutStatus) -> Result<(), Beslutsregelfel> {
    if matches!(status, BeslutStatus::Beslutat | BeslutStatus::Verkstallt) {
        Ok(())
    } else {
        Err(Beslutsregelfel::InteIKraft)
    }
}

/// What the day's automatic step does to a beslut on `dag`. Both stores select the beslut that
/// may be concerned and ask this for each, so the desk and the hub change the same ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dagssteg {
    /// Carried out from this day: its provider's start.
    Verkstall(NaiveDate),
    /// Ended as `utgatt` on this day: its last day of giltighet.
    Avsluta(NaiveDate),
}

/// **The rule** of the day's step: a beslut in force whose period has run out (`giltig_till`
/// before `dag`) ends on its last day, whatever else holds; a made beslut whose running
/// provider has started (`val_start` on or before `dag`) is verkställt from that start. Nothing
/// else changes (an utkast, an ended beslut, a beslut without a provider).
pub fn dagens_steg(
    status: BeslutStatus,
    val_start: Option<NaiveDate>,
    giltig_till: Option<NaiveDate>,
    dag: NaiveDate,
) -> Option<Dagssteg> {
    let i_kraft = matches!(status, BeslutStatus::Beslutat | BeslutStatus::Verkstallt);
    match giltig_till {
        Some(till) if i_kraft && till < dag => return Some(Dagssteg::Avsluta(till)),
        _ => {}
    }
    match val_start {
        Some(start) if status == BeslutStatus::Beslutat && start <= dag => {
            Some(Dagssteg::Verkstall(start))
        }
        _ => None,
    }
}

/// A follow-up as recorded: done on `datum` (not ahead of `idag`), with the next one due on
/// `nasta` (after `datum`) or none. The beslut must be in force. Returns the dates as given.
pub fn kontrollera_uppfoljning(
    status: BeslutStatus,
    datum: NaiveDate,
    nasta: Option<NaiveDate>,
    idag: NaiveDate,
) -> Result<(NaiveDate, Option<NaiveDate>), crate::Valideringsfel> {
    crate::val::kontrollera_handelsedatum(datum, idag)?;
    if nasta.is_some_and(|n| n <= datum) {
        return Err(crate::Valideringsfel::DatumOrdning);
    }
    if !matches!(status, BeslutStatus::Beslutat | BeslutStatus::Verkstallt) {
        return Err(crate::Valideringsfel::OkantVarde {
            falt: "status",
            varde: status.kod().into(),
        });
    }
    Ok((datum, nasta))
}

/// When a beslut's next follow-up is due: the latest recorded follow-up's next date (none when
/// it set none), or the beslut's own uppföljning date when none is recorded yet. The worklist
/// lists a beslut whose due date is within its horizon; the stores compute the same in SQL.
pub fn uppfoljning_forfaller(
    beslutets: Option<NaiveDate>,
    senaste_nasta: Option<Option<NaiveDate>>,
) -> Option<NaiveDate> {
    match senaste_nasta {
        Some(nasta) => nasta,
        None => beslutets,
    }
}

// --- Holding a place under a provider's cap -------------------------------------------------------

/// **The rule.** A val (one provider carrying out one beslut) holds a place under that
/// provider's kapacitetstak for the insats on day `dag` when all of these hold:
///
/// - the val has not ended (`slutdatum` is empty; a byte or an ickeval that replaced it sets one),
/// - its beslut has not been ended (status is not `avslutat`: by hand, by omprövning, or
///   automatically when it ran out), and
/// - its beslut's period has not run out on `dag` (`giltig_till` is empty or on or after `dag`).
///
/// A val whose provider starts later already holds its place, so two brukare cannot be promised
/// the same last place. Both stores count places with [`haller_plats_sql`], which says the same
/// thing in SQL; `valfri-store`'s tests check the two agree case by case.
pub fn haller_plats(
    val_slutdatum: Option<NaiveDate>,
    beslut_status: BeslutStatus,
    beslut_giltig_till: Option<NaiveDate>,
    dag: NaiveDate,
) -> bool {
    val_slutdatum.is_none()
        && beslut_status != BeslutStatus::Avslutat
        && beslut_giltig_till.is_none_or(|till| till >= dag)
}

/// [`haller_plats`] as an SQL predicate over a `val` row aliased `val` joined to its `beslut`
/// aliased `beslut`, with the day as the placeholder `dag` (`?3` in `SQLite`, `$3` in `PostgreSQL`).
/// Dates compare as ISO text in `SQLite` and as `date` in `PostgreSQL`; both give the same order.
pub fn haller_plats_sql(val: &str, beslut: &str, dag: &str) -> String {
    format!(
        "({val}.slutdatum IS NULL AND {beslut}.status <> 'avslutat' \
         AND ({beslut}.giltig_till IS NULL OR {beslut}.giltig_till >= {dag}))"
    )
}

/// Whether a worklist item whose date is `forfaller` (a follow-up's next date, an answer date)
/// is late on `dag`: the date has passed. Without a date nothing is late.
pub fn forsenad(forfaller: Option<NaiveDate>, dag: NaiveDate) -> bool {
    forfaller.is_some_and(|d| d < dag)
}

// --- What the caseworker confirms ----------------------------------------------------------------

/// What an irreversible act will do, for the confirmation a person reads before it is done.
/// The sentence is made from this by `valfri-l10n` (`Localizer::bekraftelse`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "handling", rename_all = "snake_case")]
pub enum Bekraftelse {
    /// Making a beslut.
    Fatta {
        insats: String,
        utfall: Utfall,
        omfattning: Option<f64>,
        enhet: Enhet,
        namn: String,
        /// The beslut it replaces ends (omprövning).
        ersatter: bool,
    },
    /// Applying the ickeval alternative.
    Ickeval { insats: String, namn: String, utforare: String, start: NaiveDate },
    /// Registering an aktivt val (no provider yet) or a byte.
    Val {
        insats: String,
        namn: String,
        utforare: String,
        start: NaiveDate,
        /// The provider the brukare leaves (a byte).
        tidigare: Option<String>,
    },
    /// Ending a beslut by hand.
    Avsluta {
        insats: String,
        namn: String,
        orsak: Avslutsorsak,
        dag: NaiveDate,
        /// The provider whose place is freed.
        utforare: Option<String>,
    },
    /// Setting a beslut verkställt by hand.
    Verkstall { insats: String, namn: String, utforare: String, dag: NaiveDate },
    /// Putting a brukare on a provider's waiting list.
    Ko {
        insats: String,
        namn: String,
        utforare: String,
        /// The provider the brukare keeps meanwhile, if any.
        behaller: Option<String>,
    },
    /// Taking a brukare off a waiting list.
    UrKo { namn: String, utforare: String },
    /// Adding a provider to the register with its first approval (`insats` as it stands inside
    /// a sentence).
    NyUtforare { utforare: String, insats: String, fran: NaiveDate },
    /// A new approval, for another insats, of a provider already in the register.
    NyttGodkannande { utforare: String, insats: String, fran: NaiveDate },
}

/// Why a beslut ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Avslutsorsak {
    /// The brukare moved away.
    Flyttat,
    /// The brukare died.
    Avliden,
    /// The help is no longer needed.
    BehovsEj,
    /// Replaced by another beslut.
    Ersatt,
    /// Its period ran out (set automatically, not offered by hand).
    Utgatt,
}

impl Avslutsorsak {
    pub const ALLA: &'static [Avslutsorsak] = &[
        Avslutsorsak::Flyttat,
        Avslutsorsak::Avliden,
        Avslutsorsak::BehovsEj,
        Avslutsorsak::Ersatt,
        Avslutsorsak::Utgatt,
    ];
    /// The reasons a caseworker may give by hand.
    pub const FOR_HAND: &'static [Avslutsorsak] = &[
        Avslutsorsak::Flyttat,
        Avslutsorsak::Avliden,
        Avslutsorsak::BehovsEj,
        Avslutsorsak::Ersatt,
    ];

    pub fn kod(self) -> &'static str {
        match self {
            Self::Flyttat => "flyttat",
            Self::Avliden => "avliden",
            Self::BehovsEj => "behovs_ej",
            Self::Ersatt => "ersatt",
            Self::Utgatt => "utgatt",
        }
    }

    pub fn fran_kod(kod: &str) -> Result<Self, crate::Valideringsfel> {
        match kod.trim() {
            "" => Err(crate::Valideringsfel::Saknas { falt: "avslutsorsak" }),
            k => Self::ALLA.iter().copied().find(|o| o.kod() == k).ok_or_else(|| {
                crate::Valideringsfel::OkantVarde {
                    falt: "avslutsorsak",
                    varde: k.chars().take(40).collect(),
                }
            }),
        }
    }

    pub fn meddelande_id(self) -> String {
        format!("avslutsorsak-{}", self.kod())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn an_item_is_late_the_day_after_its_date_and_never_without_one() {
        let dag = d("2026-12-02");
        assert!(forsenad(Some(d("2026-12-01")), dag));
        assert!(!forsenad(Some(dag), dag), "due today is not late yet");
        assert!(!forsenad(Some(d("2026-12-03")), dag));
        assert!(!forsenad(None, dag));
    }

    fn period<'a>(
        id: &'a str,
        insats: &'a str,
        status: BeslutStatus,
        fran: &str,
        till: Option<&str>,
    ) -> Beslutsperiod<'a> {
        Beslutsperiod {
            id: Some(id),
            insats_kod: insats,
            utfall: Utfall::Bifall,
            status,
            diarienummer: "SN 2026/1",
            giltig_fran: d(fran),
            giltig_till: till.map(d),
        }
    }

    const IDAG: &str = "2026-12-02";

    #[test]
    fn the_days_step_ends_a_run_out_beslut_and_carries_out_one_whose_provider_started() {
        use BeslutStatus::{Avslutat, Beslutat, Utkast, Verkstallt};
        let dag = d(IDAG);
        // Run out yesterday: ended on its last day, also when its provider had started.
        let igar = Some(d("2026-12-01"));
        assert_eq!(
            dagens_steg(Beslutat, None, igar, dag),
            Some(Dagssteg::Avsluta(d("2026-12-01")))
        );
        assert_eq!(
            dagens_steg(Verkstallt, Some(d("2026-01-05")), igar, dag),
            Some(Dagssteg::Avsluta(d("2026-12-01")))
        );
        assert_eq!(
            dagens_steg(Beslutat, Some(d("2026-06-01")), igar, dag),
            Some(Dagssteg::Avsluta(d("2026-12-01")))
        );
        // Its last day is today: still in force.
        assert_eq!(dagens_steg(Verkstallt, Some(d("2026-01-05")), Some(dag), dag), None);
        // The provider started today or earlier: verkställt from that start.
        assert_eq!(dagens_steg(Beslutat, Some(dag), None, dag), Some(Dagssteg::Verkstall(dag)));
        assert_eq!(
            dagens_steg(Beslutat, Some(d("2026-11-20")), Some(dag), dag),
            Some(Dagssteg::Verkstall(d("2026-11-20")))
        );
        // Starts tomorrow, no provider, already carried out, an utkast or ended: nothing.
        assert_eq!(dagens_steg(Beslutat, Some(d("2026-12-03")), None, dag), None);
        assert_eq!(dagens_steg(Beslutat, None, None, dag), None);
        assert_eq!(dagens_steg(Verkstallt, Some(d("2026-11-20")), None, dag), None);
        assert_eq!(dagens_steg(Utkast, Some(d("2026-11-20")), igar, dag), None);
        assert_eq!(dagens_steg(Avslutat, Some(d("2026-11-20")), igar, dag), None);
    }

    #[test]
    fn a_beslut_whose_whole_period_is_past_cannot_be_made() {
        let ny = period("n", "hemtjanst", BeslutStatus::Utkast, "2026-01-01", Some("2026-12-01"));
        assert_eq!(
            kontrollera_fattande(&ny, "m", None, &[], Beslutskrav::default(), d(IDAG)),
            Err(Beslutsregelfel::PeriodenPasserad { till: d("2026-12-01") })
        );
        // A period ending today, or started in the past and still running, may be made.
        let idag = period("n", "hemtjanst", BeslutStatus::Utkast, "2026-01-01", Some(IDAG));
        assert!(
            kontrollera_fattande(&idag, "", None, &[], Beslutskrav::default(), d(IDAG)).is_ok()
        );
        let tillsvidare = period("n", "hemtjanst", BeslutStatus::Utkast, "2020-01-01", None);
        assert!(
            kontrollera_fattande(&tillsvidare, "", None, &[], Beslutskrav::default(), d(IDAG))
                .is_ok()
        );
    }

    #[test]
    fn a_second_grant_on_the_same_insats_may_not_overlap_unless_it_replaces_it() {
        let befintligt =
            period("a", "hemtjanst", BeslutStatus::Verkstallt, "2026-01-01", Some("2027-06-30"));
        let ny = period("n", "hemtjanst", BeslutStatus::Utkast, "2026-12-01", None);
        let k = Beslutskrav::default();
        let fel =
            kontrollera_fattande(&ny, "", None, std::slice::from_ref(&befintligt), k, d(IDAG));
        assert!(
            matches!(fel, Err(Beslutsregelfel::Overlappar { ref diarienummer, .. }) if diarienummer == "SN 2026/1")
        );
        // An omprövning of it may.
        assert!(
            kontrollera_fattande(&ny, "", Some("a"), std::slice::from_ref(&befintligt), k, d(IDAG))
                .is_ok()
        );
        // Another insats, a refusal, an ended one, a draft, or a period after it: no clash.
        let annan = Beslutsperiod { insats_kod: "dagverksamhet", ..befintligt.clone() };
        let avslag = Beslutsperiod { utfall: Utfall::Avslag, ..befintligt.clone() };
        let avslutat = Beslutsperiod { status: BeslutStatus::Avslutat, ..befintligt.clone() };
        let utkast = Beslutsperiod { status: BeslutStatus::Utkast, ..befintligt.clone() };
        for ovrigt in [annan, avslag, avslutat, utkast] {
            assert!(kontrollera_fattande(&ny, "", None, &[ovrigt], k, d(IDAG)).is_ok());
        }
        let efter = period("n", "hemtjanst", BeslutStatus::Utkast, "2027-07-01", None);
        assert!(
            kontrollera_fattande(&efter, "", None, std::slice::from_ref(&befintligt), k, d(IDAG))
                .is_ok()
        );
        // The day it ends is still inside it.
        let samma_dag = period("n", "hemtjanst", BeslutStatus::Utkast, "2027-06-30", None);
        assert!(
            kontrollera_fattande(
                &samma_dag,
                "",
                None,
                std::slice::from_ref(&befintligt),
                k,
                d(IDAG)
            )
            .is_err()
        );
        // A refusal never clashes: it grants nothing.
        let nytt_avslag = Beslutsperiod { utfall: Utfall::Avslag, ..ny.clone() };
        assert!(
            kontrollera_fattande(
                &nytt_avslag,
                "",
                None,
                std::slice::from_ref(&befintligt),
                k,
                d(IDAG)
            )
            .is_ok()
        );
        // The draft itself is not its own clash.
        let sig_sjalv =
            Beslutsperiod { status: BeslutStatus::Beslutat, id: Some("n"), ..ny.clone() };
        assert!(kontrollera_fattande(&ny, "", None, &[sig_sjalv], k, d(IDAG)).is_ok());
    }

    #[test]
    fn the_municipalitys_requirements_are_checked_first() {
        let ny = Beslutsperiod {
            diarienummer: "  ",
            ..period("n", "hemtjanst", BeslutStatus::Utkast, "2026-12-01", None)
        };
        let bada = Beslutskrav { motivering: true, diarienummer: true };
        assert_eq!(
            kontrollera_fattande(&ny, "", None, &[], bada, d(IDAG)),
            Err(Beslutsregelfel::KravSaknas { falt: "diarienummer" })
        );
        let med_dnr = Beslutsperiod { diarienummer: "SN 2026/9", ..ny.clone() };
        assert_eq!(
            kontrollera_fattande(&med_dnr, " ", None, &[], bada, d(IDAG)),
            Err(Beslutsregelfel::KravSaknas { falt: "motivering" })
        );
        assert!(kontrollera_fattande(&med_dnr, "Behov av stöd.", None, &[], bada, d(IDAG)).is_ok());
        assert!(kontrollera_fattande(&ny, "", None, &[], Beslutskrav::default(), d(IDAG)).is_ok());
    }

    #[test]
    fn nothing_is_recorded_that_did_not_happen() {
        use Informationssatt::{Brev, Samtal};
        assert_eq!(
            kontrollera_valuppgifter(VemValde::Ombud, None, false, false),
            Err(Beslutsregelfel::IngetOmbud)
        );
        assert!(kontrollera_valuppgifter(VemValde::Ombud, None, true, false).is_ok());
        assert_eq!(
            kontrollera_valuppgifter(VemValde::Brukare, Some(Brev), false, false),
            Err(Beslutsregelfel::IngetBrev)
        );
        assert!(kontrollera_valuppgifter(VemValde::Brukare, Some(Brev), false, true).is_ok());
        assert!(kontrollera_valuppgifter(VemValde::Brukare, Some(Samtal), false, false).is_ok());
        assert!(!mojliga_valjare(false).contains(&VemValde::Ombud));
        assert!(mojliga_valjare(true).contains(&VemValde::Ombud));
        assert!(!mojliga_informationssatt(false).contains(&Brev));
        assert_eq!(mojliga_informationssatt(true).len(), Informationssatt::ALLA.len());
    }

    #[test]
    fn a_follow_up_is_dated_today_or_before_and_sets_when_the_next_is_due() {
        let dag = d(IDAG);
        let v = BeslutStatus::Verkstallt;
        assert!(kontrollera_uppfoljning(v, dag, dag.succ_opt(), dag).is_ok());
        assert!(kontrollera_uppfoljning(v, dag.succ_opt().unwrap(), None, dag).is_err());
        assert_eq!(
            kontrollera_uppfoljning(v, dag, Some(dag), dag),
            Err(crate::Valideringsfel::DatumOrdning)
        );
        assert!(kontrollera_uppfoljning(BeslutStatus::Avslutat, dag, None, dag).is_err());
        let planerad = Some(d("2026-12-10"));
        assert_eq!(uppfoljning_forfaller(planerad, None), planerad);
        assert_eq!(uppfoljning_forfaller(planerad, Some(None)), None, "done, none planned");
        assert_eq!(
            uppfoljning_forfaller(planerad, Some(Some(d("2027-03-01")))),
            Some(d("2027-03-01"))
        );
    }

    #[test]
    fn an_ended_or_run_out_beslut_holds_no_place() {
        let dag = d(IDAG);
        assert!(haller_plats(None, BeslutStatus::Beslutat, None, dag));
        assert!(haller_plats(None, BeslutStatus::Verkstallt, Some(dag), dag));
        assert!(!haller_plats(None, BeslutStatus::Verkstallt, dag.pred_opt(), dag));
        assert!(!haller_plats(None, BeslutStatus::Avslutat, None, dag));
        assert!(!haller_plats(Some(dag), BeslutStatus::Verkstallt, None, dag));
        assert_eq!(
            haller_plats_sql("v", "b", "?3"),
            "(v.slutdatum IS NULL AND b.status <> 'avslutat' AND (b.giltig_till IS NULL OR b.giltig_till >= ?3))"
        );
    }

    #[test]
    fn only_a_beslut_in_force_can_be_ended_and_reasons_round_trip() {
        assert!(kan_avslutas(BeslutStatus::Verkstallt).is_ok());
        assert_eq!(kan_avslutas(BeslutStatus::Utkast), Err(Beslutsregelfel::InteIKraft));
        assert_eq!(kan_avslutas(BeslutStatus::Avslutat), Err(Beslutsregelfel::InteIKraft));
        for o in Avslutsorsak::ALLA {
            assert_eq!(Avslutsorsak::fran_kod(o.kod()), Ok(*o));
        }
        assert_eq!(
            Avslutsorsak::fran_kod(""),
            Err(crate::Valideringsfel::Saknas { falt: "avslutsorsak" })
        );
        assert!(!Avslutsorsak::FOR_HAND.contains(&Avslutsorsak::Utgatt));
    }

    #[test]
    fn verkstallighet_by_hand_needs_a_provider_and_a_day_within_the_period() {
        use crate::Utfall;
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let (fran, till, idag) = (d("2026-10-01"), Some(d("2026-12-31")), d("2026-11-15"));
        let k = |status, utfall, har, dag| {
            kontrollera_verkstallighet(status, utfall, har, fran, till, dag, idag)
        };
        let nej = |skal| Err(Beslutsregelfel::KanInteVerkstallas { skal });
        assert_eq!(k(BeslutStatus::Beslutat, Utfall::Bifall, true, d("2026-10-01")), Ok(()));
        assert_eq!(k(BeslutStatus::Beslutat, Utfall::Bifall, true, idag), Ok(()));
        assert_eq!(
            k(BeslutStatus::Beslutat, Utfall::Bifall, false, idag),
            nej(Verkstallighetshinder::IngenUtforare)
        );
        assert_eq!(
            k(BeslutStatus::Beslutat, Utfall::Bifall, true, d("2026-09-30")),
            nej(Verkstallighetshinder::ForeStart)
        );
        assert_eq!(
            kontrollera_verkstallighet(
                BeslutStatus::Beslutat,
                Utfall::Bifall,
                true,
                fran,
                Some(d("2026-10-31")),
                d("2026-11-01"),
                idag
            ),
            nej(Verkstallighetshinder::EfterSlut)
        );
        assert_eq!(
            k(BeslutStatus::Beslutat, Utfall::Bifall, true, d("2026-11-16")),
            Err(Beslutsregelfel::EfterIdag)
        );
        assert_eq!(
            k(BeslutStatus::Verkstallt, Utfall::Bifall, true, idag),
            nej(Verkstallighetshinder::Redan)
        );
        assert_eq!(
            k(BeslutStatus::Avslutat, Utfall::Bifall, true, idag),
            nej(Verkstallighetshinder::Avslutat)
        );
        assert_eq!(
            k(BeslutStatus::Utkast, Utfall::Bifall, true, idag),
            nej(Verkstallighetshinder::EjFattat)
        );
        assert_eq!(
            k(BeslutStatus::Beslutat, Utfall::Avslag, true, idag),
            nej(Verkstallighetshinder::Avslag)
        );
    }
}
