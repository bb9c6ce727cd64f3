//! A Fountain 1.1 reader: the text of a screenplay as a list of elements,
//! each with the line it starts on, plus the heuristic decisions taken.
//!
//! One pass over the lines, no recursion, no backtracking past a paragraph:
//! time and memory are linear in the input. Boneyard (`/* … */`) and notes
//! (`[[ … ]]`) are taken out first, each kept with its line, so that they
//! may cross elements and lines without breaking the paragraphs around them.

/// A screenplay read from Fountain.
#[derive(Debug, Default, PartialEq)]
pub struct Document {
    /// The title page: each key as written and its value, lines joined by
    /// `\n`, with the key's line.
    pub title_page: Vec<(String, String, usize)>,
    /// The body, in order.
    pub elements: Vec<Located>,
}

/// An element and the 1-based line it starts on.
#[derive(Debug, PartialEq)]
pub struct Located {
    /// The element.
    pub element: Element,
    /// Its first line.
    pub line: usize,
}

/// One element of a Fountain screenplay.
#[derive(Debug, PartialEq)]
pub enum Element {
    /// A scene heading, without its forcing `.`, and its scene number
    /// (`#1A#`) if any.
    SceneHeading {
        /// The heading as written.
        text: String,
        /// The scene number, without the `#`s.
        number: Option<String>,
    },
    /// Action: its lines joined by `\n`, leading spaces and tabs kept.
    Action(String),
    /// A character's speech.
    Speech(Speech),
    /// Two speeches at once: the second's cue ended in `^`.
    DualSpeech(Speech, Speech),
    /// A transition, without its forcing `>`.
    Transition(String),
    /// A shot (Final Draft's `Shot`; Fountain has none).
    Shot(String),
    /// Centred text, `>…<`.
    Centered(String),
    /// A page break, `===`.
    PageBreak,
    /// A lyric line, `~`, outside a speech.
    Lyric(String),
    /// A section, `#`, with its depth (the number of `#`).
    Section(usize, String),
    /// A synopsis, `=`.
    Synopsis(String),
    /// A note, `[[…]]`.
    Note(String),
    /// The text of a boneyard, `/* … */`.
    Boneyard(String),
}

/// A speech: the cue and what is said.
#[derive(Debug, PartialEq)]
pub struct Speech {
    /// The character's name as written, without `@`, extensions and `^`.
    pub name: String,
    /// The extensions, each without its parentheses: `V.O.`, `cont'd`.
    pub extensions: Vec<String>,
    /// The parts in order.
    pub parts: Vec<Part>,
}

/// A part of a speech.
#[derive(Debug, PartialEq)]
pub enum Part {
    /// A parenthetical, without its parentheses.
    Parenthetical(String),
    /// Lines of dialogue joined by `\n` (a two-space line is an empty one).
    Line(String),
    /// A sung line, `~`.
    Lyric(String),
}

/// A heuristic decision, with the line it concerns.
#[derive(Debug, PartialEq)]
pub struct Decision {
    /// The 1-based line.
    pub line: usize,
    /// What was decided.
    pub message: String,
}

/// The marker that stands for a note or boneyard taken out of the text:
/// `NOTE`, the piece's index in decimal, `NOTE_END` (private-use
/// characters, which the reader takes out of every line it reads).
const NOTE: char = '\u{E000}';
/// See [`NOTE`].
const NOTE_END: char = '\u{E001}';
/// U+2060 WORD JOINER: see [`parse`].
const GUARD: char = '\u{2060}';

