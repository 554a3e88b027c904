//! Importing the provider register: one row per provider and insats.
//!
//! Every cell is checked with the domain's own validators (the store runs them again when it
//! saves), so the report can say line, column and what is wrong, for every bad row at once.
//! Rows with the same organisationsnummer become one [`Utforare`] with one [`Godkannande`] per
//! row; provider-level facts (name, regi, areas, contact…) must agree between its rows.
//!
//! Providers that are in the register but not in the file are left unchanged and listed in the
//! preview as not in the file: a file of only the changed providers is a normal update, and
//! removing a provider is a decision (ending its approvals) a person should make explicitly by
//! giving `godkand_till`, not by forgetting a row.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;
use valfri_domain::{
    Anvandarmeddelande, Falt, Godkannande, Kvalitetsindikator, Organisationsnummer, Regi, Utforare,
    Valideringsfel, kontrollera_postnummer, kontrollera_text, vika,
};
use valfri_store::{Aktor, Lagringsfel, Paverkad, Sparat, Store};

use crate::oversattning::{self, Oversattkolumn, Radoversattning};
use crate::tabell::Tabell;
use crate::{Cellfel, Radfel, Utbytesfel, kort, rubriknyckel, ser_ut_som_formel, utan_skydd};

/// The columns of the contract, in the order an export writes them. `kapacitet_fran` and
/// `kapacitet_till` (a cap that holds for a period only) are an addition so an export carries
/// everything the register holds; when a file lacks them, the register's values are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kol {
    Namn,
    Orgnr,
    Regi,
    Insats,
    Omraden,
    GodkandFran,
    GodkandTill,
    Kapacitetstak,
    KapacitetBekraftad,
    PausTill,
    Sprak,
    Inriktning,
    Tillagg,
    Telefon,
    Epost,
    Webb,
    Adress,
    Postnummer,
    Postort,
    Presentation,
    KapacitetFran,
    KapacitetTill,
}

pub(crate) const KOLUMNER: &[(&str, Kol)] = &[
    ("namn", Kol::Namn),
    ("organisationsnummer", Kol::Orgnr),
    ("regi", Kol::Regi),
    ("insats", Kol::Insats),
    ("omraden", Kol::Omraden),
    ("godkand_fran", Kol::GodkandFran),
    ("godkand_till", Kol::GodkandTill),
    ("kapacitetstak", Kol::Kapacitetstak),
    ("kapacitet_bekraftad", Kol::KapacitetBekraftad),
    ("paus_till", Kol::PausTill),
    ("sprak", Kol::Sprak),
    ("inriktning", Kol::Inriktning),
    ("tillaggstjanster", Kol::Tillagg),
    ("telefon", Kol::Telefon),
    ("epost", Kol::Epost),
    ("webb", Kol::Webb),
    ("adress", Kol::Adress),
    ("postnummer", Kol::Postnummer),
    ("postort", Kol::Postort),
    ("presentation", Kol::Presentation),
    ("kapacitet_fran", Kol::KapacitetFran),
    ("kapacitet_till", Kol::KapacitetTill),
];

const KRAVS: &[Kol] = &[Kol::Namn, Kol::Orgnr, Kol::Regi, Kol::Insats, Kol::GodkandFran];

/// The columns a provider file must have; a workbook's sheet with them is the one read.
pub fn kravda_rubriker() -> Vec<&'static str> {
    KRAVS.iter().filter_map(|k| KOLUMNER.iter().find(|(_, x)| x == k).map(|(n, _)| *n)).collect()
}

/// A quality column: `kvalitet: NAME (UNIT, YEAR, SOURCE)`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct KvalitetKolumn {
    pub namn: String,
    pub enhet: String,
    pub ar: i32,
    pub kalla: String,
}

impl KvalitetKolumn {
    pub(crate) fn rubrik(&self) -> String {
        format!("kvalitet: {} ({}, {}, {})", self.namn, self.enhet, self.ar, self.kalla)
    }

