//! Escaping shared by the writers, and the one filter every piece of user
//! text passes before an exporter writes it.
//!
//! The lexer already rejects control and bidi characters in strings, but the
//! library can be handed any tree, so the exporters do not rely on it:
//! [`inert`] is applied where user text enters an export (the screenplay
//! model in `screenplay::build`, the timeline in `timeline::build`).

use std::borrow::Cow;

/// What [`inert`] writes in place of a character it will not pass on.
pub const REPLACEMENT: char = '\u{fffd}';

/// Whether `c` is a character no export passes on: a C0 control other than
/// tab and line feed, DEL, a C1 control, or a bidi embedding, override or
/// isolate (U+202A–U+202E, U+2066–U+2069), which can make text read in an
/// order other than the one it is stored in ("Trojan Source"); and the
/// private-use characters the screenplay marks emphasis with
/// (U+E020–U+E025, [`crate::export::screenplay::emphasis`]), so that no
/// script can forge them.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{e020}'..='\u{e025}')
}

/// `text` made inert for every reader: each character [`is_unsafe`] says
/// is replaced with U+FFFD (so its presence stays visible), and the Unicode
/// line and paragraph separators (U+2028, U+2029) become line feeds, so
/// that every writer sees the same lines. Borrows when nothing changes.
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| is_unsafe(c) || matches!(c, '\u{2028}' | '\u{2029}'))
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{2028}' | '\u{2029}' => '\n',
                c if is_unsafe(c) => REPLACEMENT,
                c => c,
            })
            .collect(),
    )
}

/// Makes `text` inert in place (see [`inert`]).
pub fn make_inert(text: &mut String) {
    if let Cow::Owned(clean) = inert(text) {
        *text = clean;
    }
}

/// `text` on one line: its lines trimmed, blank ones dropped, the rest
/// joined with a space. For the elements a screenplay prints on one line
/// (scene headings, transitions, shots, cues, parentheticals).
pub fn one_line(text: &str) -> String {
    let text = inert(text);
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Escapes `text` for XML or HTML content and attributes, and replaces the
/// control characters XML 1.0 forbids (even escaped) with a space; tabs,
/// line feeds and carriage returns are kept.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_become_replacement_characters() {
        assert_eq!(
            inert("a\u{7}b\rc\u{85}d\u{202e}e\u{2067}f\u{7f}"),
            "a\u{fffd}b\u{fffd}c\u{fffd}d\u{fffd}e\u{fffd}f\u{fffd}"
        );
        assert_eq!(inert("tab\tand\nline"), "tab\tand\nline");
        assert!(matches!(inert("plain é 黒澤"), Cow::Borrowed(_)));
        assert_eq!(inert("a\u{2028}b\u{2029}c"), "a\nb\nc");
    }

    #[test]
    fn one_line_folds_lines_and_drops_blank_ones() {
        assert_eq!(
            one_line("INT. ROOM - DAY\n\nEXT. INJECTED - NIGHT"),
            "INT. ROOM - DAY EXT. INJECTED - NIGHT"
        );
        assert_eq!(one_line("  \n x \n"), "x");
    }
}
