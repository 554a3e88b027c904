//! What the three documents share: the language, the type sizes, numbers and dates in the
//! reader's language, and the head of a letter for a window envelope.

use chrono::NaiveDate;
use valfri_domain::dokument::{Avsandare, Form, Kontakt, Mottagare};
use valfri_domain::val::Valbarhet;
use valfri_domain::{Arg, Enhet};
use valfri_l10n::Localizer;

use crate::layout::{Block, Element, HARD, MM, Sida, Sidformat, bryt_om, radbryt};
use crate::typsnitt::{Typsnitt, Vikt};

/// The envelope window. Assumption, stated because nothing in the data says it: a C5 or E65
/// envelope with the window on the left (the Swedish "V2" window position, which envelope makers
/// give as about 20 mm from the left edge, 45–50 mm from the top of the folded A4 sheet, 90 × 45
/// mm; Nordic window-envelope guides put the window top at 40–44 mm for E65 and C5). The
/// address is set inside this rectangle with a few millimetres' margin all round, so that it
/// shows with any of those envelopes, and nothing else is drawn inside it.
pub(crate) const FONSTER_MM: (f32, f32, f32, f32) = (20.0, 45.0, 110.0, 90.0);

/// Type sizes in points for ordinary and large print. Large print enlarges everything a
/// person reads, the letterhead, address, reference column and footer too, not only the body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Storlekar {
    pub brod: f32,
    pub h1: f32,
    pub h2: f32,
    pub tabell: f32,
    /// The sender's name above the window, and the smaller lines under it.
    pub avsandare: f32,
    pub avsandare_rad: f32,
    /// The address in the window.
    pub adress: f32,
    /// The reference column's labels and values.
    pub etikett: f32,
    pub referens: f32,
    /// Footer lines and the page number.
    pub sidfot: f32,
    pub storstil: bool,
}

impl Storlekar {
    pub(crate) fn valj(form: &Form) -> Self {
        if form.storstil {
            Self {
                brod: 16.0,
                h1: 24.0,
                h2: 19.0,
                tabell: 16.0,
                avsandare: 18.0,
                avsandare_rad: 16.0,
                adress: 16.0,
                etikett: 16.0,
                referens: 16.0,
                sidfot: 16.0,
                storstil: true,
            }
        } else {
            Self {
                brod: 11.0,
                h1: 17.0,
                h2: 13.0,
                tabell: 9.5,
                avsandare: 11.0,
                avsandare_rad: 9.0,
                adress: 11.0,
                etikett: 8.0,
                referens: 10.0,
                sidfot: 8.0,
                storstil: false,
            }
        }
    }
}

/// Lays the blocks out as [`bryt_om`] does; in large print the footer lines and the page number
/// are set at the large size in a footer made tall enough for them, since the layout engine's
/// own footer is small print.
pub(crate) fn bryt_om_sidor(
    t: &Typsnitt,
    f: &Sidformat,
    s: &Storlekar,
    b: &[Block],
    forsta_sidan: &[Element],
    sidfot: &[String],
    sidnummer: &dyn Fn(usize, usize) -> String,
) -> Vec<Sida> {
    if !s.storstil {
        return bryt_om(t, f, b, forsta_sidan, sidfot, sidnummer);
    }
    let storlek = s.sidfot;
    let radhojd = storlek * 1.3;
    let rader: Vec<String> = sidfot
        .iter()
        .flat_map(|r| radbryt(t, Vikt::Normal, storlek, f.innerbredd(), &t.normal.ersatt(r)))
        .collect();
    let hojd = (rader.len() + 1) as f32 * radhojd + 2.0 * MM;
    let mut format = *f;
    format.botten += hojd;
    let mut sidor = bryt_om(t, &format, b, forsta_sidan, &[], &|_, _| String::new());
    let antal = sidor.len();
    for (i, sida) in sidor.iter_mut().enumerate() {
        // The engine's own page number is empty here; the large one replaces it.
        sida.element.retain(|e| !matches!(e, Element::Text { text, .. } if text.is_empty()));
        let mut y = f.hojd - f.botten - hojd + 2.0 * MM;
        for rad in &rader {
            y += radhojd;
            sida.element.push(Element::Text {
                x: f.vanster,
                y,
                storlek,
                vikt: Vikt::Normal,
                text: rad.clone(),
            });
        }
        y += radhojd;
        let nummer = t.normal.ersatt(&sidnummer(i + 1, antal));
        let bredd = t.normal.bredd(&nummer, storlek);
        sida.element.push(Element::Text {
            x: f.bredd - f.hoger - bredd,
            y,
            storlek,
            vikt: Vikt::Normal,
            text: nummer,
        });
    }
    sidor
}

