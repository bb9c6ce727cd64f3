//! The fighters' state through a fight: standing, down or out, the counts,
//! the knockdowns of each round, the bell, and how the fight ended.
//!
//! The state follows the scheduled event graph, not source order: a move
//! written with `&` starts together with the one before it, so in a trade
//! (`ROCKY hook chin -> APOLLO down mat` then `& APOLLO cross chin -> ROCKY
//! hit`) Apollo throws before Rocky's hook puts him down. A move's attack
//! meets the state at its start; its reaction changes the state when the
//! attack lands (the reaction node's start). Rounds, corners and rounds
//! montages follow one another as written; inside each, and among the
//! events standing directly in the fight, events are taken by their start
//! on the fight clock, then in source order.
//!
//! Invariant: every event is applied, mistaken or not (a fighter who rises
//! too early is standing afterwards), so one mistake is reported once and
//! later checks stay meaningful. Facts record the state *before* each event
//! and are listed in source order; the lints judge them.

use std::collections::HashMap;

use petgraph::stable_graph::NodeIndex;

use super::graph::{BlockKind, EventGraph, NodeKind};
use super::ruleset::Rules;
use crate::syntax::ast::*;

/// What happened in one fight, event by event.
#[derive(Debug, Default)]
pub struct FightFacts<'a> {
    /// Every fight event and round header, in source order.
    pub events: Vec<EventFact<'a>>,
    /// How the fight ended, if the events end it.
    pub ending: Option<Ending>,
    /// Counts that stopped below eight where the eight count is mandatory,
    /// in the order they were found.
    pub short_counts: Vec<ShortCount>,
    /// How far the fight went against its schedule (`None` for a fight
    /// without rounds).
    pub distance: Option<Distance>,
}

/// One event and the state it met.
///
/// Kept to 40 bytes (there is one per fight event: a long script's facts
/// were a tenth of its model): the round is stored with a sentinel and the
/// five yes-or-no facts as bits, each read through its method.
#[derive(Debug)]
pub struct EventFact<'a> {
    /// The statement.
    pub stmt: &'a Stmt,
    /// The round it stands in, or [`NO_ROUND`]; read by [`EventFact::round`].
    round: u32,
    /// [`OUTSIDE_ROUNDS`], [`AFTER_BELL`], [`ENDED_BEFORE`],
    /// [`ENDING_PART`] and [`ANSWERED`].
    flags: u8,
    /// The state before the event.
    pub before: State,
}

/// "No round" in [`EventFact`]: round numbers are at most 1,000 (S024).
const NO_ROUND: u32 = u32::MAX;
const OUTSIDE_ROUNDS: u8 = 1;
const AFTER_BELL: u8 = 1 << 1;
const ENDED_BEFORE: u8 = 1 << 2;
const ENDING_PART: u8 = 1 << 3;
const ANSWERED: u8 = 1 << 4;

impl EventFact<'_> {
    /// The round it stands in, if any.
    pub fn round(&self) -> Option<u32> {
        (self.round != NO_ROUND).then_some(self.round)
    }

    /// Whether it stands directly in the fight block (not in a round).
    pub fn outside_rounds(&self) -> bool {
        self.flags & OUTSIDE_ROUNDS != 0
    }

    /// Whether the bell of its round has already rung.
    pub fn after_bell(&self) -> bool {
        self.flags & AFTER_BELL != 0
    }

    /// Whether the fight had already ended before the event.
    pub fn ended_before(&self) -> bool {
        self.flags & ENDED_BEFORE != 0
    }

    /// Whether the event is part of the ending that came just before it:
    /// the referee's count over a fighter knocked out, or the referee
    /// stopping the fight after the knockout or the third knockdown.
    pub fn ending_part(&self) -> bool {
        self.flags & ENDING_PART != 0
    }

    /// Whether the next event is the referee answering (warn, deduct,
    /// disqualify or stop), which silences a foul.
    pub fn answered(&self) -> bool {
        self.flags & ANSWERED != 0
    }
}

