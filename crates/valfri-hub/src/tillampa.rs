//! Re-applying a desk's commands in the hub: one `PostgreSQL` transaction per command, which
//! reads the facts with the hub's SQL, decides with valfri-domain's rules (the same functions
//! the desk's store calls) and writes the rows. The hub's answer is the truth.
//!
//! Every command's transaction first takes the hub's write lock (`valfri.skriv`, the one the
//! change-number and log triggers take), so the capacity check and the assignment are one step
//! for the whole municipality: two desks racing for the last place are applied one after the
//! other, and the second sees the first's row. The ULID is the idempotency key: a command that
//! was applied is answered from `valfri.outbox_applied` and not applied again.

use chrono::NaiveDate;
use postgres::Transaction;
use valfri_domain::behorighet::far_andra_beslut;
use valfri_domain::beslutsfalt::kontrollera_beslutsfalt;
use valfri_domain::beslutsregler::{
    Avslutsorsak, Beslutskrav, Beslutsperiod, Dagssteg, dagens_steg as dagens_steg_regel,
    haller_plats_sql, kan_avslutas, kontrollera_fattande, kontrollera_uppfoljning,
    kontrollera_valuppgifter,
};
use valfri_domain::kommando::{Kommando, Kommandosvar};
use valfri_domain::tilldelning::{
    Beslutsfakta, Ickevalsfraga, Kandidat, Pagaende, Regelbrott, ickeval_start,
    kontrollera_brevets_register, planera_ickeval, planera_val,
};
use valfri_domain::val::{NyttVal, kontrollera_handelsedatum};
use valfri_domain::{
    Anvandarmeddelande, BeslutStatus, Godkannande, IckevalModell, IckevalOrsak, Informationssatt,
    Regi, Roll, Utfall, ValTyp, Valideringsfel, VemValde,
};

use crate::{HubbFel, Resultat};

/// Taken first by every writing transaction in the hub; see the module's documentation.
pub(crate) const SKRIVLAS: &str = "SELECT pg_advisory_xact_lock(hashtext('valfri.skriv'))";

/// The hub's day, the official one in kommunläge, whatever a desk's clock says.
pub(crate) const HUBBENS_DAG: &str = "SELECT (now() AT TIME ZONE 'Europe/Stockholm')::date";

/// A command as it leaves a desk's outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct Utkorgspost {
    pub ulid: String,
    pub kommando: Kommando,
    /// When the desk recorded it, by the desk's clock ("registrerat lokalt").
    pub registrerad_lokalt: String,
}

