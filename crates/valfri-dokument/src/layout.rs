//! A small layout engine: blocks (headings, paragraphs, tables, tick boxes) are broken into
//! lines by measured glyph widths, grouped into strips that must not be split, and placed on
//! pages. Only when every page is known are the footers ("Sida 2 av 3") drawn, so the total is
//! always right.
//!
//! Coordinates are points with the origin at the top left of the page and y growing
//! downwards; `pdf.rs` turns them into PDF coordinates.

use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};

use crate::typsnitt::{Typsnitt, Vikt};

pub(crate) const MM: f32 = 72.0 / 25.4;

/// Line height as a multiple of the font size: generous, for readers with poor sight.
const RADAVSTAND: f32 = 1.3;

/// Page size and margins.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sidformat {
    pub bredd: f32,
    pub hojd: f32,
    pub vanster: f32,
    pub hoger: f32,
    pub topp: f32,
    pub botten: f32,
    /// Where the flowing text starts on page 1 (below the address block of a letter).
    pub forsta_topp: f32,
    /// The patterns the body's words are hyphenated with (none for a sheet of names).
    pub avstavning: Option<Avstavning>,
}

impl Sidformat {
    pub(crate) fn a4_staende() -> Self {
        Self {
            bredd: 210.0 * MM,
            hojd: 297.0 * MM,
            vanster: 22.0 * MM,
            hoger: 20.0 * MM,
            topp: 20.0 * MM,
            botten: 18.0 * MM,
            forsta_topp: 20.0 * MM,
            avstavning: Some(Avstavning::Svenska),
        }
    }

    pub(crate) fn a4_liggande() -> Self {
        Self {
            bredd: 297.0 * MM,
            hojd: 210.0 * MM,
            vanster: 15.0 * MM,
            hoger: 15.0 * MM,
            topp: 15.0 * MM,
            botten: 15.0 * MM,
            forsta_topp: 15.0 * MM,
            avstavning: Some(Avstavning::Svenska),
        }
    }

    pub(crate) fn innerbredd(&self) -> f32 {
        self.bredd - self.vanster - self.hoger
    }
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Element {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        storlek: f32,
        vikt: Vikt,
        text: String,
    },
    Linje {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        tjocklek: f32,
    },
    /// `y` is the top edge. A filled box is light grey, an unfilled one a black frame.
    Ruta {
        x: f32,
        y: f32,
        b: f32,
        h: f32,
        fylld: bool,
    },
}

