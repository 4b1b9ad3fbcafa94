//! The evidence locator, for verdicts whose evidence is proposed as quotes
//! (the LLM judge): [`locate`] finds a quote in a context's extracted values
//! or text lines, [`anchor_quotes`] turns quotes into anchors on a
//! reasoning.

mod anchors;
mod normalize;
mod quad;
mod search;
#[cfg(test)]
mod tests;

pub use anchors::anchor_quotes;
pub use search::{Located, locate};
