//! The words of an import's report and preview, for whoever shows them (the CLI prints them,
//! the window lists them): made through the caller's text function `t(id, args)`, so this crate
//! needs no localizer and every sentence is the same Fluent message in both.

use valfri_domain::{Anvandarmeddelande, Arg};

use crate::Radfel;
use crate::utforare::Forhandsgranskning;

/// A text function: a Fluent id and its arguments to a sentence in the reader's language.
pub type Texter<'a> = &'a dyn Fn(&str, &[(&str, Arg)]) -> String;

/// A row problem as a sentence: the row, the column when there is one, and what is wrong.
pub fn radfel(t: Texter<'_>, f: &Radfel) -> String {
    let inre = t(f.meddelande_id(), &f.argument());
    match &f.kolumn {
        Some(k) if !k.is_empty() => t(
            "utbyte-rad-kolumn",
            &[("rad", f.rad.into()), ("kolumn", k.clone().into()), ("fel", inre.into())],
        ),
        _ => t("utbyte-rad", &[("rad", f.rad.into()), ("fel", inre.into())]),
    }
}

/// One part of the preview: its heading and its lines, in the order a person reads them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Avsnitt {
    /// The part's Fluent id (`utbyte-rubrik-nya`, …), stable for a test or a style.
    pub id: &'static str,
    pub rubrik: String,
    pub rader: Vec<String>,
}

/// The preview's non-empty parts: new, changed, ended approvals, caps, brukare affected, and
/// providers in the register but not in the file.
pub fn forhandsgranskning(t: Texter<'_>, g: &Forhandsgranskning) -> Vec<Avsnitt> {
    let mut ut = Vec::new();
    let mut avsnitt = |id: &'static str, rader: Vec<String>| {
        if !rader.is_empty() {
            ut.push(Avsnitt { id, rubrik: t(id, &[]), rader });
        }
    };
    let post = |namn: &str, orgnr: &str| {
        t("utbyte-post", &[("namn", namn.into()), ("orgnr", orgnr.into())])
    };
    avsnitt(
        "utbyte-rubrik-nya",
        g.nya.iter().map(|p| post(&p.namn, &p.organisationsnummer)).collect(),
    );
    avsnitt(
        "utbyte-rubrik-andrade",
        g.andrade
            .iter()
            .map(|a| {
                let vad: Vec<String> =
                    a.falt.iter().map(|f| t(&format!("utbyte-falt-{f}"), &[])).collect();
                t(
                    "utbyte-andring",
                    &[
                        ("namn", a.namn.clone().into()),
                        ("orgnr", a.organisationsnummer.clone().into()),
                        ("vad", vad.join(", ").into()),
                    ],
                )
            })
            .collect(),
    );
    avsnitt(
        "utbyte-rubrik-avslutade",
        g.avslutade
            .iter()
            .map(|a| match a.till {
                Some(d) => t(
                    "utbyte-avslutad-datum",
                    &[
                        ("namn", a.namn.clone().into()),
                        ("insats", a.insats.clone().into()),
                        ("datum", d.to_string().into()),
                    ],
                ),
                None => t(
                    "utbyte-avslutad-bort",
                    &[("namn", a.namn.clone().into()), ("insats", a.insats.clone().into())],
                ),
            })
            .collect(),
    );
    let tak = |x: Option<u32>| x.map_or_else(|| t("utbyte-inget-tak", &[]), |x| x.to_string());
    avsnitt(
        "utbyte-rubrik-tak",
        g.tak
            .iter()
            .map(|x| {
                t(
                    "utbyte-takandring",
                    &[
                        ("namn", x.namn.clone().into()),
                        ("insats", x.insats.clone().into()),
                        ("fore", tak(x.fore).into()),
                        ("efter", tak(x.efter).into()),
                    ],
                )
            })
            .collect(),
    );
    avsnitt(
        "utbyte-rubrik-paverkade",
        g.paverkade
            .iter()
            .map(|p| {
                let orsak = t(&format!("utbyte-orsak-{}", p.orsak), &[]);
                t(
                    "utbyte-paverkad",
                    &[
                        ("namn", p.namn.clone().into()),
                        ("insats", p.insats_kod.clone().into()),
                        ("orsak", orsak.into()),
                    ],
                )
            })
            .collect(),
    );
    avsnitt(
        "utbyte-rubrik-ej-i-filen",
        g.ej_i_filen.iter().map(|p| post(&p.namn, &p.organisationsnummer)).collect(),
    );
    ut
}

/// How many providers the file leaves as they are.
pub fn oforandrade(t: Texter<'_>, g: &Forhandsgranskning) -> String {
    t("utbyte-oforandrade", &[("antal", g.oforandrade.into())])
}
