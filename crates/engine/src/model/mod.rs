//! The LLM judge's transport (DESIGN §4): configured models, each an
//! OpenAI-compatible chat-completions endpoint with its own concurrency
//! limit and retry policy. Prompts and answers are built and read by
//! `docreview_judge`; this module only talks.

mod backoff;
mod client;
mod limiter;
mod registry;
mod settings;

pub use registry::Models;
pub use settings::{ModelConfigError, ModelSettings};
