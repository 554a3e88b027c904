//! The waiting list (väntelista, kö): a brukare who wants a provider that is at its
//! kapacitetstak may wait for a place there, keeping the provider they have (or none)
//! meanwhile. Who may wait, in which order the waiting are served, and when a place counts as
//! free for whom are decided here, so the desk's store and the hub judge alike.
//!
//! A place is never reserved: it is free when the rule that counts places
//! ([`crate::beslutsregler::haller_plats`]) leaves the provider under its cap, whatever freed it
//! (a beslut that ended, a choice that moved away, a cap that was raised). The worklist then
//! names the oldest waiting brukare for whom the provider can be chosen, as many as there are
//! free places, and giving the place is an ordinary choice.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::beslutsregler::Beslutsregelfel;
use crate::val::Valbarhet;
use crate::{Anvandarmeddelande, Arg, Valideringsfel};

/// Why an entry left the waiting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Koavslut {
    /// The brukare got the provider (the place was given, or chosen another way).
    Valt,
    /// Taken off the list by a handläggare, with a reason in words.
    Borttagen,
    /// The beslut ended.
    BeslutAvslutat,
}

impl Koavslut {
    pub const ALLA: &'static [Koavslut] =
        &[Koavslut::Valt, Koavslut::Borttagen, Koavslut::BeslutAvslutat];

    pub fn kod(self) -> &'static str {
        match self {
            Koavslut::Valt => "valt",
            Koavslut::Borttagen => "borttagen",
            Koavslut::BeslutAvslutat => "beslut_avslutat",
        }
    }

    pub fn fran_kod(kod: &str) -> Result<Self, Valideringsfel> {
        Koavslut::ALLA.iter().copied().find(|k| k.kod() == kod.trim()).ok_or_else(|| {
            Valideringsfel::OkantVarde { falt: "koavslut", varde: kod.chars().take(40).collect() }
        })
    }

    /// The Fluent id of the words a person reads.
    pub fn meddelande_id(self) -> &'static str {
        match self {
            Koavslut::Valt => "koavslut-valt",
            Koavslut::Borttagen => "koavslut-borttagen",
            Koavslut::BeslutAvslutat => "koavslut-beslut_avslutat",
        }
    }
}

/// Why a brukare cannot be put on a provider's waiting list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Kohinder {
    #[error("the brukare already has this provider")]
    Nuvarande,
    #[error("the brukare is already waiting for this provider")]
    RedanIKo,
    #[error("the provider has a free place: choose it instead")]
    PlatsFinns,
    #[error("the provider cannot be chosen for another reason than its cap: {skal}")]
    InteTak { skal: &'static str },
    #[error("the place is not this brukare's: {fore} wait before them")]
    InteTur { fore: usize },
    #[error("the entry is no longer on the waiting list")]
    InteIKo,
}

impl Anvandarmeddelande for Kohinder {
    fn meddelande_id(&self) -> &'static str {
        match self {
            Self::Nuvarande => "fel-ko-nuvarande",
            Self::RedanIKo => "fel-ko-redan",
            Self::PlatsFinns => "fel-ko-plats-finns",
            Self::InteTak { .. } => "fel-ko-inte-tak",
            Self::InteTur { .. } => "fel-ko-inte-tur",
            Self::InteIKo => "fel-ko-inte-i-ko",
        }
    }

    fn argument(&self) -> Vec<(&'static str, Arg)> {
        match self {
            Self::InteTak { skal } => vec![("skal", (*skal).into())],
            Self::InteTur { fore } => vec![("antal", (*fore as i64).into())],
            _ => Vec::new(),
        }
    }
}

/// Who may wait for a provider: the provider is not the one the brukare already has, the brukare
/// is not already waiting for it, and the only thing between them is the cap (`status` is the
/// provider's state for this beslut today). A provider with a free place is chosen, not waited
/// for; one that is paused, ended or does not serve the brukare's område cannot be waited for
/// either. Whether the beslut gives a choice at all is the caller's first check
/// (`Beslutsfakta::kan_valjas`).
pub fn kan_vanta(status: &Valbarhet, nuvarande: bool, redan_i_ko: bool) -> Result<(), Kohinder> {
    if nuvarande {
        return Err(Kohinder::Nuvarande);
    }
    if redan_i_ko {
        return Err(Kohinder::RedanIKo);
    }
    match status {
        Valbarhet::VidTak { .. } => Ok(()),
        Valbarhet::Valbar => Err(Kohinder::PlatsFinns),
        annan => Err(Kohinder::InteTak { skal: annan.kod() }),
    }
}

/// The order of a waiting list: who was put on it first is served first; two put on it in the
/// same instant by the entry's id (a ULID, which sorts by creation). `nar` gives the instant
/// (RFC 3339 UTC text, which sorts as time) and the id.
pub fn ordna_kon<T>(poster: &mut [T], nar: impl Fn(&T) -> (&str, &str)) {
    poster.sort_by(|a, b| nar(a).cmp(&nar(b)));
}

