//! The plan job: once every input has finished extracting, create one rule
//! task per triggered rule from the repository's current rules, and queue
//! their judging: expression rules in batches, the others one by one.

use std::collections::{HashMap, HashSet};

use docreview_core::review::status;
use docreview_wire::Id;
use serde::{Deserialize, Serialize};
use sqlx::FromRow;

use super::delete_judge_jobs;
use super::history::{Archive, archive_finished};
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
    pub rule_id: i64,
    pub group_id: i64,
    pub group_name: String,
    pub rule_name: String,
    pub risk_level: i64,
    pub prompt: String,
    /// Rules with an expression are judged in batches; the others one by one.
    pub expression: Option<String>,
    pub category_ids: Vec<i64>,
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
    id: i64,
    group_id: i64,
    group_name: String,
    name: String,
    risk_level: i64,
    prompt: String,
    expression: Option<String>,
    category_ids: String,
}

const REPOSITORY_RULE_COLUMNS: &[(&str, &str)] = &[
    ("id", "r.id"),
    ("group_id", "r.group_id"),
    ("group_name", "g.name"),
    ("name", "r.name"),
    ("risk_level", "r.risk_level"),
    ("prompt", "r.prompt"),
    ("expression", "r.expression"),
    ("category_ids", "r.category_ids"),
];

/// A rule task as a plan writes it.
#[derive(Serialize)]
struct PlannedRow<'a> {
    id: i64,
    rule_id: i64,
    group_id: i64,
    group_name: &'a str,
    rule_name: &'a str,
    risk_level: i64,
    prompt: &'a str,
    generation: i64,
    batch_id: Option<i64>,
}

const PLANNED_COLUMNS: &[(&str, Type)] = &[
    ("id", Type::Int),
    ("rule_id", Type::Int),
    ("group_id", Type::Int),
    ("group_name", Type::Text),
    ("rule_name", Type::Text),
    ("risk_level", Type::Int),
    ("prompt", Type::Text),
    ("generation", Type::Int),
    ("batch_id", Type::Int),
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
        let mut inputs = Vec::with_capacity(ids.len());
        let mut missing = Vec::new();
        for Id(task_id) in ids {
            let row: Option<(i64, i64, Option<i64>)> = sqlx::query_as(
                "SELECT task_id, recognition_status, category_id FROM files WHERE task_id = $1 AND workspace_id = $2",
            )
            .bind(task_id)
            .bind(task.workspace_id)
            .fetch_optional(&self.read)
            .await?;
            match row {
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
        let mut rules = Vec::with_capacity(rows.len());
        for row in rows {
            let ids: Vec<Id> = json::decode(&row.category_ids, "rules.category_ids")?;
            rules.push(PlannedRule {
                rule_id: row.id,
                group_id: row.group_id,
                group_name: row.group_name,
                rule_name: row.name,
                risk_level: row.risk_level,
                prompt: row.prompt,
                expression: row.expression,
                category_ids: ids.into_iter().map(|id| id.0).collect(),
            });
        }
        Ok(Some(rules))
    }

    /// Creates the rule tasks of the triggered rules (reusing, with a new
    /// generation, those of a previous run) and drops the others. Rules with
    /// an expression are queued in batches of at most `batch_size` under one
    /// job each; the others get a judge job each. Marks the task planned.
    /// Finished results it overwrites (a rule retried while the task waited
    /// for its plan) go to the history. `false`: superseded, nothing written.
    pub async fn commit_plan(
        &self,
        claim: &Claim,
        triggered: &[PlannedRule],
        not_triggered: i64,
        batch_size: usize,
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
        let kept: HashSet<i64> = triggered.iter().map(|r| r.rule_id).collect();
        for (rule_task_id, rule_id, _, dropped_at) in &existing {
            if dropped_at.is_none() && !kept.contains(rule_id) {
                // Kept, marked dropped, so its history stays readable.
                sqlx::query(
                    "UPDATE rule_tasks SET dropped_at = $2, generation = generation + 1, status = $3, \
                     reasoning = '', anchors = '[]', batch_id = NULL, updated_at = $2 WHERE id = $1",
                )
                .bind(rule_task_id)
                .bind(now)
                .bind(status::QUEUED)
                .execute(&mut *tx)
                .await?;
            }
        }
        let previous = existing.iter().map(|(id, rule_id, generation, _)| (*rule_id, (*id, *generation))).collect();
        let Planned { rows, batches, singles } = self.assign(triggered, &previous, claim.generation, batch_size);
        let planned = bulk::select(self.backend(), "$3", PLANNED_COLUMNS);
        let sql = format!(
            "WITH planned AS MATERIALIZED ({planned}) \
             INSERT INTO rule_tasks (id, review_task_id, rule_id, group_id, group_name, rule_name, risk_level, \
             prompt, generation, status, reasoning, anchors, batch_id, created_at, updated_at) \
             SELECT id, $1, rule_id, group_id, group_name, rule_name, risk_level, prompt, generation, $4, '', '[]', \
             batch_id, $2, $2 FROM planned WHERE true \
             ON CONFLICT (id) DO UPDATE SET group_id = excluded.group_id, group_name = excluded.group_name, \
             rule_name = excluded.rule_name, risk_level = excluded.risk_level, prompt = excluded.prompt, \
             generation = excluded.generation, status = excluded.status, reasoning = '', anchors = '[]', \
             batch_id = excluded.batch_id, dropped_at = NULL, updated_at = excluded.updated_at"
        );
        for chunk in bulk::chunks(&rows)? {
            sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(task_id)
                .bind(now)
                .bind(chunk)
                .bind(status::QUEUED)
                .execute(&mut *tx)
                .await?;
        }
        jobs::enqueue_many(&mut tx, self.backend(), JobKind::ReviewBatch, &batches).await?;
        jobs::enqueue_many(&mut tx, self.backend(), JobKind::ReviewRule, &singles).await?;
        sqlx::query(
            "UPDATE review_tasks SET phase = 'planned', failure_cause = NULL, not_triggered_count = $2, \
             updated_at = $3 WHERE id = $1",
        )
        .bind(task_id)
        .bind(not_triggered)
        .bind(now)
        .execute(&mut *tx)
        .await?;
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
        tx.commit().await?;
        Ok(true)
    }
}

/// A plan's rule tasks and the jobs that judge them.
struct Planned<'a> {
    rows: Vec<PlannedRow<'a>>,
    batches: Vec<NewJob>,
    singles: Vec<NewJob>,
}

