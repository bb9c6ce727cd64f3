//! `syntax::reparse` against the whole parse, and `check::recheck` against
//! the whole check: on every example and a generated script, thousands of
//! random edits (typing, deleting, pasting braces, quotes, labels and
//! lines), each made on the result of the one before as the language
//! server makes them. Wherever `reparse` answers, its tree, comments and
//! diagnostics must be the whole parse's; `recheck`'s diagnostics must be
//! the whole check's, always; and both must reuse the last result for
//! typing inside a scene, or they save the server nothing.

use bout::check::{check_for_edits, check_with, recheck};
use bout::config::Config;
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
    "ROCKY jab head -> DRAGO hit #bell\n",
    "DRAGO cross head -> ROCKY down after #bell\n",
    "production stage\n",
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

/// Every dozen edits or so, a clean start somewhere else, so errors do not
/// pile up for good: where to edit next in the restored text of `len`
/// bytes, half the time at the end, where a writer adds a scene.
fn restart(len: usize, rng: &mut Rng) -> Option<usize> {
    if rng.below(12) != 0 {
        return None;
    }
    Some(if rng.below(2) == 0 {
        len.saturating_sub(rng.below(300))
    } else {
        rng.below(len)
    })
}

/// Every example's name and text.
fn examples() -> Vec<(String, String)> {
    let mut paths: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bout"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    paths
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect()
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
        if let Some(at) = restart(start.len(), &mut rng) {
            text = start.to_owned();
            parsed = syntax::parse(&text);
            near = at;
        }
    }
    reparsed
}

