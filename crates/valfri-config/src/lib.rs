//! The organisation's central configuration: one TOML file the municipality's IT department
//! writes for every computer (`/etc/valfri/valfri.toml` on Linux, `%ProgramData%\Valfri\valfri.toml`
//! on Windows, `/Library/Application Support/Valfri/valfri.toml` on macOS; `VALFRI_CONFIG`
//! names another file). What it sets is the organisation's: a desk shows it and cannot change it
//! ([`Organisation::kontrollera_andring`]).
//!
//! A file is read whole and checked whole before anything uses it: an unknown key is refused
//! with its name (a misspelt key would otherwise silently set nothing), and every value is
//! validated, so the app never starts half configured.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use valfri_domain::{Anvandarmeddelande, Arg};

/// Why the configuration file was refused; each variant has a Fluent message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Konfigfel {
    #[error("cannot read the configuration {sokvag}: {detalj}")]
    Las { sokvag: String, detalj: String },
    #[error("the configuration {sokvag} is not valid TOML: {detalj}")]
    Syntax { sokvag: String, detalj: String },
    #[error("unknown key {nyckel} in the configuration")]
    OkandNyckel { nyckel: String },
    #[error("{nyckel} is empty")]
    Tom { nyckel: &'static str },
    #[error("kommun.kod {varde:?} is not four digits")]
    Kommunkod { varde: String },
    #[error("hubb.url {varde:?} is not a PostgreSQL URL")]
    Url { varde: String },
    #[error("{nyckel} names {sokvag}, which is not a file")]
    FilSaknas { nyckel: &'static str, sokvag: String },
    #[error("{nyckel} names {sokvag}, which is not an absolute path")]
    InteAbsolut { nyckel: &'static str, sokvag: String },
    #[error("language {sprak} is not one Valfri has texts for ({kanda})")]
    OkantSprak { sprak: String, kanda: String },
    #[error("sakerhet.las-efter-minuter {varde} is outside 1–480")]
    Lastid { varde: i64 },
    /// A desk tried to change what the organisation's file sets.
    #[error("{nyckel} is set by the organisation ({sokvag})")]
    SattAvOrganisationen { nyckel: &'static str, sokvag: String },
    /// A document was to be saved outside the folder the organisation fixes.
    #[error("{sokvag} is outside the documents folder {mapp} that {fil} fixes")]
    UtanforDokumentmappen { sokvag: String, mapp: String, fil: String },
    /// A language the organisation's file does not offer.
    #[error("language {sprak} is not offered ({erbjudna})")]
    SprakErbjudsInte { sprak: String, erbjudna: String },
    /// The database belongs to another municipality than the one the file names.
    #[error("the database is {databas}'s, the configuration {fil} says {konfig}")]
    AnnanKommun { databas: String, konfig: String, fil: String },
}

impl Anvandarmeddelande for Konfigfel {
    fn meddelande_id(&self) -> &'static str {
        match self {
            Self::Las { .. } => "fel-konfig-las",
            Self::Syntax { .. } => "fel-konfig-syntax",
            Self::OkandNyckel { .. } => "fel-konfig-okand-nyckel",
            Self::Tom { .. } => "fel-konfig-tom",
            Self::Kommunkod { .. } => "fel-konfig-kommunkod",
            Self::Url { .. } => "fel-konfig-url",
            Self::FilSaknas { .. } => "fel-konfig-fil-saknas",
            Self::InteAbsolut { .. } => "fel-konfig-inte-absolut",
            Self::OkantSprak { .. } => "fel-konfig-okant-sprak",
            Self::Lastid { .. } => "fel-konfig-lastid",
            Self::SattAvOrganisationen { .. } => "fel-konfig-satt-av-organisationen",
            Self::UtanforDokumentmappen { .. } => "fel-konfig-utanfor-dokumentmappen",
            Self::SprakErbjudsInte { .. } => "fel-konfig-sprak-erbjuds-inte",
            Self::AnnanKommun { .. } => "fel-konfig-annan-kommun",
        }
    }

    fn argument(&self) -> Vec<(&'static str, Arg)> {
        let text = |s: &str| Arg::Text(s.to_owned());
        match self {
            Self::Las { sokvag, detalj } | Self::Syntax { sokvag, detalj } => {
                vec![("sokvag", text(sokvag)), ("detalj", text(detalj))]
            }
            Self::OkandNyckel { nyckel } => vec![("nyckel", text(nyckel))],
            Self::Tom { nyckel } => vec![("nyckel", text(nyckel))],
            Self::Kommunkod { varde } | Self::Url { varde } => vec![("varde", text(varde))],
            Self::FilSaknas { nyckel, sokvag }
            | Self::InteAbsolut { nyckel, sokvag }
            | Self::SattAvOrganisationen { nyckel, sokvag } => {
                vec![("nyckel", text(nyckel)), ("sokvag", text(sokvag))]
            }
            Self::OkantSprak { sprak, kanda } => {
                vec![("sprak", text(sprak)), ("kanda", text(kanda))]
            }
            Self::Lastid { varde } => vec![("varde", Arg::Tal(*varde))],
            Self::UtanforDokumentmappen { sokvag, mapp, fil } => {
                vec![("sokvag", text(sokvag)), ("mapp", text(mapp)), ("fil", text(fil))]
            }
            Self::SprakErbjudsInte { sprak, erbjudna } => {
                vec![("sprak", text(sprak)), ("erbjudna", text(erbjudna))]
            }
            Self::AnnanKommun { databas, konfig, fil } => {
                vec![("databas", text(databas)), ("konfig", text(konfig)), ("fil", text(fil))]
            }
        }
    }
}

/// The municipality the computers belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kommun {
    /// The four-digit kommunkod (SCB), e.g. `0883`.
    pub kod: String,
    pub namn: String,
}

/// Kommunläge: the hub this desk works with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hubb {
    pub url: String,
    /// The municipality's CA certificate, when the system's do not vouch for the hub.
    pub ca_fil: Option<PathBuf>,
}

