//! Today's worklists.

#[allow(clippy::wildcard_imports)]
use super::*;

/// A line on a worklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Arbetspost {
    pub beslut_id: String,
    pub brukare_id: String,
    pub namn: String,
    pub insats_kod: String,
    pub datum: Option<NaiveDate>,
    /// The date shown has passed: the item is late (`valfri_domain::beslutsregler::forsenad`).
    pub forsenad: bool,
    /// Why a new choice is needed (`upphort`, `ej_omrade`, `tak`): the omval list only.
    pub orsak: Option<String>,
    /// The provider the brukare has now: the omval list only.
    pub utforare: Option<String>,
}

/// A provider's capacity for an insats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kapacitet {
    pub utforare_id: String,
    pub namn: String,
    pub insats_kod: String,
    pub aktiva: u32,
    pub kapacitetstak: u32,
    pub bekraftad: Option<NaiveDate>,
}

/// Today's work.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Arbetslistor {
    /// Valfrihetsinformation sent, svarsdatum passed, no provider: ickeval is due.
    pub ickeval: Vec<Arbetspost>,
    /// Uppföljning due within 30 days.
    pub uppfoljning: Vec<Arbetspost>,
    /// Beslut that end within 30 days.
    pub upphor: Vec<Arbetspost>,
    /// Brukare marked for a new choice after a register change.
    pub omval: Vec<Arbetspost>,
    /// Waiting brukare for whom a place is free at the provider they wait for, oldest first.
    pub plats_ledig: Vec<super::Kopost>,
    /// Drafts not yet made, oldest first.
    pub utkast: Vec<Arbetspost>,
    /// Providers at or above 90 % of their cap.
    pub nara_tak: Vec<Kapacitet>,
    /// Caps not confirmed within the municipality's limit (default 90 days).
    pub gamla_tak: Vec<Kapacitet>,
}

impl Store {
    /// Today's worklists for the whole office. Reading them is logged: they name brukare.
    pub fn arbetslistor(&self, aktor: &Aktor, dag: NaiveDate) -> Resultat<Arbetslistor> {
        self.arbetslistor_for(aktor, dag, false)
    }

