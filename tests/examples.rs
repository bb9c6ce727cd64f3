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
    // The whole script of the design brief, kept as a fixture (it is also
    // the first example of docs/language.md).
    check(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/brief.bout"));
}

#[test]
fn the_readme_scripts_check_clean() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    let mut found = 0;
    for block in readme.split("```bout\n").skip(1) {
        let script = block.split("```").next().unwrap_or("");
        let checked = bout::check(script);
        let messages: Vec<String> = checked
            .diagnostics
            .iter()
            .map(|d| format!("{} {}", d.code.code, d.message))
            .collect();
        assert!(
            messages.is_empty(),
            "a README script is not clean: {messages:#?}\n{script}"
        );
        found += 1;
    }
    assert!(found >= 1, "the README shows no script");
}
