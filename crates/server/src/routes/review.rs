//! `review/task/*`: submit a review, read its result, retry it or one rule,
//! delete it; and, as extensions, list a workspace's tasks and read a rule
//! task's earlier runs ([`history`]).

mod history;

use std::collections::BTreeMap;

use axum::extract::State;
use docreview_core::review::{NewReviewTask, ReviewTaskDeletion, RuleCounts};
use docreview_core::states::{IntCode, ReviewStatus};
use docreview_core::time::{rfc3339_to_ms, with_reason};
use docreview_core::validation::{Page, ValidationError, required_id};
use docreview_engine::workflow;
use docreview_store::review::{ReviewTaskFilter, ReviewTaskRow, ReviewTaskSummaryRow};
use docreview_wire::envelope::Ack;
use docreview_wire::review::{
    DeleteReviewTasksRequest, ListReviewTasksQuery, RetryReviewRuleRequest, RetryReviewTaskRequest, ReviewGroupResult,
    ReviewTaskList, ReviewTaskResult, ReviewTaskResultRequest, ReviewTaskSubmitted, ReviewTaskSummary, RuleRepoRef,
    RuleTaskResult, SubmitReviewTaskRequest,
};
use docreview_wire::{Envelope, Id};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::extract::{ApiJson, ApiQuery, Auth};
use crate::respond::{ApiResult, ack, ok};
use crate::state::AppState;

/// This module's routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(submit))
        .routes(routes!(result))
        .routes(routes!(retry))
        .routes(routes!(retry_rule))
        .routes(routes!(delete))
        .routes(routes!(list))
        .merge(history::routes())
}

/// Creates a review task over extraction tasks (by id and/or batch) and starts it.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/review/task/submit", tag = "review tasks",
    request_body = SubmitReviewTaskRequest, responses((status = 200, body = Envelope<ReviewTaskSubmitted>)))]
pub async fn submit(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<SubmitReviewTaskRequest>,
) -> ApiResult<ReviewTaskSubmitted> {
    let new = NewReviewTask::try_from(body)?;
    // The task keeps the name of the model that judges it, as DocFlow reports it.
    let model = docreview_engine::model_in_use(&state.models, new.model.as_deref());
    let task_id = workflow::submit::submit(&state.store, &caller, &new, &model).await?;
    state.jobs.notify_waiters();
    ok(ReviewTaskSubmitted { task_id: Id(task_id), model })
}

/// The task's status, statistics and every triggered rule's verdict, by group.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/review/task/result", tag = "review tasks",
    request_body = ReviewTaskResultRequest, responses((status = 200, body = Envelope<ReviewTaskResult>)))]
pub async fn result(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<ReviewTaskResultRequest>,
) -> ApiResult<ReviewTaskResult> {
    let workspace_id = required_id(body.workspace_id, "workspace_id")?;
    let task_id = required_id(body.task_id, "task_id")?;
    let mut result = to_wire(state.store.review_task(&caller, workspace_id, task_id).await?);
    if result.statistics.not_triggered_count > 0 {
        result.notes = categories_known_by_name_only(&state, workspace_id, &result.extract_task_ids).await?;
    }
    ok(result)
}

/// Why a rule scoped to a category can miss an input: the input's category is
/// a name the workspace has no category of (an imported DocFlow result).
async fn categories_known_by_name_only(
    state: &AppState,
    workspace_id: i64,
    inputs: &[Id],
) -> Result<Vec<String>, ApiError> {
    let task_ids: Vec<i64> = inputs.iter().map(|id| id.0).collect();
    let files = state.store.files_by_task_ids(workspace_id, &task_ids).await?;
    Ok(files
        .into_iter()
        .filter(|file| file.category_id.is_none() && !file.category.is_empty())
        .map(|file| {
            format!(
                "extraction task {} ({}) has category {:?}, which workspace {workspace_id} has no category of, \
                 so rules scoped to categories are not triggered for it; create the category and retry the \
                 extraction task, or amend its category",
                file.task_id, file.name, file.category
            )
        })
        .collect())
}

/// Runs every rule again from the current rules and extraction results.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/review/task/retry", tag = "review tasks",
    request_body = RetryReviewTaskRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn retry(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<RetryReviewTaskRequest>,
) -> ApiResult<Ack> {
    let workspace_id = required_id(body.workspace_id, "workspace_id")?;
    let task_id = required_id(body.task_id, "task_id")?;
    workflow::retry::retry_task(&state.store, &caller, workspace_id, task_id).await?;
    state.jobs.notify_waiters();
    ack()
}

