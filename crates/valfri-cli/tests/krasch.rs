//! Crash safety: the `valfri` program is killed (SIGKILL) at random moments while it writes a
//! batch of letters, races another process for a provider's last place, imports the provider
//! register, applies an older and a newer register package at once, makes a backup and
//! encrypts the database. After every kill the database must open, pass `SQLite`'s integrity
//! check and the audit log's chain, hold no provider above its cap, no half-made choice and no
//! half-imported register, and keep every write the killed program had reported as done.
//!
//! The delays are drawn from a seeded generator. A failure prints the seed; run again with
//! `VALFRI_KRASCH_SEED=<seed>` to repeat the same kills.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};

/// Kills per scenario: together more than 200. A letter batch takes longest to run, so it
/// gets fewer.
const KILLS: usize = 62;
const KILLS_BREV: usize = 30;
/// Each encryption starts from a fresh copy and runs a few seconds (most of it waiting for the
/// disk), so it gets fewer too.
const KILLS_KRYPTERA: usize = 40;

struct Forsok {
    seed: u64,
    rng: StdRng,
    kills: usize,
    start: Instant,
}

impl Drop for Forsok {
    fn drop(&mut self) {
        eprintln!("{} kills in {:.1?}", self.kills, self.start.elapsed());
    }
}

impl Forsok {
    fn ny(scenario: u64) -> Self {
        let seed = std::env::var("VALFRI_KRASCH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64)
            });
        // Printed with the test's output when it fails.
        eprintln!("VALFRI_KRASCH_SEED={seed}");
        Forsok {
            seed,
            rng: StdRng::seed_from_u64(seed ^ scenario),
            kills: 0,
            start: Instant::now(),
        }
    }

    /// A delay somewhere in the program's life (`langd` is how long a whole run takes).
    fn fordrojning(&mut self, langd: Duration) -> Duration {
        let max = u64::try_from(langd.as_micros()).unwrap_or(u64::MAX).max(1000);
        Duration::from_micros(self.rng.random_range(0..=max + max / 10))
    }

    /// Waits `efter`, then kills the child unless it has finished. Returns how it ended.
    fn doda(&mut self, mut barn: Child, efter: Duration) -> ExitStatus {
        std::thread::sleep(efter);
        // Sends SIGKILL; a child that has exited already is only reaped.
        let _ = barn.kill();
        let status = barn.wait().unwrap_or_else(|e| panic!("seed {}: wait: {e}", self.seed));
        if status.code().is_none() {
            self.kills += 1;
        }
        status
    }
}

struct Kommun {
    dir: tempfile::TempDir,
    db: PathBuf,
}

fn valfri_cmd(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_valfri"));
    c.arg("--db").arg(db).args(args).env_remove("VALFRI_DB").env_remove("VALFRI_HANDLAGGARE");
    c.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    c
}

