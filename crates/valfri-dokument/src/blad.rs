//! The jämförelseblad: the same facts for every provider, in the same place, in the order the
//! municipality's rule gives, with the source and year of every figure. No logos, no
//! marketing: each provider gets the same cells.

use valfri_domain::Kvalitetsindikator;
use valfri_domain::dokument::{Form, Jamforelseunderlag, Utforaruppgift};
use valfri_domain::val::svensk_sorteringsnyckel;
use valfri_l10n::Localizer;

use crate::Ombrutet;
use crate::gemensamt::{
    Storlekar, arg, bryt_om_sidor, datum, eller_saknas, lista, orsak, sprak, sprakord, tal,
};
use crate::layout::{Avstavning, Block, Cell, Sida, Sidformat, Tabell};
use crate::ordningsmening;
use crate::pdf::Metadata;
use crate::sprakfalt::{self, Markering};
use crate::typsnitt::{Typsnitt, Vikt};

/// The facts of one provider, in column order; `kvalitet` holds one cell per indicator.
struct Fakta {
    namn: String,
    regi: String,
    sprak: String,
    inriktningar: String,
    tillagg: String,
    kvalitet: Vec<String>,
    kontakt: String,
    status: String,
    valbar: bool,
}

/// The columns before and after the quality indicators, with their relative widths.
const FORE: [(&str, f32); 5] = [
    ("dokument-kol-utforare", 16.0),
    ("dokument-kol-regi", 10.0),
    ("dokument-kol-sprak", 12.0),
    ("dokument-kol-inriktning", 12.0),
    ("dokument-kol-tillagg", 13.0),
];
/// The status column; the contact details follow the table as a list, since in a column
/// they made every row the height of a web address broken into pieces.
const STATUS: (&str, f32) = ("dokument-kol-status", 15.0);
/// Each quality indicator's own column.
const KVALITET_BREDD: f32 = 12.0;
/// The table's type size in normal print: the sheet is read by the brukare too.
const TABELL: f32 = 11.0;

/// One quality indicator's column: its name, its unit when every figure has the same one
/// (then the heading says it and the cells hold only the number), and where its figures come
/// from. A figure's
/// source and year are a numbered note under the table; when every provider's figure has the
/// same source and year the note number is in the heading, otherwise in each cell.
struct Indikator {
    namn: String,
    enhet: Option<String>,
    /// (source, year) and its note number, in order of first use.
    kallor: Vec<((String, i32), usize)>,
}

impl Indikator {
    fn nummer(&self, kalla: &str, ar: i32) -> Option<usize> {
        self.kallor.iter().find(|((k, a), _)| k == kalla && *a == ar).map(|(_, n)| *n)
    }
}

pub(crate) fn jamforelseblad(
    t: &Typsnitt,
    l: &Localizer,
    u: &Jamforelseunderlag,
    form: &Form,
) -> Ombrutet {
    let sp = sprak(l, form);
    let (f, sidor, titel) = satt_blad(t, l, u, form, false);
    Ombrutet {
        format: f,
        sidor,
        bilaga: None,
        meta: Metadata {
            titel,
            forfattare: u.avsandare.namnd.clone(),
            sprak: sp.to_owned(),
            datum: u.datum,
        },
    }
}

/// The sheet as the appendix of a letter: the same pages, headed as an appendix and numbered
/// on their own.
pub(crate) fn bilaga(
    t: &Typsnitt,
    l: &Localizer,
    u: &Jamforelseunderlag,
    form: &Form,
) -> (Sidformat, Vec<Sida>) {
    let (f, sidor, _) = satt_blad(t, l, u, form, true);
    (f, sidor)
}

