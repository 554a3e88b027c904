//! Valfri's local store: one `SQLite` file per caseworker's computer.
//!
//! Everything the shell and the CLI know about brukare, beslut and the provider register goes
//! through [`Store`]; nothing else writes SQL. Every method that reads a brukare's record or
//! changes anything appends to the hash-chained audit log in the same transaction, so a change
//! and its log row exist together or not at all.
//!
//! The store reads and writes; it decides nothing itself. Who may do what
//! (`valfri_domain::behorighet`), whether a beslut gives a choice, who can be chosen, when
//! ickeval may be applied and who is next in a turordning (`valfri_domain::val`) are pure
//! functions it calls inside its transactions, so a second store shares them without a copy.
//!
//! `Store`'s methods, by module (one `impl Store` each):
//!
//! - opening and the file (`lib.rs`, `kryptering.rs`, `backup.rs`): `open`, `oppna`, `ny`,
//!   `open_i_minnet`, `byt_losenfras`, `integritetskontroll`, `snabbkontroll`, `backup`, the
//!   automatic backups and the security settings;
//! - key slots (`nyckelplatser.rs`): `oppna_som` (a person unlocks with their own login and
//!   passphrase), `inloggad`, `nyckelplatser`, `lagg_till_nyckelplats`,
//!   `ta_bort_nyckelplats` (with a new database key), `byt_egen_losenfras`,
//!   `forsta_nyckelplats` (from one shared passphrase);
//! - the municipality (`kommun.rs`): settings, områden, insatser, handläggare, `aktor`,
//!   `krav_systemforvaltare`;
//! - brukare (`brukare.rs`, `import.rs`): add, open (skyddade only with a reason), search,
//!   import;
//! - beslut (`beslut.rs`): draft, make, verkställ, end, omprövning, the beslut form;
//! - the provider register (`register.rs`, `paket.rs`): save (a new version each time), read now
//!   or at a version, apply a signed register package;
//! - choice (`val/`): `aktivt.rs` (`valbara`, `valj`, `valhistorik`, `registrera_information`),
//!   `ickeval.rs` (`ickeval`, `ickevalsforklaringar`, `satt_ickeval`), `omval.rs`
//!   (`forhandsgranska_utforare`), `arbetslistor.rs`, `statistik.rs`;
//! - documents (`dokument.rs`): what each document is made from, and the record of what was
//!   produced;
//! - the audit log (`logg.rs`): `verifiera_logg`, `logg_for`.

mod backup;
mod beslut;
mod brukare;
mod databasfil;
pub mod demo;
mod dokument;
mod fel;
mod granser;
mod import;
mod kommun;
mod kryptering;
mod logg;
mod nyckelplatser;
mod paket;
pub mod plats;
mod register;
mod replika;
mod schema;
mod val;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use valfri_domain::Roll;

pub use backup::{FORE_UPPGRADERING, aterstall, aterstall_som, ersatt_skadad, stada_halvfardiga};
pub use beslut::{Beslutslage, Formularfel};
pub use brukare::{MAX_TRAFFAR, NyBrukare, NyttOmbud};
pub use databasfil::{
    Skydd, aterstall_senaste, aterstall_senaste_som, sakerhetskopiemapp, skapa_databas,
};
pub use dokument::{Dokumentpost, Dokumenttyp};
pub use fel::Lagringsfel;
pub use import::Importfel;
pub use kommun::NyInsats;
pub use kryptering::{
    AvbrutenKryptering, Filtyp, Losenfras, Sakerhetsinstallningar, Sakerhetskopia,
    behover_daglig_kopia, filtyp, kryptera, reda_upp_kryptering, sakerhetskopior,
};
pub use logg::{Loggpost, Loggstatus};
pub use nyckelplatser::{
    AvbrutetNyckelbyte, Inloggning, Kdfparametrar, Person, har_personliga_nycklar, nyckelfil,
    oppna_som, reda_upp_nyckelbyte,
};
pub use paket::{Paketutfall, Registerpaket};
pub use register::{Registerversion, Sparat};
pub use replika::{Radjson, Replika, Replikpost, Synkframsteg, Utkorgsrad, Utkorgsstatus};
pub use val::{
    Arbetslistor, Arbetspost, Insatsmanader, Insatsstatistik, Kapacitet, Kopost, Manadsantal,
    Paverkad, Utforarmanader, Utforarstatistik,
};

