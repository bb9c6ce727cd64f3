//! F001 `down-fighter-attacks`: a fighter who is down or out throws.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::model::state::{Condition, side};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for (fight, fact, attack) in super::super::moves(model) {
        if fact.ended_before {
            continue;
        }
        let Some(s) = side(fight.fighters, &attack.attacker) else {
            continue;
        };
        let (state, help) = match fact.before.condition[s] {
            Condition::Standing => continue,
            Condition::Down => (
                "down",
                format!(
                    "write `{} up` (after the count) before he throws again",
                    attack.attacker.value
                ),
            ),
            Condition::Out => (
                "out",
                "an unconscious fighter throws nothing; end the fight".to_owned(),
            ),
        };
        out.push(
            Diagnostic::new(
                &diag::DOWN_FIGHTER_ATTACKS,
                attack.attacker.span,
                format!("`{}` attacks while {state}", attack.attacker.value),
            )
            .label(format!("{} is {state} here", attack.attacker.value))
            .help(help),
        );
    }
}
