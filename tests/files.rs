//! Reading and writing files through the `bout` binary: the input limit,
//! what `-o` refuses, atomic writes (permissions, planted links, failures,
//! signals), where `bout.toml` is looked for, and that `check` and the
//! exporters agree. See `docs/files.md`.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;

/// A script that checks clean, with one cast member.
const CLEAN: &str =
    "cast {\n  ROCKY character \"Rocky\"\n}\nscene \"INT. GYM - DAY\" {\n  ROCKY: \"Yo.\"\n}\n";

/// A script with a low blow: a warning by default.
const FOUL: &str = "cast {\n  ROCKY fighter \"Rocky\"\n  DRAGO fighter \"Drago\"\n  REF referee \"Referee\"\n}\nscene \"INT. RING - NIGHT\" {\n  fight ROCKY vs DRAGO {\n    referee REF\n    round 1 {\n      DRAGO hook groin -> ROCKY hit\n    }\n  }\n}\n";

/// A script whose only mistake is an undeclared cast member (`N001`).
const UNDECLARED: &str = "cast {\n  ROCKY character \"Rocky\"\n}\nscene \"INT. GYM - DAY\" {\n  ROCKY: \"Yo.\"\n  ADRIAN: \"Hi.\"\n}\n";

/// `bout` with `args`, run in `dir`, without colour, with `env` set.
fn bout_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    command(dir, args, env).output().expect("bout runs")
}

fn command(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bout"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("BOUT_TEST_WRITE_DELAY_MS");
    for (key, value) in env {
        command.env(key, value);
    }
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh directory (0700, so never "shared") with `files` in it.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, contents) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
        std::fs::write(path, contents).expect("write");
    }
    dir
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

/// The temporary files bout may have left in `dir`.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with('.') && name.ends_with(".tmp")
        })
        .collect()
}

// Reading.

