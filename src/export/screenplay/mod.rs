//! The screenplay: the checked model as a sequence of screenplay elements
//! (scene headings, action, dialogue, transitions, shots, notes, fight-script
//! tables), with the fights turned into action prose. Every screenplay
//! format (Fountain, Final Draft, PDF, HTML) is written from this.

pub mod emphasis;
pub mod fdx;
pub mod fountain;
pub mod html;
pub mod layout;
pub mod pdf;
pub mod prose;
pub mod table;

use crate::export::escape::{make_inert, one_line};
use crate::model::Model;
use crate::syntax::ast::*;

/// How the fights appear in the screenplay.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Choreography {
    /// As action prose (the default).
    #[default]
    Prose,
    /// As the numbered fight-script table, each part where its events
    /// happen.
    Table,
    /// Prose, then the table after each fight.
    Both,
}

/// Options shared by every screenplay format.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Number the scenes.
    pub scene_numbers: bool,
    /// Include `note` beats.
    pub notes: bool,
    /// How fights appear.
    pub choreography: Choreography,
}

/// The layout the script is printed in, chosen by its `production`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Form {
    /// A screenplay (`production page` and `production screen`).
    #[default]
    Screenplay,
    /// A stage play (`production stage`): acts and scenes, stage directions.
    StagePlay,
}

/// A screenplay draft.
#[derive(Clone, Debug, PartialEq)]
pub struct Screenplay {
    /// Title-page fields in source order.
    pub title_page: Vec<(TitleKey, String)>,
    /// Screenplay or stage-play layout.
    pub form: Form,
    /// The body.
    pub elements: Vec<Element>,
    /// The source line (1-based) each element comes from, by index: the
    /// statement that made it (for fight prose, the fight's statement at
    /// hand when the paragraph was written). For tools that point back to
    /// the script, such as `bout preview`.
    pub lines: Vec<usize>,
}

/// One screenplay element.
#[derive(Clone, Debug, PartialEq)]
pub enum Element {
    /// A scene heading, printed as written, with its number.
    SceneHeading {
        /// The heading.
        text: String,
        /// The scene's number: as the script writes it (`number "1A"`),
        /// else its count when numbering.
        number: Option<String>,
    },
    /// Action.
    Action(String),
    /// A speech. (Speeches and fight tables are boxed: an element is a
    /// scene heading's size, not a dual dialogue's five times it, and a
    /// long script's screenplay holds a hundred thousand elements.)
    Dialogue(Box<Speech>),
    /// Two speeches at once.
    DualDialogue(Box<Speech>, Box<Speech>),
    /// A transition.
    Transition(String),
    /// A shot, or a marker such as ROUND ONE or MONTAGE.
    Shot(String),
    /// A production note.
    Note(String),
    /// Text centred on the page (`centered`).
    Centered(String),
    /// Sung lines (`lyric`).
    Lyric(String),
    /// The next element starts a new page (`page-break`).
    PageBreak,
    /// A heading of the outline (`section`), with its depth from 1; not
    /// printed on the page.
    Section {
        /// 1 for `#`, 2 for `##`…
        depth: u32,
        /// The title.
        text: String,
    },
    /// A summary for the outline (`synopsis`); not printed on the page.
    Synopsis(String),
    /// The fight-script table of one fight.
    FightTable(Box<table::FightTable>),
}

/// A character's speech.
#[derive(Clone, Debug, PartialEq)]
pub struct Speech {
    /// The cue, upper case.
    pub cue: String,
    /// The extension without parentheses, such as `V.O.`.
    pub extension: Option<String>,
    /// The parenthetical without parentheses.
    pub parenthetical: Option<String>,
    /// What is said.
    pub text: String,
    /// The later parts of the speech, each a parenthetical and what is said
    /// after it: `ROCKY: "Yo."` then `ROCKY (beat): "Adrian."` is one speech
    /// with a parenthetical in the middle.
    pub more: Vec<(String, String)>,
}

impl Speech {
    /// The cue line: `ROCKY (V.O.)`.
    pub fn cue_line(&self) -> String {
        match &self.extension {
            Some(ext) => format!("{} ({})", self.cue, ext),
            None => self.cue.clone(),
        }
    }
}

