//! `valfri user …`: the personal logins (key slots) of a database. Who runs these is the
//! person `--user` signed in as; adding and removing logins is the systemförvaltare's, which
//! the store checks and logs.

use serde_json::json;
use valfri_domain::Arg;
use valfri_store::Losenfras;

use crate::args::{Anvandningsfel, Argument};
use crate::{Ctx, Fel, losenfras_fran, tabell};

pub(crate) fn kor(args: &mut Argument, ctx: &Ctx, ord: &[&str]) -> Result<(), Fel> {
    match ord {
        ["list"] => lista(args, ctx),
        ["key", "add", login] => {
            let handlaggare = args.kravs("handlaggare")?;
            let ny = losenfras_fran(&args.kravs("new-passphrase-env")?, Losenfras::ny_nyckel)?;
            args.inget_kvar(&[])?;
            let store = ctx.oppna()?;
            store.lagg_till_nyckelplats(login, &handlaggare, &ny)?;
            let anvandare = login.trim().to_lowercase();
            ctx.ut(&json!({ "anvandare": anvandare, "handlaggare_id": handlaggare }), || {
                format!(
                    "{}\n",
                    ctx.t("cli-nyckelplats-tillagd", &[("anvandare", anvandare.clone().into())])
                )
            });
            Ok(())
        }
        ["key", "remove", login] => {
            args.inget_kvar(&[])?;
            let mut store = ctx.oppna()?;
            store.ta_bort_nyckelplats(login)?;
            let anvandare = login.trim().to_lowercase();
            ctx.ut(&json!({ "anvandare": anvandare, "borttagen": true }), || {
                format!(
                    "{}\n",
                    ctx.t("cli-nyckelplats-borttagen", &[("anvandare", anvandare.clone().into())])
                )
            });
            Ok(())
        }
        ["passphrase"] => {
            let ny = losenfras_fran(&args.kravs("new-passphrase-env")?, Losenfras::ny_nyckel)?;
            args.inget_kvar(&[])?;
            let store = ctx.oppna()?;
            let gammal = ctx.losen.clone().ok_or(valfri_store::Lagringsfel::KraverInloggning)?;
            store.byt_egen_losenfras(&gammal, &ny)?;
            ctx.ut(&json!({ "bytt": true }), || {
                format!("{}\n", ctx.t("cli-egen-losenfras-bytt", &[]))
            });
            Ok(())
        }
        ["convert"] => {
            let login = args.kravs("login")?;
            let handlaggare = args.kravs("handlaggare")?;
            let ny = losenfras_fran(&args.kravs("new-passphrase-env")?, Losenfras::ny_nyckel)?;
            args.inget_kvar(&[])?;
            let mut store = ctx.oppna()?;
            let person = store.forsta_nyckelplats(&handlaggare, &login, &ny)?;
            let sokvag = store.sokvag().map(|p| p.display().to_string()).unwrap_or_default();
            ctx.ut(&serde_json::to_value(&person).unwrap_or_default(), || {
                format!(
                    "{}\n",
                    ctx.t(
                        "cli-konverterad",
                        &[
                            ("sokvag", Arg::from(sokvag.clone())),
                            ("anvandare", person.anvandare.clone().into()),
                            ("namn", person.namn.clone().into()),
                        ]
                    )
                )
            });
            Ok(())
        }
        [] => Err(Anvandningsfel::Saknas("user list|key|passphrase|convert".into()).into()),
        [annat, ..] => Err(Anvandningsfel::Okand(format!("user {annat}")).into()),
    }
}

fn lista(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    args.inget_kvar(&[])?;
    let lista = ctx.oppna()?.nyckelplatser()?;
    ctx.ut(&serde_json::to_value(&lista).unwrap_or_default(), || {
        tabell(
            &[
                ctx.t("cli-kol-anvandare", &[]),
                ctx.t("cli-kol-namn", &[]),
                ctx.t("cli-kol-roll", &[]),
                ctx.t("cli-kol-skapad", &[]),
            ],
            lista
                .iter()
                .map(|i| {
                    vec![
                        i.anvandare.clone(),
                        i.namn.clone().unwrap_or_else(|| ctx.t("cli-handlaggare-saknas", &[])),
                        i.roll
                            .map(|r| ctx.t(&format!("roll-{}", r.kod()), &[]))
                            .unwrap_or_default(),
                        i.skapad.clone(),
                    ]
                })
                .collect(),
        )
    });
    Ok(())
}
