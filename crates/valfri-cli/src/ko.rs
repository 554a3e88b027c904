//! `valfri queue add|list|remove|give` (the waiting list) and `valfri beslut verkstall` (a
//! beslut set verkställt by hand): the same store calls as the window's.

use serde_json::json;
use valfri_domain::{VemValde, tolka_datum};
use valfri_store::idag;

use crate::args::Argument;
use crate::{Ctx, Fel, cli_aktor};

/// `valfri queue add --beslut ID --utforare ORGNR|ID [--by brukare|ombud|handlaggare]`.
pub(crate) fn add(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let beslut = args.kravs("beslut")?;
    let utforare = args.kravs("utforare")?;
    let vem =
        args.ta("by").map(|s| VemValde::fran_kod(&s)).transpose()?.unwrap_or(VemValde::Brukare);
    args.inget_kvar(&[])?;
    let store = ctx.oppna()?;
    let aktor = cli_aktor(&store)?;
    let utforare_id = store.utforare_id(&utforare)?;
    let id = store.stall_i_ko(&aktor, &beslut, &utforare_id, vem, idag())?;
    ctx.ut(&json!({ "id": id }), || {
        format!("{}\n", ctx.t("cli-ko-klart", &[("id", id.clone().into())]))
    });
    Ok(())
}

/// `valfri queue list [--brukare PNR] [--all]`: the open entries oldest first, each with
/// whether a place is free for it now; `--all` adds the ended ones.
pub(crate) fn list(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let brukare = args.ta("brukare");
    let alla = args.har("all");
    args.inget_kvar(&["all"])?;
    let store = ctx.oppna()?;
    let aktor = cli_aktor(&store)?;
    let brukare_id = brukare.map(|b| store.brukare_id(&b)).transpose()?;
    let lista = store.vantelista(&aktor, brukare_id.as_deref(), alla, idag())?;
    ctx.ut(&serde_json::to_value(&lista).unwrap_or_default(), || {
        lista
            .iter()
            .map(|p| {
                let lage = match (p.avslutsorsak, p.plats_ledig) {
                    (Some(o), _) => ctx.t(o.meddelande_id(), &[]),
                    (None, true) => ctx.t("cli-ko-ledig", &[]),
                    (None, false) => ctx.t("cli-ko-vantar", &[]),
                };
                format!(
                    "{}\t{}\t{}\t{}\t{}\t{lage}\n",
                    p.id, p.stalld, p.namn, p.insats_kod, p.utforare_namn
                )
            })
            .collect()
    });
    Ok(())
}

/// `valfri queue remove ID --reason TEXT`.
pub(crate) fn remove(args: &mut Argument, ctx: &Ctx, id: &str) -> Result<(), Fel> {
    let skal = args.ta("reason").unwrap_or_default();
    args.inget_kvar(&[])?;
    let store = ctx.oppna()?;
    store.ta_ur_ko(&cli_aktor(&store)?, id, &skal)?;
    ctx.ut(&json!({ "id": id }), || format!("{}\n", ctx.t("cli-ko-borttagen", &[])));
    Ok(())
}

/// `valfri queue give ID`: the free place to the entry whose turn it is, as a choice.
pub(crate) fn give(args: &mut Argument, ctx: &Ctx, id: &str) -> Result<(), Fel> {
    args.inget_kvar(&[])?;
    let store = ctx.oppna()?;
    let val_id = store.ge_plats(&cli_aktor(&store)?, id)?;
    ctx.ut(&json!({ "val_id": val_id }), || format!("{}\n", ctx.t("cli-ko-given", &[])));
    Ok(())
}

/// `valfri beslut verkstall --beslut ID --date DATE`.
pub(crate) fn verkstall(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let beslut = args.kravs("beslut")?;
    let dag = tolka_datum("datum", &args.kravs("date")?)?;
    args.inget_kvar(&[])?;
    let store = ctx.oppna()?;
    store.verkstall_for_hand(&cli_aktor(&store)?, &beslut, dag)?;
    ctx.ut(&json!({ "beslut": beslut, "verkstalld": dag }), || {
        format!("{}\n", ctx.t("cli-verkstallt", &[("datum", dag.to_string().into())]))
    });
    Ok(())
}
