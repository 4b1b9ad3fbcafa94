//! Reading review tasks with their rule tasks.

use docreview_core::Caller;
use docreview_core::states::{IntCode, Phase, RuleResult, TextCode};
use docreview_wire::Id;
use docreview_wire::review::Anchor;
use serde::Deserialize;
use sqlx::FromRow;

use super::stored_anchors;
use crate::bulk;
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
    pub fn rule_results(&self) -> Vec<RuleResult> {
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
    pub status: RuleResult,
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
    /// JSON: the rule tasks as [`RULE_TASK_COLUMNS`] reads them.
    rule_tasks: String,
}

/// A rule task as [`RULE_TASK_COLUMNS`] reads it.
#[derive(Deserialize)]
struct RuleTaskJson {
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

const RULE_TASK_COLUMNS: &[(&str, &str)] = &[
    ("id", "id"),
    ("rule_id", "rule_id"),
    ("group_id", "group_id"),
    ("group_name", "group_name"),
    ("rule_name", "rule_name"),
    ("risk_level", "risk_level"),
    ("prompt", "prompt"),
    ("status", "status"),
    ("reasoning", "reasoning"),
    ("anchors", "anchors"),
    ("generation", "generation"),
    ("result_version", "result_version"),
];

const TASK_COLUMNS: &str = "id, name, repo_id, repo_name, model, extract_task_ids, phase, failure_cause, \
     not_triggered_count, created_at";

impl Store {
    /// One review task of a visible workspace; deleted tasks are not found.
    /// The task and its rule tasks are read by one statement, so they are
    /// one snapshot without a transaction; the rule tasks come as one JSON
    /// value (see [`bulk::json_rows`]).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn review_task(
        &self,
        caller: &Caller,
        workspace_id: i64,
        task_id: i64,
    ) -> Result<ReviewTaskRow, StoreError> {
        let mut conn = self.read.acquire().await?;
        ensure_workspace_visible(&mut conn, caller, workspace_id).await?;
        let rule_tasks = bulk::json_rows(
            self.backend(),
            RULE_TASK_COLUMNS,
            "FROM rule_tasks WHERE review_task_id = $1 AND dropped_at IS NULL",
            "group_id, rule_id",
        );
        let row: Option<TaskDbRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {TASK_COLUMNS}, ({rule_tasks}) AS rule_tasks FROM review_tasks \
             WHERE id = $1 AND workspace_id = $2 AND deleted_at IS NULL"
        )))
        .bind(task_id)
        .bind(workspace_id)
        .fetch_optional(&mut *conn)
        .await?;
        row.ok_or_else(|| StoreError::not_found(ObjectKind::ReviewTask, task_id))?.into_task()
    }
}

impl TaskDbRow {
    fn into_task(self) -> Result<ReviewTaskRow, StoreError> {
        let ids: Vec<Id> = json::decode(&self.extract_task_ids, "review_tasks.extract_task_ids")?;
        let rules: Vec<RuleTaskJson> = json::decode(&self.rule_tasks, "rule_tasks")?;
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
                status: RuleResult::decode("rule_tasks.status", rule.status)?,
                reasoning: rule.reasoning,
                anchors: stored_anchors::decode(&rule.anchors, "rule_tasks.anchors")?,
                generation: rule.generation,
                result_version: rule.result_version,
            });
        }
        Ok(ReviewTaskRow {
            id: self.id,
            name: self.name,
            repo_id: self.repo_id,
            repo_name: self.repo_name,
            model: self.model,
            extract_task_ids: ids.into_iter().map(|id| id.0).collect(),
            phase: Phase::decode("review_tasks.phase", &self.phase)?,
            failure_cause: self.failure_cause,
            not_triggered_count: self.not_triggered_count,
            created_at: self.created_at,
            rule_tasks,
        })
    }
}
