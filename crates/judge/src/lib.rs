mod context;
mod expression;
mod locate;
mod values;
mod verdict;
pub use context::{ContextDocument, RuleContext};
pub use expression::{CompiledRule, ExpressionError, ProgramCache, compile, evaluate};
pub use locate::{Located, anchor_quotes, locate};
pub use verdict::{Anchor, AnchorSource, Verdict, VerdictResult};
