//! Sending documents: what the window and the `valfri` CLI both do when a document goes out.
//! Gather its data from the store, lay it out with `valfri-dokument`, write the PDF atomically,
//! and record it with `Store::registrera_dokument` (and, for the valfrihetsinformation, that it
//! was given, which starts the time to answer). Also the batch of letters, with progress,
//! cancel and resume. Nothing here knows about a window or a terminal.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError, mpsc};

use valfri_dokument::{DokumentFel, Ombrutet, Typsnitt};
use valfri_domain::dokument::{Form, Valfrihetsunderlag};
use valfri_domain::{Anvandarmeddelande, Arg};
use valfri_l10n::Localizer;
use valfri_store::{Aktor, Dokumenttyp, Lagringsfel, Store, idag};

/// Why a document could not be sent.
#[derive(Debug, thiserror::Error)]
pub enum UtskickFel {
    #[error(transparent)]
    Lagring(#[from] Lagringsfel),
    #[error(transparent)]
    Dokument(#[from] DokumentFel),
    /// The PDF could not be written to its file.
    #[error("{sokvag}: {detalj}")]
    Fil { sokvag: String, detalj: String },
    /// Opening the saved file in the system's viewer failed.
    #[error("{sokvag} could not be opened: {detalj}")]
    Visa { sokvag: String, detalj: String },
}

impl Anvandarmeddelande for UtskickFel {
    fn meddelande_id(&self) -> &'static str {
        match self {
            Self::Lagring(e) => e.meddelande_id(),
            Self::Dokument(e) => e.meddelande_id(),
            Self::Fil { .. } => "fel-fil-skriva",
            Self::Visa { .. } => "fel-fil-visa",
        }
    }

    fn argument(&self) -> Vec<(&'static str, Arg)> {
        match self {
            Self::Lagring(e) => e.argument(),
            Self::Dokument(e) => e.argument(),
            Self::Fil { sokvag, detalj } | Self::Visa { sokvag, detalj } => {
                vec![("sokvag", sokvag.clone().into()), ("detalj", detalj.clone().into())]
            }
        }
    }
}

/// Which document, about what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Vad {
    Valfrihetsbrev { beslut: String },
    Beslutsmeddelande { beslut: String },
    Jamforelseblad { insats: String, omrade: String },
}

impl Vad {
    /// From the window's words: `valfrihetsbrev`, `beslutsmeddelande` or `jamforelseblad`, for
    /// a beslut. The jämförelseblad is the one for the beslut's insats in the brukare's område.
    pub fn for_beslut(
        store: &Store,
        aktor: &Aktor,
        typ: &str,
        beslut: &str,
    ) -> Result<Self, UtskickFel> {
        Ok(match typ {
            "valfrihetsbrev" => Self::Valfrihetsbrev { beslut: beslut.to_owned() },
            "beslutsmeddelande" => Self::Beslutsmeddelande { beslut: beslut.to_owned() },
            "jamforelseblad" => {
                let (insats, omrade) = store.beslutets_insats_och_omrade(aktor, beslut)?;
                Self::Jamforelseblad { insats, omrade }
            }
            annat => {
                return Err(Lagringsfel::OkandKod { typ: "dokument", kod: annat.to_owned() }.into());
            }
        })
    }

    fn typ(&self) -> Dokumenttyp {
        match self {
            Self::Valfrihetsbrev { .. } => Dokumenttyp::Valfrihetsbrev,
            Self::Beslutsmeddelande { .. } => Dokumenttyp::Beslutsmeddelande,
            Self::Jamforelseblad { .. } => Dokumenttyp::Jamforelseblad,
        }
    }

    fn beslut(&self) -> Option<&str> {
        match self {
            Self::Valfrihetsbrev { beslut } | Self::Beslutsmeddelande { beslut } => Some(beslut),
            Self::Jamforelseblad { .. } => None,
        }
    }

