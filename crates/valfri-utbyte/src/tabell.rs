//! Reading a file into rows of text cells: CSV as Swedish Excel writes it, or XLSX.
//!
//! The reader decides nothing about meaning; it only turns bytes into a header and rows with
//! the line (CSV) or sheet row (XLSX) each started on, so a report can point at it.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, XlsxError};

use valfri_domain::{Anvandarmeddelande, Arg};

use crate::Utbytesfel;
use crate::arbetsbok::{self, xlsxfel};

/// The largest file read. A register of a few thousand providers is well under a megabyte;
/// the limit keeps a wrong file (a video, a disk image) from filling the memory.
pub const MAX_BYTE: usize = 64 * 1024 * 1024;

/// A header and the rows under it, and how they were read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tabell {
    pub rubriker: Vec<String>,
    pub rader: Vec<Rad>,
    /// The text encoding a CSV file was read in (none for a workbook).
    pub kodning: Option<Kodning>,
    /// The sheet a workbook was read from (none for CSV).
    pub blad: Option<Bladval>,
}

/// A CSV file's text encoding, as detected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kodning {
    Utf8,
    /// With a byte order mark (Excel's "Unicode text") or recognised by its zero bytes.
    Utf16Le,
    Utf16Be,
    /// What Excel on a Swedish Windows writes as "CSV (semikolonavgränsad)".
    Windows1252,
    /// A UTF-8 byte order mark before text that is not UTF-8 (a file converted half-way): the
    /// mark is dropped and the rest read as Windows-1252.
    Utf8MarkeringMenWindows1252,
    /// What Excel on an older Mac writes: å, ä, ö are other bytes than in Windows-1252.
    MacRoman,
}

impl Kodning {
    /// The encoding's common name, the same in every language.
    pub fn namn(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf16Le => "UTF-16 (little-endian)",
            Self::Utf16Be => "UTF-16 (big-endian)",
            Self::Windows1252 | Self::Utf8MarkeringMenWindows1252 => "Windows-1252",
            Self::MacRoman => "Mac Roman",
        }
    }
}

/// Which sheet of a workbook was read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bladval {
    pub namn: String,
    pub hur: Bladgrund,
    /// Every sheet of the workbook, in order.
    pub alla: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bladgrund {
    /// Named by the person (`--sheet`).
    Namngivet,
    /// The first sheet with the expected header (the first sheet, or a later one when the
    /// first is instructions, say).
    Rubrik,
    /// No sheet has the expected header: the first is read, and its report says what is missing.
    Forsta,
}

/// A sentence for the import report about how the file was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Upplysning {
    pub id: &'static str,
    pub argument: Vec<(&'static str, Arg)>,
}

impl Anvandarmeddelande for Upplysning {
    fn meddelande_id(&self) -> &'static str {
        self.id
    }
    fn argument(&self) -> Vec<(&'static str, Arg)> {
        self.argument.clone()
    }
}

impl Tabell {
    /// What the report says before its rows: an encoding other than UTF-8, and the sheet read
    /// from a workbook of more than one sheet or chosen for its header.
    pub fn upplysningar(&self) -> Vec<Upplysning> {
        let mut ut = Vec::new();
        match self.kodning {
            None | Some(Kodning::Utf8) => {}
            Some(Kodning::Utf8MarkeringMenWindows1252) => {
                ut.push(Upplysning { id: "utbyte-kodning-markering", argument: Vec::new() });
            }
            Some(k) => ut.push(Upplysning {
                id: "utbyte-kodning",
                argument: vec![("kodning", k.namn().into())],
            }),
        }
        if let Some(b) = &self.blad {
            let alla = b.alla.iter().map(|n| format!("”{}”", crate::kort(n))).collect::<Vec<_>>();
            let namn = crate::kort(&b.namn);
            match b.hur {
                Bladgrund::Namngivet => ut.push(Upplysning {
                    id: "utbyte-blad-namngivet",
                    argument: vec![("blad", namn.into())],
                }),
                Bladgrund::Rubrik if b.alla.len() > 1 => ut.push(Upplysning {
                    id: "utbyte-blad-rubrik",
                    argument: vec![("blad", namn.into()), ("alla", alla.join(", ").into())],
                }),
                Bladgrund::Rubrik => {}
                Bladgrund::Forsta => ut.push(Upplysning {
                    id: "utbyte-blad-forsta",
                    argument: vec![("blad", namn.into()), ("alla", alla.join(", ").into())],
                }),
            }
        }
        ut
    }
}

