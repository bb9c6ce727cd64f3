//! R004 `rounds-in-street-fight`: rounds, corners, a rounds montage, a bell
//! or a setting that only rounds have, in a `street` fight.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// R004 `rounds-in-street-fight`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "R004",
    name: "rounds-in-street-fight",
    severity: Severity::Error,
    category: Category::Rounds,
    what: "Reports a round, corner, rounds montage or `bell` in a `street` fight, and the settings only rounds have (`rounds`, `round-length`, `rest`, `three-knockdown`).",
    why: "A street fight has no rounds, no bell and no corners; its events stand directly in the fight, on one clock from its first event. A setting it cannot use would be silently ignored.",
    example: "fight MICK vs TEDDY {\n  rules street\n  round 1 { … }\n}",
    instead: "fight MICK vs TEDDY {\n  rules street\n  exchange { … }\n}",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        if fight.rules.ruleset != Ruleset::Street {
            continue;
        }
        let Some(body) = fight.stmt.body() else {
            continue;
        };
        for stmt in &body.items {
            let what = match &stmt.kind {
                StmtKind::Round { .. } => "a round",
                StmtKind::Corner { .. } => "a corner",
                StmtKind::RoundsMontage { .. } => "a rounds montage",
                StmtKind::Setting(Setting::Rounds(_)) => "`rounds`",
                StmtKind::Setting(Setting::RoundLength(_)) => "`round-length`",
                StmtKind::Setting(Setting::Rest(_)) => "`rest`",
                StmtKind::Setting(Setting::ThreeKnockdown(_)) => "`three-knockdown`",
                StmtKind::TitleField { .. }
                | StmtKind::Production { .. }
                | StmtKind::Cast { .. }
                | StmtKind::CastMember(_)
                | StmtKind::Moves { .. }
                | StmtKind::Scene { .. }
                | StmtKind::Transition { .. }
                | StmtKind::Action { .. }
                | StmtKind::Shot { .. }
                | StmtKind::Sound { .. }
                | StmtKind::Note { .. }
                | StmtKind::Pause
                | StmtKind::Page { .. }
                | StmtKind::Dialogue { .. }
                | StmtKind::Montage { .. }
                | StmtKind::Fight { .. }
                | StmtKind::Setting(_)
                | StmtKind::Result(_)
                | StmtKind::Exchange { .. }
                | StmtKind::Move(_)
                | StmtKind::Referee { .. }
                | StmtKind::Up { .. }
                | StmtKind::Towel { .. }
                | StmtKind::Bell
                | StmtKind::Broken { .. } => continue,
            };
            let setting = matches!(stmt.kind, StmtKind::Setting(_));
            out.push(
                Diagnostic::new(&CODE, stmt.head, format!("{what} in a street fight"))
                    .label(if setting {
                        "a setting of rounds; street fights have none"
                    } else {
                        "street fights have no rounds"
                    })
                    .help(if setting {
                        "remove the setting, or choose a ruleset with rounds"
                    } else {
                        "put the exchanges directly in the fight, or choose a ruleset with rounds"
                    }),
            );
        }
        // A bell may stand in an exchange too: every one the fight holds.
        for fact in &fight.facts.events {
            if matches!(fact.stmt.kind, StmtKind::Bell) {
                out.push(
                    Diagnostic::new(
                        &CODE,
                        fact.stmt.span,
                        "a bell in a street fight",
                    )
                    .label("no bell rings in the street")
                    .help("end the fight with its events (`out`, `towel`) or a beat, such as `sound \"Sirens.\"`"),
                );
            }
        }
    }
}
