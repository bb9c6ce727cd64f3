//! HTML: one standalone file that a browser shows and prints as the PDF.
//! It is written from the same page layout ([`super::layout`]): one sheet
//! (`<section class="page">`) per PDF page, holding the same lines, with the
//! same page breaks, (MORE) and (CONT'D), and page numbers; Courier Prime
//! is embedded (`@font-face`, the OFL font inlined as base64), and the
//! print CSS sets each sheet on one sheet of paper. Elements keep their
//! meaning (`p.character`, `p.dialogue`, a `table` for the fight script);
//! the lines are broken where the PDF breaks them.
//!
//! Every piece of text is escaped (`&`, `<`, `>`, both quotes) and only in
//! element content; no attribute holds script text. A
//! Content-Security-Policy (`default-src 'none'`, only the inline style and
//! the inlined fonts allowed) forbids any script, image or request, even
//! if something were ever to slip through.

use std::fmt::Write;
use std::sync::OnceLock;

use super::layout::{self, CHAR, Document, Geometry, INCH, Kind, LINE, Line, Paper, Role};
use super::{Element, Form, Screenplay, emphasis, table::HEADINGS};

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

use super::pdf::{BOLD, ITALIC, REGULAR};

/// How far below the top of its 12-point line box a browser sets Courier
/// Prime's baseline is less than the PDF's (which sets it on the box's
/// foot): the sheets' text starts this much lower, so that baselines match.
pub const BASELINE_SHIFT: f32 = 3.85;

fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The font made fit for browsers: their sanitizer (OTS) rejects a CFF
/// font whose PostScript name (the CFF Name INDEX) holds a character
/// PostScript forbids, and Courier Prime's is `Courier Prime-Regular`. Each
/// such character becomes `-` (the same length, so no offset moves) and the
/// table's checksum is made right again.
fn web_font(data: &[u8]) -> Vec<u8> {
    let mut font = data.to_vec();
    let be16 = |d: &[u8], at: usize| {
        d.get(at..at + 2)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
    };
    let be32 = |d: &[u8], at: usize| {
        d.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let Some(tables) = be16(&font, 4) else {
        return font;
    };
    for i in 0..tables {
        let entry = 12 + 16 * i;
        if font.get(entry..entry + 4) != Some(b"CFF ".as_slice()) {
            continue;
        }
        let (Some(offset), Some(length)) = (be32(&font, entry + 8), be32(&font, entry + 12)) else {
            return font;
        };
        let Some(header) = font.get(offset + 2).map(|&b| usize::from(b)) else {
            return font;
        };
        let index = offset + header;
        let (Some(count), Some(size)) = (be16(&font, index), font.get(index + 2).copied()) else {
            return font;
        };
        let size = usize::from(size);
        let read = |d: &[u8], at: usize| {
            d.get(at..at + size)
                .map(|b| b.iter().fold(0usize, |n, &x| (n << 8) | usize::from(x)))
        };
        let base = index + 3 + (count + 1) * size - 1;
        let (Some(first), Some(last)) = (
            read(&font, index + 3),
            read(&font, index + 3 + count * size),
        ) else {
            return font;
        };
        if let Some(names) = font.get_mut(base + first..base + last) {
            for b in names {
                if !(33..=126).contains(b) || b"[](){}<>/%".contains(b) {
                    *b = b'-';
                }
            }
        }
        // The table's checksum: the sum of its big-endian words.
        let table = font.get(offset..offset + length).unwrap_or_default();
        let sum = table.chunks(4).fold(0u32, |sum, word| {
            let mut w = [0u8; 4];
            w[..word.len()].copy_from_slice(word);
            sum.wrapping_add(u32::from_be_bytes(w))
        });
        font[entry + 4..entry + 8].copy_from_slice(&sum.to_be_bytes());
    }
    font
}

/// The same for the fight table's 8-point lines on 10-point rows, which the
/// browser sets this much lower than the PDF.
const TABLE_SHIFT: f32 = 2.3;

/// The `@font-face` rules, encoded once.
fn fonts() -> &'static str {
    static FONTS: OnceLock<String> = OnceLock::new();
    FONTS.get_or_init(|| {
        [(REGULAR, 400, "normal"), (BOLD, 700, "normal"), (ITALIC, 400, "italic")]
            .iter()
            .map(|(data, weight, style)| {
                format!(
                    "  @font-face {{ font-family: \"Courier Prime\"; font-weight: {weight}; font-style: {style}; src: url(data:font/otf;base64,{}) format(\"opentype\"); }}\n",
                    base64(&web_font(data))
                )
            })
            .collect()
    })
}

