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
