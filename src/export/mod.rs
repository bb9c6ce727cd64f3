//! The exporters: each reads the checked model and its event graph, never
//! the source text. One module per format, each with its own options.

pub mod call;
pub mod continuity;
pub mod csv;
pub mod escape;
pub mod graph;
pub mod otio;
pub mod screenplay;
pub mod sides;
pub mod stats;
pub mod svg;
pub mod timeline;

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Why bout will not write to an output path.
#[derive(Debug)]
pub enum Refusal {
    /// The output is one of the inputs (the same file, by device and inode).
    Input(PathBuf),
    /// A directory.
    Directory,
    /// Not a regular file: a device, a FIFO, a socket.
    NotRegular(&'static str),
    /// A symbolic link that points nowhere, or to something that is not a
    /// regular file.
    BadLink,
    /// A regular file with other hard links, which a rename would split.
    HardLinks(u64),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Input(input) => write!(
                f,
                "it is the input `{}`; bout never writes over what it reads",
                input.display()
            ),
            Refusal::Directory => f.write_str("it is a directory; name a file to write"),
            Refusal::NotRegular(kind) => write!(
                f,
                "it is {kind}, not a regular file; write to stdout with `-o -`, \
                 and to a device with shell redirection (`> /dev/null`)"
            ),
            Refusal::BadLink => f.write_str(
                "it is a symbolic link that does not point to a regular file; \
                 remove it or name another file",
            ),
            Refusal::HardLinks(links) => write!(
                f,
                "it has {links} hard links, and writing a new file and renaming it \
                 would split them; remove it first or write elsewhere"
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// Runs `make`, an exporter writing text with [`std::fmt::Write`], into
/// `out` as the text is made, through a 64 KiB buffer: an export is never
/// held whole in memory (a long script's CSV or DOT is many times the
/// script). The first write error stops the writing and is returned.
pub fn stream(out: &mut dyn Write, make: impl FnOnce(&mut Stream<'_>)) -> std::io::Result<()> {
    let mut stream = Stream {
        out: std::io::BufWriter::with_capacity(1 << 16, out),
        error: None,
    };
    make(&mut stream);
    match stream.error {
        Some(error) => Err(error),
        None => stream.out.flush(),
    }
}

/// How much text [`hand_on`] lets an exporter gather before it is written.
const HAND_ON_AT: usize = 1 << 16;

/// Writes the text `made` so far to `out` and empties it, once it holds
/// 64 KiB or more: for exporters that make their text in a `String` and
/// look back at it within an element (to insert a mark, or to guard what
/// it ends with), so they hand it on only between elements. Their output
/// is then never held whole (a long script's PDF is five times the script).
pub(crate) fn hand_on(made: &mut String, out: &mut dyn Write) -> std::io::Result<()> {
    if made.len() >= HAND_ON_AT {
        out.write_all(made.as_bytes())?;
        made.clear();
    }
    Ok(())
}

/// The text a writer of [`hand_on`]'s kind makes, whole, for callers that
/// want it in memory (tests, the preview). Those writers write only text.
pub(crate) fn made_whole(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> String {
    let bytes = made_whole_bytes(write);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The bytes a writer makes, whole, for callers that want them in memory
/// (tests, the preview, the call sheet). Writing to memory cannot fail.
pub(crate) fn made_whole_bytes(
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Vec<u8> {
    let mut bytes = Vec::new();
    match write(&mut bytes) {
        Ok(()) => bytes,
        Err(e) => unreachable!("writing to memory failed: {e}"),
    }
}

/// The writer [`stream`] hands an exporter.
pub struct Stream<'a> {
    out: std::io::BufWriter<&'a mut dyn Write>,
    /// The first write error; once set, nothing more is written.
    error: Option<std::io::Error>,
}

impl fmt::Write for Stream<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        if self.error.is_some() {
            return Err(fmt::Error);
        }
        self.out.write_all(text.as_bytes()).map_err(|error| {
            self.error = Some(error);
            fmt::Error
        })
    }
}

/// Where output for `path` goes: `path` itself when it is a new path or a
/// regular file with one link, or the regular file a symbolic link at
/// `path` points to. Anything else is refused, and so is any of `inputs`
/// (compared by device and inode, so `./x`, `x` and a link to `x` are one
/// file).
pub fn destination(path: &Path, inputs: &[&Path]) -> Result<PathBuf, std::io::Error> {
    let refuse = |r: Refusal| Err(std::io::Error::other(r));
    let target = match path.symlink_metadata() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(e) => return Err(e),
        Ok(meta) if meta.file_type().is_symlink() => match path.metadata() {
            Ok(target) if target.is_file() => target,
            _ => return refuse(Refusal::BadLink),
        },
        Ok(meta) => meta,
    };
    if let Some(kind) = not_regular(&target) {
        return refuse(kind);
    }
    for input in inputs {
        if input.metadata().is_ok_and(|m| same_file(&m, &target)) {
            return refuse(Refusal::Input(input.to_path_buf()));
        }
    }
    let links = link_count(&target);
    if links > 1 {
        return refuse(Refusal::HardLinks(links));
    }
    if path.symlink_metadata()?.file_type().is_symlink() {
        path.canonicalize()
    } else {
        Ok(path.to_path_buf())
    }
}

/// What `meta` is when it is not a regular file.
fn not_regular(meta: &std::fs::Metadata) -> Option<Refusal> {
    if meta.is_file() {
        return None;
    }
    if meta.is_dir() {
        return Some(Refusal::Directory);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_char_device() {
            return Some(Refusal::NotRegular("a character device"));
        }
        if kind.is_block_device() {
            return Some(Refusal::NotRegular("a block device"));
        }
        if kind.is_fifo() {
            return Some(Refusal::NotRegular("a FIFO (named pipe)"));
        }
        if kind.is_socket() {
            return Some(Refusal::NotRegular("a socket"));
        }
    }
    Some(Refusal::NotRegular("not a regular file"))
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

#[cfg(unix)]
fn link_count(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn link_count(_: &std::fs::Metadata) -> u64 {
    1
}

/// The temporary files being written, removed by [`remove_temp_files`] when
/// a signal ends the process. A path is added while the lock is held around
/// its creation and leaves while it is held around its rename, so the
/// signal handler never sees a half-made entry nor removes a renamed file.
static TEMP_FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn temp_files() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    TEMP_FILES.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes every temporary file [`write_atomic`] is writing, and keeps the
/// lock so that no rename can follow: for a signal handler that is about to
/// end the process.
pub fn remove_temp_files() {
    let files = temp_files();
    for path in files.iter() {
        let _ = std::fs::remove_file(path);
    }
    std::mem::forget(files);
}

/// Writes `contents` to `path` atomically (see [`AtomicFile`]).
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(contents)?;
    file.commit()
}

/// A file being written atomically, so a failed or interrupted run never
/// leaves a half-written file or corrupts an earlier one. Exporters stream
/// into it; nothing reaches the destination until [`AtomicFile::commit`].
///
/// The destination is checked by [`destination`] (a symbolic link to a
/// regular file is written through: its target is replaced, the link
/// stays). The bytes go to a new temporary file beside it, `.NAME.XXXXXX.tmp`
/// (created exclusively under a random name, so a planted file or link is
/// never followed), with the destination's permission bits when it exists;
/// on commit the file is synced and renamed over the destination. Dropped
/// without a commit (an error, a script with errors), the temporary file is
/// removed; on SIGINT, SIGTERM or SIGHUP too, when the program calls
/// [`remove_temp_files`] from its handler.
pub struct AtomicFile {
    dest: PathBuf,
    dir: PathBuf,
    temp: Registered,
    out: std::io::BufWriter<std::fs::File>,
}

impl AtomicFile {
    /// Creates the temporary file for `path`.
    pub fn create(path: &Path) -> std::io::Result<AtomicFile> {
        let dest = destination(path, &[])?;
        let dir = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let mode = existing_mode(&dest);
        let prefix = format!(".{name}.");
        let temp = {
            let mut files = temp_files();
            let mut builder = tempfile::Builder::new();
            builder.prefix(&prefix).suffix(".tmp");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                // A new file gets what any new file gets (0666 less the umask).
                builder.permissions(std::fs::Permissions::from_mode(0o666));
            }
            let temp = builder.tempfile_in(&dir)?;
            files.push(temp.path().to_path_buf());
            Registered(Some(temp))
        };
        let file = temp.0.as_ref().expect("registered until renamed");
        if let Some(mode) = mode {
            file.as_file().set_permissions(mode)?;
        }
        let out = std::io::BufWriter::with_capacity(1 << 16, file.as_file().try_clone()?);
        Ok(AtomicFile {
            dest,
            dir,
            temp,
            out,
        })
    }

    /// Flushes, syncs and renames the file over its destination.
    pub fn commit(mut self) -> std::io::Result<()> {
        self.out.flush()?;
        let file = self.temp.0.as_ref().expect("registered until renamed");
        file.as_file().sync_all()?;
        test_delay();
        let persisted = {
            let mut files = temp_files();
            let file = self.temp.0.take().expect("registered until renamed");
            let path = file.path().to_path_buf();
            // On failure the temporary file comes back in the error, and is
            // removed as the error is dropped, under the lock.
            let persisted = file.persist(&self.dest).map(drop).map_err(|e| e.error);
            files.retain(|p| *p != path);
            persisted
        };
        persisted?;
        // The rename itself is made durable by syncing the directory; a
        // failure here loses nothing already written.
        if let Ok(dir) = std::fs::File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.out.write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A temporary file known to [`TEMP_FILES`]; dropping it (on an error)
/// removes the file, then forgets the path.
struct Registered(Option<tempfile::NamedTempFile>);

impl Drop for Registered {
    fn drop(&mut self) {
        if let Some(temp) = self.0.take() {
            let mut files = temp_files();
            let path = temp.path().to_path_buf();
            drop(temp);
            files.retain(|p| *p != path);
        }
    }
}

/// The permission bits of the regular file at `path`, if there is one.
fn existing_mode(path: &Path) -> Option<std::fs::Permissions> {
    let meta = path.metadata().ok().filter(|m| m.is_file())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(
            meta.permissions().mode() & 0o777,
        ))
    }
    #[cfg(not(unix))]
    {
        Some(meta.permissions())
    }
}

/// For the tests only: `BOUT_TEST_WRITE_DELAY_MS` holds a write between
/// the temporary file's last byte and its rename, so a test can interrupt
/// it or change the destination meanwhile.
fn test_delay() {
    if let Some(ms) = std::env::var_os("BOUT_TEST_WRITE_DELAY_MS")
        .and_then(|v| v.to_str().and_then(|v| v.parse::<u64>().ok()))
    {
        std::thread::sleep(std::time::Duration::from_millis(ms.min(60_000)));
    }
}
