//! P001 `scene-heading`: a heading without INT., EXT., INT./EXT., I/E or EST.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::*;

/// The prefixes a scene heading may start with.
pub(crate) const PREFIXES: &[&str] = &["INT./EXT.", "INT.", "EXT.", "I/E", "EST."];

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    walk(&model.script.items, out);
}

fn walk(items: &[Stmt], out: &mut Vec<Diagnostic>) {
    for stmt in items {
        if let StmtKind::Scene { heading, .. } = &stmt.kind {
            let upper = heading.value.trim_start().to_uppercase();
            if !PREFIXES.iter().any(|p| upper.starts_with(p)) {
                out.push(
                    Diagnostic::new(
                        &diag::SCENE_HEADING,
                        heading.span,
                        "scene heading without an INT. or EXT. prefix",
                    )
                    .label("starts with neither INT., EXT., INT./EXT., I/E nor EST.")
                    .help(format!(
                        "start the heading with where the scene is, such as \"INT. {}\"",
                        heading.value.trim()
                    )),
                );
            }
        }
        if let Some(body) = stmt.body() {
            walk(&body.items, out);
        }
    }
}
