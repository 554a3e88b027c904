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

#[test]
fn a_fixed_documents_folder_admits_only_places_inside_it() {
    let org = tolka_har("[dokument]\nmapp = \"~/Dokument/Valfri\"\nfritt-val = false\n").unwrap();
    let hem = Some(Path::new("/home/anna"));
    for inuti in [
        "/home/anna/Dokument/Valfri",
        "/home/anna/Dokument/Valfri/brev.pdf",
        "/home/anna/Dokument/Valfri/omgang-1/",
    ] {
        assert_eq!(org.kontrollera_dokumentplats(Path::new(inuti), hem), Ok(()), "{inuti}");
    }
    for utanfor in [
        "/tmp/brev.pdf",
        "/home/anna/Dokument/Valfri-privat/brev.pdf",
        "/home/anna/Dokument/Valfri/../brev.pdf",
        "Dokument/Valfri/brev.pdf",
        "/media/usb/brev.pdf",
    ] {
        let e = org.kontrollera_dokumentplats(Path::new(utanfor), hem).unwrap_err();
        assert_eq!(
            e,
            Konfigfel::UtanforDokumentmappen {
                sokvag: utanfor.into(),
                mapp: "/home/anna/Dokument/Valfri".into(),
                fil: "/etc/valfri/valfri.toml".into()
            },
            "{utanfor}"
        );
        assert_eq!(e.meddelande_id(), "fel-konfig-utanfor-dokumentmappen");
    }
    // Without a home folder the folder under ~ cannot be found: nothing is admitted.
    assert!(
        org.kontrollera_dokumentplats(Path::new("/home/anna/Dokument/Valfri/a.pdf"), None).is_err()
    );
    // A folder the person may leave is only a default; no file fixes nothing.
    let fri = tolka_har("[dokument]\nmapp = \"/srv/valfri\"\nfritt-val = true\n").unwrap();
    assert_eq!(fri.kontrollera_dokumentplats(Path::new("/tmp/brev.pdf"), hem), Ok(()));
    assert_eq!(
        tolka_har("").unwrap().kontrollera_dokumentplats(Path::new("/tmp/a.pdf"), hem),
        Ok(())
    );
    // A fixed folder must be named.
    assert_eq!(
        tolka_har("[dokument]\nfritt-val = false\n").unwrap_err(),
        Konfigfel::Tom { nyckel: "dokument.mapp" }
    );
}

#[test]
fn only_the_offered_languages_are_accepted_and_a_letter_falls_back_to_swedish() {
    let org = tolka_har("[sprak]\nerbjudna = [\"sv\", \"fi\"]\n").unwrap();
    assert_eq!(org.kontrollera_sprak("fi"), Ok(()));
    assert_eq!(
        org.kontrollera_sprak("en"),
        Err(Konfigfel::SprakErbjudsInte { sprak: "en".into(), erbjudna: "sv, fi".into() })
    );
    assert_eq!(org.erbjudna_sprak(vec!["sv".into(), "en".into()]), ["sv", "fi"]);
    assert_eq!(org.brevsprak("en".into()), "sv");
    assert_eq!(org.brevsprak("fi".into()), "fi");
    let utan_svenska = tolka_har("[sprak]\nerbjudna = [\"fi\", \"en\"]\n").unwrap();
    assert_eq!(utan_svenska.brevsprak("sv".into()), "fi");
    let ingen = tolka_har("").unwrap();
    assert_eq!(ingen.kontrollera_sprak("en"), Ok(()));
    assert_eq!(ingen.erbjudna_sprak(vec!["sv".into(), "en".into()]), ["sv", "en"]);
}

#[test]
fn a_database_of_another_municipality_is_refused_naming_both() {
    let org = tolka_har("[kommun]\nkod = \"0883\"\nnamn = \"Exempelby kommun\"\n").unwrap();
    assert_eq!(org.kontrollera_kommun("Exempelby kommun"), Ok(()));
    // A new database names none yet.
    assert_eq!(org.kontrollera_kommun(""), Ok(()));
    let e = org.kontrollera_kommun("Annanby kommun").unwrap_err();
    assert_eq!(
        e,
        Konfigfel::AnnanKommun {
            databas: "Annanby kommun".into(),
            konfig: "Exempelby kommun (0883)".into(),
            fil: "/etc/valfri/valfri.toml".into()
        }
    );
    assert_eq!(tolka_har("").unwrap().kontrollera_kommun("Annanby kommun"), Ok(()));
}

#[test]
fn the_organisations_register_key_is_the_one_packages_are_checked_with() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("register.pub"), "nyckel").unwrap();
    let fil = dir.path().join("valfri.toml");
    std::fs::write(&fil, "[registerpaket]\npublik-nyckel = \"register.pub\"\n").unwrap();
    let org = las_fil(&fil, KANDA).unwrap();
    let egen = dir.path().join("register.pub");
    assert_eq!(org.registerpaketnyckel(None), Ok(Some(egen.clone())));
    assert_eq!(org.registerpaketnyckel(Some(&egen)), Ok(Some(egen.clone())));
    assert_eq!(
        org.registerpaketnyckel(Some(Path::new("/tmp/annan.pub"))),
        Err(Konfigfel::SattAvOrganisationen {
            nyckel: "registerpaket.publik-nyckel",
            sokvag: fil.display().to_string()
        })
    );
    assert_eq!(org.satt(Installning::Registerpaketnyckel), Some("registerpaket.publik-nyckel"));
    let ingen = tolka_har("").unwrap();
    assert_eq!(
        ingen.registerpaketnyckel(Some(Path::new("/tmp/a.pub"))),
        Ok(Some("/tmp/a.pub".into()))
    );
    assert_eq!(ingen.registerpaketnyckel(None), Ok(None));
}
