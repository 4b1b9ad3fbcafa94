//! Review task endpoints (`review/task/*`, reference §3.5.4) and the result
//! shape: statistics, groups of rule results, anchors. The extension
//! `review/task/rule/history` lives in [`history`].

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::Id;

pub mod history;

/// Body of `review/task/submit`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct SubmitReviewTaskRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required, 1 to 100 characters.
    #[schema(required = true, nullable = false, min_length = 1, max_length = 100, pattern = r"\S")]
    pub name: Option<String>,
    /// Required: the rule repository to run.
    #[schema(required = true, nullable = false)]
    pub repo_id: Option<Id>,
    /// Extraction tasks to review; unioned with `batch_number`'s tasks.
    pub extract_task_ids: Option<Vec<Id>>,
    /// Every extraction task of this batch.
    pub batch_number: Option<String>,
    /// The model to judge prompt rules with; the default otherwise.
    pub model: Option<String>,
}

/// Result of `review/task/submit`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReviewTaskSubmitted {
    pub task_id: Id,
    /// The model the task runs with.
    pub model: String,
}

/// Body of `review/task/result`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct ReviewTaskResultRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub task_id: Option<Id>,
    /// Accepted; no detail page exists.
    #[serde(default, deserialize_with = "crate::lenient::option_bool")]
    pub with_task_detail_url: Option<bool>,
    /// Accepted and ignored (sent by some SDK versions).
    pub model: Option<String>,
}

/// A review task's current result.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReviewTaskResult {
    pub task_id: Id,
    pub task_name: String,
    // Its values are described in the OpenAPI document from `docreview_core::states`.
    pub status: i64,
    pub rule_repo: RuleRepoRef,
    pub extract_task_ids: Vec<Id>,
    pub statistics: ReviewStatistics,
    pub groups: Vec<ReviewGroupResult>,
    pub model: String,
    /// docreview's extension: why rules may not have been triggered, such as
    /// an input whose category the workspace does not have (an imported
    /// DocFlow result keeps its category by name only). Absent when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RuleRepoRef {
    pub repo_id: Id,
    pub name: String,
}

/// Rule counts: passed, not passed, errors, and rules not triggered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReviewStatistics {
    pub pass_count: i64,
    pub failure_count: i64,
    pub error_count: i64,
    pub not_triggered_count: i64,
}

/// The triggered rules of one group.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReviewGroupResult {
    pub group_id: Id,
    pub group_name: String,
    pub review_tasks: Vec<RuleTaskResult>,
}

/// One rule's result in a review task.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RuleTaskResult {
    pub rule_task_id: Id,
    pub rule_id: Id,
    pub rule_name: String,
    pub risk_level: i64,
    pub prompt: String,
    // Its values are described in the OpenAPI document from `docreview_core::states`.
    pub review_result: i64,
    pub reasoning: String,
    pub anchors: Vec<Anchor>,
}

/// Evidence: where a value the reasoning mentions sits in the source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Anchor {
    /// Code-point offset into `reasoning` where the mention starts.
    pub start_pos: i64,
    /// Code-point offset where it ends (exclusive).
    pub end_pos: i64,
    /// The source text.
    pub text: String,
    /// 8-int quad, page pixels; empty when the source has no position.
    pub vertices: Vec<i64>,
    pub file_id: Id,
    pub extract_task_id: Id,
    pub page: i64,
    /// `extract_field` or `ocr`.
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_name: Option<String>,
}

/// Body of `review/task/retry`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct RetryReviewTaskRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub task_id: Option<Id>,
}

/// Body of `review/task/rule/retry`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct RetryReviewRuleRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub task_id: Option<Id>,
    /// Required: a rule of the task.
    #[schema(required = true, nullable = false)]
    pub rule_id: Option<Id>,
}

/// Body of `review/task/delete`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct DeleteReviewTasksRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required, at least one.
    #[schema(required = true, nullable = false, min_items = 1)]
    pub task_ids: Option<Vec<Id>>,
}

/// Query of `review/task/list` (an extension; DocFlow has no task list).
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListReviewTasksQuery {
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub workspace_id: Option<Id>,
    /// Only tasks in this status.
    pub status: Option<i64>,
    /// Only tasks of this repository.
    #[param(value_type = Option<String>)]
    pub repo_id: Option<Id>,
    /// Created from (RFC 3339).
    pub start_time: Option<String>,
    /// Created until (RFC 3339).
    pub end_time: Option<String>,
    /// Page number from 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<i64>,
}

/// Result of `review/task/list`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReviewTaskList {
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    pub tasks: Vec<ReviewTaskSummary>,
}

/// One task of the list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReviewTaskSummary {
    pub task_id: Id,
    pub task_name: String,
    // Its values are described in the OpenAPI document from `docreview_core::states`.
    pub status: i64,
    pub rule_repo: RuleRepoRef,
    pub statistics: ReviewStatistics,
    pub model: String,
    /// Unix milliseconds.
    pub created_at: i64,
}
