//! Encryption at rest (`SQLCipher`), changing the passphrase, converting an old unencrypted file,
//! and the automatic backups kept next to the database.
//!
//! `SQLCipher` encrypts every page with AES-256 and authenticates it with an HMAC; the key is
//! derived from the passphrase with PBKDF2 (256 000 rounds), so guessing is slow. A file is
//! recognised as plaintext by `SQLite`'s 16-byte header; anything else is treated as encrypted.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDateTime};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OptionalExtension, params};
use zeroize::Zeroizing;

use valfri_domain::{Anvandarmeddelande, Arg};

use crate::databasfil::{
    foralder, io_fel, sidofil, sidofil_raw, synka, synka_mapp, ta_bort_databas,
};
use crate::{Aktor, Lagringsfel, Loggstatus, Oppning, Resultat, Store, logg, nu};

/// A passphrase (lösenfras). The text is wiped from memory when it is dropped and never shown
/// by `Debug`.
#[derive(Clone)]
pub struct Losenfras {
    text: Zeroizing<String>,
    /// A random raw key (`x'…'`) unwrapped from a key slot, never a person's passphrase.
    ra: bool,
}

impl std::fmt::Debug for Losenfras {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Losenfras(…)")
    }
}

impl Losenfras {
    /// The shortest passphrase accepted for a new key. Short enough to type at every unlock,
    /// long enough that PBKDF2 makes guessing impractical.
    pub const MINSTA_LANGD: usize = 8;
    const STORSTA_LANGD: usize = 1024;

    /// A passphrase to open an existing database with: any non-empty text.
    pub fn ny(text: impl Into<String>) -> Resultat<Self> {
        let text = Zeroizing::new(text.into());
        if text.is_empty() || text.len() > Self::STORSTA_LANGD || text.contains('\0') {
            return Err(Lagringsfel::FelLosenfras);
        }
        Ok(Self { text, ra: false })
    }

    /// A passphrase for a new key: at least [`Self::MINSTA_LANGD`] characters.
    pub fn ny_nyckel(text: impl Into<String>) -> Resultat<Self> {
        let text = Zeroizing::new(text.into());
        let langd = text.chars().count();
        if langd < Self::MINSTA_LANGD || text.len() > Self::STORSTA_LANGD || text.contains('\0') {
            return Err(Lagringsfel::SvagLosenfras { minst: Self::MINSTA_LANGD });
        }
        Ok(Self { text, ra: false })
    }

    /// A new key typed twice, as a form asks for it: both must agree, then as [`Self::ny_nyckel`].
    pub fn ny_nyckel_upprepad(text: impl Into<String>, upprepad: &str) -> Resultat<Self> {
        let text = Zeroizing::new(text.into());
        if text.as_str() != upprepad {
            return Err(Lagringsfel::LosenfrasOlika);
        }
        Self::ny_nyckel(text.as_str())
    }

    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// `SQLCipher`'s raw-key form of a 256-bit key: used as is, with no PBKDF2 of its own
    /// (the key slots' Argon2 has done the slow part).
    pub(crate) fn ranyckel(nyckel: &[u8; 32]) -> Self {
        let mut text = Zeroizing::new(String::with_capacity(67));
        text.push_str("x'");
        for b in nyckel {
            text.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            text.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
        text.push('\'');
        Self { text, ra: true }
    }

    /// The raw key's bytes, when this is one.
    pub(crate) fn ranyckel_bytes(&self) -> Option<Zeroizing<[u8; 32]>> {
        if !self.ra {
            return None;
        }
        let hex = self.text.strip_prefix("x'")?.strip_suffix('\'')?;
        let mut ut = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(hex, ut.as_mut_slice()).ok()?;
        Some(ut)
    }

    pub(crate) fn ar_ranyckel(&self) -> bool {
        self.ra
    }
}

/// What a database file is, judged from its first bytes without opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filtyp {
    /// No file: only a first start, `demo` or `generate` makes one.
    Saknas,
    /// A file that cannot be a database: empty, zeroed, or not a whole number of pages.
    InteDatabas,
    /// A plain `SQLite` file, readable by anyone who has it.
    Okrypterad,
    /// Not a plain `SQLite` header: encrypted (or not a database at all, which only the key
    /// can tell).
    Krypterad,
}