/// Why a command was not applied: the hub said no (a rule, or a record it does not have),
/// which is an answer that is stored, or something the desk must try again later.
enum Stopp {
    Nekad(Kommandosvar, &'static str),
    Fel(HubbFel),
}

impl Stopp {
    fn nekad(e: &impl Anvandarmeddelande) -> Self {
        Stopp::Nekad(Kommandosvar::nekat(e), e.meddelande_id())
    }
}

impl From<Regelbrott> for Stopp {
    fn from(e: Regelbrott) -> Self {
        Stopp::nekad(&e)
    }
}
impl From<valfri_domain::beslutsregler::Beslutsregelfel> for Stopp {
    fn from(e: valfri_domain::beslutsregler::Beslutsregelfel) -> Self {
        Stopp::nekad(&e)
    }
}
impl From<Valideringsfel> for Stopp {
    fn from(e: Valideringsfel) -> Self {
        Stopp::nekad(&e)
    }
}
impl From<HubbFel> for Stopp {
    fn from(e: HubbFel) -> Self {
        match e {
            HubbFel::HittasInte { .. } => Stopp::nekad(&e),
            e => Stopp::Fel(e),
        }
    }
}
impl From<postgres::Error> for Stopp {
    fn from(e: postgres::Error) -> Self {
        Stopp::Fel(e.into())
    }
}

/// Applies one command, or answers it again if it was applied before. A refusal by a rule is
/// an answer too ([`Kommandosvar::Nekat`]): it is stored under the ULID and logged, and the
/// refused act leaves nothing else. `Err` means the desk should push again later.
pub(crate) fn tillampa(
    klient: &mut postgres::Client,
    post: &Utkorgspost,
) -> Resultat<Kommandosvar> {
    let mut tx = klient.transaction()?;
    tx.batch_execute(SKRIVLAS)?;
    if let Some(rad) =
        tx.query_opt("SELECT svar::text FROM valfri.outbox_applied WHERE ulid = $1", &[&post.ulid])?
    {
        let svar: String = rad.get(0);
        return serde_json::from_str(&svar).map_err(|e| HubbFel::Internt { detalj: e.to_string() });
    }
    let mut arbete = tx.savepoint("kommando")?;
    let svar = match utfor(&mut arbete, &post.kommando) {
        Ok(id) => {
            arbete.commit()?;
            Kommandosvar::Tillampat { id }
        }
        Err(Stopp::Nekad(svar, kod)) => {
            drop(arbete);
            tx.execute(
                "INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, detalj)
                 VALUES ('nekad', 'beslut', $1, $2)",
                &[
                    &post.kommando.beslut_id(),
                    &format!("{} {}: {kod}", post.kommando.namn(), post.ulid),
                ],
            )?;
            svar
        }
        Err(Stopp::Fel(e)) => return Err(e),
    };
    let kommando = serde_json::to_string(&post.kommando)
        .map_err(|e| HubbFel::Internt { detalj: e.to_string() })?;
    let svar_text =
        serde_json::to_string(&svar).map_err(|e| HubbFel::Internt { detalj: e.to_string() })?;
    tx.execute(
        "INSERT INTO valfri.outbox_applied (ulid, svar, kommando, registrerad_lokalt)
         VALUES ($1, $2::text::jsonb, $3::text::jsonb, $4)",
        &[&post.ulid, &svar_text, &kommando, &post.registrerad_lokalt],
    )?;
    tx.commit()?;
    Ok(svar)
}

fn utfor(tx: &mut Transaction<'_>, k: &Kommando) -> Result<String, Stopp> {
    // The hub's day is the official one, whatever the desk's clock says.
    let idag: NaiveDate = tx.query_one(HUBBENS_DAG, &[])?.get(0);
    match k {
        Kommando::Valj { val_id, val } => {
            kontrollera_handelsedatum(val.valdatum, idag)?;
            valj(tx, val_id, val, idag)
        }
        Kommando::Ickeval { val_id, beslut_id, dag, orsak } => {
            kontrollera_handelsedatum(*dag, idag)?;
            ickeval(tx, val_id, beslut_id, *dag, *orsak)
        }
        Kommando::FattaBeslut { beslut_id, beslut } => fatta_beslut(tx, beslut_id, beslut, idag),
        Kommando::Information { id, beslut_id, skickad, sprak, storstil, registerversion } => {
            kontrollera_handelsedatum(*skickad, idag)?;
            let brev = Brev {
                skickad: *skickad,
                sprak,
                storstil: *storstil,
                registerversion: *registerversion,
            };
            information(tx, id, beslut_id, &brev)
        }
        Kommando::AvslutaBeslut { beslut_id, orsak, dag } => {
            kontrollera_handelsedatum(*dag, idag)?;
            avsluta_beslut(tx, beslut_id, *orsak, *dag)
        }
        Kommando::Uppfoljning { id, beslut_id, datum, resultat, nasta } => {
            uppfoljning(tx, id, beslut_id, *datum, resultat, *nasta, idag)
        }
    }
}

/// The login's handläggare and role, as the hub knows them.
fn inloggad(tx: &mut Transaction<'_>) -> Result<(String, Roll), Stopp> {
    let rad = tx
        .query_opt("SELECT id, roll FROM valfri.handlaggare WHERE login = session_user", &[])?
        .ok_or_else(|| HubbFel::Behorighet {
            detalj: "ingen handläggare för inloggningen".into(),
        })?;
    let roll: String = rad.get(1);
    let roll = if roll == "systemforvaltare" { Roll::Systemforvaltare } else { Roll::Handlaggare };
    Ok((rad.get(0), roll))
}

fn avsluta_beslut(
    tx: &mut Transaction<'_>,
    beslut_id: &str,
    orsak: Avslutsorsak,
    dag: NaiveDate,
) -> Result<String, Stopp> {
    if !Avslutsorsak::FOR_HAND.contains(&orsak) {
        return Err(Stopp::nekad(&Valideringsfel::OkantVarde {
            falt: "avslutsorsak",
            varde: orsak.kod().into(),
        }));
    }
    let rad = tx
        .query_opt("SELECT status, handlaggare_id FROM valfri.beslut WHERE id = $1", &[&beslut_id])?
        .ok_or_else(|| HubbFel::HittasInte { typ: "beslut", id: beslut_id.to_owned() })?;
    let (status, handlaggare): (String, String) = (rad.get(0), rad.get(1));
    let (jag, roll) = inloggad(tx)?;
    if !far_andra_beslut(roll, &jag, &handlaggare) {
        // The desk's own sentence for the same refusal.
        const NEJ: &str = "fel-inte-beslutets-handlaggare";
        return Err(Stopp::Nekad(
            Kommandosvar::Nekat { meddelande: NEJ.into(), argument: Vec::new() },
            NEJ,
        ));
    }
    kan_avslutas(kod(BeslutStatus::fran_kod, &status)?)?;
    avsluta_i(tx, beslut_id, orsak, dag)?;
    tx.execute(
        "INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, detalj)
         VALUES ('avsluta', 'beslut', $1, $2)",
        &[&beslut_id, &orsak.kod()],
    )?;
    Ok(beslut_id.to_owned())
}

/// Ends a beslut on `dag`; its running val ends the same day (never before it started), which
/// frees the place at once, a mark for a new choice is answered and a wait ends.
fn avsluta_i(
    tx: &mut Transaction<'_>,
    beslut_id: &str,
    orsak: Avslutsorsak,
    dag: NaiveDate,
) -> Result<(), Stopp> {
    tx.execute(
        "UPDATE valfri.beslut SET status = 'avslutat', avslutad = $2, avslutsorsak = $3, andrad = now()
         WHERE id = $1",
        &[&beslut_id, &dag, &orsak.kod()],
    )?;
    tx.execute(
        "UPDATE valfri.val SET slutdatum = GREATEST($2::date, startdatum)
         WHERE beslut_id = $1 AND slutdatum IS NULL",
        &[&beslut_id, &dag],
    )?;
    tx.execute("DELETE FROM valfri.omval WHERE beslut_id = $1", &[&beslut_id])?;
    // An ended beslut waits for nothing.
    tx.execute(
        "UPDATE valfri.vantelista SET avslutad = $2, avslutsorsak = 'beslut_avslutat',
             avslutad_av = session_user
         WHERE beslut_id = $1 AND avslutad IS NULL",
        &[&beslut_id, &dag],
    )?;
    Ok(())
}

fn uppfoljning(
    tx: &mut Transaction<'_>,
    id: &str,
    beslut_id: &str,
    datum: NaiveDate,
    resultat: &str,
    nasta: Option<NaiveDate>,
    idag: NaiveDate,
) -> Result<String, Stopp> {
    let resultat = valfri_domain::kontrollera_text(valfri_domain::Falt::RESULTAT, resultat)?;
    let status: String = tx
        .query_opt("SELECT status FROM valfri.beslut WHERE id = $1", &[&beslut_id])?
        .ok_or_else(|| HubbFel::HittasInte { typ: "beslut", id: beslut_id.to_owned() })?
        .get(0);
    let (datum, nasta) =
        kontrollera_uppfoljning(kod(BeslutStatus::fran_kod, &status)?, datum, nasta, idag)?;
    tx.execute(
        "INSERT INTO valfri.uppfoljning (id, beslut_id, datum, resultat, nasta) VALUES ($1, $2, $3, $4, $5)",
        &[&id, &beslut_id, &datum, &resultat, &nasta],
    )?;
    tx.execute(
        "INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, detalj)
         VALUES ('uppfoljning', 'beslut', $1, $2)",
        &[&beslut_id, &datum.to_string()],
    )?;
    Ok(id.to_owned())
}

/// The day's automatic step in the hub (see `valfri_domain::beslutsregler::dagens_steg`, the
/// rule the desk's store applies too), on the hub's day, under the write lock. Any desk's
/// connection may run it; a second run the same day finds nothing to do. Returns how many
/// beslut were carried out and how many ended.
pub(crate) fn dagens_steg(klient: &mut postgres::Client) -> Resultat<(NaiveDate, (usize, usize))> {
    let mut tx = klient.transaction()?;
    tx.batch_execute(SKRIVLAS)?;
    let dag: NaiveDate = tx.query_one(HUBBENS_DAG, &[])?.get(0);
    let kandidater = tx.query(
        "SELECT b.id, b.status, v.startdatum, b.giltig_till
         FROM valfri.beslut b LEFT JOIN valfri.val v ON v.beslut_id = b.id AND v.slutdatum IS NULL
         WHERE (b.status = 'beslutat' AND v.startdatum <= $1)
            OR (b.status IN ('beslutat', 'verkstallt') AND b.giltig_till < $1)
         ORDER BY b.id COLLATE \"C\"",
        &[&dag],
    )?;
    let (mut verkstallda, mut avslutade) = (0, 0);
    for r in &kandidater {
        let id: String = r.get(0);
        let status = BeslutStatus::fran_kod(r.get(1))
            .map_err(|e| HubbFel::Internt { detalj: e.meddelande_id().to_owned() })?;
        let fel = |e: Stopp| match e {
            Stopp::Fel(e) => e,
            Stopp::Nekad(_, kod) => HubbFel::Internt { detalj: kod.to_owned() },
        };
        match dagens_steg_regel(status, r.get(2), r.get(3), dag) {
            Some(Dagssteg::Verkstall(fran)) => {
                tx.execute(
                    "UPDATE valfri.beslut SET status = 'verkstallt', verkstalld = $2, andrad = now() WHERE id = $1",
                    &[&id, &fran],
                )?;
                tx.execute(
                    "INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, detalj)
                     VALUES ('verkstall', 'beslut', $1, $2)",
                    &[&id, &format!("automatiskt {fran}")],
                )?;
                verkstallda += 1;
            }
            Some(Dagssteg::Avsluta(sista)) => {
                avsluta_i(&mut tx, &id, Avslutsorsak::Utgatt, sista).map_err(fel)?;
                tx.execute(
                    "INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, detalj)
                     VALUES ('avsluta', 'beslut', $1, 'automatiskt utgatt')",
                    &[&id],
                )?;
                avslutade += 1;
            }
            None => {}
        }
    }
    tx.commit()?;
    Ok((dag, (verkstallda, avslutade)))
}

fn valj(
    tx: &mut Transaction<'_>,
    val_id: &str,
    ny: &NyttVal,
    idag: NaiveDate,
) -> Result<String, Stopp> {
    let b = beslutsfakta(tx, &ny.beslut_id)?;
    b.kan_valjas()?;
    // Nothing is recorded that did not happen: an ombud who chose, a letter that informed.
    let rad = tx.query_one(
        "SELECT EXISTS (SELECT 1 FROM valfri.ombud o JOIN valfri.beslut b ON b.brukare_id = o.brukare_id
                        WHERE b.id = $1),
                EXISTS (SELECT 1 FROM valfri.information f WHERE f.beslut_id = $1)",
        &[&b.id],
    )?;
    kontrollera_valuppgifter(ny.vem_valde, ny.informationssatt, rad.get(0), rad.get(1))?;
    let kandidater = kandidater(tx, &b, ny.valdatum)?;
    let pagaende = pagaende(tx, &b.id)?;
    let byte_dagar: i32 = tx.query_one("SELECT byte_dagar FROM valfri.kommun", &[])?.get(0);
    let plan = planera_val(
        &b,
        &kandidater,
        pagaende.as_ref(),
        ny,
        u32::try_from(byte_dagar).unwrap_or(0),
    )?;
    if let Some((id, slut)) = &plan.avslutas {
        tx.execute("UPDATE valfri.val SET slutdatum = $2 WHERE id = $1", &[id, slut])?;
    }
    infoga_val(
        tx,
        &NyRad {
            id: val_id,
            beslut: &b,
            utforare_id: &ny.utforare_id,
            typ: plan.typ,
            vem_valde: Some(ny.vem_valde),
            informationssatt: ny.informationssatt,
            informationssprak: ny.informationssprak.as_deref(),
            valdatum: ny.valdatum,
            startdatum: plan.startdatum,
            ersatter: pagaende.map(|p| p.id),
        },
    )?;
    // The beslut is carried out once its provider has started.
    if b.status == BeslutStatus::Beslutat && plan.startdatum <= idag {
        tx.execute(
            "UPDATE valfri.beslut SET status = 'verkstallt', verkstalld = $2, andrad = now() WHERE id = $1",
            &[&b.id, &plan.startdatum],
        )?;
    }
    tx.execute(
        "INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, detalj)
         VALUES ('valj', 'beslut', $1, $2)",
        &[&b.id, &format!("utforare {}", ny.utforare_id)],
    )?;
    Ok(val_id.to_owned())
}

