//! `file/delete`: files matching any condition, with their results.

use axum::extract::State;
use docreview_core::files::FileDeletion;
use docreview_wire::Envelope;
use docreview_wire::file::{DeleteFilesRequest, DeletedFiles};

use crate::extract::{ApiJson, Auth};
use crate::respond::{ApiResult, ok};
use crate::state::AppState;

/// Deletes every file that matches any of the conditions (OR); irreversible.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/file/delete", tag = "files",
    request_body = DeleteFilesRequest, responses((status = 200, body = Envelope<DeletedFiles>)))]
pub async fn delete(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<DeleteFilesRequest>,
) -> ApiResult<DeletedFiles> {
    let deleted = state.store.delete_files(&caller, &FileDeletion::try_from(body)?).await?;
    ok(DeletedFiles { deleted_count: i64::try_from(deleted).unwrap_or(i64::MAX) })
}
