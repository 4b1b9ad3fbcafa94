//! Review throughput on the embedded default (DESIGN §7), in one run on a
//! fresh SQLite file: the bare in-memory judge rate, and expression rule
//! evaluations per second end to end through the store and the worker pool
//! (`[engine]` defaults: two workers), one review at a time and several at
//! once; then the wall time of reviews judged by a fake model of fixed
//! latency L at concurrency C against N·L/C. Each section measures one judge
//! and prints one line per figure.
//!
//! `cargo bench -p docreview-engine --bench review_rate` (a release build).
//! `REVIEW_RATE_RULES` and `REVIEW_RATE_RUNS` change the review size (2000)
//! and the number of runs (5), `REVIEW_RATE_AT_ONCE` the reviews submitted
//! together in the concurrent runs (4); `REVIEW_RATE_MODEL_RULES` (N, 200),
//! `REVIEW_RATE_MODEL_CONCURRENCY` (C, 8) and `REVIEW_RATE_MODEL_LATENCY_MS`
//! (L, 250) the model section's load. The example invoice is parsed by
//! `docreview parse` of the release binary beside the benchmark (build it
//! first: `cargo build --release --bin docreview`), or of `$DOCREVIEW_BIN`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod expression;
mod model;
mod seed;
mod stats;

use std::sync::Arc;
use std::time::Duration;

use docreview_engine::{Callbacks, Engine, EngineSettings, Judges, ParseLimits, ParserCommand, Sandbox};
use docreview_store::Store;
use tokio::sync::Notify;

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Parsing in children of the docreview binary built beside this benchmark.
fn sandbox() -> Arc<Sandbox> {
    let command = ParserCommand::built_docreview().unwrap_or_else(|message| panic!("{message}"));
    Arc::new(Sandbox::new(command, ParseLimits::default()))
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_data_dir(dir.path()).await.unwrap();
        let settings = EngineSettings::default();
        let wake = Arc::new(Notify::new());
        let callbacks = Arc::new(Callbacks::default());
        let engine =
            Engine::start(store.clone(), &settings, &Arc::new(Judges::default()), &sandbox(), &callbacks, &wake);
        let ws = seed::workspace(&store, &wake).await;
        println!(
            "docreview review rate: SQLite in a temporary directory, {} workers, {} cores",
            settings.workers,
            std::thread::available_parallelism().map_or(0, usize::from)
        );
        expression_section(&store, &wake, &ws).await;
        engine.shutdown().await;
        model_section(&store, &wake, &ws).await;
        store.close().await;
    });
}

/// Deterministic rules: the bare judge, then whole reviews of expression rules.
async fn expression_section(store: &Store, wake: &Arc<Notify>, ws: &seed::Workspace) {
    let (rules, runs) = (setting("REVIEW_RATE_RULES", 2_000), setting("REVIEW_RATE_RUNS", 5));
    let bare = expression::bare_rate(ws, 7, Duration::from_millis(400));
    println!("expression judge, bare in memory (one thread, median of 7):     {bare:>9.0} evaluations/s");
    let repo_id = seed::repository(store, ws, Some(expression::RULE), rules).await;
    let rates = expression::end_to_end_rates(store, wake, ws, repo_id, (rules, 1), runs).await;
    let end_to_end = stats::median(rates.clone());
    println!(
        "expression rules end to end ({rules}-rule review, median of {runs}): {end_to_end:>9.0} evaluations/s  \
         (runs, thousands/s: {})",
        stats::thousands(&rates)
    );
    println!("end to end / bare:                                             {:>9.3}", end_to_end / bare);
    let at_once = setting("REVIEW_RATE_AT_ONCE", 4);
    let rates = expression::end_to_end_rates(store, wake, ws, repo_id, (rules, at_once), runs).await;
    let concurrent = stats::median(rates.clone());
    println!(
        "  the same, {at_once} reviews submitted together (median of {runs}): {concurrent:>9.0} evaluations/s  \
         (runs, thousands/s: {})",
        stats::thousands(&rates)
    );
    println!("  end to end / bare:                                           {:>9.3}", concurrent / bare);
}

/// Model-bound rules: a fake model of fixed latency, the pool's judge workers
/// sized to its concurrency.
async fn model_section(store: &Store, wake: &Arc<Notify>, ws: &seed::Workspace) {
    let load = model::Load {
        rules: setting("REVIEW_RATE_MODEL_RULES", 200),
        concurrency: setting("REVIEW_RATE_MODEL_CONCURRENCY", 8),
        latency: Duration::from_millis(setting("REVIEW_RATE_MODEL_LATENCY_MS", 250) as u64),
        runs: setting("REVIEW_RATE_MODEL_RUNS", 3),
    };
    let (times, most_in_flight) = model::wall_times(store, wake, ws, &load).await;
    model::report(&load, &times, most_in_flight);
}
