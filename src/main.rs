//! The `bout` command line.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use bout::config::{self, Config, ConfigFile};
use bout::diag::{self, Code, Diagnostic};
use bout::report::{self, Style, Summary};

/// bout: screenplays with fights in them, down to the punch.
#[derive(Parser)]
#[command(name = "bout", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check scripts: syntax, names, rounds, fighters' state, fouls, time,
    /// screenplay form and performer safety.
    ///
    /// Exit status: 0 when no file has an error (warnings allowed), 1 when
    /// any has, 2 for usage errors and files that cannot be read. Levels come
    /// from the nearest `bout.toml` (`[lints] rule-name = "allow"|"warn"|"deny"`)
    /// and from `// bout: allow(rule-name)` on the line before.
    Check {
        /// The `.bout` files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// How to print the diagnostics.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// `--deny warnings` turns every warning into an error.
        #[arg(long, value_enum)]
        deny: Option<Deny>,
    },
    /// Explain a rule: what it does, why, an example, what to write instead.
    Explain {
        /// The rule's code (`L001`) or name (`low-blow`).
        rule: String,
    },
    /// List every rule.
    Rules {
        /// How to print the list.
        #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
        format: RulesFormat,
    },
}

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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Every warning becomes an error.
    Warnings,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    /// An aligned table.
    Human,
    /// A JSON array.
    Json,
    /// The Markdown catalogue (`docs/rules.md`).
    Markdown,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            files,
            format,
            deny,
        } => check(&files, format, deny.is_some()),
        Command::Explain { rule } => explain(&rule),
        Command::Rules { format } => rules(format),
    }
}

/// One checked file, ready to print.
struct Checked {
    name: String,
    source: String,
    diagnostics: Vec<Diagnostic>,
}

fn check(files: &[PathBuf], format: Format, deny_warnings: bool) -> ExitCode {
    let mut stderr = std::io::stderr().lock();
    // Each distinct bout.toml is read once, and its own mistakes reported once.
    let mut configs: HashMap<PathBuf, Option<ConfigFile>> = HashMap::new();
    let mut io_failed = false;
    for path in files {
        let Some(found) = config::find(path) else {
            continue;
        };
        if let std::collections::hash_map::Entry::Vacant(slot) = configs.entry(found) {
            let loaded = match config::load(slot.key()) {
                Ok(file) => Some(file),
                Err(error) => {
                    let _ = writeln!(
                        stderr,
                        "error: cannot read `{}`: {error}",
                        slot.key().display()
                    );
                    io_failed = true;
                    None
                }
            };
            slot.insert(loaded);
        }
    }
    let config_for = |path: &Path| -> Config {
        let mut config = config::find(path)
            .and_then(|p| {
                configs
                    .get(&p)
                    .and_then(|c| c.as_ref())
                    .map(|c| c.config.clone())
            })
            .unwrap_or_default();
        config.deny_warnings = deny_warnings;
        config
    };
    let results: Vec<Result<Checked, String>> = files
        .par_iter()
        .map(|path| {
            let name = display(path);
            let bytes = std::fs::read(path)
                .map_err(|e| format!("cannot read `{name}`: {}", io_message(&e)))?;
            let source = String::from_utf8(bytes)
                .map_err(|_| format!("cannot read `{name}`: the file is not UTF-8 text"))?;
            let diagnostics = bout::check::check_with(&source, &config_for(path)).diagnostics;
            Ok(Checked {
                name,
                source,
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
                io_failed = true;
            }
        }
    }
    for file in &checked {
        summary.add(&file.diagnostics);
    }
    let files: Vec<report::File<'_>> = checked
        .iter()
        .map(|c| report::File {
            name: &c.name,
            source: &c.source,
            diagnostics: &c.diagnostics,
        })
        .collect();
    let mut stdout = std::io::stdout().lock();
    match format {
        Format::Human => {
            let style = Style {
                color: std::io::stderr().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
                width: std::env::var("COLUMNS")
                    .ok()
                    .and_then(|c| c.parse().ok())
                    .unwrap_or(100),
            };
            for file in &files {
                let _ = stderr.write_all(
                    report::render(file.name, file.source, file.diagnostics, style).as_bytes(),
                );
            }
        }
        Format::Json => {
            let _ = serde_json::to_writer(&mut stdout, &report::json(&files, summary));
            let _ = writeln!(stdout);
        }
        Format::Sarif => {
            let _ = serde_json::to_writer_pretty(&mut stdout, &report::sarif(&files));
            let _ = writeln!(stdout);
        }
        Format::Github => {
            let _ = stdout.write_all(report::github(&files).as_bytes());
        }
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

fn explain(rule: &str) -> ExitCode {
    match Code::lookup(rule) {
        Some(code) => {
            print!("{}", report::explain(code));
            ExitCode::SUCCESS
        }
        None => {
            let help = diag::did_you_mean(rule, diag::CODES.iter().map(|c| c.name))
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            eprintln!("error: no rule is called `{rule}`{help}; `bout rules` lists them all");
            ExitCode::from(2)
        }
    }
}

fn rules(format: RulesFormat) -> ExitCode {
    let text = match format {
        RulesFormat::Human => report::rules_table(),
        RulesFormat::Json => {
            let mut text = serde_json::to_string_pretty(&report::rules_json()).unwrap_or_default();
            text.push('\n');
            text
        }
        RulesFormat::Markdown => report::rules_markdown(),
    };
    print!("{text}");
    ExitCode::SUCCESS
}

/// A path as the user gave it, with `/` separators.
fn display(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
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
