//! The event graph: one node per beat and event, a start and an end node
//! for each scene, fight, round, exchange, corner and montage, and the
//! bells; edges for sequence, cause, simultaneity and `after`. Then the
//! scheduler, which gives every node its fight clock and its screen time.
//!
//! Invariants: node ids are derived from the source (`s2.f1.r3.x1.e2`),
//! never from petgraph indices; nodes are created in source order, so a
//! node's petgraph index is its position in source order
//! ([`EventGraph::order`]); scheduling is one topological pass, linear in
//! nodes and edges.

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::ruleset::Rules;
use super::timing;
use crate::fxhash::FxHashMap;
use crate::names::Names;
use crate::syntax::ast::*;

/// The event graph of one script, scheduled.
#[derive(Debug)]
pub struct EventGraph<'a> {
    /// The graph. Indices are private to this run; use [`EventGraph::id`]
    /// for a node's stable id. Nodes are never removed.
    pub graph: DiGraph<Node<'a>, EdgeKind>,
    /// Every cycle through `after`, each as its `after` steps in source order.
    pub cycles: Vec<Vec<AfterStep>>,
    /// The nodes with an `@` anchor ([`Node::anchor`]), in source order:
    /// few, and read by several lints that would otherwise visit every
    /// node's statement to find them.
    pub anchored: Vec<NodeIndex>,
    /// The screen lengths that differ from the story's (a rounds
    /// montage's beats, fitted to its length): few, so kept beside the
    /// nodes, not in each. Read through [`EventGraph::screen_duration`].
    screen: FxHashMap<NodeIndex, u64>,
    /// Where each anchored node and each bell would have started without
    /// its anchor, or its round's length: read through
    /// [`EventGraph::unanchored`].
    unanchored: FxHashMap<NodeIndex, u64>,
    /// Each fight's rules, by the fight's index: a round's start on the
    /// fight clock, for [`EventGraph::fight_clock`].
    rules: Vec<Rules>,
}

/// One node of the event graph.
///
/// Kept small (one per event, two per block, 72 bytes): the stable id is
/// stored as its last step and spelt out on demand by [`EventGraph::id`];
/// the optional numbers are stored with a sentinel instead of a tag and
/// read through [`Node::fight`], [`Node::round`], [`Node::fight_clock`] and
/// [`Node::anchor`]; the anchor and the span are read from the statement;
/// what few nodes have (a screen length of their own, a start before an
/// anchor moved it) is kept beside the graph, in [`EventGraph`].
#[derive(Debug)]
pub struct Node<'a> {
    /// The last step of the node's stable id; [`EventGraph::id`] spells the
    /// whole id, such as `s2.f1.r3.e4`.
    pub id: NodeId,
    /// What the node stands for.
    pub kind: NodeKind,
    /// The fight's index, or [`NONE_U32`].
    fight: u32,
    /// The round's number, or [`NONE_U32`].
    round: u32,
    /// The statement it comes from (`None` for nothing; block ends carry
    /// their block's statement).
    pub stmt: Option<&'a Stmt>,
    /// Its length in story time, milliseconds; on screen too, unless
    /// [`EventGraph::screen_duration`] says otherwise.
    pub duration: u64,
    /// When it starts on screen, milliseconds from the first scene.
    pub screen_start: u64,
    /// The fight clock's milliseconds from the fight's start, or
    /// [`NONE_U64`] outside fights. (The time into the round is not kept:
    /// it is this less the round's start, which the fight's rules give;
    /// see [`EventGraph::fight_clock`].)
    clock: u64,
}

/// "None" in a [`Node`]'s 32-bit numbers. Fight indices and round numbers
/// never reach it: round numbers are at most 1,000 (S024) and a fight
/// takes far more than a byte of source.
const NONE_U32: u32 = u32::MAX;
/// "None" in a [`Node`]'s clocks. Clocks are sums of durations of at most
/// 24 hours each (S024), never within a factor of 10^8 of it.
const NONE_U64: u64 = u64::MAX;

impl Node<'_> {
    /// Where in the source: its statement; an empty span where a block
    /// opens or closes, for its start and end; a move's reaction, for the
    /// reaction.
    pub fn span(&self) -> Span {
        let Some(stmt) = self.stmt else {
            return Span::default();
        };
        match self.id.part {
            Part::Whole => stmt.span,
            Part::Start => Span::new(stmt.span.start as usize, stmt.span.start as usize),
            Part::End => Span::new(stmt.span.end as usize, stmt.span.end as usize),
            Part::Reaction => match &stmt.kind {
                StmtKind::Move(Move {
                    reaction: Some(reaction),
                    ..
                }) => reaction.span,
                _ => stmt.span,
            },
        }
    }

    /// The fight it belongs to, as an index into [`super::Model::fights`].
    pub fn fight(&self) -> Option<usize> {
        (self.fight != NONE_U32).then_some(self.fight as usize)
    }

    /// The round it stands in.
    pub fn round(&self) -> Option<u32> {
        (self.round != NONE_U32).then_some(self.round)
    }

    /// The fight clock, milliseconds from the fight's start, for nodes
    /// inside a fight; [`EventGraph::fight_clock`] gives the round's clock
    /// too.
    pub fn fight_millis(&self) -> Option<u64> {
        (self.clock != NONE_U64).then_some(self.clock)
    }

    /// The `@m:ss` written on it, milliseconds into the round: the
    /// anchor of its statement, on the node the statement starts with.
    pub fn anchor(&self) -> Option<u64> {
        match self.id.part {
            Part::Whole | Part::Start => self.stmt?.anchor().map(|a| a.value.millis),
            Part::End | Part::Reaction => None,
        }
    }
}

