//! F003 `second-count`: a second count for the same knockdown.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::model::state::Condition;
use crate::syntax::ast::*;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        for fact in &fight.facts.events {
            if fact.ended_before {
                continue;
            }
            if let StmtKind::Referee {
                action: RefereeAction::Count(n),
                ..
            } = &fact.stmt.kind
            {
                let down = fact
                    .before
                    .condition
                    .iter()
                    .position(|c| *c == Condition::Down);
                if let Some(first) = down.and_then(|d| fact.before.count[d]) {
                    out.push(
                        Diagnostic::new(
                            &diag::SECOND_COUNT,
                            n.span,
                            "second count for the same knockdown",
                        )
                        .label(format!("already counted to {first}"))
                        .help("give each knockdown one count, to the number it reaches"),
                    );
                }
            }
        }
    }
}
