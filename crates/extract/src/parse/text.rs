//! Plain text and Markdown: one page on a fixed monospace grid.
//!
//! Text has no geometry, but evidence needs positions, so every character gets
//! a cell: [`CELL_WIDTH`] pixels wide (two cells for East Asian wide
//! characters, tabs up to the next multiple of [`TAB_CELLS`]) and
//! [`LINE_HEIGHT`] pixels high, inside a [`MARGIN`]. Blank lines keep their
//! rows, so the vertical gaps of the source survive (table detection reads them
//! as ends of tables). Markdown is kept as written: its markup is part of the
//! text a reviewer sees.

use docreview_wire::file::{Document, DocumentPage, PageInfo, TextLine};

use crate::ParseError;
use crate::geometry::Rect;

pub(crate) const CELL_WIDTH: i64 = 12;
pub(crate) const LINE_HEIGHT: i64 = 24;
pub(crate) const MARGIN: i64 = 48;
const TAB_CELLS: i64 = 4;

pub(crate) fn parse(bytes: &[u8]) -> Result<(Document, Vec<PageInfo>), ParseError> {
    let text = decode(bytes)?;
    let mut lines = Vec::new();
    let mut widest = 0;
    let mut rows = 0;
    for (row, raw) in text.split('\n').enumerate() {
        rows = row as i64 + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some((line, cells)) = layout_line(raw, row as i64) {
            widest = widest.max(cells);
            lines.push(line);
        }
    }
    if lines.is_empty() {
        return Err(ParseError::Empty);
    }
    let width = 2 * MARGIN + widest * CELL_WIDTH;
    let height = 2 * MARGIN + rows * LINE_HEIGHT;
    let page = DocumentPage { angle: 0, width, height, lines };
    let info = PageInfo { page: 0, angle: 0, width, height, dpi: 0 };
    Ok((Document { pages: vec![page] }, vec![info]))
}

/// UTF-8 with or without a BOM, or UTF-16 with one (what Windows editors write
/// as "Unicode").
fn decode(bytes: &[u8]) -> Result<String, ParseError> {
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| {
        let units = bytes.chunks_exact(2).map(|p| from([p[0], p[1]]));
        char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect::<String>()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(utf16(rest, u16::from_be_bytes));
    }
    // The offset we report counts the BOM, so it points into the file as uploaded.
    let (bom, text) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    match std::str::from_utf8(text) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => Err(ParseError::NotUtf8 { offset: bom + e.valid_up_to() }),
    }
}

/// Lays one source line on the grid: leading and trailing whitespace is not
/// part of the line, but leading whitespace still moves it to the right.
/// Returns the line and the cell count up to its end.
fn layout_line(raw: &str, row: i64) -> Option<(TextLine, i64)> {
    let mut col = 0;
    let mut placed = Vec::new();
    for c in raw.chars() {
        let cells = match c {
            '\t' => TAB_CELLS - col % TAB_CELLS,
            c if is_wide(c) => 2,
            _ => 1,
        };
        placed.push((c, col, cells));
        col += cells;
    }
    let first = placed.iter().position(|(c, ..)| !c.is_whitespace())?;
    let last = placed.iter().rposition(|(c, ..)| !c.is_whitespace())?;
    let placed = &placed[first..=last];
    let y0 = (MARGIN + row * LINE_HEIGHT) as f64;
    let y1 = y0 + LINE_HEIGHT as f64;
    let cell_rect = |col: i64, cells: i64| {
        let x0 = (MARGIN + col * CELL_WIDTH) as f64;
        Rect::new(x0, y0, x0 + (cells * CELL_WIDTH) as f64, y1)
    };
    let char_positions: Vec<Vec<i64>> = placed.iter().map(|&(_, col, cells)| cell_rect(col, cells).to_quad()).collect();
    let (_, start, _) = placed[0];
    let (_, end_col, end_cells) = placed[placed.len() - 1];
    let end = end_col + end_cells;
    let line = TextLine {
        text: placed.iter().map(|(c, ..)| c).collect(),
        position: cell_rect(start, end - start).to_quad(),
        char_positions,
    };
    Some((line, end))
}

/// East Asian wide and full-width characters, which take two cells in a
/// monospace font.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<TextLine> {
        let (doc, _) = parse(text.as_bytes()).unwrap();
        doc.pages.into_iter().next().unwrap().lines
    }

    #[test]
    fn each_non_empty_line_sits_on_its_own_row() {
        let l = lines("Invoice\r\n\r\n  Total: 5\n");
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].text, "Invoice");
        assert_eq!(l[0].position, vec![48, 48, 132, 48, 132, 72, 48, 72]);
        assert_eq!(l[1].text, "Total: 5");
        // Row 2, two cells in.
        assert_eq!(l[1].position, vec![72, 96, 168, 96, 168, 120, 72, 120]);
        assert_eq!(l[1].char_positions.len(), 8);
        assert_eq!(l[1].char_positions[0], vec![72, 96, 84, 96, 84, 120, 72, 120]);
    }

    #[test]
    fn the_page_is_the_grid_plus_margins() {
        let (doc, pages) = parse(b"abc\nabcdef").unwrap();
        assert_eq!((pages[0].width, pages[0].height, pages[0].dpi), (48 * 2 + 6 * 12, 48 * 2 + 2 * 24, 0));
        assert_eq!(doc.pages[0].width, pages[0].width);
    }

    #[test]
    fn wide_characters_take_two_cells_and_tabs_align() {
        let l = lines("日期\tX");
        assert_eq!(l[0].char_positions[1], vec![72, 48, 96, 48, 96, 72, 72, 72]);
        // The tab starts on a tab stop, so it runs to the next one: X sits in cell 8.
        assert_eq!(l[0].char_positions[3][0], 48 + 8 * 12);
    }

    #[test]
    fn a_bom_is_stripped_and_utf16_is_read() {
        assert_eq!(lines("\u{FEFF}Hello")[0].text, "Hello");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("Hi".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(parse(&utf16).unwrap().0.pages[0].lines[0].text, "Hi");
    }

    #[test]
    fn invalid_utf8_and_blank_files_are_errors() {
        assert_eq!(parse(b"ok\xFF").unwrap_err(), ParseError::NotUtf8 { offset: 2 });
        assert_eq!(parse(b" \n\t\n").unwrap_err(), ParseError::Empty);
    }
}
