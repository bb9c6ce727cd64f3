//! The rule catalogue through its fixtures: every rule has a script (or a
//! `bout.toml`) that triggers it, with the lines it must be reported on, and
//! one that must check clean. The triggering fixtures' rendered diagnostics
//! are snapshotted with their input.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use bout::diag::{CODES, Diagnostic};
use bout::report;

mod common;
use common::{expected, found};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules")
}

/// The diagnostics of a fixture: a script, or a `bout.toml`.
fn diagnostics(path: &Path, source: &str) -> Vec<Diagnostic> {
    if path.extension().is_some_and(|e| e == "toml") {
        bout::config::parse(source).1
    } else {
        bout::check(source).diagnostics
    }
}

/// Checks one fixture: a bad one reports exactly its expectations (and
/// its rendered report is snapshotted); a good one reports nothing.
fn check(path: &Path) {
    let source = std::fs::read_to_string(path).expect("fixture is readable");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("UTF-8 name");
    let diagnostics = diagnostics(path, &source);
    let got = found(&source, &diagnostics);
    if name.contains(".good.") {
        assert!(
            got.is_empty(),
            "{name} must check clean, but reports {got:?}"
        );
        return;
    }
    let want = expected(&source);
    assert!(!want.is_empty(), "{name} lists no expectations");
    assert_eq!(
        got, want,
        "{name}: diagnostics (line code) differ from its expectations"
    );
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!(common::report(name, &source, &diagnostics));
    });
}

#[test]
fn rule_fixtures() {
    insta::glob!("rules/*.{bout,toml}", check);
}

#[test]
fn every_rule_has_an_explanation_and_both_fixtures() {
    let files: BTreeSet<String> = std::fs::read_dir(dir())
        .expect("tests/rules")
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    let mut missing = Vec::new();
    for code in CODES {
        for text in [code.what, code.why, code.example, code.instead] {
            assert!(
                !text.trim().is_empty(),
                "{} lacks part of its explanation",
                code.code
            );
        }
        for kind in ["bad", "good"] {
            let has = ["bout", "toml"]
                .iter()
                .any(|ext| files.contains(&format!("{}.{kind}.{ext}", code.name)));
            if !has {
                missing.push(format!("{}.{kind}", code.name));
            }
        }
        // The triggering fixture must trigger this very rule.
        let bad = ["bout", "toml"]
            .iter()
            .map(|ext| dir().join(format!("{}.bad.{ext}", code.name)))
            .find(|p| p.is_file());
        if let Some(bad) = bad {
            let source = std::fs::read_to_string(&bad).expect("readable");
            assert!(
                diagnostics(&bad, &source)
                    .iter()
                    .any(|d| d.code.code == code.code),
                "{} does not trigger {}",
                bad.display(),
                code.code
            );
        }
    }
    assert!(missing.is_empty(), "fixtures missing: {missing:?}");
    // And no fixture names a rule that does not exist.
    for file in &files {
        let rule = file.split('.').next().unwrap_or_default();
        assert!(CODES.iter().any(|c| c.name == rule), "{file} names no rule");
    }
}

#[test]
fn explain_prints_the_fixed_headings() {
    for code in CODES {
        let text = report::explain(code);
        for heading in [
            "## What it does",
            "## Why it matters",
            "## Example",
            "## Instead",
        ] {
            assert!(text.contains(heading), "{} lacks {heading}", code.code);
        }
    }
}
