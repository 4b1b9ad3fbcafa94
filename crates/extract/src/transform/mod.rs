//! Post-processing of extracted values by a field's transform settings
//! (reference §4.5): normalise dates, snap to a list of allowed values, or
//! rewrite with a regular expression.

mod apply;
mod date_format;
mod datetime;
mod enumerate;
mod regex;

pub use apply::{InvalidTransform, Transformed, check, transform};
