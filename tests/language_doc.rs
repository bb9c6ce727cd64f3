//! `docs/language.md` stays true: its examples check as they say, its
//! rulesets table agrees with `Rules::defaults`, and it names every word
//! the parser knows.
//!
//! Fences (see the reference's last section):
//! - ```` ```bout ````: a whole script; it must check clean (no diagnostic).
//! - ```` ```bout error [CODE…] ````: it must produce at least one diagnostic,
//!   and each CODE listed.
//! - ```` ```bout fragment ````: a piece of a script; not checked, but it
//!   must lex with no malformed token and no mistake in its strings.

use std::collections::BTreeSet;
use std::path::Path;

use bout::model::ruleset::Rules;
use bout::syntax::ast::Ruleset;
use bout::syntax::lexer::{TokenKind, lex};

const DOC: &str = "docs/language.md";

fn doc() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC))
        .expect("docs/language.md is readable")
}

/// One fenced block: its info string, its text, and the line its opening
/// fence is on (1-based).
struct Fence {
    info: String,
    text: String,
    line: usize,
}

/// Every fenced block of `doc` (fences of three or more backticks).
fn fences(doc: &str) -> Vec<Fence> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String, usize)> = None; // (ticks, info, line)
    let mut text = String::new();
    for (i, line) in doc.lines().enumerate() {
        let trimmed = line.trim_start();
        let ticks = trimmed.bytes().take_while(|&b| b == b'`').count();
        match &open {
            None if ticks >= 3 => {
                open = Some((ticks, trimmed[ticks..].trim().to_owned(), i + 1));
                text.clear();
            }
            Some((n, _, _)) if ticks >= *n && trimmed[ticks..].trim().is_empty() => {
                let (_, info, line) = open.take().expect("a fence is open");
                out.push(Fence {
                    info,
                    text: std::mem::take(&mut text),
                    line,
                });
            }
            Some(_) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {}
        }
    }
    assert!(open.is_none(), "{DOC}: a fence is never closed");
    out
}

/// What a `bout` fence says of itself.
enum Kind {
    Whole,
    Error(Vec<String>),
    Fragment,
}

/// The kind of a fence tagged `bout`, or `None` for another language.
fn kind(fence: &Fence) -> Option<Kind> {
    let mut words = fence.info.split_whitespace();
    if words.next() != Some("bout") {
        return None;
    }
    let rest: Vec<String> = words.map(str::to_owned).collect();
    Some(match rest.first().map(String::as_str) {
        None => Kind::Whole,
        Some("error") => Kind::Error(rest[1..].to_vec()),
        Some("fragment") if rest.len() == 1 => Kind::Fragment,
        Some(_) => panic!(
            "{DOC}:{}: unknown fence tag `{}`: use `bout`, `bout error [CODE…]` or `bout fragment`",
            fence.line, fence.info
        ),
    })
}

fn codes(source: &str) -> Vec<String> {
    bout::check(source)
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code.code, d.message))
        .collect()
}

#[test]
fn whole_scripts_check_clean() {
    let doc = doc();
    let mut whole = 0;
    for fence in fences(&doc) {
        if let Some(Kind::Whole) = kind(&fence) {
            let found = codes(&fence.text);
            assert!(
                found.is_empty(),
                "{DOC}:{}: this example does not check clean: {found:#?}\n{}",
                fence.line,
                fence.text
            );
            whole += 1;
        }
    }
    // Most examples are whole scripts; a reference without them has lost
    // its fences.
    assert!(whole >= 20, "{DOC} shows only {whole} whole scripts");
}

#[test]
fn error_examples_report_what_they_say() {
    let doc = doc();
    let mut errors = 0;
    for fence in fences(&doc) {
        if let Some(Kind::Error(expected)) = kind(&fence) {
            let found = codes(&fence.text);
            assert!(
                !found.is_empty(),
                "{DOC}:{}: this mistake checks clean\n{}",
                fence.line,
                fence.text
            );
            for code in &expected {
                assert!(
                    found
                        .iter()
                        .any(|f| f.split(' ').next() == Some(code.as_str())),
                    "{DOC}:{}: expected {code}, found {found:#?}\n{}",
                    fence.line,
                    fence.text
                );
            }
            errors += 1;
        }
    }
    assert!(errors >= 1, "{DOC} shows no mistake");
}

