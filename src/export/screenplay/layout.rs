//! Page layout, shared by the PDF and HTML writers: 12-point Courier at ten
//! characters an inch and six lines an inch on a text block six inches wide,
//! in screenplay form (the industry indents for cue, parenthetical, dialogue
//! and transition) or stage-play form (acts and scenes centred, dialogue
//! across the block, stage directions indented in parentheses). See
//! `docs/screenplay.md` for every measurement.
//!
//! Pagination follows the professional tools: a speech broken by a page
//! ends in (MORE) and goes on under `CUE (CONT'D)`, at every break; text
//! breaks between sentences, two lines at least on each side, or moves
//! whole; headings, shots and `FADE IN:` keep with what follows, other
//! transitions with what precedes; a fight table repeats its header row on
//! each page.

use std::collections::VecDeque;
use std::ops::Range;
use std::rc::Rc;

use super::table::{FightTable, HEADINGS};
use super::{Element, Form, Screenplay, Speech, emphasis};
use crate::syntax::ast::TitleKey;

/// Paper size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    /// US Letter, 8.5" × 11".
    #[default]
    Letter,
    /// A4, 210 × 297 mm.
    A4,
}

/// Points per inch.
pub const INCH: f32 = 72.0;
/// Body font size and line height, points.
pub const LINE: f32 = 12.0;
/// Width of one character of 12-point Courier, points.
pub const CHAR: f32 = 7.2;
/// Font size of fight-script table lines, points.
pub const TABLE_SIZE: f32 = 8.0;
/// Line height of fight-script table lines, points.
pub const TABLE_LINE: f32 = 10.0;
/// Characters of a fight-script table line (six inches at 8 points).
pub const TABLE_WIDTH: usize = 90;
/// Characters of the text block (six inches).
pub const BLOCK: usize = 60;

/// Where the text block lies on the paper.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// Paper width, points.
    pub width: f32,
    /// Paper height, points.
    pub height: f32,
    /// Left edge of the text block, points from the paper's left edge.
    pub left: f32,
    /// Top of the first body line, points from the paper's top edge.
    pub top: f32,
    /// Body lines a page holds.
    pub lines: usize,
}

impl Geometry {
    /// The page of `paper`: Letter with the industry's 1.5" left margin and
    /// 1" elsewhere; A4 with the same six-inch block set 1" from the right
    /// edge (the extra width goes to the binding side) and 1" top and
    /// bottom, which holds 58 lines.
    pub fn of(paper: Paper) -> Geometry {
        let (width, height) = match paper {
            Paper::Letter => (8.5 * INCH, 11.0 * INCH),
            Paper::A4 => (595.28, 841.89),
        };
        let left = match paper {
            Paper::Letter => 1.5 * INCH,
            Paper::A4 => width - INCH - BLOCK as f32 * CHAR,
        };
        Geometry {
            width,
            height,
            left,
            top: INCH,
            lines: ((height - 2.0 * INCH) / LINE).floor() as usize,
        }
    }

    /// Right edge of the text block, points from the paper's left edge.
    pub fn right(&self) -> f32 {
        self.left + BLOCK as f32 * CHAR
    }

    /// Right margin, points.
    pub fn right_margin(&self) -> f32 {
        self.width - self.right()
    }

    /// The foot of the body, points from the paper's top edge.
    pub fn bottom(&self) -> f32 {
        self.top + self.lines as f32 * LINE
    }
}

/// A laid-out document.
#[derive(Clone, Debug)]
pub struct Document {
    /// The page and its text block.
    pub geometry: Geometry,
    /// Screenplay or stage play.
    pub form: Form,
    /// Page width, points.
    pub width: f32,
    /// Page height, points.
    pub height: f32,
    /// Title page (when the script has one), then body pages.
    pub pages: Vec<Page>,
    /// Whether the first page is the title page.
    pub title_page: bool,
}

/// One page.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// The text on it, in reading order.
    pub lines: Vec<Line>,
    /// The pieces of elements on it, in order; each line names its piece.
    pub pieces: Vec<Piece>,
}

/// What one line of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The page number.
    PageNumber,
    /// A scene heading's line.
    Heading,
    /// A scene number beside a heading.
    SceneNumber,
    /// A stage play's act or scene line, centred.
    Act,
    /// Screenplay action.
    Action,
    /// A stage direction.
    Direction,
    /// A shot or a marker (ROUND ONE).
    Shot,
    /// A transition.
    Transition,
    /// A production note.
    Note,
    /// Centred text.
    Centered,
    /// A sung line, set in italics.
    Lyric,
    /// A character cue, or `CUE (CONT'D)`.
    Cue,
    /// A parenthetical.
    Parenthetical,
    /// Dialogue.
    Dialogue,
    /// `(MORE)` at the foot of a page.
    More,
    /// `FIGHT SCRIPT: …` over a fight table.
    TableTitle,
    /// The fight table's header row.
    TableHead,
    /// The rule under the header row.
    TableRule,
    /// A line of a fight table's row.
    TableRow,
    /// The title on the title page.
    Title,
    /// Any other title-page line.
    TitleText,
}

/// A piece of one element on one page: the element whole, or the part of
/// it a page break left there.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    /// What it is.
    pub kind: Kind,
    /// The element it comes from, an index into the screenplay's elements
    /// (for title-page pieces, into its title page).
    pub element: usize,
    /// Blank space above it, points (none at the top of a page).
    pub space_before: f32,
}

/// The kinds of pieces.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A scene heading.
    Heading,
    /// A stage play's act and scene lines.
    StageHeading,
    /// Screenplay action.
    Action,
    /// A stage direction; `scene` for the setting under a scene's heading.
    Direction {
        /// The setting of a scene, set further in.
        scene: bool,
    },
    /// A shot or marker.
    Shot,
    /// A transition; `opening` for `FADE IN:`, set at the left margin.
    Transition {
        /// Opens the script or a sequence (ends in `IN:`).
        opening: bool,
    },
    /// A production note.
    Note,
    /// Centred text.
    Centered,
    /// Lyrics.
    Lyric,
    /// A speech, or the part of one on this page.
    Speech,
    /// Dual dialogue.
    Dual,
    /// Rows of a fight table.
    Table {
        /// The table's rows on this page (indices into its rows).
        rows: Range<usize>,
        /// Whether the `FIGHT SCRIPT:` title is on this page.
        caption: bool,
    },
    /// The title page's centred block (title, credit, author, source).
    TitleMain,
    /// The title page's bottom-left block (contact, copyright).
    TitleLeft,
    /// The title page's bottom-right block (draft, notes).
    TitleRight,
}

/// One line of text placed on a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Left edge, points from the page's left.
    pub x: f32,
    /// Baseline, points from the page's top.
    pub y: f32,
    /// The text.
    pub text: String,
    /// Font size, points.
    pub size: f32,
    /// Bold face.
    pub bold: bool,
    /// Underlined.
    pub underline: bool,
    /// What the line is.
    pub role: Role,
    /// Its piece, an index into the page's pieces.
    pub piece: usize,
}

/// Wraps `text` to `width` characters, on spaces; longer words are broken.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_at(text, width, usize::MAX)
        .into_iter()
        .map(|(line, _)| line)
        .collect()
}