const SQLITE_HUVUD: &[u8; 16] = b"SQLite format 3\0";

/// The smallest page `SQLite` (and `SQLCipher`) writes: every database file is a whole number of
/// pages.
const MINSTA_SIDA: u64 = 512;

/// Looks at the file's header and size.
pub fn filtyp(sokvag: &Path) -> Resultat<Filtyp> {
    let fel = |e: std::io::Error| Lagringsfel::KanInteOppna {
        sokvag: sokvag.display().to_string(),
        detalj: e.to_string(),
    };
    let mut fil = match File::open(sokvag) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Filtyp::Saknas),
        Err(e) => return Err(fel(e)),
    };
    let langd = fil.metadata().map_err(fel)?.len();
    let mut huvud = [0u8; 16];
    let mut last = 0;
    while last < huvud.len() {
        match fil.read(&mut huvud[last..]) {
            Ok(0) => break,
            Ok(n) => last += n,
            Err(e) => return Err(fel(e)),
        }
    }
    Ok(if last == 16 && &huvud == SQLITE_HUVUD {
        Filtyp::Okrypterad
    } else if last < 16 || huvud == [0; 16] || langd < MINSTA_SIDA || langd % MINSTA_SIDA != 0 {
        // An encrypted file starts with 16 random bytes of salt: all zeros is a wiped file.
        Filtyp::InteDatabas
    } else {
        Filtyp::Krypterad
    })
}

/// Gives a freshly opened connection its key. Must be the first statement on it.
pub(crate) fn ge_nyckel(conn: &Connection, losen: &Losenfras) -> Resultat<()> {
    // SQLCipher otherwise writes its own lines about a failed HMAC to stderr; the caller turns
    // that failure into a sentence instead.
    conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(())).optional()?;
    conn.pragma_update(None, "key", losen.text())?;
    Ok(())
}

impl Store {
    /// Opens the existing database at `sokvag`, with `losen` when it is encrypted. Nothing is
    /// created: a missing file is [`Lagringsfel::DatabasSaknas`], and a file that is not a
    /// Valfri database (an empty one too) is [`Lagringsfel::InteValfriDatabas`] and is left as
    /// it was. A wrong passphrase is told apart from a damaged file as far as `SQLCipher` allows
    /// (it cannot: both fail the first page's HMAC, so the message names both). A database with
    /// key slots (`NAME.nycklar` beside it) is [`Lagringsfel::KraverInloggning`] here: it opens
    /// only as a person, with [`crate::oppna_som`].
    pub fn oppna(sokvag: &Path, losen: Option<&Losenfras>) -> Resultat<Self> {
        let vag = || sokvag.display().to_string();
        // A database with key slots is opened only as a person ([`crate::oppna_som`]): its
        // key is random, and who works in it is proven by the slot, never chosen afterwards.
        if !losen.is_some_and(Losenfras::ar_ranyckel) && crate::har_personliga_nycklar(sokvag)? {
            return Err(Lagringsfel::KraverInloggning);
        }
        match (filtyp(sokvag)?, losen) {
            (Filtyp::Saknas, _) => Err(Lagringsfel::DatabasSaknas { sokvag: vag() }),
            (Filtyp::InteDatabas, _) => Err(Lagringsfel::InteValfriDatabas { sokvag: vag() }),
            (Filtyp::Krypterad, None) => Err(Lagringsfel::KraverLosenfras),
            (Filtyp::Okrypterad, Some(_)) => Err(Lagringsfel::InteKrypterad),
            (_, losen) => Self::anslut(sokvag, losen, Oppning::Befintlig),
        }
    }

    /// Whether this database is encrypted.
    pub fn ar_krypterad(&self) -> bool {
        self.losen.is_some()
    }

