//! Page layout in industry form, shared by the PDF writer: 12-point Courier
//! at ten characters an inch and six lines an inch, a 1.5" left margin and
//! 1" elsewhere, the standard indents for cue, parenthetical, dialogue and
//! transition, page numbers top right from page two, a title page.
//!
//! Pagination keeps a scene heading or a character cue off the foot of a
//! page, and splits long speeches with (MORE) and (CONT'D).

use super::table::{FightTable, HEADINGS};
use super::{Element, Screenplay, Speech};
use crate::syntax::ast::TitleKey;

/// Paper size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    /// US Letter, 8.5" × 11".
    #[default]
    Letter,
    /// A4, 210 × 297 mm.
    A4,
}

/// Points per inch.
pub const INCH: f32 = 72.0;
/// Body font size and line height, points.
pub const LINE: f32 = 12.0;
/// Width of one character of 12-point Courier, points.
pub const CHAR: f32 = 7.2;
/// Font size of fight-script table lines, points.
pub const TABLE_SIZE: f32 = 8.0;
/// Line height of fight-script table lines, points.
pub const TABLE_LINE: f32 = 10.0;

/// A laid-out document.
#[derive(Clone, Debug)]
pub struct Document {
    /// Page width, points.
    pub width: f32,
    /// Page height, points.
    pub height: f32,
    /// Title page, then body pages.
    pub pages: Vec<Page>,
}

/// One page.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// The text on it.
    pub lines: Vec<Line>,
}

/// One line of text placed on a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Left edge, points from the page's left.
    pub x: f32,
    /// Baseline, points from the page's top.
    pub y: f32,
    /// The text.
    pub text: String,
    /// Font size, points.
    pub size: f32,
    /// Bold face.
    pub bold: bool,
}

/// Left edges and widths (in characters) of the element kinds.
mod indent {
    use super::INCH;
    pub const ACTION: f32 = 1.5 * INCH;
    pub const ACTION_WIDTH: usize = 60;
    pub const CUE: f32 = 3.7 * INCH;
    pub const PAREN: f32 = 3.1 * INCH;
    pub const PAREN_WIDTH: usize = 25;
    pub const DIALOGUE: f32 = 2.5 * INCH;
    pub const DIALOGUE_WIDTH: usize = 35;
    pub const TRANSITION_RIGHT: f32 = 7.5 * INCH;
    pub const DUAL_LEFT: f32 = 1.5 * INCH;
    pub const DUAL_RIGHT: f32 = 4.6 * INCH;
    pub const DUAL_WIDTH: usize = 28;
}

/// Wraps `text` to `width` characters, on spaces; longer words are broken.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::with_capacity(width + 8);
        let mut len = 0usize;
        for word in paragraph.split_whitespace() {
            let mut word = word;
            let mut count = word.chars().count();
            while count > width {
                if len > 0 {
                    lines.push(std::mem::take(&mut line));
                    len = 0;
                }
                let cut = word
                    .char_indices()
                    .nth(width)
                    .map_or(word.len(), |(i, _)| i);
                lines.push(word[..cut].to_owned());
                word = &word[cut..];
                count -= width;
            }
            if len > 0 && len + 1 + count > width {
                lines.push(std::mem::replace(
                    &mut line,
                    String::with_capacity(width + 8),
                ));
                len = 0;
            }
            if len > 0 {
                line.push(' ');
                len += 1;
            }
            line.push_str(word);
            len += count;
        }
        lines.push(line);
    }
    lines
}

/// One row of a block: its left edge, text, font size, and the height it
/// takes on the page.
#[derive(Clone, Debug)]
struct Row {
    x: f32,
    text: String,
    size: f32,
    height: f32,
}

/// How a block may break across pages.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Break {
    /// Never alone at the foot: keep with the next block's first lines.
    KeepWithNext,
    /// Lines may be split, at least two on each side.
    Lines,
    /// A speech: split with (MORE) / (CONT'D).
    Speech,
    /// Whole, or on the next page.
    Whole,
}

#[derive(Clone, Debug)]
struct Block {
    rows: Vec<Row>,
    space_before: f32,
    rule: Break,
    /// For speeches: the cue line, and how many leading rows are the cue
    /// and parenthetical.
    cue: Option<String>,
    head: usize,
}

