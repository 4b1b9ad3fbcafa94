//! Reading values out of document strings: amounts of money, plain numbers,
//! percentages and dates as they are written on invoices and contracts, in
//! several conventions. The expression helpers (`money()`, `date()`, …) and
//! nothing else call these; they are plain functions so that each format can
//! be tested without CEL.

mod chinese;
mod date;
mod error;
mod number;
mod percent;

pub(crate) use date::parse_date;
pub(crate) use error::ValueError;
pub(crate) use number::{parse_money, parse_number};
pub(crate) use percent::parse_percent;