    fn tolka(rubrik: &str) -> Option<Result<Self, Valideringsfel>> {
        let (fore, efter) = rubrik.split_once(':')?;
        if rubriknyckel(fore) != "kvalitet" {
            return None;
        }
        let inne = efter.trim().strip_suffix(')')?;
        // Names and sources have commas and parentheses of their own ("… (exempelvärden)"):
        // the group is the first `(` followed by a unit without parentheses and a year.
        let (namn, enhet, ar, kalla) =
            inne.char_indices().filter(|(_, c)| *c == '(').find_map(|(i, _)| {
                let mut delar = inne.get(i + 1..)?.splitn(3, ',');
                let (enhet, ar, kalla) = (delar.next()?, delar.next()?, delar.next()?);
                let ar: i32 = ar.trim().parse().ok().filter(|a| (1900..=2200).contains(a))?;
                (!enhet.contains(['(', ')']))
                    .then(|| (inne.get(..i).unwrap_or_default(), enhet, ar, kalla))
            })?;
        Some((|| {
            Ok(Self {
                namn: kontrollera_text(Falt::NAMN, namn)?,
                enhet: kontrollera_text(Falt::TITEL, enhet)?,
                ar,
                kalla: kontrollera_text(Falt::NAMN, kalla)?,
            })
        })())
    }
}

/// Where each column is in this file.
struct Karta {
    kol: HashMap<Kol, usize>,
    kvalitet: Vec<(usize, KvalitetKolumn)>,
    oversatt: Vec<(usize, Oversattkolumn)>,
    antal: usize,
    rubriker: Vec<String>,
}

impl Karta {
    fn ny(rubriker: &[String]) -> (Self, Vec<Radfel>) {
        let mut karta = Karta {
            kol: HashMap::new(),
            kvalitet: Vec::new(),
            oversatt: Vec::new(),
            antal: rubriker.len(),
            rubriker: rubriker.to_vec(),
        };
        let mut fel = Vec::new();
        for (i, r) in rubriker.iter().enumerate() {
            if r.trim().is_empty() {
                continue;
            }
            if let Some(k) = Oversattkolumn::tolka(r) {
                match k {
                    Ok(k) if karta.oversatt.iter().any(|(_, q)| *q == k) => {
                        fel.push(Radfel::ny(1, Some(r), &Cellfel::DubbelKolumn));
                    }
                    Ok(k) => karta.oversatt.push((i, k)),
                    Err(e) => fel.push(Radfel::ny(1, Some(r), &e)),
                }
                continue;
            }
            if let Some(k) = KvalitetKolumn::tolka(r) {
                match k {
                    Ok(k) if karta.kvalitet.iter().any(|(_, q)| *q == k) => {
                        fel.push(Radfel::ny(1, Some(r), &Cellfel::DubbelKolumn));
                    }
                    Ok(k) => karta.kvalitet.push((i, k)),
                    Err(e) => fel.push(Radfel::ny(1, Some(r), &e)),
                }
                continue;
            }
            if vika(r).trim_start().starts_with("kvalitet") {
                fel.push(Radfel::ny(1, Some(r), &Cellfel::KvalitetRubrik));
                continue;
            }
            let nyckel = rubriknyckel(r);
            match KOLUMNER.iter().find(|(n, _)| *n == nyckel) {
                Some((_, k)) if karta.kol.contains_key(k) => {
                    fel.push(Radfel::ny(1, Some(r), &Cellfel::DubbelKolumn));
                }
                Some((_, k)) => {
                    karta.kol.insert(*k, i);
                }
                None => fel.push(Radfel::ny(1, Some(r), &Cellfel::OkandKolumn)),
            }
        }
        for k in KRAVS {
            if !karta.kol.contains_key(k) {
                let namn = KOLUMNER.iter().find(|(_, x)| x == k).map_or("", |(n, _)| *n);
                fel.push(Radfel::ny(1, Some(namn), &Cellfel::KolumnSaknas));
            }
        }
        (karta, fel)
    }

