//! Hover: what a name is, what a rule says, and on any fight event where
//! the story stands just before it.

use std::fmt::Write as _;

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::navigate::{Symbol, symbol_at};
use super::story::{self, EventState};
use super::{Ctx, Failure};
use crate::diag::Code;
use crate::model::timing;
use crate::span::Span;
use crate::syntax::ast::{Setting, Stmt, StmtKind, Technique};
use crate::syntax::visit::{self, Node};

/// `textDocument/hover`.
pub fn hover(ctx: &Ctx<'_>, params: HoverParams) -> Result<Option<Hover>, Failure> {
    let offset = ctx.offset(params.text_document_position_params.position);
    if let Some((code, span)) = rule_at(ctx, offset) {
        return Ok(Some(markdown(ctx, span, rule(code))));
    }
    let mut parts = Vec::new();
    let mut at = None;
    if let Some((symbol, span)) = symbol_at(ctx, offset) {
        at = Some(span);
        parts.push(match &symbol {
            Symbol::Cast(id) => member(ctx, id),
            Symbol::Technique(name) => technique(ctx, name),
            Symbol::Label(name) => label(ctx, name),
        });
    }
    // The state shows on an event's own line, and on a round's header
    // line (its opening bell); a beat, a comment or a blank line inside a
    // round is not an event, and gets none.
    let path = visit::node_at(&ctx.checked.script, offset as u32);
    let event = match path.last() {
        Some(Node::Stmt(stmt)) => {
            let on_header = stmt
                .body()
                .is_none_or(|body| offset < body.open.end as usize);
            ctx.story()
                .event_at(stmt.span.start)
                .filter(|_| on_header)
                .map(|e| (*stmt, e))
        }
        Some(Node::CastMember(_) | Node::MoveDecl(_)) | None => None,
    };
    if let Some((stmt, event)) = event {
        at.get_or_insert(stmt.head);
        parts.push(state(event));
    }
    let Some(span) = at else { return Ok(None) };
    Ok(Some(markdown(ctx, span, parts.join("\n\n---\n\n"))))
}

fn markdown(ctx: &Ctx<'_>, span: Span, value: String) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(ctx.range(span)),
    }
}

