//! Brukare: the people decisions concern, and finding them.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use valfri_domain::behorighet::far_oppna_brukare;
use valfri_domain::{
    Brukare, BrukareTraff, Falt, Ombud, OmbudTyp, Personnummer, kontrollera_postnummer,
    kontrollera_text, vika,
};

use crate::Rad as _;
use crate::kommun::kontrollera_sprak;
use crate::{Aktor, Lagringsfel, Resultat, Store, idag, logg, nu, ny_id};

/// A brukare as a caseworker or an import describes them; validated by [`Store::ny_brukare`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NyBrukare {
    pub personnummer: String,
    pub fornamn: String,
    pub efternamn: String,
    #[serde(default)]
    pub co: String,
    #[serde(default)]
    pub adress: String,
    #[serde(default)]
    pub postnummer: String,
    #[serde(default)]
    pub postort: String,
    /// Code of the område.
    pub omrade: Option<String>,
    #[serde(default)]
    pub sprak: String,
    #[serde(default)]
    pub storstil: bool,
    #[serde(default)]
    pub skyddad: bool,
    #[serde(default)]
    pub ombud: Vec<NyttOmbud>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NyttOmbud {
    pub typ: OmbudTyp,
    pub namn: String,
    pub adress: String,
    pub postnummer: String,
    pub postort: String,
}

/// The most hits a search returns; more than a screenful helps nobody.
pub const MAX_TRAFFAR: usize = 50;

impl Store {
    pub fn ny_brukare(&self, aktor: &Aktor, ny: &NyBrukare) -> Resultat<String> {
        let v = self.validera_brukare(ny)?;
        self.i_transaktion(|tx| {
            let id = infoga_brukare(tx, &v)?;
            logg::skriv(tx, aktor, "skapa", "brukare", &id, "")?;
            Ok(id)
        })
    }

