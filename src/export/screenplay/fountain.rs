//! Fountain 1.1. No string from the script can start another element,
//! end the title page or hide text, whatever it holds:
//!
//! - one-line elements (scene headings, transitions, cues, parentheticals,
//!   shots) hold no line break (the screenplay model folds them);
//! - a scene heading Fountain would not see gets `.`; an action line a
//!   reader could take for anything else (a heading, cue, transition,
//!   centered text, lyric, section, synopsis, page break, note, forced
//!   element) gets `!`, every such line and the paragraph's first; a cue
//!   that is not plain capitals gets `@`; a transition Fountain would not
//!   see gets `>`; dual dialogue gets `^`; notes are `[[…]]`;
//! - a blank line inside action or dialogue is written as two spaces, so
//!   the paragraph or speech goes on; multi-line title-page values are
//!   written as indented lines under their key, blank lines dropped;
//! - the emphasis characters `*` and `_` and the backslash are escaped with
//!   `\` (which also breaks every boneyard opener `/*`);
//! - where Fountain has no escape, an invisible U+2060 WORD JOINER keeps
//!   markup apart: inside `[[` and `]]`, before a dialogue line that starts
//!   with `(` (a parenthetical) or `~` (a lyric), after a heading's closing
//!   `#` (a scene number), a transition's `<` (centered text) or a forced
//!   action line's `TO:` (which fountain-js reads as a transition even when
//!   forced), before a title-page line that reads as a new key.

use std::fmt::Write;

use super::{Element, Screenplay, Speech, emphasis, layout, table::FightTable};
use crate::syntax::ast::TitleKey;

/// Options of the Fountain export.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {}

/// The invisible character that keeps Fountain markup apart where Fountain
/// has no escape: U+2060 WORD JOINER (default-ignorable, drawn as nothing).
pub const GUARD: char = '\u{2060}';

/// Whether screenplain and fountain-js both read `text` (upper case) as a
/// scene heading without a leading `.`: `INT`, `EXT`, `EST`, `INT./EXT`,
/// `INT/EXT` or `I/E`, then a space or a period.
fn is_heading(text: &str) -> bool {
    let upper = text.trim_start().to_uppercase();
    let after = |prefix: &str| {
        upper
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with([' ', '.']))
    };
    [
        "INT",
        "EXT",
        "EST",
        "INT./EXT",
        "INT./EXT.",
        "INT/EXT",
        "INT/EXT.",
        "I/E",
    ]
    .iter()
    .any(|p| after(p))
}

/// Whether every reader takes `text` alone on its line as a transition.
fn is_transition(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
        && !text.chars().any(char::is_lowercase)
        && text.ends_with(" TO:")
        && !text.starts_with(MARKERS)
        && !is_heading(text)
}

/// The characters that force or mark an element at the start of a line.
const MARKERS: &[char] = &[
    '!', '@', '~', '>', '<', '.', '=', '#', '[', '^', '*', '_', '\\',
];

/// Escapes Fountain's emphasis characters and keeps notes (`[[`, `]]`)
/// apart in running text. Escaping `*` also breaks every boneyard `/*`.
/// The emphasis toggles ([`emphasis`]) are written as Fountain's markup,
/// kept apart from a `/` on either side, which would make `/*` or `*/`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = '\0';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let delimiter = match c {
            emphasis::ITALIC_ON | emphasis::ITALIC_OFF => Some("*"),
            emphasis::BOLD_ON | emphasis::BOLD_OFF => Some("**"),
            emphasis::UNDERLINE_ON | emphasis::UNDERLINE_OFF => Some("_"),
            _ => None,
        };
        if let Some(d) = delimiter {
            if last == '/' && d.starts_with('*') {
                out.push(GUARD);
            }
            out.push_str(d);
            // A `*` of markup, not of text: only a `/` after it matters.
            last = if d.starts_with('*') { '\u{E0FF}' } else { '_' };
            continue;
        }
        // An `_` inside a word (`snake_case`) is no emphasis to any reader,
        // and screenplain would print its escape: it stays as it is.
        let in_word =
            c == '_' && last.is_alphanumeric() && chars.peek().is_some_and(|n| n.is_alphanumeric());
        match c {
            '_' if in_word => {}
            '\\' | '*' | '_' => out.push('\\'),
            '[' | ']' if last == c => out.push(GUARD),
            '/' if last == '\u{E0FF}' => out.push(GUARD),
            _ => {}
        }
        out.push(c);
        last = c;
    }
    out
}

fn title_key(key: TitleKey) -> &'static str {
    match key {
        TitleKey::Title => "Title",
        TitleKey::Credit => "Credit",
        TitleKey::Author => "Author",
        TitleKey::Source => "Source",
        TitleKey::Draft => "Draft date",
        TitleKey::Contact => "Contact",
        TitleKey::Copyright => "Copyright",
        TitleKey::Notes => "Notes",
    }
}

/// Whether a line reads as a title-page key (`Author:`), as fountain-js
/// reads one even when indented.
fn looks_like_key(line: &str) -> bool {
    line.split_once(':').is_some_and(|(key, _)| {
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ' ')
    })
}

