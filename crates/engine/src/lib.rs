//! The workers of docreview. Each worker loops over one unit of work at a time:
//! claim a job from the durable queue (a table), run it, commit the result
//! fenced by the job's lease and the subject's generation. A reaper re-queues
//! jobs whose worker died. Any number of processes may run workers against the
//! same database.
//!
//! # Layout
//! - [`settings`]: pool size, lease length, polling interval.
//! - [`pool`]: starting the workers and the reaper, waking them, stopping them.
//! - [`extraction`]: one extraction job: parse → classify → extract.
//! - [`sandbox`]: parsing in a child process under limits; also the child's
//!   side, `docreview parse`.
//! - `review`: planning a review task (judging its expression rules on the
//!   way) and judging single rule tasks.
//! - `give_up`: ending a job that keeps failing, with its cause.
//! - `callback`: sending a recorded event to a workspace's callback URL.
//! - `shares`: how a process's workers share out the kinds of job.
//! - [`outbound`]: requests to tenants' URLs, kept off internal addresses.
//! - [`Judges`]: the expression judge's program cache and the configured
//!   models; `model`: talking to them; `tls`: the HTTPS provider.

mod callback;
mod claim;
pub mod extraction;
mod give_up;
mod judges;
mod model;
pub mod outbound;
pub mod pool;
mod review;
pub mod sandbox;
pub mod settings;
mod shares;
pub mod tls;

pub use callback::Callbacks;
pub use claim::{JobError, Outcome};
pub use judges::Judges;
pub use model::{ModelConfigError, ModelSettings, model_in_use};
pub use outbound::{FetchSettings, Outbound};

pub use pool::Engine;
pub use sandbox::{ParseLimits, ParserCommand, Sandbox};
pub use settings::EngineSettings;
