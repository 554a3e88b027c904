//! The commands for documents (preview, save, open in the system's viewer), the batch of
//! letters, and the settings. Like `commands.rs`: parse, call the core on a blocking thread,
//! map the error. Sending itself is `valfri-utskick`'s, the same code the CLI runs.
// Tauri hands a command its arguments by value; borrowing them is not an option.
#![allow(clippy::needless_pass_by_value)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use serde::Serialize;
use tauri::State;
use tauri_plugin_dialog::DialogExt as _;
use valfri_dokument::Typsnitt;
use valfri_domain::dokument::Form;
use valfri_domain::{IckevalModell, Insats, Kommun, Omrade, Ordningsregel};
use valfri_l10n::Localizer;
use valfri_store::{Lagringsfel, Store};
use valfri_utskick::{Batch, Utskick, UtskickFel, Vad, kor_batch};

use crate::commands::{Felsvar, Tillstand};
use crate::om::Organisationen;

/// What the document commands keep between calls: the font (parsed on first use, off the UI
/// thread) and the running batch.
#[derive(Debug, Default)]
pub struct Utskrift {
    typsnitt: Arc<OnceLock<Typsnitt>>,
    batch: Arc<Mutex<Batchstatus>>,
    avbryt: Arc<AtomicBool>,
}

fn typsnitt(cell: &OnceLock<Typsnitt>) -> Result<&Typsnitt, UtskickFel> {
    if let Some(t) = cell.get() {
        return Ok(t);
    }
    let t = Typsnitt::inbyggda()?;
    Ok(cell.get_or_init(|| t))
}

/// The folder documents go to: the one chosen in the settings, else the organisation's, else
/// the platform's default.
fn vald_mapp(vald: Option<String>, org: &Organisationen) -> Result<PathBuf, UtskickFel> {
    vald.filter(|m| !m.trim().is_empty())
        .map(|m| PathBuf::from(m.trim()))
        .or_else(|| org.dokumentmapp())
        .or_else(valfri_utskick::standard_dokumentmapp)
        .ok_or(UtskickFel::Fil { sokvag: "~".into(), detalj: "no home folder".into() })
}

/// Runs `f` with the store and everything sending needs; two levels of error as `spara_beslut`
/// has them: opening the store, then sending.
async fn med_utskick<T: Send + 'static>(
    state: &Tillstand,
    utskrift: &Utskrift,
    sprak: &str,
    handlaggare_id: String,
    f: impl FnOnce(&Utskick<'_>) -> Result<T, UtskickFel> + Send + 'static,
) -> Result<T, Felsvar> {
    let (l10n, cell) = (state.l10n(), Arc::clone(&utskrift.typsnitt));
    let l = Arc::clone(&l10n);
    let svar = state
        .med_store(sprak, move |s| {
            let aktor = s.aktor(&handlaggare_id)?;
            Ok(typsnitt(&cell).and_then(|t| f(&Utskick { store: s, aktor: &aktor, t, l: &l })))
        })
        .await?;
    svar.map_err(|e| Felsvar::fran(&l10n, &state.sprak(sprak), &e))
}

/// The form the window asks for, or the brukare's own. A language the municipality does not
/// offer (the organisation's file's list, else the settings') is refused.
fn valj_form(
    u: &Utskick<'_>,
    org: Option<&valfri_config::Organisation>,
    vad: &Vad,
    ui_sprak: &str,
    dok_sprak: Option<String>,
    storstil: Option<bool>,
) -> Result<Result<Form, valfri_config::Konfigfel>, UtskickFel> {
    let standard = u.standardform(vad, ui_sprak)?;
    let erbjudna = erbjudna_sprak(u.store, org)?;
    let sprak = match dok_sprak.filter(|s| !s.is_empty()) {
        Some(s) if erbjudna.contains(&s) && u.l.har_sprak(&s) => s,
        Some(s) => {
            return Ok(Err(valfri_config::Konfigfel::SprakErbjudsInte {
                sprak: s,
                erbjudna: erbjudna.join(", "),
            }));
        }
        None => org.map_or(standard.sprak.clone(), |o| o.brevsprak(standard.sprak.clone())),
    };
    Ok(Ok(Form { sprak, storstil: storstil.unwrap_or(standard.storstil) }))
}

/// The languages letters are offered in: the organisation's file's, else the settings'.
fn erbjudna_sprak(
    store: &Store,
    org: Option<&valfri_config::Organisation>,
) -> Result<Vec<String>, UtskickFel> {
    let egna = store.kommun()?.sprak;
    Ok(org.map_or_else(|| egna.clone(), |o| o.erbjudna_sprak(egna.clone())))
}

