//! The docreview HTTP API: the DocFlow v2 routes, authentication, the envelope,
//! configuration and the server's life cycle.
//!
//! Handlers are thin: parse the request into a domain value, call the store,
//! shape the response. Every error becomes an envelope in one place
//! ([`error::ApiError`]).
//!
//! # Layout
//! - [`settings`]: typed configuration (defaults → `docreview.toml` → `DOCREVIEW_*`).
//! - [`telemetry`]: structured logs.
//! - [`app`]: the router and its layers; [`serve`]: binding, first-start credentials, shutdown;
//!   [`transport`]: hyper's own refusals answered in the envelope.
//! - [`auth`]: app-id/secret and HMAC-signature authentication.
//! - [`error`], [`extract`], [`respond`]: the envelope in and out.
//! - [`blocking`]: CPU-bound request work, kept off the async threads.
//! - [`routes`]: one module per resource.
//! - [`openapi`]: the generated OpenAPI document.
//! - [`state`]: what every handler shares; [`shutdown`]: stopping on a signal.

pub mod app;
pub mod auth;
pub mod blocking;
pub mod error;
pub mod extract;
pub mod openapi;
pub mod respond;
pub mod routes;
pub mod serve;
pub mod settings;
pub mod shutdown;
pub mod state;
pub mod telemetry;
pub mod transport;

pub use app::router;
pub use settings::Settings;
pub use state::AppState;
