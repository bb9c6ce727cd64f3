//! N012 `wrong-corner`: a corner member speaking in the `corner` block of
//! the opponent of the fighter the member works for.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;
use crate::syntax::visit::statements;

/// N012 `wrong-corner`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "N012",
    name: "wrong-corner",
    severity: Severity::Error,
    category: Category::Names,
    what: "Reports a corner member (`for FIGHTER`) speaking in the `corner` block of that fighter's opponent.",
    why: "Corner members talk to their own fighter between rounds; a line in the opponent's corner is usually the wrong block or the wrong id. A member working for a fighter who is not in this fight (a trainer who has changed camps since) is not reported; one who changes sides mid-fight is a story: allow the rule on that line.",
    example: "DUKE corner \"Duke\" for ROCKY\n…\ncorner DRAGO { DUKE: \"Get up.\" }",
    instead: "corner ROCKY { DUKE: \"Get up.\" }",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for fight in &model.fights {
        let Some(body) = fight.stmt.body() else {
            continue;
        };
        for stmt in &body.items {
            let StmtKind::Corner { fighter, body } = &stmt.kind else {
                continue;
            };
            // The corner's opponent: a member working for that fighter is in the
            // wrong corner. One working for a fighter of another fight (a
            // trainer who has changed camps since) is not reported.
            let Some(opponent) = fight
                .fighters
                .iter()
                .find(|f| f.value != fighter.value)
                .filter(|_| fight.fighters.iter().any(|f| f.value == fighter.value))
            else {
                continue;
            };
            walk(model, fighter, opponent, &body.items, out);
        }
    }
}

/// Every line in the corner of `fighter`, against `opponent` (beats only
/// stand there, but a broken block's contents are walked too).
fn walk(
    model: &Model<'_>,
    fighter: &Ident,
    opponent: &Ident,
    items: &[Stmt],
    out: &mut Vec<Diagnostic>,
) {
    for stmt in statements(items) {
        if let StmtKind::Dialogue { speaker, .. } = &stmt.kind
            && let Some(member) = model.names.member(&speaker.value)
            && member.role == Role::Corner
            && let Some(works_for) = member.works_for()
            && works_for.as_str() == opponent.value.as_str()
        {
            out.push(
                Diagnostic::new(
                    &CODE,
                    speaker.span,
                    format!(
                        "`{}` works for `{works_for}` but speaks in `{}`'s corner",
                        speaker.value, fighter.value
                    ),
                )
                .label(format!("in the corner of {}", fighter.value))
                .related(member.span, format!("declared `for {works_for}`"))
                .help(format!(
                    "move the line to `corner {works_for} {{ … }}`, or give it to a member of {}'s corner",
                    fighter.value
                )),
            );
        }
    }
}
