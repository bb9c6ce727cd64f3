//! The timeline: every beat and event of the script with both clocks, its
//! lane and its track. The JSON export is this structure as it is; the
//! OpenTimelineIO, CSV and SVG exports are drawn from it.

use ecow::EcoString;
use schemars::JsonSchema;
use serde::Serialize;

use crate::model::Model;
use crate::model::graph::{BlockKind, NodeKind};
use crate::syntax::ast::*;
use petgraph::graph::NodeIndex;

/// A script's timeline: its header, and its events, made one at a time
/// from the model as they are read ([`Timeline::events`],
/// [`Timeline::event`]). An export of a long script so holds the model and
/// a few bytes per event, never every event's text at once (a 10 MB
/// script's events were 18 times its size held whole).
///
/// Serialized (the JSON export), it is the header's fields then `events`,
/// written as they are made; `docs/timeline.schema.json` describes it.
pub struct Timeline<'m> {
    /// The script's title, if it has one.
    pub title: Option<String>,
    /// Frames per second of the frame numbers.
    pub fps: f64,
    /// The same rate as a fraction.
    pub rate: Rate,
    /// Total screen time, milliseconds.
    pub screen_duration_ms: u64,
    /// The lanes, in display order.
    pub lanes: Vec<String>,
    /// The cast, for the names a person reads.
    pub cast: Vec<CastJson>,
    model: &'m Model<'m>,
    /// Each event's node and track, in source order.
    entries: Vec<Entry>,
    /// Where each block ends on screen, by its statement.
    ends: std::collections::HashMap<*const Stmt, u64>,
    /// Where each block ends on the fight clock, by its statement.
    clock_ends: std::collections::HashMap<*const Stmt, u64>,
    /// The scenes and fights, in source order, to name each event's.
    scenes: Vec<&'m Stmt>,
    fights: Vec<&'m Stmt>,
}

// The shape of the timeline JSON, for its schema: what `Timeline`
// serializes to. (Its doc comment is the schema's description.)
/// A script's timeline.
#[derive(JsonSchema)]
#[schemars(rename = "Timeline")]
#[allow(dead_code)]
struct TimelineJson {
    /// The script's title, if it has one.
    title: Option<String>,
    /// Frames per second of the frame numbers (`23.976023976023978` for
    /// 24000/1001).
    fps: f64,
    /// The same rate as a fraction: `{"num": 24000, "den": 1001}`.
    rate: Rate,
    /// Total screen time, milliseconds.
    screen_duration_ms: u64,
    /// The lanes, in display order.
    lanes: Vec<String>,
    /// The cast, for the names a person reads (a fighter's lane is their
    /// cast id).
    cast: Vec<CastJson>,
    /// Every beat, event and block, in source order.
    events: Vec<TimelineEvent>,
}

/// An event of the timeline as the model holds it: its graph node and its
/// editorial track.
#[derive(Clone, Copy, Debug)]
struct Entry {
    node: u32,
    track: Option<Track>,
}

/// An editorial track: `Video 1`, `Dialogue 2`, `Sound 1`…
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Track {
    /// Picture, dialogue or sound (in that order).
    pub family: Family,
    /// The track's number in its family, from 1.
    pub number: u32,
}

/// The kinds of editorial track, in the order editors stack them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Picture: action, moves, reactions, the referee…
    Video,
    /// Dialogue: a track per voice that overlaps another.
    Dialogue,
    /// Sound effects and lyrics.
    Sound,
}

impl Family {
    /// The family's name, as track names start: `Video`, `Dialogue`, `Sound`.
    pub fn name(self) -> &'static str {
        match self {
            Family::Video => "Video",
            Family::Dialogue => "Dialogue",
            Family::Sound => "Sound",
        }
    }
}

impl std::fmt::Display for Track {
    /// `Video 1`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.family.name(), self.number)
    }
}

/// Where an event sits, without its text: what the layouts of the exports
/// (tracks, rows) need of every event, cheap to ask again.
#[derive(Clone, Copy, Debug)]
pub struct Placement {
    /// What it is.
    pub kind: EventKind,
    /// Screen time.
    pub screen: ScreenTime,
    /// Its editorial track, if it has one.
    pub track: Option<Track>,
}

impl Serialize for Timeline<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        /// The events, serialized as they are made.
        struct Events<'t, 'm>(&'t Timeline<'m>);
        impl Serialize for Events<'_, '_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.events())
            }
        }
        let mut out = serializer.serialize_struct("Timeline", 7)?;
        out.serialize_field("title", &self.title)?;
        out.serialize_field("fps", &self.fps)?;
        out.serialize_field("rate", &self.rate)?;
        out.serialize_field("screen_duration_ms", &self.screen_duration_ms)?;
        out.serialize_field("lanes", &self.lanes)?;
        out.serialize_field("cast", &self.cast)?;
        out.serialize_field("events", &Events(self))?;
        out.end()
    }
}

