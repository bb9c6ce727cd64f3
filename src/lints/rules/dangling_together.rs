//! T004 `dangling-together`: `&` with nothing before it.

use crate::diag::{Category, Code, Diagnostic, Severity};
use crate::model::Model;
use crate::syntax::ast::*;

/// T004 `dangling-together`, as `bout rules` and `bout explain` show it.
pub const CODE: Code = Code {
    code: "T004",
    name: "dangling-together",
    severity: Severity::Error,
    category: Category::Time,
    what: "Reports `&` on the first statement of a block, with nothing before it to start with.",
    why: "`&` means \"together with the one before\"; the first statement has none.",
    example: "round 1 {\n  & DRAGO jab head -> ROCKY block\n}",
    instead: "round 1 {\n  DRAGO jab head -> ROCKY block\n}",
};

pub(crate) fn check(model: &Model<'_>, out: &mut Vec<Diagnostic>) {
    for (owner, items) in crate::syntax::visit::blocks(&model.script.items) {
        check_block(items, owner.is_none(), out);
    }
}

/// The first timed line of one block (or of the script, `top`).
fn check_block(items: &[Stmt], top: bool, out: &mut Vec<Diagnostic>) {
    // Title fields, cast and moves take no time: they are not "before".
    let timed = |s: &Stmt| {
        !matches!(
            s.kind,
            StmtKind::TitleField { .. }
                | StmtKind::Production { .. }
                | StmtKind::Cast { .. }
                | StmtKind::Moves { .. }
                | StmtKind::Setting(_)
                | StmtKind::Result(_)
        )
    };
    if let Some(first) = items.iter().find(|s| timed(s))
        && let Some(amp) = first.together()
    {
        out.push(
            Diagnostic::new(&CODE, amp, "`&` with nothing before it")
                .label(if top {
                    "the script's first line"
                } else {
                    "the first line of its block"
                })
                .help("remove `&`: this line starts the block anyway"),
        );
    }
}
