//! A Final Draft (FDX) reader: the XML of a screenplay as the elements the
//! Fountain reader gives ([`Document`]), each with the line of the XML its
//! paragraph starts on, plus the decisions taken.
//!
//! What Final Draft (8 to 13) and the tools that write its format put in a
//! file, and what is read of it:
//!
//! - `FinalDraft/Content`: one `Paragraph` per element, with its `Type`
//!   (Scene Heading, Action, Character, Parenthetical, Dialogue,
//!   Transition, Shot, General, Lyrics), `Number` on a scene heading,
//!   `Alignment` and `StartsNewPage`; its text in `Text` runs, each with a
//!   `Style` (`Bold+Italic+Underline+AllCaps`, …);
//! - dual dialogue: a paragraph (a `General` one in Final Draft's own
//!   files) holding a `DualDialogue` that holds both speeches' paragraphs;
//! - script notes: a `ScriptNote` inside the paragraph it hangs on (Final
//!   Draft 8 to 10), or all of them in `FinalDraft/ScriptNotes`, placed by
//!   character ranges (11 and later), which are not read;
//! - `FinalDraft/TitlePage/Content`: free paragraphs, placed by alignment
//!   and empty paragraphs; the title-page fields are guessed from them (see
//!   [`title_page`]);
//! - the rest (`SceneProperties`, `OmittedScene`, `ElementSettings`,
//!   `SmartType`, `HeaderAndFooter`, …) is layout and bookkeeping: skipped,
//!   with every paragraph inside it.
//!
//! Text goes into the document as the Fountain reader would give it, so
//! that [`super::write`] treats both alike: action, dialogue, centred text
//! and lyrics as Fountain markup (bold, italic and underline runs as
//! `**…**`, `*…*`, `_…_`; a literal `*`, `_` or `\` escaped), which `write`
//! reads back to the characters; headings, cues, parentheticals,
//! transitions and sung lines in a speech as plain text, which `write`
//! writes as it is (their styles are dropped, and reported).
//!
//! One pass over quick-xml's events, no recursion, nothing read twice: a
//! stack of one small frame per open element says what that element is to
//! the screenplay and where the text inside it goes, so time and memory
//! are linear however deep the nesting. quick-xml reads no DTD: entities
//! other than XML's five are kept as written, never expanded, so a hostile
//! file cannot grow. Ill-formed XML ends the reading where it breaks; what
//! was read before is kept and the report says where.

use std::collections::HashSet;
use std::fmt;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::fountain::{Decision, Document, Element, Located, Part, Speech};

/// Why a text is not a Final Draft file, in words to follow "is not a
/// Final Draft file: ".
#[derive(Clone, Debug, PartialEq)]
pub struct NotFdx(String);

impl fmt::Display for NotFdx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotFdx {}

/// Whether `source` is a Final Draft document: XML whose first element is
/// `FinalDraft`. Reads only as far as that element.
pub fn detect(source: &str) -> Result<(), NotFdx> {
    let source = source.strip_prefix('\u{FEFF}').unwrap_or(source);
    if source.trim().is_empty() {
        return Err(NotFdx("it is empty".into()));
    }
    let mut xml = quick_xml::Reader::from_str(source);
    loop {
        match xml.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = e.name();
                return if name.as_ref() == ROOT {
                    Ok(())
                } else {
                    Err(NotFdx(format!(
                        "its root element is `{}`, not `{ROOT}`",
                        short(name.as_ref())
                    )))
                };
            }
            Ok(Event::Text(t)) if t.trim().is_empty() => {}
            Ok(Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) | Event::End(_)) => {
                return Err(NotFdx("it does not start with an XML element".into()));
            }
            Ok(Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_)) => {}
            Ok(Event::Eof) => return Err(NotFdx("it holds no XML element".into())),
            Err(error) => {
                return Err(NotFdx(format!(
                    "it is not XML ({})",
                    cut(&error.to_string(), 100)
                )));
            }
        }
    }
}

/// The root element of a Final Draft document.
const ROOT: &str = "FinalDraft";

/// Reads a Final Draft document. Never fails: a paragraph of a type it
/// does not know is action, XML that breaks ends the reading, and a
/// document with no `FinalDraft` root gives no element (the report says
/// so; [`detect`] tells the caller first).
pub fn parse(source: &str) -> (Document, Vec<Decision>) {
    let source = source.strip_prefix('\u{FEFF}').unwrap_or(source);
    let mut state = State::new(source);
    let mut xml = quick_xml::Reader::from_str(source);
    loop {
        // Text comes as events of its own, so before a tag the reader
        // stands on its `<`.
        let at = usize::try_from(xml.buffer_position()).unwrap_or(usize::MAX);
        match xml.read_event() {
            Ok(Event::Start(e)) => state.open(&e, at),
            Ok(Event::Empty(e)) => {
                state.open(&e, at);
                state.close();
            }
            Ok(Event::End(_)) => state.close(),
            Ok(Event::Text(t)) => state.text(&t.xml10_content()),
            Ok(Event::CData(t)) => state.text(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) => state.reference(&r, at),
            Ok(Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_)) => {}
            Ok(Event::Eof) => {
                if !state.stack.is_empty() {
                    // The last line that holds anything.
                    let line = state.lines.at(source.trim_end().len());
                    state.decide(
                        line,
                        format!(
                            "the XML ends with {} element(s) still open (a file cut short?): what was read is imported",
                            state.stack.len()
                        ),
                    );
                }
                break;
            }
            Err(error) => {
                let at = usize::try_from(xml.error_position()).unwrap_or(usize::MAX);
                let line = state.lines.at(at);
                state.decide(
                    line,
                    format!(
                        "the XML breaks here ({}): what came before is imported, nothing after",
                        cut(&error.to_string(), 100)
                    ),
                );
                break;
            }
        }
    }
    state.finish()
}

