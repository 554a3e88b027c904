//! Runs the real desktop app and drives its window the way a caseworker would.
//!
//! For each test, [`run`]:
//! 1. makes a temporary directory and fills `valfri.sqlite` in it with `valfri --db … demo`
//!    (the CLI binary that cargo builds next to this test binary);
//! 2. starts a private Xvfb; `-displayfd` makes the server pick a free display and report it, so
//!    parallel runs cannot race for a display number;
//! 3. starts `WebKitWebDriver` on a free port with that `DISPLAY` and
//!    `TAURI_WEBVIEW_AUTOMATION=true` (without it the session never starts);
//! 4. opens a `WebDriver` session whose `webkitgtk:browserOptions` make the driver launch
//!    `valfri-app --db <temp db>` itself, and waits for the UI to set `body[data-ready="true"]`;
//! 5. runs the test body; if it fails or panics, saves `tests/artifacts/<test>.png` first;
//! 6. closes the session and kills the driver's and Xvfb's process groups (the app and its
//!    `WebKit` helpers are in the driver's group). This happens in `Drop`, so it also runs when the
//!    test panics, and no process outlives the test.
//!
//! Tests run one at a time (a global lock): each one already keeps both cores busy. Without
//! Xvfb or `WebKitWebDriver` the tests are skipped with a notice, except under CI, where a
//! missing tool is a failure. Set `VALFRI_E2E_SCREENSHOTS=1` to keep a screenshot of every test.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure

use std::error::Error;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, PoisonError, mpsc};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use rustix::process::{
    Pid, Signal, WaitOptions, kill_process_group, set_child_subreaper, test_kill_process_group,
    waitpgid,
};
use serde_json::json;

pub type TestResult = Result<(), Box<dyn Error>>;

/// How long a single expectation may take before the test fails. Generous, because a loaded
/// two-core CI machine is much slower than a developer's laptop.
const WAIT: Duration = Duration::from_secs(10);
/// Starting the app includes `WebKit`'s first load, the slowest step of all.
const STARTUP: Duration = Duration::from_secs(40);
/// A whole test body; only reached when a `WebDriver` call hangs, e.g. because the app crashed.
const TEST_LIMIT: Duration = Duration::from_secs(180);
const POLL: Duration = Duration::from_millis(50);
/// How long a system dialog may take to appear: GTK's file chooser builds itself on first use
/// and may wait for services a bare Xvfb lacks.
const DIALOG_WAIT: Duration = Duration::from_secs(30);

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Runs one end-to-end test: `name` names the failure screenshot, `body` gets a started app.
pub fn run(name: &str, body: impl AsyncFnOnce(&App) -> TestResult) {
    run_with(name, None, &|_, _| Ok(()), body);
}

/// As [`run`], on a demo database encrypted with `passphrase`: the window opens locked.
pub fn run_encrypted(name: &str, passphrase: &str, body: impl AsyncFnOnce(&App) -> TestResult) {
    run_with(name, Some(passphrase), &|_, _| Ok(()), body);
}

/// The database file and the `valfri` program, for a test to prepare the file before the app
/// starts (make backups, damage it).
pub type Prepare<'a> = &'a dyn Fn(&Path, &Path) -> TestResult;

/// As [`run_encrypted`], with `prepare(cli, db)` run on the file before the app starts.
pub fn run_prepared(
    name: &str,
    passphrase: &str,
    prepare: Prepare<'_>,
    body: impl AsyncFnOnce(&App) -> TestResult,
) {
    run_with(name, Some(passphrase), prepare, body);
}

/// As [`run`], on a plain demo database with `prepare(cli, db)` run on the file before the app
/// starts (to ask the CLI what the window should show).
pub fn run_prepared_plain(
    name: &str,
    prepare: Prepare<'_>,
    body: impl AsyncFnOnce(&App) -> TestResult,
) {
    run_with(name, None, prepare, body);
}