fn ickeval(
    tx: &mut Transaction<'_>,
    val_id: &str,
    beslut_id: &str,
    dag: NaiveDate,
    orsak: IckevalOrsak,
) -> Result<String, Stopp> {
    let b = beslutsfakta(tx, beslut_id)?;
    let svarsdatum: Option<NaiveDate> = tx
        .query_one("SELECT max(svarsdatum) FROM valfri.information WHERE beslut_id = $1", &[&b.id])?
        .get(0);
    // The rotation's position is the hub's: the last turordning assignment in commit order.
    let senast_tilldelad: Option<String> = tx
        .query_opt(
            "SELECT utforare_id FROM valfri.ickeval
             WHERE insats_id = $1 AND omrade_id IS NOT DISTINCT FROM $2 AND modell = 'turordning'
             ORDER BY andring DESC LIMIT 1",
            &[&b.insats_id, &b.omrade_id],
        )?
        .map(|r| r.get(0));
    let fraga = Ickevalsfraga {
        orsak,
        dag,
        har_utforare: pagaende(tx, &b.id)?.is_some(),
        svarsdatum,
        senast_tilldelad,
        registerversion: registerversion(tx)?,
    };
    let forklaring = planera_ickeval(&b, &kandidater(tx, &b, dag)?, &fraga)?;
    infoga_val(
        tx,
        &NyRad {
            id: val_id,
            beslut: &b,
            utforare_id: &forklaring.tilldelad.utforare_id,
            typ: ValTyp::Ickeval,
            vem_valde: None,
            informationssatt: None,
            informationssprak: None,
            valdatum: dag,
            startdatum: ickeval_start(&b, dag),
            ersatter: None,
        },
    )?;
    let text = serde_json::to_string(&forklaring)
        .map_err(|e| HubbFel::Internt { detalj: e.to_string() })?;
    tx.execute(
        "INSERT INTO valfri.ickeval (id, val_id, beslut_id, insats_id, omrade_id, modell, utforare_id, forklaring)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &ulid::Ulid::new().to_string(),
            &val_id,
            &b.id,
            &b.insats_id,
            &b.omrade_id,
            &b.ickeval.kod(),
            &forklaring.tilldelad.utforare_id,
            &text,
        ],
    )?;
    tx.execute(
        "INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, detalj)
         VALUES ('ickeval', 'beslut', $1, $2)",
        &[&b.id, &text],
    )?;
    Ok(val_id.to_owned())
}

