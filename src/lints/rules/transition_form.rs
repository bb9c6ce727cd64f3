//! P003 `transition-form`: on `production screen` or `page`, a transition
//! not ending in TO:, OUT., IN: or BLACK.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// P003 `transition-form`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "P003",
    name: "transition-form",
    severity: Severity::Warning,
    category: Category::Form,
    what: "Reports, on `production screen` or `page`, a transition that does not end in TO:, OUT., IN: or BLACK.",
    why: "Transitions are recognised by their ending; anything else reads as action. A stage play's transitions are lighting cues (`LIGHTS FADE.`, `BLACKOUT.`, `LIGHTS UP.`), so `production stage` is not checked.",
    example: r#"transition "CUT""#,
    instead: r#"transition "CUT TO:""#,
};

/// The endings a transition may have.
pub(crate) const ENDINGS: &[&str] = &["TO:", "OUT.", "IN:", "BLACK."];

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    // A stage play's transitions are lighting cues: `LIGHTS FADE.`, `LIGHTS UP.`.
    if model.production == ProductionMode::Stage {
        return;
    }
    for stmt in &model.index.transitions {
        if let StmtKind::Transition { text } = &stmt.kind {
            let upper = text.value.trim_end().to_uppercase();
            if !ENDINGS.iter().any(|e| upper.ends_with(e)) {
                out.push(
                    Diagnostic::new(&CODE, text.span, "transition that does not read as one")
                        .label("ends in neither TO:, OUT., IN: nor BLACK.")
                        .help("write it as a transition, such as \"CUT TO:\", \"FADE OUT.\" or \"SMASH CUT TO BLACK.\""),
                );
            }
        }
    }
}
