//! The lock: unlocking with the passphrase, locking on request or when idle, the first start
//! (choosing a passphrase), encrypting an old plaintext database, changing the passphrase, and
//! putting the newest automatic backup in place of a damaged file. The window's lock screen
//! (`ui/lock.js`) calls these; everything about keys and files is in `valfri-store`.

use std::path::Path;
use std::sync::PoisonError;

use serde::Serialize;
use tauri::State;
use valfri_store::{
    Filtyp, Lagringsfel, Losenfras, Sakerhetsinstallningar, Store, behover_daglig_kopia, demo,
    sakerhetskopiemapp, sakerhetskopior,
};

use crate::commands::{Felsvar, Tillstand, databas, forsta_start, oppna};
use crate::om::Organisationen;
use valfri_config::Installning;

/// Where the lock stands, for the window to choose its screen.
#[derive(Debug, Clone, Serialize)]
pub struct Lockstatus {
    /// `oppen` (working), `last` (encrypted, needs the passphrase), `ny` (no database yet:
    /// choose a passphrase) or `skadad` (the file does not open: offer the newest backup).
    pub lage: &'static str,
    /// Whether the open database is encrypted; `false` shows the offer to encrypt it.
    pub krypterad: bool,
    /// Minutes without input before the window locks itself.
    pub las_efter_minuter: u32,
    /// When the newest automatic backup was made (`YYYY-MM-DD HH:MM`), if there is one.
    pub sakerhetskopia: Option<String>,
    /// In demo mode only: the demo's public passphrase, shown on the lock screen.
    pub demo_losenfras: Option<&'static str>,
    /// What the start did about an `encrypt` that was interrupted, as a sentence, once.
    pub meddelande: Option<String>,
    /// A desk in kommunläge (`lage` is `hubb` until the hub login): the hub and the login.
    pub kommun: Option<Kommunlogin>,
    /// The file has key slots: each person unlocks with their own login and passphrase.
    pub personlig: bool,
    /// In demo mode with key slots: the demo's logins, each with its person's name.
    pub demo_inloggningar: Vec<DemoInloggning>,
    /// Who works, as a login said (the hub's in kommunläge, the key slot's standalone); `None`
    /// on a database with one shared passphrase, where the page's choice still applies.
    pub inloggad: Option<crate::kommun::Inloggad>,
}

/// A demo login shown on the lock screen.
#[derive(Debug, Clone, Serialize)]
pub struct DemoInloggning {
    pub anvandare: &'static str,
    pub namn: &'static str,
}

/// What the lock screen shows at a desk in kommunläge.
#[derive(Debug, Clone, Serialize)]
pub struct Kommunlogin {
    pub hubb: String,
    pub anvandare: String,
    /// In demo mode only: the demo logins' public password.
    pub demo_losenord: Option<&'static str>,
    /// Who is logged in, once someone is.
    pub inloggad: Option<crate::kommun::Inloggad>,
}

impl Tillstand {
    /// Where the lock stands with `store` open (or not).
    pub(crate) fn lockstatus(
        &self,
        store: Option<&Store>,
        sprak: &str,
    ) -> Result<Lockstatus, Lagringsfel> {
        self.status(store, sprak)
    }

    fn status(&self, store: Option<&Store>, sprak: &str) -> Result<Lockstatus, Lagringsfel> {
        self.status_med(store, false, sprak)
    }

