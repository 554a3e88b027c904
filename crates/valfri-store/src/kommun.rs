//! The municipality's settings, områden, insatser and handläggare.

use rusqlite::{OptionalExtension, Row, params};
use valfri_domain::{
    Enhet, Falt, Handlaggare, IckevalModell, Insats, Kommun, Omrade, Ordningsregel, Roll,
    Valideringsfel, kontrollera_postnummer, kontrollera_text,
};

use valfri_domain::beslutsregler::Beslutskrav;

use crate::Rad as _;
use crate::{Aktor, Lagringsfel, Resultat, Store, logg, nu, ny_id};

/// A new insats as the systemförvaltare describes it.
#[derive(Debug, Clone)]
pub struct NyInsats {
    pub kod: String,
    /// Names per language (ISO 639-1 → name); Swedish is required.
    pub namn: Vec<(String, String)>,
    pub lagrum: String,
    pub enhet: Enhet,
    pub valfrihet: bool,
    pub ickeval: IckevalModell,
}

impl Store {
    /// Only a systemförvaltare changes the register and the settings. A refusal is logged in a
    /// transaction of its own, so it stays in the log although the change does not happen.
    pub fn krav_systemforvaltare(&self, aktor: &Aktor, vad: &str) -> Resultat<()> {
        if aktor.far_andra_register() {
            return Ok(());
        }
        self.logga_nekad(aktor, vad, "", "kraver systemforvaltare")?;
        Err(Lagringsfel::KraverSystemforvaltare)
    }

    pub(crate) fn logga_nekad(
        &self,
        aktor: &Aktor,
        typ: &str,
        id: &str,
        varfor: &str,
    ) -> Resultat<()> {
        self.i_transaktion(|tx| logg::skriv(tx, aktor, "nekad", typ, id, varfor))
    }

