//! `bout fmt`'s guarantees, on every example and fixture and on thousands
//! of generated scripts with comments in every position and their layout
//! scrambled: the output formats to itself, parses to the same tree (spans
//! aside), keeps every comment's text, and exports the same timeline, graph
//! and screenplay (source lines aside). Plus the layout itself, as
//! input/output snapshots of `tests/fixtures/fmt/`.

mod common;

use std::path::{Path, PathBuf};

use proptest::prelude::*;

/// The tree of `source` as JSON, with every span replaced by `"span"` and
/// the comments left out (they are compared as text).
fn tree(source: &str) -> serde_json::Value {
    let parsed = bout::syntax::parse(source);
    assert!(
        parsed.diagnostics.is_empty(),
        "does not parse: {:?}\n{source}",
        parsed.diagnostics
    );
    let mut value = serde_json::to_value(&parsed.script).expect("tree serializes");
    value.as_object_mut().expect("script").remove("comments");
    strip_spans(&mut value);
    value
}

fn strip_spans(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => {
            if let Some((a, b)) = s.split_once("..")
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
                && !a.is_empty()
                && !b.is_empty()
            {
                *s = "span".to_owned();
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_spans),
        serde_json::Value::Object(map) => map.values_mut().for_each(strip_spans),
        serde_json::Value::Null | serde_json::Value::Bool(_) | serde_json::Value::Number(_) => {}
    }
}

/// The text of every comment, sorted.
fn comments(source: &str) -> Vec<String> {
    let mut texts: Vec<String> = bout::syntax::lexer::lex(source)
        .comments
        .into_iter()
        .map(|c| c.text.trim_end().to_owned())
        .collect();
    texts.sort();
    texts
}

/// What every exporter makes of `source`, with source line numbers
/// removed; `None` when it does not check clean.
fn exports(source: &str) -> Option<[String; 3]> {
    let checked = bout::check(source);
    if checked
        .diagnostics
        .iter()
        .any(|d| d.severity == bout::diag::Severity::Error)
    {
        return None;
    }
    let model = checked.model();
    let without_lines = |value: serde_json::Value| {
        let mut value = value;
        remove_key(&mut value, "line");
        value.to_string()
    };
    let timeline = bout::export::timeline::build(&model, 24);
    let graph = bout::export::graph::json(&model, None);
    use bout::export::screenplay;
    let play = screenplay::build(&model, screenplay::Options::default());
    Some([
        without_lines(serde_json::to_value(&timeline).expect("timeline")),
        without_lines(serde_json::to_value(&graph).expect("graph")),
        screenplay::fountain::export(&play, Default::default()),
    ])
}

fn remove_key(value: &mut serde_json::Value, key: &str) {
    match value {
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| remove_key(v, key)),
        serde_json::Value::Object(map) => {
            map.remove(key);
            map.values_mut().for_each(|v| remove_key(v, key));
        }
        serde_json::Value::Null
        | serde_json::Value::Bool(_)
        | serde_json::Value::Number(_)
        | serde_json::Value::String(_) => {}
    }
}

/// Every guarantee, for one source that parses.
fn guarantees(name: &str, source: &str) {
    let formatted = bout::fmt::format(source).unwrap_or_else(|d| panic!("{name}: {d:?}"));
    let again =
        bout::fmt::format(&formatted).unwrap_or_else(|d| panic!("{name} (formatted): {d:?}"));
    assert_eq!(again, formatted, "{name}: not idempotent");
    assert_eq!(tree(&formatted), tree(source), "{name}: the tree changed");
    assert_eq!(
        comments(&formatted),
        comments(source),
        "{name}: comments changed"
    );
    assert_eq!(
        exports(&formatted),
        exports(source),
        "{name}: an export changed"
    );
}

/// Every `.bout` file under `dir`, recursively.
fn bout_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            bout_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "bout") {
            out.push(path);
        }
    }
}

#[test]
fn every_example_and_fixture_keeps_its_meaning() {
    let root = common::root();
    let mut files = Vec::new();
    for dir in ["examples", "tests"] {
        bout_files(&root.join(dir), &mut files);
    }
    let mut formatted = 0;
    for path in &files {
        let source = std::fs::read_to_string(path).expect("readable");
        // The streaming check fmt uses finds exactly the parser's errors.
        assert_eq!(
            bout::syntax::parser::syntax_errors(&source),
            bout::syntax::parse(&source).diagnostics,
            "{}",
            path.display()
        );
        if !bout::syntax::parse(&source).diagnostics.is_empty() {
            // Refused, and left as it is.
            assert!(bout::fmt::format(&source).is_err());
            continue;
        }
        guarantees(&path.display().to_string(), &source);
        formatted += 1;
    }
    assert!(formatted > 60, "only {formatted} files formatted");
}

