//! `bout render`: the screenplay as Fountain, Final Draft, PDF or HTML.

use clap::ValueEnum;
use std::io::IsTerminal;

use bout::export::screenplay::{self, Choreography, fdx, fountain, html, layout::Paper, pdf};

use super::export::Target;
use super::{ExitStatus, is_dash};

/// `bout render FILE --to FORMAT [-o OUT] [options]`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: Target,
    /// The format.
    #[arg(long, value_enum)]
    to: Format,
    /// Paper size (PDF and HTML).
    #[arg(long, value_enum, default_value_t = PaperArg::Letter)]
    paper: PaperArg,
    /// Number the scenes.
    #[arg(long)]
    scene_numbers: bool,
    /// Include `note` beats.
    #[arg(long)]
    notes: bool,
    /// How fights appear.
    #[arg(long, value_enum, default_value_t = ChoreographyArg::Prose)]
    choreography: ChoreographyArg,
}

/// The screenplay formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Fountain 1.1.
    Fountain,
    /// Final Draft XML.
    Fdx,
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

/// `--choreography`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ChoreographyArg {
    /// Action prose.
    Prose,
    /// The numbered fight-script table.
    Table,
    /// Prose, then the table.
    Both,
}

/// Runs `bout render`.
pub fn run(args: Args) -> ExitStatus {
    let Args {
        target,
        to,
        paper,
        scene_numbers,
        notes,
        choreography,
    } = args;
    let to_stdout = target.output.as_deref().is_none_or(is_dash);
    if to == Format::Pdf && to_stdout && std::io::stdout().is_terminal() {
        eprintln!(
            "error: a PDF is binary; write it to a file with `-o OUT.pdf`, or redirect stdout"
        );
        return ExitStatus::Error;
    }
    super::export::run(&target.file, target.output.as_deref(), |model, out| {
        let options = screenplay::Options {
            scene_numbers,
            notes,
            choreography: match choreography {
                ChoreographyArg::Prose => Choreography::Prose,
                ChoreographyArg::Table => Choreography::Table,
                ChoreographyArg::Both => Choreography::Both,
            },
        };
        let play = screenplay::build(model, options);
        // A stage play numbers its scenes in its SCENE lines; the PDF and
        // HTML set no screenplay scene numbers beside them.
        if scene_numbers
            && play.form == screenplay::Form::StagePlay
            && matches!(to, Format::Pdf | Format::Html)
        {
            eprintln!(
                "note: --scene-numbers has no effect on a stage play's PDF or HTML (its SCENE lines number the scenes)"
            );
        }
        if scene_numbers && screenplay::numbers_its_scenes(model) {
            eprintln!(
                "note: the script numbers its scenes (`number \"…\"`): those numbers are printed, and --scene-numbers counts no others"
            );
        }
        let paper = match paper {
            PaperArg::Letter => Paper::Letter,
            PaperArg::A4 => Paper::A4,
        };
        match to {
            Format::Fountain => fountain::write(&play, fountain::Options::default(), out),
            Format::Fdx => fdx::write(&play, fdx::Options { paper }, out),
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
