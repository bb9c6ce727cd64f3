//! The injury continuity report (`bout continuity`): every cut, swelling
//! and knockdown of every fighter, where it happened, and every later part
//! of the script where make-up must carry it; the make-up chart per scene;
//! the script supervisor's breakdown (CSV); and an HTML page with a face
//! diagram per fighter.
//!
//! Reading the script (see `docs/continuity.md` for the choices):
//!
//! - An injury is a move's reaction: `cut LOCATION`, `swell LOCATION`, or a
//!   knockdown (`down`, `out`; `out` always ends the fight). A fighter cut
//!   (or swollen) again at the same location has one injury that worsens:
//!   the later blows are its `worsened` places. Every knockdown is an
//!   injury of its own.
//! - The scene where an injury happens is cut into parts: each round,
//!   rounds montage and corner of its fights, the fight's beats outside
//!   them, and the scene's beats before, between and after its fights. The
//!   injury is carried into each later part of that scene the fighter is
//!   in, then (cuts and swellings only: a knockdown leaves no mark of its
//!   own) into every later scene the fighter appears in, whole.
//! - A fighter is in a round or rounds montage of their fight, in their
//!   own corners, in their fight's other beats, and in every part of the
//!   scene after their fight began (they are still there unless the script
//!   takes them away), but not in the other fighter's corner. Anyone is in
//!   a part where they speak, act in a fight event, or are named in capitals
//!   (their cue, as a whole word) in an action, shot, sound or
//!   parenthetical.
//!
//! Exporters read the model, never the source: places come from the tree,
//! lines from its line starts, clocks from the scheduled graph. Every
//! string from the script passes [`inert`] (through
//! [`one_line`] for the one-line fields); the HTML escapes what it writes,
//! the CSV quotes and neutralises formulas as `bout timeline --to csv`
//! does.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

use schemars::JsonSchema;
use serde::Serialize;

use super::csv::{field, text_cell};
use super::escape::{inert, markup, one_line};
use super::screenplay::table;
use crate::model::graph::NodeKind;
use crate::model::state::{EndCause, side};
use crate::model::{Fight, Model};
use crate::syntax::ast::*;
use crate::syntax::visit;

/// The continuity report of a script.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Continuity {
    /// The script's title, if it has one.
    pub title: Option<String>,
    /// Every injury, fighter by fighter (in cast order), each fighter's in
    /// story order.
    pub injuries: Vec<Injury>,
    /// The make-up chart: every scene with its cast and the injuries its
    /// fighters carry there.
    pub chart: Vec<ChartScene>,
    /// The script supervisor's breakdown, one row per part of a scene (or
    /// whole scene) and injury carried there, in story order: the CSV.
    #[serde(skip)]
    pub breakdown: Vec<BreakdownRow>,
}

/// One injury: a cut or swelling at one location (with every later blow
/// that worsens it), or one knockdown.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Injury {
    /// The injured fighter's cast id.
    pub fighter: String,
    /// The fighter's cue (`DRAGO`).
    pub cue: String,
    /// The fighter's display name (`Ivan Drago`).
    pub name: String,
    /// What it is.
    pub kind: InjuryKind,
    /// Where on the face (`left-brow`, `right-brow`, `left-eye`,
    /// `right-eye`, `nose`, `lip`, `cheek`); none for a knockdown.
    pub location: Option<String>,
    /// For a knockdown that ended the fight, how: `knockout` (`out`),
    /// `counted-out` (a count of ten over it), `third-knockdown` (the third
    /// in a round under the three-knockdown rule); none otherwise.
    pub ends_fight: Option<FightEnd>,
    /// Where it happened.
    pub first: Place,
    /// Later blows at the same location (cuts and swellings), in story
    /// order.
    pub worsened: Vec<Place>,
    /// Where make-up must carry it after it happened: the later parts of
    /// its own scene the fighter is in, then (cuts and swellings) every
    /// later scene the fighter appears in.
    pub carried: Vec<Carried>,
}

/// The kinds of injury.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum InjuryKind {
    /// `cut LOCATION`.
    Cut,
    /// `swell LOCATION`.
    Swelling,
    /// `down` or `out`.
    Knockdown,
}

/// How a knockdown ended the fight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FightEnd {
    /// `out`: knocked unconscious.
    Knockout,
    /// Counted out: a count of ten over the knockdown.
    CountedOut,
    /// The third knockdown in a round, under the three-knockdown rule.
    ThirdKnockdown,
}

/// Where a blow landed.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Place {
    /// The scene's position among the scenes with a heading, from 1 (as
    /// `bout render --scene-numbers` counts them; 0 for a scene without a
    /// heading).
    pub scene: u32,
    /// The scene's number as the breakdown prints it: the script's own
    /// (`number "12A"`), else the count.
    pub scene_number: String,
    /// The scene's heading.
    pub heading: String,
    /// The fight's position among the script's fights, from 1.
    pub fight: u32,
    /// The fight as `RED vs BLUE`, by cue.
    pub fight_title: String,
    /// The fight's `#label`, without the `#`.
    pub fight_label: Option<String>,
    /// The round; none in a street fight.
    pub round: Option<u32>,
    /// `m:ss` when the blow is thrown: on the round's clock, or in a street
    /// fight from the fight's start (as the fight-script table).
    pub clock: String,
    /// The blow, by cue: `ROCKY right hook head`.
    pub blow: String,
    /// The 1-based source line of the move.
    pub line: usize,
    /// Whether the scene holds more than one fight (the notes then name
    /// the fight); not written out: `fight` says which.
    #[serde(skip)]
    #[schemars(skip)]
    pub shares_scene: bool,
}

/// A part of the script where an injury must be carried.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Carried {
    /// The scene's position among the scenes with a heading, from 1.
    pub scene: u32,
    /// The scene's number as the breakdown prints it.
    pub scene_number: String,
    /// The scene's heading.
    pub heading: String,
    /// The part of the injury's own scene (`round 15`, `rounds 3–14`,
    /// `corner ROCKY after round 2`, `after the fight`); none for a whole
    /// later scene.
    pub part: Option<String>,
    /// The 1-based source line where the part (or the scene) starts.
    pub line: usize,
}

/// One scene of the make-up chart.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct ChartScene {
    /// The scene's position among the scenes with a heading, from 1.
    pub scene: u32,
    /// The scene's number as the breakdown prints it.
    pub scene_number: String,
    /// The scene's heading.
    pub heading: String,
    /// The 1-based source line of the scene.
    pub line: usize,
    /// Everyone in the scene, by cue, in cast order.
    pub cast: Vec<String>,
    /// The fighters who carry injuries in the scene (those that happen in
    /// it included), in cast order.
    pub carries: Vec<Carry>,
}

