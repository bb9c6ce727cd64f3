//! CSV: one row per timeline event, a header row, RFC 4180 quoting. Text
//! cells are safe to open in a spreadsheet: a cell that begins with a
//! character that starts a formula (`=`, `+`, `-`, `@`, tab, carriage
//! return, or their full-width forms) gets a leading `'`, as OWASP's "CSV
//! injection" advice says, so Excel, LibreOffice and Google Sheets show it
//! as text instead of evaluating it. Numeric columns stay plain numbers.

use super::timeline::Timeline;

/// Options of the CSV export.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Field separator (`,` by default).
    pub separator: char,
}

impl Default for Options {
    fn default() -> Options {
        Options { separator: ',' }
    }
}

/// The header row's fields: where the event is (scene, fight, round, both
/// clocks), what it is, and a move's parts each in a column of its own, so
/// that a spreadsheet filters by attacker, technique or reaction.
pub const HEADER: &[&str] = &[
    "id",
    "kind",
    "scene",
    "fight",
    "round",
    "round_clock",
    "fight_ms",
    "screen_start_ms",
    "screen_duration_ms",
    "start_frame",
    "duration_frames",
    "lane",
    "track",
    "attacker",
    "side",
    "technique",
    "target",
    "flurry",
    "contact",
    "knap",
    "speed_pct",
    "defender",
    "reaction",
    "detail",
    "mat",
    "text",
    "line",
];

/// Whether a spreadsheet would read a cell beginning with `c` as a formula
/// (or strip it and read what follows as one).
fn starts_formula(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\t' | '\r' | '\u{ff1d}' | '\u{ff0b}' | '\u{ff0d}' | '\u{ff20}'
    )
}

/// A text cell neutralised against formula injection: `'` before a cell
/// that begins with a formula character (OWASP), `value` as it is otherwise.
pub fn text_cell(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(starts_formula) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

/// Quotes a field when it holds the separator, a quote or a line break,
/// doubling its quotes (RFC 4180).
pub fn field(value: &str, separator: char) -> String {
    if value.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// The CSV text of `timeline`, lines ended with CRLF as RFC 4180 says.
pub fn export(timeline: &Timeline, options: Options) -> String {
    let mut out = String::new();
    write(timeline, options, &mut out);
    out
}

/// [`export`], written to `out` row by row (see [`super::stream`]); a
/// write error ends it, and `out` keeps it.
pub fn write(timeline: &Timeline, options: Options, out: &mut impl std::fmt::Write) {
    let sep = options.separator.to_string();
    if out.write_str(&HEADER.join(&sep)).is_err() || out.write_str("\r\n").is_err() {
        return;
    }
    for e in timeline.events() {
        let clock = e.fight_clock.as_ref();
        let m = e.strike.as_ref();
        // A reaction's row holds the defender's side only: the move's row
        // holds the attack, so counting by attacker or technique counts
        // each move once.
        let attack = m.filter(|_| e.kind != super::timeline::EventKind::Reaction);
        let text = |v: Option<&str>| text_cell(v.unwrap_or_default()).into_owned();
        let row = [
            text_cell(&e.id).into_owned(),
            serde_json::to_value(e.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            text(e.scene.as_deref()),
            text(e.fight.as_deref()),
            clock
                .and_then(|c| c.round)
                .map(|r| r.to_string())
                .unwrap_or_default(),
            clock
                .and_then(|c| c.clock.as_deref())
                .unwrap_or_default()
                .to_owned(),
            clock.map(|c| c.absolute_ms.to_string()).unwrap_or_default(),
            e.screen.start_ms.to_string(),
            e.screen.duration_ms.to_string(),
            e.screen.start_frame.to_string(),
            e.screen.duration_frames.to_string(),
            text_cell(&e.lane).into_owned(),
            text(e.track.as_deref()),
            text(attack.map(|m| m.attacker.as_str())),
            text(attack.and_then(|m| m.side)),
            text(attack.map(|m| m.technique.as_str())),
            text(attack.and_then(|m| m.target)),
            attack.map(|m| m.flurry.to_string()).unwrap_or_default(),
            text(attack.and_then(|m| m.contact)),
            text(attack.and_then(|m| m.knap.as_deref())),
            attack
                .and_then(|m| m.speed_pct)
                .map(|n| n.to_string())
                .unwrap_or_default(),
            text(m.and_then(|m| m.defender.as_deref())),
            text(m.and_then(|m| m.reaction)),
            text(m.and_then(|m| m.detail)),
            m.map(|m| if m.mat { "yes" } else { "no" }.to_owned())
                .unwrap_or_default(),
            text_cell(&e.text).into_owned(),
            e.line.to_string(),
        ];
        for (i, value) in row.iter().enumerate() {
            if i > 0 && out.write_str(&sep).is_err() {
                return;
            }
            if out.write_str(&field(value, options.separator)).is_err() {
                return;
            }
        }
        if out.write_str("\r\n").is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_quoted() {
        for payload in [
            "=cmd|' /C calc'!A0",
            "+1",
            "-1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "\u{ff1d}1",
        ] {
            assert!(text_cell(payload).starts_with('\''), "{payload:?}");
        }
        assert_eq!(text_cell("Rocky jabs"), "Rocky jabs");
        assert_eq!(
            field(&text_cell("=cmd|' /C calc'!A0"), ','),
            "'=cmd|' /C calc'!A0"
        );
        assert_eq!(field(&text_cell("=A1,\"x\""), ','), "\"'=A1,\"\"x\"\"\"");
    }
}
