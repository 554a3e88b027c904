//! A desk in kommunläge: its database is a replica of the municipality's hub. What the
//! handläggare does waits in the outbox (`utkorg`) until the hub has answered; what the hub
//! holds comes back through [`Store::tillampa_andringar`], which writes the pulled rows as they
//! are (the hub already applied the rules), in one transaction with the new cursor.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;
use valfri_domain::kommando::{DELADE_TABELLER, Kommando, Kommandosvar};

use crate::{Lagringsfel, Resultat, Store, nu};

/// A row as JSON: column name to value.
pub type Radjson = serde_json::Map<String, serde_json::Value>;

/// The desk's link to its hub.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Replika {
    pub hubb: String,
    pub anvandare: String,
    /// Who the hub last said the login is (`None` before the first sync): the person a
    /// desk that works offline acts as.
    pub handlaggare_id: Option<String>,
    /// The change number the desk has pulled up to.
    pub markor: i64,
    /// When the last pull finished (UTC).
    pub senast_hamtat: Option<String>,
    /// The hub's clock minus this computer's at the last sync, in seconds.
    pub klockskillnad: i64,
    /// A push under way (or one that was killed: see `sedan`).
    pub synkar: Option<Synkframsteg>,
}

/// How far a push has come: `klara` of the `av` commands it began with are answered; `sedan`
/// is when it last moved (UTC, as `nu()` writes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Synkframsteg {
    pub klara: i64,
    pub av: i64,
    pub sedan: String,
}

/// A command in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Utkorgsrad {
    pub ulid: String,
    pub kommando: Kommando,
    pub registrerad_lokalt: String,
    pub status: Utkorgsstatus,
    pub svar: Option<Kommandosvar>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Utkorgsstatus {
    /// Not yet answered by the hub.
    Vantar,
    Tillampad,
    Nekad,
}

/// One row the hub changed or deleted, in the hub's order.
#[derive(Debug, Clone, Copy)]
pub enum Replikpost<'a> {
    Rad {
        tabell: &'a str,
        rad: &'a Radjson,
    },
    Borttagen {
        tabell: &'a str,
        nyckel: &'a Radjson,
    },
    /// A brukare no longer of the desk's office (moved out): forgotten with everything that
    /// hangs on them. Nothing happens when the desk does not have them.
    Lamnat {
        brukare_id: &'a str,
    },
}

/// Removes a brukare and what hangs on them from a replica, in a pull's transaction (the
/// guards let it by). Data minimisation: a desk holds its office's brukare, no others. Returns
/// 1 when the desk had them, else 0.
fn glom_brukare(tx: &rusqlite::Transaction<'_>, brukare_id: &str) -> Resultat<usize> {
    const AV_BESLUT: &str = "beslut_id IN (SELECT id FROM beslut WHERE brukare_id = ?1)";
    for tabell in
        ["vantelista", "uppfoljning", "dokument", "omval", "information", "ickeval", "val"]
    {
        tx.execute(&format!("DELETE FROM {tabell} WHERE {AV_BESLUT}"), [brukare_id])?;
    }
    for tabell in ["beslut", "ombud"] {
        tx.execute(&format!("DELETE FROM {tabell} WHERE brukare_id = ?1"), [brukare_id])?;
    }
    Ok(tx.execute("DELETE FROM brukare WHERE id = ?1", [brukare_id])?)
}

fn json_fel(e: &serde_json::Error) -> Lagringsfel {
    Lagringsfel::Internt { detalj: e.to_string() }
}

impl Store {
    /// Makes this (new) database the replica of `hubb` for `anvandare`.
    pub fn bli_replika(&self, hubb: &str, anvandare: &str) -> Resultat<()> {
        self.i_transaktion(|tx| {
            tx.execute(
                "INSERT INTO synk (id, hubb, anvandare) VALUES (1, ?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET hubb = excluded.hubb, anvandare = excluded.anvandare",
                params![hubb, anvandare],
            )?;
            Ok(())
        })
    }

