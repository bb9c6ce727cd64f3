//! `bout fmt`: one canonical layout for `.bout` files (`docs/style.md`).
//!
//! The formatter changes only the space between tokens and where lines
//! break; every token is printed as written (string escapes, `"""` text,
//! durations and clocks keep their spelling), so the tree it parses to is the
//! tree the input parsed to. The tree decides what may be formatted at all
//! (a file with syntax errors is refused); the token stream, comments
//! included, decides the layout:
//!
//! - two spaces of indentation per block; one statement per line (`;`
//!   becomes a line break); `{` ends its header's line, `}` stands alone;
//! - one space between tokens, none before the `:` of a line of dialogue;
//! - a block written on one line that holds one statement and no comment
//!   stays on one line when it fits in [`INLINE_WIDTH`] columns;
//! - blank lines are kept, collapsed to one, but never just inside a block;
//! - in `cast` and `moves` the first three columns (id, role, name; name,
//!   kind, duration) are aligned within each run of lines not broken by a
//!   blank line;
//! - trailing comments on consecutive lines start in one column;
//! - `// bout: fmt off` on a line of its own leaves everything up to
//!   `// bout: fmt on` (or the end of its block) exactly as written.
//!
//! How: the syntax check (`parser::syntax_errors`, which reads one
//! top-level item at a time and keeps no tree) runs on a second thread
//! beside the layout, and the layout is kept only when it finds nothing. So
//! the layout must be total on any text, parsed or not: it never panics,
//! whatever the braces. It reads tokens straight from the lexer and writes
//! lines out in batches.
//!
//! Invariant: the output parses to the same tree (spans aside), keeps every
//! comment's text, and formats to itself. Time and memory are linear in the
//! input.

use crate::diag::Diagnostic;
use crate::span::Span;
use crate::syntax::{self, lexer};

/// The widest line a block may be kept on one line in.
pub const INLINE_WIDTH: usize = 80;

/// The comment that starts a region left as written.
const OFF: &str = "bout: fmt off";
/// The comment that ends it.
const ON: &str = "bout: fmt on";

/// Formats `source`, or returns its syntax errors: a file that does not
/// parse is never formatted (its layout may be the mistake).
pub fn format(source: &str) -> Result<String, Vec<Diagnostic>> {
    // Whether the file parses (read item by item, no tree kept) and its
    // layout are found side by side; the layout is used only when it
    // parses.
    let (errors, formatted) = std::thread::scope(|scope| {
        let errors = scope.spawn(|| syntax::parser::syntax_errors(source));
        let formatted = format_parsed(source);
        let errors = errors
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (errors, formatted)
    });
    if errors.is_empty() {
        Ok(formatted)
    } else {
        Err(errors)
    }
}

/// One token or comment, in source order, as the formatter sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
    /// A token printed as written; `colon` for a dialogue's `:`.
    Text { span: Span, colon: bool },
    /// `{`.
    Open(Span),
    /// `}`.
    Close(Span),
    /// `;`.
    Semi,
    /// A line end.
    Newline,
    /// A `//` comment.
    Comment(Span),
}

/// Lays `source` out. Total on any text; the result means something only
/// when the text parses.
fn format_parsed(source: &str) -> String {
    format_in_batches(source, BATCH)
}

/// [`format_parsed`] writing lines out in batches of about `batch`.
fn format_in_batches(source: &str, batch: usize) -> String {
    let pieces = pieces(source);
    // CRLF when every line end is one; else LF.
    let crlf = source.matches("\r\n").count();
    let newline = if crlf > 0 && crlf == source.bytes().filter(|&b| b == b'\n').count() {
        "\r\n"
    } else {
        "\n"
    };
    let mut out = String::with_capacity(source.len() + source.len() / 8);
    if source.starts_with('\u{feff}') {
        out.push('\u{feff}');
    }
    let mut sink = Sink {
        source,
        newline,
        out: &mut out,
        previous_opens: None,
        batch,
    };
    layout(source, &pieces, &mut sink);
    out
}

/// Where finished lines go: written out in batches, so the lines of a
/// large file are never all held at once.
struct Sink<'o, 's> {
    source: &'s str,
    newline: &'static str,
    out: &'o mut String,
    /// Whether the last line written opens a block (`None` before the first).
    previous_opens: Option<bool>,
    /// How many lines make a batch.
    batch: usize,
}

