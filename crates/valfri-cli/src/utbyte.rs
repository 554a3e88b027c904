//! `brukare import` and the `providers` commands: import, export and signed register packages.
//! The work is in `valfri-utbyte`; here are the arguments, the words and the exit codes.

use std::path::{Path, PathBuf};

use serde_json::json;
use valfri_domain::{Anvandarmeddelande, Arg};
use valfri_store::idag;
use valfri_utbyte::utforare::Forhandsgranskning;
use valfri_utbyte::{Radfel, Utbytesfel, brukare, export, paket, tabell, utforare};

use super::{Anvandningsfel, Argument, Ctx, Fel, cli_aktor};

/// Says why and gives the exit code: storage problems are 3 (through `Fel::Lagring`), a refused
/// input (bad rows, a bad signature, an old package) is 1.
fn fel(ctx: &Ctx, e: Utbytesfel) -> Fel {
    if let Utbytesfel::Lagring(l) = e {
        return Fel::Lagring(l);
    }
    let text = ctx.l.meddelande(&ctx.sprak, &e);
    eprintln!("{text}");
    if ctx.json {
        println!("{}", json!({ "code": e.meddelande_id(), "message": text }));
    }
    Fel::Nej
}

fn las_fil(ctx: &Ctx, fil: &str) -> Result<Vec<u8>, Fel> {
    std::fs::read(fil)
        .map_err(|e| fel(ctx, Utbytesfel::Fil { sokvag: fil.to_owned(), detalj: e.to_string() }))
}

fn skriv_fil(ctx: &Ctx, fil: &Path, bytes: &[u8]) -> Result<(), Fel> {
    std::fs::write(fil, bytes).map_err(|e| {
        fel(ctx, Utbytesfel::Fil { sokvag: fil.display().to_string(), detalj: e.to_string() })
    })
}

fn radtext(ctx: &Ctx, f: &Radfel) -> String {
    valfri_utbyte::text::radfel(&|id, a| ctx.t(id, a), f)
}

fn rapport_json(ctx: &Ctx, fel: &[Radfel]) -> serde_json::Value {
    json!(fel
        .iter()
        .map(|f| json!({ "rad": f.rad, "kolumn": f.kolumn, "kod": f.kod, "meddelande": ctx.l.meddelande(&ctx.sprak, f) }))
        .collect::<Vec<_>>())
}

/// Prints the per-row report and refuses (exit 1) when any row is bad.
fn rapport(
    ctx: &Ctx,
    rader: usize,
    felrader: &[Radfel],
    lasning: &serde_json::Value,
) -> Result<(), Fel> {
    if felrader.is_empty() {
        return Ok(());
    }
    ctx.ut(
        &json!({ "rader": rader, "lasning": lasning, "fel": rapport_json(ctx, felrader), "importerat": false }),
        || felrader.iter().map(|f| format!("{}\n", radtext(ctx, f))).collect(),
    );
    eprintln!("{}", ctx.l.meddelande(&ctx.sprak, &Utbytesfel::Felrader { antal: felrader.len() }));
    Err(Fel::Nej)
}

fn forhandsgranskning_text(ctx: &Ctx, g: &Forhandsgranskning) -> String {
    let t = |id: &str, a: &[(&str, Arg)]| ctx.t(id, a);
    let mut ut = String::new();
    for a in valfri_utbyte::text::forhandsgranskning(&t, g) {
        ut.push_str(&a.rubrik);
        ut.push('\n');
        for r in a.rader {
            ut.push_str("  ");
            ut.push_str(&r);
            ut.push('\n');
        }
    }
    ut.push_str(&valfri_utbyte::text::oforandrade(&t, g));
    ut.push('\n');
    ut
}

/// Reads the file, and says how (an encoding other than UTF-8, the sheet of a workbook) before
/// the report, so a page of errors is not the first sign of a wrong sheet or encoding; with
/// `--json` the same sentences are in the output's `lasning`.
fn las_tabell(
    ctx: &Ctx,
    fil: &str,
    blad: Option<&str>,
    rubriker: &[&str],
) -> Result<(tabell::Tabell, serde_json::Value), Fel> {
    let bytes = las_fil(ctx, fil)?;
    let t = tabell::las_med(&bytes, &tabell::Lasval { blad, rubriker }).map_err(|e| fel(ctx, e))?;
    let mut lasning = Vec::new();
    for u in t.upplysningar() {
        let text = ctx.l.meddelande(&ctx.sprak, &u);
        eprintln!("{text}");
        lasning.push(json!({ "kod": u.id, "meddelande": text }));
    }
    Ok((t, json!(lasning)))
}

