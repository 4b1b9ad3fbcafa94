//! Review jobs. A plan job waits for the task's inputs to finish extracting,
//! then creates one rule task per triggered rule. The rule tasks of rules
//! with an expression are judged in batches: one batch job evaluates a few
//! hundred of them over documents read once and commits their verdicts
//! together. Any other rule task, and one retried on its own, has a judge job
//! of its own, judged by the review task's model; a rule with neither an
//! expression nor a configured model ends as an error that says what to
//! configure. Every judge answers with the rule's current definition over the
//! current extraction results, and a judge that cannot decide answers
//! "error" (2), never "not passed" (4).

mod batch;
mod context;
mod judge;
mod plan;
mod verdict;

use std::sync::Arc;
use std::time::Duration;

use docreview_store::Store;
use docreview_store::jobs::JobKind;

use crate::claim::{JobError, Outcome, run_one};
use crate::judges::Judges;

/// Claims one ready plan job, if any, and runs it; expression rules are
/// batched `batch_size` rule tasks to a job.
pub async fn try_execute_plan(store: &Store, lease: Duration, batch_size: usize) -> Result<Outcome, JobError> {
    run_one(store, JobKind::ReviewPlan, lease, |claim| async move { plan::plan(store, &claim, batch_size).await }).await
}

/// Claims one ready batch of expression rule tasks, if any, and judges it.
pub async fn try_execute_batch(store: &Store, lease: Duration, judges: &Arc<Judges>) -> Result<Outcome, JobError> {
    run_one(store, JobKind::ReviewBatch, lease, |claim| async move { batch::judge_batch(store, &claim, judges).await })
        .await
}

/// Claims one ready judge job, if any, and runs it.
pub async fn try_execute_judge(store: &Store, lease: Duration, judges: &Judges) -> Result<Outcome, JobError> {
    run_one(store, JobKind::ReviewRule, lease, |claim| async move { judge::judge(store, &claim, judges).await }).await
}
