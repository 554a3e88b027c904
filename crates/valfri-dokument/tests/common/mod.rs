//! Fictional underlag and a small PDF reader for the document tests. Every person, provider
//! and address here is made up.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use lopdf::content::Content;
use valfri_domain::dokument::{
    Avsandare, Beslutsunderlag, Form, Jamforelseunderlag, Kontakt, Mottagare, Utforaruppgift,
    Valfrihetsunderlag,
};
use valfri_domain::val::Valbarhet;
use valfri_domain::{
    Beslut, BeslutStatus, Enhet, Godkannande, IckevalModell, Kvalitetsindikator, Ordningsregel,
    Regi, Utfall, Utforare, Utforaroversattning,
};

pub fn d(ar: i32, m: u32, dag: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(ar, m, dag).unwrap()
}

pub fn form(sprak: &str, storstil: bool) -> Form {
    Form { sprak: sprak.into(), storstil }
}

pub fn avsandare() -> Avsandare {
    Avsandare {
        kommun: "Exempelby kommun".into(),
        namnd: "Vård- och omsorgsnämnden".into(),
        adress: "Box 100".into(),
        postnummer: "599 30".into(),
        postort: "Exempelby".into(),
        telefon: "0123-100 00".into(),
    }
}

pub fn mottagare() -> Mottagare {
    Mottagare {
        namn: "Åsa Öberg-Ängström".into(),
        co: String::new(),
        adress: "Storgatan 1 B".into(),
        postnummer: "599 31".into(),
        postort: "Exempelby".into(),
        kopia_for: None,
        ombud_typ: None,
    }
}

pub fn kontakt() -> Kontakt {
    Kontakt {
        namn: "Lena Handläggare".into(),
        titel: "biståndshandläggare".into(),
        telefon: "0123-100 42".into(),
        epost: "lena.h@exempelby.example".into(),
    }
}

pub const PERSONNUMMER: &str = "19400101-0013";

const NAMN: &[&str] = &[
    "Almgården",
    "Björkstigen",
    "Cederns",
    "Dalens",
    "Eken",
    "Fjällsippan",
    "Granen",
    "Hagtornet",
    "Idun",
    "Järnet",
    "Kastanjen",
    "Lärkan",
    "Måsen",
    "Nypon",
    "Ormbunken",
    "Påskliljan",
];

/// Provider number `i`, with a name unique across any count.
pub fn utforare(i: usize, status: Valbarhet) -> Utforaruppgift {
    let namn = format!("{} Omsorg {i:03}", NAMN[i % NAMN.len()]);
    Utforaruppgift {
        utforare: Utforare {
            id: format!("u{i:03}"),
            namn,
            organisationsnummer: "556000-0000".into(),
            regi: match i % 3 {
                0 => Regi::EgenRegi,
                1 => Regi::Privat,
                _ => Regi::Ideburen,
            },
            telefon: format!("0123-200 {i:03}"),
            epost: if i % 4 == 3 { String::new() } else { format!("info{i}@omsorg.example") },
            webb: format!("https://www.omsorg{i}.example/hemtjanst/om-oss"),
            adress: "Vägen 1".into(),
            postnummer: "599 32".into(),
            postort: "Exempelby".into(),
            presentation: String::new(),
            sprak: match i % 4 {
                0 => vec!["sv".into(), "fi".into()],
                1 => vec!["sv".into(), "ar".into(), "so".into()],
                2 => vec!["sv".into(), "se".into()],
                _ => vec![],
            },
            inriktningar: if i.is_multiple_of(2) {
                vec!["Demens".into(), "Palliativ vård".into()]
            } else {
                vec![]
            },
            tillaggstjanster: if i.is_multiple_of(3) {
                vec!["Storstädning".into()]
            } else {
                vec![]
            },
            omraden: vec!["N".into()],
            godkannanden: vec![Godkannande {
                insats_kod: "hemtjanst".into(),
                godkand_fran: d(2024, 1, 1),
                godkand_till: None,
                kapacitetstak: Some(20),
                kapacitet_bekraftad: None,
                kapacitet_fran: None,
                kapacitet_till: None,
                paus_till: None,
            }],
            kvalitet: if i % 5 == 4 {
                vec![]
            } else {
                vec![
                    Kvalitetsindikator {
                        insats_kod: Some("hemtjanst".into()),
                        namn: "Helhetsnöjdhet".into(),
                        varde: 80.0 + (i % 17) as f64,
                        enhet: "%".into(),
                        ar: 2025,
                        kalla: "Socialstyrelsen".into(),
                        namn_oversatt: [("fi".to_owned(), "Kokonaistyytyväisyys".to_owned())]
                            .into(),
                    },
                    Kvalitetsindikator {
                        insats_kod: None,
                        namn: "Personalkontinuitet".into(),
                        varde: 10.5 + (i % 7) as f64,
                        enhet: "personer på 14 dagar".into(),
                        ar: 2025,
                        kalla: "Socialstyrelsen".into(),
                        namn_oversatt: std::collections::BTreeMap::default(),
                    },
                ]
            },
            // Every fourth provider has its inriktningar in Finnish; the others with
            // inriktningar have them only in Swedish.
            oversattningar: if i.is_multiple_of(4) {
                [(
                    "fi".to_owned(),
                    Utforaroversattning {
                        inriktningar: vec!["Muistisairaudet".into(), "Palliatiivinen hoito".into()],
                        ..Utforaroversattning::default()
                    },
                )]
                .into()
            } else {
                std::collections::BTreeMap::default()
            },
        },
        status,
    }
}

