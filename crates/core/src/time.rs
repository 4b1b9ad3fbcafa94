//! Times as clients type them in filters (`file/fetch`, `review/task/list`),
//! to Unix milliseconds, and back for people reading lists of tasks.

use docreview_text::calendar::civil_from_days;
use docreview_text::{DateError, DateOrder, read};

/// Reads `2024-03-05T10:20:30Z`, `2024-03-05T10:20:30.5+08:00`, or the same
/// with a space instead of `T`; a date alone means its midnight UTC, a time
/// without a zone is UTC. The other written forms of `docreview_text::read`
/// are read too (`5 March 2024`), but a filter is never guessed: a day and
/// month that could be either way round (`03/05/2024`) are an error.
pub fn rfc3339_to_ms(text: &str) -> Result<i64, DateError> {
    read(text, DateOrder::Refuse).map(|written| written.unix_ms())
}

/// `message` about a time that did not read, followed by why when the
/// reader knows more than "not a date": `…, got "2024-02-30": no such day in
/// the calendar`.
pub fn with_reason(message: String, error: &DateError) -> String {
    match error {
        DateError::NotADate => message,
        reason => format!("{message}: {reason}"),
    }
}

/// Formats Unix milliseconds as `2024-03-05T10:20:30Z` (UTC, whole seconds),
/// the form [`rfc3339_to_ms`] reads back.
pub fn ms_to_rfc3339(ms: i64) -> String {
    let seconds = ms.div_euclid(1000);
    let (days, of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", of_day / 3600, of_day % 3600 / 60, of_day % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_with_zones_and_fractions_are_read() {
        assert_eq!(rfc3339_to_ms("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(rfc3339_to_ms("2024-03-05T10:20:30Z"), Ok(1_709_634_030_000));
        assert_eq!(rfc3339_to_ms("2024-03-05T18:20:30.5+08:00"), Ok(1_709_634_030_500));
        assert_eq!(rfc3339_to_ms("2024-03-05T10:20:30.123456+00:00"), Ok(1_709_634_030_123));
        assert_eq!(rfc3339_to_ms("2024-03-05 10:20:30"), Ok(1_709_634_030_000));
        assert_eq!(rfc3339_to_ms("2024-03-05t10:20:30z"), Ok(1_709_634_030_000));
        assert_eq!(rfc3339_to_ms("2024-03-05"), Ok(1_709_596_800_000));
    }

    #[test]
    fn other_written_dates_are_read_but_an_ambiguous_order_is_not_guessed() {
        assert_eq!(rfc3339_to_ms("5 March 2024"), Ok(1_709_596_800_000));
        assert_eq!(rfc3339_to_ms("31/01/2024"), rfc3339_to_ms("2024-01-31"));
        let ambiguous = rfc3339_to_ms("03/05/2024").expect_err("ambiguous");
        assert!(matches!(ambiguous, DateError::AmbiguousOrder { .. }), "{ambiguous}");
        let message = with_reason("not an RFC 3339 time: \"03/05/2024\"".to_owned(), &ambiguous);
        assert!(message.contains("the day and month are ambiguous") && message.contains("write the year first"));
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in ["2024-02-30T00:00:00Z", "2023-02-29", "2024-13-01", "yesterday", "2024-03-05T25:00:00Z", ""] {
            assert!(rfc3339_to_ms(bad).is_err(), "{bad}");
        }
        let error = rfc3339_to_ms("2023-02-29").expect_err("no such day");
        assert_eq!(with_reason("got 2023-02-29".to_owned(), &error), "got 2023-02-29: no such day in the calendar");
        let error = rfc3339_to_ms("yesterday").expect_err("not a date");
        assert_eq!(with_reason("got yesterday".to_owned(), &error), "got yesterday");
    }

    #[test]
    fn milliseconds_are_formatted_in_utc_and_read_back() {
        assert_eq!(ms_to_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(ms_to_rfc3339(1_709_634_030_500), "2024-03-05T10:20:30Z");
        assert_eq!(ms_to_rfc3339(-1000), "1969-12-31T23:59:59Z");
        for text in ["2000-02-29T23:59:59Z", "2100-03-01T00:00:00Z", "1999-12-31T12:00:00Z"] {
            assert_eq!(rfc3339_to_ms(text).map(ms_to_rfc3339).as_deref(), Ok(text));
        }
    }
}