fn satt_blad(
    t: &Typsnitt,
    l: &Localizer,
    u: &Jamforelseunderlag,
    form: &Form,
    som_bilaga: bool,
) -> (Sidformat, Vec<Sida>, String) {
    let sp = sprak(l, form);
    let s = Storlekar::valj(form);
    // Only the providers approved on the sheet's date are counted and shown, as in the letter.
    let godkanda = Jamforelseunderlag {
        utforare: u.utforare.iter().filter(|x| x.status.ar_godkand()).cloned().collect(),
        ..u.clone()
    };
    let u = &godkanda;
    // Many columns read best across a landscape page; in large print every provider is a
    // block of its own, which reads better down a portrait page.
    let mut f = if s.storstil { Sidformat::a4_staende() } else { Sidformat::a4_liggande() };
    f.avstavning = Some(Avstavning::for_sprak(sp));
    let saknas = l.t(sp, "dokument-uppgift-saknas");
    let markering = Markering::ny(l, sp);
    let indikatorer = indikatorer(u);
    // An indicator's name in the reader's language, where the register has it.
    let indikator_pa =
        |namn: &str| markering.text(&sprakfalt::indikatornamn(&u.utforare, namn, sp));
    let fakta: Vec<Fakta> =
        u.utforare.iter().map(|x| fakta(l, sp, u, x, &indikatorer, &saknas, &markering)).collect();

    let titel = if u.omrade_namn.trim().is_empty() {
        l.text(sp, "dokument-blad-titel-utan-omrade", &[arg("insats", u.insats_namn.clone())])
    } else {
        l.text(
            sp,
            "dokument-blad-titel",
            &[arg("insats", u.insats_namn.clone()), arg("omrade", u.omrade_namn.clone())],
        )
    };
    let mut b = Vec::new();
    if som_bilaga {
        b.push(Block::Stycke {
            text: l.text(sp, "dokument-blad-bilaga", &[arg("datum", datum(u.datum))]),
            storlek: s.brod,
            vikt: Vikt::Fet,
        });
    }
    b.push(Block::Rubrik { text: titel.clone(), storlek: s.h1 });
    b.push(Block::Stycke {
        text: l.text(
            sp,
            "dokument-blad-intro",
            &[arg("insats", u.insats_namn.clone()), arg("antal", u.utforare.len())],
        ),
        storlek: s.brod,
        vikt: Vikt::Normal,
    });
    b.push(Block::Stycke {
        text: ordningsmening(l, sp, u.ordning),
        storlek: s.brod,
        vikt: Vikt::Normal,
    });
    let kolumnnamn = |i: &Indikator| {
        let namn = sprakfalt::namn_och_enhet(
            &markering,
            &sprakfalt::indikatornamn(&u.utforare, &i.namn, sp),
            i.enhet.as_deref().map(|e| sprakfalt::enhet(l, sp, e)).as_ref(),
        );
        match i.kallor.as_slice() {
            [(_, n)] => format!("{namn} ({n})"),
            _ => namn,
        }
    };
    if s.storstil {
        for x in &fakta {
            let rad = |etikett: String, varde: &str, vikt: Vikt| Block::Stycke {
                text: l.text(sp, "dokument-par", &[arg("etikett", etikett), arg("varde", varde)]),
                storlek: s.brod,
                vikt,
            };
            let mut grupp = vec![Block::Rubrik { text: x.namn.clone(), storlek: s.h2 }];
            for (i, varde) in [&x.regi, &x.sprak, &x.inriktningar, &x.tillagg].iter().enumerate() {
                grupp.push(rad(l.t(sp, FORE[i + 1].0), varde, Vikt::Normal));
            }
            for (i, varde) in indikatorer.iter().zip(&x.kvalitet) {
                grupp.push(rad(kolumnnamn(i), varde, Vikt::Normal));
            }
            grupp.push(rad(l.t(sp, "dokument-kol-kontakt"), &x.kontakt, Vikt::Normal));
            // The status is a sentence of its own ("Har ingen ledig plats just nu"): a label
            // before it only said "just nu" twice.
            grupp.push(Block::Stycke {
                text: x.status.clone(),
                storlek: s.brod,
                vikt: if x.valbar { Vikt::Normal } else { Vikt::Fet },
            });
            b.push(Block::Grupp(grupp));
        }
    } else {
        let mut kolumner: Vec<(String, f32)> =
            FORE.iter().map(|(id, w)| (l.t(sp, id), *w)).collect();
        kolumner.extend(indikatorer.iter().map(|i| (kolumnnamn(i), KVALITET_BREDD)));
        kolumner.push((l.t(sp, STATUS.0), STATUS.1));
        b.push(Block::Tabell(Tabell {
            kolumner,
            rader: fakta
                .iter()
                .map(|x| {
                    let mut rad = vec![
                        Cell::fet(x.namn.clone()),
                        Cell::normal(x.regi.clone()),
                        Cell::normal(x.sprak.clone()),
                        Cell::normal(x.inriktningar.clone()),
                        Cell::normal(x.tillagg.clone()),
                    ];
                    rad.extend(x.kvalitet.iter().map(|k| Cell::normal(k.clone())));
                    rad.push(if x.valbar {
                        Cell::normal(x.status.clone())
                    } else {
                        Cell::fet(x.status.clone())
                    });
                    rad
                })
                .collect(),
            storlek: TABELL,
            med_huvud: true,
        }));
    }
    let mut kontakter = Vec::new();
    if !s.storstil {
        kontakter
            .push(Block::Rubrik { text: l.t(sp, "dokument-blad-kontakt-rubrik"), storlek: s.h2 });
        for x in &fakta {
            kontakter.push(Block::Grupp(vec![
                Block::Stycke { text: x.namn.clone(), storlek: s.brod, vikt: Vikt::Fet },
                Block::Stycke {
                    text: x.kontakt.replace('\n', ". "),
                    storlek: s.brod,
                    vikt: Vikt::Normal,
                },
            ]));
        }
    }
    let noter: Vec<String> = indikatorer
        .iter()
        .flat_map(|i| {
            i.kallor.iter().map(|((kalla, ar), n)| {
                l.text(
                    sp,
                    "dokument-blad-kalla",
                    &[
                        arg("nr", *n),
                        arg("namn", indikator_pa(&i.namn)),
                        arg("kalla", eller_saknas(kalla, &saknas)),
                        arg("ar", i64::from(*ar)),
                    ],
                )
            })
        })
        .collect();
    if let Some(not) = markering.not() {
        b.push(Block::Stycke { text: not, storlek: s.brod, vikt: Vikt::Normal });
    }
    if !noter.is_empty() {
        b.push(Block::Rubrik { text: l.t(sp, "dokument-blad-kallor-rubrik"), storlek: s.brod });
        b.extend(noter.into_iter().map(|text| Block::Stycke {
            text,
            storlek: s.brod,
            vikt: Vikt::Normal,
        }));
    }

    b.extend(kontakter);

    let sidfot = vec![
        l.text(
            sp,
            "dokument-blad-sidfot",
            &[
                arg("namn", u.sammanstalld_av.clone()),
                arg("datum", datum(u.datum)),
                arg("version", u.registerversion),
                arg("ordning", ordningsmening(l, sp, u.ordning)),
            ],
        ),
        l.text(
            sp,
            "dokument-blad-avsandare",
            &[arg("kommun", u.avsandare.kommun.clone()), arg("namnd", u.avsandare.namnd.clone())],
        ),
    ];
    let sidnummer = if som_bilaga { "dokument-bilaga-sida" } else { "dokument-sida" };
    let sidor = bryt_om_sidor(t, &f, &s, &b, &[], &sidfot, &|nr, antal| {
        l.text(sp, sidnummer, &[arg("nr", nr), arg("antal", antal)])
    });
    (f, sidor, titel)
}