/// Another beslut of the brukare: id, insats, outcome, status, diarienummer, period.
type Ovrigt = (String, String, Utfall, BeslutStatus, String, NaiveDate, Option<NaiveDate>);

/// Makes a beslut in the hub as the desk's `beslut add` does on a standalone desk: the fields
/// checked against the insats, the municipality's requirements and the brukare's other beslut
/// (no second grant overlapping one in force), by the login's handläggare, on the hub's day.
fn fatta_beslut(
    tx: &mut Transaction<'_>,
    beslut_id: &str,
    ny: &valfri_domain::NyttBeslut,
    idag: NaiveDate,
) -> Result<String, Stopp> {
    let insats = tx
        .query_opt(
            "SELECT id, enhet, delegation FROM valfri.insats WHERE kod = $1",
            &[&ny.insats_kod],
        )?
        .ok_or_else(|| HubbFel::HittasInte { typ: "insats", id: ny.insats_kod.clone() })?;
    let (insats_id, enhet, delegation): (String, String, String) =
        (insats.get(0), insats.get(1), insats.get(2));
    let falt = kontrollera_beslutsfalt(ny, kod(valfri_domain::Enhet::fran_kod, &enhet)?)?;
    let finns: bool = tx
        .query_one("SELECT EXISTS (SELECT 1 FROM valfri.brukare WHERE id = $1)", &[&ny.brukare_id])?
        .get(0);
    if !finns {
        return Err(HubbFel::HittasInte { typ: "brukare", id: ny.brukare_id.clone() }.into());
    }
    let handlaggare: String = tx
        .query_opt("SELECT id FROM valfri.handlaggare WHERE login = session_user", &[])?
        .ok_or_else(|| HubbFel::Behorighet {
            detalj: "ingen handläggare för inloggningen".into()
        })?
        .get(0);
    let krav = tx.query_one("SELECT krav_motivering, krav_diarienummer FROM valfri.kommun", &[])?;
    let krav = Beslutskrav { motivering: krav.get(0), diarienummer: krav.get(1) };
    let ovriga = tx.query(
        "SELECT b.id, i.kod, b.utfall, b.status, b.diarienummer, b.giltig_fran, b.giltig_till
         FROM valfri.beslut b JOIN valfri.insats i ON i.id = b.insats_id WHERE b.brukare_id = $1",
        &[&ny.brukare_id],
    )?;
    let ovriga: Vec<Ovrigt> = ovriga
        .iter()
        .map(|r| {
            Ok((
                r.get(0),
                r.get(1),
                kod(Utfall::fran_kod, r.get(2))?,
                kod(BeslutStatus::fran_kod, r.get(3))?,
                r.get(4),
                r.get(5),
                r.get(6),
            ))
        })
        .collect::<Result<_, Stopp>>()?;
    let perioder: Vec<Beslutsperiod<'_>> = ovriga
        .iter()
        .map(|(id, insats, utfall, status, dnr, fran, till)| Beslutsperiod {
            id: Some(id.as_str()),
            insats_kod: insats,
            utfall: *utfall,
            status: *status,
            diarienummer: dnr,
            giltig_fran: *fran,
            giltig_till: *till,
        })
        .collect();
    let period = Beslutsperiod {
        id: Some(beslut_id),
        insats_kod: &ny.insats_kod,
        utfall: ny.utfall,
        status: BeslutStatus::Utkast,
        diarienummer: &falt.diarienummer,
        giltig_fran: ny.giltig_fran,
        giltig_till: ny.giltig_till,
    };
    kontrollera_fattande(&period, &falt.motivering, None, &perioder, krav, idag)?;
    tx.execute(
        "INSERT INTO valfri.beslut (id, brukare_id, insats_id, diarienummer, ansokningsdatum, beslutsdatum, utfall,
             omfattning, giltig_fran, giltig_till, motivering, uppfoljning, handlaggare_id, status,
             ej_beviljat, delegation)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'beslutat', $14, $15)",
        &[
            &beslut_id,
            &ny.brukare_id,
            &insats_id,
            &falt.diarienummer,
            &ny.ansokningsdatum,
            &idag,
            &ny.utfall.kod(),
            &falt.omfattning,
            &ny.giltig_fran,
            &ny.giltig_till,
            &falt.motivering,
            &ny.uppfoljning,
            &handlaggare,
            &falt.ej_beviljat,
            &delegation,
        ],
    )?;
    let detalj =
        serde_json::to_string(ny).map_err(|e| HubbFel::Internt { detalj: e.to_string() })?;
    tx.execute(
        "INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, detalj)
         VALUES ('fatta', 'beslut', $1, $2)",
        &[&beslut_id, &detalj],
    )?;
    Ok(beslut_id.to_owned())
}

