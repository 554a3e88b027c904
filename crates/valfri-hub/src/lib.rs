//! Kommunläge's shared store: the municipality's `PostgreSQL` database (the hub). It holds the
//! shared truth — settings, insatser, områden, lagrum, the versioned provider register,
//! handläggare, brukare, beslut, val, ickeval, information given, documents produced and the
//! hash-chained audit log — and lets the engine, not the program, say who is connected and what
//! they may do (grants, row-level security and triggers in [`schema`]).
//!
//! Not built yet (issue 19): the desks' outbox, push, pull and LISTEN/NOTIFY. The change number
//! on every shared row and `valfri.outbox_applied` are here for them.

mod fel;
mod hamta;
pub mod schema;
mod sok;
#[doc(hidden)]
pub mod testkluster;
mod tillampa;

use std::time::Duration;

use openssl::ssl::{SslConnector, SslMethod};
use postgres::fallible_iterator::FallibleIterator as _;
use postgres::types::ToSql;
use postgres::{Client, Config};
use postgres_openssl::MakeTlsConnector;
use serde::Serialize;
pub use valfri_domain::logg::Loggstatus;
use valfri_domain::logg::{Kedjekontroll, Loggrad};
use valfri_domain::{Falt, Roll, kontrollera_text};

pub use fel::HubbFel;
pub use hamta::{Andrad, Andringar, Borttagen};
pub use schema::{GRUPP_HANDLAGGARE, GRUPP_SYSTEMFORVALTARE, SCHEMAVERSION};
pub use sok::MAX_TRAFFAR;
pub use tillampa::Utkorgspost;

pub type Resultat<T> = Result<T, HubbFel>;

/// How long to wait for the server to answer a connection before saying it cannot be reached,
/// when the URL does not say (`connect_timeout`).
const ANSLUTNINGSTID: Duration = Duration::from_secs(10);

/// Held while migrating, so two `hub init` at once run one after the other.
const SCHEMALAS: &str = "SELECT pg_advisory_lock(hashtext('valfri.schema'))";
const SCHEMALAS_UPP: &str = "SELECT pg_advisory_unlock(hashtext('valfri.schema'))";

/// A connection to the hub as one login.
pub struct Hubb {
    klient: Client,
    anvandare: String,
    kolumnlistor: hamta::Kolumnlistor,
    /// The hub day this connection last ran the day's step on.
    senaste_dagssteg: Option<chrono::NaiveDate>,
}

impl std::fmt::Debug for Hubb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hubb").field("anvandare", &self.anvandare).finish_non_exhaustive()
    }
}

/// What `hub init` did: the schema version before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Initiering {
    pub fran: i64,
    pub till: i64,
}

/// Who is logged in to the hub, from their handläggare row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inloggad {
    pub login: String,
    pub handlaggare_id: String,
    pub namn: String,
    pub roll: Roll,
    pub omraden: Vec<String>,
}

/// A skyddad brukare's record, as `valfri.oppna_skyddad_brukare` returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkyddadBrukare {
    pub id: String,
    pub personnummer: String,
    pub fornamn: String,
    pub efternamn: String,
    pub adress: String,
    pub postnummer: String,
    pub postort: String,
}

/// The municipality's CA file the organisation's configuration names (`hubb.ca-fil`), set once
/// at start; `PGSSLROOTCERT` still wins, as for libpq.
static CA_FIL: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// Trusts the hub's certificate when `fil` (the municipality's CA, from the organisation's
/// configuration) vouches for it, unless `PGSSLROOTCERT` names another. Set once; a second call
/// changes nothing.
pub fn satt_ca_fil(fil: &std::path::Path) {
    let _ = CA_FIL.set(fil.to_path_buf());
}

