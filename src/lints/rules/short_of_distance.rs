//! F009 `short-of-distance`: `decision` or `draw` in a fight that did not
//! go its scheduled distance.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::*;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        let Some((result, stmt)) = fight.result else {
            continue;
        };
        let what = match result {
            FightResult::Draw => "draw",
            FightResult::Win { method, .. } if method.value == Method::Decision => "decision",
            _ => continue,
        };
        // An ending by the events is `result-mismatch`'s to report.
        if fight.facts.ending.is_some() {
            continue;
        }
        let Some(distance) = fight.facts.distance else {
            continue;
        };
        if distance.gone() {
            continue;
        }
        let scheduled = distance.scheduled;
        let label = match distance.first_missing {
            Some(r) => format!("round {r} of {scheduled} is never fought"),
            None => format!("round {scheduled}, the last, does not end with its bell"),
        };
        out.push(
            Diagnostic::new(
                &diag::SHORT_OF_DISTANCE,
                stmt.span,
                format!("a {what} but the fight does not go its {scheduled} rounds"),
            )
            .label(label)
            .help(format!(
                "write every scheduled round (`montage rounds A..B` covers some in passing) and end round {scheduled} with `bell`, set `rounds` to the rounds fought, or write the event that ends the fight"
            )),
        );
    }
}