/// What an open element is to the screenplay.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Frame {
    /// `FinalDraft`.
    Root,
    /// `FinalDraft/Content`: the body.
    Body,
    /// A paragraph, of the body, of a dual dialogue, of the title page or
    /// of a script note.
    Paragraph(Slot),
    /// A `Text` run of a paragraph.
    Text(Slot),
    /// A `DualDialogue`.
    Dual,
    /// A `ScriptNote` inside a paragraph of the body.
    Note,
    /// `FinalDraft/TitlePage`.
    TitlePage,
    /// `FinalDraft/TitlePage/Content`.
    TitleContent,
    /// `FinalDraft/ScriptNotes`: notes placed by character ranges.
    Notes,
    /// Anything else, and everything inside it.
    Skipped,
}

/// Which paragraph a frame's text goes to.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Slot {
    /// A paragraph of the body.
    Body,
    /// A paragraph inside a `DualDialogue`.
    Dual,
    /// A paragraph of the title page.
    Title,
    /// A paragraph of a script note.
    Note,
}

/// A paragraph's type, as far as the import tells them apart.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    SceneHeading,
    Action,
    General,
    Character,
    Parenthetical,
    Dialogue,
    Transition,
    Shot,
    Lyrics,
    /// A type the import does not know (or none): read as action.
    Other,
}

/// The types by their names in Final Draft.
const KINDS: [(&str, Kind); 9] = [
    ("Scene Heading", Kind::SceneHeading),
    ("Action", Kind::Action),
    ("General", Kind::General),
    ("Character", Kind::Character),
    ("Parenthetical", Kind::Parenthetical),
    ("Dialogue", Kind::Dialogue),
    ("Transition", Kind::Transition),
    ("Shot", Kind::Shot),
    ("Lyrics", Kind::Lyrics),
];

/// How a `Text` run is set.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Style {
    bold: bool,
    italic: bool,
    underline: bool,
    caps: bool,
}

impl Style {
    /// From a `Style` attribute: names joined by `+`, any case.
    fn from(attribute: &str) -> Style {
        let mut style = Style::default();
        for name in attribute.split('+') {
            let name = name.trim();
            if name.eq_ignore_ascii_case("bold") {
                style.bold = true;
            } else if name.eq_ignore_ascii_case("italic") {
                style.italic = true;
            } else if name.eq_ignore_ascii_case("underline") {
                style.underline = true;
            } else if name.eq_ignore_ascii_case("allcaps") {
                style.caps = true;
            }
        }
        style
    }

    /// Whether the run is emphasised (capitals are not emphasis: they are
    /// applied to the text).
    fn emphasis(self) -> bool {
        self.bold || self.italic || self.underline
    }
}

/// A `Text` run.
#[derive(Debug, Default)]
struct Run {
    text: String,
    style: Style,
}

impl Run {
    /// The text as shown: in capitals under `AllCaps`.
    fn shown(&self) -> String {
        if self.style.caps {
            self.text.to_uppercase()
        } else {
            self.text.clone()
        }
    }
}

/// A paragraph being read.
#[derive(Debug)]
struct Para {
    kind: Kind,
    /// The `Type` as written (shortened), for the report.
    spelled: Option<String>,
    number: Option<String>,
    align: Align,
    line: usize,
    runs: Vec<Run>,
}

/// A paragraph's `Alignment`.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Align {
    Left,
    Center,
    Right,
}

/// The attributes of a paragraph or run that the import reads.
#[derive(Default)]
struct Attributes {
    kind: Option<String>,
    number: Option<String>,
    alignment: Option<String>,
    new_page: Option<String>,
    style: Option<String>,
}

impl Attributes {
    /// Reads them from a start tag: the first of each name wins, values
    /// with their references resolved. Duplicate names are not searched
    /// for (that search costs time on a tag with very many attributes).
    fn of(e: &BytesStart) -> Attributes {
        let mut out = Attributes::default();
        let mut attributes = e.attributes();
        attributes.with_checks(false);
        for attribute in attributes {
            let Ok(attribute) = attribute else { break };
            let slot = match attribute.key.as_ref() {
                "Type" => &mut out.kind,
                "Number" => &mut out.number,
                "Alignment" => &mut out.alignment,
                "StartsNewPage" => &mut out.new_page,
                "Style" => &mut out.style,
                _ => continue,
            };
            if slot.is_none() {
                let value = attribute
                    .normalized_value(XmlVersion::Implicit1_0)
                    .unwrap_or_else(|_| attribute.value.clone());
                *slot = Some(value.into_owned());
            }
        }
        out
    }
}