    /// The file name a document gets in a documents folder: the kind, what it is about, and
    /// `-kopia-N` for the N:th ombud's copy.
    pub fn filnamn(&self, n: usize) -> String {
        let (typ, om) = match self {
            Self::Valfrihetsbrev { beslut } => ("valfrihetsinformation", beslut.clone()),
            Self::Beslutsmeddelande { beslut } => ("beslutsmeddelande", beslut.clone()),
            Self::Jamforelseblad { insats, omrade } => {
                ("jamforelseblad", format!("{insats}-{omrade}"))
            }
        };
        let om: String = om
            .chars()
            .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
            .collect();
        if n == 0 { format!("{typ}-{om}.pdf") } else { format!("{typ}-{om}-kopia-{n}.pdf") }
    }
}

/// One laid-out document: who receives it (`brukare`, an ombud's id, or `insats/område` for a
/// sheet) and the register version it shows.
#[derive(Debug)]
pub struct Utkast {
    pub mottagare: String,
    pub registerversion: i64,
    /// How many providers the document presents (none in a decision letter).
    pub utforare: usize,
    pub dokument: Ombrutet,
}

/// What sending needs: the store, who does it, the parsed font and the texts.
#[derive(Debug, Clone, Copy)]
pub struct Utskick<'a> {
    pub store: &'a Store,
    pub aktor: &'a Aktor,
    pub t: &'a Typsnitt,
    pub l: &'a Localizer,
}

