//! Limits a test can put on the open database, to see how the store behaves when the disk is
//! full without filling a real disk.

use crate::{Resultat, Store};

impl Store {
    /// Lets the database file grow by at most `sidor` more pages on this connection (SQLite's
    /// `max_page_count`); a write beyond that fails as on a full disk. Returns the new limit.
    #[doc(hidden)]
    pub fn begransa_storlek(&self, sidor: u32) -> Resultat<i64> {
        let nu: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let tak = nu.saturating_add(i64::from(sidor));
        Ok(self.conn.query_row(&format!("PRAGMA max_page_count = {tak}"), [], |r| r.get(0))?)
    }
}
