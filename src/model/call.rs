//! The fight call: what the company runs before every performance, fight
//! by fight — first at half speed, then at performance speed (never above
//! the production's limit) — with what makes each fight big or risky, an
//! estimated running time, and the order to run them in (biggest and
//! riskiest first).
//!
//! It lives in the model, below the lints, because one lint
//! (`fight-call-too-long`) reads its total; `bout call` writes it.
//!
//! The estimate: every move's time at full speed (its technique's time for
//! each blow, plus the reaction, as `docs/timing.md` sets out; a move's own
//! `for` is its time at its written speed) run at the pass's speed, plus
//! [`RESET_MILLIS`] per pass to set places. Dialogue, counts and bells are
//! not run at fight call. A move written slower than a pass's speed
//! (`speed 25%`) keeps its own speed.

use std::collections::HashMap;

use crate::model::timing::{reaction_millis, technique_millis};
use crate::model::{Fight, Model};
use crate::syntax::ast::*;

/// Half speed: the first pass.
pub const HALF_SPEED: u32 = 50;

/// The production's limit on performance speed at fight call, unless the
/// call is asked for another: three quarters of full speed.
pub const DEFAULT_SPEED_LIMIT: u32 = 75;

/// Time to set places and reset, per pass of each entry.
pub const RESET_MILLIS: u64 = 30_000;

/// A fight with more moves than this, and more than one part (exchanges,
/// or rounds), is called part by part.
pub const LONG_FIGHT_MOVES: usize = 24;

/// How long a fight call may run: fifteen minutes, from the half.
pub const CALL_LIMIT_MILLIS: u64 = 15 * 60_000;

/// Words in notes and technique names that name a weapon or prop.
pub const PROP_WORDS: &[&str] = &[
    "axe", "bat", "belt", "blade", "bottle", "broom", "cane", "chain", "chair", "club", "crowbar",
    "dagger", "glass", "gun", "hammer", "knife", "knives", "pipe", "pistol", "poker", "rapier",
    "revolver", "rifle", "rope", "staff", "stick", "stool", "sword", "table",
];

/// How risky an entry is, from least to most.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Risk {
    /// No contact above `none`, no fall, no prop.
    Low,
    /// Light contact, or knaps to time.
    Medium,
    /// A fall, full contact, or a weapon or prop.
    High,
}

/// One entry of the call: a whole fight, or one part of a long one.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    /// The fight.
    pub fight: &'a Fight<'a>,
    /// The fight's number from 1, in source order.
    pub fight_number: usize,
    /// The scene the fight stands in, if any.
    pub scene: Option<&'a Stmt>,
    /// The part, for a long fight called part by part: "exchange “the
    /// wall”", "round 3".
    pub part: Option<String>,
    /// The 1-based line the entry starts on.
    pub line: usize,
    /// Cast ids of everyone who moves or reacts in it, fighters first.
    pub performers: Vec<&'a str>,
    /// Move statements.
    pub moves: usize,
    /// Blows (a flurry `x3` is three).
    pub blows: u64,
    /// Moves with a knap (anyone but `none`).
    pub knaps: usize,
    /// Falls: `down`, `out`, and throws and tackles that land.
    pub falls: usize,
    /// Falls onto a mat.
    pub mats: usize,
    /// The highest contact written on any move.
    pub highest_contact: Option<Contact>,
    /// Props and weapons named in the fight's notes and techniques, each once.
    pub props: Vec<&'static str>,
    /// Its risk.
    pub risk: Risk,
    /// The performance pass's speed: the limit, or the fastest move's
    /// written speed when that is lower.
    pub performance_speed: u32,
    /// The half-speed pass, resets included.
    pub half_millis: u64,
    /// The performance pass, resets included.
    pub performance_millis: u64,
}

impl Entry<'_> {
    /// Both passes.
    pub fn total_millis(&self) -> u64 {
        self.half_millis.saturating_add(self.performance_millis)
    }
}

/// The whole call, in running order.
#[derive(Clone, Debug)]
pub struct Call<'a> {
    /// Entries, biggest and riskiest first.
    pub entries: Vec<Entry<'a>>,
    /// The speed limit it was made with.
    pub speed_limit: u32,
}

