//! The durable job queue: a table in the same database as the data.
//!
//! Work is enqueued in the same transaction as the change that creates it, so a
//! job exists exactly when its work is owed. There is one row per (kind,
//! subject): enqueuing again for a subject re-queues that row with the new
//! generation, so queued work coalesces and a running claim loses its lease.
//!
//! A worker claims a job with a fresh lease token and an expiry, extends the
//! lease while it works, and commits its result with [`Store::finish_job`] in a
//! transaction that first checks the token and generation are still current.
//! A claim whose lease expired (its worker died) is re-queued by
//! [`Store::requeue_expired`], which any process may run at any time.

use docreview_core::states::TextCode;
pub use docreview_core::states::{JobKind, JobState};
use serde::Serialize;
use sqlx::{AnyConnection, FromRow};

use crate::bulk::{self, Type};
use crate::clock::now_ms;
use crate::connect::Backend;
use crate::{Store, StoreError, WriteTx};

/// A claimed job: what to do, for which generation, under which lease.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Claim {
    pub job_id: i64,
    pub subject_id: i64,
    pub generation: i64,
    pub lease_token: i64,
    /// 1 on the first claim; more after crashes or transient failures.
    pub attempts: i64,
}

#[derive(FromRow)]
struct ClaimDbRow {
    kind: String,
    #[sqlx(flatten)]
    claim: Claim,
}

/// Counts of jobs by state, for tests and health reporting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueDepth {
    pub queued: i64,
    pub running: i64,
}

impl Store {
    /// Takes the oldest ready job of `kind`, leasing it for `lease_ms`.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn claim_job(&self, kind: JobKind, lease_ms: i64) -> Result<Option<Claim>, StoreError> {
        let now = now_ms();
        let token = self.next_id();
        let sql = format!(
            "UPDATE jobs SET state = $5, lease_token = $3, lease_expires_at = $4, attempts = attempts + 1, \
             updated_at = $2 WHERE state = $6 AND id = (SELECT id FROM jobs WHERE kind = $1 AND state = $6 \
             AND run_after <= $2 ORDER BY run_after, id LIMIT 1{}) \
             RETURNING id AS job_id, subject_id, generation, lease_token, attempts",
            skip_locked(self.backend())
        );
        let claim = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(kind.as_str())
            .bind(now)
            .bind(token)
            .bind(now + lease_ms)
            .bind(JobState::Running.as_str())
            .bind(JobState::Queued.as_str())
            .fetch_optional(&self.write)
            .await?;
        Ok(claim)
    }

    /// Takes the oldest ready job of the first of `kinds` that has one,
    /// leasing it for `lease_ms`. On SQLite one statement looks at every kind:
    /// each claim, even one that finds nothing, waits its turn at the single
    /// writer, so a worker that tried its kinds one by one would queue behind
    /// the commits up to once per kind.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn claim_next(&self, kinds: &[JobKind], lease_ms: i64) -> Result<Option<(JobKind, Claim)>, StoreError> {
        if self.backend() == Backend::Postgres || kinds.len() == 1 {
            for &kind in kinds {
                if let Some(claim) = self.claim_job(kind, lease_ms).await? {
                    return Ok(Some((kind, claim)));
                }
            }
            return Ok(None);
        }
        let now = now_ms();
        let first_ready: Vec<String> = (0..kinds.len())
            .map(|i| {
                format!(
                    "SELECT * FROM (SELECT id, {i} AS priority FROM jobs WHERE kind = ${} AND state = $5 \
                     AND run_after <= $1 ORDER BY run_after, id LIMIT 1)",
                    i + 6
                )
            })
            .collect();
        let sql = format!(
            "UPDATE jobs SET state = $4, lease_token = $2, lease_expires_at = $3, attempts = attempts + 1, \
             updated_at = $1 WHERE state = $5 AND id = (SELECT id FROM ({}) ORDER BY priority LIMIT 1) \
             RETURNING kind, id AS job_id, subject_id, generation, lease_token, attempts",
            first_ready.join(" UNION ALL ")
        );
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(now)
            .bind(self.next_id())
            .bind(now + lease_ms)
            .bind(JobState::Running.as_str())
            .bind(JobState::Queued.as_str());
        for kind in kinds {
            query = query.bind(kind.as_str());
        }
        let claimed: Option<ClaimDbRow> = query.fetch_optional(&self.write).await?;
        claimed
            .map(|row| {
                let kind = JobKind::decode("jobs.kind", &row.kind)?;
                Ok((kind, row.claim))
            })
            .transpose()
    }

    /// Extends a lease; false if the claim is no longer current (fenced off).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn extend_lease(&self, claim: &Claim, lease_ms: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE jobs SET lease_expires_at = $3, updated_at = $4 \
             WHERE id = $1 AND lease_token = $2 AND state = $5",
        )
        .bind(claim.job_id)
        .bind(claim.lease_token)
        .bind(now_ms() + lease_ms)
        .bind(now_ms())
        .bind(JobState::Running.as_str())
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Puts running jobs whose lease expired back in the queue; returns how many.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn requeue_expired(&self) -> Result<u64, StoreError> {
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE jobs SET state = $2, lease_token = NULL, lease_expires_at = NULL, run_after = $1, \
             updated_at = $1 WHERE state = $3 AND lease_expires_at < $1",
        )
        .bind(now)
        .bind(JobState::Queued.as_str())
        .bind(JobState::Running.as_str())
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected())
    }

    /// Gives a claimed job back to the queue after a transient failure, to run
    /// again after `delay_ms`; the attempt counts. False if the claim was
    /// fenced off meanwhile.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn release_job(&self, claim: &Claim, delay_ms: i64, error: &str) -> Result<bool, StoreError> {
        let mut conn = self.write.acquire().await?;
        hand_back(&mut conn, claim, delay_ms, error, Attempts::Count).await
    }

    /// Gives a claimed job back to the queue to look again after `delay_ms`
    /// (a plan waiting for its inputs): not a failure, so its attempts start
    /// again from none. False if the claim was fenced off meanwhile.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn postpone_job(&self, claim: &Claim, delay_ms: i64, reason: &str) -> Result<bool, StoreError> {
        let mut conn = self.write.acquire().await?;
        hand_back(&mut conn, claim, delay_ms, reason, Attempts::Reset).await
    }

    /// Jobs of `kind` waiting or running.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn queue_depth(&self, kind: JobKind) -> Result<QueueDepth, StoreError> {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT state, COUNT(*) FROM jobs WHERE kind = $1 AND state <> $2 GROUP BY state")
                .bind(kind.as_str())
                .bind(JobState::Done.as_str())
                .fetch_all(&self.read)
                .await?;
        let mut depth = QueueDepth::default();
        for (state, count) in rows {
            match JobState::decode("jobs.state", &state)? {
                JobState::Queued => depth.queued = count,
                JobState::Running => depth.running = count,
                JobState::Done => {}
            }
        }
        Ok(depth)
    }
}

