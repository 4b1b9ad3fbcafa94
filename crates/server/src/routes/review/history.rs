//! `review/task/rule/history`, an extension: the earlier runs of one rule
//! task, kept when a retry overwrote their results.

use axum::extract::State;
use docreview_core::validation::required_id;
use docreview_store::review::{RuleTaskHistory as StoredHistory, RuleTaskRun as StoredRun};
use docreview_wire::review::history::{RuleTaskHistory, RuleTaskHistoryRequest, RuleTaskRun};
use docreview_wire::{Envelope, Id};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::extract::{ApiJson, Auth};
use crate::respond::{ApiResult, ok};
use crate::state::AppState;

/// This module's routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(history))
}

/// An extension (DocFlow keeps no history): the earlier runs of one rule task
/// of a review task, newest first, each with its verdict, reasoning, anchors
/// and the rule's name, prompt and expression as they were when it was judged.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/review/task/rule/history", tag = "review tasks",
    request_body = RuleTaskHistoryRequest, responses((status = 200, body = Envelope<RuleTaskHistory>)))]
pub async fn history(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<RuleTaskHistoryRequest>,
) -> ApiResult<RuleTaskHistory> {
    let workspace_id = required_id(body.workspace_id, "workspace_id")?;
    let task_id = required_id(body.task_id, "task_id")?;
    let rule_task_id = required_id(body.rule_task_id, "rule_task_id")?;
    let stored = state.store.rule_task_history(&caller, workspace_id, task_id, rule_task_id).await?;
    ok(to_wire(task_id, stored))
}

fn to_wire(task_id: i64, history: StoredHistory) -> RuleTaskHistory {
    RuleTaskHistory {
        task_id: Id(task_id),
        rule_task_id: Id(history.rule_task_id),
        rule_id: Id(history.rule_id),
        dropped: history.dropped,
        runs: history.runs.into_iter().map(run).collect(),
    }
}

fn run(run: StoredRun) -> RuleTaskRun {
    RuleTaskRun {
        run: run.run,
        generation: run.generation,
        rule_name: run.rule_name,
        prompt: run.prompt,
        expression: run.expression,
        review_result: run.status.code(),
        reasoning: run.reasoning,
        anchors: run.anchors,
        finished_at: run.finished_at,
    }
}
