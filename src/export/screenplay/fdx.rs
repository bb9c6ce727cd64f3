//! Final Draft XML (FDX): a `TitlePage` and `Paragraph`s of `Type` Scene
//! Heading, Action, Character, Parenthetical, Dialogue, Transition and
//! Shot. Text is escaped and control characters removed, so the file is
//! valid XML whatever the script holds.

use std::fmt::Write;

use super::{Element, Screenplay, Speech};
use crate::syntax::ast::TitleKey;

/// Options of the FDX export.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {}

/// Escapes text for this format (see [`crate::export::escape::markup`]).
pub fn escape(text: &str) -> String {
    crate::export::escape::markup(text)
}

fn paragraph(out: &mut String, kind: &str, text: &str, number: Option<u32>) {
    let number = number.map_or(String::new(), |n| format!(" Number=\"{n}\""));
    // A line break inside a paragraph is a new Text run in Final Draft.
    let _ = write!(out, "    <Paragraph Type=\"{kind}\"{number}>");
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push_str("<Text>\n</Text>");
        }
        let _ = write!(out, "<Text>{}</Text>", escape(line));
    }
    if text.is_empty() {
        out.push_str("<Text></Text>");
    }
    out.push_str("</Paragraph>\n");
}

fn speech(out: &mut String, s: &Speech) {
    paragraph(out, "Character", &s.cue_line(), None);
    if let Some(p) = &s.parenthetical {
        paragraph(
            out,
            "Parenthetical",
            &format!("({})", p.trim_matches(['(', ')'])),
            None,
        );
    }
    paragraph(out, "Dialogue", &s.text, None);
}

/// The FDX document of `screenplay`.
pub fn export(screenplay: &Screenplay, _options: Options) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\" ?>\n<FinalDraft DocumentType=\"Script\" Template=\"No\" Version=\"5\">\n  <Content>\n",
    );
    for element in &screenplay.elements {
        match element {
            Element::SceneHeading { text, number } => {
                paragraph(&mut out, "Scene Heading", text, *number)
            }
            Element::Action(text) => paragraph(&mut out, "Action", text, None),
            Element::Shot(text) => paragraph(&mut out, "Shot", text, None),
            Element::Transition(text) => paragraph(&mut out, "Transition", text, None),
            Element::Note(text) => {
                let _ = writeln!(
                    out,
                    "    <Paragraph Type=\"Action\"><ScriptNote><Paragraph><Text>{}</Text></Paragraph></ScriptNote><Text>[Note]</Text></Paragraph>",
                    escape(text)
                );
            }
            Element::Dialogue(s) => speech(&mut out, s),
            Element::DualDialogue(left, right) => {
                out.push_str("    <Paragraph>\n    <DualDialogue>\n");
                speech(&mut out, left);
                speech(&mut out, right);
                out.push_str("    </DualDialogue>\n    </Paragraph>\n");
            }
            Element::FightTable(table) => {
                paragraph(
                    &mut out,
                    "Shot",
                    &format!("FIGHT SCRIPT: {}", table.title),
                    None,
                );
                for row in &table.rows {
                    let cells = row.cells();
                    let text = cells
                        .iter()
                        .filter(|c| !c.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" | ");
                    paragraph(&mut out, "Action", &text, None);
                }
            }
        }
    }
    out.push_str("  </Content>\n  <TitlePage>\n    <Content>\n");
    for (key, value) in &screenplay.title_page {
        let align = match key {
            TitleKey::Contact | TitleKey::Copyright => "Left",
            TitleKey::Draft | TitleKey::Notes => "Right",
            _ => "Center",
        };
        let text = if *key == TitleKey::Title {
            value.to_uppercase()
        } else {
            value.clone()
        };
        let _ = writeln!(
            out,
            "      <Paragraph Alignment=\"{align}\" Type=\"Text\"><Text>{}</Text></Paragraph>",
            escape(&text)
        );
    }
    out.push_str("    </Content>\n  </TitlePage>\n</FinalDraft>\n");
    out
}