/// One beat, event or block on the timeline.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct TimelineEvent {
    /// Stable id derived from the source, such as `s2.f1.r3.e4`.
    #[schemars(with = "String")]
    pub id: EcoString,
    /// What it is.
    pub kind: EventKind,
    /// The lane it is drawn in: a fighter's cast id, `REFEREE`, `DIALOGUE`,
    /// `SOUND`, `ACTION` or `STRUCTURE`.
    #[schemars(with = "String")]
    pub lane: EcoString,
    /// The editorial track it goes on (`Video 1`…, `Dialogue 1`…,
    /// `Sound 1`…), or none for blocks, notes and instants.
    #[schemars(with = "Option<String>")]
    pub track: Option<EcoString>,
    /// A short text.
    pub text: String,
    /// The 1-based source line.
    pub line: usize,
    /// Story time, for events inside a fight.
    pub fight_clock: Option<FightClockJson>,
    /// Screen time.
    pub screen: ScreenTime,
    /// The heading of the scene it is in (blank for a scene with none).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub scene: Option<EcoString>,
    /// The fight it is in, as `RED vs BLUE` (cast ids).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>")]
    pub fight: Option<EcoString>,
    /// A move's parts, for a move and its reaction: who, with what, where,
    /// and how it was taken.
    #[serde(rename = "move", skip_serializing_if = "Option::is_none")]
    pub strike: Option<Box<MoveJson>>,
}

/// The events of a timeline, made one at a time, in source order.
pub struct Events<'t, 'm> {
    timeline: &'t Timeline<'m>,
    next: usize,
    names: Names,
}

impl Iterator for Events<'_, '_> {
    type Item = TimelineEvent;

    fn next(&mut self) -> Option<TimelineEvent> {
        let entry = *self.timeline.entries.get(self.next)?;
        self.next += 1;
        Some(self.timeline.make(entry, &mut self.names))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.timeline.entries.len().saturating_sub(self.next);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Events<'_, '_> {}

/// The scene and fight of the event made before, with their names: events
/// come in source order, so each heading and "A vs B" is made once for a
/// run of events and shared (an `EcoString` clone is a count, not a copy).
#[derive(Default)]
struct Names {
    scene: Option<(*const Stmt, EcoString)>,
    fight: Option<(*const Stmt, EcoString)>,
}

/// The screen time of an event from `start` lasting `duration`
/// milliseconds, with its frames at `rate`.
fn screen_time(start: u64, duration: u64, rate: Rate) -> ScreenTime {
    let start_frame = frame(start, rate);
    let end_frame = frame(start.saturating_add(duration), rate);
    ScreenTime {
        start_ms: start,
        duration_ms: duration,
        start_frame,
        duration_frames: end_frame - start_frame,
    }
}

/// A cast member as the exports name them.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct CastJson {
    /// The cast id.
    pub id: String,
    /// The display name ("Rocky Balboa").
    pub name: String,
    /// The cue ("ROCKY").
    pub cue: String,
}

impl<'m> Timeline<'m> {
    /// The number of events.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the timeline has no event.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every event, in source order, each made as it is read.
    pub fn events(&self) -> Events<'_, 'm> {
        self.events_from(0)
    }

    /// The events from the `first`th on, in source order.
    pub fn events_from(&self, first: usize) -> Events<'_, 'm> {
        Events {
            timeline: self,
            next: first,
            names: Names::default(),
        }
    }

    /// The `i`th event (in source order). Panics past [`Timeline::len`].
    pub fn event(&self, i: usize) -> TimelineEvent {
        self.make(self.entries[i], &mut Names::default())
    }

    /// Where the `i`th event sits, without making its text. Panics past
    /// [`Timeline::len`].
    pub fn placement(&self, i: usize) -> Placement {
        let entry = self.entries[i];
        let (kind, start, duration, _) = self.entry_timing(entry);
        Placement {
            kind,
            screen: screen_time(start, duration, self.rate),
            track: entry.track,
        }
    }

    /// The kind, screen start and length, and statement of an entry's
    /// event. Every entry is an event: `build` keeps only the nodes whose
    /// [`Timeline::timing`] is some.
    fn entry_timing(&self, entry: Entry) -> (EventKind, u64, u64, &'m Stmt) {
        self.timing(NodeIndex::new(entry.node as usize))
            .expect("a timeline entry is an event")
    }

    /// Which of the script's fights (by its place, from 0) the `i`th event
    /// is in. Two fights between the same fighters share their "A vs B"
    /// name; this tells them apart. Panics past [`Timeline::len`].
    pub fn fight_of(&self, i: usize) -> Option<usize> {
        let node = &self.model.graph.graph[NodeIndex::new(self.entries[i].node as usize)];
        holder_index(&self.fights, node.span().start)
    }