#[test]
fn the_examples_are_kept_formatted() {
    let out = common::bout(&["fmt", "--check", "examples"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A deterministic pseudo-random choice, so a failing case replays.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % sides
    }
}

/// `source` with its layout scrambled and comments in every position:
/// before lines, after them, just inside `{` and before `}`, with random
/// spaces and tabs between tokens, random indentation, blank lines, and
/// lines joined with `;`. The tokens are unchanged, so it parses to the same
/// tree.
fn scramble(source: &str, seed: u64) -> String {
    let mut dice = Dice(seed | 1);
    let lexed = bout::syntax::lexer::lex(source);
    let mut out = String::new();
    let mut line_has_code = false;
    // Whether the line already ends in a comment (nothing may follow).
    let mut commented = false;
    let mut comment = 0;
    let space = |dice: &mut Dice| match dice.roll(4) {
        0 => "  ",
        1 => "\t",
        _ => " ",
    };
    let tokens = &lexed.tokens;
    for (i, token) in tokens.iter().enumerate() {
        use bout::syntax::lexer::TokenKind as K;
        match token.kind {
            K::Eof => break,
            K::Newline => {
                let next = tokens.get(i + 1).map(|t| &t.kind);
                // A header joined to the line before would take that
                // line's indentation, which the parser reads its `}` by.
                let joinable = !matches!(next, Some(K::RBrace | K::Newline | K::Eof) | None)
                    && !braces_on_line(&tokens[i + 1..])
                    && !out.trim_end().ends_with('{')
                    && !commented
                    && line_has_code;
                if joinable && dice.roll(6) == 0 {
                    out.push_str("; ");
                    continue;
                }
                if line_has_code && !commented && dice.roll(3) == 0 {
                    comment += 1;
                    out.push_str(&format!("{}// trailing {comment}", space(&mut dice)));
                }
                out.push('\n');
                if dice.roll(8) == 0 {
                    out.push('\n');
                }
                if dice.roll(4) == 0 {
                    comment += 1;
                    let indent = " ".repeat(dice.roll(9) as usize);
                    out.push_str(&format!("{indent}// leading {comment}\n"));
                }
                line_has_code = false;
                commented = false;
            }
            K::LBrace => {
                out.push_str(space(&mut dice));
                out.push('{');
                if dice.roll(5) == 0 {
                    comment += 1;
                    out.push_str(&format!(" // after brace {comment}"));
                    commented = true;
                }
                line_has_code = true;
            }
            K::RBrace => {
                if !line_has_code && dice.roll(4) == 0 {
                    comment += 1;
                    out.push_str(&format!("// before brace {comment}\n"));
                }
                if !line_has_code {
                    out.push_str(&original_indent(source, token.span.start as usize));
                } else {
                    out.push_str(space(&mut dice));
                }
                out.push('}');
                line_has_code = true;
            }
            K::Word
            | K::Id
            | K::Label
            | K::Str(_)
            | K::Int(_)
            | K::Percent(_)
            | K::Flurry(_)
            | K::Range(..)
            | K::Clock(_)
            | K::Duration(_)
            | K::Anchor(_)
            | K::Extension(_)
            | K::Parenthetical(_)
            | K::Arrow
            | K::Amp
            | K::Colon
            | K::Semi
            | K::Bad(_) => {
                if line_has_code {
                    if !matches!(token.kind, K::Colon) || dice.roll(2) == 0 {
                        out.push_str(space(&mut dice));
                    }
                } else if braces_on_line(&tokens[i..]) {
                    // The parser reads a `}` by its indentation against its
                    // header's (to recover a lost brace): those lines keep
                    // theirs.
                    out.push_str(&original_indent(source, token.span.start as usize));
                } else {
                    out.push_str(&" ".repeat(dice.roll(9) as usize));
                }
                out.push_str(&source[token.span.range()]);
                line_has_code = true;
            }
        }
    }
    out
}

/// The indentation of the line holding `offset`, as written.
fn original_indent(source: &str, offset: usize) -> String {
    let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    source[start..offset].to_owned()
}

/// Whether the tokens up to the next line end hold a brace.
fn braces_on_line(tokens: &[bout::syntax::lexer::Token]) -> bool {
    use bout::syntax::lexer::TokenKind as K;
    tokens
        .iter()
        .take_while(|t| !matches!(t.kind, K::Newline | K::Eof))
        .any(|t| matches!(t.kind, K::LBrace | K::RBrace))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Generated scripts, scrambled: the formatter undoes the scramble
    /// without losing a comment or changing the tree.
    #[test]
    fn scrambled_generated_scripts_keep_their_meaning(rounds in 1u32..3, seed: u64, scramble_seed: u64) {
        let script = bout::generate::short_script(rounds, seed);
        let scrambled = scramble(&script, scramble_seed);
        prop_assert_eq!(tree(&scrambled), tree(&script), "the scramble changed the tree");
        let formatted = bout::fmt::format(&scrambled).map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
        prop_assert_eq!(&bout::fmt::format(&formatted).expect("formats"), &formatted, "not idempotent");
        prop_assert_eq!(tree(&formatted), tree(&script));
        prop_assert_eq!(comments(&formatted), comments(&scrambled));
        // With its comments taken out, the output is still formatted: no
        // comment holds the code in a layout of its own.
        let bare: String = formatted
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .map(|l| match l.find(" //") {
                Some(at) => l[..at].trim_end().to_owned() + "\n",
                None => l.to_owned() + "\n",
            })
            .collect();
        // (Blank lines just inside a block, kept beside a comment, go.)
        let solid = |s: &str| s.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n");
        prop_assert_eq!(solid(&bout::fmt::format(&bare).expect("formats")), solid(&bare));
    }
}

/// The layout, shown: each fixture of `tests/fixtures/fmt/` beside its
/// formatted output.
#[test]
fn layout_snapshots() {
    insta::glob!("fixtures/fmt/*.bout", |path| {
        let source = std::fs::read_to_string(path).expect("fixture");
        let shown = match bout::fmt::format(&source) {
            Ok(formatted) => {
                guarantees(&path.display().to_string(), &source);
                format!("--- input\n{source}--- formatted\n{formatted}")
            }
            Err(diagnostics) => {
                let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.code).collect();
                format!("--- input\n{source}--- refused: {}\n", codes.join(", "))
            }
        };
        insta::with_settings!({ omit_expression => true }, {
            insta::assert_snapshot!(shown);
        });
    });
}