impl Utskick<'_> {
    /// The form a brukare's letters take by default: their language if offered, large print if
    /// they asked for it. A sheet is in `sprak`, normal print.
    pub fn standardform(&self, vad: &Vad, sprak: &str) -> Result<Form, UtskickFel> {
        Ok(match vad.beslut() {
            Some(b) => self.store.brevform(self.aktor, b)?,
            None => Form { sprak: sprak.to_owned(), storstil: false },
        })
    }

    /// Lays the document out for every recipient (the brukare first, then each ombud's copy),
    /// without writing or recording anything: the preview.
    pub fn bryt_om(&self, vad: &Vad, form: &Form) -> Result<Vec<Utkast>, UtskickFel> {
        let (s, a, t, l) = (self.store, self.aktor, self.t, self.l);
        Ok(match vad {
            Vad::Valfrihetsbrev { beslut } => self
                .valfrihetsunderlag(beslut, form)?
                .into_iter()
                .map(|(mottagare, u)| Utkast {
                    mottagare,
                    registerversion: u.registerversion,
                    utforare: u.utforare.len(),
                    dokument: valfri_dokument::bryt_om_valfrihetsbrev(t, l, &u, form),
                })
                .collect(),
            Vad::Beslutsmeddelande { beslut } => {
                let version = s.registerversion()?;
                s.beslutsunderlag(a, beslut, idag(), &form.sprak)?
                    .into_iter()
                    .map(|(mottagare, u)| Utkast {
                        mottagare,
                        registerversion: version,
                        utforare: 0,
                        dokument: valfri_dokument::bryt_om_beslutsmeddelande(t, l, &u, form),
                    })
                    .collect()
            }
            Vad::Jamforelseblad { insats, omrade } => {
                let u = s.jamforelseunderlag(a, insats, omrade, idag(), &form.sprak)?;
                vec![Utkast {
                    mottagare: format!("{}/{}", u.insats_kod, u.omrade_kod),
                    registerversion: u.registerversion,
                    utforare: u.utforare.len(),
                    dokument: valfri_dokument::bryt_om_jamforelseblad(t, l, &u, form),
                }]
            }
        })
    }

    /// Produces the document for every recipient, writes the `n`:th to `sokvag(n)` and records
    /// each; for the valfrihetsinformation also that the information was given.
    pub fn spara(
        &self,
        vad: &Vad,
        form: &Form,
        sokvag: impl Fn(usize) -> PathBuf,
    ) -> Result<Vec<PathBuf>, UtskickFel> {
        self.spara_utkast(vad, form, self.bryt_om(vad, form)?, sokvag)
    }

    /// [`Utskick::spara`] for documents already laid out by [`Utskick::bryt_om`] with the same
    /// `vad` and `form`.
    pub fn spara_utkast(
        &self,
        vad: &Vad,
        form: &Form,
        utkast: Vec<Utkast>,
        sokvag: impl Fn(usize) -> PathBuf,
    ) -> Result<Vec<PathBuf>, UtskickFel> {
        // A letter that may not go out is refused before a byte is written: the beslut may
        // have ended, or been refused, since the preview was laid out.
        if let Vad::Valfrihetsbrev { beslut } = vad {
            self.store.kan_informeras(beslut, idag())?;
        }
        if let Some(mapp) = sokvag(0).parent().filter(|m| m.is_dir()) {
            self.stada(mapp)?;
        }
        let delar = skriv_delar(self.t, utkast, sokvag)?;
        self.registrera(Batchfiler { vad: vad.clone(), form: form.clone(), delar })
    }

    /// Records documents written beside their names by [`skriv_batchbrev`] (or `spara_utkast`)
    /// and then gives each file its name. On a refusal the written files are removed, so
    /// nothing is left that looks sent.
    pub fn registrera(&self, f: Batchfiler) -> Result<Vec<PathBuf>, UtskickFel> {
        let Batchfiler { vad, form, delar } = f;
        let resultat = self.registrera_delar(&vad, &form, &delar);
        if let Err(e) = resultat {
            for d in &delar {
                let _ = std::fs::remove_file(&d.tillfallig);
            }
            return Err(e);
        }
        // The ombud copies first, the brukare's letter last.
        let mut filer = Vec::new();
        for d in delar.into_iter().rev() {
            byt_namn(&d.tillfallig, &d.fil)?;
            filer.push(d.fil);
        }
        filer.reverse();
        Ok(filer)
    }

    fn registrera_delar(
        &self,
        vad: &Vad,
        form: &Form,
        delar: &[Skriven],
    ) -> Result<(), UtskickFel> {
        // Recorded before the files get their names: a resumed batch takes the brukare's letter
        // for done, so it must never exist without its record and the information it gives (a
        // process killed in between left exactly that; the kill test in valfri-cli finds it).
        // The letter's records and the information are one transaction, so a refusal at this
        // point leaves no record either.
        match vad {
            Vad::Valfrihetsbrev { beslut } => {
                let dokument: Vec<(&str, i64, &[u8])> = delar
                    .iter()
                    .map(|d| (d.mottagare.as_str(), d.registerversion, d.pdf.as_slice()))
                    .collect();
                self.store.registrera_valfrihetsbrev(
                    self.aktor,
                    beslut,
                    idag(),
                    &form.sprak,
                    form.storstil,
                    &dokument,
                )?;
            }
            _ => {
                for d in delar {
                    self.store.registrera_dokument(
                        self.aktor,
                        vad.typ(),
                        vad.beslut(),
                        &d.mottagare,
                        d.registerversion,
                        &form.sprak,
                        form.storstil,
                        &d.pdf,
                    )?;
                }
            }
        }
        Ok(())
    }

    /// One letter of a batch: the beslut's valfrihetsinformation in its brukare's own form, into
    /// `katalog` as `BESLUT.pdf` (and `BESLUT-kopia-N.pdf`). A letter whose file is already there
    /// was made by an earlier, interrupted run and is skipped: that is what makes a batch
    /// resumable. The three steps a batch spreads over threads, in one go.
    pub fn batchbrev(&self, beslut: &str, katalog: &Path) -> Result<Steg, UtskickFel> {
        let Some(u) = self.samla_batchbrev(beslut, katalog)? else {
            return Ok(Steg::RedanKlart);
        };
        self.registrera(skriv_batchbrev(self.t, self.l, u)?)?;
        Ok(Steg::Skrivet)
    }

    /// Tidies what a killed run left in `mapp`: a `NAME.pdf.tmp` whose document was recorded
    /// (the process died between the record and the rename) is put in place under `NAME.pdf`,
    /// so the letter that was recorded as sent exists; one that was never recorded is removed.
    /// A file another process still holds (it is writing or recording it right now) is left
    /// alone. Runs before a batch and before a document is saved into a folder.
    pub fn stada(&self, mapp: &Path) -> Result<Stadning, UtskickFel> {
        let mut ut = Stadning::default();
        let Ok(poster) = std::fs::read_dir(mapp) else { return Ok(ut) };
        for post in poster.flatten() {
            let tillfallig = post.path();
            let Some(fil) = tillfallig.to_str().and_then(|s| s.strip_suffix(".tmp")) else {
                continue;
            };
            let fil = PathBuf::from(fil);
            if !fil.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
                continue;
            }
            let Ok(handtag) = std::fs::OpenOptions::new().read(true).write(true).open(&tillfallig)
            else {
                continue;
            };
            if handtag.try_lock().is_err() {
                continue;
            }
            let Ok(pdf) = std::fs::read(&tillfallig) else { continue };
            if self.store.dokument_registrerat(&pdf)? && !fil.exists() {
                byt_namn(&tillfallig, &fil)?;
                ut.pa_plats.push(fil);
            } else {
                std::fs::remove_file(&tillfallig).map_err(|e| UtskickFel::Fil {
                    sokvag: tillfallig.display().to_string(),
                    detalj: e.to_string(),
                })?;
                ut.borttagna += 1;
            }
        }
        Ok(ut)
    }

    /// The store's part before a batch letter is laid out: `None` when its file is already
    /// there, else what it is made from, for [`skriv_batchbrev`] on any thread.
    pub fn samla_batchbrev(
        &self,
        beslut: &str,
        katalog: &Path,
    ) -> Result<Option<Batchunderlag>, UtskickFel> {
        let fil = |n: usize| {
            katalog.join(if n == 0 {
                format!("{beslut}.pdf")
            } else {
                format!("{beslut}-kopia-{n}.pdf")
            })
        };
        if fil(0).exists() {
            return Ok(None);
        }
        let form = self.store.brevform(self.aktor, beslut)?;
        let mottagare = self.valfrihetsunderlag(beslut, &form)?;
        let filer = (0..mottagare.len()).map(fil).collect();
        Ok(Some(Batchunderlag { beslut: beslut.to_owned(), form, mottagare, filer }))
    }

    /// What every valfrihetsinformation is made from, for the preview, a saved letter and a
    /// batch alike.
    fn valfrihetsunderlag(
        &self,
        beslut: &str,
        form: &Form,
    ) -> Result<Vec<(String, Valfrihetsunderlag)>, UtskickFel> {
        Ok(self.store.valfrihetsunderlag(self.aktor, beslut, idag(), &form.sprak)?)
    }
}

