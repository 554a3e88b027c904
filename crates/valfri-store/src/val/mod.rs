//! Choice: who can be chosen for a beslut, aktivt val and byte, ickeval with its explanation,
//! what the register's changes do to brukare, worklists and statistics.
//!
//! The rules themselves are pure functions in `valfri_domain::val`; this module reads the data
//! they need and applies them inside one write transaction, so the capacity check and the
//! assignment are one step: two handläggare racing for the last place cannot both get it.

use chrono::{Days, NaiveDate};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;
use valfri_domain::beslutsregler::{Bekraftelse, haller_plats_sql, kontrollera_valuppgifter};
use valfri_domain::tilldelning::planera_val;
use valfri_domain::val::{
    Ickevalsforklaring, NyttVal, Val, ValbarRad, Valbara, Valbarhet, kontrollera_handelsedatum,
    neutral_ordning, tak_galler,
};
use valfri_domain::{
    BeslutStatus, IckevalModell, IckevalOrsak, Informationssatt, Regi, Utfall, Utforare, ValTyp,
    VemValde,
};

use crate::Rad as _;
use crate::kommun::kontrollera_sprak;
use crate::register::{GodkannandeRad, godkannande_kolumner};
use crate::{Aktor, Lagringsfel, Resultat, Store, datum, datum_opt, logg, nu, ny_id};

mod aktivt;
mod arbetslistor;
mod ickeval;
mod omval;
mod statistik;
mod vantelista;

pub(crate) use aktivt::{kontrollera_information, skriv_information};
pub use arbetslistor::{Arbetslistor, Arbetspost, Kapacitet};
pub use omval::Paverkad;
pub(crate) use omval::{markera_flytt, markera_omval};
pub use statistik::{
    Insatsmanader, Insatsstatistik, Manadsantal, Utforarmanader, Utforarstatistik,
};
pub use vantelista::Kopost;
pub(crate) use vantelista::avsluta_for_beslut;

pub(crate) use valfri_domain::tilldelning::{Beslutsfakta as Beslutsdata, Kandidat, Pagaende};

fn beslutsdata(tx: &Transaction<'_>, id: &str) -> Resultat<Beslutsdata> {
    tx.rad(
        "SELECT b.id, i.id, i.kod, br.omrade_id, o.kod, b.status, b.utfall, i.valfrihet, b.giltig_fran, i.ickeval,
            i.ickeval_utforare_id, i.turordning_egen_regi, b.giltig_till
         FROM beslut b JOIN insats i ON i.id = b.insats_id JOIN brukare br ON br.id = b.brukare_id
         LEFT JOIN omrade o ON o.id = br.omrade_id WHERE b.id = ?1",
        [id],
        |r| {
            Ok((
                (r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get(3)?, r.get(4)?),
                (r.get::<_, String>(5)?, r.get::<_, String>(6)?, r.get(7)?, r.get::<_, String>(8)?, r.get::<_, String>(9)?),
                (r.get(10)?, r.get(11)?, r.get::<_, Option<String>>(12)?),
            ))
        },
    )
    .optional()?
    .ok_or_else(|| Lagringsfel::HittasInte { typ: "beslut", id: id.to_owned() })
    .and_then(|((id, insats_id, insats_kod, omrade_id, omrade_kod), (status, utfall, valfrihet, fran, ickeval), (utsedd, egen, till))| {
        Ok(Beslutsdata {
            id,
            insats_id,
            insats_kod,
            omrade_id,
            omrade_kod,
            status: BeslutStatus::fran_kod(&status)?,
            utfall: Utfall::fran_kod(&utfall)?,
            valfrihet,
            giltig_fran: datum(&fran)?,
            giltig_till: till.as_deref().map(datum).transpose()?,
            ickeval: IckevalModell::fran_kod(&ickeval)?,
            ickeval_utforare_id: utsedd,
            turordning_egen_regi: egen,
        })
    })
}

/// Every provider approved for the insats, in the order they joined the register (ULIDs sort
/// by creation), which is the fixed order of a turordning.
fn kandidater(tx: &Transaction<'_>, b: &Beslutsdata, dag: NaiveDate) -> Resultat<Vec<Kandidat>> {
    kandidater_for(tx, &b.insats_id, &b.insats_kod, b.omrade_id.as_deref(), dag)
}

