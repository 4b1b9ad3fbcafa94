mod context;
mod expression;
mod values;
mod verdict;
pub use context::{ContextDocument, RuleContext};
pub use expression::{CompiledRule, ExpressionError, ProgramCache, compile, evaluate};
pub use verdict::{Anchor, AnchorSource, Verdict, VerdictResult};
