//! Every fuzz finding stays fixed: each file under `tests/fixtures/fuzz/`
//! (and each generated case below, too big to commit) goes through the same
//! code paths as the fuzz targets — `fuzz/src/lib.rs`, included here word
//! for word: check with every report format, every exporter, the
//! screenplay in every format (a `.toml` file: the `config` target).
//!
//! A finding may be a panic, a hang, a stack overflow or a memory blow-up;
//! the last two end a process, not a thread. So each case and target runs in
//! a child process (this test binary again, running `replay_one_case`), on a
//! thread with the 8 MiB stack of a main thread, and the parent kills it
//! after [`limit`] and reports every case that failed, with how.
//!
//! To add a finding: `cargo fuzz tmin` it, save it under
//! `tests/fixtures/fuzz/` with a name that says what it is, and add a line
//! to `tests/fixtures/fuzz/README.md` (see `fuzz/README.md`).

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CASE: &str = "BOUT_FUZZ_CASE";
const TARGET: &str = "BOUT_FUZZ_TARGET";

/// How long one case may take under one target: 10 s, or
/// `BOUT_FUZZ_REGRESSION_SECS`.
fn limit() -> Duration {
    Duration::from_secs(
        std::env::var("BOUT_FUZZ_REGRESSION_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(10),
    )
}

/// `scene "x" { montage "m" { montage "m" { … } } }`, `depth` montages deep.
fn deep_montage(depth: usize) -> String {
    let mut s = String::from("scene \"x\" {\n");
    s.push_str(&"montage \"m\" {\n".repeat(depth));
    s.push_str(&"}\n".repeat(depth + 1));
    s
}

/// Cases made here rather than committed: by name, their text.
fn generated() -> Vec<(String, String)> {
    vec![
        // Stack overflow in the recursive descent (known before fuzzing).
        ("generated/montage-6000-deep".into(), deep_montage(6000)),
        // A diagnostic at column 70,001: miette panics at columns >= 65,536
        // (known before fuzzing).
        (
            "generated/column-70000".into(),
            format!("{}$\n", " ".repeat(70_000)),
        ),
    ]
}

/// Every case: the committed files (sorted), then the generated ones.
fn cases() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/fuzz")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "md"))
        .collect();
    files.sort();
    let mut cases: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("readable fixture");
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            // As the fuzz targets take bytes: lossily when not UTF-8.
            (name, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect();
    cases.extend(generated());
    cases
}

/// The targets a case runs under: `config` for `bout.toml` text,
/// `import_fdx` for Final Draft XML, `import` for Fountain, every script
/// target (the language server's and the Fountain importer's included) for
/// everything else.
fn targets(name: &str) -> &'static [&'static str] {
    if name.ends_with(".toml") {
        &["config"]
    } else if name.ends_with(".fdx") {
        &["import_fdx"]
    } else if name.ends_with(".fountain") {
        &["import"]
    } else {
        &["check", "export", "render", "fmt", "lsp", "import"]
    }
}

#[test]
fn fuzz_findings_stay_fixed() {
    let exe = std::env::current_exe().expect("the test binary");
    let limit = limit();
    let log = std::env::temp_dir().join(format!("bout-fuzz-regression-{}.log", std::process::id()));
    let mut failures = Vec::new();
    let mut runs = 0;
    for (name, _) in cases() {
        for &target in targets(&name) {
            runs += 1;
            let out = std::fs::File::create(&log).expect("log file");
            let mut child = Command::new(&exe)
                .args([
                    "--exact",
                    "replay_one_case",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(CASE, &name)
                .env(TARGET, target)
                .env("RUST_BACKTRACE", "0")
                .stdin(Stdio::null())
                .stdout(out.try_clone().expect("log file"))
                .stderr(out)
                .spawn()
                .expect("the test binary runs");
            let start = Instant::now();
            let status = loop {
                if let Some(status) = child.try_wait().expect("wait") {
                    break Some(status);
                }
                if start.elapsed() > limit {
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
                std::thread::sleep(Duration::from_millis(20));
            };
            let output = std::fs::read_to_string(&log).unwrap_or_default();
            let why = match status {
                Some(s) if s.success() => continue,
                None => format!("did not finish within {} s", limit.as_secs()),
                Some(s) => {
                    let detail: Vec<&str> = output
                        .lines()
                        .filter(|l| {
                            l.contains("panicked")
                                || l.contains("overflowed its stack")
                                || l.contains("memory allocation")
                        })
                        .collect();
                    let first = output
                        .lines()
                        .skip_while(|l| !l.contains("panicked"))
                        .nth(1)
                        .unwrap_or_default();
                    format!(
                        "{s}: {} {}",
                        detail.join(" | "),
                        first.chars().take(300).collect::<String>()
                    )
                }
            };
            eprintln!("FAILED {name} under {target}: {why}");
            failures.push(format!("{name} under {target}: {why}"));
        }
    }
    let _ = std::fs::remove_file(&log);
    assert!(
        failures.is_empty(),
        "{} of {runs} fuzz regression runs failed:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

/// One case under one target, when the parent asks for it (a no-op otherwise).
#[test]
fn replay_one_case() {
    let (Ok(name), Ok(target)) = (std::env::var(CASE), std::env::var(TARGET)) else {
        return;
    };
    let (_, source) = cases()
        .into_iter()
        .find(|(n, _)| *n == name)
        .expect("the case exists");
    let (_, run) = harness::TARGETS
        .iter()
        .find(|(t, _)| *t == target)
        .expect("the target exists");
    let run = *run;
    // The fuzzer and the CLI run on a main thread, with its 8 MiB stack.
    let thread = std::thread::Builder::new()
        .name(format!("{target} {name}"))
        .stack_size(8 << 20)
        .spawn(move || run(&source))
        .expect("spawn");
    if thread.join().is_err() {
        panic!("{name} panicked under the {target} target");
    }
}

#[test]
fn every_fixture_is_listed_in_the_readme() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let readme =
        std::fs::read_to_string(dir.join("README.md")).expect("tests/fixtures/fuzz/README.md");
    let unlisted: Vec<String> = cases()
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| !name.starts_with("generated/") && !readme.contains(&format!("`{name}`")))
        .collect();
    assert!(
        unlisted.is_empty(),
        "not described in tests/fixtures/fuzz/README.md: {unlisted:?}"
    );
}
