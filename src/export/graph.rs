//! The event graph as Graphviz DOT or JSON, with its edge kinds. Node ids are
//! the stable ids; nodes and edges come in source order.
//!
//! Each node says who does what ("Drago: right uppercut to the chin",
//! "Rocky: down, on the mat"), each cluster what it is ("Round 1",
//! "Exchange “the wall”"), in the cast's cue names; the DOT draws a
//! fight's rounds side by side, each a column, with a legend of the edge
//! kinds; `Options::only` shows one fight or one round of it.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::Model;
use crate::model::graph::{EdgeKind, NodeKind};

/// Options of the graph exports.
#[derive(Clone, Debug)]
pub struct Options {
    /// Group each block's nodes in a DOT cluster.
    pub clusters: bool,
    /// Only the nodes whose id starts so (a fight's `s2.f1.`, a round's
    /// `s2.f1.r3.`); all when `None`.
    pub only: Option<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            clusters: true,
            only: None,
        }
    }
}

/// The id prefix of `fight` (its label without `#`, or its number from 1
/// in source order) and, with `round`, of that round: what
/// [`Options::only`] takes. `None` when the script has no such fight.
pub fn prefix(model: &Model<'_>, fight: &str, round: Option<u32>) -> Option<String> {
    let wanted = fight.trim_start_matches('#');
    let index = match wanted.parse::<usize>() {
        Ok(n) => n.checked_sub(1)?,
        Err(_) => model
            .fights
            .iter()
            .position(|f| f.stmt.label().is_some_and(|l| l.value == wanted))?,
    };
    let stmt = model.fights.get(index)?.stmt;
    let graph = &model.graph;
    let start = graph
        .order()
        .find(|&n| graph.graph[n].stmt.is_some_and(|s| std::ptr::eq(s, stmt)))?;
    let id = graph.id(start);
    let fight_prefix = format!("{}.", id.trim_end_matches(".start"));
    Some(match round {
        None => fight_prefix,
        Some(r) => format!("{fight_prefix}r{r}."),
    })
}

/// A person's name as a graph shows it: the cue in title case ("Drago",
/// "KGB Agent").
fn who(model: &Model<'_>, id: &str) -> String {
    let cue = model
        .names
        .member(id)
        .map_or(id.replace('_', " "), |m| m.cue.to_string());
    crate::export::timeline::title_case(&cue)
}

/// At most `n` characters of `text` on one line, `…` when cut.
fn short(text: &str, n: usize) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= n {
        one
    } else {
        one.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}

