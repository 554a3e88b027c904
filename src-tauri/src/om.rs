//! What the window says about itself and about the organisation's configuration: the About
//! part of the help overlay (version and schema version), what `valfri.toml` sets (shown in the
//! settings as set by the organisation), and the refusal to start on a broken file.
//!
//! The file is read once at start (`main.rs`); the rules (what may be changed) are
//! `valfri_config`'s, called here before the store is.

// Tauri hands a command its arguments by value.
#![allow(clippy::needless_pass_by_value)]

use serde::Serialize;
use tauri::State;
use valfri_config::{Installning, Konfigfel, Organisation};
use valfri_l10n::Localizer;

use crate::commands::{Felsvar, Tillstand};

/// The organisation's configuration as read at start: none, a valid one, or why it was refused.
#[derive(Debug)]
pub struct Organisationen(pub Result<Option<Organisation>, Konfigfel>);

impl Organisationen {
    /// Reads the system's file (or `VALFRI_CONFIG`'s) with the languages the program has.
    /// The municipality's CA file it names is what the hub's certificate is checked against
    /// (unless `PGSSLROOTCERT` names another).
    pub fn las(l10n: &Localizer) -> Self {
        let org = valfri_config::las_systemfil(&l10n.sprak());
        if let Ok(Some(o)) = &org
            && let Some(ca) = o.hubb.as_ref().and_then(|h| h.ca_fil.as_deref())
        {
            valfri_hub::satt_ca_fil(ca);
        }
        Self(org)
    }

    /// The configuration, or the sentence that says why the app does not start.
    pub fn giltig(&self, l: &Localizer, sprak: &str) -> Result<Option<&Organisation>, Felsvar> {
        self.0.as_ref().map(Option::as_ref).map_err(|e| Felsvar::fran(l, sprak, e))
    }

    /// Refuses a change the organisation's file forbids.
    pub fn tillat(
        &self,
        l: &Localizer,
        sprak: &str,
        installning: Installning,
        nytt: &str,
    ) -> Result<(), Felsvar> {
        match self.giltig(l, sprak)? {
            Some(org) => {
                org.kontrollera_andring(installning, nytt).map_err(|e| Felsvar::fran(l, sprak, &e))
            }
            None => Ok(()),
        }
    }

    /// The valid configuration, if there is one.
    pub fn org(&self) -> Option<&Organisation> {
        self.0.as_ref().ok()?.as_ref()
    }

    /// Refuses to save a document at `sokvag` outside the folder the file fixes
    /// (`valfri_config::Organisation::kontrollera_dokumentplats`).
    pub fn tillat_dokumentplats(
        &self,
        l: &Localizer,
        sprak: &str,
        sokvag: &std::path::Path,
    ) -> Result<(), Felsvar> {
        match self.giltig(l, sprak)? {
            Some(org) => org
                .kontrollera_dokumentplats(sokvag, dirs_hem().as_deref())
                .map_err(|e| Felsvar::fran(l, sprak, &e)),
            None => Ok(()),
        }
    }

    /// Refuses a language the file does not offer.
    pub fn tillat_sprak(&self, l: &Localizer, sprak: &str, valt: &str) -> Result<(), Felsvar> {
        match self.giltig(l, sprak)? {
            Some(org) => org.kontrollera_sprak(valt).map_err(|e| Felsvar::fran(l, sprak, &e)),
            None => Ok(()),
        }
    }

    /// Refuses a language for a brukare's letters that the file does not offer, unless it is
    /// the one the brukare already has (`nuvarande`): an offer withdrawn later does not change
    /// anyone's record by itself, and saving the form unchanged keeps it.
    pub fn tillat_brukarsprak(
        &self,
        l: &Localizer,
        sprak: &str,
        nuvarande: Option<&str>,
        valt: &str,
    ) -> Result<(), Felsvar> {
        if valt.is_empty() || nuvarande == Some(valt) {
            return Ok(());
        }
        self.tillat_sprak(l, sprak, valt)
    }

    /// The idle lock the file sets, if any.
    pub fn las_efter_minuter(&self) -> Option<u32> {
        self.0.as_ref().ok()?.as_ref()?.las_efter_minuter
    }

    /// The lock status with the idle lock the file sets in place of the database's.
    pub fn satt_las(&self, mut status: crate::lock::Lockstatus) -> crate::lock::Lockstatus {
        status.las_efter_minuter = self.las_efter_minuter().unwrap_or(status.las_efter_minuter);
        status
    }

