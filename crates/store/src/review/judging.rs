//! The judge job: one rule task, judged with the rule's current definition,
//! its verdict committed only while the claim and generation are current.

use docreview_core::states::{JobState, RuleResult};
use docreview_wire::Id;
use docreview_wire::review::Anchor;
use docreview_wire::rule::ReferencedField;
use sqlx::FromRow;

use super::stored_anchors;
use crate::clock::now_ms;
use crate::jobs::Claim;
use crate::{Store, StoreError, WriteTx, json};

/// A rule as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDefinition {
    pub rule_id: i64,
    pub name: String,
    pub prompt: String,
    pub expression: Option<String>,
    pub category_ids: Vec<i64>,
    pub risk_level: i64,
    pub referenced_fields: Vec<ReferencedField>,
}

/// What a judge job needs.
#[derive(Debug, Clone)]
pub struct JudgeInput {
    pub rule_task_id: i64,
    pub review_task_id: i64,
    pub workspace_id: i64,
    pub model: String,
    pub extract_task_ids: Vec<i64>,
    /// `None` when the rule was deleted since the task was planned.
    pub rule: Option<RuleDefinition>,
    pub rule_id: i64,
}

/// A judge's answer for one rule task.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Passed, not passed or error.
    pub status: RuleResult,
    pub reasoning: String,
    pub anchors: Vec<Anchor>,
}

#[derive(FromRow)]
struct InputDbRow {
    rule_task_id: i64,
    review_task_id: i64,
    rule_id: i64,
    workspace_id: i64,
    model: String,
    extract_task_ids: String,
}

/// A rule's row as judging reads it.
#[derive(FromRow)]
pub(super) struct RuleDbRow {
    pub(super) id: i64,
    pub(super) name: String,
    pub(super) prompt: String,
    pub(super) expression: Option<String>,
    pub(super) category_ids: String,
    pub(super) risk_level: i64,
    pub(super) referenced_fields: String,
}

/// The columns of [`RuleDbRow`].
const RULE_COLUMNS: &str = "id, name, prompt, expression, category_ids, risk_level, referenced_fields";

impl RuleDbRow {
    pub(super) fn into_definition(self) -> Result<RuleDefinition, StoreError> {
        let ids: Vec<Id> = json::decode(&self.category_ids, "rules.category_ids")?;
        Ok(RuleDefinition {
            rule_id: self.id,
            name: self.name,
            expression: docreview_core::rules::effective_expression(self.expression, &self.prompt),
            prompt: self.prompt,
            category_ids: ids.into_iter().map(|id| id.0).collect(),
            risk_level: self.risk_level,
            referenced_fields: json::decode(&self.referenced_fields, "rules.referenced_fields")?,
        })
    }
}

impl Store {
    /// The rule task a judge job works on; `None` if it (or its task) is gone.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn judge_input(&self, rule_task_id: i64) -> Result<Option<JudgeInput>, StoreError> {
        let row: Option<InputDbRow> = sqlx::query_as(
            "SELECT t.id AS rule_task_id, t.review_task_id, t.rule_id, r.workspace_id, r.model, r.extract_task_ids \
             FROM rule_tasks t JOIN review_tasks r ON r.id = t.review_task_id \
             WHERE t.id = $1 AND r.deleted_at IS NULL",
        )
        .bind(rule_task_id)
        .fetch_optional(&self.read)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let rule: Option<RuleDbRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {RULE_COLUMNS} FROM rules WHERE id = $1")))
                .bind(row.rule_id)
                .fetch_optional(&self.read)
                .await?;
        let rule = rule.map(RuleDbRow::into_definition).transpose()?;
        let ids: Vec<Id> = json::decode(&row.extract_task_ids, "review_tasks.extract_task_ids")?;
        Ok(Some(JudgeInput {
            rule_task_id: row.rule_task_id,
            review_task_id: row.review_task_id,
            workspace_id: row.workspace_id,
            model: row.model,
            extract_task_ids: ids.into_iter().map(|id| id.0).collect(),
            rule,
            rule_id: row.rule_id,
        }))
    }

    /// Marks the rule task as being judged (status 3) while the claim is current.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn start_judging(&self, claim: &Claim) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE rule_tasks SET status = $6, updated_at = $3 WHERE id = $1 AND generation = $2 \
             AND EXISTS (SELECT 1 FROM jobs WHERE id = $4 AND lease_token = $5 AND state = $7)",
        )
        .bind(claim.subject_id)
        .bind(claim.generation)
        .bind(now_ms())
        .bind(claim.job_id)
        .bind(claim.lease_token)
        .bind(RuleResult::Reviewing.code())
        .bind(JobState::Running.as_str())
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

/// Writes a verdict (refreshing the rule's name, prompt, risk level and
/// expression kept with it) if the rule task is still at the claim's
/// generation; the review task's id when it was written.
#[tracing::instrument(level = "debug", skip_all, fields(rule_task_id = claim.subject_id))]
pub async fn write_verdict(
    tx: &mut WriteTx,
    claim: &Claim,
    verdict: &Verdict,
    rule: Option<&RuleDefinition>,
) -> Result<Option<i64>, StoreError> {
    let anchors = stored_anchors::encode(&verdict.anchors)?;
    let written: Option<(i64,)> = sqlx::query_as(
        "UPDATE rule_tasks SET status = $3, reasoning = $4, anchors = $5, rule_name = COALESCE($6, rule_name), \
         prompt = COALESCE($7, prompt), risk_level = COALESCE($8, risk_level), \
         expression = CASE WHEN $10 = 1 THEN $11 ELSE expression END, result_version = result_version + 1, \
         updated_at = $9 \
         WHERE id = $1 AND generation = $2 RETURNING review_task_id",
    )
    .bind(claim.subject_id)
    .bind(claim.generation)
    .bind(verdict.status.code())
    .bind(&verdict.reasoning)
    .bind(anchors)
    .bind(rule.map(|r| r.name.as_str()))
    .bind(rule.map(|r| r.prompt.as_str()))
    .bind(rule.map(|r| r.risk_level))
    .bind(now_ms())
    .bind(i64::from(rule.is_some()))
    .bind(rule.and_then(|r| r.expression.as_deref()))
    .fetch_optional(tx.conn())
    .await?;
    Ok(written.map(|(id,)| id))
}
