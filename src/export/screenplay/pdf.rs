//! PDF in industry layout (see [`super::layout`]), with Courier Prime
//! embedded (`assets/fonts/`, SIL Open Font License). Text is written as
//! glyph ids (Identity-H) with a ToUnicode map, so readers such as
//! `pdftotext` extract it exactly.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode, UnicodeCmap};
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};

use super::layout::{self, Document, Paper, Role};
use super::{Screenplay, emphasis};

/// Options of the PDF export.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Paper size.
    pub paper: Paper,
}

/// Courier Prime, the faces the PDF embeds and the HTML serves.
pub(super) const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/CourierPrime-Regular.otf");
/// See [`REGULAR`].
pub(super) const BOLD: &[u8] = include_bytes!("../../../assets/fonts/CourierPrime-Bold.otf");
/// See [`REGULAR`]: lyrics and emphasis.
pub(super) const ITALIC: &[u8] = include_bytes!("../../../assets/fonts/CourierPrime-Italic.otf");

/// The resource names of the regular, bold and italic faces.
const FONT_NAMES: [&[u8]; 3] = [b"F0", b"F1", b"F2"];

/// A run of a line set in one face.
struct Run {
    text: String,
    /// 0 regular, 1 bold, 2 italic.
    face: usize,
    underline: bool,
    /// Bold italic: the italic face drawn heavier.
    embolden: bool,
}

/// A line's runs. A bold line (a title) is bold throughout, a lyric
/// italic; bold italic is the italic face emboldened.
fn runs(line: &layout::Line) -> Vec<Run> {
    emphasis::runs(&line.text)
        .into_iter()
        .map(|(text, style)| {
            let bold = line.bold || style.bold;
            let italic = style.italic || line.role == Role::Lyric;
            let face = match (bold, italic) {
                (_, true) => 2,
                (true, false) => 1,
                (false, false) => 0,
            };
            Run {
                text,
                face,
                underline: line.underline || style.underline,
                embolden: bold && italic,
            }
        })
        .collect()
}

/// A font to embed: its file, its cmap, and the glyphs used so far.
struct Font {
    name: &'static [u8],
    data: &'static [u8],
    face: ttf_parser::Face<'static>,
    /// Glyph id → the character it was used for, for the ToUnicode map.
    used: Vec<Option<char>>,
    /// Glyph ids of the ASCII characters, looked up once: nearly every
    /// character of a screenplay is one.
    ascii: [Option<u16>; 128],
}

impl Font {
    fn load(name: &'static [u8], data: &'static [u8]) -> Option<Font> {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let mut ascii = [None; 128];
        for (i, slot) in ascii.iter_mut().enumerate() {
            *slot = face.glyph_index(char::from(i as u8)).map(|g| g.0);
        }
        let used = vec![None; usize::from(face.number_of_glyphs())];
        Some(Font {
            name,
            data,
            face,
            used,
            ascii,
        })
    }

    /// The text as 2-byte glyph ids; characters the font lacks become `?`.
    fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let found = match self.ascii.get(c as usize) {
                Some(&cached) => cached,
                None => self.face.glyph_index(c).map(|g| g.0),
            };
            let (glyph, c) = match found {
                Some(g) => (g, c),
                None => (self.ascii[usize::from(b'?')].unwrap_or(0), '?'),
            };
            if let Some(slot @ None) = self.used.get_mut(usize::from(glyph)) {
                *slot = Some(c);
            }
            out.extend_from_slice(&glyph.to_be_bytes());
        }
        out
    }
}

/// The PDF bytes of `screenplay`.
pub fn export(screenplay: &Screenplay, options: Options) -> Vec<u8> {
    let document = layout::layout(screenplay, options.paper);
    render(&document, &super::title(screenplay))
}

