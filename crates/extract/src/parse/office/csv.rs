//! CSV (and tab-separated) files: one page, each record a line and each
//! field one box, laid out as a sheet is (see [`super`]).
//!
//! UTF-8 with or without a BOM. The delimiter is the one of `,` `;` and tab
//! that splits the first records into the most fields, the same number in
//! each (semicolons are what spreadsheets write where the comma is the
//! decimal separator). Quoted fields may hold delimiters and line breaks.

use docreview_wire::file::{Document, PageInfo};

use super::{Budget, Grid, MAX_CELLS, document, over_limit};
use crate::ParseError;

const FORMAT: &str = "csv";
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];
/// Records read to choose the delimiter.
const SNIFF_RECORDS: usize = 20;

pub(crate) fn parse(bytes: &[u8]) -> Result<(Document, Vec<PageInfo>), ParseError> {
    let (bom, text) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    if let Err(e) = std::str::from_utf8(text) {
        return Err(ParseError::NotUtf8 { offset: bom + e.valid_up_to() });
    }
    let delimiter = sniff_delimiter(text);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cells = 0;
    for record in reader(text, delimiter).records() {
        let record =
            record.map_err(|e| ParseError::CorruptOffice { format: FORMAT.to_owned(), cause: e.to_string() })?;
        cells += record.iter().filter(|f| !f.trim().is_empty()).count();
        // Checked while reading, so a huge file stops before it is all held.
        if rows.len() >= super::MAX_ROWS {
            return Err(over_limit(FORMAT, "rows", super::MAX_ROWS as u64, "MAX_ROWS"));
        }
        if cells > MAX_CELLS {
            return Err(over_limit(FORMAT, "cells", MAX_CELLS as u64, "MAX_CELLS"));
        }
        rows.push(record.iter().map(str::to_owned).collect());
    }
    let mut grid = Grid::default();
    grid.table(&rows, &mut Budget::new(FORMAT))?;
    document(vec![grid])
}

fn reader(text: &[u8], delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text)
}

/// The delimiter whose first records have the most fields, the same number
/// in each; a comma when none splits them.
fn sniff_delimiter(text: &[u8]) -> u8 {
    let score = |delimiter: u8| {
        let counts: Vec<usize> =
            reader(text, delimiter).records().take(SNIFF_RECORDS).map_while(Result::ok).map(|r| r.len()).collect();
        let consistent = counts.windows(2).all(|w| w[0] == w[1]);
        (consistent, counts.iter().min().copied().unwrap_or(0))
    };
    DELIMITERS.into_iter().filter(|&d| score(d).1 > 1).max_by_key(|&d| score(d)).unwrap_or(b',')
}

/// Whether an unnamed text reads as CSV: at least two lines, each with the
/// same number (one or more) of one delimiter, and not JSON.
pub(crate) fn looks_like_csv(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) else { return false };
    if text.trim_start().starts_with(['{', '[']) {
        return false;
    }
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(SNIFF_RECORDS).collect();
    lines.len() >= 2
        && DELIMITERS.iter().any(|&d| {
            let count = |l: &str| l.bytes().filter(|&b| b == d).count();
            let first = count(lines[0]);
            first > 0 && lines.iter().all(|l| count(l) == first)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(bytes: &[u8]) -> Vec<String> {
        let (doc, _) = parse(bytes).unwrap();
        doc.pages[0].lines.iter().map(|l| l.text.clone()).collect()
    }

    #[test]
    fn semicolons_are_sniffed_and_commas_stay_in_values() {
        let csv = "\u{FEFF}Item;Qty;Amount\nOffice chair;2;240,00\n\"Desk; oak\";1;99,50\n";
        assert_eq!(
            texts(csv.as_bytes()),
            ["Item          Qty  Amount", "Office chair  2    240,00", "Desk; oak     1    99,50"]
        );
    }

    #[test]
    fn commas_and_tabs_are_sniffed_too() {
        assert_eq!(texts(b"a,b\n\"1, 2\",3"), ["a     b", "1, 2  3"]);
        assert_eq!(texts(b"a\tb\n1\t2"), ["a  b", "1  2"]);
    }

    #[test]
    fn not_utf8_is_reported_with_its_offset() {
        assert_eq!(parse(b"a;b\n\xFF;c").unwrap_err(), ParseError::NotUtf8 { offset: 4 });
    }

    #[test]
    fn unnamed_text_is_csv_when_its_lines_split_alike() {
        assert!(looks_like_csv(b"a;b;c\n1;2;3\n"));
        assert!(!looks_like_csv(b"Invoice, draft\nTotal: 5"));
        assert!(!looks_like_csv(b"{\"a\": 1,\n\"b\": 2,\n}"));
    }
}
