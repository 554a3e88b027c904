//! Kommunläge in the window. A desk's database that is a replica of the municipality's hub opens
//! with its passphrase as any other; then the person logs in to the hub with their own password,
//! and the hub — not the page — says who they are. A follower thread keeps the replica in step
//! (push the outbox, pull, wait for the hub's NOTIFY) and tells the window; the acts that change
//! shared rows go into the outbox and wait for the hub's answer. The work is in valfri-synk; here
//! are the thread, the events and the words.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::Serialize;
use tauri::{Emitter as _, State};
use valfri_domain::Anvandarmeddelande as _;
use valfri_domain::kommando::{Kommando, Kommandosvar};
use valfri_domain::{Arg, Roll};
use valfri_hub::Hubb;
use valfri_l10n::Localizer;
use valfri_store::{Lagringsfel, Store, Utkorgsstatus};
use valfri_synk::SynkFel;

use crate::commands::{Felsvar, Tillstand};
use crate::lock::Lockstatus;

/// How long an act waits for the hub's answer before it is left preliminary in the outbox.
const SVARSTID: Duration = Duration::from_secs(15);
/// How often a desk without a connection tries the hub again.
const NYTT_FORSOK: Duration = Duration::from_secs(5);
/// The longest the follower sleeps between syncs when no NOTIFY comes (a lost NOTIFY, a hub
/// that restarted).
const VILA: Duration = Duration::from_secs(30);

/// Who is logged in, as the hub said at the login (or, working offline, as it said last time).
#[derive(Debug, Clone, Serialize)]
pub struct Inloggad {
    pub handlaggare_id: String,
    pub namn: String,
    pub login: String,
    pub systemforvaltare: bool,
}

/// The connection as the window shows it.
#[derive(Debug, Clone)]
enum Forbindelse {
    Ansluten,
    /// Not connected since (local time), and why, as a Fluent message and its arguments.
    Offline {
        sedan: chrono::DateTime<chrono::Local>,
        orsak: Kommandosvar,
    },
}

/// What the follower and the acts share.
#[derive(Debug)]
struct Delat {
    stopp: AtomicBool,
    puff: AtomicBool,
    /// Sync rounds started and finished, so an act knows when a round that began after it was
    /// put in the outbox has ended.
    rundor: Mutex<(u64, u64)>,
    rundor_klara: Condvar,
    forbindelse: Mutex<Forbindelse>,
}

