//! The provider register (utförare), versioned: every change is a new register version, and
//! any past version can be read back exactly.

use rusqlite::{OptionalExtension, Transaction, params};
use valfri_domain::{
    Falt, Godkannande, Kvalitetsindikator, Organisationsnummer, Regi, Utforare,
    Utforaroversattning, Valideringsfel, kontrollera_postnummer, kontrollera_text,
};

use valfri_domain::beslutsregler::Bekraftelse;
use valfri_domain::formular::{Faltfel, Godkannandeformular, Utforarformular};

use crate::Rad as _;
use crate::beslut::Formularfel;
use crate::kommun::{dela_lista, kontrollera_sprak};
use crate::{Aktor, Lagringsfel, Resultat, Store, datum, datum_opt, logg, nu, ny_id};

/// The columns of `godkannande g` an approval is read from, in the order
/// [`GodkannandeRad::fran_rad`] reads them: a macro, so that queries can `concat!` it into their
/// literal text.
macro_rules! godkannande_kolumner {
    () => {
        "g.godkand_fran, g.godkand_till, g.kapacitetstak, g.kapacitet_bekraftad, g.paus_till, \
         g.kapacitet_fran, g.kapacitet_till"
    };
}
pub(crate) use godkannande_kolumner;

/// An approval's columns as read from a row; [`GodkannandeRad::godkannande`] parses their dates.
/// The one place a [`Godkannande`] is built from the database.
pub(crate) struct GodkannandeRad {
    fran: String,
    till: Option<String>,
    tak: Option<u32>,
    bekraftad: Option<String>,
    paus: Option<String>,
    tak_fran: Option<String>,
    tak_till: Option<String>,
}

impl GodkannandeRad {
    /// Reads the columns of [`godkannande_kolumner`] starting at column `forsta`.
    pub(crate) fn fran_rad(r: &rusqlite::Row<'_>, forsta: usize) -> rusqlite::Result<Self> {
        Ok(Self {
            fran: r.get(forsta)?,
            till: r.get(forsta + 1)?,
            tak: r.get(forsta + 2)?,
            bekraftad: r.get(forsta + 3)?,
            paus: r.get(forsta + 4)?,
            tak_fran: r.get(forsta + 5)?,
            tak_till: r.get(forsta + 6)?,
        })
    }

    pub(crate) fn godkannande(self, insats_kod: String) -> Resultat<Godkannande> {
        Ok(Godkannande {
            insats_kod,
            godkand_fran: datum(&self.fran)?,
            godkand_till: datum_opt(self.till)?,
            kapacitetstak: self.tak,
            kapacitet_bekraftad: datum_opt(self.bekraftad)?,
            paus_till: datum_opt(self.paus)?,
            kapacitet_fran: datum_opt(self.tak_fran)?,
            kapacitet_till: datum_opt(self.tak_till)?,
        })
    }
}

/// The form's problems, each still a [`Valideringsfel`] of its field, as the store reports them.
fn falt_fel(fel: Vec<Faltfel<Valideringsfel>>) -> Formularfel {
    Formularfel::Falt(
        fel.into_iter().map(|f| Faltfel { falt: f.falt, fel: f.fel.into() }).collect(),
    )
}

fn orgnr_finns() -> Formularfel {
    Formularfel::Falt(vec![Faltfel {
        falt: "organisationsnummer",
        fel: Lagringsfel::UtforareFinns,
    }])
}

fn godkannande_finns() -> Formularfel {
    Formularfel::Falt(vec![Faltfel { falt: "insats", fel: Lagringsfel::GodkannandeFinns }])
}

/// A register version: a numbered state of the whole register.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Registerversion {
    pub nummer: i64,
    pub tid: String,
    /// `tid` as a person reads it: `YYYY-MM-DD HH:MM` in Swedish time.
    pub tid_visning: String,
    pub vem: String,
    pub beskrivning: String,
}