/// The injuries one fighter carries in one scene.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct Carry {
    /// The fighter's cast id.
    pub fighter: String,
    /// The fighter's cue.
    pub cue: String,
    /// Each injury with where it came from, worsenings up to this scene
    /// included: `cut over the left brow (scene 5, round 2 at 0:40)`.
    pub injuries: Vec<String>,
}

/// One row of the breakdown (see [`BREAKDOWN_HEADER`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BreakdownRow {
    /// The scene's number as printed.
    pub scene: String,
    /// The scene's heading.
    pub heading: String,
    /// The part of the scene; empty for the whole scene.
    pub part: String,
    /// Everyone in the part (or scene), by cue.
    pub cast: Vec<String>,
    /// The fighter, by cue.
    pub fighter: String,
    /// What make-up does, in words.
    pub makeup_note: String,
    /// The scene number where the injury happened.
    pub since_scene: String,
    /// The round where it happened; none in a street fight.
    pub since_round: Option<u32>,
    /// The 1-based source line where the part (or scene) starts.
    pub line: usize,
}

/// The breakdown's columns.
pub const BREAKDOWN_HEADER: [&str; 9] = [
    "scene",
    "heading",
    "part",
    "cast",
    "fighter",
    "makeup_note",
    "since_scene",
    "since_round",
    "line",
];

/// The JSON Schema of the JSON export (`docs/continuity.schema.json`).
pub fn schema() -> String {
    let schema = schemars::schema_for!(Continuity);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

// ---------------------------------------------------------------------------
// Reading the script

/// A scene, cut into parts.
struct SceneInfo {
    ordinal: u32,
    number: String,
    heading: String,
    line: usize,
    parts: Vec<PartInfo>,
    /// Cast indices of everyone in the scene.
    cast: BTreeSet<usize>,
    /// Whether it holds more than one fight: its notes then say which.
    several_fights: bool,
}

/// A stretch of a scene: a round, a rounds montage, a corner, or a run of
/// beats between them.
struct PartInfo {
    label: String,
    start: u32,
    end: u32,
    line: usize,
    cast: BTreeSet<usize>,
}

/// What a statement is to the parts of a scene.
enum Class<'a> {
    /// A fight: its own parts.
    Fight,
    /// `round N`.
    Round(u32),
    /// `montage rounds A..B`.
    RoundsMontage(u32, u32),
    /// `corner ID`.
    Corner(&'a Ident),
    /// A fight's settings and result: in no part.
    Setting,
    /// Anything else: beats, events, montages, transitions.
    Loose,
}

fn class(stmt: &Stmt) -> Class<'_> {
    match &stmt.kind {
        StmtKind::Fight { .. } => Class::Fight,
        StmtKind::Round { number, .. } => Class::Round(number.value),
        StmtKind::RoundsMontage { rounds, .. } => {
            Class::RoundsMontage(rounds.value.0, rounds.value.1)
        }
        StmtKind::Corner { fighter, .. } => Class::Corner(fighter),
        StmtKind::Setting(_) | StmtKind::Result(_) => Class::Setting,
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
        | StmtKind::Exchange { .. }
        | StmtKind::Move(_)
        | StmtKind::Referee { .. }
        | StmtKind::Up { .. }
        | StmtKind::Towel { .. }
        | StmtKind::Bell
        | StmtKind::Broken { .. } => Class::Loose,
    }
}

/// The cast: indices by id, and cues found in text as whole words.
struct Cast {
    index: HashMap<ecow::EcoString, usize>,
    /// A cue's first word → the cue (as written and in capitals) and its
    /// member.
    by_word: HashMap<String, Vec<(String, usize)>>,
}

impl Cast {
    fn new(model: &Model<'_>) -> Cast {
        let mut index = HashMap::new();
        let mut by_word: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        for (i, member) in model.names.cast.iter().enumerate() {
            index.entry(member.id.clone()).or_insert(i);
            let cue = one_line(&member.cue);
            let upper = cue.to_uppercase();
            let forms = if upper == cue {
                vec![cue]
            } else {
                vec![upper, cue]
            };
            for form in forms {
                let first: String = form.chars().take_while(|c| c.is_alphanumeric()).collect();
                if first.is_empty() {
                    continue;
                }
                by_word.entry(first).or_default().push((form, i));
            }
        }
        Cast { index, by_word }
    }

    fn of(&self, id: &Ident) -> Option<usize> {
        self.index.get(id.value.as_str()).copied()
    }