/// Whether a reader could take `line` (trimmed) for something other than
/// action: a heading, a cue or transition (capitals), a forced element,
/// centered text, a lyric, a section, a synopsis, a page break or a note.
fn needs_force(line: &str) -> bool {
    let caps = line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase);
    caps || is_heading(line) || line.starts_with(MARKERS) || line.ends_with("TO:")
}

fn action(out: &mut String, text: &str) {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    // Blank lines at either end mean nothing; those inside are kept.
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        return;
    };
    let lines = &lines[first..=last];
    // What a reader sees decides; a line that opens with emphasis opens
    // with `*` or `_`, which is markup at the start of a line.
    let forced: Vec<bool> = lines
        .iter()
        .map(|l| {
            let l = l.trim_start();
            needs_force(&emphasis::strip(l)) || l.starts_with(emphasis::is_toggle)
        })
        .collect();
    // A first line with no lower case letter (`...`, `1990`, `ROCKY`) over
    // more lines reads as a cue and its speech to fountain-js.
    let first_forced = forced.iter().any(|&f| f)
        || (lines.len() > 1 && !lines[0].chars().any(|c| c.is_ascii_lowercase()));
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            // A blank line would end the paragraph: keep it with two spaces.
            out.push_str("  ");
        } else if forced[i] || (i == 0 && first_forced) {
            out.push('!');
            out.push_str(&escape(line.trim_start()));
            // fountain-js takes `!CUT TO:` for a transition all the same.
            if ["TO:", "OUT.", "BLACK."]
                .iter()
                .any(|end| line.ends_with(end))
            {
                out.push(GUARD);
            }
        } else {
            out.push_str(&escape(line));
        }
        out.push('\n');
    }
    out.push('\n');
}

/// The cue line: `@` when the cue is not plain capitals, the name kept
/// from reading as an extension or a dual-dialogue mark.
fn cue_line(speech: &Speech) -> String {
    let name = speech.cue.replace('^', "\u{2c6}");
    let line = match &speech.extension {
        Some(ext) => format!("{name} ({})", ext.replace('^', "\u{2c6}")),
        None => name.clone(),
    };
    // A cue's parentheses must be one group at its end (`ROCKY (V.O.)`).
    let shaped = match line.find(['(', ')']) {
        None => true,
        Some(i) => line[i..].starts_with('(') && line.trim_end().ends_with(')'),
    };
    let line = if shaped {
        line
    } else {
        let name = name.replace('(', "[").replace(')', "]");
        match &speech.extension {
            Some(ext) => format!("{name} ({})", ext.replace('^', "\u{2c6}")),
            None => name,
        }
    };
    let line = escape(&line);
    let before = line.split('(').next().unwrap_or("").trim_end();
    let plain = before.chars().next().is_some_and(char::is_uppercase)
        && before
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || " .'-&,".contains(c))
        && !before.ends_with("OUT.")
        && !before.ends_with("BLACK.")
        && !is_heading(before);
    if plain { line } else { format!("@{line}") }
}

fn speech(out: &mut String, speech: &Speech, dual: bool) {
    out.push_str(&cue_line(speech));
    if dual {
        out.push_str(" ^");
    }
    out.push('\n');
    if let Some(p) = &speech.parenthetical {
        let _ = writeln!(out, "({})", escape(p.trim_matches(['(', ')'])));
    }
    said(out, &speech.text);
    // A parenthetical in the middle of the speech, then what follows it.
    for (p, text) in &speech.more {
        let _ = writeln!(out, "({})", escape(p.trim_matches(['(', ')'])));
        said(out, text);
    }
    out.push('\n');
}

/// The lines of dialogue of one part of a speech.
fn said(out: &mut String, text: &str) {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |l| l + 1);
    for line in &lines[first..last.max(first)] {
        if line.is_empty() {
            // A blank line would end the speech: keep it with two spaces.
            out.push_str("  ");
        } else {
            // A line that opens with `(` reads as a parenthetical, one with
            // `~` as a lyric: Fountain has no escape for either.
            if emphasis::strip(line).starts_with(['(', '~']) {
                out.push(GUARD);
            }
            out.push_str(&escape(line));
        }
        out.push('\n');
    }
    if first >= last {
        out.push_str("  \n");
    }
}

/// A part of a fight table: the `FIGHT SCRIPT:` heading before the fight's
/// first part, then the rows as one action paragraph, a row a line.
fn table(out: &mut String, table: &FightTable) {
    if table.opens {
        action(out, &format!("FIGHT SCRIPT: {}", table.title));
    }
    let rows: Vec<String> = table.rows.iter().map(|r| r.line()).collect();
    action(out, &rows.join("\n"));
}

/// The Fountain text of `screenplay`.
pub fn export(screenplay: &Screenplay, options: Options) -> String {
    crate::export::made_whole(|out| write(screenplay, options, out))
}

