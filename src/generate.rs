//! A deterministic generator of large, valid scripts, for benchmarks and
//! stress tests: many scenes, each with a fight of 15 rounds.
//!
//! Invariant: the output checks clean (no diagnostic) for any seed and size;
//! `tests/generate.rs` holds it to that.

use std::fmt::Write;

/// A script of about `bytes` bytes (never less), built from `seed`.
pub fn script_of_size(bytes: usize, seed: u64) -> String {
    let mut out = String::with_capacity(bytes + 4096);
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    header(&mut out);
    let mut scene = 0;
    while out.len() < bytes {
        scene += 1;
        fight_scene(&mut out, scene, 15, &mut rng);
    }
    out
}

/// A short script: one fight scene whose fight ends by knockout in round
/// `rounds` (1 to 15), built from `seed`. For property tests that need
/// many small scripts.
pub fn short_script(rounds: u32, seed: u64) -> String {
    let mut out = String::new();
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    header(&mut out);
    fight_scene(&mut out, 1, rounds.clamp(1, 15), &mut rng);
    out
}

/// A script with exactly `fights` fight scenes, built from `seed`.
pub fn script(fights: usize, seed: u64) -> String {
    let mut out = String::new();
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    header(&mut out);
    for scene in 1..=fights {
        fight_scene(&mut out, scene, 15, &mut rng);
    }
    out
}

const FIGHTERS: &[&str] = &["ROCKY", "DRAGO", "APOLLO", "CLUBBER", "MASON", "TOMMY"];
const STRIKES: &[&str] = &[
    "jab", "cross", "hook", "uppercut", "overhand", "straight", "haymaker",
];
const TARGETS: &[&str] = &[
    "head",
    "chin",
    "jaw",
    "body",
    "ribs",
    "liver",
    "solar-plexus",
    "temple",
];
const DEFENCES: &[&str] = &[
    "block",
    "parry",
    "cover",
    "slip left",
    "duck",
    "roll right",
    "weave",
    "step-back",
];
const LANDED: &[&str] = &["hit", "hit", "stagger", "cut left-brow", "swell right-eye"];
const LINES: &[&str] = &[
    "Keep your hands up!",
    "He's slowing down. Go to the body.",
    "Don't stop! Don't you stop!",
    "Breathe. Just breathe.",
];

/// `n` spelt in letters (`a` for 0 … `j` for 9), since labels are words.
fn letters(n: usize) -> String {
    n.to_string()
        .bytes()
        .map(|d| (d - b'0' + b'a') as char)
        .collect()
}

/// xorshift64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn header(out: &mut String) {
    out.push_str(
        "title \"Generated Fights\"\nauthor \"bout::generate\"\nproduction screen\n\ncast {\n",
    );
    for f in FIGHTERS {
        let _ = writeln!(out, "  {f:<8} fighter \"{f}\" stance orthodox");
        let _ = writeln!(out, "  {f}_CORNER corner \"{f} corner\" for {f}");
    }
    out.push_str("  REF referee \"Referee\"\n  CROWD crowd \"Crowd\"\n}\n\nmoves {\n  spinning-backfist strike 0.9s\n}\n\n");
    // Everyone speaks once up front, so no cast member goes unused however
    // few fights follow.
    out.push_str("scene \"INT. PRESS ROOM - DAY\" {\n");
    for f in FIGHTERS {
        let _ = writeln!(out, "  {f}: \"I'm ready.\"\n  {f}_CORNER: \"He's ready.\"");
    }
    out.push_str("  REF: \"Clean fights, gentlemen.\"\n  CROWD: \"Boo!\"\n}\n\n");
}

