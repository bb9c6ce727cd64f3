//! Diagnostics out: line and column positions, the JSON document, and
//! miette's graphical reports. This is the only module that knows miette.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};
use serde::Serialize;

use crate::diag::{self, Code, Diagnostic, Severity};
use crate::span::Span;

pub use crate::syntax::lines::LineIndex;

/// One diagnostic in the JSON document, positions 1-based, columns in
/// characters.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    /// The file as given on the command line.
    pub file: &'a str,
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
    pub message: &'a str,
    /// What to do, when known.
    pub help: Option<&'a str>,
}

/// The whole `--format json` document.
#[derive(Serialize)]
pub struct JsonReport<'a> {
    /// Every diagnostic of every file, files in input order.
    pub diagnostics: JsonDiagnostics<'a>,
    /// Counts.
    pub summary: Summary,
}

/// Every diagnostic of `files` in the JSON form, made one at a time as
/// they are serialized: the document streams out, never held whole.
#[derive(Clone, Copy)]
pub struct JsonDiagnostics<'a>(pub &'a [File<'a>]);

impl Serialize for JsonDiagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(None)?;
        for file in self.0 {
            let index = LineIndex::new(file.source);
            for d in file.diagnostics {
                seq.serialize_element(&to_json(file.name, &index, d))?;
            }
        }
        seq.end()
    }
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
pub fn to_json<'a>(
    file: &'a str,
    index: &LineIndex<'_>,
    diagnostic: &'a Diagnostic,
) -> JsonDiagnostic<'a> {
    let (line, column) = index.position(diagnostic.span.start as usize);
    let (end_line, end_column) = index.position(diagnostic.span.end as usize);
    JsonDiagnostic {
        file,
        line,
        column,
        end_line,
        end_column,
        severity: diagnostic.severity,
        code: diagnostic.code.code,
        name: diagnostic.code.name,
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
    }
}

/// How many diagnostics of one file the human report shows; the rest are
/// counted in one line (`… and N more`). Machine formats carry them all.
pub const HUMAN_LIMIT: usize = 100;

/// How many related locations one diagnostic shows in the human report;
/// the rest are counted in its help.
const RELATED_LIMIT: usize = 8;

/// The widest stretch of a source line the human report shows, in
/// characters: a diagnostic on a long line shows a window of it.
const WINDOW: usize = 120;

/// Renders the diagnostics of one file as miette's graphical reports,
/// each followed by a blank line: at most [`HUMAN_LIMIT`] of them, each
/// showing only the lines around its spans, long lines as a window, and
/// control and text-direction characters escaped (`\u{1B}`), so nothing in
/// a script reaches the terminal raw.
pub fn render(file: &str, source: &str, diagnostics: &[Diagnostic], style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    if diagnostics.is_empty() {
        return out;
    }
    let index = LineIndex::new(source);
    let name = visible(file).into_owned();
    for diagnostic in diagnostics.iter().take(HUMAN_LIMIT) {
        let report = Report::new(&name, &index, diagnostic);
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&format!(
                "{}: {}\n",
                diagnostic.code.code,
                visible(&diagnostic.message)
            ));
        }
        out.push('\n');
    }
    if diagnostics.len() > HUMAN_LIMIT {
        out.push_str(&format!(
            "… and {} more in `{name}` (`--format json` lists them all)\n\n",
            diagnostics.len() - HUMAN_LIMIT
        ));
    }
    out
}

/// `text` with every control and text-direction character (see
/// [`crate::syntax::lexer::is_hidden`]) written as a `\u{…}` escape, and
/// tabs kept.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    escaped(text, is_hidden_or_newline)
}

/// Text for a terminal: every control and text-direction character but
/// the line end and tab written as a `\u{…}` escape.
pub fn visible_text(text: &str) -> std::borrow::Cow<'_, str> {
    escaped(text, crate::syntax::lexer::is_hidden)
}

