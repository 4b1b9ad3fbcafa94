//! Files: one uploaded document each, and its extraction task.
//!
//! A file row carries the task's status and results. `generation` is bumped by
//! every retry or category amendment; pipeline writes are fenced by it (and by
//! the job's lease), so a superseded run never overwrites a newer one.
//! `result_version` counts committed results, so consumers (review tasks) can
//! tell which extraction they saw.

mod create;
mod fetch;
mod page_source;
mod pipeline;
mod remove;
mod revise;

pub use create::{CreatedFile, NewFile};
pub use docreview_core::files::{FileDeletion, FileFilter};
pub use fetch::FileRow;
pub use page_source::PageSource;
pub use pipeline::{ExtractionOutcome, PipelineInput, write_outcome};
pub use revise::{FileRef, FileState, restart, visible_file, write_data};

pub use docreview_core::states::FileStatus;

/// `task_type` of a file that is neither split nor cropped.
pub const REGULAR_TASK: i64 = 1;
