//! L003 `kidney-punch`: a strike to the kidney.

use crate::syntax::ast::*;

use crate::diag::{self, Diagnostic};
use crate::model::Model;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for (_, _, attack) in super::super::foul_candidates(model) {
        if super::super::kind(model, attack) != MoveKind::Strike {
            continue;
        }
        if let Some(target) = attack.target.filter(|t| t.value == Target::Kidney) {
            out.push(
                Diagnostic::new(&diag::KIDNEY_PUNCH, target.span, "kidney punch")
                    .label("a foul")
                    .help(format!(
                        "if the story means it, have the referee answer it next: `REF warn {}`",
                        attack.attacker.value
                    )),
            );
        }
    }
}
