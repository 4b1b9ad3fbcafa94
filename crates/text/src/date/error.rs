//! Why a text is not a date, in words a rule writer or a client can act on.

use std::fmt;

use super::Date;

/// Why [`read`](super::read) did not read a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// The text is not one of the written forms of a date, or holds more
    /// than a date (`2024-03-05 due`, `05.03.24`, `soon`).
    NotADate,
    /// A word stands where the month goes but is no month's name
    /// (`5 Smarch 2024`).
    UnknownMonth,
    /// The month or the day does not exist (`2023-02-29`, `2024-13-01`).
    NoSuchDay,
    /// The time of day or the zone offset does not exist (`25:00`,
    /// `13:30 pm`, `+25:00`).
    NoSuchTime,
    /// `03/05/2024` read under [`DateOrder::Refuse`](crate::DateOrder::Refuse):
    /// the month could be either number. Both readings are given.
    AmbiguousOrder { month_first: Date, day_first: Date },
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::NotADate => f.write_str("not a date"),
            DateError::UnknownMonth => f.write_str("unknown month name"),
            DateError::NoSuchDay => f.write_str("no such day in the calendar"),
            DateError::NoSuchTime => f.write_str("no such time of day"),
            DateError::AmbiguousOrder { month_first, day_first } => write!(
                f,
                "the day and month are ambiguous ({month_first} with the month first, {day_first} with the day \
                 first); write the year first"
            ),
        }
    }
}

impl std::error::Error for DateError {}
