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
use bout::input;
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
        /// Say on stderr which `bout.toml` is in effect for each file.
        #[arg(short, long)]
        verbose: bool,
    },
    /// Explain a rule: what it does, why, an example, what to write instead.
    Explain {
        /// The rule's code (`L001`) or name (`low-blow`); any other word
        /// (`kidney`) lists the rules that mention it.
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
        /// Write here (atomically) instead of to stdout; `-o -` is stdout.
        #[arg(short, long, value_name = "OUT")]
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
        /// Write here (atomically) instead of to stdout; `-o -` is stdout.
        #[arg(short, long, value_name = "OUT")]
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
        /// Write here (atomically) instead of to stdout; `-o -` is stdout.
        #[arg(short, long, value_name = "OUT")]
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
    remove_temp_files_on_signals();
    match cli.command {
        Command::Check {
            files,
            format,
            deny,
            verbose,
        } => check(&files, format, deny.is_some(), verbose),
        Command::Explain { rule } => explain(&rule),
        Command::Rules { format } => rules(format),
        Command::Timeline {
            file,
            to,
            output,
            fps,
        } => export(&file, output.as_deref(), |model, out| {
            let timeline = export::timeline::build(model, fps);
            match to {
                TimelineFormat::Json => json_to(out, &timeline),
                TimelineFormat::Otio => json_to(
                    out,
                    &export::otio::export(&timeline, export::otio::Options::default()),
                ),
                TimelineFormat::Csv => out.write_all(
                    export::csv::export(&timeline, export::csv::Options::default()).as_bytes(),
                ),
                TimelineFormat::Svg => out.write_all(
                    export::svg::export(&timeline, export::svg::Options::default()).as_bytes(),
                ),
            }
        }),
        Command::Graph { file, to, output } => {
            export(&file, output.as_deref(), |model, out| match to {
                GraphFormat::Dot => out.write_all(
                    export::graph::dot(model, export::graph::Options::default()).as_bytes(),
                ),
                GraphFormat::Json => json_to(out, &export::graph::json(model)),
            })
        }
        Command::Stats { file, json } => export(&file, None, |model, out| {
            let stats = export::stats::compute(model);
            if json {
                json_to(out, &stats)
            } else {
                out.write_all(visible(&export::stats::table(&stats)).as_bytes())
            }
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
            let to_stdout = output.as_deref().is_none_or(is_stdout);
            if to == RenderFormat::Pdf && to_stdout && std::io::stdout().is_terminal() {
                eprintln!(
                    "error: a PDF is binary; write it to a file with `-o OUT.pdf`, or redirect stdout"
                );
                return ExitCode::from(2);
            }
            export(&file, output.as_deref(), |model, out| {
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
                    RenderFormat::Fountain => out.write_all(
                        fountain::export(&play, fountain::Options::default()).as_bytes(),
                    ),
                    RenderFormat::Fdx => {
                        out.write_all(fdx::export(&play, fdx::Options { paper }).as_bytes())
                    }
                    RenderFormat::Pdf => out.write_all(&pdf::export(&play, pdf::Options { paper })),
                    RenderFormat::Html => out.write_all(
                        html::export(
                            &play,
                            html::Options {
                                a4: paper == Paper::A4,
                            },
                        )
                        .as_bytes(),
                    ),
                }
            })
        }
    }
}

/// Writes `value` as pretty JSON and a line end, streaming: no text of the
/// whole document is built first.
fn json_to<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// The stats table with control and text-direction characters escaped:
/// it goes to a terminal.
fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    report::visible_text(text)
}

/// Ends the process on SIGINT, SIGTERM and SIGHUP (exit status 128 + the
/// signal, as a shell reports it) after removing the temporary files of any
/// write in progress.
fn remove_temp_files_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            export::remove_temp_files();
            std::process::exit(128 + signal);
        }
    });
}

/// `-o -`: standard output.
fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Writes `bytes` to stdout and flushes; a failure (a full disk, a closed
/// pipe) is an error, reported except for a reader that went away.
fn write_stdout(bytes: &[u8]) -> Result<(), ExitCode> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(error) => {
            if error.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!(
                    "error: cannot write to stdout: {}",
                    input::io_message(&error)
                );
            }
            Err(ExitCode::from(2))
        }
    }
}

