//! `valfri`: the headless program for administrators, scripts and tests. It calls the same
//! core functions as the desktop app; the contract is `docs/cli.md`.
//!
//! Exit codes: 0 done, 1 refused (bad input or a rule said no), 2 usage error, 3 storage error.

mod anvandare;
mod args;
mod dokument;
mod hubb;
mod ko;
mod konfig;
mod skrivbord;
mod utbyte;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use args::{Anvandningsfel, Argument};
use serde_json::json;
use valfri_domain::kommando::Kommando;
use valfri_domain::val::NyttVal;
use valfri_domain::{
    Anvandarmeddelande, Arg, IckevalModell, IckevalOrsak, Informationssatt, NyttBeslut, Roll,
    Utfall, Valideringsfel, VemValde, tolka_datum,
};
use valfri_l10n::Localizer;
use valfri_store::{Aktor, Lagringsfel, Loggstatus, Losenfras, Skydd, Store, demo, idag, plats};

pub(crate) enum Fel {
    Anvandning(Anvandningsfel),
    Lagring(Lagringsfel),
    /// The command ran and the answer is "no" (e.g. the audit log is broken): exit 1, already said.
    Nej,
    /// A document could not be produced.
    Dokument(valfri_dokument::DokumentFel),
    /// The municipality's hub said no or could not be reached.
    Hubb(valfri_hub::HubbFel),
    /// A desk in kommunläge could not do what was asked.
    Synk(valfri_synk::SynkFel),
    /// The organisation's configuration file was refused.
    Konfig(valfri_config::Konfigfel),
}

impl From<valfri_hub::HubbFel> for Fel {
    fn from(e: valfri_hub::HubbFel) -> Self {
        Fel::Hubb(e)
    }
}

impl From<Anvandningsfel> for Fel {
    fn from(e: Anvandningsfel) -> Self {
        Fel::Anvandning(e)
    }
}
impl From<Lagringsfel> for Fel {
    fn from(e: Lagringsfel) -> Self {
        Fel::Lagring(e)
    }
}
impl From<Valideringsfel> for Fel {
    fn from(e: Valideringsfel) -> Self {
        Fel::Lagring(e.into())
    }
}

pub(crate) struct Ctx {
    pub(crate) l: Localizer,
    pub(crate) sprak: String,
    json: bool,
    db: Option<PathBuf>,
    /// `--lang` as given: it also chooses a document's language over the brukare's own.
    pub(crate) vald_sprak: Option<String>,
    /// From the variable `--passphrase-env` names: the key of an encrypted database, or with
    /// `--user` that person's own passphrase.
    losen: Option<Losenfras>,
    /// `--user` (or `VALFRI_USER`): the login of a database with personal key slots.
    anvandare: Option<String>,
}

impl Ctx {
    pub(crate) fn t(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.l.text(&self.sprak, id, args)
    }

    fn databas(&self) -> Result<PathBuf, Fel> {
        self.db.clone().ok_or(Fel::Anvandning(Anvandningsfel::Saknas("db".into())))
    }

    /// Opens the existing database, after finishing or undoing an `encrypt` that was killed
    /// (and saying so). Never creates one.
    ///
    /// A database with key slots opens only as the person `--user` names, with their own
    /// passphrase; every command then acts as that person ([`cli_aktor`]).
    pub(crate) fn oppna(&self) -> Result<Store, Fel> {
        let sokvag = self.reda_upp()?;
        if valfri_store::har_personliga_nycklar(&sokvag)? {
            let (anvandare, losen) = self.inloggning()?;
            return Ok(valfri_store::oppna_som(&sokvag, anvandare, losen)?.0);
        }
        if self.anvandare.is_some() {
            return Err(Lagringsfel::IngaNyckelplatser.into());
        }
        Ok(Store::oppna(&sokvag, self.losen.as_ref())?)
    }

    /// `--user` and its passphrase, which a database with key slots needs.
    pub(crate) fn inloggning(&self) -> Result<(&str, &Losenfras), Fel> {
        match (&self.anvandare, &self.losen) {
            (Some(a), Some(l)) => Ok((a, l)),
            _ => Err(Lagringsfel::KraverInloggning.into()),
        }
    }

    /// The database's path, once what an interrupted `encrypt` left is dealt with.
    fn reda_upp(&self) -> Result<PathBuf, Fel> {
        let sokvag = self.databas()?;
        if let Some(atgard) = valfri_store::reda_upp_nyckelbyte(&sokvag)? {
            eprintln!("{}", self.l.meddelande(&self.sprak, &atgard));
        }
        if let Some(atgard) = valfri_store::reda_upp_kryptering(&sokvag)? {
            eprintln!("{}", self.l.meddelande(&self.sprak, &atgard));
        }
        Ok(sokvag)
    }

    /// How a new database (`demo`, `generate`) is protected: encrypted with `--passphrase-env`,
    /// plaintext only with `--plaintext`, and one of the two must be said.
    fn skydd(&self, args: &Argument) -> Result<Skydd, Fel> {
        match (&self.losen, args.har("plaintext")) {
            (Some(l), false) => Ok(Skydd::Losenfras(l.clone())),
            (None, true) => Ok(Skydd::Okrypterad),
            (None, false) => Err(Anvandningsfel::SkyddSaknas.into()),
            (Some(_), true) => Err(Anvandningsfel::SkyddDubbelt.into()),
        }
    }

