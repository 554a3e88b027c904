//! Signed register packages for offices without a network.
//!
//! The systemförvaltare exports the whole register, signed with an ed25519 key; an office
//! applies it with the public key it was given. A package is a small JSON envelope:
//!
//! ```text
//! { "format": "valfri-registerpaket", "formatversion": 1,
//!   "nyckel": "<public key, hex>", "signatur": "<ed25519 signature, hex>",
//!   "innehall": "<the content as a JSON text>" }
//! ```
//!
//! The signature covers `valfri-registerpaket/1\n` followed by the exact bytes of
//! `innehall`, so nothing is re-serialised before checking and the signature cannot be reused
//! for another kind of document. The content names its `paketversion` (the register version it
//! was made from): an office applies only a version higher than any it has applied, so an old
//! package cannot be replayed to undo a newer one. The office's register then holds exactly
//! the package's providers, matched by organisationsnummer; a provider the office has that the
//! package lacks is left unchanged and reported (the same rule as an import).

use std::path::Path;

use chrono::NaiveDate;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use valfri_domain::Utforare;
use valfri_store::{Aktor, Paketutfall, Registerpaket, Store};

use crate::Utbytesfel;
use crate::utforare::{Forhandsgranskning, beskrivning_for, forhandsgranska};

const FORMAT: &str = "valfri-registerpaket";
const FORMATVERSION: u32 = 1;
const DOMAN: &[u8] = b"valfri-registerpaket/1\n";
const HEMLIG_RUBRIK: &str = "valfri-ed25519-hemlig";
const PUBLIK_RUBRIK: &str = "valfri-ed25519-publik";

#[derive(Debug, Serialize, Deserialize)]
struct Kuvert {
    format: String,
    formatversion: u32,
    nyckel: String,
    signatur: String,
    innehall: String,
}

/// What a package carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paketinnehall {
    pub paketversion: i64,
    pub skapad: String,
    pub kommun: String,
    pub utforare: Vec<Utforare>,
}

/// A package whose signature has been checked.
#[derive(Debug, Clone, PartialEq)]
pub struct KontrolleratPaket {
    pub innehall: Paketinnehall,
    pub nyckel: String,
    pub sha256: String,
}

/// What applying a package did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TillampatPaket {
    pub paketversion: i64,
    /// The office's new register version; none when the office had the content already.
    pub registerversion: Option<i64>,
    pub forhandsgranskning: Forhandsgranskning,
}

pub(crate) fn hex(b: &[u8]) -> String {
    use std::fmt::Write;
    b.iter().fold(String::with_capacity(b.len() * 2), |mut s, x| {
        let _ = write!(s, "{x:02x}");
        s
    })
}

