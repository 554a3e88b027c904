//! Kommunläge under load, against a `PostgreSQL` cluster of the benchmark's own (issue 19's
//! benchmarks). A plain timed binary, not criterion: the desks run for a fixed time side by side,
//! which criterion's repeat-until-stable model does not fit.
//!
//! `cargo bench -p valfri-synk --bench kommun` measures the sizes the issue names; without
//! `--bench` (as `cargo test --all-targets` runs it) every part runs once on a small municipality,
//! as a smoke test. `-- --bara pull,sok,andring,desks,vecka,ikapp` runs some parts only;
//! `--desks N --sekunder S` changes the load. See `benches/README.md` for the numbers.
//!
//! The municipality: `demo::generera` (50 000 brukare, 300 providers, områden Z01–Z12) brought
//! into the hub with `valfri_synk::importera`; then, written by the schema owner with SQL, a
//! made hemtjänst beslut and a running choice for every brukare, an office område KONTOR that
//! holds 2 000 of them, and the cases the desks work on (new brukare with a made beslut and no
//! provider) in områden SKRIV01–SKRIV11. Every provider has a cap of 100 000 places, so caps
//! are checked but no choice is refused for want of a place. Desks are real replicas: an unencrypted `SQLite` file each, its own connection.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a benchmark is its failure

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use valfri_domain::kommando::Kommando;
use valfri_domain::val::NyttVal;
use valfri_domain::{Roll, VemValde};
use valfri_hub::Hubb;
use valfri_hub::testkluster::Testkluster;
use valfri_store::{Skydd, Store, demo, idag};

const DB: &str = "storby";
const AGARE: &str = "valfri_agare";
const AGARLOSEN: &str = "agarlosen-bench";
/// Cases per desk beyond one a second, so a desk never runs out.
const MARGINAL: usize = 10;
/// The office of bench 3's two desks.
const AB_DESK: usize = 101;

fn losen(login: &str) -> String {
    format!("{login}-losen-bench")
}

/// The sizes of one run.
#[derive(Debug, Clone)]
struct Storlek {
    brukare: usize,
    utforare: usize,
    kontor: i64,
    desks: usize,
    sekunder: u64,
    andringar: usize,
    sokningar: usize,
    pullar: usize,
    /// Issue 15: the actions of a desk's offline week, and the changes a stale replica meets.
    vecka: usize,
    ikapp: usize,
}

fn storlek(args: &[String]) -> Storlek {
    let full = args.iter().any(|a| a == "--bench");
    let mut s = if full {
        Storlek {
            brukare: 50_000,
            utforare: 300,
            kontor: 2_000,
            desks: 100,
            sekunder: 60,
            andringar: 200,
            sokningar: 200,
            pullar: 3,
            vecka: 500,
            ikapp: 10_000,
        }
    } else {
        Storlek {
            brukare: 1_200,
            utforare: 20,
            kontor: 100,
            desks: 4,
            sekunder: 2,
            andringar: 5,
            sokningar: 5,
            pullar: 1,
            vecka: 20,
            ikapp: 200,
        }
    };
    let tal = |namn: &str| {
        args.iter().position(|a| a == namn).and_then(|i| args.get(i + 1)).map(|v| {
            v.parse::<usize>().unwrap_or_else(|_| panic!("{namn} takes a number, not {v}"))
        })
    };
    if let Some(n) = tal("--desks") {
        s.desks = n;
    }
    if let Some(n) = tal("--sekunder") {
        s.sekunder = n as u64;
    }
    if let Some(n) = tal("--brukare") {
        s.brukare = n;
    }
    if let Some(n) = tal("--vecka") {
        s.vecka = n;
    }
    if let Some(n) = tal("--ikapp") {
        s.ikapp = n;
    }
    s
}

/// Median and 95th percentile, in milliseconds.
fn fordelning(v: &mut [Duration]) -> (f64, f64, f64) {
    if v.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p95 = v[(v.len() * 95).div_ceil(100).saturating_sub(1)];
    (ms(v[v.len() / 2]), ms(p95), ms(v[v.len() - 1]))
}

fn belastning() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// A line of /proc/self/status in kB.
fn status_kb(falt: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(falt)?.trim().strip_suffix("kB")?.trim().parse().ok())
        .unwrap_or(0)
}

struct Kommun {
    k: Testkluster,
    mapp: tempfile::TempDir,
    /// Provider ids per desk office (1-based office number).
    utforare: HashMap<usize, Vec<String>>,
}

