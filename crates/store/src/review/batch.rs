//! The batch job: the queued rule tasks of one batch, judged by their rules'
//! current expressions and committed in one transaction. Each verdict is
//! fenced on its own: it lands only while its rule task still has the
//! generation it was judged at and still belongs to the batch (a rule retry
//! takes it out). The batch as a whole is fenced by its job's lease.

use docreview_core::review::status;
use docreview_wire::Id;
use docreview_wire::review::Anchor;
use serde::{Deserialize, Serialize};

use super::judging::{RuleDbRow, RuleDefinition, Verdict};
use crate::bulk::{self, Type};
use crate::clock::now_ms;
use crate::jobs::{self, Claim, JobKind};
use crate::{Store, StoreError, json};

/// What a batch job judges.
#[derive(Debug, Clone)]
pub struct BatchInput {
    pub workspace_id: i64,
    pub extract_task_ids: Vec<i64>,
    /// The rule tasks still queued in the batch, in creation order.
    pub members: Vec<BatchMember>,
}

/// One rule task of a batch, with its rule as it is now.
#[derive(Debug, Clone)]
pub struct BatchMember {
    pub rule_task_id: i64,
    pub generation: i64,
    pub rule_id: i64,
    /// `None` when the rule was deleted since the task was planned.
    pub rule: Option<RuleDefinition>,
}

/// What became of one member.
#[derive(Debug, Clone)]
pub struct BatchVerdict<'a> {
    pub member: &'a BatchMember,
    /// `None`: the rule lost its expression since the plan and needs a model;
    /// its rule task leaves the batch for a judge job of its own.
    pub verdict: Option<Verdict>,
}

/// A verdict as the commit writes it.
#[derive(Serialize)]
struct VerdictRow<'a> {
    id: i64,
    generation: i64,
    status: i64,
    reasoning: &'a str,
    /// Nested as JSON, not as a string of JSON: the database renders it as
    /// the column's text, and it is not escaped twice on the way.
    anchors: &'a [Anchor],
    /// 1 when the rule still exists: its name, prompt, risk level and
    /// expression are kept with the verdict.
    has_rule: i64,
    rule_name: Option<&'a str>,
    prompt: Option<&'a str>,
    risk_level: Option<i64>,
    expression: Option<&'a str>,
}

const VERDICT_COLUMNS: &[(&str, Type)] = &[
    ("id", Type::Int),
    ("generation", Type::Int),
    ("status", Type::Int),
    ("reasoning", Type::Text),
    ("anchors", Type::Text),
    ("has_rule", Type::Int),
    ("rule_name", Type::Text),
    ("prompt", Type::Text),
    ("risk_level", Type::Int),
    ("expression", Type::Text),
];

/// A member as [`MEMBER_COLUMNS`] reads it: the rule task, and its rule's
/// columns, all null when the rule was deleted.
#[derive(Deserialize)]
struct MemberJson {
    rule_task_id: i64,
    generation: i64,
    rule_id: i64,
    review_task_id: i64,
    found: Option<i64>,
    name: Option<String>,
    prompt: Option<String>,
    expression: Option<String>,
    category_ids: Option<String>,
    risk_level: Option<i64>,
    referenced_fields: Option<String>,
}

const MEMBER_COLUMNS: &[(&str, &str)] = &[
    ("rule_task_id", "t.id"),
    ("generation", "t.generation"),
    ("rule_id", "t.rule_id"),
    ("review_task_id", "t.review_task_id"),
    ("found", "r.id"),
    ("name", "r.name"),
    ("prompt", "r.prompt"),
    ("expression", "r.expression"),
    ("category_ids", "r.category_ids"),
    ("risk_level", "r.risk_level"),
    ("referenced_fields", "r.referenced_fields"),
];

impl MemberJson {
    fn into_member(self) -> Result<BatchMember, StoreError> {
        let rule = self
            .found
            .map(|id| {
                RuleDbRow {
                    id,
                    name: self.name.unwrap_or_default(),
                    prompt: self.prompt.unwrap_or_default(),
                    expression: self.expression,
                    category_ids: self.category_ids.unwrap_or_default(),
                    risk_level: self.risk_level.unwrap_or_default(),
                    referenced_fields: self.referenced_fields.unwrap_or_default(),
                }
                .into_definition()
            })
            .transpose()?;
        Ok(BatchMember { rule_task_id: self.rule_task_id, generation: self.generation, rule_id: self.rule_id, rule })
    }
}

