//! The commands the window calls. Each is a few lines: take the arguments, call the core on a
//! blocking thread (`SQLite` never runs on the UI thread), and turn an error into `{code, message}`
//! in the user's language.
// Tauri hands a command its arguments by value; borrowing them is not an option.
#![allow(clippy::needless_pass_by_value)]

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;
use valfri_domain::beslutsregler::{Avslutsorsak, mojliga_informationssatt, mojliga_valjare};
use valfri_domain::formular::{Beslutsformular, Faltfel};
use valfri_domain::val::{NyttVal, Val, godkannandets_lage};
use valfri_domain::{
    Anvandarmeddelande, Beslut, Brukare, BrukareTraff, Handlaggare, IckevalOrsak, Informationssatt,
    Insats, Utfall, Utforare, Valideringsfel, VemValde, tolka_datum,
};
use valfri_l10n::Localizer;
use valfri_store::{
    Arbetslistor, AvbrutenKryptering, Filtyp, Formularfel, Lagringsfel, Losenfras, MAX_TRAFFAR,
    Paverkad, Registerversion, Skydd, Sparat, Store, demo, idag,
};

use crate::Launch;
use valfri_domain::kommando::Kommando;

/// What every command shares: the launch options, the store (opened on first use, off the UI
/// thread) and the texts. Cloning shares them.
#[derive(Clone)]
pub struct Tillstand {
    launch: Launch,
    store: Arc<Mutex<Option<Store>>>,
    l10n: Arc<Localizer>,
    /// The passphrase from `--passphrase-env`, used for the first opening only; after a lock
    /// the caseworker types it.
    forsta_losen: Arc<Mutex<Option<Losenfras>>>,
    /// What the last start did about an interrupted encryption, until the window has said it.
    avbruten: Arc<Mutex<Option<AvbrutenKryptering>>>,
    /// Kommunläge while someone is logged in to the hub (a desk's replica); `None` standalone.
    kommun: Arc<Mutex<Option<crate::kommun::Kommunlage>>>,
    /// Standalone with key slots: the person whose slot unlocked the database.
    person: Arc<Mutex<Option<crate::kommun::Inloggad>>>,
}

impl std::fmt::Debug for Tillstand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tillstand").field("launch", &self.launch).finish_non_exhaustive()
    }
}

impl Tillstand {
    pub fn new(launch: Launch, l10n: Localizer) -> Self {
        let forsta_losen = launch
            .passphrase_env
            .as_deref()
            .and_then(|var| std::env::var(var).ok())
            .and_then(|text| Losenfras::ny(text).ok());
        Self {
            launch,
            store: Arc::new(Mutex::new(None)),
            l10n: Arc::new(l10n),
            forsta_losen: Arc::new(Mutex::new(forsta_losen)),
            avbruten: Arc::new(Mutex::new(None)),
            kommun: Arc::new(Mutex::new(None)),
            person: Arc::new(Mutex::new(None)),
        }
    }

    pub(crate) fn person(&self) -> Option<crate::kommun::Inloggad> {
        self.person.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    pub(crate) fn satt_person(&self, person: Option<crate::kommun::Inloggad>) {
        *self.person.lock().unwrap_or_else(PoisonError::into_inner) = person;
    }

    pub(crate) fn kommun(&self) -> Arc<Mutex<Option<crate::kommun::Kommunlage>>> {
        Arc::clone(&self.kommun)
    }

    /// Who acts: in kommunläge the person the hub logged in, whatever the page sent; standalone
    /// the handläggare the page names (checked by the store as before).
    pub(crate) fn vem(&self, sidans: String) -> String {
        self.inloggad().map_or(sidans, |i| i.handlaggare_id)
    }

    /// Runs `f` with the store on a blocking thread and maps its error for the window.
    pub(crate) async fn med_store<T: Send + 'static>(
        &self,
        sprak: &str,
        f: impl FnOnce(&Store) -> Result<T, Lagringsfel> + Send + 'static,
    ) -> Result<T, Felsvar> {
        let (store, launch, l10n, forsta, avbruten) = (
            Arc::clone(&self.store),
            self.launch.clone(),
            Arc::clone(&self.l10n),
            Arc::clone(&self.forsta_losen),
            Arc::clone(&self.avbruten),
        );
        let inloggad = self.hubbinloggad().is_some();
        let sprak = self.sprak(sprak);
        let sprak_for_fel = sprak.clone();
        let svar = tauri::async_runtime::spawn_blocking(move || {
            // A panic elsewhere must not lock the caseworker out: the store itself is still sound
            // (SQLite rolled back whatever was in flight).
            let mut vakt = store.lock().unwrap_or_else(PoisonError::into_inner);
            let oppen = if let Some(s) = vakt.take() {
                Ok(s)
            } else {
                let losen = forsta.lock().unwrap_or_else(PoisonError::into_inner).take();
                oppna(&launch, losen.as_ref(), &avbruten)
            };
            let resultat = oppen.and_then(|s| {
                let s = vakt.insert(s);
                // A desk's replica is worked on only by someone the hub has logged in.
                match s.replika()? {
                    Some(_) if !inloggad => Err(Lagringsfel::KraverLosenfras),
                    _ => f(s),
                }
            });
            resultat.map_err(|e| Felsvar::fran(&l10n, &sprak, &e))
        })
        .await;
        svar.unwrap_or_else(|_| Err(Felsvar::okant(&self.l10n, &sprak_for_fel)))
    }

    pub(crate) fn launch(&self) -> &Launch {
        &self.launch
    }

