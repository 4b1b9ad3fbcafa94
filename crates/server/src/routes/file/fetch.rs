//! `file/fetch`: files and their results, filtered and paged.

use axum::extract::State;
use docreview_core::files::FileFilter;
use docreview_wire::Envelope;
use docreview_wire::file::{FetchQuery, TaskProcessResult};

use super::result::to_wire;
use crate::extract::{ApiQuery, Auth};
use crate::respond::{ApiResult, ok};
use crate::state::AppState;

/// Files of a workspace with their extraction results, newest first.
#[utoipa::path(get, path = "/api/app-api/sip/platform/v2/file/fetch", tag = "files", params(FetchQuery),
    responses((status = 200, body = Envelope<TaskProcessResult>)))]
pub async fn fetch(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<FetchQuery>,
) -> ApiResult<TaskProcessResult> {
    let (filter, page) = FileFilter::parse(query)?;
    let (total, rows) = state.store.fetch_files(&caller, &filter, page).await?;
    ok(TaskProcessResult {
        total,
        page: page.page,
        page_size: page.page_size,
        files: rows.into_iter().map(|row| to_wire(row, filter.with_document)).collect(),
    })
}
