//! The budget every evaluation of a rule expression runs under. Rule
//! expressions are written by tenants, so no expression may take more time
//! or memory than stated here, whatever it says and whatever data it reads.
//!
//! Cost is counted in units, as Kubernetes counts the cost of its CEL rules:
//! every loop step costs one unit, and every value an expression builds
//! (a list or map element, a string made by `+`, `replace`, `join`, …) one
//! unit plus one per 64 bytes of it. The same units measure the static
//! estimate made when a rule is saved (see [`estimate`](super::estimate)) and
//! the count kept while it runs.

/// The limits of one evaluation; `limits.expression_*` in the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpressionLimits {
    /// Cost units one evaluation may use, and the most a rule's static
    /// estimate may come to when it is saved.
    pub cost: u64,
    /// The largest string, bytes or list (in bytes, elements counted at 16
    /// bytes each) one step of an evaluation may build.
    pub value_bytes: u64,
    /// Wall-clock time one evaluation may take, in milliseconds: a backstop
    /// for work the cost count cannot see (scans of long strings).
    pub time_ms: u64,
}

impl ExpressionLimits {
    /// One million units: about a second of the slowest loop steps on these
    /// machines, a few milliseconds for a rule over a thousand-row table.
    pub const DEFAULT_COST: u64 = 1_000_000;
    pub const DEFAULT_VALUE_BYTES: u64 = 1024 * 1024;
    pub const DEFAULT_TIME_MS: u64 = 1_000;
}

impl Default for ExpressionLimits {
    fn default() -> Self {
        Self { cost: Self::DEFAULT_COST, value_bytes: Self::DEFAULT_VALUE_BYTES, time_ms: Self::DEFAULT_TIME_MS }
    }
}
