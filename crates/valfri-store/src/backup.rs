//! Online backup and checked restore.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};

use crate::kryptering::ge_nyckel;
use crate::{Filtyp, Lagringsfel, Loggstatus, Losenfras, Resultat, Store, filtyp};

impl Store {
    /// Copies the live database to `till` while others may keep working, then checks the copy.
    /// An existing file at `till` is refused rather than overwritten.
    pub fn backup(&self, till: &Path) -> Resultat<()> {
        if till.exists() {
            return Err(Lagringsfel::FilFinns { sokvag: till.display().to_string() });
        }
        // The copy is made and checked under a name of its own and only then given the
        // backup's name, so a backup that was interrupted (a killed process, a full disk) never
        // lies under that name looking whole.
        if let Some(mapp) = till.parent() {
            stada_halvfardiga(mapp);
        }
        let delvis = Halvfardig::ny(ofullstandig(till))?;
        let resultat = self.kopiera_till(&delvis.sokvag).and_then(|()| {
            let kopia = Store::oppna(&delvis.sokvag, self.losen.as_ref())?;
            kopia.integritetskontroll().map_err(|_| Lagringsfel::BackupTrasig)
        });
        // The slot file goes beside the backup before the backup takes its name, so a backup
        // under its name always has its slots.
        let resultat = resultat.and_then(|()| match &self.sokvag {
            Some(db) if self.person.is_some() => crate::nyckelplatser::kopiera_nyckelfil(db, till),
            _ => Ok(()),
        });
        match resultat {
            Ok(()) => delvis.ge_namn(till),
            Err(e) => {
                delvis.ta_bort();
                Err(e)
            }
        }
    }
}

impl Store {
    /// Copies a database an older Valfri made, whole and checked, to
    /// `sakerhetskopior/fore-uppgradering-<from>-till-<to>-<time>.sqlite` beside it, before the
    /// first migration runs; if the copy fails nothing is migrated. The copy keeps the old
    /// schema (it is checked by a bare connection, which migrates nothing), its key and, for a
    /// database with key slots, its slot file; the rotation of the automatic backups never
    /// removes it.
    pub(crate) fn sakerhetskopia_fore_uppgradering(&self, fran: usize) -> Resultat<PathBuf> {
        let Some(db) = self.sokvag.as_deref() else { return Ok(PathBuf::new()) };
        let mapp = crate::sakerhetskopiemapp(db);
        std::fs::create_dir_all(&mapp).map_err(|e| crate::databasfil::io_fel(&mapp, &e))?;
        let tid = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let till = Store::schemaversion();
        let mut namn = format!("{FORE_UPPGRADERING}{fran}-till-{till}-{tid}.sqlite");
        if mapp.join(&namn).exists() {
            namn = format!("{FORE_UPPGRADERING}{fran}-till-{till}-{tid}-{}.sqlite", crate::ny_id());
        }
        let mal = mapp.join(namn);
        stada_halvfardiga(&mapp);
        let delvis = Halvfardig::ny(mal.with_extension("sqlite.ny"))?;
        let resultat = self.kopiera_till(&delvis.sokvag).and_then(|()| {
            let kopia =
                Connection::open_with_flags(&delvis.sokvag, OpenFlags::SQLITE_OPEN_READ_ONLY)
                    .map_err(|e| Lagringsfel::fran_oppning(e, &delvis.sokvag))?;
            if let Some(l) = &self.losen {
                ge_nyckel(&kopia, l)?;
            }
            let svar: String = kopia.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            let version: i64 = kopia.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if svar == "ok" && usize::try_from(version).is_ok_and(|v| v == fran) {
                Ok(())
            } else {
                Err(Lagringsfel::BackupTrasig)
            }
        });
        // A database with key slots opens only through its slot file: the copy gets one
        // beside it before it takes its name, as a backup does.
        let resultat = resultat
            .and_then(|()| crate::databasfil::synka(&delvis.sokvag))
            .and_then(|()| crate::nyckelplatser::kopiera_nyckelfil(db, &mal));
        match resultat {
            Ok(()) => {
                delvis.ge_namn(&mal).inspect_err(|_| {
                    let _ = std::fs::remove_file(crate::nyckelplatser::nyckelfil(&mal));
                })?;
                crate::databasfil::synka_mapp(&mapp)?;
                Ok(mal)
            }
            Err(e) => {
                delvis.ta_bort();
                Err(e)
            }
        }
    }
}

