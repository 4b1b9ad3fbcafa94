//! The plan job: waits for the task's inputs to finish extracting, then
//! gives each triggered rule its rule task, judging the expression rules on
//! the way and queueing a judge job for each of the others.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use docreview_core::review::is_triggered;
use docreview_core::states::{FileStatus, JobKind};
use docreview_store::callbacks::record_review_event_if_final;
use docreview_store::jobs::{self, Claim, NewJob};
use docreview_store::review::{self, Archive, ExistingRuleTask, PlannedRule, PlannedRuleTask, Verdict};
use docreview_store::{Store, StoreError, WriteTx};

use super::run::JobError;
use crate::judges::Judges;
use crate::judging::judge_plan;

/// How long a plan waits before looking at its inputs again.
const INPUT_POLL_MS: i64 = 300;

/// A triggered rule and, when the plan could judge it, its verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedTask {
    pub rule: PlannedRule,
    /// `None`: queued for a judge job of its own (a model judges it).
    pub verdict: Option<Verdict>,
}

/// Runs the claimed plan job; `Ok(false)` when it was superseded.
pub async fn run(store: &Store, claim: &Claim, judges: &Arc<Judges>) -> Result<bool, JobError> {
    let Some(input) = store.plan_input(claim.subject_id).await? else {
        store.drop_orphan_job(claim).await?;
        return Ok(true);
    };
    if input.deleted {
        store.drop_orphan_job(claim).await?;
        return Ok(true);
    }
    if let Some(missing) = input.missing.first() {
        return Ok(fail(store, claim, &format!("extraction task {missing} was deleted")).await?);
    }
    if input.inputs.iter().any(|input| !input.status.is_final()) {
        store.postpone_job(claim, INPUT_POLL_MS, "waiting for extraction to finish").await?;
        return Ok(true);
    }
    if let Some(failed) = input.inputs.iter().find(|input| input.status == FileStatus::Failed) {
        return Ok(fail(store, claim, &format!("extraction task {} failed", failed.task_id)).await?);
    }
    let Some(rules) = store.repository_rules(input.repo_id).await? else {
        return Ok(fail(store, claim, &format!("rule repository {} was deleted", input.repo_id)).await?);
    };
    let categories: Vec<i64> = input.inputs.iter().filter_map(|input| input.category_id).collect();
    let count = rules.len();
    let triggered: Vec<_> = rules.into_iter().filter(|r| is_triggered(&r.rule.category_ids, &categories)).collect();
    let not_triggered = (count - triggered.len()) as i64;
    let files = if triggered.iter().any(|r| r.rule.expression.is_some()) {
        let task_ids: Vec<i64> = input.inputs.iter().map(|input| input.task_id).collect();
        store.files_by_task_ids(input.workspace_id, &task_ids).await?
    } else {
        Vec::new()
    };
    // CPU work of microseconds per rule: kept off the async workers.
    let judges = Arc::clone(judges);
    let planned = tokio::task::spawn_blocking(move || judge_plan(triggered, &files, &judges))
        .await
        .map_err(|e| JobError::stopped("judging a plan's expression rules", &e))?;
    Ok(commit(store, claim, &planned, not_triggered).await?)
}

/// Writes the plan: the rule tasks of the triggered rules (reusing, at the
/// next generation, those of a previous run), finished where the plan
/// judged them and queued with a judge job each otherwise; drops the rule
/// tasks of rules that no longer trigger; marks the task planned. Finished
/// results it overwrites (a rule retried while the task waited for its
/// plan) go to the history. `false`: superseded, nothing written.
pub async fn commit(
    store: &Store,
    claim: &Claim,
    triggered: &[PlannedTask],
    not_triggered: i64,
) -> Result<bool, StoreError> {
    let task_id = claim.subject_id;
    let mut tx = store.begin_write().await?;
    if !review::claim_task(&mut tx, task_id, claim.generation).await? || !jobs::complete(&mut tx, claim).await? {
        return Ok(false);
    }
    // Every judge job of the task is replaced below; deleting them first
    // also waits out a verdict being committed, so the archive sees it.
    review::delete_rule_jobs(&mut tx, task_id).await?;
    review::archive_finished(&mut tx, Archive::Task(task_id)).await?;
    let existing = review::rule_tasks_of(&mut tx, task_id).await?;
    let kept: HashSet<i64> = triggered.iter().map(|t| t.rule.rule.rule_id).collect();
    let dropped: Vec<i64> =
        existing.iter().filter(|e| e.dropped_at.is_none() && !kept.contains(&e.rule_id)).map(|e| e.id).collect();
    review::drop_rule_tasks(&mut tx, &dropped).await?;
    let (rows, judge_jobs) = assign(&tx, triggered, &existing);
    review::write_planned(&mut tx, task_id, &rows).await?;
    jobs::queue_many(&mut tx, JobKind::ReviewRule, &judge_jobs).await?;
    review::mark_planned(&mut tx, task_id, not_triggered).await?;
    record_review_event_if_final(&mut tx, task_id).await?;
    tx.commit().await?;
    Ok(true)
}

/// Ends planning with the task failed (an input failed or the repository
/// is gone). `false`: superseded, nothing written.
pub async fn fail(store: &Store, claim: &Claim, cause: &str) -> Result<bool, StoreError> {
    let mut tx = store.begin_write().await?;
    if !review::claim_task(&mut tx, claim.subject_id, claim.generation).await?
        || !jobs::complete(&mut tx, claim).await?
    {
        return Ok(false);
    }
    review::mark_failed(&mut tx, claim.subject_id, cause).await?;
    record_review_event_if_final(&mut tx, claim.subject_id).await?;
    tx.commit().await?;
    Ok(true)
}

/// Gives each triggered rule its rule task (the previous run's, by rule id,
/// at the next generation, else a new one), and each task without a verdict
/// its judge job, at that rule task's generation.
fn assign<'a>(
    tx: &WriteTx,
    triggered: &'a [PlannedTask],
    existing: &[ExistingRuleTask],
) -> (Vec<PlannedRuleTask<'a>>, Vec<NewJob>) {
    let previous: HashMap<i64, &ExistingRuleTask> = existing.iter().map(|e| (e.rule_id, e)).collect();
    let mut rows = Vec::with_capacity(triggered.len());
    let mut judge_jobs = Vec::new();
    for PlannedTask { rule: planned, verdict } in triggered {
        let (id, generation) = match previous.get(&planned.rule.rule_id) {
            Some(earlier) => (earlier.id, earlier.generation + 1),
            None => (tx.next_id(), 1),
        };
        if verdict.is_none() {
            judge_jobs.push(NewJob { id: tx.next_id(), subject_id: id, generation });
        }
        rows.push(PlannedRuleTask {
            id,
            generation,
            group_id: planned.group_id,
            group_name: &planned.group_name,
            rule: &planned.rule,
            verdict: verdict.as_ref(),
        });
    }
    (rows, judge_jobs)
}
