//! The encoding step: a [`Document`] written as PDF objects with `pdf-writer`, each face of the
//! font embedded as a subset cut by `subsetter`, and every byte a function of the input.
//!
//! These are the two crates typst writes its PDFs with. Neither parses a whole font: the glyph
//! ids, advance widths and descriptor numbers come from the in-place reader in [`crate::font`],
//! and `subsetter` copies only the glyphs a document draws. (printpdf, used before, parsed both
//! faces of DejaVu Sans with allsorts on every run: about two thirds of the whole command.)
//!
//! Each face is a Type 0 font with `Identity-H` encoding over a CIDFontType2 whose CIDs are the
//! subset's glyph ids, with a `ToUnicode` map so the text can be copied and searched. The subset
//! tag (which also names the font resource) comes from a hash of the characters each face
//! draws, the trailer `/ID` from the plan's id and the as-of date, and the info dictionary's
//! dates from the as-of date.
//!
//! Two kinds of operand in the content streams are written here rather than by pdf-writer: the
//! glyph codes (`Codes`, as raw two-byte literal strings, half the size of hex ones) and
//! the numbers (`Num`, exactly the bytes pdf-writer writes). pdf-writer formats every
//! fractional `f32` with ryu, the shortest-digits algorithm, which was a fifth of the page
//! streams' time; the coordinates and colours layout makes are whole hundredths and
//! thousandths, whose digits come straight from the integer. Any other number still goes to
//! pdf-writer.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Primitive, Rect, Ref, Str, TextStr};
use rayon::prelude::*;
use subsetter::GlyphRemapper;

use crate::font::{Face, fonts};
use crate::layout::{Color, Document, Item};

/// What goes into the document information dictionary.
#[derive(Debug, Clone)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    /// "carepath 0.1.0": the Creator and Producer.
    pub generator: String,
    /// The plan's stable id: the first half of the trailer `/ID`.
    pub plan_id: String,
    pub as_of: Date,
}

/// 64-bit FNV-1a: tiny, stable across platforms and releases (unlike `std`'s hashers).
fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.iter().chain(&[0xff]) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// Six capital letters: a subset tag (ISO 32000-1, 9.6.4) and the font's resource name.
fn tag(h: u64) -> String {
    let mut h = h;
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (h % 26) as u8);
            h /= 26;
            c
        })
        .collect()
}

fn hex16(parts: &[&[u8]]) -> String {
    let a = fnv(parts);
    let b = fnv(&[&a.to_be_bytes(), b"carepath-pdf"]);
    format!("{a:016x}{b:016x}")
}

/// Flate level for every stream: the fastest. Each level up cost more time than the bytes it
/// saved were worth for a file of this size (level 9 several times as much, for files a few
/// per cent smaller).
const FLATE_LEVEL: u32 = 1;

/// zlib-compresses the document's streams with zlib-rs (through flate2): at level 1 about
/// three times as fast as miniz_oxide, which used to be nearly half of the PDF's time. One
/// compressor serves every stream a thread deflates ([`Deflater::with`]), so its tables (about
/// 300 KB, every page of them new memory) are set up once a thread, not once a document.
struct Deflater(flate2::Compress);

thread_local! {
    /// This thread's compressor, made on its first stream and kept for the thread's life (a
    /// worker of rayon's pool lives as long as the process): the next document on this thread
    /// starts without setting one up.
    static DEFLATER: std::cell::RefCell<Option<Deflater>> = const { std::cell::RefCell::new(None) };
}

/// Sets up this thread's compressor now, so the first stream it deflates does not wait for it.
pub(crate) fn prepare_thread() {
    Deflater::with(|_| ());
}

impl Deflater {
    /// Runs `f` with this thread's compressor. Every stream is deflated from a reset
    /// compressor, so its bytes do not depend on the thread or on what it deflated before.
    fn with<R>(f: impl FnOnce(&mut Deflater) -> R) -> R {
        DEFLATER.with(|cell| match cell.try_borrow_mut() {
            Ok(mut slot) => f(slot.get_or_insert_with(Deflater::new)),
            // Only if `f` itself asked for the compressor again (it does not): one of its own.
            Err(_) => f(&mut Deflater::new()),
        })
    }

