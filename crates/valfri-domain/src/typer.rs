//! The records and closed vocabularies of the domain. Codes (`kod`) are what is stored and what
//! the CLI and imports accept; the text a person reads comes from the locales under
//! `<prefix>-<kod>`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Valideringsfel;

/// Declares a closed vocabulary with a stable code per value and a locale prefix.
macro_rules! kodlista {
    ($(#[$m:meta])* $namn:ident, $prefix:literal, $falt:literal { $($(#[$vm:meta])* $variant:ident = $kod:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $namn {
            $($(#[$vm])* #[serde(rename = $kod)] $variant),+
        }

        impl $namn {
            pub const ALLA: &'static [$namn] = &[$($namn::$variant),+];

            pub fn kod(self) -> &'static str {
                match self { $($namn::$variant => $kod),+ }
            }

            pub fn fran_kod(kod: &str) -> Result<Self, Valideringsfel> {
                match kod.trim() {
                    $($kod => Ok($namn::$variant),)+
                    annat => Err(Valideringsfel::OkantVarde { falt: $falt, varde: annat.chars().take(40).collect() }),
                }
            }

            /// The Fluent id of the word a person reads for this value.
            pub fn meddelande_id(self) -> &'static str {
                match self { $($namn::$variant => concat!($prefix, "-", $kod)),+ }
            }
        }
    };
}

kodlista!(
    /// The outcome of a beslut.
    Utfall, "utfall", "utfall" {
        /// Granted as applied for.
        Bifall = "bifall",
        /// Partly granted.
        DelvisBifall = "delvis",
        /// Refused.
        Avslag = "avslag",
    }
);

kodlista!(
    /// Where a beslut is in its life: utkast (draft) → beslutat (made) → verkställt (carried out)
    /// → avslutat (ended). Only an utkast may be edited.
    BeslutStatus, "status", "status" {
        Utkast = "utkast",
        Beslutat = "beslutat",
        Verkstallt = "verkstallt",
        Avslutat = "avslutat",
    }
);

impl BeslutStatus {
    /// Whether the life of a beslut may move from `self` to `till`.
    pub fn kan_ga_till(self, till: BeslutStatus) -> bool {
        use BeslutStatus::{Avslutat, Beslutat, Utkast, Verkstallt};
        matches!(
            (self, till),
            (Utkast, Beslutat) | (Beslutat, Verkstallt | Avslutat) | (Verkstallt, Avslutat)
        )
    }
}

kodlista!(
    /// How a provider is run. Egen regi is the municipality's own unit: one provider among the others.
    Regi, "regi", "regi" {
        EgenRegi = "egen_regi",
        Privat = "privat",
        /// Non-profit, civil society.
        Ideburen = "ideburen",
    }
);

kodlista!(
    /// What a handläggare may do. Only a systemförvaltare edits the register and the settings.
    Roll, "roll", "roll" {
        Handlaggare = "handlaggare",
        Systemforvaltare = "systemforvaltare",
    }
);

kodlista!(
    /// A representative who receives copies of letters and may choose for the brukare.
    OmbudTyp, "ombud", "ombud_typ" {
        GodMan = "god_man",
        Forvaltare = "forvaltare",
        /// A relative with a power of attorney (fullmakt).
        Anhorig = "anhorig",
        Annat = "annat",
    }
);

kodlista!(
    /// The unit an insats measures its omfattning (extent) in.
    Enhet, "enhet", "enhet" {
        TimmarPerManad = "timmar_per_manad",
        Dygn = "dygn_per_manad",
        DagarPerVecka = "dagar_per_vecka",
        /// The beslut has no omfattning (e.g. särskilt boende).
        Ingen = "ingen",
    }
);

impl Enhet {
    /// The largest omfattning that makes sense in this unit (a month has at most 744 hours).
    pub fn max(self) -> Option<f64> {
        match self {
            Enhet::TimmarPerManad => Some(744.0),
            Enhet::Dygn => Some(31.0),
            Enhet::DagarPerVecka => Some(7.0),
            Enhet::Ingen => None,
        }
    }

