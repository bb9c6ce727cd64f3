//! The fighters' state through a fight: standing, down or out, the counts,
//! the knockdowns of each round, the bell, and how the fight ended.
//!
//! Invariant: every event is applied, mistaken or not (a fighter who rises
//! too early is standing afterwards), so one mistake is reported once and
//! later checks stay meaningful. Facts record the state *before* each event;
//! the lints judge them.

use super::ruleset::Rules;
use crate::syntax::ast::*;

/// What happened in one fight, event by event.
#[derive(Debug, Default)]
pub struct FightFacts<'a> {
    /// Every fight event and round header, in source order.
    pub events: Vec<EventFact<'a>>,
    /// How the fight ended, if the events end it.
    pub ending: Option<Ending>,
}

/// One event and the state it met.
#[derive(Debug)]
pub struct EventFact<'a> {
    /// The statement.
    pub stmt: &'a Stmt,
    /// The round it stands in, if any.
    pub round: Option<u32>,
    /// Whether it stands directly in the fight block (not in a round).
    pub outside_rounds: bool,
    /// Whether the bell of its round has already rung.
    pub after_bell: bool,
    /// The state before the event.
    pub before: State,
    /// Whether the fight had already ended before the event.
    pub ended_before: bool,
    /// Whether the next event is the referee answering (warn, deduct,
    /// disqualify or stop), which silences a foul.
    pub answered: bool,
}

/// The fighters' state; index 0 is the first fighter of the header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct State {
    /// Each fighter's condition.
    pub condition: [Condition; 2],
    /// The count given over each fighter's current knockdown.
    pub count: [Option<u32>; 2],
    /// Knockdowns of each fighter in the current round.
    pub knockdowns: [u32; 2],
    /// A fighter knocked down under a mandatory eight count whose count has
    /// not yet reached eight.
    pub eight_pending: Option<usize>,
}

/// A fighter's condition.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Condition {
    /// On his feet.
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
    /// The winner's index (0 or 1).
    pub winner: usize,
    /// The event that ended it.
    pub span: Span,
}

/// Which side `id` is on, if either.
pub fn side(fighters: [&Ident; 2], id: &Ident) -> Option<usize> {
    fighters.iter().position(|f| f.value == id.value)
}

/// Runs the fight `items` of `fighters` under `rules`.
pub fn simulate<'a>(fighters: [&'a Ident; 2], rules: &Rules, items: &'a [Stmt]) -> FightFacts<'a> {
    let mut sim = Simulation {
        fighters,
        rules: *rules,
        state: State::default(),
        round: None,
        bell: false,
        facts: FightFacts::default(),
    };
    sim.walk(items, true);
    // A foul is answered when the next event is the referee's.
    let answers: Vec<bool> = sim
        .facts
        .events
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
    for (i, fact) in sim.facts.events.iter_mut().enumerate() {
        fact.answered = answers.get(i + 1).copied().unwrap_or(false);
    }
    sim.facts
}

struct Simulation<'a> {
    fighters: [&'a Ident; 2],
    rules: Rules,
    state: State,
    round: Option<u32>,
    bell: bool,
    facts: FightFacts<'a>,
}

impl<'a> Simulation<'a> {
    fn walk(&mut self, items: &'a [Stmt], top: bool) {
        for stmt in items {
            match &stmt.kind {
                StmtKind::Round { number, body } => {
                    self.record(stmt, top);
                    self.round = Some(number.value);
                    self.bell = false;
                    self.state.knockdowns = [0, 0];
                    self.walk(&body.items, false);
                    self.round = None;
                }
                StmtKind::RoundsMontage { .. } => {
                    self.record(stmt, top);
                    self.state.knockdowns = [0, 0];
                }
                StmtKind::Exchange { body, .. } => {
                    self.record(stmt, top);
                    self.walk(&body.items, false);
                }
                StmtKind::Broken { body, .. } => self.walk(&body.items, top),
                StmtKind::Move(_)
                | StmtKind::Referee { .. }
                | StmtKind::Up { .. }
                | StmtKind::Towel { .. }
                | StmtKind::Bell => {
                    self.record(stmt, top);
                    self.apply(stmt);
                }
                _ => {}
            }
        }
    }

