//! The encoding step: a [`Document`] drawn with printpdf, the font embedded as a subset, and
//! every byte a function of the input.
//!
//! printpdf names fonts and the trailer `/ID` with a process-wide counter, so two exports in
//! one process would differ. Here the font resource names (which also give the subset tags)
//! come from a hash of the glyphs each font draws, the `/ID` from the plan's id and the as-of
//! date, and the info dictionary's dates from the as-of date.

use std::collections::BTreeSet;

use jiff::civil::Date;
use printpdf::{
    Color as PdfColor, FontId, Line, LineDashPattern, LinePoint, OffsetDateTime, Op, PaintMode,
    PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, PdfWarnMsg, Point, Polygon,
    PolygonRing, Pt, Rect, Rgb, TextItem, TextMatrix, WindingOrder,
};

use crate::font::fonts;
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

fn rgb(c: Color) -> PdfColor {
    PdfColor::Rgb(Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

fn pt(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// Draws the document and returns the PDF bytes, with printpdf's own warnings (if any) in
/// words.
pub fn encode(doc: &Document, meta: &Meta) -> (Vec<u8>, Vec<String>) {
    let f = fonts();
    // The glyphs each face draws decide its name: the same text gives the same name, and the
    // two faces never share one.
    let mut used = [BTreeSet::new(), BTreeSet::new()];
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text { bold, text, .. } = item {
                used[usize::from(*bold)].extend(text.chars());
            }
        }
    }
    let name_of = |face: &[u8], chars: &BTreeSet<char>| {
        let s: String = chars.iter().collect();
        tag(fnv(&[face, s.as_bytes()]))
    };
    let regular_id = FontId(name_of(b"DejaVuSans", &used[0]));
    let mut bold_id = FontId(name_of(b"DejaVuSans-Bold", &used[1]));
    if bold_id == regular_id {
        bold_id = FontId(tag(fnv(&[b"DejaVuSans-Bold", regular_id.0.as_bytes()])));
    }

    let mut pdf = PdfDocument::new(&meta.title);
    for (id, face) in [(&regular_id, &f.regular), (&bold_id, &f.bold)] {
        let Some(parsed) = face.parsed() else {
            return (
                Vec::new(),
                vec![format!(
                    "the embedded {} font could not be read",
                    face.name()
                )],
            );
        };
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(parsed.clone()));
    }

    let info = &mut pdf.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.creator = meta.generator.clone();
    info.producer = meta.generator.clone();
    info.identifier = meta.plan_id.clone();
    // The as-of date at midnight UTC: the document is "of" that day, whenever it is written.
    let stamp = meta
        .as_of
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_second())
        .unwrap_or(0);
    if let Ok(t) = OffsetDateTime::from_unix_timestamp(stamp) {
        info.creation_date = t;
        info.modification_date = t;
        info.metadata_date = t;
    }

    let pages = doc
        .pages
        .iter()
        .map(|page| {
            let mut p = PdfPage::new(
                printpdf::Mm(page.width * 25.4 / 72.0),
                printpdf::Mm(page.height * 25.4 / 72.0),
                page_ops(&page.items, page.height, &regular_id, &bold_id),
            );
            // Exact points, not a round trip through millimetres.
            let r = Rect::from_wh(Pt(page.width), Pt(page.height));
            p.media_box = r.clone();
            p.trim_box = r.clone();
            p.crop_box = r;
            p
        })
        .collect();
    pdf.pages = pages;

    let opts = PdfSaveOptions {
        optimize: true,
        // Without this the whole of DejaVu Sans (about 700 KB a face) goes into every file.
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings: Vec<PdfWarnMsg> = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    let id = |s: String| lopdf::Object::String(s.into_bytes(), lopdf::StringFormat::Literal);
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            id(hex16(&[meta.plan_id.as_bytes()])),
            id(hex16(&[
                meta.plan_id.as_bytes(),
                meta.as_of.to_string().as_bytes(),
            ])),
        ]),
    );
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    let mut messages: Vec<String> = warnings
        .iter()
        .filter(|w| w.severity != printpdf::PdfParseErrorSeverity::Info)
        .map(|w| format!("printpdf: {}", w.msg))
        .collect();
    if let Err(e) = lo.save_to(&mut bytes) {
        messages.push(format!("could not serialise the PDF: {e}"));
    }
    (bytes, messages)
}

