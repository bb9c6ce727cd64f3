//! X003 `screen-full-contact-head`: on screen, `contact full` to the head.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// X003 `screen-full-contact-head`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "X003",
    name: "screen-full-contact-head",
    severity: Severity::Error,
    category: Category::Safety,
    what: "Reports, on `production screen`, `contact full` to the head.",
    why: "No shot is worth a stunt performer's concussion; cheat the angle instead.",
    example: "DRAGO cross head contact full -> ROCKY hit",
    instead: "DRAGO cross head contact light camera \"over the shoulder\" -> ROCKY hit",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    if model.production != ProductionMode::Screen {
        return;
    }
    for (_, _, attack) in super::super::moves(model) {
        let Some(target) = attack.target.filter(|t| super::super::is_head(t.value)) else {
            continue;
        };
        let full = super::super::modifier(attack, |m| {
            matches!(m, Modifier::Contact(Contact::Full)).then_some(())
        });
        if let Some((_, span)) = full {
            out.push(
                Diagnostic::new(&CODE, span, "full contact to the head")
                    .label(format!(
                        "a full-contact strike to the {}",
                        target.value.as_str().replace('-', " ")
                    ))
                    .help(
                        "use `contact light` or `contact none` and sell it with the camera angle",
                    ),
            );
        }
    }
}
