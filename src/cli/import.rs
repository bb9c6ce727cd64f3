//! `bout import`: a Fountain or Final Draft screenplay in, a `.bout` script
//! out.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;

use bout::export;
use bout::import::{self, Note};

use super::source::{self, Source};
use super::{ExitStatus, display, error_message, is_dash};

/// `bout import FILE [-o OUT.bout] [--from fountain|fdx] [--report human|json]`.
#[derive(clap::Args)]
pub struct Args {
    /// The screenplay (`-` reads stdin).
    file: PathBuf,
    /// Write the script here (atomically) instead of to stdout; `-o -` is
    /// stdout.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// The screenplay's format: `fountain` or `fdx` (Final Draft); default:
    /// from the extension (`.fdx` is Final Draft), Fountain otherwise.
    #[arg(long, value_enum)]
    from: Option<From>,
    /// How the import report is written to stderr.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    report: ReportFormat,
}

/// The formats read.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum From {
    /// Fountain 1.1.
    Fountain,
    /// Final Draft XML (`.fdx`).
    Fdx,
}

impl From {
    /// The format a path's extension names: `.fdx` (any case) is Final
    /// Draft; anything else, stdin included, Fountain.
    fn of(path: &std::path::Path) -> From {
        match path.extension() {
            Some(ext) if ext.eq_ignore_ascii_case("fdx") => From::Fdx,
            _ => From::Fountain,
        }
    }
}

/// `--report`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// One line per decision: `FILE:LINE: message`.
    Human,
    /// One JSON document: `{"file": …, "decisions": [{"line", "message"}]}`.
    Json,
}

/// Runs `bout import`.
pub fn run(args: Args) -> ExitStatus {
    let Args {
        file,
        output,
        from,
        report,
    } = args;
    let destination = match output.as_deref().filter(|o| !is_dash(o)) {
        None => None,
        Some(out) => {
            // Stdin redirected from a file is that file: `bout import - -o
            // x.fountain < x.fountain` must not write over it.
            let stdin = std::path::Path::new("/dev/stdin");
            let inputs: Vec<&std::path::Path> = if is_dash(&file) {
                vec![stdin]
            } else {
                vec![&file]
            };
            match export::destination(out, &inputs) {
                Ok(dest) => Some((out.to_path_buf(), dest)),
                Err(error) => {
                    eprintln!(
                        "error: will not write `{}`: {}",
                        display(out),
                        error_message(&error)
                    );
                    return ExitStatus::Error;
                }
            }
        }
    };
    let Source { name, text } = match source::read_source(&file) {
        Ok(source) => source,
        Err(message) => {
            // A word processor's file is binary (a .docx is a zip).
            let hint = if message.contains("not text") {
                "; bout imports Fountain (.fountain) and Final Draft (.fdx): export the screenplay as one of them"
            } else {
                ""
            };
            eprintln!("error: {message}{hint}");
            return ExitStatus::Error;
        }
    };
    // Without `--from`: the extension, or Final Draft XML read on stdin or
    // under another name.
    let from = from.unwrap_or_else(|| match From::of(&file) {
        From::Fountain if looks_like_fdx(&text) => From::Fdx,
        chosen => chosen,
    });
    let imported = match from {
        From::Fountain => import::fountain(&text),
        From::Fdx => match import::fdx::detect(&text) {
            Ok(()) => import::fdx(&text),
            Err(why) => {
                eprintln!("error: `{name}` is not a Final Draft file: {why}");
                return ExitStatus::Error;
            }
        },
    };
    write_report(&name, &imported.report, report);
    let written = match &destination {
        Some((_, dest)) => export::write_atomic(dest, imported.script.as_bytes()),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(imported.script.as_bytes())
                .and_then(|()| stdout.flush())
        }
    };
    match written {
        Ok(()) => ExitStatus::Success,
        Err(error) => {
            let target = destination.map_or("stdout".to_string(), |(out, _)| display(&out));
            eprintln!("error: cannot write `{target}`: {}", error_message(&error));
            ExitStatus::Error
        }
    }
}

/// Whether `text` opens as Final Draft XML: `<?xml` or `<FinalDraft`
/// first (after a byte-order mark and white space). No Fountain screenplay
/// starts so.
fn looks_like_fdx(text: &str) -> bool {
    let start = text.trim_start_matches('\u{FEFF}').trim_start();
    start.starts_with("<?xml") || start.starts_with("<FinalDraft")
}

/// The report on stderr. Lines of the screenplay are never echoed raw:
/// messages quote them through `escape_debug`-safe text only.
fn write_report(name: &str, notes: &[Note], format: ReportFormat) {
    let mut stderr = std::io::stderr().lock();
    match format {
        // As `bout check` does: at most `HUMAN_LIMIT` lines for a person
        // (the JSON carries every decision).
        ReportFormat::Human => {
            for note in notes.iter().take(bout::report::HUMAN_LIMIT) {
                let message: String = note
                    .message
                    .chars()
                    .flat_map(|c| {
                        if c.is_control() {
                            c.escape_default().collect::<Vec<_>>()
                        } else {
                            vec![c]
                        }
                    })
                    .collect();
                let _ = writeln!(stderr, "{name}:{}: {message}", note.line);
            }
            if notes.len() > bout::report::HUMAN_LIMIT {
                let _ = writeln!(
                    stderr,
                    "… and {} more (`--report json` lists them all)",
                    notes.len() - bout::report::HUMAN_LIMIT
                );
            }
            let _ = writeln!(
                stderr,
                "imported `{name}`: {} decision{} reported",
                notes.len(),
                if notes.len() == 1 { "" } else { "s" }
            );
        }
        ReportFormat::Json => {
            let value = serde_json::json!({ "file": name, "decisions": notes });
            let _ = writeln!(stderr, "{value}");
        }
    }
}
