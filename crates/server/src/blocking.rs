//! CPU-bound work of a request (checking a rule expression, which may take
//! up to `limits.expression_time_ms`) runs on tokio's blocking threads, so a
//! costly request never holds the threads that answer every other one.

use crate::error::ApiError;

/// Runs `work` on a blocking thread and waits for it; a panic in `work` is
/// an internal error, logged.
pub async fn off_the_runtime<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.map_err(|error| ApiError::internal(&error))
}