#[test]
fn reparsing_gives_the_whole_parse_on_every_example() {
    let mut total = 0;
    for (i, (name, text)) in examples().iter().enumerate() {
        total += run(name, text, 400, 7 + i as u64);
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

/// Edits `start` `count` times as [`run`] does, checking each edit with
/// `recheck` on the check before; every result must be the whole check's.
/// Returns how many reused the lints of the items the edit left alone.
fn run_checks(name: &str, start: &str, count: usize, seed: u64) -> usize {
    let config = Config::default();
    let mut rng = Rng(seed);
    let mut text = start.to_owned();
    let mut checked = check_for_edits(&text, &config);
    let mut reused = 0;
    let mut near = rng.below(text.len());
    for step in 0..count {
        let next = edit(&text, near, &mut rng);
        let whole = check_with(&next, &config);
        checked = recheck(checked, &text, &next, &config);
        reused += usize::from(checked.lints_reused());
        assert_eq!(
            format!("{:#?}", checked.diagnostics),
            format!("{:#?}", whole.diagnostics),
            "{name}, edit {step} (seed {seed}): the diagnostics differ\n{next}"
        );
        assert_eq!(checked.script, whole.script, "{name}, edit {step}");
        text = next;
        if let Some(at) = restart(start.len(), &mut rng) {
            text = start.to_owned();
            checked = check_for_edits(&text, &config);
            near = at;
        }
    }
    reused
}

#[test]
fn rechecking_gives_the_whole_check_on_every_example() {
    let mut reused = 0;
    for (i, (name, text)) in examples().iter().enumerate() {
        reused += run_checks(name, text, 150, 31 + i as u64);
    }
    assert!(reused > 0, "no edit reused the lints");
}

#[test]
fn rechecking_gives_the_whole_check_on_a_long_script() {
    let text = bout::generate::script_of_size(30_000, 4);
    let reused = run_checks("generated", &text, 800, 77);
    assert!(
        reused > 800 / 8,
        "only {reused} of 800 checks reused the lints"
    );
}

/// A long script with findings in every scene, where the edits move the
/// findings after them and change the fight call X005 sums: its
/// `allow(fight-call-too-long)` taken out, and a few hits made knockdowns
/// nobody counts (on screen, without a mat).
#[test]
fn rechecking_moves_the_findings_after_the_edit() {
    let text = bout::generate::script_of_size(30_000, 6)
        .replace("// bout: allow(fight-call-too-long)\n", "");
    let mut mistaken = String::with_capacity(text.len());
    for (i, piece) in text.split_inclusive("-> DRAGO hit\n").enumerate() {
        match piece.strip_suffix("hit\n") {
            Some(head) if i % 3 == 0 => {
                mistaken.push_str(head);
                mistaken.push_str("down\n");
            }
            _ => mistaken.push_str(piece),
        }
    }
    let findings = check_with(&mistaken, &Config::default()).diagnostics;
    assert!(
        findings.iter().any(|d| d.code.code == "X005"),
        "no fight-call finding"
    );
    assert!(findings.len() > 20, "only {} findings", findings.len());
    let reused = run_checks("mistaken", &mistaken, 800, 5);
    assert!(
        reused > 800 / 8,
        "only {reused} of 800 checks reused the lints"
    );
}

/// Typing a new scene at the end of a script, key by key, as the server's
/// benchmark does: every keystroke's check reuses the lints of the scenes
/// before it, and is the whole check.
#[test]
fn typing_a_scene_at_the_end_rechecks_only_it() {
    let config = Config::default();
    let text = bout::generate::script_of_size(40_000, 8);
    let typed = "scene \"INT. GYM - NIGHT\" {\n  fight ROCKY vs DRAGO {\n    rules pro\n    round 1 {\n      ROCKY jab head -> DRAGO block\n      DRAGO uppercut chin -> ROCKY down\n      REF count 8\n      ROCKY up\n      bell\n    }\n  }\n}\n";
    let mut current = text.clone();
    let mut checked = check_for_edits(&current, &config);
    for end in 1..=typed.len() {
        let next = format!("{text}{}", &typed[..end]);
        checked = recheck(checked, &current, &next, &config);
        assert!(checked.lints_reused(), "after {:?}", &typed[..end]);
        assert_eq!(
            format!("{:#?}", checked.diagnostics),
            format!("{:#?}", check_with(&next, &config).diagnostics),
            "after {:?}",
            &typed[..end]
        );
        current = next;
    }
}

/// An `after` cycle through two scenes: an edit in either is checked with
/// the other (the cycle is the two scenes' finding), and an edit in a third
/// scene reuses both.
#[test]
fn an_after_between_scenes_is_checked_with_both() {
    let config = Config::default();
    let scene = |heading: &str, label: &str, waits: &str| {
        format!(
            "scene \"{heading}\" {{\n  fight ROCKY vs DRAGO {{\n    rules street\n    ROCKY jab head -> DRAGO hit #{label} after #{waits}\n    DRAGO cross body -> ROCKY hit\n  }}\n}}\n\n"
        )
    };
    let text = format!(
        "cast {{\n  ROCKY fighter \"Rocky\"\n  DRAGO fighter \"Drago\"\n}}\n\n{}{}{}",
        scene("INT. GYM - DAY", "a", "b"),
        scene("EXT. ROOF - NIGHT", "b", "a"),
        scene("INT. BAR - NIGHT", "c", "c"),
    );
    let first = check_with(&text, &config);
    assert!(
        first.diagnostics.iter().any(|d| d.code.code == "T005"),
        "{:?}",
        first.diagnostics
    );
    let typed = "    DRAGO jab head -> ROCKY block\n";
    for (heading, reuses) in [
        ("INT. GYM", false),
        ("EXT. ROOF", false),
        ("INT. BAR", true),
    ] {
        let at = text.find(heading).unwrap();
        let at = at + text[at..].find("    DRAGO cross").unwrap();
        let next = format!("{}{typed}{}", &text[..at], &text[at..]);
        let checked = recheck(check_for_edits(&text, &config), &text, &next, &config);
        assert_eq!(checked.lints_reused(), reuses, "an edit in {heading}");
        assert_eq!(
            format!("{:#?}", checked.diagnostics),
            format!("{:#?}", check_with(&next, &config).diagnostics),
            "an edit in {heading}"
        );
    }
}
