//! The `bout` command as a user runs it: exit codes, human and JSON output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bout(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bout"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .output()
        .expect("bout runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

/// A scratch file with `contents`, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, contents: &[u8]) -> Scratch {
        let dir = std::env::temp_dir().join(format!("bout-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(name);
        std::fs::write(&path, contents).expect("scratch file");
        Scratch(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("UTF-8 path")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn clean_example_exits_zero() {
    let out = bout(&["check", "examples/rocky-iv.bout"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr).trim(), "0 errors, 0 warnings");
    assert!(out.stdout.is_empty());
}

#[test]
fn errors_exit_one_with_human_reports() {
    let out = bout(&["check", "examples/errors/unknown-words.bout"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("S005(unknown-setting)"), "{stderr}");
    assert!(stderr.contains("did you mean `rules`?"), "{stderr}");
    assert!(
        stderr.contains("examples/errors/unknown-words.bout:16:5"),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\u{1b}'),
        "NO_COLOR output has escape codes"
    );
    assert!(
        stderr.trim_end().ends_with("6 errors, 0 warnings"),
        "{stderr}"
    );
}

#[test]
fn warnings_alone_exit_zero() {
    let file = Scratch::new(
        "warn.bout",
        b"cast {\n  ROCKY character \"Rocky\"\n  ADRIAN character \"Adrian\"\n}\nscene \"INT. GYM\" {\n  ROCKY: \"Yo.\"\n}\n",
    );
    let out = bout(&["check", file.path()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("0 errors, 1 warning"));
}

#[test]
fn json_is_one_document_with_every_field() {
    let out = bout(&[
        "check",
        "--format",
        "json",
        "examples/rocky-iv.bout",
        "examples/errors/labels.bout",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON document");
    let diagnostics = doc["diagnostics"].as_array().expect("diagnostics array");
    assert_eq!(diagnostics.len(), 3);
    let first = &diagnostics[0];
    let keys: Vec<&str> = first
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "severity",
        "code",
        "name",
        "message",
        "help",
    ] {
        assert!(keys.contains(&key), "missing {key} in {first}");
    }
    assert_eq!(first["file"], "examples/errors/labels.bout");
    assert_eq!(first["line"], 17);
    assert_eq!(first["column"], 14);
    assert_eq!(first["end_column"], 22);
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "N009");
    assert_eq!(first["name"], "duplicate-label");
    assert_eq!(doc["summary"]["errors"], 3);
    assert_eq!(doc["summary"]["warnings"], 0);
    assert_eq!(doc["summary"]["files"], 2);
    // The human summary still goes to stderr, never into the JSON.
    assert!(text(&out.stderr).contains("3 errors"));
}

#[test]
fn json_columns_count_characters() {
    let file = Scratch::new(
        "wide.bout",
        "cast {\n  ROCKY character \"Rocky\"\n}\nscene \"INT. GYM\" {\n  ROCKY: \"🥊 é\" $\n}\n"
            .as_bytes(),
    );
    let out = bout(&["check", "--format", "json", file.path()]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let d = &doc["diagnostics"][0];
    assert_eq!(d["code"], "S018");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(5), Some(16))
    );
    assert_eq!(d["end_column"], 17);
}

#[test]
fn missing_file_exits_two_with_a_message() {
    let out = bout(&["check", "no/such/file.bout"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("cannot read `no/such/file.bout`: no such file"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

#[test]
fn missing_file_still_gives_json_for_the_rest() {
    let out = bout(&[
        "check",
        "--format",
        "json",
        "examples/dialogue-only.bout",
        "nope.bout",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["summary"]["files"], 1);
}

#[test]
fn binary_file_is_an_io_error() {
    let file = Scratch::new("binary.bout", &[0xff, 0xfe, 0x00, 0x01]);
    let out = bout(&["check", file.path()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not UTF-8"));
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(bout(&["check"]).status.code(), Some(2));
    assert_eq!(
        bout(&["check", "--format", "yaml", "x.bout"]).status.code(),
        Some(2)
    );
    assert_eq!(bout(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn every_example_checks_through_the_cli() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut examples: Vec<String> = std::fs::read_dir(root.join("examples"))
        .expect("examples dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "bout"))
        .map(|p| p.strip_prefix(root).expect("inside").display().to_string())
        .collect();
    examples.sort();
    assert!(examples.len() >= 3);
    let mut args = vec!["check"];
    args.extend(examples.iter().map(String::as_str));
    let out = bout(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// A scratch directory with files, removed when dropped.
struct ScratchDir(PathBuf);

impl ScratchDir {
    fn new(name: &str, files: &[(&str, &str)]) -> ScratchDir {
        let dir = std::env::temp_dir().join(format!("bout-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, contents) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
            std::fs::write(path, contents).expect("write");
        }
        ScratchDir(dir)
    }

    fn path(&self, file: &str) -> String {
        self.0.join(file).to_str().expect("UTF-8").to_owned()
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const FOUL: &str = "cast {\n  ROCKY fighter \"Rocky\"\n  DRAGO fighter \"Drago\"\n  REF referee \"Referee\"\n}\nscene \"INT. RING - NIGHT\" {\n  fight ROCKY vs DRAGO {\n    referee REF\n    round 1 {\n      DRAGO hook groin -> ROCKY hit\n    }\n  }\n}\n";

#[test]
fn warnings_can_be_denied() {
    let dir = ScratchDir::new("deny", &[("foul.bout", FOUL)]);
    assert_eq!(
        bout(&["check", &dir.path("foul.bout")]).status.code(),
        Some(0)
    );
    let out = bout(&["check", "--deny", "warnings", &dir.path("foul.bout")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("1 error, 0 warnings"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn bout_toml_in_a_parent_directory_sets_levels() {
    let dir = ScratchDir::new(
        "toml",
        &[
            ("bout.toml", "[lints]\nlow-blow = \"deny\"\n"),
            ("scripts/foul.bout", FOUL),
        ],
    );
    let out = bout(&["check", "--format", "json", &dir.path("scripts/foul.bout")]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["diagnostics"][0]["code"], "L001");
    assert_eq!(doc["diagnostics"][0]["severity"], "error");

    let allow = ScratchDir::new(
        "allow",
        &[
            ("bout.toml", "[lints]\nlow-blow = \"allow\"\n"),
            ("foul.bout", FOUL),
        ],
    );
    let out = bout(&["check", &allow.path("foul.bout")]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).contains("0 errors, 0 warnings"));
}

#[test]
fn unknown_rule_in_bout_toml_is_an_error_with_a_suggestion() {
    let dir = ScratchDir::new(
        "badtoml",
        &[
            ("bout.toml", "[lints]\nlow-blows = \"allow\"\n"),
            ("foul.bout", FOUL),
        ],
    );
    let out = bout(&["check", &dir.path("foul.bout")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("C001(unknown-rule)"), "{stderr}");
    assert!(stderr.contains("did you mean `low-blow`?"), "{stderr}");
}

#[test]
fn unknown_table_or_key_in_bout_toml_is_an_error_with_a_suggestion() {
    // `[lint]` for `[lints]`: the levels under it would silently not apply.
    let dir = ScratchDir::new(
        "badtable",
        &[
            (
                "bout.toml",
                "roots = true\n\n[lint]\nlow-blow = \"allow\"\n",
            ),
            ("foul.bout", FOUL),
        ],
    );
    let out = bout(&["check", &dir.path("foul.bout")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("C003(unknown-config-key)"), "{stderr}");
    assert!(
        stderr.contains("unknown table `lint` in bout.toml"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `lints`?"), "{stderr}");
    assert!(
        stderr.contains("unknown key `roots` in bout.toml"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `root`?"), "{stderr}");
    // The level was not applied: the foul is still reported.
    assert!(stderr.contains("L001(low-blow)"), "{stderr}");
    assert!(stderr.contains("2 errors, 1 warning"), "{stderr}");

    // A table that is close to nothing gets the list of what bout reads.
    let dir = ScratchDir::new(
        "othertable",
        &[
            ("bout.toml", "[editor]\ntheme = \"dark\"\n"),
            ("foul.bout", FOUL),
        ],
    );
    let out = bout(&["check", "--format", "json", &dir.path("foul.bout")]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let c003 = doc["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .find(|d| d["code"] == "C003")
        .expect("a C003 diagnostic");
    assert_eq!(c003["line"], 1);
    assert!(
        c003["help"].as_str().expect("help").contains("[lints]"),
        "{c003}"
    );

    // `root` and `[lints]` alone are fine.
    let dir = ScratchDir::new(
        "goodtoml",
        &[
            ("bout.toml", "root = true\n[lints]\nlow-blow = \"allow\"\n"),
            ("foul.bout", FOUL),
        ],
    );
    let out = bout(&["check", &dir.path("foul.bout")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("0 errors, 0 warnings"));
}

#[test]
fn explain_searches_when_given_a_word() {
    let out = bout(&["explain", "kidney"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("no rule is called `kidney`; 1 rule mentions it"),
        "{stdout}"
    );
    assert!(stdout.contains("L003  kidney-punch"), "{stdout}");

    // Every word must match, at the start of a word, in any part of the
    // explanation.
    let out = bout(&["explain", "stage knap"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("X001  stage-knap-missing"), "{stdout}");
    assert!(stdout.contains("X002  stage-head-contact"), "{stdout}");
    assert!(!stdout.contains("X003"), "{stdout}");
    let listed = stdout.lines().filter(|l| l.starts_with('X')).count();
    assert_eq!(listed, 2, "{stdout}");

    // Case does not matter; codes and names are still looked up exactly.
    let out = bout(&["explain", "REFEREE"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("R005  missing-referee"));
    assert!(text(&bout(&["explain", "x004"]).stdout).starts_with("X004 screen-fall-without-mat"));

    // Nothing matches: a usage error.
    let out = bout(&["explain", "zeppelin"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("no rule is called `zeppelin`"));
}

#[test]
fn inline_allow_silences_the_next_line() {
    let allowed = FOUL.replace(
        "      DRAGO hook groin",
        "      // bout: allow(low-blow)\n      DRAGO hook groin",
    );
    let dir = ScratchDir::new("inline", &[("foul.bout", &allowed)]);
    let out = bout(&["check", &dir.path("foul.bout")]);
    assert!(
        text(&out.stderr).contains("0 errors, 0 warnings"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn sarif_is_valid_2_1_0_with_rules_and_relative_uris() {
    let out = bout(&[
        "check",
        "--format",
        "sarif",
        "tests/rules/low-blow.bad.bout",
        "tests/rules/missing-referee.bad.bout",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let log: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is only the SARIF log");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), bout::diag::CODES.len());
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    let first = &results[0];
    assert_eq!(first["ruleId"], "L001");
    assert_eq!(first["level"], "warning");
    let index = first["ruleIndex"].as_u64().expect("index") as usize;
    assert_eq!(rules[index]["id"], "L001");
    let location = &first["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "tests/rules/low-blow.bad.bout"
    );
    assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(location["region"]["startLine"], 14);
    assert_eq!(results[1]["ruleId"], "R005");
    assert!(text(&out.stderr).contains("1 error, 1 warning"));
}

#[test]
fn github_annotations_escape_their_text() {
    let out = bout(&[
        "check",
        "--format",
        "github",
        "tests/rules/low-blow.bad.bout",
    ]);
    let stdout = text(&out.stdout);
    let line = stdout.lines().next().expect("one annotation");
    assert!(
        line.starts_with("::warning file=tests/rules/low-blow.bad.bout,line=14,col=18,endLine=14,endColumn=23,title=L001 low-blow::"),
        "{line}"
    );
    // The help's line break is escaped, so the annotation is one line.
    assert!(line.contains("%0Ahelp: "), "{line}");
    assert_eq!(stdout.lines().count(), 1);
}

#[test]
fn many_files_come_out_in_input_order() {
    let mut files: Vec<String> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules"))
            .expect("dir")
            .flatten()
            .map(|e| format!("tests/rules/{}", e.file_name().to_string_lossy()))
            .filter(|f| f.ends_with(".bad.bout"))
            .collect();
    files.sort();
    files.reverse();
    let mut args = vec!["check", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let out = bout(&args);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let order: Vec<String> = doc["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["file"].as_str().expect("file").to_owned())
        .collect();
    let mut deduped = order.clone();
    deduped.dedup();
    let expected: Vec<String> = files
        .iter()
        .filter(|f| order.contains(f))
        .cloned()
        .collect();
    assert_eq!(deduped, expected);
}

#[test]
fn explain_and_rules() {
    let out = bout(&["explain", "L001"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("L001 low-blow (fouls, warning by default)"),
        "{stdout}"
    );
    assert!(stdout.contains("## Why it matters"));
    assert_eq!(text(&bout(&["explain", "low-blow"]).stdout), stdout);

    let out = bout(&["explain", "low-blwo"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("did you mean `low-blow`?"));

    let out = bout(&["rules", "--format", "json"]);
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        rules.as_array().expect("array").len(),
        bout::diag::CODES.len()
    );
    assert_eq!(rules[0]["code"], "S001");
    let table = text(&bout(&["rules"]).stdout);
    assert_eq!(table.lines().count(), bout::diag::CODES.len());
}

#[test]
fn scene_numbers_on_a_stage_play_say_they_are_ignored() {
    let dir = std::env::temp_dir().join(format!("bout-cli-stage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let pdf = dir.join("stage.pdf");
    let args = |numbers: bool| {
        let mut a = vec![
            "render",
            "examples/last-orders.bout",
            "--to",
            "pdf",
            "-o",
            pdf.to_str().expect("UTF-8"),
        ];
        if numbers {
            a.push("--scene-numbers");
        }
        a
    };
    let o = bout(&args(true));
    assert_eq!(o.status.code(), Some(0));
    assert!(
        text(&o.stderr).contains("--scene-numbers has no effect on a stage play"),
        "{}",
        text(&o.stderr)
    );
    let o = bout(&args(false));
    assert!(
        !text(&o.stderr).contains("--scene-numbers"),
        "{}",
        text(&o.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
