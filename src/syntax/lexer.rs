//! The lexer: source text to tokens, each token read by a nom parser.
//!
//! Invariants: the token list always ends with one [`TokenKind::Eof`]; every
//! line end is a [`TokenKind::Newline`] token (comments are set aside). A
//! mistake inside a string is reported here, and the string token stays
//! usable; a malformed token becomes [`TokenKind::Bad`] carrying its
//! diagnostic, so that the parser reports it only if it is not already
//! skipping that statement for an earlier mistake.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::tag,
    character::complete::{char, digit1, satisfy},
    combinator::{all_consuming, opt, recognize},
    sequence::{preceded, separated_pair, terminated},
};

use std::collections::VecDeque;

use super::ast::{Comment, Duration};
use crate::diag::{self, Diagnostic};
use crate::span::Span;

/// One token.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What was read.
    pub kind: TokenKind,
    /// Where.
    pub span: Span,
    /// Whether this is the first token on its line.
    pub first_on_line: bool,
}

/// The kinds of token. Words, ids and labels keep their text in the source,
/// at the token's span (a label's without its `#`).
#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    /// A lower-case word: `[a-z]+(-[a-z]+)*`.
    Word,
    /// A cast id: `[A-Z][A-Z0-9_]*`.
    Id,
    /// `#word`.
    Label,
    /// A `"…"` or `"""…"""` string, cooked.
    Str(String),
    /// An integer.
    Int(u32),
    /// `75%`.
    Percent(u32),
    /// `x3`.
    Flurry(u32),
    /// `3..14`.
    Range(u32, u32),
    /// `m:ss` or `m:ss.f`.
    Clock(Duration),
    /// `2s`, `1.5s`, `400ms`.
    Duration(Duration),
    /// `@m:ss`.
    Anchor(Duration),
    /// `[V.O.]`: the text between the brackets.
    Extension(String),
    /// `(flat)`: the text between the parentheses.
    Parenthetical(String),
    /// `->`.
    Arrow,
    /// `&`.
    Amp,
    /// `:`.
    Colon,
    /// `;`.
    Semi,
    /// `{`.
    LBrace,
    /// `}`.
    RBrace,
    /// A line end.
    Newline,
    /// Something malformed, with its diagnostic. The parser reports it
    /// when it meets the token, and drops it when it skips the token while
    /// recovering from an earlier mistake on the same statement.
    Bad(Box<Diagnostic>),
    /// The end of the file.
    Eof,
}

/// What the lexer read from one file.
#[derive(Debug)]
pub struct Lexed {
    /// The tokens, ending in `Eof`.
    pub tokens: Vec<Token>,
    /// The comments.
    pub comments: Vec<Comment>,
    /// Mistakes inside strings (those of malformed tokens ride on the tokens).
    pub diagnostics: Vec<Diagnostic>,
}

/// Splits all of `source` into tokens at once. Never fails. The parser
/// does not use this: it pulls tokens from a [`Lexer`] as it goes, so a
/// large script is never held as a token list.
pub fn lex(source: &str) -> Lexed {
    let mut lexer = Lexer::new(source);
    let mut tokens = Vec::new();
    loop {
        lexer.fill(1);
        let Some(token) = lexer.queue.pop_front() else {
            break;
        };
        let end = matches!(token.kind, TokenKind::Eof);
        tokens.push(token);
        if end {
            break;
        }
    }
    let (comments, diagnostics) = lexer.finish();
    Lexed {
        tokens,
        comments,
        diagnostics,
    }
}

/// The tokens of `source` within `span` (a node's span), each with its
/// span: every keyword, `->`, `&`, `@` anchor, label, brace and value of a
/// node, as tools need them, read again on demand rather than kept in the
/// tree. `span` must start at a token, as every node's span does.
pub fn tokens_in(source: &str, span: Span) -> Vec<Token> {
    let mut lexer = Lexer::new(source);
    lexer.pos = lexer.pos.max(span.start as usize);
    let mut tokens = Vec::new();
    loop {
        lexer.fill(1);
        let Some(token) = lexer.queue.pop_front() else {
            break;
        };
        if matches!(token.kind, TokenKind::Eof) || token.span.start >= span.end {
            break;
        }
        tokens.push(token);
    }
    tokens
}

