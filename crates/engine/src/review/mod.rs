//! Review jobs. A plan job waits for the task's inputs to finish extracting,
//! then creates one rule task per triggered rule. Rules with an expression
//! are judged by the plan itself, over documents read once, and their rule
//! tasks written with their verdicts in the plan's transaction. Any other
//! rule task, and one retried on its own, has a judge job of its own, judged
//! by the review task's model; a rule with neither an expression nor a
//! configured model ends as an error that says what to configure. Every
//! judge answers with the rule's current definition over the current
//! extraction results, and a judge that cannot decide answers "error" (2),
//! never "not passed" (4).

mod context;
mod expressions;
mod judge;
mod plan;
mod verdict;

pub(crate) use judge::judge;
pub(crate) use plan::plan;

use docreview_store::jobs::Claim;
use docreview_store::{Store, StoreError};

/// Ends the review task as failed with `cause` (see [`crate::give_up`]).
pub(crate) async fn give_up_plan(store: &Store, claim: &Claim, cause: &str) -> Result<bool, StoreError> {
    match store.plan_input(claim.subject_id).await? {
        Some(input) if !input.deleted => store.fail_plan(claim, cause).await,
        _ => store.drop_orphan_job(claim).await.map(|()| true),
    }
}

/// Ends the rule task as an error (2) with `cause` (see [`crate::give_up`]).
pub(crate) async fn give_up_rule(store: &Store, claim: &Claim, cause: &str) -> Result<bool, StoreError> {
    match store.judge_input(claim.subject_id).await? {
        Some(_) => store.commit_verdict(claim, &verdict::error(cause.to_owned()), None).await,
        None => store.drop_orphan_job(claim).await.map(|()| true),
    }
}
