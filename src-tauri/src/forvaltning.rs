//! The systemförvaltare's commands: statistics of choice month by month, a new provider, a new
//! approval, and the register's import (with its preview), export, and a signed register package. Like `commands.rs`: parse, call the core on a blocking thread, map the error.
// Tauri hands a command its arguments by value; borrowing them is not an option.
#![allow(clippy::needless_pass_by_value)]

use chrono::NaiveDate;
use serde::Serialize;
use tauri::{Emitter as _, State};
use tauri_plugin_dialog::DialogExt as _;
use valfri_domain::formular::{Godkannandeformular, Utforarformular};
use valfri_store::{Formularfel, Insatsmanader, Sparat, Store, idag};
use valfri_utbyte::brukare::{self as brukarimport, Brukarimport};
use valfri_utbyte::paket::KontrolleratPaket;
use valfri_utbyte::text::{self, Texter};
use valfri_utbyte::utforare::{self, Utforarimport};
use valfri_utbyte::{Utbytesfel, tabell};

use crate::commands::{Felsvar, Tillstand};
use crate::om::Organisationen;

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

/// Whether the new provider would be saved, with every field's problem; saves nothing. The
/// answer is the sentence to confirm, made by the core (`Localizer::bekraftelse`).
#[tauri::command]
pub async fn kontrollera_ny_utforare(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    formular: Utforarformular,
) -> Result<String, Felsvar> {
    let vem = state.vem(handlaggare_id);
    let sprak_kod = state.sprak(&sprak);
    let svar = state
        .med_store(&sprak, move |s| {
            Ok(s.bekrafta_ny_utforare(&s.aktor(&vem)?, &formular, &sprak_kod))
        })
        .await?;
    svar.map(|b| state.l10n().bekraftelse(&state.sprak(&sprak), &b))
        .map_err(|e| formularsvar(&state, &sprak, "fel-utforarformular", e))
}

/// Whether the new approval would be saved, with every field's problem; saves nothing. The
/// answer is the sentence to confirm.
#[tauri::command]
pub async fn kontrollera_nytt_godkannande(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    utforare_id: String,
    formular: Godkannandeformular,
) -> Result<String, Felsvar> {
    let vem = state.vem(handlaggare_id);
    let sprak_kod = state.sprak(&sprak);
    let svar = state
        .med_store(&sprak, move |s| {
            Ok(s.bekrafta_nytt_godkannande(&s.aktor(&vem)?, &utforare_id, &formular, &sprak_kod))
        })
        .await?;
    svar.map(|b| state.l10n().bekraftelse(&state.sprak(&sprak), &b))
        .map_err(|e| formularsvar(&state, &sprak, "fel-godkannandeformular", e))
}

/// Exports the provider register as CSV (the import's columns) to where the system's own save
/// dialog points; the file is written whole or not at all. `None` when the dialog was closed.
#[tauri::command]
pub async fn exportera_register<R: tauri::Runtime>(
    fonster: tauri::WebviewWindow<R>,
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
) -> Result<Option<String>, Felsvar> {
    let vem = state.vem(handlaggare_id);
    let (ui, l10n) = (state.sprak(&sprak), state.l10n());
    let bytes = state
        .med_store(&sprak, move |s| {
            s.aktor(&vem)?;
            Ok(valfri_utbyte::export::csv(&s.utforare_lista()?))
        })
        .await?
        .map_err(|e| Felsvar::fran(&l10n, &ui, &e))?;
    let namn =
        l10n.text(&ui, "ui-register-export-filnamn", &[("datum", idag().to_string().into())]);
    let dialog = fonster
        .dialog()
        .file()
        .set_parent(&fonster)
        .set_title(l10n.t(&ui, "ui-register-export-titel"))
        .set_file_name(namn)
        .add_filter(l10n.t(&ui, "ui-register-csv-filer"), &["csv"])
        .set_can_create_directories(true);
    // The dialog runs on the UI thread; this one only waits for the answer.
    let vald = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|_| Felsvar::okant(&l10n, &ui))?;
    let Some(vald) = vald else { return Ok(None) };
    let fil = vald.into_path().map_err(|_| Felsvar::okant(&l10n, &ui))?;
    let fil = if fil.extension().is_some() { fil } else { fil.with_extension("csv") };
    valfri_utskick::skriv_atomiskt(&fil, &bytes).map_err(|e| Felsvar::fran(&l10n, &ui, &e))?;
    Ok(Some(fil.display().to_string()))
}