    /// The passphrase from `--passphrase-env`, once.
    pub(crate) fn ta_forsta_losen(&self) -> Option<Losenfras> {
        self.forsta_losen.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    pub(crate) fn avbruten(&self) -> &Mutex<Option<AvbrutenKryptering>> {
        &self.avbruten
    }

    pub(crate) fn sprak(&self, sprak: &str) -> String {
        if self.l10n.har_sprak(sprak) { sprak.to_owned() } else { valfri_l10n::REFERENS.to_owned() }
    }

    pub(crate) fn l10n(&self) -> Arc<Localizer> {
        Arc::clone(&self.l10n)
    }

    /// The store itself, for work that takes the lock per step (the batch of letters) rather
    /// than for its whole length.
    pub(crate) fn store(&self) -> Arc<Mutex<Option<Store>>> {
        Arc::clone(&self.store)
    }
}

/// The database file the launch options point at.
pub(crate) fn databas(launch: &Launch) -> Result<std::path::PathBuf, Lagringsfel> {
    Ok(match (&launch.db, launch.demo) {
        (Some(p), _) => p.clone(),
        (None, true) => valfri_store::plats::standard_databas()
            .map(|p| p.with_file_name("valfri-demo.sqlite"))
            .ok_or_else(|| Lagringsfel::KanInteOppna {
                sokvag: "~".into(),
                detalj: "no home directory".into(),
            })?,
        (None, false) => valfri_store::plats::standard_databas().ok_or_else(|| {
            Lagringsfel::KanInteOppna { sokvag: "~".into(), detalj: "no home directory".into() }
        })?,
    })
}

/// Opens the chosen database as every start does: an `encrypt` that was killed is finished or
/// undone first (what was done is kept in `avbruten` for the window to say), and with `--demo`
/// the demo municipality is created if missing, encrypted with the demo passphrase. Any other
/// missing file stays missing: the first-start form creates it ([`forsta_start`]).
pub(crate) fn oppna(
    launch: &Launch,
    losen: Option<&Losenfras>,
    avbruten: &Mutex<Option<AvbrutenKryptering>>,
) -> Result<Store, Lagringsfel> {
    let sokvag = databas(launch)?;
    if let Some(a) = valfri_store::reda_upp_kryptering(&sokvag)? {
        *avbruten.lock().unwrap_or_else(PoisonError::into_inner) = Some(a);
    }
    if launch.demo && valfri_store::filtyp(&sokvag)? == Filtyp::Saknas {
        let demo_losen = Skydd::Losenfras(Losenfras::ny(demo::DEMO_LOSENFRAS)?);
        valfri_store::skapa_databas(&sokvag, &demo_losen, false, |s| demo::skapa_demo(s, idag()))?;
    }
    Store::oppna(&sokvag, losen)
}

/// The first start: a new, empty database, encrypted with the chosen passphrase. Never over an
/// existing file, whatever it holds.
pub(crate) fn forsta_start(launch: &Launch, losen: &Losenfras) -> Result<Store, Lagringsfel> {
    let sokvag = databas(launch)?;
    valfri_store::skapa_databas(&sokvag, &Skydd::Losenfras(losen.clone()), false, |_| Ok(()))?;
    Store::oppna(&sokvag, Some(losen))
}

/// An error as the window receives it: a stable code (the Fluent id) and the sentence to show;
/// for a form, also a sentence per field, to put next to the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Felsvar {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub falt: Vec<FaltfelVy>,
}

/// One field's problem, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FaltfelVy {
    pub falt: &'static str,
    pub message: String,
}

impl Felsvar {
    /// For what should never happen (a panicked worker thread): still a sentence.
    pub(crate) fn okant(l: &Localizer, sprak: &str) -> Self {
        Self { code: "ui-fel-okant".into(), message: l.t(sprak, "ui-fel-okant"), falt: Vec::new() }
    }

    pub(crate) fn fran(l: &Localizer, sprak: &str, e: &dyn Anvandarmeddelande) -> Self {
        Self {
            code: e.meddelande_id().to_owned(),
            message: l.meddelande(sprak, e),
            falt: Vec::new(),
        }
    }

    fn fran_falt(l: &Localizer, sprak: &str, fel: &[Faltfel<Lagringsfel>]) -> Self {
        Self::fran_formular(l, sprak, "fel-formular", fel)
    }

    /// A form's field problems under the sentence `id` (what was not saved).
    pub(crate) fn fran_formular(
        l: &Localizer,
        sprak: &str,
        id: &str,
        fel: &[Faltfel<Lagringsfel>],
    ) -> Self {
        Self {
            code: id.into(),
            message: l.t(sprak, id),
            falt: fel
                .iter()
                .map(|f| FaltfelVy { falt: f.falt, message: l.meddelande(sprak, &f.fel) })
                .collect(),
        }
    }
}

/// The texts the window shows, for one language, and the languages there are.
#[derive(Debug, Serialize)]
pub struct Texter {
    pub sprak: String,
    pub sprak_lista: Vec<String>,
    #[allow(clippy::struct_field_names)] // the window reads `texter.texter`
    pub texter: BTreeMap<String, String>,
    pub koder: Kodlistor,
}

/// The closed vocabularies the window offers in its choice lists, from the domain's own lists,
/// so the window types no code by hand.
#[derive(Debug, Serialize)]
pub struct Kodlistor {
    pub utfall: Vec<Kodord>,
    pub vem_valde: Vec<Kodord>,
    pub kanal: Vec<Kodord>,
    /// The reasons a caseworker may give for ending a beslut by hand.
    pub avslutsorsak: Vec<Kodord>,
    pub ombud_typ: Vec<Kodord>,
}

/// One value of a vocabulary: the code the core takes and the word a person reads.
#[derive(Debug, Serialize)]
pub struct Kodord {
    pub kod: &'static str,
    pub text: String,
}

impl Kodlistor {
    fn pa(l: &Localizer, sprak: &str) -> Self {
        let ord = |kod: &'static str, id: &str| Kodord { kod, text: l.t(sprak, id) };
        Self {
            utfall: Utfall::ALLA.iter().map(|u| ord(u.kod(), u.meddelande_id())).collect(),
            vem_valde: VemValde::ALLA.iter().map(|v| ord(v.kod(), v.meddelande_id())).collect(),
            kanal: Informationssatt::ALLA.iter().map(|i| ord(i.kod(), i.meddelande_id())).collect(),
            avslutsorsak: Avslutsorsak::FOR_HAND
                .iter()
                .map(|o| Kodord { kod: o.kod(), text: l.t(sprak, &o.meddelande_id()) })
                .collect(),
            ombud_typ: valfri_domain::OmbudTyp::ALLA
                .iter()
                .map(|o| ord(o.kod(), o.meddelande_id()))
                .collect(),
        }
    }
}

/// The message prefixes the window uses.
const UI_PREFIX: &[&str] = &[
    "ui-", "status-", "utfall-", "enhet-", "ombud-", "regi-", "roll-", "valtyp-", "vem-", "kanal-",
];

#[tauri::command]
pub fn texter(
    state: State<'_, Tillstand>,
    org: State<'_, crate::om::Organisationen>,
    sprak: String,
) -> Texter {
    let sprak = state.sprak(&sprak);
    // The window speaks the languages the organisation offers; another is not taken.
    let alla: Vec<String> = state.l10n.sprak().into_iter().map(str::to_owned).collect();
    let sprak_lista = org.org().map_or_else(|| alla.clone(), |o| o.erbjudna_sprak(alla.clone()));
    let sprak = match org.org() {
        Some(o) if o.kontrollera_sprak(&sprak).is_err() => o.brevsprak(sprak),
        _ => sprak,
    };
    let mut texter = BTreeMap::new();
    for prefix in UI_PREFIX {
        texter.extend(state.l10n.alla_med_prefix(&sprak, prefix));
    }
    let koder = Kodlistor::pa(&state.l10n, &sprak);
    Texter { sprak, sprak_lista, texter, koder }
}

/// Sets the page zoom (Ctrl and plus or minus): `WebKit`'s own zoom, so the layout reflows as at
/// a larger text size, from 50 % to 300 %. Returns the zoom that was set.
#[tauri::command]
pub async fn zooma<R: tauri::Runtime>(
    fonster: tauri::WebviewWindow<R>,
    state: State<'_, Tillstand>,
    sprak: String,
    niva: f64,
) -> Result<f64, Felsvar> {
    let niva = if niva.is_finite() { niva.clamp(ZOOM_MIN, ZOOM_MAX) } else { 1.0 };
    fonster.set_zoom(niva).map_err(|_| Felsvar::okant(&state.l10n, &state.sprak(&sprak)))?;
    Ok(niva)
}

