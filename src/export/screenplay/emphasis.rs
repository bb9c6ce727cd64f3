//! Emphasis: Fountain's `*italic*`, `**bold**`, `***bold italic***` and
//! `_underline_` in the text of action, dialogue, parentheticals, centred
//! text and lyrics, with `\*` and `\_` for the characters themselves.
//!
//! [`mark`] reads the markup once, when the screenplay is built, into
//! private-use toggles ([`ITALIC_ON`] …) that every writer reads: Fountain
//! writes them back as markup, Final Draft as `Style` runs, the page layout
//! keeps them through wrapping (zero width, balanced on every line), the
//! PDF sets them in its italic and bold faces, the HTML as `<em>`,
//! `<strong>` and `<u>`. [`crate::export::escape::is_unsafe`] keeps the
//! toggles out of any text that comes from a script.
//!
//! Emphasis pairs on one line, as in Fountain: an opener is followed by a
//! character that is not white space, its closer follows one; `_` opens
//! only after a character that is no letter or digit and closes only
//! before one, so `snake_case` stays as it is. Each kind of delimiter has
//! at most one open at a time, so reading is linear in the text.

use std::fmt::Write as _;

/// Italic from here.
pub const ITALIC_ON: char = '\u{E020}';
/// Italic up to here.
pub const ITALIC_OFF: char = '\u{E021}';
/// Bold from here.
pub const BOLD_ON: char = '\u{E022}';
/// Bold up to here.
pub const BOLD_OFF: char = '\u{E023}';
/// Underlined from here.
pub const UNDERLINE_ON: char = '\u{E024}';
/// Underlined up to here.
pub const UNDERLINE_OFF: char = '\u{E025}';

/// Whether `c` is one of the toggles.
pub fn is_toggle(c: char) -> bool {
    ('\u{E020}'..='\u{E025}').contains(&c)
}

/// A run's styles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// Set in italics.
    pub italic: bool,
    /// Set in bold.
    pub bold: bool,
    /// Underlined.
    pub underline: bool,
}

impl Style {
    /// No emphasis.
    pub fn is_plain(self) -> bool {
        self == Style::default()
    }

    /// The style after toggle `c` (unchanged for any other character).
    fn after(mut self, c: char) -> Style {
        match c {
            ITALIC_ON => self.italic = true,
            ITALIC_OFF => self.italic = false,
            BOLD_ON => self.bold = true,
            BOLD_OFF => self.bold = false,
            UNDERLINE_ON => self.underline = true,
            UNDERLINE_OFF => self.underline = false,
            _ => {}
        }
        self
    }

    /// The toggles that turn this style on (in the order Fountain nests
    /// them: underline outside, then bold, then italic).
    fn on(self) -> String {
        let mut out = String::new();
        if self.underline {
            out.push(UNDERLINE_ON);
        }
        if self.bold {
            out.push(BOLD_ON);
        }
        if self.italic {
            out.push(ITALIC_ON);
        }
        out
    }

    /// The toggles that turn it off, innermost first.
    fn off(self) -> String {
        let mut out = String::new();
        if self.italic {
            out.push(ITALIC_OFF);
        }
        if self.bold {
            out.push(BOLD_OFF);
        }
        if self.underline {
            out.push(UNDERLINE_OFF);
        }
        out
    }
}

/// One piece of Fountain markup on a line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Delim {
    /// `*`, `**` or `***`: 1, 2 or 3.
    Stars(usize),
    /// `_`.
    Underscore,
}

impl Delim {
    fn slot(self) -> usize {
        match self {
            Delim::Stars(n) => n - 1,
            Delim::Underscore => 3,
        }
    }