    /// The organisation's configuration file (`VALFRI_CONFIG`, else the platform's), for the
    /// commands that follow it: where documents are saved, the register package key, the hub.
    /// A broken file refuses those commands with its sentence (exit 1).
    pub(crate) fn organisation(&self) -> Result<Option<valfri_config::Organisation>, Fel> {
        valfri_config::las_systemfil(&self.l.sprak()).map_err(Fel::Konfig)
    }

    /// Refuses to write a document at `sokvag` outside the documents folder the organisation's
    /// file fixes (`dokument.fritt-val = false`); a relative path is taken from the current
    /// folder. Checked before the database is opened, so a refusal writes nothing.
    pub(crate) fn kontrollera_dokumentplats(&self, sokvag: &std::path::Path) -> Result<(), Fel> {
        let Some(org) = self.organisation()? else { return Ok(()) };
        let hel = std::path::absolute(sokvag).unwrap_or_else(|_| sokvag.to_path_buf());
        let hem = std::env::var_os(if cfg!(windows) { "USERPROFILE" } else { "HOME" })
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        org.kontrollera_dokumentplats(&hel, hem.as_deref()).map_err(Fel::Konfig)
    }

    /// Prints a JSON document on stdout, or the human text on stdout.
    pub(crate) fn ut(&self, data: &serde_json::Value, text: impl FnOnce() -> String) {
        let mut stdout = std::io::stdout().lock();
        // A closed pipe (e.g. `| head`) is not worth a panic; nothing more can be said anyway.
        let _ = if self.json { writeln!(stdout, "{data}") } else { write!(stdout, "{}", text()) };
    }
}

fn main() -> ExitCode {
    let l = match Localizer::new() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("valfri: {e}");
            return ExitCode::from(3);
        }
    };
    let mut args = match Argument::tolka(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => return anvandningsfel(&l, "sv", &e),
    };
    let vald_sprak = args.ta("lang").filter(|s| l.har_sprak(s));
    let sprak = vald_sprak.clone().unwrap_or_else(|| "sv".into());
    let losen = match args
        .ta("passphrase-env")
        .map(|var| losenfras_fran(&var, Losenfras::ny))
        .transpose()
    {
        Ok(l) => l,
        Err(Fel::Anvandning(e)) => return anvandningsfel(&l, &sprak, &e),
        Err(_) => return ExitCode::from(2),
    };
    let anvandare =
        args.ta("user").or_else(|| std::env::var("VALFRI_USER").ok()).filter(|a| !a.is_empty());
    let ctx = Ctx {
        anvandare,
        json: args.har("json"),
        db: plats::vald_databas(args.ta("db").as_deref()),
        sprak,
        l,
        vald_sprak,
        losen,
    };
    // The municipality's CA for the hub, when the organisation's file names one; a broken file
    // is reported by the commands that read it (`config check`, the documents, the hub).
    if let Ok(Some(org)) = ctx.organisation()
        && let Some(ca) = org.hubb.as_ref().and_then(|h| h.ca_fil.as_deref())
    {
        valfri_hub::satt_ca_fil(ca);
    }
    match kor(&mut args, &ctx) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fel::Nej) => ExitCode::from(1),
        Err(Fel::Anvandning(e)) => anvandningsfel(&ctx.l, &ctx.sprak, &e),
        Err(Fel::Dokument(e)) => {
            eprintln!("{}", ctx.l.meddelande(&ctx.sprak, &e));
            ExitCode::from(1)
        }
        Err(Fel::Konfig(e)) => {
            let text = ctx.l.meddelande(&ctx.sprak, &e);
            eprintln!("{text}");
            if ctx.json {
                println!("{}", json!({ "code": e.meddelande_id(), "message": text }));
            }
            ExitCode::from(1)
        }
        Err(Fel::Synk(e)) => {
            let text = ctx.l.meddelande(&ctx.sprak, &e);
            eprintln!("{text}");
            if ctx.json {
                println!("{}", json!({ "code": e.meddelande_id(), "message": text }));
            }
            ExitCode::from(if e.ar_forbindelseproblem() { 3 } else { 1 })
        }
        Err(Fel::Hubb(e)) => {
            let text = ctx.l.meddelande(&ctx.sprak, &e);
            eprintln!("{text}");
            if ctx.json {
                println!("{}", json!({ "code": e.meddelande_id(), "message": text }));
            }
            ExitCode::from(if e.ar_forbindelseproblem() { 3 } else { 1 })
        }
        Err(Fel::Lagring(e)) => {
            eprintln!("{}", ctx.l.meddelande(&ctx.sprak, &e));
            if matches!(e, Lagringsfel::KraverInloggning) {
                eprintln!("{}", ctx.t("cli-inloggning-behovs", &[]));
            }
            if ctx.json {
                println!(
                    "{}",
                    json!({ "code": e.meddelande_id(), "message": ctx.l.meddelande(&ctx.sprak, &e) })
                );
            }
            ExitCode::from(if e.ar_lagringsproblem() { 3 } else { 1 })
        }
    }
}