/// A lexer that produces tokens on demand into a small queue.
///
/// Invariant: once the end is reached, the queue ends in one `Eof` token
/// and nothing more is ever queued.
pub struct Lexer<'s> {
    source: &'s str,
    pos: usize,
    first_on_line: bool,
    done: bool,
    /// Tokens read but not yet taken, in order.
    pub queue: VecDeque<Token>,
    comments: Vec<Comment>,
    diagnostics: Vec<Diagnostic>,
    /// Set once a `"""` found no closing `"""` after this offset: none
    /// follows any later one either, so the search is not repeated (a file
    /// of unclosed `"""` stays linear).
    no_close_after: Option<usize>,
}

impl<'s> Lexer<'s> {
    /// A lexer at the start of `source`, past a byte-order mark.
    pub fn new(source: &'s str) -> Lexer<'s> {
        let pos = if source.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        Lexer {
            source,
            pos,
            first_on_line: true,
            done: false,
            queue: VecDeque::with_capacity(16),
            comments: Vec::new(),
            diagnostics: Vec::new(),
            no_close_after: None,
        }
    }

    /// A lexer at byte `pos` of `source`, which must be a line start: as
    /// if it had read everything before (for a parse begun mid-file).
    pub fn starting_at(source: &'s str, pos: usize) -> Lexer<'s> {
        let mut lexer = Lexer::new(source);
        lexer.pos = lexer.pos.max(pos);
        lexer
    }

    /// Reads until `n` tokens are queued or the end is queued.
    pub fn fill(&mut self, n: usize) {
        while self.queue.len() < n && !self.done {
            self.step();
        }
    }

    /// The comments read so far, in source order: each comes before the
    /// tokens queued after it was read.
    pub fn comments(&self) -> &[Comment] {
        &self.comments
    }

    /// The comments and string diagnostics, once lexing is over.
    pub fn finish(self) -> (Vec<Comment>, Vec<Diagnostic>) {
        (self.comments, self.diagnostics)
    }

    /// Reads one token (or one comment) from the source.
    fn step(&mut self) {
        {
            let rest = &self.source[self.pos..];
            let skipped = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            self.pos += skipped;
            let rest = &self.source[self.pos..];
            let Some(c) = rest.chars().next() else {
                self.push(TokenKind::Eof, self.pos);
                self.done = true;
                return;
            };
            let start = self.pos;
            match c {
                '\n' => self.newline(start, 1),
                '\r' if rest.starts_with("\r\n") => self.newline(start, 2),
                // A lone `\r` ends a line too (old Mac files), as in
                // `lines::line_starts`.
                '\r' => self.newline(start, 1),
                '/' if rest.starts_with("//") => {
                    let end = line_end(self.source, start);
                    hidden_characters(&self.source[start..end], start, &mut self.diagnostics);
                    self.comments.push(Comment {
                        text: self.source[start + 2..end]
                            .trim_end_matches('\r')
                            .to_owned(),
                        span: Span::new(start, end),
                    });
                    self.pos = end;
                }
                '"' if rest.starts_with("\"\"\"") => self.text_block(start),
                '"' => self.string(start),
                '{' => self.single(TokenKind::LBrace),
                '}' => self.single(TokenKind::RBrace),
                ';' => self.single(TokenKind::Semi),
                '&' => self.single(TokenKind::Amp),
                ':' => self.single(TokenKind::Colon),
                '-' if rest.starts_with("->") => {
                    self.pos += 2;
                    self.push(TokenKind::Arrow, start);
                }
                '[' => self.enclosed(start, ']', "cue extension"),
                '(' => self.enclosed(start, ')', "parenthetical"),
                '#' => self.label(start),
                '@' => self.anchor(start),
                '0'..='9' => self.number(start),
                'x' if rest[1..].starts_with(|c: char| c.is_ascii_digit()) => self.flurry(start),
                'a'..='z' => {
                    let (_, len) = word_len(rest).unwrap_or(("", 1));
                    self.pos += len;
                    self.push(TokenKind::Word, start);
                }
                'A'..='Z' | '_' => self.ident(start),
                _ => {
                    self.pos += c.len_utf8();
                    let shown = if is_hidden(c) {
                        format!("U+{:04X}", c as u32)
                    } else if c.is_whitespace() {
                        format!("{c:?}")
                    } else {
                        format!("`{c}`")
                    };
                    self.bad(
                        Diagnostic::new(
                            &diag::INVALID_CHARACTER,
                            Span::new(start, self.pos),
                            format!("unexpected character {shown}"),
                        )
                        .label("not part of any token")
                        .help("remove it, or put it inside a string"),
                        start,
                    );
                }
            }
        }
    }

    fn push(&mut self, kind: TokenKind, start: usize) {
        let first_on_line = std::mem::replace(&mut self.first_on_line, false);
        self.queue.push_back(Token {
            kind,
            span: Span::new(start, self.pos),
            first_on_line,
        });
    }

    fn single(&mut self, kind: TokenKind) {
        let start = self.pos;
        self.pos += 1;
        self.push(kind, start);
    }

    fn newline(&mut self, start: usize, len: usize) {
        self.pos += len;
        self.push(TokenKind::Newline, start);
        self.first_on_line = true;
    }

    fn bad(&mut self, diagnostic: Diagnostic, start: usize) {
        self.push(TokenKind::Bad(Box::new(diagnostic)), start);
    }

    fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn string(&mut self, start: usize) {
        let body_start = start + 1;
        let bytes = self.source.as_bytes();
        let mut i = body_start;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' if i + 1 < bytes.len() && bytes[i + 1] != b'\n' && bytes[i + 1] != b'\r' => {
                    i += 2
                }
                b'"' | b'\n' | b'\r' => break,
                _ => i += 1,
            }
        }
        // `i` may sit inside a multi-byte character only after a backslash.
        while !self.source.is_char_boundary(i) {
            i += 1;
        }
        let closed = bytes.get(i) == Some(&b'"');
        let raw = &self.source[body_start..i];
        hidden_characters(raw, body_start, &mut self.diagnostics);
        let value = cook(raw, body_start, &mut self.diagnostics);
        if closed {
            self.pos = i + 1;
        } else {
            self.pos = i;
            self.error(
                Diagnostic::new(
                    &diag::UNTERMINATED_STRING,
                    Span::new(start, start + 1),
                    "unterminated string",
                )
                .label("this string is never closed on its line")
                .help("close it with `\"` before the line ends, or use `\"\"\"` for text of several lines"),
            );
        }
        self.push(TokenKind::Str(value), start);
    }

    fn text_block(&mut self, start: usize) {
        let body_start = start + 3;
        let close = match self.no_close_after {
            Some(after) if body_start >= after => None,
            _ => text_close(&self.source[body_start..]),
        };
        if close.is_none() {
            self.no_close_after = Some(body_start);
        }
        match close {
            Some(offset) => {
                let raw = &self.source[body_start..body_start + offset];
                hidden_characters(raw, body_start, &mut self.diagnostics);
                // Escapes are reported against the raw text, where their
                // offsets are true, and applied after dedenting.
                cook(raw, body_start, &mut self.diagnostics);
                let value = cook(&dedent(raw), body_start, &mut Vec::new());
                self.pos = body_start + offset + 3;
                self.push(TokenKind::Str(value), start);
            }
            None => {
                self.error(
                    Diagnostic::new(
                        &diag::UNCLOSED_TEXT,
                        Span::new(start, body_start),
                        "unclosed text block",
                    )
                    .label("this `\"\"\"` is never closed")
                    .help("end the text with `\"\"\"`"),
                );
                // Resume on the next line, as if the text were that line's rest.
                let end = line_end(self.source, start);
                let raw = self.source[body_start..end].trim_end_matches('\r');
                self.pos = end;
                self.push(TokenKind::Str(raw.to_owned()), start);
            }
        }
    }

    fn enclosed(&mut self, start: usize, close: char, what: &str) {
        let end = line_end(self.source, start);
        let line = &self.source[start + 1..end];
        match line.find(close) {
            Some(offset) => {
                hidden_characters(&line[..offset], start + 1, &mut self.diagnostics);
                let text = line[..offset].trim().to_owned();
                self.pos = start + 1 + offset + 1;
                let kind = if close == ')' {
                    TokenKind::Parenthetical(text)
                } else {
                    TokenKind::Extension(text)
                };
                self.push(kind, start);
            }
            None => {
                self.pos = end;
                self.bad(
                    Diagnostic::new(
                        &diag::UNEXPECTED_TOKEN,
                        Span::new(start, start + 1),
                        format!("unclosed {what}"),
                    )
                    .label(format!(
                        "this `{}` is never closed on its line",
                        &self.source[start..start + 1]
                    ))
                    .help(format!("close the {what} with `{close}`")),
                    start,
                );
            }
        }
    }

    fn label(&mut self, start: usize) {
        self.pos += 1;
        match word_len(&self.source[self.pos..]) {
            Some((_, len)) => {
                // `#r1`, `#Round_2`: the rest of a name a writer meant as
                // one. Read as one label (so that its `after`s still find
                // it), with one error, not a stray number after `#r` and
                // a label "defined twice" for each of `#r2`, `#r3`.
                let rest = self.source.as_bytes()[self.pos + len..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'-')
                    .count();
                self.pos += len + rest;
                if rest > 0 {
                    // ASCII only; cut short, as a name may be a megabyte.
                    let text = &self.source[start..self.pos.min(start + 40)];
                    let more = if self.pos > start + 40 { "…" } else { "" };
                    self.error(
                        Diagnostic::new(
                            &diag::UNEXPECTED_TOKEN,
                            Span::new(start, self.pos),
                            format!("label `{text}{more}` is not lower-case letters"),
                        )
                        .label("a label holds a–z and hyphens only")
                        .help(
                            "spell it in lower-case words joined by hyphens, such as `#round-one`",
                        ),
                    );
                }
                self.push(TokenKind::Label, start);
            }
            None => {
                self.bad(
                    Diagnostic::new(
                        &diag::UNEXPECTED_TOKEN,
                        Span::new(start, start + 1),
                        "label without a name",
                    )
                    .label("`#` must be followed by a lower-case word")
                    .help("write a label as `#first-knockdown`"),
                    start,
                );
            }
        }
    }

    fn anchor(&mut self, start: usize) {
        self.pos += 1;
        let chunk = number_chunk(&self.source[self.pos..]);
        let chunk_span = Span::new(self.pos, self.pos + chunk.len());
        self.pos += chunk.len();
        match all_consuming(clock).parse(chunk) {
            Ok((_, Some(duration))) => {
                let kind = TokenKind::Anchor(duration);
                match too_large(&kind, chunk_span) {
                    Some(diagnostic) => self.bad(diagnostic, start),
                    None => self.push(kind, start),
                }
            }
            _ => {
                let span = if chunk.is_empty() {
                    Span::new(start, start + 1)
                } else {
                    chunk_span
                };
                self.bad(
                    Diagnostic::new(&diag::MALFORMED_CLOCK, span, "malformed clock anchor")
                        .label("expected a clock time `m:ss` here")
                        .help("write an anchor as `@1:32`: minutes, a colon, two-digit seconds (00–59)"),
                start,
                );
            }
        }
    }

    fn flurry(&mut self, start: usize) {
        let digits = self.source[start + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        self.pos = start + 1 + digits;
        // Too many digits for a `u32` is still a flurry, too large.
        let n = self.source[start + 1..self.pos].parse().unwrap_or(u32::MAX);
        let span = Span::new(start, self.pos);
        if n == 0 {
            self.bad(
                Diagnostic::new(&diag::MALFORMED_NUMBER, span, "flurry of no blows")
                    .label("`x0` throws nothing")
                    .help("a flurry counts its blows, from `x2` to `x100`; leave it out for one"),
                start,
            );
            return;
        }
        match too_large(&TokenKind::Flurry(n), span) {
            Some(diagnostic) => self.bad(diagnostic, start),
            None => self.push(TokenKind::Flurry(n), start),
        }
    }

    fn ident(&mut self, start: usize) {
        let rest = &self.source[start..];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        self.pos = start + len;
        let text = &rest[..len];
        if text.starts_with('_') || text.bytes().any(|b| b.is_ascii_lowercase()) {
            self.bad(
                Diagnostic::new(
                    &diag::MALFORMED_NAME,
                    Span::new(start, self.pos),
                    format!("malformed name `{text}`"),
                )
                .label("names mix upper and lower case")
                .help(format!(
                    "cast ids are upper case, such as `{}`; keywords are lower case",
                    text.trim_start_matches('_').to_ascii_uppercase()
                )),
                start,
            );
        } else {
            self.push(TokenKind::Id, start);
        }
    }

    fn number(&mut self, start: usize) {
        let chunk = number_chunk(&self.source[start..]);
        self.pos = start + chunk.len();
        let span = Span::new(start, self.pos);
        let kind = if let Ok((_, (a, b))) = all_consuming(range).parse(chunk) {
            Some(TokenKind::Range(
                a.parse().unwrap_or(u32::MAX),
                b.parse().unwrap_or(u32::MAX),
            ))
        } else if let Ok((_, clock)) = all_consuming(clock).parse(chunk) {
            clock.map(TokenKind::Clock)
        } else if let Ok((_, duration)) = all_consuming(unit_duration).parse(chunk) {
            duration.map(TokenKind::Duration)
        } else if let Ok((_, digits)) =
            all_consuming(terminated(digit1::<&str, ()>, char('%'))).parse(chunk)
        {
            Some(TokenKind::Percent(digits.parse().unwrap_or(u32::MAX)))
        } else if let Ok((_, digits)) = all_consuming(digit1::<&str, ()>).parse(chunk) {
            // Too many digits for a `u32` is still a number, too large.
            Some(TokenKind::Int(digits.parse().unwrap_or(u32::MAX)))
        } else {
            None
        };
        match kind {
            Some(kind) => match too_large(&kind, span) {
                Some(diagnostic) => self.bad(diagnostic, start),
                None => self.push(kind, start),
            },
            None => {
                self.bad(malformed_number(chunk, span), start);
            }
        }
    }
}

