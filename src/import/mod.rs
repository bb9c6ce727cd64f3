//! `bout import`: a Fountain or Final Draft screenplay as a `.bout` script
//! that checks, renders back to the same screenplay, and is ready for
//! fights to be blocked into its scenes.
//!
//! Two steps: a reader ([`fountain::parse`], [`fdx::parse`]) reads the
//! screenplay into elements, and [`write`] writes them as bout, building
//! the cast from the cues. Both are linear in the input; neither fails.
//! Every decision a reader might not expect is in the report, with the line
//! it concerns.

pub mod fdx;
pub mod fountain;

use std::fmt::Write as _;

use serde::Serialize;

use fountain::{Document, Element, Part, Speech};

/// One decision of the import, for the report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Note {
    /// The 1-based line of the source it concerns.
    pub line: usize,
    /// What was decided, in a sentence.
    pub message: String,
}

/// An imported script: the `.bout` text and the report.
#[derive(Debug)]
pub struct Imported {
    /// The script.
    pub script: String,
    /// The decisions, in line order.
    pub report: Vec<Note>,
}

/// Imports a Fountain screenplay.
pub fn fountain(source: &str) -> Imported {
    let (document, decisions) = fountain::parse(source);
    import(document, decisions)
}

/// Imports a Final Draft (FDX) screenplay. A text with no `FinalDraft`
/// root imports as an empty script, the report saying so: call
/// [`fdx::detect`] first to refuse it.
pub fn fdx(source: &str) -> Imported {
    let (document, decisions) = fdx::parse(source);
    import(document, decisions)
}

/// The steps every reader shares: the document written as bout, in `bout
/// fmt`'s layout, and the report in line order.
fn import(document: Document, decisions: Vec<fountain::Decision>) -> Imported {
    let mut report: Vec<Note> = decisions
        .into_iter()
        .map(|d| Note {
            line: d.line,
            message: d.message,
        })
        .collect();
    if document.title_page.is_empty() && document.elements.is_empty() {
        report.push(Note {
            line: 1,
            message: "the file holds no screenplay: the script is empty".into(),
        });
    }
    // In `bout fmt`'s layout, as a writer would keep it (tested on every
    // fixture, and by the `import` fuzz target on any text).
    let script = write(&document, &mut report);
    report.sort_by_key(|n| n.line);
    Imported { script, report }
}

/// A cast member made from cues.
struct Member {
    id: String,
    cue: String,
}

/// The cast: one member per name (compared in upper case), ids unique.
#[derive(Default)]
struct Cast {
    members: Vec<Member>,
    by_name: std::collections::HashMap<String, usize>,
    ids: std::collections::HashSet<String>,
}

impl Cast {
    /// The id for the speaker `name`, adding a member on first sight.
    fn id(&mut self, name: &str, line: usize, report: &mut Vec<Note>) -> String {
        let key = name.to_uppercase();
        if let Some(&i) = self.by_name.get(&key) {
            return self.members[i].id.clone();
        }
        let base = id_from(name);
        let mut id = base.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        if id != base {
            report.push(Note {
                line,
                message: format!(
                    "the cue `{name}` would have the id `{base}` of another speaker: it is `{id}`"
                ),
            });
        } else if id != key && id.replace('_', " ") != key {
            report.push(Note {
                line,
                message: format!("the cue `{name}` has the id `{id}`"),
            });
        }
        self.ids.insert(id.clone());
        self.by_name.insert(key, self.members.len());
        self.members.push(Member {
            id: id.clone(),
            cue: name.to_string(),
        });
        id
    }
}

/// A cast id from a cue: upper case, anything but letters and digits as
/// `_` (never two in a row, none at either end), a letter first.
fn id_from(name: &str) -> String {
    let mut id = String::new();
    for c in name.to_uppercase().chars() {
        if c.is_ascii_uppercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.ends_with('_') && !id.is_empty() {
            id.push('_');
        }
    }
    let id = id.trim_end_matches('_').to_string();
    if id.starts_with(|c: char| c.is_ascii_uppercase()) {
        id
    } else {
        format!("C_{id}").trim_end_matches('_').to_string()
    }
}

