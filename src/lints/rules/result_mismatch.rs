//! F008 `result-mismatch`: `result` disagrees with the events.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::model::state::{EndCause, side};
use crate::syntax::ast::*;

/// F008 `result-mismatch`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "F008",
    name: "result-mismatch",
    severity: Severity::Error,
    category: Category::State,
    what: "Reports a `result` that disagrees with what the events show.",
    why: "The result must tell the story the rounds told: the winner and the way the fight ended.",
    example: "ROCKY left hook chin -> DRAGO down mat\nREF count 10\n…\nresult DRAGO ko",
    instead: "result ROCKY ko",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        let Some((result, stmt)) = fight.result else {
            continue;
        };
        let ending = fight.facts.ending;
        let how = ending.map(|e| super::super::ending_words(fight, &e));
        let mut help =
            "make the result say what the events show, or write the event that ends the fight"
                .to_owned();
        let problem = match (result, ending) {
            (FightResult::NoContest, _) => None,
            (FightResult::Draw, Some(e)) => Some(format!(
                "the events end the fight {}: {} wins by {}",
                how.clone().unwrap_or_default(),
                fight.fighters[e.winner].value,
                e.method.as_str()
            )),
            (FightResult::Draw, None) => None,
            (FightResult::Win { winner, method }, Some(e)) => {
                let claimed = side(fight.fighters, winner);
                if claimed.is_some() && claimed != Some(e.winner) {
                    Some(format!(
                        "the events make {} the winner, by {}",
                        fight.fighters[e.winner].value,
                        e.method.as_str()
                    ))
                } else if method.value != e.method {
                    if e.method == Method::Tko && method.value == Method::Rtd {
                        help = format!(
                            "a towel during the round is a stoppage (`tko`); a retirement is `towel {}` in a `corner` between rounds",
                            fight.fighters[1 - e.winner].value
                        );
                    }
                    Some(format!(
                        "the events end the fight {}: that is {}, not {}",
                        how.clone().unwrap_or_default(),
                        e.method.as_str(),
                        method.value.as_str()
                    ))
                } else {
                    None
                }
            }
            (FightResult::Win { winner, method }, None) => {
                let other = side(fight.fighters, winner)
                    .map_or("the other fighter".to_owned(), |w| {
                        format!("`{}`", fight.fighters[1 - w].value)
                    });
                match method.value {
                    Method::Decision => None,
                    Method::Dq => {
                        help = format!(
                            "a win by `dq` needs the referee to disqualify the other fighter: `REF disqualify {}`",
                            other.trim_matches('`')
                        );
                        Some(format!("nobody disqualifies {other}"))
                    }
                    Method::Rtd => {
                        help = format!(
                            "a corner retires its fighter between rounds: `towel {0}` in `corner {0}`",
                            other.trim_matches('`')
                        );
                        Some(format!("no corner retires {other}"))
                    }
                    m => Some(format!("no event ends the fight by {}", m.as_str())),
                }
            }
        };
        if let Some(problem) = problem {
            if ending.is_some_and(|e| e.cause == EndCause::ThreeKnockdowns) {
                help = super::super::THREE_KNOCKDOWN_HELP.to_owned();
            }
            let mut d = Diagnostic::new(&CODE, stmt.span, "result disagrees with the fight")
                .label(problem)
                .help(help);
            if let Some(e) = ending {
                d = d.related(e.span, "the fight ends here");
            }
            out.push(d);
        }
    }
}
