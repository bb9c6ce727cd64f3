//! A performer's sides (`bout sides`): the screenplay cut down to what one
//! performer (or several, in one document) needs on set — the scenes they
//! are in, in script order; their speeches with the cue before each; the
//! action that names them; every fight event they take part in as a
//! numbered, clocked row of the fight-script table, beside the partner's
//! action; the rest of each scene condensed to one line per omitted
//! stretch. Printed by the screenplay's PDF and HTML writers. See
//! `docs/sides.md`.
//!
//! The tree is walked without recursion: each scene is flattened, with an
//! explicit stack, into a list of leaves (speeches, action, beats, fight
//! events) between the openings and closings of the blocks that hold them
//! (fights, rounds, corners, montages), then classified and written.

use std::collections::HashMap;

use crate::export::escape::one_line;
use crate::export::screenplay::table::{self, Clocks, FightTable, Row};
use crate::export::screenplay::{
    Element, Form, Screenplay, Speech, escape_markup, inert_strings, mark_emphasis,
    numbers_its_scenes,
};
use crate::model::{Fight, Model};
use crate::syntax::ast::*;

/// Builds the sides of the cast members `ids` (one document for all of
/// them: a scene is in when any of them is in it). Every string in it is
/// inert and its emphasis read, exactly as in [`crate::export::screenplay::build`].
/// `Err` says which id the cast lacks, and lists the cast.
pub fn build(model: &Model<'_>, ids: &[String]) -> Result<Screenplay, String> {
    let performers = Performers::new(model, ids)?;
    let mut sides = Sides {
        model,
        who: &performers,
        events: HashMap::new(),
        fights: HashMap::new(),
        elements: Vec::new(),
        lines: Vec::new(),
        table: None,
        opened: Vec::new(),
    };
    sides.number_events();
    let numbered = !numbers_its_scenes(model);
    let mut scene_count = 0u32;
    let mut any = false;
    // Top-level statements outside scenes, taken together up to the next
    // scene, count as a scene without heading.
    let mut loose: Vec<&Stmt> = Vec::new();
    for stmt in &model.script.items {
        match &stmt.kind {
            StmtKind::Scene {
                heading,
                number,
                body,
            } => {
                any |= sides.scene(None, Flat::of(&sides, Roots::Loose(&loose)));
                loose.clear();
                let heading = if heading.value.trim().is_empty() {
                    None
                } else {
                    scene_count += 1;
                    let number = match number {
                        Some(n) => Some(one_line(&n.value)),
                        None => numbered.then(|| scene_count.to_string()),
                    };
                    Some((
                        Element::SceneHeading {
                            text: one_line(&heading.value).to_uppercase(),
                            number,
                        },
                        line(model, stmt),
                    ))
                };
                any |= sides.scene(heading, Flat::of(&sides, Roots::Block(&body.items)));
            }
            StmtKind::TitleField { .. }
            | StmtKind::Production { .. }
            | StmtKind::Cast { .. }
            | StmtKind::CastMember(_)
            | StmtKind::Moves { .. } => {}
            StmtKind::Transition { .. }
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
            | StmtKind::Referee { .. }
            | StmtKind::Up { .. }
            | StmtKind::Towel { .. }
            | StmtKind::Bell
            | StmtKind::Broken { .. } => loose.push(stmt),
        }
    }
    any |= sides.scene(None, Flat::of(&sides, Roots::Loose(&loose)));
    if !any {
        let text = format!(
            "[… no scene of the script holds {} …]",
            escape_markup(&performers.cues.join(", "))
        );
        sides.push(Element::Action(text), 1);
    }
    let form = match model.production {
        ProductionMode::Stage => Form::StagePlay,
        ProductionMode::Page | ProductionMode::Screen => Form::Screenplay,
    };
    let mut play = Screenplay {
        title_page: performers.title_page(model),
        form,
        elements: sides.elements,
        lines: sides.lines,
    };
    inert_strings(&mut play);
    mark_emphasis(&mut play);
    Ok(play)
}

