//! `syntax::reparse` against the whole parse: on every example and a
//! generated script, thousands of random edits (typing, deleting, pasting
//! braces, quotes and lines), each made on the result of the one before as
//! the language server makes them. Wherever `reparse` answers, its tree,
//! comments and diagnostics must be the whole parse's; and it must answer
//! for typing inside a scene, or it saves the server nothing.

use bout::syntax::{self, reparse::reparse};

/// A small deterministic generator (xorshift), so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What a writer types or pastes.
const PIECES: &[&str] = &[
    "a",
    "R",
    " ",
    "\n",
    "\n    ",
    "{",
    "}",
    "\"",
    "\"\"\"",
    "// note\n",
    "ROCKY jab head -> DRAGO hit\n",
    "    DRAGO hook body -> ROCKY block\n",
    "REF count 8\n",
    "round 3 {\n  bell\n}\n",
    "exchange \"x\" {\n",
    "action \"He waits.\"\n",
    "ROCKY: \"Again.\"\n",
    "@0:30 ",
    "& ",
    "#mark ",
    "after #mark ",
    "cast {\n  NEW fighter \"New\"\n}\n",
    "referee NOBODY\n",
    "x3 ",
    "é",
    "\t",
    "\r\n",
];

/// One random edit of `text` near `near` (a writer edits in one place for
/// a while): a piece inserted, a stretch deleted, or a stretch replaced, at
/// character boundaries.
fn edit(text: &str, near: usize, rng: &mut Rng) -> String {
    let boundary = |mut at: usize| {
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let at = boundary((near.saturating_sub(200) + rng.below(400)).min(text.len()));
    let len = boundary((at + rng.below(24)).min(text.len())).max(at) - at;
    let piece = PIECES[rng.below(PIECES.len())];
    let mut out = String::with_capacity(text.len() + piece.len());
    out.push_str(&text[..at]);
    match rng.below(3) {
        0 => {
            out.push_str(piece);
            out.push_str(&text[at..]);
        }
        1 => out.push_str(&text[at + len..]),
        _ => {
            out.push_str(piece);
            out.push_str(&text[at + len..]);
        }
    }
    out
}

/// Edits `start` `count` times, each on the text before, checking every
/// reparse; returns how many edits were reparsed.
fn run(name: &str, start: &str, count: usize, seed: u64) -> usize {
    let mut rng = Rng(seed);
    let mut text = start.to_owned();
    let mut parsed = syntax::parse(&text);
    let mut reparsed = 0;
    let mut near = rng.below(text.len());
    for step in 0..count {
        let next = edit(&text, near, &mut rng);
        let whole = syntax::parse(&next);
        let errors: Vec<_> = parsed.diagnostics.iter().map(|d| d.span).collect();
        parsed = match reparse(parsed.script, &errors, &text, &next) {
            Some(quick) => {
                reparsed += 1;
                assert_eq!(
                    quick.script, whole.script,
                    "{name}, edit {step} (seed {seed}): the tree differs"
                );
                assert_eq!(
                    format!("{:?}", quick.diagnostics),
                    format!("{:?}", whole.diagnostics),
                    "{name}, edit {step} (seed {seed}): the diagnostics differ"
                );
                quick
            }
            None => whole,
        };
        text = next;
        // Every dozen edits or so, a clean start somewhere else, so errors
        // do not pile up for good.
        if rng.below(12) == 0 {
            text = start.to_owned();
            parsed = syntax::parse(&text);
            // Half the time at the end, where a writer adds a scene.
            near = if rng.below(2) == 0 {
                text.len().saturating_sub(rng.below(300))
            } else {
                rng.below(text.len())
            };
        }
    }
    reparsed
}

#[test]
fn reparsing_gives_the_whole_parse_on_every_example() {
    let mut total = 0;
    let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bout"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    for (i, path) in paths.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        total += run(&path.display().to_string(), &text, 400, 7 + i as u64);
    }
    assert!(total > 0, "no edit was reparsed");
}

#[test]
fn reparsing_gives_the_whole_parse_on_a_long_script() {
    let text = bout::generate::script_of_size(60_000, 3);
    let reparsed = run("generated", &text, 3000, 99);
    // Random pasting breaks blocks and strings often (then the whole text is
    // parsed, rightly); typing is the key-by-key test below. About a
    // quarter of these edits are reparsed.
    assert!(
        reparsed > 3000 / 6,
        "only {reparsed} of 3000 edits reparsed"
    );
}

/// Typing one character at a time inside a round: every keystroke that
/// leaves the block closed is reparsed, and matches.
#[test]
fn typing_in_a_round_is_reparsed_key_by_key() {
    let text = bout::generate::script_of_size(40_000, 5);
    let at = text.find("    round 1 {\n").expect("a round") + "    round 1 {\n".len();
    let typed = "      ROCKY jab head -> DRAGO hit\n";
    let mut current = text.clone();
    let mut parsed = syntax::parse(&current);
    let mut reparsed = 0;
    for end in 1..=typed.len() {
        let next = format!("{}{}{}", &text[..at], &typed[..end], &text[at..]);
        let whole = syntax::parse(&next);
        let errors: Vec<_> = parsed.diagnostics.iter().map(|d| d.span).collect();
        parsed = match reparse(parsed.script, &errors, &current, &next) {
            Some(quick) => {
                reparsed += 1;
                assert_eq!(quick.script, whole.script, "after {:?}", &typed[..end]);
                assert_eq!(
                    format!("{:?}", quick.diagnostics),
                    format!("{:?}", whole.diagnostics)
                );
                quick
            }
            None => whole,
        };
        current = next;
    }
    assert_eq!(reparsed, typed.len(), "every keystroke reparsed");
}

/// Typing a new scene at the end of a script, its closing braces not typed
/// until the last keys (as the server's benchmark types it): every
/// keystroke is reparsed from the last item on, and matches.
#[test]
fn typing_a_scene_at_the_end_is_reparsed_key_by_key() {
    let text = bout::generate::script_of_size(40_000, 8);
    let typed = "scene \"INT. GYM - NIGHT\" {\n  fight ROCKY vs DRAGO {\n    rules pro\n    round 1 {\n      ROCKY jab head -> DRAGO block\n      REF count 8\n      bell\n    }\n  }\n}\n";
    let mut current = text.clone();
    let mut parsed = syntax::parse(&current);
    let mut reparsed = 0;
    for end in 1..=typed.len() {
        let next = format!("{text}{}", &typed[..end]);
        let whole = syntax::parse(&next);
        let errors: Vec<_> = parsed.diagnostics.iter().map(|d| d.span).collect();
        parsed = match reparse(parsed.script, &errors, &current, &next) {
            Some(quick) => {
                reparsed += 1;
                assert_eq!(quick.script, whole.script, "after {:?}", &typed[..end]);
                assert_eq!(
                    format!("{:?}", quick.diagnostics),
                    format!("{:?}", whole.diagnostics),
                    "after {:?}",
                    &typed[..end]
                );
                quick
            }
            None => whole,
        };
        current = next;
    }
    assert_eq!(reparsed, typed.len(), "every keystroke reparsed");
}
