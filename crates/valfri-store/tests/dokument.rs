//! What the documents are made from: read from the demo municipality.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use valfri_domain::val::Valbarhet;
use valfri_domain::{Beslut, Roll};
use valfri_store::{Aktor, Dokumenttyp, Store, demo, idag};

fn demo() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let sokvag = dir.path().join("valfri.sqlite");
    valfri_store::skapa_databas(&sokvag, &valfri_store::Skydd::Okrypterad, false, |s| {
        demo::skapa_demo(s, idag())
    })
    .unwrap();
    let s = Store::oppna(&sokvag, None).unwrap();
    (dir, s)
}

/// The systemförvaltare, and Märta's running hemtjänst beslut.
fn marta_hemtjanst(s: &Store) -> (Aktor, Beslut) {
    let sf = s
        .aktor(
            &s.handlaggare_lista()
                .unwrap()
                .into_iter()
                .find(|h| h.roll == Roll::Systemforvaltare)
                .unwrap()
                .id,
        )
        .unwrap();
    let marta = s.sok_brukare(&sf, demo::MARTA_PNR, 1).unwrap().remove(0);
    let beslut = s
        .beslut_for_brukare(&sf, &marta.id)
        .unwrap()
        .into_iter()
        .find(|b| b.insats_kod == "hemtjanst" && b.ersatt_av.is_none())
        .unwrap();
    (sf, beslut)
}

#[test]
fn the_letter_goes_to_the_brukare_and_a_copy_to_each_ombud_with_every_provider() {
    let (_dir, s) = demo();
    let (sf, beslut) = marta_hemtjanst(&s);
    let brev = s.valfrihetsunderlag(&sf, &beslut.id, idag(), "sv").unwrap();
    assert_eq!(brev.len(), 2);
    assert_eq!(brev[0].0, "brukare");
    assert_eq!(brev[0].1.mottagare.namn, "Märta Ekström");
    assert_eq!(brev[1].1.mottagare.namn, "Per Ekström");
    assert_eq!(brev[1].1.mottagare.kopia_for.as_deref(), Some("Märta Ekström"));
    let u = &brev[0].1;
    assert_eq!(u.personnummer, demo::MARTA_PNR);
    assert_eq!(u.svarsdatum, idag() + chrono::Days::new(14));
    let antal_godkanda = s
        .utforare_lista()
        .unwrap()
        .iter()
        .filter(|x| x.godkannanden.iter().any(|g| g.insats_kod == "hemtjanst"))
        .count();
    assert_eq!(
        u.utforare.len(),
        antal_godkanda,
        "every approved provider, not only those with room"
    );
    assert!(u.utforare.iter().any(|x| matches!(x.status, Valbarhet::VidTak { .. })));
    assert_eq!(u.ickeval, valfri_domain::IckevalModell::Turordning);
}

#[test]
fn the_sheet_shows_the_providers_serving_the_omrade_and_documents_are_recorded() {
    let (_dir, s) = demo();
    let sf = s
        .aktor(
            &s.handlaggare_lista()
                .unwrap()
                .into_iter()
                .find(|h| h.roll == Roll::Systemforvaltare)
                .unwrap()
                .id,
        )
        .unwrap();
    let blad = s.jamforelseunderlag(&sf, "hemtjanst", "L", idag(), "sv").unwrap();
    assert_eq!(blad.omrade_namn, "Lillbäcken");
    assert!(blad.utforare.iter().all(|u| u.utforare.omraden.contains(&"L".to_owned())));
    assert!(blad.utforare.len() >= 2, "the rural zone has few providers, but some");
    assert!(s.jamforelseunderlag(&sf, "hemtjanst", "X", idag(), "sv").is_err());

    let marta = s.sok_brukare(&sf, demo::MARTA_PNR, 1).unwrap().remove(0);
    let beslut = s.beslut_for_brukare(&sf, &marta.id).unwrap().remove(0);
    let b = s.beslutsunderlag(&sf, &beslut.id, idag(), "sv").unwrap();
    assert_eq!(b[0].1.lagrum, s.insats(&beslut.insats_kod, "sv").unwrap().lagrum);
    s.registrera_dokument(
        &sf,
        Dokumenttyp::Beslutsmeddelande,
        Some(&beslut.id),
        "brukare",
        1,
        "sv",
        true,
        b"%PDF-1.7 test",
    )
    .unwrap();
    let poster = s.dokument_for(&beslut.id).unwrap();
    assert_eq!(poster.len(), 1);
    assert_eq!(
        (poster[0].typ, poster[0].storstil, poster[0].storlek),
        (Dokumenttyp::Beslutsmeddelande, true, 13)
    );
}

#[test]
fn the_documents_name_the_insats_in_the_language_of_the_document_not_of_the_brukare() {
    let (_dir, s) = demo();
    let (sf, beslut) = marta_hemtjanst(&s);
    // Märta reads Swedish; the handläggare sends this one in Finnish and English.
    assert_eq!(s.brevform(&sf, &beslut.id).unwrap().sprak, "sv");
    // As the name is written inside a sentence ("beslut om hemtjänst").
    for (sprak, namn) in [("sv", "hemtjänst"), ("fi", "kotipalvelu"), ("en", "home care")] {
        let brev = s.valfrihetsunderlag(&sf, &beslut.id, idag(), sprak).unwrap();
        assert_eq!(brev[0].1.insats_namn, namn);
        let b = s.beslutsunderlag(&sf, &beslut.id, idag(), sprak).unwrap();
        assert_eq!(b[0].1.beslut.insats_namn, namn);
    }
}
