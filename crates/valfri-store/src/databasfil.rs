//! The database file itself, as the window and the CLI both see it: creating a new one (only
//! whole, and never plaintext unless asked for), where its automatic backups live, and putting
//! the newest of them in its place. Opening an existing file is [`Store::oppna`]; converting one
//! to encrypted is [`crate::kryptera`].

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use crate::nyckelplatser::{Nyckelbyteslas, nya_platser};
use crate::{
    Lagringsfel, Losenfras, Oppning, Person, Resultat, Store, ersatt_skadad, filtyp,
    har_personliga_nycklar, sakerhetskopior,
};

/// How a new database is protected. There is no default: a plaintext database is made only when
/// someone asked for one by name (`--plaintext` in the CLI; the window never does).
#[derive(Debug, Clone)]
pub enum Skydd {
    /// Encrypted with this passphrase, shared by everyone who works in it.
    Losenfras(Losenfras),
    /// Encrypted with a random key, with a key slot for one first person: a systemförvaltare
    /// named `namn`, made in the new database, who signs in as `anvandare` with `losen`. A new
    /// desk made so never has a shared passphrase.
    Person { namn: String, anvandare: String, losen: Losenfras },
    /// Encrypted with a random key, with a key slot for each (login, handläggare's name,
    /// passphrase): the handläggare are those `fyll` makes (the demo's, see
    /// [`crate::demo::demoskydd`]).
    Inloggningar(Vec<(String, String, Losenfras)>),
    /// Readable by anyone who has the file (tests, benchmarks, a demo asked for as such).
    Okrypterad,
}

impl Skydd {
    fn har_platser(&self) -> bool {
        matches!(self, Skydd::Person { .. } | Skydd::Inloggningar(_))
    }

    /// The shared passphrase, when there is one (a database with key slots has none: its key
    /// is random and each person unlocks their own slot).
    pub fn losen(&self) -> Option<&Losenfras> {
        match self {
            Skydd::Losenfras(l) => Some(l),
            Skydd::Person { .. } | Skydd::Inloggningar(_) | Skydd::Okrypterad => None,
        }
    }
}

/// Creates a database at `sokvag` filled by `fyll`, without ever leaving a half-made file: it is
/// built beside the target, written to disk and only then moved into place. An existing file
/// (whatever it holds) is refused unless `ersatt` is set.
pub fn skapa_databas(
    sokvag: &Path,
    skydd: &Skydd,
    ersatt: bool,
    fyll: impl FnOnce(&Store) -> Resultat<()>,
) -> Resultat<()> {
    if sokvag.exists() && !ersatt {
        return Err(Lagringsfel::FilFinns { sokvag: sokvag.display().to_string() });
    }
    let mapp = foralder(sokvag);
    fs::create_dir_all(mapp).map_err(|e| io_fel(mapp, &e))?;
    let tillfallig = sidofil(sokvag, "ny");
    ta_bort_databas(&tillfallig);
    let nyckel = crate::nyckelplatser::slumpnyckel()?;
    let losen = match skydd {
        Skydd::Losenfras(l) => Some(l.clone()),
        Skydd::Person { .. } | Skydd::Inloggningar(_) => Some(Losenfras::ranyckel(&nyckel)),
        Skydd::Okrypterad => None,
    };
    let resultat = (|| {
        let store = Store::anslut(&tillfallig, losen.as_ref(), Oppning::Ny)?;
        fyll(&store)?;
        let platser = match skydd {
            Skydd::Person { namn, anvandare, losen } => {
                Some(nya_platser(&store, &nyckel, Some((namn, anvandare, losen)), &[])?)
            }
            Skydd::Inloggningar(lista) => Some(nya_platser(&store, &nyckel, None, lista)?),
            Skydd::Losenfras(_) | Skydd::Okrypterad => None,
        };
        // Fold the WAL into the main file so that the one file is the whole database.
        store.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        drop(store);
        synka(&tillfallig)?;
        Ok(platser)
    })();
    let platser = match resultat {
        Ok(p) => p,
        Err(e) => {
            ta_bort_databas(&tillfallig);
            return Err(e);
        }
    };
    if skydd.har_platser() || har_personliga_nycklar(sokvag)? {
        // The database and its slot file change together (or the slot file of the file
        // replaced goes with it), as a key change does.
        let las = Nyckelbyteslas::ta(sokvag)?;
        return las.byt_ut(&tillfallig, platser.as_ref());
    }
    // Renaming over the old file is atomic; its -wal, -shm and -journal belong to the old file
    // only (and a journal would be played back into the new one).
    for andelse in ["-wal", "-shm", "-journal"] {
        let _ = fs::remove_file(sidofil_raw(sokvag, andelse));
    }
    fs::rename(&tillfallig, sokvag).map_err(|e| io_fel(sokvag, &e))?;
    ta_bort_databas(&tillfallig);
    synka_mapp(mapp)
}

