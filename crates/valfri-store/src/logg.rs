//! The audit log (händelselogg): append-only and hash-chained.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;
// The chain's hash is valfri-domain's, shared with the municipality's hub.
use valfri_domain::logg::{KEDJANS_START as START, kedjehash as hash};

use crate::Rad as _;
use crate::{Aktor, Resultat, Store, nu};

/// One row of the log, as people and `valfri audit` read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Loggpost {
    pub nr: i64,
    pub tid: String,
    pub vem: String,
    pub handling: String,
    pub objekt_typ: String,
    pub objekt_id: String,
    pub detalj: String,
}

pub use valfri_domain::logg::Loggstatus;

/// Appends a row inside the caller's write transaction, which already holds the write lock, so
/// the chain cannot fork.
pub(crate) fn skriv(
    tx: &Transaction<'_>,
    aktor: &Aktor,
    handling: &str,
    typ: &str,
    id: &str,
    detalj: &str,
) -> Resultat<()> {
    let senaste: Option<(i64, String)> = tx
        .rad("SELECT nr, hash FROM handelselogg ORDER BY nr DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let (nr, foregaende) = senaste.map_or((1, START.to_owned()), |(n, h)| (n + 1, h));
    let tid = nu();
    let vem = aktor.logg_namn();
    let h = hash(nr, &tid, &vem, handling, typ, id, detalj, &foregaende);
    tx.prepare_cached(
        "INSERT INTO handelselogg (nr, tid, vem, handling, objekt_typ, objekt_id, detalj, foregaende, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![nr, tid, vem, handling, typ, id, detalj, foregaende, h])?;
    Ok(())
}

impl Store {
    /// Walks the whole chain. A changed row, a removed row or a reordering is found; a cut of
    /// the newest rows is not (see ARCHITECTURE.md on what the log can and cannot prove).
    pub fn verifiera_logg(&self) -> Resultat<Loggstatus> {
        let mut stmt = self.conn.prepare(
            "SELECT nr, tid, vem, handling, objekt_typ, objekt_id, detalj, foregaende, hash FROM handelselogg ORDER BY nr",
        )?;
        let mut rader = stmt.query([])?;
        let mut forvantad_nr = 1;
        let mut foregaende = START.to_owned();
        while let Some(r) = rader.next()? {
            let nr: i64 = r.get(0)?;
            let falt: [String; 8] = [
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ];
            let [tid, vem, handling, typ, id, detalj, kedja, lagrad] = falt;
            let raknad = hash(nr, &tid, &vem, &handling, &typ, &id, &detalj, &kedja);
            if nr != forvantad_nr || kedja != foregaende || raknad != lagrad {
                return Ok(Loggstatus::Bruten { nr });
            }
            foregaende = lagrad;
            forvantad_nr += 1;
        }
        Ok(Loggstatus::Hel { rader: forvantad_nr - 1 })
    }

    /// The log rows about one record, oldest first.
    pub fn logg_for(&self, typ: &str, id: &str) -> Resultat<Vec<Loggpost>> {
        let mut stmt = self.conn.prepare(
            "SELECT nr, tid, vem, handling, objekt_typ, objekt_id, detalj FROM handelselogg
             WHERE objekt_typ = ?1 AND objekt_id = ?2 ORDER BY nr",
        )?;
        let rader = stmt.query_map([typ, id], |r| {
            Ok(Loggpost {
                nr: r.get(0)?,
                tid: r.get(1)?,
                vem: r.get(2)?,
                handling: r.get(3)?,
                objekt_typ: r.get(4)?,
                objekt_id: r.get(5)?,
                detalj: r.get(6)?,
            })
        })?;
        Ok(rader.collect::<Result<_, _>>()?)
    }
}
