//! The fight prose, measured as a writer would read it, over every example,
//! the prose fixtures (`tests/fixtures/prose/`) and generated fights (with
//! and without pronouns in the cast):
//!
//! - each attack names its attacker, technique, target (or the wound's
//!   place) and defender in its first sentence;
//! - counted blows agree with their verb ("two hooks send", "a hook
//!   sends"), and so do pronouns ("they rise", "she rises");
//! - no pronoun the cast does not declare;
//! - no sentence pattern (the sentence with names, techniques, targets and
//!   numbers masked) twice in a round, and no three sentences in a row in a
//!   paragraph starting with the same word;
//! - a warning's reason is quoted, `&` reads as simultaneous, a `break`
//!   speaks of a clinch only after one, and no detail the script does not
//!   hold (ropes, gloves, blood; a canvas or ring in a street fight).
//!
//! The sentence splitting and masking here are written independently of
//! the writer's own.

mod common;
use common::{examples, root};

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use bout::export::screenplay::prose::{Writer, number_word, title_case};
use bout::export::screenplay::{self, Element, Options};
use bout::model::Model;
use bout::syntax::ast::*;

const NUMBERS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Words a sentence may hold only when the script holds them (or, for a
/// fight in a ring, the ring itself licenses them).
const INVENTED: &[&str] = &[
    "rope",
    "ropes",
    "turnbuckle",
    "glove",
    "gloves",
    "blood",
    "bleeding",
    "knees",
    "crowd",
    "canvas",
    "ring",
    "floor",
    "ground",
    "mat",
];
const RING_WORDS: &[&str] = &["canvas", "ring", "corner"];

/// Words that say "at the same time".
const TOGETHER: &[&str] = &[
    "same moment",
    "same instant",
    "at once",
    "simultaneously",
    "together",
    "same time",
];

/// Scripts written for what users found in the prose: a sparring round of
/// clinches met by clinches, wounds away from the target and a `they`
/// referee's warnings; a bar fight with techniques from `moves`.
const FOUND: &[(&str, &str)] = &[
    (
        "sparring (clinches, wounds, warnings)",
        r#"title "Sparring Day"
production screen
cast {
  LUZ   fighter "Luz Ortiz"  pronouns she
  NADIA fighter "Nadia Hale" pronouns she
  SAM   referee "Sam Reyes"  cue "REFEREE" pronouns they
}
scene "INT. GYM - DAY" {
  fight LUZ vs NADIA {
    rules amateur
    referee SAM
    round 1 {
      LUZ clinch body -> NADIA clinch
      SAM break
      NADIA clinch body -> LUZ clinch
      SAM break
      NADIA uppercut solar-plexus -> LUZ swell left-eye
      NADIA hook body -> LUZ cut left-brow
      LUZ jab head -> NADIA swell right-eye
      LUZ cross eye -> NADIA cut right-eye
      SAM warn LUZ "keep it clean"
      SAM warn NADIA "watch the head"
      SAM warn LUZ "last time"
      SAM warn NADIA "hands up"
      SAM warn LUZ "break when I say"
      SAM warn NADIA "no holding"
      SAM warn LUZ
      LUZ clinch head -> NADIA clinch
      SAM break
      NADIA clinch body x2 -> LUZ clinch
      SAM break
      LUZ hook body -> NADIA clinch
      SAM break
      bell
    }
    round 2 {
      NADIA clinch body -> LUZ clinch
      SAM break
      LUZ uppercut body -> NADIA swell nose
      NADIA hook liver -> LUZ cut cheek
      SAM warn NADIA "keep it clean"
      SAM warn LUZ "watch the head"
      bell
    }
  }
}
"#,
    ),
    (
        "bar fight (declared techniques)",
        r#"title "Last Round at Kit's"
production screen
cast {
  DONNY fighter "Donny Price" pronouns he
  KIT   fighter "Kit Malone"
}
moves {
  bar-stool-shove grapple 1s
  headlock        grapple 2s
  elbow-drop      strike 1s
}
scene "INT. KIT'S BAR - NIGHT" {
  fight DONNY vs KIT {
    rules street
    DONNY bar-stool-shove body -> KIT stagger
    KIT headlock neck -> DONNY hit
    DONNY bar-stool-shove body -> KIT hit
    KIT bar-stool-shove -> DONNY hit
    DONNY bar-stool-shove body -> KIT stagger
    KIT elbow-drop head -> DONNY down mat
    DONNY up
    DONNY bar-stool-shove ribs -> KIT stagger
    KIT headlock neck -> DONNY stagger
    DONNY bar-stool-shove body x2 -> KIT hit
    KIT headlock neck -> DONNY clinch
    DONNY left bar-stool-shove body -> KIT down mat
  }
}
"#,
    ),
];

/// Every script the prose is measured on: name, source.
fn corpus() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = examples();
    let fixtures = root().join("tests/fixtures/prose");
    let mut more: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .expect("tests/fixtures/prose")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "bout"))
        .collect();
    more.sort();
    files.extend(more);
    files.push(root().join("tests/fixtures/stats/hand-count.bout"));
    for file in files {
        let source = std::fs::read_to_string(&file).expect("readable");
        out.push((file.display().to_string(), source));
    }
    for (name, source) in FOUND {
        out.push(((*name).to_owned(), (*source).to_owned()));
    }
    for seed in 0..12 {
        let source = bout::generate::script(3, seed);
        out.push((format!("generated seed {seed}"), with_pronouns(&source)));
        out.push((format!("generated seed {seed}, no pronouns"), source));
    }
    out
}