    /// The municipality's settings as the window shows them: what the file sets in place of
    /// the database's, so a form saved unchanged is not a change.
    pub fn satt_kommun(&self, kommun: &mut valfri_domain::Kommun) {
        let Some(org) = self.0.as_ref().ok().and_then(Option::as_ref) else { return };
        if let Some(k) = &org.kommun {
            kommun.namn.clone_from(&k.namn);
        }
        if let Some(s) = &org.sprak {
            kommun.sprak.clone_from(s);
        }
    }

    /// The documents folder the file sets, if any.
    pub fn dokumentmapp(&self) -> Option<std::path::PathBuf> {
        self.0.as_ref().ok()?.as_ref()?.dokumentmapp(dirs_hem().as_deref())
    }
}

fn dirs_hem() -> Option<std::path::PathBuf> {
    std::env::var_os(if cfg!(windows) { "USERPROFILE" } else { "HOME" })
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from)
}

/// The help overlay's About part.
#[derive(Debug, Serialize)]
pub struct Om {
    /// Valfri's version, e.g. `0.1.0`.
    pub valfri: &'static str,
    /// The database schema this program writes (`PRAGMA user_version`).
    pub databasschema: usize,
    /// The sentence the overlay shows.
    pub text: String,
    /// What the organisation's file sets: the window marks these settings and does not offer
    /// to change them (`kommunnamn`, `las_efter_minuter`, `dokumentmapp`, `sprak`,
    /// `registerpaket_nyckel`), each with the sentence to show beside it.
    pub satt: Vec<SattAvOrganisationen>,
    /// The languages the window offers (its own and letters'): the file's, else all it has.
    pub sprak: Vec<String>,
}

/// A setting the organisation's file fixes.
#[derive(Debug, Serialize)]
pub struct SattAvOrganisationen {
    pub installning: &'static str,
    pub text: String,
}

