//! The hub against a real `PostgreSQL`: each test starts its own cluster (`testkluster`)
//! and the engine, not the program, is what says no.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use valfri_domain::Roll;
use valfri_hub::testkluster::Testkluster;
use valfri_hub::{Hubb, HubbFel, Initiering, Loggstatus, SCHEMAVERSION};
use valfri_l10n::Localizer;

const AGARE: &str = "valfri_agare_test";
const AGARLOSEN: &str = "agarlosen-test";
const DB: &str = "exempelby";

/// A cluster with an initialised hub, and a connection as its schema owner.
fn hubb() -> (Testkluster, Hubb) {
    let k = Testkluster::starta().unwrap();
    k.ny_kommun(DB, AGARE, AGARLOSEN).unwrap();
    let mut agare = Hubb::anslut(&k.url_utan_losen(AGARE, DB), Some(AGARLOSEN)).unwrap();
    assert_eq!(agare.initiera().unwrap(), Initiering { fran: 0, till: SCHEMAVERSION as i64 });
    (k, agare)
}

/// A fictional municipality's minimum, written as the owner: a provider in the register, an
/// insats, a brukare and a skyddad brukare, a made beslut and a draft.
fn fyll(agare: &mut Hubb) {
    agare
        .klient()
        .batch_execute(
            "INSERT INTO valfri.kommun (id, namn, namnd, adress, postnummer, postort, telefon, ordning, sprak)
             VALUES (1, 'Exempelby kommun', 'Socialnämnden', 'Storgatan 1', '12345', 'Exempelby', '000-000', 'alfabetisk', 'sv');
             INSERT INTO valfri.omrade (id, kod, namn) VALUES ('O1', 'NORR', 'Norr');
             INSERT INTO valfri.registerversion (nummer, beskrivning) VALUES (1, 'första');
             INSERT INTO valfri.utforare (id, organisationsnummer, namn, regi, telefon, epost, webb, adress,
                 postnummer, postort, presentation, sprak, inriktningar, tillaggstjanster, version)
             VALUES ('U1', '5560000000', 'Omsorg AB', 'privat', '', '', '', '', '', '', '', 'sv', '', '', 1);
             INSERT INTO valfri.insats (id, kod, lagrum, enhet, valfrihet, ickeval)
             VALUES ('I1', 'HTJ', '4 kap. 1 § SoL', 'timmar_per_manad', true, 'turordning');
             INSERT INTO valfri.handlaggare (id, namn, roll) VALUES ('H1', 'Hanna Handläggare', 'handlaggare');
             INSERT INTO valfri.brukare (id, personnummer, fornamn, efternamn, adress, namn_gemener, namn_vikt, fornamn_vikt, efternamn_vikt)
             VALUES ('B1', '194001019999', 'Märta', 'Exempel', 'Byvägen 1', 'märta exempel', 'marta exempel', 'marta', 'exempel'),
                    ('B2', '195002029998', 'Sven', 'Skyddad', 'Hemlig väg 7', 'sven skyddad', 'sven skyddad', 'sven', 'skyddad');
             UPDATE valfri.brukare SET skyddad = true WHERE id = 'B2';
             INSERT INTO valfri.beslut (id, brukare_id, insats_id, diarienummer, ansokningsdatum, beslutsdatum,
                 utfall, giltig_fran, motivering, handlaggare_id, status)
             VALUES ('BE1', 'B1', 'I1', 'SN 2026/1', '2026-01-02', '2026-01-10', 'bifall', '2026-01-10', 'Behov finns.', 'H1', 'beslutat'),
                    ('BE2', 'B1', 'I1', 'SN 2026/2', '2026-02-02', NULL, 'bifall', '2026-02-10', 'Utkast.', 'H1', 'utkast');",
        )
        .unwrap();
}

fn lagg_till(agare: &mut Hubb, login: &str, roll: Roll) {
    agare
        .lagg_till_anvandare(login, &format!("Test {login}"), roll, &format!("{login}-losen"))
        .unwrap();
}

fn som(k: &Testkluster, login: &str) -> Hubb {
    Hubb::anslut(&k.url_utan_losen(login, DB), Some(&format!("{login}-losen"))).unwrap()
}

