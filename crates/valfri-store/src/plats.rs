//! Where the desktop app keeps its database by default, so that the CLI finds the same file.

use std::path::PathBuf;

/// The application identifier, also the name of the data folder (as Tauri names it).
pub const APP_ID: &str = "se.valfri.valfri";

/// The identifier of the releases before Valfri had its own: their data folder is still used
/// when it holds the database and the new one does not, so an upgrade finds the caseworker's file.
const TIDIGARE_APP_ID: &str = "se.exempelby.valfri";

/// `<data dir>/se.valfri.valfri/valfri.sqlite`, with the platform's data folder as the
/// `dirs` crate finds it: `$XDG_DATA_HOME` or `~/.local/share` on Linux, the roaming
/// `AppData` known folder on Windows, `~/Library/Application Support` on macOS.
pub fn standard_databas() -> Option<PathBuf> {
    let bas = dirs::data_dir()?;
    let ny = bas.join(APP_ID).join("valfri.sqlite");
    let tidigare = bas.join(TIDIGARE_APP_ID).join("valfri.sqlite");
    Some(if !ny.exists() && tidigare.exists() { tidigare } else { ny })
}

/// The database chosen by `--db`, else `VALFRI_DB`, else the app's own file.
pub fn vald_databas(flagga: Option<&str>) -> Option<PathBuf> {
    flagga
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("VALFRI_DB").filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(standard_databas)
}
