//! Where the desktop app keeps its database by default, so that the CLI finds the same file.

use std::path::PathBuf;

/// The application identifier, also the name of the data folder (as Tauri names it).
pub const APP_ID: &str = "se.exempelby.valfri";

/// `<data dir>/se.exempelby.valfri/valfri.sqlite`: `$XDG_DATA_HOME` or `~/.local/share` on
/// Linux, `%APPDATA%` on Windows, `~/Library/Application Support` on macOS.
pub fn standard_databas() -> Option<PathBuf> {
    let bas = if cfg!(windows) {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
    }?;
    Some(bas.join(APP_ID).join("valfri.sqlite"))
}

/// The database chosen by `--db`, else `VALFRI_DB`, else the app's own file.
pub fn vald_databas(flagga: Option<&str>) -> Option<PathBuf> {
    flagga
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("VALFRI_DB").filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(standard_databas)
}
