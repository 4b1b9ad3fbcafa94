//! The step shape of `map` and `filter` comprehensions, which CEL's
//! interpreter runs by appending to its result in place: `accu + [items]`,
//! or `guard ? accu + [items] : accu`. Instrumenting keeps the shape, and the
//! estimate prices its steps by what they append.

use cel::IdedExpr;
use cel::common::ast::{Expr, operators};

/// The guard and appended elements of an appending step over `accu`.
pub(crate) fn appended<'e>(step: &'e IdedExpr, accu: &str) -> Option<(Option<&'e IdedExpr>, &'e [IdedExpr])> {
    let Expr::Call(call) = &step.expr else { return None };
    if call.target.is_some() {
        return None;
    }
    match (call.func_name.as_str(), call.args.as_slice()) {
        (operators::CONDITIONAL, [guard, appending, otherwise]) if is_ident(otherwise, accu) => {
            appended(appending, accu).map(|(_, items)| (Some(guard), items))
        }
        (operators::ADD, [left, right]) if is_ident(left, accu) => match &right.expr {
            Expr::List(list) => Some((None, list.elements.as_slice())),
            _ => None,
        },
        _ => None,
    }
}

/// [`appended`], to rewrite in place.
pub(crate) fn appended_mut<'e>(
    step: &'e mut IdedExpr,
    accu: &str,
) -> Option<(Option<&'e mut IdedExpr>, &'e mut [IdedExpr])> {
    let guarded = appended(step, accu)?.0.is_some();
    let Expr::Call(call) = &mut step.expr else { return None };
    if !guarded {
        return list_elements(call.args.get_mut(1)?).map(|items| (None, items));
    }
    let [guard, appending, _] = call.args.as_mut_slice() else { return None };
    let Expr::Call(add) = &mut appending.expr else { return None };
    Some((Some(guard), list_elements(add.args.get_mut(1)?)?))
}

fn list_elements(expr: &mut IdedExpr) -> Option<&mut [IdedExpr]> {
    match &mut expr.expr {
        Expr::List(list) => Some(list.elements.as_mut_slice()),
        _ => None,
    }
}

pub(crate) fn is_ident(expr: &IdedExpr, name: &str) -> bool {
    matches!(&expr.expr, Expr::Ident(ident) if ident == name)
}
