//! Diagnostics out: line and column positions, the JSON document, and
//! miette's graphical reports. This is the only module that knows miette.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use serde::Serialize;

use crate::diag::{Diagnostic, Severity};
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