    /// Adds everyone whose cue `text` names as a whole word.
    fn named_in(&self, text: &str, found: &mut BTreeSet<usize>) {
        let mut previous: Option<char> = None;
        for (at, c) in text.char_indices() {
            let starts = c.is_alphanumeric() && !previous.is_some_and(char::is_alphanumeric);
            previous = Some(c);
            if !starts {
                continue;
            }
            let rest = &text[at..];
            let word_end = rest
                .char_indices()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(rest.len(), |(i, _)| i);
            let Some(candidates) = self.by_word.get(&rest[..word_end]) else {
                continue;
            };
            for (cue, member) in candidates {
                if rest.starts_with(cue.as_str())
                    && !rest[cue.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                {
                    found.insert(*member);
                }
            }
        }
    }

    /// Adds everyone who appears in `stmts` and the statements in them.
    fn appearing(&self, stmts: &[Stmt], found: &mut BTreeSet<usize>) {
        let mut add = |id: &Ident| {
            if let Some(i) = self.of(id) {
                found.insert(i);
            }
        };
        let mut texts: Vec<&str> = Vec::new();
        for stmt in visit::statements(stmts) {
            match &stmt.kind {
                StmtKind::Action { text } | StmtKind::Shot { text } | StmtKind::Sound { text } => {
                    texts.push(&text.value)
                }
                StmtKind::Dialogue {
                    speaker,
                    parenthetical,
                    ..
                } => {
                    add(speaker);
                    if let Some(p) = parenthetical {
                        texts.push(&p.value);
                    }
                }
                StmtKind::Fight { red, blue, .. } => {
                    add(red);
                    add(blue);
                }
                StmtKind::Corner { fighter, .. }
                | StmtKind::Up { fighter }
                | StmtKind::Towel { fighter } => add(fighter),
                StmtKind::Move(m) => {
                    add(&m.attacker);
                    if let Some(r) = &m.reaction {
                        add(&r.defender);
                    }
                }
                StmtKind::Referee { referee, action } => {
                    add(referee);
                    match action {
                        RefereeAction::Warn { fighter, .. }
                        | RefereeAction::Deduct { fighter, .. }
                        | RefereeAction::Disqualify { fighter }
                        | RefereeAction::Stop { fighter } => add(fighter),
                        RefereeAction::Count(_) | RefereeAction::Break => {}
                    }
                }
                StmtKind::Setting(setting) => match setting {
                    Setting::Referee(id) => add(id),
                    Setting::Rules(_)
                    | Setting::Rounds(_)
                    | Setting::RoundLength(_)
                    | Setting::Rest(_)
                    | Setting::ThreeKnockdown(_) => {}
                },
                // Nobody appears by these: the page's own elements and
                // notes are not the picture, a knap may come from offstage.
                StmtKind::TitleField { .. }
                | StmtKind::Production { .. }
                | StmtKind::Cast { .. }
                | StmtKind::CastMember(_)
                | StmtKind::Moves { .. }
                | StmtKind::Scene { .. }
                | StmtKind::Transition { .. }
                | StmtKind::Note { .. }
                | StmtKind::Pause
                | StmtKind::Page { .. }
                | StmtKind::Montage { .. }
                | StmtKind::Round { .. }
                | StmtKind::RoundsMontage { .. }
                | StmtKind::Result(_)
                | StmtKind::Exchange { .. }
                | StmtKind::Bell
                | StmtKind::Broken { .. } => {}
            }
        }
        for text in texts {
            self.named_in(&inert(text), found);
        }
    }
}

/// The reader's state over one script.
struct Reader<'m, 'a> {
    model: &'m Model<'a>,
    cast: Cast,
    /// Each fight's index in `model.fights`, by its statement.
    fights: HashMap<*const Stmt, usize>,
}

impl Reader<'_, '_> {
    /// The parts of a scene whose body is `body`.
    fn parts(&self, body: &[Stmt]) -> Vec<PartInfo> {
        let fights: Vec<usize> = body
            .iter()
            .filter_map(|s| self.fights.get(&(s as *const Stmt)).copied())
            .collect();
        let several = fights.len() > 1;
        let mut parts = Vec::new();
        // The fighters whose fight has begun: in the scene from then on.
        let mut present: BTreeSet<usize> = BTreeSet::new();
        let mut run: Option<usize> = None;
        let mut done = 0;
        for (i, stmt) in body.iter().enumerate() {
            let fight = match class(stmt) {
                Class::Fight => self.fights.get(&(stmt as *const Stmt)).copied(),
                Class::Round(_)
                | Class::RoundsMontage(..)
                | Class::Corner(_)
                | Class::Setting
                | Class::Loose => None,
            };
            let Some(fight) = fight else {
                run.get_or_insert(i);
                continue;
            };
            if let Some(start) = run.take() {
                let label = self.around(&fights, done, several);
                parts.push(self.part(label, &body[start..i], &present));
            }
            self.fight_parts(fight, several, &present, &mut parts);
            for id in self.model.fights[fight].fighters {
                if let Some(m) = self.cast.of(id) {
                    present.insert(m);
                }
            }
            done += 1;
        }
        if let Some(start) = run {
            let label = if fights.is_empty() {
                "the scene".to_owned()
            } else {
                self.around(&fights, done, several)
            };
            parts.push(self.part(label, &body[start..], &present));
        }
        parts
    }

    /// The label of the scene's beats after `done` of its `fights`.
    fn around(&self, fights: &[usize], done: usize, several: bool) -> String {
        let name = |f: usize| {
            format!(
                "fight {} ({})",
                f + 1,
                table::title(self.model, &self.model.fights[f])
            )
        };
        match (done, several) {
            (0, false) => "before the fight".to_owned(),
            (0, true) => format!("before {}", name(fights[0])),
            (_, false) => "after the fight".to_owned(),
            (d, true) => format!("after {}", name(fights[d - 1])),
        }
    }

    /// A part of `stmts` with everyone in it, and the fighters `present`.
    fn part(&self, label: String, stmts: &[Stmt], present: &BTreeSet<usize>) -> PartInfo {
        let mut cast = present.clone();
        self.cast.appearing(stmts, &mut cast);
        let first = stmts.first().map_or(0, |s| s.span.start);
        PartInfo {
            label,
            start: first,
            end: stmts.last().map_or(first, |s| s.span.end),
            line: self.model.script.line_of(first),
            cast,
        }
    }

