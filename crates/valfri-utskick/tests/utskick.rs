//! Sending from the demo municipality: the letter is written and recorded, the preview is the
//! same document, and a batch resumes where an interrupted one stopped.
#![allow(clippy::unwrap_used)]

use std::sync::atomic::AtomicBool;

use valfri_dokument::Typsnitt;
use valfri_l10n::Localizer;
use valfri_store::{Aktor, Store, demo, idag};
use valfri_utskick::{Steg, Utskick, Vad, kor_batch, skriv_batchbrev};

fn demo_store() -> (Store, Aktor) {
    let s = Store::open_i_minnet().unwrap();
    demo::skapa_demo(&s, idag()).unwrap();
    let h = s.handlaggare_lista().unwrap().into_iter().next().unwrap();
    let a = s.aktor(&h.id).unwrap();
    (s, a)
}

/// Some running beslut of brukare in the demo.
fn nagra_beslut(s: &Store, a: &Aktor, n: usize) -> Vec<String> {
    let mut ut = Vec::new();
    for t in s.sok_brukare(a, "a", 50).unwrap() {
        for b in s.beslut_for_brukare(a, &t.id).unwrap() {
            if b.beslutsdatum.is_some()
                && !ut.contains(&b.id)
                && s.valbara(a, &b.id, idag()).is_ok()
            {
                ut.push(b.id);
            }
        }
        if ut.len() >= n {
            break;
        }
    }
    ut.truncate(n);
    ut
}

#[test]
fn a_letter_is_written_recorded_and_its_preview_has_the_same_pages() {
    let (s, a) = demo_store();
    let (t, l) = (Typsnitt::inbyggda().unwrap(), Localizer::new().unwrap());
    let u = Utskick { store: &s, aktor: &a, t: &t, l: &l };
    let beslut = nagra_beslut(&s, &a, 1).pop().unwrap();
    let vad = Vad::Valfrihetsbrev { beslut: beslut.clone() };
    let form = u.standardform(&vad, "sv").unwrap();
    let utkast = u.bryt_om(&vad, &form).unwrap();
    assert!(!utkast.is_empty());
    assert!(s.dokument_for(&beslut).unwrap().is_empty(), "a preview records nothing");
    let dir = tempfile::tempdir().unwrap();
    let filer = u.spara(&vad, &form, |n| dir.path().join(vad.filnamn(n))).unwrap();
    assert_eq!(filer.len(), utkast.len());
    assert!(filer.iter().all(|f| std::fs::read(f).unwrap().starts_with(b"%PDF")));
    assert_eq!(s.dokument_for(&beslut).unwrap().len(), filer.len());
    assert!(s.svarsdatum(&beslut).unwrap().is_some(), "the time to answer started");
    assert_eq!(utkast[0].dokument.svg(&t).len(), utkast[0].dokument.antal_sidor());
}

#[test]
fn a_batch_cancelled_halfway_resumes_without_making_a_letter_twice() {
    let (s, a) = demo_store();
    let (t, l) = (Typsnitt::inbyggda().unwrap(), Localizer::new().unwrap());
    let u = Utskick { store: &s, aktor: &a, t: &t, l: &l };
    let beslut = nagra_beslut(&s, &a, 4);
    assert_eq!(beslut.len(), 4);
    let dir = tempfile::tempdir().unwrap();
    let avbryt = AtomicBool::new(false);
    // The person presses cancel while the second letter is being gathered: the letters already
    // handed to the workers are finished, none after them is started.
    let forsta = kor_batch(
        &beslut,
        &avbryt,
        |id| {
            if id == beslut[1] {
                avbryt.store(true, std::sync::atomic::Ordering::SeqCst);
            }
            u.samla_batchbrev(id, dir.path())
        },
        |x| skriv_batchbrev(&t, &l, x),
        |f| u.registrera(f).map(|_| ()),
        |_| {},
    )
    .unwrap();
    assert!(forsta.avbruten);
    assert_eq!(forsta.skrivna, 2, "the batch stopped after the second letter");
    // Every letter counted as written has its file and its record; none other has either.
    let gjorda: Vec<&String> =
        beslut.iter().filter(|b| dir.path().join(format!("{b}.pdf")).exists()).collect();
    assert_eq!(gjorda.len(), forsta.skrivna);
    for b in &beslut {
        assert_eq!(s.dokument_for(b).unwrap().is_empty(), !gjorda.contains(&b));
    }
    assert!(
        std::fs::read_dir(dir.path()).unwrap().all(|f| !f
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".tmp")),
        "nothing half-made is left"
    );
    let andra = kor_batch(
        &beslut,
        &AtomicBool::new(false),
        |id| u.samla_batchbrev(id, dir.path()),
        |x| skriv_batchbrev(&t, &l, x),
        |f| u.registrera(f).map(|_| ()),
        |_| {},
    )
    .unwrap();
    assert_eq!(
        (andra.skrivna, andra.redan_klara, andra.avbruten),
        (4 - forsta.skrivna, forsta.skrivna, false)
    );
    assert_eq!(u.batchbrev(&beslut[0], dir.path()).unwrap(), Steg::RedanKlart);
    for b in &beslut {
        assert!(dir.path().join(format!("{b}.pdf")).exists());
        assert_eq!(
            s.dokument_for(b).unwrap().iter().filter(|d| d.mottagare == "brukare").count(),
            1,
            "one letter per brukare"
        );
    }
}