/// The fighters' state; index 0 is the first fighter of the header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct State {
    /// Each fighter's condition.
    pub condition: [Condition; 2],
    /// The count given over each fighter's current knockdown.
    pub count: [Option<u32>; 2],
    /// Whether the count over each fighter may go on past the number it
    /// reached: in a double knockdown, the other fighter has risen since,
    /// and the referee keeps counting over the one still down.
    pub count_goes_on: [bool; 2],
    /// Knockdowns of each fighter in the current round (counted to at
    /// most 65,535: three decide a fight; 16 bits keep a fact at 40 bytes,
    /// and there is one per event).
    pub knockdowns: [u16; 2],
}

/// A fighter's condition.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Condition {
    /// On both feet.
    #[default]
    Standing,
    /// Knocked down, being counted.
    Down,
    /// Unconscious, or counted out.
    Out,
}

/// How a fight ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ending {
    /// By what.
    pub method: Method,
    /// What ended it.
    pub cause: EndCause,
    /// The winner's index (0 or 1).
    pub winner: usize,
    /// The round it ended in, if any.
    pub round: Option<u32>,
    /// The event that ended it.
    pub span: Span,
}

/// The event that ended a fight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndCause {
    /// A blow left the loser `out`.
    Out,
    /// The referee counted the loser out (`count 10`).
    CountOut,
    /// The third knockdown in one round, under the three-knockdown rule.
    ThreeKnockdowns,
    /// The referee stopped the fight (`stop`).
    Stop,
    /// The corner threw the towel during the round.
    Towel,
    /// The corner retired its fighter between rounds (`towel` in a
    /// `corner`, or after the bell).
    Retirement,
    /// The referee disqualified the loser.
    Disqualification,
}

/// A count over a knocked-down fighter that stopped below eight where the
/// eight count is mandatory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShortCount {
    /// The fighter knocked down.
    pub fighter: usize,
    /// The count it reached; `None` when there was none.
    pub reached: Option<u32>,
    /// Where to report it: the count's number, or the `up` when there was
    /// no count, or the knockdown when there was neither.
    pub span: Span,
    /// What stopped it.
    pub stopped_by: CountStop,
}

/// What stopped a count short.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountStop {
    /// The fighter rose.
    Up,
    /// The round ended with the fighter still down.
    RoundEnd,
    /// A rounds montage followed.
    Montage,
    /// The fight's block ended without an ending.
    FightEnd,
}

/// How far a fight with rounds went against its schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Distance {
    /// The scheduled rounds.
    pub scheduled: u32,
    /// The first scheduled round that is neither written nor in a rounds
    /// montage.
    pub first_missing: Option<u32>,
    /// Whether the last scheduled round ended by its bell (a rounds
    /// montage through the last round counts).
    pub final_bell: bool,
}

impl Distance {
    /// Whether the fight went its scheduled distance.
    pub fn gone(&self) -> bool {
        self.first_missing.is_none() && self.final_bell
    }
}

/// Which side `id` is on, if either.
pub fn side(fighters: [&Ident; 2], id: &Ident) -> Option<usize> {
    fighters.iter().position(|f| f.value == id.value)
}

/// Where each fight's start node stands in the graph's `order`, by the
/// fight's statement.
pub fn fight_starts(graph: &EventGraph<'_>) -> HashMap<*const Stmt, usize> {
    graph
        .order()
        .enumerate()
        .filter_map(|(i, n)| {
            let node = &graph.graph[n];
            (node.kind == NodeKind::Start(BlockKind::Fight))
                .then(|| node.stmt.map(|s| (s as *const Stmt, i)))
                .flatten()
        })
        .collect()
}

