//! Valfri's desktop shell: reads the launch options, then hands over to Tauri.
//!
//! All domain logic lives in the Tauri-free crates under `crates/`; this binary only wires them to a
//! window. The window's commands are in these modules: `commands.rs` (search, the brukare,
//! beslut, choice and register), `lock.rs` (the lock and the database file), `utskrift.rs`
//! (documents, the batch of letters, settings), `kommun.rs` (kommunläge), `om.rs` (the
//! organisation's configuration) and `forvaltning.rs` (the systemförvaltare's statistics, new
//! provider and approval, register import, export and packages).

// Without this a release build on Windows would also open a console window next to the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

mod commands;
mod forvaltning;
mod kommun;
mod lock;
mod om;
mod utskrift;

/// What the app was asked to open, decided once at startup and kept as Tauri state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Launch {
    /// Database file from `--db PATH` or `VALFRI_DB`; `None` means the default file in the app's
    /// data directory.
    pub db: Option<PathBuf>,
    /// `--demo`: work on the fictional demo database instead of real case data.
    pub demo: bool,
    /// `--passphrase-env VAR`: the variable holding the passphrase for the first unlock (as in
    /// the CLI; for kiosk set-ups and tests). Never the passphrase itself on the command line.
    pub passphrase_env: Option<String>,
}

/// Reads `--db PATH`, `--db=PATH` and `--demo`. The command line wins over `VALFRI_DB`, so a
/// one-off launch can point elsewhere without unsetting the environment.
fn parse_launch(
    args: impl IntoIterator<Item = OsString>,
    env_db: Option<OsString>,
) -> Result<Launch, String> {
    let mut launch = Launch {
        db: env_db.filter(|value| !value.is_empty()).map(PathBuf::from),
        demo: false,
        passphrase_env: None,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--demo" {
            launch.demo = true;
        } else if arg == "--db" {
            let path = args.next().ok_or("--db needs a file path")?;
            launch.db = Some(PathBuf::from(path));
        } else if arg == "--passphrase-env" {
            let var = args
                .next()
                .and_then(|v| v.into_string().ok())
                .ok_or("--passphrase-env needs a variable name")?;
            launch.passphrase_env = Some(var);
        } else if let Some(path) = arg.to_str().and_then(|s| s.strip_prefix("--db=")) {
            launch.db = Some(PathBuf::from(path));
        }
        // Anything else is ignored on purpose: launchers and WebKitWebDriver may add switches of
        // their own, and refusing them would leave a caseworker without a window.
    }
    Ok(launch)
}

/// Everything the app needs, applied to a builder the caller chooses, so tests can pass Tauri's
/// mock builder instead of a real one.
fn configure<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    launch: Launch,
    l10n: valfri_l10n::Localizer,
) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(om::Organisationen::las(&l10n))
        .manage(commands::Tillstand::new(launch, l10n))
        .manage(utskrift::Utskrift::default())
        .invoke_handler(tauri::generate_handler![
            commands::texter,
            commands::zooma,
            lock::lock_status,
            lock::unlock,
            lock::lock,
            kommun::logga_in_hubb,
            kommun::kommun_status,
            lock::skapa_databas,
            lock::kryptera_databas,
            lock::byt_losenfras,
            lock::aterstall_sakerhetskopia,
            lock::sakerhet,
            lock::spara_sakerhet,
            commands::handlaggare,
            commands::sok_brukare,
            commands::oppna_brukare,
            commands::valbara,
            commands::valsida,
            commands::valj,
            commands::bekrafta_val,
            commands::bekrafta_ickeval,
            commands::bekrafta_fatta,
            commands::bekrafta_fatta_formular,
            commands::bekrafta_avslut,
            commands::avsluta_beslut,
            commands::bekrafta_ko,
            commands::stall_i_ko,
            commands::bekrafta_ur_ko,
            commands::ta_ur_ko,
            commands::bekrafta_ge_plats,
            commands::ge_plats,
            commands::bekrafta_verkstall,
            commands::verkstall_beslut,
            commands::brukaruppgifter,
            commands::spara_brukare,
            commands::registrera_uppfoljning,
            commands::ickeval,
            commands::arbetslistor,
            commands::insatser,
            commands::dagens_datum,
            commands::kontrollera_beslut,
            commands::beslutsformular,
            commands::spara_beslut,
            commands::fatta_beslut,
            commands::register,
            commands::forhandsgranska_utforare,
            commands::spara_utforare,
            forvaltning::statistik,
            forvaltning::ny_utforare,
            forvaltning::nytt_godkannande,
            forvaltning::kontrollera_ny_utforare,
            forvaltning::kontrollera_nytt_godkannande,
            forvaltning::exportera_register,
            forvaltning::valj_registerfil,
            forvaltning::forhandsgranska_registerimport,
            forvaltning::importera_register,
            forvaltning::valj_paketfil,
            forvaltning::forhandsgranska_registerpaket,
            forvaltning::tillampa_registerpaket,
            forvaltning::valj_brukarfil,
            forvaltning::forhandsgranska_brukarimport,
            forvaltning::importera_brukarfil,
            utskrift::forhandsgranska_dokument,
            utskrift::spara_dokument,
            utskrift::fraga_sparplats,
            utskrift::visa_dokument,
            utskrift::dokumentmapp,
            utskrift::starta_batch,
            utskrift::batchstatus,
            utskrift::avbryt_batch,
            utskrift::installningar,
            utskrift::spara_kommun,
            utskrift::nytt_omrade,
            utskrift::andra_lagrum,
            utskrift::satt_ickeval,
            om::om,
        ])
}