/// Lines held before a batch is written out, at most about.
const BATCH: usize = 4096;

impl Sink<'_, '_> {
    /// Writes `lines` out.
    fn emit(&mut self, lines: &[Line<'_>], parts: &[Part]) {
        self.previous_opens = emit(
            self.source,
            lines,
            parts,
            self.newline,
            self.previous_opens,
            self.out,
        )
        .or(self.previous_opens);
    }
}

/// The tokens and comments of `source`, merged in source order, read
/// straight from the lexer (no token list is kept).
fn pieces(source: &str) -> Vec<Piece> {
    let mut lexer = lexer::Lexer::new(source);
    // About one token in four bytes of a script.
    let mut out = Vec::with_capacity(source.len() / 4 + 16);
    let mut comments_seen = 0;
    loop {
        lexer.fill(1);
        // The comments read before this token come before it.
        let comments = lexer.comments();
        out.extend(
            comments[comments_seen..]
                .iter()
                .map(|c| Piece::Comment(c.span)),
        );
        comments_seen = comments.len();
        let Some(token) = lexer.queue.pop_front() else {
            break;
        };
        use lexer::TokenKind as K;
        let piece = match token.kind {
            K::LBrace => Piece::Open(token.span),
            K::RBrace => Piece::Close(token.span),
            K::Semi => Piece::Semi,
            K::Newline => Piece::Newline,
            K::Eof => break,
            K::Colon => Piece::Text {
                span: token.span,
                colon: true,
            },
            K::Word
            | K::Id
            | K::Label
            | K::Str(_)
            | K::Int(_)
            | K::Percent(_)
            | K::Flurry(_)
            | K::Range(..)
            | K::Clock(_)
            | K::Duration(_)
            | K::Anchor(_)
            | K::Extension(_)
            | K::Parenthetical(_)
            | K::Arrow
            | K::Amp
            | K::Bad(_) => Piece::Text {
                span: token.span,
                colon: false,
            },
        };
        out.push(piece);
    }
    out
}

/// One line of output.
#[derive(Debug, Default)]
struct Line<'s> {
    /// Blocks it stands in.
    depth: usize,
    /// Its tokens, `parts[start..end]` of the shared list (each as written,
    /// with whether a space goes before it): one list for the file, not
    /// one per line.
    start: usize,
    /// See `start`.
    end: usize,
    /// A comment after the code, or the whole line's comment.
    comment: Option<&'s str>,
    /// Text printed exactly as written (a `fmt off` region), instead of
    /// the parts.
    verbatim: Option<&'s str>,
    /// Whether a blank line came before it in the source.
    blank_before: bool,
    /// Whether it opens a block (ends in `{`).
    opens: bool,
    /// Whether it is a block's closing `}`.
    closes: bool,
    /// The alignment group of a `cast` or `moves` line: lines of one group
    /// align their first three columns.
    group: Option<usize>,
}

/// A token of a line: where it is written, and whether a space goes
/// before it. Twelve bytes, not a string slice: there is one per token.
#[derive(Clone, Copy, Debug)]
struct Part {
    span: Span,
    space: bool,
}

impl Part {
    /// The token as written.
    fn text(self, source: &str) -> &str {
        &source[self.span.range()]
    }
}

impl Line<'_> {
    /// This line's tokens in `parts`.
    fn parts<'p>(&self, parts: &'p [Part]) -> &'p [Part] {
        &parts[self.start..self.end]
    }
}

/// Writes the code of a line's `parts`, without indentation or comment,
/// with `widths` for the first columns when aligned.
fn write_code(source: &str, parts: &[Part], widths: Option<[usize; 3]>, out: &mut String) {
    for (i, part) in parts.iter().enumerate() {
        let text = part.text(source);
        if part.space && i > 0 {
            out.push(' ');
        }
        out.push_str(text);
        if let Some(widths) = widths
            && i < 3
            && i + 1 < parts.len()
        {
            let pad = widths[i].saturating_sub(text.chars().count());
            out.extend(std::iter::repeat_n(' ', pad));
        }
    }
}

