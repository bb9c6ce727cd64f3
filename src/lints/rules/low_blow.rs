//! L001 `low-blow`: a strike to the groin or leg.

use crate::syntax::ast::*;

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;

/// L001 `low-blow`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "L001",
    name: "low-blow",
    severity: Severity::Warning,
    category: Category::Fouls,
    what: "Reports a strike to the `groin` or `leg` where the ruleset has fouls.",
    why: "A low blow is a foul; if the story means it, the referee answers it. It is answered only when the fight's referee warns, deducts, disqualifies or stops the fouler in the very next event of the fight (beats in between do not count; any other event does).",
    example: "DRAGO hook groin -> ROCKY hit",
    instead: "DRAGO hook groin -> ROCKY hit\nREF warn DRAGO \"low blow\"",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    super::super::foul_to_target(
        model,
        out,
        &CODE,
        &[Target::Groin, Target::Leg],
        |target| format!("low blow to the {}", target.as_str()),
        "below the belt",
    );
}
