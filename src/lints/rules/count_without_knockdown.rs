//! F002 `count-without-knockdown`: a count with nobody down.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::model::state::Condition;
use crate::syntax::ast::*;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        for fact in &fight.facts.events {
            // The count over a fighter knocked out is part of the ending.
            if fact.ended_before || fact.ending_part {
                continue;
            }
            if let StmtKind::Referee {
                action: RefereeAction::Count(n),
                ..
            } = &fact.stmt.kind
                && !fact.before.condition.contains(&Condition::Down)
            {
                out.push(
                    Diagnostic::new(
                        &diag::COUNT_WITHOUT_KNOCKDOWN,
                        n.span,
                        "count with nobody down",
                    )
                    .label("neither fighter is down here")
                    .help("knock a fighter down first (`-> ROCKY down`), or remove the count"),
                );
            }
        }
    }
}
