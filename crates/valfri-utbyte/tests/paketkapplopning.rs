//! Two register packages applied at once, an older and a newer, by two connections to one
//! office's database (two clerks, or a clerk and a script). Whichever wins the race, the
//! register must hold the providers of the newest package recorded, and a package refused as
//! old must have written nothing.

mod gemensamt;

use std::sync::Barrier;

use gemensamt::*;
use valfri_store::{Store, demo, idag};
use valfri_utbyte::{Utbytesfel, paket};

/// Rounds of the race: the window in which the old code lost was a few milliseconds wide, and
/// it lost in most runs of this many rounds.
const VARV: i64 = 25;

#[test]
fn of_two_packages_applied_at_once_the_register_holds_the_newest_recorded_one() {
    let dir = tempfile::tempdir().unwrap();
    let fil = dir.path().join("kontor.sqlite");
    valfri_store::skapa_databas(&fil, &valfri_store::Skydd::Okrypterad, false, |s| {
        demo::skapa_demo(s, idag())
    })
    .unwrap();
    let hemlig = ed25519_dalek::SigningKey::from_bytes(&[3u8; 32]);
    let publik = hemlig.verifying_key();
    let central = demo();
    let grund =
        paket::kontrollera(&paket::skapa(&central, &hemlig, idag()).unwrap(), &publik).unwrap();
    // The package with version `v`, every provider's name marked with it.
    let variant = |v: i64| {
        let mut innehall = grund.innehall.clone();
        innehall.paketversion = v;
        for u in &mut innehall.utforare {
            u.namn = format!("{} v{v}", u.namn);
        }
        paket::kontrollera(&paket::signera(&innehall, &hemlig).unwrap(), &publik).unwrap()
    };
    let s = Store::oppna(&fil, None).unwrap();
    let aktor = systemforvaltare(&s);
    for varv in 1..=VARV {
        let (aldre, nyare) = (2 * varv, 2 * varv + 1);
        let paket_ = [variant(aldre), variant(nyare)];
        let start = Barrier::new(2);
        // The older starts first half the time, the newer the other half.
        let ordning = if varv % 2 == 0 { [0, 1] } else { [1, 0] };
        let svar: Vec<Result<paket::TillampatPaket, Utbytesfel>> = std::thread::scope(|t| {
            let tradar: Vec<_> = ordning
                .iter()
                .map(|&i| {
                    let (fil, p, aktor, start) = (&fil, &paket_[i], &aktor, &start);
                    t.spawn(move || {
                        // Each its own connection, as two programs have.
                        let store = Store::oppna(fil, None).unwrap();
                        start.wait();
                        paket::tillampa(&store, aktor, p, idag())
                    })
                })
                .collect();
            let mut svar: Vec<_> = tradar.into_iter().map(|t| t.join().unwrap()).collect();
            if ordning[0] == 1 {
                svar.reverse();
            }
            svar
        });
        assert!(svar[1].is_ok(), "round {varv}: the newer package was refused: {:?}", svar[1]);
        assert_eq!(s.senaste_registerpaket().unwrap(), Some(nyare), "round {varv}");
        let namn: Vec<String> = s.utforare_lista().unwrap().into_iter().map(|u| u.namn).collect();
        let fel: Vec<&String> =
            namn.iter().filter(|n| !n.ends_with(&format!(" v{nyare}"))).collect();
        assert!(
            fel.is_empty(),
            "round {varv}: package {nyare} is recorded but the register holds {fel:?} (older: {:?})",
            svar[0].as_ref().map(|t| t.paketversion)
        );
        match &svar[0] {
            Ok(t) => assert_eq!(t.paketversion, aldre, "round {varv}"),
            Err(Utbytesfel::GammalVersion { paket, senaste }) => {
                assert_eq!((*paket, *senaste), (aldre, nyare), "round {varv}");
                let egen = format!("registerpaket {aldre} ");
                assert!(
                    !s.registerhistorik().unwrap().iter().any(|h| h.beskrivning.starts_with(&egen)),
                    "round {varv}: the package refused as old saved a register version"
                );
            }
            Err(e) => panic!("round {varv}: {e:?}"),
        }
    }
}
