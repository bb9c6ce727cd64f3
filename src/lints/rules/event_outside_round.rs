//! R003 `event-outside-round`: a fight event directly in a fight whose
//! ruleset has rounds.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// R003 `event-outside-round`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "R003",
    name: "event-outside-round",
    severity: Severity::Error,
    category: Category::Rounds,
    what: "Reports a fight event standing directly in the fight where the ruleset has rounds.",
    why: "Under every ruleset but `street`, punches are thrown in rounds; outside one, the event has no time on the fight clock.",
    example: "fight ROCKY vs DRAGO {\n  referee REF\n  ROCKY jab head -> DRAGO hit\n}",
    instead: "fight ROCKY vs DRAGO {\n  referee REF\n  round 1 { ROCKY jab head -> DRAGO hit }\n}",
};

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
            if fact.outside_rounds() && is_event {
                let ruleset = fight.rules.ruleset.as_str();
                out.push(
                    Diagnostic::new(&CODE, fact.stmt.span, "fight event outside a round")
                        .label(format!("a `{ruleset}` fight is fought in rounds"))
                        .help("put it inside a `round N { … }`, or make the fight `rules street`"),
                );
            }
        }
    }
}