/// One waiting entry as [`lediga_platser`] needs it, in the list's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vantande<'a> {
    pub utforare_id: &'a str,
    pub insats_id: &'a str,
    /// The provider's state for this entry's beslut today (its cap, its område, its pause…).
    pub status: Valbarhet,
    /// The provider's free places for the insats today: its cap less the places held; `None`
    /// when no cap applies.
    pub lediga: Option<u32>,
}

/// For each entry (in the order [`ordna_kon`] gives), whether a place is free for it now.
/// Oldest first, each entry whose provider can be chosen for its beslut takes one of that
/// provider's free places for the insats, until they are taken; an entry whose provider cannot
/// be chosen for it for another reason (the brukare moved out of its område, the provider is
/// paused) is passed over and keeps its turn for later.
pub fn lediga_platser(vantande: &[Vantande<'_>]) -> Vec<bool> {
    let mut tagna: HashMap<(&str, &str), u32> = HashMap::new();
    vantande
        .iter()
        .map(|v| {
            if !v.status.ar_valbar() {
                return false;
            }
            let n = tagna.entry((v.utforare_id, v.insats_id)).or_insert(0);
            match v.lediga {
                Some(lediga) if *n >= lediga => false,
                _ => {
                    *n += 1;
                    true
                }
            }
        })
        .collect()
}

/// How many entries before `index` are offered a place by the same provider and insats: the
/// brukare whose turn comes first. Giving the place to an entry that has none is refused with
/// this number ([`Kohinder::InteTur`]).
pub fn fore_i_kon(vantande: &[Vantande<'_>], index: usize) -> usize {
    let Some(v) = vantande.get(index) else { return 0 };
    vantande[..index]
        .iter()
        .filter(|x| x.utforare_id == v.utforare_id && x.insats_id == v.insats_id)
        .filter(|x| x.status.ar_valbar())
        .count()
}

/// A reason for taking someone off the list, as typed: required, checked like other text.
pub fn kontrollera_borttagning(skal: &str) -> Result<String, Valideringsfel> {
    if skal.trim().is_empty() {
        return Err(Valideringsfel::Saknas { falt: "skal" });
    }
    crate::kontrollera_text(crate::Falt::SKAL, skal)
}

impl From<Kohinder> for Beslutsregelfel {
    fn from(h: Kohinder) -> Self {
        Beslutsregelfel::Ko(h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vid_tak() -> Valbarhet {
        Valbarhet::VidTak { tak: 2, aktiva: 2 }
    }

    #[test]
    fn only_a_provider_at_its_cap_can_be_waited_for_once_and_not_ones_own() {
        assert_eq!(kan_vanta(&vid_tak(), false, false), Ok(()));
        assert_eq!(kan_vanta(&vid_tak(), true, false), Err(Kohinder::Nuvarande));
        assert_eq!(kan_vanta(&vid_tak(), false, true), Err(Kohinder::RedanIKo));
        assert_eq!(kan_vanta(&Valbarhet::Valbar, false, false), Err(Kohinder::PlatsFinns));
        assert_eq!(
            kan_vanta(&Valbarhet::EjOmrade, false, false),
            Err(Kohinder::InteTak { skal: "ej_omrade" })
        );
    }

    #[test]
    fn the_oldest_is_served_first_and_ties_go_by_id() {
        let mut v = vec![
            ("2026-11-02T10:00:00Z", "B"),
            ("2026-11-01T10:00:00Z", "C"),
            ("2026-11-02T10:00:00Z", "A"),
        ];
        ordna_kon(&mut v, |x| (x.0, x.1));
        assert_eq!(v.iter().map(|x| x.1).collect::<String>(), "CAB");
    }

    #[test]
    fn free_places_go_oldest_first_passing_over_who_cannot_take_them() {
        let v =
            |u, status, lediga| Vantande { utforare_id: u, insats_id: "hemtjanst", status, lediga };
        let lista = [
            v("A", Valbarhet::EjOmrade, Some(1)),
            v("A", Valbarhet::Valbar, Some(1)),
            v("A", Valbarhet::Valbar, Some(1)),
            v("B", vid_tak(), Some(0)),
            v("C", Valbarhet::Valbar, None),
            v("C", Valbarhet::Valbar, None),
        ];
        assert_eq!(lediga_platser(&lista), [false, true, false, false, true, true]);
        assert_eq!(fore_i_kon(&lista, 2), 1);
        assert_eq!(fore_i_kon(&lista, 1), 0);
        assert_eq!(fore_i_kon(&lista, 9), 0);
    }

    #[test]
    fn a_reason_is_needed_to_take_someone_off() {
        assert_eq!(kontrollera_borttagning("  "), Err(Valideringsfel::Saknas { falt: "skal" }));
        assert_eq!(
            kontrollera_borttagning("Vill inte vänta längre").as_deref(),
            Ok("Vill inte vänta längre")
        );
        for k in Koavslut::ALLA {
            assert_eq!(Koavslut::fran_kod(k.kod()), Ok(*k));
        }
    }
}
