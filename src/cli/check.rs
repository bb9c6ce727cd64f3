//! `bout check`: every check of every file named (directories expanded,
//! `-` for stdin), reported for people or for machines.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use rayon::prelude::*;

use bout::config::{Config, ConfigFile};
use bout::diag::Diagnostic;
use bout::report::{self, Summary};

use super::source::{self, Source};
use super::{ExitStatus, display, plural, stdout_error, terminal_style};

/// `bout check FILE|DIR|-... [--format F] [--deny warnings] [-v]`.
#[derive(clap::Args)]
pub struct Args {
    /// The `.bout` files to check; a directory means every `.bout` file
    /// under it (respecting `.gitignore`); `-` reads stdin.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// `--deny warnings` turns every warning into an error.
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// Say on stderr which `bout.toml` is in effect for each file.
    #[arg(short, long)]
    verbose: bool,
}

/// The report formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// miette's graphical reports on stderr.
    Human,
    /// One JSON document on stdout.
    Json,
    /// SARIF 2.1.0 on stdout, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands on stdout.
    Github,
}

/// `--deny`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Every warning becomes an error.
    Warnings,
}

/// One checked file, ready to print.
struct Checked {
    name: String,
    source: String,
    diagnostics: Vec<Diagnostic>,
}

/// Runs `bout check`.
pub fn run(args: Args) -> ExitStatus {
    let Args {
        files,
        format,
        deny,
        verbose,
    } = args;
    let deny_warnings = deny.is_some();
    let mut stderr = std::io::stderr().lock();
    let files = match source::expand(&files) {
        Ok(files) => files,
        Err(message) => {
            let _ = writeln!(stderr, "error: {message}");
            return ExitStatus::Error;
        }
    };
    // The bout.toml of each file, found once.
    let found: Vec<Option<PathBuf>> = files.iter().map(|p| source::find_config(p)).collect();
    // Each distinct bout.toml is read once, and its own mistakes reported once.
    let mut configs: HashMap<PathBuf, Option<ConfigFile>> = HashMap::new();
    // The bout.toml files in effect, in the order first used.
    let mut in_effect: Vec<&Path> = Vec::new();
    let mut unreadable = 0;
    for path in found.iter().flatten() {
        if let std::collections::hash_map::Entry::Vacant(slot) = configs.entry(path.clone()) {
            let loaded = match source::load_config(slot.key()) {
                Ok(file) => {
                    in_effect.push(path);
                    Some(file)
                }
                Err(message) => {
                    let _ = writeln!(stderr, "error: {message}");
                    unreadable += 1;
                    None
                }
            };
            slot.insert(loaded);
        }
    }
    if verbose {
        for (path, config) in files.iter().zip(&found) {
            let _ = match config {
                Some(config) => writeln!(
                    stderr,
                    "{}: bout.toml in effect: {}",
                    display(path),
                    display(config)
                ),
                None => writeln!(stderr, "{}: no bout.toml", display(path)),
            };
        }
    }
    let config_for = |config: &Option<PathBuf>| -> Config {
        let mut config = config
            .as_ref()
            .and_then(|p| configs.get(p))
            .and_then(|c| c.as_ref())
            .map(|c| c.config.clone())
            .unwrap_or_default();
        config.deny_warnings = deny_warnings;
        config
    };
    let results: Vec<Result<Checked, String>> = files
        .par_iter()
        .zip(&found)
        .map(|(path, config)| {
            let Source { name, text, .. } = source::read_source(path)?;
            let diagnostics = bout::check::check_with(&text, &config_for(config)).diagnostics;
            Ok(Checked {
                name,
                source: text,
                diagnostics,
            })
        })
        .collect();
    let mut checked: Vec<Checked> = Vec::new();
    let mut config_files: Vec<&ConfigFile> = configs
        .values()
        .flatten()
        .filter(|c| !c.diagnostics.is_empty())
        .collect();
    config_files.sort_by(|a, b| a.path.cmp(&b.path));
    for file in config_files {
        checked.push(Checked {
            name: display(&file.path),
            source: file.source.clone(),
            diagnostics: file.diagnostics.clone(),
        });
    }
    let mut summary = Summary::default();
    for result in results {
        match result {
            Ok(file) => {
                summary.files += 1;
                checked.push(file);
            }
            Err(message) => {
                let _ = writeln!(stderr, "error: {message}");
                unreadable += 1;
            }
        }
    }
    for file in &checked {
        summary.add(&file.diagnostics);
    }
    let report_files: Vec<report::File<'_>> = checked
        .iter()
        .map(|c| report::File {
            name: &c.name,
            source: &c.source,
            diagnostics: &c.diagnostics,
        })
        .collect();
    let output = match format {
        Format::Human => {
            let style = terminal_style();
            for file in &report_files {
                let _ = stderr.write_all(
                    report::render(file.name, file.source, file.diagnostics, style).as_bytes(),
                );
            }
            None
        }
        Format::Json => Some(Machine::Json(JsonDocument {
            diagnostics: report::JsonDiagnostics(&report_files),
            summary: JsonSummary {
                counts: summary,
                unreadable,
                configs: in_effect.iter().map(|p| display(p)).collect(),
            },
        })),
        Format::Sarif => Some(Machine::Sarif(report::sarif(&report_files))),
        Format::Github => Some(Machine::Github(&report_files)),
    };
    // The machine formats stream to stdout as they are made.
    let written = output.map_or(Ok(()), |machine| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        match machine {
            Machine::Json(doc) => serde_json::to_writer(&mut out, &doc)
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n")),
            Machine::Sarif(log) => serde_json::to_writer_pretty(&mut out, &log)
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n")),
            Machine::Github(files) => report::write_github(&mut out, files),
        }
        .and_then(|()| out.flush())
    });
    // A file that could not be read was not checked: its "0 errors" would
    // be a claim about nothing.
    let _ = if summary.files == 0 {
        writeln!(
            stderr,
            "nothing checked: {} could not be read",
            plural(unreadable, "file")
        )
    } else if unreadable > 0 {
        writeln!(
            stderr,
            "{summary} in {}, {} could not be read",
            plural(files.len(), "file"),
            plural(unreadable, "file")
        )
    } else {
        writeln!(stderr, "{summary}")
    };
    if let Err(error) = written {
        stdout_error(&error);
        ExitStatus::Error
    } else if unreadable > 0 {
        ExitStatus::Error
    } else if summary.errors > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// The `--format json` document: the report's, with the files that could
/// not be read and the bout.toml files in effect added to the summary.
#[derive(serde::Serialize)]
struct JsonDocument<'a> {
    diagnostics: report::JsonDiagnostics<'a>,
    summary: JsonSummary,
}

/// The summary of `--format json`.
#[derive(serde::Serialize)]
struct JsonSummary {
    #[serde(flatten)]
    counts: Summary,
    /// Files (scripts and bout.toml) that could not be read.
    unreadable: usize,
    /// The bout.toml files in effect, in the order first used.
    configs: Vec<String>,
}

/// A machine format's document, written to stdout as it is made.
enum Machine<'a> {
    Json(JsonDocument<'a>),
    Sarif(report::Sarif<'a>),
    Github(&'a [report::File<'a>]),
}