    pub fn kontrollera(self, omfattning: Option<f64>) -> Result<Option<f64>, Valideringsfel> {
        match (self.max(), omfattning) {
            (None, None) => Ok(None),
            (None, Some(_)) => Err(Valideringsfel::OmfattningEjTillampbar),
            (Some(max), Some(v)) if v.is_finite() && v > 0.0 && v <= max => Ok(Some(v)),
            (Some(max), _) => Err(Valideringsfel::Omfattning { max: max as i64 }),
        }
    }
}

kodlista!(
    /// What happens when the brukare does not choose (ickeval, the non-choice alternative).
    IckevalModell, "ickeval", "ickeval" {
        /// The municipality's own unit gets the assignment.
        EgenRegi = "egen_regi",
        /// A provider procured separately for ickeval.
        Utsedd = "utsedd",
        /// A rotation list per insats and område.
        Turordning = "turordning",
    }
);

kodlista!(
    /// The neutral order providers are listed in.
    Ordningsregel, "ordning", "ordning" {
        /// Alphabetical with Swedish collation.
        Alfabetisk = "alfabetisk",
        /// Shuffled with a recorded seed.
        Slumpad = "slumpad",
    }
);

kodlista!(
    /// How a provider came to carry out a beslut.
    ValTyp, "valtyp", "valtyp" {
        /// The brukare (or their ombud) chose.
        AktivtVal = "aktivt_val",
        /// The brukare changed provider.
        Byte = "byte",
        /// Nobody chose; the ickeval alternative applied.
        Ickeval = "ickeval",
        /// Carried over to the beslut that replaced the old one (omprövning).
        Overford = "overford",
    }
);

kodlista!(
    /// Who made the choice.
    VemValde, "vem", "vem_valde" {
        Brukare = "brukare",
        Ombud = "ombud",
        /// The handläggare, on the brukare's instruction.
        Handlaggare = "handlaggare",
    }
);

kodlista!(
    /// How the valfrihetsinformation was given.
    Informationssatt, "kanal", "informationssatt" {
        Brev = "brev",
        Samtal = "samtal",
        /// In a conversation with an interpreter.
        Tolk = "tolk",
    }
);

kodlista!(
    /// Why ickeval applied.
    IckevalOrsak, "ickevalorsak", "orsak" {
        /// The svarsdatum passed without a choice.
        Svarsdatum = "svarsdatum",
        /// The brukare said they will not choose.
        Avstar = "avstar",
    }
);

/// A search hit: what a list may show. Never an address.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BrukareTraff {
    pub id: String,
    pub personnummer: String,
    pub fornamn: String,
    pub efternamn: String,
    pub omrade: Option<String>,
    pub skyddad: bool,
}

/// The person a beslut concerns (client).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Brukare {
    pub id: String,
    /// Formatted `YYYYMMDD-NNNN`.
    pub personnummer: String,
    pub fornamn: String,
    pub efternamn: String,
    pub co: String,
    pub adress: String,
    pub postnummer: String,
    pub postort: String,
    pub omrade: Option<String>,
    /// ISO 639-1 code of the language letters are written in.
    pub sprak: String,
    /// Large print wanted on letters.
    pub storstil: bool,
    /// Skyddade personuppgifter: the address must never reach a provider or a list.
    pub skyddad: bool,
    pub ombud: Vec<Ombud>,
}

/// A representative (god man, förvaltare, relative) who receives copies of letters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ombud {
    pub id: String,
    pub typ: OmbudTyp,
    pub namn: String,
    pub adress: String,
    pub postnummer: String,
    pub postort: String,
}

