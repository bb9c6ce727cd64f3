//! One update of the preview: the script read, its `bout.toml` loaded, the
//! check run, and, when it has no error, the screenplay (HTML, paginated
//! like the PDF), the timeline (SVG) and the stats rendered. As JSON, the
//! form the page reads.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::{self, Config};
use crate::diag::Severity;
use crate::export::screenplay::{self, Choreography, html};
use crate::export::{stats, svg, timeline};
use crate::syntax::lines::LineIndex;

/// How the screenplay is rendered (`--choreography`, `--paper`).
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// How fights appear.
    pub choreography: Choreography,
    /// A4 instead of US Letter.
    pub a4: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            choreography: Choreography::Prose,
            a4: false,
        }
    }
}

/// The rendered panes of a script that checked clean.
#[derive(Clone, Debug, Serialize)]
pub struct Panes {
    /// The screenplay: the HTML document cut in three, so the page can
    /// swap only the pages that changed (the head, with its fonts, rarely
    /// does): everything up to `<body>`, ...
    pub head: String,
    /// ... each page's `<section>`, ...
    pub pages: Vec<String>,
    /// ... and the rest.
    pub tail: String,
    /// The timeline, an SVG picture.
    pub timeline: String,
    /// Punch stats per fighter and round, as text.
    pub stats: String,
}

/// One diagnostic, as the page lists it.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// `error`, `warning` or `info`.
    pub severity: &'static str,
    /// `X004`.
    pub code: &'static str,
    /// `screen-fall-without-mat`.
    pub name: &'static str,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: Option<String>,
    /// 1-based line and column.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The source lines around it: (number, text), the finding's in the middle.
    pub context: Vec<(usize, String)>,
}

/// One update, as the page receives it.
#[derive(Debug, Serialize)]
pub struct Update {
    /// Counts up from 1 with each update.
    pub version: u64,
    /// The script's path, as given.
    pub file: String,
    /// The `bout.toml` in force, if any.
    pub config: Option<String>,
    /// A message instead of a check: the file cannot be read.
    pub message: Option<String>,
    /// How many errors and warnings.
    pub errors: usize,
    /// See `errors`.
    pub warnings: usize,
    /// Every finding, in report order.
    pub diagnostics: Vec<Finding>,
    /// The panes: this version's, or the last good ones when `stale`.
    pub panes: Option<Panes>,
    /// Whether the panes are from an earlier version (this one has errors
    /// or could not be read).
    pub stale: bool,
}

/// One diagnostic with the lines around it, as the page lists it.
fn finding(d: &crate::diag::Diagnostic, index: &LineIndex<'_>) -> Finding {
    let p = index.locate(d.span.start as usize);
    let line0 = p.line - 1;
    let context = (line0.saturating_sub(2)..(line0 + 3).min(index.lines()))
        .map(|l| {
            (
                l + 1,
                crate::report::visible_text(index.line_text(l)).into_owned(),
            )
        })
        .collect();
    Finding {
        severity: match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        },
        code: d.code.code,
        name: d.code.name,
        message: d.message.to_string(),
        help: d.help.as_deref().map(str::to_owned),
        line: p.line,
        column: p.column,
        context,
    }
}

/// The screenplay's HTML document as its head (through `<body>`), its
/// pages (each `<section>` with its line end) and its tail.
pub fn cut(document: &str) -> (String, Vec<String>, String) {
    const BODY: &str = "<body>\n";
    let Some(at) = document.find(BODY).map(|i| i + BODY.len()) else {
        return (document.to_owned(), Vec::new(), String::new());
    };
    let (head, rest) = document.split_at(at);
    let end = rest.rfind("</body>").unwrap_or(rest.len());
    let (body, tail) = rest.split_at(end);
    let pages = body
        .split_inclusive("</section>\n")
        .filter(|p| !p.trim().is_empty())
        .map(str::to_owned)
        .collect();
    (head.to_owned(), pages, tail.to_owned())
}

/// Renders one script again and again, keeping the last good panes.
#[derive(Debug)]
pub struct Renderer {
    file: PathBuf,
    settings: Settings,
    version: u64,
    last_good: Option<Panes>,
    config_path: Option<PathBuf>,
    /// The script's and the config's modification time and size at the
    /// last render: a watcher event that changes neither (the render's own
    /// reading of the file is one) renders nothing.
    stamp: Vec<Option<(std::time::SystemTime, u64)>>,
    /// The panes of the last update, for the next delta.
    last_sent: Option<Panes>,
}

