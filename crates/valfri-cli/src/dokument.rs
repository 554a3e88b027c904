//! The document commands: `letter`, `letters`, `sheet`, `decision-letter`. They gather each
//! document's data from the store, render it with `valfri-dokument` (the same functions the app
//! uses), write it atomically, and record what was produced.

use std::path::{Path, PathBuf};

use serde_json::json;
use valfri_domain::dokument::Form;
use valfri_dokument::Typsnitt;
use valfri_store::{Dokumenttyp, Lagringsfel, Store, idag};

use crate::args::{Anvandningsfel, Argument};
use crate::{Ctx, Fel, cli_aktor};

/// Writes beside the target and renames, so an interrupted run never leaves half a PDF that a
/// resumed batch would take for done.
fn skriv_atomiskt(sokvag: &Path, innehall: &[u8]) -> Result<(), Fel> {
    let mut tillfallig = sokvag.as_os_str().to_owned();
    tillfallig.push(".tmp");
    let tillfallig = PathBuf::from(tillfallig);
    let fel = |e: std::io::Error| Fel::Lagring(Lagringsfel::KanInteOppna { sokvag: sokvag.display().to_string(), detalj: e.to_string() });
    std::fs::write(&tillfallig, innehall).map_err(fel)?;
    std::fs::rename(&tillfallig, sokvag).map_err(fel)
}

fn typsnitt() -> Result<Typsnitt, Fel> {
    Typsnitt::inbyggda().map_err(|e| Fel::Dokument(e))
}

fn form(args: &Argument, standard: Form, ctx: &Ctx) -> Form {
    let sprak = ctx.vald_sprak.clone().unwrap_or(standard.sprak);
    Form { sprak, storstil: standard.storstil || args.har("large-print") }
}

/// `FILE.pdf` for the brukare, `FILE-kopia-N.pdf` for each ombud.
fn kopia_sokvag(ut: &Path, n: usize) -> PathBuf {
    if n == 0 {
        return ut.to_path_buf();
    }
    let stam = ut.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "brev".into());
    ut.with_file_name(format!("{stam}-kopia-{n}.pdf"))
}

pub(crate) fn letter(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let beslut = args.kravs("beslut")?;
    let ut = PathBuf::from(args.kravs("out")?);
    let store = ctx.oppna()?;
    let aktor = cli_aktor(&store)?;
    let form = form(&*args, store.brevform(&aktor, &beslut)?, ctx);
    args.inget_kvar(&["large-print"])?;
    let t = typsnitt()?;
    let filer = skriv_valfrihetsbrev(&store, &aktor, &t, ctx, &beslut, &form, |n| kopia_sokvag(&ut, n))?;
    let lista: Vec<String> = filer.iter().map(|p| p.display().to_string()).collect();
    ctx.ut(&json!({ "filer": lista, "sprak": form.sprak, "storstil": form.storstil }), || {
        lista.iter().map(|f| format!("{}\n", ctx.t("cli-dokument-klart", &[("sokvag", f.clone().into())]))).collect()
    });
    Ok(())
}

/// Renders and records the brukare's letter and every ombud copy for one beslut; records that
/// the information was given (which starts the time to answer).
fn skriv_valfrihetsbrev(
    store: &Store,
    aktor: &valfri_store::Aktor,
    t: &Typsnitt,
    ctx: &Ctx,
    beslut: &str,
    form: &Form,
    sokvag: impl Fn(usize) -> PathBuf,
) -> Result<Vec<PathBuf>, Fel> {
    let underlag = store.valfrihetsunderlag(aktor, beslut, idag())?;
    let mut filer = Vec::new();
    for (n, (mottagare, u)) in underlag.iter().enumerate() {
        let pdf = valfri_dokument::valfrihetsbrev(t, &ctx.l, u, form).map_err(Fel::Dokument)?;
        let fil = sokvag(n);
        skriv_atomiskt(&fil, &pdf)?;
        store.registrera_dokument(aktor, Dokumenttyp::Valfrihetsbrev, Some(beslut), mottagare, u.registerversion, &form.sprak, form.storstil, &pdf)?;
        filer.push(fil);
    }
    store.registrera_information(aktor, beslut, idag(), &form.sprak, form.storstil)?;
    Ok(filer)
}

