//! What documents are made from, gathered in one read, and the record of what was produced.
//! Rendering is `valfri-dokument`'s job; the store only reads and records.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use valfri_domain::dokument::{
    Avsandare, Beslutsunderlag, Jamforelseunderlag, Kontakt, Mottagare, Nuvarande, Utforaruppgift,
    Valfrihetsunderlag,
};
use valfri_domain::{Brukare, IckevalModell, Regi};

use crate::Rad as _;
use crate::{Aktor, Lagringsfel, Resultat, Store, logg, nu, ny_id};

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dokumenttyp {
    Valfrihetsbrev,
    Jamforelseblad,
    Beslutsmeddelande,
}

impl Dokumenttyp {
    fn kod(self) -> &'static str {
        match self {
            Self::Valfrihetsbrev => "valfrihetsbrev",
            Self::Jamforelseblad => "jamforelseblad",
            Self::Beslutsmeddelande => "beslutsmeddelande",
        }
    }
}

/// A produced document, as recorded: enough to produce the same content again (register
/// version, language, form) and for the worklists to know what was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dokumentpost {
    pub id: String,
    pub typ: Dokumenttyp,
    pub beslut_id: Option<String>,
    /// `brukare`, or the ombud's id for a copy.
    pub mottagare: String,
    pub registerversion: i64,
    pub sprak: String,
    pub storstil: bool,
    pub sha256: String,
    pub storlek: i64,
    pub vem: String,
    pub tid: String,
}

impl Store {
    fn avsandare(&self) -> Resultat<Avsandare> {
        let k = self.kommun()?;
        Ok(Avsandare {
            kommun: k.namn,
            namnd: k.namnd,
            adress: k.adress,
            postnummer: k.postnummer,
            postort: k.postort,
            telefon: k.telefon,
        })
    }

    fn kontakt(&self, handlaggare_id: &str) -> Resultat<Kontakt> {
        let h = self.handlaggare(handlaggare_id)?;
        Ok(Kontakt { namn: h.namn, titel: h.titel, telefon: h.telefon, epost: h.epost })
    }

    /// The brukare first, then a copy for each ombud.
    fn mottagare(b: &Brukare) -> Vec<(String, Mottagare)> {
        let brukare_namn = format!("{} {}", b.fornamn, b.efternamn);
        let mut ut = vec![(
            "brukare".to_owned(),
            Mottagare {
                namn: brukare_namn.clone(),
                co: b.co.clone(),
                adress: b.adress.clone(),
                postnummer: b.postnummer.clone(),
                postort: b.postort.clone(),
                kopia_for: None,
                ombud_typ: None,
            },
        )];
        for o in &b.ombud {
            ut.push((
                o.id.clone(),
                Mottagare {
                    namn: o.namn.clone(),
                    co: String::new(),
                    adress: o.adress.clone(),
                    postnummer: o.postnummer.clone(),
                    postort: o.postort.clone(),
                    kopia_for: Some(brukare_namn.clone()),
                    ombud_typ: Some(o.typ),
                },
            ));
        }
        ut
    }

