//! T004 `dangling-together`: `&` with nothing before it.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::*;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    walk(&model.script.items, true, out);
}

fn walk(items: &[Stmt], top: bool, out: &mut Vec<Diagnostic>) {
    // Title fields, cast and moves take no time: they are not "before".
    let timed = |s: &Stmt| {
        !matches!(
            s.kind,
            StmtKind::TitleField { .. }
                | StmtKind::Production { .. }
                | StmtKind::Cast { .. }
                | StmtKind::Moves { .. }
                | StmtKind::Setting(_)
                | StmtKind::Result(_)
        )
    };
    if let Some(first) = items.iter().find(|s| timed(s))
        && let Some(amp) = first.together
    {
        out.push(
            Diagnostic::new(&diag::DANGLING_TOGETHER, amp, "`&` with nothing before it")
                .label(if top {
                    "the script's first line"
                } else {
                    "the first line of its block"
                })
                .help("remove `&`: this line starts the block anyway"),
        );
    }
    for stmt in items {
        if let Some(body) = stmt.body() {
            walk(&body.items, false, out);
        }
    }
}