impl Element {
    fn flytta(&mut self, dy: f32) {
        match self {
            Element::Text { y, .. } | Element::Ruta { y, .. } => *y += dy,
            Element::Linje { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct Sida {
    pub element: Vec<Element>,
}

/// A table cell.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub text: String,
    pub vikt: Vikt,
}

impl Cell {
    pub(crate) fn normal(text: impl Into<String>) -> Self {
        Self { text: text.into(), vikt: Vikt::Normal }
    }
    pub(crate) fn fet(text: impl Into<String>) -> Self {
        Self { text: text.into(), vikt: Vikt::Fet }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Tabell {
    /// Heading and relative width of each column.
    pub kolumner: Vec<(String, f32)>,
    pub rader: Vec<Vec<Cell>>,
    pub storlek: f32,
    /// A key–value table reads better without a header row.
    pub med_huvud: bool,
}

/// What a document is made of, in reading order.
#[derive(Debug, Clone)]
pub(crate) enum Block {
    /// Kept with what follows it: never alone at the bottom of a page.
    Rubrik {
        text: String,
        storlek: f32,
    },
    Stycke {
        text: String,
        storlek: f32,
        vikt: Vikt,
    },
    /// A header row repeated on every page the table runs onto.
    Tabell(Tabell),
    /// An empty square to tick, and its text.
    Kryssruta {
        text: String,
        storlek: f32,
    },
    /// A line to write on, with its label under it.
    Skrivrad {
        etikett: String,
        storlek: f32,
    },
    Avstand(f32),
    NySida,
    /// Kept on one page when it fits on one.
    Grupp(Vec<Block>),
    /// A tick box for each text. Inside a [`Block::Grupp`] they are set in one column, or two
    /// or three when that is what it takes for the group to fit on one page; when even three
    /// columns do not, `annars` is set in their place (a line to write the choice on). `fore`
    /// (the instruction to tick one) comes before the boxes only.
    Kryssrutor {
        fore: Vec<Block>,
        texter: Vec<String>,
        storlek: f32,
        annars: Vec<Block>,
    },
}

/// A horizontal strip that is never split; its elements' y are relative to its top.
#[derive(Debug, Clone, Default)]
struct Remsa {
    hojd: f32,
    element: Vec<Element>,
}

/// Strips that belong together, and the rules for breaking a page among them.
#[derive(Debug, Default)]
struct Enhet {
    remsor: Vec<Remsa>,
    /// Space above, dropped at the top of a page.
    fore: f32,
    /// How many strips at the start must share a page (all of them for a kept group).
    min_start: usize,
    /// Keep with the start of the next unit (headings, table header rows).
    med_nasta: bool,
    /// The header strip to repeat when this unit starts or continues on a new page.
    huvud: Option<usize>,
    ny_sida: bool,
}

/// A space that never breaks a line: inside a postnummer, a diarienummer, "28 timmar". The
/// line breaker keeps it and the lines it returns have an ordinary space in its place, so the
/// PDF's text reads as typed.
pub(crate) const HARD: char = '\u{a0}';

/// Which hyphenation patterns (TeX's, through the `hyphenation` crate) a document's words are
/// broken with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Avstavning {
    Svenska,
    Finska,
    Engelska,
}

impl Avstavning {
    pub(crate) fn for_sprak(sprak: &str) -> Self {
        match sprak {
            "fi" => Self::Finska,
            "en" => Self::Engelska,
            _ => Self::Svenska,
        }
    }

    /// The patterns, read once per process. Compiled into the binary (only these three of the
    /// crate's 80 languages; `avstavning/README.md` says where they come from): a document never
    /// fails for want of a file; should they not load, words are simply not hyphenated.
    fn ordlista(self) -> Option<&'static Standard> {
        static SV: OnceLock<Option<Standard>> = OnceLock::new();
        static FI: OnceLock<Option<Standard>> = OnceLock::new();
        static EN: OnceLock<Option<Standard>> = OnceLock::new();
        let (cell, sprak, data): (_, _, &[u8]) = match self {
            Self::Svenska => {
                (&SV, Language::Swedish, include_bytes!("../avstavning/sv.standard.bincode"))
            }
            Self::Finska => {
                (&FI, Language::Finnish, include_bytes!("../avstavning/fi.standard.bincode"))
            }
            Self::Engelska => {
                (&EN, Language::EnglishGB, include_bytes!("../avstavning/en-gb.standard.bincode"))
            }
        };
        cell.get_or_init(|| Standard::from_reader(sprak, &mut &data[..]).ok()).as_ref()
    }
}

/// Breaks `text` into lines no wider than `bredd`, without hyphenation. Words are never cut
/// unless a single word is wider than the line; such a word (a URL, an e-mail address) breaks
/// after `/ . - _ @ ? & =` when one of those comes late enough in the line, and otherwise
/// between characters. `text` must already be replaced for the face (see `Ansikte::ersatt`).
pub(crate) fn radbryt(
    t: &Typsnitt,
    vikt: Vikt,
    storlek: f32,
    bredd: f32,
    text: &str,
) -> Vec<String> {
    radbryt_med(t, vikt, storlek, bredd, text, None)
}

/// [`radbryt`], and a word that would leave a line less than three quarters full (or that is
/// wider than a line) is hyphenated by the language's patterns, with a hyphen at the line's
/// end. A word that already has a hyphen between letters may break after it instead.
pub(crate) fn radbryt_med(
    t: &Typsnitt,
    vikt: Vikt,
    storlek: f32,
    bredd: f32,
    text: &str,
    avstavning: Option<Avstavning>,
) -> Vec<String> {
    let a = t.ansikte(vikt);
    let ordlista = avstavning.and_then(Avstavning::ordlista);
    let mellanslag = a.bredd(" ", storlek);
    let mut rader = Vec::new();
    let mut klar = |rad: &mut String| rader.push(std::mem::take(rad).replace(HARD, " "));
    for hard in text.split('\n') {
        let mut rad = String::new();
        let mut radbredd = 0.0f32;
        for helt in hard.split(' ').filter(|o| !o.is_empty()) {
            let mut ord = helt;
            loop {
                let w = a.bredd(ord, storlek);
                let mellan = if rad.is_empty() { 0.0 } else { mellanslag };
                if radbredd + mellan + w <= bredd {
                    if !rad.is_empty() {
                        rad.push(' ');
                    }
                    rad.push_str(ord);
                    radbredd += mellan + w;
                    break;
                }
                let plats = bredd - radbredd - mellan;
                let lonar = radbredd < bredd * 0.75 || w > bredd;
                if let Some((forsta, rest, streck)) =
                    avstava(t, vikt, storlek, plats, ord, ordlista).filter(|_| lonar)
                {
                    if !rad.is_empty() {
                        rad.push(' ');
                    }
                    rad.push_str(forsta);
                    if streck {
                        rad.push('-');
                    }
                    klar(&mut rad);
                    radbredd = 0.0;
                    ord = rest;
                    continue;
                }
                if !rad.is_empty() {
                    klar(&mut rad);
                    radbredd = 0.0;
                    continue;
                }
                let (mut bit, mut kvar) = dela_langt_ord(t, vikt, storlek, bredd, ord);
                if kvar.is_empty() {
                    bit.clone_into(&mut rad);
                    radbredd = a.bredd(bit, storlek);
                    break;
                }
                // A word of letters the patterns could not break (a Swedish name in an English
                // column) is cut where it must, but with a hyphen: never inside a word without
                // one. A URL or an address keeps its characters as they are.
                let mut streck = false;
                if ar_ord(ord) && mitt_i_ord(bit, kvar) {
                    let (b, k) =
                        dela_langt_ord(t, vikt, storlek, bredd - a.bredd("-", storlek), ord);
                    if !k.is_empty() && b.chars().count() >= 2 {
                        (bit, kvar) = (b, k);
                        streck = mitt_i_ord(bit, kvar);
                    }
                }
                let mut forsta = bit.to_owned();
                if streck {
                    forsta.push('-');
                }
                klar(&mut forsta);
                ord = kvar;
            }
        }
        klar(&mut rad);
    }
    rader
}

/// Where `ord` may break so that its start (with a hyphen) fits in `plats`: the last such
/// point the patterns allow, at least two letters from the start and three from the end, or
/// right after a hyphen it already has between letters (then no hyphen is added, the third
/// value). Only words of letters are hyphenated, with punctuation around them: never a
/// number, a date, a code or an address.
fn avstava<'a>(
    t: &Typsnitt,
    vikt: Vikt,
    storlek: f32,
    plats: f32,
    ord: &'a str,
    ordlista: Option<&Standard>,
) -> Option<(&'a str, &'a str, bool)> {
    let a = t.ansikte(vikt);
    let start = ord.find(char::is_alphabetic)?;
    let slut = ord
        .rfind(char::is_alphabetic)
        .map(|i| i + ord[i..].chars().next().map_or(1, char::len_utf8))?;
    let karna = &ord[start..slut];
    // Only punctuation around the letters: "(hemtjänst)," may break, "28 timmar" may not.
    let kant = |s: &str| s.chars().all(|c| !c.is_alphanumeric() && c != HARD);
    if !kant(&ord[..start]) || !kant(&ord[slut..]) {
        return None;
    }
    // An acronym ("HBTQ") or a run of letters longer than any word is not a word to hyphenate.
    if karna.chars().all(char::is_uppercase) || karna.chars().count() > 60 {
        return None;
    }
    let bokstav = |s: &str, n: usize| s.chars().count() >= n && s.chars().all(char::is_alphabetic);
    let mut punkter: Vec<(usize, bool)> = Vec::new();
    if karna.chars().all(char::is_alphabetic) {
        if let Some(o) = ordlista {
            punkter.extend(o.hyphenate(karna).breaks.into_iter().map(|b| (start + b, true)));
        }
    } else {
        // "HBTQ-certifierad", "e-post-adress": after the hyphen, when letters stand on both sides.
        for (i, _) in karna.match_indices('-') {
            let (fore, efter) = (&karna[..i], &karna[i + 1..]);
            let fore_ord = fore.rsplit('-').next().unwrap_or(fore);
            let efter_ord = efter.split('-').next().unwrap_or(efter);
            if bokstav(fore_ord, 2) && bokstav(efter_ord, 2) {
                punkter.push((start + i + 1, false));
            }
        }
    }
    let streck = a.bredd("-", storlek);
    punkter
        .into_iter()
        .filter(|(p, lagg_till)| {
            let (fore, efter) = ord.split_at(*p);
            let fore_bokstaver = fore[start..].chars().filter(|c| c.is_alphabetic()).count();
            let efter_bokstaver = efter.chars().filter(|c| c.is_alphabetic()).count();
            fore_bokstaver >= 2
                && efter_bokstaver >= 3
                && a.bredd(fore, storlek) + if *lagg_till { streck } else { 0.0 } <= plats
        })
        .max_by_key(|(p, _)| *p)
        .map(|(p, lagg_till)| (&ord[..p], &ord[p..], lagg_till))
}

/// The longest start of `ord` that fits in `bredd`, preferring a break after a separator.
/// Always takes at least one character, so a glyph wider than the line cannot stall the loop.
/// Whether `ord` is a word of letters (with hyphens, and punctuation around it), not a
/// number, a code, an e-mail address or a URL.
fn ar_ord(ord: &str) -> bool {
    let karna = ord.trim_matches(|c: char| !c.is_alphanumeric());
    !karna.is_empty() && karna.chars().all(|c| c.is_alphabetic() || c == '-')
}

/// Whether a cut between `fore` and `efter` falls between two letters.
fn mitt_i_ord(fore: &str, efter: &str) -> bool {
    fore.chars().last().is_some_and(char::is_alphabetic)
        && efter.chars().next().is_some_and(char::is_alphabetic)
}

fn dela_langt_ord<'a>(
    t: &Typsnitt,
    vikt: Vikt,
    storlek: f32,
    bredd: f32,
    ord: &'a str,
) -> (&'a str, &'a str) {
    let a = t.ansikte(vikt);
    let mut bredd_hittills = 0.0f32;
    let mut sista_som_ryms = 0;
    let mut sista_avdelare: Option<usize> = None;
    for (i, c) in ord.char_indices() {
        let w = a.bredd(c.encode_utf8(&mut [0u8; 4]), storlek);
        let slut = i + c.len_utf8();
        if bredd_hittills + w > bredd && sista_som_ryms > 0 {
            break;
        }
        bredd_hittills += w;
        sista_som_ryms = slut;
        // A break right after a separator reads naturally, but not when it leaves a stub.
        if matches!(c, '/' | '.' | '-' | '_' | '@' | '?' | '&' | '=' | ',' | ';')
            && bredd_hittills >= bredd * 0.4
        {
            sista_avdelare = Some(slut);
        }
    }
    if sista_som_ryms >= ord.len() {
        return (ord, "");
    }
    let delning = sista_avdelare.unwrap_or(sista_som_ryms);
    ord.split_at(delning)
}

/// Lays blocks out on pages of format `f`. `forsta_sidan` holds what is fixed on page 1 (the
/// address block of a letter). `sidfot` lines go above the page number on every page;
/// `sidnummer(n, antal)` gives the page number text.
pub(crate) fn bryt_om(
    t: &Typsnitt,
    f: &Sidformat,
    block: &[Block],
    forsta_sidan: &[Element],
    sidfot: &[String],
    sidnummer: &dyn Fn(usize, usize) -> String,
) -> Vec<Sida> {
    const FOT_STORLEK: f32 = 8.0;
    let fotbredd = f.innerbredd();
    let fotrader: Vec<String> = sidfot
        .iter()
        .flat_map(|s| radbryt(t, Vikt::Normal, FOT_STORLEK, fotbredd, &t.normal.ersatt(s)))
        .collect();
    let fot_radhojd = FOT_STORLEK * RADAVSTAND;
    // The footer sits in the bottom margin; the text area ends above it.
    let fot_hojd = (fotrader.len() + 1) as f32 * fot_radhojd + 3.0 * MM;
    let mut format = *f;
    format.botten = f.botten + fot_hojd;

    let bygg = |luft: f32| {
        let mut bygge = Bygge {
            t,
            f: &format,
            enheter: Vec::new(),
            huvuden: Vec::new(),
            ny_sida: false,
            extra_fore: 0.0,
            kolumner: 1,
            annars: false,
            luft,
        };
        for b in block {
            bygge.block(b);
        }
        paginera(&bygge.enheter, &bygge.huvuden, &format, forsta_sidan.to_vec())
    };
    let mut sidor = bygg(1.0);
    // A last page with a line or three on it is waste and looks like a mistake: set the space
    // between blocks tighter, and keep that if everything then fits on one page less.
    if sidor.len() > 1 && sidor.last().is_some_and(|s| textrader(s) <= 3) {
        let tatare = bygg(0.45);
        if tatare.len() < sidor.len() {
            sidor = tatare;
        }
    }

    let antal = sidor.len();
    for (i, sida) in sidor.iter_mut().enumerate() {
        let mut y = f.hojd - f.botten - fot_hojd + 3.0 * MM;
        sida.element.push(Element::Linje {
            x1: f.vanster,
            y1: y - 2.0 * MM,
            x2: f.bredd - f.hoger,
            y2: y - 2.0 * MM,
            tjocklek: 0.3,
        });
        for rad in &fotrader {
            y += fot_radhojd;
            sida.element.push(Element::Text {
                x: f.vanster,
                y: y - fot_radhojd * 0.25,
                storlek: FOT_STORLEK,
                vikt: Vikt::Normal,
                text: rad.clone(),
            });
        }
        y += fot_radhojd;
        let nummer = t.normal.ersatt(&sidnummer(i + 1, antal));
        let b = t.normal.bredd(&nummer, 9.0);
        sida.element.push(Element::Text {
            x: f.bredd - f.hoger - b,
            y: y - fot_radhojd * 0.25,
            storlek: 9.0,
            vikt: Vikt::Normal,
            text: nummer,
        });
    }
    sidor
}

/// The lines of text on a page (elements at distinct heights).
fn textrader(s: &Sida) -> usize {
    let mut y: Vec<i32> = s
        .element
        .iter()
        .filter_map(|e| match e {
            Element::Text { y, .. } => Some(y.round() as i32),
            _ => None,
        })
        .collect();
    y.sort_unstable();
    y.dedup();
    y.len()
}

struct Bygge<'a> {
    t: &'a Typsnitt,
    f: &'a Sidformat,
    enheter: Vec<Enhet>,
    huvuden: Vec<Remsa>,
    ny_sida: bool,
    extra_fore: f32,
    /// Columns for [`Block::Kryssrutor`], or their alternative, while a group is fitted.
    kolumner: usize,
    annars: bool,
    /// The share of the ordinary space between blocks.
    luft: f32,
}

