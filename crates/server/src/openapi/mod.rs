//! The OpenAPI document, generated from the handlers' annotations and the wire
//! types, completed with what every operation shares (credentials, error
//! envelopes, operation ids), and served at `GET /openapi.json`.

mod document;
mod error_responses;
mod operation_ids;
mod operations;
mod security;
mod status_values;

pub use document::{api_routes, public_routes};
