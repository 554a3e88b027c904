//! The demo municipality in kommunläge, for `cargo xtask run --kommun` and the end-to-end
//! tests: a `PostgreSQL` cluster of its own (valfri-hub's `testkluster`: under `target/`, a free
//! port, run as the `postgres` user), the demo brought into the hub whole, logins for three of
//! its people, and a desk per login. Everything in it is fictional.

use std::path::{Path, PathBuf};

use valfri_hub::Hubb;
use valfri_hub::testkluster::Testkluster;
use valfri_store::{Skydd, Store, demo};

/// The database's name in the cluster.
const DATABAS: &str = "exempelby";
/// The schema owner's login and password (what a DBA gives Valfri; never a real one).
const AGARE: (&str, &str) = ("valfri_agare_demo", "exempelby-agare");

/// The password of every demo login (public, like the demo's passphrase).
pub const DEMO_HUBBLOSEN: &str = "exempelby-hubb";

/// The demo's logins and the demo people they belong to: a systemförvaltare and two
/// handläggare.
pub const DEMO_INLOGGNINGAR: &[(&str, &str)] =
    &[("karin.holm", "Karin Holm"), ("jonas.berg", "Jonas Berg"), ("leila.haddad", "Leila Haddad")];

/// A running demo hub; dropping it stops the cluster and removes its data.
#[derive(Debug)]
pub struct Kommundemo {
    kluster: Testkluster,
    katalog: PathBuf,
}

fn text(e: impl std::fmt::Display) -> String {
    e.to_string()
}

impl Kommundemo {
    /// Starts the cluster and fills the hub: the demo municipality (made standalone in
    /// `katalog`, then imported whole) and the logins of [`DEMO_INLOGGNINGAR`].
    pub fn starta(katalog: &Path) -> Result<Kommundemo, String> {
        std::fs::create_dir_all(katalog).map_err(text)?;
        let kluster = Testkluster::starta()?;
        kluster.ny_kommun(DATABAS, AGARE.0, AGARE.1)?;
        let fristaende = katalog.join("fristaende-demo.sqlite");
        let _ = std::fs::remove_file(&fristaende);
        valfri_store::skapa_databas(&fristaende, &Skydd::Okrypterad, true, |s| {
            demo::skapa_demo(s, valfri_store::idag())
        })
        .map_err(text)?;
        let store = Store::oppna(&fristaende, None).map_err(text)?;
        let mut agare =
            Hubb::anslut(&kluster.url_utan_losen(AGARE.0, DATABAS), Some(AGARE.1)).map_err(text)?;
        agare.initiera().map_err(text)?;
        crate::importera(&store, &mut agare, "Exempelby (demo)").map_err(text)?;
        let personer = store.handlaggare_lista().map_err(text)?;
        for (login, namn) in DEMO_INLOGGNINGAR {
            let h = personer
                .iter()
                .find(|h| h.namn == *namn)
                .ok_or_else(|| format!("the demo has no {namn}"))?;
            agare.ge_inloggning(login, &h.id, DEMO_HUBBLOSEN).map_err(text)?;
        }
        drop(store);
        let _ = std::fs::remove_file(&fristaende);
        Ok(Kommundemo { kluster, katalog: katalog.to_owned() })
    }

    /// The hub's address for `login` (without the password, which the person types).
    pub fn url(&self, login: &str) -> String {
        self.kluster.url_utan_losen(login, DATABAS)
    }

    /// A new desk for `login` at `katalog/<login>.sqlite`, protected by `skydd` and filled by a
    /// first sync. An old file of the same name (from an earlier demo) is replaced.
    pub fn desk(&self, login: &str, skydd: &Skydd) -> Result<PathBuf, String> {
        let fil = self.katalog.join(format!("{login}.sqlite"));
        for slut in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{slut}", fil.display()));
        }
        let url = self.url(login);
        crate::ny_replika(&fil, skydd, &url, login).map_err(text)?;
        let (mut hubb, _) =
            Hubb::oppna_som(&url, Some(login), Some(DEMO_HUBBLOSEN)).map_err(text)?;
        let store = Store::oppna(&fil, skydd.losen()).map_err(text)?;
        crate::synka(&store, &mut hubb).map_err(text)?;
        Ok(fil)
    }
}
