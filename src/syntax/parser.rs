//! The parser: tokens to a [`Script`], with error recovery.
//!
//! Statements are line-oriented, so the parser is a recursive descent over
//! the lexer's tokens, one function per production (see `grammar/README.md`).
//! Recovery: after a mistake the rest of the statement is skipped up to its
//! end (line end, `;`, or just before `}`), skipping whole blocks on the way;
//! a broken header whose line ends in `{` still opens its block; a block whose
//! `}` is missing is closed where something appears that cannot nest in it
//! (a `round` in a round, a `scene` in a scene) or where a less indented `}`
//! closes an outer block.
//!
//! Invariant: at most one diagnostic per statement from the parser; a
//! malformed token ([`TokenKind::Bad`]) is reported when the parser meets
//! it, and dropped when recovery skips it.

use super::ast::*;
use super::lexer::{Lexer, Token, TokenKind};

use crate::diag::{self, Code, Diagnostic, did_you_mean};

/// How many tokens the parser may look ahead. Statements are told apart by
/// at most their first four tokens (past `@m:ss` and `&`).
const LOOKAHEAD: usize = 8;

/// How deeply blocks may nest (the file itself counts as one level). Real
/// scripts nest five or six deep (scene, fight, round, exchange); the bound
/// keeps every recursive walk of the tree (parser, names, model, lints,
/// exporters) within a small thread's stack. A deeper block is reported once
/// (`nesting-too-deep`) and skipped whole.
pub const MAX_DEPTH: usize = 64;

/// A parsed file: the tree and every syntax error.
#[derive(Debug)]
pub struct Parsed {
    /// The tree; statements with errors are left out or kept partially.
    pub script: Script,
    /// Syntax errors in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// A parser at the start of `source`.
fn parser(source: &str) -> Parser<'_> {
    let mut lexer = Lexer::new(source);
    lexer.fill(LOOKAHEAD);
    Parser {
        source,
        lexer,
        prev_end: 0,
        diagnostics: Vec::new(),
        stack: Vec::new(),
        indent_cache: std::cell::Cell::new((0, 0, None)),
        roles: Default::default(),
        declared: Default::default(),
        speech: None,
    }
}

/// A parser at byte `start` of `source` (a line start), as if it had read
/// everything before with the reading aids `roles` and `declared`.
fn parser_at(
    source: &str,
    start: usize,
    roles: crate::fxhash::FxHashMap<Name, Role>,
    declared: crate::fxhash::FxHashSet<Name>,
) -> Parser<'_> {
    let mut lexer = Lexer::starting_at(source, start);
    lexer.fill(LOOKAHEAD);
    Parser {
        source,
        lexer,
        prev_end: start,
        diagnostics: Vec::new(),
        stack: Vec::new(),
        indent_cache: std::cell::Cell::new((0, 0, None)),
        roles,
        declared,
        speech: None,
    }
}

/// The comments and every diagnostic (the parser's, then the strings')
/// of a parser that has read its part.
fn finish(parser: Parser<'_>) -> (Vec<Comment>, Vec<Diagnostic>) {
    let (comments, strings) = parser.lexer.finish();
    let mut diagnostics = parser.diagnostics;
    diagnostics.extend(strings);
    (comments, diagnostics)
}

/// The syntax errors of `source` — the same as [`super::parse`] gives —
/// without keeping its tree: each top-level item is checked
/// (`syntax::checks`) and dropped as soon as it is read, so memory stays
/// that of the largest item. For `bout fmt`, which needs only to know that
/// a file parses.
pub fn syntax_errors(source: &str) -> Vec<Diagnostic> {
    let mut parser = parser(source);
    let mut checks = Vec::new();
    parser.top_each(|stmt| super::checks::run(std::slice::from_ref(&stmt), &mut checks));
    let (_, string_diagnostics) = parser.lexer.finish();
    let mut diagnostics = parser.diagnostics;
    diagnostics.extend(string_diagnostics);
    diagnostics.extend(checks);
    diag::sort(&mut diagnostics);
    diagnostics
}

/// Parses `source`. Never fails: mistakes become diagnostics.
///
/// A large file is parsed in two halves on two threads when it can be
/// split where the serial parse would be between two top-level items (see
/// [`parse_split_at`]); the result is the serial parse's, exactly.
pub fn parse(source: &str) -> Parsed {
    if source.len() >= PARALLEL_MIN
        && let Some(split) = split_point(source)
        && let Some(parsed) = parse_split_at(source, split)
    {
        return parsed;
    }
    parse_serial(source)
}

/// The size from which [`parse`] tries two halves: below it, a thread costs
/// more than half a parse saves.
const PARALLEL_MIN: usize = 128 << 10;

/// [`parse`] on one thread.
pub fn parse_serial(source: &str) -> Parsed {
    let mut parser = parser(source);
    let items = parser.top();
    let (comments, string_diagnostics) = parser.lexer.finish();
    let mut diagnostics = parser.diagnostics;
    diagnostics.extend(string_diagnostics);
    diag::sort(&mut diagnostics);
    Parsed {
        script: Script {
            items,
            comments,
            span: Span::new(0, source.len()),
            line_starts: super::lines::line_starts(source),
        },
        diagnostics,
    }
}

/// A place to split `source` for [`parse_split_at`]: the line after the
/// first `}` alone at column 0 past the middle that is followed by
/// something other than another `}` (the end of a top-level block, in a
/// formatted script). Only a candidate: the split is checked.
///
/// A run of closing braces (the end of a deep nesting) is no place to
/// split: the second half parsed from there is one stray `}` after
/// another, each a diagnostic made for nothing (100k of them took 15× the
/// input's memory before the split was refused).
fn split_point(source: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut from = source.len() / 2;
    while let Some(i) = memchr::memmem::find(&bytes[from..], b"\n}\n") {
        let split = from + i + 3;
        // Linear overall: a run of blanks holds no candidate.
        let next = bytes[split..].iter().find(|b| !b.is_ascii_whitespace());
        if next.is_some_and(|&b| b != b'}') {
            return Some(split);
        }
        from += i + 1;
    }
    None
}

/// The parse of `source` in two halves, `..split` and `split..`, on two
/// threads; `None` unless it is certainly the serial parse's.
///
/// `split` must be a line start. The first half is parsed as a file of its
/// own (`&source[..split]`), the second by a parser starting at `split`
/// with the reading aids (the cast's roles, the techniques of `moves`) as
/// the items before the first half's first `scene` leave them. The halves
/// are the serial parse when: the first half ends with a top-level item
/// closed by the `}` just before `split`, with no error past it and none
/// that an end of file can cause (an unclosed block, string or text); the
/// first half ends with the reading aids the second started with; and the
/// second half holds none of the items reported when repeated (title
/// fields, `production`, `cast`, `moves`), whose check spans the file.
pub fn parse_split_at(source: &str, split: usize) -> Option<Parsed> {
    if split == 0 || split >= source.len() || !source.is_char_boundary(split) {
        return None;
    }
    // The reading aids of the header: what the items before the first
    // scene declare.
    let header_end = memchr::memmem::find(source.as_bytes(), b"\nscene ")
        .map(|i| i + 1)
        .filter(|&i| i < split)?;
    let mut header = parser(&source[..header_end]);
    let _ = header.top();
    let (roles, declared) = (header.roles, header.declared);
    let second = |roles, declared| {
        let mut parser = parser_at(source, split, roles, declared);
        let items = parser.top();
        let (comments, diagnostics) = finish(parser);
        (items, comments, diagnostics)
    };
    let (first, second) = std::thread::scope(|scope| {
        let (r, d) = (roles.clone(), declared.clone());
        let second = scope.spawn(move || second(r, d));
        let mut parser = parser(&source[..split]);
        let items = parser.top();
        let state = (parser.roles, parser.declared);
        let (comments, strings) = parser.lexer.finish();
        let mut diagnostics = parser.diagnostics;
        diagnostics.extend(strings);
        let second = second
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        ((items, comments, diagnostics, state), second)
    });
    let (mut items, mut comments, mut diagnostics, state) = first;
    // The last item ends at the `}` before `split`, a top-level block's.
    let last_end = items.last()?.span.end as usize;
    let closed = matches!(items.last()?.body(), Some(b) if b.close.is_some_and(|c| c.end as usize == last_end))
        || matches!(&items.last()?.kind, StmtKind::Cast { members } if members.close.is_some())
        || matches!(&items.last()?.kind, StmtKind::Moves { moves } if moves.close.is_some());
    if !closed || last_end + 1 != split || state != (roles, declared) {
        return None;
    }
    let end_of_file = |d: &Diagnostic| {
        d.span.end as usize > last_end
            || d.code == &diag::UNCLOSED_BLOCK
            || d.code == &diag::UNTERMINATED_STRING
            || d.code == &diag::UNCLOSED_TEXT
    };
    if diagnostics.iter().any(end_of_file) {
        return None;
    }
    let (second_items, second_comments, second_diagnostics) = second;
    if second_items.iter().any(reported_once) {
        return None;
    }
    items.extend(second_items);
    comments.extend(second_comments);
    diagnostics.extend(second_diagnostics);
    diag::sort(&mut diagnostics);
    Some(Parsed {
        script: Script {
            items: exact(items),
            comments,
            span: Span::new(0, source.len()),
            line_starts: super::lines::line_starts(source),
        },
        diagnostics,
    })
}

/// The one top-level item of `source[start..end]`, parsed as the serial
/// parse of a whole file would parse it there: with its comments and
/// diagnostics. `None` unless that is certain. For re-parsing one item
/// after an edit inside it (`syntax::reparse`).
///
/// `header_end` is where the header ends (the items before the first
/// `scene`, which declare the reading aids: the first scene's start, a line
/// start); `start` must be a line start at or past it and `end` the line
/// end just after the item's closing `}`. The item is the serial parse's when
/// the items before it change no reading aid (the caller's condition):
/// then it starts with the header's aids, and it must leave them as they
/// were, end at `end - 1` with its block closed, and have no diagnostic an
/// end of file can cause.
pub(super) fn parse_item(
    source: &str,
    header_end: usize,
    start: usize,
    end: usize,
) -> Option<(Stmt, Vec<Comment>, Vec<Diagnostic>)> {
    if header_end > start {
        return None;
    }
    let mut header = parser(&source[..header_end]);
    let _ = header.top();
    let aids = (header.roles, header.declared);
    let source = source.get(..end)?;
    let mut parser = parser_at(source, start, aids.0.clone(), aids.1.clone());
    let mut items = parser.top();
    if (&parser.roles, &parser.declared) != (&aids.0, &aids.1) || items.len() != 1 {
        return None;
    }
    let item = items.pop()?;
    let closed =
        matches!(item.body(), Some(b) if b.close.is_some_and(|c| c.end as usize + 1 == end));
    if item.span.start as usize != start || item.span.end as usize + 1 != end || !closed {
        return None;
    }
    let (comments, diagnostics) = finish(parser);
    let end_of_file = |d: &Diagnostic| {
        d.span.end as usize >= end
            || d.code == &diag::UNCLOSED_BLOCK
            || d.code == &diag::UNTERMINATED_STRING
            || d.code == &diag::UNCLOSED_TEXT
    };
    if diagnostics.iter().any(end_of_file) {
        return None;
    }
    Some((item, comments, diagnostics))
}

