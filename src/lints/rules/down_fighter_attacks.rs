//! F001 `down-fighter-attacks`: a fighter who is down or out throws.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::model::state::{Condition, side};

/// F001 `down-fighter-attacks`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "F001",
    name: "down-fighter-attacks",
    severity: Severity::Error,
    category: Category::State,
    what: "Reports a fighter who is down or out throwing a move.",
    why: "A fighter on the canvas throws nothing until back `up`; an unconscious one throws nothing at all.",
    example: "DRAGO cross chin -> ROCKY down mat\nROCKY jab head -> DRAGO hit",
    instead: "DRAGO cross chin -> ROCKY down mat\nREF count 8\nROCKY up\nROCKY jab head -> DRAGO hit",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for (fight, fact, attack) in super::super::moves(model) {
        if fact.ended_before() {
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
                    "write `{} up` (after the count) before {} again",
                    attack.attacker.value,
                    super::super::subject_verb(model, &attack.attacker.value, "throws", "throw")
                ),
            ),
            Condition::Out => (
                "out",
                "an unconscious fighter throws nothing; end the fight".to_owned(),
            ),
        };
        out.push(
            Diagnostic::new(
                &CODE,
                attack.attacker.span,
                format!("`{}` attacks while {state}", attack.attacker.value),
            )
            .label(format!("{} is {state} here", attack.attacker.value))
            .help(help),
        );
    }
}
