//! Beslut: made once, never edited. A change is a new beslut (omprövning) that replaces the old.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};
use valfri_domain::behorighet::far_andra_beslut;
use valfri_domain::beslutsregler::{
    Avslutsorsak, Bekraftelse, Beslutsperiod, Dagssteg, kan_avslutas, kontrollera_fattande,
};
use valfri_domain::formular::{Beslutsformular, Faltfel};
use valfri_domain::{
    Beslut, BeslutStatus, Enhet, NyttBeslut, Utfall, Valideringsfel, kontrollera_ej_beviljat,
};

use crate::Rad as _;
use crate::{Aktor, Lagringsfel, Resultat, Store, datum, datum_opt, logg, nu, ny_id};

const BESLUT_SQL: &str = "SELECT b.id, b.brukare_id, i.kod, coalesce(n.namn, i.kod), b.diarienummer, b.ansokningsdatum,
        b.beslutsdatum, b.utfall, b.omfattning, i.enhet, b.giltig_fran, b.giltig_till, b.motivering, b.uppfoljning,
        b.handlaggare_id, h.namn, b.status, b.ersatter_id, (SELECT e.id FROM beslut e WHERE e.ersatter_id = b.id),
        b.status IN ('beslutat', 'verkstallt') AND b.utfall <> 'avslag' AND i.valfrihet,
        b.status = 'utkast',
        b.status <> 'utkast' AND NOT EXISTS (SELECT 1 FROM beslut e WHERE e.ersatter_id = b.id),
        b.ej_beviljat, b.delegation
    FROM beslut b
    JOIN insats i ON i.id = b.insats_id
    LEFT JOIN insats_namn n ON n.insats_id = i.id AND n.sprak = 'sv'
    JOIN handlaggare h ON h.id = b.handlaggare_id";

struct Validerat {
    insats_id: String,
    diarienummer: String,
    omfattning: Option<f64>,
    motivering: String,
    ej_beviljat: String,
}

impl Store {
    /// Checks a draft against its insats and the rules for dates and texts.
    fn validera_beslut(&self, ny: &NyttBeslut) -> Resultat<Validerat> {
        let insats = self.insats(&ny.insats_kod, "sv")?;
        let f = valfri_domain::beslutsfalt::kontrollera_beslutsfalt(ny, insats.enhet)?;
        Ok(Validerat {
            insats_id: insats.id,
            diarienummer: f.diarienummer,
            omfattning: f.omfattning,
            motivering: f.motivering,
            ej_beviljat: f.ej_beviljat,
        })
    }

    /// Creates an utkast (draft). Anyone may draft; making it is another step.
    pub fn skapa_utkast(&self, aktor: &Aktor, ny: &NyttBeslut) -> Resultat<String> {
        self.skapa_utkast_som_ersatter(aktor, ny, None)
    }