    fn varde<'a>(&self, celler: &'a [String], k: Kol) -> &'a str {
        self.kol.get(&k).and_then(|i| celler.get(*i)).map_or("", |s| utan_skydd(s.trim()))
    }

    fn rubrik(&self, k: Kol) -> &str {
        self.kol.get(&k).and_then(|i| self.rubriker.get(*i)).map_or("", String::as_str)
    }
}

/// The provider-level facts of a row, as the store will keep them.
#[derive(Debug, Clone, PartialEq)]
struct Fakta {
    namn: String,
    regi: Regi,
    omraden: Vec<String>,
    sprak: Vec<String>,
    inriktningar: Vec<String>,
    tillaggstjanster: Vec<String>,
    telefon: String,
    epost: String,
    webb: String,
    adress: String,
    postnummer: String,
    postort: String,
    presentation: String,
}

impl Fakta {
    /// The first column where two rows of one provider disagree.
    fn skillnad(&self, annan: &Fakta) -> Option<Kol> {
        [
            (self.namn != annan.namn, Kol::Namn),
            (self.regi != annan.regi, Kol::Regi),
            (self.omraden != annan.omraden, Kol::Omraden),
            (self.sprak != annan.sprak, Kol::Sprak),
            (self.inriktningar != annan.inriktningar, Kol::Inriktning),
            (self.tillaggstjanster != annan.tillaggstjanster, Kol::Tillagg),
            (self.telefon != annan.telefon, Kol::Telefon),
            (self.epost != annan.epost, Kol::Epost),
            (self.webb != annan.webb, Kol::Webb),
            (self.adress != annan.adress, Kol::Adress),
            (self.postnummer != annan.postnummer, Kol::Postnummer),
            (self.postort != annan.postort, Kol::Postort),
            (self.presentation != annan.presentation, Kol::Presentation),
        ]
        .into_iter()
        .find_map(|(olika, k)| olika.then_some(k))
    }
}

struct RadUtforare {
    nr: usize,
    orgnr: String,
    fakta: Fakta,
    godkannande: Godkannande,
    /// `None` when the file has no such column: keep what the register has.
    kapacitetsperiod: Option<(Option<NaiveDate>, Option<NaiveDate>)>,
    kvalitet: Vec<(usize, f64)>,
    oversattning: Radoversattning,
}

/// The codes a file may use, read once from the store.
struct Koder {
    insatser: HashSet<String>,
    omraden: HashSet<String>,
}

/// A parsed file: the providers it describes and every problem, by row.
#[derive(Debug, Clone, Default)]
pub struct Utforarimport {
    pub utforare: Vec<Utforare>,
    /// Data rows read (blank rows not counted).
    pub rader: usize,
    pub fel: Vec<Radfel>,
    /// Cells that do not stop the import but that the person should know about (a text that a
    /// spreadsheet would run as a formula), by row and column.
    pub varningar: Vec<Radfel>,
}

impl Utforarimport {
    pub fn ar_felfri(&self) -> bool {
        self.fel.is_empty()
    }
}

