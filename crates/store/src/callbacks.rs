//! Callback deliveries. When a task reaches a final status, the transaction
//! that commits it also records a delivery of the event for the workspace's
//! `callback_url` (when it has one) and queues a `callback` job for it, so a
//! crash between the two cannot lose the event, and each final status yields
//! exactly one. The job sends it and records each attempt here.

use docreview_core::Caller;
use docreview_core::callback::{EXTRACTION_FINISHED, REVIEW_FINISHED};
use docreview_core::review::RuleCounts;
use docreview_core::states::{IntCode, Phase, RuleResult, TextCode, sql_list};
use docreview_core::validation::Page;
use serde_json::json;
use sqlx::{AnyConnection, FromRow};

use crate::clock::now_ms;
use crate::connect::Backend;
use crate::jobs::{self, Claim, JobKind};
use crate::workspaces::ensure_workspace_visible;
use crate::{Store, StoreError, WriteTx};

/// Where a delivery stands.
pub mod state {
    /// Not yet answered with a 2xx; attempts are left.
    pub const PENDING: &str = "pending";
    /// Answered with a 2xx.
    pub const DELIVERED: &str = "delivered";
    /// Every attempt failed.
    pub const FAILED: &str = "failed";
}

/// One event owed to a workspace's callback URL, and how sending it went.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Delivery {
    pub id: i64,
    pub workspace_id: i64,
    pub event: String,
    pub task_id: i64,
    /// The final status the event reports.
    pub task_status: i64,
    pub url: String,
    /// The JSON body sent.
    pub payload: String,
    /// 1 + the workspace's `callback_retry_time` when the event was recorded.
    pub max_attempts: i64,
    pub attempts: i64,
    pub state: String,
    pub last_status_code: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const DELIVERY_COLUMNS: &str = "id, workspace_id, event, task_id, task_status, url, payload, max_attempts, \
     attempts, state, last_status_code, last_error, created_at, updated_at";

/// How one attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// The receiver's HTTP status, when it answered.
    pub status_code: Option<i64>,
    /// Why the attempt failed, when it did.
    pub error: Option<String>,
}

impl Attempt {
    fn delivered(&self) -> bool {
        self.error.is_none() && self.status_code.is_some_and(|code| (200..300).contains(&code))
    }
}

/// Where a workspace's events go: its callback URL and how many attempts
/// each event gets.
struct Target {
    url: String,
    max_attempts: i64,
}

impl Target {
    /// `None` for a workspace without a callback URL.
    fn of(url: &str, retries: i64) -> Option<Self> {
        let url = url.trim();
        (!url.is_empty()).then(|| Self { url: url.to_owned(), max_attempts: 1 + retries.max(0) })
    }
}

/// What an event reports.
struct Event {
    workspace_id: i64,
    name: &'static str,
    task_id: i64,
    task_status: i64,
}

