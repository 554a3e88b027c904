//! Kommunläge end to end in one process: the demo municipality brought into a real `PostgreSQL`
//! hub of the test's own, desks that are replicas of it, commands pushed and re-applied there,
//! changes pulled back. The race, the rotation and the crashes are checked by the truth in the
//! hub, not by what a desk believes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use valfri_domain::beslutsregler::Avslutsorsak;
use valfri_domain::kommando::{Kommando, Kommandosvar};
use valfri_domain::val::NyttVal;
use valfri_domain::{IckevalOrsak, Roll, VemValde};
use valfri_hub::testkluster::Testkluster;
use valfri_hub::{Hubb, Loggstatus, Utkorgspost};
use valfri_store::{Skydd, Store, Utkorgsstatus, demo, idag};

const DB: &str = "exempelby";
const AGARE: &str = "valfri_agare";
const AGARLOSEN: &str = "agarlosen-test";

struct Kommun {
    k: Testkluster,
    mapp: tempfile::TempDir,
}

impl Kommun {
    /// A hub with the demo municipality imported, and logins anna and bo (handläggare) and
    /// sara (systemförvaltare).
    fn ny() -> Kommun {
        let k = Testkluster::starta().unwrap();
        k.ny_kommun(DB, AGARE, AGARLOSEN).unwrap();
        let mapp = tempfile::tempdir().unwrap();
        let demo_fil = mapp.path().join("demo.sqlite");
        valfri_store::skapa_databas(&demo_fil, &Skydd::Okrypterad, false, |s| {
            demo::skapa_demo(s, idag())
        })
        .unwrap();
        let mut agare = k.agare();
        agare.initiera().unwrap();
        let desk = Store::oppna(&demo_fil, None).unwrap();
        valfri_synk::importera(&desk, &mut agare, "demo.sqlite").unwrap();
        // Brought up to today before the tests count anything (a desk's first sync would do it).
        agare.dagens_steg().unwrap();
        for (login, roll) in [
            ("anna", Roll::Handlaggare),
            ("bo", Roll::Handlaggare),
            ("sara", Roll::Systemforvaltare),
        ] {
            agare
                .lagg_till_anvandare(login, &format!("Test {login}"), roll, &losen(login))
                .unwrap();
        }
        Kommun { k, mapp }
    }

    fn url(&self, login: &str) -> String {
        self.k.url_utan_losen(login, DB)
    }

    fn som(&self, login: &str) -> Hubb {
        Hubb::oppna(&self.url(login), Some(&losen(login))).unwrap().0
    }

    /// A new desk for `login`, pulled whole.
    fn desk(&self, namn: &str, login: &str) -> (Store, Hubb) {
        let fil = self.mapp.path().join(format!("{namn}.sqlite"));
        valfri_synk::ny_replika(&fil, &Skydd::Okrypterad, &self.url(login), login).unwrap();
        let store = Store::oppna(&fil, None).unwrap();
        let mut hubb = self.som(login);
        valfri_synk::synka(&store, &mut hubb).unwrap();
        (store, hubb)
    }

    fn fil(&self, namn: &str) -> PathBuf {
        self.mapp.path().join(format!("{namn}.sqlite"))
    }
}

trait Agare {
    fn agare(&self) -> Hubb;
}
impl Agare for Testkluster {
    fn agare(&self) -> Hubb {
        Hubb::anslut(&self.url_utan_losen(AGARE, DB), Some(AGARLOSEN)).unwrap()
    }
}

fn losen(login: &str) -> String {
    format!("{login}-losen-test")
}

fn antal(h: &mut Hubb, sql: &str) -> i64 {
    h.klient().query_one(sql, &[]).unwrap().get(0)
}