fn fran_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let text = text.trim();
    if text.len() != N * 2 || !text.is_ascii() {
        return None;
    }
    let mut ut = [0u8; N];
    for (i, b) in ut.iter_mut().enumerate() {
        *b = u8::from_str_radix(text.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(ut)
}

/// A new key pair: the secret key text (for the systemförvaltare only) and the public key text
/// (for every office).
pub fn ny_nyckel() -> (String, String) {
    // ThreadRng is a CSPRNG seeded from the operating system.
    let hemlig: [u8; 32] = rand::random();
    let nyckel = SigningKey::from_bytes(&hemlig);
    (
        format!("{HEMLIG_RUBRIK} {}\n", hex(&hemlig)),
        format!("{PUBLIK_RUBRIK} {}\n", hex(nyckel.verifying_key().as_bytes())),
    )
}

/// Writes a new key pair to `fil` (secret, readable by its owner only) and `fil.pub`. Refuses to
/// overwrite either: a lost secret key means new public keys for every office.
pub fn skriv_nyckelpar(fil: &Path) -> Result<std::path::PathBuf, Utbytesfel> {
    let (hemlig, publik) = ny_nyckel();
    let mut pub_namn = fil.as_os_str().to_owned();
    pub_namn.push(".pub");
    let pub_fil = std::path::PathBuf::from(pub_namn);
    skriv_ny(fil, hemlig.as_bytes(), true)?;
    if let Err(e) = skriv_ny(&pub_fil, publik.as_bytes(), false) {
        // Without its public half the secret key is useless; leave no half pair behind.
        let _ = std::fs::remove_file(fil);
        return Err(e);
    }
    Ok(pub_fil)
}

fn skriv_ny(fil: &Path, innehall: &[u8], hemlig: bool) -> Result<(), Utbytesfel> {
    use std::io::Write;
    let fel = |e: std::io::Error| Utbytesfel::Fil {
        sokvag: fil.display().to_string(),
        detalj: e.to_string(),
    };
    let mut alternativ = std::fs::OpenOptions::new();
    alternativ.write(true).create_new(true);
    #[cfg(unix)]
    if hemlig {
        use std::os::unix::fs::OpenOptionsExt;
        alternativ.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = hemlig;
    let mut f = alternativ.open(fil).map_err(fel)?;
    f.write_all(innehall).map_err(fel)?;
    f.sync_all().map_err(fel)
}

fn las_nyckelfil(fil: &Path, rubrik: &str) -> Result<[u8; 32], Utbytesfel> {
    let fel = || Utbytesfel::Nyckel { sokvag: fil.display().to_string() };
    let bytes = std::fs::read(fil).map_err(|e| Utbytesfel::Fil {
        sokvag: fil.display().to_string(),
        detalj: e.to_string(),
    })?;
    tolka_nyckel(&bytes, rubrik).ok_or_else(fel)
}

fn tolka_nyckel(bytes: &[u8], rubrik: &str) -> Option<[u8; 32]> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut delar = text.split_whitespace();
    if delar.next()? != rubrik {
        return None;
    }
    let nyckel = fran_hex::<32>(delar.next()?)?;
    delar.next().is_none().then_some(nyckel)
}

pub fn las_hemlig_nyckel(fil: &Path) -> Result<SigningKey, Utbytesfel> {
    las_nyckelfil(fil, HEMLIG_RUBRIK).map(|b| SigningKey::from_bytes(&b))
}

pub fn las_publik_nyckel(fil: &Path) -> Result<VerifyingKey, Utbytesfel> {
    let b = las_nyckelfil(fil, PUBLIK_RUBRIK)?;
    VerifyingKey::from_bytes(&b)
        .map_err(|_| Utbytesfel::Nyckel { sokvag: fil.display().to_string() })
}

/// Makes a signed package of the whole register as it is now.
pub fn skapa(store: &Store, nyckel: &SigningKey, dag: NaiveDate) -> Result<Vec<u8>, Utbytesfel> {
    let innehall = Paketinnehall {
        paketversion: store.registerversion()?,
        skapad: dag.to_string(),
        kommun: store.kommun()?.namn,
        utforare: store.utforare_lista()?,
    };
    signera(&innehall, nyckel)
}

/// Signs given content; [`skapa`] is the usual way in. Public so tests can make packages of any
/// version.
pub fn signera(innehall: &Paketinnehall, nyckel: &SigningKey) -> Result<Vec<u8>, Utbytesfel> {
    let text = serde_json::to_string(innehall)
        .map_err(|e| Utbytesfel::Fil { sokvag: "paket".into(), detalj: e.to_string() })?;
    let mut meddelande = DOMAN.to_vec();
    meddelande.extend_from_slice(text.as_bytes());
    let kuvert = Kuvert {
        format: FORMAT.into(),
        formatversion: FORMATVERSION,
        nyckel: hex(nyckel.verifying_key().as_bytes()),
        signatur: hex(&nyckel.sign(&meddelande).to_bytes()),
        innehall: text,
    };
    serde_json::to_vec_pretty(&kuvert)
        .map_err(|e| Utbytesfel::Fil { sokvag: "paket".into(), detalj: e.to_string() })
}

/// Checks a package's form and signature against the trusted key. Nothing in the content is
/// read before the signature holds.
pub fn kontrollera(bytes: &[u8], betrodd: &VerifyingKey) -> Result<KontrolleratPaket, Utbytesfel> {
    if bytes.len() > crate::tabell::MAX_BYTE {
        return Err(Utbytesfel::PaketForm);
    }
    let kuvert: Kuvert = serde_json::from_slice(bytes).map_err(|_| Utbytesfel::PaketForm)?;
    if kuvert.format != FORMAT || kuvert.formatversion != FORMATVERSION {
        return Err(Utbytesfel::PaketForm);
    }
    let signatur = fran_hex::<64>(&kuvert.signatur).ok_or(Utbytesfel::Signatur)?;
    if fran_hex::<32>(&kuvert.nyckel).is_none_or(|n| n != *betrodd.as_bytes()) {
        return Err(Utbytesfel::AnnanNyckel);
    }
    let mut meddelande = DOMAN.to_vec();
    meddelande.extend_from_slice(kuvert.innehall.as_bytes());
    // verify_strict also refuses weak keys and malleable signatures.
    betrodd
        .verify_strict(&meddelande, &Signature::from_bytes(&signatur))
        .map_err(|_| Utbytesfel::Signatur)?;
    let innehall: Paketinnehall =
        serde_json::from_str(&kuvert.innehall).map_err(|_| Utbytesfel::PaketForm)?;
    Ok(KontrolleratPaket { innehall, nyckel: kuvert.nyckel, sha256: hex(&Sha256::digest(bytes)) })
}

/// What applying the package would change, without applying it: refused, as applying is,
/// when the office already has this package or a newer one.
pub fn forhandsgranska_paket(
    store: &Store,
    paket: &KontrolleratPaket,
    dag: NaiveDate,
) -> Result<Forhandsgranskning, Utbytesfel> {
    forhandsgranska(store, &med_ider(store, paket)?, dag)
}

/// The package's providers with this office's ids, after the check that it is newer.
fn med_ider(store: &Store, paket: &KontrolleratPaket) -> Result<Vec<Utforare>, Utbytesfel> {
    let version = paket.innehall.paketversion;
    if let Some(senaste) = store.senaste_registerpaket()?.filter(|s| *s >= version) {
        return Err(Utbytesfel::GammalVersion { paket: version, senaste });
    }
    // Ids are each database's own; the organisationsnummer is what identifies a provider
    // across offices.
    let utforare: Vec<Utforare> = paket
        .innehall
        .utforare
        .iter()
        .map(|u| Utforare { id: String::new(), ..u.clone() })
        .collect();
    let befintliga = store.utforare_lista()?;
    Ok(utforare
        .into_iter()
        .map(|u| {
            let id = befintliga
                .iter()
                .find(|b| b.organisationsnummer == u.organisationsnummer)
                .map(|b| b.id.clone())
                .unwrap_or_default();
            Utforare { id, ..u }
        })
        .collect())
}

/// Applies a checked package: refuses one not newer than the last applied, then saves every
/// changed provider in one register version and records the package version.
pub fn tillampa(
    store: &Store,
    aktor: &Aktor,
    paket: &KontrolleratPaket,
    dag: NaiveDate,
) -> Result<TillampatPaket, Utbytesfel> {
    let version = paket.innehall.paketversion;
    let med_ider = med_ider(store, paket)?;
    let forhandsgranskning = forhandsgranska(store, &med_ider, dag)?;
    let beskrivning =
        beskrivning_for(&format!("registerpaket {version} ({})", paket.innehall.kommun));
    let registerpaket =
        Registerpaket { paketversion: version, nyckel: &paket.nyckel, sha256: &paket.sha256 };
    // The check above only spares the work; the store checks again in the transaction that
    // writes, where two packages applied at once cannot both pass.
    let registerversion =
        match store.tillampa_registerpaket(aktor, registerpaket, &med_ider, &beskrivning)? {
            Paketutfall::Tillampat { sparat, .. } => sparat.map(|s| s.version),
            Paketutfall::Aldre { senaste } => {
                return Err(Utbytesfel::GammalVersion { paket: version, senaste });
            }
        };
    Ok(TillampatPaket { paketversion: version, registerversion, forhandsgranskning })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_text_round_trips_and_junk_is_refused() {
        let (hemlig, publik) = ny_nyckel();
        assert!(tolka_nyckel(hemlig.as_bytes(), HEMLIG_RUBRIK).is_some());
        assert!(tolka_nyckel(publik.as_bytes(), PUBLIK_RUBRIK).is_some());
        assert!(tolka_nyckel(publik.as_bytes(), HEMLIG_RUBRIK).is_none());
        assert!(tolka_nyckel(b"valfri-ed25519-publik zz", PUBLIK_RUBRIK).is_none());
        assert!(
            tolka_nyckel("valfri-ed25519-publik ".repeat(3).as_bytes(), PUBLIK_RUBRIK).is_none()
        );
        assert!(fran_hex::<2>("é1").is_none());
    }
}
