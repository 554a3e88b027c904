//! Ickeval: the insats's alternative when the brukare does not choose, with its stored
//! explanation, and the setting of that alternative.

#[allow(clippy::wildcard_imports)]
use super::*;
use valfri_domain::tilldelning::{Ickevalsfraga, ickeval_start, planera_ickeval};

impl Store {
    /// Applies the insats's ickeval alternative: when the svarsdatum has passed without a choice,
    /// or at once when the brukare says they will not choose. Stores and returns the explanation.
    pub fn ickeval(
        &self,
        aktor: &Aktor,
        beslut_id: &str,
        dag: NaiveDate,
        orsak: IckevalOrsak,
    ) -> Resultat<(String, Ickevalsforklaring)> {
        // Else a date ahead would pass a svarsdatum that has not come.
        kontrollera_handelsedatum(dag, crate::idag())?;
        self.i_transaktion(|tx| ickeval_i(tx, aktor, beslut_id, dag, orsak))
    }

    /// What applying the ickeval alternative now would do: who would be assigned from when. It
    /// is worked out by applying it in a transaction that is then rolled back, so the
    /// confirmation says exactly what the act will do (or refuses as it would).
    pub fn bekrafta_ickeval(
        &self,
        beslut_id: &str,
        dag: NaiveDate,
        orsak: IckevalOrsak,
        sprak: &str,
    ) -> Resultat<Bekraftelse> {
        kontrollera_handelsedatum(dag, crate::idag())?;
        self.provkor(|tx| {
            let aktor = Aktor { id: "system:bekraftelse".into(), namn: String::new(), roll: valfri_domain::Roll::Handlaggare };
            let (val_id, f) = ickeval_i(tx, &aktor, beslut_id, dag, orsak)?;
            let start: String = tx.rad("SELECT startdatum FROM val WHERE id = ?1", [&val_id], |r| r.get(0))?;
            let (brukare_id, insats_kod): (String, String) = tx.rad(
                "SELECT b.brukare_id, i.kod FROM beslut b JOIN insats i ON i.id = b.insats_id WHERE b.id = ?1",
                [beslut_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            Ok(Bekraftelse::Ickeval {
                insats: crate::beslut::insatsnamn(tx, &insats_kod, sprak)?,
                namn: crate::beslut::brukarnamn(tx, &brukare_id)?,
                utforare: f.tilldelad.namn,
                start: datum(&start)?,
            })
        })
    }
}

fn ickeval_i(
    tx: &Transaction<'_>,
    aktor: &Aktor,
    beslut_id: &str,
    dag: NaiveDate,
    orsak: IckevalOrsak,
) -> Resultat<(String, Ickevalsforklaring)> {
    {
        let b = beslutsdata(tx, beslut_id)?;
        let svarsdatum: Option<String> =
            tx.rad("SELECT max(svarsdatum) FROM information WHERE beslut_id = ?1", [&b.id], |r| {
                r.get(0)
            })?;
        let senast_tilldelad: Option<String> = tx
            .rad(
                "SELECT utforare_id FROM ickeval WHERE insats_id = ?1 AND omrade_id IS ?2 AND modell = 'turordning'
                 ORDER BY tid DESC, rowid DESC LIMIT 1",
                params![b.insats_id, b.omrade_id],
                |r| r.get(0),
            )
            .optional()?;
        let fraga = Ickevalsfraga {
            orsak,
            dag,
            har_utforare: aktivt_val(tx, &b.id)?.is_some(),
            svarsdatum: datum_opt(svarsdatum)?,
            senast_tilldelad,
            registerversion: registerversion(tx)?,
        };
        let forklaring = planera_ickeval(&b, &kandidater(tx, &b, dag)?, &fraga)?;
        let start = ickeval_start(&b, dag);
        let val_id = infoga_val(
            tx,
            aktor,
            &NyRad {
                beslut: &b,
                utforare_id: &forklaring.tilldelad.utforare_id,
                typ: ValTyp::Ickeval,
                vem_valde: None,
                informationssatt: None,
                informationssprak: None,
                valdatum: dag,
                startdatum: start,
                ersatter: None,
            },
        )?;
        tx.execute(
                "INSERT INTO ickeval (id, val_id, beslut_id, insats_id, omrade_id, modell, utforare_id, forklaring, tid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    ny_id(),
                    val_id,
                    b.id,
                    b.insats_id,
                    b.omrade_id,
                    b.ickeval.kod(),
                    forklaring.tilldelad.utforare_id,
                    serde_json::to_string(&forklaring)?,
                    nu()
                ],
            )?;
        logg::skriv(tx, aktor, "ickeval", "beslut", &b.id, &serde_json::to_string(&forklaring)?)?;
        Ok((val_id, forklaring))
    }
}

impl Store {
    /// The stored explanations of every ickeval for a beslut.
    pub fn ickevalsforklaringar(&self, beslut_id: &str) -> Resultat<Vec<Ickevalsforklaring>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT forklaring FROM ickeval WHERE beslut_id = ?1 ORDER BY tid, rowid",
        )?;
        let lista = stmt.query_map([beslut_id], |r| r.get::<_, String>(0))?;
        lista.map(|f| Ok(serde_json::from_str(&f?)?)).collect()
    }

    /// Sets an insats's ickeval alternative. Returns `true` when the model is turordning, which
    /// the window and the CLI must follow with Konkurrensverket's warning.
    pub fn satt_ickeval(
        &self,
        aktor: &Aktor,
        insats_kod: &str,
        modell: IckevalModell,
        utsedd: Option<&str>,
        egen_regi_i_turordning: bool,
    ) -> Resultat<bool> {
        self.krav_systemforvaltare(aktor, "insats")?;
        let insats = self.insats(insats_kod, "sv")?;
        let utsedd = match (modell, utsedd) {
            (IckevalModell::Utsedd, Some(u)) => {
                let id = self.utforare_id(u)?;
                if !self.utforare(&id)?.godkannanden.iter().any(|g| g.insats_kod == insats.kod) {
                    return Err(Lagringsfel::InteValbar { skal: "ej_godkand" });
                }
                Some(id)
            }
            (IckevalModell::Utsedd, None) => {
                return Err(valfri_domain::Valideringsfel::Saknas { falt: "utforare" }.into());
            }
            _ => None,
        };
        self.i_transaktion(|tx| {
            tx.execute(
                "UPDATE insats SET ickeval = ?2, ickeval_utforare_id = ?3, turordning_egen_regi = ?4, andrad = ?5 WHERE id = ?1",
                params![insats.id, modell.kod(), utsedd, egen_regi_i_turordning, nu()],
            )?;
            logg::skriv(tx, aktor, "andra", "insats", &insats.id, &format!("ickeval {}", modell.kod()))
        })?;
        Ok(modell == IckevalModell::Turordning)
    }
}
