//! Reading what a command reads, the one way: scripts (`-` is stdin, a
//! directory is every `.bout` file under it) and the `bout.toml` that
//! governs them.

use std::path::{Path, PathBuf};

use bout::config::{self, ConfigFile};
use bout::input;

use super::{display, is_dash};

/// A script read whole, with the name reports give it.
pub struct Source {
    /// The path as shown (`<stdin>` for stdin).
    pub name: String,
    /// Its text.
    pub text: String,
}

/// Reads the script at `path`, or standard input for `-`, within
/// [`input::SCRIPT_LIMIT`]; the error is the whole message to print after
/// `error: `.
pub fn read_source(path: &Path) -> Result<Source, String> {
    let name = display(path);
    let text = if is_dash(path) {
        input::read_text_from(std::io::stdin().lock(), input::SCRIPT_LIMIT)
    } else {
        input::read_text(path, input::SCRIPT_LIMIT)
    }
    .map_err(|error| error.message(&name))?;
    Ok(Source { name, text })
}

/// The paths of a command that takes several scripts: each directory
/// becomes the `.bout` files under it (sorted, skipping hidden entries and
/// what `.gitignore`, `.ignore` and `.boutignore` exclude, as cargo and ruff
/// do); a file named outright is kept whatever its extension, and so is
/// `-`. `.boutignore` (gitignore syntax) is for scripts meant to be broken,
/// such as examples of mistakes: `bout check DIR` and `bout fmt DIR` skip
/// them, and still take them when named.
///
/// A directory that holds no `.bout` file is an error: a typo in a CI
/// script must not pass as "0 errors".
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for path in paths {
        if is_dash(path) || !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        let before = out.len();
        let walk = ignore::WalkBuilder::new(path)
            .add_custom_ignore_filename(".boutignore")
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for entry in walk {
            let entry = entry.map_err(|error| {
                format!("cannot read `{}`: {}", display(path), walk_message(&error))
            })?;
            let is_file = entry.file_type().is_some_and(|t| t.is_file());
            if is_file && entry.path().extension().is_some_and(|e| e == "bout") {
                out.push(entry.into_path());
            }
        }
        if out.len() == before {
            return Err(format!("no `.bout` file in `{}`", display(path)));
        }
    }
    Ok(out)
}

/// A directory walk's error in bout's words.
fn walk_message(error: &ignore::Error) -> String {
    match error.io_error() {
        Some(io) => input::io_message(io),
        None => error.to_string(),
    }
}

/// The `bout.toml` that governs `script` (for stdin, the one of the
/// current directory's project).
pub fn find_config(script: &Path) -> Option<PathBuf> {
    config::find(script)
}

/// Reads and parses the `bout.toml` at `path`; the error is the whole
/// message to print after `error: `.
pub fn load_config(path: &Path) -> Result<ConfigFile, String> {
    config::load(path).map_err(|error| error.message(&display(path)))
}
