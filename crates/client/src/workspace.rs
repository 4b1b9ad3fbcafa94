//! The workspace call the demo needs (`workspace/create`).

use docreview_wire::Id;
use docreview_wire::workspace::{CreateWorkspaceRequest, WorkspaceCreated};

use crate::{Client, ClientError};

impl Client {
    /// `workspace/create`: a workspace visible to this app only.
    pub async fn create_workspace(&self, name: &str) -> Result<Id, ClientError> {
        let request = CreateWorkspaceRequest { name: Some(name.to_owned()), auth_scope: Some(0), ..Default::default() };
        let created: WorkspaceCreated = self.post("workspace/create", &request).await?;
        Ok(created.workspace_id)
    }
}
