//! The valfrihetsinformation letter: a summary box first (how many providers can be chosen,
//! the answer date, the current provider, whom to call), then what was decided, the providers
//! that can be chosen and those that cannot (with the reason in the reader's words), what
//! happens without a choice or who the provider is now, how and by when to choose, how to
//! change later, whom to call, a reply slip, and the jämförelseblad as an appendix.

use valfri_domain::IckevalModell;
use valfri_domain::dokument::{
    Form, Jamforelseunderlag, Mottagare, Utforaruppgift, Valfrihetsunderlag,
};
use valfri_domain::val::Valbarhet;
use valfri_l10n::Localizer;

use crate::Ombrutet;
use crate::gemensamt::{
    Storlekar, arg, brevhuvud, bryt_om_sidor, datum, giltighet, hel, kontakttext, lista,
    omfattning, orsak, referenser, sammanfattningsruta, sprak, sprakord,
};
use crate::layout::{Avstavning, Block, Cell, MM, Sidformat, Tabell};
use crate::ordningsmening;
use crate::pdf::Metadata;
use crate::typsnitt::{Typsnitt, Vikt};

/// The provider the brukare has now, and whether they may keep it: its approval still holds
/// and it works where they live. A provider at its cap keeps those it has.
struct Nu<'a> {
    namn: &'a str,
    genom_ickeval: bool,
    far_behalla: bool,
}

fn nuvarande(u: &Valfrihetsunderlag) -> Option<Nu<'_>> {
    let n = u.nuvarande.as_ref()?;
    let status = u.utforare.iter().find(|x| x.utforare.namn == n.namn).map(|x| &x.status);
    Some(Nu {
        namn: &n.namn,
        genom_ickeval: n.genom_ickeval,
        far_behalla: status.is_some_and(|s| s.ar_godkand() && *s != Valbarhet::EjOmrade),
    })
}

/// On an ombud's copy, the sentence that tells the ombud in which role the letter reaches
/// them and whom "du" means.
pub(crate) fn ombudsmening(l: &Localizer, sp: &str, m: &Mottagare, id: &str) -> Option<String> {
    let brukare = m.kopia_for.as_ref()?;
    let roll = m.ombud_typ.map_or("annat", valfri_domain::OmbudTyp::kod);
    Some(l.text(sp, id, &[arg("roll", roll), arg("brukare", brukare.clone())]))
}