/// The top-level items of `source` from `start` to its end, parsed as the
/// serial parse of the whole file would parse them: with their comments
/// and diagnostics. `None` unless that is certain. For re-parsing the end of
/// a script after an edit there (`syntax::reparse`).
///
/// `header_end` and `start` are as for [`parse_item`], under the same
/// condition on the items before `start`. The items read must hold none of
/// those reported when repeated (title fields, `production`, `cast`,
/// `moves`), whose check spans the file.
pub(super) fn parse_tail(
    source: &str,
    header_end: usize,
    start: usize,
) -> Option<(Vec<Stmt>, Vec<Comment>, Vec<Diagnostic>)> {
    if header_end > start {
        return None;
    }
    let mut header = parser(&source[..header_end]);
    let _ = header.top();
    let mut parser = parser_at(source, start, header.roles, header.declared);
    let items = parser.top();
    if items.iter().any(reported_once) {
        return None;
    }
    let (comments, diagnostics) = finish(parser);
    Some((items, comments, diagnostics))
}

/// Whether `s` is an item reported when repeated (title fields,
/// `production`, `cast`, `moves`): its check spans the whole file, so a
/// part parsed alone must not hold one.
fn reported_once(s: &Stmt) -> bool {
    matches!(
        s.kind,
        StmtKind::TitleField { .. }
            | StmtKind::Production { .. }
            | StmtKind::Cast { .. }
            | StmtKind::Moves { .. }
    )
}

/// From this many items, a block's items grow by a quarter, not double.
const LONG_BLOCK: usize = 1024;

/// Makes room for one more of a block's items: by doubling while the block
/// is short, then by a quarter, so a block of 100k lines never holds twice
/// its items, nor its items twice over when [`exact`] would copy them
/// (together 3× the items at the peak, 2.25× now). Growing by a quarter
/// copies each item four times over in all: linear still.
fn grow<T>(items: &mut Vec<T>) {
    if items.len() == items.capacity() && items.len() >= LONG_BLOCK {
        items.reserve_exact(items.len() / 4);
    }
}

/// `items` in an allocation of exactly its length.
///
/// A short block's items grow by doubling, which leaves up to half of each
/// vector unused: over a whole tree, a quarter of its memory. Shrinking in
/// place frees nothing with a size-class allocator (mimalloc keeps a block
/// that shrinks by less than half), so the items move to a vector sized
/// once. The copy is short-lived; the tree keeps only the exact one. A
/// long block (grown by a quarter, see [`grow`]) keeps its vector: a
/// copy would cost more at the peak than the slack it frees.
fn exact<T>(mut items: Vec<T>) -> Vec<T> {
    if items.len() == items.capacity() || items.len() >= LONG_BLOCK {
        return items;
    }
    let mut out = Vec::with_capacity(items.len());
    out.append(&mut items);
    out
}

/// The block a statement stands in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ctx {
    Top,
    Cast,
    Moves,
    Scene,
    Montage,
    Fight,
    Round,
    Exchange,
    Corner,
    RoundsMontage,
}

/// What a statement is, read from its first tokens before parsing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    TitleField,
    Production,
    Cast,
    Moves,
    Scene,
    Transition,
    Beat,
    /// `centered`, `lyric`, `section`, `synopsis`, `page-break`.
    Page,
    SceneMontage,
    Fight,
    Setting,
    Round,
    Corner,
    RoundsMontage,
    Result,
    Exchange,
    Event,
    /// `towel ID`: an event, and the one event a corner may hold.
    Towel,
    CastMember,
    MoveDecl,
    Unknown,
    Unexpected,
}

struct Frame {
    ctx: Ctx,
    indent: usize,
}

/// The decorations after a statement's own parts.
#[derive(Default)]
struct Deco {
    label: Option<Word>,
    after: Option<Word>,
    duration: Option<Spanned<Duration>>,
}

type PResult<T> = Result<T, ()>;

/// How a block follows a header that lost its `{`.
enum Follows {
    /// The `{` stands alone at the start of the next line.
    BraceBelow(Span),
    /// The next line is indented deeper than the header's.
    Indented,
}

struct Parser<'s> {
    source: &'s str,
    lexer: Lexer<'s>,
    prev_end: usize,
    diagnostics: Vec<Diagnostic>,
    stack: Vec<Frame>,
    /// For [`Parser::line_indent`]: the last offset asked for, its line's
    /// start and that line's indentation.
    indent_cache: std::cell::Cell<(usize, usize, Option<usize>)>,
    /// The roles of the cast ids declared so far (and `referee` for an id
    /// a fight's `referee` setting names): a word after a referee that is
    /// no technique is read as a misspelt referee action, never one after
    /// a fighter. Only a reading aid; names are resolved in `names.rs`.
    roles: crate::fxhash::FxHashMap<Name, Role>,
    /// Techniques declared in `moves` so far.
    declared: crate::fxhash::FxHashSet<Name>,
    /// The speaker and extension of the statement just read, when it was a
    /// line of dialogue in the block at hand: a `(beat): "…"` line goes on
    /// that speech.
    speech: Option<(Ident, Option<Box<Text>>)>,
}

impl Ctx {
    fn allows(self, class: Class) -> bool {
        use Class as C;
        match self {
            Ctx::Top => matches!(
                class,
                C::TitleField
                    | C::Production
                    | C::Cast
                    | C::Moves
                    | C::Scene
                    | C::Transition
                    | C::Page
            ),
            Ctx::Cast => class == C::CastMember,
            Ctx::Moves => class == C::MoveDecl,
            Ctx::Scene => matches!(
                class,
                C::Beat | C::Transition | C::Page | C::SceneMontage | C::Fight
            ),
            Ctx::Fight => matches!(
                class,
                C::Setting
                    | C::Beat
                    | C::Round
                    | C::Corner
                    | C::RoundsMontage
                    | C::Result
                    | C::Exchange
                    | C::Event
                    | C::Towel
            ),
            Ctx::Round => matches!(class, C::Beat | C::Exchange | C::Event | C::Towel),
            Ctx::Exchange => matches!(class, C::Beat | C::Event | C::Towel),
            // A corner retires its fighter between rounds with `towel`.
            Ctx::Corner => matches!(class, C::Beat | C::Towel),
            // A song over a montage: its lyrics.
            Ctx::Montage => matches!(class, C::Beat | C::Page),
            Ctx::RoundsMontage => class == C::Beat,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Ctx::Top => "at the top level",
            Ctx::Cast => "in `cast`",
            Ctx::Moves => "in `moves`",
            Ctx::Scene => "in a scene",
            Ctx::Montage => "in a montage",
            Ctx::Fight => "in a fight",
            Ctx::Round => "in a round",
            Ctx::Exchange => "in an exchange",
            Ctx::Corner => "in a corner",
            Ctx::RoundsMontage => "in a rounds montage",
        }
    }
}

impl Class {
    /// Structural statements close a block whose `}` is missing when an
    /// enclosing block allows them; beats and events never do.
    fn is_structural(self) -> bool {
        use Class as C;
        matches!(
            self,
            C::TitleField
                | C::Production
                | C::Cast
                | C::Moves
                | C::Scene
                | C::Fight
                | C::Round
                | C::Corner
                | C::RoundsMontage
                | C::Result
                | C::Exchange
        )
    }

    fn describe(self) -> &'static str {
        use Class as C;
        match self {
            C::TitleField => "a title-page field",
            C::Production => "`production`",
            C::Cast => "`cast`",
            C::Moves => "`moves`",
            C::Scene => "a scene",
            C::Transition => "a transition",
            C::Beat => "a beat",
            C::Page => "a page element",
            C::SceneMontage => "a montage",
            C::Fight => "a fight",
            C::Setting => "a fight setting",
            C::Round => "a round",
            C::Corner => "a corner",
            C::RoundsMontage => "a rounds montage",
            C::Result => "a result",
            C::Exchange => "an exchange",
            C::Event => "a fight event",
            C::Towel => "a towel",
            C::CastMember => "a cast member",
            C::MoveDecl => "a technique declaration",
            C::Unknown | C::Unexpected => "this",
        }
    }

    /// Help for a statement standing where it cannot.
    fn placement_help(self) -> &'static str {
        use Class as C;
        match self {
            C::TitleField | C::Production | C::Cast | C::Moves => {
                "put it at the top level, outside any scene"
            }
            C::Scene => "close the scene before with `}` and start the new one at the top level",
            C::Transition => "put transitions between scenes or directly in a scene",
            C::SceneMontage => "put a montage directly in a scene",
            C::Fight => "put a fight directly in a scene",
            C::Setting => "put settings at the start of a `fight` block",
            C::Round | C::Corner | C::RoundsMontage | C::Result => {
                "put it directly in a `fight` block"
            }
            C::Exchange | C::Event => {
                "put fight events in a round, or directly in a `street` fight"
            }
            C::Towel => "throw the towel in a round, or in a `corner` between rounds",
            C::CastMember => "declare cast members in the `cast { … }` block",
            C::MoveDecl => "declare techniques in the `moves { … }` block",
            C::Beat => "beats stand in scenes, fights, rounds, exchanges, corners and montages",
            C::Page => "put it between scenes, directly in a scene, or in a scene's montage",
            C::Unknown | C::Unexpected => "",
        }
    }

    fn ctx(self) -> Ctx {
        match self {
            Class::Scene => Ctx::Scene,
            Class::SceneMontage => Ctx::Montage,
            Class::Fight => Ctx::Fight,
            Class::Round => Ctx::Round,
            Class::Corner => Ctx::Corner,
            Class::RoundsMontage => Ctx::RoundsMontage,
            Class::Exchange => Ctx::Exchange,
            Class::Cast => Ctx::Cast,
            Class::Moves => Ctx::Moves,
            _ => Ctx::Top,
        }
    }
}