    fn skapa_utkast_som_ersatter(
        &self,
        aktor: &Aktor,
        ny: &NyttBeslut,
        ersatter: Option<&str>,
    ) -> Resultat<String> {
        let v = self.validera_beslut(ny)?;
        self.i_transaktion(|tx| {
            let finns: bool = tx.rad("SELECT EXISTS (SELECT 1 FROM brukare WHERE id = ?1)", [&ny.brukare_id], |r| r.get(0))?;
            if !finns {
                return Err(Lagringsfel::HittasInte { typ: "brukare", id: ny.brukare_id.clone() });
            }
            // The handläggare on a beslut is the one who drafts it; a system actor cannot.
            let ar_handlaggare: bool =
                tx.rad("SELECT EXISTS (SELECT 1 FROM handlaggare WHERE id = ?1)", [&aktor.id], |r| r.get(0))?;
            if !ar_handlaggare {
                return Err(Lagringsfel::HittasInte { typ: "handlaggare", id: aktor.id.clone() });
            }
            let id = ny_id();
            tx.execute(
                "INSERT INTO beslut (id, brukare_id, insats_id, diarienummer, ansokningsdatum, utfall, omfattning, giltig_fran,
                    giltig_till, motivering, uppfoljning, handlaggare_id, status, ersatter_id, skapad, andrad, ej_beviljat)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'utkast', ?13, ?14, ?14, ?15)",
                params![
                    id,
                    ny.brukare_id,
                    v.insats_id,
                    v.diarienummer,
                    ny.ansokningsdatum.to_string(),
                    ny.utfall.kod(),
                    v.omfattning,
                    ny.giltig_fran.to_string(),
                    ny.giltig_till.map(|d| d.to_string()),
                    v.motivering,
                    ny.uppfoljning.map(|d| d.to_string()),
                    aktor.id,
                    ersatter,
                    nu(),
                    v.ej_beviljat
                ],
            )?;
            logg::skriv(tx, aktor, "skapa", "beslut", &id, &serde_json::to_string(ny)?)?;
            Ok(id)
        })
    }

    /// Changes an utkast. A made beslut is refused. Only the handläggare who owns the draft or
    /// a systemförvaltare may change it (what another changed, the owner would then make).
    pub fn andra_utkast(&self, aktor: &Aktor, id: &str, ny: &NyttBeslut) -> Resultat<()> {
        let resultat = self.andra_utkast_i_transaktion(aktor, id, ny);
        if let Err(Lagringsfel::InteBeslutetsHandlaggare) = resultat {
            self.logga_nekad(aktor, "beslut", id, "andra")?;
        }
        resultat
    }

    fn andra_utkast_i_transaktion(&self, aktor: &Aktor, id: &str, ny: &NyttBeslut) -> Resultat<()> {
        let v = self.validera_beslut(ny)?;
        self.i_transaktion(|tx| {
            let gammalt = hamta(tx, id)?;
            if gammalt.status != BeslutStatus::Utkast {
                return Err(Lagringsfel::BeslutFattat);
            }
            if !far_andra_beslut(aktor.roll, &aktor.id, &gammalt.handlaggare_id) {
                return Err(Lagringsfel::InteBeslutetsHandlaggare);
            }
            if gammalt.brukare_id != ny.brukare_id {
                return Err(Valideringsfel::OkantVarde { falt: "brukare", varde: ny.brukare_id.clone() }.into());
            }
            tx.execute(
                "UPDATE beslut SET insats_id = ?2, diarienummer = ?3, ansokningsdatum = ?4, utfall = ?5, omfattning = ?6,
                    giltig_fran = ?7, giltig_till = ?8, motivering = ?9, uppfoljning = ?10, andrad = ?11,
                    ej_beviljat = ?12
                 WHERE id = ?1",
                params![
                    id,
                    v.insats_id,
                    v.diarienummer,
                    ny.ansokningsdatum.to_string(),
                    ny.utfall.kod(),
                    v.omfattning,
                    ny.giltig_fran.to_string(),
                    ny.giltig_till.map(|d| d.to_string()),
                    v.motivering,
                    ny.uppfoljning.map(|d| d.to_string()),
                    nu(),
                    v.ej_beviljat
                ],
            )?;
            logg::skriv(tx, aktor, "andra", "beslut", id, &serde_json::to_string(ny)?)
        })
    }

    /// Makes the decision (utkast → beslutat) on `beslutsdatum`. Only the handläggare who owns
    /// the draft or a systemförvaltare may. When the draft replaces an earlier beslut
    /// (omprövning), that one is ended in the same transaction.
    pub fn fatta_beslut(&self, aktor: &Aktor, id: &str, beslutsdatum: NaiveDate) -> Resultat<()> {
        let resultat = self.fatta_beslut_i_transaktion(aktor, id, beslutsdatum);
        if let Err(Lagringsfel::InteBeslutetsHandlaggare) = resultat {
            // The refusal is kept in the log although the transaction that met it was undone.
            self.logga_nekad(aktor, "beslut", id, "fatta")?;
        }
        resultat
    }

    fn fatta_beslut_i_transaktion(
        &self,
        aktor: &Aktor,
        id: &str,
        beslutsdatum: NaiveDate,
    ) -> Resultat<()> {
        self.i_transaktion(|tx| {
            let b = hamta(tx, id)?;
            if !far_andra_beslut(aktor.roll, &aktor.id, &b.handlaggare_id) {
                return Err(Lagringsfel::InteBeslutetsHandlaggare);
            }
            ga_till(&b, BeslutStatus::Beslutat)?;
            kontrollera_att_fatta(tx, &b, b.ersatter.as_deref(), beslutsdatum)?;
            // A draft from before the refused part was stored cannot be made without it.
            kontrollera_ej_beviljat(b.utfall, &b.ej_beviljat)?;
            // The delegation point in force for the insats today goes with the decision.
            tx.execute(
                "UPDATE beslut SET status = 'beslutat', beslutsdatum = ?2, andrad = ?3,
                    delegation = (SELECT i.delegation FROM insats i WHERE i.id = beslut.insats_id)
                 WHERE id = ?1",
                params![id, beslutsdatum.to_string(), nu()],
            )?;
            if let Some(gammalt) = &b.ersatter {
                let g = hamta(tx, gammalt)?;
                if g.status != BeslutStatus::Avslutat {
                    tx.execute(
                        "UPDATE beslut SET status = 'avslutat', avslutad = ?3, avslutsorsak = 'ersatt', andrad = ?2 WHERE id = ?1",
                        params![gammalt, nu(), beslutsdatum.to_string()],
                    )?;
                    logg::skriv(tx, aktor, "avsluta", "beslut", gammalt, &format!("ersatt av {id}"))?;
                }
                // The brukare keeps their provider across an omprövning.
                crate::val::overfor_val(tx, aktor, gammalt, id, beslutsdatum)?;
            }
            logg::skriv(tx, aktor, "fatta", "beslut", id, &beslutsdatum.to_string())
        })
    }

    /// Marks a made beslut as carried out (the provider has started), today. A beslut already
    /// verkställt (its provider's start did it) is left as it is.
    pub fn verkstall(&self, aktor: &Aktor, id: &str) -> Resultat<()> {
        self.i_transaktion(|tx| {
            let b = hamta(tx, id)?;
            if b.status == BeslutStatus::Verkstallt {
                return Ok(());
            }
            ga_till(&b, BeslutStatus::Verkstallt)?;
            verkstall_i(tx, id, crate::idag())?;
            logg::skriv(tx, aktor, "verkstall", "beslut", id, "")
        })
    }

    /// Ends a beslut today without a stated reason (the CLI's `avsluta`); see [`Store::avsluta_beslut`].
    pub fn avsluta(&self, aktor: &Aktor, id: &str) -> Resultat<()> {
        self.i_transaktion(|tx| {
            let b = hamta(tx, id)?;
            ga_till(&b, BeslutStatus::Avslutat)?;
            avsluta_i(tx, id, None, crate::idag())?;
            logg::skriv(tx, aktor, "avsluta", "beslut", id, "")
        })
    }

    /// Ends a beslut by hand on `dag` for `orsak` (moved, died, no longer needed, replaced). Its
    /// provider's val ends the same day, so the place is free at once. Only the beslut's
    /// handläggare or a systemförvaltare may.
    pub fn avsluta_beslut(
        &self,
        aktor: &Aktor,
        id: &str,
        orsak: Avslutsorsak,
        dag: NaiveDate,
    ) -> Resultat<()> {
        let resultat = self.i_transaktion(|tx| {
            let b = hamta(tx, id)?;
            if !far_andra_beslut(aktor.roll, &aktor.id, &b.handlaggare_id) {
                return Err(Lagringsfel::InteBeslutetsHandlaggare);
            }
            kan_avslutas(b.status)?;
            avsluta_i(tx, id, Some(orsak), dag)?;
            logg::skriv(tx, aktor, "avsluta", "beslut", id, orsak.kod())
        });
        if let Err(Lagringsfel::InteBeslutetsHandlaggare) = resultat {
            self.logga_nekad(aktor, "beslut", id, "avsluta")?;
        }
        resultat
    }

    /// Brings every beslut's state up to `dag`: a made beslut whose provider has started is
    /// verkställt (from the val's start date), and a beslut whose giltig till has passed is
    /// avslutat as `utgatt` (its val ending on that last day). Run when the window opens the
    /// database and before the worklists; logged as the system. Returns how many changed.
    pub fn uppdatera_verkstallighet(&self, dag: NaiveDate) -> Resultat<(usize, usize)> {
        // At a desk in kommunläge the hub's rows are the truth, and the replica's are only
        // written by a pull.
        if self.replika()?.is_some() {
            return Ok((0, 0));
        }
        let system = Aktor {
            id: "system:verkstallighet".into(),
            namn: "Valfri".into(),
            roll: valfri_domain::Roll::Systemforvaltare,
        };
        let dagstr = dag.to_string();
        self.i_transaktion(|tx| {
            // The beslut the rule may concern; `dagens_steg` decides, as in the hub.
            let kandidater: Vec<(String, String, Option<String>, Option<String>)> = {
                let mut stmt = tx.prepare_cached(
                    "SELECT b.id, b.status, v.startdatum, b.giltig_till
                     FROM beslut b LEFT JOIN val v ON v.beslut_id = b.id AND v.slutdatum IS NULL
                     WHERE (b.status = 'beslutat' AND v.startdatum <= ?1)
                        OR (b.status IN ('beslutat', 'verkstallt') AND b.giltig_till < ?1)
                     ORDER BY b.id",
                )?;
                stmt.query_map([&dagstr], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                    .collect::<Result<_, _>>()?
            };
            let (mut verkstallda, mut avslutade) = (0, 0);
            for (id, status, start, till) in &kandidater {
                let status = BeslutStatus::fran_kod(status)?;
                let steg = valfri_domain::beslutsregler::dagens_steg(
                    status,
                    datum_opt(start.clone())?,
                    datum_opt(till.clone())?,
                    dag,
                );
                match steg {
                    Some(Dagssteg::Verkstall(fran)) => {
                        verkstall_i(tx, id, fran)?;
                        logg::skriv(tx, &system, "verkstall", "beslut", id, &fran.to_string())?;
                        verkstallda += 1;
                    }
                    Some(Dagssteg::Avsluta(sista)) => {
                        avsluta_i(tx, id, Some(Avslutsorsak::Utgatt), sista)?;
                        logg::skriv(tx, &system, "avsluta", "beslut", id, "utgatt")?;
                        avslutade += 1;
                    }
                    None => {}
                }
            }
            Ok((verkstallda, avslutade))
        })
    }

    /// Starts an omprövning: a new utkast that, once made, replaces `gammalt`. Both stay in the
    /// history. A beslut can be replaced once; a later change replaces the replacement.
    pub fn omprova(&self, aktor: &Aktor, gammalt: &str, ny: &NyttBeslut) -> Resultat<String> {
        let g = self.beslut(aktor, gammalt)?;
        if g.status == BeslutStatus::Utkast {
            return Err(Lagringsfel::Statusovergang { fran: "utkast", till: "omprovning" });
        }
        if g.ersatt_av.is_some() {
            return Err(Lagringsfel::RedanOmprovat);
        }
        if g.brukare_id != ny.brukare_id {
            return Err(Valideringsfel::OkantVarde {
                falt: "brukare",
                varde: ny.brukare_id.clone(),
            }
            .into());
        }
        self.skapa_utkast_som_ersatter(aktor, ny, Some(gammalt))
    }

    /// Reads one beslut; the reading is logged.
    /// The insats and område a beslut's jämförelseblad is about. Reads no more of the brukare's
    /// record than the område code, so a brukare with skyddade personuppgifter needs no reason
    /// for a sheet that names only providers. The reading is logged like any other.
    pub fn beslutets_insats_och_omrade(
        &self,
        aktor: &Aktor,
        id: &str,
    ) -> Resultat<(String, String)> {
        self.i_transaktion(|tx| {
            let rad: Option<(String, Option<String>)> = tx
                .rad(
                    "SELECT i.kod, o.kod FROM beslut b JOIN insats i ON i.id = b.insats_id
                     JOIN brukare br ON br.id = b.brukare_id LEFT JOIN omrade o ON o.id = br.omrade_id WHERE b.id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((insats, omrade)) = rad else {
                return Err(Lagringsfel::HittasInte { typ: "beslut", id: id.to_owned() });
            };
            let omrade = omrade.ok_or(Lagringsfel::OkandKod { typ: "omrade", kod: String::new() })?;
            logg::skriv(tx, aktor, "las", "beslut", id, "jamforelseblad")?;
            Ok((insats, omrade))
        })
    }

    pub fn beslut(&self, aktor: &Aktor, id: &str) -> Resultat<Beslut> {
        self.i_transaktion(|tx| {
            let b = hamta(tx, id)?;
            logg::skriv(tx, aktor, "las", "beslut", id, "")?;
            Ok(b)
        })
    }

    /// Every beslut for a brukare, newest first, in every state; the reading is logged.
    pub fn beslut_for_brukare(&self, aktor: &Aktor, brukare_id: &str) -> Resultat<Vec<Beslut>> {
        self.i_transaktion(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "{BESLUT_SQL} WHERE b.brukare_id = ?1 ORDER BY coalesce(b.beslutsdatum, b.ansokningsdatum) DESC, b.skapad DESC"
            ))?;
            let lista = stmt.query_map([brukare_id], beslut_fran_rad)?.map(|r| r?).collect::<Resultat<Vec<_>>>()?;
            drop(stmt);
            logg::skriv(tx, aktor, "las", "beslut", brukare_id, "alla for brukare")?;
            Ok(lista)
        })
    }
}

