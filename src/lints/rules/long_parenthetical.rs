//! P004 `long-parenthetical`: a parenthetical longer than 40 characters.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// P004 `long-parenthetical`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "P004",
    name: "long-parenthetical",
    severity: Severity::Warning,
    category: Category::Form,
    what: "Reports a parenthetical longer than 40 characters.",
    why: "A parenthetical is a word or two of direction; a long one belongs in action.",
    example: r#"ROCKY (slowly getting up off the canvas, blood in his eye): "No.""#,
    instead: "action \"Rocky gets up off the canvas, blood in his eye.\"\nROCKY (quietly): \"No.\"",
};

/// The longest a parenthetical may be, in characters.
pub(crate) const LIMIT: usize = 40;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for stmt in &model.index.dialogue {
        if let StmtKind::Dialogue {
            parenthetical: Some(p),
            ..
        } = &stmt.kind
        {
            let length = p.value.chars().count();
            if length > LIMIT {
                out.push(
                    Diagnostic::new(&CODE, p.span, format!("parenthetical of {length} characters"))
                        .label(format!("longer than {LIMIT} characters"))
                        .help("keep a word or two of direction here and move the rest into an `action` line"),
                );
            }
        }
    }
}
