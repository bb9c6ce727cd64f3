//! The fight-script table: numbered rows a fight director hands to
//! performers — round, clock, attacker, technique and target, the defender's
//! reaction, knap, contact, notes.

use crate::model::graph::NodeKind;
use crate::model::{Fight, Model};
use crate::syntax::ast::*;

/// One fight's table.
#[derive(Clone, Debug, PartialEq)]
pub struct FightTable {
    /// "ROCKY vs DRAGO".
    pub title: String,
    /// The rows, numbered from 1.
    pub rows: Vec<Row>,
}

/// One move (or referee action) of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Running number.
    pub number: usize,
    /// Round, or empty.
    pub round: String,
    /// Round clock `m:ss`, or empty.
    pub clock: String,
    /// Who acts.
    pub attacker: String,
    /// Technique and target: "R uppercut chin x2".
    pub technique: String,
    /// The defender and his reaction: "ROCKY down (mat)".
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
}

/// The table of `fight`.
pub fn build(model: &Model<'_>, fight: &Fight<'_>) -> FightTable {
    // Round clocks from the scheduled graph, by statement.
    let clocks: std::collections::HashMap<*const Stmt, u64> = model
        .graph
        .order
        .iter()
        .map(|&n| &model.graph.graph[n])
        .filter(|n| n.kind == NodeKind::Event)
        .filter_map(|n| Some((n.stmt? as *const Stmt, n.fight_clock?.in_round?)))
        .collect();
    let mut rows = Vec::new();
    for fact in &fight.facts.events {
        let stmt = fact.stmt;
        let clock = clocks
            .get(&(stmt as *const Stmt))
            .map(|ms| format!("{}:{:02}", ms / 60_000, (ms / 1000) % 60))
            .unwrap_or_default();
        let round = fact.round.map(|r| r.to_string()).unwrap_or_default();
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
                        Modifier::Knap(Knap::Member(id)) => knap = id.value.to_string(),
                        Modifier::Contact(c) => contact = c.as_str().to_owned(),
                        Modifier::Speed(p) => notes.push(format!("speed {p}%")),
                        Modifier::Camera(c) => notes.push(format!("camera: {c}")),
                        Modifier::For(d) => notes.push(format!("{:.1}s", d.millis as f64 / 1000.0)),
                    }
                }
                let reaction = m.reaction.as_ref().map_or(String::new(), |r| {
                    let mut text = format!("{} {}", r.defender.value, r.kind.value.as_str());
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
                    attacker: m.attacker.value.to_string(),
                    technique: technique.join(" "),
                    reaction,
                    knap,
                    contact,
                    notes: notes.join(", "),
                }
            }
            StmtKind::Referee { referee, action } => {
                let what = match action {
                    RefereeAction::Count(n) => format!("count {}", n.value),
                    RefereeAction::Break => "break".into(),
                    RefereeAction::Warn { fighter, .. } => format!("warn {}", fighter.value),
                    RefereeAction::Deduct { fighter, .. } => format!("deduct {}", fighter.value),
                    RefereeAction::Disqualify { fighter } => {
                        format!("disqualify {}", fighter.value)
                    }
                    RefereeAction::Stop { fighter } => format!("stop {}", fighter.value),
                };
                Row {
                    number: 0,
                    round,
                    clock,
                    attacker: referee.value.to_string(),
                    technique: what,
                    reaction: String::new(),
                    knap: String::new(),
                    contact: String::new(),
                    notes: String::new(),
                }
            }
            StmtKind::Up { fighter } => Row {
                number: 0,
                round,
                clock,
                attacker: fighter.value.to_string(),
                technique: "up".into(),
                reaction: String::new(),
                knap: String::new(),
                contact: String::new(),
                notes: String::new(),
            },
            StmtKind::Towel { fighter } => Row {
                number: 0,
                round,
                clock,
                attacker: format!("{} corner", fighter.value),
                technique: "towel".into(),
                reaction: String::new(),
                knap: String::new(),
                contact: String::new(),
                notes: String::new(),
            },
            StmtKind::Bell => Row {
                number: 0,
                round,
                clock,
                attacker: String::new(),
                technique: "bell".into(),
                reaction: String::new(),
                knap: String::new(),
                contact: String::new(),
                notes: String::new(),
            },
            _ => continue,
        };
        rows.push(row);
    }
    for (i, row) in rows.iter_mut().enumerate() {
        row.number = i + 1;
    }
    FightTable {
        title: format!("{} vs {}", fight.fighters[0].value, fight.fighters[1].value),
        rows,
    }
}