/// A generated script with pronouns in its cast: two women, a `they`
/// fighter and referee, a man, and one fighter with none.
fn with_pronouns(source: &str) -> String {
    let pronouns = [
        ("ROCKY", "she"),
        ("DRAGO", "she"),
        ("APOLLO", "they"),
        ("CLUBBER", "he"),
        ("MASON", "he"),
    ];
    let mut out = String::with_capacity(source.len() + 200);
    for line in source.lines() {
        out.push_str(line);
        let words: Vec<&str> = line.split_whitespace().collect();
        if let [id, "fighter", ..] = words.as_slice()
            && let Some((_, p)) = pronouns.iter().find(|(who, _)| who == id)
        {
            out.push_str(" pronouns ");
            out.push_str(p);
        }
        if let ["REF", "referee", ..] = words.as_slice() {
            out.push_str(" pronouns they");
        }
        out.push('\n');
    }
    out
}

/// The sentences of a paragraph: after `.`, `!` or `?` (and a closing
/// quote) and a space, outside quotes; not after an ellipsis.
fn split(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        current.push(c);
        if c == '"' {
            quoted = !quoted;
        }
        let ends = matches!(c, '.' | '!' | '?') && !(i > 0 && chars[i - 1] == '.');
        if ends {
            let mut j = i + 1;
            let mut inside = quoted;
            if inside && chars.get(j) == Some(&'"') {
                current.push('"');
                inside = false;
                j += 1;
            }
            if !inside && (j == chars.len() || chars[j] == ' ') {
                out.push(current.trim().to_owned());
                current.clear();
                quoted = false;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_owned());
    }
    out
}

/// The sentence's first word, without a possessive, lower case.
fn first(sentence: &str) -> String {
    let word: String = sentence
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .next()
        .unwrap_or("")
        .to_lowercase();
    word.trim_end_matches("'s")
        .trim_end_matches('\'')
        .to_owned()
}

/// What the masking replaces: names, technique words, sides, targets,
/// wound places, numbers.
struct Vocabulary {
    /// Phrases of several words (names, "back of the head"), longest first.
    phrases: Vec<String>,
    /// Single words, lower case.
    words: HashSet<String>,
    /// The prose names of the cast, and each member's pronouns.
    members: Vec<(String, Option<Pronouns>)>,
    /// Technique words, singular and plural.
    techniques: HashSet<String>,
}

fn vocabulary(model: &Model<'_>) -> Vocabulary {
    let mut phrases = vec![
        "back of the head".to_owned(),
        "solar plexus".to_owned(),
        "the referee".to_owned(),
    ];
    let mut words: HashSet<String> = HashSet::new();
    let mut members = Vec::new();
    for member in &model.names.cast {
        let name = title_case(&member.cue.to_uppercase());
        if name.contains(' ') {
            phrases.push(name.to_lowercase());
        } else {
            words.insert(name.to_lowercase());
        }
        members.push((name, member.pronouns));
    }
    let mut techniques = HashSet::new();
    for technique in &model.names.techniques {
        for word in technique.name.split('-') {
            techniques.insert(word.to_owned());
            techniques.insert(format!("{word}s"));
            techniques.insert(format!("{word}es"));
        }
    }
    words.extend(techniques.iter().cloned());
    for side in ["left", "right", "lead", "rear"] {
        words.insert(side.to_owned());
    }
    for target in Target::WORDS {
        if !target.contains('-') {
            words.insert((*target).to_owned());
        }
    }
    for place in ["eye", "nose", "lip", "cheekbone", "face"] {
        words.insert(place.to_owned());
    }
    for n in NUMBERS.iter().skip(1) {
        words.insert((*n).to_owned());
    }
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    Vocabulary {
        phrases,
        words,
        members,
        techniques,
    }
}

