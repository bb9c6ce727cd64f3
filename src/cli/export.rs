//! The pipeline every exporting command shares: read the script, load its
//! `bout.toml` (reporting its mistakes), check, and stream the export into
//! `-o` (atomically) or stdout — only when the script has no error.

use std::io::Write;
use std::path::{Path, PathBuf};

use bout::config::Config;
use bout::export;
use bout::report::{self, Summary};

use super::source::{self, Source};
use super::{ExitStatus, display, error_message, is_dash, stdout_error, terminal_style};

/// The script an export reads and where it writes, shared by every
/// command that writes a file.
#[derive(clap::Args)]
pub struct Target {
    /// The `.bout` file (`-` reads stdin).
    pub file: PathBuf,
    /// Write here (atomically) instead of to stdout; `-o -` is stdout.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// Checks the script at `path` (`-`: stdin), and when it has no error
/// renders it with `render` to `output` (atomically) or stdout.
/// Diagnostics go to stderr.
pub fn run(
    path: &Path,
    output: Option<&Path>,
    render: impl FnOnce(&bout::model::Model<'_>, &mut dyn Write) -> std::io::Result<()> + Send,
) -> ExitStatus {
    let config_path = source::find_config(path);
    // Refuse a bad `-o` before doing any work.
    let output = match output.filter(|o| !is_dash(o)) {
        None => None,
        Some(out) => {
            let mut inputs: Vec<&Path> = Vec::new();
            if !is_dash(path) {
                inputs.push(path);
            }
            inputs.extend(config_path.as_deref());
            match export::destination(out, &inputs) {
                Ok(dest) => Some((out, dest)),
                Err(error) => {
                    eprintln!(
                        "error: will not write `{}`: {}",
                        display(out),
                        error_message(&error)
                    );
                    return ExitStatus::Error;
                }
            }
        }
    };
    let Source { name, text, .. } = match source::read_source(path) {
        Ok(source) => source,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitStatus::Error;
        }
    };
    let style = terminal_style();
    let mut summary = Summary::default();
    let mut config = match config_path.as_deref().map(source::load_config) {
        None => Config::default(),
        Some(Ok(file)) => {
            // A mistake in bout.toml is an error for `check`, so it is one here.
            summary.add(&file.diagnostics);
            if !file.diagnostics.is_empty() {
                eprint!(
                    "{}",
                    report::render(&display(&file.path), &file.source, &file.diagnostics, style)
                );
            }
            file.config
        }
        Some(Err(message)) => {
            eprintln!("error: {message}");
            return ExitStatus::Error;
        }
    };
    config.deny_warnings = false;
    // The export streams into its destination as it is made: a temporary
    // file beside `-o` (renamed into place only if the script checks
    // clean), or for stdout a spool that stays in memory up to 32 MiB and
    // then moves to disk, so a large export never sits whole in memory.
    let mut sink = match &output {
        Some((out, dest)) => match export::AtomicFile::create(dest) {
            Ok(file) => Sink::File(file),
            Err(error) => {
                eprintln!(
                    "error: cannot write `{}`: {}",
                    display(out),
                    error_message(&error)
                );
                return ExitStatus::Error;
            }
        },
        None => Sink::Spool(tempfile::SpooledTempFile::new(32 << 20)),
    };
    let (checked, written) = bout::check::check_then(&text, &config, |model| {
        let out: &mut dyn Write = match &mut sink {
            Sink::File(file) => file,
            Sink::Spool(spool) => spool,
        };
        render(model, out)
    });
    summary.add(&checked.diagnostics);
    if !checked.diagnostics.is_empty() {
        eprint!(
            "{}",
            report::render(&name, &text, &checked.diagnostics, style)
        );
    }
    let written = match written {
        Some(written) if summary.errors == 0 => written,
        _ => {
            eprintln!("{summary}: nothing exported");
            return ExitStatus::Failure;
        }
    };
    let delivered = written.and_then(|()| match sink {
        Sink::File(file) => file.commit(),
        Sink::Spool(mut spool) => {
            use std::io::Seek;
            spool.rewind()?;
            let mut stdout = std::io::stdout().lock();
            std::io::copy(&mut spool, &mut stdout)?;
            stdout.flush()
        }
    });
    if let Err(error) = delivered {
        match &output {
            // What the command asked for is not in the script (`bout graph
            // --fight 9`): no write failed.
            _ if error.kind() == std::io::ErrorKind::InvalidInput => eprintln!("error: {error}"),
            Some((out, _)) => eprintln!(
                "error: cannot write `{}`: {}",
                display(out),
                error_message(&error)
            ),
            None => stdout_error(&error),
        }
        return ExitStatus::Error;
    }
    // The tree and model are freed by the operating system at exit; freeing
    // them node by node first would only cost time.
    std::mem::forget(checked);
    ExitStatus::Success
}

/// Where an export goes while it is made.
enum Sink {
    /// `-o FILE`: a temporary file beside it.
    File(export::AtomicFile),
    /// stdout: a spool, copied out once the script is known to be clean.
    Spool(tempfile::SpooledTempFile),
}
