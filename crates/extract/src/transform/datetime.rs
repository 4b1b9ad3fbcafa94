//! The `datetime` transform: read a date (and optional time) written in one of
//! the common ways, and write it in the configured Java-style pattern.
//!
//! The value is read by `docreview_text::read`, the reader rule expressions'
//! `date()` uses too, so a date text means the same day in an extraction
//! and in a rule; `3/5/2024` is read by the workspace's [`DateOrder`]
//! (5 March by default). Read forms: `2024-03-05`, `2024/3/5`, `2024.03.05`,
//! `2024年3月5日`, `20240305`, `05.03.2024` and `05-03-2024` (day first),
//! `3/5/2024`, `5 March 2024`, `5th Mar 2024`, `March 5, 2024`, `2024 Mar 5`,
//! each optionally followed by `14:30`, `14:30:15`, `2:30 pm`, `14时30分`, or
//! `T10:20:30Z` with a fraction and a zone. Weekday names are ignored. The
//! time is written as read: a zone is not converted, the patterns have no
//! zone letters. Anything else in the value makes it a mismatch: a value that
//! merely contains a date is not silently rewritten. Two-digit years are not
//! read, they are too ambiguous.

use docreview_text::{DateOrder, read};

use super::date_format::{DateTime, render};

/// The value in `format`, or `None` when it is not a date we can read.
pub(crate) fn convert(value: &str, format: &str, order: DateOrder) -> Option<String> {
    parse(value, order).map(|dt| render(&dt, format))
}

pub(crate) fn parse(value: &str, order: DateOrder) -> Option<DateTime> {
    let written = read(value, order).ok()?;
    let (hour, minute, second) = written.time.map_or((0, 0, 0), |t| (t.hour, t.minute, t.second));
    let date = written.date;
    Some(DateTime { year: date.year, month: date.month, day: date.day, hour, minute, second })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(value: &str) -> Option<String> {
        convert(value, "yyyy-MM-dd", DateOrder::default())
    }

    fn full(value: &str) -> Option<String> {
        convert(value, "yyyy-MM-dd HH:mm:ss", DateOrder::default())
    }

    #[test]
    fn numeric_forms() {
        for v in ["2024-03-05", "2024/3/5", "2024.03.05", "20240305", "05.03.2024", "05-03-2024", "3/5/2024"] {
            assert_eq!(ymd(v).as_deref(), Some("2024-03-05"), "{v}");
        }
        // The first number cannot be a month, so it is the day.
        assert_eq!(ymd("25/3/2024").as_deref(), Some("2024-03-25"));
        assert_eq!(ymd("03.25.2024").as_deref(), Some("2024-03-25"));
    }

    #[test]
    fn chinese_dates() {
        assert_eq!(ymd("2024年3月5日").as_deref(), Some("2024-03-05"));
        assert_eq!(ymd("２０２４年０３月０５日").as_deref(), Some("2024-03-05"));
        let format = "yyyy/MM/dd HH:mm";
        assert_eq!(convert("2024年3月5日 14时30分", format, DateOrder::default()).as_deref(), Some("2024/03/05 14:30"));
    }

    #[test]
    fn written_months() {
        for v in ["5 March 2024", "5th Mar 2024", "March 5, 2024", "Mar 5, 2024", "Tue, 5 Mar 2024", "2024 Mar 5"] {
            assert_eq!(ymd(v).as_deref(), Some("2024-03-05"), "{v}");
        }
    }

    #[test]
    fn times() {
        assert_eq!(full("2024-03-05T14:30:15").as_deref(), Some("2024-03-05 14:30:15"));
        assert_eq!(full("Mar 5, 2024 2:30 pm").as_deref(), Some("2024-03-05 14:30:00"));
        assert_eq!(full("2024-03-05 12:05 am").as_deref(), Some("2024-03-05 00:05:00"));
        assert_eq!(full("2024-03-05").as_deref(), Some("2024-03-05 00:00:00"));
        assert_eq!(full("2024-03-05T14:30:15.5+08:00").as_deref(), Some("2024-03-05 14:30:15"), "as written");
    }

    #[test]
    fn non_dates_do_not_match() {
        for v in ["", "soon", "2024-02-30", "2024-13-01", "5 Marmalade 2024", "2024-03-05 due", "05.03.24", "25:00"] {
            assert_eq!(ymd(v), None, "{v}");
        }
        assert_eq!(ymd("2023-02-29"), None);
        assert_eq!(ymd("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(full("2024-03-05 24:00"), None);
    }

    #[test]
    fn slashes_with_the_year_last_follow_the_workspaces_order() {
        let ymd = |value: &str, order| convert(value, "yyyy-MM-dd", order);
        assert_eq!(ymd("3/5/2024", DateOrder::MonthFirst).as_deref(), Some("2024-03-05"));
        assert_eq!(ymd("03/05/2024", DateOrder::DayFirst).as_deref(), Some("2024-05-03"));
        assert_eq!(ymd("03/05/2024", DateOrder::Refuse), None, "an ambiguous date is a mismatch");
        for order in DateOrder::ALL {
            assert_eq!(ymd("31/01/2024", order).as_deref(), Some("2024-01-31"), "{order}");
            assert_eq!(ymd("01/31/2024", order).as_deref(), Some("2024-01-31"), "{order}");
            assert_eq!(ymd("05.03.2024", order).as_deref(), Some("2024-03-05"), "{order}");
        }
    }
}
