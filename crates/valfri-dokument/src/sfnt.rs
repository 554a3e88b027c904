//! Makes a (subset) font program small before it is embedded: without TrueType hinting and
//! with only the names a reader needs.
//!
//! The font programs were two thirds of a letter's file. Hinting is bytecode that snaps
//! outlines to a screen's pixel grid at small sizes; in `DejaVu` it was half of each glyph's
//! bytes. PDF viewers and printers draw the outlines without it (most never run it), and what
//! is drawn is unchanged: outlines, metrics and cmap are copied byte for byte. What goes: the
//! instructions in each glyph and the tables only the interpreter reads (`cvt `, `fpgm`,
//! `prep`) or that hold hinted pixel widths (`hdmx`, `LTSH`, `VDMX`). The `name` table was
//! another 15 KB, mostly the licence text in several encodings: what stays are the English
//! Unicode entries for the copyright notice, the names and the version (ids 0 to 6, as the
//! common subsetting tools keep by default); the licence itself ships with the program in
//! `fonts/`.
//!
//! The input comes from our own vendored font through allsorts, but it is still read as
//! untrusted: every offset is checked, and anything unexpected returns `None`, after which the
//! caller embeds the program as it was.

/// Tables that only serve the hinting interpreter or hinted rendering.
const HINTING: [&[u8; 4]; 6] = [b"cvt ", b"fpgm", b"prep", b"hdmx", b"LTSH", b"VDMX"];

/// A composite glyph's flags.
const ARGS_ARE_WORDS: u16 = 0x0001;
const HAR_SKALA: u16 = 0x0008;
const FLER_DELAR: u16 = 0x0020;
const HAR_XY_SKALA: u16 = 0x0040;
const HAR_2X2: u16 = 0x0080;
const HAR_INSTRUKTIONER: u16 = 0x0100;

/// The sum every font file's checksum adds up to, as the `head` table defines it.
const KONTROLLSUMMA_MAGI: u32 = 0xB1B0_AFBA;

fn u16_vid(b: &[u8], pos: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(pos..pos.checked_add(2)?)?.try_into().ok()?))
}

fn u32_vid(b: &[u8], pos: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(pos..pos.checked_add(4)?)?.try_into().ok()?))
}

struct Tabell<'a> {
    tagg: [u8; 4],
    data: &'a [u8],
}

fn tabeller(font: &[u8]) -> Option<Vec<Tabell<'_>>> {
    let version = u32_vid(font, 0)?;
    // TrueType outlines only: a CFF font (`OTTO`) has no glyf table to strip.
    if version != 0x0001_0000 && version != u32::from_be_bytes(*b"true") {
        return None;
    }
    let antal = usize::from(u16_vid(font, 4)?);
    (0..antal)
        .map(|i| {
            let post = 12 + 16 * i;
            let tagg: [u8; 4] = font.get(post..post + 4)?.try_into().ok()?;
            let start = usize::try_from(u32_vid(font, post + 8)?).ok()?;
            let langd = usize::try_from(u32_vid(font, post + 12)?).ok()?;
            Some(Tabell { tagg, data: font.get(start..start.checked_add(langd)?)? })
        })
        .collect()
}

/// One glyph without its instructions; the outline bytes after them are copied as they are.
fn glyf_utan_instruktioner(g: &[u8]) -> Option<Vec<u8>> {
    if g.is_empty() {
        return Some(Vec::new());
    }
    let konturer = i16::from_be_bytes(g.get(0..2)?.try_into().ok()?);
    if let Ok(n) = usize::try_from(konturer) {
        // Header (10 bytes), the end point of each contour, then the instruction length.
        let langd_pos = 10 + 2 * n;
        let langd = usize::from(u16_vid(g, langd_pos)?);
        let punkter = match n.checked_sub(1) {
            Some(sista) => usize::from(u16_vid(g, 10 + 2 * sista)?) + 1,
            None => 0,
        };
        let start = langd_pos + 2 + langd;
        // Only the outline itself: the old padding would otherwise be carried along.
        let resten = g.get(start..start + konturdata(g.get(start..)?, punkter)?)?;
        let mut ut = Vec::with_capacity(langd_pos + 2 + resten.len());
        ut.extend_from_slice(g.get(..langd_pos)?);
        ut.extend_from_slice(&[0, 0]);
        ut.extend_from_slice(resten);
        return Some(ut);
    }
    // A composite: its parts, each with flags saying how long it is; instructions, if any,
    // follow the last part.
    let mut ut = g.to_vec();
    let mut pos = 10;
    loop {
        let flaggor = u16_vid(g, pos)?;
        ut.get_mut(pos..pos + 2)?.copy_from_slice(&(flaggor & !HAR_INSTRUKTIONER).to_be_bytes());
        pos += 4 + if flaggor & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        pos += if flaggor & HAR_SKALA != 0 {
            2
        } else if flaggor & HAR_XY_SKALA != 0 {
            4
        } else if flaggor & HAR_2X2 != 0 {
            8
        } else {
            0
        };
        if pos > g.len() {
            return None;
        }
        if flaggor & FLER_DELAR == 0 {
            break;
        }
    }
    ut.truncate(pos);
    Some(ut)
}

