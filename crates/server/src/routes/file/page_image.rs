//! `file/page_image` (an extension): one page of an image or PDF upload as a
//! PNG, upright, so that a client can draw fields and anchors on it at their
//! vertices. The stored bytes are drawn in the parsing child, as they are
//! parsed: never in the server process.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use docreview_core::validation::required_id;
use docreview_engine::sandbox::draws_pages;
use docreview_wire::ErrorCode;
use docreview_wire::file::PageImageQuery;

use crate::error::ApiError;
use crate::extract::{ApiQuery, Auth};
use crate::state::AppState;

/// One page of an extraction task's file as PNG, upright, in the pixel space
/// its vertices use.
#[utoipa::path(get, path = "/api/app-api/sip/platform/v2/file/page_image", tag = "files", params(PageImageQuery),
    responses((status = 200, description = "The page as a PNG image", content_type = "image/png", body = Vec<u8>)))]
pub async fn page_image(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<PageImageQuery>,
) -> Result<Response, ApiError> {
    let workspace_id = required_id(query.workspace_id, "workspace_id")?;
    let task_id = required_id(query.task_id, "task_id")?;
    let page = query.page.unwrap_or(0);
    let source = state.store.page_source(&caller, workspace_id, task_id).await?;
    if !draws_pages(&source.format) {
        return Err(ApiError::invalid(
            "task_id",
            format!(
                "extraction task {task_id} is a {} file, which has no page images: pages are drawn for images and PDFs",
                if source.format.is_empty() { "not yet parsed" } else { source.format.as_str() }
            ),
        ));
    }
    let info = usize::try_from(page).ok().and_then(|index| source.pages.get(index)).ok_or_else(|| {
        let count = source.pages.len();
        let pages = if count == 1 { "1 page".to_owned() } else { format!("{count} pages") };
        ApiError::invalid(
            "page",
            format!("extraction task {task_id} has {pages}, numbered from 0; there is no page {page}"),
        )
    })?;
    let content = source.content.ok_or_else(|| {
        ApiError::new(
            ErrorCode::Conflict,
            format!("file {} was refused at upload, so its bytes were not kept", source.file_id),
        )
    })?;
    let drawn = state
        .sandbox
        .draw_page(&source.name, &source.format, content, info)
        .await
        .map_err(|e| ApiError::internal(&e))?;
    let png =
        drawn.map_err(|cause| ApiError::new(ErrorCode::Conflict, format!("page {page} cannot be drawn: {cause}")))?;
    Ok(([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "private, max-age=300")], png).into_response())
}