/// The TLS connector: the system's trusted certificates, or the file `PGSSLROOTCERT` (else the
/// organisation's `hubb.ca-fil`, [`satt_ca_fil`]) names, and
/// a client certificate from the files `PGSSLCERT` and `PGSSLKEY` name (as for libpq). Whether
/// TLS is used is the URL's `sslmode` (disable, prefer, require).
fn tls() -> Resultat<MakeTlsConnector> {
    let intern = |e: openssl::error::ErrorStack| HubbFel::Internt { detalj: e.to_string() };
    let mut bygg = SslConnector::builder(SslMethod::tls_client()).map_err(intern)?;
    if let Some(fil) = std::env::var_os("PGSSLROOTCERT") {
        bygg.set_ca_file(fil).map_err(intern)?;
    } else if let Some(fil) = CA_FIL.get() {
        bygg.set_ca_file(fil).map_err(intern)?;
    }
    if let (Some(cert), Some(nyckel)) =
        (std::env::var_os("PGSSLCERT"), std::env::var_os("PGSSLKEY"))
    {
        bygg.set_certificate_chain_file(cert).map_err(intern)?;
        bygg.set_private_key_file(nyckel, openssl::ssl::SslFiletype::PEM).map_err(intern)?;
    }
    Ok(MakeTlsConnector::new(bygg.build()))
}

fn adress(config: &Config) -> String {
    let vardar: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|h| match h {
            postgres::config::Host::Tcp(n) => n.clone(),
            postgres::config::Host::Unix(p) => p.display().to_string(),
        })
        .collect();
    let port = config.get_ports().first().copied().unwrap_or(5432);
    format!("{}:{port}", vardar.join(","))
}

/// Why a connection could not be made, as a sentence's variant.
fn anslutningsfel(e: &postgres::Error, adress: &str, anvandare: &str) -> HubbFel {
    if let Some(db) = e.as_db_error() {
        return match db.code().code() {
            "28P01" => HubbFel::FelLosenord { anvandare: anvandare.to_owned() },
            "28000" => HubbFel::Nekad { anvandare: anvandare.to_owned() },
            _ => HubbFel::Internt { detalj: db.message().to_owned() },
        };
    }
    let text = e.to_string();
    // tokio-postgres keeps its error kinds private; its Display names the TLS kind.
    if text.starts_with("error performing TLS handshake") {
        return HubbFel::TlsVagrad { adress: adress.to_owned(), detalj: text };
    }
    HubbFel::Onaborbar { adress: adress.to_owned(), detalj: text }
}

/// A login name the hub accepts: what a directory (AD, Kerberos) uses, and nothing that needs
/// quoting in SQL or reaches into the engine's or Valfri's own role names.
/// Refuses a login that is already a role in the cluster (a Valfri person or anything else).
fn inloggning_ledig(tx: &mut postgres::Transaction<'_>, login: &str) -> Resultat<()> {
    let finns: bool = tx
        .query_one("SELECT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = $1)", &[&login])?
        .get(0);
    if finns {
        return Err(HubbFel::InloggningFinns { login: login.to_owned() });
    }
    Ok(())
}

/// A password as the SCRAM verifier the server keeps; the clear text never reaches it.
fn scram(losenord: &str) -> Resultat<String> {
    let verifierare = postgres_protocol::password::scram_sha_256(losenord.as_bytes());
    // The verifier is base64, '$' and ':' only; checked so the literal it goes into cannot break.
    if !verifierare.chars().all(|c| c.is_ascii_alphanumeric() || "$:+/=-".contains(c)) {
        return Err(HubbFel::Internt { detalj: "unexpected SCRAM verifier".into() });
    }
    Ok(verifierare)
}

fn kontrollera_login(login: &str) -> Resultat<()> {
    let fel = || HubbFel::OgiltigInloggning { login: login.chars().take(64).collect() };
    let forsta_ok = login.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    let tecken_ok =
        login.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-@".contains(c));
    if !forsta_ok
        || !tecken_ok
        || login.len() > 63
        || login.starts_with("pg_")
        || login.starts_with("valfri_")
        || login == "public"
    {
        return Err(fel());
    }
    Ok(())
}