/// The `name` table with only the entries a reader of an embedded font uses (see the module
/// comment); `None` when it is not a table this reads.
fn namn_i_korthet(namn: &[u8]) -> Option<Vec<u8>> {
    let antal = usize::from(u16_vid(namn, 2)?);
    let lagring = usize::from(u16_vid(namn, 4)?);
    let mut poster = Vec::new();
    let mut strangar: Vec<u8> = Vec::new();
    for i in 0..antal {
        let post = 6 + 12 * i;
        let falt: Vec<u16> = (0..6).map(|k| u16_vid(namn, post + 2 * k)).collect::<Option<_>>()?;
        let [plattform, kodning, sprak, id, langd, start] = falt[..] else { return None };
        let engelska = matches!((plattform, sprak), (0, 0) | (3, 0x0409));
        if !engelska || id > 6 {
            continue;
        }
        let text = namn
            .get(lagring + usize::from(start)..lagring + usize::from(start) + usize::from(langd))?;
        poster.push([plattform, kodning, sprak, id, langd, u16::try_from(strangar.len()).ok()?]);
        strangar.extend_from_slice(text);
    }
    let mut ut = Vec::with_capacity(6 + 12 * poster.len() + strangar.len());
    for falt in [0, u16::try_from(poster.len()).ok()?, u16::try_from(6 + 12 * poster.len()).ok()?] {
        ut.extend_from_slice(&falt.to_be_bytes());
    }
    for falt in poster.iter().flatten() {
        ut.extend_from_slice(&falt.to_be_bytes());
    }
    ut.extend_from_slice(&strangar);
    Some(ut)
}

/// How many bytes a simple glyph's flags and coordinates take for `punkter` points.
fn konturdata(data: &[u8], punkter: usize) -> Option<usize> {
    const X_KORT: u8 = 0x02;
    const Y_KORT: u8 = 0x04;
    const UPPREPA: u8 = 0x08;
    const X_SAMMA: u8 = 0x10;
    const Y_SAMMA: u8 = 0x20;
    let mut flaggor = Vec::with_capacity(punkter);
    let mut pos = 0;
    while flaggor.len() < punkter {
        let f = *data.get(pos)?;
        pos += 1;
        let ganger = if f & UPPREPA != 0 {
            pos += 1;
            1 + usize::from(*data.get(pos - 1)?)
        } else {
            1
        };
        flaggor.extend(std::iter::repeat_n(f, ganger));
    }
    if flaggor.len() != punkter {
        return None;
    }
    let storlek = |f: u8, kort: u8, samma: u8| {
        if f & kort != 0 {
            1
        } else if f & samma != 0 {
            0
        } else {
            2
        }
    };
    let koordinater: usize =
        flaggor.iter().map(|f| storlek(*f, X_KORT, X_SAMMA) + storlek(*f, Y_KORT, Y_SAMMA)).sum();
    let slut = pos + koordinater;
    (slut <= data.len()).then_some(slut)
}

fn kontrollsumma(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |summa, bit| {
        let mut ord = [0u8; 4];
        ord[..bit.len()].copy_from_slice(bit);
        summa.wrapping_add(u32::from_be_bytes(ord))
    })
}

