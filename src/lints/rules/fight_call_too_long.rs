//! X005 `fight-call-too-long`: the fight call would run past fifteen
//! minutes.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::model::call::{self, CALL_LIMIT_MILLIS, DEFAULT_SPEED_LIMIT};
use crate::syntax::ast::*;

/// X005 `fight-call-too-long`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "X005",
    name: "fight-call-too-long",
    severity: Severity::Warning,
    category: Category::Safety,
    what: "Reports, on `production stage` or `screen`, a fight call whose estimated time passes fifteen minutes: every fight run at half speed and then at performance speed (at most 75%), with time to reset, as `bout call` sets it out.",
    why: "Fight call runs before every performance or shooting day, in the fifteen minutes from the half; a call that cannot fit is cut short, and the fights cut are the ones that go unrehearsed that night.",
    example: "production stage\n… (fights whose call adds up to 18 minutes)",
    instead: "Split the call (the biggest fights at the half, the rest at the interval), call the long fights exchange by exchange, or trim choreography; `bout call` shows each fight's share.",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    if !matches!(
        model.production,
        ProductionMode::Stage | ProductionMode::Screen
    ) {
        return;
    }
    // The shares, not the whole call: the lint needs each fight's total,
    // not every part of every fight held at once.
    let shares = call::shares(model, DEFAULT_SPEED_LIMIT);
    let total = shares
        .iter()
        .fold(0u64, |sum, s| sum.saturating_add(s.total_millis));
    if total <= CALL_LIMIT_MILLIS {
        return;
    }
    // On the first fight in the call's order: the biggest and riskiest,
    // the one whose share matters most.
    let Some(first) = shares.first() else {
        return;
    };
    let head = fight_head(first.fight.stmt);
    let mut diagnostic = Diagnostic::new(
        &CODE,
        head,
        format!(
            "the fight call runs about {}, over fifteen minutes",
            minutes(total)
        ),
    )
    .label(format!(
        "first on the call: about {} for both passes",
        minutes(first.first_millis)
    ))
    .help("split the call or trim it; `bout call` shows each fight's share of the time");
    for share in shares.iter().skip(1) {
        diagnostic = diagnostic.related(fight_head(share.fight.stmt), "also on the call");
    }
    out.push(diagnostic);
}

/// The span of a fight's header: `fight A vs B`.
fn fight_head(stmt: &Stmt) -> crate::span::Span {
    if let StmtKind::Fight { blue, .. } = &stmt.kind {
        crate::span::Span {
            start: stmt.span.start,
            end: blue.span.end,
        }
    } else {
        stmt.span
    }
}

/// `m:ss` of `millis`, rounded to the second.
fn minutes(millis: u64) -> String {
    let seconds = millis.div_ceil(1000);
    format!("{}:{:02}", seconds / 60, seconds % 60)
}
