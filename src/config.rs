//! Rule levels: `bout.toml` (found beside the script or in a parent
//! directory within the project, see [`find`]), inline `// bout: allow(rule-name)` on the line before, and
//! `--deny warnings`.
//!
//! Syntax rules (`S…`) cannot be configured: a file that cannot be read
//! cannot be checked either way.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::diag::{self, Category, Code, Diagnostic, Severity, did_you_mean};
use crate::input::{CONFIG_LIMIT, ReadError};
use crate::span::Span;
use crate::syntax::ast::Comment;

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
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// Levels by code, from `bout.toml`.
    pub levels: HashMap<&'static str, Level>,
    /// `--deny warnings`: every warning becomes an error.
    pub deny_warnings: bool,
    /// `root = true`: this `bout.toml` marks the project's root, above which
    /// the lookup never goes.
    pub root: bool,
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

/// The `bout.toml` that governs `script`: the nearest one, looking in the
/// script's directory and then upward, within the project.
///
/// The walk starts in the script's directory (symbolic links resolved) and
/// goes up one directory at a time. It stops at the first `bout.toml`, and
/// after a directory that holds `.git` (a directory or, in a worktree or
/// submodule, a file): that directory is the project's root. It never
/// checks `/`, nor a parent of `$HOME`, nor, above the script's own
/// directory, a directory anyone may write to (world-writable, like `/tmp`),
/// where anyone could plant a `bout.toml`. A `bout.toml` with `root = true`
/// marks a project's root as `.git` does. See `docs/files.md`.
pub fn find(script: &Path) -> Option<PathBuf> {
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
        .map(|h| h.canonicalize().unwrap_or(h));
    find_with_home(script, home.as_deref())
}

/// [`find`] with `home` as the user's home directory.
pub fn find_with_home(script: &Path, home: Option<&Path>) -> Option<PathBuf> {
    let start = script.parent().map(Path::to_path_buf).unwrap_or_default();
    let start = if start.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        start
    };
    let start = start.canonicalize().ok()?;
    for (depth, dir) in start.ancestors().enumerate() {
        if dir.parent().is_none() {
            break; // never `/`
        }
        if home.is_some_and(|home| home != dir && home.starts_with(dir)) {
            break; // never above the home directory
        }
        if depth > 0 && shared(dir) {
            break; // never a shared directory above the script's own
        }
        let candidate = dir.join("bout.toml");
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").symlink_metadata().is_ok() {
            break; // the project's root
        }
    }
    None
}

/// Whether anyone may create files in `dir` (it is world-writable).
fn shared(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        dir.metadata()
            .is_ok_and(|m| m.permissions().mode() & 0o002 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        false
    }
}

