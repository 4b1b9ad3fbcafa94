//! The one reader of written dates: a calendar date in one of the forms
//! documents use, optionally followed by a time of day and a zone.
//!
//! Read forms (full-width digits and letters too, any case):
//! - year first: `2024-03-05`, `2024/3/5`, `2024.03.05`, `20240305`,
//!   `2024年3月5日` (the `日` may be left out, `号` is the same);
//! - year last: `05.03.2024`, `05-03-2024` (the day first), `3/5/2024`
//!   (slashes: the order of day and month is the [`DateOrder`]'s);
//! - a named month: `5 March 2024`, `5th Mar 2024`, `March 5, 2024`,
//!   `Mar 5, 2024`, `2024 Mar 5`, with a weekday anywhere:
//!   `Tue, 5 Mar 2024`;
//!
//! each optionally followed by a time — `14:30`, `14:30:15`, `2:30 pm`,
//! `14时30分`, `T10:20:30` — and, after `H:mm` times, by a fraction of a
//! second and a zone: `T10:20:30Z`, `10:20:30.5+08:00`, `10:20 -0500`,
//! `10:20:30 GMT`.
//!
//! Anything else in the text makes it not a date: a value that merely
//! contains a date is not one (`2024-03-05 due`). Two-digit years are not
//! read (`05.03.24`): they are too ambiguous.
//!
//! With the year last, when only one reading of the two numbers is a real
//! date (`31/01/2024`, `01/31/2024`, `03.25.2024`) that reading wins; when
//! both are, dots, dashes and spaces mean the day first (`05.03.2024` is
//! 5 March), and slashes are read by the [`DateOrder`] given: `03/05/2024` is
//! 5 March with [`MonthFirst`](DateOrder::MonthFirst), 3 May with
//! [`DayFirst`](DateOrder::DayFirst), and an error with
//! [`Refuse`](DateOrder::Refuse).
//!
//! Reading is total: any text, however long or odd, gives a date or a
//! [`DateError`], without panicking or overflowing.

mod clock;
mod error;
mod forms;
mod tokens;

use std::fmt;

pub use error::DateError;

/// Every form the README's "Dates" section lists, each written for 5 March
/// 2024: what the reader's tests, and the test that extraction and rules read
/// one day, go through.
pub const DOCUMENTED_FORMS: [&str; 24] = [
    "2024-03-05",
    "2024/3/5",
    "2024.03.05",
    "20240305",
    "2024年3月5日",
    "２０２４年３月５日",
    "05.03.2024",
    "05-03-2024",
    "3/5/2024",
    "5 March 2024",
    "5th Mar 2024",
    "March 5, 2024",
    "Mar 5, 2024",
    "Tue, 5 Mar 2024",
    "2024 Mar 5",
    "2024-03-05 14:30",
    "2024-03-05 14:30:15",
    "Mar 5, 2024 2:30 pm",
    "2024年3月5日 14时30分",
    "2024-03-05T10:20:30Z",
    "2024-03-05T10:20:30.5+08:00",
    "2024-03-05 10:20 -0500",
    "5 Mar 2024 10:20:30 UTC",
    "2024-03-05T23:30:00-05:00",
];

use crate::calendar;
use crate::order::DateOrder;

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    /// 1 to the month's length.
    pub day: u32,
}

impl Date {
    /// The date, if it is one of the calendar.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        calendar::is_valid(i64::from(year), month, day).then_some(Self { year, month, day })
    }

    /// Days since 1970-01-01.
    pub fn day_number(self) -> i64 {
        calendar::days_from_civil(i64::from(self.year), self.month, self.day)
    }
}

/// `2024-03-05`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A time of day, on the 24-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time {
    /// 0 to 23.
    pub hour: u32,
    /// 0 to 59.
    pub minute: u32,
    /// 0 to 60 (60: a leap second).
    pub second: u32,
    /// 0 to 999 999 999.
    pub nanosecond: u32,
}

impl Time {
    /// Milliseconds since midnight, the fraction of a second rounded.
    pub fn ms_of_day(self) -> i64 {
        let seconds = i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second);
        seconds * 1000 + (i64::from(self.nanosecond) + 500_000) / 1_000_000
    }
}

/// A date as written, with the time and the zone when they were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTime {
    /// The day as written: a time or a zone never moves it.
    pub date: Date,
    pub time: Option<Time>,
    /// Minutes east of UTC (`+08:00` is 480, `Z` 0).
    pub offset_minutes: Option<i32>,
}

impl DateTime {
    /// Unix milliseconds: a date alone is its midnight, and a time without a
    /// zone is taken as UTC.
    pub fn unix_ms(&self) -> i64 {
        let local = self.date.day_number() * 86_400_000 + self.time.map_or(0, Time::ms_of_day);
        local - i64::from(self.offset_minutes.unwrap_or(0)) * 60_000
    }
}

/// Reads `text` as a date with an optional time and zone; `order` decides
/// `a/b/yyyy` where both `a` and `b` could be the month.
pub fn read(text: &str, order: DateOrder) -> Result<DateTime, DateError> {
    let tokens = tokens::tokens(text)?;
    let mut cursor = tokens::Cursor::new(&tokens);
    let written = forms::written(&mut cursor).ok_or(DateError::NotADate)?;
    let clock = if cursor.is_empty() { None } else { Some(clock::written(&mut cursor).ok_or(DateError::NotADate)?) };
    if !cursor.is_empty() {
        return Err(DateError::NotADate);
    }
    let date = written.resolve(order)?;
    let (time, offset_minutes) = match clock {
        Some(clock) => clock.resolve().map(|(time, offset)| (Some(time), offset))?,
        None => (None, None),
    };
    Ok(DateTime { date, time, offset_minutes })
}

#[cfg(test)]
mod tests;