    /// Changes the passphrase (re-key). Every page is re-encrypted in one go; a crash midway
    /// leaves the old key valid (`SQLCipher` rewrites through the journal).
    pub fn byt_losenfras(
        &mut self,
        aktor: &Aktor,
        gammal: &Losenfras,
        ny: &Losenfras,
    ) -> Resultat<()> {
        if self.person.is_some() {
            return Err(Lagringsfel::HarNyckelplatser);
        }
        let Some(nuvarande) = &self.losen else {
            return Err(Lagringsfel::InteKrypterad);
        };
        if nuvarande.text() != gammal.text() {
            self.logga_nekad(aktor, "losenfras", "", "fel losenfras")?;
            return Err(Lagringsfel::FelLosenfras);
        }
        // Rekeying rewrites every page; SQLCipher needs the WAL folded in and a rollback journal.
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")?;
        let resultat = self.conn.pragma_update(None, "rekey", ny.text());
        self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
        resultat?;
        self.losen = Some(ny.clone());
        self.i_transaktion(|tx| logg::skriv(tx, aktor, "byt-losenfras", "databas", "", ""))
    }

    /// The integrity check `SQLite` can do quickly (no index cross-check); run on every open of
    /// the app so a damaged file is found before anyone works in it.
    pub fn snabbkontroll(&self) -> Resultat<()> {
        let svar: String = self
            .conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(Lagringsfel::from)?;
        if svar == "ok" { Ok(()) } else { Err(Lagringsfel::Korrupt) }
    }

    /// Copies this database into a new file at `till` with the same key (or none), page by
    /// page through `SQLite`'s backup API, so others can keep working meanwhile.
    pub(crate) fn kopiera_till(&self, till: &Path) -> Resultat<()> {
        let mut mal = Connection::open(till).map_err(|e| Lagringsfel::fran_oppning(e, till))?;
        if let Some(l) = &self.losen {
            ge_nyckel(&mal, l)?;
        }
        {
            let kopia = Backup::new(&self.conn, &mut mal)?;
            kopia.run_to_completion(256, std::time::Duration::ZERO, None)?;
        }
        drop(mal);
        Ok(())
    }

    /// The security settings (idle lock and how many automatic backups to keep).
    pub fn sakerhet(&self) -> Resultat<Sakerhetsinstallningar> {
        let rad = self
            .conn
            .query_row(
                "SELECT las_efter_minuter, sakerhetskopior FROM sakerhet WHERE id = 1",
                [],
                |r| {
                    Ok(Sakerhetsinstallningar {
                        las_efter_minuter: r.get(0)?,
                        sakerhetskopior: r.get(1)?,
                    })
                },
            )
            .optional()?;
        Ok(rad.unwrap_or_default())
    }

    pub fn spara_sakerhet(&self, aktor: &Aktor, s: &Sakerhetsinstallningar) -> Resultat<()> {
        self.krav_systemforvaltare(aktor, "sakerhet")?;
        let s = Sakerhetsinstallningar {
            las_efter_minuter: s.las_efter_minuter.clamp(1, 480),
            sakerhetskopior: s.sakerhetskopior.clamp(1, 100),
        };
        self.i_transaktion(|tx| {
            tx.execute(
                "INSERT INTO sakerhet (id, las_efter_minuter, sakerhetskopior, andrad) VALUES (1, ?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET las_efter_minuter = ?1, sakerhetskopior = ?2, andrad = ?3",
                params![s.las_efter_minuter, s.sakerhetskopior, nu()],
            )?;
            logg::skriv(tx, aktor, "andra", "sakerhet", "1", &serde_json::to_string(&s)?)
        })
    }

    /// Makes an automatic backup in `mapp` (named by the time) and keeps only the newest
    /// `sakerhetskopior` of them. Encrypted with the database's key.
    pub fn automatisk_sakerhetskopia(&self, mapp: &Path) -> Resultat<PathBuf> {
        let antal = self.sakerhet()?.sakerhetskopior.max(1) as usize;
        fs::create_dir_all(mapp).map_err(|e| Lagringsfel::KanInteOppna {
            sokvag: mapp.display().to_string(),
            detalj: e.to_string(),
        })?;
        let mut namn = format!("{KOPIA_PREFIX}{}.sqlite", Local::now().format(KOPIA_TID));
        if mapp.join(&namn).exists() {
            // Two within one second (close right after the daily copy): keep both.
            namn = format!(
                "{KOPIA_PREFIX}{}-{}.sqlite",
                Local::now().format(KOPIA_TID),
                crate::ny_id()
            );
        }
        let till = mapp.join(namn);
        crate::backup::stada_halvfardiga(mapp);
        let tillfallig = crate::backup::Halvfardig::ny(till.with_extension("sqlite.ny"))?;
        if let Err(e) = self
            .kopiera_till(&tillfallig.sokvag)
            .and_then(|()| {
                Store::oppna(&tillfallig.sokvag, self.losen.as_ref())?.integritetskontroll()
            })
            .and_then(|()| match &self.sokvag {
                // The slots go beside the backup first: a backup under its name has them.
                Some(db) if self.person.is_some() => {
                    crate::nyckelplatser::kopiera_nyckelfil(db, &till)
                }
                _ => Ok(()),
            })
        {
            tillfallig.ta_bort();
            return Err(e);
        }
        tillfallig.ge_namn(&till)?;
        for gammal in sakerhetskopior(mapp).into_iter().skip(antal) {
            let _ = fs::remove_file(&gammal.sokvag);
            let _ = fs::remove_file(crate::nyckelfil(&gammal.sokvag));
        }
        Ok(till)
    }
}