/// Writes the Fountain text of `screenplay` to `to` as it is made, an
/// element at a time.
pub fn write(
    screenplay: &Screenplay,
    _options: Options,
    to: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut out = String::new();
    // The title page ends at the first blank line: a value's lines are
    // written indented under its key, blank ones dropped, and a line that
    // would read as another key is kept apart.
    for (key, value) in &screenplay.title_page {
        let lines: Vec<String> = value
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(escape)
            .collect();
        match lines.as_slice() {
            [] => {}
            [one] => {
                let _ = writeln!(out, "{}: {one}", title_key(*key));
            }
            many => {
                let _ = writeln!(out, "{}:", title_key(*key));
                for line in many {
                    let guard = if looks_like_key(line) { "\u{2060}" } else { "" };
                    let _ = writeln!(out, "   {guard}{line}");
                }
            }
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    for element in &screenplay.elements {
        crate::export::hand_on(&mut out, to)?;
        match element {
            Element::SceneHeading { text, number } => {
                let text = escape(text);
                if !is_heading(&text) {
                    out.push('.');
                    // `..` is not a forced heading.
                    if text.starts_with('.') {
                        out.push(GUARD);
                    }
                }
                out.push_str(&text);
                // A closing `#` would read as a scene number.
                if text.ends_with('#') {
                    out.push(GUARD);
                }
                if let Some(n) = number {
                    let _ = write!(out, " #{n}#");
                }
                out.push_str("\n\n");
            }
            Element::Action(text) => action(&mut out, text),
            Element::Shot(text) => action(&mut out, text),
            Element::Dialogue(s) => speech(&mut out, s, false),
            Element::DualDialogue(left, right) => {
                speech(&mut out, left, false);
                speech(&mut out, right, true);
            }
            // `FADE IN:` opens what follows and stands at the left margin,
            // as the PDF sets it: forced action (`!FADE IN:`), which
            // screenplain and fountain-js set flush left, where `>` would
            // set it flush right.
            Element::Transition(text) if layout::opening(text) => action(&mut out, text),
            Element::Transition(text) => {
                let text = escape(text.trim());
                if !is_transition(&text) {
                    out.push_str("> ");
                }
                out.push_str(&text);
                // `> … <` would be centered text.
                if text.ends_with('<') {
                    out.push(GUARD);
                }
                out.push_str("\n\n");
            }
            Element::Note(text) => {
                let mut text = escape(&crate::export::escape::one_line(text));
                if text.starts_with('[') {
                    text.insert(0, GUARD);
                }
                if text.ends_with(']') {
                    text.push(GUARD);
                }
                let _ = writeln!(out, "[[{text}]]\n");
            }
            Element::FightTable(t) => table(&mut out, t),
            // Fountain marks each line: `>…<` centred, `~` a lyric, `=` a
            // synopsis; the text itself is escaped like any other.
            Element::Centered(text) => marked_lines(&mut out, text, |out, line| {
                let _ = write!(out, ">{}<", escape(line));
            }),
            // A reader that knows no lyrics (screenplain) must still not
            // take a line ending in `TO:` for a transition.
            Element::Lyric(text) => marked_lines(&mut out, text, |out, line| {
                let _ = write!(out, "~{}", escape(line));
                if line.ends_with("TO:") {
                    out.push(GUARD);
                }
            }),
            Element::Synopsis(text) => {
                let _ = write!(out, "= {}", escape(text.trim()));
                guard_transition(&mut out);
                out.push_str("\n\n");
            }
            Element::Section { depth, text } => {
                // Depth is bounded by the parser (at most 1000); Fountain
                // readers take any number of `#`.
                for _ in 0..*depth {
                    out.push('#');
                }
                let _ = write!(out, " {}", escape(text.trim()));
                guard_transition(&mut out);
                out.push_str("\n\n");
            }
            Element::PageBreak => out.push_str("===\n\n"),
        }
    }
    to.write_all(out.as_bytes())
}

/// fountain-js reads any line ending in ` TO:` as a transition, even one
/// marked as a section or synopsis: the guard after it keeps it what it is.
fn guard_transition(out: &mut String) {
    if out.ends_with(" TO:") {
        out.push(GUARD);
    }
}

/// A paragraph whose every non-blank line carries Fountain's marker
/// (`write` writes one trimmed line with it); blank lines are dropped, as
/// they would end the element.
fn marked_lines(out: &mut String, text: &str, write: impl Fn(&mut String, &str)) {
    let mut any = false;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        write(out, line);
        out.push('\n');
        any = true;
    }
    if any {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_or_kept_apart() {
        assert_eq!(
            escape("*bold* _u_ [[note]] /* boneyard */ \\"),
            "\\*bold\\* \\_u\\_ [\u{2060}[note]\u{2060}] /\\* boneyard \\*/ \\\\"
        );
    }

    #[test]
    fn headings_are_those_every_reader_sees() {
        assert!(is_heading("INT. ROOM"));
        assert!(is_heading("I/E CAR"));
        assert!(is_heading("INT./EXT. CAR"));
        assert!(!is_heading("I/EXTRA"));
        assert!(!is_heading("INTERIOR"));
    }
}