/// How the copy made before an upgrade is named; [`crate::sakerhetskopior`] does not list it,
/// so the rotation keeps it.
pub const FORE_UPPGRADERING: &str = "fore-uppgradering-";

/// A copy of the database being made under its temporary name. The file is locked for as long
/// as this process writes it, so that another run can tell a copy in progress (locked) from
/// one a killed process left behind (unlocked: [`stada_halvfardiga`] removes it).
pub(crate) struct Halvfardig {
    pub(crate) sokvag: PathBuf,
    _las: File,
}

impl Halvfardig {
    pub(crate) fn ny(sokvag: PathBuf) -> Resultat<Self> {
        let fel = |e: std::io::Error| Lagringsfel::KanInteOppna {
            sokvag: sokvag.display().to_string(),
            detalj: e.to_string(),
        };
        let las = OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(true)
            .open(&sokvag)
            .map_err(fel)?;
        las.try_lock().map_err(|e| match e {
            std::fs::TryLockError::WouldBlock => Lagringsfel::Upptagen,
            std::fs::TryLockError::Error(e) => fel(e),
        })?;
        ta_bort_sidofiler(&sokvag);
        Ok(Self { sokvag, _las: las })
    }

    /// Gives the finished copy its name; the lock goes with the handle.
    pub(crate) fn ge_namn(self, till: &Path) -> Resultat<()> {
        ta_bort_sidofiler(&self.sokvag);
        std::fs::rename(&self.sokvag, till).map_err(|e| Lagringsfel::KanInteOppna {
            sokvag: till.display().to_string(),
            detalj: e.to_string(),
        })
    }

    pub(crate) fn ta_bort(self) {
        let _ = std::fs::remove_file(&self.sokvag);
        ta_bort_sidofiler(&self.sokvag);
    }
}

/// The journal files `SQLite` may have left beside a copy.
fn ta_bort_sidofiler(sokvag: &Path) {
    for andelse in ["-wal", "-shm", "-journal"] {
        let mut namn = sokvag.as_os_str().to_owned();
        namn.push(andelse);
        let _ = std::fs::remove_file(PathBuf::from(namn));
    }
}

/// Removes the half-made copies in `mapp` that no process is writing any more: what a backup
/// killed halfway left (`.NAME.ofullstandig`, or an automatic backup's `NAME.sqlite.ny`), each
/// as large as the database. A copy still locked by its writer is left alone. Returns how
/// many were removed.
pub fn stada_halvfardiga(mapp: &Path) -> usize {
    let Ok(poster) = std::fs::read_dir(mapp) else { return 0 };
    let mut antal = 0;
    for post in poster.flatten() {
        let namn = post.file_name().to_string_lossy().into_owned();
        let halvfardig = (namn.starts_with('.') && namn.ends_with(".ofullstandig"))
            || namn.ends_with(".sqlite.ny");
        if !halvfardig {
            continue;
        }
        let sokvag = post.path();
        let Ok(fil) = OpenOptions::new().write(true).open(&sokvag) else { continue };
        // Locked: its writer is alive. Unlocked: nobody will ever finish it.
        if fil.try_lock().is_ok() && std::fs::remove_file(&sokvag).is_ok() {
            ta_bort_sidofiler(&sokvag);
            antal += 1;
        }
    }
    antal
}

