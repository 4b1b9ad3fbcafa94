//! Review tasks: validated requests, which rules a task triggers, and how rule
//! results roll up into the task's status and statistics (DESIGN §3).

use docreview_wire::review::{DeleteReviewTasksRequest, ReviewStatistics, SubmitReviewTaskRequest};

use crate::states::{Phase, ReviewStatus, RuleResult};
use crate::validation::{self, ValidationError, required, required_id};

pub const NAME_MAX: usize = 100;
/// Extraction tasks one review may cover.
pub const EXTRACT_TASKS_MAX: usize = 1000;

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
    pub fn of(results: &[RuleResult]) -> Self {
        let count = |wanted: fn(RuleResult) -> bool| results.iter().filter(|r| wanted(**r)).count() as i64;
        Self {
            total: results.len() as i64,
            queued: count(|r| r == RuleResult::Queued),
            open: count(|r| !r.is_final()),
            passed: count(|r| r == RuleResult::Passed),
            not_passed: count(|r| r == RuleResult::NotPassed),
            error: count(|r| r == RuleResult::Error),
        }
    }

    /// The task status from its phase and these counts:
    /// recognizing while inputs extract, recognition failed if one failed,
    /// queued until a rule starts, reviewing while any rule is open, then
    /// error if any errored, else not passed if any did not pass, else passed.
    pub fn task_status(&self, phase: Phase) -> ReviewStatus {
        match phase {
            Phase::Waiting => ReviewStatus::Recognizing,
            Phase::Failed => ReviewStatus::RecognitionFailed,
            Phase::Planned if self.total > 0 && self.queued == self.total => ReviewStatus::Queued,
            Phase::Planned if self.open > 0 => ReviewStatus::Reviewing,
            Phase::Planned if self.error > 0 => ReviewStatus::Error,
            Phase::Planned if self.not_passed > 0 => ReviewStatus::NotPassed,
            Phase::Planned => ReviewStatus::Passed,
        }
    }

    /// [`Self::task_status`] as an SQL expression over columns `phase`,
    /// `total`, `queued`, `open`, `error` and `not_passed`, so that a listing
    /// filters and pages by status in the database. Kept beside the Rust
    /// roll-up, and tested against it.
    pub fn task_status_sql() -> String {
        let code = |status: ReviewStatus| status.code();
        format!(
            "CASE WHEN phase = '{waiting}' THEN {recognizing} WHEN phase = '{failed}' THEN {recognition_failed} \
             WHEN total > 0 AND queued = total THEN {queued} WHEN open > 0 THEN {reviewing} \
             WHEN error > 0 THEN {error} WHEN not_passed > 0 THEN {not_passed} ELSE {passed} END",
            waiting = Phase::Waiting.as_str(),
            failed = Phase::Failed.as_str(),
            recognizing = code(ReviewStatus::Recognizing),
            recognition_failed = code(ReviewStatus::RecognitionFailed),
            queued = code(ReviewStatus::Queued),
            reviewing = code(ReviewStatus::Reviewing),
            error = code(ReviewStatus::Error),
            not_passed = code(ReviewStatus::NotPassed),
            passed = code(ReviewStatus::Passed),
        )
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
    use super::*;
    use crate::states::RuleResult::*;

    #[test]
    fn the_task_status_rolls_up_from_its_rules() {
        let task_status = |phase, results: &[RuleResult]| RuleCounts::of(results).task_status(phase);
        assert_eq!(task_status(Phase::Waiting, &[]), ReviewStatus::Recognizing);
        assert_eq!(task_status(Phase::Failed, &[Passed]), ReviewStatus::RecognitionFailed);
        assert_eq!(task_status(Phase::Planned, &[Queued, Queued]), ReviewStatus::Queued);
        assert_eq!(task_status(Phase::Planned, &[Passed, Queued]), ReviewStatus::Reviewing);
        assert_eq!(task_status(Phase::Planned, &[Reviewing, Error]), ReviewStatus::Reviewing);
        assert_eq!(task_status(Phase::Planned, &[Passed, NotPassed, Error]), ReviewStatus::Error);
        assert_eq!(task_status(Phase::Planned, &[Passed, NotPassed]), ReviewStatus::NotPassed);
        assert_eq!(task_status(Phase::Planned, &[Passed, Passed]), ReviewStatus::Passed);
        assert_eq!(task_status(Phase::Planned, &[]), ReviewStatus::Passed);
    }

    #[test]
    fn a_rule_triggers_when_all_its_categories_are_present() {
        assert!(is_triggered(&[], &[]));
        assert!(is_triggered(&[1, 2], &[2, 1, 3]));
        assert!(!is_triggered(&[1, 4], &[1, 2]));
    }

    #[test]
    fn statistics_count_each_result() {
        let counts = RuleCounts::of(&[Passed, Passed, NotPassed, Error, Queued, Reviewing]);
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