const ZOOM_MIN: f64 = 0.5;
const ZOOM_MAX: f64 = 3.0;

#[tauri::command]
pub async fn handlaggare(
    state: State<'_, Tillstand>,
    sprak: String,
) -> Result<Vec<Handlaggare>, Felsvar> {
    state.med_store(&sprak, Store::handlaggare_lista).await
}

#[tauri::command]
pub async fn sok_brukare(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    fraga: String,
) -> Result<Vec<BrukareTraff>, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    state
        .med_store(&sprak, move |s| {
            let aktor = s.aktor(&handlaggare_id)?;
            s.sok_brukare(&aktor, &fraga, MAX_TRAFFAR)
        })
        .await
}

/// A brukare's page: the record and every beslut, with where each stands.
#[derive(Debug, Serialize)]
pub struct Brukarsida {
    pub brukare: Brukare,
    pub beslut: Vec<Beslut>,
    pub lagen: Vec<LageVy>,
    /// The brukare's open waiting-list entries, in words.
    pub ko: Vec<KopostVy>,
    /// In kommunläge: what this desk did for the brukare that waits for the hub.
    pub preliminara: Vec<String>,
}

/// A waiting-list entry in words: "Väntar på Almgårdens Omsorg AB (hemtjänst) sedan 2026-12-02",
/// and whether a place is free for it now (else why not).
#[derive(Debug, Serialize)]
pub struct KopostVy {
    pub id: String,
    pub beslut_id: String,
    pub brukare_id: String,
    pub namn: String,
    pub insats_kod: String,
    pub utforare: String,
    pub stalld: NaiveDate,
    pub text: String,
    pub plats_ledig: bool,
    /// Why no place is free for it now (the provider's state, or those before it in the queue).
    pub hinder: Option<String>,
}

fn kopost_vy(l: &Localizer, sprak: &str, p: &valfri_store::Kopost, insats: &str) -> KopostVy {
    let hinder = if p.plats_ledig {
        None
    } else if p.status.ar_valbar() {
        Some(l.text(sprak, "ui-ko-fore", &[("antal", i64::from(p.fore).into())]))
    } else {
        Some(l.valbarhet(sprak, &p.status))
    };
    KopostVy {
        id: p.id.clone(),
        beslut_id: p.beslut_id.clone(),
        brukare_id: p.brukare_id.clone(),
        namn: p.namn.clone(),
        insats_kod: p.insats_kod.clone(),
        utforare: p.utforare_namn.clone(),
        stalld: p.stalld,
        text: l.text(
            sprak,
            "ui-ko-rad",
            &[
                ("utforare", p.utforare_namn.clone().into()),
                ("insats", insats.to_owned().into()),
                ("datum", p.stalld.to_string().into()),
                ("vem", l.t(sprak, p.vem_valde.meddelande_id()).into()),
            ],
        ),
        plats_ledig: p.plats_ledig,
        hinder,
    }
}

/// Where a beslut stands, in words, and what can be done with it now.
#[derive(Debug, Serialize)]
pub struct LageVy {
    pub beslut_id: String,
    /// "Almgården sedan 2026-11-20" (or "från" a date ahead), or that it has none yet.
    pub utforare: Option<String>,
    /// "Avslutat 2026-12-02: Brukaren har flyttat".
    pub avslutat: Option<String>,
    /// Why a draft cannot be made now (the button is disabled with this reason), if it cannot.
    pub fatta_hinder: Option<String>,
    /// Whether it can be ended by hand.
    pub kan_avslutas: bool,
    /// The latest follow-up recorded: "Gjord 2026-12-02, nästa 2027-03-01".
    pub uppfoljning: Option<String>,
    /// Marked for a new choice: why, in words ("Almgårdens arbetar inte i området där … bor nu").
    pub omval: Option<String>,
    /// Whether "Verkställd…" is offered (a made beslut not yet carried out), and why it cannot
    /// be done today, if it cannot (the button is disabled with this).
    pub kan_verkstallas: bool,
    pub verkstall_hinder: Option<String>,
}

/// The page's beslut in words: provider and since when, how it ended, what stops a draft.
fn lagen(
    s: &Store,
    l: &Localizer,
    sprak: &str,
    aktor: &valfri_store::Aktor,
    brukare_id: &str,
    beslut: &[Beslut],
) -> Result<Vec<LageVy>, Lagringsfel> {
    let dag = idag();
    let lagen = s.beslutslagen(brukare_id)?;
    beslut
        .iter()
        .map(|b| {
            let lage = lagen.iter().find(|x| x.beslut_id == b.id);
            let utforare = match lage.and_then(|x| x.utforare.as_ref().zip(x.sedan)) {
                Some((u, sedan)) => Some(l.text(
                    sprak,
                    if sedan <= dag {
                        "ui-beslut-utforare-sedan"
                    } else {
                        "ui-beslut-utforare-fran"
                    },
                    &[("utforare", u.clone().into()), ("datum", sedan.to_string().into())],
                )),
                None if b.ger_val => Some(l.t(sprak, "ui-beslut-ingen-utforare")),
                None => None,
            };
            let avslutat = lage.and_then(|x| x.avslutad).map(|d| {
                let orsak = lage
                    .and_then(|x| x.avslutsorsak)
                    .map_or_else(String::new, |o| l.t(sprak, &o.meddelande_id()));
                l.text(
                    sprak,
                    "ui-beslut-avslutat-rad",
                    &[("datum", d.to_string().into()), ("orsak", orsak.into())],
                )
            });
            let fatta_hinder = if b.kan_andras {
                s.bekrafta_fatta(aktor, &b.id, dag, sprak).err().map(|e| l.meddelande(sprak, &e))
            } else {
                None
            };
            let kan_avslutas = valfri_domain::beslutsregler::kan_avslutas(b.status).is_ok()
                && b.ersatt_av.is_none();
            let uppfoljning = s.senaste_uppfoljning(&b.id)?.map(|(gjord, nasta)| match nasta {
                Some(n) => l.text(
                    sprak,
                    "ui-uppfoljning-gjord-nasta",
                    &[("datum", gjord.to_string().into()), ("nasta", n.to_string().into())],
                ),
                None => {
                    l.text(sprak, "ui-uppfoljning-gjord", &[("datum", gjord.to_string().into())])
                }
            });
            let omval = lage.and_then(|x| x.omval.as_ref()).map(|(orsak, u)| {
                l.text(
                    sprak,
                    &format!("ui-beslut-omval-{orsak}"),
                    &[("utforare", u.clone().into())],
                )
            });
            let kan_verkstallas =
                b.status == valfri_domain::BeslutStatus::Beslutat && b.utfall != Utfall::Avslag;
            let verkstall_hinder = if kan_verkstallas {
                s.verkstallighetshinder(aktor, &b.id).map(|e| l.meddelande(sprak, &e))
            } else {
                None
            };
            Ok(LageVy {
                beslut_id: b.id.clone(),
                utforare,
                avslutat,
                fatta_hinder,
                kan_avslutas,
                uppfoljning,
                omval,
                kan_verkstallas,
                verkstall_hinder,
            })
        })
        .collect::<Result<_, Lagringsfel>>()
}

