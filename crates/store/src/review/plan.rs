//! What a plan reads (the task with its inputs, the repository's current
//! rules) and writes (its rule tasks, the task's phase). Which rules trigger,
//! which rule task each gets and which are judged by the plan is the
//! workflow's to decide.

use docreview_core::states::{Phase, RuleResult};
use docreview_wire::Id;
use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::inputs::ReviewInput;
use super::judging::{RuleDbRow, RuleDefinition, Verdict};
use super::stored_anchors::StoredAnchors;
use crate::bulk::{self, Type};
use crate::clock::now_ms;
use crate::{Store, StoreError, WriteTx, json};

/// What planning needs: the task, its inputs' states and categories.
#[derive(Debug, Clone)]
pub struct PlanInput {
    pub review_task_id: i64,
    pub workspace_id: i64,
    pub repo_id: i64,
    pub deleted: bool,
    /// The inputs still present, in submit order.
    pub inputs: Vec<ReviewInput>,
    /// Inputs named at submit that no longer exist.
    pub missing: Vec<i64>,
}

/// A rule of the repository as planning sees it, in creation order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRule {
    pub group_id: i64,
    pub group_name: String,
    pub rule: RuleDefinition,
}

#[derive(FromRow)]
struct TaskDbRow {
    workspace_id: i64,
    repo_id: i64,
    extract_task_ids: String,
    deleted_at: Option<i64>,
}

/// A rule as [`REPOSITORY_RULE_COLUMNS`] reads it.
#[derive(Deserialize)]
struct RuleJson {
    group_id: i64,
    group_name: String,
    id: i64,
    name: String,
    prompt: String,
    expression: Option<String>,
    category_ids: String,
    risk_level: i64,
    referenced_fields: String,
}

const REPOSITORY_RULE_COLUMNS: &[(&str, &str)] = &[
    ("group_id", "r.group_id"),
    ("group_name", "g.name"),
    ("id", "r.id"),
    ("name", "r.name"),
    ("prompt", "r.prompt"),
    ("expression", "r.expression"),
    ("category_ids", "r.category_ids"),
    ("risk_level", "r.risk_level"),
    ("referenced_fields", "r.referenced_fields"),
];

impl RuleJson {
    fn into_planned(self) -> Result<PlannedRule, StoreError> {
        let row = RuleDbRow {
            id: self.id,
            name: self.name,
            prompt: self.prompt,
            expression: self.expression,
            category_ids: self.category_ids,
            risk_level: self.risk_level,
            referenced_fields: self.referenced_fields,
        };
        Ok(PlannedRule { group_id: self.group_id, group_name: self.group_name, rule: row.into_definition()? })
    }
}

/// A rule task as a plan writes it: finished with its verdict, or queued
/// with an empty result.
#[derive(Debug, Clone)]
pub struct PlannedRuleTask<'a> {
    /// The previous run's rule task for the same rule, or a new id.
    pub id: i64,
    /// The previous run's generation plus one, or 1.
    pub generation: i64,
    pub group_id: i64,
    pub group_name: &'a str,
    pub rule: &'a RuleDefinition,
    /// `None`: queued for a judge job of its own.
    pub verdict: Option<&'a Verdict>,
}

/// A rule task as the database takes it from a plan (`judged` 1 with a
/// verdict, 0 queued).
#[derive(Serialize)]
struct PlannedRow<'a> {
    id: i64,
    rule_id: i64,
    group_id: i64,
    group_name: &'a str,
    rule_name: &'a str,
    risk_level: i64,
    prompt: &'a str,
    /// The expression the verdict was judged by; none when queued.
    expression: Option<&'a str>,
    generation: i64,
    status: i64,
    reasoning: &'a str,
    /// Nested as JSON, not as a string of JSON: the database renders it as
    /// the column's text, and it is not escaped twice on the way.
    anchors: StoredAnchors<'a>,
    judged: i64,
}

impl<'a> PlannedRow<'a> {
    fn of(task: &PlannedRuleTask<'a>) -> Self {
        let (rule, verdict) = (task.rule, task.verdict);
        PlannedRow {
            id: task.id,
            rule_id: rule.rule_id,
            group_id: task.group_id,
            group_name: task.group_name,
            rule_name: &rule.name,
            risk_level: rule.risk_level,
            prompt: &rule.prompt,
            expression: verdict.and(rule.expression.as_deref()),
            generation: task.generation,
            status: verdict.map_or(RuleResult::Queued, |v| v.status).code(),
            reasoning: verdict.map_or("", |v| v.reasoning.as_str()),
            anchors: StoredAnchors(verdict.map_or(&[], |v| v.anchors.as_slice())),
            judged: i64::from(verdict.is_some()),
        }
    }
}

