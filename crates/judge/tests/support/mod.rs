//! The review context of the integration test and the bench: the example
//! invoice (`examples/invoice-result.json`, a DocFlow file result), with two
//! fields a category could configure but the example's does not (`Due Date`
//! and `Currency`, taken from the document's lines), a synthetic contract
//! and a Chinese VAT invoice.

use docreview_judge::{ContextDocument, RuleContext};
use docreview_wire::file::{Document, ExtractionData, KeyValue, Position};

const EXAMPLE: &str = include_str!("../../../../examples/invoice-result.json");

pub fn field(key: &str, value: &str, page: i64, vertices: [i64; 8]) -> KeyValue {
    KeyValue {
        key: key.to_owned(),
        value: value.to_owned(),
        position: vec![Position { page, vertices: vertices.to_vec() }],
        identifier: None,
        confidence: Some(0.9),
        extract_model: None,
        config_model: None,
    }
}

/// The example invoice as the engine would load it.
pub fn example_invoice() -> ContextDocument {
    let result: serde_json::Value = serde_json::from_str(EXAMPLE).expect("the example is JSON");
    let id = |key: &str| result[key].as_str().and_then(|s| s.parse().ok()).expect("a string id");
    let mut data: ExtractionData = serde_json::from_value(result["data"].clone()).expect("extraction data");
    let document: Document = serde_json::from_value(result["document"].clone()).expect("document lines");
    // "Due Date: 4 April 2024" and "Total: EUR 946.05" in the example's lines
    data.fields.push(field("Due Date", "4 April 2024", 0, [212, 254, 335, 254, 335, 277, 212, 277]));
    data.fields.push(field("Currency", "EUR", 0, [173, 670, 212, 670, 212, 693, 173, 693]));
    ContextDocument {
        extract_task_id: id("task_id"),
        file_id: id("id"),
        category: result["category"].as_str().expect("a category").to_owned(),
        data,
        document: Some(document),
    }
}

/// A supply contract with the parties, a signing date and the governing law.
pub fn contract() -> ContextDocument {
    let fields = vec![
        field("Supplier", "Northwind Traders GmbH", 0, [150, 300, 420, 300, 420, 322, 150, 322]),
        field("Customer", "Contoso Retail Ltd.", 0, [150, 330, 360, 330, 360, 352, 150, 352]),
        field("Signing Date", "15.01.2024", 0, [150, 360, 260, 360, 260, 382, 150, 382]),
        field(
            "Governing Law",
            "This agreement is governed by the laws of the Federal Republic of Germany.",
            2,
            [100, 800, 1080, 800, 1080, 860, 100, 860],
        ),
    ];
    ContextDocument {
        extract_task_id: 1_981_692_246_135_111_681,
        file_id: 1_955_840_505_753_140_509,
        category: "Contract".to_owned(),
        data: ExtractionData { fields, ..Default::default() },
        document: None,
    }
}

/// A Chinese VAT invoice: the date and the total in words and in figures.
pub fn chinese_invoice() -> ContextDocument {
    let fields = vec![
        field("开票日期", "2024年3月5日", 0, [900, 80, 1080, 80, 1080, 104, 900, 104]),
        field("价税合计（大写）", "人民币壹仟贰佰叁拾肆元伍角整", 0, [300, 620, 640, 620, 640, 648, 300, 648]),
        field("价税合计（小写）", "¥1,234.50", 0, [820, 620, 940, 620, 940, 648, 820, 648]),
    ];
    ContextDocument {
        extract_task_id: 1_981_692_246_135_111_682,
        file_id: 1_955_840_505_753_140_510,
        category: "增值税发票".to_owned(),
        data: ExtractionData { fields, ..Default::default() },
        document: None,
    }
}

pub fn review() -> RuleContext {
    RuleContext { documents: vec![example_invoice(), contract(), chinese_invoice()], ..Default::default() }
}