    fn status_med(
        &self,
        store: Option<&Store>,
        skadad: bool,
        sprak: &str,
    ) -> Result<Lockstatus, Lagringsfel> {
        let db = databas(self.launch())?;
        let replika = store.map(Store::replika).transpose()?.flatten();
        let inloggad = self.hubbinloggad();
        let personlig = valfri_store::har_personliga_nycklar(&db)?;
        let lage = match (store, valfri_store::filtyp(&db)?) {
            (Some(_), _) if replika.is_some() && inloggad.is_none() => "hubb",
            (Some(_), _) => "oppen",
            (None, _) if skadad => "skadad",
            (None, Filtyp::Saknas) if !self.launch().demo => "ny",
            (None, Filtyp::InteDatabas) => "skadad",
            _ => "locked",
        };
        let meddelande = self
            .avbruten()
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
            .map(|a| self.l10n().meddelande(sprak, &a));
        Ok(Lockstatus {
            lage,
            krypterad: store.is_some_and(Store::ar_krypterad),
            las_efter_minuter: store
                .map(Store::sakerhet)
                .transpose()?
                .unwrap_or_default()
                .las_efter_minuter,
            sakerhetskopia: sakerhetskopior(&sakerhetskopiemapp(&db))
                .first()
                .map(|k| k.tid.format("%Y-%m-%d %H:%M").to_string()),
            demo_losenfras: self.launch().demo.then_some(demo::DEMO_LOSENFRAS),
            meddelande,
            kommun: replika.map(|r| Kommunlogin {
                hubb: r.hubb,
                anvandare: r.anvandare,
                demo_losenord: self
                    .launch()
                    .demo
                    .then_some(valfri_synk::kommundemo::DEMO_HUBBLOSEN),
                inloggad,
            }),
            personlig,
            demo_inloggningar: if self.launch().demo && personlig {
                demo::DEMO_INLOGGNINGAR
                    .iter()
                    .map(|(anvandare, namn)| DemoInloggning { anvandare, namn })
                    .collect()
            } else {
                Vec::new()
            },
            inloggad: self.inloggad(),
        })
    }

    /// Runs `f` with the store slot itself (open or not) on a blocking thread.
    async fn med_lock<T: Send + 'static>(
        &self,
        sprak: &str,
        f: impl FnOnce(&Tillstand, &mut Option<Store>, &str) -> Result<T, Lagringsfel> + Send + 'static,
    ) -> Result<T, Felsvar> {
        let (jag, sprak) = (self.clone(), self.sprak(sprak));
        let l10n = self.l10n();
        let felsprak = sprak.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let plats = jag.store();
            let mut vakt = plats.lock().unwrap_or_else(PoisonError::into_inner);
            f(&jag, &mut vakt, &sprak).map_err(|e| Felsvar::fran(&l10n, &sprak, &e))
        })
        .await
        .unwrap_or_else(|_| Err(Felsvar::okant(&self.l10n(), &felsprak)))
    }
}

/// After a successful unlock: check the file quickly and make the day's backup if it is due.
fn efter_unlock(store: &Store, db: &Path) -> Result<(), Lagringsfel> {
    store.snabbkontroll()?;
    let mapp = sakerhetskopiemapp(db);
    if behover_daglig_kopia(&mapp) {
        store.automatisk_sakerhetskopia(&mapp)?;
    }
    Ok(())
}

#[tauri::command]
pub async fn lock_status(
    state: State<'_, Tillstand>,
    org: State<'_, Organisationen>,
    sprak: String,
) -> Result<Lockstatus, Felsvar> {
    // A broken organisation file stops the app here, before any database is opened.
    org.giltig(&state.l10n(), &sprak)?;
    let status = state
        .med_lock(&sprak, |t, store, sprak| {
            if store.is_none() {
                // A plaintext database (or one unlocked by `--passphrase-env`) opens without asking.
                let forsta = t.ta_forsta_losen();
                match oppna(t.launch(), forsta.as_ref(), t.avbruten())
                    .and_then(|s| efter_unlock(&s, &databas(t.launch())?).map(|()| s))
                {
                    Ok(s) => *store = Some(s),
                    // Locked, or the first start: the lock screen asks.
                    Err(
                        Lagringsfel::KraverLosenfras
                        | Lagringsfel::KraverInloggning
                        | Lagringsfel::DatabasSaknas { .. },
                    ) => {}
                    Err(Lagringsfel::Korrupt | Lagringsfel::InteValfriDatabas { .. }) => {
                        return t.status_med(None, true, sprak);
                    }
                    Err(e) => return Err(e),
                }
            }
            t.status(store.as_ref(), sprak)
        })
        .await?;
    let status = mot_organisationen(&state, &org, &sprak, status).await?;
    Ok(org.satt_las(status))
}