/// What [`Utskick::stada`] did: recorded documents put in place, unrecorded ones removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stadning {
    pub pa_plats: Vec<PathBuf>,
    pub borttagna: usize,
}

/// A letter of a batch as gathered from the store (see [`Utskick::samla_batchbrev`]): it no
/// longer needs the store, so it can be laid out on another thread.
#[derive(Debug)]
pub struct Batchunderlag {
    beslut: String,
    form: Form,
    mottagare: Vec<(String, Valfrihetsunderlag)>,
    filer: Vec<PathBuf>,
}

/// Documents written beside their names, waiting for [`Utskick::registrera`].
#[derive(Debug)]
pub struct Batchfiler {
    vad: Vad,
    form: Form,
    delar: Vec<Skriven>,
}

#[derive(Debug)]
struct Skriven {
    fil: PathBuf,
    tillfallig: PathBuf,
    /// Locked while this process may still record and rename the file (see [`Utskick::stada`]).
    _las: std::fs::File,
    mottagare: String,
    registerversion: i64,
    pdf: Vec<u8>,
}

/// The part of a batch letter that needs no store: lay out every copy, make the PDF and write
/// it as `NAME.pdf.tmp`. Runs on any thread.
pub fn skriv_batchbrev(
    t: &Typsnitt,
    l: &Localizer,
    u: Batchunderlag,
) -> Result<Batchfiler, UtskickFel> {
    let Batchunderlag { beslut, form, mottagare, filer } = u;
    let utkast = mottagare
        .into_iter()
        .map(|(mottagare, u)| Utkast {
            mottagare,
            registerversion: u.registerversion,
            utforare: u.utforare.len(),
            dokument: valfri_dokument::bryt_om_valfrihetsbrev(t, l, &u, &form),
        })
        .collect();
    let delar = skriv_delar(t, utkast, |n| filer.get(n).cloned().unwrap_or_default())?;
    Ok(Batchfiler { vad: Vad::Valfrihetsbrev { beslut }, form, delar })
}

