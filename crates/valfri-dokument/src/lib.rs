//! Valfri's documents: the valfrihetsinformation letter, the jämförelseblad and the
//! beslutsmeddelande as PDFs, with a small layout engine of its own.
//!
//! Every word comes from the Fluent files through [`Localizer`]; the documents are rendered from
//! the `*underlag` types in `valfri_domain::dokument` and never touch the database. Parse the
//! font once with [`Typsnitt::inbyggda`] and share it by reference across threads.
//!
//! ```no_run
//! # fn f(u: &valfri_domain::dokument::Valfrihetsunderlag) -> Result<(), Box<dyn std::error::Error>> {
//! let t = valfri_dokument::Typsnitt::inbyggda()?;
//! let l = valfri_l10n::Localizer::new()?;
//! let form = valfri_domain::dokument::Form { sprak: "sv".into(), storstil: false };
//! let pdf = valfri_dokument::valfrihetsbrev(&t, &l, u, &form)?;
//! # Ok(()) }
//! ```

// The public signatures name the font, the localizer and the underlag `t`, `l` and `u`, as
// the whole crate does; more short names beside them are the layout's coordinates.
#![allow(clippy::many_single_char_names)]

mod beslut;
mod blad;
mod brev;
mod gemensamt;
mod icc;
mod layout;
mod pdf;
mod sfnt;
mod sprakfalt;
mod svg;
mod typsnitt;

use valfri_domain::dokument::{Beslutsunderlag, Form, Jamforelseunderlag, Valfrihetsunderlag};
use valfri_domain::{Anvandarmeddelande, Arg, Ordningsregel};
use valfri_l10n::Localizer;

pub use typsnitt::Typsnitt;

/// Why a document could not be made. Neither depends on the data: both mean the program
/// itself is broken or the output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DokumentFel {
    #[error("the built-in font {namn} could not be parsed")]
    Typsnitt { namn: &'static str },
    #[error("the PDF could not be written: {detalj}")]
    Skriva { detalj: String },
}

impl Anvandarmeddelande for DokumentFel {
    fn meddelande_id(&self) -> &'static str {
        match self {
            Self::Typsnitt { .. } => "fel-dokument-typsnitt",
            Self::Skriva { .. } => "fel-dokument-skriva",
        }
    }

    fn argument(&self) -> Vec<(&'static str, Arg)> {
        match self {
            Self::Typsnitt { namn } => vec![("namn", (*namn).into())],
            Self::Skriva { detalj } => vec![("detalj", detalj.clone().into())],
        }
    }
}

/// A document laid out on pages, not yet written: the same pages become the PDF ([`pdf`]) and
/// the window's preview ([`svg`]), so what is previewed is exactly what is saved.
///
/// [`pdf`]: Ombrutet::pdf
/// [`svg`]: Ombrutet::svg
#[derive(Debug)]
pub struct Ombrutet {
    format: layout::Sidformat,
    sidor: Vec<layout::Sida>,
    /// Pages that follow in a format of their own: the jämförelseblad that goes with a letter.
    bilaga: Option<(layout::Sidformat, Vec<layout::Sida>)>,
    meta: pdf::Metadata,
}

impl Ombrutet {
    /// Every page with its format, the appendix's last.
    fn alla_sidor(&self) -> Vec<(&layout::Sidformat, &layout::Sida)> {
        let mut ut: Vec<_> = self.sidor.iter().map(|s| (&self.format, s)).collect();
        if let Some((f, sidor)) = &self.bilaga {
            ut.extend(sidor.iter().map(|s| (f, s)));
        }
        ut
    }

    /// The PDF bytes.
    pub fn pdf(&self, t: &Typsnitt) -> Result<Vec<u8>, DokumentFel> {
        pdf::skriv(t, &self.alla_sidor(), &self.meta)
    }

    /// One SVG image per page, with every text, line and box where the PDF has it.
    pub fn svg(&self, t: &Typsnitt) -> Vec<String> {
        self.alla_sidor().into_iter().map(|(f, s)| svg::sida(t, f, s, &self.meta.sprak)).collect()
    }

    pub fn antal_sidor(&self) -> usize {
        self.sidor.len() + self.bilaga.as_ref().map_or(0, |(_, s)| s.len())
    }

    /// The document's title (also the PDF's).
    pub fn titel(&self) -> &str {
        &self.meta.titel
    }
}

/// The valfrihetsinformation letter, A4 for a window envelope, with a reply slip at the end.
pub fn valfrihetsbrev(
    t: &Typsnitt,
    l: &Localizer,
    u: &Valfrihetsunderlag,
    form: &Form,
) -> Result<Vec<u8>, DokumentFel> {
    bryt_om_valfrihetsbrev(t, l, u, form).pdf(t)
}

/// The comparison sheet of every provider for an insats in an område.
pub fn jamforelseblad(
    t: &Typsnitt,
    l: &Localizer,
    u: &Jamforelseunderlag,
    form: &Form,
) -> Result<Vec<u8>, DokumentFel> {
    bryt_om_jamforelseblad(t, l, u, form).pdf(t)
}

/// The decision letter with the appeal instructions, A4 for a window envelope.
pub fn beslutsmeddelande(
    t: &Typsnitt,
    l: &Localizer,
    u: &Beslutsunderlag,
    form: &Form,
) -> Result<Vec<u8>, DokumentFel> {
    bryt_om_beslutsmeddelande(t, l, u, form).pdf(t)
}

/// [`valfrihetsbrev`], laid out but not written.
pub fn bryt_om_valfrihetsbrev(
    t: &Typsnitt,
    l: &Localizer,
    u: &Valfrihetsunderlag,
    form: &Form,
) -> Ombrutet {
    brev::valfrihetsbrev(t, l, u, form)
}

/// [`jamforelseblad`], laid out but not written.
pub fn bryt_om_jamforelseblad(
    t: &Typsnitt,
    l: &Localizer,
    u: &Jamforelseunderlag,
    form: &Form,
) -> Ombrutet {
    blad::jamforelseblad(t, l, u, form)
}

/// [`beslutsmeddelande`], laid out but not written.
pub fn bryt_om_beslutsmeddelande(
    t: &Typsnitt,
    l: &Localizer,
    u: &Beslutsunderlag,
    form: &Form,
) -> Ombrutet {
    beslut::beslutsmeddelande(t, l, u, form)
}

/// The sentence that states the order providers are listed in.
fn ordningsmening(l: &Localizer, sprak: &str, o: Ordningsregel) -> String {
    l.t(sprak, &format!("dokument-{}", o.meddelande_id()))
}