/// Two windows, each on its own desk of one demo hub in kommunläge (a `PostgreSQL` cluster the
/// test starts and stops), for `logins` (see `valfri_synk::kommundemo`). The windows open at
/// the hub's login; `body` gets both apps.
pub fn run_desks(name: &str, logins: [&str; 2], body: impl AsyncFnOnce(&App, &App) -> TestResult) {
    run_desks_prepared(name, logins, |_| Ok(()), body);
}

/// [`run_desks`], with `prepare` given the two desks' files before the windows open (to route
/// a desk's connection through something the test controls, say).
pub fn run_desks_prepared(
    name: &str,
    logins: [&str; 2],
    prepare: impl FnOnce(&[PathBuf]) -> Result<(), String>,
    body: impl AsyncFnOnce(&App, &App) -> TestResult,
) {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let Some(tools) = Tools::find(name) else {
        return;
    };
    adopt_orphans();
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => panic!("{name}: cannot start the async runtime: {error}"),
    };
    let dir = match tempfile::Builder::new().prefix("valfri-e2e-kommun-").tempdir() {
        Ok(dir) => dir,
        Err(error) => panic!("{name}: {error}"),
    };
    let kommun = match valfri_synk::kommundemo::Kommundemo::starta(dir.path()) {
        Ok(k) => k,
        Err(error) => panic!("{name}: could not start the demo hub: {error}"),
    };
    let mut desks = Vec::new();
    for login in logins {
        match kommun.desk(login, &valfri_store::Skydd::Okrypterad) {
            Ok(db) => desks.push(db),
            Err(error) => panic!("{name}: could not make the desk for {login}: {error}"),
        }
    }
    if let Err(error) = prepare(&desks) {
        panic!("{name}: {error}");
    }
    let mut apps = Vec::new();
    for (login, db) in logins.iter().zip(&desks) {
        match runtime.block_on(App::launch_on(&tools, db)) {
            Ok(app) => apps.push(app),
            Err(error) => panic!("{name}: could not start the app for {login}: {error}"),
        }
    }
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        runtime.block_on(async {
            let test = async {
                for app in &apps {
                    app.wait_until_ready().await?;
                }
                body(&apps[0], &apps[1]).await
            };
            tokio::time::timeout(TEST_LIMIT, test)
                .await
                .unwrap_or_else(|_| Err(format!("test still running after {TEST_LIMIT:?}").into()))
        })
    }));
    let passed = matches!(outcome, Ok(Ok(())));
    if !passed || std::env::var_os("VALFRI_E2E_SCREENSHOTS").is_some() {
        for (app, login) in apps.iter().zip(logins) {
            let namn = format!("{name}-{login}");
            let bild =
                runtime.block_on(async { tokio::time::timeout(WAIT, app.screenshot(&namn)).await });
            if let Ok(Ok(path)) = bild {
                eprintln!("{name}: screenshot saved to {}", path.display());
            }
            if !passed {
                eprint!("{}", app.processes.driver_log());
            }
        }
    }
    for app in apps {
        runtime.block_on(app.close());
    }
    drop(kommun);
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(error)) => panic!("{name}: {error}"),
        Err(panic) => resume_unwind(panic),
    }
}

fn run_with(
    name: &str,
    passphrase: Option<&str>,
    prepare: Prepare<'_>,
    body: impl AsyncFnOnce(&App) -> TestResult,
) {
    // A panicking test poisons the lock; the next test must still run.
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner);
    let Some(tools) = Tools::find(name) else {
        return;
    };
    adopt_orphans();
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => panic!("{name}: cannot start the async runtime: {error}"),
    };
    let app = match runtime.block_on(App::launch_with(&tools, passphrase, prepare)) {
        Ok(app) => app,
        Err(error) => panic!("{name}: could not start the app: {error}"),
    };
    // Panics inside block_on unwind out of it and leave the runtime usable for cleanup.
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        runtime.block_on(async {
            let test = async {
                app.wait_until_ready().await?;
                body(&app).await
            };
            tokio::time::timeout(TEST_LIMIT, test)
                .await
                .unwrap_or_else(|_| Err(format!("test still running after {TEST_LIMIT:?}").into()))
        })
    }));
    let passed = matches!(outcome, Ok(Ok(())));
    if !passed || std::env::var_os("VALFRI_E2E_SCREENSHOTS").is_some() {
        // The timer must be made inside the runtime, or it panics before a picture is taken.
        let screenshot =
            runtime.block_on(async { tokio::time::timeout(WAIT, app.screenshot(name)).await });
        match screenshot {
            Ok(Ok(path)) => eprintln!("{name}: screenshot saved to {}", path.display()),
            Ok(Err(error)) => eprintln!("{name}: could not save a screenshot: {error}"),
            Err(_) => eprintln!("{name}: no screenshot, the app did not answer within {WAIT:?}"),
        }
    }
    if !passed {
        eprint!("{}", app.processes.driver_log());
    }
    runtime.block_on(app.close());
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(error)) => panic!("{name}: {error}"),
        Err(panic) => resume_unwind(panic),
    }
}

