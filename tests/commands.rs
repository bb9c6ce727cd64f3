//! The commands every other command leans on: `init`, `completions`, `-` for
//! stdin, directories for `check` and `fmt`, and `fmt` itself. (That every
//! exporter reports a broken `bout.toml` is in `files.rs`.)

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn bout_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bout"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bout runs");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("stdin written");
    }
    drop(input);
    child.wait_with_output().expect("bout ends")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

/// A project directory of its own, with a `.git` so no `bout.toml` above it
/// is read.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join(".git")).expect(".git");
    dir
}

#[test]
fn init_writes_a_starter_that_checks_clean_and_overwrites_nothing() {
    let dir = project();
    let out = bout_in(dir.path(), &["init", "film"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let config = std::fs::read_to_string(dir.path().join("film/bout.toml")).expect("bout.toml");
    // Every rule that can be configured is listed, and none of syntax.
    for code in bout::diag::CODES {
        let listed = config.contains(&format!("# {} = ", code.name));
        let syntax = code.category == bout::diag::Category::Syntax;
        assert_eq!(listed, !syntax, "{} in bout.toml", code.name);
    }
    let out = bout_in(dir.path(), &["check", "-v", "film"], None);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.ends_with("0 errors, 0 warnings\n"), "{stderr}");
    assert!(stderr.contains("bout.toml in effect"), "{stderr}");
    // Uncommenting a line changes the level: the generated file is read.
    let denied = config.replace(
        "# unused-cast-member = \"warn\"",
        "unused-cast-member = \"deny\"",
    );
    assert_ne!(denied, config);
    std::fs::write(dir.path().join("film/bout.toml"), &denied).expect("edit");
    let out = bout_in(dir.path(), &["check", "film"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // A second init refuses and leaves both files as they are.
    let out = bout_in(dir.path(), &["init", "film"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("exists"),
        "{}",
        text(&out.stderr)
    );
    let after = std::fs::read_to_string(dir.path().join("film/bout.toml")).expect("bout.toml");
    assert_eq!(after, denied);
}

#[test]
fn completions_come_from_the_command_definitions() {
    let dir = project();
    for shell in ["bash", "zsh", "fish"] {
        let out = bout_in(dir.path(), &["completions", shell], None);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        for word in ["check", "render", "timeline", "choreography", "init"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    let out = bout_in(dir.path(), &["completions", "tcsh"], None);
    assert_eq!(out.status.code(), Some(2));
}

const SCRIPT: &str = "cast {\n  ROCKY fighter \"Rocky\"\n  DRAGO fighter \"Drago\"\n}\nscene \"INT. GYM - DAY\" {\n  fight ROCKY vs DRAGO {\n    rules street\n    DRAGO jab head -> ROCKY hit\n  }\n}\n";

#[test]
fn dash_reads_stdin_in_every_command() {
    let dir = project();
    let out = bout_in(dir.path(), &["check", "-"], Some(SCRIPT));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = bout_in(
        dir.path(),
        &["check", "-"],
        Some("scene \"X\" {\n  fihgt\n}\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("<stdin>:2:3"),
        "{}",
        text(&out.stderr)
    );
    let out = bout_in(
        dir.path(),
        &["render", "-", "--to", "fountain"],
        Some(SCRIPT),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("INT. GYM - DAY"));
    for args in [
        &["timeline", "-", "--to", "json"][..],
        &["graph", "-", "--to", "dot"],
        &["stats", "-"],
    ] {
        let out = bout_in(dir.path(), args, Some(SCRIPT));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_directory_is_every_bout_file_under_it_but_the_ignored() {
    let dir = project();
    let root = dir.path();
    std::fs::create_dir_all(root.join("act1/drafts")).expect("dirs");
    std::fs::write(root.join("act1/gym.bout"), SCRIPT).expect("write");
    std::fs::write(root.join("act1/notes.txt"), "not a script").expect("write");
    // Ignored by .gitignore: not checked, though it is broken.
    std::fs::write(root.join("act1/drafts/old.bout"), "fihgt\n").expect("write");
    std::fs::write(root.join(".gitignore"), "drafts/\n").expect("write");
    std::fs::write(root.join("arena.bout"), SCRIPT.replace("jab", "jba")).expect("write");
    let out = bout_in(root, &["check", "--format", "json", "."], None);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let files: std::collections::BTreeSet<&str> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["file"].as_str())
        .collect();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(json["summary"]["files"], 2, "{json}");
    assert_eq!(files.into_iter().collect::<Vec<_>>(), ["./arena.bout"]);
    // A directory with no script is an error, not "0 errors".
    std::fs::create_dir(root.join("empty")).expect("dir");
    let out = bout_in(root, &["check", "empty"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no `.bout` file in `empty`"));
}

#[test]
fn a_missing_file_is_not_zero_errors() {
    let dir = project();
    let out = bout_in(dir.path(), &["check", "gone.bout"], None);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr.contains("0 errors"), "{stderr}");
    assert!(
        stderr.contains("cannot read `gone.bout`: no such file"),
        "{stderr}"
    );
}

/// `bout fmt` as CI and a writer run it.
#[test]
fn fmt_checks_diffs_writes_and_refuses() {
    let dir = project();
    let root = dir.path();
    let messy = "cast {\n ROCKY fighter \"Rocky\"\n  DRAGO   fighter \"Drago\"\n}\nscene \"INT. GYM - DAY\" {\nfight ROCKY vs DRAGO { rules street; DRAGO jab head -> ROCKY hit\n}\n}\n";
    std::fs::write(root.join("messy.bout"), messy).expect("write");
    let tidy = bout::fmt::format(messy).expect("formats");
    std::fs::write(root.join("tidy.bout"), &tidy).expect("write");
    std::fs::write(root.join("broken.bout"), "scene \"X\" {\n  fihgt\n}\n").expect("write");
    std::fs::create_dir(root.join("drafts")).expect("dir");
    std::fs::write(root.join("drafts/old.bout"), messy).expect("write");
    std::fs::write(root.join(".gitignore"), "drafts/\n").expect("write");

    // --check: exit 1, the files that would change, nothing written.
    let out = bout_in(root, &["fmt", "--check", "messy.bout", "tidy.bout"], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "would reformat messy.bout\n");
    assert_eq!(
        std::fs::read_to_string(root.join("messy.bout")).unwrap(),
        messy
    );

    // --diff: a unified diff, exit 1, nothing written.
    let out = bout_in(root, &["fmt", "--diff", "messy.bout"], None);
    assert_eq!(out.status.code(), Some(1));
    let diff = text(&out.stdout);
    assert!(
        diff.starts_with("--- messy.bout\n+++ messy.bout\n"),
        "{diff}"
    );
    assert!(diff.contains("+  ROCKY fighter \"Rocky\""), "{diff}");
    assert_eq!(
        std::fs::read_to_string(root.join("messy.bout")).unwrap(),
        messy
    );

    // A syntax error: printed, exit 2, the file untouched.
    let out = bout_in(root, &["fmt", "broken.bout"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("S004"), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(root.join("broken.bout")).unwrap(),
        "scene \"X\" {\n  fihgt\n}\n"
    );

    // `-`: stdin to stdout.
    let out = bout_in(root, &["fmt", "-"], Some(messy));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), tidy);

    // A directory: every .bout file but the ignored; written only when it
    // changes (the formatted file keeps its modification time).
    std::fs::remove_file(root.join("broken.bout")).expect("remove");
    let before = std::fs::metadata(root.join("tidy.bout"))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = bout_in(root, &["fmt", "."], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("1 file reformatted, 1 file left unchanged"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(root.join("messy.bout")).unwrap(),
        tidy
    );
    let after = std::fs::metadata(root.join("tidy.bout"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "an unchanged file was written");
    assert_eq!(
        std::fs::read_to_string(root.join("drafts/old.bout")).unwrap(),
        messy
    );
    // And now everything is formatted.
    let out = bout_in(root, &["fmt", "--check", "."], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}
