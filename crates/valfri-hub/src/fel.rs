use valfri_domain::{Anvandarmeddelande, Arg, Valideringsfel};

/// Why the hub said no, or could not be reached. Each variant has a Fluent message (in
/// `locales/<lang>/hubb.ftl`) a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum HubbFel {
    #[error(transparent)]
    Validering(#[from] Valideringsfel),
    #[error("the hub address is not a PostgreSQL URL: {detalj}")]
    FelAdress { detalj: String },
    #[error("wrong password for {anvandare}")]
    FelLosenord { anvandare: String },
    #[error("{anvandare} has no Valfri role in the hub")]
    OkandRoll { anvandare: String },
    #[error("unknown role {roll}: handlaggare or systemforvaltare")]
    OkandRollnamn { roll: String },
    #[error("the hub does not accept {anvandare} from this computer")]
    Nekad { anvandare: String },
    #[error("the hub at {adress} cannot be reached: {detalj}")]
    Onaborbar { adress: String, detalj: String },
    #[error("the hub at {adress} refused a secure (TLS) connection: {detalj}")]
    TlsVagrad { adress: String, detalj: String },
    #[error("the hub has schema {hubb}, this program knows {program}")]
    NyareSchema { hubb: i64, program: usize },
    #[error("the hub has schema {hubb}; run valfri hub init to bring it to {program}")]
    AldreSchema { hubb: i64, program: usize },
    #[error("the hub has no Valfri schema yet")]
    InteInitierad,
    #[error("PostgreSQL refused: {detalj}")]
    Behorighet { detalj: String },
    #[error("the beslut has been made and cannot be changed")]
    BeslutFattat,
    #[error("the audit log cannot be changed")]
    LoggenAndrasEj,
    #[error("opening the record of a brukare with skyddade personuppgifter needs a reason")]
    SkalKravs,
    #[error("{login} is not a valid login name")]
    OgiltigInloggning { login: String },
    #[error("the login {login} already exists")]
    InloggningFinns { login: String },
    #[error("the password is empty")]
    TomtLosenord,
    #[error("the hub already holds a municipality's data")]
    HubbInteTom,
    #[error("no {typ} with id {id} in the hub")]
    HittasInte { typ: &'static str, id: String },
    #[error("the connection to the hub was lost: {detalj}")]
    Avbruten { detalj: String },
    #[error("hub error: {detalj}")]
    Internt { detalj: String },
}

impl Anvandarmeddelande for HubbFel {
    fn meddelande_id(&self) -> &'static str {
        match self {
            HubbFel::Validering(v) => v.meddelande_id(),
            HubbFel::FelAdress { .. } => "hubb-fel-adress",
            HubbFel::FelLosenord { .. } => "hubb-fel-losenord",
            HubbFel::OkandRoll { .. } => "hubb-fel-okand-roll",
            HubbFel::OkandRollnamn { .. } => "hubb-fel-okant-rollnamn",
            HubbFel::Nekad { .. } => "hubb-fel-nekad",
            HubbFel::Onaborbar { .. } => "hubb-fel-onaborbar",
            HubbFel::TlsVagrad { .. } => "hubb-fel-tls",
            HubbFel::NyareSchema { .. } => "hubb-fel-nyare-schema",
            HubbFel::AldreSchema { .. } => "hubb-fel-aldre-schema",
            HubbFel::InteInitierad => "hubb-fel-inte-initierad",
            HubbFel::Behorighet { .. } => "hubb-fel-behorighet",
            HubbFel::BeslutFattat => "hubb-fel-beslut-fattat",
            HubbFel::LoggenAndrasEj => "hubb-fel-loggen",
            HubbFel::SkalKravs => "hubb-fel-skal",
            HubbFel::OgiltigInloggning { .. } => "hubb-fel-ogiltig-inloggning",
            HubbFel::InloggningFinns { .. } => "hubb-fel-inloggning-finns",
            HubbFel::TomtLosenord => "hubb-fel-tomt-losenord",
            HubbFel::HittasInte { .. } => "fel-hittas-inte",
            HubbFel::HubbInteTom => "hubb-fel-inte-tom",
            HubbFel::Avbruten { .. } => "hubb-fel-avbruten",
            HubbFel::Internt { .. } => "hubb-fel-internt",
        }
    }

    fn argument(&self) -> Vec<(&'static str, Arg)> {
        match self {
            HubbFel::Validering(v) => v.argument(),
            HubbFel::FelAdress { detalj }
            | HubbFel::Behorighet { detalj }
            | HubbFel::Avbruten { detalj }
            | HubbFel::Internt { detalj } => vec![("detalj", detalj.clone().into())],
            HubbFel::FelLosenord { anvandare }
            | HubbFel::OkandRoll { anvandare }
            | HubbFel::Nekad { anvandare } => vec![("anvandare", anvandare.clone().into())],
            HubbFel::OkandRollnamn { roll } => vec![("roll", roll.clone().into())],
            HubbFel::HittasInte { typ, id } => {
                vec![("typ", (*typ).into()), ("id", id.clone().into())]
            }
            HubbFel::Onaborbar { adress, detalj } | HubbFel::TlsVagrad { adress, detalj } => {
                vec![("adress", adress.clone().into()), ("detalj", detalj.clone().into())]
            }
            HubbFel::NyareSchema { hubb, program } => vec![
                ("hubb", (*hubb).into()),
                ("program", (*program).into()),
                ("valfri", env!("CARGO_PKG_VERSION").into()),
            ],
            HubbFel::AldreSchema { hubb, program } => {
                vec![("hubb", (*hubb).into()), ("program", (*program).into())]
            }
            HubbFel::OgiltigInloggning { login } | HubbFel::InloggningFinns { login } => {
                vec![("login", login.clone().into())]
            }
            HubbFel::InteInitierad
            | HubbFel::BeslutFattat
            | HubbFel::LoggenAndrasEj
            | HubbFel::SkalKravs
            | HubbFel::TomtLosenord
            | HubbFel::HubbInteTom => Vec::new(),
        }
    }
}

impl HubbFel {
    /// Whether the fault is the connection or the server rather than what the person asked for
    /// (the CLI's exit code 3).
    pub fn ar_forbindelseproblem(&self) -> bool {
        matches!(
            self,
            HubbFel::Onaborbar { .. }
                | HubbFel::TlsVagrad { .. }
                | HubbFel::Avbruten { .. }
                | HubbFel::Internt { .. }
        )
    }

    /// Maps an error from an open connection: the rules the hub's triggers and grants enforce
    /// become their sentences.
    pub(crate) fn fran_sql(e: &postgres::Error) -> HubbFel {
        if let Some(db) = e.as_db_error() {
            return match db.code().code() {
                "VF001" => HubbFel::BeslutFattat,
                "VF002" => HubbFel::LoggenAndrasEj,
                "VF003" => HubbFel::SkalKravs,
                "42501" => HubbFel::Behorighet { detalj: db.message().to_owned() },
                _ => HubbFel::Internt { detalj: db.message().to_owned() },
            };
        }
        if e.is_closed() {
            return HubbFel::Avbruten { detalj: e.to_string() };
        }
        HubbFel::Internt { detalj: e.to_string() }
    }
}

impl From<postgres::Error> for HubbFel {
    fn from(e: postgres::Error) -> Self {
        HubbFel::fran_sql(&e)
    }
}
