//! Diagnostics out: line and column positions, the JSON document, and
//! miette's graphical reports. This is the only module that knows miette.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use serde::Serialize;

use crate::diag::{self, Code, Diagnostic, Severity};
use crate::syntax::span::Span;

/// Byte offsets of line starts, to turn spans into lines and columns.
pub struct LineIndex<'s> {
    source: &'s str,
    starts: Vec<usize>,
}

/// One diagnostic in the JSON document, positions 1-based, columns in
/// characters.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    /// The file as given on the command line.
    pub file: String,
    /// Line of the span's start.
    pub line: usize,
    /// Column of the span's start.
    pub column: usize,
    /// Line of the span's end.
    pub end_line: usize,
    /// Column of the span's end (one past the last character).
    pub end_column: usize,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// The stable code.
    pub code: &'static str,
    /// The code's name.
    pub name: &'static str,
    /// What is wrong.
    pub message: String,
    /// What to do, when known.
    pub help: Option<String>,
}

/// The whole `--format json` document.
#[derive(Debug, Serialize)]
pub struct JsonReport {
    /// Every diagnostic of every file, files in input order.
    pub diagnostics: Vec<JsonDiagnostic>,
    /// Counts.
    pub summary: Summary,
}

/// Counts over a run.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Summary {
    /// Diagnostics of severity error.
    pub errors: usize,
    /// Diagnostics of severity warning.
    pub warnings: usize,
    /// Files checked.
    pub files: usize,
}

/// One file's diagnostics, for the multi-file formats.
#[derive(Clone, Copy, Debug)]
pub struct File<'a> {
    /// The file as given on the command line.
    pub name: &'a str,
    /// Its text.
    pub source: &'a str,
    /// Its diagnostics, in report order.
    pub diagnostics: &'a [Diagnostic],
}

/// How the graphical report is drawn.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
    /// Wrap at this many columns.
    pub width: usize,
}

impl<'s> LineIndex<'s> {
    /// Indexes `source`.
    pub fn new(source: &'s str) -> LineIndex<'s> {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { source, starts }
    }

    /// The 1-based line and character column of byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.source.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let text = &self.source[start..offset];
        let mut column = text.chars().count() + 1;
        if line == 0 && self.source.starts_with('\u{feff}') {
            column = column.saturating_sub(1).max(1);
        }
        (line + 1, column)
    }
}

impl Summary {
    /// Adds `diagnostics` to the counts.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => {}
            }
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        write!(
            f,
            "{}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        )
    }
}

/// The JSON form of `diagnostic` in `file`.
pub fn to_json(file: &str, index: &LineIndex<'_>, diagnostic: &Diagnostic) -> JsonDiagnostic {
    let (line, column) = index.position(diagnostic.span.start as usize);
    let (end_line, end_column) = index.position(diagnostic.span.end as usize);
    JsonDiagnostic {
        file: file.to_owned(),
        line,
        column,
        end_line,
        end_column,
        severity: diagnostic.severity,
        code: diagnostic.code.code,
        name: diagnostic.code.name,
        message: diagnostic.message.clone(),
        help: diagnostic.help.clone(),
    }
}

/// Renders the diagnostics of one file as miette's graphical reports,
/// each followed by a blank line.
pub fn render(file: &str, source: &str, diagnostics: &[Diagnostic], style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let named = NamedSource::new(file, source.to_owned());
    let mut out = String::new();
    for diagnostic in diagnostics {
        let report = Report {
            diagnostic,
            source: &named,
        };
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&format!(
                "{}: {}\n",
                diagnostic.code.code, diagnostic.message
            ));
        }
        out.push('\n');
    }
    out
}

/// A diagnostic seen through miette; the source is attached once per report.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a NamedSource<String>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Report<'_> {}

fn source_span(span: Span) -> SourceSpan {
    SourceSpan::new((span.start as usize).into(), span.len())
}

