//! `bout call`: the fight-call sheet — each fight's performers, moves,
//! knaps, falls, contact and props, run at half and then performance speed,
//! riskiest and biggest first, with estimated times and a total (see
//! `docs/call.md`).

use std::io::IsTerminal;

use clap::ValueEnum;

use bout::export::call;
use bout::export::screenplay::layout::Paper;

use super::export::Target;
use super::{ExitStatus, is_dash, json_to};

/// `bout call FILE [--to pdf|html|csv|json] [-o OUT]`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: Target,
    /// The format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    to: Format,
    /// The production's limit on performance speed, percent: 75 at most
    /// (the safe ceiling for fight call), lower if the production says so.
    /// The second pass runs no faster.
    #[arg(long, value_name = "PCT", default_value_t = bout::model::call::DEFAULT_SPEED_LIMIT,
          value_parser = clap::value_parser!(u32).range(1..=75))]
    max_speed: u32,
    /// Paper size (PDF).
    #[arg(long, value_enum, default_value_t = PaperArg::Letter)]
    paper: PaperArg,
}

/// The call-sheet formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A row per entry and a TOTAL row, for a spreadsheet.
    Csv,
    /// The whole sheet (docs/call.schema.json).
    Json,
    /// One standalone page with the sheet as a table, to print.
    Html,
    /// A typed sheet in Courier.
    Pdf,
}

/// `--paper`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PaperArg {
    /// US Letter.
    Letter,
    /// A4.
    A4,
}

/// Runs `bout call`.
pub fn run(args: Args) -> ExitStatus {
    let Args {
        target,
        to,
        max_speed,
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
        let sheet = call::build(model, max_speed);
        match to {
            Format::Csv => out.write_all(call::csv(&sheet).as_bytes()),
            Format::Json => json_to(out, &sheet),
            Format::Html => out.write_all(call::html(&sheet).as_bytes()),
            Format::Pdf => out.write_all(&call::pdf(
                &sheet,
                match paper {
                    PaperArg::Letter => Paper::Letter,
                    PaperArg::A4 => Paper::A4,
                },
            )),
        }
    })
}
