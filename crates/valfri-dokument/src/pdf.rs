//! Laid-out pages to PDF bytes through printpdf, then the parts of PDF/A-2b that printpdf does
//! not write itself (XMP with the pdfaid schema, an sRGB output intent, matching document
//! information, the document language), added to the lopdf document before it is saved.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use lopdf::{Dictionary, Object, Stream, StringFormat};
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use crate::DokumentFel;
use crate::layout::{Element, Sida, Sidformat};
use crate::typsnitt::{Delmangd, Typsnitt, Vikt};

/// What the document says about itself.
#[derive(Debug)]
pub(crate) struct Metadata {
    pub titel: String,
    /// The nämnd that sends the document.
    pub forfattare: String,
    /// ISO 639-1.
    pub sprak: String,
    pub datum: NaiveDate,
}

const PRODUCENT: &str = "Valfri";

fn svart() -> Color {
    Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None })
}

fn ljusgra() -> Color {
    Color::Rgb(Rgb { r: 0.9, g: 0.9, b: 0.9, icc_profile: None })
}

/// Writes the pages, each in its own format: a letter's portrait pages and the landscape
/// comparison sheet that goes with it are one PDF.
pub(crate) fn skriv(
    t: &Typsnitt,
    sidor: &[(&Sidformat, &Sida)],
    meta: &Metadata,
) -> Result<Vec<u8>, DokumentFel> {
    let tecken = |vikt: Vikt| {
        sidor.iter().flat_map(|(_, s)| &s.element).filter_map(move |e| match e {
            Element::Text { vikt: v, text, .. } if *v == vikt => Some(text.chars()),
            _ => None,
        })
    };
    let delmangder = [
        t.normal.delmangd(tecken(Vikt::Normal).flatten())?,
        t.fet.delmangd(tecken(Vikt::Fet).flatten())?,
    ];
    let mut doc = PdfDocument::new(&meta.titel);
    let normal = doc.add_font(&delmangder[0].font);
    let fet = doc.add_font(&delmangder[1].font);
    let sidor: Vec<PdfPage> = sidor
        .iter()
        .map(|(f, s)| {
            PdfPage::new(
                Mm(f.bredd / crate::layout::MM),
                Mm(f.hojd / crate::layout::MM),
                sidans_op(s, f.hojd, &normal, &fet),
            )
        })
        .collect();
    doc.with_pages(sidor);
    // The fonts are subsets already (see `Ansikte::delmangd`): printpdf embeds them as they are.
    let opt = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut varningar = Vec::new();
    let mut lo = doc.to_lopdf_document(&opt, &mut varningar);
    infoga_delmangder(&mut lo, &delmangder);
    pdfa(&mut lo, meta)?;
    komprimera(&mut lo);
    let mut ut = Vec::new();
    lo.save_to(&mut ut).map_err(|e| DokumentFel::Skriva { detalj: e.to_string() })?;
    Ok(ut)
}

/// zlib-wrapped deflate, as `FlateDecode` reads it.
pub(crate) fn deflate(data: &[u8], niva: u32) -> std::io::Result<Vec<u8>> {
    use std::io::Write as _;
    let mut kodare = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 2),
        flate2::Compression::new(niva),
    );
    kodare.write_all(data)?;
    kodare.finish()
}

/// Puts each subset's compressed program in place of the plain one printpdf wrote, and names
/// the font as a subset (`ABCDEF+DejaVuSans`) in its descriptor and both font dictionaries.
fn infoga_delmangder(lo: &mut lopdf::Document, delmangder: &[Arc<Delmangd>]) {
    let mut program = BTreeMap::new();
    for (id, objekt) in &mut lo.objects {
        let Object::Stream(strom) = objekt else { continue };
        if let Some(d) = delmangder.iter().find(|d| d.program == strom.content) {
            strom.set_content(d.packad.clone());
            strom.dict.set("Filter", "FlateDecode");
            program.insert(*id, d.namn.clone());
        }
    }
    // The name travels along the references: program → descriptor → CIDFont → Type0 font.
    let beskrivningar = namnge_alla(lo, &program, b"FontFile2", "FontName");
    let cid_fonter = namnge_alla(lo, &beskrivningar, b"FontDescriptor", "BaseFont");
    // printpdf writes the CIDFont inline in its Type0 font's DescendantFonts; a separate
    // object would be just as valid, so both are handled.
    for objekt in lo.objects.values_mut() {
        let Object::Dictionary(typ0) = objekt else { continue };
        let Ok(Object::Array(underfonter)) = typ0.get_mut(b"DescendantFonts") else { continue };
        let mut namn = None;
        for underfont in underfonter.iter_mut() {
            match underfont {
                Object::Reference(id) => namn = cid_fonter.get(id).cloned().or(namn),
                Object::Dictionary(cid) => {
                    namn = namnge(cid, &beskrivningar, b"FontDescriptor", "BaseFont").or(namn);
                }
                _ => {}
            }
        }
        if let Some(namn) = namn {
            typ0.set("BaseFont", Object::Name(namn.into_bytes()));
        }
    }
}

