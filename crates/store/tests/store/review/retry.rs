//! Retry storms: the rate limit counts exactly under concurrency, and judges
//! running meanwhile never leave an older run's verdict behind.

use docreview_core::states::RuleResult;
use docreview_engine::workflow;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use docreview_store::{Store, StoreError};
use tokio::sync::Notify;

use super::support::{Reviewed, judged_reasoning, reviewed, run_all, run_one};

const STORM: usize = 50;

/// Fires `count` retries at once, task and rule (rule 0) retries
/// alternating, a task retry first; answers how many were accepted.
async fn storm(store: &Store, review: &Reviewed, count: usize) -> usize {
    let mut calls = Vec::new();
    for i in 0..count {
        let (store, caller) = (store.clone(), review.caller.clone());
        let (ws, task_id, rule_id) = (review.ws, review.task_id, review.rules[0]);
        calls.push(tokio::spawn(async move {
            let outcome = if i % 2 == 0 {
                workflow::retry::retry_task(&store, &caller, ws, task_id).await
            } else {
                workflow::retry::retry_rule(&store, &caller, ws, task_id, rule_id).await
            };
            match outcome {
                Ok(()) => true,
                Err(StoreError::RateLimited(_)) => false,
                Err(other) => panic!("retry {i} failed: {other:?}"),
            }
        }));
    }
    let mut accepted = 0;
    for call in calls {
        accepted += usize::from(call.await.unwrap());
    }
    accepted
}

async fn concurrent_retries_of_one_task_are_counted_exactly(store: Store) {
    let review = reviewed(&store, &["true"]).await;
    assert_eq!(storm(&store, &review, STORM).await, 10, "10 a minute, task and rule retries together");
}

async fn a_retry_storm_with_judges_running_leaves_only_the_latest_verdicts(store: Store) {
    let review = reviewed(&store, &["true", "false", "true"]).await;
    let old = review.rule_tasks(&store).await;
    // Every verdict flips, so one left over from before the storm shows.
    let latest = [("false", RuleResult::NotPassed), ("true", RuleResult::Passed), ("1 == 2", RuleResult::NotPassed)];
    for (rule, (expression, _)) in latest.iter().enumerate() {
        review.set_expression(&store, rule, expression).await;
    }

    // Two workers run jobs throughout. The first retry, of the whole task,
    // re-runs every rule; once they are busy with it, the other 49 arrive.
    let (stop, progress) = (Arc::new(AtomicBool::new(false)), Arc::new(Notify::new()));
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (store, stop, progress) = (store.clone(), stop.clone(), progress.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    if run_one(&store).await {
                        progress.notify_one();
                    } else {
                        tokio::time::sleep(Duration::from_millis(2)).await;
                    }
                }
            })
        })
        .collect();
    let mut accepted = storm(&store, &review, 1).await;
    progress.notified().await;
    accepted += storm(&store, &review, STORM - 1).await;
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.await.unwrap();
    }
    run_all(&store).await;

    assert_eq!(accepted, 10);
    let now = review.rule_tasks(&store).await;
    assert_eq!(now.iter().map(|r| r.id).collect::<Vec<_>>(), old.iter().map(|r| r.id).collect::<Vec<_>>());
    for (i, (rule_task, (expression, verdict))) in now.iter().zip(latest).enumerate() {
        let shown = (rule_task.status, rule_task.reasoning.as_str(), rule_task.rule_name.as_str());
        let judged_by = judged_reasoning(if verdict == RuleResult::Passed { "true" } else { "false" });
        assert_eq!(shown, (verdict, judged_by.as_str(), format!("rule {i} as {expression}").as_str()));
        let history = store.rule_task_history(&review.caller, review.ws, review.task_id, rule_task.id).await.unwrap();
        let generations: Vec<_> = history.runs.iter().map(|r| r.generation).collect();
        assert!(generations.windows(2).all(|w| w[0] > w[1]), "newest first, each run once: {generations:?}");
        let first = history.runs.last().map(|r| (r.status, r.reasoning.clone()));
        assert_eq!(first, Some((old[i].status, old[i].reasoning.clone())), "the verdict before the storm is kept");
    }
}

crate::support::on_both_backends!(
    concurrent_retries_of_one_task_are_counted_exactly,
    a_retry_storm_with_judges_running_leaves_only_the_latest_verdicts,
);
