//! Many brukare at once, for imports: all are added or none is.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use valfri_domain::Personnummer;

use crate::Rad as _;
use crate::{Aktor, Lagringsfel, NyBrukare, Resultat, Store, brukare::infoga_brukare, idag, logg};

/// The longest an import holds the write lock at a time: well below the busy timeout that
/// other writers wait, and short enough that a search behind it is not noticed.
pub const OMGANG: Duration = Duration::from_millis(200);

/// The pause between an import's transactions, in which a waiting writer takes the lock.
const PAUS: Duration = Duration::from_millis(20);

/// Why a bulk import was refused, and which brukare (index in the list) caused it, when one did.
#[derive(Debug, thiserror::Error)]
#[error("brukare {index:?}: {fel}")]
pub struct Importfel {
    pub index: Option<usize>,
    #[source]
    pub fel: Lagringsfel,
}

impl From<Lagringsfel> for Importfel {
    fn from(fel: Lagringsfel) -> Self {
        Self { index: None, fel }
    }
}

impl Store {
    /// Checks one brukare as [`Store::ny_brukare`] would, without writing: every field, the
    /// område code, and that the personnummer is not in the register already.
    pub fn kontrollera_ny_brukare(&self, ny: &NyBrukare) -> Resultat<()> {
        self.validera_brukare(ny)?;
        let pnr = Personnummer::tolka(&ny.personnummer, idag())?;
        let finns: bool = self.conn.rad(
            "SELECT EXISTS (SELECT 1 FROM brukare WHERE personnummer = ?1)",
            [pnr.som_tolv_siffror()],
            |r| r.get(0),
        )?;
        if finns { Err(Lagringsfel::BrukareFinns) } else { Ok(()) }
    }

    /// Adds every brukare, or none when any is refused. Only a systemförvaltare may: a bulk
    /// import of sensitive personal data is an administrative act, not case work.
    ///
    /// Everything that can refuse a brukare (each field, the område, a personnummer already in
    /// the register or twice in the list) is checked before anything is written, so a refused
    /// import leaves nothing. The writing is then done in transactions of at most `OMGANG`
    /// each, with a pause between them: a large import never holds the write lock long enough
    /// for a search (which writes its log row) or a choice in another window to give up. Each
    /// brukare is written whole with its log row; a process killed halfway leaves whole batches.
    ///
    /// The audit log gets one `skapa` row per brukare (so each person's own log shows where
    /// the record came from, as for one added by hand) and one `import` row with the count.
    pub fn importera_brukare(
        &self,
        aktor: &Aktor,
        lista: &[NyBrukare],
        beskrivning: &str,
    ) -> Result<Vec<String>, Importfel> {
        self.importera_brukare_med_framsteg(aktor, lista, beskrivning, &mut |_, _| {})
    }

    /// [`Store::importera_brukare`], telling `framsteg` after each committed transaction how
    /// many of how many brukare are written (the window shows it for a large file).
    pub fn importera_brukare_med_framsteg(
        &self,
        aktor: &Aktor,
        lista: &[NyBrukare],
        beskrivning: &str,
        framsteg: &mut dyn FnMut(usize, usize),
    ) -> Result<Vec<String>, Importfel> {
        self.krav_systemforvaltare(aktor, "brukare")?;
        let mut validerade = Vec::with_capacity(lista.len());
        let mut sedda = HashSet::with_capacity(lista.len());
        for (index, ny) in lista.iter().enumerate() {
            let fel = |fel| Importfel { index: Some(index), fel };
            let v = self.validera_brukare(ny).map_err(fel)?;
            let pnr = v.pnr.som_tolv_siffror().to_owned();
            let finns: bool = self
                .conn
                .rad("SELECT EXISTS (SELECT 1 FROM brukare WHERE personnummer = ?1)", [&pnr], |r| {
                    r.get(0)
                })
                .map_err(|e| fel(e.into()))?;
            if finns || !sedda.insert(pnr) {
                return Err(fel(Lagringsfel::BrukareFinns));
            }
            validerade.push(v);
        }
        let detalj: String = format!("{} brukare: {beskrivning}", validerade.len())
            .chars()
            .filter(|c| !c.is_control())
            .take(300)
            .collect();
        let mut ider = Vec::with_capacity(lista.len());
        let mut kvar = validerade.iter().enumerate().peekable();
        loop {
            let tx = self.skrivning()?;
            let borjan = Instant::now();
            while let Some((index, v)) = kvar.next_if(|_| borjan.elapsed() < OMGANG) {
                let id =
                    infoga_brukare(&tx, v).map_err(|fel| Importfel { index: Some(index), fel })?;
                logg::skriv(&tx, aktor, "skapa", "brukare", &id, "import")?;
                ider.push(id);
            }
            if kvar.peek().is_none() {
                logg::skriv(&tx, aktor, "import", "brukare", "", &detalj)?;
                tx.commit().map_err(Lagringsfel::from)?;
                framsteg(ider.len(), lista.len());
                return Ok(ider);
            }
            tx.commit().map_err(Lagringsfel::from)?;
            framsteg(ider.len(), lista.len());
            // Room for a writer that waits (its busy handler looks every few milliseconds).
            std::thread::sleep(PAUS);
        }
    }
}
