//! The written forms of a date, and which day each means.
//!
//! Every form is tried on the tokens; their shapes exclude each other, so at
//! most one matches. A form only says what was written ([`Written`]);
//! [`Written::resolve`] then checks the calendar and, for `a/b/yyyy`, applies
//! the [`DateOrder`].

use super::Date;
use super::error::DateError;
use super::tokens::{Cursor, SHORT, Unit, YEAR};
use crate::order::DateOrder;

/// A date as written, before the calendar is consulted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Written {
    /// Year, month and day, each in a known place.
    Ordered { year: u32, month: u32, day: u32 },
    /// `a/b/yyyy`, `a.b.yyyy`, `a-b-yyyy`: which of `first` and `second` is
    /// the month is still to be decided. `slashes` when a `/` separates them.
    YearLast { first: u32, second: u32, year: u32, slashes: bool },
    /// A named-month form whose month word is no month.
    UnknownMonth,
}

type Form = fn(&mut Cursor<'_>) -> Option<Written>;

/// Every form: `20240305`, `2024年3月5日`, `2024-03-05`, `05.03.2024`,
/// `5 March 2024`, `March 5, 2024`, `2024 Mar 5`.
const FORMS: [Form; 7] = [basic, chinese, year_first, year_last, day_month_year, month_day_year, year_month_day];

/// The date at the front of `cursor`, taking its tokens; `None` when no form
/// matches.
pub(super) fn written(cursor: &mut Cursor<'_>) -> Option<Written> {
    FORMS.iter().find_map(|form| {
        let mut attempt = *cursor;
        let written = form(&mut attempt)?;
        *cursor = attempt;
        Some(written)
    })
}

/// `20240305`.
fn basic(c: &mut Cursor<'_>) -> Option<Written> {
    let digits = c.number(8..=8)?;
    Some(Written::Ordered { year: digits / 10_000, month: digits / 100 % 100, day: digits % 100 })
}

/// `2024年3月5日`; the `日` (or `号`) may be left out.
fn chinese(c: &mut Cursor<'_>) -> Option<Written> {
    let year = c.number(YEAR)?;
    c.unit(Unit::Year)?;
    let month = c.number(SHORT)?;
    c.unit(Unit::Month)?;
    let day = c.number(SHORT)?;
    let _ = c.unit(Unit::Day);
    Some(Written::Ordered { year, month, day })
}

/// `2024-03-05`, `2024/3/5`, `2024.03.05`.
fn year_first(c: &mut Cursor<'_>) -> Option<Written> {
    let year = c.number(YEAR)?;
    let month = c.number(SHORT)?;
    let day = c.number(SHORT)?;
    Some(Written::Ordered { year, month, day })
}

/// `05.03.2024`, `05-03-2024`, `3/5/2024`.
fn year_last(c: &mut Cursor<'_>) -> Option<Written> {
    let first = c.number(SHORT)?;
    let mut slashes = c.next_mark() == Some('/');
    let second = c.number(SHORT)?;
    slashes |= c.next_mark() == Some('/');
    let year = c.number(YEAR)?;
    Some(Written::YearLast { first, second, year, slashes })
}

/// `5 March 2024`, `5th Mar 2024`, `05-Mar-2024`.
fn day_month_year(c: &mut Cursor<'_>) -> Option<Written> {
    let day = c.number(SHORT)?;
    let month = c.month_word()?;
    let year = c.number(YEAR)?;
    Some(named(year, month, day))
}

/// `March 5, 2024`, `Mar 5th 2024`.
fn month_day_year(c: &mut Cursor<'_>) -> Option<Written> {
    let month = c.month_word()?;
    let day = c.number(SHORT)?;
    let year = c.number(YEAR)?;
    Some(named(year, month, day))
}

/// `2024 Mar 5`, `2024-March-05`.
fn year_month_day(c: &mut Cursor<'_>) -> Option<Written> {
    let year = c.number(YEAR)?;
    let month = c.month_word()?;
    let day = c.number(SHORT)?;
    Some(named(year, month, day))
}

fn named(year: u32, month: Option<u32>, day: u32) -> Written {
    match month {
        Some(month) => Written::Ordered { year, month, day },
        None => Written::UnknownMonth,
    }
}

impl Written {
    /// The day meant, read with `order` where the order of day and month is
    /// open.
    ///
    /// With the year last, a reading that is no real date loses
    /// (`31/01/2024`, `01/31/2024`, `03.25.2024`); where both are real dates
    /// and differ, dots, dashes and spaces mean the day first, and slashes
    /// are read by `order`.
    pub(super) fn resolve(self, order: DateOrder) -> Result<Date, DateError> {
        match self {
            Written::Ordered { year, month, day } => date(year, month, day).ok_or(DateError::NoSuchDay),
            Written::UnknownMonth => Err(DateError::UnknownMonth),
            Written::YearLast { first, second, year, slashes } => {
                match (date(year, first, second), date(year, second, first)) {
                    (None, None) => Err(DateError::NoSuchDay),
                    (Some(only), None) | (None, Some(only)) => Ok(only),
                    (Some(month_first), Some(day_first)) if month_first == day_first => Ok(month_first),
                    (Some(_), Some(day_first)) if !slashes => Ok(day_first),
                    (Some(month_first), Some(day_first)) => match order {
                        DateOrder::MonthFirst => Ok(month_first),
                        DateOrder::DayFirst => Ok(day_first),
                        DateOrder::Refuse => Err(DateError::AmbiguousOrder { month_first, day_first }),
                    },
                }
            }
        }
    }
}

fn date(year: u32, month: u32, day: u32) -> Option<Date> {
    Date::new(i32::try_from(year).ok()?, month, day)
}
