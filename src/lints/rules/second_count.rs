//! F003 `second-count`: a second count for the same knockdown.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::model::state::Condition;
use crate::syntax::ast::*;

/// F003 `second-count`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "F003",
    name: "second-count",
    severity: Severity::Error,
    category: Category::State,
    what: "Reports a second count for the same knockdown.",
    why: "Each knockdown has one count, which lasts as many seconds as it reaches.",
    example: "REF count 5\nREF count 8",
    instead: "REF count 8",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        let events = &fight.facts.events;
        for (i, fact) in events.iter().enumerate() {
            if fact.ended_before() {
                continue;
            }
            if let StmtKind::Referee {
                action: RefereeAction::Count(n),
                ..
            } = &fact.stmt.kind
            {
                // In a double knockdown the count goes on over the one
                // still down once the other has risen: not a second count.
                let first = (0..2)
                    .filter(|&d| fact.before.condition[d] == Condition::Down)
                    .find_map(|d| {
                        let counted = fact.before.count[d]?;
                        let goes_on = fact.before.count_goes_on[d] && n.value > counted;
                        (!goes_on).then_some((d, counted))
                    });
                if let Some((side, first)) = first {
                    let mut d =
                        Diagnostic::new(&CODE, n.span, "second count for the same knockdown")
                            .label(format!("already counted to {first}"))
                            .help("give each knockdown one count, to the number it reaches");
                    if let Some(down) = super::super::knockdown_before(events, i, side) {
                        d = d.related(down, "the knockdown");
                        // The first count: the last count between the
                        // knockdown and this one.
                        if let Some(count) = events[..i].iter().rev().find(|e| {
                            e.stmt.span.start > down.start
                                && matches!(
                                    e.stmt.kind,
                                    StmtKind::Referee {
                                        action: RefereeAction::Count(_),
                                        ..
                                    }
                                )
                        }) {
                            d = d.related(count.stmt.span, format!("the count to {first}"));
                        }
                    }
                    out.push(d);
                }
            }
        }
    }
}
