//! `cargo xtask package`: the `.deb` and `.rpm` made by the Tauri bundler, and the install test
//! that `cargo xtask test` runs on the `.deb` (install, run, remove, lintian).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::{Failed, cargo, ensure_axe, format_duration, is_root, step};

/// The Tauri CLI from crates.io, the major version of the `tauri` crate the app uses.
const TAURI_CLI: &str = "^2";

/// The package's name as the bundler makes it from `productName`.
const PAKET: &str = "valfri";

/// The packages `make` produced.
pub(crate) struct Paket {
    pub(crate) deb: PathBuf,
    pub(crate) rpm: PathBuf,
}

/// Installs `tauri-cli` unless `cargo tauri --version` already answers with a 2.x.
fn ensure_tauri_cli(root: &Path) -> Result<(), Failed> {
    let mut version = cargo(root);
    version.args(["tauri", "--version"]);
    let svar = version.output().ok().filter(|o| o.status.success());
    if let Some(o) = svar {
        let text = String::from_utf8_lossy(&o.stdout);
        if text.split_whitespace().nth(1).is_some_and(|v| v.starts_with("2.")) {
            return Ok(());
        }
    }
    let started = Instant::now();
    let mut install = cargo(root);
    install.args(["install", "tauri-cli", "--version", TAURI_CLI, "--locked"]);
    step(&format!("cargo install tauri-cli --version '{TAURI_CLI}' --locked"), install)?;
    println!("xtask: tauri-cli installed in {}", format_duration(started.elapsed()));
    Ok(())
}

/// Builds the packages. `release` makes a release build; without it the bundler reuses the
/// debug profile the tests built, so CI does not compile every dependency a second time.
pub(crate) fn make(root: &Path, release: bool) -> Result<Paket, Failed> {
    let started = Instant::now();
    ensure_tauri_cli(root)?;
    let profile = if release { "release" } else { "debug" };
    let mut cli = cargo(root);
    cli.args(["build", "--package", "valfri-cli", "--bin", "valfri"]);
    if release {
        cli.arg("--release");
    }
    step("cargo build --package valfri-cli", cli)?;
    let target = root.join("target");
    let paketdir = target.join("paket");
    let _ = std::fs::create_dir_all(&paketdir);
    // The package gets a stripped copy; the build's own binary keeps its symbols.
    let valfri = paketdir.join("valfri");
    if let Err(e) = std::fs::copy(target.join(profile).join("valfri"), &valfri) {
        eprintln!("xtask: cannot copy the valfri program to {}: {e}", valfri.display());
        return Err(Failed(1));
    }
    strip(&valfri)?;
    let depends = shlibdeps(&valfri).unwrap_or_default();
    // Debian wants the changelog compressed, under the package's (lower-case) name.
    let changelog = paketdir.join("changelog.gz");
    gzip(&root.join("src-tauri/paket/changelog"), &changelog)?;
    // The two programs' manual pages (section 1), compressed as Debian wants them.
    let man = |namn: &str| -> Result<String, Failed> {
        let gz = paketdir.join(format!("{namn}.1.gz"));
        gzip(&root.join(format!("src-tauri/paket/{namn}.1")), &gz)?;
        Ok(json_text(&gz.display().to_string()))
    };
    let (man_cli, man_app) = (man("valfri")?, man("valfri-app")?);
    // What depends on this build (the CLI's path, its libraries) is merged into
    // src-tauri/tauri.conf.json for this run only; the checked-in file holds the rest.
    let overlay = format!(
        r#"{{"bundle":{{"linux":{{"deb":{{"depends":{deb},"files":{{"/usr/bin/valfri":{cli},"/usr/share/doc/valfri/changelog.gz":{changelog},"/usr/share/man/man1/valfri.1.gz":{man_cli},"/usr/share/man/man1/valfri-app.1.gz":{man_app}}}}},"rpm":{{"depends":["openssl-libs"],"files":{{"/usr/bin/valfri":{cli},"/usr/share/man/man1/valfri.1.gz":{man_cli},"/usr/share/man/man1/valfri-app.1.gz":{man_app}}}}}}}}}}}"#,
        deb = json_lista(&depends),
        cli = json_text(&valfri.display().to_string()),
        changelog = json_text(&changelog.display().to_string()),
    );
    let overlay_fil = paketdir.join("tauri.paket.json");
    std::fs::write(&overlay_fil, overlay).map_err(|e| {
        eprintln!("xtask: cannot write {}: {e}", overlay_fil.display());
        Failed(1)
    })?;
    let bundle = target.join(profile).join("bundle");
    let _ = std::fs::remove_dir_all(&bundle);
    // Built first and bundled second, so the window's binary can be stripped in between (the
    // bundler copies it as it finds it; lintian refuses unstripped binaries).
    let tauri = |steg: &[&str]| {
        let mut k = cargo(root);
        k.current_dir(root.join("src-tauri")).arg("tauri").args(steg).arg("--ci");
        if !release {
            k.arg("--debug");
        }
        k.arg("--config").arg(&overlay_fil);
        k
    };
    step("cargo tauri build --no-bundle", tauri(&["build", "--no-bundle"]))?;
    strip(&target.join(profile).join("valfri-app"))?;
    step("cargo tauri bundle (deb, rpm)", tauri(&["bundle", "--bundles", "deb,rpm"]))?;
    let hitta = |typ: &str| -> Result<PathBuf, Failed> {
        std::fs::read_dir(bundle.join(typ))
            .ok()
            .and_then(|poster| {
                poster.flatten().map(|p| p.path()).find(|p| p.extension().is_some_and(|e| e == typ))
            })
            .ok_or_else(|| {
                eprintln!("xtask: the bundler made no .{typ} in {}", bundle.join(typ).display());
                Failed(1)
            })
    };
    let paket = Paket { deb: hitta("deb")?, rpm: hitta("rpm")? };
    println!(
        "xtask: packages made in {}:\n       {}\n       {}",
        format_duration(started.elapsed()),
        paket.deb.display(),
        paket.rpm.display()
    );
    Ok(paket)
}