#[tauri::command]
pub async fn oppna_brukare(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    id: String,
    skal: Option<String>,
) -> Result<Brukarsida, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let (l10n, sprak2) = (state.l10n(), state.sprak(&sprak));
    state
        .med_store(&sprak, move |s| {
            let aktor = s.aktor(&handlaggare_id)?;
            // A brukare with skyddade personuppgifter opens only with the reason the handläggare gives.
            let brukare = s.oppna_brukare(&aktor, &id, skal.as_deref())?;
            let beslut = s.beslut_for_brukare(&aktor, &id)?;
            let lagen = lagen(s, &l10n, &sprak2, &aktor, &id, &beslut)?;
            let ko = s
                .vantelista(&aktor, Some(&id), false, idag())?
                .iter()
                .map(|p| {
                    let insats = beslut.iter().find(|b| b.id == p.beslut_id).map_or_else(
                        || p.insats_kod.clone(),
                        |b| valfri_domain::namn_i_mening(&b.insats_namn),
                    );
                    kopost_vy(&l10n, &sprak2, p, &insats)
                })
                .collect();
            let preliminara = crate::kommun::preliminara(s, &l10n, &sprak2, &id, &beslut)?;
            Ok(Brukarsida { brukare, beslut, lagen, ko, preliminara })
        })
        .await
}

/// A provider in the choice list, with its status already in words.
#[derive(Debug, Serialize)]
pub struct ValbarRadVy {
    pub utforare_id: String,
    pub namn: String,
    pub regi: String,
    pub valbar: bool,
    pub status: String,
    /// At its cap: the brukare may wait for a place here.
    pub vid_tak: bool,
}

/// The choice list for a beslut: the rule it is ordered by, in words, and every provider.
#[derive(Debug, Serialize)]
pub struct ValbaraVy {
    pub ordning: String,
    pub rader: Vec<ValbarRadVy>,
}

/// The choice part of a beslut: its providers over time and the explanation of each ickeval,
/// who may be named as having chosen and how the information may be said to have been given
/// (nothing that did not happen), and why each act cannot be done now, if it cannot.
#[derive(Debug, Serialize)]
pub struct Valsida {
    pub historik: Vec<Val>,
    pub forklaringar: Vec<Vec<String>>,
    pub svarsdatum: Option<NaiveDate>,
    pub valjare: Vec<Kodord>,
    pub kanaler: Vec<Kodord>,
    /// A letter was recorded: "by letter" is then offered first.
    pub brev: bool,
    /// Why ickeval cannot be applied now for each reason (the buttons are disabled with it).
    pub hinder_svarsdatum: Option<String>,
    pub hinder_avstar: Option<String>,
}

fn tolkat<T>(state: &Tillstand, sprak: &str, r: Result<T, Valideringsfel>) -> Result<T, Felsvar> {
    r.map_err(|e| Felsvar::fran(&state.l10n, &state.sprak(sprak), &e))
}

#[tauri::command]
pub async fn valbara(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
) -> Result<ValbaraVy, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let v = state
        .med_store(&sprak, move |s| s.valbara(&s.aktor(&handlaggare_id)?, &beslut_id, idag()))
        .await?;
    let (l, sprak) = (&state.l10n, state.sprak(&sprak));
    Ok(ValbaraVy {
        ordning: l.t(&sprak, v.ordning.meddelande_id()),
        rader: v
            .utforare
            .iter()
            .map(|r| ValbarRadVy {
                utforare_id: r.utforare_id.clone(),
                namn: r.namn.clone(),
                regi: l.t(&sprak, r.regi.meddelande_id()),
                valbar: r.status.ar_valbar(),
                status: l.valbarhet(&sprak, &r.status),
                vid_tak: matches!(r.status, valfri_domain::val::Valbarhet::VidTak { .. }),
            })
            .collect(),
    })
}

#[tauri::command]
pub async fn valsida(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
) -> Result<Valsida, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let (l10n, sprak2) = (state.l10n(), state.sprak(&sprak));
    let (historik, forklaringar, svarsdatum, (ombud, brev), hinder) = state
        .med_store(&sprak, move |s| {
            let aktor = s.aktor(&handlaggare_id)?;
            let hinder = |orsak| {
                s.bekrafta_ickeval(&beslut_id, idag(), orsak, &sprak2)
                    .err()
                    .map(|e| l10n.meddelande(&sprak2, &e))
            };
            let hinder = (hinder(IckevalOrsak::Svarsdatum), hinder(IckevalOrsak::Avstar));
            Ok((
                s.valhistorik(&aktor, &beslut_id)?,
                s.ickevalsforklaringar(&beslut_id)?,
                s.svarsdatum(&beslut_id)?,
                s.valuppgifter(&beslut_id)?,
                hinder,
            ))
        })
        .await?;
    let sprak = state.sprak(&sprak);
    let l = &state.l10n;
    let forklaringar = forklaringar.iter().map(|f| l.ickevalsforklaring(&sprak, f)).collect();
    let valjare = mojliga_valjare(ombud)
        .into_iter()
        .map(|v| Kodord { kod: v.kod(), text: l.t(&sprak, v.meddelande_id()) })
        .collect();
    let kanaler = mojliga_informationssatt(brev)
        .into_iter()
        .map(|k| Kodord { kod: k.kod(), text: l.t(&sprak, k.meddelande_id()) })
        .collect();
    Ok(Valsida {
        historik,
        forklaringar,
        svarsdatum,
        valjare,
        kanaler,
        brev,
        hinder_svarsdatum: hinder.0,
        hinder_avstar: hinder.1,
    })
}

/// A choice as the window sends it, read by the core: the provider and who chose are required
/// (nothing is preselected), the channel and start date are optional.
#[allow(clippy::too_many_arguments)]
fn tolka_val(
    state: &Tillstand,
    sprak: &str,
    beslut_id: String,
    utforare_id: String,
    vem_valde: &str,
    informationssatt: Option<&str>,
    startdatum: Option<&str>,
) -> Result<NyttVal, Felsvar> {
    if utforare_id.trim().is_empty() {
        return Err(Felsvar::fran(
            &state.l10n,
            &state.sprak(sprak),
            &Valideringsfel::Saknas { falt: "utforare" },
        ));
    }
    let vem = tolkat(
        state,
        sprak,
        if vem_valde.trim().is_empty() {
            Err(Valideringsfel::Saknas { falt: "vem_valde" })
        } else {
            VemValde::fran_kod(vem_valde)
        },
    )?;
    let kanal = tolkat(
        state,
        sprak,
        informationssatt.filter(|s| !s.is_empty()).map(Informationssatt::fran_kod).transpose(),
    )?;
    let start = tolkat(
        state,
        sprak,
        startdatum.filter(|s| !s.trim().is_empty()).map(|s| tolka_datum("datum", s)).transpose(),
    )?;
    Ok(NyttVal {
        beslut_id,
        utforare_id,
        vem_valde: vem,
        informationssatt: kanal,
        informationssprak: None,
        valdatum: idag(),
        startdatum: start,
    })
}