/// Refuses (and logs the refusal) unless the person may change the register: asked before a
/// dialog opens, so nobody picks a file for an act that cannot succeed.
async fn far_andra_registret(
    state: &Tillstand,
    sprak: &str,
    handlaggare_id: String,
) -> Result<(), Felsvar> {
    let vem = state.vem(handlaggare_id);
    state.med_store(sprak, move |s| s.krav_systemforvaltare(&s.aktor(&vem)?, "utforare")).await
}

/// Asks in the system's own open dialog for a provider register file (CSV or XLSX). Nothing
/// is read here. `None` when the dialog was closed.
#[tauri::command]
pub async fn valj_registerfil<R: tauri::Runtime>(
    fonster: tauri::WebviewWindow<R>,
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
) -> Result<Option<String>, Felsvar> {
    far_andra_registret(&state, &sprak, handlaggare_id).await?;
    let (ui, l10n) = (state.sprak(&sprak), state.l10n());
    let dialog = fonster
        .dialog()
        .file()
        .set_parent(&fonster)
        .set_title(l10n.t(&ui, "ui-register-import-titel"))
        .add_filter(l10n.t(&ui, "ui-register-importfiler"), &["csv", "xlsx"]);
    let vald = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
        .await
        .map_err(|_| Felsvar::okant(&l10n, &ui))?;
    Ok(vald.and_then(|v| v.into_path().ok()).map(|p| p.display().to_string()))
}

/// What importing a register file would do, in words: how it was read, each bad row, the
/// warnings, and the preview (new, changed, ended, caps, brukare who must choose again).
#[derive(Debug, Serialize)]
pub struct Importvy {
    pub rader: usize,
    pub lasning: Vec<String>,
    pub fel: Vec<String>,
    pub varningar: Vec<String>,
    pub avsnitt: Vec<valfri_utbyte::text::Avsnitt>,
    pub oforandrade: String,
    /// Whether applying would change anything (new or changed providers).
    pub andrar: bool,
    pub paverkade: usize,
}

/// Reads the file and compares it with the register, for a systemförvaltare; saves nothing.
#[tauri::command]
pub async fn forhandsgranska_registerimport(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    sokvag: String,
) -> Result<Importvy, Felsvar> {
    let vem = state.vem(handlaggare_id);
    let (ui, l10n) = (state.sprak(&sprak), state.l10n());
    let l = state.l10n();
    let ui2 = ui.clone();
    let svar = state
        .med_store(&sprak, move |s| {
            s.krav_systemforvaltare(&s.aktor(&vem)?, "utforare")?;
            Ok(forhandsgranska_fil(s, &sokvag, &|id, a| l.text(&ui2, id, a)))
        })
        .await?;
    svar.map_err(|e| Felsvar::fran(&l10n, &ui, &e))
}

fn las_fil(
    s: &Store,
    sokvag: &str,
) -> Result<(Utforarimport, Vec<tabell::Upplysning>), Utbytesfel> {
    let bytes = std::fs::read(sokvag)
        .map_err(|e| Utbytesfel::Fil { sokvag: sokvag.to_owned(), detalj: e.to_string() })?;
    let rubriker = utforare::kravda_rubriker();
    let t = tabell::las_med(&bytes, &tabell::Lasval { blad: None, rubriker: &rubriker })?;
    Ok((utforare::tolka(&t, s)?, t.upplysningar()))
}