/// The source line of `stmt`.
fn line(model: &Model<'_>, stmt: &Stmt) -> usize {
    model.script.line_of(stmt.span.start)
}

/// The performers the sides are for.
struct Performers {
    /// Their cast ids, as given, without repeats.
    ids: Vec<String>,
    /// Their display names, by id.
    names: Vec<String>,
    /// Their cues in capitals, as action names them.
    cues: Vec<String>,
    /// The fighters whose corners they work (a towel is theirs too).
    corners_for: Vec<String>,
}

impl Performers {
    fn new(model: &Model<'_>, ids: &[String]) -> Result<Self, String> {
        let mut who = Performers {
            ids: Vec::new(),
            names: Vec::new(),
            cues: Vec::new(),
            corners_for: Vec::new(),
        };
        for id in ids {
            let id = id.trim();
            if id.is_empty() || who.ids.iter().any(|known| known == id) {
                continue;
            }
            let Some(member) = model.names.member(id) else {
                let cast: Vec<&str> = model.names.cast.iter().map(|m| m.id.as_str()).collect();
                return Err(format!(
                    "no cast member `{}` in the script (its cast: {})",
                    one_line(id),
                    if cast.is_empty() {
                        "none".to_owned()
                    } else {
                        cast.join(", ")
                    }
                ));
            };
            who.ids.push(member.id.to_string());
            who.names.push(one_line(&member.name));
            who.cues.push(table::cue(model, id));
            who.corners_for
                .extend(member.works_for().map(|f| f.to_string()));
        }
        if who.ids.is_empty() {
            return Err("no cast member given (`--for ID[,ID…]`)".into());
        }
        Ok(who)
    }

    fn has(&self, id: &str) -> bool {
        self.ids.iter().any(|i| i == id)
    }

    /// Whether `text` names one of them by cue in capitals, as a whole
    /// word (the screenplay's convention for a character in action).
    fn named_in(&self, text: &str) -> bool {
        self.cues.iter().any(|cue| names_word(text, cue))
    }

    /// The title page: the script's title, "Sides for …" as the credit,
    /// then the script's author, draft, contact and copyright.
    fn title_page(&self, model: &Model<'_>) -> Vec<(TitleKey, String)> {
        let fields: Vec<(TitleKey, &str)> = model
            .script
            .items
            .iter()
            .filter_map(|s| {
                if let StmtKind::TitleField { key, value } = &s.kind {
                    Some((key.value, value.value.as_str()))
                } else {
                    None
                }
            })
            .collect();
        let of = |keys: &[TitleKey]| {
            fields
                .iter()
                .filter(|(k, _)| keys.contains(k))
                .map(|(k, v)| (*k, (*v).to_owned()))
                .collect::<Vec<_>>()
        };
        let who: Vec<String> = self
            .names
            .iter()
            .zip(&self.ids)
            .map(|(name, id)| escape_markup(&format!("{name} ({id})")))
            .collect();
        let who = match who.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => who.join(""),
        };
        let mut page = of(&[TitleKey::Title]);
        page.push((TitleKey::Credit, format!("Sides for {who}")));
        page.extend(of(&[
            TitleKey::Author,
            TitleKey::Draft,
            TitleKey::Contact,
            TitleKey::Copyright,
        ]));
        page
    }
}

/// Whether `text` holds `word` with no letter, digit or `_` on either side.
fn names_word(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    !word.is_empty()
        && text.match_indices(word).any(|(i, _)| {
            !text[..i].chars().next_back().is_some_and(is_word)
                && !text[i + word.len()..].chars().next().is_some_and(is_word)
        })
}

