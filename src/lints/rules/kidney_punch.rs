//! L003 `kidney-punch`: a strike to the kidney.

use crate::syntax::ast::*;

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;

/// L003 `kidney-punch`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "L003",
    name: "kidney-punch",
    severity: Severity::Warning,
    category: Category::Fouls,
    what: "Reports a strike to the `kidney` where the ruleset has fouls.",
    why: "A kidney punch is a foul. It is answered only when the fight's referee warns, deducts, disqualifies or stops the fouler in the very next event of the fight (beats in between do not count; any other event does).",
    example: "DRAGO hook kidney -> ROCKY hit",
    instead: "DRAGO hook kidney -> ROCKY hit\nREF warn DRAGO",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    super::super::foul_to_target(
        model,
        out,
        &CODE,
        &[Target::Kidney],
        |_| "kidney punch".to_owned(),
        "a foul",
    );
}
