//! Which signed register packages an office has applied (migration 4), so a replayed or older
//! package can be refused.

use rusqlite::params;
use valfri_domain::Utforare;

use crate::Rad as _;
use crate::register::{Sparat, spara_i, utforare_med_orgnr};
use crate::{Aktor, Resultat, Store, logg, nu};

/// A signed register package to apply: its version, the key that signed it and its hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Registerpaket<'a> {
    pub paketversion: i64,
    pub nyckel: &'a str,
    pub sha256: &'a str,
}

/// What applying a package did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Paketutfall {
    /// Recorded as applied at local register version `registerversion`; `sparat` is the new
    /// version its changes made, none when the register held its content already.
    Tillampat { sparat: Option<Sparat>, registerversion: i64 },
    /// Refused, nothing written: package `senaste` (this one or a newer) is applied already.
    Aldre { senaste: i64 },
}

impl Store {
    /// The highest package version applied here; none before the first.
    pub fn senaste_registerpaket(&self) -> Resultat<Option<i64>> {
        Ok(self.conn.rad("SELECT max(paketversion) FROM registerpaket", [], |r| r.get(0))?)
    }

    /// Applies a package: saves those of its providers that differ from the register (matched by
    /// organisationsnummer; ids are each database's own) and records the package, or refuses it
    /// when that or a newer package is recorded already. The version check, the providers and
    /// the record are one write transaction, so of two packages applied at once the register
    /// always holds the providers of the newest one recorded, and a refused package wrote nothing.
    pub fn tillampa_registerpaket(
        &self,
        aktor: &Aktor,
        paket: Registerpaket<'_>,
        utforare: &[Utforare],
        beskrivning: &str,
    ) -> Resultat<Paketutfall> {
        self.krav_systemforvaltare(aktor, "register")?;
        let lista = utforare
            .iter()
            .map(|u| self.validera_utforare(&Utforare { id: String::new(), ..u.clone() }))
            .collect::<Resultat<Vec<_>>>()?;
        self.i_transaktion(|tx| {
            let senaste: Option<i64> =
                tx.rad("SELECT max(paketversion) FROM registerpaket", [], |r| r.get(0))?;
            if let Some(senaste) = senaste.filter(|s| *s >= paket.paketversion) {
                return Ok(Paketutfall::Aldre { senaste });
            }
            // What differs is decided here, inside the write lock: a preview made before
            // another package was applied may be out of date.
            let mut andrade = Vec::new();
            for u in lista {
                let lagrad = utforare_med_orgnr(tx, &u.organisationsnummer)?;
                if lagrad.as_ref().is_none_or(|l| *l != Utforare { id: l.id.clone(), ..u.clone() }) {
                    andrade.push(u);
                }
            }
            let sparat =
                if andrade.is_empty() { None } else { Some(spara_i(tx, aktor, &andrade, beskrivning)?) };
            let registerversion = match &sparat {
                Some(s) => s.version,
                None => tx.rad(
                    "SELECT coalesce(max(nummer), 0) FROM registerversion",
                    [],
                    |r| r.get(0),
                )?,
            };
            tx.execute(
                "INSERT INTO registerpaket (paketversion, nyckel, sha256, registerversion, vem, tid) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    paket.paketversion,
                    paket.nyckel,
                    paket.sha256,
                    registerversion,
                    aktor.logg_namn(),
                    nu()
                ],
            )?;
            logg::skriv(
                tx,
                aktor,
                "registerpaket",
                "register",
                &registerversion.to_string(),
                &format!("paket {} {}", paket.paketversion, paket.sha256),
            )?;
            Ok(Paketutfall::Tillampat { sparat, registerversion })
        })
    }
}