/// One update, as JSON, whole and as a delta.
#[derive(Clone, Debug)]
pub struct Rendered {
    /// The whole update.
    pub whole: String,
    /// What changed since the update before: the same fields, with each
    /// pane part that did not change left `null` (the page keeps its own).
    pub delta: String,
}

/// An update whose panes hold only what changed since the last one.
#[derive(Serialize)]
struct Delta<'a> {
    #[serde(flatten)]
    update: UpdateWithoutPanes<'a>,
    /// Present when the update has panes.
    delta: Option<PanesDelta<'a>>,
}

#[derive(Serialize)]
struct UpdateWithoutPanes<'a> {
    version: u64,
    file: &'a str,
    config: &'a Option<String>,
    message: &'a Option<String>,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Finding],
    stale: bool,
}

/// The pane parts that changed (`None`: as in the update before; a page
/// index past the old count is always sent).
#[derive(Serialize)]
struct PanesDelta<'a> {
    /// The version the delta is from.
    from: u64,
    head: Option<&'a str>,
    pages: Vec<Option<&'a str>>,
    tail: Option<&'a str>,
    timeline: Option<&'a str>,
    stats: Option<&'a str>,
}

impl<'a> Delta<'a> {
    fn between(before: Option<&'a Panes>, update: &'a Update) -> Delta<'a> {
        let changed = |old: Option<&str>, new: &'a str| (old != Some(new)).then_some(new);
        Delta {
            update: UpdateWithoutPanes {
                version: update.version,
                file: &update.file,
                config: &update.config,
                message: &update.message,
                errors: update.errors,
                warnings: update.warnings,
                diagnostics: &update.diagnostics,
                stale: update.stale,
            },
            delta: update.panes.as_ref().map(|panes| PanesDelta {
                from: update.version - 1,
                head: changed(before.map(|b| b.head.as_str()), &panes.head),
                pages: panes
                    .pages
                    .iter()
                    .enumerate()
                    .map(|(i, page)| {
                        changed(
                            before.and_then(|b| b.pages.get(i)).map(String::as_str),
                            page,
                        )
                    })
                    .collect(),
                tail: changed(before.map(|b| b.tail.as_str()), &panes.tail),
                timeline: changed(before.map(|b| b.timeline.as_str()), &panes.timeline),
                stats: changed(before.map(|b| b.stats.as_str()), &panes.stats),
            }),
        }
    }
}

impl Renderer {
    /// A renderer of `file`.
    pub fn new(file: PathBuf, settings: Settings) -> Renderer {
        Renderer {
            file,
            settings,
            version: 0,
            last_good: None,
            config_path: None,
            stamp: Vec::new(),
            last_sent: None,
        }
    }

    /// Whether the script or its `bout.toml` changed since the last render.
    pub fn changed(&self) -> bool {
        self.stamp_now() != self.stamp
    }

    fn stamp_now(&self) -> Vec<Option<(std::time::SystemTime, u64)>> {
        self.watched()
            .iter()
            .map(|p| {
                let m = std::fs::metadata(p).ok()?;
                Some((m.modified().ok()?, m.len()))
            })
            .collect()
    }

    /// The files whose change makes a new update: the script and its
    /// `bout.toml`.
    pub fn watched(&self) -> Vec<PathBuf> {
        let mut out = vec![self.file.clone()];
        out.extend(self.config_path.clone());
        out
    }

    /// The next update, as JSON: whole (for a page that just opened) and
    /// as a delta from the update before (for the pages already open).
    pub fn update(&mut self) -> Rendered {
        self.version += 1;
        let update = self.build();
        self.stamp = self.stamp_now();
        let whole = serde_json::to_string(&update).expect("plain data");
        let delta = Delta::between(self.last_sent.as_ref(), &update);
        let delta = serde_json::to_string(&delta).expect("plain data");
        self.last_sent = update.panes;
        Rendered { whole, delta }
    }

