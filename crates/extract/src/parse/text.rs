//! Plain text and Markdown: one page on a fixed monospace grid.
//!
//! Text has no geometry, but evidence needs positions, so every character gets
//! a cell: [`CELL_WIDTH`] pixels wide (two cells for East Asian wide
//! characters, tabs up to the next multiple of [`TAB_CELLS`]) and
//! [`LINE_HEIGHT`] pixels high, inside a [`MARGIN`]. Blank lines keep their
//! rows, so the vertical gaps of the source survive (table detection reads them
//! as ends of tables). Markdown is kept as written: its markup is part of the
//! text a reviewer sees.
//!
//! A line whose characters all take one cell gets no per-character quads: an
//! even split of its quad, which the locators fall back to, gives exactly the
//! same boxes. Only lines with wide characters or tabs carry
//! `char_positions`, so a text's parsed form stays proportional to its size
//! (a quad per character costs more than 100 bytes; the character, one).

use std::borrow::Cow;

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

/// UTF-8 with or without a BOM, borrowed from the upload; or UTF-16 with a BOM
/// (what Windows editors write as "Unicode"), decoded into a new string.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ParseError> {
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| {
        let units = bytes.chunks_exact(2).map(|p| from([p[0], p[1]]));
        char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect::<String>()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(Cow::Owned(utf16(rest, u16::from_le_bytes)));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(Cow::Owned(utf16(rest, u16::from_be_bytes)));
    }
    // The offset we report counts the BOM, so it points into the file as uploaded.
    let (bom, text) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    std::str::from_utf8(text).map(Cow::Borrowed).map_err(|e| ParseError::NotUtf8 { offset: bom + e.valid_up_to() })
}

/// The cells a character takes when it starts in column `col`.
pub(crate) fn cells_of(c: char, col: i64) -> i64 {
    match c {
        '\t' => TAB_CELLS - col % TAB_CELLS,
        c if is_wide(c) => 2,
        _ => 1,
    }
}

/// Where the visible part of a source line sits: the byte range of its text,
/// its first column and the column after its end, and whether every character
/// in it takes one cell.
struct Extent {
    bytes: std::ops::Range<usize>,
    start_col: i64,
    end_col: i64,
    even: bool,
}

/// Measures a line without copying it; `None` when it is blank. Leading and
/// trailing whitespace is not part of the line, but leading whitespace still
/// moves it to the right.
fn measure(raw: &str) -> Option<Extent> {
    let mut col = 0;
    let mut extent: Option<Extent> = None;
    // A tab or wide space since the last visible character: inside the line
    // if another visible character follows.
    let mut uneven_gap = false;
    for (at, c) in raw.char_indices() {
        let cells = cells_of(c, col);
        if c.is_whitespace() {
            uneven_gap |= cells != 1;
        } else {
            let end = at + c.len_utf8();
            match &mut extent {
                None => {
                    extent = Some(Extent { bytes: at..end, start_col: col, end_col: col + cells, even: cells == 1 });
                }
                Some(extent) => {
                    extent.bytes.end = end;
                    extent.end_col = col + cells;
                    extent.even &= !uneven_gap && cells == 1;
                }
            }
            uneven_gap = false;
        }
        col += cells;
    }
    extent
}

/// Lays one source line on the grid; the line and the cell count up to its end.
pub(crate) fn layout_line(raw: &str, row: i64) -> Option<(TextLine, i64)> {
    let extent = measure(raw)?;
    let text = &raw[extent.bytes.clone()];
    let y0 = (MARGIN + row * LINE_HEIGHT) as f64;
    let cell_rect = |col: i64, cells: i64| {
        let x0 = (MARGIN + col * CELL_WIDTH) as f64;
        Rect::new(x0, y0, x0 + (cells * CELL_WIDTH) as f64, y0 + LINE_HEIGHT as f64)
    };
    let char_positions = if extent.even { Vec::new() } else { char_quads(text, extent.start_col, cell_rect) };
    let line = TextLine {
        text: text.to_owned(),
        position: cell_rect(extent.start_col, extent.end_col - extent.start_col).to_quad(),
        char_positions,
    };
    Some((line, extent.end_col))
}

/// One quad per character of `text`, which starts in column `col`.
fn char_quads(text: &str, mut col: i64, cell_rect: impl Fn(i64, i64) -> Rect) -> Vec<Vec<i64>> {
    text.chars()
        .map(|c| {
            let cells = cells_of(c, col);
            let quad = cell_rect(col, cells).to_quad();
            col += cells;
            quad
        })
        .collect()
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
    use crate::geometry::span_rect;

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
    }

    #[test]
    fn only_lines_with_wide_characters_or_inner_tabs_carry_character_quads() {
        let l = lines("\tplain ASCII, indented by a tab\t\nwith\ta tab\n日期: 2024\nend  \u{3000}");
        let counts: Vec<usize> = l.iter().map(|line| line.char_positions.len()).collect();
        assert_eq!(counts, [0, 10, 8, 0]);
        assert_eq!(l[3].text, "end");
    }

    /// The quads a line's characters had when every line carried them.
    fn quads_per_character(line: &TextLine, row: i64) -> Vec<Vec<i64>> {
        let start_col = (line.position[0] - MARGIN) / CELL_WIDTH;
        let y0 = (MARGIN + row * LINE_HEIGHT) as f64;
        char_quads(&line.text, start_col, |col, cells| {
            let x0 = (MARGIN + col * CELL_WIDTH) as f64;
            Rect::new(x0, y0, x0 + (cells * CELL_WIDTH) as f64, y0 + LINE_HEIGHT as f64)
        })
    }

    #[test]
    fn an_even_split_of_an_ascii_line_gives_the_character_quads_exactly() {
        let text = "Invoice No.: INV-2024-0042\n    Total: EUR 1,234.50  (incl. 19% VAT)\n\nx\n  a b  c";
        for (row, line) in [0, 1, 3, 4].into_iter().zip(lines(text)) {
            assert!(line.char_positions.is_empty(), "{:?}", line.text);
            let with_quads = TextLine { char_positions: quads_per_character(&line, row), ..line.clone() };
            let count = line.text.chars().count();
            for start in 0..count {
                for end in start + 1..=count {
                    let split = span_rect(&line, start, end).map(Rect::to_quad);
                    assert_eq!(split, span_rect(&with_quads, start, end).map(Rect::to_quad), "{start}..{end}");
                }
            }
        }
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
