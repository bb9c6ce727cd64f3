//! Helpers shared by the integration tests that run `bout` and the
//! third-party readers.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `bout` with `args` from the repository root, without colour.
pub fn bout(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bout"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("bout runs")
}

/// The venv's Python with the third-party readers, made by `tests/run.sh`.
pub fn python() -> PathBuf {
    let python = root().join(".venv/bin/python");
    assert!(
        python.is_file(),
        "the interop tests need the third-party readers: run `tests/run.sh` (it creates .venv)"
    );
    python
}

/// Every example script, sorted.
pub fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "bout"))
        .collect();
    files.sort();
    files
}

/// A fresh, empty scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("bout-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// `LINE CODE` for each diagnostic, lines 1-based.
pub fn found(source: &str, diagnostics: &[bout::diag::Diagnostic]) -> Vec<String> {
    let index = bout::report::LineIndex::new(source);
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                index.position(d.span.start as usize).0,
                d.code.code
            )
        })
        .collect()
}

/// The `// expect: LINE CODE` (or `# expect:` in TOML) lines of a fixture.
pub fn expected(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix("// expect:")
                .or_else(|| l.strip_prefix("# expect:"))
        })
        .map(|e| e.trim().to_owned())
        .collect()
}

/// A snapshot of a fixture: its input, then its diagnostics rendered
/// without colour at 80 columns.
pub fn report(name: &str, source: &str, diagnostics: &[bout::diag::Diagnostic]) -> String {
    let style = bout::report::Style {
        color: false,
        width: 80,
    };
    let rendered = bout::report::render(name, source, diagnostics, style);
    format!("{source}\n---- diagnostics ----\n\n{rendered}")
}

/// A file's name without its extension.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .expect("UTF-8 name")
        .to_owned()
}

/// Asserts `o` exited with `code`, showing its stderr when not.
pub fn exits(o: &Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Runs the venv's Python on `code` with `args`; its stdout, parsed as
/// JSON (the way the tests ask a third-party reader what it read).
pub fn py(code: &str, args: &[&str]) -> serde_json::Value {
    let o = Command::new(python())
        .arg("-c")
        .arg(code)
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        o.status.success(),
        "python: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("python prints JSON")
}