/// Runs one rule of the task again with the rule's current definition.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/review/task/rule/retry", tag = "review tasks",
    request_body = RetryReviewRuleRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn retry_rule(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<RetryReviewRuleRequest>,
) -> ApiResult<Ack> {
    let workspace_id = required_id(body.workspace_id, "workspace_id")?;
    let task_id = required_id(body.task_id, "task_id")?;
    let rule_id = required_id(body.rule_id, "rule_id")?;
    workflow::retry::retry_rule(&state.store, &caller, workspace_id, task_id, rule_id).await?;
    state.jobs.notify_waiters();
    ack()
}

/// Deletes review tasks; all or none.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/review/task/delete", tag = "review tasks",
    request_body = DeleteReviewTasksRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn delete(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<DeleteReviewTasksRequest>,
) -> ApiResult<Ack> {
    state.store.delete_review_tasks(&caller, &ReviewTaskDeletion::try_from(body)?).await?;
    ack()
}

/// An extension (DocFlow has no task list): the workspace's review tasks,
/// newest first, filtered by status, repository and creation time.
#[utoipa::path(get, path = "/api/app-api/sip/platform/v2/review/task/list", tag = "review tasks",
    params(ListReviewTasksQuery), responses((status = 200, body = Envelope<ReviewTaskList>)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<ListReviewTasksQuery>,
) -> ApiResult<ReviewTaskList> {
    let workspace_id = required_id(query.workspace_id, "workspace_id")?;
    let page = Page::parse(query.page, query.page_size, 20)?;
    let time = |value: Option<String>, field: &str| {
        value
            .filter(|v| !v.is_empty())
            .map(|v| {
                rfc3339_to_ms(&v)
                    .map_err(|e| ValidationError::new(field, with_reason(format!("not an RFC 3339 time: {v:?}"), &e)))
            })
            .transpose()
    };
    let status = query
        .status
        .map(|code| {
            ReviewStatus::from_code(code).ok_or_else(|| {
                let known = ReviewStatus::ALL.iter().map(|s| format!("{} {}", s.code(), s.name())).collect::<Vec<_>>();
                ValidationError::new("status", format!("unknown review status {code}; one of {}", known.join(", ")))
            })
        })
        .transpose()?;
    let filter = ReviewTaskFilter {
        repo_id: query.repo_id.map(|id| id.0),
        created_from: time(query.start_time, "start_time")?,
        created_to: time(query.end_time, "end_time")?,
        status,
    };
    let (total, rows) = state.store.review_task_summaries(&caller, workspace_id, filter, page).await?;
    let tasks = rows.into_iter().map(summary).collect();
    ok(ReviewTaskList { total, page: page.page, page_size: page.page_size, tasks })
}

fn summary(task: ReviewTaskSummaryRow) -> ReviewTaskSummary {
    ReviewTaskSummary {
        task_id: Id(task.id),
        task_name: task.name,
        status: task.counts.task_status(task.phase).code(),
        rule_repo: RuleRepoRef { repo_id: Id(task.repo_id), name: task.repo_name },
        statistics: task.counts.statistics(task.not_triggered_count),
        model: task.model,
        created_at: task.created_at,
    }
}

fn to_wire(task: ReviewTaskRow) -> ReviewTaskResult {
    let counts = RuleCounts::of(&task.rule_results());
    let mut groups: BTreeMap<i64, ReviewGroupResult> = BTreeMap::new();
    for rule in task.rule_tasks {
        let group = groups.entry(rule.group_id).or_insert_with(|| ReviewGroupResult {
            group_id: Id(rule.group_id),
            group_name: rule.group_name.clone(),
            review_tasks: Vec::new(),
        });
        group.review_tasks.push(RuleTaskResult {
            rule_task_id: Id(rule.id),
            rule_id: Id(rule.rule_id),
            rule_name: rule.rule_name,
            risk_level: rule.risk_level,
            prompt: rule.prompt,
            review_result: rule.status.code(),
            reasoning: rule.reasoning,
            anchors: rule.anchors,
        });
    }
    ReviewTaskResult {
        task_id: Id(task.id),
        task_name: task.name,
        status: counts.task_status(task.phase).code(),
        rule_repo: RuleRepoRef { repo_id: Id(task.repo_id), name: task.repo_name },
        extract_task_ids: task.extract_task_ids.into_iter().map(Id).collect(),
        statistics: counts.statistics(task.not_triggered_count),
        groups: groups.into_values().collect(),
        model: task.model,
        notes: Vec::new(),
    }
}
