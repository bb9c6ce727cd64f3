//! S027 `invalid-attribute`: a cast attribute on a role that does not have
//! it, or one given twice.

use crate::diag::{self, Diagnostic};
use crate::syntax::ast::*;

pub(super) fn check(stmt: &Stmt, out: &mut Vec<Diagnostic>) {
    match &stmt.kind {
        StmtKind::Cast { members } => members.items.iter().for_each(|m| member(m, out)),
        StmtKind::CastMember(m) => member(m, out),
        StmtKind::TitleField { .. }
        | StmtKind::Production { .. }
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
        | StmtKind::Move(_)
        | StmtKind::Referee { .. }
        | StmtKind::Up { .. }
        | StmtKind::Towel { .. }
        | StmtKind::Bell
        | StmtKind::Broken { .. } => {}
    }
}

fn member(member: &CastMember, out: &mut Vec<Diagnostic>) {
    let role = member.role.value;
    let mut seen: Vec<(&'static str, Span)> = Vec::new();
    for attribute in &member.attributes {
        let word = name(&attribute.value);
        let span = Span::new(
            attribute.span.start as usize,
            attribute.span.start as usize + word.len(),
        );
        if let Some(&(_, first)) = seen.iter().find(|(w, _)| *w == word) {
            out.push(
                Diagnostic::new(
                    &diag::INVALID_ATTRIBUTE,
                    span,
                    format!("`{word}` given twice for `{}`", member.id.value),
                )
                .label("given again here")
                .related(first, "first given here")
                .help(format!("keep one `{word}`")),
            );
            continue;
        }
        seen.push((word, span));
        let (allowed, who) = match attribute.value {
            CastAttribute::For(_) => (role == Role::Corner, "a corner"),
            CastAttribute::Stance(_) | CastAttribute::Nickname(_) => {
                (role == Role::Fighter, "a fighter")
            }
            CastAttribute::Cue(_) | CastAttribute::Pronouns(_) => (true, ""),
        };
        if !allowed {
            let what = match attribute.value {
                CastAttribute::For(_) => "names the fighter a corner works for",
                CastAttribute::Stance(_) => "is how a fighter stands",
                CastAttribute::Nickname(_) => "is a fighter's ring name",
                CastAttribute::Cue(_) | CastAttribute::Pronouns(_) => "is for every role",
            };
            out.push(
                Diagnostic::new(
                    &diag::INVALID_ATTRIBUTE,
                    span,
                    format!(
                        "`{word}` on `{}`, who is {}",
                        member.id.value,
                        role.phrase()
                    ),
                )
                .label(format!("only {who} has `{word}`"))
                .related(member.role.span, "the role")
                .help(format!(
                    "`{word}` {what}: remove it, or give `{}` the role it belongs to",
                    member.id.value
                )),
            );
        }
    }
}

fn name(attribute: &CastAttribute) -> &'static str {
    match attribute {
        CastAttribute::Cue(_) => "cue",
        CastAttribute::Stance(_) => "stance",
        CastAttribute::Nickname(_) => "nickname",
        CastAttribute::Pronouns(_) => "pronouns",
        CastAttribute::For(_) => "for",
    }
}
