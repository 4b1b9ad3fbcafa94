//! The worker pool: N workers and one reaper, woken when work is queued in this
//! process, polling for work queued by others, stopped by a shutdown signal
//! after finishing the job at hand.

use std::sync::Arc;
use std::time::Duration;

use docreview_store::Store;
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;

use docreview_judge::ProgramCache;

use crate::claim::{JobError, Outcome};
use crate::settings::EngineSettings;
use crate::{extraction, review};

/// A running pool; dropping it does not stop it, [`Engine::shutdown`] does.
#[derive(Debug)]
pub struct Engine {
    stop: watch::Sender<bool>,
    tasks: JoinSet<()>,
}

impl Engine {
    /// Starts the workers and the reaper. `wake` is notified by whoever queues
    /// work in this process.
    pub fn start(store: Store, settings: &EngineSettings, wake: &Arc<Notify>) -> Self {
        let (stop, stopped) = watch::channel(false);
        let mut tasks = JoinSet::new();
        let lease = Duration::from_millis(settings.lease_ms.max(100));
        let poll = Duration::from_millis(settings.poll_ms.max(10));
        let programs = Arc::new(ProgramCache::default());
        for worker in 0..settings.workers {
            let (store, wake, stopped, programs) = (store.clone(), wake.clone(), stopped.clone(), programs.clone());
            tasks.spawn(async move { run_worker(worker, store, programs, lease, poll, wake, stopped).await });
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

async fn run_worker(
    worker: usize,
    store: Store,
    programs: Arc<ProgramCache>,
    lease: Duration,
    poll: Duration,
    wake: Arc<Notify>,
    mut stopped: watch::Receiver<bool>,
) {
    tracing::debug!(worker, "worker started");
    while !*stopped.borrow() {
        // Registered before looking for work, so a wake-up that arrives while
        // we look is not lost.
        let notified = wake.notified();
        match try_any_job(&store, &programs, lease).await {
            Ok(Outcome::Worked) => continue,
            Ok(Outcome::Idle) => {}
            Err(error) => tracing::error!(worker, error = %error, "job failed; will retry"),
        }
        tokio::select! {
            () = notified => {}
            () = tokio::time::sleep(poll) => {}
            _ = stopped.changed() => {}
        }
    }
    tracing::debug!(worker, "worker stopped");
}

/// Runs one job of any kind: extraction first (reviews wait for it), then
/// plans, then judges.
pub async fn try_any_job(store: &Store, programs: &ProgramCache, lease: Duration) -> Result<Outcome, JobError> {
    if extraction::try_execute_job(store, lease).await? == Outcome::Worked {
        return Ok(Outcome::Worked);
    }
    if review::try_execute_plan(store, lease).await? == Outcome::Worked {
        return Ok(Outcome::Worked);
    }
    review::try_execute_judge(store, lease, programs).await
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
