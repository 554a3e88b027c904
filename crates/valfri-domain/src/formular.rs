//! Forms as people type them: every field a string, every problem reported against its field,
//! all at once, so the window can show each message next to the field it concerns.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{
    Enhet, Falt, Godkannande, NyttBeslut, Organisationsnummer, Regi, Utfall, Utforare,
    Valideringsfel, kontrollera_ej_beviljat, kontrollera_text,
};

/// A beslut form as typed: dates `YYYY-MM-DD`, omfattning with a decimal comma or point.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Beslutsformular {
    pub insats_kod: String,
    pub utfall: String,
    pub omfattning: String,
    pub ansokningsdatum: String,
    pub giltig_fran: String,
    pub giltig_till: String,
    pub uppfoljning: String,
    pub diarienummer: String,
    pub motivering: String,
    /// With delvis bifall: what was applied for and not granted.
    pub ej_beviljat: String,
}

/// A problem with one field: the field's key (its label is `falt-<key>`) and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Faltfel<E> {
    pub falt: &'static str,
    pub fel: E,
}

fn datum(
    falt: &'static str,
    text: &str,
    kravs: bool,
    fel: &mut Vec<Faltfel<Valideringsfel>>,
) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        if kravs {
            fel.push(Faltfel { falt, fel: Valideringsfel::Saknas { falt } });
        }
        return None;
    }
    match crate::tolka_datum(falt, text) {
        Ok(d) => Some(d),
        Err(e) => {
            fel.push(Faltfel { falt, fel: e });
            None
        }
    }
}

impl Beslutsformular {
    /// Reads the form for a brukare. `enhet` is the unit of the chosen insats (the store looks
    /// it up), `None` when the insats is unknown. Returns every field's problem, not just the first.
    pub fn tolka(
        &self,
        brukare_id: &str,
        enhet: Option<Enhet>,
    ) -> Result<NyttBeslut, Vec<Faltfel<Valideringsfel>>> {
        let mut fel = Vec::new();
        if self.insats_kod.trim().is_empty() {
            fel.push(Faltfel { falt: "insats", fel: Valideringsfel::Saknas { falt: "insats" } });
        }
        let utfall = match Utfall::fran_kod(&self.utfall) {
            Ok(u) => Some(u),
            Err(e) => {
                fel.push(Faltfel {
                    falt: "utfall",
                    fel: if self.utfall.trim().is_empty() {
                        Valideringsfel::Saknas { falt: "utfall" }
                    } else {
                        e
                    },
                });
                None
            }
        };
        let ansokningsdatum = datum("ansokningsdatum", &self.ansokningsdatum, true, &mut fel);
        let giltig_fran = datum("giltig_fran", &self.giltig_fran, true, &mut fel);
        let giltig_till = datum("giltig_till", &self.giltig_till, false, &mut fel);
        let uppfoljning = datum("uppfoljning", &self.uppfoljning, false, &mut fel);
        if let (Some(f), Some(t)) = (giltig_fran, giltig_till)
            && t < f
        {
            fel.push(Faltfel { falt: "giltig_till", fel: Valideringsfel::DatumOrdning });
        }
        let text = self.omfattning.trim().replace(',', ".").replace(' ', "");
        let omfattning = if text.is_empty() {
            None
        } else if let Ok(v) = text.parse::<f64>() {
            Some(v)
        } else {
            fel.push(Faltfel {
                falt: "omfattning",
                fel: Valideringsfel::OkantVarde {
                    falt: "omfattning",
                    varde: self.omfattning.chars().take(20).collect(),
                },
            });
            None
        };
        // A refusal grants nothing, so it has no extent whatever the unit.
        let omfattning = match (utfall, enhet) {
            (Some(Utfall::Avslag), _) if omfattning.is_some() => {
                fel.push(Faltfel {
                    falt: "omfattning",
                    fel: Valideringsfel::OmfattningEjTillampbar,
                });
                None
            }
            (Some(Utfall::Avslag), _) | (_, None) => omfattning,
            (_, Some(enhet)) if text.is_empty() || omfattning.is_some() => {
                match enhet.kontrollera(omfattning) {
                    Ok(v) => v,
                    Err(e) => {
                        fel.push(Faltfel { falt: "omfattning", fel: e });
                        None
                    }
                }
            }
            _ => None,
        };
        for (falt, varde) in
            [(Falt::DIARIENUMMER, &self.diarienummer), (Falt::MOTIVERING, &self.motivering)]
        {
            if let Err(e) = kontrollera_text(falt, varde) {
                fel.push(Faltfel { falt: falt.nyckel, fel: e });
            }
        }
        let ej_beviljat = match utfall.map(|u| kontrollera_ej_beviljat(u, &self.ej_beviljat)) {
            Some(Ok(t)) => t,
            Some(Err(e)) => {
                fel.push(Faltfel { falt: "ej_beviljat", fel: e });
                String::new()
            }
            None => String::new(),
        };
        match (utfall, ansokningsdatum, giltig_fran, fel.is_empty()) {
            (Some(utfall), Some(ansokningsdatum), Some(giltig_fran), true) => Ok(NyttBeslut {
                brukare_id: brukare_id.to_owned(),
                insats_kod: self.insats_kod.trim().to_owned(),
                diarienummer: self.diarienummer.trim().to_owned(),
                ansokningsdatum,
                utfall,
                omfattning,
                giltig_fran,
                giltig_till,
                motivering: self.motivering.trim().to_owned(),
                ej_beviljat,
                uppfoljning,
            }),
            _ => Err(fel),
        }
    }

