//! The example invoice in three forms and its category, from the repository's
//! `examples/` folder, built into the binary so that the demo needs no files.

use anyhow::Context;
use docreview_client::{CategoryForm, Upload};
use docreview_wire::Id;
use serde_json::{Map, Value};

/// `examples/invoice-category.json`: the category's name, keyword rules,
/// fields and table in DocFlow's shapes.
const CATEGORY: &str = include_str!("../../../../../examples/invoice-category.json");

/// The invoice as plain text, Markdown and a PDF with a text layer.
const INVOICES: [(&str, &[u8]); 3] = [
    ("invoice.txt", include_bytes!("../../../../../examples/invoice.txt")),
    ("invoice.md", include_bytes!("../../../../../examples/invoice.md")),
    ("invoice.pdf", include_bytes!("../../../../../examples/invoice.pdf")),
];

/// The invoices to upload.
pub fn invoices() -> Vec<Upload> {
    INVOICES.iter().map(|(name, content)| Upload { file_name: (*name).to_owned(), content: content.to_vec() }).collect()
}

/// The category to create in `workspace_id`, with the text invoice as its sample.
pub fn category(workspace_id: Id) -> anyhow::Result<CategoryForm> {
    let mut definition: Map<String, Value> =
        serde_json::from_str(CATEGORY).context("reading examples/invoice-category.json")?;
    let mut part =
        |key: &str| definition.remove(key).with_context(|| format!("examples/invoice-category.json has no {key:?}"));
    let name = part("name")?.as_str().context("the category's name is not a string")?.to_owned();
    let [sample, ..] = INVOICES;
    Ok(CategoryForm {
        workspace_id,
        name,
        extract_model: "Acgpt".to_owned(),
        samples: vec![Upload { file_name: sample.0.to_owned(), content: sample.1.to_vec() }],
        fields: part("fields")?,
        tables: part("tables")?,
        keyword_rules: part("category_keyword_rules").ok(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_category_is_the_invoice_category_with_its_fields_and_table() {
        let category = category(Id(1)).unwrap();
        assert_eq!(category.name, "Invoice");
        assert!(category.fields.as_array().is_some_and(|fields| fields.len() == 8));
        assert!(category.tables.as_array().is_some_and(|tables| tables.len() == 1));
        assert!(category.keyword_rules.is_some());
    }
}
