//! F009 `short-of-distance`: `decision` or `draw` in a fight that did not
//! go its scheduled distance.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// F009 `short-of-distance`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "F009",
    name: "short-of-distance",
    severity: Severity::Error,
    category: Category::State,
    what: "Reports `result … decision` or `result draw` in a fight that did not go its scheduled distance: a scheduled round is missing, or the last one does not end with its `bell`.",
    why: "The judges score a fight only when it goes the distance; a fight that stops short ended some other way, and the script should say how.",
    example: "rounds 3\nround 1 { … bell }\nround 2 { … bell }\nresult ROCKY decision",
    instead: "rounds 3\nround 1 { … bell }\nround 2 { … bell }\nround 3 { … bell }\nresult ROCKY decision",
};

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
                &CODE,
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
