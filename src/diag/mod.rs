//! Diagnostics as plain data, and the registry of every diagnostic code.
//!
//! Every layer reports [`Diagnostic`]s with byte [`Span`]s; only the CLI
//! turns them into miette reports. Codes are never reused: a retired code
//! stays in [`CODES`] marked as such.

use serde::Serialize;

use crate::span::Span;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a check.
    Info,
    /// Probably a mistake; does not fail a check.
    Warning,
    /// A mistake; fails a check.
    Error,
}

/// A stable diagnostic code: one entry of the rule catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Code {
    /// The stable code, such as `S001`.
    pub code: &'static str,
    /// The kebab-case name, such as `unterminated-string`.
    pub name: &'static str,
    /// The default severity.
    pub severity: Severity,
    /// The family the rule belongs to.
    pub category: Category,
    /// What the rule does, in one sentence.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A script that triggers it.
    pub example: &'static str,
    /// What to write instead.
    pub instead: &'static str,
}

/// The families of rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Reading the file: tokens, statements, blocks.
    Syntax,
    /// Cast ids, techniques and labels.
    Names,
    /// Rounds, corners, referees and rulesets.
    Rounds,
    /// Fighters standing, down or out; counts; the fight's end and result.
    State,
    /// Fouls under the ruleset.
    Fouls,
    /// The two clocks.
    Time,
    /// Screenplay form.
    Form,
    /// Performer safety by production.
    Safety,
    /// The configuration (`bout.toml`, inline `allow`).
    Config,
}

/// One finding, located in one source file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// What kind of finding this is.
    pub code: &'static Code,
    /// How serious it is (the code's default unless configured otherwise).
    pub severity: Severity,
    /// What is wrong: short, no trailing period.
    pub message: Text,
    /// Where it is wrong.
    pub span: Span,
    /// The primary label, saying what is at `span`.
    pub label: Text,
    /// What to do about it.
    pub help: Option<Text>,
    /// Secondary locations with their labels (the first definition, …).
    pub related: Vec<(Span, Text)>,
}

/// A diagnostic's text: most labels and helps are fixed sentences, kept
/// as the program's own `&'static str`, not copied into each of 100k
/// findings; a text made for the finding (`format!`) is owned.
pub type Text = std::borrow::Cow<'static, str>;

mod registry;

pub use registry::*;

impl Code {
    /// Looks a code up by its code (`S001`) or its name, ignoring case.
    pub fn lookup(key: &str) -> Option<&'static Code> {
        // By a table, not a scan of every code: `bout.toml` and inline
        // allows look up one key per line, and a file of 100k keys made
        // the scan most of the time.
        static BY_KEY: std::sync::LazyLock<crate::fxhash::FxHashMap<String, &'static Code>> =
            std::sync::LazyLock::new(|| {
                CODES
                    .iter()
                    .flat_map(|&c| {
                        [
                            (c.code.to_ascii_lowercase(), c),
                            (c.name.to_ascii_lowercase(), c),
                        ]
                    })
                    .collect()
            });
        // Every code and name is ASCII: a key that is not, or that is
        // longer than any, matches none.
        if !key.is_ascii() || key.len() > 64 {
            return None;
        }
        let mut lower = [0u8; 64];
        let lower = &mut lower[..key.len()];
        lower.copy_from_slice(key.as_bytes());
        lower.make_ascii_lowercase();
        let lower = std::str::from_utf8(lower).ok()?;
        BY_KEY.get(lower).copied()
    }
}

/// The rules whose code, name or explanation mentions every word of
/// `query` (ignoring case) at the start of a word, in catalogue order:
/// `bout explain kidney`.
pub fn search(query: &str) -> Vec<&'static Code> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    CODES
        .iter()
        .copied()
        .filter(|c| {
            let text = [c.code, c.name, c.what, c.why, c.example, c.instead]
                .join("\n")
                .to_lowercase();
            words.iter().all(|w| {
                text.match_indices(w.as_str()).any(|(at, _)| {
                    !text[..at]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                })
            })
        })
        .collect()
}

