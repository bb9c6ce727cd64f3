//! Byte offsets to protocol positions and back.
//!
//! The protocol counts lines from 0 and columns in UTF-16 code units;
//! bout counts bytes. Positions from the client are clamped: a line past
//! the end is the end of the text, a column past the end of its line is
//! the line's end, and a column inside a surrogate pair is the character's
//! start. No position ever panics.

use lsp_types::{Position, Range};

use crate::span::Span;
use crate::syntax::lines::LineIndex;

/// The protocol position of byte `offset`.
pub fn position(index: &LineIndex<'_>, offset: usize) -> Position {
    let p = index.locate(offset);
    Position::new((p.line - 1) as u32, p.utf16 as u32)
}

/// The protocol range of `span`.
pub fn range(index: &LineIndex<'_>, span: Span) -> Range {
    Range::new(
        position(index, span.start as usize),
        position(index, span.end as usize),
    )
}

/// The byte offset of protocol `position` in `text`, clamped to the text.
pub fn offset(index: &LineIndex<'_>, text: &str, position: Position) -> usize {
    let line = position.line as usize;
    if line >= index.lines() {
        return text.len();
    }
    let start = index.line_start(line);
    let line_text = index.line_text(line);
    let mut units = 0usize;
    for (i, c) in line_text.char_indices() {
        if units + c.len_utf16() > position.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    start + line_text.len()
}

/// The byte span of protocol `range`, clamped and ordered.
pub fn span(index: &LineIndex<'_>, text: &str, range: Range) -> Span {
    let a = offset(index, text, range.start);
    let b = offset(index, text, range.end);
    Span::new(a.min(b), a.max(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_round_trip() {
        let text = "a\n\u{1F94A}é x\r\nlast";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        let p = position(&index, x);
        // The glove is two UTF-16 units, é one, the space one.
        assert_eq!(p, Position::new(1, 4));
        assert_eq!(offset(&index, text, p), x);
        assert_eq!(
            offset(&index, text, Position::new(2, 0)),
            text.find("last").unwrap()
        );
    }

    #[test]
    fn positions_out_of_range_are_clamped() {
        let text = "ab\n\u{1F94A}\n";
        let index = LineIndex::new(text);
        assert_eq!(offset(&index, text, Position::new(99, 0)), text.len());
        assert_eq!(offset(&index, text, Position::new(0, 99)), 2);
        // Inside the surrogate pair: the character's start.
        assert_eq!(offset(&index, text, Position::new(1, 1)), 3);
        assert_eq!(
            offset(&index, text, Position::new(u32::MAX, u32::MAX)),
            text.len()
        );
    }
}
