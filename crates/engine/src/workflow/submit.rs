//! `review/task/submit`: a review over the union of the named extraction
//! tasks and a batch's, in submit order without duplicates, waiting for its
//! plan.

use docreview_core::Caller;
use docreview_core::review::NewReviewTask;
use docreview_core::states::JobKind;
use docreview_store::review::{self, NewTaskRow};
use docreview_store::{ObjectKind, Store, StoreError, jobs};

/// Stores the review task and queues its plan, both or neither; its id.
#[tracing::instrument(skip_all, fields(workspace_id = new.workspace_id, repo_id = new.repo_id))]
pub async fn submit(store: &Store, caller: &Caller, new: &NewReviewTask, model: &str) -> Result<i64, StoreError> {
    let mut tx = store.begin_write().await?;
    let repo_name = review::visible_repository(&mut tx, caller, new.workspace_id, new.repo_id).await?;
    let found = review::extraction_tasks(&mut tx, new.workspace_id, &new.extract_task_ids).await?;
    if let Some(task_id) = new.extract_task_ids.iter().find(|id| !found.contains_key(id)) {
        return Err(StoreError::NotFound {
            kind: ObjectKind::File,
            message: format!("extraction task {task_id} not found in workspace {}", new.workspace_id),
        });
    }
    let mut inputs = Vec::with_capacity(new.extract_task_ids.len());
    add_new(&mut inputs, new.extract_task_ids.iter().copied());
    if let Some(batch) = &new.batch_number {
        let batch_tasks = review::batch_task_ids(&mut tx, new.workspace_id, batch).await?;
        if batch_tasks.is_empty() && new.extract_task_ids.is_empty() {
            return Err(StoreError::NotFound {
                kind: ObjectKind::File,
                message: format!("batch {batch:?} has no files in workspace {}", new.workspace_id),
            });
        }
        add_new(&mut inputs, batch_tasks);
    }
    let id = tx.next_id();
    let row = NewTaskRow {
        id,
        workspace_id: new.workspace_id,
        name: &new.name,
        repo_id: new.repo_id,
        repo_name: &repo_name,
        model,
        extract_task_ids: &inputs,
    };
    review::insert_task(&mut tx, &row).await?;
    jobs::queue(&mut tx, JobKind::ReviewPlan, id, 1).await?;
    tx.commit().await?;
    Ok(id)
}

/// Appends those of `ids` not yet in `inputs`, in order. Up to 1,000 inputs:
/// a scan is as fast as a set.
fn add_new(inputs: &mut Vec<i64>, ids: impl IntoIterator<Item = i64>) {
    for id in ids {
        if !inputs.contains(&id) {
            inputs.push(id);
        }
    }
}