    /// The parts of fight `index`: its rounds, rounds montages, corners and
    /// the runs of its other beats (in a street fight, its events).
    fn fight_parts(
        &self,
        index: usize,
        several: bool,
        present: &BTreeSet<usize>,
        parts: &mut Vec<PartInfo>,
    ) {
        let fight = &self.model.fights[index];
        let Some(body) = fight.stmt.body() else {
            return;
        };
        let items = &body.items[..];
        let prefix = if several {
            format!(
                "fight {} ({}), ",
                index + 1,
                table::title(self.model, fight)
            )
        } else {
            String::new()
        };
        // In the ring: the fighters (and the scene's fighters already
        // there), and in its rounds the referee.
        let mut ring: BTreeSet<usize> = present.clone();
        ring.extend(fight.fighters.iter().filter_map(|id| self.cast.of(id)));
        let mut refereed = ring.clone();
        refereed.extend(fight.referee.and_then(|id| self.cast.of(id)));
        let rounds = fight.rules.has_rounds();
        // The open run of other beats: where it starts, and the last round
        // shown before it.
        let mut run: Option<(usize, Option<u32>)> = None;
        // The last round shown so far (a rounds montage counts for its last).
        let mut last_round: Option<u32> = None;
        let flush =
            |run: &mut Option<(usize, Option<u32>)>, end: usize, parts: &mut Vec<PartInfo>| {
                if let Some((start, last)) = run.take() {
                    let (label, with) = match (rounds, last) {
                        (false, _) => ("the fight".to_owned(), &refereed),
                        (true, None) => ("before the first round".to_owned(), &ring),
                        (true, Some(n)) => (format!("after round {n}"), &ring),
                    };
                    parts.push(self.part(format!("{prefix}{label}"), &items[start..end], with));
                }
            };
        for (i, stmt) in items.iter().enumerate() {
            let (label, with) = match class(stmt) {
                Class::Round(n) => (format!("round {n}"), refereed.clone()),
                Class::RoundsMontage(a, b) => (format!("rounds {a}\u{2013}{b}"), refereed.clone()),
                Class::Corner(id) => {
                    let mut with = present.clone();
                    with.extend(self.cast.of(id));
                    let whose = table::cue(self.model, &id.value);
                    let label = match last_round {
                        Some(n) => format!("corner {whose} after round {n}"),
                        None => format!("corner {whose}"),
                    };
                    (label, with)
                }
                // Settings open no part; a result inside a run stays in it.
                Class::Setting => continue,
                Class::Fight | Class::Loose => {
                    run.get_or_insert((i, last_round));
                    continue;
                }
            };
            flush(&mut run, i, parts);
            parts.push(self.part(format!("{prefix}{label}"), &items[i..=i], &with));
            if let Some(shown) = stmt.rounds_shown() {
                last_round = Some(shown.value.1);
            }
        }
        flush(&mut run, items.len(), parts);
    }
}

/// One blow that injures: a cut, a swelling or a knockdown.
struct Blow {
    /// Index into the scenes.
    scene: usize,
    /// Index into its scene's parts.
    part: usize,
    /// Byte offset of the move: story order.
    pos: u32,
    /// Cast index of the one hurt.
    fighter: usize,
    kind: InjuryKind,
    location: Option<Location>,
    ending: Option<FightEnd>,
    place: Place,
}

/// An injury as its blows, and where it is carried.
struct Group {
    /// Indices into the blows: the first, then those that worsen it.
    blows: Vec<usize>,
    /// Later parts of its own scene, by index.
    parts: Vec<usize>,
    /// Later scenes, by index.
    scenes: Vec<usize>,
}

/// Each fight event's clock in milliseconds: the round clock in a round,
/// else the fight clock, from the scheduled graph (as the fight-script
/// table reads it).
fn clocks(model: &Model<'_>) -> HashMap<*const Stmt, u64> {
    let mut by_stmt = HashMap::new();
    for (index, node) in model.graph.order().map(|n| (n, &model.graph.graph[n])) {
        if node.kind != NodeKind::Event {
            continue;
        }
        let (Some(stmt), Some(clock)) = (node.stmt, model.graph.fight_clock(index)) else {
            continue;
        };
        let ms = match (clock.round, clock.in_round) {
            (Some(_), Some(ms)) => ms,
            (Some(_), None) | (None, Some(_)) | (None, None) => clock.absolute,
        };
        by_stmt.entry(stmt as *const Stmt).or_insert(ms);
    }
    by_stmt
}

/// `m:ss`.
fn clock_text(ms: u64) -> String {
    format!("{}:{:02}", ms / 60_000, (ms / 1000) % 60)
}

/// The blow by cue: `ROCKY right hook head x2`.
fn blow_text(model: &Model<'_>, m: &Move) -> String {
    let mut words = vec![table::cue(model, &m.attacker.value)];
    if let Some(side) = &m.side {
        words.push(side.value.as_str().to_owned());
    }
    words.push(one_line(&m.technique.value));
    if let Some(target) = &m.target {
        words.push(target.value.as_str().to_owned());
    }
    let flurry = m.flurry();
    if flurry > 1 {
        words.push(format!("x{flurry}"));
    }
    words.join(" ")
}

/// The down-knockdown (by its statement) that ended `fight` by a count of
/// ten or a third knockdown, and how.
fn fatal_knockdown(fight: &Fight<'_>) -> Option<(*const Stmt, FightEnd)> {
    let ending = fight.facts.ending?;
    let how = match ending.cause {
        EndCause::CountOut => FightEnd::CountedOut,
        EndCause::ThreeKnockdowns => FightEnd::ThirdKnockdown,
        EndCause::Out
        | EndCause::Stop
        | EndCause::Towel
        | EndCause::Retirement
        | EndCause::Disqualification => return None,
    };
    let loser = 1 - ending.winner.min(1);
    fight
        .facts
        .events
        .iter()
        .filter(|fact| fact.stmt.span.start <= ending.span.start)
        .filter_map(|fact| {
            let StmtKind::Move(m) = &fact.stmt.kind else {
                return None;
            };
            let r = m.reaction.as_ref()?;
            (r.kind.value == ReactionKind::Down && side(fight.fighters, &r.defender) == Some(loser))
                .then_some(fact.stmt as *const Stmt)
        })
        .next_back()
        .map(|stmt| (stmt, how))
}

/// What a reaction does to the defender's face, if anything.
fn injury_of(reaction: &Reaction) -> Option<(InjuryKind, Option<Location>)> {
    let location = match reaction.detail.map(|d| d.value) {
        Some(ReactionDetail::Location(location)) => Some(location),
        Some(ReactionDetail::Direction(_)) | None => None,
    };
    match reaction.kind.value {
        // A cut or swelling without its location is a syntax error: the
        // script exports nothing.
        ReactionKind::Cut => location.map(|l| (InjuryKind::Cut, Some(l))),
        ReactionKind::Swell => location.map(|l| (InjuryKind::Swelling, Some(l))),
        ReactionKind::Down | ReactionKind::Out => Some((InjuryKind::Knockdown, None)),
        ReactionKind::Slip
        | ReactionKind::Duck
        | ReactionKind::Roll
        | ReactionKind::Weave
        | ReactionKind::StepBack
        | ReactionKind::Block
        | ReactionKind::Parry
        | ReactionKind::Cover
        | ReactionKind::Clinch
        | ReactionKind::Miss
        | ReactionKind::Hit
        | ReactionKind::Stagger => None,
    }
}

/// Builds the continuity report of `model`.
pub fn build(model: &Model<'_>) -> Continuity {
    let reader = Reader {
        model,
        cast: Cast::new(model),
        fights: model
            .fights
            .iter()
            .enumerate()
            .map(|(i, f)| (f.stmt as *const Stmt, i))
            .collect(),
    };
    let clocks = clocks(model);
    let mut scenes: Vec<SceneInfo> = Vec::new();
    let mut spans: Vec<(u32, u32)> = Vec::new();
    let mut blows: Vec<Blow> = Vec::new();
    let mut counted = 0;
    for stmt in &model.script.items {
        let StmtKind::Scene {
            heading,
            number,
            body,
        } = &stmt.kind
        else {
            continue;
        };
        let heading = one_line(&heading.value);
        let ordinal = if heading.is_empty() {
            0
        } else {
            counted += 1;
            counted
        };
        let number = match number {
            Some(n) => one_line(&n.value),
            None if ordinal > 0 => ordinal.to_string(),
            None => String::new(),
        };
        let parts = reader.parts(&body.items);
        let mut cast = BTreeSet::new();
        for part in &parts {
            cast.extend(part.cast.iter().copied());
        }
        let several_fights = body
            .items
            .iter()
            .filter(|s| reader.fights.contains_key(&(*s as *const Stmt)))
            .nth(1)
            .is_some();
        let scene = SceneInfo {
            ordinal,
            number,
            heading,
            line: model.script.line_of(stmt.span.start),
            parts,
            cast,
            several_fights,
        };
        for item in &body.items {
            if let Some(&index) = reader.fights.get(&(item as *const Stmt)) {
                reader.blows(index, scenes.len(), &scene, &clocks, &mut blows);
            }
        }
        scenes.push(scene);
        spans.push((stmt.span.start, stmt.span.end));
    }
    let groups = group(&blows, &scenes);
    let cast = &model.names.cast;
    let injuries = groups
        .iter()
        .map(|g| {
            let first = &blows[g.blows[0]];
            let member = &cast[first.fighter];
            let scene = &scenes[first.scene];
            let carried = g
                .parts
                .iter()
                .map(|&p| Carried {
                    scene: scene.ordinal,
                    scene_number: scene.number.clone(),
                    heading: scene.heading.clone(),
                    part: Some(scene.parts[p].label.clone()),
                    line: scene.parts[p].line,
                })
                .chain(g.scenes.iter().map(|&s| Carried {
                    scene: scenes[s].ordinal,
                    scene_number: scenes[s].number.clone(),
                    heading: scenes[s].heading.clone(),
                    part: None,
                    line: scenes[s].line,
                }))
                .collect();
            Injury {
                fighter: inert(&member.id).into_owned(),
                cue: table::cue(model, &member.id),
                name: one_line(&member.name),
                kind: first.kind,
                location: first.location.map(|l| l.as_str().to_owned()),
                ends_fight: first.ending,
                first: first.place.clone(),
                worsened: g.blows[1..]
                    .iter()
                    .map(|&b| blows[b].place.clone())
                    .collect(),
                carried,
            }
        })
        .collect();
    let chart = chart(model, &blows, &groups, &scenes);
    let breakdown = breakdown(model, &blows, &groups, &scenes, &spans);
    let title = model.script.items.iter().find_map(|s| {
        let StmtKind::TitleField { key, value } = &s.kind else {
            return None;
        };
        (key.value == TitleKey::Title).then(|| one_line(&value.value))
    });
    Continuity {
        title,
        injuries,
        chart,
        breakdown,
    }
}

impl Reader<'_, '_> {
    /// Every injuring blow of fight `index`, which stands in `scene` (the
    /// `at`-th scene), in source order.
    fn blows(
        &self,
        index: usize,
        at: usize,
        scene: &SceneInfo,
        clocks: &HashMap<*const Stmt, u64>,
        blows: &mut Vec<Blow>,
    ) {
        let model = self.model;
        let fight = &model.fights[index];
        let fatal = fatal_knockdown(fight);
        let title = table::title(model, fight);
        let label = fight.stmt.label().map(|l| one_line(&l.value));
        for fact in &fight.facts.events {
            let StmtKind::Move(m) = &fact.stmt.kind else {
                continue;
            };
            let Some(reaction) = &m.reaction else {
                continue;
            };
            let Some((kind, location)) = injury_of(reaction) else {
                continue;
            };
            let Some(fighter) = self.cast.of(&reaction.defender) else {
                continue;
            };
            let ptr = fact.stmt as *const Stmt;
            let ending = if reaction.kind.value == ReactionKind::Out {
                Some(FightEnd::Knockout)
            } else {
                fatal.filter(|&(stmt, _)| stmt == ptr).map(|(_, how)| how)
            };
            let pos = fact.stmt.span.start;
            blows.push(Blow {
                scene: at,
                part: scene
                    .parts
                    .partition_point(|p| p.start <= pos)
                    .saturating_sub(1),
                pos,
                fighter,
                kind,
                location,
                ending,
                place: Place {
                    scene: scene.ordinal,
                    scene_number: scene.number.clone(),
                    heading: scene.heading.clone(),
                    fight: u32::try_from(index + 1).unwrap_or(u32::MAX),
                    fight_title: title.clone(),
                    fight_label: label.clone(),
                    round: fact.round(),
                    clock: clock_text(clocks.get(&ptr).copied().unwrap_or(0)),
                    blow: blow_text(model, m),
                    line: model.script.line_of(pos),
                    shares_scene: scene.several_fights,
                },
            });
        }
    }
}

/// The blows as injuries, fighter by fighter (cast order), each in story
/// order, with where each is carried.
fn group(blows: &[Blow], scenes: &[SceneInfo]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut open: HashMap<(usize, InjuryKind, Location), usize> = HashMap::new();
    for (i, blow) in blows.iter().enumerate() {
        let key = match (blow.kind, blow.location) {
            (InjuryKind::Cut | InjuryKind::Swelling, Some(location)) => {
                Some((blow.fighter, blow.kind, location))
            }
            (InjuryKind::Cut | InjuryKind::Swelling | InjuryKind::Knockdown, _) => None,
        };
        if let Some(&g) = key.as_ref().and_then(|k| open.get(k)) {
            groups[g].blows.push(i);
            continue;
        }
        if let Some(key) = key {
            open.insert(key, groups.len());
        }
        groups.push(Group {
            blows: vec![i],
            parts: Vec::new(),
            scenes: Vec::new(),
        });
    }
    groups.sort_by_key(|g| (blows[g.blows[0]].fighter, blows[g.blows[0]].pos));
    for g in &mut groups {
        let first = &blows[g.blows[0]];
        let scene = &scenes[first.scene];
        g.parts = (first.part + 1..scene.parts.len())
            .filter(|&p| scene.parts[p].cast.contains(&first.fighter))
            .collect();
        if first.kind != InjuryKind::Knockdown {
            g.scenes = (first.scene + 1..scenes.len())
                .filter(|&s| scenes[s].cast.contains(&first.fighter))
                .collect();
        }
    }
    groups
}

// ---------------------------------------------------------------------------
// Words

/// `over the left brow`, `at the right eye`, `on the nose`.
fn where_on(location: Location) -> &'static str {
    match location {
        Location::LeftBrow => "over the left brow",
        Location::RightBrow => "over the right brow",
        Location::LeftEye => "at the left eye",
        Location::RightEye => "at the right eye",
        Location::Nose => "on the nose",
        Location::Lip => "on the lip",
        Location::Cheek => "on the cheek",
    }
}