/// The longest duration or clock a script may hold: a day. Both clocks add
/// such values up, so bounding each keeps every sum exact in a `u64` of
/// milliseconds, and every export's size bound by the script's length.
pub const MAX_MILLIS: u64 = 24 * 60 * 60 * 1000;

/// The largest whole number a script may hold (rounds, round numbers,
/// counts, percentages, range ends).
pub const MAX_NUMBER: u32 = 1000;

/// The largest flurry, `x100`.
pub const MAX_FLURRY: u32 = 100;

/// The `value-too-large` diagnostic when a numeric token is past its
/// maximum.
fn too_large(kind: &TokenKind, span: Span) -> Option<Diagnostic> {
    let (what, max) = match *kind {
        TokenKind::Clock(d) | TokenKind::Duration(d) | TokenKind::Anchor(d)
            if d.millis > MAX_MILLIS =>
        {
            (
                "duration longer than a day",
                "durations and clocks are at most 24 hours (`1440:00`)",
            )
        }
        TokenKind::Int(n) | TokenKind::Percent(n) if n > MAX_NUMBER => (
            "number too large",
            "whole numbers in a script are at most 1,000",
        ),
        TokenKind::Range(a, b) if a.max(b) > MAX_NUMBER => {
            ("range too large", "rounds are numbered up to 1,000")
        }
        TokenKind::Flurry(n) if n > MAX_FLURRY => (
            "flurry too large",
            "a flurry is at most `x100`; split a longer one",
        ),
        _ => return None,
    };
    Some(
        Diagnostic::new(&diag::VALUE_TOO_LARGE, span, what)
            .label("past the maximum")
            .help(max),
    )
}