/// Idle lock and automatic backups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sakerhetsinstallningar {
    /// The app locks after this many minutes without keyboard or mouse.
    pub las_efter_minuter: u32,
    /// How many automatic backups to keep.
    pub sakerhetskopior: u32,
}

impl Default for Sakerhetsinstallningar {
    fn default() -> Self {
        Self { las_efter_minuter: 15, sakerhetskopior: 10 }
    }
}

const KOPIA_PREFIX: &str = "valfri-";
const KOPIA_TID: &str = "%Y%m%d-%H%M%S";

/// One automatic backup on disk.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sakerhetskopia {
    pub sokvag: PathBuf,
    pub tid: NaiveDateTime,
}

/// The automatic backups in `mapp`, newest first.
pub fn sakerhetskopior(mapp: &Path) -> Vec<Sakerhetskopia> {
    let Ok(poster) = fs::read_dir(mapp) else { return Vec::new() };
    let mut kopior: Vec<Sakerhetskopia> = poster
        .filter_map(Result::ok)
        .filter_map(|p| {
            let namn = p.file_name().into_string().ok()?;
            let stam = namn.strip_prefix(KOPIA_PREFIX)?.strip_suffix(".sqlite")?;
            let tid = NaiveDateTime::parse_from_str(stam.get(..15)?, KOPIA_TID).ok()?;
            Some(Sakerhetskopia { sokvag: p.path(), tid })
        })
        .collect();
    kopior.sort_by(|a, b| b.tid.cmp(&a.tid).then_with(|| b.sokvag.cmp(&a.sokvag)));
    kopior
}

/// Whether the newest automatic backup is older than a day (or there is none).
pub fn behover_daglig_kopia(mapp: &Path) -> bool {
    sakerhetskopior(mapp)
        .first()
        .is_none_or(|k| Local::now().naive_local() - k.tid >= chrono::Duration::hours(24))
}

/// Where [`kryptera`] builds the encrypted copy before it takes the database's name.
const KOPIA: &str = "krypterad";
/// Where [`kryptera`] keeps the plaintext file aside (a second name of the same file) until its
/// bytes are wiped.
const UNDAN: &str = "okrypterad";