fn anvandningsfel(l: &Localizer, sprak: &str, e: &Anvandningsfel) -> ExitCode {
    let (id, namn) = match e {
        Anvandningsfel::SaknarVarde(n) => ("cli-fel-saknar-varde", n),
        Anvandningsfel::Okand(n) => ("cli-fel-okand", n),
        Anvandningsfel::Saknas(n) => ("cli-fel-saknas", n),
        Anvandningsfel::Extra(n) => ("cli-fel-extra", n),
        Anvandningsfel::SkyddSaknas | Anvandningsfel::SkyddDubbelt => {
            let id = if *e == Anvandningsfel::SkyddSaknas {
                "cli-fel-skydd-saknas"
            } else {
                "cli-fel-skydd-dubbelt"
            };
            eprintln!("{}", l.t(sprak, id));
            return ExitCode::from(2);
        }
    };
    eprintln!(
        "{}\n\n{}",
        l.text(sprak, id, &[("namn", namn.clone().into())]),
        l.t(sprak, "cli-hjalp")
    );
    ExitCode::from(2)
}

const KOMMANDON: &[&str] = &[
    "demo",
    "generate",
    "insatser",
    "omraden",
    "utforare",
    "brukare",
    "beslut",
    "backup",
    "restore",
    "audit",
    "valbara",
    "choose",
    "ickeval",
    "stats",
    "insats",
    "providers",
    "letter",
    "letters",
    "sheet",
    "decision-letter",
    "encrypt",
    "rekey",
    "sync",
    "status",
    "config",
    "user",
    "queue",
];

/// A passphrase from the environment variable `var`, checked by `ny` (any non-empty text to
/// open, a long enough one for a new key). Never from the command line: that would leave it in
/// the shell history and the process list.
pub(crate) fn losenfras_fran(
    var: &str,
    ny: fn(String) -> Result<Losenfras, Lagringsfel>,
) -> Result<Losenfras, Fel> {
    match std::env::var(var) {
        Ok(text) if !text.is_empty() => Ok(ny(text)?),
        _ => Err(Anvandningsfel::Saknas(format!("${var}")).into()),
    }
}

/// `valfri --version`: the program's version and the schema versions it writes, so IT can tell
/// which databases and hubs it opens without trying.
fn version(ctx: &Ctx) {
    let (valfri, databas, hubb) =
        (env!("CARGO_PKG_VERSION"), Store::schemaversion(), valfri_hub::SCHEMAVERSION);
    ctx.ut(&json!({ "valfri": valfri, "databasschema": databas, "hubbschema": hubb }), || {
        format!(
            "{}\n",
            ctx.t(
                "cli-version",
                &[("valfri", valfri.into()), ("databas", databas.into()), ("hubb", hubb.into())]
            )
        )
    });
}