/// A service that can be granted (e.g. hemtjänst), with its legal basis as editable data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Insats {
    pub id: String,
    pub kod: String,
    /// The name as it stands alone (a list, a heading of its own): "Hemtjänst".
    pub namn: String,
    /// The name as it is written inside a sentence: "hemtjänst", "daglig verksamhet (LSS)".
    #[serde(default)]
    pub namn_i_mening: String,
    pub lagrum: String,
    pub enhet: Enhet,
    /// Whether the insats is in a valfrihetssystem under LOV.
    pub valfrihet: bool,
    pub ickeval: IckevalModell,
    /// With [`IckevalModell::Utsedd`]: the provider procured for ickeval.
    #[serde(default)]
    pub ickeval_utforare_id: Option<String>,
    /// With [`IckevalModell::Turordning`]: whether the egen regi unit is on the rotation
    /// (some municipalities take it off, Stenungsund did).
    #[serde(default)]
    pub turordning_egen_regi: bool,
    /// The point of the nämnd's delegationsordning under which a handläggare decides on this
    /// insats (e.g. "3.2"); a beslut copies it when it is made. Empty when not set.
    #[serde(default)]
    pub delegation: String,
}

/// A geographic area (zone) of the municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Omrade {
    pub id: String,
    pub kod: String,
    pub namn: String,
    pub landsbygd: bool,
}

/// The caseworker using Valfri.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handlaggare {
    pub id: String,
    pub namn: String,
    pub titel: String,
    pub telefon: String,
    pub epost: String,
    pub roll: Roll,
}

/// A decision on an insats for a brukare.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Beslut {
    pub id: String,
    pub brukare_id: String,
    pub insats_kod: String,
    pub insats_namn: String,
    pub diarienummer: String,
    pub ansokningsdatum: NaiveDate,
    pub beslutsdatum: Option<NaiveDate>,
    pub utfall: Utfall,
    pub omfattning: Option<f64>,
    pub enhet: Enhet,
    pub giltig_fran: NaiveDate,
    pub giltig_till: Option<NaiveDate>,
    pub motivering: String,
    /// With delvis bifall: what was applied for and not granted, in the handläggare's words.
    #[serde(default)]
    pub ej_beviljat: String,
    pub uppfoljning: Option<NaiveDate>,
    pub handlaggare_id: String,
    pub handlaggare_namn: String,
    pub status: BeslutStatus,
    /// The point of the delegationsordning the decision was made under, copied from the
    /// insats when it was made (so a later change of the ordning does not rewrite it).
    #[serde(default)]
    pub delegation: String,
    /// The beslut this one replaces (omprövning).
    pub ersatter: Option<String>,
    /// The beslut that replaced this one, if any.
    pub ersatt_av: Option<String>,
    /// Whether the brukare chooses a provider for this beslut: it is made and running, not a
    /// refusal, and the insats is in a valfrihetssystem. Decided by the store.
    #[serde(default)]
    pub ger_val: bool,
    /// Whether it is a draft that may still be edited and made.
    #[serde(default)]
    pub kan_andras: bool,
    /// Whether an omprövning may start from it: it is made and not already replaced.
    #[serde(default)]
    pub kan_omprovas: bool,
}

/// What a caseworker fills in for a new beslut (an utkast until it is made).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NyttBeslut {
    pub brukare_id: String,
    pub insats_kod: String,
    #[serde(default)]
    pub diarienummer: String,
    pub ansokningsdatum: NaiveDate,
    pub utfall: Utfall,
    pub omfattning: Option<f64>,
    pub giltig_fran: NaiveDate,
    pub giltig_till: Option<NaiveDate>,
    #[serde(default)]
    pub motivering: String,
    /// With delvis bifall, required: what was applied for and not granted. Empty otherwise.
    #[serde(default)]
    pub ej_beviljat: String,
    pub uppfoljning: Option<NaiveDate>,
}

/// Checks what a beslut did not grant against its outcome: a delvis bifall must say what was
/// not granted (the letter tells the person both parts), and only a delvis bifall has such a
/// part. Returns the text trimmed.
pub fn kontrollera_ej_beviljat(utfall: Utfall, text: &str) -> Result<String, Valideringsfel> {
    let text = crate::kontrollera_text(crate::Falt::EJ_BEVILJAT, text)?;
    match (utfall, text.is_empty()) {
        (Utfall::DelvisBifall, true) => Err(Valideringsfel::Saknas { falt: "ej_beviljat" }),
        (Utfall::DelvisBifall, false) | (_, true) => Ok(text),
        (_, false) => Err(Valideringsfel::EjBeviljatBaraDelvis),
    }
}

