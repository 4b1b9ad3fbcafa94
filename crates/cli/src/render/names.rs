//! Names for the numbers the API uses: the review status shared by tasks and
//! rule tasks (reference §5.4, named in `docreview_core::states`) and the
//! risk level (§5.5).

use std::borrow::Cow;

use docreview_core::states::{IntCode, ReviewStatus};

/// The name of a review task's `status` or a rule task's `review_result`.
pub fn status_name(status: i64) -> Cow<'static, str> {
    match ReviewStatus::from_code(status) {
        Some(known) => known.name().into(),
        None => format!("status {status}").into(),
    }
}

/// The name of a rule's `risk_level`: DocFlow counts down, 10 is the highest.
pub fn risk_name(level: i64) -> Cow<'static, str> {
    match level {
        10 => "high".into(),
        20 => "medium".into(),
        30 => "low".into(),
        other => format!("risk {other}").into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_of_the_shared_enum_has_a_name() {
        let names: Vec<_> = (0..8).map(status_name).collect();
        assert_eq!(
            names,
            ["pending", "passed", "error", "reviewing", "not passed", "recognizing", "queued", "recognition failed"]
        );
        assert_eq!(status_name(42), "status 42");
    }

    #[test]
    fn risk_levels_are_named_high_to_low() {
        assert_eq!([risk_name(10), risk_name(20), risk_name(30), risk_name(5)], ["high", "medium", "low", "risk 5"]);
    }
}