/// The diagnostic for a numeric chunk that reads as nothing, by what it
/// looks like it meant to be.
fn malformed_number(chunk: &str, span: Span) -> Diagnostic {
    if chunk.contains(':') {
        Diagnostic::new(
            &diag::MALFORMED_CLOCK,
            span,
            format!("malformed clock `{chunk}`"),
        )
        .label("not a clock time")
        .help("write a clock as `m:ss` or `m:ss.f`, with seconds from 00 to 59, such as `2:50`")
    } else if chunk.ends_with('%') {
        Diagnostic::new(
            &diag::MALFORMED_PERCENTAGE,
            span,
            format!("malformed percentage `{chunk}`"),
        )
        .label("not a percentage")
        .help("write a percentage as whole digits and `%`, such as `75%`")
    } else if chunk.bytes().any(|b| b.is_ascii_alphabetic())
        || chunk.contains('.') && !chunk.contains("..")
    {
        Diagnostic::new(&diag::MALFORMED_DURATION, span, format!("malformed duration `{chunk}`"))
            .label("not a duration")
            .help("write a duration as a number with a unit (`2s`, `1.5s`, `400ms`) or as a clock (`0:07.5`)")
    } else {
        Diagnostic::new(
            &diag::MALFORMED_NUMBER,
            span,
            format!("malformed number `{chunk}`"),
        )
        .label("not a number")
        .help("write a whole number (`15`) or a range of rounds (`3..14`)")
    }
}