/// The summary box at the top of page 1: a light grey box with a bold heading and short
/// lines, from `y` across the text width. Returns its elements and where the box ends.
pub(crate) fn sammanfattningsruta(
    t: &Typsnitt,
    f: &Sidformat,
    s: &Storlekar,
    rubrik: &str,
    rader: &[String],
    y: f32,
) -> (Vec<Element>, f32) {
    let marginal = 4.0 * MM;
    let bredd = f.innerbredd() - 2.0 * marginal;
    let mut text = Vec::new();
    let mut yy = y + marginal;
    let rubrikstorlek = s.brod + 1.0;
    for rad in radbryt(t, Vikt::Fet, rubrikstorlek, bredd, &t.fet.ersatt(rubrik)) {
        yy += rubrikstorlek * 1.3;
        text.push(Element::Text {
            x: f.vanster + marginal,
            y: yy,
            storlek: rubrikstorlek,
            vikt: Vikt::Fet,
            text: rad,
        });
    }
    yy += 1.0 * MM;
    for r in rader {
        for rad in radbryt(t, Vikt::Normal, s.brod, bredd, &t.normal.ersatt(r)) {
            yy += s.brod * 1.3;
            text.push(Element::Text {
                x: f.vanster + marginal,
                y: yy,
                storlek: s.brod,
                vikt: Vikt::Normal,
                text: rad,
            });
        }
    }
    let slut = yy + marginal;
    let mut ut =
        vec![Element::Ruta { x: f.vanster, y, b: f.innerbredd(), h: slut - y, fylld: true }];
    ut.extend(text);
    (ut, slut)
}

/// The language the document is written in: the form's when we have it, else Swedish.
pub(crate) fn sprak<'a>(l: &Localizer, form: &'a Form) -> &'a str {
    if l.har_sprak(&form.sprak) { &form.sprak } else { valfri_l10n::REFERENS }
}

/// A number as the language writes it: "27,5" in Swedish and Finnish, "27.5" in English;
/// whole numbers without decimals.
pub(crate) fn tal(v: f64, sprak: &str) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let mut s = format!("{v:.2}");
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    if s == "-0" {
        "0".clone_into(&mut s);
    }
    if sprak == "en" { s } else { s.replace('.', ",") }
}

