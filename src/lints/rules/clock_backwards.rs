//! T001 `clock-backwards`: an anchor earlier than the events before it.

use crate::diag::{self, Diagnostic};
use crate::model::Model;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for &node in &model.graph.order {
        let n = &model.graph.graph[node];
        let (Some(anchor), Some(stmt)) = (n.anchor, n.stmt) else {
            continue;
        };
        let Some(span) = stmt.anchor.map(|a| a.span) else {
            continue;
        };
        // In a round, or anywhere in a fight without rounds (`street`),
        // where anchors follow the fight clock.
        let clocked = n.round.is_some()
            || n.fight
                .and_then(|f| model.fights.get(f))
                .is_some_and(|f| !f.rules.has_rounds());
        if clocked && anchor < n.unanchored {
            out.push(
                Diagnostic::new(&diag::CLOCK_BACKWARDS, span, format!("clock runs backwards to {}", clock(anchor)))
                    .label(format!("the events before end at {}", clock(n.unanchored)))
                    .help(format!("the {} clock only moves forward: raise this anchor, or shorten the events before it", if n.round.is_some() { "round" } else { "fight" })),
            );
        }
    }
}

/// `m:ss` or `m:ss.f` for milliseconds.
pub(crate) fn clock(millis: u64) -> String {
    let seconds = millis / 1000;
    let tenths = (millis % 1000) / 100;
    if millis.is_multiple_of(1000) {
        format!("{}:{:02}", seconds / 60, seconds % 60)
    } else {
        format!("{}:{:02}.{tenths}", seconds / 60, seconds % 60)
    }
}