/// The sentence to confirm before registering a choice or a byte: worked out by the core
/// exactly as the act would go, or refused as it would be.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn bekrafta_val(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
    utforare_id: String,
    vem_valde: String,
    informationssatt: Option<String>,
    startdatum: Option<String>,
) -> Result<String, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let ny = tolka_val(
        &state,
        &sprak,
        beslut_id,
        utforare_id,
        &vem_valde,
        informationssatt.as_deref(),
        startdatum.as_deref(),
    )?;
    let sprak2 = state.sprak(&sprak);
    let b = state
        .med_store(&sprak, move |s| {
            s.aktor(&handlaggare_id)?;
            s.bekrafta_val(&ny, &sprak2)
        })
        .await?;
    Ok(state.l10n.bekraftelse(&state.sprak(&sprak), &b))
}

/// The sentence to confirm before applying ickeval.
#[tauri::command]
pub async fn bekrafta_ickeval(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
    avstar: bool,
) -> Result<String, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let orsak = if avstar { IckevalOrsak::Avstar } else { IckevalOrsak::Svarsdatum };
    let sprak2 = state.sprak(&sprak);
    let b = state
        .med_store(&sprak, move |s| {
            s.aktor(&handlaggare_id)?;
            s.bekrafta_ickeval(&beslut_id, idag(), orsak, &sprak2)
        })
        .await?;
    Ok(state.l10n.bekraftelse(&state.sprak(&sprak), &b))
}

/// The sentence to confirm before making a saved draft.
#[tauri::command]
pub async fn bekrafta_fatta(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
) -> Result<String, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let sprak2 = state.sprak(&sprak);
    let b = state
        .med_store(&sprak, move |s| {
            s.bekrafta_fatta(&s.aktor(&handlaggare_id)?, &beslut_id, idag(), &sprak2)
        })
        .await?;
    Ok(state.l10n.bekraftelse(&state.sprak(&sprak), &b))
}

/// The sentence to confirm before saving a form and making the beslut; refused with the fields'
/// problems or the rule that stops it, as saving would be.
#[tauri::command]
pub async fn bekrafta_fatta_formular(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    brukare_id: String,
    beslut_id: Option<String>,
    ersatter: Option<String>,
    formular: Beslutsformular,
) -> Result<String, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let sprak = state.sprak(&sprak);
    let (l10n, sprak2) = (state.l10n(), sprak.clone());
    let svar = state
        .med_store(&sprak, move |s| {
            s.aktor(&handlaggare_id)?;
            Ok(s.bekrafta_fatta_formular(
                &brukare_id,
                beslut_id.as_deref(),
                ersatter.as_deref(),
                &formular,
                idag(),
                &sprak2,
            ))
        })
        .await?;
    match svar {
        Ok(b) => Ok(l10n.bekraftelse(&sprak, &b)),
        Err(Formularfel::Falt(fel)) => Err(Felsvar::fran_falt(&l10n, &sprak, &fel)),
        Err(Formularfel::Annat(e)) => Err(Felsvar::fran(&l10n, &sprak, &e)),
    }
}

/// The sentence to confirm before ending a beslut by hand for `orsak`.
#[tauri::command]
pub async fn bekrafta_avslut(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
    orsak: String,
) -> Result<String, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let orsak = tolkat(&state, &sprak, Avslutsorsak::fran_kod(&orsak))?;
    let sprak2 = state.sprak(&sprak);
    let b = state
        .med_store(&sprak, move |s| {
            s.aktor(&handlaggare_id)?;
            s.bekrafta_avslut(&beslut_id, orsak, idag(), &sprak2)
        })
        .await?;
    Ok(state.l10n.bekraftelse(&state.sprak(&sprak), &b))
}

/// Records a follow-up: done on `datum` (empty: today), what it found, and the next date (empty:
/// none). Dates are read by the core.
#[tauri::command]
pub async fn registrera_uppfoljning(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
    datum: String,
    resultat: String,
    nasta: String,
) -> Result<(), Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let las = |falt: &'static str, s: &str| {
        tolkat(
            &state,
            &sprak,
            Some(s).filter(|s| !s.trim().is_empty()).map(|s| tolka_datum(falt, s)).transpose(),
        )
    };
    let dag = las("datum", &datum)?.unwrap_or_else(idag);
    let nasta = las("uppfoljning", &nasta)?;
    if state.hubbinloggad().is_some() {
        // Checked here first, so a mistake is told now and not as a konflikt after the push.
        let (h, b, r) = (handlaggare_id.clone(), beslut_id.clone(), resultat.clone());
        state
            .med_store(&sprak, move |s| s.prova_uppfoljning(&s.aktor(&h)?, &b, dag, &r, nasta))
            .await?;
        let id = ulid::Ulid::new().to_string();
        let kommando = Kommando::Uppfoljning { id, beslut_id, datum: dag, resultat, nasta };
        return state.utfor(&sprak, kommando).await.map(|_| ());
    }
    state
        .med_store(&sprak, move |s| {
            s.registrera_uppfoljning(&s.aktor(&handlaggare_id)?, &beslut_id, dag, &resultat, nasta)
        })
        .await
}

/// What the brukare form offers: the områden and the languages letters can be written in.
#[derive(Debug, Serialize)]
pub struct Brukaruppgifter {
    pub omraden: Vec<valfri_domain::Omrade>,
    pub sprak: Vec<String>,
}

#[tauri::command]
pub async fn brukaruppgifter(
    state: State<'_, Tillstand>,
    org: State<'_, crate::om::Organisationen>,
    sprak: String,
) -> Result<Brukaruppgifter, Felsvar> {
    let mut uppg = state
        .med_store(&sprak, |s| {
            Ok(Brukaruppgifter { omraden: s.omraden()?, sprak: s.kommun()?.sprak })
        })
        .await?;
    if let Some(o) = org.org() {
        uppg.sprak = o.erbjudna_sprak(uppg.sprak);
    }
    Ok(uppg)
}

/// An ombud as the form sends it: the type as a code, which must be chosen.
#[derive(Debug, serde::Deserialize)]
pub struct OmbudRad {
    pub typ: String,
    pub namn: String,
    pub adress: String,
    pub postnummer: String,
    pub postort: String,
}

