//! F006 `eight-count-skipped`: the count over a knocked-down fighter stops
//! below eight where the eight count is mandatory, whatever stops it: the
//! fighter rises, the round ends, a rounds montage follows, the fight's
//! block ends.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::model::state::CountStop;

/// F006 `eight-count-skipped`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "F006",
    name: "eight-count-skipped",
    severity: Severity::Error,
    category: Category::State,
    what: "Reports a count over a knocked-down fighter that stops below eight where the eight count is mandatory (pro, amateur): on the count, or on the `up` when there is no count (on the knockdown when neither follows).",
    why: "Under these rules the referee counts at least to eight after every knockdown, even if the fighter rises at three; a count cut short by the fighter rising, the end of the round, a rounds montage or the end of the script is a count the referee never gave.",
    example: "DRAGO cross chin -> ROCKY down mat\nREF count 4\nROCKY up",
    instead: "DRAGO cross chin -> ROCKY down mat\nREF count 8\nROCKY up",
};

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
            let rises = super::super::subject_verb(model, who, "rises", "rise");
            out.push(
                Diagnostic::new(&CODE, short.span, message)
                    .label(label)
                    .help(format!(
                        "the eight count is mandatory under `{ruleset}` rules: count to eight (`REF count 8`) even when {rises} sooner"
                    )),
            );
        }
    }
}