/// The kinds of node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NodeKind {
    /// The start of a block.
    Start(BlockKind),
    /// The end of a block.
    End(BlockKind),
    /// A beat: action, dialogue, shot, sound, note, pause, transition.
    Beat,
    /// A fight event: a move's attack, a referee event, `up`, `towel`.
    Event,
    /// The defender's reaction to a move.
    Reaction,
    /// A bell.
    Bell,
}

/// The last step of a node's stable id: which block holds it (the start
/// node of that block), its letter and number there, and the part of its
/// statement it stands for. Twelve bytes instead of a string per node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeId {
    /// The start node of the enclosing block; `u32::MAX` at the top level.
    parent: u32,
    /// The number after the letter.
    number: u32,
    /// The letter: which kind of statement.
    letter: Letter,
    /// Which part of the statement.
    part: Part,
}

/// The letters of ids, one per kind of statement that gets a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Letter {
    Scene,
    Montage,
    Fight,
    Round,
    Corner,
    Exchange,
    Event,
    Bell,
    Transition,
    Beat,
}

impl Letter {
    fn as_str(self) -> &'static str {
        match self {
            Letter::Scene => "s",
            Letter::Montage => "m",
            Letter::Fight => "f",
            Letter::Round => "r",
            Letter::Corner => "c",
            Letter::Exchange => "x",
            Letter::Event => "e",
            Letter::Bell => "bell",
            Letter::Transition => "t",
            Letter::Beat => "b",
        }
    }
}

/// Which part of its statement a node stands for: the suffix of its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// The statement itself (an event, a beat, a bell): no suffix.
    Whole,
    /// A block's start: `.start`.
    Start,
    /// A block's end: `.end`.
    End,
    /// A move's reaction: `.reaction`.
    Reaction,
}

impl Part {
    fn suffix(self) -> &'static str {
        match self {
            Part::Whole => "",
            Part::Start => ".start",
            Part::End => ".end",
            Part::Reaction => ".reaction",
        }
    }
}

impl NodeId {
    fn with_part(self, part: Part) -> NodeId {
        NodeId { part, ..self }
    }
}

/// The blocks that get start and end nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    /// `scene`.
    Scene,
    /// `montage "…"`.
    Montage,
    /// `fight`.
    Fight,
    /// `round`.
    Round,
    /// `corner`.
    Corner,
    /// `montage rounds`.
    RoundsMontage,
    /// `exchange`.
    Exchange,
}

/// The kinds of edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// The next line: starts when the one before ends.
    Sequence,
    /// Attack → reaction; knockdown → count → rising or knockout.
    Cause,
    /// `&`: starts when the one before starts.
    Simultaneous,
    /// `after #label`: starts when the labelled one ends.
    After,
}

/// Story time of a node inside a fight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FightClock {
    /// The round, when it stands in one.
    pub round: Option<u32>,
    /// Milliseconds into the round (`None` outside rounds).
    pub in_round: Option<u64>,
    /// Milliseconds from the fight's start, rests between rounds included.
    pub absolute: u64,
}

/// One `after` of a cycle: the label the statement that waits waits for
/// (its span is in that statement).
#[derive(Clone, Debug, PartialEq)]
pub struct AfterStep {
    /// The `#label` after `after`.
    pub label: Word,
}

/// What the builder knows about the fight being walked.
#[derive(Clone, Copy)]
pub struct FightInfo {
    /// Index of the fight.
    pub index: usize,
    /// Its rules.
    pub rules: Rules,
}

/// Builds and schedules the event graph of `script`; `fights` gives the
/// rules of each `fight` statement, in source order.
pub fn build<'a>(script: &'a Script, names: &'a Names, fights: &[Rules]) -> EventGraph<'a> {
    // Sized once, from a count of what will be added: the graph is the
    // largest thing the model holds, and doubling vectors would leave up to
    // half of it unused.
    let nodes = count_nodes(&script.items);
    let mut builder = Builder {
        names,
        fights,
        next_fight: 0,
        graph: DiGraph::with_capacity(nodes, nodes + nodes / 16),
        labels: FxHashMap::default(),
        afters: Vec::new(),
        seq_pred: Vec::with_capacity(nodes),
        screen: FxHashMap::default(),
        unanchored: FxHashMap::default(),
    };
    let mut chain = Chain::default();
    let mut counters = Counters::default();
    for stmt in &script.items {
        builder.stmt(stmt, TOP, &mut chain, &mut counters, Scope::default());
    }
    builder.link_afters();
    let cycles = builder.schedule();
    let anchored = builder
        .graph
        .node_indices()
        .filter(|&n| builder.graph[n].anchor().is_some())
        .collect();
    EventGraph {
        graph: builder.graph,
        cycles,
        anchored,
        screen: builder.screen,
        unanchored: builder.unanchored,
        rules: fights.to_vec(),
    }
}

