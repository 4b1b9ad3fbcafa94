//! Rules: what a review checks, in a group of a repository.

use docreview_core::Caller;
use docreview_core::rules::{NewRule, RuleDeletion, RulePatch};
use docreview_wire::Id;
use docreview_wire::rule::ReferencedField;
use sqlx::FromRow;

use crate::categories::lookup::ensure_categories_in_workspace;
use crate::clock::now_ms;
use crate::rule_groups::group_repo_in_workspace;
use crate::rule_repos::ensure_repo_in_workspace;
use crate::workspaces::ensure_workspace_visible;
use crate::{ObjectKind, Store, StoreError, json};

/// A stored rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRow {
    pub id: i64,
    pub repo_id: i64,
    pub group_id: i64,
    pub name: String,
    pub prompt: String,
    pub category_ids: Vec<i64>,
    pub risk_level: i64,
    pub referenced_fields: Vec<ReferencedField>,
    pub expression: Option<String>,
}

#[derive(FromRow)]
pub(crate) struct RuleDbRow {
    id: i64,
    repo_id: i64,
    group_id: i64,
    name: String,
    prompt: String,
    category_ids: String,
    risk_level: i64,
    referenced_fields: String,
    expression: Option<String>,
}

impl RuleDbRow {
    pub(crate) const SELECT: &'static str = "SELECT id, repo_id, group_id, name, prompt, category_ids, \
         risk_level, referenced_fields, expression FROM rules";
}

impl TryFrom<RuleDbRow> for RuleRow {
    type Error = StoreError;

    fn try_from(row: RuleDbRow) -> Result<Self, StoreError> {
        let category_ids: Vec<Id> = json::decode(&row.category_ids, "rules.category_ids")?;
        Ok(Self {
            id: row.id,
            repo_id: row.repo_id,
            group_id: row.group_id,
            name: row.name,
            expression: docreview_core::rules::effective_expression(row.expression, &row.prompt),
            prompt: row.prompt,
            category_ids: category_ids.into_iter().map(|id| id.0).collect(),
            risk_level: row.risk_level,
            referenced_fields: json::decode(&row.referenced_fields, "rules.referenced_fields")?,
        })
    }
}

fn encode_ids(ids: &[i64]) -> Result<String, StoreError> {
    json::encode(&ids.iter().copied().map(Id).collect::<Vec<_>>())
}

impl Store {
    /// Creates a rule in a group of the repository; returns its id.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn create_rule(&self, caller: &Caller, new: &NewRule) -> Result<i64, StoreError> {
        let category_ids = encode_ids(&new.category_ids)?;
        let referenced_fields = json::encode(&new.referenced_fields)?;
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, new.workspace_id).await?;
        ensure_repo_in_workspace(&mut tx, new.repo_id, new.workspace_id).await?;
        ensure_categories_in_workspace(&mut tx, new.workspace_id, &new.category_ids).await?;
        let group_repo = group_repo_in_workspace(&mut tx, new.group_id, new.workspace_id).await?;
        if group_repo != new.repo_id {
            return Err(StoreError::not_found_in(
                ObjectKind::RuleGroup,
                new.group_id,
                ObjectKind::RuleRepo,
                new.repo_id,
            ));
        }
        let id = self.next_id();
        let now = now_ms();
        sqlx::query(
            "INSERT INTO rules (id, repo_id, group_id, name, prompt, category_ids, risk_level, \
             referenced_fields, expression, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
        )
        .bind(id)
        .bind(new.repo_id)
        .bind(new.group_id)
        .bind(&new.name)
        .bind(&new.prompt)
        .bind(category_ids)
        .bind(new.risk_level.value())
        .bind(referenced_fields)
        .bind(new.expression.as_deref())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Applies the fields present in `patch`; a new group must be in the rule's repository.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn update_rule(&self, caller: &Caller, patch: &RulePatch) -> Result<(), StoreError> {
        let category_ids = patch.category_ids.as_deref().map(encode_ids).transpose()?;
        let referenced_fields = patch.referenced_fields.as_ref().map(json::encode).transpose()?;
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, patch.workspace_id).await?;
        let repo_id = rule_repo_in_workspace(&mut tx, patch.rule_id, patch.workspace_id).await?;
        if let Some(category_ids) = &patch.category_ids {
            ensure_categories_in_workspace(&mut tx, patch.workspace_id, category_ids).await?;
        }
        if let Some(group_id) = patch.group_id {
            let group_repo = group_repo_in_workspace(&mut tx, group_id, patch.workspace_id).await?;
            if group_repo != repo_id {
                return Err(StoreError::not_found_in(ObjectKind::RuleGroup, group_id, ObjectKind::RuleRepo, repo_id));
            }
        }
        sqlx::query(
            "UPDATE rules SET group_id = COALESCE($2, group_id), name = COALESCE($3, name), \
             prompt = COALESCE($4, prompt), category_ids = COALESCE($5, category_ids), \
             risk_level = COALESCE($6, risk_level), referenced_fields = COALESCE($7, referenced_fields), \
             expression = CASE WHEN $9 THEN $10 ELSE expression END, updated_at = $8 WHERE id = $1",
        )
        .bind(patch.rule_id)
        .bind(patch.group_id)
        .bind(patch.name.as_deref())
        .bind(patch.prompt.as_deref())
        .bind(category_ids)
        .bind(patch.risk_level.map(|r| r.value()))
        .bind(referenced_fields)
        .bind(now_ms())
        .bind(patch.expression.is_some())
        .bind(patch.expression.clone().flatten())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes a rule.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn delete_rule(&self, caller: &Caller, deletion: &RuleDeletion) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, deletion.workspace_id).await?;
        rule_repo_in_workspace(&mut tx, deletion.rule_id, deletion.workspace_id).await?;
        sqlx::query("DELETE FROM rules WHERE id = $1").bind(deletion.rule_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The repository of a rule of the workspace; "rule not found" otherwise.
async fn rule_repo_in_workspace(
    conn: &mut sqlx::AnyConnection,
    rule_id: i64,
    workspace_id: i64,
) -> Result<i64, StoreError> {
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT r.repo_id FROM rules r JOIN rule_repos p ON p.id = r.repo_id WHERE r.id = $1 AND p.workspace_id = $2",
    )
    .bind(rule_id)
    .bind(workspace_id)
    .fetch_optional(&mut *conn)
    .await?;
    found.map(|(repo_id,)| repo_id).ok_or_else(|| StoreError::not_found(ObjectKind::Rule, rule_id))
}