/// One printable unit of a scene.
enum Leaf<'a> {
    /// A speech (with the lines that go on it), or two at once.
    Speech {
        left: Box<Speech>,
        right: Option<Box<Speech>>,
        /// The speakers' ids.
        speakers: Vec<&'a str>,
    },
    /// Action, a shot, a sound, a transition, centred text, a lyric.
    Text(&'a Stmt),
    /// `beat`.
    Beat,
    /// A fight event with its row.
    Event(&'a Stmt),
}

/// A scene flattened: leaves between the openings and closings of blocks.
enum Entry<'a> {
    /// A block opens; its marker (`FIGHT: A vs B`, `ROUND 2`…) is printed
    /// before the first kept leaf inside it.
    Open(Option<String>, usize),
    /// The block opened last closes.
    Close,
    /// A leaf and its source line.
    Leaf(Leaf<'a>, usize),
}

/// How a leaf stands in the sides.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Omitted, in a condensed stretch.
    Omitted,
    /// Theirs: kept.
    Theirs,
    /// The cue before one of their speeches: kept.
    Cue,
    /// An event of their fight they take no part in: left out without a
    /// stretch line (the move numbers show the gap).
    Skipped,
}

/// Where a scene's statements come from.
enum Roots<'s, 'a> {
    Block(&'a [Stmt]),
    Loose(&'s [&'a Stmt]),
}

/// A scene, flattened.
struct Flat<'a> {
    entries: Vec<Entry<'a>>,
}

impl<'a> Flat<'a> {
    fn of(sides: &Sides<'_, 'a>, roots: Roots<'_, 'a>) -> Self {
        let mut entries = Vec::new();
        match roots {
            Roots::Block(items) => sides.flatten(items, &mut entries),
            Roots::Loose(stmts) => {
                for stmt in stmts {
                    sides.flatten(std::slice::from_ref(*stmt), &mut entries);
                }
            }
        }
        Flat { entries }
    }
}

struct Sides<'m, 'a> {
    model: &'m Model<'a>,
    who: &'m Performers,
    /// Every fight event: its fight (index in `model.fights`) and its
    /// row, numbered through its fight.
    events: HashMap<*const Stmt, (usize, Row)>,
    /// Each fight statement's index in `model.fights`.
    fights: HashMap<*const Stmt, usize>,
    elements: Vec<Element>,
    lines: Vec<usize>,
    /// The table part being filled: its fight and the table.
    table: Option<(usize, FightTable, usize)>,
    /// The fights whose table has had a part already.
    opened: Vec<usize>,
}

impl<'m, 'a> Sides<'m, 'a> {
    /// Numbers every event of every fight as the whole fight table does.
    fn number_events(&mut self) {
        let clocks = Clocks::new(self.model);
        for (f, fight) in self.model.fights.iter().enumerate() {
            self.fights.insert(fight.stmt as *const Stmt, f);
            let mut number = 0;
            for fact in &fight.facts.events {
                if let Some(mut row) = table::row(self.model, &clocks, fact.stmt) {
                    number += 1;
                    row.number = number;
                    // On a performer's sides, who knaps by name: "self" read
                    // by the one hit would mean him.
                    if let StmtKind::Move(m) = &fact.stmt.kind {
                        let defender = m
                            .reaction
                            .as_ref()
                            .map(|r| table::cue(self.model, &r.defender.value));
                        let attacker = table::cue(self.model, &m.attacker.value);
                        row.knap = match (row.knap.as_str(), defender) {
                            ("self", _) => format!("{attacker} (self)"),
                            ("victim", Some(d)) => format!("{d} (victim)"),
                            ("shared", Some(d)) => format!("{attacker} and {d}"),
                            _ => row.knap,
                        };
                    }
                    self.events.insert(fact.stmt as *const Stmt, (f, row));
                }
            }
        }
    }

    /// The model's fight of the `fight` statement `stmt`.
    fn fight_of(&self, stmt: &Stmt) -> Option<&'m Fight<'a>> {
        let model: &'m Model<'a> = self.model;
        self.fights
            .get(&(stmt as *const Stmt))
            .and_then(|&f| model.fights.get(f))
    }

    /// A speech as the screenplay prints it (the cue as the cast gives it).
    fn speech(&self, stmt: &Stmt) -> Option<Speech> {
        let StmtKind::Dialogue {
            speaker,
            extension,
            parenthetical,
            line,
            continued: _,
        } = &stmt.kind
        else {
            return None;
        };
        let cue = self
            .model
            .names
            .member(&speaker.value)
            .map_or(speaker.value.as_str().replace('_', " "), |m| {
                one_line(&m.cue)
            });
        Some(Speech {
            cue,
            extension: extension.as_ref().map(|e| one_line(&e.value)),
            parenthetical: parenthetical.as_ref().map(|p| one_line(&p.value)),
            text: line.value.to_string(),
            more: Vec::new(),
        })
    }

