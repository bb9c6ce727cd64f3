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
    // A write error ends the export; `out` keeps it.
    let _ = write_rows(timeline, options, out);
}

/// The rows of [`write`]. Each cell is written straight into `out`, with
/// no string made for it (the CSV of a long script is tens of millions of
/// cells).
fn write_rows(
    timeline: &Timeline,
    options: Options,
    out: &mut impl std::fmt::Write,
) -> std::fmt::Result {
    let sep = options.separator;
    for (i, name) in HEADER.iter().enumerate() {
        if i > 0 {
            out.write_char(sep)?;
        }
        out.write_str(name)?;
    }
    out.write_str("\r\n")?;
    // Each kind's name as the JSON spells it, made once per kind.
    let mut kinds: Vec<(super::timeline::EventKind, String)> = Vec::new();
    for e in timeline.events() {
        let clock = e.fight_clock.as_ref();
        let m = e.strike.as_ref();
        // A reaction's row holds the defender's side only: the move's row
        // holds the attack, so counting by attacker or technique counts
        // each move once.
        let attack = m.filter(|_| e.kind != super::timeline::EventKind::Reaction);
        let kind = match kinds.iter().find(|(k, _)| *k == e.kind) {
            Some((_, name)) => name.as_str(),
            None => {
                let name = serde_json::to_value(e.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                kinds.push((e.kind, name));
                kinds.last().map_or("", |(_, name)| name.as_str())
            }
        };
        let mut row = Row {
            out,
            sep,
            first: true,
        };
        row.text(&e.id)?;
        row.plain(kind)?;
        row.text(e.scene.as_deref().unwrap_or_default())?;
        row.text(e.fight.as_deref().unwrap_or_default())?;
        row.number(clock.and_then(|c| c.round))?;
        row.plain(clock.and_then(|c| c.clock.as_deref()).unwrap_or_default())?;
        row.number(clock.map(|c| c.absolute_ms))?;
        row.number(Some(e.screen.start_ms))?;
        row.number(Some(e.screen.duration_ms))?;
        row.number(Some(e.screen.start_frame))?;
        row.number(Some(e.screen.duration_frames))?;
        row.text(&e.lane)?;
        row.text(e.track.as_deref().unwrap_or_default())?;
        row.text(attack.map_or("", |m| m.attacker.as_str()))?;
        row.text(attack.and_then(|m| m.side).unwrap_or_default())?;
        row.text(attack.map_or("", |m| m.technique.as_str()))?;
        row.text(attack.and_then(|m| m.target).unwrap_or_default())?;
        row.number(attack.map(|m| m.flurry))?;
        row.text(attack.and_then(|m| m.contact).unwrap_or_default())?;
        row.text(attack.and_then(|m| m.knap.as_deref()).unwrap_or_default())?;
        row.number(attack.and_then(|m| m.speed_pct))?;
        row.text(m.and_then(|m| m.defender.as_deref()).unwrap_or_default())?;
        row.text(m.and_then(|m| m.reaction).unwrap_or_default())?;
        row.text(m.and_then(|m| m.detail).unwrap_or_default())?;
        row.plain(m.map_or("", |m| if m.mat { "yes" } else { "no" }))?;
        row.text(&e.text)?;
        row.number(Some(e.line))?;
        out.write_str("\r\n")?;
    }
    Ok(())
}

/// The cells of one row, written as they come.
struct Row<'o, W> {
    out: &'o mut W,
    sep: char,
    first: bool,
}

impl<W: std::fmt::Write> Row<'_, W> {
    /// A text cell: neutralised against formula injection ([`text_cell`])
    /// and quoted when it must be ([`field`]).
    fn text(&mut self, value: &str) -> std::fmt::Result {
        self.cell(value, value.starts_with(starts_formula))
    }

    /// A cell that is no user text (a kind, a clock, `yes`): quoted when it
    /// must be, never prefixed.
    fn plain(&mut self, value: &str) -> std::fmt::Result {
        self.cell(value, false)
    }

    /// A number, or an empty cell.
    fn number(&mut self, value: Option<impl std::fmt::Display>) -> std::fmt::Result {
        self.separate()?;
        match value {
            Some(n) => write!(self.out, "{n}"),
            None => Ok(()),
        }
    }

    /// `'` before `value` when `neutralise`, the whole in quotes with its
    /// quotes doubled when it holds the separator, a quote or a line
    /// break: what `field(&text_cell(value))` gives, without the copies.
    fn cell(&mut self, value: &str, neutralise: bool) -> std::fmt::Result {
        self.separate()?;
        let quoted = value.contains([self.sep, '"', '\n', '\r']);
        if quoted {
            self.out.write_char('"')?;
        }
        if neutralise {
            self.out.write_char('\'')?;
        }
        if quoted {
            for (i, part) in value.split('"').enumerate() {
                if i > 0 {
                    self.out.write_str("\"\"")?;
                }
                self.out.write_str(part)?;
            }
            self.out.write_char('"')
        } else {
            self.out.write_str(value)
        }
    }

    fn separate(&mut self) -> std::fmt::Result {
        if !std::mem::take(&mut self.first) {
            self.out.write_char(self.sep)?;
        }
        Ok(())
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

    #[test]
    fn a_row_writes_each_cell_as_field_and_text_cell_make_it() {
        for value in [
            "Rocky jabs",
            "=cmd|' /C calc'!A0",
            "=A1,\"x\"",
            "a;b",
            "say \"hi\"",
            "two\nlines",
            "\rx",
            "-1",
            "",
        ] {
            for sep in [',', ';', '\t'] {
                let mut out = String::new();
                let mut row = Row {
                    out: &mut out,
                    sep,
                    first: true,
                };
                row.text(value).unwrap();
                row.plain(value).unwrap();
                row.number(Some(7)).unwrap();
                row.number(None::<u32>).unwrap();
                let expected = format!(
                    "{}{sep}{}{sep}7{sep}",
                    field(&text_cell(value), sep),
                    field(value, sep)
                );
                assert_eq!(out, expected, "{value:?} with {sep:?}");
            }
        }
    }
}