    fn new() -> Deflater {
        Deflater(flate2::Compress::new(
            flate2::Compression::new(FLATE_LEVEL),
            true,
        ))
    }

    /// The zlib stream of `data`; an error only if zlib itself fails, in words.
    fn deflate(&mut self, data: &[u8]) -> Result<Vec<u8>, String> {
        let z = &mut self.0;
        z.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let read = (z.total_in() as usize).min(data.len());
            match z.compress_vec(&data[read..], &mut out, flate2::FlushCompress::Finish) {
                Ok(flate2::Status::StreamEnd) => return Ok(out),
                // Out of room (or no progress possible without it): grow, and go on.
                Ok(_) => out.reserve(out.capacity().max(64)),
                Err(e) => return Err(format!("the PDF's streams could not be compressed: {e}")),
            }
        }
    }
}

/// One face as the document uses it: its subset's glyph ids, and the character each shows.
struct Used<'a> {
    face: &'a Face,
    /// The subset tag and resource name.
    tag: String,
    remap: GlyphRemapper,
    /// New glyph id → the character it draws, for the `ToUnicode` map.
    chars: BTreeMap<u16, char>,
    /// New glyph ids of U+0020..U+007E, the bulk of every text, without a map lookup.
    ascii: [u16; 95],
}

impl<'a> Used<'a> {
    fn new(face: &'a Face, chars: &CharSet, tag: String) -> Used<'a> {
        let mut remap = GlyphRemapper::new();
        let mut shown = BTreeMap::new();
        let mut ascii = [0; 95];
        // In character order, so the same text always gives the same glyph ids.
        for c in chars.iter() {
            let new = remap.remap(face.glyph(c));
            shown.entry(new).or_insert(c);
            if let Some(i) = (c as usize).checked_sub(0x20).filter(|&i| i < 95) {
                ascii[i] = new;
            }
        }
        Used {
            face,
            tag,
            remap,
            chars: shown,
            ascii,
        }
    }

    /// `text` as the 2-byte codes (the subset's glyph ids) that `Identity-H` reads, into `out`.
    fn codes<'b>(&self, text: &str, out: &'b mut Vec<u8>) -> &'b [u8] {
        out.clear();
        out.reserve(2 * text.len());
        for c in text.chars() {
            let code = match (c as usize).checked_sub(0x20).filter(|&i| i < 95) {
                Some(i) => self.ascii[i],
                None => self.remap.get(self.face.glyph(c)).unwrap_or(0),
            };
            out.extend_from_slice(&code.to_be_bytes());
        }
        out
    }
}

/// The characters a face draws, in code point order: a bit per character of the Basic
/// Multilingual Plane (where nearly all text is), a sorted set for the rest.
struct CharSet {
    bmp: Vec<u64>,
    astral: BTreeSet<char>,
}

impl CharSet {
    fn new() -> CharSet {
        CharSet {
            bmp: vec![0; 0x10000 / 64],
            astral: BTreeSet::new(),
        }
    }

    fn extend(&mut self, text: &str) {
        for c in text.chars() {
            let cp = c as usize;
            match self.bmp.get_mut(cp / 64) {
                Some(word) => *word |= 1 << (cp % 64),
                None => {
                    self.astral.insert(c);
                }
            }
        }
    }

    fn iter(&self) -> impl Iterator<Item = char> + '_ {
        // Only the set bits of each word (lowest first), not all 65,536 of the plane.
        let bmp = self.bmp.iter().enumerate().flat_map(|(i, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                while rest != 0 {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    if let Some(c) = char::from_u32((i * 64 + bit) as u32) {
                        return Some(c);
                    }
                }
                None
            })
        });
        bmp.chain(self.astral.iter().copied())
    }
}

/// A text's glyph codes as a literal string of their bytes (`(\0\030...)` written raw): two
/// bytes a glyph, where a hex string (`<0018>`) takes four and pdf-writer's `Str` escapes such
/// bytes to up to eight. Only what a literal string cannot hold as it is gets a backslash: the
/// delimiters `(` and `)`, the backslash itself, and a carriage return, which a reader would
/// otherwise take for an end of line (ISO 32000-1, 7.3.4.2). The content streams are deflated,
/// so raw bytes cost nothing in the file; they are about a third smaller before it.
struct Codes<'a>(&'a [u8]);

