//! What calamine is not asked to do with a workbook (XLSX: a zip archive of XML parts).
//!
//! - Bounds before parsing ([`kontrollera`]): a 1 MB archive can hold a gigabyte of XML, and
//!   calamine reads `sharedStrings.xml` whole into memory. Each part's declared size is summed
//!   and each part is inflated once, only up to what it declares, so a part that lies about its
//!   size costs no more than an honest one; the shared strings are counted on the way.
//! - Percent cells ([`procentceller`]): calamine gives a cell formatted `90,9 %` as 0.909 and
//!   does not say it was a percentage; the styles and the sheet's XML do.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Cursor, Read, Write};

use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use crate::Utbytesfel;

/// The most a workbook may inflate to, all parts together. A register of 5 000 rows is about
/// 10 MB of XML; calamine keeps the shared strings and the styles in memory, so this bounds
/// what reading a workbook can cost.
pub const MAX_UPPACKAT: u64 = 100 * 1024 * 1024;

/// The most parts an archive may have: Excel writes a dozen or two.
pub const MAX_DELAR: usize = 10_000;

/// The most shared strings (distinct texts) a workbook may have: a register has a few per row.
pub const MAX_STRANGAR: usize = 1_000_000;

/// The parts read from a workbook whose bounds have been checked.
#[derive(Debug, Default)]
pub(crate) struct Delar {
    /// `xl/styles.xml`, `xl/workbook.xml` and its relationships, when the archive has them.
    stilar: Option<Vec<u8>>,
    bok: Option<Vec<u8>>,
    relationer: Option<Vec<u8>>,
}

/// Checks the archive's sizes and counts without keeping more than the three small parts.
pub(crate) fn kontrollera(bytes: &[u8]) -> Result<Delar, Utbytesfel> {
    let mut arkiv = ZipArchive::new(Cursor::new(bytes)).map_err(|e| xlsxfel(&e))?;
    if arkiv.len() > MAX_DELAR {
        return Err(xlsxfel(&format_args!("more than {MAX_DELAR} parts")));
    }
    // Every declared size first, from the central directory: an honest bomb is refused before a
    // single part is inflated, wherever in the archive its large part is.
    let mut summa = 0u64;
    for i in 0..arkiv.len() {
        summa = summa.saturating_add(arkiv.by_index_raw(i).map_err(|e| xlsxfel(&e))?.size());
    }
    if summa > MAX_UPPACKAT {
        return Err(Utbytesfel::Uppackad { max_mb: MAX_UPPACKAT / (1024 * 1024) });
    }
    let mut delar = Delar::default();
    for i in 0..arkiv.len() {
        let mut del = arkiv.by_index(i).map_err(|e| xlsxfel(&e))?;
        let uppgiven = del.size();
        let namn = del.name().to_ascii_lowercase();
        let behalls = ["xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"]
            .iter()
            .position(|n| *n == namn);
        let mut raknare = Strangraknare {
            rakna: namn.ends_with("sharedstrings.xml"),
            ..Strangraknare::default()
        };
        let mut behallet = Vec::new();
        // One byte more than declared is enough to know the part lies about its size.
        let mut begransad = (&mut del).take(uppgiven.saturating_add(1));
        let last = if behalls.is_some() {
            begransad.read_to_end(&mut behallet).map(|n| n as u64)
        } else {
            std::io::copy(&mut begransad, &mut raknare)
        };
        // The counter stops the copy at the limit, so its refusal comes before any error.
        if raknare.antal > MAX_STRANGAR {
            return Err(Utbytesfel::Strangar { max: MAX_STRANGAR });
        }
        if last.map_err(|e| xlsxfel(&e))? > uppgiven {
            return Err(Utbytesfel::DelensStorlek);
        }
        match behalls {
            Some(0) => delar.stilar = Some(behallet),
            Some(1) => delar.bok = Some(behallet),
            Some(2) => delar.relationer = Some(behallet),
            _ => {}
        }
    }
    Ok(delar)
}

pub(crate) fn xlsxfel(e: &dyn std::fmt::Display) -> Utbytesfel {
    Utbytesfel::Xlsx { detalj: crate::kort_detalj(&e.to_string()) }
}

/// Counts `<si>` start tags (any namespace prefix) as the bytes stream past.
#[derive(Default)]
struct Strangraknare {
    rakna: bool,
    antal: usize,
    fore: [u8; 3],
}

