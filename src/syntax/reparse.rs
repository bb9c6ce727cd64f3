//! Re-parsing after an edit: when an edit falls inside one top-level
//! block (a scene, a fight), only that block is parsed again and the items
//! after it are moved by the edit's length; when it falls in the last item
//! (a scene being written at the end), everything from that item's start
//! is parsed again. For the language server, which checks the whole script
//! on every keystroke.
//!
//! Invariant: [`reparse`] gives the tree and diagnostics that
//! [`super::parse`] gives for the new text, or `None` when it cannot be
//! sure of that (then the caller parses the whole text). The conditions:
//! the old parse had no syntax diagnostic before the part parsed again (nor
//! after a block); the part stands past the header (the items before the
//! first `scene`) and the items from the header to it change none of the
//! parser's reading aids (cast roles, declared techniques); a block, parsed
//! again, still ends with its own `}` where the edit moved it, with no
//! diagnostic an end of file can cause. `tests/reparse.rs` holds it to
//! that on thousands of random edits, and the `check` fuzz target around
//! every input.
//!
//! Cost per edit: the part parsed again, the header parsed again (it is
//! short: title, cast, `moves`), one walk of the items from the header to
//! the edit (for reading aids) and one over the items after it (their
//! spans), and the text compared with the last.

use std::collections::HashSet;

use super::ast::*;
use super::parser::{self, Parsed};

/// The parse of `source`, made from `old` (the parse of `old_source`, whose
/// syntax diagnostics stood at `old_errors`) by parsing again only the
/// top-level item the edit is in: the block, when the edit is inside its
/// braces and it is still closed; else, for the last item (a scene being
/// written at the end of the script, its `}` not typed yet), everything
/// from its start. `None` when that would not be certain to give
/// [`super::parse`]'s result.
pub fn reparse(old: Script, old_errors: &[Span], old_source: &str, source: &str) -> Option<Parsed> {
    reparse_region(old, old_errors, old_source, source).map(|(parsed, _)| parsed)
}

/// The part of the text [`reparse_region`] parsed again: bytes
/// `start..=old_end` of the old text became `start..=new_end` of the new.
/// Every top-level item of the new tree that starts in it was parsed again;
/// every item starting after it is an old one moved by `new_end - old_end`;
/// every item before it is untouched. For a block, `start` is where it
/// starts and the ends are where its span ends (the line end after its
/// `}`, which no other item's span touches); for the last item, the ends
/// are the texts' lengths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// Where it starts, in both texts: the start of a line.
    pub start: usize,
    /// Its last byte in the old text (or the old text's length).
    pub old_end: usize,
    /// Its last byte in the new text (or the new text's length).
    pub new_end: usize,
}

/// [`reparse`], with the region parsed again: for the language server's
/// check, which reuses the lints of the items outside it.
pub fn reparse_region(
    old: Script,
    old_errors: &[Span],
    old_source: &str,
    source: &str,
) -> Option<(Parsed, Region)> {
    let (start, old_end) = edited(old_source, source)?;
    // The top-level item the edit starts in (or after, past the last).
    let index = old
        .items
        .partition_point(|s| (s.span.start as usize) <= start)
        .checked_sub(1)?;
    let item = &old.items[index];
    let item_start = item.span.start as usize;
    // Its start and the header's end (the first scene's start, where the
    // parser's reading aids are settled) are line starts, unedited.
    let header = old
        .items
        .iter()
        .position(|s| matches!(s.kind, StmtKind::Scene { .. }))?;
    let header_end = old.items[header].span.start as usize;
    let line_start = |at: usize| at > 0 && old_source.as_bytes()[at - 1] == b'\n';
    if header > index || !line_start(item_start) || !line_start(header_end) {
        return None;
    }
    // The ids the header gives a role: naming one as a fight's referee
    // changes nothing (the parser keeps a cast member's role).
    let mut cast: HashSet<String> = HashSet::new();
    for s in super::visit::statements(&old.items[..header]) {
        if let StmtKind::Cast { members } = &s.kind {
            cast.extend(members.items.iter().map(|m| m.id.value.to_string()));
        } else if let StmtKind::CastMember(m) = &s.kind {
            cast.insert(m.id.value.to_string());
        }
    }
    // The items from the header to this one change no reading aid (no cast,
    // no technique, no referee named only in a fight), so it starts with
    // the header's.
    if changes_aids(&old.items[header..=index], &cast) {
        return None;
    }
    let inside = item
        .body()
        .and_then(|b| Some((b.open, b.close?)))
        .is_some_and(|(open, close)| open.end as usize <= start && old_end <= close.start as usize);
    // The last item is parsed again to the end of the file whatever the
    // edit did to its braces (as cheap as the block alone, and it holds
    // when the edit unbalanced them).
    if index + 1 == old.items.len() {
        return tail(old, index, old_errors, source, header_end).map(|parsed| {
            let region = Region {
                start: item_start,
                old_end: old_source.len(),
                new_end: source.len(),
            };
            (parsed, region)
        });
    }
    if inside && matches!(item.kind, StmtKind::Scene { .. } | StmtKind::Fight { .. }) {
        return in_block(
            old, index, old_errors, old_source, source, header_end, &cast,
        );
    }
    None
}

