//! Import and export of the provider register and of brukare.
//!
//! - In: CSV as Swedish Excel writes it (`;` or `,`, UTF-8 with or without BOM or
//!   Windows-1252, decimal comma, quoted fields with line breaks) and XLSX. See [`tabell`].
//! - Providers ([`utforare`]): every row is checked field by field with the domain's rules so
//!   the report can name line and column; rows of one organisationsnummer become one
//!   [`valfri_domain::Utforare`]; a preview says what would change; applying is one register
//!   version through [`valfri_store::Store::spara_utforare_alla`], all or nothing.
//! - Brukare ([`brukare`]): the same per-row report; applied in one transaction.
//! - Out ([`export`]): the register as CSV with the import's columns (a round trip is lossless)
//!   and as Open Referral HSDS JSON.
//! - Register packages ([`paket`]): the register signed with ed25519 for offline offices.
//!
//! Nothing here panics on any input: every problem is a [`Radfel`] in a report or a
//! [`Utbytesfel`], and both carry a Fluent message id.

pub mod arbetsbok;
pub mod brukare;
pub mod export;
mod oversattning;
pub mod paket;
pub mod tabell;
pub mod text;
pub mod utforare;

use valfri_domain::{Anvandarmeddelande, Arg};
use valfri_store::Lagringsfel;

/// What is wrong with one row (or the header, line 1) of an import file.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Radfel {
    /// The line in the file where the row starts (1 is the header), or the row in the sheet.
    pub rad: usize,
    /// The column's header as the file writes it; none when the whole row is meant.
    pub kolumn: Option<String>,
    /// The Fluent id of what is wrong.
    pub kod: &'static str,
    #[serde(skip)]
    pub argument: Vec<(&'static str, Arg)>,
}

impl Radfel {
    pub(crate) fn ny(rad: usize, kolumn: Option<&str>, fel: &dyn Anvandarmeddelande) -> Self {
        Self {
            rad,
            // A header is text from the file too: a gigabyte header is not quoted back whole.
            kolumn: kolumn.map(kort_detalj),
            kod: fel.meddelande_id(),
            // Whoever made the error may have quoted the whole cell (the store's unknown code
            // does): a report quotes no value longer than a few dozen characters.
            argument: fel
                .argument()
                .into_iter()
                .map(|(namn, varde)| match varde {
                    Arg::Text(t) if t.chars().count() > 80 => (namn, Arg::Text(kort_detalj(&t))),
                    annat => (namn, annat),
                })
                .collect(),
        }
    }
}

impl Anvandarmeddelande for Radfel {
    fn meddelande_id(&self) -> &'static str {
        self.kod
    }
    fn argument(&self) -> Vec<(&'static str, Arg)> {
        self.argument.clone()
    }
}

/// Row problems that are not the domain's validation errors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Cellfel {
    #[error("unknown column")]
    OkandKolumn,
    #[error("column given twice")]
    DubbelKolumn,
    #[error("required column missing")]
    KolumnSaknas,
    #[error("quality column header has the wrong form")]
    KvalitetRubrik,
    #[error("more cells than columns")]
    ExtraCeller,
    #[error("not a whole number: {varde}")]
    Heltal { varde: String },
    #[error("not a number: {varde}")]
    Tal { varde: String },
    #[error("not ja or nej: {varde}")]
    JaNej { varde: String },
    #[error("unknown regi: {varde}")]
    Regi { varde: String },
    #[error("differs from line {forsta} of the same provider")]
    Motstridig { forsta: usize },
    #[error("the provider has insats {insats} on line {forsta} already")]
    DubbelInsats { insats: String, forsta: usize },
    #[error("the personnummer is on line {forsta} already")]
    DubbelPersonnummer { forsta: usize },
    #[error("ombud fields without the ombud's name")]
    OmbudUtanNamn,
    /// A warning, not a refusal: the text is kept, and the export writes it so Excel shows it.
    #[error("the cell begins with a character a spreadsheet reads as a formula")]
    Formel,
}

