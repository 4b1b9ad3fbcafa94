//! Parsing uploaded files in a child process of the same binary (DESIGN §5:
//! the server never parses untrusted bytes itself). The child,
//! `docreview parse`, sets limits on itself (memory, CPU time, files) before
//! it reads its input; the parent enforces a wall-clock deadline and bounds
//! the answer it reads. A child that dies, overruns or answers garbage fails
//! that file's task with a cause that names the limit and its setting.
//!
//! - [`limits`]: [`ParseLimits`], from `[limits]` of the configuration.
//! - `confine`: the limits the child sets on itself.
//! - `protocol`: the request on the child's standard input, the [`Answer`](protocol::Answer) it gives.
//! - `frame`: how the answer is framed on standard output.
//! - `child`: [`run_child`], the child's whole life.
//! - [`command`]: which program parses.
//! - `runner`: [`Sandbox`], the parent side.
//! - `cause`: [`ChildFailure`], what a failed child is reported as.

mod cause;
mod child;
pub mod command;
mod confine;
mod frame;
pub mod limits;
mod protocol;
mod runner;

pub use cause::{ChildFailure, Subject};
pub use child::run_child;
pub use command::ParserCommand;
pub use docreview_extract::draws_pages;
pub use limits::{ChildLimits, ParseLimits};
pub use runner::{ParseFailure, Sandbox, SandboxError};
