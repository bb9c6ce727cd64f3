//! PDF in industry layout (see [`super::layout`]), with Courier Prime
//! embedded (`assets/fonts/`, SIL Open Font License). Text is written as
//! glyph ids (Identity-H) with a ToUnicode map, so readers such as
//! `pdftotext` extract it exactly.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode, UnicodeCmap};
use std::io::Write;

use pdf_writer::{Chunk, Content, Name, Rect, Ref, Str};

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
    crate::export::made_whole_bytes(|out| write(screenplay, options, out))
}

/// Writes the PDF of `screenplay` to `to`, a page at a time.
pub fn write(screenplay: &Screenplay, options: Options, to: &mut dyn Write) -> std::io::Result<()> {
    write_each(screenplay, options.paper, to)
}

/// The PDF bytes of a laid-out document.
pub fn render(document: &Document, title: &str) -> Vec<u8> {
    crate::export::made_whole_bytes(|out| write_laid_out(document, title, out))
}

/// A PDF file written object by object as it is made, never held whole:
/// each indirect object is made in a [`Chunk`] of its own and written at
/// once, its offset kept for the cross-reference table at the end (which
/// is what `pdf_writer::Pdf::finish` writes, for a file whose objects are
/// numbered 1 to N without a gap).
struct File<'w> {
    to: &'w mut dyn Write,
    /// Bytes written so far.
    at: usize,
    /// Each object's offset, by its number less one.
    offsets: Vec<usize>,
}

impl File<'_> {
    /// Starts the file with PDF 1.7's header (and its binary marker).
    fn start(to: &mut dyn Write) -> std::io::Result<File<'_>> {
        let header = b"%PDF-1.7\n%\x80\x80\x80\x80\n\n";
        to.write_all(header)?;
        Ok(File {
            to,
            at: header.len(),
            offsets: Vec::new(),
        })
    }

    /// Writes `chunk`, which holds the one object `id`.
    fn object(&mut self, id: Ref, chunk: &Chunk) -> std::io::Result<()> {
        let index = (id.get() - 1) as usize;
        if self.offsets.len() <= index {
            self.offsets.resize(index + 1, 0);
        }
        self.offsets[index] = self.at;
        self.to.write_all(chunk.as_bytes())?;
        self.at += chunk.len();
        Ok(())
    }

    /// Writes the cross-reference table and the trailer. Every object from
    /// 1 to the highest written must have been written.
    fn finish(self, catalog: Ref, info: Ref) -> std::io::Result<()> {
        let mut tail = String::with_capacity(self.offsets.len() * 20 + 128);
        let size = self.offsets.len() + 1;
        tail.push_str("xref\n0 ");
        tail.push_str(&size.to_string());
        tail.push_str("\n0000000000 65535 f\r\n");
        for offset in &self.offsets {
            tail.push_str(&format!("{offset:010} 00000 n\r\n"));
        }
        tail.push_str(&format!(
            "trailer\n<<\n  /Size {size}\n  /Root {} 0 R\n  /Info {} 0 R\n>>\nstartxref\n{}\n%%EOF",
            catalog.get(),
            info.get(),
            self.at
        ));
        self.to.write_all(tail.as_bytes())
    }
}

/// Writes a laid-out document to `to`, a page at a time.
pub fn write_laid_out(document: &Document, title: &str, to: &mut dyn Write) -> std::io::Result<()> {
    let mut pages = Pages::start(to, title, document.width, document.height)?;
    for page in &document.pages {
        pages.page(page)?;
    }
    pages.finish()
}

/// Writes the PDF of `screenplay` to `to` as the layout makes its pages.
fn write_each(screenplay: &Screenplay, paper: Paper, to: &mut dyn Write) -> std::io::Result<()> {
    let geometry = layout::Geometry::of(paper);
    let title = super::title(screenplay);
    let mut pages = Pages::start(to, &title, geometry.width, geometry.height)?;
    layout::layout_each(screenplay, paper, &mut |page| pages.page(&page))?;
    pages.finish()
}

/// The regular, bold and italic faces and their font names.
const FACES: [(&[u8], &[u8]); 3] = [
    (b"CourierPrime", REGULAR),
    (b"CourierPrime-Bold", BOLD),
    (b"CourierPrime-Italic", ITALIC),
];

/// The objects every file opens with: the catalog, the page tree, the
/// document information and the resources all pages share. The page tree
/// and the resources are written last, when the pages and the faces they
/// use are known.
const CATALOG: i32 = 1;
const TREE: i32 = 2;
const INFO: i32 = 3;
const RESOURCES: i32 = 4;

/// A PDF being written a page at a time.
struct Pages<'w> {
    file: File<'w>,
    /// The next free object number.
    next: i32,
    /// The regular, bold and italic faces (each `None` if it did not load).
    fonts: [Option<Font>; 3],
    /// Whether any text was set in the italic face: it is embedded only
    /// then.
    italic: bool,
    /// Each page's object.
    pages: Vec<Ref>,
    width: f32,
    height: f32,
}