#[tauri::command]
pub fn om(
    state: State<'_, Tillstand>,
    org: State<'_, Organisationen>,
    sprak: String,
) -> Result<Om, Felsvar> {
    let (l, sprak) = (state.l10n(), state.sprak(&sprak));
    let (valfri, databasschema) = (env!("CARGO_PKG_VERSION"), valfri_store::Store::schemaversion());
    let text = l.text(
        &sprak,
        "ui-om-version",
        &[("valfri", valfri.into()), ("databas", databasschema.into())],
    );
    let satt = org
        .giltig(&l, &sprak)?
        .map(|o| {
            [
                (Installning::Kommunnamn, "kommunnamn"),
                (Installning::LasEfterMinuter, "las_efter_minuter"),
                (Installning::Dokumentmapp, "dokumentmapp"),
                (Installning::Sprak, "sprak"),
                (Installning::Registerpaketnyckel, "registerpaket_nyckel"),
            ]
            .into_iter()
            .filter_map(|(i, namn)| {
                let nyckel = o.satt(i)?;
                let text = l.text(
                    &sprak,
                    "ui-satt-av-organisationen",
                    &[("nyckel", nyckel.into()), ("sokvag", o.fil.display().to_string().into())],
                );
                Some(SattAvOrganisationen { installning: namn, text })
            })
            .collect()
        })
        .unwrap_or_default();
    let sprak_lista = org
        .giltig(&l, &sprak)?
        .and_then(|o| o.sprak.clone())
        .unwrap_or_else(|| l.sprak().into_iter().map(str::to_owned).collect());
    Ok(Om { valfri, databasschema, text, satt, sprak: sprak_lista })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::path::{Path, PathBuf};

    use valfri_store::{Skydd, Store, demo, idag};

    use super::*;
    use crate::Launch;
    use crate::commands::Tillstand;
    use crate::utskrift::{Dokument, Utskrift, batchmapp, spara};

    fn organisationen(dir: &Path, text: &str) -> Organisationen {
        let fil = dir.join("valfri.toml");
        std::fs::write(&fil, text).unwrap();
        Organisationen(valfri_config::las_fil(&fil, &["sv", "en", "fi"]).map(Some))
    }

    /// The demo municipality (plaintext), a handläggare and a made beslut of Marta's.
    fn demo_med_beslut(dir: &Path) -> (Tillstand, String, String) {
        let db = dir.join("valfri.sqlite");
        valfri_store::skapa_databas(&db, &Skydd::Okrypterad, false, |s| {
            demo::skapa_demo(s, idag())
        })
        .unwrap();
        let s = Store::oppna(&db, None).unwrap();
        let h = s.handlaggare_lista().unwrap().remove(0).id;
        let aktor = s.aktor(&h).unwrap();
        let marta = s.sok_brukare(&aktor, demo::MARTA_PNR, 5).unwrap().remove(0).id;
        let beslut = s
            .beslut_for_brukare(&aktor, &marta)
            .unwrap()
            .into_iter()
            .find(|b| b.beslutsdatum.is_some())
            .unwrap()
            .id;
        drop(s);
        let launch = Launch { db: Some(db), demo: false, passphrase_env: None };
        (Tillstand::new(launch, Localizer::new().unwrap()), h, beslut)
    }

    fn filer_under(mapp: &Path) -> Vec<PathBuf> {
        let Ok(poster) = std::fs::read_dir(mapp) else { return Vec::new() };
        poster
            .flatten()
            .flat_map(|p| if p.path().is_dir() { filer_under(&p.path()) } else { vec![p.path()] })
            .collect()
    }

    #[test]
    fn a_fixed_documents_folder_is_the_only_place_the_window_saves_and_a_refusal_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dok = dir.path().join("dok");
        let org = organisationen(
            dir.path(),
            &format!(
                "[dokument]\nmapp = \"{}\"\nfritt-val = false\n[sprak]\nerbjudna = [\"sv\", \"fi\"]\n",
                dok.display()
            ),
        );
        let (t, h, beslut) = demo_med_beslut(dir.path());
        let u = Utskrift::default();
        let dokument = |sprak: Option<&str>| Dokument {
            typ: "beslutsmeddelande".into(),
            beslut_id: beslut.clone(),
            dok_sprak: sprak.map(str::to_owned),
            storstil: None,
        };
        let annan = dir.path().join("annan");
        let spar = |mapp: Option<&Path>, fil: Option<&Path>, sprak: Option<&str>| {
            tauri::async_runtime::block_on(spara(
                &t,
                &u,
                &org,
                "sv",
                h.clone(),
                dokument(sprak),
                mapp.map(|m| m.display().to_string()),
                fil.map(|f| f.display().to_string()),
            ))
        };

        // "Spara som…" outside, a folder chosen earlier outside, a way out with "..": refused
        // with the sentence, and nothing is written anywhere.
        for (mapp, fil) in [
            (None, Some(annan.join("brev.pdf"))),
            (Some(annan.clone()), None),
            (None, Some(dok.join("..").join("annan").join("brev.pdf"))),
        ] {
            let fel = spar(mapp.as_deref(), fil.as_deref(), None).unwrap_err();
            assert_eq!(fel.code, "fel-konfig-utanfor-dokumentmappen");
            assert!(fel.message.contains(&dok.display().to_string()), "{}", fel.message);
        }
        assert!(!annan.exists());
        assert!(filer_under(&dok).is_empty());
        // The batch too, before it starts.
        let fel = batchmapp(Some(annan.display().to_string()), &org, &t.l10n(), "sv").unwrap_err();
        assert_eq!(fel.code, "fel-konfig-utanfor-dokumentmappen");
        assert!(batchmapp(None, &org, &t.l10n(), "sv").unwrap().starts_with(&dok));
        // A language the organisation does not offer: refused, nothing written.
        let fel = spar(None, None, Some("en")).unwrap_err();
        assert_eq!(fel.code, "fel-konfig-sprak-erbjuds-inte");
        assert!(filer_under(&dok).is_empty());

        // A brukare keeps a language no longer offered; choosing it anew is refused.
        let l = t.l10n();
        assert!(org.tillat_brukarsprak(&l, "sv", Some("en"), "en").is_ok());
        assert!(org.tillat_brukarsprak(&l, "sv", Some("en"), "fi").is_ok());
        for nuvarande in [None, Some("sv")] {
            let fel = org.tillat_brukarsprak(&l, "sv", nuvarande, "en").unwrap_err();
            assert_eq!(fel.code, "fel-konfig-sprak-erbjuds-inte");
        }

        // Without a folder named the organisation's is used; inside it anything goes.
        let filer = spar(None, None, Some("fi")).unwrap();
        assert!(!filer.is_empty());
        assert!(filer.iter().all(|f| Path::new(f).starts_with(&dok)), "{filer:?}");
        let egen = dok.join("egen").join("brev.pdf");
        let filer = spar(None, Some(&egen), None).unwrap();
        assert_eq!(filer[0], egen.display().to_string());
        assert!(std::fs::read(&egen).unwrap().starts_with(b"%PDF"));
        assert!(!annan.exists());
    }

    #[test]
    fn another_municipalitys_database_is_closed_and_a_new_one_gets_the_organisations_name() {
        let dir = tempfile::tempdir().unwrap();
        let (t, _, _) = demo_med_beslut(dir.path());
        let org =
            organisationen(dir.path(), "[kommun]\nkod = \"0999\"\nnamn = \"Annanby kommun\"\n");
        assert_eq!(
            tauri::async_runtime::block_on(t.med_store("sv", |s| Ok(s.kommun()?.namn))).unwrap(),
            "Exempelby kommun"
        );
        let status = t.lockstatus(None, "sv").unwrap();
        let fel =
            tauri::async_runtime::block_on(crate::lock::mot_organisationen(&t, &org, "sv", status))
                .unwrap_err();
        assert_eq!(fel.code, "fel-konfig-annan-kommun");
        assert!(
            fel.message.contains("Exempelby kommun")
                && fel.message.contains("Annanby kommun (0999)"),
            "{}",
            fel.message
        );
        assert!(t.store().lock().unwrap().is_none(), "the database is closed again");

        // A new database (the first start) gets the file's municipality and languages.
        let ny = tempfile::tempdir().unwrap();
        let db = ny.path().join("valfri.sqlite");
        valfri_store::skapa_databas(&db, &Skydd::Okrypterad, false, |_| Ok(())).unwrap();
        let t = Tillstand::new(
            Launch { db: Some(db.clone()), demo: false, passphrase_env: None },
            Localizer::new().unwrap(),
        );
        let org = organisationen(
            ny.path(),
            "[kommun]\nkod = \"0883\"\nnamn = \"Exempelby kommun\"\n[sprak]\nerbjudna = [\"sv\", \"fi\"]\n",
        );
        tauri::async_runtime::block_on(t.med_store("sv", |_| Ok(()))).unwrap();
        let status = t.lockstatus(None, "sv").unwrap();
        tauri::async_runtime::block_on(crate::lock::mot_organisationen(&t, &org, "sv", status))
            .unwrap();
        drop(t);
        let s = Store::oppna(&db, None).unwrap();
        let k = s.kommun().unwrap();
        assert_eq!(
            (k.namn.as_str(), k.sprak),
            ("Exempelby kommun", vec!["sv".to_owned(), "fi".to_owned()])
        );
        assert!(matches!(s.verifiera_logg().unwrap(), valfri_store::Loggstatus::Hel { .. }));
    }

    #[test]
    fn the_organisations_register_key_is_used_and_another_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (t, _, _) = demo_med_beslut(dir.path());
        let egen = valfri_utbyte::paket::skriv_nyckelpar(&dir.path().join("kommun.key")).unwrap();
        let annan = valfri_utbyte::paket::skriv_nyckelpar(&dir.path().join("annan.key")).unwrap();
        let org = organisationen(
            dir.path(),
            &format!("[registerpaket]\npublik-nyckel = \"{}\"\n", egen.display()),
        );
        let valt = crate::forvaltning::paketnyckel(&t, &org, "sv", None).unwrap();
        assert_eq!(valt, egen.display().to_string());
        let fel =
            crate::forvaltning::paketnyckel(&t, &org, "sv", Some(annan.display().to_string()))
                .unwrap_err();
        assert_eq!(fel.code, "fel-konfig-satt-av-organisationen");
        // A package signed with another key does not hold against the organisation's.
        let s = Store::oppna(&dir.path().join("valfri.sqlite"), None).unwrap();
        let hemlig =
            valfri_utbyte::paket::las_hemlig_nyckel(&dir.path().join("annan.key")).unwrap();
        let paket = dir.path().join("paket.valfri");
        std::fs::write(&paket, valfri_utbyte::paket::skapa(&s, &hemlig, idag()).unwrap()).unwrap();
        assert!(
            crate::forvaltning::kontrollera_paket(&paket.display().to_string(), &valt).is_err()
        );
        assert!(
            crate::forvaltning::kontrollera_paket(
                &paket.display().to_string(),
                &annan.display().to_string()
            )
            .is_ok()
        );
    }
}
