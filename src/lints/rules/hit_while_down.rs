//! L005 `hit-while-down`: a strike on a fighter who is down.

use crate::model::state::{Condition, side};
use crate::syntax::ast::*;

use crate::diag::{self, Diagnostic};
use crate::model::Model;

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
                    &diag::HIT_WHILE_DOWN,
                    reaction.defender.span,
                    format!("`{}` is hit while down", reaction.defender.value),
                )
                .label("down on the canvas")
                .help(format!(
                    "let the referee count, or have him answer the foul next: `REF warn {}`",
                    attack.attacker.value
                )),
            );
        }
    }
}
