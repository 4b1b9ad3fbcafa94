//! `category/tables/list`, `batch_add`, `batch_update`, `delete`, and the
//! deprecated single-table `add` and `update`.

use std::io;

use axum::extract::State;
use docreview_core::category::{NewTables, TableDeletion, TablesPatch};
use docreview_core::validation::required_id;
use docreview_wire::Envelope;
use docreview_wire::category::table::{
    AddTableRequest, BatchAddTablesRequest, BatchUpdateTablesRequest, CategoryTableConfig, CategoryTableUpdate,
    DeleteTablesRequest, ListTablesQuery, TableAdded, TableList, UpdateTableRequest,
};
use docreview_wire::envelope::Ack;
use serde_json::Value;

use super::{convert, flattened};
use crate::error::ApiError;
use crate::extract::{ApiJson, ApiQuery, Auth};
use crate::respond::{ApiResult, ack, ok};
use crate::state::AppState;

/// The category's tables, without their fields; `fields/list` has them with.
#[utoipa::path(get, path = "/api/app-api/sip/platform/v2/category/tables/list", tag = "categories",
    params(ListTablesQuery), responses((status = 200, body = Envelope<TableList>)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<ListTablesQuery>,
) -> ApiResult<TableList> {
    let workspace_id = required_id(query.workspace_id, "workspace_id")?;
    let category_id = required_id(query.category_id, "category_id")?;
    let rows = state.store.list_category_tables(&caller, workspace_id, category_id).await?;
    ok(TableList { tables: rows.into_iter().map(convert::table_summary).collect() })
}

/// Adds tables with their fields, all or none; one entry per table, in request order.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/tables/batch_add", tag = "categories",
    request_body = BatchAddTablesRequest, responses((status = 200, body = Envelope<Vec<TableAdded>>)))]
pub async fn batch_add(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<BatchAddTablesRequest>,
) -> ApiResult<Vec<TableAdded>> {
    let with_detail = body.with_detail.unwrap_or(false);
    let trees = state.store.add_category_tables(&caller, &NewTables::try_from(body)?).await?;
    ok(trees.into_iter().map(|tree| convert::table_added(tree, with_detail)).collect())
}

/// Changes several tables, all or none; a new model also applies to the
/// table's fields.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/tables/batch_update", tag = "categories",
    request_body = BatchUpdateTablesRequest, responses((status = 200, body = Envelope<Option<Vec<TableAdded>>>)))]
pub async fn batch_update(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<BatchUpdateTablesRequest>,
) -> ApiResult<Vec<TableAdded>> {
    let with_detail = body.with_detail.unwrap_or(false);
    let trees = state.store.update_category_tables(&caller, &TablesPatch::try_from(body)?).await?;
    convert::optional(with_detail.then(|| trees.into_iter().map(|tree| convert::table_added(tree, true)).collect()))
}

/// Deletes tables with their fields, all or none.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/tables/delete", tag = "categories",
    request_body = DeleteTablesRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn delete(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<DeleteTablesRequest>,
) -> ApiResult<Ack> {
    state.store.delete_category_tables(&caller, &TableDeletion::try_from(body)?).await?;
    ack()
}

/// Deprecated: adds one table; use `batch_add`.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/tables/add", tag = "categories",
    request_body = AddTableRequest, responses((status = 200, body = Envelope<TableAdded>)))]
pub async fn add(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<TableAdded> {
    let body: AddTableRequest = flattened::read::<_, CategoryTableConfig>(body)?;
    let with_detail = body.with_detail.unwrap_or(false);
    let trees = state.store.add_category_tables(&caller, &NewTables::try_from(body)?).await?;
    let tree =
        trees.into_iter().next().ok_or_else(|| ApiError::internal(&io::Error::other("no row for the added table")))?;
    ok(convert::table_added(tree, with_detail))
}

/// Deprecated: changes one table (`collect_from_multi_table` required); use `batch_update`.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/category/tables/update", tag = "categories",
    request_body = UpdateTableRequest, responses((status = 200, body = Envelope<Option<TableAdded>>)))]
pub async fn update(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<TableAdded> {
    let body: UpdateTableRequest = flattened::read::<_, CategoryTableUpdate>(body)?;
    let with_detail = body.with_detail.unwrap_or(false);
    let trees = state.store.update_category_tables(&caller, &TablesPatch::try_from(body)?).await?;
    convert::optional(trees.into_iter().next().filter(|_| with_detail).map(|tree| convert::table_added(tree, true)))
}
