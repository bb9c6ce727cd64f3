//! `bout import`: each Fountain and Final Draft fixture under
//! `tests/import/` imported through the CLI, its script and report
//! snapshotted side by side with the screenplay, the script checked (no
//! error), and the fixtures bout carries whole rendered back (to Fountain,
//! read by screenplain; to FDX, read by screenplay-tools, open-fdx-toolkit
//! and ElementTree) as the same screenplay as the original. Hostile FDX
//! (binary, empty, not FDX, 100,000 levels deep) gets a clear message or a
//! faithful import, never a panic.

mod common;
use common::{bout, python, root, scratch};

/// The fixtures with extension `ext`, sorted.
fn fixtures(ext: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("tests/import"))
        .expect("tests/import")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    files
}

/// Imports `tests/import/{stem}.{ext}` into `dir` through the CLI (the
/// format from the extension), checks the script has no error and is in
/// `bout fmt`'s layout, and snapshots source, script and report as
/// `snapshot`.
fn imports_and_checks(dir: &std::path::Path, path: &std::path::Path, snapshot: &str) {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let rel = format!("tests/import/{name}");
    let out = dir.join(format!("{stem}.bout"));
    let run = bout(&["import", &rel, "-o", out.to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{rel}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let script = std::fs::read_to_string(&out).unwrap();
    let report = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(!report.contains("panicked"), "{rel}: {report}");
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
    // Carriage returns shown, so the CRLF fixture's snapshot says what it
    // holds (and no tool normalises it away).
    let source = std::fs::read_to_string(path).unwrap().replace('\r', "\\r");
    insta::assert_snapshot!(
        snapshot,
        format!("{source}\n---- bout import ----\n{script}\n---- report ----\n{report}")
    );
}

#[test]
fn every_fixture_imports_and_checks() {
    let dir = scratch("import");
    for path in fixtures("fountain") {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        imports_and_checks(&dir, &path, &format!("import__{stem}"));
    }
}

#[test]
fn every_fdx_fixture_imports_and_checks() {
    let dir = scratch("import-fdx");
    let files = fixtures("fdx");
    assert!(files.len() >= 15, "the FDX fixtures are missing");
    for path in files {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        imports_and_checks(&dir, &path, &format!("import__fdx__{stem}"));
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
/// Fountain → bout → Fountain reads back as the same screenplay, element
/// by element with its text, through screenplain and through fountain-js.
/// (`pitfalls.fountain` is left out: its readers do not agree with each
/// other on it; docs/import.md says where.)
#[test]
fn round_trip_through_screenplain_and_fountain_js() {
    let dir = scratch("import-roundtrip");
    // One fixture per element, and screenplays that hold them all.
    for stem in [
        "title-page",
        "scene-headings",
        "action",
        "dialogue",
        "dual-dialogue",
        "transitions",
        "centered",
        "lyrics",
        "page-breaks",
        "sections",
        "emphasis",
        "carried",
        "caseless",
        "elements",
    ] {
        round_trip(
            &dir,
            &format!("tests/import/{stem}.fountain"),
            "fountain",
            &[
                (python(), "tests/interop/roundtrip_fountain.py"),
                ("node".into(), "tests/interop/roundtrip_fountain.js"),
            ],
        );
    }
    // A note comes back as a paragraph after the element it stood in:
    // screenplay-readers that print no notes (screenplain) read the same
    // screenplay; fountain-js, which keeps an inline note inside its action,
    // does not (docs/import.md).
    round_trip(
        &dir,
        "tests/import/notes-and-boneyard.fountain",
        "fountain",
        &[(python(), "tests/interop/roundtrip_fountain.py")],
    );
}

/// `bout render FROM --to FORMAT --notes -o OUT`, which must succeed.
fn render(from: &std::path::Path, format: &str, out: &std::path::Path) {
    let run = bout(&[
        "render",
        from.to_str().unwrap(),
        "--to",
        format,
        "--notes",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}: {}",
        from.display(),
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Imports `rel` (a screenplay under the repository), renders the script
/// back `--to` its format with its notes, and has each reader (a program
/// and its script) read the original and the render as the same
/// screenplay.
fn round_trip(dir: &std::path::Path, rel: &str, to: &str, readers: &[(std::path::PathBuf, &str)]) {
    let stem = std::path::Path::new(rel)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let script = dir.join(format!("{stem}.bout"));
    let back = dir.join(format!("{stem}.back.{to}"));
    let import = bout(&["import", rel, "-o", script.to_str().unwrap()]);
    assert!(
        import.status.success(),
        "{rel}: {}",
        String::from_utf8_lossy(&import.stderr)
    );
    render(&script, to, &back);
    for (program, reader) in readers {
        let read = std::process::Command::new(program)
            .arg(root().join(reader))
            .arg(root().join(rel))
            .arg(&back)
            .output()
            .expect("the reader runs");
        assert!(
            read.status.success(),
            "{rel}: not the same screenplay to {reader} after the round trip:\n{}{}",
            String::from_utf8_lossy(&read.stdout),
            String::from_utf8_lossy(&read.stderr)
        );
    }
}

/// bout → Fountain → `bout import` → bout keeps every beat outside the
/// fights, and the fights as their prose: for every example, the imported
/// render checks with no error and renders to the same Fountain, byte for
/// byte.
#[test]
fn every_example_comes_back_from_its_fountain() {
    let dir = scratch("import-fixpoint");
    for example in common::examples() {
        let stem = common::stem(&example);
        let first = dir.join(format!("{stem}.1.fountain"));
        let script = dir.join(format!("{stem}.bout"));
        let second = dir.join(format!("{stem}.2.fountain"));
        render(&example, "fountain", &first);
        let run = bout(&[
            "import",
            first.to_str().unwrap(),
            "-o",
            script.to_str().unwrap(),
        ]);
        assert!(run.status.success(), "{stem}: the import failed");
        let text = std::fs::read_to_string(&script).unwrap();
        let errors: Vec<String> = bout::check(&text)
            .diagnostics
            .iter()
            .filter(|d| d.severity == bout::diag::Severity::Error)
            .map(|d| d.message.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "{stem}: the import has errors {errors:?}"
        );
        render(&script, "fountain", &second);
        assert_eq!(
            std::fs::read_to_string(&first).unwrap(),
            std::fs::read_to_string(&second).unwrap(),
            "{stem}: bout → Fountain → bout → Fountain is not the same Fountain"
        );
    }
}

/// The FDX fixtures whose every element bout carries (see docs/import.md):
/// FDX → bout → FDX reads back, through both FDX readers from PyPI and
/// through the XML itself, as the same screenplay.
#[test]
fn fdx_round_trip_through_the_fdx_readers() {
    let dir = scratch("import-roundtrip-fdx");
    for stem in ["carried", "transitions"] {
        round_trip(
            &dir,
            &format!("tests/import/{stem}.fdx"),
            "fdx",
            &[(python(), "tests/interop/roundtrip_fdx.py")],
        );
    }
}

/// What FDX → bout → FDX → bout changes, fixture by fixture: only what
/// docs/import.md says does not come back (a heading in lower case prints
/// in capitals; the title page's title in capitals, its centred notes at
/// the foot on the right, read back as the draft). Everything else imports
/// from bout's own FDX as the same script.
#[test]
fn fdx_import_of_the_render_is_the_same_script() {
    let dir = scratch("import-fixpoint-fdx");
    let changes: &[(&str, &[&str])] = &[
        ("scene-headings", &["INT. LOCKER ROOM - LATER"]),
        (
            "title-page",
            &["draft \"Second draft\\nMarch 3, 2025\\nShooting script, not for distribution\""],
        ),
        ("title-page-inline", &["title \"GLASS JAW\""]),
    ];
    for path in fixtures("fdx") {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let rel = format!("tests/import/{stem}.fdx");
        let first = dir.join(format!("{stem}.bout"));
        let back = dir.join(format!("{stem}.fdx"));
        let again = dir.join(format!("{stem}.again.bout"));
        assert!(
            bout(&["import", &rel, "-o", first.to_str().unwrap()])
                .status
                .success()
        );
        render(&first, "fdx", &back);
        assert!(
            bout(&[
                "import",
                back.to_str().unwrap(),
                "-o",
                again.to_str().unwrap()
            ])
            .status
            .success()
        );
        let first = std::fs::read_to_string(&first).unwrap();
        let again = std::fs::read_to_string(&again).unwrap();
        match changes.iter().find(|(s, _)| *s == stem) {
            None => assert_eq!(first, again, "{rel}: bout → FDX → bout changed the script"),
            Some((_, expected)) => {
                assert_ne!(
                    first, again,
                    "{rel} now comes back whole: update docs/import.md"
                );
                for line in *expected {
                    assert!(again.contains(line), "{rel}: `{line}` not in\n{again}");
                }
            }
        }
    }
}

/// A binary file, an empty one, XML that is not Final Draft and Fountain
/// text, each read with `--from fdx`: exit 2 and one clear `error:` line.
#[test]
fn fdx_refuses_what_is_not_fdx() {
    let dir = scratch("import-not-fdx");
    let cases: [(&str, Vec<u8>, &str); 5] = [
        (
            "binary.fdx",
            (0..=255u8).cycle().take(4096).collect(),
            "it is not text",
        ),
        (
            "empty.fdx",
            Vec::new(),
            "is not a Final Draft file: it is empty",
        ),
        (
            "page.xml",
            b"<?xml version=\"1.0\"?>\n<html><body>hi</body></html>\n".to_vec(),
            "is not a Final Draft file: its root element is `html`, not `FinalDraft`",
        ),
        (
            "script.fountain",
            b"INT. GYM - NIGHT\n\nTess hits the bag.\n".to_vec(),
            "is not a Final Draft file: it does not start with an XML element",
        ),
        (
            "broken.fdx",
            b"<?xml version=\"1.0\"?>\n<!-- a comment never closed".to_vec(),
            "is not a Final Draft file: it is not XML",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = dir.join(format!("{name}.bout"));
        let run = bout(&[
            "import",
            path.to_str().unwrap(),
            "--from",
            "fdx",
            "-o",
            out.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.starts_with("error: "), "{name}: {stderr}");
        assert!(stderr.contains(message), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(!out.exists(), "{name}: a script was written");
    }
}

/// 100,000 levels of nesting, inside a paragraph and at the root left
/// open, and a paragraph's worth of hostile references: imported
/// faithfully (the nested text is not the screenplay's), in a script that
/// checks, never a panic or a stack overflow.
#[test]
fn fdx_deep_nesting_imports_faithfully() {
    let dir = scratch("import-deep-fdx");
    let deep = 100_000;
    let inside = format!(
        "<FinalDraft><Content><Paragraph Type=\"Scene Heading\"><Text>INT. GYM - NIGHT</Text></Paragraph>\
         <Paragraph Type=\"Action\"><Text>Tess hits the bag.</Text>{}deep{}</Paragraph>\
         <Paragraph Type=\"Action\"><Text>After the deep part &amp; &#x2014; &undefined; &#0;.</Text></Paragraph>\
         </Content></FinalDraft>",
        "<Nest>".repeat(deep),
        "</Nest>".repeat(deep)
    );
    let open = format!(
        "<FinalDraft><Content><Paragraph Type=\"Action\"><Text>Left open.</Text></Paragraph>{}",
        "<Paragraph Type=\"Action\"><Text>x".repeat(deep)
    );
    for (name, text) in [("inside.xml", inside), ("open.xml", open)] {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let out = dir.join(format!("{name}.bout"));
        let run = bout(&[
            "import",
            path.to_str().unwrap(),
            "--from",
            "fdx",
            "-o",
            out.to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        let script = std::fs::read_to_string(&out).unwrap();
        assert!(
            script.contains("Tess hits the bag.") || script.contains("Left open."),
            "{script}"
        );
        assert!(
            !script.contains("deep\""),
            "{name}: text outside a Text run imported"
        );
        let checked = bout::check(&script);
        assert!(
            checked
                .diagnostics
                .iter()
                .all(|d| d.severity != bout::diag::Severity::Error),
            "{name}: {script}"
        );
        if name == "open.xml" {
            assert!(stderr.contains("element(s) still open"), "{stderr}");
        } else {
            assert!(
                script.contains("After the deep part & — &undefined; \u{FFFD}."),
                "{script}"
            );
        }
    }
}

/// Every FDX fixture cut short at every fifth byte (inside tags, names,
/// attributes, references, CDATA, multi-byte characters) imports without
/// a panic into a script with no syntax error.
#[test]
fn fdx_cut_anywhere_imports() {
    for path in fixtures("fdx") {
        let source = std::fs::read_to_string(&path).unwrap();
        let cuts = (0..source.len())
            .step_by(5)
            .filter(|&i| source.is_char_boundary(i));
        for cut in cuts {
            let imported = bout::import::fdx(&source[..cut]);
            let parsed = bout::syntax::parse(&imported.script);
            assert!(
                parsed.diagnostics.is_empty(),
                "{} cut at {cut}: {:?}\n{}",
                path.display(),
                parsed
                    .diagnostics
                    .iter()
                    .map(|d| &d.message)
                    .collect::<Vec<_>>(),
                imported.script
            );
        }
    }
}

/// A feature-length screenplay (about 130 pages, generated: scenes of
/// action, speeches with parentheticals, dual dialogue, monologues over
/// pages, street fights as prose), rendered to Fountain and to Final Draft,
/// imports with no error into a script that renders back to the same
/// Fountain, byte for byte.
#[test]
fn a_feature_length_screenplay_imports_whole() {
    use bout::export::screenplay::{self, Options};
    let source = bout::generate::screenplay(120, 10, 5);
    let checked = bout::check(&source);
    let model = checked.model();
    let play = screenplay::build(&model, Options::default());
    let pages = screenplay::layout::layout(&play, Default::default())
        .pages
        .len();
    assert!(
        pages >= 110,
        "a feature is over 110 pages; this one has {pages}"
    );
    let fountain = screenplay::fountain::export(&play, Default::default());
    let fdx = screenplay::fdx::export(&play, Default::default());
    for (format, imported) in [
        ("fountain", bout::import::fountain(&fountain)),
        ("fdx", bout::import::fdx(&fdx)),
    ] {
        let back = bout::check(&imported.script);
        let errors: Vec<String> = back
            .diagnostics
            .iter()
            .filter(|d| d.severity == bout::diag::Severity::Error)
            .map(|d| d.message.to_string())
            .collect();
        assert!(errors.is_empty(), "{format}: errors {errors:?}");
        let model = back.model();
        let again = screenplay::build(&model, Options::default());
        let again = screenplay::fountain::export(&again, Default::default());
        // Final Draft's title page prints the title in capitals
        // (docs/import.md): from FDX, the body is compared.
        let body = |t: &str| {
            t.split_once("\n\n")
                .map_or(String::new(), |(_, b)| b.to_string())
        };
        let (again, fountain) = if format == "fdx" {
            (body(&again), body(&fountain))
        } else {
            (again, fountain.clone())
        };
        // The first line that differs, with its neighbours.
        if let Some(i) = again
            .lines()
            .zip(fountain.lines())
            .position(|(a, b)| a != b)
        {
            let show = |t: &str| {
                t.lines()
                    .skip(i.saturating_sub(2))
                    .take(5)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!(
                "{format}: the import renders back otherwise from line {}:\n{}\n---- meant ----\n{}",
                i + 1,
                show(&again),
                show(&fountain)
            );
        }
        assert_eq!(
            again.len(),
            fountain.len(),
            "{format}: the import renders back shorter or longer"
        );
    }
}
