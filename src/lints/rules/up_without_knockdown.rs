//! F005 `up-without-knockdown`: `up` for a fighter who is not down.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::model::state::{Condition, side};
use crate::syntax::ast::*;

/// F005 `up-without-knockdown`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "F005",
    name: "up-without-knockdown",
    severity: Severity::Error,
    category: Category::State,
    what: "Reports `up` for a fighter who is not down.",
    why: "Only a fighter on the canvas can get up; usually the knockdown was written as `hit`.",
    example: "DRAGO cross chin -> ROCKY hit\nROCKY up",
    instead: "DRAGO cross chin -> ROCKY down mat\nREF count 8\nROCKY up",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        for fact in &fight.facts.events {
            if fact.ended_before() {
                continue;
            }
            if let StmtKind::Up { fighter } = &fact.stmt.kind {
                let Some(s) = side(fight.fighters, fighter) else {
                    continue;
                };
                if fact.before.condition[s] == Condition::Standing {
                    out.push(
                        Diagnostic::new(
                            &CODE,
                            fact.stmt.span,
                            format!("`{}` gets up but is not down", fighter.value),
                        )
                        .label(format!("{} is standing here", fighter.value))
                        .help(format!(
                            "knock {} down first (`-> {} down`), or remove `up`",
                            super::super::object(model, &fighter.value),
                            fighter.value
                        )),
                    );
                }
            }
        }
    }
}
