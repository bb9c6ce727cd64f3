//! X003 `screen-full-contact-head`: on screen, `contact full` to the head.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::*;

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
                Diagnostic::new(
                    &diag::SCREEN_FULL_CONTACT_HEAD,
                    span,
                    "full contact to the head",
                )
                .label(format!(
                    "a full-contact strike to the {}",
                    target.value.as_str().replace('-', " ")
                ))
                .help("use `contact light` or `contact none` and sell it with the camera angle"),
            );
        }
    }
}
