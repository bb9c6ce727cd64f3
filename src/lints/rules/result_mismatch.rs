//! F008 `result-mismatch`: `result` disagrees with the events.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::model::state::side;
use crate::syntax::ast::*;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        let Some((result, stmt)) = fight.result else {
            continue;
        };
        let ending = fight.facts.ending;
        let problem = match (result, ending) {
            (FightResult::NoContest, _) => None,
            (FightResult::Draw, Some(e)) => Some(format!(
                "the events end the fight: {} wins by {}",
                fight.fighters[e.winner].value,
                e.method.as_str()
            )),
            (FightResult::Draw, None) => None,
            (FightResult::Win { winner, method }, Some(e)) => {
                let claimed = side(fight.fighters, winner);
                let towel = matches!(
                    (e.method, method.value),
                    (Method::Tko, Method::Rtd) | (Method::Rtd, Method::Tko)
                );
                if claimed.is_some() && claimed != Some(e.winner) {
                    Some(format!(
                        "the events make {} the winner, by {}",
                        fight.fighters[e.winner].value,
                        e.method.as_str()
                    ))
                } else if method.value != e.method && !towel {
                    Some(format!(
                        "the events end the fight by {}, not {}",
                        e.method.as_str(),
                        method.value.as_str()
                    ))
                } else {
                    None
                }
            }
            (FightResult::Win { method, .. }, None) => match method.value {
                Method::Decision => None,
                m => Some(format!("no event ends the fight by {}", m.as_str())),
            },
        };
        if let Some(problem) = problem {
            let mut d = Diagnostic::new(
                &diag::RESULT_MISMATCH,
                stmt.span,
                "result disagrees with the fight",
            )
            .label(problem)
            .help(
                "make the result say what the events show, or write the event that ends the fight",
            );
            if let Some(e) = ending {
                d = d.related(e.span, "the fight ends here");
            }
            out.push(d);
        }
    }
}
