//! The helper functions rule writers call, declared as overloads of the
//! shared environment. Each takes `dyn` arguments and checks them itself, so
//! a wrong argument gets a message about the helper (`money(): "N/A" is not
//! a money amount`) rather than a bare "no matching overload". Numbers may
//! be given as strings wherever an amount is expected: they are read as money.

// Every overload takes its arguments as the `Vec` cel's `Function` type requires.
#![allow(clippy::needless_pass_by_value)]

use cel::common::types::{CelBool, CelDouble, CelInt, CelString, CelUInt, DYN_TYPE, Type};
use cel::common::value::{CowVal, Val};
use cel::{DeclarationError, Env, ExecutionError};

use docreview_text::fold::fold;

use super::date_order::date_order;
use crate::values::{ValueError, parse_date, parse_money, parse_number, parse_percent};

/// Two amounts are the same money when they differ by at most half a cent.
pub(crate) const MONEY_TOLERANCE: f64 = 0.005;
/// Absorbs binary rounding: `795.0 * 0.19` is `151.04999999999998`.
const EPSILON: f64 = 1e-9;

type Args<'b, 'v> = Vec<CowVal<'b, 'v>>;
type Out<'b, 'v> = Result<CowVal<'b, 'v>, ExecutionError>;
type Overload = for<'b, 'v> fn(Args<'b, 'v>) -> Out<'b, 'v>;

/// The helpers by name, with their number of arguments.
pub(crate) const HELPERS: [(&str, usize, Overload); 11] = [
    ("money", 1, money),
    ("number", 1, number),
    ("percent", 1, percent),
    ("date", 1, date),
    ("days_between", 2, days_between),
    ("present", 1, present),
    ("money_eq", 2, money_eq),
    ("approx", 3, approx),
    ("round", 2, round),
    ("sum", 1, sum),
    ("contains_any", 2, contains_any),
];

/// Declares every helper on `env`.
pub(crate) fn declare(env: &mut Env) -> Result<(), DeclarationError> {
    for (name, arity, overload) in HELPERS {
        let types: Vec<Type> = (0..arity).map(|_| DYN_TYPE).collect();
        env.add_overload(name, &format!("{name}_dyn"), types, overload)?;
    }
    Ok(())
}

fn fail(function: &str, message: impl ToString) -> ExecutionError {
    ExecutionError::function_error(function, message)
}

fn arg<'a, 'b, 'v>(args: &'a [CowVal<'b, 'v>], at: usize, function: &str) -> Result<&'a dyn Val, ExecutionError> {
    args.get(at).map(|a| a.as_ref() as &dyn Val).ok_or_else(|| fail(function, "missing argument"))
}

fn text(value: &dyn Val) -> Option<&str> {
    value.downcast_ref::<CelString>().map(CelString::inner)
}

/// A number given as a number, or a string read by `parse`.
fn numeric(function: &str, value: &dyn Val, parse: fn(&str) -> Result<f64, ValueError>) -> Result<f64, ExecutionError> {
    if let Some(text) = text(value) {
        return parse(text).map_err(|e| fail(function, e));
    }
    if let Some(d) = value.downcast_ref::<CelDouble>() {
        return Ok(*d.inner());
    }
    if let Some(i) = value.downcast_ref::<CelInt>() {
        return Ok(*i.inner() as f64);
    }
    if let Some(u) = value.downcast_ref::<CelUInt>() {
        return Ok(*u.inner() as f64);
    }
    Err(fail(function, format!("expects a string or a number, got a {}", value.get_type().name())))
}

fn day(function: &str, value: &dyn Val) -> Result<i64, ExecutionError> {
    if let Some(text) = text(value) {
        return parse_date(text, date_order()).map_err(|e| fail(function, e));
    }
    if let Some(i) = value.downcast_ref::<CelInt>() {
        return Ok(*i.inner());
    }
    Err(fail(function, format!("expects a date string or a day number, got a {}", value.get_type().name())))
}

fn double<'b, 'v>(value: f64) -> Out<'b, 'v> {
    Ok(CowVal::owned(CelDouble::from(value)))
}

fn boolean<'b, 'v>(value: bool) -> Out<'b, 'v> {
    Ok(CowVal::owned(CelBool::from(value)))
}

fn money<'b, 'v>(args: Args<'b, 'v>) -> Out<'b, 'v> {
    double(numeric("money", arg(&args, 0, "money")?, parse_money)?)
}

