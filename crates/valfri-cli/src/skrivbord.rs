//! A desk in kommunläge (`--hub`): `valfri sync`, `valfri status`, and the commands that go
//! through the outbox. The work is in valfri-synk; here are the options, the words and the
//! exit codes. The hub's password is never an argument, only the name of the variable that
//! holds it (`--hub-password-env`); without one the connection relies on `pg_hba.conf` (a client
//! certificate, Kerberos).

use serde_json::json;
use valfri_domain::Arg;
use valfri_domain::kommando::{Kommando, Kommandosvar};
use valfri_hub::{Hubb, HubbFel};
use valfri_store::{Replika, Store, Utkorgsrad, Utkorgsstatus};
use valfri_synk::SynkFel;

use super::{Anvandningsfel, Argument, Ctx, Fel};

impl From<SynkFel> for Fel {
    fn from(e: SynkFel) -> Self {
        match e {
            SynkFel::Lagring(e) => Fel::Lagring(e),
            SynkFel::Hubb(e) => Fel::Hubb(e),
            annat => Fel::Synk(annat),
        }
    }
}

/// The hub options as given (`--hub`, `--hub-user`, `--hub-password-env`), taken before a
/// command checks that nothing else is left.
#[derive(Default)]
pub(crate) struct Hubbflaggor {
    url: Option<String>,
    login: Option<String>,
    losen: Option<String>,
}

impl Hubbflaggor {
    pub(crate) fn ta(args: &mut Argument) -> Result<Hubbflaggor, Fel> {
        let miljo = |namn: &str| std::env::var(namn).ok().filter(|v| !v.is_empty());
        let losen = match args.ta("hub-password-env") {
            Some(var) => match std::env::var(&var) {
                Ok(text) if !text.is_empty() => Some(text),
                _ => return Err(Anvandningsfel::Saknas(format!("${var}")).into()),
            },
            None => None,
        };
        Ok(Hubbflaggor {
            url: args.ta("hub").or_else(|| miljo("VALFRI_HUB")),
            login: args.ta("hub-user").or_else(|| miljo("VALFRI_HUB_USER")),
            losen,
        })
    }

    /// Where the desk's hub is and who logs in: the options, then what the replica remembers.
    fn med(self, replika: Option<&Replika>) -> Option<Hubbval> {
        let url = self.url.or_else(|| replika.map(|r| r.hubb.clone()))?;
        let login = self.login.or_else(|| replika.map(|r| r.anvandare.clone()));
        Some(Hubbval { url, login, losen: self.losen })
    }
}

struct Hubbval {
    url: String,
    login: Option<String>,
    losen: Option<String>,
}

fn anslut(val: &Hubbval) -> Result<Hubb, HubbFel> {
    Ok(Hubb::oppna_som(&val.url, val.login.as_deref(), val.losen.as_deref())?.0)
}

/// `valfri sync`: push the outbox and pull, once. A new desk (no file yet) is made as the
/// replica of the hub, protected like `demo` (`--passphrase-env` or `--plaintext`).
pub(crate) fn sync(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let sokvag = ctx.databas()?;
    let mut flaggor = Hubbflaggor::ta(args)?;
    args.inget_kvar(&["plaintext", "watch"])?;
    let replika = if sokvag.exists() { ctx.oppna()?.replika()? } else { None };
    // A new desk's hub is the organisation's (`hubb.url`) unless one is named; an existing
    // desk keeps the hub it was made for.
    if flaggor.url.is_none() && replika.is_none() {
        flaggor.url = ctx.organisation()?.and_then(|o| o.hubb).map(|h| h.url);
    }
    let val = flaggor
        .med(replika.as_ref())
        .ok_or_else(|| Fel::from(Anvandningsfel::Saknas("hub".into())))?;
    let mut hubb = anslut(&val)?;
    let jag = hubb.jag()?;
    if !sokvag.exists() {
        let skydd = ctx.skydd(args)?;
        valfri_synk::ny_replika(&sokvag, &skydd, &val.url, &jag.login)?;
    }
    let store = ctx.oppna()?;
    valfri_synk::anslut_replika(&store, &val.url, &jag)?;
    if args.har("watch") {
        // One line per sync that moved something, until stopped (Ctrl-C) or the hub goes away.
        let mut forsta = true;
        return Ok(valfri_synk::folj(
            &store,
            &mut hubb,
            std::time::Duration::from_secs(30),
            |s| {
                if forsta || s.tillampade + s.nekade + s.hamtade > 0 {
                    forsta = false;
                    let text = ctx.t(
                        "synk-klar",
                        &[
                            ("tillampade", s.tillampade.into()),
                            ("nekade", s.nekade.into()),
                            ("hamtade", s.hamtade.into()),
                        ],
                    );
                    ctx.ut(&json!({ "synk": s }), || format!("{text}\n"));
                    let _ = std::io::Write::flush(&mut std::io::stdout());
                }
                true
            },
        )?);
    }
    let s = valfri_synk::synka(&store, &mut hubb)?;
    let nekade = nekade(&store, ctx)?;
    ctx.ut(&json!({ "synk": s, "nekade": nekade.iter().map(|(r, t)| json!({ "ulid": r.ulid, "text": t })).collect::<Vec<_>>() }), || {
        let mut ut = format!(
            "{}\n",
            ctx.t(
                "synk-klar",
                &[
                    ("tillampade", s.tillampade.into()),
                    ("nekade", s.nekade.into()),
                    ("hamtade", s.hamtade.into())
                ]
            )
        );
        for (_, text) in nekade.iter().rev().take(s.nekade).rev() {
            ut.push_str(&format!("  {text}\n"));
        }
        ut
    });
    Ok(())
}

