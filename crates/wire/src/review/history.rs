//! `review/task/rule/history`, an extension (DocFlow keeps no history): the
//! earlier runs of one rule task, whose results a retry overwrote.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Anchor;
use crate::Id;

/// Body of `review/task/rule/history`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct RuleTaskHistoryRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// Required.
    #[schema(required = true, nullable = false)]
    pub task_id: Option<Id>,
    /// Required: a rule task of the task (`groups[].review_tasks[].rule_task_id`
    /// of `review/task/result`).
    #[schema(required = true, nullable = false)]
    pub rule_task_id: Option<Id>,
}

/// Result of `review/task/rule/history`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RuleTaskHistory {
    pub task_id: Id,
    pub rule_task_id: Id,
    pub rule_id: Id,
    /// True when a later run of the task dropped this rule (deleted, or no
    /// longer triggered by the documents): it is no longer in the result.
    pub dropped: bool,
    /// The earlier runs, newest first; empty before the first retry.
    pub runs: Vec<RuleTaskRun>,
}

/// One earlier run of a rule task, as it stood when a retry overwrote it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RuleTaskRun {
    /// 1 for the oldest run kept, counting up.
    pub run: i64,
    /// The rule task's generation the verdict was committed under (it grows
    /// with every retry and re-plan, so it may skip numbers).
    pub generation: i64,
    /// The rule's name when it was judged.
    pub rule_name: String,
    /// The rule's prompt when it was judged.
    pub prompt: String,
    /// The rule's expression when it was judged (absent: it had none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    // Its values are described in the OpenAPI document from `docreview_core::states`.
    pub review_result: i64,
    pub reasoning: String,
    pub anchors: Vec<Anchor>,
    /// When the verdict was committed, Unix milliseconds.
    pub finished_at: i64,
}