impl Kommun {
    fn demo() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("valfri.sqlite");
        let k = Kommun { dir, db };
        let ut =
            valfri_cmd(&k.db, &["demo", "--plaintext"]).stderr(Stdio::piped()).output().unwrap();
        assert_eq!(ut.status.code(), Some(0), "{}", String::from_utf8_lossy(&ut.stderr));
        k
    }

    fn starta(&self, args: &[&str]) -> Child {
        valfri_cmd(&self.db, args).spawn().unwrap()
    }

    /// A whole run without a kill, timed.
    fn tid(&self, args: &[&str]) -> Duration {
        let start = Instant::now();
        let status = valfri_cmd(&self.db, args).status().unwrap();
        assert!(status.success(), "{args:?}: {status}");
        start.elapsed()
    }

    fn sql(&self) -> Connection {
        let c = Connection::open(&self.db).unwrap();
        c.busy_timeout(Duration::from_secs(10)).unwrap();
        c
    }

    /// What must hold after any kill.
    fn kontrollera(&self, seed: u64, nar: &str) {
        let c = self.sql();
        let svar: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(svar, "ok", "seed {seed}, {nar}: integrity_check");
        let over: Vec<(String, String, i64, i64)> = c
            .prepare(
                "SELECT u.namn, g.insats_id, g.kapacitetstak,
                    (SELECT count(*) FROM val v WHERE v.utforare_id = g.utforare_id AND v.insats_id = g.insats_id AND v.slutdatum IS NULL) AS n
                 FROM godkannande g JOIN utforare u ON u.id = g.utforare_id
                 WHERE g.kapacitetstak IS NOT NULL AND n > g.kapacitetstak",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(over.is_empty(), "seed {seed}, {nar}: above the cap: {over:?}");
        // A choice is the val row and its log row, written together or not at all.
        let halva: Vec<(String, i64, i64)> = c
            .prepare(
                "SELECT b.id,
                    (SELECT count(*) FROM val v WHERE v.beslut_id = b.id AND v.typ IN ('aktivt_val', 'byte')),
                    (SELECT count(*) FROM handelselogg h WHERE h.objekt_id = b.id AND h.handling = 'valj')
                 FROM beslut b",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .filter_map(|r| r.ok().filter(|(_, val, logg)| val != logg))
            .collect();
        assert!(halva.is_empty(), "seed {seed}, {nar}: choices without their log row: {halva:?}");
        drop(c);
        let ut = valfri_cmd(&self.db, &["audit", "verify"]).output().unwrap();
        assert_eq!(ut.status.code(), Some(0), "seed {seed}, {nar}: audit verify");
    }
}

fn sha256(b: &[u8]) -> String {
    Sha256::digest(b).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn killed_letter_batches_leave_every_written_letter_recorded_and_resume() {
    let k = Kommun::demo();
    let mut f = Forsok::ny(1);
    let beslut: Vec<String> = k
        .sql()
        .prepare(
            "SELECT b.id FROM beslut b JOIN insats i ON i.id = b.insats_id
             WHERE i.valfrihet = 1 AND b.status IN ('beslutat', 'verkstallt') AND b.utfall <> 'avslag' ORDER BY b.id LIMIT 2",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(beslut.len(), 2);
    let args = |katalog: &Path| {
        let mut a = vec![
            "letters".to_owned(),
            "--out-dir".to_owned(),
            katalog.display().to_string(),
            "--beslut".to_owned(),
        ];
        a.extend(beslut.iter().cloned());
        a
    };
    let langd = {
        let a = args(&k.dir.path().join("kalibrering"));
        k.tid(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    // How many letters each beslut's record must show: one per brukare letter found complete.
    let mut vantade: HashMap<String, i64> = beslut.iter().map(|b| (b.clone(), 1)).collect();
    let mut varv = 0;
    while f.kills < KILLS_BREV {
        varv += 1;
        assert!(varv < KILLS_BREV * 4, "seed {}: too few kills landed", f.seed);
        let katalog = k.dir.path().join(format!("brev-{varv}"));
        let a = args(&katalog);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let efter = f.fordrojning(langd);
        let status = f.doda(k.starta(&a), efter);
        let nar = format!("letters run {varv} killed after {efter:?}");
        k.kontrollera(f.seed, &nar);
        // Every letter that exists in full has been recorded, and so has the information it gives.
        let c = k.sql();
        for b in &beslut {
            let fil = katalog.join(format!("{b}.pdf"));
            let Ok(pdf) = std::fs::read(&fil) else {
                assert!(
                    !status.success(),
                    "seed {}, {nar}: exit 0 but {} missing",
                    f.seed,
                    fil.display()
                );
                continue;
            };
            let inspelad: bool = c
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM dokument WHERE beslut_id = ?1 AND sha256 = ?2)",
                    params![b, sha256(&pdf)],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(inspelad, "seed {}, {nar}: {} written but not recorded", f.seed, fil.display());
            *vantade.entry(b.clone()).or_default() += 1;
            let info: i64 = c
                .query_row("SELECT count(*) FROM information WHERE beslut_id = ?1", [b], |r| {
                    r.get(0)
                })
                .unwrap();
            assert!(
                info >= vantade[b],
                "seed {}, {nar}: the letter for {b} exists but the information was not recorded",
                f.seed
            );
        }
        drop(c);
        // Every few kills, the interrupted batch is resumed and must finish.
        if varv % 7 == 0 {
            let status = valfri_cmd(&k.db, &a).status().unwrap();
            assert!(status.success(), "seed {}, {nar}: resume failed: {status}", f.seed);
            for b in &beslut {
                assert!(
                    katalog.join(format!("{b}.pdf")).is_file(),
                    "seed {}, {nar}: resume left out {b}",
                    f.seed
                );
            }
            k.kontrollera(f.seed, &format!("{nar}, resumed"));
            let c = k.sql();
            for b in &beslut {
                let info: i64 = c
                    .query_row("SELECT count(*) FROM information WHERE beslut_id = ?1", [b], |r| {
                        r.get(0)
                    })
                    .unwrap();
                vantade.insert(b.clone(), info);
            }
        }
    }
}

#[test]
fn processes_killed_while_racing_for_the_last_place_never_overfill_it() {
    let k = Kommun::demo();
    let mut f = Forsok::ny(2);
    let c = k.sql();
    // A provider approved for hemtjänst and three granted hemtjänst beslut in areas it serves,
    // none of which has a provider yet.
    let (utforare, insats): (String, String) = c
        .query_row(
            "SELECT g.utforare_id, g.insats_id FROM godkannande g JOIN insats i ON i.id = g.insats_id JOIN utforare u ON u.id = g.utforare_id
             WHERE i.kod = 'hemtjanst' AND g.kapacitetstak IS NOT NULL AND g.paus_till IS NULL AND g.godkand_till IS NULL
               AND u.namn LIKE 'Hemma Trygg%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let beslut: Vec<String> = c
        .prepare(
            "SELECT b.id FROM beslut b JOIN brukare br ON br.id = b.brukare_id
             WHERE b.insats_id = ?1 AND b.status IN ('beslutat', 'verkstallt') AND b.utfall <> 'avslag'
               AND EXISTS (SELECT 1 FROM utforare_omrade uo WHERE uo.utforare_id = ?2 AND uo.omrade_id = br.omrade_id)
               AND NOT EXISTS (SELECT 1 FROM val v WHERE v.beslut_id = b.id AND v.slutdatum IS NULL)
             ORDER BY b.id LIMIT 3",
        )
        .unwrap()
        .query_map(params![insats, utforare], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        beslut.len() >= 2,
        "the demo needs two free hemtjänst beslut for {utforare}: {beslut:?}"
    );
    let aktiva = |c: &Connection| -> i64 {
        c.query_row(
            "SELECT count(*) FROM val WHERE utforare_id = ?1 AND insats_id = ?2 AND slutdatum IS NULL",
            params![utforare, insats],
            |r| r.get(0),
        )
        .unwrap()
    };
    // Frees the beslut again and leaves exactly one place.
    let forbered = |c: &Connection| {
        for b in &beslut {
            c.execute(
                "UPDATE val SET slutdatum = startdatum WHERE beslut_id = ?1 AND slutdatum IS NULL",
                [b],
            )
            .unwrap();
        }
        let tak = aktiva(c) + 1;
        c.execute(
            "UPDATE godkannande SET kapacitetstak = ?3 WHERE utforare_id = ?1 AND insats_id = ?2",
            params![utforare, insats, tak],
        )
        .unwrap();
    };
    forbered(&c);
    let langd = k.tid(&["choose", "--beslut", &beslut[0], "--utforare", &utforare]);
    drop(c);
    let mut varv = 0;
    while f.kills < KILLS {
        varv += 1;
        assert!(varv < KILLS * 4, "seed {}: too few kills landed", f.seed);
        let c = k.sql();
        forbered(&c);
        let tak = aktiva(&c) + 1;
        drop(c);
        let barn: Vec<(String, Child, Duration)> = beslut
            .iter()
            .map(|b| {
                (
                    b.clone(),
                    k.starta(&["choose", "--beslut", b, "--utforare", &utforare]),
                    f.fordrojning(langd * 2),
                )
            })
            .collect();
        // Kill them in the order of their delays, each at its own moment.
        let start = Instant::now();
        let mut barn = barn;
        barn.sort_by_key(|(_, _, d)| *d);
        let mut klara = Vec::new();
        for (b, ch, d) in barn {
            let kvar = d.saturating_sub(start.elapsed());
            let status = f.doda(ch, kvar);
            klara.push((b, status));
        }
        let nar = format!(
            "choose race {varv}: {:?}",
            klara.iter().map(|(_, s)| s.to_string()).collect::<Vec<_>>()
        );
        k.kontrollera(f.seed, &nar);
        let c = k.sql();
        assert!(aktiva(&c) <= tak, "seed {}, {nar}: {} active with cap {tak}", f.seed, aktiva(&c));
        let vunna = klara.iter().filter(|(_, s)| s.success()).count();
        assert!(vunna <= 1, "seed {}, {nar}: two processes got the last place", f.seed);
        for (b, s) in &klara {
            let har: bool = c
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM val WHERE beslut_id = ?1 AND utforare_id = ?2 AND slutdatum IS NULL)",
                    params![b, utforare],
                    |r| r.get(0),
                )
                .unwrap();
            if s.success() {
                assert!(
                    har,
                    "seed {}, {nar}: choose for {b} said done but its val is missing",
                    f.seed
                );
            }
        }
    }
}

#[test]
fn a_killed_provider_import_leaves_the_old_register_or_the_new_one_in_full() {
    let k = Kommun::demo();
    let mut f = Forsok::ny(3);
    let export = k.dir.path().join("register.csv");
    let status =
        valfri_cmd(&k.db, &["providers", "export", "--out", &export.display().to_string()])
            .status()
            .unwrap();
    assert!(status.success());
    let original = std::fs::read_to_string(&export).unwrap();
    let namn_rader = original.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
    assert!(namn_rader > 10);
    // The same register with every provider's name marked `m`: one new version changes all.
    let markerad = |m: usize| -> PathBuf {
        let mut ut = String::new();
        for (i, rad) in original.lines().enumerate() {
            if i == 0 || rad.trim().is_empty() {
                ut.push_str(rad);
            } else {
                let (namn, resten) = rad.split_once(';').unwrap();
                assert!(!namn.contains('"'), "{namn}");
                ut.push_str(&format!("{namn} m{m};{resten}"));
            }
            ut.push('\n');
        }
        let p = k.dir.path().join(format!("register-{m}.csv"));
        std::fs::write(&p, ut).unwrap();
        p
    };
    let antal: i64 = k.sql().query_row("SELECT count(*) FROM utforare", [], |r| r.get(0)).unwrap();
    let langd = k.tid(&["providers", "import", &markerad(0).display().to_string()]);
    let mut varv = 0;
    while f.kills < KILLS {
        varv += 1;
        assert!(varv < KILLS * 4, "seed {}: too few kills landed", f.seed);
        let fore: i64 =
            k.sql().query_row("SELECT max(nummer) FROM registerversion", [], |r| r.get(0)).unwrap();
        let fil = markerad(varv).display().to_string();
        let efter = f.fordrojning(langd);
        let status = f.doda(k.starta(&["providers", "import", &fil]), efter);
        let nar = format!("import {varv} killed after {efter:?} ({status})");
        k.kontrollera(f.seed, &nar);
        let c = k.sql();
        let version: i64 =
            c.query_row("SELECT max(nummer) FROM registerversion", [], |r| r.get(0)).unwrap();
        let nya: i64 = c
            .query_row(
                "SELECT count(*) FROM utforare WHERE namn LIKE ?1",
                [format!("% m{varv}")],
                |r| r.get(0),
            )
            .unwrap();
        let historik: i64 = c
            .query_row(
                "SELECT count(*) FROM utforare_historik WHERE version = ?1",
                [version],
                |r| r.get(0),
            )
            .unwrap();
        if version == fore {
            assert_eq!(nya, 0, "seed {}, {nar}: names changed without a new version", f.seed);
            assert!(!status.success(), "seed {}, {nar}: exit 0 but no new version", f.seed);
        } else {
            assert_eq!(version, fore + 1, "seed {}, {nar}", f.seed);
            assert_eq!(nya, antal, "seed {}, {nar}: half of the register imported", f.seed);
            assert_eq!(
                historik, antal,
                "seed {}, {nar}: the version's snapshot is incomplete",
                f.seed
            );
        }
    }
}

#[test]
fn a_killed_backup_leaves_no_file_or_a_whole_checked_one() {
    let k = Kommun::demo();
    let mut f = Forsok::ny(4);
    let langd =
        k.tid(&["backup", "--out", &k.dir.path().join("kalibrering.sqlite").display().to_string()]);
    let mut varv = 0;
    while f.kills < KILLS {
        varv += 1;
        assert!(varv < KILLS * 4, "seed {}: too few kills landed", f.seed);
        let ut = k.dir.path().join(format!("kopia-{varv}.sqlite"));
        let efter = f.fordrojning(langd);
        let status = f.doda(k.starta(&["backup", "--out", &ut.display().to_string()]), efter);
        let nar = format!("backup {varv} killed after {efter:?} ({status})");
        k.kontrollera(f.seed, &nar);
        if status.success() {
            assert!(ut.is_file(), "seed {}, {nar}: exit 0 but no backup", f.seed);
        }
        if ut.exists() {
            // What is there under the backup's name is a whole backup that restores.
            let c = Connection::open_with_flags(&ut, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .unwrap();
            let svar: String = c
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap_or_else(|e| e.to_string());
            assert_eq!(svar, "ok", "seed {}, {nar}: a broken file under the backup's name", f.seed);
            drop(c);
            let mal = k.dir.path().join(format!("aterstalld-{varv}.sqlite"));
            let status =
                valfri_cmd(&mal, &["restore", &ut.display().to_string()]).status().unwrap();
            assert!(status.success(), "seed {}, {nar}: the backup does not restore", f.seed);
        }
    }
}

#[test]
fn killed_racing_register_packages_leave_the_providers_of_the_newest_recorded_package() {
    use valfri_utbyte::paket;
    let k = Kommun::demo();
    let mut f = Forsok::ny(5);
    // The central register is the demo's too, so every office provider is in every package.
    let central = valfri_store::Store::open_i_minnet().unwrap();
    valfri_store::demo::skapa_demo(&central, valfri_store::idag()).unwrap();
    let (hemlig_text, publik_text) = paket::ny_nyckel();
    let (hemlig_fil, publik_fil) =
        (k.dir.path().join("register.key"), k.dir.path().join("register.pub"));
    std::fs::write(&hemlig_fil, hemlig_text).unwrap();
    std::fs::write(&publik_fil, publik_text).unwrap();
    let hemlig = paket::las_hemlig_nyckel(&hemlig_fil).unwrap();
    let publik = paket::las_publik_nyckel(&publik_fil).unwrap();
    let grund = paket::kontrollera(
        &paket::skapa(&central, &hemlig, valfri_store::idag()).unwrap(),
        &publik,
    )
    .unwrap()
    .innehall;
    let antal = grund.utforare.len();
    // Package `v`, each provider's name marked with its version.
    let paketfil = |v: i64| -> String {
        let mut innehall = grund.clone();
        innehall.paketversion = v;
        for u in &mut innehall.utforare {
            u.namn = format!("{} p{v}", u.namn);
        }
        let fil = k.dir.path().join(format!("paket-{v}.valfri"));
        std::fs::write(&fil, paket::signera(&innehall, &hemlig).unwrap()).unwrap();
        fil.display().to_string()
    };
    let publik_arg = publik_fil.display().to_string();
    let langd = k.tid(&["providers", "apply-package", &paketfil(1), "--pubkey", &publik_arg]);
    let mut varv: i64 = 0;
    while f.kills < KILLS {
        varv += 1;
        assert!(varv < i64::try_from(KILLS * 4).unwrap(), "seed {}: too few kills landed", f.seed);
        let barn: Vec<(i64, Child, Duration)> = [2 * varv, 2 * varv + 1]
            .into_iter()
            .map(|v| {
                let fil = paketfil(v);
                let ch = k.starta(&["providers", "apply-package", &fil, "--pubkey", &publik_arg]);
                (v, ch, f.fordrojning(langd * 2))
            })
            .collect();
        let start = Instant::now();
        let mut barn = barn;
        barn.sort_by_key(|(_, _, d)| *d);
        let mut klara = Vec::new();
        for (v, ch, d) in barn {
            let kvar = d.saturating_sub(start.elapsed());
            klara.push((v, f.doda(ch, kvar)));
        }
        let nar = format!(
            "apply-package race {varv}: {:?}",
            klara.iter().map(|(v, s)| format!("{v}: {s}")).collect::<Vec<_>>()
        );
        k.kontrollera(f.seed, &nar);
        let c = k.sql();
        let senaste: i64 =
            c.query_row("SELECT max(paketversion) FROM registerpaket", [], |r| r.get(0)).unwrap();
        let markta: i64 = c
            .query_row(
                "SELECT count(*) FROM utforare WHERE namn LIKE ?1",
                [format!("% p{senaste}")],
                |r| r.get(0),
            )
            .unwrap();
        let alla: i64 = c.query_row("SELECT count(*) FROM utforare", [], |r| r.get(0)).unwrap();
        assert_eq!(
            (markta, alla),
            (i64::try_from(antal).unwrap(), i64::try_from(antal).unwrap()),
            "seed {}, {nar}: package {senaste} is recorded but the register holds other providers",
            f.seed
        );
        for (v, s) in &klara {
            let inspelad: bool = c
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM registerpaket WHERE paketversion = ?1)",
                    [v],
                    |r| r.get(0),
                )
                .unwrap();
            // Done means recorded; refused (exit 1, an older package) means nothing written.
            match s.code() {
                Some(0) => assert!(inspelad, "seed {}, {nar}: {v} said done, not recorded", f.seed),
                Some(1) => assert!(!inspelad, "seed {}, {nar}: {v} refused, yet recorded", f.seed),
                Some(n) => panic!("seed {}, {nar}: exit {n}", f.seed),
                None => {}
            }
        }
    }
}

/// Rows per table (the full-text index's shadow tables left out: they follow the names).
fn radantal(c: &Connection) -> Vec<(String, i64)> {
    let tabeller: Vec<String> = c
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
               AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tabeller
        .into_iter()
        .map(|t| {
            let n =
                c.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).unwrap();
            (t, n)
        })
        .collect()
}

fn innehaller(mapp: &Path, text: &str) -> Vec<String> {
    std::fs::read_dir(mapp)
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            let bytes = std::fs::read(e.path()).ok()?;
            bytes
                .windows(text.len())
                .any(|w| w == text.as_bytes())
                .then(|| e.file_name().to_string_lossy().into_owned())
        })
        .collect()
}

