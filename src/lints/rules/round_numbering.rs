//! R001 `round-numbering`: a gap or repeat in the numbering of rounds.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// R001 `round-numbering`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "R001",
    name: "round-numbering",
    severity: Severity::Error,
    category: Category::Rounds,
    what: "Reports a gap or a repeat in the numbering of rounds (a rounds montage counts for its rounds).",
    why: "Rounds are numbered 1, 2, 3… with no gaps; a skipped or repeated number is a lost or doubled round.",
    example: "round 1 { … }\nround 3 { … }",
    instead: "round 1 { … }\nround 2 { … }",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        let Some(body) = fight.stmt.body() else {
            continue;
        };
        let mut expected = 1u32;
        for stmt in &body.items {
            let Some(Spanned {
                value: (first, last),
                span,
            }) = stmt.rounds_shown()
            else {
                continue;
            };
            if first != expected {
                let (message, help) = if first > expected {
                    let missing = if first - expected == 1 {
                        format!("round {expected} is missing")
                    } else {
                        format!("rounds {expected} to {} are missing", first - 1)
                    };
                    (
                        format!("round {first} follows round {}: {missing}", expected - 1),
                        format!(
                            "number this round {expected}, or write the missing rounds (a `montage rounds` can stand for them)"
                        ),
                    )
                } else {
                    (
                        format!("round {first} comes again"),
                        format!("the next round is {expected}"),
                    )
                };
                out.push(
                    Diagnostic::new(
                        &CODE,
                        span,
                        message.replace("follows round 0", "comes first"),
                    )
                    .label("out of order")
                    .help(help),
                );
            }
            expected = last.max(first) + 1;
        }
    }
}
