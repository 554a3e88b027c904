//! The valfrihetsinformation letter: what was decided, every approved provider, what happens
//! without a choice, how and by when to choose, how to change later, whom to call, and on the
//! last page a reply slip.

use valfri_domain::IckevalModell;
use valfri_domain::dokument::{Form, Utforaruppgift, Valfrihetsunderlag};
use valfri_domain::val::Valbarhet;
use valfri_l10n::Localizer;

use crate::Ombrutet;
use crate::gemensamt::{
    Storlekar, arg, brevhuvud, datum, giltighet, kontakttext, lista, omfattning, sprak, sprakord,
};
use crate::layout::{Block, Cell, Sidformat, Tabell, bryt_om};
use crate::ordningsmening;
use crate::pdf::Metadata;
use crate::typsnitt::{Typsnitt, Vikt};

pub(crate) fn valfrihetsbrev(
    t: &Typsnitt,
    l: &Localizer,
    u: &Valfrihetsunderlag,
    form: &Form,
) -> Ombrutet {
    let sp = sprak(l, form);
    let s = Storlekar::valj(form);
    let mut f = Sidformat::a4_staende();
    let (huvud, start) = brevhuvud(
        t,
        l,
        sp,
        &u.avsandare,
        &u.mottagare,
        vec![
            (l.t(sp, "dokument-datum"), datum(u.datum)),
            (l.t(sp, "dokument-diarienummer"), u.diarienummer.clone()),
            (l.t(sp, "dokument-personnummer"), u.personnummer.clone()),
            (
                l.t(sp, "dokument-handlaggare"),
                format!("{}\n{}", u.handlaggare.namn, u.handlaggare.telefon),
            ),
        ],
    );
    f.forsta_topp = start;

    let stycke = |text: String| Block::Stycke { text, storlek: s.brod, vikt: Vikt::Normal };
    let rubrik = |text: String| Block::Rubrik { text, storlek: s.h2 };
    let insats = u.insats_namn.clone();
    let mut b = vec![Block::Rubrik {
        text: l.text(sp, "dokument-brev-rubrik", &[arg("insats", insats.clone())]),
        storlek: s.h1,
    }];

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
    b.push(stycke(l.text(sp, "dokument-brev-valfrihet", &[arg("antal", u.utforare.len())])));

    b.push(rubrik(l.t(sp, "dokument-brev-lista-rubrik")));
    b.push(stycke(ordningsmening(l, sp, u.ordning)));
    utforarlista(&mut b, l, sp, &s, &u.utforare);
    if u.utforare.iter().any(|x| !x.status.ar_valbar()) {
        b.push(stycke(l.t(sp, "dokument-brev-ej-valbar")));
    }

    b.push(rubrik(l.t(sp, "dokument-brev-ickeval-rubrik")));
    b.push(stycke(ickevaltext(l, sp, u.ickeval, u.ickeval_utforare.as_deref())));

    b.push(rubrik(l.t(sp, "dokument-brev-valja-rubrik")));
    b.push(stycke(l.text(sp, "dokument-brev-valja", &[arg("svarsdatum", datum(u.svarsdatum))])));

    b.push(rubrik(l.t(sp, "dokument-brev-byta-rubrik")));
    b.push(stycke(l.text(sp, "dokument-brev-byta", &[arg("dagar", i64::from(u.byte_dagar))])));

    b.push(rubrik(l.t(sp, "dokument-brev-fragor-rubrik")));
    b.push(stycke(l.t(sp, "dokument-brev-fragor")));
    b.push(stycke(kontakttext(l, sp, &u.handlaggare)));

    svarstalong(&mut b, l, sp, &s, u);

    let titel = l.text(sp, "dokument-brev-titel", &[arg("insats", insats)]);
    let sidor = bryt_om(t, &f, &b, huvud, &[], &|nr, antal| {
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

/// The providers as a table, or in large print one block per provider.
fn utforarlista(
    b: &mut Vec<Block>,
    l: &Localizer,
    sp: &str,
    s: &Storlekar,
    utforare: &[Utforaruppgift],
) {
    let saknas = l.t(sp, "dokument-uppgift-saknas");
    let sprak_for = |x: &Utforaruppgift| {
        lista(&x.utforare.sprak.iter().map(|k| sprakord(l, sp, k)).collect::<Vec<_>>(), &saknas)
    };
    let status_cell = |st: &Valbarhet| {
        let text = l.valbarhet(sp, st);
        if st.ar_valbar() { Cell::normal(text) } else { Cell::fet(text) }
    };
    if s.storstil {
        for x in utforare {
            let par = |etikett: &str, varde: String| {
                l.text(sp, "dokument-par", &[arg("etikett", l.t(sp, etikett)), arg("varde", varde)])
            };
            let status = status_cell(&x.status);
            b.push(Block::Grupp(vec![
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
                Block::Stycke {
                    text: par("dokument-etikett-status", status.text),
                    storlek: s.brod,
                    vikt: status.vikt,
                },
            ]));
        }
        return;
    }
    b.push(Block::Tabell(Tabell {
        kolumner: vec![
            (l.t(sp, "dokument-kol-utforare"), 36.0),
            (l.t(sp, "dokument-kol-regi"), 14.0),
            (l.t(sp, "dokument-kol-sprak"), 22.0),
            (l.t(sp, "dokument-kol-status"), 28.0),
        ],
        rader: utforare
            .iter()
            .map(|x| {
                vec![
                    Cell::fet(x.utforare.namn.clone()),
                    Cell::normal(l.t(sp, x.utforare.regi.meddelande_id())),
                    Cell::normal(sprak_for(x)),
                    status_cell(&x.status),
                ]
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
/// chosen now, one for not choosing, lines for date and signature, and where to send it.
fn svarstalong(b: &mut Vec<Block>, l: &Localizer, sp: &str, s: &Storlekar, u: &Valfrihetsunderlag) {
    let brod = s.brod;
    let stycke = |text: String| Block::Stycke { text, storlek: brod, vikt: Vikt::Normal };
    b.push(Block::NySida);
    b.push(Block::Rubrik { text: l.t(sp, "dokument-talong-rubrik"), storlek: s.h1 });
    b.push(stycke(l.text(
        sp,
        "dokument-talong-brukare",
        &[arg("namn", u.brukare_namn.clone()), arg("personnummer", u.personnummer.clone())],
    )));
    b.push(stycke(l.text(
        sp,
        "dokument-talong-diarienummer",
        &[arg("diarienummer", u.diarienummer.clone())],
    )));
    let valbara: Vec<&Utforaruppgift> =
        u.utforare.iter().filter(|x| x.status.ar_valbar()).collect();
    if valbara.is_empty() {
        b.push(stycke(l.t(sp, "dokument-talong-ingen-valbar")));
    } else {
        b.push(Block::Rubrik { text: l.t(sp, "dokument-talong-instruktion"), storlek: brod });
        for x in valbara {
            b.push(Block::Kryssruta { text: x.utforare.namn.clone(), storlek: brod });
        }
    }
    b.push(Block::Avstand(brod * 0.6));
    b.push(Block::Kryssruta { text: l.t(sp, "dokument-talong-vill-inte"), storlek: brod });
    b.push(Block::Avstand(brod));
    let adress = format!(
        "{}\n{}\n{}\n{} {}",
        u.avsandare.kommun,
        u.avsandare.namnd,
        u.avsandare.adress,
        u.avsandare.postnummer,
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
}