impl Kommun {
    fn url(&self, login: &str) -> String {
        self.k.url_utan_losen(login, DB)
    }

    fn agare(&self) -> Hubb {
        Hubb::anslut(&self.url(AGARE), Some(AGARLOSEN)).unwrap()
    }

    fn som(&self, login: &str) -> Hubb {
        Hubb::oppna(&self.url(login), Some(&losen(login))).unwrap().0
    }

    /// A new desk for `login`: an empty replica, pulled whole.
    fn desk(&self, login: &str) -> (Store, Hubb, PathBuf) {
        self.desk_i(login, login)
    }

    /// [`Kommun::desk`] in the file `namn.sqlite`.
    fn desk_i(&self, namn: &str, login: &str) -> (Store, Hubb, PathBuf) {
        let fil = self.mapp.path().join(format!("{namn}.sqlite"));
        valfri_synk::ny_replika(&fil, &Skydd::Okrypterad, &self.url(login), login).unwrap();
        let store = Store::oppna(&fil, None).unwrap();
        let mut hubb = self.som(login);
        valfri_synk::synka(&store, &mut hubb).unwrap();
        (store, hubb, fil)
    }
}

fn desk_login(d: usize) -> String {
    format!("desk{d:03}")
}

/// The office område of desk `d` (1-based): ten desks share each of SKRIV01–SKRIV10.
fn kontor_for(d: usize) -> usize {
    if d == AB_DESK { 11 } else { (d - 1) % 10 + 1 }
}

fn fall(d: usize, i: usize) -> String {
    format!("BE-FALL-{d:03}-{i:04}")
}