impl<'a> EventGraph<'a> {
    /// Every node in source order. Nodes are only ever added, in source
    /// order, so this is the graph's own index order: no list is kept (it
    /// was one more word per node).
    pub fn order(&self) -> petgraph::graph::NodeIndices<u32> {
        self.graph.node_indices()
    }

    /// Story time of `node`, for nodes inside a fight: the fight clock,
    /// and within a round the round's number and the time into it.
    pub fn fight_clock(&self, node: NodeIndex) -> Option<FightClock> {
        let n = &self.graph[node];
        let absolute = n.fight_millis()?;
        let round = n.round();
        let start = n
            .fight()
            .and_then(|f| self.rules.get(f))
            .zip(round)
            .map(|(rules, r)| round_offset(rules, r));
        Some(FightClock {
            round,
            in_round: start.map(|start| absolute.saturating_sub(start)),
            absolute,
        })
    }

    /// The length of `node` on screen, milliseconds: its story length,
    /// unless a rounds montage fitted it to the montage's.
    pub fn screen_duration(&self, node: NodeIndex) -> u64 {
        screen_duration(&self.graph, &self.screen, node)
    }

    /// Where `node` would have started on its round's clock (or its
    /// street fight's) without its `@` anchor, or, for a bell, before it was
    /// placed at the round's length. `None` for the other nodes.
    pub fn unanchored(&self, node: NodeIndex) -> Option<u64> {
        self.unanchored.get(&node).copied()
    }

    /// The node with stable id `id`.
    pub fn find(&self, id: &str) -> Option<NodeIndex> {
        self.order().find(|&n| self.id(n) == id)
    }

    /// The stable id of `node`, derived from the source, such as
    /// `s2.f1.r3.e4` or `s1.f1.start`.
    pub fn id(&self, node: NodeIndex) -> String {
        let mut out = String::new();
        self.write_id(node, &mut out);
        out
    }

    /// Appends the stable id of `node` to `out` (see [`EventGraph::id`]).
    pub fn write_id(&self, node: NodeIndex, out: &mut String) {
        write_id(&self.graph, node, out);
    }

    /// Edges in a stable order: by source node's position, then target's,
    /// then kind.
    pub fn edges_in_order(&self) -> Vec<(NodeIndex, NodeIndex, EdgeKind)> {
        // Nodes are only ever added, in source order: a node's index is its
        // position in source order.
        let mut edges: Vec<(NodeIndex, NodeIndex, EdgeKind)> = self
            .graph
            .edge_references()
            .map(|e| (e.source(), e.target(), *e.weight()))
            .collect();
        edges.sort_by_key(|&(a, b, k)| (a.index(), b.index(), k as u8));
        edges
    }
}

/// Where the walk is: the innermost fight and round.
#[derive(Clone, Copy, Default)]
struct Scope {
    fight: Option<FightInfo>,
    round: Option<u32>,
}

/// The statement written last in the current block: where the next one
/// starts from.
#[derive(Clone, Default)]
struct Chain {
    head: Option<NodeIndex>,
    tail: Option<NodeIndex>,
    /// The tails of the lines started together (`&`) with the current one,
    /// but for its own: the next line in sequence waits for all of them,
    /// since a group of lines ends when each has ended.
    group: Vec<NodeIndex>,
}

/// Per-block counters for stable ids.
#[derive(Default)]
struct Counters {
    scene: u32,
    fight: u32,
    exchange: u32,
    corner: u32,
    montage: u32,
    event: u32,
    beat: u32,
    transition: u32,
    bell: u32,
}