/// A rule task a previous run of the plan left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromRow)]
pub struct ExistingRuleTask {
    pub id: i64,
    pub rule_id: i64,
    pub generation: i64,
    pub dropped_at: Option<i64>,
}

const PLANNED_COLUMNS: &[(&str, Type)] = &[
    ("id", Type::Int),
    ("rule_id", Type::Int),
    ("group_id", Type::Int),
    ("group_name", Type::Text),
    ("rule_name", Type::Text),
    ("risk_level", Type::Int),
    ("prompt", Type::Text),
    ("expression", Type::Text),
    ("generation", Type::Int),
    ("status", Type::Int),
    ("reasoning", Type::Text),
    ("anchors", Type::Text),
    ("judged", Type::Int),
];

impl Store {
    /// The review task a plan job works on; `None` if it no longer exists.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn plan_input(&self, review_task_id: i64) -> Result<Option<PlanInput>, StoreError> {
        let task: Option<TaskDbRow> = sqlx::query_as(
            "SELECT workspace_id, repo_id, extract_task_ids, deleted_at FROM review_tasks WHERE id = $1",
        )
        .bind(review_task_id)
        .fetch_optional(&self.read)
        .await?;
        let Some(task) = task else { return Ok(None) };
        let ids: Vec<Id> = json::decode(&task.extract_task_ids, "review_tasks.extract_task_ids")?;
        let ids: Vec<i64> = ids.into_iter().map(|Id(id)| id).collect();
        let mut conn = self.read.acquire().await?;
        let mut found = super::inputs::extraction_tasks(&mut conn, self.backend(), task.workspace_id, &ids).await?;
        let mut inputs = Vec::with_capacity(ids.len());
        let mut missing = Vec::new();
        for task_id in ids {
            match found.remove(&task_id) {
                Some(row) => inputs.push(row),
                None => missing.push(task_id),
            }
        }
        Ok(Some(PlanInput {
            review_task_id,
            workspace_id: task.workspace_id,
            repo_id: task.repo_id,
            deleted: task.deleted_at.is_some(),
            inputs,
            missing,
        }))
    }

    /// The repository's current rules in creation order; `None` if it was deleted.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn repository_rules(&self, repo_id: i64) -> Result<Option<Vec<PlannedRule>>, StoreError> {
        let exists: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM rule_repos WHERE id = $1").bind(repo_id).fetch_optional(&self.read).await?;
        if exists.is_none() {
            return Ok(None);
        }
        let sql = bulk::json_rows(
            self.backend(),
            REPOSITORY_RULE_COLUMNS,
            "FROM rules r JOIN rule_groups g ON g.id = r.group_id WHERE r.repo_id = $1",
            "group_id, id",
        );
        let (rows,): (String,) = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(repo_id).fetch_one(&self.read).await?;
        let rows: Vec<RuleJson> = json::decode(&rows, "a repository's rules")?;
        rows.into_iter().map(RuleJson::into_planned).collect::<Result<_, _>>().map(Some)
    }
}