impl Primitive for Codes<'_> {
    fn write(self, buf: &mut pdf_writer::Buf) {
        buf.extend(b"(");
        // Runs of bytes that need no escape are copied whole.
        let mut rest = self.0;
        while let Some(i) = rest
            .iter()
            .position(|b| matches!(b, b'(' | b')' | b'\\' | b'\r'))
        {
            buf.extend(&rest[..i]);
            buf.extend(match rest[i] {
                b'(' => b"\\(",
                b')' => b"\\)",
                b'\\' => b"\\\\",
                _ => b"\\r",
            });
            rest = &rest[i + 1..];
        }
        buf.extend(rest);
        buf.extend(b")");
    }
}

/// A number in a page's content stream, written exactly as pdf-writer writes an `f32` (an
/// integer without a point, else ryu's shortest digits) but without ryu for the values layout
/// makes: coordinates in hundredths of a point and colour channels in thousandths. A value that
/// is exactly a whole number of thousandths (and below 8192, where two thousandths are always
/// two different `f32`s) has those digits as its shortest form; any other value is handed to
/// pdf-writer. A test compares the two writers over every such value and random others.
#[derive(Clone, Copy)]
struct Num(f32);

impl Num {
    /// The digits of `v` when it is a whole number of thousandths below 8192.
    fn thousandths(v: f32) -> Option<([u8; 16], usize)> {
        // NaN and the infinities are not below it either.
        if v.is_nan() || v.abs() >= 8192.0 {
            return None;
        }
        let k = (f64::from(v) * 1000.0).round();
        if (k / 1000.0) as f32 != v {
            return None;
        }
        let k = k as i64;
        let (whole, frac) = (k.unsigned_abs() / 1000, k.unsigned_abs() % 1000);
        let mut out = [0u8; 16];
        let mut n = 0;
        // `width` decimal digits of `value` at `n`, the most significant first.
        fn put(out: &mut [u8; 16], n: &mut usize, value: u64, width: usize) {
            let mut rest = value;
            for i in (0..width).rev() {
                out[*n + i] = b'0' + (rest % 10) as u8;
                rest /= 10;
            }
            *n += width;
        }
        if k < 0 {
            out[n] = b'-';
            n += 1;
        }
        // At most four digits: `whole` is below 8192.
        let width = match whole {
            0..=9 => 1,
            10..=99 => 2,
            100..=999 => 3,
            _ => 4,
        };
        put(&mut out, &mut n, whole, width);
        if frac != 0 {
            // The fraction without its trailing zeros: .5, .25, .043.
            let (mut digits, mut width) = (frac, 3);
            while digits % 10 == 0 {
                digits /= 10;
                width -= 1;
            }
            out[n] = b'.';
            n += 1;
            put(&mut out, &mut n, digits, width);
        }
        Some((out, n))
    }
}

impl Primitive for Num {
    fn write(self, buf: &mut pdf_writer::Buf) {
        match Num::thousandths(self.0) {
            Some((digits, n)) => buf.extend(&digits[..n]),
            None => self.0.write(buf),
        }
    }
}

