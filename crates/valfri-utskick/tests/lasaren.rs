//! Letters sent from the demo municipality, read back as text (pdftotext) the way the person
//! who gets them reads them: a refused letter leaves nothing, Märta is told who her provider
//! is and her god man is spoken to as such, and a letter after an ickeval names the provider.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use chrono::Days;
use valfri_dokument::Typsnitt;
use valfri_domain::{IckevalOrsak, NyttBeslut, Roll, Utfall};
use valfri_l10n::Localizer;
use valfri_store::{Aktor, Lagringsfel, NyInsats, Store, demo, idag};
use valfri_utskick::{Utskick, UtskickFel, Vad};

fn demo_store() -> (Store, Aktor) {
    let s = Store::open_i_minnet().unwrap();
    demo::skapa_demo(&s, idag()).unwrap();
    let h = s
        .handlaggare_lista()
        .unwrap()
        .into_iter()
        .find(|h| h.roll == Roll::Systemforvaltare)
        .unwrap();
    let a = s.aktor(&h.id).unwrap();
    (s, a)
}

/// The text of a PDF with all whitespace as single spaces, so a sentence broken over lines
/// reads whole; `sida` limits it to one page.
fn text(pdf: &Path, sida: Option<u32>) -> String {
    let mut k = std::process::Command::new("pdftotext");
    if let Some(s) = sida {
        k.args(["-f", &s.to_string(), "-l", &s.to_string()]);
    }
    let ut = k.arg(pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(ut.status.success());
    String::from_utf8(ut.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn marta(s: &Store, a: &Aktor) -> (String, String) {
    let marta = s.sok_brukare(a, demo::MARTA_PNR, 1).unwrap().remove(0);
    let beslut = s
        .beslut_for_brukare(a, &marta.id)
        .unwrap()
        .into_iter()
        .find(|b| b.insats_kod == "hemtjanst" && b.ersatt_av.is_none() && b.beslutsdatum.is_some())
        .unwrap();
    (marta.id, beslut.id)
}

fn nytt(brukare: &str, insats: &str, utfall: Utfall, fran: chrono::NaiveDate) -> NyttBeslut {
    NyttBeslut {
        brukare_id: brukare.into(),
        insats_kod: insats.into(),
        diarienummer: format!("VON {}/9{}", fran.format("%Y"), insats.len()),
        ansokningsdatum: fran - Days::new(20),
        utfall,
        omfattning: (utfall != Utfall::Avslag).then_some(12.0),
        giltig_fran: fran,
        giltig_till: None,
        motivering: "Prövat.".into(),
        ej_beviljat: String::new(),
        uppfoljning: None,
    }
}

#[test]
fn a_refused_letter_leaves_no_file_no_tmp_no_record_and_no_information() {
    let (s, a) = demo_store();
    let (t, l) = (Typsnitt::inbyggda().unwrap(), Localizer::new().unwrap());
    let u = Utskick { store: &s, aktor: &a, t: &t, l: &l };
    let (brukare, _) = marta(&s, &a);
    let fattat = |ny: &NyttBeslut| {
        let id = s.skapa_utkast(&a, ny).unwrap();
        s.fatta_beslut(&a, &id, idag() - Days::new(30)).unwrap();
        id
    };
    let avslag = fattat(&nytt(&brukare, "ledsagarservice", Utfall::Avslag, idag()));
    let avslutat = fattat(&nytt(&brukare, "ledsagarservice", Utfall::Bifall, idag()));
    s.avsluta(&a, &avslutat).unwrap();
    let utgatt = fattat(&NyttBeslut {
        giltig_till: Some(idag() - Days::new(1)),
        ..nytt(&brukare, "ledsagarservice", Utfall::Bifall, idag() - Days::new(200))
    });
    s.ny_insats(
        &a,
        &NyInsats {
            kod: "familjeradgivning".into(),
            namn: vec![("sv".into(), "Familjerådgivning".into())],
            lagrum: "SoL 5 kap. 1 §".into(),
            enhet: valfri_domain::Enhet::Ingen,
            valfrihet: false,
            ickeval: valfri_domain::IckevalModell::EgenRegi,
        },
    )
    .unwrap();
    let utan_lov = fattat(&NyttBeslut {
        omfattning: None,
        ..nytt(&brukare, "familjeradgivning", Utfall::Bifall, idag())
    });
    for (vad, beslut) in
        [("avslag", &avslag), ("avslutat", &avslutat), ("utgått", &utgatt), ("utan LOV", &utan_lov)]
    {
        let dir = tempfile::tempdir().unwrap();
        let brev = Vad::Valfrihetsbrev { beslut: beslut.clone() };
        let form = u.standardform(&brev, "sv").unwrap();
        // Refused before anything is laid out: the preview is refused too.
        let fel = u.bryt_om(&brev, &form).unwrap_err();
        assert!(
            matches!(
                fel,
                UtskickFel::Lagring(Lagringsfel::BeslutUtanVal | Lagringsfel::BeslutUtgatt { .. })
            ),
            "{vad}: {fel:?}"
        );
        assert!(u.spara(&brev, &form, |n| dir.path().join(brev.filnamn(n))).is_err(), "{vad}");
        assert!(u.batchbrev(beslut, dir.path()).is_err(), "{vad}");
        let filer: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(filer.is_empty(), "{vad}: {filer:?}");
        assert!(s.dokument_for(beslut).unwrap().is_empty(), "{vad}: no document record");
        assert_eq!(s.svarsdatum(beslut).unwrap(), None, "{vad}: no information given");
    }
    // The decision letter of a refusal is of course still made.
    let dir = tempfile::tempdir().unwrap();
    let vad = Vad::Beslutsmeddelande { beslut: avslag.clone() };
    let form = u.standardform(&vad, "sv").unwrap();
    let filer = u.spara(&vad, &form, |n| dir.path().join(vad.filnamn(n))).unwrap();
    let t = text(&filer[0], None);
    assert!(t.contains("Du får inte ledsagarservice. Vi har sagt nej till din ansökan."), "{t}");
    assert!(!t.contains("Uppföljning"));
}

#[test]
fn martas_letter_names_her_provider_and_her_god_mans_copy_speaks_to_him() {
    let (s, a) = demo_store();
    let (t, l) = (Typsnitt::inbyggda().unwrap(), Localizer::new().unwrap());
    let u = Utskick { store: &s, aktor: &a, t: &t, l: &l };
    let (_, beslut) = marta(&s, &a);
    let dir = tempfile::tempdir().unwrap();
    let vad = Vad::Valfrihetsbrev { beslut: beslut.clone() };
    let form = u.standardform(&vad, "sv").unwrap();
    assert!(form.storstil, "Märta asked for large print");
    let filer = u.spara(&vad, &form, |n| dir.path().join(vad.filnamn(n))).unwrap();
    assert_eq!(filer.len(), 2);
    let svarsdatum = s.svarsdatum(&beslut).unwrap().unwrap();
    let forsta = text(&filer[0], Some(1));
    let behalla = "I dag får du hjälp av Hemma Trygg i Exempelby AB. Du får behålla Hemma Trygg i Exempelby AB om du vill.";
    assert!(forsta.contains(behalla), "{forsta}");
    assert!(forsta.contains(&format!("Vill du byta? Svara då senast {svarsdatum}.")), "{forsta}");
    let hela = text(&filer[0], None);
    assert!(!hela.contains("Om du inte väljer"), "Märta has a provider: no ickeval sentence");
    assert!(hela.contains("Jag vill behålla Hemma Trygg i Exempelby AB."));
    assert!(hela.contains("Bilaga till brevet från"), "the sheet goes with it: {hela}");
    assert!(!hela.contains("Du får det här brevet som"), "Märta's own letter speaks to her");
    assert!(std::fs::metadata(&filer[0]).unwrap().len() < 200 * 1024);

    let kopia = text(&filer[1], Some(1));
    assert!(kopia.contains("Du får det här brevet som god man för Märta Ekström."), "{kopia}");
    assert!(kopia.contains("Per Ekström"));

    let vad = Vad::Beslutsmeddelande { beslut };
    let filer = u.spara(&vad, &form, |n| dir.path().join(vad.filnamn(n))).unwrap();
    let kopia = text(&filer[1], Some(1));
    assert!(kopia.contains("Du får det här beslutet som god man för Märta Ekström."), "{kopia}");
    let egen = text(&filer[0], None);
    assert!(egen.contains("Du kan själv välja vem som ska ge dig hemtjänst."), "{egen}");
    assert!(egen.contains("har fått rätt att fatta beslutet av"), "{egen}");
}

#[test]
fn a_letter_after_an_ickeval_names_the_assigned_provider() {
    let (s, a) = demo_store();
    let (t, l) = (Typsnitt::inbyggda().unwrap(), Localizer::new().unwrap());
    let u = Utskick { store: &s, aktor: &a, t: &t, l: &l };
    let (brukare, _) = marta(&s, &a);
    let beslut =
        s.skapa_utkast(&a, &nytt(&brukare, "ledsagarservice", Utfall::Bifall, idag())).unwrap();
    s.fatta_beslut(&a, &beslut, idag()).unwrap();
    s.ickeval(&a, &beslut, idag(), IckevalOrsak::Avstar).unwrap();
    let namn = s.valhistorik(&a, &beslut).unwrap().pop().unwrap().utforare_namn;
    let dir = tempfile::tempdir().unwrap();
    let vad = Vad::Valfrihetsbrev { beslut };
    let form = valfri_domain::dokument::Form { sprak: "sv".into(), storstil: false };
    let filer = u.spara(&vad, &form, |n| dir.path().join(vad.filnamn(n))).unwrap();
    let storlek = std::fs::metadata(&filer[0]).unwrap().len();
    assert!(storlek < 50 * 1024, "the letter with its sheet is {storlek} bytes");
    let t = text(&filer[0], None);
    assert!(t.contains(&format!("Du valde ingen utförare. Därför fick du {namn}.")), "{t}");
    assert!(t.contains("Bilaga till brevet från"), "the sheet is in the same PDF");
    assert!(text(&filer[0], Some(1)).contains(&format!("I dag får du hjälp av {namn}.")));
}

/// Every made beslut of the demo, with its brukare's search hit.
fn demo_beslut(s: &Store, a: &Aktor) -> Vec<(valfri_domain::BrukareTraff, valfri_domain::Beslut)> {
    let mut ut = Vec::new();
    for t in s.sok_brukare(a, "19", 500).unwrap() {
        for b in s.beslut_for_brukare(a, &t.id).unwrap() {
            if b.beslutsdatum.is_some() {
                ut.push((t.clone(), b));
            }
        }
    }
    ut
}

#[test]
fn the_demos_partial_grant_says_what_was_granted_and_not_and_who_decided_under_which_point() {
    let (s, a) = demo_store();
    let (t, l) = (Typsnitt::inbyggda().unwrap(), Localizer::new().unwrap());
    let u = Utskick { store: &s, aktor: &a, t: &t, l: &l };
    let (_, b) = demo_beslut(&s, &a)
        .into_iter()
        .find(|(_, b)| b.utfall == Utfall::DelvisBifall && b.insats_kod == "hemtjanst")
        .expect("the demo has a delvis bifall for hemtjänst");
    assert_eq!(b.delegation, "3.2", "the beslut took the insats's point when it was made");
    let dir = tempfile::tempdir().unwrap();
    let vad = Vad::Beslutsmeddelande { beslut: b.id.clone() };
    let form = valfri_domain::dokument::Form { sprak: "sv".into(), storstil: false };
    let filer = u.spara(&vad, &form, |n| dir.path().join(vad.filnamn(n))).unwrap();
    let hela = text(&filer[0], None);
    let timmar = b.omfattning.unwrap();
    assert!(
        hela.contains(&format!(
            "Du får en del av det du har ansökt om. Du får hemtjänst, {timmar} timmar per månad. Det här får du inte: Stöd nattetid (tillsyn mellan klockan 22 och 7). Skälen står under ”Skälen för beslutet”."
        )),
        "{hela}"
    );
    assert!(hela.contains("Beslut om hemtjänst"), "{hela}");
    assert!(hela.contains("Det står i delegationsordningen, punkt 3.2."), "{hela}");
    assert!(hela.contains(&format!("Beslutet är fattat av {}", b.handlaggare_namn)), "{hela}");
    // In English the refused part is the handläggare's Swedish, marked as such.
    let form = valfri_domain::dokument::Form { sprak: "en".into(), storstil: false };
    let filer = u.spara(&vad, &form, |n| dir.path().join(format!("en-{n}.pdf"))).unwrap();
    let en = text(&filer[0], None);
    assert!(
        en.contains(
            "This you do not get: Stöd nattetid (tillsyn mellan klockan 22 och 7). (in Swedish)"
        ),
        "{en}"
    );
    assert!(en.contains("Decision on home care"), "{en}");
    assert!(en.contains("This is point 3.2 of its delegation rules."), "{en}");
}

#[test]
fn a_skyddad_brukares_letter_carries_the_address_only_in_their_own_envelope_window() {
    let (s, a) = demo_store();
    let (t, l) = (Typsnitt::inbyggda().unwrap(), Localizer::new().unwrap());
    let u = Utskick { store: &s, aktor: &a, t: &t, l: &l };
    let skyddade: Vec<_> =
        demo_beslut(&s, &a).into_iter().filter(|(t, b)| t.skyddad && b.ger_val).collect();
    assert_eq!(skyddade.len(), 1, "the demo's skyddad brukare has one running choice beslut");
    let (traff, b) = &skyddade[0];
    // Their record, opened with a reason as the rules ask, to know what must not leak.
    let brukare = s.oppna_brukare(&a, &traff.id, Some("Test: brevet till skyddad")).unwrap();
    assert_eq!(brukare.ombud.len(), 1, "with a god man, who gets a copy");
    let ombud = &brukare.ombud[0];
    let namn = format!("{} {}", brukare.fornamn, brukare.efternamn);

    let dir = tempfile::tempdir().unwrap();
    let vad = Vad::Valfrihetsbrev { beslut: b.id.clone() };
    let form = u.standardform(&vad, "sv").unwrap();
    let filer = u.spara(&vad, &form, |n| dir.path().join(vad.filnamn(n))).unwrap();
    assert_eq!(filer.len(), 2, "the letter and the god man's copy");
    for f in &filer {
        let filnamn = f.file_name().unwrap().to_string_lossy().to_string();
        for hemligt in [&brukare.adress, &brukare.efternamn, &brukare.personnummer] {
            assert!(!filnamn.contains(hemligt.as_str()), "{filnamn} names {hemligt}");
        }
        // Nothing readable in the file's bytes either (metadata is plain text).
        let bytes = std::fs::read(f).unwrap();
        let utf16: Vec<u8> = brukare.adress.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert!(!bytes.windows(brukare.adress.len()).any(|w| w == brukare.adress.as_bytes()));
        assert!(!bytes.windows(utf16.len()).any(|w| w == utf16));
        let storlek = bytes.len();
        assert!(storlek < 50 * 1024, "{filnamn}: the letter with its sheet is {storlek} bytes");
    }

    // Their own letter: the address in the envelope window on page 1 and nowhere else, not
    // in the sheet that goes with it and not on the reply slip.
    let adressrad = format!("{} {} {}", brukare.adress, brukare.postnummer, brukare.postort);
    let forsta = text(&filer[0], Some(1));
    assert!(forsta.contains(&format!("{namn} {adressrad}")), "{forsta}");
    let hela = text(&filer[0], None);
    assert_eq!(hela.matches(brukare.adress.as_str()).count(), 1, "{hela}");
    assert!(hela.contains("Bilaga till brevet från"), "the sheet goes with it");
    assert!(!hela.contains("Du får det här brevet som"), "their own letter speaks to them");

    // The god man's copy: addressed to the god man, names the brukare, never their address.
    let kopia = text(&filer[1], None);
    assert!(kopia.contains(&format!("Du får det här brevet som god man för {namn}.")), "{kopia}");
    assert!(
        text(&filer[1], Some(1)).contains(&format!(
            "{} {} {} {}",
            ombud.namn, ombud.adress, ombud.postnummer, ombud.postort
        )),
        "{kopia}"
    );
    for hemligt in [&brukare.adress, &adressrad] {
        assert!(!kopia.contains(hemligt.as_str()), "the copy shows {hemligt}:\n{kopia}");
    }
    skriv_om_onskat("skyddad", &filer);
}

/// Copies the files to `VALFRI_DOKUMENT_UT`, when set, to look at.
fn skriv_om_onskat(namn: &str, filer: &[std::path::PathBuf]) {
    if let Ok(mapp) = std::env::var("VALFRI_DOKUMENT_UT") {
        for (i, f) in filer.iter().enumerate() {
            std::fs::copy(f, format!("{mapp}/{namn}-{i}.pdf")).unwrap();
        }
    }
}