/// Reads and checks every row. A file-level problem (unreadable) is an error; row problems are
/// in [`Utforarimport::fel`].
pub fn tolka(tabell: &Tabell, store: &Store) -> Result<Utforarimport, Utbytesfel> {
    let koder = Koder {
        insatser: store.insatser("sv")?.into_iter().map(|i| i.kod).collect(),
        omraden: store.omraden()?.into_iter().map(|o| o.kod).collect(),
    };
    let befintliga: HashMap<String, Utforare> =
        store.utforare_lista()?.into_iter().map(|u| (u.organisationsnummer.clone(), u)).collect();
    let (karta, mut fel) = Karta::ny(&tabell.rubriker);
    let mut import = Utforarimport { rader: tabell.rader.len(), ..Default::default() };
    if !fel.is_empty() {
        import.fel = fel;
        return Ok(import);
    }
    // Providers in the order of their first row, so the preview follows the file.
    let mut ordning: Vec<String> = Vec::new();
    let mut grupper: HashMap<String, Vec<RadUtforare>> = HashMap::new();
    for rad in &tabell.rader {
        let Some(r) = tolka_rad(&karta, &koder, rad, &mut fel) else { continue };
        import.varningar.extend(formelvarningar(&karta, rad));
        let grupp = grupper.entry(r.orgnr.clone()).or_default();
        if let Some(forsta) = grupp.first() {
            if let Some(k) = forsta.fakta.skillnad(&r.fakta) {
                fel.push(Radfel::ny(
                    r.nr,
                    Some(karta.rubrik(k)),
                    &Cellfel::Motstridig { forsta: forsta.nr },
                ));
                continue;
            }
        } else {
            ordning.push(r.orgnr.clone());
        }
        if let Some(annan) =
            grupp.iter().find(|g| g.godkannande.insats_kod == r.godkannande.insats_kod)
        {
            let e = Cellfel::DubbelInsats {
                insats: r.godkannande.insats_kod.clone(),
                forsta: annan.nr,
            };
            fel.push(Radfel::ny(r.nr, Some(karta.rubrik(Kol::Insats)), &e));
            continue;
        }
        grupp.push(r);
    }
    fel.sort_by_key(|f| f.rad);
    import.fel = fel;
    for orgnr in ordning {
        let Some(rader) = grupper.remove(&orgnr).filter(|r| !r.is_empty()) else { continue };
        import.utforare.push(sla_ihop(&karta, rader, befintliga.get(&orgnr)));
    }
    Ok(import)
}