impl Store {
    /// Adds a provider (when its organisationsnummer is new) or replaces everything about it,
    /// in one new register version. Brukare the change leaves without a valid provider are
    /// marked for a new choice in the same transaction.
    pub fn spara_utforare(
        &self,
        aktor: &Aktor,
        u: &Utforare,
        beskrivning: &str,
    ) -> Resultat<Sparat> {
        // A change by hand says what it is: the register's history shows it.
        let beskrivning = kontrollera_text(Falt::BESKRIVNING, beskrivning)?;
        self.spara_utforare_alla(aktor, std::slice::from_ref(u), &beskrivning)
    }

    /// Several providers in one version: an import is all or nothing.
    pub fn spara_utforare_alla(
        &self,
        aktor: &Aktor,
        lista: &[Utforare],
        beskrivning: &str,
    ) -> Resultat<Sparat> {
        self.krav_systemforvaltare(aktor, "utforare")?;
        let lista =
            lista.iter().map(|u| self.validera_utforare(u)).collect::<Resultat<Vec<_>>>()?;
        self.i_transaktion(|tx| spara_i(tx, aktor, &lista, beskrivning))
    }

    /// Whether the register's form for a new provider would be saved: every check of
    /// [`Store::ny_utforare`] but the write. Returns the provider as it would be stored.
    pub fn kontrollera_ny_utforare(
        &self,
        aktor: &Aktor,
        formular: &Utforarformular,
    ) -> Result<Utforare, Formularfel> {
        self.krav_systemforvaltare(aktor, "utforare")?;
        let ny = self.validera_ny(&formular.tolka().map_err(falt_fel)?)?;
        let tx = self.conn.unchecked_transaction().map_err(Lagringsfel::from)?;
        if utforare_med_orgnr(&tx, &ny.organisationsnummer)?.is_some() {
            return Err(orgnr_finns());
        }
        Ok(ny)
    }

    /// What adding the provider of a form would do, to confirm before it is done: refused with
    /// the field problems or the rule that stops it, exactly as [`Store::ny_utforare`] would be.
    /// `sprak` is the language of the insats's name (as it stands inside a sentence).
    pub fn bekrafta_ny_utforare(
        &self,
        aktor: &Aktor,
        formular: &Utforarformular,
        sprak: &str,
    ) -> Result<Bekraftelse, Formularfel> {
        let ny = self.kontrollera_ny_utforare(aktor, formular)?;
        let g = ny.godkannanden.first().ok_or_else(|| {
            Formularfel::Annat(Lagringsfel::OkandKod { typ: "insats", kod: String::new() })
        })?;
        Ok(Bekraftelse::NyUtforare {
            utforare: ny.namn.clone(),
            insats: self.insats(&g.insats_kod, sprak)?.namn_i_mening,
            fran: g.godkand_fran,
        })
    }

    /// What adding the approval of a form would do; refused as [`Store::nytt_godkannande`]
    /// would be.
    pub fn bekrafta_nytt_godkannande(
        &self,
        aktor: &Aktor,
        utforare_id: &str,
        formular: &Godkannandeformular,
        sprak: &str,
    ) -> Result<Bekraftelse, Formularfel> {
        let g = self.kontrollera_nytt_godkannande(aktor, utforare_id, formular)?;
        Ok(Bekraftelse::NyttGodkannande {
            utforare: self.utforare(utforare_id)?.namn,
            insats: self.insats(&g.insats_kod, sprak)?.namn_i_mening,
            fran: g.godkand_fran,
        })
    }

    /// Adds a provider typed in the register's form, with its first approval, in a new
    /// register version. Refused when its organisationsnummer is already in the register (an
    /// import would replace that provider; a form never does). Problems are per field.
    pub fn ny_utforare(
        &self,
        aktor: &Aktor,
        formular: &Utforarformular,
        beskrivning: &str,
    ) -> Result<Sparat, Formularfel> {
        let ny = self.kontrollera_ny_utforare(aktor, formular)?;
        // Checked again in the writing transaction: another desk may have added it meanwhile.
        self.i_transaktion(|tx| {
            if utforare_med_orgnr(tx, &ny.organisationsnummer)?.is_some() {
                return Err(Lagringsfel::UtforareFinns);
            }
            spara_i(tx, aktor, &[Utforare { id: ny_id(), ..ny.clone() }], beskrivning)
        })
        .map_err(|e| match e {
            Lagringsfel::UtforareFinns => orgnr_finns(),
            e => Formularfel::Annat(e),
        })
    }

