//! Project chores, run as `cargo xtask <command>` (the alias lives in `.cargo/config.toml`).
//!
//! Written in plain Rust with no dependencies so that it works on a fresh clone before anything
//! else is built, on a developer's machine as in CI (`.ci/run`).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

mod paket;

/// Debian packages the app needs to build (`WebKitGTK`, compiler, pkg-config) and the end-to-end
/// tests need to run (a virtual X server, its auth helper, the `WebDriver` for `WebKitGTK`,
/// `xdotool` for the system's save dialog, and `pdftoppm` for looking at generated letters).
const SYSTEM_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "pkg-config",
    // SQLCipher encrypts the database with the system's libcrypto.
    "libssl-dev",
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    // Types into the system's own save dialog, which WebDriver cannot reach.
    "xdotool",
    "poppler-utils",
    // npm fetches axe-core for the accessibility scan in the end-to-end tests.
    "npm",
    // valfri-hub's tests start their own PostgreSQL cluster (initdb, pg_ctl) for Kommunläge.
    "postgresql",
    // The install test checks the .deb `cargo xtask package` makes.
    "lintian",
];

/// The accessibility engine the end-to-end suite injects into the window. Pinned, and installed
/// under target/ so nothing from npm ends up in the repository.
const AXE: &str = "axe-core@4.14.1";

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  run [-- ARGS...]   install missing system packages, then start the app on the demo database
  run --kommun       the same in kommunläge: a PostgreSQL hub of its own under target/ with the
                     demo municipality, and a desk on it (the README says how to open a second)
  test               install missing system packages, then run every test in the workspace
  package [--release] [--install-test]
                     make the .deb and .rpm with the Tauri bundler (installs tauri-cli if
                     missing); --install-test then installs, runs and removes the .deb
  deps               only check (and if possible install) the system packages";

/// A failure already explained to the user; the value is the process exit code.
struct Failed(u8);

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let command = args.next();
    let rest: Vec<OsString> = args.collect();
    let result = match command.as_ref().and_then(|c| c.to_str()) {
        Some("run") => run(&rest),
        Some("test") if rest.is_empty() => test(),
        Some("deps") if rest.is_empty() => prepare().map(|_| ()),
        Some("package") => package(&rest),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            Err(Failed(2))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failed(code)) => ExitCode::from(code),
    }
}

fn run(extra: &[OsString]) -> Result<(), Failed> {
    if extra.first().is_some_and(|a| a == "--kommun") {
        return run_kommun();
    }
    let root = prepare()?;
    warn_if_no_display();
    // Accept both `cargo xtask run -- --db x` and `cargo xtask run --db x`.
    let extra = match extra.first() {
        Some(first) if first == "--" => &extra[1..],
        _ => extra,
    };
    let mut command = cargo(&root);
    command.args(["run", "--package", "valfri-app", "--", "--demo"]).args(extra);
    step("starting the app on the demo database", command)
}