impl Anvandarmeddelande for Cellfel {
    fn meddelande_id(&self) -> &'static str {
        match self {
            Self::OkandKolumn => "utbyte-fel-okand-kolumn",
            Self::DubbelKolumn => "utbyte-fel-dubbel-kolumn",
            Self::KolumnSaknas => "utbyte-fel-kolumn-saknas",
            Self::KvalitetRubrik => "utbyte-fel-kvalitet-rubrik",
            Self::ExtraCeller => "utbyte-fel-extra-celler",
            Self::Heltal { .. } => "utbyte-fel-heltal",
            Self::Tal { .. } => "utbyte-fel-tal",
            Self::JaNej { .. } => "utbyte-fel-ja-nej",
            Self::Regi { .. } => "utbyte-fel-regi",
            Self::Motstridig { .. } => "utbyte-fel-motstridig",
            Self::DubbelInsats { .. } => "utbyte-fel-dubbel-insats",
            Self::DubbelPersonnummer { .. } => "utbyte-fel-dubbel-personnummer",
            Self::OmbudUtanNamn => "utbyte-fel-ombud-utan-namn",
            Self::Formel => "utbyte-varning-formel",
        }
    }

    fn argument(&self) -> Vec<(&'static str, Arg)> {
        match self {
            Self::Heltal { varde }
            | Self::Tal { varde }
            | Self::JaNej { varde }
            | Self::Regi { varde } => {
                vec![("varde", varde.clone().into())]
            }
            Self::Motstridig { forsta } | Self::DubbelPersonnummer { forsta } => {
                vec![("forsta", (*forsta).into())]
            }
            Self::DubbelInsats { insats, forsta } => {
                vec![("insats", insats.clone().into()), ("forsta", (*forsta).into())]
            }
            _ => Vec::new(),
        }
    }
}

/// Why an import, export or package was refused as a whole.
#[derive(Debug, thiserror::Error)]
pub enum Utbytesfel {
    #[error(transparent)]
    Lagring(#[from] Lagringsfel),
    #[error("the file is empty or has no header row")]
    TomFil,
    #[error("the file is larger than {max_mb} MB")]
    ForStor { max_mb: usize },
    #[error("the file could not be read as an Excel workbook: {detalj}")]
    Xlsx { detalj: String },
    #[error("the workbook inflates to more than {max_mb} MB")]
    Uppackad { max_mb: u64 },
    #[error("a part of the workbook is larger than it declares")]
    DelensStorlek,
    #[error("the workbook has more than {max} texts")]
    Strangar { max: usize },
    #[error("the workbook has no sheet named {blad}")]
    BladSaknas { blad: String, finns: String },
    #[error("a sheet was named, but the file is CSV, not a workbook")]
    BladICsv,
    #[error("line {rad} could not be read as CSV: {detalj}")]
    Csv { rad: usize, detalj: String },
    #[error("{antal} rows have errors; nothing was imported")]
    Felrader { antal: usize },
    #[error("the file is not a Valfri register package")]
    PaketForm,
    #[error("the package's signature does not match its content or the key")]
    Signatur,
    #[error("the package was signed with another key")]
    AnnanNyckel,
    #[error("package version {paket} is not newer than the applied {senaste}")]
    GammalVersion { paket: i64, senaste: i64 },
    #[error("the key file {sokvag} is not a Valfri key")]
    Nyckel { sokvag: String },
    #[error("cannot read or write {sokvag}: {detalj}")]
    Fil { sokvag: String, detalj: String },
}

impl Utbytesfel {
    /// Whether the disk or the database is the problem (CLI exit code 3) rather than the input.
    pub fn ar_lagringsproblem(&self) -> bool {
        matches!(self, Self::Lagring(e) if e.ar_lagringsproblem())
    }
}

impl Anvandarmeddelande for Utbytesfel {
    fn meddelande_id(&self) -> &'static str {
        match self {
            Self::Lagring(e) => e.meddelande_id(),
            Self::TomFil => "utbyte-fel-tom-fil",
            Self::ForStor { .. } => "utbyte-fel-for-stor",
            Self::Xlsx { .. } => "utbyte-fel-xlsx",
            Self::Uppackad { .. } => "utbyte-fel-uppackad",
            Self::DelensStorlek => "utbyte-fel-delens-storlek",
            Self::Strangar { .. } => "utbyte-fel-strangar",
            Self::BladSaknas { .. } => "utbyte-fel-blad-saknas",
            Self::BladICsv => "utbyte-fel-blad-i-csv",
            Self::Csv { .. } => "utbyte-fel-csv",
            Self::Felrader { .. } => "utbyte-fel-felrader",
            Self::PaketForm => "utbyte-fel-paket-form",
            Self::Signatur => "utbyte-fel-signatur",
            Self::AnnanNyckel => "utbyte-fel-annan-nyckel",
            Self::GammalVersion { .. } => "utbyte-fel-gammal-version",
            Self::Nyckel { .. } => "utbyte-fel-nyckel",
            Self::Fil { .. } => "utbyte-fel-fil",
        }
    }

