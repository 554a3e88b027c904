//! Valfri's domain: the words of LOV case work (brukare, beslut, insats, utförare, kapacitetstak,
//! ickeval) as Rust types, and the validation rules for what a caseworker types in.
//!
//! This crate does no I/O. Every rejection is a [`Valideringsfel`] that names a Fluent message id,
//! so the shell, the CLI and the PDFs can all say it in the user's language.

pub mod behorighet;
pub mod beslutsfalt;
pub mod beslutsregler;
mod datum;
pub mod dokument;
mod fel;
pub mod formular;
pub mod kommando;
pub mod logg;
mod organisationsnummer;
mod personnummer;
mod text;
pub mod tilldelning;
mod typer;
pub mod val;
pub mod vantelista;

pub use datum::{dag_i_kommunen, manader, tid_i_kommunen, tolka_datum, tolv_manader};
pub use fel::{Anvandarmeddelande, Arg, Valideringsfel};
pub use organisationsnummer::Organisationsnummer;
pub use personnummer::{Personnummer, normalisera_personnummer};
pub use text::{Falt, kontrollera_postnummer, kontrollera_text, namn_i_mening, versal_forst, vika};
pub use typer::*;

/// Luhn (mod 10) check digit over a string of ASCII digits, as Skatteverket and Bolagsverket use it:
/// weights 2,1,2,1… from the left, digits of each product summed.
pub(crate) fn luhn_kontrollsiffra(siffror: &[u8]) -> u8 {
    let summa: u32 = siffror
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let p = u32::from(d) * if i % 2 == 0 { 2 } else { 1 };
            p / 10 + p % 10
        })
        .sum();
    ((10 - summa % 10) % 10) as u8
}

#[cfg(test)]
mod tests {
    use super::luhn_kontrollsiffra;

    #[test]
    fn luhn_matches_known_examples() {
        // 811218-987?: the classic textbook example has check digit 6.
        assert_eq!(luhn_kontrollsiffra(&[8, 1, 1, 2, 1, 8, 9, 8, 7]), 6);
        assert_eq!(luhn_kontrollsiffra(&[3, 4, 0, 4, 1, 5, 9, 8, 2]), 8);
    }
}