/// Valfrihetsinformation as a desk recorded it.
struct Brev<'a> {
    skickad: NaiveDate,
    sprak: &'a str,
    storstil: bool,
    /// The register version the letter was printed from, when known.
    registerversion: Option<i64>,
}

fn information(
    tx: &mut Transaction<'_>,
    id: &str,
    beslut_id: &str,
    brev: &Brev<'_>,
) -> Result<String, Stopp> {
    let b = beslutsfakta(tx, beslut_id)?;
    b.kan_informeras(brev.skickad)?;
    // A letter printed from an older register (offline, days ago) told the brukare about
    // providers as they were then; if one approved for the insats has changed since, it is a
    // konflikt and the remedy is a new letter.
    if let Some(brevets) = brev.registerversion {
        let senast: Option<i64> = tx
            .query_one(
                "SELECT max(h.version) FROM valfri.utforare_historik h
                 JOIN valfri.godkannande g ON g.utforare_id = h.utforare_id AND g.insats_id = $1
                 WHERE h.version > $2",
                &[&b.insats_id, &brevets],
            )?
            .get(0);
        kontrollera_brevets_register(Some(brevets), senast)?;
    }
    let svarstid: i32 = tx.query_one("SELECT svarstid_dagar FROM valfri.kommun", &[])?.get(0);
    let svarsdatum = brev.skickad + chrono::Days::new(u64::try_from(svarstid).unwrap_or(0));
    let version = match brev.registerversion {
        Some(v) => v,
        None => registerversion(tx)?,
    };
    tx.execute(
        "INSERT INTO valfri.information (id, beslut_id, skickad, svarsdatum, sprak, storstil, registerversion)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[&id, &b.id, &brev.skickad, &svarsdatum, &brev.sprak, &brev.storstil, &version],
    )?;
    tx.execute(
        "INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, detalj)
         VALUES ('information', 'beslut', $1, $2)",
        &[&b.id, &svarsdatum.to_string()],
    )?;
    Ok(id.to_owned())
}

