//! F004 `count-above-ten`: a count above ten.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// F004 `count-above-ten`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "F004",
    name: "count-above-ten",
    severity: Severity::Error,
    category: Category::State,
    what: "Reports a count above ten.",
    why: "At ten the fighter is counted out; there is no eleven.",
    example: "REF count 12",
    instead: "REF count 10",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        for fact in &fight.facts.events {
            if let StmtKind::Referee {
                action: RefereeAction::Count(n),
                ..
            } = &fact.stmt.kind
                && n.value > 10
            {
                out.push(
                    Diagnostic::new(&CODE, n.span, format!("count of {}", n.value))
                        .label("counts stop at ten")
                        .help("`count 10` counts the fighter out"),
                );
            }
        }
    }
}
