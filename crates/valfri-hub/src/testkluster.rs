//! A throw-away PostgreSQL cluster for tests: its own data directory under the workspace's
//! `target/`, a free port on 127.0.0.1 only, SCRAM passwords for TCP, and stopped and removed
//! when dropped (also when the test panics). Needs Debian's `postgresql` package; run as root,
//! the server runs as the `postgres` user, since PostgreSQL refuses to run as root.
//!
//! Not part of the program: for this crate's tests and those to come (the desks, the CLI).

use std::fs;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// The superuser's password in every test cluster (never a real one).
pub const SUPERLOSEN: &str = "superlosen-test";

/// How long a cluster may take to accept connections before the test gives up.
const STARTTID: Duration = Duration::from_secs(60);

static NUMMER: AtomicU32 = AtomicU32::new(0);

/// A running cluster; dropping it stops the server and removes its directory.
#[derive(Debug)]
pub struct Testkluster {
    katalog: PathBuf,
    bin: PathBuf,
    som_postgres: bool,
    port: u16,
}

/// The newest installed server's programs: `/usr/lib/postgresql/<version>/bin`, or
/// `VALFRI_PG_BIN`.
fn pg_bin() -> Result<PathBuf, String> {
    if let Some(b) = std::env::var_os("VALFRI_PG_BIN") {
        return Ok(PathBuf::from(b));
    }
    let rot = Path::new("/usr/lib/postgresql");
    let mut versioner: Vec<(u32, PathBuf)> = fs::read_dir(rot)
        .map_err(|e| format!("{}: {e} (apt-get install postgresql)", rot.display()))?
        .filter_map(Result::ok)
        .filter_map(|d| {
            let v: u32 = d.file_name().to_str()?.parse().ok()?;
            let bin = d.path().join("bin");
            bin.join("initdb").exists().then_some((v, bin))
        })
        .collect();
    versioner.sort();
    versioner.pop().map(|(_, b)| b).ok_or_else(|| "no PostgreSQL with initdb installed".into())
}

fn ar_root() -> bool {
    rustix::process::geteuid().is_root()
}

fn fri_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// The server's own message, which `postgres::Error`'s Display leaves out.
fn sql_fel(e: &postgres::Error) -> String {
    e.as_db_error()
        .map_or_else(|| e.to_string(), |d| format!("{}: {}", d.code().code(), d.message()))
}

fn kor(mut c: Command) -> Result<Output, String> {
    let beskrivning = format!("{c:?}");
    let ut = c.output().map_err(|e| format!("{beskrivning}: {e}"))?;
    if ut.status.success() {
        Ok(ut)
    } else {
        Err(format!(
            "{beskrivning}: {}\n{}{}",
            ut.status,
            String::from_utf8_lossy(&ut.stdout),
            String::from_utf8_lossy(&ut.stderr)
        ))
    }
}

/// Where clusters live: `target/valfri-hub-pg/` of the workspace or, when the server's user
/// cannot pass into the workspace (a checkout under a private home), the temporary directory.
fn bas(som_postgres: bool) -> Result<PathBuf, String> {
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target");
    let i_target = target.join("valfri-hub-pg");
    let tillfallig = std::env::temp_dir().join("valfri-hub-pg");
    for (bas, foraldrar) in
        [(&i_target, vec![&target, &i_target]), (&tillfallig, vec![&tillfallig])]
    {
        fs::create_dir_all(bas).map_err(|e| format!("{}: {e}", bas.display()))?;
        if !som_postgres {
            return Ok(bas.clone());
        }
        for d in foraldrar {
            let mut rattigheter = fs::metadata(d).map_err(|e| e.to_string())?.permissions();
            rattigheter.set_mode(rattigheter.mode() | 0o711);
            fs::set_permissions(d, rattigheter).map_err(|e| e.to_string())?;
        }
        let nar = Command::new("runuser")
            .args(["-u", "postgres", "--", "test", "-x"])
            .arg(bas)
            .status()
            .is_ok_and(|s| s.success());
        if nar {
            return Ok(bas.clone());
        }
    }
    Err(format!("the postgres user cannot reach {}", tillfallig.display()))
}