fn forhandsgranska_fil(s: &Store, sokvag: &str, t: Texter<'_>) -> Result<Importvy, Utbytesfel> {
    let (import, upplysningar) = las_fil(s, sokvag)?;
    let g = utforare::forhandsgranska(s, &import.utforare, idag())?;
    Ok(Importvy {
        rader: import.rader,
        lasning: upplysningar.iter().map(|u| t(u.id, &u.argument)).collect(),
        fel: import.fel.iter().map(|f| text::radfel(t, f)).collect(),
        varningar: import.varningar.iter().map(|f| text::radfel(t, f)).collect(),
        avsnitt: text::forhandsgranskning(t, &g),
        oforandrade: text::oforandrade(t, &g),
        andrar: !g.ar_tom(),
        paverkade: g.paverkade.len(),
    })
}

/// Imports the register file, all or nothing, in one new register version; refused (and
/// nothing saved) when any row is bad. `None` as version when nothing changed.
#[tauri::command]
pub async fn importera_register(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    sokvag: String,
) -> Result<Option<i64>, Felsvar> {
    let vem = state.vem(handlaggare_id);
    let (ui, l10n) = (state.sprak(&sprak), state.l10n());
    let svar = state
        .med_store(&sprak, move |s| {
            let aktor = s.aktor(&vem)?;
            Ok(las_fil(s, &sokvag).and_then(|(import, _)| {
                let namn = std::path::Path::new(&sokvag)
                    .file_name()
                    .map_or_else(|| sokvag.clone(), |n| n.to_string_lossy().into_owned());
                utforare::tillampa(s, &aktor, &import, &format!("import {namn}"), idag())
            }))
        })
        .await?;
    svar.map(|t| t.version).map_err(|e| Felsvar::fran(&l10n, &ui, &e))
}

/// Asks in the system's open dialog for a signed register package (`slag` "paket") or the
/// public key it must be signed with ("nyckel"). `None` when the dialog was closed.
#[tauri::command]
pub async fn valj_paketfil<R: tauri::Runtime>(
    fonster: tauri::WebviewWindow<R>,
    state: State<'_, Tillstand>,
    org: State<'_, Organisationen>,
    sprak: String,
    handlaggare_id: String,
    slag: String,
) -> Result<Option<String>, Felsvar> {
    far_andra_registret(&state, &sprak, handlaggare_id).await?;
    let (ui, l10n) = (state.sprak(&sprak), state.l10n());
    // With the organisation's key nobody is asked for one.
    if slag == "nyckel" {
        org.tillat(&l10n, &ui, valfri_config::Installning::Registerpaketnyckel, "")?;
    }
    let titel =
        if slag == "nyckel" { "ui-register-nyckel-titel" } else { "ui-register-paket-titel" };
    let dialog = fonster.dialog().file().set_parent(&fonster).set_title(l10n.t(&ui, titel));
    let vald = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
        .await
        .map_err(|_| Felsvar::okant(&l10n, &ui))?;
    Ok(vald.and_then(|v| v.into_path().ok()).map(|p| p.display().to_string()))
}

/// A signed package whose signature holds, and what applying it would do.
#[derive(Debug, Serialize)]
pub struct Paketvy {
    pub paketversion: i64,
    pub kommun: String,
    pub skapad: String,
    pub avsnitt: Vec<valfri_utbyte::text::Avsnitt>,
    pub oforandrade: String,
    pub andrar: bool,
    pub paverkade: usize,
}

/// The key a package is checked with: the organisation's when its file sets one (a key the
/// window passes must then be that one), else the one the person chose.
pub(crate) fn paketnyckel(
    state: &Tillstand,
    org: &Organisationen,
    sprak: &str,
    vald: Option<String>,
) -> Result<String, Felsvar> {
    let (l, ui) = (state.l10n(), state.sprak(sprak));
    let vald = vald.filter(|v| !v.trim().is_empty());
    match org.giltig(&l, &ui)? {
        Some(o) => o
            .registerpaketnyckel(vald.as_deref().map(std::path::Path::new))
            .map(|n| n.map(|p| p.display().to_string()).unwrap_or_default())
            .map_err(|e| Felsvar::fran(&l, &ui, &e)),
        None => Ok(vald.unwrap_or_default()),
    }
}

