//! A typed HTTP client for a docreview server (or any DocFlow v2 server):
//! one method per call, each returning the call's `result` as a
//! docreview-wire type, and every `{code, msg}` error envelope as
//! [`ClientError::Api`].
//!
//! It speaks HTTP only: it links neither the workers nor the database, so a
//! program that only calls a server stays small.
//!
//! ```no_run
//! # async fn demo() -> Result<(), docreview_client::ClientError> {
//! use docreview_client::{Client, Credentials};
//!
//! let credentials = Credentials { app_id: "app".to_owned(), secret_code: "secret".to_owned() };
//! let client = Client::new("http://127.0.0.1:8080", &credentials)?;
//! let workspace_id = client.create_workspace("Invoices").await?;
//! # let _ = workspace_id;
//! # Ok(())
//! # }
//! ```
//!
//! # Layout
//! - `connection`: the server address, the credentials, and the envelope
//!   handling every call shares.
//! - `error`: what can go wrong, worded for the person at the terminal.
//! - `workspace`, `documents`, `rules`, `review`: the calls, by resource.
//! - `tls`: the rustls `ring` provider that `https://` servers need.

#![warn(missing_docs)]

mod connection;
mod documents;
mod error;
mod review;
mod rules;
mod tls;
mod workspace;

pub use connection::{Client, Credentials};
pub use documents::{CategoryForm, FileStatus, Upload};
pub use error::ClientError;