/// The sentence with its names, techniques, targets and numbers masked as
/// `x`, runs of `x` joined, lower case.
fn mask(sentence: &str, vocabulary: &Vocabulary) -> String {
    let mut text = sentence.to_lowercase();
    for phrase in &vocabulary.phrases {
        text = text.replace(phrase.as_str(), "x");
    }
    let mut out: Vec<String> = Vec::new();
    for token in text.split_whitespace() {
        let start = token
            .find(|c: char| c.is_alphanumeric())
            .unwrap_or(token.len());
        let end = token
            .rfind(|c: char| c.is_alphanumeric())
            .map_or(start, |e| e + 1);
        let (lead, core, tail) = (&token[..start], &token[start..end], &token[end..]);
        let (stem, possessive) = match core.strip_suffix("'s") {
            Some(stem) => (stem, "'s"),
            None => (core, ""),
        };
        let masked = if vocabulary.words.contains(stem) || stem == "x" {
            format!("{lead}x{possessive}{tail}")
        } else {
            token.to_owned()
        };
        if masked == "x" && out.last().is_some_and(|w| w == "x") {
            continue;
        }
        out.push(masked);
    }
    out.join(" ")
}

/// A fight event and the prose the writer gives it, in the order the
/// screenplay writes them.
struct Event<'a> {
    stmt: &'a Stmt,
    text: String,
    /// The fight is fought in a ring (not `street`).
    ring: bool,
    /// The fight's two fighters.
    fighters: [String; 2],
    /// The previous fight event of the fight.
    previous: Option<&'a Stmt>,
}

/// Every fight event of the script with its prose, walking the tree as
/// the screenplay does.
fn events<'a>(model: &Model<'a>) -> Vec<Event<'a>> {
    let mut writer = Writer::new(model);
    let mut out = Vec::new();
    let mut fight = 0;
    fn walk<'a>(
        items: &'a [Stmt],
        model: &Model<'a>,
        writer: &mut Writer<'_, 'a>,
        fight: &mut usize,
        out: &mut Vec<Event<'a>>,
    ) {
        for stmt in items {
            if let StmtKind::Fight { body, .. } = &stmt.kind {
                let Some(f) = model.fights.get(*fight) else {
                    return;
                };
                *fight += 1;
                writer.start_fight(f);
                let ring = f.rules.ruleset != Ruleset::Street;
                let fighters = [
                    f.fighters[0].value.to_string(),
                    f.fighters[1].value.to_string(),
                ];
                let mut previous = None;
                fight_items(&body.items, writer, ring, &fighters, &mut previous, out);
            } else if let Some(body) = stmt.body() {
                walk(&body.items, model, writer, fight, out);
            }
        }
    }
    fn fight_items<'a>(
        items: &'a [Stmt],
        writer: &mut Writer<'_, 'a>,
        ring: bool,
        fighters: &[String; 2],
        previous: &mut Option<&'a Stmt>,
        out: &mut Vec<Event<'a>>,
    ) {
        for stmt in items {
            match &stmt.kind {
                StmtKind::Round { number, body } => {
                    writer.start_round(number.value);
                    fight_items(&body.items, writer, ring, fighters, previous, out);
                }
                StmtKind::Corner { body, .. } | StmtKind::Exchange { body, .. } => {
                    fight_items(&body.items, writer, ring, fighters, previous, out);
                }
                StmtKind::Move(_)
                | StmtKind::Referee { .. }
                | StmtKind::Up { .. }
                | StmtKind::Towel { .. }
                | StmtKind::Bell => {
                    let text = writer.sentence(stmt);
                    out.push(Event {
                        stmt,
                        text,
                        ring,
                        fighters: fighters.clone(),
                        previous: *previous,
                    });
                    *previous = Some(stmt);
                }
                _ => {}
            }
        }
    }
    walk(
        &model.script.items,
        model,
        &mut writer,
        &mut fight,
        &mut out,
    );
    out
}

/// The texts of the script's own action and sound beats, which are not
/// the writer's prose.
fn beats(items: &[Stmt], out: &mut HashSet<String>) {
    for stmt in items {
        match &stmt.kind {
            StmtKind::Action { text } | StmtKind::Sound { text } => {
                out.insert(text.value.to_string());
            }
            _ => {}
        }
        if let Some(body) = stmt.body() {
            beats(&body.items, out);
        }
    }
}