/// A form's beslut as the rules see it before it is saved (`id` when it is a saved draft).
fn som_beslut(ny: &NyttBeslut, id: Option<&str>) -> Beslut {
    Beslut {
        id: id.unwrap_or_default().to_owned(),
        brukare_id: ny.brukare_id.clone(),
        insats_kod: ny.insats_kod.clone(),
        insats_namn: String::new(),
        diarienummer: ny.diarienummer.clone(),
        ansokningsdatum: ny.ansokningsdatum,
        beslutsdatum: None,
        utfall: ny.utfall,
        omfattning: ny.omfattning,
        enhet: Enhet::Ingen,
        giltig_fran: ny.giltig_fran,
        giltig_till: ny.giltig_till,
        motivering: ny.motivering.clone(),
        ej_beviljat: ny.ej_beviljat.clone(),
        uppfoljning: ny.uppfoljning,
        handlaggare_id: String::new(),
        handlaggare_namn: String::new(),
        status: BeslutStatus::Utkast,
        delegation: String::new(),
        ersatter: None,
        ersatt_av: None,
        ger_val: false,
        kan_andras: true,
        kan_omprovas: false,
    }
}

/// The brukare's name as the confirmations say it.
pub(crate) fn brukarnamn(tx: &Transaction<'_>, brukare_id: &str) -> Resultat<String> {
    tx.rad("SELECT fornamn || ' ' || efternamn FROM brukare WHERE id = ?1", [brukare_id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Lagringsfel::HittasInte { typ: "brukare", id: brukare_id.to_owned() })
}

/// An insats's name in `sprak` (Swedish when it has none in that language).
pub(crate) fn insatsnamn(tx: &Transaction<'_>, kod: &str, sprak: &str) -> Resultat<String> {
    Ok(tx
        .rad(
            "SELECT coalesce((SELECT n.namn FROM insats_namn n WHERE n.insats_id = i.id AND n.sprak = ?2),
                (SELECT n.namn FROM insats_namn n WHERE n.insats_id = i.id AND n.sprak = 'sv'), i.kod)
             FROM insats i WHERE i.kod = ?1",
            params![kod, sprak],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| kod.to_owned()))
}

