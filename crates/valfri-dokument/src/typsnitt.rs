//! The one embedded font family and the measuring the layout needs.
//!
//! `DejaVu Sans` (regular and bold) is vendored in `fonts/` with its licence: it covers Latin
//! Extended A and B in full, so Swedish, Finnish, Meänkieli and the Sami languages (ŋ đ ŧ š ž č)
//! print without a fallback font, and it is compiled in so that no system font is ever read.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use printpdf::ParsedFont;

use crate::DokumentFel;

const DEJAVU_SANS: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const DEJAVU_SANS_FET: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// The code points whose glyph and width are looked up once when the font is parsed, so
/// measuring ordinary Latin text never goes through the font's cmap.
const CACHE: usize = 0x0250;

/// Characters every subset carries whether a document uses them or not, so that nearly every
/// letter in a batch asks for the same glyphs and gets a subset that is already made (see
/// [`Ansikte::delmangd`]). Swedish and Finnish letters, digits and the punctuation of
/// addresses, dates, e-mail and phone numbers: about 80 glyphs, some 5 KB per face.
const GRUND: &str =
    " abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ0123456789.,:;-–()/?@%”";

/// How many subsets each face keeps. A batch needs one, plus one per unusual set of letters
/// (a name with é or ü, a Sami letter); a few dozen kilobytes each.
const DELMANGDER: usize = 32;

/// A subset of one face, ready to embed: parsed, since printpdf draws the text with it, and
/// with its font program already compressed. Made once per set of glyphs and shared.
#[derive(Debug)]
pub(crate) struct Delmangd {
    pub(crate) font: ParsedFont,
    /// The font program, as printpdf embeds it (to find it in the written document).
    pub(crate) program: Vec<u8>,
    /// `program` deflated.
    pub(crate) packad: Vec<u8>,
    /// The name a PDF gives a subset: a tag that follows from the glyphs, then the font's
    /// PostScript name (`KQBFMA+DejaVuSans`).
    pub(crate) namn: String,
}

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Vikt {
    Normal,
    Fet,
}

/// One parsed face with its widths.
#[derive(Debug)]
pub(crate) struct Ansikte {
    pub(crate) font: ParsedFont,
    enheter_per_em: f32,
    /// Glyph id per cached code point; 0 means the font has no glyph for it.
    glyfer: Box<[u16; CACHE]>,
    bredder: Box<[u16; CACHE]>,
    /// What is drawn instead of a character the font lacks (see [`Ansikte::ersatt`]).
    ersattning: char,
    /// Height of the capitals as a share of the size, from the font's own metrics.
    versalhojd: f32,
    postscriptnamn: &'static str,
    /// The glyphs of [`GRUND`], with a character each.
    grund: Vec<(u16, char)>,
    /// Subsets made so far, the most recently used first, by their sorted glyph ids.
    delmangder: Mutex<Vec<(Vec<u16>, Arc<Delmangd>)>>,
}

impl Ansikte {
    fn tolka(
        data: &[u8],
        namn: &'static str,
        postscriptnamn: &'static str,
    ) -> Result<Self, DokumentFel> {
        let mut varningar = Vec::new();
        let font = ParsedFont::from_bytes(data, 0, &mut varningar)
            .ok_or(DokumentFel::Typsnitt { namn })?;
        let enheter_per_em = f32::from(font.font_metrics.units_per_em);
        if enheter_per_em <= 0.0 {
            return Err(DokumentFel::Typsnitt { namn });
        }
        let mut glyfer = Box::new([0u16; CACHE]);
        let mut bredder = Box::new([0u16; CACHE]);
        for kod in 0..CACHE {
            if let Some(gid) = font.lookup_glyph_index(kod as u32).filter(|g| *g != 0) {
                glyfer[kod] = gid;
                bredder[kod] = font.get_horizontal_advance(gid);
            }
        }
        // U+FFFD says "a character was here that cannot be shown" without looking like
        // punctuation that belongs to a name, which a '?' would.
        let ersattning =
            if font.lookup_glyph_index(0xFFFD).is_some_and(|g| g != 0) { '\u{FFFD}' } else { '?' };
        let versalhojd = match font.font_metrics.cap_height {
            Some(h) if h > 0.0 => h / enheter_per_em,
            // DejaVu Sans's capitals are 1493/2048 em tall.
            _ => 0.73,
        };
        let mut a = Self {
            font,
            enheter_per_em,
            glyfer,
            bredder,
            ersattning,
            versalhojd,
            postscriptnamn,
            grund: Vec::new(),
            delmangder: Mutex::new(Vec::new()),
        };
        a.grund = GRUND.chars().filter_map(|c| a.glyf(c).map(|g| (g, c))).collect();
        Ok(a)
    }

    /// The subset that draws `tecken` (characters [`Ansikte::ersatt`] has let through) and
    /// every character of [`GRUND`]. Made on first use and kept: allsorts' subsetting and the
    /// deflating of the program were more than half of a letter's time.
    pub(crate) fn delmangd(
        &self,
        tecken: impl IntoIterator<Item = char>,
    ) -> Result<Arc<Delmangd>, DokumentFel> {
        let mut glyfer: BTreeMap<u16, char> = self.grund.iter().copied().collect();
        for c in tecken {
            if let Some(g) = self.glyf(c) {
                glyfer.entry(g).or_insert(c);
            }
        }
        let nyckel: Vec<u16> = glyfer.keys().copied().collect();
        // A poisoned lock only means another thread panicked while it held it; the list is
        // still a valid list.
        {
            let mut gjorda = self.delmangder.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(i) = gjorda.iter().position(|(k, _)| *k == nyckel) {
                let post = gjorda.remove(i);
                let d = Arc::clone(&post.1);
                gjorda.insert(0, post);
                return Ok(d);
            }
        }
        let d = Arc::new(self.gor_delmangd(&glyfer, &nyckel)?);
        let mut gjorda = self.delmangder.lock().unwrap_or_else(PoisonError::into_inner);
        if !gjorda.iter().any(|(k, _)| *k == nyckel) {
            gjorda.insert(0, (nyckel, Arc::clone(&d)));
            gjorda.truncate(DELMANGDER);
        }
        Ok(d)
    }

