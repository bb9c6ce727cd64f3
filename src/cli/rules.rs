//! `bout rules`: the rule catalogue as a table, JSON or Markdown.

use clap::ValueEnum;

use bout::report;

use super::{ExitStatus, write_stdout};

/// `bout rules [--format FORMAT]`.
#[derive(clap::Args)]
pub struct Args {
    /// How to print the list.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// The catalogue's formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// An aligned table.
    Human,
    /// A JSON array.
    Json,
    /// The Markdown catalogue (`docs/rules.md`).
    Markdown,
}

/// Runs `bout rules`.
pub fn run(args: &Args) -> ExitStatus {
    let text = match args.format {
        Format::Human => report::rules_table(),
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&report::rules_json()).unwrap_or_default();
            text.push('\n');
            text
        }
        Format::Markdown => report::rules_markdown(),
    };
    write_stdout(text.as_bytes())
}
