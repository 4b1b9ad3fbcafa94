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
use docreview_store::jobs::{Claim, JobKind};

use crate::claim::{JobError, Outcome, run_claimed};
use crate::judges::Judges;

/// Runs a claimed review job of any kind but extraction.
pub(crate) async fn execute(
    store: &Store,
    kind: JobKind,
    claim: Claim,
    lease: Duration,
    judges: &Arc<Judges>,
    batch_size: usize,
) -> Result<Outcome, JobError> {
    run_claimed(store, kind, claim, lease, |claim| async move {
        match kind {
            JobKind::ReviewPlan => plan::plan(store, &claim, batch_size).await,
            JobKind::ReviewBatch => batch::judge_batch(store, &claim, judges).await,
            JobKind::ReviewRule => judge::judge(store, &claim, judges).await,
            JobKind::Extract => Err(JobError::Judge("an extraction job reached the review jobs".to_owned())),
        }
    })
    .await
}