/// Wraps like [`wrap`], stopping after `limit` lines; each line comes with
/// the byte offset in `text` where it starts. Greedy wrapping decides each
/// line from the words before it, so the lines of a prefix of `text` are
/// these lines up to the prefix's end.
///
/// Emphasis toggles take no room, and each line comes out whole: the
/// emphasis open where it starts turned on before it, the emphasis still
/// open where it ends turned off after it ([`emphasis::balance`]).
fn wrap_at(text: &str, width: usize, limit: usize) -> Vec<(String, usize)> {
    let mut lines = wrap_plain(text, width, limit);
    if text.chars().any(emphasis::is_toggle) {
        let mut texts: Vec<String> = lines.iter_mut().map(|(l, _)| std::mem::take(l)).collect();
        emphasis::balance(&mut texts);
        for ((line, _), text) in lines.iter_mut().zip(texts) {
            *line = text;
        }
    }
    lines
}

fn wrap_plain(text: &str, width: usize, limit: usize) -> Vec<(String, usize)> {
    let width = width.max(1);
    let base = text.as_ptr() as usize;
    let offset = |s: &str| s.as_ptr() as usize - base;
    let mut lines: Vec<(String, usize)> = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::with_capacity(width + 8);
        let mut start = offset(paragraph);
        // A line indented with spaces or tabs (a tab is four) keeps its
        // indent on its first row, as Fountain keeps it in action; at most
        // half the width.
        let lead: usize = paragraph
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum::<usize>()
            .min(width / 2);
        line.extend(std::iter::repeat_n(' ', lead));
        let mut len = lead;
        // Only the indent so far, no word.
        let mut fresh = true;
        for word in paragraph.split_whitespace() {
            if lines.len() >= limit {
                return lines;
            }
            let mut word = word;
            let mut count = emphasis::width(word);
            if fresh && len + count > width {
                // No room for the indent before this word.
                line.clear();
                len = 0;
            }
            while count > width {
                if len > 0 {
                    lines.push((std::mem::take(&mut line), start));
                    len = 0;
                }
                let cut = long_word_cut(word, width);
                lines.push((word[..cut].to_owned(), offset(word)));
                count -= emphasis::width(&word[..cut]);
                word = &word[cut..];
            }
            if !fresh && len > 0 && len + 1 + count > width {
                lines.push((
                    std::mem::replace(&mut line, String::with_capacity(width + 8)),
                    start,
                ));
                len = 0;
            }
            if len == 0 || fresh {
                start = offset(word);
            } else {
                line.push(' ');
                len += 1;
            }
            fresh = false;
            line.push_str(word);
            len += count;
        }
        if fresh {
            // A blank line: no indent to keep.
            line.clear();
        }
        if lines.len() >= limit {
            return lines;
        }
        lines.push((line, start));
    }
    lines
}

/// Where a word longer than `width` characters is cut (a byte offset,
/// after at least one character and at most `width`): after its last
/// hyphen that fits, else at `width`, moved back so that the rest never
/// starts with punctuation (a comma alone on a line).
fn long_word_cut(word: &str, width: usize) -> usize {
    let at = |n: usize| word.char_indices().nth(n).map_or(word.len(), |(i, _)| i);
    let hard = at(width);
    let hyphen = word[..hard]
        .char_indices()
        .filter(|&(i, c)| c == '-' && i > 0)
        .map(|(i, _)| i + 1)
        .next_back();
    let mut cut = hyphen.unwrap_or(hard);
    while cut > at(1) && word[cut..].starts_with([',', '.', ';', ':', '!', '?', ')', '"', '\'']) {
        cut = word[..cut].char_indices().last().map_or(0, |(i, _)| i);
    }
    cut
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr.", "mrs.", "ms.", "dr.", "st.", "jr.", "sr.", "vs.", "v.", "mt.", "no.", "e.g.", "i.e.",
    "etc.", "prof.", "gen.", "lt.", "sgt.", "capt.", "col.",
];

/// Byte offsets where `text` may break between sentences: the space after
/// `.`, `!` or `?` (and any closing quote or bracket) when the next word
/// does not start in lower case and the word is no abbreviation or
/// initial; and every line feed. Ascending.
fn sentence_breaks(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let space = b == b' ' || b == b'\t' || b == b'\n';
        if !space || i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n') {
            i += 1;
            continue;
        }
        if b == b'\n' {
            out.push(i);
            i += 1;
            continue;
        }
        let before = &text[..i];
        let word = before
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default();
        let bare = word.trim_end_matches(['"', '\'', ')', ']', '\u{201d}', '\u{2019}']);
        let ends = bare.ends_with(['.', '!', '?']);
        let lower = bare.to_lowercase();
        let abbreviation = ABBREVIATIONS.contains(&lower.as_str())
            || (bare.chars().count() == 2
                && bare.starts_with(|c: char| c.is_uppercase())
                && bare.ends_with('.'));
        let next = text[i..].trim_start().chars().next();
        let lower_next = next.is_some_and(char::is_lowercase);
        if ends && !abbreviation && !lower_next && next.is_some() {
            out.push(i);
        }
        i += 1;
    }
    out
}

/// One row of a block: its left edge, text, font size, and the height it
/// takes on the page (zero for a row that shares its line with the next).
#[derive(Clone, Debug)]
struct Row {
    x: f32,
    text: String,
    size: f32,
    height: f32,
    role: Role,
    bold: bool,
    underline: bool,
}

impl Row {
    fn new(x: f32, text: String, role: Role) -> Row {
        Row {
            x,
            text,
            size: LINE,
            height: LINE,
            role,
            bold: false,
            underline: false,
        }
    }
}

fn rows(x: f32, lines: Vec<String>, role: Role) -> Vec<Row> {
    lines
        .into_iter()
        .map(|text| Row::new(x, text, role))
        .collect()
}

/// Text that may break between its sentences: action, stage directions,
/// notes, dialogue.
#[derive(Clone, Debug)]
struct Text<'s> {
    x: f32,
    width: usize,
    text: &'s str,
    role: Role,
    /// Stage directions: wrapped in parentheses with a hanging indent.
    parens: bool,
    /// This part opens the parenthesis (it is not a continuation).
    open: bool,
    /// This part closes it (it is the end of the text).
    close: bool,
    /// Written around the text (`[NOTE: …]`).
    frame: Option<(&'static str, &'static str)>,
}