/// The prose paragraphs of the screenplay, grouped by round (a shot or a
/// scene heading starts a new group).
fn rounds(elements: &[Element], beats: &HashSet<String>) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new()];
    for element in elements {
        match element {
            Element::Shot(_) | Element::SceneHeading { .. } => out.push(Vec::new()),
            Element::Action(text) if text != "Beat." && !beats.contains(text) => {
                if let Some(round) = out.last_mut() {
                    round.push(text.clone());
                }
            }
            _ => {}
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

/// The verb after a subject of counted blows, if the sentence has one.
fn agreement(sentence: &str, vocabulary: &Vocabulary, problems: &mut Vec<String>) {
    let tokens: Vec<&str> = sentence.split_whitespace().collect();
    let bare = |t: &str| {
        t.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
            .to_lowercase()
    };
    for i in 0..tokens.len() {
        // Only subjects: at the start of a clause.
        let clause_start = i == 0
            || tokens[i - 1].ends_with([',', ';', ':'])
            || matches!(bare(tokens[i - 1]).as_str(), "and" | "but");
        if !clause_start {
            continue;
        }
        let mut j = i;
        let mut plural = None;
        // "Drago's" before the number or the technique.
        if bare(tokens[j]).ends_with("'s") {
            j += 1;
        }
        let Some(word) = tokens.get(j).map(|t| bare(t)) else {
            continue;
        };
        if let Some(n) = NUMBERS.iter().position(|w| *w == word) {
            plural = Some(n > 1);
            j += 1;
        } else if word == "a" || word == "an" {
            plural = Some(false);
            j += 1;
        } else if j > i && vocabulary.techniques.contains(&word) {
            plural = Some(false);
        }
        let Some(mut plural) = plural else {
            continue;
        };
        // Side, then the technique's words.
        let mut technique = false;
        while let Some(t) = tokens.get(j).map(|t| bare(t)) {
            if ["left", "right", "lead", "rear"].contains(&t.as_str())
                || vocabulary.techniques.contains(&t)
            {
                technique |= vocabulary.techniques.contains(&t);
                // Only a technique's last word takes the plural ("two bar
                // stool shoves").
                let last = !tokens
                    .get(j + 1)
                    .is_some_and(|n| vocabulary.techniques.contains(&bare(n)));
                if vocabulary.techniques.contains(&t) && plural && last && !t.ends_with('s') {
                    problems.push(format!("`{t}` after a number above one: {sentence}"));
                }
                j += 1;
                if tokens[j - 1].ends_with([',', '.', ';', ':']) {
                    break;
                }
            } else {
                break;
            }
        }
        if !technique {
            continue;
        }
        if tokens[j - 1].ends_with([',', '.', ';', ':']) {
            continue;
        }
        // "to the head", "from Rocky".
        let mut ended = false;
        loop {
            match tokens.get(j).map(|t| bare(t)).as_deref() {
                Some("to") => {
                    j += 1;
                    while let Some(t) = tokens.get(j) {
                        let w = bare(t);
                        let place = vocabulary.words.contains(&w)
                            || ["the", "back", "of", "solar", "plexus"].contains(&w.as_str());
                        if !place || w == "from" {
                            break;
                        }
                        j += 1;
                        if t.ends_with([',', '.', ';', ':']) {
                            ended = true;
                            break;
                        }
                    }
                }
                Some("from") => {
                    j += 1;
                    // A name of one or more words, or "the referee".
                    while let Some(t) = tokens.get(j) {
                        let w = bare(t);
                        let named = w == "the"
                            || vocabulary.members.iter().any(|(n, _)| {
                                n.split(' ').any(|part| part.eq_ignore_ascii_case(&w))
                            })
                            || w == "referee";
                        if !named {
                            break;
                        }
                        j += 1;
                        if t.ends_with([',', '.', ';', ':']) {
                            ended = true;
                            break;
                        }
                    }
                }
                _ => break,
            }
            if ended {
                break;
            }
        }
        if ended {
            continue;
        }
        let Some(verb) = tokens.get(j).map(|t| bare(t)) else {
            continue;
        };
        if matches!(verb.as_str(), "" | "as" | "across") {
            continue;
        }
        // A flurry named as one thing ("a flurry of hooks") is singular.
        if tokens[i..j].iter().any(|t| bare(t) == "flurry") {
            plural = false;
        }
        let singular_verb = verb.ends_with('s') && !verb.ends_with("ss");
        if plural && singular_verb {
            problems.push(format!("plural blows with `{verb}`: {sentence}"));
        }
        if !plural && !singular_verb && verb.chars().all(|c| c.is_ascii_lowercase()) {
            problems.push(format!("one blow with `{verb}`: {sentence}"));
        }
    }
    // Pronoun subjects.
    for pair in tokens.windows(2) {
        let (subject, verb) = (bare(pair[0]), bare(pair[1]));
        let singular_verb = verb.ends_with('s') && !verb.ends_with("ss");
        match subject.as_str() {
            "they" if singular_verb || verb == "is" || verb == "was" => {
                problems.push(format!("`they {verb}`: {sentence}"));
            }
            "he" | "she"
                if !singular_verb
                    && !matches!(verb.as_str(), "can" | "cannot" | "will" | "must") =>
            {
                problems.push(format!("`{subject} {verb}`: {sentence}"));
            }
            _ => {}
        }
    }
}

/// The sentence without what is quoted in it (a reason is the
/// referee's own words, not the prose's).
fn unquoted(sentence: &str) -> String {
    sentence
        .split('"')
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, part)| part)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The pronoun set a word belongs to.
fn pronoun_of(word: &str) -> Option<Pronouns> {
    match word {
        "he" | "him" | "his" | "himself" => Some(Pronouns::He),
        "she" | "her" | "hers" | "herself" => Some(Pronouns::She),
        "they" | "them" | "their" | "theirs" | "themselves" | "themself" => Some(Pronouns::They),
        _ => None,
    }
}

/// Whether `text` names cast member `id`: by its prose name.
fn names(text: &str, model: &Model<'_>, id: &str) -> bool {
    let Some(member) = model.names.member(id) else {
        return true;
    };
    let name = title_case(&member.cue.to_uppercase());
    text.contains(&name)
        || (member.role == Role::Referee
            && matches!(member.cue.to_uppercase().as_str(), "REFEREE" | "REF")
            && text.to_lowercase().contains("the referee"))
}

/// What is wrong with `text`, the prose of move `attack` in a fight
/// between `fighters`.
fn move_problems(
    model: &Model<'_>,
    attack: &Move,
    fighters: &[String; 2],
    text: &str,
) -> Vec<String> {
    let mut problems = Vec::new();
    let lower = text.to_lowercase();
    let sentence = split(text).into_iter().next().unwrap_or_default();
    let defender = attack.reaction.as_ref().map_or_else(
        || {
            fighters
                .iter()
                .find(|f| **f != attack.attacker.value)
                .cloned()
                .unwrap_or_default()
        },
        |r| r.defender.value.to_string(),
    );
    if !names(&sentence, model, &attack.attacker.value) {
        problems.push(format!("no attacker: {sentence}"));
    }
    if !names(&sentence, model, &defender) {
        problems.push(format!("no defender: {sentence}"));
    }
    let technique = attack.technique.value.as_str().replace('-', " ");
    if !sentence.to_lowercase().contains(&technique) {
        problems.push(format!("no `{technique}`: {sentence}"));
    }
    // The wound's place and the target: an uppercut to the solar plexus
    // that swells the left eye names both.
    let wound = match attack.reaction.as_ref().and_then(|r| r.detail) {
        Some(Spanned {
            value: ReactionDetail::Location(l),
            ..
        }) => Some(
            l.as_str()
                .split('-')
                .next_back()
                .map(|w| if w == "brow" { "eye" } else { w })
                .map(|w| if w == "cheek" { "cheekbone" } else { w })
                .unwrap_or_default()
                .to_owned(),
        ),
        _ => None,
    };
    let target = attack.target.map(|t| match t.value {
        Target::SolarPlexus => "solar plexus".to_owned(),
        Target::BackOfHead => "back of the head".to_owned(),
        other => other.as_str().to_owned(),
    });
    for place in [wound, target].into_iter().flatten() {
        if !sentence.to_lowercase().contains(&place) {
            problems.push(format!("no `{place}`: {sentence}"));
        }
    }
    let n = attack.flurry();
    if n > 1 && !sentence.to_lowercase().contains(&number_word(n)) {
        problems.push(format!("the {n} blows are not counted: {sentence}"));
    }
    let holding = attack.reaction.as_ref().is_some_and(|r| {
        r.kind.value == ReactionKind::Clinch || attack.technique.value == "clinch"
    });
    if !holding && lower.contains("clinch") {
        problems.push(format!("a clinch the script does not hold: {text}"));
    }
    // "Marta tries to grab Devi, but Devi twists free" for a
    // clinch.
    let clinched = attack
        .reaction
        .as_ref()
        .is_some_and(|r| r.kind.value == ReactionKind::Clinch);
    if clinched
        && !["clinch", "ties", "tying"]
            .iter()
            .any(|w| lower.contains(w))
    {
        problems.push(format!("a clinch that does not read as one: {text}"));
    }
    // "Luz reaches for Nadia's body with a clinch; the two end up in a
    // clinch."
    let clinches = lower.matches("clinch").count();
    if clinches > 1 {
        problems.push(format!("`clinch` {clinches} times: {text}"));
    }
    // "Luz meets Nadia's clinch to the body and ties Nadia up", for Nadia's
    // clinch: whoever starts a clinch is not the one tied up by it.
    if clinched && attack.technique.value.split('-').any(|w| w == "clinch") {
        let attacker = model
            .names
            .member(&attack.attacker.value)
            .map(|m| title_case(&m.cue.to_uppercase()).to_lowercase())
            .unwrap_or_default();
        let backwards = [
            format!("ties {attacker} up"),
            "ties her up".to_owned(),
            "ties him up".to_owned(),
            "ties them up".to_owned(),
            " meets ".to_owned(),
        ];
        if backwards.iter().any(|b| lower.contains(b.as_str()))
            || !["lock", "smother"].iter().any(|w| lower.contains(w))
        {
            problems.push(format!(
                "a clinch met by a clinch does not read as the two locking up: {text}"
            ));
        }
    }
    // "Donny gets a bar stool shove on Kit's body": a technique from
    // `moves` is any noun phrase, and "gets ... on" reads with few.
    let declared = model
        .names
        .technique(&attack.technique.value)
        .is_some_and(|t| t.span.is_some());
    if declared && gets_the(&lower, &technique) {
        problems.push(format!("`gets` a declared technique: {text}"));
    }
    problems
}

/// Whether `text` says someone "gets a `technique`" (with an article or a
/// number, and perhaps a side).
fn gets_the(text: &str, technique: &str) -> bool {
    text.match_indices("gets ").any(|(at, found)| {
        let mut rest: Vec<&str> = text[at + found.len()..].split(' ').collect();
        if rest
            .first()
            .is_some_and(|w| ["a", "an"].contains(w) || NUMBERS.contains(w))
        {
            rest.remove(0);
        }
        if rest
            .first()
            .is_some_and(|w| ["left", "right", "lead", "rear"].contains(w))
        {
            rest.remove(0);
        }
        let words: Vec<&str> = technique.split(' ').collect();
        rest.len() >= words.len()
            && rest.iter().zip(&words).all(|(r, w)| {
                r.trim_end_matches(|c: char| !c.is_alphabetic())
                    .starts_with(w)
            })
    })
}

/// What is wrong with `text`, the prose of a warning: "The referee makes
/// themselves clear to Luz" is right for `they` but stilted, so no
/// reflexive.
fn warn_problems(text: &str) -> Vec<String> {
    unquoted(text)
        .to_lowercase()
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.ends_with("self") || w.ends_with("selves"))
        .map(|w| format!("a warning with `{w}`: {text}"))
        .collect()
}