/// Where a backup is made before it gets its name: `.NAME.ofullstandig` beside it.
fn ofullstandig(till: &Path) -> PathBuf {
    let namn = till.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    till.with_file_name(format!(".{namn}.ofullstandig"))
}

/// Replaces the database at `till` with the backup at `fran`, but only after the backup has
/// passed the integrity check, is of a schema this program knows, and its audit log verifies.
/// The copy goes through `SQLite`'s backup API into the open target, so a window that has the
/// database open sees either the old or the restored state, never a mix. `losen` opens the
/// backup and keys the target; an encrypted backup stays encrypted.
pub fn aterstall(fran: &Path, till: &Path, losen: Option<&Losenfras>) -> Resultat<()> {
    // A backup with key slots is unlocked by a person ([`aterstall_som`]).
    if !losen.is_some_and(Losenfras::ar_ranyckel) && crate::har_personliga_nycklar(fran)? {
        return Err(Lagringsfel::KraverInloggning);
    }
    // A database with slots replaced by a backup without: the slot file goes with the act.
    if !losen.is_some_and(Losenfras::ar_ranyckel) && crate::har_personliga_nycklar(till)? {
        return ersatt_med(fran, till, losen, None);
    }
    match (filtyp(fran)?, losen) {
        (Filtyp::Saknas, _) => {
            return Err(Lagringsfel::DatabasSaknas { sokvag: fran.display().to_string() });
        }
        (Filtyp::InteDatabas, _) => return Err(Lagringsfel::BackupTrasig),
        (Filtyp::Krypterad, None) => return Err(Lagringsfel::KraverLosenfras),
        (Filtyp::Okrypterad, Some(_)) => return Err(Lagringsfel::InteKrypterad),
        _ => {}
    }
    if !fran.is_file() {
        return Err(Lagringsfel::KanInteOppna {
            sokvag: fran.display().to_string(),
            detalj: "no such file".into(),
        });
    }
    // A target that is no database at all (empty, wiped) has nothing to copy into: it is kept
    // aside and the backup takes its place.
    if filtyp(till)? == Filtyp::InteDatabas {
        return ersatt_skadad(fran, till, losen).map(drop);
    }
    {
        // Read-only, so checking a backup never changes it (not even its schema version).
        let kalla = Connection::open_with_flags(fran, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| Lagringsfel::fran_oppning(e, fran))?;
        if let Some(l) = losen {
            ge_nyckel(&kalla, l)?;
            if kalla
                .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))
                .is_err()
            {
                return Err(Lagringsfel::FelLosenfras);
            }
        }
        let svar: String = kalla
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|_| Lagringsfel::BackupTrasig)?;
        if svar != "ok" {
            return Err(Lagringsfel::BackupTrasig);
        }
        let version: i64 = kalla.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let version = usize::try_from(version).unwrap_or(usize::MAX);
        if version > Store::schemaversion() {
            return Err(Lagringsfel::NyareVersion {
                databas: version,
                program: Store::schemaversion(),
            });
        }
        if version == 0 {
            return Err(Lagringsfel::BackupTrasig);
        }
        let kalla = Store { conn: kalla, sokvag: None, losen: losen.cloned(), person: None };
        if let Loggstatus::Bruten { .. } = kalla.verifiera_logg()? {
            return Err(Lagringsfel::BackupTrasig);
        }
        match (filtyp(till)?, losen) {
            (Filtyp::Krypterad, None) => return Err(Lagringsfel::KraverLosenfras),
            (Filtyp::Okrypterad, Some(_)) => return Err(Lagringsfel::InteKrypterad),
            _ => {}
        }
        let mut mal = Connection::open(till).map_err(|e| Lagringsfel::fran_oppning(e, till))?;
        if let Some(l) = losen {
            ge_nyckel(&mal, l)?;
        }
        mal.busy_timeout(Duration::from_secs(10))?;
        {
            let kopia = Backup::new(&kalla.conn, &mut mal)?;
            kopia.run_to_completion(256, Duration::ZERO, None)?;
        }
    }
    // Opening migrates an older backup to the current schema.
    Store::oppna(till, losen)?.integritetskontroll()
}

