//! F006 `eight-count-skipped`: the fight goes on before the count reached
//! eight, where the eight count is mandatory.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::model::state::Condition;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for (fight, fact, attack) in super::super::moves(model) {
        if fact.ended_before {
            continue;
        }
        // While the fighter is still down, the fight has not gone on: that
        // is `down-fighter-attacks` or `hit-while-down`.
        let pending = fact
            .before
            .eight_pending
            .filter(|&p| fact.before.condition[p] == Condition::Standing);
        if let Some(down) = pending {
            let who = &fight.fighters[down].value;
            let ruleset = fight.rules.ruleset.as_str();
            out.push(
                Diagnostic::new(&diag::EIGHT_COUNT_SKIPPED, attack.attacker.span.to(attack.technique.span), "the fight goes on before the count of eight")
                    .label(format!("{who} was knocked down and not counted to eight"))
                    .help(format!("the eight count is mandatory under `{ruleset}` rules: write `REF count 8` (or more) before this")),
            );
        }
    }
}