/// `n` new brukare in område `omrade` with a made hemtjänst beslut and no provider, written
/// by the schema owner: the cases the desks then work on.
fn nya_fall(agare: &mut Hubb, n: usize, omrade: &str, prefix: &str) -> Vec<String> {
    let idag = idag();
    let mut ut = Vec::new();
    for i in 0..n {
        let (b, be) = (format!("{prefix}-B{i:04}"), format!("{prefix}-BE{i:04}"));
        let pnr = format!("19{:02}0101{:04}", 30 + (i % 60), ut.len() + prefix.len() * 1000);
        agare
            .klient()
            .execute(
                "INSERT INTO valfri.brukare (id, personnummer, fornamn, efternamn, omrade_id, namn_gemener,
                     namn_vikt, fornamn_vikt, efternamn_vikt)
                 SELECT $1, $2, 'Test', $3, o.id, 'test', 'test', 'test', 'test'
                 FROM valfri.omrade o WHERE o.kod = $4",
                &[&b, &pnr, &format!("Fall {i}"), &omrade],
            )
            .unwrap();
        agare
            .klient()
            .execute(
                "INSERT INTO valfri.beslut (id, brukare_id, insats_id, diarienummer, ansokningsdatum, beslutsdatum,
                     utfall, omfattning, giltig_fran, motivering, handlaggare_id, status)
                 SELECT $1, $2, i.id, 'SN test', $3, $3, 'bifall', 10, $3, 'Test.',
                        (SELECT min(id) FROM valfri.handlaggare), 'beslutat'
                 FROM valfri.insats i WHERE i.kod = 'hemtjanst'",
                &[&be, &b, &(idag - chrono::Days::new(5))],
            )
            .unwrap();
        ut.push(be);
    }
    ut
}

/// A hemtjänst provider that serves `omrade`, made valbar with exactly `fria` free places.
fn utforare_med_fria(agare: &mut Hubb, omrade: &str, fria: i64) -> String {
    let id: String = agare
        .klient()
        .query_one(
            "SELECT u.id FROM valfri.utforare u JOIN valfri.godkannande g ON g.utforare_id = u.id
             JOIN valfri.insats i ON i.id = g.insats_id AND i.kod = 'hemtjanst'
             JOIN valfri.utforare_omrade uo ON uo.utforare_id = u.id
             JOIN valfri.omrade o ON o.id = uo.omrade_id AND o.kod = $1
             ORDER BY u.id LIMIT 1",
            &[&omrade],
        )
        .unwrap()
        .get(0);
    agare
        .klient()
        .execute(
            "UPDATE valfri.godkannande g SET godkand_fran = '2020-01-01', godkand_till = NULL, paus_till = NULL,
                 kapacitet_fran = NULL, kapacitet_till = NULL, kapacitet_bekraftad = current_date,
                 kapacitetstak = (SELECT count(*) FROM valfri.val v
                                  WHERE v.utforare_id = g.utforare_id AND v.insats_id = g.insats_id
                                    AND v.slutdatum IS NULL) + $2
             FROM valfri.insats i WHERE i.id = g.insats_id AND i.kod = 'hemtjanst' AND g.utforare_id = $1",
            &[&id, &fria],
        )
        .unwrap();
    id
}