/// Hands out object numbers in order.
struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// Draws the document and returns the PDF bytes, with any problem (if the font could not be
/// subset) in words.
pub fn encode(doc: &Document, meta: &Meta) -> (Vec<u8>, Vec<String>) {
    let f = fonts();
    // The glyphs each face draws decide its name: the same text gives the same name, and the
    // two faces never share one.
    let mut chars = [CharSet::new(), CharSet::new()];
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text { bold, text, .. } = item {
                chars[usize::from(*bold)].extend(text);
            }
        }
    }
    let name_of = |face: &[u8], chars: &CharSet| {
        let s: String = chars.iter().collect();
        tag(fnv(&[face, s.as_bytes()]))
    };
    let regular_tag = name_of(b"DejaVuSans", &chars[0]);
    let mut bold_tag = name_of(b"DejaVuSans-Bold", &chars[1]);
    if bold_tag == regular_tag {
        bold_tag = tag(fnv(&[b"DejaVuSans-Bold", regular_tag.as_bytes()]));
    }
    let faces = [
        Used::new(f.face(false), &chars[0], regular_tag),
        Used::new(f.face(true), &chars[1], bold_tag),
    ];

    let mut refs = Refs(0);
    let catalog = refs.next();
    let tree = refs.next();
    let info = refs.next();
    let font_refs: Vec<Ref> = faces.iter().map(|_| refs.next()).collect();
    let page_refs: Vec<(Ref, Ref)> = doc
        .pages
        .iter()
        .map(|_| (refs.next(), refs.next()))
        .collect();

    // The expensive part (each face's subset and each page's content stream, all of it
    // deflated) runs in parallel, each thread with its own compressor ([`Deflater::with`]).
    // Every stream is compressed on its own from a reset compressor, so the bytes do not depend
    // on which thread did it; the objects are then written in one order.
    enum Job<'d> {
        Font(usize),
        Page(&'d crate::layout::Page),
    }
    enum Made {
        Font(PreparedFont),
        Page(Vec<u8>),
    }
    let run = |job: &Job| match job {
        Job::Font(i) => Deflater::with(|z| prepare_font(z, &faces[*i])).map(Made::Font),
        Job::Page(page) => {
            let content = page_content(&page.items, page.height, &faces);
            Deflater::with(|z| z.deflate(&content)).map(Made::Page)
        }
    };
    // The faces are the longest jobs: each leads one half of the pages, and the two halves are
    // joined, so a second thread takes the other half, its face first, as soon as it is free,
    // and the faces are cut at once rather than one after the other. The results come back in
    // this order, which keeps the faces' order and the pages'.
    let (first, second) = doc.pages.split_at(doc.pages.len() / 2);
    let a: Vec<Job> = std::iter::once(Job::Font(0))
        .chain(first.iter().map(Job::Page))
        .collect();
    let b: Vec<Job> = (1..faces.len())
        .map(Job::Font)
        .chain(second.iter().map(Job::Page))
        .collect();
    let (mut made, rest) = rayon::join(
        || a.par_iter().map(run).collect::<Vec<Result<Made, String>>>(),
        || b.par_iter().map(run).collect::<Vec<Result<Made, String>>>(),
    );
    made.extend(rest);
    // The first failure in document order, whichever thread met it first.
    let made = match made.into_iter().collect::<Result<Vec<_>, String>>() {
        Ok(made) => made,
        Err(m) => return (Vec::new(), vec![m]),
    };
    let mut prepared = Vec::new();
    let mut contents = Vec::new();
    for m in made {
        match m {
            Made::Font(f) => prepared.push(f),
            Made::Page(c) => contents.push(c),
        }
    }

    let mut pdf = Pdf::with_capacity(
        contents.iter().map(Vec::len).sum::<usize>()
            + prepared
                .iter()
                .map(|p| p.file.len() + p.cmap.len())
                .sum::<usize>()
            + 1024 * (doc.pages.len() + 8),
    );
    pdf.catalog(catalog)
        .pages(tree)
        .pair(Name(b"PageLayout"), Name(b"OneColumn"))
        .pair(Name(b"PageMode"), Name(b"UseNone"));
    pdf.pages(tree)
        .kids(page_refs.iter().map(|p| p.0))
        .count(page_refs.len() as i32);

    for ((page, &(page_ref, content_ref)), content) in
        doc.pages.iter().zip(&page_refs).zip(&contents)
    {
        let mut p = pdf.page(page_ref);
        let r = Rect::new(0.0, 0.0, page.width, page.height);
        p.parent(tree).media_box(r).crop_box(r).trim_box(r);
        p.contents(content_ref);
        let mut resources = p.resources();
        let mut fonts = resources.fonts();
        for (used, &font_ref) in faces.iter().zip(&font_refs) {
            fonts.pair(Name(used.tag.as_bytes()), font_ref);
        }
        fonts.finish();
        resources.finish();
        p.finish();
        pdf.stream(content_ref, content).filter(Filter::FlateDecode);
    }

    let messages = Vec::new();
    for ((used, &font_ref), prepared) in faces.iter().zip(&font_refs).zip(&prepared) {
        write_font(&mut pdf, &mut refs, font_ref, used, prepared);
    }

    let date = pdf_date(meta.as_of);
    let mut di = pdf.document_info(info);
    di.title(TextStr(&meta.title))
        .author(TextStr(&meta.author))
        .subject(TextStr(&meta.subject))
        .creator(TextStr(&meta.generator))
        .producer(TextStr(&meta.generator));
    di.pair(Name(b"CreationDate"), Str(date.as_bytes()));
    di.pair(Name(b"ModDate"), Str(date.as_bytes()));
    di.pair(Name(b"Trapped"), Name(b"False"));
    di.pair(Name(b"Identifier"), Str(meta.plan_id.as_bytes()));
    di.finish();

    pdf.set_file_id((
        hex16(&[meta.plan_id.as_bytes()]).into_bytes(),
        hex16(&[meta.plan_id.as_bytes(), meta.as_of.to_string().as_bytes()]).into_bytes(),
    ));
    (pdf.finish(), messages)
}