/// Where a document is saved: a file chosen in the save dialog (copies beside it), or a folder.
enum Mal {
    Fil(PathBuf),
    Mapp(PathBuf),
}

impl Mal {
    fn sokvag(&self) -> &std::path::Path {
        match self {
            Mal::Fil(p) | Mal::Mapp(p) => p,
        }
    }
}

/// A document laid out for the preview: the brukare's copy page by page as SVG, and how many
/// copies go to ombud.
#[derive(Debug, Serialize)]
pub struct Forhandsvisning {
    pub titel: String,
    pub sprak: String,
    pub storstil: bool,
    /// The languages the municipality offers letters in.
    pub sprak_lista: Vec<String>,
    pub sidor: Vec<String>,
    pub kopior: usize,
}

#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn forhandsgranska_dokument(
    state: State<'_, Tillstand>,
    utskrift: State<'_, Utskrift>,
    org: State<'_, Organisationen>,
    sprak: String,
    handlaggare_id: String,
    typ: String,
    beslut_id: String,
    dok_sprak: Option<String>,
    storstil: Option<bool>,
) -> Result<Forhandsvisning, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let ui = state.sprak(&sprak);
    let (l, org) = (state.l10n(), org.org().cloned());
    let svar = med_utskick(&state, &utskrift, &sprak, handlaggare_id, move |u| {
        let vad = Vad::for_beslut(u.store, u.aktor, &typ, &beslut_id)?;
        let form = match valj_form(u, org.as_ref(), &vad, &ui, dok_sprak, storstil)? {
            Ok(f) => f,
            Err(e) => return Ok(Err(e)),
        };
        let utkast = u.bryt_om(&vad, &form)?;
        let forsta =
            utkast.first().ok_or(Lagringsfel::HittasInte { typ: "beslut", id: beslut_id })?;
        Ok(Ok(Forhandsvisning {
            titel: forsta.dokument.titel().to_owned(),
            sprak: form.sprak,
            storstil: form.storstil,
            sprak_lista: erbjudna_sprak(u.store, org.as_ref())?,
            sidor: forsta.dokument.svg(u.t),
            kopior: utkast.len() - 1,
        }))
    })
    .await?;
    svar.map_err(|e| Felsvar::fran(&l, &state.sprak(&sprak), &e))
}

/// Saves the document (and every ombud copy) into `mapp` (the documents folder when absent),
/// or to `fil` (chosen with [`fraga_sparplats`]) with the copies beside it; records it. Returns
/// the paths written. A place outside the folder the organisation fixes is refused before
/// anything is laid out or written.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn spara_dokument(
    state: State<'_, Tillstand>,
    utskrift: State<'_, Utskrift>,
    org: State<'_, Organisationen>,
    sprak: String,
    handlaggare_id: String,
    typ: String,
    beslut_id: String,
    dok_sprak: Option<String>,
    storstil: Option<bool>,
    mapp: Option<String>,
    fil: Option<String>,
) -> Result<Vec<String>, Felsvar> {
    let dokument = Dokument { typ, beslut_id, dok_sprak, storstil };
    spara(&state, &utskrift, &org, &sprak, handlaggare_id, dokument, mapp, fil).await
}

/// What the window asks to have saved.
pub(crate) struct Dokument {
    pub typ: String,
    pub beslut_id: String,
    pub dok_sprak: Option<String>,
    pub storstil: Option<bool>,
}

/// [`spara_dokument`] without Tauri's state wrappers.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn spara(
    state: &Tillstand,
    utskrift: &Utskrift,
    org: &Organisationen,
    sprak: &str,
    handlaggare_id: String,
    dokument: Dokument,
    mapp: Option<String>,
    fil: Option<String>,
) -> Result<Vec<String>, Felsvar> {
    let (l, ui) = (state.l10n(), state.sprak(sprak));
    let handlaggare_id = state.vem(handlaggare_id);
    let mal = match fil.filter(|f| !f.trim().is_empty()) {
        Some(f) => Mal::Fil(PathBuf::from(f)),
        None => Mal::Mapp(vald_mapp(mapp, org).map_err(|e| Felsvar::fran(&l, &ui, &e))?),
    };
    org.tillat_dokumentplats(&l, &ui, mal.sokvag())?;
    let org = org.org().cloned();
    let Dokument { typ, beslut_id, dok_sprak, storstil } = dokument;
    let svar = med_utskick(state, utskrift, sprak, handlaggare_id, move |u| {
        let vad = Vad::for_beslut(u.store, u.aktor, &typ, &beslut_id)?;
        let form = match valj_form(u, org.as_ref(), &vad, &ui, dok_sprak, storstil)? {
            Ok(f) => f,
            Err(e) => return Ok(Err(e)),
        };
        let filer = match &mal {
            Mal::Fil(fil) => u.spara(&vad, &form, |n| valfri_utskick::namngiven_sokvag(fil, n))?,
            Mal::Mapp(katalog) => u.spara(&vad, &form, |n| katalog.join(vad.filnamn(n)))?,
        };
        Ok(Ok(filer.iter().map(|p| p.display().to_string()).collect()))
    })
    .await?;
    svar.map_err(|e| Felsvar::fran(&l, &state.sprak(sprak), &e))
}

