//! N011 `not-the-referee`: a referee acting in a fight whose `referee`
//! setting names someone else.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// N011 `not-the-referee`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "N011",
    name: "not-the-referee",
    severity: Severity::Error,
    category: Category::Names,
    what: "Reports a referee who counts, breaks, warns, deducts, disqualifies or stops in a fight whose `referee` setting names someone else.",
    why: "One referee runs a fight; another referee in the cast acting in it is almost always the wrong id.",
    example: "fight ROCKY vs DRAGO {\n  referee REF\n  round 1 { …\n    MILLS count 8   // MILLS referees another fight\n  }\n}",
    instead: "fight ROCKY vs DRAGO {\n  referee REF\n  round 1 { …\n    REF count 8\n  }\n}",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        let Some(the_referee) = fight.referee else {
            continue;
        };
        for fact in &fight.facts.events {
            let StmtKind::Referee { referee, action } = &fact.stmt.kind else {
                continue;
            };
            // Someone who is no referee at all is N006's (wrong-role).
            let is_referee = model
                .names
                .member(&referee.value)
                .is_some_and(|m| m.role == Role::Referee);
            if !is_referee || referee.value == the_referee.value {
                continue;
            }
            let verb = match action {
                RefereeAction::Count(_) => "counts",
                RefereeAction::Break => "breaks",
                RefereeAction::Warn { .. } => "warns",
                RefereeAction::Deduct { .. } => "deducts",
                RefereeAction::Disqualify { .. } => "disqualifies",
                RefereeAction::Stop { .. } => "stops",
            };
            out.push(
                Diagnostic::new(
                    &CODE,
                    referee.span,
                    format!(
                        "`{}` {verb} in a fight refereed by `{}`",
                        referee.value, the_referee.value
                    ),
                )
                .label("not this fight's referee")
                .related(the_referee.span, "the fight's referee")
                .help(format!(
                    "only the fight's referee acts in it: write `{} {}`",
                    the_referee.value,
                    verb_word(action)
                )),
            );
        }
    }
}

fn verb_word(action: &RefereeAction) -> &'static str {
    match action {
        RefereeAction::Count(_) => "count …",
        RefereeAction::Break => "break",
        RefereeAction::Warn { .. } => "warn …",
        RefereeAction::Deduct { .. } => "deduct …",
        RefereeAction::Disqualify { .. } => "disqualify …",
        RefereeAction::Stop { .. } => "stop …",
    }
}
