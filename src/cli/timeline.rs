//! `bout timeline`: every beat and event with both clocks, as JSON,
//! OpenTimelineIO, CSV or SVG.

use clap::ValueEnum;

use bout::export;

use super::export::Target;
use super::{ExitStatus, json_to};

/// `bout timeline FILE --to FORMAT [-o OUT] [--fps N]`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: Target,
    /// The format.
    #[arg(long, value_enum)]
    to: Format,
    /// Frames per second.
    #[arg(long, default_value_t = 24, value_parser = clap::value_parser!(u32).range(1..=1000))]
    fps: u32,
}

/// The timeline formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Every event as JSON (schema: docs/timeline.schema.json).
    Json,
    /// OpenTimelineIO.
    Otio,
    /// One row per event.
    Csv,
    /// A picture.
    Svg,
}

/// Runs `bout timeline`.
pub fn run(args: Args) -> ExitStatus {
    let Args { target, to, fps } = args;
    super::export::run(&target.file, target.output.as_deref(), |model, out| {
        let timeline = export::timeline::build(model, fps);
        match to {
            Format::Json => json_to(out, &timeline),
            Format::Otio => json_to(
                out,
                &export::otio::export(&timeline, export::otio::Options::default()),
            ),
            Format::Csv => out.write_all(
                export::csv::export(&timeline, export::csv::Options::default()).as_bytes(),
            ),
            Format::Svg => out.write_all(
                export::svg::export(&timeline, export::svg::Options::default()).as_bytes(),
            ),
        }
    })
}
