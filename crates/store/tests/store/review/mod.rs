//! Review tasks: retries and their rate limit.

mod retry;
mod support;
