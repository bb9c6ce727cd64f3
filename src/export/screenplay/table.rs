//! The fight-script table: numbered rows a fight director hands to
//! performers — round, clock, who acts (by cue), technique and target, the
//! defender (by cue) and his reaction, knap, contact, notes.
//!
//! With `--choreography table` the rows stand where their events happen,
//! one part of the table for each run of events between two beats (as the
//! prose would make one paragraph of them); with `both` the whole table
//! follows the fight's prose. Rows are numbered through the fight.

use std::collections::HashMap;

use crate::export::escape::one_line;
use crate::model::graph::NodeKind;
use crate::model::{Fight, Model};
use crate::syntax::ast::*;

/// One fight's table, or one part of it.
#[derive(Clone, Debug, PartialEq)]
pub struct FightTable {
    /// "ROCKY vs DRAGO", by cue.
    pub title: String,
    /// Whether this part opens the fight's table: Fountain and FDX write the
    /// `FIGHT SCRIPT:` heading before the first part only.
    pub opens: bool,
    /// The rows, numbered through the fight from 1.
    pub rows: Vec<Row>,
}

/// One move (or referee action, `up`, towel, bell) of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Running number.
    pub number: usize,
    /// Round, or empty.
    pub round: String,
    /// `m:ss`: the round clock in a round, else the fight clock (from the
    /// fight's start).
    pub clock: String,
    /// Who acts, by cue (`REFEREE`, `MICK`), empty for the bell.
    pub attacker: String,
    /// Technique and target: "R uppercut chin x2".
    pub technique: String,
    /// The defender, by cue, and his reaction: "ROCKY down (mat)".
    pub reaction: String,
    /// Who knaps.
    pub knap: String,
    /// Contact level.
    pub contact: String,
    /// Speed, camera, duration.
    pub notes: String,
}

/// The column headings.
pub const HEADINGS: [&str; 9] = [
    "#",
    "Rnd",
    "Clock",
    "Attacker",
    "Technique / target",
    "Reaction",
    "Knap",
    "Contact",
    "Notes",
];

impl Row {
    /// The cells in column order.
    pub fn cells(&self) -> [String; 9] {
        [
            self.number.to_string(),
            self.round.clone(),
            self.clock.clone(),
            self.attacker.clone(),
            self.technique.clone(),
            self.reaction.clone(),
            self.knap.clone(),
            self.contact.clone(),
            self.notes.clone(),
        ]
    }

    /// The row as one line of text, for the formats without tables
    /// (Fountain, FDX): `12. R1 0:40 DRAGO jab head -> APOLLO hit (knap
    /// self; contact light)`; a street fight's row has no round.
    pub fn line(&self) -> String {
        let mut line = format!("{}.", self.number);
        if !self.round.is_empty() {
            line.push_str(" R");
            line.push_str(&self.round);
        }
        for part in [&self.clock, &self.attacker, &self.technique] {
            if !part.is_empty() {
                line.push(' ');
                line.push_str(part);
            }
        }
        if !self.reaction.is_empty() {
            line.push_str(" -> ");
            line.push_str(&self.reaction);
        }
        let extra: Vec<String> = [("knap", &self.knap), ("contact", &self.contact)]
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k} {v}"))
            .chain((!self.notes.is_empty()).then(|| self.notes.clone()))
            .collect();
        if !extra.is_empty() {
            line.push_str(" (");
            line.push_str(&extra.join("; "));
            line.push(')');
        }
        line
    }
}

/// The cue of cast member `id`, as the screenplay cues him and as the
/// cast writes it (`cue "McRAY"` stays McRAY): `REFEREE` for `VEGAS_REF`;
/// an unknown id with its underscores as spaces.
pub fn cue(model: &Model<'_>, id: &str) -> String {
    model
        .names
        .member(id)
        .map_or(id.replace('_', " "), |m| one_line(&m.cue))
}

/// The table's title: the fighters by cue, `APOLLO vs DRAGO`.
pub fn title(model: &Model<'_>, fight: &Fight<'_>) -> String {
    format!(
        "{} vs {}",
        cue(model, &fight.fighters[0].value),
        cue(model, &fight.fighters[1].value)
    )
}

/// Each fight event's round and clock, from the scheduled graph: built
/// once for the whole script, one pass over the graph.
#[derive(Clone, Debug, Default)]
pub struct Clocks {
    by_stmt: HashMap<*const Stmt, (String, String)>,
}

impl Clocks {
    /// The clocks of every fight event of `model`: the round clock for
    /// what stands in a round, the fight clock from the fight's start for
    /// the rest (a street fight, a corner).
    pub fn new(model: &Model<'_>) -> Self {
        let mut by_stmt = HashMap::new();
        for (index, node) in model.graph.order().map(|n| (n, &model.graph.graph[n])) {
            if !matches!(node.kind, NodeKind::Event | NodeKind::Bell) {
                continue;
            }
            let (Some(stmt), Some(clock)) = (node.stmt, model.graph.fight_clock(index)) else {
                continue;
            };
            let ms = match (clock.round, clock.in_round) {
                (Some(_), Some(ms)) => ms,
                _ => clock.absolute,
            };
            let round = clock.round.map(|r| r.to_string()).unwrap_or_default();
            by_stmt
                .entry(stmt as *const Stmt)
                .or_insert((round, format!("{}:{:02}", ms / 60_000, (ms / 1000) % 60)));
        }
        Clocks { by_stmt }
    }