/// What the injury is, capitalised: `Cut over the left brow`, `Knocked
/// out`.
fn words(kind: InjuryKind, location: Option<Location>, ending: Option<FightEnd>) -> String {
    match (kind, location) {
        (InjuryKind::Cut, Some(l)) => format!("Cut {}", where_on(l)),
        (InjuryKind::Swelling, Some(l)) => format!("Swelling {}", where_on(l)),
        (InjuryKind::Cut, None) => "Cut".to_owned(),
        (InjuryKind::Swelling, None) => "Swelling".to_owned(),
        (InjuryKind::Knockdown, _) => match ending {
            None => "Knocked down",
            Some(FightEnd::Knockout) => "Knocked out",
            Some(FightEnd::CountedOut) => "Knocked down and counted out",
            Some(FightEnd::ThirdKnockdown) => "Knocked down a third time",
        }
        .to_owned(),
    }
}

/// [`words`] for a blow.
fn what(blow: &Blow) -> String {
    words(blow.kind, blow.location, blow.ending)
}

/// `round 2`, or in a street fight `the fight`; in a scene of several
/// fights, which: `round 2 of fight 3 (APOLLO vs DRAGO)`, `fight 3 (JOE
/// vs FRANK)`.
fn round_or_fight(place: &Place) -> String {
    let fight = format!("fight {} ({})", place.fight, place.fight_title);
    match (place.round, place.shares_scene) {
        (Some(r), false) => format!("round {r}"),
        (Some(r), true) => format!("round {r} of {fight}"),
        (None, false) => "the fight".to_owned(),
        (None, true) => fight,
    }
}

