//! Validated workspace requests.

use docreview_text::DateOrder;
use docreview_wire::workspace::{CreateWorkspaceRequest, DeleteWorkspacesRequest, UpdateWorkspaceRequest};

use crate::validation::{self, ValidationError, required, required_id};

pub const NAME_MAX: usize = 50;
pub const DESCRIPTION_MAX: usize = 200;
pub const CALLBACK_URL_MAX: usize = 1024;
pub const CALLBACK_RETRY_MAX: i64 = 3;
/// Workspaces one delete request may name.
pub const DELETE_MAX: usize = 100;

/// Who can see a workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScope {
    /// Only the app that created it.
    Private = 0,
    /// Every app of the creating app's enterprise.
    Enterprise = 1,
}

impl AuthScope {
    /// Reads the wire value 0 or 1.
    pub fn parse(value: i64) -> Result<Self, ValidationError> {
        match value {
            0 => Ok(Self::Private),
            1 => Ok(Self::Enterprise),
            other => {
                Err(ValidationError::new("auth_scope", format!("must be 0 (private) or 1 (enterprise), got {other}")))
            }
        }
    }

    pub fn value(self) -> i64 {
        self as i64
    }
}

/// A workspace to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWorkspace {
    pub name: String,
    pub description: String,
    pub auth_scope: AuthScope,
    /// The enterprise the client named, if any; must be the caller's.
    pub enterprise_id: Option<i64>,
    pub callback_url: String,
    pub callback_retry_time: i64,
    /// How `03/05/2024` is read in the workspace's documents and rules.
    pub date_order: DateOrder,
}

impl TryFrom<CreateWorkspaceRequest> for NewWorkspace {
    type Error = ValidationError;

    fn try_from(request: CreateWorkspaceRequest) -> Result<Self, Self::Error> {
        Ok(Self {
            name: validation::name(&required(request.name, "name")?, "name", NAME_MAX)?,
            description: description(request.description.unwrap_or_default())?,
            auth_scope: AuthScope::parse(required(request.auth_scope, "auth_scope")?)?,
            enterprise_id: request.enterprise_id.map(|id| id.0),
            callback_url: callback_url(request.callback_url.as_deref().unwrap_or_default())?,
            callback_retry_time: retry_time(request.callback_retry_time.unwrap_or(0))?,
            date_order: request.date_order.as_deref().map(date_order).transpose()?.unwrap_or_default(),
        })
    }
}

/// Changes to a workspace; `None` leaves a field unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspacePatch {
    pub workspace_id: i64,
    pub name: Option<String>,
    pub description: Option<String>,
    pub auth_scope: Option<AuthScope>,
    pub callback_url: Option<String>,
    pub callback_retry_time: Option<i64>,
    pub date_order: Option<DateOrder>,
}

impl TryFrom<UpdateWorkspaceRequest> for WorkspacePatch {
    type Error = ValidationError;

    fn try_from(request: UpdateWorkspaceRequest) -> Result<Self, Self::Error> {
        Ok(Self {
            workspace_id: required_id(request.workspace_id, "workspace_id")?,
            name: request.name.map(|name| validation::name(&name, "name", NAME_MAX)).transpose()?,
            description: request.description.map(description).transpose()?,
            auth_scope: request.auth_scope.map(AuthScope::parse).transpose()?,
            callback_url: request.callback_url.as_deref().map(callback_url).transpose()?,
            callback_retry_time: request.callback_retry_time.map(retry_time).transpose()?,
            date_order: request.date_order.as_deref().map(date_order).transpose()?,
        })
    }
}

/// Workspaces to delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceDeletion {
    pub workspace_ids: Vec<i64>,
}

impl TryFrom<DeleteWorkspacesRequest> for WorkspaceDeletion {
    type Error = ValidationError;

    fn try_from(request: DeleteWorkspacesRequest) -> Result<Self, Self::Error> {
        Ok(Self { workspace_ids: validation::id_list(request.workspace_ids, "workspace_ids", DELETE_MAX)? })
    }
}

fn description(value: String) -> Result<String, ValidationError> {
    validation::text(value, "description", DESCRIPTION_MAX)
}