fn sqlstate(e: &postgres::Error) -> String {
    e.code().map_or_else(|| format!("no SQLSTATE: {e}"), |c| c.code().to_owned())
}

fn antal(h: &mut Hubb, sql: &str) -> i64 {
    h.klient().query_one(sql, &[]).unwrap().get(0)
}

fn mening(e: &HubbFel, sprak: &str) -> String {
    Localizer::new().unwrap().meddelande(sprak, e)
}

#[test]
fn init_twice_is_a_no_op() {
    let (k, mut agare) = hubb();
    fyll(&mut agare);
    lagg_till(&mut agare, "anna", Roll::Handlaggare);
    let fore = (
        antal(&mut agare, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'valfri'"),
        antal(&mut agare, "SELECT count(*) FROM valfri.beslut"),
        antal(&mut agare, "SELECT count(*) FROM valfri.handelselogg"),
        antal(&mut agare, "SELECT max(andring) FROM valfri.beslut"),
    );
    assert_eq!(
        agare.initiera().unwrap(),
        Initiering { fran: SCHEMAVERSION as i64, till: SCHEMAVERSION as i64 }
    );
    let efter = (
        antal(&mut agare, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'valfri'"),
        antal(&mut agare, "SELECT count(*) FROM valfri.beslut"),
        antal(&mut agare, "SELECT count(*) FROM valfri.handelselogg"),
        antal(&mut agare, "SELECT max(andring) FROM valfri.beslut"),
    );
    assert_eq!(fore, efter);
    assert_eq!(agare.schemaversion().unwrap(), Some(SCHEMAVERSION as i64));
    // The grants applied again still let a handläggare work.
    let mut anna = som(&k, "anna");
    assert_eq!(antal(&mut anna, "SELECT count(*) FROM valfri.beslut"), 2);
}

#[test]
fn a_hub_with_a_newer_schema_is_refused_with_the_sentence() {
    let (k, mut agare) = hubb();
    lagg_till(&mut agare, "anna", Roll::Handlaggare);
    agare.klient().batch_execute("UPDATE valfri.schemaversion SET version = 99").unwrap();

    let e = agare.initiera().unwrap_err();
    assert!(
        matches!(e, HubbFel::NyareSchema { hubb: 99, program } if program == SCHEMAVERSION),
        "{e:?}"
    );
    let sv = mening(&e, "sv");
    assert!(
        sv.contains("nyare version av Valfri")
            && sv.contains("99")
            && sv.contains(&SCHEMAVERSION.to_string())
            && sv.contains(env!("CARGO_PKG_VERSION")),
        "{sv}"
    );
    assert!(mening(&e, "fi").contains("uudemmalla"));
    assert!(mening(&e, "en").contains("newer version of Valfri"));
    assert_eq!(agare.schemaversion().unwrap(), Some(99), "the refused init changed nothing");

    let e = Hubb::oppna(&k.url_utan_losen("anna", DB), Some("anna-losen")).unwrap_err();
    assert!(matches!(e, HubbFel::NyareSchema { hubb: 99, .. }), "{e:?}");
}

#[test]
fn identity_and_role_come_from_the_engine() {
    let (k, mut agare) = hubb();
    lagg_till(&mut agare, "anna", Roll::Handlaggare);
    lagg_till(&mut agare, "sara.sf", Roll::Systemforvaltare);

    let (mut anna, roll) = Hubb::oppna(&k.url_utan_losen("anna", DB), Some("anna-losen")).unwrap();
    assert_eq!(roll, Roll::Handlaggare);
    assert_eq!(anna.vem().unwrap(), "anna");
    let (_, roll) = Hubb::oppna(&k.url_utan_losen("sara.sf", DB), Some("sara.sf-losen")).unwrap();
    assert_eq!(roll, Roll::Systemforvaltare);
    assert_eq!(
        antal(
            &mut agare,
            "SELECT count(*) FROM valfri.handlaggare WHERE login IN ('anna', 'sara.sf')"
        ),
        2
    );

    // The same login in a database without a hub is told so.
    k.superanvandare("postgres").unwrap().batch_execute("CREATE DATABASE tom").unwrap();
    let e = Hubb::oppna(&k.url_utan_losen("anna", "tom"), Some("anna-losen")).unwrap_err();
    assert!(matches!(e, HubbFel::InteInitierad), "{e:?}");
    assert_eq!(
        mening(&e, "en"),
        "The database has no Valfri hub yet. The schema owner must run valfri hub init."
    );

    // A login the DBA made outside Valfri's groups is no one in Valfri.
    k.superanvandare("postgres")
        .unwrap()
        .batch_execute("CREATE ROLE okand LOGIN PASSWORD 'okand-losen'")
        .unwrap();
    let e = Hubb::oppna(&k.url_utan_losen("okand", DB), Some("okand-losen")).unwrap_err();
    assert!(matches!(&e, HubbFel::OkandRoll { anvandare } if anvandare == "okand"), "{e:?}");
    assert!(mening(&e, "sv").contains("okand kan logga in i hubben men har ingen roll"));

    // A second login of the same name, and names that are not logins, are refused; nothing made.
    let roller = antal(&mut agare, "SELECT count(*) FROM pg_catalog.pg_roles");
    let e =
        agare.lagg_till_anvandare("anna", "Anna Igen", Roll::Systemforvaltare, "x").unwrap_err();
    assert!(matches!(e, HubbFel::InloggningFinns { .. }), "{e:?}");
    for fel in ["Anna", "pg_anna", "valfri_x", "a\"; DROP ROLE anna; --", ""] {
        let e = agare.lagg_till_anvandare(fel, "X", Roll::Handlaggare, "x").unwrap_err();
        assert!(matches!(e, HubbFel::OgiltigInloggning { .. }), "{fel}: {e:?}");
    }
    assert_eq!(antal(&mut agare, "SELECT count(*) FROM pg_catalog.pg_roles"), roller);
    assert_eq!(antal(&mut agare, "SELECT count(*) FROM valfri.handlaggare"), 2);
}

#[test]
fn a_handlaggare_connection_cannot_change_what_is_not_theirs() {
    let (k, mut agare) = hubb();
    fyll(&mut agare);
    lagg_till(&mut agare, "anna", Roll::Handlaggare);
    lagg_till(&mut agare, "sara", Roll::Systemforvaltare);
    agare
        .klient()
        .batch_execute("INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id) VALUES ('test', 'x', '1')")
        .unwrap();
    let logg_fore = antal(&mut agare, "SELECT count(*) FROM valfri.handelselogg");
    let mut anna = som(&k, "anna");
    let c = anna.klient();

    // No privilege at all (42501): the register, the settings, the log.
    for sql in [
        "UPDATE valfri.utforare SET namn = 'Annat AB' WHERE id = 'U1'",
        "DELETE FROM valfri.godkannande",
        "INSERT INTO valfri.registerversion (nummer, beskrivning) VALUES (2, 'egen')",
        "UPDATE valfri.kommun SET svarstid_dagar = 1",
        "UPDATE valfri.insats SET lagrum = 'x'",
        "UPDATE valfri.handelselogg SET detalj = 'x' WHERE nr = 1",
        "DELETE FROM valfri.handelselogg WHERE nr = 1",
        "TRUNCATE valfri.handelselogg",
        "SELECT count(*) FROM valfri.handelselogg",
        "INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, vem) VALUES ('x', 'x', 'x', 'bertil')",
        "UPDATE valfri.handlaggare SET roll = 'systemforvaltare'",
    ] {
        let e = c.batch_execute(sql).unwrap_err();
        assert_eq!(sqlstate(&e), "42501", "{sql}: {e}");
    }

    // A made beslut: the trigger refuses (VF001); a draft can still be worked on.
    for sql in [
        "UPDATE valfri.beslut SET motivering = 'Ändrad.' WHERE id = 'BE1'",
        "UPDATE valfri.beslut SET giltig_till = '2027-01-01' WHERE id = 'BE1'",
        "DELETE FROM valfri.beslut WHERE id = 'BE1'",
    ] {
        let e = c.batch_execute(sql).unwrap_err();
        assert_eq!(sqlstate(&e), "VF001", "{sql}: {e}");
    }
    assert_eq!(
        c.execute("UPDATE valfri.beslut SET status = 'verkstallt' WHERE id = 'BE1'", &[]).unwrap(),
        1
    );
    assert_eq!(
        c.execute("UPDATE valfri.beslut SET motivering = 'Bättre.' WHERE id = 'BE2'", &[]).unwrap(),
        1
    );
    // The mapped error says it as a sentence.
    let e =
        HubbFel::from(c.execute("DELETE FROM valfri.beslut WHERE id = 'BE1'", &[]).unwrap_err());
    assert!(matches!(e, HubbFel::BeslutFattat), "{e:?}");

    // A skyddad brukare is not there for a plain SELECT, nor for an UPDATE.
    let synliga: Vec<String> = c
        .query("SELECT id FROM valfri.brukare ORDER BY id", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(synliga, ["B1"]);
    assert!(c.query("SELECT * FROM valfri.brukare WHERE id = 'B2'", &[]).unwrap().is_empty());
    assert!(c.query("SELECT * FROM valfri.brukare WHERE skyddad", &[]).unwrap().is_empty());
    assert_eq!(
        c.execute("UPDATE valfri.brukare SET adress = 'x' WHERE id = 'B2'", &[]).unwrap(),
        0
    );

    // Even the owner cannot edit the log through SQL (VF002); only a superuser can step past it.
    let e =
        agare.klient().batch_execute("UPDATE valfri.handelselogg SET detalj = 'x'").unwrap_err();
    assert_eq!(sqlstate(&e), "VF002", "{e}");

    // A systemförvaltare may change the register; the log stays whole and as it was.
    let mut sara = som(&k, "sara");
    assert_eq!(
        sara.klient().execute("UPDATE valfri.utforare SET namn = 'Omsorg i Norr AB'", &[]).unwrap(),
        1
    );
    let after: (String, String, String, i64) = {
        let r = agare
            .klient()
            .query_one(
                "SELECT (SELECT namn FROM valfri.kommun), (SELECT motivering FROM valfri.beslut WHERE id = 'BE1'),
                        (SELECT adress FROM valfri.brukare WHERE id = 'B2'), (SELECT count(*) FROM valfri.handelselogg)",
                &[],
            )
            .unwrap();
        (r.get(0), r.get(1), r.get(2), r.get(3))
    };
    assert_eq!(
        after,
        ("Exempelby kommun".into(), "Behov finns.".into(), "Hemlig väg 7".into(), logg_fore)
    );
}

#[test]
fn the_reason_taking_function_returns_the_row_and_logs_the_login() {
    let (k, mut agare) = hubb();
    fyll(&mut agare);
    lagg_till(&mut agare, "anna", Roll::Handlaggare);
    let mut anna = som(&k, "anna");
    let fore = antal(&mut agare, "SELECT count(*) FROM valfri.handelselogg");

    // Without a reason: refused, and nothing is logged.
    let e = anna.oppna_skyddad_brukare("B2", "  ").unwrap_err();
    assert!(matches!(e, HubbFel::SkalKravs), "{e:?}");
    let e = anna
        .klient()
        .query("SELECT * FROM valfri.oppna_skyddad_brukare('B2', '')", &[])
        .unwrap_err();
    assert_eq!(sqlstate(&e), "VF003");
    assert_eq!(antal(&mut agare, "SELECT count(*) FROM valfri.handelselogg"), fore);

    let b = anna.oppna_skyddad_brukare("B2", "Ny ansökan om hemtjänst").unwrap().unwrap();
    assert_eq!((b.personnummer.as_str(), b.adress.as_str()), ("195002029998", "Hemlig väg 7"));

    let rad = agare
        .klient()
        .query_one(
            "SELECT nr, vem, handling, objekt_typ, objekt_id, detalj::jsonb ->> 'skal' FROM valfri.handelselogg
             ORDER BY nr DESC LIMIT 1",
            &[],
        )
        .unwrap();
    assert_eq!(rad.get::<_, i64>(0), fore + 1);
    let (vem, handling, typ, id, skal): (String, String, String, String, String) =
        (rad.get(1), rad.get(2), rad.get(3), rad.get(4), rad.get(5));
    assert_eq!(
        (vem.as_str(), handling.as_str(), typ.as_str(), id.as_str(), skal.as_str()),
        ("anna", "las", "brukare", "B2", "Ny ansökan om hemtjänst")
    );

    // Whatever a handläggare writes to the log, "who" is the engine's login.
    anna.klient()
        .batch_execute("INSERT INTO valfri.handelselogg (handling, objekt_typ, objekt_id, detalj) VALUES ('sok', 'brukare', '', 'x')")
        .unwrap();
    let vem: String = agare
        .klient()
        .query_one("SELECT vem FROM valfri.handelselogg ORDER BY nr DESC LIMIT 1", &[])
        .unwrap()
        .get(0);
    assert_eq!(vem, "anna");
}

#[test]
fn a_wrong_password_an_unreachable_port_and_refused_tls_give_their_sentences() {
    let (k, mut agare) = hubb();
    lagg_till(&mut agare, "anna", Roll::Handlaggare);

    let e = Hubb::anslut(&k.url_utan_losen("anna", DB), Some("fel-losen")).unwrap_err();
    assert!(matches!(&e, HubbFel::FelLosenord { anvandare } if anvandare == "anna"), "{e:?}");
    assert_eq!(
        mening(&e, "sv"),
        "Fel lösenord för anna, eller så finns inte inloggningen i hubben."
    );

    // A port nothing listens on: bound, read, and closed again.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("postgresql://anna@127.0.0.1:{port}/{DB}?sslmode=disable&connect_timeout=5");
    let e = Hubb::anslut(&url, Some("anna-losen")).unwrap_err();
    assert!(
        matches!(&e, HubbFel::Onaborbar { adress, .. } if *adress == format!("127.0.0.1:{port}")),
        "{e:?}"
    );
    assert!(mening(&e, "sv").starts_with(&format!("Hubben på 127.0.0.1:{port} går inte att nå.")));
    assert!(e.ar_forbindelseproblem());

    // The test cluster has no certificate: a URL that requires TLS is refused, not downgraded.
    let url = format!("postgresql://anna@127.0.0.1:{}/{DB}?sslmode=require", k.port());
    let e = Hubb::anslut(&url, Some("anna-losen")).unwrap_err();
    assert!(matches!(e, HubbFel::TlsVagrad { .. }), "{e:?}");
    assert!(mening(&e, "fi").contains("kieltäytyi suojatusta (TLS-)yhteydestä"));

    let e = Hubb::anslut("mysql://nope", None).unwrap_err();
    assert!(matches!(e, HubbFel::FelAdress { .. }), "{e:?}");
}

#[test]
fn the_audit_chain_verifies_and_a_tampered_row_is_found() {
    let (k, mut agare) = hubb();
    fyll(&mut agare);
    lagg_till(&mut agare, "anna", Roll::Handlaggare);
    lagg_till(&mut agare, "sara", Roll::Systemforvaltare);
    let mut anna = som(&k, "anna");
    for skal in ["Ansökan", "Uppföljning", "Klagomål med åäö"] {
        anna.oppna_skyddad_brukare("B2", skal).unwrap();
    }
    let mut sara = som(&k, "sara");
    // The chain written by SQL verifies with valfri-domain's hash: the two agree.
    assert_eq!(sara.verifiera_logg().unwrap(), Loggstatus::Hel { rader: 5 });

    let mut s = k.superanvandare(DB).unwrap();
    s.batch_execute(
        "SET session_replication_role = replica;
         UPDATE valfri.handelselogg SET detalj = '{\"skal\": \"Annat\"}' WHERE nr = 4;",
    )
    .unwrap();
    assert_eq!(sara.verifiera_logg().unwrap(), Loggstatus::Bruten { nr: 4 });

    // A removed row is found too, at the row after it.
    s.batch_execute(
        "SET session_replication_role = replica;
         UPDATE valfri.handelselogg SET detalj = '{\"skal\": \"Uppföljning\"}' WHERE nr = 4;",
    )
    .unwrap();
    assert_eq!(sara.verifiera_logg().unwrap(), Loggstatus::Hel { rader: 5 });
    s.batch_execute(
        "SET session_replication_role = replica; DELETE FROM valfri.handelselogg WHERE nr = 2;",
    )
    .unwrap();
    assert_eq!(sara.verifiera_logg().unwrap(), Loggstatus::Bruten { nr: 3 });

    // A handläggare may not read the log at all.
    let e = anna.verifiera_logg().unwrap_err();
    assert!(matches!(e, HubbFel::Behorighet { .. }), "{e:?}");
}

#[test]
fn every_shared_row_takes_a_rising_change_number_and_a_deletion_leaves_its_key() {
    let (_k, mut agare) = hubb();
    fyll(&mut agare);
    let c = agare.klient();
    let fore: i64 =
        c.query_one("SELECT andring FROM valfri.beslut WHERE id = 'BE2'", &[]).unwrap().get(0);
    c.batch_execute("UPDATE valfri.beslut SET motivering = 'Ny.' WHERE id = 'BE2'").unwrap();
    let efter: i64 =
        c.query_one("SELECT andring FROM valfri.beslut WHERE id = 'BE2'", &[]).unwrap().get(0);
    let hogst: i64 = c.query_one("SELECT max(andring) FROM valfri.brukare", &[]).unwrap().get(0);
    assert!(efter > fore && efter > hogst, "{fore} {efter} {hogst}");
    c.batch_execute("DELETE FROM valfri.beslut WHERE id = 'BE2'").unwrap();
    let (tabell, nyckel, andring): (String, String, i64) = {
        let r =
            c.query_one("SELECT tabell, nyckel::text, andring FROM valfri.borttagen", &[]).unwrap();
        (r.get(0), r.get(1), r.get(2))
    };
    assert_eq!((tabell.as_str(), nyckel.as_str()), ("beslut", r#"{"id": "BE2"}"#));
    assert!(andring > efter);
    // A command applied once is refused the second time by its ULID.
    c.batch_execute(
        "INSERT INTO valfri.outbox_applied (ulid) VALUES ('01JF0000000000000000000000')",
    )
    .unwrap();
    let e = c
        .batch_execute(
            "INSERT INTO valfri.outbox_applied (ulid) VALUES ('01JF0000000000000000000000')",
        )
        .unwrap_err();
    assert_eq!(sqlstate(&e), "23505");
}

#[test]
fn concurrent_writers_never_fork_the_chain() {
    let (k, mut agare) = hubb();
    fyll(&mut agare);
    for login in ["anna", "bo", "cecilia", "david"] {
        lagg_till(&mut agare, login, Roll::Handlaggare);
    }
    lagg_till(&mut agare, "sara", Roll::Systemforvaltare);
    let fore = antal(&mut agare, "SELECT count(*) FROM valfri.handelselogg");
    std::thread::scope(|s| {
        for login in ["anna", "bo", "cecilia", "david"] {
            let k = &k;
            s.spawn(move || {
                let mut h = som(k, login);
                for i in 0..25 {
                    h.oppna_skyddad_brukare("B2", &format!("Ärende {i}")).unwrap();
                }
            });
        }
    });
    let mut sara = som(&k, "sara");
    assert_eq!(sara.verifiera_logg().unwrap(), Loggstatus::Hel { rader: fore + 100 });
    let per_login: Vec<(String, i64)> = agare
        .klient()
        .query(
            "SELECT vem, count(*) FROM valfri.handelselogg WHERE handling = 'las' GROUP BY vem ORDER BY vem",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(
        per_login,
        [("anna".into(), 25), ("bo".into(), 25), ("cecilia".into(), 25), ("david".into(), 25)]
    );
}

#[test]
fn a_test_cluster_is_stopped_and_removed_when_its_test_panics() {
    let (katalog, port) = std::panic::catch_unwind(|| {
        let k = Testkluster::starta().unwrap();
        let spar = (k.katalog().to_owned(), k.port());
        k.superanvandare("postgres").unwrap();
        std::panic::panic_any(spar);
    })
    .unwrap_err()
    .downcast::<(std::path::PathBuf, u16)>()
    .map(|b| *b)
    .unwrap();
    assert!(!katalog.exists(), "{} is left", katalog.display());
    let url = format!("postgresql://postgres@127.0.0.1:{port}/postgres?sslmode=disable");
    assert!(matches!(Hubb::anslut(&url, Some("x")), Err(HubbFel::Onaborbar { .. })));
}