/// The one place the claim differs between the dialects. On PostgreSQL,
/// `SKIP LOCKED` lets concurrent claimers pass each other, and the outer
/// state check guards the row against a second claim; SQLite has one
/// writer, so the plain subquery is already exclusive.
fn skip_locked(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    }
}

/// A job to queue: its id if it is new, its subject and the subject's generation.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct NewJob {
    pub id: i64,
    pub subject_id: i64,
    pub generation: i64,
}

/// Queues (or re-queues) the job of `kind` for `subject_id` at `generation`,
/// inside the caller's transaction. A queued job is updated in place
/// (coalesced); a running one loses its lease, so its result will be refused.
pub(crate) async fn enqueue(
    conn: &mut AnyConnection,
    id: i64,
    kind: JobKind,
    subject_id: i64,
    generation: i64,
) -> Result<(), StoreError> {
    let now = now_ms();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO jobs (id, kind, subject_id, generation, state, attempts, run_after, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $6, 0, $5, $5, $5) {REQUEUE_ON_CONFLICT}"
    )))
    .bind(id)
    .bind(kind.as_str())
    .bind(subject_id)
    .bind(generation)
    .bind(now)
    .bind(JobState::Queued.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Queues many jobs of one kind, each as [`enqueue`] does, in a few statements.
pub(crate) async fn enqueue_many(
    conn: &mut AnyConnection,
    backend: Backend,
    kind: JobKind,
    jobs: &[NewJob],
) -> Result<(), StoreError> {
    let incoming =
        bulk::select(backend, "$3", &[("id", Type::Int), ("subject_id", Type::Int), ("generation", Type::Int)]);
    let sql = format!(
        "WITH incoming AS MATERIALIZED ({incoming}) \
         INSERT INTO jobs (id, kind, subject_id, generation, state, attempts, run_after, created_at, updated_at) \
         SELECT id, $1, subject_id, generation, $4, 0, $2, $2, $2 FROM incoming WHERE true \
         {REQUEUE_ON_CONFLICT}"
    );
    let now = now_ms();
    for chunk in bulk::chunks(jobs)? {
        sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(kind.as_str())
            .bind(now)
            .bind(chunk)
            .bind(JobState::Queued.as_str())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// A job queued again for its subject takes the new generation and starts
/// afresh; whoever held its lease is fenced off.
const REQUEUE_ON_CONFLICT: &str = "ON CONFLICT (kind, subject_id) DO UPDATE SET generation = excluded.generation, \
     state = excluded.state, attempts = 0, lease_token = NULL, lease_expires_at = NULL, run_after = excluded.run_after, \
     last_error = NULL, updated_at = excluded.updated_at";

/// What handing a job back does to its attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attempts {
    /// A failure: the attempt counts towards giving up.
    Count,
    /// Not a failure (waiting, a receiver to try again): start from none.
    Reset,
}

/// Gives the claimed job back to the queue, inside the caller's connection or
/// transaction, to run again after `delay_ms`. `false` when the claim was
/// fenced off meanwhile.
pub(crate) async fn hand_back(
    conn: &mut AnyConnection,
    claim: &Claim,
    delay_ms: i64,
    note: &str,
    attempts: Attempts,
) -> Result<bool, StoreError> {
    let now = now_ms();
    let done = sqlx::query(
        "UPDATE jobs SET state = $7, lease_token = NULL, lease_expires_at = NULL, run_after = $3, \
         last_error = $4, attempts = CASE WHEN $6 = 1 THEN attempts ELSE 0 END, updated_at = $5 \
         WHERE id = $1 AND lease_token = $2 AND state = $8",
    )
    .bind(claim.job_id)
    .bind(claim.lease_token)
    .bind(now + delay_ms)
    .bind(note)
    .bind(now)
    .bind(i64::from(attempts == Attempts::Count))
    .bind(JobState::Queued.as_str())
    .bind(JobState::Running.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks the claimed job done inside the caller's transaction, if the claim is
/// still current. `false` means the result must be discarded: roll back.
pub(crate) async fn finish(conn: &mut AnyConnection, claim: &Claim) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE jobs SET state = $5, lease_token = NULL, lease_expires_at = NULL, updated_at = $4 \
         WHERE id = $1 AND lease_token = $2 AND generation = $3 AND state = $6",
    )
    .bind(claim.job_id)
    .bind(claim.lease_token)
    .bind(claim.generation)
    .bind(now_ms())
    .bind(JobState::Done.as_str())
    .bind(JobState::Running.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Queues (or re-queues) the job of `kind` for `subject_id` at
/// `generation` in the workflow's transaction, as [`enqueue`] does.
#[tracing::instrument(level = "debug", skip_all, fields(kind = kind.as_str(), subject_id, generation))]
pub async fn queue(tx: &mut WriteTx, kind: JobKind, subject_id: i64, generation: i64) -> Result<(), StoreError> {
    let id = tx.next_id();
    enqueue(tx.conn(), id, kind, subject_id, generation).await
}

/// Queues many jobs of one kind in the workflow's transaction.
#[tracing::instrument(level = "debug", skip_all, fields(kind = kind.as_str(), count = jobs.len()))]
pub async fn queue_many(tx: &mut WriteTx, kind: JobKind, jobs: &[NewJob]) -> Result<(), StoreError> {
    let backend = tx.backend();
    enqueue_many(tx.conn(), backend, kind, jobs).await
}

/// Marks the claimed job done in the workflow's transaction if the claim is
/// still current; `false`: the step was superseded, and must write nothing.
#[tracing::instrument(level = "debug", skip_all, fields(job_id = claim.job_id))]
pub async fn complete(tx: &mut WriteTx, claim: &Claim) -> Result<bool, StoreError> {
    finish(tx.conn(), claim).await
}