pub(crate) fn datum(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// "28 timmar per månad", or nothing when the insats has no omfattning.
pub(crate) fn omfattning(
    l: &Localizer,
    sprak: &str,
    v: Option<f64>,
    enhet: Enhet,
) -> Option<String> {
    match (v, enhet) {
        (Some(v), e) if e != Enhet::Ingen && v.is_finite() => {
            let tal = tal(v, sprak);
            let text = l.text(
                sprak,
                "dokument-omfattning",
                &[("tal", tal.clone().into()), ("enhet", l.t(sprak, e.meddelande_id()).into())],
            );
            // "28 timmar" is read as one thing: the number never ends a line.
            Some(text.replacen(&format!("{tal} "), &format!("{tal}{HARD}"), 1))
        }
        _ => None,
    }
}

/// "från 2026-05-01 till och med 2026-12-31" or "från 2026-05-01 och tills vidare".
pub(crate) fn giltighet(
    l: &Localizer,
    sprak: &str,
    fran: NaiveDate,
    till: Option<NaiveDate>,
) -> String {
    match till {
        Some(till) => l.text(
            sprak,
            "dokument-giltighet",
            &[("fran", datum(fran).into()), ("till", datum(till).into())],
        ),
        None => l.text(sprak, "dokument-giltighet-tillsvidare", &[("fran", datum(fran).into())]),
    }
}

/// A language code as a word ("finska"); an unknown code is shown as it is.
pub(crate) fn sprakord(l: &Localizer, sprak: &str, kod: &str) -> String {
    let id = format!("dokument-sprak-{}", kod.trim().to_lowercase());
    let ord = l.t(sprak, &id);
    if ord == id { kod.to_owned() } else { ord }
}

pub(crate) fn lista(delar: &[String], saknas: &str) -> String {
    let delar: Vec<&str> = delar.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if delar.is_empty() { saknas.to_owned() } else { delar.join(", ") }
}

pub(crate) fn eller_saknas(s: &str, saknas: &str) -> String {
    if s.trim().is_empty() { saknas.to_owned() } else { s.trim().to_owned() }
}

/// "Anna Andersson, biståndshandläggare. Telefon 0123-456 78. E-post anna@exempelby.se."
pub(crate) fn kontakttext(l: &Localizer, sprak: &str, k: &Kontakt) -> String {
    l.text(
        sprak,
        "dokument-kontakt",
        &[
            ("namn", k.namn.clone().into()),
            ("titel", k.titel.clone().into()),
            ("telefon", k.telefon.clone().into()),
            ("epost", k.epost.clone().into()),
        ],
    )
}

/// A label and a value under it in the reference column.
struct Referens {
    etikett: String,
    varde: String,
    fet: bool,
}

/// The reference column beside the address window, the same on every letter: date,
/// diarienummer, personnummer and the handläggare to call.
pub(crate) fn referenser(
    l: &Localizer,
    sp: &str,
    dag: NaiveDate,
    diarienummer: &str,
    personnummer: &str,
    handlaggare: &Kontakt,
) -> Vec<(String, String)> {
    vec![
        (l.t(sp, "dokument-datum"), datum(dag)),
        (l.t(sp, "dokument-diarienummer"), diarienummer.to_owned()),
        (l.t(sp, "dokument-personnummer"), personnummer.to_owned()),
        (l.t(sp, "dokument-handlaggare"), format!("{}\n{}", handlaggare.namn, handlaggare.telefon)),
    ]
}

/// The head of page 1 of a letter: the sender above the window, the recipient inside it, the
/// date, case number, personnummer and handläggare to the right of it. Returns the elements
/// and where the body may start.
pub(crate) fn brevhuvud(
    t: &Typsnitt,
    l: &Localizer,
    sprak: &str,
    s: &Storlekar,
    avsandare: &Avsandare,
    mottagare: &Mottagare,
    referenser: Vec<(String, String)>,
) -> (Vec<Element>, f32) {
    let mut ut = Vec::new();
    let (fv, ft, fh, fb) = FONSTER_MM;

    // Sender: above the window, and only as many lines as fit above it (in large print the
    // telephone line gives way; the summary box says whom to call).
    let mut y = if s.storstil { 8.0 * MM } else { 14.0 * MM };
    let avs_rader: Vec<(String, Vikt, f32)> = vec![
        (avsandare.kommun.clone(), Vikt::Fet, s.avsandare),
        (avsandare.namnd.clone(), Vikt::Normal, s.avsandare_rad),
        (
            format!("{}, {} {}", avsandare.adress, hel(&avsandare.postnummer), avsandare.postort),
            Vikt::Normal,
            s.avsandare_rad,
        ),
        (
            l.text(sprak, "dokument-telefon-rad", &[("telefon", avsandare.telefon.clone().into())]),
            Vikt::Normal,
            s.avsandare_rad,
        ),
    ];
    'avsandare: for (text, vikt, storlek) in avs_rader {
        for rad in radbryt(t, vikt, storlek, 100.0 * MM, &t.ansikte(vikt).ersatt(&text)) {
            y += storlek * 1.3;
            if y > (ft - 3.0) * MM {
                break 'avsandare;
            }
            ut.push(Element::Text { x: fv * MM, y, storlek, vikt, text: rad });
        }
    }

    // Recipient: inside the window with 4 mm to spare on each side; lines that would not show
    // through the window are left out rather than printed under the envelope's paper.
    let storlek = s.adress;
    let mut adress = vec![mottagare.namn.clone()];
    if !mottagare.co.trim().is_empty() {
        adress.push(l.text(sprak, "dokument-co", &[("co", mottagare.co.clone().into())]));
    }
    adress.push(mottagare.adress.clone());
    adress.push(format!("{} {}", hel(&mottagare.postnummer), mottagare.postort));
    let mut y = (ft + 6.0) * MM;
    'fonster: for text in adress {
        for rad in radbryt(t, Vikt::Normal, storlek, (fh - fv - 9.0) * MM, &t.normal.ersatt(&text))
        {
            y += storlek * 1.3;
            if y > (fb - 4.0) * MM {
                break 'fonster;
            }
            ut.push(Element::Text {
                x: (fv + 5.0) * MM,
                y,
                storlek,
                vikt: Vikt::Normal,
                text: rad,
            });
        }
    }

    // Reference column right of the window.
    let x = if s.storstil { (fh + 6.0) * MM } else { (fh + 10.0) * MM };
    let bredd = 210.0 * MM - x - 12.0 * MM;
    let mut ref_rader: Vec<Referens> = Vec::new();
    if let Some(brukare) = &mottagare.kopia_for {
        ref_rader.push(Referens {
            etikett: String::new(),
            varde: l.t(sprak, "dokument-kopia"),
            fet: true,
        });
        ref_rader.push(Referens {
            etikett: String::new(),
            varde: l.text(sprak, "dokument-kopia-galler", &[("brukare", brukare.clone().into())]),
            fet: false,
        });
    }
    // A date, a diarienummer, a personnummer, a phone number: each line is kept whole.
    ref_rader.extend(referenser.into_iter().map(|(etikett, varde)| Referens {
        etikett,
        varde: varde.lines().map(hel).collect::<Vec<_>>().join("\n"),
        fet: false,
    }));
    let mut y = ft * MM;
    for r in ref_rader {
        if !r.etikett.is_empty() {
            for rad in radbryt(t, Vikt::Normal, s.etikett, bredd, &t.normal.ersatt(&r.etikett)) {
                y += s.etikett * 1.3;
                ut.push(Element::Text { x, y, storlek: s.etikett, vikt: Vikt::Normal, text: rad });
            }
        }
        let vikt = if r.fet { Vikt::Fet } else { Vikt::Normal };
        for rad in radbryt(t, vikt, s.referens, bredd, &t.ansikte(vikt).ersatt(&r.varde)) {
            y += s.referens * 1.3;
            ut.push(Element::Text { x, y, storlek: s.referens, vikt, text: rad });
        }
        y += 1.5 * MM;
    }
    let start = (fb + 8.0) * MM;
    (ut, start.max(y + 6.0 * MM))
}

