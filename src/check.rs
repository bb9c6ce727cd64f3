//! Every check of one file, in layer order: parse, names, model, lints,
//! then the levels in force.

use crate::config::{self, Config};
use crate::diag::{self, Diagnostic};
use crate::model::{self, Model};
use crate::names::{self, Names};
use crate::span::Span;
use crate::syntax::{
    self,
    ast::{Script, Stmt, StmtKind},
};

/// A checked file: the tree, the resolved names and every diagnostic.
#[derive(Debug)]
pub struct Checked {
    /// The syntax tree.
    pub script: Script,
    /// The resolved names.
    pub names: Names,
    /// Every diagnostic, in report order.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the syntax diagnostics (the parser's and the syntax checks')
    /// stand: what [`recheck`] needs to parse only the edited block again.
    pub syntax_errors: Vec<Span>,
    /// What [`recheck`] reuses of the lints; kept by [`check_for_edits`]
    /// and [`recheck`] only.
    reuse: Option<Box<Reuse>>,
}

/// What a check keeps of its lints for the check of an edit of its text
/// (the language server's), so that only the scene the edit is in runs
/// through the model and the lints again.
///
/// Invariant: the lints of a scene depend only on the scene, the items
/// outside every scene and fight (the header: production, cast, `moves`),
/// and the names; except X005, whose finding sums every fight (kept as
/// each fight's share), and except where an `after` links two top-level
/// items (`linked`: then the edited item is checked with the rest).
/// `tests/recheck.rs` holds [`recheck`] to [`check`]'s findings on
/// thousands of random edits, and the `check` fuzz target on every input.
#[derive(Debug)]
struct Reuse {
    /// The levels the lints ran under (a rule allowed does not run).
    config: Config,
    /// Every lint's finding but X005's, before the levels and the syntax
    /// errors' silencing apply.
    lints: Vec<Diagnostic>,
    /// Each fight's share of the call, in the script's order, when X005
    /// runs.
    shares: Option<Vec<model::call::Share>>,
    /// The top-level items an `after` links to another, in source order.
    linked: Vec<Span>,
    /// Whether this check reused the last one's lints.
    reused: bool,
}

impl Checked {
    /// Whether this check ran the model and the lints only on the region an
    /// edit parsed again, reusing the rest from the check before
    /// ([`recheck`]); for tests, and the language server's log.
    pub fn lints_reused(&self) -> bool {
        self.reuse.as_ref().is_some_and(|r| r.reused)
    }
}

/// Parses and checks `source` with the default levels. Never fails.
pub fn check(source: &str) -> Checked {
    check_with(source, &Config::default())
}