impl<'s> Text<'s> {
    fn plain(x: f32, width: usize, text: &'s str, role: Role) -> Text<'s> {
        Text {
            x,
            width,
            text,
            role,
            parens: false,
            open: true,
            close: true,
            frame: None,
        }
    }

    /// Characters a line holds: one less after the hanging parenthesis.
    fn measure(&self) -> usize {
        if self.parens {
            self.width.saturating_sub(1).max(1)
        } else {
            self.width
        }
    }

    /// Lines of `text` (at most `limit`) as this element sets them.
    fn count(&self, text: &str, limit: usize) -> usize {
        let n = wrap_at(text, self.measure(), limit).len();
        if n >= limit || (self.frame.is_none() && !self.parens) {
            return n;
        }
        // Short enough to set exactly, with the frame or parentheses.
        self.rows_of(text, self.open, self.close).len().min(limit)
    }

    /// The rows of `text` set as this element.
    fn rows_of(&self, text: &str, open: bool, close: bool) -> Vec<Row> {
        let mut body = String::new();
        if let (Some((a, _)), true) = (self.frame, open) {
            body.push_str(a);
        }
        body.push_str(text);
        if let (Some((_, b)), true) = (self.frame, close) {
            body.push_str(b);
        }
        if self.parens && close {
            body.push(')');
        }
        let lines = wrap(&body, self.measure());
        if !self.parens {
            return rows(self.x, lines, self.role);
        }
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                if i == 0 && open {
                    Row::new(self.x, format!("({line}"), self.role)
                } else {
                    Row::new(self.x + CHAR, line, self.role)
                }
            })
            .collect()
    }

    fn rows(&self) -> Vec<Row> {
        self.rows_of(self.text, self.open, self.close)
    }

    /// Lines, counted up to `limit`.
    fn lines(&self, limit: usize) -> usize {
        self.count(self.text, limit)
    }

    /// Splits between sentences so that the first part takes at most
    /// `room` lines and both parts at least `least` lines; with `anywhere`,
    /// when no sentence end serves, between lines. The largest first part
    /// wins.
    fn split(&self, room: usize, least: usize, anywhere: bool) -> Option<(Vec<Row>, Text<'s>)> {
        if room < least {
            return None;
        }
        let lines = wrap_at(self.text, self.measure(), room + 1);
        // Sentence ends on the first `room` lines.
        // (and the first character after them, so that a sentence ending a
        // line counts).
        let reach = lines.get(room).map_or(self.text.len(), |(_, at)| *at);
        let reach = self.text[reach..]
            .char_indices()
            .nth(1)
            .map_or(self.text.len(), |(i, _)| reach + i);
        let breaks = sentence_breaks(&self.text[..reach]);
        let part = |at: usize| (self.text[..at].trim_end(), self.text[at..].trim_start());
        for &at in breaks.iter().rev() {
            let (first, rest) = part(at);
            if first.is_empty() || rest.is_empty() {
                continue;
            }
            let head = self.rows_of(first, self.open, false);
            if head.len() > room || head.len() < least {
                continue;
            }
            if self.count(rest, least) < least {
                continue;
            }
            return Some((head, self.rest(rest)));
        }
        if !anywhere || lines.len() <= room {
            return None;
        }
        // Between lines: the first `room` lines, the rest from the next
        // line's first word.
        let at = lines[room].1;
        let (first, rest) = part(at);
        if first.is_empty() || rest.is_empty() {
            return None;
        }
        let head = self.rows_of(first, self.open, false);
        (head.len() <= room).then(|| (head, self.rest(rest)))
    }

    fn rest(&self, rest: &'s str) -> Text<'s> {
        Text {
            text: rest,
            open: false,
            ..self.clone()
        }
    }

    /// The height of the smallest first part that could stand at the foot
    /// of a page, in lines; all of it when it cannot split.
    fn least_head(&self, least: usize, cap: usize) -> usize {
        let total = self.lines(cap);
        if total < 2 * least {
            return total;
        }
        for at in sentence_breaks(self.text) {
            let first = self.text[..at].trim_end();
            let n = self.count(first, cap);
            if n >= least {
                return if self.count(self.text[at..].trim_start(), least) >= least {
                    n
                } else {
                    total
                };
            }
        }
        total
    }
}

/// A fight table's rows, set once and shared by its pieces.
#[derive(Debug)]
struct TableRows {
    title: Row,
    head: Vec<Row>,
    /// The lines of each table row.
    groups: Vec<Vec<Row>>,
}

/// What a block holds.
#[derive(Clone, Debug)]
enum Content<'s> {
    /// Rows that never split.
    Fixed(Vec<Row>),
    /// Text that breaks between sentences.
    Text(Text<'s>),
    /// A speech: cue and parenthetical rows, then the dialogue.
    Speech {
        head: Vec<Row>,
        cue: String,
        cue_x: f32,
        text: Text<'s>,
    },
    /// Fight-table rows from `from` on; the caption only on the first part.
    Table {
        rows: Rc<TableRows>,
        from: usize,
        caption: bool,
    },
}

/// How a block keeps with its neighbours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Keep {
    Free,
    /// Never last on a page: a heading, a shot, `FADE IN:`.
    WithNext,
    /// Never first on a page: a transition.
    WithPrevious,
}

#[derive(Clone, Debug)]
struct Block<'s> {
    content: Content<'s>,
    space: f32,
    keep: Keep,
    /// Starts a page (a stage play's scene, a `page-break`).
    new_page: bool,
    /// Goes on with the speech before it (a parenthetical in the middle of
    /// a speech): at the top of a page it takes `CUE (CONT'D)`.
    continues: bool,
    kind: Kind,
    element: usize,
    /// A stage play's act and scene, in force from this block on.
    act_scene: Option<(u32, u32)>,
}

fn height(rows: &[Row]) -> f32 {
    rows.iter().map(|r| r.height).sum()
}

impl Block<'_> {
    /// Height without the space above, counting at most `cap` lines of
    /// text.
    fn height(&self, cap: usize) -> f32 {
        match &self.content {
            Content::Fixed(rows) => height(rows),
            Content::Text(t) => t.lines(cap) as f32 * LINE,
            Content::Speech { head, text, .. } => height(head) + text.lines(cap) as f32 * LINE,
            Content::Table {
                rows,
                from,
                caption,
            } => {
                let title = if *caption { rows.title.height } else { 0.0 };
                title
                    + height(&rows.head)
                    + rows.groups[*from..].iter().map(|g| height(g)).sum::<f32>()
            }
        }
    }

    /// The height of the least part of it that may stand at the foot of a
    /// page.
    fn least_head(&self, cap: usize) -> f32 {
        match &self.content {
            Content::Fixed(_) => self.height(cap),
            Content::Text(t) => t.least_head(2, cap) as f32 * LINE,
            Content::Speech { head, text, .. } => {
                let n = text.least_head(2, cap);
                let more = if n < text.lines(cap) { LINE } else { 0.0 };
                height(head) + n as f32 * LINE + more
            }
            Content::Table {
                rows,
                from,
                caption,
            } => {
                let title = if *caption { rows.title.height } else { 0.0 };
                title + height(&rows.head) + rows.groups.get(*from).map_or(0.0, |g| height(g))
            }
        }
    }

    fn all_rows(&self) -> Vec<Row> {
        match &self.content {
            Content::Fixed(rows) => rows.clone(),
            Content::Text(t) => t.rows(),
            Content::Speech { head, text, .. } => {
                let mut out = head.clone();
                out.extend(text.rows());
                out
            }
            Content::Table {
                rows,
                from,
                caption,
            } => table_part(rows, *from, rows.groups.len(), *caption),
        }
    }

    /// The piece kind of a part of this block holding table rows `part`.
    fn piece(&self, part: Range<usize>) -> Kind {
        match (&self.kind, &self.content) {
            (Kind::Table { .. }, Content::Table { caption, .. }) => Kind::Table {
                rows: part,
                caption: *caption,
            },
            (kind, _) => kind.clone(),
        }
    }

    fn table_range(&self) -> Range<usize> {
        match &self.content {
            Content::Table { rows, from, .. } => *from..rows.groups.len(),
            _ => 0..0,
        }
    }
}

fn table_part(rows: &TableRows, from: usize, to: usize, caption: bool) -> Vec<Row> {
    let mut out = Vec::new();
    if caption {
        out.push(rows.title.clone());
    }
    out.extend(rows.head.iter().cloned());
    for group in &rows.groups[from..to] {
        out.extend(group.iter().cloned());
    }
    out
}

/// The indents of a form: left edges as offsets from the text block's left
/// edge (points), widths in characters.
struct Indents {
    cue: Option<f32>,
    paren: f32,
    paren_width: usize,
    dialogue: f32,
    dialogue_width: usize,
    direction: f32,
    direction_width: usize,
    scene_direction: f32,
    scene_direction_width: usize,
}

const SCREENPLAY: Indents = Indents {
    cue: Some(2.2 * INCH),
    paren: 1.6 * INCH,
    paren_width: 25,
    dialogue: 1.0 * INCH,
    dialogue_width: 35,
    direction: 0.0,
    direction_width: BLOCK,
    scene_direction: 0.0,
    scene_direction_width: BLOCK,
};