fn skriv_delar(
    t: &Typsnitt,
    utkast: Vec<Utkast>,
    sokvag: impl Fn(usize) -> PathBuf,
) -> Result<Vec<Skriven>, UtskickFel> {
    let mut delar: Vec<Skriven> = Vec::new();
    for (n, u) in utkast.into_iter().enumerate() {
        let skrivet = u.dokument.pdf(t).map_err(UtskickFel::from).and_then(|pdf| {
            let fil = sokvag(n);
            let (tillfallig, las) = skriv_tillfalligt(&fil, &pdf)?;
            Ok(Skriven {
                fil,
                tillfallig,
                _las: las,
                mottagare: u.mottagare,
                registerversion: u.registerversion,
                pdf,
            })
        });
        match skrivet {
            Ok(d) => delar.push(d),
            Err(e) => {
                for d in &delar {
                    let _ = std::fs::remove_file(&d.tillfallig);
                }
                return Err(e);
            }
        }
    }
    Ok(delar)
}

/// Writes beside the target and renames, so an interrupted run never leaves half a PDF that a
/// resumed batch would take for done.
/// Where the N:th copy goes when a person has named the file: the name itself for the
/// brukare, `FIL-kopia-N.pdf` beside it for each ombud.
pub fn namngiven_sokvag(ut: &Path, n: usize) -> PathBuf {
    if n == 0 {
        return ut.to_path_buf();
    }
    let stam =
        ut.file_stem().map_or_else(|| "dokument".into(), |s| s.to_string_lossy().into_owned());
    ut.with_file_name(format!("{stam}-kopia-{n}.pdf"))
}

/// The name from a save dialog with `.pdf` added when it has none: the dialog's filter shows
/// PDF files but leaves typing the ending to the person.
pub fn med_pdf_andelse(ut: PathBuf) -> PathBuf {
    if ut.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
        return ut;
    }
    let mut namn = ut.file_name().map_or_else(|| "dokument".into(), std::ffi::OsStr::to_os_string);
    namn.push(".pdf");
    ut.with_file_name(namn)
}

pub fn skriv_atomiskt(sokvag: &Path, innehall: &[u8]) -> Result<(), UtskickFel> {
    let (tillfallig, _las) = skriv_tillfalligt(sokvag, innehall)?;
    byt_namn(&tillfallig, sokvag)
}

/// Writes the content beside `sokvag` as `SOKVAG.tmp` (making the folder if needed) and
/// returns that path; [`byt_namn`] then gives it its name in one step.
fn skriv_tillfalligt(
    sokvag: &Path,
    innehall: &[u8],
) -> Result<(PathBuf, std::fs::File), UtskickFel> {
    let mut tillfallig = sokvag.as_os_str().to_owned();
    tillfallig.push(".tmp");
    let tillfallig = PathBuf::from(tillfallig);
    let fel = |e: std::io::Error| UtskickFel::Fil {
        sokvag: sokvag.display().to_string(),
        detalj: e.to_string(),
    };
    if let Some(mapp) = sokvag.parent().filter(|m| !m.as_os_str().is_empty()) {
        std::fs::create_dir_all(mapp).map_err(fel)?;
    }
    let mut fil = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(true)
        .open(&tillfallig)
        .map_err(fel)?;
    // Held until the file has its name or is removed: a file nobody holds was left by a killed
    // process, and the next run may put it in place or remove it.
    fil.lock().map_err(fel)?;
    std::io::Write::write_all(&mut fil, innehall).map_err(fel)?;
    Ok((tillfallig, fil))
}

fn byt_namn(fran: &Path, till: &Path) -> Result<(), UtskickFel> {
    std::fs::rename(fran, till)
        .map_err(|e| UtskickFel::Fil { sokvag: till.display().to_string(), detalj: e.to_string() })
}

