//! What the window says about itself and about the organisation's configuration: the About
//! part of the help overlay (version and schema version), what `valfri.toml` sets (shown in the
//! settings as set by the organisation), and the refusal to start on a broken file.
//!
//! The file is read once at start (`main.rs`); the rules (what may be changed) are
//! `valfri_config`'s, called here before the store is.

// Tauri hands a command its arguments by value.
#![allow(clippy::needless_pass_by_value)]

use serde::Serialize;
use tauri::State;
use valfri_config::{Installning, Konfigfel, Organisation};
use valfri_l10n::Localizer;

use crate::commands::{Felsvar, Tillstand};

/// The organisation's configuration as read at start: none, a valid one, or why it was refused.
#[derive(Debug)]
pub struct Organisationen(pub Result<Option<Organisation>, Konfigfel>);

impl Organisationen {
    /// Reads the system's file (or `VALFRI_CONFIG`'s) with the languages the program has.
    pub fn las(l10n: &Localizer) -> Self {
        Self(valfri_config::las_systemfil(&l10n.sprak()))
    }

    /// The configuration, or the sentence that says why the app does not start.
    pub fn giltig(&self, l: &Localizer, sprak: &str) -> Result<Option<&Organisation>, Felsvar> {
        self.0.as_ref().map(Option::as_ref).map_err(|e| Felsvar::fran(l, sprak, e))
    }

    /// Refuses a change the organisation's file forbids.
    pub fn tillat(
        &self,
        l: &Localizer,
        sprak: &str,
        installning: Installning,
        nytt: &str,
    ) -> Result<(), Felsvar> {
        match self.giltig(l, sprak)? {
            Some(org) => {
                org.kontrollera_andring(installning, nytt).map_err(|e| Felsvar::fran(l, sprak, &e))
            }
            None => Ok(()),
        }
    }

    /// The idle lock the file sets, if any.
    pub fn las_efter_minuter(&self) -> Option<u32> {
        self.0.as_ref().ok()?.as_ref()?.las_efter_minuter
    }

    /// The lock status with the idle lock the file sets in place of the database's.
    pub fn satt_las(&self, mut status: crate::lock::Lockstatus) -> crate::lock::Lockstatus {
        status.las_efter_minuter = self.las_efter_minuter().unwrap_or(status.las_efter_minuter);
        status
    }

    /// The municipality's settings as the window shows them: what the file sets in place of
    /// the database's, so a form saved unchanged is not a change.
    pub fn satt_kommun(&self, kommun: &mut valfri_domain::Kommun) {
        let Some(org) = self.0.as_ref().ok().and_then(Option::as_ref) else { return };
        if let Some(k) = &org.kommun {
            kommun.namn.clone_from(&k.namn);
        }
        if let Some(s) = &org.sprak {
            kommun.sprak.clone_from(s);
        }
    }

    /// The documents folder the file sets, if any.
    pub fn dokumentmapp(&self) -> Option<std::path::PathBuf> {
        self.0.as_ref().ok()?.as_ref()?.dokumentmapp(dirs_hem().as_deref())
    }
}

fn dirs_hem() -> Option<std::path::PathBuf> {
    std::env::var_os(if cfg!(windows) { "USERPROFILE" } else { "HOME" })
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from)
}

/// The help overlay's About part.
#[derive(Debug, Serialize)]
pub struct Om {
    /// Valfri's version, e.g. `0.1.0`.
    pub valfri: &'static str,
    /// The database schema this program writes (`PRAGMA user_version`).
    pub databasschema: usize,
    /// The sentence the overlay shows.
    pub text: String,
    /// What the organisation's file sets: the window marks these settings and does not offer
    /// to change them (`kommunnamn`, `las_efter_minuter`, `dokumentmapp`, `sprak`), each with
    /// the sentence to show beside it.
    pub satt: Vec<SattAvOrganisationen>,
}

/// A setting the organisation's file fixes.
#[derive(Debug, Serialize)]
pub struct SattAvOrganisationen {
    pub installning: &'static str,
    pub text: String,
}

#[tauri::command]
pub fn om(
    state: State<'_, Tillstand>,
    org: State<'_, Organisationen>,
    sprak: String,
) -> Result<Om, Felsvar> {
    let (l, sprak) = (state.l10n(), state.sprak(&sprak));
    let (valfri, databasschema) = (env!("CARGO_PKG_VERSION"), valfri_store::Store::schemaversion());
    let text = l.text(
        &sprak,
        "ui-om-version",
        &[("valfri", valfri.into()), ("databas", databasschema.into())],
    );
    let satt = org
        .giltig(&l, &sprak)?
        .map(|o| {
            [
                (Installning::Kommunnamn, "kommunnamn"),
                (Installning::LasEfterMinuter, "las_efter_minuter"),
                (Installning::Dokumentmapp, "dokumentmapp"),
                (Installning::Sprak, "sprak"),
            ]
            .into_iter()
            .filter_map(|(i, namn)| {
                let nyckel = o.satt(i)?;
                let text = l.text(
                    &sprak,
                    "ui-satt-av-organisationen",
                    &[("nyckel", nyckel.into()), ("sokvag", o.fil.display().to_string().into())],
                );
                Some(SattAvOrganisationen { installning: namn, text })
            })
            .collect()
        })
        .unwrap_or_default();
    Ok(Om { valfri, databasschema, text, satt })
}