/// Every problem with the prose of one script.
fn problems(name: &str, source: &str) -> Vec<String> {
    let checked = bout::check(source);
    assert!(
        checked.diagnostics.is_empty(),
        "{name} does not check clean: {:?}",
        checked
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
    );
    let model = checked.model();
    let vocabulary = vocabulary(&model);
    let play = screenplay::build(&model, Options::default());
    let again = screenplay::build(&model, Options::default());
    let mut problems = Vec::new();
    if play != again {
        problems.push("two builds differ".to_owned());
    }
    let mut own = HashSet::new();
    beats(&model.script.items, &mut own);
    let rounds = rounds(&play.elements, &own);
    let declared: HashSet<Pronouns> = model.names.cast.iter().filter_map(|m| m.pronouns).collect();
    let source_words: HashSet<String> = source
        .to_lowercase()
        .split(|c: char| !c.is_alphabetic())
        .map(str::to_owned)
        .collect();

    // Paragraphs and rounds.
    for round in &rounds {
        let mut seen: HashMap<String, String> = HashMap::new();
        for paragraph in round {
            let sentences = split(paragraph);
            let firsts: Vec<String> = sentences.iter().map(|s| first(s)).collect();
            for (k, w) in firsts.windows(3).enumerate() {
                if w[0] == w[1] && w[1] == w[2] {
                    problems.push(format!(
                        "three sentences in a row start with `{}`: {}",
                        w[0],
                        sentences[k..k + 3].join(" ")
                    ));
                }
            }
            for sentence in &sentences {
                let pattern = mask(sentence, &vocabulary);
                if let Some(before) = seen.get(&pattern) {
                    problems.push(format!(
                        "pattern `{pattern}` twice in a round: `{before}` and `{sentence}`"
                    ));
                } else {
                    seen.insert(pattern, sentence.clone());
                }
                let sentence = &unquoted(sentence);
                agreement(sentence, &vocabulary, &mut problems);
                for word in sentence
                    .to_lowercase()
                    .split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                {
                    if let Some(p) = pronoun_of(word)
                        && !declared.contains(&p)
                    {
                        problems.push(format!(
                            "`{word}` but nobody has `pronouns {}`: {sentence}",
                            p.as_str()
                        ));
                    }
                }
            }
        }
    }

    // Events.
    let prose: String = rounds
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    for event in events(&model) {
        let text = &event.text;
        if !prose.contains(text.as_str()) {
            problems.push(format!("not in the screenplay as written: {text}"));
        }
        let lower = text.to_lowercase();
        for word in lower.split(|c: char| !c.is_alphabetic()) {
            if INVENTED.contains(&word)
                && !source_words.contains(word)
                && !(event.ring && RING_WORDS.contains(&word))
            {
                problems.push(format!("`{word}` is not in the script: {text}"));
            }
        }
        if event.stmt.together().is_some() && !TOGETHER.iter().any(|t| lower.contains(t)) {
            problems.push(format!("`&` does not read as simultaneous: {text}"));
        }
        match &event.stmt.kind {
            StmtKind::Move(attack) => {
                problems.extend(move_problems(&model, attack, &event.fighters, text));
            }
            StmtKind::Referee {
                action: RefereeAction::Break,
                ..
            } => {
                let after_hold = event.previous.is_some_and(|p| match &p.kind {
                    StmtKind::Move(m) => m.reaction.as_ref().is_some_and(|r| {
                        r.kind.value == ReactionKind::Clinch
                            || (!matches!(
                                m.technique.value.as_str(),
                                "push" | "shove" | "tackle" | "throw"
                            ) && model
                                .names
                                .technique(&m.technique.value)
                                .is_some_and(|t| t.kind == MoveKind::Grapple)
                                && matches!(
                                    r.kind.value,
                                    ReactionKind::Hit
                                        | ReactionKind::Stagger
                                        | ReactionKind::Cut
                                        | ReactionKind::Swell
                                ))
                    }),
                    _ => false,
                });
                // "Devi twists free. The referee breaks them apart."
                let holding = ["clinch", "apart", "separate", "hold"];
                if !after_hold && holding.iter().any(|w| lower.contains(w)) {
                    problems.push(format!("breaks a hold nobody is in: {text}"));
                }
            }
            StmtKind::Referee {
                action:
                    RefereeAction::Warn {
                        reason: Some(reason),
                        ..
                    },
                ..
            } => {
                let said = reason.value.trim().trim_end_matches(['.', '!', '?']);
                let mut chars = said.chars();
                let said = chars
                    .next()
                    .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                    .unwrap_or_default();
                if !text.contains(&format!("\"{said}")) {
                    problems.push(format!("the reason is not quoted: {text}"));
                }
                problems.extend(warn_problems(text));
            }
            StmtKind::Referee {
                action: RefereeAction::Warn { reason: None, .. },
                ..
            } => problems.extend(warn_problems(text)),
            _ => {}
        }
    }
    problems
        .into_iter()
        .map(|p| format!("{name}: {p}"))
        .collect()
}