/// What a node says: who does what, or what a block is.
pub fn label(model: &Model<'_>, node: &crate::model::graph::Node<'_>) -> String {
    use crate::syntax::ast::*;
    let Some(stmt) = node.stmt else {
        return String::new();
    };
    match (&stmt.kind, node.kind) {
        (StmtKind::Move(m), NodeKind::Reaction) => match &m.reaction {
            Some(r) => {
                let detail = r.detail.map_or(String::new(), |d| match d.value {
                    ReactionDetail::Direction(dir) => format!(" {}", dir.as_str()),
                    ReactionDetail::Location(loc) => format!(" {}", loc.as_str()),
                });
                let mat = if r.mat.is_some() { ", on the mat" } else { "" };
                format!(
                    "{}: {}{detail}{mat}",
                    who(model, &r.defender.value),
                    r.kind.value.as_str()
                )
            }
            None => String::new(),
        },
        (StmtKind::Move(m), _) => {
            let side = m
                .side
                .map_or(String::new(), |s| format!("{} ", s.value.as_str()));
            let target = m
                .target
                .map_or(String::new(), |t| format!(" to the {}", t.value.as_str()));
            let flurry = if m.flurry() > 1 {
                format!(" x{}", m.flurry())
            } else {
                String::new()
            };
            format!(
                "{}: {side}{}{target}{flurry}",
                who(model, &m.attacker.value),
                m.technique.value
            )
        }
        (StmtKind::Referee { referee, action }, _) => {
            let what = match action {
                RefereeAction::Count(n) => format!("counts {}", n.value),
                RefereeAction::Break => "breaks them".into(),
                RefereeAction::Warn { fighter, .. } => {
                    format!("warns {}", who(model, &fighter.value))
                }
                RefereeAction::Deduct { fighter, .. } => {
                    format!("deducts from {}", who(model, &fighter.value))
                }
                RefereeAction::Disqualify { fighter } => {
                    format!("disqualifies {}", who(model, &fighter.value))
                }
                RefereeAction::Stop { fighter } => format!("stops {}", who(model, &fighter.value)),
            };
            format!("{} {what}", who(model, &referee.value))
        }
        (StmtKind::Up { fighter }, _) => format!("{} up", who(model, &fighter.value)),
        (StmtKind::Towel { fighter }, _) => format!("towel for {}", who(model, &fighter.value)),
        (StmtKind::Bell, _) => "Bell".into(),
        (StmtKind::Dialogue { speaker, line, .. }, _) => {
            format!(
                "{}: “{}”",
                who(model, &speaker.value),
                short(&line.value, 40)
            )
        }
        (
            StmtKind::Action { text }
            | StmtKind::Shot { text }
            | StmtKind::Sound { text }
            | StmtKind::Note { text }
            | StmtKind::Transition { text },
            _,
        ) => short(&text.value, 40),
        (StmtKind::Page { text, kind, .. }, _) => short(
            &format!(
                "{} {}",
                kind.value.as_str(),
                text.as_ref().map_or("", |t| t.value.as_str())
            ),
            40,
        ),
        (StmtKind::Pause, _) => "(beat)".into(),
        (StmtKind::Scene { heading, .. }, _) => format!("Scene: {}", short(&heading.value, 40)),
        (StmtKind::Montage { title, .. }, _) => format!("Montage “{}”", short(&title.value, 30)),
        (StmtKind::Fight { red, blue, .. }, _) => {
            format!(
                "Fight: {} vs {}",
                who(model, &red.value),
                who(model, &blue.value)
            )
        }
        (StmtKind::Round { number, .. }, _) => format!("Round {}", number.value),
        (StmtKind::Corner { fighter, .. }, _) => format!("{}'s corner", who(model, &fighter.value)),
        (StmtKind::RoundsMontage { rounds, .. }, _) => {
            format!("Rounds {}–{}", rounds.value.0, rounds.value.1)
        }
        (StmtKind::Exchange { name, .. }, _) => match name {
            Some(n) => format!("Exchange “{}”", short(&n.value, 30)),
            None => "Exchange".into(),
        },
        (
            StmtKind::TitleField { .. }
            | StmtKind::Production { .. }
            | StmtKind::Cast { .. }
            | StmtKind::CastMember(_)
            | StmtKind::Moves { .. }
            | StmtKind::Setting(_)
            | StmtKind::Result(_)
            | StmtKind::Broken { .. },
            _,
        ) => String::new(),
    }
}

/// The graph as JSON.
#[derive(Debug, Serialize)]
pub struct GraphJson {
    /// Nodes in source order.
    pub nodes: Vec<NodeJson>,
    /// Edges in a stable order.
    pub edges: Vec<EdgeJson>,
}

/// One node.
#[derive(Debug, Serialize)]
pub struct NodeJson {
    /// Stable id.
    pub id: String,
    /// What it is.
    pub kind: NodeKind,
    /// Who does what, or what the block is, as the DOT labels it.
    pub label: String,
    /// 1-based source line.
    pub line: usize,
    /// Screen start, milliseconds.
    pub screen_start_ms: u64,
    /// Screen length, milliseconds.
    pub screen_duration_ms: u64,
    /// Fight clock: milliseconds from the fight's start.
    pub fight_ms: Option<u64>,
    /// The round.
    pub round: Option<u32>,
}