/// Reads a Fountain screenplay. Never fails: anything that is not another
/// element is action.
pub fn parse(source: &str) -> (Document, Vec<Decision>) {
    let mut decisions = Vec::new();
    let source = source.strip_prefix('\u{FEFF}').unwrap_or(source);
    // Private-use markers of our own must not come from the input.
    let source = source
        .replace("\r\n", "\n")
        .replace(['\r'], "\n")
        .replace([NOTE, NOTE_END], "");
    // The invisible WORD JOINER is how Fountain writers (bout's own among
    // them) keep markup apart where Fountain has no escape; as text it is
    // nothing a writer meant to keep.
    // (Its line is the source's already: reported after the others are
    // mapped to the source's lines.)
    let mut joiners = None;
    let source = match source.find(GUARD) {
        None => source,
        Some(first) => {
            let count = source.matches(GUARD).count();
            joiners = Some(Decision {
                line: 1 + source[..first].matches('\n').count(),
                message: format!(
                    "{count} invisible word joiner(s) (U+2060, Fountain's way of keeping markup apart) taken out"
                ),
            });
            source.replace(GUARD, "")
        }
    };
    let (text, extracted, folded) = extract(&source);
    let lines: Vec<&str> = text.lines().collect();
    let mut document = Document::default();
    let mut out: Vec<Located> = Vec::new();
    // Boneyards and standalone notes, placed before the element of the
    // line they start on.
    let mut pending: Vec<(usize, Element)> = Vec::new();
    let notes_of = |line: &str, at: usize, pending: &mut Vec<(usize, Element)>| -> String {
        let mut clean = String::with_capacity(line.len());
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            if c == NOTE {
                let index: String = chars.by_ref().take_while(|&c| c != NOTE_END).collect();
                if let Some(piece) = index.parse::<usize>().ok().and_then(|i| extracted.get(i)) {
                    pending.push((at, piece.element()));
                }
                // `Rain. [[note]] More.`: one space is left, not two.
                if clean.ends_with(' ') && chars.as_str().starts_with(' ') {
                    chars.next();
                }
            } else {
                clean.push(c);
            }
        }
        clean
    };
    let blank = |l: &str| l.trim().is_empty();
    let mut i = title_page(&lines, &mut document.title_page);
    // Notes and boneyards inside the title page.
    for (n, line) in lines.iter().enumerate().take(i) {
        notes_of(line, n + 1, &mut pending);
    }
    while i < lines.len() {
        let raw = lines[i];
        let at = i + 1;
        // Notes and boneyards of the lines before come before this element;
        // those inside this line, after it.
        flush(&mut pending, &mut out);
        let line = notes_of(raw, at, &mut pending);
        let trimmed = line.trim();
        let before_blank = i == 0 || blank(&strip_notes(lines[i - 1]));
        let after_blank = i + 1 >= lines.len() || blank(&strip_notes(lines[i + 1]));
        if trimmed.is_empty() {
            i += 1;
            continue;
        }
        let element = if trimmed.len() >= 3 && trimmed.chars().all(|c| c == '=') {
            Element::PageBreak
        } else if let Some(rest) = trimmed.strip_prefix('#') {
            let depth = 1 + rest.chars().take_while(|&c| c == '#').count();
            Element::Section(depth, rest.trim_start_matches('#').trim().to_string())
        } else if let Some(rest) = trimmed.strip_prefix('=') {
            Element::Synopsis(rest.trim().to_string())
        } else if let Some(rest) = trimmed.strip_prefix('~') {
            Element::Lyric(rest.trim_start().to_string())
        } else if trimmed.starts_with('>') && trimmed.ends_with('<') && trimmed.len() >= 2 {
            Element::Centered(trimmed[1..trimmed.len() - 1].trim().to_string())
        } else if let Some(rest) = trimmed.strip_prefix('>') {
            Element::Transition(rest.trim().to_string())
        } else if let Some(rest) = trimmed
            .strip_prefix('.')
            .filter(|r| !r.starts_with('.') && before_blank)
        {
            heading(rest.trim())
        } else if before_blank && is_heading(trimmed) {
            heading(trimmed)
        } else if before_blank && after_blank && is_transition(trimmed) {
            Element::Transition(trimmed.to_string())
        } else if before_blank
            && !after_blank
            && let Some(speech) = cue(trimmed)
        {
            let mut speech = speech;
            i += 1;
            let mut paragraph: Vec<String> = Vec::new();
            while i < lines.len() {
                let raw = lines[i];
                let piece = notes_of(raw, i + 1, &mut pending);
                // A line of exactly two spaces keeps the speech going.
                if piece.trim().is_empty() && piece != "  " {
                    break;
                }
                let t = piece.trim();
                if t.starts_with('(') && t.ends_with(')') {
                    push_line(&mut speech.parts, &mut paragraph);
                    speech
                        .parts
                        .push(Part::Parenthetical(t[1..t.len() - 1].trim().to_string()));
                } else if let Some(sung) = t.strip_prefix('~') {
                    push_line(&mut speech.parts, &mut paragraph);
                    speech
                        .parts
                        .push(Part::Lyric(sung.trim_start().to_string()));
                } else {
                    paragraph.push(t.to_string());
                }
                i += 1;
            }
            push_line(&mut speech.parts, &mut paragraph);
            let dual = speech_is_dual(lines_at(&lines, at));
            if dual
                && let Some(Located {
                    element: Element::Speech(_),
                    ..
                }) = out.last()
            {
                let Some(Located {
                    element: Element::Speech(left),
                    line,
                }) = out.pop()
                else {
                    unreachable!("just matched")
                };
                out.push(Located {
                    element: Element::DualSpeech(left, speech),
                    line,
                });
            } else {
                if dual {
                    decisions.push(Decision {
                        line: at,
                        message: "a `^` cue with no speech just before it: read as a single speech"
                            .into(),
                    });
                }
                out.push(Located {
                    element: Element::Speech(speech),
                    line: at,
                });
            }
            // Notes inside the speech come after it.
            flush(&mut pending, &mut out);
            continue;
        } else {
            // Action: this line and the rest of the paragraph.
            let forced = trimmed.starts_with('!');
            let mut text = String::new();
            let mut first = true;
            while i < lines.len() {
                let piece = if first {
                    line.clone()
                } else {
                    notes_of(lines[i], i + 1, &mut pending)
                };
                if !first && piece.trim().is_empty() && piece != "  " {
                    break;
                }
                let piece = piece.trim_end();
                let piece = piece.strip_prefix('!').unwrap_or(piece);
                if !first {
                    text.push('\n');
                }
                text.push_str(piece);
                first = false;
                i += 1;
            }
            if !forced && is_caps(trimmed) && !text.contains('\n') {
                decisions.push(Decision {
                    line: at,
                    message: format!(
                        "`{}`, in capitals with no dialogue under it, read as action",
                        trimmed
                    ),
                });
            }
            out.push(Located {
                element: Element::Action(text),
                line: at,
            });
            flush(&mut pending, &mut out);
            continue;
        };
        // Lyric lines, and centred lines, with no blank line between them
        // are one element (as every Fountain reader takes them).
        let joins = !before_blank
            && matches!(
                (out.last().map(|l| &l.element), &element),
                (Some(Element::Lyric(_)), Element::Lyric(_))
                    | (Some(Element::Centered(_)), Element::Centered(_))
            );
        if joins {
            if let (
                Some(Located {
                    element: Element::Lyric(text) | Element::Centered(text),
                    ..
                }),
                Element::Lyric(more) | Element::Centered(more),
            ) = (out.last_mut(), &element)
            {
                text.push('\n');
                text.push_str(more);
            }
            i += 1;
            continue;
        }
        out.push(Located { element, line: at });
        i += 1;
    }
    flush(&mut pending, &mut out);
    // Lines so far count the lines of the text with its boneyards and
    // notes taken out; the report and the elements name the source's.
    let mut shift = Vec::with_capacity(folded.len() + 1);
    let mut sum = 0;
    shift.push(0);
    for f in &folded {
        sum += f;
        shift.push(sum);
    }
    let source_line = |line: usize| line + shift[(line - 1).min(shift.len() - 1)];
    for located in &mut out {
        located.line = source_line(located.line);
    }
    for decision in &mut decisions {
        decision.line = source_line(decision.line);
    }
    for (_, _, line) in &mut document.title_page {
        *line = source_line(*line);
    }
    decisions.extend(joiners);
    document.elements = out;
    (document, decisions)
}