fn rows(x: f32, lines: Vec<String>) -> Vec<Row> {
    lines
        .into_iter()
        .map(|text| Row {
            x,
            text,
            size: LINE,
            height: LINE,
        })
        .collect()
}

fn speech_rows(
    s: &Speech,
    cue_x: f32,
    paren_x: f32,
    text_x: f32,
    width: usize,
    paren_width: usize,
) -> (Vec<Row>, usize) {
    let mut out = rows(cue_x, vec![s.cue_line()]);
    if let Some(p) = &s.parenthetical {
        out.extend(rows(
            paren_x,
            wrap(&format!("({})", p.trim_matches(['(', ')'])), paren_width),
        ));
    }
    let head = out.len();
    out.extend(rows(text_x, wrap(&s.text, width)));
    (out, head)
}

fn table_rows(table: &FightTable) -> Vec<Row> {
    let mut widths: Vec<usize> = HEADINGS.iter().map(|h| h.chars().count()).collect();
    let cells: Vec<[String; 9]> = table.rows.iter().map(|r| r.cells()).collect();
    for row in &cells {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    // The table is 90 characters wide at 8 points: notes take what is left.
    let fixed: usize = widths[..8].iter().sum::<usize>() + 2 * 8;
    widths[8] = 90usize.saturating_sub(fixed).max(8);
    let line = |cells: &[String]| -> Vec<String> {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| wrap(c, *w))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        (0..height)
            .map(|i| {
                wrapped
                    .iter()
                    .zip(&widths)
                    .map(|(lines, w)| {
                        format!("{:<w$}", lines.get(i).map_or("", String::as_str), w = *w)
                    })
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_owned()
            })
            .collect()
    };
    let mut out = vec![Row {
        x: indent::ACTION,
        text: format!("FIGHT SCRIPT: {}", table.title),
        size: LINE,
        height: LINE * 2.0,
    }];
    let head: Vec<String> = HEADINGS.iter().map(|h| (*h).to_owned()).collect();
    for text in line(&head) {
        out.push(Row {
            x: indent::ACTION,
            text,
            size: TABLE_SIZE,
            height: TABLE_LINE,
        });
    }
    out.push(Row {
        x: indent::ACTION,
        text: "-".repeat(90),
        size: TABLE_SIZE,
        height: TABLE_LINE,
    });
    for row in &cells {
        for text in line(row) {
            out.push(Row {
                x: indent::ACTION,
                text,
                size: TABLE_SIZE,
                height: TABLE_LINE,
            });
        }
    }
    out
}

fn block(element: &Element) -> Block {
    let plain = |rows: Vec<Row>, rule| Block {
        rows,
        space_before: LINE,
        rule,
        cue: None,
        head: 0,
    };
    match element {
        Element::SceneHeading { text, number } => {
            let mut r = rows(indent::ACTION, wrap(text, indent::ACTION_WIDTH));
            if let Some(n) = number {
                r[0].text = format!("{n}  {}", r[0].text);
                r[0].x -= CHAR * (n.to_string().len() + 2) as f32;
            }
            plain(r, Break::KeepWithNext)
        }
        Element::Action(text) => plain(
            rows(indent::ACTION, wrap(text, indent::ACTION_WIDTH)),
            Break::Lines,
        ),
        Element::Shot(text) => plain(
            rows(indent::ACTION, wrap(text, indent::ACTION_WIDTH)),
            Break::KeepWithNext,
        ),
        Element::Note(text) => plain(
            rows(
                indent::ACTION,
                wrap(&format!("[NOTE: {text}]"), indent::ACTION_WIDTH),
            ),
            Break::Lines,
        ),
        Element::Transition(text) => {
            let x = indent::TRANSITION_RIGHT - CHAR * text.chars().count() as f32;
            plain(
                rows(x.max(indent::ACTION), vec![text.clone()]),
                Break::Whole,
            )
        }
        Element::Dialogue(s) => {
            let (r, head) = speech_rows(
                s,
                indent::CUE,
                indent::PAREN,
                indent::DIALOGUE,
                indent::DIALOGUE_WIDTH,
                indent::PAREN_WIDTH,
            );
            Block {
                rows: r,
                space_before: LINE,
                rule: Break::Speech,
                cue: Some(s.cue_line()),
                head,
            }
        }
        Element::DualDialogue(left, right) => {
            let col = |s: &Speech, x: f32| {
                speech_rows(
                    s,
                    x + CHAR * 6.0,
                    x + CHAR * 2.0,
                    x,
                    indent::DUAL_WIDTH,
                    indent::DUAL_WIDTH - 2,
                )
                .0
            };
            let (l, r) = (col(left, indent::DUAL_LEFT), col(right, indent::DUAL_RIGHT));
            // Side by side: rows pair up; the block keeps together.
            let mut out = Vec::new();
            for i in 0..l.len().max(r.len()) {
                let height = LINE;
                if let Some(row) = l.get(i) {
                    out.push(Row {
                        height: if r.get(i).is_some() { 0.0 } else { height },
                        ..row.clone()
                    });
                }
                if let Some(row) = r.get(i) {
                    out.push(Row {
                        height,
                        ..row.clone()
                    });
                }
            }
            Block {
                rows: out,
                space_before: LINE,
                rule: Break::Whole,
                cue: None,
                head: 0,
            }
        }
        Element::FightTable(table) => Block {
            rows: table_rows(table),
            space_before: LINE,
            rule: Break::Lines,
            cue: None,
            head: 0,
        },
    }
}