    fn argument(&self) -> Vec<(&'static str, Arg)> {
        match self {
            Self::Lagring(e) => e.argument(),
            Self::ForStor { max_mb } => vec![("max", (*max_mb).into())],
            Self::Xlsx { detalj } => vec![("detalj", detalj.clone().into())],
            Self::Uppackad { max_mb } => {
                vec![("max", Arg::Tal(i64::try_from(*max_mb).unwrap_or(i64::MAX)))]
            }
            Self::Strangar { max } => vec![("max", (*max).into())],
            Self::BladSaknas { blad, finns } => {
                vec![("blad", blad.clone().into()), ("finns", finns.clone().into())]
            }
            Self::Csv { rad, detalj } => {
                vec![("rad", (*rad).into()), ("detalj", detalj.clone().into())]
            }
            Self::Felrader { antal } => vec![("antal", (*antal).into())],
            Self::GammalVersion { paket, senaste } => {
                vec![("paket", Arg::Tal(*paket)), ("senaste", Arg::Tal(*senaste))]
            }
            Self::Nyckel { sokvag } => vec![("sokvag", sokvag.clone().into())],
            Self::Fil { sokvag, detalj } => {
                vec![("sokvag", sokvag.clone().into()), ("detalj", detalj.clone().into())]
            }
            _ => Vec::new(),
        }
    }
}

/// Normalises a header for matching: case, å/ä/ö and other diacritics folded, and spaces,
/// hyphens and underscores alike, so `Godkänd från`, `godkand_fran` and `GODKAND-FRAN` match.
pub(crate) fn rubriknyckel(rubrik: &str) -> String {
    let vikt = valfri_domain::vika(rubrik.trim());
    let mut ut = String::with_capacity(vikt.len());
    for del in vikt.split(|c: char| c.is_whitespace() || c == '_') {
        if !del.is_empty() {
            if !ut.is_empty() {
                ut.push('_');
            }
            ut.push_str(del);
        }
    }
    ut
}

/// `ja`/`nej` as the contract writes them; also `j`/`n` and an empty cell (no).
pub(crate) fn ja_nej(varde: &str) -> Result<bool, Cellfel> {
    match valfri_domain::vika(varde.trim()).as_str() {
        "ja" | "j" => Ok(true),
        "nej" | "n" | "" => Ok(false),
        _ => Err(Cellfel::JaNej { varde: kort(varde) }),
    }
}

/// What makes Excel, `LibreOffice` and Google Sheets read a cell as a formula and run it
/// (OWASP's "CSV injection" list): a provider named `=HYPERLINK(…)` in the export would run
/// on the municipality's computer.
const FORMELTECKEN: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether the export writes this text with a leading `'`: it begins with a formula character,
/// or with apostrophes and then one (so that a text that itself begins `'=` survives the round
/// trip: it is written `''=` and read back as `'=`).
pub(crate) fn ser_ut_som_formel(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(FORMELTECKEN)
}

/// A text cell for the export: prefixed with `'` when a spreadsheet would run it. Excel shows
/// such a cell as the text after the apostrophe.
pub(crate) fn skyddad_cell(text: String) -> String {
    if ser_ut_som_formel(&text) { format!("'{text}") } else { text }
}

/// A cell as the import reads it: the apostrophe [`skyddad_cell`] added is taken off again, so
/// export then import gives back the same text. An apostrophe before anything else is kept.
pub(crate) fn utan_skydd(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(resten) if ser_ut_som_formel(resten) => resten,
        _ => cell,
    }
}

/// A longer text from a file quoted back (a header, a parser's complaint): at most 80
/// characters, control characters dropped, and an ellipsis where it was cut.
pub(crate) fn kort_detalj(text: &str) -> String {
    let mut tecken = text.trim().chars().filter(|c| !c.is_control());
    let mut ut: String = tecken.by_ref().take(80).collect();
    if tecken.next().is_some() {
        ut.push('…');
    }
    ut
}

/// A value quoted back in a message: short, so a pasted novel does not fill the report.
pub(crate) fn kort(varde: &str) -> String {
    varde.trim().chars().filter(|c| !c.is_control()).take(40).collect()
}