    fn build(&mut self) -> Update {
        let shown = self.file.display().to_string();
        let mut update = Update {
            version: self.version,
            file: crate::report::visible_text(&shown).into_owned(),
            config: None,
            message: None,
            errors: 0,
            warnings: 0,
            diagnostics: Vec::new(),
            panes: None,
            stale: true,
        };
        let source = match crate::input::read_text(&self.file, crate::input::SCRIPT_LIMIT) {
            Ok(source) => source,
            Err(error) => {
                update.message = Some(error.message(&update.file));
                update.panes = self.last_good.clone();
                return update;
            }
        };
        self.config_path = config::find(&self.file);
        let config = match &self.config_path {
            Some(path) => {
                update.config = Some(path.display().to_string());
                match config::load(path) {
                    Ok(file) => {
                        // The config's own mistakes, as `bout check` reports
                        // them, at the head of the list.
                        if !file.diagnostics.is_empty() {
                            let index = LineIndex::new(&file.source);
                            for d in &file.diagnostics {
                                let finding = finding(d, &index);
                                match d.severity {
                                    Severity::Error => update.errors += 1,
                                    Severity::Warning => update.warnings += 1,
                                    Severity::Info => {}
                                }
                                update.diagnostics.push(Finding {
                                    message: format!("{} (in {})", finding.message, path.display()),
                                    ..finding
                                });
                            }
                        }
                        file.config
                    }
                    Err(error) => {
                        update.message = Some(error.message(&path.display().to_string()));
                        Config::default()
                    }
                }
            }
            None => Config::default(),
        };
        let settings = self.settings;
        let (checked, panes) = crate::check::check_then(&source, &config, |model| {
            let play = screenplay::build(
                model,
                screenplay::Options {
                    scene_numbers: false,
                    notes: false,
                    choreography: settings.choreography,
                },
            );
            let timeline = timeline::build(model, 24);
            let (head, pages, tail) = cut(&html::export(&play, html::Options { a4: settings.a4 }));
            Panes {
                head,
                pages,
                tail,
                timeline: svg::export(&timeline, svg::Options::default()),
                stats: stats::table(&stats::compute(model)),
            }
        });
        let index = LineIndex::new(&source);
        for d in &checked.diagnostics {
            match d.severity {
                Severity::Error => update.errors += 1,
                Severity::Warning => update.warnings += 1,
                Severity::Info => {}
            }
            update.diagnostics.push(finding(d, &index));
        }
        // A broken bout.toml is an error as in `bout check`: the panes stay.
        let panes = panes.filter(|_| update.errors == 0);
        match panes {
            Some(panes) => {
                self.last_good = Some(panes.clone());
                update.panes = Some(panes);
                update.stale = false;
            }
            None => update.panes = self.last_good.clone(),
        }
        update
    }

    /// The script's path.
    pub fn file(&self) -> &Path {
        &self.file
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_cut_at_its_pages_and_put_back_whole() {
        let play =
            "cast {\n  ANA character \"Ana\"\n}\nscene \"INT. ROOM - DAY\" {\n  ANA: \"One.\"\n}\n";
        let checked = crate::check::check(play);
        let model = checked.model();
        let screenplay = screenplay::build(&model, screenplay::Options::default());
        let document = html::export(&screenplay, html::Options::default());
        let (head, pages, tail) = cut(&document);
        assert!(head.ends_with("<body>\n"));
        assert!(!pages.is_empty());
        assert!(
            pages
                .iter()
                .all(|p| p.starts_with("<section") && p.ends_with("</section>\n"))
        );
        assert_eq!(tail, "</body>\n</html>\n");
        assert_eq!(format!("{head}{}{tail}", pages.concat()), document);
    }

    #[test]
    fn a_delta_sends_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.bout");
        let text = |line: &str| {
            format!(
                "cast {{\n  ANA character \"Ana\"\n}}\nscene \"INT. ROOM - DAY\" {{\n  ANA: \"{line}\"\n}}\n"
            )
        };
        std::fs::write(&file, text("One.")).unwrap();
        let mut renderer = Renderer::new(file.clone(), Settings::default());
        let first: serde_json::Value = serde_json::from_str(&renderer.update().delta).unwrap();
        assert!(
            first["delta"]["head"].is_string(),
            "the first delta is whole"
        );
        std::fs::write(&file, text("Two.")).unwrap();
        let second: serde_json::Value = serde_json::from_str(&renderer.update().delta).unwrap();
        assert!(second["delta"]["head"].is_null(), "the head did not change");
        assert_eq!(second["delta"]["from"], 1);
        let pages = second["delta"]["pages"].as_array().unwrap();
        assert!(
            pages
                .iter()
                .any(|p| p.as_str().is_some_and(|p| p.contains("Two.")))
        );
        // An error keeps the last good panes, so nothing of them changes.
        std::fs::write(&file, "scene {").unwrap();
        let broken: serde_json::Value = serde_json::from_str(&renderer.update().delta).unwrap();
        assert!(broken["errors"].as_u64().unwrap() > 0);
        assert_eq!(broken["stale"], true);
        assert!(
            broken["delta"]["pages"]
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p.is_null())
        );
    }
}