/// The US stage-play manuscript format (see `docs/screenplay.md`).
const STAGE: Indents = Indents {
    cue: None,
    paren: 1.5 * INCH,
    paren_width: 45,
    dialogue: 0.0,
    dialogue_width: BLOCK,
    direction: 0.5 * INCH,
    direction_width: 55,
    scene_direction: 2.0 * INCH,
    scene_direction_width: 40,
};

/// Dual dialogue: the right column's offset and each column's width.
const DUAL_RIGHT: f32 = 3.1 * INCH;
const DUAL_WIDTH: usize = 28;

/// Left edge of `text` centred on the text block.
fn centred(geo: &Geometry, text: &str) -> f32 {
    geo.left + (BLOCK as f32 - emphasis::width(text) as f32) * CHAR / 2.0
}

/// A stage heading read as act, scene and place: `ACT ONE, SCENE TWO. THE
/// SHIP INN` gives `ACT ONE`, `SCENE TWO`, `THE SHIP INN`.
#[derive(Debug, Default, PartialEq)]
struct StageHeading<'s> {
    act: Option<&'s str>,
    scene: Option<&'s str>,
    place: &'s str,
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '.' | ':' | ';' | '-' | '\u{2013}' | '\u{2014}')
}

/// `WORD NUMBER` at the start of `text` (case-insensitive), and the rest.
fn numbered<'s>(text: &'s str, word: &str) -> Option<(&'s str, &'s str)> {
    let head = text.get(..word.len())?;
    if !head.eq_ignore_ascii_case(word) {
        return None;
    }
    let after = &text[word.len()..];
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let number = after.trim_start();
    let end = number.find(is_separator).unwrap_or(number.len());
    if end == 0 {
        return None;
    }
    let label_end = text.len() - number.len() + end;
    Some((
        &text[..label_end],
        text[label_end..].trim_start_matches(is_separator),
    ))
}

fn stage_heading(text: &str) -> StageHeading<'_> {
    let mut out = StageHeading {
        place: text,
        ..StageHeading::default()
    };
    let mut rest = text.trim();
    if let Some((act, after)) = numbered(rest, "ACT") {
        out.act = Some(act);
        rest = after;
    }
    if let Some((scene, after)) = numbered(rest, "SCENE") {
        out.scene = Some(scene);
        rest = after;
    }
    out.place = rest.trim();
    out
}

/// The number in `ACT TWO`, `SCENE 3`, `ACT IV`.
fn label_number(label: &str) -> Option<u32> {
    let word = label.split_whitespace().nth(1)?.to_uppercase();
    if let Ok(n) = word.parse::<u32>() {
        return Some(n);
    }
    const WORDS: [&str; 20] = [
        "ONE",
        "TWO",
        "THREE",
        "FOUR",
        "FIVE",
        "SIX",
        "SEVEN",
        "EIGHT",
        "NINE",
        "TEN",
        "ELEVEN",
        "TWELVE",
        "THIRTEEN",
        "FOURTEEN",
        "FIFTEEN",
        "SIXTEEN",
        "SEVENTEEN",
        "EIGHTEEN",
        "NINETEEN",
        "TWENTY",
    ];
    if let Some(i) = WORDS.iter().position(|w| *w == word) {
        return Some(i as u32 + 1);
    }
    (1..=40).find(|&n| roman(n) == word)
}

/// `n` in Roman numerals.
fn roman(mut n: u32) -> String {
    let mut out = String::new();
    for (value, digits) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// A transition that opens what follows (`FADE IN:`) rather than closing
/// what precedes.
pub fn opening(transition: &str) -> bool {
    transition.trim_end().ends_with("IN:")
}

/// A speech's blocks: the cue, its parenthetical and dialogue, then one
/// block for each later part (a parenthetical in the middle of the speech
/// and what follows it), set with no space above and marked `continues`, so
/// that a page break before it prints (MORE) and `CUE (CONT'D)`.
fn speech_blocks<'s>(
    geo: &Geometry,
    indents: &Indents,
    s: &'s Speech,
    element: usize,
) -> Vec<Block<'s>> {
    let cue = s.cue_line();
    let cue_x = match indents.cue {
        Some(x) => geo.left + x,
        None => centred(geo, &cue),
    };
    let paren_rows = |p: &'s str| {
        Text {
            parens: true,
            ..Text::plain(
                geo.left + indents.paren,
                indents.paren_width,
                p.trim_matches(['(', ')']),
                Role::Parenthetical,
            )
        }
        .rows()
    };
    let said = |text: &'s str| {
        Text::plain(
            geo.left + indents.dialogue,
            indents.dialogue_width,
            text,
            Role::Dialogue,
        )
    };
    let mut head = vec![Row::new(cue_x, cue.clone(), Role::Cue)];
    if let Some(p) = &s.parenthetical {
        head.extend(paren_rows(p));
    }
    let first = Block {
        content: Content::Speech {
            head,
            cue: cue.clone(),
            cue_x,
            text: said(&s.text),
        },
        space: LINE,
        keep: Keep::Free,
        new_page: false,
        continues: false,
        kind: Kind::Speech,
        element,
        act_scene: None,
    };
    let mut out = vec![first];
    for (p, text) in &s.more {
        out.push(Block {
            content: Content::Speech {
                head: paren_rows(p),
                cue: cue.clone(),
                cue_x,
                text: said(text),
            },
            space: 0.0,
            continues: true,
            ..out[0].clone()
        });
    }
    out
}

fn dual_rows(geo: &Geometry, left: &Speech, right: &Speech) -> Vec<Row> {
    let col = |s: &Speech, x: f32| {
        let mut out = vec![Row::new(x + CHAR * 6.0, s.cue_line(), Role::Cue)];
        let paren = |p: &str| {
            Text {
                parens: true,
                ..Text::plain(
                    x + CHAR * 2.0,
                    DUAL_WIDTH - 2,
                    p.trim_matches(['(', ')']),
                    Role::Parenthetical,
                )
            }
            .rows()
        };
        if let Some(p) = &s.parenthetical {
            out.extend(paren(p));
        }
        out.extend(rows(x, wrap(&s.text, DUAL_WIDTH), Role::Dialogue));
        for (p, text) in &s.more {
            out.extend(paren(p));
            out.extend(rows(x, wrap(text, DUAL_WIDTH), Role::Dialogue));
        }
        out
    };
    let (l, r) = (col(left, geo.left), col(right, geo.left + DUAL_RIGHT));
    // Side by side: rows pair up; the left row of a pair takes no height.
    let mut out = Vec::new();
    for i in 0..l.len().max(r.len()) {
        if let Some(row) = l.get(i) {
            out.push(Row {
                height: if r.get(i).is_some() { 0.0 } else { LINE },
                ..row.clone()
            });
        }
        if let Some(row) = r.get(i) {
            out.push(row.clone());
        }
    }
    out
}

/// The least width of the Notes column, in characters, when its notes
/// are wider: a camera note wraps to a few lines, not a word a line.
const NOTES_MIN: usize = 20;