/// Whether the script gives any scene its own number (`number "4A"`):
/// then those are the numbers printed, and `--scene-numbers` counts none.
pub fn numbers_its_scenes(model: &Model<'_>) -> bool {
    model.index.scenes.iter().any(|s| {
        matches!(
            s.kind,
            StmtKind::Scene {
                number: Some(_),
                ..
            }
        )
    })
}

/// `text` with `*` and `_` escaped, so that [`emphasis::mark`] reads them
/// as the characters.
pub(crate) fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The title page's title as plain text (no emphasis), or "Untitled".
pub fn title(screenplay: &Screenplay) -> String {
    screenplay
        .title_page
        .iter()
        .find(|(k, _)| *k == TitleKey::Title)
        .map_or("Untitled".into(), |(_, v)| emphasis::strip(v))
}

/// Builds the screenplay of `model`. Every string in it is inert (see
/// [`crate::export::escape::inert`]: no control or bidi characters), and the
/// elements printed on one line (scene headings, transitions, shots, cues,
/// extensions, parentheticals) hold no line break, whatever the tree holds.
pub fn build(model: &Model<'_>, mut options: Options) -> Screenplay {
    // A script that numbers its scenes itself (`number "4A"`) is a shooting
    // script: its numbers are the ones printed, and counting the others
    // would give numbers it already has.
    options.scene_numbers &= !numbers_its_scenes(model);
    let mut builder = Builder {
        model,
        options,
        elements: Vec::new(),
        lines: Vec::new(),
        line: 1,
        paragraph_line: 1,
        scene: 0,
        fight: 0,
        prose: prose::Writer::new(model),
        paragraph: Vec::new(),
        clocks: None,
        table: None,
        rows: Vec::new(),
    };
    let title_page = model
        .script
        .items
        .iter()
        .filter_map(|s| {
            if let StmtKind::TitleField { key, value } = &s.kind {
                Some((key.value, value.value.to_string()))
            } else {
                None
            }
        })
        .collect();
    builder.stmts(&model.script.items);
    let form = match model.production {
        ProductionMode::Stage => Form::StagePlay,
        ProductionMode::Page | ProductionMode::Screen => Form::Screenplay,
    };
    let mut play = Screenplay {
        title_page,
        form,
        elements: builder.elements,
        lines: builder.lines,
    };
    inert_strings(&mut play);
    mark_emphasis(&mut play);
    play
}

/// Reads the emphasis markup of the texts that may hold it (the title
/// page, action, dialogue and its parentheticals, centred text, lyrics)
/// into toggles,
/// after [`inert_strings`] has taken any forged toggle out. Fight prose is
/// escaped where it is written, so that a name never reads as markup.
pub(crate) fn mark_emphasis(play: &mut Screenplay) {
    let mark = |t: &mut String| *t = emphasis::mark(t);
    for (_, value) in &mut play.title_page {
        mark(value);
    }
    let speech = |s: &mut Speech| {
        s.parenthetical.iter_mut().for_each(mark);
        mark(&mut s.text);
        for (p, t) in &mut s.more {
            mark(p);
            mark(t);
        }
    };
    for element in &mut play.elements {
        match element {
            Element::Action(text) | Element::Centered(text) | Element::Lyric(text) => mark(text),
            Element::Dialogue(s) => speech(s),
            Element::DualDialogue(l, r) => {
                speech(l);
                speech(r);
            }
            Element::SceneHeading { .. }
            | Element::Transition(_)
            | Element::Shot(_)
            | Element::Note(_)
            | Element::PageBreak
            | Element::Section { .. }
            | Element::Synopsis(_)
            | Element::FightTable(_) => {}
        }
    }
}

/// The single choke point: every string of the screenplay made inert.
pub(crate) fn inert_strings(play: &mut Screenplay) {
    for (_, value) in &mut play.title_page {
        make_inert(value);
    }
    let speech = |s: &mut Speech| {
        make_inert(&mut s.cue);
        s.extension.iter_mut().for_each(make_inert);
        s.parenthetical.iter_mut().for_each(make_inert);
        make_inert(&mut s.text);
        for (p, t) in &mut s.more {
            make_inert(p);
            make_inert(t);
        }
    };
    for element in &mut play.elements {
        match element {
            Element::SceneHeading { text, number } => {
                make_inert(text);
                number.iter_mut().for_each(make_inert);
            }
            Element::Action(text)
            | Element::Transition(text)
            | Element::Shot(text)
            | Element::Note(text)
            | Element::Centered(text)
            | Element::Lyric(text)
            | Element::Section { text, .. }
            | Element::Synopsis(text) => make_inert(text),
            Element::PageBreak => {}
            Element::Dialogue(s) => speech(s),
            Element::DualDialogue(l, r) => {
                speech(l);
                speech(r);
            }
            Element::FightTable(t) => {
                make_inert(&mut t.title);
                for row in &mut t.rows {
                    for cell in [
                        &mut row.round,
                        &mut row.clock,
                        &mut row.attacker,
                        &mut row.technique,
                        &mut row.reaction,
                        &mut row.knap,
                        &mut row.contact,
                        &mut row.notes,
                    ] {
                        make_inert(cell);
                    }
                }
            }
        }
    }
}