/// A description of a token for "expected X, found Y".
fn describe(source: &str, token: &Token) -> String {
    match &token.kind {
        TokenKind::Word | TokenKind::Id => format!("`{}`", &source[token.span.range()]),
        TokenKind::Label => format!("label `{}`", &source[token.span.range()]),
        TokenKind::Str(_) => "a string".into(),
        TokenKind::Int(_) => "a number".into(),
        TokenKind::Percent(_) => "a percentage".into(),
        TokenKind::Flurry(_) => "a flurry count".into(),
        TokenKind::Range(..) => "a range".into(),
        TokenKind::Clock(_) | TokenKind::Duration(_) => "a duration".into(),
        TokenKind::Anchor(_) => "a clock anchor".into(),
        TokenKind::Extension(_) => "a cue extension".into(),
        TokenKind::Parenthetical(_) => "a parenthetical".into(),
        TokenKind::Arrow => "`->`".into(),
        TokenKind::Amp => "`&`".into(),
        TokenKind::Colon => "`:`".into(),
        TokenKind::Semi => "`;`".into(),
        TokenKind::LBrace => "`{`".into(),
        TokenKind::RBrace => "`}`".into(),
        TokenKind::Newline => "the end of the line".into(),
        TokenKind::Bad(_) => "a malformed token".into(),
        TokenKind::Eof => "the end of the file".into(),
    }
}

impl<'s> Parser<'s> {
    // ---- token access -------------------------------------------------

    fn peek(&self) -> &Token {
        // Invariant: the queue is never empty; `Eof` is never taken.
        &self.lexer.queue[0]
    }

    fn peek_at(&self, ahead: usize) -> &Token {
        let queue = &self.lexer.queue;
        &queue[ahead.min(queue.len() - 1)]
    }

