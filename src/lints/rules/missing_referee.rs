//! R005 `missing-referee`: no `referee` where the ruleset requires one.

use crate::diag::{self, Diagnostic};
use crate::model::Model;
use crate::syntax::ast::*;

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        if fight.rules.referee_required && fight.referee.is_none() {
            let header = fight.stmt.span.to(fight.fighters[1].span);
            let header = Span::new(header.start as usize, fight.fighters[1].span.end as usize);
            let ruleset = fight.rules.ruleset.as_str();
            out.push(
                Diagnostic::new(&diag::MISSING_REFEREE, header, format!("`{ruleset}` fight without a referee"))
                    .label("no `referee` setting")
                    .help("name the referee among the settings, such as `referee REF`, or make the fight `rules street`"),
            );
        }
    }
}
