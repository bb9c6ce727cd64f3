//! The syntax layer: source text to a syntax tree, never failing.
//!
//! [`parse`] is the entry point; it depends on nothing but [`crate::diag`].

pub mod ast;
pub mod lexer;
pub mod lines;
pub mod parser;
pub mod span;
pub mod words;

pub use parser::{Parsed, parse};
