//! `bout continuity`: the injury continuity report — every cut, swelling
//! and knockdown per fighter, where it happened and where make-up must
//! carry it; the make-up chart per scene (see `docs/continuity.md`).

use clap::ValueEnum;

use bout::export::continuity;

use super::export::Target;
use super::{ExitStatus, json_to};

/// `bout continuity FILE [--to csv|json|html] [-o OUT]`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: Target,
    /// The format: the script supervisor's breakdown (CSV, one row per part
    /// of a scene and injury carried there), the whole report as JSON
    /// (schema: docs/continuity.schema.json), or one HTML page with a face
    /// diagram per fighter and the make-up chart.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    to: Format,
}

/// The continuity formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The breakdown, one row per part of a scene and injury carried there.
    Csv,
    /// Every injury and the make-up chart (docs/continuity.schema.json).
    Json,
    /// One standalone page: face diagrams, then the make-up chart.
    Html,
}

/// Runs `bout continuity`.
pub fn run(args: Args) -> ExitStatus {
    let Args { target, to } = args;
    super::export::run(&target.file, target.output.as_deref(), |model, out| {
        let report = continuity::build(model);
        match to {
            Format::Csv => out.write_all(continuity::csv(&report).as_bytes()),
            Format::Json => json_to(out, &report),
            Format::Html => out.write_all(continuity::html(&report).as_bytes()),
        }
    })
}
