//! Kommunläge's sync, between a desk's `SQLite` replica (valfri-store) and the municipality's
//! `PostgreSQL` hub (valfri-hub). Neither store knows the other; this crate moves commands one
//! way and rows the other, and holds no SQL.
//!
//! - **Push** ([`skicka`]): the outbox in ULID order; the hub re-applies each command with the
//!   domain's rules in one transaction and answers; the answer is written to the outbox. A desk
//!   killed between the hub's commit and its own write pushes the command again, and the hub
//!   answers it from its record without applying it twice.
//! - **Pull** ([`hamta`]): every shared row above the desk's cursor, written with the new cursor
//!   in one transaction.
//!
//! A connection lost in the middle leaves the rest of the outbox waiting and the replica as it
//! was after its last whole pull: nothing is lost, and the next sync goes on from there.

pub mod kommundemo;

use serde::Serialize;
use valfri_domain::kommando::{Kommando, Kommandosvar};
use valfri_domain::{Anvandarmeddelande, Arg};
use valfri_hub::{Hubb, HubbFel, Inloggad, Utkorgspost};
use valfri_store::{Lagringsfel, Replikpost, Skydd, Store, Utkorgsrad, Utkorgsstatus};

/// Why a sync stopped: the desk's store or the hub.
#[derive(Debug, thiserror::Error)]
pub enum SynkFel {
    #[error(transparent)]
    Lagring(#[from] Lagringsfel),
    #[error(transparent)]
    Hubb(#[from] HubbFel),
    /// The database is a standalone desk, not a replica of a hub.
    #[error("this database is not a desk of a hub")]
    InteReplika,
    /// The command would change the replica alone and never reach the hub.
    #[error("not available at a desk in kommunläge")]
    EjIKommunlage,
    /// No hub address or login was given, so the command waits for the next sync.
    #[error("no hub to ask")]
    IngenHubb,
    /// The replica belongs to another hub or login than the one given.
    #[error("this desk belongs to {hubb} as {anvandare}")]
    AnnanHubb { hubb: String, anvandare: String },
}

impl Anvandarmeddelande for SynkFel {
    fn meddelande_id(&self) -> &'static str {
        match self {
            SynkFel::Lagring(e) => e.meddelande_id(),
            SynkFel::Hubb(e) => e.meddelande_id(),
            SynkFel::InteReplika => "synk-fel-inte-replika",
            SynkFel::IngenHubb => "synk-fel-ingen-hubb",
            SynkFel::EjIKommunlage => "synk-fel-ej-i-kommunlage",
            SynkFel::AnnanHubb { .. } => "synk-fel-annan-hubb",
        }
    }

    fn argument(&self) -> Vec<(&'static str, Arg)> {
        match self {
            SynkFel::Lagring(e) => e.argument(),
            SynkFel::Hubb(e) => e.argument(),
            SynkFel::InteReplika | SynkFel::IngenHubb | SynkFel::EjIKommunlage => Vec::new(),
            SynkFel::AnnanHubb { hubb, anvandare } => {
                vec![("hubb", hubb.clone().into()), ("anvandare", anvandare.clone().into())]
            }
        }
    }
}

impl SynkFel {
    /// Whether the hub could not be reached or the connection broke: the desk goes on working
    /// on its replica and the outbox waits.
    pub fn ar_forbindelseproblem(&self) -> bool {
        matches!(self, SynkFel::IngenHubb)
            || matches!(self, SynkFel::Hubb(e) if e.ar_forbindelseproblem())
    }
}

pub type Resultat<T> = Result<T, SynkFel>;

/// What a push did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Skickat {
    pub tillampade: usize,
    pub nekade: usize,
}

/// What a whole sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Synkat {
    pub tillampade: usize,
    pub nekade: usize,
    /// Rows written to the replica (changed or deleted).
    pub hamtade: usize,
    pub markor: i64,
}

/// Pushes every waiting command, oldest first, and writes each answer. Stops at the first
/// command the hub could not answer (the connection broke): it and the rest wait.
pub fn skicka(store: &Store, hubb: &mut Hubb) -> Resultat<Skickat> {
    let mut ut = Skickat::default();
    for rad in store.utkorg(true)? {
        let post = Utkorgspost {
            ulid: rad.ulid.clone(),
            kommando: rad.kommando,
            registrerad_lokalt: rad.registrerad_lokalt,
        };
        let svar = hubb.tillampa(&post)?;
        store.besvara(&post.ulid, &svar)?;
        match svar {
            Kommandosvar::Tillampat { .. } => ut.tillampade += 1,
            Kommandosvar::Nekat { .. } => ut.nekade += 1,
        }
    }
    Ok(ut)
}

