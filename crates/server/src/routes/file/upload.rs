//! `file/upload` and `file/upload/sync`: store the files of one request in a
//! batch, queue their extraction, answer with their ids (or, sync, with their
//! results once every task has finished).

use std::time::{Duration, Instant};

use axum::extract::{FromRequest, Multipart, Request, State};
use docreview_core::files::UploadOptions;
use docreview_store::files::CreatedFile;
use docreview_wire::file::{
    TaskProcessResult, UploadFilesForm, UploadQuery, UploadResult, UploadUrlsRequest, UploadedFile,
};
use docreview_wire::{Envelope, ErrorCode, Id};

use super::result::to_wire;
use super::{multipart, urls};
use crate::error::ApiError;
use crate::extract::{ApiQuery, Auth, parse_json};
use crate::respond::{ApiResult, ok};
use crate::state::AppState;

/// How long `file/upload/sync` waits for the tasks before answering with
/// whatever status they have reached.
const SYNC_WAIT: Duration = Duration::from_secs(300);
const SYNC_POLL: Duration = Duration::from_millis(100);

/// Uploads files (multipart parts named `file`, or JSON `{"urls": [...]}`) and
/// queues their extraction.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/file/upload", tag = "files", params(UploadQuery),
    request_body(content((UploadFilesForm = "multipart/form-data"), (UploadUrlsRequest = "application/json")),
        description = "One or more parts named `file`, or a JSON list of URLs"),
    responses((status = 200, body = Envelope<UploadResult>)))]
pub async fn upload(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<UploadQuery>,
    request: Request,
) -> ApiResult<UploadResult> {
    let (batch_number, created) = store_upload(&state, &caller, query, request).await?;
    ok(UploadResult {
        batch_number,
        files: created
            .into_iter()
            .map(|(file, name, format)| UploadedFile { id: Id(file.file_id), task_id: Id(file.task_id), name, format })
            .collect(),
    })
}

/// Uploads like `file/upload`, then waits until every task has finished and
/// answers with their results (a failed file shows `recognition_status` 2).
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/file/upload/sync", tag = "files", params(UploadQuery),
    request_body(content((UploadFilesForm = "multipart/form-data"), (UploadUrlsRequest = "application/json")),
        description = "One or more parts named `file`, or a JSON list of URLs"),
    responses((status = 200, body = Envelope<TaskProcessResult>)))]
pub async fn upload_sync(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<UploadQuery>,
    request: Request,
) -> ApiResult<TaskProcessResult> {
    let workspace_id = query.workspace_id.map(|id| id.0).unwrap_or_default();
    let (_, created) = store_upload(&state, &caller, query, request).await?;
    let task_ids: Vec<i64> = created.iter().map(|(file, _, _)| file.task_id).collect();
    let deadline = Instant::now() + SYNC_WAIT;
    let rows = loop {
        let rows = state.store.files_by_task_ids(workspace_id, &task_ids).await?;
        let finished = rows.iter().all(|row| row.recognition_status.is_final());
        if finished || Instant::now() >= deadline {
            break rows;
        }
        tokio::time::sleep(SYNC_POLL).await;
    };
    let total = rows.len() as i64;
    ok(TaskProcessResult {
        total,
        page: 1,
        page_size: total.max(1),
        files: rows.into_iter().map(|row| to_wire(row, false)).collect(),
    })
}

type Stored = (String, Vec<(CreatedFile, String, String)>);

/// Validates the query, reads the files, stores them and wakes the workers.
async fn store_upload(
    state: &AppState,
    caller: &docreview_core::Caller,
    query: UploadQuery,
    request: Request,
) -> Result<Stored, ApiError> {
    let options = UploadOptions::try_from(query)?;
    // Visibility first, so nothing below reveals another tenant's workspace.
    state.store.get_workspace(caller, options.workspace_id).await?;
    let is_multipart = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let files = if is_multipart {
        let parts = Multipart::from_request(request, state)
            .await
            .map_err(|e| ApiError::invalid("request body", format!("expected multipart/form-data: {e}")))?;
        let limits = multipart::UploadLimits {
            file_bytes: state.limits.upload_file_bytes,
            parts: state.limits.upload_parts,
            request_bytes: state.limits.upload_request_bytes,
        };
        multipart::read_files(parts, "file", limits).await?
    } else {
        crate::extract::require_json(request.headers()).map_err(|_| {
            ApiError::new(
                ErrorCode::UnsupportedMediaType,
                "an upload is multipart/form-data (parts named `file`) or application/json (`{\"urls\": [...]}`)",
            )
        })?;
        let bytes = axum::body::to_bytes(request.into_body(), state.limits.json_body_bytes)
            .await
            .map_err(|_| ApiError::new(ErrorCode::BodyTooLarge, "request body is larger than the configured limit"))?;
        urls::download(&state.outbound, parse_json::<UploadUrlsRequest>(&bytes)?, state.limits.upload_file_bytes)
            .await?
    };
    if let Some(category) = &options.category {
        state.store.category_spec_by_name(options.workspace_id, category).await.map_err(|error| match error {
            docreview_store::StoreError::NotFound { kind: docreview_store::ObjectKind::Category, .. } => ApiError::new(
                ErrorCode::CategoryNotFound,
                format!("category {category:?} does not exist in workspace {}", options.workspace_id),
            ),
            other => other.into(),
        })?;
    }
    let batch_number = options.batch_number.clone().unwrap_or_else(|| state.store.new_batch_number());
    let created = state
        .store
        .create_files(
            caller,
            options.workspace_id,
            &batch_number,
            options.category.as_deref(),
            options.target_process.as_deref(),
            &options.parser_params,
            &files,
        )
        .await?;
    state.jobs.notify_waiters();
    let described = created.into_iter().zip(files).map(|(ids, file)| (ids, file.name, file.format)).collect();
    Ok((batch_number, described))
}