/// `n` providers: every fifth at its cap, every seventh outside the area, the rest valbara.
pub fn utforarlista(n: usize) -> Vec<Utforaruppgift> {
    (0..n)
        .map(|i| {
            let status = if i % 5 == 2 {
                Valbarhet::VidTak { tak: 20, aktiva: 20 }
            } else if i % 7 == 6 {
                Valbarhet::EjOmrade
            } else {
                Valbarhet::Valbar
            };
            utforare(i, status)
        })
        .collect()
}

pub fn valfrihetsunderlag(n: usize) -> Valfrihetsunderlag {
    Valfrihetsunderlag {
        avsandare: avsandare(),
        mottagare: mottagare(),
        brukare_namn: "Åsa Öberg-Ängström".into(),
        personnummer: PERSONNUMMER.into(),
        diarienummer: "SN 2026/123".into(),
        handlaggare: kontakt(),
        datum: d(2026, 5, 4),
        svarsdatum: d(2026, 5, 18),
        insats_kod: "hemtjanst".into(),
        insats_namn: "hemtjänst".into(),
        omfattning: Some(27.5),
        enhet: Enhet::TimmarPerManad,
        giltig_fran: d(2026, 5, 1),
        giltig_till: Some(d(2026, 12, 31)),
        utforare: utforarlista(n),
        ordning: Ordningsregel::Alfabetisk,
        ordning_seed: None,
        registerversion: 7,
        ickeval: IckevalModell::EgenRegi,
        ickeval_utforare: Some("Hemtjänsten Exempelby (egen regi)".into()),
        byte_dagar: 14,
        nuvarande: None,
        omrade_kod: "N".into(),
        omrade_namn: "Norra Exempelby".into(),
    }
}

pub fn jamforelseunderlag(n: usize) -> Jamforelseunderlag {
    Jamforelseunderlag {
        avsandare: avsandare(),
        insats_kod: "hemtjanst".into(),
        insats_namn: "hemtjänst".into(),
        omrade_kod: "N".into(),
        omrade_namn: "Norra Exempelby".into(),
        datum: d(2026, 5, 4),
        sammanstalld_av: "Lena Handläggare".into(),
        registerversion: 7,
        ordning: Ordningsregel::Alfabetisk,
        ordning_seed: None,
        utforare: utforarlista(n),
    }
}

pub fn beslutsunderlag(utfall: Utfall) -> Beslutsunderlag {
    Beslutsunderlag {
        avsandare: avsandare(),
        mottagare: mottagare(),
        brukare_namn: "Åsa Öberg-Ängström".into(),
        personnummer: PERSONNUMMER.into(),
        handlaggare: kontakt(),
        datum: d(2026, 5, 4),
        beslut: Beslut {
            id: "b1".into(),
            brukare_id: "k1".into(),
            insats_kod: "hemtjanst".into(),
            insats_namn: "hemtjänst".into(),
            diarienummer: "SN 2026/123".into(),
            ansokningsdatum: d(2026, 4, 2),
            beslutsdatum: Some(d(2026, 5, 4)),
            utfall,
            omfattning: Some(28.0),
            enhet: Enhet::TimmarPerManad,
            giltig_fran: d(2026, 5, 1),
            giltig_till: None,
            motivering: "Du behöver hjälp med personlig omvårdnad morgon och kväll. Ditt behov av hjälp med städning kan tillgodoses på annat sätt.".into(),
            ej_beviljat: if utfall == Utfall::DelvisBifall {
                "Hjälp med städning.".into()
            } else {
                String::new()
            },
            uppfoljning: Some(d(2026, 11, 1)),
            handlaggare_id: "h1".into(),
            handlaggare_namn: "Lena Handläggare".into(),
            status: BeslutStatus::Beslutat,
            delegation: "3.2".into(),
            ersatter: None,
            ersatt_av: None,
            ger_val: true,
            kan_andras: false,
            kan_omprovas: true,
        },
        lagrum: "SoL 4 kap. 1 §".into(),
        valfrihet: true,
    }
}

/// A piece of text as the PDF draws it: the page (from 1), the position of its baseline in
/// points from the bottom left, the size and the text as its `ToUnicode` map gives it.
#[derive(Debug, Clone)]
pub struct Textbit {
    pub sida: u32,
    pub x: f32,
    pub y: f32,
    pub storlek: f32,
    pub text: String,
}

