//! F002 `count-without-knockdown`: a count with nobody down.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::model::state::Condition;
use crate::syntax::ast::*;

/// F002 `count-without-knockdown`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "F002",
    name: "count-without-knockdown",
    severity: Severity::Error,
    category: Category::State,
    what: "Reports a referee's count with nobody down.",
    why: "The referee counts over a fighter on the canvas.",
    example: "DRAGO jab head -> ROCKY hit\nREF count 8",
    instead: "DRAGO jab head -> ROCKY down mat\nREF count 8",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        for fact in &fight.facts.events {
            // The count over a fighter knocked out is part of the ending.
            if fact.ended_before() || fact.ending_part() {
                continue;
            }
            if let StmtKind::Referee {
                action: RefereeAction::Count(n),
                ..
            } = &fact.stmt.kind
                && !fact.before.condition.contains(&Condition::Down)
            {
                out.push(
                    Diagnostic::new(&CODE, n.span, "count with nobody down")
                        .label("neither fighter is down here")
                        .help("knock a fighter down first (`-> ROCKY down`), or remove the count"),
                );
            }
        }
    }
}
