//! The one traversal of the syntax tree, and finding the node at an offset.
//!
//! Every layer that looks at every statement ([`statements`]) or every
//! block ([`blocks`]) goes through here instead of writing its own
//! recursion; walks that carry the story's context (the graph builder, the
//! names of a fight) recurse themselves, structurally.
//!
//! Invariant: traversal is iterative (an explicit stack), so its cost is
//! linear in the tree and its depth costs no call stack; blocks nest at most
//! [`super::parser::MAX_DEPTH`] deep anyway.

use super::ast::{Block, CastMember, MoveDecl, Script, Stmt, StmtKind};
use crate::span::Span;

/// Every statement under `items`, depth first, in source order: each
/// statement before the statements of its block.
pub fn statements(items: &[Stmt]) -> Statements<'_> {
    Statements {
        stack: vec![items.iter()],
        depth: 0,
    }
}

/// The iterator of [`statements`].
#[derive(Clone, Debug)]
pub struct Statements<'a> {
    stack: Vec<std::slice::Iter<'a, Stmt>>,
    depth: usize,
}

impl Statements<'_> {
    /// How deep the statement returned last stands: 0 for a statement of
    /// `items` itself, 1 inside one block, and so on.
    pub fn depth(&self) -> usize {
        self.depth
    }
}

impl<'a> Iterator for Statements<'a> {
    type Item = &'a Stmt;

    fn next(&mut self) -> Option<&'a Stmt> {
        loop {
            let top = self.stack.last_mut()?;
            match top.next() {
                Some(stmt) => {
                    self.depth = self.stack.len() - 1;
                    if let Some(body) = stmt.body() {
                        self.stack.push(body.items.iter());
                    }
                    return Some(stmt);
                }
                None => {
                    self.stack.pop();
                }
            }
        }
    }
}

/// Every list of statements: `items` itself (with no owner), then the body
/// of every block under it, in source order, each with the statement that
/// opens it.
pub fn blocks(items: &[Stmt]) -> impl Iterator<Item = (Option<&Stmt>, &[Stmt])> {
    std::iter::once((None, items))
        .chain(statements(items).filter_map(|stmt| stmt.body().map(|b| (Some(stmt), &b.items[..]))))
}

/// A node of the tree, as [`node_at`] returns it: a statement, or a line
/// of a `cast` or `moves` block.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Node<'a> {
    /// A statement.
    Stmt(&'a Stmt),
    /// A line of `cast { … }`.
    CastMember(&'a CastMember),
    /// A line of `moves { … }`.
    MoveDecl(&'a MoveDecl),
}

impl<'a> Node<'a> {
    /// The node's whole span.
    pub fn span(self) -> Span {
        match self {
            Node::Stmt(stmt) => stmt.span,
            Node::CastMember(member) => member.span,
            Node::MoveDecl(decl) => decl.span,
        }
    }

    /// The nodes directly inside this one, in source order.
    pub fn children(self) -> Vec<Node<'a>> {
        match self {
            Node::Stmt(stmt) => match &stmt.kind {
                StmtKind::Cast { members } => members.items.iter().map(Node::CastMember).collect(),
                StmtKind::Moves { moves } => moves.items.iter().map(Node::MoveDecl).collect(),
                StmtKind::CastMember(member) => vec![Node::CastMember(member)],
                StmtKind::TitleField { .. }
                | StmtKind::Production { .. }
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
                | StmtKind::Broken { .. } => stmt.body().map_or_else(Vec::new, stmts),
            },
            Node::CastMember(_) | Node::MoveDecl(_) => Vec::new(),
        }
    }
}

fn stmts(block: &Block<Stmt>) -> Vec<Node<'_>> {
    block.items.iter().map(Node::Stmt).collect()
}

/// The nodes that hold byte `offset`, outermost first: the last is the
/// innermost node there, the others its ancestors. Empty when the offset
/// lies between top-level statements. A node holds the offsets from its
/// start up to and including its end, so a cursor just after a statement's
/// last character still finds it.
pub fn node_at(script: &Script, offset: u32) -> Vec<Node<'_>> {
    let holds = |node: &Node<'_>| {
        let span = node.span();
        span.start <= offset && offset <= span.end
    };
    let mut path = Vec::new();
    let mut level: Vec<Node<'_>> = script.items.iter().map(Node::Stmt).collect();
    // Siblings do not overlap, so at most one at each level holds the
    // offset; a cursor between two touching siblings goes to the later.
    while let Some(found) = level.iter().rev().copied().find(holds) {
        path.push(found);
        level = found.children();
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    const SCRIPT: &str = "cast {\n  ROCKY fighter \"Rocky\"\n  DRAGO fighter \"Drago\"\n}\nscene \"INT. GYM - DAY\" {\n  fight ROCKY vs DRAGO {\n    rules street\n    DRAGO jab head -> ROCKY hit\n  }\n  action \"Done.\"\n}\n";

    #[test]
    fn statements_are_in_source_order_with_their_depth() {
        let parsed = parse(SCRIPT);
        let mut walk = statements(&parsed.script.items);
        let mut seen = Vec::new();
        while let Some(stmt) = walk.next() {
            let head = &SCRIPT[stmt.head.range()];
            seen.push(format!("{}{head}", "  ".repeat(walk.depth())));
        }
        assert_eq!(
            seen,
            [
                "cast",
                "scene",
                "  fight",
                "    rules",
                "    DRAGO",
                "  action"
            ]
        );
    }

    #[test]
    fn blocks_start_with_the_top_level() {
        let parsed = parse(SCRIPT);
        let owners: Vec<Option<&str>> = blocks(&parsed.script.items)
            .map(|(owner, _)| owner.map(|s| &SCRIPT[s.head.range()]))
            .collect();
        assert_eq!(owners, [None, Some("scene"), Some("fight")]);
    }

    #[test]
    fn node_at_finds_the_innermost_node_and_its_ancestors() {
        let parsed = parse(SCRIPT);
        let at = |needle: &str| {
            let offset = SCRIPT.find(needle).expect("needle") as u32;
            node_at(&parsed.script, offset)
                .iter()
                .map(|n| {
                    SCRIPT[n.span().range()]
                        .lines()
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_owned()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            at("jab"),
            [
                "scene \"INT. GYM - DAY\" {",
                "fight ROCKY vs DRAGO {",
                "DRAGO jab head -> ROCKY hit"
            ]
        );
        assert_eq!(at("DRAGO fighter"), ["cast {", "DRAGO fighter \"Drago\""]);
        // Just past the cast block's `}`: still the cast block.
        assert_eq!(at("\nscene"), ["cast {"]);
        // A statement's own line decorations are inside it.
        assert_eq!(
            at("rules"),
            at("fight ROCKY")
                .into_iter()
                .chain(["rules street".to_owned()])
                .collect::<Vec<_>>()
        );
    }
}
