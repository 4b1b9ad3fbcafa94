//! The domain of docreview, free of I/O: id generation, credentials and request
//! signatures, and the validated forms of every write request.
//!
//! Handlers turn wire bodies into the types here with `TryFrom`, so the store and
//! everything after it only ever sees valid values ("parse, don't validate").
//!
//! # Layout
//! - [`ids`]: time-ordered 64-bit ids.
//! - [`credentials`]: app ids, secrets and their stored hashes.
//! - [`signature`]: the DocFlow HMAC request signature.
//! - [`caller`]: who is calling, once authenticated.
//! - [`category`]: validated category requests: fields, tables, samples,
//!   transform settings and keyword rules.
//! - [`category_spec`]: a category as classification and extraction see it.
//! - [`validation`]: the error type and the text, id and paging checks.
//! - [`workspace`], [`rules`], [`files`]: validated workspace, rule-management and file requests.
//! - [`review`]: validated review requests, which rules a task triggers, and
//!   the roll-up of rule results into the task's status and statistics.
//! - [`states`]: the workflow's closed sets (statuses, phases, job kinds
//!   and states), each with its one encoding.
//! - [`time`]: RFC 3339 timestamps (read by `docreview_text`) in filters.
//! - [`callback`]: callback events and their signature; [`error_chain`]: errors with their causes.

pub mod callback;
pub mod caller;
pub mod category;
pub mod category_spec;
pub mod credentials;
pub mod error_chain;
pub mod files;
pub mod ids;
pub mod review;
pub mod rules;
pub mod signature;
pub mod states;
pub mod time;
pub mod validation;
pub mod workspace;

pub use caller::Caller;
pub use validation::ValidationError;
