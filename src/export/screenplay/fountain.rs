//! Fountain 1.1. Elements a reader would misread are forced: a scene
//! heading without INT./EXT. gets `.`, an action line in capitals (or that
//! looks like a heading or transition) gets `!`, a cue with lower case gets
//! `@`, a transition Fountain would not see gets `>`; dual dialogue gets `^`;
//! notes are `[[…]]`.

use std::fmt::Write;

use super::{Element, Screenplay, Speech, table::FightTable};
use crate::syntax::ast::TitleKey;

/// Options of the Fountain export.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {}

const HEADING_PREFIXES: &[&str] = &[
    "INT.",
    "EXT.",
    "EST.",
    "INT./EXT.",
    "INT/EXT.",
    "I/E",
    "INT ",
    "EXT ",
];

fn is_heading(text: &str) -> bool {
    let upper = text.trim_start().to_uppercase();
    HEADING_PREFIXES.iter().any(|p| upper.starts_with(p))
}

fn is_transition(text: &str) -> bool {
    let t = text.trim();
    t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase) && t.ends_with("TO:")
}

/// Escapes Fountain's emphasis and markup characters in running text.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('*', "\\*")
        .replace('_', "\\_")
        .replace("[[", "[ [")
        .replace("/*", "/ *")
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

/// Whether Fountain would read `line` as something other than action.
fn needs_force(line: &str) -> bool {
    let t = line.trim();
    let caps = t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase);
    caps || is_heading(t)
        || t.starts_with(['!', '@', '~', '>', '.', '=', '#', '['])
        || t.ends_with("TO:")
}

fn action(out: &mut String, text: &str) {
    let lines: Vec<String> = text.lines().map(|l| escape(l.trim_end())).collect();
    let force = lines.iter().any(|l| needs_force(l));
    for (i, line) in lines.iter().enumerate() {
        if i == 0 && force {
            out.push('!');
        }
        // A blank line would end the paragraph: keep it with two spaces.
        out.push_str(if line.is_empty() { "  " } else { line });
        out.push('\n');
    }
    out.push('\n');
}

fn speech(out: &mut String, speech: &Speech, dual: bool) {
    let cue = speech.cue_line();
    if cue.chars().any(char::is_lowercase) {
        out.push('@');
    }
    out.push_str(&cue);
    if dual {
        out.push_str(" ^");
    }
    out.push('\n');
    if let Some(p) = &speech.parenthetical {
        let _ = writeln!(out, "({})", p.trim_matches(['(', ')']));
    }
    for line in speech.text.lines() {
        let line = escape(line.trim_end());
        out.push_str(if line.is_empty() { "  " } else { &line });
        out.push('\n');
    }
    if speech.text.is_empty() {
        out.push_str("  \n");
    }
    out.push('\n');
}

fn table(out: &mut String, table: &FightTable) {
    let mut text = format!("FIGHT SCRIPT: {}", table.title);
    for row in &table.rows {
        let mut line = format!("\n{}. ", row.number);
        if !row.round.is_empty() {
            let _ = write!(line, "R{} {} ", row.round, row.clock);
        }
        let _ = write!(line, "{} {}", row.attacker, row.technique);
        if !row.reaction.is_empty() {
            let _ = write!(line, " -> {}", row.reaction);
        }
        let extra: Vec<String> = [("knap", &row.knap), ("contact", &row.contact)]
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k} {v}"))
            .chain((!row.notes.is_empty()).then(|| row.notes.clone()))
            .collect();
        if !extra.is_empty() {
            let _ = write!(line, " ({})", extra.join("; "));
        }
        text.push_str(&line);
    }
    action(out, &text);
}

/// The Fountain text of `screenplay`.
pub fn export(screenplay: &Screenplay, _options: Options) -> String {
    let mut out = String::new();
    for (key, value) in &screenplay.title_page {
        let mut lines = value.lines();
        let first = lines.next().unwrap_or("");
        let _ = writeln!(out, "{}: {}", title_key(*key), first);
        for line in lines {
            let _ = writeln!(out, "   {line}");
        }
    }
    if !screenplay.title_page.is_empty() {
        out.push('\n');
    }
    for element in &screenplay.elements {
        match element {
            Element::SceneHeading { text, number } => {
                if !is_heading(text) {
                    out.push('.');
                }
                out.push_str(text);
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
            Element::Transition(text) => {
                if !is_transition(text) {
                    out.push_str("> ");
                }
                out.push_str(text.trim());
                out.push_str("\n\n");
            }
            Element::Note(text) => {
                let _ = writeln!(out, "[[{}]]\n", text.replace("]]", "] ]"));
            }
            Element::FightTable(t) => table(&mut out, t),
        }
    }
    out
}
