//! Aktivt val and byte: who can be chosen, the choice itself, the history, and the
//! valfrihetsinformation that starts the time to answer.

#[allow(clippy::wildcard_imports)]
use super::*;

impl Store {
    /// Every provider approved for the beslut's insats, with whether the brukare can choose it on
    /// `dag`, in the municipality's neutral order.
    pub fn valbara(&self, aktor: &Aktor, beslut_id: &str, dag: NaiveDate) -> Resultat<Valbara> {
        let kommun = self.kommun()?;
        self.i_transaktion(|tx| {
            let b = beslutsdata(tx, beslut_id)?;
            let mut rader: Vec<ValbarRad> = kandidater(tx, &b, dag)?
                .into_iter()
                .map(|k| ValbarRad {
                    status: k.status(dag),
                    kapacitetstak: tak_galler(&k.godkannande, dag),
                    utforare_id: k.utforare_id,
                    namn: k.namn,
                    organisationsnummer: k.organisationsnummer,
                    regi: k.regi,
                    aktiva: k.aktiva,
                })
                .collect();
            neutral_ordning(
                &mut rader,
                kommun.ordning,
                kommun.ordning_seed.unwrap_or(0),
                |r| &r.namn,
                |r| &r.utforare_id,
            );
            logg::skriv(tx, aktor, "las", "valbara", beslut_id, &dag.to_string())?;
            Ok(Valbara {
                beslut_id: b.id,
                insats_kod: b.insats_kod,
                omrade: b.omrade_kod,
                datum: dag,
                ordning: kommun.ordning,
                ordning_seed: kommun.ordning_seed,
                registerversion: registerversion(tx)?,
                utforare: rader,
            })
        })
    }

    /// Registers an aktivt val, or a byte when the beslut already has a provider. The capacity
    /// check and the assignment are one transaction.
    pub fn valj(&self, aktor: &Aktor, ny: &NyttVal) -> Resultat<String> {
        kontrollera_handelsedatum(ny.valdatum, crate::idag())?;
        let kommun = self.kommun()?;
        let sprak = ny
            .informationssprak
            .as_ref()
            .map(|s| kontrollera_sprak(std::slice::from_ref(s)))
            .transpose()?;
        self.i_transaktion(|tx| valj_i(tx, aktor, ny, &kommun, sprak.as_deref()))
    }

    /// What registering this choice would do: the provider, from when, and whom it replaces.
    /// Worked out by registering it in a transaction that is rolled back, so the confirmation
    /// says exactly what the act will do (or refuses as it would).
    pub fn bekrafta_val(&self, ny: &NyttVal, sprak: &str) -> Resultat<Bekraftelse> {
        kontrollera_handelsedatum(ny.valdatum, crate::idag())?;
        let kommun = self.kommun()?;
        self.provkor(|tx| bekraftelse_for_val(tx, ny, &kommun, sprak))
    }

    /// Who may be named as having chosen for this beslut, and how the information may be said
    /// to have been given (see `valfri_domain::beslutsregler::mojliga_valjare`).
    pub fn valuppgifter(&self, beslut_id: &str) -> Resultat<(bool, bool)> {
        self.i_transaktion(|tx| har_ombud_och_brev(tx, beslut_id))
    }
}

