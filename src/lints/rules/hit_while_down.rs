//! L005 `hit-while-down`: a strike on a fighter who is down.

use crate::model::state::{Condition, side};
use crate::syntax::ast::*;

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;

/// L005 `hit-while-down`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "L005",
    name: "hit-while-down",
    severity: Severity::Warning,
    category: Category::Fouls,
    what: "Reports a strike on a fighter who is down, where the ruleset has fouls.",
    why: "Hitting a downed opponent is a foul. It is answered only when the fight's referee warns, deducts, disqualifies or stops the fouler in the very next event of the fight (beats in between do not count; any other event does).",
    example: "DRAGO cross chin -> ROCKY down mat\nDRAGO hook head -> ROCKY hit",
    instead: "DRAGO cross chin -> ROCKY down mat\nREF count 8",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for (fight, fact, attack) in super::super::foul_candidates(model) {
        if super::super::kind(model, attack) == MoveKind::Feint {
            continue;
        }
        let Some(reaction) = &attack.reaction else {
            continue;
        };
        let Some(defender) = side(fight.fighters, &reaction.defender) else {
            continue;
        };
        if fact.before.condition[defender] == Condition::Down {
            out.push(
                Diagnostic::new(
                    &CODE,
                    reaction.defender.span,
                    format!("`{}` is hit while down", reaction.defender.value),
                )
                .label("down on the canvas")
                .help(format!(
                    "let the referee count, or answer the foul next: `{} warn {}`",
                    fight.referee.map_or("REF", |r| r.value.as_str()),
                    attack.attacker.value
                )),
            );
        }
    }
}