    /// Today's worklists: with `bara_egna` only the beslut of the handläggare `aktor` is (the
    /// window's default), else the whole office's. Late items are marked, and every list is
    /// ordered by its date, so the late come first. The providers' caps concern everyone.
    pub fn arbetslistor_for(
        &self,
        aktor: &Aktor,
        dag: NaiveDate,
        bara_egna: bool,
    ) -> Resultat<Arbetslistor> {
        const BAS: &str = "SELECT b.id, b.brukare_id, br.fornamn || ' ' || br.efternamn, i.kod";
        const FRAN: &str = "FROM beslut b JOIN brukare br ON br.id = b.brukare_id JOIN insats i ON i.id = b.insats_id";
        let kommun = self.kommun()?;
        let om30 = (dag + Days::new(30)).to_string();
        let dagstr = dag.to_string();
        let gammal = (dag - Days::new(u64::from(kommun.tak_max_alder_dagar))).to_string();
        self.i_transaktion(|tx| {
            let poster = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Resultat<Vec<Arbetspost>> {
                let mut stmt = tx.prepare_cached(sql)?;
                let extra = stmt.column_count() > 5;
                let rader = stmt.query_map(p, |r| {
                    let valfri = |i: usize| if extra { r.get::<_, Option<String>>(i) } else { Ok(None) };
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, Option<String>>(4)?, (valfri(5)?, valfri(6)?)))
                })?;
                rader
                    .map(|r| {
                        let (beslut_id, brukare_id, namn, insats_kod, d, (orsak, utforare)) = r?;
                        let datum = datum_opt(d)?;
                        let forsenad = valfri_domain::beslutsregler::forsenad(datum, dag);
                        Ok(Arbetspost { beslut_id, brukare_id, namn, insats_kod, datum, forsenad, orsak, utforare })
                    })
                    .collect()
            };
            // ?3 is always the handläggare, so each list takes the same three values.
            let egna = if bara_egna { "b.handlaggare_id = ?3" } else { "?3 IS NOT NULL" };
            let egen = aktor.id.as_str();
            let aktiv = format!("{egna} AND b.status IN ('beslutat', 'verkstallt')");
            let ickeval = poster(
                &format!(
                    "{BAS}, (SELECT max(svarsdatum) FROM information f WHERE f.beslut_id = b.id) AS sd {FRAN}
                     WHERE {aktiv} AND b.utfall <> 'avslag' AND sd < ?1
                       AND NOT EXISTS (SELECT 1 FROM val v WHERE v.beslut_id = b.id AND v.slutdatum IS NULL) ORDER BY sd"
                ),
                &[&dagstr, &dagstr, &egen],
            )?;
            // Due: the latest recorded follow-up's next date, or the beslut's own date when none
            // is recorded (`valfri_domain::beslutsregler::uppfoljning_forfaller`).
            let uppfoljning = poster(
                &format!(
                    "{BAS}, CASE WHEN EXISTS (SELECT 1 FROM uppfoljning u WHERE u.beslut_id = b.id)
                        THEN (SELECT u.nasta FROM uppfoljning u WHERE u.beslut_id = b.id ORDER BY u.datum DESC, u.rowid DESC LIMIT 1)
                        ELSE b.uppfoljning END AS uf
                     {FRAN} WHERE {aktiv} AND uf <= ?1 ORDER BY uf"
                ),
                &[&om30, &om30, &egen],
            )?;
            let upphor = poster(
                &format!("{BAS}, b.giltig_till {FRAN} WHERE {aktiv} AND b.giltig_till BETWEEN ?1 AND ?2 ORDER BY b.giltig_till"),
                &[&dagstr, &om30, &egen],
            )?;
            let omval = poster(
                &format!("{BAS}, substr(m.markerad, 1, 10), m.orsak, mu.namn {FRAN} JOIN omval m ON m.beslut_id = b.id
                          LEFT JOIN utforare mu ON mu.id = m.utforare_id WHERE {egna} ORDER BY m.markerad"),
                &[&dagstr, &dagstr, &egen],
            )?;
            // A mark for a new choice and a draft have a date, but no due date to be late for.
            let inte_sen = |l: Vec<Arbetspost>| -> Vec<Arbetspost> {
                l.into_iter().map(|p| Arbetspost { forsenad: false, ..p }).collect()
            };
            let omval = inte_sen(omval);
            let utkast = poster(
                &format!(
                    "{BAS}, substr(b.skapad, 1, 10) AS d {FRAN}
                     WHERE {egna} AND b.status = 'utkast' ORDER BY b.skapad, b.id"
                ),
                &[&dagstr, &dagstr, &egen],
            )?;
            let utkast = inte_sen(utkast);
            let plats_ledig = super::vantelista::lediga(tx, dag)?;
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT u.id, u.namn, i.kod, g.kapacitetstak, g.kapacitet_bekraftad, g.kapacitet_fran, g.kapacitet_till,
                    {}
                 FROM godkannande g JOIN utforare u ON u.id = g.utforare_id JOIN insats i ON i.id = g.insats_id
                 WHERE g.kapacitetstak IS NOT NULL AND (g.godkand_till IS NULL OR g.godkand_till >= ?1) ORDER BY u.namn, i.kod",
                super::upptagna_platser_sql("?1")
            ))?;
            let mut nara_tak = Vec::new();
            let mut gamla_tak = Vec::new();
            let rader = stmt.query_map([&dagstr], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, u32>(3)?, r.get::<_, Option<String>>(4)?, (r.get::<_, Option<String>>(5)?, r.get::<_, Option<String>>(6)?), r.get::<_, u32>(7)?))
            })?;
            for r in rader {
                let (utforare_id, namn, insats_kod, tak, bekraftad, (fran, till), aktiva) = r?;
                let galler = datum_opt(fran)?.is_none_or(|f| f <= dag) && datum_opt(till)?.is_none_or(|t| dag <= t);
                let k = Kapacitet { utforare_id, namn, insats_kod, aktiva, kapacitetstak: tak, bekraftad: datum_opt(bekraftad.clone())? };
                if galler && u64::from(aktiva) * 10 >= u64::from(tak) * 9 {
                    nara_tak.push(k.clone());
                }
                if bekraftad.is_none_or(|b| b < gammal) {
                    gamla_tak.push(k);
                }
            }
            drop(stmt);
            logg::skriv(tx, aktor, "las", "arbetslistor", "", &dagstr)?;
            Ok(Arbetslistor {
                ickeval,
                uppfoljning,
                upphor,
                omval,
                plats_ledig,
                utkast,
                nara_tak,
                gamla_tak,
            })
        })
    }
}