/// Runs the fight `stmt` of `fighters` under `rules`, following the
/// scheduled `graph`; `start` is where its start node stands in `order`.
pub fn simulate<'a>(
    fighters: [&'a Ident; 2],
    rules: &Rules,
    graph: &EventGraph<'a>,
    start: Option<usize>,
) -> FightFacts<'a> {
    let mut sim = Simulation {
        fighters,
        rules: *rules,
        state: State::default(),
        round: None,
        bell: false,
        in_corner: false,
        knockdown: [None, None],
        ending_open: false,
        fought: vec![false; rules.rounds.map_or(0, |r| r as usize + 1)],
        final_bell: false,
        facts: Vec::new(),
        out: FightFacts::default(),
    };
    if let Some(start) = start {
        for (position, node, top) in schedule(graph, start) {
            sim.step(graph, position, node, top);
        }
    }
    sim.finish()
}

/// The nodes of the fight whose start node stands at `start` in `order`,
/// in the order the state meets them, each with its position in `order`
/// and whether it stands directly in the fight block.
fn schedule(graph: &EventGraph<'_>, start: usize) -> Vec<(usize, NodeIndex, bool)> {
    let fight_node = &graph.graph[petgraph::graph::NodeIndex::new(start)];
    let fight = fight_node.fight();
    let fight_stmt = fight_node.stmt.map(|s| s as *const Stmt);
    // (segment, start on the fight clock, position): rounds, corners and
    // rounds montages each get a segment of their own, in source order.
    let mut keyed: Vec<(u32, u64, usize, NodeIndex, bool)> = Vec::new();
    let mut depth = 0usize;
    let mut segment = 0u32;
    for (position, n) in graph.order().enumerate().skip(start + 1) {
        let node = &graph.graph[n];
        if node.kind == NodeKind::End(BlockKind::Fight)
            && node.stmt.map(|s| s as *const Stmt) == fight_stmt
        {
            keyed.push((segment + 1, 0, position, n, true));
            break;
        }
        if node.fight() != fight {
            continue;
        }
        // A bell is placed at the round's length however early the round's
        // last event ended; the state meets it where it is written, when the
        // events before it have ended (an overrunning round is `round-overrun`,
        // not a hit after the bell).
        let clock = match (node.kind, graph.fight_clock(n)) {
            (NodeKind::Bell, Some(c)) => match c.in_round {
                Some(in_round) => c.absolute - in_round + graph.unanchored(n).unwrap_or(in_round),
                None => c.absolute,
            },
            (_, c) => c.map_or(0, |c| c.absolute),
        };
        let sequential = matches!(
            node.kind,
            NodeKind::Start(BlockKind::Round | BlockKind::Corner | BlockKind::RoundsMontage)
                | NodeKind::End(BlockKind::Round | BlockKind::Corner | BlockKind::RoundsMontage)
        );
        match node.kind {
            NodeKind::Start(_) => {
                if depth == 0 && sequential {
                    segment += 1;
                }
                keyed.push((segment, clock, position, n, depth == 0));
                depth += 1;
            }
            NodeKind::End(_) => {
                depth = depth.saturating_sub(1);
                keyed.push((segment, clock, position, n, depth == 0));
                if depth == 0 && sequential {
                    segment += 1;
                }
            }
            _ => keyed.push((segment, clock, position, n, depth == 0)),
        }
    }
    keyed.sort_unstable_by_key(|&(segment, clock, position, ..)| (segment, clock, position));
    keyed
        .into_iter()
        .map(|(_, _, position, n, top)| (position, n, top))
        .collect()
}

/// A knockdown whose count is still open.
#[derive(Clone, Copy)]
struct Knockdown {
    /// The `down` reaction.
    span: Span,
    /// The count reached so far, and its number's span.
    count: Option<(u32, Span)>,
}

