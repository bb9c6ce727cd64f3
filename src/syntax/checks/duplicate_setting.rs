//! S025 `duplicate-setting`: a fight setting given twice in one fight.

use crate::diag::{self, Diagnostic};
use crate::syntax::ast::*;

pub(super) fn check(stmt: &Stmt, out: &mut Vec<Diagnostic>) {
    let StmtKind::Fight { body, .. } = &stmt.kind else {
        return;
    };
    let mut seen: Vec<(&'static str, Span)> = Vec::new();
    for item in &body.items {
        let StmtKind::Setting(setting) = &item.kind else {
            continue;
        };
        let key = key(setting);
        let span = item.head;
        match seen.iter().find(|(k, _)| *k == key) {
            Some(&(_, first)) => out.push(
                Diagnostic::new(
                    &diag::DUPLICATE_SETTING,
                    span,
                    format!("`{key}` given twice in this fight"),
                )
                .label("given again here")
                .related(first, "first given here")
                .help(format!("keep one `{key}`: a fight has one of each setting")),
            ),
            None => seen.push((key, span)),
        }
    }
}

fn key(setting: &Setting) -> &'static str {
    match setting {
        Setting::Rules(_) => "rules",
        Setting::Rounds(_) => "rounds",
        Setting::RoundLength(_) => "round-length",
        Setting::Rest(_) => "rest",
        Setting::Referee(_) => "referee",
        Setting::ThreeKnockdown(_) => "three-knockdown",
    }
}