pub(crate) fn valfrihetsbrev(
    t: &Typsnitt,
    l: &Localizer,
    u: &Valfrihetsunderlag,
    form: &Form,
) -> Ombrutet {
    let sp = sprak(l, form);
    let s = Storlekar::valj(form);
    let mut f = Sidformat::a4_staende();
    let (mut huvud, start) = brevhuvud(
        t,
        l,
        sp,
        &s,
        &u.avsandare,
        &u.mottagare,
        referenser(l, sp, u.datum, &u.diarienummer, &u.personnummer, &u.handlaggare),
    );
    // Only providers approved on the letter's date are counted and listed.
    let godkanda: Vec<&Utforaruppgift> =
        u.utforare.iter().filter(|x| x.status.ar_godkand()).collect();
    let (valbara, ej_valbara): (Vec<&Utforaruppgift>, Vec<&Utforaruppgift>) =
        godkanda.iter().partition(|x| x.status.ar_valbar());
    let nu = nuvarande(u);
    let ombud = ombudsmening(l, sp, &u.mottagare, "dokument-ombud-brev");
    let svarsdatum = datum(u.svarsdatum);

    // The summary box: the whole letter in five lines, on page 1 in every print size.
    let mut rader = Vec::new();
    rader.extend(ombud.clone());
    rader.push(l.text(sp, "dokument-sammanfattning-valbara", &[arg("antal", valbara.len())]));
    match &nu {
        Some(n) if n.far_behalla => {
            rader.push(l.text(sp, "dokument-sammanfattning-nuvarande", &[arg("utforare", n.namn)]));
            rader.push(l.text(
                sp,
                "dokument-sammanfattning-svara-byta",
                &[arg("svarsdatum", svarsdatum.clone())],
            ));
        }
        Some(n) => {
            rader.push(l.text(
                sp,
                "dokument-sammanfattning-nuvarande-slutar",
                &[arg("utforare", n.namn)],
            ));
            rader.push(l.text(
                sp,
                "dokument-sammanfattning-svara",
                &[arg("svarsdatum", svarsdatum.clone())],
            ));
        }
        None => rader.push(l.text(
            sp,
            "dokument-sammanfattning-svara",
            &[arg("svarsdatum", svarsdatum.clone())],
        )),
    }
    rader.push(l.text(
        sp,
        "dokument-sammanfattning-fragor",
        &[arg("namn", u.handlaggare.namn.clone()), arg("telefon", u.handlaggare.telefon.clone())],
    ));
    let (ruta, slut) =
        sammanfattningsruta(t, &f, &s, &l.t(sp, "dokument-sammanfattning-rubrik"), &rader, start);
    huvud.extend(ruta);
    f.forsta_topp = slut + 6.0 * MM;
    f.avstavning = Some(Avstavning::for_sprak(sp));

    let stycke = |text: String| Block::Stycke { text, storlek: s.brod, vikt: Vikt::Normal };
    let rubrik = |text: String| Block::Rubrik { text, storlek: s.h2 };
    let insats = u.insats_namn.clone();
    let mut b = vec![Block::Rubrik {
        text: l.text(sp, "dokument-brev-rubrik", &[arg("insats", insats.clone())]),
        storlek: s.h1,
    }];
    b.extend(ombud.map(stycke));

    let mut beslut = l.text(
        sp,
        "dokument-brev-beslut",
        &[
            arg("insats", insats.clone()),
            arg("giltighet", giltighet(l, sp, u.giltig_fran, u.giltig_till)),
        ],
    );
    if let Some(o) = omfattning(l, sp, u.omfattning, u.enhet) {
        beslut.push(' ');
        beslut.push_str(&l.text(sp, "dokument-brev-omfattning", &[arg("omfattning", o)]));
    }
    b.push(stycke(beslut));

    if let Some(n) = &nu {
        b.push(rubrik(l.t(sp, "dokument-brev-nuvarande-rubrik")));
        let mut text = String::new();
        if n.genom_ickeval {
            text = l.text(sp, "dokument-brev-nuvarande-ickeval", &[arg("utforare", n.namn)]);
            text.push(' ');
        }
        let id = if n.far_behalla {
            "dokument-brev-nuvarande"
        } else {
            "dokument-brev-nuvarande-slutar"
        };
        text.push_str(&l.text(sp, id, &[arg("utforare", n.namn)]));
        b.push(stycke(text));
    }

    b.push(stycke(l.text(
        sp,
        "dokument-brev-valfrihet",
        &[arg("antal", godkanda.len()), arg("insats", insats.clone())],
    )));
    b.push(stycke(l.t(sp, "dokument-brev-utforare-forklaring")));

    b.push(rubrik(l.text(sp, "dokument-brev-valbara-rubrik", &[arg("antal", valbara.len())])));
    if valbara.is_empty() {
        b.push(stycke(l.t(sp, "dokument-brev-inga-valbara")));
    } else {
        b.push(stycke(ordningsmening(l, sp, u.ordning)));
        utforarlista(&mut b, l, sp, &s, &valbara, false);
    }
    if !ej_valbara.is_empty() {
        b.push(rubrik(l.text(
            sp,
            "dokument-brev-ej-valbara-rubrik",
            &[arg("antal", ej_valbara.len())],
        )));
        b.push(stycke(l.t(sp, "dokument-brev-ej-valbara")));
        utforarlista(&mut b, l, sp, &s, &ej_valbara, true);
    }
    b.push(stycke(l.t(sp, "dokument-brev-bilaga")));

    // What happens without a choice matters only to someone who has no provider to keep.
    if !nu.as_ref().is_some_and(|n| n.far_behalla) {
        b.push(rubrik(l.t(sp, "dokument-brev-ickeval-rubrik")));
        b.push(stycke(ickevaltext(l, sp, u.ickeval, u.ickeval_utforare.as_deref())));
    }

    b.push(rubrik(l.t(sp, "dokument-brev-valja-rubrik")));
    b.push(stycke(l.text(sp, "dokument-brev-valja", &[arg("svarsdatum", svarsdatum)])));

    b.push(rubrik(l.t(sp, "dokument-brev-byta-rubrik")));
    b.push(stycke(l.text(sp, "dokument-brev-byta", &[arg("dagar", i64::from(u.byte_dagar))])));

    b.push(rubrik(l.t(sp, "dokument-brev-fragor-rubrik")));
    b.push(stycke(l.t(sp, "dokument-brev-fragor")));
    b.push(stycke(kontakttext(l, sp, &u.handlaggare)));

    svarstalong(&mut b, l, sp, &s, u, &valbara, nu.as_ref().filter(|n| n.far_behalla));

    let titel = l.text(sp, "dokument-brev-titel", &[arg("insats", insats)]);
    let sidor = bryt_om_sidor(t, &f, &s, &b, &huvud, &[], &|nr, antal| {
        l.text(sp, "dokument-sida", &[arg("nr", nr), arg("antal", antal)])
    });
    let bilaga = crate::blad::bilaga(t, l, &jamforelse(u), form);
    Ombrutet {
        format: f,
        sidor,
        bilaga: Some(bilaga),
        meta: Metadata {
            titel,
            forfattare: u.avsandare.namnd.clone(),
            sprak: sp.to_owned(),
            datum: u.datum,
        },
    }
}

