//! Persistence for docreview: SQLite by default, PostgreSQL for several nodes.
//!
//! Both backends run the same SQL through sqlx's `Any` driver: the schema uses
//! only portable types (BIGINT ids we generate, TEXT, INTEGER, JSON as TEXT) and
//! `$n` placeholders, which SQLite accepts too. Each backend has its own embedded
//! migration folder so later migrations may diverge where a dialect needs it.
//!
//! Every query that touches tenant data is scoped by the [`Caller`]: an object in
//! a workspace the caller cannot see is reported as not found.
//!
//! # Layout
//! - [`connect`]: opening a database, pools and migrations.
//! - [`error`]: the store error, with "not found" as a first-class variant.
//! - [`apps`]: enterprises and app credentials.
//! - [`workspaces`]: workspaces and their visibility.
//! - [`categories`]: categories with their fields, tables and samples, and
//!   the category specs extraction reads.
//! - [`rule_repos`], [`rule_groups`], [`rules`]: rule management.
//! - [`files`]: uploaded files and their extraction results.
//! - [`jobs`]: the durable job queue with leases and fenced completion.
//! - [`review`]: review tasks and rule tasks: reads, and the named writes the
//!   workflow composes.
//! - [`callbacks`]: callback events recorded with the change that causes them.
//! - [`WriteTx`] (`write`): the transaction the store hands the workflow.
//! - [`clock`]: wall-clock time as stored.
//! - `bulk`: writing many rows in one statement; `json`: lists kept as JSON text.
//!
//! [`Caller`]: docreview_core::Caller

pub mod apps;
pub mod callbacks;
pub mod categories;
pub mod connect;
pub mod error;
pub mod files;
pub mod jobs;
pub mod review;
pub mod rule_groups;
pub mod rule_repos;
pub mod rules;
pub mod workspaces;
mod write;

mod bulk;
pub mod clock;
mod json;

pub use connect::{Backend, Store};
pub use error::{ObjectKind, StoreError};
pub use write::WriteTx;