/// Where documents are saved unless the caseworker chose another folder: `VALFRI_DOKUMENTMAPP`
/// when set (tests, managed installs), else `Valfri` in the user's documents folder as the
/// platform names it (the `dirs` crate: the Documents known folder on Windows, also when it is
/// redirected; `XDG_DOCUMENTS_DIR` from `user-dirs.dirs` on Linux, so `~/Dokument` on a Swedish
/// desktop; `~/Documents` on macOS), or `~/Documents` when the platform names none.
pub fn standard_dokumentmapp() -> Option<PathBuf> {
    let env = |n: &str| std::env::var_os(n).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(m) = env("VALFRI_DOKUMENTMAPP") {
        return Some(m);
    }
    let dokument =
        dirs::document_dir().or_else(|| dirs::home_dir().map(|h| h.join("Documents")))?;
    Some(dokument.join("Valfri"))
}

/// Opens a saved file in the system's default viewer (which also prints it). Waits briefly for
/// the opener, so that a missing viewer is reported instead of failing silently.
pub fn visa_i_systemet(sokvag: &Path) -> Result<(), UtskickFel> {
    let fel = |detalj: String| UtskickFel::Visa { sokvag: sokvag.display().to_string(), detalj };
    // Only a PDF: the opener would also start programs and open folders, and the path comes
    // from the window.
    let ar_pdf = sokvag.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if !ar_pdf || !sokvag.is_file() {
        return Err(fel("not a saved PDF".into()));
    }
    let mut kommando = if cfg!(windows) {
        let mut k = std::process::Command::new("cmd");
        k.args(["/C", "start", ""]);
        k
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let mut barn = kommando
        .arg(sokvag)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| fel(e.to_string()))?;
    // The opener hands over to the viewer and exits; one still running after a few seconds
    // has found a viewer.
    for _ in 0..30 {
        match barn.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(fel(status.to_string())),
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(100)),
            Err(e) => return Err(fel(e.to_string())),
        }
    }
    Ok(())
}

/// What became of one letter in a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Steg {
    Skrivet,
    RedanKlart,
}

/// How far a batch has come.
#[derive(Debug, Default)]
pub struct Batch {
    pub antal: usize,
    pub klara: usize,
    pub skrivna: usize,
    pub redan_klara: usize,
    /// A brukare's problem does not stop the batch; it is listed with the beslut.
    pub fel: Vec<(String, UtskickFel)>,
    pub avbruten: bool,
}

