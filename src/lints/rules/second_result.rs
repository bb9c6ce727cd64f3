//! F010 `second-result`: a second `result` in one fight.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// F010 `second-result`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "F010",
    name: "second-result",
    severity: Severity::Error,
    category: Category::State,
    what: "Reports a second `result` in one fight.",
    why: "A fight ends once; two results contradict each other, and only the first is checked against the events.",
    example: "result ROCKY ko\nresult ROCKY tko",
    instead: "result ROCKY ko",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        let Some((_, first)) = fight.result else {
            continue;
        };
        let Some(body) = fight.stmt.body() else {
            continue;
        };
        for stmt in &body.items {
            if matches!(stmt.kind, StmtKind::Result(_)) && !std::ptr::eq(stmt, first) {
                out.push(
                    Diagnostic::new(
                        &CODE,
                        stmt.span,
                        "second `result` for this fight",
                    )
                    .label("a second result")
                    .related(first.span, "the fight's result is given here")
                    .help(
                        "a fight has one result: keep the one the events show and remove the other",
                    ),
                );
            }
        }
    }
}
