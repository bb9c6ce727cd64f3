//! Final Draft XML (FDX), as Final Draft 10–12 writes it:
//!
//! - `Content`: one `Paragraph` per element, of `Type` Scene Heading,
//!   Action, Character, Parenthetical, Dialogue, Transition, Shot or
//!   General; a paragraph's text in one `Text`, its line breaks kept as line
//!   feeds inside it (readers that take a paragraph's first `Text` still get
//!   every line);
//! - dual dialogue: a `General` paragraph holding a `DualDialogue` that
//!   holds both speeches' Character, Parenthetical and Dialogue paragraphs,
//!   left speaker first — the nesting of Final Draft's own files;
//! - `HeaderAndFooter` (the page number top right from page two),
//!   `PageLayout` (page size, margins), `ElementSettings` for every
//!   paragraph type (font, indents, space before, pagination), a
//!   `TitlePage` whose `Content` places the title a third down the page,
//!   centred, the credit and author below it, contact and copyright at the
//!   foot on the left and draft and notes under them on the right, with
//!   empty paragraphs for spacing as Final Draft does; and
//!   `MoresAndContinueds` ((MORE) and (CONT'D) at page breaks in speeches).
//!
//! Indents are bout's page layout (`docs/screenplay.md`), so Final Draft
//! lays the script out as the PDF does. Text is escaped and the characters
//! XML forbids are removed, so the file is valid XML whatever the script
//! holds.

use std::fmt::Write;

use super::layout::{self, Paper};
use super::{Element, Screenplay, Speech, emphasis, table::FightTable};
use crate::syntax::ast::TitleKey;

/// Options of the FDX export.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// The page size written in `PageLayout`.
    pub paper: Paper,
}

/// Escapes text for this format (see [`crate::export::escape::markup`]).
pub fn escape(text: &str) -> String {
    crate::export::escape::markup(text)
}

/// Final Draft's `FontSpec`, in Courier Prime 12 as the PDF.
const FONT: &str = "AdornmentStyle=\"0\" Background=\"#FFFFFFFFFFFF\" Color=\"#000000000000\" \
                    Font=\"Courier Prime\" RevisionID=\"0\" Size=\"12\"";

/// One paragraph type's settings: left and right indent from the page's
/// left edge on Letter (inches), first-line indent, space before (points),
/// alignment, style, what it paginates as and what Return gives next.
struct Setting {
    kind: &'static str,
    left: f32,
    right: f32,
    first: f32,
    before: u32,
    align: &'static str,
    style: &'static str,
    paginate: &'static str,
    next: &'static str,
}

/// The paragraph types bout writes, laid out as its PDF: action 1.5"–7.5",
/// cue at 3.7", parenthetical 3.1"–5.6" hanging after its `(`, dialogue
/// 2.5"–6.0", transitions flush right at 7.5", one blank line before each
/// element but the parts of a speech.
const SETTINGS: [Setting; 9] = [
    Setting {
        kind: "General",
        left: 1.5,
        right: 7.5,
        first: 0.0,
        before: 0,
        align: "Left",
        style: "",
        paginate: "General",
        next: "General",
    },
    Setting {
        kind: "Scene Heading",
        left: 1.5,
        right: 7.5,
        first: 0.0,
        before: 12,
        align: "Left",
        style: "AllCaps",
        paginate: "Scene Heading",
        next: "Action",
    },
    Setting {
        kind: "Action",
        left: 1.5,
        right: 7.5,
        first: 0.0,
        before: 12,
        align: "Left",
        style: "",
        paginate: "Action",
        next: "Action",
    },
    Setting {
        kind: "Character",
        left: 3.7,
        right: 7.5,
        first: 0.0,
        before: 12,
        align: "Left",
        style: "AllCaps",
        paginate: "Character",
        next: "Dialogue",
    },
    Setting {
        kind: "Parenthetical",
        left: 3.2,
        right: 5.6,
        first: -0.1,
        before: 0,
        align: "Left",
        style: "",
        paginate: "Parenthetical",
        next: "Dialogue",
    },
    Setting {
        kind: "Dialogue",
        left: 2.5,
        right: 6.0,
        first: 0.0,
        before: 0,
        align: "Left",
        style: "",
        paginate: "Dialogue",
        next: "Action",
    },
    Setting {
        kind: "Transition",
        left: 5.5,
        right: 7.5,
        first: 0.0,
        before: 12,
        align: "Right",
        style: "AllCaps",
        paginate: "Transition",
        next: "Scene Heading",
    },
    Setting {
        kind: "Lyrics",
        left: 2.5,
        right: 6.0,
        first: 0.0,
        before: 12,
        align: "Left",
        style: "Italic",
        paginate: "Dialogue",
        next: "Action",
    },
    Setting {
        kind: "Shot",
        left: 1.5,
        right: 7.5,
        first: 0.0,
        before: 12,
        align: "Left",
        style: "AllCaps",
        paginate: "Scene Heading",
        next: "Action",
    },
];

