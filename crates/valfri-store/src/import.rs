//! Many brukare in one transaction, for imports: all are added or none.

use valfri_domain::Personnummer;

use crate::Rad as _;
use crate::{Aktor, Lagringsfel, NyBrukare, Resultat, Store, brukare::infoga_brukare, idag, logg};

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

    /// Adds every brukare in one transaction, or none. Only a systemförvaltare may: a bulk
    /// import of sensitive personal data is an administrative act, not case work.
    ///
    /// The audit log gets one `skapa` row per brukare (so each person's own log shows where
    /// the record came from, as for one added by hand) and one `import` row with the count.
    pub fn importera_brukare(
        &self,
        aktor: &Aktor,
        lista: &[NyBrukare],
        beskrivning: &str,
    ) -> Result<Vec<String>, Importfel> {
        self.krav_systemforvaltare(aktor, "brukare")?;
        let mut validerade = Vec::with_capacity(lista.len());
        for (index, ny) in lista.iter().enumerate() {
            validerade.push(
                self.validera_brukare(ny).map_err(|fel| Importfel { index: Some(index), fel })?,
            );
        }
        let tx = self.skrivning()?;
        let mut ider = Vec::with_capacity(lista.len());
        for (index, v) in validerade.iter().enumerate() {
            let id = infoga_brukare(&tx, v).map_err(|fel| Importfel { index: Some(index), fel })?;
            logg::skriv(&tx, aktor, "skapa", "brukare", &id, "import")?;
            ider.push(id);
        }
        let detalj: String = format!("{} brukare: {beskrivning}", ider.len())
            .chars()
            .filter(|c| !c.is_control())
            .take(300)
            .collect();
        logg::skriv(&tx, aktor, "import", "brukare", "", &detalj)?;
        tx.commit().map_err(Lagringsfel::from)?;
        Ok(ider)
    }
}