impl Diagnostic {
    /// A diagnostic of `code` at its default severity.
    pub fn new(code: &'static Code, span: Span, message: impl Into<Text>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity,
            message: message.into(),
            span,
            label: Text::Borrowed(""),
            help: None,
            related: Vec::new(),
        }
    }

    /// Sets the primary label.
    pub fn label(mut self, label: impl Into<Text>) -> Diagnostic {
        self.label = label.into();
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<Text>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Sets the help line when there is one.
    pub fn maybe_help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help.map(Text::Owned);
        self
    }

    /// Adds a secondary labelled location.
    pub fn related(mut self, span: Span, label: impl Into<Text>) -> Diagnostic {
        self.related.push((span, label.into()));
        self
    }
}

/// Sorts diagnostics into their stable report order: by position, then code.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    let key = |d: &Diagnostic| (d.span.start, d.span.end, d.code.code);
    // A stable sort takes a scratch buffer of up to 8 MB however sorted
    // its input: most lists arrive sorted (one rule's findings, the
    // parser's), and 100k of them would hold 5× their script in scratch.
    if diagnostics.is_sorted_by(|a, b| key(a) <= key(b)) {
        return;
    }
    diagnostics.sort_by(|a, b| key(a).cmp(&key(b)));
}

/// The candidate closest to `word` by edit distance, if it is close enough
/// to be a plausible misspelling.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let chars = word.chars().count();
    // A word this long is no misspelling of any name in the language;
    // comparing it would only cost time.
    if chars > 64 {
        return None;
    }
    let limit = (chars / 3).max(1);
    let lowered: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let bag = Bag::of(&lowered);
    let mut other = Vec::new();
    let mut rows = Rows::default();
    candidates
        .into_iter()
        // The distance is at least the difference in length.
        .filter(|c| c.len().abs_diff(word.len()) <= limit * 4)
        .filter_map(|c| {
            other.clear();
            if c.is_ascii() {
                // Edits can never do better than the letters the two words
                // do not share: a cheap bound that rules most candidates
                // out, taken before the candidate is copied.
                if bag.distance(&Bag::of_ascii(c.as_bytes())) > limit {
                    return None;
                }
                other.extend(c.bytes().map(|b| b.to_ascii_lowercase() as char));
            } else {
                other.extend(c.chars().flat_map(char::to_lowercase));
                if bag.distance(&Bag::of(&other)) > limit {
                    return None;
                }
            }
            bounded_distance(&lowered, &other, limit, &mut rows).map(|d| (d, c))
        })
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// How many of each character a word holds, by the character's code
/// modulo 64 (collisions only make the bound weaker, never wrong).
struct Bag([u16; 64]);

impl Bag {
    fn of(word: &[char]) -> Bag {
        let mut counts = [0u16; 64];
        for &c in word {
            let slot = &mut counts[c as usize % 64];
            *slot = slot.saturating_add(1);
        }
        Bag(counts)
    }

    /// [`Bag::of`] the lower-cased letters of an ASCII word.
    fn of_ascii(word: &[u8]) -> Bag {
        let mut counts = [0u16; 64];
        for &b in word {
            let slot = &mut counts[usize::from(b.to_ascii_lowercase()) % 64];
            *slot = slot.saturating_add(1);
        }
        Bag(counts)
    }

    /// A lower bound of the edit distance: the larger of the characters
    /// only one word has, counted each way. Without branches, so that it
    /// runs as a few vector instructions (a `bout.toml` of 100k unknown
    /// keys takes it for every rule name of a near length).
    fn distance(&self, other: &Bag) -> usize {
        let (mut more, mut fewer) = (0u32, 0u32);
        for (a, b) in self.0.iter().zip(&other.0) {
            more += u32::from(a.saturating_sub(*b));
            fewer += u32::from(b.saturating_sub(*a));
        }
        more.max(fewer) as usize
    }
}

