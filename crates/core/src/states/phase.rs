//! Where a review task is in its life, as `review_tasks.phase` stores it.

use super::TextCode;

/// A review task's phase; its status rolls up from this and its rule results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Some input is still being extracted, or the plan has not run yet.
    Waiting,
    /// Rule tasks exist (possibly none).
    Planned,
    /// An input failed to extract, or the repository is gone.
    Failed,
}

impl Phase {
    /// The text the database stores.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Planned => "planned",
            Self::Failed => "failed",
        }
    }
}

impl TextCode for Phase {
    const ALL: &'static [Self] = &[Self::Waiting, Self::Planned, Self::Failed];

    fn as_str(self) -> &'static str {
        Self::as_str(self)
    }
}
