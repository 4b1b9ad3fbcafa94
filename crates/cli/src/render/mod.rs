//! Plain-text views of review results and task lists for a terminal: aligned
//! columns, long reasoning wrapped, names instead of status numbers.
//!
//! # Layout
//! - `names`: the names of statuses and risk levels.
//! - `text`: widths, wrapping, truncation, and the line width to fit.
//! - `columns`: a table of aligned columns, one of which may wrap.
//! - `result`: a review task's result; `list`: a page of review tasks.

mod columns;
mod list;
mod names;
mod result;
mod text;

pub use list::task_list;
pub use names::status_name;
pub use result::review_result;
pub use text::line_width;
