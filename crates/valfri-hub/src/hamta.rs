//! What a desk pulls: every shared row with a change number above the desk's cursor, and the
//! keys of rows deleted since, read in one snapshot. Change numbers are handed out under the
//! hub's write lock in commit order, so the highest number a snapshot shows is a safe cursor:
//! every lower number was committed before it and is in the same snapshot.
//!
//! A desk holds what its office needs: brukare of the handläggare's områden and what hangs on
//! them (ombud, beslut, val, ickeval, information, omval, dokument, uppfoljning); the register,
//! the settings and the people in full. A brukare who moves out of the office is named in
//! [`Andringar::lamnade`], and the desk forgets them. A skyddad brukare is not in the pull at all (row-level security), nor
//! is anything that hangs on them.

use postgres::fallible_iterator::FallibleIterator as _;
use postgres::types::ToSql;
use serde::{Deserialize, Serialize};

use crate::{HubbFel, Resultat};
use valfri_domain::kommando::DELADE_TABELLER;

/// One changed row: its table and its columns as JSON (dates as `YYYY-MM-DD`, times in UTC as
/// the desk writes them, booleans as booleans).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Andrad {
    pub andring: i64,
    pub tabell: String,
    pub rad: serde_json::Map<String, serde_json::Value>,
}

/// A deleted row: its table and its key columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Borttagen {
    pub andring: i64,
    pub tabell: String,
    pub nyckel: serde_json::Map<String, serde_json::Value>,
}

/// One pull.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Andringar {
    /// Changed rows, table by table in the order the foreign keys need.
    pub andrade: Vec<Andrad>,
    pub borttagna: Vec<Borttagen>,
    /// Brukare who changed and are no longer of the desk's office (they moved): the desk
    /// forgets them and everything that hangs on them.
    #[serde(default)]
    pub lamnade: Vec<String>,
    /// The cursor to ask from next time.
    pub markor: i64,
}

/// How a table's rows are limited to the desk's office: by the brukare's område, directly or
/// through the beslut. `$2` is the array of område ids; an empty array means every område.
fn urval(tabell: &str) -> String {
    const BRUKARE: &str = "SELECT br.id FROM valfri.brukare br
                           WHERE cardinality($2::text[]) = 0 OR br.omrade_id = ANY ($2)";
    const BESLUT: &str =
        "SELECT b.id FROM valfri.beslut b JOIN valfri.brukare br ON br.id = b.brukare_id
                          WHERE cardinality($2::text[]) = 0 OR br.omrade_id = ANY ($2)";
    match tabell {
        "brukare" => "AND (cardinality($2::text[]) = 0 OR t.omrade_id = ANY ($2))".to_owned(),
        "ombud" | "beslut" => format!("AND t.brukare_id IN ({BRUKARE})"),
        "val" | "ickeval" | "information" | "omval" | "dokument" | "uppfoljning" => {
            format!("AND t.beslut_id IN ({BESLUT})")
        }
        // Every query names $2, so that its type is known when it is prepared.
        _ => "AND cardinality($2::text[]) >= 0".to_owned(),
    }
}

/// The select list of a table: every column but the transaction id, times as UTC text.
fn kolumner(klient: &mut postgres::Transaction<'_>, tabell: &str) -> Resultat<String> {
    let rader = klient.query(
        "SELECT column_name::text, data_type::text FROM information_schema.columns
         WHERE table_schema = 'valfri' AND table_name = $1 AND column_name NOT IN ('andring', 'andring_tx')
         ORDER BY ordinal_position",
        &[&tabell],
    )?;
    let delar: Vec<String> = rader
        .iter()
        .map(|r| {
            let (namn, typ): (String, String) = (r.get(0), r.get(1));
            let varde = match typ.as_str() {
                "timestamp with time zone" => format!(
                    "to_char(t.{namn} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
                ),
                "date" => format!("to_char(t.{namn}, 'YYYY-MM-DD')"),
                "ARRAY" => format!("array_to_string(t.{namn}, ',')"),
                _ => format!("t.{namn}"),
            };
            format!("'{namn}', {varde}")
        })
        .collect();
    Ok(delar.join(", "))
}

/// The select lists of the shared tables, read from the catalog once per connection: a
/// connection is opened for this program's schema version (`Hubb::oppna` refuses any other),
/// so the columns do not change under it, and a pull then costs only its own queries.
pub(crate) type Kolumnlistor = std::collections::HashMap<&'static str, String>;

