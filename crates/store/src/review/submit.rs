//! `review/task/submit`: resolve the inputs, store the task, queue its plan.

use docreview_core::Caller;
use docreview_core::review::NewReviewTask;
use docreview_wire::Id;

use crate::clock::now_ms;
use crate::jobs::{self, JobKind};
use crate::rule_repos::ensure_repo_in_workspace;
use crate::workspaces::ensure_workspace_visible;
use crate::{ObjectKind, Store, StoreError, json};

impl Store {
    /// Creates a review task over the union of the named extraction tasks and
    /// the batch's, in submit order without duplicates; returns its id.
    pub async fn submit_review_task(
        &self,
        caller: &Caller,
        new: &NewReviewTask,
        model: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, new.workspace_id).await?;
        ensure_repo_in_workspace(&mut tx, new.repo_id, new.workspace_id).await?;
        let (repo_name,): (String,) =
            sqlx::query_as("SELECT name FROM rule_repos WHERE id = $1").bind(new.repo_id).fetch_one(&mut *tx).await?;
        let found =
            super::inputs::extraction_tasks(&mut tx, self.backend(), new.workspace_id, &new.extract_task_ids).await?;
        if let Some(task_id) = new.extract_task_ids.iter().find(|id| !found.contains_key(id)) {
            return Err(StoreError::NotFound {
                kind: ObjectKind::File,
                message: format!("extraction task {task_id} not found in workspace {}", new.workspace_id),
            });
        }
        let mut task_ids = Vec::with_capacity(new.extract_task_ids.len());
        for &task_id in &new.extract_task_ids {
            if !task_ids.contains(&task_id) {
                task_ids.push(task_id);
            }
        }
        if let Some(batch) = &new.batch_number {
            let batch_tasks: Vec<(i64,)> =
                sqlx::query_as("SELECT task_id FROM files WHERE workspace_id = $1 AND batch_number = $2 ORDER BY id")
                    .bind(new.workspace_id)
                    .bind(batch)
                    .fetch_all(&mut *tx)
                    .await?;
            if batch_tasks.is_empty() && new.extract_task_ids.is_empty() {
                return Err(StoreError::NotFound {
                    kind: ObjectKind::File,
                    message: format!("batch {batch:?} has no files in workspace {}", new.workspace_id),
                });
            }
            for (task_id,) in batch_tasks {
                if !task_ids.contains(&task_id) {
                    task_ids.push(task_id);
                }
            }
        }
        let id = self.next_id();
        let now = now_ms();
        sqlx::query(
            "INSERT INTO review_tasks (id, workspace_id, name, repo_id, repo_name, model, extract_task_ids, phase, \
             generation, not_triggered_count, retry_window_start, retries_in_window, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', 1, 0, $8, 0, $8, $8)",
        )
        .bind(id)
        .bind(new.workspace_id)
        .bind(&new.name)
        .bind(new.repo_id)
        .bind(&repo_name)
        .bind(model)
        .bind(json::encode(&task_ids.iter().copied().map(Id).collect::<Vec<_>>())?)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        jobs::enqueue(&mut tx, self.next_id(), JobKind::ReviewPlan, id, 1).await?;
        tx.commit().await?;
        Ok(id)
    }
}