    /// Whether [`Store::nytt_godkannande`] would be saved; returns the approval.
    pub fn kontrollera_nytt_godkannande(
        &self,
        aktor: &Aktor,
        utforare_id: &str,
        formular: &Godkannandeformular,
    ) -> Result<Godkannande, Formularfel> {
        self.krav_systemforvaltare(aktor, "godkannande")?;
        let mut fel = Vec::new();
        let g = match formular.tolka(&mut fel) {
            Some(g) if fel.is_empty() => g,
            _ => return Err(falt_fel(fel)),
        };
        if let Err(e) = self.insats(&g.insats_kod, "sv") {
            return Err(Formularfel::Falt(vec![Faltfel { falt: "insats", fel: e }]));
        }
        if self.utforare(utforare_id)?.godkannanden.iter().any(|x| x.insats_kod == g.insats_kod) {
            return Err(godkannande_finns());
        }
        Ok(g)
    }

    /// Adds an approval for another insats to provider `utforare_id`, in a new register
    /// version. Refused when the provider already has one for that insats (change it instead).
    pub fn nytt_godkannande(
        &self,
        aktor: &Aktor,
        utforare_id: &str,
        formular: &Godkannandeformular,
        beskrivning: &str,
    ) -> Result<Sparat, Formularfel> {
        let g = self.kontrollera_nytt_godkannande(aktor, utforare_id, formular)?;
        self.i_transaktion(|tx| {
            let mut u = las_utforare(tx, utforare_id)?;
            if u.godkannanden.iter().any(|x| x.insats_kod == g.insats_kod) {
                return Err(Lagringsfel::GodkannandeFinns);
            }
            u.godkannanden.push(g.clone());
            spara_i(tx, aktor, &[u], beskrivning)
        })
        .map_err(|e| match e {
            Lagringsfel::GodkannandeFinns => godkannande_finns(),
            e => Formularfel::Annat(e),
        })
    }

    /// [`Store::validera_utforare`] for a form: an unknown insats or område is its field's.
    fn validera_ny(&self, u: &Utforare) -> Result<Utforare, Formularfel> {
        for g in &u.godkannanden {
            if let Err(e) = self.insats(&g.insats_kod, "sv") {
                return Err(Formularfel::Falt(vec![Faltfel { falt: "insats", fel: e }]));
            }
        }
        for o in &u.omraden {
            if let Err(e) = self.omrade_id(o) {
                return Err(Formularfel::Falt(vec![Faltfel { falt: "omraden", fel: e }]));
            }
        }
        Ok(self.validera_utforare(u)?)
    }