    /// What kind of event `index` is, its screen time (start and length)
    /// and its statement, or `None` for a node that is no event (a block's
    /// end, a node without a statement).
    fn timing(&self, index: NodeIndex) -> Option<(EventKind, u64, u64, &'m Stmt)> {
        let graph = &self.model.graph;
        let node = &graph.graph[index];
        let stmt = node.stmt?;
        let (kind, duration) = match node.kind {
            NodeKind::End(_) => return None,
            NodeKind::Start(block) => {
                // A block is a span from its start node to its end node.
                let end_ms = self
                    .ends
                    .get(&(stmt as *const Stmt))
                    .copied()
                    .unwrap_or(node.screen_start);
                (block_kind(block), end_ms.saturating_sub(node.screen_start))
            }
            NodeKind::Reaction => (EventKind::Reaction, graph.screen_duration(index)),
            NodeKind::Bell => (EventKind::Bell, 0),
            NodeKind::Beat | NodeKind::Event => {
                (stmt_kind(&stmt.kind), graph.screen_duration(index))
            }
        };
        Some((kind, node.screen_start, duration, stmt))
    }

    /// The event of `entry`; `names` holds the scene and fight named last,
    /// shared with the events after it in the same statement.
    fn make(&self, entry: Entry, names: &mut Names) -> TimelineEvent {
        let model = self.model;
        let graph = &model.graph;
        let index = NodeIndex::new(entry.node as usize);
        let node = &graph.graph[index];
        let (kind, start, duration, stmt) = self.entry_timing(entry);
        let fight_clock = graph.fight_clock(index).map(|c| FightClockJson {
            round: c.round,
            clock: c.in_round.map(|millis| clock(millis).into()),
            in_round_ms: c.in_round,
            absolute_ms: c.absolute,
            duration_ms: match node.kind {
                NodeKind::Start(_) => self
                    .clock_ends
                    .get(&(stmt as *const Stmt))
                    .map_or(0, |end| end.saturating_sub(c.absolute)),
                NodeKind::End(_) | NodeKind::Bell => 0,
                NodeKind::Reaction | NodeKind::Beat | NodeKind::Event => node.duration,
            },
        });
        let at = node.span().start;
        TimelineEvent {
            id: graph.id(index).into(),
            kind,
            lane: lane(model, kind, stmt),
            track: entry.track.map(|t| ecow::eco_format!("{t}")),
            // The single choke point for the timeline's user text: every
            // timeline format (JSON, otio, CSV, SVG) writes this.
            text: crate::export::escape::inert(&text(model, kind, stmt)).into_owned(),
            line: model.script.line_of(at),
            fight_clock,
            screen: screen_time(start, duration, self.rate),
            scene: holder(&self.scenes, at).and_then(|s| {
                shared(&mut names.scene, s, |s| {
                    if let StmtKind::Scene { heading, .. } = &s.kind {
                        Some(crate::export::escape::inert(&heading.value).into())
                    } else {
                        None
                    }
                })
            }),
            fight: holder(&self.fights, at).and_then(|s| {
                shared(&mut names.fight, s, |s| {
                    if let StmtKind::Fight { red, blue, .. } = &s.kind {
                        Some(ecow::eco_format!("{} vs {}", red.value, blue.value))
                    } else {
                        None
                    }
                })
            }),
            // The move's own event and its reaction's. Boxed: most events
            // are not moves, and inline it was most of every event's size.
            strike: if let StmtKind::Move(attack) = &stmt.kind {
                Some(Box::new(move_json(attack)))
            } else {
                None
            },
        }
    }

