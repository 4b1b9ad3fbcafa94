//! The worker pool: N workers and one reaper, woken when work is queued in this
//! process, polling for work queued by others, stopped by a shutdown signal
//! after finishing the job at hand.

use std::sync::Arc;
use std::time::Duration;

use docreview_core::states::JobKind;
use docreview_store::Store;
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;

use crate::judges::Judges;
use crate::sandbox::Sandbox;
use crate::settings::EngineSettings;
use crate::shares::{ANY_KIND, Reservation, Shares};
use crate::workflow::callback::Callbacks;
use crate::workflow::run::{JobError, Outcome, lease_millis, run_job};

/// A running pool; dropping it does not stop it, [`Engine::shutdown`] does.
#[derive(Debug)]
pub struct Engine {
    stop: watch::Sender<bool>,
    tasks: JoinSet<()>,
}

impl Engine {
    /// Starts the workers and the reaper. `wake` is notified by whoever queues
    /// work in this process; files are parsed in children of `sandbox`.
    ///
    /// Besides `settings.workers` workers for every kind of job, as many
    /// judge-only workers as the models' concurrency together: a rule task
    /// waiting for a model holds its worker for the whole request, and the
    /// model should be kept as busy as it allows.
    pub fn start(
        store: Store,
        settings: &EngineSettings,
        judges: &Arc<Judges>,
        sandbox: &Arc<Sandbox>,
        callbacks: &Arc<Callbacks>,
        wake: &Arc<Notify>,
    ) -> Self {
        let (stop, stopped) = watch::channel(false);
        let mut tasks = JoinSet::new();
        let lease = settings.lease();
        let poll = Duration::from_millis(settings.poll_ms.max(10));
        let judge_workers = if settings.workers == 0 { 0 } else { judges.model_concurrency() };
        let shares = Arc::new(Shares::new(settings.workers));
        for worker in 0..settings.workers + judge_workers {
            let role = if worker < settings.workers { Role::Any } else { Role::JudgeOnly };
            let (store, shares) = (store.clone(), shares.clone());
            let tools = Tools { judges: judges.clone(), sandbox: sandbox.clone(), callbacks: callbacks.clone() };
            let worker = Worker { id: worker, role, store, tools, shares, lease, poll };
            let (wake, stopped) = (wake.clone(), stopped.clone());
            tasks.spawn(async move { worker.run(wake, stopped).await });
        }
        if settings.workers > 0 {
            tasks.spawn(run_reaper(store, lease, stopped));
        }
        Self { stop, tasks }
    }

    /// Asks every worker to stop after its current job and waits for them.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        while self.tasks.join_next().await.is_some() {}
    }
}

/// Which jobs a worker takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Any,
    JudgeOnly,
}

/// What jobs of every kind run with.
#[derive(Debug, Clone)]
pub struct Tools {
    pub judges: Arc<Judges>,
    pub sandbox: Arc<Sandbox>,
    pub callbacks: Arc<Callbacks>,
}

struct Worker {
    id: usize,
    role: Role,
    store: Store,
    tools: Tools,
    /// How this process's workers of any role share out the kinds of job.
    shares: Arc<Shares>,
    lease: Duration,
    poll: Duration,
}

impl Worker {
    async fn run(self, wake: Arc<Notify>, mut stopped: watch::Receiver<bool>) {
        tracing::debug!(worker = self.id, role = ?self.role, "worker started");
        while !*stopped.borrow() {
            // Registered before looking for work, so a wake-up that arrives while
            // we look is not lost.
            let notified = wake.notified();
            match self.next_job().await {
                Ok(Some(Kind::Plan)) => {
                    // A plan queues rule tasks: wake idle workers to take them.
                    wake.notify_waiters();
                    continue;
                }
                Ok(Some(Kind::Other)) => continue,
                Ok(None) => {}
                Err(error) => tracing::error!(worker = self.id, error = %error, "job failed; will retry"),
            }
            tokio::select! {
                () = notified => {}
                () = tokio::time::sleep(self.poll) => {}
                _ = stopped.changed() => {}
            }
        }
        tracing::debug!(worker = self.id, "worker stopped");
    }

    /// Runs one job this worker may take; which kind, if any. Judge-only
    /// workers take the rule tasks that wait on a model, not plans; the
    /// others take what is within its kind's share, else what may go beyond.
    async fn next_job(&self) -> Result<Option<Kind>, JobError> {
        let worked = match self.role {
            Role::JudgeOnly => run_next(&self.store, &[JobKind::ReviewRule], &self.tools, self.lease).await?,
            Role::Any => match self.run_reserved(self.shares.within()).await? {
                Some(kind) => Some(kind),
                None => self.run_reserved(self.shares.beyond()).await?,
            },
        };
        Ok(worked.map(|kind| if kind == JobKind::ReviewPlan { Kind::Plan } else { Kind::Other }))
    }

    /// Claims a job of the reserved kinds and runs it, holding its kind's
    /// worker until it is done.
    async fn run_reserved(&self, mut reserved: Reservation<'_>) -> Result<Option<JobKind>, JobError> {
        let Some((kind, claim)) = self.store.claim_next(reserved.kinds(), lease_millis(self.lease)).await? else {
            return Ok(None);
        };
        reserved.keep(kind);
        run_job(&self.store, kind, claim, &self.tools, self.lease).await?;
        Ok(Some(kind))
    }
}

/// What a worker just did, as far as waking others goes.
enum Kind {
    Plan,
    Other,
}

/// Runs one job of any kind, as a worker would.
pub async fn try_any_job(store: &Store, tools: &Tools, settings: &EngineSettings) -> Result<Outcome, JobError> {
    let worked = run_next(store, &ANY_KIND, tools, settings.lease()).await?;
    Ok(if worked.is_some() { Outcome::Worked } else { Outcome::Idle })
}

/// Claims the first ready job of `kinds` and runs it; which kind it was.
async fn run_next(
    store: &Store,
    kinds: &[JobKind],
    tools: &Tools,
    lease: Duration,
) -> Result<Option<JobKind>, JobError> {
    let Some((kind, claim)) = store.claim_next(kinds, lease_millis(lease)).await? else {
        return Ok(None);
    };
    run_job(store, kind, claim, tools, lease).await?;
    Ok(Some(kind))
}

/// Re-queues jobs whose lease expired, a few times per lease period.
async fn run_reaper(store: Store, lease: Duration, mut stopped: watch::Receiver<bool>) {
    let period = lease / 3;
    while !*stopped.borrow() {
        match store.requeue_expired().await {
            Ok(0) => {}
            Ok(count) => tracing::warn!(count, "re-queued jobs whose worker stopped answering"),
            Err(error) => tracing::error!(error = %error, "reaper failed"),
        }
        tokio::select! {
            () = tokio::time::sleep(period) => {}
            _ = stopped.changed() => {}
        }
    }
}