    /// The form filled in from a beslut, for editing a draft or starting an omprövning.
    pub fn fran(b: &crate::Beslut) -> Self {
        let d = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
        Self {
            insats_kod: b.insats_kod.clone(),
            utfall: b.utfall.kod().to_owned(),
            omfattning: b.omfattning.map(|v| v.to_string()).unwrap_or_default(),
            ansokningsdatum: b.ansokningsdatum.to_string(),
            giltig_fran: b.giltig_fran.to_string(),
            giltig_till: d(b.giltig_till),
            uppfoljning: d(b.uppfoljning),
            diarienummer: b.diarienummer.clone(),
            motivering: b.motivering.clone(),
            ej_beviljat: b.ej_beviljat.clone(),
        }
    }
}

/// A new approval (godkännande) as typed in the register: dates `YYYY-MM-DD`, the cap a whole
/// number or empty for none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Godkannandeformular {
    pub insats_kod: String,
    pub godkand_fran: String,
    pub godkand_till: String,
    pub kapacitetstak: String,
}

impl Godkannandeformular {
    /// Reads the approval; every field's problem goes into `fel`.
    pub fn tolka(&self, fel: &mut Vec<Faltfel<Valideringsfel>>) -> Option<Godkannande> {
        let insats_kod = self.insats_kod.trim();
        if insats_kod.is_empty() {
            fel.push(Faltfel { falt: "insats", fel: Valideringsfel::Saknas { falt: "insats" } });
        }
        let fran = datum("godkand_fran", &self.godkand_fran, true, fel);
        let till = datum("godkand_till", &self.godkand_till, false, fel);
        if let (Some(f), Some(t)) = (fran, till)
            && t < f
        {
            fel.push(Faltfel { falt: "godkand_till", fel: Valideringsfel::DatumOrdning });
        }
        let tak = self.kapacitetstak.trim();
        let kapacitetstak = if tak.is_empty() {
            None
        } else if let Ok(t) = tak.parse::<u32>() {
            Some(t)
        } else {
            fel.push(Faltfel {
                falt: "kapacitetstak",
                fel: Valideringsfel::OkantVarde {
                    falt: "kapacitetstak",
                    varde: tak.chars().take(40).collect(),
                },
            });
            None
        };
        if insats_kod.is_empty() {
            return None;
        }
        Some(Godkannande {
            insats_kod: insats_kod.to_owned(),
            godkand_fran: fran?,
            godkand_till: till,
            kapacitetstak,
            kapacitet_bekraftad: None,
            kapacitet_fran: None,
            kapacitet_till: None,
            paus_till: None,
        })
    }
}

/// A new provider as typed in the register: its name, organisationsnummer, regi, the områden
/// it serves and its first approval. The rest (contact details, presentation) is added later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Utforarformular {
    pub namn: String,
    pub organisationsnummer: String,
    pub regi: String,
    pub omraden: Vec<String>,
    pub godkannande: Godkannandeformular,
}

