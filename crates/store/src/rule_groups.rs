//! Rule groups inside a repository.

use docreview_core::Caller;
use docreview_core::rules::{NewRuleGroup, RuleGroupDeletion, RuleGroupRename};
use sqlx::AnyConnection;

use crate::clock::now_ms;
use crate::rule_repos::ensure_repo_in_workspace;
use crate::workspaces::ensure_workspace_visible;
use crate::{ObjectKind, Store, StoreError};

impl Store {
    /// Creates a group in a repository of a visible workspace; returns its id.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn create_rule_group(&self, caller: &Caller, new: &NewRuleGroup) -> Result<i64, StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, new.workspace_id).await?;
        ensure_repo_in_workspace(&mut tx, new.repo_id, new.workspace_id).await?;
        let id = self.next_id();
        let now = now_ms();
        sqlx::query("INSERT INTO rule_groups (id, repo_id, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(new.repo_id)
            .bind(&new.name)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Renames a group when a name is given.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn rename_rule_group(&self, caller: &Caller, rename: &RuleGroupRename) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, rename.workspace_id).await?;
        group_repo_in_workspace(&mut tx, rename.group_id, rename.workspace_id).await?;
        if let Some(name) = &rename.name {
            sqlx::query("UPDATE rule_groups SET name = $2, updated_at = $3 WHERE id = $1")
                .bind(rename.group_id)
                .bind(name)
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Deletes a group and its rules.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn delete_rule_group(&self, caller: &Caller, deletion: &RuleGroupDeletion) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, deletion.workspace_id).await?;
        group_repo_in_workspace(&mut tx, deletion.group_id, deletion.workspace_id).await?;
        sqlx::query("DELETE FROM rule_groups WHERE id = $1").bind(deletion.group_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The repository of a group of the workspace; "rule group not found" otherwise.
pub(crate) async fn group_repo_in_workspace(
    conn: &mut AnyConnection,
    group_id: i64,
    workspace_id: i64,
) -> Result<i64, StoreError> {
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT g.repo_id FROM rule_groups g JOIN rule_repos r ON r.id = g.repo_id \
         WHERE g.id = $1 AND r.workspace_id = $2",
    )
    .bind(group_id)
    .bind(workspace_id)
    .fetch_optional(&mut *conn)
    .await?;
    found.map(|(repo_id,)| repo_id).ok_or_else(|| StoreError::not_found(ObjectKind::RuleGroup, group_id))
}
