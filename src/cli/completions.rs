//! `bout completions SHELL`: a completion script, made by clap from the
//! same definitions that parse the command line, so it never drifts.

use clap::CommandFactory;

use super::{Cli, ExitStatus, write_stdout};

/// `bout completions SHELL`.
#[derive(clap::Args)]
pub struct Args {
    /// The shell.
    shell: clap_complete::Shell,
}

/// Runs `bout completions`.
pub fn run(args: &Args) -> ExitStatus {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "bout", &mut script);
    write_stdout(&script)
}