/// `text` with every character `hide` picks written as `\u{…}`; borrowed
/// when there is none.
fn escaped(text: &str, hide: fn(char) -> bool) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(hide) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c, hide);
    }
    out.into()
}

fn is_hidden_or_newline(c: char) -> bool {
    crate::syntax::lexer::is_hidden(c) || c == '\n'
}

fn push_escaped(out: &mut String, c: char, hide: fn(char) -> bool) {
    if hide(c) {
        out.push_str(&format!("\\u{{{:X}}}", c as u32));
    } else {
        out.push(c);
    }
}

/// A diagnostic seen through miette, with its own small source: the lines
/// around its labels, windowed and escaped (see [`Snippet`]).
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    snippet: Snippet,
    labels: Vec<LabeledSpan>,
    message: String,
    help: Option<String>,
}

/// The part of a source one diagnostic shows, laid out at offsets of its
/// own: one chunk of consecutive lines per group of nearby labels, chunks
/// separated by at least one unshown line so that miette never merges two.
struct Snippet {
    name: String,
    chunks: Vec<Chunk>,
    /// Each shown label's offset and length in the snippet, and its place
    /// in the file (0-based line and character column).
    places: Vec<(usize, usize, usize, usize)>,
}

struct Chunk {
    /// Where the chunk starts in the snippet's offsets.
    start: usize,
    text: String,
    /// The 0-based line of its first line in the file.
    line: usize,
    lines: usize,
}

/// One label to place: its span in the file, its text, whether primary.
struct Wanted<'a> {
    span: Span,
    text: &'a str,
    primary: bool,
}

impl<'a> Report<'a> {
    fn new(name: &str, index: &LineIndex<'_>, diagnostic: &'a Diagnostic) -> Report<'a> {
        let mut wanted = vec![Wanted {
            span: diagnostic.span,
            text: &diagnostic.label,
            primary: true,
        }];
        wanted.extend(
            diagnostic
                .related
                .iter()
                .take(RELATED_LIMIT)
                .map(|(span, text)| Wanted {
                    span: *span,
                    text,
                    primary: false,
                }),
        );
        let (snippet, labels, unshown) = Snippet::new(name, index, &wanted);
        let mut help = diagnostic.help.as_deref().map(|h| visible(h).into_owned());
        let mut notes: Vec<String> = unshown
            .iter()
            .map(|w| {
                let (line, column) = index.position(w.span.start as usize);
                format!("at {line}:{column}: {}", visible(w.text))
            })
            .collect();
        if diagnostic.related.len() > RELATED_LIMIT {
            notes.push(format!(
                "and {} more places (`--format json` lists them all)",
                diagnostic.related.len() - RELATED_LIMIT
            ));
        }
        if !notes.is_empty() {
            let text = help.get_or_insert_with(String::new);
            for note in notes {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&note);
            }
        }
        Report {
            diagnostic,
            snippet,
            labels,
            message: visible(&diagnostic.message).into_owned(),
            help,
        }
    }
}