/// The width in characters of the code [`write_code`] writes.
fn code_width(source: &str, parts: &[Part], widths: Option<[usize; 3]>) -> usize {
    let mut width = 0;
    for (i, part) in parts.iter().enumerate() {
        let chars = part.text(source).chars().count();
        width += usize::from(part.space && i > 0) + chars;
        if let Some(widths) = widths
            && i < 3
            && i + 1 < parts.len()
        {
            width += widths[i].saturating_sub(chars);
        }
    }
    width
}

/// Reads the pieces into lines and writes them to `sink`, a batch at a
/// time: a batch ends only after a line at the top level with no trailing
/// comment, so no run of aligned columns or comments is ever split.
fn layout<'s>(source: &'s str, pieces: &[Piece], sink: &mut Sink<'_, 's>) {
    let mut out: Vec<Line<'s>> = Vec::with_capacity(BATCH + 64);
    let mut parts: Vec<Part> = Vec::with_capacity(BATCH * 8);
    let part = |span: Span, space: bool| Part { span, space };
    let mut current: Option<Line<'s>> = None;
    let mut newlines = 0usize;
    let mut depth = 0usize;
    // For each open block: the alignment group of its lines, if it is a
    // `cast` or `moves` block.
    let mut groups: Vec<Option<usize>> = Vec::new();
    let mut next_group = 0usize;
    let text = |span: Span| &source[span.range()];
    let mut i = 0;
    while i < pieces.len() {
        let piece = pieces[i];
        let start_line =
            |current: &mut Option<Line<'s>>, newlines: &mut usize, depth: usize, at: usize| {
                if current.is_none() {
                    *current = Some(Line {
                        depth,
                        start: at,
                        end: at,
                        blank_before: *newlines >= 2,
                        ..Line::default()
                    });
                    *newlines = 0;
                }
            };
        match piece {
            Piece::Newline => {
                finish(&mut current, &mut out, &mut parts, sink);
                newlines += 1;
            }
            Piece::Semi => finish(&mut current, &mut out, &mut parts, sink),
            Piece::Comment(span) => {
                let comment = text(span).trim_end();
                let own_line = current.is_none();
                if own_line && comment.trim_start_matches('/').trim() == OFF {
                    let (verbatim, resume) = off_region(source, pieces, i);
                    out.push(Line {
                        depth,
                        start: parts.len(),
                        end: parts.len(),
                        verbatim: Some(verbatim),
                        blank_before: newlines >= 2,
                        ..Line::default()
                    });
                    newlines = 0;
                    i = resume;
                    continue;
                }
                // A blank line before a comment of its own ends a run of
                // aligned lines as one before code does.
                if own_line
                    && newlines >= 2
                    && let Some(Some(group)) = groups.last_mut()
                {
                    next_group += 1;
                    *group = next_group;
                }
                start_line(&mut current, &mut newlines, depth, parts.len());
                if let Some(line) = &mut current {
                    line.comment = Some(comment);
                }
                finish(&mut current, &mut out, &mut parts, sink);
            }
            Piece::Open(open) => {
                start_line(&mut current, &mut newlines, depth, parts.len());
                let line = current.as_mut().expect("a line was started");
                if let Some((inline, close, close_span)) = inline_block(pieces, i) {
                    // `header { statement }` on one line.
                    let width = 2 * depth
                        + code_width(source, &parts[line.start..], None)
                        + 2
                        + inline.len(source);
                    if width <= INLINE_WIDTH {
                        parts.push(part(open, true));
                        parts.extend(inline.parts);
                        parts.push(part(close_span, true));
                        i = close + 1;
                        continue;
                    }
                }
                let keyword = parts.get(line.start).map(|p| p.text(source));
                parts.push(part(open, true));
                line.opens = true;
                // A comment after the `{` stays on the header's line.
                if let Some(Piece::Comment(span)) = pieces.get(i + 1) {
                    line.comment = Some(text(*span).trim_end());
                    i += 1;
                }
                finish(&mut current, &mut out, &mut parts, sink);
                depth += 1;
                groups.push(match keyword {
                    Some("cast" | "moves") => {
                        next_group += 1;
                        Some(next_group)
                    }
                    _ => None,
                });
            }
            Piece::Close(close) => {
                finish(&mut current, &mut out, &mut parts, sink);
                depth = depth.saturating_sub(1);
                groups.pop();
                current = Some(Line {
                    depth,
                    start: parts.len(),
                    end: parts.len(),
                    closes: true,
                    ..Line::default()
                });
                parts.push(part(close, true));
                newlines = 0;
            }
            Piece::Text { span, colon } => {
                start_line(&mut current, &mut newlines, depth, parts.len());
                let line = current.as_mut().expect("a line was started");
                if parts.len() == line.start {
                    // A blank line starts a new run of aligned lines.
                    if let Some(Some(group)) = groups.last_mut()
                        && line.blank_before
                    {
                        next_group += 1;
                        *group = next_group;
                    }
                    line.group = groups.last().copied().flatten();
                }
                parts.push(part(span, !colon));
            }
        }
        i += 1;
    }
    finish(&mut current, &mut out, &mut parts, sink);
    sink.emit(&out, &parts);
}