/// `round 2 at 0:40`, or `the fight at 0:12`.
fn at(place: &Place) -> String {
    format!("{} at {}", round_or_fight(place), place.clock)
}

/// `round 15 at 1:10` in the same scene, else `scene 5, round 15 at 1:10`.
fn seen_from(place: &Place, same_scene: bool) -> String {
    if same_scene {
        at(place)
    } else {
        format!("scene {}, {}", place.scene_number, at(place))
    }
}

/// The make-up note of injury `g` in the scene `scene` (its part `part`,
/// or the whole scene), which spans `range` of the source; `opens` when
/// it is where the injury happens.
fn makeup_note(blows: &[Blow], g: &Group, scene: usize, range: (u32, u32), opens: bool) -> String {
    let first = &blows[g.blows[0]];
    let place = &first.place;
    let same_scene = first.scene == scene;
    let mut note = what(first);
    if first.kind == InjuryKind::Knockdown {
        let (end, look) = match first.ending {
            Some(_) => (", the fight's end", "show exhaustion, sweat, a daze"),
            None => ("", "show fatigue, sweat"),
        };
        if opens {
            let _ = write!(
                note,
                " in {} ({}){end}: {look} from here on",
                at(place),
                place.blow
            );
        } else {
            let _ = write!(note, " in {}{end}: {look}", round_or_fight(place));
        }
        return note;
    }
    if opens {
        let _ = write!(note, " opens in {} ({})", at(place), place.blow);
    } else if same_scene {
        let _ = write!(note, ", fresh from {}", round_or_fight(place));
    } else {
        let _ = write!(
            note,
            ", since scene {} ({})",
            place.scene_number,
            round_or_fight(place)
        );
    }
    let mut before = Vec::new();
    let mut here = Vec::new();
    for blow in g.blows[1..].iter().map(|&b| &blows[b]) {
        if blow.pos < range.0 {
            before.push(seen_from(&blow.place, blow.scene == scene));
        } else if blow.pos < range.1 {
            here.push(at(&blow.place));
        }
    }
    if !before.is_empty() {
        let _ = write!(note, "; worsened in {}", before.join(", "));
    }
    if !here.is_empty() {
        let _ = write!(note, "; worsens here, in {}", here.join(", "));
    }
    note
}

/// The chart's words for injury `g` as it stands in scene `scene`:
/// `cut over the left brow (scene 5, round 2 at 0:40; worse in scene 5,
/// round 15 at 1:10)`.
fn chart_words(blows: &[Blow], g: &Group, scene: usize) -> String {
    let first = &blows[g.blows[0]];
    let mut words = what(first);
    if let Some(c) = words.get(..1) {
        let lower = c.to_lowercase();
        words.replace_range(..1, &lower);
    }
    let _ = write!(words, " ({}", seen_from(&first.place, false));
    let worse: Vec<String> = g.blows[1..]
        .iter()
        .map(|&b| &blows[b])
        .filter(|b| b.scene <= scene)
        .map(|b| seen_from(&b.place, false))
        .collect();
    if !worse.is_empty() {
        let _ = write!(words, "; worse in {}", worse.join(", "));
    }
    words.push(')');
    words
}

/// The make-up chart: every scene, its cast, and who carries what.
fn chart(
    model: &Model<'_>,
    blows: &[Blow],
    groups: &[Group],
    scenes: &[SceneInfo],
) -> Vec<ChartScene> {
    let cast = &model.names.cast;
    // The injuries in each scene, by index, in the groups' order.
    let mut in_scene: Vec<Vec<usize>> = vec![Vec::new(); scenes.len()];
    for (i, g) in groups.iter().enumerate() {
        in_scene[blows[g.blows[0]].scene].push(i);
        for &s in &g.scenes {
            in_scene[s].push(i);
        }
    }
    scenes
        .iter()
        .enumerate()
        .map(|(s, scene)| {
            let mut carries: Vec<Carry> = Vec::new();
            // Groups are sorted by fighter (cast order), then story order.
            for g in in_scene[s].iter().map(|&g| &groups[g]) {
                let first = &blows[g.blows[0]];
                let id = &cast[first.fighter].id;
                let words = chart_words(blows, g, s);
                match carries.last_mut() {
                    Some(carry) if carry.fighter == inert(id) => carry.injuries.push(words),
                    Some(_) | None => carries.push(Carry {
                        fighter: inert(id).into_owned(),
                        cue: table::cue(model, id),
                        injuries: vec![words],
                    }),
                }
            }
            ChartScene {
                scene: scene.ordinal,
                scene_number: scene.number.clone(),
                heading: scene.heading.clone(),
                line: scene.line,
                cast: scene
                    .cast
                    .iter()
                    .map(|&m| table::cue(model, &cast[m].id))
                    .collect(),
                carries,
            }
        })
        .collect()
}