#[test]
fn a_killed_encrypt_leaves_a_database_under_its_name_and_the_next_start_finishes_or_undoes_it() {
    const LOSEN: &str = "en lång lösenfras";
    let k = Kommun::demo();
    let mut f = Forsok::ny(5);
    let fore = radantal(&k.sql());
    let logg_fore = fore.iter().find(|(t, _)| t == "handelselogg").unwrap().1;
    let forbered = |namn: &str| -> PathBuf {
        let mapp = k.dir.path().join(namn);
        std::fs::create_dir(&mapp).unwrap();
        let db = mapp.join("valfri.sqlite");
        std::fs::copy(&k.db, &db).unwrap();
        db
    };
    let kryptera = |db: &Path| {
        let mut c = valfri_cmd(db, &["encrypt", "--new-passphrase-env", "L"]);
        c.env("L", LOSEN);
        c
    };
    let langd = {
        let db = forbered("kalibrering");
        let start = Instant::now();
        assert!(kryptera(&db).status().unwrap().success());
        start.elapsed()
    };
    let mut varv = 0;
    while f.kills < KILLS_KRYPTERA {
        varv += 1;
        assert!(varv < KILLS_KRYPTERA * 4, "seed {}: too few kills landed", f.seed);
        let db = forbered(&format!("varv-{varv}"));
        let mapp = db.parent().unwrap().to_path_buf();
        let efter = f.fordrojning(langd);
        let status = f.doda(kryptera(&db).spawn().unwrap(), efter);
        let nar = format!("encrypt {varv} killed after {efter:?} ({status})");

        // Under the name, before any start has tidied up: a whole database, either the
        // plaintext one or the encrypted one, with every row.
        let krypterad = !std::fs::read(&db).unwrap().starts_with(b"SQLite format 3\0");
        let c = Connection::open(&db).unwrap();
        if krypterad {
            c.pragma_update(None, "key", LOSEN).unwrap();
        }
        let svar: String = c
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("seed {}, {nar}: does not open: {e}", f.seed));
        assert_eq!(svar, "ok", "seed {}, {nar}: integrity_check", f.seed);
        let efter_kill = radantal(&c);
        drop(c);
        for ((tabell, fore), (_, nu)) in fore.iter().zip(&efter_kill) {
            // The encrypted copy also holds the log row of the act.
            let vantat = if tabell == "handelselogg" && krypterad { fore + 1 } else { *fore };
            assert_eq!(*nu, vantat, "seed {}, {nar}: {tabell}", f.seed);
        }
        if status.success() {
            assert!(krypterad, "seed {}, {nar}: exit 0 but not encrypted", f.seed);
        }

        // The next start finishes or undoes the conversion, says so, and leaves nothing beside.
        let mut start = valfri_cmd(&db, &["audit", "verify"]);
        if krypterad {
            start.args(["--passphrase-env", "L"]).env("L", LOSEN);
        }
        let ut = start.stderr(Stdio::piped()).output().unwrap();
        assert_eq!(
            ut.status.code(),
            Some(0),
            "seed {}, {nar}: audit verify: {}",
            f.seed,
            String::from_utf8_lossy(&ut.stderr)
        );
        let kvar: Vec<String> = std::fs::read_dir(&mapp)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "valfri.sqlite")
            .collect();
        assert!(kvar.is_empty(), "seed {}, {nar}: left beside the database: {kvar:?}", f.seed);
        if krypterad {
            // No plaintext left anywhere in the folder: the old bytes were wiped.
            let lasbart = innehaller(&mapp, "Ekström");
            assert!(lasbart.is_empty(), "seed {}, {nar}: plaintext in {lasbart:?}", f.seed);
        } else {
            // Undone: encrypting again works from the start.
            assert!(kryptera(&db).status().unwrap().success(), "seed {}, {nar}: again", f.seed);
        }
        let c = Connection::open(&db).unwrap();
        c.pragma_update(None, "key", LOSEN).unwrap();
        let logg: i64 = c.query_row("SELECT count(*) FROM handelselogg", [], |r| r.get(0)).unwrap();
        assert_eq!(logg, logg_fore + 1, "seed {}, {nar}: the log after encrypting", f.seed);
        drop(c);
        let _ = std::fs::remove_dir_all(&mapp);
    }
}