/// A provider in the LOV register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Utforare {
    pub id: String,
    pub namn: String,
    /// Formatted `NNNNNN-NNNN`.
    pub organisationsnummer: String,
    pub regi: Regi,
    pub telefon: String,
    pub epost: String,
    pub webb: String,
    pub adress: String,
    pub postnummer: String,
    pub postort: String,
    /// A short, factual presentation; the same length limit for every provider.
    pub presentation: String,
    /// Languages spoken by staff (ISO 639-1).
    pub sprak: Vec<String>,
    pub inriktningar: Vec<String>,
    pub tillaggstjanster: Vec<String>,
    /// Codes of the områden served.
    pub omraden: Vec<String>,
    pub godkannanden: Vec<Godkannande>,
    pub kvalitet: Vec<Kvalitetsindikator>,
    /// The free-text fields in other languages, by ISO 639-1 code; Swedish is the fields above.
    /// A language or a field left out has no translation, and its reader gets the Swedish.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub oversattningar: BTreeMap<String, Utforaroversattning>,
}

/// A provider's free text in one other language (translation, översättning). An empty field
/// has no translation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Utforaroversattning {
    #[serde(default)]
    pub inriktningar: Vec<String>,
    #[serde(default)]
    pub tillaggstjanster: Vec<String>,
    #[serde(default)]
    pub presentation: String,
}

/// A free-text field of a provider in the reader's language, or in Swedish when it has no
/// translation (`svenska` then says so, for the note that offers an interpreter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaSprak<T> {
    pub varde: T,
    pub svenska: bool,
}

impl Utforare {
    fn oversattning(&self, sprak: &str) -> Option<&Utforaroversattning> {
        if sprak == "sv" { None } else { self.oversattningar.get(sprak) }
    }

    fn pa_sprak<T: Clone>(
        &self,
        sprak: &str,
        svenska: &T,
        falt: impl Fn(&Utforaroversattning) -> Option<&T>,
    ) -> PaSprak<T> {
        match self.oversattning(sprak).and_then(falt) {
            Some(v) => PaSprak { varde: v.clone(), svenska: false },
            None => PaSprak { varde: svenska.clone(), svenska: sprak != "sv" },
        }
    }

    /// The inriktningar for a reader of `sprak`. Nothing to translate is nothing missing.
    pub fn inriktningar_pa(&self, sprak: &str) -> PaSprak<Vec<String>> {
        let mut p = self.pa_sprak(sprak, &self.inriktningar, |o| {
            Some(&o.inriktningar).filter(|v| !v.is_empty())
        });
        p.svenska &= !p.varde.is_empty();
        p
    }

    pub fn tillaggstjanster_pa(&self, sprak: &str) -> PaSprak<Vec<String>> {
        let mut p = self.pa_sprak(sprak, &self.tillaggstjanster, |o| {
            Some(&o.tillaggstjanster).filter(|v| !v.is_empty())
        });
        p.svenska &= !p.varde.is_empty();
        p
    }

    pub fn presentation_pa(&self, sprak: &str) -> PaSprak<String> {
        let mut p = self.pa_sprak(sprak, &self.presentation, |o| {
            Some(&o.presentation).filter(|v| !v.trim().is_empty())
        });
        p.svenska &= !p.varde.trim().is_empty();
        p
    }
}

