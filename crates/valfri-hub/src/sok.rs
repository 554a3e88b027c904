//! A search over the whole municipality through the hub, for a desk whose replica holds only
//! its office: by personnummer (whole, or the start of its twelve- or ten-digit form) or by the
//! start of a name (each word the start of a word of the name, case and diacritics folded as
//! on the desk). Best matches first: the name as typed, then every word whole, then the rest;
//! at most [`MAX_TRAFFAR`]. A skyddad brukare is not found by a handläggare's login (row-level
//! security). The search and what it showed are written to the hub's log in the same
//! transaction, as the desk's store logs its own searches.
//!
//! Prefix searches use migration 3's `text_pattern_ops` indexes; a word in the middle of a name
//! ("karin" in "Anna Karin Berg") is found only together with the first or last name.

use postgres::types::ToSql;
use valfri_domain::{BrukareTraff, Personnummer, normalisera_personnummer, vika};

use crate::Resultat;

/// The most hits a search returns, as on the desk.
pub const MAX_TRAFFAR: usize = 50;

/// The most words of a name search that are used (a pasted text costs nothing).
const MAX_ORD: usize = 5;

const TRAFF: &str = "SELECT b.id, b.personnummer, b.fornamn, b.efternamn, o.kod, b.skyddad";

/// Digits with at most the separators of a personnummer: read as a number, not a name.
fn ser_ut_som_nummer(fraga: &str) -> bool {
    let siffror = fraga.chars().filter(char::is_ascii_digit).count();
    siffror >= 2 && fraga.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | ' '))
}

/// `text` as a LIKE pattern that matches itself literally.
fn like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

fn formatera_pnr(tolv: &str) -> String {
    tolv.parse::<Personnummer>().map_or_else(|_| tolv.to_owned(), |p| p.to_string())
}

pub(crate) fn sok_brukare(
    klient: &mut postgres::Client,
    fraga: &str,
    max: usize,
) -> Resultat<Vec<BrukareTraff>> {
    // Longer queries are not names; cutting keeps a pasted text from costing anything.
    let fraga: String = fraga.trim().chars().take(100).collect();
    let max = i64::try_from(max.clamp(1, MAX_TRAFFAR)).unwrap_or(50);
    let mut tx = klient.transaction()?;
    let som_nummer = normalisera_personnummer(&fraga);
    let som_nummer = som_nummer.trim();
    let rader = if ser_ut_som_nummer(som_nummer) {
        // The hub's day reads a ten-digit number's century, as its rules do.
        let idag: chrono::NaiveDate = tx.query_one(crate::tillampa::HUBBENS_DAG, &[])?.get(0);
        if let Ok(pnr) = Personnummer::tolka(som_nummer, idag) {
            tx.query(
                &format!(
                    "{TRAFF}, 0 AS rang FROM valfri.brukare b LEFT JOIN valfri.omrade o ON o.id = b.omrade_id
                     WHERE b.personnummer = $1 LIMIT $2"
                ),
                &[&pnr.som_tolv_siffror(), &max],
            )?
        } else {
            let siffror: String = som_nummer.chars().filter(char::is_ascii_digit).collect();
            tx.query(
                &format!(
                    "{TRAFF}, 0 AS rang FROM valfri.brukare b LEFT JOIN valfri.omrade o ON o.id = b.omrade_id
                     WHERE b.personnummer LIKE $1 OR substr(b.personnummer, 3) LIKE $1
                     ORDER BY b.personnummer LIMIT $2"
                ),
                &[&format!("{siffror}%"), &max],
            )?
        }
    } else {
        // A "word" of punctuation alone (the `);` of a pasted fragment) names nothing.
        let ord: Vec<String> = vika(&fraga)
            .split_whitespace()
            .filter(|o| o.chars().any(char::is_alphanumeric))
            .take(MAX_ORD)
            .map(str::to_owned)
            .collect();
        if ord.is_empty() {
            Vec::new()
        } else {
            let mut varden: Vec<Box<dyn ToSql + Sync>> = vec![Box::new(ord.join(" "))];
            // Found through the indexes: some word starts the first name (the folded whole
            // name) or the last name. Then every word must start a word of the name.
            let mut index = Vec::new();
            let mut villkor = Vec::new();
            let mut hel = Vec::new();
            for o in &ord {
                varden.push(Box::new(format!("{}%", like(o))));
                let n = varden.len();
                index.push(format!("b.namn_vikt LIKE ${n} OR b.efternamn_vikt LIKE ${n}"));
                varden.push(Box::new(format!("% {}%", like(o))));
                villkor.push(format!("(' ' || b.namn_vikt) LIKE ${}", varden.len()));
                varden.push(Box::new(format!("% {} %", like(o))));
                hel.push(format!("(' ' || b.namn_vikt || ' ') LIKE ${}", varden.len()));
            }
            varden.push(Box::new(max));
            let sql = format!(
                "{TRAFF},
                    CASE WHEN b.namn_vikt = $1 OR b.efternamn_vikt = $1 OR b.fornamn_vikt = $1 THEN 0
                         WHEN {hel} THEN 1 ELSE 2 END AS rang
                 FROM valfri.brukare b LEFT JOIN valfri.omrade o ON o.id = b.omrade_id
                 WHERE ({index}) AND {villkor}
                 ORDER BY rang, b.efternamn, b.fornamn, b.personnummer LIMIT ${n}",
                hel = hel.join(" AND "),
                index = index.join(" OR "),
                villkor = villkor.join(" AND "),
                n = varden.len(),
            );
            let parametrar: Vec<&(dyn ToSql + Sync)> = varden.iter().map(AsRef::as_ref).collect();
            tx.query(&sql, &parametrar)?
        }
    };
    let traffar: Vec<BrukareTraff> = rader
        .iter()
        .map(|r| BrukareTraff {
            id: r.get(0),
            personnummer: formatera_pnr(&r.get::<_, String>(1)),
            fornamn: r.get(2),
            efternamn: r.get(3),
            omrade: r.get(4),
            skyddad: r.get(5),
        })
        .collect();
    let ider: Vec<&str> = traffar.iter().map(|t| t.id.as_str()).collect();
    let detalj = serde_json::json!({ "fraga": fraga, "visade": ider }).to_string();
    tx.execute(
        "INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, detalj)
         VALUES ('sok', 'brukare', '', $1)",
        &[&detalj],
    )?;
    tx.commit()?;
    Ok(traffar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_a_number_only_when_it_is_digits_and_separators() {
        assert!(ser_ut_som_nummer("19450312"));
        assert!(ser_ut_som_nummer("450312-1234"));
        assert!(!ser_ut_som_nummer("ek"));
        assert!(!ser_ut_som_nummer("7"));
        assert!(!ser_ut_som_nummer("ek 1945"));
        assert_eq!(like("a%b_c\\"), "a\\%b\\_c\\\\");
    }
}
