//! F006 `eight-count-skipped`: the count over a knocked-down fighter stops
//! below eight where the eight count is mandatory, whatever stops it: he
//! rises, the round ends, a rounds montage follows, the fight's block ends.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::model::state::CountStop;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        for short in &fight.facts.short_counts {
            let who = &fight.fighters[short.fighter].value;
            let ruleset = fight.rules.ruleset.as_str();
            let (message, label) = match short.reached {
                Some(n) => (
                    format!("the count over `{who}` stops at {n}, short of eight"),
                    match short.stopped_by {
                        CountStop::Up => format!("{who} rises at {n}"),
                        CountStop::RoundEnd => format!("the round ends with {who} down at {n}"),
                        CountStop::Montage => {
                            format!("the rounds montage follows with the count at {n}")
                        }
                        CountStop::FightEnd => {
                            format!("the fight's block ends with the count at {n}")
                        }
                    },
                ),
                None => (
                    format!("`{who}` is knocked down and never counted"),
                    match short.stopped_by {
                        CountStop::Up => format!("{who} rises without a count"),
                        _ => format!("{who} goes down and no count follows"),
                    },
                ),
            };
            out.push(
                Diagnostic::new(&diag::EIGHT_COUNT_SKIPPED, short.span, message)
                    .label(label)
                    .help(format!(
                        "the eight count is mandatory under `{ruleset}` rules: count to eight (`REF count 8`) even when he rises sooner"
                    )),
            );
        }
    }
}