/// How many places a provider's cap has taken for an insats on a day, as an SQL expression over
/// `u` (utforare) and `g` (godkannande), with the day as `?{dag}`: the val that hold a place by
/// the rule `valfri_domain::beslutsregler::haller_plats`.
pub(crate) fn upptagna_platser_sql(dag: &str) -> String {
    format!(
        "(SELECT count(*) FROM val pv JOIN beslut pb ON pb.id = pv.beslut_id
          WHERE pv.utforare_id = u.id AND pv.insats_id = g.insats_id AND {})",
        haller_plats_sql("pv", "pb", dag)
    )
}

fn kandidater_for(
    tx: &Transaction<'_>,
    insats_id: &str,
    insats_kod: &str,
    omrade_id: Option<&str>,
    dag: NaiveDate,
) -> Resultat<Vec<Kandidat>> {
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT u.id, u.namn, u.organisationsnummer, u.regi, {},
            ?2 IS NULL OR EXISTS (SELECT 1 FROM utforare_omrade uo WHERE uo.utforare_id = u.id AND uo.omrade_id = ?2),
            {}
         FROM godkannande g JOIN utforare u ON u.id = g.utforare_id WHERE g.insats_id = ?1 ORDER BY u.id",
        godkannande_kolumner!(),
        upptagna_platser_sql("?3")
    ))?;
    let rader = stmt.query_map(params![insats_id, omrade_id, dag.to_string()], |r| {
        Ok((
            (
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ),
            GodkannandeRad::fran_rad(r, 4)?,
            (r.get::<_, bool>(11)?, r.get::<_, u32>(12)?),
        ))
    })?;
    rader
        .map(|r| {
            let ((utforare_id, namn, organisationsnummer, regi), godkannande, (serverar, aktiva)) =
                r?;
            Ok(Kandidat {
                utforare_id,
                namn,
                organisationsnummer,
                regi: Regi::fran_kod(&regi)?,
                godkannande: godkannande.godkannande(insats_kod.to_owned())?,
                serverar,
                aktiva,
            })
        })
        .collect()
}

fn registerversion(tx: &Transaction<'_>) -> Resultat<i64> {
    Ok(tx.rad("SELECT coalesce(max(nummer), 0) FROM registerversion", [], |r| r.get(0))?)
}

const VAL_SQL: &str = "SELECT v.id, v.beslut_id, v.utforare_id, u.namn, v.typ, v.vem_valde, v.informationssatt,
        v.informationssprak, v.valdatum, v.startdatum, v.slutdatum, v.ersatter_id, v.registerversion, v.handlaggare
    FROM val v JOIN utforare u ON u.id = v.utforare_id";

fn val_fran_rad(r: &rusqlite::Row<'_>) -> rusqlite::Result<Resultat<Val>> {
    let t = |i: usize| r.get::<_, String>(i);
    let o = |i: usize| r.get::<_, Option<String>>(i);
    let (id, beslut_id, utforare_id, utforare_namn, typ) = (t(0)?, t(1)?, t(2)?, t(3)?, t(4)?);
    let (vem, kanal, sprak, valdatum, start, slut, ersatter) =
        (o(5)?, o(6)?, o(7)?, t(8)?, t(9)?, o(10)?, o(11)?);
    let (registerversion, handlaggare) = (r.get(12)?, t(13)?);
    Ok((|| {
        Ok(Val {
            id,
            beslut_id,
            utforare_id,
            utforare_namn,
            typ: ValTyp::fran_kod(&typ)?,
            vem_valde: vem.as_deref().map(VemValde::fran_kod).transpose()?,
            informationssatt: kanal.as_deref().map(Informationssatt::fran_kod).transpose()?,
            informationssprak: sprak,
            valdatum: datum(&valdatum)?,
            startdatum: datum(&start)?,
            slutdatum: datum_opt(slut)?,
            ersatter,
            registerversion,
            handlaggare,
        })
    })())
}

fn aktivt_val(tx: &Transaction<'_>, beslut_id: &str) -> Resultat<Option<Val>> {
    tx.rad(
        &format!("{VAL_SQL} WHERE v.beslut_id = ?1 AND v.slutdatum IS NULL"),
        [beslut_id],
        val_fran_rad,
    )
    .optional()?
    .transpose()
}

