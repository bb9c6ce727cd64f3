//! Every example script checks clean: no error and no warning.

use std::path::Path;

fn check(path: &Path) {
    let source = std::fs::read_to_string(path).expect("example is readable");
    let checked = bout::check(&source);
    let found: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code.code, d.message))
        .collect();
    assert!(
        found.is_empty(),
        "{} is not clean: {found:#?}",
        path.display()
    );
}

#[test]
fn examples_check_clean() {
    insta::glob!("..", "examples/*.bout", check);
}

#[test]
fn the_brief_example_checks_clean() {
    // The whole script of LANGUAGE.md, kept as a fixture.
    check(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/brief.bout"));
}
