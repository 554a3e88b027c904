//! The document commands: `letter`, `letters`, `sheet`, `decision-letter`. Gathering, layout,
//! the atomic write, the record of what was produced and the resumable batch are
//! `valfri-utskick`'s, the same functions the app uses; this module reads the arguments and
//! reports.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use serde_json::json;
use valfri_dokument::Typsnitt;
use valfri_domain::dokument::Form;
use valfri_store::{Lagringsfel, Store};
use valfri_utskick::{Utskick, UtskickFel, Vad, kor_batch, skriv_batchbrev};

use crate::args::{Anvandningsfel, Argument};
use crate::{Ctx, Fel, cli_aktor};

impl From<UtskickFel> for Fel {
    fn from(e: UtskickFel) -> Self {
        match e {
            UtskickFel::Lagring(e) => Fel::Lagring(e),
            UtskickFel::Dokument(e) => Fel::Dokument(e),
            UtskickFel::Fil { sokvag, detalj } | UtskickFel::Visa { sokvag, detalj } => {
                Fel::Lagring(Lagringsfel::KanInteOppna { sokvag, detalj })
            }
        }
    }
}

fn typsnitt() -> Result<Typsnitt, Fel> {
    Typsnitt::inbyggda().map_err(Fel::Dokument)
}

fn form(args: &Argument, standard: Form, ctx: &Ctx) -> Form {
    let sprak = ctx.vald_sprak.clone().unwrap_or(standard.sprak);
    Form { sprak, storstil: standard.storstil || args.har("large-print") }
}

fn klart(ctx: &Ctx, filer: &[String]) -> String {
    filer
        .iter()
        .map(|f| format!("{}\n", ctx.t("cli-dokument-klart", &[("sokvag", f.clone().into())])))
        .collect()
}

/// A document about a beslut (letter or decision letter), in the brukare's form unless the
/// arguments say otherwise.
fn om_beslut(args: &mut Argument, ctx: &Ctx, vad: impl FnOnce(String) -> Vad) -> Result<(), Fel> {
    let beslut = args.kravs("beslut")?;
    let ut = PathBuf::from(args.kravs("out")?);
    ctx.kontrollera_dokumentplats(&ut)?;
    let store = ctx.oppna()?;
    let aktor = cli_aktor(&store)?;
    let form = form(&*args, store.brevform(&aktor, &beslut)?, ctx);
    args.inget_kvar(&["large-print"])?;
    let t = typsnitt()?;
    let u = Utskick { store: &store, aktor: &aktor, t: &t, l: &ctx.l };
    let filer: Vec<String> = u
        .spara(&vad(beslut), &form, |n| valfri_utskick::namngiven_sokvag(&ut, n))?
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    ctx.ut(&json!({ "filer": filer, "sprak": form.sprak, "storstil": form.storstil }), || {
        klart(ctx, &filer)
    });
    Ok(())
}

pub(crate) fn letter(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    om_beslut(args, ctx, |beslut| Vad::Valfrihetsbrev { beslut })
}

pub(crate) fn decision_letter(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    om_beslut(args, ctx, |beslut| Vad::Beslutsmeddelande { beslut })
}

pub(crate) fn letters(args: &mut Argument, ctx: &Ctx, ord: &[&str]) -> Result<(), Fel> {
    let katalog = PathBuf::from(args.kravs("out-dir")?);
    ctx.kontrollera_dokumentplats(&katalog)?;
    let mut beslut: Vec<String> = args.ta_alla("beslut");
    beslut.extend(ord.iter().map(|s| (*s).to_owned()));
    let omval = args.har("omval");
    args.inget_kvar(&["omval"])?;
    let store = ctx.oppna()?;
    let aktor = cli_aktor(&store)?;
    if omval {
        beslut.extend(store.omval_beslut()?);
    }
    // With --omval an empty list is an answer (nobody is marked for a new choice), not a
    // usage error: the batch reports 0 letters and succeeds.
    if beslut.is_empty() && !omval {
        return Err(Anvandningsfel::Saknas("beslut".into()).into());
    }
    std::fs::create_dir_all(&katalog).map_err(|e| {
        Fel::Lagring(Lagringsfel::KanInteOppna {
            sokvag: katalog.display().to_string(),
            detalj: e.to_string(),
        })
    })?;
    let t = typsnitt()?;
    let u = Utskick { store: &store, aktor: &aktor, t: &t, l: &ctx.l };
    // What an interrupted run left: recorded letters go in place (and are skipped below as
    // done), unrecorded half-written ones go.
    let stadat = u.stada(&katalog)?;
    if stadat != valfri_utskick::Stadning::default() {
        eprintln!(
            "{}",
            ctx.t(
                "cli-batch-stadat",
                &[
                    ("pa_plats", stadat.pa_plats.len().into()),
                    ("borttagna", stadat.borttagna.into())
                ]
            )
        );
    }
    let b = kor_batch(
        &beslut,
        &AtomicBool::new(false),
        |id| u.samla_batchbrev(id, &katalog),
        |x| skriv_batchbrev(&t, &ctx.l, x),
        |f| u.registrera(f).map(|_| ()),
        |b| {
            eprintln!(
                "{}",
                ctx.t(
                    "cli-batch-framsteg",
                    &[("klara", b.klara.into()), ("antal", b.antal.into())]
                )
            );
        },
    )?;
    let fel: Vec<(String, String)> =
        b.fel.iter().map(|(id, e)| (id.clone(), ctx.l.meddelande(&ctx.sprak, e))).collect();
    let felrader: Vec<_> = fel.iter().map(|(id, m)| json!({ "beslut": id, "fel": m })).collect();
    ctx.ut(&json!({ "katalog": katalog.display().to_string(), "skrivna": b.skrivna, "redan_klara": b.redan_klara, "fel": felrader }), || {
        let mut s = format!(
            "{}\n",
            ctx.t("cli-batch-klar", &[("skrivna", b.skrivna.into()), ("redan", b.redan_klara.into()), ("katalog", katalog.display().to_string().into())])
        );
        for (id, m) in &fel {
            s.push_str(&format!("{id}: {m}\n"));
        }
        s
    });
    if fel.is_empty() { Ok(()) } else { Err(Fel::Nej) }
}

pub(crate) fn sheet(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let insats = args.kravs("insats")?;
    let omrade = args.kravs("omrade")?;
    let ut = PathBuf::from(args.kravs("out")?);
    ctx.kontrollera_dokumentplats(&ut)?;
    let form = form(&*args, Form { sprak: ctx.sprak.clone(), storstil: false }, ctx);
    args.inget_kvar(&["large-print"])?;
    let store: Store = ctx.oppna()?;
    let aktor = cli_aktor(&store)?;
    let t = typsnitt()?;
    let u = Utskick { store: &store, aktor: &aktor, t: &t, l: &ctx.l };
    let vad = Vad::Jamforelseblad { insats, omrade };
    let utkast = u.bryt_om(&vad, &form)?;
    let utforare = utkast.first().map_or(0, |k| k.utforare);
    let filer: Vec<String> = u
        .spara_utkast(&vad, &form, utkast, |_| ut.clone())?
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    ctx.ut(&json!({ "filer": filer, "utforare": utforare }), || klart(ctx, &filer));
    Ok(())
}
