//! L004 `illegal-technique`: a technique boxing does not allow.

use crate::syntax::ast::*;

use crate::diag::{self, Diagnostic};
use crate::model::Model;

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
                    &diag::ILLEGAL_TECHNIQUE,
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
