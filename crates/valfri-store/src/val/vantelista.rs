//! The waiting list (väntelista): a brukare waiting for a provider at its cap, the places that
//! come free for them oldest first, giving a place (an ordinary choice), and taking someone
//! off. The rules are `valfri_domain::vantelista`; this file reads what they need.

#[allow(clippy::wildcard_imports)]
use super::*;
use valfri_domain::beslutsregler::Beslutsregelfel;
use valfri_domain::vantelista::{
    Koavslut, Kohinder, Vantande, fore_i_kon, kan_vanta, kontrollera_borttagning, lediga_platser,
    ordna_kon,
};

/// One entry on a waiting list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kopost {
    pub id: String,
    pub beslut_id: String,
    pub brukare_id: String,
    pub namn: String,
    pub insats_kod: String,
    pub utforare_id: String,
    pub utforare_namn: String,
    /// Who asked to wait.
    pub vem_valde: VemValde,
    /// The day the brukare was put on the list.
    pub stalld: NaiveDate,
    /// A place is free for this entry now: its turn has come.
    pub plats_ledig: bool,
    /// The provider's state for the beslut today (why no place is free, when none is).
    pub status: Valbarhet,
    /// How many wait before this entry for the same provider and insats and could take a place.
    pub fore: u32,
    pub avslutad: Option<NaiveDate>,
    pub avslutsorsak: Option<Koavslut>,
    /// The reason given when the entry was taken off.
    pub skal: String,
}

const KO_SQL: &str = "SELECT k.id, k.beslut_id, b.brukare_id, br.fornamn || ' ' || br.efternamn, i.kod,
        k.utforare_id, u.namn, k.vem_valde, k.stalld, k.skapad, k.insats_id, k.avslutad, k.avslutsorsak, k.skal
    FROM vantelista k JOIN beslut b ON b.id = k.beslut_id JOIN brukare br ON br.id = b.brukare_id
    JOIN insats i ON i.id = k.insats_id JOIN utforare u ON u.id = k.utforare_id";

struct Rad {
    post: Kopost,
    skapad: String,
    insats_id: String,
}

fn las(tx: &Transaction<'_>, villkor: &str, p: &[&dyn rusqlite::ToSql]) -> Resultat<Vec<Rad>> {
    let mut stmt = tx.prepare_cached(&format!("{KO_SQL} WHERE {villkor}"))?;
    let rader = stmt.query_map(p, |r| {
        let t = |i: usize| r.get::<_, String>(i);
        let o = |i: usize| r.get::<_, Option<String>>(i);
        Ok((
            (t(0)?, t(1)?, t(2)?, t(3)?, t(4)?),
            (t(5)?, t(6)?, t(7)?, t(8)?, t(9)?),
            (t(10)?, o(11)?, o(12)?, t(13)?),
        ))
    })?;
    rader
        .map(|r| {
            let (
                (id, beslut_id, brukare_id, namn, insats_kod),
                (utforare_id, utforare_namn, vem, stalld, skapad),
                (insats_id, avslutad, orsak, skal),
            ) = r?;
            Ok(Rad {
                post: Kopost {
                    id,
                    beslut_id,
                    brukare_id,
                    namn,
                    insats_kod,
                    utforare_id,
                    utforare_namn,
                    vem_valde: VemValde::fran_kod(&vem)?,
                    stalld: datum(&stalld)?,
                    plats_ledig: false,
                    status: Valbarhet::Valbar,
                    fore: 0,
                    avslutad: datum_opt(avslutad)?,
                    avslutsorsak: orsak.as_deref().map(Koavslut::fran_kod).transpose()?,
                    skal,
                },
                skapad,
                insats_id,
            })
        })
        .collect()
}