/// Whether the beslut's brukare has an ombud, and whether valfrihetsinformation was recorded
/// as given for it (a letter, or the record `registrera_information` makes).
fn har_ombud_och_brev(tx: &Transaction<'_>, beslut_id: &str) -> Resultat<(bool, bool)> {
    Ok(tx.rad(
        "SELECT EXISTS (SELECT 1 FROM ombud o JOIN beslut b ON b.brukare_id = o.brukare_id WHERE b.id = ?1),
                EXISTS (SELECT 1 FROM information f WHERE f.beslut_id = ?1)",
        [beslut_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Registers `ny` in `tx` (to be rolled back) and says what it did, as a confirmation names it.
pub(super) fn bekraftelse_for_val(
    tx: &Transaction<'_>,
    ny: &NyttVal,
    kommun: &valfri_domain::Kommun,
    sprak: &str,
) -> Resultat<Bekraftelse> {
    let tidigare = aktivt_val(tx, &ny.beslut_id)?.map(|v| v.utforare_namn);
    let aktor = Aktor {
        id: "system:bekraftelse".into(),
        namn: String::new(),
        roll: valfri_domain::Roll::Handlaggare,
    };
    let id = valj_i(tx, &aktor, ny, kommun, None)?;
    let v = tx.rad(&format!("{VAL_SQL} WHERE v.id = ?1"), [&id], val_fran_rad)??;
    let (brukare_id, insats_kod): (String, String) = tx.rad(
        "SELECT b.brukare_id, i.kod FROM beslut b JOIN insats i ON i.id = b.insats_id WHERE b.id = ?1",
        [&ny.beslut_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Bekraftelse::Val {
        insats: crate::beslut::insatsnamn(tx, &insats_kod, sprak)?,
        namn: crate::beslut::brukarnamn(tx, &brukare_id)?,
        utforare: v.utforare_namn,
        start: v.startdatum,
        tidigare,
    })
}

pub(super) fn valj_i(
    tx: &Transaction<'_>,
    aktor: &Aktor,
    ny: &NyttVal,
    kommun: &valfri_domain::Kommun,
    sprak: Option<&str>,
) -> Resultat<String> {
    {
        let b = beslutsdata(tx, &ny.beslut_id)?;
        b.kan_valjas()?;
        let (har_ombud, brev) = har_ombud_och_brev(tx, &b.id)?;
        kontrollera_valuppgifter(ny.vem_valde, ny.informationssatt, har_ombud, brev)?;
        let tidigare = aktivt_val(tx, &b.id)?;
        let pagaende = tidigare.as_ref().map(|t| Pagaende {
            id: t.id.clone(),
            utforare_id: t.utforare_id.clone(),
            startdatum: t.startdatum,
        });
        let plan = planera_val(
            &b,
            &kandidater(tx, &b, ny.valdatum)?,
            pagaende.as_ref(),
            ny,
            kommun.byte_dagar,
        )?;
        let start = plan.startdatum;
        if let Some((id, slut)) = &plan.avslutas {
            tx.execute(
                "UPDATE val SET slutdatum = ?2 WHERE id = ?1",
                params![id, slut.to_string()],
            )?;
        }
        let id = infoga_val(
            tx,
            aktor,
            &NyRad {
                beslut: &b,
                utforare_id: &ny.utforare_id,
                typ: plan.typ,
                vem_valde: Some(ny.vem_valde),
                informationssatt: ny.informationssatt,
                informationssprak: sprak.map(str::to_owned),
                valdatum: ny.valdatum,
                startdatum: start,
                ersatter: tidigare.map(|t| t.id),
            },
        )?;
        // The beslut is carried out once its provider has started.
        if b.status == BeslutStatus::Beslutat && start <= crate::idag() {
            tx.execute(
                    "UPDATE beslut SET status = 'verkstallt', verkstalld = ?2, andrad = ?3 WHERE id = ?1",
                    params![b.id, start.to_string(), nu()],
                )?;
        }
        logg::skriv(tx, aktor, "valj", "beslut", &b.id, &format!("utforare {}", ny.utforare_id))?;
        Ok(id)
    }
}

impl Store {
    /// Every provider a beslut has had, oldest first.
    pub fn valhistorik(&self, aktor: &Aktor, beslut_id: &str) -> Resultat<Vec<Val>> {
        self.i_transaktion(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "{VAL_SQL} WHERE v.beslut_id = ?1 ORDER BY v.skapad, v.rowid"
            ))?;
            let lista = stmt
                .query_map([beslut_id], val_fran_rad)?
                .map(|r| r?)
                .collect::<Resultat<Vec<_>>>()?;
            drop(stmt);
            logg::skriv(tx, aktor, "las", "val", beslut_id, "")?;
            Ok(lista)
        })
    }

    /// Records that valfrihetsinformation was given on `skickad`; returns the svarsdatum.
    pub fn registrera_information(
        &self,
        aktor: &Aktor,
        beslut_id: &str,
        skickad: NaiveDate,
        sprak: &str,
        storstil: bool,
    ) -> Resultat<NaiveDate> {
        kontrollera_handelsedatum(skickad, crate::idag())?;
        self.i_transaktion(|tx| skriv_information(tx, aktor, beslut_id, skickad, sprak, storstil))
    }
}

/// Records that valfrihetsinformation was given on `skickad`, inside the caller's
/// transaction, and returns the svarsdatum; refused like [`kontrollera_information`].
pub(crate) fn skriv_information(
    tx: &Transaction<'_>,
    aktor: &Aktor,
    beslut_id: &str,
    skickad: NaiveDate,
    sprak: &str,
    storstil: bool,
) -> Resultat<NaiveDate> {
    let svarstid: u32 =
        tx.rad("SELECT svarstid_dagar FROM kommun WHERE id = 1", [], |r| r.get(0))?;
    let sprak = kontrollera_sprak(&[sprak.to_owned()])?;
    let svarsdatum = skickad + Days::new(u64::from(svarstid));
    beslutsdata(tx, beslut_id)?.kan_informeras(skickad)?;
    tx.execute(
        "INSERT INTO information (id, beslut_id, skickad, svarsdatum, sprak, storstil, registerversion, handlaggare, skapad)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![ny_id(), beslut_id, skickad.to_string(), svarsdatum.to_string(), sprak, storstil, registerversion(tx)?, aktor.logg_namn(), nu()],
    )?;
    logg::skriv(tx, aktor, "information", "beslut", beslut_id, &svarsdatum.to_string())?;
    Ok(svarsdatum)
}

/// Refuses valfrihetsinformation for a beslut that gives no choice on `dag` (see
/// [`Beslutsdata::kan_informeras`]).
pub(crate) fn kontrollera_information(
    tx: &Transaction<'_>,
    beslut_id: &str,
    dag: NaiveDate,
) -> Resultat<()> {
    Ok(beslutsdata(tx, beslut_id)?.kan_informeras(dag)?)
}
