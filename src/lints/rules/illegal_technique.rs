//! L004 `illegal-technique`: a technique boxing does not allow.

use crate::syntax::ast::*;

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;

/// L004 `illegal-technique`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "L004",
    name: "illegal-technique",
    severity: Severity::Warning,
    category: Category::Fouls,
    what: "Reports a headbutt, elbow, knee, kick, slap, backhand, push, shove, grab, tackle or throw where the ruleset has fouls.",
    why: "Boxing allows punches with the closed glove; anything else is a foul. It is answered only when the fight's referee warns, deducts, disqualifies or stops the fouler in the very next event of the fight (beats in between do not count; any other event does).",
    example: "DRAGO headbutt nose -> ROCKY hit",
    instead: "DRAGO headbutt nose -> ROCKY hit\nREF warn DRAGO \"headbutt\"",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for (fight, _, attack) in super::super::foul_candidates(model) {
        use Technique::*;
        let Some(technique) = Technique::from_word(&attack.technique.value) else {
            continue;
        };
        if matches!(
            technique,
            Headbutt | Elbow | Knee | Kick | Slap | Backhand | Push | Shove | Grab | Tackle | Throw
        ) {
            let ruleset = fight.rules.ruleset.as_str();
            out.push(
                Diagnostic::new(
                    &CODE,
                    attack.technique.span,
                    format!("`{}` is a foul in a `{ruleset}` fight", technique.as_str()),
                )
                .label("not a legal punch")
                .help(format!(
                    "if the story means it, have the referee answer it next: `REF warn {}`",
                    attack.attacker.value
                )),
            );
        }
    }
}
