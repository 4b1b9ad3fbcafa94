//! `file/update`: corrected results replace the extracted ones.

use axum::extract::State;
use docreview_core::files::check_extraction_data;
use docreview_core::validation::{required, required_id};
use docreview_engine::workflow;
use docreview_store::files::FileRef;
use docreview_wire::file::{UpdateFileItem, UpdatedFile, UpdatedFiles};
use docreview_wire::{Envelope, Id};

use crate::error::ApiError;
use crate::extract::{ApiJson, Auth};
use crate::respond::{ApiResult, ok};
use crate::state::AppState;

/// Files one update may correct.
const MAX_ITEMS: usize = 100;

/// Replaces each file's data with the submitted data (full replacement: fields
/// left out are deleted); all files or none.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/file/update", tag = "files",
    request_body = Vec<UpdateFileItem>, responses((status = 200, body = Envelope<UpdatedFiles>)))]
pub async fn update(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(items): ApiJson<Vec<UpdateFileItem>>,
) -> ApiResult<UpdatedFiles> {
    if items.is_empty() || items.len() > MAX_ITEMS {
        return Err(ApiError::invalid("request", format!("must list 1 to {MAX_ITEMS} files, got {}", items.len())));
    }
    let mut changes = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let at = |field: &str| format!("[{index}].{field}");
        let workspace_id = required_id(item.workspace_id, &at("workspace_id"))?;
        let file_id = required_id(item.file_id, &at("file_id"))?;
        let data = required(item.data, &at("data"))?;
        check_extraction_data(&data, &at("data"))?;
        changes.push((workspace_id, FileRef::File(file_id), data));
    }
    let updated = workflow::extraction::correct(&state.store, &caller, &changes).await?;
    ok(UpdatedFiles {
        files: updated.into_iter().map(|(ws, id)| UpdatedFile { workspace_id: Id(ws), id: Id(id) }).collect(),
    })
}