/// The column widths of a fight table, in characters, shared by every part
/// of one fight (`parts`): each column as wide as its widest cell and the
/// notes taking what is left of the 90. When the cells are wider than the
/// text block, the widest columns give way first, down to their heading's
/// longest word (or six characters), until the notes have at least
/// [`NOTES_MIN`]; the cells then wrap within their columns.
pub fn table_widths<'t>(parts: impl IntoIterator<Item = &'t FightTable>) -> [usize; 9] {
    let mut widths: [usize; 9] = HEADINGS.map(|h| h.chars().count());
    for row in parts.into_iter().flat_map(|t| &t.rows) {
        for (i, cell) in row.cells().iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let floors: [usize; 9] = std::array::from_fn(|i| {
        let word = HEADINGS[i]
            .split_whitespace()
            .map(|w| w.chars().count())
            .max();
        word.unwrap_or(1).max(widths[i].min(6))
    });
    let room = TABLE_WIDTH - 2 * (HEADINGS.len() - 1);
    let notes = widths[8].min(NOTES_MIN).max(floors[8]);
    while widths[..8].iter().sum::<usize>() + notes > room {
        let Some(widest) = (0..8)
            .filter(|&i| widths[i] > floors[i])
            .max_by_key(|&i| (widths[i], i))
        else {
            break;
        };
        widths[widest] -= 1;
    }
    widths[8] = room.saturating_sub(widths[..8].iter().sum()).max(notes);
    widths
}

/// The column widths of each fight table of a screenplay, by the table's
/// element: kept for the tables only (a list sorted by element), not for
/// every element, since a long screenplay has a hundred thousand.
#[derive(Clone, Debug, Default)]
pub struct FightWidths(Vec<(usize, [usize; 9])>);

impl FightWidths {
    /// The widths of the table at `element`; zero for any other element.
    pub fn of(&self, element: usize) -> [usize; 9] {
        match self.0.binary_search_by_key(&element, |&(e, _)| e) {
            Ok(i) => self.0[i].1,
            Err(_) => [0; 9],
        }
    }
}

/// The column widths of each fight table in `elements`: the parts of one
/// fight, from the part that opens it to the next, share theirs.
pub fn fight_widths(elements: &[Element]) -> FightWidths {
    let mut out = Vec::new();
    let mut i = 0;
    while i < elements.len() {
        let Element::FightTable(first) = &elements[i] else {
            i += 1;
            continue;
        };
        // The parts are this one and every later part up to the next that
        // opens a fight.
        let mut parts = vec![(i, first)];
        let mut j = i + 1;
        while j < elements.len() {
            if let Element::FightTable(t) = &elements[j] {
                if t.opens {
                    break;
                }
                parts.push((j, t));
            }
            j += 1;
        }
        let widths = table_widths(parts.iter().map(|(_, t)| &***t));
        out.extend(parts.iter().map(|&(k, _)| (k, widths)));
        i = j;
    }
    FightWidths(out)
}

/// The cells of one table row wrapped to their columns: one list of lines
/// per cell.
pub fn table_cells(cells: &[String], widths: &[usize; 9]) -> Vec<Vec<String>> {
    cells.iter().zip(widths).map(|(c, w)| wrap(c, *w)).collect()
}

fn table_rows(geo: &Geometry, table: &FightTable, widths: [usize; 9]) -> TableRows {
    let line = |cells: &[String]| -> Vec<String> {
        let wrapped = table_cells(cells, &widths);
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        (0..height)
            .map(|i| {
                wrapped
                    .iter()
                    .zip(&widths)
                    .map(|(lines, w)| {
                        format!("{:<w$}", lines.get(i).map_or("", String::as_str), w = *w)
                    })
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_owned()
            })
            .collect()
    };
    let small = |text: String, role| Row {
        size: TABLE_SIZE,
        height: TABLE_LINE,
        ..Row::new(geo.left, text, role)
    };
    let title = Row {
        height: LINE * 2.0,
        ..Row::new(
            geo.left,
            format!("FIGHT SCRIPT: {}", table.title),
            Role::TableTitle,
        )
    };
    let head_cells: Vec<String> = HEADINGS.iter().map(|h| (*h).to_owned()).collect();
    let mut head: Vec<Row> = line(&head_cells)
        .into_iter()
        .map(|t| small(t, Role::TableHead))
        .collect();
    head.push(small("-".repeat(TABLE_WIDTH), Role::TableRule));
    let groups = table
        .rows
        .iter()
        .map(|r| {
            line(&r.cells())
                .into_iter()
                .map(|t| small(t, Role::TableRow))
                .collect()
        })
        .collect();
    TableRows {
        title,
        head,
        groups,
    }
}

/// Makes the blocks of a screenplay's elements, one element at a time, for
/// [`layout_each`] to place as they come.
struct Blocks<'s, 'g> {
    screenplay: &'s Screenplay,
    geo: &'g Geometry,
    stage: bool,
    indents: &'static Indents,
    /// The act in force (a stage play).
    act: Option<u32>,
    /// Scenes so far (a stage play).
    scene_count: u32,
    widths: FightWidths,
    /// A `page-break` was met: the next block made starts a new page.
    page_break: bool,
}

impl<'s, 'g> Blocks<'s, 'g> {
    fn new(screenplay: &'s Screenplay, geo: &'g Geometry) -> Blocks<'s, 'g> {
        let stage = screenplay.form == Form::StagePlay;
        Blocks {
            screenplay,
            geo,
            stage,
            indents: if stage { &STAGE } else { &SCREENPLAY },
            act: None,
            scene_count: 0,
            widths: fight_widths(&screenplay.elements),
            page_break: false,
        }
    }

    /// Appends the blocks of element `element` to `out`.
    fn element(&mut self, element: usize, out: &mut VecDeque<Block<'s>>) {
        let first = out.len();
        self.make(element, out);
        if self.page_break && out.len() > first {
            out[first].new_page = true;
            self.page_break = false;
        }
    }

    fn make(&mut self, element: usize, out: &mut VecDeque<Block<'s>>) {
        let (geo, indents, stage) = (self.geo, self.indents, self.stage);
        let Some(e) = self.screenplay.elements.get(element) else {
            return;
        };
        let block = |content, keep, kind| Block {
            content,
            space: LINE,
            keep,
            new_page: false,
            continues: false,
            kind,
            element,
            act_scene: None,
        };
        let direction = |text: &'s str, scene: bool| {
            let (x, width) = if scene {
                (indents.scene_direction, indents.scene_direction_width)
            } else {
                (indents.direction, indents.direction_width)
            };
            Text {
                parens: !scene,
                ..Text::plain(geo.left + x, width, text, Role::Direction)
            }
        };
        match e {
            Element::SceneHeading { text, .. } if stage => {
                let heading = stage_heading(text);
                self.scene_count += 1;
                let act_number = heading.act.and_then(label_number);
                let scene_number = heading
                    .scene
                    .and_then(label_number)
                    .unwrap_or(self.scene_count);
                let mut r = Vec::new();
                if let Some(a) = heading.act
                    && act_number.is_none_or(|n| self.act != Some(n))
                {
                    let a = a.to_uppercase();
                    r.push(Row {
                        underline: true,
                        ..Row::new(centred(geo, &a), a, Role::Act)
                    });
                    if heading.scene.is_some() {
                        r.push(Row::new(geo.left, String::new(), Role::Act));
                    }
                }
                if let Some(s) = heading.scene {
                    let s = s.to_uppercase();
                    r.push(Row::new(centred(geo, &s), s, Role::Act));
                }
                if heading.act.is_none() && heading.scene.is_none() {
                    for line in wrap(heading.place, BLOCK) {
                        r.push(Row::new(centred(geo, &line), line, Role::Act));
                    }
                }
                if let Some(n) = act_number {
                    self.act = Some(n);
                }
                let placed = heading.act.is_some() || heading.scene.is_some();
                out.push_back(Block {
                    new_page: true,
                    act_scene: self.act.map(|a| (a, scene_number)),
                    ..block(Content::Fixed(r), Keep::WithNext, Kind::StageHeading)
                });
                if placed && !heading.place.is_empty() {
                    out.push_back(block(
                        Content::Text(direction(heading.place, true)),
                        Keep::Free,
                        Kind::Direction { scene: true },
                    ));
                }
            }
            Element::SceneHeading { text, number } => {
                let mut r = rows(geo.left, wrap(text, BLOCK), Role::Heading);
                if let Some(n) = number {
                    let n = n.to_string();
                    let left = geo.left - CHAR * (n.len() + 2) as f32;
                    let right = geo.right() + CHAR * 2.0;
                    let number = |x: f32| Row {
                        height: 0.0,
                        ..Row::new(x, n.clone(), Role::SceneNumber)
                    };
                    r.splice(0..0, [number(left), number(right)]);
                }
                out.push_back(block(Content::Fixed(r), Keep::WithNext, Kind::Heading));
            }
            Element::Action(text) if stage => out.push_back(block(
                Content::Text(direction(text, false)),
                Keep::Free,
                Kind::Direction { scene: false },
            )),
            Element::Action(text) => out.push_back(block(
                Content::Text(Text::plain(geo.left, BLOCK, text, Role::Action)),
                Keep::Free,
                Kind::Action,
            )),
            Element::Shot(text) if stage => out.push_back(block(
                Content::Fixed(direction(text, false).rows()),
                Keep::WithNext,
                Kind::Direction { scene: false },
            )),
            Element::Shot(text) => out.push_back(block(
                Content::Fixed(rows(geo.left, wrap(text, BLOCK), Role::Shot)),
                Keep::WithNext,
                Kind::Shot,
            )),
            Element::Note(text) => out.push_back(block(
                Content::Text(Text {
                    frame: Some(("[NOTE: ", "]")),
                    ..Text::plain(geo.left, BLOCK, text, Role::Note)
                }),
                Keep::Free,
                Kind::Note,
            )),
            Element::Transition(text) => {
                let open = opening(text);
                let keep = if open {
                    Keep::WithNext
                } else {
                    Keep::WithPrevious
                };
                if stage {
                    out.push_back(block(
                        Content::Fixed(direction(text, false).rows()),
                        keep,
                        Kind::Direction { scene: false },
                    ));
                    return;
                }
                let x = if open {
                    geo.left
                } else {
                    (geo.right() - CHAR * text.chars().count() as f32).max(geo.left)
                };
                out.push_back(block(
                    Content::Fixed(vec![Row::new(x, text.clone(), Role::Transition)]),
                    keep,
                    Kind::Transition { opening: open },
                ));
            }
            Element::Centered(text) => {
                let r = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .flat_map(|l| wrap(l, BLOCK))
                    .map(|line| Row::new(centred(geo, &line), line, Role::Centered))
                    .collect();
                out.push_back(block(Content::Fixed(r), Keep::Free, Kind::Centered));
            }
            // Lyrics stand where dialogue does, in italics.
            Element::Lyric(text) => out.push_back(block(
                Content::Text(Text::plain(
                    geo.left + indents.dialogue,
                    indents.dialogue_width,
                    text,
                    Role::Lyric,
                )),
                Keep::Free,
                Kind::Lyric,
            )),
            Element::PageBreak => self.page_break = true,
            // The outline is not printed.
            Element::Section { .. } | Element::Synopsis(_) => {}
            Element::Dialogue(s) => out.extend(speech_blocks(geo, indents, s, element)),
            Element::DualDialogue(left, right) => out.push_back(block(
                Content::Fixed(dual_rows(geo, left, right)),
                Keep::Free,
                Kind::Dual,
            )),
            // The `FIGHT SCRIPT:` title over the fight's first part only;
            // later parts keep the header row.
            Element::FightTable(table) => out.push_back(block(
                Content::Table {
                    rows: Rc::new(table_rows(geo, table, self.widths.of(element))),
                    from: 0,
                    caption: table.opens,
                },
                Keep::Free,
                Kind::Table {
                    rows: 0..table.rows.len(),
                    caption: table.opens,
                },
            )),
        }
    }
}

