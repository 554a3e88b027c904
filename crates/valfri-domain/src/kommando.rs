//! A desk's changes in kommunläge, as they travel: each is written to the desk's outbox with a
//! ULID, pushed to the municipality's hub and re-applied there with the same rules
//! ([`crate::tilldelning`]); the hub's [`Kommandosvar`] is the truth. The ULID is the
//! idempotency key: a command pushed twice is applied once and answered the same both times.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::beslutsregler::Avslutsorsak;
use crate::val::NyttVal;
use crate::{Anvandarmeddelande, IckevalOrsak};

/// What a handläggare did, with the ids of the rows it creates chosen on the desk, so the desk
/// can find them again after the pull.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kommando", rename_all = "snake_case")]
pub enum Kommando {
    /// An aktivt val or a byte.
    Valj { val_id: String, val: NyttVal },
    /// The insats's ickeval alternative.
    Ickeval { val_id: String, beslut_id: String, dag: NaiveDate, orsak: IckevalOrsak },
    /// A beslut made at once (the CLI's `beslut add`): checked and made in the hub, by the
    /// login's handläggare, on the hub's day.
    FattaBeslut { beslut_id: String, beslut: crate::NyttBeslut },
    /// Valfrihetsinformation given (a letter sent, a talk held).
    Information { id: String, beslut_id: String, skickad: NaiveDate, sprak: String, storstil: bool },
    /// A beslut ended by hand on `dag` for `orsak`; its provider's place is freed the same day.
    AvslutaBeslut { beslut_id: String, orsak: Avslutsorsak, dag: NaiveDate },
    /// A follow-up done on `datum`, with what it found and the next one due (`nasta`).
    Uppfoljning {
        id: String,
        beslut_id: String,
        datum: NaiveDate,
        resultat: String,
        nasta: Option<NaiveDate>,
    },
}

impl Kommando {
    /// A stable name for logs, the status list and the window.
    pub fn namn(&self) -> &'static str {
        match self {
            Kommando::Valj { .. } => "valj",
            Kommando::Ickeval { .. } => "ickeval",
            Kommando::Information { .. } => "information",
            Kommando::FattaBeslut { .. } => "fatta_beslut",
            Kommando::AvslutaBeslut { .. } => "avsluta_beslut",
            Kommando::Uppfoljning { .. } => "uppfoljning",
        }
    }

    /// The beslut the command concerns.
    pub fn beslut_id(&self) -> &str {
        match self {
            Kommando::Valj { val, .. } => &val.beslut_id,
            Kommando::FattaBeslut { beslut_id, .. }
            | Kommando::Ickeval { beslut_id, .. }
            | Kommando::Information { beslut_id, .. }
            | Kommando::AvslutaBeslut { beslut_id, .. }
            | Kommando::Uppfoljning { beslut_id, .. } => beslut_id,
        }
    }
}

/// The hub's answer to one command, stored on both sides under its ULID.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "svar", rename_all = "snake_case")]
pub enum Kommandosvar {
    /// Applied; `id` is the row it made (the val, the information).
    Tillampat { id: String },
    /// Refused by a rule: the Fluent id of the sentence and its arguments, as text.
    Nekat { meddelande: String, argument: Vec<(String, String)> },
}

impl Kommandosvar {
    /// The refusal of `fel`, as it is stored and later told to the person.
    pub fn nekat(fel: &impl Anvandarmeddelande) -> Self {
        Kommandosvar::Nekat {
            meddelande: fel.meddelande_id().to_owned(),
            argument: fel
                .argument()
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_string()))
                .collect(),
        }
    }
}

/// The tables a desk's replica shares with the hub, with their key columns, in the order their
/// foreign keys need. Everything else on a desk (its log, the outbox, the security settings)
/// stays on the desk.
pub const DELADE_TABELLER: &[(&str, &str)] = &[
    ("kommun", "id"),
    ("omrade", "id"),
    ("handlaggare", "id"),
    ("registerversion", "nummer"),
    ("utforare", "id"),
    ("insats", "id"),
    ("insats_namn", "insats_id, sprak"),
    ("utforare_omrade", "utforare_id, omrade_id"),
    ("godkannande", "utforare_id, insats_id"),
    ("kvalitet", "utforare_id, ordning"),
    ("utforare_historik", "utforare_id, version"),
    ("brukare", "id"),
    ("ombud", "id"),
    ("beslut", "id"),
    ("val", "id"),
    ("ickeval", "id"),
    ("information", "id"),
    ("omval", "beslut_id"),
    ("dokument", "id"),
    ("uppfoljning", "id"),
];