/// Page width and height in inches, and how far the text block moves from
/// its place on Letter: on A4 it keeps a 1" right margin.
fn page(paper: Paper) -> (f32, f32, f32) {
    match paper {
        Paper::Letter => (8.5, 11.0, 0.0),
        Paper::A4 => (8.27, 11.69, 8.27 - 1.0 - 7.5),
    }
}

/// The lines of body text a page holds between 1" margins, at six lines
/// an inch.
fn lines_per_page(paper: Paper) -> usize {
    let (_, height, _) = page(paper);
    ((height - 2.0) * 6.0).floor() as usize
}

/// A paragraph of the body: its text in one `Text`, lines joined by line
/// feeds.
fn paragraph(out: &mut String, indent: &str, kind: &str, text: &str, number: Option<&str>) {
    let number = number.map_or(String::new(), |n| format!(" Number=\"{}\"", escape(n)));
    let text = text.lines().collect::<Vec<_>>().join("\n");
    let _ = writeln!(
        out,
        "{indent}<Paragraph{number} Type=\"{kind}\">\n{indent}  {}\n{indent}</Paragraph>",
        texts(&text)
    );
}

/// A paragraph's text as `Text` elements: one, or one per run of emphasis
/// with its `Style` (`Bold+Italic+Underline`, as Final Draft writes it).
fn texts(text: &str) -> String {
    if !text.chars().any(emphasis::is_toggle) {
        return format!("<Text>{}</Text>", escape(text));
    }
    let mut out = String::new();
    for (run, style) in emphasis::runs(text) {
        let styles: Vec<&str> = [
            (style.bold, "Bold"),
            (style.italic, "Italic"),
            (style.underline, "Underline"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| *name)
        .collect();
        if styles.is_empty() {
            let _ = write!(out, "<Text>{}</Text>", escape(&run));
        } else {
            let _ = write!(
                out,
                "<Text Style=\"{}\">{}</Text>",
                styles.join("+"),
                escape(&run)
            );
        }
    }
    out
}

fn speech(out: &mut String, indent: &str, s: &Speech) {
    paragraph(out, indent, "Character", &s.cue_line(), None);
    if let Some(p) = &s.parenthetical {
        let text = format!("({})", p.trim_matches(['(', ')']));
        paragraph(out, indent, "Parenthetical", &text, None);
    }
    paragraph(out, indent, "Dialogue", &s.text, None);
    for (p, text) in &s.more {
        let p = format!("({})", p.trim_matches(['(', ')']));
        paragraph(out, indent, "Parenthetical", &p, None);
        paragraph(out, indent, "Dialogue", text, None);
    }
}

/// The attributes of a paragraph of Final Draft's own writing (the title
/// page, the header, the dual-dialogue holder).
fn spec(align: &str, left: f32, right: f32, before: u32) -> String {
    format!(
        "Alignment=\"{align}\" FirstIndent=\"0.00\" Leading=\"Regular\" LeftIndent=\"{left:.2}\" \
         RightIndent=\"{right:.2}\" SpaceBefore=\"{before}\" Spacing=\"1\" StartsNewPage=\"No\""
    )
}

/// A part of a fight table: the `FIGHT SCRIPT:` heading as a shot before
/// the fight's first part, then the rows as one action paragraph, a row a
/// line.
fn table(out: &mut String, table: &FightTable) {
    if table.opens {
        let heading = format!("FIGHT SCRIPT: {}", table.title);
        paragraph(out, "    ", "Shot", &heading, None);
    }
    let rows: Vec<String> = table.rows.iter().map(|r| r.line()).collect();
    paragraph(out, "    ", "Action", &rows.join("\n"), None);
}

/// Writes the body, handing the text made to `to` between elements.
fn body(
    out: &mut String,
    screenplay: &Screenplay,
    shift: f32,
    to: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    out.push_str("  <Content>\n");
    // A page break is the next paragraph's `StartsNewPage`.
    let mut new_page = false;
    for element in &screenplay.elements {
        crate::export::hand_on(out, to)?;
        let start = out.len();
        match element {
            Element::SceneHeading { text, number } => {
                paragraph(out, "    ", "Scene Heading", text, number.as_deref())
            }
            Element::Action(text) => paragraph(out, "    ", "Action", text, None),
            Element::Shot(text) => paragraph(out, "    ", "Shot", text, None),
            // `FADE IN:` opens what follows and stands at the left margin,
            // as the PDF sets it; Final Draft honours a paragraph's own
            // alignment and indents over its element's settings.
            Element::Transition(text) if layout::opening(text) => {
                let _ = writeln!(
                    out,
                    "    <Paragraph Alignment=\"Left\" LeftIndent=\"{:.2}\" RightIndent=\"{:.2}\" \
                     Type=\"Transition\">\n      <Text>{}</Text>\n    </Paragraph>",
                    1.5 + shift,
                    7.5 + shift,
                    escape(text)
                );
            }
            Element::Transition(text) => paragraph(out, "    ", "Transition", text, None),
            Element::Note(text) => {
                // A script note hangs on a paragraph: an empty General one.
                let text = text.lines().collect::<Vec<_>>().join("\n");
                let _ = writeln!(
                    out,
                    "    <Paragraph Type=\"General\">\n      <ScriptNote Author=\"\" \
                     Color=\"#FFFFFFFF0000\" Name=\"Note\" Type=\"Note\">\n        <Paragraph \
                     {}>\n          <Text>{}</Text>\n        </Paragraph>\n      </ScriptNote>\n      \
                     <Text></Text>\n    </Paragraph>",
                    spec("Left", 0.0, 1.39, 0),
                    escape(&text)
                );
            }
            Element::Dialogue(s) => speech(out, "    ", s),
            Element::DualDialogue(left, right) => {
                let _ = writeln!(
                    out,
                    "    <Paragraph {} Type=\"General\">\n      <DualDialogue>",
                    spec("Left", 1.5 + shift, 7.5 + shift, 12)
                );
                speech(out, "        ", left);
                speech(out, "        ", right);
                out.push_str("      </DualDialogue>\n    </Paragraph>\n");
            }
            Element::FightTable(t) => table(out, t),
            Element::Centered(text) => {
                let text = text.lines().map(str::trim).collect::<Vec<_>>().join("\n");
                let _ = writeln!(
                    out,
                    "    <Paragraph Alignment=\"Center\" Type=\"Action\">\n      {}\n    </Paragraph>",
                    texts(&text)
                );
            }
            Element::Lyric(text) => paragraph(out, "    ", "Lyrics", text, None),
            Element::PageBreak => new_page = true,
            // Final Draft's body has no outline: sections and synopses are
            // left out (docs/screenplay.md).
            Element::Section { .. } | Element::Synopsis(_) => {}
        }
        if new_page && out.len() > start {
            if let Some(at) = out[start..].find("<Paragraph") {
                out.insert_str(start + at + "<Paragraph".len(), " StartsNewPage=\"Yes\"");
            }
            new_page = false;
        }
    }
    out.push_str("  </Content>\n");
    Ok(())
}

/// The page number at the top right from page two; no footer.
fn header_and_footer(out: &mut String, indent: &str, shift: f32) {
    let para = spec("Right", 1.0 + shift, 7.5 + shift, 0);
    let _ = write!(
        out,
        "{indent}<HeaderAndFooter FooterFirstPage=\"No\" FooterVisible=\"No\" HeaderFirstPage=\"No\" \
         HeaderVisible=\"Yes\" StartingPage=\"1\">\n\
         {indent}  <Header>\n\
         {indent}    <Paragraph {para}>\n\
         {indent}      <DynamicLabel Type=\"Page #\"/>\n\
         {indent}      <Text {FONT} Style=\"\">.</Text>\n\
         {indent}    </Paragraph>\n\
         {indent}  </Header>\n\
         {indent}  <Footer>\n\
         {indent}    <Paragraph {para}>\n\
         {indent}      <Text {FONT} Style=\"\"></Text>\n\
         {indent}    </Paragraph>\n\
         {indent}  </Footer>\n\
         {indent}</HeaderAndFooter>\n"
    );
}

fn layout(out: &mut String, paper: Paper) {
    let (width, height, shift) = page(paper);
    let _ = write!(
        out,
        "  <PageLayout BackgroundColor=\"#FFFFFFFFFFFF\" BottomMargin=\"72\" \
         BreakDialogueAndActionAtSentences=\"Yes\" DocumentLeading=\"Normal\" FooterMargin=\"36\" \
         ForegroundColor=\"#000000000000\" HeaderMargin=\"36\" InvisiblesColor=\"#808080808080\" \
         TopMargin=\"72\" UsesSmartQuotes=\"No\">\n    <PageSize Height=\"{height:.2}\" \
         Width=\"{width:.2}\"/>\n  </PageLayout>\n"
    );
    for s in &SETTINGS {
        let _ = write!(
            out,
            "  <ElementSettings Type=\"{kind}\">\n    <FontSpec {FONT} Style=\"{style}\"/>\n    \
             <ParagraphSpec Alignment=\"{align}\" FirstIndent=\"{first:.2}\" Leading=\"Regular\" \
             LeftIndent=\"{left:.2}\" RightIndent=\"{right:.2}\" SpaceBefore=\"{before}\" \
             Spacing=\"1\" StartsNewPage=\"No\"/>\n    <Behavior PaginateAs=\"{paginate}\" \
             ReturnKey=\"{next}\" Shortcut=\"0\"/>\n  </ElementSettings>\n",
            kind = s.kind,
            style = s.style,
            align = s.align,
            first = s.first,
            left = s.left + shift,
            right = s.right + shift,
            before = s.before,
            paginate = s.paginate,
            next = s.next,
        );
    }
}

/// One line of the title page: a paragraph in Final Draft's title-page
/// spec (1" to 7.5"), empty for spacing.
/// A run of emphasis adds its styles to the line's own.
fn title_line(out: &mut String, align: &str, style: &str, text: &str, shift: f32) {
    let mut runs = emphasis::runs(text);
    if runs.is_empty() {
        runs.push((String::new(), emphasis::Style::default()));
    }
    let texts: String = runs
        .iter()
        .map(|(run, emphasis)| {
            let mut styles: Vec<&str> = style.split('+').filter(|s| !s.is_empty()).collect();
            for (on, name) in [
                (emphasis.bold, "Bold"),
                (emphasis.italic, "Italic"),
                (emphasis.underline, "Underline"),
            ] {
                if on && !styles.contains(&name) {
                    styles.push(name);
                }
            }
            format!(
                "<Text {FONT} Style=\"{}\">{}</Text>",
                styles.join("+"),
                escape(run)
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "      <Paragraph {}>\n        {texts}\n      </Paragraph>",
        spec(align, 1.0 + shift, 7.5 + shift, 0),
    );
}

/// The lines a title-page value fills: one per line of the value, blank
/// ones dropped, each as many as it wraps to in 65 characters.
fn value_lines(value: &str) -> Vec<&str> {
    value
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

fn wrapped(lines: &[&str]) -> usize {
    lines
        .iter()
        .map(|l| l.chars().count().div_ceil(65).max(1))
        .sum()
}

/// The title page as the PDF's: the title (capitals, bold) 2.5" below the
/// top margin, then after three blank lines the credit, author and source,
/// a blank line after each, all centred; at the foot, four lines above the
/// bottom margin, contact and copyright on the left, then draft and notes
/// on the right. Final Draft places title-page text line by line, so empty
/// paragraphs make the spacing.
fn title_page(out: &mut String, screenplay: &Screenplay, paper: Paper) {
    let (_, _, shift) = page(paper);
    let get = |keys: &[TitleKey]| -> Vec<(TitleKey, &str)> {
        keys.iter()
            .flat_map(|key| {
                screenplay
                    .title_page
                    .iter()
                    .filter(move |(k, _)| k == key)
                    .map(|(k, v)| (*k, v.as_str()))
            })
            .collect()
    };
    out.push_str("  <TitlePage>\n");
    header_and_footer(out, "    ", shift);
    out.push_str("    <Content>\n");
    let mut used = 0;
    let blank = |out: &mut String, n: usize, used: &mut usize| {
        for _ in 0..n {
            title_line(out, "Left", "", "", shift);
        }
        *used += n;
    };
    blank(out, 15, &mut used);
    for (_, title) in get(&[TitleKey::Title]) {
        let lines = value_lines(title);
        for line in &lines {
            title_line(out, "Center", "Bold+AllCaps", &line.to_uppercase(), shift);
        }
        used += wrapped(&lines);
    }
    blank(out, 3, &mut used);
    for (_, value) in get(&[TitleKey::Credit, TitleKey::Author, TitleKey::Source]) {
        let lines = value_lines(value);
        for line in &lines {
            title_line(out, "Center", "", line, shift);
        }
        used += wrapped(&lines);
        blank(out, 1, &mut used);
    }
    let foot: Vec<(TitleKey, &str)> = get(&[
        TitleKey::Contact,
        TitleKey::Copyright,
        TitleKey::Draft,
        TitleKey::Notes,
    ]);
    let foot_lines: usize = foot.iter().map(|(_, v)| wrapped(&value_lines(v))).sum();
    let room = lines_per_page(paper).saturating_sub(4);
    blank(out, room.saturating_sub(used + foot_lines), &mut used);
    for (key, value) in foot {
        let align = match key {
            TitleKey::Contact | TitleKey::Copyright => "Left",
            _ => "Right",
        };
        for line in value_lines(value) {
            title_line(out, align, "", line, shift);
        }
    }
    out.push_str("    </Content>\n  </TitlePage>\n");
}

/// The FDX document of `screenplay`.
pub fn export(screenplay: &Screenplay, options: Options) -> String {
    crate::export::made_whole(|out| write(screenplay, options, out))
}

/// Writes the FDX document of `screenplay` to `to` as it is made, an
/// element at a time.
pub fn write(
    screenplay: &Screenplay,
    options: Options,
    to: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let (_, _, shift) = page(options.paper);
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\" ?>\n<FinalDraft DocumentType=\"Script\" Template=\"No\" Version=\"3\">\n",
    );
    body(&mut out, screenplay, shift, to)?;
    header_and_footer(&mut out, "  ", shift);
    layout(&mut out, options.paper);
    if !screenplay.title_page.is_empty() {
        title_page(&mut out, screenplay, options.paper);
    }
    out.push_str("  <MoresAndContinueds>\n    <FontSpec ");
    out.push_str(FONT);
    out.push_str(
        " Style=\"\"/>\n    <DialogueBreaks AutomaticCharacterContinueds=\"No\" BottomOfPage=\"Yes\" \
         DialogueBottom=\"(MORE)\" DialogueTop=\"(CONT'D)\" TopOfNext=\"Yes\"/>\n    <SceneBreaks \
         ContinuedNumber=\"No\" SceneBottom=\"(CONTINUED)\" SceneBottomOfPage=\"No\" \
         SceneTop=\"CONTINUED:\" SceneTopOfNext=\"No\"/>\n  </MoresAndContinueds>\n</FinalDraft>\n",
    );
    to.write_all(out.as_bytes())
}