impl Store {
    /// The batch's queued rule tasks and their review task; `None` when none
    /// is left (all retried out of it) or the task was deleted.
    pub async fn batch_input(&self, batch_id: i64) -> Result<Option<BatchInput>, StoreError> {
        let sql = bulk::json_rows(
            self.backend(),
            MEMBER_COLUMNS,
            "FROM rule_tasks t LEFT JOIN rules r ON r.id = t.rule_id WHERE t.batch_id = $1 AND t.status = $2",
            "rule_task_id",
        );
        let (rows,): (String,) =
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(batch_id).bind(status::QUEUED).fetch_one(&self.read).await?;
        let rows: Vec<MemberJson> = json::decode(&rows, "a batch's rule tasks")?;
        let Some(review_task_id) = rows.first().map(|row| row.review_task_id) else { return Ok(None) };
        let task: Option<(i64, String)> = sqlx::query_as(
            "SELECT workspace_id, extract_task_ids FROM review_tasks WHERE id = $1 AND deleted_at IS NULL",
        )
        .bind(review_task_id)
        .fetch_optional(&self.read)
        .await?;
        let Some((workspace_id, extract_task_ids)) = task else { return Ok(None) };
        let members = rows.into_iter().map(MemberJson::into_member).collect::<Result<_, _>>()?;
        let ids: Vec<Id> = json::decode(&extract_task_ids, "review_tasks.extract_task_ids")?;
        Ok(Some(BatchInput { workspace_id, extract_task_ids: ids.into_iter().map(|id| id.0).collect(), members }))
    }

    /// Commits the batch's verdicts (each with the rule's name, prompt, risk
    /// level and expression, as a single verdict does), hands the members
    /// without a verdict to judge jobs of their own, and completes the job;
    /// all or nothing. `false`: the claim was fenced off, nothing written.
    /// A member retried meanwhile keeps its newer run: its verdict is dropped.
    pub async fn commit_batch(&self, claim: &Claim, verdicts: &[BatchVerdict<'_>]) -> Result<bool, StoreError> {
        let batch_id = claim.subject_id;
        let mut rows = Vec::with_capacity(verdicts.len());
        for BatchVerdict { member, verdict } in verdicts {
            let Some(verdict) = verdict else { continue };
            let rule = member.rule.as_ref();
            rows.push(VerdictRow {
                id: member.rule_task_id,
                generation: member.generation,
                status: verdict.status,
                reasoning: &verdict.reasoning,
                anchors: &verdict.anchors,
                has_rule: i64::from(rule.is_some()),
                rule_name: rule.map(|r| r.name.as_str()),
                prompt: rule.map(|r| r.prompt.as_str()),
                risk_level: rule.map(|r| r.risk_level),
                expression: rule.and_then(|r| r.expression.as_deref()),
            });
        }
        // Encoded before the transaction: on SQLite it holds the only writer.
        let chunks = bulk::chunks(&rows)?;
        let mut tx = self.write.begin().await?;
        if !jobs::finish(&mut tx, claim).await? {
            return Ok(false);
        }
        let now = now_ms();
        let incoming = bulk::select(self.backend(), "$3", VERDICT_COLUMNS);
        let sql = format!(
            "WITH verdicts AS MATERIALIZED ({incoming}) \
             UPDATE rule_tasks SET status = verdicts.status, reasoning = verdicts.reasoning, \
             anchors = verdicts.anchors, rule_name = COALESCE(verdicts.rule_name, rule_tasks.rule_name), \
             prompt = COALESCE(verdicts.prompt, rule_tasks.prompt), \
             risk_level = COALESCE(verdicts.risk_level, rule_tasks.risk_level), \
             expression = CASE WHEN verdicts.has_rule = 1 THEN verdicts.expression ELSE rule_tasks.expression END, \
             result_version = rule_tasks.result_version + 1, updated_at = $2 \
             FROM verdicts \
             WHERE rule_tasks.id = verdicts.id AND rule_tasks.generation = verdicts.generation \
             AND rule_tasks.batch_id = $1"
        );
        for chunk in chunks {
            sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(batch_id)
                .bind(now)
                .bind(chunk)
                .execute(&mut *tx)
                .await?;
        }
        for BatchVerdict { member, .. } in verdicts.iter().filter(|v| v.verdict.is_none()) {
            let left = sqlx::query(
                "UPDATE rule_tasks SET batch_id = NULL, updated_at = $4 \
                 WHERE id = $1 AND generation = $2 AND batch_id = $3",
            )
            .bind(member.rule_task_id)
            .bind(member.generation)
            .bind(batch_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if left.rows_affected() == 1 {
                jobs::enqueue(&mut tx, self.next_id(), JobKind::ReviewRule, member.rule_task_id, member.generation)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(true)
    }
}
