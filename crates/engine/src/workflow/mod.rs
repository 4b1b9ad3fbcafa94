//! The review and extraction workflow: every decision of a submit, a retry,
//! a rule retry, a plan, a verdict, an extraction and a give-up, in one
//! place. Each step reads what it needs, decides, and writes through the
//! store's named SQL functions inside one [`WriteTx`], so a step happens
//! entirely or not at all. The store holds no policy; the server and the
//! workers both call the steps here; and a claimed job is run one way,
//! [`run::run_job`], by the workers and by tests alike.
//!
//! # A review task's life
//! ```text
//!   submit ──▶ waiting ──(inputs extracted)──▶ planned ──▶ final
//!                │  ▲                            │ rule tasks: queued ─▶ reviewing ─▶ passed │ not passed │ error
//!                │  └──────── retry ─────────────┤
//!                ▼                               └── rule retry: one rule task queued again
//!              failed (an input failed, or the repository is gone)
//! ```
//! - **submit** ([`submit`]): checks the inputs, stores the task `waiting`
//!   and queues its plan job.
//! - **plan** ([`plan`]): waits while an input extracts; fails the task when
//!   an input failed or the repository is gone; else gives each triggered
//!   rule its rule task (the previous run's, at the next generation), judges
//!   the expression rules on the spot and queues a judge job for the others.
//! - **judge** ([`judge`]): one rule task, with the rule's current
//!   definition, by its expression or by the task's model.
//! - **retry** and **rule retry** ([`retry`]): within the task's retry
//!   window, archive the finished results they overwrite and queue the plan
//!   again (every rule task's generation bumped), or one rule task's judge.
//! - **give up** ([`give_up`]): a job that keeps failing ends its subject as
//!   failed (an extraction task, a review task) or as an error (a rule task).
//!
//! # What fences each write
//! Every job's write first completes the job (`jobs::complete`), which
//! succeeds only while the job's lease token and generation are current; a
//! retry re-queues the job at a new generation, so a superseded run's write
//! is refused and rolled back. A plan also takes the task's row at its
//! generation (`review::claim_task`) before anything else, as a retry does,
//! so on PostgreSQL the two serialize on that row; a verdict is written only
//! while its rule task is at the claim's generation.
//!
//! # Layout
//! - [`submit`], [`retry`]: the steps the API calls.
//! - [`extraction`], [`plan`], [`judge`], `callback`: the job kinds.
//! - [`give_up`]: ending a job that keeps failing.
//! - [`run`]: running one claimed job: lease heartbeat, backoff, give-up.
//!
//! [`WriteTx`]: docreview_store::WriteTx

pub(crate) mod callback;
pub mod extraction;
pub mod give_up;
pub mod judge;
pub mod plan;
pub mod retry;
pub mod run;
pub mod submit;

pub use run::{JobError, Outcome, run_job};
