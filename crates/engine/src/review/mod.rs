//! Review jobs. A plan job waits for the task's inputs to finish extracting,
//! then creates one rule task per triggered rule. Rules with an expression
//! are judged by the plan itself, over documents read once, and their rule
//! tasks written with their verdicts in the plan's transaction. Any other
//! rule task, and one retried on its own, has a judge job of its own, judged
//! by the review task's model; a rule with neither an expression nor a
//! configured model ends as an error that says what to configure. Every
//! judge answers with the rule's current definition over the current
//! extraction results, and a judge that cannot decide answers "error" (2),
//! never "not passed" (4).

mod context;
mod expressions;
mod judge;
mod plan;
mod verdict;

pub(crate) use judge::judge;
pub(crate) use plan::plan;
