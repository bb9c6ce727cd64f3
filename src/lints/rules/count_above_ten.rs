//! F004 `count-above-ten`: a count above ten.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::*;

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
                    Diagnostic::new(
                        &diag::COUNT_ABOVE_TEN,
                        n.span,
                        format!("count of {}", n.value),
                    )
                    .label("counts stop at ten")
                    .help("`count 10` counts the fighter out"),
                );
            }
        }
    }
}
