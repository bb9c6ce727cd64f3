//! Every check of one file, in layer order: parse, names, model, lints,
//! then the levels in force.

use crate::config::{self, Config};
use crate::diag::{self, Diagnostic};
use crate::model::{self, Model};
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

/// Parses and checks `source` with the default levels. Never fails.
pub fn check(source: &str) -> Checked {
    check_with(source, &Config::default())
}

/// Parses and checks `source` with the levels of `config`. Never fails.
pub fn check_with(source: &str, config: &Config) -> Checked {
    let parsed = syntax::parse(source);
    let (names, name_diagnostics) = names::resolve(&parsed.script);
    let syntax_errors = !parsed.diagnostics.is_empty();
    let mut diagnostics = parsed.diagnostics;
    // A statement dropped for a syntax error may be the only use of a cast
    // member, or the event that ends a fight: with syntax errors, unused
    // members and the model's lints would be noise.
    diagnostics.extend(
        name_diagnostics
            .into_iter()
            .filter(|d| !(syntax_errors && d.code == &diag::UNUSED_CAST)),
    );
    if !syntax_errors {
        let model = model::build(&parsed.script, &names);
        diagnostics.extend(crate::lints::run(&model));
    }
    let (allows, allow_diagnostics) = config::inline_allows(source, &parsed.script.comments);
    diagnostics.extend(allow_diagnostics);
    config::apply(config, source, &allows, &mut diagnostics);
    diag::sort(&mut diagnostics);
    Checked {
        script: parsed.script,
        names,
        diagnostics,
    }
}

impl Checked {
    /// The model of the checked script: fights, rules, facts and the
    /// scheduled event graph.
    pub fn model(&self) -> Model<'_> {
        model::build(&self.script, &self.names)
    }
}
