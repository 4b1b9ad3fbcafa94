//! Finding a field's value next to its label.
//!
//! Accepted layouts, tried at every cell of every line in reading order (the
//! first that yields a value wins):
//! - `Label: value` and `Label：value` in one cell;
//! - `Label:` or `Label` followed by the value in the next cell of the line
//!   (cells split at tabs, 2+ spaces or `|`), as in aligned forms and
//!   two-column Markdown tables;
//! - `Label:` ending its line, or `Label` alone on its line, with the value in
//!   the next line, in the cell under the label.
//!
//! A candidate value that itself reads as a label (`Buyer:`) is no value.

use std::collections::HashSet;

use docreview_wire::file::{Document, DocumentPage};

use super::cells::{Cell, SplitLine, strip_markup};
use super::labels::{Label, LabelMatch, Tail, looks_like_label, match_label};
use crate::geometry::{Rect, span_rect};

/// Where a value was found: its line and char range, and how sure we are.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub page: usize,
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub exact: bool,
}

/// Lines (page, line) that belong to tables and are not searched for labels.
pub(crate) type Taken = HashSet<(usize, usize)>;

/// What every lookup needs: the document, every label of the category (to
/// tell labels from values) and the lines tables have taken.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Search<'a> {
    pub document: &'a Document,
    /// The document's lines split into cells, page by page.
    pub split: &'a [Vec<SplitLine>],
    pub all: &'a [Label],
    pub taken: &'a Taken,
}

/// One line being searched.
struct Line<'a> {
    page: &'a DocumentPage,
    p: usize,
    l: usize,
    chars: &'a [char],
    cells: &'a [Cell],
    piped: bool,
}

impl Search<'_> {
    /// The first value labelled by one of `labels`, in reading order.
    pub fn find(&self, labels: &[Label]) -> Option<Found> {
        for (p, (page, split)) in self.document.pages.iter().zip(self.split).enumerate() {
            for (l, s) in split.iter().enumerate() {
                if self.taken.contains(&(p, l)) {
                    continue;
                }
                let line = Line { page, p, l, chars: &s.chars, cells: &s.cells, piped: s.piped };
                for c in 0..line.cells.len() {
                    for label in labels {
                        let Some(m) = match_label(line.chars, line.cells, c, label) else { continue };
                        if let Some(found) = self.value_for(&line, m) {
                            return Some(found);
                        }
                    }
                }
            }
        }
        None
    }

    /// The value belonging to a label match, if there is one.
    fn value_for(&self, line: &Line<'_>, m: LabelMatch) -> Option<Found> {
        let (chars, cells, c) = (line.chars, line.cells, m.cell);
        let first = m.start == strip_markup(chars, cells[0]).start;
        let at =
            |l: usize, cell: Cell| Found { page: line.p, line: l, start: cell.start, end: cell.end, exact: m.exact };
        if let Tail::Colon(start) = m.tail {
            let rest = strip_markup(chars, Cell { start, end: cells[c].end });
            if !rest.is_empty() {
                return Some(at(line.l, rest));
            }
        }
        let next =
            if line.piped { cells.get(c + 1).copied() } else { cells[c + 1..].iter().copied().find(|x| !x.is_empty()) };
        match next {
            // A label beside a label: both values are on the next line.
            Some(next) if looks_like_label(chars, next, self.all) => {}
            Some(next) => {
                let value = strip_markup(chars, next);
                return (!value.is_empty()).then(|| at(line.l, value));
            }
            // A bare label ending a row of several cells (a table header, say)
            // has no value below it; only a label alone on its line has.
            None if m.tail == Tail::End && !first => return None,
            None => {}
        }
        let label = span_rect(&line.page.lines[line.l], m.start, cells[c].end)?;
        let (below, cell) = self.value_below(line, label, first)?;
        Some(at(below, cell))
    }

    /// The cell of the next line under a label, when that line follows closely
    /// (no blank line between) and is not part of a table.
    fn value_below(&self, line: &Line<'_>, label: Rect, label_first: bool) -> Option<(usize, Cell)> {
        let below = line.l + 1;
        let next = line.page.lines.get(below)?;
        if self.taken.contains(&(line.p, below)) {
            return None;
        }
        let here = Rect::from_quad(&line.page.lines[line.l].position)?;
        let there = Rect::from_quad(&next.position)?;
        if there.y0 - here.y1 > 0.8 * here.height() || there.y1 <= here.y1 {
            return None;
        }
        let split = &self.split[line.p][below];
        let chars = &split.chars[..];
        let cells: Vec<Cell> = split.cells.iter().copied().filter(|c| !c.is_empty()).collect();
        let overlap = |cell: &Cell| span_rect(next, cell.start, cell.end).map_or(f64::MIN, |r| r.x_overlap(label));
        let best = cells.iter().copied().max_by(|a, b| overlap(a).total_cmp(&overlap(b)));
        let cell = match best {
            Some(cell) if overlap(&cell) > 0.0 => cell,
            _ if label_first => *cells.first()?,
            _ => return None,
        };
        let value = strip_markup(chars, cell);
        (!value.is_empty() && !looks_like_label(chars, cell, self.all)).then_some((below, value))
    }
}

