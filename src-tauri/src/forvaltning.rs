//! The systemförvaltare's commands: statistics of choice month by month, a new provider and a
//! new approval. Like `commands.rs`: parse, call the core on a blocking thread, map the error.
// Tauri hands a command its arguments by value; borrowing them is not an option.
#![allow(clippy::needless_pass_by_value)]

use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;
use valfri_domain::formular::{Godkannandeformular, Utforarformular};
use valfri_store::{Formularfel, Insatsmanader, Sparat, idag};

use crate::commands::{Felsvar, Tillstand};

/// The statistics screen: the period and each insats month by month. Counts only, no person.
#[derive(Debug, Serialize)]
pub struct Statistikvy {
    pub fran: NaiveDate,
    pub till: NaiveDate,
    pub insatser: Vec<Insatsmanader>,
}

/// Aktivt val against ickeval per insats and provider over the last twelve calendar months.
#[tauri::command]
pub async fn statistik(state: State<'_, Tillstand>, sprak: String) -> Result<Statistikvy, Felsvar> {
    let (fran, till) = valfri_domain::tolv_manader(idag());
    let sprak_kod = state.sprak(&sprak);
    state
        .med_store(&sprak, move |s| {
            Ok(Statistikvy { fran, till, insatser: s.statistik_per_manad(fran, till, &sprak_kod)? })
        })
        .await
}

/// A form's refusal: its fields' problems under the sentence `id`, or the one refusal.
fn formularsvar(state: &Tillstand, sprak: &str, id: &str, e: Formularfel) -> Felsvar {
    let (l10n, sprak) = (state.l10n(), state.sprak(sprak));
    match e {
        Formularfel::Falt(fel) => Felsvar::fran_formular(&l10n, &sprak, id, &fel),
        Formularfel::Annat(e) => Felsvar::fran(&l10n, &sprak, &e),
    }
}

/// A new provider with its first approval, typed in the register.
#[tauri::command]
pub async fn ny_utforare(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    formular: Utforarformular,
    beskrivning: String,
) -> Result<Sparat, Felsvar> {
    let vem = state.vem(handlaggare_id);
    let svar = state
        .med_store(&sprak, move |s| Ok(s.ny_utforare(&s.aktor(&vem)?, &formular, &beskrivning)))
        .await?;
    svar.map_err(|e| formularsvar(&state, &sprak, "fel-utforarformular", e))
}

/// A new approval, for another insats, of the provider `utforare_id`.
#[tauri::command]
pub async fn nytt_godkannande(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    utforare_id: String,
    formular: Godkannandeformular,
    beskrivning: String,
) -> Result<Sparat, Felsvar> {
    let vem = state.vem(handlaggare_id);
    let svar = state
        .med_store(&sprak, move |s| {
            Ok(s.nytt_godkannande(&s.aktor(&vem)?, &utforare_id, &formular, &beskrivning))
        })
        .await?;
    svar.map_err(|e| formularsvar(&state, &sprak, "fel-godkannandeformular", e))
}

/// Whether the new provider would be saved, with every field's problem; saves nothing.
#[tauri::command]
pub async fn kontrollera_ny_utforare(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    formular: Utforarformular,
) -> Result<(), Felsvar> {
    let vem = state.vem(handlaggare_id);
    let svar = state
        .med_store(&sprak, move |s| Ok(s.kontrollera_ny_utforare(&s.aktor(&vem)?, &formular)))
        .await?;
    svar.map(drop).map_err(|e| formularsvar(&state, &sprak, "fel-utforarformular", e))
}

/// Whether the new approval would be saved, with every field's problem; saves nothing.
#[tauri::command]
pub async fn kontrollera_nytt_godkannande(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    utforare_id: String,
    formular: Godkannandeformular,
) -> Result<(), Felsvar> {
    let vem = state.vem(handlaggare_id);
    let svar = state
        .med_store(&sprak, move |s| {
            Ok(s.kontrollera_nytt_godkannande(&s.aktor(&vem)?, &utforare_id, &formular))
        })
        .await?;
    svar.map(drop).map_err(|e| formularsvar(&state, &sprak, "fel-godkannandeformular", e))
}
