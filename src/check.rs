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
    run(source, config, None::<fn(&Model<'_>)>).0
}

/// Checks `source`, and when it has no error hands the model the lints saw
/// to `then` (an exporter), so the model is built once.
///
/// The exporter runs beside the lints, on another thread; its output is kept
/// only when the lints find no error. A render waits for the slower of the
/// two, not for both.
pub fn check_then<T: Send>(
    source: &str,
    config: &Config,
    then: impl FnOnce(&Model<'_>) -> T + Send,
) -> (Checked, Option<T>) {
    run(source, config, Some(then))
}

/// Every layer; with an exporter, it runs on this thread while the lints
/// run on another.
fn run<T: Send>(
    source: &str,
    config: &Config,
    then: Option<impl FnOnce(&Model<'_>) -> T + Send>,
) -> (Checked, Option<T>) {
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
    let mut output = None;
    let (allows, allow_diagnostics) = config::inline_allows(source, &parsed.script.comments);
    diagnostics.extend(allow_diagnostics);
    // Levels apply to each batch as it comes, so "is there an error yet?"
    // is asked of what will be reported: a name error allowed in bout.toml
    // does not stop the export, and a warning denied there does.
    config::apply(config, source, &allows, &mut diagnostics);
    if !syntax_errors {
        let model = model::build(&parsed.script, &names);
        let clean_so_far = !has_error(&diagnostics);
        let (mut lints, rendered) = std::thread::scope(|scope| {
            let Some(then) = then.filter(|_| clean_so_far) else {
                return (crate::lints::run(&model), None);
            };
            let lints = scope.spawn(|| crate::lints::run(&model));
            let rendered = Some(then(&model));
            // A lint that panicked is a bug; report it as the panic it was.
            let lints = lints
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (lints, rendered)
        });
        config::apply(config, source, &allows, &mut lints);
        diagnostics.extend(lints);
        if !has_error(&diagnostics) {
            output = rendered;
        }
    }
    diag::sort(&mut diagnostics);
    let checked = Checked {
        script: parsed.script,
        names,
        diagnostics,
    };
    (checked, output)
}

/// Whether any of `diagnostics` is an error, at the level in force.
fn has_error(diagnostics: &[Diagnostic]) -> bool {
    diagnostics
        .iter()
        .any(|d| d.severity == diag::Severity::Error)
}

impl Checked {
    /// The model of the checked script: fights, rules, facts and the
    /// scheduled event graph.
    pub fn model(&self) -> Model<'_> {
        model::build(&self.script, &self.names)
    }
}
