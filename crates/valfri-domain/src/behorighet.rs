//! Who may do what: the access rules as pure functions. The store asks them before it reads or
//! writes (and logs a refusal), so a second store applies the very same rules.

use crate::Roll;

/// Whether `roll` may change the provider register and the settings, import brukare and record
/// a register package: only a systemförvaltare may.
pub fn far_andra_register(roll: Roll) -> bool {
    roll == Roll::Systemforvaltare
}

/// Whether the handläggare `aktor_id` with `roll` may change or make the beslut whose
/// handläggare is `beslutets_handlaggare`: that handläggare, or a systemförvaltare.
pub fn far_andra_beslut(roll: Roll, aktor_id: &str, beslutets_handlaggare: &str) -> bool {
    aktor_id == beslutets_handlaggare || roll == Roll::Systemforvaltare
}

/// Whether a brukare's record may be opened: one with skyddade personuppgifter only with a
/// reason (`skal`, already checked as text; blank counts as none).
pub fn far_oppna_brukare(skyddad: bool, skal: Option<&str>) -> bool {
    !skyddad || skal.is_some_and(|s| !s.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_systemforvaltare_changes_the_register() {
        assert!(far_andra_register(Roll::Systemforvaltare));
        assert!(!far_andra_register(Roll::Handlaggare));
    }

    #[test]
    fn a_beslut_is_changed_by_its_handlaggare_or_a_systemforvaltare() {
        assert!(far_andra_beslut(Roll::Handlaggare, "h1", "h1"));
        assert!(!far_andra_beslut(Roll::Handlaggare, "h2", "h1"));
        assert!(far_andra_beslut(Roll::Systemforvaltare, "s1", "h1"));
    }

    #[test]
    fn a_skyddad_record_opens_only_with_a_reason() {
        assert!(far_oppna_brukare(false, None));
        assert!(far_oppna_brukare(true, Some("Ärende om byte")));
        assert!(!far_oppna_brukare(true, None));
        assert!(!far_oppna_brukare(true, Some("  ")));
    }
}
