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