/// Reads every change above `markor` for a desk of `omraden` (empty: the whole municipality).
pub(crate) fn hamta(
    klient: &mut postgres::Client,
    listor: &mut Kolumnlistor,
    markor: i64,
    omraden: &[String],
) -> Resultat<Andringar> {
    let mut tx = klient
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    let mut ut = Andringar { markor, ..Andringar::default() };
    let omraden: Vec<String> = omraden.to_vec();
    for (tabell, _) in DELADE_TABELLER {
        if !listor.contains_key(tabell) {
            let l = kolumner(&mut tx, tabell)?;
            listor.insert(*tabell, l);
        }
        let lista = &listor[tabell];
        let sql = format!(
            "SELECT t.andring, jsonb_build_object({lista})::text FROM valfri.{tabell} t
             WHERE t.andring > $1 {} ORDER BY t.andring",
            urval(tabell)
        );
        let parametrar: [&(dyn ToSql + Sync); 2] = [&markor, &omraden];
        let mut rader = tx.query_raw(&sql, parametrar)?;
        while let Some(r) = rader.next()? {
            let andring: i64 = r.try_get(0)?;
            let text: String = r.try_get(1)?;
            let rad = serde_json::from_str(&text)
                .map_err(|e| HubbFel::Internt { detalj: e.to_string() })?;
            ut.markor = ut.markor.max(andring);
            ut.andrade.push(Andrad { andring, tabell: (*tabell).to_owned(), rad });
        }
    }
    // A brukare that changed may have just come into the office (moved, or an office changed):
    // the desk then lacks what hangs on them, whose change numbers are below its cursor. So each
    // brukare in the pull brings all of it; rows the desk has are written again unchanged.
    let nya: Vec<String> = ut
        .andrade
        .iter()
        .filter(|a| a.tabell == "brukare")
        .filter_map(|a| a.rad.get("id").and_then(|v| v.as_str()).map(str::to_owned))
        .collect();
    if markor > 0 && !nya.is_empty() {
        for tabell in
            ["ombud", "beslut", "val", "ickeval", "information", "omval", "dokument", "uppfoljning"]
        {
            let lista = kolumner(&mut tx, tabell)?;
            let villkor = match tabell {
                "ombud" | "beslut" => "t.brukare_id = ANY ($1)",
                _ => {
                    "t.beslut_id IN (SELECT b.id FROM valfri.beslut b WHERE b.brukare_id = ANY ($1))"
                }
            };
            let sql = format!(
                "SELECT t.andring, jsonb_build_object({lista})::text FROM valfri.{tabell} t
                 WHERE {villkor} AND t.andring <= $2 ORDER BY t.andring"
            );
            for r in tx.query(&sql, &[&nya, &markor])? {
                let text: String = r.get(1);
                let rad = serde_json::from_str(&text)
                    .map_err(|e| HubbFel::Internt { detalj: e.to_string() })?;
                ut.andrade.push(Andrad { andring: r.get(0), tabell: tabell.to_owned(), rad });
            }
        }
    }
    // A brukare who moved out of the office: their changed row is not in the pull (it is not
    // the office's), so the desk is told to forget them; a desk without them ignores it.
    if markor > 0 && !omraden.is_empty() {
        for r in tx.query(
            "SELECT t.id, t.andring FROM valfri.brukare t
             WHERE t.andring > $1 AND NOT coalesce(t.omrade_id = ANY ($2), false) ORDER BY t.andring",
            &[&markor, &omraden],
        )? {
            ut.markor = ut.markor.max(r.get::<_, i64>(1));
            ut.lamnade.push(r.get(0));
        }
    }
    for r in tx.query(
        "SELECT andring, tabell, nyckel::text FROM valfri.borttagen WHERE andring > $1 ORDER BY andring",
        &[&markor],
    )? {
        let andring: i64 = r.get(0);
        let nyckel = serde_json::from_str(&r.get::<_, String>(2))
            .map_err(|e| HubbFel::Internt { detalj: e.to_string() })?;
        ut.markor = ut.markor.max(andring);
        ut.borttagna.push(Borttagen { andring, tabell: r.get(1), nyckel });
    }
    tx.commit()?;
    Ok(ut)
}
