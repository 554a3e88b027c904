//! A small layout engine: blocks (headings, paragraphs, tables, tick boxes) are broken into
//! lines by measured glyph widths, grouped into strips that must not be split, and placed on
//! pages. Only when every page is known are the footers ("Sida 2 av 3") drawn, so the total is
//! always right.
//!
//! Coordinates are points with the origin at the top left of the page and y growing
//! downwards; `pdf.rs` turns them into PDF coordinates.

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

/// Breaks `text` into lines no wider than `bredd`. Words are never cut unless a single word
/// is wider than the line; such a word (a URL, an e-mail address) breaks after `/ . - _ @ ?
/// & =` when one of those comes late enough in the line, and otherwise between characters.
/// `text` must already be replaced for the face (see `Ansikte::ersatt`).
pub(crate) fn radbryt(
    t: &Typsnitt,
    vikt: Vikt,
    storlek: f32,
    bredd: f32,
    text: &str,
) -> Vec<String> {
    let a = t.ansikte(vikt);
    let mellanslag = a.bredd(" ", storlek);
    let mut rader = Vec::new();
    for hard in text.split('\n') {
        let mut rad = String::new();
        let mut radbredd = 0.0f32;
        for ord in hard.split(' ').filter(|o| !o.is_empty()) {
            let w = a.bredd(ord, storlek);
            if !rad.is_empty() && radbredd + mellanslag + w <= bredd {
                rad.push(' ');
                rad.push_str(ord);
                radbredd += mellanslag + w;
                continue;
            }
            if !rad.is_empty() {
                rader.push(std::mem::take(&mut rad));
            }
            if w <= bredd {
                rad.push_str(ord);
                radbredd = w;
                continue;
            }
            let mut rest = ord;
            loop {
                let (bit, kvar) = dela_langt_ord(t, vikt, storlek, bredd, rest);
                if kvar.is_empty() {
                    bit.clone_into(&mut rad);
                    radbredd = a.bredd(bit, storlek);
                    break;
                }
                rader.push(bit.to_owned());
                rest = kvar;
            }
        }
        rader.push(rad);
    }
    rader
}

/// The longest start of `ord` that fits in `bredd`, preferring a break after a separator.
/// Always takes at least one character, so a glyph wider than the line cannot stall the loop.
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
    forsta_sidan: Vec<Element>,
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

    let mut bygge = Bygge {
        t,
        f: &format,
        enheter: Vec::new(),
        huvuden: Vec::new(),
        ny_sida: false,
        extra_fore: 0.0,
    };
    for b in block {
        bygge.block(b);
    }
    let mut sidor = paginera(&bygge.enheter, &bygge.huvuden, &format, forsta_sidan);

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

struct Bygge<'a> {
    t: &'a Typsnitt,
    f: &'a Sidformat,
    enheter: Vec<Enhet>,
    huvuden: Vec<Remsa>,
    ny_sida: bool,
    extra_fore: f32,
}

impl Bygge<'_> {
    fn push(&mut self, mut e: Enhet) {
        e.fore += std::mem::take(&mut self.extra_fore);
        e.ny_sida |= std::mem::take(&mut self.ny_sida);
        self.enheter.push(e);
    }

    /// One strip per line of text at `x`, wrapped to `bredd`.
    fn textremsor(&self, text: &str, vikt: Vikt, storlek: f32, x: f32, bredd: f32) -> Vec<Remsa> {
        let a = self.t.ansikte(vikt);
        let lh = storlek * RADAVSTAND;
        radbryt(self.t, vikt, storlek, bredd, &a.ersatt(text))
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
                let sida = storlek * 1.1;
                let indrag = sida + storlek * 0.8;
                let mut remsor =
                    self.textremsor(text, Vikt::Normal, *storlek, x0 + indrag, bredd - indrag);
                if let Some(forsta) = remsor.first_mut() {
                    let topp = baslinje(self.t.normal.versalhojd(), *storlek) - storlek * 0.8;
                    forsta.element.push(Element::Ruta {
                        x: x0,
                        y: topp - (sida - storlek * 0.8) / 2.0,
                        b: sida,
                        h: sida,
                        fylld: false,
                    });
                }
                let n = remsor.len();
                self.push(Enhet { remsor, fore: storlek * 0.7, min_start: n, ..Enhet::default() });
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
                remsa.element.push(Element::Text {
                    x: x0,
                    y: linje_y + liten * 1.1,
                    storlek: liten,
                    vikt: Vikt::Normal,
                    text,
                });
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
                for b in inre {
                    self.block(b);
                }
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
                    (radbryt(self.t, *vikt, s, *b, &self.t.ansikte(*vikt).ersatt(text)), *vikt)
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
    fn a_long_url_breaks_after_a_slash_and_nothing_is_lost() {
        let t = t();
        let url =
            "https://www.exempelby.se/omsorg/hemtjanst/utforare/valfrihetssystem/information.html";
        let rader = radbryt(&t, Vikt::Normal, 10.0, 150.0, url);
        assert!(rader.len() > 1);
        assert_eq!(rader.concat(), url);
        assert!(rader[0].ends_with('/') || rader[0].ends_with('.'), "{rader:?}");
        let ordlos = "x".repeat(300);
        let rader = radbryt(&t, Vikt::Normal, 10.0, 100.0, &ordlos);
        assert_eq!(rader.concat(), ordlos);
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
            let sidor = bryt_om(&t, &f, &block, Vec::new(), &[], &|n, a| format!("{n}/{a}"));
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