impl Call<'_> {
    /// The call's total.
    pub fn total_millis(&self) -> u64 {
        self.entries
            .iter()
            .fold(0u64, |sum, e| sum.saturating_add(e.total_millis()))
    }
}

/// A move's time at full speed, and its written speed.
fn full_speed(attack: &Move, model: &Model<'_>) -> (u64, u32) {
    let mut flurry = 1u64;
    let mut speed = 100u32;
    let mut own = None;
    for modifier in &attack.modifiers {
        match &modifier.value {
            Modifier::For(d) => own = Some(d.millis),
            Modifier::Flurry(n) => flurry = u64::from((*n).max(1)),
            Modifier::Speed(p) => speed = (*p).clamp(1, 100),
            Modifier::Contact(_) | Modifier::Knap(_) | Modifier::Camera(_) => {}
        }
    }
    if let Some(millis) = own {
        return (millis.saturating_mul(u64::from(speed)) / 100, speed);
    }
    let technique = Technique::from_word(&attack.technique.value)
        .map(technique_millis)
        .or_else(|| {
            model
                .names
                .technique(&attack.technique.value)
                .and_then(|t| t.duration)
                .map(|d| d.millis)
        })
        .unwrap_or(600);
    let reaction = attack
        .reaction
        .as_ref()
        .map_or(0, |r| reaction_millis(r.kind.value));
    (
        technique.saturating_mul(flurry).saturating_add(reaction),
        speed,
    )
}

fn contact_rank(contact: Contact) -> u8 {
    match contact {
        Contact::None => 0,
        Contact::Light => 1,
        Contact::Full => 2,
    }
}

/// The prop words in `text`, as whole words (a plural `stools` counts).
fn props_in(text: &str, found: &mut Vec<&'static str>) {
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        // Every prop word is ASCII: a word that is not cannot be one, so
        // most words are compared without lower-casing a copy.
        let lower;
        let word = if word.is_ascii() {
            if word.len() > LONGEST_PROP + 1 {
                continue;
            }
            word
        } else {
            lower = word.to_lowercase();
            &lower
        };
        let singular = word.strip_suffix(['s', 'S']).unwrap_or(word);
        let first = word.as_bytes()[0].to_ascii_lowercase();
        for prop in PROP_WORDS.iter().filter(|p| p.as_bytes()[0] == first) {
            if (word.eq_ignore_ascii_case(prop) || singular.eq_ignore_ascii_case(prop))
                && !found.iter().any(|f| f == prop)
            {
                found.push(prop);
            }
        }
    }
}

/// The length of the longest of [`PROP_WORDS`].
const LONGEST_PROP: usize = 8;

/// What accumulates for one entry.
#[derive(Default)]
struct Tally<'a> {
    performers: Vec<&'a str>,
    moves: usize,
    blows: u64,
    knaps: usize,
    falls: usize,
    mats: usize,
    contact: Option<Contact>,
    props: Vec<&'static str>,
    /// The moves' times at the half pass's speed and at the performance
    /// pass's, summed as the moves come (so no list of moves is kept).
    half_run: u64,
    performance_run: u64,
    /// The fastest written speed of any move.
    fastest: Option<u32>,
}

impl<'a> Tally<'a> {
    fn performer(&mut self, id: &'a str) {
        if !self.performers.contains(&id) {
            self.performers.push(id);
        }
    }

