//! Go to definition, find references and rename, for the three kinds of
//! name a script declares: cast ids, `#labels` and the techniques of
//! `moves`.
//!
//! What is under the cursor is read from the tokens of its line, so a
//! name is found even on a line the parser could not read; whether a word
//! is a technique is read from the tree (a word is a technique only where
//! a move or a `moves` line has it).

use std::collections::HashMap;

use lsp_types::{
    GotoDefinitionParams, GotoDefinitionResponse, Location, PrepareRenameResponse, ReferenceParams,
    RenameParams, TextDocumentPositionParams, TextEdit, WorkspaceEdit,
};

use super::{Ctx, Failure};
use crate::span::Span;
use crate::syntax::ast::{Stmt, StmtKind};
use crate::syntax::lexer::{self, Token, TokenKind};
use crate::syntax::visit::{self, Node};
use crate::syntax::words;

/// A declared (or declarable) name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Symbol {
    /// A cast id, such as `ROCKY`.
    Cast(String),
    /// A label, without its `#`.
    Label(String),
    /// A technique.
    Technique(String),
}

/// The token at byte `offset`: the one holding it, else the one ending
/// there (a cursor just after a word).
pub fn token_at(ctx: &Ctx<'_>, offset: usize) -> Option<Token> {
    let line = ctx.index.line_of(offset);
    let start = ctx.index.line_start(line);
    let end = start + ctx.index.line_text(line).len();
    let tokens = lexer::tokens_in(ctx.text, Span::new(start, end));
    let holds = |t: &&Token| (t.span.start as usize) <= offset && offset < t.span.end as usize;
    let ends = |t: &&Token| t.span.end as usize == offset;
    tokens
        .iter()
        .find(holds)
        .or_else(|| tokens.iter().find(ends))
        .filter(|t| !matches!(t.kind, TokenKind::Newline | TokenKind::Eof))
        .cloned()
}

/// The name at byte `offset`, with the span of its token there.
pub fn symbol_at(ctx: &Ctx<'_>, offset: usize) -> Option<(Symbol, Span)> {
    let token = token_at(ctx, offset)?;
    let text = &ctx.text[token.span.range()];
    match token.kind {
        TokenKind::Id => Some((Symbol::Cast(text.to_owned()), token.span)),
        TokenKind::Label => Some((Symbol::Label(text[1..].to_owned()), token.span)),
        TokenKind::Word => {
            let path = visit::node_at(&ctx.checked.script, token.span.start);
            let technique = match path.last()? {
                Node::Stmt(Stmt {
                    kind: StmtKind::Move(m),
                    ..
                }) => m.technique.span == token.span,
                Node::MoveDecl(decl) => decl.name.span == token.span,
                Node::Stmt(_) | Node::CastMember(_) => false,
            };
            technique.then(|| (Symbol::Technique(text.to_owned()), token.span))
        }
        _ => None,
    }
}

/// Where `symbol` is declared, if it is.
pub fn declaration(ctx: &Ctx<'_>, symbol: &Symbol) -> Option<Span> {
    let names = &ctx.checked.names;
    match symbol {
        Symbol::Cast(id) => names.member(id).map(|m| m.span),
        Symbol::Label(name) => names.label(name),
        Symbol::Technique(name) => names.technique(name).and_then(|t| t.span),
    }
}

/// Every place `symbol` is written, declaration included, in source order.
pub fn occurrences(ctx: &Ctx<'_>, symbol: &Symbol) -> Vec<Span> {
    match symbol {
        Symbol::Cast(id) => tokens_where(ctx, |t, text| t.kind == TokenKind::Id && text == id),
        Symbol::Label(name) => tokens_where(ctx, |t, text| {
            t.kind == TokenKind::Label && text.strip_prefix('#') == Some(name)
        }),
        Symbol::Technique(name) => {
            let mut spans = Vec::new();
            for stmt in visit::statements(&ctx.checked.script.items) {
                match &stmt.kind {
                    StmtKind::Move(m) if m.technique.value == name.as_str() => {
                        spans.push(m.technique.span)
                    }
                    StmtKind::Moves { moves } => spans.extend(
                        moves
                            .items
                            .iter()
                            .filter(|d| d.name.value == name.as_str())
                            .map(|d| d.name.span),
                    ),
                    _ => {}
                }
            }
            spans.sort_by_key(|s| s.start);
            spans
        }
    }
}

fn tokens_where(ctx: &Ctx<'_>, keep: impl Fn(&Token, &str) -> bool) -> Vec<Span> {
    lexer::lex(ctx.text)
        .tokens
        .iter()
        .filter(|t| keep(t, &ctx.text[t.span.range()]))
        .map(|t| t.span)
        .collect()
}

/// `textDocument/definition`.
pub fn definition(
    ctx: &Ctx<'_>,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>, Failure> {
    let offset = ctx.offset(params.text_document_position_params.position);
    let Some((symbol, _)) = symbol_at(ctx, offset) else {
        return Ok(None);
    };
    Ok(declaration(ctx, &symbol).map(|span| {
        GotoDefinitionResponse::Scalar(Location::new(ctx.doc.uri.clone(), ctx.range(span)))
    }))
}