pub(crate) fn letters(args: &mut Argument, ctx: &Ctx, ord: &[&str]) -> Result<(), Fel> {
    let katalog = PathBuf::from(args.kravs("out-dir")?);
    let mut beslut: Vec<String> = args.ta_alla("beslut");
    beslut.extend(ord.iter().map(|s| (*s).to_owned()));
    let omval = args.har("omval");
    args.inget_kvar(&["omval"])?;
    let store = ctx.oppna()?;
    let aktor = cli_aktor(&store)?;
    if omval {
        beslut.extend(store.omval_beslut()?);
    }
    if beslut.is_empty() {
        return Err(Anvandningsfel::Saknas("beslut".into()).into());
    }
    std::fs::create_dir_all(&katalog)
        .map_err(|e| Fel::Lagring(Lagringsfel::KanInteOppna { sokvag: katalog.display().to_string(), detalj: e.to_string() }))?;
    let t = typsnitt()?;
    let antal = beslut.len();
    let (mut gjorda, mut hoppade, mut fel) = (0usize, 0usize, Vec::new());
    for (i, id) in beslut.iter().enumerate() {
        // A beslut whose brukare's letter exists was done by an earlier, interrupted run.
        let fil = |n: usize| katalog.join(if n == 0 { format!("{id}.pdf") } else { format!("{id}-kopia-{n}.pdf") });
        if fil(0).exists() {
            hoppade += 1;
        } else {
            match store.brevform(&aktor, id).map_err(Fel::from).and_then(|form| skriv_valfrihetsbrev(&store, &aktor, &t, ctx, id, &form, fil)) {
                Ok(_) => gjorda += 1,
                // One brukare's problem must not stop the batch; it is reported at the end.
                Err(Fel::Lagring(e)) => fel.push((id.clone(), ctx.l.meddelande(&ctx.sprak, &e))),
                Err(annat) => return Err(annat),
            }
        }
        eprintln!("{}", ctx.t("cli-batch-framsteg", &[("klara", (i + 1).into()), ("antal", antal.into())]));
    }
    let felrader: Vec<_> = fel.iter().map(|(id, m)| json!({ "beslut": id, "fel": m })).collect();
    ctx.ut(&json!({ "katalog": katalog.display().to_string(), "skrivna": gjorda, "redan_klara": hoppade, "fel": felrader }), || {
        let mut s = format!(
            "{}\n",
            ctx.t("cli-batch-klar", &[("skrivna", gjorda.into()), ("redan", hoppade.into()), ("katalog", katalog.display().to_string().into())])
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
    let form = form(&*args, Form { sprak: ctx.sprak.clone(), storstil: false }, ctx);
    args.inget_kvar(&["large-print"])?;
    let store = ctx.oppna()?;
    let aktor = cli_aktor(&store)?;
    let u = store.jamforelseunderlag(&aktor, &insats, &omrade, idag(), &form.sprak)?;
    let pdf = valfri_dokument::jamforelseblad(&typsnitt()?, &ctx.l, &u, &form).map_err(Fel::Dokument)?;
    skriv_atomiskt(&ut, &pdf)?;
    store.registrera_dokument(&aktor, Dokumenttyp::Jamforelseblad, None, &format!("{insats}/{omrade}"), u.registerversion, &form.sprak, form.storstil, &pdf)?;
    let vag = ut.display().to_string();
    ctx.ut(&json!({ "filer": [vag], "utforare": u.utforare.len() }), || format!("{}\n", ctx.t("cli-dokument-klart", &[("sokvag", vag.clone().into())])));
    Ok(())
}

pub(crate) fn decision_letter(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let beslut = args.kravs("beslut")?;
    let ut = PathBuf::from(args.kravs("out")?);
    let store = ctx.oppna()?;
    let aktor = cli_aktor(&store)?;
    let form = form(&*args, store.brevform(&aktor, &beslut)?, ctx);
    args.inget_kvar(&["large-print"])?;
    let t = typsnitt()?;
    let mut filer = Vec::new();
    for (n, (mottagare, u)) in store.beslutsunderlag(&aktor, &beslut, idag())?.iter().enumerate() {
        let pdf = valfri_dokument::beslutsmeddelande(&t, &ctx.l, u, &form).map_err(Fel::Dokument)?;
        let fil = kopia_sokvag(&ut, n);
        skriv_atomiskt(&fil, &pdf)?;
        store.registrera_dokument(&aktor, Dokumenttyp::Beslutsmeddelande, Some(&beslut), mottagare, store.registerversion()?, &form.sprak, form.storstil, &pdf)?;
        filer.push(fil.display().to_string());
    }
    ctx.ut(&json!({ "filer": filer }), || filer.iter().map(|f| format!("{}\n", ctx.t("cli-dokument-klart", &[("sokvag", f.clone().into())]))).collect());
    Ok(())
}