/// Sets a beslut verkställt from `dag`.
fn verkstall_i(tx: &Transaction<'_>, id: &str, dag: NaiveDate) -> Resultat<()> {
    tx.execute(
        "UPDATE beslut SET status = 'verkstallt', verkstalld = ?2, andrad = ?3 WHERE id = ?1",
        params![id, dag.to_string(), nu()],
    )?;
    Ok(())
}

/// Ends a beslut on `dag`; its running val ends the same day, which frees the place at once.
fn avsluta_i(
    tx: &Transaction<'_>,
    id: &str,
    orsak: Option<Avslutsorsak>,
    dag: NaiveDate,
) -> Resultat<()> {
    tx.execute(
        "UPDATE beslut SET status = 'avslutat', avslutad = ?2, avslutsorsak = ?3, andrad = ?4 WHERE id = ?1",
        params![id, dag.to_string(), orsak.map(Avslutsorsak::kod), nu()],
    )?;
    crate::val::avsluta_val(tx, id, dag)?;
    Ok(())
}

/// Records a follow-up in `tx` (see [`Store::registrera_uppfoljning`]).
fn uppfoljning_i(
    tx: &Transaction<'_>,
    aktor: &Aktor,
    beslut_id: &str,
    datum: NaiveDate,
    resultat: &str,
    nasta: Option<NaiveDate>,
) -> Resultat<()> {
    let b = hamta(tx, beslut_id)?;
    let (datum, nasta) = valfri_domain::beslutsregler::kontrollera_uppfoljning(
        b.status,
        datum,
        nasta,
        crate::idag(),
    )?;
    tx.execute(
        "INSERT INTO uppfoljning (id, beslut_id, datum, resultat, nasta, handlaggare, skapad)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            crate::ny_id(),
            beslut_id,
            datum.to_string(),
            resultat,
            nasta.map(|n| n.to_string()),
            aktor.logg_namn(),
            nu()
        ],
    )?;
    logg::skriv(tx, aktor, "uppfoljning", "beslut", beslut_id, &datum.to_string())
}