impl Bygge<'_> {
    fn push(&mut self, mut e: Enhet) {
        e.fore *= self.luft;
        e.fore += std::mem::take(&mut self.extra_fore);
        e.ny_sida |= std::mem::take(&mut self.ny_sida);
        self.enheter.push(e);
    }

    /// One strip per line of text at `x`, wrapped to `bredd`.
    fn textremsor(&self, text: &str, vikt: Vikt, storlek: f32, x: f32, bredd: f32) -> Vec<Remsa> {
        let a = self.t.ansikte(vikt);
        let lh = storlek * RADAVSTAND;
        radbryt_med(self.t, vikt, storlek, bredd, &a.ersatt(text), self.f.avstavning)
            .into_iter()
            .map(|rad| Remsa {
                hojd: lh,
                element: if rad.is_empty() {
                    Vec::new()
                } else {
                    vec![Element::Text {
                        x,
                        y: baslinje(a.versalhojd(), storlek),
                        storlek,
                        vikt,
                        text: rad,
                    }]
                },
            })
            .collect()
    }

    fn block(&mut self, b: &Block) {
        let x0 = self.f.vanster;
        let bredd = self.f.innerbredd();
        match b {
            Block::Rubrik { text, storlek } => {
                let remsor = self.textremsor(text, Vikt::Fet, *storlek, x0, bredd);
                let n = remsor.len();
                self.push(Enhet {
                    remsor,
                    fore: storlek * 0.9,
                    min_start: n,
                    med_nasta: true,
                    ..Enhet::default()
                });
            }
            Block::Stycke { text, storlek, vikt } => {
                let remsor = self.textremsor(text, *vikt, *storlek, x0, bredd);
                // Two lines at least at the foot of a page, so a paragraph does not start with
                // one lonely line there.
                self.push(Enhet { remsor, fore: storlek * 0.55, min_start: 2, ..Enhet::default() });
            }
            Block::Tabell(tab) => self.tabell(tab),
            Block::Kryssruta { text, storlek } => {
                let remsor = self.kryssremsor(text, *storlek, x0, bredd);
                let n = remsor.len();
                self.push(Enhet { remsor, fore: storlek * 0.7, min_start: n, ..Enhet::default() });
            }
            Block::Kryssrutor { fore, texter, storlek, annars } => {
                if self.annars {
                    for b in annars {
                        self.block(b);
                    }
                    return;
                }
                for b in fore {
                    self.block(b);
                }
                let k = self.kolumner.max(1);
                let mellan = 5.0 * MM;
                let kolbredd = (bredd - mellan * (k - 1) as f32) / k as f32;
                for rad in texter.chunks(k) {
                    let mut remsor: Vec<Remsa> = Vec::new();
                    for (j, text) in rad.iter().enumerate() {
                        let x = x0 + j as f32 * (kolbredd + mellan);
                        for (i, r) in
                            self.kryssremsor(text, *storlek, x, kolbredd).into_iter().enumerate()
                        {
                            match remsor.get_mut(i) {
                                Some(finns) => finns.element.extend(r.element),
                                None => remsor.push(r),
                            }
                        }
                    }
                    let n = remsor.len();
                    self.push(Enhet {
                        remsor,
                        fore: storlek * 0.7,
                        min_start: n,
                        ..Enhet::default()
                    });
                }
            }
            Block::Skrivrad { etikett, storlek } => {
                let lh = storlek * RADAVSTAND;
                let mut remsa = Remsa { hojd: lh * 2.6, element: Vec::new() };
                let linje_y = lh * 1.5;
                remsa.element.push(Element::Linje {
                    x1: x0,
                    y1: linje_y,
                    x2: x0 + bredd.min(110.0 * MM),
                    y2: linje_y,
                    tjocklek: 0.6,
                });
                // The label is read by the same person as the body: same size.
                let liten = *storlek;
                let text = self.t.normal.ersatt(etikett);
                if !text.trim().is_empty() {
                    remsa.element.push(Element::Text {
                        x: x0,
                        y: linje_y + liten * 1.1,
                        storlek: liten,
                        vikt: Vikt::Normal,
                        text,
                    });
                }
                self.push(Enhet {
                    remsor: vec![remsa],
                    fore: 0.0,
                    min_start: 1,
                    ..Enhet::default()
                });
            }
            Block::Avstand(h) => self.extra_fore += h,
            Block::NySida => self.ny_sida = true,
            Block::Grupp(inre) => {
                let start = self.enheter.len();
                let (extra_fore, ny_sida) = (self.extra_fore, self.ny_sida);
                let forsok: &[(usize, bool)] =
                    if inre.iter().any(|b| matches!(b, Block::Kryssrutor { .. })) {
                        &[(1, false), (2, false), (3, false), (1, true)]
                    } else {
                        &[(1, false)]
                    };
                let sidhojd = self.f.hojd - self.f.botten - self.f.topp;
                for (n, (kolumner, annars)) in forsok.iter().enumerate() {
                    self.enheter.truncate(start);
                    (self.extra_fore, self.ny_sida) = (extra_fore, ny_sida);
                    (self.kolumner, self.annars) = (*kolumner, *annars);
                    for b in inre {
                        self.block(b);
                    }
                    let hojd: f32 = self.enheter[start..]
                        .iter()
                        .enumerate()
                        .map(|(i, e)| {
                            e.remsor.iter().map(|r| r.hojd).sum::<f32>()
                                + if i == 0 { 0.0 } else { e.fore }
                        })
                        .sum();
                    if hojd <= sidhojd || n + 1 == forsok.len() {
                        break;
                    }
                }
                (self.kolumner, self.annars) = (1, false);
                let delar: Vec<Enhet> = self.enheter.drain(start..).collect();
                let mut samlad = Enhet::default();
                for (i, d) in delar.into_iter().enumerate() {
                    if i == 0 {
                        samlad.fore = d.fore;
                        samlad.ny_sida = d.ny_sida;
                    } else if d.fore > 0.0 {
                        samlad.remsor.push(Remsa { hojd: d.fore, element: Vec::new() });
                    }
                    samlad.remsor.extend(d.remsor);
                }
                samlad.min_start = samlad.remsor.len();
                self.enheter.push(samlad);
            }
        }
    }

    /// A tick box at `x` with its text wrapped beside it in `bredd`.
    fn kryssremsor(&self, text: &str, storlek: f32, x: f32, bredd: f32) -> Vec<Remsa> {
        let sida = storlek * 1.1;
        let indrag = sida + storlek * 0.8;
        let mut remsor = self.textremsor(text, Vikt::Normal, storlek, x + indrag, bredd - indrag);
        if let Some(forsta) = remsor.first_mut() {
            let topp = baslinje(self.t.normal.versalhojd(), storlek) - storlek * 0.8;
            forsta.element.push(Element::Ruta {
                x,
                y: topp - (sida - storlek * 0.8) / 2.0,
                b: sida,
                h: sida,
                fylld: false,
            });
        }
        remsor
    }

    fn tabell(&mut self, tab: &Tabell) {
        const LUFT: f32 = 3.0;
        let x0 = self.f.vanster;
        let total: f32 = tab.kolumner.iter().map(|(_, w)| *w).sum::<f32>().max(f32::EPSILON);
        let bredd = self.f.innerbredd();
        let mut kanter = Vec::with_capacity(tab.kolumner.len());
        let mut x = x0;
        for (_, w) in &tab.kolumner {
            let b = bredd * w / total;
            kanter.push((x + LUFT, b - 2.0 * LUFT));
            x += b;
        }
        let rad = |celler: Vec<(String, Vikt)>, huvud: bool| -> Vec<Remsa> {
            let s = tab.storlek;
            let lh = s * RADAVSTAND;
            let brutna: Vec<(Vec<String>, Vikt)> = celler
                .iter()
                .zip(&kanter)
                .map(|((text, vikt), (_, b))| {
                    let text = self.t.ansikte(*vikt).ersatt(text);
                    (radbryt_med(self.t, *vikt, s, *b, &text, self.f.avstavning), *vikt)
                })
                .collect();
            let n = brutna.iter().map(|(r, _)| r.len()).max().unwrap_or(1).max(1);
            let mut remsor: Vec<Remsa> =
                (0..n).map(|_| Remsa { hojd: lh, element: Vec::new() }).collect();
            for ((rader, vikt), (x, _)) in brutna.iter().zip(&kanter) {
                for (i, text) in rader.iter().enumerate() {
                    if !text.is_empty() {
                        let y = baslinje(self.t.ansikte(*vikt).versalhojd(), s)
                            + if i == 0 { LUFT } else { 0.0 };
                        remsor[i].element.push(Element::Text {
                            x: *x,
                            y,
                            storlek: s,
                            vikt: *vikt,
                            text: text.clone(),
                        });
                    }
                }
            }
            remsor[0].hojd += LUFT;
            let sista = n - 1;
            remsor[sista].hojd += LUFT;
            let h = remsor[sista].hojd;
            if huvud {
                let hel: f32 = remsor.iter().map(|r| r.hojd).sum();
                remsor[0]
                    .element
                    .insert(0, Element::Ruta { x: x0, y: 0.0, b: bredd, h: hel, fylld: true });
            }
            remsor[sista].element.push(Element::Linje {
                x1: x0,
                y1: h,
                x2: x0 + bredd,
                y2: h,
                tjocklek: if huvud { 0.8 } else { 0.3 },
            });
            remsor
        };
        let mut h = None;
        if tab.med_huvud {
            let huvudremsor =
                rad(tab.kolumner.iter().map(|(k, _)| (k.clone(), Vikt::Fet)).collect(), true);
            // The header row is one strip, so that a repeated header is drawn whole.
            let huvudremsa = sla_ihop(huvudremsor);
            h = Some(self.huvuden.len());
            self.huvuden.push(huvudremsa.clone());
            self.push(Enhet {
                remsor: vec![huvudremsa],
                fore: tab.storlek * 0.6,
                min_start: 1,
                med_nasta: true,
                ..Enhet::default()
            });
        }
        for (i, r) in tab.rader.iter().enumerate() {
            let remsor = rad(r.iter().map(|c| (c.text.clone(), c.vikt)).collect(), false);
            let n = remsor.len();
            let e = Enhet {
                remsor,
                fore: if h.is_none() && i == 0 { tab.storlek * 0.6 } else { 0.0 },
                min_start: n,
                huvud: h,
                ..Enhet::default()
            };
            if i == 0 { self.push(e) } else { self.enheter.push(e) }
        }
    }
}

