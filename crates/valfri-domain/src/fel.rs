use std::fmt;

/// A value inserted into a localised message.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub enum Arg {
    Text(String),
    Tal(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Tal(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Tal(i64::try_from(n).unwrap_or(i64::MAX))
    }
}
impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Text(s) => f.write_str(s),
            Arg::Tal(n) => write!(f, "{n}"),
        }
    }
}

/// Anything that can be told to a user: a Fluent message id and its arguments.
///
/// Errors implement this so that the message a person reads is chosen by the localisation layer,
/// never by `Display` (which is for logs and developers).
pub trait Anvandarmeddelande {
    /// The Fluent message id, e.g. `fel-personnummer-kontrollsiffra`. Also the stable error code.
    fn meddelande_id(&self) -> &'static str;
    /// The variables the message uses.
    fn argument(&self) -> Vec<(&'static str, Arg)> {
        Vec::new()
    }
}

/// Why a value a person typed was refused. Validation failure, not a bug.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Valideringsfel {
    #[error("personnummer has the wrong form")]
    PersonnummerForm,
    #[error("personnummer has an impossible date")]
    PersonnummerDatum,
    #[error("personnummer check digit is wrong")]
    PersonnummerKontrollsiffra,
    #[error("personnummer has a date of birth after today")]
    PersonnummerFramtid,
    #[error("organisationsnummer has the wrong form")]
    OrganisationsnummerForm,
    #[error("organisationsnummer has an invalid group number")]
    OrganisationsnummerGrupp,
    #[error("organisationsnummer check digit is wrong")]
    OrganisationsnummerKontrollsiffra,
    #[error("postnummer has the wrong form")]
    Postnummer,
    #[error("field {falt} is required")]
    Saknas { falt: &'static str },
    #[error("field {falt} is longer than {max} characters")]
    ForLang { falt: &'static str, max: usize },
    #[error("field {falt} contains control or direction characters")]
    OtillatnaTecken { falt: &'static str },
    #[error("date in {falt} is not a valid YYYY-MM-DD date")]
    Datum { falt: &'static str },
    #[error("end date is before start date")]
    DatumOrdning,
    #[error("date {datum} of an act is after today")]
    DatumIFramtiden { datum: String },
    #[error("omfattning must be positive and at most {max}")]
    Omfattning { max: i64 },
    #[error("this insats has no omfattning")]
    OmfattningEjTillampbar,
    #[error("only a delvis bifall has a part that was not granted")]
    EjBeviljatBaraDelvis,
    #[error("unknown value {varde} for {falt}")]
    OkantVarde { falt: &'static str, varde: String },
}

impl Anvandarmeddelande for Valideringsfel {
    fn meddelande_id(&self) -> &'static str {
        match self {
            Self::PersonnummerForm => "fel-personnummer-form",
            Self::PersonnummerDatum => "fel-personnummer-datum",
            Self::PersonnummerKontrollsiffra => "fel-personnummer-kontrollsiffra",
            Self::PersonnummerFramtid => "fel-personnummer-framtid",
            Self::OrganisationsnummerForm => "fel-orgnr-form",
            Self::OrganisationsnummerGrupp => "fel-orgnr-grupp",
            Self::OrganisationsnummerKontrollsiffra => "fel-orgnr-kontrollsiffra",
            Self::Postnummer => "fel-postnummer",
            Self::Saknas { .. } => "fel-falt-saknas",
            Self::ForLang { .. } => "fel-falt-for-langt",
            Self::OtillatnaTecken { .. } => "fel-falt-otillatna-tecken",
            Self::Datum { .. } => "fel-datum",
            Self::DatumOrdning => "fel-datum-ordning",
            Self::DatumIFramtiden { .. } => "fel-datum-framtid",
            Self::Omfattning { .. } => "fel-omfattning",
            Self::OmfattningEjTillampbar => "fel-omfattning-ej-tillampbar",
            Self::EjBeviljatBaraDelvis => "fel-ej-beviljat-bara-delvis",
            Self::OkantVarde { .. } => "fel-okant-varde",
        }
    }

    fn argument(&self) -> Vec<(&'static str, Arg)> {
        match self {
            Self::Saknas { falt } | Self::OtillatnaTecken { falt } | Self::Datum { falt } => {
                vec![("falt", (*falt).into())]
            }
            Self::ForLang { falt, max } => vec![("falt", (*falt).into()), ("max", (*max).into())],
            Self::Omfattning { max } => vec![("max", (*max).into())],
            Self::DatumIFramtiden { datum } => vec![("datum", datum.clone().into())],
            Self::OkantVarde { falt, varde } => {
                vec![("falt", (*falt).into()), ("varde", varde.clone().into())]
            }
            _ => Vec::new(),
        }
    }
}
