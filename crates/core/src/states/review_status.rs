//! DocFlow's status enum shared by review tasks and their rule results
//! (reference §5.4). A rule task only ever takes the five values of
//! [`RuleResult`]; the others belong to the task's roll-up.

use super::IntCode;

/// A review task's status, as `review/task/result` and the listing answer it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReviewStatus {
    Pending,
    Passed,
    Error,
    Reviewing,
    NotPassed,
    /// Some input is still being extracted.
    Recognizing,
    /// Rule tasks exist and none has started.
    Queued,
    /// An input failed to extract, or the repository is gone.
    RecognitionFailed,
}

impl ReviewStatus {
    /// The integer the wire and the database use.
    pub const fn code(self) -> i64 {
        match self {
            Self::Pending => 0,
            Self::Passed => 1,
            Self::Error => 2,
            Self::Reviewing => 3,
            Self::NotPassed => 4,
            Self::Recognizing => 5,
            Self::Queued => 6,
            Self::RecognitionFailed => 7,
        }
    }
}

impl IntCode for ReviewStatus {
    const ALL: &'static [Self] = &[
        Self::Pending,
        Self::Passed,
        Self::Error,
        Self::Reviewing,
        Self::NotPassed,
        Self::Recognizing,
        Self::Queued,
        Self::RecognitionFailed,
    ];

    fn code(self) -> i64 {
        Self::code(self)
    }
}

impl ReviewStatus {
    /// What people call it: the CLI's column and `--status` values.
    pub fn name(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Passed => "passed",
            Self::Error => "error",
            Self::Reviewing => "reviewing",
            Self::NotPassed => "not passed",
            Self::Recognizing => "recognizing",
            Self::Queued => "queued",
            Self::RecognitionFailed => "recognition failed",
        }
    }

    /// The status people call `name` (case and `_`/`-` for spaces ignored).
    pub fn named(name: &str) -> Option<Self> {
        let wanted = name.trim().to_ascii_lowercase().replace(['_', '-'], " ");
        Self::ALL.iter().copied().find(|status| status.name() == wanted)
    }

    /// Whether the status will not change without a retry.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Passed | Self::Error | Self::NotPassed | Self::RecognitionFailed)
    }
}

/// A rule task's result: queued, being judged, or a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleResult {
    Queued,
    Reviewing,
    Passed,
    NotPassed,
    /// The rule could not be judged; never "not passed".
    Error,
}

impl RuleResult {
    /// The same value in the shared enum.
    pub const fn status(self) -> ReviewStatus {
        match self {
            Self::Queued => ReviewStatus::Queued,
            Self::Reviewing => ReviewStatus::Reviewing,
            Self::Passed => ReviewStatus::Passed,
            Self::NotPassed => ReviewStatus::NotPassed,
            Self::Error => ReviewStatus::Error,
        }
    }

    /// Whether this is a verdict, which only a retry changes.
    pub fn is_final(self) -> bool {
        self.status().is_final()
    }

    /// The verdicts: passed, not passed, error.
    pub fn finals() -> impl Iterator<Item = Self> {
        <Self as IntCode>::ALL.iter().copied().filter(|result| result.is_final())
    }
}

impl RuleResult {
    /// The integer the wire and the database use.
    pub const fn code(self) -> i64 {
        self.status().code()
    }
}

impl IntCode for RuleResult {
    const ALL: &'static [Self] = &[Self::Queued, Self::Reviewing, Self::Passed, Self::NotPassed, Self::Error];

    fn code(self) -> i64 {
        Self::code(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_in_any_spelling() {
        for status in ReviewStatus::ALL {
            assert_eq!(ReviewStatus::named(status.name()), Some(*status));
        }
        assert_eq!(ReviewStatus::named("NOT_PASSED"), Some(ReviewStatus::NotPassed));
        assert_eq!(ReviewStatus::named("recognition-failed"), Some(ReviewStatus::RecognitionFailed));
        assert_eq!(ReviewStatus::named("done"), None);
    }

    #[test]
    fn the_wire_integers_are_docflows() {
        let codes: Vec<i64> = ReviewStatus::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, [0, 1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(RuleResult::NotPassed.code(), 4);
        assert!(RuleResult::Error.is_final() && !RuleResult::Reviewing.is_final());
    }
}