struct Pager {
    width: f32,
    top: f32,
    bottom: f32,
    pages: Vec<Page>,
    y: f32,
}

impl Pager {
    fn new_page(&mut self) {
        self.pages.push(Page::default());
        let number = self.pages.len();
        if number >= 2 {
            let text = format!("{number}.");
            let x = self.width - INCH - CHAR * text.len() as f32;
            self.current().lines.push(Line {
                x,
                y: 0.5 * INCH + LINE,
                text,
                size: LINE,
                bold: false,
            });
        }
        self.y = self.top;
    }

    fn current(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn room(&self) -> f32 {
        self.bottom - self.y
    }

    /// Places a row: its baseline one font size below the pen, then the pen
    /// moves down by the row's height (zero for the left half of a dual
    /// dialogue line, which shares its line with the right half).
    fn put(&mut self, row: &Row) {
        let line = Line {
            x: row.x,
            y: self.y + row.size,
            text: row.text.clone(),
            size: row.size,
            bold: false,
        };
        self.current().lines.push(line);
        self.y += row.height;
    }
}

fn height(rows: &[Row]) -> f32 {
    rows.iter().map(|r| r.height).sum()
}

/// Lays `screenplay` out on pages of `paper`.
pub fn layout(screenplay: &Screenplay, paper: Paper) -> Document {
    let (width, page_height) = match paper {
        Paper::Letter => (8.5 * INCH, 11.0 * INCH),
        Paper::A4 => (595.28, 841.89),
    };
    let mut pages = Vec::new();
    if !screenplay.title_page.is_empty() {
        pages.push(title_page(screenplay, width, page_height));
    }
    let mut pager = Pager {
        width,
        top: INCH,
        bottom: page_height - INCH,
        pages: Vec::new(),
        y: INCH,
    };
    pager.new_page();
    let blocks: Vec<Block> = screenplay.elements.iter().map(block).collect();
    for (i, b) in blocks.iter().enumerate() {
        let first_on_page = pager.y <= pager.top + 0.1;
        let space = if first_on_page { 0.0 } else { b.space_before };
        let whole = space + height(&b.rows);
        if whole <= pager.room() {
            // Keep-with-next: a heading or shot with too little room after it
            // for two lines of what follows moves to the next page.
            if b.rule == Break::KeepWithNext {
                let next = blocks.get(i + 1).map_or(0.0, |n| {
                    n.space_before + height(&n.rows[..n.rows.len().min(n.head + 2)])
                });
                if whole + next > pager.room() && !first_on_page {
                    pager.new_page();
                    place(&mut pager, &b.rows, 0.0);
                    continue;
                }
            }
            place(&mut pager, &b.rows, space);
            continue;
        }
        match b.rule {
            Break::Lines if b.rows.len() >= 4 => {
                let mut fit = 0;
                let mut used = space;
                while fit < b.rows.len() && used + b.rows[fit].height <= pager.room() {
                    used += b.rows[fit].height;
                    fit += 1;
                }
                if fit >= 2 && b.rows.len() - fit >= 2 {
                    place(&mut pager, &b.rows[..fit], space);
                    pager.new_page();
                    place(&mut pager, &b.rows[fit..], 0.0);
                } else {
                    pager.new_page();
                    place_flowing(&mut pager, &b.rows);
                }
            }
            Break::Speech => speech(&mut pager, b, space),
            _ => {
                pager.new_page();
                place_flowing(&mut pager, &b.rows);
            }
        }
    }
    pages.extend(pager.pages);
    Document {
        width,
        height: page_height,
        pages,
    }
}

fn place(pager: &mut Pager, rows: &[Row], space: f32) {
    pager.y += space;
    for row in rows {
        pager.put(row);
    }
}

/// Places rows from the top of a page, breaking to new pages as needed
/// (for a block taller than a page).
fn place_flowing(pager: &mut Pager, rows: &[Row]) {
    for row in rows {
        if row.height > pager.room() {
            pager.new_page();
        }
        pager.put(row);
    }
}

/// A speech that does not fit: as much dialogue as fits (two lines at
/// least, ending at a sentence where it can) then (MORE); the rest on the
/// next page under the cue with (CONT'D).
fn speech(pager: &mut Pager, b: &Block, space: f32) {
    let head = &b.rows[..b.head];
    let body = &b.rows[b.head..];
    let available = pager.room() - space - height(head) - LINE; // (MORE)
    let mut fit = (available / LINE).floor().max(0.0) as usize;
    fit = fit.min(body.len().saturating_sub(1));
    // Prefer to break after a sentence.
    if let Some(at) = (2..=fit)
        .rev()
        .find(|&i| body[i - 1].text.trim_end().ends_with(['.', '!', '?']))
    {
        fit = at;
    }
    if fit < 2 {
        pager.new_page();
        place_flowing(pager, &b.rows);
        return;
    }
    place(pager, head, space);
    place(pager, &body[..fit], 0.0);
    pager.put(&Row {
        x: indent::CUE,
        text: "(MORE)".into(),
        size: LINE,
        height: LINE,
    });
    pager.new_page();
    let cue = b.cue.clone().unwrap_or_default();
    pager.put(&Row {
        x: indent::CUE,
        text: format!("{cue} (CONT'D)"),
        size: LINE,
        height: LINE,
    });
    place_flowing(pager, &body[fit..]);
}

fn title_page(screenplay: &Screenplay, width: f32, height: f32) -> Page {
    let mut page = Page::default();
    let centre = |text: &str| (width - CHAR * text.chars().count() as f32) / 2.0;
    let mut y = 3.5 * INCH;
    let get = |key: TitleKey| {
        screenplay
            .title_page
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, v)| v.clone())
            .collect::<Vec<_>>()
    };
    for title in get(TitleKey::Title) {
        for line in wrap(&title.to_uppercase(), 50) {
            page.lines.push(Line {
                x: centre(&line),
                y,
                text: line,
                size: LINE,
                bold: true,
            });
            y += LINE;
        }
    }
    y += LINE * 3.0;
    for key in [TitleKey::Credit, TitleKey::Author, TitleKey::Source] {
        for value in get(key) {
            for line in wrap(&value, 50) {
                page.lines.push(Line {
                    x: centre(&line),
                    y,
                    text: line,
                    size: LINE,
                    bold: false,
                });
                y += LINE;
            }
            y += LINE;
        }
    }
    let mut bottom = height - INCH - LINE * 4.0;
    for key in [TitleKey::Contact, TitleKey::Copyright] {
        for value in get(key) {
            for line in wrap(&value, 30) {
                page.lines.push(Line {
                    x: 1.5 * INCH,
                    y: bottom,
                    text: line,
                    size: LINE,
                    bold: false,
                });
                bottom += LINE;
            }
        }
    }
    let mut right = height - INCH - LINE * 4.0;
    for key in [TitleKey::Draft, TitleKey::Notes] {
        for value in get(key) {
            for line in wrap(&value, 30) {
                let x = width - INCH - CHAR * line.chars().count() as f32;
                page.lines.push(Line {
                    x,
                    y: right,
                    text: line,
                    size: LINE,
                    bold: false,
                });
                right += LINE;
            }
        }
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(
            wrap("one two three four", 9),
            vec!["one two", "three", "four"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
    }
}
