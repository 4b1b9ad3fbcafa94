//! LLM-bound reviews (DESIGN §7): with a model that answers in a fixed
//! latency L at concurrency C, N rule tasks should take about N·L/C. The
//! model is the scripted fake, so the figure is docreview's own overhead:
//! claiming, prompting, committing and keeping C requests in flight.

use std::sync::Arc;
use std::time::Duration;

use docreview_engine::{Engine, EngineSettings, Judges, ModelSettings};
use docreview_fake_model::{FakeModel, Reply};
use docreview_store::Store;
use tokio::sync::Notify;

use crate::expression::timed_reviews;
use crate::seed::{self, Workspace};
use crate::stats::median;

/// The shape of the measurement.
pub struct Load {
    pub rules: usize,
    pub concurrency: usize,
    pub latency: Duration,
    pub runs: usize,
}

/// Wall times of `load.runs` reviews of `load.rules` prompt rules, each
/// judged by a fake model answering after `load.latency`, at most
/// `load.concurrency` at a time; with the most requests seen in flight.
pub async fn wall_times(store: &Store, wake: &Arc<Notify>, ws: &Workspace, load: &Load) -> (Vec<Duration>, usize) {
    let answer = Reply::verdict("pass", "The total EUR 946.05 is stated.", &["EUR 946.05"]).after(load.latency);
    let fake = FakeModel::start(answer).await;
    let model = ModelSettings {
        name: "fake".into(),
        base_url: fake.base_url(),
        model: "fake".into(),
        concurrency: load.concurrency,
        ..ModelSettings::default()
    };
    let judges = Arc::new(Judges::new(&[model], Default::default()).unwrap());
    let callbacks = Arc::new(docreview_engine::Callbacks::default());
    let engine = Engine::start(store.clone(), &EngineSettings::default(), &judges, &crate::sandbox(), &callbacks, wake);
    let repo_id = seed::repository(store, ws, None, load.rules).await;
    let mut times = Vec::with_capacity(load.runs);
    for run in 0..load.runs {
        times.push(timed_reviews(store, wake, ws, repo_id, &format!("model run {run}"), (load.rules, 1)).await);
    }
    engine.shutdown().await;
    (times, fake.most_in_flight())
}

/// Prints the median wall time against N·L/C.
pub fn report(load: &Load, times: &[Duration], most_in_flight: usize) {
    let ideal = load.latency.as_secs_f64() * load.rules as f64 / load.concurrency as f64;
    let wall = median(times.iter().map(Duration::as_secs_f64).collect());
    println!(
        "model judge, N={} L={} ms C={} (median of {}):  {wall:>7.3} s wall vs N·L/C = {ideal:.3} s  → ratio {:.3} \
         (runs, s: {}; most requests in flight: {most_in_flight})",
        load.rules,
        load.latency.as_millis(),
        load.concurrency,
        load.runs,
        wall / ideal,
        times.iter().map(|t| format!("{:.3}", t.as_secs_f64())).collect::<Vec<_>>().join(", ")
    );
}