pub(crate) fn kontrollera_paket(
    paket: &str,
    nyckel: &str,
) -> Result<KontrolleratPaket, Utbytesfel> {
    let nyckel = valfri_utbyte::paket::las_publik_nyckel(std::path::Path::new(nyckel))?;
    let bytes = std::fs::read(paket)
        .map_err(|e| Utbytesfel::Fil { sokvag: paket.to_owned(), detalj: e.to_string() })?;
    valfri_utbyte::paket::kontrollera(&bytes, &nyckel)
}

/// Checks the package's signature against the key and compares it with the register, for a
/// systemförvaltare; saves nothing.
#[tauri::command]
pub async fn forhandsgranska_registerpaket(
    state: State<'_, Tillstand>,
    org: State<'_, Organisationen>,
    sprak: String,
    handlaggare_id: String,
    paket: String,
    nyckel: Option<String>,
) -> Result<Paketvy, Felsvar> {
    let nyckel = paketnyckel(&state, &org, &sprak, nyckel)?;
    let vem = state.vem(handlaggare_id);
    let (ui, l10n) = (state.sprak(&sprak), state.l10n());
    let (l, ui2) = (state.l10n(), ui.clone());
    let svar = state
        .med_store(&sprak, move |s| {
            s.krav_systemforvaltare(&s.aktor(&vem)?, "utforare")?;
            let t = |id: &str, a: &[(&str, valfri_domain::Arg)]| l.text(&ui2, id, a);
            Ok(kontrollera_paket(&paket, &nyckel).and_then(|p| {
                let g = valfri_utbyte::paket::forhandsgranska_paket(s, &p, idag())?;
                Ok(Paketvy {
                    paketversion: p.innehall.paketversion,
                    kommun: p.innehall.kommun,
                    skapad: p.innehall.skapad,
                    avsnitt: text::forhandsgranskning(&t, &g),
                    oforandrade: text::oforandrade(&t, &g),
                    andrar: !g.ar_tom(),
                    paverkade: g.paverkade.len(),
                })
            }))
        })
        .await?;
    svar.map_err(|e| Felsvar::fran(&l10n, &ui, &e))
}

/// Applies the package (its signature checked again) in one register version. `None` as
/// version when the office had its content already.
#[tauri::command]
pub async fn tillampa_registerpaket(
    state: State<'_, Tillstand>,
    org: State<'_, Organisationen>,
    sprak: String,
    handlaggare_id: String,
    paket: String,
    nyckel: Option<String>,
) -> Result<Option<i64>, Felsvar> {
    let nyckel = paketnyckel(&state, &org, &sprak, nyckel)?;
    let vem = state.vem(handlaggare_id);
    let (ui, l10n) = (state.sprak(&sprak), state.l10n());
    let svar = state
        .med_store(&sprak, move |s| {
            let aktor = s.aktor(&vem)?;
            Ok(kontrollera_paket(&paket, &nyckel)
                .and_then(|p| valfri_utbyte::paket::tillampa(s, &aktor, &p, idag())))
        })
        .await?;
    svar.map(|t| t.registerversion).map_err(|e| Felsvar::fran(&l10n, &ui, &e))
}

// --- Brukare import ---------------------------------------------------------------------------

/// Asks in the system's own open dialog for a brukare file (CSV or XLSX), for a
/// systemförvaltare only: refused (and logged) before the dialog opens. `None` when closed.
#[tauri::command]
pub async fn valj_brukarfil<R: tauri::Runtime>(
    fonster: tauri::WebviewWindow<R>,
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
) -> Result<Option<String>, Felsvar> {
    let vem = state.vem(handlaggare_id);
    state.med_store(&sprak, move |s| s.krav_systemforvaltare(&s.aktor(&vem)?, "brukare")).await?;
    let (ui, l10n) = (state.sprak(&sprak), state.l10n());
    let dialog = fonster
        .dialog()
        .file()
        .set_parent(&fonster)
        .set_title(l10n.t(&ui, "ui-brukarimport-titel"))
        .add_filter(l10n.t(&ui, "ui-register-importfiler"), &["csv", "xlsx"]);
    let vald = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
        .await
        .map_err(|_| Felsvar::okant(&l10n, &ui))?;
    Ok(vald.and_then(|v| v.into_path().ok()).map(|p| p.display().to_string()))
}

