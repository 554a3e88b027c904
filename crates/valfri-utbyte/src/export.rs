//! The register out: CSV with the import's columns, and Open Referral HSDS JSON.

use chrono::NaiveDate;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use valfri_domain::{Regi, Utforare};
use valfri_store::Store;

use crate::utforare::{KOLUMNER, Kol, KvalitetKolumn, regi_text};
use crate::{Utbytesfel, oversattning, skyddad_cell};

/// The register as CSV the way Swedish Excel opens it directly: UTF-8 with a BOM (without it
/// Excel reads Windows-1252), `;` between fields, decimal comma. One row per provider and
/// insats; quality figures on the row of their insats.
///
/// A text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is written
/// with a leading `'` (OWASP's advice), which the import takes off again.
///
/// A quality figure that belongs to no insats is written on every row of its provider and so
/// comes back as one figure per insats: the file format has no place for provider-wide
/// figures (the register has none from the demo or from an import).
pub fn csv(utforare: &[Utforare]) -> Result<Vec<u8>, Utbytesfel> {
    let mut kvalitet: Vec<KvalitetKolumn> = Vec::new();
    for u in utforare {
        for k in &u.kvalitet {
            let kol = KvalitetKolumn {
                namn: k.namn.clone(),
                enhet: k.enhet.clone(),
                ar: k.ar,
                kalla: k.kalla.clone(),
            };
            if !kvalitet.contains(&kol) {
                kvalitet.push(kol);
            }
        }
    }
    let oversatt = oversattning::exportkolumner(utforare);
    let mut ut = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut ut);
        let fel = |e: csv::Error| Utbytesfel::Fil { sokvag: "csv".into(), detalj: e.to_string() };
        let rubriker: Vec<String> = KOLUMNER
            .iter()
            .map(|(n, _)| (*n).to_owned())
            .chain(kvalitet.iter().map(KvalitetKolumn::rubrik))
            .chain(oversatt.iter().map(oversattning::Oversattkolumn::rubrik))
            .collect();
        w.write_record(&rubriker).map_err(fel)?;
        for u in utforare {
            for g in &u.godkannanden {
                let datum = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
                let mut rad: Vec<String> = KOLUMNER
                    .iter()
                    .map(|(_, k)| match k {
                        Kol::Namn => u.namn.clone(),
                        Kol::Orgnr => u.organisationsnummer.clone(),
                        Kol::Regi => regi_text(u.regi).to_owned(),
                        Kol::Insats => g.insats_kod.clone(),
                        Kol::Omraden => u.omraden.join(", "),
                        Kol::GodkandFran => g.godkand_fran.to_string(),
                        Kol::GodkandTill => datum(g.godkand_till),
                        Kol::Kapacitetstak => {
                            g.kapacitetstak.map(|t| t.to_string()).unwrap_or_default()
                        }
                        Kol::KapacitetBekraftad => datum(g.kapacitet_bekraftad),
                        Kol::PausTill => datum(g.paus_till),
                        Kol::Sprak => u.sprak.join(", "),
                        Kol::Inriktning => u.inriktningar.join(", "),
                        Kol::Tillagg => u.tillaggstjanster.join(", "),
                        Kol::Telefon => u.telefon.clone(),
                        Kol::Epost => u.epost.clone(),
                        Kol::Webb => u.webb.clone(),
                        Kol::Adress => u.adress.clone(),
                        Kol::Postnummer => u.postnummer.clone(),
                        Kol::Postort => u.postort.clone(),
                        Kol::Presentation => u.presentation.clone(),
                        Kol::KapacitetFran => datum(g.kapacitet_fran),
                        Kol::KapacitetTill => datum(g.kapacitet_till),
                    })
                    .map(skyddad_cell)
                    .collect();
                for kol in &kvalitet {
                    let varde = u.kvalitet.iter().find(|k| {
                        k.insats_kod.as_ref().is_none_or(|i| *i == g.insats_kod)
                            && k.namn == kol.namn
                            && k.enhet == kol.enhet
                            && k.ar == kol.ar
                            && k.kalla == kol.kalla
                    });
                    rad.push(varde.map(|k| decimal_komma(k.varde)).unwrap_or_default());
                }
                rad.extend(oversatt.iter().map(|k| oversattning::exportvarde(u, k)));
                w.write_record(&rad).map_err(fel)?;
            }
        }
        w.flush().map_err(|e| Utbytesfel::Fil { sokvag: "csv".into(), detalj: e.to_string() })?;
    }
    Ok(ut)
}

