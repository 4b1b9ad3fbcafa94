//! How large a value is, as the limits count it: a string's or bytes' length
//! in bytes; a list's or map's elements at 16 bytes each, plus what list
//! elements hold. Measuring takes time in proportion to the value, which its
//! builder has just spent anyway, but never more than a fixed number of steps
//! or levels: a value beyond them counts as larger than any limit.

use cel::common::types::{CelBytes, CelString, Kind};
use cel::common::value::Val;

/// What one element of a list or map counts for besides its content.
pub(crate) const ELEMENT_BYTES: u64 = 16;
/// What a number, a bool or another small value counts for.
const SCALAR_BYTES: u64 = 8;
/// Elements measured at most, across all levels.
const MAX_VISITS: u64 = 1 << 20;
/// Levels of nested lists measured; deeper ones count as one element.
const MAX_DEPTH: usize = 32;

/// The size of `value` in bytes, saturating at `u64::MAX`.
pub(crate) fn bytes_of(value: &dyn Val) -> u64 {
    let mut visits = MAX_VISITS;
    measure(value, 0, &mut visits)
}

fn measure(value: &dyn Val, depth: usize, visits: &mut u64) -> u64 {
    if let Some(text) = value.downcast_ref::<CelString>() {
        return text.inner().len() as u64;
    }
    if let Some(bytes) = value.downcast_ref::<CelBytes>() {
        return bytes.inner().len() as u64;
    }
    let kind = value.get_type().kind();
    if !matches!(kind, Kind::List | Kind::Map) || depth >= MAX_DEPTH {
        return SCALAR_BYTES;
    }
    let Some(items) = value.as_iterable() else { return SCALAR_BYTES };
    let mut items = items.iter();
    let mut total: u64 = 0;
    while let Some(item) = items.next() {
        if *visits == 0 {
            return u64::MAX;
        }
        *visits -= 1;
        // A map's iteration gives its keys; its values are measured where
        // they are built (map literals), and reading them would count as
        // reads of document fields.
        total = total.saturating_add(ELEMENT_BYTES).saturating_add(measure(item, depth + 1, visits));
    }
    total
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use cel::{Context, Value};

    use super::*;
    use crate::expression::env::env;

    fn size(source: &str) -> u64 {
        let env = env().unwrap();
        let program = env.compile(source).unwrap();
        let context = Context::with_env(Arc::clone(env));
        let value = Value::resolve_val(program.expression(), &context).unwrap();
        bytes_of(value.as_ref())
    }

    #[test]
    fn strings_count_their_bytes_and_lists_their_elements() {
        assert_eq!(size("'héllo'"), 6);
        assert_eq!(size("b'abc'"), 3);
        assert_eq!(size("1"), SCALAR_BYTES);
        assert_eq!(size("['ab', 'c']"), 2 * ELEMENT_BYTES + 3);
        assert_eq!(size("[[1, 2], []]"), 2 * ELEMENT_BYTES + 2 * (ELEMENT_BYTES + SCALAR_BYTES));
        assert_eq!(size("{'k': 'value'}"), ELEMENT_BYTES + 1);
    }

    #[test]
    fn a_list_beyond_the_measuring_steps_counts_as_larger_than_any_limit() {
        assert_eq!(size("lists.range(1000000)"), 1_000_000 * (ELEMENT_BYTES + SCALAR_BYTES));
        assert_eq!(size("[lists.range(1000000), lists.range(100000)]"), u64::MAX);
    }
}