    /// How a person reads cast id `id`: the cue in title case ("Drago"),
    /// or the id itself when the cast has no such member.
    pub fn who(&self, id: &str) -> String {
        let cue = self
            .cast
            .iter()
            .find(|m| m.id == id)
            .map_or(id.replace('_', " "), |m| m.cue.clone());
        title_case(&cue)
    }
}

/// `text` in title case, as a person's name reads: "DRAGO" → "Drago",
/// "O'HARA" → "O'Hara"; a word without a vowel is an acronym and keeps its
/// capitals: "KGB AGENT" → "KGB Agent", "MC" → "MC".
pub fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let acronym = !word
            .chars()
            .any(|c| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
            && word.chars().any(char::is_alphabetic);
        if acronym {
            out.push_str(word);
        } else {
            // Capitals at the word's start and after an apostrophe that
            // follows one letter (O'Hara, D'Amato).
            let mut start = true;
            for (letters_before, c) in word.chars().enumerate() {
                if start {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                start = c == '\'' && letters_before == 1;
            }
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '\'' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A move's parts, as the script writes them.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
pub struct MoveJson {
    /// The attacker's cast id.
    #[schemars(with = "String")]
    pub attacker: EcoString,
    /// `left`, `right`, `lead` or `rear`.
    pub side: Option<&'static str>,
    /// The technique, built in or declared.
    #[schemars(with = "String")]
    pub technique: EcoString,
    /// Where it is aimed.
    pub target: Option<&'static str>,
    /// Blows in the flurry (1 without `xN`).
    pub flurry: u32,
    /// `none`, `light` or `full`.
    pub contact: Option<&'static str>,
    /// Who makes the sound: `self`, `victim`, `shared`, `none` or a cast id.
    #[schemars(with = "Option<String>")]
    pub knap: Option<EcoString>,
    /// `speed N%`.
    pub speed_pct: Option<u32>,
    /// The defender's cast id.
    #[schemars(with = "Option<String>")]
    pub defender: Option<EcoString>,
    /// The reaction (`hit`, `slip`, `down`…).
    pub reaction: Option<&'static str>,
    /// A reaction's direction or location.
    pub detail: Option<&'static str>,
    /// Whether the fall lands on a mat.
    pub mat: bool,
}

/// The parts of `attack`.
fn move_json(attack: &Move) -> MoveJson {
    let mut out = MoveJson {
        attacker: attack.attacker.value.clone(),
        side: attack.side.map(|s| s.value.as_str()),
        technique: attack.technique.value.clone(),
        target: attack.target.map(|t| t.value.as_str()),
        flurry: attack.flurry(),
        ..MoveJson::default()
    };
    for modifier in &attack.modifiers {
        match &modifier.value {
            Modifier::Flurry(_) | Modifier::Camera(_) | Modifier::For(_) => {}
            Modifier::Contact(c) => out.contact = Some(c.as_str()),
            Modifier::Knap(Knap::Who(who)) => out.knap = Some(who.as_str().into()),
            Modifier::Knap(Knap::Member(id)) => out.knap = Some(id.value.clone()),
            Modifier::Speed(n) => out.speed_pct = Some(*n),
        }
    }
    if let Some(r) = &attack.reaction {
        out.defender = Some(r.defender.value.clone());
        out.reaction = Some(r.kind.value.as_str());
        out.detail = r.detail.map(|d| match d.value {
            ReactionDetail::Direction(dir) => dir.as_str(),
            ReactionDetail::Location(loc) => loc.as_str(),
        });
        out.mat = r.mat.is_some();
    }
    out
}

/// The statement that holds `at` among `holders` (sorted by start, not
/// overlapping), by binary search.
fn holder<'s>(holders: &[&'s Stmt], at: u32) -> Option<&'s Stmt> {
    holder_index(holders, at).map(|i| holders[i])
}

/// Where in `holders` the statement that holds `at` is.
fn holder_index(holders: &[&Stmt], at: u32) -> Option<usize> {
    let i = holders
        .partition_point(|s| s.span.start <= at)
        .checked_sub(1)?;
    let s = holders.get(i)?;
    (at < s.span.end.max(s.span.start + 1)).then_some(i)
}

/// The kinds of timeline event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// A scene, as a span.
    Scene,
    /// A scene montage, as a span.
    Montage,
    /// A fight, as a span.
    Fight,
    /// A round, as a span.
    Round,
    /// A corner, as a span.
    Corner,
    /// A rounds montage, as a span.
    RoundsMontage,
    /// An exchange, as a span.
    Exchange,
    /// `action`.
    Action,
    /// Dialogue.
    Dialogue,
    /// `shot`.
    Shot,
    /// `sound`.
    Sound,
    /// `note`.
    Note,
    /// `beat`.
    Pause,
    /// `transition`.
    Transition,
    /// A move's attack.
    Move,
    /// A move's reaction.
    Reaction,
    /// A referee's action.
    Referee,
    /// `up`.
    Up,
    /// `towel`.
    Towel,
    /// `bell`.
    Bell,
}

/// Story time of an event inside a fight.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct FightClockJson {
    /// The round, when it stands in one.
    pub round: Option<u32>,
    /// Time into the round, `m:ss.mmm`, when in a round.
    #[schemars(with = "Option<String>")]
    pub clock: Option<EcoString>,
    /// Milliseconds into the round, when in a round.
    pub in_round_ms: Option<u64>,
    /// Milliseconds from the fight's start, rests included.
    pub absolute_ms: u64,
    /// How long it lasts in story time, milliseconds (a block: from its
    /// start to its end on the fight clock).
    pub duration_ms: u64,
}

/// Screen time of an event.
#[derive(Clone, Copy, Debug, Serialize, JsonSchema)]
pub struct ScreenTime {
    /// Start, milliseconds from the first scene.
    pub start_ms: u64,
    /// Length, milliseconds.
    pub duration_ms: u64,
    /// Start, in frames at the timeline's rate.
    pub start_frame: u64,
    /// Length, in frames at the timeline's rate.
    pub duration_frames: u64,
}

/// A frame rate as a fraction of frames per second: `24/1`, `24000/1001`
/// (NTSC's 23.976), `30000/1001` (29.97).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Rate {
    /// Frames…
    pub num: u32,
    /// …per this many seconds.
    pub den: u32,
}

