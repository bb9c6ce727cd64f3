//! L006 `hit-after-bell`: a strike (not a grapple or feint) after the bell.

use crate::syntax::ast::*;

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;

/// L006 `hit-after-bell`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "L006",
    name: "hit-after-bell",
    severity: Severity::Warning,
    category: Category::Fouls,
    what: "Reports a strike after the bell that ended the round, where the ruleset has fouls (a grapple or a feint after the bell is no hit).",
    why: "Hitting after the bell is a foul, not an overrun of the round; a clinch, push or feint that carries past the bell is not. It is answered only when the fight's referee warns, deducts, disqualifies or stops the fouler in the very next event of the fight (beats in between do not count; any other event does).",
    example: "bell\nDRAGO hook head -> ROCKY hit",
    instead: "bell\nDRAGO hook head -> ROCKY hit\nREF warn DRAGO \"after the bell\"",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for (_, fact, attack) in super::super::foul_candidates(model) {
        // Only strikes hit: a clinch, push or feint after the bell is none.
        if super::super::kind(model, attack) != MoveKind::Strike || !fact.after_bell() {
            continue;
        }
        out.push(
            Diagnostic::new(
                &CODE,
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