#[test]
fn prose_reads_as_a_writer_would_keep_it() {
    let mut all = Vec::new();
    let mut scripts = 0;
    for (name, source) in corpus() {
        all.extend(problems(&name, &source));
        scripts += 1;
    }
    assert!(scripts >= 30, "the corpus shrank to {scripts} scripts");
    assert!(
        all.is_empty(),
        "{} problems with the prose:\n{}",
        all.len(),
        all.join("\n")
    );
}

/// The measures themselves: each fails on the prose the issue quoted.
#[test]
fn the_measures_catch_what_they_are_for() {
    let source = std::fs::read_to_string(root().join("examples/rocky-iv.bout")).expect("example");
    let checked = bout::check(&source);
    let model = checked.model();
    let vocabulary = vocabulary(&model);
    let mut found = Vec::new();
    agreement(
        "Two left hooks from Rocky sends Drago stumbling.",
        &vocabulary,
        &mut found,
    );
    agreement(
        "Drago's three jabs finds Rocky's head.",
        &vocabulary,
        &mut found,
    );
    agreement(
        "A jab from Drago send Rocky reeling.",
        &vocabulary,
        &mut found,
    );
    agreement(
        "Rocky is up, and they drags themselves up.",
        &vocabulary,
        &mut found,
    );
    assert_eq!(found.len(), 4, "{found:#?}");
    let mut fine = Vec::new();
    agreement(
        "Two left hooks to the head from Rocky send Drago reeling.",
        &vocabulary,
        &mut fine,
    );
    agreement(
        "Rocky lands three jabs on Drago's head.",
        &vocabulary,
        &mut fine,
    );
    agreement(
        "Drago's jab to the head finds nothing: Rocky slips it.",
        &vocabulary,
        &mut fine,
    );
    assert!(fine.is_empty(), "{fine:#?}");
    assert_eq!(
        mask("Drago's right hook finds Rocky's chin.", &vocabulary),
        mask("Rocky's two jabs finds Drago's body.", &vocabulary)
    );
    assert_eq!(
        split("The referee warns Drago: \"Watch it. Last time.\" Drago is up."),
        vec![
            "The referee warns Drago: \"Watch it. Last time.\"",
            "Drago is up."
        ]
    );
    assert_eq!(
        split("Counts: one, two... eight. Up."),
        vec!["Counts: one, two... eight.", "Up."]
    );
    assert_eq!(first("Drago's jab lands."), "drago");
}