/// The three rows of the distance table, kept between candidates so that
/// comparing one costs no allocation.
#[derive(Default)]
struct Rows {
    before: Vec<usize>,
    previous: Vec<usize>,
    current: Vec<usize>,
}

/// The edit distance of `a` and `b` (see [`edit_distance`]) if it is at most
/// `limit`: the table is abandoned as soon as a whole row exceeds it, so a
/// far candidate costs a few rows, not the whole table.
fn bounded_distance(a: &[char], b: &[char], limit: usize, rows: &mut Rows) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let Rows {
        before,
        previous,
        current,
    } = rows;
    before.clear();
    before.resize(b.len() + 1, 0);
    previous.clear();
    previous.extend(0..=b.len());
    current.clear();
    current.resize(b.len() + 1, 0);
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
            row_min = row_min.min(best);
        }
        // A transposition reaches back two rows, so only give up when both
        // the last two rows are past the limit.
        if row_min > limit && previous.iter().min().is_some_and(|&m| m > limit) {
            return None;
        }
        std::mem::swap(before, previous);
        std::mem::swap(previous, current);
    }
    Some(previous[b.len()]).filter(|&d| d <= limit)
}

/// "did you mean `X`?" for the closest candidate, if any.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Edit distance with adjacent transpositions (optimal string alignment),
/// counting characters, case-insensitively: `haed` is one edit from `head`.
#[cfg(test)]
fn edit_distance(a: &str, b: &str) -> usize {
    let lower = |s: &str| s.chars().flat_map(char::to_lowercase).collect::<Vec<_>>();
    bounded_distance(&lower(a), &lower(b), usize::MAX / 2, &mut Rows::default())
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_pick_the_closest_plausible_word() {
        assert_eq!(
            closest("uppercutt", ["upper", "uppercut"]),
            Some("uppercut")
        );
        assert_eq!(closest("ROCKI", ["ROCKY", "DRAGO"]), Some("ROCKY"));
        assert_eq!(closest("zzz", ["jab", "hook"]), None);
        assert_eq!(closest("haed", ["head", "chin"]), Some("head"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        let rows = &mut Rows::default();
        let bounded =
            |a, b, limit, rows: &mut Rows| bounded_distance(&chars(a), &chars(b), limit, rows);
        assert_eq!(bounded("kitten", "sitting", 3, rows), Some(3));
        assert_eq!(bounded("kitten", "sitting", 2, rows), None);
        assert_eq!(bounded("haed", "head", 1, rows), Some(1));
        // The cheap bound never rules out what the table would allow.
        for (a, b) in [
            ("haed", "head"),
            ("uppercutt", "uppercut"),
            ("ROCKI", "rocky"),
        ] {
            let (a, b) = (chars(&a.to_lowercase()), chars(b));
            assert!(
                Bag::of(&a).distance(&Bag::of(&b)) <= bounded_distance(&a, &b, 9, rows).unwrap()
            );
        }
    }

    #[test]
    fn codes_are_unique_and_explained() {
        for (i, a) in CODES.iter().enumerate() {
            // `config::suggest` measures names in bytes.
            assert!(
                a.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{} is not kebab-case ASCII",
                a.name
            );
            // `Code::lookup` finds each by code and by name, in any case.
            for key in [a.code, a.name] {
                assert!(key.is_ascii() && key.len() <= 64);
                for key in [key.to_owned(), key.to_ascii_uppercase()] {
                    assert_eq!(Code::lookup(&key).map(|c| c.code), Some(a.code));
                }
            }
            for b in &CODES[i + 1..] {
                assert_ne!(a.code, b.code);
                assert_ne!(a.name, b.name);
            }
            for text in [a.what, a.why, a.example, a.instead] {
                assert!(
                    !text.trim().is_empty(),
                    "{} lacks part of its explanation",
                    a.code
                );
            }
        }
    }
}
