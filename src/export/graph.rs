//! The event graph as Graphviz DOT or JSON, with its edge kinds. Node ids are
//! the stable ids; nodes and edges come in source order.

use std::fmt::Write;

use serde::Serialize;

use crate::model::Model;
use crate::model::graph::{EdgeKind, NodeKind};

/// Options of the graph exports.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Group each block's nodes in a DOT cluster.
    pub clusters: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { clusters: true }
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

/// The graph of `model` as JSON.
pub fn json(model: &Model<'_>) -> GraphJson {
    let graph = &model.graph;
    let nodes = graph
        .order
        .iter()
        .map(|&n| {
            let node = &graph.graph[n];
            NodeJson {
                id: graph.id(n),
                kind: node.kind,
                line: model.script.line_of(node.span.start),
                screen_start_ms: node.screen_start,
                screen_duration_ms: node.screen_duration,
                fight_ms: node.fight_clock().map(|c| c.absolute),
                round: node.round(),
            }
        })
        .collect();
    let edges = graph
        .edges_in_order()
        .into_iter()
        .map(|(a, b, kind)| EdgeJson {
            from: graph.id(a),
            to: graph.id(b),
            kind,
        })
        .collect();
    GraphJson { nodes, edges }
}

fn quote(text: &str) -> String {
    format!(
        "\"{}\"",
        text.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

/// The graph of `model` as Graphviz DOT.
pub fn dot(model: &Model<'_>, options: Options) -> String {
    let graph = &model.graph;
    let mut out = String::from(
        "digraph bout {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#f3f1ea\"];\n  edge [fontname=\"Helvetica\", fontsize=8];\n",
    );
    let mut depth = 0usize;
    for &n in &graph.order {
        let node = &graph.graph[n];
        let id = graph.id(n);
        let line = model.script.line_of(node.span.start);
        match node.kind {
            NodeKind::Start(block) if options.clusters => {
                depth += 1;
                let _ = writeln!(
                    out,
                    "{}subgraph {} {{",
                    "  ".repeat(depth),
                    quote(&format!("cluster_{}", id.trim_end_matches(".start")))
                );
                let _ = writeln!(
                    out,
                    "{}  label={}; style=rounded; color=\"#a6a293\";",
                    "  ".repeat(depth),
                    quote(&format!("{:?} {}", block, id.trim_end_matches(".start")))
                );
            }
            _ => {}
        }
        let (shape, fill) = match node.kind {
            NodeKind::Start(_) | NodeKind::End(_) => ("point", "#1f2328"),
            NodeKind::Event => ("box", "#c8d7ee"),
            NodeKind::Reaction => ("box", "#f4d3b5"),
            NodeKind::Bell => ("diamond", "#f6dd7a"),
            NodeKind::Beat => ("note", "#e4e1d6"),
        };
        let label = format!("{id}\\nline {line}");
        let _ = writeln!(
            out,
            "{}  {} [label=\"{}\", shape={shape}, fillcolor=\"{fill}\"];",
            "  ".repeat(depth),
            quote(&id),
            label.replace('"', "\\\"")
        );
        if let NodeKind::End(_) = node.kind
            && options.clusters
            && depth > 0
        {
            let _ = writeln!(out, "{}}}", "  ".repeat(depth));
            depth -= 1;
        }
    }
    for (a, b, kind) in graph.edges_in_order() {
        let style = match kind {
            EdgeKind::Sequence => "color=\"#6b7078\"",
            EdgeKind::Cause => "color=\"#d62828\", penwidth=1.6, label=\"cause\"",
            EdgeKind::Simultaneous => "color=\"#2b4f8a\", style=dashed, dir=none, label=\"&\"",
            EdgeKind::After => "color=\"#6a4c9c\", style=bold, label=\"after\"",
        };
        let _ = writeln!(
            out,
            "  {} -> {} [{style}];",
            quote(&graph.id(a)),
            quote(&graph.id(b))
        );
    }
    out.push_str("}\n");
    out
}