#[test]
fn fragments_read_as_tokens() {
    let doc = doc();
    for fence in fences(&doc) {
        if let Some(Kind::Fragment) = kind(&fence) {
            let lexed = lex(&fence.text);
            let bad: Vec<String> = lexed
                .tokens
                .iter()
                .filter_map(|t| match &t.kind {
                    TokenKind::Bad(d) => Some(format!("{} {}", d.code.code, d.message)),
                    _ => None,
                })
                .chain(
                    lexed
                        .diagnostics
                        .iter()
                        .map(|d| format!("{} {}", d.code.code, d.message)),
                )
                .collect();
            assert!(
                bad.is_empty(),
                "{DOC}:{}: this fragment does not read: {bad:#?}\n{}",
                fence.line,
                fence.text
            );
        }
    }
}

/// `3:00` as milliseconds; `—` as none.
fn clock(cell: &str) -> Option<u64> {
    if cell == "—" {
        return None;
    }
    let (m, s) = cell.split_once(':').expect("a clock m:ss");
    Some(m.parse::<u64>().expect("minutes") * 60_000 + s.parse::<u64>().expect("seconds") * 1000)
}

fn yes(cell: &str, yes: &str, no: &str) -> bool {
    match cell {
        c if c == yes => true,
        c if c == no => false,
        other => panic!("{DOC}: rulesets table: expected `{yes}` or `{no}`, found `{other}`"),
    }
}

#[test]
fn the_rulesets_table_is_the_code() {
    let doc = doc();
    let header = "| rules | referee | round length | rest | rounds | mandatory eight count | three-knockdown | fouls |";
    let start = doc
        .lines()
        .position(|l| l.trim() == header)
        .unwrap_or_else(|| panic!("{DOC} has no rulesets table headed `{header}`"));
    let mut seen = BTreeSet::new();
    for line in doc.lines().skip(start + 2) {
        let line = line.trim();
        if !line.starts_with('|') {
            break;
        }
        let cells: Vec<&str> = line
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().trim_matches('`'))
            .collect();
        assert_eq!(cells.len(), 8, "{DOC}: rulesets row `{line}`");
        let ruleset = Ruleset::from_word(cells[0])
            .unwrap_or_else(|| panic!("{DOC}: `{}` is not a ruleset", cells[0]));
        let code = Rules::defaults(ruleset);
        let round_length = clock(cells[2]);
        let written = Rules {
            ruleset,
            referee_required: yes(cells[1], "required", "not required"),
            round_length: round_length.map(bout::syntax::ast::Duration::from_millis),
            // A fight without rounds has no rest: the code keeps zero.
            rest: bout::syntax::ast::Duration::from_millis(clock(cells[3]).unwrap_or(0)),
            rounds: match cells[4] {
                "no rounds" => None,
                n => Some(n.parse().expect("rounds: a number or `no rounds`")),
            },
            mandatory_eight: yes(cells[5], "yes", "no"),
            three_knockdown: yes(cells[6], "on", "off"),
            fouls: yes(cells[7], "yes", "no"),
        };
        assert_eq!(
            written, code,
            "{DOC}: the `{}` row disagrees with src/model/ruleset.rs",
            cells[0]
        );
        seen.insert(cells[0].to_owned());
    }
    let all: BTreeSet<String> = Ruleset::WORDS.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        seen, all,
        "{DOC}: the rulesets table must list every ruleset"
    );
}

/// Every lower-case word inside code: inline `…` spans and fenced blocks.
fn code_words(doc: &str) -> BTreeSet<String> {
    let mut code = String::new();
    let mut in_fence = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            code.push_str(line);
            code.push('\n');
        } else {
            for (i, part) in line.split('`').enumerate() {
                if i % 2 == 1 {
                    code.push_str(part);
                    code.push('\n');
                }
            }
        }
    }
    let mut words = BTreeSet::new();
    let mut word = String::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        let joins =
            c == '-' && !word.is_empty() && chars.peek().is_some_and(|n| n.is_ascii_lowercase());
        if c.is_ascii_lowercase() || joins {
            word.push(c);
        } else if !word.is_empty() {
            words.insert(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.insert(word);
    }
    words
}

#[test]
fn every_parser_word_is_documented() {
    let words = code_words(&doc());
    let missing: BTreeSet<&str> = bout::syntax::words::all_words()
        .filter(|w| !words.contains(*w))
        .collect();
    assert!(
        missing.is_empty(),
        "{DOC} never shows these words of the language in code: {missing:?}"
    );
}
