//! The `bout` command line.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use bout::config::{self, Config, ConfigFile};
use bout::diag::{self, Code, Diagnostic};
use bout::export;
use bout::report::{self, Style, Summary};

/// bout allocates many small nodes and strings; mimalloc serves them faster
/// than the system allocator (about a third off a long render).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Export the timeline: every beat and event with both clocks.
    ///
    /// The script is checked first; with errors nothing is written.
    Timeline {
        /// The `.bout` file.
        file: PathBuf,
        /// The format.
        #[arg(long, value_enum)]
        to: TimelineFormat,
        /// Write here (atomically) instead of to stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Frames per second.
        #[arg(long, default_value_t = 24, value_parser = clap::value_parser!(u32).range(1..=1000))]
        fps: u32,
    },
    /// Export the event graph with its edge kinds.
    Graph {
        /// The `.bout` file.
        file: PathBuf,
        /// The format.
        #[arg(long, value_enum)]
        to: GraphFormat,
        /// Write here (atomically) instead of to stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Render the screenplay: Fountain, Final Draft, PDF or HTML.
    ///
    /// Fights become action prose (or the fight-script table). The script is
    /// checked first; with errors nothing is written.
    Render {
        /// The `.bout` file.
        file: PathBuf,
        /// The format.
        #[arg(long, value_enum)]
        to: RenderFormat,
        /// Write here (atomically) instead of to stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Paper size (PDF and HTML).
        #[arg(long, value_enum, default_value_t = PaperArg::Letter)]
        paper: PaperArg,
        /// Number the scenes.
        #[arg(long)]
        scene_numbers: bool,
        /// Include `note` beats.
        #[arg(long)]
        notes: bool,
        /// How fights appear.
        #[arg(long, value_enum, default_value_t = ChoreographyArg::Prose)]
        choreography: ChoreographyArg,
    },
    /// Punch stats per fighter and round, screen time, pages, dialogue.
    Stats {
        /// The `.bout` file.
        file: PathBuf,
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TimelineFormat {
    /// Every event as JSON (schema: docs/timeline.schema.json).
    Json,
    /// OpenTimelineIO.
    Otio,
    /// One row per event.
    Csv,
    /// A picture.
    Svg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RenderFormat {
    /// Fountain 1.1.
    Fountain,
    /// Final Draft XML.
    Fdx,
    /// PDF with Courier Prime embedded.
    Pdf,
    /// One standalone HTML file.
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PaperArg {
    /// US Letter.
    Letter,
    /// A4.
    A4,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ChoreographyArg {
    /// Action prose.
    Prose,
    /// The numbered fight-script table.
    Table,
    /// Prose, then the table.
    Both,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    /// Graphviz DOT.
    Dot,
    /// Nodes and edges as JSON.
    Json,
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
        Command::Timeline {
            file,
            to,
            output,
            fps,
        } => export(&file, output.as_deref(), |model| {
            let timeline = export::timeline::build(model, fps);
            match to {
                TimelineFormat::Json => json_text(&timeline),
                TimelineFormat::Otio => json_text(&export::otio::export(
                    &timeline,
                    export::otio::Options::default(),
                )),
                TimelineFormat::Csv => {
                    export::csv::export(&timeline, export::csv::Options::default())
                }
                TimelineFormat::Svg => {
                    export::svg::export(&timeline, export::svg::Options::default())
                }
            }
            .into_bytes()
        }),
        Command::Graph { file, to, output } => export(&file, output.as_deref(), |model| {
            match to {
                GraphFormat::Dot => export::graph::dot(model, export::graph::Options::default()),
                GraphFormat::Json => json_text(&export::graph::json(model)),
            }
            .into_bytes()
        }),
        Command::Stats { file, json } => export(&file, None, |model| {
            let stats = export::stats::compute(model);
            if json {
                json_text(&stats)
            } else {
                export::stats::table(&stats)
            }
            .into_bytes()
        }),
        Command::Render {
            file,
            to,
            output,
            paper,
            scene_numbers,
            notes,
            choreography,
        } => {
            if to == RenderFormat::Pdf && output.is_none() && std::io::stdout().is_terminal() {
                eprintln!(
                    "error: a PDF is binary; write it to a file with `-o OUT.pdf`, or redirect stdout"
                );
                return ExitCode::from(2);
            }
            export(&file, output.as_deref(), |model| {
                use export::screenplay::{
                    self, Choreography, fdx, fountain, html, layout::Paper, pdf,
                };
                let options = screenplay::Options {
                    scene_numbers,
                    notes,
                    choreography: match choreography {
                        ChoreographyArg::Prose => Choreography::Prose,
                        ChoreographyArg::Table => Choreography::Table,
                        ChoreographyArg::Both => Choreography::Both,
                    },
                };
                let play = screenplay::build(model, options);
                let paper = if paper == PaperArg::A4 {
                    Paper::A4
                } else {
                    Paper::Letter
                };
                match to {
                    RenderFormat::Fountain => {
                        fountain::export(&play, fountain::Options::default()).into_bytes()
                    }
                    RenderFormat::Fdx => fdx::export(&play, fdx::Options::default()).into_bytes(),
                    RenderFormat::Pdf => pdf::export(&play, pdf::Options { paper }),
                    RenderFormat::Html => html::export(
                        &play,
                        html::Options {
                            a4: paper == Paper::A4,
                        },
                    )
                    .into_bytes(),
                }
            })
        }
    }
}

fn json_text<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Checks `path`, and when it has no error renders it with `render` to
/// `output` (atomically) or stdout. Diagnostics go to stderr.
fn export(
    path: &Path,
    output: Option<&Path>,
    render: impl FnOnce(&bout::model::Model<'_>) -> Vec<u8> + Send,
) -> ExitCode {
    let name = display(path);
    let source = match std::fs::read(path)
        .map_err(|e| io_message(&e))
        .and_then(|b| String::from_utf8(b).map_err(|_| "the file is not UTF-8 text".to_owned()))
    {
        Ok(source) => source,
        Err(message) => {
            eprintln!("error: cannot read `{name}`: {message}");
            return ExitCode::from(2);
        }
    };
    let mut config = config::find(path)
        .and_then(|p| config::load(&p).ok())
        .map(|c| c.config)
        .unwrap_or_default();
    config.deny_warnings = false;
    let (checked, bytes) = bout::check::check_then(&source, &config, render);
    let style = terminal_style();
    let mut summary = Summary::default();
    summary.add(&checked.diagnostics);
    if !checked.diagnostics.is_empty() {
        eprint!(
            "{}",
            report::render(&name, &source, &checked.diagnostics, style)
        );
    }
    if summary.errors > 0 {
        eprintln!("{summary}: nothing exported");
        return ExitCode::from(1);
    }
    let Some(bytes) = bytes else {
        eprintln!("{summary}: nothing exported");
        return ExitCode::from(1);
    };
    match output {
        Some(out) => {
            if let Err(error) = export::write_atomic(out, &bytes) {
                eprintln!(
                    "error: cannot write `{}`: {}",
                    display(out),
                    io_message(&error)
                );
                return ExitCode::from(2);
            }
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            if stdout.write_all(&bytes).is_err() {
                return ExitCode::from(2);
            }
        }
    }
    // The tree and model are freed by the operating system at exit; freeing
    // them node by node first would only cost time.
    std::mem::forget(checked);
    ExitCode::SUCCESS
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
            let style = terminal_style();
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

/// How human reports are drawn: colour only on a terminal and without
/// `NO_COLOR`; the width from `COLUMNS`, else 100.
fn terminal_style() -> Style {
    Style {
        color: std::io::stderr().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        width: std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100),
    }
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
