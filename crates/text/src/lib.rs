//! Text as documents write it, read the same way everywhere in docreview:
//! extraction's `datetime` transform, the rule expressions' date helpers and
//! the API's time filters read dates with [`read`], and classification,
//! label matching and the expression helpers fold characters with [`fold`].
//!
//! ```
//! use docreview_text::{DateOrder, DateError, read};
//!
//! let day = read("Tue, 5 Mar 2024", DateOrder::default())?.date;
//! assert_eq!(read("2024年3月5日", DateOrder::default())?.date, day);
//! assert_eq!(read("03/05/2024", DateOrder::MonthFirst)?.date, day);
//! assert_eq!(read("05/03/2024", DateOrder::DayFirst)?.date, day);
//! assert!(matches!(read("03/05/2024", DateOrder::Refuse), Err(DateError::AmbiguousOrder { .. })));
//! assert_eq!(read("2024-03-05T18:20:30.5+08:00", DateOrder::Refuse)?.unix_ms(), 1_709_634_030_500);
//! # Ok::<(), DateError>(())
//! ```
//!
//! # Layout
//! - [`fold`]: the character folding — half-width, lower case, spaces.
//! - [`calendar`]: the proleptic Gregorian calendar as day numbers since
//!   1970-01-01: [`days_in_month`](calendar::days_in_month),
//!   [`days_from_civil`](calendar::days_from_civil),
//!   [`civil_from_days`](calendar::civil_from_days).
//! - [`order`]: [`DateOrder`], the policy for `03/05/2024`.
//! - [`date`]: [`read`], the reader of written dates, times and zones, giving
//!   a [`DateTime`] or a [`DateError`] that says why not.

pub mod calendar;
pub mod date;
pub mod fold;
pub mod order;

pub use date::{Date, DateError, DateTime, Time, read};
pub use order::{DateOrder, UnknownDateOrder};
