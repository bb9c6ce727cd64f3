//! T005 `after-cycle`: a cycle through `after`.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;

/// T005 `after-cycle`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "T005",
    name: "after-cycle",
    severity: Severity::Error,
    category: Category::Time,
    what: "Reports a cycle through `after`, on the cycle's first `after` in source order.",
    why: "Statements that wait for each other never start.",
    example: "ROCKY jab head -> DRAGO hit #a after #b\nDRAGO jab head -> ROCKY hit #b after #a",
    instead: "ROCKY jab head -> DRAGO hit #a\nDRAGO jab head -> ROCKY hit #b after #a",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for cycle in &model.graph.cycles {
        let Some(first) = cycle.first() else { continue };
        let mut d = Diagnostic::new(&CODE, first.label.span, "cycle through `after`")
            .label(format!("waits for #{}", first.label.value))
            .help("these lines wait for each other and never start: remove one of the `after`s");
        for step in &cycle[1..] {
            d = d.related(
                step.label.span,
                format!("which waits for #{}", step.label.value),
            );
        }
        out.push(d);
    }
}