fn kor(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let ord: Vec<String> = args.ord.clone();
    let ord: Vec<&str> = ord.iter().map(String::as_str).collect();
    if args.har("version") || ord == ["version"] {
        args.inget_kvar(&["version"])?;
        version(ctx);
        return Ok(());
    }
    if args.har("help") || ord.is_empty() || ord[0] == "help" {
        println!("{}", ctx.t("cli-hjalp", &[]));
        return Ok(());
    }
    if andrar_bara_skrivbordet(&ord) {
        skrivbord::kraver_fristaende(ctx)?;
    }
    match ord.as_slice() {
        ["demo"] => {
            args.inget_kvar(&["force", "plaintext", "logins"])?;
            let inloggningar = args.har("logins");
            let skydd = if inloggningar {
                if ctx.losen.is_some() || args.har("plaintext") {
                    return Err(Anvandningsfel::SkyddDubbelt.into());
                }
                demo::demoskydd()?
            } else {
                ctx.skydd(args)?
            };
            let sokvag = ctx.databas()?;
            valfri_store::skapa_databas(&sokvag, &skydd, args.har("force"), |s| {
                demo::skapa_demo(s, idag())
            })?;
            let store = if inloggningar {
                let (forsta, _) = demo::DEMO_INLOGGNINGAR[0];
                let losen = Losenfras::ny(demo::DEMO_LOSENFRAS)?;
                valfri_store::oppna_som(&sokvag, forsta, &losen)?.0
            } else {
                ctx.oppna()?
            };
            let (brukare, utforare) = (store.antal_brukare()?, store.utforare_lista()?.len());
            let vag = sokvag.display().to_string();
            ctx.ut(&json!({ "db": vag, "brukare": brukare, "utforare": utforare }), || {
                format!(
                    "{}\n",
                    ctx.t(
                        "cli-demo-klar",
                        &[
                            ("sokvag", vag.clone().into()),
                            ("brukare", brukare.into()),
                            ("utforare", utforare.into())
                        ]
                    )
                )
            });
        }
        ["generate"] => {
            let brukare = heltal(&args.kravs("brukare")?, "brukare")?;
            let utforare = heltal(&args.kravs("utforare")?, "utforare")?;
            let seed = args.ta("seed").map(|s| heltal(&s, "seed")).transpose()?.unwrap_or(1) as u64;
            args.inget_kvar(&["force", "plaintext"])?;
            let skydd = ctx.skydd(args)?;
            let sokvag = ctx.databas()?;
            valfri_store::skapa_databas(&sokvag, &skydd, args.har("force"), |s| {
                demo::generera(s, brukare, utforare, seed, idag())
            })?;
            let vag = sokvag.display().to_string();
            ctx.ut(
                &json!({ "db": vag, "brukare": brukare, "utforare": utforare, "seed": seed }),
                || {
                    format!(
                        "{}\n",
                        ctx.t(
                            "cli-generera-klar",
                            &[
                                ("sokvag", vag.clone().into()),
                                ("brukare", brukare.into()),
                                ("utforare", utforare.into())
                            ]
                        )
                    )
                },
            );
        }
        ["insatser"] => {
            args.inget_kvar(&[])?;
            let lista = ctx.oppna()?.insatser(&ctx.sprak)?;
            ctx.ut(&serde_json::to_value(&lista).unwrap_or_default(), || {
                tabell(
                    &[
                        ctx.t("cli-kol-kod", &[]),
                        ctx.t("cli-kol-namn", &[]),
                        ctx.t("cli-kol-lagrum", &[]),
                        ctx.t("cli-kol-valfrihet", &[]),
                    ],
                    lista
                        .iter()
                        .map(|i| {
                            vec![
                                i.kod.clone(),
                                i.namn.clone(),
                                i.lagrum.clone(),
                                ja_nej(ctx, i.valfrihet),
                            ]
                        })
                        .collect(),
                )
            });
        }
        ["omraden"] => {
            args.inget_kvar(&[])?;
            let lista = ctx.oppna()?.omraden()?;
            ctx.ut(&serde_json::to_value(&lista).unwrap_or_default(), || {
                tabell(
                    &[
                        ctx.t("cli-kol-kod", &[]),
                        ctx.t("cli-kol-namn", &[]),
                        ctx.t("cli-kol-landsbygd", &[]),
                    ],
                    lista
                        .iter()
                        .map(|o| vec![o.kod.clone(), o.namn.clone(), ja_nej(ctx, o.landsbygd)])
                        .collect(),
                )
            });
        }
        ["utforare"] => {
            args.inget_kvar(&[])?;
            let lista = ctx.oppna()?.utforare_lista()?;
            ctx.ut(&serde_json::to_value(&lista).unwrap_or_default(), || {
                tabell(
                    &[
                        ctx.t("cli-kol-id", &[]),
                        ctx.t("cli-kol-namn", &[]),
                        ctx.t("cli-kol-orgnr", &[]),
                        ctx.t("cli-kol-regi", &[]),
                    ],
                    lista
                        .iter()
                        .map(|u| {
                            vec![
                                u.id.clone(),
                                u.namn.clone(),
                                u.organisationsnummer.clone(),
                                ctx.t(u.regi.meddelande_id(), &[]),
                            ]
                        })
                        .collect(),
                )
            });
        }
        ["brukare", "search", fraga @ ..] => {
            args.inget_kvar(&[])?;
            if fraga.is_empty() {
                return Err(Anvandningsfel::Saknas("TEXT".into()).into());
            }
            let store = ctx.oppna()?;
            let aktor = cli_aktor(&store)?;
            let traffar = store.sok_brukare(&aktor, &fraga.join(" "), valfri_store::MAX_TRAFFAR)?;
            let data: Vec<_> = traffar
                .iter()
                .map(|t| {
                    json!({ "id": t.id, "personnummer": t.personnummer, "namn": format!("{} {}", t.fornamn, t.efternamn),
                            "fornamn": t.fornamn, "efternamn": t.efternamn, "omrade": t.omrade, "skyddad": t.skyddad })
                })
                .collect();
            ctx.ut(&json!(data), || {
                if traffar.is_empty() {
                    return format!("{}\n", ctx.t("cli-inga-traffar", &[]));
                }
                tabell(
                    &[
                        ctx.t("cli-kol-id", &[]),
                        ctx.t("cli-kol-personnummer", &[]),
                        ctx.t("cli-kol-namn", &[]),
                        ctx.t("cli-kol-omrade", &[]),
                    ],
                    traffar
                        .iter()
                        .map(|t| {
                            vec![
                                t.id.clone(),
                                t.personnummer.clone(),
                                format!("{} {}", t.fornamn, t.efternamn),
                                t.omrade.clone().unwrap_or_default(),
                            ]
                        })
                        .collect(),
                )
            });
        }
        ["hub", rest @ ..] => hubb::kor(args, ctx, rest)?,
        ["config", "check"] => konfig::check(args, ctx)?,
        ["sync"] => skrivbord::sync(args, ctx)?,
        ["status"] => skrivbord::status(args, ctx)?,
        ["beslut", "add"] => beslut_add(args, ctx)?,
        ["beslut", "verkstall"] => ko::verkstall(args, ctx)?,
        ["queue", "add"] => ko::add(args, ctx)?,
        ["queue", "list"] => ko::list(args, ctx)?,
        ["queue", "remove", id] => ko::remove(args, ctx, id)?,
        ["queue", "give", id] => ko::give(args, ctx, id)?,
        ["valbara"] => valbara(args, ctx)?,
        ["letter"] => dokument::letter(args, ctx)?,
        ["letters", beslut @ ..] => dokument::letters(args, ctx, beslut)?,
        ["sheet"] => dokument::sheet(args, ctx)?,
        ["decision-letter"] => dokument::decision_letter(args, ctx)?,
        ["choose"] => choose(args, ctx)?,
        ["ickeval"] => ickeval(args, ctx)?,
        ["stats"] => stats(args, ctx)?,
        ["insats", "ickeval"] => insats_ickeval(args, ctx)?,
        ["insats", "delegation"] => {
            let insats = args.kravs("insats")?;
            let punkt = args.kravs("punkt")?;
            args.inget_kvar(&[])?;
            let store = ctx.oppna()?;
            store.andra_delegation(&cli_aktor(&store)?, &insats, &punkt)?;
            let punkt = store.insats(&insats, "sv")?.delegation;
            ctx.ut(&json!({ "insats": insats, "delegation": punkt }), || {
                format!(
                    "{}\n",
                    ctx.t(
                        "cli-delegation-andrad",
                        &[("insats", insats.clone().into()), ("punkt", punkt.clone().into())]
                    )
                )
            });
        }
        ["insats", "name"] => {
            let insats = args.kravs("insats")?;
            let sprak = args.kravs("lang")?;
            let i_mening = args.kravs("in-sentence")?;
            args.inget_kvar(&[])?;
            let store = ctx.oppna()?;
            store.andra_namn_i_mening(&cli_aktor(&store)?, &insats, &sprak, &i_mening)?;
            let namn = store.insats(&insats, &sprak)?.namn_i_mening;
            ctx.ut(&json!({ "insats": insats, "sprak": sprak, "i_mening": namn }), || {
                format!(
                    "{}\n",
                    ctx.t(
                        "cli-namn-i-mening-andrat",
                        &[("insats", insats.clone().into()), ("namn", namn.clone().into())]
                    )
                )
            });
        }
        ["brukare", "import", fil] => utbyte::brukare_import(args, ctx, fil)?,
        ["providers", "import", fil] => utbyte::providers_import(args, ctx, fil)?,
        ["providers", "export"] => utbyte::providers_export(args, ctx)?,
        ["providers", "keygen"] => utbyte::providers_keygen(args, ctx)?,
        ["providers", "package"] => utbyte::providers_package(args, ctx)?,
        ["providers", "apply-package", fil] => utbyte::providers_apply_package(args, ctx, fil)?,
        ["backup"] => {
            let ut = PathBuf::from(args.kravs("out")?);
            args.inget_kvar(&[])?;
            ctx.oppna()?.backup(&ut)?;
            let vag = ut.display().to_string();
            ctx.ut(&json!({ "fil": vag }), || {
                format!("{}\n", ctx.t("cli-backup-klar", &[("sokvag", vag.clone().into())]))
            });
        }
        ["restore", fil] => {
            args.inget_kvar(&[])?;
            let mal = ctx.reda_upp()?;
            let fran = std::path::Path::new(fil);
            if valfri_store::har_personliga_nycklar(fran)? {
                let (anvandare, losen) = ctx.inloggning()?;
                valfri_store::aterstall_som(fran, &mal, anvandare, losen)?;
            } else {
                valfri_store::aterstall(fran, &mal, ctx.losen.as_ref())?;
            }
            let vag = mal.display().to_string();
            ctx.ut(&json!({ "db": vag, "fran": fil }), || {
                format!("{}\n", ctx.t("cli-aterstall-klar", &[("sokvag", vag.clone().into())]))
            });
        }
        ["restore"] if args.har("latest") => {
            args.inget_kvar(&["latest"])?;
            let mal = ctx.reda_upp()?;
            let nyaste = valfri_store::sakerhetskopior(&valfri_store::sakerhetskopiemapp(&mal));
            if let Some(n) = nyaste.first()
                && valfri_store::har_personliga_nycklar(&n.sokvag)?
            {
                let (anvandare, losen) = ctx.inloggning()?;
                valfri_store::aterstall_senaste_som(&mal, anvandare, losen)?;
            } else {
                valfri_store::aterstall_senaste(&mal, ctx.losen.as_ref())?;
            }
            let vag = mal.display().to_string();
            ctx.ut(&json!({ "db": vag }), || {
                format!("{}\n", ctx.t("cli-aterstall-klar", &[("sokvag", vag.clone().into())]))
            });
        }
        ["encrypt"] => {
            let ny = losenfras_fran(&args.kravs("new-passphrase-env")?, Losenfras::ny_nyckel)?;
            args.inget_kvar(&[])?;
            let sokvag = ctx.reda_upp()?;
            valfri_store::kryptera(&sokvag, &ny, cli_aktor)?;
            let vag = sokvag.display().to_string();
            ctx.ut(&json!({ "db": vag, "krypterad": true }), || {
                format!("{}\n", ctx.t("cli-krypterad", &[("sokvag", vag.clone().into())]))
            });
        }
        ["rekey"] => {
            let ny = losenfras_fran(&args.kravs("new-passphrase-env")?, Losenfras::ny_nyckel)?;
            args.inget_kvar(&[])?;
            let gammal = ctx.losen.clone().ok_or(Lagringsfel::InteKrypterad)?;
            let mut store = ctx.oppna()?;
            let aktor = cli_aktor(&store)?;
            store.byt_losenfras(&aktor, &gammal, &ny)?;
            ctx.ut(&json!({ "bytt": true }), || format!("{}\n", ctx.t("cli-losenfras-bytt", &[])));
        }
        ["user", ..] => anvandare::kor(args, ctx, &ord[1..])?,
        ["audit", "verify"] => {
            let flaggor = skrivbord::Hubbflaggor::ta(args)?;
            args.inget_kvar(&[])?;
            let status = match skrivbord::verifiera_hubbens_logg(flaggor)? {
                Some(status) => status,
                None => ctx.oppna()?.verifiera_logg()?,
            };
            ctx.ut(&serde_json::to_value(&status).unwrap_or_default(), || match &status {
                Loggstatus::Hel { rader } => {
                    format!("{}\n", ctx.t("cli-logg-hel", &[("rader", (*rader).into())]))
                }
                Loggstatus::Bruten { nr } => {
                    format!("{}\n", ctx.t("cli-logg-bruten", &[("nr", (*nr).into())]))
                }
            });
            if let Loggstatus::Bruten { nr } = status {
                if ctx.json {
                    eprintln!("{}", ctx.t("cli-logg-bruten", &[("nr", nr.into())]));
                }
                return Err(Fel::Nej);
            }
        }
        [kommando, extra, ..] if KOMMANDON.contains(kommando) => {
            return Err(Anvandningsfel::Extra((*extra).to_owned()).into());
        }
        [kommando, ..] => return Err(Anvandningsfel::Okand((*kommando).to_owned()).into()),
        [] => {}
    }
    Ok(())
}