/// `textDocument/references`.
pub fn references(
    ctx: &Ctx<'_>,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>, Failure> {
    let offset = ctx.offset(params.text_document_position.position);
    let Some((symbol, _)) = symbol_at(ctx, offset) else {
        return Ok(None);
    };
    let declared = declaration(ctx, &symbol);
    let spans = occurrences(ctx, &symbol)
        .into_iter()
        .filter(|s| params.context.include_declaration || Some(*s) != declared);
    Ok(Some(
        spans
            .map(|s| Location::new(ctx.doc.uri.clone(), ctx.range(s)))
            .collect(),
    ))
}

/// `textDocument/prepareRename`: the name's range, or why it cannot be
/// renamed.
pub fn prepare_rename(
    ctx: &Ctx<'_>,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>, Failure> {
    let offset = ctx.offset(params.position);
    let Some((symbol, span)) = symbol_at(ctx, offset) else {
        return Ok(None);
    };
    renameable(ctx, &symbol)?;
    let (placeholder, span) = match &symbol {
        // The label's `#` stays; only the name is edited.
        Symbol::Label(name) => (
            name.clone(),
            Span::new(span.start as usize + 1, span.end as usize),
        ),
        Symbol::Cast(name) | Symbol::Technique(name) => (name.clone(), span),
    };
    Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: ctx.range(span),
        placeholder,
    }))
}

fn renameable(ctx: &Ctx<'_>, symbol: &Symbol) -> Result<(), Failure> {
    match symbol {
        Symbol::Technique(name) if declaration(ctx, symbol).is_none() => {
            if ctx.checked.names.technique(name).is_some() {
                Err(Failure::refused(format!(
                    "`{name}` is a built-in technique; only techniques declared in `moves` can be renamed"
                )))
            } else {
                Err(Failure::refused(format!(
                    "`{name}` is not declared in `moves`"
                )))
            }
        }
        Symbol::Cast(id) if declaration(ctx, symbol).is_none() => Err(Failure::refused(format!(
            "`{id}` is not in the cast; declare it in `cast` first"
        ))),
        Symbol::Label(name) if declaration(ctx, symbol).is_none() => Err(Failure::refused(
            format!("no statement is labelled `#{name}`"),
        )),
        Symbol::Cast(_) | Symbol::Label(_) | Symbol::Technique(_) => Ok(()),
    }
}

/// `textDocument/rename`: every occurrence, or a refusal when the new
/// name is not a name of that kind or is already taken.
pub fn rename(ctx: &Ctx<'_>, params: RenameParams) -> Result<Option<WorkspaceEdit>, Failure> {
    let offset = ctx.offset(params.text_document_position.position);
    let Some((symbol, _)) = symbol_at(ctx, offset) else {
        return Ok(None);
    };
    renameable(ctx, &symbol)?;
    let wanted = params.new_name.trim();
    let names = &ctx.checked.names;
    let new_text = match &symbol {
        Symbol::Cast(old) => {
            if !is_cast_id(wanted) {
                return Err(Failure::refused(format!(
                    "`{wanted}` is not a cast id: upper-case letters, digits and `_`, starting with a letter"
                )));
            }
            if wanted != old && names.member(wanted).is_some() {
                return Err(Failure::refused(format!(
                    "`{wanted}` is already in the cast"
                )));
            }
            wanted.to_owned()
        }
        Symbol::Label(old) => {
            let wanted = wanted.strip_prefix('#').unwrap_or(wanted);
            if !is_word(wanted) {
                return Err(Failure::refused(format!(
                    "`{wanted}` is not a label name: lower-case words joined by `-`"
                )));
            }
            if wanted != old && names.label(wanted).is_some() {
                return Err(Failure::refused(format!("`#{wanted}` is already a label")));
            }
            format!("#{wanted}")
        }
        Symbol::Technique(old) => {
            if !is_word(wanted) {
                return Err(Failure::refused(format!(
                    "`{wanted}` is not a technique name: lower-case words joined by `-`"
                )));
            }
            if wanted != old && names.technique(wanted).is_some() {
                return Err(Failure::refused(format!(
                    "`{wanted}` is already a technique"
                )));
            }
            if words::is_reserved(wanted) {
                return Err(Failure::refused(format!(
                    "`{wanted}` is a word of the language"
                )));
            }
            wanted.to_owned()
        }
    };
    let edits = occurrences(ctx, &symbol)
        .into_iter()
        .map(|span| TextEdit::new(ctx.range(span), new_text.clone()))
        .collect();
    Ok(Some(WorkspaceEdit {
        changes: Some(HashMap::from([(ctx.doc.uri.clone(), edits)])),
        ..Default::default()
    }))
}

/// `[A-Z][A-Z0-9_]*`.
fn is_cast_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// `[a-z]+(-[a-z]+)*`.
fn is_word(s: &str) -> bool {
    !s.is_empty()
        && s.split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase()))
}
