//! The exporters: each reads the checked model and its event graph, never
//! the source text. One module per format, each with its own options.

pub mod csv;
pub mod escape;
pub mod graph;
pub mod otio;
pub mod screenplay;
pub mod stats;
pub mod svg;
pub mod timeline;

use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` atomically: into a temporary file beside it,
/// then renamed over it, so a failed run never leaves a half-written file
/// or corrupts an earlier one.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
