//! The `bout` command line.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use bout::report::{self, JsonReport, LineIndex, Style, Summary};

/// bout: screenplays with fights in them, down to the punch.
#[derive(Parser)]
#[command(name = "bout", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check scripts for syntax and naming mistakes.
    ///
    /// Exit status: 0 when no file has an error (warnings allowed), 1 when
    /// any has, 2 for usage errors and files that cannot be read.
    Check {
        /// The `.bout` files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// How to print the diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// miette's graphical reports on stderr.
    Human,
    /// One JSON document on stdout.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { files, format } => check(&files, format),
    }
}

fn check(files: &[PathBuf], format: Format) -> ExitCode {
    let mut summary = Summary::default();
    let mut json = Vec::new();
    let mut io_failed = false;
    let style = Style {
        color: std::io::stderr().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100),
    };
    let mut stderr = std::io::stderr().lock();
    for path in files {
        let name = path.display().to_string();
        let source = match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(source) => source,
                Err(_) => {
                    let _ = writeln!(
                        stderr,
                        "error: cannot read `{name}`: the file is not UTF-8 text"
                    );
                    io_failed = true;
                    continue;
                }
            },
            Err(error) => {
                let _ = writeln!(
                    stderr,
                    "error: cannot read `{name}`: {}",
                    io_message(&error)
                );
                io_failed = true;
                continue;
            }
        };
        let checked = bout::check(&source);
        summary.files += 1;
        summary.add(&checked.diagnostics);
        match format {
            Format::Human => {
                let _ = stderr.write_all(
                    report::render(&name, &source, &checked.diagnostics, style).as_bytes(),
                );
            }
            Format::Json => {
                let index = LineIndex::new(&source);
                json.extend(
                    checked
                        .diagnostics
                        .iter()
                        .map(|d| report::to_json(&name, &index, d)),
                );
            }
        }
    }
    if format == Format::Json {
        let document = JsonReport {
            diagnostics: json,
            summary,
        };
        let mut stdout = std::io::stdout().lock();
        let _ = serde_json::to_writer(&mut stdout, &document);
        let _ = writeln!(stdout);
    }
    let _ = writeln!(stderr, "{summary}");
    if io_failed {
        ExitCode::from(2)
    } else if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// An I/O error's message without Rust's "(os error N)" suffix.
fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a directory".into(),
        _ => error.to_string(),
    }
}