/// Every refused command in the outbox with its sentence in the person's language.
fn nekade(store: &Store, ctx: &Ctx) -> Result<Vec<(Utkorgsrad, String)>, Fel> {
    Ok(store
        .utkorg(false)?
        .into_iter()
        .filter(|r| r.status == Utkorgsstatus::Nekad)
        .map(|r| {
            let text = r.svar.as_ref().map(|s| svarstext(ctx, s)).unwrap_or_default();
            (r, text)
        })
        .collect())
}

/// The hub's refusal as a sentence.
fn svarstext(ctx: &Ctx, svar: &Kommandosvar) -> String {
    match svar {
        Kommandosvar::Tillampat { .. } => String::new(),
        Kommandosvar::Nekat { meddelande, argument } => {
            let args: Vec<(&str, Arg)> =
                argument.iter().map(|(k, v)| (k.as_str(), Arg::Text(v.clone()))).collect();
            ctx.t(meddelande, &args)
        }
    }
}

/// `valfri status`: the hub, the last pull, what waits and what was refused.
pub(crate) fn status(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    args.inget_kvar(&[])?;
    let store = ctx.oppna()?;
    let replika = store.replika()?.ok_or(SynkFel::InteReplika)?;
    let vantande: Vec<Utkorgsrad> = store.utkorg(true)?;
    let nekade = nekade(&store, ctx)?;
    let synkar = valfri_synk::pagaende_synk(&replika, chrono::Utc::now());
    let data = json!({
        "hubb": replika.hubb,
        "synkar": synkar.map(|(klara, av)| json!({ "klara": klara, "av": av })),
        "anvandare": replika.anvandare,
        "markor": replika.markor,
        "senast_hamtat": replika.senast_hamtat,
        "klockskillnad_s": replika.klockskillnad,
        "vantande": vantande.iter().map(|r| json!({ "ulid": r.ulid, "kommando": r.kommando.namn(), "beslut_id": r.kommando.beslut_id(), "registrerad_lokalt": r.registrerad_lokalt })).collect::<Vec<_>>(),
        "nekade": nekade.iter().map(|(r, t)| json!({ "ulid": r.ulid, "kommando": r.kommando.namn(), "beslut_id": r.kommando.beslut_id(), "svar": r.svar, "text": t })).collect::<Vec<_>>(),
    });
    ctx.ut(&data, || {
        let mut ut = format!(
            "{}\n",
            ctx.t(
                "synk-status-hubb",
                &[
                    ("hubb", replika.hubb.clone().into()),
                    ("anvandare", replika.anvandare.clone().into())
                ]
            )
        );
        ut.push_str(&match &replika.senast_hamtat {
            Some(tid) => ctx.t(
                "synk-status-senast",
                &[("tid", tid.clone().into()), ("markor", replika.markor.into())],
            ),
            None => ctx.t("synk-status-aldrig", &[]),
        });
        ut.push('\n');
        if replika.klockskillnad.abs() > valfri_synk::KLOCKTOLERANS {
            let minuter = replika.klockskillnad / 60;
            ut.push_str(&format!(
                "{}\n",
                ctx.t("synk-status-klocka", &[("minuter", minuter.into())])
            ));
        }
        if let Some((klara, av)) = synkar {
            ut.push_str(&format!(
                "{}\n",
                ctx.t("synk-status-synkar", &[("klara", klara.into()), ("av", av.into())])
            ));
        }
        ut.push_str(&format!(
            "{}\n",
            ctx.t("synk-status-vantar", &[("antal", vantande.len().into())])
        ));
        for r in &vantande {
            ut.push_str(&format!(
                "  {} {} {} {}\n",
                r.registrerad_lokalt,
                r.kommando.namn(),
                r.kommando.beslut_id(),
                r.ulid
            ));
        }
        ut.push_str(&format!(
            "{}\n",
            ctx.t("synk-status-nekade", &[("antal", nekade.len().into())])
        ));
        let atgarder = ctx.l.alla_med_prefix(&ctx.sprak, "synk-atgard-");
        for (r, text) in &nekade {
            ut.push_str(&format!(
                "  {} {} {}: {text}\n",
                r.registrerad_lokalt,
                r.kommando.namn(),
                r.kommando.beslut_id()
            ));
            // What the person can do about it, where there is something to say.
            if let Some(Kommandosvar::Nekat { meddelande, .. }) = &r.svar
                && let Some(atgard) = atgarder.get(&format!("synk-atgard-{meddelande}"))
            {
                ut.push_str(&format!("    {atgard}\n"));
            }
        }
        ut
    });
    Ok(())
}

