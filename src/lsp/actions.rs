//! Code actions: the did-you-mean of a diagnostic as a quick fix, "allow
//! this rule on this line", the performer-safety fixes that have one right
//! answer, and "fix all" for the safe ones.
//!
//! Safe (applied by "fix all"): `mat` on a fall filmed for the screen
//! (X004) and `contact none` on a stage head strike (X002) — each makes the
//! line safe without changing what the audience sees. Offered but never
//! applied in bulk: did-you-mean replacements (a guess), the `knap victim`
//! placeholder (X001: who knaps is the fight director's choice) and
//! `contact light` for a full-contact head strike on screen (X003).

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    TextEdit, WorkspaceEdit,
};

use super::{Ctx, Failure};
use crate::diag::{Category, Diagnostic};
use crate::span::Span;
use crate::syntax::ast::{Modifier, Move, Stmt, StmtKind};
use crate::syntax::visit::{self, Node};

/// One fix: what it says, its edits, and whether "fix all" may apply it.
struct Fix {
    title: String,
    edits: Vec<(Span, String)>,
    safe: bool,
    preferred: bool,
}

/// `textDocument/codeAction`.
pub fn actions(
    ctx: &Ctx<'_>,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>, Failure> {
    let wanted = super::position::span(&ctx.index, ctx.text, params.range);
    let only = params.context.only.as_deref();
    let wants = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let mut out = Vec::new();
    if wants(&CodeActionKind::QUICKFIX) {
        for d in ctx
            .checked
            .diagnostics
            .iter()
            .filter(|d| touches(d.span, wanted))
        {
            let protocol = super::diagnostics::to_lsp(d, &ctx.index, &ctx.doc.uri, None);
            for fix in fixes(ctx, d).into_iter().chain(allow(ctx, d)) {
                out.push(action(
                    ctx,
                    fix,
                    CodeActionKind::QUICKFIX,
                    Some(protocol.clone()),
                ));
            }
        }
    }
    if wants(&CodeActionKind::SOURCE_FIX_ALL) {
        let safe: Vec<Fix> = ctx
            .checked
            .diagnostics
            .iter()
            .flat_map(|d| fixes(ctx, d))
            .filter(|f| f.safe)
            .collect();
        if !safe.is_empty() {
            let count = safe.len();
            let mut edits: Vec<(Span, String)> = safe.into_iter().flat_map(|f| f.edits).collect();
            edits.sort_by_key(|(s, _)| (s.start, s.end));
            edits.dedup_by_key(|(s, _)| (s.start, s.end));
            let fix = Fix {
                title: format!(
                    "Fix all: {count} safety fix{}",
                    if count == 1 { "" } else { "es" }
                ),
                edits,
                safe: true,
                preferred: false,
            };
            out.push(action(ctx, fix, CodeActionKind::SOURCE_FIX_ALL, None));
        }
    }
    Ok(Some(out))
}

fn touches(span: Span, wanted: Span) -> bool {
    span.start <= wanted.end && wanted.start <= span.end
}

fn action(
    ctx: &Ctx<'_>,
    fix: Fix,
    kind: CodeActionKind,
    diagnostic: Option<lsp_types::Diagnostic>,
) -> CodeActionOrCommand {
    let edits = fix
        .edits
        .into_iter()
        .map(|(span, text)| TextEdit::new(ctx.range(span), text))
        .collect();
    CodeActionOrCommand::CodeAction(CodeAction {
        title: fix.title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(ctx.doc.uri.clone(), edits)])),
            ..Default::default()
        }),
        is_preferred: Some(fix.preferred),
        ..Default::default()
    })
}

