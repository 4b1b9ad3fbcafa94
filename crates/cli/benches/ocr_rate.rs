//! DESIGN's OCR target: pages per second of OCR through the API against the
//! Tesseract command line on the same pages, both using the machine's cores.
//! The pages are `examples/invoice.png`, N copies. Bare: `tesseract` with
//! `-l eng --dpi 300`, TSV out, as many processes at once as there are cores,
//! each with `OMP_THREAD_LIMIT=1`. Through the API: the real
//! `docreview serve` with as many workers as cores; the N pages go up in one
//! `file/upload` (category Invoice, `parser_ocr_languages=eng`), timed until
//! `file/fetch` lists every one finished, each extracted with its invoice
//! number. Then the server's peak resident memory (VmHWM) and the largest
//! VmHWM seen of its parsing children, polled every 20 ms in the first round.
//!
//! `cargo bench -p docreview --bench ocr_rate` (a release build).
//! `OCR_RATE_PAGES` (8) pages per round, `OCR_RATE_ROUNDS` (3) rounds each way.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use common::{API, Client, Server, create_app, example, invoice_category, wait_for};
use reqwest::blocking::multipart::{Form, Part};
use serde_json::Value;

const INVOICE_NUMBER: &str = "INV-2024-0042";

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).filter(|&v| v > 0).unwrap_or(default)
}

fn main() {
    let (pages, rounds) = (setting("OCR_RATE_PAGES", 8), setting("OCR_RATE_ROUNDS", 3));
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let image = example("invoice.png");
    let dir = tempfile::tempdir().unwrap();

    let bare: Vec<f64> = (0..rounds).map(|_| bare_rate(dir.path(), &image, pages, cores)).collect();

    let client = Client::new(create_app(dir.path()));
    let server = Server::start(dir.path(), cores);
    let ws = invoice_category(&client, &server, "OCR bench");
    let children_peak = AtomicU64::new(0);
    let mut served = Vec::new();
    for round in 0..rounds {
        let batch = format!("ocr-{round}");
        let rate = if round == 0 {
            let stop = AtomicBool::new(false);
            std::thread::scope(|scope| {
                scope.spawn(|| watch_children(server.pid(), &stop, &children_peak));
                let rate = served_rate(&client, &server, &ws, &batch, &image, pages);
                stop.store(true, Ordering::Relaxed);
                rate
            })
        } else {
            served_rate(&client, &server, &ws, &batch, &image, pages)
        };
        served.push(rate);
    }
    let server_peak = status_kib(server.pid(), "VmHWM:").unwrap();

    let (bare_median, served_median) = (median(&bare), median(&served));
    println!("docreview OCR rate: examples/invoice.png x {pages} pages, {rounds} rounds, {cores} cores, languages eng");
    let bare_label = format!("bare `tesseract -l eng --dpi 300 tsv`, {cores} at once:");
    println!("{bare_label:<52} {bare_median:>7.3} pages/s  (rounds: {})", list(&bare));
    let served_label = "through the API, upload to last finished:";
    println!("{served_label:<52} {served_median:>7.3} pages/s  (rounds: {})", list(&served));
    println!("{:<52} {:>7.3}", "end-to-end / bare:", served_median / bare_median);
    println!("peak memory: server {:.1} MiB (VmHWM of `docreview serve` after the run);", mib(server_peak));
    println!(
        "             parsing children {:.1} MiB (the largest VmHWM seen polling /proc/{{server}}/task/*/children every 20 ms in round 1)",
        mib(children_peak.load(Ordering::Relaxed))
    );
    println!(
        "(the server's OCR also detects orientation (page segmentation 1, with OSD) and reads hOCR; the bare run uses the default segmentation 3)"
    );
}

