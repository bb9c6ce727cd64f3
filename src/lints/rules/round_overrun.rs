//! T003 `round-overrun`: a round's events run past its length before the
//! bell.

use crate::fxhash::FxHashSet;

use super::clock_backwards::clock;
use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::model::graph::NodeKind;

/// T003 `round-overrun`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "T003",
    name: "round-overrun",
    severity: Severity::Error,
    category: Category::Time,
    what: "Reports a round whose events run past its length before the bell.",
    why: "The bell ends the round at its length; events that need longer do not fit. (Events after a written `bell` are fouls, not overruns.)",
    example: "@2:59 DRAGO haymaker head x4 -> ROCKY stagger",
    instead: "@2:50 DRAGO haymaker head x4 -> ROCKY stagger",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    let mut rung: FxHashSet<(usize, u32)> = FxHashSet::default();
    // A round with an anchor past its end is reported by
    // `anchor-past-round`; what follows that anchor overruns by its fault.
    let mut anchored_past: FxHashSet<(usize, u32)> = FxHashSet::default();
    for &node in &model.graph.anchored {
        let n = &model.graph.graph[node];
        let (Some(fight), Some(round), Some(anchor)) = (n.fight(), n.round(), n.anchor()) else {
            continue;
        };
        if model
            .fights
            .get(fight)
            .and_then(|f| f.rules.round_length)
            .is_some_and(|l| anchor > l.millis)
        {
            anchored_past.insert((fight, round));
        }
    }
    let mut reported: FxHashSet<(usize, u32)> = FxHashSet::default();
    for node in model.graph.order() {
        let n = &model.graph.graph[node];
        let (Some(fight), Some(round), Some(clock_at)) =
            (n.fight(), n.round(), model.graph.fight_clock(node))
        else {
            continue;
        };
        let key = (fight, round);
        if n.kind == NodeKind::Bell {
            rung.insert(key);
            continue;
        }
        if rung.contains(&key)
            || reported.contains(&key)
            || anchored_past.contains(&key)
            || !matches!(
                n.kind,
                NodeKind::Event | NodeKind::Reaction | NodeKind::Beat
            )
        {
            continue;
        }
        let Some(length) = model.fights.get(fight).and_then(|f| f.rules.round_length) else {
            continue;
        };
        let end = clock_at.in_round.unwrap_or(0) + n.duration;
        // Anchored past the end: `anchor-past-round` says so. (Read only
        // for a node that overruns: few do.)
        let anchored_past = || {
            n.stmt
                .and_then(|s| s.anchor())
                .is_some_and(|a| a.value.millis > length.millis)
        };
        if end > length.millis && !anchored_past() {
            reported.insert(key);
            let span = n.stmt.map_or(n.span(), |s| s.span);
            out.push(
                Diagnostic::new(
                    &CODE,
                    span,
                    format!("round {round} runs past its length"),
                )
                .label(format!(
                    "this ends at {}, after the round's {}",
                    clock(end),
                    clock(length.millis)
                ))
                .help(
                    "anchor it earlier, shorten the events before it, or move it to the next round",
                ),
            );
        }
    }
}