/// Ends the line being read, if any; writes the lines out when a batch is
/// full and may end here.
fn finish<'s>(
    current: &mut Option<Line<'s>>,
    lines: &mut Vec<Line<'s>>,
    parts: &mut Vec<Part>,
    sink: &mut Sink<'_, 's>,
) {
    if let Some(mut line) = current.take() {
        line.end = parts.len();
        lines.push(line);
    }
    if lines.len() >= sink.batch
        && let Some(last) = lines.last()
        && last.depth == 0
        && last.comment.is_none()
        && last.verbatim.is_none()
    {
        sink.emit(lines, parts);
        lines.clear();
        parts.clear();
    }
}

/// The contents of a block that may stay on one line, with the index and
/// span of its `}`: from the `{` at `open`, tokens only (no comment, no
/// `;`, no line end, no nested block) up to a `}`. Text that does not parse
/// may have no such `}`: then `None`.
fn inline_block(pieces: &[Piece], open: usize) -> Option<(Inline, usize, Span)> {
    let mut parts = Vec::new();
    for (at, piece) in pieces.iter().enumerate().skip(open + 1) {
        match *piece {
            Piece::Text { span, colon } => parts.push(Part {
                span,
                space: !colon,
            }),
            Piece::Close(span) => return Some((Inline { parts }, at, span)),
            Piece::Open(_) | Piece::Semi | Piece::Newline | Piece::Comment(_) => return None,
        }
    }
    None
}

/// A block's contents kept on its header's line.
struct Inline {
    parts: Vec<Part>,
}

impl Inline {
    /// Its width with the braces and spaces around it: ` stmt }` or `}`.
    fn len(&self, source: &str) -> usize {
        let code: usize = self
            .parts
            .iter()
            .map(|p| p.text(source).chars().count() + usize::from(p.space))
            .sum();
        code + 2
    }
}

/// A `fmt off` region starting at the comment at `at`: its text, from the
/// start of the comment's line to the end of the `fmt on` comment's line,
/// or up to the line of the `}` that closes its block, or to the end; and
/// the index of the piece to go on from.
fn off_region<'s>(source: &'s str, pieces: &[Piece], at: usize) -> (&'s str, usize) {
    let Piece::Comment(off) = pieces[at] else {
        unreachable!("a region starts at its comment")
    };
    let start = line_start(source, off.start as usize);
    let mut depth = 0usize;
    let mut own_line = false;
    for (i, piece) in pieces.iter().enumerate().skip(at + 1) {
        match *piece {
            Piece::Open(_) => depth += 1,
            Piece::Close(span) => {
                if depth == 0 {
                    // Up to the line before the block's `}`.
                    let end = line_start(source, span.start as usize);
                    let end = source[..end]
                        .trim_end_matches(['\n', '\r'])
                        .len()
                        .max(start);
                    let resume = pieces[..i]
                        .iter()
                        .rposition(|p| *p == Piece::Newline)
                        .filter(|&n| n > at)
                        .unwrap_or(i);
                    return (source[start..end].trim_end_matches(['\n', '\r']), resume);
                }
                depth -= 1;
            }
            Piece::Comment(span)
                if own_line
                    && depth == 0
                    && source[span.range()].trim_start_matches('/').trim() == ON =>
            {
                let end = span.end as usize;
                return (&source[start..end], i + 1);
            }
            Piece::Newline => {
                own_line = true;
                continue;
            }
            Piece::Text { .. } | Piece::Semi | Piece::Comment(_) => {}
        }
        own_line = false;
    }
    (source[start..].trim_end_matches(['\n', '\r']), pieces.len())
}

