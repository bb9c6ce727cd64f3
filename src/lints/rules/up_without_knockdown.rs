//! F005 `up-without-knockdown`: `up` for a fighter who is not down.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::model::state::{Condition, side};
use crate::syntax::ast::*;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        for fact in &fight.facts.events {
            if fact.ended_before {
                continue;
            }
            if let StmtKind::Up { fighter } = &fact.stmt.kind {
                let Some(s) = side(fight.fighters, fighter) else {
                    continue;
                };
                if fact.before.condition[s] == Condition::Standing {
                    out.push(
                        Diagnostic::new(
                            &diag::UP_WITHOUT_KNOCKDOWN,
                            fact.stmt.span,
                            format!("`{}` gets up but is not down", fighter.value),
                        )
                        .label(format!("{} is standing here", fighter.value))
                        .help("knock him down first (`-> ROCKY down`), or remove `up`"),
                    );
                }
            }
        }
    }
}
