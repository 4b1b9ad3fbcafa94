//! Word (DOCX), Excel (XLSX, XLS), OpenDocument spreadsheets (ODS) and CSV:
//! files whose text comes in paragraphs and cells rather than on pages.
//!
//! None of them has geometry that fits evidence, so all are laid out on the
//! monospace grid of plain text ([`text`](super::text)): [`CELL_WIDTH`] ×
//! [`LINE_HEIGHT`] pixels per character inside a [`MARGIN`], `dpi` 0. The
//! rule, the same for DOCX tables, sheets and CSV:
//! - a paragraph is one line on its own row, laid out as a text line;
//! - a table row is one line on its own row; its cells are placed on columns
//!   whose start is the sum of the widths of the columns before it, a
//!   column's width being its widest cell (in character cells) plus
//!   [`COLUMN_GAP`]. The line's text is the row as it would be typed in an
//!   aligned text table (cells padded with spaces to their columns), so each
//!   cell is one box, columns line up under their header, and cell splitting
//!   (at runs of two or more spaces) finds exactly the cells. Whitespace
//!   inside a cell (line breaks, tabs, runs of spaces) becomes one space;
//! - an empty row keeps its place, so a gap still ends a table.
//!
//! Limits, each named in the cause of the failure it makes: ZIP containers
//! may hold at most [`MAX_ZIP_ENTRIES`] entries inflating to at most
//! [`MAX_INFLATED_BYTES`] in all (checked by inflating every entry before any
//! is parsed, so a ZIP bomb fails early), and a document is laid out in at
//! most [`MAX_ROWS`] rows and [`MAX_CELLS`] non-empty cells.

pub(crate) mod csv;
pub(crate) mod docx;
pub(crate) mod sheet;

use std::io::{Cursor, Read};

use docreview_wire::file::{Document, DocumentPage, PageInfo, TextLine};
use zip::ZipArchive;

use super::sniff::Format;
use super::text::{CELL_WIDTH, LINE_HEIGHT, MARGIN, cells_of, layout_line};
use crate::ParseError;

/// Character cells between the widest cell of a column and the next column.
pub const COLUMN_GAP: i64 = 2;
/// The most bytes the entries of a ZIP container (DOCX, XLSX, ODS) may inflate to, together.
pub const MAX_INFLATED_BYTES: u64 = 128 << 20;
/// The most entries a ZIP container may hold.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// The most rows (paragraphs, table rows, sheet rows, CSV records) of a document, all pages together.
pub const MAX_ROWS: usize = 200_000;
/// The most non-empty cells of a document, all pages together.
pub const MAX_CELLS: usize = 1_000_000;

/// A ZIP container checked against the limits: every entry has been inflated
/// once, within [`MAX_INFLATED_BYTES`] in all.
pub(crate) fn open_zip<'a>(format: &str, bytes: &'a [u8]) -> Result<ZipArchive<Cursor<&'a [u8]>>, ParseError> {
    let corrupt = |cause: String| ParseError::CorruptOffice { format: format.to_owned(), cause };
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(format!("not a ZIP container: {e}")))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(over_limit(format, "ZIP entries", MAX_ZIP_ENTRIES as u64, "MAX_ZIP_ENTRIES"));
    }
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 << 10];
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| corrupt(format!("entry {i}: {e}")))?;
        loop {
            let n = entry.read(&mut buf).map_err(|e| corrupt(format!("entry {:?}: {e}", entry.name())))?;
            if n == 0 {
                break;
            }
            total += n as u64;
            if total > MAX_INFLATED_BYTES {
                return Err(over_limit(format, "inflated bytes", MAX_INFLATED_BYTES, "MAX_INFLATED_BYTES"));
            }
        }
    }
    Ok(archive)
}

/// Reads one entry of a checked archive as UTF-8; `None` when it is absent.
pub(crate) fn read_entry(
    format: &str,
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, ParseError> {
    let corrupt = |cause: String| ParseError::CorruptOffice { format: format.to_owned(), cause };
    let mut entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(corrupt(format!("{name}: {e}"))),
    };
    let mut text = String::new();
    entry.by_ref().take(MAX_INFLATED_BYTES).read_to_string(&mut text).map_err(|e| corrupt(format!("{name}: {e}")))?;
    Ok(Some(text))
}

/// What a ZIP container holds, by its content types (`[Content_Types].xml`
/// of Office Open XML, the `mimetype` entry of OpenDocument), or else by its
/// name. Only these two small entries are read.
pub(crate) fn zip_format(bytes: &[u8], ext: &str) -> Format {
    let by_content = ZipArchive::new(Cursor::new(bytes)).ok().and_then(|mut archive| {
        let mut small = |name: &str| {
            let entry = archive.by_name(name).ok()?;
            let mut text = String::new();
            entry.take(64 << 10).read_to_string(&mut text).ok()?;
            Some(text)
        };
        if let Some(mimetype) = small("mimetype") {
            return Some(match mimetype.trim() {
                "application/vnd.oasis.opendocument.spreadsheet" => "ods",
                "application/vnd.oasis.opendocument.text" => "odt",
                "application/vnd.oasis.opendocument.presentation" => "odp",
                _ => return None,
            });
        }
        let types = small("[Content_Types].xml")?;
        let has = |part: &str| types.contains(part);
        if has("wordprocessingml.document.main") || has("wordprocessingml.template.main") {
            Some("docx")
        } else if has("spreadsheetml.sheet.main")
            || has("spreadsheetml.template.main")
            || has("ms-excel.sheet.macroEnabled.main")
        {
            Some("xlsx")
        } else if has("ms-excel.sheet.binary") {
            Some("xlsb")
        } else if has("presentationml") {
            Some("pptx")
        } else {
            None
        }
    });
    match by_content.unwrap_or(ext) {
        "docx" | "docm" | "dotx" => Format::Docx,
        "xlsx" | "xlsm" | "xltx" => Format::Workbook("xlsx"),
        "ods" => Format::Workbook("ods"),
        "pptx" | "ofd" | "odt" | "odp" | "xlsb" => Format::Unsupported(by_content.unwrap_or(ext).to_owned()),
        _ => Format::Unsupported("zip".to_owned()),
    }
}

