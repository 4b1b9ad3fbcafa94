//! The writes of a retry of a review task or of one of its rules, and
//! deleting tasks. Which of them a retry makes, and whether it may, is the
//! workflow's to decide.

use docreview_core::Caller;
use docreview_core::review::ReviewTaskDeletion;
use docreview_core::states::{IntCode, JobKind, JobState, Phase, RuleResult, TextCode};

use super::delete_judge_jobs;
use crate::clock::now_ms;
use crate::workspaces::ensure_workspace_visible;
use crate::{ObjectKind, Store, StoreError, WriteTx};

/// How many retries of one task a window allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryWindow {
    pub retries: i64,
    pub window_ms: i64,
}

/// What counting a retry against the task's window found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryCount {
    /// Counted; the task is at this generation.
    Counted {
        generation: i64,
    },
    /// The window is full: this many retries since `window_start` (Unix ms).
    Limited {
        retries: i64,
        window_start: i64,
    },
    Deleted,
    Missing,
}

/// Counts a retry against the task's window. One conditional UPDATE checks
/// and counts: on PostgreSQL a concurrent retry of the same task waits for
/// this row and then re-checks the count it left, so no two retries read the
/// same count. Taking the task's row first also serializes a task's retries
/// and plan commits.
#[tracing::instrument(level = "debug", skip_all, fields(workspace_id, task_id))]
pub async fn count_retry(
    tx: &mut WriteTx,
    caller: &Caller,
    workspace_id: i64,
    task_id: i64,
    window: RetryWindow,
) -> Result<RetryCount, StoreError> {
    ensure_workspace_visible(tx.conn(), caller, workspace_id).await?;
    let now = now_ms();
    let counted: Option<(i64,)> = sqlx::query_as(
        "UPDATE review_tasks SET \
         retries_in_window = CASE WHEN $3 - retry_window_start >= $4 THEN 1 ELSE retries_in_window + 1 END, \
         retry_window_start = CASE WHEN $3 - retry_window_start >= $4 THEN $3 ELSE retry_window_start END \
         WHERE id = $1 AND workspace_id = $2 AND deleted_at IS NULL \
         AND ($3 - retry_window_start >= $4 OR retries_in_window < $5) RETURNING generation",
    )
    .bind(task_id)
    .bind(workspace_id)
    .bind(now)
    .bind(window.window_ms)
    .bind(window.retries)
    .fetch_optional(tx.conn())
    .await?;
    if let Some((generation,)) = counted {
        return Ok(RetryCount::Counted { generation });
    }
    let row: Option<(Option<i64>, i64, i64)> = sqlx::query_as(
        "SELECT deleted_at, retry_window_start, retries_in_window FROM review_tasks WHERE id = $1 AND workspace_id = $2",
    )
    .bind(task_id)
    .bind(workspace_id)
    .fetch_optional(tx.conn())
    .await?;
    Ok(match row {
        None => RetryCount::Missing,
        Some((Some(_), _, _)) => RetryCount::Deleted,
        Some((None, window_start, retries)) => RetryCount::Limited { retries, window_start },
    })
}

/// Deletes the judge jobs of the task's rule tasks. A verdict being
/// committed holds its job's row, so this waits for it to finish: call it
/// before reading results to archive.
#[tracing::instrument(level = "debug", skip_all, fields(task_id))]
pub async fn delete_rule_jobs(tx: &mut WriteTx, task_id: i64) -> Result<(), StoreError> {
    delete_judge_jobs(tx.conn(), task_id).await
}

