//! `bout continuity` (being built).

use super::ExitStatus;
use super::export::Target;

/// `bout continuity FILE`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: Target,
}

/// Runs `bout continuity`.
pub fn run(args: Args) -> ExitStatus {
    let _ = args.target;
    ExitStatus::Error
}
