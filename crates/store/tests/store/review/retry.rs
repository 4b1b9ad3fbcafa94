//! Retry storms: the rate limit counts exactly under concurrency.

use docreview_store::{Store, StoreError};

use super::support::{Reviewed, reviewed};

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
                store.retry_review_task(&caller, ws, task_id).await
            } else {
                store.retry_review_rule(&caller, ws, task_id, rule_id).await
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

crate::support::on_both_backends!(concurrent_retries_of_one_task_are_counted_exactly,);
