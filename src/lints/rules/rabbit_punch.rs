//! L002 `rabbit-punch`: a strike to the back of the head or the neck.

use crate::syntax::ast::*;

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;

/// L002 `rabbit-punch`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "L002",
    name: "rabbit-punch",
    severity: Severity::Warning,
    category: Category::Fouls,
    what: "Reports a strike to the `back-of-head` or `neck` where the ruleset has fouls.",
    why: "A rabbit punch is a foul, and a dangerous one. It is answered only when the fight's referee warns, deducts, disqualifies or stops the fouler in the very next event of the fight (beats in between do not count; any other event does).",
    example: "DRAGO hook back-of-head -> ROCKY hit",
    instead: "DRAGO hook back-of-head -> ROCKY hit\nREF deduct DRAGO",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    super::super::foul_to_target(
        model,
        out,
        &CODE,
        &[Target::BackOfHead, Target::Neck],
        |target| format!("rabbit punch to the {}", target.as_str().replace('-', " ")),
        "a foul",
    );
}