/// Every open entry in the list's order, with whether a place is free for it on `dag` (the rule
/// `valfri_domain::vantelista::lediga_platser`, over each provider's state for each beslut).
fn oppna(tx: &Transaction<'_>, dag: NaiveDate) -> Resultat<Vec<Kopost>> {
    let mut rader = las(tx, "k.avslutad IS NULL", &[])?;
    ordna_kon(&mut rader, |r| (r.skapad.as_str(), r.post.id.as_str()));
    let mut lediga = Vec::with_capacity(rader.len());
    for r in &mut rader {
        let b = beslutsdata(tx, &r.post.beslut_id)?;
        let k = kandidater(tx, &b, dag)?.into_iter().find(|k| k.utforare_id == r.post.utforare_id);
        let (status, fria) = match (&k, b.kan_valjas()) {
            (Some(k), Ok(())) => {
                (k.status(dag), tak_galler(&k.godkannande, dag).map(|t| t.saturating_sub(k.aktiva)))
            }
            (Some(k), Err(_)) => (k.status(dag), Some(0)),
            (None, _) => (Valbarhet::Upphort { till: dag }, Some(0)),
        };
        r.post.status = status;
        lediga.push(fria);
    }
    let vantande: Vec<Vantande<'_>> = rader
        .iter()
        .zip(&lediga)
        .map(|(r, fria)| Vantande {
            utforare_id: &r.post.utforare_id,
            insats_id: &r.insats_id,
            status: r.post.status.clone(),
            lediga: *fria,
        })
        .collect();
    let fria = lediga_platser(&vantande);
    let fore: Vec<usize> = (0..vantande.len()).map(|i| fore_i_kon(&vantande, i)).collect();
    Ok(rader
        .into_iter()
        .zip(fria)
        .zip(fore)
        .map(|((mut r, ledig), fore)| {
            r.post.plats_ledig = ledig;
            r.post.fore = u32::try_from(fore).unwrap_or(u32::MAX);
            r.post
        })
        .collect())
}

/// The open entries whose place is free now, oldest first: the worklist's "plats ledig".
pub(crate) fn lediga(tx: &Transaction<'_>, dag: NaiveDate) -> Resultat<Vec<Kopost>> {
    Ok(oppna(tx, dag)?.into_iter().filter(|p| p.plats_ledig).collect())
}

/// A choice answers the brukare's wait for that provider (whoever made it: a place given from
/// the list, a choice in the panel, an ickeval that assigned it).
pub(crate) fn avsluta_som_valt(
    tx: &Transaction<'_>,
    aktor: &Aktor,
    beslut_id: &str,
    utforare_id: &str,
    dag: NaiveDate,
) -> Resultat<()> {
    tx.execute(
        "UPDATE vantelista SET avslutad = ?3, avslutsorsak = 'valt', avslutad_av = ?4
         WHERE beslut_id = ?1 AND utforare_id = ?2 AND avslutad IS NULL",
        params![beslut_id, utforare_id, dag.to_string(), aktor.logg_namn()],
    )?;
    Ok(())
}

/// An ended beslut waits for nothing.
pub(crate) fn avsluta_for_beslut(
    tx: &Transaction<'_>,
    beslut_id: &str,
    dag: NaiveDate,
) -> Resultat<()> {
    tx.execute(
        "UPDATE vantelista SET avslutad = ?2, avslutsorsak = 'beslut_avslutat', avslutad_av = 'system'
         WHERE beslut_id = ?1 AND avslutad IS NULL",
        params![beslut_id, dag.to_string()],
    )?;
    Ok(())
}

/// After an omprövning the brukare keeps their place in the queue: the open entries move to
/// the beslut that replaced the old one (their order, `skapad`, is kept).
pub(crate) fn flytta_till(tx: &Transaction<'_>, fran: &str, till: &str) -> Resultat<()> {
    tx.execute(
        "UPDATE vantelista SET beslut_id = ?2 WHERE beslut_id = ?1 AND avslutad IS NULL",
        params![fran, till],
    )?;
    Ok(())
}

fn stall_i_ko_i(
    tx: &Transaction<'_>,
    aktor: &Aktor,
    beslut_id: &str,
    utforare_id: &str,
    vem: VemValde,
    dag: NaiveDate,
) -> Resultat<String> {
    let b = beslutsdata(tx, beslut_id)?;
    b.kan_valjas()?;
    let k = kandidater(tx, &b, dag)?
        .into_iter()
        .find(|k| k.utforare_id == utforare_id)
        .ok_or(Lagringsfel::InteValbar { skal: "ej_godkand" })?;
    let (har_ombud, _) = har_ombud(tx, beslut_id)?;
    if vem == VemValde::Ombud && !har_ombud {
        return Err(Beslutsregelfel::IngetOmbud.into());
    }
    let nuvarande = aktivt_val(tx, beslut_id)?.is_some_and(|v| v.utforare_id == utforare_id);
    let redan: bool = tx.rad(
        "SELECT EXISTS (SELECT 1 FROM vantelista WHERE beslut_id = ?1 AND utforare_id = ?2 AND avslutad IS NULL)",
        [beslut_id, utforare_id],
        |r| r.get(0),
    )?;
    kan_vanta(&k.status(dag), nuvarande, redan).map_err(Beslutsregelfel::from)?;
    let id = ny_id();
    tx.execute(
        "INSERT INTO vantelista (id, beslut_id, utforare_id, insats_id, vem_valde, stalld, handlaggare, skapad)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id, beslut_id, utforare_id, b.insats_id, vem.kod(), dag.to_string(), aktor.logg_namn(), nu()],
    )?;
    logg::skriv(tx, aktor, "ko", "beslut", beslut_id, &format!("utforare {utforare_id}"))?;
    Ok(id)
}