    pub(crate) fn validera_utforare(&self, u: &Utforare) -> Resultat<Utforare> {
        let orgnr = Organisationsnummer::tolka(&u.organisationsnummer)?;
        let lista = |v: &[String]| -> Result<Vec<String>, Valideringsfel> {
            let mut ut = Vec::new();
            for s in v {
                let s = kontrollera_text(Falt::LISTA, s)?;
                if s.contains(',') {
                    return Err(Valideringsfel::OtillatnaTecken { falt: "lista" });
                }
                if !s.is_empty() {
                    ut.push(s);
                }
            }
            Ok(ut)
        };
        let omraden = u
            .omraden
            .iter()
            .map(|k| self.omrade_id(k).map(|_| k.trim().to_owned()))
            .collect::<Resultat<Vec<_>>>()?;
        let mut godkannanden = Vec::new();
        for g in &u.godkannanden {
            self.insats(&g.insats_kod, "sv")?;
            if g.godkand_till.is_some_and(|t| t < g.godkand_fran)
                || matches!((g.kapacitet_fran, g.kapacitet_till), (Some(f), Some(t)) if t < f)
            {
                return Err(Valideringsfel::DatumOrdning.into());
            }
            godkannanden
                .push(Godkannande { insats_kod: g.insats_kod.trim().to_owned(), ..g.clone() });
        }
        let mut kvalitet = Vec::new();
        for k in &u.kvalitet {
            if let Some(kod) = &k.insats_kod {
                self.insats(kod, "sv")?;
            }
            if !k.varde.is_finite() {
                return Err(Valideringsfel::OkantVarde {
                    falt: "kvalitet",
                    varde: k.varde.to_string(),
                }
                .into());
            }
            kvalitet.push(Kvalitetsindikator {
                namn: kontrollera_text(Falt::NAMN, &k.namn)?,
                enhet: kontrollera_text(Falt::TITEL, &k.enhet)?,
                kalla: kontrollera_text(Falt::NAMN, &k.kalla)?,
                namn_oversatt: k
                    .namn_oversatt
                    .iter()
                    .filter(|(_, n)| !n.trim().is_empty())
                    .map(|(sp, n)| Ok((sprakkod(sp)?, kontrollera_text(Falt::NAMN, n)?)))
                    .collect::<Resultat<_>>()?,
                ..k.clone()
            });
        }
        let postnummer = if u.postnummer.trim().is_empty() {
            String::new()
        } else {
            kontrollera_postnummer(&u.postnummer)?
        };
        Ok(Utforare {
            id: u.id.clone(),
            namn: kontrollera_text(Falt::NAMN, &u.namn)?,
            organisationsnummer: orgnr.to_string(),
            regi: u.regi,
            telefon: kontrollera_text(Falt::TELEFON, &u.telefon)?,
            epost: kontrollera_text(Falt::EPOST, &u.epost)?,
            webb: kontrollera_text(Falt::WEBB, &u.webb)?,
            adress: kontrollera_text(Falt::ADRESS, &u.adress)?,
            postnummer,
            postort: kontrollera_text(Falt::POSTORT, &u.postort)?,
            presentation: kontrollera_text(Falt::PRESENTATION, &u.presentation)?,
            sprak: kontrollera_sprak(&u.sprak).map(|s| dela_lista(&s))?,
            inriktningar: lista(&u.inriktningar)?,
            tillaggstjanster: lista(&u.tillaggstjanster)?,
            omraden,
            godkannanden,
            kvalitet,
            oversattningar: u
                .oversattningar
                .iter()
                .map(|(sp, o)| {
                    Ok((
                        sprakkod(sp)?,
                        Utforaroversattning {
                            inriktningar: lista(&o.inriktningar)?,
                            tillaggstjanster: lista(&o.tillaggstjanster)?,
                            presentation: kontrollera_text(Falt::PRESENTATION, &o.presentation)?,
                        },
                    ))
                })
                .filter(|r: &Resultat<(String, Utforaroversattning)>| {
                    r.as_ref().map_or(true, |(_, o)| *o != Utforaroversattning::default())
                })
                .collect::<Resultat<_>>()?,
        })
    }

    /// The register as it is now, by name in Swedish order (Å Ä Ö last).
    pub fn utforare_lista(&self) -> Resultat<Vec<Utforare>> {
        let mut stmt = self.conn.prepare("SELECT id FROM utforare ORDER BY namn, id")?;
        let ider = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        let mut lista = ider.iter().map(|id| self.utforare(id)).collect::<Resultat<Vec<_>>>()?;
        lista.sort_by_cached_key(|u| {
            (valfri_domain::val::svensk_sorteringsnyckel(&u.namn), u.id.clone())
        });
        Ok(lista)
    }

    pub fn utforare(&self, id: &str) -> Resultat<Utforare> {
        let tx = self.conn.unchecked_transaction()?;
        las_utforare(&tx, id)
    }

    /// Resolves a provider named by organisationsnummer (any form) or id.
    pub fn utforare_id(&self, text: &str) -> Resultat<String> {
        let nyckel = Organisationsnummer::tolka(text)
            .map_or_else(|_| text.trim().to_owned(), |o| o.to_string());
        self.conn
            .rad(
                "SELECT id FROM utforare WHERE organisationsnummer = ?1 OR id = ?1",
                [&nyckel],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Lagringsfel::HittasInte { typ: "utforare", id: text.trim().to_owned() })
    }

