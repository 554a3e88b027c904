//! Online backup and checked restore.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, MAIN_DB, OpenFlags};

use crate::{Lagringsfel, Loggstatus, Resultat, Store};

impl Store {
    /// Copies the live database to `till` while others may keep working, then checks the copy.
    /// An existing file at `till` is refused rather than overwritten.
    pub fn backup(&self, till: &Path) -> Resultat<()> {
        if till.exists() {
            return Err(Lagringsfel::FilFinns { sokvag: till.display().to_string() });
        }
        self.conn.backup(MAIN_DB, till, None::<fn(rusqlite::backup::Progress)>)?;
        let kopia = Store::open(till)?;
        kopia.integritetskontroll().map_err(|_| Lagringsfel::BackupTrasig)?;
        Ok(())
    }
}

/// Replaces the database at `till` with the backup at `fran`, but only after the backup has
/// passed the integrity check, is of a schema this program knows, and its audit log verifies.
/// The copy goes through SQLite's backup API into the open target, so a window that has the
/// database open sees either the old or the restored state, never a mix.
pub fn aterstall(fran: &Path, till: &Path) -> Resultat<()> {
    if !fran.is_file() {
        return Err(Lagringsfel::KanInteOppna { sokvag: fran.display().to_string(), detalj: "no such file".into() });
    }
    {
        // Read-only, so checking a backup never changes it (not even its schema version).
        let kalla = Connection::open_with_flags(fran, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| Lagringsfel::fran_oppning(e, fran))?;
        let svar: String = kalla.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|_| Lagringsfel::BackupTrasig)?;
        if svar != "ok" {
            return Err(Lagringsfel::BackupTrasig);
        }
        let version: i64 = kalla.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let version = usize::try_from(version).unwrap_or(usize::MAX);
        if version > Store::schemaversion() {
            return Err(Lagringsfel::NyareVersion { databas: version, program: Store::schemaversion() });
        }
        if version == 0 {
            return Err(Lagringsfel::BackupTrasig);
        }
        let kalla = Store { conn: kalla, sokvag: None };
        if let Loggstatus::Bruten { .. } = kalla.verifiera_logg()? {
            return Err(Lagringsfel::BackupTrasig);
        }
    }
    let mut mal = Connection::open(till).map_err(|e| Lagringsfel::fran_oppning(e, till))?;
    mal.busy_timeout(Duration::from_secs(10))?;
    mal.restore(MAIN_DB, fran, None::<fn(rusqlite::backup::Progress)>)?;
    drop(mal);
    // Opening migrates an older backup to the current schema.
    Store::open(till)?.integritetskontroll()
}
