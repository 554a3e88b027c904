//! The demo municipality in kommunläge, for `cargo xtask run --kommun`: starts a `PostgreSQL`
//! cluster of its own, fills the hub with the demo, makes a desk for each demo login
//! (encrypted with the demo's public passphrase), prints one line per desk and `klar`, then
//! waits until its standard input closes and stops the cluster. A developer's tool; the
//! lines are read by xtask.

use std::io::{Read as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use valfri_store::{Losenfras, Skydd, demo};
use valfri_synk::kommundemo::{DEMO_HUBBLOSEN, DEMO_INLOGGNINGAR, Kommundemo};

fn main() -> ExitCode {
    let katalog = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("target/kommundemo"), PathBuf::from);
    match kor(&katalog) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("valfri-kommundemo: {e}");
            ExitCode::FAILURE
        }
    }
}

fn kor(katalog: &std::path::Path) -> Result<(), String> {
    let kommun = Kommundemo::starta(katalog)?;
    let losen = Losenfras::ny(demo::DEMO_LOSENFRAS).map_err(|e| e.to_string())?;
    let skydd = Skydd::Losenfras(losen);
    let mut ut = std::io::stdout().lock();
    for (login, namn) in DEMO_INLOGGNINGAR {
        let fil = kommun.desk(login, &skydd)?;
        writeln!(ut, "desk\t{login}\t{namn}\t{}", fil.display()).map_err(|e| e.to_string())?;
    }
    writeln!(ut, "hubb\t{}\t{DEMO_HUBBLOSEN}", kommun.url("LOGIN")).map_err(|e| e.to_string())?;
    writeln!(ut, "klar").map_err(|e| e.to_string())?;
    ut.flush().map_err(|e| e.to_string())?;
    drop(ut);
    // Until xtask closes the pipe (the window was closed, or Ctrl-C took both down).
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
    drop(kommun);
    Ok(())
}
