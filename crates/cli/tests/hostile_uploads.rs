//! Hostile files against the real server process: a PDF whose content stream
//! inflates to 300 MB, PDFs nested 100,000 arrays and 20,000 forms deep, and a
//! normal invoice, in one upload. Each hostile file fails its own task with a
//! cause naming what it hit; the invoice is extracted; the server keeps
//! answering `/livez` within 100 ms and never restarts.
//!
//! The parse limits are small (256 MiB of memory), so the bomb fails fast.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::Duration;

use common::hostile_pdf::{deflate_bomb, nested_arrays, nested_forms};
use common::liveness::Liveness;
use common::{Client, Server, create_app, example, finished_files, invoice_category, upload};
use serde_json::Value;

const LIMITS: [(&str, &str); 3] = [
    ("DOCREVIEW_LIMITS__PARSE_MEMORY_BYTES", "268435456"),
    ("DOCREVIEW_LIMITS__PARSE_CPU_SECONDS", "30"),
    ("DOCREVIEW_LIMITS__PARSE_TIMEOUT_MS", "60000"),
];

/// The slowest `/livez` answer allowed while files are parsed (DESIGN §7).
const LIVENESS: Duration = Duration::from_millis(100);

fn named<'a>(files: &'a [Value], name: &str) -> &'a Value {
    files.iter().find(|f| f["name"] == name).unwrap_or_else(|| panic!("{name} not in {files:?}"))
}

fn cause(file: &Value) -> &str {
    assert_eq!(file["recognition_status"], 2, "{file}");
    file["failure_causes"].as_str().unwrap()
}

#[test]
fn hostile_pdfs_fail_their_own_tasks_while_the_server_stays_live() {
    let dir = tempfile::tempdir().unwrap();
    let client = Client::new(create_app(dir.path()));
    let mut server = Server::start_with(dir.path(), 2, &LIMITS);
    let ws = invoice_category(&client, &server, "hostile");
    let bomb = deflate_bomb(300 << 20);
    assert!(bomb.len() < 1 << 20, "the bomb is {} bytes", bomb.len());
    let files = vec![
        ("bomb.pdf", bomb),
        ("nested-arrays.pdf", nested_arrays(100_000)),
        ("nested-forms.pdf", nested_forms(20_000)),
        ("invoice.txt", example("invoice.txt")),
    ];

    let liveness = Liveness::watch(&server.base);
    let batch = upload(&client, &server, &ws, files);
    let files = finished_files(&client, &server, &ws, &batch, Duration::from_secs(180));
    let seen = liveness.stop();
    for file in &files {
        println!("{}: status {}, {}", file["name"], file["recognition_status"], file["failure_causes"]);
    }

    assert_eq!(
        cause(named(&files, "bomb.pdf")),
        "the PDF needed more than 256 MiB of memory to parse; limit `limits.parse_memory_bytes`"
    );
    let arrays = cause(named(&files, "nested-arrays.pdf"));
    assert!(arrays.starts_with("the PDF is damaged and cannot be read"), "{arrays}");
    let forms = cause(named(&files, "nested-forms.pdf"));
    assert!(forms.starts_with("the PDF is nested too deeply to parse"), "{forms}");
    let invoice = named(&files, "invoice.txt");
    assert_eq!(invoice["recognition_status"], 1, "{invoice}");
    let number = invoice["data"]["fields"].as_array().unwrap().iter().find(|f| f["key"] == "Invoice Number").unwrap();
    assert_eq!(number["value"], "INV-2024-0042");

    println!("/livez while parsing: {} probes, worst {:?}, {} failed", seen.probes, seen.worst, seen.failures);
    assert!(seen.probes > 0);
    assert_eq!(seen.failures, 0, "/livez failed while parsing: {seen:?}");
    assert!(seen.worst < LIVENESS, "/livez took {:?} while parsing", seen.worst);
    assert!(server.is_running(), "the server process exited");
}
