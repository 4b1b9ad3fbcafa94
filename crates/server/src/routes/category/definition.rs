//! `category/create` (multipart), `list`, `update`, `delete`.

use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartRejection};
use docreview_core::category::{CREATE_SAMPLES_MAX, CategoryDeletion, CategoryPatch, EnabledFilter, NewCategory};
use docreview_core::validation::{Page, required_id};
use docreview_wire::category::definition::{
    Category, CategoryCreated, CategoryList, CreateCategoryForm, CreateCategoryRequest, DeleteCategoriesRequest,
    ListCategoriesQuery, UpdateCategoryRequest,
};
use docreview_wire::envelope::Ack;
use docreview_wire::{Envelope, Id};

use super::convert;
use super::multipart::{Form, FormLimits};
use crate::extract::{ApiJson, ApiQuery, Auth};
use crate::respond::{ApiResult, ack, ok};
use crate::state::AppState;

/// Creates a category with its fields, tables, sample files and keyword rules,
/// all or nothing. The category starts enabled.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/create", tag = "categories",
    request_body(content = CreateCategoryForm, content_type = "multipart/form-data"),
    responses((status = 200, body = Envelope<CategoryCreated>)))]
pub async fn create(
    State(state): State<AppState>,
    Auth(caller): Auth,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult<CategoryCreated> {
    let limits = FormLimits {
        file_parts: &[("sample_files", CREATE_SAMPLES_MAX)],
        file_bytes: state.limits.upload_file_bytes,
        text_bytes: state.limits.json_body_bytes,
    };
    let mut form = Form::read(multipart, limits).await?;
    let with_detail = form.flag("with_detail")?;
    let request = CreateCategoryRequest {
        workspace_id: form.id("workspace_id")?,
        name: form.text("name"),
        extract_model: form.text("extract_model"),
        sample_files: form.files("sample_files"),
        fields: form.json("fields")?,
        tables: form.json("tables")?,
        category_prompt: form.text("category_prompt"),
        description: form.text("description"),
        category_keyword_rules: form.json("category_keyword_rules")?,
    };
    let new = NewCategory::try_from(request)?;
    let id = state.store.create_category(&caller, &new).await?;
    let detail = if with_detail {
        Some(convert::detail(state.store.get_category_tree(&caller, new.workspace_id, id).await?))
    } else {
        None
    };
    ok(CategoryCreated { category_id: Id(id), detail })
}

/// The workspace's categories, newest first; by default the enabled ones.
#[utoipa::path(get, path = "/api/app-api/sip/platform/v2/category/list", tag = "categories",
    params(ListCategoriesQuery), responses((status = 200, body = Envelope<CategoryList>)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<ListCategoriesQuery>,
) -> ApiResult<CategoryList> {
    let workspace_id = required_id(query.workspace_id, "workspace_id")?;
    let filter = EnabledFilter::parse(query.enabled.as_deref())?;
    let page = Page::parse(query.page, query.page_size, 20)?;
    let (total, rows) = state.store.list_categories(&caller, workspace_id, filter, page).await?;
    ok(CategoryList {
        total,
        page: page.page,
        page_size: page.page_size,
        categories: rows.into_iter().map(convert::category).collect(),
    })
}

/// Changes the properties present in the body; `extract_model` also becomes the
/// model of every field and table, `category_keyword_rules` replaces the rules.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/update", tag = "categories",
    request_body = UpdateCategoryRequest, responses((status = 200, body = Envelope<Option<Category>>)))]
pub async fn update(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<UpdateCategoryRequest>,
) -> ApiResult<Category> {
    let with_detail = body.with_detail.unwrap_or(false);
    let updated = state.store.update_category(&caller, &CategoryPatch::try_from(body)?).await?;
    convert::optional(with_detail.then(|| convert::category(updated)))
}

/// Deletes categories with their fields, tables and samples; all or none.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/delete", tag = "categories",
    request_body = DeleteCategoriesRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn delete(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<DeleteCategoriesRequest>,
) -> ApiResult<Ack> {
    state.store.delete_categories(&caller, &CategoryDeletion::try_from(body)?).await?;
    ack()
}
