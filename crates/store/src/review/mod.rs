//! Review tasks and their rule tasks.
//!
//! A submit stores the task in phase `waiting` and queues a plan job in one
//! transaction. The plan job waits for the inputs to finish extracting, then
//! creates one rule task per triggered rule (current rules of the repository).
//! Expression rules are judged by the plan itself and their rule tasks written
//! with their verdicts: a verdict takes microseconds, and a job and a
//! transaction per rule would cost far more than the judging. Every other
//! rule task is queued with a judge job of its own. A retry bumps the task's
//! generation (and every rule task's), so running judges are fenced off and
//! their results discarded; a rule retry bumps that rule task's generation
//! only. Whatever finished result a retry or a re-plan overwrites is kept in
//! the rule task's history (an extension).

mod history;
mod inputs;
mod judging;
mod list;
mod plan;
mod read;
mod retry;
mod stored_anchors;
mod submit;

pub use history::{RuleTaskHistory, RuleTaskRun};
pub use judging::{JudgeInput, RuleDefinition, Verdict};
pub use list::{ReviewTaskFilter, ReviewTaskSummaryRow};
pub use plan::{PlanInput, PlannedRule, PlannedTask};
pub use read::{ReviewTaskRow, RuleTaskRow};

use docreview_core::review::Phase;

use crate::StoreError;
use crate::jobs::JobKind;

/// Retries of one task allowed per window.
pub const RETRIES_PER_WINDOW: i64 = 10;
/// The retry window, in milliseconds.
pub const RETRY_WINDOW_MS: i64 = 60_000;

pub(crate) fn phase_from(text: &str) -> Phase {
    match text {
        "planned" => Phase::Planned,
        "failed" => Phase::Failed,
        _ => Phase::Waiting,
    }
}

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
