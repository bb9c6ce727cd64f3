//! S026 `zero-value`: a zero where the value counts something that must
//! happen at least once.

use crate::diag::{self, Diagnostic};
use crate::syntax::ast::*;

pub(super) fn check(stmt: &Stmt, out: &mut Vec<Diagnostic>) {
    let mut zero = |span: Span, message: &'static str, label: &'static str, help: &'static str| {
        out.push(
            Diagnostic::new(&diag::ZERO_VALUE, span, message)
                .label(label)
                .help(help),
        );
    };
    match &stmt.kind {
        StmtKind::Setting(Setting::Rounds(n)) if n.value == 0 => zero(
            n.span,
            "a fight of no rounds",
            "`rounds 0` schedules nothing",
            "schedule at least one round, such as `rounds 3`",
        ),
        StmtKind::Setting(Setting::RoundLength(d)) if d.value.millis == 0 => zero(
            d.span,
            "a round of no time",
            "a round must last",
            "give the round its length, such as `round-length 3:00`",
        ),
        StmtKind::Referee {
            action: RefereeAction::Count(n),
            ..
        } if n.value == 0 => zero(
            n.span,
            "a count of nought",
            "a referee counts from one",
            "give the number the count reaches, such as `REF count 8`",
        ),
        StmtKind::Referee {
            action: RefereeAction::Deduct {
                points: Some(n), ..
            },
            ..
        } if n.value == 0 => zero(
            n.span,
            "a deduction of no points",
            "`0` takes nothing away",
            "deduct at least one point, or leave the number out for one",
        ),
        StmtKind::Move(attack) => {
            for modifier in &attack.modifiers {
                if modifier.value == Modifier::Speed(0) {
                    zero(
                        modifier.span,
                        "a move at no speed",
                        "`speed 0%` never moves",
                        "give the speed it is performed at, such as `speed 50%`",
                    );
                }
            }
        }
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
        | StmtKind::Round { .. }
        | StmtKind::Corner { .. }
        | StmtKind::RoundsMontage { .. }
        | StmtKind::Result(_)
        | StmtKind::Exchange { .. }
        | StmtKind::Referee { .. }
        | StmtKind::Up { .. }
        | StmtKind::Towel { .. }
        | StmtKind::Bell
        | StmtKind::Broken { .. } => {}
    }
}
