//! The `bout` command line: one module per command, each with its `Args`
//! (clap) and its `run`, returning one [`ExitStatus`].
//!
//! What every command shares lives here and in two modules: [`source`]
//! reads scripts (`-` is stdin everywhere, a directory is expanded where a
//! command takes several files) and finds and loads `bout.toml`, the one
//! way; [`export`] checks a script and streams an export to `-o` or stdout.
//! Adding a command is one module and one variant of [`Command`].

mod call;
mod check;
mod completions;
mod continuity;
mod explain;
mod export;
mod fmt;
mod graph;
mod import;
mod init;
mod lsp;
mod preview;
mod render;
mod rules;
mod sides;
mod source;
mod stats;
mod timeline;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use bout::input;
use bout::report::{self, Style};

/// bout: screenplays with fights in them, down to the punch.
#[derive(Parser)]
#[command(name = "bout", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The commands, one module each.
#[derive(Subcommand)]
enum Command {
    /// Check scripts: syntax, names, rounds, fighters' state, fouls, time,
    /// screenplay form and performer safety.
    ///
    /// Exit status: 0 when no file has an error (warnings allowed), 1 when
    /// any has, 2 for usage errors and files that cannot be read. Levels come
    /// from the nearest `bout.toml` (`[lints] rule-name = "allow"|"warn"|"deny"`)
    /// and from `// bout: allow(rule-name)` on the line before.
    Check(check::Args),
    /// Format scripts in the one canonical layout (docs/style.md).
    ///
    /// Exit status: 0 when done (or, with `--check`/`--diff`, when nothing
    /// would change), 1 when `--check`/`--diff` finds a file to change, 2
    /// when a file cannot be read or has syntax errors (it is left as is).
    Fmt(fmt::Args),
    /// Explain a rule: what it does, why, an example, what to write instead.
    Explain(explain::Args),
    /// List every rule.
    Rules(rules::Args),
    /// Export the timeline: every beat and event with both clocks.
    ///
    /// The script is checked first; with errors nothing is written.
    Timeline(timeline::Args),
    /// Export the event graph with its edge kinds.
    Graph(graph::Args),
    /// Render the screenplay: Fountain, Final Draft, PDF or HTML.
    ///
    /// Fights become action prose (or the fight-script table). The script is
    /// checked first; with errors nothing is written.
    Render(render::Args),
    /// Punch stats per fighter and round, screen time, pages, dialogue.
    Stats(stats::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    ///
    /// For instance `bout completions bash > ~/.local/share/bash-completion/completions/bout`.
    Completions(completions::Args),
    /// Start a project: a starter script that checks clean and a `bout.toml`
    /// listing every rule at its default level.
    Init(init::Args),
    /// Import a Fountain or Final Draft screenplay as a `.bout` script, the
    /// cast built from its cues; the report of every heuristic decision
    /// goes to stderr.
    Import(import::Args),
    /// Run the language server on stdin and stdout, for editors.
    ///
    /// Diagnostics as you type, hover with the fight's state at every
    /// event, the clock beside every punch, completion, go to definition,
    /// rename, outline, formatting and quick fixes. See the README's
    /// "Editors" section for Neovim, Helix, Zed, Emacs and VS Code.
    Lsp(lsp::Args),
    /// Preview the screenplay, the timeline, the diagnostics and the stats
    /// live in the browser: every save re-checks and updates the page.
    ///
    /// Serves on 127.0.0.1 only (a free port unless `--port`), prints the
    /// URL; with errors the last good render stays, the errors overlaid.
    Preview(preview::Args),
    /// A performer's sides: the scenes they are in, their lines with the
    /// cue before each, every fight event they take part in, numbered and
    /// clocked, the rest condensed; PDF or HTML in the screenplay's layout.
    Sides(sides::Args),
    /// The fight-call sheet: each fight's performers, moves, knaps, falls,
    /// contact and props, run at half and then performance speed, biggest
    /// and riskiest first, with estimated times and a total.
    Call(call::Args),
    /// The injury continuity report: every cut, swelling and knockdown per
    /// fighter, and every later scene where make-up must carry it.
    Continuity(continuity::Args),
}

/// How a command ended; the process's exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: done, nothing wrong (warnings allowed).
    Success,
    /// 1: the input has errors (or, for `--check`, would change).
    Failure,
    /// 2: a usage error, or a file that could not be read or written.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

/// Parses the command line and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    // The servers write no files and stop on a signal themselves (the
    // preview closes its connections; the language server ends with its
    // input); every other command removes its temporary files.
    if !matches!(cli.command, Command::Preview(_) | Command::Lsp(_)) {
        remove_temp_files_on_signals();
    }
    let status = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Explain(args) => explain::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Timeline(args) => timeline::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Render(args) => render::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Completions(args) => completions::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Import(args) => import::run(args),
        Command::Lsp(args) => lsp::run(&args),
        Command::Preview(args) => preview::run(args),
        Command::Sides(args) => sides::run(args),
        Command::Call(args) => call::run(args),
        Command::Continuity(args) => continuity::run(args),
    };
    status.into()
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
            bout::export::remove_temp_files();
            std::process::exit(128 + signal);
        }
    });
}

/// `-` as a path: standard input, or for `-o`, standard output.
fn is_dash(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Writes `bytes` to stdout and flushes; a failure (a full disk, a closed
/// pipe) is an error, reported except for a reader that went away.
fn write_stdout(bytes: &[u8]) -> ExitStatus {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitStatus::Success,
        Err(error) => {
            stdout_error(&error);
            ExitStatus::Error
        }
    }
}

/// Reports a failed write to stdout, except for a reader that went away.
fn stdout_error(error: &std::io::Error) {
    if error.kind() != std::io::ErrorKind::BrokenPipe {
        eprintln!(
            "error: cannot write to stdout: {}",
            input::io_message(error)
        );
    }
}

/// Writes `value` as pretty JSON and a line end, streaming: no text of the
/// whole document is built first.
fn json_to<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> std::io::Result<()> {
    // serde_json writes a document in many small pieces; buffered here they
    // reach `out` (a trait object) in large ones.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, value)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// `1 file`, `3 files`.
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The message of an error from [`bout::export::destination`] or an atomic
/// write: a refusal as it is, an I/O error in bout's words.
fn error_message(error: &std::io::Error) -> String {
    match error.get_ref() {
        Some(inner) if inner.is::<bout::export::Refusal>() => inner.to_string(),
        _ => input::io_message(error),
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

/// A path as the user gave it, with `/` separators; `-` is `<stdin>`.
///
/// Control and text-direction characters in a path are shown escaped
/// (`\u{1B}`), here and so in every message and report that names it: a
/// file name must not drive the terminal or a CI log.
fn display(path: &Path) -> String {
    if is_dash(path) {
        return "<stdin>".to_owned();
    }
    report::visible_text(&path.display().to_string().replace('\\', "/")).into_owned()
}
