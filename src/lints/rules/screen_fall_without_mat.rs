//! X004 `screen-fall-without-mat`: on screen, a fall without `mat`.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// X004 `screen-fall-without-mat`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "X004",
    name: "screen-fall-without-mat",
    severity: Severity::Error,
    category: Category::Safety,
    what: "Reports, on `production screen`, a fall (`down`, `out`, or a `throw` or `tackle` that lands) without `mat`.",
    why: "Every fall on set lands on crash pads, planned in advance.",
    example: "DRAGO uppercut chin -> ROCKY down",
    instead: "DRAGO uppercut chin -> ROCKY down mat",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    if model.production != ProductionMode::Screen {
        return;
    }
    for (_, _, attack) in super::super::moves(model) {
        let Some(reaction) = &attack.reaction else {
            continue;
        };
        let knockdown = matches!(reaction.kind.value, ReactionKind::Down | ReactionKind::Out);
        let takedown = matches!(attack.technique.value.as_str(), "throw" | "tackle")
            && super::super::lands(reaction);
        if (knockdown || takedown) && reaction.mat.is_none() {
            out.push(
                Diagnostic::new(
                    &CODE,
                    reaction.kind.span,
                    format!("`{}` falls without a mat", reaction.defender.value),
                )
                .label("a fall with no crash pad")
                .help(format!(
                    "add `mat`: `-> {} {} mat`",
                    reaction.defender.value,
                    reaction.kind.value.as_str()
                )),
            );
        }
    }
}