fn bygg(s: &Storlek) -> Kommun {
    let borjan = Instant::now();
    let k = Testkluster::starta().unwrap();
    k.ny_kommun(DB, AGARE, AGARLOSEN).unwrap();
    let mapp = tempfile::tempdir().unwrap();
    let fil = mapp.path().join("storby.sqlite");
    valfri_store::skapa_databas(&fil, &Skydd::Okrypterad, false, |st| {
        demo::generera(st, s.brukare, s.utforare, 7, idag())
    })
    .unwrap();
    let genererad = borjan.elapsed();
    let mut agare = Hubb::anslut(&k.url_utan_losen(AGARE, DB), Some(AGARLOSEN)).unwrap();
    agare.initiera().unwrap();
    let desk = Store::oppna(&fil, None).unwrap();
    valfri_synk::importera(&desk, &mut agare, "storby.sqlite").unwrap();
    drop(desk);
    let importerad = borjan.elapsed();

    let fall_per_desk = s.sekunder as usize + MARGINAL;
    let c = agare.klient();
    // The office of bench 2, served by the providers of Z01; every provider valbar, no caps.
    c.batch_execute(&format!(
        "INSERT INTO valfri.omrade (id, kod, namn) VALUES ('OM-KONTOR', 'KONTOR', 'Kontor Norr');
         INSERT INTO valfri.omrade (id, kod, namn)
             SELECT 'OM-SKRIV' || lpad(n::text, 2, '0'), 'SKRIV' || lpad(n::text, 2, '0'), 'Skrivbord ' || n
             FROM generate_series(1, 11) n;
         INSERT INTO valfri.utforare_omrade (utforare_id, omrade_id)
             SELECT uo.utforare_id, 'OM-KONTOR' FROM valfri.utforare_omrade uo
             JOIN valfri.omrade z ON z.id = uo.omrade_id AND z.kod = 'Z01';
         INSERT INTO valfri.utforare_omrade (utforare_id, omrade_id)
             SELECT uo.utforare_id, 'OM-SKRIV' || lpad(n::text, 2, '0') FROM generate_series(1, 11) n
             JOIN valfri.omrade z ON z.kod = 'Z' || lpad(((n - 1) % 12 + 1)::text, 2, '0')
             JOIN valfri.utforare_omrade uo ON uo.omrade_id = z.id;
         UPDATE valfri.brukare SET omrade_id = 'OM-KONTOR'
             WHERE id IN (SELECT id FROM valfri.brukare ORDER BY id LIMIT {kontor});
         UPDATE valfri.godkannande SET godkand_fran = '2020-01-01', godkand_till = NULL, paus_till = NULL,
             kapacitetstak = 100000, kapacitet_fran = NULL, kapacitet_till = NULL,
             kapacitet_bekraftad = current_date;",
        kontor = s.kontor
    ))
    .unwrap();
    // A made hemtjänst beslut and a running choice (of a provider serving the område) for
    // every brukare of the municipality.
    c.batch_execute(
        "CREATE TEMP TABLE dag AS SELECT (now() AT TIME ZONE 'Europe/Stockholm')::date - 400 AS d;
         INSERT INTO valfri.beslut (id, brukare_id, insats_id, diarienummer, ansokningsdatum, beslutsdatum,
             utfall, omfattning, giltig_fran, motivering, handlaggare_id, status)
         SELECT 'BE-' || b.id, b.id, i.id, 'SN ' || b.id, dag.d, dag.d, 'bifall', 20, dag.d, 'Behov av hemtjänst.',
                (SELECT min(id) FROM valfri.handlaggare), 'verkstallt'
         FROM valfri.brukare b, valfri.insats i, dag WHERE i.kod = 'hemtjanst';
         INSERT INTO valfri.val (id, beslut_id, utforare_id, insats_id, typ, vem_valde, valdatum, startdatum,
             registerversion)
         SELECT 'V-' || b.id, 'BE-' || b.id, p.utforare_id, i.id, 'aktivt_val', 'brukare', dag.d, dag.d,
                (SELECT max(nummer) FROM valfri.registerversion)
         FROM valfri.brukare b CROSS JOIN valfri.insats i CROSS JOIN dag
         JOIN LATERAL (SELECT uo.utforare_id FROM valfri.utforare_omrade uo
                       JOIN valfri.godkannande g ON g.utforare_id = uo.utforare_id AND g.insats_id = i.id
                       WHERE uo.omrade_id = b.omrade_id ORDER BY md5(b.id || uo.utforare_id) LIMIT 1) p ON true
         WHERE i.kod = 'hemtjanst';",
    )
    .unwrap();
    // The desks' cases: new brukare with a made beslut and no provider.
    c.batch_execute(&format!(
        "INSERT INTO valfri.brukare (id, personnummer, fornamn, efternamn, omrade_id, namn_gemener, namn_vikt,
             fornamn_vikt, efternamn_vikt)
         SELECT 'FALL-' || lpad(d::text, 3, '0') || '-' || lpad(i::text, 4, '0'),
                '2' || lpad(d::text, 3, '0') || lpad(i::text, 8, '0'), 'Test', 'Fall ' || i,
                'OM-SKRIV' || lpad((CASE WHEN d = {ab} THEN 11 ELSE (d - 1) % 10 + 1 END)::text, 2, '0'),
                'test fall ' || i, 'test fall ' || i, 'test', 'fall ' || i
         FROM generate_series(1, {ab}) d, generate_series(1, CASE WHEN d = {ab} THEN {n_ab} ELSE {n} END) i
         WHERE d <= {desks} OR d = {ab};
         INSERT INTO valfri.beslut (id, brukare_id, insats_id, diarienummer, ansokningsdatum, beslutsdatum,
             utfall, omfattning, giltig_fran, motivering, handlaggare_id, status)
         SELECT 'BE-' || b.id, b.id, i.id, 'SN bänk', dag.d, dag.d, 'bifall', 10, dag.d, 'Bänkprov.',
                (SELECT min(id) FROM valfri.handlaggare), 'beslutat'
         FROM valfri.brukare b, valfri.insats i,
              (SELECT (now() AT TIME ZONE 'Europe/Stockholm')::date - 5 AS d) dag
         WHERE i.kod = 'hemtjanst' AND b.id LIKE 'FALL-%';",
        ab = AB_DESK,
        n_ab = s.andringar + MARGINAL,
        n = fall_per_desk,
        desks = s.desks,
    ))
    .unwrap();
    // A hub in steady state: autovacuum has been round (statistics, visibility map).
    c.batch_execute("VACUUM ANALYZE").unwrap();
    let mut utforare = HashMap::new();
    for kontor in 1..=11 {
        let ider: Vec<String> = c
            .query(
                "SELECT uo.utforare_id FROM valfri.utforare_omrade uo
                 JOIN valfri.godkannande g ON g.utforare_id = uo.utforare_id
                 JOIN valfri.insats i ON i.id = g.insats_id AND i.kod = 'hemtjanst'
                 WHERE uo.omrade_id = $1 ORDER BY 1",
                &[&format!("OM-SKRIV{kontor:02}")],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert!(!ider.is_empty(), "office {kontor} has no provider");
        utforare.insert(kontor, ider);
    }
    let antal: i64 = c.query_one("SELECT count(*) FROM valfri.brukare", &[]).unwrap().get(0);
    let val: i64 = c.query_one("SELECT count(*) FROM valfri.val", &[]).unwrap().get(0);
    for d in (1..=s.desks).chain([AB_DESK, AB_DESK + 1]) {
        let login = desk_login(d);
        let kontor = format!("SKRIV{:02}", kontor_for(d.min(AB_DESK)));
        agare
            .lagg_till_anvandare_i(&login, &login, Roll::Handlaggare, &losen(&login), &[kontor])
            .unwrap();
    }
    agare
        .lagg_till_anvandare_i(
            "kontor",
            "Kontor",
            Roll::Handlaggare,
            &losen("kontor"),
            &["KONTOR".into()],
        )
        .unwrap();
    agare.lagg_till_anvandare("sokare", "Sökare", Roll::Handlaggare, &losen("sokare")).unwrap();
    println!(
        "municipality: {antal} brukare ({} generated, the rest the desks' cases), {} providers, {val} running choices; \
         generated in {:.1} s, imported by {:.1} s, ready after {:.1} s",
        s.brukare,
        s.utforare,
        genererad.as_secs_f64(),
        importerad.as_secs_f64(),
        borjan.elapsed().as_secs_f64()
    );
    Kommun { k, mapp, utforare }
}