/// The rules for making `b` on `dag` (see `valfri_domain::beslutsregler::kontrollera_fattande`),
/// with the brukare's other beslut and the municipality's requirements read in `tx`.
fn kontrollera_att_fatta(
    tx: &Transaction<'_>,
    b: &Beslut,
    ersatter: Option<&str>,
    dag: NaiveDate,
) -> Resultat<()> {
    fn period(x: &Beslut) -> Beslutsperiod<'_> {
        Beslutsperiod {
            id: Some(x.id.as_str()),
            insats_kod: &x.insats_kod,
            utfall: x.utfall,
            status: x.status,
            diarienummer: &x.diarienummer,
            giltig_fran: x.giltig_fran,
            giltig_till: x.giltig_till,
        }
    }
    let krav = valfri_domain::beslutsregler::Beslutskrav {
        motivering: tx.rad(
            "SELECT coalesce((SELECT krav_motivering FROM kommun WHERE id = 1), 0)",
            [],
            |r| r.get(0),
        )?,
        diarienummer: tx.rad(
            "SELECT coalesce((SELECT krav_diarienummer FROM kommun WHERE id = 1), 0)",
            [],
            |r| r.get(0),
        )?,
    };
    let ovriga = {
        let mut stmt = tx.prepare_cached(&format!("{BESLUT_SQL} WHERE b.brukare_id = ?1"))?;
        stmt.query_map([&b.brukare_id], beslut_fran_rad)?
            .map(|r| r?)
            .collect::<Resultat<Vec<_>>>()?
    };
    let ovriga: Vec<Beslutsperiod<'_>> = ovriga.iter().map(period).collect();
    Ok(kontrollera_fattande(&period(b), &b.motivering, ersatter, &ovriga, krav, dag)?)
}