pub(super) fn brukare_import(args: &mut Argument, ctx: &Ctx, fil: &str) -> Result<(), Fel> {
    let prov = args.har("dry-run");
    let blad = args.ta("sheet");
    args.inget_kvar(&["dry-run"])?;
    let store = ctx.oppna()?;
    let aktor = cli_aktor(&store)?;
    let (t, lasning) = las_tabell(ctx, fil, blad.as_deref(), brukare::KRAVS)?;
    let import = brukare::tolka(&t, &store).map_err(|e| fel(ctx, e))?;
    rapport(ctx, import.rader, &import.fel, &lasning)?;
    let antal = import.brukare.len();
    if prov {
        ctx.ut(
            &json!({ "rader": import.rader, "lasning": lasning, "fel": [], "antal": antal, "dry_run": true }),
            || {
                format!(
                    "{}\n{}\n",
                    ctx.t("utbyte-brukare-prov", &[("antal", antal.into())]),
                    ctx.t("utbyte-provkorning", &[])
                )
            },
        );
        return Ok(());
    }
    let klart = brukare::tillampa(&store, &aktor, &import, &format!("import {fil}"))
        .map_err(|e| fel(ctx, e))?;
    ctx.ut(&json!({ "rader": import.rader, "lasning": lasning, "fel": [], "antal": klart.antal, "ider": klart.ider, "dry_run": false }), || {
        format!("{}\n", ctx.t("utbyte-brukare-klart", &[("antal", klart.antal.into())]))
    });
    Ok(())
}

pub(super) fn providers_import(args: &mut Argument, ctx: &Ctx, fil: &str) -> Result<(), Fel> {
    let prov = args.har("dry-run");
    let blad = args.ta("sheet");
    args.inget_kvar(&["dry-run"])?;
    let store = ctx.oppna()?;
    let aktor = cli_aktor(&store)?;
    let (t, lasning) = las_tabell(ctx, fil, blad.as_deref(), &utforare::kravda_rubriker())?;
    let import = utforare::tolka(&t, &store).map_err(|e| fel(ctx, e))?;
    rapport(ctx, import.rader, &import.fel, &lasning)?;
    // Warnings do not stop the import; they come before what it did.
    let varningar: String = if import.varningar.is_empty() {
        String::new()
    } else {
        let mut v = format!("{}\n", ctx.t("utbyte-rubrik-varningar", &[]));
        for f in &import.varningar {
            v.push_str("  ");
            v.push_str(&radtext(ctx, f));
            v.push('\n');
        }
        v
    };
    let varningar_json = rapport_json(ctx, &import.varningar);
    let dag = idag();
    if prov {
        let g =
            utforare::forhandsgranska(&store, &import.utforare, dag).map_err(|e| fel(ctx, e))?;
        ctx.ut(&json!({ "rader": import.rader, "lasning": lasning, "fel": [], "varningar": varningar_json, "forhandsgranskning": g, "dry_run": true, "version": null }), || {
            format!(
                "{varningar}{}\n{}{}\n",
                ctx.t("utbyte-rader-ok", &[("rader", import.rader.into())]),
                forhandsgranskning_text(ctx, &g),
                ctx.t("utbyte-provkorning", &[])
            )
        });
        return Ok(());
    }
    let klart = utforare::tillampa(&store, &aktor, &import, &format!("import {fil}"), dag)
        .map_err(|e| fel(ctx, e))?;
    ctx.ut(
        &json!({ "rader": import.rader, "lasning": lasning, "fel": [], "varningar": varningar_json, "forhandsgranskning": klart.forhandsgranskning, "dry_run": false, "version": klart.version }),
        || {
            let slut = match klart.version {
                Some(v) => ctx.t("utbyte-sparat", &[("version", Arg::Tal(v))]),
                None => ctx.t("utbyte-inget-att-spara", &[]),
            };
            format!(
                "{varningar}{}\n{}{slut}\n",
                ctx.t("utbyte-rader-ok", &[("rader", import.rader.into())]),
                forhandsgranskning_text(ctx, &klart.forhandsgranskning)
            )
        },
    );
    Ok(())
}

