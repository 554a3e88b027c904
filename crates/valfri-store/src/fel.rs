use std::path::Path;

use valfri_domain::beslutsregler::Beslutsregelfel;
use valfri_domain::{Anvandarmeddelande, Arg, Valideringsfel};

/// Why the store said no. Each variant has a Fluent message a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum Lagringsfel {
    #[error(transparent)]
    Validering(#[from] Valideringsfel),
    #[error(transparent)]
    Beslutsregel(#[from] Beslutsregelfel),
    #[error("cannot open the database {sokvag}: {detalj}")]
    KanInteOppna { sokvag: String, detalj: String },
    #[error("there is no database at {sokvag}")]
    DatabasSaknas { sokvag: String },
    #[error("{sokvag} is not a Valfri database")]
    InteValfriDatabas { sokvag: String },
    #[error("the database is busy")]
    Upptagen,
    #[error("the database file is damaged or not a Valfri database")]
    Korrupt,
    #[error("the database is from a newer Valfri (schema {databas}, this program knows {program})")]
    NyareVersion { databas: usize, program: usize },
    #[error("the disk is full")]
    DiskFull,
    #[error("the database file is read-only")]
    Skrivskyddad,
    #[error("the database file could not be read or written (disk full or failing): {detalj}")]
    Diskfel { detalj: String },
    #[error("no {typ} with id {id}")]
    HittasInte { typ: &'static str, id: String },
    #[error("a brukare with this personnummer already exists")]
    BrukareFinns,
    #[error("a provider with this organisationsnummer already exists")]
    UtforareFinns,
    #[error("the provider already has an approval for this insats")]
    GodkannandeFinns,
    #[error("the beslut has been made and cannot be changed")]
    BeslutFattat,
    #[error("a beslut cannot go from {fran} to {till}")]
    Statusovergang { fran: &'static str, till: &'static str },
    #[error("the beslut has already been replaced")]
    RedanOmprovat,
    #[error("only a systemförvaltare may do this")]
    KraverSystemforvaltare,
    #[error("only the beslut's handläggare or a systemförvaltare may do this")]
    InteBeslutetsHandlaggare,
    #[error("the brukare has skyddade personuppgifter: opening the record needs a reason")]
    SkalKravs,
    #[error("{sokvag} already exists")]
    FilFinns { sokvag: String },
    #[error("the backup failed its integrity check")]
    BackupTrasig,
    #[error("the provider cannot be chosen: {skal}")]
    InteValbar { skal: &'static str },
    #[error("this beslut gives no choice of provider")]
    BeslutUtanVal,
    /// The beslut ran out before the date a letter would be sent.
    #[error("the beslut ran out on {till}")]
    BeslutUtgatt { till: chrono::NaiveDate },
    #[error("the beslut already has a provider")]
    HarRedanUtforare,
    #[error("the brukare already has this provider")]
    SammaUtforare,
    #[error("the svarsdatum {svarsdatum} has not passed")]
    SvarsdatumEjPasserat { svarsdatum: String },
    /// Valfrihetsinformation printed from a register that changed before it was recorded.
    #[error(
        "the register changed (version {andrad}) after the letter was printed (version {brevets})"
    )]
    InaktuelltBrev { brevets: i64, andrad: i64 },
    #[error("no valfrihetsinformation has been given for this beslut")]
    IngenInformation,
    #[error("the ickeval alternative cannot assign anyone")]
    IngenIckevalsutforare,
    #[error("unknown {typ} code {kod}")]
    OkandKod { typ: &'static str, kod: String },
    #[error("the database is encrypted and needs its passphrase")]
    KraverLosenfras,
    #[error("wrong passphrase, or the file is damaged")]
    FelLosenfras,
    #[error("a new passphrase needs at least {minst} characters")]
    SvagLosenfras { minst: usize },
    #[error("the database is not encrypted")]
    InteKrypterad,
    #[error("the database is already encrypted")]
    RedanKrypterad,
    #[error("the two passphrases differ")]
    LosenfrasOlika,
    #[error("there is no automatic backup")]
    IngenSakerhetskopia,
    /// A change made at a desk in kommunläge to the replica's shared rows, which only the hub
    /// may change (the guards of migration 10): it would never reach the hub.
    #[error("this database is a desk in kommunläge")]
    Kommunlage,
    /// A wrong login or a wrong passphrase: one error for both, so nobody learns which
    /// logins exist.
    #[error("wrong login or passphrase")]
    FelInloggning,
    /// The database has key slots: it opens only with a login and its passphrase.
    #[error("the database has personal logins: a login is needed")]
    KraverInloggning,
    #[error("the database has no personal logins: open it with its passphrase")]
    IngaNyckelplatser,
    #[error("the database already has personal logins")]
    HarNyckelplatser,
    #[error("the key file {sokvag} is damaged or not Valfri's")]
    NyckelfilTrasig { sokvag: String },
    #[error("the key file does not belong to the database {sokvag}")]
    NyckelfilPassarInte { sokvag: String },
    #[error("the login {anvandare} belongs to a handläggare who is no longer in the database")]
    InloggningUtanHandlaggare { anvandare: String },
    #[error("a login is 1 to 64 letters a-z, digits, '.', '-', '_' or '@'")]
    OgiltigInloggning,
    #[error("the login {anvandare} is already taken")]
    InloggningFinns { anvandare: String },
    #[error("{namn} already has a login")]
    HandlaggareHarInloggning { namn: String },
    #[error("the last systemförvaltare's login cannot be removed")]
    SistaSystemforvaltaren,
    /// Another handläggare was named on a database where who is working is proven by the login.
    #[error("signed in as {namn}: no other handläggare can be named")]
    IdentitetBevisad { namn: String },
    #[error("internal storage error: {detalj}")]
    Internt { detalj: String },
}

/// The choice rules' refusals keep the desk's own variants (and Fluent ids).
impl From<valfri_domain::tilldelning::Regelbrott> for Lagringsfel {
    fn from(e: valfri_domain::tilldelning::Regelbrott) -> Self {
        use valfri_domain::tilldelning::Regelbrott as R;
        match e {
            R::InteValbar { skal } => Lagringsfel::InteValbar { skal },
            R::BeslutUtanVal => Lagringsfel::BeslutUtanVal,
            R::BeslutUtgatt { till } => Lagringsfel::BeslutUtgatt { till },
            R::HarRedanUtforare => Lagringsfel::HarRedanUtforare,
            R::SammaUtforare => Lagringsfel::SammaUtforare,
            R::SvarsdatumEjPasserat { svarsdatum } => {
                Lagringsfel::SvarsdatumEjPasserat { svarsdatum: svarsdatum.to_string() }
            }
            R::IngenInformation => Lagringsfel::IngenInformation,
            R::IngenIckevalsutforare => Lagringsfel::IngenIckevalsutforare,
            R::InaktuelltBrev { brevets, andrad } => {
                Lagringsfel::InaktuelltBrev { brevets, andrad }
            }
        }
    }
}

impl Lagringsfel {
    pub(crate) fn fran_oppning(e: rusqlite::Error, sokvag: &Path) -> Self {
        match Self::from(e) {
            Lagringsfel::Internt { detalj } => {
                Lagringsfel::KanInteOppna { sokvag: sokvag.display().to_string(), detalj }
            }
            annat => annat,
        }
    }

    /// Whether this is a problem with the file or the disk (CLI exit code 3) rather than a
    /// refusal by a rule or bad input (exit code 1).
    pub fn ar_lagringsproblem(&self) -> bool {
        matches!(
            self,
            Self::KanInteOppna { .. }
                | Self::DatabasSaknas { .. }
                | Self::InteValfriDatabas { .. }
                | Self::Upptagen
                | Self::Korrupt
                | Self::NyareVersion { .. }
                | Self::DiskFull
                | Self::Skrivskyddad
                | Self::Diskfel { .. }
                | Self::BackupTrasig
                | Self::KraverLosenfras
                | Self::FelLosenfras
                | Self::InteKrypterad
                | Self::RedanKrypterad
                | Self::FelInloggning
                | Self::KraverInloggning
                | Self::IngaNyckelplatser
                | Self::NyckelfilTrasig { .. }
                | Self::NyckelfilPassarInte { .. }
                | Self::InloggningUtanHandlaggare { .. }
                | Self::Internt { .. }
        )
    }
}

impl From<rusqlite::Error> for Lagringsfel {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as K;
        match &e {
            rusqlite::Error::SqliteFailure(f, meddelande) => match f.code {
                K::DatabaseBusy | K::DatabaseLocked => Self::Upptagen,
                K::DatabaseCorrupt | K::NotADatabase => Self::Korrupt,
                K::DiskFull => Self::DiskFull,
                K::ReadOnly => Self::Skrivskyddad,
                // A write the operating system refused (no space left on a quota, a file-size
                // limit, a failing disk): SQLite has rolled the transaction back.
                K::SystemIoFailure => Self::Diskfel { detalj: e.to_string() },
                K::ConstraintViolation
                    if meddelande.as_deref().is_some_and(|m| m.contains("valfri-kommunlage")) =>
                {
                    Self::Kommunlage
                }
                K::ConstraintViolation
                    if meddelande.as_deref().is_some_and(|m| m.contains("beslut är fattat")) =>
                {
                    Self::BeslutFattat
                }
                _ => Self::Internt { detalj: e.to_string() },
            },
            _ => Self::Internt { detalj: e.to_string() },
        }
    }
}

impl From<serde_json::Error> for Lagringsfel {
    fn from(e: serde_json::Error) -> Self {
        Self::Internt { detalj: e.to_string() }
    }
}

impl Anvandarmeddelande for Lagringsfel {
    fn meddelande_id(&self) -> &'static str {
        match self {
            Self::Validering(v) => v.meddelande_id(),
            Self::Beslutsregel(v) => v.meddelande_id(),
            Self::KanInteOppna { .. } => "fel-db-oppna",
            Self::DatabasSaknas { .. } => "fel-db-saknas",
            Self::InteValfriDatabas { .. } => "fel-db-inte-valfri",
            Self::Upptagen => "fel-db-upptagen",
            Self::Korrupt => "fel-db-korrupt",
            Self::NyareVersion { .. } => "fel-db-nyare",
            Self::DiskFull => "fel-db-full",
            Self::Skrivskyddad => "fel-db-skrivskyddad",
            Self::Diskfel { .. } => "fel-db-diskfel",
            Self::HittasInte { .. } => "fel-hittas-inte",
            Self::BrukareFinns => "fel-brukare-finns",
            Self::UtforareFinns => "fel-utforare-finns",
            Self::GodkannandeFinns => "fel-godkannande-finns",
            Self::BeslutFattat => "fel-beslut-fattat",
            Self::Statusovergang { .. } => "fel-beslut-status",
            Self::RedanOmprovat => "fel-beslut-redan-omprovat",
            Self::KraverSystemforvaltare => "fel-kraver-systemforvaltare",
            Self::InteBeslutetsHandlaggare => "fel-inte-beslutets-handlaggare",
            Self::SkalKravs => "fel-skal-kravs",
            Self::FilFinns { .. } => "fel-fil-finns",
            Self::BackupTrasig => "fel-backup-trasig",
            Self::OkandKod { .. } => "fel-okand-kod",
            Self::InteValbar { .. } => "fel-inte-valbar",
            Self::BeslutUtanVal => "fel-beslut-utan-val",
            Self::BeslutUtgatt { .. } => "fel-beslut-utgatt",
            Self::HarRedanUtforare => "fel-har-redan-utforare",
            Self::SammaUtforare => "fel-samma-utforare",
            Self::SvarsdatumEjPasserat { .. } => "fel-svarsdatum-ej-passerat",
            Self::InaktuelltBrev { .. } => "fel-inaktuellt-brev",
            Self::IngenInformation => "fel-ingen-information",
            Self::IngenIckevalsutforare => "fel-ingen-ickevalsutforare",
            Self::KraverLosenfras => "fel-db-kraver-losenfras",
            Self::FelLosenfras => "fel-db-fel-losenfras",
            Self::SvagLosenfras { .. } => "fel-db-svag-losenfras",
            Self::InteKrypterad => "fel-db-inte-krypterad",
            Self::RedanKrypterad => "fel-db-redan-krypterad",
            Self::LosenfrasOlika => "fel-db-losenfras-olika",
            Self::IngenSakerhetskopia => "fel-db-ingen-sakerhetskopia",
            Self::Kommunlage => "fel-db-kommunlage",
            Self::FelInloggning => "fel-db-fel-inloggning",
            Self::KraverInloggning => "fel-db-kraver-inloggning",
            Self::IngaNyckelplatser => "fel-db-inga-nyckelplatser",
            Self::HarNyckelplatser => "fel-db-har-nyckelplatser",
            Self::NyckelfilTrasig { .. } => "fel-db-nyckelfil-trasig",
            Self::NyckelfilPassarInte { .. } => "fel-db-nyckelfil-passar-inte",
            Self::InloggningUtanHandlaggare { .. } => "fel-db-inloggning-utan-handlaggare",
            Self::OgiltigInloggning => "fel-ogiltig-inloggning",
            Self::InloggningFinns { .. } => "fel-inloggning-finns",
            Self::HandlaggareHarInloggning { .. } => "fel-handlaggare-har-inloggning",
            Self::SistaSystemforvaltaren => "fel-sista-systemforvaltaren",
            Self::IdentitetBevisad { .. } => "fel-identitet-bevisad",
            Self::Internt { .. } => "fel-db-internt",
        }
    }

    fn argument(&self) -> Vec<(&'static str, Arg)> {
        match self {
            Self::Validering(v) => v.argument(),
            Self::Beslutsregel(v) => v.argument(),
            Self::KanInteOppna { sokvag, .. }
            | Self::FilFinns { sokvag }
            | Self::DatabasSaknas { sokvag }
            | Self::InteValfriDatabas { sokvag }
            | Self::NyckelfilTrasig { sokvag }
            | Self::NyckelfilPassarInte { sokvag } => {
                vec![("sokvag", sokvag.clone().into())]
            }
            Self::NyareVersion { databas, program } => {
                vec![
                    ("databas", (*databas).into()),
                    ("program", (*program).into()),
                    ("valfri", env!("CARGO_PKG_VERSION").into()),
                ]
            }
            Self::HittasInte { typ, id } => vec![("typ", (*typ).into()), ("id", id.clone().into())],
            Self::Statusovergang { fran, till } => {
                vec![("fran", (*fran).into()), ("till", (*till).into())]
            }
            Self::OkandKod { typ, kod } => {
                vec![("typ", (*typ).into()), ("kod", kod.clone().into())]
            }
            Self::Internt { detalj } => vec![("detalj", detalj.clone().into())],
            Self::InteValbar { skal } => vec![("skal", (*skal).into())],
            Self::SvagLosenfras { minst } => vec![("minst", (*minst).into())],
            Self::InloggningUtanHandlaggare { anvandare } | Self::InloggningFinns { anvandare } => {
                vec![("anvandare", anvandare.clone().into())]
            }
            Self::HandlaggareHarInloggning { namn } | Self::IdentitetBevisad { namn } => {
                vec![("namn", namn.clone().into())]
            }
            Self::BeslutUtgatt { till } => vec![("till", till.to_string().into())],
            Self::InaktuelltBrev { brevets, andrad } => {
                vec![("brevets", (*brevets).into()), ("andrad", (*andrad).into())]
            }
            Self::SvarsdatumEjPasserat { svarsdatum } => {
                vec![("svarsdatum", svarsdatum.clone().into())]
            }
            _ => Vec::new(),
        }
    }
}
