//! Which signed register packages an office has applied (migration 4), so a replayed or older
//! package can be refused.

use rusqlite::params;

use crate::Rad as _;
use crate::{Aktor, Resultat, Store, logg, nu};

impl Store {
    /// The highest package version applied here; none before the first.
    pub fn senaste_registerpaket(&self) -> Resultat<Option<i64>> {
        Ok(self.conn.rad("SELECT max(paketversion) FROM registerpaket", [], |r| r.get(0))?)
    }

    /// Records that package `paketversion` (signed by `nyckel`, content hash `sha256`) is
    /// applied as local register version `registerversion`. Returns false, recording nothing,
    /// when that or a newer package is recorded already: the check and the record are one
    /// transaction, so two offices' clerks applying at once cannot both pass an old package.
    pub fn registrera_registerpaket(
        &self,
        aktor: &Aktor,
        paketversion: i64,
        nyckel: &str,
        sha256: &str,
        registerversion: i64,
    ) -> Resultat<bool> {
        self.krav_systemforvaltare(aktor, "register")?;
        self.i_transaktion(|tx| {
            let senaste: Option<i64> = tx.rad("SELECT max(paketversion) FROM registerpaket", [], |r| r.get(0))?;
            if senaste.is_some_and(|s| s >= paketversion) {
                return Ok(false);
            }
            tx.execute(
                "INSERT INTO registerpaket (paketversion, nyckel, sha256, registerversion, vem, tid) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![paketversion, nyckel, sha256, registerversion, aktor.logg_namn(), nu()],
            )?;
            logg::skriv(tx, aktor, "registerpaket", "register", &registerversion.to_string(), &format!("paket {paketversion} {sha256}"))?;
            Ok(true)
        })
    }
}