fn tolka_rad(
    karta: &Karta,
    koder: &Koder,
    rad: &crate::tabell::Rad,
    fel: &mut Vec<Radfel>,
) -> Option<RadUtforare> {
    let antal_fore = fel.len();
    let c = &rad.celler;
    let nr = rad.nr;
    if c.iter().skip(karta.antal).any(|x| !x.trim().is_empty()) {
        fel.push(Radfel::ny(nr, None, &Cellfel::ExtraCeller));
    }
    // Each check reports on its own column and gives a placeholder, so one pass finds every
    // problem of the row instead of stopping at the first.
    let mut kontroll = |k: Kol, r: Result<(), &dyn Anvandarmeddelande>| {
        if let Err(e) = r {
            fel.push(Radfel::ny(nr, Some(karta.rubrik(k)), e));
        }
    };
    macro_rules! falt {
        ($k:expr, $uttryck:expr, $standard:expr) => {
            match $uttryck {
                Ok(v) => v,
                Err(e) => {
                    kontroll($k, Err(&e));
                    $standard
                }
            }
        };
    }
    let text = |k: Kol, f: Falt| kontrollera_text(f, karta.varde(c, k));
    let orgnr = falt!(
        Kol::Orgnr,
        Organisationsnummer::tolka(karta.varde(c, Kol::Orgnr)).map(|o| o.to_string()),
        String::new()
    );
    let namn = falt!(Kol::Namn, text(Kol::Namn, Falt::NAMN), String::new());
    let regi = falt!(Kol::Regi, regi(karta.varde(c, Kol::Regi)), Regi::Privat);
    let insats = karta.varde(c, Kol::Insats).to_owned();
    if insats.is_empty() {
        kontroll(Kol::Insats, Err(&Valideringsfel::Saknas { falt: "kod" }));
    } else if !koder.insatser.contains(&insats) {
        kontroll(Kol::Insats, Err(&Lagringsfel::OkandKod { typ: "insats", kod: kort(&insats) }));
    }
    let mut omraden = Vec::new();
    for kod in lista(karta.varde(c, Kol::Omraden)) {
        if koder.omraden.contains(&kod) {
            omraden.push(kod);
        } else {
            kontroll(Kol::Omraden, Err(&Lagringsfel::OkandKod { typ: "omrade", kod: kort(&kod) }));
        }
    }
    omraden.sort();
    omraden.dedup();
    let sprak = falt!(Kol::Sprak, sprakkoder(karta.varde(c, Kol::Sprak)), Vec::new());
    let mut textlista = |k: Kol| -> Vec<String> {
        let mut ut = Vec::new();
        for s in lista(karta.varde(c, k)) {
            match kontrollera_text(Falt::LISTA, &s) {
                Ok(s) => ut.push(s),
                Err(e) => kontroll(k, Err(&e)),
            }
        }
        ut
    };
    let inriktningar = textlista(Kol::Inriktning);
    let tillaggstjanster = textlista(Kol::Tillagg);
    let telefon = falt!(Kol::Telefon, text(Kol::Telefon, Falt::TELEFON), String::new());
    let epost = falt!(Kol::Epost, text(Kol::Epost, Falt::EPOST), String::new());
    let webb = falt!(Kol::Webb, text(Kol::Webb, Falt::WEBB), String::new());
    let adress = falt!(Kol::Adress, text(Kol::Adress, Falt::ADRESS), String::new());
    let postnummer = match karta.varde(c, Kol::Postnummer) {
        "" => String::new(),
        p => falt!(Kol::Postnummer, kontrollera_postnummer(p), String::new()),
    };
    let postort = falt!(Kol::Postort, text(Kol::Postort, Falt::POSTORT), String::new());
    let presentation =
        falt!(Kol::Presentation, text(Kol::Presentation, Falt::PRESENTATION), String::new());
    let datum = |k: Kol| datum_opt(karta.varde(c, k));
    let godkand_fran = falt!(
        Kol::GodkandFran,
        datum(Kol::GodkandFran).and_then(|d| d.ok_or(Valideringsfel::Datum { falt: "datum" })),
        NaiveDate::MIN
    );
    let godkand_till = falt!(Kol::GodkandTill, datum(Kol::GodkandTill), None);
    if godkand_till.is_some_and(|t| t < godkand_fran) {
        kontroll(Kol::GodkandTill, Err(&Valideringsfel::DatumOrdning));
    }
    let kapacitetstak = falt!(Kol::Kapacitetstak, heltal(karta.varde(c, Kol::Kapacitetstak)), None);
    let kapacitet_bekraftad = falt!(Kol::KapacitetBekraftad, datum(Kol::KapacitetBekraftad), None);
    let paus_till = falt!(Kol::PausTill, datum(Kol::PausTill), None);
    let kapacitetsperiod = if karta.kol.contains_key(&Kol::KapacitetFran)
        || karta.kol.contains_key(&Kol::KapacitetTill)
    {
        let fran = falt!(Kol::KapacitetFran, datum(Kol::KapacitetFran), None);
        let till = falt!(Kol::KapacitetTill, datum(Kol::KapacitetTill), None);
        if matches!((fran, till), (Some(f), Some(t)) if t < f) {
            kontroll(Kol::KapacitetTill, Err(&Valideringsfel::DatumOrdning));
        }
        Some((fran, till))
    } else {
        None
    };
    let mut kvalitet = Vec::new();
    for (i, (kol, _)) in karta.kvalitet.iter().enumerate() {
        let v = c.get(*kol).map_or("", |s| s.trim());
        if v.is_empty() {
            continue;
        }
        match decimaltal(v) {
            Ok(t) => kvalitet.push((i, t)),
            Err(e) => fel.push(Radfel::ny(nr, karta.rubriker.get(*kol).map(String::as_str), &e)),
        }
    }
    let oversattning = oversattning::las_rad(&karta.oversatt, c, &mut |i, e| {
        fel.push(Radfel::ny(nr, karta.rubriker.get(i).map(String::as_str), &e));
    });
    if fel.len() > antal_fore {
        return None;
    }
    Some(RadUtforare {
        nr,
        orgnr,
        fakta: Fakta {
            namn,
            regi,
            omraden,
            sprak,
            inriktningar,
            tillaggstjanster,
            telefon,
            epost,
            webb,
            adress,
            postnummer,
            postort,
            presentation,
        },
        godkannande: Godkannande {
            insats_kod: insats,
            godkand_fran,
            godkand_till,
            kapacitetstak,
            kapacitet_bekraftad,
            kapacitet_fran: None,
            kapacitet_till: None,
            paus_till,
        },
        kapacitetsperiod,
        kvalitet,
        oversattning,
    })
}

