//! Reading a file into rows of text cells: CSV as Swedish Excel writes it, or XLSX.
//!
//! The reader decides nothing about meaning; it only turns bytes into a header and rows with
//! the line (CSV) or sheet row (XLSX) each started on, so a report can point at it.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, XlsxError};

use crate::Utbytesfel;

/// The largest file read. A register of a few thousand providers is well under a megabyte;
/// the limit keeps a wrong file (a video, a disk image) from filling the memory.
pub const MAX_BYTE: usize = 64 * 1024 * 1024;

/// A header and the rows under it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tabell {
    pub rubriker: Vec<String>,
    pub rader: Vec<Rad>,
}

/// A row: the line it starts on (1 is the header) and its cells as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rad {
    pub nr: usize,
    pub celler: Vec<String>,
}

impl Rad {
    /// Whether every cell is blank; Excel leaves such rows at the end of a sheet.
    pub fn ar_tom(&self) -> bool {
        self.celler.iter().all(|c| c.trim().is_empty())
    }
}

/// Reads CSV or XLSX (told apart by content, not by name: an `.csv` saved as a workbook is common).
pub fn las(bytes: &[u8]) -> Result<Tabell, Utbytesfel> {
    if bytes.len() > MAX_BYTE {
        return Err(Utbytesfel::ForStor { max_mb: MAX_BYTE / (1024 * 1024) });
    }
    // Every XLSX is a zip archive, which starts with a local file header.
    if bytes.starts_with(b"PK\x03\x04") { las_xlsx(bytes) } else { las_csv(bytes) }
}

/// Text from bytes: UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else Windows-1252,
/// which is what Excel on a Swedish Windows writes for "CSV (semikolonavgränsad)". Every byte
/// sequence decodes as Windows-1252, so this never fails.
pub fn avkoda(bytes: &[u8]) -> String {
    let utan_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(utan_bom) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// The separator: whichever of `;` and `,` occurs more often outside quotes on the header
/// line. Swedish Excel writes `;` (the comma is the decimal sign); other tools write `,`.
pub fn avgransare(text: &str) -> u8 {
    let (mut semikolon, mut komma, mut citat) = (0usize, 0usize, false);
    for c in text.chars() {
        match c {
            '"' => citat = !citat,
            '\n' | '\r' if !citat => break,
            ';' if !citat => semikolon += 1,
            ',' if !citat => komma += 1,
            _ => {}
        }
    }
    if komma > semikolon { b',' } else { b';' }
}

fn las_csv(bytes: &[u8]) -> Result<Tabell, Utbytesfel> {
    let text = avkoda(bytes);
    let mut lasare = csv::ReaderBuilder::new()
        .delimiter(avgransare(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut tabell = Tabell::default();
    let mut forsta = true;
    let mut post = csv::StringRecord::new();
    let mut rakning = Radrakning { text: text.as_bytes(), plats: 0, rad: 1 };
    loop {
        let fore = lasare.position().byte() as usize;
        match lasare.read_record(&mut post) {
            Ok(false) => break,
            Ok(true) => {
                let nr = rakning.rad_vid(post.position().map_or(fore, |p| p.byte() as usize));
                let celler: Vec<String> = post.iter().map(str::to_owned).collect();
                if forsta {
                    tabell.rubriker = celler;
                    forsta = false;
                } else {
                    tabell.rader.push(Rad { nr, celler });
                }
            }
            Err(e) => {
                return Err(Utbytesfel::Csv {
                    rad: rakning.rad_vid(fore),
                    detalj: e.to_string().chars().take(200).collect(),
                });
            }
        }
    }
    har_rubrik(tabell)
}

/// The line a record starts on, counted here rather than taken from the csv crate: after a
/// CRLF line end (which is what Excel writes) the crate's record position still lies before
/// the `\n`, one line too early. Every line end counts once: `\r\n`, `\n`, or a lone `\r`.
struct Radrakning<'a> {
    text: &'a [u8],
    plats: usize,
    rad: usize,
}

impl Radrakning<'_> {
    /// The line of the record whose bytes start at `byte`; calls come in increasing order.
    fn rad_vid(&mut self, byte: usize) -> usize {
        // Line ends at the start belong to the record before (or are blank lines, skipped).
        let mut start = byte.min(self.text.len());
        while self.text.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        if start < self.plats {
            (self.plats, self.rad) = (0, 1);
        }
        while self.plats < start {
            match self.text.get(self.plats) {
                Some(b'\n') => self.rad += 1,
                Some(b'\r') if self.text.get(self.plats + 1) != Some(&b'\n') => self.rad += 1,
                _ => {}
            }
            self.plats += 1;
        }
        self.rad
    }
}

fn har_rubrik(mut tabell: Tabell) -> Result<Tabell, Utbytesfel> {
    if tabell.rubriker.iter().all(|r| r.trim().is_empty()) {
        return Err(Utbytesfel::TomFil);
    }
    tabell.rader.retain(|r| !r.ar_tom());
    Ok(tabell)
}

/// The most cells a workbook's sheet may give, counting the blank ones each row needs up to its
/// last filled cell: far above a register (5 000 rows of 40 columns is 200 000), far below what
/// fills the memory. A sheet's size is not the file's: a few kilobytes can place two cells a
/// billion cells apart.
pub const MAX_CELLER: usize = 4_000_000;

/// An Excel sheet's size: rows and columns beyond it are not a workbook Excel wrote.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;

fn las_xlsx(bytes: &[u8]) -> Result<Tabell, Utbytesfel> {
    // calamine parses zip and XML written by anyone; a panic deep in a parser must become a
    // refusal of the file, not a crash of the program that a caseworker is using.
    let resultat = std::panic::catch_unwind(|| -> Result<Tabell, Utbytesfel> {
        let fel = |e: &dyn std::fmt::Display| Utbytesfel::Xlsx {
            detalj: e.to_string().chars().take(200).collect(),
        };
        let mut bok: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| fel(&e))?;
        let namn = bok.sheet_names().first().cloned().ok_or(Utbytesfel::TomFil)?;
        // Cell by cell rather than calamine's whole-sheet range, which is dense from the first
        // to the last cell and so as large as the two farthest cells make it.
        let mut lasare = match bok.worksheet_cells_reader(&namn) {
            Ok(l) => l,
            // The first sheet is a chart, say: no table there.
            Err(XlsxError::NotAWorksheet(_)) => return Err(Utbytesfel::TomFil),
            Err(e) => return Err(fel(&e)),
        };
        // Filled cells by row; a sheet may list them in any order, and a later one wins.
        let mut rader: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
        let mut antal = 0usize;
        while let Some(c) = lasare.next_cell().map_err(|e| fel(&e))? {
            let text = cell(&Data::from(c.get_value().clone()));
            if text.is_empty() {
                continue;
            }
            let (rad, kol) = c.get_position();
            if rad >= MAX_ROWS || kol >= MAX_COLUMNS {
                return Err(fel(&format_args!(
                    "a cell lies outside the sheet (row {}, column {})",
                    u64::from(rad) + 1,
                    u64::from(kol) + 1
                )));
            }
            antal += 1;
            if antal > MAX_CELLER {
                return Err(fel(&format_args!("more than {MAX_CELLER} cells")));
            }
            rader.entry(rad).or_default().push((kol, text));
        }
        // Each row as wide as its last filled cell, columns in place (left of the first filled
        // column too) so headers and cells stay aligned. The blanks count against the limit.
        let bredd = |celler: &[(u32, String)]| {
            celler.iter().map(|(k, _)| *k as usize + 1).max().unwrap_or(0)
        };
        if rader.values().map(|c| bredd(c)).sum::<usize>() > MAX_CELLER {
            return Err(fel(&format_args!("more than {MAX_CELLER} cells")));
        }
        let mut tabell = Tabell::default();
        for (i, (rad, filled)) in rader.into_iter().enumerate() {
            let mut celler = vec![String::new(); bredd(&filled)];
            for (kol, text) in filled {
                if let Some(c) = celler.get_mut(kol as usize) {
                    *c = text;
                }
            }
            if i == 0 {
                tabell.rubriker = celler;
            } else {
                tabell.rader.push(Rad { nr: rad as usize + 1, celler });
            }
        }
        har_rubrik(tabell)
    });
    resultat.unwrap_or_else(|_| Err(Utbytesfel::Xlsx { detalj: "panic".into() }))
}

