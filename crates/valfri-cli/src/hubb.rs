//! `valfri hub …`: the municipality's shared database (Kommunläge). The work is in `valfri-hub`;
//! here are the arguments, the words and the exit codes. A password is never an argument: only
//! the name of an environment variable that holds it.

use serde_json::json;
use valfri_domain::Roll;
use valfri_hub::{Hubb, HubbFel, schema};

use super::{Anvandningsfel, Argument, Ctx, Fel};

pub(crate) fn kor(args: &mut Argument, ctx: &Ctx, ord: &[&str]) -> Result<(), Fel> {
    match ord {
        ["init"] => init(args, ctx),
        ["sql"] => sql(args, ctx),
        ["user", "add", login] => user_add(args, ctx, login),
        ["import"] => import(args, ctx),
        [extra, ..] if ["init", "sql"].contains(extra) => {
            Err(Anvandningsfel::Extra(ord[1..].join(" ")).into())
        }
        [annat, ..] => Err(Anvandningsfel::Okand(format!("hub {annat}")).into()),
        [] => Err(Anvandningsfel::Saknas("hub init|sql|user add|import".into()).into()),
    }
}

/// `--url`, or `VALFRI_HUB`, or the organisation's configuration's `hubb.url`.
fn url(args: &mut Argument, ctx: &Ctx) -> Result<String, Fel> {
    if let Some(url) =
        args.ta("url").or_else(|| std::env::var("VALFRI_HUB").ok().filter(|v| !v.is_empty()))
    {
        return Ok(url);
    }
    ctx.organisation()?
        .and_then(|o| o.hubb)
        .map(|h| h.url)
        .ok_or_else(|| Anvandningsfel::Saknas("url".into()).into())
}

/// The password in the environment variable named by option `namn`, if the option is given.
fn losenord(args: &mut Argument, namn: &str) -> Result<Option<String>, Fel> {
    let Some(var) = args.ta(namn) else { return Ok(None) };
    match std::env::var(&var) {
        Ok(text) if !text.is_empty() => Ok(Some(text)),
        _ => Err(Anvandningsfel::Saknas(format!("${var}")).into()),
    }
}

fn init(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let url = url(args, ctx)?;
    let losen = losenord(args, "password-env")?;
    args.inget_kvar(&[])?;
    let mut hubb = Hubb::anslut(&url, losen.as_deref())?;
    let svar = hubb.initiera()?;
    let id = if svar.fran == svar.till { "hubb-init-oforandrad" } else { "hubb-init-klar" };
    ctx.ut(&json!({ "fran": svar.fran, "till": svar.till }), || {
        format!("{}\n", ctx.t(id, &[("fran", svar.fran.into()), ("till", svar.till.into())]))
    });
    Ok(())
}

fn sql(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    args.inget_kvar(&[])?;
    let text = format!(
        "-- Valfri hub, schema {}: the group roles (run by a role with CREATEROLE)\n{}\n\
         -- What each group may do (after valfri hub init has created the tables; init also runs this)\n{}",
        valfri_hub::SCHEMAVERSION,
        schema::ROLLER.trim(),
        schema::BEHORIGHETER.trim_start()
    );
    ctx.ut(&json!({ "sql": text }), || text.clone());
    Ok(())
}

fn user_add(args: &mut Argument, ctx: &Ctx, login: &str) -> Result<(), Fel> {
    let namn = args.kravs("namn")?;
    let roll = args.kravs("roll")?;
    let roll = match roll.as_str() {
        "handlaggare" => Roll::Handlaggare,
        "systemforvaltare" => Roll::Systemforvaltare,
        _ => return Err(HubbFel::OkandRollnamn { roll }.into()),
    };
    let ny = losenord(args, "password-env")?
        .ok_or_else(|| Fel::from(Anvandningsfel::Saknas("password-env".into())))?;
    // The områden whose brukare the person's desk holds (none: the whole municipality).
    let mut omraden: Vec<String> = Vec::new();
    for kod in args.ta("omraden").unwrap_or_default().split(',').map(str::trim) {
        if !kod.is_empty() && !omraden.iter().any(|k| k == kod) {
            omraden.push(kod.to_owned());
        }
    }
    let url = url(args, ctx)?;
    // Who runs this logs in with their own password, or none where pg_hba trusts the
    // directory, Kerberos or a certificate.
    let egen = losenord(args, "hub-password-env")?;
    args.inget_kvar(&[])?;
    let mut hubb = Hubb::anslut(&url, egen.as_deref())?;
    hubb.kontrollera_schema()?;
    let id = hubb.lagg_till_anvandare_i(login, &namn, roll, &ny, &omraden)?;
    ctx.ut(&json!({ "login": login, "id": id, "roll": roll.kod(), "omraden": omraden }), || {
        format!(
            "{}\n",
            ctx.t("hubb-anvandare-klar", &[("login", login.into()), ("roll", roll.kod().into())])
        )
    });
    Ok(())
}

/// `valfri hub import --from DESK.sqlite`: a standalone desk's database, whole, into an empty
/// hub (`--passphrase-env` opens an encrypted desk file; `--password-env` is the hub login's).
fn import(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let fran = args.kravs("from")?;
    let url = url(args, ctx)?;
    let losen = losenord(args, "password-env")?;
    args.inget_kvar(&[])?;
    let fil = std::path::Path::new(&fran);
    // A desk file with personal logins opens as the person `--user` names.
    let store = if valfri_store::har_personliga_nycklar(fil)? {
        let (anvandare, losen) = ctx.inloggning()?;
        valfri_store::oppna_som(fil, anvandare, losen)?.0
    } else {
        valfri_store::Store::oppna(fil, ctx.losen.as_ref())?
    };
    let mut hubb = Hubb::anslut(&url, losen.as_deref())?;
    hubb.kontrollera_schema()?;
    let tabeller = valfri_synk::importera(&store, &mut hubb, &fran)?;
    let rader: u64 = tabeller.iter().map(|(_, n)| n).sum();
    ctx.ut(&json!({ "fran": fran, "tabeller": tabeller }), || {
        let mut ut = format!(
            "{}\n",
            ctx.t(
                "hubb-import-klar",
                &[("rader", (rader as i64).into()), ("fran", fran.clone().into())]
            )
        );
        for (tabell, n) in &tabeller {
            ut.push_str(&format!("  {tabell}: {n}\n"));
        }
        ut
    });
    Ok(())
}
