//! Which of two numbers is the month when a date is written with the year
//! last and slashes, `03/05/2024`: the United States read 5 March, most of the
//! world 3 May. [`DateOrder`] is the policy a workspace chooses; the reader
//! applies it only where both readings are real dates.

use std::fmt;
use std::str::FromStr;

/// How `a/b/yyyy` is read when both `a` and `b` could be the month.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum DateOrder {
    /// `03/05/2024` is 5 March (as in the United States).
    #[default]
    MonthFirst,
    /// `03/05/2024` is 3 May (as in most of Europe, Latin America, India).
    DayFirst,
    /// `03/05/2024` is not read: an error says why and how to write it.
    Refuse,
}

impl DateOrder {
    /// Every order, the default first.
    pub const ALL: [DateOrder; 3] = [DateOrder::MonthFirst, DateOrder::DayFirst, DateOrder::Refuse];

    /// The name the API, the configuration and the database use.
    pub fn name(self) -> &'static str {
        match self {
            DateOrder::MonthFirst => "month_first",
            DateOrder::DayFirst => "day_first",
            DateOrder::Refuse => "refuse",
        }
    }

    /// The order named `name` (exactly as [`DateOrder::name`] spells it).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|order| order.name() == name)
    }
}

impl fmt::Display for DateOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not a [`DateOrder`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownDateOrder(pub String);

impl fmt::Display for UnknownDateOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "must be month_first, day_first or refuse, got {:?}", self.0)
    }
}

impl std::error::Error for UnknownDateOrder {}

impl FromStr for DateOrder {
    type Err = UnknownDateOrder;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::from_name(name).ok_or_else(|| UnknownDateOrder(name.to_owned()))
    }
}

impl TryFrom<String> for DateOrder {
    type Error = UnknownDateOrder;

    fn try_from(name: String) -> Result<Self, Self::Error> {
        Self::from_name(&name).ok_or(UnknownDateOrder(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_and_month_first_is_the_default() {
        for order in DateOrder::ALL {
            assert_eq!(order.name().parse(), Ok(order));
            assert_eq!(DateOrder::try_from(order.to_string()), Ok(order));
        }
        assert_eq!(DateOrder::default(), DateOrder::MonthFirst);
        assert_eq!(DateOrder::ALL[0], DateOrder::default());
    }

    #[test]
    fn unknown_names_are_refused_with_the_names_that_exist() {
        for name in ["", "Month_First", "dmy", "month-first"] {
            let error = name.parse::<DateOrder>().expect_err(name);
            assert_eq!(error.to_string(), format!("must be month_first, day_first or refuse, got {name:?}"));
        }
    }
}