struct Builder<'a, 'f> {
    names: &'a Names,
    fights: &'f [Rules],
    next_fight: usize,
    graph: DiGraph<Node<'a>, EdgeKind>,
    /// Label → (head, tail) of the labelled statement.
    labels: FxHashMap<ecow::EcoString, (NodeIndex, NodeIndex)>,
    /// Pending `after`s: the waiting node and the label.
    afters: Vec<(NodeIndex, &'a Word)>,
    /// Each node's predecessor in its block, for the fight clock when an
    /// `after` reaches outside the round; [`NodeIndex::end`] for none (an
    /// `Option` would double the table, one entry per node).
    seq_pred: Vec<NodeIndex>,
    /// [`EventGraph::screen`] as it is made.
    screen: FxHashMap<NodeIndex, u64>,
    /// [`EventGraph::unanchored`] as it is made.
    unanchored: FxHashMap<NodeIndex, u64>,
}

/// [`EventGraph::screen_duration`], for the builder too.
fn screen_duration(
    graph: &DiGraph<Node<'_>, EdgeKind>,
    screen: &FxHashMap<NodeIndex, u64>,
    node: NodeIndex,
) -> u64 {
    screen.get(&node).copied().unwrap_or(graph[node].duration)
}

impl<'a> Builder<'a, '_> {
    fn node(
        &mut self,
        id: NodeId,
        kind: NodeKind,
        stmt: Option<&'a Stmt>,
        scope: Scope,
        duration: u64,
    ) -> NodeIndex {
        let index = self.graph.add_node(Node {
            id,
            kind,
            stmt,
            fight: scope.fight.map_or(NONE_U32, |f| f.index as u32),
            round: scope.round.unwrap_or(NONE_U32),
            duration,
            screen_start: 0,
            clock: NONE_U64,
        });
        self.seq_pred.push(NodeIndex::end());
        debug_assert_eq!(index.index() + 1, self.seq_pred.len());
        index
    }

    /// Links a statement (head..tail) after what `chain` holds, honouring
    /// `&` and `after`.
    fn link(&mut self, stmt: &'a Stmt, head: NodeIndex, tail: NodeIndex, chain: &mut Chain) {
        if let Some(prev_tail) = chain.tail {
            self.seq_pred[head.index()] = prev_tail;
        }
        match (stmt.together(), stmt.after(), chain.head, chain.tail) {
            (_, Some(label), _, _) => {
                self.afters.push((head, label));
                chain.group.clear();
            }
            (Some(_), None, Some(prev_head), prev_tail) => {
                self.edge(prev_head, head, EdgeKind::Simultaneous);
                chain.group.extend(prev_tail);
            }
            (_, None, _, Some(prev_tail)) => {
                for member in std::mem::take(&mut chain.group) {
                    if member != prev_tail {
                        self.edge(member, head, EdgeKind::Sequence);
                    }
                }
                self.edge(prev_tail, head, EdgeKind::Sequence);
            }
            _ => chain.group.clear(),
        }
        if let Some(label) = stmt.label() {
            self.labels
                .entry(label.value.clone())
                .or_insert((head, tail));
        }
        chain.head = Some(head);
        chain.tail = Some(tail);
    }