/// Checks `path`, and when it has no error renders it with `render` to
/// `output` (atomically) or stdout. Diagnostics go to stderr.
fn export(
    path: &Path,
    output: Option<&Path>,
    render: impl FnOnce(&bout::model::Model<'_>, &mut dyn Write) -> std::io::Result<()> + Send,
) -> ExitCode {
    let name = display(path);
    let config_path = config::find(path);
    // Refuse a bad `-o` before doing any work.
    let output = match output.filter(|o| !is_stdout(o)) {
        None => None,
        Some(out) => {
            let mut inputs = vec![path];
            inputs.extend(config_path.as_deref());
            match export::destination(out, &inputs) {
                Ok(dest) => Some((out, dest)),
                Err(error) => {
                    eprintln!(
                        "error: will not write `{}`: {}",
                        display(out),
                        error_message(&error)
                    );
                    return ExitCode::from(2);
                }
            }
        }
    };
    let source = match input::read_text(path, input::SCRIPT_LIMIT) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("error: {}", error.message(&name));
            return ExitCode::from(2);
        }
    };
    let style = terminal_style();
    let mut summary = Summary::default();
    let mut config = match config_path.as_deref().map(config::load) {
        None => Config::default(),
        Some(Ok(file)) => {
            // A mistake in bout.toml is an error for `check`, so it is one here.
            summary.add(&file.diagnostics);
            if !file.diagnostics.is_empty() {
                eprint!(
                    "{}",
                    report::render(&display(&file.path), &file.source, &file.diagnostics, style)
                );
            }
            file.config
        }
        Some(Err(error)) => {
            let config_name = config_path.as_deref().map(display).unwrap_or_default();
            eprintln!("error: {}", error.message(&config_name));
            return ExitCode::from(2);
        }
    };
    config.deny_warnings = false;
    // The export streams into its destination as it is made: a temporary
    // file beside `-o` (renamed into place only if the script checks
    // clean), or for stdout a spool that stays in memory up to 32 MiB and
    // then moves to disk, so a large export never sits whole in memory.
    let mut sink = match &output {
        Some((out, dest)) => match export::AtomicFile::create(dest) {
            Ok(file) => Sink::File(file),
            Err(error) => {
                eprintln!(
                    "error: cannot write `{}`: {}",
                    display(out),
                    error_message(&error)
                );
                return ExitCode::from(2);
            }
        },
        None => Sink::Spool(tempfile::SpooledTempFile::new(32 << 20)),
    };
    let (checked, written) = bout::check::check_then(&source, &config, |model| {
        let out: &mut dyn Write = match &mut sink {
            Sink::File(file) => file,
            Sink::Spool(spool) => spool,
        };
        render(model, out)
    });
    summary.add(&checked.diagnostics);
    if !checked.diagnostics.is_empty() {
        eprint!(
            "{}",
            report::render(&name, &source, &checked.diagnostics, style)
        );
    }
    let written = match written {
        Some(written) if summary.errors == 0 => written,
        _ => {
            eprintln!("{summary}: nothing exported");
            return ExitCode::from(1);
        }
    };
    let delivered = written.and_then(|()| match sink {
        Sink::File(file) => file.commit(),
        Sink::Spool(mut spool) => {
            use std::io::Seek;
            spool.rewind()?;
            let mut stdout = std::io::stdout().lock();
            std::io::copy(&mut spool, &mut stdout)?;
            stdout.flush()
        }
    });
    if let Err(error) = delivered {
        match &output {
            Some((out, _)) => eprintln!(
                "error: cannot write `{}`: {}",
                display(out),
                error_message(&error)
            ),
            None if error.kind() == std::io::ErrorKind::BrokenPipe => {}
            None => eprintln!(
                "error: cannot write to stdout: {}",
                input::io_message(&error)
            ),
        }
        return ExitCode::from(2);
    }
    // The tree and model are freed by the operating system at exit; freeing
    // them node by node first would only cost time.
    std::mem::forget(checked);
    ExitCode::SUCCESS
}

/// Where an export goes while it is made.
enum Sink {
    /// `-o FILE`: a temporary file beside it.
    File(export::AtomicFile),
    /// stdout: a spool, copied out once the script is known to be clean.
    Spool(tempfile::SpooledTempFile),
}

