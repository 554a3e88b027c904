//! The jämförelseblad: the same facts for every provider, in the same place, in the order the
//! municipality's rule gives, with the source and year of every figure. No logos, no
//! marketing: each provider gets the same cells.

use valfri_domain::dokument::{Form, Jamforelseunderlag, Utforaruppgift};
use valfri_domain::val::svensk_sorteringsnyckel;
use valfri_l10n::Localizer;

use crate::Ombrutet;
use crate::gemensamt::{Storlekar, arg, datum, eller_saknas, lista, sprak, sprakord, tal};
use crate::layout::{Block, Cell, Sidformat, Tabell, bryt_om};
use crate::ordningsmening;
use crate::pdf::Metadata;
use crate::typsnitt::{Typsnitt, Vikt};

/// The facts of one provider, in column order.
struct Fakta {
    namn: String,
    regi: String,
    sprak: String,
    inriktningar: String,
    tillagg: String,
    kvalitet: String,
    kontakt: String,
    status: String,
    valbar: bool,
}

const KOLUMNER: [(&str, f32); 8] = [
    ("dokument-kol-utforare", 13.5),
    ("dokument-kol-regi", 7.5),
    ("dokument-kol-sprak", 10.0),
    ("dokument-kol-inriktning", 11.0),
    ("dokument-kol-tillagg", 12.5),
    ("dokument-kol-kvalitet", 18.0),
    ("dokument-kol-kontakt", 17.0),
    ("dokument-kol-status", 10.0),
];

pub(crate) fn jamforelseblad(
    t: &Typsnitt,
    l: &Localizer,
    u: &Jamforelseunderlag,
    form: &Form,
) -> Ombrutet {
    let sp = sprak(l, form);
    let s = Storlekar::valj(form);
    // Eight columns read best across a landscape page; in large print every provider is a
    // block of its own, which reads better down a portrait page.
    let f = if s.storstil { Sidformat::a4_staende() } else { Sidformat::a4_liggande() };
    let saknas = l.t(sp, "dokument-uppgift-saknas");
    let indikatorer = indikatornamn(u);
    let fakta: Vec<Fakta> =
        u.utforare.iter().map(|x| fakta(l, sp, u, x, &indikatorer, &saknas)).collect();

    let titel = l.text(
        sp,
        "dokument-blad-titel",
        &[arg("insats", u.insats_namn.clone()), arg("omrade", u.omrade_namn.clone())],
    );
    let mut b = vec![
        Block::Rubrik { text: titel.clone(), storlek: s.h1 },
        Block::Stycke {
            text: l.text(
                sp,
                "dokument-blad-intro",
                &[
                    arg("insats", u.insats_namn.clone()),
                    arg("omrade", u.omrade_namn.clone()),
                    arg("antal", u.utforare.len()),
                ],
            ),
            storlek: s.brod,
            vikt: Vikt::Normal,
        },
        Block::Stycke {
            text: ordningsmening(l, sp, u.ordning),
            storlek: s.brod,
            vikt: Vikt::Normal,
        },
    ];
    if s.storstil {
        for x in &fakta {
            let par = |i: usize, varde: &str| {
                l.text(
                    sp,
                    "dokument-par",
                    &[arg("etikett", l.t(sp, KOLUMNER[i].0)), arg("varde", varde)],
                )
            };
            let rad = |i: usize, varde: &str| Block::Stycke {
                text: par(i, varde),
                storlek: s.brod,
                vikt: Vikt::Normal,
            };
            b.push(Block::Grupp(vec![
                Block::Rubrik { text: x.namn.clone(), storlek: s.h2 },
                rad(1, &x.regi),
                rad(2, &x.sprak),
                rad(3, &x.inriktningar),
                rad(4, &x.tillagg),
                rad(5, &x.kvalitet),
                rad(6, &x.kontakt),
                Block::Stycke {
                    text: l.text(
                        sp,
                        "dokument-par",
                        &[
                            arg("etikett", l.t(sp, "dokument-etikett-status")),
                            arg("varde", x.status.as_str()),
                        ],
                    ),
                    storlek: s.brod,
                    vikt: if x.valbar { Vikt::Normal } else { Vikt::Fet },
                },
            ]));
        }
    } else {
        b.push(Block::Tabell(Tabell {
            kolumner: KOLUMNER.iter().map(|(id, w)| (l.t(sp, id), *w)).collect(),
            rader: fakta
                .iter()
                .map(|x| {
                    vec![
                        Cell::fet(x.namn.clone()),
                        Cell::normal(x.regi.clone()),
                        Cell::normal(x.sprak.clone()),
                        Cell::normal(x.inriktningar.clone()),
                        Cell::normal(x.tillagg.clone()),
                        Cell::normal(x.kvalitet.clone()),
                        Cell::normal(x.kontakt.clone()),
                        if x.valbar {
                            Cell::normal(x.status.clone())
                        } else {
                            Cell::fet(x.status.clone())
                        },
                    ]
                })
                .collect(),
            storlek: 8.5,
            med_huvud: true,
        }));
    }

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
    let sidor = bryt_om(t, &f, &b, Vec::new(), &sidfot, &|nr, antal| {
        l.text(sp, "dokument-sida", &[arg("nr", nr), arg("antal", antal)])
    });
    Ombrutet {
        format: f,
        sidor,
        meta: Metadata {
            titel,
            forfattare: u.avsandare.namnd.clone(),
            sprak: sp.to_owned(),
            datum: u.datum,
        },
    }
}

/// Every quality indicator any provider reports for this insats, in Swedish alphabetical
/// order, so that every provider's cell lists the same indicators in the same order.
fn indikatornamn(u: &Jamforelseunderlag) -> Vec<String> {
    let mut namn: Vec<String> = Vec::new();
    for x in &u.utforare {
        for k in x
            .utforare
            .kvalitet
            .iter()
            .filter(|k| k.insats_kod.as_deref().is_none_or(|i| i == u.insats_kod))
        {
            if !namn.contains(&k.namn) {
                namn.push(k.namn.clone());
            }
        }
    }
    namn.sort_by_key(|n| svensk_sorteringsnyckel(n));
    namn
}

fn fakta(
    l: &Localizer,
    sp: &str,
    u: &Jamforelseunderlag,
    x: &Utforaruppgift,
    indikatorer: &[String],
    saknas: &str,
) -> Fakta {
    let ut = &x.utforare;
    let kvalitet = if indikatorer.is_empty() {
        saknas.to_owned()
    } else {
        indikatorer
            .iter()
            .map(|namn| {
                let k = ut
                    .kvalitet
                    .iter()
                    .filter(|k| {
                        &k.namn == namn && k.insats_kod.as_deref().is_none_or(|i| i == u.insats_kod)
                    })
                    .max_by_key(|k| k.ar);
                match k {
                    Some(k) => l.text(
                        sp,
                        "dokument-kvalitet",
                        &[
                            arg("namn", namn.clone()),
                            arg("varde", tal(k.varde, sp)),
                            arg("enhet", k.enhet.clone()),
                            arg("ar", i64::from(k.ar)),
                            arg("kalla", eller_saknas(&k.kalla, saknas)),
                        ],
                    ),
                    None => l.text(
                        sp,
                        "dokument-par",
                        &[arg("etikett", namn.clone()), arg("varde", saknas)],
                    ),
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
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
        inriktningar: lista(&ut.inriktningar, saknas),
        tillagg: lista(&ut.tillaggstjanster, saknas),
        kvalitet,
        kontakt,
        status: l.valbarhet(sp, &x.status),
        valbar: x.status.ar_valbar(),
    }
}
