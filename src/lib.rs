//! bout: a toolchain for screenplays with fights in them, down to the punch.
//!
//! The layers, each depending only on those above it in this list:
//! [`span`] (byte ranges), [`diag`] (diagnostics as data), [`syntax`] (lexer, parser, tree),
//! [`names`] (cast, techniques and labels resolved), [`check`] (every check
//! of one file, in order), [`report`] (diagnostics to miette and JSON).
//! See `ARCHITECTURE.md`.

pub mod check;
pub mod config;
pub mod diag;
pub mod export;
pub mod fmt;
mod fxhash;
pub mod generate;
pub mod import;
pub mod input;
pub mod lints;
pub mod lsp;
pub mod model;
pub mod names;
pub mod preview;
pub mod report;
pub mod span;
pub mod syntax;

pub use check::{Checked, check};
