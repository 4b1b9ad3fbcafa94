//! The LLM judge's transport (DESIGN §4): configured models, each an
//! OpenAI-compatible chat-completions endpoint with its own concurrency
//! limit and retry policy. Prompts and answers are built and read by
//! `docreview_judge`; this module only talks.

mod backoff;
mod choice;
mod client;
mod limiter;
mod registry;
mod settings;

pub use choice::model_in_use;
pub use registry::Models;
pub use settings::{ModelConfigError, ModelSettings};