/// Commands that write to the desk's own database only: at a desk in kommunläge they would
/// never reach the hub, so they are refused there (until they go through the outbox).
fn andrar_bara_skrivbordet(ord: &[&str]) -> bool {
    matches!(
        ord,
        ["letter" | "letters" | "sheet" | "decision-letter", ..]
            | ["insats", "ickeval"]
            | ["brukare" | "providers", "import", _]
            | ["providers", "apply-package", _]
    )
}

fn beslut_add(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let brukare = args.kravs("brukare")?;
    let insats = args.kravs("insats")?;
    let utfall = Utfall::fran_kod(&args.kravs("utfall")?)?;
    let omfattning = args.ta("omfattning").map(|s| decimaltal(&s)).transpose()?;
    let fran = tolka_datum("datum", &args.kravs("from")?)?;
    let till = args.ta("to").map(|s| tolka_datum("datum", &s)).transpose()?;
    let uppfoljning = args.ta("uppfoljning").map(|s| tolka_datum("datum", &s)).transpose()?;
    let motivering = args.ta("motivering").unwrap_or_default();
    let ej_beviljat = args.ta("ej-beviljat").unwrap_or_default();
    let diarienummer = args.ta("diarienummer").unwrap_or_default();
    let ansokt = args
        .ta("ansokningsdatum")
        .map(|s| tolka_datum("datum", &s))
        .transpose()?
        .unwrap_or_else(idag);
    let handlaggare = args.ta("handlaggare");
    let flaggor = skrivbord::Hubbflaggor::ta(args)?;
    args.inget_kvar(&[])?;
    let store = ctx.oppna()?;
    let replika = store.replika()?;
    let brukare_id = store.brukare_id(&brukare)?;
    let ny = NyttBeslut {
        brukare_id,
        insats_kod: insats,
        diarienummer,
        ansokningsdatum: ansokt,
        utfall,
        omfattning,
        giltig_fran: fran,
        giltig_till: till,
        motivering,
        ej_beviljat,
        uppfoljning,
    };
    let id = if let Some(replika) = replika {
        // At a desk the login is the handläggare; nobody else can be named.
        if handlaggare.is_some() {
            return Err(Anvandningsfel::Okand("handlaggare".into()).into());
        }
        let kommando =
            Kommando::FattaBeslut { beslut_id: ulid::Ulid::new().to_string(), beslut: ny };
        match skrivbord::utfor(flaggor, ctx, &store, &replika, &kommando)? {
            skrivbord::Utgang::Klart(id) => id,
            skrivbord::Utgang::Vantar => return Ok(()),
        }
    } else {
        let aktor = match (handlaggare, store.inloggad()) {
            // Who works in a database with key slots is proven by the login, never named.
            (Some(_), Some(p)) => {
                return Err(Lagringsfel::IdentitetBevisad { namn: p.namn.clone() }.into());
            }
            (Some(id), None) => store.aktor(&id)?,
            (None, _) => cli_aktor(&store)?,
        };
        // Refused before the draft is written: a refused act leaves nothing behind.
        store.kontrollera_fattande(&ny, idag())?;
        let id = store.skapa_utkast(&aktor, &ny)?;
        store.fatta_beslut(&aktor, &id, idag())?;
        id
    };
    ctx.ut(&json!({ "id": id, "status": "beslutat" }), || format!("{id}\n"));
    Ok(())
}