/// A display name from a cue: capitals become title case (`DUKE EVERS`
/// → `Duke Evers`); a cue in mixed case (`McCLANE`) is kept.
fn display_name(cue: &str) -> String {
    if cue.chars().any(char::is_lowercase) {
        return cue.to_string();
    }
    let mut out = String::new();
    let mut start = true;
    for c in cue.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'';
    }
    out
}

/// Whether `c` may stand in a comment bout writes: no control character
/// and no bidirectional override or isolate, which bout's lexer refuses
/// (they would make the line read other than it is).
fn comment_safe(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A bout string for `text`: one line with escapes. Characters bout does
/// not allow in strings (controls, bidirectional overrides) are dropped,
/// and the report says so.
fn quote(text: &str, line: usize, report: &mut Vec<Note>) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut dropped = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            // `\*` and `\_` are bout's escapes too (kept for the markup).
            '\\' if matches!(chars.peek(), Some('*' | '_')) => out.push('\\'),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => dropped += 1,
            c if c.is_control() => dropped += 1,
            c => out.push(c),
        }
    }
    out.push('"');
    if dropped > 0 {
        report.push(Note {
            line,
            message: format!(
                "{dropped} control or bidirectional character(s) dropped: bout strings cannot hold them"
            ),
        });
    }
    out
}

/// Text that keeps its emphasis: bout reads Fountain's markup (`*…*`,
/// `**…**`, `***…***`, `_…_`) in action, dialogue, parentheticals, centred
/// text and lyrics, and its escapes `\*` and `\_` too, so both stay as
/// written; `\\` is the backslash it stands for.
fn markup(text: &str) -> String {
    text.replace("\\\\", "\\")
}

/// Text that prints as it reads (headings, transitions): Fountain's
/// escapes `\*`, `\_` and `\\` as the characters they stand for.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some('*' | '_' | '\\')) => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

/// Text for a `[…]` extension or `(…)` parenthetical: on one line, without
/// the closing bracket.
fn inline(text: &str, close: char) -> String {
    text.chars()
        .map(|c| if c == '\n' || c == close { ' ' } else { c })
        // Bidirectional overrides too: the lexer refuses them in a cue's
        // extension and parenthetical as in a string (found by fuzzing).
        .filter(|&c| comment_safe(c))
        .collect()
}

/// Where the writer stands.
#[derive(PartialEq)]
enum Place {
    /// At the top level.
    Top,
    /// In a scene.
    Scene,
}