    /// Adds a move taking `timed` (its [`full_speed`]) with the props its
    /// technique names (both found once per move, for every tally it is in),
    /// under a performance speed of at most `limit`.
    fn add(&mut self, attack: &'a Move, timed: (u64, u32), props: &[&'static str], limit: u32) {
        self.moves += 1;
        self.blows = self.blows.saturating_add(u64::from(attack.flurry()));
        self.performer(&attack.attacker.value);
        for modifier in &attack.modifiers {
            match &modifier.value {
                Modifier::Knap(Knap::Who(KnapWho::None)) => {}
                Modifier::Knap(Knap::Who(_) | Knap::Member(_)) => self.knaps += 1,
                Modifier::Contact(c) => {
                    if self
                        .contact
                        .is_none_or(|h| contact_rank(*c) > contact_rank(h))
                    {
                        self.contact = Some(*c);
                    }
                }
                Modifier::Flurry(_)
                | Modifier::Speed(_)
                | Modifier::Camera(_)
                | Modifier::For(_) => {}
            }
        }
        if let Some(reaction) = &attack.reaction {
            self.performer(&reaction.defender.value);
            let lands = matches!(
                reaction.kind.value,
                ReactionKind::Hit
                    | ReactionKind::Stagger
                    | ReactionKind::Down
                    | ReactionKind::Out
                    | ReactionKind::Cut
                    | ReactionKind::Swell
            );
            let knockdown = matches!(reaction.kind.value, ReactionKind::Down | ReactionKind::Out);
            let takedown = matches!(attack.technique.value.as_str(), "throw" | "tackle") && lands;
            if knockdown || takedown {
                self.falls += 1;
                if reaction.mat.is_some() {
                    self.mats += 1;
                }
            }
        }
        for prop in props {
            if !self.props.contains(prop) {
                self.props.push(prop);
            }
        }
        let (full, written) = timed;
        let at = |speed: u32| {
            let at = speed.min(written).max(1);
            full.saturating_mul(100) / u64::from(at)
        };
        // Never faster than the second pass: under a limit below half
        // speed, both passes run at the limit.
        self.half_run = self.half_run.saturating_add(at(HALF_SPEED.min(limit)));
        self.performance_run = self.performance_run.saturating_add(at(limit));
        self.fastest = self.fastest.max(Some(written));
    }

    fn entry(
        self,
        fight: &'a Fight<'a>,
        fight_number: usize,
        scene: Option<&'a Stmt>,
        part: Option<String>,
        line: usize,
        limit: u32,
    ) -> Entry<'a> {
        // Each pass rounded up to the whole second, so that the times the
        // sheet prints add up to the total it prints.
        let pass = |run: u64| -> u64 {
            run.saturating_add(RESET_MILLIS)
                .div_ceil(1000)
                .saturating_mul(1000)
        };
        let fastest = self.fastest.unwrap_or(100);
        let risk =
            if self.falls > 0 || self.contact == Some(Contact::Full) || !self.props.is_empty() {
                Risk::High
            } else if self.contact == Some(Contact::Light) || self.knaps > 0 {
                Risk::Medium
            } else {
                Risk::Low
            };
        Entry {
            fight,
            fight_number,
            scene,
            part,
            line,
            performers: self.performers,
            moves: self.moves,
            blows: self.blows,
            knaps: self.knaps,
            falls: self.falls,
            mats: self.mats,
            highest_contact: self.contact,
            props: self.props,
            risk,
            performance_speed: limit.min(fastest),
            half_millis: pass(self.half_run),
            performance_millis: pass(self.performance_run),
        }
    }
}

/// The call of `model` at performance speed at most `speed_limit` percent
/// (clamped to 1–75: the production may lower the limit, never raise it).
pub fn build<'a>(model: &'a Model<'a>, speed_limit: u32) -> Call<'a> {
    let limit = speed_limit.clamp(1, DEFAULT_SPEED_LIMIT);
    let fights = in_call_order(model, limit, |parts| parts);
    let mut entries = Vec::with_capacity(fights.iter().map(Vec::len).sum());
    for parts in fights {
        entries.extend(parts);
    }
    Call {
        entries,
        speed_limit: limit,
    }
}

/// One fight's share of the call: what the `fight-call-too-long` lint
/// needs, without keeping every entry of every fight. Owned (spans, not
/// references), so the language server can keep the shares of the scenes
/// an edit left alone and add those of the scene it checks again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
    /// The fight's header, `fight A vs B`.
    pub head: Span,
    /// Its place in the call: its riskiest part's risk, then its moves
    /// (the greater first; [`call_order`]).
    pub weight: (Risk, usize),
    /// Both passes of its first entry.
    pub first_millis: u64,
    /// Both passes of all its entries.
    pub total_millis: u64,
}