pub type Resultat<T> = Result<T, Lagringsfel>;

/// Who is acting: every read and change is logged with this. In the app it is the chosen
/// handläggare; in the CLI the systemförvaltare it runs as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aktor {
    pub id: String,
    pub namn: String,
    pub roll: Roll,
}

impl Aktor {
    /// Whether this actor may change the provider register and the settings.
    pub fn far_andra_register(&self) -> bool {
        valfri_domain::behorighet::far_andra_register(self.roll)
    }

    fn logg_namn(&self) -> String {
        format!("{} <{}>", self.namn, self.id)
    }
}

/// An open Valfri database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    sokvag: Option<PathBuf>,
    /// Kept while the database is open so backups get the same key.
    losen: Option<Losenfras>,
    /// Who unlocked it with their key slot; `None` without slots.
    person: Option<Person>,
}

/// How long a writer waits for another (the app, a second window, the CLI) before saying the
/// database is busy. Long enough that people never see it in normal use.
const VANTETID: Duration = Duration::from_secs(10);

/// Waits for another writer by looking every few milliseconds, for [`VANTETID`] in all. `SQLite`'s
/// own busy timeout sleeps up to 100 ms between looks and could keep missing the moments a large
/// import leaves the lock free between its transactions.
fn vanta_pa_skrivare(forsok: i32) -> bool {
    const STEG: Duration = Duration::from_millis(2);
    let vantat = STEG.saturating_mul(u32::try_from(forsok).unwrap_or(u32::MAX));
    if vantat >= VANTETID {
        return false;
    }
    std::thread::sleep(STEG);
    true
}

/// Room in the prepared-statement cache: more than the store has distinct statements.
const SATSER_I_CACHE: usize = 256;

/// `query_row` through the statement cache, for the rows read again and again (a letter reads
/// a few per provider).
pub(crate) trait Rad {
    fn rad<T, P, F>(&self, sql: &str, p: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>;
}

impl Rad for Connection {
    fn rad<T, P, F>(&self, sql: &str, p: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(p, f)
    }
}

impl Store {
    /// A database in memory, for tests.
    pub fn open_i_minnet() -> Resultat<Self> {
        let conn = Connection::open_in_memory()?;
        Self::forbered(conn, None, None, Oppning::Ny)
    }

