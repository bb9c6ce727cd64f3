//! `bout sides` (being built).

use super::ExitStatus;
use super::export::Target;

/// `bout sides FILE`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: Target,
}

/// Runs `bout sides`.
pub fn run(args: Args) -> ExitStatus {
    let _ = args.target;
    ExitStatus::Error
}