/// Pages per second of the `tesseract` command line over `pages` copies of
/// `image`, `cores` processes at a time.
fn bare_rate(dir: &std::path::Path, image: &[u8], pages: usize, cores: usize) -> f64 {
    let work = tempfile::tempdir_in(dir).unwrap();
    let inputs: Vec<_> = (0..pages)
        .map(|i| {
            let path = work.path().join(format!("invoice-{i}.png"));
            std::fs::write(&path, image).unwrap();
            path
        })
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..cores.min(pages) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    let output = Command::new("tesseract")
                        .arg(input)
                        .arg(work.path().join(format!("out-{i}")))
                        .args(["-l", "eng", "--dpi", "300", "tsv"])
                        .env("OMP_THREAD_LIMIT", "1")
                        .stdout(Stdio::null())
                        .output()
                        .expect("the tesseract command line (Debian's tesseract-ocr)");
                    assert!(output.status.success(), "tesseract: {}", String::from_utf8_lossy(&output.stderr));
                }
            });
        }
    });
    let elapsed = started.elapsed().as_secs_f64();
    for i in 0..pages {
        let tsv = std::fs::read_to_string(work.path().join(format!("out-{i}.tsv"))).unwrap();
        assert!(tsv.contains(INVOICE_NUMBER), "bare tesseract did not read {INVOICE_NUMBER} on page {i}");
    }
    pages as f64 / elapsed
}

/// Pages per second through the API: one upload of `pages` copies of
/// `image` in batch `batch`, until every file is finished; each must be
/// extracted with the invoice number, or the benchmark stops.
fn served_rate(client: &Client, server: &Server, ws: &str, batch: &str, image: &[u8], pages: usize) -> f64 {
    let mut form = Form::new();
    for i in 0..pages {
        form = form.part("file", Part::bytes(image.to_vec()).file_name(format!("invoice-{i}.png")));
    }
    let url = format!(
        "{}{API}/file/upload?workspace_id={ws}&category=Invoice&parser_ocr_languages=eng&batch_number={batch}",
        server.base
    );
    let started = Instant::now();
    client.send(client.http.post(url).multipart(form));
    let files = wait_for("every page finished", Duration::from_secs(60 + 30 * pages as u64), || {
        let files = client.get(server, &format!("/file/fetch?workspace_id={ws}&batch_number={batch}"));
        let files = files["files"].as_array().unwrap().clone();
        (files.len() == pages && files.iter().all(|f| f["recognition_status"] == 1 || f["recognition_status"] == 2))
            .then_some(files)
    });
    let elapsed = started.elapsed().as_secs_f64();
    for file in &files {
        let number = file["data"]["fields"]
            .as_array()
            .and_then(|fields| fields.iter().find(|f| f["key"] == "Invoice Number"))
            .map(|f| f["value"].clone());
        if file["recognition_status"] != 1 || number != Some(Value::from(INVOICE_NUMBER)) {
            panic!(
                "a wrong result through the API: {} has recognition_status {} and Invoice Number {number:?}, \
                 not 1 and {INVOICE_NUMBER}; fields: {}",
                file["name"], file["recognition_status"], file["data"]["fields"]
            );
        }
    }
    pages as f64 / elapsed
}

/// Until `stop`, every 20 ms: the largest VmHWM of any child of `server`
/// into `peak` (KiB). A child's last moments before it exits can be missed.
fn watch_children(server: u32, stop: &AtomicBool, peak: &AtomicU64) {
    while !stop.load(Ordering::Relaxed) {
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{server}/task")) else { return };
        for task in tasks.flatten() {
            let children = std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
            for child in children.split_whitespace().filter_map(|c| c.parse::<u32>().ok()) {
                if let Some(kib) = status_kib(child, "VmHWM:") {
                    peak.fetch_max(kib, Ordering::Relaxed);
                }
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A `/proc/<pid>/status` figure in KiB, if the process is still there.
fn status_kib(pid: u32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find(|l| l.starts_with(key))?.split_whitespace().nth(1)?.parse().ok()
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

fn list(values: &[f64]) -> String {
    values.iter().map(|v| format!("{v:.3}")).collect::<Vec<_>>().join(" ")
}
