//! Importing brukare: one row per person, all or nothing.
//!
//! Every row is checked field by field (the report names line and column) and then as a whole
//! by the store's own check, which also finds a personnummer already in the register. Only a
//! file without a single bad row is written, in one transaction.

use std::collections::HashMap;

use serde::Serialize;
use valfri_domain::{
    Falt, OmbudTyp, Personnummer, Valideringsfel, kontrollera_postnummer, kontrollera_text,
};
use valfri_store::{Aktor, NyBrukare, NyttOmbud, Store, idag};

use crate::tabell::Tabell;
use crate::{Cellfel, Radfel, Utbytesfel, ja_nej, rubriknyckel};

/// The contract's columns; `ombud_typ` (`god_man`, `forvaltare`, `anhorig`, `annat`; default `annat`)
/// is an addition, since the store records what kind of representative an ombud is.
const KOLUMNER: &[&str] = &[
    "personnummer",
    "fornamn",
    "efternamn",
    "co",
    "adress",
    "postnummer",
    "postort",
    "omrade",
    "sprak",
    "storstil",
    "skyddad",
    "ombud_namn",
    "ombud_adress",
    "ombud_postnummer",
    "ombud_postort",
    "ombud_typ",
];
/// The columns a brukare file must have; a workbook's sheet with them is the one read.
pub const KRAVS: &[&str] = &["personnummer", "fornamn", "efternamn"];

/// A parsed brukare file.
#[derive(Debug, Clone, Default)]
pub struct Brukarimport {
    pub brukare: Vec<NyBrukare>,
    /// The line of each brukare, for reporting what the store says about it.
    pub radnummer: Vec<usize>,
    pub rader: usize,
    pub fel: Vec<Radfel>,
}

impl Brukarimport {
    /// How many of the file's rows are refused (each with at least one problem); problems with
    /// the header (line 1) refuse the whole file and are not a row's.
    pub fn avvisade_rader(&self) -> usize {
        let mut rader: Vec<usize> = self.fel.iter().map(|f| f.rad).filter(|r| *r > 1).collect();
        rader.sort_unstable();
        rader.dedup();
        rader.len()
    }
}

/// What an applied import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Importerade {
    pub antal: usize,
    pub ider: Vec<String>,
}

