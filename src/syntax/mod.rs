//! The syntax layer: source text to a syntax tree, never failing.
//!
//! [`parse`] is the entry point; it depends on nothing but [`crate::diag`]
//! and [`crate::span`].

pub mod ast;
mod checks;
pub mod comments;
pub mod lexer;
pub mod lines;
pub mod parser;
pub mod reparse;
pub mod textmate;
pub mod visit;
pub mod words;

pub use checks::scene_number::printable as printable_scene_number;
pub use parser::Parsed;

/// Parses `source` into a tree, with every syntax error: the parser's,
/// then the syntax-level checks over the tree (`checks`). Never fails.
pub fn parse(source: &str) -> Parsed {
    let mut parsed = parser::parse(source);
    let before = parsed.diagnostics.len();
    checks::run(&parsed.script.items, &mut parsed.diagnostics);
    if parsed.diagnostics.len() > before {
        crate::diag::sort(&mut parsed.diagnostics);
    }
    parsed
}