/// What became of a command done at a desk.
pub(crate) enum Utgang {
    /// The hub applied it and the replica has the rows; the id of the row it made.
    Klart(String),
    /// It waits in the outbox; already said.
    Vantar,
}

/// Does `kommando` at a desk: into the outbox, to the hub at once when it can be reached, and
/// the answer said. A refusal is exit 1 with the hub's sentence.
pub(crate) fn utfor(
    flaggor: Hubbflaggor,
    ctx: &Ctx,
    store: &Store,
    replika: &Replika,
    kommando: &Kommando,
) -> Result<Utgang, Fel> {
    let val = flaggor.med(Some(replika));
    let mut orsak: Option<String> = None;
    let mut hubb = match val.as_ref().map(anslut) {
        Some(Ok(h)) => Some(h),
        Some(Err(e)) if e.ar_forbindelseproblem() => {
            orsak = Some(ctx.l.meddelande(&ctx.sprak, &e));
            None
        }
        Some(Err(e)) => return Err(e.into()),
        None => None,
    };
    let utfort = valfri_synk::utfor(store, hubb.as_mut(), kommando)?;
    match (&utfort.rad.status, &utfort.rad.svar) {
        (Utkorgsstatus::Tillampad, Some(Kommandosvar::Tillampat { id })) => {
            Ok(Utgang::Klart(id.clone()))
        }
        (Utkorgsstatus::Nekad, Some(svar)) => {
            let text = ctx.t("synk-nekad", &[("text", svarstext(ctx, svar).into())]);
            eprintln!("{text}");
            if ctx.json {
                println!("{}", json!({ "ulid": utfort.rad.ulid, "svar": svar, "message": text }));
            }
            Err(Fel::Nej)
        }
        _ => {
            let orsak = orsak
                .or_else(|| utfort.offline.as_ref().map(|e| ctx.l.meddelande(&ctx.sprak, e)))
                .unwrap_or_default();
            let text = ctx.t("synk-vantar", &[("orsak", orsak.into())]);
            ctx.ut(
                &json!({ "ulid": utfort.rad.ulid, "status": "vantar", "message": text }),
                || format!("{text}\n"),
            );
            Ok(Utgang::Vantar)
        }
    }
}

/// Refuses, at a desk in kommunläge, a command that would change the replica on its own and
/// never reach the hub.
pub(crate) fn kraver_fristaende(ctx: &Ctx) -> Result<(), Fel> {
    let sokvag = ctx.databas()?;
    if sokvag.exists() && ctx.oppna()?.replika()?.is_some() {
        return Err(Fel::Synk(SynkFel::EjIKommunlage));
    }
    Ok(())
}

/// `valfri audit verify --hub URL`: the hub's chain, as the login given.
pub(crate) fn verifiera_hubbens_logg(
    flaggor: Hubbflaggor,
) -> Result<Option<valfri_hub::Loggstatus>, Fel> {
    let Some(val) = flaggor.med(None) else { return Ok(None) };
    let mut hubb = anslut(&val)?;
    Ok(Some(hubb.verifiera_logg()?))
}
