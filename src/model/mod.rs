//! The checked model: what a script means once its names are resolved.
//! Each fight's effective rules, the event graph with both clocks, and
//! the fighters' state through every event.
//!
//! This layer reads the syntax tree and the names; it reports nothing.
//! The lints (`crate::lints`) read it and decide what is wrong; the
//! exporters will read it and never the source.

pub mod call;
pub mod graph;
pub mod ruleset;
pub mod state;
pub mod timing;

use crate::names::Names;
use crate::syntax::ast::*;

pub use graph::EventGraph;
pub use ruleset::Rules;
pub use state::FightFacts;

/// A script's meaning.
#[derive(Debug)]
pub struct Model<'a> {
    /// The syntax tree.
    pub script: &'a Script,
    /// The resolved names.
    pub names: &'a Names,
    /// Who will perform it (default `screen`).
    pub production: ProductionMode,
    /// Every fight, in source order.
    pub fights: Vec<Fight<'a>>,
    /// The event graph, scheduled.
    pub graph: EventGraph<'a>,
    /// The statements of the kinds several lints read, gathered in the
    /// model's one walk over the tree, so no lint walks it again.
    pub index: Index<'a>,
}

/// Statements by kind, each list in source order.
#[derive(Debug, Default)]
pub struct Index<'a> {
    /// Every `scene`.
    pub scenes: Vec<&'a Stmt>,
    /// Every `transition`.
    pub transitions: Vec<&'a Stmt>,
    /// Every line of dialogue, wherever it stands.
    pub dialogue: Vec<&'a Stmt>,
}

/// One fight.
#[derive(Debug)]
pub struct Fight<'a> {
    /// The `fight` statement.
    pub stmt: &'a Stmt,
    /// The two fighters, as written in the header.
    pub fighters: [&'a Ident; 2],
    /// The effective rules.
    pub rules: Rules,
    /// The `referee` setting.
    pub referee: Option<&'a Ident>,
    /// The `rules` setting, when given.
    pub rules_setting: Option<&'a Stmt>,
    /// The `result`, when given.
    pub result: Option<(&'a FightResult, &'a Stmt)>,
    /// The fighters' state through the fight.
    pub facts: FightFacts<'a>,
}

/// Builds the model of `script`.
pub fn build<'a>(script: &'a Script, names: &'a Names) -> Model<'a> {
    let production = script
        .items
        .iter()
        .find_map(|s| {
            if let StmtKind::Production { mode } = &s.kind {
                Some(mode.value)
            } else {
                None
            }
        })
        .unwrap_or(ProductionMode::Screen);
    let mut fight_stmts: Vec<&Stmt> = Vec::new();
    let mut index = Index::default();
    for stmt in crate::syntax::visit::statements(&script.items) {
        match &stmt.kind {
            StmtKind::Fight { .. } => fight_stmts.push(stmt),
            StmtKind::Scene { .. } => index.scenes.push(stmt),
            StmtKind::Transition { .. } => index.transitions.push(stmt),
            StmtKind::Dialogue { .. } => index.dialogue.push(stmt),
            _ => {}
        }
    }
    let rules: Vec<Rules> = fight_stmts.iter().map(|s| fight_rules(s)).collect();
    let graph = graph::build(script, names, &rules);
    let starts = state::fight_starts(&graph);
    // Each fight's facts follow its own part of the graph: the fights are
    // simulated in parallel, and collected in source order.
    use rayon::prelude::*;
    let starts: Vec<Option<usize>> = fight_stmts
        .iter()
        .map(|&stmt| starts.get(&(stmt as *const Stmt)).copied())
        .collect();
    let fights = fight_stmts
        .into_par_iter()
        .zip(rules)
        .zip(starts)
        .map(|((stmt, rules), start)| fight(stmt, rules, &graph, start))
        .collect();
    Model {
        script,
        names,
        production,
        fights,
        graph,
        index,
    }
}

fn settings(stmt: &Stmt) -> impl Iterator<Item = (&Stmt, &Setting)> {
    stmt.body()
        .into_iter()
        .flat_map(|b| &b.items)
        .filter_map(|s| {
            if let StmtKind::Setting(setting) = &s.kind {
                Some((s, setting))
            } else {
                None
            }
        })
}

/// The ruleset's defaults with the fight's settings applied.
fn fight_rules(stmt: &Stmt) -> Rules {
    let ruleset = settings(stmt)
        .find_map(|(_, s)| match s {
            Setting::Rules(r) => Some(r.value),
            _ => None,
        })
        .unwrap_or(Ruleset::Pro);
    let mut rules = Rules::defaults(ruleset);
    for (_, setting) in settings(stmt) {
        match setting {
            // A street fight has no rounds: these settings are reported
            // (R004) and leave its rules as they are.
            _ if !rules.has_rounds() => {}
            Setting::Rounds(n) => rules.rounds = Some(n.value),
            Setting::RoundLength(d) => rules.round_length = Some(d.value),
            Setting::Rest(d) => rules.rest = d.value,
            Setting::ThreeKnockdown(s) => rules.three_knockdown = s.value == Switch::On,
            _ => {}
        }
    }
    rules
}

fn fight<'a>(
    stmt: &'a Stmt,
    rules: Rules,
    graph: &EventGraph<'a>,
    start: Option<usize>,
) -> Fight<'a> {
    let StmtKind::Fight { red, blue, body } = &stmt.kind else {
        unreachable!("build keeps only fights")
    };
    let referee = settings(stmt).find_map(|(_, s)| match s {
        Setting::Referee(id) => Some(id),
        _ => None,
    });
    let rules_setting =
        settings(stmt).find_map(|(st, s)| matches!(s, Setting::Rules(_)).then_some(st));
    let result = body.items.iter().find_map(|s| {
        if let StmtKind::Result(r) = &s.kind {
            Some((r, s))
        } else {
            None
        }
    });
    let facts = state::simulate([red, blue], &rules, graph, start);
    Fight {
        stmt,
        fighters: [red, blue],
        rules,
        referee,
        rules_setting,
        result,
        facts,
    }
}
