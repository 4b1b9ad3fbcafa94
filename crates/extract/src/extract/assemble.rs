//! Putting an extraction together: tables first, then fields, each value
//! transformed and placed.

use docreview_core::category_spec::{CategorySpec, FieldSpec};
use docreview_text::DateOrder;
use docreview_wire::file::{Document, ExtractedTable, ExtractionData, KeyValue, Position};

use super::cells::split_document;
use super::fields::{Found, Search, Taken};
use super::labels::{Label, labels_of};
use super::tables;
use crate::geometry::{Rect, span_rect};
use crate::transform::transform;

/// Confidence of a value found under a label written exactly as configured …
const EXACT: f64 = 1.0;
/// … and under one that differs in case, whitespace or character width.
const FOLDED: f64 = 0.9;

/// An extraction with the values that did not fit their transform.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    pub data: ExtractionData,
    /// Values kept raw because they did not fit the transform and the
    /// mismatch mode is `warning` (or not set): they need a person's look.
    pub warnings: Vec<FieldWarning>,
}

/// A value that did not fit its field's transform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldWarning {
    /// The table, for a table cell.
    pub table: Option<String>,
    /// The row index in that table.
    pub row: Option<usize>,
    pub key: String,
    /// The value as found.
    pub value: String,
}

/// The category's fields and tables as found in the document; `date_order`
/// (the workspace's) is how `datetime` transforms read `03/05/2024`.
pub fn extract(document: &Document, spec: &CategorySpec, date_order: DateOrder) -> ExtractionData {
    extract_with_warnings(document, spec, date_order).data
}

/// Like [`extract`], also reporting values that did not fit their transform.
pub fn extract_with_warnings(document: &Document, spec: &CategorySpec, date_order: DateOrder) -> Extraction {
    let all: Vec<Label> = spec.fields.iter().flat_map(labels_of).collect();
    let split = split_document(document);
    let mut taken = Taken::new();
    let mut warnings = Vec::new();
    let mut tables = Vec::with_capacity(spec.tables.len());
    for table in &spec.tables {
        let search = Search { document, split: &split, all: &all, taken: &taken };
        let found = tables::find(&search, table);
        let mut items = Vec::new();
        if let Some(found) = found {
            taken.extend(found.lines.iter().map(|&l| (found.page, l)));
            for (r, row) in found.rows.into_iter().enumerate() {
                let cells = table.fields.iter().zip(row).map(|(column, cell)| {
                    let position = cell.as_ref().map(|(_, rect)| (found.page, *rect));
                    let value = cell.map(|(text, _)| text).unwrap_or_default();
                    let (kv, warning) = key_value(column, value, position, EXACT, date_order);
                    if let Some(value) = warning {
                        let key = column.name.clone();
                        warnings.push(FieldWarning { table: Some(table.name.clone()), row: Some(r), key, value });
                    }
                    kv
                });
                items.push(cells.collect());
            }
        }
        tables.push(ExtractedTable { table_name: table.name.clone(), table_type: "0".to_owned(), items });
    }
    let search = Search { document, split: &split, all: &all, taken: &taken };
    let fields = spec
        .fields
        .iter()
        .map(|field| {
            let found = search.find(&labels_of(field));
            let (value, position, confidence) = match found.as_ref().and_then(|f| located(document, f)) {
                Some((value, page, rect, exact)) => (value, Some((page, rect)), if exact { EXACT } else { FOLDED }),
                None => (String::new(), None, EXACT),
            };
            let (kv, warning) = key_value(field, value, position, confidence, date_order);
            if let Some(value) = warning {
                warnings.push(FieldWarning { table: None, row: None, key: field.name.clone(), value });
            }
            kv
        })
        .collect();
    let items = tables.first().map(|t| t.items.clone()).unwrap_or_default();
    Extraction { data: ExtractionData { fields, items, tables, stamps: None, handwritings: None }, warnings }
}

/// The text and box of a found value.
fn located(document: &Document, found: &Found) -> Option<(String, usize, Rect, bool)> {
    let line = document.pages.get(found.page)?.lines.get(found.line)?;
    let text: String = line.text.chars().skip(found.start).take(found.end - found.start).collect();
    let rect = span_rect(line, found.start, found.end)?;
    Some((text, found.page, rect, found.exact))
}

/// A result entry for a field; also the raw value when it did not fit the
/// transform and was kept for a person to check. Values not found stay
/// empty, untransformed and without a position or confidence.
fn key_value(
    field: &FieldSpec,
    raw: String,
    position: Option<(usize, Rect)>,
    confidence: f64,
    date_order: DateOrder,
) -> (KeyValue, Option<String>) {
    let found = position.is_some();
    let (value, warning) = match &field.transform {
        Some(settings) if found => {
            let t = transform(&raw, settings, date_order);
            let replaced = settings.mismatch_action.as_ref().is_some_and(|a| a.mode == "default");
            (t.value, (!t.matched && !replaced).then_some(raw))
        }
        _ => (raw, None),
    };
    let kv = KeyValue {
        key: field.name.clone(),
        value,
        position: position
            .map(|(page, rect)| Position { page: page as i64, vertices: rect.to_quad() })
            .into_iter()
            .collect(),
        identifier: field.identity.clone().filter(|i| !i.is_empty()),
        confidence: found.then_some(confidence),
        extract_model: None,
        config_model: None,
    };
    (kv, warning)
}

#[cfg(test)]
mod tests {
    use docreview_core::category_spec::{CategorySpec, FieldSpec, TableSpec};
    use docreview_text::DateOrder;

    use crate::{Parsed, extract, parse_file};

    fn field(name: &str) -> FieldSpec {
        FieldSpec { id: 0, name: name.into(), alias: vec![format!("{name}：")], identity: None, transform: None }
    }

    fn spec() -> CategorySpec {
        let table = TableSpec { id: 0, name: "T".into(), fields: vec![field("Item"), field("Qty")] };
        let fields = vec![field("Total"), field("Date"), field("日期")];
        CategorySpec { id: 0, name: "c".into(), fields, tables: vec![table], keyword_rules: Default::default() }
    }

    #[test]
    fn every_configured_field_and_table_is_listed_in_order() {
        let Ok(Parsed::Document { document, .. }) = parse_file("a.txt", b"nothing here") else { panic!() };
        let data = extract(&document, &spec(), DateOrder::default());
        let keys: Vec<&str> = data.fields.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, vec!["Total", "Date", "日期"]);
        assert_eq!(data.tables.len(), 1);
        assert!(data.tables[0].items.is_empty() && data.items.is_empty());
    }

    #[test]
    fn hostile_text_never_panics() {
        // Labels, colons of both widths, pipes, brackets, markup and wide characters, shuffled.
        let pieces = [
            "Total", "Date", "日期", "Item", "Qty", ":", "：", "|", "  ", "\t", " ", "(", "）", "**", "-", "\n",
            "\n\n", "9", "x",
        ];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..40 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            if let Ok(Parsed::Document { document, .. }) = parse_file("a.md", text.as_bytes()) {
                let data = extract(&document, &spec(), DateOrder::default());
                assert_eq!(data.fields.len(), 3);
            }
        }
    }
}