    /// The speech `items[0]` starts, with its `(beat): "…"` lines, its
    /// speaker and the number of statements it takes.
    fn full_speech(&self, items: &'a [Stmt]) -> Option<(Speech, &'a str, usize)> {
        let first = items.first()?;
        let StmtKind::Dialogue { speaker, .. } = &first.kind else {
            return None;
        };
        let mut speech = self.speech(first)?;
        let mut used = 1;
        for next in &items[1..] {
            let StmtKind::Dialogue {
                parenthetical: Some(p),
                line,
                continued: true,
                ..
            } = &next.kind
            else {
                break;
            };
            speech
                .more
                .push((one_line(&p.value), line.value.to_string()));
            used += 1;
        }
        Some((speech, speaker.value.as_str(), used))
    }

    /// `items` flattened onto `out`, with an explicit stack (scripts may
    /// nest deep).
    fn flatten(&self, items: &'a [Stmt], out: &mut Vec<Entry<'a>>) {
        let mut stack: Vec<(&'a [Stmt], usize)> = vec![(items, 0)];
        while let Some(&(items, at)) = stack.last() {
            let Some(stmt) = items.get(at) else {
                stack.pop();
                if !stack.is_empty() {
                    out.push(Entry::Close);
                }
                continue;
            };
            let at_line = line(self.model, stmt);
            let mut next = at + 1;
            let mut opens: Option<(Option<String>, &'a [Stmt])> = None;
            match &stmt.kind {
                StmtKind::Dialogue { .. } => {
                    if let Some((left, speaker, used)) = self.full_speech(&items[at..]) {
                        let mut speakers = vec![speaker];
                        next = at + used;
                        // Two speeches joined by `&` are dual dialogue.
                        let right = items
                            .get(next)
                            .filter(|n| n.together().is_some())
                            .and_then(|_| self.full_speech(&items[next..]))
                            .map(|(speech, speaker, more)| {
                                speakers.push(speaker);
                                next += more;
                                speech
                            });
                        out.push(Entry::Leaf(
                            Leaf::Speech {
                                left: Box::new(left),
                                right: right.map(Box::new),
                                speakers,
                            },
                            at_line,
                        ));
                    }
                }
                StmtKind::Action { .. }
                | StmtKind::Shot { .. }
                | StmtKind::Sound { .. }
                | StmtKind::Transition { .. } => out.push(Entry::Leaf(Leaf::Text(stmt), at_line)),
                StmtKind::Page { kind, .. } => match kind.value {
                    PageKind::Centered | PageKind::Lyric => {
                        out.push(Entry::Leaf(Leaf::Text(stmt), at_line))
                    }
                    // Not printed on the page, or nothing to act.
                    PageKind::PageBreak | PageKind::Section | PageKind::Synopsis => {}
                },
                StmtKind::Pause => out.push(Entry::Leaf(Leaf::Beat, at_line)),
                StmtKind::Move(_)
                | StmtKind::Referee { .. }
                | StmtKind::Up { .. }
                | StmtKind::Towel { .. }
                | StmtKind::Bell => {
                    if self.events.contains_key(&(stmt as *const Stmt)) {
                        out.push(Entry::Leaf(Leaf::Event(stmt), at_line));
                    }
                }
                StmtKind::Fight { red, blue, body } => {
                    let title = match self.fight_of(stmt) {
                        Some(fight) => table::title(self.model, fight),
                        None => format!(
                            "{} vs {}",
                            table::cue(self.model, &red.value),
                            table::cue(self.model, &blue.value)
                        ),
                    };
                    opens = Some((Some(format!("FIGHT: {title}")), &body.items));
                }
                StmtKind::Round { number, body } => {
                    opens = Some((Some(format!("ROUND {}", number.value)), &body.items));
                }
                StmtKind::Corner { fighter, body } => {
                    let cue = table::cue(self.model, &fighter.value);
                    opens = Some((Some(format!("{cue}'S CORNER")), &body.items));
                }
                StmtKind::RoundsMontage { rounds, body, .. } => {
                    let (a, b) = rounds.value;
                    opens = Some((Some(format!("MONTAGE - ROUNDS {a} TO {b}")), &body.items));
                }
                StmtKind::Montage { title, body } => {
                    let title = one_line(&title.value).to_uppercase();
                    opens = Some((Some(format!("MONTAGE - {title}")), &body.items));
                }
                StmtKind::Scene { body, .. }
                | StmtKind::Exchange { body, .. }
                | StmtKind::Broken { body, .. } => opens = Some((None, &body.items)),
                // Not printed: notes (as `bout render` without `--notes`),
                // settings, results, the script's head.
                StmtKind::Note { .. }
                | StmtKind::Setting(_)
                | StmtKind::Result(_)
                | StmtKind::TitleField { .. }
                | StmtKind::Production { .. }
                | StmtKind::Cast { .. }
                | StmtKind::CastMember(_)
                | StmtKind::Moves { .. } => {}
            }
            if let Some(top) = stack.last_mut() {
                top.1 = next;
            }
            if let Some((header, body)) = opens {
                out.push(Entry::Open(header, at_line));
                stack.push((body, 0));
            }
        }
    }

    /// How `leaf` stands for the performers, before cues.
    fn mark(&self, leaf: &Leaf<'a>) -> Mark {
        match leaf {
            Leaf::Speech { speakers, .. } => {
                if speakers.iter().any(|s| self.who.has(s)) {
                    Mark::Theirs
                } else {
                    Mark::Omitted
                }
            }
            Leaf::Text(stmt) => {
                if text_of(stmt).is_some_and(|t| self.who.named_in(t)) {
                    Mark::Theirs
                } else {
                    Mark::Omitted
                }
            }
            Leaf::Beat => Mark::Omitted,
            Leaf::Event(stmt) => self.event_mark(stmt),
        }
    }

    /// Whether the performers take part in the fight event `stmt`: as
    /// attacker or defender, as the fighter a referee's action names, as
    /// the one who gets up; every count and bell of a fight they fight or
    /// referee; a towel for them or the fighter whose corner they work.
    fn event_mark(&self, stmt: &Stmt) -> Mark {
        let Some(fight) = self
            .events
            .get(&(stmt as *const Stmt))
            .and_then(|(f, _)| self.model.fights.get(*f))
        else {
            return Mark::Omitted;
        };
        let who = self.who;
        let fights_it = fight.fighters.iter().any(|f| who.has(&f.value))
            || fight.referee.is_some_and(|r| who.has(&r.value));
        let theirs = match &stmt.kind {
            StmtKind::Move(m) => {
                who.has(&m.attacker.value)
                    || m.reaction
                        .as_ref()
                        .is_some_and(|r| who.has(&r.defender.value))
                    // The one who knaps it makes its sound on cue.
                    || m.modifiers.iter().any(|md| {
                        matches!(&md.value, Modifier::Knap(Knap::Member(id)) if who.has(&id.value))
                    })
            }
            StmtKind::Referee { referee, action } => {
                who.has(&referee.value)
                    || match action {
                        RefereeAction::Count(_) | RefereeAction::Break => fights_it,
                        RefereeAction::Warn { fighter, .. }
                        | RefereeAction::Deduct { fighter, .. } => who.has(&fighter.value),
                        // What ends the fight ends it for both fighters.
                        RefereeAction::Disqualify { fighter } | RefereeAction::Stop { fighter } => {
                            who.has(&fighter.value) || fights_it
                        }
                    }
            }
            StmtKind::Up { fighter } => who.has(&fighter.value),
            StmtKind::Towel { fighter } => {
                who.has(&fighter.value)
                    || who.corners_for.iter().any(|c| *c == fighter.value)
                    || fights_it
            }
            StmtKind::Bell => fights_it,
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
            | StmtKind::Broken { .. } => false,
        };
        match (theirs, fights_it) {
            (true, _) => Mark::Theirs,
            (false, true) => Mark::Skipped,
            (false, false) => Mark::Omitted,
        }
    }

    /// Writes one scene if the performers are in it; whether they are.
    fn scene(&mut self, heading: Option<(Element, usize)>, flat: Flat<'a>) -> bool {
        let entries = flat.entries;
        let mut marks: Vec<Mark> = entries
            .iter()
            .map(|e| match e {
                Entry::Leaf(leaf, _) => self.mark(leaf),
                Entry::Open(..) | Entry::Close => Mark::Omitted,
            })
            .collect();
        if !marks.contains(&Mark::Theirs) {
            return false;
        }
        // The cue before each of their speeches: the leaf just before it
        // (beats between kept with it).
        for k in 0..entries.len() {
            let is_their_speech = matches!(entries[k], Entry::Leaf(Leaf::Speech { .. }, _))
                && marks[k] == Mark::Theirs;
            if !is_their_speech {
                continue;
            }
            let mut beats = Vec::new();
            for j in (0..k).rev() {
                match &entries[j] {
                    Entry::Open(..) | Entry::Close => {}
                    Entry::Leaf(Leaf::Beat, _) => beats.push(j),
                    Entry::Leaf(..) => {
                        if marks[j] != Mark::Theirs {
                            marks[j] = Mark::Cue;
                        }
                        for b in beats.drain(..) {
                            marks[b] = Mark::Cue;
                        }
                        break;
                    }
                }
            }
        }
        self.close_table();
        if let Some((element, at)) = heading {
            self.push(element, at);
        }
        // Which blocks hold something kept: their markers print where they
        // open, so an omitted stretch stands inside the block it was in.
        // (Linear: a closing block tells its parent.)
        let mut keeps = vec![false; entries.len()];
        let mut stack: Vec<usize> = Vec::new();
        for (k, (entry, mark)) in entries.iter().zip(&marks).enumerate() {
            match entry {
                Entry::Open(..) => stack.push(k),
                Entry::Close => {
                    if let Some(done) = stack.pop()
                        && keeps[done]
                        && let Some(&parent) = stack.last()
                    {
                        keeps[parent] = true;
                    }
                }
                Entry::Leaf(..) => {
                    if matches!(mark, Mark::Theirs | Mark::Cue)
                        && let Some(&top) = stack.last()
                    {
                        keeps[top] = true;
                    }
                }
            }
        }
        let mut stretch = Stretch::default();
        for ((entry, mark), keeps) in entries.into_iter().zip(marks).zip(keeps) {
            match entry {
                Entry::Open(header, at) => {
                    if keeps {
                        self.stretch(&mut stretch);
                        if let Some(header) = header {
                            self.push(Element::Shot(header), at);
                        }
                    }
                }
                Entry::Close => {}
                Entry::Leaf(leaf, at) => match mark {
                    Mark::Skipped => {}
                    Mark::Omitted => stretch.add(&leaf, at),
                    Mark::Theirs | Mark::Cue => {
                        self.stretch(&mut stretch);
                        self.leaf(leaf, at);
                    }
                },
            }
        }
        self.stretch(&mut stretch);
        self.close_table();
        true
    }

    /// Writes the omitted stretch, if any, as one line.
    fn stretch(&mut self, stretch: &mut Stretch) {
        let Some(at) = stretch.line else {
            return;
        };
        let taken = std::mem::take(stretch);
        let what = if taken.speakers.is_empty() {
            "action".to_owned()
        } else {
            format!(
                "{} {}",
                taken.speakers.join(", "),
                if taken.speakers.len() == 1 {
                    "speaks"
                } else {
                    "speak"
                }
            )
        };
        let text = format!(
            "[… {} {} omitted: {} …]",
            taken.count,
            if taken.count == 1 { "line" } else { "lines" },
            what
        );
        self.push(Element::Action(escape_markup(&text)), at);
    }

    /// Writes a kept leaf.
    fn leaf(&mut self, leaf: Leaf<'a>, at: usize) {
        match leaf {
            Leaf::Speech { left, right, .. } => self.push(
                match right {
                    Some(right) => Element::DualDialogue(left, right),
                    None => Element::Dialogue(left),
                },
                at,
            ),
            Leaf::Beat => self.push(Element::Action("Beat.".into()), at),
            Leaf::Text(stmt) => {
                if let Some(element) = text_element(stmt) {
                    self.push(element, at);
                }
            }
            Leaf::Event(stmt) => {
                let Some((fight, row)) = self.events.get(&(stmt as *const Stmt)).cloned() else {
                    return;
                };
                if self.table.as_ref().is_some_and(|(f, ..)| *f != fight) {
                    self.close_table();
                }
                let table = self.table.get_or_insert_with(|| {
                    let title = self
                        .model
                        .fights
                        .get(fight)
                        .map_or(String::new(), |f| table::title(self.model, f));
                    (
                        fight,
                        FightTable {
                            title,
                            opens: false,
                            rows: Vec::new(),
                        },
                        at,
                    )
                });
                table.1.rows.push(row);
            }
        }
    }

    /// Ends the table part being filled.
    fn close_table(&mut self) {
        if let Some((fight, mut table, at)) = self.table.take() {
            // The first part of a fight's table opens it (its parts share
            // their column widths up to the next fight's).
            table.opens = !self.opened.contains(&fight);
            self.opened.push(fight);
            self.elements.push(Element::FightTable(Box::new(table)));
            self.lines.push(at);
        }
    }

    /// Adds `element`, from source line `at`.
    fn push(&mut self, element: Element, at: usize) {
        self.close_table();
        self.elements.push(element);
        self.lines.push(at);
    }
}

/// A stretch of omitted leaves.
#[derive(Default)]
struct Stretch {
    /// How many.
    count: usize,
    /// Who speaks in it, by cue, in order, once each.
    speakers: Vec<String>,
    /// The first one's source line.
    line: Option<usize>,
}

impl Stretch {
    fn add(&mut self, leaf: &Leaf<'_>, at: usize) {
        self.line.get_or_insert(at);
        // Two speeches at once are two lines.
        self.count += match leaf {
            Leaf::Speech { right: Some(_), .. } => 2,
            Leaf::Speech { right: None, .. } | Leaf::Beat | Leaf::Text(_) | Leaf::Event(_) => 1,
        };
        if let Leaf::Speech { left, right, .. } = leaf {
            for speech in std::iter::once(left).chain(right.iter()) {
                if !self.speakers.contains(&speech.cue) {
                    self.speakers.push(speech.cue.clone());
                }
            }
        }
    }
}

/// The text of an action, shot, sound, transition, centred text or lyric.
fn text_of(stmt: &Stmt) -> Option<&str> {
    if let StmtKind::Action { text }
    | StmtKind::Shot { text }
    | StmtKind::Sound { text }
    | StmtKind::Transition { text } = &stmt.kind
    {
        return Some(&text.value);
    }
    if let StmtKind::Page {
        text: Some(text), ..
    } = &stmt.kind
    {
        return Some(&text.value);
    }
    None
}

/// The element a kept text leaf prints as, as in the screenplay.
fn text_element(stmt: &Stmt) -> Option<Element> {
    if let StmtKind::Action { text } | StmtKind::Sound { text } = &stmt.kind {
        return Some(Element::Action(text.value.to_string()));
    }
    if let StmtKind::Shot { text } = &stmt.kind {
        return Some(Element::Shot(one_line(&text.value).to_uppercase()));
    }
    if let StmtKind::Transition { text } = &stmt.kind {
        return Some(Element::Transition(one_line(&text.value).to_uppercase()));
    }
    if let StmtKind::Page {
        kind,
        text: Some(text),
        ..
    } = &stmt.kind
    {
        return match kind.value {
            PageKind::Centered => Some(Element::Centered(text.value.to_string())),
            PageKind::Lyric => Some(Element::Lyric(text.value.to_string())),
            PageKind::PageBreak | PageKind::Section | PageKind::Synopsis => None,
        };
    }
    None
}