    /// Connects to the file at `sokvag` with `losen` (if any) as the key. Only
    /// [`Oppning::Ny`] may create the file; an existing one must already be a Valfri database.
    pub(crate) fn anslut(
        sokvag: &Path,
        losen: Option<&Losenfras>,
        oppning: Oppning,
    ) -> Resultat<Self> {
        let mut flaggor = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if oppning == Oppning::Ny {
            flaggor |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(sokvag, flaggor)
            .map_err(|e| Lagringsfel::fran_oppning(e, sokvag))?;
        if let Some(l) = losen {
            kryptering::ge_nyckel(&conn, l)?;
        }
        match Self::forbered(conn, Some(sokvag.to_path_buf()), losen.cloned(), oppning) {
            // With a key, SQLCipher cannot tell a wrong one from a damaged first page.
            Err(Lagringsfel::Korrupt) if losen.is_some() => Err(Lagringsfel::FelLosenfras),
            Err(Lagringsfel::InteValfriDatabas { .. }) => {
                Err(Lagringsfel::InteValfriDatabas { sokvag: sokvag.display().to_string() })
            }
            annat => annat,
        }
    }

    fn forbered(
        mut conn: Connection,
        sokvag: Option<PathBuf>,
        losen: Option<Losenfras>,
        oppning: Oppning,
    ) -> Resultat<Self> {
        conn.busy_handler(Some(vanta_pa_skrivare))?;
        // Every statement the store runs fits, so none is parsed twice in a session.
        conn.set_prepared_statement_cache_capacity(SATSER_I_CACHE);
        // The same plan whatever the bound values: otherwise SQLite marks a statement whose plan
        // looked at a parameter (an equality on part of a composite key is enough) to be
        // compiled again on every new binding, and the cache above saves nothing. A letter spent
        // a fifth of its time re-preparing the provider queries.
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        // Reading the schema is what first touches the file: a file that is not a database
        // (or is corrupt) fails here with a clear error rather than later.
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))?;
        // An existing file becomes a Valfri database only by being one already: an empty file
        // or another program's database is refused before anything (even the journal mode)
        // is written to it.
        if oppning == Oppning::Befintlig && !ar_valfri(&conn)? {
            return Err(Lagringsfel::InteValfriDatabas { sokvag: String::new() });
        }
        // A newer Valfri's file is refused before anything (the journal mode either) is
        // written to it, so the newer program still finds it as it left it.
        let version = las_version(&conn)?;
        if version > schema::MIGRATIONER.len() {
            return Err(Lagringsfel::NyareVersion {
                databas: version,
                program: schema::MIGRATIONER.len(),
            });
        }
        if sokvag.is_some() {
            let lage: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !lage.eq_ignore_ascii_case("wal") {
                return Err(Lagringsfel::Internt { detalj: format!("journal_mode {lage}") });
            }
        }
        // In WAL mode NORMAL survives a killed process (not a power cut) without an fsync per commit.
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA trusted_schema = OFF;",
        )?;
        let store = Self { conn, sokvag, losen, person: None };
        // An older Valfri's file is copied whole before the first migration touches it.
        if oppning == Oppning::Befintlig && version < schema::MIGRATIONER.len() {
            store.sakerhetskopia_fore_uppgradering(version)?;
        }
        store.migrera()?;
        Ok(store)
    }

    fn migrera(&self) -> Resultat<()> {
        let kand = schema::MIGRATIONER.len();
        // A read first: a database that is up to date (nearly every open) never asks for the
        // write lock, so opening does not wait behind a long import in another process.
        let version: i64 = self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if usize::try_from(version).is_ok_and(|v| v == kand) {
            return Ok(());
        }
        loop {
            let tx = self.skrivning()?;
            let version: usize = tx
                .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))?
                .try_into()
                .unwrap_or(0);
            if version > kand {
                return Err(Lagringsfel::NyareVersion { databas: version, program: kand });
            }
            if version == kand {
                return Ok(());
            }
            tx.execute_batch(schema::MIGRATIONER[version])?;
            tx.pragma_update(None, "user_version", version as i64 + 1)?;
            tx.commit()?;
        }
    }

    /// A second connection to the same file with the same key, for work that runs beside the
    /// first (kommunläge's sync beside the window's commands); `SQLite`'s WAL lets them read at
    /// once and queues their writes.
    pub fn ny_anslutning(&self) -> Resultat<Store> {
        let sokvag = self
            .sokvag
            .as_deref()
            .ok_or_else(|| Lagringsfel::Internt { detalj: "a database in memory".into() })?;
        let mut ny = Store::anslut(sokvag, self.losen.as_ref(), Oppning::Befintlig)?;
        ny.person.clone_from(&self.person);
        Ok(ny)
    }

    /// The SQL of migration `n` (1-based), so tests can build a database as an older version left it.
    #[doc(hidden)]
    pub fn migrering(n: usize) -> Option<&'static str> {
        n.checked_sub(1).and_then(|i| schema::MIGRATIONER.get(i)).copied()
    }

    /// The schema version this program writes.
    pub fn schemaversion() -> usize {
        schema::MIGRATIONER.len()
    }

    pub fn sokvag(&self) -> Option<&Path> {
        self.sokvag.as_deref()
    }

    /// A write transaction that takes the write lock at once, so two writers queue instead of
    /// failing halfway ("database is locked" must never reach a person).
    fn skrivning(&self) -> Resultat<Transaction<'_>> {
        Ok(Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?)
    }

    /// Runs `f` in one write transaction and commits only if it succeeds.
    fn i_transaktion<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Resultat<T>) -> Resultat<T> {
        let tx = self.skrivning()?;
        let ut = f(&tx)?;
        tx.commit()?;
        Ok(ut)
    }

    /// Runs `f` in a write transaction that is always rolled back: what an act would do, worked
    /// out by doing it, for a confirmation that says exactly that. Leaves no trace.
    fn provkor<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Resultat<T>) -> Resultat<T> {
        let tx = self.skrivning()?;
        // Always rolled back, so a desk in kommunläge may try it too: its guards (migration
        // 10) let it by as they let a pull by, and the confirmation says what the act would do.
        tx.execute("INSERT OR IGNORE INTO synk_hamtning (id) VALUES (1)", [])?;
        let ut = f(&tx);
        tx.rollback()?;
        ut
    }

    /// Runs `PRAGMA integrity_check`; `Ok(())` when the file is sound.
    pub fn integritetskontroll(&self) -> Resultat<()> {
        let svar: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if svar == "ok" { Ok(()) } else { Err(Lagringsfel::Korrupt) }
    }
}

