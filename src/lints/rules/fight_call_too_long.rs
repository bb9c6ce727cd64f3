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
    if !applies(model.production) {
        return;
    }
    // The shares, not the whole call: the lint needs each fight's total,
    // not every part of every fight held at once.
    let mut shares = call::shares(model, DEFAULT_SPEED_LIMIT);
    out.extend(report(&mut shares));
}

/// Whether the lint runs on a production of `mode`.
pub(crate) fn applies(mode: ProductionMode) -> bool {
    matches!(mode, ProductionMode::Stage | ProductionMode::Screen)
}

/// The lint's finding on the call made of `shares` (each fight's, in the
/// script's order; left in the call's order).
pub(crate) fn report(shares: &mut [call::Share]) -> Option<Diagnostic> {
    call::call_order(shares);
    let total = shares
        .iter()
        .fold(0u64, |sum, s| sum.saturating_add(s.total_millis));
    if total <= CALL_LIMIT_MILLIS {
        return None;
    }
    // On the first fight in the call's order: the biggest and riskiest,
    // the one whose share matters most.
    let first = shares.first()?;
    let mut diagnostic = Diagnostic::new(
        &CODE,
        first.head,
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
        diagnostic = diagnostic.related(share.head, "also on the call");
    }
    Some(diagnostic)
}

/// `m:ss` of `millis`, rounded to the second.
fn minutes(millis: u64) -> String {
    let seconds = millis.div_ceil(1000);
    format!("{}:{:02}", seconds / 60, seconds % 60)
}
