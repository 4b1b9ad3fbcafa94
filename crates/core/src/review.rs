//! Review tasks: validated requests, which rules a task triggers, and how rule
//! results roll up into the task's status and statistics (DESIGN §3).

use docreview_wire::review::{DeleteReviewTasksRequest, ReviewStatistics, SubmitReviewTaskRequest};

use crate::validation::{self, ValidationError, required, required_id};

pub const NAME_MAX: usize = 100;
/// Extraction tasks one review may cover.
pub const EXTRACT_TASKS_MAX: usize = 1000;

/// The shared status enum of review tasks and rule results (reference §5.4).
pub mod status {
    pub const PENDING: i64 = 0;
    pub const PASSED: i64 = 1;
    pub const ERROR: i64 = 2;
    pub const REVIEWING: i64 = 3;
    pub const NOT_PASSED: i64 = 4;
    pub const RECOGNIZING: i64 = 5;
    pub const QUEUED: i64 = 6;
    pub const RECOGNITION_FAILED: i64 = 7;

    /// Whether the status will not change without a retry.
    pub fn is_terminal(status: i64) -> bool {
        matches!(status, PASSED | ERROR | NOT_PASSED | RECOGNITION_FAILED)
    }
}

/// A review task to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReviewTask {
    pub workspace_id: i64,
    pub name: String,
    pub repo_id: i64,
    pub extract_task_ids: Vec<i64>,
    pub batch_number: Option<String>,
    pub model: Option<String>,
}

impl TryFrom<SubmitReviewTaskRequest> for NewReviewTask {
    type Error = ValidationError;

    fn try_from(request: SubmitReviewTaskRequest) -> Result<Self, Self::Error> {
        let task = Self {
            workspace_id: required_id(request.workspace_id, "workspace_id")?,
            name: validation::name(&required(request.name, "name")?, "name", NAME_MAX)?,
            repo_id: required_id(request.repo_id, "repo_id")?,
            extract_task_ids: validation::optional_id_list(
                request.extract_task_ids.unwrap_or_default(),
                "extract_task_ids",
                EXTRACT_TASKS_MAX,
            )?,
            batch_number: request.batch_number.filter(|b| !b.trim().is_empty()),
            model: request.model.filter(|m| !m.trim().is_empty()),
        };
        if task.extract_task_ids.is_empty() && task.batch_number.is_none() {
            return Err(ValidationError::new("extract_task_ids", "give extract_task_ids, a batch_number, or both"));
        }
        Ok(task)
    }
}

/// Review tasks to delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewTaskDeletion {
    pub workspace_id: i64,
    pub task_ids: Vec<i64>,
}

impl TryFrom<DeleteReviewTasksRequest> for ReviewTaskDeletion {
    type Error = ValidationError;

    fn try_from(request: DeleteReviewTasksRequest) -> Result<Self, Self::Error> {
        Ok(Self {
            workspace_id: required_id(request.workspace_id, "workspace_id")?,
            task_ids: validation::id_list(request.task_ids, "task_ids", EXTRACT_TASKS_MAX)?,
        })
    }
}

/// A rule is triggered when every category it names is among the categories of
/// the reviewed extraction tasks; a rule naming none is always triggered.
pub fn is_triggered(rule_categories: &[i64], task_categories: &[i64]) -> bool {
    rule_categories.iter().all(|c| task_categories.contains(c))
}

/// Where a review task is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Some input is still being extracted.
    Waiting,
    /// Rule tasks exist (possibly none).
    Planned,
    /// An input failed to extract, or the repository is gone.
    Failed,
}

/// How many of a task's rule tasks are in each state: all that its status
/// and statistics are rolled up from, so a listing can count them in the
/// database instead of reading every result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuleCounts {
    pub total: i64,
    pub queued: i64,
    /// Not finished: queued or being judged.
    pub open: i64,
    pub passed: i64,
    pub not_passed: i64,
    pub error: i64,
}