/// Rust's shortest exact representation, with the Swedish decimal sign.
fn decimal_komma(v: f64) -> String {
    v.to_string().replace('.', ",")
}

/// A stable id in UUID form (HSDS ids are UUIDs): the same provider or service gets the same id
/// in every export, so a website can follow it between exports. Version 8 (custom) from SHA-256.
fn uuid(nyckel: &str) -> String {
    let h = Sha256::digest(format!("valfri:hsds:{nyckel}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&h[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex = crate::paket::hex(&b);
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// Sets the fields that have a value and leaves the others out: HSDS types them as strings
/// with a format (`email`, `uri`, a date), which neither `null` nor `""` is.
fn valfria<const N: usize>(objekt: &mut Value, falt: [(&str, Option<String>); N]) {
    if let Some(o) = objekt.as_object_mut() {
        for (namn, varde) in falt {
            if let Some(v) = varde {
                o.insert(namn.to_owned(), Value::String(v));
            }
        }
    }
}

/// An e-mail address when the register's text is one (`namn@doman`, no spaces); the register
/// keeps what the provider gave, and a website should not get a broken `mailto:`.
fn epost(text: &str) -> Option<String> {
    let (lokal, doman) = text.trim().split_once('@')?;
    let bra = |d: &str| !d.is_empty() && !d.contains(|c: char| c.is_whitespace() || c == '@');
    (bra(lokal)
        && bra(doman)
        && doman.contains('.')
        && !doman.starts_with('.')
        && !doman.ends_with('.'))
    .then(|| text.trim().to_owned())
}

/// A website as a URI: the register often has `www.exempel.se`, which gets `https://`.
fn webbadress(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() || t.contains(char::is_whitespace) {
        return None;
    }
    Some(if t.contains("://") { t.to_owned() } else { format!("https://{t}") })
}

/// The register as Open Referral HSDS (3.x field names): one `organization` per provider and
/// one `service` per provider and insats, with its `service_areas` (områden), `languages`,
/// `capacities` (the kapacitetstak as `maximum`, free places as `available`) and
/// `assured_date` (when the cap was last confirmed). The same facts as the printed sheets, for
/// the municipality's website.
pub fn hsds(store: &Store, dag: NaiveDate) -> Result<Value, Utbytesfel> {
    let utforare = store.utforare_lista()?;
    let insatser = store.insatser("sv")?;
    let omraden = store.omraden()?;
    let kommun = store.kommun()?;
    let version = store.registerversion()?;
    let aktiva: Vec<(String, String, u32)> = store
        .statistik(dag, dag)?
        .into_iter()
        .flat_map(|i| {
            i.utforare.into_iter().map(move |u| (i.insats_kod.clone(), u.utforare_id, u.aktiva))
        })
        .collect();
    let mut organisationer = Vec::new();
    let mut tjanster = Vec::new();
    for u in &utforare {
        let org_id = uuid(&format!("org:{}", u.organisationsnummer));
        let mut organisation = json!({
            "id": org_id,
            "name": u.namn,
            "description": u.presentation,
            "tax_id": u.organisationsnummer,
            "legal_status": regi_text(u.regi),
            "phones": if u.telefon.is_empty() { json!([]) } else { json!([{ "id": uuid(&format!("tel:{}", u.organisationsnummer)), "number": u.telefon }]) },
        });
        valfria(&mut organisation, [("email", epost(&u.epost)), ("website", webbadress(&u.webb))]);
        organisationer.push(organisation);
        for g in &u.godkannanden {
            let tjanst_id = uuid(&format!("tjanst:{}:{}", u.organisationsnummer, g.insats_kod));
            let insatsnamn = insatser
                .iter()
                .find(|i| i.kod == g.insats_kod)
                .map_or_else(|| g.insats_kod.clone(), |i| i.namn.clone());
            let status = if g.godkand_fran > dag || g.godkand_till.is_some_and(|t| t < dag) {
                "inactive"
            } else if g.paus_till.is_some_and(|p| p >= dag) {
                "temporarily closed"
            } else {
                "active"
            };
            let omradesposter: Vec<Value> = u
                .omraden
                .iter()
                .map(|kod| {
                    let namn = omraden.iter().find(|o| o.kod == *kod).map_or_else(|| kod.clone(), |o| o.namn.clone());
                    json!({ "id": uuid(&format!("omrade:{tjanst_id}:{kod}")), "service_id": tjanst_id, "name": namn, "description": format!("{}, {}", namn, kommun.namn) })
                })
                .collect();
            let sprak: Vec<Value> = u
                .sprak
                .iter()
                .map(|s| json!({ "id": uuid(&format!("sprak:{tjanst_id}:{s}")), "service_id": tjanst_id, "code": s, "name": s }))
                .collect();
            let kapacitet: Vec<Value> = g
                .kapacitetstak
                .map(|tak| {
                    let har = aktiva.iter().find(|(i, id, _)| *i == g.insats_kod && *id == u.id).map_or(0, |(_, _, a)| *a);
                    json!({
                        "id": uuid(&format!("kapacitet:{tjanst_id}")),
                        "service_id": tjanst_id,
                        "unit": { "id": uuid("enhet:brukare"), "name": "brukare" },
                        "maximum": tak,
                        "available": tak.saturating_sub(har),
                        "description": "kapacitetstak",
                        "updated": g.kapacitet_bekraftad.map_or_else(|| dag.to_string(), |d| d.to_string()),
                    })
                })
                .into_iter()
                .collect();
            // Each inriktning and tilläggstjänst is an attribute: a value under one of two
            // taxonomy terms, as HSDS links a service to its classification.
            let attribut: Vec<Value> = [("inriktning", &u.inriktningar), ("tillaggstjanst", &u.tillaggstjanster)]
                .into_iter()
                .flat_map(|(term, texter)| texter.iter().map(move |t| (term, t)))
                .map(|(term, t)| {
                    let term_id = uuid(&format!("term:{term}"));
                    json!({
                        "id": uuid(&format!("attribut:{tjanst_id}:{term}:{t}")),
                        "link_id": tjanst_id,
                        "link_type": term,
                        "link_entity": "service",
                        "taxonomy_term_id": term_id,
                        "taxonomy_term": { "id": term_id, "code": term, "name": term, "description": term },
                        "value": t,
                    })
                })
                .collect();
            let mut tjanst = json!({
                "id": tjanst_id,
                "organization_id": org_id,
                "name": format!("{insatsnamn} – {}", u.namn),
                "description": u.presentation,
                "status": status,
                "service_areas": omradesposter,
                "languages": sprak,
                "capacities": kapacitet,
                "attributes": attribut,
                "metadata": [{
                    "id": uuid(&format!("meta:{tjanst_id}:{version}")),
                    "resource_id": tjanst_id,
                    "resource_type": "service",
                    "last_action_date": dag.to_string(),
                    "last_action_type": "export",
                    "field_name": "",
                    "previous_value": "",
                    "replacement_value": "",
                    "updated_by": format!("{} registerversion {version}", kommun.namn),
                }],
                "x_valfri": { "insats": g.insats_kod, "regi": u.regi.kod(), "egen_regi": u.regi == Regi::EgenRegi,
                              "godkand_fran": g.godkand_fran, "godkand_till": g.godkand_till, "paus_till": g.paus_till },
            });
            valfria(
                &mut tjanst,
                [
                    ("email", epost(&u.epost)),
                    ("url", webbadress(&u.webb)),
                    ("assured_date", g.kapacitet_bekraftad.map(|d| d.to_string())),
                ],
            );
            tjanster.push(tjanst);
        }
    }
    Ok(json!({
        "hsds_version": "3.1",
        "publisher": kommun.namn,
        "registerversion": version,
        "generated": dag.to_string(),
        "organizations": organisationer,
        "services": tjanster,
    }))
}