struct NyRad<'a> {
    id: &'a str,
    beslut: &'a Beslutsfakta,
    utforare_id: &'a str,
    typ: ValTyp,
    vem_valde: Option<VemValde>,
    informationssatt: Option<Informationssatt>,
    informationssprak: Option<&'a str>,
    valdatum: NaiveDate,
    startdatum: NaiveDate,
    ersatter: Option<String>,
}

fn infoga_val(tx: &mut Transaction<'_>, v: &NyRad<'_>) -> Result<(), Stopp> {
    let version = registerversion(tx)?;
    tx.execute(
        "INSERT INTO valfri.val (id, beslut_id, utforare_id, insats_id, typ, vem_valde, informationssatt,
             informationssprak, valdatum, startdatum, ersatter_id, registerversion)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        &[
            &v.id,
            &v.beslut.id,
            &v.utforare_id,
            &v.beslut.insats_id,
            &v.typ.kod(),
            &v.vem_valde.map(VemValde::kod),
            &v.informationssatt.map(Informationssatt::kod),
            &v.informationssprak,
            &v.valdatum,
            &v.startdatum,
            &v.ersatter,
            &version,
        ],
    )?;
    // A choice answers any mark for a new choice, and the wait for this provider.
    tx.execute("DELETE FROM valfri.omval WHERE beslut_id = $1", &[&v.beslut.id])?;
    tx.execute(
        "UPDATE valfri.vantelista SET avslutad = $3, avslutsorsak = 'valt', avslutad_av = session_user
         WHERE beslut_id = $1 AND utforare_id = $2 AND avslutad IS NULL",
        &[&v.beslut.id, &v.utforare_id, &v.valdatum],
    )?;
    Ok(())
}

