//! `bout sides`: a performer's sides — the scenes they are in, their lines
//! with the cue before each, every fight event they take part in as a
//! numbered, clocked row, the rest condensed — as PDF or HTML in the
//! screenplay's layout. See `docs/sides.md`.

use clap::ValueEnum;
use std::io::IsTerminal;

use bout::export::screenplay::{html, layout::Paper, pdf};
use bout::export::sides;

use super::export::Target;
use super::{ExitStatus, is_dash};

/// `bout sides FILE --for ID[,ID…] --to pdf|html [-o OUT] [--paper …]`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: Target,
    /// Whose sides: cast ids, comma-separated; several make one document
    /// covering all of them (a scene is in when any of them is).
    #[arg(
        long = "for",
        value_name = "ID[,ID…]",
        value_delimiter = ',',
        required = true
    )]
    performers: Vec<String>,
    /// The format.
    #[arg(long, value_enum)]
    to: Format,
    /// Paper size.
    #[arg(long, value_enum, default_value_t = PaperArg::Letter)]
    paper: PaperArg,
}

/// The formats of the sides.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// PDF with Courier Prime embedded.
    Pdf,
    /// One standalone HTML file.
    Html,
}

/// `--paper`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PaperArg {
    /// US Letter.
    Letter,
    /// A4.
    A4,
}

/// Runs `bout sides`.
pub fn run(args: Args) -> ExitStatus {
    let Args {
        target,
        performers,
        to,
        paper,
    } = args;
    let to_stdout = target.output.as_deref().is_none_or(is_dash);
    if to == Format::Pdf && to_stdout && std::io::stdout().is_terminal() {
        eprintln!(
            "error: a PDF is binary; write it to a file with `-o OUT.pdf`, or redirect stdout"
        );
        return ExitStatus::Error;
    }
    super::export::run(&target.file, target.output.as_deref(), |model, out| {
        let play = sides::build(model, &performers)
            .map_err(|message| std::io::Error::new(std::io::ErrorKind::InvalidInput, message))?;
        let paper = match paper {
            PaperArg::Letter => Paper::Letter,
            PaperArg::A4 => Paper::A4,
        };
        match to {
            Format::Pdf => pdf::write(&play, pdf::Options { paper }, out),
            Format::Html => html::write(
                &play,
                html::Options {
                    a4: paper == Paper::A4,
                },
                out,
            ),
        }
    })
}
