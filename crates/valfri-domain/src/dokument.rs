//! What a document is made from: everything a letter or a sheet prints, gathered by the store
//! in one read so that the same content can be produced again later, and rendered by
//! `valfri-dokument` without touching the database.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::val::Valbarhet;
use crate::{Beslut, IckevalModell, OmbudTyp, Ordningsregel, Utforare};

/// The municipality as the sender of a letter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Avsandare {
    pub kommun: String,
    /// The committee that decides and receives appeals.
    pub namnd: String,
    pub adress: String,
    pub postnummer: String,
    pub postort: String,
    pub telefon: String,
}

/// Who the letter is addressed to: the brukare, or an ombud receiving a copy. These lines are
/// what shows in the envelope window, and nothing else may.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mottagare {
    pub namn: String,
    pub co: String,
    pub adress: String,
    pub postnummer: String,
    pub postort: String,
    /// Set on an ombud's copy: the brukare the letter concerns (printed outside the window).
    pub kopia_for: Option<String>,
    /// On an ombud's copy, what kind of representative receives it (god man, förvaltare…), so
    /// the letter can say in which role it speaks to them.
    #[serde(default)]
    pub ombud_typ: Option<OmbudTyp>,
}

/// The provider a brukare has for the beslut on the letter's date, and how they got it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Nuvarande {
    pub namn: String,
    /// Assigned by the ickeval alternative, not chosen by the brukare or the ombud.
    pub genom_ickeval: bool,
}

/// The handläggare to call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kontakt {
    pub namn: String,
    pub titel: String,
    pub telefon: String,
    pub epost: String,
}

/// Language and form of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    /// ISO 639-1; the brukare's language unless a handläggare overrides it.
    pub sprak: String,
    /// Large print: body text at least 16 pt, and tables become one block per provider.
    pub storstil: bool,
}

/// One provider as a document shows it: every fact, and whether it can be chosen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Utforaruppgift {
    pub utforare: Utforare,
    pub status: Valbarhet,
}

/// The valfrihetsinformation letter: the decision, every approved provider with its status, the
/// ickeval alternative, how and by when to choose, how to change later, and whom to call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Valfrihetsunderlag {
    pub avsandare: Avsandare,
    pub mottagare: Mottagare,
    pub brukare_namn: String,
    /// Formatted `YYYYMMDD-NNNN`; printed only outside the envelope window.
    pub personnummer: String,
    pub diarienummer: String,
    pub handlaggare: Kontakt,
    pub datum: NaiveDate,
    pub svarsdatum: NaiveDate,
    pub insats_kod: String,
    /// The insats's name as it is written inside a sentence ("hemtjänst"), in the document's
    /// language; the document capitalises it where it starts a sentence or a cell.
    pub insats_namn: String,
    pub omfattning: Option<f64>,
    pub enhet: crate::Enhet,
    pub giltig_fran: NaiveDate,
    pub giltig_till: Option<NaiveDate>,
    /// Every provider approved for the insats, in the neutral order below.
    pub utforare: Vec<Utforaruppgift>,
    pub ordning: Ordningsregel,
    pub ordning_seed: Option<i64>,
    pub registerversion: i64,
    pub ickeval: IckevalModell,
    /// The provider the ickeval alternative names (egen regi or the designated one), if one.
    pub ickeval_utforare: Option<String>,
    /// Days after registering a byte before the new provider starts.
    pub byte_dagar: u32,
    /// The provider the brukare already has for this beslut, if any: the letter then says
    /// who it is and that they may keep it, instead of what happens without a choice.
    #[serde(default)]
    pub nuvarande: Option<Nuvarande>,
    /// The brukare's område, named in the jämförelseblad that goes with the letter; empty
    /// when the brukare has none.
    #[serde(default)]
    pub omrade_kod: String,
    #[serde(default)]
    pub omrade_namn: String,
}

/// The jämförelseblad: the same facts for every provider for an insats in an område.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Jamforelseunderlag {
    pub avsandare: Avsandare,
    pub insats_kod: String,
    /// The insats's name as it is written inside a sentence ("hemtjänst"), in the document's
    /// language; the document capitalises it where it starts a sentence or a cell.
    pub insats_namn: String,
    pub omrade_kod: String,
    pub omrade_namn: String,
    pub datum: NaiveDate,
    /// Who compiled the sheet (the handläggare or systemförvaltare).
    pub sammanstalld_av: String,
    pub registerversion: i64,
    pub ordning: Ordningsregel,
    pub ordning_seed: Option<i64>,
    pub utforare: Vec<Utforaruppgift>,
}

/// The beslutsmeddelande: the decision and how to appeal it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Beslutsunderlag {
    pub avsandare: Avsandare,
    pub mottagare: Mottagare,
    pub brukare_namn: String,
    pub personnummer: String,
    pub handlaggare: Kontakt,
    pub datum: NaiveDate,
    pub beslut: Beslut,
    pub lagrum: String,
    /// Whether the insats is in a valfrihetssystem: a granted one then tells the right to choose.
    #[serde(default)]
    pub valfrihet: bool,
}