/// Asks where to save the document in the system's own save dialog, starting in the documents
/// folder with the name the document would get there. Returns the chosen file (with `.pdf`
/// added when the name lacks it), or `None` when the dialog was closed without a choice.
/// Nothing is saved here: the window passes the file to [`spara_dokument`], so the store is
/// never held while the dialog is open.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn fraga_sparplats<R: tauri::Runtime>(
    fonster: tauri::WebviewWindow<R>,
    state: State<'_, Tillstand>,
    utskrift: State<'_, Utskrift>,
    org: State<'_, Organisationen>,
    sprak: String,
    handlaggare_id: String,
    typ: String,
    beslut_id: String,
    mapp: Option<String>,
) -> Result<Option<String>, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let (ui, l10n) = (state.sprak(&sprak), state.l10n());
    // The documents folder, or the nearest folder above it that exists yet.
    let mapp = vald_mapp(mapp, &org).map_err(|e| Felsvar::fran(&l10n, &ui, &e))?;
    let (namn, katalog) = med_utskick(&state, &utskrift, &sprak, handlaggare_id, move |u| {
        Ok((
            Vad::for_beslut(u.store, u.aktor, &typ, &beslut_id)?.filnamn(0),
            mapp.ancestors().find(|m| m.is_dir()).map(PathBuf::from),
        ))
    })
    .await?;
    let mut dialog = fonster
        .dialog()
        .file()
        .set_parent(&fonster)
        .set_title(l10n.t(&ui, "ui-dok-spara-som-titel"))
        .set_file_name(namn)
        .add_filter(l10n.t(&ui, "ui-dok-pdf-filer"), &["pdf"])
        .set_can_create_directories(true);
    if let Some(katalog) = katalog {
        dialog = dialog.set_directory(katalog);
    }
    // The dialog runs on the UI thread; this one only waits for the answer.
    let vald = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|_| Felsvar::okant(&l10n, &ui))?;
    let Some(vald) = vald else { return Ok(None) };
    let fil = vald.into_path().map_err(|e| {
        Felsvar::fran(&l10n, &ui, &UtskickFel::Fil { sokvag: String::new(), detalj: e.to_string() })
    })?;
    Ok(Some(valfri_utskick::med_pdf_andelse(fil).display().to_string()))
}

/// Opens a saved document in the system's PDF viewer, from which it is printed.
#[tauri::command]
pub async fn visa_dokument(
    state: State<'_, Tillstand>,
    sprak: String,
    sokvag: String,
) -> Result<(), Felsvar> {
    let (l10n, sp) = (state.l10n(), state.sprak(&sprak));
    let svar = tauri::async_runtime::spawn_blocking(move || {
        valfri_utskick::visa_i_systemet(std::path::Path::new(&sokvag))
    })
    .await;
    match svar {
        Ok(r) => r.map_err(|e| Felsvar::fran(&l10n, &sp, &e)),
        Err(_) => Err(Felsvar::fran(
            &l10n,
            &sp,
            &UtskickFel::Visa { sokvag: String::new(), detalj: String::new() },
        )),
    }
}

/// The default documents folder, to show in the settings.
#[tauri::command]
pub fn dokumentmapp(org: State<'_, Organisationen>) -> String {
    org.dokumentmapp()
        .or_else(valfri_utskick::standard_dokumentmapp)
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}

// --- The batch of letters -------------------------------------------------------------------

/// Where the batch stands, as the window polls it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Batchstatus {
    pub kor: bool,
    pub antal: usize,
    pub klara: usize,
    pub skrivna: usize,
    pub redan_klara: usize,
    pub avbruten: bool,
    pub katalog: String,
    /// One sentence per beslut that could not be sent; or the one that stopped the batch.
    pub fel: Vec<String>,
}