/// Writes a laid-out document.
pub fn render(document: &Document, title: &str) -> Vec<u8> {
    // The italic face only when something is set in it.
    let italic = document
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .any(|l| runs(l).iter().any(|run| run.face == 2));
    let faces: &[(&[u8], &[u8])] = &[
        (b"CourierPrime", REGULAR),
        (b"CourierPrime-Bold", BOLD),
        (b"CourierPrime-Italic", ITALIC),
    ];
    let mut fonts: Vec<Font> = faces[..if italic { 3 } else { 2 }]
        .iter()
        .filter_map(|&(n, d)| Font::load(n, d))
        .collect();
    let mut pdf = Pdf::new();
    let mut next = 1;
    let mut alloc = || {
        let r = Ref::new(next);
        next += 1;
        r
    };
    let catalog = alloc();
    let tree = alloc();
    let info = alloc();
    let font_refs: Vec<Ref> = fonts.iter().map(|_| alloc()).collect();
    let page_refs: Vec<(Ref, Ref)> = document.pages.iter().map(|_| (alloc(), alloc())).collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_refs.iter().map(|(p, _)| *p))
        .count(page_refs.len() as i32);
    pdf.document_info(info)
        .title(pdf_writer::TextStr(title))
        .creator(pdf_writer::TextStr("bout"));
    for (page, &(page_ref, content_ref)) in document.pages.iter().zip(&page_refs) {
        let mut content = Content::new();
        content.begin_text();
        let mut current: Option<(usize, f32)> = None;
        // Rules under underlined text: from x, to x, the baseline.
        let mut rules: Vec<(f32, f32, f32)> = Vec::new();
        for line in &page.lines {
            // Each run of emphasis in its face, one after the other:
            // Courier Prime's characters are all 0.6 em wide.
            let mut x = line.x;
            for Run {
                text,
                face: index,
                underline,
                embolden,
            } in runs(line)
            {
                // A face that did not load falls back to the regular one.
                let index = if index < fonts.len() { index } else { 0 };
                let Some(font) = fonts.get_mut(index) else {
                    continue;
                };
                let bytes = font.encode(&text);
                if current != Some((index, line.size)) {
                    content.set_font(Name(FONT_NAMES[index]), line.size);
                    current = Some((index, line.size));
                }
                content.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, document.height - line.y]);
                if embolden {
                    // Bold italic: the italic face, its outline stroked too
                    // (Courier Prime's bold italic is not embedded).
                    content.set_line_width(0.35);
                    content.set_text_rendering_mode(TextRenderingMode::FillStroke);
                }
                content.show(Str(&bytes));
                if embolden {
                    content.set_text_rendering_mode(TextRenderingMode::Fill);
                }
                let width = text.chars().count() as f32 * line.size * 0.6;
                if underline {
                    rules.push((x, x + width, line.y));
                }
                x += width;
            }
        }
        content.end_text();
        if !rules.is_empty() {
            content.set_line_width(0.6);
            for (from, to, baseline) in rules {
                let y = document.height - baseline - 2.0;
                content.move_to(from, y);
                content.line_to(to, y);
            }
            content.stroke();
        }
        let data = content.finish();
        pdf.stream(content_ref, &data);
        let mut p = pdf.page(page_ref);
        p.media_box(Rect::new(0.0, 0.0, document.width, document.height))
            .parent(tree)
            .contents(content_ref);
        let mut resources = p.resources();
        let mut font_dict = resources.fonts();
        for (name, r) in FONT_NAMES.iter().zip(&font_refs) {
            font_dict.pair(Name(name), *r);
        }
    }
    for (font, &type0) in fonts.iter().zip(&font_refs) {
        let cid = alloc();
        let descriptor = alloc();
        let file = alloc();
        let cmap_ref = alloc();
        let system = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };
        pdf.type0_font(type0)
            .base_font(Name(font.name))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(cmap_ref);
        pdf.cid_font(cid)
            .subtype(CidFontType::Type0)
            .base_font(Name(font.name))
            .system_info(system)
            .font_descriptor(descriptor)
            .default_width(600.0);
        let units = f32::from(font.face.units_per_em());
        let scale = |v: i16| f32::from(v) * 1000.0 / units;
        let bbox = font.face.global_bounding_box();
        pdf.font_descriptor(descriptor)
            .name(Name(font.name))
            .flags(FontFlags::FIXED_PITCH | FontFlags::SERIF | FontFlags::NON_SYMBOLIC)
            .bbox(Rect::new(
                scale(bbox.x_min),
                scale(bbox.y_min),
                scale(bbox.x_max),
                scale(bbox.y_max),
            ))
            .italic_angle(0.0)
            .ascent(scale(font.face.ascender()))
            .descent(scale(font.face.descender()))
            .cap_height(scale(font.face.capital_height().unwrap_or(600)))
            .stem_v(80.0)
            .font_file3(file);
        pdf.stream(file, font.data)
            .pair(Name(b"Subtype"), Name(b"OpenType"));
        let mut cmap = UnicodeCmap::new(Name(b"Custom"), system);
        for (glyph, c) in font.used.iter().enumerate() {
            if let Some(c) = c {
                cmap.pair(glyph as u16, *c);
            }
        }
        pdf.stream(cmap_ref, &cmap.finish());
    }
    pdf.finish()
}
