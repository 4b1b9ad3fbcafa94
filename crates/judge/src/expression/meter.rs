//! The count an evaluation keeps of what it spends, against its
//! [`ExpressionLimits`].
//!
//! The CEL interpreter has no hooks of its own, so the program is rewritten
//! when it is compiled (see [`instrument`](super::instrument)) to call
//! functions of ours at every loop step and around every value it builds;
//! those functions charge the meter of the thread they run on. An evaluation
//! runs on one thread from start to end, so a thread-local meter is the
//! evaluation's own. Once a limit is hit, every further charge fails, so each
//! loop still running stops at its next step, and the evaluation's outcome is
//! replaced by why it was stopped, even where CEL would have absorbed the
//! error (`error || true` is `true`).

use std::cell::RefCell;
use std::fmt;
use std::time::{Duration, Instant};

use super::limits::ExpressionLimits;

/// Why an evaluation was stopped before its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Stop {
    Cost { limit: u64 },
    Value { function: String, bytes: u64, limit: u64 },
    Time { limit_ms: u64 },
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::Cost { limit } => write!(
                f,
                "the expression used more than {limit} cost units (limit `limits.expression_cost`); \
                 loop steps and the values built cost units, nested loops multiply them"
            ),
            Stop::Value { function, bytes, limit } => write!(
                f,
                "{function} would build a value of {bytes} bytes, more than {limit} \
                 (limit `limits.expression_value_bytes`)"
            ),
            Stop::Time { limit_ms } => {
                write!(f, "the expression ran for more than {limit_ms} ms (limit `limits.expression_time_ms`)")
            }
        }
    }
}

#[derive(Debug)]
struct Meter {
    limits: ExpressionLimits,
    used: u64,
    deadline: Instant,
    stop: Option<Stop>,
}

thread_local! {
    static METER: RefCell<Option<Meter>> = const { RefCell::new(None) };
}

/// Runs `work` with a fresh meter for `limits` on this thread; its result,
/// and why it was stopped if it was.
pub(crate) fn metered<T>(limits: &ExpressionLimits, work: impl FnOnce() -> T) -> (T, Option<Stop>) {
    let meter = Meter {
        limits: *limits,
        used: 0,
        deadline: Instant::now() + Duration::from_millis(limits.time_ms),
        stop: None,
    };
    let installed = Installed(METER.replace(Some(meter)));
    let result = work();
    let stop = METER.with_borrow_mut(|meter| meter.as_mut().and_then(|m| m.stop.take()));
    drop(installed);
    (result, stop)
}

/// Puts the previous meter back, also when `work` unwinds.
struct Installed(Option<Meter>);

impl Drop for Installed {
    fn drop(&mut self) {
        METER.set(self.0.take());
    }
}

/// Refuses a value of `bytes` that `function` is about to build, or has
/// built, when it is over the limit; otherwise charges for it. Without a
/// meter (code that is not an evaluation, such as the name check) nothing is
/// counted.
pub(crate) fn build(function: &str, bytes: u64) -> Result<(), Stop> {
    METER.with_borrow_mut(|meter| match meter {
        Some(meter) => {
            if bytes > meter.limits.value_bytes {
                let limit = meter.limits.value_bytes;
                return Err(meter.stopped(Stop::Value { function: function.to_owned(), bytes, limit }));
            }
            meter.charge(units(bytes))
        }
        None => Ok(()),
    })
}

/// The units a value of `bytes` costs.
pub(crate) fn units(bytes: u64) -> u64 {
    1 + bytes / 64
}

impl Meter {
    fn charge(&mut self, units: u64) -> Result<(), Stop> {
        if let Some(stop) = &self.stop {
            return Err(stop.clone());
        }
        self.used = self.used.saturating_add(units);
        if self.used > self.limits.cost {
            let limit = self.limits.cost;
            return Err(self.stopped(Stop::Cost { limit }));
        }
        if Instant::now() > self.deadline {
            let limit_ms = self.limits.time_ms;
            return Err(self.stopped(Stop::Time { limit_ms }));
        }
        Ok(())
    }

    fn stopped(&mut self, stop: Stop) -> Stop {
        self.stop.get_or_insert(stop).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(cost: u64) -> ExpressionLimits {
        ExpressionLimits { cost, value_bytes: 1_000_000, time_ms: 60_000 }
    }

    /// Spends `units` units.
    fn spend(units: u64) -> Result<(), Stop> {
        build("test", (units - 1) * 64)
    }

    #[test]
    fn charges_past_the_budget_stop_the_evaluation_and_every_later_charge() {
        let (results, stop) = metered(&limits(10), || [spend(6), spend(4), spend(1), spend(1)]);
        assert_eq!(results[..2], [Ok(()), Ok(())]);
        assert_eq!(results[2], Err(Stop::Cost { limit: 10 }));
        assert_eq!(results[3], Err(Stop::Cost { limit: 10 }), "a stopped meter refuses everything");
        assert_eq!(stop, Some(Stop::Cost { limit: 10 }));
    }

    #[test]
    fn a_value_over_the_limit_is_refused_before_it_is_charged() {
        let limits = ExpressionLimits { value_bytes: 1000, ..limits(1_000_000) };
        let (result, stop) = metered(&limits, || (build("join", 1000), build("replace", 1001)));
        assert_eq!(result.0, Ok(()));
        let expected = Stop::Value { function: "replace".into(), bytes: 1001, limit: 1000 };
        assert_eq!(result.1, Err(expected.clone()));
        assert_eq!(stop, Some(expected));
    }

    #[test]
    fn the_deadline_stops_an_evaluation() {
        let limits = ExpressionLimits { time_ms: 0, ..limits(100) };
        let (_, stop) = metered(&limits, || {
            std::thread::sleep(Duration::from_millis(2));
            spend(1)
        });
        assert_eq!(stop, Some(Stop::Time { limit_ms: 0 }));
    }

    #[test]
    fn without_a_meter_nothing_is_counted_and_meters_do_not_leak_between_evaluations() {
        assert_eq!(build("test", u64::MAX), Ok(()));
        let (_, stop) = metered(&limits(1), || spend(5));
        assert!(stop.is_some());
        let (result, stop) = metered(&limits(10), || spend(5));
        assert_eq!((result, stop), (Ok(()), None));
        assert_eq!(build("test", u64::MAX), Ok(()));
    }

    #[test]
    fn the_meter_is_put_back_when_the_work_panics() {
        let unwound = std::panic::catch_unwind(|| metered(&limits(1), || panic!("boom")));
        assert!(unwound.is_err());
        assert_eq!(build("test", u64::MAX), Ok(()));
    }
}
