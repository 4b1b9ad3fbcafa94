//! Reading review tasks with their rule tasks.

use docreview_core::Caller;
use docreview_core::review::Phase;
use docreview_wire::Id;
use docreview_wire::review::Anchor;
use sqlx::FromRow;

use super::phase_from;
use super::stored_anchors;
use crate::workspaces::ensure_workspace_visible;
use crate::{ObjectKind, Store, StoreError, json};

/// A review task and its rule tasks (groups, then rules, in creation order).
#[derive(Debug, Clone)]
pub struct ReviewTaskRow {
    pub id: i64,
    pub name: String,
    pub repo_id: i64,
    pub repo_name: String,
    pub model: String,
    pub extract_task_ids: Vec<i64>,
    pub phase: Phase,
    pub failure_cause: Option<String>,
    pub not_triggered_count: i64,
    pub created_at: i64,
    pub rule_tasks: Vec<RuleTaskRow>,
}

impl ReviewTaskRow {
    pub fn rule_statuses(&self) -> Vec<i64> {
        self.rule_tasks.iter().map(|r| r.status).collect()
    }
}

/// One rule's result.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleTaskRow {
    pub id: i64,
    pub rule_id: i64,
    pub group_id: i64,
    pub group_name: String,
    pub rule_name: String,
    pub risk_level: i64,
    pub prompt: String,
    pub status: i64,
    pub reasoning: String,
    pub anchors: Vec<Anchor>,
    /// The run the rule task is at: 1, plus one per retry that re-ran it.
    pub generation: i64,
    /// Verdicts committed over all runs; at most one per generation.
    pub result_version: i64,
}

#[derive(FromRow)]
struct TaskDbRow {
    id: i64,
    name: String,
    repo_id: i64,
    repo_name: String,
    model: String,
    extract_task_ids: String,
    phase: String,
    failure_cause: Option<String>,
    not_triggered_count: i64,
    created_at: i64,
}

#[derive(FromRow)]
struct RuleTaskDbRow {
    id: i64,
    rule_id: i64,
    group_id: i64,
    group_name: String,
    rule_name: String,
    risk_level: i64,
    prompt: String,
    status: i64,
    reasoning: String,
    anchors: String,
    generation: i64,
    result_version: i64,
}

const TASK_COLUMNS: &str = "id, name, repo_id, repo_name, model, extract_task_ids, phase, failure_cause, \
     not_triggered_count, created_at";

impl Store {
    /// One review task of a visible workspace; deleted tasks are not found.
    pub async fn review_task(
        &self,
        caller: &Caller,
        workspace_id: i64,
        task_id: i64,
    ) -> Result<ReviewTaskRow, StoreError> {
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        let row: Option<TaskDbRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {TASK_COLUMNS} FROM review_tasks WHERE id = $1 AND workspace_id = $2 AND deleted_at IS NULL"
        )))
        .bind(task_id)
        .bind(workspace_id)
        .fetch_optional(&mut *tx)
        .await?;
        let row = row.ok_or_else(|| StoreError::not_found(ObjectKind::ReviewTask, task_id))?;
        let task = with_rule_tasks(&mut tx, row).await?;
        tx.commit().await?;
        Ok(task)
    }
}

async fn with_rule_tasks(conn: &mut sqlx::AnyConnection, row: TaskDbRow) -> Result<ReviewTaskRow, StoreError> {
    let rules: Vec<RuleTaskDbRow> = sqlx::query_as(
        "SELECT id, rule_id, group_id, group_name, rule_name, risk_level, prompt, status, reasoning, anchors, \
         generation, result_version FROM rule_tasks WHERE review_task_id = $1 AND dropped_at IS NULL \
         ORDER BY group_id, rule_id",
    )
    .bind(row.id)
    .fetch_all(&mut *conn)
    .await?;
    let ids: Vec<Id> = json::decode(&row.extract_task_ids, "review_tasks.extract_task_ids")?;
    let mut rule_tasks = Vec::with_capacity(rules.len());
    for rule in rules {
        rule_tasks.push(RuleTaskRow {
            id: rule.id,
            rule_id: rule.rule_id,
            group_id: rule.group_id,
            group_name: rule.group_name,
            rule_name: rule.rule_name,
            risk_level: rule.risk_level,
            prompt: rule.prompt,
            status: rule.status,
            reasoning: rule.reasoning,
            anchors: stored_anchors::decode(&rule.anchors, "rule_tasks.anchors")?,
            generation: rule.generation,
            result_version: rule.result_version,
        });
    }
    Ok(ReviewTaskRow {
        id: row.id,
        name: row.name,
        repo_id: row.repo_id,
        repo_name: row.repo_name,
        model: row.model,
        extract_task_ids: ids.into_iter().map(|id| id.0).collect(),
        phase: phase_from(&row.phase),
        failure_cause: row.failure_cause,
        not_triggered_count: row.not_triggered_count,
        created_at: row.created_at,
        rule_tasks,
    })
}
