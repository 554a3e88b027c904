//! Guards on the security settings in `tauri.conf.json`, which no compiler checks.
//!
//! Being an integration test of this package also makes `cargo test` build the real
//! `valfri-app` binary, which the end-to-end tests in `tests/` launch.

use serde_json::Value;

fn config() -> Value {
    let text = include_str!("../tauri.conf.json");
    match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => panic!("tauri.conf.json is not valid JSON: {error}"),
    }
}

#[test]
fn csp_allows_only_own_code() {
    let config = config();
    let csp = config["app"]["security"]["csp"].as_str().unwrap_or_default();
    for directive in ["default-src 'self'", "script-src 'self'", "object-src 'none'"] {
        assert!(csp.contains(directive), "CSP lacks `{directive}`: {csp}");
    }
    // Inline code or eval would turn any injected text into running code.
    assert!(!csp.contains("unsafe-"), "CSP allows unsafe sources: {csp}");
    let too_wide = |source: &str| {
        matches!(source.trim_end_matches(';'), "*" | "http:" | "https:" | "data:" | "blob:")
    };
    for directive in csp.split(';').filter(|d| !d.trim().starts_with("img-src")) {
        assert!(
            !directive.split_whitespace().skip(1).any(too_wide),
            "`{}` allows a whole scheme or everything",
            directive.trim()
        );
    }
}

#[test]
fn prototype_is_frozen() {
    assert_eq!(config()["app"]["security"]["freezePrototype"], Value::Bool(true));
}

#[test]
fn app_binary_is_built_for_end_to_end_tests() {
    let app = std::path::Path::new(env!("CARGO_BIN_EXE_valfri-app"));
    assert!(app.is_file(), "{} missing", app.display());
}