    /// The current register version (0 before any provider was added).
    pub fn registerversion(&self) -> Resultat<i64> {
        Ok(self
            .conn
            .rad("SELECT coalesce(max(nummer), 0) FROM registerversion", [], |r| r.get(0))?)
    }

    pub fn registerhistorik(&self) -> Resultat<Vec<Registerversion>> {
        let mut stmt = self.conn.prepare(
            "SELECT nummer, tid, vem, beskrivning FROM registerversion ORDER BY nummer DESC",
        )?;
        let rader = stmt.query_map([], |r| {
            let tid: String = r.get(1)?;
            Ok(Registerversion {
                nummer: r.get(0)?,
                // A stamp Valfri did not write is shown as it stands rather than hiding the row.
                tid_visning: chrono::DateTime::parse_from_rfc3339(&tid)
                    .map_or_else(|_| tid.clone(), |t| valfri_domain::tid_i_kommunen(t.to_utc())),
                tid,
                vem: r.get(2)?,
                beskrivning: r.get(3)?,
            })
        })?;
        Ok(rader.collect::<Result<_, _>>()?)
    }

    /// The whole register as it was at `version`, by name.
    pub fn register_vid(&self, version: i64) -> Resultat<Vec<Utforare>> {
        let mut stmt = self.conn.prepare(
            "SELECT h.data FROM utforare_historik h
             WHERE h.version = (SELECT max(version) FROM utforare_historik x WHERE x.utforare_id = h.utforare_id AND x.version <= ?1)
               AND h.data IS NOT NULL",
        )?;
        let mut lista = stmt
            .query_map([version], |r| r.get::<_, String>(0))?
            .map(|r| Ok(serde_json::from_str::<Utforare>(&r?)?))
            .collect::<Resultat<Vec<_>>>()?;
        lista.sort_by(|a, b| a.namn.cmp(&b.namn).then_with(|| a.id.cmp(&b.id)));
        Ok(lista)
    }
}

/// Saves validated providers as one new register version inside `tx`, marking the brukare the
/// change leaves without a valid provider for a new choice.
pub(crate) fn spara_i(
    tx: &Transaction<'_>,
    aktor: &Aktor,
    lista: &[Utforare],
    beskrivning: &str,
) -> Resultat<Sparat> {
    let version = ny_version(tx, aktor, beskrivning)?;
    let mut paverkade = Vec::new();
    for u in lista {
        let sparad = skriv_utforare(tx, aktor, u, version)?;
        paverkade.extend(crate::val::markera_omval(tx, aktor, &sparad, version, crate::idag())?);
    }
    Ok(Sparat { version, paverkade })
}

/// The stored provider with this organisationsnummer, if any.
pub(crate) fn utforare_med_orgnr(
    tx: &Transaction<'_>,
    organisationsnummer: &str,
) -> Resultat<Option<Utforare>> {
    let id: Option<String> = tx
        .rad("SELECT id FROM utforare WHERE organisationsnummer = ?1", [organisationsnummer], |r| {
            r.get(0)
        })
        .optional()?;
    id.map(|id| las_utforare(tx, &id)).transpose()
}

fn ny_version(tx: &Transaction<'_>, aktor: &Aktor, beskrivning: &str) -> Resultat<i64> {
    let beskrivning = kontrollera_text(Falt::LISTA, beskrivning)?;
    tx.execute(
        "INSERT INTO registerversion (nummer, tid, vem, beskrivning)
         VALUES ((SELECT coalesce(max(nummer), 0) + 1 FROM registerversion), ?1, ?2, ?3)",
        params![nu(), aktor.logg_namn(), beskrivning],
    )?;
    let version = tx.last_insert_rowid();
    logg::skriv(tx, aktor, "ny_version", "register", &version.to_string(), &beskrivning)?;
    Ok(version)
}

/// What a save did: the new register version and the brukare marked for a new choice.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sparat {
    pub version: i64,
    pub paverkade: Vec<crate::Paverkad>,
}

