//! `docs/timing.md` and `src/model/timing.rs` give the same durations.

use bout::model::timing::{reaction_millis, technique_millis};
use bout::syntax::ast::{ReactionKind, Technique};

/// The rows `| word | seconds |` of the section headed `heading`.
fn rows(doc: &str, heading: &str) -> Vec<(String, u64)> {
    let section = doc
        .split(heading)
        .nth(1)
        .expect("section")
        .split("\n## ")
        .next()
        .unwrap_or("");
    section
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let seconds: f64 = cells.get(1)?.parse().ok()?;
            Some((cells[0].to_owned(), (seconds * 1000.0).round() as u64))
        })
        .collect()
}

fn doc() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/timing.md"))
        .expect("docs/timing.md")
}

#[test]
fn technique_table_matches_the_code() {
    let rows = rows(&doc(), "## Techniques");
    assert_eq!(
        rows.len(),
        Technique::WORDS.len(),
        "every technique has one row"
    );
    for (word, millis) in rows {
        let technique =
            Technique::from_word(&word).unwrap_or_else(|| panic!("{word} is not a technique"));
        assert_eq!(technique_millis(technique), millis, "{word}");
    }
}

#[test]
fn reaction_table_matches_the_code() {
    let rows = rows(&doc(), "## Reactions");
    assert_eq!(
        rows.len(),
        ReactionKind::WORDS.len(),
        "every reaction has one row"
    );
    for (word, millis) in rows {
        let reaction =
            ReactionKind::from_word(&word).unwrap_or_else(|| panic!("{word} is not a reaction"));
        assert_eq!(reaction_millis(reaction), millis, "{word}");
    }
}