/// A women's bout and a street fight with a `they` referee read in the
/// cast's pronouns and never in anyone else's.
#[test]
fn pronouns_follow_the_cast() {
    for (file, allowed, wanted) in [
        (
            "tests/fixtures/prose/regional-final.bout",
            &[
                "she",
                "her",
                "herself",
                "they",
                "them",
                "their",
                "themselves",
            ][..],
            &["herself"][..],
        ),
        (
            "tests/fixtures/prose/last-orders.bout",
            &[
                "he",
                "him",
                "his",
                "himself",
                "they",
                "them",
                "their",
                "themselves",
            ][..],
            &[][..],
        ),
    ] {
        let source = std::fs::read_to_string(root().join(file)).expect("fixture");
        let checked = bout::check(&source);
        let model = checked.model();
        let play = screenplay::build(&model, Options::default());
        let mut own = HashSet::new();
        beats(&model.script.items, &mut own);
        let prose = rounds(&play.elements, &own)
            .concat()
            .iter()
            .map(|p| unquoted(p))
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let words: Vec<&str> = prose.split(|c: char| !c.is_alphabetic()).collect();
        for word in &words {
            if pronoun_of(word).is_some() {
                assert!(allowed.contains(word), "{file}: `{word}` in {prose}");
            }
        }
        for word in wanted {
            assert!(words.contains(word), "{file}: no `{word}` in {prose}");
        }
    }
}

