//! Inlay hints: the round clock at the end of every fight event's line
//! (`1:32.4`; the fight clock in a fight without rounds), and the round's
//! running time at its closing brace. Off with the `inlayHints` setting.

use lsp_types::{InlayHint, InlayHintKind, InlayHintLabel, InlayHintParams};

use super::story::clock;
use super::{Ctx, Failure};

/// `textDocument/inlayHint`.
pub fn hints(ctx: &Ctx<'_>, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>, Failure> {
    if !ctx.options.inlay_hints {
        return Ok(Some(Vec::new()));
    }
    let wanted = super::position::span(&ctx.index, ctx.text, params.range);
    let inside = |offset: u32| wanted.start <= offset && offset <= wanted.end;
    let story = ctx.story();
    let mut hints = Vec::new();
    let mut last_line = None;
    for event in story.events.iter().filter(|e| inside(e.span.start)) {
        if event.round_header {
            continue;
        }
        let Some(ms) = event.in_round.or(event.fight_clock) else {
            continue;
        };
        // One hint a line: `&` events on one line share the first's clock.
        let line = ctx.index.line_of(event.span.start as usize);
        if last_line == Some(line) {
            continue;
        }
        last_line = Some(line);
        let end = ctx.index.line_start(line) + ctx.index.line_text(line).len();
        hints.push(hint(
            ctx,
            end,
            clock(ms),
            "the round clock as this event starts",
        ));
    }
    for end in story.round_ends.iter().filter(|r| inside(r.close.start)) {
        hints.push(hint(
            ctx,
            end.close.end as usize,
            format!("round {} ran {}", end.round, clock(end.running)),
            "how long the round ran",
        ));
    }
    hints.sort_by_key(|h| (h.position.line, h.position.character));
    Ok(Some(hints))
}

fn hint(ctx: &Ctx<'_>, offset: usize, label: String, tooltip: &str) -> InlayHint {
    InlayHint {
        position: super::position::position(&ctx.index, offset),
        label: InlayHintLabel::String(label),
        kind: Some(InlayHintKind::TYPE),
        text_edits: None,
        tooltip: Some(lsp_types::InlayHintTooltip::String(tooltip.to_owned())),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}