impl Snippet {
    /// Lays out the lines around `wanted`; returns the snippet, the labels
    /// at its offsets, and the labels it could not show (outside a line's
    /// window).
    fn new<'w>(
        name: &str,
        index: &LineIndex<'_>,
        wanted: &'w [Wanted<'w>],
    ) -> (Snippet, Vec<LabeledSpan>, Vec<&'w Wanted<'w>>) {
        let last_line = index.lines() - 1;
        // Each label's lines: a span over more than three lines is shown by
        // its first line only.
        let mut spans: Vec<(usize, Span, &Wanted<'_>)> = wanted
            .iter()
            .map(|w| {
                let line = index.line_of(w.span.start as usize);
                let mut span = w.span;
                if index.line_of(span.end as usize) > line + 2 {
                    let end = index.line_start(line) + index.line_text(line).len();
                    span = Span::new(span.start as usize, end.max(span.start as usize));
                }
                (line, span, w)
            })
            .collect();
        spans.sort_by_key(|&(line, span, _)| (line, span));
        // Groups of lines, each label with one line of context either side;
        // groups with at most two lines between them are shown as one.
        let mut groups: Vec<(usize, usize)> = Vec::new();
        for &(line, span, _) in &spans {
            let first = line.saturating_sub(1);
            let last = (index.line_of(span.end as usize) + 1).min(last_line);
            match groups.last_mut() {
                Some(group) if first <= group.1 + 3 => group.1 = group.1.max(last),
                _ => groups.push((first, last)),
            }
        }
        let mut chunks = Vec::new();
        // (file offset, snippet offset) at every shown character boundary.
        let mut map: Vec<(usize, usize)> = Vec::new();
        let mut at = 0;
        for &(first, last) in &groups {
            let start = at;
            let mut text = String::new();
            for line in first..=last {
                let line_text = index.line_text(line);
                let line_start = index.line_start(line);
                let (from, to) = window(line_text, line_start, &spans);
                if from > 0 {
                    text.push('…');
                }
                for (i, c) in line_text[from..to].char_indices() {
                    map.push((line_start + from + i, start + text.len()));
                    push_escaped(&mut text, c, is_hidden_or_newline);
                }
                map.push((line_start + to, start + text.len()));
                if to < line_text.len() {
                    text.push('…');
                }
                if line < last {
                    text.push('\n');
                }
            }
            at = start + text.len() + 1;
            chunks.push(Chunk {
                start,
                text,
                line: first,
                lines: last - first + 1,
            });
        }
        let find = |offset: usize| -> Option<usize> {
            map.binary_search_by_key(&offset, |&(file, _)| file)
                .ok()
                .map(|i| map[i].1)
        };
        let mut labels = Vec::new();
        let mut places = Vec::new();
        let mut unshown = Vec::new();
        for &(_, span, w) in &spans {
            let Some(start) = find(span.start as usize) else {
                unshown.push(w);
                continue;
            };
            // An end outside the window is cut at the window's edge.
            let end = find(span.end as usize).unwrap_or_else(|| {
                let i = map.partition_point(|&(file, _)| file <= span.end as usize);
                map[i.saturating_sub(1)].1
            });
            let len = end.saturating_sub(start);
            let (line, column) = index.position(span.start as usize);
            places.push((start, len, line - 1, column - 1));
            let text = Some(visible(w.text).into_owned());
            labels.push(if w.primary {
                LabeledSpan::new_primary_with_span(text, SourceSpan::new(start.into(), len))
            } else {
                LabeledSpan::new_with_span(text, SourceSpan::new(start.into(), len))
            });
        }
        let snippet = Snippet {
            name: name.to_owned(),
            chunks,
            places,
        };
        (snippet, labels, unshown)
    }
}

