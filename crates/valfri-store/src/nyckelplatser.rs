//! Key slots (nyckelplatser): each person unlocks the database with their own login and
//! passphrase, so who is working is proven by the unlocking, never picked from a list.
//!
//! A database with slots is encrypted with a random 256-bit key, given to `SQLCipher` in its
//! raw form (`x'…'`, no PBKDF2 of its own). The key is wrapped once per person in
//! `NAME.nycklar` beside the database, which must be readable before the database is: `SQLCipher`
//! encrypts every page from the first byte on except a 16-byte salt (its plaintext-header option
//! leaves only the fixed `SQLite` header, 32 bytes at most, in the clear), so there is no room in
//! the file for slots, and they live beside it.
//!
//! Each slot holds:
//! - the person's X25519 secret, sealed (XChaCha20-Poly1305) with a key derived from their
//!   passphrase by Argon2id ([`Kdfparametrar::STANDARD`]), bound to their login and handläggare;
//! - the matching public key, and the database key sealed to it (X25519 with a one-off key,
//!   HKDF-SHA256, XChaCha20-Poly1305). So a systemförvaltare who removes someone can give the
//!   database a new key and seal it for everyone left without knowing their passphrases, and
//!   the removed person's old secret opens nothing new;
//! - a MAC of the slot's public fields under the database key: only someone who holds the key
//!   can add a slot or change whose it is.
//!
//! The file holds no passphrase, no key in the clear and no name of a brukare: logins,
//! handläggare ids, dates, salts, public keys and sealed bytes. Wrong login and wrong
//! passphrase are one error, after the same Argon2 work, so the lock screen does not reveal
//! which logins exist (the file itself does, to whoever can read it).
//!
//! Giving the database a new key (converting from a shared passphrase, removing a person,
//! restoring a backup with other slots) copies it with the new key to `NAME.nyckelbyte.tmp`,
//! checks the copy, names it `NAME.nyckelbyte-<key id>`, and then writes the slot file: that
//! rename is the one moment the act happens. Then the copy is renamed over the database. A
//! start that finds a `nyckelbyte-<id>` copy finishes the act when the slot file has that key
//! id and removes the copy otherwise ([`reda_upp_nyckelbyte`]), so a killed act leaves a
//! database that opens with the old key or the new one, never neither.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rand::TryRngCore;
use rand::rngs::OsRng;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use valfri_domain::{Anvandarmeddelande, Arg, Roll};
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use crate::databasfil::{
    foralder, io_fel, sidofil, sidofil_raw, synka, synka_mapp, ta_bort_databas,
};
use crate::{
    Aktor, Filtyp, Lagringsfel, Loggstatus, Losenfras, Oppning, Resultat, Store, filtyp, logg,
};

/// Argon2id's cost for deriving a slot's key from a passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kdfparametrar {
    pub minne_kib: u32,
    pub varv: u32,
    pub tradar: u32,
}

impl Kdfparametrar {
    /// RFC 9106's second recommended choice (64 MiB, 3 passes) on one lane, well above OWASP's
    /// minimum for argon2id (19 MiB, 2 passes): a few tenths of a second per unlock on a laptop,
    /// and the memory makes guessing on graphics cards expensive. Every new slot gets these.
    pub const STANDARD: Self = Self { minne_kib: 64 * 1024, varv: 3, tradar: 1 };

    /// What a slot file may ask for: enough to read a file made with stronger settings, and no
    /// more memory than a laptop can spare (a hostile file must not make us allocate 4 GiB).
    fn rimliga(&self) -> bool {
        (8 * self.tradar..=1024 * 1024).contains(&self.minne_kib)
            && (1..=32).contains(&self.varv)
            && (1..=8).contains(&self.tradar)
    }
}

/// The person who unlocked the database with their slot. Read from the handläggare table after
/// unlocking: the slot names the handläggare, the database says who that is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub anvandare: String,
    pub handlaggare_id: String,
    pub namn: String,
    pub roll: Roll,
}

impl Person {
    /// The actor every act of this person is logged with.
    pub fn aktor(&self) -> Aktor {
        Aktor { id: self.handlaggare_id.clone(), namn: self.namn.clone(), roll: self.roll }
    }
}

/// One slot as `valfri user list` and the window show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inloggning {
    pub anvandare: String,
    pub handlaggare_id: String,
    /// `None` when the handläggare is no longer in the database (the slot opens nothing).
    pub namn: Option<String>,
    pub roll: Option<Roll>,
    pub skapad: String,
}

/// What a start found left by a key change that was killed, and did about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AvbrutetNyckelbyte {
    /// The slot file already had the new key: the copy with that key took the database's name.
    Slutfort,
    /// The slot file still had the old key: the half-made copy is removed, nothing changed.
    Angrat,
}

impl Anvandarmeddelande for AvbrutetNyckelbyte {
    fn meddelande_id(&self) -> &'static str {
        match self {
            Self::Slutfort => "db-nyckelbyte-slutfort",
            Self::Angrat => "db-nyckelbyte-angrat",
        }
    }

    fn argument(&self) -> Vec<(&'static str, Arg)> {
        Vec::new()
    }
}

