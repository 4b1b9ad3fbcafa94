//! `category/fields/list`, `batch_add`, `batch_update`, `delete`, `config`, and
//! the deprecated single-field `add` and `update`.

use std::io;

use axum::extract::State;
use docreview_core::category::{FieldDeletion, FieldsPatch, NewFields};
use docreview_core::validation::required_id;
use docreview_wire::Envelope;
use docreview_wire::category::CategoryFieldConfig;
use docreview_wire::category::field::{
    AddFieldRequest, BatchAddFieldsRequest, BatchUpdateFieldsRequest, CategoryFieldUpdate, DeleteFieldsRequest,
    FieldAdded, FieldConfig, FieldConfigQuery, FieldList, ListFieldsQuery, UpdateFieldRequest,
};
use docreview_wire::envelope::Ack;
use serde_json::Value;

use super::{convert, flattened};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiQuery, Auth};
use crate::respond::{ApiResult, ack, ok};
use crate::state::AppState;

/// The category's regular fields, and its tables with their fields.
#[utoipa::path(get, path = "/api/app-api/sip/platform/v2/category/fields/list", tag = "categories",
    params(ListFieldsQuery), responses((status = 200, body = Envelope<FieldList>)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<ListFieldsQuery>,
) -> ApiResult<FieldList> {
    let workspace_id = required_id(query.workspace_id, "workspace_id")?;
    let category_id = required_id(query.category_id, "category_id")?;
    let (fields, tables) = state.store.list_category_fields(&caller, workspace_id, category_id).await?;
    ok(FieldList {
        fields: fields.into_iter().map(convert::field).collect(),
        tables: tables.into_iter().map(convert::table).collect(),
    })
}

/// Adds fields (to a table with `table_id`), all or none; one entry per field,
/// in request order.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/fields/batch_add", tag = "categories",
    request_body = BatchAddFieldsRequest, responses((status = 200, body = Envelope<Vec<FieldAdded>>)))]
pub async fn batch_add(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<BatchAddFieldsRequest>,
) -> ApiResult<Vec<FieldAdded>> {
    let with_detail = body.with_detail.unwrap_or(false);
    let rows = state.store.add_category_fields(&caller, &NewFields::try_from(body)?).await?;
    ok(rows.into_iter().map(|row| convert::field_added(row, with_detail)).collect())
}

/// Changes several fields, all or none; absent properties stay as they are.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/fields/batch_update", tag = "categories",
    request_body = BatchUpdateFieldsRequest, responses((status = 200, body = Envelope<Option<Vec<FieldAdded>>>)))]
pub async fn batch_update(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<BatchUpdateFieldsRequest>,
) -> ApiResult<Vec<FieldAdded>> {
    let with_detail = body.with_detail.unwrap_or(false);
    let rows = state.store.update_category_fields(&caller, &FieldsPatch::try_from(body)?).await?;
    convert::optional(with_detail.then(|| rows.into_iter().map(|row| convert::field_added(row, true)).collect()))
}

/// Deletes fields (of a table with `table_id`), all or none.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/fields/delete", tag = "categories",
    request_body = DeleteFieldsRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn delete(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<DeleteFieldsRequest>,
) -> ApiResult<Ack> {
    state.store.delete_category_fields(&caller, &FieldDeletion::try_from(body)?).await?;
    ack()
}

/// Deprecated: adds one field; use `batch_add`.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/fields/add", tag = "categories",
    request_body = AddFieldRequest, responses((status = 200, body = Envelope<FieldAdded>)))]
pub async fn add(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<FieldAdded> {
    let body: AddFieldRequest = flattened::read::<_, CategoryFieldConfig>(body)?;
    let with_detail = body.with_detail.unwrap_or(false);
    let rows = state.store.add_category_fields(&caller, &NewFields::try_from(body)?).await?;
    let row =
        rows.into_iter().next().ok_or_else(|| ApiError::internal(&io::Error::other("no row for the added field")))?;
    ok(convert::field_added(row, with_detail))
}

/// Deprecated: changes one field; use `batch_update`.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/fields/update", tag = "categories",
    request_body = UpdateFieldRequest, responses((status = 200, body = Envelope<Option<FieldAdded>>)))]
pub async fn update(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<FieldAdded> {
    let body: UpdateFieldRequest = flattened::read::<_, CategoryFieldUpdate>(body)?;
    let with_detail = body.with_detail.unwrap_or(false);
    let rows = state.store.update_category_fields(&caller, &FieldsPatch::try_from(body)?).await?;
    convert::optional(rows.into_iter().next().filter(|_| with_detail).map(|row| convert::field_added(row, true)))
}

/// The extraction settings of one field: aliases, export name, multiple values
/// and transform.
#[utoipa::path(get, path = "/api/app-api/sip/platform/v2/category/fields/config", tag = "categories",
    params(FieldConfigQuery), responses((status = 200, body = Envelope<FieldConfig>)))]
pub async fn config(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<FieldConfigQuery>,
) -> ApiResult<FieldConfig> {
    let workspace_id = required_id(query.workspace_id, "workspace_id")?;
    let category_id = required_id(query.category_id, "category_id")?;
    let field_id = required_id(query.field_id, "field_id")?;
    let row = state.store.get_category_field(&caller, workspace_id, category_id, field_id).await?;
    ok(convert::field_config(row))
}
