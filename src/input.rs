//! Reading input files safely: scripts and `bout.toml` are read whole, as
//! UTF-8, up to a documented size.
//!
//! At most `limit + 1` bytes are ever read (through [`Read::take`]), so a
//! pipe that never ends or a runaway file is refused after `limit + 1`
//! bytes instead of filling memory; and the text is checked as it comes in,
//! so a binary file (a NUL byte, or bytes that are not UTF-8) — `/dev/zero`,
//! `/dev/urandom`, an image — is refused at its first 64 KiB, not after
//! reading a quarter of a gigabyte. See `docs/files.md`.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// The most bytes of one script bout reads: 256 MiB.
pub const SCRIPT_LIMIT: u64 = 256 << 20;

/// The most bytes of one `bout.toml` bout reads: 1 MiB.
pub const CONFIG_LIMIT: u64 = 1 << 20;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system refused (no such file, permission denied, …).
    Io(std::io::Error),
    /// The file holds more than `limit` bytes.
    TooLarge {
        /// The limit that was passed.
        limit: u64,
    },
    /// The file holds a NUL byte: it is binary, not text.
    Binary {
        /// The byte offset of the first NUL.
        offset: usize,
    },
    /// The file is not UTF-8 text.
    NotUtf8 {
        /// The byte offset of the first byte that is not part of valid UTF-8.
        offset: usize,
        /// The 1-based line it stands on.
        line: usize,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(error) => f.write_str(&io_message(error)),
            ReadError::TooLarge { limit } => {
                write!(f, "it is larger than {}, the most bout reads", size(*limit))
            }
            ReadError::Binary { offset } => {
                write!(f, "it is not text (it holds a NUL byte at offset {offset})")
            }
            ReadError::NotUtf8 { offset, line } => write!(
                f,
                "it is not UTF-8 text (the first bad byte is on line {line}, at offset {offset}); save it as UTF-8"
            ),
        }
    }
}

impl std::error::Error for ReadError {}

impl ReadError {
    /// The whole message for `name`, as the CLI prints it after `error: `.
    pub fn message(&self, name: &str) -> String {
        match self {
            ReadError::TooLarge { limit } => {
                format!(
                    "`{name}` is larger than {}, the most bout reads",
                    size(*limit)
                )
            }
            _ => format!("cannot read `{name}`: {self}"),
        }
    }
}

/// Reads the file at `path` as UTF-8 text of at most `limit` bytes.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    // Sized once from the file's length when it has one (a pipe says 0),
    // so a large script is not copied at every doubling.
    let size = file.metadata().map_or(0, |m| m.len()).min(limit + 1);
    read_text_sized(file, limit, size as usize)
}

/// Reads `reader` to its end as UTF-8 text of at most `limit` bytes; never
/// reads more than `limit + 1` bytes.
pub fn read_text_from(reader: impl Read, limit: u64) -> Result<String, ReadError> {
    read_text_sized(reader, limit, 0)
}

/// [`read_text_from`], with room for `size` bytes made first.
fn read_text_sized(reader: impl Read, limit: u64, size: usize) -> Result<String, ReadError> {
    let mut reader = reader.take(limit.saturating_add(1));
    let mut bytes = Vec::with_capacity(size);
    let mut chunk = vec![0u8; 1 << 16];
    // Bytes already known to be UTF-8 without a NUL.
    let mut checked = 0;
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(ReadError::Io(error)),
        };
        bytes.extend_from_slice(&chunk[..n]);
        // Whichever comes first: a NUL, or a byte that is not UTF-8.
        let (valid, bad) = match std::str::from_utf8(&bytes[checked..]) {
            Ok(_) => (bytes.len() - checked, false),
            // A character cut at the chunk's end: the rest comes next.
            Err(error) => (error.valid_up_to(), error.error_len().is_some()),
        };
        if let Some(at) = bytes[checked..checked + valid].iter().position(|&b| b == 0) {
            return Err(ReadError::Binary {
                offset: checked + at,
            });
        }
        if bad {
            let offset = checked + valid;
            return Err(ReadError::NotUtf8 {
                offset,
                line: line_of(&bytes, offset),
            });
        }
        checked += valid;
    }
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        ReadError::NotUtf8 {
            offset,
            line: line_of(e.as_bytes(), offset),
        }
    })
}

/// The 1-based line of byte `offset`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + memchr::memchr_iter(b'\n', &bytes[..offset.min(bytes.len())]).count()
}

/// A size in the largest binary unit that divides it: `256 MiB`, `1 MiB`.
pub fn size(bytes: u64) -> String {
    for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] {
        if bytes >= 1 << shift && bytes.is_multiple_of(1 << shift) {
            return format!("{} {unit}", bytes >> shift);
        }
    }
    format!("{bytes} bytes")
}

/// An I/O error's message, without Rust's " (os error N)" suffix, in the
/// words bout uses for the common cases.
pub fn io_message(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "no such file".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::IsADirectory => "it is a directory".into(),
        _ => {
            let text = error.to_string();
            match text.rfind(" (os error ") {
                Some(at) if text.ends_with(')') => text[..at].to_owned(),
                _ => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_up_to_the_limit_and_no_further() {
        assert_eq!(read_text_from(&b"abcd"[..], 4).unwrap(), "abcd");
        assert!(matches!(
            read_text_from(&b"abcde"[..], 4),
            Err(ReadError::TooLarge { limit: 4 })
        ));
        // An endless reader is refused after limit + 1 bytes.
        assert!(matches!(
            read_text_from(std::io::repeat(b'a'), 1000),
            Err(ReadError::TooLarge { limit: 1000 })
        ));
    }

    #[test]
    fn not_utf8_names_the_first_bad_byte() {
        let error = read_text_from(&b"ab\xffcd"[..], 100).unwrap_err();
        assert!(matches!(error, ReadError::NotUtf8 { offset: 2, line: 1 }));
        assert_eq!(
            error.message("x.bout"),
            "cannot read `x.bout`: it is not UTF-8 text (the first bad byte is on line 1, at offset 2); save it as UTF-8"
        );
    }

    #[test]
    fn sizes_and_messages() {
        assert_eq!(size(SCRIPT_LIMIT), "256 MiB");
        assert_eq!(size(CONFIG_LIMIT), "1 MiB");
        assert_eq!(size(1000), "1000 bytes");
        assert_eq!(
            ReadError::TooLarge {
                limit: SCRIPT_LIMIT
            }
            .message("x"),
            "`x` is larger than 256 MiB, the most bout reads"
        );
        let full = std::io::Error::from_raw_os_error(28);
        assert_eq!(io_message(&full), "No space left on device");
    }
}