const FORMAT: &str = "valfri-nyckelplatser";
const VERSION: u32 = 1;
/// A slot is well under 1 kB; a thousand of them fit with room to spare.
const STORSTA_FIL: u64 = 1024 * 1024;
const STORSTA_ANTAL: usize = 1000;
const INGEN: &str = "ingen";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Nyckelfil {
    format: String,
    version: u32,
    /// Which database key the slots wrap (random, not secret): a key change gives a new one.
    nyckel_id: String,
    platser: Vec<Plats>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Plats {
    anvandare: String,
    handlaggare_id: String,
    skapad: String,
    kdf: Kdf,
    /// The person's X25519 secret, sealed with the key their passphrase gives.
    privat: Forseglat,
    /// The public half, which the database key is sealed to.
    publik: String,
    /// The database key, sealed to `publik` with the one-off key `tillfallig`.
    nyckel: Forseglat,
    /// HMAC-SHA256 under the database key of the fields above that say whose slot this is.
    mac: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Kdf {
    algoritm: String,
    #[serde(flatten)]
    parametrar: Kdfparametrar,
    salt: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Forseglat {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tillfallig: Option<String>,
    nonce: String,
    chiffer: String,
}

type Nyckel = Zeroizing<[u8; 32]>;

/// `NAME.nycklar` beside the database.
pub fn nyckelfil(db: &Path) -> PathBuf {
    sidofil(db, "nycklar")
}

/// Whether the database at `sokvag` has key slots (then it opens only with [`oppna_som`]).
/// Readable while the database is locked: the lock screen asks for a login when it is `true`.
pub fn har_personliga_nycklar(sokvag: &Path) -> Resultat<bool> {
    nyckelfil(sokvag).try_exists().map_err(|e| io_fel(sokvag, &e))
}

/// Logins are compared without regard to case, and kept in lower case: `Anna.Lind` is
/// `anna.lind`. Letters a–z and digits, with `.`, `-`, `_` and `@` inside, at most 64.
pub(crate) fn normalisera_anvandare(anvandare: &str) -> Resultat<String> {
    let namn = anvandare.trim().to_lowercase();
    let tillatet = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_@".contains(c);
    if namn.is_empty()
        || namn.len() > 64
        || !namn.chars().all(tillatet)
        || !namn.starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        return Err(Lagringsfel::OgiltigInloggning);
    }
    Ok(namn)
}

fn slump<const N: usize>() -> Resultat<Zeroizing<[u8; N]>> {
    let mut ut = Zeroizing::new([0u8; N]);
    OsRng
        .try_fill_bytes(ut.as_mut_slice())
        .map_err(|e| Lagringsfel::Internt { detalj: format!("random: {e}") })?;
    Ok(ut)
}

/// A new random database key.
pub(crate) fn slumpnyckel() -> Resultat<Nyckel> {
    slump::<32>()
}

fn fran_hex<const N: usize>(text: &str) -> Option<Zeroizing<[u8; N]>> {
    let mut ut = Zeroizing::new([0u8; N]);
    hex::decode_to_slice(text, ut.as_mut_slice()).ok()?;
    Some(ut)
}

fn harled(losen: &Losenfras, kdf: &Kdf) -> Resultat<Nyckel> {
    let p = kdf.parametrar;
    let salt =
        hex::decode(&kdf.salt).map_err(|_| Lagringsfel::Internt { detalj: "salt".into() })?;
    let params = Params::new(p.minne_kib, p.varv, p.tradar, Some(32))
        .map_err(|e| Lagringsfel::Internt { detalj: format!("argon2: {e}") })?;
    let mut ut = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(losen.text().as_bytes(), &salt, ut.as_mut_slice())
        .map_err(|e| Lagringsfel::Internt { detalj: format!("argon2: {e}") })?;
    Ok(ut)
}

fn forsegla(nyckel: &[u8; 32], data: &[u8], aad: &[u8]) -> Resultat<Forseglat> {
    let nonce = slump::<24>()?;
    let chiffer = XChaCha20Poly1305::new(nyckel.into())
        .encrypt(XNonce::from_slice(nonce.as_slice()), Payload { msg: data, aad })
        .map_err(|_| Lagringsfel::Internt { detalj: "seal".into() })?;
    Ok(Forseglat {
        tillfallig: None,
        nonce: hex::encode(nonce.as_slice()),
        chiffer: hex::encode(chiffer),
    })
}

/// `None` for a wrong key or changed bytes: the two cannot and need not be told apart.
fn oppna_forseglat(nyckel: &[u8; 32], f: &Forseglat, aad: &[u8]) -> Option<Nyckel> {
    let nonce = fran_hex::<24>(&f.nonce)?;
    let chiffer = hex::decode(&f.chiffer).ok()?;
    let klar = Zeroizing::new(
        XChaCha20Poly1305::new(nyckel.into())
            .decrypt(XNonce::from_slice(nonce.as_slice()), Payload { msg: &chiffer, aad })
            .ok()?,
    );
    let mut ut = Zeroizing::new([0u8; 32]);
    if klar.len() != 32 {
        return None;
    }
    ut.copy_from_slice(&klar);
    Some(ut)
}

/// The key that seals to (or opens from) a public key, from an X25519 agreement.
fn delad_nyckel(
    hemlig: &StaticSecret,
    andra: &PublicKey,
    tillfallig: &PublicKey,
    mottagare: &PublicKey,
) -> Option<Nyckel> {
    let delad = hemlig.diffie_hellman(andra);
    // A low-order public key from a hostile file would give an all-zero agreement.
    if !delad.was_contributory() {
        return None;
    }
    let mut salt = [0u8; 64];
    salt[..32].copy_from_slice(tillfallig.as_bytes());
    salt[32..].copy_from_slice(mottagare.as_bytes());
    let mut ut = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(Some(&salt), delad.as_bytes())
        .expand(b"valfri-nyckelplats v1 databasnyckel", ut.as_mut_slice())
        .ok()?;
    Some(ut)
}

impl Plats {
    fn aad_privat(&self) -> Vec<u8> {
        format!(
            "valfri-nyckelplats v1 privat\0{}\0{}\0{}",
            self.anvandare, self.handlaggare_id, self.publik
        )
        .into_bytes()
    }

    fn aad_nyckel(&self, nyckel_id: &str) -> Vec<u8> {
        format!(
            "valfri-nyckelplats v1 nyckel\0{nyckel_id}\0{}\0{}\0{}",
            self.anvandare, self.handlaggare_id, self.publik
        )
        .into_bytes()
    }

    fn mac_for(&self, nyckel_id: &str, databasnyckel: &[u8; 32]) -> Resultat<Vec<u8>> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(databasnyckel)
            .map_err(|_| Lagringsfel::Internt { detalj: "hmac".into() })?;
        mac.update(&self.aad_nyckel(nyckel_id));
        mac.update(b"\0");
        mac.update(self.skapad.as_bytes());
        Ok(mac.finalize().into_bytes().to_vec())
    }

    fn mac_stammer(&self, nyckel_id: &str, databasnyckel: &[u8; 32]) -> bool {
        let Ok(forvantad) = hex::decode(&self.mac) else { return false };
        let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(databasnyckel) else {
            return false;
        };
        mac.update(&self.aad_nyckel(nyckel_id));
        mac.update(b"\0");
        mac.update(self.skapad.as_bytes());
        mac.verify_slice(&forvantad).is_ok()
    }

    fn ny(
        anvandare: String,
        handlaggare_id: String,
        losen: &Losenfras,
        databasnyckel: &[u8; 32],
        nyckel_id: &str,
    ) -> Resultat<Self> {
        let hemlig = slump::<32>()?;
        let hemlig = StaticSecret::from(*hemlig);
        let publik = PublicKey::from(&hemlig);
        let kdf = Kdf {
            algoritm: "argon2id".into(),
            parametrar: Kdfparametrar::STANDARD,
            salt: hex::encode(slump::<16>()?.as_slice()),
        };
        let mut plats = Plats {
            anvandare,
            handlaggare_id,
            skapad: crate::idag().to_string(),
            kdf,
            privat: Forseglat { tillfallig: None, nonce: String::new(), chiffer: String::new() },
            publik: hex::encode(publik.as_bytes()),
            nyckel: Forseglat { tillfallig: None, nonce: String::new(), chiffer: String::new() },
            mac: String::new(),
        };
        plats.forsegla_privat(losen, &hemlig)?;
        plats.forsegla_nyckel(databasnyckel, nyckel_id)?;
        Ok(plats)
    }

    /// Seals the person's secret with a key from `losen` (a new salt each time).
    fn forsegla_privat(&mut self, losen: &Losenfras, hemlig: &StaticSecret) -> Resultat<()> {
        self.kdf.parametrar = Kdfparametrar::STANDARD;
        self.kdf.salt = hex::encode(slump::<16>()?.as_slice());
        let kek = harled(losen, &self.kdf)?;
        let bytes = Zeroizing::new(hemlig.to_bytes());
        self.privat = forsegla(&kek, bytes.as_slice(), &self.aad_privat())?;
        Ok(())
    }

    /// Seals the database key to this slot's public key, and signs the slot with it.
    fn forsegla_nyckel(&mut self, databasnyckel: &[u8; 32], nyckel_id: &str) -> Resultat<()> {
        let mottagare = PublicKey::from(
            *fran_hex::<32>(&self.publik)
                .ok_or(Lagringsfel::Internt { detalj: "public key".into() })?,
        );
        let tillfallig = StaticSecret::from(*slump::<32>()?);
        let tillfallig_publik = PublicKey::from(&tillfallig);
        let nyckel = delad_nyckel(&tillfallig, &mottagare, &tillfallig_publik, &mottagare)
            .ok_or(Lagringsfel::Internt { detalj: "public key".into() })?;
        let mut f = forsegla(&nyckel, databasnyckel, &self.aad_nyckel(nyckel_id))?;
        f.tillfallig = Some(hex::encode(tillfallig_publik.as_bytes()));
        self.nyckel = f;
        self.mac = hex::encode(self.mac_for(nyckel_id, databasnyckel)?);
        Ok(())
    }

    /// The person's secret, with their passphrase; `None` when it is wrong.
    fn hemlig(&self, losen: &Losenfras) -> Resultat<Option<StaticSecret>> {
        let kek = harled(losen, &self.kdf)?;
        let Some(bytes) = oppna_forseglat(&kek, &self.privat, &self.aad_privat()) else {
            return Ok(None);
        };
        let hemlig = StaticSecret::from(*bytes);
        // The secret must be the one whose public key the database key is sealed to.
        if hex::encode(PublicKey::from(&hemlig).as_bytes()) != self.publik {
            return Ok(None);
        }
        Ok(Some(hemlig))
    }

    /// The database key, with the person's passphrase; `None` when it is wrong.
    fn las_upp(&self, losen: &Losenfras, nyckel_id: &str) -> Resultat<Option<Nyckel>> {
        let Some(hemlig) = self.hemlig(losen)? else { return Ok(None) };
        let Some(tillfallig) = self.nyckel.tillfallig.as_deref().and_then(fran_hex::<32>) else {
            return Ok(None);
        };
        let tillfallig = PublicKey::from(*tillfallig);
        let mottagare = PublicKey::from(&hemlig);
        let Some(nyckel) = delad_nyckel(&hemlig, &tillfallig, &tillfallig, &mottagare) else {
            return Ok(None);
        };
        let databasnyckel = oppna_forseglat(&nyckel, &self.nyckel, &self.aad_nyckel(nyckel_id));
        Ok(databasnyckel.filter(|k| self.mac_stammer(nyckel_id, k)))
    }

    fn kontrollera(&self) -> bool {
        normalisera_anvandare(&self.anvandare).is_ok_and(|n| n == self.anvandare)
            && !self.handlaggare_id.is_empty()
            && self.handlaggare_id.len() <= 64
            && self.skapad.len() <= 32
            && self.kdf.algoritm == "argon2id"
            && self.kdf.parametrar.rimliga()
            && self.kdf.salt.len() == 32
            && self.publik.len() == 64
            && self.privat.nonce.len() == 48
            && self.nyckel.nonce.len() == 48
            && self.nyckel.tillfallig.as_ref().is_some_and(|t| t.len() == 64)
            && self.privat.chiffer.len() <= 256
            && self.nyckel.chiffer.len() <= 256
            && self.mac.len() == 64
    }
}

impl Nyckelfil {
    fn ny(nyckel_id: String, platser: Vec<Plats>) -> Self {
        Nyckelfil { format: FORMAT.into(), version: VERSION, nyckel_id, platser }
    }

    /// Reads the slot file at `sokvag`, bounded before it is parsed.
    pub(crate) fn las(sokvag: &Path) -> Resultat<Self> {
        let trasig = || Lagringsfel::NyckelfilTrasig { sokvag: sokvag.display().to_string() };
        let fil = File::open(sokvag).map_err(|e| io_fel(sokvag, &e))?;
        let mut bytes = Vec::new();
        fil.take(STORSTA_FIL + 1).read_to_end(&mut bytes).map_err(|e| io_fel(sokvag, &e))?;
        if bytes.len() as u64 > STORSTA_FIL {
            return Err(trasig());
        }
        let fil: Nyckelfil = serde_json::from_slice(&bytes).map_err(|_| trasig())?;
        let mut sedda = std::collections::BTreeSet::new();
        let mut handlaggare = std::collections::BTreeSet::new();
        let hel = fil.format == FORMAT
            && fil.version == VERSION
            && ar_nyckel_id(&fil.nyckel_id)
            && !fil.platser.is_empty()
            && fil.platser.len() <= STORSTA_ANTAL
            && fil.platser.iter().all(|p| {
                p.kontrollera()
                    && sedda.insert(p.anvandare.clone())
                    && handlaggare.insert(p.handlaggare_id.clone())
            });
        if hel { Ok(fil) } else { Err(trasig()) }
    }

    /// Writes the file whole: a temporary name, written to disk, renamed, the folder synced.
    pub(crate) fn skriv(&self, sokvag: &Path) -> Resultat<()> {
        let tillfallig = sidofil(sokvag, "tmp");
        let text = serde_json::to_vec_pretty(self)?;
        let resultat = (|| {
            let mut f = OpenOptions::new()
                .create(true)
                .write(true)
                .truncate(true)
                .open(&tillfallig)
                .map_err(|e| io_fel(&tillfallig, &e))?;
            f.write_all(&text).and_then(|()| f.sync_all()).map_err(|e| io_fel(&tillfallig, &e))?;
            drop(f);
            fs::rename(&tillfallig, sokvag).map_err(|e| io_fel(sokvag, &e))?;
            synka_mapp(foralder(sokvag))
        })();
        if resultat.is_err() {
            let _ = fs::remove_file(&tillfallig);
        }
        resultat
    }

    fn plats(&self, anvandare: &str) -> Option<&Plats> {
        self.platser.iter().find(|p| p.anvandare == anvandare)
    }

    /// Whether this file wraps `nyckel`: every slot's MAC checks out under it.
    fn hor_till(&self, nyckel: &[u8; 32]) -> bool {
        self.platser.iter().all(|p| p.mac_stammer(&self.nyckel_id, nyckel))
    }
}

fn ar_nyckel_id(id: &str) -> bool {
    id.len() == 26 && id.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
}

/// Unlocks the database at `sokvag` as the person with login `anvandare`. A wrong login and a
/// wrong passphrase are the same error ([`Lagringsfel::FelInloggning`]) after the same work,
/// and change nothing. A slot whose handläggare is no longer in the database opens nothing.
pub fn oppna_som(sokvag: &Path, anvandare: &str, losen: &Losenfras) -> Resultat<(Store, Person)> {
    reda_upp_nyckelbyte(sokvag)?;
    let vag = || sokvag.display().to_string();
    match filtyp(sokvag)? {
        Filtyp::Saknas => return Err(Lagringsfel::DatabasSaknas { sokvag: vag() }),
        Filtyp::InteDatabas => return Err(Lagringsfel::InteValfriDatabas { sokvag: vag() }),
        Filtyp::Okrypterad => return Err(Lagringsfel::InteKrypterad),
        Filtyp::Krypterad => {}
    }
    if !har_personliga_nycklar(sokvag)? {
        return Err(Lagringsfel::IngaNyckelplatser);
    }
    let fil = Nyckelfil::las(&nyckelfil(sokvag))?;
    let (nyckel, plats) = las_upp(&fil, anvandare, losen)?;
    let raw = Losenfras::ranyckel(&nyckel);
    let mut store = match Store::anslut(sokvag, Some(&raw), Oppning::Befintlig) {
        Err(Lagringsfel::FelLosenfras) => {
            return Err(Lagringsfel::NyckelfilPassarInte { sokvag: vag() });
        }
        annat => annat?,
    };
    let person = person_i(&store, plats)?;
    store.person = Some(person.clone());
    Ok((store, person))
}

/// The slot and the database key for a login and passphrase, or the one error for both kinds
/// of wrong.
fn las_upp<'a>(
    fil: &'a Nyckelfil,
    anvandare: &str,
    losen: &Losenfras,
) -> Resultat<(Nyckel, &'a Plats)> {
    let plats = normalisera_anvandare(anvandare).ok().and_then(|n| fil.plats(&n));
    let Some(plats) = plats else {
        // The same Argon2 work as a real slot, so the time taken does not tell.
        let attrapp = Kdf {
            algoritm: "argon2id".into(),
            parametrar: Kdfparametrar::STANDARD,
            salt: "00".repeat(16),
        };
        harled(losen, &attrapp)?;
        return Err(Lagringsfel::FelInloggning);
    };
    let nyckel = plats.las_upp(losen, &fil.nyckel_id)?.ok_or(Lagringsfel::FelInloggning)?;
    Ok((nyckel, plats))
}