/// Places rows on pages, and hands each page on, numbered, as soon as the
/// next one starts: a long script's pages are never held together.
struct Pager<'h> {
    geo: Geometry,
    stage: bool,
    /// The page being filled.
    page: Page,
    /// The act and scene in force when the page's first piece began.
    label: Option<(u32, u32)>,
    /// How many body pages were handed on before this one.
    done: usize,
    y: f32,
    /// The act and scene in force.
    act_scene: Option<(u32, u32)>,
    /// Where finished pages go.
    hand: &'h mut dyn FnMut(Page) -> std::io::Result<()>,
    /// The first error `hand` gave; nothing is handed on after it.
    error: Option<std::io::Error>,
}

impl Pager<'_> {
    /// Numbers the page being filled (from the second body page: `2.`, or
    /// a stage play's `I-1-2`) and hands it on.
    fn finish_page(&mut self) {
        let mut page = std::mem::take(&mut self.page);
        let number = self.done + 1;
        self.done += 1;
        if number >= 2 {
            let text = match self.label {
                Some((act, scene)) if self.stage => format!("{}-{scene}-{number}", roman(act)),
                _ => format!("{number}."),
            };
            let x = self.geo.right() - CHAR * text.chars().count() as f32;
            page.lines.insert(
                0,
                Line {
                    x,
                    y: 0.5 * INCH + LINE,
                    text,
                    size: LINE,
                    bold: false,
                    underline: false,
                    role: Role::PageNumber,
                    piece: usize::MAX,
                },
            );
        }
        self.label = None;
        if self.error.is_none()
            && let Err(error) = (self.hand)(page)
        {
            self.error = Some(error);
        }
    }

    fn new_page(&mut self) {
        self.finish_page();
        self.y = self.geo.top;
    }

    fn page(&mut self) -> &mut Page {
        &mut self.page
    }

    fn at_top(&self) -> bool {
        self.y <= self.geo.top + 0.01
    }

    fn room(&self) -> f32 {
        self.geo.bottom() - self.y
    }

    /// Starts a piece on this page.
    fn begin(&mut self, kind: Kind, element: usize, space: f32) {
        self.y += space;
        self.page().pieces.push(Piece {
            kind,
            element,
            space_before: space,
        });
        if self.label.is_none() {
            self.label = self.act_scene;
        }
    }

    /// Places a row: its baseline one font size below the pen, then the pen
    /// moves down by the row's height.
    fn put(&mut self, row: &Row) {
        let page = self.page();
        let piece = page.pieces.len().saturating_sub(1);
        let y = self.y + row.size;
        self.page().lines.push(Line {
            x: row.x,
            y,
            text: row.text.clone(),
            size: row.size,
            bold: row.bold,
            underline: row.underline,
            role: row.role,
            piece,
        });
        self.y += row.height;
    }

    fn put_all(&mut self, rows: &[Row]) {
        for row in rows {
            self.put(row);
        }
    }

    /// Places rows from here on, breaking to new pages as needed (a block
    /// that cannot split and is taller than a page).
    fn flow(&mut self, kind: &Kind, element: usize, rows: &[Row]) {
        for row in rows {
            if row.height > self.room() && !self.at_top() {
                self.new_page();
                self.begin(kind.clone(), element, 0.0);
            }
            self.put(row);
        }
    }
}

/// What must follow block `k` of `queue` at the foot of a page, at most
/// `limit`: a chain of blocks that keep with the next, then the least head
/// of the first that does not. Makes more blocks (`more`, false when there
/// are no more) as far as the chain goes, which is never far: each link
/// adds at least a line, and the sum stops at `limit`, a page.
///
/// The same sum, in the same order, as a walk back from the end of the
/// document gives: `lead(k) = min(height(k) + space(k+1) + lead(k+1),
/// limit)` along the chain.
fn lead<'s>(
    queue: &mut VecDeque<Block<'s>>,
    more: &mut impl FnMut(&mut VecDeque<Block<'s>>) -> bool,
    k: usize,
    cap: usize,
    limit: f32,
) -> f32 {
    // Each link's height and the space after it, in order.
    let mut links: Vec<f32> = Vec::new();
    let mut sum = 0.0f32;
    let mut j = k;
    let last = loop {
        while queue.len() < j + 2 && more(queue) {}
        let b = &queue[j];
        if b.keep == Keep::WithNext && j + 1 < queue.len() {
            let link = b.height(cap) + queue[j + 1].space;
            links.push(link);
            sum += link;
            if sum >= limit {
                // Every later term only adds: the minimum is the limit.
                return limit;
            }
            j += 1;
        } else {
            break b.least_head(cap);
        }
    };
    links
        .iter()
        .rev()
        .fold(last.min(limit), |acc, link| (link + acc).min(limit))
}