/// The jämförelseblad that goes with the letter: the same providers, approved on the same
/// date, as the letter lists.
fn jamforelse(u: &Valfrihetsunderlag) -> Jamforelseunderlag {
    Jamforelseunderlag {
        avsandare: u.avsandare.clone(),
        insats_kod: u.insats_kod.clone(),
        insats_namn: u.insats_namn.clone(),
        omrade_kod: u.omrade_kod.clone(),
        omrade_namn: u.omrade_namn.clone(),
        datum: u.datum,
        sammanstalld_av: u.handlaggare.namn.clone(),
        registerversion: u.registerversion,
        ordning: u.ordning,
        ordning_seed: u.ordning_seed,
        utforare: u.utforare.iter().filter(|x| x.status.ar_godkand()).cloned().collect(),
    }
}

/// The providers as a table, or in large print one block per provider; with `varfor`, the
/// reason each cannot be chosen, in the reader's words.
fn utforarlista(
    b: &mut Vec<Block>,
    l: &Localizer,
    sp: &str,
    s: &Storlekar,
    utforare: &[&Utforaruppgift],
    varfor: bool,
) {
    let saknas = l.t(sp, "dokument-uppgift-saknas");
    let sprak_for = |x: &Utforaruppgift| {
        lista(&x.utforare.sprak.iter().map(|k| sprakord(l, sp, k)).collect::<Vec<_>>(), &saknas)
    };
    if s.storstil {
        for x in utforare {
            let par = |etikett: &str, varde: String| {
                l.text(sp, "dokument-par", &[arg("etikett", l.t(sp, etikett)), arg("varde", varde)])
            };
            let mut grupp = vec![
                Block::Rubrik { text: x.utforare.namn.clone(), storlek: s.brod + 2.0 },
                Block::Stycke {
                    text: par("dokument-kol-regi", l.t(sp, x.utforare.regi.meddelande_id())),
                    storlek: s.brod,
                    vikt: Vikt::Normal,
                },
                Block::Stycke {
                    text: par("dokument-kol-sprak", sprak_for(x)),
                    storlek: s.brod,
                    vikt: Vikt::Normal,
                },
            ];
            if varfor {
                grupp.push(Block::Stycke {
                    text: par("dokument-kol-varfor", orsak(l, sp, &x.status)),
                    storlek: s.brod,
                    vikt: Vikt::Fet,
                });
            }
            b.push(Block::Grupp(grupp));
        }
        return;
    }
    let mut kolumner = vec![
        (l.t(sp, "dokument-kol-utforare"), 40.0),
        (l.t(sp, "dokument-kol-regi"), 16.0),
        (l.t(sp, "dokument-kol-sprak"), 24.0),
    ];
    if varfor {
        kolumner.push((l.t(sp, "dokument-kol-varfor"), 30.0));
    }
    b.push(Block::Tabell(Tabell {
        kolumner,
        rader: utforare
            .iter()
            .map(|x| {
                let mut rad = vec![
                    Cell::fet(x.utforare.namn.clone()),
                    Cell::normal(l.t(sp, x.utforare.regi.meddelande_id())),
                    Cell::normal(sprak_for(x)),
                ];
                if varfor {
                    rad.push(Cell::fet(orsak(l, sp, &x.status)));
                }
                rad
            })
            .collect(),
        storlek: s.tabell,
        med_huvud: true,
    }));
}

