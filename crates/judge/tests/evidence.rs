//! Quotes a model might offer about the example invoice, anchored in a
//! reasoning: values by field, running text by line, inventions dropped.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use docreview_judge::{AnchorSource, anchor_quotes, locate};

#[test]
fn quotes_are_anchored_to_fields_and_lines_of_the_example() {
    let context = support::review();
    let reasoning = "The invoice total is EUR 946.05 for Contoso Retail Ltd.; \
                     the terms say payment by bank transfer within 30 days. It mentions a discount of 2%.";
    let quotes = ["Contoso Retail Ltd.", "EUR 946.05", "payment by bank transfer within 30 days", "discount of 2%"];
    let anchors = anchor_quotes(reasoning, &quotes.map(String::from), &context);
    let found: Vec<(&str, AnchorSource, &str)> =
        anchors.iter().map(|a| (a.text.as_str(), a.source, a.field_name.as_str())).collect();
    assert_eq!(
        found,
        [
            ("Contoso Retail Ltd.", AnchorSource::ExtractField, "Buyer"),
            ("EUR 946.05", AnchorSource::Ocr, ""),
            ("Payment by bank transfer within 30 days", AnchorSource::Ocr, ""),
        ]
    );
    for anchor in &anchors {
        let span: String = reasoning.chars().skip(anchor.start_pos).take(anchor.end_pos - anchor.start_pos).collect();
        assert_eq!(span.to_lowercase(), anchor.text.to_lowercase());
        assert_eq!(anchor.vertices.len(), 8);
    }
    // "Total: EUR 946.05" spans x 112..293 over 17 characters; "EUR 946.05" is characters 7..17
    assert_eq!(anchors[1].vertices, [187, 670, 293, 670, 293, 693, 187, 693]);
}

#[test]
fn a_whole_line_quote_keeps_the_line_quad() {
    let found = locate("Payment by bank transfer within 30 days.", &support::review()).unwrap();
    assert_eq!((found.source, found.exact), (AnchorSource::Ocr, true));
    assert_eq!(found.vertices, [112, 734, 515, 734, 515, 757, 112, 757]);
}