fn sla_ihop(remsor: Vec<Remsa>) -> Remsa {
    let mut ut = Remsa::default();
    for mut r in remsor {
        for e in &mut r.element {
            e.flytta(ut.hojd);
        }
        ut.element.extend(r.element);
        ut.hojd += r.hojd;
    }
    ut
}

/// The baseline of a line of `storlek` in a strip of line height `storlek * RADAVSTAND`,
/// with the capitals centred in the line.
fn baslinje(versalhojd: f32, storlek: f32) -> f32 {
    let lh = storlek * RADAVSTAND;
    f32::midpoint(lh, versalhojd * storlek)
}

fn paginera(
    enheter: &[Enhet],
    huvuden: &[Remsa],
    f: &Sidformat,
    forsta_sidan: Vec<Element>,
) -> Vec<Sida> {
    let nederst = f.hojd - f.botten;
    let sidhojd = nederst - f.topp;
    // What must fit below the cursor before unit `i` may start on this page: its space above,
    // its first strips, and (for headings) the start of what follows, capped at a whole page so
    // that something too tall for any page is placed rather than pushed on forever.
    let krav = |i: usize| -> f32 {
        let mut summa = 0.0;
        let mut j = i;
        while let Some(e) = enheter.get(j) {
            if j > i {
                summa += e.fore;
            }
            summa += e.remsor.iter().take(e.min_start.max(1)).map(|r| r.hojd).sum::<f32>();
            if !e.med_nasta {
                break;
            }
            j += 1;
        }
        summa.min(sidhojd * 0.9)
    };

    let mut sidor = vec![Sida { element: forsta_sidan }];
    let mut y = f.forsta_topp;
    let mut tom = true;
    let ny_sida = |sidor: &mut Vec<Sida>, y: &mut f32, huvud: Option<usize>| {
        sidor.push(Sida::default());
        *y = f.topp;
        if let Some(h) = huvud.and_then(|h| huvuden.get(h)) {
            placera(sidor, h, *y);
            *y += h.hojd;
        }
    };
    for (i, e) in enheter.iter().enumerate() {
        if e.ny_sida && !tom {
            ny_sida(&mut sidor, &mut y, None);
            tom = true;
        }
        let fore = if tom { 0.0 } else { e.fore };
        if !tom && y + fore + krav(i) > nederst {
            ny_sida(&mut sidor, &mut y, e.huvud);
        } else {
            y += fore;
        }
        tom = false;
        let mut forsta_pa_sidan = true;
        for r in &e.remsor {
            if y + r.hojd > nederst && !forsta_pa_sidan {
                ny_sida(&mut sidor, &mut y, e.huvud);
            }
            placera(&mut sidor, r, y);
            y += r.hojd;
            forsta_pa_sidan = false;
        }
    }
    sidor
}

