//! The handles every handler shares.

use std::sync::Arc;

use docreview_judge::ExpressionLimits;
use docreview_store::Store;
use tokio::sync::Notify;

/// Cheap to clone: the store is a pool handle.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    /// The largest JSON request body accepted, in bytes.
    pub body_limit: usize,
    /// The largest uploaded file accepted, in bytes (multipart routes).
    pub upload_limit: usize,
    /// Notified when work is queued, so idle workers of this process start at once.
    pub jobs: Arc<Notify>,
    /// What a rule expression may cost, checked when a rule is saved.
    pub expression_limits: ExpressionLimits,
}
