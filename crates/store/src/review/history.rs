//! The history of a rule task (an extension): the finished results that
//! retries and re-plans overwrote, kept in `rule_task_runs`.
//!
//! A result is archived by the transaction that resets it, after that
//! transaction has locked the rule task's judge job (or deleted it). A verdict
//! commit locks the same job row first, so on PostgreSQL a verdict committing
//! at the same moment is either visible to the archive or refused afterwards;
//! it is never overwritten unseen.

use docreview_core::Caller;
use docreview_core::states::{IntCode, RuleResult, sql_list};
use docreview_wire::review::Anchor;
use sqlx::FromRow;

use super::stored_anchors;
use crate::workspaces::ensure_workspace_visible;
use crate::{ObjectKind, Store, StoreError, WriteTx};

/// The earlier runs of one rule task, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleTaskHistory {
    pub rule_task_id: i64,
    pub rule_id: i64,
    /// A later re-plan dropped the rule task (its rule was deleted or is no
    /// longer triggered); it is not part of the task's current result.
    pub dropped: bool,
    pub runs: Vec<RuleTaskRun>,
}

/// One finished run of a rule task, as it was when it was overwritten.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleTaskRun {
    /// 1 for the oldest archived run, counting up.
    pub run: i64,
    /// The rule task's generation the verdict was committed under.
    pub generation: i64,
    pub rule_name: String,
    pub prompt: String,
    pub expression: Option<String>,
    /// A final result: passed, not passed or error.
    pub status: RuleResult,
    pub reasoning: String,
    pub anchors: Vec<Anchor>,
    /// Unix milliseconds.
    pub finished_at: i64,
}

/// Which rule tasks' finished results to archive.
#[derive(Debug, Clone, Copy)]
pub enum Archive {
    /// Every rule task of a review task.
    Task(i64),
    /// One rule task.
    RuleTask(i64),
}

/// Copies the finished results (passed, not passed, error) in scope into the
/// history, inside the caller's transaction, before the caller resets them.
/// Queued or running rule tasks hold no result and add nothing.
#[tracing::instrument(level = "debug", skip_all, fields(?scope))]
pub async fn archive_finished(tx: &mut WriteTx, scope: Archive) -> Result<u64, StoreError> {
    let (column, id) = match scope {
        Archive::Task(task_id) => ("review_task_id", task_id),
        Archive::RuleTask(rule_task_id) => ("id", rule_task_id),
    };
    // rule_tasks.updated_at of a finished row is the time its verdict was
    // committed: nothing else writes a row with a final result.
    let finals = sql_list(RuleResult::finals());
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO rule_task_runs (rule_task_id, generation, rule_name, prompt, expression, status, reasoning, \
         anchors, finished_at) \
         SELECT id, generation, rule_name, prompt, expression, status, reasoning, anchors, updated_at \
         FROM rule_tasks WHERE {column} = $1 AND status IN ({finals})"
    )))
    .bind(id)
    .execute(tx.conn())
    .await?;
    Ok(done.rows_affected())
}

#[derive(FromRow)]
struct RunDbRow {
    generation: i64,
    rule_name: String,
    prompt: String,
    expression: Option<String>,
    status: i64,
    reasoning: String,
    anchors: String,
    finished_at: i64,
}

impl Store {
    /// The earlier runs of a rule task of a review task, newest first. The
    /// task must exist and not be deleted; the rule task must be one of its
    /// own (a dropped one included, so its history stays readable).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn rule_task_history(
        &self,
        caller: &Caller,
        workspace_id: i64,
        task_id: i64,
        rule_task_id: i64,
    ) -> Result<RuleTaskHistory, StoreError> {
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        let task: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM review_tasks WHERE id = $1 AND workspace_id = $2 AND deleted_at IS NULL")
                .bind(task_id)
                .bind(workspace_id)
                .fetch_optional(&mut *tx)
                .await?;
        task.ok_or_else(|| StoreError::not_found(ObjectKind::ReviewTask, task_id))?;
        let rule_task: Option<(i64, Option<i64>)> =
            sqlx::query_as("SELECT rule_id, dropped_at FROM rule_tasks WHERE id = $1 AND review_task_id = $2")
                .bind(rule_task_id)
                .bind(task_id)
                .fetch_optional(&mut *tx)
                .await?;
        let (rule_id, dropped_at) = rule_task.ok_or_else(|| StoreError::NotFound {
            kind: ObjectKind::RuleTask,
            message: format!("rule task {rule_task_id} is not part of review task {task_id}"),
        })?;
        let rows: Vec<RunDbRow> = sqlx::query_as(
            "SELECT generation, rule_name, prompt, expression, status, reasoning, anchors, finished_at \
             FROM rule_task_runs WHERE rule_task_id = $1 ORDER BY generation DESC",
        )
        .bind(rule_task_id)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let total = rows.len() as i64;
        let mut runs = Vec::with_capacity(rows.len());
        for (newer, row) in (0..).zip(rows) {
            runs.push(RuleTaskRun {
                run: total - newer,
                generation: row.generation,
                rule_name: row.rule_name,
                prompt: row.prompt,
                expression: row.expression,
                status: RuleResult::decode("rule_task_runs.status", row.status)?,
                reasoning: row.reasoning,
                anchors: stored_anchors::decode(&row.anchors, "rule_task_runs.anchors")?,
                finished_at: row.finished_at,
            });
        }
        Ok(RuleTaskHistory { rule_task_id, rule_id, dropped: dropped_at.is_some(), runs })
    }
}