pub struct Pdf {
    pub doc: lopdf::Document,
    pub bitar: Vec<Textbit>,
}

impl Pdf {
    pub fn las(bytes: &[u8]) -> Self {
        let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
        let mut bitar = Vec::new();
        for (nr, sida) in doc.get_pages() {
            let typsnitt = doc.get_page_fonts(sida).unwrap();
            let innehall = Content::decode(&doc.get_page_content(sida)).unwrap();
            let mut font: Option<Vec<u8>> = None;
            let mut storlek = 0.0;
            let (mut x, mut y) = (0.0, 0.0);
            for op in &innehall.operations {
                let tal =
                    |i: usize| op.operands.get(i).and_then(|o| o.as_float().ok()).unwrap_or(0.0);
                match op.operator.as_str() {
                    "Tf" => {
                        font =
                            op.operands.first().and_then(|o| o.as_name().ok()).map(<[u8]>::to_vec);
                        storlek = tal(1);
                    }
                    "Tm" => {
                        x = tal(4);
                        y = tal(5);
                    }
                    "Tj" => {
                        let f = typsnitt.get(font.as_ref().unwrap()).unwrap();
                        let kodning = f.get_font_encoding(&doc).unwrap();
                        let bytes = op.operands[0].as_str().unwrap();
                        let text = lopdf::Document::decode_text(&kodning, bytes).unwrap();
                        bitar.push(Textbit { sida: nr, x, y, storlek, text });
                    }
                    _ => {}
                }
            }
        }
        Self { doc, bitar }
    }

    pub fn sidor(&self) -> u32 {
        self.doc.get_pages().len() as u32
    }

    /// All text, one drawn piece a line.
    pub fn text(&self) -> String {
        self.bitar.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n")
    }

    /// Lines that continue each other (same page, same left edge and size, one line below)
    /// joined with spaces (a hyphenated word joined whole): a wrapped table cell or paragraph
    /// as one piece of text.
    pub fn celler(&self) -> Vec<Textbit> {
        let mut bitar = self.bitar.clone();
        bitar.sort_by(|a, b| {
            a.sida.cmp(&b.sida).then(a.x.total_cmp(&b.x)).then(b.y.total_cmp(&a.y))
        });
        let mut ut: Vec<Textbit> = Vec::new();
        let mut sista_y = 0.0;
        for b in bitar {
            if let Some(c) = ut.last_mut()
                && c.sida == b.sida
                && (c.x - b.x).abs() < 0.1
                && (c.storlek - b.storlek).abs() < 0.01
                && ((sista_y - b.y) - b.storlek * 1.3).abs() < 0.2
            {
                // A word the layout hyphenated is read whole, as a reader reads it.
                let avstavat = c.text.strip_suffix('-').is_some_and(|fore| {
                    fore.chars().last().is_some_and(char::is_lowercase)
                        && b.text.chars().next().is_some_and(char::is_lowercase)
                });
                if avstavat {
                    c.text.pop();
                } else {
                    c.text.push(' ');
                }
                c.text.push_str(&b.text);
                sista_y = b.y;
                continue;
            }
            sista_y = b.y;
            ut.push(b);
        }
        ut
    }

    /// All text with wrapped lines joined.
    pub fn lopande(&self) -> String {
        self.celler().iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n")
    }

    /// The width and height of a page in points (its media box): a letter's pages are
    /// portrait, the comparison sheet that follows it landscape.
    pub fn sidformat(&self, sida: u32) -> (f32, f32) {
        let id = self.doc.get_pages()[&sida];
        let ruta =
            self.doc.get_dictionary(id).unwrap().get(b"MediaBox").unwrap().as_array().unwrap();
        let tal = |i: usize| ruta[i].as_float().unwrap();
        (tal(2) - tal(0), tal(3) - tal(1))
    }

    /// The first page of the appendix (the comparison sheet that goes with a letter), if any.
    pub fn bilaga(&self) -> Option<u32> {
        let rubriker = ["Bilaga till brevet", "Appendix to the letter", "Liite kirjeeseen"];
        self.bitar.iter().find(|b| rubriker.iter().any(|r| b.text.starts_with(r))).map(|b| b.sida)
    }

    /// The pages of the letter itself, without its appendix.
    pub fn brevsidor(&self) -> u32 {
        self.bilaga().map_or(self.sidor(), |s| s - 1)
    }

    pub fn pa_sida(&self, sida: u32) -> Vec<&Textbit> {
        self.bitar.iter().filter(|b| b.sida == sida).collect()
    }
}

pub fn skriv_om_onskat(namn: &str, pdf: &[u8]) {
    if let Ok(mapp) = std::env::var("VALFRI_DOKUMENT_UT") {
        std::fs::write(format!("{mapp}/{namn}.pdf"), pdf).unwrap();
    }
}
