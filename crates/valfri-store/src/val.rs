//! Choice: who can be chosen for a beslut, aktivt val and byte, ickeval with its explanation,
//! what the register's changes do to brukare, worklists and statistics.
//!
//! The rules themselves are pure functions in `valfri_domain::val`; this module reads the data
//! they need and applies them inside one write transaction, so the capacity check and the
//! assignment are one step: two handläggare racing for the last place cannot both get it.

use chrono::{Days, NaiveDate};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;
use valfri_domain::val::{
    Hoppad, Ickevalsforklaring, Listplats, NyttVal, Val, ValbarRad, Valbara, Valbarhet,
    nasta_i_turordning, neutral_ordning, tak_galler, valbarhet,
};
use valfri_domain::{
    BeslutStatus, Godkannande, IckevalModell, IckevalOrsak, Informationssatt, Regi, Utfall,
    Utforare, ValTyp, VemValde,
};

use crate::Rad as _;
use crate::kommun::kontrollera_sprak;
use crate::{Aktor, Lagringsfel, Resultat, Store, datum, datum_opt, logg, nu, ny_id};

/// What the choice rules need to know about a beslut.
struct Beslutsdata {
    id: String,
    insats_id: String,
    insats_kod: String,
    omrade_id: Option<String>,
    omrade_kod: Option<String>,
    status: BeslutStatus,
    utfall: Utfall,
    valfrihet: bool,
    giltig_fran: NaiveDate,
    giltig_till: Option<NaiveDate>,
    ickeval: IckevalModell,
    ickeval_utforare_id: Option<String>,
    turordning_egen_regi: bool,
}

impl Beslutsdata {
    /// Only a made, granted beslut on an insats in a valfrihetssystem gives a choice.
    fn kan_valjas(&self) -> Resultat<()> {
        let aktivt = matches!(self.status, BeslutStatus::Beslutat | BeslutStatus::Verkstallt);
        if aktivt && self.utfall != Utfall::Avslag && self.valfrihet {
            Ok(())
        } else {
            Err(Lagringsfel::BeslutUtanVal)
        }
    }

    /// Whether valfrihetsinformation may go out for the beslut on `dag`: it gives a choice and
    /// has not run out. A letter to a person who cannot choose would tell them they can.
    fn kan_informeras(&self, dag: NaiveDate) -> Resultat<()> {
        self.kan_valjas()?;
        match self.giltig_till {
            Some(till) if till < dag => Err(Lagringsfel::BeslutUtgatt { till }),
            _ => Ok(()),
        }
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
    beslutsdata(tx, beslut_id)?.kan_informeras(dag)
}

/// An approved provider for the insats, with what decides whether it can be chosen.
struct Kandidat {
    utforare_id: String,
    namn: String,
    organisationsnummer: String,
    regi: Regi,
    godkannande: Godkannande,
    serverar: bool,
    aktiva: u32,
}

impl Kandidat {
    fn status(&self, datum: NaiveDate) -> Valbarhet {
        valbarhet(&self.godkannande, self.serverar, self.aktiva, datum)
    }