fn main() -> ExitCode {
    let launch = match parse_launch(std::env::args_os().skip(1), std::env::var_os("VALFRI_DB")) {
        Ok(launch) => launch,
        Err(message) => {
            eprintln!("valfri-app: {message}");
            return ExitCode::from(2);
        }
    };
    let l10n = match valfri_l10n::Localizer::new() {
        Ok(l) => l,
        Err(error) => {
            eprintln!("valfri-app: {error}");
            return ExitCode::FAILURE;
        }
    };
    if launch.demo {
        // The demo is encrypted like a real database; its passphrase is public.
        println!("valfri-app: demo database; passphrase: {}", valfri_store::demo::DEMO_LOSENFRAS);
    }
    let app = configure(tauri::Builder::default(), launch, l10n).build(tauri::generate_context!());
    match app {
        Ok(app) => {
            app.run(|handle, event| {
                use tauri::Manager as _;
                if let tauri::RunEvent::Exit = event {
                    lock::sakerhetskopia_vid_stangning(&handle.state::<commands::Tillstand>());
                }
            });
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("valfri-app: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str], env_db: Option<&str>) -> Result<Launch, String> {
        parse_launch(args.iter().map(OsString::from), env_db.map(OsString::from))
    }

    #[test]
    fn no_arguments_means_default_database() {
        assert_eq!(parse(&[], None), Ok(Launch::default()));
    }

    #[test]
    fn db_and_demo_are_read_in_any_order() {
        let expected =
            Launch { db: Some(PathBuf::from("/tmp/a.sqlite")), demo: true, passphrase_env: None };
        assert_eq!(parse(&["--demo", "--db", "/tmp/a.sqlite"], None), Ok(expected.clone()));
        assert_eq!(parse(&["--db=/tmp/a.sqlite", "--demo"], None), Ok(expected));
    }

    #[test]
    fn command_line_overrides_environment() {
        let launch = parse(&["--db", "/tmp/cli.sqlite"], Some("/tmp/env.sqlite"));
        assert_eq!(launch.map(|l| l.db), Ok(Some(PathBuf::from("/tmp/cli.sqlite"))));
        let launch = parse(&[], Some("/tmp/env.sqlite"));
        assert_eq!(launch.map(|l| l.db), Ok(Some(PathBuf::from("/tmp/env.sqlite"))));
    }

    #[test]
    fn empty_environment_variable_is_unset() {
        assert_eq!(parse(&[], Some("")), Ok(Launch::default()));
    }

    #[test]
    fn db_without_path_is_an_error() {
        assert!(parse(&["--db"], None).is_err());
    }

    #[test]
    fn unknown_switches_are_ignored() {
        assert_eq!(parse(&["--automation", "--demo"], None).map(|l| l.demo), Ok(true));
    }
}