/// The fixes of diagnostic `d`: its did-you-mean, and its safety fix.
fn fixes(ctx: &Ctx<'_>, d: &Diagnostic) -> Vec<Fix> {
    let mut out = Vec::new();
    if let Some(word) = d.help.as_deref().and_then(suggestion) {
        out.push(Fix {
            title: format!("Replace with `{word}`"),
            edits: vec![(d.span, word.to_owned())],
            safe: false,
            preferred: true,
        });
    }
    if d.code.category != Category::Safety {
        return out;
    }
    let Some(attack) = move_at(ctx, d.span) else {
        return out;
    };
    match d.code.code {
        "X004" => {
            if let Some(reaction) = &attack.reaction {
                out.push(Fix {
                    title: format!("Add `mat`: {} falls on crash pads", reaction.defender.value),
                    edits: vec![(Span::empty(reaction.span.end as usize), " mat".into())],
                    safe: true,
                    preferred: true,
                });
            }
        }
        "X002" => out.push(contact(attack, "none", true)),
        "X003" => out.push(contact(attack, "light", false)),
        "X001" => {
            let at = attack
                .modifiers
                .last()
                .map(|m| m.span.end)
                .or(attack.target.map(|t| t.span.end))
                .unwrap_or(attack.technique.span.end);
            out.push(Fix {
                title: "Add `knap victim` (choose who makes the sound)".into(),
                edits: vec![(Span::empty(at as usize), " knap victim".into())],
                safe: false,
                preferred: true,
            });
        }
        _ => {}
    }
    out
}

/// Sets the move's contact level to `level`: the written one replaced, or
/// one added after the target.
fn contact(attack: &Move, level: &str, safe: bool) -> Fix {
    let written = attack
        .modifiers
        .iter()
        .find(|m| matches!(m.value, Modifier::Contact(_)));
    let edit = match written {
        Some(m) => (m.span, format!("contact {level}")),
        None => {
            let at = attack
                .target
                .map_or(attack.technique.span.end, |t| t.span.end);
            (Span::empty(at as usize), format!(" contact {level}"))
        }
    };
    Fix {
        title: format!("Write `contact {level}`"),
        edits: vec![edit],
        safe,
        preferred: true,
    }
}

/// The move whose line holds `span`.
fn move_at<'a>(ctx: &'a Ctx<'_>, span: Span) -> Option<&'a Move> {
    visit::node_at(&ctx.checked.script, span.start)
        .into_iter()
        .rev()
        .find_map(|node| match node {
            Node::Stmt(Stmt {
                kind: StmtKind::Move(m),
                ..
            }) => Some(m),
            Node::Stmt(_) | Node::CastMember(_) | Node::MoveDecl(_) => None,
        })
}

/// The word of a "did you mean `X`?" help.
fn suggestion(help: &str) -> Option<&str> {
    let rest = &help[help.find("did you mean `")? + "did you mean `".len()..];
    let word = &rest[..rest.find('`')?];
    (!word.is_empty() && !word.contains(char::is_whitespace)).then_some(word)
}

/// "Allow this rule on this line": an allow comment on the line before,
/// or the rule added to the one already there. Syntax errors cannot be
/// allowed.
fn allow(ctx: &Ctx<'_>, d: &Diagnostic) -> Option<Fix> {
    if d.code.category == Category::Syntax {
        return None;
    }
    let name = d.code.name;
    let line = ctx.index.line_of(d.span.start as usize);
    let title = format!("Allow `{name}` on this line");
    if let Some(before) = line.checked_sub(1) {
        let text = ctx.index.line_text(before);
        let trimmed = text.trim();
        if trimmed.starts_with("//")
            && trimmed.contains("bout: allow(")
            && let Some(close) = text.rfind(')')
        {
            let at = ctx.index.line_start(before) + close;
            return Some(Fix {
                title,
                edits: vec![(Span::new(at, at), format!(", {name}"))],
                safe: false,
                preferred: false,
            });
        }
    }
    let text = ctx.index.line_text(line);
    let indent = &text[..text.len() - text.trim_start().len()];
    let at = ctx.index.line_start(line);
    Some(Fix {
        title,
        edits: vec![(
            Span::new(at, at),
            format!("{indent}// bout: allow({name})\n"),
        )],
        safe: false,
        preferred: false,
    })
}

#[cfg(test)]
mod tests {
    use super::suggestion;

    #[test]
    fn suggestions_are_read_from_the_help() {
        assert_eq!(suggestion("did you mean `uppercut`?"), Some("uppercut"));
        assert_eq!(suggestion("write `contact none`"), None);
        assert_eq!(suggestion("did you mean ``?"), None);
    }
}