    /// The valfrihetsinformation for a beslut on `dag`, one per recipient (the brukare, then a
    /// copy to each ombud), keyed by recipient (`brukare` or the ombud's id). `sprak` is the
    /// document's language, which names the insats: usually the brukare's, but a handläggare
    /// may choose another. Refused, before anything is read or laid out, when the beslut gives
    /// no choice on `dag` (avslag, not made, ended, run out, no valfrihetssystem).
    pub fn valfrihetsunderlag(
        &self,
        aktor: &Aktor,
        beslut_id: &str,
        dag: NaiveDate,
        sprak: &str,
    ) -> Resultat<Vec<(String, Valfrihetsunderlag)>> {
        self.kan_informeras(beslut_id, dag)?;
        let kommun = self.kommun()?;
        let beslut = self.beslut(aktor, beslut_id)?;
        let brukare = self.brukare_for_dokument(aktor, &beslut.brukare_id)?;
        let insats = self.insats(&beslut.insats_kod, sprak)?;
        let valbara = self.valbara(aktor, beslut_id, dag)?;
        let utforare = valbara
            .utforare
            .iter()
            .map(|r| {
                Ok(Utforaruppgift {
                    utforare: self.utforare(&r.utforare_id)?,
                    status: r.status.clone(),
                })
            })
            .collect::<Resultat<Vec<_>>>()?;
        let ickeval_utforare = match insats.ickeval {
            IckevalModell::EgenRegi => utforare
                .iter()
                .find(|u| u.utforare.regi == Regi::EgenRegi)
                .map(|u| u.utforare.namn.clone()),
            IckevalModell::Utsedd => insats
                .ickeval_utforare_id
                .as_deref()
                .map(|id| self.utforare(id))
                .transpose()?
                .map(|u| u.namn),
            IckevalModell::Turordning => None,
        };
        let bas = Valfrihetsunderlag {
            avsandare: self.avsandare()?,
            mottagare: Self::mottagare(&brukare)[0].1.clone(),
            brukare_namn: format!("{} {}", brukare.fornamn, brukare.efternamn),
            personnummer: brukare.personnummer.clone(),
            diarienummer: beslut.diarienummer.clone(),
            handlaggare: self.kontakt(&beslut.handlaggare_id)?,
            datum: dag,
            svarsdatum: dag + chrono::Days::new(u64::from(kommun.svarstid_dagar)),
            insats_kod: insats.kod.clone(),
            insats_namn: insats.namn_i_mening.clone(),
            omfattning: beslut.omfattning,
            enhet: beslut.enhet,
            giltig_fran: beslut.giltig_fran,
            giltig_till: beslut.giltig_till,
            utforare,
            ordning: valbara.ordning,
            ordning_seed: valbara.ordning_seed,
            registerversion: valbara.registerversion,
            ickeval: insats.ickeval,
            ickeval_utforare,
            byte_dagar: kommun.byte_dagar,
            nuvarande: self.nuvarande(beslut_id)?,
            omrade_kod: brukare.omrade.clone().unwrap_or_default(),
            omrade_namn: match &brukare.omrade {
                Some(kod) => self.omraden()?.into_iter().find(|o| &o.kod == kod).map(|o| o.namn),
                None => None,
            }
            .unwrap_or_default(),
        };
        Ok(Self::mottagare(&brukare)
            .into_iter()
            .map(|(nyckel, m)| (nyckel, Valfrihetsunderlag { mottagare: m, ..bas.clone() }))
            .collect())
    }

    /// The jämförelseblad for an insats in an område on `dag`.
    pub fn jamforelseunderlag(
        &self,
        aktor: &Aktor,
        insats_kod: &str,
        omrade_kod: &str,
        dag: NaiveDate,
        sprak: &str,
    ) -> Resultat<Jamforelseunderlag> {
        let kommun = self.kommun()?;
        let insats = self.insats(insats_kod, sprak)?;
        let omrade =
            self.omraden()?.into_iter().find(|o| o.kod == omrade_kod.trim()).ok_or_else(|| {
                Lagringsfel::OkandKod { typ: "omrade", kod: omrade_kod.trim().to_owned() }
            })?;
        let (lista, version) = self.i_transaktion(|tx| {
            let lista = crate::val::for_omrade(
                tx,
                &insats.id,
                &insats.kod,
                &omrade.id,
                dag,
                kommun.ordning,
                kommun.ordning_seed.unwrap_or(0),
            )?;
            logg::skriv(tx, aktor, "las", "jamforelseblad", &insats.kod, &omrade.kod)?;
            let version: i64 =
                tx.rad("SELECT coalesce(max(nummer), 0) FROM registerversion", [], |r| r.get(0))?;
            Ok((lista, version))
        })?;
        let utforare = lista
            .into_iter()
            .map(|(id, status)| Ok(Utforaruppgift { utforare: self.utforare(&id)?, status }))
            .collect::<Resultat<Vec<_>>>()?;
        Ok(Jamforelseunderlag {
            avsandare: self.avsandare()?,
            insats_kod: insats.kod,
            insats_namn: insats.namn_i_mening,
            omrade_kod: omrade.kod,
            omrade_namn: omrade.namn,
            datum: dag,
            sammanstalld_av: aktor.namn.clone(),
            registerversion: version,
            ordning: kommun.ordning,
            ordning_seed: kommun.ordning_seed,
            utforare,
        })
    }

