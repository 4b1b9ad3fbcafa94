//! Retrying a review task or one of its rules: each within the task's retry
//! window, each archiving the finished results it overwrites.

use docreview_core::Caller;
use docreview_core::states::{JobKind, JobState, RuleResult};
use docreview_store::clock::now_ms;
use docreview_store::review::{self, Archive, RetryCount, RetryWindow};
use docreview_store::{ObjectKind, Store, StoreError, WriteTx, jobs};

/// Retries of one task allowed per window: enough for a person fixing rules,
/// not for a loop hammering the judges.
pub const RETRY_WINDOW: RetryWindow = RetryWindow { retries: 10, window_ms: 60_000 };

/// Runs every rule again from the repository's current rules and the
/// current extraction results: archives the finished results, bumps the
/// task's and every rule task's generation (running judges are fenced off),
/// shows every rule as queued and queues a new plan.
#[tracing::instrument(skip_all, fields(workspace_id, task_id))]
pub async fn retry_task(store: &Store, caller: &Caller, workspace_id: i64, task_id: i64) -> Result<(), StoreError> {
    let mut tx = store.begin_write().await?;
    let generation = counted(&mut tx, caller, workspace_id, task_id).await?;
    // First, so that a verdict committing right now (it holds its job row)
    // is finished before the archive reads the results.
    review::delete_rule_jobs(&mut tx, task_id).await?;
    review::archive_finished(&mut tx, Archive::Task(task_id)).await?;
    review::requeue_rule_tasks(&mut tx, task_id).await?;
    review::restart_task(&mut tx, task_id, generation + 1).await?;
    jobs::queue(&mut tx, JobKind::ReviewPlan, task_id, generation + 1).await?;
    tx.commit().await
}

/// Runs one rule of the task again with the rule's current definition,
/// archiving its finished result. A rule task already queued and not
/// started is left as it is: its judge will see the current rule.
#[tracing::instrument(skip_all, fields(workspace_id, task_id, rule_id))]
pub async fn retry_rule(
    store: &Store,
    caller: &Caller,
    workspace_id: i64,
    task_id: i64,
    rule_id: i64,
) -> Result<(), StoreError> {
    let mut tx = store.begin_write().await?;
    counted(&mut tx, caller, workspace_id, task_id).await?;
    let rule_task_id = review::rule_task_of(&mut tx, task_id, rule_id).await?.ok_or_else(|| StoreError::NotFound {
        kind: ObjectKind::RuleTask,
        message: format!("rule {rule_id} is not part of review task {task_id}"),
    })?;
    // The job first, in the order a verdict commit takes them, so the result
    // read next is the latest committed one.
    let job = review::lock_job(&mut tx, JobKind::ReviewRule, rule_task_id).await?;
    let (generation, result) = review::rule_task_state(&mut tx, rule_task_id).await?;
    if result == RuleResult::Queued && job == Some(JobState::Queued) {
        return tx.commit().await;
    }
    review::archive_finished(&mut tx, Archive::RuleTask(rule_task_id)).await?;
    review::requeue_rule_task(&mut tx, rule_task_id, generation + 1).await?;
    jobs::queue(&mut tx, JobKind::ReviewRule, rule_task_id, generation + 1).await?;
    tx.commit().await
}

/// Counts the retry against the task's window; the task's generation, or
/// why it may not be retried.
async fn counted(tx: &mut WriteTx, caller: &Caller, workspace_id: i64, task_id: i64) -> Result<i64, StoreError> {
    match review::count_retry(tx, caller, workspace_id, task_id, RETRY_WINDOW).await? {
        RetryCount::Counted { generation } => Ok(generation),
        RetryCount::Missing => Err(StoreError::not_found(ObjectKind::ReviewTask, task_id)),
        RetryCount::Deleted => Err(StoreError::NotFound {
            kind: ObjectKind::ReviewTask,
            message: format!("review task {task_id} was deleted; a deleted task cannot be retried"),
        }),
        RetryCount::Limited { retries, window_start } => {
            let wait = (window_start + RETRY_WINDOW.window_ms - now_ms()).max(0) / 1000 + 1;
            Err(StoreError::RateLimited(format!(
                "review task {task_id} was retried {retries} times in the last minute; try again in {wait} s"
            )))
        }
    }
}