    fn plats(&self) -> Listplats {
        Listplats { utforare_id: self.utforare_id.clone(), namn: self.namn.clone() }
    }
}

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
fn kandidater(tx: &Transaction<'_>, b: &Beslutsdata) -> Resultat<Vec<Kandidat>> {
    kandidater_for(tx, &b.insats_id, &b.insats_kod, b.omrade_id.as_deref())
}

fn kandidater_for(
    tx: &Transaction<'_>,
    insats_id: &str,
    insats_kod: &str,
    omrade_id: Option<&str>,
) -> Resultat<Vec<Kandidat>> {
    let mut stmt = tx.prepare_cached(
        "SELECT u.id, u.namn, u.organisationsnummer, u.regi, g.godkand_fran, g.godkand_till, g.kapacitetstak,
            g.kapacitet_bekraftad, g.paus_till, g.kapacitet_fran, g.kapacitet_till,
            ?2 IS NULL OR EXISTS (SELECT 1 FROM utforare_omrade uo WHERE uo.utforare_id = u.id AND uo.omrade_id = ?2),
            (SELECT count(*) FROM val v WHERE v.utforare_id = u.id AND v.insats_id = g.insats_id AND v.slutdatum IS NULL)
         FROM godkannande g JOIN utforare u ON u.id = g.utforare_id WHERE g.insats_id = ?1 ORDER BY u.id",
    )?;
    let rader = stmt.query_map(params![insats_id, omrade_id], |r| {
        Ok((
            (
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ),
            (
                r.get::<_, String>(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
            ),
            (r.get::<_, bool>(11)?, r.get::<_, u32>(12)?),
        ))
    })?;
    rader
        .map(|r| {
            let (
                (utforare_id, namn, organisationsnummer, regi),
                (fran, till, tak, bekraftad, paus, tak_fran, tak_till),
                (serverar, aktiva),
            ) = r?;
            Ok(Kandidat {
                utforare_id,
                namn,
                organisationsnummer,
                regi: Regi::fran_kod(&regi)?,
                godkannande: Godkannande {
                    insats_kod: insats_kod.to_owned(),
                    godkand_fran: datum(&fran)?,
                    godkand_till: datum_opt(till)?,
                    kapacitetstak: tak,
                    kapacitet_bekraftad: datum_opt(bekraftad)?,
                    paus_till: datum_opt(paus)?,
                    kapacitet_fran: datum_opt(tak_fran)?,
                    kapacitet_till: datum_opt(tak_till)?,
                },
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
    let (vem, satt, sprak, valdatum, start, slut, ersatter) =
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
            informationssatt: satt.as_deref().map(Informationssatt::fran_kod).transpose()?,
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
    // A choice answers any mark for a new choice.
    tx.execute("DELETE FROM omval WHERE beslut_id = ?1", [&v.beslut.id])?;
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

/// A brukare whose provider changed under them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paverkad {
    pub beslut_id: String,
    pub brukare_id: String,
    pub namn: String,
    pub insats_kod: String,
    /// `upphort`, `ej_omrade` or `tak`.
    pub orsak: &'static str,
}

/// Which running val a proposed provider record would leave without a valid provider: its
/// approval ends, it leaves the brukare's område, or its cap falls below its count (then the
/// most recently assigned above the cap must choose again: the earlier ones keep their place).
fn paverkade(tx: &Transaction<'_>, u: &Utforare, dag: NaiveDate) -> Resultat<Vec<Paverkad>> {
    // rowid is the order the choices were recorded in: two recorded in the same millisecond
    // share `skapad`, and the id's random part would then decide who keeps the place.
    let mut stmt = tx.prepare_cached(
        "SELECT v.beslut_id, b.brukare_id, br.fornamn || ' ' || br.efternamn, i.kod, o.kod
         FROM val v JOIN beslut b ON b.id = v.beslut_id JOIN brukare br ON br.id = b.brukare_id
         JOIN insats i ON i.id = v.insats_id LEFT JOIN omrade o ON o.id = br.omrade_id
         WHERE v.utforare_id = ?1 AND v.slutdatum IS NULL
         ORDER BY v.startdatum, v.skapad, v.rowid",
    )?;
    let aktiva = stmt
        .query_map([&u.id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut ut = Vec::new();
    let mut kvar: Vec<(String, Vec<Paverkad>)> = Vec::new();
    for (beslut_id, brukare_id, namn, insats_kod, omrade) in aktiva {
        let g = u.godkannanden.iter().find(|g| g.insats_kod == insats_kod);
        let orsak = match g {
            None => Some("upphort"),
            Some(g) if g.godkand_till.is_some_and(|t| t < dag) => Some("upphort"),
            _ if omrade.as_ref().is_some_and(|o| !u.omraden.contains(o)) => Some("ej_omrade"),
            _ => None,
        };
        let p = Paverkad {
            beslut_id,
            brukare_id,
            namn,
            insats_kod: insats_kod.clone(),
            orsak: orsak.unwrap_or("tak"),
        };
        if orsak.is_some() {
            ut.push(p);
        } else if let Some((_, lista)) = kvar.iter_mut().find(|(k, _)| *k == insats_kod) {
            lista.push(p);
        } else {
            kvar.push((insats_kod, vec![p]));
        }
    }
    for (insats_kod, lista) in kvar {
        let tak = u
            .godkannanden
            .iter()
            .find(|g| g.insats_kod == insats_kod)
            .and_then(|g| tak_galler(g, dag));
        if let Some(tak) = tak.map(|t| t as usize).filter(|t| lista.len() > *t) {
            ut.extend(lista.into_iter().skip(tak));
        }
    }
    Ok(ut)
}

/// Marks for a new choice everyone a saved provider change affected.
pub(crate) fn markera_omval(
    tx: &Transaction<'_>,
    aktor: &Aktor,
    u: &Utforare,
    version: i64,
    dag: NaiveDate,
) -> Resultat<Vec<Paverkad>> {
    let lista = paverkade(tx, u, dag)?;
    for p in &lista {
        tx.execute(
            "INSERT INTO omval (beslut_id, orsak, utforare_id, registerversion, markerad) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (beslut_id) DO UPDATE SET orsak = ?2, utforare_id = ?3, registerversion = ?4, markerad = ?5",
            params![p.beslut_id, p.orsak, u.id, version, nu()],
        )?;
        logg::skriv(tx, aktor, "markera_omval", "beslut", &p.beslut_id, p.orsak)?;
    }
    Ok(lista)
}

/// A line on a worklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Arbetspost {
    pub beslut_id: String,
    pub brukare_id: String,
    pub namn: String,
    pub insats_kod: String,
    pub datum: Option<NaiveDate>,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Arbetslistor {
    /// Valfrihetsinformation sent, svarsdatum passed, no provider: ickeval is due.
    pub ickeval: Vec<Arbetspost>,
    /// Uppföljning due within 30 days.
    pub uppfoljning: Vec<Arbetspost>,
    /// Beslut that end within 30 days.
    pub upphor: Vec<Arbetspost>,
    /// Brukare marked for a new choice after a register change.
    pub omval: Vec<Arbetspost>,
    /// Providers at or above 90 % of their cap.
    pub nara_tak: Vec<Kapacitet>,
    /// Caps not confirmed within the municipality's limit (default 90 days).
    pub gamla_tak: Vec<Kapacitet>,
}

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
        kandidater_for(tx, insats_id, insats_kod, Some(omrade_id))?
            .into_iter()
            .filter(|k| k.serverar)
            .map(|k| (k.utforare_id.clone(), k.namn.clone(), k.status(dag)))
            .collect();
    neutral_ordning(&mut lista, regel, seed, |x| &x.1, |x| &x.0);
    Ok(lista.into_iter().map(|(id, _, s)| (id, s)).collect())
}

impl Store {
    /// Every provider approved for the beslut's insats, with whether the brukare can choose it on
    /// `dag`, in the municipality's neutral order.
    pub fn valbara(&self, aktor: &Aktor, beslut_id: &str, dag: NaiveDate) -> Resultat<Valbara> {
        let kommun = self.kommun()?;
        self.i_transaktion(|tx| {
            let b = beslutsdata(tx, beslut_id)?;
            let mut rader: Vec<ValbarRad> = kandidater(tx, &b)?
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
        let kommun = self.kommun()?;
        let sprak = ny
            .informationssprak
            .as_ref()
            .map(|s| kontrollera_sprak(std::slice::from_ref(s)))
            .transpose()?;
        self.i_transaktion(|tx| {
            let b = beslutsdata(tx, &ny.beslut_id)?;
            b.kan_valjas()?;
            let kandidat = kandidater(tx, &b)?
                .into_iter()
                .find(|k| k.utforare_id == ny.utforare_id)
                .ok_or(Lagringsfel::InteValbar { skal: "ej_godkand" })?;
            let tidigare = aktivt_val(tx, &b.id)?;
            if tidigare.as_ref().is_some_and(|t| t.utforare_id == ny.utforare_id) {
                return Err(Lagringsfel::SammaUtforare);
            }
            let status = kandidat.status(ny.valdatum);
            if !status.ar_valbar() {
                return Err(Lagringsfel::InteValbar { skal: status.kod() });
            }
            let start = match (&tidigare, ny.startdatum) {
                (_, Some(s)) => s,
                (Some(_), None) => ny.valdatum + Days::new(u64::from(kommun.byte_dagar)),
                (None, None) => ny.valdatum.max(b.giltig_fran),
            };
            if let Some(t) = &tidigare {
                let slut = start.pred_opt().unwrap_or(start);
                tx.execute(
                    "UPDATE val SET slutdatum = ?2 WHERE id = ?1",
                    params![t.id, slut.max(t.startdatum).to_string()],
                )?;
            }
            let id = infoga_val(
                tx,
                aktor,
                &NyRad {
                    beslut: &b,
                    utforare_id: &ny.utforare_id,
                    typ: if tidigare.is_some() { ValTyp::Byte } else { ValTyp::AktivtVal },
                    vem_valde: Some(ny.vem_valde),
                    informationssatt: ny.informationssatt,
                    informationssprak: sprak.clone(),
                    valdatum: ny.valdatum,
                    startdatum: start,
                    ersatter: tidigare.map(|t| t.id),
                },
            )?;
            logg::skriv(
                tx,
                aktor,
                "valj",
                "beslut",
                &b.id,
                &format!("utforare {}", ny.utforare_id),
            )?;
            Ok(id)
        })
    }

    /// Applies the insats's ickeval alternative: when the svarsdatum has passed without a choice,
    /// or at once when the brukare says they will not choose. Stores and returns the explanation.
    pub fn ickeval(
        &self,
        aktor: &Aktor,
        beslut_id: &str,
        dag: NaiveDate,
        orsak: IckevalOrsak,
    ) -> Resultat<(String, Ickevalsforklaring)> {
        self.i_transaktion(|tx| {
            let b = beslutsdata(tx, beslut_id)?;
            b.kan_valjas()?;
            if aktivt_val(tx, &b.id)?.is_some() {
                return Err(Lagringsfel::HarRedanUtforare);
            }
            if orsak == IckevalOrsak::Svarsdatum {
                let svarsdatum: Option<String> = tx
                    .rad("SELECT max(svarsdatum) FROM information WHERE beslut_id = ?1", [&b.id], |r| r.get(0))?;
                let svarsdatum = datum_opt(svarsdatum)?.ok_or(Lagringsfel::IngenInformation)?;
                if svarsdatum >= dag {
                    return Err(Lagringsfel::SvarsdatumEjPasserat { svarsdatum: svarsdatum.to_string() });
                }
            }
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
                        .filter(|k| k.serverar && k.godkannande.godkand_till.is_none_or(|t| t >= dag))
                        .filter(|k| b.turordning_egen_regi || k.regi != Regi::EgenRegi)
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

    /// The stored explanations of every ickeval for a beslut.
    pub fn ickevalsforklaringar(&self, beslut_id: &str) -> Resultat<Vec<Ickevalsforklaring>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT forklaring FROM ickeval WHERE beslut_id = ?1 ORDER BY tid, rowid",
        )?;
        let lista = stmt.query_map([beslut_id], |r| r.get::<_, String>(0))?;
        lista.map(|f| Ok(serde_json::from_str(&f?)?)).collect()
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
        self.i_transaktion(|tx| skriv_information(tx, aktor, beslut_id, skickad, sprak, storstil))
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

    /// What saving this provider record would do to brukare, without saving it.
    pub fn forhandsgranska_utforare(
        &self,
        u: &Utforare,
        dag: NaiveDate,
    ) -> Resultat<Vec<Paverkad>> {
        let tx = self.conn.unchecked_transaction()?;
        let id = if u.id.is_empty() {
            self.utforare_id(&u.organisationsnummer).unwrap_or_default()
        } else {
            u.id.clone()
        };
        paverkade(&tx, &Utforare { id, ..u.clone() }, dag)
    }

    /// Today's worklists. Reading them is logged: they name brukare.
    pub fn arbetslistor(&self, aktor: &Aktor, dag: NaiveDate) -> Resultat<Arbetslistor> {
        let kommun = self.kommun()?;
        let om30 = (dag + Days::new(30)).to_string();
        let dagstr = dag.to_string();
        let gammal = (dag - Days::new(u64::from(kommun.tak_max_alder_dagar))).to_string();
        self.i_transaktion(|tx| {
            let poster = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> Resultat<Vec<Arbetspost>> {
                let mut stmt = tx.prepare_cached(sql)?;
                let rader = stmt.query_map(p, |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, Option<String>>(4)?))
                })?;
                rader
                    .map(|r| {
                        let (beslut_id, brukare_id, namn, insats_kod, d) = r?;
                        Ok(Arbetspost { beslut_id, brukare_id, namn, insats_kod, datum: datum_opt(d)? })
                    })
                    .collect()
            };
            const BAS: &str = "SELECT b.id, b.brukare_id, br.fornamn || ' ' || br.efternamn, i.kod";
            const FRAN: &str = "FROM beslut b JOIN brukare br ON br.id = b.brukare_id JOIN insats i ON i.id = b.insats_id";
            let aktiv = "b.status IN ('beslutat', 'verkstallt')";
            let ickeval = poster(
                &format!(
                    "{BAS}, (SELECT max(svarsdatum) FROM information f WHERE f.beslut_id = b.id) AS sd {FRAN}
                     WHERE {aktiv} AND b.utfall <> 'avslag' AND sd < ?1
                       AND NOT EXISTS (SELECT 1 FROM val v WHERE v.beslut_id = b.id AND v.slutdatum IS NULL) ORDER BY sd"
                ),
                &[&dagstr],
            )?;
            let uppfoljning = poster(
                &format!("{BAS}, b.uppfoljning {FRAN} WHERE {aktiv} AND b.uppfoljning <= ?1 ORDER BY b.uppfoljning"),
                &[&om30],
            )?;
            let upphor = poster(
                &format!("{BAS}, b.giltig_till {FRAN} WHERE {aktiv} AND b.giltig_till BETWEEN ?1 AND ?2 ORDER BY b.giltig_till"),
                &[&dagstr, &om30],
            )?;
            let omval = poster(&format!("{BAS}, substr(m.markerad, 1, 10) {FRAN} JOIN omval m ON m.beslut_id = b.id ORDER BY m.markerad"), &[])?;
            let mut stmt = tx.prepare_cached(
                "SELECT u.id, u.namn, i.kod, g.kapacitetstak, g.kapacitet_bekraftad, g.kapacitet_fran, g.kapacitet_till,
                    (SELECT count(*) FROM val v WHERE v.utforare_id = u.id AND v.insats_id = g.insats_id AND v.slutdatum IS NULL)
                 FROM godkannande g JOIN utforare u ON u.id = g.utforare_id JOIN insats i ON i.id = g.insats_id
                 WHERE g.kapacitetstak IS NOT NULL AND (g.godkand_till IS NULL OR g.godkand_till >= ?1) ORDER BY u.namn, i.kod",
            )?;
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
            Ok(Arbetslistor { ickeval, uppfoljning, upphor, omval, nara_tak, gamla_tak })
        })
    }

    /// Per insats over `[fran, till]`: aktivt val against ickeval, byten, assignments per
    /// provider and capacity use now. Counts only; no person is named.
    pub fn statistik(&self, fran: NaiveDate, till: NaiveDate) -> Resultat<Vec<Insatsstatistik>> {
        let mut ut = Vec::new();
        for insats in self.insatser("sv")? {
            let mut stmt = self.conn.prepare_cached(
                "SELECT u.id, u.namn,
                    (SELECT count(*) FROM val v WHERE v.utforare_id = u.id AND v.insats_id = g.insats_id AND v.typ <> 'overford'
                        AND v.valdatum BETWEEN ?2 AND ?3),
                    (SELECT count(*) FROM val v WHERE v.utforare_id = u.id AND v.insats_id = g.insats_id AND v.typ = 'ickeval'
                        AND v.valdatum BETWEEN ?2 AND ?3),
                    (SELECT count(*) FROM val v WHERE v.utforare_id = u.id AND v.insats_id = g.insats_id AND v.slutdatum IS NULL),
                    g.kapacitetstak
                 FROM godkannande g JOIN utforare u ON u.id = g.utforare_id WHERE g.insats_id = ?1 ORDER BY u.namn, u.id",
            )?;
            let utforare = stmt
                .query_map(params![insats.id, fran.to_string(), till.to_string()], |r| {
                    Ok(Utforarstatistik {
                        utforare_id: r.get(0)?,
                        namn: r.get(1)?,
                        tilldelningar: r.get(2)?,
                        ickeval: r.get(3)?,
                        aktiva: r.get(4)?,
                        kapacitetstak: r.get(5)?,
                    })
                })?
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
