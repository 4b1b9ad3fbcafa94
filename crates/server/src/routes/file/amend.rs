//! `file/amend_category`: extract a finished task again as another category.

use axum::extract::State;
use docreview_core::validation::{self, required, required_id};
use docreview_engine::workflow;
use docreview_store::files::FileRef;
use docreview_store::{ObjectKind, StoreError};
use docreview_wire::envelope::Ack;
use docreview_wire::file::AmendCategoryRequest;
use docreview_wire::{Envelope, ErrorCode};

use crate::error::ApiError;
use crate::extract::{ApiJson, Auth};
use crate::respond::{ApiResult, ack};
use crate::state::AppState;

/// Sets a regular task's category and re-extracts it with that category's fields.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/file/amend_category", tag = "files",
    request_body = AmendCategoryRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn amend_category(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<AmendCategoryRequest>,
) -> ApiResult<Ack> {
    let workspace_id = required_id(body.workspace_id, "workspace_id")?;
    let task_id = required_id(body.task_id, "task_id")?;
    for (field, given) in [("split_tasks", body.split_tasks.is_some()), ("crop_tasks", body.crop_tasks.is_some())] {
        if given {
            return Err(ApiError::invalid(
                field,
                "applies only to split or crop parent tasks; this server creates regular tasks only, use category",
            ));
        }
    }
    let category = validation::name(&required(body.category, "category")?, "category", 50)?;
    state.store.get_workspace(&caller, workspace_id).await?;
    match state.store.category_spec_by_name(workspace_id, &category).await {
        Ok(_) => {}
        Err(StoreError::NotFound { kind: ObjectKind::Category, .. }) => {
            return Err(ApiError::new(
                ErrorCode::CategoryNotFound,
                format!("category {category:?} does not exist in workspace {workspace_id}"),
            ));
        }
        Err(other) => return Err(other.into()),
    }
    workflow::extraction::rerun(&state.store, &caller, workspace_id, FileRef::Task(task_id), None, Some(&category))
        .await?;
    state.jobs.notify_waiters();
    ack()
}