/// Decisions reported once per file.
#[derive(Default)]
struct Once {
    styles: bool,
    entities: bool,
    references: bool,
    spellings: HashSet<String>,
}

/// The elements of one stream of paragraphs (the body, or a dual
/// dialogue), with the speech being read and the notes waiting for it.
#[derive(Default)]
struct Flow {
    out: Vec<Located>,
    speech: Option<(Speech, usize)>,
    /// Script notes read inside the speech being read: placed after it.
    notes: Vec<Located>,
    /// A page break asked for inside the speech being read: after it.
    page_break: Option<usize>,
}

impl Flow {
    /// Ends the speech being read, if any, and places what waited for it.
    fn flush(&mut self) {
        if let Some((speech, line)) = self.speech.take() {
            self.out.push(Located {
                element: Element::Speech(speech),
                line,
            });
        }
        if let Some(line) = self.page_break.take() {
            self.out.push(Located {
                element: Element::PageBreak,
                line,
            });
        }
        self.out.append(&mut self.notes);
    }

    /// Whether a paragraph of `kind` goes on with the speech being read.
    fn continues(&self, kind: Kind) -> bool {
        self.speech.is_some() && matches!(kind, Kind::Parenthetical | Kind::Dialogue | Kind::Lyrics)
    }

    /// A paragraph starts: what is not part of the speech being read ends
    /// it; `StartsNewPage` puts a page break before the paragraph (after
    /// the speech, for a paragraph inside one).
    fn begin(&mut self, kind: Kind, new_page: bool, line: usize, decisions: &mut Vec<Decision>) {
        let continues = self.continues(kind);
        if !continues {
            self.flush();
        }
        // A new page at the very start is where the script starts anyway.
        if new_page && !(self.out.is_empty() && self.speech.is_none()) {
            if continues {
                decisions.push(Decision {
                    line,
                    message: "a page break inside a speech: placed after the speech".into(),
                });
                self.page_break.get_or_insert(line);
            } else {
                self.out.push(Located {
                    element: Element::PageBreak,
                    line,
                });
            }
        }
    }

    /// A paragraph ends: its element, or its part of the speech.
    fn end(&mut self, para: Para, decisions: &mut Vec<Decision>, once: &mut Once) {
        let line = para.line;
        let push = |out: &mut Vec<Located>, element| out.push(Located { element, line });
        match para.kind {
            Kind::SceneHeading => {
                let text = one_line(&plain(&para, decisions, once));
                if !text.is_empty() {
                    let number = para.number.clone();
                    push(&mut self.out, Element::SceneHeading { text, number });
                }
            }
            Kind::Transition => {
                let text = one_line(&plain(&para, decisions, once));
                if !text.is_empty() {
                    push(&mut self.out, Element::Transition(text));
                }
            }
            Kind::Character => {
                let text = one_line(&plain(&para, decisions, once));
                if !text.is_empty() {
                    self.speech = Some((cue(&text), line));
                }
            }
            Kind::Parenthetical | Kind::Dialogue | Kind::Lyrics if self.speech.is_some() => {
                let part = match para.kind {
                    Kind::Parenthetical => {
                        let text = plain(&para, decisions, once);
                        let text = text.trim();
                        let inner = text.strip_prefix('(').unwrap_or(text);
                        let inner = inner.strip_suffix(')').unwrap_or(inner).trim();
                        (!text.is_empty()).then(|| Part::Parenthetical(inner.to_string()))
                    }
                    Kind::Lyrics => {
                        let text = plain(&para, decisions, once);
                        let text = text.trim();
                        (!text.is_empty()).then(|| Part::Lyric(text.to_string()))
                    }
                    Kind::Dialogue => {
                        let text = marked(&para.runs);
                        let text = text.trim();
                        (!text.is_empty()).then(|| Part::Line(text.to_string()))
                    }
                    // Not parts of a speech (this arm takes the three above).
                    Kind::SceneHeading
                    | Kind::Action
                    | Kind::General
                    | Kind::Character
                    | Kind::Transition
                    | Kind::Shot
                    | Kind::Other => None,
                };
                if let (Some(part), Some((speech, _))) = (part, self.speech.as_mut()) {
                    // Dialogue paragraphs in a row are one speech's lines.
                    if let (Part::Line(more), Some(Part::Line(text))) =
                        (&part, speech.parts.last_mut())
                    {
                        text.push('\n');
                        text.push_str(more);
                    } else {
                        speech.parts.push(part);
                    }
                }
            }
            Kind::Lyrics => {
                let text = marked(&para.runs);
                let text = text.trim();
                if !text.is_empty() {
                    push(&mut self.out, Element::Lyric(text.to_string()));
                }
            }
            Kind::Action
            | Kind::General
            | Kind::Shot
            | Kind::Other
            | Kind::Parenthetical
            | Kind::Dialogue => {
                let centered = para.align == Align::Center
                    && matches!(para.kind, Kind::Action | Kind::General | Kind::Other);
                let text = marked(&para.runs);
                let text = text.trim();
                if !text.is_empty() {
                    if let Some(message) = as_action(&para) {
                        decisions.push(Decision { line, message });
                    }
                    let element = if centered {
                        Element::Centered(text.to_string())
                    } else if para.kind == Kind::Shot {
                        Element::Shot(text.to_string())
                    } else {
                        Element::Action(text.to_string())
                    };
                    push(&mut self.out, element);
                }
            }
        }
        if self.speech.is_none() {
            self.out.append(&mut self.notes);
        }
    }
}

