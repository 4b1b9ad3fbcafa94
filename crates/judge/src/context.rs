//! What a rule is judged over: the extraction data of the documents whose
//! categories the rule names. The engine builds it from the store (the
//! referenced fields of every extraction task of the review whose category
//! the rule names, DESIGN §3); the judges only read it.

use docreview_text::DateOrder;
use docreview_wire::file::{Document, ExtractionData, KeyValue};

/// The documents a rule sees, in the order of the review's extraction tasks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleContext {
    pub documents: Vec<ContextDocument>,
    /// The workspace's `date_order`: how `date()` and `days_between()` read
    /// `03/05/2024`, the way extraction's `datetime` transform reads it.
    pub date_order: DateOrder,
}

/// One extraction task's result.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextDocument {
    pub extract_task_id: i64,
    pub file_id: i64,
    /// The category name, as rules and anchors spell it.
    pub category: String,
    pub data: ExtractionData,
    /// The text lines, when the engine loaded them (evidence in the running
    /// text is only found with them).
    pub document: Option<Document>,
}

impl ContextDocument {
    /// The field named `name`, by its key first, else by its export name
    /// (`identifier`); the first of several with one name.
    pub(crate) fn field(&self, name: &str) -> Option<(usize, &KeyValue)> {
        let fields = &self.data.fields;
        fields
            .iter()
            .position(|f| f.key == name)
            .or_else(|| fields.iter().position(|f| f.identifier.as_deref() == Some(name)))
            .map(|i| (i, &fields[i]))
    }
}

/// A table of a document: one of `data.tables`, or the legacy default table
/// `data.items`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum TableRef {
    Named(usize),
    Items,
}

impl TableRef {
    pub(crate) fn rows(self, data: &ExtractionData) -> &[Vec<KeyValue>] {
        match self {
            TableRef::Named(t) => data.tables.get(t).map_or(&[], |t| t.items.as_slice()),
            TableRef::Items => &data.items,
        }
    }

    /// The table's name as reasoning shows it.
    pub(crate) fn name(self, data: &ExtractionData) -> &str {
        match self {
            TableRef::Named(t) => data.tables.get(t).map_or("", |t| t.table_name.as_str()),
            TableRef::Items => "items",
        }
    }
}

/// A cell of a row by column key, else by export name.
pub(crate) fn cell<'a>(row: &'a [KeyValue], column: &str) -> Option<(usize, &'a KeyValue)> {
    row.iter()
        .position(|c| c.key == column)
        .or_else(|| row.iter().position(|c| c.identifier.as_deref() == Some(column)))
        .map(|i| (i, &row[i]))
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Small documents for the unit tests of every module.

    use super::*;
    use docreview_wire::file::{ExtractedTable, Position};

    pub(crate) fn kv(key: &str, value: &str) -> KeyValue {
        KeyValue {
            key: key.to_owned(),
            value: value.to_owned(),
            position: vec![Position { page: 0, vertices: vec![10, 20, 110, 20, 110, 40, 10, 40] }],
            identifier: None,
            confidence: None,
            extract_model: None,
            config_model: None,
        }
    }

    /// A document of `category` with the given fields and no tables.
    pub(crate) fn document(category: &str, fields: &[(&str, &str)]) -> ContextDocument {
        ContextDocument {
            extract_task_id: 100,
            file_id: 200,
            category: category.to_owned(),
            data: ExtractionData { fields: fields.iter().map(|(k, v)| kv(k, v)).collect(), ..Default::default() },
            document: None,
        }
    }

    /// An invoice with a `Line Items` table of (description, amount) rows.
    pub(crate) fn invoice(fields: &[(&str, &str)], rows: &[(&str, &str)]) -> ContextDocument {
        let mut doc = document("Invoice", fields);
        let items: Vec<Vec<KeyValue>> = rows.iter().map(|(d, a)| vec![kv("Description", d), kv("Amount", a)]).collect();
        doc.data.tables = vec![ExtractedTable {
            table_name: "Line Items".to_owned(),
            table_type: "0".to_owned(),
            items: items.clone(),
        }];
        doc.data.items = items;
        doc
    }

    pub(crate) fn context(documents: Vec<ContextDocument>) -> RuleContext {
        RuleContext { documents, date_order: DateOrder::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;

    #[test]
    fn fields_are_found_by_key_then_by_export_name() {
        let mut doc = document("Invoice", &[("Total", "1"), ("Net Amount", "2")]);
        doc.data.fields[1].identifier = Some("net_amount".to_owned());
        assert_eq!(doc.field("Total").map(|(i, _)| i), Some(0));
        assert_eq!(doc.field("net_amount").map(|(i, f)| (i, f.value.as_str())), Some((1, "2")));
        assert!(doc.field("Seller").is_none());
    }

    #[test]
    fn tables_are_named_and_items_is_the_default_table() {
        let doc = invoice(&[], &[("Chair", "1.00")]);
        assert_eq!(TableRef::Named(0).name(&doc.data), "Line Items");
        assert_eq!(TableRef::Items.rows(&doc.data).len(), 1);
        assert_eq!(cell(&doc.data.items[0], "Amount").map(|(i, _)| i), Some(1));
    }
}
