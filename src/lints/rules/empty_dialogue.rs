//! P002 `empty-dialogue`: dialogue whose line is empty or blank.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// P002 `empty-dialogue`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "P002",
    name: "empty-dialogue",
    severity: Severity::Warning,
    category: Category::Form,
    what: "Reports dialogue whose line is empty or blank.",
    why: "A character cue with nothing under it reads as a mistake; a silent line is written \"...\".",
    example: r#"DRAGO: """#,
    instead: r#"DRAGO: "...""#,
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for stmt in &model.index.dialogue {
        if let StmtKind::Dialogue { speaker, line, .. } = &stmt.kind
            && line.value.trim().is_empty()
        {
            out.push(
                Diagnostic::new(
                    &CODE,
                    line.span,
                    format!("empty line for `{}`", speaker.value),
                )
                .label("nothing is said")
                .help("write the line; for a silent one, write \"...\""),
            );
        }
    }
}
