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
            (fight, round) => match part(model, fight.as_deref(), round) {
                Ok(prefix) => Some(prefix),
                Err(message) => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        message,
                    ));
                }
            },
        };
        match to {
            Format::Dot => {
                let options = export::graph::Options {
                    only,
                    ..export::graph::Options::default()
                };
                export::stream(out, |w| export::graph::write_dot(model, &options, w))
            }
            Format::Json => json_to(out, &export::graph::json_stream(model, only.as_deref())),
        }
    })
}

/// The id prefix of the part `--fight` and `--round` ask for, or why the
/// script has no such part.
fn part(
    model: &bout::model::Model<'_>,
    fight: Option<&str>,
    round: Option<u32>,
) -> Result<String, String> {
    if fight.is_none() && model.fights.len() > 1 {
        return Err(format!(
            "the script has {} fights: say which with `--fight LABEL|N`",
            model.fights.len()
        ));
    }
    let fight = fight.unwrap_or("1");
    let Some(fight_prefix) = export::graph::prefix(model, fight, None) else {
        return Err(format!(
            "no fight `{fight}` in the script (give its label or its number from 1)"
        ));
    };
    let Some(round) = round else {
        return Ok(fight_prefix);
    };
    let rounds = export::graph::rounds(model, &fight_prefix);
    if rounds.contains(&round) {
        return Ok(format!("{fight_prefix}r{round}."));
    }
    Err(if rounds.is_empty() {
        format!(
            "fight `{fight}` has no rounds of its own to show (a street fight, or rounds only in a montage)"
        )
    } else {
        let list: Vec<String> = rounds.iter().map(u32::to_string).collect();
        format!(
            "fight `{fight}` has no round {round} of its own (its rounds: {}; rounds in a rounds montage are shown with the fight)",
            list.join(", ")
        )
    })
}
