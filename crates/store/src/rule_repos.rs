//! Rule repositories, read back as trees of groups and rules.

use std::collections::HashMap;

use docreview_core::Caller;
use docreview_core::rules::{NewRuleRepo, RuleRepoDeletion, RuleRepoRename};
use docreview_core::validation::Page;
use sqlx::{AnyConnection, FromRow};

use crate::clock::now_ms;
use crate::rules::{RuleDbRow, RuleRow};
use crate::workspaces::ensure_workspace_visible;
use crate::{ObjectKind, Store, StoreError};

/// A repository with its groups and their rules, each in creation order.
#[derive(Debug, Clone)]
pub struct RepoTree {
    pub id: i64,
    pub name: String,
    pub groups: Vec<GroupTree>,
}

/// A group with its rules.
#[derive(Debug, Clone)]
pub struct GroupTree {
    pub id: i64,
    pub name: String,
    pub rules: Vec<RuleRow>,
}

impl RepoTree {
    /// The union of the rules' category ids, in first-seen order.
    pub fn category_ids(&self) -> Vec<i64> {
        let mut ids = Vec::new();
        for id in self.groups.iter().flat_map(|g| &g.rules).flat_map(|r| &r.category_ids) {
            if !ids.contains(id) {
                ids.push(*id);
            }
        }
        ids
    }
}

#[derive(FromRow)]
struct RepoDbRow {
    id: i64,
    name: String,
}

#[derive(FromRow)]
struct GroupDbRow {
    id: i64,
    repo_id: i64,
    name: String,
}

impl Store {
    /// Creates an empty repository in a visible workspace; returns its id.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn create_rule_repo(&self, caller: &Caller, new: &NewRuleRepo) -> Result<i64, StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, new.workspace_id).await?;
        let id = self.next_id();
        let now = now_ms();
        sqlx::query(
            "INSERT INTO rule_repos (id, workspace_id, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(new.workspace_id)
        .bind(&new.name)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A page of the workspace's repositories, newest first, with the total count.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn list_rule_repos(
        &self,
        caller: &Caller,
        workspace_id: i64,
        page: Page,
    ) -> Result<(i64, Vec<RepoTree>), StoreError> {
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM rule_repos WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_one(&mut *tx)
            .await?;
        let repos: Vec<RepoDbRow> = sqlx::query_as(
            "SELECT id, name FROM rule_repos WHERE workspace_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3",
        )
        .bind(workspace_id)
        .bind(page.page_size)
        .bind(page.offset())
        .fetch_all(&mut *tx)
        .await?;
        let groups: Vec<GroupDbRow> = sqlx::query_as(
            "SELECT id, repo_id, name FROM rule_groups WHERE repo_id IN \
             (SELECT id FROM rule_repos WHERE workspace_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3) \
             ORDER BY id",
        )
        .bind(workspace_id)
        .bind(page.page_size)
        .bind(page.offset())
        .fetch_all(&mut *tx)
        .await?;
        let rules: Vec<RuleDbRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{} WHERE repo_id IN \
             (SELECT id FROM rule_repos WHERE workspace_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3) \
             ORDER BY id",
            RuleDbRow::SELECT
        )))
        .bind(workspace_id)
        .bind(page.page_size)
        .bind(page.offset())
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok((total, assemble(repos, groups, rules)?))
    }

    /// One repository of a visible workspace, with its groups and rules.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn get_rule_repo(
        &self,
        caller: &Caller,
        workspace_id: i64,
        repo_id: i64,
    ) -> Result<RepoTree, StoreError> {
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        let repo: RepoDbRow = sqlx::query_as("SELECT id, name FROM rule_repos WHERE id = $1 AND workspace_id = $2")
            .bind(repo_id)
            .bind(workspace_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::not_found(ObjectKind::RuleRepo, repo_id))?;
        let groups: Vec<GroupDbRow> =
            sqlx::query_as("SELECT id, repo_id, name FROM rule_groups WHERE repo_id = $1 ORDER BY id")
                .bind(repo_id)
                .fetch_all(&mut *tx)
                .await?;
        let rules: Vec<RuleDbRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{} WHERE repo_id = $1 ORDER BY id", RuleDbRow::SELECT)))
                .bind(repo_id)
                .fetch_all(&mut *tx)
                .await?;
        tx.commit().await?;
        let mut trees = assemble(vec![repo], groups, rules)?;
        trees.pop().ok_or_else(|| StoreError::not_found(ObjectKind::RuleRepo, repo_id))
    }

    /// Renames a repository when a name is given.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn rename_rule_repo(&self, caller: &Caller, rename: &RuleRepoRename) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, rename.workspace_id).await?;
        ensure_repo_in_workspace(&mut tx, rename.repo_id, rename.workspace_id).await?;
        if let Some(name) = &rename.name {
            sqlx::query("UPDATE rule_repos SET name = $2, updated_at = $3 WHERE id = $1")
                .bind(rename.repo_id)
                .bind(name)
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Deletes the repositories with their groups and rules; all or none.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn delete_rule_repos(&self, caller: &Caller, deletion: &RuleRepoDeletion) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, deletion.workspace_id).await?;
        for &repo_id in &deletion.repo_ids {
            ensure_repo_in_workspace(&mut tx, repo_id, deletion.workspace_id).await?;
        }
        for &repo_id in &deletion.repo_ids {
            sqlx::query("DELETE FROM rule_repos WHERE id = $1").bind(repo_id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Fails with "rule repo not found" unless the repository is in the workspace.
pub(crate) async fn ensure_repo_in_workspace(
    conn: &mut AnyConnection,
    repo_id: i64,
    workspace_id: i64,
) -> Result<(), StoreError> {
    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM rule_repos WHERE id = $1 AND workspace_id = $2")
        .bind(repo_id)
        .bind(workspace_id)
        .fetch_optional(&mut *conn)
        .await?;
    found.map(drop).ok_or_else(|| StoreError::not_found(ObjectKind::RuleRepo, repo_id))
}

/// Nests groups under repositories and rules under groups, keeping row order.
fn assemble(
    repos: Vec<RepoDbRow>,
    groups: Vec<GroupDbRow>,
    rules: Vec<RuleDbRow>,
) -> Result<Vec<RepoTree>, StoreError> {
    let mut rules_by_group: HashMap<i64, Vec<RuleRow>> = HashMap::new();
    for rule in rules {
        let rule = RuleRow::try_from(rule)?;
        rules_by_group.entry(rule.group_id).or_default().push(rule);
    }
    let mut groups_by_repo: HashMap<i64, Vec<GroupTree>> = HashMap::new();
    for group in groups {
        groups_by_repo.entry(group.repo_id).or_default().push(GroupTree {
            id: group.id,
            name: group.name,
            rules: rules_by_group.remove(&group.id).unwrap_or_default(),
        });
    }
    Ok(repos
        .into_iter()
        .map(|repo| RepoTree {
            id: repo.id,
            name: repo.name,
            groups: groups_by_repo.remove(&repo.id).unwrap_or_default(),
        })
        .collect())
}
