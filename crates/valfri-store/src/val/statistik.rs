//! Statistics of choice per insats and provider, without personal data.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Statistics for one insats over a period. No personal data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Insatsstatistik {
    pub insats_kod: String,
    pub aktiva_val: u32,
    pub ickeval: u32,
    pub byten: u32,
    /// Share of first choices that were aktiva val, 0–1; `None` when there were none.
    pub andel_aktivt_val: Option<f64>,
    pub utforare: Vec<Utforarstatistik>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Utforarstatistik {
    pub utforare_id: String,
    pub namn: String,
    /// Assignments in the period (aktivt val, byte to, ickeval).
    pub tilldelningar: u32,
    pub ickeval: u32,
    /// Brukare now.
    pub aktiva: u32,
    pub kapacitetstak: Option<u32>,
}

impl Store {
    /// Per insats over `[fran, till]`: aktivt val against ickeval, byten, assignments per
    /// provider and capacity use now. Counts only; no person is named.
    pub fn statistik(&self, fran: NaiveDate, till: NaiveDate) -> Resultat<Vec<Insatsstatistik>> {
        let mut ut = Vec::new();
        for insats in self.insatser("sv")? {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT u.id, u.namn,
                    (SELECT count(*) FROM val v WHERE v.utforare_id = u.id AND v.insats_id = g.insats_id AND v.typ <> 'overford'
                        AND v.valdatum BETWEEN ?2 AND ?3),
                    (SELECT count(*) FROM val v WHERE v.utforare_id = u.id AND v.insats_id = g.insats_id AND v.typ = 'ickeval'
                        AND v.valdatum BETWEEN ?2 AND ?3),
                    {},
                    g.kapacitetstak
                 FROM godkannande g JOIN utforare u ON u.id = g.utforare_id WHERE g.insats_id = ?1 ORDER BY u.namn, u.id",
                super::upptagna_platser_sql("?4")
            ))?;
            let utforare = stmt
                .query_map(
                    params![
                        insats.id,
                        fran.to_string(),
                        till.to_string(),
                        crate::idag().to_string()
                    ],
                    |r| {
                        Ok(Utforarstatistik {
                            utforare_id: r.get(0)?,
                            namn: r.get(1)?,
                            tilldelningar: r.get(2)?,
                            ickeval: r.get(3)?,
                            aktiva: r.get(4)?,
                            kapacitetstak: r.get(5)?,
                        })
                    },
                )?
                .collect::<Result<Vec<_>, _>>()?;
            let antal = |typ: &str| -> Resultat<u32> {
                Ok(self.conn.rad(
                    "SELECT count(*) FROM val WHERE insats_id = ?1 AND typ = ?2 AND valdatum BETWEEN ?3 AND ?4",
                    params![insats.id, typ, fran.to_string(), till.to_string()],
                    |r| r.get(0),
                )?)
            };
            let (aktiva_val, ickeval, byten) =
                (antal("aktivt_val")?, antal("ickeval")?, antal("byte")?);
            let forsta = aktiva_val + ickeval;
            ut.push(Insatsstatistik {
                insats_kod: insats.kod,
                aktiva_val,
                ickeval,
                byten,
                andel_aktivt_val: (forsta > 0).then(|| f64::from(aktiva_val) / f64::from(forsta)),
                utforare,
            });
        }
        Ok(ut)
    }
}

/// Aktivt val and ickeval in one calendar month (`YYYY-MM`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Manadsantal {
    pub manad: String,
    pub aktiva_val: u32,
    pub ickeval: u32,
}

/// One insats month by month: its totals and each provider's. Counts only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Insatsmanader {
    pub insats_kod: String,
    pub insats_namn: String,
    /// Every month of the period, oldest first, a month without choices as zeros.
    pub manader: Vec<Manadsantal>,
    /// The providers approved for the insats (and any other chosen in the period), in Swedish
    /// name order, each with every month of the period.
    pub utforare: Vec<Utforarmanader>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Utforarmanader {
    pub utforare_id: String,
    pub namn: String,
    pub manader: Vec<Manadsantal>,
}

impl Store {
    /// Aktivt val against ickeval per insats and provider, per calendar month of
    /// `[fran, till]`, by the date of the choice. The same choices [`Store::statistik`] counts
    /// as `aktiva_val` and `ickeval`, split by month; insats names in `sprak`.
    pub fn statistik_per_manad(
        &self,
        fran: NaiveDate,
        till: NaiveDate,
        sprak: &str,
    ) -> Resultat<Vec<Insatsmanader>> {
        let manader = valfri_domain::manader(fran, till);
        let tomma = || -> Vec<Manadsantal> {
            manader
                .iter()
                .map(|m| Manadsantal { manad: m.clone(), aktiva_val: 0, ickeval: 0 })
                .collect()
        };
        let mut ut = Vec::new();
        for insats in self.insatser(sprak)? {
            let mut utforare: Vec<Utforarmanader> = self
                .conn
                .prepare_cached(
                    "SELECT u.id, u.namn FROM utforare u WHERE u.id IN (
                        SELECT g.utforare_id FROM godkannande g WHERE g.insats_id = ?1
                        UNION SELECT v.utforare_id FROM val v WHERE v.insats_id = ?1
                            AND v.typ IN ('aktivt_val', 'ickeval') AND v.valdatum BETWEEN ?2 AND ?3)",
                )?
                .query_map(params![insats.id, fran.to_string(), till.to_string()], |r| {
                    Ok(Utforarmanader { utforare_id: r.get(0)?, namn: r.get(1)?, manader: tomma() })
                })?
                .collect::<Result<_, _>>()?;
            utforare.sort_by_cached_key(|u| {
                (valfri_domain::val::svensk_sorteringsnyckel(&u.namn), u.utforare_id.clone())
            });
            let mut summa = tomma();
            let mut stmt = self.conn.prepare_cached(
                "SELECT substr(v.valdatum, 1, 7), v.utforare_id,
                    sum(v.typ = 'aktivt_val'), sum(v.typ = 'ickeval')
                 FROM val v WHERE v.insats_id = ?1 AND v.typ IN ('aktivt_val', 'ickeval')
                    AND v.valdatum BETWEEN ?2 AND ?3
                 GROUP BY 1, 2",
            )?;
            let rader =
                stmt.query_map(params![insats.id, fran.to_string(), till.to_string()], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, u32>(2)?,
                        r.get::<_, u32>(3)?,
                    ))
                })?;
            for rad in rader {
                let (manad, utforare_id, aktiva_val, ickeval) = rad?;
                let Some(i) = manader.iter().position(|m| *m == manad) else { continue };
                summa[i].aktiva_val += aktiva_val;
                summa[i].ickeval += ickeval;
                if let Some(u) = utforare.iter_mut().find(|u| u.utforare_id == utforare_id) {
                    u.manader[i].aktiva_val += aktiva_val;
                    u.manader[i].ickeval += ickeval;
                }
            }
            ut.push(Insatsmanader {
                insats_kod: insats.kod,
                insats_namn: insats.namn,
                manader: summa,
                utforare,
            });
        }
        Ok(ut)
    }
}
