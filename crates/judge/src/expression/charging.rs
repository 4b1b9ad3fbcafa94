//! The functions an instrumented program calls (see
//! [`instrument`](super::instrument)): [`METERED`] charges for a value and
//! gives it back untouched; [`REPLACE`] is `replace` that refuses a result
//! over the limit before building it. Their names start with `@`, which CEL
//! source cannot spell, so rule writers cannot call them.

// Every overload takes its arguments as the `Vec` cel's `Function` type requires.
#![allow(clippy::needless_pass_by_value)]

use cel::common::types::{CelInt, CelString, DYN_TYPE};
use cel::common::value::CowVal;
use cel::{DeclarationError, Env, ExecutionError};

use super::instrument::{METERED, REPLACE};
use super::meter::{self, Stop};
use super::size::bytes_of;

type Args<'b, 'v> = Vec<CowVal<'b, 'v>>;
type Out<'b, 'v> = Result<CowVal<'b, 'v>, ExecutionError>;

/// Declares the functions on `env`.
pub(crate) fn declare(env: &mut Env) -> Result<(), DeclarationError> {
    env.add_overload(METERED, "@metered_dyn_string", vec![DYN_TYPE, DYN_TYPE], metered)?;
    env.add_overload(REPLACE, "@replace_3", vec![DYN_TYPE, DYN_TYPE, DYN_TYPE], replace)?;
    env.add_overload(REPLACE, "@replace_4", vec![DYN_TYPE, DYN_TYPE, DYN_TYPE, DYN_TYPE], replace)
}

/// `@metered(value, what)`: charges for `value`, built by `what`.
fn metered<'b, 'v>(mut args: Args<'b, 'v>) -> Out<'b, 'v> {
    let what = args.get(1).and_then(|w| w.downcast_ref::<CelString>()).map_or("a value", |w| w.inner());
    let bytes = args.first().map_or(0, |value| bytes_of(value.as_ref()));
    meter::build(what, bytes).map_err(stopped)?;
    args.truncate(1);
    args.pop().ok_or_else(|| ExecutionError::invalid_argument_count(2, 0))
}

/// `@replace(string, from, to)` and `@replace(string, from, to, n)`, as the
/// strings extension's `replace`: every occurrence, or the first `n` when
/// `n` is not negative; an empty `from` matches between characters.
fn replace<'b, 'v>(args: Args<'b, 'v>) -> Out<'b, 'v> {
    let text = |at: usize| {
        args.get(at).and_then(|value| value.downcast_ref::<CelString>()).map(CelString::inner).ok_or_else(|| {
            let types = args.iter().map(|a| a.get_type().name().to_owned()).collect();
            ExecutionError::no_such_overload("replace", types)
        })
    };
    let (this, from, to) = (text(0)?, text(1)?, text(2)?);
    let limit = match args.get(3) {
        None => None,
        Some(n) => {
            let n = n
                .downcast_ref::<CelInt>()
                .ok_or_else(|| ExecutionError::function_error("replace", "n must be an int"))?;
            usize::try_from(*n.inner()).ok()
        }
    };
    let occurrences = if from.is_empty() { this.chars().count() + 1 } else { this.matches(from).count() };
    let replaced = limit.map_or(occurrences, |n| n.min(occurrences)) as u64;
    let bytes = (this.len() as u64)
        .saturating_sub(replaced.saturating_mul(from.len() as u64))
        .saturating_add(replaced.saturating_mul(to.len() as u64));
    meter::build("replace", bytes).map_err(stopped)?;
    let result = match limit {
        Some(n) => this.replacen(from, to, n),
        None => this.replace(from, to),
    };
    Ok(CowVal::owned(CelString::from(result)))
}

/// The error that ends the evaluation; its outcome is replaced by the stop.
fn stopped(stop: Stop) -> ExecutionError {
    ExecutionError::function_error("limit", stop.to_string())
}