fn registerversion(tx: &mut Transaction<'_>) -> Result<i64, Stopp> {
    Ok(tx
        .query_one("SELECT coalesce(max(nummer), 0)::bigint FROM valfri.registerversion", &[])?
        .get(0))
}

fn kod<T>(tolka: fn(&str) -> Result<T, Valideringsfel>, s: &str) -> Result<T, Stopp> {
    Ok(tolka(s)?)
}

fn beslutsfakta(tx: &mut Transaction<'_>, id: &str) -> Result<Beslutsfakta, Stopp> {
    let rad = tx
        .query_opt(
            "SELECT b.id, i.id, i.kod, valfri.brukarens_omrade(b.brukare_id), o.kod, b.status, b.utfall,
                    i.valfrihet, b.giltig_fran, b.giltig_till, i.ickeval, i.ickeval_utforare_id,
                    i.turordning_egen_regi
             FROM valfri.beslut b JOIN valfri.insats i ON i.id = b.insats_id
             LEFT JOIN valfri.omrade o ON o.id = valfri.brukarens_omrade(b.brukare_id)
             WHERE b.id = $1",
            &[&id],
        )?
        .ok_or_else(|| HubbFel::HittasInte { typ: "beslut", id: id.to_owned() })?;
    Ok(Beslutsfakta {
        id: rad.get(0),
        insats_id: rad.get(1),
        insats_kod: rad.get(2),
        omrade_id: rad.get(3),
        omrade_kod: rad.get(4),
        status: kod(BeslutStatus::fran_kod, rad.get(5))?,
        utfall: kod(Utfall::fran_kod, rad.get(6))?,
        valfrihet: rad.get(7),
        giltig_fran: rad.get(8),
        giltig_till: rad.get(9),
        ickeval: kod(IckevalModell::fran_kod, rad.get(10))?,
        ickeval_utforare_id: rad.get(11),
        turordning_egen_regi: rad.get(12),
    })
}