/// Why a paragraph of this kind is read as action, for the report (none
/// for action itself).
fn as_action(para: &Para) -> Option<String> {
    let message = match para.kind {
        Kind::Action => return None,
        Kind::General => {
            "a General paragraph (Final Draft's paragraph with no type) read as action".into()
        }
        Kind::Shot => return None,
        Kind::Parenthetical => {
            "a Parenthetical paragraph with no Character before it read as action".into()
        }
        Kind::Dialogue => "a Dialogue paragraph with no Character before it read as action".into(),
        Kind::Other => match &para.spelled {
            Some(kind) => format!("a paragraph of type `{kind}` read as action"),
            None => "a paragraph with no type read as action".into(),
        },
        Kind::SceneHeading | Kind::Character | Kind::Transition | Kind::Lyrics => return None,
    };
    Some(message)
}

/// A cue: the name, and the trailing `(…)` groups as extensions (`V.O.`,
/// `CONT'D`).
fn cue(text: &str) -> Speech {
    let mut extensions = Vec::new();
    let mut name = text.trim();
    while let Some(body) = name.strip_suffix(')') {
        let Some(open) = body.rfind('(') else { break };
        let before = body[..open].trim_end();
        if before.is_empty() {
            break;
        }
        extensions.push(body[open + 1..].trim().to_string());
        name = before;
    }
    extensions.reverse();
    Speech {
        name: name.to_string(),
        extensions,
        parts: Vec::new(),
    }
}

/// Text on one line: line breaks as spaces, trimmed.
fn one_line(text: &str) -> String {
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A paragraph's text without emphasis, for the elements whose text the
/// import writes as it is (headings, cues, parentheticals, transitions,
/// sung lines in a speech). Emphasis dropped is reported once per file.
fn plain(para: &Para, decisions: &mut Vec<Decision>, once: &mut Once) -> String {
    let mut out = String::new();
    let mut styled = false;
    for run in &para.runs {
        out.push_str(&run.shown());
        styled |= run.style.emphasis() && !run.text.trim().is_empty();
    }
    if styled && !once.styles && !out.trim().is_empty() {
        once.styles = true;
        decisions.push(Decision {
            line: para.line,
            message: "bold, italic and underline dropped from scene headings, cues, parentheticals, transitions and sung lines: bout keeps emphasis markup in action, dialogue, centred text and lyrics only".into(),
        });
    }
    out
}

/// A paragraph's text as Fountain writes it, for the elements whose text
/// the import reads as Fountain (action, dialogue, centred text, lyrics):
/// emphasis as `**bold**`, `*italic*`, `_underline_` around each line of
/// a run (runs set alike joined first, so no empty markup sits between
/// them), and the characters that would read as markup escaped (`\*`,
/// `\_`, `\\`).
fn marked(runs: &[Run]) -> String {
    let mut out = String::new();
    let mut runs = runs.iter().filter(|r| !r.text.is_empty()).peekable();
    while let Some(first) = runs.next() {
        let style = first.style;
        let mut text = first.shown();
        while let Some(next) = runs.next_if(|r| same(r.style, style)) {
            text.push_str(&next.shown());
        }
        emphasize(&mut out, &text, style);
    }
    out
}

/// Whether two styles emphasise alike.
fn same(a: Style, b: Style) -> bool {
    (a.bold, a.italic, a.underline) == (b.bold, b.italic, b.underline)
}

/// Writes `text` in `style`'s emphasis: the markup around the words of
/// each line, spaces outside it (Fountain's emphasis closes at a line's
/// end and must touch its words).
fn emphasize(out: &mut String, text: &str, style: Style) {
    if !style.emphasis() {
        escape(out, text);
        return;
    }
    let stars = match (style.bold, style.italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => "",
    };
    let bar = if style.underline { "_" } else { "" };
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let words = line.trim();
        if words.is_empty() {
            out.push_str(line);
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        out.push_str(&line[..lead]);
        out.push_str(bar);
        out.push_str(stars);
        escape(out, words);
        out.push_str(stars);
        out.push_str(bar);
        out.push_str(&line[lead + words.len()..]);
    }
}

/// Escapes what Fountain would read as markup.
fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, '*' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A text shortened for a message: its first 40 characters.
fn short(text: &str) -> String {
    cut(text, 40)
}

/// `text`'s first `most` characters, `…` after them if there were more.
fn cut(text: &str, most: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(most).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// Lines of the source by byte offset: `\n`, `\r\n` and a lone `\r` each
/// end one. Offsets are asked for in order, so the whole file is counted
/// once.
struct Lines<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl Lines<'_> {
    /// The 1-based line of `offset`.
    fn at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.bytes.len());
        if offset >= self.offset {
            self.line += self.breaks(self.offset, offset);
        } else {
            self.line -= self.breaks(offset, self.offset);
        }
        self.offset = offset;
        self.line
    }

    /// The line ends in `from..to`.
    fn breaks(&self, from: usize, to: usize) -> usize {
        memchr::memchr2_iter(b'\n', b'\r', &self.bytes[from..to])
            .filter(|&i| {
                self.bytes[from + i] == b'\n' || self.bytes.get(from + i + 1) != Some(&b'\n')
            })
            .count()
    }
}

