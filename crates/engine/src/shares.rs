//! How the workers of one process share out the kinds of job, so that no
//! kind can take every worker while another kind waits: a tenant's review of
//! costly rules must not stall everyone's extraction, nor a large upload
//! everyone's reviews.
//!
//! Each kind has a share of `workers - 1` workers (all of them for a single
//! worker). A worker first takes work of a kind under its share. When there
//! is none, it may take extraction beyond its share, so that a queue holding
//! only uploads still uses every worker; reviews never go beyond theirs, as
//! how long a review's rules take is up to the tenants who write them.

use std::sync::atomic::{AtomicUsize, Ordering};

use docreview_store::jobs::JobKind;

/// The kinds of job a worker of any role takes, in the order it takes them:
/// extraction first (reviews wait for it), then plans, then judges.
pub(crate) const ANY_KIND: [JobKind; 4] =
    [JobKind::Extract, JobKind::ReviewPlan, JobKind::ReviewRule, JobKind::Callback];

/// Kinds a worker may take beyond their share when nothing else is ready.
const BEYOND_SHARE: [JobKind; 1] = [JobKind::Extract];

/// The workers busy with each kind, against each kind's share.
#[derive(Debug)]
pub(crate) struct Shares {
    share: usize,
    busy: [AtomicUsize; ANY_KIND.len()],
}

/// Workers reserved for kinds of job, given back when dropped.
#[derive(Debug)]
pub(crate) struct Reservation<'a> {
    shares: &'a Shares,
    kinds: Vec<JobKind>,
}

impl Shares {
    pub(crate) fn new(workers: usize) -> Self {
        Shares { share: workers.saturating_sub(1).max(1), busy: Default::default() }
    }

    /// Reserves a worker for every kind under its share.
    pub(crate) fn within(&self) -> Reservation<'_> {
        let kinds = ANY_KIND.into_iter().filter(|&kind| self.try_take(kind)).collect();
        Reservation { shares: self, kinds }
    }

    /// Reserves a worker for the kinds that may go beyond their share.
    pub(crate) fn beyond(&self) -> Reservation<'_> {
        for kind in BEYOND_SHARE {
            self.counter(kind).fetch_add(1, Ordering::AcqRel);
        }
        Reservation { shares: self, kinds: BEYOND_SHARE.to_vec() }
    }

    fn try_take(&self, kind: JobKind) -> bool {
        let share = self.share;
        self.counter(kind)
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |busy| (busy < share).then_some(busy + 1))
            .is_ok()
    }

    fn counter(&self, kind: JobKind) -> &AtomicUsize {
        let at = ANY_KIND.iter().position(|&k| k == kind).unwrap_or_default();
        &self.busy[at]
    }

    #[cfg(test)]
    fn busy(&self, kind: JobKind) -> usize {
        self.counter(kind).load(Ordering::Acquire)
    }
}

impl Reservation<'_> {
    /// The kinds reserved, in the order a worker takes them.
    pub(crate) fn kinds(&self) -> &[JobKind] {
        &self.kinds
    }

    /// Keeps only the worker of `kind`, the one claimed, giving the others back.
    pub(crate) fn keep(&mut self, kind: JobKind) {
        for &other in self.kinds.iter().filter(|&&k| k != kind) {
            self.shares.counter(other).fetch_sub(1, Ordering::AcqRel);
        }
        self.kinds.retain(|&k| k == kind);
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        for &kind in &self.kinds {
            self.shares.counter(kind).fetch_sub(1, Ordering::AcqRel);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_cannot_take_the_last_worker_while_it_is_within_its_share() {
        let shares = Shares::new(2);
        let mut first = shares.within();
        first.keep(JobKind::ReviewPlan);
        let second = shares.within();
        assert_eq!(second.kinds(), [JobKind::Extract, JobKind::ReviewRule, JobKind::Callback], "no second plan");
        drop(second);
        drop(first);
        assert_eq!(shares.within().kinds(), ANY_KIND, "given back");
    }

    #[test]
    fn extraction_may_use_every_worker_when_nothing_else_is_ready() {
        let shares = Shares::new(2);
        let mut first = shares.within();
        first.keep(JobKind::Extract);
        let beyond = shares.beyond();
        assert_eq!(beyond.kinds(), [JobKind::Extract]);
        assert_eq!(shares.busy(JobKind::Extract), 2);
        drop(beyond);
        assert_eq!(shares.busy(JobKind::Extract), 1);
    }

    #[test]
    fn a_single_worker_takes_every_kind() {
        let shares = Shares::new(1);
        assert_eq!(shares.within().kinds(), ANY_KIND);
        let shares = Shares::new(0);
        assert_eq!(shares.within().kinds(), ANY_KIND);
    }
}
