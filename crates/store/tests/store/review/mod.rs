//! Review tasks: retries, their rate limit, and the history of rule tasks.

mod history;
mod retry;
mod support;
