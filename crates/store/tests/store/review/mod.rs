//! Review tasks: plans that judge their expression rules, retries, their
//! rate limit, and the history of rule tasks.

mod history;
mod list;
mod migration;
mod plan;
mod retry;
mod support;