fn valbara(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let beslut = args.kravs("beslut")?;
    let dag = args.ta("date").map(|s| tolka_datum("datum", &s)).transpose()?.unwrap_or_else(idag);
    args.inget_kvar(&[])?;
    let store = ctx.oppna()?;
    let v = store.valbara(&cli_aktor(&store)?, &beslut, dag)?;
    ctx.ut(&serde_json::to_value(&v).unwrap_or_default(), || {
        let mut ut = format!(
            "{}\n",
            ctx.t(
                "cli-ordning",
                &[
                    ("regel", ctx.t(v.ordning.meddelande_id(), &[]).into()),
                    ("version", Arg::Tal(v.registerversion))
                ]
            )
        );
        ut.push_str(&tabell(
            &[
                ctx.t("cli-kol-id", &[]),
                ctx.t("cli-kol-utforare", &[]),
                ctx.t("cli-kol-regi", &[]),
                ctx.t("cli-kol-status", &[]),
            ],
            v.utforare
                .iter()
                .map(|r| {
                    vec![
                        r.utforare_id.clone(),
                        r.namn.clone(),
                        ctx.t(r.regi.meddelande_id(), &[]),
                        ctx.l.valbarhet(&ctx.sprak, &r.status),
                    ]
                })
                .collect(),
        ));
        ut
    });
    Ok(())
}