#[test]
fn the_sheet_for_a_skyddad_brukare_s_beslut_needs_no_reason_and_shows_no_address() {
    let (s, a) = demo_store();
    // Stig Lindqvist in the demo has skyddade personuppgifter.
    let skyddad = s
        .sok_brukare(&a, "Stig Lindqvist", 10)
        .unwrap()
        .into_iter()
        .find(|t| t.skyddad)
        .expect("the demo's skyddad brukare");
    let beslut = s
        .beslut_for_brukare(&a, &skyddad.id)
        .unwrap()
        .into_iter()
        .next()
        .expect("with a beslut")
        .id;
    let vad = Vad::for_beslut(&s, &a, "jamforelseblad", &beslut).unwrap();
    assert!(matches!(vad, Vad::Jamforelseblad { .. }));
    // Opening the record itself still needs the reason.
    assert!(s.brukare(&a, &skyddad.id).is_err());
}

/// A run killed between recording a letter and renaming it leaves `NAME.pdf.tmp` with a record;
/// one killed before recording leaves a `.tmp` without one. The next batch puts the first in
/// place (so the letter recorded as sent exists, and the resumed batch skips it) and removes the
/// second; a file another process still holds is left alone.
#[test]
fn a_batch_puts_a_recorded_leftover_in_place_and_removes_an_unrecorded_one() {
    let (s, a) = demo_store();
    let (t, l) = (Typsnitt::inbyggda().unwrap(), Localizer::new().unwrap());
    let u = Utskick { store: &s, aktor: &a, t: &t, l: &l };
    let beslut = nagra_beslut(&s, &a, 3);
    let dir = tempfile::tempdir().unwrap();
    let fil = |id: &str| dir.path().join(format!("{id}.pdf"));
    let tmp = |id: &str| dir.path().join(format!("{id}.pdf.tmp"));

    // Recorded, then killed before the rename.
    let vad = Vad::Valfrihetsbrev { beslut: beslut[0].clone() };
    let form = u.standardform(&vad, "sv").unwrap();
    let skrivna =
        u.spara(&vad, &form, |n| dir.path().join(format!("{}-{n}.pdf", beslut[0]))).unwrap();
    std::fs::rename(&skrivna[0], tmp(&beslut[0])).unwrap();
    for kopia in &skrivna[1..] {
        std::fs::remove_file(kopia).unwrap();
    }
    let registrerade = s.dokument_for(&beslut[0]).unwrap().len();
    // Written, never recorded: the bytes of a letter nobody recorded.
    std::fs::write(tmp(&beslut[1]), b"%PDF-1.7 half a letter").unwrap();
    // Still being written by another process, which holds it.
    std::fs::write(tmp(&beslut[2]), b"%PDF-1.7 in progress").unwrap();
    let halls = std::fs::OpenOptions::new().write(true).open(tmp(&beslut[2])).unwrap();
    halls.lock().unwrap();

    let stadat = u.stada(dir.path()).unwrap();
    assert_eq!(stadat.pa_plats, vec![fil(&beslut[0])]);
    assert_eq!(stadat.borttagna, 1);
    assert!(std::fs::read(fil(&beslut[0])).unwrap().starts_with(b"%PDF"));
    assert!(!tmp(&beslut[0]).exists() && !tmp(&beslut[1]).exists() && !fil(&beslut[1]).exists());
    assert!(tmp(&beslut[2]).exists(), "a file another process holds is left alone");
    assert_eq!(s.dokument_for(&beslut[0]).unwrap().len(), registrerade, "nothing recorded twice");
    drop(halls);

    // The next batch skips the letter now in place, and clears the released leftover.
    let b = kor_batch(
        &beslut[..1],
        &AtomicBool::new(false),
        |id| u.samla_batchbrev(id, dir.path()),
        |x| skriv_batchbrev(&t, &l, x),
        |f| u.registrera(f).map(|_| ()),
        |_| {},
    )
    .unwrap();
    assert_eq!((b.skrivna, b.redan_klara), (0, 1));
    assert_eq!(u.stada(dir.path()).unwrap().borttagna, 1);
    assert!(!tmp(&beslut[2]).exists());
}