/// `run --kommun`: builds the app and `valfri-kommundemo`, starts the demo hub (which makes a
/// desk per demo login and prints them), opens the first handläggare's desk, and stops the hub
/// when the window is closed.
fn run_kommun() -> Result<(), Failed> {
    use std::io::{BufRead as _, BufReader};
    let root = prepare()?;
    warn_if_no_display();
    let mut build = cargo(&root);
    build.args([
        "build",
        "--package",
        "valfri-app",
        "--package",
        "valfri-synk",
        "--bin",
        "valfri-app",
    ]);
    build.args(["--bin", "valfri-kommundemo"]);
    step("building the app and the demo hub", build)?;
    let bin = root.join("target").join("debug");
    let katalog = root.join("target").join("kommundemo");
    println!("xtask: starting PostgreSQL and the demo municipality's hub in {}", katalog.display());
    let mut hubb = Command::new(bin.join("valfri-kommundemo"))
        .arg(&katalog)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|error| {
            eprintln!("xtask: could not start valfri-kommundemo: {error}");
            Failed(1)
        })?;
    let mut desks: Vec<(String, String, String)> = Vec::new();
    let mut hub_line = None;
    if let Some(out) = hubb.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let parts: Vec<&str> = line.split('\t').collect();
            match parts.as_slice() {
                ["desk", login, name, file] => {
                    desks.push(((*login).into(), (*name).into(), (*file).into()));
                }
                ["hubb", url, password] => {
                    hub_line = Some(((*url).to_owned(), (*password).to_owned()));
                }
                ["klar"] => break,
                _ => {}
            }
        }
    }
    let (Some((login, name, file)), Some((url, password))) = (desks.get(1), hub_line) else {
        eprintln!("xtask: the demo hub did not start (see above)");
        let _ = hubb.kill();
        return Err(Failed(1));
    };
    println!("xtask: the demo hub runs at {url} (every login's password: {password})");
    for (l, n, f) in &desks {
        println!("xtask:   {n} ({l}): cargo run -p valfri-app -- --demo --db {f}");
    }
    println!(
        "xtask: opening {name}'s desk ({login}); run one of the lines above in another terminal for a second desk"
    );
    let mut app = Command::new(bin.join("valfri-app"));
    app.args(["--demo", "--db", file]).current_dir(&root);
    let result = step(&format!("starting the app on {login}'s desk"), app);
    // Closing its input stops the hub and removes the cluster.
    drop(hubb.stdin.take());
    let _ = hubb.wait();
    result
}

fn test() -> Result<(), Failed> {
    let started = Instant::now();
    let result = prepare().and_then(|root| {
        // `--all-targets` also builds the criterion benches and runs each once in test mode,
        // so a broken bench fails CI without a second (release) build.
        ensure_axe(&root)?;
        // Style and lints first: they take seconds and fail fast, before the long test build.
        let mut fmt = cargo(&root);
        fmt.args(["fmt", "--all", "--check"]);
        step("cargo fmt --all --check", fmt)?;
        let mut clippy = cargo(&root);
        clippy.args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]);
        step("cargo clippy --workspace --all-targets -- -D warnings", clippy)?;
        let mut all = cargo(&root);
        all.args(["test", "--workspace", "--all-targets"]);
        step("cargo test --workspace --all-targets", all)?;
        // `--all-targets` leaves out doc tests, so they get their own run.
        let mut doc = cargo(&root);
        doc.args(["test", "--workspace", "--doc"]);
        step("cargo test --workspace --doc", doc)?;
        // Last: the packages from the debug build the tests made, installed and removed again.
        let made = paket::make(&root, false)?;
        paket::install_test(&root, &made.deb)
    });
    let verdict = if result.is_ok() { "all tests passed" } else { "FAILED" };
    println!("xtask: {verdict} in {}", format_duration(started.elapsed()));
    result
}

/// `cargo xtask package [--release] [--install-test]`: the .deb and .rpm, and with
/// `--install-test` the install test that `cargo xtask test` ends with.
fn package(rest: &[OsString]) -> Result<(), Failed> {
    let (mut release, mut install) = (false, false);
    for flag in rest {
        match flag.to_str() {
            Some("--release") => release = true,
            Some("--install-test") => install = true,
            _ => {
                eprintln!("{USAGE}");
                return Err(Failed(2));
            }
        }
    }
    let root = prepare()?;
    let made = paket::make(&root, release)?;
    if install { paket::install_test(&root, &made.deb) } else { Ok(()) }
}

/// Installs axe-core into `target/npm` once; quick when it is already there.
fn ensure_axe(root: &Path) -> Result<(), Failed> {
    let prefix = root.join("target").join("npm");
    if prefix.join("node_modules/axe-core/axe.min.js").is_file() {
        return Ok(());
    }
    let mut npm = Command::new("npm");
    npm.args(["install", "--no-save", "--no-audit", "--no-fund", "--prefix"]).arg(&prefix).arg(AXE);
    step(&format!("npm install {AXE}"), npm)
}

/// Everything `run` and `test` need before cargo starts: the workspace root, a new enough Rust,
/// and the system packages.
fn prepare() -> Result<PathBuf, Failed> {
    let root = workspace_root();
    check_rust(&root)?;
    check_rust_components()?;
    ensure_system_packages()?;
    Ok(root)
}

