//! The batch job: the expression rules of up to a few hundred rule tasks of
//! one review task, judged over documents read once, their verdicts committed
//! in one transaction. Judging is CPU work of microseconds per rule, so it
//! runs on a blocking thread rather than holding up the async workers.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use docreview_store::Store;
use docreview_store::files::FileRow;
use docreview_store::jobs::Claim;
use docreview_store::review::{BatchMember, BatchVerdict, Verdict};

use super::context::SharedContexts;
use super::verdict::{does_not_compile, error, from_judge, rule_deleted};
use crate::claim::JobError;
use crate::judges::Judges;

pub(crate) async fn judge_batch(store: &Store, claim: &Claim, judges: &Arc<Judges>) -> Result<bool, JobError> {
    let Some(input) = store.batch_input(claim.subject_id).await? else {
        store.drop_orphan_job(claim).await?;
        return Ok(true);
    };
    let files = store.files_by_task_ids(input.workspace_id, &input.extract_task_ids).await?;
    let members = input.members;
    let judges = Arc::clone(judges);
    let (members, verdicts) = tokio::task::spawn_blocking(move || {
        let verdicts = judge_members(&members, &files, &judges);
        (members, verdicts)
    })
    .await
    .map_err(|e| JobError::Judge(format!("a batch's judging stopped unexpectedly: {e}")))?;
    let verdicts: Vec<BatchVerdict<'_>> =
        members.iter().zip(verdicts).map(|(member, verdict)| BatchVerdict { member, verdict }).collect();
    Ok(store.commit_batch(claim, &verdicts).await?)
}

/// Each member's verdict, in order; `None` for a rule that has no expression
/// any more (a judge job of its own asks the model).
fn judge_members(members: &[BatchMember], files: &[FileRow], judges: &Judges) -> Vec<Option<Verdict>> {
    let mut contexts = SharedContexts::new(files);
    members
        .iter()
        .map(|member| {
            let Some(rule) = &member.rule else { return Some(rule_deleted(member.rule_id)) };
            let expression = rule.expression.as_ref()?;
            Some(match judges.programs.get_or_compile(expression) {
                Ok(program) => {
                    let context = contexts.get(rule);
                    // One rule that trips the evaluator must not sink the batch.
                    match catch_unwind(AssertUnwindSafe(|| docreview_judge::evaluate(&program, context))) {
                        Ok(verdict) => from_judge(verdict),
                        Err(panic) => {
                            error(format!("the expression judge failed on this rule: {}", panic_text(&panic)))
                        }
                    }
                }
                Err(cause) => does_not_compile(cause),
            })
        })
        .collect()
}

fn panic_text(panic: &(dyn Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("panic")
}