/// The rule named at `offset` inside a `// bout: allow(…)` comment.
fn rule_at(ctx: &Ctx<'_>, offset: usize) -> Option<(&'static Code, Span)> {
    let comment = ctx
        .checked
        .script
        .comments
        .iter()
        .find(|c| (c.span.start as usize) <= offset && offset <= c.span.end as usize)?;
    let text = &ctx.text[comment.span.range()];
    let open = text.find("allow(")? + "allow(".len();
    let start = comment.span.start as usize;
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let local = offset.checked_sub(start)?;
    if local < open {
        return None;
    }
    let from = text[..local]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_name(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[local..]
        .find(|c: char| !is_name(c))
        .map_or(text.len(), |i| local + i);
    let name = &text[from..to];
    Code::lookup(name).map(|code| (code, Span::new(start + from, start + to)))
}

fn rule(code: &Code) -> String {
    // `bout explain`'s text; its examples are indented code blocks.
    format!("### {}", crate::report::explain(code))
}

fn member(ctx: &Ctx<'_>, id: &str) -> String {
    let Some(m) = ctx.checked.names.member(id) else {
        return format!("`{id}`: not in the cast");
    };
    let mut out = format!("**{}** `{id}`: {}", m.name, m.role.phrase());
    if m.cue != m.name {
        let _ = write!(out, "\n\ncue: {}", m.cue);
    }
    if let Some(nickname) = m.nickname() {
        let _ = write!(out, "\n\nnickname: “{nickname}”");
    }
    if let Some(stance) = m.stance {
        let _ = write!(out, "\n\nstance: {}", stance.as_str());
    }
    let _ = write!(
        out,
        "\n\npronouns: {}",
        m.pronouns
            .map_or("none given (named, not guessed)", |p| p.as_str())
    );
    if let Some(boss) = m.works_for() {
        let _ = write!(out, "\n\nworks the corner of `{boss}`");
    }
    let fights = fights_of(ctx, id);
    if fights.is_empty() {
        out.push_str("\n\nin no fight");
    } else {
        out.push_str("\n\nfights:");
        for (line, what) in fights {
            let _ = write!(out, "\n- {what} (line {line})");
        }
    }
    out
}

/// The fights `id` is in, as a fighter or the referee: their line and how.
fn fights_of(ctx: &Ctx<'_>, id: &str) -> Vec<(usize, String)> {
    let script = &ctx.checked.script;
    visit::statements(&script.items)
        .filter_map(|stmt: &Stmt| {
            let StmtKind::Fight { red, blue, body } = &stmt.kind else {
                return None;
            };
            let title = format!("`{} vs {}`", red.value, blue.value);
            let referee = body.items.iter().any(
                |s| matches!(&s.kind, StmtKind::Setting(Setting::Referee(r)) if r.value == id),
            );
            let line = script.line_of(stmt.span.start);
            if red.value == id || blue.value == id {
                Some((line, title))
            } else if referee {
                Some((line, format!("{title}, as referee")))
            } else {
                None
            }
        })
        .collect()
}

fn technique(ctx: &Ctx<'_>, name: &str) -> String {
    let Some(info) = ctx.checked.names.technique(name) else {
        return format!("`{name}`: not a technique");
    };
    let kind = format!("{:?}", info.kind).to_lowercase();
    let (millis, origin) = match (info.duration, Technique::from_word(name)) {
        (Some(d), _) => (Some(d.millis), "declared in `moves`"),
        (None, Some(t)) => (Some(timing::technique_millis(t)), "built in"),
        (None, None) => (None, "declared in `moves`"),
    };
    let duration = millis.map_or(String::new(), |m| format!(", {} by default", seconds(m)));
    format!("`{name}`: a {kind}{duration} ({origin})")
}

fn label(ctx: &Ctx<'_>, name: &str) -> String {
    match ctx.checked.names.label(name) {
        Some(span) => format!(
            "`#{name}`: a label, on line {}",
            ctx.checked.script.line_of(span.start)
        ),
        None => format!("`#{name}`: no statement has this label"),
    }
}

/// `0.4 s`, `1.5 s`, `2 s`.
fn seconds(millis: u64) -> String {
    let s = format!("{}.{:03}", millis / 1000, millis % 1000);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s} s")
}

/// Where the story stands just before `event`.
fn state(event: &EventState) -> String {
    let mut out = String::new();
    let when = if event.round_header {
        "At the opening bell of"
    } else {
        "Just before this, in"
    };
    let _ = match (event.round, event.in_round) {
        (Some(round), Some(ms)) => write!(out, "**{when} round {round}, {}**", story::clock(ms)),
        (Some(round), None) => write!(out, "**{when} round {round}**"),
        (None, _) => write!(out, "**{when} the fight**"),
    };
    let mut clocks = Vec::new();
    if let Some(ms) = event.fight_clock {
        clocks.push(format!("fight clock {}", story::clock(ms)));
    }
    if let Some(ms) = event.screen {
        clocks.push(format!("screen time {}", story::clock(ms)));
    }
    if !clocks.is_empty() {
        let _ = write!(out, "\n\n{}", clocks.join(" · "));
    }
    // A fight without rounds (a street fight) counts its knockdowns whole.
    let knockdowns = if event.round.is_some() {
        "knockdowns this round"
    } else {
        "knockdowns"
    };
    let _ = write!(
        out,
        "\n\n| fighter | condition | {knockdowns} |\n|---|---|---|"
    );
    for (side, fighter) in event.fighters.iter().enumerate() {
        let _ = write!(
            out,
            "\n| `{fighter}` | {} | {} |",
            story::condition(&event.before, side),
            event.before.knockdowns[side]
        );
    }
    if event.ended_before {
        out.push_str("\n\nThe fight is already over.");
    }
    if event.open_fouls.is_empty() {
        out.push_str("\n\nNo open fouls.");
    } else {
        out.push_str("\n\nOpen fouls (not answered by the referee):");
        for (message, _) in &event.open_fouls {
            let _ = write!(out, "\n- {message}");
        }
    }
    out
}
