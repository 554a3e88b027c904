//! Localisation: every text a person reads in Valfri (window, CLI, PDFs, error messages) is a
//! Fluent message in `locales/<lang>/*.ftl`, compiled into the program so it works offline.
//!
//! Swedish is the reference locale. A test in this crate fails when another locale lacks a
//! message or uses different variables.

use std::collections::BTreeMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
mod forklara;

use valfri_domain::{Anvandarmeddelande, Arg};

/// The Fluent files, per language, compiled in.
const KALLOR: &[(&str, &[(&str, &str)])] = &[
    (
        "sv",
        &[
            ("ui.ftl", include_str!("../../../locales/sv/ui.ftl")),
            ("doman.ftl", include_str!("../../../locales/sv/doman.ftl")),
            ("fel.ftl", include_str!("../../../locales/sv/fel.ftl")),
            ("cli.ftl", include_str!("../../../locales/sv/cli.ftl")),
            ("dokument.ftl", include_str!("../../../locales/sv/dokument.ftl")),
            ("utbyte.ftl", include_str!("../../../locales/sv/utbyte.ftl")),
            ("hubb.ftl", include_str!("../../../locales/sv/hubb.ftl")),
        ],
    ),
    (
        "en",
        &[
            ("ui.ftl", include_str!("../../../locales/en/ui.ftl")),
            ("doman.ftl", include_str!("../../../locales/en/doman.ftl")),
            ("fel.ftl", include_str!("../../../locales/en/fel.ftl")),
            ("cli.ftl", include_str!("../../../locales/en/cli.ftl")),
            ("dokument.ftl", include_str!("../../../locales/en/dokument.ftl")),
            ("utbyte.ftl", include_str!("../../../locales/en/utbyte.ftl")),
            ("hubb.ftl", include_str!("../../../locales/en/hubb.ftl")),
        ],
    ),
    (
        "fi",
        &[
            ("ui.ftl", include_str!("../../../locales/fi/ui.ftl")),
            ("doman.ftl", include_str!("../../../locales/fi/doman.ftl")),
            ("fel.ftl", include_str!("../../../locales/fi/fel.ftl")),
            ("cli.ftl", include_str!("../../../locales/fi/cli.ftl")),
            ("dokument.ftl", include_str!("../../../locales/fi/dokument.ftl")),
            ("utbyte.ftl", include_str!("../../../locales/fi/utbyte.ftl")),
            ("hubb.ftl", include_str!("../../../locales/fi/hubb.ftl")),
        ],
    ),
];

/// The reference language: every message exists here first.
pub const REFERENS: &str = "sv";

#[derive(Debug, thiserror::Error)]
pub enum L10nFel {
    #[error("{fil} ({sprak}) does not parse: {detalj}")]
    Syntax { sprak: &'static str, fil: &'static str, detalj: String },
    #[error("{sprak} is not a valid language tag")]
    Sprakkod { sprak: &'static str },
}

/// All bundles, built once and shared (the bundles are `Send + Sync`).
pub struct Localizer {
    paket: Vec<(&'static str, FluentBundle<FluentResource>)>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer").field("sprak", &self.sprak()).finish()
    }
}

impl Localizer {
    pub fn new() -> Result<Self, L10nFel> {
        let mut paket = Vec::new();
        for (sprak, filer) in KALLOR {
            let langid = sprak.parse().map_err(|_| L10nFel::Sprakkod { sprak })?;
            let mut bundle = FluentBundle::new_concurrent(vec![langid]);
            // Isolation marks are invisible characters that end up in PDFs and in comparisons.
            bundle.set_use_isolating(false);
            for (fil, text) in *filer {
                let resurs = FluentResource::try_new((*text).to_owned()).map_err(|(_, fel)| {
                    L10nFel::Syntax { sprak, fil, detalj: format!("{fel:?}") }
                })?;
                bundle.add_resource(resurs).map_err(|fel| L10nFel::Syntax {
                    sprak,
                    fil,
                    detalj: format!("{fel:?}"),
                })?;
            }
            paket.push((*sprak, bundle));
        }
        Ok(Self { paket })
    }

    /// The languages Valfri has texts for, reference first.
    pub fn sprak(&self) -> Vec<&'static str> {
        self.paket.iter().map(|(s, _)| *s).collect()
    }

    /// Whether `sprak` is one of ours; anything else falls back to Swedish.
    pub fn har_sprak(&self, sprak: &str) -> bool {
        self.paket.iter().any(|(s, _)| *s == sprak)
    }