/// Restores the backup at `fran` (with key slots) over the database at `till`: the person
/// unlocks the backup's slot with their login and passphrase, the backup is checked as by
/// [`aterstall`], and it takes the database's place together with its own slot file, as one
/// act (killed halfway, the database opens as before or as restored). So the restored database
/// opens for exactly the persons who could open the backup: someone removed after the backup
/// was made can open the restored one too, until they are removed again. Nobody may have the
/// database open meanwhile. Returns the restored database opened as that person.
pub fn aterstall_som(
    fran: &Path,
    till: &Path,
    anvandare: &str,
    losen: &Losenfras,
) -> Resultat<(Store, crate::Person)> {
    if !crate::har_personliga_nycklar(fran)? {
        return Err(Lagringsfel::IngaNyckelplatser);
    }
    let (nyckel, fil) = crate::nyckelplatser::las_upp_kopia(fran, anvandare, losen)?;
    ersatt_med(fran, till, Some(&nyckel), Some(&fil))?;
    crate::oppna_som(till, anvandare, losen)
}

/// Builds the restored database beside `till` and puts it in place with `fil` as its slot
/// file (`None`: none) in one act.
fn ersatt_med(
    fran: &Path,
    till: &Path,
    losen: Option<&Losenfras>,
    fil: Option<&crate::nyckelplatser::Nyckelfil>,
) -> Resultat<()> {
    let las = crate::nyckelplatser::Nyckelbyteslas::ta(till)?;
    let kopia = crate::databasfil::sidofil(till, "nyckelbyte.tmp");
    crate::databasfil::ta_bort_databas(&kopia);
    if let Err(e) = aterstall(fran, &kopia, losen).and_then(|()| crate::databasfil::synka(&kopia)) {
        crate::databasfil::ta_bort_databas(&kopia);
        return Err(e);
    }
    las.byt_ut(&kopia, fil)
}

/// Puts the backup at `fran` in place of a damaged database at `till`. The damaged file is not
/// deleted but moved aside (`<name>.skadad-<time>`), so nothing is lost if the backup turns out
/// to be the wrong one; returns where it went. The backup is checked as by [`aterstall`] first.
pub fn ersatt_skadad(fran: &Path, till: &Path, losen: Option<&Losenfras>) -> Resultat<PathBuf> {
    // Check the backup before touching the damaged file: restoring into a scratch file does it.
    let mut prov = till.as_os_str().to_owned();
    prov.push(".aterstalls");
    let prov = PathBuf::from(prov);
    crate::databasfil::ta_bort_databas(&prov);
    if let Err(e) = aterstall(fran, &prov, losen) {
        crate::databasfil::ta_bort_databas(&prov);
        return Err(e);
    }
    let mut undan = till.as_os_str().to_owned();
    undan.push(format!(".skadad-{}", chrono::Local::now().format("%Y%m%d-%H%M%S")));
    let undan = PathBuf::from(undan);
    let flytta = |fran: &Path, till: &Path| {
        std::fs::rename(fran, till).map_err(|e| Lagringsfel::KanInteOppna {
            sokvag: fran.display().to_string(),
            detalj: e.to_string(),
        })
    };
    if till.exists() {
        flytta(till, &undan)?;
    }
    for ande in ["-wal", "-shm"] {
        let mut f = till.as_os_str().to_owned();
        f.push(ande);
        let f = PathBuf::from(f);
        if f.exists() {
            let mut u = undan.as_os_str().to_owned();
            u.push(ande);
            flytta(&f, Path::new(&u))?;
        }
    }
    flytta(&prov, till)?;
    crate::databasfil::ta_bort_databas(&prov);
    Ok(undan)
}