/// Every quality indicator any provider reports for this insats, in Swedish alphabetical
/// order, so that every provider has the same columns; with the sources of the figures shown,
/// numbered in the order of the columns.
fn indikatorer(u: &Jamforelseunderlag) -> Vec<Indikator> {
    let mut namn: Vec<String> = Vec::new();
    for x in &u.utforare {
        for k in x.utforare.kvalitet.iter().filter(|k| galler(k, u)) {
            if !namn.contains(&k.namn) {
                namn.push(k.namn.clone());
            }
        }
    }
    namn.sort_by_key(|n| svensk_sorteringsnyckel(n));
    let mut nummer = 0;
    namn.into_iter()
        .map(|namn| {
            let mut kallor: Vec<((String, i32), usize)> = Vec::new();
            for x in &u.utforare {
                if let Some(k) = senaste(x, u, &namn)
                    && !kallor.iter().any(|((kalla, ar), _)| *kalla == k.kalla && *ar == k.ar)
                {
                    nummer += 1;
                    kallor.push(((k.kalla.clone(), k.ar), nummer));
                }
            }
            let mut enheter =
                u.utforare.iter().filter_map(|x| senaste(x, u, &namn)).map(|k| &k.enhet);
            let forsta = enheter.next().cloned();
            let enhet = forsta.filter(|e| enheter.all(|a| a == e) && !e.trim().is_empty());
            Indikator { namn, enhet, kallor }
        })
        .collect()
}

