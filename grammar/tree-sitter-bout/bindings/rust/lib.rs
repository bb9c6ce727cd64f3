//! The bout language for [tree-sitter](https://tree-sitter.github.io/):
//! the grammar (`LANGUAGE`) and its queries.
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser.set_language(&tree_sitter_bout::LANGUAGE.into()).unwrap();
//! ```

use tree_sitter_language::LanguageFn;

extern "C" {
    fn tree_sitter_bout() -> *const ();
}

/// The tree-sitter language of bout.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_bout) };

/// The node types, as JSON (`src/node-types.json`).
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// The highlights query.
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");
/// The locals query (cast ids and labels, defined and referred to).
pub const LOCALS_QUERY: &str = include_str!("../../queries/locals.scm");
/// The tags query (the outline).
pub const TAGS_QUERY: &str = include_str!("../../queries/tags.scm");
/// The folds query.
pub const FOLDS_QUERY: &str = include_str!("../../queries/folds.scm");
/// The indents query.
pub const INDENTS_QUERY: &str = include_str!("../../queries/indents.scm");