fn person_i(store: &Store, plats: &Plats) -> Resultat<Person> {
    let h = match store.handlaggare(&plats.handlaggare_id) {
        Err(Lagringsfel::HittasInte { .. }) => {
            return Err(Lagringsfel::InloggningUtanHandlaggare {
                anvandare: plats.anvandare.clone(),
            });
        }
        annat => annat?,
    };
    Ok(Person {
        anvandare: plats.anvandare.clone(),
        handlaggare_id: h.id,
        namn: h.namn,
        roll: h.roll,
    })
}

impl Store {
    /// The person who unlocked this database with their slot; `None` for a database without
    /// slots (opened with its shared passphrase, or plaintext).
    pub fn inloggad(&self) -> Option<&Person> {
        self.person.as_ref()
    }

    fn nyckelfilens_sokvag(&self) -> Resultat<PathBuf> {
        self.sokvag.as_deref().map(nyckelfil).ok_or(Lagringsfel::IngaNyckelplatser)
    }

    fn databasnyckel(&self) -> Resultat<Nyckel> {
        self.losen
            .as_ref()
            .and_then(Losenfras::ranyckel_bytes)
            .ok_or(Lagringsfel::IngaNyckelplatser)
    }

    /// The signed-in systemförvaltare; anyone else's attempt is logged and refused.
    fn inloggad_systemforvaltare(&self, vad: &str) -> Resultat<Person> {
        let person = self.person.clone().ok_or(Lagringsfel::IngaNyckelplatser)?;
        self.krav_systemforvaltare(&person.aktor(), vad)?;
        Ok(person)
    }

