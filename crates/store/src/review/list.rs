//! Listing a workspace's review tasks: each with the counts of its rule
//! results, counted by the database, never with the results themselves.

use docreview_core::Caller;
use docreview_core::review::{Phase, RuleCounts, status};
use docreview_core::validation::Page;
use sqlx::FromRow;

use super::phase_from;
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

impl Store {
    /// The matching review tasks, newest first, with their rule counts: one
    /// `page` of them and how many match, or all of them when `page` is
    /// `None` (for a filter on the rolled-up status, which only the counts
    /// decide).
    pub async fn review_task_summaries(
        &self,
        caller: &Caller,
        workspace_id: i64,
        filter: ReviewTaskFilter,
        page: Option<Page>,
    ) -> Result<(i64, Vec<ReviewTaskSummaryRow>), StoreError> {
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        let total = match page {
            Some(_) => {
                let (total,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {MATCHING}")))
                    .bind(workspace_id)
                    .bind(filter.repo_id)
                    .bind(filter.created_from)
                    .bind(filter.created_to)
                    .fetch_one(&mut *tx)
                    .await?;
                Some(total)
            }
            None => None,
        };
        let (limit, offset) = page.map_or((i64::MAX, 0), |page| (page.page_size, page.offset()));
        let (queued, passed, not_passed, error) = (status::QUEUED, status::PASSED, status::NOT_PASSED, status::ERROR);
        let failed = status::RECOGNITION_FAILED;
        // Tasks first, a page of them; then their rule tasks, counted.
        let sql = format!(
            "WITH listed AS (SELECT t.id, t.name, t.repo_id, t.repo_name, t.model, t.phase, t.not_triggered_count, \
             t.created_at {MATCHING} ORDER BY t.id DESC LIMIT $5 OFFSET $6) \
             SELECT l.id, l.name, l.repo_id, l.repo_name, l.model, l.phase, l.not_triggered_count, l.created_at, \
             COUNT(r.id) AS total, \
             COALESCE(SUM(CASE WHEN r.status = {queued} THEN 1 ELSE 0 END), 0) AS queued, \
             COALESCE(SUM(CASE WHEN r.id IS NULL OR r.status IN ({passed}, {not_passed}, {error}, {failed}) \
             THEN 0 ELSE 1 END), 0) AS open, \
             COALESCE(SUM(CASE WHEN r.status = {passed} THEN 1 ELSE 0 END), 0) AS passed, \
             COALESCE(SUM(CASE WHEN r.status = {not_passed} THEN 1 ELSE 0 END), 0) AS not_passed, \
             COALESCE(SUM(CASE WHEN r.status = {error} THEN 1 ELSE 0 END), 0) AS error \
             FROM listed l LEFT JOIN rule_tasks r ON r.review_task_id = l.id AND r.dropped_at IS NULL \
             GROUP BY l.id, l.name, l.repo_id, l.repo_name, l.model, l.phase, l.not_triggered_count, l.created_at \
             ORDER BY l.id DESC"
        );
        let rows: Vec<SummaryDbRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(workspace_id)
            .bind(filter.repo_id)
            .bind(filter.created_from)
            .bind(filter.created_to)
            .bind(limit)
            .bind(offset)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        let rows: Vec<ReviewTaskSummaryRow> = rows.into_iter().map(SummaryDbRow::into_summary).collect();
        Ok((total.unwrap_or(rows.len() as i64), rows))
    }
}

impl SummaryDbRow {
    fn into_summary(self) -> ReviewTaskSummaryRow {
        ReviewTaskSummaryRow {
            id: self.id,
            name: self.name,
            repo_id: self.repo_id,
            repo_name: self.repo_name,
            model: self.model,
            phase: phase_from(&self.phase),
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
        }
    }
}
