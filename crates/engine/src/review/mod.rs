//! Review jobs. A plan job waits for the task's inputs to finish extracting,
//! then creates one rule task per triggered rule. The rule tasks of rules
//! with an expression are judged in batches: one batch job evaluates a few
//! hundred of them over documents read once and commits their verdicts
//! together. Any other rule task, and one retried on its own, has a judge job
//! of its own, judged by the review task's model; a rule with neither an
//! expression nor a configured model ends as an error that says what to
//! configure. Every judge answers with the rule's current definition over the
//! current extraction results, and a judge that cannot decide answers
//! "error" (2), never "not passed" (4).

mod batch;
mod context;
mod judge;
mod plan;
mod verdict;

pub(crate) use batch::judge_batch;
pub(crate) use judge::judge;
pub(crate) use plan::plan;
