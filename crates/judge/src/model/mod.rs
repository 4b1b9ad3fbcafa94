//! The parts of the LLM judge that need no network (DESIGN §4): the messages
//! that ask a model for a verdict on one rule, reading its answer tolerantly,
//! and turning the answer into a [`Verdict`](crate::Verdict) whose anchors
//! point only at evidence found in the documents.
//!
//! The engine sends the messages to an OpenAI-compatible server and hands
//! the answer's text to [`read_answer`]; transport, retries and concurrency
//! live there.

mod answer;
mod prompt;
#[cfg(test)]
mod tests;
mod think;
mod verdict;

pub use answer::{AnswerError, ModelAnswer, read_answer};
pub use prompt::{ChatMessage, PromptBudget, rule_messages, verdict_schema};
pub use verdict::verdict_from_answer;