    /// Changes a brukare's record: names, address, område, language, large print and ombud (the
    /// list sent replaces the old one: an ombud left out has ended, a new one is added). Checked
    /// exactly as a new brukare and an imported one are ([`Store::validera_brukare`]). The
    /// personnummer and the skyddad mark are not changed here. The change is logged with the
    /// fields that changed, not their values.
    pub fn andra_brukare(&self, aktor: &Aktor, id: &str, ny: &NyBrukare) -> Resultat<()> {
        let (pnr, skyddad): (String, bool) = self
            .conn
            .rad("SELECT personnummer, skyddad FROM brukare WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(|| Lagringsfel::HittasInte { typ: "brukare", id: id.to_owned() })?;
        let v = self.validera_brukare(&NyBrukare { personnummer: pnr, skyddad, ..ny.clone() })?;
        self.i_transaktion(|tx| {
            let hela = format!("{} {}", v.fornamn, v.efternamn);
            let fore: Option<String> =
                tx.rad("SELECT omrade_id FROM brukare WHERE id = ?1", [id], |r| r.get(0))?;
            tx.execute(
                "UPDATE brukare SET fornamn = ?2, efternamn = ?3, co = ?4, adress = ?5, postnummer = ?6, postort = ?7,
                    omrade_id = ?8, sprak = ?9, storstil = ?10, namn_gemener = ?11, namn_vikt = ?12, fornamn_vikt = ?13,
                    efternamn_vikt = ?14, andrad = ?15
                 WHERE id = ?1",
                params![
                    id,
                    v.fornamn,
                    v.efternamn,
                    v.co,
                    v.adress,
                    v.postnummer,
                    v.postort,
                    v.omrade_id,
                    v.sprak,
                    v.storstil,
                    hela.to_lowercase(),
                    vika(&hela),
                    vika(&v.fornamn),
                    vika(&v.efternamn),
                    nu()
                ],
            )?;
            tx.execute("DELETE FROM ombud WHERE brukare_id = ?1", [id])?;
            let tid = nu();
            for o in &v.ombud {
                tx.execute(
                    "INSERT INTO ombud (id, brukare_id, typ, namn, adress, postnummer, postort, skapad, andrad)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                    params![ny_id(), id, o.typ.kod(), o.namn, o.adress, o.postnummer, o.postort, tid],
                )?;
            }
            // A move: a provider that does not work in the new område is not changed, but its
            // beslut is marked for a new choice (the worklist and the brukare's page say so).
            if fore != v.omrade_id {
                crate::val::markera_flytt(tx, aktor, id, v.omrade_id.as_deref())?;
            }
            logg::skriv(tx, aktor, "andra", "brukare", id, &format!("ombud {}", v.ombud.len()))
        })
    }

    /// Checks everything about a new brukare that can be checked without writing.
    pub(crate) fn validera_brukare(&self, ny: &NyBrukare) -> Resultat<ValideradBrukare> {
        let mut ombud = Vec::new();
        for o in &ny.ombud {
            ombud.push(NyttOmbud {
                typ: o.typ,
                namn: kontrollera_text(Falt::NAMN, &o.namn)?,
                adress: kontrollera_text(Falt::ADRESS, &o.adress)?,
                postnummer: kontrollera_postnummer(&o.postnummer)?,
                postort: kontrollera_text(Falt::POSTORT, &o.postort)?,
            });
        }
        Ok(ValideradBrukare {
            pnr: Personnummer::tolka(&ny.personnummer, idag())?,
            fornamn: kontrollera_text(Falt::FORNAMN, &ny.fornamn)?,
            efternamn: kontrollera_text(Falt::EFTERNAMN, &ny.efternamn)?,
            co: kontrollera_text(Falt::CO, &ny.co)?,
            adress: kontrollera_text(Falt::ADRESS, &ny.adress)?,
            postnummer: if ny.postnummer.trim().is_empty() {
                String::new()
            } else {
                kontrollera_postnummer(&ny.postnummer)?
            },
            postort: kontrollera_text(Falt::POSTORT, &ny.postort)?,
            sprak: if ny.sprak.trim().is_empty() {
                "sv".to_owned()
            } else {
                kontrollera_sprak(std::slice::from_ref(&ny.sprak))?
            },
            omrade_id: ny
                .omrade
                .as_deref()
                .filter(|k| !k.trim().is_empty())
                .map(|k| self.omrade_id(k))
                .transpose()?,
            storstil: ny.storstil,
            skyddad: ny.skyddad,
            ombud,
        })
    }

    /// Opens a brukare's record. The reading is logged. A brukare with skyddade
    /// personuppgifter is refused with [`Lagringsfel::SkalKravs`]: open them with
    /// [`Store::oppna_brukare`] and a reason.
    /// The language a brukare's letters are written in now, or `None` for no such brukare.
    /// Not logged and shown to nobody: a change of the record compares with it (a language the
    /// organisation no longer offers may be kept, not chosen anew).
    pub fn brukarens_sprak(&self, id: &str) -> Resultat<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT sprak FROM brukare WHERE id = ?1", [id], |r| r.get(0))
            .optional()?)
    }

    pub fn brukare(&self, aktor: &Aktor, id: &str) -> Resultat<Brukare> {
        self.oppna_brukare(aktor, id, None)
    }

    /// Opens a brukare's record for a handläggare. The reading is logged with who and when, and
    /// for a brukare with skyddade personuppgifter with the reason the handläggare gives; without
    /// a reason such a record is not opened ([`Lagringsfel::SkalKravs`]) and the refusal is logged.
    pub fn oppna_brukare(&self, aktor: &Aktor, id: &str, skal: Option<&str>) -> Resultat<Brukare> {
        let skal = skal
            .filter(|s| !s.trim().is_empty())
            .map(|s| kontrollera_text(Falt::SKAL, s))
            .transpose()?;
        let skyddad: Option<bool> = self
            .conn
            .rad("SELECT skyddad FROM brukare WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        if !far_oppna_brukare(skyddad == Some(true), skal.as_deref()) {
            self.logga_nekad(aktor, "brukare", id, "skal saknas")?;
            return Err(Lagringsfel::SkalKravs);
        }
        let detalj = match (skyddad, &skal) {
            (Some(true), Some(s)) => serde_json::json!({ "skal": s }).to_string(),
            _ => String::new(),
        };
        self.las_brukare(aktor, id, &detalj)
    }

    /// Reads the record for a document addressed to the brukare (the letter, the decision), the
    /// one place their address may go. Logged as a reading for that document.
    pub(crate) fn brukare_for_dokument(&self, aktor: &Aktor, id: &str) -> Resultat<Brukare> {
        self.las_brukare(aktor, id, "dokument")
    }

    fn las_brukare(&self, aktor: &Aktor, id: &str, detalj: &str) -> Resultat<Brukare> {
        self.i_transaktion(|tx| {
            let b = tx
                .rad(
                    "SELECT b.id, b.personnummer, b.fornamn, b.efternamn, b.co, b.adress, b.postnummer, b.postort, o.kod,
                        b.sprak, b.storstil, b.skyddad
                     FROM brukare b LEFT JOIN omrade o ON o.id = b.omrade_id WHERE b.id = ?1",
                    [id],
                    |r| {
                        Ok(Brukare {
                            id: r.get(0)?,
                            personnummer: formatera_pnr(&r.get::<_, String>(1)?),
                            fornamn: r.get(2)?,
                            efternamn: r.get(3)?,
                            co: r.get(4)?,
                            adress: r.get(5)?,
                            postnummer: r.get(6)?,
                            postort: r.get(7)?,
                            omrade: r.get(8)?,
                            sprak: r.get(9)?,
                            storstil: r.get(10)?,
                            skyddad: r.get(11)?,
                            ombud: Vec::new(),
                        })
                    },
                )
                .optional()?
                .ok_or_else(|| Lagringsfel::HittasInte { typ: "brukare", id: id.to_owned() })?;
            let mut stmt = tx.prepare(
                "SELECT id, typ, namn, adress, postnummer, postort FROM ombud WHERE brukare_id = ?1 ORDER BY skapad, rowid",
            )?;
            let ombud = stmt
                .query_map([id], |r| {
                    Ok((r.get::<_, String>(1)?, Ombud {
                        id: r.get(0)?,
                        typ: OmbudTyp::Annat,
                        namn: r.get(2)?,
                        adress: r.get(3)?,
                        postnummer: r.get(4)?,
                        postort: r.get(5)?,
                    }))
                })?
                .map(|r| {
                    let (typ, o) = r?;
                    Ok(Ombud { typ: OmbudTyp::fran_kod(&typ)?, ..o })
                })
                .collect::<Resultat<Vec<_>>>()?;
            drop(stmt);
            logg::skriv(tx, aktor, "las", "brukare", id, detalj)?;
            Ok(Brukare { ombud, ..b })
        })
    }

    /// Finds brukare by any part of the name (case and diacritics ignored) or by personnummer
    /// in any common form, best matches first: the exact name as typed, then whole words, then
    /// word beginnings, then anywhere in the name. The search and what it showed are logged.
    pub fn sok_brukare(
        &self,
        aktor: &Aktor,
        fraga: &str,
        grans: usize,
    ) -> Resultat<Vec<BrukareTraff>> {
        let fraga = fraga.trim();
        let grans = grans.clamp(1, MAX_TRAFFAR);
        // Longer queries are not names; cutting keeps a pasted text from costing anything.
        let fraga: String = fraga.chars().take(100).collect();
        // The same reading of a pasted number as the import's (en dash, full-width digits…).
        let som_nummer = valfri_domain::normalisera_personnummer(&fraga);
        let traffar = if ser_ut_som_nummer(som_nummer.trim()) {
            self.sok_pnr(som_nummer.trim(), grans)?
        } else {
            self.sok_namn(&fraga, grans)?
        };
        self.i_transaktion(|tx| {
            let ider: Vec<&str> = traffar.iter().map(|t| t.id.as_str()).collect();
            let detalj = serde_json::json!({ "fraga": fraga, "visade": ider }).to_string();
            logg::skriv(tx, aktor, "sok", "brukare", "", &detalj)
        })?;
        Ok(traffar)
    }

    fn sok_pnr(&self, fraga: &str, grans: usize) -> Resultat<Vec<BrukareTraff>> {
        if let Ok(pnr) = Personnummer::tolka(fraga, idag()) {
            return self.traffar(
                &format!("{TRAFF_SQL} WHERE b.personnummer = ?1 LIMIT ?2"),
                params![pnr.som_tolv_siffror(), grans as i64],
            );
        }
        let siffror: String = fraga.chars().filter(char::is_ascii_digit).collect();
        let (lag, hog) = (siffror.clone(), format!("{siffror}:"));
        self.traffar(
            &format!(
                "{TRAFF_SQL} WHERE b.personnummer >= ?1 AND b.personnummer < ?2
                 UNION SELECT * FROM ({TRAFF_SQL} WHERE substr(b.personnummer, 3) >= ?1 AND substr(b.personnummer, 3) < ?2)
                 ORDER BY 2 LIMIT ?3"
            ),
            params![lag, hog, grans as i64],
        )
    }

    fn sok_namn(&self, fraga: &str, grans: usize) -> Resultat<Vec<BrukareTraff>> {
        // A "word" of punctuation alone (the `);` of a pasted fragment) names nothing.
        let ord: Vec<String> = vika(fraga)
            .split_whitespace()
            .filter(|o| o.chars().any(char::is_alphanumeric))
            .map(str::to_owned)
            .collect();
        if ord.is_empty() {
            return Ok(Vec::new());
        }
        // Most searches are the start of a name, and a common one has thousands of matches: the
        // page is taken from the word starts alone when they fill it, since every other match
        // ranks after them. A word with other characters than letters and digits (which LIKE
        // and the ranges might read otherwise) is searched the whole way.
        if ord.iter().all(|o| o.chars().all(char::is_alphanumeric)) {
            let sida = self.sok_ordborjan(fraga, &ord, grans)?;
            if sida.len() >= grans {
                return Ok(sida);
            }
        }
        self.sok_namn_overallt(fraga, &ord, grans)
    }

    /// Every match and its rank (see [`Store::sok_brukare`]), best first, at most `grans`.
    fn sok_namn_overallt(
        &self,
        fraga: &str,
        ord: &[String],
        grans: usize,
    ) -> Resultat<Vec<BrukareTraff>> {
        let exakt = fraga.to_lowercase();
        // Every word must occur somewhere in the folded name. Words of three letters or more
        // use the trigram index; one or two letters mean the start of a first or last name
        // (anything else would match half the register), found through their indexes.
        let langa: Vec<&String> = ord.iter().filter(|o| o.chars().count() >= 3).collect();
        let mut villkor = Vec::new();
        let mut varden: Vec<rusqlite::types::Value> = vec![exakt.into(), vika(fraga).into()];
        if !langa.is_empty() {
            let match_uttryck = langa
                .iter()
                .map(|o| format!("\"{}\"", o.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(" ");
            varden.push(match_uttryck.into());
            villkor.push(format!(
                "b.rowid IN (SELECT rowid FROM brukare_sok WHERE brukare_sok MATCH ?{})",
                varden.len()
            ));
        }
        for o in ord.iter().filter(|o| o.chars().count() < 3) {
            varden.push(o.clone().into());
            varden.push(format!("{o}\u{10FFFF}").into());
            let (lag, hog) = (varden.len() - 1, varden.len());
            villkor.push(format!(
                "((b.fornamn_vikt >= ?{lag} AND b.fornamn_vikt < ?{hog}) OR (b.efternamn_vikt >= ?{lag} AND b.efternamn_vikt < ?{hog}))"
            ));
        }
        let rang = rang_sql(ord, &mut varden);
        varden.push(i64::try_from(grans).unwrap_or(50).into());
        let sql = format!(
            "SELECT b.id, b.personnummer, b.fornamn, b.efternamn, o.kod, b.skyddad, {rang} AS rang
             FROM brukare b LEFT JOIN omrade o ON o.id = b.omrade_id
             WHERE {villkor}
             ORDER BY rang, b.efternamn, b.fornamn, b.personnummer LIMIT ?{n}",
            villkor = villkor.join(" AND "),
            n = varden.len(),
        );
        self.traffar(&sql, rusqlite::params_from_iter(varden))
    }

    /// The best `grans` of the matches where every word starts a word of the name (ranks 0 to
    /// 2), found through the name indexes of migration 14 without reading a row: a word starts
    /// a first name, the second part of one or a last name, and a name of more words is read
    /// from its own partial index. Only the page's rows are read from the table.
    fn sok_ordborjan(
        &self,
        fraga: &str,
        ord: &[String],
        grans: usize,
    ) -> Resultat<Vec<BrukareTraff>> {
        let mut varden: Vec<rusqlite::types::Value> =
            vec![fraga.to_lowercase().into(), vika(fraga).into()];
        // Each word's range, as the whole search reads it: ?lag <= text < ?hog.
        let mut intervall = Vec::new();
        for o in ord {
            varden.push(o.clone().into());
            varden.push(format!("{o}\u{10FFFF}").into());
            intervall.push((varden.len() - 1, varden.len(), o.chars().count() >= 3));
        }
        let borjar =
            |kol: &str, (lag, hog): (usize, usize)| format!("({kol} >= ?{lag} AND {kol} < ?{hog})");
        // A short word must start the first or the last name (as in the whole search); a long
        // one may start any of their parts, and must occur in the folded name.
        let ordvillkor = |&(lag, hog, lang): &(usize, usize, bool)| {
            let mut alt =
                vec![borjar("b.fornamn_vikt", (lag, hog)), borjar("b.efternamn_vikt", (lag, hog))];
            if lang {
                alt.push(format!("({HAR_ANDRA} AND {})", borjar(ANDRA, (lag, hog))));
            }
            format!("({})", alt.join(" OR "))
        };
        let ovriga = |forsta: bool| {
            intervall
                .iter()
                .skip(usize::from(forsta))
                .map(ordvillkor)
                .chain(
                    intervall
                        .iter()
                        .filter(|i| i.2)
                        .map(|&(lag, _, _)| format!("instr(b.namn_vikt, ?{lag}) > 0")),
                )
                .collect::<Vec<_>>()
        };
        let Some(&(lag, hog, lang)) = intervall.first() else { return Ok(Vec::new()) };
        // A name of three parts or more (a space in the last name, two in the first): its own
        // part below, so the others are disjoint and need no de-duplication.
        // In a name of one or two first names and one last name the words are exactly the
        // first name (or its two parts) and the last name, so the rank of a row found here is
        // the rule's (`rang_sql`) by comparisons, without LIKE: 0 the name as typed, 1 every
        // word whole, else 2 (every word a word start, as found).
        let hela_ord: Vec<String> = intervall
            .iter()
            .map(|&(o, _, _)| {
                format!(
                    "(b.efternamn_vikt = ?{o} OR b.fornamn_vikt = ?{o} OR ({HAR_ANDRA} AND ({ANDRA} = ?{o}
                      OR substr(b.fornamn_vikt, 1, instr(b.fornamn_vikt, ' ') - 1) = ?{o})))"
                )
            })
            .collect();
        let enkel_rang = format!(
            // `lower(x) = ?1` implies that x folded is the query folded (?2), which the index
            // compares first, so `lower` runs only for the few rows that can be the name as typed.
            "CASE WHEN b.namn_gemener = ?1 OR (b.efternamn_vikt = ?2 AND lower(b.efternamn) = ?1)
                    OR (b.fornamn_vikt = ?2 AND lower(b.fornamn) = ?1) THEN 0
                  WHEN b.namn_vikt = ?2 OR ({}) THEN 1 ELSE 2 END",
            hela_ord.join(" AND ")
        );
        let kolumner = |rang: &str| {
            format!("b.rowid AS rad, b.efternamn, b.fornamn, b.personnummer, {rang} AS rang")
        };
        let med = |villkor: Vec<String>| {
            let mut v = villkor;
            v.push(format!("NOT {FLERORD}"));
            v.extend(ovriga(true));
            v.join(" AND ")
        };
        let (e, f) = (borjar("b.efternamn_vikt", (lag, hog)), borjar("b.fornamn_vikt", (lag, hog)));
        let mut delar = vec![
            format!(
                "SELECT {} FROM brukare b INDEXED BY brukare_sok_efternamn WHERE {}",
                kolumner(&enkel_rang),
                med(vec![e.clone()])
            ),
            format!(
                "SELECT {} FROM brukare b INDEXED BY brukare_sok_fornamn WHERE {}",
                kolumner(&enkel_rang),
                med(vec![f.clone(), format!("NOT {e}")])
            ),
        ];
        if lang {
            delar.push(format!(
                "SELECT {} FROM brukare b INDEXED BY brukare_sok_andra_fornamn WHERE {}",
                kolumner(&enkel_rang),
                med(vec![
                    HAR_ANDRA.to_owned(),
                    borjar(ANDRA, (lag, hog)),
                    format!("NOT {e}"),
                    format!("NOT {f}")
                ])
            ));
        }
        // A name of three parts or more: every match, ranked by the whole rule.
        let mut flerord = vec![FLERORD.to_owned()];
        for &(lag, hog, lang) in &intervall {
            flerord.push(if lang {
                format!("instr(b.namn_vikt, ?{lag}) > 0")
            } else {
                format!(
                    "({} OR {})",
                    borjar("b.fornamn_vikt", (lag, hog)),
                    borjar("b.efternamn_vikt", (lag, hog))
                )
            });
        }
        let rang = rang_sql(ord, &mut varden);
        delar.push(format!(
            "SELECT {} FROM brukare b INDEXED BY brukare_sok_flerord WHERE {}",
            kolumner(&rang),
            flerord.join(" AND ")
        ));
        varden.push(i64::try_from(grans).unwrap_or(50).into());
        let sql = format!(
            "WITH k AS ({delar}),
             sida AS (SELECT rad, efternamn, fornamn, personnummer, rang FROM k
                      WHERE rang <= 2 ORDER BY rang, efternamn, fornamn, personnummer LIMIT ?{n})
             SELECT b.id, b.personnummer, b.fornamn, b.efternamn, o.kod, b.skyddad
             FROM sida JOIN brukare b ON b.rowid = sida.rad LEFT JOIN omrade o ON o.id = b.omrade_id
             ORDER BY sida.rang, sida.efternamn, sida.fornamn, sida.personnummer",
            delar = delar.join(" UNION ALL "),
            n = varden.len(),
        );
        self.traffar(&sql, rusqlite::params_from_iter(varden))
    }

    fn traffar(&self, sql: &str, p: impl rusqlite::Params) -> Resultat<Vec<BrukareTraff>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rader = stmt.query_map(p, |r| {
            Ok(BrukareTraff {
                id: r.get(0)?,
                personnummer: formatera_pnr(&r.get::<_, String>(1)?),
                fornamn: r.get(2)?,
                efternamn: r.get(3)?,
                omrade: r.get(4)?,
                skyddad: r.get(5)?,
            })
        })?;
        Ok(rader.collect::<Result<_, _>>()?)
    }

    /// Resolves how a person names a brukare on the command line: an id, or a personnummer in
    /// any form. Not logged: it reveals nothing beyond what was typed.
    pub fn brukare_id(&self, text: &str) -> Resultat<String> {
        let text = text.trim();
        let nyckel = Personnummer::tolka(text, idag()).map(|p| p.som_tolv_siffror().to_owned());
        let id: Option<String> = match &nyckel {
            Ok(pnr) => self
                .conn
                .rad("SELECT id FROM brukare WHERE personnummer = ?1", [pnr], |r| r.get(0))
                .optional()?,
            Err(_) => self
                .conn
                .rad("SELECT id FROM brukare WHERE id = ?1", [text], |r| r.get(0))
                .optional()?,
        };
        match (id, nyckel) {
            (Some(id), _) => Ok(id),
            (None, Err(fel)) if text.chars().filter(char::is_ascii_digit).count() >= 10 => {
                Err(fel.into())
            }
            (None, _) => Err(Lagringsfel::HittasInte { typ: "brukare", id: text.to_owned() }),
        }
    }

    pub fn antal_brukare(&self) -> Resultat<i64> {
        Ok(self.conn.rad("SELECT count(*) FROM brukare", [], |r| r.get(0))?)
    }
}

