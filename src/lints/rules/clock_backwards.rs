//! T001 `clock-backwards`: an anchor earlier than the events before it.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;

/// T001 `clock-backwards`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "T001",
    name: "clock-backwards",
    severity: Severity::Error,
    category: Category::Time,
    what: "Reports a clock anchor `@m:ss` earlier than the time the events before it already reach.",
    why: "The round clock never runs backwards; the anchor or the events before it are wrong.",
    example: "@1:00 DRAGO jab head -> ROCKY block\n@0:30 ROCKY jab head -> DRAGO hit",
    instead: "@0:30 DRAGO jab head -> ROCKY block\n@1:00 ROCKY jab head -> DRAGO hit",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for &node in &model.graph.anchored {
        let n = &model.graph.graph[node];
        let (Some(anchor), Some(stmt)) = (n.anchor(), n.stmt) else {
            continue;
        };
        let Some(span) = stmt.anchor().map(|a| a.span) else {
            continue;
        };
        // In a round, or anywhere in a fight without rounds (`street`),
        // where anchors follow the fight clock.
        let clocked = n.round().is_some()
            || n.fight()
                .and_then(|f| model.fights.get(f))
                .is_some_and(|f| !f.rules.has_rounds());
        let unanchored = model.graph.unanchored(node).unwrap_or(0);
        if clocked && anchor < unanchored {
            out.push(
                Diagnostic::new(&CODE, span, format!("clock runs backwards to {}", clock(anchor)))
                    .label(format!("the events before end at {}", clock(unanchored)))
                    .help(format!("the {} clock only moves forward: raise this anchor, or shorten the events before it", if n.round().is_some() { "round" } else { "fight" })),
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