fn callback_url(value: &str) -> Result<String, ValidationError> {
    let value = validation::text(value.trim().to_owned(), "callback_url", CALLBACK_URL_MAX)?;
    let scheme_ok = value.starts_with("http://") || value.starts_with("https://");
    if !value.is_empty() && (!scheme_ok || value.contains(char::is_whitespace)) {
        return Err(ValidationError::new("callback_url", "must be an http:// or https:// URL without spaces"));
    }
    Ok(value)
}

fn retry_time(value: i64) -> Result<i64, ValidationError> {
    validation::in_range(value, "callback_retry_time", 0, CALLBACK_RETRY_MAX)
}

fn date_order(value: &str) -> Result<DateOrder, ValidationError> {
    value.parse::<DateOrder>().map_err(|e| ValidationError::new("date_order", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn create(name: &str, scope: i64) -> CreateWorkspaceRequest {
        CreateWorkspaceRequest { name: Some(name.to_owned()), auth_scope: Some(scope), ..Default::default() }
    }

    #[test]
    fn a_valid_create_request_gets_defaults() {
        let workspace = NewWorkspace::try_from(create("Invoices", 1)).unwrap();
        assert_eq!(workspace.auth_scope, AuthScope::Enterprise);
        assert_eq!(workspace.callback_retry_time, 0);
        assert_eq!(workspace.description, "");
        assert_eq!(workspace.date_order, DateOrder::MonthFirst);
    }

    #[test]
    fn the_date_order_is_one_of_three_names() {
        for order in DateOrder::ALL {
            let request = CreateWorkspaceRequest { date_order: Some(order.name().into()), ..create("ok", 0) };
            assert_eq!(NewWorkspace::try_from(request).unwrap().date_order, order);
        }
        for bad in ["", "dmy", "Day_First"] {
            let request = CreateWorkspaceRequest { date_order: Some(bad.into()), ..create("ok", 0) };
            let error = NewWorkspace::try_from(request).unwrap_err();
            assert_eq!(error.field, "date_order");
            assert!(error.to_string().contains("month_first, day_first or refuse"), "{error}");
        }
        let patch = UpdateWorkspaceRequest {
            workspace_id: Some(docreview_wire::Id(9)),
            date_order: Some("refuse".into()),
            ..Default::default()
        };
        assert_eq!(WorkspacePatch::try_from(patch).unwrap().date_order, Some(DateOrder::Refuse));
        let patch = UpdateWorkspaceRequest {
            workspace_id: Some(docreview_wire::Id(9)),
            date_order: Some("sideways".into()),
            ..Default::default()
        };
        assert_eq!(WorkspacePatch::try_from(patch).unwrap_err().field, "date_order");
    }

    #[test]
    fn create_requests_name_the_bad_field() {
        let long = "x".repeat(51);
        let cases = [
            (CreateWorkspaceRequest::default(), "name"),
            (create(&long, 0), "name"),
            (create("ok", 2), "auth_scope"),
            (CreateWorkspaceRequest { name: Some("ok".into()), ..Default::default() }, "auth_scope"),
            (CreateWorkspaceRequest { callback_url: Some("ftp://x".into()), ..create("ok", 0) }, "callback_url"),
            (CreateWorkspaceRequest { callback_retry_time: Some(4), ..create("ok", 0) }, "callback_retry_time"),
            (CreateWorkspaceRequest { description: Some("d".repeat(201)), ..create("ok", 0) }, "description"),
        ];
        for (request, field) in cases {
            assert_eq!(NewWorkspace::try_from(request).unwrap_err().field, field);
        }
    }

    #[test]
    fn an_update_leaves_absent_fields_unchanged() {
        let patch = WorkspacePatch::try_from(UpdateWorkspaceRequest {
            workspace_id: Some(docreview_wire::Id(9)),
            description: Some("new".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(patch.name, None);
        assert_eq!(patch.auth_scope, None);
        assert_eq!(patch.description.as_deref(), Some("new"));
        assert_eq!(patch.date_order, None);
    }
}
