//! `workspace/create`, `list`, `get`, `update`, `delete`.

use axum::extract::State;
use docreview_core::validation::{Page, required_id};
use docreview_core::workspace::{NewWorkspace, WorkspaceDeletion, WorkspacePatch};
use docreview_store::workspaces::WorkspaceRow;
use docreview_wire::envelope::Ack;
use docreview_wire::workspace::{
    CreateWorkspaceRequest, DeleteWorkspacesRequest, GetWorkspaceQuery, ListWorkspacesQuery, UpdateWorkspaceRequest,
    Workspace, WorkspaceCreated, WorkspaceList,
};
use docreview_wire::{Envelope, Id};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::ApiError;
use crate::extract::{ApiJson, ApiQuery, Auth};
use crate::respond::{ApiResult, ack, ok};
use crate::state::AppState;

/// This module's routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create))
        .routes(routes!(list))
        .routes(routes!(get))
        .routes(routes!(update))
        .routes(routes!(delete))
}

/// Creates a workspace owned by the calling app.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/workspace/create", tag = "workspace",
    request_body = CreateWorkspaceRequest, responses((status = 200, body = Envelope<WorkspaceCreated>)))]
pub async fn create(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<CreateWorkspaceRequest>,
) -> ApiResult<WorkspaceCreated> {
    let new = NewWorkspace::try_from(body)?;
    check_enterprise(new.enterprise_id, caller.enterprise_id)?;
    let id = state.store.create_workspace(&caller, &new).await?;
    ok(WorkspaceCreated { workspace_id: Id(id) })
}

/// The workspaces the caller can see, newest first.
#[utoipa::path(get, path = "/api/app-api/sip/platform/v2/workspace/list", tag = "workspace",
    params(ListWorkspacesQuery), responses((status = 200, body = Envelope<WorkspaceList>)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<ListWorkspacesQuery>,
) -> ApiResult<WorkspaceList> {
    check_enterprise(query.enterprise_id.map(|id| id.0), caller.enterprise_id)?;
    let page = Page::parse(query.page, query.page_size, 20)?;
    let (total, rows) = state.store.list_workspaces(&caller, page).await?;
    ok(WorkspaceList {
        total,
        page: page.page,
        page_size: page.page_size,
        workspaces: rows.into_iter().map(to_wire).collect(),
    })
}

/// One workspace.
#[utoipa::path(get, path = "/api/app-api/sip/platform/v2/workspace/get", tag = "workspace",
    params(GetWorkspaceQuery), responses((status = 200, body = Envelope<Workspace>)))]
pub async fn get(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<GetWorkspaceQuery>,
) -> ApiResult<Workspace> {
    let id = required_id(query.workspace_id, "workspace_id")?;
    ok(to_wire(state.store.get_workspace(&caller, id).await?))
}

/// Changes the fields present in the body.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/workspace/update", tag = "workspace",
    request_body = UpdateWorkspaceRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn update(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<UpdateWorkspaceRequest>,
) -> ApiResult<Ack> {
    state.store.update_workspace(&caller, &WorkspacePatch::try_from(body)?).await?;
    ack()
}

/// Deletes workspaces with everything in them; all or none.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/workspace/delete", tag = "workspace",
    request_body = DeleteWorkspacesRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn delete(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<DeleteWorkspacesRequest>,
) -> ApiResult<Ack> {
    state.store.delete_workspaces(&caller, &WorkspaceDeletion::try_from(body)?).await?;
    ack()
}

/// An `enterprise_id` in a request must be the caller's own.
fn check_enterprise(requested: Option<i64>, own: i64) -> Result<(), ApiError> {
    match requested {
        Some(id) if id != own => {
            Err(ApiError::invalid("enterprise_id", format!("{id} is not the enterprise of the calling app")))
        }
        _ => Ok(()),
    }
}

fn to_wire(row: WorkspaceRow) -> Workspace {
    Workspace {
        workspace_id: Id(row.id),
        name: row.name,
        description: row.description,
        auth_scope: row.auth_scope,
        manage_account_id: row.owner_app_id,
        manage_account_name: row.owner_app_name,
        callback_url: row.callback_url,
        callback_retry_time: row.callback_retry_time,
        callback_secret: row.callback_secret,
        date_order: row.date_order.name().to_owned(),
    }
}