    /// The desk's hub, when this database is a replica.
    pub fn replika(&self) -> Resultat<Option<Replika>> {
        Ok(self
            .conn
            .query_row(
                "SELECT hubb, anvandare, markor, senast_hamtat, klockskillnad, handlaggare_id,
                        synkar_klara, synkar_av, synkar_sedan
                 FROM synk WHERE id = 1",
                [],
                |r| {
                    Ok(Replika {
                        hubb: r.get(0)?,
                        anvandare: r.get(1)?,
                        markor: r.get(2)?,
                        senast_hamtat: r.get(3)?,
                        klockskillnad: r.get(4)?,
                        handlaggare_id: r.get(5)?,
                        synkar: match (r.get(6)?, r.get(7)?, r.get(8)?) {
                            (Some(klara), Some(av), Some(sedan)) => {
                                Some(Synkframsteg { klara, av, sedan })
                            }
                            _ => None,
                        },
                    })
                },
            )
            .optional()?)
    }

    /// Notes who the hub says the desk's login is, after a login it checked.
    pub fn satt_inloggad(&self, handlaggare_id: &str) -> Resultat<()> {
        self.i_transaktion(|tx| {
            tx.execute("UPDATE synk SET handlaggare_id = ?1 WHERE id = 1", [handlaggare_id])?;
            Ok(())
        })
    }

    /// Puts a command in the outbox and returns its ULID. The outbox is pushed in ULID order,
    /// which must be the order the handläggare worked in; a ULID's random part does not keep
    /// that order within one millisecond (a beslut and its choice made back to back would reach
    /// the hub choice first), so a new ULID that does not sort after the outbox's newest is
    /// that one plus one. Decided inside the write transaction, so two processes on one file
    /// (the window and the CLI) keep the order too.
    pub fn lagg_i_utkorg(&self, kommando: &Kommando) -> Resultat<String> {
        let text = serde_json::to_string(kommando).map_err(|e| json_fel(&e))?;
        self.i_transaktion(|tx| {
            let senaste: Option<String> =
                tx.query_row("SELECT max(ulid) FROM utkorg", [], |r| r.get(0))?;
            let mut ulid = ulid::Ulid::new();
            if let Some(senaste) = senaste.and_then(|s| ulid::Ulid::from_string(&s).ok())
                && ulid <= senaste
            {
                ulid = senaste.increment().ok_or_else(|| Lagringsfel::Internt {
                    detalj: "the outbox's ULIDs are used up for this millisecond".into(),
                })?;
            }
            let ulid = ulid.to_string();
            tx.execute(
                "INSERT INTO utkorg (ulid, kommando, typ, beslut_id, registrerad_lokalt)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![ulid, text, kommando.namn(), kommando.beslut_id(), nu()],
            )?;
            Ok(ulid)
        })
    }