impl Write for Strangraknare {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.rakna {
            for &b in buf {
                let [a, s, i] = self.fore;
                if matches!(a, b'<' | b':')
                    && s == b's'
                    && i == b'i'
                    && matches!(b, b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')
                {
                    self.antal += 1;
                }
                self.fore = [s, i, b];
            }
            if self.antal > MAX_STRANGAR {
                return Err(std::io::Error::other("too many shared strings"));
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn xml(data: &[u8]) -> quick_xml::Reader<&[u8]> {
    let mut r = quick_xml::Reader::from_reader(data);
    r.config_mut().check_end_names = false;
    r
}

fn attribut(e: &BytesStart<'_>, namn: &[u8]) -> Option<String> {
    e.attributes()
        .filter_map(Result::ok)
        .find(|a| {
            a.key.local_name().as_ref() == namn && (namn != b"id" || a.key.prefix().is_some())
        })
        .map(|a| {
            // Workbook XML is UTF-8; an entity that does not resolve is kept as written.
            let text = String::from_utf8_lossy(&a.value).into_owned();
            quick_xml::escape::unescape(&text).map_or_else(|_| text.clone(), Cow::into_owned)
        })
}

/// The cell styles (indexes into `cellXfs`) whose number format shows a percentage.
fn procentstilar(stilar: &[u8]) -> HashSet<u32> {
    let mut r = xml(stilar);
    let mut format: HashMap<String, String> = HashMap::new();
    let mut procent = HashSet::new();
    let (mut i_xfs, mut nr) = (false, 0u32);
    let mut buf = Vec::new();
    loop {
        let (e, tom) = match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) if e.local_name().as_ref() == b"cellXfs" => {
                i_xfs = false;
                buf.clear();
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        match e.local_name().as_ref() {
            b"numFmt" => {
                if let (Some(id), Some(kod)) =
                    (attribut(&e, b"numFmtId"), attribut(&e, b"formatCode"))
                {
                    format.insert(id, kod);
                }
            }
            b"cellXfs" => i_xfs = !tom,
            b"xf" if i_xfs => {
                let id = attribut(&e, b"numFmtId").unwrap_or_default();
                let ar_procent = match format.get(&id) {
                    Some(kod) => visar_procent(kod),
                    // The built-in formats 9 (`0%`) and 10 (`0.00%`).
                    None => matches!(id.trim(), "9" | "10"),
                };
                if ar_procent {
                    procent.insert(nr);
                }
                nr += 1;
            }
            _ => {}
        }
        buf.clear();
    }
    procent
}

/// Whether a number format code multiplies by 100: a `%` that is not quoted text (`"%"`), an
/// escaped character (`\%`) or inside brackets (`[Red]`, a locale).
fn visar_procent(kod: &str) -> bool {
    let (mut citat, mut klammer, mut escape) = (false, false, false);
    for c in kod.chars() {
        if escape {
            escape = false;
            continue;
        }
        match c {
            '\\' if !citat => escape = true,
            '"' => citat = !citat,
            '[' if !citat => klammer = true,
            ']' if !citat => klammer = false,
            '%' if !citat && !klammer => return true,
            _ => {}
        }
    }
    false
}

/// The part that holds the sheet `blad`, as calamine finds it: the workbook's `r:id` through
/// its relationships, relative to `xl/`.
fn bladsokvag(delar: &Delar, blad: &str) -> Option<String> {
    let (bok, relationer) = (delar.bok.as_deref()?, delar.relationer.as_deref()?);
    let mut id = None;
    let mut r = xml(bok);
    let mut buf = Vec::new();
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e))
                if e.local_name().as_ref() == b"sheet"
                    && attribut(&e, b"name").as_deref() == Some(blad) =>
            {
                id = attribut(&e, b"id");
                break;
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    let id = id?;
    let mut r = xml(relationer);
    loop {
        buf.clear();
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e))
                if e.local_name().as_ref() == b"Relationship"
                    && e.attributes()
                        .filter_map(Result::ok)
                        .any(|a| a.key.as_ref() == b"Id" && a.value.as_ref() == id.as_bytes()) =>
            {
                let mal = attribut(&e, b"Target")?;
                return Some(if let Some(s) = mal.strip_prefix('/') {
                    s.to_owned()
                } else if mal.starts_with("xl/") {
                    mal
                } else {
                    format!("xl/{mal}")
                });
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// The cells (row, column; from 0, as calamine counts) of sheet `blad` shown as percentages.
/// Empty when the workbook has no percent format, which is the common case and costs nothing.
pub(crate) fn procentceller(bytes: &[u8], delar: &Delar, blad: &str) -> HashSet<(u32, u32)> {
    let mut celler = HashSet::new();
    let stilar = delar.stilar.as_deref().map(procentstilar).unwrap_or_default();
    if stilar.is_empty() {
        return celler;
    }
    let Some(sokvag) = bladsokvag(delar, blad) else { return celler };
    let Ok(mut arkiv) = ZipArchive::new(Cursor::new(bytes)) else { return celler };
    let Some(namn) =
        arkiv.file_names().find(|n| n.eq_ignore_ascii_case(&sokvag)).map(str::to_owned)
    else {
        return celler;
    };
    let Ok(del) = arkiv.by_name(&namn) else { return celler };
    let storlek = del.size();
    // The sizes were checked by `kontrollera`; the limit keeps this true if they were not.
    let mut r = quick_xml::Reader::from_reader(BufReader::new(del.take(storlek)));
    r.config_mut().check_end_names = false;
    // A row or cell without its reference follows the one before, as calamine reads it.
    let (mut rad, mut kol): (Option<u32>, Option<u32>) = (None, None);
    let mut buf = Vec::new();
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => match e.local_name().as_ref() {
                b"row" => {
                    let r = attribut(&e, b"r").and_then(|r| r.trim().parse::<u32>().ok());
                    rad = r.and_then(|r| r.checked_sub(1)).or(rad.map(|r| r.saturating_add(1)));
                    rad = rad.or(Some(0));
                    kol = None;
                }
                b"c" => {
                    let (r, k) = match attribut(&e, b"r").and_then(|r| cellreferens(&r)) {
                        Some(plats) => plats,
                        None => (rad.unwrap_or(0), kol.map_or(0, |k| k.saturating_add(1))),
                    };
                    (rad, kol) = (Some(r), Some(k));
                    if attribut(&e, b"s")
                        .and_then(|s| s.trim().parse::<u32>().ok())
                        .is_some_and(|s| stilar.contains(&s))
                    {
                        celler.insert((r, k));
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    celler
}

/// `B12` as (11, 1).
fn cellreferens(r: &str) -> Option<(u32, u32)> {
    let delning = r.find(|c: char| c.is_ascii_digit())?;
    let (bokstaver, siffror) = r.split_at(delning);
    if bokstaver.is_empty() || bokstaver.len() > 3 {
        return None;
    }
    let kol = bokstaver.bytes().try_fold(0u32, |acc, b| {
        b.is_ascii_uppercase().then(|| acc * 26 + u32::from(b - b'A') + 1)
    })?;
    let rad: u32 = siffror.parse().ok()?;
    Some((rad.checked_sub(1)?, kol - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats_are_told_from_quoted_and_escaped_signs() {
        for kod in ["0%", "0.0%", "0,0 %", "#,##0.00%;[Red]-0.00%"] {
            assert!(visar_procent(kod), "{kod}");
        }
        for kod in ["0\"%\"", "0\\%", "[$%-41D]0", "yyyy-mm-dd", "0.00"] {
            assert!(!visar_procent(kod), "{kod}");
        }
    }

    #[test]
    fn styles_name_the_percent_cell_formats() {
        let stilar = br#"<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts><cellStyleXfs count="1"><xf numFmtId="9"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"></xf><xf numFmtId="10"/></cellXfs></styleSheet>"#;
        let mut s: Vec<u32> = procentstilar(stilar).into_iter().collect();
        s.sort_unstable();
        assert_eq!(s, [1, 3]);
    }

    #[test]
    fn cell_references_count_from_zero() {
        assert_eq!(cellreferens("A1"), Some((0, 0)));
        assert_eq!(cellreferens("B12"), Some((11, 1)));
        assert_eq!(cellreferens("AA3"), Some((2, 26)));
        assert_eq!(cellreferens("a1"), None);
        assert_eq!(cellreferens("A0"), None);
    }
}
