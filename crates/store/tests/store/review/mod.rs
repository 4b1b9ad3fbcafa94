//! Review tasks: batches of expression rules, retries, their rate limit, and
//! the history of rule tasks.

mod batch;
mod history;
mod retry;
mod support;