/// A brukare whose every field has passed validation.
pub(crate) struct ValideradBrukare {
    pub(crate) pnr: Personnummer,
    fornamn: String,
    efternamn: String,
    co: String,
    adress: String,
    postnummer: String,
    postort: String,
    sprak: String,
    omrade_id: Option<String>,
    storstil: bool,
    skyddad: bool,
    ombud: Vec<NyttOmbud>,
}

/// Inserts inside the caller's transaction; a personnummer that exists already is refused.
pub(crate) fn infoga_brukare(tx: &Transaction<'_>, v: &ValideradBrukare) -> Resultat<String> {
    let finns: bool = tx.rad(
        "SELECT EXISTS (SELECT 1 FROM brukare WHERE personnummer = ?1)",
        [v.pnr.som_tolv_siffror()],
        |r| r.get(0),
    )?;
    if finns {
        return Err(Lagringsfel::BrukareFinns);
    }
    let id = ny_id();
    let tid = nu();
    let hela = format!("{} {}", v.fornamn, v.efternamn);
    tx.prepare_cached(
        "INSERT INTO brukare (id, personnummer, fornamn, efternamn, co, adress, postnummer, postort, omrade_id, sprak,
            storstil, skyddad, namn_gemener, namn_vikt, fornamn_vikt, efternamn_vikt, skapad, andrad)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
    )?
    .execute(params![
        id,
        v.pnr.som_tolv_siffror(),
        v.fornamn,
        v.efternamn,
        v.co,
        v.adress,
        v.postnummer,
        v.postort,
        v.omrade_id,
        v.sprak,
        v.storstil,
        v.skyddad,
        hela.to_lowercase(),
        vika(&hela),
        vika(&v.fornamn),
        vika(&v.efternamn),
        tid
    ])?;
    for o in &v.ombud {
        tx.prepare_cached(
            "INSERT INTO ombud (id, brukare_id, typ, namn, adress, postnummer, postort, skapad, andrad)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        )?
        .execute(params![ny_id(), id, o.typ.kod(), o.namn, o.adress, o.postnummer, o.postort, tid])?;
    }
    Ok(id)
}

