//! The locator over a small invoice with text lines.

use docreview_wire::file::{Document, DocumentPage, TextLine};

use super::{anchor_quotes, locate};
use crate::context::RuleContext;
use crate::context::fixtures::*;
use crate::verdict::AnchorSource;

fn line(text: &str, y: i64) -> TextLine {
    let width = text.chars().count() as i64 * 10;
    TextLine {
        text: text.to_owned(),
        position: vec![100, y, 100 + width, y, 100 + width, y + 20, 100, y + 20],
        char_positions: vec![],
    }
}

fn sample() -> RuleContext {
    let mut doc = invoice(&[("Seller", "Northwind Traders GmbH"), ("Total", "1234.50")], &[("Office chair", "240.00")]);
    doc.document = Some(Document {
        pages: vec![DocumentPage {
            angle: 0,
            width: 1000,
            height: 1400,
            lines: vec![
                line("Seller: Northwind Traders GmbH", 100),
                line("Payment by bank transfer within 30 days.", 200),
            ],
        }],
    });
    context(vec![doc])
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn a_field_value_is_found_before_a_line() {
    let found = locate("Northwind Traders GmbH", &sample()).unwrap();
    assert_eq!((found.source, found.field_name.as_str(), found.exact), (AnchorSource::ExtractField, "Seller", true));
    assert_eq!(found.vertices.len(), 8);
}

#[test]
fn table_cells_are_values_too() {
    let found = locate("240.00", &sample()).unwrap();
    assert_eq!((found.field_name.as_str(), found.file_category.as_str()), ("Amount", "Invoice"));
}

#[test]
fn lenient_matches_return_the_source_text() {
    let found = locate("1,234.50", &sample()).unwrap();
    assert_eq!((found.text.as_str(), found.field_name.as_str(), found.exact), ("1234.50", "Total", false));
    let found = locate("  “northwind   traders”", &sample()).unwrap();
    assert_eq!((found.text.as_str(), found.field_name.as_str()), ("Northwind Traders", "Seller"));
}

#[test]
fn running_text_is_found_in_lines_with_a_partial_quad() {
    let found = locate("within 30 days", &sample()).unwrap();
    assert_eq!((found.source, found.page, found.text.as_str()), (AnchorSource::Ocr, 0, "within 30 days"));
    // characters 25..39 of a 40-character line drawn 10 px per character from x = 100
    assert_eq!(found.vertices, vec![350, 200, 490, 200, 490, 220, 350, 220]);
    assert_eq!(found.field_name, "");
}

#[test]
fn quotes_that_are_not_in_the_data_are_not_found() {
    for quote in ["Contoso", "", "  ", "20"] {
        assert_eq!(locate(quote, &sample()), None, "{quote}");
    }
}

#[test]
fn anchors_cover_each_quote_in_the_reasoning_in_code_points() {
    let reasoning = "卖方 Northwind Traders GmbH 要求 within 30 days 付款，总额 1,234.50。";
    let quotes = ["Northwind Traders GmbH", "within 30 days", "1234.50", "made up"].map(String::from);
    let anchors = anchor_quotes(reasoning, &quotes, &sample());
    assert_eq!(anchors.len(), 3, "{anchors:?}");
    let spans: Vec<String> = anchors.iter().map(|a| slice(reasoning, a.start_pos, a.end_pos)).collect();
    assert_eq!(spans, ["Northwind Traders GmbH", "within 30 days", "1,234.50"]);
    assert_eq!(anchors[2].text, "1234.50");
}

#[test]
fn a_quote_found_in_the_data_but_not_in_the_reasoning_is_dropped() {
    let anchors = anchor_quotes("The seller is named.", &["Northwind Traders GmbH".to_owned()], &sample());
    assert!(anchors.is_empty());
}

#[test]
fn repeated_quotes_anchor_successive_occurrences() {
    let reasoning = "240.00 for the chair, and 240.00 again";
    let anchors = anchor_quotes(reasoning, &["240.00".to_owned(), "240.00".to_owned(), "240.00".to_owned()], &sample());
    let starts: Vec<usize> = anchors.iter().map(|a| a.start_pos).collect();
    assert_eq!(starts, [0, 26]);
}