    fn stmt(
        &mut self,
        stmt: &'a Stmt,
        prefix: u32,
        chain: &mut Chain,
        counters: &mut Counters,
        scope: Scope,
    ) {
        let join = |letter: Letter, number: u32| NodeId {
            parent: prefix,
            number,
            letter,
            part: Part::Whole,
        };
        match &stmt.kind {
            StmtKind::Scene { body, .. } => {
                counters.scene += 1;
                let id = join(Letter::Scene, counters.scene);
                self.block(stmt, id, BlockKind::Scene, &body.items, chain, scope);
            }
            StmtKind::Montage { body, .. } => {
                counters.montage += 1;
                let id = join(Letter::Montage, counters.montage);
                self.block(stmt, id, BlockKind::Montage, &body.items, chain, scope);
            }
            StmtKind::Fight { body, .. } => {
                counters.fight += 1;
                let id = join(Letter::Fight, counters.fight);
                let rules = self.fights.get(self.next_fight).copied();
                let index = self.next_fight;
                self.next_fight += 1;
                let inner = Scope {
                    fight: rules.map(|rules| FightInfo { index, rules }),
                    round: None,
                };
                self.block(stmt, id, BlockKind::Fight, &body.items, chain, inner);
            }
            StmtKind::Round { number, body } => {
                let id = join(Letter::Round, number.value);
                let inner = Scope {
                    round: Some(number.value),
                    ..scope
                };
                self.block(stmt, id, BlockKind::Round, &body.items, chain, inner);
            }
            StmtKind::Corner { body, .. } => {
                counters.corner += 1;
                let id = join(Letter::Corner, counters.corner);
                let inner = Scope {
                    round: None,
                    ..scope
                };
                self.block(stmt, id, BlockKind::Corner, &body.items, chain, inner);
            }
            StmtKind::RoundsMontage {
                rounds,
                screen,
                body,
            } => {
                counters.montage += 1;
                let id = join(Letter::Montage, counters.montage);
                let inner = Scope {
                    round: None,
                    ..scope
                };
                let (start, _, children) = self.block(
                    stmt,
                    id,
                    BlockKind::RoundsMontage,
                    &body.items,
                    chain,
                    inner,
                );
                let rounds = u64::from(rounds.value.1.saturating_sub(rounds.value.0) + 1);
                let screen = screen.map_or(rounds * timing::MONTAGE_MILLIS_PER_ROUND, |s| {
                    s.value.millis
                });
                self.fit_montage(start, children, screen);
            }
            StmtKind::Exchange { body, .. } => {
                counters.exchange += 1;
                let id = join(Letter::Exchange, counters.exchange);
                self.block(stmt, id, BlockKind::Exchange, &body.items, chain, scope);
            }
            StmtKind::Broken { body, .. } => {
                // Its header is broken: keep its contents in sequence, without
                // a block of their own.
                for child in &body.items {
                    self.stmt(child, prefix, chain, counters, scope);
                }
            }
            StmtKind::Move(attack) => {
                counters.event += 1;
                let id = join(Letter::Event, counters.event);
                let reaction_millis = attack
                    .reaction
                    .as_ref()
                    .map_or(0, |r| timing::reaction_millis(r.kind.value));
                let total = timing::duration(stmt, self.names);
                let attack_node = self.node(
                    id,
                    NodeKind::Event,
                    Some(stmt),
                    scope,
                    total.saturating_sub(reaction_millis),
                );
                let tail = match &attack.reaction {
                    Some(_) => {
                        let r = self.node(
                            id.with_part(Part::Reaction),
                            NodeKind::Reaction,
                            Some(stmt),
                            scope,
                            reaction_millis,
                        );
                        self.edge(attack_node, r, EdgeKind::Cause);
                        r
                    }
                    None => attack_node,
                };
                self.link(stmt, attack_node, tail, chain);
            }
            StmtKind::Referee { .. } | StmtKind::Up { .. } | StmtKind::Towel { .. } => {
                counters.event += 1;
                let id = join(Letter::Event, counters.event);
                let node = self.node(
                    id,
                    NodeKind::Event,
                    Some(stmt),
                    scope,
                    timing::duration(stmt, self.names),
                );
                self.link(stmt, node, node, chain);
            }
            StmtKind::Bell => {
                counters.bell += 1;
                let id = join(Letter::Bell, counters.bell);
                let node = self.node(id, NodeKind::Bell, Some(stmt), scope, 0);
                self.link(stmt, node, node, chain);
            }
            StmtKind::Action { .. }
            | StmtKind::Shot { .. }
            | StmtKind::Sound { .. }
            | StmtKind::Note { .. }
            | StmtKind::Pause
            | StmtKind::Dialogue { .. }
            | StmtKind::Page {
                kind:
                    Spanned {
                        value: PageKind::Centered | PageKind::Lyric,
                        ..
                    },
                ..
            }
            | StmtKind::Transition { .. } => {
                // A transition between scenes is `t1`, `t2`…; any other beat
                // `b1`, `b2`… in its block.
                let id = if prefix == TOP && matches!(stmt.kind, StmtKind::Transition { .. }) {
                    counters.transition += 1;
                    join(Letter::Transition, counters.transition)
                } else {
                    counters.beat += 1;
                    join(Letter::Beat, counters.beat)
                };
                let duration = timing::duration(stmt, self.names);
                let node = self.node(id, NodeKind::Beat, Some(stmt), scope, duration);
                self.link(stmt, node, node, chain);
            }
            StmtKind::TitleField { .. }
            | StmtKind::Production { .. }
            | StmtKind::Cast { .. }
            | StmtKind::CastMember(_)
            | StmtKind::Moves { .. }
            | StmtKind::Setting(_)
            | StmtKind::Result(_) => {}
            // The outline and the page's layout: no time, no node.
            StmtKind::Page {
                kind:
                    Spanned {
                        value: PageKind::Section | PageKind::Synopsis | PageKind::PageBreak,
                        ..
                    },
                ..
            } => {}
        }
    }

    /// A block: its start node, its contents in a chain of their own, its
    /// end node.
    fn block(
        &mut self,
        stmt: &'a Stmt,
        id: NodeId,
        kind: BlockKind,
        items: &'a [Stmt],
        chain: &mut Chain,
        scope: Scope,
    ) -> (NodeIndex, NodeIndex, std::ops::Range<usize>) {
        let start = self.node(
            id.with_part(Part::Start),
            NodeKind::Start(kind),
            Some(stmt),
            scope,
            0,
        );
        let mut inner = Chain {
            head: Some(start),
            tail: Some(start),
            group: Vec::new(),
        };
        let mut counters = Counters::default();
        let first_child = self.graph.node_count();
        for child in items {
            self.stmt(
                child,
                start.index() as u32,
                &mut inner,
                &mut counters,
                scope,
            );
        }
        let last_child = self.graph.node_count();
        let end = self.node(
            id.with_part(Part::End),
            NodeKind::End(kind),
            Some(stmt),
            scope,
            0,
        );
        // The block ends when everything in it has ended: the last line, and
        // any line nothing waits for (one overtaken by an `after` or `&`).
        let dangling: Vec<NodeIndex> = (first_child..last_child)
            .map(NodeIndex::new)
            .filter(|&n| {
                Some(n) != inner.tail
                    && self
                        .graph
                        .edges_directed(n, Direction::Outgoing)
                        .next()
                        .is_none()
            })
            .collect();
        for node in dangling {
            self.edge(node, end, EdgeKind::Sequence);
        }
        if let Some(tail) = inner.tail {
            self.edge(tail, end, EdgeKind::Sequence);
        }
        if kind == BlockKind::Fight {
            self.causes(first_child..last_child, end);
        }
        self.link(stmt, start, end, chain);
        (start, end, first_child..last_child)
    }

