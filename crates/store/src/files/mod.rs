//! Files: one uploaded document each, and its extraction task.
//!
//! A file row carries the task's status and results. `generation` is bumped by
//! every retry or category amendment; pipeline writes are fenced by it (and by
//! the job's lease), so a superseded run never overwrites a newer one.
//! `result_version` counts committed results, so consumers (review tasks) can
//! tell which extraction they saw.

mod create;
mod fetch;
mod pipeline;
mod remove;
mod revise;

pub use create::{CreatedFile, NewFile};
pub use docreview_core::files::{FileDeletion, FileFilter};
pub use fetch::FileRow;
pub use pipeline::{ExtractionOutcome, PipelineInput};
pub use revise::FileRef;

/// `recognition_status` values (reference §5.1).
pub mod status {
    pub const PENDING: i64 = 0;
    pub const SUCCEEDED: i64 = 1;
    pub const FAILED: i64 = 2;
    pub const CLASSIFYING: i64 = 3;
    pub const EXTRACTING: i64 = 4;
    pub const CLASSIFIED: i64 = 10;
    /// Shown while the file is parsed. The reference also lists 20 ("parsing"),
    /// but the official SDK's status enum stops at 5, so clients that map
    /// statuses to it would fail on 20.
    pub const PREPARING: i64 = 5;

    /// Whether a task in this status will not change without a retry.
    pub fn is_terminal(status: i64) -> bool {
        matches!(status, SUCCEEDED | FAILED | CLASSIFIED)
    }
}

/// `task_type` of a file that is neither split nor cropped.
pub const REGULAR_TASK: i64 = 1;
