//! Workspaces and who may see them.
//!
//! A workspace belongs to an enterprise. `auth_scope` 1 makes it visible to every
//! app of that enterprise, 0 to the creating app only. Anything else is "not
//! found", so ids of other tenants do not leak.

use docreview_core::Caller;
use docreview_core::validation::Page;
use docreview_core::workspace::{NewWorkspace, WorkspaceDeletion, WorkspacePatch};
use docreview_text::DateOrder;
use sqlx::{AnyConnection, FromRow};

use crate::clock::now_ms;
use crate::{ObjectKind, Store, StoreError};

/// A workspace with the name of the app that manages it.
#[derive(Debug, Clone, FromRow)]
pub struct WorkspaceRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub auth_scope: i64,
    pub callback_url: String,
    pub callback_retry_time: i64,
    /// The key the workspace's callbacks are signed with.
    pub callback_secret: String,
    pub owner_app_id: String,
    pub owner_app_name: String,
    /// How `03/05/2024` is read in the workspace's documents and rules.
    #[sqlx(try_from = "String")]
    pub date_order: DateOrder,
}

const SELECT_VISIBLE: &str = "SELECT w.id, w.name, w.description, w.auth_scope, w.callback_url, \
     w.callback_retry_time, w.callback_secret, a.app_id AS owner_app_id, a.name AS owner_app_name, w.date_order \
     FROM workspaces w JOIN apps a ON a.id = w.owner_app \
     WHERE w.enterprise_id = $1 AND (w.auth_scope = 1 OR w.owner_app = $2)";

impl Store {
    /// Creates a workspace owned by the caller; returns its id.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn create_workspace(&self, caller: &Caller, new: &NewWorkspace) -> Result<i64, StoreError> {
        let id = self.next_id();
        let now = now_ms();
        sqlx::query(
            "INSERT INTO workspaces (id, enterprise_id, owner_app, name, description, auth_scope, \
             callback_url, callback_retry_time, callback_secret, date_order, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(id)
        .bind(caller.enterprise_id)
        .bind(caller.app_pk)
        .bind(&new.name)
        .bind(&new.description)
        .bind(new.auth_scope.value())
        .bind(&new.callback_url)
        .bind(new.callback_retry_time)
        .bind(docreview_core::credentials::new_callback_secret())
        .bind(new.date_order.name())
        .bind(now)
        .bind(now)
        .execute(&self.write)
        .await?;
        Ok(id)
    }

    /// The caller's visible workspaces, newest first, and how many there are.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn list_workspaces(&self, caller: &Caller, page: Page) -> Result<(i64, Vec<WorkspaceRow>), StoreError> {
        let (total,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM workspaces w \
             WHERE w.enterprise_id = $1 AND (w.auth_scope = 1 OR w.owner_app = $2)",
        )
        .bind(caller.enterprise_id)
        .bind(caller.app_pk)
        .fetch_one(&self.read)
        .await?;
        let rows =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT_VISIBLE} ORDER BY w.id DESC LIMIT $3 OFFSET $4")))
                .bind(caller.enterprise_id)
                .bind(caller.app_pk)
                .bind(page.page_size)
                .bind(page.offset())
                .fetch_all(&self.read)
                .await?;
        Ok((total, rows))
    }

    /// One visible workspace.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn get_workspace(&self, caller: &Caller, workspace_id: i64) -> Result<WorkspaceRow, StoreError> {
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT_VISIBLE} AND w.id = $3")))
            .bind(caller.enterprise_id)
            .bind(caller.app_pk)
            .bind(workspace_id)
            .fetch_optional(&self.read)
            .await?
            .ok_or_else(|| StoreError::not_found(ObjectKind::Workspace, workspace_id))
    }

    /// Applies the fields present in `patch`.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn update_workspace(&self, caller: &Caller, patch: &WorkspacePatch) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, patch.workspace_id).await?;
        sqlx::query(
            "UPDATE workspaces SET name = COALESCE($2, name), description = COALESCE($3, description), \
             auth_scope = COALESCE($4, auth_scope), callback_url = COALESCE($5, callback_url), \
             callback_retry_time = COALESCE($6, callback_retry_time), date_order = COALESCE($8, date_order), \
             updated_at = $7 WHERE id = $1",
        )
        .bind(patch.workspace_id)
        .bind(patch.name.as_deref())
        .bind(patch.description.as_deref())
        .bind(patch.auth_scope.map(|s| s.value()))
        .bind(patch.callback_url.as_deref())
        .bind(patch.callback_retry_time)
        .bind(now_ms())
        .bind(patch.date_order.map(DateOrder::name))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes every named workspace with all it holds, or nothing if one of them
    /// is not visible to the caller.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn delete_workspaces(&self, caller: &Caller, deletion: &WorkspaceDeletion) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        for &id in &deletion.workspace_ids {
            ensure_workspace_visible(&mut tx, caller, id).await?;
        }
        for &id in &deletion.workspace_ids {
            sqlx::query("DELETE FROM workspaces WHERE id = $1").bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Fails with "workspace not found" unless the caller can see the workspace.
pub(crate) async fn ensure_workspace_visible(
    conn: &mut AnyConnection,
    caller: &Caller,
    workspace_id: i64,
) -> Result<(), StoreError> {
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM workspaces WHERE id = $1 AND enterprise_id = $2 AND (auth_scope = 1 OR owner_app = $3)",
    )
    .bind(workspace_id)
    .bind(caller.enterprise_id)
    .bind(caller.app_pk)
    .fetch_optional(&mut *conn)
    .await?;
    found.map(drop).ok_or_else(|| StoreError::not_found(ObjectKind::Workspace, workspace_id))
}