struct NyRad<'a> {
    beslut: &'a Beslutsdata,
    utforare_id: &'a str,
    typ: ValTyp,
    vem_valde: Option<VemValde>,
    informationssatt: Option<Informationssatt>,
    informationssprak: Option<String>,
    valdatum: NaiveDate,
    startdatum: NaiveDate,
    ersatter: Option<String>,
}

fn infoga_val(tx: &Transaction<'_>, aktor: &Aktor, v: &NyRad<'_>) -> Resultat<String> {
    let id = ny_id();
    tx.execute(
        "INSERT INTO val (id, beslut_id, utforare_id, insats_id, typ, vem_valde, informationssatt, informationssprak, valdatum,
            startdatum, ersatter_id, registerversion, handlaggare, skapad)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            id,
            v.beslut.id,
            v.utforare_id,
            v.beslut.insats_id,
            v.typ.kod(),
            v.vem_valde.map(VemValde::kod),
            v.informationssatt.map(Informationssatt::kod),
            v.informationssprak,
            v.valdatum.to_string(),
            v.startdatum.to_string(),
            v.ersatter,
            registerversion(tx)?,
            aktor.logg_namn(),
            nu()
        ],
    )?;
    // A choice answers any mark for a new choice, and the wait for this provider.
    tx.execute("DELETE FROM omval WHERE beslut_id = ?1", [&v.beslut.id])?;
    vantelista::avsluta_som_valt(tx, aktor, &v.beslut.id, v.utforare_id, v.valdatum)?;
    Ok(id)
}

/// Ends the running val of a beslut (the beslut ended, or was replaced).
pub(crate) fn avsluta_val(
    tx: &Transaction<'_>,
    beslut_id: &str,
    slut: NaiveDate,
) -> Resultat<Option<Val>> {
    let aktivt = aktivt_val(tx, beslut_id)?;
    if let Some(v) = &aktivt {
        tx.execute(
            "UPDATE val SET slutdatum = ?2 WHERE id = ?1",
            params![v.id, slut.max(v.startdatum).to_string()],
        )?;
    }
    tx.execute("DELETE FROM omval WHERE beslut_id = ?1", [beslut_id])?;
    Ok(aktivt)
}

/// After an omprövning the brukare keeps their provider: the running val moves to the new beslut.
pub(crate) fn overfor_val(
    tx: &Transaction<'_>,
    aktor: &Aktor,
    fran: &str,
    till: &str,
    dag: NaiveDate,
) -> Resultat<()> {
    let ny = beslutsdata(tx, till)?;
    // The brukare keeps their place in any waiting list too, if the new beslut gives a choice.
    if ny.kan_valjas().is_ok() {
        vantelista::flytta_till(tx, fran, till)?;
    } else {
        vantelista::avsluta_for_beslut(tx, fran, dag)?;
    }
    let Some(gammalt) = avsluta_val(tx, fran, dag)? else { return Ok(()) };
    if ny.kan_valjas().is_err() {
        return Ok(());
    }
    infoga_val(
        tx,
        aktor,
        &NyRad {
            beslut: &ny,
            utforare_id: &gammalt.utforare_id,
            typ: ValTyp::Overford,
            vem_valde: None,
            informationssatt: None,
            informationssprak: None,
            valdatum: dag,
            startdatum: dag.max(ny.giltig_fran),
            ersatter: Some(gammalt.id),
        },
    )?;
    Ok(())
}

/// Every provider approved for an insats that serves an område, with its status on `dag`, in
/// the municipality's neutral order: what a jämförelseblad shows.
pub(crate) fn for_omrade(
    tx: &Transaction<'_>,
    insats_id: &str,
    insats_kod: &str,
    omrade_id: &str,
    dag: NaiveDate,
    regel: valfri_domain::Ordningsregel,
    seed: i64,
) -> Resultat<Vec<(String, Valbarhet)>> {
    let mut lista: Vec<(String, String, Valbarhet)> =
        kandidater_for(tx, insats_id, insats_kod, Some(omrade_id), dag)?
            .into_iter()
            .filter(|k| k.serverar)
            .map(|k| (k.utforare_id.clone(), k.namn.clone(), k.status(dag)))
            .collect();
    neutral_ordning(&mut lista, regel, seed, |x| &x.1, |x| &x.0);
    Ok(lista.into_iter().map(|(id, _, s)| (id, s)).collect())
}