/// The schema version a connection's file is at (`PRAGMA user_version`).
fn las_version(conn: &Connection) -> Resultat<usize> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(usize::try_from(version).unwrap_or(0))
}

/// Whether a connection is to a Valfri database: one that a migration has run on and that has
/// the audit log (or one from a newer Valfri).
fn ar_valfri(conn: &Connection) -> Resultat<bool> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let logg: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'handelselogg'",
        [],
        |r| r.get(0),
    )?;
    // A newer Valfri's file is recognised by its version alone, so that the migration can say so.
    Ok(usize::try_from(version).is_ok_and(|v| v > Store::schemaversion())
        || (version > 0 && logg == 1))
}

/// Whether a connection may make a new database or must find an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Oppning {
    /// The file is new (built beside its name and moved into place when whole).
    Ny,
    /// The file exists and must already be a Valfri database.
    Befintlig,
}

fn ny_id() -> String {
    ulid::Ulid::new().to_string()
}

fn nu() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Today in the municipality's calendar: the date in Sweden now, whatever zone the machine is
/// set to (see [`valfri_domain::dag_i_kommunen`]); the hub reads its day the same way.
pub fn idag() -> NaiveDate {
    valfri_domain::dag_i_kommunen(Utc::now())
}

/// A date read back from the database: one that does not parse was not written by Valfri.
fn datum(text: &str) -> Resultat<NaiveDate> {
    valfri_domain::tolka_datum("datum", text)
        .map_err(|_| Lagringsfel::Internt { detalj: format!("bad date {text:?}") })
}

fn datum_opt(text: Option<String>) -> Resultat<Option<NaiveDate>> {
    text.map(|t| datum(&t)).transpose()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use rusqlite::StatementStatus;

    use super::*;

    /// A statement from the cache must run again without being compiled again, also when its
    /// plan could depend on the bound value (an equality on the first column of a composite key).
    #[test]
    fn a_cached_statement_is_not_compiled_again_for_new_values() {
        let s = Store::open_i_minnet().unwrap();
        let sql = "SELECT o.kod FROM utforare_omrade uo JOIN omrade o ON o.id = uo.omrade_id WHERE uo.utforare_id = ?1 ORDER BY o.kod";
        for id in ["a", "b", "c"] {
            let mut stmt = s.conn.prepare_cached(sql).unwrap();
            let rader = stmt.query_map([id], |r| r.get::<_, String>(0)).unwrap().count();
            assert_eq!(rader, 0);
        }
        let stmt = s.conn.prepare_cached(sql).unwrap();
        assert_eq!(stmt.get_status(StatementStatus::RePrepare), 0);
        assert_eq!(s.conn.rad("SELECT ?1 || 'x'", ["a"], |r| r.get::<_, String>(0)).unwrap(), "ax");
    }
}
