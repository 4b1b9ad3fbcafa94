//! `file/retry`: run the pipeline again for a finished task.

use axum::extract::State;
use docreview_core::validation::required_id;
use docreview_engine::workflow;
use docreview_store::files::FileRef;
use docreview_wire::Envelope;
use docreview_wire::envelope::Ack;
use docreview_wire::file::RetryFileRequest;

use crate::error::ApiError;
use crate::extract::{ApiJson, Auth};
use crate::respond::{ApiResult, ack};
use crate::state::AppState;

/// Re-runs parse, classify and extract for a task that succeeded or failed,
/// overwriting its results; optional new parser parameters.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/file/retry", tag = "files",
    request_body = RetryFileRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn retry(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<RetryFileRequest>,
) -> ApiResult<Ack> {
    let workspace_id = required_id(body.workspace_id, "workspace_id")?;
    let task_id = required_id(body.task_id, "task_id")?;
    if let Some(params) = &body.parser_params
        && !params.is_object()
    {
        return Err(ApiError::invalid("parser_params", "must be an object"));
    }
    workflow::extraction::rerun(
        &state.store,
        &caller,
        workspace_id,
        FileRef::Task(task_id),
        body.parser_params.as_ref(),
        None,
    )
    .await?;
    state.jobs.notify_waiters();
    ack()
}