/// One edge.
#[derive(Debug, Serialize)]
pub struct EdgeJson {
    /// Source node id.
    pub from: String,
    /// Target node id.
    pub to: String,
    /// `sequence`, `cause`, `simultaneous` or `after`.
    pub kind: EdgeKind,
}

/// The numbers of the rounds written out (`round N { … }`) in the fight
/// whose ids start with `fight_prefix`, in source order.
pub fn rounds(model: &Model<'_>, fight_prefix: &str) -> Vec<u32> {
    let graph = &model.graph;
    graph
        .order()
        .filter(|&n| graph.graph[n].kind == NodeKind::Start(crate::model::graph::BlockKind::Round))
        .filter_map(|n| {
            let id = graph.id(n);
            let rest = id.strip_prefix(fight_prefix)?.strip_suffix(".start")?;
            rest.strip_prefix('r')?.parse().ok()
        })
        .collect()
}

/// The graph of `model` as JSON: every node, or (with `only`) those whose
/// id starts so and the edges between them.
pub fn json(model: &Model<'_>, only: Option<&str>) -> GraphJson {
    GraphJson {
        nodes: nodes(model, only).collect(),
        edges: edges(model, only).collect(),
    }
}

/// [`json`] as it serialises, each node and edge made as it is written:
/// what `bout graph --to json` streams, so that the nodes of a long script
/// (many times its size as JSON values) are never held all at once.
pub fn json_stream<'m>(model: &'m Model<'m>, only: Option<&'m str>) -> impl Serialize + 'm {
    /// The document: `{"nodes": [...], "edges": [...]}`, as [`GraphJson`].
    struct Document<'m> {
        model: &'m Model<'m>,
        only: Option<&'m str>,
    }
    /// A list made as it is written.
    struct Seq<F>(F);
    impl<I: Iterator<Item = T>, T: Serialize, F: Fn() -> I> Serialize for Seq<F> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq((self.0)())
        }
    }
    impl Serialize for Document<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeStruct;
            let (model, only) = (self.model, self.only);
            let mut document = serializer.serialize_struct("GraphJson", 2)?;
            document.serialize_field("nodes", &Seq(|| nodes(model, only)))?;
            document.serialize_field("edges", &Seq(|| edges(model, only)))?;
            document.end()
        }
    }
    Document { model, only }
}

/// The nodes of [`json`], in source order.
fn nodes<'m>(model: &'m Model<'_>, only: Option<&'m str>) -> impl Iterator<Item = NodeJson> + 'm {
    let graph = &model.graph;
    graph.order().filter_map(move |n| {
        let id = graph.id(n);
        if !only.is_none_or(|p| id.starts_with(p)) {
            return None;
        }
        let node = &graph.graph[n];
        Some(NodeJson {
            id,
            kind: node.kind,
            label: crate::export::escape::inert(&label(model, node)).into_owned(),
            line: model.script.line_of(node.span().start),
            screen_start_ms: node.screen_start,
            screen_duration_ms: graph.screen_duration(n),
            fight_ms: node.fight_millis(),
            round: node.round(),
        })
    })
}

/// The edges of [`json`] between shown nodes, in a stable order.
fn edges<'m>(model: &'m Model<'_>, only: Option<&'m str>) -> impl Iterator<Item = EdgeJson> + 'm {
    let graph = &model.graph;
    graph
        .edges_in_order()
        .into_iter()
        .filter_map(move |(a, b, kind)| {
            let (from, to) = (graph.id(a), graph.id(b));
            let shown = |id: &str| only.is_none_or(|p| id.starts_with(p));
            (shown(&from) && shown(&to)).then_some(EdgeJson { from, to, kind })
        })
}