    /// The slot file, checked to belong to this database's key.
    fn las_nyckelfil(&self) -> Resultat<(PathBuf, Nyckelfil, Nyckel)> {
        let sokvag = self.nyckelfilens_sokvag()?;
        let fil = Nyckelfil::las(&sokvag)?;
        let nyckel = self.databasnyckel()?;
        if !fil.hor_till(&nyckel) {
            return Err(Lagringsfel::NyckelfilPassarInte {
                sokvag: self.sokvag.as_deref().unwrap_or(&sokvag).display().to_string(),
            });
        }
        Ok((sokvag, fil, nyckel))
    }

    /// Every slot with the handläggare it belongs to, by login.
    pub fn nyckelplatser(&self) -> Resultat<Vec<Inloggning>> {
        if self.person.is_none() {
            return Err(Lagringsfel::IngaNyckelplatser);
        }
        let fil = Nyckelfil::las(&self.nyckelfilens_sokvag()?)?;
        let mut ut = Vec::new();
        for p in &fil.platser {
            let h = match self.handlaggare(&p.handlaggare_id) {
                Ok(h) => Some(h),
                Err(Lagringsfel::HittasInte { .. }) => None,
                Err(e) => return Err(e),
            };
            ut.push(Inloggning {
                anvandare: p.anvandare.clone(),
                handlaggare_id: p.handlaggare_id.clone(),
                namn: h.as_ref().map(|h| h.namn.clone()),
                roll: h.map(|h| h.roll),
                skapad: p.skapad.clone(),
            });
        }
        ut.sort_by(|a, b| a.anvandare.cmp(&b.anvandare));
        Ok(ut)
    }