/// The measures for what users found: each fails on the sentence they
/// quoted, and passes a sentence that reads right.
#[test]
fn the_measures_catch_what_users_found() {
    let moves_of = |source: &str| -> Vec<Move> {
        let checked = bout::check(source);
        let mut out = Vec::new();
        fn walk(items: &[Stmt], out: &mut Vec<Move>) {
            for stmt in items {
                if let StmtKind::Move(m) = &stmt.kind {
                    out.push(m.clone());
                }
                if let Some(body) = stmt.body() {
                    walk(&body.items, out);
                }
            }
        }
        walk(&checked.model().script.items, &mut out);
        out
    };
    let wrong_and_right = |source: &str, nth: usize, wrong: &str, right: &str, says: &str| {
        let checked = bout::check(source);
        let model = checked.model();
        let attack = &moves_of(source)[nth];
        let fighters = [
            model.fights[0].fighters[0].value.to_string(),
            model.fights[0].fighters[1].value.to_string(),
        ];
        let found = move_problems(&model, attack, &fighters, wrong);
        assert!(
            found.iter().any(|p| p.contains(says)),
            "`{wrong}` is not caught as `{says}`: {found:#?}"
        );
        let fine = move_problems(&model, attack, &fighters, right);
        assert!(fine.is_empty(), "`{right}`: {fine:#?}");
    };
    let (sparring, bar) = (FOUND[0].1, FOUND[1].1);
    // LUZ clinch body -> NADIA clinch
    wrong_and_right(
        sparring,
        0,
        "Luz reaches for Nadia's body with a clinch; the two end up in a clinch.",
        "Luz goes for Nadia's body with a clinch, and the two lock up.",
        "`clinch` 2 times",
    );
    // NADIA clinch body -> LUZ clinch
    wrong_and_right(
        sparring,
        1,
        "Luz meets Nadia's clinch to the body and ties Nadia up.",
        "Nadia reaches for Luz's body with a clinch; Luz smothers it, and the two lock up.",
        "does not read as the two locking up",
    );
    // NADIA uppercut solar-plexus -> LUZ swell left-eye
    wrong_and_right(
        sparring,
        2,
        "An uppercut from Nadia leaves Luz swelling under the left eye.",
        "An uppercut to the solar plexus from Nadia leaves Luz swelling under the left eye.",
        "no `solar plexus`",
    );
    // DONNY bar-stool-shove body -> KIT stagger
    wrong_and_right(
        bar,
        0,
        "Donny gets a bar stool shove on Kit's body, and Kit stumbles back.",
        "Donny lands a bar stool shove on Kit's body, and Kit stumbles back.",
        "`gets` a declared technique",
    );
    assert!(!gets_the(
        "kit gets a headlock on donny's neck.",
        "bar stool shove"
    ));
    assert!(gets_the(
        "donny gets two left bar stool shoves on kit.",
        "bar stool shove"
    ));
    assert!(
        !warn_problems("The referee makes themselves clear to Luz: \"Keep it clean.\"").is_empty()
    );
    assert!(warn_problems("The referee calls out to Luz: \"Keep it clean.\"").is_empty());
}