/// What happens without a choice, with the provider named where the model has one.
pub(crate) fn ickevaltext(
    l: &Localizer,
    sp: &str,
    modell: IckevalModell,
    utforare: Option<&str>,
) -> String {
    match (modell, utforare.filter(|n| !n.trim().is_empty())) {
        (IckevalModell::Turordning, _) => l.t(sp, "dokument-ickeval-turordning"),
        (IckevalModell::EgenRegi, Some(n)) => {
            l.text(sp, "dokument-ickeval-egen_regi", &[arg("utforare", n)])
        }
        (IckevalModell::EgenRegi, None) => l.t(sp, "dokument-ickeval-egen_regi-utan-namn"),
        (IckevalModell::Utsedd, Some(n)) => {
            l.text(sp, "dokument-ickeval-utsedd", &[arg("utforare", n)])
        }
        (IckevalModell::Utsedd, None) => l.t(sp, "dokument-ickeval-utsedd-utan-namn"),
    }
}

/// The reply slip, on pages of its own at the end: a box for each provider that can be
/// chosen now, one for keeping the current provider (or for not choosing), lines for date and
/// signature, and where to send it.
fn svarstalong(
    yttre: &mut Vec<Block>,
    l: &Localizer,
    sp: &str,
    s: &Storlekar,
    u: &Valfrihetsunderlag,
    valbara: &[&Utforaruppgift],
    behalla: Option<&Nu<'_>>,
) {
    let brod = s.brod;
    let stycke = |text: String| Block::Stycke { text, storlek: brod, vikt: Vikt::Normal };
    yttre.push(Block::NySida);
    // The whole slip is one group: it is cut off and sent back, so it must be one sheet.
    let mut talong = Vec::new();
    let b = &mut talong;
    b.push(Block::Rubrik { text: l.t(sp, "dokument-talong-rubrik"), storlek: s.h1 });
    b.push(stycke(l.text(
        sp,
        "dokument-talong-brukare",
        &[arg("namn", u.brukare_namn.clone()), arg("personnummer", u.personnummer.clone())],
    )));
    b.push(stycke(l.text(
        sp,
        "dokument-talong-diarienummer",
        &[arg("diarienummer", hel(&u.diarienummer))],
    )));
    if valbara.is_empty() {
        b.push(stycke(l.t(sp, "dokument-talong-ingen-valbar")));
    } else {
        b.push(Block::Kryssrutor {
            fore: vec![Block::Rubrik {
                text: l.t(sp, "dokument-talong-instruktion"),
                storlek: brod,
            }],
            texter: valbara.iter().map(|x| x.utforare.namn.clone()).collect(),
            storlek: brod,
            annars: vec![
                Block::Rubrik { text: l.t(sp, "dokument-talong-skriv-utforare"), storlek: brod },
                Block::Skrivrad { etikett: String::new(), storlek: brod },
            ],
        });
    }
    b.push(Block::Avstand(brod * 0.6));
    let sista = match behalla {
        Some(n) => l.text(sp, "dokument-talong-behalla", &[arg("utforare", n.namn)]),
        None => l.t(sp, "dokument-talong-vill-inte"),
    };
    b.push(Block::Kryssruta { text: sista, storlek: brod });
    b.push(Block::Avstand(brod));
    let adress = format!(
        "{}\n{}\n{}\n{} {}",
        u.avsandare.kommun,
        u.avsandare.namnd,
        u.avsandare.adress,
        hel(&u.avsandare.postnummer),
        u.avsandare.postort
    );
    b.push(Block::Grupp(vec![
        Block::Skrivrad { etikett: l.t(sp, "dokument-talong-datum"), storlek: brod },
        Block::Skrivrad { etikett: l.t(sp, "dokument-talong-underskrift"), storlek: brod },
        Block::Skrivrad { etikett: l.t(sp, "dokument-talong-fortydligande"), storlek: brod },
        Block::Stycke {
            text: l.text(sp, "dokument-talong-skicka", &[arg("svarsdatum", datum(u.svarsdatum))]),
            storlek: brod,
            vikt: Vikt::Fet,
        },
        Block::Stycke { text: adress, storlek: brod, vikt: Vikt::Normal },
    ]));
    yttre.push(Block::Grupp(talong));
}
