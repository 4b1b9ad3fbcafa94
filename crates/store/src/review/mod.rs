//! Review tasks and their rule tasks.
//!
//! A submit stores the task in phase `waiting` and queues a plan job in one
//! transaction. The plan job waits for the inputs to finish extracting, then
//! creates one rule task per triggered rule (current rules of the repository)
//! and queues a judge job for each. A retry bumps the task's generation (and
//! every rule task's), so running judges are fenced off and their results
//! discarded; a rule retry bumps that rule task's generation only. Whatever
//! finished result a retry or a re-plan overwrites is kept in the rule task's
//! history (an extension).

mod history;
mod judging;
mod plan;
mod read;
mod retry;
mod submit;

pub use history::{RuleTaskHistory, RuleTaskRun};
pub use judging::{JudgeInput, RuleDefinition, Verdict};
pub use plan::{PlanInput, PlannedRule};
pub use read::{ReviewTaskRow, RuleTaskRow};

use docreview_core::review::Phase;

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