/// Whether the task still has this generation and is not deleted. An UPDATE,
/// not a SELECT, so that on PostgreSQL it takes the task's row first, as a
/// retry does: a plan commit and a retry of one task then run one after the
/// other and never wait on each other's locks the other way round.
#[tracing::instrument(level = "debug", skip_all, fields(task_id, generation))]
pub async fn claim_task(tx: &mut WriteTx, task_id: i64, generation: i64) -> Result<bool, StoreError> {
    let done =
        sqlx::query("UPDATE review_tasks SET updated_at = $3 WHERE id = $1 AND generation = $2 AND deleted_at IS NULL")
            .bind(task_id)
            .bind(generation)
            .bind(now_ms())
            .execute(tx.conn())
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Every rule task of the task, dropped ones included.
#[tracing::instrument(level = "debug", skip_all, fields(task_id))]
pub async fn rule_tasks_of(tx: &mut WriteTx, task_id: i64) -> Result<Vec<ExistingRuleTask>, StoreError> {
    let rows = sqlx::query_as("SELECT id, rule_id, generation, dropped_at FROM rule_tasks WHERE review_task_id = $1")
        .bind(task_id)
        .fetch_all(tx.conn())
        .await?;
    Ok(rows)
}

/// Marks rule tasks whose rule no longer triggers as dropped, at their next
/// generation and without a result; kept, so their history stays readable.
#[tracing::instrument(level = "debug", skip_all, fields(count = rule_task_ids.len()))]
pub async fn drop_rule_tasks(tx: &mut WriteTx, rule_task_ids: &[i64]) -> Result<(), StoreError> {
    let now = now_ms();
    for rule_task_id in rule_task_ids {
        sqlx::query(
            "UPDATE rule_tasks SET dropped_at = $2, generation = generation + 1, status = $3, \
             reasoning = '', anchors = '[]', updated_at = $2 WHERE id = $1",
        )
        .bind(rule_task_id)
        .bind(now)
        .bind(RuleResult::Queued.code())
        .execute(tx.conn())
        .await?;
    }
    Ok(())
}

/// Writes a plan's rule tasks, inserting new ones and taking over the
/// previous run's. A new rule task counts its plan's verdict as its first
/// result; a reused one adds it to the results of its earlier runs. The
/// expression kept is the one its latest verdict was judged by.
#[tracing::instrument(level = "debug", skip_all, fields(task_id, count = tasks.len()))]
pub async fn write_planned(tx: &mut WriteTx, task_id: i64, tasks: &[PlannedRuleTask<'_>]) -> Result<(), StoreError> {
    let rows: Vec<PlannedRow<'_>> = tasks.iter().map(PlannedRow::of).collect();
    let planned = bulk::select(tx.backend(), "$3", PLANNED_COLUMNS);
    let sql = format!(
        "WITH planned AS MATERIALIZED ({planned}) \
         INSERT INTO rule_tasks (id, review_task_id, rule_id, group_id, group_name, rule_name, risk_level, \
         prompt, expression, generation, status, reasoning, anchors, result_version, created_at, updated_at) \
         SELECT id, $1, rule_id, group_id, group_name, rule_name, risk_level, prompt, \
         expression, generation, status, reasoning, anchors, judged, $2, $2 \
         FROM planned WHERE true \
         ON CONFLICT (id) DO UPDATE SET group_id = excluded.group_id, group_name = excluded.group_name, \
         rule_name = excluded.rule_name, risk_level = excluded.risk_level, prompt = excluded.prompt, \
         expression = CASE WHEN excluded.result_version = 1 THEN excluded.expression \
         ELSE rule_tasks.expression END, generation = excluded.generation, status = excluded.status, \
         reasoning = excluded.reasoning, anchors = excluded.anchors, \
         result_version = rule_tasks.result_version + excluded.result_version, dropped_at = NULL, \
         updated_at = excluded.updated_at"
    );
    let now = now_ms();
    for chunk in bulk::chunks(&rows)? {
        sqlx::query(sqlx::AssertSqlSafe(sql.as_str())).bind(task_id).bind(now).bind(chunk).execute(tx.conn()).await?;
    }
    Ok(())
}

/// The task planned, with its count of rules that did not trigger.
#[tracing::instrument(level = "debug", skip_all, fields(task_id))]
pub async fn mark_planned(tx: &mut WriteTx, task_id: i64, not_triggered: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE review_tasks SET phase = $4, failure_cause = NULL, not_triggered_count = $2, updated_at = $3 \
         WHERE id = $1",
    )
    .bind(task_id)
    .bind(not_triggered)
    .bind(now_ms())
    .bind(Phase::Planned.as_str())
    .execute(tx.conn())
    .await?;
    Ok(())
}

/// The task failed before it could be planned, with the cause.
#[tracing::instrument(level = "debug", skip_all, fields(task_id))]
pub async fn mark_failed(tx: &mut WriteTx, task_id: i64, cause: &str) -> Result<(), StoreError> {
    sqlx::query("UPDATE review_tasks SET phase = $4, failure_cause = $2, updated_at = $3 WHERE id = $1")
        .bind(task_id)
        .bind(cause)
        .bind(now_ms())
        .bind(Phase::Failed.as_str())
        .execute(tx.conn())
        .await?;
    Ok(())
}