/// A warning for each cell of the row that the export will write with a leading `'`.
fn formelvarningar(karta: &Karta, rad: &crate::tabell::Rad) -> Vec<Radfel> {
    let mut kolumner: Vec<(usize, Kol)> = karta.kol.iter().map(|(k, i)| (*i, *k)).collect();
    kolumner.sort_unstable_by_key(|(i, _)| *i);
    kolumner
        .into_iter()
        .filter(|(_, k)| ser_ut_som_formel(karta.varde(&rad.celler, *k)))
        .map(|(_, k)| Radfel::ny(rad.nr, Some(karta.rubrik(k)), &Cellfel::Formel))
        .collect()
}

fn sla_ihop(karta: &Karta, mut rader: Vec<RadUtforare>, befintlig: Option<&Utforare>) -> Utforare {
    // The store reads approvals back ordered by insats code; the same order here makes an
    // unchanged provider compare equal to what the register holds.
    rader.sort_by(|a, b| a.godkannande.insats_kod.cmp(&b.godkannande.insats_kod));
    let mut godkannanden = Vec::new();
    let mut kvalitet = Vec::new();
    for r in &rader {
        let mut g = r.godkannande.clone();
        let (fran, till) = r.kapacitetsperiod.unwrap_or_else(|| {
            befintlig
                .and_then(|b| b.godkannanden.iter().find(|x| x.insats_kod == g.insats_kod))
                .map_or((None, None), |x| (x.kapacitet_fran, x.kapacitet_till))
        });
        g.kapacitet_fran = fran;
        g.kapacitet_till = till;
        for (i, varde) in &r.kvalitet {
            if let Some((_, k)) = karta.kvalitet.get(*i) {
                kvalitet.push(Kvalitetsindikator {
                    insats_kod: Some(g.insats_kod.clone()),
                    namn: k.namn.clone(),
                    varde: *varde,
                    enhet: k.enhet.clone(),
                    ar: k.ar,
                    kalla: k.kalla.clone(),
                    namn_oversatt: BTreeMap::new(),
                });
            }
        }
        godkannanden.push(g);
    }
    let forsta = rader.swap_remove(0);
    let f = forsta.fakta;
    let mut u = Utforare {
        id: befintlig.map(|b| b.id.clone()).unwrap_or_default(),
        namn: f.namn,
        organisationsnummer: forsta.orgnr,
        regi: f.regi,
        telefon: f.telefon,
        epost: f.epost,
        webb: f.webb,
        adress: f.adress,
        postnummer: f.postnummer,
        postort: f.postort,
        presentation: f.presentation,
        sprak: f.sprak,
        inriktningar: f.inriktningar,
        tillaggstjanster: f.tillaggstjanster,
        omraden: f.omraden,
        godkannanden,
        kvalitet,
        oversattningar: BTreeMap::new(),
    };
    // Translations are provider-level facts like the name: the first row of a provider gives them.
    oversattning::tillampa(&mut u, &karta.oversatt, &forsta.oversattning, befintlig);
    u
}

/// `egen regi`, `privat`, `idéburen` as the contract writes them, or the codes.
fn regi(varde: &str) -> Result<Regi, Cellfel> {
    match rubriknyckel(varde).as_str() {
        "egen_regi" => Ok(Regi::EgenRegi),
        "privat" => Ok(Regi::Privat),
        "ideburen" => Ok(Regi::Ideburen),
        _ => Err(Cellfel::Regi { varde: kort(varde) }),
    }
}

pub(crate) fn regi_text(r: Regi) -> &'static str {
    match r {
        Regi::EgenRegi => "egen regi",
        Regi::Privat => "privat",
        Regi::Ideburen => "idéburen",
    }
}

pub(crate) fn lista(varde: &str) -> Vec<String> {
    varde.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// ISO 639-1 codes, as the store accepts them: two letters, kept lower case, each once.
pub(crate) fn sprakkoder(varde: &str) -> Result<Vec<String>, Valideringsfel> {
    let mut ut: Vec<String> = Vec::new();
    for s in lista(varde) {
        let s = s.to_ascii_lowercase();
        if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(Valideringsfel::OkantVarde { falt: "sprak", varde: kort(&s) });
        }
        if !ut.contains(&s) {
            ut.push(s);
        }
    }
    Ok(ut)
}