/// A paragraph of the title page, as placed.
struct TitleLine {
    text: String,
    align: Align,
    line: usize,
}

/// The reader's state between events.
struct State<'a> {
    lines: Lines<'a>,
    decisions: Vec<Decision>,
    once: Once,
    stack: Vec<Frame>,
    root: bool,
    body: Flow,
    dual: Flow,
    dual_line: usize,
    paragraph: Option<Para>,
    dual_paragraph: Option<Para>,
    title_paragraph: Option<Para>,
    title: Vec<TitleLine>,
    /// The script note being read: its text, line, and the flow of the
    /// paragraph it hangs on.
    note: Option<(String, usize, Slot)>,
    note_paragraph: Option<Para>,
}

impl<'a> State<'a> {
    fn new(source: &'a str) -> Self {
        State {
            lines: Lines {
                bytes: source.as_bytes(),
                offset: 0,
                line: 1,
            },
            decisions: Vec::new(),
            once: Once::default(),
            stack: Vec::new(),
            root: false,
            body: Flow::default(),
            dual: Flow::default(),
            dual_line: 0,
            paragraph: None,
            dual_paragraph: None,
            title_paragraph: None,
            title: Vec::new(),
            note: None,
            note_paragraph: None,
        }
    }

    fn decide(&mut self, line: usize, message: String) {
        self.decisions.push(Decision { line, message });
    }

    /// The paragraph a slot's text goes to.
    fn slot(&mut self, slot: Slot) -> Option<&mut Para> {
        match slot {
            Slot::Body => self.paragraph.as_mut(),
            Slot::Dual => self.dual_paragraph.as_mut(),
            Slot::Title => self.title_paragraph.as_mut(),
            Slot::Note => self.note_paragraph.as_mut(),
        }
    }

    /// An element opens at byte `at`.
    fn open(&mut self, e: &BytesStart, at: usize) {
        let name = e.name();
        let frame = match (self.stack.last().copied(), name.as_ref()) {
            (None, ROOT) => {
                self.root = true;
                Frame::Root
            }
            (Some(Frame::Root), "Content") => Frame::Body,
            (Some(Frame::Root), "TitlePage") => Frame::TitlePage,
            (Some(Frame::Root), "ScriptNotes") => Frame::Notes,
            (Some(Frame::TitlePage), "Content") => Frame::TitleContent,
            (Some(Frame::Body), "Paragraph") => {
                self.paragraph = Some(self.begin(e, at, Slot::Body));
                Frame::Paragraph(Slot::Body)
            }
            (Some(Frame::Body | Frame::Paragraph(Slot::Body)), "DualDialogue") => {
                self.body.flush();
                self.dual = Flow::default();
                self.dual_line = self.lines.at(at);
                Frame::Dual
            }
            (Some(Frame::Dual), "Paragraph") => {
                self.dual_paragraph = Some(self.begin(e, at, Slot::Dual));
                Frame::Paragraph(Slot::Dual)
            }
            (Some(Frame::TitleContent), "Paragraph") => {
                self.title_paragraph = Some(self.begin(e, at, Slot::Title));
                Frame::Paragraph(Slot::Title)
            }
            (Some(Frame::Paragraph(slot)), "Text") => {
                let style = Attributes::of(e).style.as_deref().map(Style::from);
                if let Some(para) = self.slot(slot) {
                    para.runs.push(Run {
                        text: String::new(),
                        style: style.unwrap_or_default(),
                    });
                }
                Frame::Text(slot)
            }
            (Some(Frame::Paragraph(slot @ (Slot::Body | Slot::Dual))), "ScriptNote") => {
                let line = self.lines.at(at);
                self.note = Some((String::new(), line, slot));
                Frame::Note
            }
            (Some(Frame::Note), "Paragraph") => {
                self.note_paragraph = Some(self.begin(e, at, Slot::Note));
                Frame::Paragraph(Slot::Note)
            }
            (Some(Frame::Notes), "ScriptNote") => {
                let line = self.lines.at(at);
                self.decide(
                    line,
                    "a script note in `ScriptNotes` not imported: Final Draft places it by a character range, which the import does not follow".into(),
                );
                Frame::Skipped
            }
            // Anything else, and everything inside it, is not the
            // screenplay's text.
            _ => Frame::Skipped,
        };
        self.stack.push(frame);
    }

