//! `docreview parse` as the server runs it, through `docreview_engine`'s
//! sandbox: what comes back equals what `parse_file` gives in-process, and a
//! parse that runs out of CPU time is stopped and named.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fmt::Write;

use docreview_engine::sandbox::ParseFailure;
use docreview_engine::{ParseLimits, ParserCommand, Sandbox};

fn sandbox(limits: ParseLimits) -> Sandbox {
    Sandbox::new(ParserCommand::docreview(env!("CARGO_BIN_EXE_docreview").into()), limits)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

#[test]
fn every_example_parses_in_the_child_as_it_does_in_process() {
    let sandbox = sandbox(ParseLimits::default());
    for (name, format) in
        [("invoice.txt", "txt"), ("invoice.md", "md"), ("invoice.pdf", "pdf"), ("invoice-result.json", "json")]
    {
        let bytes = common::example(name);
        let in_process = docreview_extract::parse_file(name, &bytes);
        let in_child = runtime().block_on(sandbox.parse(name, format, bytes)).unwrap();
        assert_eq!(in_child, in_process.map_err(ParseFailure::Rejected), "{name}");
    }
}

#[test]
fn a_file_the_parser_rejects_comes_back_with_the_parser_s_reason() {
    let parsed =
        runtime().block_on(sandbox(ParseLimits::default()).parse("scan.png", "png", b"\x89PNG\r\n\x1a\n".to_vec()));
    let Err(ParseFailure::Rejected(reason)) = parsed.unwrap() else { panic!("not rejected") };
    assert!(reason.to_string().starts_with("unsupported file format: png"), "{reason}");
}

#[test]
fn a_parse_over_its_cpu_time_is_stopped_and_named() {
    let mut text = String::new();
    for item in 0..1_500_000 {
        writeln!(text, "Item {item:07}  Widget  qty {}  price {}.00 EUR", item % 13, item % 1000).unwrap();
    }
    let limits = ParseLimits { cpu_seconds: 1, memory_bytes: 4 << 30, ..ParseLimits::default() };
    let parsed = runtime().block_on(sandbox(limits).parse("large.txt", "txt", text.into_bytes())).unwrap();
    let Err(ParseFailure::Child(failure)) = parsed else { panic!("the parse finished within a second of CPU") };
    assert_eq!(failure.to_string(), "parsing used more than 1 s of CPU; limit `limits.parse_cpu_seconds`");
}