    /// Gives the handläggare `handlaggare_id` a slot with login `anvandare` and a first
    /// passphrase (they change it with [`Store::byt_egen_losenfras`]). Only a signed-in
    /// systemförvaltare; one slot per login and per handläggare. Logged.
    pub fn lagg_till_nyckelplats(
        &self,
        anvandare: &str,
        handlaggare_id: &str,
        forsta: &Losenfras,
    ) -> Resultat<()> {
        let person = self.inloggad_systemforvaltare("nyckelplats")?;
        let anvandare = normalisera_anvandare(anvandare)?;
        kontrollera_ny_losenfras(forsta)?;
        let h = self.handlaggare(handlaggare_id)?;
        let (sokvag, mut fil, nyckel) = self.las_nyckelfil()?;
        if fil.plats(&anvandare).is_some() {
            return Err(Lagringsfel::InloggningFinns { anvandare });
        }
        if fil.platser.iter().any(|p| p.handlaggare_id == h.id) {
            return Err(Lagringsfel::HandlaggareHarInloggning { namn: h.namn });
        }
        if fil.platser.len() >= STORSTA_ANTAL {
            return Err(Lagringsfel::NyckelfilTrasig { sokvag: sokvag.display().to_string() });
        }
        let plats = Plats::ny(anvandare.clone(), h.id.clone(), forsta, &nyckel, &fil.nyckel_id)?;
        fil.platser.push(plats);
        // The log row and the file together: the file is written inside the transaction, and
        // a failed write rolls the row back.
        self.i_transaktion(|tx| {
            logg::skriv(tx, &person.aktor(), "skapa", "nyckelplats", &anvandare, &h.id)?;
            fil.skriv(&sokvag)
        })
    }

    /// Changes the signed-in person's own passphrase, given the old one. The other slots and
    /// the database key stay as they are. A wrong old passphrase is logged and refused.
    pub fn byt_egen_losenfras(&self, gammal: &Losenfras, ny: &Losenfras) -> Resultat<()> {
        let person = self.person.clone().ok_or(Lagringsfel::IngaNyckelplatser)?;
        kontrollera_ny_losenfras(ny)?;
        let (sokvag, mut fil, _) = self.las_nyckelfil()?;
        let plats = fil
            .platser
            .iter_mut()
            .find(|p| p.anvandare == person.anvandare)
            .ok_or(Lagringsfel::FelInloggning)?;
        let Some(hemlig) = plats.hemlig(gammal)? else {
            self.logga_nekad(&person.aktor(), "nyckelplats", &person.anvandare, "fel losenfras")?;
            return Err(Lagringsfel::FelInloggning);
        };
        plats.forsegla_privat(ny, &hemlig)?;
        self.i_transaktion(|tx| {
            logg::skriv(
                tx,
                &person.aktor(),
                "byt-losenfras",
                "nyckelplats",
                &person.anvandare,
                "",
            )?;
            fil.skriv(&sokvag)
        })
    }

