//! `bout timeline`: every beat and event with both clocks, as JSON,
//! OpenTimelineIO, CSV or SVG.

use clap::ValueEnum;

use bout::export;

use super::export::Target;
use super::{ExitStatus, json_to};

/// `bout timeline FILE --to FORMAT [-o OUT] [--fps RATE] [--media …] [--tracks …]`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: Target,
    /// The format.
    #[arg(long, value_enum)]
    to: Format,
    /// Frames per second: a whole number (24, 25, 30), an NTSC rate (23.976,
    /// 29.97, 59.94) or a fraction (24000/1001).
    #[arg(long, default_value = "24", value_parser = export::timeline::Rate::parse)]
    fps: export::timeline::Rate,
    /// OpenTimelineIO: each clip's media, a placeholder file that does not
    /// exist (offline media to an editor) or OTIO's MissingReference.
    /// [default: offline]
    #[arg(long, value_enum)]
    media: Option<MediaArg>,
    /// OpenTimelineIO: as many tracks as overlaps need, or one video and one
    /// audio track (overlaps flattened), as an EDL (cmx_3600) holds.
    /// [default: layered]
    #[arg(long, value_enum)]
    tracks: Option<TracksArg>,
    /// SVG: the clock along the rows, screen time (the whole script) or
    /// each fight's own clock (story time, rests included).
    /// [default: screen]
    #[arg(long, value_enum)]
    clock: Option<ClockArg>,
}

/// `--clock`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ClockArg {
    /// Screen time.
    Screen,
    /// The fight clock, fight by fight.
    Fight,
}

/// `--media`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MediaArg {
    /// `file:///bout-placeholder/ID.mov`, which does not exist.
    Offline,
    /// OTIO's MissingReference, with its range.
    Missing,
}

/// `--tracks`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TracksArg {
    /// Video 1, Video 2…, Dialogue 1…, Sound 1…
    Layered,
    /// Video 1 and Audio 1.
    Single,
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
    let Args {
        target,
        to,
        fps,
        media,
        tracks,
        clock,
    } = args;
    // An option of another format is said, not silently dropped.
    for (given, option, format) in [
        (media.is_some() && to != Format::Otio, "--media", "otio"),
        (tracks.is_some() && to != Format::Otio, "--tracks", "otio"),
        (clock.is_some() && to != Format::Svg, "--clock", "svg"),
    ] {
        if given {
            eprintln!("note: {option} applies to --to {format} only; ignored");
        }
    }
    let svg = export::svg::Options {
        clock: match clock.unwrap_or(ClockArg::Screen) {
            ClockArg::Screen => export::svg::Clock::Screen,
            ClockArg::Fight => export::svg::Clock::Fight,
        },
        ..export::svg::Options::default()
    };
    let otio = export::otio::Options {
        media: match media.unwrap_or(MediaArg::Offline) {
            MediaArg::Offline => export::otio::Media::Offline,
            MediaArg::Missing => export::otio::Media::Missing,
        },
        tracks: match tracks.unwrap_or(TracksArg::Layered) {
            TracksArg::Layered => export::otio::Tracks::Layered,
            TracksArg::Single => export::otio::Tracks::Single,
        },
        ..export::otio::Options::default()
    };
    super::export::run(&target.file, target.output.as_deref(), |model, out| {
        let timeline = export::timeline::build(model, fps);
        match to {
            Format::Json => json_to(out, &timeline),
            Format::Otio => json_to(out, &export::otio::export(&timeline, otio)),
            Format::Csv => export::stream(out, |w| {
                export::csv::write(&timeline, export::csv::Options::default(), w)
            }),
            Format::Svg => export::stream(out, |w| export::svg::write(&timeline, svg, w)),
        }
    })
}
