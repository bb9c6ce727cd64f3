//! The syntax tree: plain data, a byte span on every node, nothing resolved.
//!
//! Names (cast ids, techniques, labels) are kept as written; the `names`
//! layer resolves them. Statements share one enum whatever block they stand
//! in, so a statement the parser found in the wrong place is still kept (with
//! an error) and later layers can look inside it.

use serde::Serialize;

pub use super::words::*;
pub use crate::span::{Span, Spanned};

/// A short name (cast id, word, label), stored inline when short so that
/// parsing a move does not allocate for each name in it.
pub type Name = ecow::EcoString;
/// A cast id as written, such as `ROCKY`.
pub type Ident = Spanned<Name>;
/// A lower-case word as written, such as a technique name.
pub type Word = Spanned<Name>;
/// A string's cooked value (escapes applied, `"""` text dedented).
pub type Text = Spanned<Name>;

/// A whole `.bout` file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Script {
    /// Top-level statements in source order.
    pub items: Vec<Stmt>,
    /// Every `//` comment, in source order, for the formatter.
    pub comments: Vec<Comment>,
    /// The whole file.
    pub span: Span,
    /// Byte offset of the start of each line, for line numbers in exports.
    #[serde(skip)]
    pub line_starts: Vec<u32>,
}

/// A `//` comment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comment {
    /// The text after `//`.
    pub text: String,
    /// The comment, from `//` to the end of the line.
    pub span: Span,
}

/// A time span, in milliseconds. Clocks (`1:32`) and unit durations
/// (`1.5s`) both read into this.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Duration {
    /// Whole milliseconds.
    pub millis: u64,
}

/// A block's braces and its contents.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Block<T> {
    /// The opening `{`.
    pub open: Span,
    /// The closing `}`; `None` when it is missing (an error was reported).
    pub close: Option<Span>,
    /// The block's contents in source order.
    pub items: Vec<T>,
}

/// One statement, with the line decorations every statement may carry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stmt {
    /// What the statement is.
    pub kind: StmtKind,
    /// Its `@` anchor, `&`, `#label`, `after` and `for`; `None` when it
    /// has none, as most statements do. Read through [`Stmt::anchor`] and
    /// its siblings.
    ///
    /// Kept behind one pointer because they are rare: inline, they were a
    /// third of every statement's size, and statements are most of a tree.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub decorations: Option<Box<Decorations>>,
    /// The statement's first token after its `@` anchor and `&`, as the
    /// parser read it: its keyword (`round`, `rounds`, `bell`, `action`) or
    /// the cast id that starts a move, a referee action or a line of
    /// dialogue. Diagnostics about the statement as a whole point here.
    pub head: Span,
    /// The whole statement, decorations and block included.
    pub span: Span,
}

/// A statement's line decorations.
///
/// Invariant: a [`Stmt`] holds one only when at least one field is `Some`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Decorations {
    /// `@m:ss` at the start of the line: moves the round clock forward.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Spanned<Duration>>,
    /// `&` at the start: starts together with the statement before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub together: Option<Span>,
    /// The statement's own `#label` (for a block, the one before its `{`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Word>,
    /// `after #label`: waits for the labelled one to end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<Word>,
    /// `for DURATION` on a beat (a move keeps its own among its modifiers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<Spanned<Duration>>,
}

impl Decorations {
    /// Whether no decoration is given.
    pub fn is_empty(&self) -> bool {
        self.anchor.is_none()
            && self.together.is_none()
            && self.label.is_none()
            && self.after.is_none()
            && self.duration.is_none()
    }
}

