//! The partition test (issue 15's "Done when"): three desk *processes*, each on its own replica
//! file, work through a seeded random schedule against a real `PostgreSQL` hub while the test
//! cuts and restores each desk's connection (a TCP proxy per desk that the test controls) and
//! SIGKILLs desks in the middle of a sync. The actions are those of a handläggare (beslut made,
//! aktivt val and byte, ickeval, valfrihetsinformation given) and of the systemförvaltare in the
//! hub (the register: a provider's kapacitetstak moved, a new register version), with races for
//! the last places of a provider while desks are offline.
//!
//! After everyone is back and has synced, the truth is read:
//! - no kapacitetstak is exceeded in the hub;
//! - per desk, made = confirmed + konflikter, nothing waits, and the hub applied each command
//!   exactly once with the answer the desk holds (and nothing the desks did not make);
//! - each replica's shared tables equal the hub's (a hash per table, the hub read whole);
//! - the desk's and the hub's audit chains verify.
//!
//! A failure prints the seed; `VALFRI_PARTITION_SEED=N` runs that schedule alone.
//! `VALFRI_PARTITION_SCHEDULES` sets how many schedules run (default 200),
//! `VALFRI_PARTITION_WORKERS` how many run at once (default 3).
//!
//! The test has its own `main` (`harness = false`): started with `VALFRI_PARTITION_DESK` set,
//! the same binary is a desk process that reads one instruction a line from stdin.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use valfri_domain::kommando::{Kommando, Kommandosvar};
use valfri_domain::logg::Loggstatus;
use valfri_domain::val::NyttVal;
use valfri_domain::{IckevalOrsak, NyttBeslut, Roll, Utfall, VemValde};
use valfri_hub::Hubb;
use valfri_hub::testkluster::Testkluster;
use valfri_store::{Skydd, Store, Utkorgsstatus, demo, idag};

const MALL: &str = "partition_mall";
const AGARE: &str = "valfri_agare";
const AGARLOSEN: &str = "agarlosen-test";
const DESKS: [&str; 3] = ["anna", "bo", "cilla"];
/// Cases (a brukare with a made hemtjänst beslut and no provider) in the template.
const FALL: usize = 8;
/// Brukare with no beslut yet, for beslut made at the desks.
const NYA: usize = 3;

fn losen(login: &str) -> String {
    format!("{login}-losen-test")
}

fn main() {
    if std::env::var_os("VALFRI_PARTITION_DESK").is_some() {
        skrivbord();
        return;
    }
    // `cargo test` passes its filter and flags; a filter that names another test skips this.
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    if !filter.is_empty() && !filter.iter().any(|f| "partition".contains(f.as_str())) {
        return;
    }
    partition();
}

// ---------------------------------------------------------------------------------------------
// The desk process.

/// A desk: its replica file, the hub (through the test's proxy), its login. Reads `lagg JSON`
/// (a command into the outbox: answers `ok ULID`) and `synk` (push and pull: `ok A N H`, or
/// `offline` when the hub could not be reached); anything else that goes wrong is `fel TEXT`.
fn skrivbord() {
    let fil = PathBuf::from(std::env::var("VALFRI_PARTITION_DESK").unwrap());
    let url = std::env::var("VALFRI_PARTITION_URL").unwrap();
    let login = std::env::var("VALFRI_PARTITION_LOGIN").unwrap();
    let store = Store::oppna(&fil, None).unwrap();
    let mut hubb: Option<Hubb> = None;
    let mut ut = std::io::stdout().lock();
    for rad in std::io::stdin().lock().lines() {
        let rad = rad.unwrap();
        let svar = if let Some(json) = rad.strip_prefix("lagg ") {
            let mut k: Kommando = serde_json::from_str(json).unwrap();
            // A letter is printed from the register this desk holds now.
            if let Kommando::Information { registerversion, .. } = &mut k {
                let c = rusqlite::Connection::open(&fil).unwrap();
                *registerversion = c
                    .query_row("SELECT max(nummer) FROM registerversion", [], |r| r.get(0))
                    .unwrap();
            }
            match store.lagg_i_utkorg(&k) {
                Ok(ulid) => format!("ok {ulid}"),
                Err(e) => format!("fel {e}"),
            }
        } else if rad == "synk" {
            synka_en_gang(&store, &mut hubb, &url, &login)
        } else {
            format!("fel okänd rad {rad}")
        };
        writeln!(ut, "{svar}").unwrap();
        ut.flush().unwrap();
    }
}

fn synka_en_gang(store: &Store, hubb: &mut Option<Hubb>, url: &str, login: &str) -> String {
    // A connection that broke while idle is noticed at its first use; then one fresh try, as
    // the window's follower does at its next round.
    for forsok in 0..2 {
        if hubb.is_none() {
            match Hubb::oppna_som(url, Some(login), Some(&losen(login))) {
                Ok((h, _)) => *hubb = Some(h),
                Err(e) if e.ar_forbindelseproblem() => return "offline".into(),
                Err(e) => return format!("fel {e}"),
            }
        }
        let h = hubb.as_mut().unwrap();
        match valfri_synk::synka(store, h) {
            Ok(s) => return format!("ok {} {} {}", s.tillampade, s.nekade, s.hamtade),
            Err(e) if e.ar_forbindelseproblem() => {
                *hubb = None;
                if forsok == 1 {
                    return "offline".into();
                }
            }
            Err(e) => return format!("fel {e}"),
        }
    }
    "offline".into()
}

