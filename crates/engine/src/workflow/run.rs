//! Running one claimed job, the one way workers and tests run it: the job
//! kind's step, the lease heartbeat while it works, and the hand-back with a
//! backoff when it fails for a reason that may pass.

use std::future::Future;
use std::time::Duration;

use docreview_core::states::JobKind;
use docreview_store::jobs::Claim;
use docreview_store::{Store, StoreError};
use tracing::Instrument;

use super::give_up::{MAX_ATTEMPTS, give_up};
use super::{callback, extraction, judge, plan};
use crate::pool::Tools;
use crate::sandbox::SandboxError;

/// What one call of `try_any_job` or `extraction::try_execute_job` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A job was claimed and run (its result committed or discarded).
    Worked,
    /// No job was ready.
    Idle,
}

/// A fault that makes the job run again later.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    #[error("store: {0}")]
    Store(#[from] StoreError),
    #[error("parsing could not run: {0}")]
    Parser(#[from] SandboxError),
    /// Work on a blocking thread ended without an answer (it panicked).
    #[error("{work} stopped unexpectedly: {cause}")]
    Stopped { work: &'static str, cause: String },
}

impl JobError {
    /// `work` ended without an answer, for `cause`.
    pub(crate) fn stopped(work: &'static str, cause: &dyn std::fmt::Display) -> Self {
        Self::Stopped { work, cause: cause.to_string() }
    }
}

/// Runs a claimed job of `kind` with `tools`, as [`run_claimed`] does.
pub async fn run_job(
    store: &Store,
    kind: JobKind,
    claim: Claim,
    tools: &Tools,
    lease: Duration,
) -> Result<Outcome, JobError> {
    run_claimed(store, kind, claim, lease, |claim| async move {
        match kind {
            JobKind::Extract => extraction::run(store, &tools.sandbox, &claim).await,
            JobKind::ReviewPlan => plan::run(store, &claim, &tools.judges).await,
            JobKind::ReviewRule => judge::run(store, &claim, &tools.judges).await,
            JobKind::Callback => callback::deliver(store, &claim, &tools.callbacks).await,
        }
    })
    .await
}

/// Claims one ready job of `kind` and runs `work` on it, keeping the lease
/// alive meanwhile. `work` answers whether its result was committed
/// (`false`: superseded and discarded).
pub(crate) async fn run_one<F, Fut>(store: &Store, kind: JobKind, lease: Duration, work: F) -> Result<Outcome, JobError>
where
    F: FnOnce(Claim) -> Fut,
    Fut: Future<Output = Result<bool, JobError>>,
{
    let Some(claim) = store.claim_job(kind, lease_millis(lease)).await? else {
        return Ok(Outcome::Idle);
    };
    run_claimed(store, kind, claim, lease, work).await
}

/// Runs `work` on a job already claimed, as [`run_one`] does. A job that
/// has had its attempts is given up instead (see [`crate::give_up`]).
pub(crate) async fn run_claimed<F, Fut>(
    store: &Store,
    kind: JobKind,
    claim: Claim,
    lease: Duration,
    work: F,
) -> Result<Outcome, JobError>
where
    F: FnOnce(Claim) -> Fut,
    Fut: Future<Output = Result<bool, JobError>>,
{
    let span =
        tracing::info_span!("job", kind = kind.as_str(), subject = claim.subject_id, generation = claim.generation);
    async {
        if claim.attempts > MAX_ATTEMPTS {
            // The attempts before this one neither finished nor handed the
            // job back: their worker stopped while running it.
            let cause = format!(
                "given up after {} attempts that did not finish (the worker running it stopped or failed); \
                 retry to run it again",
                claim.attempts - 1
            );
            give_up(store, kind, &claim, &cause).await?;
            return Ok(Outcome::Worked);
        }
        let heartbeat = tokio::spawn(keep_alive(store.clone(), claim.clone(), lease));
        let result = work(claim.clone()).await;
        heartbeat.abort();
        match result {
            Ok(true) => tracing::debug!("committed"),
            Ok(false) => tracing::info!("superseded; result discarded"),
            Err(error) if claim.attempts >= MAX_ATTEMPTS => {
                let cause = format!("given up after {} failed attempts; the last: {error}", claim.attempts);
                give_up(store, kind, &claim, &cause).await?;
            }
            Err(error) => {
                let delay_ms = 1000 * (claim.attempts * claim.attempts).min(60);
                store.release_job(&claim, delay_ms, &error.to_string()).await?;
                return Err(error);
            }
        }
        Ok(Outcome::Worked)
    }
    .instrument(span)
    .await
}

/// Extends the lease a few times per lease period until aborted or fenced off.
async fn keep_alive(store: Store, claim: Claim, lease: Duration) {
    let lease_ms = lease_millis(lease);
    loop {
        tokio::time::sleep(lease / 3).await;
        match store.extend_lease(&claim, lease_ms).await {
            Ok(true) => {}
            Ok(false) => return,
            Err(error) => tracing::warn!(error = %error, "could not extend the lease"),
        }
    }
}

/// The lease in milliseconds, as the store takes it.
pub(crate) fn lease_millis(lease: Duration) -> i64 {
    i64::try_from(lease.as_millis()).unwrap_or(i64::MAX)
}