fn ga_till(b: &Beslut, till: BeslutStatus) -> Resultat<()> {
    if b.status.kan_ga_till(till) {
        Ok(())
    } else {
        Err(Lagringsfel::Statusovergang { fran: b.status.kod(), till: till.kod() })
    }
}

fn hamta(tx: &Transaction<'_>, id: &str) -> Resultat<Beslut> {
    tx.rad(&format!("{BESLUT_SQL} WHERE b.id = ?1"), [id], beslut_fran_rad)
        .optional()?
        .ok_or_else(|| Lagringsfel::HittasInte { typ: "beslut", id: id.to_owned() })?
}

fn beslut_fran_rad(r: &Row<'_>) -> rusqlite::Result<Resultat<Beslut>> {
    let t = |i: usize| r.get::<_, String>(i);
    let o = |i: usize| r.get::<_, Option<String>>(i);
    let (ansokan, beslutsdatum, utfall, enhet, fran, till, uppf, status) =
        (t(5)?, o(6)?, t(7)?, t(9)?, t(10)?, o(11)?, o(13)?, t(16)?);
    let (id, brukare_id, insats_kod, insats_namn, diarienummer) =
        (t(0)?, t(1)?, t(2)?, t(3)?, t(4)?);
    let (omfattning, motivering, handlaggare_id, handlaggare_namn, ersatter, ersatt_av) =
        (r.get(8)?, t(12)?, t(14)?, t(15)?, o(17)?, o(18)?);
    let (ger_val, kan_andras, kan_omprovas) = (r.get(19)?, r.get(20)?, r.get(21)?);
    let (ej_beviljat, delegation) = (t(22)?, t(23)?);
    Ok((|| {
        Ok(Beslut {
            id,
            brukare_id,
            insats_kod,
            insats_namn,
            diarienummer,
            ansokningsdatum: datum(&ansokan)?,
            beslutsdatum: datum_opt(beslutsdatum)?,
            utfall: Utfall::fran_kod(&utfall)?,
            omfattning,
            enhet: Enhet::fran_kod(&enhet)?,
            giltig_fran: datum(&fran)?,
            giltig_till: datum_opt(till)?,
            motivering,
            ej_beviljat,
            uppfoljning: datum_opt(uppf)?,
            handlaggare_id,
            handlaggare_namn,
            status: BeslutStatus::fran_kod(&status)?,
            delegation,
            ersatter,
            ersatt_av,
            ger_val,
            kan_andras,
            kan_omprovas,
        })
    })())
}

/// Why a beslut form was not saved: problems with named fields, or another refusal.
#[derive(Debug)]
pub enum Formularfel {
    Falt(Vec<Faltfel<Lagringsfel>>),
    Annat(Lagringsfel),
}

impl From<Lagringsfel> for Formularfel {
    fn from(e: Lagringsfel) -> Self {
        Formularfel::Annat(e)
    }
}

impl Store {
    /// Reads a typed beslut form for a brukare, checking each field against its insats.
    pub fn tolka_beslutsformular(
        &self,
        brukare_id: &str,
        f: &Beslutsformular,
    ) -> Result<NyttBeslut, Vec<Faltfel<Lagringsfel>>> {
        let mut fel = Vec::new();
        let enhet = if f.insats_kod.trim().is_empty() {
            None
        } else {
            match self.insats(&f.insats_kod, "sv") {
                Ok(i) => Some(i.enhet),
                Err(e) => {
                    fel.push(Faltfel { falt: "insats", fel: e });
                    None
                }
            }
        };
        match f.tolka(brukare_id, enhet) {
            Ok(ny) if fel.is_empty() => Ok(ny),
            Ok(_) => Err(fel),
            Err(mer) => {
                fel.extend(mer.into_iter().map(|f| Faltfel { falt: f.falt, fel: f.fel.into() }));
                Err(fel)
            }
        }
    }

