//! A typed HTTP client for a docreview server (or any DocFlow v2 server):
//! one method per call the command line makes, each returning the call's
//! `result` as a docreview-wire type, and every `{code, msg}` error envelope
//! as [`ClientError::Api`].
//!
//! # Layout
//! - `connection`: the server address, the credentials, and the envelope
//!   handling every call shares.
//! - `error`: what can go wrong, worded for the person at the terminal.
//! - `workspace`, `documents`, `rules`, `review`: the calls, by resource.

mod connection;
mod documents;
mod error;
mod review;
mod rules;
mod workspace;

pub use connection::{Client, Credentials};
pub use documents::{CategoryForm, FileStatus, Upload};
pub use error::ClientError;