/// Where documents are saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dokumentpolicy {
    /// The folder, absolute or under the person's home folder (`~/…`).
    pub mapp: Option<String>,
    /// Whether the person may save elsewhere than [`Self::mapp`].
    pub fritt_val: bool,
}

/// A validated configuration: only what the file sets is `Some`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Organisation {
    /// The file it came from, to name it when a change is refused.
    pub fil: PathBuf,
    pub kommun: Option<Kommun>,
    pub hubb: Option<Hubb>,
    pub dokument: Option<Dokumentpolicy>,
    pub las_efter_minuter: Option<u32>,
    /// The public key register packages are checked with.
    pub registerpaket_nyckel: Option<PathBuf>,
    /// The languages offered, Swedish included or not as the file says.
    pub sprak: Option<Vec<String>>,
}

// What the file may hold; the names are the keys IT writes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fil {
    kommun: Option<KommunFil>,
    hubb: Option<HubbFil>,
    dokument: Option<DokumentFil>,
    sakerhet: Option<SakerhetFil>,
    registerpaket: Option<RegisterpaketFil>,
    sprak: Option<SprakFil>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KommunFil {
    kod: String,
    namn: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct HubbFil {
    url: String,
    ca_fil: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DokumentFil {
    mapp: Option<String>,
    fritt_val: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SakerhetFil {
    las_efter_minuter: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RegisterpaketFil {
    publik_nyckel: PathBuf,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SprakFil {
    erbjudna: Vec<String>,
}

/// Every key a file may have, by table, so that an unknown one is named before serde reads it.
const NYCKLAR: &[(&str, &[&str])] = &[
    ("kommun", &["kod", "namn"]),
    ("hubb", &["url", "ca-fil"]),
    ("dokument", &["mapp", "fritt-val"]),
    ("sakerhet", &["las-efter-minuter"]),
    ("registerpaket", &["publik-nyckel"]),
    ("sprak", &["erbjudna"]),
];

/// Where the organisation's file is on this platform, or where `VALFRI_CONFIG` says.
pub fn systemfil() -> PathBuf {
    if let Some(fil) = std::env::var_os("VALFRI_CONFIG").filter(|v| !v.is_empty()) {
        return PathBuf::from(fil);
    }
    plattformsfil()
}

fn plattformsfil() -> PathBuf {
    if cfg!(windows) {
        let bas = std::env::var_os("ProgramData")
            .filter(|v| !v.is_empty())
            .map_or_else(|| PathBuf::from(r"C:\ProgramData"), PathBuf::from);
        bas.join("Valfri").join("valfri.toml")
    } else if cfg!(target_os = "macos") {
        PathBuf::from("/Library/Application Support/Valfri/valfri.toml")
    } else {
        PathBuf::from("/etc/valfri/valfri.toml")
    }
}

/// Reads the organisation's file at [`systemfil`]. No file is no central configuration
/// (`Ok(None)`), unless `VALFRI_CONFIG` named it: then it must exist.
pub fn las_systemfil(kanda_sprak: &[&str]) -> Result<Option<Organisation>, Konfigfel> {
    let fil = systemfil();
    let namngiven = std::env::var_os("VALFRI_CONFIG").is_some_and(|v| !v.is_empty());
    if !namngiven && !fil.exists() {
        return Ok(None);
    }
    las_fil(&fil, kanda_sprak).map(Some)
}

/// Reads and validates the file at `fil`. Relative paths in it are taken from its folder.
pub fn las_fil(fil: &Path, kanda_sprak: &[&str]) -> Result<Organisation, Konfigfel> {
    let text = std::fs::read_to_string(fil)
        .map_err(|e| Konfigfel::Las { sokvag: fil.display().to_string(), detalj: e.to_string() })?;
    tolka(&text, fil, kanda_sprak)
}

/// Validates the text of a file that lives at `fil`.
pub fn tolka(text: &str, fil: &Path, kanda_sprak: &[&str]) -> Result<Organisation, Konfigfel> {
    let sokvag = fil.display().to_string();
    let syntax = |e: toml::de::Error| Konfigfel::Syntax {
        sokvag: sokvag.clone(),
        detalj: e.message().trim().to_owned(),
    };
    let tabell: toml::Table = text.parse().map_err(syntax)?;
    okanda_nycklar(&tabell)?;
    let las: Fil = tabell.try_into().map_err(syntax)?;
    let katalog = fil.parent().unwrap_or_else(|| Path::new("."));
    let mut org = Organisation { fil: fil.to_path_buf(), ..Organisation::default() };

    if let Some(k) = las.kommun {
        if k.kod.len() != 4 || !k.kod.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Konfigfel::Kommunkod { varde: kort(&k.kod) });
        }
        let namn = k.namn.trim();
        if namn.is_empty() {
            return Err(Konfigfel::Tom { nyckel: "kommun.namn" });
        }
        org.kommun = Some(Kommun { kod: k.kod, namn: namn.to_owned() });
    }
    if let Some(h) = las.hubb {
        let giltig = url::Url::parse(&h.url).is_ok_and(|u| {
            matches!(u.scheme(), "postgres" | "postgresql") && u.host_str().is_some()
        });
        if !giltig {
            return Err(Konfigfel::Url { varde: kort(&h.url) });
        }
        let ca_fil = h.ca_fil.map(|p| fil_som_finns("hubb.ca-fil", katalog, &p)).transpose()?;
        org.hubb = Some(Hubb { url: h.url, ca_fil });
    }
    if let Some(d) = las.dokument {
        if let Some(m) = &d.mapp {
            let under_hem = m.starts_with("~/") || m.starts_with("~\\");
            if !under_hem && !Path::new(m).is_absolute() {
                return Err(Konfigfel::InteAbsolut { nyckel: "dokument.mapp", sokvag: kort(m) });
            }
        }
        let fritt_val = d.fritt_val.unwrap_or(true);
        // A folder the person may not leave must be named: else which one would be meant
        // would depend on each computer.
        if !fritt_val && d.mapp.is_none() {
            return Err(Konfigfel::Tom { nyckel: "dokument.mapp" });
        }
        org.dokument = Some(Dokumentpolicy { mapp: d.mapp, fritt_val });
    }
    if let Some(s) = las.sakerhet {
        if !(1..=480).contains(&s.las_efter_minuter) {
            return Err(Konfigfel::Lastid { varde: s.las_efter_minuter });
        }
        org.las_efter_minuter = u32::try_from(s.las_efter_minuter).ok();
    }
    if let Some(r) = las.registerpaket {
        org.registerpaket_nyckel =
            Some(fil_som_finns("registerpaket.publik-nyckel", katalog, &r.publik_nyckel)?);
    }
    if let Some(s) = las.sprak {
        if s.erbjudna.is_empty() {
            return Err(Konfigfel::Tom { nyckel: "sprak.erbjudna" });
        }
        if let Some(okant) = s.erbjudna.iter().find(|l| !kanda_sprak.contains(&l.as_str())) {
            return Err(Konfigfel::OkantSprak {
                sprak: kort(okant),
                kanda: kanda_sprak.join(", "),
            });
        }
        org.sprak = Some(s.erbjudna);
    }
    Ok(org)
}

fn okanda_nycklar(tabell: &toml::Table) -> Result<(), Konfigfel> {
    for (namn, varde) in tabell {
        let Some((_, kanda)) = NYCKLAR.iter().find(|(t, _)| t == namn) else {
            return Err(Konfigfel::OkandNyckel { nyckel: kort(namn) });
        };
        // A key given at the top level that belongs in a table is refused by serde below.
        if let toml::Value::Table(t) = varde
            && let Some(okand) = t.keys().find(|k| !kanda.contains(&k.as_str()))
        {
            return Err(Konfigfel::OkandNyckel { nyckel: kort(&format!("{namn}.{okand}")) });
        }
    }
    Ok(())
}

fn fil_som_finns(
    nyckel: &'static str,
    katalog: &Path,
    sokvag: &Path,
) -> Result<PathBuf, Konfigfel> {
    let hel = katalog.join(sokvag);
    if hel.is_file() {
        Ok(hel)
    } else {
        Err(Konfigfel::FilSaknas { nyckel, sokvag: kort(&hel.display().to_string()) })
    }
}

/// Whether `sokvag` is `mapp` or lies inside it, component by component (on Windows without
/// regard to case, as its file system compares names).
fn inom(sokvag: &Path, mapp: &Path) -> bool {
    if cfg!(windows) {
        let sma = |p: &Path| p.to_string_lossy().to_lowercase();
        Path::new(&sma(sokvag)).starts_with(sma(mapp))
    } else {
        sokvag.starts_with(mapp)
    }
}

/// A value from the file quoted back in at most 80 characters.
fn kort(text: &str) -> String {
    if text.chars().count() <= 80 {
        text.to_owned()
    } else {
        text.chars().take(79).chain(['…']).collect()
    }
}

/// A setting a desk could change that the organisation's file may fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Installning {
    Kommunnamn,
    LasEfterMinuter,
    Dokumentmapp,
    Sprak,
    /// The public key register packages are checked with.
    Registerpaketnyckel,
}

impl Organisation {
    /// What the file sets, as `key = value` pairs in the file's own words, in its order.
    pub fn satter(&self) -> Vec<(&'static str, String)> {
        let mut ut = Vec::new();
        if let Some(k) = &self.kommun {
            ut.push(("kommun.kod", k.kod.clone()));
            ut.push(("kommun.namn", k.namn.clone()));
        }
        if let Some(h) = &self.hubb {
            ut.push(("hubb.url", h.url.clone()));
            if let Some(ca) = &h.ca_fil {
                ut.push(("hubb.ca-fil", ca.display().to_string()));
            }
        }
        if let Some(d) = &self.dokument {
            if let Some(m) = &d.mapp {
                ut.push(("dokument.mapp", m.clone()));
            }
            ut.push(("dokument.fritt-val", d.fritt_val.to_string()));
        }
        if let Some(m) = self.las_efter_minuter {
            ut.push(("sakerhet.las-efter-minuter", m.to_string()));
        }
        if let Some(n) = &self.registerpaket_nyckel {
            ut.push(("registerpaket.publik-nyckel", n.display().to_string()));
        }
        if let Some(s) = &self.sprak {
            ut.push(("sprak.erbjudna", s.join(", ")));
        }
        ut
    }

    /// The key in the file that fixes `installning`, if the file sets it.
    pub fn satt(&self, installning: Installning) -> Option<&'static str> {
        match installning {
            Installning::Kommunnamn => self.kommun.as_ref().map(|_| "kommun.namn"),
            Installning::LasEfterMinuter => {
                self.las_efter_minuter.map(|_| "sakerhet.las-efter-minuter")
            }
            // A folder the file names but leaves the person free to change is only a default.
            Installning::Dokumentmapp => self
                .dokument
                .as_ref()
                .filter(|d| d.mapp.is_some() && !d.fritt_val)
                .map(|_| "dokument.mapp"),
            Installning::Sprak => self.sprak.as_ref().map(|_| "sprak.erbjudna"),
            Installning::Registerpaketnyckel => {
                self.registerpaket_nyckel.as_ref().map(|_| "registerpaket.publik-nyckel")
            }
        }
    }

    /// Refuses a desk's change of a setting the organisation's file fixes, unless the new
    /// value is the file's own (saving a form that did not touch it is not a change).
    pub fn kontrollera_andring(
        &self,
        installning: Installning,
        nytt: &str,
    ) -> Result<(), Konfigfel> {
        let Some(nyckel) = self.satt(installning) else { return Ok(()) };
        let samma = match installning {
            Installning::Kommunnamn => self.kommun.as_ref().is_some_and(|k| k.namn == nytt.trim()),
            Installning::LasEfterMinuter => {
                self.las_efter_minuter.is_some_and(|m| m.to_string() == nytt.trim())
            }
            Installning::Dokumentmapp => self
                .dokument
                .as_ref()
                .and_then(|d| d.mapp.as_deref())
                .is_some_and(|m| m == nytt.trim()),
            Installning::Sprak => self.sprak.as_ref().is_some_and(|s| s.join(",") == nytt.trim()),
            Installning::Registerpaketnyckel => self
                .registerpaket_nyckel
                .as_ref()
                .is_some_and(|n| n.as_path() == Path::new(nytt.trim())),
        };
        if samma {
            Ok(())
        } else {
            Err(Konfigfel::SattAvOrganisationen { nyckel, sokvag: self.fil.display().to_string() })
        }
    }

    /// Refuses to save a document at `sokvag` (a file, or the folder a batch writes into)
    /// when the file fixes the documents folder (`dokument.fritt-val = false`) and `sokvag`
    /// is not that folder or inside it. `sokvag` is taken as given: a relative path or one
    /// with `..` in it is refused, since where it ends up is not plain from the words. With a
    /// folder under `~/` and no home folder known, every place is refused.
    pub fn kontrollera_dokumentplats(
        &self,
        sokvag: &Path,
        hem: Option<&Path>,
    ) -> Result<(), Konfigfel> {
        if self.satt(Installning::Dokumentmapp).is_none() {
            return Ok(());
        }
        let mapp = self.dokumentmapp(hem);
        let inuti = mapp.as_deref().is_some_and(|m| {
            sokvag.is_absolute()
                && !sokvag.components().any(|c| matches!(c, std::path::Component::ParentDir))
                && inom(sokvag, m)
        });
        if inuti {
            Ok(())
        } else {
            Err(Konfigfel::UtanforDokumentmappen {
                sokvag: kort(&sokvag.display().to_string()),
                mapp: mapp.map_or_else(
                    || self.dokument.as_ref().and_then(|d| d.mapp.clone()).unwrap_or_default(),
                    |m| m.display().to_string(),
                ),
                fil: self.fil.display().to_string(),
            })
        }
    }

    /// The languages offered: the file's, else `databasens` (the municipality's own setting).
    pub fn erbjudna_sprak(&self, databasens: Vec<String>) -> Vec<String> {
        self.sprak.clone().unwrap_or(databasens)
    }

    /// Refuses a language (of a letter, of a brukare's letters) the file does not offer.
    pub fn kontrollera_sprak(&self, sprak: &str) -> Result<(), Konfigfel> {
        match &self.sprak {
            Some(erbjudna) if !erbjudna.iter().any(|s| s == sprak) => {
                Err(Konfigfel::SprakErbjudsInte {
                    sprak: kort(sprak),
                    erbjudna: erbjudna.join(", "),
                })
            }
            _ => Ok(()),
        }
    }

    /// The language a letter gets by default when the brukare's own (`standard`) is not
    /// offered: Swedish when offered, else the first language the file lists.
    pub fn brevsprak(&self, standard: String) -> String {
        match &self.sprak {
            Some(erbjudna) if !erbjudna.contains(&standard) => {
                if erbjudna.iter().any(|s| s == "sv") {
                    "sv".to_owned()
                } else {
                    erbjudna.first().cloned().unwrap_or(standard)
                }
            }
            _ => standard,
        }
    }

    /// Refuses a database whose municipality (by name: `databasens`) is not the one the file
    /// names. A database that names no municipality yet (a new one) is not refused: it gets
    /// the file's.
    pub fn kontrollera_kommun(&self, databasens: &str) -> Result<(), Konfigfel> {
        match &self.kommun {
            Some(k) if !databasens.trim().is_empty() && databasens.trim() != k.namn => {
                Err(Konfigfel::AnnanKommun {
                    databas: kort(databasens.trim()),
                    konfig: format!("{} ({})", k.namn, k.kod),
                    fil: self.fil.display().to_string(),
                })
            }
            _ => Ok(()),
        }
    }

    /// The public key a register package is checked with: the file's, when it sets one (then
    /// `vald`, a key the person chose, must be none or that same file), else `vald`.
    pub fn registerpaketnyckel(&self, vald: Option<&Path>) -> Result<Option<PathBuf>, Konfigfel> {
        match (&self.registerpaket_nyckel, vald) {
            (Some(egen), Some(v)) if v != egen.as_path() => Err(Konfigfel::SattAvOrganisationen {
                nyckel: "registerpaket.publik-nyckel",
                sokvag: self.fil.display().to_string(),
            }),
            (Some(egen), _) => Ok(Some(egen.clone())),
            (None, v) => Ok(v.map(Path::to_path_buf)),
        }
    }

    /// The documents folder the file sets, with `~` as `hem`.
    pub fn dokumentmapp(&self, hem: Option<&Path>) -> Option<PathBuf> {
        let mapp = self.dokument.as_ref()?.mapp.as_deref()?;
        match mapp.strip_prefix("~/").or_else(|| mapp.strip_prefix("~\\")) {
            Some(rest) => hem.map(|h| h.join(rest)),
            None => Some(PathBuf::from(mapp)),
        }
    }
}

#[cfg(test)]
mod tests;
