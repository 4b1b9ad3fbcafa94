//! Word, Excel and CSV uploads through the real server process: the example
//! invoice as XLSX (labels and values on one sheet, line items on another),
//! DOCX and CSV, uploaded with the example category, gives the invoice's
//! fields and line items back; a ZIP bomb fails its own task naming the cap.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

#[path = "../../extract/tests/fixtures/office.rs"]
mod office;

use std::time::Duration;

use common::{Client, Server, create_app, finished_files, invoice_category, upload};
use serde_json::Value;

fn named<'a>(files: &'a [Value], name: &str) -> &'a Value {
    files.iter().find(|f| f["name"] == name).unwrap_or_else(|| panic!("{name} not in {files:?}"))
}

fn field<'a>(file: &'a Value, key: &str) -> &'a str {
    let fields = file["data"]["fields"].as_array().unwrap_or_else(|| panic!("no fields in {file}"));
    fields.iter().find(|f| f["key"] == key).unwrap_or_else(|| panic!("{key} not in {file}"))["value"].as_str().unwrap()
}

#[test]
fn office_invoices_are_extracted_like_text_ones() {
    let dir = tempfile::tempdir().unwrap();
    let client = Client::new(create_app(dir.path()));
    let server = Server::start(dir.path(), 2);
    let ws = invoice_category(&client, &server, "office");
    let files = vec![
        ("invoice.xlsx", office::invoice_xlsx()),
        ("invoice.docx", office::invoice_docx()),
        ("invoice.csv", office::invoice_csv()),
        ("bomb.docx", office::docx_bomb(130 << 20)),
    ];
    let batch = upload(&client, &server, &ws, files);
    let files = finished_files(&client, &server, &ws, &batch, Duration::from_secs(120));
    for file in &files {
        println!("{}: status {}, {}", file["name"], file["recognition_status"], file["failure_causes"]);
    }

    for (name, format) in [("invoice.xlsx", "xlsx"), ("invoice.docx", "docx"), ("invoice.csv", "csv")] {
        let file = named(&files, name);
        assert_eq!(file["recognition_status"], 1, "{file}");
        assert_eq!(file["format"], format, "{file}");
        assert_eq!(field(file, "Invoice Number"), "INV-2024-0042", "{name}");
        assert_eq!(field(file, "Invoice Date"), "2024-03-05", "{name}");
        assert_eq!(field(file, "Seller"), "Northwind Traders GmbH", "{name}");
        assert_eq!(field(file, "Total"), "946.05", "{name}");
        let items = file["data"]["items"].as_array().unwrap();
        assert_eq!(items.len(), 3, "{name}: {items:?}");
        assert_eq!(items[1][0]["value"], "Standing desk", "{name}");
    }
    let xlsx = named(&files, "invoice.xlsx");
    assert_eq!(xlsx["pages"].as_array().map(Vec::len), Some(2), "{xlsx}");

    let bomb = named(&files, "bomb.docx");
    assert_eq!(bomb["recognition_status"], 2, "{bomb}");
    assert_eq!(
        bomb["failure_causes"],
        "the docx file has more than 134217728 inflated bytes; limit `MAX_INFLATED_BYTES`"
    );
}