    /// The beslutsmeddelande, one per recipient like the letter, with the insats named in the
    /// document's language `sprak`.
    pub fn beslutsunderlag(
        &self,
        aktor: &Aktor,
        beslut_id: &str,
        dag: NaiveDate,
        sprak: &str,
    ) -> Resultat<Vec<(String, Beslutsunderlag)>> {
        let beslut = self.beslut(aktor, beslut_id)?;
        let brukare = self.brukare_for_dokument(aktor, &beslut.brukare_id)?;
        let insats = self.insats(&beslut.insats_kod, sprak)?;
        let avsandare = self.avsandare()?;
        let handlaggare = self.kontakt(&beslut.handlaggare_id)?;
        let brukare_namn = format!("{} {}", brukare.fornamn, brukare.efternamn);
        Ok(Self::mottagare(&brukare)
            .into_iter()
            .map(|(nyckel, mottagare)| {
                (
                    nyckel,
                    Beslutsunderlag {
                        avsandare: avsandare.clone(),
                        mottagare,
                        brukare_namn: brukare_namn.clone(),
                        personnummer: brukare.personnummer.clone(),
                        handlaggare: handlaggare.clone(),
                        datum: dag,
                        beslut: valfri_domain::Beslut {
                            insats_namn: insats.namn_i_mening.clone(),
                            ..beslut.clone()
                        },
                        lagrum: insats.lagrum.clone(),
                        valfrihet: insats.valfrihet,
                    },
                )
            })
            .collect())
    }

    /// Refuses valfrihetsinformation for a beslut that gives no choice on `dag`:
    /// [`Lagringsfel::BeslutUtanVal`] or [`Lagringsfel::BeslutUtgatt`].
    pub fn kan_informeras(&self, beslut_id: &str, dag: NaiveDate) -> Resultat<()> {
        self.i_transaktion(|tx| crate::val::kontrollera_information(tx, beslut_id, dag))
    }

