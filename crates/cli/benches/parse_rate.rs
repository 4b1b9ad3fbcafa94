//! What parsing in a child process costs per file, against calling
//! `parse_file` in-process, for each example file: the median wall time of
//! many runs of both, and their difference and ratio. The child is
//! `docreview parse` of the release binary, run by the engine's sandbox as
//! the server runs it (spawn, write the file, read the framed answer, decode
//! it); an empty file measures the fixed cost of a child that parses nothing.
//!
//! `cargo bench -p docreview --bench parse_rate` (a release build).
//! `PARSE_RATE_RUNS` (200) runs per file and way.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use docreview_engine::{ParseLimits, ParserCommand, Sandbox};

const FILES: [(&str, &str); 4] =
    [("invoice.txt", "txt"), ("invoice.md", "md"), ("invoice.pdf", "pdf"), ("invoice-result.json", "json")];

fn runs() -> usize {
    std::env::var("PARSE_RATE_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let sandbox =
        Sandbox::new(ParserCommand::docreview(env!("CARGO_BIN_EXE_docreview").into()), ParseLimits::default());
    let runs = runs();
    println!(
        "docreview parse rate: median of {runs} runs per file, {} cores; child = `docreview parse` through the sandbox",
        std::thread::available_parallelism().map_or(0, usize::from)
    );
    println!(
        "{:<22} {:>8} {:>14} {:>12} {:>12} {:>8}",
        "file", "bytes", "in-process ms", "child ms", "overhead ms", "ratio"
    );
    let mut files: Vec<(String, &str, Vec<u8>)> =
        FILES.iter().map(|(name, format)| (name.to_string(), *format, common::example(name))).collect();
    files.push(("(empty: spawn only)".to_owned(), "txt", Vec::new()));
    for (name, format, bytes) in files {
        let in_process = median(
            (0..runs)
                .map(|_| {
                    let started = Instant::now();
                    let parsed = docreview_extract::parse_file(&name, &bytes);
                    std::hint::black_box(parsed).ok();
                    started.elapsed()
                })
                .collect(),
        );
        let in_child = median(
            (0..runs)
                .map(|_| {
                    let started = Instant::now();
                    let parsed = runtime.block_on(sandbox.parse(&name, format, bytes.clone())).unwrap();
                    std::hint::black_box(parsed).ok();
                    started.elapsed()
                })
                .collect(),
        );
        // A file that takes no time in-process has no meaningful ratio.
        let ratio = if in_process < Duration::from_micros(1) {
            "-".to_owned()
        } else {
            format!("{:.1}", in_child.as_secs_f64() / in_process.as_secs_f64())
        };
        println!(
            "{name:<22} {:>8} {:>14.3} {:>12.3} {:>12.3} {ratio:>8}",
            bytes.len(),
            millis(in_process),
            millis(in_child),
            millis(in_child.saturating_sub(in_process)),
        );
    }
}
