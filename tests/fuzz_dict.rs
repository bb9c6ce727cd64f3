//! `fuzz/bout.dict`, the fuzzers' dictionary, stays in step with the
//! language: every word of `src/syntax/words.rs`, every rule's code and name
//! (for `// bout: allow(…)` and `bout.toml`), and the punctuation.
//!
//! The file is generated from those tables; when it is stale this test fails
//! with the difference. `BOUT_UPDATE_DICT=1 cargo test --test fuzz_dict`
//! rewrites it.

use bout::syntax::words;

/// Token shapes beyond the words: operators, clocks, labels, blocks, text,
/// escapes, flurries, durations, comments and the `bout.toml` shape.
const PUNCTUATION: &[&str] = &[
    "->",
    "&",
    "@0:01",
    "@2:50",
    "#label",
    "after #label",
    "{",
    "}",
    "\"",
    "\"\"\"",
    "\\u{",
    "\\u{7}",
    "\\n",
    "x3",
    "0.5s",
    "2s",
    "1:30",
    "3..14",
    "50%",
    "(",
    ")",
    "[",
    "]",
    ":",
    "//",
    "// bout: allow(",
    "\n",
    "\r\n",
    "\u{feff}",
    "[lints]",
    "= \"allow\"",
    "= \"warn\"",
    "= \"deny\"",
];

/// One dictionary entry: the text in quotes, with `\\`, `\"` and `\xNN` for
/// bytes outside printable ASCII (libFuzzer's dictionary syntax).
fn entry(text: &str) -> String {
    let mut out = String::from("\"");
    for byte in text.bytes() {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            0x20..=0x7e => out.push(byte as char),
            _ => out.push_str(&format!("\\x{byte:02X}")),
        }
    }
    out.push('"');
    out
}

/// The dictionary as it should be.
fn dictionary() -> String {
    let mut out = String::from(
        "# libFuzzer dictionary for the bout fuzz targets (fuzz/run.sh).\n\
         # Generated from src/syntax/words.rs and the rule catalogue by\n\
         # tests/fuzz_dict.rs; do not edit by hand: after changing the language run\n\
         #   BOUT_UPDATE_DICT=1 cargo test --test fuzz_dict\n",
    );
    let mut seen = std::collections::HashSet::new();
    let mut section = |out: &mut String, title: &str, items: &mut dyn Iterator<Item = &str>| {
        out.push_str(&format!("\n# {title}\n"));
        for item in items {
            if seen.insert(item.to_owned()) {
                out.push_str(&entry(item));
                out.push('\n');
            }
        }
    };
    section(
        &mut out,
        "Words (src/syntax/words.rs)",
        &mut words::all_words(),
    );
    section(
        &mut out,
        "Rule codes and names (src/diag/registry.rs)",
        &mut bout::diag::CODES.iter().flat_map(|c| [c.code, c.name]),
    );
    section(
        &mut out,
        "Punctuation and token shapes",
        &mut PUNCTUATION.iter().copied(),
    );
    out
}

#[test]
fn fuzz_dictionary_is_in_step_with_the_language() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/bout.dict");
    let want = dictionary();
    if std::env::var_os("BOUT_UPDATE_DICT").is_some() {
        std::fs::write(&path, &want).expect("write fuzz/bout.dict");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    let have_lines: std::collections::HashSet<&str> = have.lines().collect();
    let missing: Vec<&str> = want.lines().filter(|l| !have_lines.contains(l)).collect();
    assert!(
        missing.is_empty(),
        "fuzz/bout.dict lacks {} entries (run `BOUT_UPDATE_DICT=1 cargo test --test fuzz_dict`): {missing:?}",
        missing.len()
    );
    assert_eq!(
        have, want,
        "fuzz/bout.dict is stale (run `BOUT_UPDATE_DICT=1 cargo test --test fuzz_dict`)"
    );
}