impl From<u32> for Rate {
    fn from(fps: u32) -> Rate {
        Rate { num: fps, den: 1 }
    }
}

impl Rate {
    /// Reads `24`, `25`, `23.976`, `29.97`, `59.94`, `47.952` (the NTSC
    /// rates, as editors name them) or `24000/1001`. Between 1 and 1000
    /// frames a second.
    pub fn parse(text: &str) -> Result<Rate, String> {
        let text = text.trim();
        let rate = if let Some((num, den)) = text.split_once('/') {
            let num: u32 = num
                .trim()
                .parse()
                .map_err(|_| format!("`{text}` is no fraction of whole numbers"))?;
            let den: u32 = den
                .trim()
                .parse()
                .map_err(|_| format!("`{text}` is no fraction of whole numbers"))?;
            if den == 0 {
                return Err(format!("`{text}` divides by zero"));
            }
            Rate { num, den }
        } else if let Ok(n) = text.parse::<u32>() {
            Rate::from(n)
        } else {
            // An NTSC rate written as a decimal: N × 1000/1001.
            let value: f64 = text.parse().map_err(|_| {
                format!("`{text}` is not a frame rate: write 24, 23.976, 29.97 or 24000/1001")
            })?;
            let whole = (value * 1.001).round();
            if (whole * 1000.0 / 1001.0 - value).abs() < 0.01 && whole >= 1.0 {
                Rate {
                    num: whole as u32 * 1000,
                    den: 1001,
                }
            } else {
                return Err(format!(
                    "`{text}` is not a frame rate: write a whole number, an NTSC rate (23.976, 29.97, 59.94) or a fraction (24000/1001)"
                ));
            }
        };
        let fps = rate.fps();
        if !(1.0..=1000.0).contains(&fps) {
            return Err(format!(
                "`{text}` is not between 1 and 1000 frames a second"
            ));
        }
        Ok(rate)
    }

    /// Frames per second.
    pub fn fps(self) -> f64 {
        f64::from(self.num) / f64::from(self.den)
    }
}

impl std::fmt::Display for Rate {
    /// `24`, or `23.976` for 24000/1001.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.den == 1 {
            write!(f, "{}", self.num)
        } else {
            let text = format!("{:.3}", self.fps());
            f.write_str(text.trim_end_matches('0').trim_end_matches('.'))
        }
    }
}

/// The frame at `millis` for `rate`, rounded to the nearest.
pub fn frame(millis: u64, rate: impl Into<Rate>) -> u64 {
    let rate = rate.into();
    let per = 1000 * u128::from(rate.den.max(1));
    let frames = (u128::from(millis) * u128::from(rate.num) + per / 2) / per;
    u64::try_from(frames).unwrap_or(u64::MAX)
}

/// `m:ss.mmm`.
pub fn clock(millis: u64) -> String {
    format!(
        "{}:{:02}.{:03}",
        millis / 60_000,
        (millis / 1000) % 60,
        millis % 1000
    )
}

/// Builds the timeline of `model` at `fps` frames per second (a whole
/// number, or a [`Rate`]): its header, and each event's node and track.
pub fn build<'m>(model: &'m Model<'m>, fps: impl Into<Rate>) -> Timeline<'m> {
    let fps: Rate = fps.into();
    let graph = &model.graph;
    let block_ends = |clock: fn(&crate::model::graph::Node<'_>) -> Option<u64>| {
        graph
            .order()
            .map(|n| &graph.graph[n])
            .filter(|n| matches!(n.kind, NodeKind::End(_)))
            .filter_map(|n| Some((n.stmt? as *const Stmt, clock(n)?)))
            .collect::<std::collections::HashMap<_, _>>()
    };
    let mut lanes: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for fight in &model.fights {
        for f in fight.fighters {
            if seen.insert(f.value.as_str()) {
                lanes.push(f.value.to_string());
            }
        }
    }
    for lane in ["REFEREE", "DIALOGUE", "SOUND", "ACTION", "STRUCTURE"] {
        lanes.push(lane.to_owned());
    }
    let title = model.script.items.iter().find_map(|s| {
        if let StmtKind::TitleField { key, value } = &s.kind
            && key.value == TitleKey::Title
        {
            Some(crate::export::escape::inert(&value.value).into_owned())
        } else {
            None
        }
    });
    let mut timeline = Timeline {
        title,
        fps: fps.fps(),
        rate: fps,
        screen_duration_ms: 0,
        lanes,
        cast: model
            .names
            .cast
            .iter()
            .map(|m| CastJson {
                id: m.id.to_string(),
                name: crate::export::escape::inert(&m.name).into_owned(),
                cue: crate::export::escape::inert(&m.cue).into_owned(),
            })
            .collect(),
        model,
        entries: Vec::new(),
        ends: block_ends(|n| Some(n.screen_start)),
        clock_ends: block_ends(|n| n.fight_millis()),
        scenes: model.index.scenes.clone(),
        fights: model.fights.iter().map(|f| f.stmt).collect(),
    };
    // Counted first, so the list is made at its size (no doubling).
    let is_event = |t: &Timeline<'_>, n: NodeIndex| t.timing(n).is_some();
    let count = graph.order().filter(|&n| is_event(&timeline, n)).count();
    let mut entries = Vec::with_capacity(count);
    let mut end = 0u64;
    for index in graph.order() {
        if let Some((_, start, duration, _)) = timeline.timing(index) {
            end = end.max(start.saturating_add(duration));
            entries.push(Entry {
                node: index.index() as u32,
                track: None,
            });
        }
    }
    timeline.entries = entries;
    timeline.screen_duration_ms = end;
    assign_tracks(&mut timeline);
    timeline
}