    /// Scales the screen durations of a rounds montage's beats so that the
    /// montage lasts exactly `screen` on screen, whatever its beats add up to.
    fn fit_montage(&mut self, start: NodeIndex, children: std::ops::Range<usize>, screen: u64) {
        let beats: Vec<NodeIndex> = children
            .map(NodeIndex::new)
            .filter(|&n| self.graph[n].kind == NodeKind::Beat)
            .collect();
        let total: u64 = beats.iter().map(|&n| self.graph[n].duration).sum();
        match beats.split_last() {
            Some((&last_beat, rest)) if total > 0 => {
                let mut used = 0;
                for &n in rest {
                    let share = self.graph[n].duration * screen / total;
                    self.screen.insert(n, share);
                    used += share;
                }
                self.screen.insert(last_beat, screen - used);
            }
            // No beats to fill it: the montage's start holds its length.
            _ => {
                self.screen.insert(start, screen);
            }
        }
    }

    /// Cause edges of one fight: knockdown → count → rising or knockout.
    fn causes(&mut self, children: std::ops::Range<usize>, end: NodeIndex) {
        let mut knockdown: Option<NodeIndex> = None;
        let mut count: Option<NodeIndex> = None;
        for node in children.map(NodeIndex::new) {
            let Some(stmt) = self.graph[node].stmt else {
                continue;
            };
            match (&stmt.kind, self.graph[node].kind) {
                (StmtKind::Move(attack), NodeKind::Reaction) => {
                    if let Some(r) = &attack.reaction {
                        match r.kind.value {
                            ReactionKind::Down => {
                                knockdown = Some(node);
                                count = None;
                            }
                            ReactionKind::Out => {
                                self.edge(node, end, EdgeKind::Cause);
                            }
                            _ => {}
                        }
                    }
                }
                (
                    StmtKind::Referee {
                        action: RefereeAction::Count(n),
                        ..
                    },
                    NodeKind::Event,
                ) => {
                    if let Some(kd) = knockdown {
                        self.edge(kd, node, EdgeKind::Cause);
                        count = Some(node);
                        if n.value >= 10 {
                            self.edge(node, end, EdgeKind::Cause);
                            knockdown = None;
                        }
                    }
                }
                (StmtKind::Up { .. }, NodeKind::Event) => {
                    if let Some(from) = count.or(knockdown) {
                        self.edge(from, node, EdgeKind::Cause);
                    }
                    knockdown = None;
                    count = None;
                }
                _ => {}
            }
        }
    }

    /// Adds an edge. The edges are sized from the nodes (about one each,
    /// and a few more for `&`, `after` and causes); past that they grow by
    /// an eighth at a time, not by doubling, which would leave most of a
    /// large list unused.
    fn edge(&mut self, from: NodeIndex, to: NodeIndex, kind: EdgeKind) {
        let (nodes, edges) = self.graph.capacity();
        if self.graph.edge_count() == edges {
            self.graph.reserve_exact_edges((nodes / 8).max(1024));
        }
        self.graph.add_edge(from, to, kind);
    }

    /// `node`'s predecessor in its block.
    fn pred(&self, node: NodeIndex) -> Option<NodeIndex> {
        Some(self.seq_pred[node.index()]).filter(|&p| p != NodeIndex::end())
    }

    fn link_afters(&mut self) {
        for (node, label) in std::mem::take(&mut self.afters) {
            if let Some(&(_, tail)) = self.labels.get(label.value.as_str()) {
                self.edge(tail, node, EdgeKind::After);
            } else if let Some(prev) = self.pred(node) {
                // An undefined label is reported by the names layer; keep
                // the line in sequence meanwhile.
                self.edge(prev, node, EdgeKind::Sequence);
            }
        }
    }