/// The byte range of `line` (which starts at file offset `line_start`) to
/// show: all of it when it is short, else [`WINDOW`] characters from a
/// little before the first label on it.
fn window(line: &str, line_start: usize, spans: &[(usize, Span, &Wanted<'_>)]) -> (usize, usize) {
    if line.len() <= WINDOW || line.chars().nth(WINDOW).is_none() {
        return (0, line.len());
    }
    let line_end = line_start + line.len();
    let first = spans
        .iter()
        .map(|&(_, span, _)| span.start as usize)
        .filter(|&s| s >= line_start && s <= line_end)
        .min()
        .map_or(0, |s| s - line_start);
    // Twenty characters of lead-in before the label, then the window.
    let lead: usize = line[..first]
        .char_indices()
        .rev()
        .nth(19)
        .map_or(0, |(i, _)| i);
    let end = line[lead..]
        .char_indices()
        .nth(WINDOW)
        .map_or(line.len(), |(i, _)| lead + i);
    (lead, end)
}

impl miette::SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let offset = span.offset();
        let chunk = self
            .chunks
            .iter()
            .find(|c| c.start <= offset && offset + span.len() <= c.start + c.text.len())
            .ok_or(miette::MietteError::OutOfBounds)?;
        let whole = SourceSpan::new(chunk.start.into(), chunk.text.len());
        let (line, column) = if context_lines_before == 0 && context_lines_after == 0 {
            // The header's `file:line:column` of a label: its place in the file.
            self.places
                .iter()
                .find(|p| p.0 == offset && p.1 == span.len())
                .map_or((chunk.line, 0), |p| (p.2, p.3))
        } else {
            (chunk.line, 0)
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            chunk.text.as_bytes(),
            whole,
            line,
            column,
            chunk.lines,
        )))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

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
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.snippet)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// The `--format json` document for `files`.
pub fn json<'a>(files: &'a [File<'a>], summary: Summary) -> JsonReport<'a> {
    JsonReport {
        diagnostics: JsonDiagnostics(files),
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
pub fn sarif<'a>(files: &'a [File<'a>]) -> Sarif<'a> {
    Sarif(files)
}

/// The SARIF 2.1.0 log of some files' diagnostics, serialized lazily: each
/// result is made as it is written, so a log of 100k results streams out
/// in constant memory. Keys come in alphabetical order.
#[derive(Clone, Copy)]
pub struct Sarif<'a>(&'a [File<'a>]);

/// The one run of a [`Sarif`] log.
struct SarifRun<'a>(&'a [File<'a>]);

/// The results of a [`SarifRun`].
struct SarifResults<'a>(&'a [File<'a>]);

impl Serialize for Sarif<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("$schema", "https://json.schemastore.org/sarif-2.1.0.json")?;
        map.serialize_entry("runs", &[SarifRun(self.0)])?;
        map.serialize_entry("version", "2.1.0")?;
        map.end()
    }
}

impl Serialize for SarifRun<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
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
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("columnKind", "unicodeCodePoints")?;
        map.serialize_entry("results", &SarifResults(self.0))?;
        map.serialize_entry(
            "tool",
            &json!({
                "driver": {
                    "name": "bout",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                },
            }),
        )?;
        map.end()
    }
}

impl Serialize for SarifResults<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        use serde_json::json;
        let mut seq = serializer.serialize_seq(None)?;
        for file in self.0 {
            let index = LineIndex::new(file.source);
            let artifact = artifact(file.name);
            for d in file.diagnostics {
                let (start_line, start_column) = index.position(d.span.start as usize);
                let (end_line, end_column) = index.position(d.span.end as usize);
                let rule_index = diag::CODES.iter().position(|c| c.code == d.code.code);
                let mut message = d.message.to_string();
                if let Some(help) = &d.help {
                    message.push_str(&format!(" (help: {help})"));
                }
                seq.serialize_element(&json!({
                    "ruleId": d.code.code,
                    "ruleIndex": rule_index,
                    "level": sarif_level(d.severity),
                    "message": { "text": message },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": artifact,
                            "region": {
                                "startLine": start_line,
                                "startColumn": start_column,
                                "endLine": end_line,
                                "endColumn": end_column,
                            },
                        },
                        "message": { "text": d.label },
                    }],
                }))?;
            }
        }
        seq.end()
    }
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
    let mut out = Vec::new();
    let _ = write_github(&mut out, files);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the GitHub workflow commands of `files` to `out`, one line per
/// diagnostic, as they are made.
pub fn write_github(out: &mut dyn std::io::Write, files: &[File<'_>]) -> std::io::Result<()> {
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
            let mut message = d.message.to_string();
            if let Some(help) = &d.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            writeln!(
                out,
                "::{command} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                escape_property(&visible_text(file.name)),
                escape_property(&format!("{} {}", d.code.code, d.code.name)),
                escape_data(&visible_text(&message)),
            )?;
        }
    }
    Ok(())
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
    rules_table_of(diag::CODES)
}

/// An aligned table of `codes`, as `bout rules` prints them.
pub fn rules_table_of(codes: &[&Code]) -> String {
    let name_width = codes.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for c in codes {
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
