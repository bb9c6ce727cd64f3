//! T005 `after-cycle`: a cycle through `after`.

use crate::diag::{self, Diagnostic};
use crate::model::Model;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for cycle in &model.graph.cycles {
        let Some(first) = cycle.first() else { continue };
        let mut d = Diagnostic::new(
            &diag::AFTER_CYCLE,
            first.label.span,
            "cycle through `after`",
        )
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
