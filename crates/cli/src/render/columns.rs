//! A table of aligned columns under a header line. Every column is as wide as
//! its widest cell up to a limit (longer cells are cut); one column may wrap
//! instead, taking what is left of the line, so that long reasoning stays
//! readable without pushing the other columns off screen.

use super::text;

/// Space between columns.
const GAP: &str = "  ";
/// The wrapping column never gets narrower than this, even on a narrow line.
const MIN_WRAP_WIDTH: usize = 24;
/// A wrapped cell shows at most this many lines.
const MAX_WRAPPED_LINES: usize = 6;

/// One column: its header and how its cells fit.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub header: &'static str,
    /// The most characters a cell shows (on each line, if it wraps).
    pub max_width: usize,
    /// Wrap the cell onto further lines instead of cutting it.
    pub wraps: bool,
}

impl Column {
    pub const fn cut(header: &'static str, max_width: usize) -> Self {
        Self { header, max_width, wraps: false }
    }

    pub const fn wrapping(header: &'static str) -> Self {
        Self { header, max_width: usize::MAX, wraps: true }
    }
}

/// The header line and the rows, each line ended by a newline and without
/// trailing spaces. Missing cells are blank.
pub fn table(columns: &[Column], rows: &[Vec<String>], line_width: usize) -> String {
    let widths = widths(columns, rows, line_width);
    let mut out = String::new();
    push_line(&mut out, columns.iter().map(|column| column.header), &widths);
    for row in rows {
        let cells: Vec<Vec<String>> = columns
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (column, &width))| {
                let cell = row.get(i).map_or("", String::as_str);
                if column.wraps {
                    text::wrap(cell, width, MAX_WRAPPED_LINES)
                } else {
                    vec![text::truncate(cell, width)]
                }
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for line in 0..height {
            push_line(&mut out, cells.iter().map(|cell| cell.get(line).map_or("", String::as_str)), &widths);
        }
    }
    out
}

fn widths(columns: &[Column], rows: &[Vec<String>], line_width: usize) -> Vec<usize> {
    let mut widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let widest = rows.iter().filter_map(|row| row.get(i)).map(|cell| text::width(&text::clean(cell))).max();
            widest.unwrap_or(0).max(text::width(column.header)).min(column.max_width)
        })
        .collect();
    if let Some(flex) = columns.iter().position(|column| column.wraps) {
        let others: usize =
            widths.iter().enumerate().filter(|&(i, _)| i != flex).map(|(_, width)| width + GAP.len()).sum();
        widths[flex] = widths[flex].min(line_width.saturating_sub(others).max(MIN_WRAP_WIDTH));
    }
    widths
}

fn push_line<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>, widths: &[usize]) {
    let mut line = String::new();
    for (cell, &width) in cells.zip(widths) {
        line.push_str(cell);
        line.extend(std::iter::repeat_n(' ', width.saturating_sub(text::width(cell))));
        line.push_str(GAP);
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|cell| (*cell).to_owned()).collect()
    }

    #[test]
    fn columns_align_and_the_wrapping_one_fills_the_line() {
        let columns = [Column::cut("RULE", 12), Column::cut("RESULT", 12), Column::wrapping("REASONING")];
        let rows = [
            row(&["Tax amount", "passed", "Tax Amount = 151.05; Net Amount = 795.00"]),
            row(&["Total includes tax", "not passed", "short"]),
        ];
        let expected = "\
RULE          RESULT      REASONING
Tax amount    passed      Tax Amount = 151.05; Net
                          Amount = 795.00
Total inclu…  not passed  short
";
        assert_eq!(table(&columns, &rows, 50), expected);
    }

    #[test]
    fn missing_cells_are_blank() {
        let columns = [Column::cut("A", 5), Column::cut("B", 5)];
        assert_eq!(table(&columns, &[row(&["x"])], 80), "A  B\nx\n");
    }
}