fn valj(beslut: &str, utforare: &str) -> Kommando {
    Kommando::Valj {
        val_id: ulid::Ulid::new().to_string(),
        val: NyttVal {
            beslut_id: beslut.into(),
            utforare_id: utforare.into(),
            vem_valde: VemValde::Brukare,
            informationssatt: None,
            informationssprak: None,
            valdatum: idag(),
            startdatum: None,
        },
    }
}

/// Bench 2, in this process when it is the child: a new desk's first pull, timed, and the
/// process's peak memory. Prints one JSON line.
fn barn_hamta(url: &str, login: &str, fil: &Path) {
    let losen = std::env::var("VALFRI_BENCH_LOSEN").unwrap();
    let fore = status_kb("VmHWM:");
    let borjan = Instant::now();
    valfri_synk::ny_replika(fil, &Skydd::Okrypterad, url, login).unwrap();
    let store = Store::oppna(fil, None).unwrap();
    let (mut hubb, _) = Hubb::oppna(url, Some(&losen)).unwrap();
    let ansluten = borjan.elapsed();
    let s = valfri_synk::synka(&store, &mut hubb).unwrap();
    let tid = borjan.elapsed();
    let brukare = store.antal_brukare().unwrap();
    drop(store);
    let storlek = std::fs::metadata(fil).map_or(0, |m| m.len());
    println!(
        "{}",
        serde_json::json!({
            "sekunder": tid.as_secs_f64(),
            "ansluten_sekunder": ansluten.as_secs_f64(),
            "rader": s.hamtade,
            "brukare": brukare,
            "vmhwm_kb": status_kb("VmHWM:"),
            "vmhwm_fore_kb": fore,
            "fil_bytes": storlek,
        })
    );
}

fn bench_pull(kommun: &Kommun, s: &Storlek) {
    println!("\n## 2. A new desk's first pull (office KONTOR, {} brukare)", s.kontor);
    println!("load before: {}", belastning());
    for n in 0..s.pullar {
        let fil = kommun.mapp.path().join(format!("kontor-{n}.sqlite"));
        let ut = Command::new(std::env::current_exe().unwrap())
            .args(["--barn-hamta", &kommun.url("kontor"), "kontor"])
            .arg(&fil)
            .env("VALFRI_BENCH_LOSEN", losen("kontor"))
            .output()
            .unwrap();
        assert!(ut.status.success(), "{}", String::from_utf8_lossy(&ut.stderr));
        let rad = String::from_utf8_lossy(&ut.stdout);
        let v: serde_json::Value = serde_json::from_str(rad.trim()).unwrap();
        println!(
            "pull {}: {:.2} s (connected after {:.3} s), {} rows, {} brukare in the replica, \
             peak RSS (VmHWM) {:.1} MB (before the pull {:.1} MB), replica file {:.1} MB",
            n + 1,
            v["sekunder"].as_f64().unwrap(),
            v["ansluten_sekunder"].as_f64().unwrap(),
            v["rader"],
            v["brukare"],
            v["vmhwm_kb"].as_f64().unwrap() / 1024.0,
            v["vmhwm_fore_kb"].as_f64().unwrap() / 1024.0,
            v["fil_bytes"].as_f64().unwrap() / 1_048_576.0,
        );
        assert_eq!(v["brukare"].as_i64(), Some(s.kontor), "the desk holds its office, no more");
        let _ = std::fs::remove_file(&fil);
    }
}