/// A cell as the text a person sees: whole numbers without decimals (a postnummer or a cap is a
/// number cell in Excel), dates as `YYYY-MM-DD`, decimals with a point (read back either way).
fn cell(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => tal(*f),
        Data::Bool(b) => if *b { "ja" } else { "nej" }.to_owned(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => t.date().format("%Y-%m-%d").to_string(),
            _ => tal(dt.as_f64()),
        },
    }
}

fn tal(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separator_is_the_commoner_one_outside_quotes() {
        assert_eq!(avgransare("namn;orgnr;\"a,b,c,d\"\n1,2,3,4,5"), b';');
        assert_eq!(avgransare("namn,orgnr,regi"), b',');
        assert_eq!(avgransare(""), b';');
    }

    #[test]
    fn windows_1252_is_decoded_when_not_utf8() {
        assert_eq!(avkoda(b"\xC5sa \xD6berg"), "Åsa Öberg");
        assert_eq!(avkoda("\u{FEFF}Åsa".as_bytes()), "Åsa");
        assert_eq!(avkoda("Åsa".as_bytes()), "Åsa");
    }

    #[test]
    fn rows_keep_the_line_they_start_on_whatever_the_line_ends() {
        for slut in ["\n", "\r\n", "\r"] {
            let fil = format!("a;b{slut}1;\"x{slut}y\"{slut}{slut}2;z{slut}3;w");
            let t = las(fil.as_bytes()).unwrap();
            assert_eq!(t.rader.iter().map(|r| r.nr).collect::<Vec<_>>(), [2, 5, 6], "{slut:?}");
        }
    }

    #[test]
    fn rows_keep_the_line_they_start_on() {
        let t = las(b"a;b\n1;\"x\ny\"\n2;z\n").unwrap();
        assert_eq!(t.rubriker, vec!["a", "b"]);
        assert_eq!(t.rader[0], Rad { nr: 2, celler: vec!["1".into(), "x\ny".into()] });
        assert_eq!(t.rader[1].nr, 4);
    }
}