/// The kinds of statement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum StmtKind {
    /// `title "…"` and the other title-page fields.
    TitleField {
        /// Which field.
        key: Spanned<TitleKey>,
        /// Its text.
        value: Text,
    },
    /// `production page|screen|stage`.
    Production {
        /// The mode.
        mode: Spanned<ProductionMode>,
    },
    /// `cast { … }`.
    Cast {
        /// The members.
        members: Block<CastMember>,
    },
    /// A cast member written outside `cast` (an error, kept for names).
    CastMember(CastMember),
    /// `moves { … }`.
    Moves {
        /// The declared techniques.
        moves: Block<MoveDecl>,
    },
    /// `scene "HEADING" [number "1A"] { … }`.
    Scene {
        /// The heading, printed as written.
        heading: Text,
        /// The scene's number as written (`number "1A"`), printed as it is
        /// instead of the count `--scene-numbers` gives. (Boxed, as the
        /// extension and parenthetical of dialogue are: an `Option<Text>`
        /// takes 32 bytes in every statement, and few scenes have one.)
        number: Option<Box<Text>>,
        /// The scene's beats and fights.
        body: Block<Stmt>,
    },
    /// `transition "CUT TO:"`.
    Transition {
        /// The transition's text.
        text: Text,
    },
    /// `action "…"`.
    Action {
        /// The action's text.
        text: Text,
    },
    /// `shot "…"`.
    Shot {
        /// The shot's text.
        text: Text,
    },
    /// `sound "…"`.
    Sound {
        /// The sound's text.
        text: Text,
    },
    /// `note "…"`.
    Note {
        /// The note's text.
        text: Text,
    },
    /// `beat` or `beat 2s` (the duration goes to [`Stmt::duration`]).
    Pause,
    /// `centered "…"`, `lyric "…"`, `section [DEPTH] "…"`, `synopsis "…"`
    /// and `page-break`: what the page shows, or the outline keeps, beyond
    /// the story's beats. They stand at the top level and in scenes.
    Page {
        /// Which element.
        kind: Spanned<PageKind>,
        /// A section's depth as written (`section 2 "…"`); 1 when absent.
        depth: Option<Spanned<u32>>,
        /// The text; `page-break` has none.
        text: Option<Text>,
    },
    /// `ID [EXT] (PAREN): "line"`.
    Dialogue {
        /// Who speaks.
        speaker: Ident,
        /// The cue extension, such as `V.O.`, without brackets. (Boxed,
        /// with the parenthetical: most lines have neither, and inline
        /// they set the size of every statement of the tree.)
        extension: Option<Box<Text>>,
        /// The parenthetical, without parentheses.
        parenthetical: Option<Box<Text>>,
        /// What is said.
        line: Text,
        /// `(beat): "…"`: the next part of the speech just before it, whose
        /// speaker and extension are copied here (as written there; the
        /// speaker's span is that line's). Its parenthetical is always
        /// given. A screenplay prints the parts under one cue.
        continued: bool,
    },
    /// `montage "TITLE" { beats }` in a scene.
    Montage {
        /// The montage's title.
        title: Text,
        /// Its beats.
        body: Block<Stmt>,
    },
    /// `fight A vs B { … }`.
    Fight {
        /// The first fighter named.
        red: Ident,
        /// The second fighter named.
        blue: Ident,
        /// Settings, beats, rounds, corners, montage and result.
        body: Block<Stmt>,
    },
    /// A fight setting.
    Setting(Setting),
    /// `round N { … }`.
    Round {
        /// The round's number.
        number: Spanned<u32>,
        /// Its events and beats.
        body: Block<Stmt>,
    },
    /// `corner ID { beats }`.
    Corner {
        /// Whose corner.
        fighter: Ident,
        /// What is said and done there.
        body: Block<Stmt>,
    },
    /// `montage rounds A..B [screen DURATION] { beats }`.
    RoundsMontage {
        /// The first and last round shown.
        rounds: Spanned<(u32, u32)>,
        /// The montage's length on screen.
        screen: Option<Spanned<Duration>>,
        /// Its beats.
        body: Block<Stmt>,
    },
    /// `result …`.
    Result(FightResult),
    /// `exchange ["name"] { … }`.
    Exchange {
        /// The exchange's name.
        name: Option<Text>,
        /// Its events.
        body: Block<Stmt>,
    },
    /// An attack.
    Move(Move),
    /// A referee's action.
    Referee {
        /// The referee.
        referee: Ident,
        /// What the referee does.
        action: RefereeAction,
    },
    /// `ID up`.
    Up {
        /// Who rises.
        fighter: Ident,
    },
    /// `towel ID`.
    Towel {
        /// Whose corner throws the towel.
        fighter: Ident,
    },
    /// `bell`.
    Bell,
    /// A block whose header could not be read. Its body was still parsed, in
    /// the context the header's keyword opens, so that one mistake gives one
    /// error.
    Broken {
        /// The keyword that opened the header.
        keyword: Word,
        /// The block's contents.
        body: Block<Stmt>,
    },
}

