//! 50 retries of one task and one of its rules while jobs run: one current
//! result per rule task, never an older run's, and the rate limit.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use docreview_engine::Outcome;
use docreview_engine::pool::try_any_job;
use docreview_engine::{EngineSettings, Judges};
use docreview_store::jobs::JobKind;
use serde_json::{Value, json};
use tokio::sync::Notify;

use super::{Review, result, reviewed, run_all, verdicts};
use crate::helpers::{TestApp, tools};

const STORM: usize = 50;

/// Each rule's definition after the change: name, expression, verdict on the
/// invoice (total 1,234.50). Every verdict differs from the one before.
const LATEST: [(&str, &str, i64); 3] = [
    ("Total above 10000", r#"money(doc.Invoice.fields["Total"]) > 10000.0"#, 4),
    ("Total above 1", r#"money(doc.Invoice.fields["Total"]) > 1.0"#, 1),
    ("Answered by an expression", "true", 1),
];
/// The verdicts before the change, in the same order.
const EARLIER: [(&str, i64); 3] = [("Total above 1000", 1), ("Total above 5000", 4), ("Ask a model", 2)];

/// Two workers running jobs until told to stop, as the engine's pool would,
/// signalling `progress` after each job.
fn workers(app: &TestApp, stop: &Arc<AtomicBool>, progress: &Arc<Notify>) -> Vec<tokio::task::JoinHandle<()>> {
    (0..2)
        .map(|_| {
            let (store, stop, progress) = (app.store.clone(), stop.clone(), progress.clone());
            tokio::spawn(async move {
                let (tools, settings) = (tools(Judges::default()), EngineSettings::default());
                while !stop.load(Ordering::Relaxed) {
                    match try_any_job(&store, &tools, &settings).await.unwrap() {
                        Outcome::Worked => progress.notify_one(),
                        Outcome::Idle => tokio::time::sleep(Duration::from_millis(2)).await,
                    }
                }
            })
        })
        .collect()
}

/// Fires `count` retries at once, task and rule (rule 0) retries alternating,
/// a task retry first; answers (is a task retry, HTTP status, code) per call.
async fn storm(app: &TestApp, review: &Review, count: usize) -> Vec<(bool, u16, i64)> {
    let mut calls = Vec::new();
    for i in 0..count {
        let task_retry = i % 2 == 0;
        let path = if task_retry { "/review/task/retry" } else { "/review/task/rule/retry" };
        let request = app
            .http
            .post(app.url(path))
            .header("x-ti-app-id", &app.app.app_id)
            .header("x-ti-secret-code", &app.app.secret_code)
            .json(&json!({"workspace_id": review.ws, "task_id": review.task_id, "rule_id": review.rules[0]}));
        calls.push(tokio::spawn(async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let body: Value = response.json().await.unwrap();
            (task_retry, status, body["code"].as_i64().unwrap())
        }));
    }
    let mut outcomes = Vec::new();
    for call in calls {
        outcomes.push(call.await.unwrap());
    }
    outcomes
}

#[tokio::test]
async fn a_retry_storm_while_jobs_run_leaves_one_latest_result_per_rule_and_is_rate_limited() {
    let app = TestApp::spawn().await;
    let review = reviewed(&app).await;
    run_all(&app).await;
    let before = result(&app, &review).await;
    let earlier: Vec<_> = EARLIER.iter().map(|(name, verdict)| ((*name).to_owned(), *verdict)).collect();
    assert_eq!(verdicts(&before), earlier);
    for (rule, (name, expression, _)) in [0, 1, 3].into_iter().zip(LATEST) {
        let update =
            json!({"workspace_id": review.ws, "rule_id": review.rules[rule], "name": name, "expression": expression});
        app.ok_post("/review/rule/update", update).await;
    }

    // The first retry, of the whole task, re-runs every rule; once the workers
    // are busy with it, the other 49 arrive at once.
    let (stop, progress) = (Arc::new(AtomicBool::new(false)), Arc::new(Notify::new()));
    let running = workers(&app, &stop, &progress);
    let mut outcomes = storm(&app, &review, 1).await;
    progress.notified().await;
    outcomes.extend(storm(&app, &review, STORM - 1).await);
    stop.store(true, Ordering::Relaxed);
    for worker in running {
        worker.await.unwrap();
    }
    run_all(&app).await;

    // 10 retries of one task a minute, task and rule retries counted together.
    assert_eq!(outcomes[0], (true, 200, 200));
    let accepted = outcomes.iter().filter(|(_, status, code)| (*status, *code) == (200, 200)).count();
    let limited = outcomes.iter().filter(|(_, status, code)| (*status, *code) == (429, 42900)).count();
    assert_eq!((accepted, limited), (10, STORM - 10), "{outcomes:?}");

    let after = result(&app, &review).await;
    let latest: Vec<_> = LATEST.iter().map(|(name, _, verdict)| ((*name).to_owned(), *verdict)).collect();
    assert_eq!(verdicts(&after), latest, "every rule shows its latest definition's verdict: {after}");
    let ids = |result: &Value| -> Vec<Value> {
        result["groups"][0]["review_tasks"].as_array().unwrap().iter().map(|r| r["rule_task_id"].clone()).collect()
    };
    assert_eq!(ids(&after), ids(&before), "exactly one rule task per triggered rule");
    assert_eq!(
        after["statistics"],
        json!({"pass_count": 2, "failure_count": 1, "error_count": 0, "not_triggered_count": 1})
    );
    assert_eq!(after["status"], 4, "one rule does not pass");
    for kind in [JobKind::ReviewPlan, JobKind::ReviewRule] {
        let depth = app.store.queue_depth(kind).await.unwrap();
        assert_eq!((depth.queued, depth.running), (0, 0), "no {} job is left", kind.as_str());
    }
}