fn quote(text: &str) -> String {
    format!(
        "\"{}\"",
        text.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

/// The graph of `model` as Graphviz DOT: nodes labelled with who does
/// what and their line, clusters named, edges styled by kind with a legend,
/// and each fight's rounds, corners and rounds montages side by side, left
/// to right in source order (the edges from one into the next do not push
/// it down).
pub fn dot(model: &Model<'_>, options: &Options) -> String {
    let mut out = String::new();
    write_dot(model, options, &mut out);
    out
}

/// [`dot`], written to `out` node by node (see [`super::stream`]). A write
/// error ends nothing early but is kept by `out`, which then writes no more.
pub fn write_dot(model: &Model<'_>, options: &Options, out: &mut impl std::fmt::Write) {
    let graph = &model.graph;
    let _ = out.write_str(
        "digraph bout {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#f3f1ea\"];\n  edge [fontname=\"Helvetica\", fontsize=8];\n",
    );
    let shown = |id: &str| options.only.as_deref().is_none_or(|p| id.starts_with(p));
    let mut depth = 0usize;
    // The column each node stands in: the fight's round, corner or rounds
    // montage it is in (its id up to that block), `None` outside one.
    let column_of = |id: &str| -> Option<String> {
        let parts: Vec<&str> = id.split('.').collect();
        let numbered = |part: &str, lead: &[char]| {
            part.len() > 1
                && part.starts_with(lead)
                && part[1..].chars().all(|c| c.is_ascii_digit())
        };
        let fight = parts.iter().position(|p| numbered(p, &['f']))?;
        let block = parts.get(fight + 1)?;
        numbered(block, &['r', 'c', 'm']).then(|| parts[..fight + 2].join("."))
    };
    // Each fight's columns (its rounds, corners and rounds montages) in
    // source order, to stand side by side.
    // By the fight's id: a script has hundreds of fights and tens of
    // thousands of blocks, and each block's start looks its fight up.
    let mut columns: HashMap<String, Vec<String>> = HashMap::new();
    for n in graph.order() {
        if !matches!(graph.graph[n].kind, NodeKind::Start(_)) {
            continue;
        }
        let id = graph.id(n);
        if shown(&id)
            && let Some(column) = column_of(&id).filter(|c| id.strip_suffix(".start") == Some(c))
            && let Some(fight) = column.rfind('.').map(|i| column[..i].to_string())
        {
            columns.entry(fight).or_default().push(column);
        }
    }
    for n in graph.order() {
        let node = &graph.graph[n];
        let id = graph.id(n);
        if !shown(&id) {
            continue;
        }
        let line = model.script.line_of(node.span().start);
        let text = crate::export::escape::inert(&label(model, node)).into_owned();
        if let NodeKind::Start(_) = node.kind {
            if options.clusters {
                depth += 1;
                let _ = writeln!(
                    out,
                    "{}subgraph {} {{",
                    "  ".repeat(depth),
                    quote(&format!("cluster_{}", id.trim_end_matches(".start")))
                );
                let _ = writeln!(
                    out,
                    "{}  label={}; labeljust=l; style=rounded; color=\"#a6a293\"; fontname=\"Helvetica\";",
                    "  ".repeat(depth),
                    quote(&text)
                );
            }
            // A row of invisible anchors, chained left to right on one
            // rank, each above its column's first node: Graphviz keeps flat
            // edges in order and so the columns. (Not `newrank`: with it,
            // Graphviz 2.43 lays the columns right to left.)
            if let Some(heads) = id
                .strip_suffix(".start")
                .and_then(|fight| columns.get(fight))
                .filter(|heads| heads.len() > 1)
            {
                let indent = "  ".repeat(depth + 1);
                let anchors: Vec<String> = heads
                    .iter()
                    .map(|h| quote(&format!("{h}.column")))
                    .collect();
                for anchor in &anchors {
                    let _ = writeln!(out, "{indent}{anchor} [shape=point, style=invis, width=0];");
                }
                let _ = writeln!(out, "{indent}{{ rank=same; {}; }}", anchors.join("; "));
                let _ = writeln!(out, "{indent}{} [style=invis];", anchors.join(" -> "));
                for (anchor, head) in anchors.iter().zip(heads) {
                    let _ = writeln!(
                        out,
                        "{indent}{anchor} -> {} [style=invis, weight=10];",
                        quote(&format!("{head}.start"))
                    );
                }
            }
        }
        let (shape, fill) = match node.kind {
            NodeKind::Start(_) | NodeKind::End(_) => ("point", "#1f2328"),
            NodeKind::Event => ("box", "#c8d7ee"),
            NodeKind::Reaction => ("box", "#f4d3b5"),
            NodeKind::Bell => ("diamond", "#f6dd7a"),
            NodeKind::Beat => ("note", "#e4e1d6"),
        };
        let shown_label = match node.kind {
            NodeKind::Start(_) | NodeKind::End(_) => String::new(),
            NodeKind::Event | NodeKind::Reaction | NodeKind::Bell | NodeKind::Beat => {
                format!("{text}\nline {line}")
            }
        };
        // (No tooltip: Graphviz would wrap the node in a link in SVG.)
        let _ = writeln!(
            out,
            "{}  {} [label={}, shape={shape}, fillcolor=\"{fill}\"];",
            "  ".repeat(depth),
            quote(&id),
            quote(&shown_label),
        );
        if let NodeKind::End(_) = node.kind
            && options.clusters
            && depth > 0
        {
            let _ = writeln!(out, "{}}}", "  ".repeat(depth));
            depth -= 1;
        }
    }
    while depth > 0 {
        let _ = writeln!(out, "{}}}", "  ".repeat(depth));
        depth -= 1;
    }
    for (a, b, kind) in graph.edges_in_order() {
        let (from, to) = (graph.id(a), graph.id(b));
        if !shown(&from) || !shown(&to) {
            continue;
        }
        let style = match kind {
            EdgeKind::Sequence => "color=\"#6b7078\"",
            EdgeKind::Cause => "color=\"#d62828\", penwidth=1.6",
            EdgeKind::Simultaneous => "color=\"#2b4f8a\", style=dashed, dir=none",
            EdgeKind::After => "color=\"#6a4c9c\", style=bold",
        };
        // From one column into another: drawn, but it does not rank.
        let across = match (column_of(&from), column_of(&to)) {
            (Some(x), Some(y)) => x != y,
            (Some(_), None) | (None, Some(_)) => true,
            (None, None) => false,
        };
        let constraint = if across { ", constraint=false" } else { "" };
        let _ = writeln!(
            out,
            "  {} -> {} [{style}{constraint}];",
            quote(&from),
            quote(&to)
        );
    }
    // The legend: one edge of each kind.
    let _ = out.write_str(
        "  subgraph cluster_legend {\n    label=\"Legend\"; labeljust=l; style=rounded; color=\"#a6a293\"; fontname=\"Helvetica\";\n    node [shape=plaintext, style=\"\", fillcolor=\"none\", fontsize=9];\n    legend_a1 [label=\"then\"]; legend_b1 [label=\"\"];\n    legend_a2 [label=\"causes\"]; legend_b2 [label=\"\"];\n    legend_a3 [label=\"at the same time (&)\"]; legend_b3 [label=\"\"];\n    legend_a4 [label=\"after #label\"]; legend_b4 [label=\"\"];\n    legend_a1 -> legend_b1 [color=\"#6b7078\"];\n    legend_a2 -> legend_b2 [color=\"#d62828\", penwidth=1.6];\n    legend_a3 -> legend_b3 [color=\"#2b4f8a\", style=dashed, dir=none];\n    legend_a4 -> legend_b4 [color=\"#6a4c9c\", style=bold];\n    { rank=same; legend_a1; legend_a2; legend_a3; legend_a4; }\n    legend_a1 -> legend_a2 -> legend_a3 -> legend_a4 [style=invis];\n  }\n",
    );
    let _ = out.write_str("}\n");
}
