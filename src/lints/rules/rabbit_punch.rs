//! L002 `rabbit-punch`: a strike to the back of the head or the neck.

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
            .filter(|t| matches!(t.value, Target::BackOfHead | Target::Neck))
        {
            out.push(
                Diagnostic::new(
                    &diag::RABBIT_PUNCH,
                    target.span,
                    format!(
                        "rabbit punch to the {}",
                        target.value.as_str().replace('-', " ")
                    ),
                )
                .label("a foul")
                .help(format!(
                    "if the story means it, have the referee answer it next: `REF warn {}`",
                    attack.attacker.value
                )),
            );
        }
    }
}