struct Simulation<'a> {
    fighters: [&'a Ident; 2],
    rules: Rules,
    state: State,
    round: Option<u32>,
    bell: bool,
    in_corner: bool,
    knockdown: [Option<Knockdown>; 2],
    /// The fight has just ended and no event has followed yet: the
    /// referee's count or stop may still be part of the ending.
    ending_open: bool,
    /// Which scheduled rounds were written (or montaged), by number.
    fought: Vec<bool>,
    final_bell: bool,
    /// Facts with their position in `order`, in the order met.
    facts: Vec<(usize, EventFact<'a>)>,
    out: FightFacts<'a>,
}

impl<'a> Simulation<'a> {
    fn step(&mut self, graph: &EventGraph<'a>, position: usize, n: NodeIndex, top: bool) {
        let node = &graph.graph[n];
        let Some(stmt) = node.stmt else {
            return;
        };
        match node.kind {
            NodeKind::Start(BlockKind::Round) => {
                self.record(position, stmt, top);
                if let StmtKind::Round { number, .. } = &stmt.kind {
                    self.round = Some(number.value);
                    if let Some(seen) = self.fought.get_mut(number.value as usize) {
                        *seen = true;
                    }
                }
                self.bell = false;
                self.state.knockdowns = [0, 0];
                self.answer_the_bell();
            }
            NodeKind::End(BlockKind::Round) => {
                self.close_all(CountStop::RoundEnd);
                self.round = None;
            }
            NodeKind::Start(BlockKind::RoundsMontage) => {
                self.record(position, stmt, top);
                self.close_all(CountStop::Montage);
                if let StmtKind::RoundsMontage { rounds, .. } = &stmt.kind {
                    let (first, last) = rounds.value;
                    let top = self.fought.len().saturating_sub(1);
                    if let Some(seen) = self
                        .fought
                        .get_mut(first as usize..=(last as usize).min(top))
                    {
                        seen.fill(true);
                    }
                    if self.rules.rounds.is_some_and(|s| first <= s && s <= last) {
                        self.final_bell = true;
                    }
                }
                self.state.knockdowns = [0, 0];
                self.answer_the_bell();
            }
            NodeKind::Start(BlockKind::Corner) => self.in_corner = true,
            NodeKind::End(BlockKind::Corner) => self.in_corner = false,
            NodeKind::Start(BlockKind::Exchange) => self.record(position, stmt, top),
            NodeKind::End(BlockKind::Fight) => self.close_all(CountStop::FightEnd),
            NodeKind::Event | NodeKind::Bell => {
                self.record(position, stmt, top);
                self.apply(stmt);
            }
            NodeKind::Reaction => {
                if let StmtKind::Move(attack) = &stmt.kind
                    && let Some(reaction) = &attack.reaction
                {
                    self.react(stmt, reaction);
                }
            }
            _ => {}
        }
    }

    fn record(&mut self, position: usize, stmt: &'a Stmt, top: bool) {
        let ended = self.out.ending.is_some();
        let ending_part = ended && self.ending_open && self.confirms_ending(stmt);
        self.ending_open = false;
        self.facts.push((
            position,
            EventFact {
                stmt,
                round: self.round.unwrap_or(NO_ROUND),
                flags: [
                    (top, OUTSIDE_ROUNDS),
                    (self.bell, AFTER_BELL),
                    (ended && !ending_part, ENDED_BEFORE),
                    (ending_part, ENDING_PART),
                ]
                .into_iter()
                .filter(|&(on, _)| on)
                .fold(0, |flags, (_, bit)| flags | bit),
                before: self.state,
            },
        ));
    }

    /// Whether `stmt`, right after the ending, is part of it: the count
    /// over a fighter knocked out or knocked down a third time, or the
    /// referee stopping the fight over that fighter.
    fn confirms_ending(&self, stmt: &Stmt) -> bool {
        let Some(ending) = self.out.ending else {
            return false;
        };
        if !matches!(ending.cause, EndCause::Out | EndCause::ThreeKnockdowns) {
            return false;
        }
        // A count (over the one knocked out), or the stoppage of the loser,
        // belongs to the ending; nothing else does.
        let counts = matches!(
            &stmt.kind,
            StmtKind::Referee {
                action: RefereeAction::Count(_),
                ..
            }
        );
        let stops_the_loser = matches!(
            &stmt.kind,
            StmtKind::Referee {
                action: RefereeAction::Stop { fighter },
                ..
            } if side(self.fighters, fighter) == Some(1 - ending.winner)
        );
        counts || stops_the_loser
    }

    fn end(&mut self, method: Method, cause: EndCause, winner: usize, span: Span) {
        if self.out.ending.is_none() {
            self.out.ending = Some(Ending {
                method,
                cause,
                winner,
                round: self.round,
                span,
            });
            self.ending_open = true;
            // However the fight ended, no count is owed any more.
            self.knockdown = [None, None];
        }
    }

    /// The count over fighter `who` stops: short of eight where the eight
    /// count is mandatory, it is recorded. `up` is the rising, if that is
    /// what stopped it.
    fn close(&mut self, who: usize, stopped_by: CountStop, up: Option<Span>) {
        let Some(knockdown) = self.knockdown[who].take() else {
            return;
        };
        if !self.rules.mandatory_eight || self.out.ending.is_some() {
            return;
        }
        let (reached, span) = match knockdown.count {
            Some((n, _)) if n >= 8 => return,
            Some((n, span)) => (Some(n), span),
            None => (None, up.unwrap_or(knockdown.span)),
        };
        self.out.short_counts.push(ShortCount {
            fighter: who,
            reached,
            span,
            stopped_by,
        });
    }

    /// A new round: a fighter left down when the last one ended (its count
    /// cut short, reported) was helped to the corner and answers the bell.
    fn answer_the_bell(&mut self) {
        for who in 0..2 {
            if self.state.condition[who] == Condition::Down {
                self.state.condition[who] = Condition::Standing;
                self.state.count[who] = None;
                self.state.count_goes_on[who] = false;
            }
        }
    }

    fn close_all(&mut self, stopped_by: CountStop) {
        for who in 0..2 {
            self.close(who, stopped_by, None);
        }
    }

    fn react(&mut self, stmt: &'a Stmt, reaction: &'a Reaction) {
        let Some(defender) = side(self.fighters, &reaction.defender) else {
            return;
        };
        match reaction.kind.value {
            ReactionKind::Down => {
                // Down again before rising: the earlier count is over.
                self.close(defender, CountStop::Up, None);
                self.state.condition[defender] = Condition::Down;
                self.state.count[defender] = None;
                self.state.count_goes_on[defender] = false;
                self.state.knockdowns[defender] = self.state.knockdowns[defender].saturating_add(1);
                self.knockdown[defender] = Some(Knockdown {
                    span: reaction.kind.span,
                    count: None,
                });
                if self.rules.three_knockdown && self.state.knockdowns[defender] >= 3 {
                    self.end(
                        Method::Tko,
                        EndCause::ThreeKnockdowns,
                        1 - defender,
                        stmt.span,
                    );
                }
            }
            ReactionKind::Out => {
                self.state.condition[defender] = Condition::Out;
                self.knockdown[defender] = None;
                self.end(Method::Ko, EndCause::Out, 1 - defender, stmt.span);
            }
            _ => {}
        }
    }

    fn apply(&mut self, stmt: &'a Stmt) {
        let fighters = self.fighters;
        match &stmt.kind {
            StmtKind::Referee { action, .. } => match action {
                RefereeAction::Count(n) => {
                    let down: Vec<usize> = (0..2)
                        .filter(|&i| self.state.condition[i] == Condition::Down)
                        .collect();
                    for &d in &down {
                        self.state.count[d] = Some(n.value);
                        self.state.count_goes_on[d] = false;
                        if let Some(k) = &mut self.knockdown[d] {
                            k.count = Some((n.value, n.span));
                        }
                    }
                    if n.value >= 10 {
                        for &d in &down {
                            self.state.condition[d] = Condition::Out;
                            self.knockdown[d] = None;
                        }
                        // Both counted out together: nobody wins (a draw).
                        if let [loser] = down[..] {
                            self.end(Method::Ko, EndCause::CountOut, 1 - loser, stmt.span);
                        }
                    }
                }
                RefereeAction::Stop { fighter } => {
                    if let Some(loser) = side(fighters, fighter) {
                        self.end(Method::Tko, EndCause::Stop, 1 - loser, stmt.span);
                    }
                }
                RefereeAction::Disqualify { fighter } => {
                    if let Some(loser) = side(fighters, fighter) {
                        self.end(Method::Dq, EndCause::Disqualification, 1 - loser, stmt.span);
                    }
                }
                _ => {}
            },
            StmtKind::Up { fighter } => {
                if let Some(who) = side(fighters, fighter)
                    && self.state.condition[who] == Condition::Down
                {
                    self.close(who, CountStop::Up, Some(stmt.span));
                    self.state.condition[who] = Condition::Standing;
                    let other = 1 - who;
                    if self.state.condition[other] == Condition::Down
                        && self.state.count[other].is_some()
                    {
                        self.state.count_goes_on[other] = true;
                    }
                }
            }
            StmtKind::Towel { fighter } => {
                if let Some(loser) = side(fighters, fighter) {
                    // Thrown from the corner between rounds (or after the
                    // bell) it is a retirement; during the round, a stoppage.
                    let (method, cause) = if self.in_corner || self.bell {
                        (Method::Rtd, EndCause::Retirement)
                    } else {
                        (Method::Tko, EndCause::Towel)
                    };
                    self.end(method, cause, 1 - loser, stmt.span);
                }
            }
            StmtKind::Bell => {
                self.bell = true;
                if self.round.is_some() && self.round == self.rules.rounds {
                    self.final_bell = true;
                }
            }
            StmtKind::TitleField { .. }
            | StmtKind::Production { .. }
            | StmtKind::Cast { .. }
            | StmtKind::CastMember(_)
            | StmtKind::Moves { .. }
            | StmtKind::Scene { .. }
            | StmtKind::Transition { .. }
            | StmtKind::Action { .. }
            | StmtKind::Shot { .. }
            | StmtKind::Sound { .. }
            | StmtKind::Note { .. }
            | StmtKind::Pause
            | StmtKind::Page { .. }
            | StmtKind::Dialogue { .. }
            | StmtKind::Montage { .. }
            | StmtKind::Fight { .. }
            | StmtKind::Setting(_)
            | StmtKind::Round { .. }
            | StmtKind::Corner { .. }
            | StmtKind::RoundsMontage { .. }
            | StmtKind::Result(_)
            | StmtKind::Exchange { .. }
            | StmtKind::Move(_)
            | StmtKind::Broken { .. } => {}
        }
    }

    fn finish(mut self) -> FightFacts<'a> {
        self.facts.sort_by_key(|(position, _)| *position);
        // Into a vector of its own, exactly sized: collecting in place would
        // keep the (larger) allocation of `facts`, grown by doubling.
        let mut events: Vec<EventFact<'a>> = Vec::with_capacity(self.facts.len());
        events.extend(self.facts.into_iter().map(|(_, f)| f));
        // A foul is answered when the next event (as written) is the referee's.
        let answers: Vec<bool> = events
            .iter()
            .map(|f| {
                matches!(
                    f.stmt.kind,
                    StmtKind::Referee {
                        action: RefereeAction::Warn { .. }
                            | RefereeAction::Deduct { .. }
                            | RefereeAction::Disqualify { .. }
                            | RefereeAction::Stop { .. },
                        ..
                    }
                )
            })
            .collect();
        for (i, fact) in events.iter_mut().enumerate() {
            if answers.get(i + 1).copied().unwrap_or(false) {
                fact.flags |= ANSWERED;
            }
        }
        self.out.events = events;
        self.out.distance =
            self.rules
                .rounds
                .filter(|_| self.rules.has_rounds())
                .map(|scheduled| Distance {
                    scheduled,
                    first_missing: (1..=scheduled).find(|&r| !self.fought[r as usize]),
                    final_bell: self.final_bell,
                });
        self.out
    }
}