impl Utforarformular {
    /// Reads the form into a provider without id. Returns every field's problem, not just the
    /// first; whether the insats and områden exist is the store's to check.
    pub fn tolka(&self) -> Result<Utforare, Vec<Faltfel<Valideringsfel>>> {
        let mut fel = Vec::new();
        let mut falt = |falt: &'static str, r: Result<String, Valideringsfel>| {
            r.map_err(|e| fel.push(Faltfel { falt, fel: e })).ok()
        };
        let namn = falt("namn", kontrollera_text(Falt::NAMN, &self.namn));
        let orgnr = falt(
            "organisationsnummer",
            if self.organisationsnummer.trim().is_empty() {
                Err(Valideringsfel::Saknas { falt: "organisationsnummer" })
            } else {
                Organisationsnummer::tolka(&self.organisationsnummer).map(|o| o.to_string())
            },
        );
        let regi = if self.regi.trim().is_empty() {
            fel.push(Faltfel { falt: "regi", fel: Valideringsfel::Saknas { falt: "regi" } });
            None
        } else {
            Regi::fran_kod(&self.regi).map_err(|e| fel.push(Faltfel { falt: "regi", fel: e })).ok()
        };
        let omraden: Vec<String> =
            self.omraden.iter().map(|o| o.trim().to_owned()).filter(|o| !o.is_empty()).collect();
        if omraden.is_empty() {
            fel.push(Faltfel { falt: "omraden", fel: Valideringsfel::Saknas { falt: "omraden" } });
        }
        let godkannande = self.godkannande.tolka(&mut fel);
        match (namn, orgnr, regi, godkannande) {
            (Some(namn), Some(organisationsnummer), Some(regi), Some(g)) if fel.is_empty() => {
                Ok(Utforare {
                    id: String::new(),
                    namn,
                    organisationsnummer,
                    regi,
                    telefon: String::new(),
                    epost: String::new(),
                    webb: String::new(),
                    adress: String::new(),
                    postnummer: String::new(),
                    postort: String::new(),
                    presentation: String::new(),
                    sprak: Vec::new(),
                    inriktningar: Vec::new(),
                    tillaggstjanster: Vec::new(),
                    omraden,
                    godkannanden: vec![g],
                    kvalitet: Vec::new(),
                    oversattningar: std::collections::BTreeMap::new(),
                })
            }
            _ => Err(fel),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn giltigt() -> Beslutsformular {
        Beslutsformular {
            insats_kod: "hemtjanst".into(),
            utfall: "bifall".into(),
            omfattning: "28,5".into(),
            ansokningsdatum: "2026-11-01".into(),
            giltig_fran: "2026-12-01".into(),
            giltig_till: "2027-11-30".into(),
            uppfoljning: "2027-03-01".into(),
            diarienummer: "VON 2026/1".into(),
            motivering: "Behov av stöd.".into(),
            ej_beviljat: String::new(),
        }
    }

    fn ny_utforare() -> Utforarformular {
        Utforarformular {
            namn: " Lönnens Omsorg AB ".into(),
            organisationsnummer: "5566778899".into(),
            regi: "privat".into(),
            omraden: vec!["C".into(), " ".into()],
            godkannande: Godkannandeformular {
                insats_kod: "hemtjanst".into(),
                godkand_fran: "2027-01-01".into(),
                godkand_till: String::new(),
                kapacitetstak: "12".into(),
            },
        }
    }

    #[test]
    fn a_new_provider_is_read_with_its_first_approval() {
        let u = ny_utforare().tolka().unwrap();
        assert_eq!(
            (u.namn.as_str(), u.organisationsnummer.as_str()),
            ("Lönnens Omsorg AB", "556677-8899")
        );
        assert_eq!(u.omraden, ["C"]);
        assert_eq!(u.godkannanden[0].kapacitetstak, Some(12));
        assert!(u.id.is_empty(), "the store gives the id");
    }

    #[test]
    fn every_problem_of_a_new_provider_names_its_field() {
        let f = Utforarformular {
            namn: String::new(),
            organisationsnummer: "5566778898".into(),
            regi: String::new(),
            omraden: Vec::new(),
            godkannande: Godkannandeformular {
                insats_kod: String::new(),
                godkand_fran: "2027-02-30".into(),
                godkand_till: String::new(),
                kapacitetstak: "tolv".into(),
            },
        };
        let mut falt: Vec<&str> = f.tolka().unwrap_err().iter().map(|f| f.falt).collect();
        falt.sort_unstable();
        assert_eq!(
            falt,
            [
                "godkand_fran",
                "insats",
                "kapacitetstak",
                "namn",
                "omraden",
                "organisationsnummer",
                "regi"
            ]
        );
        let bakvant =
            Godkannandeformular { godkand_till: "2026-12-31".into(), ..ny_utforare().godkannande };
        let mut fel = Vec::new();
        assert!(bakvant.tolka(&mut fel).is_some());
        assert_eq!(fel, [Faltfel { falt: "godkand_till", fel: Valideringsfel::DatumOrdning }]);
    }

    #[test]
    fn a_good_form_becomes_a_beslut_with_a_decimal_comma() {
        let b = giltigt().tolka("b1", Some(Enhet::TimmarPerManad)).unwrap();
        assert_eq!(b.omfattning, Some(28.5));
        assert_eq!(b.giltig_till, NaiveDate::from_ymd_opt(2027, 11, 30));
    }

    #[test]
    fn every_field_problem_is_reported_at_once() {
        let f = Beslutsformular {
            utfall: String::new(),
            omfattning: "många".into(),
            giltig_fran: "2026-13-01".into(),
            giltig_till: "2026-01-01".into(),
            motivering: "a".repeat(5000),
            ..giltigt()
        };
        let fel = f.tolka("b1", Some(Enhet::TimmarPerManad)).unwrap_err();
        let falt: Vec<&str> = fel.iter().map(|f| f.falt).collect();
        assert_eq!(falt, vec!["utfall", "giltig_fran", "omfattning", "motivering"]);
        let ordning = Beslutsformular { giltig_till: "2026-01-01".into(), ..giltigt() }
            .tolka("b1", Some(Enhet::TimmarPerManad))
            .unwrap_err();
        assert_eq!(
            ordning,
            vec![Faltfel { falt: "giltig_till", fel: Valideringsfel::DatumOrdning }]
        );
    }

    #[test]
    fn omfattning_follows_the_unit_and_the_outcome() {
        let hog = Beslutsformular { omfattning: "800".into(), ..giltigt() }
            .tolka("b", Some(Enhet::TimmarPerManad))
            .unwrap_err();
        assert_eq!(hog[0].fel, Valideringsfel::Omfattning { max: 744 });
        let saknas = Beslutsformular { omfattning: String::new(), ..giltigt() }
            .tolka("b", Some(Enhet::TimmarPerManad))
            .unwrap_err();
        assert_eq!(saknas[0].falt, "omfattning");
        assert!(
            Beslutsformular { omfattning: String::new(), ..giltigt() }
                .tolka("b", Some(Enhet::Ingen))
                .is_ok()
        );
        let avslag = Beslutsformular { utfall: "avslag".into(), ..giltigt() }
            .tolka("b", Some(Enhet::TimmarPerManad))
            .unwrap_err();
        assert_eq!(avslag[0].fel, Valideringsfel::OmfattningEjTillampbar);
    }

    #[test]
    fn a_delvis_bifall_says_what_was_not_granted_and_only_it_does() {
        let utan = Beslutsformular { utfall: "delvis".into(), ..giltigt() }
            .tolka("b", Some(Enhet::TimmarPerManad))
            .unwrap_err();
        assert_eq!(
            utan,
            vec![Faltfel {
                falt: "ej_beviljat",
                fel: Valideringsfel::Saknas { falt: "ej_beviljat" }
            }]
        );
        let med = Beslutsformular {
            utfall: "delvis".into(),
            ej_beviljat: "  Hjälp nattetid.  ".into(),
            ..giltigt()
        }
        .tolka("b", Some(Enhet::TimmarPerManad))
        .unwrap();
        assert_eq!(med.ej_beviljat, "Hjälp nattetid.");
        let bifall = Beslutsformular { ej_beviljat: "Hjälp nattetid.".into(), ..giltigt() }
            .tolka("b", Some(Enhet::TimmarPerManad))
            .unwrap_err();
        assert_eq!(bifall[0].fel, Valideringsfel::EjBeviljatBaraDelvis);
    }
}
