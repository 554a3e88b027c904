//! Register text in the reader's language: a provider's inriktningar, tilläggstjänster,
//! presentation and quality indicator names come translated from the register where they
//! are; where they are not, the Swedish is printed with a mark, and the document ends with a
//! note in the reader's language that those parts are in Swedish and that an interpreter can
//! be had. The lagrum is a legal citation and stays as written, with the law's name explained.

use std::cell::Cell;

use valfri_domain::PaSprak;
use valfri_domain::dokument::Utforaruppgift;
use valfri_l10n::Localizer;

use crate::gemensamt::lista;

/// Marks Swedish text in a document in another language, and remembers whether it did.
pub(crate) struct Markering<'a> {
    l: &'a Localizer,
    sp: &'a str,
    anvand: Cell<bool>,
}

impl<'a> Markering<'a> {
    pub(crate) fn ny(l: &'a Localizer, sp: &'a str) -> Self {
        Self { l, sp, anvand: Cell::new(false) }
    }

    /// A list field, or `saknas` when it is empty.
    pub(crate) fn lista(&self, p: &PaSprak<Vec<String>>, saknas: &str) -> String {
        self.markera(lista(&p.varde, saknas), p.svenska)
    }

    pub(crate) fn text(&self, p: &PaSprak<String>) -> String {
        self.markera(p.varde.clone(), p.svenska)
    }

    fn markera(&self, text: String, svenska: bool) -> String {
        if !svenska {
            return text;
        }
        self.anvand.set(true);
        format!("{text} {}", self.l.t(self.sp, "dokument-pa-svenska"))
    }

    /// The note for the end of the document, when something was marked.
    pub(crate) fn not(&self) -> Option<String> {
        self.anvand.get().then(|| self.l.t(self.sp, "dokument-pa-svenska-not"))
    }
}

/// The name of the quality indicator called `namn` in Swedish, for a reader of `sp`: the
/// translation any provider's figure carries.
pub(crate) fn indikatornamn(utforare: &[Utforaruppgift], namn: &str, sp: &str) -> PaSprak<String> {
    let alla = utforare.iter().flat_map(|x| &x.utforare.kvalitet).filter(|k| k.namn == namn);
    alla.clone()
        .map(|k| k.namn_pa(sp))
        .find(|p| !p.svenska)
        .unwrap_or_else(|| PaSprak { varde: namn.to_owned(), svenska: sp != "sv" })
}

/// A quality figure's unit as the register gives it, for a reader of `sp`: a sign ("%") as it
/// is, a unit the Fluent files know ("personer", "dagar") in the reader's words, any other
/// the Swedish, flagged for the caller to mark. The register has no translations of units.
pub(crate) fn enhet(l: &Localizer, sp: &str, enhet: &str) -> PaSprak<String> {
    let e = enhet.trim();
    if sp == "sv" || !e.chars().any(char::is_alphabetic) {
        return PaSprak { varde: e.to_owned(), svenska: false };
    }
    let id = format!("dokument-kvalitetsenhet-{}", e.to_lowercase());
    let ord = l.t(sp, &id);
    if ord == id {
        PaSprak { varde: e.to_owned(), svenska: true }
    } else {
        PaSprak { varde: ord, svenska: false }
    }
}

/// An indicator's column heading, "name, unit": marked once at the end when both are Swedish.
pub(crate) fn namn_och_enhet(
    m: &Markering<'_>,
    namn: &PaSprak<String>,
    enhet: Option<&PaSprak<String>>,
) -> String {
    match enhet {
        None => m.text(namn),
        Some(e) if namn.svenska && e.svenska => {
            m.text(&PaSprak { varde: format!("{}, {}", namn.varde, e.varde), svenska: true })
        }
        Some(e) => format!("{}, {}", m.text(namn), m.text(e)),
    }
}