    /// A paragraph opens: its attributes read, its type named, and for the
    /// body and a dual dialogue, the speech before it ended if it is not
    /// part of it.
    fn begin(&mut self, e: &BytesStart, at: usize, slot: Slot) -> Para {
        let line = self.lines.at(at);
        let attributes = Attributes::of(e);
        let (kind, spelled) = match attributes.kind.as_deref() {
            None => (Kind::Other, None),
            Some(spelled) => {
                let trimmed = spelled.trim();
                let kind = KINDS
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(trimmed))
                    .copied();
                match kind {
                    Some((name, kind)) => {
                        if name != spelled
                            && matches!(slot, Slot::Body | Slot::Dual)
                            && self.once.spellings.insert(spelled.to_string())
                        {
                            self.decide(
                                line,
                                format!("the paragraph type `{}` read as `{name}`", short(spelled)),
                            );
                        }
                        (kind, Some(short(spelled)))
                    }
                    None => (Kind::Other, Some(short(spelled))),
                }
            }
        };
        let align = match attributes.alignment.as_deref().map(str::trim) {
            Some(a) if a.eq_ignore_ascii_case("center") || a.eq_ignore_ascii_case("centre") => {
                Align::Center
            }
            Some(a) if a.eq_ignore_ascii_case("right") => Align::Right,
            _ => Align::Left,
        };
        let new_page = attributes
            .new_page
            .as_deref()
            .map(str::trim)
            .is_some_and(|v| v.eq_ignore_ascii_case("yes") || v.eq_ignore_ascii_case("true"));
        // Whether bout can print it (`S030`) is the writer's to decide, for
        // Fountain's numbers and Final Draft's alike.
        let number = attributes
            .number
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned);
        match slot {
            Slot::Body => self.body.begin(kind, new_page, line, &mut self.decisions),
            Slot::Dual => self.dual.begin(kind, new_page, line, &mut self.decisions),
            Slot::Title | Slot::Note => {}
        }
        Para {
            kind,
            spelled,
            number,
            align,
            line,
            runs: Vec::new(),
        }
    }

    /// The innermost open element closes.
    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Paragraph(Slot::Body) => {
                if let Some(para) = self.paragraph.take() {
                    self.body.end(para, &mut self.decisions, &mut self.once);
                }
            }
            Frame::Paragraph(Slot::Dual) => {
                if let Some(para) = self.dual_paragraph.take() {
                    self.dual.end(para, &mut self.decisions, &mut self.once);
                }
            }
            Frame::Paragraph(Slot::Title) => {
                if let Some(para) = self.title_paragraph.take() {
                    let text: String = para.runs.iter().map(Run::shown).collect();
                    self.title.push(TitleLine {
                        text: text.trim().to_string(),
                        align: para.align,
                        line: para.line,
                    });
                }
            }
            Frame::Paragraph(Slot::Note) => {
                if let (Some(para), Some((text, _, _))) =
                    (self.note_paragraph.take(), self.note.as_mut())
                {
                    let more: String = para.runs.iter().map(Run::shown).collect();
                    let more = more.trim();
                    if !more.is_empty() {
                        if !text.is_empty() {
                            text.push('\n');
                        }
                        text.push_str(more);
                    }
                }
            }
            Frame::Note => {
                if let Some((text, line, slot)) = self.note.take()
                    && !text.is_empty()
                {
                    let flow = if slot == Slot::Dual {
                        &mut self.dual
                    } else {
                        &mut self.body
                    };
                    flow.notes.push(Located {
                        element: Element::Note(text),
                        line,
                    });
                }
            }
            Frame::Dual => self.end_dual(),
            Frame::Root
            | Frame::Body
            | Frame::Text(_)
            | Frame::TitlePage
            | Frame::TitleContent
            | Frame::Notes
            | Frame::Skipped => {}
        }
    }

    /// A dual dialogue closes: its first two speeches side by side; any
    /// other speech, and whatever else it held, after them.
    fn end_dual(&mut self) {
        let mut dual = std::mem::take(&mut self.dual);
        dual.flush();
        let line = self.dual_line;
        let mut speeches: Vec<(Speech, usize)> = Vec::new();
        let mut rest = Vec::new();
        for located in dual.out {
            match located.element {
                Element::Speech(speech) if speeches.len() < 2 => {
                    speeches.push((speech, located.line));
                }
                Element::Speech(speech) => {
                    self.decisions.push(Decision {
                        line: located.line,
                        message: "a third speech in one DualDialogue: read as a speech of its own"
                            .into(),
                    });
                    rest.push(Located {
                        element: Element::Speech(speech),
                        line: located.line,
                    });
                }
                element => rest.push(Located {
                    element,
                    line: located.line,
                }),
            }
        }
        let mut speeches = speeches.into_iter();
        match (speeches.next(), speeches.next()) {
            (Some((left, line)), Some((right, _))) => self.body.out.push(Located {
                element: Element::DualSpeech(left, right),
                line,
            }),
            (Some((speech, line)), None) => {
                self.decisions.push(Decision {
                    line,
                    message: "a DualDialogue with one speech: read as a single speech".into(),
                });
                self.body.out.push(Located {
                    element: Element::Speech(speech),
                    line,
                });
            }
            (None, _) => self.decisions.push(Decision {
                line,
                message: "a DualDialogue with no speech in it".into(),
            }),
        }
        self.body.out.extend(rest);
    }

    /// Text: into the run being read, if any.
    fn text(&mut self, text: &str) {
        if let Some(&Frame::Text(slot)) = self.stack.last()
            && let Some(run) = self.slot(slot).and_then(|p| p.runs.last_mut())
        {
            run.text.push_str(text);
        }
    }

    /// A reference, `&amp;` or `&#39;`: the character, inside a run.
    fn reference(&mut self, reference: &BytesRef, at: usize) {
        if !matches!(self.stack.last(), Some(Frame::Text(_))) {
            return;
        }
        let name: &str = reference;
        match reference.resolve_char_ref() {
            Ok(Some(c)) => self.text(c.encode_utf8(&mut [0; 4])),
            Ok(None) => match quick_xml::escape::resolve_predefined_entity(name) {
                Some(text) => self.text(text),
                None => {
                    if !self.once.entities {
                        self.once.entities = true;
                        let line = self.lines.at(at);
                        self.decide(
                            line,
                            format!(
                                "the entity `&{};` is not one of XML's: kept as written (the import reads no DTD)",
                                short(name)
                            ),
                        );
                    }
                    self.text(&format!("&{name};"));
                }
            },
            Err(_) => {
                if !self.once.references {
                    self.once.references = true;
                    let line = self.lines.at(at);
                    self.decide(
                        line,
                        format!(
                            "the character reference `&{};` names no character: read as U+FFFD",
                            short(name)
                        ),
                    );
                }
                self.text("\u{FFFD}");
            }
        }
    }

    /// The document: the body in order, the title page from its
    /// paragraphs.
    fn finish(mut self) -> (Document, Vec<Decision>) {
        while !self.stack.is_empty() {
            self.close();
        }
        self.body.flush();
        if !self.root {
            self.decide(
                1,
                format!("no `{ROOT}` root element: not a Final Draft file, nothing imported"),
            );
        }
        let title_page = title_page(&self.title, &mut self.decisions);
        (
            Document {
                title_page,
                elements: self.body.out,
            },
            self.decisions,
        )
    }
}

