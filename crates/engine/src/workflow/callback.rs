//! The callback job: sends one recorded event to its workspace's
//! `callback_url` through the guarded [`Outbound`] client (no internal
//! addresses unless `fetch.allow` lists them), signed with the workspace's
//! secret, and records the attempt: delivered on a 2xx, otherwise tried again
//! after a backoff until the workspace's `callback_retry_time` retries are
//! spent (see `docreview_store::callbacks`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use docreview_core::callback::{SIGNATURE_HEADER, signature};
use docreview_store::Store;
use docreview_store::callbacks::{Attempt, state};
use docreview_store::jobs::Claim;

use super::run::JobError;
use crate::outbound::Outbound;

/// What sending callbacks needs: the guarded client and the backoff.
#[derive(Debug, Clone)]
pub struct Callbacks {
    outbound: Outbound,
    backoff: Duration,
}

impl Callbacks {
    /// Callbacks sent through `outbound` (the client uploads by URL use,
    /// under `[fetch]`), retried after `backoff` × the attempt number squared.
    pub fn new(outbound: Outbound, backoff: Duration) -> Self {
        Self { outbound, backoff }
    }
}

impl Default for Callbacks {
    fn default() -> Self {
        Self::new(Outbound::default(), Duration::from_secs(5))
    }
}

/// Sends the claimed job's delivery once and records how it went; `false`
/// when the claim was fenced off meanwhile.
pub(crate) async fn deliver(store: &Store, claim: &Claim, callbacks: &Callbacks) -> Result<bool, JobError> {
    let Some((delivery, secret)) = store.delivery_to_send(claim.subject_id).await? else {
        store.drop_orphan_job(claim).await?;
        return Ok(true);
    };
    if delivery.state != state::PENDING {
        store.drop_orphan_job(claim).await?;
        return Ok(true);
    }
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let headers = [
        (SIGNATURE_HEADER, signature(&secret, now, delivery.payload.as_bytes())),
        ("x-docreview-event", delivery.event.clone()),
        ("x-docreview-delivery", delivery.id.to_string()),
        ("user-agent", format!("docreview/{}", env!("CARGO_PKG_VERSION"))),
    ];
    let attempt = match callbacks.outbound.post_json(&delivery.url, delivery.payload.into_bytes(), &headers).await {
        Ok(code) if (200..300).contains(&code) => Attempt { status_code: Some(i64::from(code)), error: None },
        Ok(code) => Attempt { status_code: Some(i64::from(code)), error: Some(format!("answered HTTP {code}")) },
        Err(error) => Attempt { status_code: None, error: Some(error.to_string()) },
    };
    let attempt_number = u32::try_from(delivery.attempts + 1).unwrap_or(u32::MAX);
    let retry_after = callbacks.backoff.saturating_mul(attempt_number.saturating_mul(attempt_number));
    if let Some(error) = &attempt.error {
        tracing::warn!(delivery = delivery.id, attempt = attempt_number, error, "callback not delivered");
    }
    let retry_after_ms = i64::try_from(retry_after.as_millis()).unwrap_or(i64::MAX);
    Ok(store.record_attempt(claim, &attempt, retry_after_ms).await?)
}

/// Ends a delivery whose job keeps failing (the database, not the receiver).
pub(crate) async fn give_up(store: &Store, claim: &Claim, cause: &str) -> Result<bool, docreview_store::StoreError> {
    store.give_up_delivery(claim, cause).await
}