/// `s` with its spaces made non-breaking: a postnummer ("123 45") or a diarienummer that
/// must not be split over two lines.
pub(crate) fn hel(s: &str) -> String {
    s.replace(' ', &HARD.to_string())
}

/// A street address with its number held to the word before it: "Stortorget 1", "Box 100",
/// "Storgatan 12 B" never end a line before the number.
pub(crate) fn gatuadress(s: &str) -> String {
    let ord: Vec<&str> = s.split(' ').collect();
    match ord.iter().position(|o| o.starts_with(|c: char| c.is_ascii_digit())) {
        Some(i) if i > 0 => {
            let mut ut = ord[..i - 1].join(" ");
            if !ut.is_empty() {
                ut.push(' ');
            }
            ut.push_str(&ord[i - 1..].join(&HARD.to_string()));
            ut
        }
        _ => s.to_owned(),
    }
}

/// Arguments of a Fluent message, spelled out once.
pub(crate) fn arg(namn: &'static str, v: impl Into<Arg>) -> (&'static str, Arg) {
    (namn, v.into())
}

/// Whether a provider can be chosen, in the words of the person who reads the letter ("Har
/// ingen ledig plats just nu", "Arbetar inte där du bor"), with the detail the handläggare's
/// wording has (how many places are taken, until when).
pub(crate) fn orsak(l: &Localizer, sprak: &str, v: &Valbarhet) -> String {
    let kort = l.t(sprak, &format!("dokument-orsak-{}", v.kod()));
    let detalj = match v {
        Valbarhet::Pausad { till } => {
            Some(l.text(sprak, "valbarhet-detalj-pausad", &[("datum", datum(*till).into())]))
        }
        Valbarhet::VidTak { tak, aktiva } => Some(l.text(
            sprak,
            "valbarhet-detalj-vid_tak",
            &[("tak", Arg::Tal(i64::from(*tak))), ("aktiva", Arg::Tal(i64::from(*aktiva)))],
        )),
        _ => None,
    };
    match detalj {
        Some(d) => format!("{kort} ({d})"),
        None => kort,
    }
}