fn omrade_med_utforare(agare: &mut Hubb) -> String {
    agare
        .klient()
        .query_one(
            "SELECT o.kod FROM valfri.omrade o JOIN valfri.utforare_omrade uo ON uo.omrade_id = o.id
             GROUP BY o.kod ORDER BY count(*) DESC, o.kod LIMIT 1",
            &[],
        )
        .unwrap()
        .get(0)
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

/// A count read straight from a desk's (unencrypted) file.
fn replika_antal(fil: &Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open(fil).unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_choice_on_one_desk_is_the_hubs_and_shows_on_the_other_desk() {
    let kommun = Kommun::ny();
    let mut agare = kommun.k.agare();
    let omrade = omrade_med_utforare(&mut agare);
    let fall = nya_fall(&mut agare, 2, &omrade, "A");
    let utforare = utforare_med_fria(&mut agare, &omrade, 5);

    let (anna, mut annas_hubb) = kommun.desk("anna", "anna");
    let (bo, mut bos_hubb) = kommun.desk("bo", "bo");
    // Both desks hold what the hub holds for them: every brukare but the skyddade.
    let i_hubben = antal(&mut agare, "SELECT count(*) FROM valfri.brukare WHERE NOT skyddad");
    assert_eq!(anna.antal_brukare().unwrap(), i_hubben);
    assert_eq!(replika_antal(&kommun.fil("bo"), "SELECT count(*) FROM brukare WHERE skyddad"), 0);

    let kommando = valj(&fall[0], &utforare);
    let utfort = valfri_synk::utfor(&anna, Some(&mut annas_hubb), &kommando).unwrap();
    assert!(utfort.offline.is_none());
    let Kommando::Valj { val_id, .. } = &kommando else { unreachable!() };
    assert_eq!(utfort.rad.svar, Some(Kommandosvar::Tillampat { id: val_id.clone() }));
    // The hub made the row, under anna's login; anna's replica has it after the pull.
    let vem: String = agare
        .klient()
        .query_one("SELECT handlaggare FROM valfri.val WHERE id = $1", &[val_id])
        .unwrap()
        .get(0);
    assert_eq!(vem, "anna");
    let sql = format!("SELECT count(*) FROM val WHERE id = '{val_id}' AND slutdatum IS NULL");
    assert_eq!(replika_antal(&kommun.fil("anna"), &sql), 1);
    // Bo's desk sees it at the next pull.
    assert_eq!(replika_antal(&kommun.fil("bo"), &sql), 0);
    let s = valfri_synk::synka(&bo, &mut bos_hubb).unwrap();
    assert!(s.hamtade >= 1);
    assert_eq!(replika_antal(&kommun.fil("bo"), &sql), 1);
    // The hub's log says who did it, and its chain is whole.
    let logg = antal(
        &mut agare,
        &format!(
            "SELECT count(*) FROM valfri.handelselogg WHERE handling = 'valj' AND vem = 'anna' AND objekt_id = '{}'",
            fall[0]
        ),
    );
    assert_eq!(logg, 1);
    assert!(matches!(agare.verifiera_logg().unwrap(), Loggstatus::Hel { .. }));
}

#[test]
fn a_refused_choice_is_a_stored_answer_and_leaves_nothing_else() {
    let kommun = Kommun::ny();
    let mut agare = kommun.k.agare();
    let omrade = omrade_med_utforare(&mut agare);
    let fall = nya_fall(&mut agare, 1, &omrade, "R");
    let utforare = utforare_med_fria(&mut agare, &omrade, 0);
    let (anna, mut hubb) = kommun.desk("anna", "anna");
    let val_fore = antal(&mut agare, "SELECT count(*) FROM valfri.val");

    let utfort = valfri_synk::utfor(&anna, Some(&mut hubb), &valj(&fall[0], &utforare)).unwrap();
    assert_eq!(utfort.rad.status, Utkorgsstatus::Nekad);
    assert_eq!(
        utfort.rad.svar,
        Some(Kommandosvar::Nekat {
            meddelande: "fel-inte-valbar".into(),
            argument: vec![("skal".into(), "vid_tak".into())],
        })
    );
    assert_eq!(antal(&mut agare, "SELECT count(*) FROM valfri.val"), val_fore);
    assert_eq!(
        antal(
            &mut agare,
            "SELECT count(*) FROM valfri.handelselogg WHERE handling = 'nekad' AND vem = 'anna'"
        ),
        1
    );
    // Pushed again (a desk that did not hear the answer): the same answer, nothing more.
    let post = Utkorgspost {
        ulid: utfort.rad.ulid.clone(),
        kommando: utfort.rad.kommando.clone(),
        registrerad_lokalt: utfort.rad.registrerad_lokalt.clone(),
    };
    assert_eq!(Some(hubb.tillampa(&post).unwrap()), utfort.rad.svar);
    assert_eq!(
        antal(&mut agare, "SELECT count(*) FROM valfri.handelselogg WHERE handling = 'nekad'"),
        1
    );
}

#[test]
fn eight_desks_race_for_the_last_three_places_and_exactly_three_win() {
    let kommun = Kommun::ny();
    let mut agare = kommun.k.agare();
    let omrade = omrade_med_utforare(&mut agare);
    let fall = nya_fall(&mut agare, 8, &omrade, "T");
    let utforare = utforare_med_fria(&mut agare, &omrade, 3);
    let aktiva_fore = antal(
        &mut agare,
        &format!(
            "SELECT count(*) FROM valfri.val WHERE utforare_id = '{utforare}' AND slutdatum IS NULL"
        ),
    );
    let tradar: Vec<_> = fall
        .iter()
        .enumerate()
        .map(|(i, beslut)| {
            let login = if i % 2 == 0 { "anna" } else { "bo" };
            let (store, mut hubb) = kommun.desk(&format!("desk{i}"), login);
            let kommando = valj(beslut, &utforare);
            std::thread::spawn(move || {
                valfri_synk::utfor(&store, Some(&mut hubb), &kommando).unwrap().rad.status
            })
        })
        .collect();
    let svar: Vec<Utkorgsstatus> = tradar.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(svar.iter().filter(|s| **s == Utkorgsstatus::Tillampad).count(), 3, "{svar:?}");
    assert_eq!(svar.iter().filter(|s| **s == Utkorgsstatus::Nekad).count(), 5, "{svar:?}");
    let aktiva = antal(
        &mut agare,
        &format!(
            "SELECT count(*) FROM valfri.val WHERE utforare_id = '{utforare}' AND slutdatum IS NULL"
        ),
    );
    assert_eq!(aktiva, aktiva_fore + 3);
}

#[test]
fn the_rotation_is_fair_across_four_desks_over_500_ickeval() {
    let kommun = Kommun::ny();
    let mut agare = kommun.k.agare();
    let omrade = omrade_med_utforare(&mut agare);
    let fall = nya_fall(&mut agare, 500, &omrade, "F");
    // Every provider on this område's hemtjänst list valbar throughout, no caps.
    agare
        .klient()
        .batch_execute(
            "UPDATE valfri.insats SET ickeval = 'turordning', turordning_egen_regi = true WHERE kod = 'hemtjanst';
             UPDATE valfri.godkannande g SET godkand_fran = '2020-01-01', godkand_till = NULL, paus_till = NULL,
                 kapacitetstak = NULL FROM valfri.insats i WHERE i.id = g.insats_id AND i.kod = 'hemtjanst';",
        )
        .unwrap();
    let logins = ["anna", "bo", "sara", "anna"];
    let tradar: Vec<_> = (0..4)
        .map(|d| {
            let (store, mut hubb) = kommun.desk(&format!("rot{d}"), logins[d]);
            let mina: Vec<String> = fall.iter().skip(d).step_by(4).cloned().collect();
            std::thread::spawn(move || {
                for beslut in mina {
                    let k = Kommando::Ickeval {
                        val_id: ulid::Ulid::new().to_string(),
                        beslut_id: beslut,
                        dag: idag(),
                        orsak: IckevalOrsak::Avstar,
                    };
                    let u = valfri_synk::utfor(&store, Some(&mut hubb), &k).unwrap();
                    assert_eq!(u.rad.status, Utkorgsstatus::Tillampad, "{:?}", u.rad.svar);
                }
            })
        })
        .collect();
    for t in tradar {
        t.join().unwrap();
    }
    let per_utforare: Vec<i64> = agare
        .klient()
        .query(
            "SELECT count(*) FROM valfri.ickeval ic JOIN valfri.omrade o ON o.id = ic.omrade_id
             WHERE o.kod = $1 AND ic.modell = 'turordning' AND ic.beslut_id LIKE 'F-%'
             GROUP BY ic.utforare_id",
            &[&omrade],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(per_utforare.iter().sum::<i64>(), 500);
    assert!(per_utforare.len() >= 2, "{per_utforare:?}");
    let (min, max) = (per_utforare.iter().min().unwrap(), per_utforare.iter().max().unwrap());
    assert!(max - min <= 1, "the rotation is not fair across desks: {per_utforare:?}");
}

#[test]
fn postgres_restarted_in_the_middle_of_a_sync_loses_nothing_and_applies_nothing_twice() {
    let kommun = Kommun::ny();
    let mut agare = kommun.k.agare();
    let omrade = omrade_med_utforare(&mut agare);
    let fall = nya_fall(&mut agare, 40, &omrade, "P");
    let utforare = utforare_med_fria(&mut agare, &omrade, 100);
    let (anna, _) = kommun.desk("anna", "anna");
    for beslut in &fall {
        anna.lagg_i_utkorg(&valj(beslut, &utforare)).unwrap();
    }
    // Push from a thread, and restart the server under it once part of the outbox is in.
    let fil = kommun.fil("anna");
    let mut hubb = kommun.som("anna");
    let pusher = std::thread::spawn(move || {
        let store = Store::oppna(&fil, None).unwrap();
        valfri_synk::synka(&store, &mut hubb).map(|_| ()).map_err(|e| e.ar_forbindelseproblem())
    });
    while antal(&mut agare, "SELECT count(*) FROM valfri.outbox_applied") < 5 {
        std::thread::yield_now();
    }
    kommun.k.starta_om().unwrap();
    let forsta = pusher.join().unwrap();
    assert!(forsta.is_ok() || forsta == Err(true), "{forsta:?}");
    // The next sync finishes the rest.
    let mut hubb = kommun.som("anna");
    valfri_synk::synka(&anna, &mut hubb).unwrap();
    assert!(anna.utkorg(true).unwrap().is_empty());
    let rader = anna.utkorg(false).unwrap();
    assert_eq!(rader.len(), 40);
    assert!(rader.iter().all(|r| r.status == Utkorgsstatus::Tillampad), "{rader:?}");
    let mut agare = kommun.k.agare();
    assert_eq!(antal(&mut agare, "SELECT count(*) FROM valfri.val WHERE beslut_id LIKE 'P-%'"), 40);
    assert_eq!(antal(&mut agare, "SELECT count(*) FROM valfri.outbox_applied"), 40);
    let sql = "SELECT count(*) FROM val WHERE beslut_id LIKE 'P-%'";
    assert_eq!(replika_antal(&kommun.fil("anna"), sql), 40);
}

#[test]
fn a_handlaggares_own_connection_cannot_take_a_place_past_the_rules_by_updating_a_val() {
    let kommun = Kommun::ny();
    let mut anna = kommun.som("anna");
    // The running val only ever gets an end date: moving it to another provider is refused.
    let fel =
        anna.klient().execute("UPDATE valfri.val SET utforare_id = utforare_id", &[]).unwrap_err();
    assert_eq!(fel.code().map(|c| c.code().to_owned()), Some("42501".into()));
    let datum: NaiveDate = idag();
    assert!(
        anna.klient()
            .execute("UPDATE valfri.val SET slutdatum = $1 WHERE false", &[&datum])
            .is_ok()
    );
}

#[test]
fn a_desk_holds_its_office_and_a_brukare_who_moves_in_arrives_with_their_case() {
    let kommun = Kommun::ny();
    let mut agare = kommun.k.agare();
    let omrade = omrade_med_utforare(&mut agare);
    let fall = nya_fall(&mut agare, 1, &omrade, "M");
    let utforare = utforare_med_fria(&mut agare, &omrade, 5);
    // Anna's desk holds one other område only.
    let annat: String = agare
        .klient()
        .query_one("SELECT id FROM valfri.omrade WHERE kod <> $1 ORDER BY kod LIMIT 1", &[&omrade])
        .unwrap()
        .get(0);
    agare
        .klient()
        .execute(
            "UPDATE valfri.handlaggare SET omraden = ARRAY[$1] WHERE login = 'anna'",
            &[&annat],
        )
        .unwrap();
    let (anna, mut annas_hubb) = kommun.desk("anna", "anna");
    let (bo, mut bos_hubb) = kommun.desk("bo", "bo");
    let i_omradet = antal(
        &mut agare,
        &format!("SELECT count(*) FROM valfri.brukare WHERE omrade_id = '{annat}' AND NOT skyddad"),
    );
    assert_eq!(anna.antal_brukare().unwrap(), i_omradet, "only her office's brukare");
    assert!(bo.antal_brukare().unwrap() > i_omradet, "bo's desk holds the whole municipality");
    // Bo's desk makes a choice for a brukare outside Anna's office; then the brukare moves in.
    let k = valj(&fall[0], &utforare);
    assert_eq!(
        valfri_synk::utfor(&bo, Some(&mut bos_hubb), &k).unwrap().rad.status,
        Utkorgsstatus::Tillampad
    );
    valfri_synk::synka(&anna, &mut annas_hubb).unwrap();
    let sql = format!("SELECT count(*) FROM val WHERE beslut_id = '{}'", fall[0]);
    assert_eq!(replika_antal(&kommun.fil("anna"), &sql), 0);
    agare
        .klient()
        .execute("UPDATE valfri.brukare SET omrade_id = $1 WHERE id = 'M-B0000'", &[&annat])
        .unwrap();
    valfri_synk::synka(&anna, &mut annas_hubb).unwrap();
    assert_eq!(replika_antal(&kommun.fil("anna"), &sql), 1, "the case came with the brukare");
    let beslut = format!("SELECT count(*) FROM beslut WHERE id = '{}'", fall[0]);
    assert_eq!(replika_antal(&kommun.fil("anna"), &beslut), 1);
}

/// The running choice on `beslut` by `utforare`, written by the schema owner from `start`.
fn pagaende_val(agare: &mut Hubb, beslut: &str, utforare: &str, start: NaiveDate) {
    agare
        .klient()
        .execute(
            "INSERT INTO valfri.val (id, beslut_id, utforare_id, insats_id, typ, vem_valde, valdatum, startdatum,
                 registerversion)
             SELECT $1 || '-V', b.id, $2, b.insats_id, 'aktivt_val', 'brukare', $3, $3, 0
             FROM valfri.beslut b WHERE b.id = $1",
            &[&beslut, &utforare, &start],
        )
        .unwrap();
}

fn status(agare: &mut Hubb, beslut: &str) -> String {
    agare
        .klient()
        .query_one("SELECT status FROM valfri.beslut WHERE id = $1", &[&beslut])
        .unwrap()
        .get(0)
}

#[test]
fn ending_a_beslut_and_a_follow_up_at_a_desk_are_made_in_the_hub_by_its_rules() {
    let kommun = Kommun::ny();
    let mut agare = kommun.k.agare();
    let omrade = omrade_med_utforare(&mut agare);
    let fall = nya_fall(&mut agare, 2, &omrade, "S");
    let utforare = utforare_med_fria(&mut agare, &omrade, 5);
    pagaende_val(&mut agare, &fall[0], &utforare, idag() - chrono::Days::new(3));
    let hallna = |agare: &mut Hubb| {
        antal(
            agare,
            &format!(
                "SELECT count(*) FROM valfri.val WHERE utforare_id = '{utforare}' AND slutdatum IS NULL"
            ),
        )
    };
    let fore = hallna(&mut agare);
    let (anna, mut annas) = kommun.desk("anna", "anna");
    let (sara, mut saras) = kommun.desk("sara", "sara");
    let avsluta = |beslut: &str| Kommando::AvslutaBeslut {
        beslut_id: beslut.into(),
        orsak: Avslutsorsak::Flyttat,
        dag: idag(),
    };

    // Anna is not the beslut's handläggare: refused with the desk's own sentence, nothing changed.
    let nej = valfri_synk::utfor(&anna, Some(&mut annas), &avsluta(&fall[0])).unwrap();
    assert_eq!(
        nej.rad.svar,
        Some(Kommandosvar::Nekat {
            meddelande: "fel-inte-beslutets-handlaggare".into(),
            argument: vec![]
        })
    );
    assert_eq!(status(&mut agare, &fall[0]), "verkstallt");
    assert_eq!(hallna(&mut agare), fore);

    // The systemförvaltare may: the beslut ends today for its reason and the place is free.
    let ja = valfri_synk::utfor(&sara, Some(&mut saras), &avsluta(&fall[0])).unwrap();
    assert_eq!(ja.rad.status, Utkorgsstatus::Tillampad);
    let rad = agare
        .klient()
        .query_one(
            "SELECT status, avslutad, avslutsorsak FROM valfri.beslut WHERE id = $1",
            &[&fall[0]],
        )
        .unwrap();
    assert_eq!(rad.get::<_, String>(0), "avslutat");
    assert_eq!(rad.get::<_, Option<NaiveDate>>(1), Some(idag()));
    assert_eq!(rad.get::<_, Option<String>>(2).as_deref(), Some("flyttat"));
    assert_eq!(hallna(&mut agare), fore - 1);
    // Anna's replica shows it after her next sync; ending it again is refused.
    valfri_synk::synka(&anna, &mut annas).unwrap();
    let sql =
        format!("SELECT count(*) FROM beslut WHERE id = '{}' AND status = 'avslutat'", fall[0]);
    assert_eq!(replika_antal(&kommun.fil("anna"), &sql), 1);
    let igen = valfri_synk::utfor(&sara, Some(&mut saras), &avsluta(&fall[0])).unwrap();
    assert_eq!(igen.rad.status, Utkorgsstatus::Nekad);

    // A follow-up: recorded in the hub under the login; one whose next date is not after it is
    // refused and leaves nothing.
    let uppfoljningar = |agare: &mut Hubb| {
        antal(
            agare,
            &format!("SELECT count(*) FROM valfri.uppfoljning WHERE beslut_id = '{}'", fall[1]),
        )
    };
    let fel = Kommando::Uppfoljning {
        id: ulid::Ulid::new().to_string(),
        beslut_id: fall[1].clone(),
        datum: idag(),
        resultat: "Hembesök.".into(),
        nasta: Some(idag()),
    };
    let nej = valfri_synk::utfor(&anna, Some(&mut annas), &fel).unwrap();
    assert_eq!(nej.rad.status, Utkorgsstatus::Nekad);
    assert_eq!(uppfoljningar(&mut agare), 0);
    let id = ulid::Ulid::new().to_string();
    let ratt = Kommando::Uppfoljning {
        id: id.clone(),
        beslut_id: fall[1].clone(),
        datum: idag(),
        resultat: "Hembesök, behovet kvarstår.".into(),
        nasta: Some(idag() + chrono::Days::new(180)),
    };
    let ja = valfri_synk::utfor(&anna, Some(&mut annas), &ratt).unwrap();
    assert_eq!(ja.rad.svar, Some(Kommandosvar::Tillampat { id: id.clone() }));
    let rad = agare
        .klient()
        .query_one(
            "SELECT handlaggare, resultat, nasta FROM valfri.uppfoljning WHERE id = $1",
            &[&id],
        )
        .unwrap();
    assert_eq!(rad.get::<_, String>(0), "anna");
    assert_eq!(rad.get::<_, String>(1), "Hembesök, behovet kvarstår.");
    assert_eq!(rad.get::<_, Option<NaiveDate>>(2), Some(idag() + chrono::Days::new(180)));
    assert_eq!(uppfoljningar(&mut agare), 1);
    let sql = format!("SELECT count(*) FROM uppfoljning WHERE id = '{id}'");
    assert_eq!(replika_antal(&kommun.fil("anna"), &sql), 1);
    assert!(matches!(agare.verifiera_logg().unwrap(), Loggstatus::Hel { .. }));
}

#[test]
fn the_hub_runs_the_days_step_once_a_day_for_every_desk() {
    let kommun = Kommun::ny();
    let mut agare = kommun.k.agare();
    let omrade = omrade_med_utforare(&mut agare);
    let fall = nya_fall(&mut agare, 3, &omrade, "D");
    let utforare = utforare_med_fria(&mut agare, &omrade, 5);
    // 0: its provider started three days ago; 1: ran out yesterday with its provider (a beslut
    // of its own, as a made beslut's period cannot be changed); 2: its provider starts tomorrow.
    let utgatt = "D-UT".to_owned();
    agare
        .klient()
        .execute(
            "INSERT INTO valfri.beslut (id, brukare_id, insats_id, diarienummer, ansokningsdatum, beslutsdatum,
                 utfall, omfattning, giltig_fran, giltig_till, motivering, handlaggare_id, status)
             SELECT $1, 'D-B0001', i.id, 'SN test', $2, $2, 'bifall', 10, $2, $3, 'Test.',
                    (SELECT min(id) FROM valfri.handlaggare), 'beslutat'
             FROM valfri.insats i WHERE i.kod = 'hemtjanst'",
            &[&utgatt, &(idag() - chrono::Days::new(30)), &(idag() - chrono::Days::new(1))],
        )
        .unwrap();
    pagaende_val(&mut agare, &fall[0], &utforare, idag() - chrono::Days::new(3));
    pagaende_val(&mut agare, &utgatt, &utforare, idag() - chrono::Days::new(4));
    pagaende_val(&mut agare, &fall[2], &utforare, idag() + chrono::Days::new(1));
    let fall = [fall[0].clone(), utgatt, fall[2].clone()];

    // The desk's first sync of the day runs the step in the hub and pulls what it changed.
    let (anna, _hubb) = kommun.desk("anna", "anna");
    assert_eq!(status(&mut agare, &fall[0]), "verkstallt");
    assert_eq!(status(&mut agare, &fall[1]), "avslutat");
    assert_eq!(status(&mut agare, &fall[2]), "beslutat");
    let slut: Option<NaiveDate> = agare
        .klient()
        .query_one("SELECT slutdatum FROM valfri.val WHERE beslut_id = $1", &[&fall[1]])
        .unwrap()
        .get(0);
    assert_eq!(slut, Some(idag() - chrono::Days::new(1)));
    let sql = format!(
        "SELECT count(*) FROM beslut WHERE (id = '{}' AND status = 'verkstallt') OR (id = '{}' AND status = 'avslutat' AND avslutsorsak = 'utgatt')",
        fall[0], fall[1]
    );
    assert_eq!(replika_antal(&kommun.fil("anna"), &sql), 2);
    drop(anna);
    // A second desk the same day, and the step run again: nothing left to do, nothing twice.
    let (_bo, mut bos) = kommun.desk("bo", "bo");
    assert_eq!(bos.dagens_steg().unwrap(), (0, 0));
    let loggat = antal(
        &mut agare,
        &format!(
            "SELECT count(*) FROM valfri.handelselogg WHERE objekt_id IN ('{}', '{}') AND detalj LIKE 'automatiskt%'",
            fall[0], fall[1]
        ),
    );
    assert_eq!(loggat, 2);
    assert!(matches!(agare.verifiera_logg().unwrap(), Loggstatus::Hel { .. }));
}
