//! R003 `event-outside-round`: a fight event directly in a fight whose
//! ruleset has rounds.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::*;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        if !fight.rules.has_rounds() {
            continue;
        }
        for fact in &fight.facts.events {
            let is_event = !matches!(
                fact.stmt.kind,
                StmtKind::Round { .. } | StmtKind::RoundsMontage { .. }
            );
            if fact.outside_rounds && is_event {
                let ruleset = fight.rules.ruleset.as_str();
                out.push(
                    Diagnostic::new(
                        &diag::EVENT_OUTSIDE_ROUND,
                        fact.stmt.span,
                        "fight event outside a round",
                    )
                    .label(format!("a `{ruleset}` fight is fought in rounds"))
                    .help("put it inside a `round N { … }`, or make the fight `rules street`"),
                );
            }
        }
    }
}
