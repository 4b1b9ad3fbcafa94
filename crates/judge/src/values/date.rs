//! Calendar dates as documents write them, read as a day number (days since
//! 1970-01-01) so that rules compare and subtract them as integers.
//!
//! The reading is `docreview_text::read`, the one extraction's `datetime`
//! transform uses, so a date text means the same day in both; `03/05/2024`
//! is read by the workspace's [`DateOrder`]. A time or a zone after the date
//! is checked but does not move the day: `2024-03-05T23:00:00-05:00` is
//! 5 March.

use docreview_text::{DateError, DateOrder, read};

use super::ValueError;

const DATE: &str = "a date";

/// The day number of a written date, reading `a/b/yyyy` by `order`.
pub(crate) fn parse_date(text: &str, order: DateOrder) -> Result<i64, ValueError> {
    let error = || ValueError::new(text, DATE);
    match read(text, order) {
        Ok(written) => Ok(written.date.day_number()),
        Err(DateError::NotADate) => Err(error()),
        Err(ambiguous @ DateError::AmbiguousOrder { .. }) => {
            Err(error().because(format!("{ambiguous}, or set the workspace's date_order to month_first or day_first")))
        }
        Err(other) => Err(error().because(other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use docreview_text::calendar::days_from_civil;

    use super::*;

    const MARCH_5_2024: i64 = 19_787;

    fn date(text: &str) -> Result<i64, ValueError> {
        parse_date(text, DateOrder::default())
    }

    #[test]
    fn every_written_form_of_one_day_reads_the_same() {
        for text in [
            "2024-03-05",
            "2024/3/5",
            "2024.03.05",
            "05.03.2024",
            "05-03-2024",
            "5 March 2024",
            "5th March 2024",
            "Mar 5, 2024",
            "March 5th, 2024",
            "Tue, 5 Mar 2024",
            "2024年3月5日",
            "２０２４年３月５日",
            "20240305",
            "2024-03-05T10:00:00Z",
            "2024-03-05 10:00",
            "03/05/2024",
        ] {
            assert_eq!(date(text), Ok(MARCH_5_2024), "{text}");
        }
    }

    #[test]
    fn slashes_with_the_year_last_follow_the_order_when_both_readings_are_dates() {
        assert_eq!(parse_date("31/01/2024", DateOrder::Refuse), Ok(days_from_civil(2024, 1, 31)));
        assert_eq!(parse_date("01/31/2024", DateOrder::Refuse), Ok(days_from_civil(2024, 1, 31)));
        assert_eq!(parse_date("03/05/2024", DateOrder::MonthFirst), Ok(MARCH_5_2024));
        assert_eq!(parse_date("03/05/2024", DateOrder::DayFirst), Ok(days_from_civil(2024, 5, 3)));
        let error = parse_date("03/05/2024", DateOrder::Refuse).expect_err("ambiguous");
        let message = error.to_string();
        assert!(message.starts_with(r#""03/05/2024" is not a date (the day and month are ambiguous"#), "{message}");
        assert!(message.contains("write the year first") && message.contains("date_order"), "{message}");
    }

    #[test]
    fn impossible_and_unreadable_dates_are_errors() {
        assert_eq!(
            date("2023-02-29").map_err(|e| e.to_string()),
            Err(r#""2023-02-29" is not a date (no such day in the calendar)"#.to_owned())
        );
        assert_eq!(date("2024-02-29"), Ok(days_from_civil(2024, 2, 29)));
        assert_eq!(
            date("5 Smarch 2024").map_err(|e| e.to_string()),
            Err(r#""5 Smarch 2024" is not a date (unknown month name)"#.to_owned())
        );
        for text in ["", "soon", "2024-13-01", "12345", "2024-03-05 25:00"] {
            let error = date(text).expect_err(text);
            assert!(error.to_string().contains("date"), "{text}: {error}");
        }
    }
}