    /// The outbox, oldest first: every command still waiting, and those answered.
    pub fn utkorg(&self, bara_vantande: bool) -> Resultat<Vec<Utkorgsrad>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ulid, kommando, registrerad_lokalt, status, svar FROM utkorg
             WHERE status = 'vantar' OR NOT ?1 ORDER BY ulid",
        )?;
        let rader = stmt.query_map([bara_vantande], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        rader
            .map(|r| {
                let (ulid, kommando, registrerad_lokalt, status, svar) = r?;
                Ok(Utkorgsrad {
                    ulid,
                    kommando: serde_json::from_str(&kommando).map_err(|e| json_fel(&e))?,
                    registrerad_lokalt,
                    status: match status.as_str() {
                        "tillampad" => Utkorgsstatus::Tillampad,
                        "nekad" => Utkorgsstatus::Nekad,
                        _ => Utkorgsstatus::Vantar,
                    },
                    svar: svar
                        .map(|s| serde_json::from_str(&s))
                        .transpose()
                        .map_err(|e| json_fel(&e))?,
                })
            })
            .collect()
    }

    /// One command of the outbox, by its ULID.
    pub fn utkorgsrad(&self, ulid: &str) -> Resultat<Utkorgsrad> {
        self.utkorg(false)?
            .into_iter()
            .find(|r| r.ulid == ulid)
            .ok_or_else(|| Lagringsfel::HittasInte { typ: "kommando", id: ulid.to_owned() })
    }

    /// Records how far a push has come (`Some((klara, av))`), or that none is under way.
    pub fn satt_synkframsteg(&self, framsteg: Option<(usize, usize)>) -> Resultat<()> {
        let (klara, av) = framsteg.map_or((None, None), |(k, a)| {
            (Some(i64::try_from(k).unwrap_or(i64::MAX)), Some(i64::try_from(a).unwrap_or(i64::MAX)))
        });
        let sedan = framsteg.map(|_| nu());
        self.i_transaktion(|tx| {
            tx.execute(
                "UPDATE synk SET synkar_klara = ?1, synkar_av = ?2, synkar_sedan = ?3 WHERE id = 1",
                params![klara, av, sedan],
            )?;
            Ok(())
        })
    }

    /// Records how far this computer's clock is from the hub's (seconds, hub minus desk).
    pub fn satt_klockskillnad(&self, sekunder: i64) -> Resultat<()> {
        self.i_transaktion(|tx| {
            tx.execute("UPDATE synk SET klockskillnad = ?1 WHERE id = 1", [sekunder])?;
            Ok(())
        })
    }

    /// Records the hub's answer to a command. Answering twice keeps the first answer (the hub
    /// gives the same one for the same ULID anyway).
    pub fn besvara(&self, ulid: &str, svar: &Kommandosvar) -> Resultat<()> {
        let status = match svar {
            Kommandosvar::Tillampat { .. } => "tillampad",
            Kommandosvar::Nekat { .. } => "nekad",
        };
        let text = serde_json::to_string(svar).map_err(|e| json_fel(&e))?;
        self.i_transaktion(|tx| {
            tx.execute(
                "UPDATE utkorg SET status = ?2, svar = ?3, besvarad = ?4
                 WHERE ulid = ?1 AND status = 'vantar'",
                params![ulid, status, text, nu()],
            )?;
            Ok(())
        })
    }

    /// Writes what the hub changed since the desk's cursor, in the hub's order, and the new
    /// cursor, in one transaction: a pull is kept whole or not at all. Foreign keys are checked
    /// at the end, so rows may come in any order within the pull.
    pub fn tillampa_andringar<'a>(
        &self,
        poster: impl IntoIterator<Item = Replikpost<'a>>,
        markor: i64,
    ) -> Resultat<usize> {
        self.i_transaktion(|tx| {
            // The shared tables' guards (migration 10) let this transaction, and only it, write.
            tx.execute_batch(
                "PRAGMA defer_foreign_keys = ON; INSERT INTO synk_hamtning (id) VALUES (1);",
            )?;
            let mut tabeller: HashMap<String, Tabell> = HashMap::new();
            let mut antal = 0;
            for post in poster {
                let (Replikpost::Rad { tabell, .. } | Replikpost::Borttagen { tabell, .. }) = post
                else {
                    if let Replikpost::Lamnat { brukare_id } = post {
                        antal += glom_brukare(tx, brukare_id)?;
                    }
                    continue;
                };
                if !tabeller.contains_key(tabell) {
                    tabeller.insert(tabell.to_owned(), Tabell::las(tx, tabell)?);
                }
                let t = &tabeller[tabell];
                match post {
                    Replikpost::Rad { rad, .. } => t.skriv(tx, rad)?,
                    Replikpost::Borttagen { nyckel, .. } => t.ta_bort(tx, nyckel)?,
                    Replikpost::Lamnat { .. } => {}
                }
                antal += 1;
            }
            tx.execute(
                "UPDATE synk SET markor = max(markor, ?1), senast_hamtat = ?2 WHERE id = 1",
                params![markor, nu()],
            )?;
            tx.execute("DELETE FROM synk_hamtning", [])?;
            Ok(antal)
        })
    }
}

impl Store {
    /// Every row of the shared tables, table by table in the order their foreign keys need, as
    /// JSON objects (column name to value): what a standalone desk brings into an empty hub.
    /// Read in one transaction, so the tables agree with each other.
    pub fn delade_rader(&self) -> Resultat<Vec<(&'static str, Vec<Radjson>)>> {
        self.i_transaktion(|tx| {
            let mut ut = Vec::new();
            for (tabell, _) in DELADE_TABELLER {
                let mut stmt = tx.prepare(&format!("SELECT * FROM {tabell}"))?;
                let namn: Vec<String> = stmt.column_names().map(str::to_owned).collect();
                let mut rader = Vec::new();
                let mut q = stmt.query([])?;
                while let Some(r) = q.next()? {
                    let mut rad = serde_json::Map::new();
                    for (i, kolumn) in namn.iter().enumerate() {
                        use rusqlite::types::ValueRef as V;
                        let v = match r.get_ref(i)? {
                            V::Null | V::Blob(_) => serde_json::Value::Null,
                            V::Integer(n) => n.into(),
                            V::Real(x) => x.into(),
                            V::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
                        };
                        rad.insert(kolumn.clone(), v);
                    }
                    rader.push(rad);
                }
                ut.push((*tabell, rader));
            }
            Ok(ut)
        })
    }
}

