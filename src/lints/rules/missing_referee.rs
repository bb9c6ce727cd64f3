//! R005 `missing-referee`: no `referee` where the ruleset requires one.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// R005 `missing-referee`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "R005",
    name: "missing-referee",
    severity: Severity::Error,
    category: Category::Rounds,
    what: "Reports a fight without `referee` under a ruleset that requires one.",
    why: "Pro, amateur, exhibition and unsanctioned bouts have a referee who counts and stops.",
    example: "fight ROCKY vs DRAGO {\n  rules pro\n  round 1 { … }\n}",
    instead: "fight ROCKY vs DRAGO {\n  rules pro\n  referee REF\n  round 1 { … }\n}",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        if fight.rules.referee_required && fight.referee.is_none() {
            let header = fight.stmt.span.to(fight.fighters[1].span);
            let header = Span::new(header.start as usize, fight.fighters[1].span.end as usize);
            let ruleset = fight.rules.ruleset.as_str();
            // The cast's own referee when it has one, as the writer would
            // type it.
            let referee = model
                .names
                .cast
                .iter()
                .find(|m| m.role == crate::syntax::ast::Role::Referee)
                .map_or("REF".to_owned(), |m| m.id.to_string());
            out.push(
                Diagnostic::new(&CODE, header, format!("`{ruleset}` fight without a referee"))
                    .label("no `referee` setting")
                    .help(format!("name the referee among the settings, such as `referee {referee}`, or make the fight `rules street`")),
            );
        }
    }
}