fn cargo(root: &Path) -> Command {
    // Inside `cargo xtask` this is the same cargo (and so the same toolchain) that started us.
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root);
    command
}

/// Runs a command with inherited output so progress streams as it happens.
fn step(what: &str, mut command: Command) -> Result<(), Failed> {
    println!("xtask: {what}");
    match command.status() {
        Ok(status) if status.success() => Ok(()),
        Ok(status) => {
            eprintln!("xtask: {what} failed ({status})");
            Err(Failed(1))
        }
        Err(error) => {
            eprintln!("xtask: could not start {}: {error}", command.get_program().display());
            Err(Failed(1))
        }
    }
}

fn workspace_root() -> PathBuf {
    // The compile-time path is right for every normal checkout; asking cargo covers a tree that
    // was moved after xtask was built.
    let located = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(["locate-project", "--workspace", "--message-format", "plain"])
        .output()
        .ok()
        .filter(|output| output.status.success())
        .and_then(|output| String::from_utf8(output.stdout).ok())
        .and_then(|manifest| Path::new(manifest.trim()).parent().map(Path::to_path_buf));
    located.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
}

/// Compares the active rustc with the workspace's `rust-version`, so the minimum is stated in
/// one place (the root `Cargo.toml`) and a too-old toolchain gets one clear sentence instead of
/// a page of compile errors.
fn check_rust(root: &Path) -> Result<(), Failed> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap_or_default();
    let Some(required) = manifest
        .lines()
        .find_map(|line| line.trim().strip_prefix("rust-version"))
        .and_then(|rest| rest.trim().strip_prefix('='))
        .map(|value| value.trim().trim_matches('"').to_owned())
    else {
        return Ok(());
    };
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let found = Command::new(&rustc)
        .arg("--version")
        .output()
        .ok()
        .filter(|output| output.status.success())
        .and_then(|output| String::from_utf8(output.stdout).ok());
    let Some(found) = found else {
        eprintln!(
            "xtask: could not run `rustc --version`; Rust {required} or newer is needed (https://rustup.rs)"
        );
        return Err(Failed(1));
    };
    // "rustc 1.95.0 (59807616e 2026-04-14)" -> "1.95.0"
    let version = found.split_whitespace().nth(1).unwrap_or_default();
    if version_at_least(version, &required) {
        Ok(())
    } else {
        eprintln!(
            "xtask: Rust {required} or newer is needed, but this is {}.\n       Update with `rustup update stable`.",
            found.trim()
        );
        Err(Failed(1))
    }
}

/// Numeric comparison of dotted versions; a pre-release suffix such as `-nightly` is ignored.
fn version_at_least(found: &str, required: &str) -> bool {
    let parts = |v: &str| -> Vec<u64> {
        v.split(['-', '+'])
            .next()
            .unwrap_or_default()
            .split('.')
            .map(|part| part.parse().unwrap_or(0))
            .collect()
    };
    let (found, required) = (parts(found), parts(required));
    for index in 0..found.len().max(required.len()) {
        let have = found.get(index).copied().unwrap_or(0);
        let need = required.get(index).copied().unwrap_or(0);
        if have != need {
            return have > need;
        }
    }
    true
}

/// `cargo fmt` and `cargo clippy` come with the toolchain as rustup components; a toolchain
/// installed without them gets the one line that adds them.
fn check_rust_components() -> Result<(), Failed> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let missing: Vec<&str> = [("fmt", "rustfmt"), ("clippy", "clippy")]
        .into_iter()
        .filter(|(subcommand, _)| {
            !Command::new(&cargo)
                .args([subcommand, "--version"])
                .output()
                .is_ok_and(|output| output.status.success())
        })
        .map(|(_, component)| component)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let list = missing.join(" ");
    println!("xtask: adding the Rust components {list}");
    let mut add = Command::new("rustup");
    add.args(["component", "add"]).args(&missing);
    step("rustup component add", add).inspect_err(|_failed| {
        eprintln!(
            "xtask: `cargo fmt` and `cargo clippy` are needed: run `rustup component add {list}`"
        );
    })
}

