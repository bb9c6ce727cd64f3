//! `bout import`: each Fountain fixture under `tests/import/` imported
//! through the CLI, its script and report snapshotted side by side with the
//! screenplay, the script checked (no error), and the fixtures bout carries
//! whole rendered back to Fountain and read by screenplain as the same
//! screenplay as the original.

mod common;
use common::{bout, python, root, scratch};

/// The fixtures, sorted.
fn fixtures() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("tests/import"))
        .expect("tests/import")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "fountain"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_fixture_imports_and_checks() {
    let dir = scratch("import");
    for path in fixtures() {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let rel = format!("tests/import/{stem}.fountain");
        let out = dir.join(format!("{stem}.bout"));
        let run = bout(&["import", &rel, "-o", out.to_str().unwrap()]);
        assert!(
            run.status.success(),
            "{rel}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let script = std::fs::read_to_string(&out).unwrap();
        let report = String::from_utf8_lossy(&run.stderr).into_owned();
        let checked = bout::check(&script);
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == bout::diag::Severity::Error)
            .map(|d| d.message.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "{rel} imports with errors: {errors:?}\n{script}"
        );
        assert_eq!(
            bout::fmt::format(&script).ok().as_deref(),
            Some(script.as_str()),
            "{rel}: not in bout fmt's layout"
        );
        let source = std::fs::read_to_string(&path).unwrap();
        insta::assert_snapshot!(
            format!("import__{stem}"),
            format!("{source}\n---- bout import ----\n{script}\n---- report ----\n{report}")
        );
    }
}

#[test]
fn report_as_json() {
    let run = bout(&[
        "import",
        "tests/import/pitfalls.fountain",
        "--report",
        "json",
    ]);
    assert!(run.status.success());
    let report: serde_json::Value = serde_json::from_slice(&run.stderr).expect("one JSON document");
    let decisions = report["decisions"].as_array().expect("decisions");
    assert!(
        decisions
            .iter()
            .all(|d| d["line"].as_u64().is_some() && d["message"].is_string())
    );
    assert!(
        decisions
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("boneyard"))
    );
}

#[test]
fn output_never_over_the_input() {
    let dir = scratch("import-clobber");
    let input = dir.join("x.fountain");
    std::fs::write(&input, "INT. A - DAY\n\nHello.\n").unwrap();
    let run = bout(&[
        "import",
        input.to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        "INT. A - DAY\n\nHello.\n"
    );
}

/// The fixtures whose every element bout carries (see docs/import.md):
/// Fountain → bout → Fountain reads back as the same screenplay.
#[test]
fn round_trip_through_screenplain() {
    let dir = scratch("import-roundtrip");
    for stem in ["carried", "caseless"] {
        let rel = format!("tests/import/{stem}.fountain");
        let script = dir.join(format!("{stem}.bout"));
        let back = dir.join(format!("{stem}.fountain"));
        assert!(
            bout(&["import", &rel, "-o", script.to_str().unwrap()])
                .status
                .success()
        );
        let render = bout(&[
            "render",
            script.to_str().unwrap(),
            "--to",
            "fountain",
            "-o",
            back.to_str().unwrap(),
        ]);
        assert!(
            render.status.success(),
            "{}",
            String::from_utf8_lossy(&render.stderr)
        );
        let read = std::process::Command::new(python())
            .arg(root().join("tests/interop/roundtrip_fountain.py"))
            .arg(root().join(&rel))
            .arg(&back)
            .output()
            .expect("python runs");
        assert!(
            read.status.success(),
            "{rel}: not the same screenplay after the round trip:\n{}{}",
            String::from_utf8_lossy(&read.stdout),
            String::from_utf8_lossy(&read.stderr)
        );
    }
}
