//! P002 `empty-dialogue`: dialogue whose line is empty or blank.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::*;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    walk(&model.script.items, out);
}

fn walk(items: &[Stmt], out: &mut Vec<Diagnostic>) {
    for stmt in items {
        if let StmtKind::Dialogue { speaker, line, .. } = &stmt.kind
            && line.value.trim().is_empty()
        {
            out.push(
                Diagnostic::new(
                    &diag::EMPTY_DIALOGUE,
                    line.span,
                    format!("empty line for `{}`", speaker.value),
                )
                .label("nothing is said")
                .help("write the line; for a silent one, write \"...\""),
            );
        }
        if let Some(body) = stmt.body() {
            walk(&body.items, out);
        }
    }
}