/// The automatic backups live in `sakerhetskopior/` beside the database.
pub fn sakerhetskopiemapp(db: &Path) -> PathBuf {
    foralder(db).join("sakerhetskopior")
}

/// Puts the newest automatic backup of `db` in its place; the file that was there is kept aside
/// (see [`ersatt_skadad`]). `losen` is the backup's passphrase, and is not needed for a
/// plaintext backup. Nobody may have the database open meanwhile.
pub fn aterstall_senaste(db: &Path, losen: Option<&Losenfras>) -> Resultat<Store> {
    let nyaste = sakerhetskopior(&sakerhetskopiemapp(db))
        .into_iter()
        .next()
        .ok_or(Lagringsfel::IngenSakerhetskopia)?;
    if har_personliga_nycklar(&nyaste.sokvag)? {
        return Err(Lagringsfel::KraverInloggning);
    }
    let losen = match filtyp(&nyaste.sokvag)? {
        crate::Filtyp::Okrypterad => None,
        _ => Some(losen.ok_or(Lagringsfel::KraverLosenfras)?),
    };
    ersatt_skadad(&nyaste.sokvag, db, losen)?;
    let store = Store::oppna(db, losen)?;
    store.snabbkontroll()?;
    Ok(store)
}

/// As [`aterstall_senaste`] for backups with key slots: the person unlocks the newest backup's
/// slot with their login and passphrase, and its slot file comes back with it.
pub fn aterstall_senaste_som(
    db: &Path,
    anvandare: &str,
    losen: &Losenfras,
) -> Resultat<(Store, Person)> {
    let nyaste = sakerhetskopior(&sakerhetskopiemapp(db))
        .into_iter()
        .next()
        .ok_or(Lagringsfel::IngenSakerhetskopia)?;
    // A wrong login leaves nothing behind, not even the copy below.
    crate::nyckelplatser::las_upp_kopia(&nyaste.sokvag, anvandare, losen)?;
    // As `ersatt_skadad` does, the file that was there is kept aside, never deleted: the
    // backup may turn out to be the wrong one.
    if db.exists() {
        let undan =
            sidofil_raw(db, &format!(".skadad-{}", chrono::Local::now().format("%Y%m%d-%H%M%S")));
        fs::hard_link(db, &undan)
            .or_else(|_| fs::copy(db, &undan).map(drop))
            .map_err(|e| io_fel(&undan, &e))?;
        crate::nyckelplatser::kopiera_nyckelfil(db, &undan).ok();
    }
    let (store, person) = crate::aterstall_som(&nyaste.sokvag, db, anvandare, losen)?;
    store.snabbkontroll()?;
    Ok((store, person))
}

/// The folder a file is in (`.` for a bare name).
pub(crate) fn foralder(sokvag: &Path) -> &Path {
    sokvag.parent().filter(|m| !m.as_os_str().is_empty()).unwrap_or_else(|| Path::new("."))
}

/// `NAME.andelse` beside `NAME`.
pub(crate) fn sidofil(sokvag: &Path, andelse: &str) -> PathBuf {
    sidofil_raw(sokvag, &format!(".{andelse}"))
}

pub(crate) fn sidofil_raw(sokvag: &Path, tillagg: &str) -> PathBuf {
    let mut p = sokvag.as_os_str().to_owned();
    p.push(tillagg);
    PathBuf::from(p)
}

/// Removes a database file with its `-wal`, `-shm` and rollback `-journal`.
pub(crate) fn ta_bort_databas(sokvag: &Path) {
    for andelse in ["", "-wal", "-shm", "-journal"] {
        // A missing file is what we want; any other failure shows up when the file is opened.
        let _ = fs::remove_file(sidofil_raw(sokvag, andelse));
    }
}

/// Writes a file's contents to the disk.
pub(crate) fn synka(sokvag: &Path) -> Resultat<()> {
    fs::OpenOptions::new()
        .write(true)
        .open(sokvag)
        .and_then(|f| f.sync_all())
        .map_err(|e| io_fel(sokvag, &e))
}

/// Writes a folder's entries (a rename, a new name) to the disk. Windows has no such call; its
/// renames are journalled by NTFS.
pub(crate) fn synka_mapp(mapp: &Path) -> Resultat<()> {
    if cfg!(unix) {
        File::open(mapp).and_then(|f| f.sync_all()).map_err(|e| io_fel(mapp, &e))?;
    }
    Ok(())
}

pub(crate) fn io_fel(sokvag: &Path, e: &std::io::Error) -> Lagringsfel {
    Lagringsfel::KanInteOppna { sokvag: sokvag.display().to_string(), detalj: e.to_string() }
}
