//! Writing a new review task: the reads a submit checks its request against,
//! and the insert.

use std::collections::HashMap;

use docreview_core::Caller;
use docreview_core::states::Phase;
use docreview_wire::Id;

use super::inputs::{self, ReviewInput};
use crate::clock::now_ms;
use crate::rule_repos::ensure_repo_in_workspace;
use crate::workspaces::ensure_workspace_visible;
use crate::{StoreError, WriteTx, json};

/// A review task to insert, in phase `waiting` at generation 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTaskRow<'a> {
    pub id: i64,
    pub workspace_id: i64,
    pub name: &'a str,
    pub repo_id: i64,
    pub repo_name: &'a str,
    pub model: &'a str,
    pub extract_task_ids: &'a [i64],
}

/// The name of the repository, which must be in the workspace the caller
/// can see; "not found" naming the workspace or the repository otherwise.
#[tracing::instrument(level = "debug", skip_all, fields(workspace_id, repo_id))]
pub async fn visible_repository(
    tx: &mut WriteTx,
    caller: &Caller,
    workspace_id: i64,
    repo_id: i64,
) -> Result<String, StoreError> {
    ensure_workspace_visible(tx.conn(), caller, workspace_id).await?;
    ensure_repo_in_workspace(tx.conn(), repo_id, workspace_id).await?;
    let (name,): (String,) =
        sqlx::query_as("SELECT name FROM rule_repos WHERE id = $1").bind(repo_id).fetch_one(tx.conn()).await?;
    Ok(name)
}

/// Those of `task_ids` that are extraction tasks of the workspace, by task id.
#[tracing::instrument(level = "debug", skip_all, fields(workspace_id, count = task_ids.len()))]
pub async fn extraction_tasks(
    tx: &mut WriteTx,
    workspace_id: i64,
    task_ids: &[i64],
) -> Result<HashMap<i64, ReviewInput>, StoreError> {
    let backend = tx.backend();
    inputs::extraction_tasks(tx.conn(), backend, workspace_id, task_ids).await
}

/// The extraction task ids of a batch, in upload order.
#[tracing::instrument(level = "debug", skip_all, fields(workspace_id))]
pub async fn batch_task_ids(tx: &mut WriteTx, workspace_id: i64, batch: &str) -> Result<Vec<i64>, StoreError> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT task_id FROM files WHERE workspace_id = $1 AND batch_number = $2 ORDER BY id")
            .bind(workspace_id)
            .bind(batch)
            .fetch_all(tx.conn())
            .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Inserts the task, waiting for its plan, with its retry window starting now.
#[tracing::instrument(level = "debug", skip_all, fields(id = task.id))]
pub async fn insert_task(tx: &mut WriteTx, task: &NewTaskRow<'_>) -> Result<(), StoreError> {
    let now = now_ms();
    sqlx::query(
        "INSERT INTO review_tasks (id, workspace_id, name, repo_id, repo_name, model, extract_task_ids, phase, \
         generation, not_triggered_count, retry_window_start, retries_in_window, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $9, 1, 0, $8, 0, $8, $8)",
    )
    .bind(task.id)
    .bind(task.workspace_id)
    .bind(task.name)
    .bind(task.repo_id)
    .bind(task.repo_name)
    .bind(task.model)
    .bind(json::encode(&task.extract_task_ids.iter().copied().map(Id).collect::<Vec<_>>())?)
    .bind(now)
    .bind(Phase::Waiting.as_str())
    .execute(tx.conn())
    .await?;
    Ok(())
}