/// A shared table's columns on the desk, and its key.
struct Tabell {
    namn: &'static str,
    kolumner: Vec<String>,
    nyckel: Vec<String>,
}

impl Tabell {
    fn las(tx: &Transaction<'_>, tabell: &str) -> Resultat<Tabell> {
        // Only the shared tables, by the names this program knows: never a name from the wire.
        let namn =
            DELADE_TABELLER.iter().map(|(t, _)| *t).find(|t| *t == tabell).ok_or_else(|| {
                Lagringsfel::Internt { detalj: format!("okänd tabell {tabell}") }
            })?;
        let mut stmt = tx.prepare(&format!("SELECT name, pk FROM pragma_table_info('{namn}')"))?;
        let mut kolumner = Vec::new();
        let mut nyckel: Vec<(i64, String)> = Vec::new();
        for r in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (kolumn, pk) = r?;
            if pk > 0 {
                nyckel.push((pk, kolumn.clone()));
            }
            kolumner.push(kolumn);
        }
        nyckel.sort();
        Ok(Tabell { namn, kolumner, nyckel: nyckel.into_iter().map(|(_, k)| k).collect() })
    }

    fn skriv(&self, tx: &Transaction<'_>, rad: &Radjson) -> Resultat<()> {
        let kolumner: Vec<&String> =
            self.kolumner.iter().filter(|k| rad.contains_key(*k)).collect();
        if self.nyckel.iter().any(|k| !rad.contains_key(k)) {
            return Err(Lagringsfel::Internt { detalj: format!("{}: rad utan nyckel", self.namn) });
        }
        let namn: Vec<&str> = kolumner.iter().map(|k| k.as_str()).collect();
        let platser: Vec<String> = (1..=kolumner.len()).map(|i| format!("?{i}")).collect();
        let uppdatera: Vec<String> = namn
            .iter()
            .filter(|k| !self.nyckel.iter().any(|n| n == *k))
            .map(|k| format!("{k} = excluded.{k}"))
            .collect();
        // Only a row that differs is updated: a row sent again unchanged must not wake the
        // triggers that guard rows which may never change (a follow-up, a made beslut).
        let skiljer: Vec<String> = namn
            .iter()
            .filter(|k| !self.nyckel.iter().any(|n| n == *k))
            .map(|k| format!("{k} IS NOT excluded.{k}"))
            .collect();
        let gora = if uppdatera.is_empty() {
            "NOTHING".to_owned()
        } else {
            format!("UPDATE SET {} WHERE {}", uppdatera.join(", "), skiljer.join(" OR "))
        };
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO {gora}",
            self.namn,
            namn.join(", "),
            platser.join(", "),
            self.nyckel.join(", ")
        );
        let varden: Vec<rusqlite::types::Value> =
            kolumner.iter().map(|k| varde(&rad[*k])).collect();
        tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(varden))?;
        Ok(())
    }

    fn ta_bort(&self, tx: &Transaction<'_>, nyckel: &Radjson) -> Resultat<()> {
        let villkor: Vec<String> =
            self.nyckel.iter().enumerate().map(|(i, k)| format!("{k} = ?{}", i + 1)).collect();
        let varden: Vec<rusqlite::types::Value> = self
            .nyckel
            .iter()
            .map(|k| nyckel.get(k).map_or(rusqlite::types::Value::Null, varde))
            .collect();
        tx.prepare_cached(&format!("DELETE FROM {} WHERE {}", self.namn, villkor.join(" AND ")))?
            .execute(rusqlite::params_from_iter(varden))?;
        Ok(())
    }
}

/// A JSON value as the desk stores it: booleans as 0 and 1, nested values as JSON text.
fn varde(v: &serde_json::Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match v {
        serde_json::Value::Null => V::Null,
        serde_json::Value::Bool(b) => V::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => {
            n.as_i64().map_or_else(|| V::Real(n.as_f64().unwrap_or(0.0)), V::Integer)
        }
        serde_json::Value::String(s) => V::Text(s.clone()),
        annat => V::Text(annat.to_string()),
    }
}