fn number<'b, 'v>(args: Args<'b, 'v>) -> Out<'b, 'v> {
    double(numeric("number", arg(&args, 0, "number")?, parse_number)?)
}

fn percent<'b, 'v>(args: Args<'b, 'v>) -> Out<'b, 'v> {
    let value = arg(&args, 0, "percent")?;
    match text(value) {
        Some(text) => double(parse_percent(text).map_err(|e| fail("percent", e))?),
        None => {
            let n = numeric("percent", value, parse_percent)?;
            double(if n > 1.0 { n / 100.0 } else { n })
        }
    }
}

fn date<'b, 'v>(args: Args<'b, 'v>) -> Out<'b, 'v> {
    Ok(CowVal::owned(CelInt::from(day("date", arg(&args, 0, "date")?)?)))
}

fn days_between<'b, 'v>(args: Args<'b, 'v>) -> Out<'b, 'v> {
    let from = day("days_between", arg(&args, 0, "days_between")?)?;
    let to = day("days_between", arg(&args, 1, "days_between")?)?;
    Ok(CowVal::owned(CelInt::from(to - from)))
}

fn present<'b, 'v>(args: Args<'b, 'v>) -> Out<'b, 'v> {
    let value = arg(&args, 0, "present")?;
    let present = match text(value) {
        Some(text) => !text.trim().is_empty(),
        None => match value.as_sizer() {
            Some(sizer) => *sizer.size().inner() > 0,
            None => value.downcast_ref::<cel::common::types::CelNull>().is_none(),
        },
    };
    boolean(present)
}

fn money_eq<'b, 'v>(args: Args<'b, 'v>) -> Out<'b, 'v> {
    let a = numeric("money_eq", arg(&args, 0, "money_eq")?, parse_money)?;
    let b = numeric("money_eq", arg(&args, 1, "money_eq")?, parse_money)?;
    boolean((a - b).abs() <= MONEY_TOLERANCE + EPSILON)
}

fn approx<'b, 'v>(args: Args<'b, 'v>) -> Out<'b, 'v> {
    let a = numeric("approx", arg(&args, 0, "approx")?, parse_money)?;
    let b = numeric("approx", arg(&args, 1, "approx")?, parse_money)?;
    let tolerance = numeric("approx", arg(&args, 2, "approx")?, parse_number)?;
    if tolerance < 0.0 {
        return Err(fail("approx", "the tolerance must not be negative"));
    }
    boolean((a - b).abs() <= tolerance + EPSILON * a.abs().max(b.abs()).max(1.0))
}

fn round<'b, 'v>(args: Args<'b, 'v>) -> Out<'b, 'v> {
    let value = numeric("round", arg(&args, 0, "round")?, parse_money)?;
    let digits = arg(&args, 1, "round")?
        .downcast_ref::<CelInt>()
        .map(|i| *i.inner())
        .filter(|d| (0..=9).contains(d))
        .ok_or_else(|| fail("round", "the number of decimals must be an int from 0 to 9"))?;
    let scale = 10f64.powi(digits as i32);
    double((value * scale + value.signum() * EPSILON).round() / scale)
}

fn sum<'b, 'v>(args: Args<'b, 'v>) -> Out<'b, 'v> {
    let list = arg(&args, 0, "sum")?;
    let items =
        list.as_iterable().ok_or_else(|| fail("sum", format!("expects a list, got a {}", list.get_type().name())))?;
    let mut items = items.iter();
    let mut total = 0.0;
    while let Some(item) = items.next() {
        total += numeric("sum", item, parse_money)?;
    }
    double(total)
}

fn contains_any<'b, 'v>(args: Args<'b, 'v>) -> Out<'b, 'v> {
    let haystack = arg(&args, 0, "contains_any")?;
    let haystack = text(haystack).ok_or_else(|| fail("contains_any", "expects a string as its first argument"))?;
    let haystack = fold(haystack);
    let needles = arg(&args, 1, "contains_any")?;
    let needles = needles
        .as_iterable()
        .ok_or_else(|| fail("contains_any", "expects a list of strings as its second argument"))?;
    let mut needles = needles.iter();
    while let Some(needle) = needles.next() {
        let needle =
            text(needle).ok_or_else(|| fail("contains_any", "expects a list of strings as its second argument"))?;
        if !needle.trim().is_empty() && haystack.contains(&fold(needle)) {
            return boolean(true);
        }
    }
    boolean(false)
}
