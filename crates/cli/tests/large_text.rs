//! A 90 MB text file against the real server process. Parsing it in the
//! server once took 25 times its size in one allocation and killed the
//! process; now it is parsed in a child under the parse limits, and ends as a
//! success or as a failed task naming the limit it hit. Meanwhile `/livez`
//! answers within 100 ms and the server's own peak memory stays far from a
//! gigabyte.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fmt::Write;
use std::time::Duration;

use common::liveness::{Liveness, peak_memory};
use common::{Client, Server, create_app, finished_files, invoice_category, upload};

const LIMITS: [(&str, &str); 2] =
    [("DOCREVIEW_LIMITS__PARSE_MEMORY_BYTES", "268435456"), ("DOCREVIEW_LIMITS__PARSE_TIMEOUT_MS", "120000")];

const SIZE: usize = 90_000_000;

/// The slowest `/livez` answer allowed while the file is handled (DESIGN §7).
const LIVENESS: Duration = Duration::from_millis(100);

/// The server's peak resident memory allowed, for a 90 MB upload.
const SERVER_PEAK: u64 = 1 << 30;

/// `SIZE` bytes of invoice lines.
fn large_text() -> Vec<u8> {
    let mut text = String::with_capacity(SIZE + 100);
    let mut item = 0;
    while text.len() < SIZE {
        writeln!(
            text,
            "Item {item:07}  Widget type {:02}  qty {}  price {}.{:02} EUR",
            item % 97,
            item % 13 + 1,
            item % 1000,
            item % 100
        )
        .unwrap();
        item += 1;
    }
    text.truncate(SIZE);
    text.into_bytes()
}

#[test]
fn a_90_mb_text_ends_with_a_clear_outcome_while_the_server_stays_small_and_live() {
    let dir = tempfile::tempdir().unwrap();
    let client = Client::new(create_app(dir.path()));
    let mut server = Server::start_with(dir.path(), 2, &LIMITS);
    let ws = invoice_category(&client, &server, "large text");

    let liveness = Liveness::watch(&server.base);
    let batch = upload(&client, &server, &ws, vec![("large.txt", large_text())]);
    let files = finished_files(&client, &server, &ws, &batch, Duration::from_secs(600));
    let seen = liveness.stop();

    let file = &files[0];
    let cause = file["failure_causes"].as_str().unwrap_or_default();
    println!("large.txt: status {}, {cause:?}", file["recognition_status"]);
    match file["recognition_status"].as_i64() {
        Some(1) => {}
        Some(2) => assert!(cause.contains("limit `limits.parse_"), "the cause names no limit: {cause}"),
        other => panic!("status {other:?}: {file}"),
    }
    let peak = peak_memory(server.pid());
    println!(
        "/livez: {} probes, worst {:?}, {} failed; server peak memory {} MiB",
        seen.probes,
        seen.worst,
        seen.failures,
        peak >> 20
    );
    assert_eq!(seen.failures, 0, "/livez failed: {seen:?}");
    assert!(seen.worst < LIVENESS, "/livez took {:?}", seen.worst);
    assert!(peak < SERVER_PEAK, "the server peaked at {} MiB", peak >> 20);
    assert!(server.is_running(), "the server process exited");
}
