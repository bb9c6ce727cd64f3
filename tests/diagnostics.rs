//! Diagnostics stage: every script of mistakes (`tests/fixtures/errors/` and
//! `examples/errors/`) reports exactly the diagnostics its `// expect: LINE
//! CODE` comments list, and the rendered reports (no colour, 80 columns,
//! stable order) are snapshotted with their input.

use std::path::Path;

mod common;
use common::{expected, found, report};

/// Checks one script of mistakes against its expectations and snapshots
/// its rendered diagnostics.
fn check(path: &Path) {
    let source = std::fs::read_to_string(path).expect("fixture is readable");
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    let checked = bout::check(&source);
    let got = found(&source, &checked.diagnostics);
    let expected = expected(&source);
    assert!(!expected.is_empty(), "{name} lists no `// expect:` lines");
    assert_eq!(
        got, expected,
        "{name}: diagnostics (line code) differ from its expectations"
    );
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!(report(&name, &source, &checked.diagnostics));
    });
}

#[test]
fn error_fixtures() {
    insta::glob!("fixtures/errors/*.bout", check);
}

#[test]
fn error_examples() {
    insta::glob!("..", "examples/errors/*.bout", check);
}

#[test]
fn every_diagnostic_has_a_label_and_help() {
    insta::glob!(
        "..",
        "{examples/errors,tests/fixtures/errors,tests/rules}/*.bout",
        |path| {
            let source = std::fs::read_to_string(path).expect("fixture is readable");
            for d in bout::check(&source).diagnostics {
                assert!(!d.label.is_empty(), "{} has no label", d.message);
                assert!(d.help.is_some(), "{} has no help", d.message);
                assert!(
                    !d.message.ends_with('.'),
                    "{} ends with a period",
                    d.message
                );
            }
        }
    );
}