    /// Removes the slot of `anvandare` (never the last systemförvaltare's) and gives the
    /// database a new key, sealed again for everyone left: the removed person's old slot, even
    /// in a copy of the old slot file, opens nothing written from now on. A backup made before
    /// still opens with it (that is what a backup is). All or nothing: killed halfway, the
    /// database opens with the old slots or the new ones ([`reda_upp_nyckelbyte`]). Nobody
    /// else may have the database open meanwhile.
    pub fn ta_bort_nyckelplats(&mut self, anvandare: &str) -> Resultat<()> {
        let person = self.inloggad_systemforvaltare("nyckelplats")?;
        let anvandare = normalisera_anvandare(anvandare)?;
        let (_, fil, gammal) = self.las_nyckelfil()?;
        let Some(borttagen) = fil.plats(&anvandare).cloned() else {
            return Err(Lagringsfel::HittasInte { typ: "nyckelplats", id: anvandare });
        };
        let mut kvar: Vec<Plats> =
            fil.platser.iter().filter(|p| p.anvandare != anvandare).cloned().collect();
        let mut forvaltare = false;
        for p in &kvar {
            match self.handlaggare(&p.handlaggare_id) {
                Ok(h) if h.roll == Roll::Systemforvaltare => forvaltare = true,
                Ok(_) | Err(Lagringsfel::HittasInte { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        if !forvaltare {
            self.logga_nekad(
                &person.aktor(),
                "nyckelplats",
                &anvandare,
                "sista systemforvaltaren",
            )?;
            return Err(Lagringsfel::SistaSystemforvaltaren);
        }
        debug_assert!(fil.hor_till(&gammal));
        let ny = slump::<32>()?;
        let nyckel_id = crate::ny_id();
        for p in &mut kvar {
            p.forsegla_nyckel(&ny, &nyckel_id)?;
        }
        let nyfil = Nyckelfil::ny(nyckel_id, kvar);
        self.byt_databasnyckel(
            &ny,
            &nyfil,
            &person.aktor(),
            &[
                (
                    "ta-bort",
                    "nyckelplats",
                    borttagen.anvandare.as_str(),
                    borttagen.handlaggare_id.as_str(),
                ),
                ("byt-nyckel", "databas", "", nyfil.nyckel_id.as_str()),
            ],
        )
    }

    /// Turns a database opened with its one shared passphrase into one with key slots: the
    /// person names the systemförvaltare they are (`handlaggare_id`) and chooses a login and a
    /// passphrase; the database gets a random key and the shared passphrase stops working.
    ///
    /// This is the one moment a "who" is asserted rather than proven, and it is asserted by
    /// someone who already holds the whole key: whoever knows the shared passphrase can read
    /// and change everything in the file anyway, so letting them name themselves once gives
    /// them nothing they did not have. From then on every person is who their slot says. The
    /// conversion is logged under the named systemförvaltare. All or nothing: killed halfway,
    /// the database opens with the old passphrase or with the new slot, never neither.
    pub fn forsta_nyckelplats(
        &mut self,
        handlaggare_id: &str,
        anvandare: &str,
        losen: &Losenfras,
    ) -> Resultat<Person> {
        let sokvag = self.sokvag.clone().ok_or(Lagringsfel::IngaNyckelplatser)?;
        if self.person.is_some() || har_personliga_nycklar(&sokvag)? {
            return Err(Lagringsfel::HarNyckelplatser);
        }
        if self.losen.is_none() {
            return Err(Lagringsfel::InteKrypterad);
        }
        let anvandare = normalisera_anvandare(anvandare)?;
        kontrollera_ny_losenfras(losen)?;
        let aktor = self.aktor(handlaggare_id)?;
        self.krav_systemforvaltare(&aktor, "nyckelplats")?;
        let nyckel = slump::<32>()?;
        let nyckel_id = crate::ny_id();
        let plats = Plats::ny(anvandare.clone(), aktor.id.clone(), losen, &nyckel, &nyckel_id)?;
        let fil = Nyckelfil::ny(nyckel_id, vec![plats]);
        self.byt_databasnyckel(
            &nyckel,
            &fil,
            &aktor,
            &[
                ("skapa", "nyckelplats", anvandare.as_str(), aktor.id.as_str()),
                ("byt-nyckel", "databas", "", fil.nyckel_id.as_str()),
            ],
        )?;
        let person =
            Person { anvandare, handlaggare_id: aktor.id, namn: aktor.namn, roll: aktor.roll };
        self.person = Some(person.clone());
        Ok(person)
    }

    /// Copies the database with the key `nyckel`, logs `handelser` in the copy, and puts the
    /// copy and `fil` in place as one act (see the module's doc). Reopens `self` on the result.
    fn byt_databasnyckel(
        &mut self,
        nyckel: &[u8; 32],
        fil: &Nyckelfil,
        aktor: &Aktor,
        handelser: &[(&str, &str, &str, &str)],
    ) -> Resultat<()> {
        let sokvag = self.sokvag.clone().ok_or(Lagringsfel::IngaNyckelplatser)?;
        let las = Nyckelbyteslas::ta(&sokvag)?;
        let tmp = sidofil(&sokvag, "nyckelbyte.tmp");
        ta_bort_databas(&tmp);
        let raw = Losenfras::ranyckel(nyckel);
        let resultat = (|| {
            self.exportera(&tmp, &raw)?;
            let kopia = Store::anslut(&tmp, Some(&raw), Oppning::Befintlig)?;
            kopia.i_transaktion(|tx| {
                for (handling, typ, id, detalj) in handelser {
                    logg::skriv(tx, aktor, handling, typ, id, detalj)?;
                }
                Ok(())
            })?;
            kopia.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
            drop(kopia);
            synka(&tmp)
        })();
        if let Err(e) = resultat {
            ta_bort_databas(&tmp);
            return Err(e);
        }
        // Close this connection so that what it has in the WAL is in the file, and see that
        // nobody else has the database open (their writes would be lost with the old file).
        let gammal = std::mem::replace(&mut self.conn, rusqlite::Connection::open_in_memory()?);
        let _ = gammal.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
        drop(gammal);
        let losen = self.losen.clone();
        let aterga = |store: &mut Store| -> Resultat<()> {
            let mut igen = Store::anslut(&sokvag, losen.as_ref(), Oppning::Befintlig)?;
            igen.person = store.person.take();
            *store = igen;
            Ok(())
        };
        // The last connection to close removes the WAL; one that is still there (even emptied
        // by the checkpoint above) belongs to another connection.
        if sidofil_raw(&sokvag, "-wal").exists() {
            ta_bort_databas(&tmp);
            aterga(self)?;
            return Err(Lagringsfel::Upptagen);
        }
        if let Err(e) = las.byt_ut(&tmp, Some(fil)) {
            // Before the slot file changed the old database is whole; after, the next start
            // finishes the act.
            let _ = aterga(self);
            return Err(e);
        }
        let mut ny = Store::anslut(&sokvag, Some(&raw), Oppning::Befintlig)?;
        ny.person = self.person.take();
        *self = ny;
        Ok(())
    }

    /// A copy of this database at `till`, encrypted with `nyckel`, checked like an encryption's
    /// copy (integrity, the audit log, the same number of rows in every table).
    fn exportera(&self, till: &Path, nyckel: &Losenfras) -> Resultat<()> {
        let till_text = till.to_str().ok_or_else(|| Lagringsfel::KanInteOppna {
            sokvag: till.display().to_string(),
            detalj: "path is not UTF-8".into(),
        })?;
        // ATTACH opens with the flags of the main connection, which may not create a file.
        File::create(till).map_err(|e| io_fel(till, &e))?;
        self.conn.execute(
            "ATTACH DATABASE ?1 AS nyckelbyte KEY ?2",
            rusqlite::params![till_text, nyckel.text()],
        )?;
        let export = (|| -> Resultat<()> {
            // Held for the whole copy, so nobody writes to the original meanwhile.
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            let r = (|| -> Resultat<()> {
                self.conn.query_row("SELECT sqlcipher_export('nyckelbyte')", [], |_| Ok(()))?;
                let version: i64 =
                    self.conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
                self.conn.pragma_update(Some("nyckelbyte"), "user_version", version)?;
                Ok(())
            })();
            let slut = self.conn.execute_batch(if r.is_ok() { "COMMIT" } else { "ROLLBACK" });
            r?;
            slut?;
            Ok(())
        })();
        self.conn.execute("DETACH DATABASE nyckelbyte", [])?;
        export?;
        let kopia = Store::anslut(till, Some(nyckel), Oppning::Befintlig)?;
        kopia.integritetskontroll()?;
        if let Loggstatus::Bruten { .. } = kopia.verifiera_logg()? {
            return Err(Lagringsfel::BackupTrasig);
        }
        if crate::kryptering::radantal(&self.conn)? != crate::kryptering::radantal(&kopia.conn)? {
            return Err(Lagringsfel::BackupTrasig);
        }
        Ok(())
    }
}

fn kontrollera_ny_losenfras(losen: &Losenfras) -> Resultat<()> {
    Losenfras::ny_nyckel(losen.text()).map(drop)
}

/// Holds `NAME.nyckelbyte.las` for as long as a key change is under way, so that a start in
/// another process leaves its copy alone.
pub(crate) struct Nyckelbyteslas {
    db: PathBuf,
    fil: File,
}

impl Nyckelbyteslas {
    pub(crate) fn ta(db: &Path) -> Resultat<Self> {
        let sokvag = sidofil(db, "nyckelbyte.las");
        let fil = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&sokvag)
            .map_err(|e| io_fel(&sokvag, &e))?;
        fil.try_lock().map_err(|e| match e {
            fs::TryLockError::WouldBlock => Lagringsfel::Upptagen,
            fs::TryLockError::Error(e) => io_fel(&sokvag, &e),
        })?;
        Ok(Self { db: db.to_path_buf(), fil })
    }

    /// Puts the whole, synced copy at `kopia` in place of the database, with `fil` as its slot
    /// file (`None`: the database has no slots any more). The moment the slot file changes is
    /// the moment the act happens.
    pub(crate) fn byt_ut(self, kopia: &Path, fil: Option<&Nyckelfil>) -> Resultat<()> {
        let id = fil.map_or(INGEN, |f| f.nyckel_id.as_str());
        let namngiven = sidofil(&self.db, &format!("nyckelbyte-{id}"));
        let mapp = foralder(&self.db);
        ta_bort_databas(&namngiven);
        for andelse in ["-wal", "-shm", "-journal"] {
            let _ = fs::remove_file(sidofil_raw(kopia, andelse));
        }
        if let Err(e) = fs::rename(kopia, &namngiven)
            .map_err(|e| io_fel(kopia, &e))
            .and_then(|()| synka_mapp(mapp))
        {
            ta_bort_databas(kopia);
            ta_bort_databas(&namngiven);
            return Err(e);
        }
        let bekraftat = match fil {
            Some(f) => f.skriv(&nyckelfil(&self.db)),
            None => match fs::remove_file(nyckelfil(&self.db)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io_fel(&self.db, &e)),
                _ => synka_mapp(mapp),
            },
        };
        if let Err(e) = bekraftat {
            ta_bort_databas(&namngiven);
            return Err(e);
        }
        slutfor(&self.db, &namngiven)?;
        drop(self);
        Ok(())
    }
}

impl Drop for Nyckelbyteslas {
    fn drop(&mut self) {
        let _ = self.fil.unlock();
        let _ = fs::remove_file(sidofil(&self.db, "nyckelbyte.las"));
    }
}

impl std::fmt::Debug for Nyckelbyteslas {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Nyckelbyteslas").field("db", &self.db).finish_non_exhaustive()
    }
}

/// Renames the copy over the database; the old file's WAL and shared memory belong to it only.
fn slutfor(db: &Path, kopia: &Path) -> Resultat<()> {
    for andelse in ["-wal", "-shm", "-journal"] {
        let _ = fs::remove_file(sidofil_raw(db, andelse));
    }
    fs::rename(kopia, db).map_err(|e| io_fel(db, &e))?;
    synka_mapp(foralder(db))
}

/// Finishes or undoes a key change that was killed (see the module's doc); `None` when there
/// was nothing to do, or another process is in the middle of one. Called by
/// [`crate::reda_upp_kryptering`] (so by every start) and by [`oppna_som`].
pub fn reda_upp_nyckelbyte(db: &Path) -> Resultat<Option<AvbrutetNyckelbyte>> {
    let mapp = foralder(db);
    let Some(namn) = db.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Ok(None);
    };
    let prefix = format!("{namn}.nyckelbyte-");
    let tmp = sidofil(db, "nyckelbyte.tmp");
    let kopior: Vec<PathBuf> = fs::read_dir(mapp)
        .map(|poster| {
            poster
                .flatten()
                .filter(|p| {
                    p.file_name()
                        .to_str()
                        .and_then(|n| n.strip_prefix(&prefix))
                        .is_some_and(|id| id == INGEN || ar_nyckel_id(id))
                })
                .map(|p| p.path())
                .collect()
        })
        .unwrap_or_default();
    // What a killed act can leave besides: its lock file and a half-written slot file.
    let las_fil = sidofil(db, "nyckelbyte.las");
    let halv_nyckelfil = sidofil(&nyckelfil(db), "tmp");
    let hade_kopia = tmp.exists();
    if kopior.is_empty() && !hade_kopia && !las_fil.exists() && !halv_nyckelfil.exists() {
        return Ok(None);
    }
    let Ok(las) = Nyckelbyteslas::ta(db) else { return Ok(None) };
    let _ = fs::remove_file(&halv_nyckelfil);
    let nuvarande = if har_personliga_nycklar(db)? {
        match Nyckelfil::las(&nyckelfil(db)) {
            Ok(f) => f.nyckel_id,
            // A damaged slot file cannot say which copy is current: leave everything for
            // oppna_som to report.
            Err(_) => return Ok(None),
        }
    } else {
        INGEN.to_owned()
    };
    ta_bort_databas(&tmp);
    let mut atgard = None;
    for kopia in kopior {
        let id = kopia.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_prefix(&prefix));
        if id == Some(nuvarande.as_str()) && atgard.is_none() {
            slutfor(db, &kopia)?;
            atgard = Some(AvbrutetNyckelbyte::Slutfort);
        } else {
            ta_bort_databas(&kopia);
            atgard.get_or_insert(AvbrutetNyckelbyte::Angrat);
        }
    }
    synka_mapp(mapp)?;
    drop(las);
    Ok(atgard.or(hade_kopia.then_some(AvbrutetNyckelbyte::Angrat)))
}