struct Builder<'m, 'a> {
    model: &'m Model<'a>,
    options: Options,
    elements: Vec<Element>,
    /// The source line of each element (see [`Screenplay::lines`]).
    lines: Vec<usize>,
    /// The line of the statement at hand.
    line: usize,
    /// The line of the first event of the paragraph being written.
    paragraph_line: usize,
    scene: u32,
    fight: usize,
    prose: prose::Writer<'m, 'a>,
    /// Sentences of the paragraph being written.
    paragraph: Vec<String>,
    /// Every fight event's clock, once a table needs them.
    clocks: Option<table::Clocks>,
    /// In table mode, the fight's table so far: its title and the rows
    /// written.
    table: Option<TableState>,
    /// In table mode, the rows of the part being written.
    rows: Vec<table::Row>,
}

/// The fight table being written in table mode, one part at a time.
struct TableState {
    title: String,
    written: usize,
}

impl<'m, 'a> Builder<'m, 'a> {
    fn speech(
        &self,
        speaker: &Ident,
        extension: &Option<Box<Text>>,
        parenthetical: &Option<Box<Text>>,
        line: &Text,
    ) -> Speech {
        // The cue as the cast gives it: the id's (capitals) by default, an
        // explicit `cue "McCLANE"` as written, as Final Draft prints a cue
        // as typed.
        let cue = self
            .model
            .names
            .member(&speaker.value)
            .map_or(speaker.value.as_str().replace('_', " "), |m| {
                one_line(&m.cue)
            });
        Speech {
            cue,
            extension: extension.as_ref().map(|e| one_line(&e.value)),
            parenthetical: parenthetical.as_ref().map(|p| one_line(&p.value)),
            text: line.value.to_string(),
            more: Vec::new(),
        }
    }

    /// The speech `items[0]` starts, with the lines that go on it, and how
    /// many statements it takes; `None` when `items[0]` is no dialogue.
    fn full_speech(&self, items: &'a [Stmt]) -> Option<(Speech, usize)> {
        let StmtKind::Dialogue {
            speaker,
            extension,
            parenthetical,
            line,
            continued: _,
        } = &items.first()?.kind
        else {
            return None;
        };
        let more = Self::continued(items);
        let mut speech = self.speech(speaker, extension, parenthetical, line);
        speech.more = more
            .iter()
            .map(|(p, l)| (one_line(&p.value), l.value.to_string()))
            .collect();
        Some((speech, 1 + more.len()))
    }

    /// The statements after `items[0]` that go on its speech: the
    /// `(beat): "…"` lines right after it. A screenplay prints them under
    /// one cue, the parentheticals in the middle of the speech.
    fn continued(items: &[Stmt]) -> Vec<(&Text, &Text)> {
        items
            .iter()
            .skip(1)
            .map_while(|next| match &next.kind {
                StmtKind::Dialogue {
                    parenthetical: Some(p),
                    line,
                    continued: true,
                    ..
                } => Some((&**p, line)),
                _ => None,
            })
            .collect()
    }

    /// Ends the paragraph of fight prose, or the part of the fight table,
    /// being written.
    fn flush(&mut self) {
        if !self.paragraph.is_empty() {
            // Generated prose holds names and words, never markup.
            let text = escape_markup(&std::mem::take(&mut self.paragraph).join(" "));
            let at = std::mem::replace(&mut self.line, self.paragraph_line);
            self.push(Element::Action(text));
            self.line = at;
        }
        if let (Some(state), false) = (&mut self.table, self.rows.is_empty()) {
            let mut rows = std::mem::take(&mut self.rows);
            for row in &mut rows {
                state.written += 1;
                row.number = state.written;
            }
            let element = Element::FightTable(Box::new(table::FightTable {
                title: state.title.clone(),
                opens: state.written == rows.len(),
                rows,
            }));
            self.push(element);
        }
    }

