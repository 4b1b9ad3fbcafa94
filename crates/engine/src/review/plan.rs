//! The plan job: waits for the task's inputs to finish extracting, then
//! creates one rule task per triggered rule.

use docreview_core::review::is_triggered;
use docreview_store::Store;
use docreview_store::files::status as file_status;
use docreview_store::jobs::Claim;

use crate::claim::JobError;

/// How long a plan waits before looking at its inputs again.
const INPUT_POLL_MS: i64 = 300;

pub(crate) async fn plan(store: &Store, claim: &Claim, batch_size: usize) -> Result<bool, JobError> {
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
        store.release_job(claim, INPUT_POLL_MS, "waiting for extraction to finish").await?;
        return Ok(true);
    }
    if let Some((task_id, _, _)) = input.inputs.iter().find(|(_, s, _)| *s == file_status::FAILED) {
        return Ok(store.fail_plan(claim, &format!("extraction task {task_id} failed")).await?);
    }
    let Some(rules) = store.repository_rules(input.repo_id).await? else {
        return Ok(store.fail_plan(claim, &format!("rule repository {} was deleted", input.repo_id)).await?);
    };
    let categories: Vec<i64> = input.inputs.iter().filter_map(|(_, _, category)| *category).collect();
    let triggered: Vec<_> = rules.iter().filter(|r| is_triggered(&r.category_ids, &categories)).cloned().collect();
    let not_triggered = (rules.len() - triggered.len()) as i64;
    Ok(store.commit_plan(claim, &triggered, not_triggered, batch_size).await?)
}