    fn record(&mut self, stmt: &'a Stmt, top: bool) {
        self.facts.events.push(EventFact {
            stmt,
            round: self.round,
            outside_rounds: top,
            after_bell: self.bell,
            before: self.state,
            ended_before: self.facts.ending.is_some(),
            answered: false,
        });
    }

    fn end(&mut self, method: Method, winner: usize, span: Span) {
        if self.facts.ending.is_none() {
            self.facts.ending = Some(Ending {
                method,
                winner,
                span,
            });
        }
    }

    fn apply(&mut self, stmt: &'a Stmt) {
        let fighters = self.fighters;
        match &stmt.kind {
            StmtKind::Move(attack) => {
                let attacker = side(fighters, &attack.attacker);
                if let Some(reaction) = &attack.reaction {
                    let Some(defender) = side(fighters, &reaction.defender) else {
                        return;
                    };
                    match reaction.kind.value {
                        ReactionKind::Down => {
                            self.state.condition[defender] = Condition::Down;
                            self.state.count[defender] = None;
                            self.state.knockdowns[defender] += 1;
                            if self.rules.mandatory_eight {
                                self.state.eight_pending = Some(defender);
                            }
                            if self.rules.three_knockdown && self.state.knockdowns[defender] >= 3 {
                                self.end(Method::Tko, 1 - defender, stmt.span);
                            }
                        }
                        ReactionKind::Out => {
                            self.state.condition[defender] = Condition::Out;
                            self.end(Method::Ko, 1 - defender, stmt.span);
                        }
                        _ => {}
                    }
                }
                // The fight has gone on with the downed fighter back on his
                // feet: a pending eight count is now moot (its lint has seen
                // the fact). While he is still down, it stays pending.
                if let Some(pending) = self.state.eight_pending
                    && attacker.is_some()
                    && self.state.condition[pending] == Condition::Standing
                {
                    self.state.eight_pending = None;
                }
            }
            StmtKind::Referee { action, .. } => match action {
                RefereeAction::Count(n) => {
                    let Some(down) = self
                        .state
                        .condition
                        .iter()
                        .position(|c| *c == Condition::Down)
                    else {
                        return;
                    };
                    self.state.count[down] = Some(n.value);
                    if n.value >= 8 && self.state.eight_pending == Some(down) {
                        self.state.eight_pending = None;
                    }
                    if n.value >= 10 {
                        self.state.condition[down] = Condition::Out;
                        self.state.eight_pending = None;
                        self.end(Method::Ko, 1 - down, stmt.span);
                    }
                }
                RefereeAction::Stop { fighter } => {
                    if let Some(loser) = side(fighters, fighter) {
                        self.end(Method::Tko, 1 - loser, stmt.span);
                    }
                }
                RefereeAction::Disqualify { fighter } => {
                    if let Some(loser) = side(fighters, fighter) {
                        self.end(Method::Dq, 1 - loser, stmt.span);
                    }
                }
                _ => {}
            },
            StmtKind::Up { fighter } => {
                if let Some(who) = side(fighters, fighter)
                    && self.state.condition[who] == Condition::Down
                {
                    self.state.condition[who] = Condition::Standing;
                }
            }
            StmtKind::Towel { fighter } => {
                if let Some(loser) = side(fighters, fighter) {
                    // Thrown after the bell, between rounds, it is a retirement.
                    let method = if self.bell { Method::Rtd } else { Method::Tko };
                    self.end(method, 1 - loser, stmt.span);
                }
            }
            StmtKind::Bell => self.bell = true,
            _ => {}
        }
    }
}