    fn gor_delmangd(
        &self,
        glyfer: &BTreeMap<u16, char>,
        nyckel: &[u16],
    ) -> Result<Delmangd, DokumentFel> {
        let fel = |detalj: String| DokumentFel::Skriva { detalj };
        let urval: BTreeMap<u16, String> =
            glyfer.iter().map(|(g, c)| (*g, c.to_string())).collect();
        let delmangd = printpdf::subset_font(&self.font, &urval).map_err(fel)?.bytes;
        // Should the program ever not be one `sfnt` reads, it is embedded as allsorts made it.
        let program = crate::sfnt::for_inbaddning(&delmangd).unwrap_or(delmangd);
        let font = ParsedFont::from_bytes(&program, 0, &mut Vec::new())
            .ok_or_else(|| fel("the font subset could not be read back".into()))?;
        let packad = crate::pdf::deflate(&program, 9).map_err(|e| fel(e.to_string()))?;
        Ok(Delmangd {
            font,
            program,
            packad,
            namn: format!("{}+{}", tagg(self.postscriptnamn, nyckel), self.postscriptnamn),
        })
    }

    fn glyf(&self, c: char) -> Option<u16> {
        let kod = c as usize;
        if kod < CACHE {
            return Some(self.glyfer[kod]).filter(|g| *g != 0);
        }
        self.font.lookup_glyph_index(c as u32).filter(|g| *g != 0)
    }

    fn framsteg(&self, c: char) -> u16 {
        let kod = c as usize;
        if kod < CACHE {
            return self.bredder[kod];
        }
        self.glyf(c).map_or(0, |g| self.font.get_horizontal_advance(g))
    }

    /// Whether `c` is drawn as it is.
    pub(crate) fn har(&self, c: char) -> bool {
        self.glyf(c).is_some()
    }

    /// The text as this face will draw it. A character the font lacks (an emoji, a script
    /// `DejaVu` does not cover) becomes U+FFFD rather than the font's .notdef box: the reader sees
    /// that something could not be printed, a copy-paste still yields a character, and PDF/A
    /// forbids showing .notdef. Control characters become spaces and invisible direction
    /// marks are dropped, since they would only move or hide text in a layout that has no
    /// bidirectional support; right-to-left text is drawn in its stored (logical) order.
    pub(crate) fn ersatt(&self, text: &str) -> String {
        text.chars()
            .filter_map(|c| match c {
                '\n' => Some('\n'),
                '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}' => None,
                c if c.is_control() => Some(' '),
                c if self.har(c) => Some(c),
                _ => Some(self.ersattning),
            })
            .collect()
    }

    /// Width of already replaced text in points.
    pub(crate) fn bredd(&self, text: &str, storlek: f32) -> f32 {
        let enheter: u32 = text.chars().map(|c| u32::from(self.framsteg(c))).sum();
        enheter as f32 * storlek / self.enheter_per_em
    }

    /// How far above the baseline capital letters reach, as a share of the size.
    pub(crate) fn versalhojd(&self) -> f32 {
        self.versalhojd
    }
}

/// The parsed font faces: parsed once (about a millisecond), then shared by reference across
/// documents and threads.
#[derive(Debug)]
pub struct Typsnitt {
    pub(crate) normal: Ansikte,
    pub(crate) fet: Ansikte,
}

impl Typsnitt {
    /// The built-in `DejaVu Sans`, regular and bold.
    pub fn inbyggda() -> Result<Self, DokumentFel> {
        Ok(Self {
            normal: Ansikte::tolka(DEJAVU_SANS, "DejaVu Sans", "DejaVuSans")?,
            fet: Ansikte::tolka(DEJAVU_SANS_FET, "DejaVu Sans Bold", "DejaVuSans-Bold")?,
        })
    }

    pub(crate) fn ansikte(&self, vikt: Vikt) -> &Ansikte {
        match vikt {
            Vikt::Normal => &self.normal,
            Vikt::Fet => &self.fet,
        }
    }

    /// The size in bytes of the regular face as vendored (for tests that check subsetting).
    pub fn storlek_hel_font() -> usize {
        DEJAVU_SANS.len()
    }
}

/// Six capital letters from the face and its glyph ids (FNV-1a): the same subset always gets
/// the same tag, and two different subsets different ones.
fn tagg(namn: &str, glyfer: &[u16]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in namn.bytes().chain(glyfer.iter().flat_map(|g| g.to_be_bytes())) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (0..6)
        .map(|_| {
            let bokstav = char::from(b'A' + (h % 26) as u8);
            h /= 26;
            bokstav
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_font_covers_swedish_finnish_and_sami_and_replaces_the_rest() {
        let t = Typsnitt::inbyggda().unwrap();
        for c in "åäöÅÄÖšžčŋđŧÁáŊĐŦŠŽČǯʒ€–”".chars() {
            assert!(t.normal.har(c) && t.fet.har(c), "{c}");
        }
        assert_eq!(t.normal.ersatt("Anna 中\tB\u{202E}x"), "Anna \u{FFFD} Bx");
        assert!(t.normal.bredd("WWW", 10.0) > t.normal.bredd("iii", 10.0));
    }

    #[test]
    fn typsnitt_can_be_shared_across_threads() {
        fn delbar<T: Send + Sync>() {}
        delbar::<Typsnitt>();
    }
}
