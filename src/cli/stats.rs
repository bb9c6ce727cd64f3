//! `bout stats`: punch stats per fighter and round, screen time, pages,
//! dialogue.

use std::path::PathBuf;

use bout::export;
use bout::report;

use super::{ExitStatus, json_to};

/// `bout stats FILE [--json]`.
#[derive(clap::Args)]
pub struct Args {
    /// The `.bout` file (`-` reads stdin).
    file: PathBuf,
    /// Print JSON instead of tables.
    #[arg(long)]
    json: bool,
}

/// Runs `bout stats`.
pub fn run(args: Args) -> ExitStatus {
    let Args { file, json } = args;
    super::export::run(&file, None, |model, out| {
        let stats = export::stats::compute(model);
        if json {
            json_to(out, &stats)
        } else {
            // The table goes to a terminal: control and text-direction
            // characters are shown escaped.
            out.write_all(report::visible_text(&export::stats::table(&stats)).as_bytes())
        }
    })
}