/// Each fight's share of the call of `model` at `speed_limit` percent
/// (clamped as in [`build`]), in the script's order ([`call_order`] puts
/// them in the call's): [`build`]'s entries summed per fight as each fight
/// is made, so a script of many long fights never holds all their entries
/// at once.
pub fn shares(model: &Model<'_>, speed_limit: u32) -> Vec<Share> {
    let limit = speed_limit.clamp(1, DEFAULT_SPEED_LIMIT);
    by_fight(model, limit, |parts| {
        parts.first().map(|first| Share {
            head: fight_head(first.fight.stmt),
            weight: (Risk::Low, 0),
            first_millis: first.total_millis(),
            total_millis: parts
                .iter()
                .fold(0u64, |sum, e| sum.saturating_add(e.total_millis())),
        })
    })
    .into_iter()
    .filter_map(|(weight, share)| share.map(|share| Share { weight, ..share }))
    .collect()
}

/// Puts `shares` (in the script's order) in the call's: the riskiest fight
/// first, then the biggest; equal weights keep the script's order.
pub fn call_order(shares: &mut [Share]) {
    shares.sort_by_key(|s| std::cmp::Reverse(s.weight));
}

/// The span of a fight's header: `fight A vs B`.
pub fn fight_head(stmt: &Stmt) -> Span {
    if let StmtKind::Fight { blue, .. } = &stmt.kind {
        Span {
            start: stmt.span.start,
            end: blue.span.end,
        }
    } else {
        stmt.span
    }
}

/// Each fight's entries (in the script's order), turned by `each` into
/// what is kept of them, in the call's order.
fn in_call_order<'a, T>(
    model: &'a Model<'a>,
    limit: u32,
    each: impl FnMut(Vec<Entry<'a>>) -> T,
) -> Vec<T> {
    let mut fights = by_fight(model, limit, each);
    // Stable: equal weights keep the script's order ([`call_order`] orders
    // shares the same way).
    fights.sort_by(|(a, _), (b, _)| b.cmp(a));
    fights.into_iter().map(|(_, kept)| kept).collect()
}

