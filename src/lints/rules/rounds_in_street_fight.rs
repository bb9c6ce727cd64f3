//! R004 `rounds-in-street-fight`: rounds, corners or a rounds montage in a
//! `street` fight.

use super::super::keyword_span;
use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::*;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        if fight.rules.ruleset != Ruleset::Street {
            continue;
        }
        let Some(body) = fight.stmt.body() else {
            continue;
        };
        for stmt in &body.items {
            let (what, len) = match &stmt.kind {
                StmtKind::Round { .. } => ("a round", 5),
                StmtKind::Corner { .. } => ("a corner", 6),
                StmtKind::RoundsMontage { .. } => ("a rounds montage", 7),
                _ => continue,
            };
            out.push(
                Diagnostic::new(
                    &diag::ROUNDS_IN_STREET_FIGHT,
                    keyword_span(stmt, len),
                    format!("{what} in a street fight"),
                )
                .label("street fights have no rounds")
                .help("put the exchanges directly in the fight, or choose a ruleset with rounds"),
            );
        }
    }
}
