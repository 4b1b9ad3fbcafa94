//! The connection layer under the router. hyper refuses some requests before
//! any endpoint sees them (a request line longer than the `http` crate reads,
//! headers larger than hyper buffers, bytes that are not HTTP) and answers
//! those itself with an empty body. [`EnvelopeListener`] hands hyper
//! connections that turn those answers into the DocFlow envelope, so every
//! answer a client gets carries a stable code and a message.

mod listener;
mod refusal;

pub use listener::EnvelopeListener;
pub use refusal::RefusalRewriter;