impl RuleCounts {
    /// The counts of these rule results.
    pub fn of(rule_statuses: &[i64]) -> Self {
        let count = |wanted: fn(i64) -> bool| rule_statuses.iter().filter(|s| wanted(**s)).count() as i64;
        Self {
            total: rule_statuses.len() as i64,
            queued: count(|s| s == status::QUEUED),
            open: count(|s| !status::is_terminal(s)),
            passed: count(|s| s == status::PASSED),
            not_passed: count(|s| s == status::NOT_PASSED),
            error: count(|s| s == status::ERROR),
        }
    }

    /// The task status from its phase and these counts:
    /// 5 while inputs extract, 7 if one failed, 6 until a rule starts, 3 while
    /// any rule is open, then 2 if any errored, else 4 if any did not pass,
    /// else 1.
    pub fn task_status(&self, phase: Phase) -> i64 {
        match phase {
            Phase::Waiting => status::RECOGNIZING,
            Phase::Failed => status::RECOGNITION_FAILED,
            Phase::Planned if self.total > 0 && self.queued == self.total => status::QUEUED,
            Phase::Planned if self.open > 0 => status::REVIEWING,
            Phase::Planned if self.error > 0 => status::ERROR,
            Phase::Planned if self.not_passed > 0 => status::NOT_PASSED,
            Phase::Planned => status::PASSED,
        }
    }

    /// The statistics of a task with these counts.
    pub fn statistics(&self, not_triggered: i64) -> ReviewStatistics {
        ReviewStatistics {
            pass_count: self.passed,
            failure_count: self.not_passed,
            error_count: self.error,
            not_triggered_count: not_triggered,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::status::*;
    use super::*;

    #[test]
    fn the_task_status_rolls_up_from_its_rules() {
        let task_status = |phase, statuses: &[i64]| RuleCounts::of(statuses).task_status(phase);
        assert_eq!(task_status(Phase::Waiting, &[]), RECOGNIZING);
        assert_eq!(task_status(Phase::Failed, &[PASSED]), RECOGNITION_FAILED);
        assert_eq!(task_status(Phase::Planned, &[QUEUED, QUEUED]), QUEUED);
        assert_eq!(task_status(Phase::Planned, &[PASSED, QUEUED]), REVIEWING);
        assert_eq!(task_status(Phase::Planned, &[REVIEWING, ERROR]), REVIEWING);
        assert_eq!(task_status(Phase::Planned, &[PASSED, NOT_PASSED, ERROR]), ERROR);
        assert_eq!(task_status(Phase::Planned, &[PASSED, NOT_PASSED]), NOT_PASSED);
        assert_eq!(task_status(Phase::Planned, &[PASSED, PASSED]), PASSED);
        assert_eq!(task_status(Phase::Planned, &[]), PASSED);
    }

    #[test]
    fn a_rule_triggers_when_all_its_categories_are_present() {
        assert!(is_triggered(&[], &[]));
        assert!(is_triggered(&[1, 2], &[2, 1, 3]));
        assert!(!is_triggered(&[1, 4], &[1, 2]));
    }

    #[test]
    fn statistics_count_each_result() {
        let counts = RuleCounts::of(&[PASSED, PASSED, NOT_PASSED, ERROR, QUEUED, REVIEWING]);
        assert_eq!((counts.total, counts.queued, counts.open), (6, 1, 2));
        let stats = counts.statistics(3);
        assert_eq!((stats.pass_count, stats.failure_count, stats.error_count, stats.not_triggered_count), (2, 1, 1, 3));
    }

    #[test]
    fn a_submit_needs_inputs_and_a_short_name() {
        let base = SubmitReviewTaskRequest {
            workspace_id: Some(docreview_wire::Id(1)),
            name: Some("Q3".into()),
            repo_id: Some(docreview_wire::Id(2)),
            batch_number: Some("B1".into()),
            ..Default::default()
        };
        assert!(NewReviewTask::try_from(base.clone()).is_ok());
        let no_inputs = SubmitReviewTaskRequest { batch_number: None, ..base.clone() };
        assert_eq!(NewReviewTask::try_from(no_inputs).unwrap_err().field, "extract_task_ids");
        let long = SubmitReviewTaskRequest { name: Some("n".repeat(101)), ..base };
        assert_eq!(NewReviewTask::try_from(long).unwrap_err().field, "name");
    }
}
