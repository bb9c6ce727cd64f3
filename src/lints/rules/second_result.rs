//! F010 `second-result`: a second `result` in one fight.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::*;

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
                        &diag::SECOND_RESULT,
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
