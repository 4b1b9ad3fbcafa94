//! Listing a workspace's review tasks: each with the counts of its rule
//! results, counted by the database, never with the results themselves.

use docreview_core::Caller;
use docreview_core::review::RuleCounts;
use docreview_core::states::{IntCode, Phase, ReviewStatus, RuleResult, TextCode, sql_list};
use docreview_core::validation::Page;
use sqlx::FromRow;

use crate::workspaces::ensure_workspace_visible;
use crate::{Store, StoreError};

/// A review task as a listing shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewTaskSummaryRow {
    pub id: i64,
    pub name: String,
    pub repo_id: i64,
    pub repo_name: String,
    pub model: String,
    pub phase: Phase,
    pub not_triggered_count: i64,
    pub created_at: i64,
    pub counts: RuleCounts,
}

/// Which of a workspace's review tasks a listing shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewTaskFilter {
    pub repo_id: Option<i64>,
    /// Created within this window (Unix milliseconds, inclusive).
    pub created_from: Option<i64>,
    pub created_to: Option<i64>,
    /// Rolled up to this status from the task's phase and rule counts.
    pub status: Option<ReviewStatus>,
}

#[derive(FromRow)]
struct SummaryDbRow {
    id: i64,
    name: String,
    repo_id: i64,
    repo_name: String,
    model: String,
    phase: String,
    not_triggered_count: i64,
    created_at: i64,
    total: i64,
    queued: i64,
    open: i64,
    passed: i64,
    not_passed: i64,
    error: i64,
}

const MATCHING: &str = "FROM review_tasks t WHERE t.workspace_id = $1 AND t.deleted_at IS NULL \
     AND ($2 IS NULL OR t.repo_id = $2) AND ($3 IS NULL OR t.created_at >= $3) AND ($4 IS NULL OR t.created_at <= $4)";

const TASK_COLUMNS: &str = "id, name, repo_id, repo_name, model, phase, not_triggered_count, created_at";

/// The counts of each listed task's rule tasks, from a CTE `listed` of tasks.
fn counted() -> String {
    let count =
        |result: RuleResult| format!("COALESCE(SUM(CASE WHEN r.status = {} THEN 1 ELSE 0 END), 0)", result.code());
    let finals = sql_list(RuleResult::finals());
    let grouped = TASK_COLUMNS.split(", ").map(|c| format!("l.{c}")).collect::<Vec<_>>().join(", ");
    format!(
        "SELECT {grouped}, COUNT(r.id) AS total, {queued} AS queued, \
         COALESCE(SUM(CASE WHEN r.id IS NULL OR r.status IN ({finals}) THEN 0 ELSE 1 END), 0) AS open, \
         {passed} AS passed, {not_passed} AS not_passed, {error} AS error \
         FROM listed l LEFT JOIN rule_tasks r ON r.review_task_id = l.id AND r.dropped_at IS NULL \
         GROUP BY {grouped}",
        queued = count(RuleResult::Queued),
        passed = count(RuleResult::Passed),
        not_passed = count(RuleResult::NotPassed),
        error = count(RuleResult::Error),
    )
}

impl Store {
    /// One `page` of the matching review tasks, newest first, with their
    /// rule counts, and how many match. Without a status filter, the page
    /// of tasks is taken first and only its rule tasks are counted; with
    /// one, the database rolls every matching task's counts up to its
    /// status (the same roll-up as [`RuleCounts::task_status`]) and pages
    /// what is left.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn review_task_summaries(
        &self,
        caller: &Caller,
        workspace_id: i64,
        filter: ReviewTaskFilter,
        page: Page,
    ) -> Result<(i64, Vec<ReviewTaskSummaryRow>), StoreError> {
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        let (total_sql, page_sql) = match filter.status {
            None => (
                format!("SELECT COUNT(*) {MATCHING}"),
                format!(
                    "WITH listed AS (SELECT {TASK_COLUMNS} {MATCHING} ORDER BY t.id DESC LIMIT $5 OFFSET $6) \
                     {} ORDER BY l.id DESC",
                    counted()
                ),
            ),
            Some(_) => {
                let rolled = format!(
                    "WITH listed AS (SELECT {TASK_COLUMNS} {MATCHING}), counted AS ({}), \
                     rolled AS (SELECT counted.*, {} AS status FROM counted) ",
                    counted(),
                    RuleCounts::task_status_sql()
                );
                (
                    format!("{rolled} SELECT COUNT(*) FROM rolled WHERE status = $5"),
                    format!("{rolled} SELECT * FROM rolled WHERE status = $7 ORDER BY id DESC LIMIT $5 OFFSET $6"),
                )
            }
        };
        let status = filter.status.map(IntCode::code);
        let mut total_query = sqlx::query_as(sqlx::AssertSqlSafe(total_sql))
            .bind(workspace_id)
            .bind(filter.repo_id)
            .bind(filter.created_from)
            .bind(filter.created_to);
        if let Some(status) = status {
            total_query = total_query.bind(status);
        }
        let (total,): (i64,) = total_query.fetch_one(&mut *tx).await?;
        let mut page_query = sqlx::query_as(sqlx::AssertSqlSafe(page_sql))
            .bind(workspace_id)
            .bind(filter.repo_id)
            .bind(filter.created_from)
            .bind(filter.created_to)
            .bind(page.page_size)
            .bind(page.offset());
        if let Some(status) = status {
            page_query = page_query.bind(status);
        }
        let rows: Vec<SummaryDbRow> = page_query.fetch_all(&mut *tx).await?;
        tx.commit().await?;
        let rows = rows.into_iter().map(SummaryDbRow::into_summary).collect::<Result<_, _>>()?;
        Ok((total, rows))
    }
}

impl SummaryDbRow {
    fn into_summary(self) -> Result<ReviewTaskSummaryRow, StoreError> {
        Ok(ReviewTaskSummaryRow {
            id: self.id,
            name: self.name,
            repo_id: self.repo_id,
            repo_name: self.repo_name,
            model: self.model,
            phase: Phase::decode("review_tasks.phase", &self.phase)?,
            not_triggered_count: self.not_triggered_count,
            created_at: self.created_at,
            counts: RuleCounts {
                total: self.total,
                queued: self.queued,
                open: self.open,
                passed: self.passed,
                not_passed: self.not_passed,
                error: self.error,
            },
        })
    }
}
