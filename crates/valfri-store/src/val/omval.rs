//! Omval: what a register change does to the brukare whose provider it leaves invalid.

#[allow(clippy::wildcard_imports)]
use super::*;

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

impl Store {
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
}

/// After the brukare of `brukare_id` moved to `omrade_id` (an id; `None`: no område): each
/// running val whose provider does not serve the new område
/// (`valfri_domain::val::serverar_efter_flytt`) marks its beslut for a new choice (`ej_omrade`),
/// and a mark of that kind whose provider serves the new område is taken away (the brukare moved
/// back). The provider is left as it is: a choice, a byte or an ended beslut changes it.
/// Returns the beslut marked.
pub(crate) fn markera_flytt(
    tx: &Transaction<'_>,
    aktor: &Aktor,
    brukare_id: &str,
    omrade_id: Option<&str>,
) -> Resultat<Vec<String>> {
    let pagaende: Vec<(String, String)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT v.beslut_id, v.utforare_id FROM val v JOIN beslut b ON b.id = v.beslut_id
             WHERE b.brukare_id = ?1 AND v.slutdatum IS NULL AND b.status IN ('beslutat', 'verkstallt')",
        )?;
        stmt.query_map([brukare_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?
    };
    let mut markerade = Vec::new();
    for (beslut_id, utforare_id) in pagaende {
        let omraden: Vec<String> = {
            let mut stmt =
                tx.prepare_cached("SELECT omrade_id FROM utforare_omrade WHERE utforare_id = ?1")?;
            stmt.query_map([&utforare_id], |r| r.get(0))?.collect::<Result<_, _>>()?
        };
        if valfri_domain::val::serverar_efter_flytt(omrade_id, &omraden) {
            tx.execute(
                "DELETE FROM omval WHERE beslut_id = ?1 AND orsak = 'ej_omrade' AND utforare_id = ?2",
                params![beslut_id, utforare_id],
            )?;
        } else {
            let version: i64 =
                tx.rad("SELECT coalesce(max(nummer), 0) FROM registerversion", [], |r| r.get(0))?;
            tx.execute(
                "INSERT INTO omval (beslut_id, orsak, utforare_id, registerversion, markerad) VALUES (?1, 'ej_omrade', ?2, ?3, ?4)
                 ON CONFLICT (beslut_id) DO UPDATE SET orsak = 'ej_omrade', utforare_id = ?2, registerversion = ?3, markerad = ?4",
                params![beslut_id, utforare_id, version, nu()],
            )?;
            logg::skriv(tx, aktor, "markera_omval", "beslut", &beslut_id, "flytt")?;
            markerade.push(beslut_id);
        }
    }
    Ok(markerade)
}