pub(crate) fn over_limit(format: &str, what: &str, limit: u64, name: &str) -> ParseError {
    ParseError::OverLimit { format: format.to_owned(), what: what.to_owned(), limit, name: name.to_owned() }
}

/// Counts rows and cells over a whole document against [`MAX_ROWS`] and [`MAX_CELLS`].
#[derive(Debug)]
pub(crate) struct Budget {
    format: &'static str,
    rows: usize,
    cells: usize,
}

impl Budget {
    pub fn new(format: &'static str) -> Self {
        Self { format, rows: 0, cells: 0 }
    }

    fn take(&mut self, cells: usize) -> Result<(), ParseError> {
        self.rows += 1;
        self.cells += cells;
        if self.rows > MAX_ROWS {
            return Err(over_limit(self.format, "rows", MAX_ROWS as u64, "MAX_ROWS"));
        }
        if self.cells > MAX_CELLS {
            return Err(over_limit(self.format, "cells", MAX_CELLS as u64, "MAX_CELLS"));
        }
        Ok(())
    }
}

/// One page being laid out, row by row.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    lines: Vec<TextLine>,
    rows: i64,
    widest: i64,
}

impl Grid {
    /// A paragraph on the next row, as plain text lays out a line.
    pub fn paragraph(&mut self, text: &str, budget: &mut Budget) -> Result<(), ParseError> {
        budget.take(usize::from(!text.trim().is_empty()))?;
        self.push(text);
        Ok(())
    }

    /// An empty row.
    pub fn blank(&mut self, budget: &mut Budget) -> Result<(), ParseError> {
        budget.take(0)?;
        self.rows += 1;
        Ok(())
    }

    /// The rows of a table, on columns as wide as their widest cells.
    pub fn table(&mut self, rows: &[Vec<String>], budget: &mut Budget) -> Result<(), ParseError> {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| row.iter().map(|cell| cell.split_whitespace().collect::<Vec<_>>().join(" ")).collect())
            .collect();
        let mut widths: Vec<i64> = Vec::new();
        for row in &rows {
            for (c, cell) in row.iter().enumerate() {
                if widths.len() <= c {
                    widths.resize(c + 1, 0);
                }
                widths[c] = widths[c].max(width(cell));
            }
        }
        for row in &rows {
            budget.take(row.iter().filter(|c| !c.is_empty()).count())?;
            let mut raw = String::new();
            let (mut col, mut at) = (0, 0);
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    raw.extend(std::iter::repeat_n(' ', (col - at).max(0) as usize));
                    raw.push_str(cell);
                    at = col + width(cell);
                }
                col += widths[c] + COLUMN_GAP;
            }
            self.push(&raw);
        }
        Ok(())
    }

    fn push(&mut self, raw: &str) {
        if let Some((line, cells)) = layout_line(raw, self.rows) {
            self.widest = self.widest.max(cells);
            self.lines.push(line);
        }
        self.rows += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The page; `number` counts from 0.
    pub fn finish(self, number: usize) -> (DocumentPage, PageInfo) {
        let width = 2 * MARGIN + self.widest * CELL_WIDTH;
        let height = 2 * MARGIN + self.rows * LINE_HEIGHT;
        let page = DocumentPage { angle: 0, width, height, lines: self.lines };
        (page, PageInfo { page: number as i64, angle: 0, width, height, dpi: 0 })
    }
}

/// Character cells a string takes on the grid (no tabs: cells are cleaned).
fn width(text: &str) -> i64 {
    text.chars().fold(0, |col, c| col + cells_of(c, col))
}

/// Pages into a document; an error when no page has a line.
pub(crate) fn document(grids: Vec<Grid>) -> Result<(Document, Vec<PageInfo>), ParseError> {
    if grids.iter().all(Grid::is_empty) {
        return Err(ParseError::Empty);
    }
    let (pages, infos) = grids.into_iter().enumerate().map(|(n, grid)| grid.finish(n)).unzip();
    Ok((Document { pages }, infos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_sit_on_columns_as_wide_as_their_widest_cell() {
        let mut grid = Grid::default();
        let mut budget = Budget::new("csv");
        let rows = vec![
            vec!["Item".to_owned(), "Qty".to_owned()],
            vec!["Office  chair".to_owned(), "2".to_owned()],
            vec![String::new(), "7".to_owned()],
        ];
        grid.table(&rows, &mut budget).unwrap();
        let (page, info) = grid.finish(0);
        let texts: Vec<&str> = page.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Item          Qty", "Office chair  2", "7"]);
        // Column 1 starts after 12 cells plus the gap: 48 + 14 × 12.
        assert_eq!(page.lines[2].position, vec![216, 96, 228, 96, 228, 120, 216, 120]);
        assert_eq!((info.width, info.height), (2 * 48 + 17 * 12, 2 * 48 + 3 * 24));
    }

    #[test]
    fn the_row_budget_names_its_limit() {
        let mut budget = Budget { format: "csv", rows: MAX_ROWS, cells: 0 };
        let err = Grid::default().blank(&mut budget).unwrap_err();
        assert!(err.to_string().contains("MAX_ROWS"), "{err}");
    }
}
