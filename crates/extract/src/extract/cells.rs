//! Splitting a line into cells, the unit both label search and table reading
//! work on.
//!
//! A line with a `|` is a pipe row (Markdown tables, and text exported from
//! spreadsheets): it splits at every `|`, empty cells included, so columns
//! keep their places. Any other line splits at tabs and at runs of two or more
//! spaces, the way aligned columns are typed (PDF lines get such runs for
//! column gaps when they are built). Cells are trimmed of whitespace and of
//! Markdown markup that is not part of a value.

use docreview_wire::file::{Document, TextLine};

/// A range of chars of a line (`start..end`), possibly empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cell {
    pub start: usize,
    pub end: usize,
}

impl Cell {
    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }

    pub fn text(self, chars: &[char]) -> String {
        chars[self.start..self.end].iter().collect()
    }
}

/// A line split once for all lookups of an extraction.
#[derive(Debug, Clone)]
pub(crate) struct SplitLine {
    pub chars: Vec<char>,
    pub cells: Vec<Cell>,
    pub piped: bool,
}

/// Every line of every page, split into cells.
pub(crate) fn split_document(document: &Document) -> Vec<Vec<SplitLine>> {
    let split_line = |line: &TextLine| {
        let chars: Vec<char> = line.text.chars().collect();
        SplitLine { cells: split(&chars), piped: is_piped(&chars), chars }
    };
    document.pages.iter().map(|page| page.lines.iter().map(split_line).collect()).collect()
}

/// Whether the line is a pipe row.
fn is_piped(chars: &[char]) -> bool {
    chars.contains(&'|')
}

/// The cells of a line, trimmed. Pipe rows keep empty cells between pipes
/// (but not before the first or after the last); other lines have none.
pub(crate) fn split(chars: &[char]) -> Vec<Cell> {
    if is_piped(chars) {
        let mut bounds: Vec<usize> = chars.iter().enumerate().filter(|(_, c)| **c == '|').map(|(i, _)| i).collect();
        let mut cells = Vec::new();
        let mut start = 0;
        bounds.push(chars.len());
        for (n, &end) in bounds.iter().enumerate() {
            let cell = trim(chars, Cell { start, end });
            let outer = n == 0 || n == bounds.len() - 1;
            if !(outer && cell.is_empty()) {
                cells.push(cell);
            }
            start = end + 1;
        }
        return cells;
    }
    let mut cells = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let gap = chars[i] == '\t' || (chars[i].is_whitespace() && chars.get(i + 1).is_some_and(|c| c.is_whitespace()));
        if !gap {
            i += 1;
            continue;
        }
        let end = i;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        cells.push(trim(chars, Cell { start, end }));
        start = i;
    }
    cells.push(trim(chars, Cell { start, end: chars.len() }));
    cells.retain(|c| !c.is_empty());
    cells
}

/// Trims whitespace from both ends.
pub(crate) fn trim(chars: &[char], mut cell: Cell) -> Cell {
    while cell.start < cell.end && chars[cell.start].is_whitespace() {
        cell.start += 1;
    }
    while cell.end > cell.start && chars[cell.end - 1].is_whitespace() {
        cell.end -= 1;
    }
    cell
}

/// Trims Markdown markup around a cell's content: a heading, quote or bullet
/// marker at the start, and emphasis or code marks at both ends.
pub(crate) fn strip_markup(chars: &[char], cell: Cell) -> Cell {
    let mut cell = trim(chars, cell);
    let at = |i: usize| chars.get(i).copied().filter(|_| i < cell.end);
    // `# `, `> `, `- `, `* `, `+ ` (repeated markers like `##` included).
    let marker = |c: char| matches!(c, '#' | '>' | '-' | '*' | '+');
    let mut i = cell.start;
    while at(i).is_some_and(marker) {
        i += 1;
    }
    if i > cell.start && at(i).is_some_and(char::is_whitespace) {
        cell = trim(chars, Cell { start: i, end: cell.end });
    }
    let emphasis = |c: char| matches!(c, '*' | '_' | '`');
    while cell.start < cell.end && emphasis(chars[cell.start]) {
        cell.start += 1;
    }
    while cell.end > cell.start && emphasis(chars[cell.end - 1]) {
        cell.end -= 1;
    }
    trim(chars, cell)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str) -> Vec<String> {
        let chars: Vec<char> = line.chars().collect();
        split(&chars).into_iter().map(|c| c.text(&chars)).collect()
    }

    #[test]
    fn aligned_columns_split_at_tabs_and_double_spaces() {
        assert_eq!(texts("Office chair   2\t120.00 EUR"), vec!["Office chair", "2", "120.00 EUR"]);
        assert_eq!(texts("  one cell "), vec!["one cell"]);
    }

    #[test]
    fn pipe_rows_keep_inner_empty_cells() {
        assert_eq!(texts("| a |  | c |"), vec!["a", "", "c"]);
        assert_eq!(texts("a | b"), vec!["a", "b"]);
    }

    #[test]
    fn markup_is_not_content() {
        let line: Vec<char> = "## **Invoice No.:** INV-1".chars().collect();
        let cell = strip_markup(&line, Cell { start: 0, end: line.len() });
        assert_eq!(cell.text(&line), "Invoice No.:** INV-1");
        let line: Vec<char> = "-42".chars().collect();
        assert_eq!(strip_markup(&line, Cell { start: 0, end: 3 }).text(&line), "-42");
    }
}
