//! Retrying a review task or one of its rules (archiving the finished results
//! they overwrite), and deleting tasks.

use docreview_core::Caller;
use docreview_core::review::{ReviewTaskDeletion, status};

use super::delete_judge_jobs;
use super::history::{Archive, archive_finished};
use super::{RETRIES_PER_WINDOW, RETRY_WINDOW_MS};
use crate::clock::now_ms;
use crate::jobs::{self, JobKind};
use crate::workspaces::ensure_workspace_visible;
use crate::{ObjectKind, Store, StoreError};

impl Store {
    /// Runs every rule again from the repository's current rules and the
    /// current extraction results: archives the finished results, bumps the
    /// task's and every rule task's generation (running judges are fenced
    /// off), shows every rule as queued and queues a new plan.
    pub async fn retry_review_task(&self, caller: &Caller, workspace_id: i64, task_id: i64) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        let generation = retryable(&mut tx, workspace_id, task_id).await?;
        let now = now_ms();
        // First, so that a verdict committing right now (it holds its job row)
        // is finished before the archive reads the results.
        delete_judge_jobs(&mut tx, task_id).await?;
        archive_finished(&mut tx, Archive::Task(task_id)).await?;
        sqlx::query(
            "UPDATE rule_tasks SET generation = generation + 1, status = $3, reasoning = '', anchors = '[]', \
             updated_at = $2 WHERE review_task_id = $1",
        )
        .bind(task_id)
        .bind(now)
        .bind(status::QUEUED)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE review_tasks SET generation = $2, phase = 'waiting', failure_cause = NULL, updated_at = $3 \
             WHERE id = $1",
        )
        .bind(task_id)
        .bind(generation + 1)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        jobs::enqueue(&mut tx, self.next_id(), JobKind::ReviewPlan, task_id, generation + 1).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Runs one rule of the task again with the rule's current definition,
    /// archiving its finished result. A rule task already queued and not
    /// started is left as it is.
    pub async fn retry_review_rule(
        &self,
        caller: &Caller,
        workspace_id: i64,
        task_id: i64,
        rule_id: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        retryable(&mut tx, workspace_id, task_id).await?;
        let rule_task: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM rule_tasks WHERE review_task_id = $1 AND rule_id = $2 AND dropped_at IS NULL",
        )
        .bind(task_id)
        .bind(rule_id)
        .fetch_optional(&mut *tx)
        .await?;
        let (rule_task_id,) = rule_task.ok_or_else(|| StoreError::NotFound {
            kind: ObjectKind::RuleTask,
            message: format!("rule {rule_id} is not part of review task {task_id}"),
        })?;
        // Lock the rule task's job before reading the result, in the order a
        // verdict commit takes them, so the result read is the latest committed one.
        let job: Option<(String,)> =
            sqlx::query_as("UPDATE jobs SET updated_at = $3 WHERE kind = $1 AND subject_id = $2 RETURNING state")
                .bind(JobKind::ReviewRule.as_str())
                .bind(rule_task_id)
                .bind(now_ms())
                .fetch_optional(&mut *tx)
                .await?;
        let (generation, current): (i64, i64) =
            sqlx::query_as("SELECT generation, status FROM rule_tasks WHERE id = $1")
                .bind(rule_task_id)
                .fetch_one(&mut *tx)
                .await?;
        if current == status::QUEUED && job.is_some_and(|(state,)| state == "queued") {
            tx.commit().await?;
            return Ok(());
        }
        archive_finished(&mut tx, Archive::RuleTask(rule_task_id)).await?;
        sqlx::query(
            "UPDATE rule_tasks SET generation = $2, status = $4, reasoning = '', anchors = '[]', updated_at = $3 \
             WHERE id = $1",
        )
        .bind(rule_task_id)
        .bind(generation + 1)
        .bind(now_ms())
        .bind(status::QUEUED)
        .execute(&mut *tx)
        .await?;
        jobs::enqueue(&mut tx, self.next_id(), JobKind::ReviewRule, rule_task_id, generation + 1).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes review tasks (all or none); a deleted task cannot be read or retried.
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

/// Counts a retry against the task's rate limit and answers the task's
/// generation. One conditional UPDATE checks and counts: on PostgreSQL a
/// concurrent retry of the same task waits for this row and then re-checks
/// the count it left, so no two retries read the same count. Taking the
/// task's row first also serializes a task's retries and plan commits.
async fn retryable(conn: &mut sqlx::AnyConnection, workspace_id: i64, task_id: i64) -> Result<i64, StoreError> {
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
    .bind(RETRY_WINDOW_MS)
    .bind(RETRIES_PER_WINDOW)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some((generation,)) = counted {
        return Ok(generation);
    }
    let row: Option<(Option<i64>, i64, i64)> = sqlx::query_as(
        "SELECT deleted_at, retry_window_start, retries_in_window FROM review_tasks WHERE id = $1 AND workspace_id = $2",
    )
    .bind(task_id)
    .bind(workspace_id)
    .fetch_optional(&mut *conn)
    .await?;
    let (deleted_at, window_start, retries) =
        row.ok_or_else(|| StoreError::not_found(ObjectKind::ReviewTask, task_id))?;
    if deleted_at.is_some() {
        return Err(StoreError::NotFound {
            kind: ObjectKind::ReviewTask,
            message: format!("review task {task_id} was deleted; a deleted task cannot be retried"),
        });
    }
    let wait = (window_start + RETRY_WINDOW_MS - now).max(0) / 1000 + 1;
    Err(StoreError::RateLimited(format!(
        "review task {task_id} was retried {retries} times in the last minute; try again in {wait} s"
    )))
}
