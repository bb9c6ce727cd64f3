//! HTML: one standalone file, screenplay layout in CSS (Courier, the
//! standard indents, page breaks when printed), every piece of text escaped
//! (`&`, `<`, `>`, both quotes) and only in element content; no attribute
//! holds script text. A Content-Security-Policy (`default-src 'none'`, only
//! the inline style allowed) forbids any script, image or request, even if
//! something were ever to slip through.

use std::fmt::Write;

use super::{Element, Screenplay, Speech, table::HEADINGS};
use crate::syntax::ast::TitleKey;

/// Options of the HTML export.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Print on A4 instead of US Letter.
    pub a4: bool,
}

/// Escapes text for this format (see [`crate::export::escape::markup`]).
pub fn escape(text: &str) -> String {
    crate::export::escape::markup(text)
}

fn lines(text: &str) -> String {
    text.lines().map(escape).collect::<Vec<_>>().join("<br>")
}

const STYLE: &str = r#"
  :root { --ink: #1b1b1b; }
  body { margin: 0; background: #e9e7e1; color: var(--ink); }
  .page { background: #fff; width: 8.5in; margin: 0.5in auto; padding: 1in 1in 1in 1.5in; box-sizing: border-box;
          font-family: "Courier Prime", "Courier New", Courier, monospace; font-size: 12pt; line-height: 12pt; }
  .title-page { min-height: 11in; position: relative; text-align: center; }
  .title-page h1 { font-size: 12pt; font-weight: bold; text-transform: uppercase; margin: 2.5in 0 36pt; }
  .title-page p { margin: 0 0 12pt; }
  .title-page .contact { position: absolute; left: 1.5in; bottom: 1in; text-align: left; }
  .title-page .draft { position: absolute; right: 1in; bottom: 1in; text-align: right; }
  p { margin: 12pt 0 0; white-space: pre-wrap; }
  .scene-heading { text-transform: uppercase; break-after: avoid; }
  .scene-heading .number { position: absolute; margin-left: -0.6in; }
  .shot { text-transform: uppercase; break-after: avoid; }
  .speech { margin: 12pt 0 0; break-inside: avoid; }
  .speech p { margin: 0; }
  .character { margin-left: 2.2in; text-transform: uppercase; break-after: avoid; }
  .parenthetical { margin-left: 1.6in; max-width: 2.5in; }
  .dialogue { margin-left: 1.0in; max-width: 3.5in; }
  .dual { display: flex; gap: 0.3in; margin-top: 12pt; break-inside: avoid; }
  .dual .speech { flex: 1; margin: 0; }
  .dual .character { margin-left: 0.6in; }
  .dual .parenthetical { margin-left: 0.2in; }
  .dual .dialogue { margin-left: 0; }
  .transition { text-align: right; text-transform: uppercase; }
  .note { color: #6a4c9c; font-style: italic; }
  table.fight-script { border-collapse: collapse; margin-top: 12pt; font-size: 8pt; line-height: 10pt; width: 100%; }
  table.fight-script caption { text-align: left; font-weight: bold; font-size: 12pt; padding-bottom: 6pt; }
  table.fight-script th, table.fight-script td { border-bottom: 0.5pt solid #999; padding: 2pt 4pt; text-align: left; vertical-align: top; }
  table.fight-script thead { display: table-header-group; }
  @media print {
    body { background: none; }
    .page { margin: 0; width: auto; padding: 0; }
    .title-page { break-after: page; min-height: 9in; }
  }
"#;

fn speech(out: &mut String, s: &Speech) {
    out.push_str("<div class=\"speech\">");
    let _ = write!(out, "<p class=\"character\">{}</p>", escape(&s.cue_line()));
    if let Some(p) = &s.parenthetical {
        let _ = write!(
            out,
            "<p class=\"parenthetical\">({})</p>",
            escape(p.trim_matches(['(', ')']))
        );
    }
    let _ = write!(out, "<p class=\"dialogue\">{}</p>", lines(&s.text));
    out.push_str("</div>\n");
}

/// The HTML document of `screenplay`.
pub fn export(screenplay: &Screenplay, options: Options) -> String {
    let title = super::title(screenplay);
    let paper = if options.a4 { "A4" } else { "letter" };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<meta name=\"generator\" content=\"bout\">\n<title>{}</title>\n<style>\n  @page {{ size: {paper}; margin: 1in 1in 1in 1.5in; }}{STYLE}</style>\n</head>\n<body>\n",
        escape(title)
    );
    if !screenplay.title_page.is_empty() {
        out.push_str("<section class=\"page title-page\">\n");
        let get = |key: TitleKey| {
            screenplay
                .title_page
                .iter()
                .filter(move |(k, _)| *k == key)
                .map(|(_, v)| v)
        };
        for v in get(TitleKey::Title) {
            let _ = writeln!(out, "<h1>{}</h1>", lines(v));
        }
        for key in [TitleKey::Credit, TitleKey::Author, TitleKey::Source] {
            for v in get(key) {
                let _ = writeln!(out, "<p>{}</p>", lines(v));
            }
        }
        out.push_str("<div class=\"contact\">");
        for key in [TitleKey::Contact, TitleKey::Copyright] {
            for v in get(key) {
                let _ = write!(out, "<p>{}</p>", lines(v));
            }
        }
        out.push_str("</div><div class=\"draft\">");
        for key in [TitleKey::Draft, TitleKey::Notes] {
            for v in get(key) {
                let _ = write!(out, "<p>{}</p>", lines(v));
            }
        }
        out.push_str("</div>\n</section>\n");
    }
    out.push_str("<section class=\"page script\">\n");
    for element in &screenplay.elements {
        match element {
            Element::SceneHeading { text, number } => {
                let n = number.map_or(String::new(), |n| {
                    format!("<span class=\"number\">{n}</span>")
                });
                let _ = writeln!(out, "<p class=\"scene-heading\">{n}{}</p>", escape(text));
            }
            Element::Action(text) => {
                let _ = writeln!(out, "<p class=\"action\">{}</p>", lines(text));
            }
            Element::Shot(text) => {
                let _ = writeln!(out, "<p class=\"shot\">{}</p>", escape(text));
            }
            Element::Transition(text) => {
                let _ = writeln!(out, "<p class=\"transition\">{}</p>", escape(text));
            }
            Element::Note(text) => {
                let _ = writeln!(out, "<p class=\"note\">[{}]</p>", lines(text));
            }
            Element::Dialogue(s) => speech(&mut out, s),
            Element::DualDialogue(left, right) => {
                out.push_str("<div class=\"dual\">\n");
                speech(&mut out, left);
                speech(&mut out, right);
                out.push_str("</div>\n");
            }
            Element::FightTable(table) => {
                let _ = writeln!(
                    out,
                    "<table class=\"fight-script\">\n<caption>FIGHT SCRIPT: {}</caption>",
                    escape(&table.title)
                );
                out.push_str("<thead><tr>");
                for h in HEADINGS {
                    let _ = write!(out, "<th>{}</th>", escape(h));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in &table.rows {
                    out.push_str("<tr>");
                    for cell in row.cells() {
                        let _ = write!(out, "<td>{}</td>", escape(&cell));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
        }
    }
    out.push_str("</section>\n</body>\n</html>\n");
    out
}