    /// Gives every node its fight clock and screen time, in one
    /// topological pass; returns the cycles through `after`.
    fn schedule(&mut self) -> Vec<Vec<AfterStep>> {
        // Nodes are only ever added, in source order, so a node's index is
        // its position in source order: per-node tables are plain vectors.
        let count = self.graph.node_count();
        // (32 bits: a node has far fewer than 2^32 edges, as the graph's own
        // indices are 32 bits; the table is transient, but its peak is the
        // model's.)
        let mut indegree: Vec<u32> = (0..count)
            .map(|i| {
                self.graph
                    .edges_directed(NodeIndex::new(i), Direction::Incoming)
                    .count() as u32
            })
            .collect();
        // Kahn's algorithm, taking ready nodes in source order; each node
        // is timed as it is taken, its predecessors all timed before it.
        let mut ready: std::collections::BTreeSet<usize> =
            (0..count).filter(|&i| indegree[i] == 0).collect();
        let mut timed = 0;
        let mut targets = Vec::new();
        while let Some(first) = ready.pop_first() {
            let node = NodeIndex::new(first);
            self.time(node);
            timed += 1;
            targets.clear();
            targets.extend(
                self.graph
                    .edges_directed(node, Direction::Outgoing)
                    .map(|e| e.target()),
            );
            for target in &targets {
                let d = &mut indegree[target.index()];
                *d -= 1;
                if *d == 0 {
                    ready.insert(target.index());
                }
            }
        }
        let mut cycles = Vec::new();
        if timed < count {
            cycles = self.cycles(&indegree);
            // Time what is left (the nodes still waiting on an edge) in
            // source order, ignoring `after`.
            let waiting: Vec<usize> = (0..count).filter(|&i| indegree[i] > 0).collect();
            for i in waiting {
                self.time(NodeIndex::new(i));
            }
        }
        cycles
    }

    /// The cycles through `after` among the nodes Kahn's algorithm could
    /// not order.
    fn cycles(&self, indegree: &[u32]) -> Vec<Vec<AfterStep>> {
        // The nodes still waiting, as a table by index, and the graph seen
        // through it (no copy): a 100k-link cycle held hash sets and a
        // filtered copy of the graph several times its size.
        let stuck: Vec<bool> = indegree.iter().map(|&d| d > 0).collect();
        let sub =
            petgraph::visit::NodeFiltered::from_fn(&self.graph, |n: NodeIndex| stuck[n.index()]);
        // Whether a node is in the component being read; set and cleared
        // per component, so the whole costs one pass over its members.
        let mut member = vec![false; indegree.len()];
        let mut cycles = Vec::new();
        for component in petgraph::algo::kosaraju_scc(&sub) {
            if component.len() < 2 && !component.iter().any(|&n| self.graph.contains_edge(n, n)) {
                continue;
            }
            for &n in &component {
                member[n.index()] = true;
            }
            let mut steps: Vec<AfterStep> = component
                .iter()
                .filter(|&&n| {
                    self.graph
                        .edges_directed(n, Direction::Incoming)
                        .any(|e| *e.weight() == EdgeKind::After && member[e.source().index()])
                })
                .filter_map(|&n| {
                    Some(AfterStep {
                        label: self.graph[n].stmt?.after()?.clone(),
                    })
                })
                .collect();
            for &n in &component {
                member[n.index()] = false;
            }
            steps.sort_by_key(|s| s.label.span);
            if !steps.is_empty() {
                cycles.push(steps);
            }
        }
        cycles.sort_by_key(|steps: &Vec<AfterStep>| steps[0].label.span);
        cycles
    }

    /// Times one node from its already-timed predecessors.
    fn time(&mut self, node: NodeIndex) {
        let mut screen = 0u64;
        let mut story: Option<u64> = None;
        let round = self.graph[node].round();
        let this_fight = self.graph[node].fight();
        let mut has_after = false;
        for edge in self.graph.edges_directed(node, Direction::Incoming) {
            let kind = *edge.weight();
            has_after |= kind == EdgeKind::After;
            let src = &self.graph[edge.source()];
            let (screen_at, story_at) = match kind {
                EdgeKind::Simultaneous => (src.screen_start, src.fight_millis()),
                _ => (
                    src.screen_start + screen_duration(&self.graph, &self.screen, edge.source()),
                    src.fight_millis().map(|c| c + src.duration),
                ),
            };
            screen = screen.max(screen_at);
            // The fight clock follows `after` only within a round.
            let same_round = kind != EdgeKind::After || src.round() == round;
            if same_round
                && src.fight() == this_fight
                && let Some(at) = story_at
            {
                story = Some(story.map_or(at, |s: u64| s.max(at)));
            }
        }
        if story.is_none()
            && has_after
            && let Some(prev) = self.pred(node)
        {
            let p = &self.graph[prev];
            story = p.fight_millis().map(|c| c + p.duration);
        }
        let info = self.fight_info(node);
        let n = &self.graph[node];
        let mut clock = match (info, n.kind) {
            (None, _) => None,
            (Some(_), NodeKind::Start(BlockKind::Fight)) => Some(0),
            (Some(rules), NodeKind::Start(BlockKind::Round)) => {
                Some(round_offset(&rules, round.unwrap_or(1)))
            }
            (Some(rules), NodeKind::Start(BlockKind::RoundsMontage)) => {
                match n.stmt.map(|s| &s.kind) {
                    Some(StmtKind::RoundsMontage { rounds, .. }) => {
                        Some(round_offset(&rules, rounds.value.0))
                    }
                    _ => story,
                }
            }
            (Some(rules), NodeKind::End(BlockKind::RoundsMontage)) => match n.stmt.map(|s| &s.kind)
            {
                Some(StmtKind::RoundsMontage { rounds, .. }) => Some(
                    round_offset(&rules, rounds.value.1)
                        + rules.round_length.map_or(0, |l| l.millis),
                ),
                _ => story,
            },
            (Some(rules), NodeKind::Start(BlockKind::Corner)) => {
                // A corner is the rest after a round: it starts at the bell,
                // however early the round's last event ended.
                story.map(|at| match rules.round_length {
                    Some(length) if length.millis + rules.rest.millis > 0 => {
                        let period = length.millis + rules.rest.millis;
                        at.max((at / period) * period + length.millis)
                    }
                    _ => at,
                })
            }
            _ => story.or(Some(0)),
        };
        let offset = info.and_then(|rules| round.map(|r| round_offset(&rules, r)));
        // Anchors count from the round's start, or in a fight without
        // rounds (`street`) from the fight's.
        let base = offset.or_else(|| info.filter(|r| !r.has_rounds()).map(|_| 0));
        let mut unanchored = clock.zip(base).map_or(0, |(c, o)| c.saturating_sub(o));
        if let (Some(c), Some(o)) = (clock, base) {
            unanchored = c.saturating_sub(o);
            if let Some(anchor) = n.anchor() {
                clock = Some(o + anchor.max(unanchored));
            }
            if n.kind == NodeKind::Bell
                && let Some(length) = info.and_then(|r| r.round_length)
            {
                clock = Some(o + length.millis.max(unanchored.min(length.millis)));
            }
        }
        if n.anchor().is_some() || n.kind == NodeKind::Bell {
            self.unanchored.insert(node, unanchored);
        }
        let node_mut = &mut self.graph[node];
        node_mut.screen_start = screen;
        node_mut.clock = clock.unwrap_or(NONE_U64);
    }