/// Paths of everything a test launches.
pub struct Tools {
    xvfb: PathBuf,
    driver: PathBuf,
    app: PathBuf,
    cli: PathBuf,
}

impl Tools {
    /// `None` means: skip this test (already announced).
    pub fn find(test: &str) -> Option<Self> {
        let missing: Vec<&str> = ["Xvfb", "WebKitWebDriver"]
            .into_iter()
            .filter(|tool| on_path(tool).is_none())
            .collect();
        if !missing.is_empty() {
            let message = format!(
                "{} not installed (Debian packages xvfb, webkit2gtk-driver; `cargo xtask test` installs them)",
                missing.join(" and ")
            );
            assert!(
                std::env::var_os("CI").is_none_or(|value| value.is_empty()),
                "{test}: end-to-end tests cannot run: {message}"
            );
            eprintln!("{test}: SKIPPED, {message}");
            return None;
        }
        // `cargo xtask package`'s install test points these at the installed programs, so a
        // test drives what the package put in /usr/bin rather than the build tree.
        let installed = |var: &str| {
            let path = std::env::var_os(var).filter(|v| !v.is_empty()).map(PathBuf::from)?;
            eprintln!("{test}: driving the installed {}", path.display());
            Some(path)
        };
        Some(Self {
            xvfb: on_path("Xvfb")?,
            driver: on_path("WebKitWebDriver")?,
            app: installed("VALFRI_E2E_APP").unwrap_or_else(|| {
                built_binary("valfri-app", "valfri-app", &["src-tauri", "ui", "locales", "crates"])
            }),
            cli: installed("VALFRI_E2E_CLI")
                .unwrap_or_else(|| built_binary("valfri", "valfri-cli", &["locales", "crates"])),
        })
    }
}

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
}

/// A workspace binary from the same build as this test: the test runs from
/// `target/<profile>/deps/`, the binaries sit one level up.
///
/// `cargo test --workspace` builds a package's binaries only when that package has integration
/// tests, and `cargo test -p valfri-tests` builds none, so the binary may be missing or older
/// than its sources; then it is built here, with the same cargo. (Cargo releases its lock on
/// `target/` before running tests, so this does not deadlock.)
fn built_binary(name: &str, package: &str, sources: &[&str]) -> PathBuf {
    let profile_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent()?.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let path = profile_dir.join(name);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let built_at = std::fs::metadata(&path).and_then(|meta| meta.modified()).ok();
    let changed_at = sources.iter().filter_map(|source| newest_change(&root.join(source))).max();
    let stale = match (built_at, changed_at) {
        (None, _) => true,
        (Some(built), Some(changed)) => changed > built,
        (Some(_), None) => false,
    };
    if stale {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        eprintln!("{} is missing or stale; running `cargo build -p {package}`", path.display());
        // A benchmark runs from target/release: build the binaries it will run there.
        let release = profile_dir.ends_with("release").then_some("--release");
        let built = Command::new(cargo)
            .args(["build", "--package", package, "--bin", name])
            .args(release)
            .current_dir(&root)
            .status();
        assert!(
            built.is_ok_and(|status| status.success()),
            "could not build {name} (package {package})"
        );
    }
    path
}