// ---------------------------------------------------------------------------------------------
// The proxy between a desk and the hub.

struct Proxy {
    port: u16,
    uppe: Arc<AtomicBool>,
    stopp: Arc<AtomicBool>,
    strommar: Arc<Mutex<Vec<TcpStream>>>,
}

impl Proxy {
    fn ny(mal: u16) -> Proxy {
        let lyssnare = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = lyssnare.local_addr().unwrap().port();
        let uppe = Arc::new(AtomicBool::new(true));
        let stopp = Arc::new(AtomicBool::new(false));
        let strommar = Arc::new(Mutex::new(Vec::<TcpStream>::new()));
        let (u, s, st) = (Arc::clone(&uppe), Arc::clone(&stopp), Arc::clone(&strommar));
        std::thread::spawn(move || {
            for inkommande in lyssnare.incoming() {
                if s.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(klient) = inkommande else { continue };
                if !u.load(Ordering::SeqCst) {
                    // Offline: the connection is refused as a cable pulled out would.
                    let _ = klient.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(("127.0.0.1", mal)) else { continue };
                let _ = klient.set_nodelay(true);
                let _ = server.set_nodelay(true);
                {
                    let mut lista = st.lock().unwrap();
                    lista.retain(|x: &TcpStream| x.peer_addr().is_ok());
                    lista.push(klient.try_clone().unwrap());
                    lista.push(server.try_clone().unwrap());
                }
                for (mut a, mut b) in
                    [(klient.try_clone().unwrap(), server.try_clone().unwrap()), (server, klient)]
                {
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut a, &mut b);
                        let _ = a.shutdown(Shutdown::Both);
                        let _ = b.shutdown(Shutdown::Both);
                    });
                }
            }
        });
        Proxy { port, uppe, stopp, strommar }
    }

    /// Online or offline; going offline breaks every open connection at once.
    fn satt(&self, uppe: bool) {
        self.uppe.store(uppe, Ordering::SeqCst);
        if !uppe {
            for s in self.strommar.lock().unwrap().drain(..) {
                let _ = s.shutdown(Shutdown::Both);
            }
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.satt(false);
        self.stopp.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

// ---------------------------------------------------------------------------------------------
// A desk process as the test drives it.

struct Desk {
    login: &'static str,
    fil: PathBuf,
    url: String,
    proxy: Proxy,
    barn: Option<(Child, ChildStdin, BufReader<ChildStdout>)>,
    /// Every command the desk said it put in its outbox: (ULID, command).
    gjorda: Vec<(String, Kommando)>,
    /// Beslut this desk made (known here before the hub confirms them).
    egna_beslut: Vec<String>,
    dodade: usize,
    dodade_med_vantande: usize,
    /// Commands put in the outbox and not yet seen answered by a sync that finished.
    kanske_vantande: bool,
    /// How long the last whole sync took: a kill is aimed inside that time.
    synktid: Duration,
}

impl Desk {
    fn starta(&mut self) {
        let mut barn = Command::new(std::env::current_exe().unwrap())
            .env("VALFRI_PARTITION_DESK", &self.fil)
            .env("VALFRI_PARTITION_URL", &self.url)
            .env("VALFRI_PARTITION_LOGIN", self.login)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = barn.stdin.take().unwrap();
        let stdout = BufReader::new(barn.stdout.take().unwrap());
        self.barn = Some((barn, stdin, stdout));
    }

    fn fraga(&mut self, rad: &str) -> Result<String, String> {
        self.skriv(rad)?;
        self.las(rad)
    }

    fn skriv(&mut self, rad: &str) -> Result<(), String> {
        if self.barn.is_none() {
            self.starta();
        }
        let (_, stdin, _) = self.barn.as_mut().unwrap();
        writeln!(stdin, "{rad}").map_err(|e| format!("{}: {e}", self.login))?;
        stdin.flush().map_err(|e| e.to_string())
    }

    fn las(&mut self, rad: &str) -> Result<String, String> {
        let (_, _, stdout) = self.barn.as_mut().unwrap();
        let mut svar = String::new();
        stdout.read_line(&mut svar).map_err(|e| e.to_string())?;
        let svar = svar.trim_end().to_owned();
        if svar.is_empty() {
            return Err(format!("{}: the desk process died on {rad:?}", self.login));
        }
        if let Some(fel) = svar.strip_prefix("fel ") {
            return Err(format!("{}: {rad:?}: {fel}", self.login));
        }
        Ok(svar)
    }

    fn lagg(&mut self, k: Kommando) -> Result<(), String> {
        let svar = self.fraga(&format!("lagg {}", serde_json::to_string(&k).unwrap()))?;
        let ulid = svar.strip_prefix("ok ").ok_or_else(|| format!("odd answer {svar}"))?;
        if let Kommando::FattaBeslut { beslut_id, .. } = &k {
            self.egna_beslut.push(beslut_id.clone());
        }
        self.gjorda.push((ulid.to_owned(), k));
        self.kanske_vantande = true;
        Ok(())
    }

    /// Several commands written at once, as a person working fast (or a batch) makes them: the
    /// desk puts them in its outbox back to back, often within one millisecond.
    fn lagg_flera(&mut self, kommandon: Vec<Kommando>) -> Result<(), String> {
        for k in &kommandon {
            self.skriv(&format!("lagg {}", serde_json::to_string(k).unwrap()))?;
        }
        for k in kommandon {
            let svar = self.las("lagg")?;
            let ulid = svar.strip_prefix("ok ").ok_or_else(|| format!("odd answer {svar}"))?;
            if let Kommando::FattaBeslut { beslut_id, .. } = &k {
                self.egna_beslut.push(beslut_id.clone());
            }
            self.gjorda.push((ulid.to_owned(), k));
        }
        self.kanske_vantande = true;
        Ok(())
    }

    /// A sync; `true` when it reached the hub.
    fn synka(&mut self) -> Result<bool, String> {
        self.skriv("synk")?;
        self.synkat(Instant::now())
    }

    /// The answer to a sync asked at `borjan`.
    fn synkat(&mut self, borjan: Instant) -> Result<bool, String> {
        let svar = self.las("synk")?;
        let online = svar.starts_with("ok ");
        if online {
            self.kanske_vantande = false;
            self.synktid = borjan.elapsed();
        }
        Ok(online)
    }

    /// A sync killed with SIGKILL after `efter`: in the middle of the push or the pull, or
    /// before or after it; the next instruction starts the desk again on the same file.
    fn synka_och_doda(&mut self, efter: Duration) -> Result<(), String> {
        if self.barn.is_none() {
            self.starta();
        }
        let (barn, stdin, _) = self.barn.as_mut().unwrap();
        writeln!(stdin, "synk").map_err(|e| e.to_string())?;
        stdin.flush().map_err(|e| e.to_string())?;
        std::thread::sleep(efter);
        barn.kill().map_err(|e| e.to_string())?;
        barn.wait().map_err(|e| e.to_string())?;
        self.barn = None;
        self.dodade += 1;
        if self.kanske_vantande {
            self.dodade_med_vantande += 1;
        }
        Ok(())
    }

    fn stang(&mut self) {
        if let Some((mut barn, stdin, _)) = self.barn.take() {
            drop(stdin);
            let _ = barn.wait();
        }
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        if let Some((mut barn, _, _)) = self.barn.take() {
            let _ = barn.kill();
            let _ = barn.wait();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A small seeded generator (splitmix64): the same seed, the same schedule.

struct Slump(u64);

impl Slump {
    fn nasta(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn under(&mut self, n: usize) -> usize {
        usize::try_from(self.nasta() % n as u64).unwrap()
    }
    fn valj<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.under(v.len())]
    }
    fn chans(&mut self, procent: usize) -> bool {
        self.under(100) < procent
    }
}

// ---------------------------------------------------------------------------------------------
// The municipality: one cluster, a template database made once, a copy per schedule.

struct Miljo {
    k: Testkluster,
    mapp: tempfile::TempDir,
    /// The three desks' replicas of the template, pulled whole once.
    mallreplikor: Vec<PathBuf>,
    /// The cases' beslut, the brukare without beslut, the capped providers.
    fall: Vec<String>,
    nya_brukare: Vec<String>,
    utforare: Vec<String>,
    skapa: Mutex<()>,
}

impl Miljo {
    fn ny() -> Miljo {
        let k = Testkluster::starta().unwrap();
        k.ny_kommun(MALL, AGARE, AGARLOSEN).unwrap();
        let mapp = tempfile::tempdir().unwrap();
        let demo_fil = mapp.path().join("demo.sqlite");
        valfri_store::skapa_databas(&demo_fil, &Skydd::Okrypterad, false, |s| {
            demo::skapa_demo(s, idag())
        })
        .unwrap();
        let mut agare = Hubb::anslut(&k.url_utan_losen(AGARE, MALL), Some(AGARLOSEN)).unwrap();
        agare.initiera().unwrap();
        let desk = Store::oppna(&demo_fil, None).unwrap();
        valfri_synk::importera(&desk, &mut agare, "demo.sqlite").unwrap();
        for login in DESKS {
            agare
                .lagg_till_anvandare(
                    login,
                    &format!("Test {login}"),
                    Roll::Handlaggare,
                    &losen(login),
                )
                .unwrap();
        }
        agare
            .lagg_till_anvandare("sara", "Test sara", Roll::Systemforvaltare, &losen("sara"))
            .unwrap();
        let c = agare.klient();
        let omrade: String = c
            .query_one(
                "SELECT omrade_id FROM valfri.utforare_omrade GROUP BY omrade_id
                 ORDER BY count(*) DESC, omrade_id LIMIT 1",
                &[],
            )
            .unwrap()
            .get(0);
        let mut fall = Vec::new();
        let mut nya_brukare = Vec::new();
        for i in 0..FALL + NYA {
            let b = format!("P-B{i:03}");
            let pnr = format!("19{:02}0303{:04}", 30 + i, 7000 + i);
            c.execute(
                "INSERT INTO valfri.brukare (id, personnummer, fornamn, efternamn, omrade_id, namn_gemener,
                     namn_vikt, fornamn_vikt, efternamn_vikt)
                 VALUES ($1, $2, 'Test', 'Partition', $3, 'test partition', 'test partition', 'test', 'partition')",
                &[&b, &pnr, &omrade],
            )
            .unwrap();
            if i >= FALL {
                nya_brukare.push(b);
                continue;
            }
            let be = format!("P-BE{i:03}");
            c.execute(
                "INSERT INTO valfri.beslut (id, brukare_id, insats_id, diarienummer, ansokningsdatum, beslutsdatum,
                     utfall, omfattning, giltig_fran, motivering, handlaggare_id, status)
                 SELECT $1, $2, i.id, 'SN test', current_date - 40, current_date - 40, 'bifall', 10,
                        current_date - 40, 'Test.', (SELECT min(id) FROM valfri.handlaggare), 'beslutat'
                 FROM valfri.insats i WHERE i.kod = 'hemtjanst'",
                &[&be, &b],
            )
            .unwrap();
            fall.push(be);
        }
        // Three providers in the område, valbar, with caps each schedule sets.
        let utforare: Vec<String> = c
            .query(
                "SELECT g.utforare_id FROM valfri.godkannande g
                 JOIN valfri.insats i ON i.id = g.insats_id AND i.kod = 'hemtjanst'
                 JOIN valfri.utforare_omrade uo ON uo.utforare_id = g.utforare_id AND uo.omrade_id = $1
                 ORDER BY g.utforare_id LIMIT 3",
                &[&omrade],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(utforare.len(), 3, "the demo has three providers in one område");
        c.execute(
            "UPDATE valfri.godkannande g SET godkand_fran = '2020-01-01', godkand_till = NULL, paus_till = NULL,
                 kapacitet_fran = NULL, kapacitet_till = NULL, kapacitet_bekraftad = current_date
             FROM valfri.insats i WHERE i.id = g.insats_id AND i.kod = 'hemtjanst' AND g.utforare_id = ANY ($1)",
            &[&utforare],
        )
        .unwrap();
        drop(agare);
        // The desks' logins are trusted on this machine's loopback: a SCRAM exchange is ~0.1 s
        // of unoptimised hashing in a debug build and the test makes hundreds of connections.
        // Who connects is still the engine's login (`session_user`), as with a certificate.
        let hba = k.katalog().join("data").join("pg_hba.conf");
        let gammal = std::fs::read_to_string(&hba).unwrap();
        std::fs::write(
            &hba,
            format!("host all {},sara,{AGARE} 127.0.0.1/32 trust\n{gammal}", DESKS.join(",")),
        )
        .unwrap();
        k.superanvandare("postgres").unwrap().batch_execute("SELECT pg_reload_conf()").unwrap();
        let mut mallreplikor = Vec::new();
        for login in DESKS {
            let fil = mapp.path().join(format!("mall-{login}.sqlite"));
            let url = k.url_utan_losen(login, MALL);
            valfri_synk::ny_replika(&fil, &Skydd::Okrypterad, &url, login).unwrap();
            let store = Store::oppna(&fil, None).unwrap();
            let mut h = Hubb::oppna(&url, Some(&losen(login))).unwrap().0;
            valfri_synk::synka(&store, &mut h).unwrap();
            mallreplikor.push(fil);
        }
        Miljo { k, mapp, mallreplikor, fall, nya_brukare, utforare, skapa: Mutex::new(()) }
    }

    /// A new hub database for schedule `fro`, a copy of the template.
    fn ny_hubb(&self, namn: &str) {
        let _en_i_taget = self.skapa.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut s = self.k.superanvandare("postgres").unwrap();
        s.batch_execute(&format!("DROP DATABASE IF EXISTS {namn} WITH (FORCE)")).unwrap();
        s.batch_execute(&format!(
            "CREATE DATABASE {namn} TEMPLATE {MALL} OWNER {AGARE} STRATEGY FILE_COPY"
        ))
        .unwrap();
    }

    fn ta_bort_hubb(&self, namn: &str) {
        let _en_i_taget = self.skapa.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut s = self.k.superanvandare("postgres").unwrap();
        let _ = s.batch_execute(&format!("DROP DATABASE IF EXISTS {namn} WITH (FORCE)"));
    }

    fn som(&self, login: &str, db: &str) -> postgres::Client {
        let losenord = if login == AGARE { AGARLOSEN.to_owned() } else { losen(login) };
        postgres::Client::connect(&self.k.url(login, &losenord, db), postgres::NoTls).unwrap()
    }
}

// ---------------------------------------------------------------------------------------------
// One schedule.

#[derive(Default, Debug, Clone, Copy)]
struct Utfall2 {
    gjorda: usize,
    bekraftade: usize,
    konflikter: usize,
    dodade: usize,
    dodade_med_vantande: usize,
    offline_gjorda: usize,
}

/// How often each refusal was the answer, over all schedules.
static NEKANDEN: Mutex<BTreeMap<String, usize>> = Mutex::new(BTreeMap::new());

impl std::ops::AddAssign for Utfall2 {
    fn add_assign(&mut self, o: Self) {
        self.gjorda += o.gjorda;
        self.bekraftade += o.bekraftade;
        self.konflikter += o.konflikter;
        self.dodade += o.dodade;
        self.dodade_med_vantande += o.dodade_med_vantande;
        self.offline_gjorda += o.offline_gjorda;
    }
}

fn hemtjanst_beslut(brukare: &str, idag: NaiveDate) -> NyttBeslut {
    NyttBeslut {
        brukare_id: brukare.into(),
        insats_kod: "hemtjanst".into(),
        diarienummer: "SN 2026/77".into(),
        ansokningsdatum: idag - chrono::Days::new(3),
        utfall: Utfall::Bifall,
        omfattning: Some(12.0),
        giltig_fran: idag,
        giltig_till: None,
        motivering: "Behovet är utrett.".into(),
        ej_beviljat: String::new(),
        uppfoljning: None,
    }
}

fn kor_schema(m: &Miljo, fro: u64) -> Result<Utfall2, String> {
    let db = format!("partition_{fro}");
    m.ny_hubb(&db);
    let resultat = kor_schema_i(m, fro, &db);
    if resultat.is_ok() {
        m.ta_bort_hubb(&db);
    }
    resultat
}

fn kor_schema_i(m: &Miljo, fro: u64, db: &str) -> Result<Utfall2, String> {
    let mut r = Slump(fro);
    let idag = idag();
    let mut agare = m.som(AGARE, db);
    let mut sara = m.som("sara", db);
    // The caps of this schedule: few places, so the desks race for the last ones.
    let hemtjanst: String = agare
        .query_one("SELECT id FROM valfri.insats WHERE kod = 'hemtjanst'", &[])
        .unwrap()
        .get(0);
    for u in &m.utforare {
        let tak = i32::try_from(r.under(3)).unwrap();
        agare
            .execute(
                "UPDATE valfri.godkannande SET kapacitetstak = $3 + (SELECT count(*) FROM valfri.val v
                     WHERE v.utforare_id = $1 AND v.insats_id = $2 AND v.slutdatum IS NULL)::int
                 WHERE utforare_id = $1 AND insats_id = $2",
                &[u, &hemtjanst, &tak],
            )
            .map_err(|e| e.to_string())?;
    }
    let mut desks: Vec<Desk> = DESKS
        .iter()
        .zip(&m.mallreplikor)
        .map(|(login, mall)| {
            let fil = m.mapp.path().join(format!("{db}-{login}.sqlite"));
            std::fs::copy(mall, &fil).unwrap();
            let proxy = Proxy::ny(m.k.port());
            let url = format!(
                "postgresql://{login}@127.0.0.1:{}/{db}?sslmode=disable&connect_timeout=5",
                proxy.port
            );
            rusqlite::Connection::open(&fil)
                .unwrap()
                .execute("UPDATE synk SET hubb = ?1", [&url])
                .unwrap();
            Desk {
                login,
                fil,
                url,
                proxy,
                barn: None,
                gjorda: Vec::new(),
                egna_beslut: Vec::new(),
                dodade: 0,
                dodade_med_vantande: 0,
                kanske_vantande: false,
                synktid: Duration::from_millis(40),
            }
        })
        .collect();
    let mut offline_gjorda = 0;
    let steg = 6 + r.under(9);
    for _ in 0..steg {
        let d = r.under(desks.len());
        let uppe = desks[d].proxy.uppe.load(Ordering::SeqCst);
        match r.under(100) {
            // The connection goes or comes back.
            0..=14 => desks[d].proxy.satt(!uppe),
            // A choice or a byte; the capped providers first, so places run out.
            15..=44 => {
                let beslut = valj_beslut(&mut r, m, &desks[d]);
                let utforare = r.valj(&m.utforare).clone();
                desks[d].lagg(Kommando::Valj {
                    val_id: ulid::Ulid::new().to_string(),
                    val: NyttVal {
                        beslut_id: beslut,
                        utforare_id: utforare,
                        vem_valde: VemValde::Brukare,
                        informationssatt: None,
                        informationssprak: None,
                        valdatum: idag,
                        startdatum: None,
                    },
                })?;
                offline_gjorda += usize::from(!uppe);
            }
            45..=54 => {
                let beslut = valj_beslut(&mut r, m, &desks[d]);
                desks[d].lagg(Kommando::Ickeval {
                    val_id: ulid::Ulid::new().to_string(),
                    beslut_id: beslut,
                    dag: idag,
                    orsak: *r.valj(&[IckevalOrsak::Avstar, IckevalOrsak::Svarsdatum]),
                })?;
                offline_gjorda += usize::from(!uppe);
            }
            55..=62 => {
                let beslut = valj_beslut(&mut r, m, &desks[d]);
                let dagar = r.under(45) as u64;
                desks[d].lagg(Kommando::Information {
                    id: ulid::Ulid::new().to_string(),
                    beslut_id: beslut,
                    skickad: idag - chrono::Days::new(dagar),
                    sprak: "sv".into(),
                    storstil: r.chans(20),
                    registerversion: None,
                })?;
                offline_gjorda += usize::from(!uppe);
            }
            63..=66 => {
                let brukare = r.valj(&m.nya_brukare).clone();
                desks[d].lagg(Kommando::FattaBeslut {
                    beslut_id: ulid::Ulid::new().to_string(),
                    beslut: hemtjanst_beslut(&brukare, idag),
                })?;
                offline_gjorda += usize::from(!uppe);
            }
            // A beslut made and its letter sent and choice recorded at once: the hub must get
            // them in that order, or the letter and the choice are for a beslut it lacks.
            67..=69 => {
                let brukare = r.valj(&m.nya_brukare).clone();
                let beslut_id = ulid::Ulid::new().to_string();
                desks[d].lagg_flera(vec![
                    Kommando::FattaBeslut {
                        beslut_id: beslut_id.clone(),
                        beslut: hemtjanst_beslut(&brukare, idag),
                    },
                    Kommando::Information {
                        id: ulid::Ulid::new().to_string(),
                        beslut_id: beslut_id.clone(),
                        skickad: idag,
                        sprak: "sv".into(),
                        storstil: false,
                        registerversion: None,
                    },
                    Kommando::Valj {
                        val_id: ulid::Ulid::new().to_string(),
                        val: NyttVal {
                            beslut_id,
                            utforare_id: r.valj(&m.utforare).clone(),
                            vem_valde: VemValde::Brukare,
                            informationssatt: None,
                            informationssprak: None,
                            valdatum: idag,
                            startdatum: None,
                        },
                    },
                ])?;
                offline_gjorda += 3 * usize::from(!uppe);
            }
            // The systemförvaltare moves a cap in the hub (never below the places held).
            70..=76 => {
                let u = r.valj(&m.utforare).clone();
                let extra = i32::try_from(r.under(3)).unwrap();
                andra_tak(&mut sara, &u, &hemtjanst, extra)?;
            }
            // A sync, now and then killed in the middle.
            77..=83 => {
                desks[d].synka()?;
            }
            // Every desk pushes at once: the hub applies their commands interleaved.
            84..=89 => {
                let borjan = Instant::now();
                for desk in &mut desks {
                    desk.skriv("synk")?;
                }
                for desk in &mut desks {
                    desk.synkat(borjan)?;
                }
            }
            _ => {
                // Somewhere in a sync as long as the last one: connecting, pushing, pulling.
                let langd = u64::try_from(desks[d].synktid.as_micros()).unwrap_or(40_000).max(1);
                let efter = Duration::from_micros(r.nasta() % (langd + langd / 4));
                desks[d].synka_och_doda(efter)?;
            }
        }
    }
    // Everyone back; sync until nothing waits, then once more so each has the others' rows.
    for desk in &mut desks {
        desk.proxy.satt(true);
    }
    for desk in &mut desks {
        if !desk.synka()? {
            return Err(format!("{}: offline after the connection came back", desk.login));
        }
    }
    for desk in &mut desks {
        desk.synka()?;
        desk.stang();
    }
    let mut ut = Utfall2 { offline_gjorda, ..Utfall2::default() };
    kontrollera(m, db, &mut agare, &desks, &mut ut)?;
    Ok(ut)
}

/// A beslut to act on: one of the cases, or one this desk made.
fn valj_beslut(r: &mut Slump, m: &Miljo, d: &Desk) -> String {
    if !d.egna_beslut.is_empty() && r.chans(25) {
        r.valj(&d.egna_beslut).clone()
    } else {
        r.valj(&m.fall).clone()
    }
}

/// A register change by the systemförvaltare: a new register version, and the provider's cap
/// set to the places it holds today plus `extra`.
fn andra_tak(
    sara: &mut postgres::Client,
    utforare: &str,
    insats: &str,
    extra: i32,
) -> Result<(), String> {
    let mut tx = sara.transaction().map_err(|e| e.to_string())?;
    tx.execute(
        "INSERT INTO valfri.registerversion (nummer, beskrivning)
         SELECT max(nummer) + 1, 'Kapacitetstak ändrat' FROM valfri.registerversion",
        &[],
    )
    .map_err(|e| e.to_string())?;
    let held = format!(
        "(SELECT count(*) FROM valfri.val pv JOIN valfri.beslut pb ON pb.id = pv.beslut_id
          WHERE pv.utforare_id = $1 AND pv.insats_id = $2 AND {})::int",
        valfri_domain::beslutsregler::haller_plats_sql("pv", "pb", "current_date")
    );
    tx.execute(
        &format!(
            "UPDATE valfri.godkannande SET kapacitetstak = {held} + $3, kapacitet_bekraftad = current_date
             WHERE utforare_id = $1 AND insats_id = $2"
        ),
        &[&utforare, &insats, &extra],
    )
    .map_err(|e| e.to_string())?;
    // As every register save does: the changed provider's snapshot under the new version.
    tx.execute(
        "INSERT INTO valfri.utforare_historik (version, utforare_id, data)
         SELECT (SELECT max(nummer) FROM valfri.registerversion), $1,
                (SELECT data FROM valfri.utforare_historik WHERE utforare_id = $1
                 ORDER BY version DESC LIMIT 1)",
        &[&utforare],
    )
    .map_err(|e| e.to_string())?;
    tx.commit().map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------------
// The truth after everyone synced.

fn kontrollera(
    m: &Miljo,
    db: &str,
    agare: &mut postgres::Client,
    desks: &[Desk],
    ut: &mut Utfall2,
) -> Result<(), String> {
    // 1. No cap exceeded in the hub.
    let over = agare
        .query(
            &format!(
                "SELECT g.utforare_id, g.kapacitetstak,
                        (SELECT count(*) FROM valfri.val pv JOIN valfri.beslut pb ON pb.id = pv.beslut_id
                         WHERE pv.utforare_id = g.utforare_id AND pv.insats_id = g.insats_id AND {})
                 FROM valfri.godkannande g WHERE g.kapacitetstak IS NOT NULL",
                valfri_domain::beslutsregler::haller_plats_sql("pv", "pb", "current_date")
            ),
            &[],
        )
        .map_err(|e| e.to_string())?;
    for rad in over {
        let (u, tak, antal): (String, i32, i64) = (rad.get(0), rad.get(1), rad.get(2));
        if antal > i64::from(tak) {
            return Err(format!("provider {u} holds {antal} places under a cap of {tak}"));
        }
    }
    // 2. Per desk: made = confirmed + konflikter; the hub applied each once, with that answer.
    let mut i_hubben: HashMap<String, (String, String)> = HashMap::new();
    for rad in agare
        .query("SELECT ulid, svar::text, vem FROM valfri.outbox_applied", &[])
        .map_err(|e| e.to_string())?
    {
        i_hubben.insert(rad.get(0), (rad.get(1), rad.get(2)));
    }
    let mut alla = HashSet::new();
    for d in desks {
        let store = Store::oppna(&d.fil, None).map_err(|e| e.to_string())?;
        let utkorg = store.utkorg(false).map_err(|e| e.to_string())?;
        let gjorda: HashSet<&str> = d.gjorda.iter().map(|(u, _)| u.as_str()).collect();
        let i_utkorgen: HashSet<&str> = utkorg.iter().map(|r| r.ulid.as_str()).collect();
        if gjorda != i_utkorgen {
            return Err(format!(
                "{}: made {} commands, the outbox holds {}",
                d.login,
                gjorda.len(),
                i_utkorgen.len()
            ));
        }
        // The outbox is pushed in ULID order: that must be the order the desk made them in.
        let ordning: Vec<&str> = d.gjorda.iter().map(|(u, _)| u.as_str()).collect();
        if let Some(i) = ordning.windows(2).position(|w| w[1] < w[0]) {
            return Err(format!(
                "{}: command {} ({}) was made after {} but sorts before it in the outbox",
                d.login,
                i + 1,
                ordning[i + 1],
                ordning[i]
            ));
        }
        let bekraftade = utkorg.iter().filter(|r| r.status == Utkorgsstatus::Tillampad).count();
        let konflikter = utkorg.iter().filter(|r| r.status == Utkorgsstatus::Nekad).count();
        if bekraftade + konflikter != d.gjorda.len() {
            return Err(format!(
                "{}: made {} = confirmed {bekraftade} + konflikter {konflikter} does not hold",
                d.login,
                d.gjorda.len()
            ));
        }
        for rad in &utkorg {
            let Some((svar, vem)) = i_hubben.get(&rad.ulid) else {
                return Err(format!("{}: {} answered but not in the hub", d.login, rad.ulid));
            };
            let svar: Kommandosvar = serde_json::from_str(svar).map_err(|e| e.to_string())?;
            if Some(&svar) != rad.svar.as_ref() || vem != d.login {
                return Err(format!(
                    "{}: {} the desk holds {:?}, the hub {svar:?} by {vem}",
                    d.login, rad.ulid, rad.svar
                ));
            }
            // What was confirmed is in the hub and in the replica; a konflikt left nothing.
            let (tabell, id) = match &rad.kommando {
                Kommando::Valj { val_id, .. } | Kommando::Ickeval { val_id, .. } => ("val", val_id),
                Kommando::FattaBeslut { beslut_id, .. } => ("beslut", beslut_id),
                Kommando::Information { id, .. } => ("information", id),
                Kommando::Uppfoljning { id, .. } => ("uppfoljning", id),
                Kommando::AvslutaBeslut { .. } => {
                    return Err("the schedule makes no AvslutaBeslut to count".into());
                }
            };
            let hubb: i64 = agare
                .query_one(&format!("SELECT count(*) FROM valfri.{tabell} WHERE id = $1"), &[id])
                .map_err(|e| e.to_string())?
                .get(0);
            let desk: i64 = rusqlite::Connection::open(&d.fil)
                .and_then(|c| {
                    c.query_row(
                        &format!("SELECT count(*) FROM {tabell} WHERE id = ?1"),
                        [id],
                        |r| r.get(0),
                    )
                })
                .map_err(|e| e.to_string())?;
            let vantat = i64::from(rad.status == Utkorgsstatus::Tillampad);
            if hubb != vantat || desk != vantat {
                return Err(format!(
                    "{}: {} {:?}: {tabell} {id} is {hubb} in the hub, {desk} at the desk",
                    d.login, rad.ulid, rad.status
                ));
            }
            if let Some(Kommandosvar::Nekat { meddelande, .. }) = &rad.svar {
                *NEKANDEN
                    .lock()
                    .unwrap()
                    .entry(format!("{} {meddelande}", rad.kommando.namn()))
                    .or_default() += 1;
            }
            alla.insert(rad.ulid.clone());
        }
        // 4a. The desk's audit chain.
        match store.verifiera_logg().map_err(|e| e.to_string())? {
            Loggstatus::Hel { .. } => {}
            annat @ Loggstatus::Bruten { .. } => {
                return Err(format!("{}: the desk's log: {annat:?}", d.login));
            }
        }
        ut.gjorda += d.gjorda.len();
        ut.bekraftade += bekraftade;
        ut.konflikter += konflikter;
        ut.dodade += d.dodade;
        ut.dodade_med_vantande += d.dodade_med_vantande;
    }
    if alla.len() != i_hubben.len() {
        return Err(format!(
            "the hub applied {} commands, the desks made {}",
            i_hubben.len(),
            alla.len()
        ));
    }
    // 3. Each replica's shared tables equal the hub's, read whole as that login would pull
    //    it from nothing (read once per office: the three logins hold the same).
    let mut hubbens: HashMap<Vec<String>, BTreeMap<String, Vec<Rad>>> = HashMap::new();
    for d in desks {
        let mut h = Hubb::oppna(&m.k.url_utan_losen(d.login, db), Some(&losen(d.login)))
            .map_err(|e| e.to_string())?
            .0;
        let jag = h.jag().map_err(|e| e.to_string())?;
        if !hubbens.contains_key(&jag.omraden) {
            let hela = h.hamta(0, &jag.omraden).map_err(|e| e.to_string())?;
            let mut tabeller: BTreeMap<String, Vec<Rad>> = BTreeMap::new();
            for a in hela.andrade {
                tabeller.entry(a.tabell).or_default().push(a.rad);
            }
            hubbens.insert(jag.omraden.clone(), tabeller);
        }
        let hubbens = &hubbens[&jag.omraden];
        let store = Store::oppna(&d.fil, None).map_err(|e| e.to_string())?;
        for (tabell, rader) in store.delade_rader().map_err(|e| e.to_string())? {
            let hubbrader: Vec<&Rad> =
                hubbens.get(tabell).map(|v| v.iter().collect()).unwrap_or_default();
            let rader: Vec<&Rad> = rader.iter().collect();
            // The columns both stores have (the hub keeps some of its own).
            let gemensamma: Vec<&String> = match (rader.first(), hubbrader.first()) {
                (Some(a), Some(b)) => a.keys().filter(|k| b.contains_key(*k)).collect(),
                (Some(a), None) => a.keys().collect(),
                (None, Some(b)) => b.keys().collect(),
                (None, None) => Vec::new(),
            };
            if tabellhash(&rader, &gemensamma) != tabellhash(&hubbrader, &gemensamma) {
                let (na, nb) = (rader.len(), hubbrader.len());
                return Err(format!(
                    "{}: table {tabell} differs from the hub's ({na} rows at the desk, {nb} in the hub)",
                    d.login
                ));
            }
        }
    }
    // 4b. The hub's audit chain, verified by the systemförvaltare.
    let mut h = Hubb::oppna(&m.k.url_utan_losen("sara", db), Some(&losen("sara")))
        .map_err(|e| e.to_string())?
        .0;
    match h.verifiera_logg().map_err(|e| e.to_string())? {
        Loggstatus::Hel { .. } => {}
        annat @ Loggstatus::Bruten { .. } => return Err(format!("the hub's log: {annat:?}")),
    }
    Ok(())
}

/// A value as both stores mean it: booleans as 0 and 1, numbers as numbers.
fn kanonisk(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "∅".into(),
        serde_json::Value::Bool(b) => i64::from(*b).to_string(),
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.to_string()
            } else {
                let x = n.as_f64().unwrap_or(f64::NAN);
                if x.fract() == 0.0 { format!("{x:.0}") } else { x.to_string() }
            }
        }
        serde_json::Value::String(s) => s.clone(),
        annat => annat.to_string(),
    }
}

