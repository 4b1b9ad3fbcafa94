//! Workspace endpoints (`workspace/*`).
//!
//! Request fields the reference marks required are still `Option` here, so that a
//! missing one is reported by validation as "`name` is required" rather than as a
//! JSON shape error.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::Id;

/// Body of `workspace/create`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct CreateWorkspaceRequest {
    /// Required, 1 to 50 characters.
    #[schema(required = true, nullable = false, min_length = 1, max_length = 50, pattern = r"\S")]
    pub name: Option<String>,
    /// At most 200 characters.
    pub description: Option<String>,
    /// Required: 0 visible to the creating app only, 1 to every app of the enterprise.
    #[schema(required = true, nullable = false, minimum = 0, maximum = 1)]
    pub auth_scope: Option<i64>,
    /// Accepted for compatibility; must be the caller's enterprise when given.
    pub enterprise_id: Option<Id>,
    /// Where results are pushed; `http://` or `https://`.
    pub callback_url: Option<String>,
    /// How many times a failed callback is retried, 0 to 3 (default 0).
    #[schema(minimum = 0, maximum = 3)]
    pub callback_retry_time: Option<i64>,
    /// docreview's extension: how dates written `03/05/2024` are read
    /// (default `month_first`).
    #[schema(schema_with = crate::schema::date_order)]
    pub date_order: Option<String>,
}

/// Result of `workspace/create`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WorkspaceCreated {
    pub workspace_id: Id,
}

/// Query of `workspace/list`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListWorkspacesQuery {
    /// Accepted for compatibility; must be the caller's enterprise when given.
    #[param(value_type = Option<String>)]
    pub enterprise_id: Option<Id>,
    /// Page number from 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<i64>,
}

/// Result of `workspace/list`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkspaceList {
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    pub workspaces: Vec<Workspace>,
}

/// A workspace, as `workspace/get` and `workspace/list` return it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Workspace {
    pub workspace_id: Id,
    pub name: String,
    pub description: String,
    /// 0 private to the creating app, 1 visible to the enterprise.
    pub auth_scope: i64,
    /// The app id of the app that created the workspace.
    pub manage_account_id: String,
    /// The name of that app.
    pub manage_account_name: String,
    pub callback_url: String,
    pub callback_retry_time: i64,
    /// docreview's extension: the key this workspace's callbacks are signed
    /// with (HMAC-SHA256, see the README's "Callbacks").
    pub callback_secret: String,
    /// docreview's extension: how dates written `03/05/2024` are read.
    #[schema(schema_with = crate::schema::date_order)]
    pub date_order: String,
}

/// Query of `workspace/callback/list` (docreview's extension).
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallbackListQuery {
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub workspace_id: Option<Id>,
    /// Page number from 1 (default 1).
    #[param(minimum = 1)]
    pub page: Option<i64>,
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub page_size: Option<i64>,
}

/// One event sent (or being sent) to a workspace's callback URL.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CallbackDelivery {
    pub delivery_id: Id,
    /// `extraction.finished` or `review.finished`.
    pub event: String,
    /// The extraction or review task.
    pub task_id: Id,
    /// The final status the event reports.
    pub task_status: i64,
    pub url: String,
    /// `pending`, `delivered` or `failed`.
    pub state: String,
    pub attempts: i64,
    pub max_attempts: i64,
    /// The receiver's HTTP status at the last attempt, when it answered.
    pub last_status_code: Option<i64>,
    /// Why the last attempt failed, when it did.
    pub last_error: Option<String>,
    /// The JSON body sent.
    pub payload: String,
    /// Unix milliseconds.
    pub created_at: i64,
    pub updated_at: i64,
}

/// A page of a workspace's callback deliveries, newest first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CallbackDeliveryList {
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    pub deliveries: Vec<CallbackDelivery>,
}

/// Query of `workspace/get`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct GetWorkspaceQuery {
    /// Required.
    #[param(required = true, nullable = false, value_type = String)]
    pub workspace_id: Option<Id>,
}

/// Body of `workspace/update`; an absent field is left unchanged.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct UpdateWorkspaceRequest {
    /// Required.
    #[schema(required = true, nullable = false)]
    pub workspace_id: Option<Id>,
    /// 1 to 50 characters.
    #[schema(min_length = 1, max_length = 50, pattern = r"\S")]
    pub name: Option<String>,
    /// At most 200 characters.
    pub description: Option<String>,
    /// 0 or 1.
    #[schema(minimum = 0, maximum = 1)]
    pub auth_scope: Option<i64>,
    /// `http://` or `https://`; an empty string removes it.
    pub callback_url: Option<String>,
    /// 0 to 3.
    #[schema(minimum = 0, maximum = 3)]
    pub callback_retry_time: Option<i64>,
    /// docreview's extension: how dates written `03/05/2024` are read.
    #[schema(schema_with = crate::schema::date_order)]
    pub date_order: Option<String>,
}

/// Body of `workspace/delete`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DeleteWorkspacesRequest {
    /// Required, at least one id. All are deleted, or none if one is not found.
    #[schema(required = true, nullable = false, min_items = 1)]
    pub workspace_ids: Option<Vec<Id>>,
}
