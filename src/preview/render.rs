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
    /// The screenplay, a standalone HTML document.
    pub screenplay: String,
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

    /// The next update, as JSON.
    pub fn update(&mut self) -> String {
        self.version += 1;
        let update = self.build();
        self.stamp = self.stamp_now();
        serde_json::to_string(&update).expect("plain data")
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
                    Ok(file) => file.config,
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
            Panes {
                screenplay: html::export(&play, html::Options { a4: settings.a4 }),
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
            update.diagnostics.push(Finding {
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "info",
                },
                code: d.code.code,
                name: d.code.name,
                message: d.message.clone(),
                help: d.help.clone(),
                line: p.line,
                column: p.column,
                context,
            });
        }
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