impl Batchstatus {
    fn fran(&mut self, b: &Batch, l: &Localizer, sprak: &str) {
        (self.antal, self.klara, self.skrivna, self.redan_klara, self.avbruten) =
            (b.antal, b.klara, b.skrivna, b.redan_klara, b.avbruten);
        self.fel =
            b.fel.iter().map(|(id, e)| format!("{id}: {}", l.meddelande(sprak, e))).collect();
    }
}

/// Starts the valfrihetsinformation for every brukare marked for omval, on a thread of its
/// own, into `<documents>/valfrihetsinformation-<today>`. Letters already in that folder are
/// skipped, so starting again after a cancel resumes.
#[tauri::command]
pub async fn starta_batch(
    state: State<'_, Tillstand>,
    utskrift: State<'_, Utskrift>,
    org: State<'_, Organisationen>,
    sprak: String,
    handlaggare_id: String,
    mapp: Option<String>,
) -> Result<Batchstatus, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let sp = state.sprak(&sprak);
    let (l10n, store, status, avbryt, cell) = (
        state.l10n(),
        state.store(),
        Arc::clone(&utskrift.batch),
        Arc::clone(&utskrift.avbryt),
        Arc::clone(&utskrift.typsnitt),
    );
    let hid = handlaggare_id.clone();
    let katalog = batchmapp(mapp, &org, &l10n, &sp)?;
    let beslut = med_utskick(&state, &utskrift, &sprak, handlaggare_id, move |u| {
        Ok(u.store.omval_beslut()?)
    })
    .await?;
    {
        let mut s = status.lock().unwrap_or_else(PoisonError::into_inner);
        if s.kor {
            return Ok(s.clone());
        }
        *s = Batchstatus {
            kor: true,
            antal: beslut.len(),
            katalog: katalog.display().to_string(),
            ..Batchstatus::default()
        };
    }
    avbryt.store(false, Ordering::SeqCst);
    let svar = status.lock().unwrap_or_else(PoisonError::into_inner).clone();
    std::thread::spawn(move || {
        // The store's lock is taken per step of a letter (gathering, recording), so the window
        // stays usable while the batch runs; the layout between runs on every core without it.
        let med_store = |gor: &mut dyn FnMut(&Utskick<'_>) -> Result<(), UtskickFel>| {
            let vakt = store.lock().unwrap_or_else(PoisonError::into_inner);
            let s: &Store = vakt.as_ref().ok_or(Lagringsfel::KanInteOppna {
                sokvag: String::new(),
                detalj: "closed".into(),
            })?;
            let aktor = s.aktor(&hid)?;
            gor(&Utskick { store: s, aktor: &aktor, t: typsnitt(&cell)?, l: &l10n })
        };
        // What an interrupted run left in the folder is put in place or removed first; a
        // failure here shows again, as the batch's own, on the first letter.
        let _ = med_store(&mut |u| u.stada(&katalog).map(drop));
        let samla = |id: &str| {
            let mut ut = None;
            med_store(&mut |u| {
                ut = u.samla_batchbrev(id, &katalog)?;
                Ok(())
            })?;
            Ok(ut)
        };
        let skriv = |x| valfri_utskick::skriv_batchbrev(typsnitt(&cell)?, &l10n, x);
        let registrera = |f| {
            let mut f = Some(f);
            med_store(&mut |u| {
                if let Some(f) = f.take() {
                    u.registrera(f)?;
                }
                Ok(())
            })
        };
        let resultat = kor_batch(&beslut, &avbryt, samla, skriv, registrera, |b| {
            status.lock().unwrap_or_else(PoisonError::into_inner).fran(b, &l10n, &sp);
        });
        let mut s = status.lock().unwrap_or_else(PoisonError::into_inner);
        match resultat {
            Ok(b) => s.fran(&b, &l10n, &sp),
            Err(e) => s.fel.push(l10n.meddelande(&sp, &e)),
        }
        s.kor = false;
    });
    Ok(svar)
}

/// The folder a batch writes into, `valfrihetsinformation-<today>` in the documents folder;
/// one outside the folder the organisation fixes is refused before the batch starts (no folder
/// made, no letter written).
pub(crate) fn batchmapp(
    mapp: Option<String>,
    org: &Organisationen,
    l: &Localizer,
    sprak: &str,
) -> Result<PathBuf, Felsvar> {
    let katalog = vald_mapp(mapp, org)
        .map_err(|e| Felsvar::fran(l, sprak, &e))?
        .join(format!("valfrihetsinformation-{}", valfri_store::idag()));
    org.tillat_dokumentplats(l, sprak, &katalog)?;
    Ok(katalog)
}

