//! Writing a verdict's reasoning: the values the expression read, each
//! labelled with its field and document, and an anchor over every value.
//! Offsets are counted in code points while the text is written, so they
//! are right by construction rather than found by searching afterwards.

use docreview_wire::file::KeyValue;

use super::recorder::Read;
use crate::context::{ContextDocument, RuleContext, TableRef};
use crate::verdict::{Anchor, AnchorSource};

/// At most this many values are listed; a rule over a long table would
/// otherwise write a novel.
const MAX_LISTED: usize = 40;

/// Reasoning text and its anchors.
#[derive(Debug, Default)]
pub(crate) struct Reasoning {
    text: String,
    chars: usize,
    anchors: Vec<Anchor>,
}

impl Reasoning {
    pub(crate) fn push(&mut self, text: &str) {
        self.text.push_str(text);
        self.chars += text.chars().count();
    }

    /// Appends `value` and anchors it to `anchor`'s source, when that source
    /// has a place on its page (an anchor without one is not emitted; the
    /// reasoning still names the value).
    fn push_anchored(&mut self, value: &str, mut anchor: Anchor) {
        anchor.start_pos = self.chars;
        self.push(value);
        anchor.end_pos = self.chars;
        if anchor.is_placed() {
            self.anchors.push(anchor);
        }
    }

    pub(crate) fn finish(self) -> (String, Vec<Anchor>) {
        (self.text, self.anchors)
    }

    /// `Tax Amount (Invoice) = 151.05; Net Amount (Invoice) = 795.00`
    pub(crate) fn list_reads(&mut self, context: &RuleContext, reads: &[Read]) {
        for (i, read) in reads.iter().take(MAX_LISTED).enumerate() {
            if i > 0 {
                self.push("; ");
            }
            let Some((doc, kv)) = self.push_label(context, *read) else { continue };
            self.push(" = ");
            if kv.value.is_empty() {
                self.push("(empty)");
            } else {
                self.push_anchored(&kv.value, field_anchor(doc, kv));
            }
        }
        if reads.len() > MAX_LISTED {
            self.push(&format!("; and {} more values", reads.len() - MAX_LISTED));
        }
    }

    /// Writes the label of a value, `Tax Amount (Invoice)` or for a table
    /// cell `Amount (Invoice, Line Items row 2)`, and returns the value.
    fn push_label<'c>(&mut self, context: &'c RuleContext, read: Read) -> Option<(&'c ContextDocument, &'c KeyValue)> {
        let (doc, kv, cell) = match read {
            Read::Field { doc, field } => {
                let document = context.documents.get(doc)?;
                (doc, document.data.fields.get(field)?, None)
            }
            Read::Cell { doc, table, row, column } => {
                let document = context.documents.get(doc)?;
                (doc, table.rows(&document.data).get(row)?.get(column)?, Some((table, row)))
            }
        };
        let document = &context.documents[doc];
        self.push(&kv.key);
        self.push(" (");
        self.push_document_name(context, doc);
        if let Some((table, row)) = cell {
            self.push(", ");
            self.push(table_label(document, table));
            self.push(&format!(" row {}", row + 1));
        }
        self.push(")");
        Some((document, kv))
    }

    fn push_document_name(&mut self, context: &RuleContext, doc: usize) {
        match ordinal(context, doc) {
            None => self.push(&context.documents[doc].category),
            Some(_) => self.push(&document_name(context, doc)),
        }
    }
}

fn table_label(document: &ContextDocument, table: TableRef) -> &str {
    table.name(&document.data)
}

/// The category, numbered when the context holds several documents of it:
/// `Invoice`, `Invoice #2`.
pub(crate) fn document_name(context: &RuleContext, doc: usize) -> String {
    let Some(document) = context.documents.get(doc) else { return String::new() };
    match ordinal(context, doc) {
        Some(ordinal) => format!("{} #{ordinal}", document.category),
        None => document.category.clone(),
    }
}

/// The 1-based place of a document among those of its category, when there
/// are several.
fn ordinal(context: &RuleContext, doc: usize) -> Option<usize> {
    let category = &context.documents.get(doc)?.category;
    let same = |d: &&ContextDocument| &d.category == category;
    // a second document of the category, else no number is needed
    context.documents.iter().filter(same).nth(1)?;
    Some(context.documents[..doc].iter().filter(same).count() + 1)
}

/// An anchor on an extracted value (offsets are set when it is written).
fn field_anchor(doc: &ContextDocument, kv: &KeyValue) -> Anchor {
    let position = kv.position.first();
    Anchor {
        start_pos: 0,
        end_pos: 0,
        text: kv.value.clone(),
        vertices: position.map(|p| p.vertices.clone()).unwrap_or_default(),
        page: position.map_or(0, |p| p.page),
        file_id: doc.file_id,
        extract_task_id: doc.extract_task_id,
        source: AnchorSource::ExtractField,
        file_category: doc.category.clone(),
        field_name: kv.key.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::fixtures::*;

    fn slice(text: &str, start: usize, end: usize) -> String {
        text.chars().skip(start).take(end - start).collect()
    }

    #[test]
    fn values_are_listed_with_labels_and_anchored_in_code_points() {
        let context = context(vec![invoice(&[("卖方", "北京某某公司"), ("Total", "€946.05")], &[("Chair", "1.00")])]);
        let mut reasoning = Reasoning::default();
        reasoning.push("Prüfung: ");
        let reads = [
            Read::Field { doc: 0, field: 0 },
            Read::Field { doc: 0, field: 1 },
            Read::Cell { doc: 0, table: TableRef::Named(0), row: 0, column: 1 },
        ];
        reasoning.list_reads(&context, &reads);
        let (text, anchors) = reasoning.finish();
        assert_eq!(
            text,
            "Prüfung: 卖方 (Invoice) = 北京某某公司; Total (Invoice) = €946.05; Amount (Invoice, Line Items row 1) = 1.00"
        );
        assert_eq!(anchors.len(), 3);
        for anchor in &anchors {
            assert_eq!(slice(&text, anchor.start_pos, anchor.end_pos), anchor.text);
            assert_eq!(anchor.source, AnchorSource::ExtractField);
            assert_eq!(anchor.vertices.len(), 8);
        }
        assert_eq!(anchors[2].field_name, "Amount");
    }

    #[test]
    fn empty_values_are_shown_but_not_anchored() {
        let context = context(vec![document("Invoice", &[("Seller", "")])]);
        let mut reasoning = Reasoning::default();
        reasoning.list_reads(&context, &[Read::Field { doc: 0, field: 0 }]);
        let (text, anchors) = reasoning.finish();
        assert_eq!(text, "Seller (Invoice) = (empty)");
        assert!(anchors.is_empty());
    }

    #[test]
    fn documents_of_one_category_are_numbered() {
        let context = context(vec![document("Invoice", &[]), document("Contract", &[]), document("Invoice", &[])]);
        assert_eq!(document_name(&context, 0), "Invoice #1");
        assert_eq!(document_name(&context, 1), "Contract");
        assert_eq!(document_name(&context, 2), "Invoice #2");
    }
}