/// Encrypts a plaintext database in place, after `aktor` (who it is, read from the open
/// database) has been found to be a systemförvaltare; a refusal is logged and leaves the file as
/// it was. Nobody else may have the file open meanwhile.
///
/// A valid database is under the name at every instant, so a kill at any moment loses nothing:
/// the encrypted copy is made beside it as `NAME.krypterad` and checked (integrity, audit log,
/// the same number of rows in every table), the act is logged in the copy, the copy is written
/// to disk; the plaintext file gets a second name, `NAME.okrypterad`; the copy is renamed over
/// the name (atomic); and only then are the old bytes wiped through the second name and it is
/// removed. A start that finds these leftovers finishes or undoes the conversion
/// ([`reda_upp_kryptering`]).
pub fn kryptera(
    sokvag: &Path,
    losen: &Losenfras,
    aktor: impl FnOnce(&Store) -> Resultat<Aktor>,
) -> Resultat<()> {
    reda_upp_kryptering(sokvag)?;
    let vag = || sokvag.display().to_string();
    match filtyp(sokvag)? {
        Filtyp::Okrypterad => {}
        Filtyp::Krypterad => return Err(Lagringsfel::RedanKrypterad),
        Filtyp::Saknas => return Err(Lagringsfel::DatabasSaknas { sokvag: vag() }),
        Filtyp::InteDatabas => return Err(Lagringsfel::InteValfriDatabas { sokvag: vag() }),
    }
    let ny = sidofil(sokvag, KOPIA);
    let undan = sidofil(sokvag, UNDAN);
    ta_bort_databas(&ny);
    let resultat = (|| {
        let kalla = Store::oppna(sokvag, None)?;
        let aktor = aktor(&kalla)?;
        kalla.krav_systemforvaltare(&aktor, "kryptering")?;
        if let Loggstatus::Bruten { .. } = kalla.verifiera_logg()? {
            return Err(Lagringsfel::BackupTrasig);
        }
        let ny_text = ny.to_str().ok_or_else(|| Lagringsfel::KanInteOppna {
            sokvag: ny.display().to_string(),
            detalj: "path is not UTF-8".into(),
        })?;
        // ATTACH opens with the flags of the main connection, which may not create a file.
        File::create(&ny).map_err(|e| io_fel(&ny, &e))?;
        kalla
            .conn
            .execute("ATTACH DATABASE ?1 AS krypterad KEY ?2", params![ny_text, losen.text()])?;
        let export = (|| -> Resultat<()> {
            kalla.conn.query_row("SELECT sqlcipher_export('krypterad')", [], |_| Ok(()))?;
            let version: i64 =
                kalla.conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
            kalla.conn.pragma_update(Some("krypterad"), "user_version", version)?;
            Ok(())
        })();
        kalla.conn.execute("DETACH DATABASE krypterad", [])?;
        export?;
        let kopia = Store::oppna(&ny, Some(losen))?;
        kopia.integritetskontroll()?;
        if let Loggstatus::Bruten { .. } = kopia.verifiera_logg()? {
            return Err(Lagringsfel::BackupTrasig);
        }
        if radantal(&kalla.conn)? != radantal(&kopia.conn)? {
            return Err(Lagringsfel::BackupTrasig);
        }
        // Logged in the copy only: the plaintext file stays as it was until it is replaced.
        kopia.i_transaktion(|tx| logg::skriv(tx, &aktor, "kryptera", "databas", "", ""))?;
        kopia.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        drop(kopia);
        drop(kalla);
        // Closing the last connection folds the WAL in and removes it. One that is still there
        // belongs to another connection, whose writes the copy would not have.
        if fs::metadata(sidofil_raw(sokvag, "-wal")).is_ok_and(|m| m.len() > 0) {
            return Err(Lagringsfel::Upptagen);
        }
        synka(&ny)
    })();
    if let Err(e) = resultat {
        ta_bort_databas(&ny);
        return Err(e);
    }
    let mapp = foralder(sokvag);
    // The second name keeps the plaintext bytes reachable for the wipe after the rename. A file
    // system without hard links gets the wipe through an open handle instead (lost if the
    // process is killed between the rename and the wipe).
    let handtag = match fs::hard_link(sokvag, &undan) {
        Ok(()) => None,
        Err(_) => OpenOptions::new().write(true).open(sokvag).ok(),
    };
    let bytt = synka_mapp(mapp)
        .and_then(|()| fs::rename(&ny, sokvag).map_err(|e| io_fel(sokvag, &e)))
        .and_then(|()| synka_mapp(mapp));
    if let Err(e) = bytt {
        // Still the plaintext file under the name: undo, never wipe.
        let _ = fs::remove_file(&undan);
        ta_bort_databas(&ny);
        return Err(e);
    }
    ta_bort_databas(&ny);
    match handtag {
        Some(mut fil) => skriv_over_fil(&mut fil),
        None => skriv_over(&undan),
    }
    ta_bort_databas(&undan);
    synka_mapp(mapp)
}

/// What a start found left by an `encrypt` that was killed, and did about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AvbrutenKryptering {
    /// The encrypted copy had taken the name; the old plaintext bytes are now wiped.
    Slutford,
    /// The plaintext file was still the database; the half-made copy is removed. The database
    /// is not encrypted.
    Angrad,
}

