//! `bout graph`: the event graph with its edge kinds, as DOT or JSON.

use clap::ValueEnum;

use bout::export;

use super::export::Target;
use super::{ExitStatus, json_to};

/// `bout graph FILE --to FORMAT [-o OUT]`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: Target,
    /// The format.
    #[arg(long, value_enum)]
    to: Format,
}

/// The graph formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Graphviz DOT.
    Dot,
    /// Nodes and edges as JSON.
    Json,
}

/// Runs `bout graph`.
pub fn run(args: Args) -> ExitStatus {
    let Args { target, to } = args;
    super::export::run(
        &target.file,
        target.output.as_deref(),
        |model, out| match to {
            Format::Dot => out
                .write_all(export::graph::dot(model, export::graph::Options::default()).as_bytes()),
            Format::Json => json_to(out, &export::graph::json(model)),
        },
    )
}