    fn toggles(self, open: bool) -> &'static [char] {
        match (self, open) {
            (Delim::Stars(1), true) => &[ITALIC_ON],
            (Delim::Stars(1), false) => &[ITALIC_OFF],
            (Delim::Stars(2), true) => &[BOLD_ON],
            (Delim::Stars(2), false) => &[BOLD_OFF],
            (Delim::Stars(_), true) => &[BOLD_ON, ITALIC_ON],
            (Delim::Stars(_), false) => &[ITALIC_OFF, BOLD_OFF],
            (Delim::Underscore, true) => &[UNDERLINE_ON],
            (Delim::Underscore, false) => &[UNDERLINE_OFF],
        }
    }

    fn text(self) -> &'static str {
        match self {
            Delim::Stars(1) => "*",
            Delim::Stars(2) => "**",
            Delim::Stars(_) => "***",
            Delim::Underscore => "_",
        }
    }
}

/// A token of a line: literal text or a delimiter.
enum Piece<'a> {
    Text(&'a str),
    Literal(char),
    Delim(Delim),
}

/// `text` with its emphasis markup read into toggles; escapes `\*` and
/// `\_` become the characters, markup that pairs with nothing stays as
/// written. Toggles already in `text` are dropped.
pub fn mark(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        mark_line(line, &mut out);
    }
    out
}

fn mark_line(line: &str, out: &mut String) {
    // Tokens, with the character before and after each delimiter.
    let mut pieces: Vec<Piece<'_>> = Vec::new();
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\\' && matches!(bytes.get(i + 1), Some(b'*' | b'_')) {
            if start < i {
                pieces.push(Piece::Text(&line[start..i]));
            }
            pieces.push(Piece::Literal(bytes[i + 1] as char));
            i += 2;
            start = i;
        } else if b == b'*' || b == b'_' {
            if start < i {
                pieces.push(Piece::Text(&line[start..i]));
            }
            let delim = if b == b'_' {
                i += 1;
                Delim::Underscore
            } else {
                let mut n = 0;
                while i < bytes.len() && bytes[i] == b'*' && n < 3 {
                    n += 1;
                    i += 1;
                }
                Delim::Stars(n)
            };
            pieces.push(Piece::Delim(delim));
            start = i;
        } else {
            i += 1;
        }
    }
    if start < bytes.len() {
        pieces.push(Piece::Text(&line[start..]));
    }
    // The character on either side of each piece.
    let last_char = |p: &Piece<'_>| match p {
        Piece::Text(t) => t.chars().next_back(),
        Piece::Literal(c) => Some(*c),
        Piece::Delim(d) => d.text().chars().next_back(),
    };
    let first_char = |p: &Piece<'_>| match p {
        Piece::Text(t) => t.chars().next(),
        Piece::Literal(c) => Some(*c),
        Piece::Delim(d) => d.text().chars().next(),
    };
    // Pair openers and closers: one open slot per kind of delimiter.
    let mut open: [Option<usize>; 4] = [None; 4];
    let mut pair: Vec<Option<bool>> = vec![None; pieces.len()]; // Some(true) opens
    for k in 0..pieces.len() {
        let Piece::Delim(d) = pieces[k] else { continue };
        let before = k.checked_sub(1).and_then(|j| last_char(&pieces[j]));
        let after = pieces.get(k + 1).and_then(first_char);
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let (can_open, can_close) = match d {
            Delim::Stars(_) => (!space(after), !space(before)),
            Delim::Underscore => (
                !space(after) && !word(before),
                !space(before) && !word(after),
            ),
        };
        let slot = d.slot();
        match open[slot] {
            Some(o) if can_close => {
                pair[o] = Some(true);
                pair[k] = Some(false);
                open[slot] = None;
            }
            _ if can_open => open[slot] = Some(k),
            _ => {}
        }
    }
    for (k, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Text(t) => out.extend(t.chars().filter(|c| !is_toggle(*c))),
            Piece::Literal(c) => out.push(*c),
            Piece::Delim(d) => match pair[k] {
                Some(opens) => out.extend(d.toggles(opens)),
                None => out.push_str(d.text()),
            },
        }
    }
}

/// `text` without its toggles: the characters a reader sees.
pub fn strip(text: &str) -> String {
    text.chars().filter(|c| !is_toggle(*c)).collect()
}

/// How many characters of `text` a reader sees (toggles take no room).
pub fn width(text: &str) -> usize {
    text.chars().filter(|c| !is_toggle(*c)).count()
}

