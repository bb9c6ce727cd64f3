//! `bout fmt`: every file named (directories expanded, `-` for stdin) in
//! the canonical layout of `docs/style.md`; `--check` and `--diff` for CI.

use std::io::Write;
use std::path::PathBuf;

use rayon::prelude::*;

use bout::report;

use super::source::{self, Source};
use super::{ExitStatus, display, error_message, is_dash, plural, stdout_error, terminal_style};

/// `bout fmt [FILE|DIR|-]... [--check] [--diff]`.
#[derive(clap::Args)]
pub struct Args {
    /// The `.bout` files to format; a directory means every `.bout` file
    /// under it (respecting `.gitignore`); `-` reads stdin and writes
    /// stdout. Default: the current directory.
    #[arg(default_value = ".")]
    files: Vec<PathBuf>,
    /// Write nothing; list the files that would change and exit 1 if any
    /// would.
    #[arg(long)]
    check: bool,
    /// Write nothing; print a unified diff of what would change and exit 1
    /// if anything would.
    #[arg(long)]
    diff: bool,
}

/// What became of one file.
enum Outcome {
    /// Already formatted.
    Unchanged,
    /// Formatted differently: the new text.
    Changed(String),
    /// Not formatted: the error, already reported.
    Failed,
}

/// One file read and formatted: its text and what became of it, or why it
/// could not be read.
type Formatted = Result<(String, Outcome), String>;

/// Runs `bout fmt`.
pub fn run(args: Args) -> ExitStatus {
    let Args { files, check, diff } = args;
    let files = match source::expand(&files) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitStatus::Error;
        }
    };
    let style = terminal_style();
    // Formatted in parallel, reported in input order.
    let results: Vec<(String, Formatted)> = files
        .par_iter()
        .map(|path| {
            let result = source::read_source(path).map(|Source { name, text }| {
                let outcome = match bout::fmt::format(&text) {
                    Ok(formatted) if formatted == text => Outcome::Unchanged,
                    Ok(formatted) => Outcome::Changed(formatted),
                    Err(diagnostics) => {
                        // A file that does not parse is never formatted:
                        // its layout may be the mistake.
                        eprint!("{}", report::render(&name, &text, &diagnostics, style));
                        eprintln!("error: `{name}` has syntax errors: not formatted");
                        Outcome::Failed
                    }
                };
                (text, outcome)
            });
            (display(path), result)
        })
        .collect();
    let mut changed = 0;
    let mut unchanged = 0;
    let mut failed = 0;
    let mut stdout = std::io::stdout().lock();
    let mut written = Ok(());
    for ((name, result), path) in results.into_iter().zip(&files) {
        let (text, outcome) = match result {
            Ok(done) => done,
            Err(message) => {
                eprintln!("error: {message}");
                failed += 1;
                continue;
            }
        };
        let formatted = match outcome {
            Outcome::Failed => {
                failed += 1;
                continue;
            }
            Outcome::Unchanged => {
                unchanged += 1;
                if is_dash(path) && !check && !diff {
                    written = written.and(stdout.write_all(text.as_bytes()));
                }
                continue;
            }
            Outcome::Changed(formatted) => formatted,
        };
        changed += 1;
        if diff {
            let patch = similar::TextDiff::from_lines(&text, &formatted)
                .unified_diff()
                .context_radius(3)
                .header(&name, &name)
                .to_string();
            written = written.and(stdout.write_all(patch.as_bytes()));
        } else if check {
            written = written.and(writeln!(stdout, "would reformat {name}"));
        } else if is_dash(path) {
            written = written.and(stdout.write_all(formatted.as_bytes()));
        } else if let Err(error) = bout::export::write_atomic(path, formatted.as_bytes()) {
            eprintln!("error: cannot write `{name}`: {}", error_message(&error));
            failed += 1;
            changed -= 1;
        }
    }
    let written = written.and_then(|()| stdout.flush());
    let files_word = |n| plural(n, "file");
    let mut summary = if check || diff {
        format!(
            "{} would be reformatted, {} already formatted",
            files_word(changed),
            files_word(unchanged)
        )
    } else {
        format!(
            "{} reformatted, {} left unchanged",
            files_word(changed),
            files_word(unchanged)
        )
    };
    if failed > 0 {
        summary.push_str(&format!(", {} not formatted", files_word(failed)));
    }
    eprintln!("{summary}");
    if let Err(error) = written {
        stdout_error(&error);
        return ExitStatus::Error;
    }
    if failed > 0 {
        ExitStatus::Error
    } else if (check || diff) && changed > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}