/// Registers a new brukare (`id` empty) or changes one, with their ombud (the list replaces the
/// old one); checked by the core exactly as an imported brukare is. Returns the brukare's id.
#[tauri::command]
pub async fn spara_brukare(
    state: State<'_, Tillstand>,
    org: State<'_, crate::om::Organisationen>,
    sprak: String,
    handlaggare_id: String,
    id: Option<String>,
    brukare: valfri_store::NyBrukare,
    ombud: Vec<OmbudRad>,
) -> Result<String, Felsvar> {
    // Letters in a language the organisation does not offer are not promised; a brukare who
    // already has one keeps it until someone changes it.
    let nuvarande = match id.clone().filter(|i| !i.is_empty()) {
        Some(i) => state.med_store(&sprak, move |s| s.brukarens_sprak(&i)).await?,
        None => None,
    };
    org.tillat_brukarsprak(
        &state.l10n(),
        &state.sprak(&sprak),
        nuvarande.as_deref(),
        brukare.sprak.trim(),
    )?;
    let handlaggare_id = state.vem(handlaggare_id);
    let mut brukare = brukare;
    brukare.ombud = ombud
        .into_iter()
        .map(|o| {
            let typ = if o.typ.trim().is_empty() {
                Err(Valideringsfel::Saknas { falt: "ombud_typ" })
            } else {
                valfri_domain::OmbudTyp::fran_kod(&o.typ)
            };
            Ok(valfri_store::NyttOmbud {
                typ: tolkat(&state, &sprak, typ)?,
                namn: o.namn,
                adress: o.adress,
                postnummer: o.postnummer,
                postort: o.postort,
            })
        })
        .collect::<Result<_, Felsvar>>()?;
    state
        .med_store(&sprak, move |s| {
            let aktor = s.aktor(&handlaggare_id)?;
            match id.filter(|i| !i.is_empty()) {
                Some(id) => s.andra_brukare(&aktor, &id, &brukare).map(|()| id),
                None => s.ny_brukare(&aktor, &brukare),
            }
        })
        .await
}

/// Ends a beslut by hand today for `orsak`; its provider's place is freed.
#[tauri::command]
pub async fn avsluta_beslut(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
    orsak: String,
) -> Result<(), Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let orsak = tolkat(&state, &sprak, Avslutsorsak::fran_kod(&orsak))?;
    if state.hubbinloggad().is_some() {
        let kommando = Kommando::AvslutaBeslut { beslut_id, orsak, dag: idag() };
        return state.utfor(&sprak, kommando).await.map(|_| ());
    }
    state
        .med_store(&sprak, move |s| {
            s.avsluta_beslut(&s.aktor(&handlaggare_id)?, &beslut_id, orsak, idag())
        })
        .await
}

/// Registers an aktivt val, or a byte when the beslut already has a provider.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn valj(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
    utforare_id: String,
    vem_valde: String,
    informationssatt: Option<String>,
    startdatum: Option<String>,
) -> Result<Val, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let ny = tolka_val(
        &state,
        &sprak,
        beslut_id.clone(),
        utforare_id,
        &vem_valde,
        informationssatt.as_deref(),
        startdatum.as_deref(),
    )?;
    // In kommunläge the hub decides, with the same rule, and the pull brings the row.
    let hubbens = match state.hubbinloggad() {
        Some(_) => {
            let kommando =
                Kommando::Valj { val_id: ulid::Ulid::new().to_string(), val: ny.clone() };
            Some(state.utfor(&sprak, kommando).await?)
        }
        None => None,
    };
    state
        .med_store(&sprak, move |s| {
            let aktor = s.aktor(&handlaggare_id)?;
            let id = match hubbens {
                Some(id) => id,
                None => s.valj(&aktor, &ny)?,
            };
            s.valhistorik(&aktor, &beslut_id)?
                .into_iter()
                .find(|v| v.id == id)
                .ok_or(Lagringsfel::HittasInte { typ: "beslut", id })
        })
        .await
}

/// Applies the ickeval alternative; returns its explanation in words.
#[tauri::command]
pub async fn ickeval(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
    avstar: bool,
) -> Result<Vec<String>, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let orsak = if avstar { IckevalOrsak::Avstar } else { IckevalOrsak::Svarsdatum };
    if state.hubbinloggad().is_some() {
        let kommando = Kommando::Ickeval {
            val_id: ulid::Ulid::new().to_string(),
            beslut_id: beslut_id.clone(),
            dag: idag(),
            orsak,
        };
        state.utfor(&sprak, kommando).await?;
        let f = state.med_store(&sprak, move |s| s.ickevalsforklaringar(&beslut_id)).await?;
        let sprak = state.sprak(&sprak);
        return Ok(f.last().map(|f| state.l10n.ickevalsforklaring(&sprak, f)).unwrap_or_default());
    }
    let (_, f) = state
        .med_store(&sprak, move |s| {
            s.ickeval(&s.aktor(&handlaggare_id)?, &beslut_id, idag(), orsak)
        })
        .await?;
    Ok(state.l10n.ickevalsforklaring(&state.sprak(&sprak), &f))
}

#[tauri::command]
pub async fn arbetslistor(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    hela_kontoret: Option<bool>,
) -> Result<Arbetslistor, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    state
        .med_store(&sprak, move |s| {
            let aktor = s.aktor(&handlaggare_id)?;
            // The day's automatic steps (verkställt from a provider's start, ended when run
            // out) before the day's lists: the start page is shown after every unlock.
            s.uppdatera_verkstallighet(idag())?;
            // One's own beslut unless the whole office is asked for.
            s.arbetslistor_for(&aktor, idag(), !hela_kontoret.unwrap_or(false))
        })
        .await
}

#[tauri::command]
pub async fn insatser(state: State<'_, Tillstand>, sprak: String) -> Result<Vec<Insats>, Felsvar> {
    let s2 = state.sprak(&sprak);
    state.med_store(&sprak, move |s| s.insatser(&s2)).await
}

/// Today in the municipality, `YYYY-MM-DD`: the date a new beslut form fills in. The window does
/// no date arithmetic; its clock's UTC date was yesterday after midnight in Sweden.
#[tauri::command]
pub fn dagens_datum() -> String {
    idag().to_string()
}

/// Checks a beslut form as it is typed; an empty list means every field is fine.
#[tauri::command]
pub async fn kontrollera_beslut(
    state: State<'_, Tillstand>,
    sprak: String,
    brukare_id: String,
    formular: Beslutsformular,
) -> Result<Vec<FaltfelVy>, Felsvar> {
    let fel = state
        .med_store(&sprak, move |s| {
            Ok(s.tolka_beslutsformular(&brukare_id, &formular).err().unwrap_or_default())
        })
        .await?;
    Ok(Felsvar::fran_falt(&state.l10n, &state.sprak(&sprak), &fel).falt)
}

/// The form filled in from a beslut: to edit a draft or to start an omprövning.
#[tauri::command]
pub async fn beslutsformular(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
) -> Result<Beslutsformular, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    state
        .med_store(&sprak, move |s| {
            Ok(Beslutsformular::fran(&s.beslut(&s.aktor(&handlaggare_id)?, &beslut_id)?))
        })
        .await
}