/// [`reparse`] of an edit inside the braces of top-level block `index`;
/// the region is the block, from its start to its `}`.
fn in_block(
    old: Script,
    index: usize,
    old_errors: &[Span],
    old_source: &str,
    source: &str,
    header_end: usize,
    cast: &HashSet<String>,
) -> Option<(Parsed, Region)> {
    let item = &old.items[index];
    let (item_start, item_end) = (item.span.start as usize, item.span.end as usize);
    // Every old syntax diagnostic is the edited item's (so the new item's
    // are all the new parse has, and no statement outside it was dropped
    // after changing a reading aid).
    if old_errors
        .iter()
        .any(|e| (e.start as usize) < item_start || (e.end as usize) > item_end)
    {
        return None;
    }
    let delta = source.len() as i64 - old_source.len() as i64;
    let new_item_end = usize::try_from(item_end as i64 + delta).ok()?;
    if source.as_bytes().get(new_item_end) != Some(&b'\n') {
        return None;
    }
    let (stmt, comments, mut diagnostics) =
        parser::parse_item(source, header_end, item_start, new_item_end + 1)?;
    // A cast or a technique declared inside the block would be a reading
    // aid for the items after it.
    if changes_aids(std::slice::from_ref(&stmt), cast) {
        return None;
    }
    super::checks::run(std::slice::from_ref(&stmt), &mut diagnostics);
    crate::diag::sort(&mut diagnostics);

    let Script {
        mut items,
        comments: old_comments,
        ..
    } = old;
    items[index] = stmt;
    for later in &mut items[index + 1..] {
        stmt_(later, delta);
    }
    let mut all = Vec::with_capacity(old_comments.len() + comments.len());
    let mut old_comments = old_comments.into_iter().peekable();
    while let Some(c) = old_comments.next_if(|c| (c.span.end as usize) <= item_start) {
        all.push(c);
    }
    all.extend(comments);
    for mut c in old_comments {
        if (c.span.start as usize) > item_end {
            span(&mut c.span, delta);
            all.push(c);
        }
    }
    let parsed = Parsed {
        script: Script {
            items,
            comments: all,
            span: Span::new(0, source.len()),
            line_starts: super::lines::line_starts(source),
        },
        diagnostics,
    };
    let region = Region {
        start: item_start,
        old_end: item_end,
        new_end: new_item_end,
    };
    Some((parsed, region))
}

/// [`reparse`] of an edit in or after the last top-level item, `index`:
/// everything from its start parsed again, to the end of the file.
fn tail(
    old: Script,
    index: usize,
    old_errors: &[Span],
    source: &str,
    header_end: usize,
) -> Option<Parsed> {
    let item_start = old.items[index].span.start as usize;
    // Every old syntax diagnostic is in the part parsed again.
    if old_errors.iter().any(|e| (e.start as usize) < item_start) {
        return None;
    }
    let (stmts, comments, mut diagnostics) = parser::parse_tail(source, header_end, item_start)?;
    super::checks::run(&stmts, &mut diagnostics);
    crate::diag::sort(&mut diagnostics);
    let Script {
        mut items,
        comments: mut all,
        ..
    } = old;
    items.truncate(index);
    items.extend(stmts);
    all.retain(|c| (c.span.end as usize) <= item_start);
    all.extend(comments);
    Some(Parsed {
        script: Script {
            items,
            comments: all,
            span: Span::new(0, source.len()),
            line_starts: super::lines::line_starts(source),
        },
        diagnostics,
    })
}

