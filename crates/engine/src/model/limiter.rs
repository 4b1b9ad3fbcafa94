//! A concurrency limit that adapts to the server: halved when it answers
//! 429 (it is overloaded or we exceed a quota), grown back by one after as
//! many successes as the limit, never above the configured maximum. Waiting
//! callers are woken whenever a slot frees or the limit grows.

use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::Notify;

/// Requests in flight to one model.
#[derive(Debug)]
pub(crate) struct AdaptiveLimit {
    max: usize,
    state: Mutex<State>,
    freed: Notify,
}

#[derive(Debug)]
struct State {
    limit: usize,
    in_flight: usize,
    successes: usize,
}

/// A slot; freed when dropped.
#[derive(Debug)]
pub(crate) struct Slot {
    owner: Arc<AdaptiveLimit>,
}

impl AdaptiveLimit {
    pub(crate) fn new(max: usize) -> Arc<Self> {
        let max = max.max(1);
        Arc::new(Self {
            max,
            state: Mutex::new(State { limit: max, in_flight: 0, successes: 0 }),
            freed: Notify::new(),
        })
    }

    /// Waits for a free slot.
    pub(crate) async fn acquire(self: &Arc<Self>) -> Slot {
        loop {
            // Registered before checking, so a slot freed in between wakes us.
            let freed = self.freed.notified();
            {
                let mut state = self.lock();
                if state.in_flight < state.limit {
                    state.in_flight += 1;
                    return Slot { owner: self.clone() };
                }
            }
            freed.await;
        }
    }

    /// The server answered: after `limit` successes in a row the limit grows by one.
    pub(crate) fn on_success(&self) {
        let mut state = self.lock();
        state.successes += 1;
        if state.successes >= state.limit && state.limit < self.max {
            state.limit += 1;
            state.successes = 0;
            drop(state);
            self.freed.notify_waiters();
        }
    }

    /// The server said "too many requests": halve the limit (at least one).
    pub(crate) fn on_rate_limited(&self) {
        let mut state = self.lock();
        state.limit = (state.limit / 2).max(1);
        state.successes = 0;
    }

    /// The current limit.
    #[cfg(test)]
    pub(crate) fn limit(&self) -> usize {
        self.lock().limit
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.owner.lock().in_flight -= 1;
        self.owner.freed.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test]
    async fn slots_are_bounded_by_the_limit() {
        let limit = AdaptiveLimit::new(2);
        let (a, _b) = (limit.acquire().await, limit.acquire().await);
        let third = tokio::spawn({
            let limit = limit.clone();
            async move { limit.acquire().await }
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(!third.is_finished(), "a third slot waits while two are held");
        drop(a);
        let _c = tokio::time::timeout(Duration::from_secs(5), third).await.unwrap().unwrap();
    }

    #[test]
    fn rate_limits_halve_and_successes_grow_back_to_the_maximum() {
        let limit = AdaptiveLimit::new(8);
        limit.on_rate_limited();
        limit.on_rate_limited();
        assert_eq!(limit.limit(), 2);
        limit.on_rate_limited();
        limit.on_rate_limited();
        assert_eq!(limit.limit(), 1, "never below one");
        limit.on_success();
        assert_eq!(limit.limit(), 2);
        for _ in 0..2 + 3 + 4 + 5 + 6 + 7 + 20 {
            limit.on_success();
        }
        assert_eq!(limit.limit(), 8, "never above the configured concurrency");
    }
}