/// Every rule task of the task at its next generation, queued, without a result.
#[tracing::instrument(level = "debug", skip_all, fields(task_id))]
pub async fn requeue_rule_tasks(tx: &mut WriteTx, task_id: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE rule_tasks SET generation = generation + 1, status = $3, reasoning = '', anchors = '[]', \
         updated_at = $2 WHERE review_task_id = $1",
    )
    .bind(task_id)
    .bind(now_ms())
    .bind(RuleResult::Queued.code())
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// The task back to waiting for a plan, at `generation`.
#[tracing::instrument(level = "debug", skip_all, fields(task_id, generation))]
pub async fn restart_task(tx: &mut WriteTx, task_id: i64, generation: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE review_tasks SET generation = $2, phase = $4, failure_cause = NULL, updated_at = $3 WHERE id = $1",
    )
    .bind(task_id)
    .bind(generation)
    .bind(now_ms())
    .bind(Phase::Waiting.as_str())
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// The id of the task's (not dropped) rule task of `rule_id`.
#[tracing::instrument(level = "debug", skip_all, fields(task_id, rule_id))]
pub async fn rule_task_of(tx: &mut WriteTx, task_id: i64, rule_id: i64) -> Result<Option<i64>, StoreError> {
    let found: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM rule_tasks WHERE review_task_id = $1 AND rule_id = $2 AND dropped_at IS NULL")
            .bind(task_id)
            .bind(rule_id)
            .fetch_optional(tx.conn())
            .await?;
    Ok(found.map(|(id,)| id))
}

/// Locks the job of `kind` for `subject_id`, in the order a verdict commit
/// takes it, and answers its state; `None` when there is none.
#[tracing::instrument(level = "debug", skip_all, fields(kind = kind.as_str(), subject_id))]
pub async fn lock_job(tx: &mut WriteTx, kind: JobKind, subject_id: i64) -> Result<Option<JobState>, StoreError> {
    let job: Option<(String,)> =
        sqlx::query_as("UPDATE jobs SET updated_at = $3 WHERE kind = $1 AND subject_id = $2 RETURNING state")
            .bind(kind.as_str())
            .bind(subject_id)
            .bind(now_ms())
            .fetch_optional(tx.conn())
            .await?;
    job.map(|(state,)| JobState::decode("jobs.state", &state)).transpose().map_err(StoreError::from)
}

/// A rule task's generation and result.
#[tracing::instrument(level = "debug", skip_all, fields(rule_task_id))]
pub async fn rule_task_state(tx: &mut WriteTx, rule_task_id: i64) -> Result<(i64, RuleResult), StoreError> {
    let (generation, status): (i64, i64) = sqlx::query_as("SELECT generation, status FROM rule_tasks WHERE id = $1")
        .bind(rule_task_id)
        .fetch_one(tx.conn())
        .await?;
    Ok((generation, RuleResult::decode("rule_tasks.status", status)?))
}

/// One rule task at `generation`, queued, without a result.
#[tracing::instrument(level = "debug", skip_all, fields(rule_task_id, generation))]
pub async fn requeue_rule_task(tx: &mut WriteTx, rule_task_id: i64, generation: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE rule_tasks SET generation = $2, status = $4, reasoning = '', anchors = '[]', updated_at = $3 \
         WHERE id = $1",
    )
    .bind(rule_task_id)
    .bind(generation)
    .bind(now_ms())
    .bind(RuleResult::Queued.code())
    .execute(tx.conn())
    .await?;
    Ok(())
}

impl Store {
    /// Deletes review tasks (all or none); a deleted task cannot be read or retried.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn delete_review_tasks(&self, caller: &Caller, deletion: &ReviewTaskDeletion) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, deletion.workspace_id).await?;
        let now = now_ms();
        for &task_id in &deletion.task_ids {
            let done = sqlx::query(
                "UPDATE review_tasks SET deleted_at = $3, updated_at = $3 \
                 WHERE id = $1 AND workspace_id = $2 AND deleted_at IS NULL",
            )
            .bind(task_id)
            .bind(deletion.workspace_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() != 1 {
                return Err(StoreError::not_found(ObjectKind::ReviewTask, task_id));
            }
            sqlx::query("DELETE FROM jobs WHERE kind = $1 AND subject_id = $2")
                .bind(JobKind::ReviewPlan.as_str())
                .bind(task_id)
                .execute(&mut *tx)
                .await?;
            delete_judge_jobs(&mut tx, task_id).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
