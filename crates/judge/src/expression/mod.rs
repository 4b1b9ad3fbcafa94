//! The expression judge.
mod bindings;
mod compile;
mod env;
mod functions;
mod recorder;
mod references;

pub use compile::{CompiledRule, ExpressionError, compile};