fn bench_sok(kommun: &Kommun, s: &Storlek) {
    println!("\n## 4. Search over the whole municipality through the hub");
    println!("load before: {}", belastning());
    let mut hubb = kommun.som("sokare");
    let mut agare = kommun.agare();
    // A real personnummer's first eight digits (year, month, day), and ten-digit form.
    let pnr: String = agare
        .klient()
        .query_one("SELECT personnummer FROM valfri.brukare WHERE id NOT LIKE 'FALL-%' ORDER BY id LIMIT 1", &[])
        .unwrap()
        .get(0);
    let fragor =
        ["lindq", "ek", "Lindqvist", "marg sjö", "Åsa Öberg", &pnr[..8], &pnr[2..6], "zzzxq"];
    for fraga in fragor {
        let mut tider = Vec::new();
        let mut traffar = 0;
        for _ in 0..s.sokningar {
            let borjan = Instant::now();
            traffar = hubb.sok_brukare(fraga, 50).unwrap().len();
            tider.push(borjan.elapsed());
        }
        let (median, p95, max) = fordelning(&mut tider);
        println!(
            "{fraga:>12}: {traffar:>2} hits, median {median:.2} ms, p95 {p95:.2} ms, max {max:.2} ms ({} searches)",
            s.sokningar
        );
    }
    let loggade: i64 = agare
        .klient()
        .query_one(
            "SELECT count(*) FROM valfri.handelselogg WHERE handling = 'sok' AND vem = 'sokare'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(loggade as usize, fragor.len() * s.sokningar, "every search is logged");
}

fn bench_andring(kommun: &Kommun, s: &Storlek) {
    println!("\n## 3. A change on desk A visible on desk B ({} changes)", s.andringar);
    println!("load before: {}", belastning());
    let (a, mut a_hubb, _) = kommun.desk(&desk_login(AB_DESK));
    let (b, mut b_hubb, b_fil) = kommun.desk(&desk_login(AB_DESK + 1));
    // What a pull costs when nothing has changed (every wake-up of a desk pays at least this).
    let jag = b_hubb.jag().unwrap();
    let mut tomma = Vec::new();
    for _ in 0..s.sokningar {
        let borjan = Instant::now();
        let (n, _) = valfri_synk::hamta(&b, &mut b_hubb, &jag).unwrap();
        tomma.push(borjan.elapsed());
        assert_eq!(n, 0);
    }
    let (median, p95, max) = fordelning(&mut tomma);
    println!(
        "a pull with nothing new: median {median:.1} ms, p95 {p95:.1} ms, max {max:.1} ms ({} pulls)",
        tomma.len()
    );
    let vantar: Arc<Mutex<HashMap<String, Instant>>> = Arc::default();
    let slut = Arc::new(AtomicBool::new(false));
    let lyssnare = {
        let (vantar, slut) = (vantar.clone(), slut.clone());
        std::thread::spawn(move || {
            b_hubb.lyssna().unwrap();
            let jag = b_hubb.jag().unwrap();
            let las = rusqlite::Connection::open(&b_fil).unwrap();
            let mut tider = Vec::new();
            while !slut.load(Ordering::Relaxed) {
                if !b_hubb.vanta_pa_andring(Duration::from_millis(500)).unwrap() {
                    continue;
                }
                valfri_synk::hamta(&b, &mut b_hubb, &jag).unwrap();
                let nu = Instant::now();
                let mut v = vantar.lock().unwrap();
                v.retain(|id, start| {
                    let har: bool = las
                        .query_row("SELECT EXISTS (SELECT 1 FROM val WHERE id = ?1)", [id], |r| {
                            r.get(0)
                        })
                        .unwrap();
                    if har {
                        tider.push(nu - *start);
                    }
                    !har
                });
            }
            tider
        })
    };
    let utforare = &kommun.utforare[&kontor_for(AB_DESK)];
    let a_jag = a_hubb.jag().unwrap();
    let mut a_push = Vec::new();
    for i in 0..s.andringar {
        let k = valj(&fall(AB_DESK, i + 1), &utforare[i % utforare.len()]);
        let Kommando::Valj { val_id, .. } = &k else { unreachable!() };
        let borjan = Instant::now();
        vantar.lock().unwrap().insert(val_id.clone(), borjan);
        // What `valfri_synk::utfor` does, with the push (one command alone in the hub) timed.
        let ulid = a.lagg_i_utkorg(&k).unwrap();
        let skickat = valfri_synk::skicka(&a, &mut a_hubb).unwrap();
        a_push.push(borjan.elapsed());
        assert_eq!(skickat.tillampade, 1, "{:?}", a.utkorgsrad(&ulid).unwrap().svar);
        valfri_synk::hamta(&a, &mut a_hubb, &a_jag).unwrap();
        // One change at a time: wait until B has it, then a pause as between two acts.
        let borjan = Instant::now();
        while vantar.lock().unwrap().contains_key(val_id) {
            assert!(borjan.elapsed() < Duration::from_secs(30), "desk B never saw {val_id}");
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    slut.store(true, Ordering::Relaxed);
    let mut tider = lyssnare.join().unwrap();
    let (median, p95, max) = fordelning(&mut a_push);
    println!(
        "A's push alone (outbox write + the hub applies one choice + answer written): median {median:.1} ms, p95 {p95:.1} ms, max {max:.1} ms"
    );
    let (median, p95, max) = fordelning(&mut tider);
    println!(
        "A's command start → row in B's replica: median {median:.1} ms, p95 {p95:.1} ms, max {max:.1} ms ({} changes)",
        tider.len()
    );
    assert_eq!(tider.len(), s.andringar);
}

#[derive(Default)]
struct Deskutfall {
    push: Vec<Duration>,
    hela: Vec<Duration>,
    fel: Vec<String>,
    forsenade: usize,
}

fn bench_desks(kommun: &Kommun, s: &Storlek) {
    println!(
        "\n## 1. {} desks, one choice a second each, for {} s (each desk its own connection and replica file)",
        s.desks, s.sekunder
    );
    println!("load before: {}", belastning());
    let borjan = Instant::now();
    // All desks made, then the start time set, then all go.
    let (redo, ga) = (Arc::new(Barrier::new(s.desks + 1)), Arc::new(Barrier::new(s.desks + 1)));
    let start = Arc::new(Mutex::new(None::<Instant>));
    let tradar: Vec<_> = (1..=s.desks)
        .map(|d| {
            let (redo, ga, start) = (redo.clone(), ga.clone(), start.clone());
            let url = kommun.url(&desk_login(d));
            let fil = kommun.mapp.path().join(format!("{}.sqlite", desk_login(d)));
            let utforare = kommun.utforare[&kontor_for(d)].clone();
            let (antal, sekunder, sprid) =
                (s.sekunder as usize, s.sekunder, d as f64 / s.desks as f64);
            std::thread::spawn(move || {
                let login = desk_login(d);
                valfri_synk::ny_replika(&fil, &Skydd::Okrypterad, &url, &login).unwrap();
                let store = Store::oppna(&fil, None).unwrap();
                let mut hubb = Hubb::oppna(&url, Some(&losen(&login))).unwrap().0;
                valfri_synk::synka(&store, &mut hubb).unwrap();
                redo.wait();
                ga.wait();
                let t0 = start.lock().unwrap().unwrap() + Duration::from_secs_f64(sprid);
                let mut ut = Deskutfall::default();
                for i in 0..antal {
                    let nasta = t0 + Duration::from_secs(i as u64);
                    let nu = Instant::now();
                    if nasta > nu {
                        std::thread::sleep(nasta - nu);
                    } else if nu - nasta > Duration::from_secs(1) {
                        ut.forsenade += 1;
                    }
                    if t0.elapsed() > Duration::from_secs(sekunder) {
                        break;
                    }
                    // What `valfri_synk::utfor` does, timed in two parts: the outbox and the
                    // push (the hub's answer), then the pull that shows it on the desk.
                    let k = valj(&fall(d, i + 1), &utforare[(d + i) % utforare.len()]);
                    let borjan = Instant::now();
                    let svar = (|| -> valfri_synk::Resultat<(Duration, valfri_synk::Skickat)> {
                        store.lagg_i_utkorg(&k)?;
                        let jag = hubb.jag()?;
                        let skickat = valfri_synk::skicka(&store, &mut hubb)?;
                        let push = borjan.elapsed();
                        valfri_synk::hamta(&store, &mut hubb, &jag)?;
                        Ok((push, skickat))
                    })();
                    match svar {
                        Ok((push, skickat)) if skickat.tillampade == 1 && skickat.nekade == 0 => {
                            ut.push.push(push);
                            ut.hela.push(borjan.elapsed());
                        }
                        Ok((_, skickat)) => ut.fel.push(format!("desk {d}: {skickat:?}")),
                        Err(e) => ut.fel.push(format!("desk {d}: {e}")),
                    }
                }
                ut
            })
        })
        .collect();
    redo.wait();
    println!(
        "{} desks made and pulled their office in {:.1} s; load now {}",
        s.desks,
        borjan.elapsed().as_secs_f64(),
        belastning()
    );
    *start.lock().unwrap() = Some(Instant::now() + Duration::from_millis(100));
    ga.wait();
    let mut alla = Deskutfall::default();
    for t in tradar {
        let u = t.join().unwrap();
        alla.push.extend(u.push);
        alla.hela.extend(u.hela);
        alla.fel.extend(u.fel);
        alla.forsenade += u.forsenade;
    }
    let gjorda = alla.push.len();
    let (median, p95, max) = fordelning(&mut alla.push);
    let (hmedian, hp95, hmax) = fordelning(&mut alla.hela);
    println!("load after: {}", belastning());
    println!(
        "{gjorda} choices applied ({} planned), {} errors or refusals, {} started over a second late",
        s.desks * s.sekunder as usize,
        alla.fel.len(),
        alla.forsenade
    );
    println!(
        "push (outbox write + hub applies + answer written): median {median:.1} ms, p95 {p95:.1} ms, max {max:.1} ms"
    );
    println!(
        "whole command with the pull after it (valfri_synk::utfor): median {hmedian:.1} ms, p95 {hp95:.1} ms, max {hmax:.1} ms"
    );
    for f in alla.fel.iter().take(5) {
        println!("  {f}");
    }
    let mut agare = kommun.agare();
    let i_hubben: i64 = agare
        .klient()
        .query_one("SELECT count(*) FROM valfri.val WHERE beslut_id LIKE 'BE-FALL-%' AND beslut_id NOT LIKE 'BE-FALL-101-%'", &[])
        .unwrap()
        .get(0);
    println!("running choices of the desks' cases in the hub: {i_hubben}");
    assert!(alla.fel.is_empty(), "errors: {:?}", alla.fel);
    assert_eq!(i_hubben as usize, gjorda);
}

/// The office KONTOR's beslut and the providers that serve it, read in the hub.
fn kontorets(kommun: &Kommun) -> (Vec<String>, Vec<String>) {
    let mut agare = kommun.agare();
    let beslut = agare
        .klient()
        .query(
            "SELECT b.id FROM valfri.beslut b JOIN valfri.brukare br ON br.id = b.brukare_id
             WHERE br.omrade_id = 'OM-KONTOR' ORDER BY b.id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let utforare = agare
        .klient()
        .query(
            "SELECT utforare_id FROM valfri.utforare_omrade WHERE omrade_id = 'OM-KONTOR'
             ORDER BY utforare_id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    (beslut, utforare)
}

/// Issue 15: a desk of office KONTOR offline for a week records `s.vecka` acts (letters sent,
/// every fourth a byte), then reconnects: one sync pushes them all and pulls.
fn bench_vecka(kommun: &Kommun, s: &Storlek) {
    println!(
        "
## 5. A desk offline for a week: {} acts, then one sync",
        s.vecka
    );
    println!("load before: {}", belastning());
    let (store, mut hubb, _) = kommun.desk_i("vecka", "kontor");
    let (beslut, utforare) = kontorets(kommun);
    let idag = idag();
    for i in 0..s.vecka {
        let b = &beslut[i % beslut.len()];
        let k = if i % 4 == 0 {
            valj(b, &utforare[(i / 4) % utforare.len()])
        } else {
            Kommando::Information {
                id: ulid::Ulid::new().to_string(),
                beslut_id: b.clone(),
                skickad: idag - chrono::Days::new((i % 7) as u64),
                sprak: "sv".into(),
                storstil: false,
                registerversion: None,
            }
        };
        store.lagg_i_utkorg(&k).unwrap();
    }
    let borjan = Instant::now();
    let synk = valfri_synk::synka(&store, &mut hubb).unwrap();
    let tid = borjan.elapsed();
    println!(
        "one sync: {} acts answered ({} applied, {} konflikter) and {} rows pulled in {:.2} s \
         ({:.1} ms per act)",
        synk.tillampade + synk.nekade,
        synk.tillampade,
        synk.nekade,
        synk.hamtade,
        tid.as_secs_f64(),
        tid.as_secs_f64() * 1000.0 / s.vecka.max(1) as f64
    );
    assert_eq!(synk.tillampade + synk.nekade, s.vecka);
    assert!(store.utkorg(true).unwrap().is_empty(), "something still waits");
}

/// Issue 15: a replica of office KONTOR left behind while the hub took `s.ikapp` changes of
/// its office (valfrihetsinformation recorded by others), then one pull.
fn bench_ikapp(kommun: &Kommun, s: &Storlek) {
    println!(
        "
## 6. A stale replica catches up with {} changes",
        s.ikapp
    );
    let (store, mut hubb, _) = kommun.desk_i("ikapp", "kontor");
    let mut agare = kommun.agare();
    let n = i64::try_from(s.ikapp).unwrap();
    agare
        .klient()
        .execute(
            "INSERT INTO valfri.information (id, beslut_id, skickad, svarsdatum, sprak, storstil, registerversion)
             SELECT 'IKAPP-' || lpad(g::text, 6, '0'), k.ider[1 + g % cardinality(k.ider)],
                    current_date - 1, current_date + 13, 'sv', false,
                    (SELECT max(nummer) FROM valfri.registerversion)
             FROM generate_series(1, $1::bigint) g,
                  (SELECT array_agg(b.id ORDER BY b.id) AS ider FROM valfri.beslut b
                   JOIN valfri.brukare br ON br.id = b.brukare_id WHERE br.omrade_id = 'OM-KONTOR') k",
            &[&n],
        )
        .unwrap();
    println!("load before: {}", belastning());
    let borjan = Instant::now();
    let synk = valfri_synk::synka(&store, &mut hubb).unwrap();
    let tid = borjan.elapsed();
    println!(
        "caught up: {} rows pulled in {:.2} s ({:.0} rows a second)",
        synk.hamtade,
        tid.as_secs_f64(),
        synk.hamtade as f64 / tid.as_secs_f64().max(1e-9)
    );
    assert!(synk.hamtade >= s.ikapp, "{} rows for {} changes", synk.hamtade, s.ikapp);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--barn-hamta") {
        barn_hamta(&args[i + 1], &args[i + 2], Path::new(&args[i + 3]));
        return;
    }
    let s = storlek(&args);
    assert!(s.desks < AB_DESK, "at most {} desks", AB_DESK - 1);
    let bara: Vec<String> = args
        .iter()
        .position(|a| a == "--bara")
        .and_then(|i| args.get(i + 1))
        .map(|v| v.split(',').map(str::to_owned).collect())
        .unwrap_or_default();
    let kor = |del: &str| bara.is_empty() || bara.iter().any(|b| b == del);
    println!(
        "# Kommunläge benchmarks ({}), {} cores, load {}",
        if args.iter().any(|a| a == "--bench") { "full" } else { "smoke run" },
        std::thread::available_parallelism().map_or(0, std::num::NonZeroUsize::get),
        belastning()
    );
    let kommun = bygg(&s);
    // `--vanta S`: keep the cluster for S seconds, to look at it with psql.
    if let Some(sek) = args.iter().position(|a| a == "--vanta").and_then(|i| args.get(i + 1)) {
        println!(
            "superuser: {}",
            kommun.k.url("postgres", valfri_hub::testkluster::SUPERLOSEN, DB)
        );
        std::thread::sleep(Duration::from_secs(sek.parse().unwrap()));
    }
    if kor("pull") {
        bench_pull(&kommun, &s);
    }
    if kor("sok") {
        bench_sok(&kommun, &s);
    }
    if kor("andring") {
        bench_andring(&kommun, &s);
    }
    if kor("desks") {
        bench_desks(&kommun, &s);
    }
    if kor("vecka") {
        bench_vecka(&kommun, &s);
    }
    if kor("ikapp") {
        bench_ikapp(&kommun, &s);
    }
}