    /// The municipality's settings; a database that has none yet gets neutral defaults so that
    /// a fresh install still opens.
    pub fn kommun(&self) -> Resultat<Kommun> {
        let rad = self
            .conn
            .rad(
                "SELECT namn, namnd, adress, postnummer, postort, telefon, ordning, ordning_seed, sprak, byte_dagar, svarstid_dagar,
                    tak_max_alder_dagar, krav_motivering, krav_diarienummer FROM kommun WHERE id = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, Option<i64>>(7)?,
                        r.get::<_, String>(8)?,
                        (r.get::<_, u32>(9)?, r.get::<_, u32>(10)?, r.get::<_, u32>(11)?),
                        Beslutskrav { motivering: r.get(12)?, diarienummer: r.get(13)? },
                    ))
                },
            )
            .optional()?;
        let Some((
            namn,
            namnd,
            adress,
            postnummer,
            postort,
            telefon,
            ordning,
            ordning_seed,
            sprak,
            (byte_dagar, svarstid_dagar, tak_max_alder_dagar),
            beslutskrav,
        )) = rad
        else {
            return Ok(Kommun {
                namn: String::new(),
                namnd: String::new(),
                adress: String::new(),
                postnummer: String::new(),
                postort: String::new(),
                telefon: String::new(),
                ordning: Ordningsregel::Alfabetisk,
                ordning_seed: None,
                sprak: vec!["sv".into()],
                byte_dagar: 0,
                svarstid_dagar: 14,
                tak_max_alder_dagar: 90,
                beslutskrav: Beslutskrav::default(),
            });
        };
        Ok(Kommun {
            namn,
            namnd,
            adress,
            postnummer,
            postort,
            telefon,
            ordning: Ordningsregel::fran_kod(&ordning)?,
            ordning_seed,
            sprak: dela_lista(&sprak),
            byte_dagar,
            svarstid_dagar,
            tak_max_alder_dagar,
            beslutskrav,
        })
    }

    /// What the organisation's configuration file sets for the municipality (its name, the
    /// languages letters are offered in), written into the settings where they differ, so
    /// that every rule that reads the settings (a letter's language, the batch) follows the
    /// file; a new database gets the municipality's name here. Logged as done by
    /// `organisationen`. Returns whether anything changed. A desk in kommunläge changes
    /// nothing: its settings are the hub's.
    pub fn tillamp_organisationen(
        &self,
        namn: Option<&str>,
        sprak: Option<&[String]>,
    ) -> Resultat<bool> {
        if self.replika()?.is_some() {
            return Ok(false);
        }
        let nu_satt = self.kommun()?;
        let namn = match namn {
            Some(n) => kontrollera_text(Falt::NAMN, n)?,
            None => nu_satt.namn.clone(),
        };
        let sprak = match sprak {
            Some(s) => dela_lista(&kontrollera_sprak(s)?),
            None => nu_satt.sprak.clone(),
        };
        if namn == nu_satt.namn && sprak == nu_satt.sprak {
            return Ok(false);
        }
        let aktor = Aktor {
            id: "organisationen".into(),
            namn: "organisationen".into(),
            roll: Roll::Systemforvaltare,
        };
        self.i_transaktion(|tx| {
            let tid = nu();
            tx.execute(
                "INSERT INTO kommun (id, namn, namnd, adress, postnummer, postort, telefon, ordning, sprak, skapad, andrad)
                 VALUES (1, ?1, '', '', '', '', '', 'alfabetisk', ?2, ?3, ?3)
                 ON CONFLICT (id) DO UPDATE SET namn = ?1, sprak = ?2, andrad = ?3",
                params![namn, sprak.join(","), tid],
            )?;
            let detalj = serde_json::json!({ "namn": namn, "sprak": sprak }).to_string();
            logg::skriv(tx, &aktor, "andra", "kommun", "1", &detalj)
        })?;
        Ok(true)
    }

    pub fn spara_kommun(&self, aktor: &Aktor, k: &Kommun) -> Resultat<()> {
        self.krav_systemforvaltare(aktor, "kommun")?;
        let namn = kontrollera_text(Falt::NAMN, &k.namn)?;
        let namnd = kontrollera_text(Falt::NAMN, &k.namnd)?;
        let adress = kontrollera_text(Falt::ADRESS, &k.adress)?;
        let postnummer = kontrollera_postnummer(&k.postnummer)?;
        let postort = kontrollera_text(Falt::POSTORT, &k.postort)?;
        let telefon = kontrollera_text(Falt::TELEFON, &k.telefon)?;
        let sprak = kontrollera_sprak(&k.sprak)?;
        self.i_transaktion(|tx| {
            let tid = nu();
            tx.execute(
                "INSERT INTO kommun (id, namn, namnd, adress, postnummer, postort, telefon, ordning, ordning_seed, sprak,
                    byte_dagar, svarstid_dagar, tak_max_alder_dagar, krav_motivering, krav_diarienummer, skapad, andrad)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?11, ?12, ?13, ?14, ?15, ?10, ?10)
                 ON CONFLICT (id) DO UPDATE SET namn = ?1, namnd = ?2, adress = ?3, postnummer = ?4, postort = ?5,
                    telefon = ?6, ordning = ?7, ordning_seed = ?8, sprak = ?9, andrad = ?10, byte_dagar = ?11,
                    svarstid_dagar = ?12, tak_max_alder_dagar = ?13,
                    krav_motivering = ?14, krav_diarienummer = ?15",
                params![
                    namn,
                    namnd,
                    adress,
                    postnummer,
                    postort,
                    telefon,
                    k.ordning.kod(),
                    k.ordning_seed,
                    sprak,
                    tid,
                    k.byte_dagar.min(365),
                    k.svarstid_dagar.clamp(1, 365),
                    k.tak_max_alder_dagar.clamp(1, 3650),
                    k.beslutskrav.motivering,
                    k.beslutskrav.diarienummer
                ],
            )?;
            logg::skriv(tx, aktor, "andra", "kommun", "1", &serde_json::to_string(k)?)
        })
    }

    pub fn omraden(&self) -> Resultat<Vec<Omrade>> {
        let mut stmt =
            self.conn.prepare("SELECT id, kod, namn, landsbygd FROM omrade ORDER BY kod")?;
        let rader = stmt.query_map([], |r| {
            Ok(Omrade { id: r.get(0)?, kod: r.get(1)?, namn: r.get(2)?, landsbygd: r.get(3)? })
        })?;
        Ok(rader.collect::<Result<_, _>>()?)
    }

    pub fn nytt_omrade(
        &self,
        aktor: &Aktor,
        kod: &str,
        namn: &str,
        landsbygd: bool,
    ) -> Resultat<String> {
        self.krav_systemforvaltare(aktor, "omrade")?;
        let kod = kontrollera_kod(kod)?;
        let namn = kontrollera_text(Falt::NAMN, namn)?;
        self.i_transaktion(|tx| {
            let id = ny_id();
            let tid = nu();
            tx.execute(
                "INSERT INTO omrade (id, kod, namn, landsbygd, skapad, andrad) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![id, kod, namn, landsbygd, tid],
            )?;
            logg::skriv(tx, aktor, "skapa", "omrade", &id, &kod)?;
            Ok(id)
        })
    }

    pub(crate) fn omrade_id(&self, kod: &str) -> Resultat<String> {
        self.conn
            .rad("SELECT id FROM omrade WHERE kod = ?1", [kod.trim()], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Lagringsfel::OkandKod { typ: "omrade", kod: kod.trim().to_owned() })
    }

    /// Every insats, with its name in `sprak` (Swedish when there is no translation).
    pub fn insatser(&self, sprak: &str) -> Resultat<Vec<Insats>> {
        let mut stmt = self.conn.prepare(&format!("{INSATS_SQL} ORDER BY i.kod"))?;
        let rader = stmt.query_map([sprak], insats_fran_rad)?;
        rader.map(|r| r?).collect()
    }

    pub fn insats(&self, kod: &str, sprak: &str) -> Resultat<Insats> {
        self.conn
            .rad(
                &format!("{INSATS_SQL} WHERE i.kod = ?2"),
                params![sprak, kod.trim()],
                insats_fran_rad,
            )
            .optional()?
            .ok_or_else(|| Lagringsfel::OkandKod { typ: "insats", kod: kod.trim().to_owned() })?
    }

    pub fn ny_insats(&self, aktor: &Aktor, ny: &NyInsats) -> Resultat<String> {
        self.krav_systemforvaltare(aktor, "insats")?;
        let kod = kontrollera_kod(&ny.kod)?;
        let lagrum = kontrollera_text(Falt::LAGRUM, &ny.lagrum)?;
        let mut namn = Vec::new();
        for (sprak, n) in &ny.namn {
            namn.push((
                kontrollera_sprak(std::slice::from_ref(sprak))?,
                kontrollera_text(Falt::NAMN, n)?,
            ));
        }
        if !namn.iter().any(|(s, _)| s == "sv") {
            return Err(Valideringsfel::Saknas { falt: "namn" }.into());
        }
        self.i_transaktion(|tx| {
            let id = ny_id();
            let tid = nu();
            tx.execute(
                "INSERT INTO insats (id, kod, lagrum, enhet, valfrihet, ickeval, skapad, andrad) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![id, kod, lagrum, ny.enhet.kod(), ny.valfrihet, ny.ickeval.kod(), tid],
            )?;
            for (sprak, n) in &namn {
                tx.execute("INSERT INTO insats_namn (insats_id, sprak, namn) VALUES (?1, ?2, ?3)", params![id, sprak, n])?;
            }
            logg::skriv(tx, aktor, "skapa", "insats", &id, &kod)?;
            Ok(id)
        })
    }

    /// Changes the legal basis of an insats: lagrum is data, because laws get renumbered.
    pub fn andra_lagrum(&self, aktor: &Aktor, kod: &str, lagrum: &str) -> Resultat<()> {
        self.krav_systemforvaltare(aktor, "insats")?;
        let lagrum = kontrollera_text(Falt::LAGRUM, lagrum)?;
        let insats = self.insats(kod, "sv")?;
        self.i_transaktion(|tx| {
            tx.execute(
                "UPDATE insats SET lagrum = ?1, andrad = ?2 WHERE id = ?3",
                params![lagrum, nu(), insats.id],
            )?;
            logg::skriv(tx, aktor, "andra", "insats", &insats.id, &format!("lagrum: {lagrum}"))
        })
    }

    /// Sets the point of the delegationsordning under which this insats is decided (e.g.
    /// "3.2"; empty for none). A beslut copies it when it is made, so a made one keeps its own.
    pub fn andra_delegation(&self, aktor: &Aktor, kod: &str, punkt: &str) -> Resultat<()> {
        self.krav_systemforvaltare(aktor, "insats")?;
        let punkt = kontrollera_text(Falt::DELEGATION, punkt)?;
        let insats = self.insats(kod, "sv")?;
        self.i_transaktion(|tx| {
            tx.execute(
                "UPDATE insats SET delegation = ?1, andrad = ?2 WHERE id = ?3",
                params![punkt, nu(), insats.id],
            )?;
            logg::skriv(tx, aktor, "andra", "insats", &insats.id, &format!("delegation: {punkt}"))
        })
    }

    /// Sets how an insats's name in `sprak` is written inside a sentence, where the rule
    /// (`valfri_domain::namn_i_mening`) would get it wrong, e.g. a name that starts with a
    /// proper noun. An empty text goes back to the rule.
    pub fn andra_namn_i_mening(
        &self,
        aktor: &Aktor,
        kod: &str,
        sprak: &str,
        i_mening: &str,
    ) -> Resultat<()> {
        self.krav_systemforvaltare(aktor, "insats")?;
        let i_mening = kontrollera_text(Falt::NAMN_I_MENING, i_mening)?;
        let insats = self.insats(kod, "sv")?;
        self.i_transaktion(|tx| {
            let n = tx.execute(
                "UPDATE insats_namn SET i_mening = nullif(?1, '') WHERE insats_id = ?2 AND sprak = ?3",
                params![i_mening, insats.id, sprak],
            )?;
            if n == 0 {
                return Err(Valideringsfel::OkantVarde { falt: "sprak", varde: sprak.to_owned() }.into());
            }
            tx.execute("UPDATE insats SET andrad = ?1 WHERE id = ?2", params![nu(), insats.id])?;
            logg::skriv(tx, aktor, "andra", "insats", &insats.id, &format!("i_mening {sprak}: {i_mening}"))
        })
    }

    pub fn handlaggare_lista(&self) -> Resultat<Vec<Handlaggare>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, namn, titel, telefon, epost, roll FROM handlaggare ORDER BY namn",
        )?;
        let rader = stmt.query_map([], handlaggare_fran_rad)?;
        let mut lista = rader.map(|r| r?).collect::<Resultat<Vec<Handlaggare>>>()?;
        // In Swedish order (Å Ä Ö last), as a person looks for a name.
        lista.sort_by_cached_key(|h| {
            (valfri_domain::val::svensk_sorteringsnyckel(&h.namn), h.id.clone())
        });
        Ok(lista)
    }

    pub fn handlaggare(&self, id: &str) -> Resultat<Handlaggare> {
        self.conn
            .rad(
                "SELECT id, namn, titel, telefon, epost, roll FROM handlaggare WHERE id = ?1",
                [id],
                handlaggare_fran_rad,
            )
            .optional()?
            .ok_or_else(|| Lagringsfel::HittasInte { typ: "handlaggare", id: id.to_owned() })?
    }

    /// The actor for a handläggare id, as the shell and CLI use it.
    pub fn aktor(&self, handlaggare_id: &str) -> Resultat<Aktor> {
        let h = self.handlaggare(handlaggare_id)?;
        Ok(Aktor { id: h.id, namn: h.namn, roll: h.roll })
    }

    /// The first person of a new database with key slots: a systemförvaltare who logs their
    /// own creation (there is nobody before them).
    pub(crate) fn forsta_systemforvaltare(&self, namn: &str) -> Resultat<String> {
        let namn = kontrollera_text(Falt::NAMN, namn)?;
        let id = ny_id();
        let aktor = Aktor { id: id.clone(), namn: namn.clone(), roll: Roll::Systemforvaltare };
        self.i_transaktion(|tx| {
            tx.execute(
                "INSERT INTO handlaggare (id, namn, titel, telefon, epost, roll, skapad, andrad) VALUES (?1, ?2, '', '', '', ?3, ?4, ?4)",
                params![id, namn, Roll::Systemforvaltare.kod(), nu()],
            )?;
            logg::skriv(tx, &aktor, "skapa", "handlaggare", &id, &namn)
        })?;
        Ok(id)
    }

    pub fn ny_handlaggare(&self, aktor: &Aktor, h: &Handlaggare) -> Resultat<String> {
        self.krav_systemforvaltare(aktor, "handlaggare")?;
        let namn = kontrollera_text(Falt::NAMN, &h.namn)?;
        let titel = kontrollera_text(Falt::TITEL, &h.titel)?;
        let telefon = kontrollera_text(Falt::TELEFON, &h.telefon)?;
        let epost = kontrollera_text(Falt::EPOST, &h.epost)?;
        self.i_transaktion(|tx| {
            let id = ny_id();
            tx.execute(
                "INSERT INTO handlaggare (id, namn, titel, telefon, epost, roll, skapad, andrad) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![id, namn, titel, telefon, epost, h.roll.kod(), nu()],
            )?;
            logg::skriv(tx, aktor, "skapa", "handlaggare", &id, &namn)?;
            Ok(id)
        })
    }
}

