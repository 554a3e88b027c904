//! A new beslut's fields checked against its insats: the same check on a desk and in the hub.

use crate::{
    Enhet, Falt, NyttBeslut, Utfall, Valideringsfel, kontrollera_ej_beviljat, kontrollera_text,
};

/// A beslut's fields as they are stored, once checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Beslutsfalt {
    pub diarienummer: String,
    pub omfattning: Option<f64>,
    pub motivering: String,
    pub ej_beviljat: String,
}

/// Checks the texts, the dates' order, what a delvis bifall did not grant, and the omfattning
/// against the insats's unit (`enhet`). A refusal grants nothing, so it has no omfattning.
pub fn kontrollera_beslutsfalt(
    ny: &NyttBeslut,
    enhet: Enhet,
) -> Result<Beslutsfalt, Valideringsfel> {
    let diarienummer = kontrollera_text(Falt::DIARIENUMMER, &ny.diarienummer)?;
    let motivering = kontrollera_text(Falt::MOTIVERING, &ny.motivering)?;
    let ej_beviljat = kontrollera_ej_beviljat(ny.utfall, &ny.ej_beviljat)?;
    if ny.giltig_till.is_some_and(|till| till < ny.giltig_fran) {
        return Err(Valideringsfel::DatumOrdning);
    }
    let omfattning = if ny.utfall == Utfall::Avslag {
        if ny.omfattning.is_some() {
            return Err(Valideringsfel::OmfattningEjTillampbar);
        }
        None
    } else {
        enhet.kontrollera(ny.omfattning)?
    };
    Ok(Beslutsfalt { diarienummer, omfattning, motivering, ej_beviljat })
}
