//! `grammar/bout.ebnf` and the parser stay in step: every word the parser
//! knows is a terminal of the grammar, and every terminal of the grammar is
//! a word or punctuation the lexer knows.

use std::collections::BTreeSet;

/// The punctuation tokens of the lexer, as the grammar spells them.
const PUNCTUATION: &[&str] = &[
    "{", "}", ";", ":", "&", "->", "#", "@", "[", "]", "(", ")", "\"", "\"\"\"", "..", "%", "x",
    "-", ".", "_",
];

/// Escapes and character-class pieces that appear quoted in token rules.
const TOKEN_PIECES: &[&str] = &[
    "\\\"", "\\\\", "\\n", "\\t", "\\*", "\\_", "\\u{", "s", "ms",
];

fn grammar() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/grammar/bout.ebnf"))
        .expect("grammar")
}

/// The grammar without its `(* … *)` comments.
fn without_comments(grammar: &str) -> String {
    let mut text = String::new();
    let mut rest = grammar;
    while let Some(start) = rest.find("(*") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*)")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    text
}

/// Every quoted terminal of the grammar: `"…"` or `'…'`, whichever quote
/// opens first, running to the same quote on the same line.
fn terminals(grammar: &str) -> BTreeSet<String> {
    let text = without_comments(grammar);
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let mut rest = line;
        while let Some(open) = rest.find(['"', '\'']) {
            let quote = rest[open..].chars().next().expect("found a quote");
            let after = &rest[open + 1..];
            let Some(len) = after.find(quote) else { break };
            if len > 0 {
                found.insert(after[..len].to_owned());
            }
            rest = &after[len + 1..];
        }
    }
    found
}

#[test]
fn every_parser_word_is_in_the_grammar() {
    let terminals = terminals(&grammar());
    let missing: Vec<&str> = bout::syntax::words::all_words()
        .filter(|w| !terminals.contains(*w))
        .collect();
    assert!(
        missing.is_empty(),
        "words the parser knows but the grammar does not: {missing:?}"
    );
}

#[test]
fn every_grammar_terminal_is_known_to_the_parser() {
    let known: BTreeSet<&str> = bout::syntax::words::all_words()
        .chain(PUNCTUATION.iter().copied())
        .chain(TOKEN_PIECES.iter().copied())
        .collect();
    let unknown: Vec<String> = terminals(&grammar())
        .into_iter()
        .filter(|t| !known.contains(t.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "grammar terminals the parser does not know: {unknown:?}"
    );
}

#[test]
fn every_grammar_production_is_mapped_in_the_readme() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/grammar/README.md"))
        .expect("README");
    for line in without_comments(&grammar()).lines() {
        if let Some((name, _)) = line.split_once("::=") {
            let name = name.trim();
            if name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                assert!(
                    readme.contains(&format!("`{name}`")),
                    "production `{name}` is not mapped in grammar/README.md"
                );
            }
        }
    }
}

#[test]
fn the_rule_catalogue_doc_is_current() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md"))
        .expect("docs/rules.md");
    assert!(
        docs == bout::report::rules_markdown(),
        "docs/rules.md is stale: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}