pub(crate) fn datum_opt(varde: &str) -> Result<Option<NaiveDate>, Valideringsfel> {
    if varde.trim().is_empty() {
        return Ok(None);
    }
    valfri_domain::tolka_datum("datum", varde).map(Some)
}

/// A whole number; spaces (also Excel's no-break space as thousands separator) are ignored.
fn heltal(varde: &str) -> Result<Option<u32>, Cellfel> {
    let rent: String = varde.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    if rent.is_empty() {
        return Ok(None);
    }
    rent.parse().map(Some).map_err(|_| Cellfel::Heltal { varde: kort(varde) })
}

/// A decimal number with a decimal comma (Swedish) or point.
pub(crate) fn decimaltal(varde: &str) -> Result<f64, Cellfel> {
    let rent: String = varde
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    rent.parse::<f64>()
        .ok()
        .filter(|t| t.is_finite())
        .ok_or_else(|| Cellfel::Tal { varde: kort(varde) })
}

/// A provider and its name, for the preview's lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Post {
    pub organisationsnummer: String,
    pub namn: String,
}

/// A provider whose facts change, and which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Andring {
    pub organisationsnummer: String,
    pub namn: String,
    /// Field keys (`namn`, `telefon`, `omraden`, `godkannanden`, `kvalitet`…).
    pub falt: Vec<&'static str>,
}

/// An approval that ends: `till` is the new end date, none when the file leaves it out (it
/// ends now).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Avslutat {
    pub organisationsnummer: String,
    pub namn: String,
    pub insats: String,
    pub till: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Takandring {
    pub organisationsnummer: String,
    pub namn: String,
    pub insats: String,
    pub fore: Option<u32>,
    pub efter: Option<u32>,
}

/// What applying would change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Forhandsgranskning {
    pub nya: Vec<Post>,
    pub andrade: Vec<Andring>,
    pub avslutade: Vec<Avslutat>,
    pub tak: Vec<Takandring>,
    /// Brukare whose running choice the change leaves without a valid provider.
    pub paverkade: Vec<Paverkad>,
    /// In the register, not in the file: left unchanged.
    pub ej_i_filen: Vec<Post>,
    pub oforandrade: usize,
}

impl Forhandsgranskning {
    pub fn ar_tom(&self) -> bool {
        self.nya.is_empty() && self.andrade.is_empty()
    }
}

/// Compares the providers with the register.
pub fn forhandsgranska(
    store: &Store,
    utforare: &[Utforare],
    dag: NaiveDate,
) -> Result<Forhandsgranskning, Utbytesfel> {
    let befintliga = store.utforare_lista()?;
    let mut index: BTreeMap<&str, &Utforare> =
        befintliga.iter().map(|u| (u.organisationsnummer.as_str(), u)).collect();
    let mut g = Forhandsgranskning::default();
    for u in utforare {
        let post =
            || Post { organisationsnummer: u.organisationsnummer.clone(), namn: u.namn.clone() };
        let Some(b) = index.remove(u.organisationsnummer.as_str()) else {
            g.nya.push(post());
            continue;
        };
        let falt = andrade_falt(b, u);
        if falt.is_empty() {
            g.oforandrade += 1;
            continue;
        }
        for bg in &b.godkannanden {
            let ny = u.godkannanden.iter().find(|x| x.insats_kod == bg.insats_kod);
            match ny {
                None => g.avslutade.push(Avslutat {
                    organisationsnummer: u.organisationsnummer.clone(),
                    namn: u.namn.clone(),
                    insats: bg.insats_kod.clone(),
                    till: None,
                }),
                Some(ng) => {
                    if ng.godkand_till.is_some() && ng.godkand_till != bg.godkand_till {
                        g.avslutade.push(Avslutat {
                            organisationsnummer: u.organisationsnummer.clone(),
                            namn: u.namn.clone(),
                            insats: bg.insats_kod.clone(),
                            till: ng.godkand_till,
                        });
                    }
                    if ng.kapacitetstak != bg.kapacitetstak {
                        g.tak.push(Takandring {
                            organisationsnummer: u.organisationsnummer.clone(),
                            namn: u.namn.clone(),
                            insats: bg.insats_kod.clone(),
                            fore: bg.kapacitetstak,
                            efter: ng.kapacitetstak,
                        });
                    }
                }
            }
        }
        let med_id = Utforare { id: b.id.clone(), ..u.clone() };
        g.paverkade.extend(store.forhandsgranska_utforare(&med_id, dag)?);
        g.andrade.push(Andring {
            organisationsnummer: u.organisationsnummer.clone(),
            namn: u.namn.clone(),
            falt,
        });
    }
    g.ej_i_filen = index
        .into_values()
        .map(|b| Post { organisationsnummer: b.organisationsnummer.clone(), namn: b.namn.clone() })
        .collect();
    Ok(g)
}