/// Every provider approved for the insats, in the order they joined the register (ULIDs sort
/// by creation; byte order, as on the desk), with the places it holds on `dag` in the whole
/// municipality (a place is held by the rule `valfri_domain::beslutsregler::haller_plats`).
///
/// The places are counted only where they can decide anything: a provider with a cap that
/// serves the brukare's område (the domain's `valbarhet` looks at them after the område and
/// only when a cap applies); elsewhere `aktiva` is 0. Counting every approved provider's running
/// choices was most of a command's time under the write lock in a large municipality.
fn kandidater(
    tx: &mut Transaction<'_>,
    b: &Beslutsfakta,
    dag: NaiveDate,
) -> Result<Vec<Kandidat>, Stopp> {
    let sql = format!(
        "SELECT u.id, u.namn, u.organisationsnummer, u.regi, g.godkand_fran, g.godkand_till,
                g.kapacitetstak, g.kapacitet_bekraftad, g.kapacitet_fran, g.kapacitet_till, g.paus_till,
                s.serverar,
                CASE WHEN s.serverar AND g.kapacitetstak IS NOT NULL THEN
                    (SELECT count(*) FROM valfri.val pv JOIN valfri.beslut pb ON pb.id = pv.beslut_id
                     WHERE pv.utforare_id = u.id AND pv.insats_id = g.insats_id AND {})
                ELSE 0 END
         FROM valfri.godkannande g JOIN valfri.utforare u ON u.id = g.utforare_id
         CROSS JOIN LATERAL (
             SELECT $2::text IS NULL OR EXISTS (SELECT 1 FROM valfri.utforare_omrade uo
                                                WHERE uo.utforare_id = u.id AND uo.omrade_id = $2) AS serverar
         ) s
         WHERE g.insats_id = $1 ORDER BY u.id COLLATE \"C\"",
        haller_plats_sql("pv", "pb", "$3::date")
    );
    let rader = tx.query(&sql, &[&b.insats_id, &b.omrade_id, &dag])?;
    rader
        .iter()
        .map(|r| {
            let tak: Option<i32> = r.get(6);
            let aktiva: i64 = r.get(12);
            Ok(Kandidat {
                utforare_id: r.get(0),
                namn: r.get(1),
                organisationsnummer: r.get(2),
                regi: kod(Regi::fran_kod, r.get(3))?,
                godkannande: Godkannande {
                    insats_kod: b.insats_kod.clone(),
                    godkand_fran: r.get(4),
                    godkand_till: r.get(5),
                    kapacitetstak: tak.and_then(|t| u32::try_from(t).ok()),
                    kapacitet_bekraftad: r.get(7),
                    kapacitet_fran: r.get(8),
                    kapacitet_till: r.get(9),
                    paus_till: r.get(10),
                },
                serverar: r.get(11),
                aktiva: u32::try_from(aktiva).unwrap_or(u32::MAX),
            })
        })
        .collect()
}

fn pagaende(tx: &mut Transaction<'_>, beslut_id: &str) -> Result<Option<Pagaende>, Stopp> {
    Ok(tx
        .query_opt(
            "SELECT id, utforare_id, startdatum FROM valfri.val WHERE beslut_id = $1 AND slutdatum IS NULL",
            &[&beslut_id],
        )?
        .map(|r| Pagaende { id: r.get(0), utforare_id: r.get(1), startdatum: r.get(2) }))
}