/// Records the event of an extraction task that reached a final status,
/// inside the transaction committing it.
#[tracing::instrument(level = "debug", skip_all, fields(file_id))]
pub async fn record_extraction_event(tx: &mut WriteTx, file_id: i64) -> Result<(), StoreError> {
    let id = tx.next_id();
    let conn = tx.conn();
    let file: Option<(i64, i64, String, i64, String, String, i64)> = sqlx::query_as(
        "SELECT f.workspace_id, f.task_id, f.name, f.recognition_status, f.category, w.callback_url, \
         w.callback_retry_time FROM files f JOIN workspaces w ON w.id = f.workspace_id WHERE f.id = $1",
    )
    .bind(file_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((workspace_id, task_id, name, status, category, url, retries)) = file else { return Ok(()) };
    let Some(target) = Target::of(&url, retries) else { return Ok(()) };
    let payload = json!({
        "event": EXTRACTION_FINISHED,
        "workspace_id": workspace_id.to_string(),
        "task_id": task_id.to_string(),
        "file_id": file_id.to_string(),
        "name": name,
        "recognition_status": status,
        "category": category,
    });
    let event = Event { workspace_id, name: EXTRACTION_FINISHED, task_id, task_status: status };
    record_event(conn, id, &target, &event, payload).await
}

/// Records the event of a review task if the change just written in the
/// transaction left it in a final status. Only workspaces with a callback
/// URL pay for the check, and a task with a rule still open stops it at
/// the first such rule. On PostgreSQL the task's row is locked first,
/// so of two verdicts committed at once only the later one, which sees
/// the other, finds the task final.
#[tracing::instrument(level = "debug", skip_all, fields(review_task_id))]
pub async fn record_review_event_if_final(tx: &mut WriteTx, review_task_id: i64) -> Result<(), StoreError> {
    let id = tx.next_id();
    let lock = for_update(tx.backend());
    let conn = tx.conn();
    {
        let task: Option<(i64, String, i64)> = sqlx::query_as(
            "SELECT t.workspace_id, w.callback_url, w.callback_retry_time FROM review_tasks t \
             JOIN workspaces w ON w.id = t.workspace_id WHERE t.id = $1 AND t.deleted_at IS NULL",
        )
        .bind(review_task_id)
        .fetch_optional(&mut *conn)
        .await?;
        let Some((workspace_id, url, retries)) = task else { return Ok(()) };
        let Some(target) = Target::of(&url, retries) else { return Ok(()) };
        let (phase, not_triggered): (String, i64) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT phase, not_triggered_count FROM review_tasks WHERE id = $1{lock}"
        )))
        .bind(review_task_id)
        .fetch_one(&mut *conn)
        .await?;
        let phase = Phase::decode("review_tasks.phase", &phase)?;
        // Most verdicts leave rules open: one row found ends the check.
        let open: Option<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM rule_tasks WHERE review_task_id = $1 AND dropped_at IS NULL \
             AND status NOT IN ({}) LIMIT 1",
            sql_list(RuleResult::finals())
        )))
        .bind(review_task_id)
        .fetch_optional(&mut *conn)
        .await?;
        if open.is_some() && phase == Phase::Planned {
            return Ok(());
        }
        let statuses: Vec<(i64,)> =
            sqlx::query_as("SELECT status FROM rule_tasks WHERE review_task_id = $1 AND dropped_at IS NULL")
                .bind(review_task_id)
                .fetch_all(&mut *conn)
                .await?;
        let results = statuses
            .into_iter()
            .map(|(status,)| RuleResult::decode("rule_tasks.status", status))
            .collect::<Result<Vec<_>, _>>()?;
        let counts = RuleCounts::of(&results);
        let status = counts.task_status(phase);
        if !status.is_final() {
            return Ok(());
        }
        let task_status = status.code();
        let payload = json!({
            "event": REVIEW_FINISHED,
            "workspace_id": workspace_id.to_string(),
            "task_id": review_task_id.to_string(),
            "status": task_status,
            "statistics": counts.statistics(not_triggered),
        });
        let event = Event { workspace_id, name: REVIEW_FINISHED, task_id: review_task_id, task_status };
        record_event(conn, id, &target, &event, payload).await
    }
}

/// ` FOR UPDATE` where the dialect locks rows read (PostgreSQL); SQLite's
/// single writer already holds the whole database.
fn for_update(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    }
}

/// Records delivery `id` of the event, and its job.
async fn record_event(
    conn: &mut AnyConnection,
    id: i64,
    target: &Target,
    event: &Event,
    mut payload: serde_json::Value,
) -> Result<(), StoreError> {
    let now = now_ms();
    payload["delivery_id"] = json!(id.to_string());
    payload["timestamp"] = json!(now);
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO callback_deliveries ({DELIVERY_COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, NULL, NULL, $10, $10)"
    )))
    .bind(id)
    .bind(event.workspace_id)
    .bind(event.name)
    .bind(event.task_id)
    .bind(event.task_status)
    .bind(&target.url)
    .bind(payload.to_string())
    .bind(target.max_attempts)
    .bind(state::PENDING)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    jobs::enqueue(conn, id, JobKind::Callback, id, 0).await
}

