//! Reading a configured table: find a header row whose cells name the table's
//! columns, then read the rows below it.
//!
//! A header row is a line where at least two cells (one, for a one-column
//! table) equal a column's name or alias, up to case, whitespace and
//! full-width forms, and at least half of its cells do. Rows follow on the
//! same page until a blank line (a vertical gap), a line with fewer than two
//! cells, a line that reads as a label (`Net Amount: …`), or, under a pipe
//! header, a line without pipes. Markdown separator rows (`|---|:--:|`) are
//! skipped. Cells map to columns by index in pipe tables of the header's
//! width, and otherwise by horizontal overlap with the header cells, which
//! also places right-aligned numbers and empty cells of aligned text.

use docreview_core::category_spec::TableSpec;
use docreview_wire::file::{DocumentPage, TextLine};

use super::cells::{Cell, SplitLine, strip_markup};
use super::fields::Search;
use super::labels::looks_like_label;
use crate::geometry::{Rect, span_rect};
use crate::normalize::compact;

/// A table as found: for each row, for each configured column (in the
/// table's order), the cell text and its box, if any. `lines` are the lines
/// the table took, header included.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FoundTable {
    pub page: usize,
    pub rows: Vec<Vec<Option<(String, Rect)>>>,
    pub lines: Vec<usize>,
}

/// A header cell that names a column.
#[derive(Debug, Clone, Copy)]
struct HeaderCell {
    column: usize,
    rect: Rect,
}

/// The first header of `table` in reading order that has at least one row.
pub(crate) fn find(search: &Search<'_>, table: &TableSpec) -> Option<FoundTable> {
    let names: Vec<Vec<String>> = table
        .fields
        .iter()
        .map(|f| std::iter::once(&f.name).chain(&f.alias).map(|n| compact(n)).filter(|n| !n.is_empty()).collect())
        .collect();
    for (p, page) in search.document.pages.iter().enumerate() {
        for l in 0..page.lines.len() {
            if search.taken.contains(&(p, l)) {
                continue;
            }
            let Some(header) = header(&page.lines[l], &search.split[p][l], &names) else { continue };
            let found = rows(search, p, page, l, &header, table.fields.len());
            if !found.rows.is_empty() {
                return Some(found);
            }
        }
    }
    None
}

/// The header cells of a line that name columns, by cell index, when the
/// line is a header of the table.
fn header(line: &TextLine, split: &SplitLine, names: &[Vec<String>]) -> Option<Vec<Option<HeaderCell>>> {
    let (chars, cells) = (&split.chars[..], &split.cells[..]);
    let mut used = vec![false; names.len()];
    let header: Vec<Option<HeaderCell>> = cells
        .iter()
        .map(|&cell| {
            let text = compact(&strip_markup(chars, cell).text(chars));
            let column = names.iter().enumerate().position(|(i, n)| !used[i] && n.contains(&text))?;
            used[column] = true;
            Some(HeaderCell { column, rect: span_rect(line, cell.start, cell.end)? })
        })
        .collect();
    let matched = header.iter().flatten().count();
    (matched >= names.len().min(2) && matched > 0 && matched * 2 >= cells.len()).then_some(header)
}

/// The rows under a header at line `l`.
fn rows(
    search: &Search<'_>,
    p: usize,
    page: &DocumentPage,
    l: usize,
    header: &[Option<HeaderCell>],
    width: usize,
) -> FoundTable {
    let piped = search.split[p][l].piped;
    let mut found = FoundTable { page: p, rows: Vec::new(), lines: vec![l] };
    let mut previous = &page.lines[l];
    for (r, line) in page.lines.iter().enumerate().skip(l + 1) {
        let SplitLine { chars, cells, piped: row_piped } = &search.split[p][r];
        if piped && is_separator(chars, cells) {
            found.lines.push(r);
            previous = line;
            continue;
        }
        let ends = search.taken.contains(&(p, r))
            || blank_between(previous, line)
            || (piped && !row_piped)
            || cells.iter().filter(|c| !c.is_empty()).count() < 2
            || cells.first().is_some_and(|&c| looks_like_label(chars, c, search.all));
        if ends {
            break;
        }
        let row = place(line, chars, cells, header, piped, width);
        if row.iter().any(Option::is_some) {
            found.rows.push(row);
        }
        found.lines.push(r);
        previous = line;
    }
    found
}

/// Assigns a row's cells to columns.
fn place(
    line: &TextLine,
    chars: &[char],
    cells: &[Cell],
    header: &[Option<HeaderCell>],
    piped: bool,
    width: usize,
) -> Vec<Option<(String, Rect)>> {
    let mut row: Vec<Option<(String, Rect)>> = vec![None; width];
    for (i, &cell) in cells.iter().enumerate() {
        let cell = strip_markup(chars, cell);
        let Some(rect) = span_rect(line, cell.start, cell.end) else { continue };
        let column =
            if piped && cells.len() == header.len() { header[i].map(|h| h.column) } else { nearest(header, rect) };
        let Some(column) = column else { continue };
        let text = cell.text(chars);
        row[column] = Some(match row[column].take() {
            Some((before, r)) => (format!("{before} {text}"), r.union(rect)),
            None => (text, rect),
        });
    }
    row
}