/// Where `old` and `new` differ, in `old`: the first differing byte and the
/// end of the difference (what follows is the same text in both).
fn edited(old: &str, new: &str) -> Option<(usize, usize)> {
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let prefix = common(
        a.len().min(b.len()),
        |i| a[i] == b[i],
        |r| a[r.clone()] == b[r],
    );
    let room = a.len().min(b.len()) - prefix;
    let (ea, eb) = (a.len(), b.len());
    let suffix = common(
        room,
        |i| a[ea - 1 - i] == b[eb - 1 - i],
        |r| a[ea - r.end..ea - r.start] == b[eb - r.end..eb - r.start],
    );
    if prefix == a.len() && prefix == b.len() {
        return None;
    }
    Some((prefix, a.len() - suffix))
}

/// How many of the first `len` positions agree, given a test of one
/// position and of a range at once. Ranges of 4 KiB are compared whole
/// (a `memcmp`), so a keystroke in a long script costs microseconds here.
fn common(
    len: usize,
    same: impl Fn(usize) -> bool,
    same_range: impl Fn(std::ops::Range<usize>) -> bool,
) -> usize {
    const CHUNK: usize = 4096;
    let mut at = 0;
    while at + CHUNK <= len && same_range(at..at + CHUNK) {
        at += CHUNK;
    }
    while at < len && same(at) {
        at += 1;
    }
    at
}

/// Whether any statement in `items`, at any depth, may change the parser's
/// reading aids: a cast, a cast member, `moves`, or a `referee` setting
/// naming someone not in `cast`.
fn changes_aids(items: &[Stmt], cast: &HashSet<String>) -> bool {
    // Every kind named: a new kind that declares something must be
    // considered here.
    super::visit::statements(items).any(|s| match &s.kind {
        StmtKind::Cast { .. } | StmtKind::CastMember(_) | StmtKind::Moves { .. } => true,
        StmtKind::Setting(Setting::Referee(id)) => !cast.contains(id.value.as_str()),
        StmtKind::Setting(
            Setting::Rules(_)
            | Setting::Rounds(_)
            | Setting::RoundLength(_)
            | Setting::Rest(_)
            | Setting::ThreeKnockdown(_),
        )
        | StmtKind::TitleField { .. }
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
        | StmtKind::Broken { .. } => false,
    })
}

// Moving every span of an item by `d` bytes. Each match names every case,
// so a new node kind with a span cannot be missed.

fn span(s: &mut Span, d: i64) {
    s.start = (s.start as i64 + d) as u32;
    s.end = (s.end as i64 + d) as u32;
}

fn opt(s: &mut Option<Span>, d: i64) {
    if let Some(s) = s {
        span(s, d);
    }
}

fn sp<T>(s: &mut Spanned<T>, d: i64) {
    span(&mut s.span, d);
}

fn osp<T>(s: &mut Option<Spanned<T>>, d: i64) {
    if let Some(s) = s {
        span(&mut s.span, d);
    }
}

/// [`osp`] for a boxed optional part (a dialogue line's extension).
fn obsp<T>(s: &mut Option<Box<Spanned<T>>>, d: i64) {
    if let Some(s) = s {
        span(&mut s.span, d);
    }
}

fn block<T>(b: &mut Block<T>, d: i64, item: fn(&mut T, i64)) {
    span(&mut b.open, d);
    opt(&mut b.close, d);
    for x in &mut b.items {
        item(x, d);
    }
}

