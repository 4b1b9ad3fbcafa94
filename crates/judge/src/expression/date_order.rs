//! The date order of the evaluation running on this thread, for the date
//! helpers (`date()`, `days_between()`): CEL calls a helper with its
//! arguments only, so the order of the context being judged is put where the
//! helpers find it, for the length of the evaluation. As for the meter, an
//! evaluation runs on one thread from start to end, so a thread-local order
//! is the evaluation's own.

use std::cell::Cell;

use docreview_text::DateOrder;

thread_local! {
    static ORDER: Cell<DateOrder> = const { Cell::new(DateOrder::MonthFirst) };
}

/// Runs `work` with `order` as this thread's date order; the previous one
/// is put back afterwards, also when `work` unwinds.
pub(crate) fn with_date_order<T>(order: DateOrder, work: impl FnOnce() -> T) -> T {
    let _restore = Restore(ORDER.replace(order));
    work()
}

/// The order the date helpers read with: the context's during an
/// evaluation, the default elsewhere.
pub(crate) fn date_order() -> DateOrder {
    ORDER.get()
}

struct Restore(DateOrder);

impl Drop for Restore {
    fn drop(&mut self) {
        ORDER.set(self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_holds_for_the_work_and_is_put_back_after_it() {
        assert_eq!(date_order(), DateOrder::MonthFirst);
        let inner = with_date_order(DateOrder::DayFirst, || {
            let nested = with_date_order(DateOrder::Refuse, date_order);
            (date_order(), nested)
        });
        assert_eq!(inner, (DateOrder::DayFirst, DateOrder::Refuse));
        assert_eq!(date_order(), DateOrder::MonthFirst);
        let unwound = std::panic::catch_unwind(|| with_date_order(DateOrder::Refuse, || panic!("boom")));
        assert!(unwound.is_err());
        assert_eq!(date_order(), DateOrder::MonthFirst);
    }
}