/// How a new database gets its slots ([`crate::Skydd::Person`], [`crate::Skydd::Inloggningar`]):
/// run on the new file before it takes its name.
pub(crate) fn nya_platser(
    store: &Store,
    nyckel: &[u8; 32],
    forsta: Option<(&str, &str, &Losenfras)>,
    inloggningar: &[(String, String, Losenfras)],
) -> Resultat<Nyckelfil> {
    let nyckel_id = crate::ny_id();
    let mut platser = Vec::new();
    if let Some((namn, anvandare, losen)) = forsta {
        let anvandare = normalisera_anvandare(anvandare)?;
        kontrollera_ny_losenfras(losen)?;
        let id = store.forsta_systemforvaltare(namn)?;
        platser.push(Plats::ny(anvandare, id, losen, nyckel, &nyckel_id)?);
    }
    let handlaggare = store.handlaggare_lista()?;
    for (anvandare, namn, losen) in inloggningar {
        let anvandare = normalisera_anvandare(anvandare)?;
        let h = handlaggare
            .iter()
            .find(|h| &h.namn == namn)
            .ok_or_else(|| Lagringsfel::HittasInte { typ: "handlaggare", id: namn.clone() })?;
        if platser.iter().any(|p: &Plats| p.anvandare == anvandare) {
            return Err(Lagringsfel::InloggningFinns { anvandare });
        }
        platser.push(Plats::ny(anvandare, h.id.clone(), losen, nyckel, &nyckel_id)?);
    }
    if platser.is_empty() {
        return Err(Lagringsfel::IngaNyckelplatser);
    }
    Ok(Nyckelfil::ny(nyckel_id, platser))
}

/// Unlocks the slot file beside a backup at `fran` for `anvandare`, giving the backup's key
/// and its slot file.
pub(crate) fn las_upp_kopia(
    fran: &Path,
    anvandare: &str,
    losen: &Losenfras,
) -> Resultat<(Losenfras, Nyckelfil)> {
    let fil = Nyckelfil::las(&nyckelfil(fran))?;
    let (nyckel, _) = las_upp(&fil, anvandare, losen)?;
    Ok((Losenfras::ranyckel(&nyckel), fil))
}