fn skriv_utforare(
    tx: &Transaction<'_>,
    aktor: &Aktor,
    u: &Utforare,
    version: i64,
) -> Resultat<Utforare> {
    let tid = nu();
    let befintlig: Option<String> = tx
        .rad(
            "SELECT id FROM utforare WHERE organisationsnummer = ?1",
            [&u.organisationsnummer],
            |r| r.get(0),
        )
        .optional()?;
    let id = match (&befintlig, u.id.is_empty()) {
        (Some(b), true) => b.clone(),
        (Some(b), false) if *b == u.id => b.clone(),
        (Some(_), false) => return Err(Lagringsfel::UtforareFinns),
        (None, true) => ny_id(),
        (None, false) => u.id.clone(),
    };
    tx.execute(
        "INSERT INTO utforare (id, organisationsnummer, namn, regi, telefon, epost, webb, adress, postnummer, postort, presentation,
            sprak, inriktningar, tillaggstjanster, version, skapad, andrad)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)
         ON CONFLICT (id) DO UPDATE SET organisationsnummer = ?2, namn = ?3, regi = ?4, telefon = ?5, epost = ?6, webb = ?7,
            adress = ?8, postnummer = ?9, postort = ?10, presentation = ?11, sprak = ?12, inriktningar = ?13,
            tillaggstjanster = ?14, version = ?15, andrad = ?16",
        params![
            id,
            u.organisationsnummer,
            u.namn,
            u.regi.kod(),
            u.telefon,
            u.epost,
            u.webb,
            u.adress,
            u.postnummer,
            u.postort,
            u.presentation,
            u.sprak.join(","),
            u.inriktningar.join(","),
            u.tillaggstjanster.join(","),
            version,
            tid
        ],
    )?;
    for tabell in ["utforare_omrade", "godkannande", "kvalitet"] {
        tx.execute(&format!("DELETE FROM {tabell} WHERE utforare_id = ?1"), [&id])?;
    }
    for kod in &u.omraden {
        tx.execute(
            "INSERT OR IGNORE INTO utforare_omrade (utforare_id, omrade_id) SELECT ?1, id FROM omrade WHERE kod = ?2",
            params![id, kod],
        )?;
    }
    for g in &u.godkannanden {
        tx.execute(
            "INSERT INTO godkannande (utforare_id, insats_id, godkand_fran, godkand_till, kapacitetstak, kapacitet_bekraftad, paus_till,
                kapacitet_fran, kapacitet_till)
             SELECT ?1, id, ?3, ?4, ?5, ?6, ?7, ?8, ?9 FROM insats WHERE kod = ?2",
            params![
                id,
                g.insats_kod,
                g.godkand_fran.to_string(),
                g.godkand_till.map(|d| d.to_string()),
                g.kapacitetstak,
                g.kapacitet_bekraftad.map(|d| d.to_string()),
                g.paus_till.map(|d| d.to_string()),
                g.kapacitet_fran.map(|d| d.to_string()),
                g.kapacitet_till.map(|d| d.to_string())
            ],
        )?;
    }
    for (i, k) in u.kvalitet.iter().enumerate() {
        tx.execute(
            "INSERT INTO kvalitet (utforare_id, ordning, insats_id, namn, varde, enhet, ar, kalla)
             VALUES (?1, ?2, (SELECT id FROM insats WHERE kod = ?3), ?4, ?5, ?6, ?7, ?8)",
            params![id, i as i64, k.insats_kod, k.namn, k.varde, k.enhet, k.ar, k.kalla],
        )?;
        tx.execute(
            "UPDATE kvalitet SET namn_oversatt = ?3 WHERE utforare_id = ?1 AND ordning = ?2",
            params![id, i as i64, serde_json::to_string(&k.namn_oversatt)?],
        )?;
    }
    tx.execute(
        "UPDATE utforare SET oversattningar = ?2 WHERE id = ?1",
        params![id, serde_json::to_string(&u.oversattningar)?],
    )?;
    // The snapshot is read back from the tables just written, so history and current state
    // cannot disagree.
    let sparad = las_utforare(tx, &id)?;
    tx.execute(
        "INSERT INTO utforare_historik (version, utforare_id, data) VALUES (?1, ?2, ?3)",
        params![version, id, serde_json::to_string(&sparad)?],
    )?;
    logg::skriv(tx, aktor, "spara", "utforare", &id, &format!("version {version}"))?;
    Ok(sparad)
}

