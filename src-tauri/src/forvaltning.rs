//! The systemförvaltare's commands: statistics of choice month by month. Like `commands.rs`:
//! parse, call the core on a blocking thread, map the error.
// Tauri hands a command its arguments by value; borrowing them is not an option.
#![allow(clippy::needless_pass_by_value)]

use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;
use valfri_store::{Insatsmanader, idag};

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
