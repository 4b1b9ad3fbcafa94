//! The expression judge: CEL programs over a rule context. `check` refuses
//! an expression that cannot work or may cost too much when a rule is saved,
//! `ProgramCache` keeps programs per expression text, `evaluate` turns a run
//! within [`ExpressionLimits`] into a verdict.

mod bindings;
mod cache;
mod charging;
mod compile;
mod date_order;
mod env;
mod estimate;
mod evaluate;
mod functions;
mod instrument;
mod limits;
mod loops;
mod meter;
mod reasoning;
mod recorder;
mod references;
mod size;
#[cfg(test)]
mod tests;

pub use cache::ProgramCache;
pub use compile::{CompiledRule, ExpressionError, check, compile};
pub use evaluate::evaluate;
pub use limits::ExpressionLimits;
