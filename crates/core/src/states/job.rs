//! The durable queue's kinds of job and the states of one job, as the
//! `jobs` table stores them.

use super::TextCode;

/// What a job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// Parse, classify and extract one file.
    Extract,
    /// Wait for a review task's inputs, then create its rule tasks, judging
    /// its expression rules.
    ReviewPlan,
    /// Judge one rule task.
    ReviewRule,
    /// Send one callback delivery (its subject is the delivery).
    Callback,
}

impl JobKind {
    /// The text the database stores.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Extract => "extract",
            Self::ReviewPlan => "review_plan",
            Self::ReviewRule => "review_rule",
            Self::Callback => "callback",
        }
    }
}

impl TextCode for JobKind {
    const ALL: &'static [Self] = &[Self::Extract, Self::ReviewPlan, Self::ReviewRule, Self::Callback];

    fn as_str(self) -> &'static str {
        Self::as_str(self)
    }
}

/// Where a job is: waiting, leased to a worker, or finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobState {
    Queued,
    Running,
    Done,
}

impl JobState {
    /// The text the database stores.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Done => "done",
        }
    }
}

impl TextCode for JobState {
    const ALL: &'static [Self] = &[Self::Queued, Self::Running, Self::Done];

    fn as_str(self) -> &'static str {
        Self::as_str(self)
    }
}
