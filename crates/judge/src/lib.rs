mod context;
mod expression;
mod values;
mod verdict;
pub use context::{ContextDocument, RuleContext};
pub use expression::{CompiledRule, ExpressionError, compile};
pub use verdict::{Anchor, AnchorSource, Verdict, VerdictResult};
