//! The plan job: once every input has finished extracting, create one rule
//! task per triggered rule from the repository's current rules. A rule task
//! that comes with its verdict (an expression rule, judged while planning) is
//! written finished; any other is queued with a judge job of its own.

use std::collections::{HashMap, HashSet};

use docreview_core::review::status;
use docreview_wire::Id;
use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::delete_judge_jobs;
use super::history::{Archive, archive_finished};
use super::judging::{RuleDbRow, RuleDefinition, Verdict};
use super::stored_anchors::StoredAnchors;
use crate::bulk::{self, Type};
use crate::clock::now_ms;
use crate::jobs::{self, Claim, JobKind, NewJob};
use crate::{Store, StoreError, json};

/// What planning needs: the task, its inputs' states and categories.
#[derive(Debug, Clone)]
pub struct PlanInput {
    pub review_task_id: i64,
    pub workspace_id: i64,
    pub repo_id: i64,
    pub deleted: bool,
    /// (extraction task id, recognition_status, category id) per input still present.
    pub inputs: Vec<(i64, i64, Option<i64>)>,
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

/// A triggered rule and, when planning could judge it, its verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedTask {
    pub rule: PlannedRule,
    /// `None`: queued for a judge job of its own (a model judges it).
    pub verdict: Option<Verdict>,
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

/// A rule task as a plan writes it: finished with its verdict (`judged` 1),
/// or queued with an empty result (`judged` 0).
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

    /// Creates the rule tasks of the triggered rules (reusing, with a new
    /// generation, those of a previous run) and drops the others. A task that
    /// comes with its verdict is written finished; the others are queued with
    /// a judge job each. Marks the task planned. Finished results it
    /// overwrites (a rule retried while the task waited for its plan) go to
    /// the history. `false`: superseded, nothing written.
    pub async fn commit_plan(
        &self,
        claim: &Claim,
        triggered: &[PlannedTask],
        not_triggered: i64,
    ) -> Result<bool, StoreError> {
        let task_id = claim.subject_id;
        let mut tx = self.write.begin().await?;
        if !current(&mut tx, task_id, claim.generation).await? || !jobs::finish(&mut tx, claim).await? {
            return Ok(false);
        }
        // Every judge job of the task is replaced below; deleting them first
        // also waits out a verdict being committed, so the archive sees it.
        delete_judge_jobs(&mut tx, task_id).await?;
        archive_finished(&mut tx, Archive::Task(task_id)).await?;
        let existing: Vec<(i64, i64, i64, Option<i64>)> =
            sqlx::query_as("SELECT id, rule_id, generation, dropped_at FROM rule_tasks WHERE review_task_id = $1")
                .bind(task_id)
                .fetch_all(&mut *tx)
                .await?;
        let now = now_ms();
        let kept: HashSet<i64> = triggered.iter().map(|t| t.rule.rule.rule_id).collect();
        for (rule_task_id, rule_id, _, dropped_at) in &existing {
            if dropped_at.is_none() && !kept.contains(rule_id) {
                // Kept, marked dropped, so its history stays readable.
                sqlx::query(
                    "UPDATE rule_tasks SET dropped_at = $2, generation = generation + 1, status = $3, \
                     reasoning = '', anchors = '[]', updated_at = $2 WHERE id = $1",
                )
                .bind(rule_task_id)
                .bind(now)
                .bind(status::QUEUED)
                .execute(&mut *tx)
                .await?;
            }
        }
        let (rows, jobs) = self.assign(triggered, &existing);
        // A new rule task counts its plan's verdict as its first result; a
        // reused one adds it to the results of its earlier runs. The
        // expression kept is the one its latest verdict was judged by.
        let planned = bulk::select(self.backend(), "$3", PLANNED_COLUMNS);
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
        for chunk in bulk::chunks(&rows)? {
            sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(task_id)
                .bind(now)
                .bind(chunk)
                .execute(&mut *tx)
                .await?;
        }
        jobs::enqueue_many(&mut tx, self.backend(), JobKind::ReviewRule, &jobs).await?;
        sqlx::query(
            "UPDATE review_tasks SET phase = 'planned', failure_cause = NULL, not_triggered_count = $2, \
             updated_at = $3 WHERE id = $1",
        )
        .bind(task_id)
        .bind(not_triggered)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        self.record_review_event_if_final(&mut tx, task_id).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Ends planning with the task failed (an input failed or the repository is gone).
    pub async fn fail_plan(&self, claim: &Claim, cause: &str) -> Result<bool, StoreError> {
        let mut tx = self.write.begin().await?;
        if !current(&mut tx, claim.subject_id, claim.generation).await? || !jobs::finish(&mut tx, claim).await? {
            return Ok(false);
        }
        sqlx::query("UPDATE review_tasks SET phase = 'failed', failure_cause = $2, updated_at = $3 WHERE id = $1")
            .bind(claim.subject_id)
            .bind(cause)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
        self.record_review_event_if_final(&mut tx, claim.subject_id).await?;
        tx.commit().await?;
        Ok(true)
    }
}

impl Store {
    /// Gives each triggered rule its rule task (the previous run's, by rule
    /// id, at the next generation, else a new one), and each task without a
    /// verdict its judge job, at that rule task's generation.
    fn assign<'a>(
        &self,
        triggered: &'a [PlannedTask],
        existing: &[(i64, i64, i64, Option<i64>)],
    ) -> (Vec<PlannedRow<'a>>, Vec<NewJob>) {
        let previous: HashMap<i64, (i64, i64)> =
            existing.iter().map(|(id, rule_id, generation, _)| (*rule_id, (*id, *generation))).collect();
        let mut rows = Vec::with_capacity(triggered.len());
        let mut jobs = Vec::new();
        for PlannedTask { rule: planned, verdict } in triggered {
            let rule = &planned.rule;
            let (id, generation) = match previous.get(&rule.rule_id) {
                Some((id, generation)) => (*id, generation + 1),
                None => (self.next_id(), 1),
            };
            if verdict.is_none() {
                jobs.push(NewJob { id: self.next_id(), subject_id: id, generation });
            }
            rows.push(PlannedRow {
                id,
                rule_id: rule.rule_id,
                group_id: planned.group_id,
                group_name: &planned.group_name,
                rule_name: &rule.name,
                risk_level: rule.risk_level,
                prompt: &rule.prompt,
                expression: verdict.as_ref().and(rule.expression.as_deref()),
                generation,
                status: verdict.as_ref().map_or(status::QUEUED, |v| v.status),
                reasoning: verdict.as_ref().map_or("", |v| v.reasoning.as_str()),
                anchors: StoredAnchors(verdict.as_ref().map_or(&[], |v| v.anchors.as_slice())),
                judged: i64::from(verdict.is_some()),
            });
        }
        (rows, jobs)
    }
}

/// Whether the task still has this generation and is not deleted. An UPDATE,
/// not a SELECT, so that on PostgreSQL it takes the task's row first, as a
/// retry does: a plan commit and a retry of one task then run one after the
/// other and never wait on each other's locks the other way round.
async fn current(conn: &mut sqlx::AnyConnection, task_id: i64, generation: i64) -> Result<bool, StoreError> {
    let done =
        sqlx::query("UPDATE review_tasks SET updated_at = $3 WHERE id = $1 AND generation = $2 AND deleted_at IS NULL")
            .bind(task_id)
            .bind(generation)
            .bind(now_ms())
            .execute(&mut *conn)
            .await?;
    Ok(done.rows_affected() == 1)
}
