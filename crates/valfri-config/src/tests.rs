#![allow(clippy::unwrap_used)]

use super::*;

const KANDA: &[&str] = &["sv", "en", "fi"];

fn tolka_har(text: &str) -> Result<Organisation, Konfigfel> {
    tolka(text, Path::new("/etc/valfri/valfri.toml"), KANDA)
}

#[test]
fn the_sample_in_docs_is_valid_and_sets_what_it_says() {
    let fil = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/valfri.toml.exempel");
    let org = las_fil(&fil, KANDA).unwrap();
    assert_eq!(org.kommun, Some(Kommun { kod: "0883".into(), namn: "Exempelby kommun".into() }));
    assert_eq!(org.las_efter_minuter, Some(10));
    assert_eq!(org.sprak.as_deref(), Some(&["sv".to_owned(), "fi".into(), "en".into()][..]));
    assert_eq!(org.hubb, None);
    assert_eq!(
        org.dokumentmapp(Some(Path::new("/home/anna"))),
        Some(PathBuf::from("/home/anna/Dokument/Valfri"))
    );
    let nycklar: Vec<_> = org.satter().into_iter().map(|(k, _)| k).collect();
    assert_eq!(
        nycklar,
        [
            "kommun.kod",
            "kommun.namn",
            "dokument.mapp",
            "dokument.fritt-val",
            "sakerhet.las-efter-minuter",
            "sprak.erbjudna"
        ]
    );
}

#[test]
fn an_empty_file_sets_nothing() {
    let org = tolka_har("# nothing yet\n").unwrap();
    assert!(org.satter().is_empty());
    assert_eq!(org.kontrollera_andring(Installning::LasEfterMinuter, "30"), Ok(()));
}

#[test]
fn unknown_keys_are_refused_by_name() {
    for (text, nyckel) in [
        ("[kommun]\nkod = \"0883\"\nnamn = \"X\"\nnman = \"Y\"\n", "kommun.nman"),
        ("[komun]\nkod = \"0883\"\n", "komun"),
        ("sprak = 3\n", "sprak"),
        ("[sakerhet]\nlas_efter_minuter = 5\n", "sakerhet.las_efter_minuter"),
    ] {
        match tolka_har(text) {
            Err(Konfigfel::OkandNyckel { nyckel: n }) => assert_eq!(n, nyckel, "{text}"),
            Err(Konfigfel::Syntax { .. }) if nyckel == "sprak" => {}
            annat => panic!("{text}: {annat:?}"),
        }
    }
}

#[test]
fn values_are_validated_with_the_value_named() {
    let fall: &[(&str, &str)] = &[
        ("[kommun]\nkod = \"883\"\nnamn = \"X\"\n", "fel-konfig-kommunkod"),
        ("[kommun]\nkod = \"08a3\"\nnamn = \"X\"\n", "fel-konfig-kommunkod"),
        ("[kommun]\nkod = \"0883\"\nnamn = \"  \"\n", "fel-konfig-tom"),
        ("[kommun]\nkod = 883\nnamn = \"X\"\n", "fel-konfig-syntax"),
        ("[hubb]\nurl = \"inte en url\"\n", "fel-konfig-url"),
        ("[hubb]\nurl = \"https://hubb.exempelby.se\"\n", "fel-konfig-url"),
        (
            "[hubb]\nurl = \"postgresql://hubb.exempelby.se/valfri\"\nca-fil = \"/finns/inte.pem\"\n",
            "fel-konfig-fil-saknas",
        ),
        ("[registerpaket]\npublik-nyckel = \"saknas.pub\"\n", "fel-konfig-fil-saknas"),
        ("[sakerhet]\nlas-efter-minuter = 0\n", "fel-konfig-lastid"),
        ("[sakerhet]\nlas-efter-minuter = 481\n", "fel-konfig-lastid"),
        ("[sprak]\nerbjudna = [\"sv\", \"de\"]\n", "fel-konfig-okant-sprak"),
        ("[sprak]\nerbjudna = []\n", "fel-konfig-tom"),
        ("[dokument]\nmapp = \"Dokument/Valfri\"\n", "fel-konfig-inte-absolut"),
        ("[kommun\nkod = \"0883\"\n", "fel-konfig-syntax"),
    ];
    for (text, id) in fall {
        let e = tolka_har(text).unwrap_err();
        assert_eq!(e.meddelande_id(), *id, "{text}: {e:?}");
    }
    let e = tolka_har("[sprak]\nerbjudna = [\"sv\", \"de\"]\n").unwrap_err();
    assert_eq!(e, Konfigfel::OkantSprak { sprak: "de".into(), kanda: "sv, en, fi".into() });
}

#[test]
fn files_are_found_beside_the_configuration_and_the_hub_url_parses() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ca.pem"), "-----BEGIN CERTIFICATE-----\n").unwrap();
    std::fs::write(dir.path().join("register.pub"), "nyckel").unwrap();
    let fil = dir.path().join("valfri.toml");
    std::fs::write(
        &fil,
        "[hubb]\nurl = \"postgresql://hubb.exempelby.se:5432/valfri?sslmode=verify-full\"\nca-fil = \"ca.pem\"\n\
         [registerpaket]\npublik-nyckel = \"register.pub\"\n",
    )
    .unwrap();
    let org = las_fil(&fil, KANDA).unwrap();
    assert_eq!(org.hubb.unwrap().ca_fil, Some(dir.path().join("ca.pem")));
    assert_eq!(org.registerpaket_nyckel, Some(dir.path().join("register.pub")));
}

#[test]
fn what_the_organisation_sets_cannot_be_changed_at_a_desk() {
    let org = tolka_har(
        "[kommun]\nkod = \"0883\"\nnamn = \"Exempelby kommun\"\n[sakerhet]\nlas-efter-minuter = 10\n",
    )
    .unwrap();
    assert_eq!(org.kontrollera_andring(Installning::LasEfterMinuter, "10"), Ok(()));
    assert_eq!(
        org.kontrollera_andring(Installning::LasEfterMinuter, "30"),
        Err(Konfigfel::SattAvOrganisationen {
            nyckel: "sakerhet.las-efter-minuter",
            sokvag: "/etc/valfri/valfri.toml".into()
        })
    );
    assert_eq!(org.kontrollera_andring(Installning::Kommunnamn, "Exempelby kommun"), Ok(()));
    assert!(org.kontrollera_andring(Installning::Kommunnamn, "Annan kommun").is_err());
    // What the file does not set stays the desk's own.
    assert_eq!(org.kontrollera_andring(Installning::Sprak, "sv,fi"), Ok(()));
}

#[test]
fn a_long_value_is_quoted_back_short() {
    let lang = "x".repeat(5000);
    let e = tolka_har(&format!("[kommun]\nkod = \"{lang}\"\nnamn = \"X\"\n")).unwrap_err();
    let Konfigfel::Kommunkod { varde } = e else { panic!() };
    assert_eq!(varde.chars().count(), 80);
}

#[test]
fn the_platform_file_is_where_it_belongs() {
    let fil = plattformsfil();
    if cfg!(target_os = "linux") {
        assert_eq!(fil, PathBuf::from("/etc/valfri/valfri.toml"));
    }
    assert!(fil.ends_with("valfri.toml"));
}
