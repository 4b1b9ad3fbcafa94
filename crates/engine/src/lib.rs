//! The workers of docreview. Each worker loops over one unit of work at a time:
//! claim a job from the durable queue (a table), run it, commit the result
//! fenced by the job's lease and the subject's generation. A reaper re-queues
//! jobs whose worker died. Any number of processes may run workers against the
//! same database.
//!
//! # Layout
//! - [`settings`]: pool size, lease length, polling interval.
//! - [`pool`]: starting the workers and the reaper, waking them, stopping them.
//! - [`workflow`]: every decision of a submit, a retry, a plan, a verdict,
//!   an extraction and a give-up, and running one claimed job; also the
//!   callback job.
//! - `judging`: what a rule sees, the expression judge over one rule or a
//!   plan, and verdicts as the store keeps them.
//! - [`sandbox`]: parsing in a child process under limits; also the child's
//!   side, `docreview parse`.
//! - `shares`: how a process's workers share out the kinds of job.
//! - [`outbound`]: requests to tenants' URLs, kept off internal addresses.
//! - [`Judges`] (`judges`): the expression judge's program cache and the configured
//!   models; `model`: talking to them; `tls`: the HTTPS provider.

mod judges;
mod judging;
mod model;
pub mod outbound;
pub mod pool;
pub mod sandbox;
pub mod settings;
mod shares;
pub mod tls;
pub mod workflow;

pub use judges::Judges;
pub use model::{ModelConfigError, ModelSettings, model_in_use};
pub use outbound::{FetchSettings, Outbound};
pub use workflow::callback::Callbacks;
pub use workflow::{JobError, Outcome};

pub use pool::Engine;
pub use sandbox::{ParseLimits, ParserCommand, Sandbox};
pub use settings::EngineSettings;