/// Reads `bout.toml` text.
///
/// Every diagnostic points at the key (or value) it is about, by the spans
/// the TOML parser records; the work is linear in the size of the file.
pub fn parse(source: &str) -> (Config, Vec<Diagnostic>) {
    let mut config = Config::default();
    let mut diagnostics = Vec::new();
    let document = match toml::de::DeTable::parse(source) {
        Ok(document) => document,
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
    for (key, value) in document.get_ref().iter() {
        let key_span = span_of(key.span());
        match &**key.get_ref() {
            "root" => match value.get_ref() {
                DeValue::Boolean(root) => config.root = *root,
                _ => diagnostics.push(
                    Diagnostic::new(
                        &diag::INVALID_CONFIG,
                        key_span,
                        "`root` is not true or false",
                    )
                    .label(format!("set to {}", shown(source, value.span())))
                    .help("write `root = true` to mark the project's root"),
                ),
            },
            "lints" => match value.get_ref() {
                DeValue::Table(lints) => read_lints(source, lints, &mut config, &mut diagnostics),
                _ => diagnostics.push(
                    Diagnostic::new(&diag::INVALID_CONFIG, key_span, "`lints` is not a table")
                        .label("expected `[lints]`")
                        .help("write levels under a `[lints]` header"),
                ),
            },
            other => {
                let table = matches!(value.get_ref(), DeValue::Table(_));
                let what = if table { "table" } else { "key" };
                let help = did_you_mean(other, ["root", "lints"]).unwrap_or_else(|| {
                    "bout.toml holds `root = true` and a `[lints]` table of levels".to_owned()
                });
                diagnostics.push(
                    Diagnostic::new(
                        &diag::UNKNOWN_CONFIG_KEY,
                        key_span,
                        format!("unknown {what} `{other}` in bout.toml"),
                    )
                    .label(format!("bout does not read this {what}"))
                    .help(help),
                );
            }
        }
    }
    diag::sort(&mut diagnostics);
    (config, diagnostics)
}

/// The levels under `[lints]`.
fn read_lints(
    source: &str,
    lints: &DeTable<'_>,
    config: &mut Config,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (key, value) in lints.iter() {
        let span = span_of(key.span());
        let key = &**key.get_ref();
        let Some(code) = Code::lookup(key) else {
            let help = suggest(key);
            diagnostics.push(
                Diagnostic::new(&diag::UNKNOWN_RULE, span, format!("unknown rule `{key}`"))
                    .label("no rule has this name")
                    .help(help),
            );
            continue;
        };
        let level = match value.get_ref() {
            DeValue::String(level) if level == "allow" => Level::Allow,
            DeValue::String(level) if level == "warn" => Level::Warn,
            DeValue::String(level) if level == "deny" => Level::Deny,
            _ => {
                diagnostics.push(
                    Diagnostic::new(
                        &diag::INVALID_CONFIG,
                        span,
                        format!("invalid level for `{key}`"),
                    )
                    .label(format!("set to {}", shown(source, value.span())))
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
}

/// "did you mean" for an unknown rule name, or where the rules are listed.
///
/// Only names whose length is within the suggestion's edit limit can be
/// suggested, so only those are compared: a file of many unknown keys costs
/// a few comparisons per key, not one per rule.
fn suggest(key: &str) -> String {
    let length = key.chars().flat_map(char::to_lowercase).count();
    let limit = (key.chars().count() / 3).max(1);
    // Rule names are ASCII (kebab-case), so their length in bytes is their
    // length in characters: no count per name per key (a `bout.toml` of
    // 100k unknown keys spent most of its time counting).
    let near = diag::CODES
        .iter()
        .map(|c| c.name)
        .filter(|name| name.len().abs_diff(length) <= limit);
    did_you_mean(key, near).unwrap_or_else(|| "`bout rules` lists every rule".to_owned())
}

/// A TOML span as a bout span.
fn span_of(range: std::ops::Range<usize>) -> Span {
    Span::new(range.start, range.end.max(range.start))
}

/// A value as written, shortened for a label.
fn shown(source: &str, range: std::ops::Range<usize>) -> String {
    let text = source.get(range).unwrap_or("").trim();
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// Reads the `bout.toml` at `path`, at most [`CONFIG_LIMIT`] bytes of it.
pub fn load(path: &Path) -> Result<ConfigFile, ReadError> {
    let source = crate::input::read_text(path, CONFIG_LIMIT)?;
    let (config, diagnostics) = parse(&source);
    Ok(ConfigFile {
        path: path.to_path_buf(),
        source,
        config,
        diagnostics,
    })
}

/// The 1-based line of byte `offset`, from the parser's line starts (a
/// binary search: no pass over the text).
fn line_of(line_starts: &[u32], offset: u32) -> usize {
    line_starts.partition_point(|&s| s <= offset).max(1)
}

/// The inline `// bout: allow(…)` comments of a script: the line each
/// applies to (the next), and the codes it allows. Unknown rule names are
/// reported. `line_starts` are the script's (`Script::line_starts`).
pub fn inline_allows(
    source: &str,
    comments: &[Comment],
    line_starts: &[u32],
) -> (HashMap<usize, Vec<&'static str>>, Vec<Diagnostic>) {
    let mut allows: HashMap<usize, Vec<&'static str>> = HashMap::new();
    let mut diagnostics = Vec::new();
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
        let line = line_of(line_starts, comment.span.start);
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

/// Applies `config` and the inline allows to `diagnostics` of a script
/// whose lines start at `line_starts`.
pub fn apply(
    config: &Config,
    line_starts: &[u32],
    allows: &HashMap<usize, Vec<&'static str>>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    diagnostics.retain_mut(|d| {
        if d.code.category == Category::Syntax {
            return true;
        }
        let line = line_of(line_starts, d.span.start);
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