fn placera(sidor: &mut [Sida], r: &Remsa, y: f32) {
    if let Some(sida) = sidor.last_mut() {
        sida.element.extend(r.element.iter().cloned().map(|mut e| {
            e.flytta(y);
            e
        }));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn t() -> Typsnitt {
        Typsnitt::inbyggda().unwrap()
    }

    #[test]
    fn lines_fit_and_no_word_is_cut() {
        let t = t();
        let text =
            "Du kan byta utförare när du vill och du behöver inte säga varför till någon alls";
        let rader = radbryt(&t, Vikt::Normal, 11.0, 120.0, text);
        assert!(rader.len() > 2);
        for r in &rader {
            assert!(t.normal.bredd(r, 11.0) <= 120.0, "{r}");
        }
        assert_eq!(rader.join(" "), text);
    }

    #[test]
    fn the_three_languages_patterns_are_compiled_in_and_load_as_their_language() {
        for (a, sprak) in [
            (Avstavning::Svenska, Language::Swedish),
            (Avstavning::Finska, Language::Finnish),
            (Avstavning::Engelska, Language::EnglishGB),
        ] {
            let o = a.ordlista().unwrap_or_else(|| panic!("{a:?}: the patterns did not load"));
            assert_eq!(o.language(), sprak);
        }
        assert_eq!(Avstavning::for_sprak("fi"), Avstavning::Finska);
        assert_eq!(Avstavning::for_sprak("en"), Avstavning::Engelska);
        assert_eq!(Avstavning::for_sprak("se"), Avstavning::Svenska, "others: Swedish");
    }

    #[test]
    fn a_word_too_wide_for_its_column_is_cut_with_a_hyphen_and_a_url_without() {
        let t = t();
        for (ord, sprak) in [
            ("Personalkontinuitet", Some(Avstavning::Engelska)),
            ("Personalkontinuitet,", None),
            ("Hemtjänstutförarorganisationerna", None),
        ] {
            let bredd = t.normal.bredd("Personalkont", 10.0);
            let rader = radbryt_med(&t, Vikt::Normal, 10.0, bredd, ord, sprak);
            assert!(rader.len() > 1, "{rader:?}");
            assert!(rader[..rader.len() - 1].iter().all(|r| r.ends_with('-')), "{rader:?}");
            let hel: String = rader.iter().map(|r| r.trim_end_matches('-')).collect();
            assert_eq!(hel, ord);
            for r in &rader {
                assert!(t.normal.bredd(r, 10.0) <= bredd, "{r}");
            }
        }
        let url = "https://www.exempel.example/hemtjanst";
        let rader = radbryt(&t, Vikt::Normal, 10.0, t.normal.bredd("https://www.exem", 10.0), url);
        assert_eq!(rader.concat(), url, "a URL gets no hyphen: {rader:?}");
    }

    #[test]
    fn compound_words_are_hyphenated_by_the_languages_patterns() {
        let t = t();
        for (sprak, ord) in [
            (Avstavning::Svenska, "hemtjänstutförarorganisationen"),
            (Avstavning::Finska, "yleishyödyllinen"),
            (Avstavning::Engelska, "responsibilities"),
        ] {
            let bredd = t.normal.bredd(ord, 10.0) * 0.6;
            let rader = radbryt_med(&t, Vikt::Normal, 10.0, bredd, ord, Some(sprak));
            assert!(rader.len() > 1, "{sprak:?} {rader:?}");
            assert!(rader[..rader.len() - 1].iter().all(|r| r.ends_with('-')), "{rader:?}");
            let hel: String = rader.iter().map(|r| r.trim_end_matches('-')).collect();
            assert_eq!(hel, ord);
            for r in &rader {
                assert!(t.normal.bredd(r, 10.0) <= bredd, "{r}");
            }
        }
        // Without patterns the old rule holds: the word moves whole to the next line.
        let ord = "hemtjänstutförarorganisationen";
        let bredd = t.normal.bredd(ord, 10.0) + 5.0;
        let rader = radbryt(&t, Vikt::Normal, 10.0, bredd, "Vi hemtjänstutförarorganisationen");
        assert_eq!(rader, vec!["Vi", "hemtjänstutförarorganisationen"]);
    }

    #[test]
    fn numbers_and_codes_are_never_hyphenated_and_hard_spaces_hold() {
        let t = t();
        let text =
            format!("Du har fått 28{HARD}timmar per månad. Postnummer 599{HARD}30 och 2026-05-01.");
        for bredd in (80..300).step_by(3) {
            let rader =
                radbryt_med(&t, Vikt::Normal, 11.0, bredd as f32, &text, Some(Avstavning::Svenska));
            let alla = rader.join("\n");
            assert!(alla.contains("28 timmar") && alla.contains("599 30"), "{bredd}: {rader:?}");
            assert!(alla.contains("2026-05-01"), "{bredd}: {rader:?}");
            assert!(!alla.contains(HARD));
        }
        // After a hyphen a word already has, between letters, and without adding one.
        let rader = radbryt_med(
            &t,
            Vikt::Normal,
            10.0,
            70.0,
            "HBTQ-certifierad",
            Some(Avstavning::Svenska),
        );
        assert_eq!(rader[0], "HBTQ-", "{rader:?}");
    }

    #[test]
    fn a_long_url_breaks_after_a_slash_and_nothing_is_lost() {
        let t = t();
        let url =
            "https://www.exempelby.se/omsorg/hemtjanst/utforare/valfrihetssystem/information.html";
        let rader = radbryt(&t, Vikt::Normal, 10.0, 150.0, url);
        assert!(rader.len() > 1);
        assert_eq!(rader.concat(), url);
        assert!(rader[0].ends_with('/') || rader[0].ends_with('.'), "{rader:?}");
        // A run of letters is a word: cut with a hyphen.
        let ordlos = "x".repeat(300);
        let rader = radbryt(&t, Vikt::Normal, 10.0, 100.0, &ordlos);
        assert!(rader[..rader.len() - 1].iter().all(|r| r.ends_with('-')), "{rader:?}");
        assert_eq!(rader.iter().map(|r| r.trim_end_matches('-')).collect::<String>(), ordlos);
        // A line narrower than one glyph still makes progress.
        assert_eq!(radbryt(&t, Vikt::Normal, 10.0, 1.0, "abc"), vec!["a", "b", "c"]);
    }

    #[test]
    fn a_heading_is_never_left_alone_at_the_foot_of_a_page() {
        let t = t();
        let f = Sidformat::a4_staende();
        let stycke = Block::Stycke { text: "Ord ".repeat(60), storlek: 11.0, vikt: Vikt::Normal };
        for fyllnad in 0..40 {
            let mut block: Vec<Block> = (0..fyllnad)
                .map(|_| Block::Stycke {
                    text: "En rad.".into(),
                    storlek: 11.0,
                    vikt: Vikt::Normal,
                })
                .collect();
            block.push(Block::Rubrik { text: "Rubriken".into(), storlek: 14.0 });
            block.push(stycke.clone());
            let sidor = bryt_om(&t, &f, &block, &[], &[], &|n, a| format!("{n}/{a}"));
            let sida = sidor
                .iter()
                .find(|s| {
                    s.element
                        .iter()
                        .any(|e| matches!(e, Element::Text { text, .. } if text == "Rubriken"))
                })
                .unwrap();
            let rubrik_y = sida
                .element
                .iter()
                .find_map(|e| match e {
                    Element::Text { text, y, .. } if text == "Rubriken" => Some(*y),
                    _ => None,
                })
                .unwrap();
            assert!(sida.element.iter().any(|e| matches!(e, Element::Text { text, y, .. } if text.starts_with("Ord") && *y > rubrik_y)), "heading alone, fill {fyllnad}");
        }
    }
}