fn har_ombud(tx: &Transaction<'_>, beslut_id: &str) -> Resultat<(bool, bool)> {
    Ok(tx.rad(
        "SELECT EXISTS (SELECT 1 FROM ombud o JOIN beslut b ON b.brukare_id = o.brukare_id WHERE b.id = ?1), 0",
        [beslut_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// The choice that gives entry `id` its free place: the provider waited for, chosen by whoever
/// asked to wait, today. Refused when the place is not this entry's (someone waits before it,
/// or the provider cannot be chosen for it now).
fn val_for_plats(tx: &Transaction<'_>, id: &str, dag: NaiveDate) -> Resultat<NyttVal> {
    let post = oppna(tx, dag)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(Beslutsregelfel::Ko(Kohinder::InteIKo))?;
    if !post.plats_ledig {
        if !post.status.ar_valbar() {
            return Err(Lagringsfel::InteValbar { skal: post.status.kod() });
        }
        return Err(Beslutsregelfel::Ko(Kohinder::InteTur { fore: post.fore as usize }).into());
    }
    Ok(NyttVal {
        beslut_id: post.beslut_id,
        utforare_id: post.utforare_id,
        vem_valde: post.vem_valde,
        informationssatt: None,
        informationssprak: None,
        valdatum: dag,
        startdatum: None,
    })
}

impl Store {
    /// Puts the brukare of `beslut_id` on `utforare_id`'s waiting list from `dag`, asked by
    /// `vem`. Only a provider at its cap can be waited for (`valfri_domain::vantelista::kan_vanta`);
    /// the brukare keeps the provider they have, and nothing else changes.
    pub fn stall_i_ko(
        &self,
        aktor: &Aktor,
        beslut_id: &str,
        utforare_id: &str,
        vem: VemValde,
        dag: NaiveDate,
    ) -> Resultat<String> {
        kontrollera_handelsedatum(dag, crate::idag())?;
        self.i_transaktion(|tx| stall_i_ko_i(tx, aktor, beslut_id, utforare_id, vem, dag))
    }

    /// What putting the brukare on the list would do, refused as the act would be.
    pub fn bekrafta_ko(
        &self,
        beslut_id: &str,
        utforare_id: &str,
        vem: VemValde,
        dag: NaiveDate,
        sprak: &str,
    ) -> Resultat<Bekraftelse> {
        kontrollera_handelsedatum(dag, crate::idag())?;
        self.provkor(|tx| {
            let system = system_aktor();
            stall_i_ko_i(tx, &system, beslut_id, utforare_id, vem, dag)?;
            let (brukare_id, insats_kod) = brukare_och_insats(tx, beslut_id)?;
            Ok(Bekraftelse::Ko {
                insats: crate::beslut::insatsnamn(tx, &insats_kod, sprak)?,
                namn: crate::beslut::brukarnamn(tx, &brukare_id)?,
                utforare: utforarnamn(tx, utforare_id)?,
                behaller: aktivt_val(tx, beslut_id)?.map(|v| v.utforare_namn),
            })
        })
    }

    /// Takes entry `id` off its waiting list with a reason (required). The brukare's place in
    /// the queue is gone; a new entry would be last.
    pub fn ta_ur_ko(&self, aktor: &Aktor, id: &str, skal: &str) -> Resultat<()> {
        let skal = kontrollera_borttagning(skal)?;
        let dag = crate::idag();
        self.i_transaktion(|tx| {
            let beslut_id: String = tx
                .rad("SELECT beslut_id FROM vantelista WHERE id = ?1 AND avslutad IS NULL", [id], |r| r.get(0))
                .optional()?
                .ok_or(Beslutsregelfel::Ko(Kohinder::InteIKo))?;
            tx.execute(
                "UPDATE vantelista SET avslutad = ?2, avslutsorsak = 'borttagen', skal = ?3, avslutad_av = ?4 WHERE id = ?1",
                params![id, dag.to_string(), skal, aktor.logg_namn()],
            )?;
            logg::skriv(tx, aktor, "ur_ko", "beslut", &beslut_id, id)
        })
    }

    /// What taking entry `id` off would do; refused as the act would be.
    pub fn bekrafta_ur_ko(&self, id: &str, skal: &str) -> Resultat<Bekraftelse> {
        kontrollera_borttagning(skal)?;
        self.i_transaktion(|tx| {
            let post = las(tx, "k.id = ?1 AND k.avslutad IS NULL", &[&id])?
                .pop()
                .ok_or(Beslutsregelfel::Ko(Kohinder::InteIKo))?
                .post;
            Ok(Bekraftelse::UrKo { namn: post.namn, utforare: post.utforare_namn })
        })
    }

    /// Gives entry `id` its free place: registers the choice (an aktivt val, or a byte from the
    /// provider the brukare kept meanwhile) as [`Store::valj`] does, in the same transaction
    /// as the check that the place is this entry's, and the entry ends as chosen.
    pub fn ge_plats(&self, aktor: &Aktor, id: &str) -> Resultat<String> {
        let kommun = self.kommun()?;
        let dag = crate::idag();
        self.i_transaktion(|tx| {
            let ny = val_for_plats(tx, id, dag)?;
            aktivt::valj_i(tx, aktor, &ny, &kommun, None)
        })
    }

    /// The choice giving entry `id` its place would register, as the confirmation names it;
    /// refused as [`Store::ge_plats`] would be.
    pub fn bekrafta_ge_plats(&self, id: &str, sprak: &str) -> Resultat<Bekraftelse> {
        let kommun = self.kommun()?;
        let dag = crate::idag();
        self.provkor(|tx| {
            let ny = val_for_plats(tx, id, dag)?;
            aktivt::bekraftelse_for_val(tx, &ny, &kommun, sprak)
        })
    }

    /// The waiting list on `dag`: every open entry (of one brukare, when named) in the list's
    /// order, with whether its place is free now; with `alla` also the entries that ended.
    /// Reading it is logged: it names brukare.
    pub fn vantelista(
        &self,
        aktor: &Aktor,
        brukare_id: Option<&str>,
        alla: bool,
        dag: NaiveDate,
    ) -> Resultat<Vec<Kopost>> {
        self.i_transaktion(|tx| {
            let mut lista: Vec<Kopost> = oppna(tx, dag)?
                .into_iter()
                .filter(|p| brukare_id.is_none_or(|b| p.brukare_id == b))
                .collect();
            if alla {
                let mut slut = las(
                    tx,
                    "k.avslutad IS NOT NULL AND (?1 IS NULL OR b.brukare_id = ?1)",
                    &[&brukare_id],
                )?;
                ordna_kon(&mut slut, |r| (r.skapad.as_str(), r.post.id.as_str()));
                lista.extend(slut.into_iter().map(|r| r.post));
            }
            logg::skriv(
                tx,
                aktor,
                "las",
                "vantelista",
                brukare_id.unwrap_or(""),
                &dag.to_string(),
            )?;
            Ok(lista)
        })
    }
}

fn system_aktor() -> Aktor {
    Aktor {
        id: "system:bekraftelse".into(),
        namn: String::new(),
        roll: valfri_domain::Roll::Handlaggare,
    }
}

fn brukare_och_insats(tx: &Transaction<'_>, beslut_id: &str) -> Resultat<(String, String)> {
    Ok(tx.rad(
        "SELECT b.brukare_id, i.kod FROM beslut b JOIN insats i ON i.id = b.insats_id WHERE b.id = ?1",
        [beslut_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

fn utforarnamn(tx: &Transaction<'_>, id: &str) -> Resultat<String> {
    Ok(tx.rad("SELECT namn FROM utforare WHERE id = ?1", [id], |r| r.get(0))?)
}