/// Gives `d` the name of the object its `lank` refers to, under `falt`, when that object is named.
fn namnge(
    d: &mut Dictionary,
    namngivna: &BTreeMap<lopdf::ObjectId, String>,
    lank: &[u8],
    falt: &str,
) -> Option<String> {
    let namn =
        d.get(lank).and_then(Object::as_reference).ok().and_then(|id| namngivna.get(&id))?.clone();
    d.set(falt, Object::Name(namn.clone().into_bytes()));
    Some(namn)
}

/// [`namnge`] for every dictionary object; returns the ids of those it named, with the name.
fn namnge_alla(
    lo: &mut lopdf::Document,
    namngivna: &BTreeMap<lopdf::ObjectId, String>,
    lank: &[u8],
    falt: &str,
) -> BTreeMap<lopdf::ObjectId, String> {
    let mut ut = BTreeMap::new();
    for (id, objekt) in &mut lo.objects {
        let Object::Dictionary(d) = objekt else { continue };
        if let Some(namn) = namnge(d, namngivna, lank, falt) {
            ut.insert(*id, namn);
        }
    }
    ut
}

/// Deflates every stream that may be compressed and is not yet (the pages' content and the
/// fonts' `ToUnicode` maps; the font programs come compressed from their cache). lopdf's own
/// `compress` uses the slowest level, which took over 40 % of a letter's time for a file about
/// 1 % smaller. Level 2 (zlib-rs's fast strategy, dynamic Huffman codes) instead of zlib's
/// default 6: in a profile of `valfri letters` the content streams' deflate was 13 % of the
/// batch's CPU time at level 6; level 2 took the batch's user CPU down by about 15 %, for a
/// letter about 2 KB larger (`every_letter_of_the_demo_with_its_sheet_is_under_50_kb` holds
/// the size; `valfri-utskick/benches/README.md` has the numbers).
const NIVA: u32 = 2;

fn komprimera(lo: &mut lopdf::Document) {
    for objekt in lo.objects.values_mut() {
        let lopdf::Object::Stream(strom) = objekt else { continue };
        if !strom.allows_compression || strom.dict.get(b"Filter").is_ok() {
            continue;
        }
        // A stream that cannot be compressed is kept as it is: still a valid PDF.
        let Ok(packad) = deflate(&strom.content, NIVA) else { continue };
        if packad.len() < strom.content.len() {
            strom.dict.set("Filter", "FlateDecode");
            strom.set_content(packad);
        }
    }
}

/// Graphics first, then all text in one text object: text-showing operators are only valid
/// inside BT/ET, and paths are not.
fn sidans_op(s: &Sida, sidhojd: f32, normal: &FontId, fet: &FontId) -> Vec<Op> {
    let p = |x: f32, y: f32| Point { x: Pt(x), y: Pt(sidhojd - y) };
    let mut op = Vec::new();
    for e in &s.element {
        match e {
            Element::Linje { x1, y1, x2, y2, tjocklek } => {
                op.push(Op::SetOutlineColor { col: svart() });
                op.push(Op::SetOutlineThickness { pt: Pt(*tjocklek) });
                op.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint { p: p(*x1, *y1), bezier: false },
                            LinePoint { p: p(*x2, *y2), bezier: false },
                        ],
                        is_closed: false,
                    },
                });
            }
            Element::Ruta { x, y, b, h, fylld } => {
                if *fylld {
                    op.push(Op::SetFillColor { col: ljusgra() });
                } else {
                    op.push(Op::SetOutlineColor { col: svart() });
                    op.push(Op::SetOutlineThickness { pt: Pt(1.0) });
                }
                op.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(sidhojd - y - h),
                        width: Pt(*b),
                        height: Pt(*h),
                        mode: Some(if *fylld { PaintMode::Fill } else { PaintMode::Stroke }),
                        winding_order: None,
                    },
                });
            }
            Element::Text { .. } => {}
        }
    }
    op.push(Op::SetFillColor { col: svart() });
    op.push(Op::StartTextSection);
    let mut aktuell: Option<(Vikt, f32)> = None;
    for e in &s.element {
        if let Element::Text { x, y, storlek, vikt, text } = e {
            if aktuell != Some((*vikt, *storlek)) {
                let font = match vikt {
                    Vikt::Normal => normal.clone(),
                    Vikt::Fet => fet.clone(),
                };
                op.push(Op::SetFont { font: PdfFontHandle::External(font), size: Pt(*storlek) });
                aktuell = Some((*vikt, *storlek));
            }
            // Tm replaces the text position, where Td would add to the previous one.
            op.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(*x), Pt(sidhojd - y)) });
            op.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
        }
    }
    op.push(Op::EndTextSection);
    op
}

