//! The expression judge: CEL programs over a rule context. `compile` checks
//! an expression when a rule is saved, `ProgramCache` keeps programs per
//! expression text, `evaluate` turns a run into a verdict.

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