type Rad = serde_json::Map<String, serde_json::Value>;

fn tabellhash(rader: &[&Rad], kolumner: &[&String]) -> u64 {
    let mut texter: Vec<String> = rader
        .iter()
        .map(|r| {
            kolumner
                .iter()
                .map(|k| r.get(*k).map_or_else(|| "∅".into(), kanonisk))
                .collect::<Vec<_>>()
                .join("\u{1f}")
        })
        .collect();
    texter.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    texter.hash(&mut h);
    h.finish()
}

// ---------------------------------------------------------------------------------------------

fn partition() {
    let antal: u64 = std::env::var("VALFRI_PARTITION_SCHEDULES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let arbetare: usize =
        std::env::var("VALFRI_PARTITION_WORKERS").ok().and_then(|v| v.parse().ok()).unwrap_or(3);
    let fron: Vec<u64> =
        match std::env::var("VALFRI_PARTITION_SEED").ok().and_then(|v| v.parse().ok()) {
            Some(f) => vec![f],
            None => (1..=antal).collect(),
        };
    let borjan = Instant::now();
    let m = Miljo::ny();
    eprintln!("partition: the municipality is ready after {:?}", borjan.elapsed());
    let nasta = AtomicU64::new(0);
    let summa = Mutex::new(Utfall2::default());
    let fel: Mutex<Vec<(u64, String)>> = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..arbetare {
            s.spawn(|| {
                loop {
                    let i = usize::try_from(nasta.fetch_add(1, Ordering::SeqCst)).unwrap();
                    let Some(&fro) = fron.get(i) else { return };
                    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        kor_schema(&m, fro)
                    })) {
                        Ok(Ok(u)) => *summa.lock().unwrap() += u,
                        Ok(Err(e)) => fel.lock().unwrap().push((fro, e)),
                        Err(p) => {
                            let text = p
                                .downcast_ref::<String>()
                                .cloned()
                                .or_else(|| p.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                                .unwrap_or_default();
                            fel.lock().unwrap().push((fro, format!("panicked: {text}")));
                        }
                    }
                }
            });
        }
    });
    let summa = *summa.lock().unwrap();
    eprintln!(
        "partition: {} schedules in {:?}: {} commands made ({} offline) = {} confirmed + {} konflikter; \
         {} desks killed mid-sync ({} with commands waiting)",
        fron.len(),
        borjan.elapsed(),
        summa.gjorda,
        summa.offline_gjorda,
        summa.bekraftade,
        summa.konflikter,
        summa.dodade,
        summa.dodade_med_vantande
    );
    eprintln!("partition: konflikter by kind: {:?}", NEKANDEN.lock().unwrap());
    let fel = fel.into_inner().unwrap();
    if !fel.is_empty() {
        for (fro, e) in &fel {
            eprintln!(
                "partition: seed {fro} failed: {e}\n  repeat: VALFRI_PARTITION_SEED={fro} cargo test -p valfri-synk --test partition"
            );
        }
        drop(m);
        std::process::exit(1);
    }
    assert_eq!(summa.gjorda, summa.bekraftade + summa.konflikter);
    assert!(summa.dodade > 0 && summa.konflikter > 0 && summa.bekraftade > 0, "{summa:?}");
}
