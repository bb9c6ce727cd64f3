//! R002 `round-beyond-schedule`: a round beyond the fight's `rounds`.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::*;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        let (Some(scheduled), Some(body)) = (fight.rules.rounds, fight.stmt.body()) else {
            continue;
        };
        for stmt in &body.items {
            let (last, span) = match &stmt.kind {
                StmtKind::Round { number, .. } => (number.value, number.span),
                StmtKind::RoundsMontage { rounds, .. } => (rounds.value.1, rounds.span),
                _ => continue,
            };
            if last > scheduled {
                out.push(
                    Diagnostic::new(
                        &diag::ROUND_BEYOND_SCHEDULE,
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
