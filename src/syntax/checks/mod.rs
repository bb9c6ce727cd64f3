//! Syntax-level checks over the parsed tree, one rule per file: what the
//! grammar reads but no script can mean (a setting given twice, a zero
//! count, an attribute the role does not have). Like the parser's own
//! errors they cannot be allowed, and they keep the model's lints from
//! running on a tree that contradicts itself.

mod duplicate_setting;
mod invalid_attribute;
pub(crate) mod scene_number;
mod zero_value;

use crate::diag::Diagnostic;
use crate::syntax::ast::*;

/// Runs every syntax-level check over `items`.
pub(crate) fn run(items: &[Stmt], out: &mut Vec<Diagnostic>) {
    for stmt in super::visit::statements(items) {
        duplicate_setting::check(stmt, out);
        invalid_attribute::check(stmt, out);
        zero_value::check(stmt, out);
        scene_number::check(stmt, out);
    }
}
