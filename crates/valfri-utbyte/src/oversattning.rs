//! The translation columns of the provider register: `inriktning_fi`, `tillaggstjanster_en`,
//! `presentation_fi` (the field in that language, same form as the Swedish column) and
//! `kvalitet_fi: NAME` (the name of the quality indicator called NAME in Swedish, in that
//! language). A file without a column keeps what the register has for it, so a file of Swedish
//! columns only does not erase translations.

use std::collections::BTreeMap;

use valfri_domain::{Falt, Utforare, Utforaroversattning, Valideringsfel, kontrollera_text};

use crate::rubriknyckel;
use crate::utforare::lista;

/// Which field a translation column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Falttyp {
    Inriktning,
    Tillagg,
    Presentation,
}

const FALT: &[(&str, Falttyp)] = &[
    ("inriktning", Falttyp::Inriktning),
    ("tillaggstjanster", Falttyp::Tillagg),
    ("presentation", Falttyp::Presentation),
];

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Oversattkolumn {
    Falt {
        sprak: String,
        falt: Falttyp,
    },
    /// `kvalitet_fi: Helhetsnöjdhet`.
    Kvalitet {
        sprak: String,
        namn: String,
    },
}

impl Oversattkolumn {
    /// The header as an export writes it.
    pub(crate) fn rubrik(&self) -> String {
        match self {
            Self::Falt { sprak, falt } => {
                let namn = FALT.iter().find(|(_, f)| f == falt).map_or("", |(n, _)| *n);
                format!("{namn}_{sprak}")
            }
            Self::Kvalitet { sprak, namn } => format!("kvalitet_{sprak}: {namn}"),
        }
    }

    /// `None` when `rubrik` is not a translation column at all.
    pub(crate) fn tolka(rubrik: &str) -> Option<Result<Self, Valideringsfel>> {
        let (fore, namn) = match rubrik.split_once(':') {
            Some((f, n)) => (f, Some(n)),
            None => (rubrik, None),
        };
        let nyckel = rubriknyckel(fore);
        let (bas, sprak) = nyckel.rsplit_once('_')?;
        let giltig = sprak.len() == 2 && sprak.chars().all(|c| c.is_ascii_lowercase());
        let kol = match (bas, namn) {
            ("kvalitet", Some(n)) => {
                Self::Kvalitet { sprak: sprak.to_owned(), namn: n.trim().to_owned() }
            }
            (_, None) => {
                let falt = FALT.iter().find(|(n, _)| *n == bas)?.1;
                Self::Falt { sprak: sprak.to_owned(), falt }
            }
            _ => return None,
        };
        if !giltig || sprak == "sv" {
            return Some(Err(Valideringsfel::OkantVarde {
                falt: "sprak",
                varde: sprak.to_owned(),
            }));
        }
        if let Self::Kvalitet { namn, .. } = &kol
            && let Err(e) = kontrollera_text(Falt::NAMN, namn)
        {
            return Some(Err(e));
        }
        Some(Ok(kol))
    }
}

/// The translation cells of one row that are not empty, checked.
#[derive(Debug, Clone, Default)]
pub(crate) struct Radoversattning {
    varden: Vec<(Oversattkolumn, String)>,
}

/// Reads the translation cells of a row; a bad cell is reported with its column's index.
pub(crate) fn las_rad(
    kolumner: &[(usize, Oversattkolumn)],
    celler: &[String],
    fel: &mut dyn FnMut(usize, Valideringsfel),
) -> Radoversattning {
    let mut ut = Radoversattning::default();
    for (i, kol) in kolumner {
        let v = celler.get(*i).map_or("", |s| s.trim());
        if v.is_empty() {
            continue;
        }
        let falt = match kol {
            Oversattkolumn::Falt { falt: Falttyp::Presentation, .. } => Falt::PRESENTATION,
            Oversattkolumn::Falt { .. } => Falt::LISTA,
            Oversattkolumn::Kvalitet { .. } => Falt::NAMN,
        };
        match kontrollera_text(falt, v) {
            Ok(v) => ut.varden.push((kol.clone(), v)),
            Err(e) => fel(*i, e),
        }
    }
    ut
}

/// Puts a row's translations on the provider: a column in the file sets its field (an empty
/// cell removes that translation); a field without a column keeps the register's.
pub(crate) fn tillampa(
    u: &mut Utforare,
    kolumner: &[(usize, Oversattkolumn)],
    rad: &Radoversattning,
    befintlig: Option<&Utforare>,
) {
    let mut oversattningar: BTreeMap<String, Utforaroversattning> =
        befintlig.map(|b| b.oversattningar.clone()).unwrap_or_default();
    for k in &mut u.kvalitet {
        if let Some(b) = befintlig.and_then(|b| b.kvalitet.iter().find(|x| x.namn == k.namn)) {
            k.namn_oversatt.clone_from(&b.namn_oversatt);
        }
    }
    for (_, kol) in kolumner {
        let v = rad.varden.iter().find(|(k, _)| k == kol).map_or("", |(_, v)| v.as_str());
        match kol {
            Oversattkolumn::Falt { sprak, falt } => {
                let o = oversattningar.entry(sprak.clone()).or_default();
                match falt {
                    Falttyp::Inriktning => o.inriktningar = lista(v),
                    Falttyp::Tillagg => o.tillaggstjanster = lista(v),
                    Falttyp::Presentation => v.clone_into(&mut o.presentation),
                }
            }
            Oversattkolumn::Kvalitet { sprak, namn } => {
                for k in u.kvalitet.iter_mut().filter(|k| k.namn == *namn) {
                    if v.is_empty() {
                        k.namn_oversatt.remove(sprak);
                    } else {
                        k.namn_oversatt.insert(sprak.clone(), v.to_owned());
                    }
                }
            }
        }
    }
    oversattningar.retain(|_, o| *o != Utforaroversattning::default());
    u.oversattningar = oversattningar;
}

/// The translation columns an export needs: every language and field some provider has.
pub(crate) fn exportkolumner(utforare: &[Utforare]) -> Vec<Oversattkolumn> {
    let mut ut: Vec<Oversattkolumn> = Vec::new();
    for u in utforare {
        for (sprak, o) in &u.oversattningar {
            for (tom, falt) in [
                (o.inriktningar.is_empty(), Falttyp::Inriktning),
                (o.tillaggstjanster.is_empty(), Falttyp::Tillagg),
                (o.presentation.is_empty(), Falttyp::Presentation),
            ] {
                if !tom {
                    ut.push(Oversattkolumn::Falt { sprak: sprak.clone(), falt });
                }
            }
        }
        for k in &u.kvalitet {
            for sprak in k.namn_oversatt.keys() {
                ut.push(Oversattkolumn::Kvalitet { sprak: sprak.clone(), namn: k.namn.clone() });
            }
        }
    }
    ut.sort();
    ut.dedup();
    ut
}

/// A provider's cell in a translation column.
pub(crate) fn exportvarde(u: &Utforare, kol: &Oversattkolumn) -> String {
    match kol {
        Oversattkolumn::Falt { sprak, falt } => {
            u.oversattningar.get(sprak).map_or_else(String::new, |o| match falt {
                Falttyp::Inriktning => o.inriktningar.join(", "),
                Falttyp::Tillagg => o.tillaggstjanster.join(", "),
                Falttyp::Presentation => o.presentation.clone(),
            })
        }
        Oversattkolumn::Kvalitet { sprak, namn } => u
            .kvalitet
            .iter()
            .find(|k| k.namn == *namn)
            .and_then(|k| k.namn_oversatt.get(sprak))
            .cloned()
            .unwrap_or_default(),
    }
}