/// The as-of date at midnight UTC, as a PDF date: the document is "of" that day, whenever it is
/// written.
fn pdf_date(d: Date) -> String {
    format!(
        "D:{:04}{:02}{:02}000000+00'00'",
        d.year(),
        d.month(),
        d.day()
    )
}

/// One face's streams, made before any object is written: the deflated subset font file (and
/// its length before deflating) and the deflated `ToUnicode` map.
struct PreparedFont {
    file: Vec<u8>,
    file_len: usize,
    cmap: Vec<u8>,
}

/// Cuts and deflates one face's subset and `ToUnicode` map; an error in words if the font could
/// not be subset or zlib failed.
fn prepare_font(z: &mut Deflater, used: &Used) -> Result<PreparedFont, String> {
    let face = used.face;
    let subset = subsetter::subset(face.bytes(), 0, &used.remap).map_err(|e| {
        format!(
            "the embedded {} font could not be subset: {e:?}",
            face.name()
        )
    })?;
    let mut cmap = UnicodeCmap::new(Name(b"Custom"), SYSTEM);
    for (&gid, &c) in &used.chars {
        cmap.pair(gid, c);
    }
    Ok(PreparedFont {
        file: z.deflate(&subset)?,
        file_len: subset.len(),
        cmap: z.deflate(&cmap.finish())?,
    })
}

/// The character collection of every CID font here: Adobe's identity ordering.
const SYSTEM: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// One face: the Type 0 font, its CID font, descriptor, subset font file and `ToUnicode` map.
fn write_font(pdf: &mut Pdf, refs: &mut Refs, font_ref: Ref, used: &Used, prepared: &PreparedFont) {
    let face = used.face;
    let (cid_ref, descriptor_ref, file_ref, cmap_ref) =
        (refs.next(), refs.next(), refs.next(), refs.next());
    let base = format!("{}+{}", used.tag, face.ps_name());
    let base = Name(base.as_bytes());

    pdf.type0_font(font_ref)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_ref)
        .to_unicode(cmap_ref);

    let scale = 1000.0 / face.units_per_em();
    let mut old_of = vec![0u16; usize::from(used.remap.num_gids())];
    for old in used.remap.remapped_gids() {
        if let Some(new) = used.remap.get(old) {
            old_of[usize::from(new)] = old;
        }
    }
    let mut cid = pdf.cid_font(cid_ref);
    cid.subtype(CidFontType::Type2)
        .base_font(base)
        .system_info(SYSTEM)
        .font_descriptor(descriptor_ref)
        .default_width(0.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    cid.widths().consecutive(
        0,
        old_of
            .iter()
            .map(|&old| (f32::from(face.glyph_advance(old)) * scale).round()),
    );
    cid.finish();

    let m = face.metrics();
    let s = |v: i16| (f32::from(v) * scale).round();
    pdf.font_descriptor(descriptor_ref)
        .name(base)
        .flags(FontFlags::NON_SYMBOLIC)
        .bbox(Rect::new(
            s(m.bbox[0]),
            s(m.bbox[1]),
            s(m.bbox[2]),
            s(m.bbox[3]),
        ))
        .italic_angle(m.italic_angle)
        .ascent(s(m.ascender))
        .descent(s(m.descender))
        .cap_height(s(m.cap_height))
        // Not in the font; what typst writes for a regular weight.
        .stem_v(80.0)
        .font_file2(file_ref);

    pdf.stream(file_ref, &prepared.file)
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), prepared.file_len as i32);
    pdf.cmap(cmap_ref, &prepared.cmap)
        .filter(Filter::FlateDecode);
}