#[tauri::command]
pub fn batchstatus(utskrift: State<'_, Utskrift>) -> Batchstatus {
    utskrift.batch.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

/// Stops the batch before its next letter.
#[tauri::command]
pub fn avbryt_batch(utskrift: State<'_, Utskrift>) {
    utskrift.avbryt.store(true, Ordering::SeqCst);
}

// --- Settings ---------------------------------------------------------------------------------

/// A choice with its word.
#[derive(Debug, Serialize)]
pub struct Alternativ {
    pub kod: &'static str,
    pub namn: String,
}

/// The settings screen: what is set, and the words for the choices.
#[derive(Debug, Serialize)]
pub struct Installningar {
    pub far_andra: bool,
    pub kommun: Kommun,
    pub omraden: Vec<Omrade>,
    pub insatser: Vec<Insats>,
    pub ickeval_modeller: Vec<Alternativ>,
    pub ordningsregler: Vec<Alternativ>,
    pub sprak_lista: Vec<String>,
    pub dokumentmapp: String,
}

#[tauri::command]
pub async fn installningar(
    state: State<'_, Tillstand>,
    org: State<'_, crate::om::Organisationen>,
    sprak: String,
    handlaggare_id: String,
) -> Result<Installningar, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let (l, sp) = (state.l10n(), state.sprak(&sprak));
    let sp2 = sp.clone();
    let (far_andra, mut kommun, omraden, insatser) = state
        .med_store(&sprak, move |s| {
            Ok((
                s.aktor(&handlaggare_id)?.far_andra_register(),
                s.kommun()?,
                s.omraden()?,
                s.insatser(&sp2)?,
            ))
        })
        .await?;
    org.satt_kommun(&mut kommun);
    let mapp = org.dokumentmapp().or_else(valfri_utskick::standard_dokumentmapp);
    let ord = |id: &str| l.t(&sp, id);
    Ok(Installningar {
        far_andra,
        kommun,
        omraden,
        insatser,
        ickeval_modeller: IckevalModell::ALLA
            .iter()
            .map(|m| Alternativ { kod: m.kod(), namn: ord(m.meddelande_id()) })
            .collect(),
        ordningsregler: Ordningsregel::ALLA
            .iter()
            .map(|o| Alternativ { kod: o.kod(), namn: ord(o.meddelande_id()) })
            .collect(),
        sprak_lista: l.sprak().into_iter().map(str::to_owned).collect(),
        dokumentmapp: mapp.map(|p| p.display().to_string()).unwrap_or_default(),
    })
}

#[tauri::command]
pub async fn spara_kommun(
    state: State<'_, Tillstand>,
    org: State<'_, crate::om::Organisationen>,
    sprak: String,
    handlaggare_id: String,
    kommun: Kommun,
) -> Result<(), Felsvar> {
    let l = state.l10n();
    org.tillat(&l, &sprak, valfri_config::Installning::Kommunnamn, &kommun.namn)?;
    org.tillat(&l, &sprak, valfri_config::Installning::Sprak, &kommun.sprak.join(","))?;
    let handlaggare_id = state.vem(handlaggare_id);
    state.med_store(&sprak, move |s| s.spara_kommun(&s.aktor(&handlaggare_id)?, &kommun)).await
}

#[tauri::command]
pub async fn nytt_omrade(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    kod: String,
    namn: String,
    landsbygd: bool,
) -> Result<String, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    state
        .med_store(&sprak, move |s| {
            s.nytt_omrade(&s.aktor(&handlaggare_id)?, &kod, &namn, landsbygd)
        })
        .await
}

#[tauri::command]
pub async fn andra_lagrum(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    insats: String,
    lagrum: String,
) -> Result<(), Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    state
        .med_store(&sprak, move |s| s.andra_lagrum(&s.aktor(&handlaggare_id)?, &insats, &lagrum))
        .await
}

/// Sets an insats's ickeval model; returns Konkurrensverket's warning for turordning.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn satt_ickeval(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    insats: String,
    modell: String,
    utsedd: Option<String>,
    egen_regi_i_turordning: bool,
) -> Result<Option<String>, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let (l, sp) = (state.l10n(), state.sprak(&sprak));
    let modell = IckevalModell::fran_kod(&modell).map_err(|e| Felsvar::fran(&l, &sp, &e))?;
    let varna = state
        .med_store(&sprak, move |s| {
            s.satt_ickeval(
                &s.aktor(&handlaggare_id)?,
                &insats,
                modell,
                utsedd.as_deref().filter(|u| !u.is_empty()),
                egen_regi_i_turordning,
            )
        })
        .await?;
    Ok(varna.then(|| l.t(&sp, "varning-turordning")))
}