/// What importing a brukare file would do: how it was read, how many brukare are new, how many
/// rows are refused, and each problem with its row number and reason, in words.
#[derive(Debug, Serialize)]
pub struct Brukarimportvy {
    pub rader: usize,
    pub lasning: Vec<String>,
    pub nya: usize,
    pub avvisade: usize,
    pub fel: Vec<String>,
}

fn las_brukarfil(
    s: &Store,
    sokvag: &str,
) -> Result<(Brukarimport, Vec<tabell::Upplysning>), Utbytesfel> {
    let bytes = std::fs::read(sokvag)
        .map_err(|e| Utbytesfel::Fil { sokvag: sokvag.to_owned(), detalj: e.to_string() })?;
    let t = tabell::las_med(&bytes, &tabell::Lasval { blad: None, rubriker: brukarimport::KRAVS })?;
    Ok((brukarimport::tolka(&t, s)?, t.upplysningar()))
}

/// Reads and checks the file against the register, for a systemförvaltare; saves nothing.
#[tauri::command]
pub async fn forhandsgranska_brukarimport(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    sokvag: String,
) -> Result<Brukarimportvy, Felsvar> {
    let vem = state.vem(handlaggare_id);
    let (ui, l10n) = (state.sprak(&sprak), state.l10n());
    let (l, ui2) = (state.l10n(), ui.clone());
    let svar = state
        .med_store(&sprak, move |s| {
            s.krav_systemforvaltare(&s.aktor(&vem)?, "brukare")?;
            let t = |id: &str, a: &[(&str, valfri_domain::Arg)]| l.text(&ui2, id, a);
            Ok(las_brukarfil(s, &sokvag).map(|(import, upplysningar)| Brukarimportvy {
                rader: import.rader,
                lasning: upplysningar.iter().map(|u| t(u.id, &u.argument)).collect(),
                nya: import.brukare.len(),
                avvisade: import.avvisade_rader(),
                fel: import.fel.iter().map(|f| text::radfel(&t, f)).collect(),
            }))
        })
        .await?;
    svar.map_err(|e| Felsvar::fran(&l10n, &ui, &e))
}

/// How far an import has come, sent to the window as `brukarimport-framsteg`.
#[derive(Debug, Clone, Serialize)]
pub struct Importframsteg {
    pub klara: usize,
    pub totalt: usize,
}

/// Imports the brukare file, all or nothing: read and checked again, refused (nothing saved)
/// when any row is bad, then written in short transactions, each reported to the window.
/// Answers how many brukare were added.
#[tauri::command]
pub async fn importera_brukarfil<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    sokvag: String,
) -> Result<usize, Felsvar> {
    let vem = state.vem(handlaggare_id);
    let (ui, l10n) = (state.sprak(&sprak), state.l10n());
    let svar = state
        .med_store(&sprak, move |s| {
            let aktor = s.aktor(&vem)?;
            s.krav_systemforvaltare(&aktor, "brukare")?;
            let namn = std::path::Path::new(&sokvag)
                .file_name()
                .map_or_else(|| sokvag.clone(), |n| n.to_string_lossy().into_owned());
            let mut framsteg = |klara, totalt| {
                // A window that is gone misses nothing it needs: the answer says what was done.
                let _ = app.emit("brukarimport-framsteg", Importframsteg { klara, totalt });
            };
            Ok(las_brukarfil(s, &sokvag).and_then(|(import, _)| {
                brukarimport::tillampa_med_framsteg(
                    s,
                    &aktor,
                    &import,
                    &format!("import {namn}"),
                    &mut framsteg,
                )
            }))
        })
        .await?;
    svar.map(|k| k.antal).map_err(|e| Felsvar::fran(&l10n, &ui, &e))
}