/// The breakdown: a row per part (or whole scene) and injury carried
/// there, the part where the injury opens included, in story order.
fn breakdown(
    model: &Model<'_>,
    blows: &[Blow],
    groups: &[Group],
    scenes: &[SceneInfo],
    spans: &[(u32, u32)],
) -> Vec<BreakdownRow> {
    let cast = &model.names.cast;
    // (scene, part or none for the whole scene, group, opens)
    let mut entries: Vec<(usize, Option<usize>, usize, bool)> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        let first = &blows[g.blows[0]];
        entries.push((first.scene, Some(first.part), i, true));
        entries.extend(g.parts.iter().map(|&p| (first.scene, Some(p), i, false)));
        entries.extend(g.scenes.iter().map(|&s| (s, None, i, false)));
    }
    // Story order: the scene, the whole scene before its parts, then the
    // parts; within one, fighters in cast order and injuries in story
    // order (the groups' order).
    entries.sort_by_key(|&(scene, part, g, _)| (scene, part.map_or(0, |p| p + 1), g));
    entries
        .into_iter()
        .map(|(s, part, i, opens)| {
            let scene = &scenes[s];
            let g = &groups[i];
            let first = &blows[g.blows[0]];
            let (label, members, range, line) = match part {
                Some(p) => {
                    let part = &scene.parts[p];
                    (
                        part.label.clone(),
                        &part.cast,
                        (part.start, part.end),
                        part.line,
                    )
                }
                None => (String::new(), &scene.cast, spans[s], scene.line),
            };
            BreakdownRow {
                scene: scene.number.clone(),
                heading: scene.heading.clone(),
                part: label,
                cast: members
                    .iter()
                    .map(|&m| table::cue(model, &cast[m].id))
                    .collect(),
                fighter: table::cue(model, &cast[first.fighter].id),
                makeup_note: makeup_note(blows, g, s, range, opens),
                since_scene: first.place.scene_number.clone(),
                since_round: first.place.round,
                line,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Writers

/// The breakdown as CSV (RFC 4180, CRLF line ends), with
/// [`BREAKDOWN_HEADER`]: text cells quoted when they must be and
/// neutralised against formula injection, as `bout timeline --to csv`.
pub fn csv(report: &Continuity) -> String {
    let mut out = BREAKDOWN_HEADER.join(",");
    out.push_str("\r\n");
    for row in &report.breakdown {
        let cells = [
            text_cell(&row.scene).into_owned(),
            text_cell(&row.heading).into_owned(),
            text_cell(&row.part).into_owned(),
            text_cell(&row.cast.join(", ")).into_owned(),
            text_cell(&row.fighter).into_owned(),
            text_cell(&row.makeup_note).into_owned(),
            text_cell(&row.since_scene).into_owned(),
            row.since_round.map(|r| r.to_string()).unwrap_or_default(),
            row.line.to_string(),
        ];
        let cells: Vec<String> = cells.iter().map(|c| field(c, ',')).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Where each location is drawn on the face diagram, facing the performer
/// (their left on the picture's right). The language gives a cheek no
/// side: it is drawn on the picture's left.
fn spot(location: Location) -> (i32, i32) {
    match location {
        Location::RightBrow => (80, 93),
        Location::LeftBrow => (140, 93),
        Location::RightEye => (80, 114),
        Location::LeftEye => (140, 114),
        Location::Nose => (110, 146),
        Location::Lip => (110, 189),
        Location::Cheek => (70, 160),
    }
}

/// The face diagram's drawing, without marks.
const FACE: &str = r##"<ellipse cx="110" cy="130" rx="76" ry="104" fill="#f5e6d6" stroke="#555" stroke-width="2"/>
<path d="M62 98 Q80 85 98 94" fill="none" stroke="#555" stroke-width="3"/>
<path d="M122 94 Q140 85 158 98" fill="none" stroke="#555" stroke-width="3"/>
<ellipse cx="80" cy="114" rx="11" ry="5" fill="#fff" stroke="#555"/>
<ellipse cx="140" cy="114" rx="11" ry="5" fill="#fff" stroke="#555"/>
<path d="M110 114 L101 152 Q110 158 119 152" fill="none" stroke="#555" stroke-width="2"/>
<path d="M90 188 Q110 198 130 188 Q110 181 90 188 Z" fill="#d9a3a0" stroke="#555"/>
<path d="M58 152 Q70 166 84 160" fill="none" stroke="#c9b3a2" stroke-width="2"/>
<path d="M136 160 Q150 166 162 152" fill="none" stroke="#c9b3a2" stroke-width="2"/>
<text x="12" y="134" font-size="14" fill="#555"><title>the performer's right</title>R</text>
<text x="198" y="134" font-size="14" fill="#555"><title>the performer's left</title>L</text>
"##;

/// [`words`] for an injury of the report.
fn injury_words(injury: &Injury) -> String {
    let location = injury.location.as_deref().and_then(Location::from_word);
    words(injury.kind, location, injury.ends_fight)
}

/// `scene 5 (INT. ARENA - NIGHT), round 2 at 0:40, line 141: ROCKY right
/// hook head`, escaped.
fn place_html(place: &Place) -> String {
    format!(
        "scene {} ({}), {}, line {}: {}",
        markup(&place.scene_number),
        markup(&place.heading),
        markup(&at(place)),
        place.line,
        markup(&place.blow)
    )
}

/// Where an injury is carried, escaped: the parts of its scene, then the
/// later scenes.
fn carried_html(carried: &[Carried]) -> String {
    let items: Vec<String> = carried
        .iter()
        .map(|c| match &c.part {
            Some(part) => format!("{} (line {})", markup(part), c.line),
            None => format!(
                "scene {} ({}, line {})",
                markup(&c.scene_number),
                markup(&c.heading),
                c.line
            ),
        })
        .collect();
    if items.is_empty() {
        "not seen again".to_owned()
    } else {
        items.join("; ")
    }
}

/// One fighter's face diagram and lists.
fn fighter_html(out: &mut String, injuries: &[&Injury]) {
    let Some(first) = injuries.first() else {
        return;
    };
    let _ = writeln!(
        out,
        "<section class=\"fighter\" data-fighter=\"{}\">\n<h2>{} <small>{}</small></h2>\n<div class=\"sheet\">",
        markup(&first.fighter),
        markup(&first.cue),
        markup(&first.name)
    );
    let located: Vec<&Injury> = injuries
        .iter()
        .copied()
        .filter(|i| i.kind != InjuryKind::Knockdown)
        .collect();
    let knockdowns: Vec<&Injury> = injuries
        .iter()
        .copied()
        .filter(|i| i.kind == InjuryKind::Knockdown)
        .collect();
    let _ = write!(
        out,
        "<figure>\n<svg class=\"face\" data-fighter=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 220 260\" width=\"220\" height=\"260\" role=\"img\" aria-label=\"{}'s face, facing the performer\">\n{FACE}",
        markup(&first.fighter),
        markup(&first.cue)
    );
    let mut at_spot: HashMap<(i32, i32), i32> = HashMap::new();
    // Swellings first, so that a cut on a swelling is drawn over it.
    let mut order: Vec<(usize, &&Injury)> = located.iter().enumerate().collect();
    order.sort_by_key(|(n, i)| (i.kind != InjuryKind::Swelling, *n));
    for (n, injury) in order {
        let Some(location) = injury.location.as_deref().and_then(Location::from_word) else {
            continue;
        };
        let (x, y) = spot(location);
        let k = at_spot.entry((x, y)).or_insert(0);
        let dx = 16 * *k;
        *k += 1;
        let (class, colour, shape) = match injury.kind {
            InjuryKind::Cut => (
                "cut",
                "#c00000",
                "<line x1=\"-9\" y1=\"4\" x2=\"9\" y2=\"-4\" stroke=\"#c00000\" stroke-width=\"4\" stroke-linecap=\"round\"/>",
            ),
            InjuryKind::Swelling => (
                "swelling",
                "#7b2fa0",
                "<ellipse rx=\"11\" ry=\"7\" fill=\"#7b2fa0\" fill-opacity=\"0.55\"/>",
            ),
            InjuryKind::Knockdown => continue,
        };
        let number = n + 1;
        let _ = writeln!(
            out,
            "<g class=\"mark {class}\" data-location=\"{}\" data-number=\"{number}\" data-x=\"{x}\" data-y=\"{y}\" transform=\"translate({x} {y})\"><title>{number}. {}</title>{shape}<circle cx=\"{}\" cy=\"-13\" r=\"7\" fill=\"#fff\" stroke=\"{colour}\"/><text x=\"{}\" y=\"-10\" font-size=\"9\" text-anchor=\"middle\" fill=\"{colour}\">{number}</text></g>",
            location.as_str(),
            markup(&injury_words(injury)),
            12 + dx,
            12 + dx
        );
    }
    out.push_str("</svg>\n<figcaption>Facing the performer: their left is on the picture's right. Red: cut; purple: swelling.</figcaption>\n</figure>\n<div class=\"lists\">\n");
    if !located.is_empty() {
        out.push_str("<h3>Cuts and swellings</h3>\n<ol class=\"injuries\">\n");
        for (n, injury) in located.iter().enumerate() {
            let _ = write!(
                out,
                "<li value=\"{}\" class=\"{}\" data-location=\"{}\"><strong>{}</strong>: {}.",
                n + 1,
                if injury.kind == InjuryKind::Cut {
                    "cut"
                } else {
                    "swelling"
                },
                markup(injury.location.as_deref().unwrap_or_default()),
                markup(&injury_words(injury)),
                place_html(&injury.first)
            );
            if !injury.worsened.is_empty() {
                let worse: Vec<String> = injury.worsened.iter().map(place_html).collect();
                let _ = write!(out, " <em>Worse:</em> {}.", worse.join("; "));
            }
            let _ = writeln!(
                out,
                " <em>Carried:</em> {}.</li>",
                carried_html(&injury.carried)
            );
        }
        out.push_str("</ol>\n");
    }
    if !knockdowns.is_empty() {
        out.push_str("<h3>Knockdowns</h3>\n<ul class=\"knockdowns\">\n");
        for injury in &knockdowns {
            let _ = writeln!(
                out,
                "<li><strong>{}</strong>: {}. <em>Carried:</em> {}.</li>",
                markup(&injury_words(injury)),
                place_html(&injury.first),
                carried_html(&injury.carried)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</div>\n</div>\n</section>\n");
}

/// The report as one standalone HTML page (no script, no external
/// resource; a Content-Security-Policy forbids both): each injured
/// fighter's face diagram with the cuts and swellings marked and numbered,
/// the list they key, the knockdowns beside; then the make-up chart.
pub fn html(report: &Continuity) -> String {
    let title = match &report.title {
        Some(t) => format!("Injury continuity: {t}"),
        None => "Injury continuity".to_owned(),
    };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<meta name=\"generator\" content=\"bout\">\n<title>{0}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<h1>{0}</h1>\n",
        markup(&title)
    );
    if report.injuries.is_empty() {
        out.push_str("<p class=\"none\">No fighter is cut, swollen or knocked down.</p>\n");
    }
    let mut start = 0;
    while start < report.injuries.len() {
        let fighter = &report.injuries[start].fighter;
        let end = report.injuries[start..]
            .iter()
            .position(|i| &i.fighter != fighter)
            .map_or(report.injuries.len(), |n| start + n);
        let injuries: Vec<&Injury> = report.injuries[start..end].iter().collect();
        fighter_html(&mut out, &injuries);
        start = end;
    }
    out.push_str("<h2>Make-up chart</h2>\n<table class=\"chart\">\n<thead><tr><th>Scene</th><th>Heading</th><th>Cast</th><th>Make-up</th></tr></thead>\n<tbody>\n");
    for scene in &report.chart {
        let _ = write!(
            out,
            "<tr data-scene=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>",
            scene.scene,
            markup(&scene.scene_number),
            markup(&scene.heading),
            markup(&scene.cast.join(", "))
        );
        if scene.carries.is_empty() {
            out.push_str("&mdash;");
        } else {
            out.push_str("<ul>");
            for carry in &scene.carries {
                let _ = write!(
                    out,
                    "<li data-fighter=\"{}\"><strong>{}</strong>: {}</li>",
                    markup(&carry.fighter),
                    markup(&carry.cue),
                    markup(&carry.injuries.join("; "))
                );
            }
            out.push_str("</ul>");
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    out
}

/// The page's style sheet.
const STYLE: &str = "body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; }
.fighter { border-top: 1px solid #ccc; padding-top: 1em; }
.fighter h2 small { font-weight: normal; color: #666; }
.sheet { display: flex; gap: 2em; align-items: flex-start; flex-wrap: wrap; }
figure { margin: 0; }
figcaption { font-size: 0.8em; color: #555; max-width: 220px; }
.lists { flex: 1; min-width: 20em; }
.chart { border-collapse: collapse; width: 100%; }
.chart th, .chart td { border: 1px solid #bbb; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
.chart ul { margin: 0; padding-left: 1.2em; }
@media print { .fighter { break-inside: avoid; } }
";
