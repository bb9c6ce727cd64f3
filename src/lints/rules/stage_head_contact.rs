//! X002 `stage-head-contact`: on stage, a head strike that is not
//! `contact none` (a slap may be `contact light`).

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// X002 `stage-head-contact`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "X002",
    name: "stage-head-contact",
    severity: Severity::Error,
    category: Category::Safety,
    what: "Reports, on `production stage`, a strike to the head that is not `contact none` (a slap may be `contact light`).",
    why: "Stage combat never makes contact with the head; the illusion is in the angle and the knap.",
    example: "TEDDY cross head -> MICK hit",
    instead: "TEDDY cross head contact none knap MICK -> MICK hit",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    if model.production != ProductionMode::Stage {
        return;
    }
    for (_, _, attack) in super::super::moves(model) {
        let Some(target) = attack.target.filter(|t| super::super::is_head(t.value)) else {
            continue;
        };
        if super::super::kind(model, attack) != MoveKind::Strike {
            continue;
        }
        let contact = super::super::modifier(attack, |m| match m {
            Modifier::Contact(c) => Some(*c),
            _ => None,
        });
        let slap = attack.technique.value == "slap";
        let allowed = match contact.map(|(c, _)| c) {
            Some(Contact::None) => true,
            Some(Contact::Light) => slap,
            _ => false,
        };
        if !allowed {
            let span = contact.map_or(target.span, |(_, s)| s);
            let written = contact.map_or("no contact level".to_owned(), |(c, _)| {
                format!("`contact {}`", c.as_str())
            });
            out.push(
                Diagnostic::new(&CODE, span, format!("head strike on stage with {written}"))
                    .label(format!(
                        "a strike to the {}",
                        target.value.as_str().replace('-', " ")
                    ))
                    .help(if slap {
                        "write `contact none` or, for a slap, `contact light`"
                    } else {
                        "write `contact none`: on stage no strike touches the head"
                    }),
            );
        }
    }
}