/// What the caller knows about the table it wants.
#[derive(Debug, Clone, Copy, Default)]
pub struct Lasval<'a> {
    /// The sheet to read, by name; a CSV file has none.
    pub blad: Option<&'a str>,
    /// Headers (as `rubriknyckel` folds them) that mark the sheet to read when none is named.
    pub rubriker: &'a [&'a str],
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

/// Reads CSV or XLSX (told apart by content, not by name: an `.csv` saved as a workbook is
/// common); a workbook's first sheet.
pub fn las(bytes: &[u8]) -> Result<Tabell, Utbytesfel> {
    las_med(bytes, &Lasval::default())
}

/// Reads CSV or XLSX; of a workbook, the sheet `val` names, else the first sheet whose header
/// has `val.rubriker`, else the first sheet.
pub fn las_med(bytes: &[u8], val: &Lasval<'_>) -> Result<Tabell, Utbytesfel> {
    if bytes.len() > MAX_BYTE {
        return Err(Utbytesfel::ForStor { max_mb: MAX_BYTE / (1024 * 1024) });
    }
    // Every XLSX is a zip archive, which starts with a local file header.
    if bytes.starts_with(b"PK\x03\x04") {
        las_xlsx(bytes, val)
    } else if val.blad.is_some() {
        Err(Utbytesfel::BladICsv)
    } else {
        las_csv(bytes)
    }
}

/// Text from bytes: UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else Windows-1252,
/// which is what Excel on a Swedish Windows writes for "CSV (semikolonavgränsad)". Every byte
/// sequence decodes as Windows-1252, so this never fails. See [`avkoda_med_kodning`].
pub fn avkoda(bytes: &[u8]) -> String {
    avkoda_med_kodning(bytes).0
}

/// Text from bytes and the encoding it was read in: UTF-16 by its byte order mark or by the
/// zero bytes every other byte of Latin text in UTF-16 is; UTF-8 when valid (a BOM dropped);
/// else Windows-1252 or Mac Roman, whichever gives more of the letters a Nordic register has
/// (the two put å, ä and ö on different bytes, and each reads the other's as symbols).
pub fn avkoda_med_kodning(bytes: &[u8]) -> (String, Kodning) {
    if let Some(k) = utf16(bytes) {
        let kodning =
            if k == Kodning::Utf16Le { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let utan_bom = bytes.get(2..).filter(|_| bom16(bytes).is_some()).unwrap_or(bytes);
        return (kodning.decode_without_bom_handling(utan_bom).0.into_owned(), k);
    }
    let bom = bytes.strip_prefix(b"\xEF\xBB\xBF");
    let utan_bom = bom.unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(utan_bom) {
        return (s.to_owned(), Kodning::Utf8);
    }
    let win = encoding_rs::WINDOWS_1252.decode_without_bom_handling(utan_bom).0;
    let mac = encoding_rs::MACINTOSH.decode_without_bom_handling(utan_bom).0;
    let poang = |t: &str| t.chars().filter(|c| "åäöÅÄÖéÉüÜæøÆØ".contains(*c)).count();
    if poang(&mac) > poang(&win) {
        (mac.into_owned(), Kodning::MacRoman)
    } else if bom.is_some() {
        (win.into_owned(), Kodning::Utf8MarkeringMenWindows1252)
    } else {
        (win.into_owned(), Kodning::Windows1252)
    }
}

fn bom16(bytes: &[u8]) -> Option<Kodning> {
    match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(Kodning::Utf16Le),
        Some([0xFE, 0xFF]) => Some(Kodning::Utf16Be),
        _ => None,
    }
}

