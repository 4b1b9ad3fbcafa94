//! The time of day after a date, and its zone: `14:30`, `14:30:15`,
//! `14:30:15.250`, `2:30 pm`, `2:30 p.m.`, `14时30分`, `14点30分15秒`; after
//! the colon forms an offset may follow — `Z`, `UTC`, `GMT`, `+08:00`,
//! `-0500`, `+8`, `GMT+08:00`.

use super::Time;
use super::error::DateError;
use super::tokens::{Cursor, Digits, SHORT, TWO, Unit};

/// A time of day as written, before it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Clock {
    hour: u32,
    minute: u32,
    second: u32,
    nanosecond: u32,
    /// `Some(true)` for pm.
    meridiem: Option<bool>,
    offset: Option<Offset>,
}

/// An offset as written: west of UTC (`-`) or not, hours, minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Offset {
    west: bool,
    hours: u32,
    minutes: u32,
}

type Form = fn(&mut Cursor<'_>) -> Option<Clock>;

/// The time at the front of `cursor`, taking its tokens; `None` when what
/// follows is not a time.
pub(super) fn written(cursor: &mut Cursor<'_>) -> Option<Clock> {
    const FORMS: [Form; 2] = [chinese, colons];
    FORMS.iter().find_map(|form| {
        let mut attempt = *cursor;
        let clock = form(&mut attempt)?;
        *cursor = attempt;
        Some(clock)
    })
}

/// `14:30`, `14:30:15.5`, `2:30 pm`, each with an optional zone.
fn colons(c: &mut Cursor<'_>) -> Option<Clock> {
    let hour = c.number(SHORT)?;
    let minute = c.number_after(TWO, &[':'])?;
    let second = c.number_after(TWO, &[':']);
    let fraction = second.and_then(|_| c.digits_after(&['.', ',']));
    let meridiem = c.meridiem();
    let offset = zone(c);
    Some(Clock {
        hour,
        minute,
        second: second.unwrap_or(0),
        nanosecond: fraction.map_or(0, Digits::billionths),
        meridiem,
        offset,
    })
}

/// `14时30分`, `14点30分15秒` (`分` may be left out when no seconds follow).
fn chinese(c: &mut Cursor<'_>) -> Option<Clock> {
    let hour = c.number(SHORT)?;
    c.unit(Unit::Hour)?;
    let minute = c.number(SHORT)?;
    let mut second = 0;
    if c.unit(Unit::Minute).is_some() {
        let mut attempt = *c;
        if let Some(s) = attempt.number(SHORT).filter(|_| attempt.unit(Unit::Second).is_some()) {
            second = s;
            *c = attempt;
        }
    }
    Some(Clock { hour, minute, second, nanosecond: 0, meridiem: None, offset: None })
}

/// A zone, taken only when it is whole: `Z`, `UTC`, `GMT`, `+08:00`, `+0800`,
/// `+8`, `UTC+8`.
fn zone(cursor: &mut Cursor<'_>) -> Option<Offset> {
    let mut c = *cursor;
    let utc = c.utc().is_some();
    let offset = match c.signed() {
        None if utc => Offset { west: false, hours: 0, minutes: 0 },
        None => return None,
        Some((west, digits)) => {
            let value = digits.value()?;
            match digits.len {
                1 | 2 => Offset { west, hours: value, minutes: c.number_after(TWO, &[':']).unwrap_or(0) },
                4 => Offset { west, hours: value / 100, minutes: value % 100 },
                _ => return None,
            }
        }
    };
    *cursor = c;
    Some(offset)
}

impl Clock {
    /// The time of day and the offset from UTC in minutes, if the clock
    /// and the zone exist. A second of 60 is a leap second, as RFC 3339 allows.
    pub(super) fn resolve(self) -> Result<(Time, Option<i32>), DateError> {
        let hour = match self.meridiem {
            None => self.hour,
            Some(pm) if (1..=12).contains(&self.hour) => self.hour % 12 + if pm { 12 } else { 0 },
            Some(_) => return Err(DateError::NoSuchTime),
        };
        if hour > 23 || self.minute > 59 || self.second > 60 {
            return Err(DateError::NoSuchTime);
        }
        let offset = match self.offset {
            None => None,
            Some(Offset { hours, minutes, .. }) if hours > 23 || minutes > 59 => return Err(DateError::NoSuchTime),
            Some(Offset { west, hours, minutes }) => {
                // At most 23 × 60 + 59: fits.
                let minutes = (hours * 60 + minutes) as i32;
                Some(if west { -minutes } else { minutes })
            }
        };
        let time = Time { hour, minute: self.minute, second: self.second, nanosecond: self.nanosecond };
        Ok((time, offset))
    }
}