fn andrade_falt(b: &Utforare, u: &Utforare) -> Vec<&'static str> {
    [
        (b.namn != u.namn, "namn"),
        (b.regi != u.regi, "regi"),
        (b.telefon != u.telefon, "telefon"),
        (b.epost != u.epost, "epost"),
        (b.webb != u.webb, "webb"),
        (b.adress != u.adress, "adress"),
        (b.postnummer != u.postnummer, "postnummer"),
        (b.postort != u.postort, "postort"),
        (b.presentation != u.presentation, "presentation"),
        (b.sprak != u.sprak, "sprak"),
        (b.inriktningar != u.inriktningar, "inriktning"),
        (b.tillaggstjanster != u.tillaggstjanster, "tillaggstjanster"),
        (b.omraden != u.omraden, "omraden"),
        (b.godkannanden != u.godkannanden, "godkannanden"),
        (b.kvalitet != u.kvalitet, "kvalitet"),
    ]
    .into_iter()
    .filter_map(|(olika, f)| olika.then_some(f))
    .collect()
}

/// What an applied import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tillampat {
    /// The new register version; none when nothing changed (no version is made for nothing).
    pub version: Option<i64>,
    pub forhandsgranskning: Forhandsgranskning,
}

/// Saves the new and changed providers in one register version, all or nothing. Refuses a
/// file with any bad row.
pub fn tillampa(
    store: &Store,
    aktor: &Aktor,
    import: &Utforarimport,
    beskrivning: &str,
    dag: NaiveDate,
) -> Result<Tillampat, Utbytesfel> {
    if !import.ar_felfri() {
        return Err(Utbytesfel::Felrader { antal: import.fel.len() });
    }
    let forhandsgranskning = forhandsgranska(store, &import.utforare, dag)?;
    let version = spara_andrade(store, aktor, &import.utforare, &forhandsgranskning, beskrivning)?
        .map(|s| s.version);
    Ok(Tillampat { version, forhandsgranskning })
}

pub(crate) fn spara_andrade(
    store: &Store,
    aktor: &Aktor,
    utforare: &[Utforare],
    g: &Forhandsgranskning,
    beskrivning: &str,
) -> Result<Option<Sparat>, Utbytesfel> {
    let andrade: HashSet<&str> = g
        .nya
        .iter()
        .map(|p| p.organisationsnummer.as_str())
        .chain(g.andrade.iter().map(|a| a.organisationsnummer.as_str()))
        .collect();
    let att_spara: Vec<Utforare> = utforare
        .iter()
        .filter(|u| andrade.contains(u.organisationsnummer.as_str()))
        .cloned()
        .collect();
    if att_spara.is_empty() {
        return Ok(None);
    }
    Ok(Some(store.spara_utforare_alla(aktor, &att_spara, &beskrivning_for(beskrivning))?))
}

/// A register version's description is stored text with the register's limits.
pub(crate) fn beskrivning_for(text: &str) -> String {
    text.chars().filter(|c| !c.is_control() && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')).take(300).collect()
}