impl miette::Diagnostic for Report<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let code = self.diagnostic.code;
        Some(Box::new(format!("{}({})", code.code, code.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let primary =
            LabeledSpan::new_primary_with_span(Some(d.label.clone()), source_span(d.span));
        let related = d.related.iter().map(|(span, label)| {
            LabeledSpan::new_with_span(Some(label.clone()), source_span(*span))
        });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

/// The `--format json` document for `files`.
pub fn json(files: &[File<'_>], summary: Summary) -> JsonReport {
    let diagnostics = files
        .iter()
        .flat_map(|f| {
            let index = LineIndex::new(f.source);
            f.diagnostics
                .iter()
                .map(move |d| to_json(f.name, &index, d))
                .collect::<Vec<_>>()
        })
        .collect();
    JsonReport {
        diagnostics,
        summary,
    }
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI for a path as given: `/` separators, reserved
/// characters percent-encoded.
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// A SARIF artifact location: relative to the source root, or an absolute
/// `file://` URI for a path given absolute.
fn artifact(name: &str) -> serde_json::Value {
    if name.starts_with('/') {
        serde_json::json!({ "uri": format!("file://{}", uri(name)) })
    } else {
        serde_json::json!({ "uri": uri(name), "uriBaseId": "%SRCROOT%" })
    }
}

/// The SARIF 2.1.0 log for `files`: every rule in `tool.driver.rules`,
/// results with relative URIs and code-point columns.
pub fn sarif(files: &[File<'_>]) -> serde_json::Value {
    use serde_json::json;
    let rules: Vec<serde_json::Value> = diag::CODES
        .iter()
        .map(|c| {
            json!({
                "id": c.code,
                "name": c.name,
                "shortDescription": { "text": c.what },
                "fullDescription": { "text": format!("{} {}", c.what, c.why) },
                "help": {
                    "text": format!("{}\n\nExample:\n{}\n\nInstead:\n{}", c.why, c.example, c.instead),
                    "markdown": format!("{}\n\n**Example**\n\n```bout\n{}\n```\n\n**Instead**\n\n```bout\n{}\n```", c.why, c.example, c.instead),
                },
                "defaultConfiguration": { "level": sarif_level(c.severity) },
                "properties": { "category": c.category },
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in files {
        let index = LineIndex::new(file.source);
        for d in file.diagnostics {
            let (start_line, start_column) = index.position(d.span.start as usize);
            let (end_line, end_column) = index.position(d.span.end as usize);
            let rule_index = diag::CODES.iter().position(|c| c.code == d.code.code);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(&format!(" (help: {help})"));
            }
            results.push(json!({
                "ruleId": d.code.code,
                "ruleIndex": rule_index,
                "level": sarif_level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact(file.name),
                        "region": {
                            "startLine": start_line,
                            "startColumn": start_column,
                            "endLine": end_line,
                            "endColumn": end_column,
                        },
                    },
                    "message": { "text": d.label },
                }],
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "bout",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// Escapes a workflow command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions workflow commands, one line per diagnostic.
pub fn github(files: &[File<'_>]) -> String {
    let mut out = String::new();
    for file in files {
        let index = LineIndex::new(file.source);
        for d in file.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let (line, col) = index.position(d.span.start as usize);
            let (end_line, end_col) = index.position(d.span.end as usize);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            out.push_str(&format!(
                "::{command} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}\n",
                escape_property(file.name),
                escape_property(&format!("{} {}", d.code.code, d.code.name)),
                escape_data(&message),
            ));
        }
    }
    out
}

fn level_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn category_word(code: &Code) -> String {
    serde_json::to_value(code.category)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// `bout explain`: a rule under its fixed headings.
pub fn explain(code: &Code) -> String {
    let indent = |text: &str| {
        text.lines()
            .map(|l| format!("    {l}\n"))
            .collect::<String>()
    };
    format!(
        "{} {} ({}, {} by default)\n\n## What it does\n{}\n\n## Why it matters\n{}\n\n## Example\n{}\n## Instead\n{}",
        code.code,
        code.name,
        category_word(code),
        level_word(code.severity),
        code.what,
        code.why,
        indent(code.example),
        indent(code.instead),
    )
}

/// `bout rules`: an aligned table of every rule.
pub fn rules_table() -> String {
    let name_width = diag::CODES.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for c in diag::CODES {
        out.push_str(&format!(
            "{}  {:<name_width$}  {:<7}  {:<8}  {}\n",
            c.code,
            c.name,
            level_word(c.severity),
            category_word(c),
            c.what
        ));
    }
    out
}

/// One rule in `bout rules --format json`.
#[derive(Debug, Serialize)]
pub struct RuleJson {
    /// The stable code.
    pub code: &'static str,
    /// The kebab-case name.
    pub name: &'static str,
    /// The default level: `error`, `warning` or `info`.
    pub level: Severity,
    /// The family.
    pub category: diag::Category,
    /// What it does.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A script that triggers it.
    pub example: &'static str,
    /// What to write instead.
    pub instead: &'static str,
}

/// `bout rules --format json`.
pub fn rules_json() -> Vec<RuleJson> {
    diag::CODES
        .iter()
        .map(|c| RuleJson {
            code: c.code,
            name: c.name,
            level: c.severity,
            category: c.category,
            what: c.what,
            why: c.why,
            example: c.example,
            instead: c.instead,
        })
        .collect()
}

/// `bout rules --format markdown`: the catalogue in `docs/rules.md`.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\nGenerated by `bout rules --format markdown`; a test keeps this file in step with the\ncatalogue. `bout explain CODE` prints one entry. Levels can be changed in `bout.toml`\n(`[lints] rule-name = \"allow\" | \"warn\" | \"deny\"`), by `// bout: allow(rule-name)` on the\nline before, and by `--deny warnings`; syntax rules (`S…`) cannot be changed.\n\n| code | name | level | category | what it does |\n|---|---|---|---|---|\n",
    );
    for c in diag::CODES {
        out.push_str(&format!(
            "| {} | [{}](#{}) | {} | {} | {} |\n",
            c.code,
            c.name,
            c.code.to_lowercase(),
            level_word(c.severity),
            category_word(c),
            c.what.replace('|', "\\|")
        ));
    }
    for c in diag::CODES {
        out.push_str(&format!(
            "\n## {}\n\n`{}` · {} · {} by default\n\n**What it does.** {}\n\n**Why it matters.** {}\n\n**Example**\n\n```bout\n{}\n```\n\n**Instead**\n\n```bout\n{}\n```\n",
            c.code,
            c.name,
            category_word(c),
            level_word(c.severity),
            c.what,
            c.why,
            c.example,
            c.instead
        ));
    }
    out
}
