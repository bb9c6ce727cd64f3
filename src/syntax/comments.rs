//! Comments attached to the nodes they belong to, for tools that move or
//! show nodes (the language server's hover and rename, refactorings): a
//! comment on a line of its own leads the next node of its block, or, with
//! nothing after it in the block, dangles in the block; a comment after code
//! trails the node on its line.
//!
//! Invariant: every comment of the script gets exactly one attachment, and
//! the node it names holds it or stands on its line, so moving a node with
//! its attachments never moves a comment to another statement. Each comment
//! costs a binary search per level of nesting.

use super::ast::{Script, Stmt, StmtKind};
use super::visit::Node;
use crate::span::Span;

/// Where a comment stands against its node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// On a line of its own before the node.
    Leading,
    /// After the node's code, on the same line (for a block, on its
    /// header's line or after its `}`).
    Trailing,
    /// In the node's block (or, with no node, the file) with no node after
    /// it there.
    Dangling,
}

/// One comment's attachment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Attachment<'a> {
    /// The comment, as an index into [`Script::comments`].
    pub comment: usize,
    /// The node it belongs to; `None` for the file itself (a comment after
    /// the last top-level statement).
    pub node: Option<Node<'a>>,
    /// Where it stands.
    pub place: Place,
}

/// The attachment of every comment of `script`, in source order.
pub fn attach<'a>(source: &str, script: &'a Script) -> Vec<Attachment<'a>> {
    script
        .comments
        .iter()
        .enumerate()
        .map(|(comment, c)| {
            let (node, place) = place(source, script, c.span);
            Attachment {
                comment,
                node,
                place,
            }
        })
        .collect()
}

/// The nodes directly inside `node` (or the top level), in source order.
fn children<'a>(node: Option<Node<'a>>, script: &'a Script) -> Vec<Node<'a>> {
    match node {
        None => script.items.iter().map(Node::Stmt).collect(),
        Some(node) => node.children(),
    }
}

/// Whether `node` opens a block its comments can stand in.
fn has_block(node: Node<'_>) -> bool {
    match node {
        Node::Stmt(stmt) => {
            stmt.body().is_some()
                || matches!(stmt.kind, StmtKind::Cast { .. } | StmtKind::Moves { .. })
        }
        Node::CastMember(_) | Node::MoveDecl(_) => false,
    }
}

fn place<'a>(source: &str, script: &'a Script, comment: Span) -> (Option<Node<'a>>, Place) {
    let at = comment.start as usize;
    let line_start = source[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let own_line = source[line_start..at].trim().is_empty();
    // Down to the innermost block that holds the comment.
    let mut container: Option<Node<'a>> = None;
    let mut level = children(None, script);
    loop {
        let i = level.partition_point(|n| n.span().start <= comment.start);
        let holder = i
            .checked_sub(1)
            .map(|p| level[p])
            .filter(|n| n.span().end >= comment.end && has_block(*n));
        let Some(holder) = holder else {
            let before = i.checked_sub(1).map(|p| level[p]);
            let after = level.get(i).copied();
            if !own_line {
                // After code on this line: the node that ends on it, else
                // the block whose header (or brace) is on it.
                let trails = before.filter(|n| n.span().end as usize >= line_start);
                return match trails.or(container) {
                    Some(node) => (Some(node), Place::Trailing),
                    None => (None, Place::Dangling),
                };
            }
            return match after {
                Some(next) => (Some(next), Place::Leading),
                None => (container, Place::Dangling),
            };
        };
        container = Some(holder);
        level = holder.children();
    }
}

/// The comments attached to `stmt` in `attachments`, for a tool that moves
/// or shows it.
pub fn of<'a, 'b>(
    attachments: &'b [Attachment<'a>],
    stmt: &'a Stmt,
) -> impl Iterator<Item = &'b Attachment<'a>> {
    attachments
        .iter()
        .filter(move |a| matches!(a.node, Some(Node::Stmt(s)) if std::ptr::eq(s, stmt)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    const SCRIPT: &str = "// about the file\ncast { // the cast\n  // leads ROCKY\n  ROCKY fighter \"Rocky\" // trails ROCKY\n  DRAGO fighter \"Drago\"\n  // dangles in the cast\n}\nscene \"INT. GYM - DAY\" {\n  fight ROCKY vs DRAGO {\n    rules street\n    // leads the jab\n    DRAGO jab head -> ROCKY hit // trails the jab\n  } // trails the fight\n}\n// dangles in the file\n";

    fn shown(source: &str, a: &Attachment<'_>, script: &Script) -> String {
        let text = script.comments[a.comment].text.trim();
        let node = a.node.map_or("file".to_owned(), |n| {
            source[n.span().range()]
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_owned()
        });
        format!("{text} -> {:?} {node}", a.place)
    }

    #[test]
    fn every_comment_belongs_to_the_node_it_is_about() {
        let parsed = parse(SCRIPT);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let got: Vec<String> = attach(SCRIPT, &parsed.script)
            .iter()
            .map(|a| shown(SCRIPT, a, &parsed.script))
            .collect();
        assert_eq!(
            got,
            [
                "about the file -> Leading cast { // the cast",
                "the cast -> Trailing cast { // the cast",
                "leads ROCKY -> Leading ROCKY fighter \"Rocky\"",
                "trails ROCKY -> Trailing ROCKY fighter \"Rocky\"",
                "dangles in the cast -> Dangling cast { // the cast",
                "leads the jab -> Leading DRAGO jab head -> ROCKY hit",
                "trails the jab -> Trailing DRAGO jab head -> ROCKY hit",
                "trails the fight -> Trailing fight ROCKY vs DRAGO {",
                "dangles in the file -> Dangling file",
            ]
        );
    }
}
