//! The register's translations through a file: `inriktning_fi`, `tillaggstjanster_en`,
//! `presentation_fi` and `kvalitet_fi: NAME` columns in, the same columns out, and a file
//! without them leaves the register's translations alone.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

mod gemensamt;

use gemensamt::*;
use valfri_store::idag;
use valfri_utbyte::{export, tabell, utforare};

fn importera(store: &valfri_store::Store, fil: &str) -> utforare::Utforarimport {
    let import = utforare::tolka(&tabell::las(fil.as_bytes()).unwrap(), store).unwrap();
    if import.ar_felfri() {
        utforare::tillampa(store, &systemforvaltare(store), &import, "test", idag()).unwrap();
    }
    import
}

#[test]
fn translation_columns_are_read_stored_exported_and_kept_when_a_file_has_none() {
    let store = demo();
    let nr = orgnr(31);
    let rubrik = format!(
        "{RUBRIK};kvalitet: Helhetsnöjdhet (%, 2025, Socialstyrelsen);inriktning_fi;Tilläggstjänster_EN;presentation_fi;kvalitet_fi: Helhetsnöjdhet"
    );
    let fil = format!(
        "{rubrik}\n{};91;Muistisairaudet;Window cleaning;Olemme keskustassa.;Kokonaistyytyväisyys\n",
        rad("Kieliomsorg AB", &nr, "hemtjanst", "")
    );
    let import = importera(&store, &fil);
    assert!(import.ar_felfri(), "{:?}", import.fel);
    let id = store.utforare_id(&nr).unwrap();
    let u = store.utforare(&id).unwrap();
    assert_eq!(u.inriktningar, ["Demens"]);
    assert_eq!(u.inriktningar_pa("fi").varde, ["Muistisairaudet"]);
    assert!(!u.inriktningar_pa("fi").svenska);
    // No English inriktning in the file: an English reader gets the Swedish, marked.
    assert_eq!(u.inriktningar_pa("en").varde, ["Demens"]);
    assert!(u.inriktningar_pa("en").svenska);
    assert_eq!(u.tillaggstjanster_pa("en").varde, ["Window cleaning"]);
    assert_eq!(u.presentation_pa("fi").varde, "Olemme keskustassa.");
    assert_eq!(u.kvalitet[0].namn_pa("fi").varde, "Kokonaistyytyväisyys");
    assert!(u.kvalitet[0].namn_pa("en").svenska);
    // Versioned with the rest of the provider.
    let v = store.registerversion().unwrap();
    let da = store.register_vid(v).unwrap().into_iter().find(|x| x.id == id).unwrap();
    assert_eq!(da.oversattningar, u.oversattningar);

    // Out again under the same headers.
    let ut = String::from_utf8(export::csv(&store.utforare_lista().unwrap()).unwrap()).unwrap();
    let forsta = ut.lines().next().unwrap();
    for kol in
        ["inriktning_fi", "tillaggstjanster_en", "presentation_fi", "kvalitet_fi: Helhetsnöjdhet"]
    {
        assert!(forsta.split(';').any(|k| k == kol), "{kol} in {forsta}");
    }
    assert!(ut.contains("Muistisairaudet") && ut.contains("Kokonaistyytyväisyys"));

    // A file with only the Swedish columns changes the Swedish and keeps the translations.
    let bara_svenska = format!(
        "{RUBRIK}\n{}\n",
        rad("Kieliomsorg AB", &nr, "hemtjanst", "").replace("Demens", "Demens, Palliativ vård")
    );
    assert!(importera(&store, &bara_svenska).ar_felfri());
    let u2 = store.utforare(&id).unwrap();
    assert_eq!(u2.inriktningar, ["Demens", "Palliativ vård"]);
    assert_eq!(u2.oversattningar, u.oversattningar);

    // An empty cell under a translation column removes that translation.
    let tom = format!("{RUBRIK};inriktning_fi\n{};\n", rad("Kieliomsorg AB", &nr, "hemtjanst", ""));
    assert!(importera(&store, &tom).ar_felfri());
    let u3 = store.utforare(&id).unwrap();
    assert!(u3.inriktningar_pa("fi").svenska);
    assert_eq!(u3.tillaggstjanster_pa("en").varde, ["Window cleaning"]);
}

#[test]
fn a_translation_column_for_swedish_or_a_language_that_is_no_code_is_refused() {
    let store = demo();
    let fore = store.registerversion().unwrap();
    for kol in ["inriktning_sv", "inriktning_finska", "presentation_f1"] {
        let fil = format!("{RUBRIK};{kol}\n{};x\n", rad("Fel AB", &orgnr(32), "hemtjanst", ""));
        let import = importera(&store, &fil);
        assert!(!import.ar_felfri(), "{kol}");
        assert_eq!(import.fel[0].kolumn.as_deref(), Some(kol), "{kol}: {:?}", import.fel);
    }
    assert_eq!(store.registerversion().unwrap(), fore, "nothing was saved");
}