/// The greedy run of characters that could belong to a numeric token.
fn number_chunk(s: &str) -> &str {
    let len = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '%')))
        .unwrap_or(s.len());
    &s[..len]
}

/// Where the line holding `from` ends: at its `\n`, `\r\n` or lone `\r`.
fn line_end(source: &str, from: usize) -> usize {
    source[from..]
        .find(['\n', '\r'])
        .map_or(source.len(), |i| from + i)
}

/// The length of the word at the start of `s`: `[a-z]+(-[a-z]+)*`.
fn word_len(s: &str) -> Option<(&str, usize)> {
    // `[a-z]+ ( "-" [a-z]+ )*`, by hand: the lexer's hottest loop (every
    // keyword and technique), and a `-` not followed by a letter is left.
    let bytes = s.as_bytes();
    let letters = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_lowercase())
            .count()
    };
    let mut len = letters(0);
    if len == 0 {
        return None;
    }
    while bytes.get(len) == Some(&b'-') {
        let more = letters(len + 1);
        if more == 0 {
            break;
        }
        len += 1 + more;
    }
    Some((&s[len..], len))
}

/// `a..b`.
fn range(s: &str) -> IResult<&str, (&str, &str)> {
    separated_pair(digit1, tag(".."), digit1).parse(s)
}

