//! A typed HTTP client for a docreview server (or any DocFlow v2 server):
//! one method per call the command line makes, each returning the call's
//! `result` as a docreview-wire type, and every `{code, msg}` error envelope
//! as [`ClientError::Api`].
//!
//! # Layout
//! - `connection`: the server address, the credentials, and the envelope
//!   handling every call shares.
//! - `error`: what can go wrong, worded for the person at the terminal.
//! - `review`: the review task calls.

mod connection;
mod error;
mod review;

pub use connection::{Client, Credentials};
pub use error::ClientError;