#[test]
fn an_endless_input_is_refused_at_the_limit() {
    let dir = tree(&[]);
    // Endless binary input is refused at its first NUL, without reading on.
    for args in [
        &["check", "/dev/zero"][..],
        &["render", "/dev/zero", "--to", "fountain"],
    ] {
        let out = bout_in(dir.path(), args, &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr)
                .contains("`/dev/zero`: it is not text (it holds a NUL byte at offset 0)"),
            "{}",
            text(&out.stderr)
        );
        assert!(out.stdout.is_empty());
    }
    // Endless text is refused at the limit.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "yes 'action \"again\"' | {} check /dev/stdin",
            env!("CARGO_BIN_EXE_bout")
        ))
        .output()
        .expect("sh runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("`/dev/stdin` is larger than 256 MiB, the most bout reads"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_bout_toml_over_one_mib_is_refused() {
    let big = format!("[lints]\n{}", "# padding\n".repeat(110_000));
    let dir = tree(&[("bout.toml", &big), ("x.bout", CLEAN)]);
    let out = bout_in(dir.path(), &["check", "x.bout"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("bout.toml` is larger than 1 MiB, the most bout reads"),
        "{stderr}"
    );
    // An exporter will not guess the levels either.
    let out = bout_in(dir.path(), &["stats", "x.bout"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn not_utf8_names_the_offset_of_the_first_bad_byte() {
    let dir = tree(&[]);
    std::fs::write(dir.path().join("bad.bout"), b"cast {\n\xff}\n").expect("write");
    let out = bout_in(dir.path(), &["check", "bad.bout"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains(
            "cannot read `bad.bout`: it is not UTF-8 text (the first bad byte is on line 2, at offset 7); save it as UTF-8"
        ),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_hundred_megabyte_script_is_read() {
    let dir = tree(&[]);
    let path = dir.path().join("big.bout");
    let line = format!("// {}\n", "x".repeat(96));
    let mut body = String::with_capacity(101 << 20);
    body.push_str(CLEAN);
    while body.len() < 100_000_000 {
        body.push_str(&line);
    }
    std::fs::write(&path, body).expect("write");
    let out = bout_in(dir.path(), &["check", "big.bout"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

// The summary.

#[test]
fn the_summary_counts_files_that_could_not_be_read() {
    let dir = tree(&[("a.bout", CLEAN), ("b.bout", FOUL)]);
    let out = bout_in(
        dir.path(),
        &[
            "check",
            "--deny",
            "warnings",
            "a.bout",
            "missing.bout",
            "b.bout",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("cannot read `missing.bout`: no such file"));
    assert!(
        stderr
            .trim_end()
            .ends_with("1 error, 0 warnings in 3 files, 1 file could not be read"),
        "{stderr}"
    );
    let out = bout_in(
        dir.path(),
        &["check", "--format", "json", "a.bout", "missing.bout"],
        &[],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["summary"]["files"], 1);
    assert_eq!(doc["summary"]["unreadable"], 1);
    assert_eq!(doc["summary"]["configs"], serde_json::json!([]));
    // All read: the summary is as it always was.
    let out = bout_in(dir.path(), &["check", "a.bout"], &[]);
    assert_eq!(text(&out.stderr).trim(), "0 errors, 0 warnings");
}

// What `-o` refuses.

fn refused(dir: &Path, out: &str, why: &str) {
    let result = bout_in(
        dir,
        &["render", "x.bout", "--to", "fountain", "-o", out],
        &[],
    );
    let stderr = text(&result.stderr);
    assert_eq!(result.status.code(), Some(2), "-o {out}: {stderr}");
    assert!(
        stderr.contains(&format!("will not write `{out}`")) && stderr.contains(why),
        "-o {out}: {stderr}"
    );
    assert!(result.stdout.is_empty());
}

#[test]
fn output_naming_an_input_is_refused_by_identity() {
    let dir = tree(&[
        ("x.bout", CLEAN),
        ("bout.toml", "[lints]\n"),
        ("sub/keep", ""),
    ]);
    let d = dir.path();
    std::os::unix::fs::symlink("x.bout", d.join("link.bout")).expect("symlink");
    std::fs::hard_link(d.join("x.bout"), d.join("hard.bout")).expect("hard link");
    for out in [
        "x.bout",
        "./x.bout",
        "sub/../x.bout",
        "link.bout",
        "hard.bout",
        "bout.toml",
    ] {
        refused(d, out, "bout never writes over what it reads");
    }
    assert_eq!(std::fs::read_to_string(d.join("x.bout")).expect("x"), CLEAN);
}

#[test]
fn output_that_is_not_a_regular_file_is_refused() {
    let dir = tree(&[("x.bout", CLEAN), ("sub/keep", "")]);
    let d = dir.path();
    let fifo = d.join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let _socket = std::os::unix::net::UnixListener::bind(d.join("socket")).expect("socket");
    std::os::unix::fs::symlink("nowhere", d.join("dangling")).expect("symlink");
    std::os::unix::fs::symlink("sub", d.join("to-dir")).expect("symlink");
    std::os::unix::fs::symlink("/dev/null", d.join("to-null")).expect("symlink");
    refused(d, "sub", "it is a directory");
    refused(
        d,
        "/dev/null",
        "it is a character device, not a regular file",
    );
    refused(d, "/dev/null", "`-o -`");
    refused(d, "/dev/full", "shell redirection");
    refused(d, "fifo", "it is a FIFO");
    refused(d, "socket", "it is a socket");
    refused(
        d,
        "dangling",
        "symbolic link that does not point to a regular file",
    );
    refused(
        d,
        "to-dir",
        "symbolic link that does not point to a regular file",
    );
    refused(
        d,
        "to-null",
        "symbolic link that does not point to a regular file",
    );
    for command in [
        &["timeline", "x.bout", "--to", "json", "-o", "sub"][..],
        &["graph", "x.bout", "--to", "dot", "-o", "/dev/null"],
    ] {
        assert_eq!(bout_in(d, command, &[]).status.code(), Some(2));
    }
}

#[test]
fn a_file_with_other_hard_links_is_refused() {
    let dir = tree(&[("x.bout", CLEAN), ("out.fountain", "old\n")]);
    let d = dir.path();
    std::fs::hard_link(d.join("out.fountain"), d.join("other-name")).expect("link");
    refused(d, "out.fountain", "2 hard links");
    assert_eq!(
        std::fs::read_to_string(d.join("other-name")).expect("read"),
        "old\n"
    );
}

#[test]
fn dash_is_stdout() {
    let dir = tree(&[("x.bout", CLEAN)]);
    let out = bout_in(
        dir.path(),
        &["timeline", "x.bout", "--to", "csv", "-o", "-"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("ROCKY"));
    assert!(!dir.path().join("-").exists());
}

#[test]
fn a_write_error_on_stdout_is_reported() {
    let dir = tree(&[("x.bout", CLEAN)]);
    for args in [
        &["render", "x.bout", "--to", "fountain"][..],
        &["check", "--format", "json", "x.bout"],
        &["rules"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = command(dir.path(), args, &[])
            .stdout(Stdio::from(full))
            .output()
            .expect("bout runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains("cannot write to stdout: No space left on device"),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

// Atomic writes.

#[test]
fn a_symlink_to_a_regular_file_is_written_through() {
    let dir = tree(&[("x.bout", CLEAN), ("real.fountain", "old\n")]);
    let d = dir.path();
    std::os::unix::fs::symlink("real.fountain", d.join("out.fountain")).expect("symlink");
    let out = bout_in(
        d,
        &["render", "x.bout", "--to", "fountain", "-o", "out.fountain"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let link = std::fs::symlink_metadata(d.join("out.fountain")).expect("link");
    assert!(link.file_type().is_symlink(), "the link survives");
    let written = std::fs::read_to_string(d.join("real.fountain")).expect("target");
    assert!(written.contains("INT. GYM - DAY"), "{written}");
    assert!(temp_files(d).is_empty());
}

#[test]
fn permissions_of_the_destination_are_kept() {
    let dir = tree(&[("x.bout", CLEAN), ("private.html", "old")]);
    let d = dir.path();
    std::fs::set_permissions(d.join("private.html"), PermissionsExt::from_mode(0o600))
        .expect("chmod");
    let out = bout_in(
        d,
        &["render", "x.bout", "--to", "html", "-o", "private.html"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(mode(&d.join("private.html")), 0o600);
    assert!(
        std::fs::read_to_string(d.join("private.html"))
            .expect("read")
            .contains("<html")
    );
    // A new file gets the mode any new file gets: 0666 less the umask,
    // as for a file the shell (or this test, with the same umask) makes.
    let out = bout_in(
        d,
        &["render", "x.bout", "--to", "html", "-o", "new.html"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0));
    std::fs::write(d.join("control"), "").expect("control");
    assert_eq!(mode(&d.join("new.html")), mode(&d.join("control")));
    assert!(temp_files(d).is_empty());
}

#[test]
fn a_planted_link_with_an_old_style_temp_name_is_not_followed() {
    let victim = tree(&[("victim", "precious\n")]);
    let dir = tree(&[("x.bout", CLEAN)]);
    let victim_path = victim.path().join("victim");
    // Before bout 0.1 hardening the temporary file was `.NAME.PID.tmp`:
    // plant that link, then `exec` bout so it runs with the shell's PID.
    let status = Command::new("sh")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args([
            "-c",
            "ln -s \"$1\" \".out.fountain.$$.tmp\" && exec \"$2\" render x.bout --to fountain -o out.fountain",
            "sh",
        ])
        .arg(&victim_path)
        .arg(env!("CARGO_BIN_EXE_bout"))
        .status()
        .expect("sh runs");
    assert!(status.success());
    assert_eq!(
        std::fs::read_to_string(&victim_path).expect("victim"),
        "precious\n"
    );
    assert!(
        std::fs::read_to_string(dir.path().join("out.fountain"))
            .expect("out")
            .contains("INT. GYM - DAY")
    );
}

#[test]
fn a_script_with_errors_writes_nothing_and_leaves_no_temp_file() {
    let dir = tree(&[("x.bout", "cast {\n"), ("out.pdf", "old")]);
    let d = dir.path();
    let out = bout_in(
        d,
        &["render", "x.bout", "--to", "pdf", "-o", "out.pdf"],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(d.join("out.pdf")).expect("old"),
        "old"
    );
    assert!(temp_files(d).is_empty());
}

/// Starts a render to `out.fountain` in `dir` that holds its write for
/// `delay_ms` before the rename, and waits until its temporary file is there.
/// The caller waits for the child.
#[allow(clippy::zombie_processes)]
fn slow_write(dir: &Path, delay_ms: u64) -> (std::process::Child, PathBuf) {
    let mut child = command(
        dir,
        &["render", "x.bout", "--to", "fountain", "-o", "out.fountain"],
        &[("BOUT_TEST_WRITE_DELAY_MS", &delay_ms.to_string())],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::piped())
    .spawn()
    .expect("bout starts");
    let start = Instant::now();
    loop {
        if let Some(temp) = temp_files(dir).pop() {
            return (child, temp);
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("no temporary file appeared");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_failed_rename_removes_the_temp_file() {
    let dir = tree(&[("x.bout", CLEAN)]);
    let d = dir.path();
    let (child, temp) = slow_write(d, 3000);
    let name = temp.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with(".out.fountain.") && name.ends_with(".tmp"),
        "{name}"
    );
    // The destination becomes a directory before the rename.
    std::fs::create_dir(d.join("out.fountain")).expect("dir");
    let out = child.wait_with_output().expect("bout ends");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("cannot write `out.fountain`"),
        "{}",
        text(&out.stderr)
    );
    assert!(temp_files(d).is_empty());
}

#[test]
fn a_signal_during_a_write_removes_the_temp_file() {
    for (signal, code) in [("TERM", 143), ("INT", 130)] {
        let dir = tree(&[("x.bout", CLEAN), ("out.fountain", "old\n")]);
        let d = dir.path();
        let (child, _) = slow_write(d, 20_000);
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(killed.success());
        let out = child.wait_with_output().expect("bout ends");
        assert_eq!(out.status.code(), Some(code), "SIG{signal}");
        assert!(
            temp_files(d).is_empty(),
            "SIG{signal} left {:?}",
            temp_files(d)
        );
        assert_eq!(
            std::fs::read_to_string(d.join("out.fountain")).expect("old"),
            "old\n"
        );
    }
}

// Where bout.toml is looked for.

/// Whether the `low-blow = "deny"` of some bout.toml governs `script`
/// (then the foul is an error), run from `dir` with `HOME` set to `home`.
fn governed(dir: &Path, script: &str, home: &Path) -> bool {
    let out = bout_in(
        dir,
        &["check", script],
        &[("HOME", home.to_str().expect("UTF-8"))],
    );
    match out.status.code() {
        Some(1) => true,
        Some(0) => false,
        other => panic!("{other:?}: {}", text(&out.stderr)),
    }
}

const DENY: &str = "[lints]\nlow-blow = \"deny\"\n";

#[test]
fn bout_toml_in_a_parent_within_the_project_is_found() {
    let dir = tree(&[("bout.toml", DENY), ("a/b/foul.bout", FOUL)]);
    assert!(governed(
        dir.path(),
        "a/b/foul.bout",
        Path::new("/nonexistent")
    ));
}

#[test]
fn the_lookup_stops_at_git() {
    let dir = tree(&[("bout.toml", DENY), ("proj/sub/foul.bout", FOUL)]);
    let d = dir.path();
    std::fs::create_dir(d.join("proj/.git")).expect(".git dir");
    assert!(!governed(
        d,
        "proj/sub/foul.bout",
        Path::new("/nonexistent")
    ));
    // A worktree's or submodule's `.git` is a file.
    std::fs::remove_dir(d.join("proj/.git")).expect("rm");
    std::fs::write(d.join("proj/.git"), "gitdir: elsewhere\n").expect(".git file");
    assert!(!governed(
        d,
        "proj/sub/foul.bout",
        Path::new("/nonexistent")
    ));
    // Inside the project it is found.
    std::fs::write(d.join("proj/bout.toml"), DENY).expect("write");
    assert!(governed(d, "proj/sub/foul.bout", Path::new("/nonexistent")));
}

#[test]
fn the_lookup_never_goes_above_home() {
    let dir = tree(&[("bout.toml", DENY), ("home/proj/foul.bout", FOUL)]);
    let d = dir.path();
    let home = d.join("home");
    assert!(!governed(d, "home/proj/foul.bout", &home));
    // Without that home, the same file is found.
    assert!(governed(
        d,
        "home/proj/foul.bout",
        Path::new("/nonexistent")
    ));
    // $HOME itself is checked.
    std::fs::write(home.join("bout.toml"), DENY).expect("write");
    assert!(governed(d, "home/proj/foul.bout", &home));
}

#[test]
fn the_lookup_never_checks_a_shared_directory_above_the_script() {
    let dir = tree(&[("shared/bout.toml", DENY), ("shared/proj/foul.bout", FOUL)]);
    let d = dir.path();
    let shared = d.join("shared");
    std::fs::set_permissions(&shared, PermissionsExt::from_mode(0o1777)).expect("chmod");
    let nowhere = Path::new("/nonexistent");
    assert!(!governed(d, "shared/proj/foul.bout", nowhere));
    // The script's own directory is checked even when shared.
    std::fs::write(shared.join("foul.bout"), FOUL).expect("write");
    assert!(governed(d, "shared/foul.bout", nowhere));
    std::fs::set_permissions(&shared, PermissionsExt::from_mode(0o755)).expect("chmod");
    assert!(governed(d, "shared/proj/foul.bout", nowhere));
}

#[test]
fn root_true_is_read_and_checked() {
    let dir = tree(&[
        ("bout.toml", "root = true\n[lints]\nlow-blow = \"deny\"\n"),
        ("foul.bout", FOUL),
    ]);
    assert!(governed(dir.path(), "foul.bout", Path::new("/nonexistent")));
    std::fs::write(dir.path().join("bout.toml"), "root = \"yes\"\n").expect("write");
    let out = bout_in(dir.path(), &["check", "foul.bout"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("`root` is not true or false"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn verbose_says_which_bout_toml_is_in_effect() {
    let dir = tree(&[
        ("proj/bout.toml", DENY),
        ("proj/a.bout", CLEAN),
        ("other/b.bout", CLEAN),
    ]);
    let d = dir.path();
    std::fs::create_dir(d.join("other/.git")).expect(".git");
    std::fs::create_dir(d.join("proj/.git")).expect(".git");
    let toml = d
        .join("proj/bout.toml")
        .canonicalize()
        .expect("canonical")
        .display()
        .to_string();
    let out = bout_in(
        d,
        &[
            "check",
            "-v",
            "--format",
            "json",
            "proj/a.bout",
            "other/b.bout",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("proj/a.bout: bout.toml in effect: {toml}")),
        "{stderr}"
    );
    assert!(stderr.contains("other/b.bout: no bout.toml"), "{stderr}");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["summary"]["configs"], serde_json::json!([toml]));
    // Without -v, nothing is said.
    let out = bout_in(d, &["check", "proj/a.bout"], &[]);
    assert_eq!(text(&out.stderr).trim(), "0 errors, 0 warnings");
}

// bout.toml diagnostics.

#[test]
fn bout_toml_diagnostics_point_at_their_key() {
    let path = common::root().join("tests/fixtures/config/prefix-keys.toml");
    let source = std::fs::read_to_string(&path).expect("fixture");
    let (_, diagnostics) = bout::config::parse(&source);
    assert_eq!(
        common::found(&source, &diagnostics),
        common::expected(&source)
    );
    let keys: Vec<&str> = diagnostics
        .iter()
        .map(|d| &source[d.span.range()])
        .collect();
    assert_eq!(keys, ["low-blowx", "low-blow", "\"scene-heading\""]);
}

#[test]
fn a_hundred_thousand_keys_take_linear_time() {
    let mut source = String::from("[lints]\n");
    for i in 0..100_000 {
        source.push_str(&format!("k{i}=1\n"));
    }
    assert!(source.len() < 1 << 20, "fits the bout.toml limit");
    let start = Instant::now();
    let (_, diagnostics) = bout::config::parse(&source);
    let elapsed = start.elapsed();
    assert_eq!(diagnostics.len(), 100_000);
    let last = diagnostics.last().expect("last");
    assert_eq!(&source[last.span.range()], "k99999");
    // Quadratic key lookup took minutes here; linear takes well under a
    // second in release and a few in debug.
    assert!(elapsed < Duration::from_secs(30), "{elapsed:?}");
}

// check and the exporters agree.

#[test]
fn an_allowed_name_error_exports() {
    let dir = tree(&[
        ("bout.toml", "[lints]\nundeclared-cast-member = \"allow\"\n"),
        ("x.bout", UNDECLARED),
    ]);
    let d = dir.path();
    let out = bout_in(d, &["check", "x.bout"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for args in [
        &["render", "x.bout", "--to", "fountain"][..],
        &["render", "x.bout", "--to", "fdx"],
        &["timeline", "x.bout", "--to", "json"],
        &["timeline", "x.bout", "--to", "svg"],
        &["graph", "x.bout", "--to", "dot"],
        &["stats", "x.bout"],
    ] {
        let out = bout_in(d, args, &[]);
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
fn a_denied_warning_or_a_bad_bout_toml_stops_every_export() {
    let dir = tree(&[("bout.toml", DENY), ("x.bout", FOUL)]);
    let d = dir.path();
    assert_eq!(bout_in(d, &["check", "x.bout"], &[]).status.code(), Some(1));
    let out = bout_in(d, &["timeline", "x.bout", "--to", "csv"], &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("1 error, 0 warnings: nothing exported"));
    assert!(out.stdout.is_empty());

    std::fs::write(d.join("bout.toml"), "[lints]\nlow-blows = \"allow\"\n").expect("write");
    assert_eq!(bout_in(d, &["check", "x.bout"], &[]).status.code(), Some(1));
    let out = bout_in(d, &["graph", "x.bout", "--to", "json"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("C001(unknown-rule)"), "{stderr}");
    assert!(out.stdout.is_empty());
}