/// The raw line at 1-based `at` (the cue line), for the `^` test.
fn lines_at<'a>(lines: &[&'a str], at: usize) -> &'a str {
    lines[at - 1]
}

fn speech_is_dual(cue_line: &str) -> bool {
    strip_notes(cue_line).trim_end().ends_with('^')
}

fn flush(pending: &mut Vec<(usize, Element)>, out: &mut Vec<Located>) {
    out.extend(
        pending
            .drain(..)
            .map(|(line, element)| Located { element, line }),
    );
}

fn push_line(parts: &mut Vec<Part>, paragraph: &mut Vec<String>) {
    if !paragraph.is_empty() {
        parts.push(Part::Line(paragraph.join("\n")));
        paragraph.clear();
    }
}

fn strip_notes(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == NOTE {
            chars.by_ref().take_while(|&c| c != NOTE_END).for_each(drop);
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads the title page at the top, if the first line is a `Key:`; returns
/// the index of the first line after it.
fn title_page(lines: &[&str], out: &mut Vec<(String, String, usize)>) -> usize {
    let key_of = |line: &str| -> Option<(String, String)> {
        if line.starts_with([' ', '\t']) {
            return None;
        }
        let (key, value) = line.split_once(':')?;
        let ok = !key.is_empty()
            && key.chars().next().is_some_and(char::is_alphabetic)
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '_');
        ok.then(|| (key.trim().to_string(), value.trim().to_string()))
    };
    if lines.first().and_then(|l| key_of(l)).is_none() {
        return 0;
    }
    let mut i = 0;
    while i < lines.len() && !lines[i].trim().is_empty() {
        if let Some((key, value)) = key_of(lines[i]) {
            out.push((key, value, i + 1));
        } else if let Some((_, value, _)) = out.last_mut() {
            if !value.is_empty() {
                value.push('\n');
            }
            value.push_str(lines[i].trim());
        }
        i += 1;
    }
    i
}

fn heading(text: &str) -> Element {
    // A scene number closes the heading: `INT. HOUSE - DAY #1A#`.
    if let Some(body) = text.strip_suffix('#')
        && let Some(open) = body.rfind('#')
    {
        let number = &body[open + 1..];
        if !number.is_empty()
            && number
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
        {
            return Element::SceneHeading {
                text: body[..open].trim_end().to_string(),
                number: Some(number.to_string()),
            };
        }
    }
    Element::SceneHeading {
        text: text.to_string(),
        number: None,
    }
}

/// Whether the line reads as a scene heading: `INT`, `EXT`, `EST`,
/// `INT./EXT`, `INT/EXT` or `I/E`, then a period or a space, any case.
pub fn is_heading(line: &str) -> bool {
    let upper = line.to_uppercase();
    [
        "INT./EXT.",
        "INT./EXT",
        "INT/EXT.",
        "INT/EXT",
        "I/E",
        "INT",
        "EXT",
        "EST",
    ]
    .iter()
    .any(|p| {
        upper
            .strip_prefix(p)
            .is_some_and(|rest| rest.starts_with([' ', '.']))
    })
}

fn is_caps(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

fn is_transition(line: &str) -> bool {
    is_caps(line) && line.ends_with("TO:")
}

/// Reads a character cue: `@` forces it; otherwise the name (before any
/// extension) must be in capitals with a letter.
fn cue(line: &str) -> Option<Speech> {
    let (forced, rest) = match line.strip_prefix('@') {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let rest = rest.trim_end();
    let rest = rest.strip_suffix('^').unwrap_or(rest).trim_end();
    // Extensions: trailing `(…)` groups.
    let mut extensions = Vec::new();
    let mut name = rest;
    while let Some(body) = name.strip_suffix(')') {
        let Some(open) = body.rfind('(') else { break };
        extensions.push(body[open + 1..].trim().to_string());
        name = body[..open].trim_end();
    }
    extensions.reverse();
    let name = name.trim();
    if name.is_empty() || name.contains(['(', ')']) {
        return None;
    }
    if !forced && (!is_caps(name) || name.starts_with(['!', '.', '~', '>', '=', '#'])) {
        return None;
    }
    Some(Speech {
        name: name.to_string(),
        extensions,
        parts: Vec::new(),
    })
}

/// A boneyard or note taken out of the text.
struct Piece {
    boneyard: bool,
    text: String,
}

impl Piece {
    fn element(&self) -> Element {
        if self.boneyard {
            Element::Boneyard(self.text.clone())
        } else {
            Element::Note(self.text.clone())
        }
    }
}

/// Takes boneyards and notes out of the text: each becomes a marker
/// ([`NOTE`], its index, [`NOTE_END`]) where it starts, so that it may
/// cross lines and elements without breaking the paragraphs around it. An
/// unclosed opener is text.
///
/// Linear: each opener's next position is searched for only once it has
/// been passed, and a closer not found once is never searched for again.
///
/// Also returns, for each line of the text (0-based), how many line breaks
/// the pieces taken out of it held: the lines after it stand that much
/// lower in the source.
fn extract(source: &str) -> (String, Vec<Piece>, Vec<usize>) {
    let mut text = String::with_capacity(source.len());
    let mut pieces: Vec<Piece> = Vec::new();
    let mut folded: Vec<usize> = vec![0];
    let count = |s: &str| memchr::memchr_iter(b'\n', s.as_bytes()).count();
    let mut pos = 0;
    let find = |from: usize, pat: &str| source[from..].find(pat).map(|i| i + from);
    let mut next_bone = find(0, "/*");
    let mut next_note = find(0, "[[");
    let mut bone_closes = true;
    let mut note_closes = true;
    loop {
        if next_bone.is_some_and(|b| b < pos) {
            next_bone = find(pos, "/*");
        }
        if next_note.is_some_and(|n| n < pos) {
            next_note = find(pos, "[[");
        }
        let (at, boneyard) = match (next_bone, next_note) {
            (Some(b), Some(n)) if b < n => (b, true),
            (Some(b), None) => (b, true),
            (_, Some(n)) => (n, false),
            (None, None) => break,
        };
        let close = if boneyard { "*/" } else { "]]" };
        let closes = if boneyard {
            &mut bone_closes
        } else {
            &mut note_closes
        };
        let end = if *closes { find(at + 2, close) } else { None };
        let Some(end) = end else {
            *closes = false;
            // Unclosed: the opener is text.
            folded.resize(folded.len() + count(&source[pos..at + 2]), 0);
            text.push_str(&source[pos..at + 2]);
            pos = at + 2;
            continue;
        };
        folded.resize(folded.len() + count(&source[pos..at]), 0);
        text.push_str(&source[pos..at]);
        let inner = &source[at + 2..end];
        if let Some(last) = folded.last_mut() {
            *last += count(inner);
        }
        text.push(NOTE);
        text.push_str(&pieces.len().to_string());
        text.push(NOTE_END);
        pieces.push(Piece {
            boneyard,
            text: if boneyard {
                inner.trim_matches('\n').to_string()
            } else {
                inner
                    .split('\n')
                    .map(str::trim)
                    .collect::<Vec<_>>()
                    .join(" ")
                    .trim()
                    .to_string()
            },
        });
        pos = end + 2;
    }
    text.push_str(&source[pos..]);
    (text, pieces, folded)
}