/// Parses and checks `source` with the levels of `config`. Never fails.
pub fn check_with(source: &str, config: &Config) -> Checked {
    run(source, config, None::<fn(&Model<'_>)>).0
}

/// [`check_with`], keeping what [`recheck`] reuses after an edit: for the
/// language server, which checks every version of a file as it is typed.
pub fn check_for_edits(source: &str, config: &Config) -> Checked {
    run_parsed(
        source,
        syntax::parse(source),
        config,
        None::<fn(&Model<'_>)>,
        Some(None),
    )
    .0
}

/// Checks `source`, an edit of `old_source` whose check was `previous`,
/// reusing what the edit left alone: when the edit falls inside one
/// top-level block, only that block is parsed again
/// (`syntax::reparse`), and when `previous` kept its lints
/// ([`check_for_edits`], [`recheck`]) and no `after` links that block to
/// another, only that block runs through the model and the lints again
/// (the names are resolved whole: they are cheap, and every scene's
/// depend on the cast and the labels of all). The result is
/// [`check_with`]'s for `source`; it keeps what the next edit reuses.
pub fn recheck(previous: Checked, old_source: &str, source: &str, config: &Config) -> Checked {
    let Checked {
        script,
        syntax_errors,
        reuse,
        names,
        diagnostics,
    } = previous;
    // Made again below; not held beside the new ones.
    drop((names, diagnostics));
    let none = None::<fn(&Model<'_>)>;
    match syntax::reparse::reparse_region(script, &syntax_errors, old_source, source) {
        Some((parsed, region)) => {
            run_parsed(
                source,
                parsed,
                config,
                none,
                Some(reuse.map(|r| (r, region))),
            )
            .0
        }
        None => run_parsed(source, syntax::parse(source), config, none, Some(None)).0,
    }
}

/// Checks `source`, and when it has no error hands the model the lints saw
/// to `then` (an exporter), so the model is built once.
///
/// The exporter runs beside the lints, on another thread; its output is kept
/// only when the lints find no error. A render waits for the slower of the
/// two, not for both.
pub fn check_then<T: Send>(
    source: &str,
    config: &Config,
    then: impl FnOnce(&Model<'_>) -> T + Send,
) -> (Checked, Option<T>) {
    run(source, config, Some(then))
}

/// Every layer; with an exporter, it runs on this thread while the lints
/// run on another.
fn run<T: Send>(
    source: &str,
    config: &Config,
    then: Option<impl FnOnce(&Model<'_>) -> T + Send>,
) -> (Checked, Option<T>) {
    run_parsed(source, syntax::parse(source), config, then, None)
}

/// Every layer after the parse, on `parsed` (the parse of `source`).
/// With `keep`, the check keeps what [`recheck`] reuses, and reuses what
/// `keep` holds: the last check's, and the region of the text parsed again
/// since.
fn run_parsed<T: Send>(
    source: &str,
    mut parsed: syntax::Parsed,
    config: &Config,
    then: Option<impl FnOnce(&Model<'_>) -> T + Send>,
    mut keep: Option<Option<(Box<Reuse>, syntax::reparse::Region)>>,
) -> (Checked, Option<T>) {
    let syntax_spans = parsed.diagnostics.iter().map(|d| d.span).collect();
    let (names, name_diagnostics) = names::resolve(&parsed.script);
    let syntax_errors = !parsed.diagnostics.is_empty();
    let broken = Broken::new(source, &parsed.script, &parsed.diagnostics);
    let mut diagnostics = parsed.diagnostics;
    // A statement dropped for a syntax error may be the only use of a cast
    // member: with syntax errors, unused members would be noise.
    // Nor is a member whose cast line could not be read "undeclared" at
    // every use: the broken line is the one mistake.
    let mut name_diagnostics = name_diagnostics;
    name_diagnostics.retain(|d| {
        let unused = syntax_errors && d.code == &diag::UNUSED_CAST;
        let lost = d.code == &diag::UNDECLARED_CAST
            && source
                .get(d.span.range())
                .is_some_and(|id| broken.lost_members.contains(id));
        !unused && !lost
    });
    append(&mut diagnostics, name_diagnostics);
    let mut output = None;
    let (allows, allow_diagnostics) =
        config::inline_allows(source, &parsed.script.comments, &parsed.script.line_starts);
    diagnostics.extend(allow_diagnostics);
    // Levels apply to each batch as it comes, so "is there an error yet?"
    // is asked of what will be reported: a name error allowed in bout.toml
    // does not stop the export, and a warning denied there does.
    config::apply(
        config,
        &parsed.script.line_starts,
        &allows,
        &mut diagnostics,
    );
    // The model and the lints run even beside syntax errors: a half-typed
    // line in one scene must not hide a safety error in another. What a
    // syntax error may have changed (its own scene) is silenced below.
    let mut reuse = None;
    let (mut lints, rendered) = if let Some(then) = then {
        // An exporter reads the whole model: it is built whole.
        let model = model::build(&parsed.script, &names);
        let clean_so_far = !has_error(&diagnostics);
        std::thread::scope(|scope| {
            if !clean_so_far {
                return (crate::lints::run(&model, config), None);
            }
            let lints = scope.spawn(|| crate::lints::run(&model, config));
            let rendered = Some(then(&model));
            // A lint that panicked is a bug; report it as the panic it was.
            let lints = lints
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (lints, rendered)
        })
    } else {
        let linked = linked(&parsed.script.items, &names.afters);
        let previous = keep.as_mut().and_then(Option::take);
        let reused = previous.and_then(|(old, region)| {
            lints_reusing(&mut parsed.script, &names, config, *old, region, &linked)
        });
        let was_reused = reused.is_some();
        let (kept, shares) = reused.unwrap_or_else(|| {
            lints_by_chunks(&mut parsed.script, &names, config, &linked, CHUNK_BYTES)
        });
        let call = shares
            .as_ref()
            .and_then(|shares| crate::lints::call_report(&mut shares.clone()));
        let mut lints = if keep.is_some() {
            let lints = kept.clone();
            reuse = Some(Box::new(Reuse {
                config: config.clone(),
                lints: kept,
                shares,
                linked,
                reused: was_reused,
            }));
            lints
        } else {
            kept
        };
        lints.extend(call);
        (lints, None)
    };
    lints.retain(|d| !broken.silences(d));
    config::apply(config, &parsed.script.line_starts, &allows, &mut lints);
    append(&mut diagnostics, lints);
    if !has_error(&diagnostics) {
        output = rendered;
    }
    diag::sort(&mut diagnostics);
    let checked = Checked {
        script: parsed.script,
        names,
        diagnostics,
        syntax_errors: syntax_spans,
        reuse,
    };
    (checked, output)
}

/// The lints of `script` (in which `region` was parsed again since the
/// check `old` kept) and each fight's share of the call: `old`'s for the
/// items outside `region` (moved by the edit), and for the items in it,
/// the lints run on them and the items outside every scene and fight.
/// `None` when that might not be what the whole script's lints give: other
/// levels, or an `after` (in `old`, or now: `linked`) linking the region
/// with another item, or a finding of `old` outside the region that names a
/// place in it.
fn lints_reusing(
    script: &mut Script,
    names: &Names,
    config: &Config,
    old: Reuse,
    region: syntax::reparse::Region,
    linked: &[Span],
) -> Option<(Vec<Diagnostic>, Option<Vec<model::call::Share>>)> {
    let start = u32::try_from(region.start).ok()?;
    let old_end = u32::try_from(region.old_end).ok()?;
    let new_end = u32::try_from(region.new_end).ok()?;
    // Whether `span` and `start..=end` share a byte (or touch).
    let touches = |span: Span, end: u32| span.start <= end && span.end >= start;
    if old.config != *config
        || old.linked.iter().any(|&s| touches(s, old_end))
        || linked.iter().any(|&s| touches(s, new_end))
    {
        return None;
    }
    let in_old = |span: Span| span.start >= start && span.start <= old_end;
    let delta = i64::from(new_end) - i64::from(old_end);
    let shift = |span: &mut Span| {
        if span.start > old_end {
            // In range: the item it is in is in the new text, moved.
            span.start = (i64::from(span.start) + delta) as u32;
            span.end = (i64::from(span.end) + delta) as u32;
        }
    };
    let mut lints = Vec::with_capacity(old.lints.len());
    for mut d in old.lints {
        if in_old(d.span) {
            continue;
        }
        if std::iter::once(d.span)
            .chain(d.related.iter().map(|(span, _)| *span))
            .any(|span| touches(span, old_end))
        {
            return None;
        }
        shift(&mut d.span);
        for (span, _) in &mut d.related {
            shift(span);
        }
        lints.push(d);
    }

    // The region's items: those that start in it (contiguous).
    let first = script.items.partition_point(|s| s.span.start < start);
    let last = script.items.partition_point(|s| s.span.start <= new_end);
    let (found, shares) =
        lints_in_parts(script, names, config, &[(first..last, start..new_end + 1)]);
    lints.extend(found);
    let shares = match (old.shares, shares) {
        (Some(old), Some(new)) => {
            let mut merged = Vec::with_capacity(old.len() + new.len());
            let mut old = old.into_iter().peekable();
            while let Some(share) = old.next_if(|s| s.head.start < start) {
                merged.push(share);
            }
            merged.extend(new);
            merged.extend(old.filter(|s| !in_old(s.head)).map(|mut s| {
                shift(&mut s.head);
                s
            }));
            Some(merged)
        }
        (None, None) => None,
        // X005 ran in one check and not the other: the production changed,
        // which is in the header, never parsed alone.
        (Some(_), None) | (None, Some(_)) => return None,
    };
    Some((lints, shares))
}

/// The lints (all but X005) and each fight's share of the call of
/// `script`, checked a part at a time: each part's items (a range of
/// `script.items`) with every top-level item that is neither a scene nor a
/// fight (the header's production, cast and `moves`; top-level
/// transitions), keeping the findings and the shares that start in the
/// part's bytes. The items are moved out of `script` and back, not copied;
/// the parts' model is dropped before the next is built.
///
/// With the parts' bytes covering the text once, this is [`lints::run_by_scene`]
/// on the whole script, when no `after` links two top-level items
/// ([`Reuse`]'s invariant).
fn lints_in_parts(
    script: &mut Script,
    names: &Names,
    config: &Config,
    parts: &[(std::ops::Range<usize>, std::ops::Range<u32>)],
) -> (Vec<Diagnostic>, Option<Vec<model::call::Share>>) {
    let is_block = |s: &Stmt| matches!(s.kind, StmtKind::Scene { .. } | StmtKind::Fight { .. });
    let others: Vec<usize> = (0..script.items.len())
        .filter(|&i| !is_block(&script.items[i]))
        .collect();
    let mut slots: Vec<Option<Stmt>> = std::mem::take(&mut script.items)
        .into_iter()
        .map(Some)
        .collect();
    let mut scratch = Script {
        items: Vec::new(),
        comments: std::mem::take(&mut script.comments),
        span: script.span,
        line_starts: std::mem::take(&mut script.line_starts),
    };
    let mut lints = Vec::new();
    let mut shares: Option<Vec<model::call::Share>> = None;
    for (range, bytes) in parts {
        // The part's items and the others, in source order.
        let mut order: Vec<usize> = others
            .iter()
            .copied()
            .filter(|i| !range.contains(i))
            .chain(range.clone())
            .collect();
        order.sort_unstable();
        scratch.items = order.iter().filter_map(|&i| slots[i].take()).collect();
        let (found, part_shares) = {
            let model = model::build(&scratch, names);
            crate::lints::run_by_scene(&model, config)
        };
        for (&i, item) in order.iter().zip(std::mem::take(&mut scratch.items)) {
            slots[i] = Some(item);
        }
        // Kept in place and appended (the first part's list is taken whole):
        // collecting a copy held 100k findings twice.
        let mut found = found;
        found.retain(|d| bytes.contains(&d.span.start));
        append(&mut lints, found);
        if let Some(part_shares) = part_shares {
            shares.get_or_insert_with(Vec::new).extend(
                part_shares
                    .into_iter()
                    .filter(|s| bytes.contains(&s.head.start)),
            );
        }
    }
    // Every slot is filled again. `filter_map` collects in place (an
    // `Option<Stmt>` is a `Stmt`'s size); `flatten` copies into a new
    // vector, holding the tree twice (10 MB of scenes: 12× -> 18×).
    #[allow(clippy::filter_map_identity)]
    let items = slots.into_iter().filter_map(|s| s).collect();
    script.items = items;
    script.comments = scratch.comments;
    script.line_starts = scratch.line_starts;
    (lints, shares)
}

/// The least a part of [`lints_by_chunks`] holds, in bytes of text: below
/// it, the model of the whole is small, and parts would only cost walks.
const CHUNK_BYTES: usize = 256 * 1024;

/// The lints (all but X005) and each fight's share of the call of
/// `script` (of `source_len` bytes; `linked` its items linked by `after`):
/// checked in parts of at least `chunk` bytes, so that only one part's
/// model (the graph, the facts: five times the part's text) is held at a
/// time; whole when an `after` links items (they are checked together) or
/// when the items outside every scene are large (each part walks them
/// again: a part holds at least 64 times their bytes).
fn lints_by_chunks(
    script: &mut Script,
    names: &Names,
    config: &Config,
    linked: &[Span],
    chunk: usize,
) -> (Vec<Diagnostic>, Option<Vec<model::call::Share>>) {
    let items = &script.items;
    let len = script.span.end as usize;
    let others: usize = items
        .iter()
        .filter(|s| !matches!(s.kind, StmtKind::Scene { .. } | StmtKind::Fight { .. }))
        .map(|s| s.span.len())
        .sum();
    let chunk = chunk.max(others.saturating_mul(64));
    if !linked.is_empty() || len <= chunk || items.is_empty() {
        let model = model::build(script, names);
        return crate::lints::run_by_scene(&model, config);
    }
    // Parts cut at item starts, each owning its bytes up to the next cut
    // (the first from 0, the last to the end).
    let mut parts = Vec::new();
    let (mut first, mut from) = (0usize, 0u32);
    for (i, item) in items.iter().enumerate().skip(1) {
        if (item.span.start - from) as usize >= chunk {
            parts.push((first..i, from..item.span.start));
            (first, from) = (i, item.span.start);
        }
    }
    parts.push((first..items.len(), from..u32::MAX));
    lints_in_parts(script, names, config, &parts)
}

/// The spans of the top-level `items` that an `after` (of `afters`: where
/// each waits, where its label is) links to another item, in source order.
fn linked(items: &[Stmt], afters: &[(Span, Span)]) -> Vec<Span> {
    let item_of = |at: u32| items.partition_point(|s| s.span.start <= at).checked_sub(1);
    let mut linked = Vec::new();
    for &(waits, label) in afters {
        let (a, b) = (item_of(waits.start), item_of(label.start));
        if a != b {
            linked.extend(a.map(|i| items[i].span));
            linked.extend(b.map(|i| items[i].span));
        }
    }
    linked.sort_by_key(|s| (s.start, s.end));
    linked.dedup();
    linked
}

/// What the syntax errors of a file may have changed, so the lints there
/// are not trusted.
///
/// A syntax error silences the lints of the top-level item (a scene, in
/// practice) that holds it: a dropped statement may be the knockdown a count
/// answers or the event that ends a fight, but it changes nothing in another
/// scene. A syntax error outside every scene (a dropped top-level line, or a
/// scene's statements spilled to the top level by a stray `}`) silences the
/// scene before it too; one on a `production` line, which decides the safety
/// rules, silences the safety rules everywhere.
#[derive(Debug, Default)]
struct Broken {
    /// The spans of the top-level items not to trust, in source order.
    items: Vec<Span>,
    /// Whether the `production` line may be lost.
    production: bool,
    /// The cast ids that begin a cast line holding a syntax error: the
    /// member may be declared there, so its uses are not "undeclared".
    lost_members: std::collections::HashSet<String>,
}

impl Broken {
    fn new(source: &str, script: &Script, syntax: &[Diagnostic]) -> Broken {
        let mut broken = Broken::default();
        if syntax.is_empty() {
            return broken;
        }
        let items = &script.items;
        let is_scene =
            |stmt: &Stmt| matches!(stmt.kind, StmtKind::Scene { .. } | StmtKind::Broken { .. });
        let is_cast = |stmt: &Stmt| {
            matches!(stmt.kind, StmtKind::Cast { .. })
                || matches!(&stmt.kind, StmtKind::Broken { keyword, .. } if keyword.value == "cast")
        };
        let has_production = items
            .iter()
            .any(|s| matches!(s.kind, StmtKind::Production { .. }));
        let mut marked = vec![false; items.len()];
        // The last scene at or before each item, so each error costs a
        // binary search, not a walk back over the items.
        let mut scene_at = Vec::with_capacity(items.len());
        let mut last_scene = None;
        for (i, item) in items.iter().enumerate() {
            if is_scene(item) {
                last_scene = Some(i);
            }
            scene_at.push(last_scene);
        }
        for d in syntax {
            let at = d.span.start;
            let line_start = script
                .line_starts
                .partition_point(|&s| s <= at)
                .checked_sub(1)
                .map_or(0, |i| script.line_starts[i]);
            // How the error's line starts (a few bytes, however long it is).
            let text = line_text(source, line_start as usize);
            // The last item starting at or before the error.
            let before = items.partition_point(|s| s.span.start <= at);
            let inside = before.checked_sub(1).filter(|&i| items[i].span.end >= at);
            if let Some(i) = inside
                && is_cast(&items[i])
                && let Some(id) = first_id(text)
            {
                broken.lost_members.insert(id.to_owned());
            }
            match inside {
                Some(i) if is_scene(&items[i]) => marked[i] = true,
                _ => {
                    // Outside every scene: the scene before may have lost
                    // its end, and a lost `production` changes the safety
                    // rules of the whole file.
                    if let Some(i) = inside {
                        marked[i] = true;
                    }
                    let last = inside.map_or(before, |i| i);
                    if let Some(i) = last.checked_sub(1).and_then(|i| scene_at[i]) {
                        marked[i] = true;
                    }
                    if !has_production && names_production(text) {
                        broken.production = true;
                    }
                }
            }
        }
        broken.items = items
            .iter()
            .zip(marked)
            .filter(|(_, m)| *m)
            .map(|(s, _)| s.span)
            .collect();
        broken
    }

    /// Whether a lint's diagnostic is to be dropped: it, or a place it
    /// names, lies in an item not to trust.
    fn silences(&self, d: &Diagnostic) -> bool {
        if self.production && d.code.category == diag::Category::Safety {
            return true;
        }
        std::iter::once(d.span)
            .chain(d.related.iter().map(|(span, _)| *span))
            .any(|span| self.holds(span))
    }

    fn holds(&self, span: Span) -> bool {
        let i = self.items.partition_point(|s| s.start <= span.start);
        i > 0 && span.start <= self.items[i - 1].end
    }
}

/// The start of the line at `start`: at most its first 64 bytes past its
/// indentation (enough for a keyword or a cast id), so a long line costs no
/// more than a short one.
fn line_text(source: &str, start: usize) -> &str {
    let rest = source.get(start..).unwrap_or("");
    let indent = rest
        .bytes()
        .take(256)
        .take_while(|b| *b == b' ' || *b == b'\t')
        .count();
    let rest = &rest[indent..];
    let mut end = rest.len().min(64);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    &rest[..end]
}

/// The cast id that starts `line`, if one does.
fn first_id(line: &str) -> Option<&str> {
    let end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(line.len());
    let id = &line[..end];
    (!id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_uppercase())
        && !id.bytes().any(|b| b.is_ascii_lowercase()))
    .then_some(id)
}

/// Whether `line` starts with `production`, or a word close enough to be
/// a misspelling of it.
fn names_production(line: &str) -> bool {
    let word: String = line
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .take(20)
        .collect();
    diag::closest(&word, ["production"]).is_some()
}

/// `more` appended to `diagnostics`, growing it once: a file of 100k
/// findings would otherwise hold them twice over while the list doubles
/// (and the first list, most often empty, is simply replaced).
fn append(diagnostics: &mut Vec<Diagnostic>, mut more: Vec<Diagnostic>) {
    if diagnostics.is_empty() {
        *diagnostics = more;
    } else {
        diagnostics.reserve_exact(more.len());
        diagnostics.append(&mut more);
    }
}

/// Whether any of `diagnostics` is an error, at the level in force.
fn has_error(diagnostics: &[Diagnostic]) -> bool {
    diagnostics
        .iter()
        .any(|d| d.severity == diag::Severity::Error)
}

impl Checked {
    /// The model of the checked script: fights, rules, facts and the
    /// scheduled event graph.
    pub fn model(&self) -> Model<'_> {
        model::build(&self.script, &self.names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAST: &str = "cast {\n  ROCKY fighter \"Rocky\"\n  DRAGO fighter \"Drago\"\n  REF referee \"Referee\"\n}\n";

    /// The lints of a long script checked in parts of several sizes are
    /// the lints of its whole model, X005 included, and the tree comes
    /// back in order: on a generated script, and on one with findings in
    /// every scene and a fight call over fifteen minutes.
    #[test]
    fn lints_in_parts_are_the_lints_of_the_whole() {
        let text = crate::generate::script_of_size(400_000, 12)
            .replace("// bout: allow(fight-call-too-long)\n", "");
        // Knockdowns nobody counts, and a top-level transition before
        // every scene that is no screenplay transition (each part checks
        // them again; their findings are kept once).
        let mistaken = text
            .replace("-> DRAGO hit\n", "-> DRAGO down\n")
            .replace("\nscene \"", "\ntransition \"CUT\"\nscene \"");
        for source in [&text, &mistaken] {
            let parsed = syntax::parse(source);
            let (names, _) = names::resolve(&parsed.script);
            let config = Config::default();
            let mut whole = {
                let model = model::build(&parsed.script, &names);
                crate::lints::run(&model, &config)
            };
            diag::sort(&mut whole);
            assert!(whole.iter().any(|d| d.code.code == "X005"));
            let mut script = parsed.script;
            let linked = linked(&script.items, &names.afters);
            assert!(linked.is_empty());
            for chunk in [1, 20_000, 100_000, 1 << 30] {
                let (mut lints, shares) =
                    lints_by_chunks(&mut script, &names, &config, &linked, chunk);
                lints.extend(shares.and_then(|mut s| crate::lints::call_report(&mut s)));
                diag::sort(&mut lints);
                assert_eq!(
                    format!("{lints:#?}"),
                    format!("{whole:#?}"),
                    "parts of {chunk}"
                );
            }
            assert!(
                script == syntax::parse(source).script,
                "the tree is back in order"
            );
        }
    }

    /// `recheck` after an edit inside a scene, and after typing at the end,
    /// reports what a whole check of the new text reports.
    #[test]
    fn recheck_reports_what_check_reports() {
        let old = format!(
            "{CAST}{}{}",
            fall("INT. GYM - DAY"),
            fall("EXT. ROOF - NIGHT")
        );
        let edits = [
            old.replacen("ROCKY up", "ROCKY up\n    DRAGO jab head -> ROCKY hit", 1),
            old.replacen(
                "DRAGO uppercut chin -> ROCKY down",
                "DRAGO uppercut chin -> ROCKY down mat",
                1,
            ),
            format!("{old}scene \"INT. HALL - DAY\" {{\n  NOBODY: \"Hi.\""),
        ];
        for new in edits {
            let quick = recheck(check(&old), &old, &new, &Config::default());
            let whole = check(&new);
            assert_eq!(
                format!("{:?}", quick.diagnostics),
                format!("{:?}", whole.diagnostics)
            );
            assert_eq!(quick.script, whole.script);
        }
    }

    /// A scene whose fight has a fall without a mat (X004 on screen).
    fn fall(heading: &str) -> String {
        format!(
            "scene \"{heading}\" {{\n  fight ROCKY vs DRAGO {{\n    rules street\n    DRAGO uppercut chin -> ROCKY down\n    ROCKY up\n  }}\n}}\n"
        )
    }

    fn codes(source: &str) -> Vec<(&'static str, usize)> {
        let index = crate::report::LineIndex::new(source);
        check(source)
            .diagnostics
            .iter()
            .map(|d| (d.code.code, index.position(d.span.start as usize).0))
            .collect()
    }

    #[test]
    fn a_syntax_error_silences_only_its_own_scene() {
        let broken = "scene \"INT. GYM - DAY\" {\n  fight ROCKY vs DRAGO {\n    rules street\n    DRAGO uppercut chin -> ROCKY down\n    DRAGO jab ->\n  }\n}\n";
        let source = format!("{CAST}{broken}{}", fall("INT. ARENA - NIGHT"));
        let got = codes(&source);
        // The fall in the broken scene is not trusted; the one in the
        // clean scene is reported.
        assert_eq!(got, [("S014", 10), ("X004", 16)], "{got:?}");
    }

    #[test]
    fn a_stray_brace_silences_the_scene_it_closed_early() {
        let early = "scene \"INT. GYM - DAY\" {\n  action \"Rocky skips rope.\"\n}\n  fight ROCKY vs DRAGO {\n    rules street\n    DRAGO uppercut chin -> ROCKY down\n  }\n}\n";
        let source = format!("{CAST}{early}{}", fall("INT. ARENA - NIGHT"));
        let got = codes(&source);
        // The fight spilled to the top level (S016) is not trusted, nor the
        // scene the stray `}` closed early; the next scene is.
        assert_eq!(got, [("S016", 9), ("S009", 13), ("X004", 17)], "{got:?}");
    }

    #[test]
    fn a_cast_line_that_cannot_be_read_is_one_mistake() {
        let source = format!(
            "{}{}",
            CAST.replace("ROCKY fighter", "ROCKY fihgter"),
            fall("INT. ARENA - NIGHT")
        );
        // Not "undeclared cast member `ROCKY`" at every use; the lints of
        // the scenes still run.
        assert_eq!(codes(&source), [("S019", 2), ("X004", 9)]);
    }

    #[test]
    fn a_broken_production_line_silences_the_safety_rules() {
        let source = format!("prodution stage\n{CAST}{}", fall("INT. ARENA - NIGHT"));
        let got = codes(&source);
        assert_eq!(got, [("S004", 1)], "{got:?}");
        // Spelt right, the stage rules apply and report the fall's moves.
        let source = format!("production screen\n{CAST}{}", fall("INT. ARENA - NIGHT"));
        assert!(codes(&source).contains(&("X004", 10)));
    }
}
