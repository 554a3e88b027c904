//! The beslutsmeddelande: the decision in plain words and how to appeal it.

use valfri_domain::dokument::{Beslutsunderlag, Form};
use valfri_domain::{PaSprak, Utfall, versal_forst};
use valfri_l10n::Localizer;

use crate::Ombrutet;
use crate::brev::ombudsmening;
use crate::gemensamt::{
    Storlekar, arg, brevhuvud, bryt_om_sidor, datum, eller_saknas, gatuadress, giltighet, hel,
    kontakttext, omfattning, referenser, sprak,
};
use crate::layout::{Avstavning, Block, Cell, HARD, Sidformat, Tabell};
use crate::pdf::Metadata;
use crate::sprakfalt::{self, Markering};
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
        &s,
        &u.avsandare,
        &u.mottagare,
        referenser(l, sp, u.datum, &b0.diarienummer, &u.personnummer, &u.handlaggare),
    );
    f.forsta_topp = start;
    f.avstavning = Some(Avstavning::for_sprak(sp));
    let markering = Markering::ny(l, sp);
    let saknas = l.t(sp, "dokument-uppgift-saknas");
    let stycke = |text: String| Block::Stycke { text, storlek: s.brod, vikt: Vikt::Normal };
    let rubrik = |text: String| Block::Rubrik { text, storlek: s.h2 };
    let avslag = b0.utfall == Utfall::Avslag;
    let insats = b0.insats_namn.clone();
    let omf = omfattning(l, sp, b0.omfattning, b0.enhet);
    let period = giltighet(l, sp, b0.giltig_fran, b0.giltig_till);

    let titel = l.text(sp, "dokument-beslut-titel", &[arg("insats", insats.clone())]);
    let mut b = vec![Block::Rubrik { text: titel.clone(), storlek: s.h1 }];
    b.extend(ombudsmening(l, sp, &u.mottagare, "dokument-ombud-beslut").map(stycke));

    // The outcome first, as sentences: what the person gets, and what not.
    let beviljat = || match &omf {
        Some(o) => l.text(
            sp,
            "dokument-beslut-beviljat",
            &[arg("insats", insats.clone()), arg("omfattning", o.clone())],
        ),
        None => {
            l.text(sp, "dokument-beslut-beviljat-utan-omfattning", &[arg("insats", insats.clone())])
        }
    };
    let galler = || l.text(sp, "dokument-beslut-galler", &[arg("giltighet", period.clone())]);
    // What was not granted is the handläggare's own words, in Swedish: marked as such in a
    // letter in another language.
    let ej_beviljat = (b0.utfall == Utfall::DelvisBifall && !b0.ej_beviljat.trim().is_empty())
        .then(|| {
            let mut varde = b0.ej_beviljat.trim().to_owned();
            if !varde.ends_with(['.', '!', '?']) {
                varde.push('.');
            }
            markering.text(&PaSprak { varde, svenska: sp != "sv" })
        });
    let utfall = match b0.utfall {
        Utfall::Avslag => {
            vec![l.text(sp, "dokument-beslut-avslag", &[arg("insats", insats.clone())])]
        }
        Utfall::DelvisBifall => vec![
            l.t(sp, "dokument-beslut-delvis"),
            beviljat(),
            match &ej_beviljat {
                Some(ej) => {
                    l.text(sp, "dokument-beslut-delvis-inte-vad", &[arg("ej_beviljat", ej.clone())])
                }
                // A beslut made before the refused part was stored.
                None => l.t(sp, "dokument-beslut-delvis-inte"),
            },
            galler(),
        ],
        Utfall::Bifall => vec![beviljat(), galler()],
    };
    b.push(Block::Stycke { text: utfall.join(" "), storlek: s.brod, vikt: Vikt::Fet });
    b.push(stycke(l.text(
        sp,
        "dokument-beslut-inledning",
        &[arg("namn", u.brukare_namn.clone()), arg("datum", datum(beslutsdatum))],
    )));

    // The decision-maker: the handläggare, and the point of the nämnd's delegationsordning
    // the decision was made under (copied to the beslut when it was made).
    let delegation = b0.delegation.trim();
    let fattat_av = l.text(
        sp,
        if delegation.is_empty() {
            "dokument-beslut-fattat-av"
        } else {
            "dokument-beslut-fattat-av-punkt"
        },
        &[
            arg("namn", u.handlaggare.namn.clone()),
            arg("titel", u.handlaggare.titel.clone()),
            arg("namnd", u.avsandare.namnd.clone()),
            arg("punkt", hel(delegation)),
        ],
    );
    // "punkt 3.2", "kohta 3.2": the number never starts a line of its own.
    let fattat_av = if delegation.is_empty() {
        fattat_av
    } else {
        let punkt = hel(delegation);
        fattat_av.replacen(&format!(" {punkt}"), &format!("{HARD}{punkt}"), 1)
    };
    let mut fakta: Vec<(String, String)> = vec![
        (l.t(sp, "dokument-beslut-utfall"), l.t(sp, b0.utfall.meddelande_id())),
        (l.t(sp, "dokument-beslut-insats"), versal_forst(&insats)),
    ];
    // A refusal grants no extent and no period: printing them would read as if it did.
    if !avslag {
        fakta.push((
            l.t(sp, "dokument-beslut-omfattning"),
            omf.clone().unwrap_or_else(|| l.t(sp, b0.enhet.meddelande_id())),
        ));
        if let Some(ej) = &ej_beviljat {
            fakta.push((l.t(sp, "dokument-beslut-ej-beviljat"), versal_forst(ej)));
        }
        fakta.push((l.t(sp, "dokument-beslut-giltighet"), period.clone()));
    }
    fakta.push((
        l.t(sp, "dokument-beslut-lagrum"),
        eller_saknas(&sprakfalt::lagrum(l, sp, &markering, &u.lagrum), &saknas),
    ));
    fakta.push((l.t(sp, "dokument-beslut-beslutsdatum"), datum(beslutsdatum)));
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
    // The reasons are the handläggare's own words and are not translated: say so.
    if !b0.motivering.trim().is_empty() {
        b.push(Block::Stycke {
            text: l.t(sp, "dokument-motivering-som-skriven"),
            storlek: s.brod,
            vikt: Vikt::Normal,
        });
    }
    if !avslag && u.valfrihet {
        b.push(rubrik(l.t(sp, "dokument-beslut-valja-rubrik")));
        b.push(stycke(l.text(sp, "dokument-beslut-valja", &[arg("insats", insats.clone())])));
    }
    if let Some(d) = b0.uppfoljning.filter(|_| !avslag) {
        b.push(rubrik(l.t(sp, "dokument-beslut-uppfoljning-rubrik")));
        b.push(stycke(l.text(sp, "dokument-beslut-uppfoljning", &[arg("datum", datum(d))])));
    }
    b.push(rubrik(l.t(sp, "dokument-beslut-fattat-av-rubrik")));
    b.push(stycke(fattat_av));
    b.push(rubrik(l.t(sp, "dokument-brev-fragor-rubrik")));
    b.push(stycke(kontakttext(l, sp, &u.handlaggare)));

    // Every decision carries the appeal instructions; for avslag and delvis bifall the law
    // requires them, and a bifall can be appealed too (the omfattning, the dates).
    let a = &u.avsandare;
    let adress = format!(
        "{}, {}, {}, {} {}",
        a.kommun,
        a.namnd,
        gatuadress(&a.adress),
        hel(&a.postnummer),
        a.postort
    );
    // The appeal instructions are kept on one page: read together or not at all.
    b.push(Block::Grupp(vec![
        rubrik(l.t(sp, "dokument-overklaga-rubrik")),
        stycke(l.text(
            sp,
            "dokument-overklaga-hur",
            &[arg("namnd", a.namnd.clone()), arg("diarienummer", hel(&b0.diarienummer))],
        )),
        stycke(l.text(sp, "dokument-overklaga-nar", &[arg("adress", adress)])),
        stycke(l.t(sp, "dokument-overklaga-sedan")),
    ]));
    if let Some(not) = markering.not() {
        b.push(stycke(not));
    }

    let sidor = bryt_om_sidor(t, &f, &s, &b, &huvud, &[], &|nr, antal| {
        l.text(sp, "dokument-sida", &[arg("nr", nr), arg("antal", antal)])
    });
    Ombrutet {
        format: f,
        sidor,
        bilaga: None,
        meta: Metadata { titel, forfattare: a.namnd.clone(), sprak: sp.to_owned(), datum: u.datum },
    }
}
