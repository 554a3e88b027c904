//! Ickeval: the insats's alternative when the brukare does not choose, with its stored
//! explanation, and the setting of that alternative.

#[allow(clippy::wildcard_imports)]
use super::*;
use valfri_domain::val::{IckevalHinder, ickeval_tillatet, pa_turordningslistan};

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
        self.i_transaktion(|tx| {
            let b = beslutsdata(tx, beslut_id)?;
            b.kan_valjas()?;
            if aktivt_val(tx, &b.id)?.is_some() {
                return Err(Lagringsfel::HarRedanUtforare);
            }
            let svarsdatum: Option<String> = tx
                .rad("SELECT max(svarsdatum) FROM information WHERE beslut_id = ?1", [&b.id], |r| r.get(0))?;
            ickeval_tillatet(orsak, datum_opt(svarsdatum)?, dag).map_err(|h| match h {
                IckevalHinder::IngenInformation => Lagringsfel::IngenInformation,
                IckevalHinder::SvarsdatumEjPasserat { svarsdatum } => {
                    Lagringsfel::SvarsdatumEjPasserat { svarsdatum: svarsdatum.to_string() }
                }
            })?;
            let kandidater = kandidater(tx, &b)?;
            let (tilldelad, lista, senast, hoppade) = match b.ickeval {
                IckevalModell::EgenRegi | IckevalModell::Utsedd => {
                    let vald = kandidater.iter().find(|k| match b.ickeval {
                        IckevalModell::EgenRegi => k.regi == Regi::EgenRegi,
                        _ => b.ickeval_utforare_id.as_deref() == Some(k.utforare_id.as_str()),
                    });
                    let vald = vald.ok_or(Lagringsfel::IngenIckevalsutforare)?;
                    let status = vald.status(dag);
                    if !status.ar_valbar() {
                        return Err(Lagringsfel::InteValbar { skal: status.kod() });
                    }
                    (vald, Vec::new(), None, Vec::new())
                }
                IckevalModell::Turordning => {
                    // The rotation for this insats and område: providers that serve the område
                    // and whose approval has not ended, in the order they joined.
                    let lista: Vec<&Kandidat> = kandidater
                        .iter()
                        .filter(|k| {
                            pa_turordningslistan(k.serverar, k.godkannande.godkand_till, k.regi, b.turordning_egen_regi, dag)
                        })
                        .collect();
                    let senast: Option<String> = tx
                        .rad(
                            "SELECT utforare_id FROM ickeval WHERE insats_id = ?1 AND omrade_id IS ?2 AND modell = 'turordning'
                             ORDER BY tid DESC, rowid DESC LIMIT 1",
                            params![b.insats_id, b.omrade_id],
                            |r| r.get(0),
                        )
                        .optional()?;
                    let status: Vec<(String, Valbarhet)> = lista.iter().map(|k| (k.utforare_id.clone(), k.status(dag))).collect();
                    let utfall = nasta_i_turordning(&status, senast.as_ref());
                    let namn = |id: &str| lista.iter().find(|k| k.utforare_id == id).map(|k| k.namn.clone()).unwrap_or_default();
                    let hoppade =
                        utfall.hoppade.iter().map(|(id, status)| Hoppad { utforare_id: id.clone(), namn: namn(id), status: status.clone() }).collect();
                    let vald = utfall
                        .tilldelad
                        .and_then(|id| lista.iter().copied().find(|k| k.utforare_id == id))
                        .ok_or(Lagringsfel::IngenIckevalsutforare)?;
                    let senast = senast.map(|id| Listplats { namn: namn(&id), utforare_id: id });
                    (vald, lista.iter().map(|k| k.plats()).collect(), senast, hoppade)
                }
            };
            let start = dag.max(b.giltig_fran);
            let val_id = infoga_val(tx, aktor, &NyRad {
                beslut: &b,
                utforare_id: &tilldelad.utforare_id,
                typ: ValTyp::Ickeval,
                vem_valde: None,
                informationssatt: None,
                informationssprak: None,
                valdatum: dag,
                startdatum: start,
                ersatter: None,
            })?;
            let forklaring = Ickevalsforklaring {
                modell: b.ickeval,
                orsak,
                datum: dag,
                insats_kod: b.insats_kod.clone(),
                omrade: b.omrade_kod.clone(),
                registerversion: registerversion(tx)?,
                lista,
                senast_tilldelad: senast,
                hoppade,
                tilldelad: tilldelad.plats(),
            };
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
                    tilldelad.utforare_id,
                    serde_json::to_string(&forklaring)?,
                    nu()
                ],
            )?;
            logg::skriv(tx, aktor, "ickeval", "beslut", &b.id, &serde_json::to_string(&forklaring)?)?;
            Ok((val_id, forklaring))
        })
    }

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