/// `m:ss` or `m:ss.f`; `None` when the digits are out of range.
fn clock(s: &str) -> IResult<&str, Option<Duration>> {
    let two_digits = recognize((
        satisfy(|c| c.is_ascii_digit()),
        satisfy(|c| c.is_ascii_digit()),
    ));
    let (rest, (minutes, seconds, fraction)) = (
        terminated(digit1, char(':')),
        two_digits,
        opt(preceded(char('.'), digit1)),
    )
        .parse(s)?;
    let value = (|| {
        // Too many minutes saturates: `value-too-large` reports it.
        let minutes: u64 = minutes.parse().unwrap_or(u64::MAX);
        let seconds: u64 = seconds.parse().ok()?;
        if seconds > 59 {
            return None;
        }
        let millis = fraction.map_or(Some(0), fraction_millis)?;
        Some(Duration::from_millis(
            minutes
                .saturating_mul(60_000)
                .saturating_add(seconds * 1000 + millis),
        ))
    })();
    Ok((rest, value))
}

/// `2s`, `1.5s`, `400ms`.
fn unit_duration(s: &str) -> IResult<&str, Option<Duration>> {
    let (rest, (whole, fraction, unit)) = (
        digit1,
        opt(preceded(char('.'), digit1)),
        alt((tag("ms"), tag("s"))),
    )
        .parse(s)?;
    let value = (|| {
        // Too many digits saturates: `value-too-large` reports it.
        let whole: u64 = whole.parse().unwrap_or(u64::MAX);
        let fraction = fraction.map_or(Some(0), fraction_millis)?;
        let millis = if unit == "ms" {
            if fraction != 0 {
                return None;
            }
            whole
        } else {
            whole.saturating_mul(1000).saturating_add(fraction)
        };
        Some(Duration::from_millis(millis))
    })();
    Ok((rest, value))
}

