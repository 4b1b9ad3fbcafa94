//! The expression judge.
mod bindings;
mod cache;
mod compile;
mod env;
mod evaluate;
mod functions;
mod reasoning;
mod recorder;
mod references;
#[cfg(test)]
mod tests;

pub use cache::ProgramCache;
pub use compile::{CompiledRule, ExpressionError, compile};
pub use evaluate::evaluate;