/// The credits a title page writes above the author's name.
const CREDITS: [&str; 9] = [
    "by",
    "written by",
    "screenplay by",
    "teleplay by",
    "story by",
    "script by",
    "created by",
    "adapted by",
    "written and directed by",
];

/// Whether a title-page line is a credit (`Written by`, `by`, any case, a
/// `:` after it allowed), and the author after it on the same line, if any
/// (`Written by Jane Roe`).
fn credit(text: &str) -> Option<(&str, Option<&str>)> {
    let bare = text.trim_end_matches(':').trim_end();
    if CREDITS.iter().any(|c| c.eq_ignore_ascii_case(bare)) {
        return Some((bare, None));
    }
    CREDITS.iter().find_map(|c| {
        let head = text.get(..c.len())?;
        let rest = text[c.len()..].strip_prefix([' ', '\t'])?.trim();
        (head.eq_ignore_ascii_case(c) && !rest.is_empty()).then_some((head, Some(rest)))
    })
}

/// Whether a title-page line names the source (`Based on the novel by …`).
fn is_source(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["based on", "adapted from", "inspired by", "from the "]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// Whether a title-page line is a copyright notice.
fn is_copyright(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.starts_with('©') || lower.starts_with("copyright") || lower.starts_with("(c)")
}

/// Where the title-page reading stands.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Start,
    Title,
    Credit,
    Author,
    Source,
    Rest,
}