/// The decimal fraction `digits` (after a point) in whole milliseconds.
fn fraction_millis(digits: &str) -> Option<u64> {
    if digits.len() > 3 {
        return None;
    }
    let value: u64 = digits.parse().ok()?;
    Some(value * 10u64.pow(3 - digits.len() as u32))
}

/// Whether `c` is a character that must not stand in a script's text: a
/// control character other than tab and line feed (terminal escapes, NUL),
/// or a bidirectional embedding, override or isolate (the "Trojan Source"
/// characters that make text display in an order other than its own).
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Reports the first hidden character (see [`is_hidden`]) of a string,
/// text, parenthetical or comment, which starts at byte `base`.
fn hidden_characters(text: &str, base: usize, diagnostics: &mut Vec<Diagnostic>) {
    // A `\r` here is part of a line end (`"""` text spans lines).
    let Some((i, c)) = text
        .char_indices()
        .find(|&(_, c)| is_hidden(c) && c != '\r')
    else {
        return;
    };
    diagnostics.push(
        Diagnostic::new(
            &diag::INVALID_CHARACTER,
            Span::new(base + i, base + i + c.len_utf8()),
            format!("invisible character U+{:04X} in text", c as u32),
        )
        .label("a control or text-direction character")
        .help("remove it: control characters and bidirectional overrides would reach readers' terminals and documents hidden"),
    );
}

/// Applies the string escapes to `raw`, which starts at byte `base` of the
/// source, reporting bad ones.
fn cook(raw: &str, base: usize, diagnostics: &mut Vec<Diagnostic>) -> String {
    if !raw.contains('\\') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(&(_, next)) = chars.peek() else {
            out.push('\\');
            break;
        };
        chars.next();
        match next {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            // Kept as written: the screenplay reads `\*` and `\_` as the
            // characters, not as emphasis (docs/language.md, Strings).
            '*' | '_' => {
                out.push('\\');
                out.push(next);
            }
            'u' => {
                let rest = &raw[i + 2..];
                let parsed = rest
                    .strip_prefix('{')
                    .and_then(|r| r.find('}').map(|end| &r[..end]))
                    .filter(|hex| (1..=6).contains(&hex.len()));
                let value = parsed
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .and_then(char::from_u32);
                match (parsed, value) {
                    (Some(hex), Some(ch)) if is_hidden(ch) => {
                        diagnostics.push(
                            Diagnostic::new(
                                &diag::INVALID_ESCAPE,
                                Span::new(base + i, base + i + hex.len() + 4),
                                format!("escape for the invisible character U+{:04X}", ch as u32),
                            )
                            .label("a control or text-direction character")
                            .help("write the text itself; control characters and bidirectional overrides would reach readers' terminals and documents hidden"),
                        );
                        for _ in 0..hex.len() + 2 {
                            chars.next();
                        }
                    }
                    (Some(hex), Some(ch)) => {
                        out.push(ch);
                        for _ in 0..hex.len() + 2 {
                            chars.next();
                        }
                    }
                    _ => {
                        let len = parsed.map_or(2, |hex| hex.len() + 4);
                        diagnostics.push(
                            Diagnostic::new(
                                &diag::INVALID_ESCAPE,
                                Span::new(base + i, base + i + len.min(raw.len() - i)),
                                "invalid unicode escape",
                            )
                            .label("not a unicode scalar value")
                            .help("write a unicode escape as `\\u{1F94A}`: one to six hex digits in braces"),
                        );
                    }
                }
            }
            other => {
                diagnostics.push(
                    Diagnostic::new(
                        &diag::INVALID_ESCAPE,
                        Span::new(base + i, base + i + 1 + other.len_utf8()),
                        format!("unknown escape `\\{other}`"),
                    )
                    .label("not an escape")
                    .help("the escapes are `\\\"` `\\\\` `\\n` `\\t` `\\*` `\\_` `\\u{…}`; write `\\\\` for a backslash"),
                );
                out.push(other);
            }
        }
    }
    out
}