/// `ID ROLE "Display Name" [attributes]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CastMember {
    /// The cast id.
    pub id: Ident,
    /// The role.
    pub role: Spanned<Role>,
    /// The display name.
    pub name: Text,
    /// Attributes in source order.
    pub attributes: Vec<Spanned<CastAttribute>>,
    /// The whole line.
    pub span: Span,
}

/// A cast member's attribute.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum CastAttribute {
    /// `cue "…"`.
    Cue(Text),
    /// `stance orthodox|southpaw`.
    Stance(Spanned<Stance>),
    /// `nickname "…"`.
    Nickname(Text),
    /// `pronouns he|she|they`.
    Pronouns(Spanned<Pronouns>),
    /// `for FIGHTER_ID`.
    For(Ident),
}

/// `NAME KIND DURATION` in `moves`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MoveDecl {
    /// The technique's name.
    pub name: Word,
    /// Strike, grapple or feint.
    pub kind: Spanned<MoveKind>,
    /// Its default duration.
    pub duration: Spanned<Duration>,
    /// The whole line.
    pub span: Span,
}

/// A fight setting.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Setting {
    /// `rules RULESET`.
    Rules(Spanned<Ruleset>),
    /// `rounds N`.
    Rounds(Spanned<u32>),
    /// `round-length DURATION`.
    RoundLength(Spanned<Duration>),
    /// `rest DURATION`.
    Rest(Spanned<Duration>),
    /// `referee ID`.
    Referee(Ident),
    /// `three-knockdown on|off`.
    ThreeKnockdown(Spanned<Switch>),
}

/// `result …`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum FightResult {
    /// `result ID METHOD`.
    Win {
        /// The winner.
        winner: Ident,
        /// How.
        method: Spanned<Method>,
    },
    /// `result draw`.
    Draw,
    /// `result no-contest`.
    NoContest,
}

/// `ATTACKER [side] TECHNIQUE [target] [modifiers] [-> reaction]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Move {
    /// Who attacks.
    pub attacker: Ident,
    /// Which hand.
    pub side: Option<Spanned<Side>>,
    /// The technique as written; built in or from `moves`.
    pub technique: Word,
    /// Where it is aimed.
    pub target: Option<Spanned<Target>>,
    /// Modifiers in source order, each kind at most once (a boxed slice:
    /// most moves have none, and a `Vec`'s capacity is a word more).
    pub modifiers: Box<[Spanned<Modifier>]>,
    /// The defender's reaction.
    pub reaction: Option<Box<Reaction>>,
}

/// An attack modifier.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Modifier {
    /// `xN`: a flurry of N.
    Flurry(u32),
    /// `contact none|light|full`.
    Contact(Contact),
    /// `knap …`.
    Knap(Knap),
    /// `speed N%`.
    Speed(u32),
    /// `camera "angle"`.
    Camera(String),
    /// `for DURATION`.
    For(Duration),
}

/// Who makes the sound of the hit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Knap {
    /// `self`, `victim`, `shared` or `none`.
    Who(KnapWho),
    /// A named cast member.
    Member(Ident),
}

/// `-> DEFENDER REACTION [detail] [mat]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reaction {
    /// Who reacts.
    pub defender: Ident,
    /// How.
    pub kind: Spanned<ReactionKind>,
    /// A direction (evasions) or a location (`cut`, `swell`).
    pub detail: Option<Spanned<ReactionDetail>>,
    /// `mat`: the fall lands on crash pads.
    pub mat: Option<Span>,
    /// From `->` to the end of the reaction.
    pub span: Span,
}

/// The detail after a reaction.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum ReactionDetail {
    /// An evasion's direction.
    Direction(Direction),
    /// Where a cut or swelling opens.
    Location(Location),
}