    /// The provider the beslut has now (its running val), and whether it came by ickeval: a
    /// val carried over from a replaced beslut came the way the one it replaced did.
    fn nuvarande(&self, beslut_id: &str) -> Resultat<Option<Nuvarande>> {
        let rad: Option<(String, String, Option<String>)> = self
            .conn
            .rad(
                "SELECT u.namn, v.typ, v.ersatter_id FROM val v JOIN utforare u ON u.id = v.utforare_id
                 WHERE v.beslut_id = ?1 AND v.slutdatum IS NULL",
                [beslut_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((namn, mut typ, mut fore)) = rad else { return Ok(None) };
        // A chain of omprövningar is short; the bound only guards against a cycle.
        for _ in 0..50 {
            let Some(id) = fore.filter(|_| typ == "overford") else { break };
            (typ, fore) =
                self.conn.rad("SELECT typ, ersatter_id FROM val WHERE id = ?1", [&id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        }
        Ok(Some(Nuvarande { namn, genom_ickeval: typ == "ickeval" }))
    }

    /// Records the valfrihetsinformation for a beslut: every recipient's document and that the
    /// information was given (which starts the time to answer), in one transaction, after the
    /// same check as [`Store::kan_informeras`]. Refused, it records nothing at all.
    pub fn registrera_valfrihetsbrev(
        &self,
        aktor: &Aktor,
        beslut_id: &str,
        dag: NaiveDate,
        sprak: &str,
        storstil: bool,
        dokument: &[(&str, i64, &[u8])],
    ) -> Resultat<NaiveDate> {
        self.i_transaktion(|tx| {
            crate::val::kontrollera_information(tx, beslut_id, dag)?;
            for (mottagare, registerversion, pdf) in dokument {
                skriv_dokument(
                    tx,
                    aktor,
                    Dokumenttyp::Valfrihetsbrev,
                    Some(beslut_id),
                    mottagare,
                    *registerversion,
                    sprak,
                    storstil,
                    pdf,
                )?;
            }
            crate::val::skriv_information(tx, aktor, beslut_id, dag, sprak, storstil)
        })
    }

    /// Records a produced document. (That valfrihetsinformation was given, which starts the
    /// time to answer, is recorded by `registrera_information` when the brukare's letter goes.)
    /// Whether a document with exactly these bytes was recorded as produced (by its SHA-256):
    /// a file a killed process left under a temporary name is put in place only then.
    pub fn dokument_registrerat(&self, pdf: &[u8]) -> Resultat<bool> {
        let sha: String = Sha256::digest(pdf).iter().map(|b| format!("{b:02x}")).collect();
        Ok(self.conn.rad(
            "SELECT EXISTS (SELECT 1 FROM dokument WHERE sha256 = ?1 AND storlek = ?2)",
            rusqlite::params![sha, pdf.len() as i64],
            |r| r.get(0),
        )?)
    }

    #[allow(clippy::too_many_arguments)] // one record's columns, named at the call
    pub fn registrera_dokument(
        &self,
        aktor: &Aktor,
        typ: Dokumenttyp,
        beslut_id: Option<&str>,
        mottagare: &str,
        registerversion: i64,
        sprak: &str,
        storstil: bool,
        pdf: &[u8],
    ) -> Resultat<String> {
        self.i_transaktion(|tx| {
            skriv_dokument(
                tx,
                aktor,
                typ,
                beslut_id,
                mottagare,
                registerversion,
                sprak,
                storstil,
                pdf,
            )
        })
    }

    /// Every document produced for a beslut, newest first.
    pub fn dokument_for(&self, beslut_id: &str) -> Resultat<Vec<Dokumentpost>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, typ, beslut_id, mottagare, registerversion, sprak, storstil, sha256, storlek, vem, tid
             FROM dokument WHERE beslut_id = ?1 ORDER BY tid DESC, id DESC",
        )?;
        let rader = stmt.query_map([beslut_id], |r| {
            let typ: String = r.get(1)?;
            Ok(Dokumentpost {
                id: r.get(0)?,
                typ: match typ.as_str() {
                    "jamforelseblad" => Dokumenttyp::Jamforelseblad,
                    "beslutsmeddelande" => Dokumenttyp::Beslutsmeddelande,
                    _ => Dokumenttyp::Valfrihetsbrev,
                },
                beslut_id: r.get(2)?,
                mottagare: r.get(3)?,
                registerversion: r.get(4)?,
                sprak: r.get(5)?,
                storstil: r.get(6)?,
                sha256: r.get(7)?,
                storlek: r.get(8)?,
                vem: r.get(9)?,
                tid: r.get(10)?,
            })
        })?;
        Ok(rader.collect::<Result<_, _>>()?)
    }

    /// The beslut whose brukare are marked for a new choice (for a batch of letters).
    pub fn omval_beslut(&self) -> Resultat<Vec<String>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT beslut_id FROM omval ORDER BY markerad, beslut_id")?;
        let rader = stmt.query_map([], |r| r.get(0))?;
        Ok(rader.collect::<Result<_, _>>()?)
    }

    /// The date the latest valfrihetsinformation for a beslut must be answered by.
    pub fn svarsdatum(&self, beslut_id: &str) -> Resultat<Option<NaiveDate>> {
        let d: Option<String> = self
            .conn
            .rad("SELECT max(svarsdatum) FROM information WHERE beslut_id = ?1", [beslut_id], |r| {
                r.get(0)
            })
            .optional()?
            .flatten();
        crate::datum_opt(d)
    }
}

/// The row of a produced document and its audit line, inside the caller's transaction.
#[allow(clippy::too_many_arguments)]
fn skriv_dokument(
    tx: &rusqlite::Transaction<'_>,
    aktor: &Aktor,
    typ: Dokumenttyp,
    beslut_id: Option<&str>,
    mottagare: &str,
    registerversion: i64,
    sprak: &str,
    storstil: bool,
    pdf: &[u8],
) -> Resultat<String> {
    let sha: String = Sha256::digest(pdf).iter().map(|b| format!("{b:02x}")).collect();
    let id = ny_id();
    tx.execute(
        "INSERT INTO dokument (id, typ, beslut_id, mottagare, registerversion, sprak, storstil, sha256, storlek, vem, tid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![id, typ.kod(), beslut_id, mottagare, registerversion, sprak, storstil, sha, pdf.len() as i64, aktor.logg_namn(), nu()],
    )?;
    logg::skriv(
        tx,
        aktor,
        "dokument",
        typ.kod(),
        beslut_id.unwrap_or(""),
        &format!("{mottagare} {sha}"),
    )?;
    Ok(id)
}

impl Store {
    /// The form a brukare's letters take unless the handläggare overrides it: their language if
    /// the municipality offers it (else Swedish), and large print if they asked for it.
    pub fn brevform(
        &self,
        aktor: &Aktor,
        beslut_id: &str,
    ) -> Resultat<valfri_domain::dokument::Form> {
        let beslut = self.beslut(aktor, beslut_id)?;
        let brukare = self.brukare_for_dokument(aktor, &beslut.brukare_id)?;
        let erbjudna = self.kommun()?.sprak;
        let sprak = if erbjudna.contains(&brukare.sprak) { brukare.sprak } else { "sv".to_owned() };
        Ok(valfri_domain::dokument::Form { sprak, storstil: brukare.storstil })
    }
}