const INSATS_SQL: &str = "SELECT i.id, i.kod, coalesce(n.namn, sv.namn, i.kod), i.lagrum, i.enhet, i.valfrihet, i.ickeval,
        i.ickeval_utforare_id, i.turordning_egen_regi, i.delegation,
        CASE WHEN n.namn IS NOT NULL THEN n.i_mening ELSE sv.i_mening END
    FROM insats i
    LEFT JOIN insats_namn n ON n.insats_id = i.id AND n.sprak = ?1
    LEFT JOIN insats_namn sv ON sv.insats_id = i.id AND sv.sprak = 'sv'";

fn insats_fran_rad(r: &Row<'_>) -> rusqlite::Result<Resultat<Insats>> {
    let enhet: String = r.get(4)?;
    let ickeval: String = r.get(6)?;
    let namn: String = r.get(2)?;
    let (id, kod, lagrum, valfrihet) = (r.get(0)?, r.get(1)?, r.get(3)?, r.get(5)?);
    let (ickeval_utforare_id, turordning_egen_regi, delegation) = (r.get(7)?, r.get(8)?, r.get(9)?);
    let i_mening: Option<String> = r.get(10)?;
    let namn_i_mening = i_mening.unwrap_or_else(|| valfri_domain::namn_i_mening(&namn));
    Ok((|| {
        Ok(Insats {
            id,
            kod,
            namn,
            namn_i_mening,
            lagrum,
            enhet: Enhet::fran_kod(&enhet)?,
            valfrihet,
            ickeval: IckevalModell::fran_kod(&ickeval)?,
            ickeval_utforare_id,
            turordning_egen_regi,
            delegation,
        })
    })())
}