/// What the referee does.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum RefereeAction {
    /// `count N`.
    Count(Spanned<u32>),
    /// `break`.
    Break,
    /// `warn ID ["reason"]`.
    Warn {
        /// Who is warned.
        fighter: Ident,
        /// Why.
        reason: Option<Text>,
    },
    /// `deduct ID [N]`.
    Deduct {
        /// Who loses points.
        fighter: Ident,
        /// How many (default 1).
        points: Option<Spanned<u32>>,
    },
    /// `disqualify ID`.
    Disqualify {
        /// Who is disqualified.
        fighter: Ident,
    },
    /// `stop ID`: ID loses by TKO.
    Stop {
        /// Who is stopped.
        fighter: Ident,
    },
}

impl Stmt {
    /// `@m:ss` at the start of the line: moves the round clock forward.
    pub fn anchor(&self) -> Option<Spanned<Duration>> {
        self.decorations.as_ref().and_then(|d| d.anchor)
    }

    /// `&` at the start: starts together with the statement before.
    pub fn together(&self) -> Option<Span> {
        self.decorations.as_ref().and_then(|d| d.together)
    }

    /// The statement's own `#label` (for a block, the one before its `{`).
    pub fn label(&self) -> Option<&Word> {
        self.decorations.as_ref().and_then(|d| d.label.as_ref())
    }

    /// `after #label`: waits for the labelled one to end.
    pub fn after(&self) -> Option<&Word> {
        self.decorations.as_ref().and_then(|d| d.after.as_ref())
    }

    /// `for DURATION` on a beat (a move keeps its own among its modifiers).
    pub fn duration(&self) -> Option<Spanned<Duration>> {
        self.decorations.as_ref().and_then(|d| d.duration)
    }

    /// The block this statement opens, if any.
    pub fn body(&self) -> Option<&Block<Stmt>> {
        match &self.kind {
            StmtKind::Scene { body, .. }
            | StmtKind::Montage { body, .. }
            | StmtKind::Fight { body, .. }
            | StmtKind::Round { body, .. }
            | StmtKind::Corner { body, .. }
            | StmtKind::RoundsMontage { body, .. }
            | StmtKind::Exchange { body, .. }
            | StmtKind::Broken { body, .. } => Some(body),
            StmtKind::TitleField { .. }
            | StmtKind::Production { .. }
            | StmtKind::Cast { .. }
            | StmtKind::CastMember(_)
            | StmtKind::Moves { .. }
            | StmtKind::Transition { .. }
            | StmtKind::Action { .. }
            | StmtKind::Shot { .. }
            | StmtKind::Sound { .. }
            | StmtKind::Note { .. }
            | StmtKind::Pause
            | StmtKind::Page { .. }
            | StmtKind::Dialogue { .. }
            | StmtKind::Setting(_)
            | StmtKind::Result(_)
            | StmtKind::Move(_)
            | StmtKind::Referee { .. }
            | StmtKind::Up { .. }
            | StmtKind::Towel { .. }
            | StmtKind::Bell => None,
        }
    }
}

impl Stmt {
    /// The rounds a `round N` or a `montage rounds A..B` shows: the first,
    /// the last, and where the number or range is written. `None` for any
    /// other statement.
    pub fn rounds_shown(&self) -> Option<Spanned<(u32, u32)>> {
        if let StmtKind::Round { number, .. } = &self.kind {
            Some(Spanned::new((number.value, number.value), number.span))
        } else if let StmtKind::RoundsMontage { rounds, .. } = &self.kind {
            Some(*rounds)
        } else {
            None
        }
    }
}

impl Move {
    /// How many blows the move is: its flurry `xN`, else one.
    pub fn flurry(&self) -> u32 {
        self.modifiers
            .iter()
            .find_map(|m| match m.value {
                Modifier::Flurry(n) => Some(n.max(1)),
                _ => None,
            })
            .unwrap_or(1)
    }
}

impl Script {
    /// The 1-based line of byte `offset`.
    pub fn line_of(&self, offset: u32) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }
}

impl Duration {
    /// A duration of `millis` milliseconds.
    pub fn from_millis(millis: u64) -> Duration {
        Duration { millis }
    }
}