/// The font program without hinting and with short names, or `None` when it is not a TrueType
/// font this reads.
pub(crate) fn for_inbaddning(font: &[u8]) -> Option<Vec<u8>> {
    let tabeller = tabeller(font)?;
    let hitta = |tagg: &[u8; 4]| tabeller.iter().find(|t| &t.tagg == tagg).map(|t| t.data);
    let (head, maxp, loca, glyf) =
        (hitta(b"head")?, hitta(b"maxp")?, hitta(b"loca")?, hitta(b"glyf")?);
    let ny_namn = match hitta(b"name") {
        Some(n) => namn_i_korthet(n)?,
        None => Vec::new(),
    };
    let glyfer = usize::from(u16_vid(maxp, 4)?);
    let lang_loca = u16_vid(head, 50)? == 1;
    let forskjutning = |i: usize| -> Option<usize> {
        if lang_loca {
            usize::try_from(u32_vid(loca, 4 * i)?).ok()
        } else {
            Some(2 * usize::from(u16_vid(loca, 2 * i)?))
        }
    };

    let mut ny_glyf = Vec::with_capacity(glyf.len());
    let mut ny_loca = Vec::with_capacity(4 * (glyfer + 1));
    for i in 0..glyfer {
        let (fran, till) = (forskjutning(i)?, forskjutning(i + 1)?);
        let g = glyf_utan_instruktioner(glyf.get(fran..till)?)?;
        ny_loca.extend_from_slice(&u32::try_from(ny_glyf.len()).ok()?.to_be_bytes());
        ny_glyf.extend_from_slice(&g);
        // Long offsets need no alignment, but readers expect each glyph on a 4-byte boundary.
        ny_glyf.resize(ny_glyf.len().next_multiple_of(4), 0);
    }
    ny_loca.extend_from_slice(&u32::try_from(ny_glyf.len()).ok()?.to_be_bytes());

    let mut ny_head = head.to_vec();
    // Long loca offsets; the file checksum is filled in once the file is whole.
    ny_head.get_mut(50..52)?.copy_from_slice(&1u16.to_be_bytes());
    ny_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);

    let behallna: Vec<([u8; 4], &[u8])> = tabeller
        .iter()
        .filter(|t| !HINTING.contains(&&t.tagg))
        .map(|t| {
            let data: &[u8] = match &t.tagg {
                b"head" => &ny_head,
                b"loca" => &ny_loca,
                b"glyf" => &ny_glyf,
                b"name" => &ny_namn,
                _ => t.data,
            };
            (t.tagg, data)
        })
        .collect();

    // The directory's binary-search hints: the largest power of two not above the count.
    let antal = u32::try_from(behallna.len()).ok()?;
    let exponent = antal.max(1).ilog2();
    let sokomfang = (1u32 << exponent) * 16;
    let mut ut = Vec::with_capacity(font.len());
    ut.extend_from_slice(font.get(..4)?);
    for falt in [antal, sokomfang, exponent, antal * 16 - sokomfang] {
        ut.extend_from_slice(&u16::try_from(falt).ok()?.to_be_bytes());
    }
    let mut position = 12 + 16 * behallna.len();
    let mut head_pos = None;
    for (tagg, data) in &behallna {
        ut.extend_from_slice(tagg);
        ut.extend_from_slice(&kontrollsumma(data).to_be_bytes());
        ut.extend_from_slice(&u32::try_from(position).ok()?.to_be_bytes());
        ut.extend_from_slice(&u32::try_from(data.len()).ok()?.to_be_bytes());
        if tagg == b"head" {
            head_pos = Some(position);
        }
        position += data.len().next_multiple_of(4);
    }
    for (_, data) in &behallna {
        ut.extend_from_slice(data);
        ut.resize(ut.len().next_multiple_of(4), 0);
    }
    let justering = KONTROLLSUMMA_MAGI.wrapping_sub(kontrollsumma(&ut));
    let head_pos = head_pos?;
    ut.get_mut(head_pos + 8..head_pos + 12)?.copy_from_slice(&justering.to_be_bytes());
    Some(ut)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use std::collections::BTreeMap;

    use printpdf::ParsedFont;

    use super::*;

    const DEJAVU: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
    const DEJAVU_FET: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");
    /// Simple glyphs, composites (the accented letters are built from parts) and Sami letters.
    const PROV: &str = "Valfrihet åäöÅÄÖ éüÉÜ ŋđŧšžč ŊĐŦŠŽČ 0123456789 ”–§%&(),.:;/";

    fn delmangd(font: &[u8], text: &str) -> Vec<u8> {
        let f = ParsedFont::from_bytes(font, 0, &mut Vec::new()).unwrap();
        let glyfer: BTreeMap<u16, String> = text
            .chars()
            .filter_map(|c| f.lookup_glyph_index(c as u32).map(|g| (g, c.to_string())))
            .collect();
        printpdf::subset_font(&f, &glyfer).unwrap().bytes
    }

    fn har_tabell(font: &[u8], tagg: [u8; 4]) -> bool {
        tabeller(font).unwrap().iter().any(|t| t.tagg == tagg)
    }

    #[test]
    fn the_hinting_goes_and_every_glyph_keeps_its_place_and_width() {
        for font in [DEJAVU, DEJAVU_FET] {
            let fore = delmangd(font, PROV);
            let efter = for_inbaddning(&fore).unwrap();
            assert!(
                har_tabell(&fore, *b"fpgm") && har_tabell(&fore, *b"prep"),
                "the input had hinting to remove"
            );
            for tagg in HINTING {
                assert!(!har_tabell(&efter, *tagg), "{}", String::from_utf8_lossy(tagg));
            }
            assert!(efter.len() * 2 < fore.len(), "{} of {} bytes left", efter.len(), fore.len());
            let (a, b) = (
                ParsedFont::from_bytes(&fore, 0, &mut Vec::new()).unwrap(),
                ParsedFont::from_bytes(&efter, 0, &mut Vec::new()).unwrap(),
            );
            assert_eq!(a.num_glyphs(), b.num_glyphs());
            for c in PROV.chars() {
                let g = a.lookup_glyph_index(c as u32).unwrap();
                assert_eq!(b.lookup_glyph_index(c as u32), Some(g), "{c}");
                assert_eq!(a.get_horizontal_advance(g), b.get_horizontal_advance(g), "{c}");
            }
        }
    }

    #[test]
    fn the_file_checksum_and_every_table_checksum_add_up() {
        let efter = for_inbaddning(&delmangd(DEJAVU, PROV)).unwrap();
        assert_eq!(kontrollsumma(&efter), KONTROLLSUMMA_MAGI);
        let antal = usize::from(u16_vid(&efter, 4).unwrap());
        for i in 0..antal {
            let post = 12 + 16 * i;
            let start = u32_vid(&efter, post + 8).unwrap() as usize;
            assert_eq!(start % 4, 0);
            let data = &efter[start..start + u32_vid(&efter, post + 12).unwrap() as usize];
            if &efter[post..post + 4] != b"head" {
                assert_eq!(kontrollsumma(data), u32_vid(&efter, post + 4).unwrap());
            }
        }
    }

    #[test]
    fn no_glyph_keeps_instructions() {
        let efter = for_inbaddning(&delmangd(DEJAVU, PROV)).unwrap();
        let t = tabeller(&efter).unwrap();
        let hitta = |tagg: &[u8; 4]| t.iter().find(|x| &x.tagg == tagg).unwrap().data;
        let (loca, glyf) = (hitta(b"loca"), hitta(b"glyf"));
        let mut sammansatta = 0;
        for i in 0..loca.len() / 4 - 1 {
            let g = &glyf[u32_vid(loca, 4 * i).unwrap() as usize
                ..u32_vid(loca, 4 * i + 4).unwrap() as usize];
            if g.is_empty() {
                continue;
            }
            let konturer = i16::from_be_bytes([g[0], g[1]]);
            if konturer >= 0 {
                assert_eq!(u16_vid(g, 10 + 2 * konturer as usize), Some(0), "glyph {i}");
            } else {
                sammansatta += 1;
                assert_eq!(u16_vid(g, 10).unwrap() & HAR_INSTRUKTIONER, 0, "glyph {i}");
            }
        }
        assert!(sammansatta > 0, "the sample has composite glyphs");
        assert_eq!(for_inbaddning(&efter).unwrap(), efter, "stripping twice changes nothing");
    }

    /// The name entries as (platform, id, text) for the English Unicode ones.
    fn namnen(font: &[u8]) -> Vec<(u16, u16, String)> {
        let t = tabeller(font).unwrap();
        let n = t.iter().find(|x| &x.tagg == b"name").unwrap().data;
        let lagring = usize::from(u16_vid(n, 4).unwrap());
        (0..usize::from(u16_vid(n, 2).unwrap()))
            .filter_map(|i| {
                let f: Vec<u16> = (0..6).map(|k| u16_vid(n, 6 + 12 * i + 2 * k).unwrap()).collect();
                if f[0] != 3 || f[2] != 0x0409 {
                    return None;
                }
                let text = &n[lagring + usize::from(f[5])..][..usize::from(f[4])];
                let utf16: Vec<u16> =
                    text.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
                Some((f[0], f[3], String::from_utf16_lossy(&utf16)))
            })
            .collect()
    }

    #[test]
    fn the_names_keep_the_copyright_and_the_font_name_and_drop_the_licence_text() {
        let fore = delmangd(DEJAVU_FET, PROV);
        let efter = for_inbaddning(&fore).unwrap();
        assert!(
            namnen(&fore).iter().any(|(_, id, _)| *id == 13),
            "the input carries the licence text"
        );
        let namn = namnen(&efter);
        let id = |n: u16| namn.iter().find(|(_, i, _)| *i == n).map(|(_, _, t)| t.clone());
        assert!(id(0).is_some_and(|t| t.contains("Bitstream")), "{namn:?}");
        assert_eq!(id(1).as_deref(), Some("DejaVu Sans"));
        assert_eq!(id(6).as_deref(), Some("DejaVuSans-Bold"));
        assert!(namn.iter().all(|(_, i, _)| *i <= 6), "{namn:?}");
    }

    #[test]
    fn a_damaged_or_foreign_font_is_refused_not_misread() {
        let hel = delmangd(DEJAVU, "abc");
        for langd in [0, 3, 12, 40, hel.len() / 2] {
            assert!(for_inbaddning(&hel[..langd]).is_none(), "cut at {langd}");
        }
        let mut otto = hel.clone();
        otto[..4].copy_from_slice(b"OTTO");
        assert!(for_inbaddning(&otto).is_none());
        assert!(for_inbaddning(&[0xFF; 64]).is_none());
    }
}