/// UTF-16 by its mark, or without one by its zeros: a header of Latin letters in UTF-16 has a
/// zero in every second byte and none in the others, which no 8-bit text or UTF-8 has.
fn utf16(bytes: &[u8]) -> Option<Kodning> {
    if let Some(k) = bom16(bytes) {
        return Some(k);
    }
    let borjan = bytes.get(..bytes.len().min(512) & !1)?;
    if borjan.len() < 4 {
        return None;
    }
    let nollor = |forskjutning: usize| {
        borjan.iter().skip(forskjutning).step_by(2).filter(|b| **b == 0).count()
    };
    let (jamna, udda, halften) = (nollor(0), nollor(1), borjan.len() / 2);
    if udda * 10 >= halften * 9 && jamna == 0 {
        Some(Kodning::Utf16Le)
    } else if jamna * 10 >= halften * 9 && udda == 0 {
        Some(Kodning::Utf16Be)
    } else {
        None
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
    let (text, kodning) = avkoda_med_kodning(bytes);
    let mut lasare = csv::ReaderBuilder::new()
        .delimiter(avgransare(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut tabell = Tabell { kodning: Some(kodning), ..Tabell::default() };
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
                    detalj: crate::kort_detalj(&e.to_string()),
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

fn las_xlsx(bytes: &[u8], val: &Lasval<'_>) -> Result<Tabell, Utbytesfel> {
    // Sizes and counts first: calamine would inflate a bomb before anything could stop it.
    let delar = arbetsbok::kontrollera(bytes)?;
    // calamine parses zip and XML written by anyone; a panic deep in a parser must become a
    // refusal of the file, not a crash of the program that a caseworker is using.
    let resultat = std::panic::catch_unwind(|| -> Result<Tabell, Utbytesfel> {
        let mut bok: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| xlsxfel(&e))?;
        let alla = bok.sheet_names();
        if alla.is_empty() {
            return Err(Utbytesfel::TomFil);
        }
        let valt = |namn: &str, hur| Bladval { namn: namn.to_owned(), hur, alla: alla.clone() };
        if let Some(namn) = val.blad {
            // As written, else as the header rules fold it (case, å/ä/ö, spaces).
            let hittat = alla.iter().find(|n| n.as_str() == namn).or_else(|| {
                alla.iter().find(|n| crate::rubriknyckel(n) == crate::rubriknyckel(namn))
            });
            let Some(hittat) = hittat.cloned() else {
                return Err(Utbytesfel::BladSaknas {
                    blad: crate::kort(namn),
                    finns: crate::kort_detalj(&alla.join(", ")),
                });
            };
            let tabell = las_blad(&mut bok, bytes, &delar, &hittat)?;
            return Ok(Tabell { blad: Some(valt(&hittat, Bladgrund::Namngivet)), ..tabell });
        }
        // The first sheet that has the header; failing that, the first that could be read (its
        // report says which columns are missing), or why the first could not.
        let (mut lasbart, mut forsta_fel) = (None, None);
        for namn in &alla {
            match las_blad(&mut bok, bytes, &delar, namn) {
                Ok(t) if passar(&t, val.rubriker) => {
                    return Ok(Tabell { blad: Some(valt(namn, Bladgrund::Rubrik)), ..t });
                }
                Ok(t) => {
                    lasbart.get_or_insert((namn.clone(), t));
                }
                Err(e) => {
                    forsta_fel.get_or_insert(e);
                }
            }
        }
        match (lasbart, forsta_fel) {
            (Some((namn, t)), _) => Ok(Tabell { blad: Some(valt(&namn, Bladgrund::Forsta)), ..t }),
            (None, Some(e)) => Err(e),
            (None, None) => Err(Utbytesfel::TomFil),
        }
    });
    resultat.unwrap_or_else(|_| Err(Utbytesfel::Xlsx { detalj: "panic".into() }))
}

/// Whether a sheet's header has every one of `rubriker` (folded as the importers fold them).
fn passar(tabell: &Tabell, rubriker: &[&str]) -> bool {
    let nycklar: Vec<String> = tabell.rubriker.iter().map(|r| crate::rubriknyckel(r)).collect();
    rubriker.iter().all(|k| nycklar.iter().any(|n| n == k))
}

fn las_blad(
    bok: &mut Xlsx<Cursor<&[u8]>>,
    bytes: &[u8],
    delar: &arbetsbok::Delar,
    namn: &str,
) -> Result<Tabell, Utbytesfel> {
    let procent = arbetsbok::procentceller(bytes, delar, namn);
    // Cell by cell rather than calamine's whole-sheet range, which is dense from the first
    // to the last cell and so as large as the two farthest cells make it.
    let mut lasare = match bok.worksheet_cells_reader(namn) {
        Ok(l) => l,
        // A chart sheet, say: no table there.
        Err(XlsxError::NotAWorksheet(_)) => return Err(Utbytesfel::TomFil),
        Err(e) => return Err(xlsxfel(&e)),
    };
    // Filled cells by row; a sheet may list them in any order, and a later one wins.
    let mut rader: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
    let mut antal = 0usize;
    while let Some(c) = lasare.next_cell().map_err(|e| xlsxfel(&e))? {
        let (rad, kol) = c.get_position();
        let data = Data::from(c.get_value().clone());
        let text = if procent.contains(&(rad, kol)) { procenttal(&data) } else { None }
            .unwrap_or_else(|| cell(&data));
        if text.is_empty() {
            continue;
        }
        if rad >= MAX_ROWS || kol >= MAX_COLUMNS {
            return Err(xlsxfel(&format_args!(
                "a cell lies outside the sheet (row {}, column {})",
                u64::from(rad) + 1,
                u64::from(kol) + 1
            )));
        }
        antal += 1;
        if antal > MAX_CELLER {
            return Err(xlsxfel(&format_args!("more than {MAX_CELLER} cells")));
        }
        rader.entry(rad).or_default().push((kol, text));
    }
    // Each row as wide as its last filled cell, columns in place (left of the first filled
    // column too) so headers and cells stay aligned. The blanks count against the limit.
    let bredd =
        |celler: &[(u32, String)]| celler.iter().map(|(k, _)| *k as usize + 1).max().unwrap_or(0);
    if rader.values().map(|c| bredd(c)).sum::<usize>() > MAX_CELLER {
        return Err(xlsxfel(&format_args!("more than {MAX_CELLER} cells")));
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
}

/// A number in a percent-formatted cell as the person sees it: 0.909 shown `90,9 %` is 90.9.
/// The product is rounded to nine decimals, so 0.909 × 100 is not 90.90000000000001.
fn procenttal(d: &Data) -> Option<String> {
    let v = match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        _ => return None,
    };
    let procent = (v * 100.0 * 1e9).round() / 1e9;
    procent.is_finite().then(|| tal(procent))
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

    proptest::proptest! {
        /// Windows-1252 and Mac Roman put å, ä, ö (and é, ü, æ, ø) on different bytes, and each
        /// reads the other's as symbols: a text with one Nordic letter is told apart every time.
        #[test]
        fn windows_1252_and_mac_roman_are_told_apart(
            text in "[a-zA-Z0-9 ;,.-]{0,20}[åäöÅÄÖéüæøÆØ][a-zA-ZåäöÅÄÖéü0-9 ;,.-]{0,40}",
        ) {
            for (kodning, namn) in [
                (encoding_rs::WINDOWS_1252, Kodning::Windows1252),
                (encoding_rs::MACINTOSH, Kodning::MacRoman),
            ] {
                let bytes = kodning.encode(&text).0;
                proptest::prop_assert_eq!(avkoda_med_kodning(&bytes), (text.clone(), namn));
            }
            let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
            utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            proptest::prop_assert_eq!(avkoda_med_kodning(&utf16), (text.clone(), Kodning::Utf16Le));
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