/// Places one block: whole where it fits (with `after`, the least of what
/// must follow it when it keeps with the next, and `reserve`, the next block
/// when that keeps with this one), else split at a page break, as often as
/// it takes.
fn place(pager: &mut Pager, block: &Block<'_>, after: f32, reserve: f32) {
    if block.new_page && !pager.at_top() {
        pager.new_page();
    }
    if block.act_scene.is_some() {
        pager.act_scene = block.act_scene;
    }
    let cap = pager.geo.lines + 2;
    let mut block = block.clone();
    loop {
        let top = pager.at_top();
        // A later part of a speech that opens a page takes the cue again.
        if block.continues && top {
            continued_cue(&mut block);
        }
        let space = if top { 0.0 } else { block.space };
        let room = pager.room() - space;
        let whole = block.height(cap);
        if block.keep == Keep::WithNext {
            if whole + after > room + 0.01 && !top {
                pager.new_page();
                continue;
            }
            pager.begin(block.piece(block.table_range()), block.element, space);
            pager.flow(&block.kind, block.element, &block.all_rows());
            return;
        }
        let fits = whole <= room + 0.01;
        if fits && whole + reserve <= room + 0.01 {
            pager.begin(block.piece(block.table_range()), block.element, space);
            pager.put_all(&block.all_rows());
            return;
        }
        // Split here: what fits (leaving the next block's room when this
        // one would fit alone), the rest on the next page.
        let limit = if fits { room - reserve } else { room };
        match split(&block, limit, top) {
            Some((rows, part, rest)) => {
                pager.begin(block.piece(part), block.element, space);
                pager.put_all(&rows);
                pager.new_page();
                block = rest;
                // The rest carries its own `CUE (CONT'D)`.
                block.continues = false;
            }
            None if !top => {
                if block.continues {
                    more(pager, &block);
                }
                pager.new_page();
            }
            None => {
                pager.begin(block.piece(block.table_range()), block.element, space);
                pager.flow(&block.kind, block.element, &block.all_rows());
                return;
            }
        }
    }
}

/// `CUE (CONT'D)` over a later part of a speech that opens a page; after
/// that it no longer goes on from the page before.
fn continued_cue(block: &mut Block<'_>) {
    if let Content::Speech {
        head, cue, cue_x, ..
    } = &mut block.content
    {
        head.insert(0, Row::new(*cue_x, format!("{cue} (CONT'D)"), Role::Cue));
    }
    block.continues = false;
}

/// (MORE) at the foot of the page, under the part of the speech before
/// `block`, when a line is left for it.
fn more(pager: &mut Pager, block: &Block<'_>) {
    if let Content::Speech { cue_x, .. } = &block.content
        && pager.room() >= LINE - 0.01
    {
        pager.begin(Kind::Speech, block.element, 0.0);
        pager.put(&Row::new(*cue_x, "(MORE)".into(), Role::More));
    }
}

/// Splits a block so that its first part takes at most `room` points:
/// the first part's rows and table rows, and the rest. At the top of a page
/// (`top`) a block that has no sentence end to break at breaks between
/// lines.
fn split<'s>(
    block: &Block<'s>,
    room: f32,
    top: bool,
) -> Option<(Vec<Row>, Range<usize>, Block<'s>)> {
    let lines = |points: f32| (points / LINE + 0.01).floor().max(0.0) as usize;
    let least = if top { 1 } else { 2 };
    match &block.content {
        Content::Fixed(_) => None,
        Content::Text(t) => {
            let (rows, rest) = t.split(lines(room), least, top)?;
            Some((
                rows,
                0..0,
                Block {
                    content: Content::Text(rest),
                    ..block.clone()
                },
            ))
        }
        Content::Speech {
            head,
            cue,
            cue_x,
            text,
        } => {
            // Room for the dialogue after the cue and parenthetical, less
            // the (MORE) line.
            let (said, rest) = text.split(lines(room - height(head) - LINE), least, top)?;
            let mut rows = head.clone();
            rows.extend(said);
            rows.push(Row::new(*cue_x, "(MORE)".into(), Role::More));
            let contd = format!("{cue} (CONT'D)");
            Some((
                rows,
                0..0,
                Block {
                    content: Content::Speech {
                        head: vec![Row::new(*cue_x, contd, Role::Cue)],
                        cue: cue.clone(),
                        cue_x: *cue_x,
                        text: rest,
                    },
                    space: 0.0,
                    ..block.clone()
                },
            ))
        }
        Content::Table {
            rows,
            from,
            caption,
        } => {
            let mut used = if *caption { rows.title.height } else { 0.0 } + height(&rows.head);
            let mut to = *from;
            while to < rows.groups.len() && used + height(&rows.groups[to]) <= room + 0.01 {
                used += height(&rows.groups[to]);
                to += 1;
            }
            if to == *from || to == rows.groups.len() {
                return None;
            }
            Some((
                table_part(rows, *from, to, *caption),
                *from..to,
                Block {
                    content: Content::Table {
                        rows: rows.clone(),
                        from: to,
                        caption: false,
                    },
                    space: 0.0,
                    ..block.clone()
                },
            ))
        }
    }
}

/// Lays `screenplay` out on pages of `paper`.
pub fn layout(screenplay: &Screenplay, paper: Paper) -> Document {
    let mut pages = Vec::new();
    let geometry = Geometry::of(paper);
    let result = layout_each(screenplay, paper, &mut |page| {
        pages.push(page);
        Ok(())
    });
    debug_assert!(result.is_ok(), "collecting pages cannot fail");
    Document {
        geometry,
        form: screenplay.form,
        width: geometry.width,
        height: geometry.height,
        pages,
        title_page: !screenplay.title_page.is_empty(),
    }
}