fn las_utforare(tx: &Transaction<'_>, id: &str) -> Resultat<Utforare> {
    let rad = tx
        .rad(
            "SELECT id, namn, organisationsnummer, regi, telefon, epost, webb, adress, postnummer, postort, presentation, sprak,
                inriktningar, tillaggstjanster, oversattningar FROM utforare WHERE id = ?1",
            [id],
            |r| {
                let mut f: [String; 15] = Default::default();
                for (i, falt) in f.iter_mut().enumerate() {
                    *falt = r.get(i)?;
                }
                Ok(f)
            },
        )
        .optional()?
        .ok_or_else(|| Lagringsfel::HittasInte { typ: "utforare", id: id.to_owned() })?;
    let [
        id,
        namn,
        organisationsnummer,
        regi,
        telefon,
        epost,
        webb,
        adress,
        postnummer,
        postort,
        presentation,
        sprak,
        inriktningar,
        tillagg,
        oversattningar,
    ] = rad;
    let mut stmt = tx.prepare_cached(
        "SELECT o.kod FROM utforare_omrade uo JOIN omrade o ON o.id = uo.omrade_id WHERE uo.utforare_id = ?1 ORDER BY o.kod",
    )?;
    let omraden = stmt.query_map([&id], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
    let mut stmt = tx.prepare_cached(concat!(
        "SELECT i.kod, ",
        godkannande_kolumner!(),
        " FROM godkannande g JOIN insats i ON i.id = g.insats_id WHERE g.utforare_id = ?1 ORDER BY i.kod"
    ))?;
    let godkannanden = stmt
        .query_map([&id], |r| Ok((r.get::<_, String>(0)?, GodkannandeRad::fran_rad(r, 1)?)))?
        .map(|r| {
            let (insats_kod, rad) = r?;
            rad.godkannande(insats_kod)
        })
        .collect::<Resultat<Vec<_>>>()?;
    let mut stmt = tx.prepare_cached(
        "SELECT i.kod, k.namn, k.varde, k.enhet, k.ar, k.kalla, k.namn_oversatt FROM kvalitet k LEFT JOIN insats i ON i.id = k.insats_id
         WHERE k.utforare_id = ?1 ORDER BY k.ordning",
    )?;
    let kvalitet = stmt
        .query_map([&id], |r| {
            Ok(Kvalitetsindikator {
                insats_kod: r.get(0)?,
                namn: r.get(1)?,
                varde: r.get(2)?,
                enhet: r.get(3)?,
                ar: r.get(4)?,
                kalla: r.get(5)?,
                // Written by this store from a map; a value that does not parse (edited by hand)
                // reads as no translation, and the Swedish name is still there.
                namn_oversatt: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or_default(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Utforare {
        id,
        namn,
        organisationsnummer,
        regi: Regi::fran_kod(&regi)?,
        telefon,
        epost,
        webb,
        adress,
        postnummer,
        postort,
        presentation,
        sprak: dela_lista(&sprak),
        inriktningar: dela_lista(&inriktningar),
        tillaggstjanster: dela_lista(&tillagg),
        omraden,
        godkannanden,
        kvalitet,
        oversattningar: serde_json::from_str(&oversattningar)?,
    })
}

/// The code of a translation as stored: ISO 639-1, two lowercase letters, not Swedish (the
/// Swedish text is the field itself).
fn sprakkod(kod: &str) -> Resultat<String> {
    let kod = kod.trim().to_lowercase();
    if kod.len() == 2 && kod.chars().all(|c| c.is_ascii_lowercase()) && kod != "sv" {
        Ok(kod)
    } else {
        Err(Valideringsfel::OkantVarde { falt: "sprak", varde: kod }.into())
    }
}