/// The name `make` gives `stmt`, made once for a run of events in the
/// same statement: `last` holds the statement named before and its name.
fn shared(
    last: &mut Option<(*const Stmt, EcoString)>,
    stmt: &Stmt,
    make: impl FnOnce(&Stmt) -> Option<EcoString>,
) -> Option<EcoString> {
    let key = stmt as *const Stmt;
    match last {
        Some((at, name)) if *at == key => Some(name.clone()),
        _ => {
            let name = make(stmt)?;
            *last = Some((key, name.clone()));
            Some(name)
        }
    }
}

fn block_kind(block: BlockKind) -> EventKind {
    match block {
        BlockKind::Scene => EventKind::Scene,
        BlockKind::Montage => EventKind::Montage,
        BlockKind::Fight => EventKind::Fight,
        BlockKind::Round => EventKind::Round,
        BlockKind::Corner => EventKind::Corner,
        BlockKind::RoundsMontage => EventKind::RoundsMontage,
        BlockKind::Exchange => EventKind::Exchange,
    }
}

fn stmt_kind(kind: &StmtKind) -> EventKind {
    match kind {
        StmtKind::Action { .. } => EventKind::Action,
        StmtKind::Dialogue { .. } => EventKind::Dialogue,
        StmtKind::Shot { .. } => EventKind::Shot,
        StmtKind::Sound { .. } => EventKind::Sound,
        StmtKind::Note { .. } => EventKind::Note,
        StmtKind::Pause => EventKind::Pause,
        StmtKind::Transition { .. } => EventKind::Transition,
        StmtKind::Move(_) => EventKind::Move,
        StmtKind::Referee { .. } => EventKind::Referee,
        StmtKind::Up { .. } => EventKind::Up,
        StmtKind::Towel { .. } => EventKind::Towel,
        // Centred text is seen, as action is; a lyric is heard (a song).
        // The outline and page breaks have no node: they never get here.
        StmtKind::Page { kind, .. } => match kind.value {
            PageKind::Centered | PageKind::Section | PageKind::Synopsis | PageKind::PageBreak => {
                EventKind::Action
            }
            PageKind::Lyric => EventKind::Sound,
        },
        StmtKind::Bell => EventKind::Bell,
        // Blocks and declarations are not beats; blocks are named by their
        // block kind (`block_kind`).
        StmtKind::TitleField { .. }
        | StmtKind::Production { .. }
        | StmtKind::Cast { .. }
        | StmtKind::CastMember(_)
        | StmtKind::Moves { .. }
        | StmtKind::Scene { .. }
        | StmtKind::Montage { .. }
        | StmtKind::Fight { .. }
        | StmtKind::Setting(_)
        | StmtKind::Round { .. }
        | StmtKind::Corner { .. }
        | StmtKind::RoundsMontage { .. }
        | StmtKind::Result(_)
        | StmtKind::Exchange { .. }
        | StmtKind::Broken { .. } => EventKind::Bell,
    }
}

/// Whether a kind is a block drawn as a span.
pub fn is_block(kind: EventKind) -> bool {
    use EventKind::*;
    matches!(
        kind,
        Scene | Montage | Fight | Round | Corner | RoundsMontage | Exchange
    )
}

fn lane(_model: &Model<'_>, kind: EventKind, stmt: &Stmt) -> EcoString {
    if is_block(kind) {
        return "STRUCTURE".into();
    }
    match (&stmt.kind, kind) {
        (StmtKind::Move(m), EventKind::Reaction) => m
            .reaction
            .as_ref()
            .map_or(m.attacker.value.clone(), |r| r.defender.value.clone()),
        (StmtKind::Move(m), _) => m.attacker.value.clone(),
        (StmtKind::Up { fighter } | StmtKind::Towel { fighter }, _) => fighter.value.clone(),
        (StmtKind::Referee { .. }, _) | (StmtKind::Bell, _) => "REFEREE".into(),
        (StmtKind::Dialogue { .. }, _) => "DIALOGUE".into(),
        (StmtKind::Sound { .. }, _)
        | (
            StmtKind::Page {
                kind:
                    Spanned {
                        value: PageKind::Lyric,
                        ..
                    },
                ..
            },
            _,
        ) => "SOUND".into(),
        _ => "ACTION".into(),
    }
}