    fn bundle(&self, sprak: &str) -> &FluentBundle<FluentResource> {
        self.paket.iter().find(|(s, _)| *s == sprak).or_else(|| self.paket.first()).map_or_else(
            || {
                // `new` always builds at least the reference bundle; an empty list is impossible.
                unreachable!("Localizer without bundles")
            },
            |(_, b)| b,
        )
    }

    /// Formats message `id` with `args` in `sprak`. A message missing in `sprak` comes from the
    /// reference locale, and a message missing everywhere shows its id (never an empty string).
    pub fn text(&self, sprak: &str, id: &str, args: &[(&str, Arg)]) -> String {
        let fargs = self.fluent_args(sprak, args);
        for bundle in [self.bundle(sprak), self.bundle(REFERENS)] {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut fel = Vec::new();
                return bundle.format_pattern(pattern, Some(&fargs), &mut fel).into_owned();
            }
        }
        id.to_owned()
    }

    /// A message without variables.
    pub fn t(&self, sprak: &str, id: &str) -> String {
        self.text(sprak, id, &[])
    }

    /// The sentence a person reads for an error or other message.
    pub fn meddelande(&self, sprak: &str, m: &dyn Anvandarmeddelande) -> String {
        self.text(sprak, m.meddelande_id(), &m.argument())
    }

    /// Every message whose id starts with `prefix`, formatted without arguments; variables stay
    /// as `{$namn}` for the window to fill in. This is how the UI gets its texts from the core.
    pub fn alla_med_prefix(&self, sprak: &str, prefix: &str) -> BTreeMap<String, String> {
        let mut ut = BTreeMap::new();
        for (s, filer) in KALLOR {
            if *s != REFERENS {
                continue;
            }
            for (_, text) in *filer {
                for id in meddelande_ider(text) {
                    if id.starts_with(prefix) {
                        let mall = self.mall(sprak, &id);
                        for (nyckel, en) in self.mall_for_ett(sprak, &id) {
                            ut.insert(nyckel, en);
                        }
                        ut.insert(id, mall);
                    }
                }
            }
        }
        ut
    }

    /// The window fills a pattern's `{ $x }` itself and cannot choose a plural variant, so a
    /// message that selects on `$x` also goes as its form for exactly one, under `id#x=1`
    /// (in sv, en and fi the `one` category is the number 1 only). Other variables stay as
    /// `{ $y }` for the window to fill.
    fn mall_for_ett(&self, sprak: &str, id: &str) -> Vec<(String, String)> {
        use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
        let bundle = if self.bundle(sprak).has_message(id) {
            self.bundle(sprak)
        } else {
            self.bundle(REFERENS)
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return Vec::new();
        };
        let mut ut = Vec::new();
        for el in &pattern.elements {
            if let PatternElement::Placeable {
                expression:
                    Expression::Select {
                        selector: InlineExpression::VariableReference { id: v }, ..
                    },
            } = el
            {
                let mut args = FluentArgs::new();
                args.set(v.name, FluentValue::from(1));
                let mut fel = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&args), &mut fel).into_owned();
                ut.push((format!("{id}#{}=1", v.name), text));
            }
        }
        ut
    }

    fn mall(&self, sprak: &str, id: &str) -> String {
        let bundle = if self.bundle(sprak).has_message(id) {
            self.bundle(sprak)
        } else {
            self.bundle(REFERENS)
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_owned();
        };
        let mut fel = Vec::new();
        bundle.format_pattern(pattern, None, &mut fel).into_owned()
    }

    /// Arguments named `falt` carry a field key; the person reads the field's label instead.
    fn fluent_args<'a>(&self, sprak: &str, args: &'a [(&str, Arg)]) -> FluentArgs<'a> {
        let mut fargs = FluentArgs::new();
        for (namn, varde) in args {
            let v: FluentValue = match varde {
                // Field keys, record types and reasons are codes; the person reads their words.
                Arg::Text(s) if *namn == "falt" || *namn == "typ" => {
                    self.t(sprak, &format!("{namn}-{s}")).into()
                }
                Arg::Text(s) if *namn == "skal" => self.t(sprak, &format!("valbarhet-{s}")).into(),
                Arg::Text(s) => s.as_str().into(),
                Arg::Tal(n) => (*n).into(),
            };
            fargs.set(*namn, v);
        }
        fargs
    }
}

/// Message ids in a Fluent source, in order (terms excluded).
fn meddelande_ider(kalla: &str) -> Vec<String> {
    let resurs = match fluent_syntax::parser::parse(kalla) {
        Ok(r) | Err((r, _)) => r,
    };
    resurs
        .body
        .iter()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests;
