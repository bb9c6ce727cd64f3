//! The tree-sitter grammar (`grammar/tree-sitter-bout`) agrees with the
//! Rust parser: on every script of the repository, tree-sitter finds an
//! error exactly where the parser finds a syntax error in the file's shape,
//! and on every script that parses, its statement nodes are the tree's
//! statements, kind for kind, in order.

mod common;

use std::path::PathBuf;

use bout::syntax::ast::{Stmt, StmtKind};
use bout::syntax::parser::parse_serial;

/// Every `.bout` file of the repository's examples and fixtures.
fn scripts() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![
        common::root().join("examples"),
        common::root().join("tests/fixtures"),
    ];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "bout") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn parser() -> tree_sitter::Parser {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_bout::LANGUAGE.into())
        .expect("the grammar's ABI is the tree-sitter crate's");
    parser
}

/// The Rust tree's statement kinds in pre-order, as tree-sitter names them
/// (cast members and `moves` lines included).
fn kinds(items: &[Stmt], out: &mut Vec<&'static str>) {
    for stmt in items {
        out.push(match &stmt.kind {
            StmtKind::TitleField { .. } => "title_field",
            StmtKind::Production { .. } => "production",
            StmtKind::Cast { .. } => "cast",
            StmtKind::CastMember(_) => "cast_member",
            StmtKind::Moves { .. } => "moves",
            StmtKind::Scene { .. } => "scene",
            StmtKind::Transition { .. } => "transition",
            StmtKind::Action { .. } => "action",
            StmtKind::Shot { .. } => "shot",
            StmtKind::Sound { .. } => "sound",
            StmtKind::Note { .. } => "note",
            StmtKind::Pause => "pause",
            StmtKind::Page { .. } => "page",
            StmtKind::Dialogue { .. } => "dialogue",
            StmtKind::Montage { .. } => "montage",
            StmtKind::Fight { .. } => "fight",
            StmtKind::Setting(_) => "setting",
            StmtKind::Round { .. } => "round",
            StmtKind::Corner { .. } => "corner",
            StmtKind::RoundsMontage { .. } => "rounds_montage",
            StmtKind::Result(_) => "result",
            StmtKind::Exchange { .. } => "exchange",
            StmtKind::Move(_) => "move",
            StmtKind::Referee { .. } => "referee",
            StmtKind::Up { .. } => "up",
            StmtKind::Towel { .. } => "towel",
            StmtKind::Bell => "bell",
            StmtKind::Broken { .. } => "ERROR",
        });
        match &stmt.kind {
            StmtKind::Cast { members } => out.extend(members.items.iter().map(|_| "cast_member")),
            StmtKind::Moves { moves } => out.extend(moves.items.iter().map(|_| "move_decl")),
            _ => {}
        }
        if let Some(body) = stmt.body() {
            kinds(&body.items, out);
        }
    }
}

/// Tree-sitter's statement nodes in pre-order.
fn ts_kinds(node: tree_sitter::Node<'_>, out: &mut Vec<&'static str>) {
    const STATEMENTS: &[&str] = &[
        "title_field",
        "production",
        "cast",
        "cast_member",
        "moves",
        "move_decl",
        "scene",
        "transition",
        "page",
        "action",
        "shot",
        "sound",
        "note",
        "pause",
        "dialogue",
        "montage",
        "fight",
        "setting",
        "round",
        "corner",
        "rounds_montage",
        "result",
        "exchange",
        "move",
        "referee",
        "up",
        "towel",
        "bell",
    ];
    if let Some(kind) = STATEMENTS
        .iter()
        .find(|k| node.is_named() && **k == node.kind())
    {
        out.push(kind);
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        ts_kinds(child, out);
    }
}

fn has_unknown(node: tree_sitter::Node<'_>) -> bool {
    if node.kind() == "unknown_statement" {
        return true;
    }
    (0..node.child_count()).any(|i| node.child(i as _).is_some_and(has_unknown))
}

/// Syntax errors of the file's shape: what the parser and lexer report,
/// less what a context-free grammar of shapes does not check: a modifier
/// or an item given twice (S015, S020), a technique named with a reserved
/// word (S017), control and text-direction characters (S018), a setting
/// after the events (S021), nesting depth (S023) and values past their
/// maximum (S024).
fn shape_errors(source: &str) -> Vec<String> {
    const NOT_SHAPE: &[&str] = &["S015", "S017", "S018", "S020", "S021", "S023", "S024"];
    parse_serial(source)
        .diagnostics
        .iter()
        .filter(|d| !NOT_SHAPE.contains(&d.code.code))
        .map(|d| format!("{} {}", d.code.code, d.message))
        .collect()
}

#[test]
fn tree_sitter_errors_exactly_where_the_parser_does() {
    let mut parser = parser();
    let mut disagreements = Vec::new();
    let mut kept_reading = Vec::new();
    let mut checked = 0;
    for path in scripts() {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(source) = String::from_utf8(bytes) else {
            continue;
        };
        let tree = parser.parse(&source, None).expect("a tree");
        // An error node, a missing one, or a line the grammar reads as an
        // unknown statement (a misspelt keyword, read to its end so the
        // rest of the file keeps its highlighting).
        let ts_error = tree.root_node().has_error() || has_unknown(tree.root_node());
        let rust = shape_errors(&source);
        checked += 1;
        let name = path
            .strip_prefix(common::root())
            .unwrap()
            .display()
            .to_string();
        if ts_error {
            // Error recovery keeps the rest of the file: around a broken
            // line, tree-sitter still reads at least half the statements
            // the parser reads. (A misspelt keyword costs one line; a lost
            // brace costs more, as tree-sitter has none of the parser's
            // reading of indentation: 60% on the worst fixtures.)
            let mut want = Vec::new();
            kinds(&parse_serial(&source).script.items, &mut want);
            let mut got = Vec::new();
            ts_kinds(tree.root_node(), &mut got);
            if got.len() * 2 < want.len() {
                kept_reading.push(format!(
                    "{}: {} of the parser's {} statements",
                    path.display(),
                    got.len(),
                    want.len()
                ));
            }
        }
        if ts_error == rust.is_empty() {
            disagreements.push(format!(
                "{name}: tree-sitter {}, the parser {rust:?}",
                if ts_error {
                    "finds an error"
                } else {
                    "finds none"
                }
            ));
        } else if !ts_error && parse_serial(&source).diagnostics.is_empty() {
            // A clean parse: the statements agree kind for kind (a file
            // with an error the grammar does not check may have lost a
            // statement in the parser's recovery).
            let parsed = parse_serial(&source);
            let mut want = Vec::new();
            kinds(&parsed.script.items, &mut want);
            let mut got = Vec::new();
            ts_kinds(tree.root_node(), &mut got);
            if want != got {
                let at = want
                    .iter()
                    .zip(&got)
                    .position(|(a, b)| a != b)
                    .unwrap_or(want.len().min(got.len()));
                disagreements.push(format!(
                    "{name}: statement {at} is {:?} to the parser, {:?} to tree-sitter",
                    want.get(at),
                    got.get(at)
                ));
            }
        }
    }
    assert!(checked > 50, "only {checked} scripts");
    assert!(
        kept_reading.is_empty(),
        "tree-sitter lost most of a file around an error:\n{}",
        kept_reading.join("\n")
    );
    assert!(
        disagreements.is_empty(),
        "{} of {checked} scripts disagree:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}