/// The runs of `text` (one line, or several) with their styles; the
/// toggles themselves are in no run. Runs of no text are left out.
pub fn runs(text: &str) -> Vec<(String, Style)> {
    let mut out: Vec<(String, Style)> = Vec::new();
    let mut style = Style::default();
    let mut current = String::new();
    for c in text.chars() {
        if is_toggle(c) {
            let next = style.after(c);
            if next != style && !current.is_empty() {
                out.push((std::mem::take(&mut current), style));
            }
            style = next;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push((current, style));
    }
    out
}

/// Each line of `lines` made whole: the styles open at its start turned on
/// before it and those still open at its end turned off after it, so that a
/// line can be set on its own (wrapping may cut a span of emphasis).
pub fn balance(lines: &mut [String]) {
    let mut style = Style::default();
    for line in lines {
        let start = style;
        for c in line.chars() {
            style = style.after(c);
        }
        if start.is_plain() && style.is_plain() {
            continue;
        }
        let mut whole = start.on();
        whole.push_str(line);
        whole.push_str(&style.off());
        *line = whole;
    }
}

/// `text` as HTML: escaped by `escape`, each run in `<em>`, `<strong>` and
/// `<u>` as its style says.
pub fn html(text: &str, escape: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    for (run, style) in runs(text) {
        let (open, close) = tags(style);
        let _ = write!(out, "{open}{}{close}", escape(&run));
    }
    out
}

fn tags(style: Style) -> (String, String) {
    let mut open = String::new();
    let mut close = String::new();
    for (on, tag) in [
        (style.underline, "u"),
        (style.bold, "strong"),
        (style.italic, "em"),
    ] {
        if on {
            open.push_str(&format!("<{tag}>"));
            close.insert_str(0, &format!("</{tag}>"));
        }
    }
    (open, close)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<(String, Style)> {
        runs(&mark(text))
    }

    const I: Style = Style {
        italic: true,
        bold: false,
        underline: false,
    };
    const B: Style = Style {
        italic: false,
        bold: true,
        underline: false,
    };
    const U: Style = Style {
        italic: false,
        bold: false,
        underline: true,
    };
    const P: Style = Style {
        italic: false,
        bold: false,
        underline: false,
    };

    #[test]
    fn fountain_markup_reads_as_runs() {
        assert_eq!(
            shown("a *b* **c** _d_"),
            [
                ("a ".into(), P),
                ("b".into(), I),
                (" ".into(), P),
                ("c".into(), B),
                (" ".into(), P),
                ("d".into(), U)
            ]
        );
        let bi = Style {
            italic: true,
            bold: true,
            underline: false,
        };
        assert_eq!(shown("***x***"), [("x".into(), bi)]);
    }

    #[test]
    fn what_pairs_with_nothing_stays() {
        assert_eq!(mark("5 * 3 = 15"), "5 * 3 = 15");
        assert_eq!(mark("snake_case_name"), "snake_case_name");
        assert_eq!(mark("a *b"), "a *b");
        assert_eq!(mark("* not *"), "* not *");
        assert_eq!(mark(r"\*not\* this"), "*not* this");
        // Emphasis does not cross lines.
        assert_eq!(mark("*a\nb*"), "*a\nb*");
    }

    #[test]
    fn toggles_in_the_text_are_dropped() {
        assert_eq!(mark("a\u{E020}b"), "ab");
    }

    #[test]
    fn wrapped_lines_are_balanced() {
        let marked = mark("*one two*");
        let mut lines: Vec<String> = vec![
            marked[..marked.find(' ').unwrap()].into(),
            marked[marked.find(' ').unwrap() + 1..].into(),
        ];
        balance(&mut lines);
        assert_eq!(runs(&lines[0]), [("one".to_string(), I)]);
        assert_eq!(runs(&lines[1]), [("two".to_string(), I)]);
    }

    #[test]
    fn marking_is_linear() {
        // Many openers that never close: each kind keeps one open.
        let text = "*a ".repeat(100_000);
        assert_eq!(width(&mark(&text)), text.chars().count());
    }
}