/// Stops and removes the clusters of test processes that were killed before they could.
fn stada(bas: &Path, bin: &Path, som_postgres: bool) {
    let Ok(poster) = fs::read_dir(bas) else { return };
    for post in poster.filter_map(Result::ok) {
        let namn = post.file_name();
        let Some(pid) = namn.to_str().and_then(|n| n.split('-').next()) else { continue };
        if pid.parse::<u32>().is_err() || Path::new("/proc").join(pid).exists() {
            continue;
        }
        drop(Testkluster { katalog: post.path(), bin: bin.to_owned(), som_postgres, port: 0 });
    }
}

impl Testkluster {
    /// initdb, configure, start, and wait until the superuser can log in over TCP.
    pub fn starta() -> Result<Testkluster, String> {
        let bin = pg_bin()?;
        let som_postgres = ar_root();
        let bas = bas(som_postgres)?;
        stada(&bas, &bin, som_postgres);
        let namn = format!("{}-{}", std::process::id(), NUMMER.fetch_add(1, Ordering::Relaxed));
        let katalog = bas.join(namn);
        let _ = fs::remove_dir_all(&katalog);
        fs::create_dir(&katalog).map_err(|e| format!("{}: {e}", katalog.display()))?;
        let losenfil = katalog.join("losen");
        fs::write(&losenfil, SUPERLOSEN).map_err(|e| e.to_string())?;
        if som_postgres {
            let mut c = Command::new("chown");
            c.args(["-R", "postgres:postgres"]).arg(&katalog);
            kor(c)?;
        }
        // From here on, dropping the value cleans up whatever was made.
        let mut kluster = Testkluster { katalog, bin, som_postgres, port: 0 };
        let data = kluster.data();
        let mut initdb = kluster.program("initdb");
        initdb
            .arg("-D")
            .arg(&data)
            .args(["-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
            .args(["--auth-local=peer", "--auth-host=scram-sha-256", "--no-instructions"])
            .arg(format!("--pwfile={}", losenfil.display()));
        kor(initdb)?;
        // Passwords over TCP on this machine only; the superuser may also use the socket-less
        // local peer line, which is never reached since there is no socket.
        fs::write(
            data.join("pg_hba.conf"),
            "local all postgres peer\nhost all all 127.0.0.1/32 scram-sha-256\n",
        )
        .map_err(|e| e.to_string())?;
        // A port can be taken between choosing it and binding it; then try another.
        let mut sista_fel = String::new();
        for _ in 0..5 {
            kluster.port = fri_port()?;
            let konf = format!(
                "\n# valfri-hub test cluster\nlisten_addresses = '127.0.0.1'\nport = {}\n\
                 unix_socket_directories = ''\npassword_encryption = 'scram-sha-256'\n\
                 fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n\
                 max_connections = 150\nshared_buffers = '32MB'\n",
                kluster.port
            );
            fs::write(data.join("postgresql.auto.conf"), konf).map_err(|e| e.to_string())?;
            let mut start = kluster.program("pg_ctl");
            start
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(kluster.katalog.join("logg"))
                .args(["-W", "start"]);
            kor(start)?;
            match kluster.vanta_pa_start() {
                Ok(()) => return Ok(kluster),
                Err(e) => {
                    sista_fel = e;
                    kluster.stoppa();
                }
            }
        }
        Err(sista_fel)
    }

    fn data(&self) -> PathBuf {
        self.katalog.join("data")
    }

    fn program(&self, namn: &str) -> Command {
        let mut c = if self.som_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(self.bin.join(namn));
            c
        } else {
            Command::new(self.bin.join(namn))
        };
        // The server's user may not be able to read the test's working directory.
        c.current_dir(&self.katalog);
        c
    }

    /// Polls until the superuser can log in, or the server has died, or time runs out.
    fn vanta_pa_start(&self) -> Result<(), String> {
        let borjan = Instant::now();
        loop {
            match postgres::Client::connect(
                &self.url("postgres", SUPERLOSEN, "postgres"),
                postgres::NoTls,
            ) {
                Ok(_) => return Ok(()),
                Err(e) => {
                    let logg = fs::read_to_string(self.katalog.join("logg")).unwrap_or_default();
                    // The port was taken after all, or the server stopped on its own.
                    let dod = logg.contains("could not create any TCP/IP sockets")
                        || logg.contains("database system is shut down");
                    if dod || borjan.elapsed() > STARTTID {
                        return Err(format!("the test cluster did not start: {e}\n{logg}"));
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn stoppa(&self) {
        let mut c = self.program("pg_ctl");
        c.arg("-D").arg(self.data()).args(["-m", "immediate", "-w", "stop"]);
        let _ = c.output();
    }

    /// Restarts the server on the same port (a fast stop: every connection breaks, every open
    /// transaction rolls back; an immediate stop would lose commits here, since the test
    /// cluster runs with `synchronous_commit = off`).
    pub fn starta_om(&self) -> Result<(), String> {
        let mut stopp = self.program("pg_ctl");
        stopp.arg("-D").arg(self.data()).args(["-m", "fast", "-w", "stop"]);
        kor(stopp)?;
        // A fresh log, so the wait below does not read the stop as a failed start.
        let _ = fs::rename(self.katalog.join("logg"), self.katalog.join("logg.1"));
        let mut start = self.program("pg_ctl");
        start
            .arg("-D")
            .arg(self.data())
            .arg("-l")
            .arg(self.katalog.join("logg"))
            .args(["-W", "start"]);
        kor(start)?;
        self.vanta_pa_start()
    }

    /// The cluster's directory (data, log), removed on drop.
    pub fn katalog(&self) -> &Path {
        &self.katalog
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// A URL for `anvandare` with `losenord` to database `databas`, without TLS (the test
    /// cluster has no certificate).
    pub fn url(&self, anvandare: &str, losenord: &str, databas: &str) -> String {
        format!(
            "postgresql://{anvandare}:{losenord}@127.0.0.1:{}/{databas}?sslmode=disable",
            self.port
        )
    }

    /// The same without the password, for code that takes it separately.
    pub fn url_utan_losen(&self, anvandare: &str, databas: &str) -> String {
        format!("postgresql://{anvandare}@127.0.0.1:{}/{databas}?sslmode=disable", self.port)
    }

    /// A connection as the superuser.
    pub fn superanvandare(&self, databas: &str) -> Result<postgres::Client, String> {
        postgres::Client::connect(&self.url("postgres", SUPERLOSEN, databas), postgres::NoTls)
            .map_err(|e| sql_fel(&e))
    }

    /// A new database owned by a new login `agare` with CREATEROLE: what a municipality's DBA
    /// gives Valfri's schema owner.
    pub fn ny_kommun(&self, databas: &str, agare: &str, losenord: &str) -> Result<(), String> {
        let mut s = self.superanvandare("postgres")?;
        // Two calls: CREATE DATABASE refuses to run inside the implicit transaction of a batch.
        for sql in [
            format!("CREATE ROLE {agare} LOGIN CREATEROLE PASSWORD '{losenord}'"),
            format!("CREATE DATABASE {databas} OWNER {agare}"),
        ] {
            s.batch_execute(&sql).map_err(|e| sql_fel(&e))?;
        }
        Ok(())
    }
}

impl Drop for Testkluster {
    fn drop(&mut self) {
        self.stoppa();
        let _ = fs::remove_dir_all(&self.katalog);
    }
}