fn handlaggare_fran_rad(r: &Row<'_>) -> rusqlite::Result<Resultat<Handlaggare>> {
    let roll: String = r.get(5)?;
    let (id, namn, titel, telefon, epost) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
    Ok(Roll::fran_kod(&roll)
        .map(|roll| Handlaggare { id, namn, titel, telefon, epost, roll })
        .map_err(Into::into))
}

/// Codes are short, plain and upper-case-insensitive: letters, digits, `-` and `_`.
pub(crate) fn kontrollera_kod(kod: &str) -> Result<String, Valideringsfel> {
    let kod = kontrollera_text(Falt::KOD, kod)?;
    if kod.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        Ok(kod)
    } else {
        Err(Valideringsfel::OkantVarde { falt: "kod", varde: kod })
    }
}

/// Language codes are two lower-case letters (ISO 639-1).
pub(crate) fn kontrollera_sprak(sprak: &[String]) -> Result<String, Valideringsfel> {
    let mut ut = Vec::new();
    for s in sprak {
        let s = s.trim().to_ascii_lowercase();
        if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(Valideringsfel::OkantVarde {
                falt: "sprak",
                varde: s.chars().take(20).collect(),
            });
        }
        if !ut.contains(&s) {
            ut.push(s);
        }
    }
    Ok(ut.join(","))
}

pub(crate) fn dela_lista(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}