#[tauri::command]
pub async fn unlock(
    state: State<'_, Tillstand>,
    org: State<'_, Organisationen>,
    sprak: String,
    losenfras: String,
    anvandare: Option<String>,
) -> Result<Lockstatus, Felsvar> {
    org.giltig(&state.l10n(), &sprak)?;
    let status = state
        .med_lock(&sprak, move |t, store, sprak| {
            let losen = Losenfras::ny(losenfras)?;
            let db = databas(t.launch())?;
            // With key slots the login says who works; the page never does.
            let s = if valfri_store::har_personliga_nycklar(&db)? {
                let anvandare = anvandare.unwrap_or_default();
                let (s, person) = valfri_store::oppna_som(&db, anvandare.trim(), &losen)?;
                t.satt_person(Some(crate::kommun::Inloggad::fran_person(&person)));
                s
            } else {
                oppna(t.launch(), Some(&losen), t.avbruten())?
            };
            efter_unlock(&s, &db)?;
            *store = Some(s);
            t.status(store.as_ref(), sprak)
        })
        .await?;
    let status = mot_organisationen(&state, &org, &sprak, status).await?;
    Ok(org.satt_las(status))
}

/// The open database against the organisation's file: a database of another municipality
/// than the file names is closed again and refused with a sentence naming both (nothing of it
/// is shown); otherwise what the file sets for the municipality (name, languages) is written
/// into its settings where it differs, so a new database gets the municipality's name.
pub(crate) async fn mot_organisationen(
    state: &Tillstand,
    org: &Organisationen,
    sprak: &str,
    status: Lockstatus,
) -> Result<Lockstatus, Felsvar> {
    let Some(o) = org.org().cloned() else { return Ok(status) };
    let (l, sp) = (state.l10n(), state.sprak(sprak));
    let fel = state
        .med_lock(sprak, move |t, store, _| {
            let Some(s) = store.as_ref() else { return Ok(None) };
            if let Err(e) = o.kontrollera_kommun(&s.kommun()?.namn) {
                *store = None;
                drop(t.kommun().lock().unwrap_or_else(PoisonError::into_inner).take());
                t.satt_person(None);
                return Ok(Some(e));
            }
            s.tillamp_organisationen(
                o.kommun.as_ref().map(|k| k.namn.as_str()),
                o.sprak.as_deref(),
            )?;
            Ok(None)
        })
        .await?;
    match fel {
        Some(e) => Err(Felsvar::fran(&l, &sp, &e)),
        None => Ok(status),
    }
}

/// Locks: the store (and with it the key) is dropped; nothing can be read until the passphrase
/// is typed again.
#[tauri::command]
pub async fn lock(
    state: State<'_, Tillstand>,
    org: State<'_, Organisationen>,
    sprak: String,
) -> Result<Lockstatus, Felsvar> {
    let status = state
        .med_lock(&sprak, |t, store, sprak| {
            // Kommunläge ends first: the follower stops and the hub password is forgotten,
            // so even a plaintext desk asks for the login again.
            drop(t.kommun().lock().unwrap_or_else(PoisonError::into_inner).take());
            t.satt_person(None);
            if store.as_ref().is_some_and(Store::ar_krypterad) {
                *store = None;
            }
            t.status(store.as_ref(), sprak)
        })
        .await?;
    // The idle lock stays the organisation's whatever the window does next.
    Ok(org.satt_las(status))
}

/// First start: a new, empty database encrypted with the chosen passphrase.
#[tauri::command]
pub async fn skapa_databas(
    state: State<'_, Tillstand>,
    org: State<'_, Organisationen>,
    sprak: String,
    losenfras: String,
    upprepad: String,
) -> Result<Lockstatus, Felsvar> {
    org.giltig(&state.l10n(), &sprak)?;
    let status = state
        .med_lock(&sprak, move |t, store, sprak| {
            let losen = Losenfras::ny_nyckel_upprepad(losenfras, &upprepad)?;
            *store = Some(forsta_start(t.launch(), &losen)?);
            t.status(store.as_ref(), sprak)
        })
        .await?;
    let status = mot_organisationen(&state, &org, &sprak, status).await?;
    Ok(org.satt_las(status))
}

