//! R001 `round-numbering`: a gap or repeat in the numbering of rounds.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::*;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        let Some(body) = fight.stmt.body() else {
            continue;
        };
        let mut expected = 1u32;
        for stmt in &body.items {
            let (first, last, span) = match &stmt.kind {
                StmtKind::Round { number, .. } => (number.value, number.value, number.span),
                StmtKind::RoundsMontage { rounds, .. } => {
                    (rounds.value.0, rounds.value.1, rounds.span)
                }
                _ => continue,
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
                        &diag::ROUND_NUMBERING,
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