fn fight_scene(out: &mut String, scene: usize, rounds: u32, rng: &mut Rng) {
    let a = rng.below(FIGHTERS.len() as u64) as usize;
    let b = (a + 1 + rng.below(FIGHTERS.len() as u64 - 1) as usize) % FIGHTERS.len();
    let (red, blue) = (FIGHTERS[a], FIGHTERS[b]);
    let tag = letters(scene);
    let _ = writeln!(out, "scene \"INT. ARENA {scene} - NIGHT\" #scene-{tag} {{");
    let _ = writeln!(out, "  action \"{red} and {blue} touch gloves.\"");
    // Dozens of fights are more than one fight call can run: the script
    // says it knows, on every fight, since any may head the call.
    out.push_str("  // bout: allow(fight-call-too-long)\n");
    let _ = writeln!(out, "  fight {red} vs {blue} #fight-{tag} {{");
    out.push_str("    rules unsanctioned\n    rounds 15\n    referee REF\n");
    for round in 1..=rounds {
        let _ = writeln!(out, "    round {round} {{");
        let mut clock = 0u64;
        for exchange in 0..4 {
            clock += 10 + rng.below(20);
            let _ = writeln!(
                out,
                "      @{}:{:02} exchange #s-{tag}-r-{}-e-{} {{",
                clock / 60,
                clock % 60,
                letters(round as usize),
                letters(exchange)
            );
            for _ in 0..4 {
                let (att, def) = if rng.below(2) == 0 {
                    (red, blue)
                } else {
                    (blue, red)
                };
                let technique = rng.pick(STRIKES);
                let target = rng.pick(TARGETS);
                let reaction = if rng.below(3) == 0 {
                    rng.pick(LANDED)
                } else {
                    rng.pick(DEFENCES)
                };
                let _ = writeln!(
                    out,
                    "        {att} {technique} {target} -> {def} {reaction}"
                );
                clock += 2;
            }
            out.push_str("      }\n");
        }
        if rng.below(4) == 0 {
            out.push_str("      & CROWD: \"Ooh!\"\n");
        }
        if round == rounds {
            let _ = writeln!(
                out,
                "      {red} spinning-backfist temple -> {blue} down mat"
            );
            out.push_str("      REF count 10\n    }\n");
        } else {
            out.push_str("      bell\n    }\n");
            let _ = writeln!(
                out,
                "    corner {red} {{\n      {red}_CORNER: \"{}\"\n    }}",
                rng.pick(LINES)
            );
            let _ = writeln!(
                out,
                "    corner {blue} {{\n      {blue}_CORNER: \"{}\"\n    }}",
                rng.pick(LINES)
            );
        }
    }
    let _ = writeln!(out, "    result {red} ko\n  }}\n}}\n");
}

