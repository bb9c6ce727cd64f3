//! The fight-call sheet (`bout call`): the model's fight call
//! ([`crate::model::call`]) as JSON (with its schema), CSV, HTML and PDF.
//!
//! One entry per fight, or per part of a long fight, in running order
//! (riskiest, then biggest, first), then the total against fifteen minutes.
//! The PDF is set in the screenplay's Courier layout, as a typed call sheet;
//! the HTML is a table to print.

use std::fmt::Write;

use schemars::JsonSchema;
use serde::Serialize;

use crate::export::escape::{inert, one_line};
use crate::export::screenplay::{Element, Form, Screenplay, html as play_html, layout::Paper, pdf};
use crate::model::Model;
use crate::model::call::{self, CALL_LIMIT_MILLIS, HALF_SPEED, RESET_MILLIS, Risk};
use crate::syntax::ast::*;

/// The call sheet.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct CallSheet {
    /// The script's title, if it has one.
    pub title: Option<String>,
    /// `stage`, `screen` or `page`.
    pub production: String,
    /// The first pass's speed, percent of full speed.
    pub half_speed_pct: u32,
    /// The production's limit on performance speed, percent.
    pub speed_limit_pct: u32,
    /// Seconds allowed to set places and reset, per pass of each entry.
    pub reset_seconds: u64,
    /// The entries in running order.
    pub entries: Vec<CallEntry>,
    /// Both passes of every entry, milliseconds.
    pub total_ms: u64,
    /// The total as `m:ss`.
    pub total: String,
    /// How long a fight call may run, milliseconds (fifteen minutes).
    pub limit_ms: u64,
    /// Whether the total passes it.
    pub over_limit: bool,
}

/// One entry: a fight, or a part of a long one.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct CallEntry {
    /// Place in the running order, from 1.
    pub order: usize,
    /// The fight's number from 1, in the script's order.
    pub fight: usize,
    /// The fight's label, without `#`.
    pub label: Option<String>,
    /// The fighters by cue: "APOLLO vs DRAGO".
    pub title: String,
    /// The heading of the scene the fight stands in.
    pub scene: Option<String>,
    /// The part of a long fight ("exchange “the wall”", "round 3"), or
    /// none for the whole fight.
    pub part: Option<String>,
    /// The 1-based line it starts on.
    pub line: usize,
    /// Everyone who moves or reacts, by cue, fighters first.
    pub performers: Vec<String>,
    /// Move statements.
    pub moves: usize,
    /// Blows (a flurry `x3` is three).
    pub blows: u64,
    /// Moves with a knap.
    pub knaps: usize,
    /// Falls: knockdowns, and throws and tackles that land.
    pub falls: usize,
    /// Falls onto a mat.
    pub mats: usize,
    /// The highest contact written (`none`, `light`, `full`), if any is.
    pub highest_contact: Option<String>,
    /// Weapons and props named in the fight's notes and techniques.
    pub props: Vec<String>,
    /// `high`, `medium` or `low`.
    pub risk: Risk,
    /// The first pass's speed, percent.
    pub half_speed_pct: u32,
    /// The second pass's speed, percent.
    pub performance_speed_pct: u32,
    /// The first pass with its reset, milliseconds.
    pub half_ms: u64,
    /// The second pass with its reset, milliseconds.
    pub performance_ms: u64,
    /// Both passes, milliseconds.
    pub total_ms: u64,
}

/// `m:ss` of `millis`, rounded up to the second.
pub fn minutes(millis: u64) -> String {
    let seconds = millis.div_ceil(1000);
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// The call sheet of `model` at performance speed at most `speed_limit`
/// percent. Every string in it is inert and on one line.
pub fn build(model: &Model<'_>, speed_limit: u32) -> CallSheet {
    let call = call::build(model, speed_limit);
    let text = |s: &str| inert(&one_line(s)).into_owned();
    let title = model.script.items.iter().find_map(|s| {
        if let StmtKind::TitleField { key, value } = &s.kind
            && key.value == TitleKey::Title
        {
            Some(text(&value.value))
        } else {
            None
        }
    });
    let cue = |id: &str| text(&crate::export::screenplay::table::cue(model, id));
    let entries: Vec<CallEntry> = call
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| CallEntry {
            order: i + 1,
            fight: e.fight_number,
            label: e.fight.stmt.label().map(|l| text(&l.value)),
            title: format!(
                "{} vs {}",
                cue(&e.fight.fighters[0].value),
                cue(&e.fight.fighters[1].value)
            ),
            scene: e.scene.and_then(|s| {
                if let StmtKind::Scene { heading, .. } = &s.kind {
                    Some(text(&heading.value))
                } else {
                    None
                }
            }),
            part: e.part.as_deref().map(text),
            line: e.line,
            performers: e.performers.iter().map(|p| cue(p)).collect(),
            moves: e.moves,
            blows: e.blows,
            knaps: e.knaps,
            falls: e.falls,
            mats: e.mats,
            highest_contact: e.highest_contact.map(|c| c.as_str().to_owned()),
            props: e.props.iter().map(|p| p.to_string()).collect(),
            risk: e.risk,
            half_speed_pct: HALF_SPEED.min(call.speed_limit),
            performance_speed_pct: e.performance_speed,
            half_ms: e.half_millis,
            performance_ms: e.performance_millis,
            total_ms: e.total_millis(),
        })
        .collect();
    let total_ms = call.total_millis();
    CallSheet {
        title,
        production: model.production.as_str().to_owned(),
        half_speed_pct: HALF_SPEED.min(call.speed_limit),
        speed_limit_pct: call.speed_limit,
        reset_seconds: RESET_MILLIS / 1000,
        entries,
        total_ms,
        total: minutes(total_ms),
        limit_ms: CALL_LIMIT_MILLIS,
        over_limit: total_ms > CALL_LIMIT_MILLIS,
    }
}