/// A provider's approval (auktorisation) for one insats, with its capacity settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Godkannande {
    pub insats_kod: String,
    pub godkand_fran: NaiveDate,
    pub godkand_till: Option<NaiveDate>,
    /// Kapacitetstak: the most brukare the provider takes for this insats. At the cap the
    /// provider is not selectable but is still in every letter and sheet.
    pub kapacitetstak: Option<u32>,
    /// When the provider last confirmed the cap.
    pub kapacitet_bekraftad: Option<NaiveDate>,
    /// The cap may hold for a period only (e.g. over the summer); none means always.
    #[serde(default)]
    pub kapacitet_fran: Option<NaiveDate>,
    #[serde(default)]
    pub kapacitet_till: Option<NaiveDate>,
    /// "Tar inte emot nya t.o.m.": paused until and including this date.
    pub paus_till: Option<NaiveDate>,
}

/// A comparable quality figure with its source, e.g. helhetsnöjdhet 91 % (2025, Socialstyrelsen).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kvalitetsindikator {
    pub insats_kod: Option<String>,
    pub namn: String,
    pub varde: f64,
    pub enhet: String,
    pub ar: i32,
    pub kalla: String,
    /// The name in other languages, by ISO 639-1 code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub namn_oversatt: BTreeMap<String, String>,
}

impl Kvalitetsindikator {
    /// The name for a reader of `sprak`, or the Swedish one marked as such.
    pub fn namn_pa(&self, sprak: &str) -> PaSprak<String> {
        match self.namn_oversatt.get(sprak).filter(|n| sprak != "sv" && !n.trim().is_empty()) {
            Some(n) => PaSprak { varde: n.clone(), svenska: false },
            None => PaSprak { varde: self.namn.clone(), svenska: sprak != "sv" },
        }
    }
}

/// The municipality's own settings: who writes the letters and how lists are ordered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kommun {
    pub namn: String,
    /// The committee (nämnd) that makes the decisions and receives appeals.
    pub namnd: String,
    pub adress: String,
    pub postnummer: String,
    pub postort: String,
    pub telefon: String,
    pub ordning: Ordningsregel,
    pub ordning_seed: Option<i64>,
    /// Languages offered for letters (ISO 639-1), Swedish first.
    pub sprak: Vec<String>,
    /// A byte starts this many days after it is registered.
    #[serde(default)]
    pub byte_dagar: u32,
    /// Days the brukare has to answer the valfrihetsinformation.
    #[serde(default = "fjorton")]
    pub svarstid_dagar: u32,
    /// A confirmed kapacitetstak older than this is flagged on the worklist.
    #[serde(default = "nittio")]
    pub tak_max_alder_dagar: u32,
    /// What a beslut must have before it is made.
    #[serde(default)]
    pub beslutskrav: crate::beslutsregler::Beslutskrav,
}

fn fjorton() -> u32 {
    14
}
fn nittio() -> u32 {
    90
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for s in BeslutStatus::ALLA {
            assert_eq!(BeslutStatus::fran_kod(s.kod()).unwrap(), *s);
        }
        assert_eq!(Utfall::DelvisBifall.meddelande_id(), "utfall-delvis");
        assert!(matches!(
            Utfall::fran_kod("kanske"),
            Err(Valideringsfel::OkantVarde { falt: "utfall", .. })
        ));
    }

    #[test]
    fn decision_life_only_moves_forward() {
        use BeslutStatus::*;
        assert!(Utkast.kan_ga_till(Beslutat));
        assert!(!Beslutat.kan_ga_till(Utkast));
        assert!(!Utkast.kan_ga_till(Verkstallt));
        assert!(!Avslutat.kan_ga_till(Verkstallt));
    }

    #[test]
    fn omfattning_is_checked_against_its_unit() {
        assert_eq!(Enhet::TimmarPerManad.kontrollera(Some(28.0)), Ok(Some(28.0)));
        assert!(Enhet::TimmarPerManad.kontrollera(Some(800.0)).is_err());
        assert!(Enhet::DagarPerVecka.kontrollera(Some(0.0)).is_err());
        assert!(Enhet::DagarPerVecka.kontrollera(Some(f64::NAN)).is_err());
        assert!(Enhet::Ingen.kontrollera(Some(1.0)).is_err());
        assert_eq!(Enhet::Ingen.kontrollera(None), Ok(None));
    }
}