/// A long screenplay for the page tests, built from `seed`: `scenes`
/// scenes of action paragraphs of several sentences, short exchanges
/// (some with parentheticals long enough to wrap), dual dialogue, `CUT TO:`
/// between scenes, a monologue of about three pages every `monologue`
/// scenes (0 for none), and a street fight every seventh scene, one of
/// them long enough for its fight table to run over pages. About 130
/// pages at 120 scenes. Checks clean.
pub fn screenplay(scenes: usize, monologue: usize, seed: u64) -> String {
    let mut out = String::new();
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    out.push_str(
        "title \"The Long Count\"\ncredit \"written by\"\nauthor \"bout::generate\"\ncontact \"pages@example.org\"\ndraft \"Generated draft\"\nproduction screen\n\ncast {\n",
    );
    for (id, role) in PEOPLE {
        let _ = writeln!(out, "  {id:<6} {role} \"{}\"", id.to_lowercase());
    }
    out.push_str("}\n\ntransition \"FADE IN:\"\n\n");
    let mut used_fighters = false;
    for scene in 1..=scenes {
        let place = rng.pick(PLACES);
        let time = rng.pick(&["DAY", "NIGHT", "DUSK", "LATER"]);
        let _ = writeln!(
            out,
            "scene \"{} {place} - {time}\" {{",
            if rng.below(3) == 0 { "EXT." } else { "INT." }
        );
        let paragraph = |rng: &mut Rng, sentences: u64| {
            (0..sentences)
                .map(|_| rng.pick(SENTENCES))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let n = 2 + rng.below(5);
        let _ = writeln!(out, "  action \"{}\"", paragraph(&mut rng, n));
        let (a, b) = (rng.pick(SPEAKERS), rng.pick(SPEAKERS));
        let b = if a == b { SPEAKERS[0] } else { b };
        let b = if a == b { SPEAKERS[1] } else { b };
        for turn in 0..(3 + rng.below(6)) {
            let who = if turn % 2 == 0 { a } else { b };
            let line = rng.pick(LINES_SAID);
            if rng.below(5) == 0 {
                let _ = writeln!(out, "  {who} ({}): \"{line}\"", rng.pick(PARENTHETICALS));
            } else {
                let _ = writeln!(out, "  {who}: \"{line}\"");
            }
        }
        if rng.below(6) == 0 {
            let _ = writeln!(
                out,
                "  {a}: \"{}\"\n  & {b}: \"{}\"",
                rng.pick(LINES_SAID),
                rng.pick(LINES_SAID)
            );
        }
        if monologue > 0 && scene % monologue == 0 {
            // About three pages of dialogue at 35 characters a line.
            let mut speech = String::new();
            while speech.len() < 5_400 {
                if !speech.is_empty() {
                    speech.push(' ');
                }
                speech.push_str(rng.pick(MONOLOGUE));
            }
            let _ = writeln!(out, "  {a} (quietly): \"{speech}\"");
        }
        if scene % 7 == 0 {
            let moves = if scene == 7 { 160 } else { 8 + rng.below(8) };
            // Seventeen fights, a long one among them: more than one call.
            out.push_str("  // bout: allow(fight-call-too-long)\n");
            out.push_str("  fight MICK vs TEDDY {\n    rules street\n");
            for i in 0..moves {
                let (att, def) = if i % 2 == 0 {
                    ("MICK", "TEDDY")
                } else {
                    ("TEDDY", "MICK")
                };
                let reaction = if rng.below(3) == 0 {
                    "hit"
                } else {
                    rng.pick(DEFENCES)
                };
                let _ = writeln!(
                    out,
                    "    {att} {} {} -> {def} {reaction}",
                    rng.pick(STRIKES),
                    rng.pick(&["head", "body", "jaw", "ribs"])
                );
            }
            out.push_str("  }\n");
            used_fighters = true;
        }
        let n = 1 + rng.below(4);
        let _ = writeln!(out, "  action \"{}\"", paragraph(&mut rng, n));
        out.push_str("}\n");
        if scene < scenes && rng.below(3) == 0 {
            let _ = writeln!(
                out,
                "transition \"{}\"",
                rng.pick(&["CUT TO:", "SMASH CUT TO:", "DISSOLVE TO:"])
            );
        }
        out.push('\n');
    }
    if !used_fighters {
        out.push_str("scene \"INT. GYM - NIGHT\" {\n  MICK: \"Again.\"\n  TEDDY: \"Again.\"\n}\n");
    }
    out.push_str("transition \"FADE OUT.\"\n");
    out
}

const PEOPLE: &[(&str, &str)] = &[
    ("MICK", "fighter"),
    ("TEDDY", "fighter"),
    ("NORA", "character"),
    ("SAL", "character"),
    ("JUNE", "character"),
    ("FRANK", "character"),
];
const SPEAKERS: &[&str] = &["NORA", "SAL", "JUNE", "FRANK", "MICK", "TEDDY"];
const PLACES: &[&str] = &[
    "KELLY'S GYM",
    "DINER ON FIFTH",
    "MICK'S APARTMENT",
    "PARKING GARAGE",
    "HOSPITAL CORRIDOR",
    "ROOFTOP",
    "BUS DEPOT",
    "PROMOTER'S OFFICE",
];
const SENTENCES: &[&str] = &[
    "Rain hammers the windows.",
    "A radiator knocks somewhere in the walls, steady as a metronome.",
    "NORA counts the bills twice and folds them into her coat.",
    "Nobody moves.",
    "The fluorescent light over the ring flickers, dies, and comes back weaker than before.",
    "SAL wipes the same glass for the third time, watching the door.",
    "Somewhere a dog barks at nothing.",
    "MICK wraps his hands slowly, the tape squeaking with every turn around the knuckles.",
    "A bus pulls away from the curb and the street goes quiet.",
    "JUNE reads the contract, lips moving, one finger under every line.",
    "The clock over the door says ten past two.",
    "FRANK lights a cigarette he will not finish.",
];
const LINES_SAID: &[&str] = &[
    "You came back.",
    "I never left. You just stopped looking.",
    "Sit down before you fall down.",
    "He owes me money, and he owes you an apology.",
    "Not tonight.",
    "The fight is Saturday. Everything else can wait until Sunday.",
    "What do you want me to say?",
    "Say you'll be there. That's all. Just say it.",
    "I had a brother who talked like that once.",
    "Keep your hands up and your mouth shut.",
];
const PARENTHETICALS: &[&str] = &[
    "beat",
    "not looking up",
    "quietly, almost to himself, then louder",
    "to the room, pointing at the door",
    "smiling",
];
const MONOLOGUE: &[&str] = &[
    "My father fought for thirty years and never once went down.",
    "He used to say the canvas was a liar, that it promised you rest and gave you nothing but a count.",
    "I believed him.",
    "I believed every word that man ever said, right up to the night he couldn't remember my name.",
    "So don't tell me about the money.",
    "Don't tell me about the purse, or the promoter, or the television people with their clipboards.",
    "I know what it costs.",
    "I have been paying it since I was nine years old, one round at a time.",
    "You want to know why I keep going?",
    "Because every time I stand up, he stands up with me.",
    "That's it. That's the whole reason.",
    "And if that sounds crazy to you, then you have never been hit hard enough to see clearly.",
];

/// Hostile shapes: valid or broken scripts built to push one cost each
/// (depth, line length, diagnostics, cast size, `after` links), for the
/// hardening benchmark (`benches/hostile.rs`) and the tests that hold bout
/// to linear time and memory on them.
pub mod hostile {
    use std::fmt::Write;

    use super::letters;

    /// A scene whose montages nest `depth` deep (past the nesting limit,
    /// the rest is reported once and skipped).
    pub fn deep_nesting(depth: usize) -> String {
        let mut out =
            String::from("cast {\n  ANN character \"Ann\"\n}\nscene \"INT. HALL - DAY\" {\n");
        for _ in 0..depth {
            out.push_str("montage \"m\" {\n");
        }
        out.push_str("ANN: \"Deep.\"\n");
        for _ in 0..depth {
            out.push_str("}\n");
        }
        out.push_str("}\n");
        out
    }

    /// About `bytes` bytes of scenes, all on one line, separated by `;`.
    pub fn one_line_of_blocks(bytes: usize) -> String {
        let mut out = String::from("cast {\n  ANN character \"Ann\"\n}\n");
        while out.len() < bytes {
            out.push_str("scene \"INT. HALL - DAY\" { ANN: \"Hi.\"; action \"She waits.\" }; ");
        }
        out.push('\n');
        out
    }

    /// `count` lines that each break one rule: with `warnings`, an empty
    /// line of dialogue (a warning); else a speaker nobody declared (an
    /// error, with a "did you mean" to work out).
    pub fn many_diagnostics(count: usize, warnings: bool) -> String {
        let mut out = String::from(
            "cast {\n  ROCKY character \"Rocky\"\n  ADRIAN character \"Adrian\"\n}\nscene \"INT. HALL - DAY\" {\n  ROCKY: \"Hi.\"\n  ADRIAN: \"Hi.\"\n",
        );
        for _ in 0..count {
            out.push_str(if warnings {
                "  ROCKY: \"\"\n"
            } else {
                "  ROCKI: \"Yo.\"\n"
            });
        }
        out.push_str("}\n");
        out
    }

    /// A `bout.toml` with `count` keys, none of them a rule.
    pub fn config_with_keys(count: usize) -> String {
        let mut out = String::from("[lints]\n");
        for i in 0..count {
            let _ = writeln!(out, "rule-{} = \"allow\"", letters(i));
        }
        out
    }

    /// A cast of `count` characters, each speaking once.
    pub fn large_cast(count: usize) -> String {
        let mut out = String::from("cast {\n");
        let id = |i: usize| format!("C{i}");
        for i in 0..count {
            let _ = writeln!(out, "  {} character \"Person {i}\"", id(i));
        }
        out.push_str("}\nscene \"INT. HALL - DAY\" {\n");
        for i in 0..count {
            let _ = writeln!(out, "  {}: \"Here.\"", id(i));
        }
        out.push_str("}\n");
        out
    }

    /// `count` lines each waiting `after` the next, the last after the
    /// first: one cycle of `count` links.
    pub fn after_cycle(count: usize) -> String {
        let mut out = String::from("scene \"INT. HALL - DAY\" {\n");
        for i in 0..count {
            let _ = writeln!(
                out,
                "  action \"Step.\" #s-{} after #s-{}",
                letters(i),
                letters((i + 1) % count)
            );
        }
        out.push_str("}\n");
        out
    }
}