/// The offset where the line holding `offset` starts.
fn line_start(source: &str, offset: usize) -> usize {
    source[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// Writes the lines: indentation, blank lines, aligned columns and
/// trailing comments.
fn emit(
    source: &str,
    lines: &[Line<'_>],
    parts: &[Part],
    newline: &str,
    previous_opens: Option<bool>,
    out: &mut String,
) -> Option<bool> {
    let widths = column_widths(source, lines, parts);
    let widths_of = |line: &Line<'_>| line.group.and_then(|g| widths.get(&g).copied());
    let comment_columns = comment_columns(source, lines, parts, &widths_of);
    for (i, line) in lines.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| lines[p].opens).or(previous_opens);
        let blank = line.blank_before && previous == Some(false) && !line.closes;
        if blank {
            out.push_str(newline);
        }
        if let Some(verbatim) = line.verbatim {
            out.push_str(verbatim);
            out.push_str(newline);
            continue;
        }
        let indent = 2 * line.depth;
        out.extend(std::iter::repeat_n(' ', indent));
        write_code(source, line.parts(parts), widths_of(line), out);
        if let Some(comment) = line.comment {
            if line.end > line.start {
                let width = code_width(source, line.parts(parts), widths_of(line));
                let column = comment_columns
                    .get(&i)
                    .copied()
                    .unwrap_or(0)
                    .max(indent + width + 2);
                out.extend(std::iter::repeat_n(' ', column - indent - width));
            }
            out.push_str(comment);
        }
        out.push_str(newline);
    }
    lines.last().map(|line| line.opens)
}

/// The widths of the first three columns of each alignment group (the lines
/// of one `cast` or `moves` block not broken by a blank line).
fn column_widths(
    source: &str,
    lines: &[Line<'_>],
    parts: &[Part],
) -> std::collections::HashMap<usize, [usize; 3]> {
    let mut widths = std::collections::HashMap::new();
    for line in lines {
        let Some(group) = line.group else { continue };
        let line = line.parts(parts);
        let entry: &mut [usize; 3] = widths.entry(group).or_default();
        // A column is padded only where another follows it, so only those
        // lines set its width.
        for (column, width) in entry.iter_mut().enumerate() {
            if column + 1 < line.len() {
                *width = (*width).max(line[column].text(source).chars().count());
            }
        }
    }
    widths
}

/// For each line with a trailing comment, the column its comment starts
/// in: one column for each run of consecutive lines with trailing comments
/// at the same depth.
fn comment_columns(
    source: &str,
    lines: &[Line<'_>],
    parts: &[Part],
    widths_of: &dyn Fn(&Line<'_>) -> Option<[usize; 3]>,
) -> std::collections::HashMap<usize, usize> {
    let mut columns = std::collections::HashMap::new();
    let trailing = |i: usize| {
        let line = &lines[i];
        line.comment.is_some() && line.end > line.start && line.verbatim.is_none()
    };
    let mut i = 0;
    while i < lines.len() {
        if !trailing(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < lines.len()
            && trailing(j + 1)
            && lines[j + 1].depth == lines[i].depth
            && !lines[j + 1].blank_before
        {
            j += 1;
        }
        let column = (i..=j)
            .map(|k| {
                2 * lines[k].depth
                    + code_width(source, lines[k].parts(parts), widths_of(&lines[k]))
                    + 2
            })
            .max()
            .unwrap_or(0);
        for k in i..=j {
            columns.insert(k, column);
        }
        i = j + 1;
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writing lines out in batches changes nothing: the smallest batches
    /// (a flush at every chance) give the same text as one batch.
    #[test]
    fn batches_change_nothing() {
        let mut sources: Vec<String> =
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
                .expect("examples")
                .flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "bout"))
                .map(|e| std::fs::read_to_string(e.path()).expect("readable"))
                .collect();
        sources.push(crate::generate::script(2, 7));
        sources.push(
            "title \"T\"  // one\nauthor \"A\" // two\n\n\ncast {\n  R fighter \"R\"\n}\n// last\n"
                .to_owned(),
        );
        for source in &sources {
            assert_eq!(
                format_in_batches(source, 1),
                format_in_batches(source, usize::MAX)
            );
        }
    }
}
