//! F007 `event-after-end`: a fight event after the fight has ended.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::model::state::EndCause;
use crate::syntax::ast::*;

/// F007 `event-after-end`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "F007",
    name: "event-after-end",
    severity: Severity::Error,
    category: Category::State,
    what: "Reports a fight event or round after the fight has ended (the referee's count over a fighter knocked `out`, or the referee stopping the fight just after, is part of the ending).",
    why: "After a knockout, stoppage, towel, disqualification or the third knockdown of the three-knockdown rule only beats can follow (the speech after the fight is a beat).",
    example: "REF count 10\nROCKY jab head -> DRAGO hit",
    instead: "REF count 10\naction \"ROCKY raises his arms.\"",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        let Some(ending) = fight.facts.ending else {
            continue;
        };
        // One mistake, one report: the first event after the end.
        if let Some(fact) = fight.facts.events.iter().find(|f| f.ended_before()) {
            // A round is shown by its number; any other statement whole.
            let span = if let StmtKind::Round { number, .. } = &fact.stmt.kind {
                number.span
            } else {
                fact.stmt.span
            };
            let how = super::super::ending_words(fight, &ending);
            let (message, help) = if ending.cause == EndCause::ThreeKnockdowns {
                (
                    "the fight goes on after the third knockdown ended it",
                    super::super::THREE_KNOCKDOWN_HELP.to_owned(),
                )
            } else {
                (
                    "the fight goes on after it has ended",
                    "only beats may follow the end of a fight; remove this, or change the event that ended it".to_owned(),
                )
            };
            out.push(
                Diagnostic::new(&CODE, span, message)
                    .label("a fight event after the end")
                    .related(ending.span, format!("the fight ends here, {how}"))
                    .help(help),
            );
        }
    }
}
