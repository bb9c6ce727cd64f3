//! Fight prose: every move, reaction, count, bell and round as readable,
//! deterministic action prose in the present tense, naming the fighters as
//! a screenplay does, by their cue in title case ("Drago").
//!
//! Each event has a pool of sentence patterns (`{A} lands {tech} on
//! {on}.`). What the prose promises, and `tests/prose.rs` measures:
//!
//! - an attack sentence names the attacker, the technique, the target (or
//!   the wound's place) and the defender, and its verb agrees with the
//!   number of blows ("Two left hooks from Rocky send Drago reeling");
//! - nothing the script does not hold: no ropes, and no canvas or ring in a
//!   street fight; a failed grab is not a clinch and a clinch is not a
//!   failed grab, so a `break` after it never contradicts it; a warning's
//!   reason is quoted; moves joined by `&` read as simultaneous;
//! - pronouns only as the cast declares them (`pronouns she`), with `they`
//!   taking plural verbs, and only where they cannot point at the other
//!   fighter; without, the sentence names the member instead;
//! - within a round no sentence pattern (the sentence with its names,
//!   techniques and targets masked) comes twice, and no three sentences in
//!   a row start with the same word.
//!
//! Variation comes from the fight's and the event's index, never from
//! chance, so the same script always reads the same.

use std::collections::{HashMap, HashSet};

use crate::model::{Fight, Model};
use crate::syntax::ast::*;

/// Writes fight prose for one script.
pub struct Writer<'m, 'a> {
    model: &'m Model<'a>,
    /// Fights begun: the rotation starts elsewhere in each fight, so two
    /// fights do not read alike.
    fight: usize,
    /// Events written in this fight: the rotation's step.
    event: usize,
    /// The fight's two fighters.
    fighters: Vec<String>,
    /// A street fight: no ring, no canvas, no corners.
    street: bool,
    /// Who is on the floor (down or out), in the order they fell.
    down: Vec<String>,
    /// Of those, the ones a count has gone over.
    counted: Vec<String>,
    /// Whether the last move left the fighters holding each other, for
    /// what a `break` says.
    tied: bool,
    /// The masked sentence patterns used in this round.
    used: HashSet<String>,
    /// Pools every pattern of which (with every connector) is used in this
    /// round: chosen by rotation alone from then on.
    spent: HashSet<usize>,
    /// The first words of this round's sentences, the last two kept.
    starts: Vec<String>,
    /// Each cast member's prose name, computed once.
    names: HashMap<String, String>,
}

