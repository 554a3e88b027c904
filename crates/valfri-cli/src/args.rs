//! A small argument reader for the contract in `docs/cli.md`: global options anywhere,
//! `--name value` or `--name=value`, and words.

use std::collections::BTreeMap;

/// Options that take no value.
const BRYTARE: &[&str] = &[
    "json",
    "force",
    "dry-run",
    "large-print",
    "help",
    "omval",
    "avstar",
    "utan-egen-regi",
    "plaintext",
    "latest",
    "watch",
    "version",
    "logins",
];

#[derive(Debug, Default)]
pub struct Argument {
    pub ord: Vec<String>,
    varden: BTreeMap<String, Vec<String>>,
    brytare: Vec<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Anvandningsfel {
    SaknarVarde(String),
    Okand(String),
    Saknas(String),
    Extra(String),
    /// A new database was asked for with neither `--passphrase-env` nor `--plaintext`.
    SkyddSaknas,
    /// Both `--passphrase-env` and `--plaintext`.
    SkyddDubbelt,
}

impl Argument {
    pub fn tolka(args: impl IntoIterator<Item = String>) -> Result<Self, Anvandningsfel> {
        let mut ut = Argument::default();
        let mut it = args.into_iter();
        let mut bara_ord = false;
        while let Some(a) = it.next() {
            if bara_ord || !a.starts_with("--") || a == "--" {
                if a == "--" && !bara_ord {
                    bara_ord = true;
                    continue;
                }
                ut.ord.push(a);
                continue;
            }
            let (namn, varde) = match a[2..].split_once('=') {
                Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
                None => (a[2..].to_owned(), None),
            };
            if BRYTARE.contains(&namn.as_str()) {
                ut.brytare.push(namn);
                continue;
            }
            let varde = match varde {
                Some(v) => v,
                None => it
                    .next()
                    .filter(|v| !v.starts_with("--"))
                    .ok_or(Anvandningsfel::SaknarVarde(namn.clone()))?,
            };
            ut.varden.entry(namn).or_default().push(varde);
        }
        Ok(ut)
    }

    pub fn har(&self, brytare: &str) -> bool {
        self.brytare.iter().any(|b| b == brytare)
    }

    /// Takes an option's value (the last one when given twice).
    pub fn ta(&mut self, namn: &str) -> Option<String> {
        self.varden.remove(namn).and_then(|mut v| v.pop())
    }

    /// Takes every value given for an option (`--beslut A --beslut B`).
    pub fn ta_alla(&mut self, namn: &str) -> Vec<String> {
        self.varden.remove(namn).unwrap_or_default()
    }

    pub fn kravs(&mut self, namn: &str) -> Result<String, Anvandningsfel> {
        self.ta(namn).ok_or_else(|| Anvandningsfel::Saknas(namn.to_owned()))
    }

    /// After a command has taken what it knows, anything left is a mistake worth saying.
    pub fn inget_kvar(&self, tillatna_brytare: &[&str]) -> Result<(), Anvandningsfel> {
        if let Some(namn) = self.varden.keys().next() {
            return Err(Anvandningsfel::Okand(namn.clone()));
        }
        if let Some(b) = self.brytare.iter().find(|b| {
            !tillatna_brytare.contains(&b.as_str()) && !["json", "help"].contains(&b.as_str())
        }) {
            return Err(Anvandningsfel::Okand(b.clone()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Argument {
        Argument::tolka(s.split_whitespace().map(String::from)).unwrap()
    }

    #[test]
    fn global_options_go_anywhere() {
        let mut x = a("--db x.sqlite brukare search --json Märta --lang=en");
        assert_eq!(x.ord, vec!["brukare", "search", "Märta"]);
        assert!(x.har("json"));
        assert_eq!(x.ta("db").as_deref(), Some("x.sqlite"));
        assert_eq!(x.ta("lang").as_deref(), Some("en"));
        assert!(x.inget_kvar(&[]).is_ok());
    }

    #[test]
    fn a_value_option_without_a_value_is_a_usage_error() {
        assert_eq!(
            Argument::tolka(["--db".to_string()]).unwrap_err(),
            Anvandningsfel::SaknarVarde("db".into())
        );
        assert_eq!(
            Argument::tolka(["--db", "--json"].map(String::from)).unwrap_err(),
            Anvandningsfel::SaknarVarde("db".into())
        );
    }

    #[test]
    fn leftovers_are_reported() {
        let x = a("insatser --nonsense 3");
        assert_eq!(x.inget_kvar(&[]), Err(Anvandningsfel::Okand("nonsense".into())));
    }
}
