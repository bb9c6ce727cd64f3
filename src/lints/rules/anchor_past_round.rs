//! T002 `anchor-past-round`: an anchor past the round's length.

use super::clock_backwards::clock;
use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;

/// T002 `anchor-past-round`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "T002",
    name: "anchor-past-round",
    severity: Severity::Error,
    category: Category::Time,
    what: "Reports a clock anchor past the round's length.",
    why: "A three-minute round has no 3:10.",
    example: "@3:10 DRAGO jab head -> ROCKY block",
    instead: "@2:50 DRAGO jab head -> ROCKY block",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for &node in &model.graph.anchored {
        let n = &model.graph.graph[node];
        let (Some(anchor), Some(stmt), Some(fight)) = (n.anchor(), n.stmt, n.fight()) else {
            continue;
        };
        let Some(length) = model.fights.get(fight).and_then(|f| f.rules.round_length) else {
            continue;
        };
        let Some(span) = stmt.anchor().map(|a| a.span) else {
            continue;
        };
        if n.round().is_some() && anchor > length.millis {
            out.push(
                Diagnostic::new(
                    &CODE,
                    span,
                    format!("anchor {} is past the round's end", clock(anchor)),
                )
                .label(format!("rounds here last {}", clock(length.millis)))
                .help("anchor within the round, or lengthen it with `round-length`"),
            );
        }
    }
}
