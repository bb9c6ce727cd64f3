//! X001 `stage-knap-missing`: on stage, a landing strike with no knap.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// X001 `stage-knap-missing`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "X001",
    name: "stage-knap-missing",
    severity: Severity::Error,
    category: Category::Safety,
    what: "Reports, on `production stage`, a strike that lands without a `knap`.",
    why: "On stage no blow really lands: someone makes the sound (the knap), and the performers must know who.",
    example: "production stage\n…\nMICK hook body contact light -> TEDDY hit",
    instead: "MICK hook body contact light knap victim -> TEDDY hit",
};

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
                    &CODE,
                    attack.technique.span,
                    format!("`{}` lands with no knap", attack.technique.value),
                )
                .label("who makes the sound of this hit?")
                .help("add `knap self`, `knap victim`, `knap shared` or `knap ID`"),
            );
        }
    }
}
