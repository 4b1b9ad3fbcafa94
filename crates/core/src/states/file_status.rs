//! An extraction task's `recognition_status` (reference §5.1).

use super::IntCode;

/// Where an extraction task is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileStatus {
    Pending,
    Succeeded,
    Failed,
    Classifying,
    Extracting,
    /// Being parsed. The reference also lists 20 ("parsing"), but the
    /// official SDK's status enum stops at 5, so clients that map statuses
    /// to it would fail on 20.
    Preparing,
    /// Classified only (`target_process = classify`).
    Classified,
}

impl FileStatus {
    /// The integer the wire and the database use.
    pub const fn code(self) -> i64 {
        match self {
            Self::Pending => 0,
            Self::Succeeded => 1,
            Self::Failed => 2,
            Self::Classifying => 3,
            Self::Extracting => 4,
            Self::Preparing => 5,
            Self::Classified => 10,
        }
    }
}

impl IntCode for FileStatus {
    const ALL: &'static [Self] = &[
        Self::Pending,
        Self::Succeeded,
        Self::Failed,
        Self::Classifying,
        Self::Extracting,
        Self::Preparing,
        Self::Classified,
    ];

    fn code(self) -> i64 {
        Self::code(self)
    }
}

impl FileStatus {
    /// What the reference calls it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
            Self::Classifying => "classifying",
            Self::Extracting => "extracting",
            Self::Preparing => "preparing",
            Self::Classified => "classified",
        }
    }

    /// Whether a task in this status will not change without a retry.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Succeeded | Self::Failed | Self::Classified)
    }

    /// The statuses of a task still being processed.
    pub fn in_progress() -> impl Iterator<Item = Self> {
        Self::ALL.iter().copied().filter(|status| !status.is_final())
    }
}