/// The latest modification time of a file or of anything in a directory tree, leaving out
/// what does not go into a binary (tests, benches, generated files).
fn newest_change(path: &Path) -> Option<std::time::SystemTime> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_file() {
        return meta.modified().ok();
    }
    std::fs::read_dir(path)
        .ok()?
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            !(name.starts_with('.')
                || ["target", "gen", "tests", "benches", "xtask"].contains(&name.as_ref()))
        })
        .filter_map(|entry| newest_change(&entry.path()))
        .max()
}

/// The started app: a `WebDriver` session plus the processes and files behind it.
pub struct App {
    client: Client,
    /// When the session (and so the app) was asked to start.
    pub session_start: Instant,
    // Field order is drop order: processes must be gone before their files are deleted.
    processes: Processes,
    /// The private X display, for what `WebDriver` cannot reach (the system's own dialogs).
    display: String,
    _dir: tempfile::TempDir,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").finish_non_exhaustive()
    }
}

impl App {
    pub async fn launch(tools: &Tools) -> Result<Self, Box<dyn Error>> {
        Self::launch_with(tools, None, &|_, _| Ok(())).await
    }

    async fn launch_with(
        tools: &Tools,
        passphrase: Option<&str>,
        prepare: Prepare<'_>,
    ) -> Result<Self, Box<dyn Error>> {
        let dir = tempfile::Builder::new().prefix("valfri-e2e-").tempdir()?;
        let db = dir.path().join("valfri.sqlite");
        create_demo_database(&tools.cli, &db, passphrase)?;
        prepare(&tools.cli, &db)?;
        Self::launch_in(tools, dir, &db).await
    }

    /// The app on an existing database file (a desk made by the test).
    async fn launch_on(tools: &Tools, db: &Path) -> Result<Self, Box<dyn Error>> {
        let dir = tempfile::Builder::new().prefix("valfri-e2e-").tempdir()?;
        Self::launch_in(tools, dir, db).await
    }