/// Each fight's entries, turned by `each` into what is kept of them, with
/// the fight's weight (its riskiest part's risk, its moves), in the
/// script's order.
fn by_fight<'a, T>(
    model: &'a Model<'a>,
    limit: u32,
    mut each: impl FnMut(Vec<Entry<'a>>) -> T,
) -> Vec<((Risk, usize), T)> {
    // The props named in each scene's notes, for the fights in it.
    let mut scene_props: Vec<(&'a Stmt, Vec<&'static str>)> = Vec::new();
    let mut scene_stack: Vec<(usize, usize)> = Vec::new(); // (depth, index)
    let mut fight_scene: Vec<Option<usize>> = Vec::new();
    let mut walk = crate::syntax::visit::statements(&model.script.items);
    while let Some(stmt) = walk.next() {
        let depth = walk.depth();
        while scene_stack.last().is_some_and(|&(d, _)| d >= depth) {
            scene_stack.pop();
        }
        // (`if let`, not a `match`: only these kinds matter here, and a
        // new kind of statement changes nothing.)
        if let StmtKind::Scene { .. } = &stmt.kind {
            scene_props.push((stmt, Vec::new()));
            scene_stack.push((depth, scene_props.len() - 1));
        } else if let StmtKind::Note { text } = &stmt.kind {
            if let Some(&(_, scene)) = scene_stack.last() {
                props_in(&text.value, &mut scene_props[scene].1);
            }
        } else if let StmtKind::Fight { .. } = &stmt.kind {
            fight_scene.push(scene_stack.last().map(|&(_, s)| s));
        }
    }
    // A long fight's parts stay together, in the script's order, and the
    // fight takes the risk of its riskiest part and the moves of them all.
    // Fights are ordered (by the caller), not entries: a script may have
    // tens of thousands of parts, and sorting those (with a stable sort's
    // buffer) cost more than making them.
    let mut fights: Vec<((Risk, usize), T)> = Vec::with_capacity(model.fights.len());
    for (i, fight) in model.fights.iter().enumerate() {
        let scene = fight_scene.get(i).copied().flatten();
        let props: &[&'static str] = scene.map_or(&[], |s| &scene_props[s].1);
        let scene = scene.map(|s| scene_props[s].0);
        let mut parts = fight_entries(model, fight, i + 1, scene, props, limit);
        parts.sort_by_key(|e| e.line);
        let weight = parts.iter().fold((Risk::Low, 0usize), |(risk, moves), e| {
            (risk.max(e.risk), moves + e.moves)
        });
        fights.push((weight, each(parts)));
    }
    fights
}

/// The entries of one fight: one, or one per part of a long fight.
fn fight_entries<'a>(
    model: &'a Model<'a>,
    fight: &'a Fight<'a>,
    number: usize,
    scene: Option<&'a Stmt>,
    scene_props: &[&'static str],
    limit: u32,
) -> Vec<Entry<'a>> {
    let Some(body) = fight.stmt.body() else {
        return Vec::new();
    };
    // Each move with the part it stands in: its innermost exchange, else
    // its round, else none. A part is found by name once, when its block
    // opens, not once per move: the stack holds indices into `parts`.
    let mut parts: Vec<(Option<String>, usize, Tally)> = Vec::new();
    let mut part_of: HashMap<Option<String>, usize> = HashMap::new();
    let mut whole = Tally::default();
    for fighter in fight.fighters {
        whole.performer(&fighter.value);
    }
    // (depth, part, its line, its index in `parts` once a move is in it):
    // parts are made in the order of their first moves.
    let mut stack: Vec<(usize, String, usize, Option<usize>)> = Vec::new();
    let mut outside: Option<usize> = None;
    let mut technique_props: Vec<&'static str> = Vec::new();
    let mut walk = crate::syntax::visit::statements(&body.items);
    while let Some(stmt) = walk.next() {
        let depth = walk.depth();
        while stack.last().is_some_and(|&(d, ..)| d >= depth) {
            stack.pop();
        }
        if let StmtKind::Round { number, .. } = &stmt.kind {
            let line = model.script.line_of(stmt.span.start);
            stack.push((depth, format!("round {}", number.value), line, None));
        } else if let StmtKind::Exchange { name, .. } = &stmt.kind {
            let line = model.script.line_of(stmt.span.start);
            let part = match name {
                Some(n) => format!("exchange “{}”", n.value),
                None => format!("exchange at line {line}"),
            };
            stack.push((depth, part, line, None));
        } else if let StmtKind::Note { text } = &stmt.kind {
            props_in(&text.value, &mut whole.props);
        } else if let StmtKind::Move(attack) = &stmt.kind {
            let timed = full_speed(attack, model);
            technique_props.clear();
            props_in(&attack.technique.value, &mut technique_props);
            whole.add(attack, timed, &technique_props, limit);
            let mut open = |name: Option<String>, line: usize| -> usize {
                *part_of.entry(name).or_insert_with_key(|name| {
                    parts.push((name.clone(), line, Tally::default()));
                    parts.len() - 1
                })
            };
            let part = match stack.last_mut() {
                Some((_, name, line, index)) => {
                    *index.get_or_insert_with(|| open(Some(name.clone()), *line))
                }
                None => *outside
                    .get_or_insert_with(|| open(None, model.script.line_of(stmt.span.start))),
            };
            parts[part].2.add(attack, timed, &technique_props, limit);
        }
    }
    for prop in scene_props {
        if !whole.props.contains(prop) {
            whole.props.push(prop);
        }
    }
    let line = model.script.line_of(fight.stmt.span.start);
    if whole.moves > LONG_FIGHT_MOVES && parts.len() > 1 {
        let props = whole.props.clone();
        parts
            .into_iter()
            .map(|(part, start, mut tally)| {
                for prop in &props {
                    if !tally.props.contains(prop) {
                        tally.props.push(prop);
                    }
                }
                let part = part.unwrap_or_else(|| "the moves outside exchanges".into());
                tally.entry(fight, number, scene, Some(part), start, limit)
            })
            .collect()
    } else {
        vec![whole.entry(fight, number, scene, None, line, limit)]
    }
}
