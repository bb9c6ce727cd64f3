//! X004 `screen-fall-without-mat`: on screen, a fall without `mat`.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::*;

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
                    &diag::SCREEN_FALL_WITHOUT_MAT,
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