/// Pulls what changed in the hub since the desk's cursor, for the områden of `jag`'s office.
pub fn hamta(store: &Store, hubb: &mut Hubb, jag: &Inloggad) -> Resultat<(usize, i64)> {
    let markor = store.replika()?.ok_or(SynkFel::InteReplika)?.markor;
    let a = hubb.hamta(markor, &jag.omraden)?;
    // Changes and deletions in the hub's order, so a row deleted and made again ends as made.
    let mut poster: Vec<(i64, Replikpost<'_>)> =
        a.andrade
            .iter()
            .map(|r| (r.andring, Replikpost::Rad { tabell: &r.tabell, rad: &r.rad }))
            .chain(a.borttagna.iter().map(|b| {
                (b.andring, Replikpost::Borttagen { tabell: &b.tabell, nyckel: &b.nyckel })
            }))
            .collect();
    poster.sort_by_key(|(n, _)| *n);
    let antal = store.tillampa_andringar(poster.into_iter().map(|(_, p)| p), a.markor)?;
    Ok((antal, a.markor))
}

/// How far a desk's clock may be from the hub's before the person is told (seconds).
pub const KLOCKTOLERANS: i64 = 300;

/// Push, then pull; and notes how far this computer's clock is from the hub's.
pub fn synka(store: &Store, hubb: &mut Hubb) -> Resultat<Synkat> {
    let fore = chrono::Utc::now();
    let hubbens = hubb.tid()?;
    let efter = chrono::Utc::now();
    let desk = fore + (efter - fore) / 2;
    store.satt_klockskillnad((hubbens - desk).num_seconds())?;
    let jag = hubb.jag()?;
    let skickat = skicka(store, hubb)?;
    // Nobody else runs the day's automatic step in kommunläge (a desk's replica may not): the
    // first sync of each of the hub's days does, and the pull below brings what it changed.
    hubb.dagens_steg_en_gang_om_dagen()?;
    let (hamtade, markor) = hamta(store, hubb, &jag)?;
    Ok(Synkat { tillampade: skickat.tillampade, nekade: skickat.nekade, hamtade, markor })
}

/// Keeps the desk in step: a sync, then waiting for the hub to say something changed
/// (LISTEN/NOTIFY, or `vila` at most), then the next, for as long as `efter` says so. A change on
/// another desk reaches this one within the time of a pull.
pub fn folj(
    store: &Store,
    hubb: &mut Hubb,
    vila: std::time::Duration,
    mut efter: impl FnMut(&Synkat) -> bool,
) -> Resultat<()> {
    hubb.lyssna()?;
    loop {
        let s = synka(store, hubb)?;
        if !efter(&s) {
            return Ok(());
        }
        hubb.vanta_pa_andring(vila)?;
    }
}

/// Checks that a replica belongs to this hub and login, or makes a new (empty) database the
/// replica of it.
pub fn anslut_replika(store: &Store, hubb_url: &str, jag: &Inloggad) -> Resultat<()> {
    match store.replika()? {
        Some(r) if r.hubb == hubb_url && r.anvandare == jag.login => Ok(()),
        Some(r) => Err(SynkFel::AnnanHubb { hubb: r.hubb, anvandare: r.anvandare }),
        None if store.antal_brukare()? == 0 && store.utforare_lista()?.is_empty() => {
            Ok(store.bli_replika(hubb_url, &jag.login)?)
        }
        None => Err(SynkFel::InteReplika),
    }
}

/// Makes a new desk: an empty database at `fil` that is the replica of `hubb_url` for
/// `login`, created whole or not at all. The first [`synka`] fills it.
pub fn ny_replika(
    fil: &std::path::Path,
    skydd: &Skydd,
    hubb_url: &str,
    login: &str,
) -> Resultat<()> {
    Ok(valfri_store::skapa_databas(fil, skydd, false, |s| s.bli_replika(hubb_url, login))?)
}

/// Brings a standalone desk's database whole into an empty hub (the first desk of a
/// municipality that goes over to kommunläge). Returns the rows per table.
pub fn importera(
    store: &Store,
    hubb: &mut Hubb,
    beskrivning: &str,
) -> Resultat<Vec<(String, u64)>> {
    let rader = store.delade_rader()?;
    Ok(hubb.importera(&rader, beskrivning)?)
}

/// What became of a command done on a desk.
#[derive(Debug, Serialize)]
pub struct Utfort {
    pub rad: Utkorgsrad,
    /// Why the hub could not be asked (the command waits in the outbox), when it could not.
    #[serde(skip)]
    pub offline: Option<SynkFel>,
}

/// Does a command on a desk: into the outbox, and at once to the hub when there is one to ask,
/// then a pull so the replica shows the result. Without a connection the command waits.
pub fn utfor(store: &Store, hubb: Option<&mut Hubb>, kommando: &Kommando) -> Resultat<Utfort> {
    let ulid = store.lagg_i_utkorg(kommando)?;
    let offline = match hubb {
        Some(h) => match synka(store, h) {
            Ok(_) => None,
            Err(e) if e.ar_forbindelseproblem() => Some(e),
            Err(e) => return Err(e),
        },
        None => Some(SynkFel::IngenHubb),
    };
    let rad = store.utkorgsrad(&ulid)?;
    debug_assert!(offline.is_some() || rad.status != Utkorgsstatus::Vantar);
    Ok(Utfort { rad, offline })
}