fn choose(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let beslut = args.kravs("beslut")?;
    let utforare = args.kravs("utforare")?;
    let dag = args.ta("date").map(|s| tolka_datum("datum", &s)).transpose()?.unwrap_or_else(idag);
    let start = args.ta("start").map(|s| tolka_datum("datum", &s)).transpose()?;
    let vem =
        args.ta("by").map(|s| VemValde::fran_kod(&s)).transpose()?.unwrap_or(VemValde::Brukare);
    let kanal = args.ta("info").map(|s| Informationssatt::fran_kod(&s)).transpose()?;
    let sprak = args.ta("sprak");
    let flaggor = skrivbord::Hubbflaggor::ta(args)?;
    args.inget_kvar(&[])?;
    let store = ctx.oppna()?;
    let aktor = cli_aktor(&store)?;
    let ny = NyttVal {
        beslut_id: beslut.clone(),
        utforare_id: store.utforare_id(&utforare)?,
        vem_valde: vem,
        informationssatt: kanal,
        informationssprak: sprak,
        valdatum: dag,
        startdatum: start,
    };
    let id = match store.replika()? {
        Some(replika) => {
            let kommando = Kommando::Valj { val_id: ulid::Ulid::new().to_string(), val: ny };
            match skrivbord::utfor(flaggor, ctx, &store, &replika, &kommando)? {
                skrivbord::Utgang::Klart(id) => id,
                skrivbord::Utgang::Vantar => return Ok(()),
            }
        }
        None => store.valj(&aktor, &ny)?,
    };
    let val = store.valhistorik(&aktor, &beslut)?.into_iter().find(|v| v.id == id);
    ctx.ut(&serde_json::to_value(&val).unwrap_or_default(), || match &val {
        Some(v) => format!(
            "{}\n",
            ctx.t(
                "cli-val-klart",
                &[
                    ("valtyp", ctx.t(v.typ.meddelande_id(), &[]).into()),
                    ("utforare", v.utforare_namn.clone().into()),
                    ("start", v.startdatum.to_string().into()),
                ]
            )
        ),
        None => format!("{id}\n"),
    });
    Ok(())
}

fn ickeval(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let beslut = args.kravs("beslut")?;
    let dag = args.ta("date").map(|s| tolka_datum("datum", &s)).transpose()?.unwrap_or_else(idag);
    let orsak = if args.har("avstar") { IckevalOrsak::Avstar } else { IckevalOrsak::Svarsdatum };
    let flaggor = skrivbord::Hubbflaggor::ta(args)?;
    args.inget_kvar(&["avstar"])?;
    let store = ctx.oppna()?;
    let (val_id, f) = match store.replika()? {
        Some(replika) => {
            let kommando = Kommando::Ickeval {
                val_id: ulid::Ulid::new().to_string(),
                beslut_id: beslut.clone(),
                dag,
                orsak,
            };
            match skrivbord::utfor(flaggor, ctx, &store, &replika, &kommando)? {
                skrivbord::Utgang::Klart(id) => {
                    let f = store.ickevalsforklaringar(&beslut)?.pop().ok_or_else(|| {
                        Lagringsfel::HittasInte { typ: "ickeval", id: id.clone() }
                    })?;
                    (id, f)
                }
                skrivbord::Utgang::Vantar => return Ok(()),
            }
        }
        None => store.ickeval(&cli_aktor(&store)?, &beslut, dag, orsak)?,
    };
    let rader = ctx.l.ickevalsforklaring(&ctx.sprak, &f);
    ctx.ut(&json!({ "val_id": val_id, "forklaring": f, "text": rader }), || {
        rader.iter().map(|r| format!("{r}\n")).collect()
    });
    Ok(())
}