impl<'w> Pages<'w> {
    /// Writes the header, the catalog and the document information.
    fn start(
        to: &'w mut dyn Write,
        title: &str,
        width: f32,
        height: f32,
    ) -> std::io::Result<Pages<'w>> {
        let mut file = File::start(to)?;
        let mut chunk = Chunk::new();
        chunk
            .indirect(Ref::new(CATALOG))
            .start::<pdf_writer::writers::Catalog>()
            .pages(Ref::new(TREE));
        file.object(Ref::new(CATALOG), &chunk)?;
        let mut chunk = Chunk::new();
        chunk
            .indirect(Ref::new(INFO))
            .start::<pdf_writer::writers::DocumentInfo>()
            .title(pdf_writer::TextStr(title))
            .creator(pdf_writer::TextStr("bout"));
        file.object(Ref::new(INFO), &chunk)?;
        Ok(Pages {
            file,
            next: RESOURCES + 1,
            fonts: FACES.map(|(name, data)| Font::load(name, data)),
            italic: false,
            pages: Vec::new(),
            width,
            height,
        })
    }

    fn alloc(&mut self) -> Ref {
        let r = Ref::new(self.next);
        self.next += 1;
        r
    }

    /// Writes one page: its content stream, then the page.
    fn page(&mut self, page: &layout::Page) -> std::io::Result<()> {
        let page_ref = self.alloc();
        let content_ref = self.alloc();
        self.pages.push(page_ref);
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
                let index = if self.fonts[index].is_some() {
                    index
                } else {
                    0
                };
                let Some(font) = self.fonts[index].as_mut() else {
                    continue;
                };
                self.italic |= index == 2;
                let bytes = font.encode(&text);
                if current != Some((index, line.size)) {
                    content.set_font(Name(FONT_NAMES[index]), line.size);
                    current = Some((index, line.size));
                }
                content.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, self.height - line.y]);
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
                let y = self.height - baseline - 2.0;
                content.move_to(from, y);
                content.line_to(to, y);
            }
            content.stroke();
        }
        let data = content.finish();
        let mut chunk = Chunk::with_capacity(data.len() + 64);
        chunk.stream(content_ref, &data);
        self.file.object(content_ref, &chunk)?;
        let mut chunk = Chunk::new();
        chunk
            .page(page_ref)
            .media_box(Rect::new(0.0, 0.0, self.width, self.height))
            .parent(Ref::new(TREE))
            .contents(content_ref)
            .pair(Name(b"Resources"), Ref::new(RESOURCES));
        self.file.object(page_ref, &chunk)
    }

    /// Writes the faces used, the shared resources, the page tree and the
    /// cross-reference table.
    fn finish(mut self) -> std::io::Result<()> {
        // Regular and bold always; italic only when something is set in it.
        let used = if self.italic { 3 } else { 2 };
        let fonts: Vec<(usize, Font)> = std::mem::take(&mut self.fonts)
            .into_iter()
            .enumerate()
            .take(used)
            .filter_map(|(i, f)| Some((i, f?)))
            .collect();
        let font_refs: Vec<Ref> = fonts.iter().map(|_| self.alloc()).collect();
        let mut chunk = Chunk::new();
        {
            // The writers close their dictionaries when dropped.
            let mut resources = chunk
                .indirect(Ref::new(RESOURCES))
                .start::<pdf_writer::writers::Resources>();
            let mut font_dict = resources.fonts();
            for ((i, _), r) in fonts.iter().zip(&font_refs) {
                font_dict.pair(Name(FONT_NAMES[*i]), *r);
            }
        }
        self.file.object(Ref::new(RESOURCES), &chunk)?;
        let fonts: Vec<Font> = fonts.into_iter().map(|(_, f)| f).collect();
        for (font, &type0) in fonts.iter().zip(&font_refs) {
            let cid = self.alloc();
            let descriptor = self.alloc();
            let font_file = self.alloc();
            let cmap_ref = self.alloc();
            let system = SystemInfo {
                registry: Str(b"Adobe"),
                ordering: Str(b"Identity"),
                supplement: 0,
            };
            let mut chunk = Chunk::new();
            chunk
                .type0_font(type0)
                .base_font(Name(font.name))
                .encoding_predefined(Name(b"Identity-H"))
                .descendant_font(cid)
                .to_unicode(cmap_ref);
            self.file.object(type0, &chunk)?;
            let mut chunk = Chunk::new();
            chunk
                .cid_font(cid)
                .subtype(CidFontType::Type0)
                .base_font(Name(font.name))
                .system_info(system)
                .font_descriptor(descriptor)
                .default_width(600.0);
            self.file.object(cid, &chunk)?;
            let units = f32::from(font.face.units_per_em());
            let scale = |v: i16| f32::from(v) * 1000.0 / units;
            let bbox = font.face.global_bounding_box();
            let mut chunk = Chunk::new();
            chunk
                .font_descriptor(descriptor)
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
                .font_file3(font_file);
            self.file.object(descriptor, &chunk)?;
            let mut chunk = Chunk::with_capacity(font.data.len() + 128);
            chunk
                .stream(font_file, font.data)
                .pair(Name(b"Subtype"), Name(b"OpenType"));
            self.file.object(font_file, &chunk)?;
            let mut cmap = UnicodeCmap::new(Name(b"Custom"), system);
            for (glyph, c) in font.used.iter().enumerate() {
                if let Some(c) = c {
                    cmap.pair(glyph as u16, *c);
                }
            }
            let mut chunk = Chunk::new();
            chunk.stream(cmap_ref, &cmap.finish());
            self.file.object(cmap_ref, &chunk)?;
        }
        let mut chunk = Chunk::new();
        chunk
            .pages(Ref::new(TREE))
            .kids(self.pages.iter().copied())
            .count(self.pages.len() as i32);
        self.file.object(Ref::new(TREE), &chunk)?;
        self.file.finish(Ref::new(CATALOG), Ref::new(INFO))
    }
}
