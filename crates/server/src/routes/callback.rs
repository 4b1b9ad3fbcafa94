//! `workspace/callback/list` (docreview's extension): the events sent to a
//! workspace's callback URL, with how each delivery went.

use axum::extract::State;
use docreview_core::validation::{Page, required_id};
use docreview_store::callbacks::Delivery;
use docreview_wire::workspace::{CallbackDelivery, CallbackDeliveryList, CallbackListQuery};
use docreview_wire::{Envelope, Id};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::extract::{ApiQuery, Auth};
use crate::respond::{ApiResult, ok};
use crate::state::AppState;

/// This module's routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// A workspace's recent callback deliveries, newest first: each event, its
/// state (`pending`, `delivered`, `failed`), attempts and last answer.
#[utoipa::path(get, path = "/api/app-api/sip/platform/v2/workspace/callback/list", tag = "workspace",
    params(CallbackListQuery), responses((status = 200, body = Envelope<CallbackDeliveryList>)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<CallbackListQuery>,
) -> ApiResult<CallbackDeliveryList> {
    let workspace_id = required_id(query.workspace_id, "workspace_id")?;
    let page = Page::parse(query.page, query.page_size, 20)?;
    let (total, rows) = state.store.list_deliveries(&caller, workspace_id, page).await?;
    ok(CallbackDeliveryList {
        total,
        page: page.page,
        page_size: page.page_size,
        deliveries: rows.into_iter().map(to_wire).collect(),
    })
}

fn to_wire(row: Delivery) -> CallbackDelivery {
    CallbackDelivery {
        delivery_id: Id(row.id),
        event: row.event,
        task_id: Id(row.task_id),
        task_status: row.task_status,
        url: row.url,
        state: row.state,
        attempts: row.attempts,
        max_attempts: row.max_attempts,
        last_status_code: row.last_status_code,
        last_error: row.last_error,
        payload: row.payload,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}
