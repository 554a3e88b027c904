//! The beslutsmeddelande: the decision in plain words and how to appeal it.

use valfri_domain::dokument::{Beslutsunderlag, Form};
use valfri_l10n::Localizer;

use crate::Ombrutet;
use crate::gemensamt::{
    Storlekar, arg, brevhuvud, datum, eller_saknas, giltighet, kontakttext, omfattning, sprak,
};
use crate::layout::{Block, Cell, Sidformat, Tabell, bryt_om};
use crate::pdf::Metadata;
use crate::typsnitt::{Typsnitt, Vikt};

pub(crate) fn beslutsmeddelande(
    t: &Typsnitt,
    l: &Localizer,
    u: &Beslutsunderlag,
    form: &Form,
) -> Ombrutet {
    let sp = sprak(l, form);
    let s = Storlekar::valj(form);
    let b0 = &u.beslut;
    let beslutsdatum = b0.beslutsdatum.unwrap_or(u.datum);
    let mut f = Sidformat::a4_staende();
    let (huvud, start) = brevhuvud(
        t,
        l,
        sp,
        &u.avsandare,
        &u.mottagare,
        vec![
            (l.t(sp, "dokument-datum"), datum(u.datum)),
            (l.t(sp, "dokument-diarienummer"), b0.diarienummer.clone()),
            (l.t(sp, "dokument-personnummer"), u.personnummer.clone()),
            (
                l.t(sp, "dokument-handlaggare"),
                format!("{}\n{}", u.handlaggare.namn, u.handlaggare.telefon),
            ),
        ],
    );
    f.forsta_topp = start;
    let saknas = l.t(sp, "dokument-uppgift-saknas");
    let stycke = |text: String| Block::Stycke { text, storlek: s.brod, vikt: Vikt::Normal };
    let rubrik = |text: String| Block::Rubrik { text, storlek: s.h2 };

    let titel = l.text(sp, "dokument-beslut-titel", &[arg("insats", b0.insats_namn.clone())]);
    let mut b = vec![Block::Rubrik { text: titel.clone(), storlek: s.h1 }];
    b.push(stycke(l.text(
        sp,
        "dokument-beslut-inledning",
        &[arg("namn", u.brukare_namn.clone()), arg("datum", datum(beslutsdatum))],
    )));

    let fakta: Vec<(String, String)> = vec![
        (l.t(sp, "dokument-beslut-utfall"), l.t(sp, b0.utfall.meddelande_id())),
        (l.t(sp, "dokument-beslut-insats"), b0.insats_namn.clone()),
        (
            l.t(sp, "dokument-beslut-omfattning"),
            omfattning(l, sp, b0.omfattning, b0.enhet)
                .unwrap_or_else(|| l.t(sp, b0.enhet.meddelande_id())),
        ),
        (l.t(sp, "dokument-beslut-giltighet"), giltighet(l, sp, b0.giltig_fran, b0.giltig_till)),
        (l.t(sp, "dokument-beslut-lagrum"), eller_saknas(&u.lagrum, &saknas)),
        (l.t(sp, "dokument-beslut-beslutsdatum"), datum(beslutsdatum)),
    ];
    if s.storstil {
        for (etikett, varde) in fakta {
            b.push(Block::Stycke { text: etikett, storlek: s.brod, vikt: Vikt::Fet });
            b.push(stycke(varde));
        }
    } else {
        b.push(Block::Tabell(Tabell {
            kolumner: vec![
                (l.t(sp, "dokument-beslut-uppgift"), 30.0),
                (l.t(sp, "dokument-beslut-varde"), 70.0),
            ],
            rader: fakta.into_iter().map(|(e, v)| vec![Cell::fet(e), Cell::normal(v)]).collect(),
            storlek: s.brod,
            med_huvud: false,
        }));
    }

    b.push(rubrik(l.t(sp, "dokument-beslut-motivering")));
    b.push(stycke(eller_saknas(&b0.motivering, &saknas)));
    if let Some(d) = b0.uppfoljning {
        b.push(rubrik(l.t(sp, "dokument-beslut-uppfoljning-rubrik")));
        b.push(stycke(l.text(sp, "dokument-beslut-uppfoljning", &[arg("datum", datum(d))])));
    }
    b.push(rubrik(l.t(sp, "dokument-brev-fragor-rubrik")));
    b.push(stycke(kontakttext(l, sp, &u.handlaggare)));

    // Every decision carries the appeal instructions; for avslag and delvis bifall the law
    // requires them, and a bifall can be appealed too (the omfattning, the dates).
    let a = &u.avsandare;
    let adress = format!("{}, {}, {}, {} {}", a.kommun, a.namnd, a.adress, a.postnummer, a.postort);
    b.push(rubrik(l.t(sp, "dokument-overklaga-rubrik")));
    b.push(stycke(l.text(
        sp,
        "dokument-overklaga-hur",
        &[arg("namnd", a.namnd.clone()), arg("diarienummer", b0.diarienummer.clone())],
    )));
    b.push(stycke(l.text(sp, "dokument-overklaga-nar", &[arg("adress", adress)])));
    b.push(stycke(l.t(sp, "dokument-overklaga-sedan")));

    let sidor = bryt_om(t, &f, &b, huvud, &[], &|nr, antal| {
        l.text(sp, "dokument-sida", &[arg("nr", nr), arg("antal", antal)])
    });
    Ombrutet {
        format: f,
        sidor,
        meta: Metadata { titel, forfattare: a.namnd.clone(), sprak: sp.to_owned(), datum: u.datum },
    }
}