/// The title-page fields from Final Draft's free paragraphs:
///
/// - the title: the first centred paragraph (the first paragraph, when
///   none is centred) and the centred ones right under it with no empty
///   paragraph between;
/// - the credit: one of [`CREDITS`] (`Written by`), alone or with the
///   author after it (`Written by Jane Roe`);
/// - the author: the paragraph after the credit, and those right under it
///   with the same alignment and no empty paragraph between;
/// - the source: a paragraph starting "Based on", "Adapted from", …, and
///   those right under it;
/// - any other paragraph by its alignment: left, the contact (or the
///   copyright, when it starts with `©`, `(c)` or "Copyright"); right, the
///   draft date; centred, a note.
///
/// Each field is reported with its first line.
fn title_page(lines: &[TitleLine], decisions: &mut Vec<Decision>) -> Vec<(String, String, usize)> {
    let centred = lines
        .iter()
        .any(|l| l.align == Align::Center && !l.text.is_empty());
    // Field name, its lines, its first line number; in the order written.
    let mut fields: Vec<(&'static str, Vec<String>, usize)> = Vec::new();
    let mut add = |key: &'static str, text: &str, line: usize| match fields
        .iter_mut()
        .find(|(k, _, _)| *k == key)
    {
        Some((_, values, _)) => values.push(text.to_string()),
        None => fields.push((key, vec![text.to_string()], line)),
    };
    let mut stage = Stage::Start;
    let mut gap = false;
    let mut run_align = Align::Left;
    for line in lines {
        let text = line.text.as_str();
        if text.is_empty() {
            gap = true;
            continue;
        }
        let goes_on = !gap && line.align == run_align;
        gap = false;
        let credit = credit(text);
        let title = match stage {
            Stage::Start => credit.is_none() && (line.align == Align::Center || !centred),
            Stage::Title => goes_on && credit.is_none() && !is_source(text),
            Stage::Credit | Stage::Author | Stage::Source | Stage::Rest => false,
        };
        stage = if title {
            add("Title", text, line.line);
            Stage::Title
        } else if let Some((words, author)) = credit {
            add("Credit", words, line.line);
            match author {
                Some(author) => {
                    add("Author", author, line.line);
                    Stage::Author
                }
                None => Stage::Credit,
            }
        } else if stage == Stage::Credit || (stage == Stage::Author && goes_on) {
            add("Author", text, line.line);
            Stage::Author
        } else if is_source(text) || (stage == Stage::Source && goes_on) {
            add("Source", text, line.line);
            Stage::Source
        } else {
            match line.align {
                Align::Right => add("Draft date", text, line.line),
                Align::Center => add("Notes", text, line.line),
                Align::Left if is_copyright(text) => add("Copyright", text, line.line),
                Align::Left => add("Contact", text, line.line),
            }
            // The title is the first centred paragraph, wherever it is.
            if stage == Stage::Start {
                Stage::Start
            } else {
                Stage::Rest
            }
        };
        run_align = line.align;
    }
    fields
        .into_iter()
        .map(|(key, values, line)| {
            let value = values.join("\n");
            let how = match key {
                "Title" if centred => "the first centred paragraph(s)",
                "Title" => "the first paragraph: none is centred",
                "Credit" => "a credit such as \"Written by\"",
                "Author" => "what follows the credit",
                "Source" => "a paragraph starting \"Based on\" or the like",
                "Contact" => "the left-aligned paragraphs",
                "Copyright" => "a left-aligned paragraph starting with © or \"Copyright\"",
                "Draft date" => "the right-aligned paragraphs",
                _ => "centred paragraphs that are no other field",
            };
            decisions.push(Decision {
                line,
                message: format!(
                    "title page: `{}` read as {} ({how})",
                    short(&value.replace('\n', " / ")),
                    key.to_lowercase()
                ),
            });
            (key.to_string(), value, line)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, style: &str) -> Run {
        Run {
            text: text.into(),
            style: Style::from(style),
        }
    }

    #[test]
    fn runs_become_fountain_markup() {
        let runs = [
            run("a ", ""),
            run("bold ", "Bold"),
            run("", "Italic"),
            run("run", "Bold"),
            run(" *and* ", ""),
            run(" all ", "bold+ITALIC+Underline"),
            run("two\nlines", "Italic"),
            run("caps_", "AllCaps"),
        ];
        assert_eq!(
            marked(&runs),
            "a **bold run** \\*and\\*  _***all***_ *two*\n*lines*CAPS\\_"
        );
    }

    #[test]
    fn cues_lose_their_extensions() {
        let speech = cue("SAL (V.O.) (CONT'D)");
        assert_eq!(speech.name, "SAL");
        assert_eq!(speech.extensions, ["V.O.", "CONT'D"]);
        assert_eq!(cue("(V.O.)").name, "(V.O.)");
        assert_eq!(cue("MR. (X) SMITH").name, "MR. (X) SMITH");
    }

    #[test]
    fn credits_are_read_with_or_without_the_author() {
        assert_eq!(credit("Written by"), Some(("Written by", None)));
        assert_eq!(credit("BY:"), Some(("BY", None)));
        assert_eq!(
            credit("written by Ada Vance"),
            Some(("written by", Some("Ada Vance")))
        );
        assert_eq!(credit("Stand By Me"), None);
        assert_eq!(credit("Bystander"), None);
    }

    #[test]
    fn lines_count_every_line_end_once() {
        let text = "a\nb\r\nc\rd";
        let mut lines = Lines {
            bytes: text.as_bytes(),
            offset: 0,
            line: 1,
        };
        assert_eq!(lines.at(2), 2);
        assert_eq!(lines.at(4), 2, "inside \\r\\n");
        assert_eq!(lines.at(5), 3);
        assert_eq!(lines.at(7), 4);
        assert_eq!(lines.at(0), 1, "backwards");
        assert_eq!(lines.at(usize::MAX), 4);
    }

    #[test]
    fn detect_tells_fdx_from_the_rest() {
        assert!(detect("\u{FEFF}<?xml version=\"1.0\"?><!-- x --><FinalDraft/>").is_ok());
        for (text, why) in [
            ("", "it is empty"),
            ("  \n", "it is empty"),
            ("<html/>", "its root element is `html`, not `FinalDraft`"),
            ("Hello", "it does not start with an XML element"),
            ("<?xml version=\"1.0\"?>", "it holds no XML element"),
        ] {
            assert_eq!(detect(text).unwrap_err().to_string(), why, "{text:?}");
        }
    }
}
