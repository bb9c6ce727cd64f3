//! Where the story stands at every fight event: both clocks, each
//! fighter's condition, the knockdowns of the round and the fouls not yet
//! answered. Hover and inlay hints read it.
//!
//! Computed from the model once per version of a document, on the first
//! request that needs it, and kept as plain data: the model borrows the
//! checked tree, the story does not.

use std::collections::HashMap;

use crate::check::Checked;
use crate::diag::Category;
use crate::model::graph::{BlockKind, NodeKind};
use crate::model::state::{Condition, State};
use crate::span::Span;
use crate::syntax::ast::{Stmt, StmtKind};

/// The story's state at every fight event of one document.
#[derive(Debug, Default)]
pub struct Story {
    /// Every fight event and round header, by statement start.
    pub events: Vec<EventState>,
    /// Every round's closing brace with the round's running time there.
    pub round_ends: Vec<RoundEnd>,
}

/// The state just before one event.
#[derive(Debug)]
pub struct EventState {
    /// The event's statement.
    pub span: Span,
    /// Whether it is a `round N { … }` header rather than an event.
    pub round_header: bool,
    /// The two fighters of its fight, as written in the header.
    pub fighters: [String; 2],
    /// The round it stands in.
    pub round: Option<u32>,
    /// Milliseconds into the round, when it stands in one.
    pub in_round: Option<u64>,
    /// Milliseconds from the fight's start, rests included.
    pub fight_clock: Option<u64>,
    /// Milliseconds from the first scene, on screen.
    pub screen: Option<u64>,
    /// The fighters' state just before it.
    pub before: State,
    /// Whether the fight had already ended.
    pub ended_before: bool,
    /// Fouls earlier in this round that the referee has not answered: the
    /// diagnostic's message and where.
    pub open_fouls: Vec<(String, Span)>,
}

/// A round's closing brace and how long the round has run there.
#[derive(Debug)]
pub struct RoundEnd {
    /// The `}`.
    pub close: Span,
    /// The round's number.
    pub round: u32,
    /// Milliseconds into the round at its end.
    pub running: u64,
}

/// Reads the story of `checked`.
pub fn read(checked: &Checked) -> Story {
    let model = checked.model();
    // The first node of every statement, with its clocks.
    let mut starts: HashMap<*const Stmt, (Option<crate::model::graph::FightClock>, u64)> =
        HashMap::new();
    let mut round_ends = Vec::new();
    for (index, node) in model.graph.order().map(|n| (n, &model.graph.graph[n])) {
        let Some(stmt) = node.stmt else { continue };
        match node.kind {
            NodeKind::End(BlockKind::Round) => {
                if let (StmtKind::Round { number, .. }, Some(close)) =
                    (&stmt.kind, stmt.body().and_then(|b| b.close))
                    && let Some(running) = model.graph.fight_clock(index).and_then(|c| c.in_round)
                {
                    round_ends.push(RoundEnd {
                        close,
                        round: number.value,
                        running,
                    });
                }
            }
            NodeKind::End(_) | NodeKind::Reaction => {}
            NodeKind::Start(_) | NodeKind::Beat | NodeKind::Event | NodeKind::Bell => {
                starts
                    .entry(stmt as *const Stmt)
                    .or_insert((model.graph.fight_clock(index), node.screen_start));
            }
        }
    }
    let mut fouls: Vec<(String, Span)> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code.category == Category::Fouls)
        .map(|d| (d.message.to_string(), d.span))
        .collect();
    fouls.sort_by_key(|(_, s)| s.start);
    let mut events = Vec::new();
    for fight in &model.fights {
        let fighters = fight.fighters.map(|f| f.value.to_string());
        let within = |s: &Span| fight.stmt.span.start <= s.start && s.start < fight.stmt.span.end;
        let mut pending = fouls.iter().filter(|(_, s)| within(s)).peekable();
        let mut open: Vec<(String, Span, Option<u32>)> = Vec::new();
        let mut last_round = None;
        for fact in &fight.facts.events {
            let at = fact.stmt.span.start;
            while let Some((message, span)) = pending.next_if(|(_, s)| s.start < at) {
                open.push((message.clone(), *span, last_round));
            }
            open.retain(|(_, _, round)| *round == fact.round());
            last_round = fact.round();
            let (clock, screen) = starts
                .get(&(fact.stmt as *const Stmt))
                .copied()
                .map_or((None, None), |(clock, screen)| (clock, Some(screen)));
            // A round's header opens the round: its own number, its
            // clock at zero, no knockdowns yet.
            let header = fact.stmt.rounds_shown().map(|r| r.value.0);
            let mut before = fact.before;
            if header.is_some() {
                before.knockdowns = [0, 0];
            }
            events.push(EventState {
                span: fact.stmt.span,
                round_header: header.is_some(),
                fighters: fighters.clone(),
                round: header.or(fact.round()),
                in_round: clock.and_then(|c| c.in_round).or(header.map(|_| 0)),
                fight_clock: clock.map(|c| c.absolute),
                screen,
                before,
                ended_before: fact.ended_before(),
                open_fouls: open.iter().map(|(m, s, _)| (m.clone(), *s)).collect(),
            });
        }
    }
    events.sort_by_key(|e| e.span.start);
    round_ends.sort_by_key(|r| r.close.start);
    Story { events, round_ends }
}

impl Story {
    /// The event whose statement starts at `start`.
    pub fn event_at(&self, start: u32) -> Option<&EventState> {
        let i = self.events.partition_point(|e| e.span.start < start);
        self.events.get(i).filter(|e| e.span.start == start)
    }
}

/// `1:32.4`: minutes, seconds and tenths, as a fight director reads a clock.
pub fn clock(millis: u64) -> String {
    let tenths = millis / 100;
    format!("{}:{:02}.{}", tenths / 600, (tenths / 10) % 60, tenths % 10)
}

/// One fighter's condition in words: `standing`, `down (count 6)`, `out`.
pub fn condition(state: &State, side: usize) -> String {
    match state.condition[side] {
        Condition::Standing => "standing".to_owned(),
        Condition::Down => match state.count[side] {
            Some(n) => format!("down, count {n}"),
            None => "down, no count yet".to_owned(),
        },
        Condition::Out => "out".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_read_in_tenths() {
        assert_eq!(clock(92_400), "1:32.4");
        assert_eq!(clock(0), "0:00.0");
        assert_eq!(clock(3_599_999), "59:59.9");
        assert_eq!(clock(3_600_000), "60:00.0");
    }
}