/// Lays out `screenplay` as [`layout`] does, handing each page to `hand`
/// as soon as it is done (the title page first, when the script has one),
/// so that a writer need not hold the document whole. Stops at the first
/// error `hand` returns, and returns it.
pub fn layout_each<'s>(
    screenplay: &'s Screenplay,
    paper: Paper,
    hand: &mut dyn FnMut(Page) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let geo = Geometry::of(paper);
    if !screenplay.title_page.is_empty() {
        hand(self::title_page(screenplay, &geo))?;
    }
    let mut pager = Pager {
        geo,
        stage: screenplay.form == Form::StagePlay,
        page: Page::default(),
        label: None,
        done: 0,
        y: geo.top,
        act_scene: None,
        hand,
        error: None,
    };
    let mut blocks = Blocks::new(screenplay, &geo);
    let cap = geo.lines + 2;
    // The blocks made and not yet placed: the one to place, then as many
    // as it takes to know what must follow it (see [`lead`]).
    let mut queue: VecDeque<Block<'s>> = VecDeque::new();
    let mut made = 0;
    let mut more = |queue: &mut VecDeque<Block<'s>>| {
        if made < screenplay.elements.len() {
            blocks.element(made, queue);
            made += 1;
            true
        } else {
            false
        }
    };
    loop {
        while queue.len() < 2 && more(&mut queue) {}
        if queue.is_empty() || pager.error.is_some() {
            break;
        }
        let (after, reserve) = if queue.len() > 1 {
            let lead = lead(&mut queue, &mut more, 1, cap, geo.lines as f32 * LINE);
            let next = &queue[1];
            let reserve = if next.keep == Keep::WithPrevious {
                next.space + next.height(cap)
            } else {
                0.0
            };
            (next.space + lead, reserve)
        } else {
            (0.0, 0.0)
        };
        place(&mut pager, &queue[0], after, reserve);
        queue.pop_front();
    }
    pager.finish_page();
    match pager.error {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

fn title_page(screenplay: &Screenplay, geo: &Geometry) -> Page {
    let mut page = Page::default();
    let stage = screenplay.form == Form::StagePlay;
    let centre = |text: &str| (geo.width - CHAR * emphasis::width(text) as f32) / 2.0;
    let values = |keys: &[TitleKey]| -> Vec<(usize, TitleKey, &str)> {
        screenplay
            .title_page
            .iter()
            .enumerate()
            .filter(|(_, (k, _))| keys.contains(k))
            .map(|(i, (k, v))| (i, *k, v.as_str()))
            .collect()
    };
    // The bottom blocks stand on the bottom margin and grow upwards; the
    // centred block starts a third of the way down and stops above them.
    let left: Vec<_> = values(&[TitleKey::Contact, TitleKey::Copyright])
        .into_iter()
        .map(|(i, _, v)| (i, wrap(v, 30)))
        .collect();
    let right: Vec<_> = values(&[TitleKey::Draft, TitleKey::Notes])
        .into_iter()
        .map(|(i, _, v)| (i, wrap(v, 30)))
        .collect();
    let count =
        |blocks: &[(usize, Vec<String>)]| blocks.iter().map(|(_, l)| l.len()).sum::<usize>();
    let foot = geo.top + geo.lines as f32 * LINE;
    let tallest = count(&left).max(count(&right)).min(geo.lines / 2);
    let floor = foot - tallest as f32 * LINE - LINE;
    let mut y = 3.5 * INCH;
    for (i, key, value) in values(&[
        TitleKey::Title,
        TitleKey::Credit,
        TitleKey::Author,
        TitleKey::Source,
    ]) {
        let title = key == TitleKey::Title;
        let text = if title {
            value.to_uppercase()
        } else {
            value.to_owned()
        };
        page.pieces.push(Piece {
            kind: Kind::TitleMain,
            element: i,
            space_before: 0.0,
        });
        let piece = page.pieces.len() - 1;
        for line in wrap(&text, 50) {
            if y > floor {
                break;
            }
            page.lines.push(Line {
                x: centre(&line),
                y,
                text: line,
                size: LINE,
                bold: title && !stage,
                underline: title && stage,
                role: if title { Role::Title } else { Role::TitleText },
                piece,
            });
            y += LINE;
        }
        y += if title { LINE * 3.0 } else { LINE };
    }
    for (blocks, kind) in [(left, Kind::TitleLeft), (right, Kind::TitleRight)] {
        let mut y = foot - (count(&blocks).min(geo.lines / 2) as f32 - 1.0) * LINE;
        for (i, lines) in blocks {
            page.pieces.push(Piece {
                kind: kind.clone(),
                element: i,
                space_before: 0.0,
            });
            let piece = page.pieces.len() - 1;
            for line in lines {
                if y > foot + 0.01 {
                    break;
                }
                let x = if kind == Kind::TitleLeft {
                    geo.left
                } else {
                    geo.right() - CHAR * emphasis::width(&line) as f32
                };
                page.lines.push(Line {
                    x,
                    y,
                    text: line,
                    size: LINE,
                    bold: false,
                    underline: false,
                    role: Role::TitleText,
                    piece,
                });
                y += LINE;
            }
        }
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`lead`], made block by block as the layout goes, is what the walk
    /// back from the end of a whole list of blocks gave, for every block of
    /// a long screenplay (headings, shots and `FADE IN:` keep with the
    /// next) and of a stage play, on both papers.
    #[test]
    fn lead_as_blocks_come_is_lead_from_the_end() {
        for source in [
            crate::generate::screenplay(40, 7, 3),
            crate::generate::screenplay(12, 0, 5).replace("production screen", "production stage"),
        ] {
            let checked = crate::check(&source);
            let model = checked.model();
            let play = super::super::build(&model, Default::default());
            for paper in [Paper::Letter, Paper::A4] {
                let geo = Geometry::of(paper);
                let cap = geo.lines + 2;
                let limit = geo.lines as f32 * LINE;
                let mut maker = Blocks::new(&play, &geo);
                let mut all = VecDeque::new();
                for e in 0..play.elements.len() {
                    maker.element(e, &mut all);
                }
                assert!(all.len() > 100, "{} blocks", all.len());
                let all: Vec<Block<'_>> = all.into();
                let mut from_end = vec![0.0f32; all.len() + 1];
                for i in (0..all.len()).rev() {
                    let b = &all[i];
                    from_end[i] = if b.keep == Keep::WithNext && i + 1 < all.len() {
                        b.height(cap) + all[i + 1].space + from_end[i + 1]
                    } else {
                        b.least_head(cap)
                    }
                    .min(limit);
                }
                for (k, want) in from_end.iter().take(all.len()).enumerate() {
                    // Only the blocks from k on are at hand, made on demand.
                    let mut queue: VecDeque<Block<'_>> = VecDeque::new();
                    let mut next = k;
                    let mut more = |q: &mut VecDeque<_>| {
                        let made = all.get(next).cloned();
                        next += 1;
                        made.map(|b| q.push_back(b)).is_some()
                    };
                    more(&mut queue);
                    assert_eq!(
                        lead(&mut queue, &mut more, 0, cap, limit),
                        *want,
                        "block {k}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_long_word_breaks_after_a_hyphen_and_never_before_punctuation() {
        assert_eq!(
            wrap("overhand-shoulder-roll", 12),
            vec!["overhand-", "shoulder-", "roll"]
        );
        assert_eq!(wrap("close-up,", 8), vec!["close-", "up,"]);
        assert_eq!(wrap("abcdefgh,", 8), vec!["abcdefg", "h,"]);
    }

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(
            wrap("one two three four", 9),
            vec!["one two", "three", "four"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
        let at: Vec<usize> = wrap_at("one two three", 7, 9).iter().map(|l| l.1).collect();
        assert_eq!(at, [0, 8]);
    }

    #[test]
    fn sentences_end_where_a_reader_ends_them() {
        let text = "He falls. Mr. Drago waits! The count: one, two... six. \"Up!\" she says. Go";
        let parts: Vec<&str> = sentence_breaks(text)
            .iter()
            .map(|&i| text[..i].rsplit(' ').next().unwrap_or(""))
            .collect();
        assert_eq!(parts, ["falls.", "waits!", "six.", "says."]);
    }

    #[test]
    fn stage_headings_read_as_act_scene_and_place() {
        let h = stage_heading("ACT ONE, SCENE TWO. THE SHIP INN, LATE");
        assert_eq!(h.act, Some("ACT ONE"));
        assert_eq!(h.scene, Some("SCENE TWO"));
        assert_eq!(h.place, "THE SHIP INN, LATE");
        assert_eq!(label_number("ACT IV"), Some(4));
        assert_eq!(label_number("SCENE 12"), Some(12));
        let h = stage_heading("THE BAR");
        assert_eq!((h.act, h.scene, h.place), (None, None, "THE BAR"));
        assert_eq!(stage_heading("ACTION STATIONS").act, None);
    }
}
