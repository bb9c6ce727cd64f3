//! `bout lsp`: the language server, on stdin and stdout.

use super::ExitStatus;

/// `bout lsp`'s arguments.
#[derive(clap::Args)]
pub struct Args {
    /// Accepted for clients that pass it (VS Code's language client does);
    /// stdio is the only transport.
    #[arg(long)]
    stdio: bool,
}

/// Serves until the client exits; exit status 2 only when the client's
/// side of stdout fails.
pub fn run(args: &Args) -> ExitStatus {
    let _ = args.stdio;
    match bout::lsp::run_stdio() {
        Ok(()) => ExitStatus::Success,
        Err(error) => {
            eprintln!("bout lsp: {}", bout::input::io_message(&error));
            ExitStatus::Error
        }
    }
}