/// Runs a batch on every core. Each letter goes through three steps: `samla` gathers it from
/// the store on the calling thread (`None`: already made by an interrupted run), `skriv` lays it
/// out and writes it beside its name on one of the worker threads (it needs no store), and
/// `registrera` records it and gives the files their names, again on the calling thread. So one
/// store connection serves the whole batch and a file still gets its name only after its record
/// is committed. `framsteg` hears after every letter.
///
/// Stops gathering once `avbryt` is set; the few letters already being laid out are finished
/// and recorded, so nothing is left half-made; run it again with the same folder to resume. A
/// problem with the data of one brukare is recorded and the batch goes on; a broken font or an
/// unwritable folder stops it, since every letter would fail.
pub fn kor_batch<U: Send, F: Send>(
    beslut: &[String],
    avbryt: &AtomicBool,
    mut samla: impl FnMut(&str) -> Result<Option<U>, UtskickFel>,
    skriv: impl Fn(U) -> Result<F, UtskickFel> + Sync,
    mut registrera: impl FnMut(F) -> Result<(), UtskickFel>,
    mut framsteg: impl FnMut(&Batch),
) -> Result<Batch, UtskickFel> {
    let tradar = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    // Enough letters in flight to keep every worker busy while the calling thread records.
    let hogst_ute = 2 * tradar;
    let mut b = Batch { antal: beslut.len(), ..Batch::default() };
    let mut stopp: Option<UtskickFel> = None;
    let (till_arbete, arbete) = mpsc::channel::<(usize, U)>();
    let arbete = Mutex::new(arbete);
    let (till_klart, klart) = mpsc::channel::<(usize, Result<F, UtskickFel>)>();
    std::thread::scope(|sc| {
        for _ in 0..tradar {
            let (arbete, till_klart, skriv) = (&arbete, till_klart.clone(), &skriv);
            sc.spawn(move || {
                loop {
                    let nasta = arbete.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok((i, u)) = nasta else { break };
                    if till_klart.send((i, skriv(u))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(till_klart);
        let mut ute = 0usize;
        // A laid-out letter back from a worker: record it, count it, tell.
        let mut ta_emot = |(i, r): (usize, Result<F, UtskickFel>),
                           b: &mut Batch,
                           stopp: &mut Option<UtskickFel>,
                           framsteg: &mut dyn FnMut(&Batch)| {
            match r.and_then(&mut registrera) {
                Ok(()) => b.skrivna += 1,
                Err(UtskickFel::Lagring(e)) => {
                    b.fel.push((beslut[i].clone(), UtskickFel::Lagring(e)));
                }
                Err(annat) => {
                    stopp.get_or_insert(annat);
                }
            }
            b.klara += 1;
            framsteg(b);
        };
        for (i, id) in beslut.iter().enumerate() {
            if avbryt.load(Ordering::SeqCst) {
                b.avbruten = true;
                break;
            }
            if stopp.is_some() {
                break;
            }
            while let Ok(x) = klart.try_recv() {
                ute -= 1;
                ta_emot(x, &mut b, &mut stopp, &mut framsteg);
            }
            match samla(id) {
                Ok(Some(u)) => {
                    while ute >= hogst_ute {
                        let Ok(x) = klart.recv() else { break };
                        ute -= 1;
                        ta_emot(x, &mut b, &mut stopp, &mut framsteg);
                    }
                    if till_arbete.send((i, u)).is_ok() {
                        ute += 1;
                    }
                    continue;
                }
                Ok(None) => b.redan_klara += 1,
                Err(UtskickFel::Lagring(e)) => b.fel.push((id.clone(), UtskickFel::Lagring(e))),
                Err(annat) => {
                    stopp = Some(annat);
                    break;
                }
            }
            b.klara += 1;
            framsteg(&b);
        }
        drop(till_arbete);
        // Letters already handed out are finished and recorded, even after a cancel.
        while ute > 0 {
            let Ok(x) = klart.recv() else { break };
            ute -= 1;
            ta_emot(x, &mut b, &mut stopp, &mut framsteg);
        }
    });
    match stopp {
        Some(e) => Err(e),
        None => Ok(b),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// A batch whose letters are their ids: "klar" was made before, "trasig" has bad data,
    /// anything else is written.
    fn samla(id: &str) -> Result<Option<String>, UtskickFel> {
        match id {
            "klar" => Ok(None),
            "trasig" => Err(Lagringsfel::HittasInte { typ: "beslut", id: id.into() }.into()),
            _ => Ok(Some(id.to_owned())),
        }
    }

    #[test]
    fn a_batch_counts_skips_and_problems_and_goes_on() {
        let ids: Vec<String> =
            ["a", "klar", "trasig", "b"].iter().map(|s| (*s).to_owned()).collect();
        let mut sett = Vec::new();
        let mut registrerade = Vec::new();
        let b = kor_batch(
            &ids,
            &AtomicBool::new(false),
            samla,
            Ok,
            |id| {
                registrerade.push(id);
                Ok(())
            },
            |b| sett.push(b.klara),
        )
        .unwrap();
        assert_eq!(
            (b.antal, b.klara, b.skrivna, b.redan_klara, b.fel.len(), b.avbruten),
            (4, 4, 2, 1, 1, false)
        );
        assert_eq!(sett, vec![1, 2, 3, 4]);
        assert_eq!(b.fel[0].0, "trasig");
        registrerade.sort();
        assert_eq!(registrerade, vec!["a", "b"]);
    }

    #[test]
    fn the_letters_are_laid_out_on_several_threads_and_recorded_on_the_calling_one() {
        let ids: Vec<String> = (0..64).map(|i| i.to_string()).collect();
        let anropande = std::thread::current().id();
        let tradar = Mutex::new(std::collections::HashSet::new());
        let mut pa_anropande = true;
        let b = kor_batch(
            &ids,
            &AtomicBool::new(false),
            samla,
            |id| {
                tradar.lock().unwrap().insert(std::thread::current().id());
                std::thread::sleep(std::time::Duration::from_millis(2));
                Ok(id)
            },
            |_| {
                pa_anropande &= std::thread::current().id() == anropande;
                Ok(())
            },
            |_| {},
        )
        .unwrap();
        assert_eq!((b.skrivna, b.klara), (64, 64));
        assert!(pa_anropande, "the store is only touched on the calling thread");
        let n = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let brukade = tradar.lock().unwrap();
        assert!(!brukade.contains(&anropande));
        if n > 1 {
            assert!(brukade.len() > 1, "{} threads used of {n}", brukade.len());
        }
    }

    #[test]
    fn a_cancelled_batch_stops_gathering_and_finishes_what_it_handed_out() {
        let ids: Vec<String> = (0..10).map(|i| i.to_string()).collect();
        let avbryt = AtomicBool::new(false);
        let mut registrerade = 0;
        let b = kor_batch(
            &ids,
            &avbryt,
            |id| {
                if id == "3" {
                    avbryt.store(true, Ordering::SeqCst);
                }
                samla(id)
            },
            Ok,
            |_| {
                registrerade += 1;
                Ok(())
            },
            |_| {},
        )
        .unwrap();
        assert!(b.avbruten);
        assert_eq!((b.klara, b.skrivna, registrerade), (4, 4, 4));
    }

    #[test]
    fn an_unwritable_folder_stops_the_batch() {
        let ids: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
        let mut samlade = 0;
        let r = kor_batch(
            &ids,
            &AtomicBool::new(false),
            |id| {
                samlade += 1;
                samla(id)
            },
            |_: String| -> Result<(), UtskickFel> {
                Err(UtskickFel::Fil { sokvag: "/x".into(), detalj: "nej".into() })
            },
            |()| Ok(()),
            |_| {},
        );
        assert!(matches!(r, Err(UtskickFel::Fil { .. })));
        assert!(samlade < 1000, "it stopped gathering");
    }

    #[test]
    fn only_an_existing_pdf_is_handed_to_the_viewer() {
        let dir = tempfile::tempdir().unwrap();
        let skript = dir.path().join("x.desktop");
        std::fs::write(&skript, "[Desktop Entry]").unwrap();
        assert!(matches!(visa_i_systemet(&skript), Err(UtskickFel::Visa { .. })));
        assert!(matches!(
            visa_i_systemet(&dir.path().join("saknas.pdf")),
            Err(UtskickFel::Visa { .. })
        ));
    }

    #[test]
    fn file_names_name_the_document_and_are_safe() {
        let v = Vad::Valfrihetsbrev { beslut: "01AB/../x".into() };
        assert_eq!(v.filnamn(0), "valfrihetsinformation-01AB____x.pdf");
        assert_eq!(v.filnamn(2), "valfrihetsinformation-01AB____x-kopia-2.pdf");
    }

    #[test]
    fn a_named_file_gets_pdf_and_its_copies_sit_beside_it() {
        let p = |s: &str, n| namngiven_sokvag(&med_pdf_andelse(PathBuf::from(s)), n);
        assert_eq!(p("/d/brev.pdf", 0), PathBuf::from("/d/brev.pdf"));
        assert_eq!(p("/d/brev.PDF", 0), PathBuf::from("/d/brev.PDF"));
        assert_eq!(p("/d/brev", 0), PathBuf::from("/d/brev.pdf"));
        assert_eq!(p("/d/brev.v2", 0), PathBuf::from("/d/brev.v2.pdf"));
        assert_eq!(p("/d/brev.pdf", 2), PathBuf::from("/d/brev-kopia-2.pdf"));
        assert_eq!(p("/d/Åsa brev", 1), PathBuf::from("/d/Åsa brev-kopia-1.pdf"));
        assert_eq!(
            namngiven_sokvag(Path::new("/d/ut"), 0),
            PathBuf::from("/d/ut"),
            "the CLI writes where it is told"
        );
        assert_eq!(
            Vad::Jamforelseblad { insats: "hemtjanst".into(), omrade: "C".into() }.filnamn(0),
            "jamforelseblad-hemtjanst-C.pdf"
        );
    }
}