    fn text(&self, token: &Token) -> &'s str {
        let range = token.span.range();
        match token.kind {
            TokenKind::Label => &self.source[range.start + 1..range.end],
            _ => &self.source[range],
        }
    }

    /// Moves past the current token and returns it, reading the next one.
    fn bump(&mut self) -> Token {
        if matches!(self.peek().kind, TokenKind::Eof) {
            return self.peek().clone();
        }
        let Some(token) = self.lexer.queue.pop_front() else {
            unreachable!("the queue always holds `Eof` at least")
        };
        self.lexer.fill(LOOKAHEAD);
        self.prev_end = token.span.end as usize;
        token
    }

    fn at_word(&self, word: &str) -> bool {
        let token = self.peek();
        matches!(token.kind, TokenKind::Word) && self.text(token) == word
    }

    fn eat_word(&mut self, word: &str) -> Option<Span> {
        self.at_word(word).then(|| self.bump().span)
    }

    fn at_line_end(&self) -> bool {
        matches!(
            self.peek().kind,
            TokenKind::Newline | TokenKind::Semi | TokenKind::RBrace | TokenKind::Eof
        )
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Reports "expected WHAT" at the next token, unless it is already a
    /// reported mistake.
    fn expected<T>(&mut self, what: &str, help: impl Into<crate::diag::Text>) -> PResult<T> {
        let token = self.peek().clone();
        if let TokenKind::Bad(diagnostic) = token.kind {
            self.report(*diagnostic);
        } else {
            let found = describe(self.source, &token);
            let span = match token.kind {
                TokenKind::Newline | TokenKind::Eof => Span::empty(token.span.start as usize),
                _ => token.span,
            };
            self.report(
                Diagnostic::new(
                    &diag::UNEXPECTED_TOKEN,
                    span,
                    format!("expected {what}, found {found}"),
                )
                .label(format!("expected {what}"))
                .help(help),
            );
        }
        Err(())
    }

    // ---- recovery -----------------------------------------------------

    /// Skips the rest of a statement: up to its line end or `;` (consumed)
    /// or `}` (not consumed), skipping whole blocks opened on the way.
    fn recover(&mut self) {
        loop {
            match self.peek().kind {
                TokenKind::Newline | TokenKind::Semi => {
                    self.bump();
                    return;
                }
                TokenKind::RBrace | TokenKind::Eof => return,
                TokenKind::LBrace => self.skip_block(),
                _ => {
                    self.bump();
                }
            }
        }
    }

    fn skip_block(&mut self) {
        let mut depth = 0usize;
        loop {
            match self.bump().kind {
                TokenKind::LBrace => depth += 1,
                TokenKind::RBrace => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                TokenKind::Eof => return,
                _ => {}
            }
        }
    }

    /// After a broken header: skips to the line's `{` if there is one and
    /// returns it, so the block can still be opened.
    fn recover_header(&mut self) -> Option<Span> {
        loop {
            match self.peek().kind {
                TokenKind::LBrace => return Some(self.bump().span),
                TokenKind::Newline | TokenKind::Semi | TokenKind::RBrace | TokenKind::Eof => {
                    return None;
                }
                _ => {
                    self.bump();
                }
            }
        }
    }

    /// Expects the end of a statement.
    fn end(&mut self) {
        match self.peek().kind {
            TokenKind::Newline | TokenKind::Semi => {
                self.bump();
            }
            TokenKind::RBrace | TokenKind::Eof => {}
            TokenKind::Bad(_) => {
                let _ = self.expected::<()>("", "");
                self.recover();
            }
            _ => {
                let token = self.peek().clone();
                let found = describe(self.source, &token);
                // An arrow here follows a `#label`, `after #label` or `for`
                // written before a move's reaction: the decorations close
                // the line.
                let help = if token.kind == TokenKind::Arrow {
                    "write the reaction right after the move (`A jab head -> B hit`); a `#label`, `after #label` or `for` goes at the end of the line"
                } else {
                    "put one statement on each line, or separate statements with `;`"
                };
                self.report(
                    Diagnostic::new(
                        &diag::UNEXPECTED_TOKEN,
                        token.span,
                        format!("unexpected {found}"),
                    )
                    .label("expected the end of the statement")
                    .help(help),
                );
                self.recover();
            }
        }
    }

    /// The indentation of the line holding `offset`.
    ///
    /// Offsets asked for only grow (they are of tokens in order), so the
    /// line start is found by scanning forward from the last one asked for,
    /// and a line's indentation is measured once: a megabyte line of blocks
    /// costs one pass, not one per block.
    fn line_indent(&self, offset: usize) -> usize {
        let (scanned, line_start, indent) = self.indent_cache.get();
        let start = if offset >= scanned {
            self.source[scanned..offset]
                .rfind(['\n', '\r'])
                .map_or(line_start, |i| scanned + i + 1)
        } else {
            self.source[..offset]
                .rfind(['\n', '\r'])
                .map_or(0, |i| i + 1)
        };
        if let Some(indent) = indent.filter(|_| start == line_start && offset >= scanned) {
            self.indent_cache.set((offset, start, Some(indent)));
            return indent;
        }
        let line = &self.source[start..];
        let indent = line.len() - line.trim_start_matches([' ', '\t', '\u{feff}']).len();
        if offset >= scanned {
            self.indent_cache.set((offset, start, Some(indent)));
        }
        indent
    }

    // ---- blocks ---------------------------------------------------------

    fn top(&mut self) -> Vec<Stmt> {
        let mut items = Vec::new();
        self.top_each(|stmt| {
            grow(&mut items);
            items.push(stmt);
        });
        exact(items)
    }

    /// Reads the top-level items, handing each to `each` as it is read.
    fn top_each(&mut self, mut each: impl FnMut(Stmt)) {
        self.stack.push(Frame {
            ctx: Ctx::Top,
            indent: 0,
        });
        let mut seen: Vec<(String, Span)> = Vec::new();
        loop {
            match self.peek().kind {
                TokenKind::Eof => break,
                TokenKind::Newline | TokenKind::Semi => {
                    self.bump();
                }
                TokenKind::RBrace => {
                    let span = self.bump().span;
                    self.report(
                        Diagnostic::new(&diag::STRAY_BRACE, span, "unmatched `}`")
                            .label("this closes no block")
                            .help("remove it, or open the block it was meant to close"),
                    );
                }
                _ => {
                    if let Some(stmt) = self.item(Ctx::Top) {
                        self.check_once(&stmt, &mut seen);
                        each(stmt);
                    }
                }
            }
        }
        self.stack.pop();
    }

    /// Reports a second title field, `production`, `cast` or `moves`.
    fn check_once(&mut self, stmt: &Stmt, seen: &mut Vec<(String, Span)>) {
        let (key, span) = match &stmt.kind {
            StmtKind::TitleField { key, .. } => (key.value.as_str(), key.span),
            StmtKind::Production { .. } => ("production", stmt.head),
            StmtKind::Cast { .. } => ("cast", stmt.head),
            StmtKind::Moves { .. } => ("moves", stmt.head),
            StmtKind::CastMember(_)
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
            | StmtKind::Move(_)
            | StmtKind::Referee { .. }
            | StmtKind::Up { .. }
            | StmtKind::Towel { .. }
            | StmtKind::Bell
            | StmtKind::Broken { .. } => return,
        };
        if let Some((_, first)) = seen.iter().find(|(k, _)| k == key) {
            let first = *first;
            self.report(
                Diagnostic::new(&diag::DUPLICATE_ITEM, span, format!("`{key}` given twice"))
                    .label("given again here")
                    .related(first, "first given here")
                    .help(format!(
                        "a script has at most one `{key}`; merge the two or remove one"
                    )),
            );
        } else {
            seen.push((key.to_owned(), span));
        }
    }

    /// Parses a block's contents after its `{` up to and including its `}`.
    fn block<T>(
        &mut self,
        ctx: Ctx,
        open: Span,
        item: fn(&mut Self, Ctx) -> Option<T>,
    ) -> Block<T> {
        if self.stack.len() >= MAX_DEPTH {
            return self.too_deep(open);
        }
        let indent = self.line_indent(open.start as usize);
        self.stack.push(Frame { ctx, indent });
        // A speech goes on only within its own block.
        self.speech = None;
        let mut items = Vec::new();
        let mut events_seen = false;
        let close = loop {
            match self.peek().kind {
                TokenKind::Newline | TokenKind::Semi => {
                    self.bump();
                }
                TokenKind::Eof => {
                    self.unclosed(open, "the file ends before it is closed");
                    break None;
                }
                TokenKind::RBrace => {
                    let token = self.peek().clone();
                    let brace_indent = self.line_indent(token.span.start as usize);
                    let outer = self.stack.len() > 2
                        && self.stack[1..self.stack.len() - 1]
                            .iter()
                            .any(|f| f.indent == brace_indent);
                    if token.first_on_line && brace_indent < indent && outer {
                        self.unclosed(open, "the `}` that follows is indented as an outer block's");
                        break None;
                    }
                    break Some(self.bump().span);
                }
                _ => {
                    let class = self.classify(ctx);
                    if !ctx.allows(class) && class.is_structural() && self.ancestor_allows(class) {
                        let what = class.describe();
                        self.unclosed(open, &format!("{what} starts before it is closed"));
                        break None;
                    }
                    if ctx == Ctx::Fight {
                        if class == Class::Setting && events_seen {
                            let span = self.peek().span;
                            self.report(
                                Diagnostic::new(
                                    &diag::SETTING_AFTER_EVENTS,
                                    span,
                                    "setting after the fight has begun",
                                )
                                .label("this setting comes after beats or rounds")
                                .help("move the fight's settings to the start of its block"),
                            );
                        } else if !matches!(
                            class,
                            Class::Setting | Class::Unknown | Class::Unexpected
                        ) {
                            // A line that cannot be read (a misspelt
                            // setting, most often) has not begun the fight.
                            events_seen = true;
                        }
                    }
                    if let Some(value) = item(self, ctx) {
                        grow(&mut items);
                        items.push(value);
                    }
                }
            }
        };
        self.stack.pop();
        Block {
            open,
            close,
            items: exact(items),
        }
    }

    /// A block nested past [`MAX_DEPTH`]: reported on its `{` and skipped to
    /// its matching `}` without reading it (iteratively, so any depth of
    /// braces inside costs no stack).
    fn too_deep<T>(&mut self, open: Span) -> Block<T> {
        self.report(
            Diagnostic::new(
                &diag::NESTING_TOO_DEEP,
                open,
                format!("blocks nested more than {MAX_DEPTH} deep"),
            )
            .label("this block is too deep to read")
            .help("flatten the script: scenes, fights, rounds and exchanges nest a few levels, not dozens"),
        );
        let mut depth = 1usize;
        let close = loop {
            match self.peek().kind {
                TokenKind::LBrace => depth += 1,
                TokenKind::RBrace => {
                    depth -= 1;
                    if depth == 0 {
                        break Some(self.bump().span);
                    }
                }
                TokenKind::Eof => break None,
                _ => {}
            }
            self.bump();
        };
        Block {
            open,
            close,
            items: Vec::new(),
        }
    }

    fn unclosed(&mut self, open: Span, why: &str) {
        self.report(
            Diagnostic::new(&diag::UNCLOSED_BLOCK, open, "unclosed block")
                .label("this `{` is never closed")
                .help(format!("add the missing `}}`: {why}")),
        );
    }

    fn ancestor_allows(&self, class: Class) -> bool {
        self.stack[..self.stack.len() - 1]
            .iter()
            .any(|f| f.ctx.allows(class))
    }

    fn stmt_block(&mut self, ctx: Ctx, open: Span) -> Block<Stmt> {
        self.block(ctx, open, Self::item)
    }

    /// Reads what the statement at the cursor is, past `@m:ss` and `&`.
    fn classify(&self, ctx: Ctx) -> Class {
        // Bounded by the lookahead: a line of nothing but `&` or anchors
        // must not spin here (the statement parser then reports it).
        let mut i = 0;
        while i + 2 < LOOKAHEAD
            && matches!(self.peek_at(i).kind, TokenKind::Anchor(_) | TokenKind::Amp)
        {
            i += 1;
        }
        let first = self.peek_at(i);
        let next = self.peek_at(i + 1);
        match first.kind {
            TokenKind::Word => {
                let word = self.text(first);
                if TitleKey::from_word(word).is_some() {
                    return Class::TitleField;
                }
                if SettingKey::from_word(word).is_some() {
                    return Class::Setting;
                }
                match Keyword::from_word(word) {
                    Some(Keyword::Production) => Class::Production,
                    Some(Keyword::Cast) => Class::Cast,
                    Some(Keyword::Moves) => Class::Moves,
                    Some(Keyword::Scene) => Class::Scene,
                    Some(Keyword::Transition) => Class::Transition,
                    Some(
                        Keyword::Centered
                        | Keyword::Lyric
                        | Keyword::Section
                        | Keyword::Synopsis
                        | Keyword::PageBreak,
                    ) => Class::Page,
                    Some(
                        Keyword::Action
                        | Keyword::Shot
                        | Keyword::Sound
                        | Keyword::Note
                        | Keyword::Beat,
                    ) => Class::Beat,
                    Some(Keyword::Montage) => {
                        if matches!(next.kind, TokenKind::Word) && self.text(next) == "rounds" {
                            Class::RoundsMontage
                        } else {
                            Class::SceneMontage
                        }
                    }
                    Some(Keyword::Fight) => Class::Fight,
                    Some(Keyword::Round) => Class::Round,
                    Some(Keyword::Corner) => Class::Corner,
                    Some(Keyword::Result) => Class::Result,
                    Some(Keyword::Exchange) => Class::Exchange,
                    Some(Keyword::Towel) => Class::Towel,
                    Some(Keyword::Bell) => Class::Event,
                    None if ctx == Ctx::Moves => Class::MoveDecl,
                    None => Class::Unknown,
                }
            }
            TokenKind::Id => {
                if ctx == Ctx::Cast {
                    return Class::CastMember;
                }
                match next.kind {
                    // A string straight after a cast id can only be a line
                    // of dialogue that lost its `:`: read it as dialogue, so
                    // the one mistake is the missing colon.
                    TokenKind::Colon
                    | TokenKind::Extension(_)
                    | TokenKind::Parenthetical(_)
                    | TokenKind::Str(_) => Class::Beat,
                    TokenKind::Word
                        if Role::from_word(self.text(next)).is_some()
                            && matches!(self.peek_at(i + 2).kind, TokenKind::Str(_)) =>
                    {
                        Class::CastMember
                    }
                    _ => Class::Event,
                }
            }
            // `(beat): "…"`: a line that goes on the speech before it.
            TokenKind::Parenthetical(_) => Class::Beat,
            _ => Class::Unexpected,
        }
    }

    /// One item of a statement block: a statement, reported and skipped
    /// when it cannot be read, or when it stands where it cannot.
    fn item(&mut self, ctx: Ctx) -> Option<Stmt> {
        let class = self.classify(ctx);
        if class != Class::Unknown && class != Class::Unexpected && !ctx.allows(class) {
            let span = self.peek().span;
            let what = class.describe();
            let fight_only = matches!(
                class,
                Class::Setting
                    | Class::Round
                    | Class::Corner
                    | Class::RoundsMontage
                    | Class::Result
                    | Class::Exchange
                    | Class::Event
                    | Class::Towel
            );
            let message = if fight_only && !self.stack.iter().any(|f| f.ctx == Ctx::Fight) {
                format!("{what} outside a fight")
            } else {
                format!("{what} cannot stand {}", ctx.describe())
            };
            self.report(
                Diagnostic::new(&diag::MISPLACED_STATEMENT, span, message)
                    .label(format!("{what} here"))
                    .help(class.placement_help()),
            );
            // Parse it anyway, in its own context, so its insides are read
            // and the block structure stays in step; the error is given.
            return self.stmt(class.ctx(), class);
        }
        self.stmt(ctx, class)
    }

    fn stmt(&mut self, ctx: Ctx, class: Class) -> Option<Stmt> {
        let start = self.peek().span.start as usize;
        let anchor = match self.peek().kind {
            TokenKind::Anchor(duration) => {
                let span = self.bump().span;
                Some(Spanned::new(duration, span))
            }
            _ => None,
        };
        let together = matches!(self.peek().kind, TokenKind::Amp).then(|| self.bump().span);
        let head = self.peek().span;
        let mut deco = Deco::default();
        let kind = match class {
            Class::CastMember => self.cast_member().map(StmtKind::CastMember),
            Class::MoveDecl | Class::Unknown => self.unknown(ctx),
            Class::Unexpected => self.expected(
                "a statement",
                "a statement starts with a keyword such as `action`, or with a cast id",
            ),
            _ => self.stmt_kind(class, &mut deco),
        };
        let kind = match kind {
            Ok(kind) => kind,
            Err(()) => {
                self.speech = None;
                self.recover();
                return None;
            }
        };
        // What a `(beat): "…"` line after this one goes on.
        self.speech = match &kind {
            StmtKind::Dialogue {
                speaker, extension, ..
            } => Some((speaker.clone(), extension.clone())),
            _ => None,
        };
        let decorations = Decorations {
            anchor,
            together,
            label: deco.label,
            after: deco.after,
            duration: deco.duration,
        };
        let stmt = Stmt {
            kind,
            decorations: (!decorations.is_empty()).then(|| Box::new(decorations)),
            head,
            span: Span::new(start, self.prev_end.max(start)),
        };
        // A block closed for a missing `}` ends where the next statement
        // begins: there is no line end to expect.
        let open_ended = match &stmt.kind {
            StmtKind::Cast { members } => members.close.is_none(),
            StmtKind::Moves { moves } => moves.close.is_none(),
            StmtKind::TitleField { .. }
            | StmtKind::Production { .. }
            | StmtKind::CastMember(_)
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
            | StmtKind::Move(_)
            | StmtKind::Referee { .. }
            | StmtKind::Up { .. }
            | StmtKind::Towel { .. }
            | StmtKind::Bell
            | StmtKind::Broken { .. } => stmt.body().is_some_and(|b| b.close.is_none()),
        };
        if !open_ended {
            self.end();
        }
        Some(stmt)
    }

    fn unknown(&mut self, ctx: Ctx) -> PResult<StmtKind> {
        let token = self.peek().clone();
        let word = self.text(&token);
        if ctx == Ctx::Fight
            && let Some(help) = did_you_mean(word, SettingKey::WORDS.iter().copied())
        {
            self.report(
                Diagnostic::new(
                    &diag::UNKNOWN_SETTING,
                    token.span,
                    format!("unknown setting `{word}`"),
                )
                .label("not a fight setting")
                .help(help),
            );
            return Err(());
        }
        let candidates = Keyword::WORDS
            .iter()
            .chain(TitleKey::WORDS)
            .chain(if ctx == Ctx::Fight {
                SettingKey::WORDS
            } else {
                &[]
            })
            .copied();
        let help = did_you_mean(word, candidates).unwrap_or_else(|| {
            "a statement starts with a keyword (`action`, `round`, …) or with a cast id".to_owned()
        });
        self.report(
            Diagnostic::new(
                &diag::UNKNOWN_KEYWORD,
                token.span,
                format!("unknown keyword `{word}`"),
            )
            .label("not a keyword")
            .help(help),
        );
        Err(())
    }

    fn stmt_kind(&mut self, class: Class, deco: &mut Deco) -> PResult<StmtKind> {
        match class {
            Class::TitleField => {
                let key = self.vocab::<TitleKey>(&diag::UNKNOWN_KEYWORD, "title-page field")?;
                let value = self.quoted("the field's text")?;
                Ok(StmtKind::TitleField { key, value })
            }
            Class::Production => {
                self.bump();
                let mode = self.vocab::<ProductionMode>(&diag::UNKNOWN_VALUE, "production")?;
                Ok(StmtKind::Production { mode })
            }
            Class::Cast => {
                let keyword = self.word_token();
                self.header(
                    keyword,
                    Ctx::Cast,
                    deco,
                    |_, _| Ok(()),
                    |p, open, ()| StmtKind::Cast {
                        members: p.block(Ctx::Cast, open, |p, _| p.cast_line()),
                    },
                )
            }
            Class::Moves => {
                let keyword = self.word_token();
                self.header(
                    keyword,
                    Ctx::Moves,
                    deco,
                    |_, _| Ok(()),
                    |p, open, ()| StmtKind::Moves {
                        moves: p.block(Ctx::Moves, open, |p, _| p.move_decl_line()),
                    },
                )
            }
            Class::Scene => {
                let keyword = self.word_token();
                self.header(
                    keyword,
                    Ctx::Scene,
                    deco,
                    |p, _| {
                        let heading = p.quoted("the scene heading")?;
                        let number = match p.eat_word("number") {
                            Some(_) => Some(p.quoted("the scene number, such as `\"1A\"`")?),
                            None => None,
                        };
                        Ok((heading, number))
                    },
                    |p, open, (heading, number)| StmtKind::Scene {
                        heading,
                        number: number.map(Box::new),
                        body: p.stmt_block(Ctx::Scene, open),
                    },
                )
            }
            Class::SceneMontage => {
                let keyword = self.word_token();
                self.header(
                    keyword,
                    Ctx::Montage,
                    deco,
                    |p, _| p.quoted("the montage's title"),
                    |p, open, title| StmtKind::Montage {
                        title,
                        body: p.stmt_block(Ctx::Montage, open),
                    },
                )
            }
            Class::Fight => {
                let keyword = self.word_token();
                self.header(
                    keyword,
                    Ctx::Fight,
                    deco,
                    |p, _| {
                        let red = p.ident("the first fighter's cast id")?;
                        if p.eat_word("vs").is_none() {
                            return p.expected(
                                "`vs`",
                                "write a fight's header as `fight ROCKY vs DRAGO {`",
                            );
                        }
                        let blue = p.ident("the second fighter's cast id")?;
                        Ok((red, blue))
                    },
                    |p, open, (red, blue)| StmtKind::Fight {
                        red,
                        blue,
                        body: p.stmt_block(Ctx::Fight, open),
                    },
                )
            }
            Class::Round => {
                let keyword = self.word_token();
                self.header(
                    keyword,
                    Ctx::Round,
                    deco,
                    |p, _| p.int("the round's number"),
                    |p, open, number| StmtKind::Round {
                        number,
                        body: p.stmt_block(Ctx::Round, open),
                    },
                )
            }
            Class::Corner => {
                let keyword = self.word_token();
                self.header(
                    keyword,
                    Ctx::Corner,
                    deco,
                    |p, _| p.ident("the fighter whose corner this is"),
                    |p, open, fighter| StmtKind::Corner {
                        fighter,
                        body: p.stmt_block(Ctx::Corner, open),
                    },
                )
            }
            Class::RoundsMontage => {
                let keyword = self.word_token();
                self.header(
                    keyword,
                    Ctx::RoundsMontage,
                    deco,
                    |p, _| {
                        p.bump(); // `rounds`, seen by `classify`
                        let rounds = match p.peek().kind {
                            TokenKind::Range(a, b) => {
                                let span = p.bump().span;
                                Spanned::new((a, b), span)
                            }
                            _ => {
                                return p.expected(
                                    "a range of rounds",
                                    "write the rounds shown as `montage rounds 3..14`",
                                );
                            }
                        };
                        let screen = match p.eat_word("screen") {
                            Some(_) => Some(p.duration("the montage's length on screen")?),
                            None => None,
                        };
                        Ok((rounds, screen))
                    },
                    |p, open, (rounds, screen)| StmtKind::RoundsMontage {
                        rounds,
                        screen,
                        body: p.stmt_block(Ctx::RoundsMontage, open),
                    },
                )
            }
            Class::Exchange => {
                let keyword = self.word_token();
                self.header(
                    keyword,
                    Ctx::Exchange,
                    deco,
                    |p, _| match p.peek().kind {
                        TokenKind::Str(_) => p.string("").map(Some),
                        _ => Ok(None),
                    },
                    |p, open, name| StmtKind::Exchange {
                        name,
                        body: p.stmt_block(Ctx::Exchange, open),
                    },
                )
            }
            Class::Transition => {
                self.bump();
                let text = self.quoted("the transition")?;
                self.suffix(deco, true)?;
                Ok(StmtKind::Transition { text })
            }
            Class::Beat => self.beat(deco),
            Class::Page => self.page(deco),
            Class::Setting => self.setting().map(StmtKind::Setting),
            Class::Result => {
                self.bump();
                self.result().map(StmtKind::Result)
            }
            Class::Event | Class::Towel => self.event(deco),
            Class::CastMember | Class::MoveDecl | Class::Unknown | Class::Unexpected => {
                unreachable!("handled by `stmt`")
            }
        }
    }

    fn word_token(&mut self) -> Word {
        let token = self.bump();
        Spanned::new(Name::from(self.text(&token)), token.span)
    }

    /// A block header: its own parts, then decorations, then `{` and the
    /// block. A broken header whose line has a `{` still opens its block,
    /// in the context `ctx`, kept as [`StmtKind::Broken`].
    fn header<H>(
        &mut self,
        keyword: Word,
        ctx: Ctx,
        deco: &mut Deco,
        parts: impl FnOnce(&mut Self, &mut Deco) -> PResult<H>,
        build: impl FnOnce(&mut Self, Span, H) -> StmtKind,
    ) -> PResult<StmtKind> {
        let head = parts(self, deco).and_then(|head| {
            self.suffix(deco, false)?;
            match self.peek().kind {
                TokenKind::LBrace => Ok((head, self.bump().span)),
                TokenKind::Newline => match self.lost_brace(keyword.span) {
                    Some(open) => Ok((head, open)),
                    None => self.expected("`{`", "a block's `{` stands on its header's line"),
                },
                _ => self.expected("`{`", "a block's `{` stands on its header's line"),
            }
        });
        match head {
            Ok((head, open)) => Ok(build(self, open, head)),
            Err(()) => match self
                .recover_header()
                .or_else(|| self.body_follows(keyword.span))
            {
                Some(open) => Ok(StmtKind::Broken {
                    keyword,
                    body: match ctx {
                        Ctx::Cast => {
                            // Cast and moves bodies hold no statements; read
                            // them as their own kind and keep none.
                            self.block(Ctx::Cast, open, |p, _| p.cast_line());
                            Block {
                                open,
                                close: None,
                                items: Vec::new(),
                            }
                        }
                        Ctx::Moves => {
                            self.block(Ctx::Moves, open, |p, _| p.move_decl_line());
                            Block {
                                open,
                                close: None,
                                items: Vec::new(),
                            }
                        }
                        _ => self.stmt_block(ctx, open),
                    },
                }),
                None => Err(()),
            },
        }
    }

    /// A header that ends its line without `{`, where the block plainly
    /// follows (see [`Parser::follows`]): reported once, and the block is
    /// then read as if opened, so its body and its `}` stay in step.
    fn lost_brace(&mut self, header: Span) -> Option<Span> {
        let line_end = self.peek().span.start as usize;
        match self.follows(header)? {
            Follows::BraceBelow(brace) => self.report(
                Diagnostic::new(
                    &diag::UNEXPECTED_TOKEN,
                    brace,
                    "`{` on the line after its header",
                )
                .label("this `{` belongs at the end of the header's line")
                .help("move the `{` up to the end of the header's line"),
            ),
            Follows::Indented => self.report(
                Diagnostic::new(
                    &diag::UNEXPECTED_TOKEN,
                    Span::empty(line_end),
                    "expected `{`, found the end of the line",
                )
                .label("the block's `{` is missing here")
                .help(
                    "add `{` at the end of the header's line: the indented lines below are its block",
                ),
            ),
        }
        self.open_below(header)
    }

    /// After a broken header already reported, at its line's end: opens
    /// its block, without a second diagnostic, when the block plainly
    /// follows.
    fn body_follows(&mut self, header: Span) -> Option<Span> {
        if !matches!(self.peek().kind, TokenKind::Newline) {
            return None;
        }
        self.follows(header)?;
        self.open_below(header)
    }

    /// Whether, at the end of a header's line, its block plainly follows:
    /// a `{` alone at the start of the next line, or the next line indented
    /// deeper than the header's.
    fn follows(&self, header: Span) -> Option<Follows> {
        let mut ahead = 0;
        while ahead + 1 < LOOKAHEAD && matches!(self.peek_at(ahead).kind, TokenKind::Newline) {
            ahead += 1;
        }
        let next = self.peek_at(ahead);
        if ahead == 0 || !next.first_on_line {
            return None;
        }
        match next.kind {
            TokenKind::LBrace => return Some(Follows::BraceBelow(next.span)),
            TokenKind::RBrace | TokenKind::Eof => return None,
            _ => {}
        }
        let start = next.span.start as usize;
        let body_indent = start
            - self.source[..start]
                .rfind(['\n', '\r'])
                .map_or(0, |i| i + 1);
        (body_indent > self.line_indent(header.start as usize)).then_some(Follows::Indented)
    }

    /// Opens the block that [`Parser::follows`] found: past a `{` on the
    /// next line, or at the end of the header's line.
    fn open_below(&mut self, header: Span) -> Option<Span> {
        let line_end = self.peek().span.start as usize;
        match self.follows(header)? {
            Follows::BraceBelow(_) => {
                while matches!(self.peek().kind, TokenKind::Newline) {
                    self.bump();
                }
                Some(self.bump().span)
            }
            Follows::Indented => Some(Span::empty(line_end)),
        }
    }

    /// `#label`, `after #label` and, where allowed, `for DURATION`, in any
    /// order.
    fn suffix(&mut self, deco: &mut Deco, allow_for: bool) -> PResult<()> {
        loop {
            match self.peek().kind {
                TokenKind::Label => {
                    let token = self.bump();
                    let label = Spanned::new(Name::from(self.text(&token)), token.span);
                    if deco.label.is_some() {
                        self.report(
                            Diagnostic::new(&diag::UNEXPECTED_TOKEN, token.span, "a second label")
                                .label("the statement already has a label")
                                .help("give each statement at most one label"),
                        );
                        return Err(());
                    }
                    deco.label = Some(label);
                }
                TokenKind::Word if self.at_word("after") => {
                    self.bump();
                    match self.peek().kind {
                        TokenKind::Label => {
                            let token = self.bump();
                            deco.after =
                                Some(Spanned::new(Name::from(self.text(&token)), token.span));
                        }
                        _ => return self.expected("a label", "write `after #label`"),
                    }
                }
                TokenKind::Word if allow_for && self.at_word("for") => {
                    self.bump();
                    deco.duration = Some(self.duration("a duration after `for`")?);
                }
                _ => return Ok(()),
            }
        }
    }

    // ---- leaves ---------------------------------------------------------

    fn string(&mut self, what: &str) -> PResult<Text> {
        match &self.peek().kind {
            TokenKind::Str(_) => {
                let token = self.bump();
                let TokenKind::Str(value) = token.kind else {
                    unreachable!("peeked a string")
                };
                Ok(Spanned::new(value.into(), token.span))
            }
            _ => self.expected(
                if what.is_empty() { "a string" } else { what },
                "write text in double quotes: \"…\"",
            ),
        }
    }

    /// Text that must be in quotes, such as a line of dialogue: like
    /// [`Parser::string`], but words where the string should be are one
    /// mistake, "`what` is missing its quotes", over the rest of the line
    /// (up to a block's `{`), not a complaint about their first word.
    fn quoted(&mut self, what: &str) -> PResult<Text> {
        let token = self.peek().clone();
        if matches!(
            token.kind,
            TokenKind::Str(_)
                | TokenKind::Newline
                | TokenKind::Semi
                | TokenKind::LBrace
                | TokenKind::RBrace
                | TokenKind::Eof
        ) {
            return self.string(&format!("{what} in quotes"));
        }
        let start = token.span.start as usize;
        let rest = &self.source[start..];
        // To the statement's end, where recovery will stop too: a line end
        // or `;` (so a line of many statements is scanned once).
        let line = &rest[..rest.find(['\n', '\r', ';']).unwrap_or(rest.len())];
        let line = line.find("//").map_or(line, |i| &line[..i]);
        let line = line.trim_end();
        let line = line.strip_suffix('{').map_or(line, str::trim_end);
        let span = Span::new(start, start + line.len().max(token.span.len()));
        let curly = line.starts_with(['\u{201c}', '\u{201d}', '\u{2018}']);
        let help = if curly {
            "use straight double quotes (`\"`), not curly ones".to_owned()
        } else if line.chars().count() <= 60 && !line.contains('"') {
            format!("put {what} in quotes: \"{line}\"")
        } else {
            format!("put {what} in double quotes: \"…\"")
        };
        self.report(
            Diagnostic::new(
                &diag::MISSING_QUOTES,
                span,
                format!("{what} is missing its quotes"),
            )
            .label("not in quotes")
            .help(help),
        );
        Err(())
    }

    fn ident(&mut self, what: &str) -> PResult<Ident> {
        match self.peek().kind {
            TokenKind::Id => {
                let token = self.bump();
                Ok(Spanned::new(Name::from(self.text(&token)), token.span))
            }
            _ => self.expected(what, "cast ids are upper case, such as `ROCKY`"),
        }
    }

    fn int(&mut self, what: &str) -> PResult<Spanned<u32>> {
        match self.peek().kind {
            TokenKind::Int(n) => {
                let span = self.bump().span;
                Ok(Spanned::new(n, span))
            }
            _ => self.expected(what, "write a whole number, such as `3`"),
        }
    }

    fn duration(&mut self, what: &str) -> PResult<Spanned<Duration>> {
        match self.peek().kind {
            TokenKind::Clock(d) | TokenKind::Duration(d) => {
                let span = self.bump().span;
                Ok(Spanned::new(d, span))
            }
            _ => self.expected(what, "write a duration as `2s`, `1.5s`, `400ms` or `1:30`"),
        }
    }

    /// A word from a closed vocabulary, with a did-you-mean when misspelt.
    fn vocab<T: Vocabulary>(&mut self, code: &'static Code, what: &str) -> PResult<Spanned<T>> {
        let token = self.peek().clone();
        if !matches!(token.kind, TokenKind::Word) {
            let expected = format!("a {what}");
            let help = format!("one of: {}", T::words().join(", "));
            return self.expected(&expected, help);
        }
        let word = self.text(&token);
        match T::lookup(word) {
            Some(value) => {
                self.bump();
                Ok(Spanned::new(value, token.span))
            }
            None => {
                let help = did_you_mean(word, T::words().iter().copied())
                    .unwrap_or_else(|| format!("one of: {}", T::words().join(", ")));
                self.report(
                    Diagnostic::new(code, token.span, format!("unknown {what} `{word}`"))
                        .label(format!("not a {what}"))
                        .help(help),
                );
                Err(())
            }
        }
    }

    fn peek_vocab<T: Vocabulary>(&self) -> Option<T> {
        let token = self.peek();
        matches!(token.kind, TokenKind::Word)
            .then(|| T::lookup(self.text(token)))
            .flatten()
    }

    // ---- statements -----------------------------------------------------

    fn cast_line(&mut self) -> Option<CastMember> {
        if !matches!(self.peek().kind, TokenKind::Id) {
            let class = self.classify(Ctx::Cast);
            let _ = match class {
                Class::Unknown | Class::Unexpected => self.expected::<()>(
                    "a cast member",
                    "write a cast member as `ROCKY fighter \"Rocky Balboa\"`",
                ),
                _ => {
                    // A statement that belongs elsewhere: say so, then skip it.
                    let span = self.peek().span;
                    let what = class.describe();
                    self.report(
                        Diagnostic::new(
                            &diag::MISPLACED_STATEMENT,
                            span,
                            format!("{what} cannot stand in `cast`"),
                        )
                        .label(format!("{what} here"))
                        .help("`cast` holds only cast members; close it with `}` first"),
                    );
                    Err(())
                }
            };
            self.recover();
            return None;
        }
        match self.cast_member() {
            Ok(member) => {
                self.end();
                Some(member)
            }
            Err(()) => {
                self.recover();
                None
            }
        }
    }

    fn cast_member(&mut self) -> PResult<CastMember> {
        let id = self.ident("a cast id")?;
        let role = self.vocab::<Role>(&diag::UNKNOWN_VALUE, "role")?;
        self.roles.entry(id.value.clone()).or_insert(role.value);
        let name = self.string("the member's display name in quotes")?;
        let mut attributes = Vec::new();
        while !self.at_line_end() {
            let token = self.peek().clone();
            let start = token.span;
            let attribute = match matches!(token.kind, TokenKind::Word).then(|| self.text(&token)) {
                Some("cue") => {
                    self.bump();
                    CastAttribute::Cue(self.string("the cue in quotes")?)
                }
                Some("nickname") => {
                    self.bump();
                    CastAttribute::Nickname(self.string("the nickname in quotes")?)
                }
                Some("stance") => {
                    self.bump();
                    CastAttribute::Stance(self.vocab::<Stance>(&diag::UNKNOWN_VALUE, "stance")?)
                }
                Some("pronouns") => {
                    self.bump();
                    CastAttribute::Pronouns(self.pronouns()?)
                }
                Some("for") => {
                    self.bump();
                    CastAttribute::For(self.ident("the fighter this corner works for")?)
                }
                Some(word) => {
                    let help = did_you_mean(word, ["cue", "nickname", "stance", "pronouns", "for"])
                        .unwrap_or_else(|| {
                            "the attributes are `cue`, `stance`, `nickname`, `pronouns` and `for`"
                                .into()
                        });
                    self.report(
                        Diagnostic::new(
                            &diag::UNKNOWN_VALUE,
                            token.span,
                            format!("unknown cast attribute `{word}`"),
                        )
                        .label("not a cast attribute")
                        .help(help),
                    );
                    return Err(());
                }
                None => {
                    return self.expected(
                        "a cast attribute or the end of the line",
                        "the attributes are `cue`, `stance`, `nickname`, `pronouns` and `for`",
                    );
                }
            };
            attributes.push(Spanned::new(
                attribute,
                start.to(Span::empty(self.prev_end)),
            ));
        }
        let span = id.span.to(Span::empty(self.prev_end));
        Ok(CastMember {
            id,
            role,
            name,
            attributes,
            span,
        })
    }

    /// The value of `pronouns`: `he`, `she` or `they`. Another form of one
    /// (`him`, `hers`, `themself`) is told which word stands for it, and a
    /// set written `she/her` is told to drop the rest.
    fn pronouns(&mut self) -> PResult<Spanned<Pronouns>> {
        let token = self.peek().clone();
        if matches!(token.kind, TokenKind::Word)
            && let Some(meant) = Pronouns::from_other_form(self.text(&token))
        {
            let word = self.text(&token).to_owned();
            self.report(
                Diagnostic::new(
                    &diag::UNKNOWN_VALUE,
                    token.span,
                    format!("unknown pronoun `{word}`"),
                )
                .label(format!("a form of `{}`", meant.as_str()))
                .help(format!(
                    "name the set by its subject form: `pronouns {}`",
                    meant.as_str()
                )),
            );
            return Err(());
        }
        let value = self.vocab::<Pronouns>(&diag::UNKNOWN_VALUE, "pronoun")?;
        // `pronouns she/her`, as people write them elsewhere: the `/` is
        // the mistake, and the help says what bout reads instead.
        let next = self.peek().clone();
        if self.text(&next).starts_with('/')
            && let TokenKind::Bad(diagnostic) = next.kind
        {
            self.report(diagnostic.help(format!(
                "write the set as one word: `pronouns {}`",
                value.value.as_str()
            )));
            return Err(());
        }
        Ok(value)
    }

    fn move_decl_line(&mut self) -> Option<MoveDecl> {
        let class = self.classify(Ctx::Moves);
        if class != Class::MoveDecl {
            if class == Class::Unexpected {
                let _ = self.expected::<()>(
                    "a technique declaration",
                    "write `spinning-backfist strike 0.9s`",
                );
            } else {
                let token = self.peek().clone();
                let word = self.text(&token);
                if matches!(token.kind, TokenKind::Word)
                    && is_reserved(word)
                    && Technique::from_word(word).is_none()
                {
                    return self.move_decl_or_recover();
                }
                let what = class.describe();
                self.report(
                    Diagnostic::new(
                        &diag::MISPLACED_STATEMENT,
                        token.span,
                        format!("{what} cannot stand in `moves`"),
                    )
                    .label(format!("{what} here"))
                    .help("`moves` holds only technique declarations; close it with `}` first"),
                );
            }
            self.recover();
            return None;
        }
        self.move_decl_or_recover()
    }

    fn move_decl_or_recover(&mut self) -> Option<MoveDecl> {
        match self.move_decl() {
            Ok(decl) => {
                self.end();
                Some(decl)
            }
            Err(()) => {
                self.recover();
                None
            }
        }
    }

    fn move_decl(&mut self) -> PResult<MoveDecl> {
        let token = self.bump();
        let name = Spanned::new(Name::from(self.text(&token)), token.span);
        let reserved = is_reserved(&name.value) && Technique::from_word(&name.value).is_none();
        if reserved {
            self.report(
                Diagnostic::new(
                    &diag::RESERVED_TECHNIQUE,
                    name.span,
                    format!("`{}` is a reserved word", name.value),
                )
                .label("a technique cannot be named with a keyword")
                .help(format!(
                    "choose another name, such as `{}-strike`",
                    name.value
                )),
            );
        }
        if !reserved {
            self.declared.insert(name.value.clone());
        }
        let kind = self.vocab::<MoveKind>(&diag::UNKNOWN_VALUE, "technique kind")?;
        let duration = self.duration("the technique's duration, such as `0.9s`")?;
        let span = name.span.to(duration.span);
        if reserved {
            return Err(());
        }
        Ok(MoveDecl {
            name,
            kind,
            duration,
            span,
        })
    }

    fn beat(&mut self, deco: &mut Deco) -> PResult<StmtKind> {
        if matches!(self.peek().kind, TokenKind::Id) {
            return self.dialogue(deco);
        }
        if matches!(self.peek().kind, TokenKind::Parenthetical(_)) {
            return self.continued_speech(deco);
        }
        let keyword = self.bump();
        let kind = match self.text(&keyword) {
            "beat" => {
                if let TokenKind::Clock(d) | TokenKind::Duration(d) = self.peek().kind {
                    let span = self.bump().span;
                    deco.duration = Some(Spanned::new(d, span));
                }
                StmtKind::Pause
            }
            word => {
                let text = self.quoted(&format!("the {word}'s text"))?;
                match word {
                    "action" => StmtKind::Action { text },
                    "shot" => StmtKind::Shot { text },
                    "sound" => StmtKind::Sound { text },
                    _ => StmtKind::Note { text },
                }
            }
        };
        self.suffix(deco, true)?;
        Ok(kind)
    }

    /// `centered "…"`, `lyric "…"`, `section [DEPTH] "…"`, `synopsis "…"`,
    /// `page-break`.
    fn page(&mut self, deco: &mut Deco) -> PResult<StmtKind> {
        let kind = self.vocab::<PageKind>(&diag::UNKNOWN_KEYWORD, "page element")?;
        let depth = match (kind.value, &self.peek().kind) {
            (PageKind::Section, TokenKind::Int(n)) => {
                let n = *n;
                Some(Spanned::new(n, self.bump().span))
            }
            _ => None,
        };
        let text = match kind.value {
            PageKind::PageBreak => None,
            PageKind::Centered => Some(self.quoted("the centred text")?),
            PageKind::Lyric => Some(self.quoted("the lyric")?),
            PageKind::Section => Some(self.quoted("the section's title")?),
            PageKind::Synopsis => Some(self.quoted("the synopsis")?),
        };
        self.suffix(deco, true)?;
        Ok(StmtKind::Page { kind, depth, text })
    }

    /// `(beat): "…"`: the next part of the speech just read, its
    /// parenthetical in the middle of the speech.
    fn continued_speech(&mut self, deco: &mut Deco) -> PResult<StmtKind> {
        let token = self.peek().clone();
        let TokenKind::Parenthetical(text) = &token.kind else {
            return self.expected("a parenthetical", "write `(beat): \"…\"`");
        };
        let parenthetical = Spanned::new(text.as_str().into(), self.bump().span);
        let Some((speaker, extension)) = self.speech.clone() else {
            self.report(
                Diagnostic::new(
                    &diag::SPEECH_NOT_BEGUN,
                    token.span,
                    "a parenthetical line with no speech before it",
                )
                .label("this goes on no speech")
                .help("begin the speech with its cue, `ROCKY (beat): \"…\"`, or put this line right under a line of dialogue"),
            );
            return Err(());
        };
        let line = self.said(
            deco,
            "write the next part of a speech as `(beat): \"line\"`",
        )?;
        Ok(StmtKind::Dialogue {
            speaker,
            extension,
            parenthetical: Some(Box::new(parenthetical)),
            line,
            continued: true,
        })
    }

    /// `: "line"` and the line's decorations, the end of every line of
    /// dialogue; `help` says how to write it when the `:` is missing.
    fn said(&mut self, deco: &mut Deco, help: &'static str) -> PResult<Text> {
        if !matches!(self.peek().kind, TokenKind::Colon) {
            return self.expected("`:`", help);
        }
        self.bump();
        let line = self.quoted("the line")?;
        self.suffix(deco, true)?;
        Ok(line)
    }

    fn dialogue(&mut self, deco: &mut Deco) -> PResult<StmtKind> {
        let speaker = self.ident("the speaker")?;
        let mut extension = None;
        let mut parenthetical = None;
        if let TokenKind::Extension(text) = &self.peek().kind {
            let text = text.as_str().into();
            extension = Some(Box::new(Spanned::new(text, self.bump().span)));
        }
        if let TokenKind::Parenthetical(text) = &self.peek().kind {
            let text = text.as_str().into();
            parenthetical = Some(Box::new(Spanned::new(text, self.bump().span)));
        }
        let line = self.said(
            deco,
            "write dialogue as `ROCKY: \"line\"`, with `[V.O.]` or `(quietly)` before the colon",
        )?;
        Ok(StmtKind::Dialogue {
            speaker,
            extension,
            parenthetical,
            line,
            continued: false,
        })
    }

    fn setting(&mut self) -> PResult<Setting> {
        let key = self.vocab::<SettingKey>(&diag::UNKNOWN_SETTING, "setting")?;
        Ok(match key.value {
            SettingKey::Rules => Setting::Rules(self.vocab(&diag::UNKNOWN_VALUE, "ruleset")?),
            SettingKey::Rounds => Setting::Rounds(self.int("the number of rounds")?),
            SettingKey::RoundLength => {
                Setting::RoundLength(self.duration("the round length, such as `3:00`")?)
            }
            SettingKey::Rest => {
                Setting::Rest(self.duration("the rest between rounds, such as `1:00`")?)
            }
            SettingKey::Referee => {
                let referee = self.ident("the referee's cast id")?;
                self.roles
                    .entry(referee.value.clone())
                    .or_insert(Role::Referee);
                Setting::Referee(referee)
            }
            SettingKey::ThreeKnockdown => {
                Setting::ThreeKnockdown(self.vocab(&diag::UNKNOWN_VALUE, "switch")?)
            }
        })
    }

    fn result(&mut self) -> PResult<FightResult> {
        if self.eat_word("draw").is_some() {
            return Ok(FightResult::Draw);
        }
        if self.eat_word("no-contest").is_some() {
            return Ok(FightResult::NoContest);
        }
        if !matches!(self.peek().kind, TokenKind::Id) {
            return self.expected(
                "the winner's cast id, `draw` or `no-contest`",
                "write `result ROCKY ko`, `result draw` or `result no-contest`",
            );
        }
        let winner = self.ident("the winner")?;
        let method = self.vocab::<Method>(&diag::UNKNOWN_VALUE, "method")?;
        Ok(FightResult::Win { winner, method })
    }

    fn event(&mut self, deco: &mut Deco) -> PResult<StmtKind> {
        if self.eat_word("bell").is_some() {
            self.suffix(deco, false)?;
            return Ok(StmtKind::Bell);
        }
        if self.eat_word("towel").is_some() {
            let fighter = self.ident("the fighter whose corner throws the towel")?;
            self.suffix(deco, false)?;
            return Ok(StmtKind::Towel { fighter });
        }
        let actor = self.ident("a cast id")?;
        if self.eat_word("up").is_some() {
            self.suffix(deco, false)?;
            return Ok(StmtKind::Up { fighter: actor });
        }
        if let Some(verb) = self.peek_vocab::<RefereeVerb>() {
            self.bump();
            let action = self.referee_action(verb)?;
            self.suffix(deco, false)?;
            return Ok(StmtKind::Referee {
                referee: actor,
                action,
            });
        }
        self.misspelt_referee_action(&actor)?;
        let attack = self.attack(actor)?;
        self.suffix(deco, false)?;
        Ok(StmtKind::Move(attack))
    }

    /// `REF brake`, `REF counts 8`: a word after a referee that is no
    /// technique (built in or declared so far) nor a side; or, after a cast
    /// id not declared (yet), a word close to a referee action. One mistake, with
    /// the referee's actions to choose from, instead of "a referee cannot
    /// attack" and "unknown technique".
    fn misspelt_referee_action(&mut self, actor: &Ident) -> PResult<()> {
        let token = self.peek().clone();
        if !matches!(token.kind, TokenKind::Word) {
            return Ok(());
        }
        let word = self.text(&token);
        if Technique::from_word(word).is_some()
            || Side::from_word(word).is_some()
            || self.declared.contains(word)
        {
            return Ok(());
        }
        // `brake` is two edits from `break` but the same letters.
        let role = self.roles.get(actor.value.as_str()).copied();
        if role.is_some_and(|r| r != Role::Referee) {
            return Ok(()); // a fighter's misspelt technique: names says so
        }
        let near = did_you_mean(word, RefereeVerb::WORDS.iter().copied()).or_else(|| {
            if word.len() > 16 {
                return None;
            }
            let letters = |w: &str| {
                let mut l: Vec<char> = w.chars().flat_map(char::to_lowercase).collect();
                l.sort_unstable();
                l
            };
            let mine = letters(word);
            RefereeVerb::WORDS
                .iter()
                .find(|verb| letters(verb) == mine)
                .map(|verb| format!("did you mean `{verb}`?"))
        });
        if near.is_none() && role.is_none() {
            return Ok(());
        }
        let help = near.unwrap_or_else(|| {
            format!("a referee's actions are: {}", RefereeVerb::WORDS.join(", "))
        });
        self.report(
            Diagnostic::new(
                &diag::UNKNOWN_REFEREE_ACTION,
                token.span,
                format!("unknown referee action `{word}`"),
            )
            .label("not a referee action")
            .help(help),
        );
        Err(())
    }

    fn referee_action(&mut self, verb: RefereeVerb) -> PResult<RefereeAction> {
        Ok(match verb {
            RefereeVerb::Count => RefereeAction::Count(self.int("the count, such as `8`")?),
            RefereeVerb::Break => RefereeAction::Break,
            RefereeVerb::Warn => {
                let fighter = self.ident("the fighter warned")?;
                let reason = match self.peek().kind {
                    TokenKind::Str(_) => Some(self.string("")?),
                    _ => None,
                };
                RefereeAction::Warn { fighter, reason }
            }
            RefereeVerb::Deduct => {
                let fighter = self.ident("the fighter who loses points")?;
                let points = match self.peek().kind {
                    TokenKind::Int(_) => Some(self.int("")?),
                    _ => None,
                };
                RefereeAction::Deduct { fighter, points }
            }
            RefereeVerb::Disqualify => RefereeAction::Disqualify {
                fighter: self.ident("the fighter disqualified")?,
            },
            RefereeVerb::Stop => RefereeAction::Stop {
                fighter: self.ident("the fighter stopped")?,
            },
        })
    }

    fn attack(&mut self, attacker: Ident) -> PResult<Move> {
        let side = self
            .peek_vocab::<Side>()
            .map(|side| Spanned::new(side, self.bump().span));
        if !matches!(self.peek().kind, TokenKind::Word) {
            return self.expected(
                "a technique",
                "write a move as `DRAGO right uppercut chin -> ROCKY down`",
            );
        }
        let technique = self.word_token();
        let modifier_words = ModifierKey::WORDS;
        let target = match self.peek().kind {
            TokenKind::Word
                if !modifier_words.contains(&self.text(self.peek())) && !self.at_word("after") =>
            {
                let token = self.peek().clone();
                let word = self.text(&token);
                match Target::from_word(word) {
                    Some(target) => {
                        self.bump();
                        Some(Spanned::new(target, token.span))
                    }
                    None => {
                        let candidates = Target::WORDS.iter().chain(modifier_words).copied();
                        let help = did_you_mean(word, candidates).unwrap_or_else(|| {
                            format!("the targets are: {}", Target::WORDS.join(", "))
                        });
                        self.report(
                            Diagnostic::new(
                                &diag::UNKNOWN_TARGET,
                                token.span,
                                format!("unknown target `{word}`"),
                            )
                            .label("not a target")
                            .help(help),
                        );
                        return Err(());
                    }
                }
            }
            _ => None,
        };
        let modifiers = self.modifiers()?;
        let reaction = match self.peek().kind {
            TokenKind::Arrow => Some(self.reaction()?),
            _ => None,
        };
        Ok(Move {
            attacker,
            side,
            technique,
            target,
            modifiers: modifiers.into_boxed_slice(),
            reaction: reaction.map(Box::new),
        })
    }

    fn modifiers(&mut self) -> PResult<Vec<Spanned<Modifier>>> {
        let mut modifiers: Vec<Spanned<Modifier>> = Vec::new();
        loop {
            let token = self.peek().clone();
            let start = token.span;
            let modifier = match &token.kind {
                TokenKind::Flurry(n) => {
                    self.bump();
                    Modifier::Flurry(*n)
                }
                TokenKind::Word => {
                    let word = self.text(&token);
                    let Some(key) = ModifierKey::from_word(word) else {
                        if word == "after" {
                            return Ok(modifiers);
                        }
                        let help = did_you_mean(word, ModifierKey::WORDS.iter().copied())
                            .unwrap_or_else(|| "the modifiers are `xN`, `contact`, `knap`, `speed`, `camera` and `for`".into());
                        self.report(
                            Diagnostic::new(
                                &diag::UNKNOWN_VALUE,
                                token.span,
                                format!("unknown modifier `{word}`"),
                            )
                            .label("not a move modifier")
                            .help(help),
                        );
                        return Err(());
                    };
                    self.bump();
                    match key {
                        ModifierKey::Contact => Modifier::Contact(
                            self.vocab::<Contact>(&diag::UNKNOWN_VALUE, "contact level")?
                                .value,
                        ),
                        ModifierKey::Knap => match self.peek().kind {
                            TokenKind::Id => Modifier::Knap(Knap::Member(self.ident("")?)),
                            _ => Modifier::Knap(Knap::Who(
                                self.vocab::<KnapWho>(&diag::UNKNOWN_VALUE, "knap")?.value,
                            )),
                        },
                        ModifierKey::Speed => match self.peek().kind {
                            TokenKind::Percent(p) => {
                                self.bump();
                                Modifier::Speed(p)
                            }
                            _ => {
                                return self
                                    .expected("a percentage", "write a speed as `speed 75%`");
                            }
                        },
                        ModifierKey::Camera => Modifier::Camera(
                            self.string("the camera angle in quotes")?.value.into(),
                        ),
                        ModifierKey::For => {
                            Modifier::For(self.duration("a duration after `for`")?.value)
                        }
                    }
                }
                _ => return Ok(modifiers),
            };
            let span = start.to(Span::empty(self.prev_end));
            let same = |m: &Spanned<Modifier>| {
                std::mem::discriminant(&m.value) == std::mem::discriminant(&modifier)
            };
            if let Some(first) = modifiers.iter().find(|m| same(m)) {
                let first = first.span;
                self.report(
                    Diagnostic::new(&diag::DUPLICATE_MODIFIER, span, "modifier given twice")
                        .label("given again here")
                        .related(first, "first given here")
                        .help("give each modifier at most once"),
                );
                return Err(());
            }
            modifiers.push(Spanned::new(modifier, span));
        }
    }

    fn reaction(&mut self) -> PResult<Reaction> {
        let arrow = self.bump().span;
        let defender = self.ident("the defender's cast id")?;
        let token = self.peek().clone();
        if !matches!(token.kind, TokenKind::Word) {
            return self.expected(
                "a reaction",
                "write a reaction such as `-> ROCKY block` or `-> ROCKY down mat`",
            );
        }
        let word = self.text(&token);
        let Some(kind) = ReactionKind::from_word(word) else {
            let help =
                did_you_mean(word, ReactionKind::WORDS.iter().copied()).unwrap_or_else(|| {
                    format!("the reactions are: {}", ReactionKind::WORDS.join(", "))
                });
            self.report(
                Diagnostic::new(
                    &diag::UNKNOWN_REACTION,
                    token.span,
                    format!("unknown reaction `{word}`"),
                )
                .label("not a reaction")
                .help(help),
            );
            return Err(());
        };
        self.bump();
        let kind = Spanned::new(kind, token.span);
        use ReactionKind as R;
        let evasion = matches!(
            kind.value,
            R::Slip | R::Duck | R::Roll | R::Weave | R::StepBack
        );
        let wound = matches!(kind.value, R::Cut | R::Swell);
        let detail = if evasion {
            self.peek_vocab::<Direction>()
                .map(|d| Spanned::new(ReactionDetail::Direction(d), self.bump().span))
        } else if wound {
            match self.peek_vocab::<Location>() {
                Some(l) => Some(Spanned::new(ReactionDetail::Location(l), self.bump().span)),
                None => {
                    return self.expected(
                        &format!("where the {} opens", kind.value.as_str()),
                        format!("the locations are: {}", Location::WORDS.join(", ")),
                    );
                }
            }
        } else {
            if self.peek_vocab::<Direction>().is_some() {
                let span = self.peek().span;
                self.report(
                    Diagnostic::new(&diag::UNKNOWN_VALUE, span, format!("`{}` takes no direction", kind.value.as_str()))
                        .label("a direction here")
                        .help("only evasions (`slip`, `duck`, `roll`, `weave`, `step-back`) take a direction"),
                );
                return Err(());
            }
            None
        };
        let mat = self.eat_word("mat");
        Ok(Reaction {
            defender,
            kind,
            detail,
            mat,
            span: arrow.to(Span::empty(self.prev_end)),
        })
    }
}

/// A closed vocabulary, for [`Parser::vocab`].
trait Vocabulary: Sized {
    fn lookup(word: &str) -> Option<Self>;
    fn words() -> &'static [&'static str];
}

macro_rules! vocabulary_impl {
    ($($t:ty),+) => {$(
        impl Vocabulary for $t {
            fn lookup(word: &str) -> Option<Self> { <$t>::from_word(word) }
            fn words() -> &'static [&'static str] { <$t>::WORDS }
        }
    )+};
}

vocabulary_impl!(
    TitleKey,
    ProductionMode,
    Role,
    Stance,
    Pronouns,
    MoveKind,
    Ruleset,
    SettingKey,
    Switch,
    Method,
    Contact,
    KnapWho,
    RefereeVerb,
    Side,
    Direction,
    Location,
    PageKind
);
