//! `bout call` (being built).

use super::ExitStatus;
use super::export::Target;

/// `bout call FILE`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: Target,
}

/// Runs `bout call`.
pub fn run(args: Args) -> ExitStatus {
    let _ = args.target;
    ExitStatus::Error
}