/// Reads and checks every row, against the register too (a personnummer it has already is an
/// error on that row: an import adds people, it does not overwrite records).
pub fn tolka(tabell: &Tabell, store: &Store) -> Result<Brukarimport, Utbytesfel> {
    let mut fel = Vec::new();
    let mut kol: HashMap<&'static str, usize> = HashMap::new();
    for (i, r) in tabell.rubriker.iter().enumerate() {
        if r.trim().is_empty() {
            continue;
        }
        let nyckel = rubriknyckel(r);
        match KOLUMNER.iter().find(|k| **k == nyckel) {
            Some(k) if kol.contains_key(k) => {
                fel.push(Radfel::ny(1, Some(r), &Cellfel::DubbelKolumn));
            }
            Some(k) => {
                kol.insert(k, i);
            }
            None => fel.push(Radfel::ny(1, Some(r), &Cellfel::OkandKolumn)),
        }
    }
    for k in KRAVS {
        if !kol.contains_key(k) {
            fel.push(Radfel::ny(1, Some(k), &Cellfel::KolumnSaknas));
        }
    }
    let mut import = Brukarimport { rader: tabell.rader.len(), ..Default::default() };
    if !fel.is_empty() {
        import.fel = fel;
        return Ok(import);
    }
    let rubrik = |k: &str| {
        kol.get(k).and_then(|i| tabell.rubriker.get(*i)).cloned().unwrap_or_else(|| k.to_owned())
    };
    let mut sedda: HashMap<String, usize> = HashMap::new();
    let dag = idag();
    for rad in &tabell.rader {
        let antal_fore = fel.len();
        let nr = rad.nr;
        let v = |k: &str| kol.get(k).and_then(|i| rad.celler.get(*i)).map_or("", |s| s.trim());
        let mut rapportera = |k: &str, e: &dyn valfri_domain::Anvandarmeddelande| {
            fel.push(Radfel::ny(nr, Some(&rubrik(k)), e));
        };
        if rad.celler.iter().skip(tabell.rubriker.len()).any(|c| !c.trim().is_empty()) {
            rapportera("", &Cellfel::ExtraCeller);
        }
        match Personnummer::tolka(v("personnummer"), dag) {
            Ok(p) => {
                if let Some(forsta) = sedda.get(p.som_tolv_siffror()) {
                    rapportera("personnummer", &Cellfel::DubbelPersonnummer { forsta: *forsta });
                } else {
                    sedda.insert(p.som_tolv_siffror().to_owned(), nr);
                }
            }
            Err(e) => rapportera("personnummer", &e),
        }
        for (k, f) in [
            ("fornamn", Falt::FORNAMN),
            ("efternamn", Falt::EFTERNAMN),
            ("co", Falt::CO),
            ("adress", Falt::ADRESS),
            ("postort", Falt::POSTORT),
        ] {
            if let Err(e) = kontrollera_text(f, v(k)) {
                rapportera(k, &e);
            }
        }
        if let Err(e) = Some(v("postnummer"))
            .filter(|p| !p.is_empty())
            .map_or(Ok(String::new()), kontrollera_postnummer)
        {
            rapportera("postnummer", &e);
        }
        if !v("sprak").is_empty() {
            match crate::utforare::sprakkoder(v("sprak")) {
                Ok(l) if l.len() == 1 => {}
                Ok(_) => rapportera(
                    "sprak",
                    &Valideringsfel::OkantVarde { falt: "sprak", varde: crate::kort(v("sprak")) },
                ),
                Err(e) => rapportera("sprak", &e),
            }
        }
        let storstil = ja_nej(v("storstil")).unwrap_or_else(|e| {
            rapportera("storstil", &e);
            false
        });
        let skyddad = ja_nej(v("skyddad")).unwrap_or_else(|e| {
            rapportera("skyddad", &e);
            false
        });
        let ombud_delar =
            ["ombud_namn", "ombud_adress", "ombud_postnummer", "ombud_postort", "ombud_typ"];
        let mut ombud = Vec::new();
        if ombud_delar.iter().any(|k| !v(k).is_empty()) {
            if v("ombud_namn").is_empty() {
                rapportera("ombud_namn", &Cellfel::OmbudUtanNamn);
            }
            for (k, f) in [
                ("ombud_namn", Falt::NAMN),
                ("ombud_adress", Falt::ADRESS),
                ("ombud_postort", Falt::POSTORT),
            ] {
                if let Err(e) = kontrollera_text(f, v(k)) {
                    rapportera(k, &e);
                }
            }
            // The store needs the ombud's postnummer: letters go to the ombud by post.
            if let Err(e) = kontrollera_postnummer(v("ombud_postnummer")) {
                rapportera("ombud_postnummer", &e);
            }
            let typ = if v("ombud_typ").is_empty() {
                Ok(OmbudTyp::Annat)
            } else {
                OmbudTyp::fran_kod(&rubriknyckel(v("ombud_typ")))
            };
            match typ {
                Ok(typ) => ombud.push(NyttOmbud {
                    typ,
                    namn: v("ombud_namn").to_owned(),
                    adress: v("ombud_adress").to_owned(),
                    postnummer: v("ombud_postnummer").to_owned(),
                    postort: v("ombud_postort").to_owned(),
                }),
                Err(e) => rapportera("ombud_typ", &e),
            }
        }
        let ny = NyBrukare {
            personnummer: v("personnummer").to_owned(),
            fornamn: v("fornamn").to_owned(),
            efternamn: v("efternamn").to_owned(),
            co: v("co").to_owned(),
            adress: v("adress").to_owned(),
            postnummer: v("postnummer").to_owned(),
            postort: v("postort").to_owned(),
            omrade: Some(v("omrade").to_owned()).filter(|o| !o.is_empty()),
            sprak: v("sprak").to_ascii_lowercase(),
            storstil,
            skyddad,
            ombud,
        };
        if fel.len() == antal_fore {
            // The store's own check: the område code, and a personnummer already registered.
            if let Err(e) = store.kontrollera_ny_brukare(&ny) {
                if e.ar_lagringsproblem() {
                    return Err(e.into());
                }
                let k = match &e {
                    valfri_store::Lagringsfel::OkandKod { .. } => Some(rubrik("omrade")),
                    valfri_store::Lagringsfel::BrukareFinns => Some(rubrik("personnummer")),
                    _ => None,
                };
                fel.push(Radfel::ny(nr, k.as_deref(), &e));
            }
        }
        if fel.len() == antal_fore {
            import.brukare.push(ny);
            import.radnummer.push(nr);
        }
    }
    import.fel = fel;
    Ok(import)
}

/// Adds every brukare of a file without errors, or none (see `Store::importera_brukare`).
pub fn tillampa(
    store: &Store,
    aktor: &Aktor,
    import: &Brukarimport,
    beskrivning: &str,
) -> Result<Importerade, Utbytesfel> {
    tillampa_med_framsteg(store, aktor, import, beskrivning, &mut |_, _| {})
}

/// [`tillampa`], telling `framsteg` how many of how many brukare are written so far.
pub fn tillampa_med_framsteg(
    store: &Store,
    aktor: &Aktor,
    import: &Brukarimport,
    beskrivning: &str,
    framsteg: &mut dyn FnMut(usize, usize),
) -> Result<Importerade, Utbytesfel> {
    if !import.fel.is_empty() {
        return Err(Utbytesfel::Felrader { antal: import.fel.len() });
    }
    match store.importera_brukare_med_framsteg(
        aktor,
        &import.brukare,
        &crate::utforare::beskrivning_for(beskrivning),
        framsteg,
    ) {
        Ok(ider) => Ok(Importerade { antal: ider.len(), ider }),
        Err(e) => Err(Utbytesfel::Lagring(e.fel)),
    }
}
