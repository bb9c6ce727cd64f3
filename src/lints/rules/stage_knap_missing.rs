//! X001 `stage-knap-missing`: on stage, a landing strike with no knap.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::*;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    if model.production != ProductionMode::Stage {
        return;
    }
    for (_, _, attack) in super::super::moves(model) {
        let Some(reaction) = &attack.reaction else {
            continue;
        };
        if super::super::kind(model, attack) != MoveKind::Strike || !super::super::lands(reaction) {
            continue;
        }
        if super::super::modifier(attack, |m| matches!(m, Modifier::Knap(_)).then_some(()))
            .is_none()
        {
            out.push(
                Diagnostic::new(
                    &diag::STAGE_KNAP_MISSING,
                    attack.technique.span,
                    format!("`{}` lands with no knap", attack.technique.value),
                )
                .label("who makes the sound of this hit?")
                .help("add `knap self`, `knap victim`, `knap shared` or `knap ID`"),
            );
        }
    }
}