/// The laws a lagrum cites, by the words that name them in Swedish.
const LAGAR: &[(&[&str], &str)] =
    &[(&["socialtjänstlag", "sol"], "dokument-lag-sol"), (&["lss"], "dokument-lag-lss")];

/// The lagrum as the decision cites it; in another language than Swedish followed by the name
/// of the law in that language, or by the Swedish mark when the law is not one we know.
pub(crate) fn lagrum(l: &Localizer, sp: &str, m: &Markering<'_>, lagrum: &str) -> String {
    if sp == "sv" || lagrum.trim().is_empty() {
        return lagrum.to_owned();
    }
    let ord: Vec<String> = lagrum
        .split(|c: char| !c.is_alphanumeric())
        .filter(|o| !o.is_empty())
        .map(str::to_lowercase)
        .collect();
    let namn: Vec<String> = LAGAR
        .iter()
        .filter(|(nycklar, _)| {
            ord.iter().any(|o| nycklar.iter().any(|n| o == n || (n.len() > 3 && o.starts_with(n))))
        })
        .map(|(_, id)| l.t(sp, id))
        .collect();
    if namn.is_empty() {
        m.markera(lagrum.to_owned(), true)
    } else {
        format!("{lagrum} ({})", namn.join(", "))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_known_law_is_named_in_the_readers_language_and_an_unknown_one_is_marked() {
        let l = Localizer::new().unwrap();
        let m = Markering::ny(&l, "fi");
        let sol = lagrum(&l, "fi", &m, "Socialtjänstlagen (2025:400), bistånd");
        assert!(sol.starts_with("Socialtjänstlagen (2025:400), bistånd ("), "{sol}");
        assert!(sol.contains(&l.t("fi", "dokument-lag-sol")));
        assert!(m.not().is_none());
        let lss = lagrum(&l, "en", &m, "9 § 10 LSS");
        assert!(lss.contains(&l.t("en", "dokument-lag-lss")), "{lss}");
        let annan = lagrum(&l, "fi", &m, "Hälso- och sjukvårdslagen 8 kap.");
        assert!(annan.ends_with(&l.t("fi", "dokument-pa-svenska")), "{annan}");
        assert!(m.not().is_some());
        assert_eq!(lagrum(&l, "sv", &Markering::ny(&l, "sv"), "9 § 10 LSS"), "9 § 10 LSS");
    }

    #[test]
    fn a_unit_is_a_sign_a_word_in_the_readers_language_or_swedish_to_be_marked() {
        let l = Localizer::new().unwrap();
        let e = |sp: &str, enhet: &str| {
            let p = enhet_pa(&l, sp, enhet);
            (p.varde, p.svenska)
        };
        assert_eq!(e("fi", "%"), ("%".into(), false));
        assert_eq!(e("fi", "Personer"), ("henkilöä".into(), false));
        assert_eq!(e("en", "personer"), ("people".into(), false));
        assert_eq!(e("en", "dagar"), ("days".into(), false));
        assert_eq!(e("fi", "personer på 14 dagar"), ("personer på 14 dagar".into(), true));
        assert_eq!(e("sv", "personer"), ("personer".into(), false));
        let m = Markering::ny(&l, "fi");
        let namn = PaSprak { varde: "Personalkontinuitet".to_owned(), svenska: true };
        let rubrik = namn_och_enhet(&m, &namn, Some(&enhet_pa(&l, "fi", "personer på 14 dagar")));
        let merke = l.t("fi", "dokument-pa-svenska");
        assert_eq!(rubrik, format!("Personalkontinuitet, personer på 14 dagar {merke}"));
        let rubrik = namn_och_enhet(&m, &namn, Some(&enhet_pa(&l, "fi", "personer")));
        assert_eq!(rubrik, format!("Personalkontinuitet {merke}, henkilöä"));
    }

    fn enhet_pa(l: &Localizer, sp: &str, e: &str) -> PaSprak<String> {
        enhet(l, sp, e)
    }
}