impl Store {
    /// The delivery a callback job sends and the secret it is signed with;
    /// `None` when the delivery (or its workspace) is gone.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn delivery_to_send(&self, delivery_id: i64) -> Result<Option<(Delivery, String)>, StoreError> {
        #[derive(FromRow)]
        struct Row {
            #[sqlx(flatten)]
            delivery: Delivery,
            callback_secret: String,
        }
        let columns: Vec<String> = DELIVERY_COLUMNS.split(", ").map(|column| format!("d.{column}")).collect();
        let row: Option<Row> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {}, w.callback_secret FROM callback_deliveries d JOIN workspaces w ON w.id = d.workspace_id \
             WHERE d.id = $1",
            columns.join(", ")
        )))
        .bind(delivery_id)
        .fetch_optional(&self.read)
        .await?;
        Ok(row.map(|row| (row.delivery, row.callback_secret)))
    }

    /// Records an attempt and, in the same transaction, ends the job (sent,
    /// or no attempt left) or queues it again after `retry_after_ms`. `false`
    /// when the claim was fenced off meanwhile.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn record_attempt(
        &self,
        claim: &Claim,
        attempt: &Attempt,
        retry_after_ms: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write.begin().await?;
        let row: Option<(i64, i64)> =
            sqlx::query_as("SELECT attempts, max_attempts FROM callback_deliveries WHERE id = $1")
                .bind(claim.subject_id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((attempts, max_attempts)) = row else {
            let finished = jobs::finish(&mut tx, claim).await?;
            tx.commit().await?;
            return Ok(finished);
        };
        let attempts = attempts + 1;
        let state = match (attempt.delivered(), attempts >= max_attempts) {
            (true, _) => state::DELIVERED,
            (false, true) => state::FAILED,
            (false, false) => state::PENDING,
        };
        let current = if state == state::PENDING {
            let note = attempt.error.as_deref().unwrap_or("not delivered");
            jobs::hand_back(&mut tx, claim, retry_after_ms, note, jobs::Attempts::Reset).await?
        } else {
            jobs::finish(&mut tx, claim).await?
        };
        if !current {
            return Ok(false);
        }
        sqlx::query(
            "UPDATE callback_deliveries SET attempts = $2, state = $3, last_status_code = $4, last_error = $5, \
             updated_at = $6 WHERE id = $1",
        )
        .bind(claim.subject_id)
        .bind(attempts)
        .bind(state)
        .bind(attempt.status_code)
        .bind(attempt.error.as_deref())
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Ends a delivery as failed with `cause` and completes its job (the job
    /// kept failing for a reason of the server's, see the engine's give-up).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn give_up_delivery(&self, claim: &Claim, cause: &str) -> Result<bool, StoreError> {
        let mut tx = self.write.begin().await?;
        if !jobs::finish(&mut tx, claim).await? {
            return Ok(false);
        }
        sqlx::query("UPDATE callback_deliveries SET state = $2, last_error = $3, updated_at = $4 WHERE id = $1")
            .bind(claim.subject_id)
            .bind(state::FAILED)
            .bind(cause)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// A page of a visible workspace's deliveries, newest first, and how many
    /// there are.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn list_deliveries(
        &self,
        caller: &Caller,
        workspace_id: i64,
        page: Page,
    ) -> Result<(i64, Vec<Delivery>), StoreError> {
        let mut conn = self.read.acquire().await?;
        ensure_workspace_visible(&mut conn, caller, workspace_id).await?;
        let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM callback_deliveries WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_one(&mut *conn)
            .await?;
        let rows = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {DELIVERY_COLUMNS} FROM callback_deliveries WHERE workspace_id = $1 \
             ORDER BY id DESC LIMIT $2 OFFSET $3"
        )))
        .bind(workspace_id)
        .bind(page.page_size)
        .bind(page.offset())
        .fetch_all(&mut *conn)
        .await?;
        Ok((total, rows))
    }
}
