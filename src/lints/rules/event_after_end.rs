//! F007 `event-after-end`: a fight event after the fight has ended.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::*;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        let Some(ending) = fight.facts.ending else {
            continue;
        };
        // One mistake, one report: the first event after the end.
        if let Some(fact) = fight.facts.events.iter().find(|f| f.ended_before) {
            let span = match &fact.stmt.kind {
                StmtKind::Round { number, .. } => number.span,
                _ => fact.stmt.span,
            };
            let how = match ending.method {
                Method::Ko => "knockout",
                Method::Tko => "stoppage",
                Method::Rtd => "retirement",
                Method::Dq => "disqualification",
                Method::Decision => "decision",
            };
            out.push(
                Diagnostic::new(&diag::EVENT_AFTER_END, span, "the fight goes on after it has ended")
                    .label("a fight event after the end")
                    .related(ending.span, format!("the fight ends here, by {how}"))
                    .help("only beats may follow the end of a fight; remove this, or change the event that ended it"),
            );
        }
    }
}
