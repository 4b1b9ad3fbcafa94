//! `category/sample/batch_upload` (multipart), `list`, `batch_download` (ZIP),
//! `delete`, and the deprecated single-file `upload` and `download`.

use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::response::Response;
use docreview_core::Caller;
use docreview_core::category::{
    NewSamples, SAMPLES_PER_CATEGORY_MAX, SAMPLES_PER_UPLOAD_MAX, SampleDeletion, SampleSelection,
};
use docreview_core::validation::{Page, required_id};
use docreview_wire::category::sample::{
    BatchDownloadSamplesRequest, CategorySample, DeleteSamplesRequest, DownloadSampleQuery, ListSamplesQuery,
    SampleList, SampleUploaded, SamplesUploaded, UploadSampleForm, UploadSamplesForm, UploadSamplesRequest,
};
use docreview_wire::envelope::Ack;
use docreview_wire::{Envelope, Id};

use super::archive;
use super::convert;
use super::multipart::{Form, FormLimits};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiQuery, Auth};
use crate::respond::{ApiResult, ack, ok};
use crate::state::AppState;

/// Adds sample files to a category, all or none.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/sample/batch_upload", tag = "categories",
    request_body(content = UploadSamplesForm, content_type = "multipart/form-data"),
    responses((status = 200, body = Envelope<SamplesUploaded>)))]
pub async fn batch_upload(
    State(state): State<AppState>,
    Auth(caller): Auth,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<SamplesUploaded> {
    let (ids, samples) = upload_files(&state, &caller, multipart, "files", SAMPLES_PER_UPLOAD_MAX).await?;
    ok(SamplesUploaded { sample_ids: ids.into_iter().map(Id).collect(), samples })
}

/// Deprecated: adds one sample file; use `batch_upload`.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/sample/upload", tag = "categories",
    request_body(content = UploadSampleForm, content_type = "multipart/form-data"),
    responses((status = 200, body = Envelope<SampleUploaded>)))]
pub async fn upload(
    State(state): State<AppState>,
    Auth(caller): Auth,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<SampleUploaded> {
    let (ids, samples) = upload_files(&state, &caller, multipart, "file", 1).await?;
    let id = ids.into_iter().next().ok_or_else(|| ApiError::invalid("file", "is required"))?;
    ok(SampleUploaded { sample_id: Id(id), samples })
}

/// Reads an upload form with up to `max` files in `part`, stores them, and
/// returns their ids and, with `with_detail`, every sample of the category.
async fn upload_files(
    state: &AppState,
    caller: &Caller,
    multipart: Result<Multipart, MultipartRejection>,
    part: &str,
    max: usize,
) -> Result<(Vec<i64>, Option<Vec<CategorySample>>), ApiError> {
    let limits = FormLimits {
        file_parts: &[(part, max)],
        file_bytes: state.limits.upload_file_bytes,
        text_bytes: state.limits.json_body_bytes,
    };
    let mut form = Form::read(multipart, limits).await?;
    let with_detail = form.flag("with_detail")?;
    let request = UploadSamplesRequest {
        workspace_id: form.id("workspace_id")?,
        category_id: form.id("category_id")?,
        files: form.files(part),
    };
    let new = NewSamples::parse(request, part, max)?;
    let ids = state.store.add_category_samples(caller, &new).await?;
    let samples = if with_detail {
        let every = Page { page: 1, page_size: SAMPLES_PER_CATEGORY_MAX as i64 };
        let (_, rows) = state.store.list_category_samples(caller, new.workspace_id, new.category_id, every).await?;
        Some(rows.into_iter().map(convert::sample).collect())
    } else {
        None
    };
    Ok((ids, samples))
}

/// The category's samples in upload order.
#[utoipa::path(get, path = "/api/app-api/sip/platform/v2/category/sample/list", tag = "categories",
    params(ListSamplesQuery), responses((status = 200, body = Envelope<SampleList>)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<ListSamplesQuery>,
) -> ApiResult<SampleList> {
    let workspace_id = required_id(query.workspace_id, "workspace_id")?;
    let category_id = required_id(query.category_id, "category_id")?;
    let page = Page::parse(query.page, query.page_size, 20)?;
    let (total, rows) = state.store.list_category_samples(&caller, workspace_id, category_id, page).await?;
    ok(SampleList {
        total,
        page: page.page,
        page_size: page.page_size,
        samples: rows.into_iter().map(convert::sample).collect(),
    })
}

/// A ZIP of the named samples (all of them when `sample_ids` is absent), named
/// after the category. Errors come as the usual JSON envelope.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/sample/batch_download", tag = "categories",
    request_body = BatchDownloadSamplesRequest,
    responses((status = 200, description = "The samples as a ZIP attachment, or a business error envelope",
        content((archive::FileBytes = "application/zip")))))]
pub async fn batch_download(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<BatchDownloadSamplesRequest>,
) -> Result<Response, ApiError> {
    let (category, files) = state.store.get_category_sample_files(&caller, &SampleSelection::try_from(body)?).await?;
    let bytes = archive::zip(&files)?;
    Ok(archive::attachment("application/zip", &format!("{}.zip", category.name), bytes))
}

/// Deprecated: one sample file as it was uploaded; use `batch_download`.
#[utoipa::path(get, path = "/api/app-api/sip/platform/v2/category/sample/download", tag = "categories",
    params(DownloadSampleQuery),
    responses((status = 200, description = "The sample as an attachment, or a business error envelope",
        content((archive::FileBytes = "application/octet-stream")))))]
pub async fn download(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<DownloadSampleQuery>,
) -> Result<Response, ApiError> {
    let selection = SampleSelection {
        workspace_id: required_id(query.workspace_id, "workspace_id")?,
        category_id: required_id(query.category_id, "category_id")?,
        sample_ids: Some(vec![required_id(query.sample_id, "sample_id")?]),
    };
    let (_, files) = state.store.get_category_sample_files(&caller, &selection).await?;
    let file = files.into_iter().next().ok_or_else(|| ApiError::internal(&std::io::Error::other("no sample row")))?;
    Ok(archive::attachment("application/octet-stream", &file.file_name, file.content))
}

/// Deletes samples, all or none; a category keeps at least one.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/sample/delete", tag = "categories",
    request_body = DeleteSamplesRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn delete(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<DeleteSamplesRequest>,
) -> ApiResult<Ack> {
    state.store.delete_category_samples(&caller, &SampleDeletion::try_from(body)?).await?;
    ack()
}
