//! The audit log's hash chain, shared by the desk's store (`SQLite`) and the municipality's hub
//! (`PostgreSQL`) so that one rule says whether a log is whole.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

/// The hash the first row chains to.
pub const KEDJANS_START: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One stored row of a log, as read back for checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loggrad {
    pub nr: i64,
    pub tid: String,
    pub vem: String,
    pub handling: String,
    pub objekt_typ: String,
    pub objekt_id: String,
    pub detalj: String,
    /// The hash of the row before, as stored in this row.
    pub foregaende: String,
    /// The hash stored in this row.
    pub hash: String,
}

/// Hex SHA-256 over the fields, each followed by 0x1f: a separator that cannot occur in them
/// keeps ("ab","c") and ("a","bc") apart. The hub computes the same in SQL (`valfri-hub`'s
/// schema); `valfri-hub`'s tests check that the two agree.
#[allow(clippy::too_many_arguments)]
pub fn kedjehash(
    nr: i64,
    tid: &str,
    vem: &str,
    handling: &str,
    objekt_typ: &str,
    objekt_id: &str,
    detalj: &str,
    foregaende: &str,
) -> String {
    let mut h = Sha256::new();
    for del in
        [nr.to_string().as_str(), tid, vem, handling, objekt_typ, objekt_id, detalj, foregaende]
    {
        h.update(del.as_bytes());
        h.update([0x1f]);
    }
    h.finalize().iter().fold(String::with_capacity(64), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// Checks rows fed oldest first: numbered 1, 2, … without a gap, each chained to the one before
/// and hashing to what it stores.
#[derive(Debug, Clone)]
pub struct Kedjekontroll {
    nasta_nr: i64,
    foregaende: String,
}

impl Default for Kedjekontroll {
    fn default() -> Self {
        Kedjekontroll { nasta_nr: 1, foregaende: KEDJANS_START.to_owned() }
    }
}

impl Kedjekontroll {
    /// `Err(nr)` names the first row that was changed, or that follows a removed one.
    pub fn nasta(&mut self, rad: &Loggrad) -> Result<(), i64> {
        let raknad = kedjehash(
            rad.nr,
            &rad.tid,
            &rad.vem,
            &rad.handling,
            &rad.objekt_typ,
            &rad.objekt_id,
            &rad.detalj,
            &rad.foregaende,
        );
        if rad.nr != self.nasta_nr || rad.foregaende != self.foregaende || raknad != rad.hash {
            return Err(rad.nr);
        }
        self.foregaende.clone_from(&rad.hash);
        self.nasta_nr += 1;
        Ok(())
    }

    /// How many rows have been checked whole.
    pub fn rader(&self) -> i64 {
        self.nasta_nr - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rad(nr: i64, foregaende: &str, detalj: &str) -> Loggrad {
        let hash = kedjehash(nr, "t", "v", "h", "typ", "id", detalj, foregaende);
        Loggrad {
            nr,
            tid: "t".into(),
            vem: "v".into(),
            handling: "h".into(),
            objekt_typ: "typ".into(),
            objekt_id: "id".into(),
            detalj: detalj.into(),
            foregaende: foregaende.into(),
            hash,
        }
    }

    /// Pinned (computed outside Rust): logs written before this function moved here, on desks
    /// and hubs alike, must still verify.
    #[test]
    fn the_hash_is_sha256_over_the_fields_each_ended_by_0x1f() {
        assert_eq!(
            kedjehash(
                1,
                "2026-12-02T01:30:00.123Z",
                "anna",
                "las",
                "brukare",
                "B2",
                r#"{"skal": "Ansökan"}"#,
                KEDJANS_START
            ),
            "7b1cb9a79cd31fb456e79a9ada64548555464d5dc9968cc63eb1659fa27ce411"
        );
    }

    #[test]
    fn the_separator_keeps_fields_apart() {
        assert_ne!(
            kedjehash(1, "ab", "c", "", "", "", "", KEDJANS_START),
            kedjehash(1, "a", "bc", "", "", "", "", KEDJANS_START)
        );
    }

    #[test]
    fn a_whole_chain_passes_and_a_changed_or_missing_row_is_named() {
        let a = rad(1, KEDJANS_START, "a");
        let b = rad(2, &a.hash, "b");
        let c = rad(3, &b.hash, "c");
        let mut k = Kedjekontroll::default();
        for r in [&a, &b, &c] {
            k.nasta(r).unwrap();
        }
        assert_eq!(k.rader(), 3);

        let mut andrad = b.clone();
        andrad.detalj = "B".into();
        let mut k = Kedjekontroll::default();
        k.nasta(&a).unwrap();
        assert_eq!(k.nasta(&andrad), Err(2));

        let mut k = Kedjekontroll::default();
        k.nasta(&a).unwrap();
        assert_eq!(k.nasta(&c), Err(3));
    }
}

/// The result of checking a log's chain, on a desk or in the hub.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Loggstatus {
    /// Every row is where it should be and unchanged.
    Hel { rader: i64 },
    /// Row `nr` was changed, or a row before it was removed.
    Bruten { nr: i64 },
}
