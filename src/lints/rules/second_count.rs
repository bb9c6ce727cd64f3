//! F003 `second-count`: a second count for the same knockdown.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::model::state::Condition;
use crate::syntax::ast::*;

/// F003 `second-count`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "F003",
    name: "second-count",
    severity: Severity::Error,
    category: Category::State,
    what: "Reports a second count for the same knockdown.",
    why: "Each knockdown has one count, which lasts as many seconds as it reaches.",
    example: "REF count 5\nREF count 8",
    instead: "REF count 8",
};

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
                // In a double knockdown the count goes on over the one
                // still down once the other has risen: not a second count.
                let first = (0..2)
                    .filter(|&d| fact.before.condition[d] == Condition::Down)
                    .find_map(|d| {
                        let counted = fact.before.count[d]?;
                        let goes_on = fact.before.count_goes_on[d] && n.value > counted;
                        (!goes_on).then_some(counted)
                    });
                if let Some(first) = first {
                    out.push(
                        Diagnostic::new(&CODE, n.span, "second count for the same knockdown")
                            .label(format!("already counted to {first}"))
                            .help("give each knockdown one count, to the number it reaches"),
                    );
                }
            }
        }
    }
}