    fn fight_info(&self, node: NodeIndex) -> Option<Rules> {
        self.graph[node]
            .fight()
            .and_then(|f| self.fights.get(f).copied())
    }
}

/// Appends the stable id of `node` in `graph` to `out`.
fn write_id(graph: &DiGraph<Node<'_>, EdgeKind>, node: NodeIndex, out: &mut String) {
    let last = graph[node].id;
    // The steps from the top down; blocks nest at most `parser::MAX_DEPTH`
    // deep, so the walk up is short.
    let mut steps = vec![last];
    let mut parent = last.parent;
    while let Some(node) = graph.node_weight(NodeIndex::new(parent as usize)) {
        steps.push(node.id);
        parent = node.id.parent;
    }
    for (i, step) in steps.iter().rev().enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.push_str(step.letter.as_str());
        push_number(out, step.number);
    }
    out.push_str(last.part.suffix());
}

/// The parent of top-level nodes.
const TOP: u32 = u32::MAX;

/// How many nodes the graph of `stmts` will have: one per event, beat and
/// bell, two more for a move with a reaction, two per block.
fn count_nodes(stmts: &[Stmt]) -> usize {
    let mut count = 0;
    let mut stack = vec![stmts];
    while let Some(stmts) = stack.pop() {
        for stmt in stmts {
            count += match &stmt.kind {
                StmtKind::Scene { body, .. }
                | StmtKind::Montage { body, .. }
                | StmtKind::Fight { body, .. }
                | StmtKind::Round { body, .. }
                | StmtKind::Corner { body, .. }
                | StmtKind::RoundsMontage { body, .. }
                | StmtKind::Exchange { body, .. } => {
                    stack.push(&body.items);
                    2
                }
                StmtKind::Broken { body, .. } => {
                    stack.push(&body.items);
                    0
                }
                StmtKind::Move(attack) => 1 + usize::from(attack.reaction.is_some()),
                StmtKind::Referee { .. }
                | StmtKind::Up { .. }
                | StmtKind::Towel { .. }
                | StmtKind::Bell
                | StmtKind::Action { .. }
                | StmtKind::Shot { .. }
                | StmtKind::Sound { .. }
                | StmtKind::Note { .. }
                | StmtKind::Pause
                | StmtKind::Dialogue { .. }
                | StmtKind::Page {
                    kind:
                        Spanned {
                            value: PageKind::Centered | PageKind::Lyric,
                            ..
                        },
                    ..
                }
                | StmtKind::Transition { .. } => 1,
                StmtKind::TitleField { .. }
                | StmtKind::Production { .. }
                | StmtKind::Cast { .. }
                | StmtKind::CastMember(_)
                | StmtKind::Moves { .. }
                | StmtKind::Setting(_)
                | StmtKind::Result(_)
                | StmtKind::Page {
                    kind:
                        Spanned {
                            value: PageKind::Section | PageKind::Synopsis | PageKind::PageBreak,
                            ..
                        },
                    ..
                } => 0,
            };
        }
    }
    count
}

/// Appends `n` in decimal.
fn push_number(out: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

/// Where round `n` starts on the fight clock.
fn round_offset(rules: &Rules, n: u32) -> u64 {
    let length = rules.round_length.map_or(0, |l| l.millis);
    u64::from(n.saturating_sub(1)) * (length + rules.rest.millis)
}