/// `gzip -9n`: the highest compression, without the name and time that would make the package
/// differ from build to build.
fn gzip(fran: &Path, till: &Path) -> Result<(), Failed> {
    let ut = std::fs::File::create(till).map_err(|e| {
        eprintln!("xtask: cannot write {}: {e}", till.display());
        Failed(1)
    })?;
    let mut k = Command::new("gzip");
    k.args(["-9n", "-c"]).arg(fran).stdout(ut);
    step(&format!("gzip {}", fran.display()), k)
}

/// Strips the symbols and debug information from a binary in place.
fn strip(binary: &Path) -> Result<(), Failed> {
    let mut k = Command::new("strip");
    k.arg("--strip-unneeded").arg(binary);
    step(&format!("strip {}", binary.display()), k)
}

/// The Debian dependencies of the CLI's shared libraries, as `dpkg-shlibdeps` finds them (the
/// bundler adds the window's `WebKitGTK` and GTK itself). `None` off Debian.
fn shlibdeps(binary: &Path) -> Option<Vec<String>> {
    let dir = std::env::temp_dir().join(format!("valfri-shlibdeps-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("debian")).ok()?;
    std::fs::write(
        dir.join("debian/control"),
        "Source: valfri\n\nPackage: valfri\nArchitecture: any\n",
    )
    .ok()?;
    let ut = Command::new("dpkg-shlibdeps").arg("-O").arg(binary).current_dir(&dir).output();
    let _ = std::fs::remove_dir_all(&dir);
    let ut = ut.ok().filter(|o| o.status.success())?;
    let text = String::from_utf8_lossy(&ut.stdout);
    let lista = text.lines().find_map(|l| l.strip_prefix("shlibs:Depends="))?;
    Some(lista.split(',').map(|d| d.trim().to_owned()).filter(|d| !d.is_empty()).collect())
}

fn json_text(s: &str) -> String {
    let mut ut = String::from('"');
    for c in s.chars() {
        match c {
            '"' => ut.push_str("\\\""),
            '\\' => ut.push_str("\\\\"),
            c if (c as u32) < 0x20 => ut.push_str(&format!("\\u{:04x}", c as u32)),
            c => ut.push(c),
        }
    }
    ut.push('"');
    ut
}

fn json_lista(lista: &[String]) -> String {
    format!("[{}]", lista.iter().map(|s| json_text(s)).collect::<Vec<_>>().join(","))
}

/// Installs the `.deb`, runs what IT runs, starts the installed window to its lock screen,
/// removes the package and checks that nothing of it is left; then lintian. Needs root (CI
/// runs as root); elsewhere it says why it is skipped.
pub(crate) fn install_test(root: &Path, deb: &Path) -> Result<(), Failed> {
    if !is_root() {
        println!(
            "xtask: install test SKIPPED: installing {} with dpkg needs root (CI runs as root)",
            deb.display()
        );
        return lintian(deb);
    }
    let started = Instant::now();
    if paket_installerat() {
        let mut bort = Command::new("dpkg");
        bort.args(["-r", PAKET]);
        step("dpkg -r valfri (left from an earlier run)", bort)?;
    }
    let mut dpkg = Command::new("dpkg");
    dpkg.arg("-i").arg(deb);
    step(&format!("dpkg -i {}", deb.display()), dpkg)?;
    let resultat = installerat_prov(root);
    let filer = paketets_filer();
    let mut bort = Command::new("dpkg");
    bort.args(["-r", PAKET]);
    let borttagen = step("dpkg -r valfri", bort);
    resultat?;
    borttagen?;
    let kvar: Vec<&PathBuf> = filer.iter().filter(|f| f.is_file() || f.is_symlink()).collect();
    if !kvar.is_empty() || paket_installerat() {
        eprintln!("xtask: dpkg -r left files behind: {kvar:?}");
        return Err(Failed(1));
    }
    println!(
        "xtask: install test passed in {}: {} files installed and removed, none left",
        format_duration(started.elapsed()),
        filer.iter().filter(|f| !f.is_dir()).count()
    );
    lintian(deb)
}

fn installerat_prov(root: &Path) -> Result<(), Failed> {
    let version = Command::new("/usr/bin/valfri").arg("--version").output().map_err(|e| {
        eprintln!("xtask: the installed /usr/bin/valfri does not start: {e}");
        Failed(1)
    })?;
    let text = String::from_utf8_lossy(&version.stdout);
    let forvantat = format!("valfri {} (databasschema ", env!("CARGO_PKG_VERSION"));
    if !version.status.success() || !text.starts_with(&forvantat) {
        eprintln!("xtask: valfri --version said {text:?}, expected {forvantat:?}…");
        return Err(Failed(1));
    }
    print!("xtask: installed {text}");
    let mut check = Command::new("/usr/bin/valfri");
    check.args(["config", "check", "--file", "/usr/share/doc/valfri/valfri.toml.exempel"]);
    step("valfri config check --file /usr/share/doc/valfri/valfri.toml.exempel", check)?;
    // The installed window, driven by the end-to-end harness: it opens on its lock screen, is
    // unlocked, and locks again.
    ensure_axe(root)?;
    let mut e2e = cargo(root);
    e2e.args([
        "test",
        "--package",
        "valfri-tests",
        "--test",
        "e2e",
        "--",
        "--exact",
        "an_encrypted_database_opens_with_its_passphrase_and_locks_again",
    ])
    .env("VALFRI_E2E_APP", "/usr/bin/valfri-app")
    .env("VALFRI_E2E_CLI", "/usr/bin/valfri");
    step("the installed valfri-app opens on its lock screen (e2e)", e2e)
}

fn paket_installerat() -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", PAKET])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).ends_with(" installed"))
}

fn paketets_filer() -> Vec<PathBuf> {
    Command::new("dpkg")
        .args(["-L", PAKET])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).lines().map(PathBuf::from).collect())
        .unwrap_or_default()
}

/// Lintian on the `.deb`: errors fail, warnings are printed for the record.
fn lintian(deb: &Path) -> Result<(), Failed> {
    let ut = match Command::new("lintian").args(["--no-tag-display-limit"]).arg(deb).output() {
        Ok(ut) => ut,
        Err(e) => {
            eprintln!("xtask: lintian could not start: {e}");
            return Err(Failed(1));
        }
    };
    let text = String::from_utf8_lossy(&ut.stdout);
    let fel: Vec<&str> = text.lines().filter(|l| l.starts_with("E:")).collect();
    let varningar = text.lines().filter(|l| l.starts_with("W:")).count();
    print!("{text}");
    println!("xtask: lintian: {} errors, {varningar} warnings", fel.len());
    if fel.is_empty() { Ok(()) } else { Err(Failed(1)) }
}