impl Hubb {
    /// Gives an existing handläggare (one brought in by [`Hubb::importera`], say) a login role in
    /// the group of their role; their desk holds the whole municipality. Refused if the login
    /// exists or the person already has one.
    pub fn ge_inloggning(
        &mut self,
        login: &str,
        handlaggare_id: &str,
        losenord: &str,
    ) -> Resultat<()> {
        kontrollera_login(login)?;
        if losenord.is_empty() {
            return Err(HubbFel::TomtLosenord);
        }
        let verifierare = scram(losenord)?;
        let mut tx = self.klient.transaction()?;
        inloggning_ledig(&mut tx, login)?;
        let rad = tx
            .query_opt(
                "SELECT roll, login FROM valfri.handlaggare WHERE id = $1",
                &[&handlaggare_id],
            )?
            .ok_or_else(|| HubbFel::HittasInte {
                typ: "handlaggare",
                id: handlaggare_id.to_owned(),
            })?;
        if let Some(har) = rad.get::<_, Option<String>>(1) {
            return Err(HubbFel::InloggningFinns { login: har });
        }
        let grupp = if rad.get::<_, String>(0) == Roll::Systemforvaltare.kod() {
            GRUPP_SYSTEMFORVALTARE
        } else {
            GRUPP_HANDLAGGARE
        };
        tx.batch_execute(&format!(
            "CREATE ROLE \"{login}\" LOGIN PASSWORD '{verifierare}' IN ROLE {grupp}"
        ))?;
        tx.execute(
            "UPDATE valfri.handlaggare SET login = $2 WHERE id = $1",
            &[&handlaggare_id, &login],
        )?;
        let detalj = serde_json::json!({ "login": login }).to_string();
        tx.execute(
            "INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, detalj)
             VALUES ('inloggning', 'handlaggare', $1, $2)",
            &[&handlaggare_id, &detalj],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Connects as the URL's user. `losenord` is the password (from an environment variable the
    /// person named; never a command-line argument).
    pub fn anslut(url: &str, losenord: Option<&str>) -> Resultat<Hubb> {
        Hubb::anslut_som(url, None, losenord)
    }

    /// Connects as `anvandare` (the URL's user when `None`).
    pub fn anslut_som(
        url: &str,
        anvandare: Option<&str>,
        losenord: Option<&str>,
    ) -> Resultat<Hubb> {
        let mut config: Config = url
            .parse()
            .map_err(|e: postgres::Error| HubbFel::FelAdress { detalj: e.to_string() })?;
        if let Some(a) = anvandare {
            config.user(a);
        }
        if let Some(l) = losenord {
            if l.is_empty() {
                return Err(HubbFel::TomtLosenord);
            }
            config.password(l);
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(ANSLUTNINGSTID);
        }
        let anvandare = config.get_user().unwrap_or_default().to_owned();
        let adress = adress(&config);
        let klient = config.connect(tls()?).map_err(|e| anslutningsfel(&e, &adress, &anvandare))?;
        Ok(Hubb {
            klient,
            anvandare,
            kolumnlistor: hamta::Kolumnlistor::new(),
            senaste_dagssteg: None,
        })
    }

    /// Connects for work: the login must have a Valfri role and the hub this program's schema.
    pub fn oppna(url: &str, losenord: Option<&str>) -> Resultat<(Hubb, Roll)> {
        Hubb::oppna_som(url, None, losenord)
    }

    /// [`Hubb::oppna`] as `anvandare` (the URL's user when `None`).
    pub fn oppna_som(
        url: &str,
        anvandare: Option<&str>,
        losenord: Option<&str>,
    ) -> Resultat<(Hubb, Roll)> {
        let mut hubb = Hubb::anslut_som(url, anvandare, losenord)?;
        let roll = hubb.roll()?;
        hubb.kontrollera_schema()?;
        Ok((hubb, roll))
    }

    /// The login, as the engine knows it (`session_user`).
    pub fn vem(&mut self) -> Resultat<String> {
        Ok(self.klient.query_one("SELECT session_user::text", &[])?.get(0))
    }

    /// The login's Valfri role, from its membership of the group roles.
    pub fn roll(&mut self) -> Resultat<Roll> {
        let finns: i64 = self
            .klient
            .query_one(
                "SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname = ANY ($1)",
                &[&vec![GRUPP_HANDLAGGARE, GRUPP_SYSTEMFORVALTARE]],
            )?
            .get(0);
        if finns < 2 {
            return Err(HubbFel::InteInitierad);
        }
        let rad = self.klient.query_one(
            "SELECT pg_has_role(session_user, $1, 'MEMBER'), pg_has_role(session_user, $2, 'MEMBER')",
            &[&GRUPP_SYSTEMFORVALTARE, &GRUPP_HANDLAGGARE],
        )?;
        match (rad.get::<_, bool>(0), rad.get::<_, bool>(1)) {
            (true, _) => Ok(Roll::Systemforvaltare),
            (false, true) => Ok(Roll::Handlaggare),
            (false, false) => Err(HubbFel::OkandRoll { anvandare: self.anvandare.clone() }),
        }
    }

    /// The hub's schema version, `None` when it has no Valfri schema.
    pub fn schemaversion(&mut self) -> Resultat<Option<i64>> {
        let finns: bool = self
            .klient
            .query_one("SELECT to_regclass('valfri.schemaversion') IS NOT NULL", &[])?
            .get(0);
        if !finns {
            return Ok(None);
        }
        let rad = self.klient.query_opt("SELECT version::bigint FROM valfri.schemaversion", &[])?;
        Ok(rad.map(|r| r.get(0)))
    }

    /// Refuses a hub whose schema is not the one this program knows.
    pub fn kontrollera_schema(&mut self) -> Resultat<()> {
        let program = SCHEMAVERSION;
        match self.schemaversion()? {
            None | Some(0) => Err(HubbFel::InteInitierad),
            Some(v) if v > program as i64 => Err(HubbFel::NyareSchema { hubb: v, program }),
            Some(v) if v < program as i64 => Err(HubbFel::AldreSchema { hubb: v, program }),
            Some(_) => Ok(()),
        }
    }

    /// Creates or migrates the schema, then (re)applies the roles and grants. Run as the schema
    /// owner: a login that may create in the database, and create roles unless a DBA already
    /// ran [`schema::ROLLER`]. Running it again on a current hub changes nothing.
    pub fn initiera(&mut self) -> Resultat<Initiering> {
        self.klient.batch_execute(SCHEMALAS)?;
        let svar = self.initiera_last();
        // The lock also ends with the session; a failed unlock leaves nothing behind.
        let _ = self.klient.batch_execute(SCHEMALAS_UPP);
        svar
    }

    fn initiera_last(&mut self) -> Resultat<Initiering> {
        let program = SCHEMAVERSION;
        let fran = self.schemaversion()?.unwrap_or(0);
        if fran > program as i64 {
            return Err(HubbFel::NyareSchema { hubb: fran, program });
        }
        // Before anything is created: a refused CREATE ROLE leaves the database as it was.
        self.klient.batch_execute(schema::ROLLER)?;
        for n in (fran as usize + 1)..=program {
            let mut tx = self.klient.transaction()?;
            if n == 1 {
                tx.batch_execute(schema::VERSIONSTABELL)?;
            }
            tx.batch_execute(&schema::migrering(n))?;
            tx.execute("UPDATE valfri.schemaversion SET version = $1", &[&(n as i32)])?;
            tx.commit()?;
        }
        let mut tx = self.klient.transaction()?;
        tx.batch_execute(schema::BEHORIGHETER)?;
        tx.commit()?;
        Ok(Initiering { fran, till: program as i64 })
    }

    /// Creates a person's login role in one of the two groups, and their handläggare row; the
    /// password reaches the server only as a SCRAM verifier, never in clear text.
    pub fn lagg_till_anvandare(
        &mut self,
        login: &str,
        namn: &str,
        roll: Roll,
        losenord: &str,
    ) -> Resultat<String> {
        self.lagg_till_anvandare_i(login, namn, roll, losenord, &[])
    }

    /// [`Hubb::lagg_till_anvandare`] for a person whose desk holds the brukare of the områden
    /// with codes `omraden` (empty: the whole municipality). An unknown code refuses the whole
    /// act: no login is made.
    pub fn lagg_till_anvandare_i(
        &mut self,
        login: &str,
        namn: &str,
        roll: Roll,
        losenord: &str,
        omraden: &[String],
    ) -> Resultat<String> {
        kontrollera_login(login)?;
        let namn = kontrollera_text(Falt::NAMN, namn)?;
        if losenord.is_empty() {
            return Err(HubbFel::TomtLosenord);
        }
        let verifierare = scram(losenord)?;
        let grupp = match roll {
            Roll::Handlaggare => GRUPP_HANDLAGGARE,
            Roll::Systemforvaltare => GRUPP_SYSTEMFORVALTARE,
        };
        let id = ulid::Ulid::new().to_string();
        let mut tx = self.klient.transaction()?;
        inloggning_ledig(&mut tx, login)?;
        // Each code once, in the order given; an unknown one refuses the whole act.
        let (mut koder, mut omrades_ider) = (Vec::new(), Vec::new());
        for kod in omraden.iter().map(|k| k.trim()) {
            let id: Option<String> = tx
                .query_opt("SELECT id FROM valfri.omrade WHERE kod = $1", &[&kod])?
                .map(|r| r.get(0));
            let id = id.ok_or_else(|| HubbFel::HittasInte { typ: "omrade", id: kod.to_owned() })?;
            if !omrades_ider.contains(&id) {
                omrades_ider.push(id);
                koder.push(kod);
            }
        }
        tx.batch_execute(&format!(
            "CREATE ROLE \"{login}\" LOGIN PASSWORD '{verifierare}' IN ROLE {grupp}"
        ))?;
        tx.execute(
            "INSERT INTO valfri.handlaggare (id, login, namn, roll, omraden) VALUES ($1, $2, $3, $4, $5)",
            &[&id, &login, &namn, &roll.kod(), &omrades_ider],
        )?;
        let mut detalj = serde_json::json!({ "login": login, "roll": roll.kod() });
        if !koder.is_empty() {
            detalj["omraden"] = serde_json::json!(koder);
        }
        let detalj = detalj.to_string();
        tx.execute(
            "INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, detalj)
             VALUES ('skapa', 'handlaggare', $1, $2)",
            &[&id, &detalj],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Finds brukare in the whole municipality by personnummer or the start of a name, best
    /// first, at most `max` (up to [`MAX_TRAFFAR`]); the search and what it showed are logged
    /// under the login. A handläggare's login never finds a skyddad brukare.
    pub fn sok_brukare(
        &mut self,
        fraga: &str,
        max: usize,
    ) -> Resultat<Vec<valfri_domain::BrukareTraff>> {
        sok::sok_brukare(&mut self.klient, fraga, max)
    }

    /// Opens a skyddad brukare's record through the logged path: the reason and the login
    /// are written to the audit log in the same transaction.
    pub fn oppna_skyddad_brukare(
        &mut self,
        brukare_id: &str,
        skal: &str,
    ) -> Resultat<Option<SkyddadBrukare>> {
        let skal = kontrollera_text(Falt::SKAL, skal).map_err(|_| HubbFel::SkalKravs)?;
        let rad = self.klient.query_opt(
            "SELECT id, personnummer, fornamn, efternamn, adress, postnummer, postort
             FROM valfri.oppna_skyddad_brukare($1, $2)",
            &[&brukare_id, &skal],
        )?;
        Ok(rad.map(|r| SkyddadBrukare {
            id: r.get(0),
            personnummer: r.get(1),
            fornamn: r.get(2),
            efternamn: r.get(3),
            adress: r.get(4),
            postnummer: r.get(5),
            postort: r.get(6),
        }))
    }

    /// Walks the whole audit log with valfri-domain's chain check, row by row (the log is not
    /// held in memory). Needs a login that may read the log (systemförvaltare or owner).
    pub fn verifiera_logg(&mut self) -> Resultat<Loggstatus> {
        let inga: [&(dyn ToSql + Sync); 0] = [];
        let mut rader = self.klient.query_raw(
            "SELECT nr, tid, vem, handling, objekt_typ, objekt_id, detalj, foregaende, hash
             FROM valfri.handelselogg ORDER BY nr",
            inga,
        )?;
        let mut kontroll = Kedjekontroll::default();
        while let Some(r) = rader.next()? {
            let rad = Loggrad {
                nr: r.try_get(0)?,
                tid: r.try_get(1)?,
                vem: r.try_get(2)?,
                handling: r.try_get(3)?,
                objekt_typ: r.try_get(4)?,
                objekt_id: r.try_get(5)?,
                detalj: r.try_get(6)?,
                foregaende: r.try_get(7)?,
                hash: r.try_get(8)?,
            };
            if let Err(nr) = kontroll.nasta(&rad) {
                return Ok(Loggstatus::Bruten { nr });
            }
        }
        Ok(Loggstatus::Hel { rader: kontroll.rader() })
    }

    /// Re-applies one command from a desk's outbox in one transaction, or answers it again if
    /// its ULID was applied before (see [`tillampa`]).
    pub fn tillampa(
        &mut self,
        post: &Utkorgspost,
    ) -> Resultat<valfri_domain::kommando::Kommandosvar> {
        tillampa::tillampa(&mut self.klient, post)
    }

    /// The day's automatic step on the hub's day: a beslut whose provider has started is
    /// verkställt, one whose period has run out is ended (see [`tillampa::dagens_steg`]).
    /// Returns how many were carried out and how many ended.
    pub fn dagens_steg(&mut self) -> Resultat<(usize, usize)> {
        let (dag, antal) = tillampa::dagens_steg(&mut self.klient)?;
        self.senaste_dagssteg = Some(dag);
        Ok(antal)
    }

    /// [`Hubb::dagens_steg`] once per hub day on this connection: a desk calls it at every
    /// sync, and only the first of the day does the work (and a second desk finds nothing).
    pub fn dagens_steg_en_gang_om_dagen(&mut self) -> Resultat<()> {
        let dag: chrono::NaiveDate =
            self.klient.query_one(crate::tillampa::HUBBENS_DAG, &[])?.get(0);
        if self.senaste_dagssteg != Some(dag) {
            self.dagens_steg()?;
        }
        Ok(())
    }

    /// Every change above `markor` for a desk that holds the brukare of `omraden` (empty: the
    /// whole municipality), read in one snapshot (see [`hamta`]).
    pub fn hamta(&mut self, markor: i64, omraden: &[String]) -> Resultat<Andringar> {
        hamta::hamta(&mut self.klient, &mut self.kolumnlistor, markor, omraden)
    }

    /// The login's handläggare row: who is working, as the engine says, and the områden their
    /// desk holds.
    pub fn jag(&mut self) -> Resultat<Inloggad> {
        let rad = self.klient.query_opt(
            "SELECT id, namn, roll, omraden FROM valfri.handlaggare WHERE login = session_user",
            &[],
        )?;
        let rad = rad.ok_or_else(|| HubbFel::OkandRoll { anvandare: self.anvandare.clone() })?;
        let roll: String = rad.get(2);
        Ok(Inloggad {
            login: self.anvandare.clone(),
            handlaggare_id: rad.get(0),
            namn: rad.get(1),
            roll: if roll == "systemforvaltare" {
                Roll::Systemforvaltare
            } else {
                Roll::Handlaggare
            },
            omraden: rad.get(3),
        })
    }

    /// The hub's clock, the official time in kommunläge.
    pub fn tid(&mut self) -> Resultat<chrono::DateTime<chrono::Utc>> {
        Ok(self.klient.query_one("SELECT now()", &[])?.get(0))
    }

    /// Asks the hub to wake this connection at every committed change (LISTEN). Call it before
    /// the pull that [`Hubb::vanta_pa_andring`] follows, so no change falls between the two.
    pub fn lyssna(&mut self) -> Resultat<()> {
        Ok(self.klient.batch_execute("LISTEN valfri_andring")?)
    }

    /// Waits up to `tid` for a change in the hub (NOTIFY, after [`Hubb::lyssna`]); `true` when
    /// one came.
    pub fn vanta_pa_andring(&mut self, tid: Duration) -> Resultat<bool> {
        let mut notiser = self.klient.notifications();
        let mut kom = notiser.timeout_iter(tid).next()?.is_some();
        // Several changes at once wake the desk once.
        while notiser.iter().next()?.is_some() {
            kom = true;
        }
        Ok(kom)
    }

    /// Brings a standalone desk's shared rows (from `valfri_store::Store::delade_rader`) into
    /// an empty hub, in one transaction: all of it or nothing. Returns the rows per table. Run
    /// as the schema owner or a systemförvaltare.
    pub fn importera(
        &mut self,
        tabeller: &[(&str, Vec<serde_json::Map<String, serde_json::Value>>)],
        beskrivning: &str,
    ) -> Resultat<Vec<(String, u64)>> {
        let mut tx = self.klient.transaction()?;
        tx.batch_execute(tillampa::SKRIVLAS)?;
        let fanns: i64 = tx
            .query_one(
                "SELECT (SELECT count(*) FROM valfri.utforare) + (SELECT count(*) FROM valfri.beslut)
                      + (SELECT count(*) FROM valfri.kommun)",
                &[],
            )?
            .get(0);
        if fanns > 0 {
            return Err(HubbFel::HubbInteTom);
        }
        let mut ut = Vec::new();
        for (tabell, rader) in tabeller {
            if !valfri_domain::kommando::DELADE_TABELLER.iter().any(|(t, _)| t == tabell) {
                return Err(HubbFel::Internt { detalj: format!("okänd tabell {tabell}") });
            }
            let Some(forsta) = rader.first() else {
                ut.push(((*tabell).to_owned(), 0));
                continue;
            };
            // The columns both sides have; the hub's own (change number, login, office) get
            // their defaults.
            let hubbens: Vec<String> = tx
                .query(
                    "SELECT column_name::text FROM information_schema.columns
                     WHERE table_schema = 'valfri' AND table_name = $1",
                    &[tabell],
                )?
                .iter()
                .map(|r| r.get(0))
                .collect();
            let kolumner: Vec<&String> =
                hubbens.iter().filter(|k| forsta.contains_key(k.as_str())).collect();
            let lista = kolumner.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ");
            let json = serde_json::Value::Array(
                rader.iter().cloned().map(serde_json::Value::Object).collect(),
            );
            let n = tx.execute(
                &format!(
                    "INSERT INTO valfri.{tabell} ({lista})
                     SELECT {lista} FROM jsonb_populate_recordset(NULL::valfri.{tabell}, $1)"
                ),
                &[&json],
            )?;
            ut.push(((*tabell).to_owned(), n));
        }
        let detalj = serde_json::json!({ "fran": beskrivning, "rader": ut }).to_string();
        tx.execute(
            "INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, detalj)
             VALUES ('import', 'kommun', '1', $1)",
            &[&detalj],
        )?;
        tx.commit()?;
        Ok(ut)
    }

    /// The connection, for tests that speak SQL.
    pub fn klient(&mut self) -> &mut Client {
        &mut self.klient
    }
}