/// The rank of a match, as SQL over `b`'s names (`?1` the query in lower case, `?2` folded):
/// 0 the name as typed; 1 every word whole; 2 every word a word start; 3 anywhere. Pushes the
/// words' patterns onto `varden`.
fn rang_sql(ord: &[String], varden: &mut Vec<rusqlite::types::Value>) -> String {
    let mut ord_hel = Vec::new();
    let mut ord_borjan = Vec::new();
    for o in ord {
        varden.push(format!("% {o} %").into());
        ord_hel.push(format!("(' ' || b.namn_vikt || ' ') LIKE ?{}", varden.len()));
        varden.push(format!("% {o}%").into());
        ord_borjan.push(format!("(' ' || b.namn_vikt) LIKE ?{}", varden.len()));
    }
    format!(
        "CASE WHEN b.namn_gemener = ?1 OR lower(b.efternamn) = ?1 OR lower(b.fornamn) = ?1 THEN 0
              WHEN b.namn_vikt = ?2 OR ({hel}) THEN 1
              WHEN ({borjan}) THEN 2 ELSE 3 END",
        hel = ord_hel.join(" AND "),
        borjan = ord_borjan.join(" AND "),
    )
}

/// A search's SQL over `b`: the second part of a first name of two ("anna lena" → "lena").
const ANDRA: &str = "substr(b.fornamn_vikt, instr(b.fornamn_vikt, ' ') + 1)";
/// The first name has a second part.
const HAR_ANDRA: &str = "instr(b.fornamn_vikt, ' ') > 0";
/// A name of three parts or more (a space in the last name, two in the first): the partial
/// index `brukare_sok_flerord` holds these, and its condition must read exactly so.
const FLERORD: &str = "(instr(b.efternamn_vikt, ' ') > 0 OR instr(substr(b.fornamn_vikt, instr(b.fornamn_vikt, ' ') + 1), ' ') > 0)";

const TRAFF_SQL: &str = "SELECT b.id, b.personnummer, b.fornamn, b.efternamn, o.kod, b.skyddad
    FROM brukare b LEFT JOIN omrade o ON o.id = b.omrade_id";

fn ser_ut_som_nummer(fraga: &str) -> bool {
    let siffror = fraga.chars().filter(char::is_ascii_digit).count();
    siffror >= 2 && fraga.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | ' '))
}

pub(crate) fn formatera_pnr(tolv: &str) -> String {
    tolv.parse::<Personnummer>().map_or_else(|_| tolv.to_owned(), |p| p.to_string())
}
