//! L006 `hit-after-bell`: a strike (not a grapple or feint) after the bell.

use crate::syntax::ast::*;

use crate::diag::{self, Diagnostic};
use crate::model::Model;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for (_, fact, attack) in super::super::foul_candidates(model) {
        // Only strikes hit: a clinch, push or feint after the bell is none.
        if super::super::kind(model, attack) != MoveKind::Strike || !fact.after_bell {
            continue;
        }
        out.push(
            Diagnostic::new(
                &diag::HIT_AFTER_BELL,
                attack.attacker.span.to(attack.technique.span),
                "hit after the bell",
            )
            .label("the round is over")
            .help(format!(
                "move it before `bell`, or have the referee answer the foul next: `REF warn {}`",
                attack.attacker.value
            )),
        );
    }
}