fn stmt_(s: &mut Stmt, d: i64) {
    span(&mut s.head, d);
    span(&mut s.span, d);
    if let Some(deco) = &mut s.decorations {
        let Decorations {
            anchor,
            together,
            label,
            after,
            duration,
        } = &mut **deco;
        osp(anchor, d);
        opt(together, d);
        osp(label, d);
        osp(after, d);
        osp(duration, d);
    }
    match &mut s.kind {
        StmtKind::TitleField { key, value } => {
            sp(key, d);
            sp(value, d);
        }
        StmtKind::Production { mode } => sp(mode, d),
        StmtKind::Cast { members } => block(members, d, member),
        StmtKind::CastMember(m) => member(m, d),
        StmtKind::Moves { moves } => block(moves, d, move_decl),
        StmtKind::Scene {
            heading,
            number,
            body,
        } => {
            sp(heading, d);
            obsp(number, d);
            block(body, d, stmt_);
        }
        StmtKind::Transition { text }
        | StmtKind::Action { text }
        | StmtKind::Shot { text }
        | StmtKind::Sound { text }
        | StmtKind::Note { text } => sp(text, d),
        StmtKind::Pause | StmtKind::Bell => {}
        StmtKind::Page { kind, depth, text } => {
            sp(kind, d);
            osp(depth, d);
            osp(text, d);
        }
        StmtKind::Dialogue {
            speaker,
            extension,
            parenthetical,
            line,
            continued: _,
        } => {
            sp(speaker, d);
            obsp(extension, d);
            obsp(parenthetical, d);
            sp(line, d);
        }
        StmtKind::Montage { title, body } => {
            sp(title, d);
            block(body, d, stmt_);
        }
        StmtKind::Fight { red, blue, body } => {
            sp(red, d);
            sp(blue, d);
            block(body, d, stmt_);
        }
        StmtKind::Setting(setting) => match setting {
            Setting::Rules(x) => sp(x, d),
            Setting::Rounds(x) => sp(x, d),
            Setting::RoundLength(x) | Setting::Rest(x) => sp(x, d),
            Setting::Referee(x) => sp(x, d),
            Setting::ThreeKnockdown(x) => sp(x, d),
        },
        StmtKind::Round { number, body } => {
            sp(number, d);
            block(body, d, stmt_);
        }
        StmtKind::Corner { fighter, body } => {
            sp(fighter, d);
            block(body, d, stmt_);
        }
        StmtKind::RoundsMontage {
            rounds,
            screen,
            body,
        } => {
            sp(rounds, d);
            osp(screen, d);
            block(body, d, stmt_);
        }
        StmtKind::Result(result) => match result {
            FightResult::Win { winner, method } => {
                sp(winner, d);
                sp(method, d);
            }
            FightResult::Draw | FightResult::NoContest => {}
        },
        StmtKind::Exchange { name, body } => {
            osp(name, d);
            block(body, d, stmt_);
        }
        StmtKind::Move(m) => {
            let Move {
                attacker,
                side,
                technique,
                target,
                modifiers,
                reaction,
            } = m;
            sp(attacker, d);
            osp(side, d);
            sp(technique, d);
            osp(target, d);
            for modifier in modifiers {
                sp(modifier, d);
                match &mut modifier.value {
                    Modifier::Knap(Knap::Member(id)) => sp(id, d),
                    Modifier::Knap(Knap::Who(_))
                    | Modifier::Flurry(_)
                    | Modifier::Contact(_)
                    | Modifier::Speed(_)
                    | Modifier::Camera(_)
                    | Modifier::For(_) => {}
                }
            }
            if let Some(Reaction {
                defender,
                kind,
                detail,
                mat,
                span: whole,
            }) = reaction.as_deref_mut()
            {
                sp(defender, d);
                sp(kind, d);
                osp(detail, d);
                opt(mat, d);
                span(whole, d);
            }
        }
        StmtKind::Referee { referee, action } => {
            sp(referee, d);
            match action {
                RefereeAction::Count(n) => sp(n, d),
                RefereeAction::Break => {}
                RefereeAction::Warn { fighter, reason } => {
                    sp(fighter, d);
                    osp(reason, d);
                }
                RefereeAction::Deduct { fighter, points } => {
                    sp(fighter, d);
                    osp(points, d);
                }
                RefereeAction::Disqualify { fighter } | RefereeAction::Stop { fighter } => {
                    sp(fighter, d)
                }
            }
        }
        StmtKind::Up { fighter } | StmtKind::Towel { fighter } => sp(fighter, d),
        StmtKind::Broken { keyword, body } => {
            sp(keyword, d);
            block(body, d, stmt_);
        }
    }
}

fn member(m: &mut CastMember, d: i64) {
    sp(&mut m.id, d);
    sp(&mut m.role, d);
    sp(&mut m.name, d);
    span(&mut m.span, d);
    for attribute in &mut m.attributes {
        sp(attribute, d);
        match &mut attribute.value {
            CastAttribute::Cue(t) | CastAttribute::Nickname(t) => sp(t, d),
            CastAttribute::For(id) => sp(id, d),
            CastAttribute::Stance(x) => sp(x, d),
            CastAttribute::Pronouns(x) => sp(x, d),
        }
    }
}

fn move_decl(m: &mut MoveDecl, d: i64) {
    sp(&mut m.name, d);
    sp(&mut m.kind, d);
    sp(&mut m.duration, d);
    span(&mut m.span, d);
}
