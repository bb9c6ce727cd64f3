//! Every check of one file, in layer order.

use crate::diag::{self, Diagnostic};
use crate::names::{self, Names};
use crate::syntax::{self, ast::Script};

/// A checked file: the tree, the resolved names and every diagnostic.
#[derive(Debug)]
pub struct Checked {
    /// The syntax tree.
    pub script: Script,
    /// The resolved names.
    pub names: Names,
    /// Every diagnostic, in report order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and checks `source`. Never fails.
pub fn check(source: &str) -> Checked {
    let parsed = syntax::parse(source);
    let (names, name_diagnostics) = names::resolve(&parsed.script);
    let syntax_errors = !parsed.diagnostics.is_empty();
    let mut diagnostics = parsed.diagnostics;
    // A statement dropped for a syntax error may be the only use of a cast
    // member: with syntax errors, "never appears" would be noise.
    diagnostics.extend(
        name_diagnostics
            .into_iter()
            .filter(|d| !(syntax_errors && d.code == &diag::UNUSED_CAST)),
    );
    diag::sort(&mut diagnostics);
    Checked {
        script: parsed.script,
        names,
        diagnostics,
    }
}