impl Store {
    /// Gives each triggered rule its rule task (the previous run's, by rule
    /// id, at the next generation, else a new one) and its judging: rules with
    /// an expression fill batches of `batch_size` in order, each batch one job
    /// at the task's `generation`; every other rule a job of its own.
    fn assign<'a>(
        &self,
        triggered: &'a [PlannedRule],
        previous: &HashMap<i64, (i64, i64)>,
        generation: i64,
        batch_size: usize,
    ) -> Planned<'a> {
        let mut planned = Planned { rows: Vec::with_capacity(triggered.len()), batches: vec![], singles: vec![] };
        let mut open_batch: Option<(i64, usize)> = None;
        for rule in triggered {
            let (id, rule_generation) = match previous.get(&rule.rule_id) {
                Some((id, generation)) => (*id, generation + 1),
                None => (self.next_id(), 1),
            };
            let batch_id = if rule.expression.is_some() {
                let (batch_id, members) = match open_batch {
                    Some((batch_id, members)) if members < batch_size.max(1) => (batch_id, members),
                    _ => {
                        let batch_id = self.next_id();
                        planned.batches.push(NewJob { id: self.next_id(), subject_id: batch_id, generation });
                        (batch_id, 0)
                    }
                };
                open_batch = Some((batch_id, members + 1));
                Some(batch_id)
            } else {
                planned.singles.push(NewJob { id: self.next_id(), subject_id: id, generation: rule_generation });
                None
            };
            planned.rows.push(PlannedRow {
                id,
                rule_id: rule.rule_id,
                group_id: rule.group_id,
                group_name: &rule.group_name,
                rule_name: &rule.rule_name,
                risk_level: rule.risk_level,
                prompt: &rule.prompt,
                generation: rule_generation,
                batch_id,
            });
        }
        planned
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