/// A short text for the event.
fn text(model: &Model<'_>, kind: EventKind, stmt: &Stmt) -> String {
    match (&stmt.kind, kind) {
        (StmtKind::Scene { heading, .. }, _) => heading.value.to_string(),
        (StmtKind::Montage { title, .. }, _) => format!("MONTAGE: {}", title.value),
        (StmtKind::Fight { red, blue, .. }, _) => format!("{} vs {}", red.value, blue.value),
        (StmtKind::Round { number, .. }, _) => format!("Round {}", number.value),
        (StmtKind::Corner { fighter, .. }, _) => format!("{}'s corner", fighter.value),
        (StmtKind::RoundsMontage { rounds, .. }, _) => {
            format!("Rounds {}–{}", rounds.value.0, rounds.value.1)
        }
        (StmtKind::Exchange { name, .. }, _) => name
            .as_ref()
            .map_or("Exchange".to_owned(), |n| format!("Exchange: {}", n.value)),
        (StmtKind::Dialogue { speaker, line, .. }, _) => {
            let cue = model
                .names
                .member(&speaker.value)
                .map_or(speaker.value.to_string(), |m| m.cue.to_string());
            format!("{cue}: {}", line.value.as_str().replace('\n', " "))
        }
        (
            StmtKind::Action { text }
            | StmtKind::Shot { text }
            | StmtKind::Sound { text }
            | StmtKind::Note { text }
            | StmtKind::Transition { text },
            _,
        ) => text.value.as_str().replace('\n', " "),
        (StmtKind::Pause, _) => "(beat)".into(),
        (StmtKind::Page { text, .. }, _) => text
            .as_ref()
            .map_or(String::new(), |t| t.value.as_str().replace('\n', " ")),
        (StmtKind::Move(m), EventKind::Reaction) => match &m.reaction {
            Some(r) => {
                let detail = r.detail.as_ref().map_or(String::new(), |d| match d.value {
                    ReactionDetail::Direction(dir) => format!(" {}", dir.as_str()),
                    ReactionDetail::Location(loc) => format!(" {}", loc.as_str()),
                });
                let mat = if r.mat.is_some() { " (mat)" } else { "" };
                format!(
                    "{} {}{detail}{mat}",
                    r.defender.value,
                    r.kind.value.as_str()
                )
            }
            None => String::new(),
        },
        (StmtKind::Move(m), _) => {
            let mut parts = vec![m.attacker.value.to_string()];
            if let Some(side) = &m.side {
                parts.push(side.value.as_str().to_owned());
            }
            parts.push(m.technique.value.to_string());
            if let Some(t) = &m.target {
                parts.push(t.value.as_str().to_owned());
            }
            for modifier in &m.modifiers {
                if let Modifier::Flurry(n) = modifier.value {
                    parts.push(format!("x{n}"));
                }
            }
            if let Some(r) = &m.reaction {
                parts.push(format!("→ {}", r.defender.value));
            }
            parts.join(" ")
        }
        (StmtKind::Referee { referee, action }, _) => match action {
            RefereeAction::Count(n) => format!("{} counts {}", referee.value, n.value),
            RefereeAction::Break => format!("{} breaks them", referee.value),
            RefereeAction::Warn { fighter, .. } => {
                format!("{} warns {}", referee.value, fighter.value)
            }
            RefereeAction::Deduct { fighter, points } => format!(
                "{} deducts {} from {}",
                referee.value,
                points.map_or(1, |p| p.value),
                fighter.value
            ),
            RefereeAction::Disqualify { fighter } => {
                format!("{} disqualifies {}", referee.value, fighter.value)
            }
            RefereeAction::Stop { fighter } => format!("{} stops {}", referee.value, fighter.value),
        },
        (StmtKind::Up { fighter }, _) => format!("{} up", fighter.value),
        (StmtKind::Towel { fighter }, _) => format!("towel for {}", fighter.value),
        (StmtKind::Bell, _) => "Bell".into(),
        _ => String::new(),
    }
}

/// Puts each timed event on an editorial track, layering overlaps as an
/// editor would: picture on `Video 1`, `Video 2`…, dialogue on
/// `Dialogue 1`, `Dialogue 2`… (dual dialogue takes two), sound effects on
/// `Sound 1`…; each on the lowest track of its kind where it does not
/// overlap what is already there. Notes are not seen or heard: no track.
fn assign_tracks(timeline: &mut Timeline<'_>) {
    assign_tracks_reading(timeline, true);
}