/// The column whose header overlaps the cell most, or else is closest to it.
fn nearest(header: &[Option<HeaderCell>], rect: Rect) -> Option<usize> {
    let center = |r: Rect| (r.x0 + r.x1) / 2.0;
    let score = |h: &HeaderCell| {
        let overlap = h.rect.x_overlap(rect);
        if overlap > 0.0 { overlap } else { -(center(h.rect) - center(rect)).abs() - 1.0 }
    };
    header
        .iter()
        .flatten()
        .fold(None::<(f64, usize)>, |best, h| match best {
            Some((top, _)) if top >= score(h) => best,
            _ => Some((score(h), h.column)),
        })
        .map(|(_, column)| column)
}

/// `|---|:---:|`: every cell dashes with optional alignment colons.
fn is_separator(chars: &[char], cells: &[Cell]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| {
            let text = c.text(chars);
            let dashes = text.trim_matches(':');
            !dashes.is_empty() && dashes.chars().all(|ch| ch == '-')
        })
}

/// Whether an empty line (a vertical gap) separates two lines.
fn blank_between(above: &TextLine, below: &TextLine) -> bool {
    match (Rect::from_quad(&above.position), Rect::from_quad(&below.position)) {
        (Some(a), Some(b)) => b.y0 - a.y1 > 0.8 * a.height(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use docreview_core::category_spec::{CategorySpec, FieldSpec, TableSpec};
    use docreview_text::DateOrder;
    use docreview_wire::file::{Document, ExtractionData};

    use crate::{Parsed, extract, parse_file};

    fn doc(text: &str) -> Document {
        match parse_file("t.md", text.as_bytes()) {
            Ok(Parsed::Document { document, .. }) => document,
            other => panic!("{other:?}"),
        }
    }

    fn column(name: &str, alias: &[&str]) -> FieldSpec {
        let alias = alias.iter().map(|a| (*a).to_owned()).collect();
        FieldSpec { id: 1, name: name.into(), alias, identity: None, transform: None }
    }

    fn items_spec() -> CategorySpec {
        let table = TableSpec {
            id: 1,
            name: "Line Items".into(),
            fields: vec![column("Description", &["Item"]), column("Quantity", &["Qty"]), column("Amount", &[])],
        };
        let fields = vec![column("Total", &[])];
        CategorySpec { id: 1, name: "c".into(), fields, tables: vec![table], keyword_rules: Default::default() }
    }

    fn rows(data: &ExtractionData) -> Vec<Vec<String>> {
        data.tables[0].items.iter().map(|r| r.iter().map(|kv| kv.value.clone()).collect()).collect()
    }

    #[test]
    fn aligned_text_tables_end_at_a_blank_line() {
        let text = "Item            Qty    Amount\nOffice chair      2    240.00\nMonitor arm       3    105.00\n\nTotal: 345.00";
        let data = extract(&doc(text), &items_spec(), DateOrder::default());
        assert_eq!(rows(&data), vec![vec!["Office chair", "2", "240.00"], vec!["Monitor arm", "3", "105.00"]]);
        assert_eq!(data.tables[0].table_name, "Line Items");
        assert_eq!(data.tables[0].table_type, "0");
        assert_eq!(data.items, data.tables[0].items);
        assert_eq!(data.fields[0].value, "345.00");
        let cell = &data.tables[0].items[0][1];
        assert_eq!((cell.key.as_str(), cell.position.len()), ("Quantity", 1));
    }

    #[test]
    fn pipe_tables_skip_the_separator_and_keep_empty_cells() {
        let text = "| Item | Unit | Qty | Amount |\n|:-----|------|----:|-------:|\n| Chair | pc | 2 | 240.00 |\n| Fee | | | 5.00 |\nTotal: 245.00";
        let data = extract(&doc(text), &items_spec(), DateOrder::default());
        assert_eq!(rows(&data), vec![vec!["Chair", "2", "240.00"], vec!["Fee", "", "5.00"]]);
        assert!(data.tables[0].items[1][1].position.is_empty());
        assert_eq!(data.fields[0].value, "245.00");
    }

    #[test]
    fn right_aligned_numbers_and_gaps_map_by_position() {
        let text = "Description           Quantity      Amount\nChair                        2      240.00\nDelivery                            15.00\nNet Amount:    255.00";
        let data = extract(&doc(text), &items_spec(), DateOrder::default());
        assert_eq!(rows(&data), vec![vec!["Chair", "2", "240.00"], vec!["Delivery", "", "15.00"]]);
    }

    #[test]
    fn a_header_must_name_enough_columns() {
        let data = extract(&doc("Item   Colour   Size\nChair  red  L"), &items_spec(), DateOrder::default());
        assert!(data.tables[0].items.is_empty());
        assert!(data.items.is_empty());
    }
}