impl Anvandarmeddelande for AvbrutenKryptering {
    fn meddelande_id(&self) -> &'static str {
        match self {
            Self::Slutford => "db-kryptering-slutford",
            Self::Angrad => "db-kryptering-angrad",
        }
    }

    fn argument(&self) -> Vec<(&'static str, Arg)> {
        Vec::new()
    }
}

/// Finishes or undoes a conversion to encrypted that was killed (see [`kryptera`]); `None` when
/// there was nothing to do. Called by every start, the app's and the CLI's, before opening.
pub fn reda_upp_kryptering(sokvag: &Path) -> Resultat<Option<AvbrutenKryptering>> {
    // A key change of a database with key slots that was killed is finished or undone first
    // (it says nothing: either way the database opens as before or as after).
    crate::reda_upp_nyckelbyte(sokvag)?;
    let ny = sidofil(sokvag, KOPIA);
    let undan = sidofil(sokvag, UNDAN);
    let (ny_finns, undan_finns) = (ny.exists(), undan.exists());
    if !ny_finns && !undan_finns {
        return Ok(None);
    }
    let mapp = foralder(sokvag);
    let atgard = match filtyp(sokvag)? {
        Filtyp::Okrypterad => {
            // The rename had not happened: the second name is the database itself, so it is
            // removed and never wiped.
            let _ = fs::remove_file(&undan);
            ta_bort_databas(&ny);
            AvbrutenKryptering::Angrad
        }
        Filtyp::Krypterad => {
            torka(&undan)?;
            ta_bort_databas(&ny);
            AvbrutenKryptering::Slutford
        }
        Filtyp::Saknas | Filtyp::InteDatabas => {
            // Only an older Valfri got here: it wiped the original (after checking the copy)
            // before renaming the copy into place.
            if filtyp(&ny)? != Filtyp::Krypterad {
                return Ok(None);
            }
            for andelse in ["-wal", "-shm", "-journal"] {
                let _ = fs::remove_file(sidofil_raw(sokvag, andelse));
            }
            fs::rename(&ny, sokvag).map_err(|e| io_fel(sokvag, &e))?;
            torka(&undan)?;
            AvbrutenKryptering::Slutford
        }
    };
    synka_mapp(mapp)?;
    Ok(Some(atgard))
}

/// Wipes and removes the plaintext kept aside, unless it is encrypted itself (then it can only
/// be another name of the database, and is only removed).
fn torka(undan: &Path) -> Resultat<()> {
    match filtyp(undan)? {
        Filtyp::Saknas => return Ok(()),
        Filtyp::Krypterad => {}
        Filtyp::Okrypterad | Filtyp::InteDatabas => skriv_over(undan),
    }
    ta_bort_databas(undan);
    Ok(())
}

/// Rows per table, for comparing a copy with its original.
pub(crate) fn radantal(conn: &Connection) -> Resultat<Vec<(String, i64)>> {
    let mut tabeller: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    tabeller.retain(|t| !t.starts_with("sqlite_"));
    tabeller
        .into_iter()
        .map(|t| {
            let antal = conn.query_row(
                &format!("SELECT count(*) FROM \"{}\"", t.replace('"', "\"\"")),
                [],
                |r| r.get(0),
            )?;
            Ok((t, antal))
        })
        .collect()
}

/// Overwrites a file's bytes with zeros (best effort: on an SSD or a copy-on-write file system
/// the old blocks may survive, which is why the note recommends full-disk encryption too).
fn skriv_over(sokvag: &Path) {
    if let Ok(mut fil) = OpenOptions::new().write(true).open(sokvag) {
        skriv_over_fil(&mut fil);
    }
}

fn skriv_over_fil(fil: &mut File) {
    let Ok(langd) = fil.metadata().map(|m| m.len()) else { return };
    let noll = vec![0u8; 64 * 1024];
    let mut kvar = langd;
    if fil.seek(SeekFrom::Start(0)).is_err() {
        return;
    }
    while kvar > 0 {
        let n = usize::try_from(kvar.min(noll.len() as u64)).unwrap_or(noll.len());
        if fil.write_all(&noll[..n]).is_err() {
            return;
        }
        kvar -= n as u64;
    }
    let _ = fil.sync_all();
}