/// A number in words, for round markers and counts.
pub fn number_word(n: u32) -> String {
    const WORDS: [&str; 21] = [
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
    WORDS
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// A cue in title case: "Drago" from `DRAGO`, "KGB Agent" from `KGB
/// AGENT` (the one rule, [`crate::export::timeline::title_case`]).
pub fn title_case(cue: &str) -> String {
    crate::export::timeline::title_case(cue)
}

fn possessive(name: &str) -> String {
    if name.ends_with('s') || name.ends_with('S') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

fn target_phrase(target: Target) -> &'static str {
    match target {
        Target::SolarPlexus => "solar plexus",
        Target::BackOfHead => "back of the head",
        other => other.as_str(),
    }
}

/// Where a wound opens: a preposition and a part of the face.
fn location_phrase(location: Location) -> (&'static str, &'static str) {
    match location {
        Location::LeftBrow => ("over", "left eye"),
        Location::RightBrow => ("over", "right eye"),
        Location::LeftEye => ("under", "left eye"),
        Location::RightEye => ("under", "right eye"),
        Location::Nose => ("across", "nose"),
        Location::Lip => ("on", "lip"),
        Location::Cheek => ("on", "cheekbone"),
    }
}

// ---- the sentence patterns ----------------------------------------------
//
// Slots: `{A}`, `{B}` the attacker and the defender (in a `break`, the two
// fighters), `{R}` the referee, `{F}` the fighter an event is about;
// `{A's}` a possessive; `{A.he}`, `{A.him}`, `{A.his}`, `{A.self}` a
// pronoun and `{A~rises|rise}` a verb agreeing with it (a pattern with
// these is used only for a member with pronouns); `{#lands|land}` a verb
// agreeing with the number of blows; `{tech}` "a left hook" or "two left
// hooks", `{techs}` the same without its article; `{on}` "Drago's body"
// (or "Drago" without a target), `{to_t}` " to the body" (or nothing);
// `{it}` "it", "both", "all three"; `{react}` the defence or evasion as a
// verb taking an object ("blocks", "ducks left under"); `{grip}` a grapple
// with its object ("grabs Conor by the neck"). `{canvas}`, `{ring}`,
// `{street}` and `{after_count}` stand for a word or nothing, and a pattern
// holding one is used only where it holds: a canvas in a ring, the count
// beaten only after a count.

const THROWN: &[&str] = &[
    "{A} throws {tech} at {on}.",
    "{A} fires {tech} at {on}.",
    "{tech} from {A} {#is|are} aimed at {on}.",
    "{A} sends {tech} at {on}.",
    "{A} aims {tech} at {on}.",
];

const HIT: &[&str] = &[
    "{A's} {techs} {#finds|find} {on}.",
    "{A} lands {tech} on {on}.",
    "{A} catches {B} with {tech}{to_t}.",
    "{tech} from {A} {#lands|land} on {on}.",
    "{B} takes {A's} {techs}{to_t}.",
    "{A} gets {tech} through to {on}.",
    "{A} scores on {B} with {tech}{to_t}.",
    "{B} is caught by {A's} {techs}{to_t}.",
    "{B} takes {A's} {techs}{to_t} and keeps {B.his} feet.",
];

const STAGGER: &[&str] = &[
    "{A's} {techs}{to_t} {#rocks|rock} {B}. {B} staggers back.",
    "{A} lands {tech} on {on}, and {B} wobbles.",
    "{tech}{to_t} from {A} {#sends|send} {B} reeling.",
    "{B} staggers under {A's} {techs}{to_t}.",
    "{A} staggers {B} with {tech}{to_t}.",
    "{B} is rocked by {A's} {techs}{to_t}.",
    "{A} hurts {B} with {tech}{to_t}, and {B} stumbles back.",
];

const DOWN: &[&str] = &[
    "{A's} {techs} {#finds|find} {on}, and {B} goes down.",
    "{A} drops {B} with {tech}{to_t}.",
    "{A's} {techs}{to_t} {#puts|put} {B} on {canvas}.",
    "{tech}{to_t} from {A} {#sends|send} {B} down.",
    "{B} goes down under {A's} {techs}{to_t}.",
    "Down goes {B}, felled by {A's} {techs}{to_t}.",
    "{A} knocks {B} down with {tech}{to_t}.",
];

const OUT: &[&str] = &[
    "{A's} {techs} {#lands|land} flush on {on}. {B} is out before {B.he} {B~hits|hit} {canvas}.",
    "{A's} {techs} {#lands|land} flush on {on}, and {B} is out cold.",
    "{A's} {techs} {#lands|land} flush on {on}; {B} is out before hitting {canvas}.",
    "{A} lands {tech} on {on}, and {B} crumples, unconscious.",
    "{tech}{to_t} from {A} {#knocks|knock} {B} out cold.",
    "{A} knocks {B} out with {tech}{to_t}.",
    "{B} is out, knocked cold by {A's} {techs}{to_t}.",
];

/// A wound: `{at_t}` names the target where the wound opens elsewhere
/// (an uppercut to the solar plexus that swells the left eye).
const CUT: &[&str] = &[
    "{A's} {techs}{at_t} {#opens|open} a cut {prep} {B's} {part}.",
    "{A} opens a cut {prep} {B's} {part} with {tech}{at_t}.",
    "{tech}{at_t} from {A} {#splits|split} the skin {prep} {B's} {part}.",
    "{B} is cut {prep} {B.his} {part} by {A's} {techs}{at_t}.",
    "{B} is cut {prep} the {part} by {A's} {techs}{at_t}.",
];

/// A swelling, with `{at_t}` as in `CUT`.
const SWELL: &[&str] = &[
    "{A's} {techs}{at_t} {#raises|raise} a swelling {prep} {B's} {part}.",
    "{A} raises a swelling {prep} {B's} {part} with {tech}{at_t}.",
    "{B's} {part} swells under {A's} {techs}{at_t}.",
    "{tech}{at_t} from {A} {#leaves|leave} {B} swelling {prep} the {part}.",
];

/// Blocks, parries, cover-ups and evasions: `{react}` says which.
const DEFEND: &[&str] = &[
    "{B} {react} {A's} {techs}{to_t}.",
    "{A} goes for {on} with {tech}, but {B} {react} {it}.",
    "{tech} from {A} {#comes|come} at {on}; {B} {react} {it}.",
    "{A} throws {tech} at {on}; {B} {react} {it}.",
    "{A} tries {tech} at {on}, and {B} {react} {it}.",
    "{B} sees {A's} {techs}{to_t} coming and {react} {it}.",
    "{A} aims {tech} at {on}, but {B} {react} {it}.",
];

/// Blocks, parries and cover-ups only: the defender stands and takes it
/// on the guard.
const GUARD: &[&str] = &["{B} sets {B.self} and {react} {A's} {techs}{to_t}."];

/// Evasions only: nothing touches.
const EVADE: &[&str] = &["{A's} {techs}{to_t} {#finds|find} nothing: {B} {react} {it}."];

const MISS: &[&str] = &[
    "{A's} {techs}{to_t} {#misses|miss} {B}.",
    "{A} throws {tech} at {on} and hits nothing but air.",
    "{tech} from {A} {#sails|sail} past {on}.",
    "{A} misses {B} with {tech}{to_t}.",
    "{A} swings {tech} at {on} and misses.",
];

/// A strike answered by a clinch: the fighters are holding.
const CLINCH: &[&str] = &[
    "{B} smothers {A's} {techs}{to_t} and ties {A} up.",
    "{B} smothers {A's} {techs}{to_t} and ties {A.him} up.",
    "{A} throws {tech} at {on}, and {B} clinches.",
    "{B} answers {A's} {techs}{to_t} by tying {A} up.",
    "{A} goes for {on} with {tech}; {B} ties {A} up in a clinch.",
    "{B} smothers {A's} {techs}{to_t} and wraps {B.self} around {A}.",
];

const FEINT: &[&str] = &[
    "{A} shows {B} {tech}{to_t}.",
    "{A} throws {tech} at {on}.",
    "{A} tries {tech} at {on}.",
];

/// A feint the defender reacts to (the pool of `DEFEND` follows).
const FEINT_BITES: &[&str] = &[
    "{B} bites on {A's} {techs}{to_t} and {react} {it}.",
    "{A} shows {B} {tech}{to_t}, and {B} {react} {it}.",
];

/// A feint that draws nothing (`miss`).
const FEINT_IGNORED: &[&str] = &[
    "{A} shows {B} {tech}{to_t}, but {B} does not bite.",
    "{B} reads {A's} {techs}{to_t} and does not bite.",
    "{A's} {techs}{to_t} {#draws|draw} nothing from {B}.",
];

const GRAPPLE_LANDS: &[&str] = &[
    "{A} {grip}.",
    "{tech}{to_t} from {A} {#catches|catch} {B}.",
    "{B} is caught by {A's} {techs}{to_t}.",
    "{B} takes {A's} {techs}{to_t}.",
];

const GRAPPLE_STAGGER: &[&str] = &[
    "{A} {grip}, and {B} stumbles back.",
    "{A} {grip}; {B} staggers.",
    "{tech}{to_t} from {A} {#sends|send} {B} reeling.",
];

const GRAPPLE_DOWN: &[&str] = &[
    "{A} {grip}, and {B} goes down hard.",
    "{A} {grip} and takes {B} down.",
    "{tech}{to_t} from {A} {#puts|put} {B} down.",
];

const GRAPPLE_DEFEND: &[&str] = &[
    "{A} reaches for {on} with {tech}; {B} {react} {it}.",
    "{B} {react} {A's} {techs}{to_t}.",
    "{A} tries {tech}{to_t}, but {B} {react} {it}.",
];

const GRAPPLE_MISS: &[&str] = &[
    "{A} reaches for {on} with {tech} and comes up empty.",
    "{A's} {techs}{to_t} {#misses|miss} {B}.",
];

/// A grapple answered by a clinch: the fighters are holding.
const GRAPPLE_CLINCH: &[&str] = &[
    "{A} goes for {on} with {tech}, and {B} ties {A} up in a clinch.",
    "{B} smothers {A's} {techs}{to_t} and ties {A} up.",
    "{A} reaches for {on} with {tech}; the two end up in a clinch.",
];

/// A clinch answered by a clinch: the two lock up, and the attacker, who
/// started it, is never the one tied up; "clinch" is said once, by the
/// technique.
const CLINCH_MUTUAL: &[&str] = &[
    "{A} goes for {on} with {tech}, and the two lock up.",
    "{A} reaches for {on} with {tech}; {B} smothers {it}, and the two lock up.",
    "{A} and {B} lock up as {A} goes for {on} with {tech}.",
    "{A} closes in with {tech}{to_t}, and {B} locks up with {A}.",
];

const COUNT: &[&str] = &[
    "{R} counts over {F}: {counted}.",
    "{R} stands over {F} and counts: {counted}.",
    "{F} takes the count: {counted}.",
    "{R} begins the count over {F}: {counted}.",
    "{R} is over {F} at once, and {R.he} {R~counts|count}: {counted}.",
];

/// A count over both fighters (`{F}` names the two).
const COUNT_BOTH: &[&str] = &[
    "{R} counts over {F}: {counted}.",
    "{R} stands over {F} and counts: {counted}.",
    "{R} begins the count over {F}: {counted}.",
];

/// A count with nobody down (a warning of its own in the checker).
const COUNT_NOBODY: &[&str] = &["{R} counts: {counted}.", "{R} starts a count: {counted}."];

const BREAK_CLINCH: &[&str] = &[
    "{R} steps in and breaks the clinch.",
    "{R} pulls {A} and {B} apart.",
    "{R} calls the break, and {A} and {B} separate.",
    "{R} gets {R.self} between {A} and {B} and breaks the clinch.",
];

const BREAK_APART: &[&str] = &[
    "{R} steps between {A} and {B}.",
    "{R} moves in between {A} and {B}.",
    "{R} puts {R.self} between {A} and {B}.",
];

const WARN_WHY: &[&str] = &[
    "{R} warns {F}: {reason}",
    "{R} has a word with {F}: {reason}",
    "{R} gives {F} a warning: {reason}",
    "{reason_lead} {R} warns {F}.",
    "{F} gets a warning from {R}: {reason}",
    "{R} calls out to {F}: {reason}",
];

const WARN: &[&str] = &[
    "{R} warns {F}.",
    "{R} gives {F} a warning.",
    "{F} gets a warning from {R}.",
    "{R} has a word with {F}.",
];

const DEDUCT: &[&str] = &[
    "{R} takes {points} from {F}.",
    "{R} deducts {points} from {F}.",
    "{F} is docked {points} by {R}.",
];

const DISQUALIFY: &[&str] = &[
    "{R} disqualifies {F}. The fight is over.",
    "{R} has seen enough and disqualifies {F}.",
    "{F} is disqualified by {R}.",
    "{R} disqualifies {F}; {R.he} {R~has|have} seen enough.",
];

const STOP: &[&str] = &[
    "{R} waves it off. {F} cannot go on.",
    "{R} stops the fight: {F} cannot go on.",
    "{F} cannot go on, and {R} waves it off.",
    "{R} looks at {F} and waves it off: {R.he} {R~has|have} seen enough.",
];

const UP: &[&str] = &[
    "{F} is up.",
    "{F} gets back up.",
    "{F} beats the count and rises.{after_count}",
    "{F} drags {F.self} to {F.his} feet.",
    "{F} is back up; {F.he} {F~has|have} beaten the count.{after_count}",
    "{F} climbs back up off {canvas}.",
    "Up comes {F}.",
    "{F} hauls {F.self} up.",
];

const TOWEL: &[&str] = &[
    "A towel flies into the ring from {F's} corner.{ring}",
    "{F's} corner throws in the towel.{ring}",
    "In comes the towel from {F's} corner.{ring}",
    "A towel is thrown in for {F}.{street}",
    "In comes a towel for {F}.{street}",
];

const BELL: &[&str] = &[
    "The bell.",
    "The bell ends the round.",
    "The bell rings.",
    "That's the bell.",
    "There's the bell.",
];

/// The bell with a fighter still down.
const BELL_SAVES: &[&str] = &[
    "The bell rings with {F} still down: saved by the bell.",
    "{F} is saved by the bell.",
    "Saved by the bell: {F} is still down when it rings.",
];

/// What starts a sentence when every pattern of its pool is used in the
/// round: the same pattern behind a new opening is a new pattern.
const AGAIN: &[&str] = &["", "Then ", "Again, ", "Once more, ", "Now "];

/// What starts the sentence of an event written with `&`.
const TOGETHER: &[&str] = &[
    "At the same moment, ",
    "In the same instant, ",
    "At once, ",
    "Simultaneously, ",
];

/// The parties a pattern's slots name: attacker, defender, referee, the
/// fighter an event is about.
const PARTIES: [char; 4] = ['A', 'B', 'R', 'F'];

/// The words that fill one event's patterns, twice over: as printed, and
/// masked (names, techniques, targets as `X`), which is the pattern a round
/// must not repeat.
#[derive(Default)]
struct Slots {
    real: Vec<(&'static str, String)>,
    masked: Vec<(&'static str, String)>,
    /// The number of blows, for `{#lands|land}`.
    blows: u32,
    /// Each party's pronouns, when declared.
    pronouns: [Option<Pronouns>; 4],
    /// Each party's id, to tell two parties apart.
    ids: [Option<String>; 4],
}

impl Slots {
    /// A slot whose masked form is `X`.
    fn named(&mut self, key: &'static str, value: impl Into<String>) {
        self.real.push((key, value.into()));
        self.masked.push((key, "X".into()));
    }

    /// A slot printed the same in both forms (verbs, directions).
    fn plain(&mut self, key: &'static str, value: impl Into<String>) {
        let value = value.into();
        self.real.push((key, value.clone()));
        self.masked.push((key, value));
    }

    /// A slot with its own masked form.
    fn pair(&mut self, key: &'static str, real: impl Into<String>, masked: impl Into<String>) {
        self.real.push((key, real.into()));
        self.masked.push((key, masked.into()));
    }

    /// A party: its name, possessive and, when declared, pronouns.
    fn party(&mut self, which: char, id: &str, name: &str, pronouns: Option<Pronouns>) {
        let keys = party_keys(which);
        self.named(keys[0], name);
        self.pair(keys[1], possessive(name), "X's");
        let i = party_index(which);
        self.pronouns[i] = pronouns;
        self.ids[i] = Some(id.to_owned());
        if let Some(p) = pronouns {
            self.named(keys[2], p.subject());
            self.named(keys[3], p.object());
            self.named(keys[4], p.possessive());
            self.named(keys[5], p.reflexive());
        }
    }

    fn get(&self, key: &str, masked: bool) -> Option<&str> {
        let list = if masked { &self.masked } else { &self.real };
        list.iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Whether every slot of `pattern` can be filled, and no pronoun in it
    /// could point at another party of the sentence with the same ones.
    fn fits(&self, pattern: &str) -> bool {
        let mut mentioned = [false; 4];
        let mut pronoun_of = [false; 4];
        for slot in slots(pattern) {
            if let Some(rest) = slot.strip_prefix('#') {
                if !rest.contains('|') {
                    return false;
                }
                continue;
            }
            let mut chars = slot.chars();
            let first = chars.next().unwrap_or(' ');
            let second = chars.next();
            if PARTIES.contains(&first) && second == Some('~') {
                if self.pronouns[party_index(first)].is_none() {
                    return false;
                }
                mentioned[party_index(first)] = true;
                continue;
            }
            if self.get(slot, false).is_none() {
                return false;
            }
            match slot {
                "on" | "grip" => mentioned[1] = true,
                _ if PARTIES.contains(&first) && matches!(second, None | Some('\'' | '.')) => {
                    mentioned[party_index(first)] = true;
                    if second == Some('.') && !slot.ends_with(".self") {
                        pronoun_of[party_index(first)] = true;
                    }
                }
                _ => {}
            }
        }
        // "Marta throws a jab, and she ...": with two women in the
        // sentence, "she" could be either; a reflexive cannot.
        (0..4).all(|i| {
            !pronoun_of[i]
                || (0..4).all(|j| {
                    j == i
                        || !mentioned[j]
                        || self.ids[j] == self.ids[i]
                        || self.pronouns[j] != self.pronouns[i]
                })
        })
    }

    /// `pattern` filled in, as printed or masked.
    fn fill(&self, pattern: &str, masked: bool) -> String {
        let mut out = String::with_capacity(pattern.len() + 48);
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let slot = &rest[open + 1..open + close];
            out.push_str(self.slot(slot, masked));
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }

    fn slot<'s>(&'s self, slot: &'s str, masked: bool) -> &'s str {
        if let Some(forms) = slot.strip_prefix('#') {
            let (one, many) = forms.split_once('|').unwrap_or((forms, forms));
            return if self.blows > 1 { many } else { one };
        }
        let mut chars = slot.chars();
        if let (Some(who), Some('~')) = (chars.next(), chars.next()) {
            let forms = &slot[2..];
            let (one, many) = forms.split_once('|').unwrap_or((forms, forms));
            return match self.pronouns[party_index(who)] {
                Some(p) => p.agree(one, many),
                None => one,
            };
        }
        self.get(slot, masked).unwrap_or("")
    }
}

/// The slot names of a party: name, possessive, then the pronoun forms.
fn party_keys(which: char) -> [&'static str; 6] {
    match which {
        'A' => ["A", "A's", "A.he", "A.him", "A.his", "A.self"],
        'B' => ["B", "B's", "B.he", "B.him", "B.his", "B.self"],
        'R' => ["R", "R's", "R.he", "R.him", "R.his", "R.self"],
        _ => ["F", "F's", "F.he", "F.him", "F.his", "F.self"],
    }
}

fn party_index(which: char) -> usize {
    PARTIES.iter().position(|&p| p == which).unwrap_or(3)
}

/// The slots of a pattern, in order.
fn slots(pattern: &str) -> impl Iterator<Item = &str> {
    pattern
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(slot, _)| slot))
}

/// The sentences of a text: split after `.`, `!` or `?` (and a closing
/// quote) and a space, outside quotes; an ellipsis ends no sentence.
fn sentences(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b'.' | b'!' | b'?' if !(i > 0 && bytes[i - 1] == b'.') => {
                let mut end = i + 1;
                let mut inside = quoted;
                if inside && bytes.get(end) == Some(&b'"') {
                    end += 1;
                    inside = false;
                }
                if !inside && bytes.get(end) == Some(&b' ') {
                    out.push(text[start..end].trim());
                    start = end;
                    quoted = false;
                    i = end;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        out.push(last);
    }
    out
}

/// The first word of a sentence, as the rule against three in a row
/// compares it: lower case, without a possessive ("Drago's" is "drago").
fn first_word(sentence: &str) -> String {
    let word: String = sentence
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '\'')
        .collect::<String>()
        .to_lowercase();
    let word = word.strip_suffix("'s").unwrap_or(&word);
    word.trim_end_matches('\'').to_owned()
}

/// Upper case at the start of the text and of each sentence in it.
fn capitalize_sentences(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at_start = true;
    let mut quoted = false;
    let mut previous = ' ';
    let mut before = ' ';
    for c in text.chars() {
        if at_start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            at_start = false;
        } else {
            out.push(c);
            if c.is_alphanumeric() {
                at_start = false;
            }
        }
        if c == '"' {
            quoted = !quoted;
        }
        // An ellipsis ("two... eight") goes on with the sentence.
        if c == ' ' && !quoted && matches!(previous, '.' | '!' | '?') && before != '.' {
            at_start = true;
        }
        before = previous;
        previous = c;
    }
    out
}

/// The masked pattern of each sentence of a masked text: lower case, runs
/// of `x` joined, as `tests/prose.rs` reads them.
fn patterns(masked: &str) -> Vec<String> {
    sentences(masked)
        .into_iter()
        .map(|s| {
            let mut out: Vec<String> = Vec::new();
            for word in s.to_lowercase().split_whitespace() {
                if word == "x" && out.last().is_some_and(|w| w == "x") {
                    continue;
                }
                out.push(word.to_owned());
            }
            out.join(" ")
        })
        .collect()
}

/// A reason as spoken: capitalised, ending in punctuation, in quotes; and
/// as the lead of a sentence (`"Watch the kidney," the referee warns`).
fn quoted(reason: &str) -> (String, String) {
    let text = crate::export::escape::one_line(reason.trim());
    let text = capitalize_sentences(text.trim());
    let ended = text.ends_with(['.', '!', '?', '…']);
    let said = if ended {
        format!("\"{text}\"")
    } else {
        format!("\"{text}.\"")
    };
    let lead = match text.strip_suffix('.') {
        Some(body) if !body.ends_with('.') => format!("\"{body},\""),
        _ if ended => format!("\"{text}\""),
        _ => format!("\"{text},\""),
    };
    (said, lead)
}

/// A defence or evasion as a verb taking an object: "blocks", "ducks left
/// under", "steps back out of reach of".
fn react_phrase(kind: ReactionKind, direction: Option<Direction>) -> &'static str {
    use Direction::{Back, Left, Right};
    match (kind, direction) {
        (ReactionKind::Block, _) => "blocks",
        (ReactionKind::Parry, _) => "parries",
        (ReactionKind::Cover, _) => "covers up against",
        (ReactionKind::Slip, Some(Left)) => "slips to the left of",
        (ReactionKind::Slip, Some(Right)) => "slips to the right of",
        (ReactionKind::Slip, Some(Back)) => "slips back from",
        (ReactionKind::Slip, None) => "slips",
        (ReactionKind::Duck, Some(Left)) => "ducks left under",
        (ReactionKind::Duck, Some(Right)) => "ducks right under",
        (ReactionKind::Duck, Some(Back)) => "ducks back away from",
        (ReactionKind::Duck, None) => "ducks under",
        (ReactionKind::Roll, Some(Left)) => "rolls left under",
        (ReactionKind::Roll, Some(Right)) => "rolls right under",
        (ReactionKind::Roll, Some(Back)) => "rolls back away from",
        (ReactionKind::Roll, None) => "rolls under",
        (ReactionKind::Weave, Some(Left)) => "weaves left, away from",
        (ReactionKind::Weave, Some(Right)) => "weaves right, away from",
        (ReactionKind::Weave, Some(Back)) => "weaves back, away from",
        (ReactionKind::Weave, None) => "weaves away from",
        (ReactionKind::StepBack, Some(Left)) => "steps back and to the left, out of reach of",
        (ReactionKind::StepBack, Some(Right)) => "steps back and to the right, out of reach of",
        (ReactionKind::StepBack, Some(Back) | None) => "steps back out of reach of",
        (
            ReactionKind::Clinch
            | ReactionKind::Miss
            | ReactionKind::Hit
            | ReactionKind::Stagger
            | ReactionKind::Down
            | ReactionKind::Out
            | ReactionKind::Cut
            | ReactionKind::Swell,
            _,
        ) => "meets",
    }
}

/// A grapple with its object: "grabs Conor by the neck", "gets a headlock
/// on Finn's neck".
fn grip_phrase(technique: &str, b: &str, b_pos: &str, target: Option<&str>, tech: &str) -> String {
    let by = |prep: &str| target.map_or(String::new(), |t| format!(" {prep} the {t}"));
    match technique {
        "push" => format!("pushes {b}{}", by("in")),
        "shove" => format!("shoves {b}{}", by("in")),
        "grab" => format!("grabs {b}{}", by("by")),
        "clinch" => format!("ties {b} up{}", by("around")),
        "tackle" => format!("tackles {b}{}", by("around")),
        "throw" => format!("throws {b}{}", by("by")),
        // A technique from `moves` is any noun phrase ("a bar stool
        // shove"): "lands" reads with all of them, "gets ... on" does not.
        _ => match target {
            Some(t) => format!("lands {tech} on {b_pos} {t}"),
            None => format!("lands {tech} on {b}"),
        },
    }
}

/// Whether a landed grapple leaves the two holding each other.
fn holds(technique: &str, kind: MoveKind) -> bool {
    kind == MoveKind::Grapple && !matches!(technique, "push" | "shove" | "tackle" | "throw")
}

/// A filled pattern behind its opening ("Then the bell.", not "Then The
/// bell."), with its ending.
fn joined(pattern: &str, opening: &str, ending: &str, body: String) -> String {
    let mut body = body;
    if !opening.is_empty() {
        let mut chars = body.chars();
        if let Some(first) = chars.next()
            && first.is_uppercase()
            && !pattern.starts_with('{')
        {
            body = first.to_lowercase().collect::<String>() + chars.as_str();
        }
    }
    format!("{opening}{body}{ending}")
}

impl<'m, 'a> Writer<'m, 'a> {
    /// A writer for `model`.
    pub fn new(model: &'m Model<'a>) -> Writer<'m, 'a> {
        Writer {
            model,
            fight: 0,
            event: 0,
            fighters: Vec::new(),
            street: false,
            down: Vec::new(),
            counted: Vec::new(),
            tied: false,
            used: HashSet::new(),
            spent: HashSet::new(),
            starts: Vec::new(),
            names: HashMap::new(),
        }
    }

    /// Begins a fight.
    pub fn start_fight(&mut self, fight: &Fight<'_>) {
        self.fight += 1;
        self.event = 0;
        self.fighters = fight.fighters.iter().map(|f| f.value.to_string()).collect();
        self.street = fight.rules.ruleset == Ruleset::Street;
        self.down.clear();
        self.counted.clear();
        self.tied = false;
        self.start_scope();
    }

    /// Begins a round.
    pub fn start_round(&mut self, _number: u32) {
        // A fighter left down at the bell was helped to the corner.
        self.down.clear();
        self.counted.clear();
        self.tied = false;
        self.start_scope();
    }

    /// A new round (or street fight): patterns may come again.
    fn start_scope(&mut self) {
        self.used.clear();
        self.spent.clear();
        self.starts.clear();
    }

    /// The cue of cast member `id`: `DRAGO`.
    pub fn cue(&self, id: &str) -> String {
        self.model
            .names
            .member(id)
            .map_or(id.replace('_', " "), |m| {
                crate::export::escape::one_line(&m.cue).to_uppercase()
            })
    }

    /// How prose names `id`: the cue in title case ("Drago"), as a
    /// screenplay does once a character has been introduced; a referee
    /// whose cue is REFEREE or REF is "the referee".
    fn name(&mut self, id: &str) -> String {
        if let Some(name) = self.names.get(id) {
            return name.clone();
        }
        let cue = self.cue(id);
        let name = if matches!(cue.as_str(), "REFEREE" | "REF")
            && self
                .model
                .names
                .member(id)
                .is_some_and(|m| m.role == Role::Referee)
        {
            "the referee".to_owned()
        } else {
            title_case(&cue)
        };
        self.names.insert(id.to_owned(), name.clone());
        name
    }

    fn party(&mut self, slots: &mut Slots, which: char, id: &str) {
        let name = self.name(id);
        slots.party(which, id, &name, self.model.names.pronouns(id));
    }

    /// The sentence (or two) for one fight event.
    pub fn sentence(&mut self, stmt: &Stmt) -> String {
        let mut slots = Slots::default();
        if self.street {
            slots.plain("street", "");
        } else {
            slots.plain("canvas", "the canvas");
            slots.plain("ring", "");
        }
        let pools: Vec<&'static [&'static str]> = match &stmt.kind {
            StmtKind::Move(attack) => self.attack(attack, &mut slots),
            StmtKind::Referee { referee, action } => {
                self.party(&mut slots, 'R', &referee.value);
                self.referee(action, &mut slots)
            }
            StmtKind::Up { fighter } => {
                self.party(&mut slots, 'F', &fighter.value);
                if self.counted.iter().any(|c| *c == fighter.value) {
                    slots.plain("after_count", "");
                }
                self.down.retain(|d| *d != fighter.value);
                self.counted.retain(|d| *d != fighter.value);
                vec![UP]
            }
            StmtKind::Towel { fighter } => {
                self.party(&mut slots, 'F', &fighter.value);
                vec![TOWEL]
            }
            StmtKind::Bell => {
                self.tied = false;
                match self.down.first().cloned() {
                    Some(d) => {
                        self.party(&mut slots, 'F', &d);
                        self.down.clear();
                        self.counted.clear();
                        vec![BELL_SAVES]
                    }
                    None => vec![BELL],
                }
            }
            StmtKind::TitleField { .. }
            | StmtKind::Production { .. }
            | StmtKind::Cast { .. }
            | StmtKind::CastMember(_)
            | StmtKind::Moves { .. }
            | StmtKind::Scene { .. }
            | StmtKind::Transition { .. }
            | StmtKind::Action { .. }
            | StmtKind::Shot { .. }
            | StmtKind::Sound { .. }
            | StmtKind::Note { .. }
            | StmtKind::Pause
            | StmtKind::Page { .. }
            | StmtKind::Dialogue { .. }
            | StmtKind::Montage { .. }
            | StmtKind::Fight { .. }
            | StmtKind::Setting(_)
            | StmtKind::Round { .. }
            | StmtKind::Corner { .. }
            | StmtKind::RoundsMontage { .. }
            | StmtKind::Result(_)
            | StmtKind::Exchange { .. }
            | StmtKind::Broken { .. } => return String::new(),
        };
        let ending = match &stmt.kind {
            StmtKind::Referee {
                action: RefereeAction::Count(n),
                ..
            } if n.value >= 10 => " It's over.",
            StmtKind::TitleField { .. }
            | StmtKind::Production { .. }
            | StmtKind::Cast { .. }
            | StmtKind::CastMember(_)
            | StmtKind::Moves { .. }
            | StmtKind::Scene { .. }
            | StmtKind::Transition { .. }
            | StmtKind::Action { .. }
            | StmtKind::Shot { .. }
            | StmtKind::Sound { .. }
            | StmtKind::Note { .. }
            | StmtKind::Pause
            | StmtKind::Page { .. }
            | StmtKind::Dialogue { .. }
            | StmtKind::Montage { .. }
            | StmtKind::Fight { .. }
            | StmtKind::Setting(_)
            | StmtKind::Round { .. }
            | StmtKind::Corner { .. }
            | StmtKind::RoundsMontage { .. }
            | StmtKind::Result(_)
            | StmtKind::Exchange { .. }
            | StmtKind::Move(_)
            | StmtKind::Referee { .. }
            | StmtKind::Up { .. }
            | StmtKind::Towel { .. }
            | StmtKind::Bell
            | StmtKind::Broken { .. } => "",
        };
        let openings = if stmt.together().is_some() {
            TOGETHER
        } else {
            AGAIN
        };
        let text = self.choose(&pools, openings, ending, &slots);
        self.event += 1;
        text
    }

    /// Fills the slots of a move; returns its pools, first choice first.
    fn attack(&mut self, attack: &Move, slots: &mut Slots) -> Vec<&'static [&'static str]> {
        let technique = attack.technique.value.as_str();
        let kind = self
            .model
            .names
            .technique(technique)
            .map_or(MoveKind::Strike, |t| t.kind);
        self.party(slots, 'A', &attack.attacker.value);
        let blows = attack.flurry();
        slots.blows = blows;
        let side = attack.side.as_ref().map_or("", |s| match s.value {
            Side::Lead => "lead ",
            Side::Rear => "rear ",
            Side::Left => "left ",
            Side::Right => "right ",
        });
        let base = format!("{side}{}", technique.replace('-', " "));
        let (tech, techs) = if blows > 1 {
            let plural = if base.ends_with(['s', 'x', 'z'])
                || base.ends_with("sh")
                || base.ends_with("ch")
            {
                format!("{base}es")
            } else {
                format!("{base}s")
            };
            let counted = format!("{} {plural}", number_word(blows));
            (counted.clone(), counted)
        } else {
            let article = if base.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            (format!("{article} {base}"), base.clone())
        };
        slots.named("tech", tech.clone());
        slots.named("techs", techs);
        let target = attack.target.map(|t| target_phrase(t.value));
        slots.pair(
            "to_t",
            target.map_or(String::new(), |t| format!(" to the {t}")),
            "",
        );
        slots.plain(
            "it",
            match blows {
                1 => "it".to_owned(),
                2 => "both".to_owned(),
                n => format!("all {}", number_word(n)),
            },
        );
        // Without a reaction the move is thrown at the other fighter, and
        // the script does not say what came of it.
        let defender = match &attack.reaction {
            Some(reaction) => Some(reaction.defender.value.to_string()),
            None => self
                .fighters
                .iter()
                .find(|f| **f != attack.attacker.value)
                .cloned(),
        };
        let Some(defender) = defender else {
            slots.pair(
                "on",
                target.map_or("the air".to_owned(), |t| format!("the {t}")),
                "X",
            );
            return vec![THROWN];
        };
        self.party(slots, 'B', &defender);
        let b = self.name(&defender);
        let b_pos = possessive(&b);
        slots.named("on", target.map_or(b.clone(), |t| format!("{b_pos} {t}")));
        let Some(reaction) = &attack.reaction else {
            self.tied = false;
            return vec![if kind == MoveKind::Feint {
                FEINT
            } else {
                THROWN
            }];
        };
        slots.pair(
            "grip",
            grip_phrase(technique, &b, &b_pos, target, &tech),
            grip_phrase(technique, "X", "X's", target.map(|_| "X"), "X"),
        );
        let direction = match reaction.detail.as_ref().map(|d| d.value) {
            Some(ReactionDetail::Direction(d)) => Some(d),
            _ => None,
        };
        let react = reaction.kind.value;
        slots.plain("react", react_phrase(react, direction));
        if let Some(ReactionDetail::Location(l)) = reaction.detail.as_ref().map(|d| d.value) {
            let (prep, part) = location_phrase(l);
            slots.plain("prep", prep);
            slots.named("part", part);
            // The target, unless the wound's place already says it (an
            // `eye` target cut over the left eye).
            match target.filter(|t| !part.contains(t)) {
                Some(t) => slots.pair("at_t", format!(" to the {t}"), " to the X"),
                None => slots.plain("at_t", ""),
            }
        } else {
            // No place given: the wound is where the blow landed.
            slots.plain("prep", "on");
            slots.named("part", target.unwrap_or("face"));
            slots.plain("at_t", "");
        }
        let lands = matches!(
            react,
            ReactionKind::Hit
                | ReactionKind::Stagger
                | ReactionKind::Down
                | ReactionKind::Out
                | ReactionKind::Cut
                | ReactionKind::Swell
        );
        match react {
            ReactionKind::Down | ReactionKind::Out => {
                self.down.retain(|d| *d != defender);
                self.down.push(defender);
            }
            _ => {}
        }
        self.tied = match react {
            ReactionKind::Clinch => true,
            ReactionKind::Down | ReactionKind::Out => false,
            _ => lands && holds(technique, kind),
        };
        let evasion = matches!(
            react,
            ReactionKind::Slip
                | ReactionKind::Duck
                | ReactionKind::Roll
                | ReactionKind::Weave
                | ReactionKind::StepBack
        );
        if kind == MoveKind::Grapple {
            return match react {
                ReactionKind::Down | ReactionKind::Out => vec![GRAPPLE_DOWN],
                ReactionKind::Stagger => vec![GRAPPLE_STAGGER],
                ReactionKind::Hit | ReactionKind::Cut | ReactionKind::Swell => {
                    vec![GRAPPLE_LANDS]
                }
                ReactionKind::Clinch if technique.split('-').any(|w| w == "clinch") => {
                    vec![CLINCH_MUTUAL]
                }
                ReactionKind::Clinch => vec![GRAPPLE_CLINCH],
                ReactionKind::Miss => vec![GRAPPLE_MISS],
                ReactionKind::Block
                | ReactionKind::Parry
                | ReactionKind::Cover
                | ReactionKind::Slip
                | ReactionKind::Duck
                | ReactionKind::Roll
                | ReactionKind::Weave
                | ReactionKind::StepBack => vec![GRAPPLE_DEFEND],
            };
        }
        if kind == MoveKind::Feint && !lands {
            return match react {
                ReactionKind::Miss => vec![FEINT_IGNORED],
                ReactionKind::Clinch => vec![CLINCH],
                _ => vec![FEINT_BITES, DEFEND],
            };
        }
        match react {
            ReactionKind::Hit => vec![HIT],
            ReactionKind::Stagger => vec![STAGGER],
            ReactionKind::Down => vec![DOWN],
            ReactionKind::Out => vec![OUT],
            ReactionKind::Cut => vec![CUT],
            ReactionKind::Swell => vec![SWELL],
            ReactionKind::Clinch => vec![CLINCH],
            ReactionKind::Miss => vec![MISS],
            _ if evasion => vec![DEFEND, EVADE],
            _ => vec![DEFEND, GUARD],
        }
    }

    /// Fills the slots of a referee's action; returns its pools.
    fn referee(
        &mut self,
        action: &RefereeAction,
        slots: &mut Slots,
    ) -> Vec<&'static [&'static str]> {
        match action {
            RefereeAction::Count(n) => {
                let count = n.value;
                let words: Vec<String> = (1..=count.clamp(1, 10)).map(number_word).collect();
                let counted = if words.len() <= 3 {
                    words.join(", ")
                } else {
                    format!("{}... {}", words[..2].join(", "), words[words.len() - 1])
                };
                slots.named("counted", counted);
                let down = self.down.clone();
                let pool = match down.as_slice() {
                    [] => COUNT_NOBODY,
                    [one] => {
                        let one = one.clone();
                        self.party(slots, 'F', &one);
                        COUNT
                    }
                    [first, second, ..] => {
                        let both = format!("{} and {}", self.name(first), self.name(second));
                        slots.named("F", both);
                        COUNT_BOTH
                    }
                };
                for d in &self.down {
                    if !self.counted.contains(d) {
                        self.counted.push(d.clone());
                    }
                }
                if count >= 10 {
                    self.down.clear();
                    self.counted.clear();
                }
                vec![pool]
            }
            RefereeAction::Break => {
                let fighters = self.fighters.clone();
                if let [a, b] = fighters.as_slice() {
                    self.party(slots, 'A', a);
                    self.party(slots, 'B', b);
                }
                let pool = if self.tied { BREAK_CLINCH } else { BREAK_APART };
                self.tied = false;
                vec![pool]
            }
            RefereeAction::Warn { fighter, reason } => {
                self.party(slots, 'F', &fighter.value);
                match reason {
                    Some(reason) => {
                        let (said, lead) = quoted(&reason.value);
                        slots.named("reason", said);
                        slots.named("reason_lead", lead);
                        vec![WARN_WHY]
                    }
                    None => vec![WARN],
                }
            }
            RefereeAction::Deduct { fighter, points } => {
                self.party(slots, 'F', &fighter.value);
                let points = match points.map_or(1, |p| p.value) {
                    1 => "a point".to_owned(),
                    n => format!("{} points", number_word(n)),
                };
                slots.named("points", points);
                vec![DEDUCT]
            }
            RefereeAction::Disqualify { fighter } => {
                self.party(slots, 'F', &fighter.value);
                vec![DISQUALIFY]
            }
            RefereeAction::Stop { fighter } => {
                self.party(slots, 'F', &fighter.value);
                vec![STOP]
            }
        }
    }

    /// Picks a pattern from `pools`: by rotation, the first that repeats
    /// no pattern of the round and starts no third sentence in a row with
    /// the same word; when every pattern is used, the same patterns behind
    /// each of `openings` in turn; when those are used too (a round of
    /// forty jabs), the rotation's first that keeps the first words varied.
    fn choose(
        &mut self,
        pools: &[&'static [&'static str]],
        openings: &[&str],
        ending: &str,
        slots: &Slots,
    ) -> String {
        let fitting: Vec<&'static str> = pools
            .iter()
            .flat_map(|p| p.iter().copied())
            .filter(|p| slots.fits(p))
            .collect();
        if fitting.is_empty() {
            return String::new();
        }
        // The same fitting patterns behind the same openings: once all are
        // used in a round, searching them again finds nothing new.
        let key = fitting.iter().fold(openings.as_ptr() as usize, |k, p| {
            k.wrapping_mul(31) ^ p.as_ptr() as usize
        });
        let spent = self.spent.contains(&key);
        let start = (self.fight * 3 + self.event) % fitting.len();
        let n = fitting.len();
        let candidates: Vec<(&str, &str)> = openings
            .iter()
            .flat_map(|opening| (0..n).map(move |k| (*opening, (start + k) % n)))
            .map(|(opening, k)| (opening, fitting[k]))
            .filter(|(opening, pattern)| {
                opening.is_empty() || !pattern.starts_with("{reason_lead}")
            })
            .collect();
        // A fresh pattern with a varied start; the masked form is cheaper,
        // so it is tried first.
        if !spent {
            let mut any_fresh = false;
            for &(opening, pattern) in &candidates {
                let masked = self.masked(pattern, opening, ending, slots);
                if patterns(&masked).iter().any(|p| self.used.contains(p)) {
                    continue;
                }
                any_fresh = true;
                let text = self.printed(pattern, opening, ending, slots);
                let firsts: Vec<String> = sentences(&text).iter().map(|s| first_word(s)).collect();
                if self.varied(&firsts) {
                    self.commit(&masked, firsts);
                    return text;
                }
            }
            if !any_fresh {
                self.spent.insert(key);
            }
        }
        // Every pattern used (or none fresh starts differently): the
        // rotation's first with a varied start, else the rotation's first.
        let mut chosen = None;
        for &(opening, pattern) in &candidates {
            let text = self.printed(pattern, opening, ending, slots);
            let firsts: Vec<String> = sentences(&text).iter().map(|s| first_word(s)).collect();
            if self.varied(&firsts) {
                chosen = Some((pattern, opening, text, firsts));
                break;
            }
        }
        let (pattern, opening, text, firsts) = chosen.unwrap_or_else(|| {
            let opening = openings.first().copied().unwrap_or("");
            let text = self.printed(fitting[start], opening, ending, slots);
            let firsts = sentences(&text).iter().map(|s| first_word(s)).collect();
            (fitting[start], opening, text, firsts)
        });
        let masked = self.masked(pattern, opening, ending, slots);
        self.commit(&masked, firsts);
        text
    }

    /// A pattern behind an opening, as printed.
    fn printed(&self, pattern: &str, opening: &str, ending: &str, slots: &Slots) -> String {
        capitalize_sentences(&joined(
            pattern,
            opening,
            ending,
            slots.fill(pattern, false),
        ))
    }

    /// A pattern behind an opening, masked.
    fn masked(&self, pattern: &str, opening: &str, ending: &str, slots: &Slots) -> String {
        joined(pattern, opening, ending, slots.fill(pattern, true))
    }

    /// Whether sentences starting with `firsts` keep every run of the same
    /// first word under three.
    fn varied(&self, firsts: &[String]) -> bool {
        let all: Vec<&String> = self.starts.iter().chain(firsts).collect();
        all.windows(3).all(|w| !(w[0] == w[1] && w[1] == w[2]))
    }

    fn commit(&mut self, masked: &str, firsts: Vec<String>) {
        for p in patterns(masked) {
            self.used.insert(p);
        }
        self.starts.extend(firsts);
        let keep = self.starts.len().saturating_sub(2);
        self.starts.drain(..keep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_cases() {
        assert_eq!(number_word(15), "fifteen");
        assert_eq!(title_case("KGB AGENT"), "KGB Agent");
        assert_eq!(title_case("O'HARA"), "O'Hara");
        assert_eq!(title_case("MC"), "MC");
        assert_eq!(title_case("JEAN-LUC"), "Jean-Luc");
        assert_eq!(possessive("Drago"), "Drago's");
        assert_eq!(possessive("Chris"), "Chris'");
    }

    #[test]
    fn sentences_split_outside_quotes() {
        let text = "The referee warns Marta: \"Watch it. Last time.\" Devi is up. It's over.";
        assert_eq!(
            sentences(text),
            vec![
                "The referee warns Marta: \"Watch it. Last time.\"",
                "Devi is up.",
                "It's over."
            ]
        );
        assert_eq!(first_word("Drago's jab finds Rocky."), "drago");
        assert_eq!(first_word("\"Watch it,\" the referee warns."), "watch");
    }

    #[test]
    fn reasons_are_quoted_and_end_in_punctuation() {
        assert_eq!(
            quoted("watch the kidney"),
            (
                "\"Watch the kidney.\"".to_owned(),
                "\"Watch the kidney,\"".to_owned()
            )
        );
        assert_eq!(quoted("Low!").0, "\"Low!\"");
    }

    #[test]
    fn pronouns_fit_only_where_declared_and_unambiguous() {
        let mut slots = Slots::default();
        slots.party('A', "MARTA", "Marta", Some(Pronouns::She));
        slots.party('B', "DEVI", "Devi", Some(Pronouns::She));
        // Two women: "her" could be either.
        assert!(!slots.fits("{B} smothers {A's} jab and ties {A.him} up."));
        // A reflexive binds to its subject.
        let mut up = Slots::default();
        up.party('F', "DEVI", "Devi", Some(Pronouns::She));
        assert!(up.fits("{F} drags {F.self} to {F.his} feet."));
        assert_eq!(
            up.fill("{F} drags {F.self} to {F.his} feet.", false),
            "Devi drags herself to her feet."
        );
        let mut none = Slots::default();
        none.party('F', "DEVI", "Devi", None);
        assert!(!none.fits("{F} drags {F.self} to {F.his} feet."));
        let mut they = Slots::default();
        they.party('R', "JO", "the referee", Some(Pronouns::They));
        they.party('F', "DEVI", "Devi", Some(Pronouns::She));
        assert_eq!(
            they.fill("{R} waves it off: {R.he} {R~has|have} seen enough.", false),
            "the referee waves it off: they have seen enough."
        );
    }
}
