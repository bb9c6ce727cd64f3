//! Semantic tokens: every token of the lexer, classed by what it is in
//! the language (keyword, cast id, technique, value, string, number,
//! label or anchor, operator, comment).
//!
//! Words are classed by the vocabulary tables (`syntax::words`) and, for
//! techniques, by the tree: a word is a technique where a move or a `moves`
//! line has it, so a technique declared in `moves` is coloured like a
//! built-in one.

use std::collections::HashSet;

use lsp_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensLegend,
    SemanticTokensParams, SemanticTokensRangeParams, SemanticTokensRangeResult,
    SemanticTokensResult,
};

use super::{Ctx, Failure};
use crate::span::Span;
use crate::syntax::ast::*;
use crate::syntax::lexer::{self, TokenKind};
use crate::syntax::visit;

/// The token types, in legend order.
const TYPES: [SemanticTokenType; 9] = [
    SemanticTokenType::KEYWORD,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::FUNCTION,
    SemanticTokenType::ENUM_MEMBER,
    SemanticTokenType::STRING,
    SemanticTokenType::NUMBER,
    SemanticTokenType::DECORATOR,
    SemanticTokenType::OPERATOR,
    SemanticTokenType::COMMENT,
];

/// The legend: the types above and the one modifier, `declaration`.
pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: vec![SemanticTokenModifier::DECLARATION],
    }
}

/// Indices into [`TYPES`].
#[derive(Clone, Copy)]
enum Class {
    Keyword = 0,
    Cast = 1,
    Technique = 2,
    Value = 3,
    Text = 4,
    Number = 5,
    Decoration = 6,
    Operator = 7,
    Comment = 8,
}

/// `textDocument/semanticTokens/full`.
pub fn full(
    ctx: &Ctx<'_>,
    _: SemanticTokensParams,
) -> Result<Option<SemanticTokensResult>, Failure> {
    let data = encode(ctx, Span::new(0, ctx.text.len()));
    Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
        result_id: None,
        data,
    })))
}

/// `textDocument/semanticTokens/range`.
pub fn range(
    ctx: &Ctx<'_>,
    params: SemanticTokensRangeParams,
) -> Result<Option<SemanticTokensRangeResult>, Failure> {
    // Whole lines, so a token is never cut.
    let span = super::position::span(&ctx.index, ctx.text, params.range);
    let start = ctx.index.line_start(ctx.index.line_of(span.start as usize));
    let end_line = ctx.index.line_of(span.end as usize);
    let end = ctx.index.line_start(end_line) + ctx.index.line_text(end_line).len();
    let data = encode(ctx, Span::new(start, end));
    Ok(Some(SemanticTokensRangeResult::Tokens(SemanticTokens {
        result_id: None,
        data,
    })))
}

/// The classed tokens within `within`, encoded relative to each other as
/// the protocol wants. A token spanning lines (a `"""` string, which
/// clients cannot colour across lines) is sent line by line.
fn encode(ctx: &Ctx<'_>, within: Span) -> Vec<SemanticToken> {
    let script = &ctx.checked.script;
    let techniques: HashSet<u32> = visit::statements(&script.items)
        .flat_map(|stmt| match &stmt.kind {
            StmtKind::Move(m) => vec![m.technique.span.start],
            StmtKind::Moves { moves } => moves.items.iter().map(|d| d.name.span.start).collect(),
            _ => Vec::new(),
        })
        .collect();
    let declared: HashSet<u32> = ctx
        .checked
        .names
        .cast
        .iter()
        .map(|m| m.span.start)
        .collect();
    // Words that are keywords elsewhere but values here: a cast member's
    // role (`corner`, `referee`) and the production's mode (`screen`).
    let values: HashSet<u32> = visit::statements(&script.items)
        .flat_map(|stmt| match &stmt.kind {
            StmtKind::Production { mode } => vec![mode.span.start],
            StmtKind::Cast { members } => members.items.iter().map(|m| m.role.span.start).collect(),
            StmtKind::CastMember(m) => vec![m.role.span.start],
            _ => Vec::new(),
        })
        .collect();
    let mut classed: Vec<(Span, Class, bool)> = Vec::new();
    for token in lexer::tokens_in(ctx.text, within) {
        let text = &ctx.text[token.span.range()];
        let class = match token.kind {
            TokenKind::Word if techniques.contains(&token.span.start) => Class::Technique,
            TokenKind::Word if values.contains(&token.span.start) => Class::Value,
            TokenKind::Word if crate::syntax::words::is_keyword(text) => Class::Keyword,
            TokenKind::Word => Class::Value,
            TokenKind::Id => Class::Cast,
            TokenKind::Label | TokenKind::Anchor(_) => Class::Decoration,
            TokenKind::Str(_) | TokenKind::Extension(_) | TokenKind::Parenthetical(_) => {
                Class::Text
            }
            TokenKind::Int(_)
            | TokenKind::Percent(_)
            | TokenKind::Flurry(_)
            | TokenKind::Range(..)
            | TokenKind::Clock(_)
            | TokenKind::Duration(_) => Class::Number,
            TokenKind::Arrow | TokenKind::Amp => Class::Operator,
            TokenKind::Colon
            | TokenKind::Semi
            | TokenKind::LBrace
            | TokenKind::RBrace
            | TokenKind::Newline
            | TokenKind::Bad(_)
            | TokenKind::Eof => continue,
        };
        let declaration = token.kind == TokenKind::Id && declared.contains(&token.span.start);
        classed.push((token.span, class, declaration));
    }
    for comment in &script.comments {
        if comment.span.start >= within.start && comment.span.start < within.end {
            classed.push((comment.span, Class::Comment, false));
        }
    }
    classed.sort_by_key(|(span, ..)| span.start);
    let mut data = Vec::with_capacity(classed.len());
    let (mut last_line, mut last_start) = (0u32, 0u32);
    // The protocol's tokens may not overlap: a piece that starts before
    // the last one ended (a comment the lexer, reading from mid-file, saw
    // inside a string) is left out.
    let mut last_end = 0usize;
    for (span, class, declaration) in classed {
        let first = ctx.index.line_of(span.start as usize);
        let last = ctx.index.line_of(span.end as usize);
        for line in first..=last {
            let from = (span.start as usize).max(ctx.index.line_start(line));
            let line_end = ctx.index.line_start(line) + ctx.index.line_text(line).len();
            let to = (span.end as usize).min(line_end);
            if to <= from || from < last_end {
                continue;
            }
            last_end = to;
            let start = super::position::position(&ctx.index, from);
            let end = super::position::position(&ctx.index, to);
            let line = start.line;
            let delta_line = line - last_line;
            let delta_start = if delta_line == 0 {
                start.character - last_start
            } else {
                start.character
            };
            data.push(SemanticToken {
                delta_line,
                delta_start,
                length: end.character - start.character,
                token_type: class as u32,
                token_modifiers_bitset: u32::from(declaration),
            });
            last_line = line;
            last_start = start.character;
        }
    }
    data
}