    /// A fight's contents: rounds open with a marker, each exchange is one
    /// paragraph, events between beats run together.
    fn fight_items(&mut self, items: &'a [Stmt]) {
        for (i, stmt) in items.iter().enumerate() {
            // What this item writes (a round's marker, a table's rows) comes
            // from its own line; a paragraph of prose from its first event's.
            let outer =
                std::mem::replace(&mut self.line, self.model.script.line_of(stmt.span.start));
            self.fight_item(items, i, stmt);
            self.line = outer;
        }
    }

    fn fight_item(&mut self, items: &'a [Stmt], i: usize, stmt: &'a Stmt) {
        {
            match &stmt.kind {
                StmtKind::Setting(_) | StmtKind::Result(_) => {}
                StmtKind::Round { number, body } => {
                    self.flush();
                    self.push(Element::Shot(format!(
                        "ROUND {}",
                        prose::number_word(number.value).to_uppercase()
                    )));
                    self.prose.start_round(number.value);
                    self.fight_items(&body.items);
                    self.flush();
                }
                StmtKind::Corner { fighter, body } => {
                    self.flush();
                    let name = self.prose.cue(&fighter.value).to_uppercase();
                    self.push(Element::Shot(format!("{}'S CORNER", name)));
                    // Beats, and the towel that retires the fighter.
                    self.fight_items(&body.items);
                    self.flush();
                }
                StmtKind::RoundsMontage { rounds, body, .. } => {
                    self.flush();
                    let (a, b) = rounds.value;
                    self.push(Element::Shot(format!(
                        "MONTAGE - ROUNDS {} TO {}",
                        prose::number_word(a).to_uppercase(),
                        prose::number_word(b).to_uppercase()
                    )));
                    self.stmts(&body.items);
                    self.push(Element::Shot("END MONTAGE".into()));
                }
                StmtKind::Exchange { body, .. } => {
                    self.flush();
                    self.fight_items(&body.items);
                    self.flush();
                }
                StmtKind::Move(_)
                | StmtKind::Referee { .. }
                | StmtKind::Up { .. }
                | StmtKind::Towel { .. }
                | StmtKind::Bell => {
                    // In table mode each event is a row where it happens.
                    if let (Some(_), Some(clocks)) = (&self.table, &self.clocks) {
                        self.rows.extend(table::row(self.model, clocks, stmt));
                    } else {
                        let sentence = self.prose.sentence(stmt);
                        if self.paragraph.is_empty() {
                            self.paragraph_line = self.line;
                        }
                        self.paragraph.push(sentence);
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
                | StmtKind::Broken { .. } => {
                    // A beat interrupts the prose; `&` dialogue pairs stay dual.
                    self.flush();
                    let pair = items.get(i + 1).is_some_and(|n| {
                        n.together().is_some() && matches!(n.kind, StmtKind::Dialogue { .. })
                    }) && matches!(stmt.kind, StmtKind::Dialogue { .. });
                    if stmt.together().is_some()
                        && i > 0
                        && matches!(stmt.kind, StmtKind::Dialogue { .. })
                        && matches!(items[i - 1].kind, StmtKind::Dialogue { .. })
                    {
                        return; // already written as the right half of a pair
                    }
                    if pair {
                        self.stmts(&items[i..i + 2]);
                    } else {
                        self.stmt(stmt);
                    }
                }
            }
        }
    }

    fn stmts(&mut self, items: &'a [Stmt]) {
        let mut i = 0;
        while i < items.len() {
            let stmt = &items[i];
            // A speech and the lines that go on it, under one cue; two
            // speeches joined by `&` are dual dialogue.
            if let Some((left, used)) = self.full_speech(&items[i..]) {
                let outer =
                    std::mem::replace(&mut self.line, self.model.script.line_of(stmt.span.start));
                let right = items
                    .get(i + used)
                    .filter(|next| next.together().is_some())
                    .and_then(|_| self.full_speech(&items[i + used..]));
                match right {
                    Some((right, more)) => {
                        self.push(Element::DualDialogue(Box::new(left), Box::new(right)));
                        i += used + more;
                    }
                    None => {
                        self.push(Element::Dialogue(Box::new(left)));
                        i += used;
                    }
                }
                self.line = outer;
                continue;
            }
            self.stmt(stmt);
            i += 1;
        }
    }

    /// Adds `element`, made from the statement at hand.
    fn push(&mut self, element: Element) {
        self.elements.push(element);
        self.lines.push(self.line);
    }

    fn stmt(&mut self, stmt: &'a Stmt) {
        let outer = std::mem::replace(&mut self.line, self.model.script.line_of(stmt.span.start));
        self.stmt_kind(stmt);
        self.line = outer;
    }

    fn stmt_kind(&mut self, stmt: &'a Stmt) {
        match &stmt.kind {
            StmtKind::Scene {
                heading,
                number,
                body,
            } => {
                // A blank heading is the opening before the first scene
                // (as `bout import` writes what a screenplay holds before
                // its first heading): no heading printed, no number taken.
                if !heading.value.trim().is_empty() {
                    self.scene += 1;
                    // A number the script gives is printed always, as
                    // written; the others only when numbering, by count.
                    let number = match number {
                        Some(n) => Some(one_line(&n.value)),
                        None => self.options.scene_numbers.then(|| self.scene.to_string()),
                    };
                    self.push(Element::SceneHeading {
                        text: one_line(&heading.value).to_uppercase(),
                        number,
                    });
                }
                self.stmts(&body.items);
            }
            StmtKind::Transition { text } => {
                self.push(Element::Transition(one_line(&text.value).to_uppercase()))
            }
            StmtKind::Action { text } => self.push(Element::Action(text.value.to_string())),
            StmtKind::Shot { text } => {
                self.push(Element::Shot(one_line(&text.value).to_uppercase()))
            }
            StmtKind::Sound { text } => self.push(Element::Action(text.value.to_string())),
            StmtKind::Note { text } if self.options.notes => {
                self.push(Element::Note(text.value.to_string()));
            }
            StmtKind::Pause => self.push(Element::Action("Beat.".into())),
            StmtKind::Page { kind, depth, text } => {
                let text = text.as_ref().map_or(String::new(), |t| t.value.to_string());
                self.push(match kind.value {
                    PageKind::Centered => Element::Centered(text),
                    PageKind::Lyric => Element::Lyric(text),
                    PageKind::PageBreak => Element::PageBreak,
                    PageKind::Section => Element::Section {
                        depth: depth.map_or(1, |d| d.value.max(1)),
                        text: one_line(&text),
                    },
                    // Fountain's synopsis is one line.
                    PageKind::Synopsis => Element::Synopsis(one_line(&text)),
                })
            }
            // A `(beat): "…"` line reaches here alone only inside a fight,
            // where beats are written one by one: it prints as a line of
            // its own, under its speaker's cue.
            StmtKind::Dialogue {
                speaker,
                extension,
                parenthetical,
                line,
                continued: _,
            } => {
                let speech = self.speech(speaker, extension, parenthetical, line);
                self.push(Element::Dialogue(Box::new(speech)));
            }
            StmtKind::Montage { title, body } => {
                self.push(Element::Shot(format!(
                    "MONTAGE - {}",
                    one_line(&title.value).to_uppercase()
                )));
                self.stmts(&body.items);
                self.push(Element::Shot("END MONTAGE".into()));
            }
            StmtKind::Fight { body, .. } => {
                let index = self.fight;
                self.fight += 1;
                let Some(fight) = self.model.fights.get(index) else {
                    return;
                };
                self.prose.start_fight(fight);
                if self.options.choreography != Choreography::Prose && self.clocks.is_none() {
                    self.clocks = Some(table::Clocks::new(self.model));
                }
                self.table =
                    (self.options.choreography == Choreography::Table).then(|| TableState {
                        title: table::title(self.model, fight),
                        written: 0,
                    });
                self.fight_items(&body.items);
                self.flush();
                self.table = None;
                if let (Choreography::Both, Some(clocks)) =
                    (self.options.choreography, &self.clocks)
                {
                    self.push(Element::FightTable(Box::new(table::build(
                        self.model, clocks, fight,
                    ))));
                }
            }
            StmtKind::Broken { body, .. } => self.stmts(&body.items),
            StmtKind::TitleField { .. }
            | StmtKind::Production { .. }
            | StmtKind::Cast { .. }
            | StmtKind::CastMember(_)
            | StmtKind::Moves { .. }
            | StmtKind::Note { .. }
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
            | StmtKind::Bell => {}
        }
    }
}
