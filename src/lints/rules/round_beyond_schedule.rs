//! R002 `round-beyond-schedule`: a round beyond the fight's `rounds`.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// R002 `round-beyond-schedule`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "R002",
    name: "round-beyond-schedule",
    severity: Severity::Error,
    category: Category::Rounds,
    what: "Reports a round numbered beyond the fight's `rounds`.",
    why: "A fight scheduled for 12 rounds has no round 13.",
    example: "rounds 3\nround 4 { … }",
    instead: "rounds 4\nround 4 { … }",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        let (Some(scheduled), Some(body)) = (fight.rules.rounds, fight.stmt.body()) else {
            continue;
        };
        for stmt in &body.items {
            let Some(Spanned {
                value: (_, last),
                span,
            }) = stmt.rounds_shown()
            else {
                continue;
            };
            if last > scheduled {
                out.push(
                    Diagnostic::new(
                        &CODE,
                        span,
                        format!("round {last} is beyond the {scheduled} scheduled"),
                    )
                    .label(format!("the fight is scheduled for {scheduled} rounds"))
                    .help(format!("raise `rounds` to {last}, or end the fight sooner")),
                );
            }
        }
    }
}