/// Flate level for every stream. lopdf's own `Document::compress` uses level 9 (best), which
/// was the largest single cost of a PDF export (a fifth of the whole command's CPU, most of it
/// on the font subsets); level 6, zlib's default, gives files a few per cent larger in a
/// fraction of the time.
const FLATE_LEVEL: u32 = 6;

/// Compresses every stream that may be compressed and is not yet, as lopdf's
/// `Document::compress` does, at [`FLATE_LEVEL`].
fn compress_streams(lo: &mut lopdf::Document) {
    use std::io::Write as _;
    for object in lo.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 2),
            flate2::Compression::new(FLATE_LEVEL),
        );
        if encoder.write_all(&stream.content).is_err() {
            continue;
        }
        let Ok(compressed) = encoder.finish() else {
            continue;
        };
        // As lopdf: keep a stream plain when compressing it saves nothing (the filter entry
        // costs 19 bytes).
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// The operations for one page. Layout y runs down from the top; PDF y runs up from the bottom.
fn page_ops(items: &[Item], height: f32, regular: &FontId, bold: &FontId) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 4);
    let mut in_text = false;
    // Text state persists across BT/ET within a page's content stream, so it is set only when
    // it changes; the graphics state is tracked the same way.
    let mut font: Option<(bool, f32)> = None;
    let mut fill: Option<Color> = None;
    let mut stroke: Option<(Color, f32, bool)> = None;
    let flip = |y: f32| height - y;
    for item in items {
        let is_text = matches!(item, Item::Text { .. });
        if is_text != in_text {
            ops.push(if is_text {
                Op::StartTextSection
            } else {
                Op::EndTextSection
            });
            in_text = is_text;
        }
        let mut set_fill = |ops: &mut Vec<Op>, c: Color| {
            if fill != Some(c) {
                ops.push(Op::SetFillColor { col: rgb(c) });
                fill = Some(c);
            }
        };
        let mut set_stroke = |ops: &mut Vec<Op>, c: Color, w: f32, dashed: bool| {
            let prev = stroke;
            if prev.map(|s| s.0) != Some(c) {
                ops.push(Op::SetOutlineColor { col: rgb(c) });
            }
            if prev.map(|s| s.1) != Some(w) {
                ops.push(Op::SetOutlineThickness { pt: Pt(w) });
            }
            if prev.map(|s| s.2) != Some(dashed) {
                ops.push(Op::SetLineDashPattern {
                    dash: if dashed {
                        LineDashPattern::new(0.0, &[2.5, 2.0])
                    } else {
                        LineDashPattern::solid()
                    },
                });
            }
            stroke = Some((c, w, dashed));
        };
        match item {
            Item::Text {
                x,
                y,
                size,
                bold: is_bold,
                color,
                text,
                ..
            } => {
                if font != Some((*is_bold, *size)) {
                    let id = if *is_bold { bold } else { regular };
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(*size),
                    });
                    font = Some((*is_bold, *size));
                }
                set_fill(&mut ops, *color);
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(Pt(*x), Pt(flip(*y))),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
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
                set_stroke(&mut ops, *color, *width, *dashed);
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![pt(*x1, flip(*y1)), pt(*x2, flip(*y2))],
                        is_closed: false,
                    },
                });
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                fill: f,
                stroke: s,
            } => {
                if let Some(c) = f {
                    set_fill(&mut ops, *c);
                }
                if let Some(s) = s {
                    set_stroke(&mut ops, s.color, s.width, false);
                }
                let mode = match (f, s) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (None, Some(_)) => PaintMode::Stroke,
                    _ => PaintMode::Fill,
                };
                if f.is_none() && s.is_none() {
                    continue;
                }
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(flip(y + h)),
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(mode),
                        winding_order: Some(WindingOrder::NonZero),
                    },
                });
            }
            Item::Polygon {
                points,
                fill: f,
                stroke: s,
            } => {
                set_fill(&mut ops, *f);
                if let Some(s) = s {
                    set_stroke(&mut ops, s.color, s.width, false);
                }
                ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing {
                            points: points.iter().map(|&(x, y)| pt(x, flip(y))).collect(),
                        }],
                        mode: if s.is_some() {
                            PaintMode::FillStroke
                        } else {
                            PaintMode::Fill
                        },
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}
