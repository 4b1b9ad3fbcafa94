//! The plan job: waits for the task's inputs to finish extracting, then
//! creates one rule task per triggered rule, judging the expression rules on
//! the way.

use std::sync::Arc;

use docreview_core::review::is_triggered;
use docreview_store::Store;
use docreview_store::files::status as file_status;
use docreview_store::jobs::Claim;

use super::expressions::judge_plan;
use crate::claim::JobError;
use crate::judges::Judges;

/// How long a plan waits before looking at its inputs again.
const INPUT_POLL_MS: i64 = 300;

pub(crate) async fn plan(store: &Store, claim: &Claim, judges: &Arc<Judges>) -> Result<bool, JobError> {
    let Some(input) = store.plan_input(claim.subject_id).await? else {
        store.drop_orphan_job(claim).await?;
        return Ok(true);
    };
    if input.deleted {
        store.drop_orphan_job(claim).await?;
        return Ok(true);
    }
    if let Some(missing) = input.missing.first() {
        return Ok(store.fail_plan(claim, &format!("extraction task {missing} was deleted")).await?);
    }
    if input.inputs.iter().any(|(_, s, _)| !file_status::is_terminal(*s)) {
        store.postpone_job(claim, INPUT_POLL_MS, "waiting for extraction to finish").await?;
        return Ok(true);
    }
    if let Some((task_id, _, _)) = input.inputs.iter().find(|(_, s, _)| *s == file_status::FAILED) {
        return Ok(store.fail_plan(claim, &format!("extraction task {task_id} failed")).await?);
    }
    let Some(rules) = store.repository_rules(input.repo_id).await? else {
        return Ok(store.fail_plan(claim, &format!("rule repository {} was deleted", input.repo_id)).await?);
    };
    let categories: Vec<i64> = input.inputs.iter().filter_map(|(_, _, category)| *category).collect();
    let count = rules.len();
    let triggered: Vec<_> = rules.into_iter().filter(|r| is_triggered(&r.rule.category_ids, &categories)).collect();
    let not_triggered = (count - triggered.len()) as i64;
    let files = if triggered.iter().any(|r| r.rule.expression.is_some()) {
        let task_ids: Vec<i64> = input.inputs.iter().map(|(task_id, _, _)| *task_id).collect();
        store.files_by_task_ids(input.workspace_id, &task_ids).await?
    } else {
        Vec::new()
    };
    // CPU work of microseconds per rule: kept off the async workers.
    let judges = Arc::clone(judges);
    let planned = tokio::task::spawn_blocking(move || judge_plan(triggered, &files, &judges))
        .await
        .map_err(|e| JobError::Judge(format!("judging a plan's expression rules stopped unexpectedly: {e}")))?;
    Ok(store.commit_plan(claim, &planned, not_triggered).await?)
}
