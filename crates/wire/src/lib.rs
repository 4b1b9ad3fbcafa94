//! The DocFlow v2 wire format: every request and response body docreview speaks,
//! the `{code, msg, result}` envelope and the table of error codes.
//!
//! Nothing here does I/O or validation beyond JSON shape; the domain crate turns
//! these bodies into valid values. The bodies the `docreview` command-line
//! client sends also serialise, and the results it reads also deserialise, so
//! that client and server share one definition of each.
//!
//! # Layout
//! - [`id`]: 64-bit ids, accepted as strings or integers, emitted as strings.
//! - [`envelope`]: the response envelope.
//! - [`code`]: the stable error codes and their HTTP statuses.
//! - [`workspace`], [`rule_repo`], [`rule_group`], [`rule`], [`review`]:
//!   endpoint bodies.
//! - [`lenient`]: booleans as clients really send them.
//! - [`category`]: category configuration shared with the pipeline, and the
//!   bodies of the category, field, table and sample endpoints.
//! - [`file`]: extraction results (fields, tables, pages, document lines).
//! - [`schema`]: helpers for OpenAPI schemas a derive gets wrong.

pub mod category;
pub mod code;
pub mod envelope;
pub mod file;
pub mod id;
pub mod lenient;
pub mod review;
pub mod rule;
pub mod rule_group;
pub mod rule_repo;
pub mod schema;
pub mod workspace;

pub use code::ErrorCode;
pub use envelope::Envelope;
pub use id::Id;

/// The path prefix every DocFlow v2 endpoint lives under.
pub const API_PREFIX: &str = "/api/app-api/sip/platform/v2";
