//! `bout init [DIR]`: a starter script that checks clean (a scene, a cast,
//! a three-round fight) and a `bout.toml` listing every rule that can be
//! configured, at its default level, commented out.
//!
//! Nothing is overwritten: when either file exists, init writes neither.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use bout::diag::{self, Category, Severity};

use super::{ExitStatus, display, error_message};

/// The starter script.
const STARTER: &str = include_str!("starter.bout");

/// `bout init [DIR]`.
#[derive(clap::Args)]
pub struct Args {
    /// Where to start the project (made if missing); default the current
    /// directory.
    #[arg(default_value = ".")]
    dir: PathBuf,
}

/// Runs `bout init`.
pub fn run(args: &Args) -> ExitStatus {
    let dir = args.dir.as_path();
    if let Err(error) = std::fs::create_dir_all(dir) {
        eprintln!(
            "error: cannot make `{}`: {}",
            display(dir),
            error_message(&error)
        );
        return ExitStatus::Error;
    }
    let files = [
        (dir.join("fight.bout"), STARTER.to_owned()),
        (dir.join("bout.toml"), config_text()),
    ];
    let existing: Vec<&Path> = files
        .iter()
        .map(|(path, _)| path.as_path())
        .filter(|path| path.symlink_metadata().is_ok())
        .collect();
    if !existing.is_empty() {
        for path in existing {
            eprintln!(
                "error: `{}` exists; bout init writes nothing over a file",
                display(path)
            );
        }
        return ExitStatus::Error;
    }
    for (path, text) in &files {
        if let Err(error) = bout::export::write_atomic(path, text.as_bytes()) {
            eprintln!(
                "error: cannot write `{}`: {}",
                display(path),
                error_message(&error)
            );
            return ExitStatus::Error;
        }
        eprintln!("wrote {}", display(path));
    }
    eprintln!(
        "next: `bout check {0}` and `bout render {0} --to pdf -o fight.pdf`",
        display(&files[0].0)
    );
    ExitStatus::Success
}

/// The `bout.toml` of a new project: every rule that can be configured, by
/// family, at its default level, commented out.
fn config_text() -> String {
    let mut out = String::from(
        "# bout.toml: the levels of bout's rules for every script in this directory\n\
         # and below. Each rule is listed at its default level, commented out:\n\
         # uncomment a line and set \"allow\", \"warn\" or \"deny\". `bout explain NAME`\n\
         # tells what a rule does and why. Syntax errors cannot be configured.\n\
         \n\
         # This file marks the project's root: bout looks no higher for a bout.toml.\n\
         root = true\n\
         \n\
         [lints]\n",
    );
    let configurable = || {
        diag::CODES
            .iter()
            .filter(|c| c.category != Category::Syntax)
    };
    let width = configurable().map(|c| c.name.len()).max().unwrap_or(0);
    let mut family = None;
    for code in configurable() {
        if family != Some(code.category) {
            family = Some(code.category);
            let _ = writeln!(out, "\n# {}", category_title(code.category));
        }
        let level = match code.severity {
            Severity::Error => "deny",
            Severity::Warning => "warn",
            Severity::Info => "allow",
        };
        let setting = format!("{} = \"{level}\"", code.name);
        let _ = writeln!(out, "# {setting:<0$}  # {1}", width + 9, code.code);
    }
    out
}

/// A family's heading in the generated `bout.toml`.
fn category_title(category: Category) -> &'static str {
    match category {
        Category::Syntax => "Syntax",
        Category::Names => "Names: cast ids, techniques and labels",
        Category::Rounds => "Rounds, corners, referees and rulesets",
        Category::State => "The fighters' state: down, out, counts, the result",
        Category::Fouls => "Fouls under the ruleset",
        Category::Time => "The two clocks",
        Category::Form => "Screenplay form",
        Category::Safety => "Performer safety by production",
        Category::Config => "This configuration and inline allows",
    }
}
