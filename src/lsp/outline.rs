//! The outline: document symbols (scenes ⊃ fights ⊃ rounds ⊃ exchanges,
//! with the cast, the moves and every labelled statement) and folding
//! ranges (every block).

use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, FoldingRange, FoldingRangeKind,
    FoldingRangeParams, SymbolKind,
};

use super::{Ctx, Failure};
use crate::syntax::ast::{Stmt, StmtKind};
use crate::syntax::visit;

/// `textDocument/documentSymbol`.
pub fn symbols(
    ctx: &Ctx<'_>,
    _: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>, Failure> {
    Ok(Some(DocumentSymbolResponse::Nested(list(
        ctx,
        &ctx.checked.script.items,
    ))))
}

fn list(ctx: &Ctx<'_>, items: &[Stmt]) -> Vec<DocumentSymbol> {
    items.iter().filter_map(|s| symbol(ctx, s)).collect()
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written out.
fn node(
    ctx: &Ctx<'_>,
    stmt_span: crate::span::Span,
    head: crate::span::Span,
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: ctx.range(stmt_span),
        selection_range: ctx.range(head),
        children: (!children.is_empty()).then_some(children),
    }
}

/// `name #label`, when the statement has a label.
fn labelled(stmt: &Stmt, name: String) -> String {
    match stmt.label() {
        Some(label) => format!("{name} #{}", label.value),
        None => name,
    }
}

fn symbol(ctx: &Ctx<'_>, stmt: &Stmt) -> Option<DocumentSymbol> {
    let children = || stmt.body().map_or_else(Vec::new, |b| list(ctx, &b.items));
    let make = |name: String, detail: Option<String>, kind: SymbolKind, children| {
        Some(node(
            ctx,
            stmt.span,
            stmt.head,
            labelled(stmt, name),
            detail,
            kind,
            children,
        ))
    };
    match &stmt.kind {
        StmtKind::Scene { heading, .. } => make(
            heading.value.to_string(),
            Some("scene".into()),
            SymbolKind::NAMESPACE,
            children(),
        ),
        StmtKind::Fight { red, blue, .. } => make(
            format!("{} vs {}", red.value, blue.value),
            Some("fight".into()),
            SymbolKind::CLASS,
            children(),
        ),
        StmtKind::Round { number, .. } => make(
            format!("round {}", number.value),
            None,
            SymbolKind::METHOD,
            children(),
        ),
        StmtKind::RoundsMontage { rounds, .. } => make(
            format!("rounds {}..{}", rounds.value.0, rounds.value.1),
            Some("montage".into()),
            SymbolKind::METHOD,
            children(),
        ),
        StmtKind::Exchange { name, .. } => make(
            name.as_ref()
                .map_or_else(|| "exchange".to_owned(), |n| n.value.to_string()),
            name.as_ref().map(|_| "exchange".to_owned()),
            SymbolKind::FUNCTION,
            children(),
        ),
        StmtKind::Montage { title, .. } => make(
            title.value.to_string(),
            Some("montage".into()),
            SymbolKind::NAMESPACE,
            children(),
        ),
        StmtKind::Corner { fighter, .. } => make(
            format!("corner {}", fighter.value),
            None,
            SymbolKind::OBJECT,
            children(),
        ),
        StmtKind::Cast { members } => {
            let members = members
                .items
                .iter()
                .map(|m| {
                    node(
                        ctx,
                        m.span,
                        m.id.span,
                        m.id.value.to_string(),
                        Some(format!("{} “{}”", m.role.value.as_str(), m.name.value)),
                        SymbolKind::VARIABLE,
                        Vec::new(),
                    )
                })
                .collect();
            make("cast".into(), None, SymbolKind::STRUCT, members)
        }
        StmtKind::Moves { moves } => {
            let decls = moves
                .items
                .iter()
                .map(|d| {
                    node(
                        ctx,
                        d.span,
                        d.name.span,
                        d.name.value.to_string(),
                        Some(format!("{:?}", d.kind.value).to_lowercase()),
                        SymbolKind::FUNCTION,
                        Vec::new(),
                    )
                })
                .collect();
            make("moves".into(), None, SymbolKind::STRUCT, decls)
        }
        StmtKind::Broken { keyword, .. } => make(
            format!("{} (unreadable)", keyword.value),
            None,
            SymbolKind::NULL,
            children(),
        ),
        // A labelled line is a place to jump to.
        StmtKind::TitleField { .. }
        | StmtKind::Production { .. }
        | StmtKind::CastMember(_)
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
        | StmtKind::Bell => {
            let label = stmt.label()?;
            let line = ctx
                .index
                .line_text(ctx.index.line_of(stmt.span.start as usize));
            Some(node(
                ctx,
                stmt.span,
                label.span,
                format!("#{}", label.value),
                Some(crate::report::visible_text(line.trim()).into_owned()),
                SymbolKind::KEY,
                Vec::new(),
            ))
        }
    }
}

/// `textDocument/foldingRange`: every block that spans lines, and every
/// run of two or more comment lines.
pub fn folding(ctx: &Ctx<'_>, _: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>, Failure> {
    let line = |offset: u32| ctx.index.line_of(offset as usize) as u32;
    let mut ranges = Vec::new();
    let mut fold = |start: u32, end: u32, kind: Option<FoldingRangeKind>| {
        if end > start {
            ranges.push(FoldingRange {
                start_line: start,
                end_line: end,
                kind,
                ..Default::default()
            });
        }
    };
    for stmt in visit::statements(&ctx.checked.script.items) {
        let braces = match &stmt.kind {
            StmtKind::Cast { members } => Some((members.open, members.close)),
            StmtKind::Moves { moves } => Some((moves.open, moves.close)),
            _ => stmt.body().map(|b| (b.open, b.close)),
        };
        if let Some((open, close)) = braces {
            // The last line folded is the one before the `}`, which stays
            // visible; a missing `}` folds to the statement's end.
            let end = close.map_or(line(stmt.span.end), |c| line(c.start).saturating_sub(1));
            fold(line(open.start), end, None);
        }
    }
    let comments = &ctx.checked.script.comments;
    let mut i = 0;
    while i < comments.len() {
        let mut j = i;
        while j + 1 < comments.len()
            && line(comments[j + 1].span.start) == line(comments[j].span.start) + 1
        {
            j += 1;
        }
        if j > i {
            let (start, end) = (line(comments[i].span.start), line(comments[j].span.start));
            fold(start, end, Some(FoldingRangeKind::Comment));
        }
        i = j + 1;
    }
    ranges.sort_by_key(|r| (r.start_line, r.end_line));
    Ok(Some(ranges))
}
