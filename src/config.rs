//! Rule levels: `bout.toml` (found beside the script or in a parent
//! directory), inline `// bout: allow(rule-name)` on the line before, and
//! `--deny warnings`.
//!
//! Syntax rules (`S…`) cannot be configured: a file that cannot be read
//! cannot be checked either way.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diag::{self, Category, Code, Diagnostic, Severity, did_you_mean};
use crate::syntax::ast::Comment;
use crate::syntax::span::Span;

/// A level set for a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Not reported.
    Allow,
    /// Reported as a warning.
    Warn,
    /// Reported as an error.
    Deny,
}

/// The levels in force for one script.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Levels by code, from `bout.toml`.
    pub levels: HashMap<&'static str, Level>,
    /// `--deny warnings`: every warning becomes an error.
    pub deny_warnings: bool,
}

/// A `bout.toml` read from disk, with the mistakes in it.
#[derive(Debug)]
pub struct ConfigFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its text.
    pub source: String,
    /// What it sets.
    pub config: Config,
    /// Its mistakes.
    pub diagnostics: Vec<Diagnostic>,
}

/// The `bout.toml` that governs `script`: in its directory or the nearest
/// parent that has one.
pub fn find(script: &Path) -> Option<PathBuf> {
    let start = script.parent().map(Path::to_path_buf).unwrap_or_default();
    let start = if start.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        start
    };
    let start = start.canonicalize().unwrap_or(start);
    start
        .ancestors()
        .map(|dir| dir.join("bout.toml"))
        .find(|p| p.is_file())
}

/// Reads `bout.toml` text.
pub fn parse(source: &str) -> (Config, Vec<Diagnostic>) {
    let mut config = Config::default();
    let mut diagnostics = Vec::new();
    let table: toml::Table = match source.parse() {
        Ok(table) => table,
        Err(error) => {
            let span = error
                .span()
                .map_or(Span::new(0, 0), |r| Span::new(r.start, r.end.max(r.start)));
            diagnostics.push(
                Diagnostic::new(&diag::INVALID_CONFIG, span, "bout.toml is not valid TOML")
                    .label(error.message().to_owned())
                    .help("write levels as `[lints]` then `rule-name = \"allow\" | \"warn\" | \"deny\"`"),
            );
            return (config, diagnostics);
        }
    };
    let Some(lints) = table.get("lints") else {
        return (config, diagnostics);
    };
    let Some(lints) = lints.as_table() else {
        diagnostics.push(
            Diagnostic::new(
                &diag::INVALID_CONFIG,
                key_span(source, "lints"),
                "`lints` is not a table",
            )
            .label("expected `[lints]`")
            .help("write levels under a `[lints]` header"),
        );
        return (config, diagnostics);
    };
    for (key, value) in lints {
        let span = key_span(source, key);
        let Some(code) = Code::lookup(key) else {
            let help = did_you_mean(key, diag::CODES.iter().map(|c| c.name))
                .unwrap_or_else(|| "`bout rules` lists every rule".to_owned());
            diagnostics.push(
                Diagnostic::new(&diag::UNKNOWN_RULE, span, format!("unknown rule `{key}`"))
                    .label("no rule has this name")
                    .help(help),
            );
            continue;
        };
        let level = match value.as_str() {
            Some("allow") => Level::Allow,
            Some("warn") => Level::Warn,
            Some("deny") => Level::Deny,
            _ => {
                diagnostics.push(
                    Diagnostic::new(
                        &diag::INVALID_CONFIG,
                        span,
                        format!("invalid level for `{key}`"),
                    )
                    .label(format!("set to {value}"))
                    .help("a level is \"allow\", \"warn\" or \"deny\""),
                );
                continue;
            }
        };
        if code.category == Category::Syntax {
            diagnostics.push(
                Diagnostic::new(
                    &diag::INVALID_CONFIG,
                    span,
                    format!("`{key}` cannot be configured"),
                )
                .label("a syntax error")
                .help("syntax errors are always errors: fix the script instead"),
            );
            continue;
        }
        config.levels.insert(code.code, level);
    }
    (config, diagnostics)
}

/// Reads the `bout.toml` at `path`.
pub fn load(path: &Path) -> std::io::Result<ConfigFile> {
    let source = std::fs::read_to_string(path)?;
    let (config, diagnostics) = parse(&source);
    Ok(ConfigFile {
        path: path.to_path_buf(),
        source,
        config,
        diagnostics,
    })
}

/// Where `key` is written in `source`: the first line that sets it.
fn key_span(source: &str, key: &str) -> Span {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let bare = trimmed.trim_start_matches('[').trim_start_matches('"');
        if bare.starts_with(key) {
            let start = offset + indent + (trimmed.len() - bare.len());
            return Span::new(start, start + key.len());
        }
        offset += line.len();
    }
    Span::new(0, 0)
}

/// The inline `// bout: allow(…)` comments of a script: the line each
/// applies to (the next), and the codes it allows. Unknown rule names are
/// reported.
pub fn inline_allows(
    source: &str,
    comments: &[Comment],
) -> (HashMap<usize, Vec<&'static str>>, Vec<Diagnostic>) {
    let mut allows: HashMap<usize, Vec<&'static str>> = HashMap::new();
    let mut diagnostics = Vec::new();
    let index = crate::report::LineIndex::new(source);
    for comment in comments {
        let text = comment.text.trim();
        let Some(rest) = text.strip_prefix("bout:").map(str::trim) else {
            continue;
        };
        let Some(list) = rest
            .strip_prefix("allow(")
            .and_then(|r| r.strip_suffix(')'))
        else {
            continue;
        };
        let line = index.position(comment.span.start as usize).0;
        let list_start = comment.span.start as usize
            + source[comment.span.range()]
                .find("allow(")
                .map_or(0, |i| i + 6);
        let mut at = list_start;
        for name in list.split(',') {
            let start = at + (name.len() - name.trim_start().len());
            at += name.len() + 1;
            let name = name.trim();
            match Code::lookup(name) {
                Some(code) if code.category != Category::Syntax => {
                    allows.entry(line + 1).or_default().push(code.code)
                }
                _ => {
                    let help = did_you_mean(name, diag::CODES.iter().map(|c| c.name))
                        .unwrap_or_else(|| "`bout rules` lists every rule".to_owned());
                    diagnostics.push(
                        Diagnostic::new(
                            &diag::UNKNOWN_RULE,
                            Span::new(start, start + name.len()),
                            format!("unknown rule `{name}`"),
                        )
                        .label("no rule (that can be allowed) has this name")
                        .help(help),
                    );
                }
            }
        }
    }
    (allows, diagnostics)
}

/// Applies `config` and the inline allows to `diagnostics` of `source`.
pub fn apply(
    config: &Config,
    source: &str,
    allows: &HashMap<usize, Vec<&'static str>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let index = crate::report::LineIndex::new(source);
    diagnostics.retain_mut(|d| {
        if d.code.category == Category::Syntax {
            return true;
        }
        let line = index.position(d.span.start as usize).0;
        if allows
            .get(&line)
            .is_some_and(|codes| codes.contains(&d.code.code))
        {
            return false;
        }
        match config.levels.get(d.code.code) {
            Some(Level::Allow) => return false,
            Some(Level::Warn) => d.severity = Severity::Warning,
            Some(Level::Deny) => d.severity = Severity::Error,
            None => {}
        }
        if config.deny_warnings && d.severity == Severity::Warning {
            d.severity = Severity::Error;
        }
        true
    });
}
