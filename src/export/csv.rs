//! CSV: one row per timeline event, a header row, RFC 4180 quoting.

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

/// The header row's fields.
pub const HEADER: &[&str] = &[
    "id",
    "kind",
    "lane",
    "track",
    "text",
    "line",
    "round",
    "round_clock",
    "fight_ms",
    "screen_start_ms",
    "screen_duration_ms",
    "start_frame",
    "duration_frames",
];

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
    let sep = options.separator.to_string();
    let mut out = HEADER.join(&sep);
    out.push_str("\r\n");
    for e in &timeline.events {
        let clock = e.fight_clock.as_ref();
        let row = [
            e.id.clone(),
            serde_json::to_value(e.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            e.lane.clone(),
            e.track.clone().unwrap_or_default(),
            e.text.clone(),
            e.line.to_string(),
            clock
                .and_then(|c| c.round)
                .map(|r| r.to_string())
                .unwrap_or_default(),
            clock.and_then(|c| c.clock.clone()).unwrap_or_default(),
            clock.map(|c| c.absolute_ms.to_string()).unwrap_or_default(),
            e.screen.start_ms.to_string(),
            e.screen.duration_ms.to_string(),
            e.screen.start_frame.to_string(),
            e.screen.duration_frames.to_string(),
        ];
        let row: Vec<String> = row.iter().map(|v| field(v, options.separator)).collect();
        out.push_str(&row.join(&sep));
        out.push_str("\r\n");
    }
    out
}