/// `user convert` killed at random moments: the database then opens with the old shared
/// passphrase or with the new personal login, never neither, with every row, and the next
/// start leaves nothing but the database and (when converted) its slot file.
#[test]
fn a_killed_user_convert_opens_with_the_old_passphrase_or_the_new_login() {
    const DELAD: &str = "hela kontorets fras";
    const EGEN: &str = "karins egen fras";
    const KILLS_KONVERTERA: usize = 16;
    let dir = tempfile::tempdir().unwrap();
    let mall = dir.path().join("mall.sqlite");
    let ut =
        valfri_cmd(&mall, &["--passphrase-env", "D", "demo"]).env("D", DELAD).output().unwrap();
    assert!(ut.status.success());
    let c = Connection::open(&mall).unwrap();
    c.pragma_update(None, "key", DELAD).unwrap();
    let karin: String = c
        .query_row("SELECT id FROM handlaggare WHERE namn = 'Karin Holm'", [], |r| r.get(0))
        .unwrap();
    let fore = radantal(&c);
    drop(c);
    let mut f = Forsok::ny(6);
    let forbered = |namn: &str| -> PathBuf {
        let mapp = dir.path().join(namn);
        std::fs::create_dir(&mapp).unwrap();
        let db = mapp.join("valfri.sqlite");
        std::fs::copy(&mall, &db).unwrap();
        db
    };
    let konvertera = |db: &Path| {
        let mut c = valfri_cmd(
            db,
            &[
                "--passphrase-env",
                "D",
                "user",
                "convert",
                "--login",
                "karin",
                "--handlaggare",
                &karin,
                "--new-passphrase-env",
                "E",
            ],
        );
        c.env("D", DELAD).env("E", EGEN);
        c
    };
    let verifiera = |db: &Path, som_person: bool| {
        let mut c = if som_person {
            valfri_cmd(db, &["--user", "karin", "--passphrase-env", "E", "audit", "verify"])
        } else {
            valfri_cmd(db, &["--passphrase-env", "D", "audit", "verify"])
        };
        c.env("D", DELAD).env("E", EGEN).status().unwrap().success()
    };
    let langd = {
        let db = forbered("kalibrering");
        let start = Instant::now();
        assert!(konvertera(&db).status().unwrap().success());
        assert!(verifiera(&db, true));
        start.elapsed()
    };
    let mut varv = 0;
    while f.kills < KILLS_KONVERTERA {
        varv += 1;
        assert!(varv < KILLS_KONVERTERA * 4, "seed {}: too few kills landed", f.seed);
        let db = forbered(&format!("varv-{varv}"));
        let mapp = db.parent().unwrap().to_path_buf();
        let efter = f.fordrojning(langd);
        let status = f.doda(konvertera(&db).spawn().unwrap(), efter);
        let nar = format!("convert {varv} killed after {efter:?} ({status})");
        // The next start: exactly one of the two ways in works.
        let delad = verifiera(&db, false);
        let egen = verifiera(&db, true);
        assert!(delad != egen, "seed {}, {nar}: shared {delad}, own {egen}", f.seed);
        if status.success() {
            assert!(egen, "seed {}, {nar}: exit 0 but not converted", f.seed);
        }
        let c = Connection::open(&db).unwrap();
        if delad {
            c.pragma_update(None, "key", DELAD).unwrap();
            assert_eq!(radantal(&c), fore, "seed {}, {nar}: rows", f.seed);
        }
        drop(c);
        let kvar: Vec<String> = std::fs::read_dir(&mapp)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "valfri.sqlite" && !(egen && n == "valfri.sqlite.nycklar"))
            .collect();
        assert!(kvar.is_empty(), "seed {}, {nar}: left beside the database: {kvar:?}", f.seed);
        if delad {
            // Undone: converting again works from the start.
            assert!(konvertera(&db).status().unwrap().success(), "seed {}, {nar}: again", f.seed);
            assert!(verifiera(&db, true), "seed {}, {nar}: after again", f.seed);
        }
        let _ = std::fs::remove_dir_all(&mapp);
    }
}
