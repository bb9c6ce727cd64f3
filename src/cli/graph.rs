//! `bout graph`: the event graph with its edge kinds, as DOT or JSON.

use clap::ValueEnum;

use bout::export;

use super::export::Target;
use super::{ExitStatus, json_to};

/// `bout graph FILE --to FORMAT [-o OUT]`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    target: Target,
    /// The format.
    #[arg(long, value_enum)]
    to: Format,
    /// Only this fight: its label (`#title-bout` or `title-bout`) or its
    /// number, from 1, in the script's order.
    #[arg(long, value_name = "LABEL|N")]
    fight: Option<String>,
    /// Only this round of the fight (`--fight` given, or the script's only
    /// fight).
    #[arg(long, value_name = "N")]
    round: Option<u32>,
}

/// The graph formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Graphviz DOT.
    Dot,
    /// Nodes and edges as JSON.
    Json,
}

/// Runs `bout graph`.
pub fn run(args: Args) -> ExitStatus {
    let Args {
        target,
        to,
        fight,
        round,
    } = args;
    super::export::run(&target.file, target.output.as_deref(), |model, out| {
        let only = match (&fight, round) {
            (None, None) => None,
            (fight, round) => {
                let fight = fight.clone().unwrap_or_else(|| "1".into());
                match export::graph::prefix(model, &fight, round) {
                    Some(prefix) => Some(prefix),
                    None => {
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::InvalidInput,
                            format!(
                                "no fight `{fight}` in the script (give its label or its number from 1)"
                            ),
                        ));
                    }
                }
            }
        };
        match to {
            Format::Dot => {
                let options = export::graph::Options {
                    only,
                    ..export::graph::Options::default()
                };
                out.write_all(export::graph::dot(model, &options).as_bytes())
            }
            Format::Json => json_to(out, &export::graph::json(model)),
        }
    })
}