    async fn launch_in(
        tools: &Tools,
        dir: tempfile::TempDir,
        db: &Path,
    ) -> Result<Self, Box<dyn Error>> {
        let mut processes = Processes::default();
        let display = processes.start_xvfb(&tools.xvfb)?;
        let port = processes.start_driver(&tools.driver, &display, dir.path())?;

        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "webkitgtk:browserOptions".into(),
            json!({
                "binary": tools.app,
                "args": ["--db", db],
            }),
        );
        let mut builder = ClientBuilder::new(HttpConnector::new());
        builder.capabilities(capabilities);
        let url = format!("http://127.0.0.1:{port}");
        let session_start = Instant::now();
        let connecting = builder.connect(&url);
        // A session that never starts would otherwise hang the test forever; `processes` is
        // dropped on the error path and takes the half-started app with it.
        let client = tokio::time::timeout(STARTUP, connecting)
            .await
            .map_err(|_| {
                format!("no WebDriver session within {STARTUP:?}{}", processes.driver_log())
            })?
            .map_err(|error| {
                format!("WebDriver session failed: {error}{}", processes.driver_log())
            })?;
        Ok(Self { client, session_start, processes, display, _dir: dir })
    }

    /// Runs `xdotool` on the app's display: the system's own dialogs (the GTK save dialog) are
    /// windows of their own that `WebDriver` does not see.
    pub fn xdotool(&self, args: &[&str]) -> Result<String, Box<dyn Error>> {
        let ut = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
            .output()
            .map_err(|e| format!("cannot run xdotool ({e}); `cargo xtask test` installs it"))?;
        if !ut.status.success() {
            return Err(format!("xdotool {args:?}: {}", String::from_utf8_lossy(&ut.stderr)).into());
        }
        Ok(String::from_utf8_lossy(&ut.stdout).trim().to_owned())
    }

    /// Waits for a top-level window titled exactly `titel`, gives it the keyboard and returns
    /// its id once it has it. (GTK ignores keys sent to a window that does not have the focus.)
    pub async fn focus_window(&self, titel: &str) -> Result<String, Box<dyn Error>> {
        let monster = format!("^{titel}$");
        let start = Instant::now();
        loop {
            // `search` exits 1 when nothing matches yet.
            if let Ok(id) = self.xdotool(&["search", "--onlyvisible", "--name", &monster])
                && let Some(id) = id.lines().next().filter(|l| !l.is_empty())
            {
                // Keys go wherever the keyboard is; a freshly mapped window may refuse the
                // focus for a moment, so only a window that has it is returned.
                let _ = self.xdotool(&["windowfocus", id]);
                if self.xdotool(&["getwindowfocus"]).is_ok_and(|f| f == id) {
                    return Ok(id.to_owned());
                }
            }
            if start.elapsed() > DIALOG_WAIT {
                let alla =
                    self.xdotool(&["search", "--onlyvisible", "--name", "."]).unwrap_or_default();
                let namn: Vec<String> = alla
                    .lines()
                    .filter_map(|id| self.xdotool(&["getwindowname", id]).ok())
                    .collect();
                return Err(format!(
                    "no window titled {titel:?} within {DIALOG_WAIT:?}; visible: {namn:?}"
                )
                .into());
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until no window titled exactly `titel` is shown: a closed GTK dialog stays mapped
    /// for a moment, and the next one must not be mistaken for it.
    pub async fn wait_window_gone(&self, titel: &str, timeout: Duration) -> TestResult {
        let monster = format!("^{titel}$");
        let start = Instant::now();
        // `search` exits 1 when nothing matches: then the window is gone.
        while self
            .xdotool(&["search", "--onlyvisible", "--name", &monster])
            .is_ok_and(|ids| !ids.is_empty())
        {
            if start.elapsed() > timeout {
                return Err(format!(
                    "the window titled {titel:?} was still shown after {timeout:?}"
                )
                .into());
            }
            tokio::time::sleep(POLL).await;
        }
        Ok(())
    }

    /// The proportional set size (PSS, KiB) of the app and its `WebKit` processes together: every
    /// process in the driver's process group except the driver itself. PSS shares libraries
    /// fairly between processes, so the sum is what the app really costs.
    pub fn pss_kib(&self) -> u64 {
        let Some(grupp) = self.processes.groups.first().map(std::process::Child::id) else {
            return 0;
        };
        let mut summa = 0;
        for post in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Ok(stat) = std::fs::read_to_string(post.path().join("stat")) else { continue };
            // The command name is in parentheses and may contain spaces; fields follow it.
            let Some((namn, resten)) = stat.split_once(") ") else { continue };
            let pgrp: Option<u32> = resten.split_whitespace().nth(2).and_then(|f| f.parse().ok());
            if pgrp != Some(grupp)
                || namn.ends_with("WebKitWebDriv")
                || namn.ends_with("WebKitWebDriver")
            {
                continue;
            }
            let rollup =
                std::fs::read_to_string(post.path().join("smaps_rollup")).unwrap_or_default();
            summa += rollup
                .lines()
                .find_map(|l| l.strip_prefix("Pss:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                .unwrap_or(0);
        }
        summa
    }

    pub async fn wait_until_ready(&self) -> TestResult {
        self.wait_for_timeout("the UI to set body[data-ready=\"true\"]", STARTUP, async || {
            let ready = self
                .client
                .execute("return document.body && document.body.dataset.ready", vec![])
                .await?;
            Ok(ready.as_str() == Some("true"))
        })
        .await
    }

    /// Ends the session, then the processes. Closing the session first lets the driver shut the
    /// app down cleanly; the process-group kill in `Drop` catches whatever remains.
    pub async fn close(self) {
        let _ = tokio::time::timeout(Duration::from_secs(5), self.client.clone().close()).await;
        drop(self);
    }

    /// The `WebDriver` client, for anything the helpers below do not cover.
    #[allow(dead_code, reason = "for steps the helpers do not cover")]
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Resizes the window and waits until the page has its new size: the window manager resizes
    /// after `WebDriver` has answered, and on a busy machine the page kept its first size a while.
    #[allow(dead_code, reason = "only the files that try small screens use it")]
    pub async fn resize(&self, width: u32, height: u32) -> TestResult {
        self.client.set_window_size(width, height).await.map_err(|e| format!("resize: {e:?}"))?;
        self.wait_for(&format!("the window at {width}x{height}"), async || {
            let size = self
                .client
                .execute("return [window.innerWidth, window.innerHeight];", vec![])
                .await?;
            let px = |i: usize| size.get(i).and_then(serde_json::Value::as_f64).unwrap_or(f64::MAX);
            Ok(px(0) <= f64::from(width) && px(1) <= f64::from(height))
        })
        .await
    }

    /// Polls `condition` until it holds, for at most [`WAIT`].
    pub async fn wait_for(
        &self,
        what: &str,
        condition: impl AsyncFnMut() -> Result<bool, Box<dyn Error>>,
    ) -> TestResult {
        self.wait_for_timeout(what, WAIT, condition).await
    }

    async fn wait_for_timeout(
        &self,
        what: &str,
        timeout: Duration,
        mut condition: impl AsyncFnMut() -> Result<bool, Box<dyn Error>>,
    ) -> TestResult {
        let deadline = Instant::now() + timeout;
        loop {
            // Errors count as "not yet": the element may be re-rendered between find and read.
            let last = condition().await;
            if matches!(last, Ok(true)) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                let detail = match last {
                    Err(error) => format!(" (last error: {error})"),
                    Ok(_) => String::new(),
                };
                return Err(
                    format!("timed out after {timeout:?} waiting for {what}{detail}").into()
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The first element matching `css`, waiting for it to appear.
    pub async fn find(&self, css: &str) -> Result<Element, Box<dyn Error>> {
        let mut found = None;
        self.wait_for(&format!("an element matching `{css}`"), async || {
            found = self.client.find_all(Locator::Css(css)).await?.into_iter().next();
            Ok(found.is_some())
        })
        .await?;
        found.ok_or_else(|| format!("`{css}` vanished").into())
    }

    /// The visible texts of all elements matching `css`, right now (possibly none).
    pub async fn texts(&self, css: &str) -> Result<Vec<String>, Box<dyn Error>> {
        // The page may render a list again between finding its elements and reading them (a
        // busy machine makes that likelier); then the elements are found again.
        let mut forsok = 0;
        'igen: loop {
            forsok += 1;
            let mut texts = Vec::new();
            for element in self.client.find_all(Locator::Css(css)).await? {
                match element.text().await {
                    Ok(text) => texts.push(text),
                    Err(e) if forsok < 5 && e.to_string().contains("was not found") => {
                        continue 'igen;
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            return Ok(texts);
        }
    }

    /// Waits until the texts of the elements matching `css` satisfy `check`, and returns them.
    pub async fn wait_for_texts(
        &self,
        css: &str,
        what: &str,
        check: impl Fn(&[String]) -> bool,
    ) -> Result<Vec<String>, Box<dyn Error>> {
        let mut texts = Vec::new();
        let waited = self
            .wait_for(what, async || {
                texts = self.texts(css).await?;
                Ok(check(&texts))
            })
            .await;
        match waited {
            Ok(()) => Ok(texts),
            Err(error) => Err(format!("{error}; `{css}` showed {texts:?}").into()),
        }
    }

    /// Whether an element matching `css` exists and is displayed.
    pub async fn is_visible(&self, css: &str) -> Result<bool, Box<dyn Error>> {
        match self.client.find_all(Locator::Css(css)).await?.first() {
            Some(element) => Ok(element.is_displayed().await?),
            None => Ok(false),
        }
    }

    /// Replaces the content of the field matching `css` with `text`, key by key, so the page
    /// sees the same input events as from a keyboard.
    pub async fn type_text(&self, css: &str, text: &str) -> TestResult {
        let field = self.find(css).await?;
        field.clear().await?;
        // WebDriver refuses to send no keys; clearing is then the whole job.
        if !text.is_empty() {
            field.send_keys(text).await?;
        }
        Ok(())
    }

    pub async fn click(&self, css: &str) -> TestResult {
        let element = self.find(css).await?;
        // A person scrolls to a button before pressing it; WebKit's driver does not always.
        let arg = serde_json::to_value(&element)?;
        self.client.execute("arguments[0].scrollIntoView({block: 'center'});", vec![arg]).await?;
        element.click().await?;
        Ok(())
    }

    /// Runs the axe-core accessibility checks (WCAG 2.1 A and AA) on what the window shows now and
    /// returns one line per violation. axe-core is installed under target/npm by `cargo xtask test`.
    pub async fn axe(&self) -> Result<Vec<String>, Box<dyn Error>> {
        let fil = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../target/npm/node_modules/axe-core/axe.min.js");
        let kalla = std::fs::read_to_string(&fil).map_err(|e| {
            format!("axe-core is not installed at {} ({e}); run `cargo xtask test`", fil.display())
        })?;
        self.client.execute(&kalla, vec![]).await?;
        let svar = self
            .client
            .execute_async(
                "const klar = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                    .then(r => klar(r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')))
                    .catch(e => klar(['axe failed: ' + e]));",
                vec![],
            )
            .await?;
        Ok(serde_json::from_value(svar)?)
    }

    /// Clicks the first element matching `css` whose text contains `text`, waiting for it.
    pub async fn click_containing(&self, css: &str, text: &str) -> TestResult {
        let mut target = None;
        self.wait_for(&format!("`{css}` containing {text:?}"), async || {
            for element in self.client.find_all(Locator::Css(css)).await? {
                if element.text().await?.contains(text) {
                    target = Some(element);
                    return Ok(true);
                }
            }
            Ok(false)
        })
        .await?;
        target.ok_or("element vanished")?.click().await?;
        Ok(())
    }

    /// Saves a PNG of the window to `tests/artifacts/<name>.png` and returns its path.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf, Box<dyn Error>> {
        // Right after a DOM change WebKit may still hand out the previous frame; two animation
        // frames later the new one has been painted.
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => done(null)));",
                vec![],
            )
            .await?;
        let png = self.client.screenshot().await?;
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)?;
        Ok(path)
    }
}

fn create_demo_database(cli: &Path, db: &Path, passphrase: Option<&str>) -> TestResult {
    let mut command = Command::new(cli);
    command.arg("--db").arg(db);
    if let Some(p) = passphrase {
        command.args(["--passphrase-env", "VALFRI_E2E_LOSENFRAS"]).env("VALFRI_E2E_LOSENFRAS", p);
    } else {
        command.arg("--plaintext");
    }
    let output = command
        .arg("demo")
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run {}: {error}", cli.display()))?;
    if !output.status.success() {
        return Err(format!(
            "`{} --db {} demo` failed ({}):\n{}",
            cli.display(),
            db.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(())
}

/// Xvfb and `WebKitWebDriver`, each leading its own process group so that one signal reaches
/// everything they started (the driver starts the app, the app starts `WebKit`'s helpers).
#[derive(Default)]
struct Processes {
    /// Driver first: the app should go before the X server it draws on.
    groups: Vec<Child>,
    driver_log: Option<PathBuf>,
}

impl Processes {
    /// Starts Xvfb and returns its display, e.g. `:3`.
    fn start_xvfb(&mut self, xvfb: &Path) -> Result<String, Box<dyn Error>> {
        // `-displayfd 1`: Xvfb writes the display it chose to its stdout, which is our pipe.
        let mut child = Command::new(xvfb)
            .args(["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|error| format!("cannot start Xvfb: {error}"))?;
        let stdout = child.stdout.take();
        self.groups.push(child);
        let stdout = stdout.ok_or("Xvfb has no stdout")?;
        // A blocking read in a thread, so a stuck server turns into a timeout, not a hang.
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = sender.send(line);
        });
        let line = receiver.recv_timeout(WAIT).map_err(|_| "Xvfb did not report a display")?;
        let number: u32 = line
            .trim()
            .parse()
            .map_err(|_| format!("Xvfb exited without reporting a display (said {line:?})"))?;
        Ok(format!(":{number}"))
    }

    /// Starts `WebKitWebDriver` on a free port and returns the port once it accepts connections.
    fn start_driver(
        &mut self,
        driver: &Path,
        display: &str,
        dir: &Path,
    ) -> Result<u16, Box<dyn Error>> {
        // The port is free now; something else could take it before the driver binds, but the
        // tests run one at a time and the kernel does not hand out the same port again at once.
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let log_path = dir.join("webdriver.log");
        let log = std::fs::File::create(&log_path)?;
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .env("DISPLAY", display)
            // The GTK file chooser saves its settings; with no session bus (none here) dconf
            // warns on every change. In memory they are gone with the test, as they should be.
            .env("GSETTINGS_BACKEND", "memory")
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            // Force X11 on our Xvfb even inside a Wayland session.
            .env_remove("WAYLAND_DISPLAY")
            .env("GDK_BACKEND", "x11")
            // WebKit's caches and the app's own files stay inside the temporary directory.
            .env("XDG_DATA_HOME", dir.join("data"))
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("XDG_CACHE_HOME", dir.join("cache"))
            // The organisation's configuration a test wrote beside the database (in its
            // `prepare`); else the machine's own, as an installed app reads it.
            .env_remove("VALFRI_CONFIG")
            .envs(
                dir.join("valfri.toml")
                    .is_file()
                    .then(|| ("VALFRI_CONFIG", dir.join("valfri.toml"))),
            )
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .process_group(0)
            .spawn()
            .map_err(|error| format!("cannot start WebKitWebDriver: {error}"))?;
        self.groups.insert(0, child);
        self.driver_log = Some(log_path);
        let deadline = Instant::now() + WAIT;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(driver) = self.groups.first_mut()
                && let Ok(Some(status)) = driver.try_wait()
            {
                return Err(
                    format!("WebKitWebDriver exited ({status}){}", self.driver_log()).into()
                );
            }
            if Instant::now() >= deadline {
                return Err(format!("WebKitWebDriver did not listen on port {port}").into());
            }
            std::thread::sleep(POLL);
        }
        Ok(port)
    }

    /// What the driver and the app printed, for failure messages.
    fn driver_log(&self) -> String {
        let Some(text) =
            self.driver_log.as_ref().and_then(|path| std::fs::read_to_string(path).ok())
        else {
            return String::new();
        };
        if text.trim().is_empty() {
            return String::new();
        }
        let lines: Vec<&str> = text.lines().collect();
        let mut out = String::from("\n--- WebKitWebDriver and app output (last lines) ---\n");
        for line in &lines[lines.len().saturating_sub(40)..] {
            let _ = writeln!(out, "{line}");
        }
        out
    }
}

impl Drop for Processes {
    fn drop(&mut self) {
        for child in &mut self.groups {
            stop_group(child);
        }
    }
}

/// SIGTERM to the whole group, a short grace period for the leader, then SIGKILL to whatever of
/// the group is left, then reaping: the members orphaned by the leader's death were handed to
/// this process (see [`adopt_orphans`]) and would otherwise linger as zombies.
fn stop_group(leader: &mut Child) {
    let group = Pid::from_child(leader);
    let _ = kill_process_group(group, Signal::TERM);
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline && matches!(leader.try_wait(), Ok(None)) {
        std::thread::sleep(POLL);
    }
    // Also after a clean exit of the leader: its children may still be running.
    let _ = kill_process_group(group, Signal::KILL);
    let _ = leader.wait();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        match waitpgid(group, WaitOptions::NOHANG) {
            Ok(Some(_)) => {}
            // No child of ours left in the group: done once no process at all is, since a
            // member may still be on its way to being re-parented to us.
            Err(_) if test_kill_process_group(group).is_err() => break,
            Ok(None) | Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}

/// Makes this process the reaper of the app and `WebKit`'s helpers once the driver that started
/// them is killed. Otherwise they go to the system's init, and some inits (in containers) reap
/// late, leaving `valfri-app <defunct>` behind after the tests.
fn adopt_orphans() {
    // The argument is prctl's flag, not a real pid: any non-zero value turns the attribute on.
    let _ = set_child_subreaper(Pid::from_raw(1));
}
