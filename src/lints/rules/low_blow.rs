//! L001 `low-blow`: a strike to the groin or leg.

use crate::syntax::ast::*;

use crate::diag::{self, Diagnostic};
use crate::model::Model;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for (_, _, attack) in super::super::foul_candidates(model) {
        if super::super::kind(model, attack) != MoveKind::Strike {
            continue;
        }
        if let Some(target) = attack
            .target
            .filter(|t| matches!(t.value, Target::Groin | Target::Leg))
        {
            out.push(
                Diagnostic::new(
                    &diag::LOW_BLOW,
                    target.span,
                    format!("low blow to the {}", target.value.as_str()),
                )
                .label("below the belt")
                .help(format!(
                    "if the story means it, have the referee answer it next: `REF warn {}`",
                    attack.attacker.value
                )),
            );
        }
    }
}
