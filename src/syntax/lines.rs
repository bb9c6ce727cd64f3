//! Lines and columns: the one line index every layer uses to turn a byte
//! offset into a position a person (or an editor) reads.
//!
//! A line ends at `\n`, `\r\n` or a lone `\r` (old Mac files), the same
//! three the lexer treats as line ends. Columns count characters (for
//! people, JSON and SARIF) or UTF-16 code units (for the language server
//! protocol).
//!
//! Invariant: building the index is one pass over the text, and a position
//! costs a binary search plus at most [`STRIDE`] bytes of counting, so a
//! report on a file with one megabyte-long line stays linear in the number
//! of diagnostics.

/// Bytes between two column checkpoints.
const STRIDE: usize = 1024;

/// Line starts and column checkpoints of one text.
#[derive(Clone, Debug)]
pub struct LineIndex<'s> {
    source: &'s str,
    /// Byte offset of every line's start; the first is 0.
    starts: Vec<u32>,
    /// Every [`STRIDE`] bytes (moved forward to a character boundary): the
    /// checkpoint's offset and its character and UTF-16 columns (0-based)
    /// on its line.
    marks: Vec<Mark>,
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    offset: u32,
    chars: u32,
    utf16: u32,
}

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1 (a leading byte-order mark does not
    /// count).
    pub column: usize,
    /// Column in UTF-16 code units, from 0, as the language server protocol
    /// counts (the byte-order mark does count: editors show it as text).
    pub utf16: usize,
}

/// The byte offsets where lines start: 0, and after every `\n`, `\r\n` and
/// lone `\r`.
pub fn line_starts(source: &str) -> Vec<u32> {
    let bytes = source.as_bytes();
    // About one line per 40 bytes in scripts; one growth at most for most.
    let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
    starts.push(0);
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        let ends = bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n');
        if ends {
            starts.push(i as u32 + 1);
        }
    }
    starts
}

impl<'s> LineIndex<'s> {
    /// Indexes `source`: its line starts, then checkpoints inside the lines
    /// longer than [`STRIDE`] (only there can a position cost more than a
    /// stride of counting). Counting is by bytes: a character is a byte
    /// that is not a continuation byte, and a four-byte character is two
    /// UTF-16 units.
    pub fn new(source: &'s str) -> LineIndex<'s> {
        let starts = line_starts(source);
        let bytes = source.as_bytes();
        let mut marks = Vec::new();
        for (line, &start) in starts.iter().enumerate() {
            let start = start as usize;
            let end = starts.get(line + 1).map_or(bytes.len(), |&s| s as usize);
            if end - start <= STRIDE {
                continue;
            }
            let (mut chars, mut utf16) = (0u32, 0u32);
            let mut from = start;
            let mut next = start + STRIDE;
            while next < end {
                // A checkpoint stands on a character boundary.
                while next < end && !source.is_char_boundary(next) {
                    next += 1;
                }
                if next >= end {
                    break;
                }
                for &b in &bytes[from..next] {
                    let is_char = (b & 0xC0) != 0x80;
                    chars += u32::from(is_char);
                    utf16 += u32::from(is_char) + u32::from(b >= 0xF0);
                }
                marks.push(Mark {
                    offset: next as u32,
                    chars,
                    utf16,
                });
                from = next;
                next += STRIDE;
            }
        }
        LineIndex {
            source,
            starts,
            marks,
        }
    }

    /// How many lines the text has (an empty text has one).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The byte offset where 0-based `line` starts (the end of the text past
    /// the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts
            .get(line)
            .map_or(self.source.len(), |&s| s as usize)
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.source.len());
        self.starts.partition_point(|&s| s as usize <= offset) - 1
    }

    /// The text of 0-based `line`, without its line end.
    pub fn line_text(&self, line: usize) -> &'s str {
        let start = self.line_start(line);
        let end = self.line_start(line + 1).min(self.source.len());
        self.source[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The position of byte `offset` (clamped to the text, moved back to a
    /// character boundary).
    pub fn locate(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line] as usize;
        let mark = self.marks.partition_point(|m| m.offset as usize <= offset);
        let (from, mut chars, mut utf16) = match mark.checked_sub(1).map(|m| self.marks[m]) {
            Some(m) if m.offset as usize >= start => {
                (m.offset as usize, m.chars as usize, m.utf16 as usize)
            }
            _ => (start, 0, 0),
        };
        for c in self.source[from..offset].chars() {
            chars += 1;
            utf16 += c.len_utf16();
        }
        let mut column = chars + 1;
        if line == 0 && self.source.starts_with('\u{feff}') && offset > 0 {
            column -= 1;
        }
        Position {
            line: line + 1,
            column,
            utf16,
        }
    }

    /// The 1-based line and character column of byte `offset`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let p = self.locate(offset);
        (p.line, p.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_end_counts() {
        assert_eq!(line_starts("a\nb\r\nc\rd"), vec![0, 2, 5, 7]);
        let index = LineIndex::new("a\nb\r\nc\rd");
        assert_eq!(index.position(7), (4, 1));
        assert_eq!(index.line_text(1), "b");
        assert_eq!(index.line_text(2), "c");
    }

    #[test]
    fn columns_in_characters_and_utf16() {
        let index = LineIndex::new("é🥊x");
        let p = index.locate("é🥊".len());
        assert_eq!((p.line, p.column, p.utf16), (1, 3, 3));
    }

    #[test]
    fn long_lines_count_from_checkpoints() {
        let line = "é".repeat(5000);
        let text = format!("top\n{line}x\nend");
        let index = LineIndex::new(&text);
        let at = text.find('x').unwrap();
        assert_eq!(index.position(at), (2, 5001));
        assert_eq!(index.position(text.len()), (3, 4));
        // Inside a character: moved back to its start.
        assert_eq!(index.position(5), (2, 1));
    }

    #[test]
    fn checkpoints_count_like_the_characters() {
        // A long line of mixed widths (1, 2, 3 and 4 bytes; the last two
        // UTF-16 units), every position checked against a plain count.
        let line: String = "aé€🥊".repeat(700);
        let text = format!("x\r\n{line}\n{line}");
        let index = LineIndex::new(&text);
        for (offset, _) in text.char_indices() {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let before = &text[line_start..offset];
            let p = index.locate(offset);
            assert_eq!(p.column, before.chars().count() + 1, "at {offset}");
            assert_eq!(p.utf16, before.encode_utf16().count(), "at {offset}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let index = LineIndex::new("\u{feff}title");
        assert_eq!(index.position(3), (1, 1));
        assert_eq!(index.locate(3).utf16, 1);
    }
}
