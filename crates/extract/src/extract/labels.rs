//! Finding a field's label in a line: the name or an alias, compared without
//! case, whitespace or full-width differences, followed by what makes it a
//! label — a colon (`:` or `：`, optionally after a unit in brackets such as
//! `Total (EUR):`), or the end of its cell.

use docreview_core::category_spec::FieldSpec;
use docreview_text::fold::fold_char;

use super::cells::{Cell, strip_markup};
use crate::normalize::compact;

/// One way a field may be labelled.
#[derive(Debug, Clone)]
pub(crate) struct Label {
    /// As configured, to tell exact matches from folded ones.
    pub text: String,
    compact: Vec<char>,
}

/// The name and aliases of a field, longest first, so `Tax Amount` is tried
/// before `Tax`.
pub(crate) fn labels_of(field: &FieldSpec) -> Vec<Label> {
    let mut labels: Vec<Label> = std::iter::once(&field.name)
        .chain(&field.alias)
        .map(|text| Label { text: text.trim().to_owned(), compact: compact(text).chars().collect() })
        .filter(|l| !l.compact.is_empty())
        .collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.compact.len()));
    labels
}

/// What follows a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tail {
    /// A colon; the value (maybe empty) starts at this index.
    Colon(usize),
    /// Nothing more in the cell.
    End,
}

/// A label match: its chars, the cell it ends in and what follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LabelMatch {
    pub start: usize,
    pub end: usize,
    /// The index of the cell the label ends in; a label with inner spaces may
    /// run over a cell boundary ("Invoice  No.").
    pub cell: usize,
    pub tail: Tail,
    pub exact: bool,
}

/// Matches `label` at the start of cell `c` (after markup).
pub(crate) fn match_label(chars: &[char], cells: &[Cell], c: usize, label: &Label) -> Option<LabelMatch> {
    let start = strip_markup(chars, cells[c]).start;
    let mut i = start;
    for &wanted in &label.compact {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        if i >= chars.len() || fold_char(chars[i]) != wanted {
            return None;
        }
        i += 1;
    }
    let end = i;
    let cell = (c..cells.len()).find(|&k| cells[k].end >= end)?;
    let tail = tail(chars, end, cells[cell].end)?;
    let exact = chars[start..end].iter().collect::<String>() == label.text;
    Some(LabelMatch { start, end, cell, tail, exact })
}

/// Reads what follows a label up to `limit`; `None` when it is more text, so
/// the label was only the start of something longer ("Total amount due").
fn tail(chars: &[char], mut i: usize, limit: usize) -> Option<Tail> {
    let skip = |i: &mut usize, what: fn(char) -> bool| {
        while *i < limit && what(chars[*i]) {
            *i += 1;
        }
    };
    let filler = |c: char| c.is_whitespace() || matches!(c, '*' | '_');
    skip(&mut i, filler);
    if i < limit && matches!(chars[i], '(' | '（') {
        let close = (i..limit).find(|&j| matches!(chars[j], ')' | '）'))?;
        i = close + 1;
        skip(&mut i, filler);
    }
    if i >= limit {
        return Some(Tail::End);
    }
    if fold_char(chars[i]) == ':' {
        i += 1;
        skip(&mut i, filler);
        return Some(Tail::Colon(i));
    }
    None
}

/// Whether a cell reads as a label rather than a value: it ends with a colon,
/// or starts with a known label followed by one.
pub(crate) fn looks_like_label(chars: &[char], cell: Cell, all: &[Label]) -> bool {
    let content = strip_markup(chars, cell);
    if content.end > content.start && fold_char(chars[content.end - 1]) == ':' {
        return true;
    }
    let cells = [content];
    all.iter()
        .any(|label| matches!(match_label(chars, &cells, 0, label), Some(LabelMatch { tail: Tail::Colon(_), .. })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, alias: &[&str]) -> FieldSpec {
        FieldSpec {
            id: 1,
            name: name.into(),
            alias: alias.iter().map(|a| (*a).into()).collect(),
            identity: None,
            transform: None,
        }
    }

    fn first_match(line: &str, labels: &[Label]) -> Option<(String, Tail, bool)> {
        let chars: Vec<char> = line.chars().collect();
        let cells = [Cell { start: 0, end: chars.len() }];
        labels
            .iter()
            .find_map(|l| match_label(&chars, &cells, 0, l))
            .map(|m| (chars[m.start..m.end].iter().collect(), m.tail, m.exact))
    }

    #[test]
    fn labels_match_with_colons_of_both_widths() {
        let labels = labels_of(&field("Invoice Date", &[]));
        assert_eq!(first_match("Invoice Date: 5", &labels), Some(("Invoice Date".into(), Tail::Colon(14), true)));
        assert_eq!(first_match("invoice  DATE：5", &labels), Some(("invoice  DATE".into(), Tail::Colon(14), false)));
        assert_eq!(first_match("ＩＮＶＯＩＣＥ ＤＡＴＥ：", &labels).map(|m| m.1), Some(Tail::Colon(13)));
    }

    #[test]
    fn a_label_followed_by_more_words_is_no_label() {
        let labels = labels_of(&field("Total", &[]));
        assert_eq!(first_match("Total amount due: 5", &labels), None);
        assert_eq!(first_match("Subtotal: 5", &labels), None);
        assert_eq!(first_match("Total", &labels).map(|m| m.1), Some(Tail::End));
        assert_eq!(first_match("**Total (EUR):** 5", &labels).map(|m| m.1), Some(Tail::Colon(17)));
    }

    #[test]
    fn aliases_are_tried_longest_first() {
        let labels = labels_of(&field("Tax", &["Tax Amount", " "]));
        assert_eq!(labels.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), vec!["Tax Amount", "Tax"]);
    }

    #[test]
    fn cells_ending_in_a_colon_look_like_labels() {
        let chars: Vec<char> = "Buyer:".chars().collect();
        assert!(looks_like_label(&chars, Cell { start: 0, end: 6 }, &[]));
        let chars: Vec<char> = "Seller: ACME".chars().collect();
        let all = labels_of(&field("Seller", &[]));
        assert!(looks_like_label(&chars, Cell { start: 0, end: 12 }, &all));
        let chars: Vec<char> = "14:30".chars().collect();
        assert!(!looks_like_label(&chars, Cell { start: 0, end: 5 }, &all));
    }
}