/// One checked file, ready to print.
struct Checked {
    name: String,
    source: String,
    diagnostics: Vec<Diagnostic>,
}

fn check(files: &[PathBuf], format: Format, deny_warnings: bool, verbose: bool) -> ExitCode {
    let mut stderr = std::io::stderr().lock();
    // The bout.toml of each file, found once.
    let found: Vec<Option<PathBuf>> = files.iter().map(|p| config::find(p)).collect();
    // Each distinct bout.toml is read once, and its own mistakes reported once.
    let mut configs: HashMap<PathBuf, Option<ConfigFile>> = HashMap::new();
    // The bout.toml files in effect, in the order first used.
    let mut in_effect: Vec<&Path> = Vec::new();
    let mut unreadable = 0;
    for path in found.iter().flatten() {
        if let std::collections::hash_map::Entry::Vacant(slot) = configs.entry(path.clone()) {
            let loaded = match config::load(slot.key()) {
                Ok(file) => {
                    in_effect.push(path);
                    Some(file)
                }
                Err(error) => {
                    let _ = writeln!(stderr, "error: {}", error.message(&display(slot.key())));
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
            let name = display(path);
            let source = input::read_text(path, input::SCRIPT_LIMIT)
                .map_err(|error| error.message(&name))?;
            let diagnostics = bout::check::check_with(&source, &config_for(config)).diagnostics;
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
        let result = match machine {
            Machine::Json(doc) => serde_json::to_writer(&mut out, &doc)
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n")),
            Machine::Sarif(log) => serde_json::to_writer_pretty(&mut out, &log)
                .map_err(std::io::Error::from)
                .and_then(|()| out.write_all(b"\n")),
            Machine::Github(files) => report::write_github(&mut out, files),
        }
        .and_then(|()| out.flush());
        result.map_err(|error| {
            if error.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!(
                    "error: cannot write to stdout: {}",
                    input::io_message(&error)
                );
            }
            ExitCode::from(2)
        })
    });

    let _ = if unreadable > 0 {
        writeln!(
            stderr,
            "{summary} in {}, {} could not be read",
            plural(files.len(), "file"),
            plural(unreadable, "file")
        )
    } else {
        writeln!(stderr, "{summary}")
    };
    if let Err(code) = written {
        code
    } else if unreadable > 0 {
        ExitCode::from(2)
    } else if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The `--format json` document: the report's, with the files that could
/// not be read and the bout.toml files in effect added to the summary.
#[derive(serde::Serialize)]
struct JsonDocument<'a> {
    diagnostics: report::JsonDiagnostics<'a>,
    summary: JsonSummary,
}

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

/// `1 file`, `3 files`.
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The message of an error from [`export::destination`] or
/// [`export::write_atomic`]: a refusal as it is, an I/O error in bout's words.
fn error_message(error: &std::io::Error) -> String {
    match error.get_ref() {
        Some(inner) if inner.is::<export::Refusal>() => inner.to_string(),
        _ => input::io_message(error),
    }
}

fn explain(rule: &str) -> ExitCode {
    match Code::lookup(rule) {
        Some(code) => match write_stdout(report::explain(code).as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        },
        None => {
            let help = diag::did_you_mean(rule, diag::CODES.iter().map(|c| c.name))
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            let shown = report::visible_text(rule);
            // Not a code or a name: the rules that mention it, if any.
            let found = diag::search(rule);
            if !found.is_empty() {
                let text = format!(
                    "no rule is called `{shown}`{help}; {} it (`bout explain CODE` for one):\n\n{}",
                    match found.len() {
                        1 => "1 rule mentions".to_owned(),
                        n => format!("{n} rules mention"),
                    },
                    report::rules_table_of(&found)
                );
                return match write_stdout(text.as_bytes()) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(code) => code,
                };
            }
            eprintln!("error: no rule is called `{shown}`{help}; `bout rules` lists them all");
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
    match write_stdout(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
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
///
/// Control and text-direction characters in a path are shown escaped
/// (`\u{1B}`), here and so in every message and report that names it: a
/// file name must not drive the terminal or a CI log.
fn display(path: &Path) -> String {
    report::visible_text(&path.display().to_string().replace('\\', "/")).into_owned()
}