/// A colour's channels from 0 to 1, to three decimals: enough for every one of the 256 levels
/// to come back as itself (1/255 is about 0.0039), and 20 bytes a colour operator instead of 36.
fn rgb(c: Color) -> (f32, f32, f32) {
    let channel = |v: u8| (f32::from(v) * 1000.0 / 255.0).round() / 1000.0;
    (channel(c.0), channel(c.1), channel(c.2))
}

/// The content stream of one page. Layout y runs down from the top; PDF y runs up from the
/// bottom.
fn page_content(items: &[Item], height: f32, faces: &[Used; 2]) -> pdf_writer::Buf {
    let mut c = Content::new();
    let mut codes = Vec::new();
    let mut in_text = false;
    // Text state persists across BT/ET within a page's content stream, so it is set only when
    // it changes; the graphics state is tracked the same way.
    let mut font: Option<(bool, f32)> = None;
    let mut fill: Option<Color> = None;
    let mut stroke: Option<(Color, f32, bool)> = None;
    let flip = |y: f32| height - y;
    let set_fill = |c: &mut Content, fill: &mut Option<Color>, col: Color| {
        if *fill != Some(col) {
            let (r, g, b) = rgb(col);
            c.op("rg").operands([Num(r), Num(g), Num(b)]);
            *fill = Some(col);
        }
    };
    let set_stroke =
        |c: &mut Content, stroke: &mut Option<(Color, f32, bool)>, col: Color, w: f32, dashed| {
            let prev = *stroke;
            if prev.map(|s| s.0) != Some(col) {
                let (r, g, b) = rgb(col);
                c.op("RG").operands([Num(r), Num(g), Num(b)]);
            }
            if prev.map(|s| s.1) != Some(w) {
                c.op("w").operand(Num(w));
            }
            if prev.map(|s| s.2) != Some(dashed) {
                if dashed {
                    c.set_dash_pattern([2.5, 2.0], 0.0);
                } else {
                    c.set_dash_pattern([], 0.0);
                }
            }
            *stroke = Some((col, w, dashed));
        };
    for item in items {
        let is_text = matches!(item, Item::Text { .. });
        if is_text != in_text {
            if is_text {
                c.begin_text();
            } else {
                c.end_text();
            }
            in_text = is_text;
        }
        match item {
            Item::Text {
                x,
                y,
                size,
                bold,
                color,
                text,
                ..
            } => {
                let used = &faces[usize::from(*bold)];
                if font != Some((*bold, *size)) {
                    c.op("Tf")
                        .operand(Name(used.tag.as_bytes()))
                        .operand(Num(*size));
                    font = Some((*bold, *size));
                }
                set_fill(&mut c, &mut fill, *color);
                c.op("Tm")
                    .operands([1.0, 0.0, 0.0, 1.0, *x, flip(*y)].map(Num));
                c.op("Tj").operand(Codes(used.codes(text, &mut codes)));
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
                dashed,
            } => {
                set_stroke(&mut c, &mut stroke, *color, *width, *dashed);
                c.op("m").operands([Num(*x1), Num(flip(*y1))]);
                c.op("l").operands([Num(*x2), Num(flip(*y2))]);
                c.stroke();
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                fill: f,
                stroke: s,
            } => {
                if f.is_none() && s.is_none() {
                    continue;
                }
                if let Some(col) = f {
                    set_fill(&mut c, &mut fill, *col);
                }
                if let Some(s) = s {
                    set_stroke(&mut c, &mut stroke, s.color, s.width, false);
                }
                c.op("re").operands([*x, flip(y + h), *w, *h].map(Num));
                match (f, s) {
                    (Some(_), Some(_)) => c.fill_nonzero_and_stroke(),
                    (None, Some(_)) => c.stroke(),
                    _ => c.fill_nonzero(),
                };
            }
            Item::Polygon {
                points,
                fill: f,
                stroke: s,
            } => {
                set_fill(&mut c, &mut fill, *f);
                if let Some(s) = s {
                    set_stroke(&mut c, &mut stroke, s.color, s.width, false);
                }
                let mut points = points.iter();
                if let Some(&(x, y)) = points.next() {
                    c.op("m").operands([Num(x), Num(flip(y))]);
                    for &(x, y) in points {
                        c.op("l").operands([Num(x), Num(flip(y))]);
                    }
                    c.close_path();
                }
                if s.is_some() {
                    c.fill_nonzero_and_stroke();
                } else {
                    c.fill_nonzero();
                }
            }
        }
    }
    if in_text {
        c.end_text();
    }
    c.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes `Codes` writes, as a PDF reader takes them back (ISO 32000-1, 7.3.4.2): a
    /// backslash before `(`, `)`, `\` and `r`/`n` escapes, every other byte as it is, and a raw
    /// CR or CRLF read as LF.
    fn read_literal(written: &[u8]) -> Vec<u8> {
        let inner = &written[1..written.len() - 1];
        let mut out = Vec::new();
        let mut i = 0;
        while i < inner.len() {
            match inner[i] {
                b'\\' => {
                    i += 1;
                    out.push(match inner[i] {
                        b'r' => b'\r',
                        b'n' => b'\n',
                        other => other,
                    });
                }
                b'\r' => {
                    out.push(b'\n');
                    if inner.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                }
                other => out.push(other),
            }
            i += 1;
        }
        out
    }

    /// What pdf-writer writes for `v` as an operand, and what `Num` writes.
    fn both(v: f32) -> (Vec<u8>, Vec<u8>) {
        let mut theirs = Content::new();
        theirs.op("w").operand(v);
        let mut ours = Content::new();
        ours.op("w").operand(Num(v));
        (theirs.finish().into_vec(), ours.finish().into_vec())
    }

    #[test]
    fn numbers_are_written_as_pdf_writer_writes_them() {
        // Every whole number of thousandths from -8192 to 8192, the values layout makes.
        for k in -8_192_000i32..=8_192_000 {
            let v = (f64::from(k) / 1000.0) as f32;
            let (theirs, ours) = both(v);
            assert_eq!(ours, theirs, "{v}");
        }
        // And values that are not, which go to pdf-writer itself.
        for v in [
            0.1234_f32,
            1e-7,
            -3.000_5,
            8192.001,
            1e9,
            f32::MIN_POSITIVE,
            -0.0,
        ] {
            let (theirs, ours) = both(v);
            assert_eq!(ours, theirs, "{v}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_number_is_written_as_pdf_writer_writes_it(bits in proptest::num::u32::ANY) {
            let v = f32::from_bits(bits);
            proptest::prop_assume!(v.is_finite());
            let (theirs, ours) = both(v);
            proptest::prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn every_glyph_code_comes_back_from_its_literal_string() {
        // All two-byte codes of the first 512 glyph ids, the ones a subset has: among them
        // the delimiters 0x28 and 0x29, the backslash 0x5C and the carriage return 0x0D.
        let codes: Vec<u8> = (0u16..512).flat_map(u16::to_be_bytes).collect();
        let mut content = Content::new();
        content.op("Tj").operand(Codes(&codes));
        let stream = content.finish().into_vec();
        let written = stream.strip_suffix(b" Tj").expect("one operator");
        assert_eq!((written[0], written[written.len() - 1]), (b'(', b')'));
        assert_eq!(read_literal(written), codes);
        // Two bytes a glyph, and a few more for the escapes.
        assert!(written.len() < codes.len() + 16, "{} bytes", written.len());
    }

    #[test]
    fn every_colour_level_survives_three_decimals() {
        for v in 0..=255u8 {
            let (r, _, _) = rgb(Color(v, 0, 0));
            assert_eq!((r * 255.0).round() as u8, v);
            assert!(format!("{r}").len() <= 5, "{v}: {r}");
        }
    }
}
