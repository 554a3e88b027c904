//! `valfri hub …` as a DBA and a systemförvaltare run it, against a real `PostgreSQL` cluster
//! of the test's own.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

use valfri_hub::testkluster::Testkluster;

fn valfri(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_valfri"));
    c.args(args).env_remove("VALFRI_DB").env_remove("VALFRI_HANDLAGGARE").env_remove("VALFRI_HUB");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn roller(k: &Testkluster) -> Vec<String> {
    let mut s = k.superanvandare("postgres").unwrap();
    s.query("SELECT rolname::text FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY 1", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

#[test]
fn hub_init_user_add_and_sql_work_as_documented() {
    let k = Testkluster::starta().unwrap();
    k.ny_kommun("exempelby", "agare", "agarlosen").unwrap();
    let url = k.url_utan_losen("agare", "exempelby");
    let env = [("AGARE_LOSEN", "agarlosen"), ("ANNAS_LOSEN", "annas-hemliga-losen")];

    let ut = valfri(&["hub", "init", "--url", &url, "--password-env", "AGARE_LOSEN"], &env);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert_eq!(
        text(&ut.stdout),
        format!(
            "Hubben har nu schema {} (hade 0); roller och behörigheter är satta.\n",
            valfri_hub::SCHEMAVERSION
        )
    );
    let ut =
        valfri(&["--json", "hub", "init", "--url", &url, "--password-env", "AGARE_LOSEN"], &env);
    let v = valfri_hub::SCHEMAVERSION;
    assert_eq!(
        text(&ut.stdout).trim(),
        format!(r#"{{"fran":{v},"till":{v}}}"#),
        "{}",
        text(&ut.stderr)
    );

    // A password is never an argument.
    let fore = roller(&k);
    let ut = valfri(
        &["hub", "user", "add", "anna", "--namn", "Anna Andersson", "--roll", "handlaggare"]
            .into_iter()
            .chain(["--password", "hemligt", "--url", &url, "--hub-password-env", "AGARE_LOSEN"])
            .collect::<Vec<_>>(),
        &env,
    );
    assert_eq!(ut.status.code(), Some(2), "{}", text(&ut.stderr));
    assert!(text(&ut.stderr).contains("password"), "{}", text(&ut.stderr));
    // An unknown role is said as such.
    let ut = valfri(
        &["--lang", "en", "hub", "user", "add", "anna", "--namn", "Anna Andersson"]
            .into_iter()
            .chain(["--roll", "chef", "--password-env", "ANNAS_LOSEN", "--url", &url])
            .collect::<Vec<_>>(),
        &env,
    );
    assert_eq!(ut.status.code(), Some(1));
    assert_eq!(
        text(&ut.stderr).trim(),
        "Unknown role “chef”. Choose handlaggare or systemforvaltare."
    );
    assert_eq!(roller(&k), fore, "refused commands made no login");

    let ut = valfri(
        &["hub", "user", "add", "anna", "--namn", "Anna Andersson", "--roll", "handlaggare"]
            .into_iter()
            .chain(["--password-env", "ANNAS_LOSEN", "--url", &url])
            .chain(["--hub-password-env", "AGARE_LOSEN"])
            .collect::<Vec<_>>(),
        &env,
    );
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert_eq!(text(&ut.stdout), "anna kan nu logga in i hubben som handlaggare.\n");
    // Anna logs in with her own password and is a handläggare by the engine's word.
    let (mut anna, roll) = valfri_hub::Hubb::oppna(
        &k.url_utan_losen("anna", "exempelby"),
        Some("annas-hemliga-losen"),
    )
    .unwrap();
    assert_eq!(roll, valfri_domain::Roll::Handlaggare);
    let namn: String = anna
        .klient()
        .query_one("SELECT namn FROM valfri.handlaggare WHERE login = session_user", &[])
        .unwrap()
        .get(0);
    assert_eq!(namn, "Anna Andersson");

    // The wrong owner password: the sentence, exit 1, in the chosen language.
    let ut = valfri(
        &["--lang", "fi", "hub", "init", "--url", &url, "--password-env", "ANNAS_LOSEN"],
        &env,
    );
    assert_eq!(ut.status.code(), Some(1));
    assert_eq!(
        text(&ut.stderr).trim(),
        "Väärä salasana käyttäjälle agare, tai tunnusta ei ole hubissa."
    );

    // `hub sql` is what init applies: run whole by the superuser afterwards, it changes nothing
    // that matters and a handläggare still works.
    let ut = valfri(&["hub", "sql"], &[]);
    assert_eq!(ut.status.code(), Some(0));
    let sql = text(&ut.stdout);
    for del in [
        "CREATE ROLE valfri_handlaggare NOLOGIN",
        "GRANT INSERT, UPDATE, DELETE ON valfri.beslut TO valfri_handlaggare",
        "ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY brukare_ej_skyddad",
    ] {
        assert!(sql.contains(del), "{del} missing from:\n{sql}");
    }
    k.superanvandare("exempelby").unwrap().batch_execute(&sql).unwrap();
    assert_eq!(
        anna.klient()
            .query_one("SELECT count(*) FROM valfri.beslut", &[])
            .unwrap()
            .get::<_, i64>(0),
        0
    );
    let e = anna.klient().batch_execute("UPDATE valfri.kommun SET namn = 'x'").unwrap_err();
    assert_eq!(e.code().map(|c| c.code().to_owned()), Some("42501".into()));
}

#[test]
fn user_add_with_omraden_gives_the_desk_its_office_and_an_unknown_code_makes_no_login() {
    let k = Testkluster::starta().unwrap();
    k.ny_kommun("exempelby", "agare", "agarlosen").unwrap();
    let url = k.url_utan_losen("agare", "exempelby");
    let env = [("AGARE_LOSEN", "agarlosen"), ("BOS_LOSEN", "bos-hemliga-losen")];
    let ut = valfri(&["hub", "init", "--url", &url, "--password-env", "AGARE_LOSEN"], &env);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    let mut agare = valfri_hub::Hubb::anslut(&url, Some("agarlosen")).unwrap();
    agare
        .klient()
        .batch_execute(
            "INSERT INTO valfri.omrade (id, kod, namn) VALUES ('O1', 'NORR', 'Norr'), ('O2', 'SODER', 'Söder'),
                 ('O3', 'VAST', 'Väst');
             INSERT INTO valfri.brukare (id, personnummer, fornamn, efternamn, omrade_id, namn_gemener, namn_vikt,
                 fornamn_vikt, efternamn_vikt)
             VALUES ('B1', '194001019999', 'Nora', 'Norr', 'O1', 'nora norr', 'nora norr', 'nora', 'norr'),
                    ('B2', '195002029998', 'Sören', 'Söder', 'O2', 'sören söder', 'soren soder', 'soren', 'soder'),
                    ('B3', '196003039997', 'Vera', 'Väst', 'O3', 'vera väst', 'vera vast', 'vera', 'vast');",
        )
        .unwrap();
    let lagg_till = |login: &str, omraden: &str| {
        valfri(
            &["--json", "hub", "user", "add", login, "--namn", "Bo Berg", "--roll", "handlaggare"]
                .into_iter()
                .chain(["--password-env", "BOS_LOSEN", "--url", &url])
                .chain(["--hub-password-env", "AGARE_LOSEN", "--omraden", omraden])
                .collect::<Vec<_>>(),
            &env,
        )
    };

    // An unknown code: the sentence, exit 1, and no login at all.
    let fore = roller(&k);
    let ut = lagg_till("cecilia", "NORR,OSTER");
    assert_eq!(ut.status.code(), Some(1), "{}", text(&ut.stdout));
    assert_eq!(text(&ut.stderr).trim(), "område med id OSTER finns inte.");
    assert_eq!(roller(&k), fore);

    let ut = lagg_till("bo", " NORR , SODER,NORR");
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    let svar: serde_json::Value = serde_json::from_slice(&ut.stdout).unwrap();
    assert_eq!(svar["omraden"], serde_json::json!(["NORR", "SODER"]));
    // Bo's desk holds Norr and Söder, each once, and a pull brings their brukare and no other.
    let (mut bo, _) =
        valfri_hub::Hubb::oppna(&k.url_utan_losen("bo", "exempelby"), Some("bos-hemliga-losen"))
            .unwrap();
    let jag = bo.jag().unwrap();
    assert_eq!(jag.omraden, vec!["O1".to_owned(), "O2".to_owned()]);
    let mut brukare: Vec<String> = bo
        .hamta(0, &jag.omraden)
        .unwrap()
        .andrade
        .iter()
        .filter(|a| a.tabell == "brukare")
        .map(|a| a.rad["id"].as_str().unwrap().to_owned())
        .collect();
    brukare.sort();
    assert_eq!(brukare, ["B1", "B2"]);
    // The log says who was given which office.
    let detalj: String = agare
        .klient()
        .query_one(
            "SELECT detalj FROM valfri.handelselogg WHERE handling = 'skapa' AND objekt_typ = 'handlaggare'",
            &[],
        )
        .unwrap()
        .get(0);
    let detalj: serde_json::Value = serde_json::from_str(&detalj).unwrap();
    assert_eq!(detalj["login"], "bo");
    assert_eq!(detalj["omraden"], serde_json::json!(["NORR", "SODER"]));
}

#[test]
fn an_owner_without_createrole_needs_the_dba_to_run_the_roles_first() {
    let k = Testkluster::starta().unwrap();
    let mut s = k.superanvandare("postgres").unwrap();
    s.batch_execute("CREATE ROLE agare LOGIN PASSWORD 'agarlosen'").unwrap();
    s.batch_execute("CREATE DATABASE exempelby OWNER agare").unwrap();
    let url = k.url_utan_losen("agare", "exempelby");
    let env = [("AGARE_LOSEN", "agarlosen")];

    let ut = valfri(&["hub", "init", "--url", &url, "--password-env", "AGARE_LOSEN"], &env);
    assert_eq!(ut.status.code(), Some(1));
    assert!(
        text(&ut.stderr).starts_with("Hubben sa nej: din inloggning får inte göra detta."),
        "{}",
        text(&ut.stderr)
    );
    // Nothing half-made: no schema, no roles.
    let mut db = k.superanvandare("exempelby").unwrap();
    let schema: bool = db
        .query_one("SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = 'valfri')", &[])
        .unwrap()
        .get(0);
    assert!(!schema);
    assert!(!roller(&k).iter().any(|r| r.starts_with("valfri_")));

    // The DBA runs the roles part of `hub sql`; then the owner's init goes through.
    let sql = text(&valfri(&["hub", "sql"], &[]).stdout);
    let (roller_sql, _) = sql.split_once("-- What each group may do").unwrap();
    s.batch_execute(roller_sql).unwrap();
    let ut = valfri(&["hub", "init", "--url", &url, "--password-env", "AGARE_LOSEN"], &env);
    assert_eq!(ut.status.code(), Some(0), "{}", text(&ut.stderr));
    assert_eq!(roller(&k), ["agare", "postgres", "valfri_handlaggare", "valfri_systemforvaltare"]);
}

#[test]
fn an_unreachable_hub_is_exit_3_with_the_sentence() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("postgresql://agare@127.0.0.1:{port}/x?sslmode=disable&connect_timeout=5");
    let ut = valfri(&["--lang", "en", "hub", "init", "--url", &url], &[]);
    assert_eq!(ut.status.code(), Some(3));
    assert!(
        text(&ut.stderr).starts_with(&format!("The hub at 127.0.0.1:{port} cannot be reached.")),
        "{}",
        text(&ut.stderr)
    );
}