#[cfg(test)]
mod tests {
    use docreview_core::category_spec::{CategorySpec, FieldSpec};
    use docreview_text::DateOrder;
    use docreview_wire::category::{DatetimeSettings, TransformSettings};
    use docreview_wire::file::{Document, KeyValue};

    use crate::{Parsed, extract, parse_file};

    fn doc(text: &str) -> Document {
        match parse_file("t.txt", text.as_bytes()) {
            Ok(Parsed::Document { document, .. }) => document,
            other => panic!("{other:?}"),
        }
    }

    fn field(name: &str, alias: &[&str]) -> FieldSpec {
        let alias = alias.iter().map(|a| (*a).to_owned()).collect();
        FieldSpec { id: 1, name: name.into(), alias, identity: None, transform: None }
    }

    fn spec(fields: Vec<FieldSpec>) -> CategorySpec {
        CategorySpec { id: 1, name: "c".into(), fields, tables: vec![], keyword_rules: Default::default() }
    }

    fn values(text: &str, fields: Vec<FieldSpec>) -> Vec<String> {
        extract(&doc(text), &spec(fields), DateOrder::default()).fields.into_iter().map(|f| f.value).collect()
    }

    fn one(text: &str, name: &str) -> KeyValue {
        extract(&doc(text), &spec(vec![field(name, &[])]), DateOrder::default()).fields.remove(0)
    }

    #[test]
    fn label_colon_value() {
        let f = one("Invoice No.: INV-2024-0042", "Invoice No.");
        assert_eq!(f.value, "INV-2024-0042");
        // Characters 13..26 of row 0 on the 12 px grid, 48 px margin.
        assert_eq!(f.position[0].page, 0);
        assert_eq!(f.position[0].vertices, vec![204, 48, 360, 48, 360, 72, 204, 72]);
        assert_eq!(f.confidence, Some(1.0));
    }

    #[test]
    fn full_width_colons_and_chinese_labels() {
        assert_eq!(one("发票号码：12345678", "发票号码").value, "12345678");
        assert_eq!(one("开票日期： 2024年3月5日", "开票日期").value, "2024年3月5日");
        assert_eq!(one("Ｔｏｔａｌ：９４６．０５", "Total").value, "９４６．０５");
    }

    #[test]
    fn labels_match_without_case_or_whitespace_and_score_lower() {
        let f = one("INVOICE  DATE:2024-03-05", "Invoice Date");
        assert_eq!(f.value, "2024-03-05");
        assert_eq!(f.confidence, Some(0.9));
    }