fn ensure_system_packages() -> Result<(), Failed> {
    let Some(missing) = missing_packages() else {
        println!(
            "xtask: not a Debian-based system; make sure these (or your distribution's equivalents) are installed:\n       {}",
            SYSTEM_PACKAGES.join(" ")
        );
        return Ok(());
    };
    if missing.is_empty() {
        return Ok(());
    }
    let list = missing.join(" ");
    println!("xtask: missing system packages: {list}");
    let install_args = ["apt-get", "install", "-y", "--no-install-recommends"];
    if is_root() {
        let mut update = Command::new("apt-get");
        update.arg("update");
        step("apt-get update", update)?;
        let mut install = Command::new("apt-get");
        install.args(&install_args[1..]).args(&missing).env("DEBIAN_FRONTEND", "noninteractive");
        return step("apt-get install", install);
    }
    if sudo_without_password() {
        let mut update = Command::new("sudo");
        update.args(["-n", "apt-get", "update"]);
        step("sudo apt-get update", update)?;
        // sudo drops most of the environment, so the variable goes through `env`.
        let mut install = Command::new("sudo");
        install
            .args(["-n", "env", "DEBIAN_FRONTEND=noninteractive"])
            .args(install_args)
            .args(&missing);
        return step("sudo apt-get install", install);
    }
    eprintln!(
        "xtask: cannot install them without root. Run:\n\n    sudo apt-get install -y --no-install-recommends {list}\n"
    );
    Err(Failed(1))
}

/// `None` when `dpkg-query` is not available, i.e. not a Debian-based system.
fn missing_packages() -> Option<Vec<&'static str>> {
    let output = Command::new("dpkg-query")
        .args(["-W", "-f=${Package} ${Status}\n"])
        .args(SYSTEM_PACKAGES)
        .output()
        .ok()?;
    // dpkg-query exits non-zero when some package is unknown, but still lists the known ones,
    // so its exit code says nothing the listing does not.
    let listing = String::from_utf8_lossy(&output.stdout);
    let installed: Vec<&str> = listing
        .lines()
        .filter(|line| line.ends_with(" installed"))
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    Some(
        SYSTEM_PACKAGES
            .iter()
            .copied()
            .filter(|package| !installed.contains(package))
            .filter(|package| !provided_by_a_command(package))
            .collect(),
    )
}

/// Some packages only matter for a command they bring, and that command may come from
/// elsewhere: `NodeSource`'s `nodejs` ships npm and conflicts with Debian's `npm` package.
fn provided_by_a_command(package: &str) -> bool {
    let command = match package {
        "npm" => "npm",
        _ => return false,
    };
    Command::new(command).arg("--version").output().is_ok_and(|output| output.status.success())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
}

fn sudo_without_password() -> bool {
    Command::new("sudo")
        .args(["-n", "true"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

fn warn_if_no_display() {
    if cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
    {
        eprintln!(
            "xtask: no DISPLAY or WAYLAND_DISPLAY is set, so the window cannot open.\n       On a headless machine try: xvfb-run -a cargo xtask run"
        );
    }
}

fn format_duration(elapsed: Duration) -> String {
    let seconds = elapsed.as_secs();
    if seconds >= 60 {
        format!("{}m {:02}s", seconds / 60, seconds % 60)
    } else {
        format!("{:.1}s", elapsed.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_numerically() {
        assert!(version_at_least("1.95.0", "1.88"));
        assert!(version_at_least("1.88.0", "1.88"));
        assert!(version_at_least("1.100.0", "1.88"));
        assert!(!version_at_least("1.87.1", "1.88"));
        assert!(!version_at_least("1.9.0", "1.88"));
        assert!(version_at_least("1.90.0-nightly", "1.88"));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(format_duration(Duration::from_millis(4_240)), "4.2s");
        assert_eq!(format_duration(Duration::from_secs(125)), "2m 05s");
    }
}