/// Writes the document as a bout script.
fn write(document: &Document, report: &mut Vec<Note>) -> String {
    let mut out = String::new();
    // Title page.
    let mut notes_field: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (key, value, line) in &document.title_page {
        let bout_key = match key.to_lowercase().as_str() {
            "title" => Some("title"),
            "credit" => Some("credit"),
            "author" | "authors" => Some("author"),
            "source" => Some("source"),
            "draft date" | "draft" => Some("draft"),
            "contact" => Some("contact"),
            "copyright" => Some("copyright"),
            "notes" => None,
            _ => None,
        };
        match bout_key {
            Some(k) if seen.insert(k) => {
                let _ = writeln!(out, "{k} {}", quote(value, *line, report));
            }
            _ => {
                if !key.eq_ignore_ascii_case("notes") {
                    report.push(Note {
                        line: *line,
                        message: format!(
                            "title-page key `{key}` has no bout field: kept in `notes`"
                        ),
                    });
                    notes_field.push(format!("{key}: {value}"));
                } else {
                    notes_field.push(value.clone());
                }
            }
        }
    }
    if !notes_field.is_empty() {
        let _ = writeln!(out, "notes {}", quote(&notes_field.join("\n"), 1, report));
    }
    // The body, written first so that the cast is known.
    let mut cast = Cast::default();
    let mut body = String::new();
    let mut place = Place::Top;
    let mut opened_untitled = false;
    for located in &document.elements {
        let line = located.line;
        let element = &located.element;
        // Sections, synopses and page breaks may stand between scenes, as
        // transitions do; everything else belongs to a scene.
        let needs_scene = !matches!(
            element,
            Element::SceneHeading { .. }
                | Element::Transition(_)
                | Element::Boneyard(_)
                | Element::Section(..)
                | Element::Synopsis(_)
                | Element::PageBreak
        );
        if needs_scene && place == Place::Top {
            body.push_str("\nscene \"\" {\n");
            place = Place::Scene;
            if !opened_untitled {
                report.push(Note {
                    line,
                    message: "the screenplay starts before its first scene heading: what comes before it is in a scene with a blank heading, which prints none".into(),
                });
                opened_untitled = true;
            }
        }
        let indent = if place == Place::Scene { "  " } else { "" };
        match element {
            Element::SceneHeading { text, number } => {
                if place == Place::Scene {
                    body.push_str("}\n");
                }
                body.push('\n');
                // A number bout cannot print (S030) is kept as a comment.
                let number = match number {
                    Some(n) if crate::syntax::printable_scene_number(n) => {
                        format!(" number {}", quote(n, line, report))
                    }
                    Some(n) => {
                        report.push(Note {
                            line,
                            message: format!("scene number `{n}` is not up to 16 letters, digits, `-` and `.`: kept as a comment"),
                        });
                        // A comment line with no control character and
                        // no trailing space, as `bout fmt` writes one.
                        let n: String = n.chars().filter(|&c| comment_safe(c)).collect();
                        let n = n.trim();
                        if n.is_empty() {
                            body.push_str("// scene number (unprintable)\n");
                        } else {
                            let _ = writeln!(body, "// scene number {n}");
                        }
                        String::new()
                    }
                    None => String::new(),
                };
                // A heading forced with `.` (`.FLASHBACK`) is the writer's
                // choice: `scene-heading` (P001) is allowed on it.
                if !text.trim().is_empty() && !fountain::is_heading(text.trim()) {
                    body.push_str("// bout: allow(scene-heading)\n");
                }
                let _ = writeln!(
                    body,
                    "scene {}{number} {{",
                    quote(&plain(text), line, report)
                );
                place = Place::Scene;
            }
            Element::Action(text) => {
                let text = markup(text);
                let _ = writeln!(body, "{indent}action {}", quote(&text, line, report));
            }
            Element::Speech(speech) => {
                speak(&mut body, indent, "", speech, line, &mut cast, report)
            }
            Element::DualSpeech(left, right) => {
                speak(&mut body, indent, "", left, line, &mut cast, report);
                speak(&mut body, indent, "& ", right, line, &mut cast, report);
            }
            Element::Transition(text) => {
                let _ = writeln!(
                    body,
                    "{indent}transition {}",
                    quote(&plain(text), line, report)
                );
            }
            Element::Shot(text) => {
                let _ = writeln!(body, "{indent}shot {}", quote(&plain(text), line, report));
            }
            Element::Note(text) => {
                let _ = writeln!(body, "{indent}note {}", quote(text, line, report));
            }
            Element::Boneyard(text) => {
                report.push(Note {
                    line,
                    message: "boneyard kept as comments".into(),
                });
                for l in text.lines() {
                    let l: String = l
                        .chars()
                        .filter(|&c| comment_safe(c) || c == '\t')
                        .collect();
                    // An empty comment line is `//`, as `bout fmt` keeps it.
                    let l = l.trim_end();
                    let space = if l.is_empty() { "" } else { " " };
                    let _ = writeln!(body, "{indent}//{space}{l}");
                }
            }
            Element::Centered(text) => {
                let text = markup(text);
                let _ = writeln!(body, "{indent}centered {}", quote(&text, line, report));
            }
            Element::Lyric(text) => {
                let text = markup(text);
                let _ = writeln!(body, "{indent}lyric {}", quote(&text, line, report));
            }
            Element::Section(depth, text) => {
                // Depth 1 is written without its number, as a writer would.
                let depth = match depth {
                    1 => String::new(),
                    d => format!(" {}", (*d).min(1000)),
                };
                let _ = writeln!(body, "{indent}section{depth} {}", quote(text, line, report));
            }
            Element::Synopsis(text) => {
                let _ = writeln!(body, "{indent}synopsis {}", quote(text, line, report));
            }
            Element::PageBreak => {
                let _ = writeln!(body, "{indent}page-break");
            }
        }
    }
    if place == Place::Scene {
        body.push_str("}\n");
    }
    if !cast.members.is_empty() {
        out.push_str("\ncast {\n");
        let width = cast.members.iter().map(|m| m.id.len()).max().unwrap_or(0);
        for m in &cast.members {
            let mut line = format!(
                "  {:<width$} character {}",
                m.id,
                quote(&display_name(&m.cue), 0, &mut Vec::new())
            );
            if m.id.replace('_', " ") != m.cue {
                let _ = write!(line, " cue {}", quote(&m.cue, 0, &mut Vec::new()));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.push_str("}\n");
    }
    // The title page and the cast in `bout fmt`'s layout (the cast's
    // columns aligned); the body is written in that layout already, so the
    // formatter need not read the whole script again.
    let mut out = crate::fmt::format(&out).unwrap_or(out);
    out.push_str(&body);
    if out.starts_with('\n') {
        out.remove(0);
    }
    out
}

/// Writes a speech: the first parenthetical and line as one dialogue
/// statement, each later (parenthetical, line) pair as another by the same
/// speaker (reported: bout has one parenthetical per line of dialogue).
fn speak(
    body: &mut String,
    indent: &str,
    prefix: &str,
    speech: &Speech,
    line: usize,
    cast: &mut Cast,
    report: &mut Vec<Note>,
) {
    let id = cast.id(&speech.name, line, report);
    let extension = if speech.extensions.is_empty() {
        String::new()
    } else {
        // Several extensions print as one: `(O.S.) (CONT'D)`.
        let joined: Vec<String> = speech.extensions.iter().map(|e| inline(e, ']')).collect();
        format!(" [{}]", joined.join(") ("))
    };
    // (parenthetical, line) pairs, one dialogue statement each: the
    // screenplay prints the later ones, which open with their
    // parenthetical, under the same cue.
    let mut pairs: Vec<(Option<&str>, String)> = Vec::new();
    let mut paren: Option<&str> = None;
    let mut sung = 0;
    for part in &speech.parts {
        let text = match part {
            Part::Parenthetical(p) => {
                if let Some(previous) = paren.replace(p) {
                    report.push(Note {
                        line,
                        message: format!(
                            "two parentheticals in a row in the speech of `{}`: the first gets a line of `...`",
                            speech.name
                        ),
                    });
                    pairs.push((Some(previous), "...".into()));
                }
                continue;
            }
            Part::Line(text) => markup(text),
            Part::Lyric(text) => {
                sung += 1;
                format!("~{text}")
            }
        };
        match (paren.take(), pairs.last_mut()) {
            // Lines with no parenthetical between them are one line.
            (None, Some((_, last))) => {
                last.push('\n');
                last.push_str(&text);
            }
            (p, _) => pairs.push((p, text)),
        }
    }
    if sung > 0 {
        report.push(Note {
            line,
            message: format!(
                "{sung} sung line(s) in the speech of `{}` written as dialogue that starts with `~` (bout's lyrics stand outside speeches)",
                speech.name
            ),
        });
    }
    if let Some(previous) = paren.take() {
        pairs.push((Some(previous), "...".into()));
    }
    if pairs.is_empty() {
        pairs.push((None, "...".into()));
    }
    for (i, (paren, text)) in pairs.iter().enumerate() {
        let said = quote(text, line, report);
        match (i, paren) {
            (0, paren) => {
                let p = paren
                    .map(|p| format!(" ({})", inline(p, ')')))
                    .unwrap_or_default();
                let _ = writeln!(body, "{indent}{prefix}{id}{extension}{p}: {said}");
            }
            // A later part of the speech: `(beat): "…"`.
            (_, Some(p)) => {
                let _ = writeln!(body, "{indent}({}): {said}", inline(p, ')'));
            }
            // Every later part opens with its parenthetical (lines with
            // none between them were joined above).
            (_, None) => {
                let _ = writeln!(body, "{indent}{id}{extension}: {said}");
            }
        }
    }
}