pub(super) fn providers_export(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let format = args.ta("format").unwrap_or_else(|| "csv".into());
    let ut = args.ta("out").map(PathBuf::from);
    args.inget_kvar(&[])?;
    let store = ctx.oppna()?;
    let bytes = match format.as_str() {
        "csv" => export::csv(&store.utforare_lista()?).map_err(|e| fel(ctx, e))?,
        "hsds" => {
            let v = export::hsds(&store, idag()).map_err(|e| fel(ctx, e))?;
            let mut b = serde_json::to_vec_pretty(&v).unwrap_or_default();
            b.push(b'\n');
            b
        }
        annat => return Err(Anvandningsfel::Okand(format!("format={annat}")).into()),
    };
    if let Some(fil) = ut {
        skriv_fil(ctx, &fil, &bytes)?;
        let vag = fil.display().to_string();
        ctx.ut(&json!({ "fil": vag, "format": format }), || {
            format!("{}\n", ctx.t("utbyte-export-klar", &[("sokvag", vag.clone().into())]))
        });
    } else {
        use std::io::Write;
        // The export itself is the output, also with --json (HSDS is JSON; CSV is data).
        let _ = std::io::stdout().lock().write_all(&bytes);
    }
    Ok(())
}

pub(super) fn providers_keygen(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let fil = PathBuf::from(args.kravs("out")?);
    args.inget_kvar(&[])?;
    let publik = paket::skriv_nyckelpar(&fil).map_err(|e| fel(ctx, e))?;
    let (h, p) = (fil.display().to_string(), publik.display().to_string());
    ctx.ut(&json!({ "hemlig": h, "publik": p }), || {
        format!(
            "{}\n",
            ctx.t(
                "utbyte-nyckel-klar",
                &[("hemlig", h.clone().into()), ("publik", p.clone().into())]
            )
        )
    });
    Ok(())
}

pub(super) fn providers_package(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let nyckelfil = PathBuf::from(args.kravs("key")?);
    let ut = PathBuf::from(args.kravs("out")?);
    args.inget_kvar(&[])?;
    let store = ctx.oppna()?;
    let nyckel = paket::las_hemlig_nyckel(&nyckelfil).map_err(|e| fel(ctx, e))?;
    let bytes = paket::skapa(&store, &nyckel, idag()).map_err(|e| fel(ctx, e))?;
    skriv_fil(ctx, &ut, &bytes)?;
    let (version, antal) = (store.registerversion()?, store.utforare_lista()?.len());
    let vag = ut.display().to_string();
    ctx.ut(&json!({ "fil": vag, "paketversion": version, "utforare": antal }), || {
        format!(
            "{}\n",
            ctx.t(
                "utbyte-paket-klart",
                &[
                    ("version", Arg::Tal(version)),
                    ("antal", antal.into()),
                    ("sokvag", vag.clone().into())
                ]
            )
        )
    });
    Ok(())
}

pub(super) fn providers_apply_package(
    args: &mut Argument,
    ctx: &Ctx,
    fil: &str,
) -> Result<(), Fel> {
    // The organisation's key, when its file sets one: --pubkey may then be left out, and
    // another key is refused.
    let vald = args.ta("pubkey").map(PathBuf::from);
    args.inget_kvar(&[])?;
    let nyckelfil = match ctx.organisation()? {
        Some(org) => org.registerpaketnyckel(vald.as_deref()).map_err(Fel::Konfig)?,
        None => vald,
    }
    .ok_or_else(|| Fel::from(crate::args::Anvandningsfel::Saknas("pubkey".into())))?;
    let store = ctx.oppna()?;
    let aktor = cli_aktor(&store)?;
    let nyckel = paket::las_publik_nyckel(&nyckelfil).map_err(|e| fel(ctx, e))?;
    let bytes = las_fil(ctx, fil)?;
    let kontrollerat = paket::kontrollera(&bytes, &nyckel).map_err(|e| fel(ctx, e))?;
    let klart = paket::tillampa(&store, &aktor, &kontrollerat, idag()).map_err(|e| fel(ctx, e))?;
    ctx.ut(
        &json!({ "paketversion": klart.paketversion, "version": klart.registerversion, "forhandsgranskning": klart.forhandsgranskning }),
        || {
            let slut = match klart.registerversion {
                Some(v) => ctx.t("utbyte-sparat", &[("version", Arg::Tal(v))]),
                None => ctx.t("utbyte-inget-att-spara", &[]),
            };
            format!(
                "{}\n{}{slut}\n",
                ctx.t("utbyte-paket-tillampat", &[("paket", Arg::Tal(klart.paketversion))]),
                forhandsgranskning_text(ctx, &klart.forhandsgranskning)
            )
        },
    );
    Ok(())
}