/// Saves a beslut form (new draft, edited draft, or omprövning) and, with `fatta`, makes it.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn spara_beslut(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    brukare_id: String,
    beslut_id: Option<String>,
    ersatter: Option<String>,
    formular: Beslutsformular,
    fatta: bool,
) -> Result<String, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let sprak = state.sprak(&sprak);
    let l10n = Arc::clone(&state.l10n);
    // In kommunläge a new beslut made at once goes to the hub, checked there with the same
    // rules; drafts and omprövningar stay with a standalone desk for now (the replica's guards
    // refuse them with a sentence).
    if fatta && beslut_id.is_none() && ersatter.is_none() && state.hubbinloggad().is_some() {
        let (l, sp) = (Arc::clone(&l10n), sprak.clone());
        let ny = state
            .med_store(&sprak, move |s| {
                s.aktor(&handlaggare_id)?;
                Ok(s.tolka_beslutsformular(&brukare_id, &formular))
            })
            .await?
            .map_err(|fel| Felsvar::fran_falt(&l, &sp, &fel))?;
        let kommando =
            Kommando::FattaBeslut { beslut_id: ulid::Ulid::new().to_string(), beslut: ny };
        return state.utfor(&sprak, kommando).await;
    }
    let svar = state
        .med_store(&sprak, move |s| {
            let aktor = s.aktor(&handlaggare_id)?;
            Ok(s.spara_beslutsformular(
                &aktor,
                &brukare_id,
                beslut_id.as_deref(),
                ersatter.as_deref(),
                &formular,
                fatta.then(idag),
            ))
        })
        .await?;
    svar.map_err(|e| match e {
        Formularfel::Falt(fel) => Felsvar::fran_falt(&l10n, &sprak, &fel),
        Formularfel::Annat(e) => Felsvar::fran(&l10n, &sprak, &e),
    })
}

/// Makes a draft into a decision today.
#[tauri::command]
pub async fn fatta_beslut(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
) -> Result<(), Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    state
        .med_store(&sprak, move |s| s.fatta_beslut(&s.aktor(&handlaggare_id)?, &beslut_id, idag()))
        .await
}

/// The register screen: every provider now, the history of versions, and whether the
/// handläggare may change it.
#[derive(Debug, Serialize)]
pub struct Registervy {
    pub utforare: Vec<Utforare>,
    pub historik: Vec<Registerversion>,
    pub far_andra: bool,
    pub omraden: Vec<valfri_domain::Omrade>,
    /// Each provider's approvals today, in the order of its `godkannanden`: approved, paused,
    /// not yet approved or ended.
    pub lage: BTreeMap<String, Vec<valfri_domain::val::Valbarhet>>,
}

#[tauri::command]
pub async fn register(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
) -> Result<Registervy, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    state
        .med_store(&sprak, move |s| {
            let utforare = s.utforare_lista()?;
            Ok(Registervy {
                far_andra: s.aktor(&handlaggare_id)?.far_andra_register(),
                lage: utforare
                    .iter()
                    .map(|u| {
                        let g = &u.godkannanden;
                        (u.id.clone(), g.iter().map(|g| godkannandets_lage(g, idag())).collect())
                    })
                    .collect(),
                utforare,
                historik: s.registerhistorik()?,
                omraden: s.omraden()?,
            })
        })
        .await
}

/// Which brukare saving this provider would affect, without saving.
#[tauri::command]
pub async fn forhandsgranska_utforare(
    state: State<'_, Tillstand>,
    sprak: String,
    utforare: Utforare,
) -> Result<Vec<Paverkad>, Felsvar> {
    state.med_store(&sprak, move |s| s.forhandsgranska_utforare(&utforare, idag())).await
}

#[tauri::command]
pub async fn spara_utforare(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    utforare: Utforare,
    beskrivning: String,
) -> Result<Sparat, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    state
        .med_store(&sprak, move |s| {
            s.spara_utforare(&s.aktor(&handlaggare_id)?, &utforare, &beskrivning)
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_desk_in_kommunlage_opens_but_is_worked_on_only_after_the_hub_login() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.sqlite");
        valfri_store::skapa_databas(&db, &Skydd::Okrypterad, false, |s| {
            s.bli_replika("postgresql://anna@hubb.example/kommun", "anna")
        })
        .unwrap();
        let launch = Launch { db: Some(db.clone()), demo: false, passphrase_env: None };
        assert!(oppna(&launch, None, &Mutex::new(None)).unwrap().replika().unwrap().is_some());
        let t = Tillstand::new(launch, Localizer::new().unwrap());
        let fel =
            tauri::async_runtime::block_on(t.med_store("sv", Store::antal_brukare)).unwrap_err();
        assert_eq!(fel.code, Lagringsfel::KraverLosenfras.meddelande_id());
        // Nobody is logged in: the page's handläggare is taken as before, standalone.
        assert_eq!(t.vem("sidans".into()), "sidans");
        // A standalone database is worked on at once.
        let fristaende = dir.path().join("fristaende.sqlite");
        valfri_store::skapa_databas(&fristaende, &Skydd::Okrypterad, false, |_| Ok(())).unwrap();
        let launch = Launch { db: Some(fristaende), demo: false, passphrase_env: None };
        let t = Tillstand::new(launch, Localizer::new().unwrap());
        assert_eq!(tauri::async_runtime::block_on(t.med_store("sv", Store::antal_brukare)), Ok(0));
    }

    #[test]
    fn errors_reach_the_window_as_code_and_message() {
        let l = Localizer::new().unwrap();
        let fel = Felsvar::fran(&l, "sv", &Lagringsfel::BeslutFattat);
        assert_eq!(
            serde_json::to_value(&fel).unwrap(),
            serde_json::json!({
                "code": "fel-beslut-fattat",
                "message": "Beslutet är redan fattat och kan inte ändras. Gör en omprövning för att ändra det."
            })
        );
        let fel = Felsvar::fran_falt(
            &l,
            "sv",
            &[Faltfel { falt: "giltig_till", fel: Valideringsfel::DatumOrdning.into() }],
        );
        assert_eq!(
            serde_json::to_value(&fel).unwrap(),
            serde_json::json!({
                "code": "fel-formular",
                "message": "Beslutet är inte sparat. Rätta de markerade fälten.",
                "falt": [{ "falt": "giltig_till", "message": "Slutdatumet kan inte vara före startdatumet." }]
            })
        );
        let fel = Felsvar::fran(&l, "en", &Lagringsfel::Upptagen);
        assert_eq!(fel.code, "fel-db-upptagen");
        assert!(fel.message.starts_with("Another program"));
    }

    #[test]
    fn the_code_lists_are_the_domains_with_their_words_in_the_language() {
        let l = Localizer::new().unwrap();
        let koder = |lista: &[Kodord]| lista.iter().map(|o| o.kod).collect::<Vec<_>>();
        let sv = Kodlistor::pa(&l, "sv");
        assert_eq!(koder(&sv.utfall), ["bifall", "delvis", "avslag"]);
        assert_eq!(koder(&sv.vem_valde), ["brukare", "ombud", "handlaggare"]);
        assert_eq!(koder(&sv.kanal), ["brev", "samtal", "tolk"]);
        assert_eq!(sv.utfall[0].text, "Bifall");
        let en = Kodlistor::pa(&l, "en");
        for (s, e) in sv.vem_valde.iter().zip(&en.vem_valde) {
            assert!(!e.text.is_empty() && e.text != s.text && !e.text.contains('-'), "{e:?}");
        }
    }

    #[test]
    fn a_new_database_is_created_encrypted_and_a_broken_or_locked_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let losen = Losenfras::ny_nyckel("en bra lösenfras").unwrap();
        let ny = dir.path().join("ny").join("valfri.sqlite");
        let launch = |db: &std::path::Path, demo: bool| Launch {
            db: Some(db.to_path_buf()),
            demo,
            ..Launch::default()
        };
        let avbruten = Mutex::new(None);
        // Never a file by accident: opening, with a passphrase or without, creates nothing.
        for l in [None, Some(&losen)] {
            let fel = oppna(&launch(&ny, false), l, &avbruten);
            assert!(matches!(fel, Err(Lagringsfel::DatabasSaknas { .. })), "{fel:?}");
            assert!(!ny.exists());
        }
        let s = forsta_start(&launch(&ny, false), &losen).unwrap();
        assert_eq!(s.antal_brukare().unwrap(), 0);
        assert!(s.ar_krypterad());
        drop(s);
        assert!(matches!(
            forsta_start(&launch(&ny, false), &losen),
            Err(Lagringsfel::FilFinns { .. })
        ));
        // An empty file is not a first start either: it stays empty.
        let tom = dir.path().join("tom.sqlite");
        std::fs::write(&tom, b"").unwrap();
        let fel = oppna(&launch(&tom, false), Some(&losen), &avbruten);
        assert!(matches!(fel, Err(Lagringsfel::InteValfriDatabas { .. })), "{fel:?}");
        assert!(matches!(
            forsta_start(&launch(&tom, false), &losen),
            Err(Lagringsfel::FilFinns { .. })
        ));
        assert_eq!(std::fs::read(&tom).unwrap(), b"");
        let trasig = dir.path().join("trasig.sqlite");
        std::fs::write(&trasig, vec![7u8; 4096]).unwrap();
        assert!(matches!(
            oppna(&launch(&trasig, false), None, &avbruten),
            Err(Lagringsfel::KraverLosenfras)
        ));
        assert!(matches!(
            oppna(&launch(&trasig, false), Some(&losen), &avbruten),
            Err(Lagringsfel::FelLosenfras)
        ));
        let demo_fil = dir.path().join("demo.sqlite");
        assert!(matches!(
            oppna(&launch(&demo_fil, true), None, &avbruten),
            Err(Lagringsfel::KraverLosenfras)
        ));
        let demo_losen = Losenfras::ny(demo::DEMO_LOSENFRAS).unwrap();
        let s = oppna(&launch(&demo_fil, true), Some(&demo_losen), &avbruten).unwrap();
        assert!(s.antal_brukare().unwrap() >= 60);
        assert_eq!(*avbruten.lock().unwrap(), None);
    }
}

