//! Review tasks and their rule tasks, as the database keeps them: reads for
//! the API and the jobs, and small named writes that the workflow
//! (`docreview_engine::workflow`) composes inside a [`WriteTx`]. Nothing here
//! decides what a submit, retry, plan or verdict does; each write is one
//! statement, or a few of one kind, with no policy of its own.
//!
//! A task's generation fences its plan; each rule task's generation fences
//! its judge. Whatever finished result a retry or a re-plan overwrites is
//! kept in the rule task's history (an extension).
//!
//! [`WriteTx`]: crate::WriteTx

mod history;
mod inputs;
mod judging;
mod list;
mod plan;
mod read;
mod retry;
mod stored_anchors;
mod submit;

pub use history::{Archive, RuleTaskHistory, RuleTaskRun, archive_finished};
pub use inputs::ReviewInput;
pub use judging::{JudgeInput, RuleDefinition, Verdict, write_verdict};
pub use list::{ReviewTaskFilter, ReviewTaskSummaryRow};
pub use plan::{
    ExistingRuleTask, PlanInput, PlannedRule, PlannedRuleTask, claim_task, drop_rule_tasks, mark_failed, mark_planned,
    rule_tasks_of, write_planned,
};
pub use read::{ReviewTaskRow, RuleTaskRow};
pub use retry::{
    RetryCount, RetryWindow, count_retry, delete_rule_jobs, lock_job, requeue_rule_task, requeue_rule_tasks,
    restart_task, rule_task_of, rule_task_state,
};
pub use submit::{NewTaskRow, batch_task_ids, extraction_tasks, insert_task, visible_repository};

use crate::StoreError;
use crate::jobs::JobKind;

/// Deletes the judge jobs of a review task's rule tasks, inside the caller's
/// transaction. A verdict being committed holds its job's row, so this waits
/// for it to finish.
pub(crate) async fn delete_judge_jobs(conn: &mut sqlx::AnyConnection, task_id: i64) -> Result<(), StoreError> {
    sqlx::query(
        "DELETE FROM jobs WHERE kind = $1 AND subject_id IN (SELECT id FROM rule_tasks WHERE review_task_id = $2)",
    )
    .bind(JobKind::ReviewRule.as_str())
    .bind(task_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
