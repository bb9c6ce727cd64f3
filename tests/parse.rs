//! Parse stage: every fixture under `tests/fixtures/parse/` parses without a
//! syntax error, and its tree is snapshotted: the input at the top, then
//! the tree indented, each node with the source text it was read from
//! beside it (`«…»`) instead of byte ranges.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

/// The source text a `"start..end"` span names, on one line.
fn text_of(source: &str, value: &Value) -> Option<String> {
    let (a, b) = value.as_str()?.split_once("..")?;
    let (a, b): (usize, usize) = (a.parse().ok()?, b.parse().ok()?);
    let text = source.get(a..b)?;
    let mut shown: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        shown.push('…');
    }
    Some(format!("«{}»", shown.replace('\n', "⏎").replace('\r', "")))
}

/// A scalar as shown in the tree.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some("none".to_owned()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(format!("{s:?}")),
        Value::Array(items) if items.iter().all(|v| v.is_number()) && !items.is_empty() => Some(
            items
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(".."),
        ),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// Writes `value` (a part of the serialized tree) under `label`.
fn node(source: &str, label: &str, value: &Value, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    // A span alone: the source text it names.
    if let Some(text) = text_of(source, value) {
        let _ = writeln!(out, "{pad}{label} {text}");
        return;
    }
    if let Some(shown) = scalar(value) {
        let _ = writeln!(out, "{pad}{label}: {shown}");
        return;
    }
    match value {
        Value::Array(items) => {
            if items.is_empty() {
                return;
            }
            for item in items {
                node(source, &format!("{label}[]"), item, depth, out);
            }
        }
        Value::Object(map) => {
            // A value read with its span: one line.
            if let (Some(inner), Some(span)) = (map.get("value"), map.get("span"))
                && map.len() == 2
            {
                let text = text_of(source, span).unwrap_or_default();
                match scalar(inner) {
                    Some(shown) => {
                        let _ = writeln!(out, "{pad}{label}: {shown} {text}");
                    }
                    None => node(
                        source,
                        format!("{label} {text}").trim_end(),
                        inner,
                        depth,
                        out,
                    ),
                }
                return;
            }
            // An enum variant with data: its name is the node.
            if map.len() == 1
                && let Some((variant, inner)) = map.iter().next()
                && variant.starts_with(|c: char| c.is_ascii_uppercase())
            {
                node(source, &format!("{label} {variant}"), inner, depth, out);
                return;
            }
            match map.get("span").and_then(|s| text_of(source, s)) {
                Some(text) => writeln!(out, "{pad}{label} {text}"),
                None => writeln!(out, "{pad}{label}"),
            }
            .expect("a String takes writes");
            for (key, inner) in map {
                if key == "span" || inner.is_null() {
                    continue;
                }
                node(source, key, inner, depth + 1, out);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => {}
    }
}

/// The tree of `source` as the snapshots show it.
fn tree(source: &str, script: &bout::syntax::ast::Script) -> String {
    let value = serde_json::to_value(script).expect("the tree serializes");
    let mut out = String::new();
    node(source, "script", &value, 0, &mut out);
    out
}

/// Parses one fixture and snapshots its tree.
fn check(path: &Path) {
    let source = std::fs::read_to_string(path).expect("fixture is readable");
    let parsed = bout::syntax::parse(&source);
    assert!(
        parsed.diagnostics.is_empty(),
        "{} has syntax errors: {:#?}",
        path.display(),
        parsed.diagnostics
    );
    let shown = format!(
        "--- input\n{source}--- tree\n{}",
        tree(&source, &parsed.script)
    );
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!(shown);
    });
}

#[test]
fn parse_fixtures() {
    insta::glob!("fixtures/parse/*.bout", check);
}

#[test]
fn spans_point_at_what_they_name() {
    let source = "cast {\n  ROCKY fighter \"Rocky\"\n}\n";
    let parsed = bout::syntax::parse(source);
    let bout::syntax::ast::StmtKind::Cast { members } = &parsed.script.items[0].kind else {
        panic!("expected a cast block");
    };
    let member = &members.items[0];
    assert_eq!(&source[member.id.span.range()], "ROCKY");
    assert_eq!(&source[member.role.span.range()], "fighter");
    assert_eq!(&source[member.name.span.range()], "\"Rocky\"");
    assert_eq!(&source[members.open.range()], "{");
    assert_eq!(&source[members.close.expect("closed").range()], "}");
}

/// Every comment of every example and fixture is attached once, to a node
/// that holds it or stands beside it.
#[test]
fn every_comment_is_attached_where_it_stands() {
    use bout::syntax::comments::{Place, attach};
    let mut files = Vec::new();
    for dir in [
        "examples",
        "examples/errors",
        "tests/fixtures/parse",
        "tests/fixtures/fmt",
    ] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(dir).expect("dir").flatten() {
            if entry.path().extension().is_some_and(|e| e == "bout") {
                files.push(entry.path());
            }
        }
    }
    let mut seen = 0;
    for path in files {
        let source = std::fs::read_to_string(&path).expect("readable");
        let parsed = bout::syntax::parse(&source);
        let attachments = attach(&source, &parsed.script);
        assert_eq!(attachments.len(), parsed.script.comments.len());
        let line = |offset: u32| source[..offset as usize].matches('\n').count();
        for a in &attachments {
            let comment = parsed.script.comments[a.comment].span;
            let ok = match (a.place, a.node) {
                (Place::Leading, Some(node)) => node.span().start >= comment.end,
                (Place::Trailing, Some(node)) => {
                    node.span().start < comment.start
                        && (line(node.span().end) == line(comment.start)
                            || node.span().end >= comment.end)
                }
                (Place::Dangling, Some(node)) => node.span().end >= comment.end,
                (Place::Dangling, None) => true,
                (Place::Leading | Place::Trailing, None) => false,
            };
            assert!(
                ok,
                "{}: comment at {comment:?} attached as {:?}",
                path.display(),
                a.place
            );
            seen += 1;
        }
    }
    assert!(seen > 50, "only {seen} comments seen");
}

/// The parse in two halves is the serial parse, exactly, wherever it is
/// accepted: at every `}` alone on a line of every script in the
/// repository and of generated ones; and it is accepted on a generated
/// script (so large files do take the parallel path).
#[test]
fn a_parse_in_two_halves_is_the_serial_parse() {
    use bout::syntax::parser::{parse_serial, parse_split_at};
    let mut scripts: Vec<String> = common::examples()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for dir in [
        "examples/errors",
        "tests/fixtures/errors",
        "tests/fixtures/parse",
    ] {
        let Ok(entries) = std::fs::read_dir(common::root().join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.path().extension().is_some_and(|e| e == "bout") {
                scripts.push(std::fs::read_to_string(entry.path()).unwrap());
            }
        }
    }
    let generated = bout::generate::script_of_size(300_000, 5);
    scripts.push(generated.clone());
    let mut accepted = 0;
    for source in &scripts {
        let serial = parse_serial(source);
        for (i, _) in source.match_indices("\n}\n") {
            if let Some(split) = parse_split_at(source, i + 3) {
                accepted += 1;
                assert_eq!(split.script, serial.script, "split at {}", i + 3);
                assert_eq!(split.diagnostics, serial.diagnostics, "split at {}", i + 3);
            }
        }
    }
    assert!(accepted > 20, "only {accepted} splits accepted");
    let mid = generated.len() / 2;
    let at = mid + generated[mid..].find("\n}\n").unwrap() + 3;
    assert!(parse_split_at(&generated, at).is_some());
}
