//! Fight prose: every move, reaction, count, bell and round as readable,
//! deterministic action prose in the present tense, naming the fighters as
//! a screenplay does. Sentences vary by rotation, not chance, so the same
//! script always reads the same; fighters are named by their cue in title
//! case ("Drago"), as a screenplay names a character after introducing him.

use crate::model::{Fight, Model};
use crate::syntax::ast::*;

/// Writes fight prose for one script.
pub struct Writer<'m, 'a> {
    model: &'m Model<'a>,
    /// Rotates the sentence patterns.
    turn: usize,
    /// The fight being written: its two fighters' ids.
    fighters: Vec<String>,
    /// Who is down, for "saved by the bell".
    down: Option<String>,
    /// Each cast member's prose name, computed once.
    names: std::collections::HashMap<String, String>,
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

/// `Kgb Agent` from `KGB AGENT`: a cue in title case.
pub fn title_case(cue: &str) -> String {
    cue.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => {
                    first.to_uppercase().collect::<String>() + &chars.as_str().to_lowercase()
                }
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn possessive(name: &str) -> String {
    if name.ends_with('s') || name.ends_with('S') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

fn capitalize(sentence: &str) -> String {
    let mut chars = sentence.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
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

impl<'m, 'a> Writer<'m, 'a> {
    /// A writer for `model`.
    pub fn new(model: &'m Model<'a>) -> Writer<'m, 'a> {
        Writer {
            model,
            turn: 0,
            fighters: Vec::new(),
            down: None,
            names: std::collections::HashMap::new(),
        }
    }

    /// Begins a fight.
    pub fn start_fight(&mut self, fight: &Fight<'_>) {
        self.fighters = fight.fighters.iter().map(|f| f.value.to_string()).collect();
        self.down = None;
    }

    /// Begins a round.
    pub fn start_round(&mut self, _number: u32) {
        self.down = None;
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

    /// How prose names `id`: his cue in title case ("Drago"), as a
    /// screenplay does once a character has been introduced.
    fn name(&mut self, id: &str) -> String {
        if let Some(name) = self.names.get(id) {
            return name.clone();
        }
        let name = title_case(&self.cue(id));
        self.names.insert(id.to_owned(), name.clone());
        name
    }

    /// How prose names a referee: "the referee" when his cue says so.
    fn referee(&mut self, id: &str) -> String {
        let cue = self.cue(id);
        if cue == "REFEREE" || cue == "REF" {
            "the referee".into()
        } else {
            self.name(id)
        }
    }

    fn pick<'s>(&mut self, options: &[&'s str]) -> &'s str {
        let choice = options[self.turn % options.len()];
        self.turn += 1;
        choice
    }

    /// The sentence (or two) for one fight event.
    pub fn sentence(&mut self, stmt: &Stmt) -> String {
        let text = match &stmt.kind {
            StmtKind::Move(attack) => self.attack(attack),
            StmtKind::Referee { referee, action } => {
                let r = self.referee(&referee.value);
                match action {
                    RefereeAction::Count(n) => {
                        let who = self
                            .down
                            .clone()
                            .map(|d| self.name(&d))
                            .unwrap_or_else(|| "him".into());
                        let count = n.value;
                        let words: Vec<String> = (1..=count.min(10)).map(number_word).collect();
                        let counted = if count <= 3 {
                            words.join(", ")
                        } else {
                            format!("{}... {}", words[..2].join(", "), words[words.len() - 1])
                        };
                        if count >= 10 {
                            self.down = None;
                            format!("{r} counts over {who}: {counted}. It's over.")
                        } else {
                            format!("{r} counts over {who}: {counted}.")
                        }
                    }
                    RefereeAction::Break => format!("{r} steps in and breaks them apart."),
                    RefereeAction::Warn { fighter, reason } => {
                        let f = self.name(&fighter.value);
                        match reason {
                            Some(reason) => {
                                format!("{r} warns {f}: {}.", reason.value.trim_end_matches('.'))
                            }
                            None => format!("{r} warns {f}."),
                        }
                    }
                    RefereeAction::Deduct { fighter, points } => {
                        let f = self.name(&fighter.value);
                        match points.map_or(1, |p| p.value) {
                            1 => format!("{r} takes a point from {f}."),
                            n => format!("{r} takes {} points from {f}.", number_word(n)),
                        }
                    }
                    RefereeAction::Disqualify { fighter } => {
                        let f = self.name(&fighter.value);
                        format!("{r} disqualifies {f}. The fight is over.")
                    }
                    RefereeAction::Stop { fighter } => {
                        let f = self.name(&fighter.value);
                        format!("{r} waves it off. {f} cannot go on.")
                    }
                }
            }
            StmtKind::Up { fighter } => {
                let f = self.name(&fighter.value);
                self.down = None;
                let pattern = self.pick(&[
                    "{f} is up.",
                    "{f} drags himself to his feet.",
                    "{f} beats the count and rises.",
                ]);
                pattern.replace("{f}", &f)
            }
            StmtKind::Towel { fighter } => {
                let cue = self.cue(&fighter.value);
                format!(
                    "A towel flies into the ring from {} corner.",
                    possessive(&title_case(&cue))
                )
            }
            StmtKind::Bell => {
                if self.down.take().is_some() {
                    "The bell. Saved by the bell.".into()
                } else {
                    let pattern =
                        self.pick(&["The bell.", "The bell ends the round.", "The bell rings."]);
                    pattern.to_owned()
                }
            }
            _ => String::new(),
        };
        let mut text = text;
        // Sentences start with a name or an article: ASCII in practice, and
        // capitalized in place; anything else goes the long way.
        match text.as_bytes().first() {
            Some(b) if b.is_ascii_lowercase() => text[..1].make_ascii_uppercase(),
            Some(b) if !b.is_ascii() => text = capitalize(&text),
            _ => {}
        }
        text
    }

    /// The technique as a noun phrase: "a right uppercut", "three left
    /// hooks".
    fn technique(&self, attack: &Move) -> (String, u32) {
        let flurry = attack.flurry();
        let side = attack.side.as_ref().map(|s| match s.value {
            Side::Lead => "lead ",
            Side::Rear => "rear ",
            Side::Left => "left ",
            Side::Right => "right ",
        });
        let name = attack.technique.value.replace('-', " ");
        let base = format!("{}{}", side.unwrap_or(""), name);
        let phrase = if flurry > 1 {
            let plural = if base.ends_with('h') || base.ends_with('s') {
                format!("{base}es")
            } else {
                format!("{base}s")
            };
            format!("{} {plural}", number_word(flurry))
        } else {
            let article = if base.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            format!("{article} {base}")
        };
        (phrase, flurry)
    }

    fn attack(&mut self, attack: &Move) -> String {
        let kind = self
            .model
            .names
            .technique(&attack.technique.value)
            .map_or(MoveKind::Strike, |t| t.kind);
        let a = self.name(&attack.attacker.value);
        let (tech, flurry) = self.technique(attack);
        let target = attack.target.map(|t| target_phrase(t.value));
        let Some(reaction) = &attack.reaction else {
            return match (kind, target) {
                (MoveKind::Feint, _) => format!("{a} feints."),
                (_, Some(t)) => format!("{a} throws {tech} at the {t}."),
                _ => format!("{a} throws {tech}."),
            };
        };
        let b = self.name(&reaction.defender.value);
        let b_pos = possessive(&b);
        let a_pos = possessive(&a);
        // "Drago's uppercut": the technique without its article; a flurry
        // is one thing, so the verb still agrees ("Drago's flurry of hooks
        // lands").
        let bare = match tech.split_once(' ') {
            Some((_, rest)) if flurry > 1 => format!("flurry of {rest}"),
            Some((_, rest)) => rest.to_owned(),
            None => tech.clone(),
        };
        let on_target = target.map_or(b.clone(), |t| format!("{b_pos} {t}"));
        let slots = Slots {
            a: &a,
            a_pos: &a_pos,
            b: &b,
            tech: &tech,
            bare: &bare,
            on: &on_target,
            t: target.unwrap_or("head"),
        };
        if kind == MoveKind::Grapple {
            let verb = match attack.technique.value.as_str() {
                "push" => "pushes",
                "shove" => "shoves",
                "grab" => "grabs",
                "clinch" => "ties up",
                "tackle" => "tackles",
                "throw" => "throws",
                _ => "grapples with",
            };
            let lands = matches!(
                reaction.kind.value,
                ReactionKind::Hit
                    | ReactionKind::Stagger
                    | ReactionKind::Down
                    | ReactionKind::Out
                    | ReactionKind::Cut
                    | ReactionKind::Swell
            );
            return match reaction.kind.value {
                ReactionKind::Down | ReactionKind::Out => {
                    self.down = Some(reaction.defender.value.to_string());
                    let mat = if attack.technique.value == "throw" {
                        " to the canvas"
                    } else {
                        ""
                    };
                    format!("{a} {verb} {b}{mat}. {b} goes down hard.")
                }
                _ if lands => format!("{a} {verb} {b}, who stumbles back."),
                _ => format!("{a} tries to grab {b}, but {b} twists free."),
            };
        }
        if kind == MoveKind::Feint {
            return format!("{a} feints, and {b} bites.");
        }
        let multiple = flurry > 1;
        match reaction.kind.value {
            ReactionKind::Hit => {
                let pattern = if multiple {
                    self.pick(&[
                        "{a} lands {tech} to {on}.",
                        "{a} rips {tech} into {on}.",
                        "{a} pours {tech} into {on}.",
                    ])
                } else {
                    self.pick(&[
                        "{a_pos} {bare} finds {on}.",
                        "{a} lands {tech} to {on}.",
                        "{a} catches {b} with {tech} to the {t}.",
                        "{a} connects with {tech}.",
                    ])
                };
                slots.fill(pattern)
            }
            ReactionKind::Stagger => {
                let pattern = self.pick(&[
                    "{a_pos} {bare} rocks {b}. {b} staggers back.",
                    "{a} lands {tech} to {on}, and {b} wobbles.",
                    "{tech_cap} from {a} sends {b} stumbling into the ropes.",
                ]);
                slots.fill(pattern)
            }
            ReactionKind::Down => {
                self.down = Some(reaction.defender.value.to_string());
                let pattern = self.pick(&[
                    "{a_pos} {bare} finds {on}. {b} goes down.",
                    "{a} drops {b} with {tech} to the {t}.",
                    "{a_pos} {bare} puts {b} on the canvas.",
                ]);
                slots.fill(pattern)
            }
            ReactionKind::Out => {
                self.down = None;
                let pattern = self.pick(&[
                    "{a_pos} {bare} lands flush on {on}. {b} is out before he hits the canvas.",
                    "{a} lands {tech} to {on}, and {b} crumples, unconscious.",
                ]);
                slots.fill(pattern)
            }
            ReactionKind::Cut | ReactionKind::Swell => {
                let (prep, part) = match reaction.detail.as_ref().map(|d| d.value) {
                    Some(ReactionDetail::Location(l)) => location_phrase(l),
                    _ => ("on", "face"),
                };
                let wound = if reaction.kind.value == ReactionKind::Cut {
                    "opens a cut"
                } else {
                    "raises a swelling"
                };
                format!("{a_pos} {bare} {wound} {prep} {b_pos} {part}.")
            }
            ReactionKind::Block | ReactionKind::Parry | ReactionKind::Cover => {
                let verb = match reaction.kind.value {
                    ReactionKind::Block => "blocks",
                    ReactionKind::Parry => "parries",
                    _ => "covers up against",
                };
                let pattern = self.pick(&[
                    "{b} {verb} {a_pos} {bare}.",
                    "{a} throws {tech}; {b} {verb} it.",
                    "{a} goes for the {t} with {tech}, but {b} {verb} it.",
                ]);
                slots.fill(&pattern.replace("{verb}", verb))
            }
            ReactionKind::Clinch => {
                format!("{b} smothers {a_pos} {bare} and ties him up in a clinch.")
            }
            ReactionKind::Miss => {
                let pattern = self.pick(&[
                    "{a_pos} {bare} misses.",
                    "{a} throws {tech} at {b} and hits nothing but air.",
                    "{a} swings {tech}, wide.",
                ]);
                slots.fill(pattern)
            }
            ReactionKind::Slip
            | ReactionKind::Duck
            | ReactionKind::Roll
            | ReactionKind::Weave
            | ReactionKind::StepBack => {
                let direction = match reaction.detail.as_ref().map(|d| d.value) {
                    Some(ReactionDetail::Direction(Direction::Left)) => " to the left",
                    Some(ReactionDetail::Direction(Direction::Right)) => " to the right",
                    Some(ReactionDetail::Direction(Direction::Back)) => " backwards",
                    _ => "",
                };

                match reaction.kind.value {
                    ReactionKind::Slip => format!("{b} slips {a_pos} {bare}{direction}."),
                    ReactionKind::Duck => format!("{b} ducks under {a_pos} {bare}{direction}."),
                    ReactionKind::Roll => format!("{b} rolls under {a_pos} {bare}{direction}."),
                    ReactionKind::Weave => {
                        format!("{b} weaves{direction} away from {a_pos} {bare}.")
                    }
                    _ => format!("{b} steps back{direction}, out of reach of {a_pos} {bare}."),
                }
            }
        }
    }
}

/// The words a sentence pattern's `{slots}` stand for.
struct Slots<'s> {
    a: &'s str,
    a_pos: &'s str,
    b: &'s str,
    tech: &'s str,
    bare: &'s str,
    on: &'s str,
    t: &'s str,
}

impl Slots<'_> {
    /// Fills a sentence pattern in one pass.
    fn fill(&self, pattern: &str) -> String {
        let mut out = String::with_capacity(pattern.len() + 48);
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            match &rest[open + 1..open + close] {
                "a_pos" => out.push_str(self.a_pos),
                "a" => out.push_str(self.a),
                "b" => out.push_str(self.b),
                "tech_cap" => out.push_str(&capitalize(self.tech)),
                "tech" => out.push_str(self.tech),
                "bare" => out.push_str(self.bare),
                "on" => out.push_str(self.on),
                "t" => out.push_str(self.t),
                other => {
                    out.push('{');
                    out.push_str(other);
                    out.push('}');
                }
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_cases() {
        assert_eq!(number_word(15), "fifteen");
        assert_eq!(title_case("KGB AGENT"), "Kgb Agent");
        assert_eq!(possessive("Drago"), "Drago's");
        assert_eq!(possessive("Chris"), "Chris'");
    }
}