/// Encrypts the open plaintext database (systemförvaltare only); the window is unlocked with
/// the new passphrase afterwards.
#[tauri::command]
pub async fn kryptera_databas(
    state: State<'_, Tillstand>,
    org: State<'_, Organisationen>,
    sprak: String,
    handlaggare_id: String,
    losenfras: String,
    upprepad: String,
) -> Result<Lockstatus, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let status = state
        .med_lock(&sprak, move |t, store, sprak| {
            let oppen = store.as_ref().ok_or(Lagringsfel::KraverLosenfras)?;
            let aktor = oppen.aktor(&handlaggare_id)?;
            let losen = Losenfras::ny_nyckel_upprepad(losenfras, &upprepad)?;
            let db = databas(t.launch())?;
            // The conversion needs the file to itself.
            *store = None;
            let s = match valfri_store::kryptera(&db, &losen, |_| Ok(aktor)) {
                Ok(()) => Store::oppna(&db, Some(&losen))?,
                Err(e) => {
                    *store = Some(Store::oppna(&db, None)?);
                    return Err(e);
                }
            };
            *store = Some(s);
            t.status(store.as_ref(), sprak)
        })
        .await?;
    Ok(org.satt_las(status))
}

#[tauri::command]
pub async fn byt_losenfras(
    state: State<'_, Tillstand>,
    org: State<'_, Organisationen>,
    sprak: String,
    handlaggare_id: String,
    gammal: String,
    losenfras: String,
    upprepad: String,
) -> Result<Lockstatus, Felsvar> {
    let handlaggare_id = state.vem(handlaggare_id);
    let status = state
        .med_lock(&sprak, move |t, store, sprak| {
            let oppen = store.as_mut().ok_or(Lagringsfel::KraverLosenfras)?;
            let aktor = oppen.aktor(&handlaggare_id)?;
            let ny = Losenfras::ny_nyckel_upprepad(losenfras, &upprepad)?;
            oppen.byt_losenfras(&aktor, &Losenfras::ny(gammal)?, &ny)?;
            t.status(store.as_ref(), sprak)
        })
        .await?;
    Ok(org.satt_las(status))
}

/// Puts the newest automatic backup in place of a database that does not open; the damaged
/// file is kept aside. Needs the backup's passphrase.
#[tauri::command]
pub async fn aterstall_sakerhetskopia(
    state: State<'_, Tillstand>,
    org: State<'_, Organisationen>,
    sprak: String,
    losenfras: String,
) -> Result<Lockstatus, Felsvar> {
    let status = state
        .med_lock(&sprak, move |t, store, sprak| {
            let db = databas(t.launch())?;
            // An empty field is no passphrase: a plaintext backup needs none.
            let losen = Losenfras::ny(losenfras).ok();
            *store = None;
            *store = Some(valfri_store::aterstall_senaste(&db, losen.as_ref())?);
            t.status(store.as_ref(), sprak)
        })
        .await?;
    Ok(org.satt_las(status))
}

/// On close: one more automatic backup, so the newest one is never older than the last session.
pub(crate) fn sakerhetskopia_vid_stangning(state: &Tillstand) {
    let plats = state.store();
    let vakt = plats.lock().unwrap_or_else(PoisonError::into_inner);
    if let (Some(store), Ok(db)) = (vakt.as_ref(), databas(state.launch()))
        && let Err(e) = store.automatisk_sakerhetskopia(&sakerhetskopiemapp(&db))
    {
        eprintln!("valfri-app: {e}");
    }
}

/// The idle lock and the number of automatic backups kept (shown to everyone, changed by a
/// systemförvaltare only: the store refuses others and logs it).
#[tauri::command]
pub async fn sakerhet(
    state: State<'_, Tillstand>,
    org: State<'_, Organisationen>,
    sprak: String,
) -> Result<Sakerhetsinstallningar, Felsvar> {
    let mut s = state.med_store(&sprak, Store::sakerhet).await?;
    s.las_efter_minuter = org.las_efter_minuter().unwrap_or(s.las_efter_minuter);
    Ok(s)
}

#[tauri::command]
pub async fn spara_sakerhet(
    state: State<'_, Tillstand>,
    org: State<'_, Organisationen>,
    sprak: String,
    handlaggare_id: String,
    sakerhet: Sakerhetsinstallningar,
) -> Result<Sakerhetsinstallningar, Felsvar> {
    let minuter = sakerhet.las_efter_minuter.to_string();
    org.tillat(&state.l10n(), &sprak, Installning::LasEfterMinuter, &minuter)?;
    let handlaggare_id = state.vem(handlaggare_id);
    state
        .med_store(&sprak, move |s| {
            s.spara_sakerhet(&s.aktor(&handlaggare_id)?, &sakerhet)?;
            s.sakerhet()
        })
        .await
}