    /// Saves a beslut form: a new utkast, changes to an utkast (`beslut_id`), or the draft of an
    /// omprövning (`ersatter`); with `fatta` the decision is then made on that date.
    pub fn spara_beslutsformular(
        &self,
        aktor: &Aktor,
        brukare_id: &str,
        beslut_id: Option<&str>,
        ersatter: Option<&str>,
        f: &Beslutsformular,
        fatta: Option<NaiveDate>,
    ) -> Result<String, Formularfel> {
        let ny = self.tolka_beslutsformular(brukare_id, f).map_err(Formularfel::Falt)?;
        if let Some(dag) = fatta {
            // Refused before anything is saved: a refused act leaves no draft behind.
            self.i_transaktion(|tx| {
                kontrollera_att_fatta(tx, &som_beslut(&ny, beslut_id), ersatter, dag)
            })?;
        }
        let id = match (beslut_id, ersatter) {
            (Some(id), _) => {
                self.andra_utkast(aktor, id, &ny)?;
                id.to_owned()
            }
            (None, Some(gammalt)) => self.omprova(aktor, gammalt, &ny)?,
            (None, None) => self.skapa_utkast(aktor, &ny)?,
        };
        if let Some(dag) = fatta {
            self.fatta_beslut(aktor, &id, dag)?;
        }
        Ok(id)
    }

    /// What making the beslut in a form would do, to confirm before it is done; refused with
    /// the field problems or the rule that stops it, exactly as saving and making would be.
    /// `sprak` is the language of the insats's name.
    pub fn bekrafta_fatta_formular(
        &self,
        brukare_id: &str,
        beslut_id: Option<&str>,
        ersatter: Option<&str>,
        f: &Beslutsformular,
        dag: NaiveDate,
        sprak: &str,
    ) -> Result<Bekraftelse, Formularfel> {
        let ny = self.tolka_beslutsformular(brukare_id, f).map_err(Formularfel::Falt)?;
        let insats = self.insats(&ny.insats_kod, sprak)?;
        Ok(self.i_transaktion(|tx| {
            kontrollera_att_fatta(tx, &som_beslut(&ny, beslut_id), ersatter, dag)?;
            Ok(Bekraftelse::Fatta {
                insats: insats.namn.clone(),
                utfall: ny.utfall,
                omfattning: ny.omfattning,
                enhet: insats.enhet,
                namn: brukarnamn(tx, brukare_id)?,
                ersatter: ersatter.is_some(),
            })
        })?)
    }

    /// Whether a new beslut could be made on `dag` by the rules (see
    /// `valfri_domain::beslutsregler::kontrollera_fattande`), before anything is written.
    /// The beslut is checked as a draft first, so a bad field is said before a rule.
    pub fn kontrollera_fattande(&self, ny: &NyttBeslut, dag: NaiveDate) -> Resultat<()> {
        self.validera_beslut(ny)?;
        self.i_transaktion(|tx| kontrollera_att_fatta(tx, &som_beslut(ny, None), None, dag))
    }

    /// What making a saved draft would do; refused as [`Store::fatta_beslut`] would be.
    pub fn bekrafta_fatta(
        &self,
        aktor: &Aktor,
        id: &str,
        dag: NaiveDate,
        sprak: &str,
    ) -> Resultat<Bekraftelse> {
        self.i_transaktion(|tx| {
            let b = hamta(tx, id)?;
            if !far_andra_beslut(aktor.roll, &aktor.id, &b.handlaggare_id) {
                return Err(Lagringsfel::InteBeslutetsHandlaggare);
            }
            ga_till(&b, BeslutStatus::Beslutat)?;
            kontrollera_att_fatta(tx, &b, b.ersatter.as_deref(), dag)?;
            Ok(Bekraftelse::Fatta {
                insats: insatsnamn(tx, &b.insats_kod, sprak)?,
                utfall: b.utfall,
                omfattning: b.omfattning,
                enhet: b.enhet,
                namn: brukarnamn(tx, &b.brukare_id)?,
                ersatter: b.ersatter.is_some(),
            })
        })
    }