fn stats(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let till = args.ta("to").map(|s| tolka_datum("datum", &s)).transpose()?.unwrap_or_else(idag);
    let fran = args
        .ta("from")
        .map(|s| tolka_datum("datum", &s))
        .transpose()?
        .unwrap_or_else(|| till - chrono::Days::new(365));
    args.inget_kvar(&[])?;
    let s = ctx.oppna()?.statistik(fran, till)?;
    ctx.ut(&json!({ "fran": fran, "till": till, "insatser": s }), || {
        let procent =
            |a: Option<f64>| a.map_or_else(|| "–".to_owned(), |a| format!("{:.0} %", a * 100.0));
        let mut ut = tabell(
            &[
                ctx.t("cli-kol-insats", &[]),
                ctx.t("cli-kol-aktivt-val", &[]),
                ctx.t("cli-kol-ickeval", &[]),
                ctx.t("cli-kol-byten", &[]),
                ctx.t("cli-kol-andel", &[]),
            ],
            s.iter()
                .map(|i| {
                    vec![
                        i.insats_kod.clone(),
                        i.aktiva_val.to_string(),
                        i.ickeval.to_string(),
                        i.byten.to_string(),
                        procent(i.andel_aktivt_val),
                    ]
                })
                .collect(),
        );
        for i in &s {
            ut.push('\n');
            ut.push_str(&format!("{}\n", i.insats_kod));
            ut.push_str(&tabell(
                &[
                    ctx.t("cli-kol-utforare", &[]),
                    ctx.t("cli-kol-tilldelningar", &[]),
                    ctx.t("cli-kol-ickeval", &[]),
                    ctx.t("cli-kol-platser", &[]),
                ],
                i.utforare
                    .iter()
                    .map(|u| {
                        let platser = u.kapacitetstak.map_or_else(
                            || u.aktiva.to_string(),
                            |t| format!("{} / {t}", u.aktiva),
                        );
                        vec![
                            u.namn.clone(),
                            u.tilldelningar.to_string(),
                            u.ickeval.to_string(),
                            platser,
                        ]
                    })
                    .collect(),
            ));
        }
        ut
    });
    Ok(())
}

fn insats_ickeval(args: &mut Argument, ctx: &Ctx) -> Result<(), Fel> {
    let insats = args.kravs("insats")?;
    let modell = IckevalModell::fran_kod(&args.kravs("modell")?)?;
    let utforare = args.ta("utforare");
    let med_egen_regi = !args.har("utan-egen-regi");
    args.inget_kvar(&["utan-egen-regi"])?;
    let store = ctx.oppna()?;
    let varna = store.satt_ickeval(
        &cli_aktor(&store)?,
        &insats,
        modell,
        utforare.as_deref(),
        med_egen_regi,
    )?;
    let varning = varna.then(|| ctx.t("varning-turordning", &[]));
    if let Some(v) = &varning {
        eprintln!("{v}");
    }
    ctx.ut(&json!({ "insats": insats, "modell": modell, "varning": varning }), || {
        format!(
            "{}\n",
            ctx.t(
                "cli-ickeval-andrad",
                &[
                    ("insats", insats.clone().into()),
                    ("modell", ctx.t(modell.meddelande_id(), &[]).into())
                ]
            )
        )
    });
    Ok(())
}

/// Who the CLI acts as: on a database with key slots the person who signed in (`--user`), and
/// nobody else can be named; otherwise `VALFRI_HANDLAGGARE` (an id), else the first
/// systemförvaltare, else a system actor (which may read and administer but not own a beslut).
pub(crate) fn cli_aktor(store: &Store) -> Result<Aktor, Lagringsfel> {
    if let Some(p) = store.inloggad() {
        if std::env::var("VALFRI_HANDLAGGARE").is_ok_and(|v| !v.is_empty()) {
            return Err(Lagringsfel::IdentitetBevisad { namn: p.namn.clone() });
        }
        return Ok(p.aktor());
    }
    if let Some(id) = std::env::var("VALFRI_HANDLAGGARE").ok().filter(|v| !v.is_empty()) {
        return store.aktor(&id);
    }
    if let Some(h) =
        store.handlaggare_lista()?.into_iter().find(|h| h.roll == Roll::Systemforvaltare)
    {
        return Ok(Aktor { id: h.id, namn: h.namn, roll: h.roll });
    }
    Ok(Aktor {
        id: "system:cli".into(),
        namn: "valfri (kommandoraden)".into(),
        roll: Roll::Systemforvaltare,
    })
}

/// Accepts a decimal comma as well as a point: Swedish users type both.
fn decimaltal(s: &str) -> Result<f64, Valideringsfel> {
    s.trim().replace(',', ".").parse().map_err(|_| Valideringsfel::OkantVarde {
        falt: "omfattning",
        varde: s.chars().take(20).collect(),
    })
}

fn heltal(s: &str, namn: &str) -> Result<usize, Fel> {
    s.trim().parse().map_err(|_| Fel::Anvandning(Anvandningsfel::Okand(format!("{namn}={s}"))))
}

fn ja_nej(ctx: &Ctx, v: bool) -> String {
    ctx.t(if v { "cli-ja" } else { "cli-nej" }, &[])
}

/// Left-aligned columns, widths in characters (names have å, ä, ö).
pub(crate) fn tabell(rubriker: &[String], rader: Vec<Vec<String>>) -> String {
    let mut bredd: Vec<usize> = rubriker.iter().map(|r| r.chars().count()).collect();
    for rad in &rader {
        for (i, cell) in rad.iter().enumerate() {
            bredd[i] = bredd[i].max(cell.chars().count());
        }
    }
    let mut ut = String::new();
    for rad in std::iter::once(rubriker.to_vec()).chain(rader) {
        let celler: Vec<String> =
            rad.iter().enumerate().map(|(i, c)| format!("{c:<w$}", w = bredd[i])).collect();
        ut.push_str(celler.join("  ").trim_end());
        ut.push('\n');
    }
    ut
}