fn galler(k: &Kvalitetsindikator, u: &Jamforelseunderlag) -> bool {
    k.insats_kod.as_deref().is_none_or(|i| i == u.insats_kod)
}

/// The provider's newest figure for the indicator.
fn senaste<'a>(
    x: &'a Utforaruppgift,
    u: &Jamforelseunderlag,
    namn: &str,
) -> Option<&'a Kvalitetsindikator> {
    x.utforare.kvalitet.iter().filter(|k| k.namn == namn && galler(k, u)).max_by_key(|k| k.ar)
}

fn fakta(
    l: &Localizer,
    sp: &str,
    u: &Jamforelseunderlag,
    x: &Utforaruppgift,
    indikatorer: &[Indikator],
    saknas: &str,
    m: &Markering<'_>,
) -> Fakta {
    let ut = &x.utforare;
    let kvalitet = indikatorer
        .iter()
        .map(|i| match senaste(x, u, &i.namn) {
            Some(k) => {
                let varde = match &i.enhet {
                    Some(_) => tal(k.varde, sp),
                    None => l.text(
                        sp,
                        "dokument-kvalitet",
                        &[
                            arg("varde", tal(k.varde, sp)),
                            arg("enhet", m.text(&sprakfalt::enhet(l, sp, &k.enhet))),
                        ],
                    ),
                };
                match (i.kallor.len(), i.nummer(&k.kalla, k.ar)) {
                    (2.., Some(n)) => format!("{varde} ({n})"),
                    _ => varde,
                }
            }
            None => saknas.to_owned(),
        })
        .collect();
    let kontakt = [
        ("dokument-telefon", &ut.telefon),
        ("dokument-epost", &ut.epost),
        ("dokument-webb", &ut.webb),
    ]
    .iter()
    .map(|(id, v)| {
        l.text(
            sp,
            "dokument-par",
            &[arg("etikett", l.t(sp, id)), arg("varde", eller_saknas(v, saknas))],
        )
    })
    .collect::<Vec<_>>()
    .join("\n");
    Fakta {
        namn: ut.namn.clone(),
        regi: l.t(sp, ut.regi.meddelande_id()),
        sprak: lista(&ut.sprak.iter().map(|k| sprakord(l, sp, k)).collect::<Vec<_>>(), saknas),
        inriktningar: m.lista(&ut.inriktningar_pa(sp), saknas),
        tillagg: m.lista(&ut.tillaggstjanster_pa(sp), saknas),
        kvalitet,
        kontakt,
        status: orsak(l, sp, &x.status),
        valbar: x.status.ar_valbar(),
    }
}