/// The JSON Schema of [`CallSheet`], as `docs/call.schema.json` holds it.
pub fn schema() -> String {
    let schema = schemars::schema_for!(CallSheet);
    serde_json::to_string_pretty(&schema).expect("a schema serialises") + "\n"
}

fn risk_word(risk: Risk) -> &'static str {
    match risk {
        Risk::Low => "low",
        Risk::Medium => "medium",
        Risk::High => "high",
    }
}

/// The CSV header.
pub const CSV_HEADER: &[&str] = &[
    "order",
    "fight",
    "label",
    "title",
    "part",
    "scene",
    "line",
    "performers",
    "moves",
    "blows",
    "knaps",
    "falls",
    "mats",
    "highest_contact",
    "props",
    "risk",
    "half_speed_pct",
    "half_time",
    "performance_speed_pct",
    "performance_time",
    "total_time",
];

/// The sheet as CSV (RFC 4180, CRLF): a row per entry, then a `TOTAL` row
/// whose `total_time` is the call's.
pub fn csv(sheet: &CallSheet) -> String {
    use crate::export::csv::{field, text_cell};
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    let mut row = |cells: Vec<String>| {
        let cells: Vec<String> = cells.iter().map(|c| field(&text_cell(c), ',')).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    for e in &sheet.entries {
        row(vec![
            e.order.to_string(),
            e.fight.to_string(),
            e.label.clone().unwrap_or_default(),
            e.title.clone(),
            e.part.clone().unwrap_or_default(),
            e.scene.clone().unwrap_or_default(),
            e.line.to_string(),
            e.performers.join(" "),
            e.moves.to_string(),
            e.blows.to_string(),
            e.knaps.to_string(),
            e.falls.to_string(),
            e.mats.to_string(),
            e.highest_contact.clone().unwrap_or_default(),
            e.props.join(" "),
            risk_word(e.risk).into(),
            e.half_speed_pct.to_string(),
            minutes(e.half_ms),
            e.performance_speed_pct.to_string(),
            minutes(e.performance_ms),
            minutes(e.total_ms),
        ]);
    }
    let mut total = vec![String::new(); CSV_HEADER.len()];
    total[0] = "TOTAL".into();
    total[CSV_HEADER.len() - 1] = sheet.total.clone();
    row(total);
    out
}

/// What an entry is, in a line: "APOLLO vs DRAGO (#exhibition), exchange
/// “the wall”".
fn heading(e: &CallEntry) -> String {
    let mut text = e.title.clone();
    if let Some(label) = &e.label {
        let _ = write!(text, " (#{label})");
    }
    if let Some(part) = &e.part {
        let _ = write!(text, ", {part}");
    }
    text
}

/// An entry's counts in a line.
fn counts(e: &CallEntry) -> String {
    let plural = |n: u64, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut parts = vec![
        plural(e.moves as u64, "move", "moves")
            + &format!(" ({})", plural(e.blows, "blow", "blows")),
        plural(e.knaps as u64, "knap", "knaps"),
        format!(
            "{}, {} on a mat",
            plural(e.falls as u64, "fall", "falls"),
            e.mats
        ),
    ];
    parts.push(format!(
        "highest contact: {}",
        e.highest_contact.as_deref().unwrap_or("not written")
    ));
    parts.push(if e.props.is_empty() {
        "no props".into()
    } else {
        format!("props: {}", e.props.join(", "))
    });
    parts.join(" · ")
}

/// The two passes in a line.
fn passes(e: &CallEntry) -> String {
    format!(
        "Risk {}. Run at {}%: {}, then at {}%: {}; {} in all.",
        risk_word(e.risk),
        e.half_speed_pct,
        minutes(e.half_ms),
        e.performance_speed_pct,
        minutes(e.performance_ms),
        minutes(e.total_ms)
    )
}

/// The sheet as a typed page in the screenplay's layout, for the PDF.
fn page(sheet: &CallSheet) -> Screenplay {
    let title = sheet.title.clone().unwrap_or_else(|| "Untitled".into());
    let mut elements = vec![
        Element::Centered(format!("FIGHT CALL: {}", title.to_uppercase())),
        Element::Centered(format!(
            "Each fight at {}%, then at performance speed (at most {}%), {} s to reset each pass.",
            sheet.half_speed_pct, sheet.speed_limit_pct, sheet.reset_seconds
        )),
    ];
    for e in &sheet.entries {
        elements.push(Element::Shot(format!("{}. {}", e.order, heading(e))));
        if let Some(scene) = &e.scene {
            elements.push(Element::Action(format!("{scene} (line {})", e.line)));
        }
        elements.push(Element::Action(format!(
            "Performers: {}",
            e.performers.join(", ")
        )));
        elements.push(Element::Action(counts(e)));
        elements.push(Element::Action(passes(e)));
    }
    elements.push(Element::Shot(format!(
        "TOTAL: {} of 15:00{}",
        sheet.total,
        if sheet.over_limit { " (OVER)" } else { "" }
    )));
    let lines = vec![0; elements.len()];
    Screenplay {
        title_page: Vec::new(),
        form: Form::Screenplay,
        elements,
        lines,
    }
}

/// The sheet as a PDF in Courier, on `paper`.
pub fn pdf(sheet: &CallSheet, paper: Paper) -> Vec<u8> {
    pdf::export(&page(sheet), pdf::Options { paper })
}

/// The sheet as one standalone HTML page: a table to print.
pub fn html(sheet: &CallSheet) -> String {
    let e = play_html::escape;
    let title = sheet.title.clone().unwrap_or_else(|| "Untitled".into());
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fight call: {}</title>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; margin: 2rem; color: #1f2328; }}
h1 {{ font-size: 1.4rem; margin-bottom: .2rem; }}
p.how {{ color: #555; margin-top: 0; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9rem; }}
th, td {{ border: 1px solid #bbb; padding: .35rem .5rem; text-align: left; vertical-align: top; }}
th {{ background: #f3f1ea; }}
td.n {{ text-align: right; font-variant-numeric: tabular-nums; }}
tr.high td.risk {{ color: #9d0208; font-weight: bold; }}
tr.medium td.risk {{ color: #a15c00; }}
tfoot td {{ font-weight: bold; }}
.over {{ color: #9d0208; }}
@media print {{ body {{ margin: 0; }} @page {{ margin: 1.5cm; }} }}
</style>
</head>
<body>
<h1>Fight call: {}</h1>
<p class="how">Each fight at {}%, then at performance speed (at most {}%), with {} s to set and reset each pass. Riskiest and biggest first.</p>
<table>
<thead><tr><th>#</th><th>Fight</th><th>Performers</th><th>Moves</th><th>Knaps</th><th>Falls (mats)</th><th>Contact</th><th>Props</th><th>Risk</th><th>Half speed</th><th>Performance speed</th><th>Both passes</th></tr></thead>
<tbody>
"#,
        e(&title),
        e(&title),
        sheet.half_speed_pct,
        sheet.speed_limit_pct,
        sheet.reset_seconds
    );
    for entry in &sheet.entries {
        let scene = entry
            .scene
            .as_deref()
            .map_or(String::new(), |s| format!("<br><small>{}</small>", e(s)));
        let _ = writeln!(
            out,
            r#"<tr class="{risk}"><td class="n">{}</td><td>{}{scene}<br><small>line {}</small></td><td>{}</td><td class="n">{} ({} blows)</td><td class="n">{}</td><td class="n">{} ({})</td><td>{}</td><td>{}</td><td class="risk">{risk}</td><td class="n">{}% · {}</td><td class="n">{}% · {}</td><td class="n">{}</td></tr>"#,
            entry.order,
            e(&heading(entry)),
            entry.line,
            e(&entry.performers.join(", ")),
            entry.moves,
            entry.blows,
            entry.knaps,
            entry.falls,
            entry.mats,
            e(entry.highest_contact.as_deref().unwrap_or("—")),
            e(&if entry.props.is_empty() {
                "—".to_owned()
            } else {
                entry.props.join(", ")
            }),
            entry.half_speed_pct,
            minutes(entry.half_ms),
            entry.performance_speed_pct,
            minutes(entry.performance_ms),
            minutes(entry.total_ms),
            risk = risk_word(entry.risk),
        );
    }
    let _ = write!(
        out,
        r#"</tbody>
<tfoot><tr><td colspan="11">Total (limit 15:00)</td><td class="n{}">{}</td></tr></tfoot>
</table>
</body>
</html>
"#,
        if sheet.over_limit { " over" } else { "" },
        sheet.total
    );
    out
}
