//! Engine configuration (the `[engine]` section of `docreview.toml`).

use std::time::Duration;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EngineSettings {
    /// Workers in this process; 0 runs no workers (an API-only node).
    pub workers: usize,
    /// How long a claim lasts without a heartbeat, in milliseconds. A crashed
    /// worker's job is picked up again this long after its last heartbeat.
    pub lease_ms: u64,
    /// How often an idle worker looks for work that another process queued.
    pub poll_ms: u64,
    /// A callback not delivered is sent again after this many milliseconds
    /// times the attempt number squared (5 s, 20 s, 45 s by default).
    pub callback_backoff_ms: u64,
}

impl EngineSettings {
    /// The lease, at least 100 ms.
    pub fn lease(&self) -> Duration {
        Duration::from_millis(self.lease_ms.max(100))
    }
}

impl Default for EngineSettings {
    fn default() -> Self {
        Self { workers: 2, lease_ms: 30_000, poll_ms: 500, callback_backoff_ms: 5_000 }
    }
}