/// The sRGB profile of the output intent, deflated once for all documents.
fn icc_strom() -> Stream {
    static PACKAD: OnceLock<Result<Vec<u8>, ()>> = OnceLock::new();
    match PACKAD.get_or_init(|| deflate(&crate::icc::srgb(), 9).map_err(|_| ())) {
        Ok(packad) => Stream::new(
            Dictionary::from_iter(vec![
                ("N", Object::Integer(3)),
                ("Filter", Object::Name(b"FlateDecode".to_vec())),
            ]),
            packad.clone(),
        ),
        // Uncompressed, `komprimera` gets another chance at it.
        Err(()) => {
            Stream::new(Dictionary::from_iter(vec![("N", Object::Integer(3))]), crate::icc::srgb())
        }
    }
}

fn text_utf16(s: &str) -> Object {
    let mut b = vec![0xFE, 0xFF];
    for e in s.encode_utf16() {
        b.extend_from_slice(&e.to_be_bytes());
    }
    Object::String(b, StringFormat::Hexadecimal)
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Makes the document as close to PDF/A-2b as printpdf's output allows: fonts are already
/// embedded (subset, with `ToUnicode`) and no `.notdef` is shown (see `Ansikte::ersatt`); this adds
/// the metadata stream, the output intent and document information that agrees with it.
fn pdfa(lo: &mut lopdf::Document, meta: &Metadata) -> Result<(), DokumentFel> {
    let fel = |e: lopdf::Error| DokumentFel::Skriva { detalj: e.to_string() };
    "1.7".clone_into(&mut lo.version);
    let dag = meta.datum.format("%Y-%m-%d");
    let xmp_datum = format!("{dag}T00:00:00Z");
    let info_datum = format!("D:{}000000Z", meta.datum.format("%Y%m%d"));
    let xmp = format!(
        concat!(
            "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n",
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n",
            "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">",
            "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>\n",
            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">",
            "<dc:format>application/pdf</dc:format>",
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{titel}</rdf:li></rdf:Alt></dc:title>",
            "<dc:creator><rdf:Seq><rdf:li>{forfattare}</rdf:li></rdf:Seq></dc:creator>",
            "<dc:language><rdf:Bag><rdf:li>{sprak}</rdf:li></rdf:Bag></dc:language></rdf:Description>\n",
            "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">",
            "<xmp:CreateDate>{datum}</xmp:CreateDate><xmp:ModifyDate>{datum}</xmp:ModifyDate>",
            "<xmp:CreatorTool>{producent}</xmp:CreatorTool></rdf:Description>\n",
            "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">",
            "<pdf:Producer>{producent}</pdf:Producer></rdf:Description>\n",
            "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>"
        ),
        titel = xml(&meta.titel),
        forfattare = xml(&meta.forfattare),
        sprak = xml(&meta.sprak),
        datum = xmp_datum,
        producent = PRODUCENT,
    );
    let mut xmp_strom = Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp.into_bytes(),
    );
    // PDF/A wants the metadata readable without decoding.
    xmp_strom.allows_compression = false;
    let xmp_id = lo.add_object(xmp_strom);

    let icc_id = lo.add_object(icc_strom());
    let avsikt = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", Object::string_literal("sRGB IEC61966-2.1")),
        ("Info", Object::string_literal("sRGB IEC61966-2.1")),
        ("DestOutputProfile", Object::Reference(icc_id)),
    ]);

    let info = Dictionary::from_iter(vec![
        ("Title", text_utf16(&meta.titel)),
        ("Author", text_utf16(&meta.forfattare)),
        ("Creator", text_utf16(PRODUCENT)),
        ("Producer", text_utf16(PRODUCENT)),
        ("CreationDate", Object::string_literal(info_datum.clone())),
        ("ModDate", Object::string_literal(info_datum)),
    ]);
    // Replace printpdf's information dictionary in place, so no orphan object is left behind.
    if let Ok(id) = lo.trailer.get(b"Info").and_then(Object::as_reference) {
        lo.objects.insert(id, Object::Dictionary(info));
    } else {
        let id = lo.add_object(info);
        lo.trailer.set("Info", Object::Reference(id));
    }

    let katalog = lo.catalog_mut().map_err(fel)?;
    katalog.set("Metadata", Object::Reference(xmp_id));
    katalog.set("OutputIntents", Object::Array(vec![Object::Dictionary(avsikt)]));
    katalog.set("Lang", Object::string_literal(meta.sprak.clone()));
    katalog.set(
        "ViewerPreferences",
        Object::Dictionary(Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))])),
    );
    // printpdf writes PageMode as a string after outlines; ours has none, keep the name form.
    katalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
    Ok(())
}