/// Inches, as CSS.
fn inch(points: f32) -> String {
    format!("{:.4}in", points / INCH)
}

/// The style sheet: sheets of the paper's size with its margins, the
/// indents of both forms as offsets from the text block's left edge.
fn style(geo: &Geometry) -> String {
    let width = inch(geo.width);
    let height = inch(geo.height);
    // A hair less than the paper in print, so rounding never spills a sheet
    // onto a second page.
    let print_height = format!("calc({height} - 1px)");
    let top = inch(geo.top + BASELINE_SHIFT);
    let left = inch(geo.left);
    let right = inch(geo.right_margin());
    let number_top = inch(0.5 * INCH + BASELINE_SHIFT);
    let foot = inch(geo.height - geo.bottom() - BASELINE_SHIFT);
    let title_top = inch(3.5 * INCH - LINE + BASELINE_SHIFT);
    format!(
        r#"  @page {{ size: {width} {height}; margin: 0; }}
  html {{ background: #e9e7e1; }}
  body {{ margin: 0; padding: 0.25in 0; }}
  .page {{ position: relative; box-sizing: border-box; width: {width}; height: {height}; overflow: hidden;
          margin: 0.25in auto; padding: {top} {right} 0 {left}; background: #fff; color: #1b1b1b;
          box-shadow: 0 1px 4px rgba(0, 0, 0, 0.25); break-after: page;
          font-family: "Courier Prime", "Courier New", Courier, monospace; font-size: 12pt; line-height: 12pt; }}
  .page:last-child {{ break-after: auto; }}
  .page p {{ margin: 0; white-space: pre; min-height: 12pt; }}
  .page > :not(:first-child) {{ margin-top: 12pt; }}
  .page-number {{ position: absolute; top: {number_top}; right: {right}; margin: 0 !important; }}
  .scene-heading {{ position: relative; }}
  .scene-heading .number {{ position: absolute; right: calc(100% + 2ch); }}
  .scene-heading .number.right {{ right: auto; left: calc(100% + 2ch); }}
  .speech .character, .speech .more {{ margin-left: 2.2in; }}
  .speech .parenthetical {{ margin-left: 1.6in; padding-left: 1ch; text-indent: -1ch; }}
  .speech .dialogue {{ margin-left: 1in; }}
  .page .transition {{ text-align: right; }}
  .page .transition.opening {{ text-align: left; }}
  .page .note {{ color: #6a4c9c; }}
  .page > .speech.continued {{ margin-top: 0; }}
  .page .centered {{ text-align: center; }}
  .page .lyric {{ margin-left: 1in; font-style: italic; }}
  .stage .lyric {{ margin-left: 0; }}
  .dual {{ display: flex; }}
  .dual .speech {{ width: 3.1in; flex: none; }}
  .dual .speech .character {{ margin-left: 0.6in; }}
  .dual .speech .parenthetical {{ margin-left: 0.2in; }}
  .dual .speech .dialogue {{ margin-left: 0; }}
  .stage .speech .character, .stage .speech .more {{ margin-left: 0; text-align: center; }}
  .stage .speech .parenthetical {{ margin-left: 1.5in; }}
  .stage .speech .dialogue {{ margin-left: 0; }}
  .stage .dual .speech .character {{ margin-left: 0.6in; text-align: left; }}
  .stage .dual .speech .parenthetical {{ margin-left: 0.2in; }}
  .page .stage-heading .act {{ text-align: center; }}
  .stage-heading .act.underline, .title-page .underline {{ text-decoration: underline; }}
  .page .direction {{ margin-left: 0.5in; padding-left: 1ch; }}
  .page .direction.open {{ text-indent: -1ch; }}
  .page .direction.scene {{ margin-left: 2in; padding-left: 0; }}
  table.fight-script {{ border-collapse: separate; border-spacing: 0; font-size: 8pt; line-height: 10pt; }}
  table.fight-script caption {{ text-align: left; font-size: 12pt; line-height: 12pt; padding-bottom: 12pt; white-space: pre; }}
  table.fight-script th, table.fight-script td {{ padding: 0 2ch 0 0; text-align: left; vertical-align: top; white-space: pre; font-weight: normal; }}
  table.fight-script th, table.fight-script td {{ position: relative; top: -{TABLE_SHIFT}pt; }}
  table.fight-script th:last-child, table.fight-script td:last-child {{ padding-right: 0; }}
  table.fight-script th {{ padding-bottom: 4.4pt; border-bottom: 0.6pt solid #1b1b1b; }}
  table.fight-script tbody tr:first-child td {{ padding-top: 5pt; }}
  .title-page .main {{ position: absolute; top: {title_top}; left: 0; right: 0; text-align: center; }}
  .title-page h1 {{ font-size: 12pt; font-weight: bold; margin: 0 0 36pt; white-space: pre; }}
  .title-page.stage h1 {{ font-weight: normal; }}
  .title-page .main p {{ margin: 0 0 12pt; }}
  .title-page .left, .title-page .right {{ position: absolute; bottom: {foot}; margin: 0; }}
  .title-page .left {{ left: {left}; }}
  .title-page .right {{ right: {right}; text-align: right; }}
  @media print {{
    html {{ background: none; }}
    body {{ padding: 0; }}
    .page {{ margin: 0; box-shadow: none; height: {print_height}; }}
  }}
"#
    )
}

/// The lines joined by line breaks, escaped.
fn joined<'a>(lines: impl IntoIterator<Item = &'a Line>) -> String {
    lines
        .into_iter()
        .map(|l| emphasis::html(&l.text, escape))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// A speech's lines as its paragraphs: cue, parenthetical, dialogue,
/// (MORE).
fn speech(out: &mut String, lines: &[&Line]) {
    out.push_str("<div class=\"speech\">");
    let mut i = 0;
    while i < lines.len() {
        let role = lines[i].role;
        let run = lines[i..].iter().take_while(|l| l.role == role).count();
        let class = match role {
            Role::Cue => "character",
            Role::Parenthetical => "parenthetical",
            Role::More => "more",
            _ => "dialogue",
        };
        let _ = write!(
            out,
            "<p class=\"{class}\">{}</p>",
            joined(lines[i..i + run].iter().copied())
        );
        i += run;
    }
    out.push_str("</div>\n");
}

/// The HTML document of `screenplay`.
pub fn export(screenplay: &Screenplay, options: Options) -> String {
    crate::export::made_whole(|out| write(screenplay, options, out))
}

/// Writes the HTML document of `screenplay` to `to` as it is made, a page
/// at a time.
pub fn write(
    screenplay: &Screenplay,
    options: Options,
    to: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let paper = if options.a4 { Paper::A4 } else { Paper::Letter };
    write_each(screenplay, paper, to)
}

/// Adds `data-line="LINE"` to the first tag written at or after `start`.
fn mark_line(out: &mut String, start: usize, line: usize) {
    let Some(tag) = out[start..].find('<').map(|i| start + i) else {
        return;
    };
    let name_end = out[tag + 1..]
        .find([' ', '>'])
        .map_or(out.len(), |i| tag + 1 + i);
    out.insert_str(name_end, &format!(" data-line=\"{line}\""));
}

/// The HTML of a laid-out document.
pub fn render(screenplay: &Screenplay, document: &Document) -> String {
    crate::export::made_whole(|out| write_laid_out(screenplay, document, out))
}

/// Writes a laid-out document to `to`, a page at a time.
pub fn write_laid_out(
    screenplay: &Screenplay,
    document: &Document,
    to: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut pages = Pages::start(screenplay, &document.geometry, document.title_page);
    for page in &document.pages {
        pages.page(page, to)?;
    }
    pages.finish(to)
}

/// Writes `screenplay`'s pages to `to` as the layout makes them.
fn write_each(
    screenplay: &Screenplay,
    paper: Paper,
    to: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let geometry = layout::Geometry::of(paper);
    let mut pages = Pages::start(screenplay, &geometry, !screenplay.title_page.is_empty());
    layout::layout_each(screenplay, paper, &mut |page| pages.page(&page, to))?;
    pages.finish(to)
}

/// The HTML document being written, a page at a time.
struct Pages<'s> {
    screenplay: &'s Screenplay,
    geo: layout::Geometry,
    /// `" stage"` for a stage play's pages, else empty.
    form: &'static str,
    /// Each fight table's column widths, by element.
    widths: layout::FightWidths,
    /// Whether the next page is the title page.
    title_page: bool,
    /// The text made and not yet handed on.
    out: String,
}

impl<'s> Pages<'s> {
    /// The document's head, up to `<body>`.
    fn start(screenplay: &'s Screenplay, geo: &layout::Geometry, title_page: bool) -> Pages<'s> {
        let title = super::title(screenplay);
        let out = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; font-src data:\">\n<meta name=\"generator\" content=\"bout\">\n<title>{}</title>\n<style>\n{}{}</style>\n</head>\n<body>\n",
            escape(&title),
            fonts(),
            style(geo)
        );
        Pages {
            screenplay,
            geo: *geo,
            form: if screenplay.form == Form::StagePlay {
                " stage"
            } else {
                ""
            },
            widths: layout::fight_widths(&screenplay.elements),
            title_page,
            out,
        }
    }

    /// Writes one page (the title page, the first time when there is one).
    fn page(&mut self, page: &layout::Page, to: &mut dyn std::io::Write) -> std::io::Result<()> {
        crate::export::hand_on(&mut self.out, to)?;
        let is_title_page = std::mem::take(&mut self.title_page);
        let Pages {
            screenplay,
            geo,
            form,
            widths,
            out: made,
            ..
        } = self;
        let (screenplay, geo, form) = (*screenplay, &*geo, *form);
        let out: &mut String = made;
        if is_title_page {
            title_page(out, page, form);
            return Ok(());
        }
        let _ = writeln!(out, "<section class=\"page{form}\">");
        for (p, piece) in page.pieces.iter().enumerate() {
            let lines: Vec<&Line> = page.lines.iter().filter(|l| l.piece == p).collect();
            let start = out.len();
            match &piece.kind {
                Kind::Heading => {
                    let (numbers, text): (Vec<&Line>, Vec<&Line>) =
                        lines.iter().partition(|l| l.role == Role::SceneNumber);
                    let number = |side: &str, line: Option<&&Line>| {
                        line.map_or(String::new(), |l| {
                            format!("<span class=\"number{side}\">{}</span>", escape(&l.text))
                        })
                    };
                    let _ = writeln!(
                        out,
                        "<p class=\"scene-heading\">{}{}{}</p>",
                        number("", numbers.first()),
                        joined(text),
                        number(" right", numbers.get(1))
                    );
                }
                Kind::StageHeading => {
                    out.push_str("<div class=\"stage-heading\">");
                    for l in &lines {
                        let underline = if l.underline { " underline" } else { "" };
                        let _ = write!(out, "<p class=\"act{underline}\">{}</p>", escape(&l.text));
                    }
                    out.push_str("</div>\n");
                }
                Kind::Direction { scene } => {
                    let class = if *scene {
                        "direction scene"
                    } else if lines.first().is_some_and(|l| l.text.starts_with('(')) {
                        "direction open"
                    } else {
                        "direction"
                    };
                    let _ = writeln!(out, "<p class=\"{class}\">{}</p>", joined(lines));
                }
                Kind::Action => {
                    let _ = writeln!(out, "<p class=\"action\">{}</p>", joined(lines));
                }
                Kind::Shot => {
                    let _ = writeln!(out, "<p class=\"shot\">{}</p>", joined(lines));
                }
                Kind::Note => {
                    let _ = writeln!(out, "<p class=\"note\">{}</p>", joined(lines));
                }
                Kind::Centered => {
                    let _ = writeln!(out, "<p class=\"centered\">{}</p>", joined(lines));
                }
                Kind::Lyric => {
                    let _ = writeln!(out, "<p class=\"lyric\">{}</p>", joined(lines));
                }
                Kind::Transition { opening } => {
                    let class = if *opening {
                        "transition opening"
                    } else {
                        "transition"
                    };
                    let _ = writeln!(out, "<p class=\"{class}\">{}</p>", joined(lines));
                }
                // A later part of a speech (a parenthetical in its middle,
                // a (MORE)) stands right under the part before.
                Kind::Speech if piece.space_before == 0.0 => {
                    let at = out.len();
                    speech(out, &lines);
                    out.insert_str(at + "<div class=\"speech".len(), " continued");
                }
                Kind::Speech => speech(out, &lines),
                Kind::Dual => {
                    // The right column starts 3.1" in.
                    let split = geo.left + 3.1 * INCH - CHAR / 2.0;
                    let (left, right): (Vec<&Line>, Vec<&Line>) =
                        lines.iter().partition(|l| l.x < split);
                    out.push_str("<div class=\"dual\">\n");
                    speech(out, &left);
                    speech(out, &right);
                    out.push_str("</div>\n");
                }
                Kind::Table { rows, caption } => {
                    if let Some(Element::FightTable(table)) = screenplay.elements.get(piece.element)
                    {
                        let widths = widths.of(piece.element);
                        fight_table(out, table, &widths, rows.clone(), *caption);
                    }
                }
                Kind::TitleMain | Kind::TitleLeft | Kind::TitleRight => {}
            }
            // The piece's first tag names its source line, for tools that
            // point back to the script (`bout preview`).
            if let Some(line) = screenplay.lines.get(piece.element) {
                mark_line(out, start, *line);
            }
        }
        if let Some(number) = page.lines.iter().find(|l| l.role == Role::PageNumber) {
            let _ = writeln!(
                out,
                "<div class=\"page-number\">{}</div>",
                escape(&number.text)
            );
        }
        out.push_str("</section>\n");
        Ok(())
    }

    /// Closes the document and writes what is left.
    fn finish(mut self, to: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.out.push_str("</body>\n</html>\n");
        to.write_all(self.out.as_bytes())
    }
}

/// The rows of a fight table on one page, under its repeated header row;
/// each cell padded to its column's width, as the PDF sets it.
fn fight_table(
    out: &mut String,
    table: &super::table::FightTable,
    widths: &[usize; 9],
    rows: std::ops::Range<usize>,
    caption: bool,
) {
    out.push_str("<table class=\"fight-script\">\n");
    if caption {
        let _ = writeln!(
            out,
            "<caption>FIGHT SCRIPT: {}</caption>",
            escape(&table.title)
        );
    }
    out.push_str("<thead><tr>");
    // A heading wider than its column wraps there, as in the PDF.
    let headings = HEADINGS.map(str::to_owned);
    for (lines, &w) in layout::table_cells(&headings, widths).iter().zip(widths) {
        let lines: Vec<String> = lines.iter().map(|l| escape(&format!("{l:<w$}"))).collect();
        let _ = write!(out, "<th>{}</th>", lines.join("<br>"));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in table.rows.get(rows).unwrap_or_default() {
        out.push_str("<tr>");
        for cell in layout::table_cells(&row.cells(), widths) {
            let _ = write!(
                out,
                "<td>{}</td>",
                cell.iter()
                    .map(|l| escape(l))
                    .collect::<Vec<_>>()
                    .join("<br>")
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The title page: the centred block a third of the way down, contact and
/// copyright bottom left, draft and notes bottom right.
fn title_page(out: &mut String, page: &layout::Page, form: &str) {
    let _ = writeln!(out, "<section class=\"page title-page{form}\">");
    for (kind, class) in [
        (Kind::TitleMain, "main"),
        (Kind::TitleLeft, "left"),
        (Kind::TitleRight, "right"),
    ] {
        let _ = write!(out, "<div class=\"{class}\">");
        for (p, piece) in page.pieces.iter().enumerate() {
            if piece.kind != kind {
                continue;
            }
            let lines: Vec<&Line> = page.lines.iter().filter(|l| l.piece == p).collect();
            if lines.first().is_some_and(|l| l.role == Role::Title) {
                let underline = if lines[0].underline {
                    " class=\"underline\""
                } else {
                    ""
                };
                let _ = write!(out, "<h1{underline}>{}</h1>", joined(lines));
            } else {
                let _ = write!(out, "<p>{}</p>", joined(lines));
            }
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_pads_as_rfc_4648_says() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