/// Copies the slot file of the database at `fran` (if it has one) to sit beside `till`.
pub(crate) fn kopiera_nyckelfil(fran: &Path, till: &Path) -> Resultat<()> {
    if !har_personliga_nycklar(fran)? {
        return Ok(());
    }
    Nyckelfil::las(&nyckelfil(fran))?.skriv(&nyckelfil(till))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// The slot file never holds the database key in any spelling, nor the passphrase; the
    /// key it wraps is the one that opens, with the right passphrase only.
    #[test]
    fn the_slot_file_holds_neither_the_raw_key_nor_the_passphrase() {
        let nyckel = slumpnyckel().unwrap();
        let losen = Losenfras::ny_nyckel("en hemlig fras").unwrap();
        let id = crate::ny_id();
        let fil = Nyckelfil::ny(
            id.clone(),
            vec![Plats::ny("anna.lind".into(), "H1".into(), &losen, &nyckel, &id).unwrap()],
        );
        let bytes = serde_json::to_vec_pretty(&fil).unwrap();
        let finns = |nal: &[u8]| bytes.windows(nal.len()).any(|w| w == nal);
        assert!(!finns(nyckel.as_slice()));
        assert!(!finns(hex::encode(nyckel.as_slice()).as_bytes()));
        assert!(!finns(hex::encode_upper(nyckel.as_slice()).as_bytes()));
        assert!(!finns(Losenfras::ranyckel(&nyckel).text().as_bytes()));
        assert!(!finns(b"en hemlig fras"));
        let (upplast, _) = las_upp(&fil, "ANNA.LIND", &losen).unwrap();
        assert_eq!(*upplast, *nyckel);
        let fel = las_upp(&fil, "anna.lind", &Losenfras::ny("en annan fras").unwrap());
        assert!(matches!(fel, Err(Lagringsfel::FelInloggning)));
    }

    /// A slot whose handläggare is gone from the database opens nothing, with its own sentence.
    #[test]
    fn a_slot_for_a_handlaggare_who_is_gone_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("valfri.sqlite");
        let losen = Losenfras::ny_nyckel("evas egen fras").unwrap();
        let skydd = crate::Skydd::Person {
            namn: "Eva Ek".into(),
            anvandare: "eva".into(),
            losen: losen.clone(),
        };
        crate::skapa_databas(&db, &skydd, false, |_| Ok(())).unwrap();
        let (store, eva) = oppna_som(&db, "eva", &losen).unwrap();
        store.conn.execute("DELETE FROM handlaggare WHERE id = ?1", [&eva.handlaggare_id]).unwrap();
        drop(store);
        let fel = oppna_som(&db, "eva", &losen).map(|_| ()).unwrap_err();
        assert!(
            matches!(&fel, Lagringsfel::InloggningUtanHandlaggare { anvandare } if anvandare == "eva")
        );
        assert_eq!(fel.meddelande_id(), "fel-db-inloggning-utan-handlaggare");
    }

    /// A database with key slots made by the previous release: the copy made before the
    /// upgrade has its slot file beside it, so it opens (put back by hand, as IT would) with
    /// the same login and passphrase, at the old schema with its rows.
    #[test]
    fn the_copy_before_an_upgrade_of_a_slot_database_opens_with_a_slot_login() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("valfri.sqlite");
        let nyckel = slumpnyckel().unwrap();
        let raw = Losenfras::ranyckel(&nyckel);
        let forra = Store::schemaversion() - 1;
        {
            let c = rusqlite::Connection::open(&db).unwrap();
            crate::kryptering::ge_nyckel(&c, &raw).unwrap();
            for n in 1..=forra {
                c.execute_batch(Store::migrering(n).unwrap()).unwrap();
            }
            c.pragma_update(None, "user_version", i64::try_from(forra).unwrap()).unwrap();
            c.execute(
                "INSERT INTO handlaggare (id, namn, titel, telefon, epost, roll, skapad, andrad)
                 VALUES ('H1', 'Eva Ek', 'Systemförvaltare', '', '', 'systemforvaltare', 't', 't')",
                [],
            )
            .unwrap();
        }
        let losen = Losenfras::ny_nyckel("evas egen fras").unwrap();
        let id = crate::ny_id();
        Nyckelfil::ny(
            id.clone(),
            vec![Plats::ny("eva".into(), "H1".into(), &losen, &nyckel, &id).unwrap()],
        )
        .skriv(&nyckelfil(&db))
        .unwrap();

        let (store, eva) = oppna_som(&db, "eva", &losen).unwrap();
        assert_eq!(eva.handlaggare_id, "H1");
        drop(store);
        let mapp = crate::sakerhetskopiemapp(&db);
        let kopior: Vec<_> = std::fs::read_dir(&mapp)
            .unwrap()
            .flatten()
            .map(|p| p.path())
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    n.starts_with(crate::FORE_UPPGRADERING) && n.ends_with(".sqlite")
                })
            })
            .collect();
        assert_eq!(kopior.len(), 1, "{kopior:?}");
        assert!(nyckelfil(&kopior[0]).is_file(), "no slot file beside {:?}", kopior[0]);
        assert_eq!(
            std::fs::read(nyckelfil(&kopior[0])).unwrap(),
            std::fs::read(nyckelfil(&db)).unwrap()
        );

        // Put back by hand in a folder of its own: the login opens it, as the same person,
        // and it holds the old schema until then.
        let aterstalld = dir.path().join("aterstalld");
        std::fs::create_dir(&aterstalld).unwrap();
        let kopia = aterstalld.join("valfri.sqlite");
        std::fs::copy(&kopior[0], &kopia).unwrap();
        std::fs::copy(nyckelfil(&kopior[0]), nyckelfil(&kopia)).unwrap();
        {
            let c = rusqlite::Connection::open(&kopia).unwrap();
            crate::kryptering::ge_nyckel(&c, &raw).unwrap();
            let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
            assert_eq!(usize::try_from(v).unwrap(), forra);
        }
        let (store, eva) = oppna_som(&kopia, "eva", &losen).unwrap();
        assert_eq!((eva.handlaggare_id.as_str(), eva.namn.as_str()), ("H1", "Eva Ek"));
        assert_eq!(store.handlaggare("H1").unwrap().namn, "Eva Ek");
        // A wrong passphrase still opens nothing.
        let fel = oppna_som(&kopia, "eva", &Losenfras::ny("en annan fras").unwrap());
        assert!(matches!(fel, Err(Lagringsfel::FelInloggning)), "{:?}", fel.map(|_| ()));
    }

    #[test]
    fn the_production_parameters_are_at_least_owasps_minimum() {
        let p = Kdfparametrar::STANDARD;
        assert!(p.minne_kib >= 19 * 1024 && p.varv >= 2 && p.rimliga());
        let t = std::time::Instant::now();
        let kdf = Kdf { algoritm: "argon2id".into(), parametrar: p, salt: "00".repeat(16) };
        harled(&Losenfras::ny("x").unwrap(), &kdf).unwrap();
        eprintln!("argon2id {p:?}: {:?}", t.elapsed());
    }
}