/// Removes the common leading indentation of a `"""` text's lines, and the
/// line breaks just inside its quotes.
fn dedent(raw: &str) -> String {
    let raw = raw.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = raw.split('\n').collect();
    if lines.len() > 1 && lines[0].trim().is_empty() {
        lines.remove(0);
    }
    if lines.len() > 1 && lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where the closing `"""` of a text starts in `body` (the text after its
/// opening quotes): the first `"""` not preceded by an escaping backslash,
/// so `\"` inside a text, as in a string, does not end it. One pass; when
/// none is found, none is found from any later opening either (the bytes
/// before an opening are quotes, so a later scan is in step with this one).
fn text_close(body: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' if bytes[i..].starts_with(b"\"\"\"") => return Some(i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_in_a_node_carry_their_spans() {
        let source = "round 1 {\n  @0:15 & DRAGO jab head -> ROCKY hit #a after #b\n}\n";
        let start = source.find('@').unwrap();
        let end = source.find("#b").unwrap() + 2;
        let texts: Vec<&str> = tokens_in(source, Span::new(start, end))
            .iter()
            .map(|t| &source[t.span.range()])
            .collect();
        assert_eq!(
            texts,
            [
                "@0:15", "&", "DRAGO", "jab", "head", "->", "ROCKY", "hit", "#a", "after", "#b"
            ]
        );
    }

    fn kinds(source: &str) -> Vec<TokenKind> {
        lex(source).tokens.into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn numbers_clocks_and_durations() {
        use TokenKind::*;
        let ms = super::Duration::from_millis;
        assert_eq!(
            kinds("15 75% x3 3..14 3:00 0:07.5 2s 1.5s 400ms @1:32"),
            vec![
                Int(15),
                Percent(75),
                Flurry(3),
                Range(3, 14),
                Clock(ms(180_000)),
                Clock(ms(7_500)),
                Duration(ms(2_000)),
                Duration(ms(1_500)),
                Duration(ms(400)),
                Anchor(ms(92_000)),
                Eof
            ]
        );
    }

    #[test]
    fn words_split_at_arrows() {
        let lexed = lex("head->ROCKY");
        assert_eq!(lexed.tokens[0].span, Span::new(0, 4));
        assert_eq!(lexed.tokens[1].kind, TokenKind::Arrow);
        assert_eq!(lexed.tokens[2].kind, TokenKind::Id);
    }

    #[test]
    fn escaped_quote_does_not_close_a_text() {
        // `"""He said \"no.\""""`: the `\"` before the closing quotes is text.
        let lexed = lex("\"\"\"He said \\\"no.\\\"\"\"\" x");
        assert_eq!(
            lexed.tokens[0].kind,
            TokenKind::Str("He said \"no.\"".into())
        );
        assert!(lexed.diagnostics.is_empty(), "{:?}", lexed.diagnostics);
        // An escaped backslash does not escape the quote after it.
        let lexed = lex("\"\"\"a\\\\\"\"\"");
        assert_eq!(lexed.tokens[0].kind, TokenKind::Str("a\\".into()));
        assert!(lexed.diagnostics.is_empty(), "{:?}", lexed.diagnostics);
        // Only escaped quotes: the text is never closed.
        assert!(!lex("\"\"\"a\\\"\"\"").diagnostics.is_empty());
    }

    #[test]
    fn escapes_and_text_blocks() {
        let lexed = lex("\"a\\\"b\\u{1F94A}\" \"\"\"\n    one\n      two\n    \"\"\"");
        assert_eq!(lexed.tokens[0].kind, TokenKind::Str("a\"b🥊".into()));
        assert_eq!(lexed.tokens[1].kind, TokenKind::Str("one\n  two".into()));
        assert!(lexed.diagnostics.is_empty());
    }

    #[test]
    fn bad_seconds_are_a_malformed_clock() {
        let lexed = lex("@1:75");
        match &lexed.tokens[0].kind {
            TokenKind::Bad(diagnostic) => assert_eq!(diagnostic.code.code, "S011"),
            other => panic!("expected a bad token, got {other:?}"),
        }
    }
}
