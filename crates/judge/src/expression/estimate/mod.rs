//! The static estimate of what an expression may cost, made when a rule is
//! saved: the worst case over documents of the assumed sizes (see `shape`),
//! in the units an evaluation is charged (see
//! [`limits`](crate::expression::limits)). As with Kubernetes' CEL rules, an
//! expression whose estimate is over the limit is refused before anyone runs
//! it: `"…".split("").all(a, "…".split("").all(b, …))` over two 3,000-character
//! strings is nine million steps, however fast each one is.

mod calls;
mod shape;
mod walk;

pub(crate) use shape::{ASSUMED_DOCUMENTS, ASSUMED_ROWS, ASSUMED_VALUE_BYTES};
pub(crate) use walk::estimate;