    /// What ending a beslut by hand would do; refused as [`Store::avsluta_beslut`] would be.
    pub fn bekrafta_avslut(
        &self,
        id: &str,
        orsak: Avslutsorsak,
        dag: NaiveDate,
        sprak: &str,
    ) -> Resultat<Bekraftelse> {
        self.i_transaktion(|tx| {
            let b = hamta(tx, id)?;
            kan_avslutas(b.status)?;
            let utforare: Option<String> = tx
                .rad(
                    "SELECT u.namn FROM val v JOIN utforare u ON u.id = v.utforare_id
                     WHERE v.beslut_id = ?1 AND v.slutdatum IS NULL",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(Bekraftelse::Avsluta {
                insats: insatsnamn(tx, &b.insats_kod, sprak)?,
                namn: brukarnamn(tx, &b.brukare_id)?,
                orsak,
                dag,
                utforare,
            })
        })
    }

    /// Where each of a brukare's beslut stands in its carrying out: the provider now and since
    /// when, when it was verkställt, when and why it ended. Not logged: it is read with the
    /// brukare's page, whose reading is.
    pub fn beslutslagen(&self, brukare_id: &str) -> Resultat<Vec<Beslutslage>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT b.id, b.verkstalld, b.avslutad, b.avslutsorsak,
                (SELECT u.namn FROM val v JOIN utforare u ON u.id = v.utforare_id
                  WHERE v.beslut_id = b.id AND v.slutdatum IS NULL),
                (SELECT v.startdatum FROM val v WHERE v.beslut_id = b.id AND v.slutdatum IS NULL)
             FROM beslut b WHERE b.brukare_id = ?1",
        )?;
        let rader = stmt.query_map([brukare_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        rader
            .map(|r| {
                let (beslut_id, verkstalld, avslutad, orsak, utforare, sedan) = r?;
                Ok(Beslutslage {
                    beslut_id,
                    utforare,
                    sedan: datum_opt(sedan)?,
                    verkstalld: datum_opt(verkstalld)?,
                    avslutad: datum_opt(avslutad)?,
                    avslutsorsak: orsak.as_deref().map(Avslutsorsak::fran_kod).transpose()?,
                })
            })
            .collect()
    }
}

impl Store {
    /// Records that a follow-up was done on `datum` with its `resultat`, and when the next is
    /// due (`nasta`, or none). The beslut then leaves the worklist until that date comes near.
    /// A recorded follow-up is never edited (a trigger holds it).
    pub fn registrera_uppfoljning(
        &self,
        aktor: &Aktor,
        beslut_id: &str,
        datum: NaiveDate,
        resultat: &str,
        nasta: Option<NaiveDate>,
    ) -> Resultat<()> {
        let resultat = valfri_domain::kontrollera_text(valfri_domain::Falt::RESULTAT, resultat)?;
        self.i_transaktion(|tx| uppfoljning_i(tx, aktor, beslut_id, datum, &resultat, nasta))
    }

    /// Checks a follow-up as [`Store::registrera_uppfoljning`] would record it, and records
    /// nothing: a desk in kommunläge asks this before the command goes to the hub, so a mistake
    /// is told at once and not as a konflikt later.
    pub fn prova_uppfoljning(
        &self,
        aktor: &Aktor,
        beslut_id: &str,
        datum: NaiveDate,
        resultat: &str,
        nasta: Option<NaiveDate>,
    ) -> Resultat<()> {
        let resultat = valfri_domain::kontrollera_text(valfri_domain::Falt::RESULTAT, resultat)?;
        self.provkor(|tx| uppfoljning_i(tx, aktor, beslut_id, datum, &resultat, nasta))
    }

    /// The latest follow-up of a beslut: (done on, next due), if one was recorded.
    pub fn senaste_uppfoljning(
        &self,
        beslut_id: &str,
    ) -> Resultat<Option<(NaiveDate, Option<NaiveDate>)>> {
        let rad: Option<(String, Option<String>)> = self
            .conn
            .rad(
                "SELECT datum, nasta FROM uppfoljning WHERE beslut_id = ?1 ORDER BY datum DESC, rowid DESC LIMIT 1",
                [beslut_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        rad.map(|(d, n)| Ok((datum(&d)?, datum_opt(n)?))).transpose()
    }
}

/// Where a beslut stands in its carrying out (see [`Store::beslutslagen`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Beslutslage {
    pub beslut_id: String,
    /// The provider carrying it out now (or from its start date), if any.
    pub utforare: Option<String>,
    /// Since when (the val's start date).
    pub sedan: Option<NaiveDate>,
    pub verkstalld: Option<NaiveDate>,
    pub avslutad: Option<NaiveDate>,
    pub avslutsorsak: Option<Avslutsorsak>,
}