    fn of(&self, stmt: &Stmt) -> (String, String) {
        self.by_stmt
            .get(&(stmt as *const Stmt))
            .cloned()
            .unwrap_or_default()
    }
}

/// The row of one fight event (a move, a referee action, `up`, a towel, a
/// bell), numbered 0; `None` for anything else.
pub fn row(model: &Model<'_>, clocks: &Clocks, stmt: &Stmt) -> Option<Row> {
    let (round, clock) = clocks.of(stmt);
    let cue = |id: &Ident| cue(model, &id.value);
    let simple = |attacker: String, technique: String| Row {
        number: 0,
        round: round.clone(),
        clock: clock.clone(),
        attacker,
        technique,
        reaction: String::new(),
        knap: String::new(),
        contact: String::new(),
        notes: String::new(),
    };
    let row = match &stmt.kind {
        StmtKind::Move(m) => {
            let mut technique = Vec::new();
            if let Some(side) = &m.side {
                technique.push(side.value.as_str().to_owned());
            }
            technique.push(m.technique.value.to_string());
            if let Some(t) = &m.target {
                technique.push(t.value.as_str().to_owned());
            }
            let mut knap = String::new();
            let mut contact = String::new();
            let mut notes = Vec::new();
            for modifier in &m.modifiers {
                match &modifier.value {
                    Modifier::Flurry(n) => technique.push(format!("x{n}")),
                    Modifier::Knap(Knap::Who(w)) => knap = w.as_str().to_owned(),
                    Modifier::Knap(Knap::Member(id)) => knap = cue(id),
                    Modifier::Contact(c) => contact = c.as_str().to_owned(),
                    Modifier::Speed(p) => notes.push(format!("speed {p}%")),
                    Modifier::Camera(c) => notes.push(format!("camera: {}", one_line(c))),
                    Modifier::For(d) => notes.push(format!("{:.1}s", d.millis as f64 / 1000.0)),
                }
            }
            let reaction = m.reaction.as_ref().map_or(String::new(), |r| {
                let mut text = format!("{} {}", cue(&r.defender), r.kind.value.as_str());
                if let Some(d) = &r.detail {
                    text.push(' ');
                    text.push_str(match d.value {
                        ReactionDetail::Direction(dir) => dir.as_str(),
                        ReactionDetail::Location(loc) => loc.as_str(),
                    });
                }
                if r.mat.is_some() {
                    notes.push("mat".into());
                }
                text
            });
            Row {
                number: 0,
                round,
                clock,
                attacker: cue(&m.attacker),
                technique: technique.join(" "),
                reaction,
                knap,
                contact,
                notes: notes.join(", "),
            }
        }
        StmtKind::Referee { referee, action } => {
            // A warning's reason goes to the notes, quoted as said; a
            // deduction shows its points, which default to one.
            let mut notes = String::new();
            let what = match action {
                RefereeAction::Count(n) => format!("count {}", n.value),
                RefereeAction::Break => "break".into(),
                RefereeAction::Warn { fighter, reason } => {
                    if let Some(reason) = reason {
                        notes = format!("\"{}\"", one_line(&reason.value));
                    }
                    format!("warn {}", cue(fighter))
                }
                RefereeAction::Deduct { fighter, points } => {
                    format!("deduct {} {}", cue(fighter), points.map_or(1, |p| p.value))
                }
                RefereeAction::Disqualify { fighter } => format!("disqualify {}", cue(fighter)),
                RefereeAction::Stop { fighter } => format!("stop {}", cue(fighter)),
            };
            Row {
                notes,
                ..simple(cue(referee), what)
            }
        }
        StmtKind::Up { fighter } => simple(cue(fighter), "up".into()),
        StmtKind::Towel { fighter } => simple(format!("{}'S CORNER", cue(fighter)), "towel".into()),
        StmtKind::Bell => simple(String::new(), "bell".into()),
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
        | StmtKind::Broken { .. } => return None,
    };
    Some(row)
}

/// The whole table of `fight`.
pub fn build(model: &Model<'_>, clocks: &Clocks, fight: &Fight<'_>) -> FightTable {
    let mut rows: Vec<Row> = fight
        .facts
        .events
        .iter()
        .filter_map(|fact| row(model, clocks, fact.stmt))
        .collect();
    for (i, row) in rows.iter_mut().enumerate() {
        row.number = i + 1;
    }
    FightTable {
        title: title(model, fight),
        opens: true,
        rows,
    }
}