/// Kommunläge while logged in: kept in [`Tillstand`] until the window locks.
#[derive(Debug)]
pub struct Kommunlage {
    pub inloggad: Inloggad,
    delat: Arc<Delat>,
    trad: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Kommunlage {
    fn drop(&mut self) {
        self.delat.stopp.store(true, Ordering::SeqCst);
        // The follower looks at `stopp` at least every 200 ms; a connection attempt in progress
        // may take its timeout, so the window does not wait for it.
        drop(self.trad.take());
    }
}

fn utan_gift<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Kommunlage {
    /// Starts following the hub with a connection of its own to the desk's file.
    fn starta(
        store: Store,
        hubb: Option<Hubb>,
        url: String,
        losen: String,
        inloggad: Inloggad,
        signal: Box<dyn Fn(&'static str) + Send>,
    ) -> Kommunlage {
        let forbindelse = if hubb.is_some() {
            Forbindelse::Ansluten
        } else {
            Forbindelse::Offline {
                sedan: chrono::Local::now(),
                orsak: Kommandosvar::nekat(&SynkFel::IngenHubb),
            }
        };
        let delat = Arc::new(Delat {
            stopp: AtomicBool::new(false),
            puff: AtomicBool::new(false),
            rundor: Mutex::new((0, 0)),
            rundor_klara: Condvar::new(),
            forbindelse: Mutex::new(forbindelse),
        });
        let login = inloggad.login.clone();
        let d = Arc::clone(&delat);
        let trad = std::thread::Builder::new()
            .name("valfri-synk".into())
            .spawn(move || folj(&store, hubb, &url, &login, &losen, &d, &*signal))
            .ok();
        Kommunlage { inloggad, delat, trad }
    }
}

impl Delat {
    /// Asks the follower to sync now and waits until a round that began after this call has
    /// ended (or [`SVARSTID`]).
    fn synka_nu(&self) {
        let fore = utan_gift(&self.rundor).0;
        self.puff.store(true, Ordering::SeqCst);
        let slut = Instant::now() + SVARSTID;
        let mut rundor = utan_gift(&self.rundor);
        while rundor.1 <= fore {
            let kvar = slut.saturating_duration_since(Instant::now());
            if kvar.is_zero() {
                return;
            }
            rundor = self
                .rundor_klara
                .wait_timeout(rundor, kvar)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }
}

fn offline(orsak: &impl valfri_domain::Anvandarmeddelande) -> Forbindelse {
    Forbindelse::Offline { sedan: chrono::Local::now(), orsak: Kommandosvar::nekat(orsak) }
}

/// The follower: connect (again) when needed, sync, tell the window, wait for the hub's NOTIFY
/// or a nudge, until stopped.
fn folj(
    store: &Store,
    mut hubb: Option<Hubb>,
    url: &str,
    login: &str,
    losen: &str,
    delat: &Delat,
    signal: &dyn Fn(&'static str),
) {
    let satt = |ny: Forbindelse| {
        let mut f = utan_gift(&delat.forbindelse);
        let byte = !matches!((&*f, &ny), (Forbindelse::Ansluten, Forbindelse::Ansluten))
            && !matches!((&*f, &ny), (Forbindelse::Offline { .. }, Forbindelse::Offline { .. }));
        // Offline keeps the moment the connection went.
        if byte {
            *f = ny;
        }
        byte
    };
    while !delat.stopp.load(Ordering::SeqCst) {
        {
            let mut r = utan_gift(&delat.rundor);
            r.0 += 1;
        }
        delat.puff.store(false, Ordering::SeqCst);
        if hubb.is_none() {
            match Hubb::oppna_som(url, Some(login), Some(losen)).and_then(|(mut h, _)| {
                h.lyssna()?;
                Ok(h)
            }) {
                Ok(h) => hubb = Some(h),
                Err(e) => {
                    if satt(offline(&e)) {
                        signal("kommun-status");
                    }
                }
            }
        }
        if let Some(h) = hubb.as_mut() {
            // The bar says "synkar (n av m)" while a long outbox goes out (at most ~7 a second).
            let mut senast: Option<Instant> = None;
            let mut framsteg = |klara: usize, av: usize| {
                if klara == 0
                    || klara == av
                    || senast.is_none_or(|t| t.elapsed() > Duration::from_millis(150))
                {
                    senast = Some(Instant::now());
                    signal("kommun-status");
                }
            };
            match valfri_synk::synka_med(store, h, &mut framsteg) {
                Ok(s) => {
                    if satt(Forbindelse::Ansluten) {
                        signal("kommun-status");
                    }
                    if s.tillampade + s.nekade + s.hamtade > 0 {
                        signal("kommun-andrat");
                    }
                }
                Err(e) => {
                    if e.ar_forbindelseproblem() {
                        hubb = None;
                    }
                    if satt(offline(&e)) {
                        signal("kommun-status");
                    }
                }
            }
        }
        {
            let mut r = utan_gift(&delat.rundor);
            r.1 = r.0;
            delat.rundor_klara.notify_all();
        }
        let frist = Instant::now() + if hubb.is_some() { VILA } else { NYTT_FORSOK };
        while !delat.stopp.load(Ordering::SeqCst)
            && !delat.puff.load(Ordering::SeqCst)
            && Instant::now() < frist
        {
            match hubb.as_mut() {
                Some(h) => match h.vanta_pa_andring(Duration::from_millis(200)) {
                    Ok(true) => break,
                    Ok(false) => {}
                    Err(_) => {
                        hubb = None;
                        break;
                    }
                },
                None => std::thread::sleep(Duration::from_millis(200)),
            }
        }
    }
}

/// The desk's state in words, for the bar at the top of the window.
#[derive(Debug, Serialize)]
pub struct Kommunstatus {
    pub inloggad: Inloggad,
    pub ansluten: bool,
    /// "Ansluten till kommunens register" or "Offline sedan 08:12: …".
    pub text: String,
    /// Commands waiting for the hub (preliminary: done here, not yet confirmed).
    pub vantande: usize,
    /// "Synkar (3 av 10)" while the outbox is being pushed.
    pub synkar: Option<String>,
    /// Commands the hub refused, newest first, each with what to do about it.
    pub konflikter: Vec<Konflikt>,
    /// A warning when this computer's clock is far from the hub's.
    pub klocka: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Konflikt {
    pub beslut_id: String,
    pub registrerad_lokalt: String,
    pub text: String,
    pub atgard: Option<String>,
}

/// The hub's stored answer as a sentence.
fn svarstext(l: &Localizer, sprak: &str, svar: &Kommandosvar) -> String {
    match svar {
        Kommandosvar::Tillampat { .. } => String::new(),
        Kommandosvar::Nekat { meddelande, argument } => {
            let args: Vec<(&str, Arg)> =
                argument.iter().map(|(k, v)| (k.as_str(), Arg::Text(v.clone()))).collect();
            l.text(sprak, meddelande, &args)
        }
    }
}

fn status_av(
    k: &Kommunlage,
    s: &Store,
    l: &Localizer,
    sprak: &str,
) -> Result<Kommunstatus, Lagringsfel> {
    let forbindelse = utan_gift(&k.delat.forbindelse).clone();
    let (ansluten, text) = match &forbindelse {
        Forbindelse::Ansluten => (true, l.t(sprak, "ui-kommun-ansluten")),
        Forbindelse::Offline { sedan, orsak } => (
            false,
            l.text(
                sprak,
                "ui-kommun-offline",
                &[
                    ("tid", sedan.format("%H:%M").to_string().into()),
                    ("orsak", svarstext(l, sprak, orsak).into()),
                ],
            ),
        ),
    };
    let atgarder = l.alla_med_prefix(sprak, "synk-atgard-");
    let mut konflikter: Vec<Konflikt> = s
        .utkorg(false)?
        .into_iter()
        .filter(|r| r.status == Utkorgsstatus::Nekad)
        .map(|r| {
            let atgard = match &r.svar {
                Some(Kommandosvar::Nekat { meddelande, .. }) => {
                    atgarder.get(&format!("synk-atgard-{meddelande}")).cloned()
                }
                _ => None,
            };
            Konflikt {
                beslut_id: r.kommando.beslut_id().to_owned(),
                registrerad_lokalt: r.registrerad_lokalt.clone(),
                text: r.svar.as_ref().map(|v| svarstext(l, sprak, v)).unwrap_or_default(),
                atgard,
            }
        })
        .collect();
    konflikter.reverse();
    let replika = s.replika()?;
    let synkar = replika
        .as_ref()
        .and_then(|r| valfri_synk::pagaende_synk(r, chrono::Utc::now()))
        .map(|(klara, av)| {
            l.text(sprak, "ui-kommun-synkar", &[("klara", klara.into()), ("av", av.into())])
        });
    let klocka = replika.filter(|r| r.klockskillnad.abs() > valfri_synk::KLOCKTOLERANS).map(|r| {
        l.text(sprak, "synk-status-klocka", &[("minuter", (r.klockskillnad / 60).into())])
    });
    Ok(Kommunstatus {
        inloggad: k.inloggad.clone(),
        ansluten,
        text,
        vantande: s.utkorg(true)?.len(),
        synkar,
        konflikter,
        klocka,
    })
}

/// What this desk did for a brukare that waits for the hub: shown on the brukare's page,
/// marked preliminary, until the hub confirms it (or refuses it: then it is a konflikt in the
/// bar). `beslut` are the brukare's beslut in the replica; a beslut made here offline is found
/// by its brukare.
pub(crate) fn preliminara(
    s: &Store,
    l: &Localizer,
    sprak: &str,
    brukare_id: &str,
    beslut: &[valfri_domain::Beslut],
) -> Result<Vec<String>, Lagringsfel> {
    let mut ut = Vec::new();
    for rad in s.utkorg(true)? {
        let tid = chrono::DateTime::parse_from_rfc3339(&rad.registrerad_lokalt).map_or_else(
            |_| rad.registrerad_lokalt.clone(),
            |t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string(),
        );
        let b = beslut.iter().find(|b| b.id == rad.kommando.beslut_id());
        let om = |b: &valfri_domain::Beslut| -> Vec<(&'static str, Arg)> {
            vec![
                ("insats", b.insats_namn.clone().into()),
                ("diarienummer", b.diarienummer.clone().into()),
                ("tid", tid.clone().into()),
            ]
        };
        let text = match (&rad.kommando, b) {
            (Kommando::Valj { val, .. }, Some(b)) => {
                let namn = s.utforare(&val.utforare_id).map(|u| u.namn)?;
                let mut args = om(b);
                args.push(("utforare", namn.into()));
                l.text(sprak, "ui-preliminar-valj", &args)
            }
            (Kommando::Ickeval { .. }, Some(b)) => l.text(sprak, "ui-preliminar-ickeval", &om(b)),
            (Kommando::Information { skickad, .. }, Some(b)) => {
                let mut args = om(b);
                args.push(("datum", skickad.to_string().into()));
                l.text(sprak, "ui-preliminar-information", &args)
            }
            (Kommando::FattaBeslut { beslut: ny, .. }, _) if ny.brukare_id == brukare_id => {
                let insats = s.insats(&ny.insats_kod, sprak).map(|i| i.namn)?;
                l.text(
                    sprak,
                    "ui-preliminar-fatta-beslut",
                    &[
                        ("insats", insats.into()),
                        ("datum", ny.giltig_fran.to_string().into()),
                        ("tid", tid.into()),
                    ],
                )
            }
            _ => continue,
        };
        ut.push(text);
    }
    Ok(ut)
}

impl Inloggad {
    /// The person a key slot unlocked (standalone).
    pub(crate) fn fran_person(p: &valfri_store::Person) -> Self {
        Inloggad {
            handlaggare_id: p.handlaggare_id.clone(),
            namn: p.namn.clone(),
            login: p.anvandare.clone(),
            systemforvaltare: p.roll == Roll::Systemforvaltare,
        }
    }
}

impl Tillstand {
    /// Who is logged in to the hub, when this desk is in kommunläge and someone is.
    pub(crate) fn hubbinloggad(&self) -> Option<Inloggad> {
        utan_gift(&self.kommun()).as_ref().map(|k| k.inloggad.clone())
    }

    /// Who works, as a login said: the hub's in kommunläge, else a key slot's.
    pub(crate) fn inloggad(&self) -> Option<Inloggad> {
        self.hubbinloggad().or_else(|| self.person())
    }

    /// Does `kommando` at this desk: into the outbox, pushed by the follower at once, and the
    /// hub's answer. `Ok(id)` is the row the hub made; a refusal is the hub's sentence; no
    /// answer yet (offline) is the sentence `synk-vantar` with code `synk-vantar`: the act is
    /// kept and shown as preliminary.
    pub(crate) async fn utfor(&self, sprak: &str, kommando: Kommando) -> Result<String, Felsvar> {
        let (jag, l10n, sprak) = (self.clone(), self.l10n(), self.sprak(sprak));
        let felsprak = sprak.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let fel = |e: &dyn valfri_domain::Anvandarmeddelande| Felsvar::fran(&l10n, &sprak, e);
            let ulid = {
                let plats = jag.store();
                let vakt = utan_gift(&plats);
                let s = vakt.as_ref().ok_or_else(|| fel(&Lagringsfel::KraverLosenfras))?;
                s.lagg_i_utkorg(&kommando).map_err(|e| fel(&e))?
            };
            // Waited for without holding the lock, so the window's other calls go on.
            let delat = utan_gift(&jag.kommun()).as_ref().map(|k| Arc::clone(&k.delat));
            delat.ok_or_else(|| fel(&SynkFel::IngenHubb))?.synka_nu();
            let plats = jag.store();
            let vakt = utan_gift(&plats);
            let s = vakt.as_ref().ok_or_else(|| fel(&Lagringsfel::KraverLosenfras))?;
            let rad = s.utkorgsrad(&ulid).map_err(|e| fel(&e))?;
            match (rad.status, rad.svar) {
                (Utkorgsstatus::Tillampad, Some(Kommandosvar::Tillampat { id })) => Ok(id),
                (Utkorgsstatus::Nekad, Some(svar)) => Err(Felsvar {
                    code: "synk-nekad".into(),
                    message: l10n.text(
                        &sprak,
                        "synk-nekad",
                        &[("text", svarstext(&l10n, &sprak, &svar).into())],
                    ),
                    falt: Vec::new(),
                }),
                _ => Err(Felsvar {
                    code: "synk-vantar".into(),
                    message: l10n.t(&sprak, "ui-kommun-preliminar"),
                    falt: Vec::new(),
                }),
            }
        })
        .await
        .unwrap_or_else(|_| Err(Felsvar::okant(&self.l10n(), &felsprak)))
    }
}

/// Logs in to the hub as the desk's login with `losenord` (typed by the person; kept in memory
/// only, for reconnecting, and dropped at lock). With `offline` and the hub out of reach, the
/// desk works on its replica as the person the hub named at the last login, and the follower
/// keeps trying. A wrong password or an unknown login never gets in.
#[tauri::command]
pub async fn logga_in_hubb<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, Tillstand>,
    org: State<'_, crate::om::Organisationen>,
    sprak: String,
    losenord: String,
    offline: bool,
) -> Result<Lockstatus, Felsvar> {
    let (t, l10n, sprak) = (state.inner().clone(), state.l10n(), state.sprak(&sprak));
    let felsprak = sprak.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let fel = |e: &dyn valfri_domain::Anvandarmeddelande| Felsvar::fran(&l10n, &sprak, e);
        let plats = t.store();
        let vakt = utan_gift(&plats);
        let s = vakt.as_ref().ok_or_else(|| fel(&Lagringsfel::KraverLosenfras))?;
        let replika =
            s.replika().map_err(|e| fel(&e))?.ok_or_else(|| fel(&SynkFel::InteReplika))?;
        let forsok = Hubb::oppna_som(&replika.hubb, Some(&replika.anvandare), Some(&losenord))
            .and_then(|(mut h, _)| {
                let jag = h.jag()?;
                h.lyssna()?;
                Ok((h, jag))
            });
        let (hubb, inloggad) = match forsok {
            Ok((h, jag)) => {
                if jag.login != replika.anvandare {
                    return Err(fel(&SynkFel::AnnanHubb {
                        hubb: replika.hubb.clone(),
                        anvandare: replika.anvandare.clone(),
                    }));
                }
                s.satt_inloggad(&jag.handlaggare_id).map_err(|e| fel(&e))?;
                let inloggad = Inloggad {
                    handlaggare_id: jag.handlaggare_id,
                    namn: jag.namn,
                    login: jag.login,
                    systemforvaltare: jag.roll == Roll::Systemforvaltare,
                };
                (Some(h), inloggad)
            }
            Err(e) if offline && e.ar_forbindelseproblem() => {
                // Only someone the hub has let in at this desk before can work offline, as
                // the person it said they were.
                let Some(id) = replika.handlaggare_id.clone() else { return Err(fel(&e)) };
                let h =
                    s.handlaggare_lista().map_err(|e| fel(&e))?.into_iter().find(|h| h.id == id);
                let h =
                    h.ok_or_else(|| fel(&Lagringsfel::HittasInte { typ: "handlaggare", id }))?;
                let inloggad = Inloggad {
                    handlaggare_id: h.id,
                    namn: h.namn,
                    login: replika.anvandare.clone(),
                    systemforvaltare: h.roll == Roll::Systemforvaltare,
                };
                (None, inloggad)
            }
            Err(e) => {
                return Err(Felsvar {
                    // The window offers working offline only when the hub could not be reached.
                    code: if e.ar_forbindelseproblem() {
                        "hubb-offline".into()
                    } else {
                        e.meddelande_id().into()
                    },
                    ..fel(&e)
                });
            }
        };
        let foljare = s.ny_anslutning().map_err(|e| fel(&e))?;
        let signal = Box::new(move |namn: &'static str| {
            let _ = app.emit(namn, ());
        });
        let k = Kommunlage::starta(foljare, hubb, replika.hubb, losenord, inloggad, signal);
        *utan_gift(&t.kommun()) = Some(k);
        t.lockstatus(Some(s), &sprak).map_err(|e| fel(&e))
    })
    .await
    .unwrap_or_else(|_| Err(Felsvar::okant(&state.l10n(), &felsprak)))
    .map(|status| org.satt_las(status))
}

/// The bar at the top: who, connected or since when offline, what waits, what was refused.
#[tauri::command]
pub async fn kommun_status(
    state: State<'_, Tillstand>,
    sprak: String,
) -> Result<Option<Kommunstatus>, Felsvar> {
    let (t, l10n, sprak2) = (state.inner().clone(), state.l10n(), state.sprak(&sprak));
    state
        .med_store(&sprak, move |s| {
            let kommun = t.kommun();
            let vakt = utan_gift(&kommun);
            vakt.as_ref().map(|k| status_av(k, s, &l10n, &sprak2)).transpose()
        })
        .await
}