    #[test]
    fn aliases_find_the_value() {
        assert_eq!(values("Vendor: ACME GmbH", vec![field("Seller", &["Vendor", "Supplier"])]), vec!["ACME GmbH"]);
    }

    #[test]
    fn values_in_the_next_cell() {
        let text = "Invoice No.\tINV-1\nSeller    ACME GmbH\nTotal:      9.50\n| Buyer | Globex |";
        let fields = vec![field("Invoice No.", &[]), field("Seller", &[]), field("Total", &[]), field("Buyer", &[])];
        assert_eq!(values(text, fields), vec!["INV-1", "ACME GmbH", "9.50", "Globex"]);
    }

    #[test]
    fn several_labels_on_one_line() {
        let text = "Invoice No.: INV-1    Invoice Date: 2024-03-05";
        let fields = vec![field("Invoice Date", &[]), field("Invoice No.", &[])];
        assert_eq!(values(text, fields), vec!["2024-03-05", "INV-1"]);
    }

    #[test]
    fn values_on_the_next_line_under_their_label() {
        let text = "Seller:            Buyer:\nACME GmbH          Globex Corp\n\nPayment  Terms\nPay within 30 days";
        let fields = vec![field("Seller", &[]), field("Buyer", &[]), field("Payment Terms", &[])];
        assert_eq!(values(text, fields), vec!["ACME GmbH", "Globex Corp", "Pay within 30 days"]);
        let buyer = one("Seller:            Buyer:\nACME GmbH          Globex Corp", "Buyer");
        assert_eq!(buyer.position[0].vertices[1], 72, "on the second row");
    }

    #[test]
    fn no_value_after_a_blank_line_or_under_another_label() {
        let fields = vec![field("Seller", &[]), field("Buyer", &[])];
        assert_eq!(values("Seller:\n\nACME", fields.clone()), vec!["", ""]);
        assert_eq!(values("Seller:\nBuyer: Globex", fields), vec!["", "Globex"]);
    }

    #[test]
    fn longer_text_starting_with_the_label_is_not_a_label() {
        assert_eq!(one("Total amount due: 5\nTotal: 7", "Total").value, "7");
        assert_eq!(one("Subtotal: 5", "Total").value, "");
    }

    #[test]
    fn markdown_markup_around_labels_and_values() {
        assert_eq!(one("- **Invoice No.:** INV-7", "Invoice No.").value, "INV-7");
        assert_eq!(one("## Total (EUR): `946.05`", "Total").value, "946.05");
    }

    #[test]
    fn missing_fields_are_listed_empty_without_position() {
        let mut f = field("Due Date", &[]);
        f.identity = Some("due_date".into());
        let kv = extract(&doc("Invoice"), &spec(vec![f]), DateOrder::default()).fields.remove(0);
        assert_eq!((kv.key.as_str(), kv.value.as_str()), ("Due Date", ""));
        assert!(kv.position.is_empty());
        assert_eq!(kv.identifier.as_deref(), Some("due_date"));
        assert_eq!(kv.confidence, None);
    }

    #[test]
    fn transforms_apply_to_found_values() {
        let mut f = field("Date", &[]);
        let datetime = Some(DatetimeSettings { format: "yyyy-MM-dd".into() });
        f.transform = Some(TransformSettings {
            kind: "datetime".into(),
            datetime_settings: datetime,
            enumerate_settings: None,
            regex_settings: None,
            mismatch_action: None,
        });
        let data = extract(&doc("Date：2024年3月5日"), &spec(vec![f.clone()]), DateOrder::default());
        assert_eq!(data.fields[0].value, "2024-03-05");
        let outcome = crate::extract_with_warnings(&doc("Date: soon"), &spec(vec![f]), DateOrder::default());
        assert_eq!(outcome.data.fields[0].value, "soon");
        assert_eq!(outcome.warnings.len(), 1);
        assert_eq!(outcome.warnings[0].key, "Date");
    }
}