/// [`assign_tracks`]; with `in_place` false, the events are always sorted
/// in a list of their own (for the test that reading them in place gives
/// the same tracks).
fn assign_tracks_reading(timeline: &mut Timeline<'_>, in_place: bool) {
    // The timed events by start frame (then source order). Most already
    // come in that order (a script runs forward): those are read in place,
    // as a walk that keeps each event starting no earlier than the last one
    // it kept. The others (a line `&` after a block starts with the block,
    // an `after` waits on a line above) are sorted in a list of their own,
    // 16 bytes an event, and merged in. With `in_place` false, every event
    // goes to the list.
    let timed = |timeline: &Timeline<'_>, i: usize| {
        let p = timeline.placement(i);
        (!is_block(p.kind) && p.screen.duration_frames > 0).then_some(p.screen.start_frame)
    };
    let mut behind = Vec::new();
    let mut last = 0;
    for i in 0..timeline.len() {
        if let Some(start) = timed(timeline, i) {
            if in_place && start >= last {
                last = start;
            } else {
                behind.push((start, i as u32));
            }
        }
    }
    behind.sort_unstable();
    let mut behind = behind.into_iter().peekable();
    let mut walk = 0..timeline.len();
    let mut last = 0;
    let mut kept: Option<(u64, u32)> = None;
    let mut next = |timeline: &Timeline<'_>| {
        if kept.is_none() && in_place {
            kept = walk.by_ref().find_map(|i| {
                let start = timed(timeline, i)?;
                (start >= last).then(|| {
                    last = start;
                    (start, i as u32)
                })
            });
        }
        match (kept, behind.peek()) {
            (Some(k), Some(&b)) if b < k => behind.next(),
            (Some(k), _) => {
                kept = None;
                Some(k)
            }
            (None, _) => behind.next(),
        }
    };
    // Per family: the busy tracks by end (a min-heap) and the free ones by
    // number. Events come in start order, so a track whose end is at or
    // before this start is free for it and for every later event; the
    // lowest free number is the lowest track where the event does not
    // overlap. Each event costs a logarithm, however many layers there are.
    use std::cmp::Reverse;
    use std::collections::{BTreeSet, BinaryHeap};
    let mut busy: [BinaryHeap<Reverse<(u64, u32)>>; 3] = Default::default();
    let mut free: [BTreeSet<u32>; 3] = Default::default();
    let mut count = [0u32; 3];
    while let Some((start, i)) = next(timeline) {
        let p = timeline.placement(i as usize);
        let end = start + p.screen.duration_frames;
        let family = match p.kind {
            EventKind::Note => continue,
            EventKind::Dialogue => Family::Dialogue,
            EventKind::Sound => Family::Sound,
            _ => Family::Video,
        };
        let f = family as usize;
        while let Some(&Reverse((track_end, slot))) = busy[f].peek()
            && track_end <= start
        {
            busy[f].pop();
            free[f].insert(slot);
        }
        let slot = free[f].pop_first().unwrap_or_else(|| {
            count[f] += 1;
            count[f] - 1
        });
        busy[f].push(Reverse((end, slot)));
        timeline.entries[i as usize].track = Some(Track {
            family,
            number: slot + 1,
        });
    }
}

/// The JSON Schema of the timeline JSON export (`docs/timeline.schema.json`).
pub fn schema() -> String {
    let schema = schemars::schema_for!(TimelineJson);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Events read in place (when they come in start order) get the tracks
    /// that sorting them gives, in every example and timeline fixture, and
    /// in scripts whose `after` sends an event back before the one above.
    #[test]
    fn tracks_read_in_place_are_the_tracks_of_the_sorted_events() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources: Vec<String> = ["examples", "tests/fixtures/otio"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(root.join(dir)).into_iter().flatten())
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "bout"))
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        assert!(sources.len() >= 9, "{} scripts", sources.len());
        sources.push(crate::generate::script(2, 5));
        sources.push(
            "cast {\n  A character \"A\"\n  B character \"B\"\n}\nscene \"INT. ROOM - DAY\" {\n  action \"One.\" #one\n  A: \"A long, long line that takes its time to say.\"\n  sound \"A door.\" after #one\n  B: \"Two.\" after #one\n}\n"
                .into(),
        );
        let mut out_of_order = 0;
        for source in &sources {
            let checked = crate::check(source);
            let model = checked.model();
            let mut read = build(&model, 24);
            let mut sorted = build(&model, 24);
            assign_tracks_reading(&mut read, true);
            assign_tracks_reading(&mut sorted, false);
            let tracks = |t: &Timeline<'_>| t.entries.iter().map(|e| e.track).collect::<Vec<_>>();
            assert_eq!(tracks(&read), tracks(&sorted));
            let starts: Vec<u64> = (0..read.len())
                .map(|i| read.placement(i))
                .filter(|p| !is_block(p.kind) && p.screen.duration_frames > 0)
                .map(|p| p.screen.start_frame)
                .collect();
            out_of_order += usize::from(starts.windows(2).any(|w| w[1] < w[0]));
        }
        // The sorted path is taken too, not only the path in place.
        assert!(out_of_order > 0, "no script sends an event back");
    }
}
