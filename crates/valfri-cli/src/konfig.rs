//! `valfri config check`: the organisation's file validated as the window reads it.

use std::path::PathBuf;

use serde_json::json;

use crate::args::Argument;
use crate::{Ctx, Fel};

pub(crate) fn check(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let given = args.ta("file").map(PathBuf::from);
    args.inget_kvar(&[])?;
    let sprak = ctx.l.sprak();
    let org = match &given {
        Some(fil) => valfri_config::las_fil(fil, &sprak).map(Some),
        None => valfri_config::las_systemfil(&sprak),
    }
    .map_err(Fel::Konfig)?;
    let fil = given.unwrap_or_else(valfri_config::systemfil).display().to_string();
    let Some(org) = org else {
        ctx.ut(&json!({ "fil": fil, "finns": false, "satter": {} }), || {
            format!("{}\n", ctx.t("cli-konfig-ingen", &[("sokvag", fil.clone().into())]))
        });
        return Ok(());
    };
    let satter = org.satter();
    let karta: serde_json::Map<String, serde_json::Value> =
        satter.iter().map(|(k, v)| ((*k).to_owned(), v.clone().into())).collect();
    ctx.ut(&json!({ "fil": fil, "finns": true, "satter": karta }), || {
        let rubrik = if satter.is_empty() { "cli-konfig-tom" } else { "cli-konfig-giltig" };
        let mut ut = format!("{}\n", ctx.t(rubrik, &[("sokvag", fil.clone().into())]));
        for (nyckel, varde) in &satter {
            ut.push_str(&format!("  {nyckel} = {varde}\n"));
        }
        ut
    });
    Ok(())
}