/// Who asked to wait, as the window sends it: required (nothing is preselected).
fn tolka_vem(state: &Tillstand, sprak: &str, vem: &str) -> Result<VemValde, Felsvar> {
    tolkat(
        state,
        sprak,
        if vem.trim().is_empty() {
            Err(Valideringsfel::Saknas { falt: "vem_valde" })
        } else {
            VemValde::fran_kod(vem)
        },
    )
}

/// The sentence to confirm before putting a brukare on a provider's waiting list.
#[tauri::command]
pub async fn bekrafta_ko(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
    utforare_id: String,
    vem_valde: String,
) -> Result<String, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let vem = tolka_vem(&state, &sprak, &vem_valde)?;
    let sprak2 = state.sprak(&sprak);
    let b = state
        .med_store(&sprak, move |s| {
            s.aktor(&handlaggare_id)?;
            s.bekrafta_ko(&beslut_id, &utforare_id, vem, idag(), &sprak2)
        })
        .await?;
    Ok(state.l10n.bekraftelse(&state.sprak(&sprak), &b))
}

/// Puts the brukare on the provider's waiting list (refused at a desk in kommunläge).
#[tauri::command]
pub async fn stall_i_ko(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
    utforare_id: String,
    vem_valde: String,
) -> Result<String, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let vem = tolka_vem(&state, &sprak, &vem_valde)?;
    state
        .med_store(&sprak, move |s| {
            s.stall_i_ko(&s.aktor(&handlaggare_id)?, &beslut_id, &utforare_id, vem, idag())
        })
        .await
}

/// The sentence to confirm before taking an entry off its waiting list.
#[tauri::command]
pub async fn bekrafta_ur_ko(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    id: String,
    skal: String,
) -> Result<String, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let b = state
        .med_store(&sprak, move |s| {
            s.aktor(&handlaggare_id)?;
            s.bekrafta_ur_ko(&id, &skal)
        })
        .await?;
    Ok(state.l10n.bekraftelse(&state.sprak(&sprak), &b))
}

/// Takes an entry off its waiting list, with the reason given.
#[tauri::command]
pub async fn ta_ur_ko(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    id: String,
    skal: String,
) -> Result<(), Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    state.med_store(&sprak, move |s| s.ta_ur_ko(&s.aktor(&handlaggare_id)?, &id, &skal)).await
}

/// The sentence to confirm before giving a waiting brukare the free place (a choice or byte).
#[tauri::command]
pub async fn bekrafta_ge_plats(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    id: String,
) -> Result<String, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let sprak2 = state.sprak(&sprak);
    let b = state
        .med_store(&sprak, move |s| {
            s.aktor(&handlaggare_id)?;
            s.bekrafta_ge_plats(&id, &sprak2)
        })
        .await?;
    Ok(state.l10n.bekraftelse(&state.sprak(&sprak), &b))
}

/// Gives the waiting brukare the free place: registers the choice.
#[tauri::command]
pub async fn ge_plats(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    id: String,
) -> Result<String, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    state.med_store(&sprak, move |s| s.ge_plats(&s.aktor(&handlaggare_id)?, &id)).await
}

/// The sentence to confirm before setting a beslut verkställt by hand from `datum` (read by
/// the core; empty is refused as missing).
#[tauri::command]
pub async fn bekrafta_verkstall(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
    datum: String,
) -> Result<String, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let dag = tolkat(&state, &sprak, tolka_datum("datum", &datum))?;
    let sprak2 = state.sprak(&sprak);
    let b = state
        .med_store(&sprak, move |s| {
            s.bekrafta_verkstall(&s.aktor(&handlaggare_id)?, &beslut_id, dag, &sprak2)
        })
        .await?;
    Ok(state.l10n.bekraftelse(&state.sprak(&sprak), &b))
}

/// Sets a beslut verkställt by hand from `datum`.
#[tauri::command]
pub async fn verkstall_beslut(
    state: State<'_, Tillstand>,
    sprak: String,
    handlaggare_id: String,
    beslut_id: String,
    datum: String,
) -> Result<(), Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let dag = tolkat(&state, &sprak, tolka_datum("datum", &datum))?;
    state
        .med_store(&sprak, move |s| {
            s.verkstall_for_hand(&s.aktor(&handlaggare_id)?, &beslut_id, dag)
        })
        .await
}
